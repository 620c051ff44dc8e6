"""Valid F# must type-check: no false positives in type inference (issue 11, first step).

Inference that fails on a valid program does not reject it -- the program silently runs on the
slower dynamic path -- so each program here is checked to be typed, and to print the same on
the typed path as on the dynamic one.

:data:`FSHARP` holds programs the F# compiler accepts as they are.  :data:`DIALECT` holds
programs that are F# except for Fusabi's library names: ``Char.isLetter``/``Char.toUpper``...
for ``System.Char.IsLetter``/``System.Char.ToUpper``, ``String.ofArray`` for
``System.String``, ``String.join sep`` for F#'s ``String.concat sep`` (Fusabi's
``String.concat`` takes one list, as upstream's does).  The false positives fixed: a ``string``
where a ``char seq`` is expected, an array or set where Fusabi's ``String.join``/``String.concat``
take a ``string seq``, ``s.[0]`` on a value whose type is known only after the indexing is
inferred (``names |> List.map (fun n -> n.[0])``), and an annotation on the last item of a
tuple pattern (``fun (key, value: string) -> ...``).
"""

from __future__ import annotations

import textwrap

import pytest

import fusabi_host

DYNAMIC_MARKER = 'let dynamicMarker = [1; "a"]\n'  # an ill-typed line: the unit runs untyped

