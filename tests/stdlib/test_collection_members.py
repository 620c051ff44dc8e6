"""The .NET members F# code calls on collections and options: ``m.Add(k, v)``, ``m.TryFind k``,
``m.[k]``, ``m.TryGetValue k``, ``s.Contains x``, ``s.MinimumElement``, ``xs.Item i``,
``arr.[i] <- v``, ``o.IsSome`` ...

Every program is compiled with strict type checking and run; the expected output is what F#
prints.  The programs are ``text`` parameters, so the .fzb differential check of tests/fzb
runs each from bytecode too.
"""

from __future__ import annotations

import pytest

import fusabi_host
from fusabi_host.errors import CompileError
from tests.lang.programs import DYNAMIC_MARKER, case, output, src

PROGRAMS = [
    case(
        "map-add",
        """
        let m = Map.ofList [ (1, "one") ]
        let m2 = m.Add(2, "two")
        printfn "%d %d" m.Count m2.Count
        printfn "%s" m2.[2]
        """,
        "1 2\ntwo\n",
    ),
    case(
        "map-add-replaces",
        """
        let m = Map.ofList [ ("a", 1) ]
        printfn "%d" (m.Add("a", 5)).["a"]
        """,
        "5\n",
    ),
    case(
        "map-remove",
        """
        let m = Map.ofList [ (1, "a"); (2, "b") ]
        let r = m.Remove 1
        printfn "%d %b %b" r.Count (r.ContainsKey 1) (r.ContainsKey 2)
        """,
        "1 false true\n",
    ),
    case(
        "map-try-find",
        """
        let m = Map.ofList [ ("x", 10) ]
        let show key =
            match m.TryFind key with
            | Some v -> sprintf "%s=%d" key v
            | None -> sprintf "%s missing" key
        printfn "%s; %s" (show "x") (show "y")
        """,
        "x=10; y missing\n",
    ),
    case(
        "map-count-is-empty",
        """
        let empty : Map<string, int> = Map.empty
        let one = empty.Add("k", 1)
        printfn "%b %b %d %d" empty.IsEmpty one.IsEmpty empty.Count one.Count
        """,
        "true false 0 1\n",
    ),
    case(
        "map-keys-and-values-in-key-order",
        """
        let m = Map.ofList [ (3, "c"); (1, "a"); (2, "b") ]
        for k in m.Keys do printf "%d " k
        printfn ""
        for v in m.Values do printf "%s " v
        printfn ""
        """,
        "1 2 3 \na b c \n",
    ),
    case(
        "map-indexer",
        """
        let prices = Map.ofList [ ("apple", 3); ("pear", 5) ]
        printfn "%d" (prices.["apple"] + prices.["pear"])
        """,
        "8\n",
    ),
    case(
        "map-indexer-missing-key",
        """
        let m = Map.ofList [ (1, "a") ]
        let r = try m.[2] with :? KeyNotFoundException as e -> e.Message
        printfn "%s" r
        """,
        "The given key was not present in the dictionary.\n",
    ),
    case(
        "map-try-get-value",
        """
        let m = Map.ofList [ ("a", 1) ]
        let look k =
            match m.TryGetValue k with
            | true, v -> sprintf "found %d" v
            | false, _ -> "not found"
        printfn "%s / %s" (look "a") (look "b")
        """,
        "found 1 / not found\n",
    ),
    case(
        "map-members-fold-a-word-count",
        """
        let words = [ "a"; "b"; "a"; "c"; "a" ]
        let counts =
            words
            |> List.fold (fun (acc: Map<string, int>) w ->
                match acc.TryFind w with
                | Some n -> acc.Add(w, n + 1)
                | None -> acc.Add(w, 1)) Map.empty
        for k in counts.Keys do printfn "%s %d" k counts.[k]
        """,
        "a 3\nb 1\nc 1\n",
    ),
    case(
        "set-contains-count",
        """
        let s = Set.ofList [ 3; 1; 2; 3 ]
        printfn "%b %b %d" (s.Contains 2) (s.Contains 7) s.Count
        """,
        "true false 3\n",
    ),
    case(
        "set-add-remove",
        """
        let s = Set.ofList [ "b"; "a" ]
        let t = s.Add "c"
        let u = t.Remove "a"
        printfn "%d %d %d %b" s.Count t.Count u.Count (u.Contains "a")
        """,
        "2 3 2 false\n",
    ),
    case(
        "set-min-max-is-empty",
        """
        let s = Set.ofList [ 5; 2; 9 ]
        let e : Set<int> = Set.empty
        printfn "%d %d %b %b" s.MinimumElement s.MaximumElement s.IsEmpty e.IsEmpty
        """,
        "2 9 false true\n",
    ),
    case(
        "set-minimum-of-empty-fails",
        """
        let e : Set<int> = Set.empty
        let r = try e.MinimumElement with :? ArgumentException -> -1
        printfn "%d" r
        """,
        "-1\n",
    ),
    case(
        "list-properties",
        """
        let xs = [ 10; 20; 30 ]
        printfn "%d %d %b %d" xs.Length xs.Head xs.IsEmpty xs.Tail.Head
        printfn "%b" ([] : int list).IsEmpty
        """,
        "3 10 false 20\ntrue\n",
    ),
    case(
        "list-index-and-item",
        """
        let xs = [ "a"; "b"; "c" ]
        printfn "%s %s %s" xs.[0] (xs.Item 1) (xs.Item(2))
        """,
        "a b c\n",
    ),
    case(
        "list-item-out-of-range",
        """
        let xs = [ 1; 2 ]
        let r = try xs.Item 5 with :? ArgumentException -> -1
        printfn "%d" r
        """,
        "-1\n",
    ),
    case(
        "list-head-of-empty",
        """
        let xs : int list = []
        let r = try xs.Head with :? ArgumentException -> 0
        printfn "%d" r
        """,
        "0\n",
    ),
    case(
        "array-length-index-set",
        """
        let arr = Array.create 3 0
        for i in 0 .. arr.Length - 1 do arr.[i] <- i * i
        printfn "%d %d %d %d" arr.Length arr.[0] arr.[1] arr.[2]
        """,
        "3 0 1 4\n",
    ),
    case(
        "array-index-out-of-range",
        """
        let arr = [| 1; 2 |]
        let r = try arr.[2] <- 9; "set" with :? IndexOutOfRangeException -> "out of range"
        printfn "%s" r
        """,
        "out of range\n",
    ),
    case(
        "option-members",
        """
        let a = Some 4
        let b : int option = None
        printfn "%b %b %b %b %d" a.IsSome a.IsNone b.IsSome b.IsNone a.Value
        """,
        "true false false true 4\n",
    ),
    case(
        "option-value-of-none",
        """
        let b : string option = None
        let r = try b.Value with :? InvalidOperationException -> "none"
        printfn "%s" r
        """,
        "none\n",
    ),
    case(
        "members-in-a-function-with-annotations",
        """
        let summary (m: Map<string, int>) (s: Set<string>) =
            let known = m.Keys |> List.ofSeq |> List.filter (fun k -> s.Contains k) |> List.length
            sprintf "%d of %d" known m.Count
        printfn "%s" (summary (Map.ofList [ ("a", 1); ("b", 2) ]) (Set.ofList [ "b"; "z" ]))
        """,
        "1 of 2\n",
    ),
]


