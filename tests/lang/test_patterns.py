"""Pattern matching: every pattern form of decision 1/2, match failure, destructuring lets."""

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


def case(name: str, text: str, expected: Any, *marks: pytest.MarkDecorator) -> Any:
    return pytest.param(text, expected, id=name, marks=marks)


def some(x: Any) -> Variant:
    return Variant("Some", (x,))


NONE = Variant("None")

PATTERNS = [
    # literals
    case(
        "int-literals-incl-negative",
        'let f x = match x with | -1 -> "m1" | 0 -> "z" | _ -> "o"\n(f -1, f 0, f 3)',
        ("m1", "z", "o"),
    ),
    case(
        "float-literals",
        'let f x = match x with | 1.5 -> "a" | -2.5 -> "b" | _ -> "c"\n(f 1.5, f -2.5, f 0.0)',
        ("a", "b", "c"),
    ),
    case("negative-float-literal", 'match -0.5 with\n| -0.5 -> "y"\n| _ -> "n"', "y"),
    case(
        "string-literals",
        'let f x = match x with | "hi" -> 1 | "" -> 2 | _ -> 3\n(f "hi", f "", f "x")',
        (1, 2, 3),
    ),
    case(
        "char-literals",
        "let f c = match c with | 'a' -> 1 | '\\n' -> 2 | _ -> 3\n(f 'a', f '\\n', f 'z')",
        (1, 2, 3),
    ),
    case(
        "bool-literals",
        'let f b = match b with | true -> "t" | false -> "f"\n(f true, f false)',
        ("t", "f"),
    ),
    case("unit-pattern", 'match () with\n| () -> "unit"', "unit"),
    # wildcard, variables
    case("wildcard", 'match 42 with\n| _ -> "any"', "any"),
    case("variable-binds", "match 3 with\n| n -> n * 2", 6),
    case("variable-shadows-outer", "let x = 5\nmatch 3 with\n| x -> x", 3),
    # tuples
    case(
        "tuple-sub-patterns-are-tested",
        'match (0, 1) with\n| (0, 0) -> "a"\n| (0, _) -> "b"\n| _ -> "c"',
        "b",
    ),
    case("tuple-without-parens", 'match 1, "x" with\n| 1, "y" -> 1\n| 1, "x" -> 2\n| _ -> 3', 2),
    case("nested-tuple", 'match (1, (2, 3)) with\n| (_, (_, 3)) -> "y"\n| _ -> "n"', "y"),
    case("tuple-binding", "match (1, 2) with\n| (a, b) -> a * 10 + b", 12),
    # lists
    case(
        "list-length-patterns",
        'let f xs = match xs with | [] -> "empty" | [a] -> "one" | [a; b] -> "two" | _ -> "many"\n'
        "(f [], f [1], f [1; 2], f [1; 2; 3])",
        ("empty", "one", "two", "many"),
    ),
    case(
        "cons-patterns",
        "let f xs = match xs with | a :: b :: rest -> a "
        "+ b + List.length rest | [a] -> a | [] -> 0\n"
        "(f [10; 20; 30; 40], f [5], f [])",
        (32, 5, 0),
    ),
    case(
        "list-literal-elements-tested",
        "let f xs = match xs with | [1; x] -> x | _ -> -1\n(f [1; 7], f [2; 7])",
        (7, -1),
    ),
    case("three-wildcards", 'match [1; 2; 3] with\n| [_; _; _] -> "three"\n| _ -> "no"', "three"),
    case("cons-head-literal", "match [0; 5] with\n| 0 :: t -> List.head t\n| _ -> -1", 5),
    case("list-of-options", "match [Some 1; None] with\n| [Some a; None] -> a\n| _ -> 0", 1),
    # records
    case(
        "record-patterns",
        """
        type P = { Name: string; Age: int }
        let f p =
            match p with
            | { Name = "root" } -> "admin"
            | { Name = n; Age = a } when a < 18 -> n + " minor"
            | { Name = n } -> n
        (f { Name = "root"; Age = 1 }, f { Name = "kid"; Age = 5 }, f { Name = "bob"; Age = 40 })
        """,
        ("admin", "kid minor", "bob"),
    ),
    case(
        "record-pattern-anonymous-style",
        'let f r = match r with | { kind = "a"; v = v } -> v | { v = '
        'v } -> -v\n(f { kind = "a"; v = 1 }, f { kind = "b"; v = 2 })',
        (1, -2),
    ),
    case("record-let-pattern", 'let { Name = n } = { Name = "z"; Age = 1 }\nn', "z"),
    case(
        "nested-record-pattern",
        'match { a = { b = 3 } } with\n| { a = { b = 3 } } -> "deep"\n| _ -> "no"',
        "deep",
    ),
    # unions
    case(
        "declared-union-cases",
        """
        type Shape = Circle of float | Rect of float * float | Empty
        let f s = match s with | Circle r -> r | Rect (w, h) -> w * h | Empty -> 0.0
        (f (Circle 2.0), f (Rect (2.0, 3.0)), f Empty)
        """,
        (2.0, 6.0, 0.0),
    ),
    case(
        "declared-union-nullary-cases",
        "type Color = Red | Green | Blue\nlet f c = match c with | Red "
        '-> "r" | Green -> "g" | Blue -> "b"\n[f Blue; f Red; f Green]',
        ["b", "r", "g"],
    ),
    case(
        "option-patterns",
        "let f o = match o with | Some x -> x | None -> 0\n(f (Some 3), f None)",
        (3, 0),
    ),
    case("option-none-first", "match None with\n| Some _ -> 1\n| None -> 2", 2),
    case(
        "result-patterns",
        'let f r = match r with | Ok v -> "ok " + string v | '
        'Error e -> "err " + e\n(f (Ok 1), f (Error "bad"))',
        ("ok 1", "err bad"),
    ),
    case(
        "union-named-fields-positional",
        """
        type Msg = Quit | Move of x: int * y: int | Say of string
        let f m = match m with | Quit -> "q" | Move (x, y) -> string (x + y) | Say s -> s
        [f Quit; f (Move (1, 2)); f (Say "hi")]
        """,
        ["q", "3", "hi"],
    ),
    case(
        "union-named-field-pattern",
        "type Msg = Quit | Move of x: int * y: int\nlet f m = match "
        "m with | Move (y = yy) -> yy | _ -> 0\nf (Move (1, 2))",
        2,
    ),
    case(
        "union-named-field-pattern-single",
        """
        type Shape =
            | Circle of radius: float
            | Rect of width: float * height: float
        let f s = match s with | Circle (radius = r) -> r | Rect (width = w) -> w
        f (Rect (3.0, 4.0))
        """,
        3.0,
    ),
    # or, as, guards, nesting
    case(
        "or-pattern-literals",
        'let f x = match x with | 1 | 2 | 3 -> "small" | _ -> "big"\n(f 2, f 9)',
        ("small", "big"),
    ),
    case(
        "or-pattern-tuples",
        'let f x = match x with | (1, _) | (_, 1) -> "has1" '
        '| _ -> "no"\n(f (1, 5), f (5, 1), f (2, 2))',
        ("has1", "has1", "no"),
    ),
    case(
        "or-pattern-binding-same-variable",
        "let f x = match x with | (a, 0) | (0, a) -> a | _ -> -1\n(f (5, 0), f (0, 7), f (1, 1))",
        (5, 7, -1),
    ),
    case(
        "or-pattern-union-cases-binding",
        "type S = Circle of float | Square of float\n"
        "let f s = match s with | Circle r | Square r -> r\n(f (Circle 1.0), f (Square 2.0))",
        (1.0, 2.0),
    ),
    case(
        "nested-or-pattern",
        'let f o = match o with | Some (1 | 2) -> "a" | Some _ '
        '-> "b" | None -> "c"\n(f (Some 2), f (Some 5), f None)',
        ("a", "b", "c"),
    ),
    case("or-pattern-chars", "match 'b' with\n| 'a' | 'b' -> 1\n| _ -> 2", 1),
    case(
        "as-pattern",
        "let f xs = match xs with | (h :: _) as whole -> "
        "(h, List.length whole) | [] -> (0, 0)\nf [4; 5; 6]",
        (4, 3),
    ),
    case("as-pattern-tuple", "match (1, 2) with\n| (a, b) as t -> (t, a + b)", ((1, 2), 3)),
    case("as-pattern-literal", 'match "x" with\n| "x" as s -> s + s', "xx"),
    case(
        "when-guards",
        'let f x = match x with | n when n < 0 -> "neg" | n when '
        'n % 2 = 0 -> "even" | _ -> "odd"\n(f -3, f 4, f 7)',
        ("neg", "even", "odd"),
    ),
    case(
        "guard-false-falls-through",
        'match 3 with\n| 1 | 2 -> "a"\n| 3 when false -> "b"\n| n -> "c" + string n',
        "c3",
    ),
    case(
        "guard-with-nested-pattern",
        "let f x = match x with | Some (a, [b]) when a = b -> "
        '"same" | Some (a, _ :: _) -> "list" | _ -> "other"\n'
        "(f (Some (1, [1])), f (Some (1, [2])), f (Some (1, [])), f None)",
        ("same", "list", "other", "other"),
    ),
    case(
        "nested-unions",
        """
        type E = Num of int | Add of E * E | Neg of E
        let rec ev e =
            match e with
            | Num n -> n
            | Add (a, b) -> ev a + ev b
            | Neg (Num n) -> -n
            | Neg e -> 0 - ev e
        ev (Add (Num 1, Add (Neg (Num 3), Neg (Add (Num 1, Num 1)))))
        """,
        -4,
    ),
    case(
        "nested-option-result",
        'match (Some 3, Ok "x") with\n| (Some n, Ok s) -> s + string n\n| _ -> ""',
        "x3",
    ),
    case("nested-some-some", "match Some (Some 2) with\n| Some (Some n) -> n\n| _ -> 0", 2),
    # function keyword
    case(
        "function-recursive",
        "let rec sum = function\n    | [] -> 0\n    | h :: t -> h + sum t\nsum [1; 2; 3]",
        6,
    ),
    case(
        "function-with-guards",
        """
        let classify = function
            | 0 -> "zero"
            | n when n > 0 -> "pos"
            | _ -> "neg"
        [classify 0; classify 4; classify -4]
        """,
        ["zero", "pos", "neg"],
    ),
    case(
        "function-in-pipeline",
        "[Some 1; None; Some 3] |> List.map (function Some x -> x | None -> 0)",
        [1, 0, 3],
    ),
    # destructuring lets and parameters
    case("let-tuple", "let (a, b) = (1, 2)\nlet (c, (d, e)) = (3, (4, 5))\na + b + c + d + e", 15),
    case("let-list-pattern", "let [x; y] = [1; 2]\nx + y", 3),
    case("let-cons-pattern", "let h :: _ = [9; 8]\nh", 9),
    case("let-from-function", "let f x = (x, x)\nlet a, b = f 3\na + b", 6),
    case("local-let-tuple", "let f p =\n    let (a, b) = p\n    a - b\nf (5, 3)", 2),
    case("tuple-params", "let f (a, b) (c, d) = a * c + b * d\nf (1, 2) (3, 4)", 11),
    case("nested-tuple-param", "let f ((a, b), c) = a + b + c\nf ((1, 2), 3)", 6),
    case("lambda-tuple-param", "List.map (fun (k, v) -> k + v) [(1, 2); (3, 4)]", [3, 7]),
    case(
        "lambda-union-param",
        "type W = W of int\nlet unwrap (W n) = n\nunwrap (W 4)",
        4,
    ),
    case(
        "for-loop-tuple-pattern",
        "let mutable s = 0\nfor (a, b) in [(1, 2); (3, 4)] do s <- s + a * b\ns",
        14,
    ),
    case(
        "match-with-block-arms",
        """
        let describe xs =
            match xs with
            | [] ->
                "none"
            | [x] ->
                let s = string x
                "one " + s
            | x :: _ ->
                "starts " + string x
        (describe [], describe [1], describe [2; 3])
        """,
        ("none", "one 1", "starts 2"),
    ),
]


