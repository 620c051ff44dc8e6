"""Data: records (declared and anonymous), copy-and-update, unions with named fields, arrays,
Map, Set, options and results."""

from __future__ import annotations

import textwrap
from typing import Any

import pytest

import fusabi_host
from fusabi_host import Variant

DYNAMIC_MARKER = 'let dynamicMarker = [1; "a"]\n'


def bug(reason: str) -> pytest.MarkDecorator:
    return pytest.mark.xfail(strict=True, reason=f"BUG: {reason}")


def src(text: str) -> str:
    return textwrap.dedent(text).strip("\n") + "\n"


def run(text: str, mode: str = "typed") -> Any:
    prefix = DYNAMIC_MARKER if mode == "dynamic" else ""
    config = fusabi_host.EngineConfig(type_check="warn" if mode == "dynamic" else "strict")
    return fusabi_host.run_source(prefix + src(text), config=config)


def shown(text: str) -> str:
    """The Display of the script's value, through ``print``."""
    out: list[str] = []
    body = src(text).rstrip("\n").split("\n")
    body[-1] = f"print ({body[-1]})"
    fusabi_host.compile_source("\n".join(body) + "\n").instantiate(stdout=out.append)
    return "".join(out)


def case(name: str, text: str, expected: Any, *marks: pytest.MarkDecorator) -> Any:
    return pytest.param(text, expected, id=name, marks=marks)


def some(x: Any) -> Variant:
    return Variant("Some", (x,))


NONE = Variant("None")

RECORDS = [
    case("anonymous-upstream-record", 'let r = { a = 1; b = "x" }\n(r.a, r.b)', (1, "x")),
    case("anonymous-fsharp-record", "let r = {| a = 1; b = 2 |}\nr.a + r.b", 3),
    case("anonymous-record-list-field", 'let r = {| Name = "x"; Tags = ["a"] |}\nr.Tags', ["a"]),
    case("record-to-python-dict", '{ b = 2; a = "s" }', {"a": "s", "b": 2}),
    case(
        "declared-record",
        'type P = { Name: string; Age: int }\nlet p = { Name = "a"; Age = 1 }\n(p.Name, p.Age)',
        ("a", 1),
    ),
    case(
        "copy-and-update",
        """
        type P = { Name: string; Age: int }
        let p = { Name = "a"; Age = 1 }
        let q = { p with Age = 2 }
        (p.Age, q.Age, q.Name)
        """,
        (1, 2, "a"),
    ),
    case(
        "copy-and-update-two-fields",
        """
        type P = { Name: string; Age: int; City: string }
        let p = { Name = "a"; Age = 1; City = "c" }
        { p with Age = 9; City = "d" }
        """,
        {"Name": "a", "Age": 9, "City": "d"},
    ),
    case(
        "copy-and-update-upstream-record",
        "let r = { a = 1; b = 2 }\nlet s = { r with b = 3 }\n(r.b, s.b, s.a)",
        (2, 3, 1),
    ),
    case(
        "copy-and-update-in-function",
        "type P = { Name: string; Age: int }\nlet older p = { p with "
        'Age = p.Age + 1 }\n(older { Name = "a"; Age = 1 }).Age',
        2,
    ),
    case(
        "copy-and-update-anonymous-existing-field",
        "let r = {| x = 1; y = 2 |}\n{| r with y = 5 |}",
        {"x": 1, "y": 5},
    ),
    case(
        "copy-and-update-anonymous-adds-field",
        "let r = {| x = 1 |}\n{| r with y = 2 |}",
        {"x": 1, "y": 2},
    ),
    case(
        "nested-field-access-declared",
        """
        type Inner = { V: int }
        type Outer = { In: Inner; Tag: string }
        let o = { In = { V = 7 }; Tag = "t" }
        o.In.V
        """,
        7,
    ),
    case(
        "nested-field-access-upstream",
        "let o = { inner = { deep = { v = 3 } } }\no.inner.deep.v",
        3,
    ),
    case(
        "nested-copy-and-update",
        """
        type Inner = { V: int }
        type Outer = { In: Inner; Tag: string }
        let o = { In = { V = 7 }; Tag = "t" }
        { o with In = { o.In with V = 8 } }
        """,
        {"In": {"V": 8}, "Tag": "t"},
    ),
    case(
        "record-field-of-call-result",
        "let mk n = { v = n }\n(mk 4).v",
        4,
    ),
    case(
        "records-in-list-sortBy",
        """
        type P = { Name: string; Age: int }
        let people = [{ Name = "a"; Age = 30 }; { Name = "b"; Age = 20 }]
        people |> List.sortBy (fun p -> p.Age) |> List.map (fun p -> p.Name)
        """,
        ["b", "a"],
    ),
    case(
        "same-field-names-latest-type",
        "type P = { Name: string }\ntype Q = { Name: string; "
        'Extra: int }\nlet p = { Name = "n"; Extra = 1 }\np.Extra',
        1,
    ),
    case(
        "mutable-record-field",
        "type C = { mutable Count: int }\nlet c = { Count = 0 "
        "}\nc.Count <- c.Count + 1\nc.Count <- c.Count + 1\nc.Count",
        2,
    ),
    case(
        "record-with-function-field",
        "let r = { f = fun x -> x * 2 }\nr.f 21",
        42,
    ),
]