@pytest.mark.parametrize(("text", "expected"), PROGRAMS)
def test_program_prints_what_fsharp_prints(text: str, expected: str) -> None:
    assert output(text) == expected


@pytest.mark.parametrize(("text", "expected"), PROGRAMS)
def test_on_the_dynamic_path(text: str, expected: str) -> None:
    """Untyped code (an ill-typed binding first) finds the members at run time."""
    unit = fusabi_host.compile_source(DYNAMIC_MARKER + src(text), type_check="warn")
    assert not unit.typed
    out: list[str] = []
    unit.instantiate(stdout=out.append)
    assert "".join(out) == expected


ILL_TYPED = [
    pytest.param(
        'let m = Map.ofList [ (1, "a") ]\nlet x = m.Add 1\n',
        "expected int \\* string",
        id="add-one-arg",
    ),
    pytest.param(
        'let m = Map.ofList [ (1, "a") ]\nlet x = m.Add("k", "v")\n',
        "expected int",
        id="add-key-type",
    ),
    pytest.param(
        'let m = Map.ofList [ (1, "a") ]\nlet x = m.TryFind "k"\n',
        "expected int",
        id="try-find-key",
    ),
    pytest.param(
        'let m = Map.ofList [ (1, "a") ]\nlet n: string = m.Count\n',
        "expected string, got int",
        id="count-is-int",
    ),
    pytest.param(
        'let m = Map.ofList [ (1, "a") ]\nlet v: int = m.[1]\n',
        "expected int, got string",
        id="indexer-value-type",
    ),
    pytest.param(
        'let m = Map.ofList [ (1, "a") ]\nlet x = m.Frobnicate\n',
        "has no field or property 'Frobnicate'",
        id="unknown-map-member",
    ),
    pytest.param(
        'let s = Set.ofList [ 1 ]\nlet b = s.Contains "x"\n',
        "expected int, got string",
        id="set-contains-type",
    ),
    pytest.param(
        "let s = Set.ofList [ 1 ]\nlet x: string = s.MinimumElement\n",
        "expected string, got int",
        id="set-min-type",
    ),
    pytest.param(
        'let xs = [ 1 ]\nlet y = xs.Item "a"\n',
        "expected int, got string",
        id="list-item-index-type",
    ),
    pytest.param(
        "let o = Some 1\nlet b = o.Contains 3\n",
        "has no method 'Contains'",
        id="option-has-no-contains",
    ),
    pytest.param(
        'let arr = [| 1 |]\narr.[0] <- "x"\n', "expected int, got string", id="array-set-type"
    ),
]


@pytest.mark.parametrize(("text", "message"), ILL_TYPED)
def test_ill_typed_programs_are_refused(text: str, message: str) -> None:
    with pytest.raises(CompileError, match=message):
        fusabi_host.compile_source(text, type_check="strict")


MISUSE = [
    pytest.param(
        DYNAMIC_MARKER + 'let m = Map.ofList [ (1, "a") ]\nlet x = m.Add 1\n',
        "'Add' takes two arguments",
        id="dynamic-add-one-arg",
    ),
    pytest.param(
        DYNAMIC_MARKER + "let s = Set.ofList [ 1 ]\nlet x = s.Frob 2\n",
        "has no field or property 'Frob'",
        id="dynamic-unknown-member",
    ),
    pytest.param(
        DYNAMIC_MARKER + 'let xs = [ 1 ]\nlet x = xs.Item "a"\n',
        "'Item' takes an int index",
        id="dynamic-item-not-int",
    ),
]


@pytest.mark.parametrize(("text", "message"), MISUSE)
def test_misuse_on_the_dynamic_path_is_a_fusabi_error(text: str, message: str) -> None:
    unit = fusabi_host.compile_source(text, type_check="warn")
    assert not unit.typed
    with pytest.raises(fusabi_host.FusabiRuntimeError, match=message):
        unit.instantiate()
