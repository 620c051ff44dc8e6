"""The mutable .NET objects F# code builds (``StringBuilder``, ``Dictionary``, ``ResizeArray``,
``HashSet``, ``dict``), the ``String`` constructor and statics, the string members and
``ToString(format)``; what ``dotnet fsi`` prints for each program."""

from __future__ import annotations

import pytest

import fusabi_host
from fusabi_host.errors import CompileError
from tests.lang.programs import case, output
from tests.security.probe import run_probe

PROGRAMS = [
    case(
        "StringBuilder",
        """
        open System.Text
        let sb = StringBuilder()
        sb.Append("Hello").Append(", ").Append(42).Append('!') |> ignore
        sb.AppendLine() |> ignore
        sb.AppendLine("line") |> ignore
        printf "%s" (sb.ToString())
        printfn "%d" sb.Length
        let other = new StringBuilder("x")
        other.Insert(0, "ab").Replace("b", "B").Remove(0, 1) |> ignore
        printfn "%s %b" (other.ToString()) (other.Clear().Length = 0)
        let report = System.Text.StringBuilder()
        for i in 1 .. 3 do report.Append(i).Append(";") |> ignore
        printfn "%s" (string report)
        """,
        "Hello, 42!\nline\n16\nBx true\n1;2;3;\n",
    ),
    case(
        "List<T> of System.Collections.Generic is ResizeArray",
        """
        open System.Collections.Generic
        let xs = List<int>()
        xs.Add 1
        xs.Add 2
        let ys = new List<string>(["a"; "b"])
        let total (items: List<int>) = Seq.sum items
        printfn "%d %d %d %A" xs.Count ys.Count (total xs) (List.map (fun x -> x * 2) [1; 2])
        let zs = System.Collections.Generic.List<float>()
        zs.Add 1.5
        printfn "%d" zs.Count
        """,
        "2 2 3 [2; 4]\n1\n",
    ),
    case(
        "out arguments",
        """
        open System
        open System.Collections.Generic
        let d = Dictionary<string, int>()
        d.["a"] <- 1
        let mutable v = 0
        if d.TryGetValue("a", &v) then printfn "found %d" v
        if not (d.TryGetValue("b", &v)) then printfn "missing, v is %d" v
        let mutable n = 7
        let parsed = Int32.TryParse("x42", &n)
        printfn "%b %d" parsed n
        let mutable f = 0.0
        if Double.TryParse("2.5", &f) then printfn "%.1f" f
        """,
        "found 1\nmissing, v is 0\nfalse 0\n2.5\n",
    ),
    case(
        "StringBuilder Append overloads",
        """
        let sb = System.Text.StringBuilder()
        sb.Append('-', 3).Append("hello", 1, 3).Append((1, "a")) |> ignore
        sb.AppendFormat("[{0}:{1,3}]", "x", 7).AppendFormat("{0:F1}", 2.25) |> ignore
        printfn "%s" (sb.ToString())
        """,
        "---ell(1, a)[x:  7]2.3\n",
    ),
    case(
        "StringBuilder length is settable",
        """
        let sb = System.Text.StringBuilder("a, b, ")
        sb.Length <- sb.Length - 2
        printfn "[%s]" (sb.ToString())
        sb.Length <- 0
        printfn "[%s] %d" (sb.ToString()) sb.Length
        """,
        "[a, b]\n[] 0\n",
    ),
    case(
        "String constructor and statics",
        """
        open System
        let letters = [| 'x'; 'y'; 'z' |]
        printfn "%s %s %s" (String([| 'a'; 'b'; 'c' |])) (String('*', 3)) (String(letters, 1, 2))
        printfn "%s" (String.Concat("a", "b", 1, true))
        printfn "%s" (String.Concat([ "x"; "y" ]))
        printfn "[%s]" (String.Format("{0} has {1:F2}, {2,4}|{3,-3}|{{}}", "pi", 3.14159, 7, "a"))
        let cmp (a: string) b = String.Compare(a, b)
        printfn "%d %d %d" (cmp "a" "b") (cmp "b" "a") (cmp "x" "x")
        let chars = "hello".ToCharArray() |> Array.rev
        printfn "%s" (String(chars))
        """,
        "abc *** yz\nab1True\nxy\n[pi has 3.14,    7|a  |{}]\n-1 1 0\nolleh\n",
    ),
    case(
        "string members",
        """
        let s = "Hello World"
        printfn "%s|%s|%s" (s.Insert(5, ",")) (s.Remove(5)) (s.Remove(0, 6))
        printfn "%s %s" (s.ToUpperInvariant()) (s.ToLowerInvariant())
        let any = s.IndexOfAny([| 'o'; 'W' |])
        printfn "%d %c %d %b" any (s.Chars(1)) ("a".CompareTo("b")) (s.Equals("Hello World"))
        """,
        "Hello, World|Hello|World\nHELLO WORLD hello world\n4 e -1 true\n",
    ),
    case(
        "ToString with a format",
        """
        let big, pi = (1234567).ToString("N0"), (3.14159).ToString("F2")
        printfn "%s %s %s %s" pi ((255).ToString("X")) ((42).ToString("D5")) big
        printfn "%s %s %s" (true.ToString()) ((2.5).ToString()) ((3.0).ToString())
        printfn "%s" ((0.256).ToString("P1"))
        """,
        "3.14 FF 00042 1,234,567\nTrue 2.5 3\n25.6 %\n",
    ),
    case(
        "Dictionary",
        """
        open System.Collections.Generic
        let d = Dictionary<string, int>()
        d.Add("a", 1)
        d.["b"] <- 2
        d.["a"] <- d.["a"] + 10
        printfn "%d %b %b" d.Count (d.ContainsKey "a") (d.ContainsKey "z")
        for kv in d do printfn "%s=%d" kv.Key kv.Value
        for KeyValue(k, v) in d do printfn "%s:%d" k v
        match d.TryGetValue "b" with
        | true, v -> printfn "found %d" v
        | _ -> printfn "none"
        printfn "%b %d" (d.Remove "a") d.Count
        try d.Add("b", 5) with :? System.ArgumentException -> printfn "duplicate"
        try printfn "%d" d.["zz"] with :? KeyNotFoundException -> printfn "missing"
        printfn "%A" (List.ofSeq d.Keys)
        printfn "%d" (d |> Seq.sumBy (fun kv -> kv.Value))
        """,
        '2 true false\na=11\nb=2\na:11\nb:2\nfound 2\ntrue 1\nduplicate\nmissing\n["b"]\n2\n',
    ),
    case(
        "memoisation with a Dictionary",
        """
        open System.Collections.Generic
        let memo = Dictionary<int, int64>()
        let rec fib n =
            if n < 2 then int64 n
            else
                match memo.TryGetValue n with
                | true, v -> v
                | _ ->
                    let r = fib (n - 1) + fib (n - 2)
                    memo.[n] <- r
                    r
        printfn "%d %d" (fib 80) memo.Count
        """,
        "23416728348467685 79\n",
    ),
    case(
        "word counts in a Dictionary, shown with %A",
        """
        open System.Collections.Generic
        let counts = Dictionary<string, int>()
        for w in "the cat and the hat".Split(' ') do
            match counts.TryGetValue w with
            | true, n -> counts.[w] <- n + 1
            | _ -> counts.[w] <- 1
        printfn "%A" counts
        let top = counts |> Seq.sortByDescending (fun kv -> kv.Value) |> Seq.head
        printfn "%s %d" top.Key top.Value
        """,
        "seq [[the, 2]; [cat, 1]; [and, 1]; [hat, 1]]\nthe 2\n",
    ),
    case(
        "ResizeArray",
        """
        let xs = ResizeArray<int>()
        xs.Add 3
        xs.Add 1
        xs.Add 2
        xs.Sort()
        printfn "%A %d %d" (List.ofSeq xs) xs.Count xs.[0]
        let ys = ResizeArray [1; 2; 3]
        ys.[1] <- 20
        ys.Insert(0, 0)
        ys.RemoveAt 3
        printfn "%A %b %d" ys (ys.Contains 20) (ys.IndexOf 20)
        ys.AddRange [7; 8]
        printfn "%d %d" (Seq.sum ys) (ys |> Seq.filter (fun x -> x > 5) |> Seq.length)
        printfn "%A" (ys.ToArray())
        try ys.[10] |> ignore with :? System.ArgumentOutOfRangeException -> printfn "out of range"
        """,
        "[1; 2; 3] 3 1\nseq [0; 1; 20] true 2\n36 3\n[|0; 1; 20; 7; 8|]\nout of range\n",
    ),
    case(
        "ResizeArray members that take functions, typed constructors of collections",
        """
        open System.Collections.Generic
        let r = ResizeArray [1; 2; 3; 4]
        printfn "%d" (r.RemoveAll(fun x -> x > 2))
        r.ForEach(fun x -> printfn "%d" x)
        let big = r.FindAll(fun x -> x > 1)
        let all, at = r.TrueForAll(fun x -> x < 3), r.FindIndex(fun x -> x = 2)
        printfn "%b %d %A %A" all at big (r.GetRange(0, 1))
        let h = HashSet<int>([ 1; 2; 2 ])
        let words = ResizeArray<string>([ "b"; "a" ])
        printfn "%d %s" h.Count (String.concat "," words)
        """,
        "2\n1\n2\ntrue 1 seq [2] seq [1]\n2 b,a\n",
    ),
    case(
        "Stack and Queue",
        """
        open System.Collections.Generic
        let s = Stack<int>()
        s.Push 1
        s.Push 2
        s.Push 3
        printfn "%d %d %A" (s.Pop()) (s.Peek()) s
        let q = Queue<string>()
        q.Enqueue "a"
        q.Enqueue "b"
        printfn "%s %d %A" (q.Dequeue()) q.Count (List.ofSeq q)
        match s.TryPop() with
        | true, x -> printfn "popped %d" x
        | _ -> ()
        try Queue<int>().Dequeue() |> ignore
        with :? System.InvalidOperationException as e -> printfn "%s" e.Message
        let text = System.Text.StringBuilder().Append(7).ToString()
        printfn "%d %s" (Seq.sum (Queue [1; 2; 3])) text
        """,
        '3 2 seq [2; 1]\na 1 ["b"]\npopped 2\nQueue empty.\n6 7\n',
    ),
    case(
        "System.Array statics",
        """
        let a = [| 3; 1; 2 |]
        printfn "%d" (System.Array.IndexOf(a, 2))
        System.Array.Sort a
        System.Array.Reverse a
        printfn "%A" a
        """,
        "2\n[|3; 2; 1|]\n",
    ),
    case(
        "HashSet and dict",
        """
        open System.Collections.Generic
        let seen = HashSet<string>()
        let firsts = [ "a"; "b"; "a"; "c"; "b" ] |> List.filter (fun x -> seen.Add x)
        printfn "%A %d %b" firsts seen.Count (seen.Contains "c")
        let evens = HashSet [2; 4; 6]
        evens.IntersectWith [4; 6; 8]
        printfn "%A" (List.ofSeq evens)
        let table = dict [ ("x", 1); ("y", 2) ]
        printfn "%d %b %d" table.["y"] (table.ContainsKey "x") table.Count
        try table.Add("z", 3) with :? System.NotSupportedException -> printfn "read-only"
        """,
        '["a"; "b"; "c"] 3 true\n[4; 6]\n2 true 2\nread-only\n',
    ),
    case(
        "two-dimensional arrays",
        """
        let grid = Array2D.init 3 4 (fun r c -> r * 10 + c)
        printfn "%d %d %d" (Array2D.length1 grid) (Array2D.length2 grid) grid.[1, 2]
        grid.[0, 0] <- 99
        printfn "%A" grid
        let total (m: int[,]) =
            let mutable s = 0
            for r in 0 .. Array2D.length1 m - 1 do
                for c in 0 .. Array2D.length2 m - 1 do
                    s <- s + m.[r, c]
            s
        printfn "%d" (total grid)
        let board = Array2D.create 2 3 '.'
        board.[0, 1] <- '#'
        for r in 0 .. 1 do
            printfn "%s" (System.String [| for c in 0 .. 2 -> board.[r, c] |])
        let m = array2D [ [1; 2]; [3; 4] ]
        printfn "%A %d %d" (Array2D.map (fun x -> x * x) m) (m.GetLength 0) m.Length
        Array2D.iteri (fun r c v -> if v > 2 then printfn "%d,%d=%d" r c v) m
        try grid.[3, 0] |> ignore with :? System.IndexOutOfRangeException -> printfn "outside"
        """,
        "3 4 12\n[[99; 1; 2; 3]\n [10; 11; 12; 13]\n [20; 21; 22; 23]]\n237\n.#.\n...\n"
        "[[1; 4]\n [9; 16]] 2 4\n1,0=3\n1,1=4\noutside\n",
    ),
    case(
        "rows and columns of a two-dimensional array",
        """
        let g = Array2D.init 2 3 (fun i j -> i * 3 + j)
        let pick = [| 1 |]
        printfn "%A %A %d %d" g.[0, *] g.[*, 2] (g.[pick.[0], *] |> Array.sum) g.[pick.[0], 1]
        try g.[5, *] |> ignore with :? System.IndexOutOfRangeException -> printfn "outside"
        """,
        "[|0; 1; 2|] [|2; 5|] 12 4\noutside\n",
    ),
    case(
        "map entries have Key and Value",
        """
        let m = Map.ofList [ ("a", 1); ("b", 2) ]
        for kv in m do printfn "%s %d" kv.Key (kv.Value + 1)
        m |> Seq.iter (fun kv -> printfn "%s" kv.Key)
        """,
        "a 2\nb 3\na\nb\n",
    ),
]