@pytest.mark.parametrize("mode", ["typed", "dynamic"])
@pytest.mark.parametrize(("text", "expected"), RECORDS)
def test_records(text: str, expected: Any, mode: str) -> None:
    assert run(text, mode) == expected


@pytest.mark.parametrize(
    "text",
    [
        'type P = { Name: string }\nlet p = { Name = "a" }\np.Missing',
        "let r = { a = 1 }\nr.b",
        "let x = 5\nx.Foo",
    ],
)
def test_missing_field_is_runtime_error(text: str) -> None:
    with pytest.raises(fusabi_host.FusabiError) as info:
        run(text)
    assert "internal error" not in str(info.value)


@pytest.mark.parametrize(
    "text",
    [
        "type P = { X: int }\nlet p = { X = 1 }\np.X <- 2\np.X",
        "let r = {| x = 1 |}\nr.x <- 2\nr.x",
    ],
)
def test_immutable_record_field_cannot_be_assigned(text: str) -> None:
    with pytest.raises(fusabi_host.FusabiError):
        run(text)


# --------------------------------------------------------------------------------------------
# Unions
# --------------------------------------------------------------------------------------------

UNIONS = [
    case(
        "named-fields-construct-and-match",
        """
        type Shape =
            | Circle of radius: float
            | Rect of width: float * height: float
        let s = Rect (2.0, 3.0)
        match s with
        | Rect (w, h) -> w * h
        | Circle r -> r
        """,
        6.0,
    ),
    case(
        "union-value-to-python",
        "type Shape = Circle of float | Rect of float * float\n[Circle 1.0; Rect (2.0, 3.0)]",
        [Variant("Circle", (1.0,)), Variant("Rect", (2.0, 3.0))],
    ),
    case("nullary-case", "type C = Red | Green\nGreen", Variant("Green")),
    case(
        "binary-tree",
        """
        type Tree = Leaf | Node of left: Tree * value: int * right: Tree
        let rec insert v t =
            match t with
            | Leaf -> Node (Leaf, v, Leaf)
            | Node (l, x, r) -> if v < x then Node (insert v l, x, r) else Node (l, x, insert v r)
        let rec toList t = match t with | Leaf -> [] | Node (l, x, r) -> toList l @ [x] @ toList r
        [5; 3; 8; 1] |> List.fold (fun t v -> insert v t) Leaf |> toList
        """,
        [1, 3, 5, 8],
    ),
    case(
        "constructor-as-function",
        "type W = W of int\nList.map W [1; 2]",
        [Variant("W", (1,)), Variant("W", (2,))],
    ),
    case("some-as-function", "List.map Some [1; 2]", [some(1), some(2)]),
    case(
        "union-holding-record",
        "type P = { Name: string }\ntype E = Person of P\nmatch "
        'Person { Name = "z" } with Person p -> p.Name',
        "z",
    ),
]


