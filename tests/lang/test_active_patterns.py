"""F# active patterns: total single-case ``(|Name|)``, total multi-case ``(|A|B|)`` (bare
cases and cases with a value), partial ``(|Name|_|)`` (with a value or a unit payload) and
parameterised ones, used in ``match`` and ``function`` arms, nested inside other patterns,
in ``let`` bindings, and defined inside modules.

Every program is compiled with strict type checking and run; the expected output is what F#
prints.  The programs are ``text`` parameters, so the .fzb differential check of tests/fzb
runs each from bytecode too.
"""

from __future__ import annotations

import pytest

import fusabi_host
from fusabi_host import CompileError
from tests.lang.programs import case, output, src


def warnings(text: str) -> list[str]:
    """The warnings of compiling the program strict."""
    unit = fusabi_host.compile_source(src(text), type_check="strict")
    return [str(w) for w in unit.warnings]


INT = """
let (|Int|_|) (s: string) =
    match System.Int32.TryParse s with
    | true, v -> Some v
    | _ -> None
"""

BLANK = """
let (|Blank|_|) (s: string) = if s.Trim() = "" then Some () else None
"""

DIVISIBLE = """
let (|DivisibleBy|_|) d n = if n % d = 0 then Some () else None
"""

PREFIX = """
let (|Prefix|_|) (p: string) (s: string) =
    if s.StartsWith p then Some (s.Substring p.Length) else None
"""

EVEN_ODD = """
let (|Even|Odd|) n = if n % 2 = 0 then Even else Odd
"""

SMALL_BIG = """
let (|Small|Big|) n = if n < 10 then Small n else Big (n / 10)
"""

POSITIVE = """
let (|Positive|) x = abs x
"""