@pytest.mark.parametrize("mode", ["typed", "dynamic"])
@pytest.mark.parametrize(("text", "expected"), PATTERNS)
def test_patterns(text: str, expected: Any, mode: str) -> None:
    assert run(text, mode) == expected


# upstream's undeclared ("ad-hoc") union cases in patterns: F# refuses them, and so does a
# strict compile; the dynamic path runs them
ADHOC_PATTERNS = [
    case(
        "upstream-adhoc-constructors-with-args",
        "let f s = match s with | Circle (x, y) -> x + y | Square x -> x | _ -> 0\n"
        "(f (Circle(1, 2)), f (Square 5), f (Other 1))",
        (3, 5, 0),
    ),
    case(
        "upstream-adhoc-nullary-first-arm",
        'let t = Node 5\nmatch t with\n| Leaf -> "leaf"\n| Node n -> "node"',
        "node",
    ),
    case(
        "upstream-adhoc-nullary-cases",
        'let f x = match x with | Red -> "r" | Green -> "g" | _ -> "?"\n(f Red, f Green, f Blue)',
        ("r", "g", "?"),
    ),
    case(
        "upstream-adhoc-tree",
        """
        let rec build n = if n = 0 then Leaf else Node (build (n - 1))
        let rec size t = match t with | Leaf -> 0 | Node c -> 1 + size c
        size (build 5)
        """,
        5,
    ),
    case(
        "upstream-adhoc-nullary-second-arm",
        'let t = Node 5\nmatch t with\n| Node n -> "node"\n| Leaf -> "leaf"',
        "node",
    ),
]