FSHARP = [
    """\
let vowels (s: string) = s |> Seq.filter (fun c -> "aeiou".Contains(string c)) |> Seq.length
printfn "%d" (vowels "education")
""",
    """\
let chars = "hello" |> Seq.toList
printfn "%A" chars
""",
    """\
let mutable n = 0
for c in "banana" do
    if c = 'a' then n <- n + 1
printfn "%d" n
""",
    """\
let first (w: string) = w.[0]
printfn "%c" (first "xyz")
""",
    """\
let show = fun (key, value: string) -> sprintf "%s=%s" key value
printfn "%s" (show ("a", "b"))
""",
    """\
let pairs = [ ("a", 1); ("b", 2) ]
pairs |> List.iter (fun (k: string, v) -> printfn "%s %d" k v)
""",
    """\
type Person = { Name: string; Age: int }
let people = [ { Name = "Ann"; Age = 30 }; { Name = "Bob"; Age = 25 } ]
let names = people |> List.filter (fun p -> p.Age > 26) |> List.map (fun p -> p.Name)
printfn "%A" names
""",
    """\
type Person = { Name: string; Age: int }
let older p = { p with Age = p.Age + 1 }
let p = older { Name = "A"; Age = 1 }
printfn "%d" p.Age
""",
    """\
let m = Map.ofList [ ("a", 1); ("b", 2) ]
match Map.tryFind "a" m with
| Some v -> printfn "%d" v
| None -> printfn "none"
""",
    """\
let m = Map.empty |> Map.add "k" 3 |> Map.add "j" 4
m |> Map.iter (fun k v -> printfn "%s %d" k v)
""",
    """\
let total = [1; 2; 3] |> List.map (fun x -> x * x) |> List.sum
printfn "%d" total
""",
    """\
let safeDiv a b = if b = 0 then None else Some (a / b)
let r = safeDiv 10 2 |> Option.map (fun x -> x + 1) |> Option.defaultValue 0
printfn "%d" r
""",
    """\
let wordCount (text: string) =
    text.Split(' ')
    |> Array.filter (fun w -> w <> "")
    |> Array.countBy id
    |> Array.sortBy fst
printfn "%A" (wordCount "a b a c b a")
""",
    """\
type Shape =
    | Circle of float
    | Rect of float * float
let area s =
    match s with
    | Circle r -> 3.0 * r * r
    | Rect (w, h) -> w * h
printfn "%.1f" (area (Rect (2.0, 3.0)))
""",
    """\
let rec fact n = if n <= 1 then 1 else n * fact (n - 1)
printfn "%d" (fact 5)
""",
    """\
let sumPairs (ps: (int * int) list) = ps |> List.sumBy (fun (a, b) -> a + b)
printfn "%d" (sumPairs [ (1, 2); (3, 4) ])
""",
    """\
let tail (s: string) = s.[1..]
let mid (s: string) = s.[1..2]
printfn "%s %s" (tail "abcd") (mid "abcd")
""",
    """\
let grouped = [ "apple"; "avocado"; "banana" ] |> List.groupBy (fun w -> w.[0])
for (k, ws) in grouped do
    printfn "%c %d" k (List.length ws)
""",
    """\
let f (a: int, b: string) = string a + b
printfn "%s" (f (1, "x"))
""",
    """\
let g (a, b: int) = a + b
printfn "%d" (g (1, 2))
""",
    """\
let lengths = [| "aa"; "b" |] |> Array.map String.length
printfn "%A" lengths
""",
    """\
let trimAll (xs: string list) = xs |> List.map (fun s -> s.Trim())
printfn "%A" (trimAll [ " a "; "b " ])
""",
    """\
let counts = "hello" |> Seq.countBy id |> Seq.toList
printfn "%A" counts
""",
    """\
let containsX (s: string) = s |> Seq.exists (fun c -> c = 'x')
printfn "%b" (containsX "box")
""",
    """\
let opt = Some 3
let d = match opt with Some x when x > 2 -> "big" | Some _ -> "small" | None -> "none"
printfn "%s" d
""",
    """\
let cs = List.ofSeq "abc"
printfn "%A" cs
""",
    """\
let arr = Array.ofSeq "abc"
printfn "%A" arr
""",
    """\
let s = Set.ofSeq "hello"
printfn "%d" (Set.count s)
""",
    """\
let n = "hello" |> Seq.distinct |> Seq.length
printfn "%d" n
""",
    """\
let freq (s: string) = s |> Seq.groupBy id |> Seq.map (fun (c, xs) -> c, Seq.length xs) |> Map.ofSeq
printfn "%A" (freq "aab")
""",
    """\
let m = Map.ofList [ (1, "one"); (2, "two") ]
let keys = m |> Map.toList |> List.map fst
printfn "%A" keys
""",
    """\
let m = Map.ofList [ ("a", 1) ]
let v = m.["a"]
printfn "%d" v
""",
    """\
let m = Map.ofList [ ("a", 1) ]
let m2 = m |> Map.map (fun _ v -> v * 10)
printfn "%A" (Map.find "a" m2)
""",
    """\
type Item = { Name: string; Price: float; Qty: int }
let total (items: Item list) = items |> List.sumBy (fun i -> i.Price * float i.Qty)
printfn "%.2f" (total [ { Name = "a"; Price = 1.5; Qty = 2 } ])
""",
    """\
let xs = [ 3; 1; 2 ] |> List.sortDescending
printfn "%A" xs
""",
    """\
let words = "the quick brown fox".Split(' ') |> Array.toList |> List.map (fun w -> w.Length)
printfn "%A" words
""",
    """\
let o = Some "x" |> Option.bind (fun s -> if s = "" then None else Some s.Length)
printfn "%A" o
""",
    """\
let describe x =
    match x with
    | 0 -> "zero"
    | n when n < 0 -> "neg"
    | _ -> "pos"
printfn "%s" (describe (-3))
""",
    """\
let rec loop acc = function
    | [] -> acc
    | x :: rest -> loop (acc + x) rest
printfn "%d" (loop 0 [ 1; 2; 3 ])
""",
    """\
let bs = [ for c in "abc" -> int c ]
printfn "%A" bs
""",
    """\
let evens = [ for i in 1 .. 10 do if i % 2 = 0 then yield i ]
printfn "%A" evens
""",
    """\
let r : Result<int, string> = Ok 3
match r with
| Ok v -> printfn "%d" v
| Error e -> printfn "%s" e
""",
    """\
let arr = [| 1; 2; 3 |]
arr.[0] <- 10
printfn "%A" arr
""",
    """\
let swap (a, b) = (b, a)
printfn "%A" (swap (1, "x"))
""",
    """\
let s = "abc"
let n = String.length s + s.Length
printfn "%d" n
""",
    """\
let lines = [ "a=1"; "b=2" ] |> List.map (fun l -> let p = l.Split('=') in p.[0], int p.[1])
printfn "%A" lines
""",
    """\
let kv = [ "a", 1; "b", 2 ] |> List.map (fun (k, v: int) -> k + string v)
printfn "%A" kv
""",
    """\
let starts = [ "apple"; "berry" ] |> List.filter (fun w -> w.StartsWith "a")
printfn "%A" starts
""",
    """\
let e = "" |> Seq.isEmpty
printfn "%b" e
""",
    """\
let c = "abc" |> Seq.head
printfn "%c" c
""",
    """\
let sumChars = "abc" |> Seq.sumBy int
printfn "%d" sumChars
""",
    """\
let lens = [ "aa"; "b" ] |> List.map (fun s -> s.Length)
printfn "%A" lens
""",
    """\
let up = [ "aa"; "b" ] |> List.map (fun s -> s.ToUpper())
printfn "%A" up
""",
    """\
let firsts = [| "ab"; "cd" |] |> Array.map (fun s -> s.[0])
printfn "%A" firsts
""",
    """\
let rests = [ "ab"; "cd" ] |> List.map (fun s -> s.[1..])
printfn "%A" rests
""",
    """\
let n = "hello" |> Seq.fold (fun acc c -> if c = 'l' then acc + 1 else acc) 0
printfn "%d" n
""",
    """\
let m = Map.ofList [ ("a", 1); ("b", 2) ]
for (k, v) in Map.toList m do
    printfn "%s %d" k v
""",
    """\
let x = defaultArg None 5
printfn "%d" x
""",
    """\
let (a: int), b = 1, "x"
printfn "%d %s" a b
""",
    """\
let classify x y =
    match (x, y) with
    | 0, 0 -> "origin"
    | _, 0 | 0, _ -> "axis"
    | _ -> "plane"
printfn "%s" (classify 0 3)
""",
    """\
let rec isEven n = if n = 0 then true else isOdd (n - 1)
and isOdd n = if n = 0 then false else isEven (n - 1)
printfn "%b" (isEven 10)
""",
    """\
let inc = (+) 1
let f = inc >> string
printfn "%s" (f 2)
""",
    """\
let z = List.zip [ 1; 2 ] [ "a"; "b" ]
printfn "%A" z
""",
    """\
let sorted = [ ("b", 2); ("a", 1) ] |> List.sortBy snd |> List.map fst
printfn "%A" sorted
""",
    """\
type Tree =
    | Leaf
    | Node of Tree * int * Tree
let rec sum t =
    match t with
    | Leaf -> 0
    | Node (l, v, r) -> sum l + v + sum r
printfn "%d" (sum (Node (Leaf, 3, Node (Leaf, 4, Leaf))))
""",
    """\
let wordsOf (s: string) = s.Split([| ' ' |]) |> Array.filter (fun w -> w.Length > 0)
printfn "%A" (wordsOf "a  b")
""",
    """\
let count (c: char) (s: string) = s |> Seq.filter ((=) c) |> Seq.length
printfn "%d" (count 'a' "banana")
""",
    """\
type Account = { Id: int; Balance: float; Owner: string option }
let owner a = match a.Owner with Some o -> o | None -> "?"
printfn "%s" (owner { Id = 1; Balance = 0.0; Owner = Some "Ann" })
""",
    """\
let xs = [ 1; 2; 3 ]
let avg = xs |> List.map float |> List.average
printfn "%.1f" avg
""",
    """\
let tryHead xs = match xs with [] -> None | x :: _ -> Some x
printfn "%A" (tryHead [ 5 ])
""",
    """\
let keyed = [ "a"; "bb" ] |> List.map (fun w -> w.Length, w) |> Map.ofList
printfn "%A" (Map.tryFind 2 keyed)
""",
    """\
let idx = "hello".IndexOf('l')
printfn "%d" idx
""",
    """\
let rec countdown n =
    seq {
        if n > 0 then
            yield n
            yield! countdown (n - 1)
    }
printfn "%A" (countdown 3 |> Seq.toList)
""",
    """\
let s2 = [ "a"; "b" ] |> Seq.map (fun s -> s + "!") |> Seq.toList
printfn "%A" s2
""",
    """\
let pick (xs: int array) i = xs.[i]
printfn "%d" (pick [| 4; 5 |] 1)
""",
    """\
let mapped = [ 1; 2 ] |> List.mapi (fun i x -> i + x)
printfn "%A" mapped
""",
]