@pytest.mark.parametrize(("text", "expected"), PROGRAMS)
def test_dotnet_objects_behave_as_in_fsharp(text: str, expected: str) -> None:
    assert output(text) == expected


def test_the_collections_are_typed() -> None:
    bad = [
        "let d = System.Collections.Generic.Dictionary<string, int>()\nd.[1] <- 2\n",
        'let d = System.Collections.Generic.Dictionary<string, int>()\nd.Add("a", "b")\n',
        'let xs = ResizeArray<int>()\nxs.Add "a"\n',
        "let sb = System.Text.StringBuilder()\nlet n : string = sb.Length\n",
    ]
    for text in bad:
        with pytest.raises(CompileError):
            fusabi_host.compile_source(text, "t.fsx", type_check="strict")


def test_an_out_argument_is_only_the_last_argument_of_a_call() -> None:
    for text in [
        "let mutable v = 0\nlet p = &v\n",
        "let mutable v = 0\nlet f (a, b) = a\nf (&v, 1)\n",
    ]:
        with pytest.raises(CompileError, match="only an out argument"):
            fusabi_host.compile_source(text, "t.fsx", type_check="strict")
    with pytest.raises(CompileError, match="mutable"):  # (it is assigned: it must be mutable)
        fusabi_host.compile_source(
            'let v = 0\nlet ok = System.Int32.TryParse("1", &v)\n', "t.fsx", type_check="strict"
        )