PROGRAMS = [
    # -- total single-case
    case(
        "single-case",
        POSITIVE + 'match -5 with Positive p -> printfn "%d" p\n',
        "5\n",
    ),
    case(
        "single-case-in-function",
        POSITIVE + 'let g n = match n with Positive p -> p * 2\nprintfn "%d" (g -4)\n',
        "8\n",
    ),
    case(
        "single-case-constant-inner",
        POSITIVE
        + """
let g n = match n with Positive 3 -> "three" | _ -> "other"
printfn "%s %s" (g -3) (g 4)
""",
        "three other\n",
    ),
    case(
        "single-case-let",
        POSITIVE + 'let (Positive p) = -7\nprintfn "%d" p\n',
        "7\n",
    ),
    case(
        "single-case-local-let",
        POSITIVE + 'let q = let (Positive r) = -3 in r + 1\nprintfn "%d" q\n',
        "4\n",
    ),
    case(
        "single-case-function-keyword",
        POSITIVE + 'let g = function Positive p -> p\nprintfn "%d" (g -2)\n',
        "2\n",
    ),
    # -- total multi-case
    case(
        "even-odd",
        EVEN_ODD
        + """
let describe n = match n with | Even -> "even" | Odd -> "odd"
printfn "%s %s" (describe 2) (describe 3)
""",
        "even odd\n",
    ),
    case(
        "multi-case-with-values",
        SMALL_BIG
        + """
let f n =
    match n with
    | Small s -> sprintf "small %d" s
    | Big b -> sprintf "big %d" b
printfn "%s %s" (f 2) (f 35)
""",
        "small 2 big 3\n",
    ),
    case(
        "multi-case-in-some",
        EVEN_ODD
        + """
let f o =
    match o with
    | Some (Even) -> "some even"
    | Some Odd -> "some odd"
    | None -> "none"
printfn "%s %s %s" (f (Some 2)) (f (Some 3)) (f None)
""",
        "some even some odd none\n",
    ),
    case(
        "multi-case-function-keyword",
        EVEN_ODD
        + """
let parity = function Even -> 0 | Odd -> 1
[1; 2; 3; 4] |> List.map parity |> printfn "%A"
""",
        "[1; 0; 1; 0]\n",
    ),
    case(
        "multi-case-with-guard",
        SMALL_BIG
        + """
let f n =
    match n with
    | Small s when s < 5 -> "tiny"
    | Small _ -> "small"
    | Big _ -> "big"
printfn "%s %s %s" (f 1) (f 7) (f 70)
""",
        "tiny small big\n",
    ),
    case(
        "multi-case-in-tuple",
        EVEN_ODD
        + """
let both p = match p with (Even, Even) -> "both" | (Odd, Odd) -> "neither" | _ -> "mixed"
printfn "%s %s %s" (both (2, 4)) (both (1, 3)) (both (1, 2))
""",
        "both neither mixed\n",
    ),
    case(
        "multi-case-let",
        SMALL_BIG + 'let (Big b) = 42\nprintfn "%d" b\n',
        "4\n",
    ),
    # -- partial
    case(
        "partial-int",
        INT + 'match "41" with\n| Int n -> printfn "%d" (n + 1)\n| _ -> ()\n',
        "42\n",
    ),
    case(
        "partial-miss",
        INT + 'match "x" with\n| Int n -> printfn "%d" n\n| _ -> printfn "no"\n',
        "no\n",
    ),
    case(
        "partial-unit-payload",
        BLANK
        + """
let show s = match s with Blank -> "blank" | _ -> s
printfn "%s|%s" (show "  ") (show "a")
""",
        "blank|a\n",
    ),
    case(
        "partial-constant-inner",
        INT
        + """
let f s = match s with Int 0 -> "zero" | Int _ -> "num" | _ -> "text"
printfn "%s %s %s" (f "0") (f "9") (f "t")
""",
        "zero num text\n",
    ),
    case(
        "partial-with-guard",
        INT
        + """
let f s = match s with Int n when n > 10 -> "big" | Int _ -> "small" | _ -> "nan"
printfn "%s %s %s" (f "50") (f "2") (f "?")
""",
        "big small nan\n",
    ),
    case(
        "tuple-of-partials",
        INT
        + """
let add p = match p with (Int a, Int b) -> a + b | _ -> -1
printfn "%d %d" (add ("1", "2")) (add ("1", "z"))
""",
        "3 -1\n",
    ),
    case(
        "partial-in-some",
        INT
        + """
let f o = match o with Some (Int n) -> n | _ -> 0
printfn "%d %d %d" (f (Some "5")) (f (Some "a")) (f None)
""",
        "5 0 0\n",
    ),
    case(
        "partial-in-list-recursion",
        INT
        + """
let rec total l =
    match l with
    | [] -> 0
    | Int n :: rest -> n + total rest
    | _ :: rest -> total rest
printfn "%d" (total ["1"; "a"; "2"; "3"])
""",
        "6\n",
    ),
    case(
        "partial-as-pattern",
        INT + 'let f s = match s with Int n as t -> t + "=" + string n | _ -> "?"\n'
        'printfn "%s" (f "12")\n',
        "12=12\n",
    ),
    case(
        "two-partials",
        INT
        + BLANK
        + """
let f s = match s with Blank -> 0 | Int n -> n | _ -> -1
printfn "%d %d %d" (f "") (f "8") (f "z")
""",
        "0 8 -1\n",
    ),
    case(
        "partial-choose",
        INT
        + """
let parse s = match s with Int n -> Some n | _ -> None
["1"; "b"; "3"] |> List.choose parse |> List.sum |> printfn "%d"
""",
        "4\n",
    ),
    # -- parameterised
    case(
        "active-patterns-inside-an-active-pattern-result",
        """
let (|Prefix|_|) (p: string) (s: string) =
    if s.StartsWith p then Some (s.Substring p.Length) else None
let (|Int|_|) (s: string) = match System.Int32.TryParse s with | true, v -> Some v | _ -> None
let (|Words|) (s: string) = s.Split(' ') |> List.ofArray
let cmd s =
    match s with
    | Prefix "add " (Words [ Int a; Int b ]) -> sprintf "%d" (a + b)
    | Prefix "neg " (Int n) -> sprintf "%d" (-n)
    | Prefix "say " (Prefix "hi" rest) -> "hi!" + rest
    | _ -> "?"
for s in ["add 1 2"; "add 1 x"; "neg 5"; "say hi there"; "say yo"] do printfn "%s" (cmd s)
""",
        "3\n?\n-5\nhi! there\n?\n",
    ),
    case(
        "fizzbuzz",
        DIVISIBLE
        + """
let fizzbuzz n =
    match n with
    | DivisibleBy 15 -> "FizzBuzz"
    | DivisibleBy 3 -> "Fizz"
    | DivisibleBy 5 -> "Buzz"
    | n -> string n
[1..15] |> List.map fizzbuzz |> String.concat " " |> printfn "%s"
""",
        "1 2 Fizz 4 Buzz Fizz 7 8 Fizz Buzz 11 Fizz 13 14 FizzBuzz\n",
    ),
    case(
        "parameter-is-a-variable",
        DIVISIBLE
        + """
let divides k n = match n with DivisibleBy k -> true | _ -> false
printfn "%b %b" (divides 4 12) (divides 5 12)
""",
        "true false\n",
    ),
    case(
        "prefix",
        PREFIX
        + """
let arg s =
    match s with
    | Prefix "--" rest -> "long " + rest
    | Prefix "-" rest -> "short " + rest
    | _ -> "positional"
printfn "%s; %s; %s" (arg "--all") (arg "-v") (arg "file")
""",
        "long all; short v; positional\n",
    ),
    case(
        "prefix-in-tuple",
        PREFIX
        + """
let f a = match a with (Prefix "x" r, n) -> r + string n | _ -> "-"
printfn "%s %s" (f ("xab", 1)) (f ("ab", 2))
""",
        "ab1 -\n",
    ),
    # -- modules
    case(
        "defined-in-module",
        """
module Patterns =
    let (|Even|Odd|) n = if n % 2 = 0 then Even else Odd
    let (|Pos|_|) n = if n > 0 then Some n else None
    let inner n = match n with Even -> 1 | Odd -> 2
open Patterns
let f n = match n with Pos p -> p | _ -> 0
let h n = match n with Even -> "e" | Odd -> "o"
printfn "%d %d %s %d" (f 3) (f -1) (h 4) (inner 3)
""",
        "3 0 e 2\n",
    ),
    # -- inside list, array and record patterns (these used to never match)
    case(
        "in-list-array-record-patterns",
        """
let (|Pos|_|) n = if n > 0 then Some n else None
let (|Int|_|) (s: string) = match System.Int32.TryParse s with | true, v -> Some v | _ -> None
type R = { A: string; B: int }
let first xs = match xs with [ Pos a ] -> a | [ Pos a; Pos b ] -> a * b | _ -> -1
let pair xs = match xs with [| Int a; Int b |] -> a + b | _ -> -1
let field r = match r with { A = Int n; B = b } -> n + b | _ -> 0
printfn "%d %d %d %d" (first [7]) (first [2; 3]) (first [-1]) (first [])
printfn "%d %d" (pair [| "3"; "4" |]) (pair [| "3"; "x" |])
printfn "%d %d" (field { A = "12"; B = 1 }) (field { A = "z"; B = 1 })
""",
        "7 6 -1 -1\n7 -1\n13 0\n",
    ),
    case(
        "alternatives of an or-pattern",
        """
let (|Prefix|_|) (p: string) (s: string) =
    if s.StartsWith p then Some (s.Substring p.Length) else None
let (|Pair|_|) (s: string) =
    if s.Contains "=" then Some (s.Split('=').[0], s.Split('=').[1]) else None
let kind line =
    match line with
    | Prefix "- " rest | Prefix "* " rest -> "bullet " + rest
    | Pair (k, v) when k <> "" -> "setting " + k + " to " + v
    | other -> other
for l in ["- a"; "* b"; "x=1"; "d"] do printfn "%s" (kind l)
""",
        "bullet a\nbullet b\nsetting x to 1\nd\n",
    ),
]