DIALECT = [
    """\
let countLetters (s: string) = s |> Seq.filter Char.isLetter |> Seq.length
printfn "%d" (countLetters "ab1c!")
""",
    """\
let upper = "abc" |> Seq.map Char.toUpper |> Seq.toArray |> String.ofArray
printfn "%s" upper
""",
    """\
let words = [| "x"; "y"; "z" |]
printfn "%s" (String.join "-" words)
""",
    """\
let capitalize (w: string) =
    if w.Length = 0 then w else string (Char.toUpper w.[0]) + w.[1..]
printfn "%s" (capitalize "hello")
""",
    """\
let rev (s: string) = s |> Seq.rev |> Seq.toArray |> String.ofArray
printfn "%s" (rev "abc")
""",
    """\
let isPal (s: string) =
    let cs = s |> Seq.filter Char.isLetterOrDigit |> Seq.map Char.toLower |> Seq.toList
    cs = List.rev cs
printfn "%b" (isPal "A man, a plan, a canal: Panama")
""",
    """\
let initials (names: string list) =
    names |> List.map (fun n -> n.[0]) |> List.toArray |> String.ofArray
printfn "%s" (initials [ "Ann"; "Bob" ])
""",
    """\
let digits (s: string) =
    s |> Seq.filter Char.isDigit |> Seq.map (fun c -> int c - int '0') |> Seq.sum
printfn "%d" (digits "a1b2c3")
""",
    """\
let firstUpper = "hello World" |> Seq.tryFind Char.isUpper
printfn "%A" firstUpper
""",
    """\
let toUpperAll (s: string) = String.map Char.toUpper s
printfn "%s" (toUpperAll "abc")
""",
    """\
let digitsOnly (s: string) = s |> Seq.forall Char.isDigit
printfn "%b" (digitsOnly "123")
""",
    """\
let chars2 = [ for c in "ab" do yield Char.toUpper c ]
printfn "%A" chars2
""",
]