def test_they_convert_to_python_values_at_the_host_boundary() -> None:
    unit = fusabi_host.compile_source(
        "open System.Collections.Generic\n"
        "let counts (words: string list) =\n"
        "    let d = Dictionary<string, int>()\n"
        "    for w in words do\n"
        "        if d.ContainsKey w then d.[w] <- d.[w] + 1 else d.[w] <- 1\n"
        "    d\n"
        'let text () = System.Text.StringBuilder("ab").Append(1)\n'
        "let bag () = ResizeArray [3; 1]\n"
        "let distinct () = HashSet [1; 1; 2]\n",
        "t.fsx",
    )
    instance = unit.instantiate()
    assert instance.call("counts", ["a", "b", "a"]) == {"a": 2, "b": 1}
    assert instance.call("text") == "ab1"
    assert instance.call("bag") == [3, 1]
    assert instance.call("distinct") == frozenset({1, 2})


HOSTILE = {
    "a Dictionary filled forever": (
        "let main () =\n"
        "    let d = System.Collections.Generic.Dictionary<int, int>()\n"
        "    let mutable i = 0\n"
        "    while true do\n"
        "        d.[i] <- i\n"
        "        i <- i + 1\n"
        "    d.Count"
    ),
    "a ResizeArray doubled forever": (
        "let main () =\n"
        "    let xs = ResizeArray [1]\n"
        "    while true do xs.AddRange(xs)\n"
        "    xs.Count"
    ),
    "a StringBuilder doubled forever": (
        "let main () =\n"
        '    let sb = System.Text.StringBuilder("ab")\n'
        "    while true do sb.Append(sb.ToString()) |> ignore\n"
        "    sb.Length"
    ),
    "a HashSet filled from an infinite seq": (
        "let main () =\n"
        "    let s = System.Collections.Generic.HashSet<int>()\n"
        "    s.UnionWith(Seq.initInfinite id)\n"
        "    s.Count"
    ),
    "a Stack pushed forever": (
        "let main () =\n"
        "    let s = System.Collections.Generic.Stack<int>()\n"
        "    while true do s.Push 1\n"
        "    s.Count"
    ),
    "String of a huge count": "let main () = (System.String('x', 2000000000)).Length",
}


@pytest.mark.parametrize("source", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_growth_ends_in_a_limit(source: str) -> None:
    report = run_probe(
        "let ok () = 42\n" + source,
        limits={"timeout": 5.0, "max_collection_size": 1_000_000},
        after="ok",
        kill_after=60,
    )
    report.assert_survived()
    assert report.report.get("mro") and "LimitExceeded" in report.report["mro"], report.report
    assert report.report["after"] == "42"