@pytest.mark.parametrize(("text", "expected"), PROGRAMS)
def test_active_pattern_program(text: str, expected: str) -> None:
    assert output(text) == expected


def test_covering_every_case_of_a_total_pattern_does_not_warn() -> None:
    assert warnings(EVEN_ODD + "let f n = match n with Even -> 1 | Odd -> 2\n") == []
    assert warnings(POSITIVE + "let g n = match n with Positive p -> p\n") == []


def test_a_missing_case_or_a_partial_pattern_warns() -> None:
    assert any("incomplete" in w for w in warnings(EVEN_ODD + "let f n = match n with Even -> 1\n"))
    assert any("incomplete" in w for w in warnings(INT + "let f s = match s with Int n -> n\n"))


BAD = [
    pytest.param(INT + "let x = match 5 with Int n -> n | _ -> 0\n", id="subject-type"),
    pytest.param(INT + 'let x = match "5" with Int n -> n + "a" | _ -> ""\n', id="payload-type"),
    pytest.param(
        'let (|Bad|_|) (s: string) = 5\nlet x = match "a" with Bad n -> n | _ -> 0\n',
        id="partial-not-an-option",
    ),
    pytest.param(
        DIVISIBLE + 'let x = match 9 with DivisibleBy "3" -> 1 | _ -> 0\n', id="parameter-type"
    ),
    pytest.param(
        DIVISIBLE + "let x = match 9 with DivisibleBy 1 2 3 -> 1 | _ -> 0\n", id="too-many-args"
    ),
    pytest.param(EVEN_ODD + 'let x = match "a" with Even -> 1 | Odd -> 2\n', id="multi-case-type"),
    pytest.param(
        SMALL_BIG + 'let x = match 5 with Small s -> s + "!" | Big _ -> ""\n', id="case-payload"
    ),
    pytest.param("let (|A|_|B|) n = 1\n", id="bad-banana"),
    pytest.param(
        "let (|Pos|_|) n = if n > 0 then Some n else None\n"
        "let f x = match (x, 1) with ((Pos a | a), _) -> a\n",
        id="inside-a-nested-or-pattern",
    ),
]


@pytest.mark.parametrize("text", BAD)
def test_ill_typed_active_patterns_are_refused(text: str) -> None:
    with pytest.raises(CompileError):
        output(text)