@pytest.mark.parametrize(("text", "expected"), UNIONS)
def test_unions(text: str, expected: Any) -> None:
    assert run(text) == expected


# upstream's undeclared ("ad-hoc") union cases: F# refuses them, so a strict compile does too
# (a typo in a case name is an error); the dynamic path (type_check="warn") runs them
ADHOC_UNIONS = [
    case("adhoc-constructor", "Circle(1, 2)", Variant("Circle", (1, 2))),
    case("adhoc-constructor-equality", "Circle(1, 2) = Circle(1, 2)", True),
    case("adhoc-nullary-equality", "let x = Leaf\nx = Leaf", True),
]


@pytest.mark.parametrize(("text", "expected"), ADHOC_UNIONS)
def test_undeclared_union_cases_run_on_the_dynamic_path(text: str, expected: Any) -> None:
    assert run(text, "dynamic") == expected


@pytest.mark.parametrize(("text", "expected"), ADHOC_UNIONS)
def test_undeclared_union_cases_are_refused_by_a_strict_compile(text: str, expected: Any) -> None:
    with pytest.raises(fusabi_host.errors.CompileError, match="is not defined"):
        run(text)


# --------------------------------------------------------------------------------------------
# Tuples and lists
# --------------------------------------------------------------------------------------------

SEQUENCES = [
    case("tuple", '(1, "a", true)', (1, "a", True)),
    case("fst-snd", "let t = (1, 2)\nfst t + snd t", 3),
    case(
        "list-properties",
        "let xs = [1; 2; 3]\n(List.head xs, List.tail xs, xs.Head, xs.Tail, xs.IsEmpty, xs.Length)",
        (1, [2, 3], 1, [2, 3], False, 3),
    ),
    case("list-index", "let xs = [10; 20; 30]\nxs.[1]", 20),
    case("list-item", "List.item 2 [10; 20; 30]", 30),
    case("nested-lists", "[[1; 2]; []; [3]]", [[1, 2], [], [3]]),
    case("string-index", '"abc".[2]', "c"),
    case("string-length-property", '"abc".Length', 3),
    case("list-slice", "let a = [1; 2; 3]\na.[0..1]", [1, 2]),
    case("string-slice", 'let s = "hello"\ns.[1..3]', "ell"),
]


@pytest.mark.parametrize(("text", "expected"), SEQUENCES)
def test_tuples_lists_strings(text: str, expected: Any) -> None:
    assert run(text) == expected


# --------------------------------------------------------------------------------------------
# Arrays
# --------------------------------------------------------------------------------------------

ARRAYS = [
    case("index-assignment-mutates", "let a = [|1; 2; 3|]\na.[0] <- 10\na", [10, 2, 3]),
    case("aliasing-visible", "let a = [|1; 2; 3|]\nlet b = a\nb.[1] <- 20\na", [1, 20, 3]),
    case(
        "copy-is-independent",
        "let a = [|1; 2; 3|]\nlet c = Array.copy a\nc.[0] <- 99\n(a.[0], c.[0])",
        (1, 99),
    ),
    case(
        "map-makes-new-array",
        "let a = [|1; 2|]\nlet b = Array.map id a\nb.[0] <- 9\n(a, b)",
        ([1, 2], [9, 2]),
    ),
    case(
        "mutation-through-function",
        "let a = Array.init 3 id\nlet f (arr: int[]) = arr.[0] <- 100\nf a\na",
        [100, 1, 2],
    ),
    case("nested-array-mutation", "let a = [|[|1|]; [|2|]|]\na.[1].[0] <- 7\na", [[1], [7]]),
    case("array-set-stdlib-mutates", "let a = Array.create 3 0\nArray.set 1 5 a\na", [0, 5, 0]),
    case("array-length", "let a = [|1; 2; 3|]\n(Array.length a, a.Length)", (3, 3)),
    case("array-equality-structural", "[|1; 2|] = [|1; 2|]", True),
    case("array-slice", "let a = [|1; 2; 3|]\na.[1..]", [2, 3]),
    case(
        "array-in-loop", "let a = Array.create 3 0\nfor i in 0 .. 2 do a.[i] <- i * i\na", [0, 1, 4]
    ),
    case("array-sum-after-mutation", "let a = [|1; 1; 1|]\na.[2] <- 5\nArray.sum a", 7),
]