@pytest.mark.parametrize(("text", "expected"), ADHOC_PATTERNS)
def test_undeclared_cases_match_on_the_dynamic_path(text: str, expected: Any) -> None:
    assert run(text, "dynamic") == expected


@pytest.mark.parametrize(("text", "expected"), ADHOC_PATTERNS)
def test_undeclared_cases_are_refused_by_a_strict_compile(text: str, expected: Any) -> None:
    with pytest.raises(fusabi_host.errors.CompileError, match="is not defined"):
        run(text, "typed")


# --------------------------------------------------------------------------------------------
# Match failure
# --------------------------------------------------------------------------------------------

FAILURES = [
    pytest.param(
        'let f x =\n    match x with\n    | 1 -> "one"\n    | 2 -> "two"\nlet y = f 42\ny',
        "42",
        2,
        id="int",
    ),
    pytest.param("match Some 1 with\n| Some 0 -> 1\n| None -> 2", "Some(1)", 1, id="option"),
    pytest.param("let (a, 1) = (5, 2)\na", "(5, 2)", 1, id="let-tuple"),
    pytest.param("let f = function\n    | [] -> 0\nf [1; 2]", "[1; 2]", 1, id="function-list"),
    pytest.param(
        "type Shape = Circle of float\nlet f s = match s "
        "with | Circle r when r > 1.0 -> r\nf (Circle 0.5)",
        "Circle(0.5)",
        2,
        id="guard",
    ),
    pytest.param('\n\nmatch "abc" with\n| "x" -> 1', "abc", 3, id="string-line-3"),
    pytest.param("let [x] = [1; 2]\nx", "[1; 2]", 1, id="let-list"),
]


@pytest.mark.parametrize(("text", "shown", "line"), FAILURES)
def test_match_failure_names_value_and_line(text: str, shown: str, line: int) -> None:
    with pytest.raises(fusabi_host.FusabiRuntimeError) as info:
        fusabi_host.run_source(text, "p.fsx")
    error = info.value
    assert "MatchFailure" in error.reason
    assert shown in error.reason
    assert f"line {line}" in error.reason or any(
        frame.line == line for frame in error.fusabi_traceback
    )
    assert f"(line {line})" in error.reason


def test_match_failure_is_catchable() -> None:
    text = 'let f x = match x with | 1 -> "one"\ntry f 2 with | MatchFailureException _ -> "caught"'
    assert fusabi_host.run_source(text) == "caught"


def test_match_failure_traceback_names_function() -> None:
    text = "let classify n =\n    match n with\n    | 0 -> 0\nclassify 5"
    with pytest.raises(fusabi_host.FusabiRuntimeError) as info:
        fusabi_host.run_source(text, "p.fsx")
    assert [frame.function for frame in info.value.fusabi_traceback][-1] == "classify"