ILL_TYPED = [
    'let x = 1 + "a"',
    'let xs = List.map (fun x -> x + 1) ["a"]',
    'printfn "%d" "three"',
    'let n = "abc" |> List.length',
    "let f (s: string) = s.[0] + 1",
    'let j = String.join "," [1; 2]',
    "let g = fun (a, b: string) -> a + b + 1",
    'let h = "abc" |> Seq.map (fun c -> c + 1) |> Seq.toList',
    'let k = [ "ab" ] |> List.map (fun s -> s.[0] + 1)',
    'let b = if true then 1 else "one"',
    "let c = Seq.length 5",
    "let d = String.concat [ 1 ]",
    'let e = String.join "-" (Map.ofList [ ("b", 1) ])',
]


def _source(text: str) -> str:
    return textwrap.dedent(text).strip("\n") + "\n"


def _output(text: str) -> str:
    out: list[str] = []
    fusabi_host.compile_source(text, type_check="warn").instantiate(stdout=out.append)
    return "".join(out)


def _ids(programs: list[str]) -> list[str]:
    return [f"{i}:{p.splitlines()[0][:40]}" for i, p in enumerate(programs)]


CORPUS = pytest.mark.parametrize("text", FSHARP + DIALECT, ids=_ids(FSHARP + DIALECT))


def test_corpus_size() -> None:
    assert len(FSHARP) + len(DIALECT) >= 60


@CORPUS
def test_valid_program_is_typed(text: str) -> None:
    unit = fusabi_host.compile_source(_source(text))
    assert unit.typed is True, unit.type_error


@CORPUS
def test_typed_path_prints_what_the_dynamic_path_prints(text: str) -> None:
    source = _source(text)
    dynamic = DYNAMIC_MARKER + source
    assert not fusabi_host.compile_source(dynamic, type_check="warn").typed
    assert _output(source) == _output(dynamic)


@pytest.mark.parametrize("text", ILL_TYPED)
def test_ill_typed_program_is_refused(text: str) -> None:
    with pytest.raises(fusabi_host.CompileError):
        fusabi_host.compile_source(_source(text))
    assert fusabi_host.compile_source(_source(text), type_check="warn").typed is False


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("let f = fun (key, value: string) -> key + value.Length", "int * string -> int"),
        ("let g (a, b: int) = a + b", "int * int -> int"),
        ("let h ((a, b): int * string) = a", "int * string -> int"),
        ("let k (a, b: int, c: string) = a + b", "int * int * string -> int"),
        ('let s = "abc" |> Seq.filter Char.isLetter |> Seq.toList', "char list"),
        ('let j = String.join ", " [| "a"; "b" |]', "string"),
        (
            "let i (names: string list) = names |> List.map (fun n -> n.[0])",
            "string list -> char list",
        ),
        ("let a xs = xs.[0] + 1", "int array -> int"),
    ],
)
def test_inferred_types(text: str, expected: str) -> None:
    unit = fusabi_host.compile_source(text + "\n")
    assert unit.typed is True, unit.type_error
    name = text.split()[1]
    assert unit.type_of(name) == expected