@pytest.mark.parametrize("mode", ["typed", "dynamic"])
@pytest.mark.parametrize(("text", "expected"), ARRAYS)
def test_arrays(text: str, expected: Any, mode: str) -> None:
    assert run(text, mode) == expected


@pytest.mark.parametrize(
    "text",
    [
        "let a = [|1; 2; 3|]\na.[3]",
        "let a = [|1; 2; 3|]\na.[-1]",
        "let a = [|1; 2; 3|]\na.[5] <- 1",
        "Array.get 5 [|1|]",
        "Array.set 3 0 [|1|]",
        "[1; 2].[5]",
        '"abc".[10]',
    ],
)
def test_index_errors_are_runtime_errors(text: str) -> None:
    with pytest.raises(fusabi_host.FusabiRuntimeError) as info:
        run(text)
    assert "internal error" not in str(info.value)


def test_index_out_of_range_is_catchable() -> None:
    assert run("let a = [|1|]\ntry a.[3] with | _ -> -1") == -1


# --------------------------------------------------------------------------------------------
# Map and Set
# --------------------------------------------------------------------------------------------

COLLECTIONS = [
    case(
        "map-add-find",
        'let m = Map.empty |> Map.add "a" 1 |> Map.add "b" '
        '2\n(Map.find "a" m, Map.tryFind "c" m, Map.count m)',
        (1, NONE, 2),
    ),
    case("map-to-python", 'Map.ofList [("b", 2); ("a", 1)]', {"a": 1, "b": 2}),
    case(
        "map-to-list-sorted", 'Map.toList (Map.ofList [("b", 2); ("a", 1)])', [("a", 1), ("b", 2)]
    ),
    case(
        "map-persistent",
        'let m = Map.ofList [("a", 1)]\nlet m2 = Map.add '
        '"a" 5 m\n(Map.find "a" m, Map.find "a" m2)',
        (1, 5),
    ),
    case("map-int-keys", 'let m = Map.ofList [(1, "x"); (2, "y")]\nMap.find 2 m', "y"),
    case("map-tuple-keys", 'let m = Map.ofList [((1, 2), "a")]\nMap.find (1, 2) m', "a"),
    case("map-indexer", 'let m = Map.ofList [("a", 1)]\nm.["a"]', 1),
    case(
        "map-remove", 'Map.ofList [("a", 1); ("b", 2)] |> Map.remove "a" |> Map.toList', [("b", 2)]
    ),
    case("map-containsKey", 'Map.containsKey "b" (Map.ofList [("a", 1); ("b", 2)])', True),
    case("map-fold", 'Map.fold (fun acc k v -> acc + v) 0 (Map.ofList [("a", 1); ("b", 2)])', 3),
    case(
        "map-filter",
        'Map.filter (fun k v -> v > 1) (Map.ofList [("a", 1); ("b", 2)]) |> Map.toList',
        [("b", 2)],
    ),
    case("map-equality", 'Map.ofList [("a", 1)] = Map.ofList [("a", 1)]', True),
    case("map-last-duplicate-wins", 'Map.find "a" (Map.ofList [("a", 1); ("a", 3)])', 3),
    case(
        "set-basics",
        "let s = Set.ofList [3; 1; 2; 1]\n(Set.count s, Set.contains 2 s, Set.toList s)",
        (3, True, [1, 2, 3]),
    ),
    case(
        "set-add-idempotent",
        "Set.empty |> Set.add 1 |> Set.add 1 |> Set.add 5 |> Set.toList",
        [1, 5],
    ),
    case(
        "set-algebra",
        """
        let a = Set.ofList [1; 2; 3]
        let b = Set.ofList [2; 3; 4]
        let u = Set.toList (Set.union a b)
        (u, Set.toList (Set.intersect a b), Set.toList (Set.difference a b))
        """,
        ([1, 2, 3, 4], [2, 3], [1]),
    ),
    case("set-to-python", 'Set.ofList ["b"; "a"]', frozenset({"a", "b"})),
    case("set-equality", 'Set.ofList ["b"; "a"] = Set.ofList ["a"; "b"]', True),
]


@pytest.mark.parametrize(("text", "expected"), COLLECTIONS)
def test_map_and_set(text: str, expected: Any) -> None:
    assert run(text) == expected


def test_map_find_missing_key_is_runtime_error() -> None:
    with pytest.raises(fusabi_host.FusabiRuntimeError) as info:
        run('Map.find "z" (Map.ofList [("a", 1)])')
    assert "KeyNotFoundException" in info.value.reason or "not found" in info.value.reason


# --------------------------------------------------------------------------------------------
# Options and results
# --------------------------------------------------------------------------------------------

OPTIONS = [
    case(
        "option-basics",
        "let o = Some 5\n(Option.map (fun x -> x + 1) o, "
        "Option.defaultValue 0 None, Option.isSome o)",
        (some(6), 0, True),
    ),
    case(
        "option-bind-none", "Option.bind (fun x -> if x > 0 then Some x else None) (Some -1)", NONE
    ),
    case("option-properties", "let o = Some 3\n(o.IsSome, o.IsNone, o.Value)", (True, False, 3)),
    case("option-of-tuple", "Some (1, 2)", some((1, 2))),
    case("option-nested", "Some (Some 2)", some(some(2))),
    case("option-equality", "(Some 1 = Some 1, Some 1 = None, None = None)", (True, False, True)),
    case(
        "option-from-stdlib-equals-literal", "Some 2 = List.tryFind (fun x -> x = 2) [1; 2]", True
    ),
    case(
        "result-map",
        "let r : Result<int, string> = Ok 1\nResult.map (fun x -> x * 10) r",
        Variant("Ok", (10,)),
    ),
    case(
        "result-bind",
        'Result.bind (fun x -> if x > 0 then Ok x else Error "neg") (Ok -1)',
        Variant("Error", ("neg",)),
    ),
    case("result-mapError", 'Result.mapError String.length (Error "abc")', Variant("Error", (3,))),
    case(
        "result-pipeline",
        """
        let parse (s: string) = if s = "" then Error "empty" else Ok (String.length s)
        let check n = if n > 3 then Ok n else Error "short"
        let go s = parse s |> Result.bind check
        (go "hello", go "hi", go "")
        """,
        (Variant("Ok", (5,)), Variant("Error", ("short",)), Variant("Error", ("empty",))),
    ),
]


@pytest.mark.parametrize(("text", "expected"), OPTIONS)
def test_options_and_results(text: str, expected: Any) -> None:
    assert run(text) == expected


# --------------------------------------------------------------------------------------------
# Display of data (spec 3.12) through print
# --------------------------------------------------------------------------------------------

DISPLAY = [
    case(
        "record-sorted-fields",
        'type R = { Zeta: int; Alpha: string }\n{ Zeta = 1; Alpha = "x" }',
        "{ Alpha = x; Zeta = 1 }",
    ),
    case("record-nested", "{ a = { b = 1 }; c = [1] }", "{ a = { b = 1 }; c = [1] }"),
    case("record-empty-anonymous", "{| |}", "{  }"),
    case("union-with-fields", "type S = Rect of float * float\nRect (1.0, 2.5)", "Rect(1, 2.5)"),
    case(
        "union-tree",
        "type T = Leaf | Node of T * int * T\nNode(Leaf, 1, Leaf)",
        "Node(Leaf, 1, Leaf)",
    ),
    case("array-nested", "[|[|1|]; [||]|]", "[|[|1|]; [||]|]"),
    case("map", 'Map.ofList [("b", 2); ("a", 1)]', "Map [a -> 1; b -> 2]"),
    case("map-int-keys", 'Map.ofList [(2, "y"); (1, "x")]', "Map [1 -> x; 2 -> y]"),
    case("map-empty", "Map.empty", "Map []"),
    case("options-in-list", "[Some 1; None]", "[Some(1); None]"),
]


@pytest.mark.parametrize(("text", "expected"), DISPLAY)
def test_display_of_data(text: str, expected: str) -> None:
    assert shown(text) == expected
