"""Ill-typed programs are rejected at compile time: type checking is a gate.

:data:`REJECTED` is a corpus of small, realistic programs that the F# compiler rejects with a
type error (an error, never just a warning): every one of them is invalid F#.  Fusabi must
reject each with :class:`~fusabi_host.errors.CompileError` from
:func:`fusabi_host.compile_source`, before any of the program runs, with a diagnostic at the
line of the (first) error whose message names what went wrong in F# terms -- ``expected X, got
Y`` with types in F# notation (``int``, ``string list``, ``int option``, ``int -> int``,
``Map<string, int>``, ``int * string``, record and union names), or the missing record field,
the union case and its number of fields, a function applied to too many arguments.

Since F# 6 an ``int`` is converted to ``float`` where a ``float`` is known to be expected (``let
x: float = 1``, a ``float`` record field or parameter given ``1``), so those programs are valid
F# and are not here; mixing the two in arithmetic (``1 + 2.5``) is still an error.

Errors in different top-level bindings are independent and all reported; an error in code that
would never run (a branch not taken, a function never called) is still an error; and a program
that would print before reaching its ill-typed line prints nothing, because it never starts.
"""

from __future__ import annotations

import pytest

import fusabi_host
from fusabi_host.errors import CompileError, Diagnostic

FILENAME = "plugin.fsx"


def reject(text: str) -> CompileError:
    """Compile *text*; it must fail with a CompileError carrying at least one diagnostic."""
    with pytest.raises(CompileError) as info:
        fusabi_host.compile_source(text, FILENAME)
    error = info.value
    assert error.diagnostics, "a CompileError always has a diagnostic"
    return error


def case(text: str, line: int, *fragments: str, id: str) -> object:
    return pytest.param(text, line, fragments, id=id)


REJECTED = [
    # --- arithmetic on mismatched operands ----------------------------------------------------
    case(
        """\
let count = 3
let label = count + " items"
printfn "%s" label
""",
        2,
        "expected int, got string",
        id="int-plus-string",
    ),
    case(
        """\
let price = 10
let total = price + 2.5
printfn "%f" total
""",
        2,
        "expected int, got float",
        id="int-plus-float",
    ),
    case(
        """\
let half = 0.5 * 3
printfn "%f" half
""",
        1,
        "expected float, got int",
        id="float-times-int-literal",
    ),
    case(
        """\
let banner = "total: " + 5
printfn "%s" banner
""",
        1,
        "expected string, got int",
        id="string-plus-int",
    ),
    case(
        """\
let rec fact n =
    if n = 0 then 1
    else n * fact (n - 1.0)
printfn "%d" (fact 5)
""",
        3,
        "expected int, got float",
        id="recursive-call-with-float",
    ),
    case(
        """\
let (name, age) = ("Ann", 30)
let line = name + age
printfn "%s" line
""",
        2,
        "expected string, got int",
        id="tuple-items-added",
    ),
    # --- library functions given the wrong element or argument type ---------------------------
    case(
        """\
let words = ["a"; "b"]
let bumped = List.map (fun x -> x + 1) words
printfn "%A" bumped
""",
        2,
        "expected int list, got string list",
        id="list-map-int-function-over-strings",
    ),
    case(
        """\
let lengths = ["apple"; "fig"] |> List.map (fun w -> w + 1)
printfn "%A" lengths
""",
        1,
        "expected string, got int",
        id="piped-list-map-string-plus-int",
    ),
    case(
        """\
let evens = [1; 2; 3; 4] |> List.filter (fun x -> x % 2)
printfn "%A" evens
""",
        1,
        # at the body (F#: expected bool) or at the lambda (expected 'a -> bool, got int -> int)
        "bool",
        "got int",
        id="list-filter-predicate-returns-int",
    ),
    case(
        """\
let n = List.length 5
printfn "%d" n
""",
        1,
        "list",
        "got int",
        id="list-length-of-int",
    ),
    case(
        """\
let sum (xs: int list) = List.sum xs
let names = ["ann"; "bob"]
let total = sum names
printfn "%d" total
""",
        3,
        "expected int list, got string list",
        id="string-list-for-int-list",
    ),
    case(
        """\
let ages = Map.ofList [ ("ann", 30); ("bob", 25) ]
let age = ages |> Map.find 1
printfn "%d" age
""",
        2,
        "expected string, got int",
        id="map-find-wrong-key-type",
    ),
    case(
        """\
let byId = Map.ofList [ (1, "one"); (2, "two") ]
let lookup (table: Map<string, int>) key = Map.find key table
let v = lookup byId "a"
printfn "%d" v
""",
        3,
        "expected Map<string, int>, got Map<int, string>",
        id="map-of-wrong-key-and-value-types",
    ),
    case(
        """\
let apply (f: int -> int) x = f x
let shout (s: string) = s + "!"
let r = apply shout 3
printfn "%d" r
""",
        3,
        "expected int -> int, got string -> string",
        id="function-of-wrong-type-passed",
    ),
    case(
        """\
let n = String.length 42
printfn "%d" n
""",
        1,
        "expected string, got int",
        id="string-length-of-int",
    ),
    case(
        """\
let xs: int list = [1.0; 2.0]
printfn "%A" xs
""",
        1,
        # at an element (F#) or at the whole list (expected int list, got float list)
        "expected int",
        "got float",
        id="float-elements-in-int-list",
    ),
    case(
        """\
let scores = [1; "two"; 3]
printfn "%A" scores
""",
        1,
        "expected int, got string",
        id="list-of-mixed-elements",
    ),
    # --- format strings -----------------------------------------------------------------------
    case(
        """\
let count = "three"
printfn "%d" count
""",
        2,
        "expected int, got string",
        id="printfn-d-given-string",
    ),
    case(
        """\
let label = sprintf "%s" 3
printfn "%s" label
""",
        1,
        "expected string, got int",
        id="sprintf-s-given-int",
    ),
    case(
        """\
let name = "Ann"
printfn "%s is %d years old" name "forty"
""",
        2,
        "expected int, got string",
        id="printfn-second-argument-wrong",
    ),
    # --- application ---------------------------------------------------------------------------
    case(
        """\
let inc (x: int) = x + 1
let y = inc 1 2
printfn "%d" y
""",
        2,
        "'inc'",
        "argument",
        id="function-applied-to-too-many-arguments",
    ),
    case(
        """\
let limit = 5
let y = limit 3
printfn "%d" y
""",
        2,
        "not a function",
        id="value-applied-as-function",
    ),
    case(
        """\
let isActive = not 1
printfn "%b" isActive
""",
        1,
        "expected bool, got int",
        id="not-of-int",
    ),
    case(
        """\
let same = 1 = "1"
printfn "%b" same
""",
        1,
        "expected int, got string",
        id="compare-int-with-string",
    ),
    # --- branches and match arms ---------------------------------------------------------------
    case(
        """\
let describe (b: bool) = if b then 1 else "one"
printfn "%A" (describe true)
""",
        1,
        "expected int, got string",
        id="if-branches-differ",
    ),
    case(
        """\
let sign x =
    if x >= 0 then
        "non-negative"
    else
        -1
printfn "%s" (sign 3)
""",
        5,
        "expected string, got int",
        id="if-else-branch-on-own-line",
    ),
    case(
        """\
let check x =
    if x > 0 then "positive"
printfn "%A" (check 1)
""",
        2,
        # F# words this either way round ("expected unit" or "the 'then' branch has type string")
        "unit",
        "string",
        id="if-without-else-returns-string",
    ),
    case(
        """\
let describe n =
    match n with
    | 0 -> "zero"
    | 1 -> "one"
    | _ -> n
printfn "%s" (describe 2)
""",
        5,
        "expected string, got int",
        id="match-arms-differ",
    ),
    case(
        """\
let greeting = Some 3
let text =
    match greeting with
    | Some "hi" -> "greeting"
    | _ -> "other"
printfn "%s" text
""",
        4,
        "expected int, got string",
        id="match-pattern-of-wrong-type",
    ),
    # --- records and unions --------------------------------------------------------------------
    case(
        """\
type Person = { Name: string; Age: int }
let p = { Age = 3 }
printfn "%d" p.Age
""",
        2,
        "no assignment given for field 'Name'",
        id="record-missing-field",
    ),
    case(
        """\
type Order = { Id: int; Total: float }
let o = { Id = "A1"; Total = 10.0 }
printfn "%f" o.Total
""",
        2,
        "expected int, got string",
        id="record-field-of-wrong-type",
    ),
    case(
        """\
type Cat = { Name: string }
type Dog = { Bark: string }
let speak (d: Dog) = d.Bark
let tom = { Name = "Tom" }
let s = speak tom
printfn "%s" s
""",
        5,
        "expected Dog, got Cat",
        id="record-of-other-type",
    ),
    case(
        """\
type Shape =
    | Circle of float
    | Rect of float * float
let s = Rect 1.0
printfn "%A" s
""",
        4,
        "Rect",
        "2",
        id="union-case-too-few-fields",
    ),
    case(
        """\
type Shape =
    | Circle of float
    | Rect of float * float
let area s =
    match s with
    | Circle r -> 3.14 * r * r
    | Rect w -> w
printfn "%f" (area (Circle 1.0))
""",
        7,
        "Rect",
        "2",
        id="union-pattern-too-few-fields",
    ),
    case(
        """\
type Msg =
    | Greet of string
    | Count of int
let m = Count "five"
printfn "%A" m
""",
        4,
        "expected int, got string",
        id="union-field-of-wrong-type",
    ),
    case(
        """\
type Color =
    | Red
    | Green
let c: Color = "Red"
printfn "%A" c
""",
        4,
        "expected Color, got string",
        id="string-for-union",
    ),
    # --- annotations ---------------------------------------------------------------------------
    case(
        """\
let count: int = 2.5
printfn "%d" count
""",
        1,
        "expected int, got float",
        id="int-annotation-given-float",
    ),
    case(
        """\
let ratio: float = "0.5"
printfn "%f" ratio
""",
        1,
        "expected float, got string",
        id="float-annotation-given-string",
    ),
    case(
        """\
let add (a: int) (b: int) = a + b
let r: int = add 1
printfn "%d" r
""",
        2,
        "expected int, got int -> int",
        id="partial-application-annotated-int",
    ),
    case(
        """\
let greet (name: string) = "hello " + name
let msg = greet 42
printfn "%s" msg
""",
        2,
        "expected string, got int",
        id="parameter-annotation-violated",
    ),
    case(
        """\
let next (x: int) : string = x + 1
printfn "%s" (next 1)
""",
        1,
        "expected string, got int",
        id="return-annotation-violated",
    ),
    case(
        """\
let log (msg: string) = printfn "%s" msg
let n: int = log "x"
printfn "%d" n
""",
        2,
        "expected int, got unit",
        id="unit-result-annotated-int",
    ),
    # --- options and tuples --------------------------------------------------------------------
    case(
        """\
let v: int = Some 3
printfn "%d" v
""",
        1,
        "expected int, got int option",
        id="option-used-as-content",
    ),
    case(
        """\
let names = Map.ofList [ ("a", "Ann") ]
let name: string = Map.tryFind "a" names
printfn "%s" name
""",
        2,
        "expected string, got string option",
        id="try-find-result-used-as-content",
    ),
    case(
        """\
let (a, b) = (1, 2, 3)
printfn "%d %d" a b
""",
        1,
        "int * int * int",
        id="tuple-arity-mismatch",
    ),
    case(
        """\
let pair: int * string = (1, 2)
printfn "%A" pair
""",
        1,
        # at the item (F#: expected string, got int) or the tuple (got int * int)
        "string",
        "got int",
        id="tuple-item-of-wrong-type",
    ),
    # --- code that never runs is still checked -------------------------------------------------
    case(
        """\
let debug = false
if debug then
    printfn "%d" "oops"
printfn "done"
""",
        3,
        "expected int, got string",
        id="error-in-branch-never-taken",
    ),
    case(
        """\
let unused () = 1 + "x"
printfn "hello"
""",
        1,
        "expected int, got string",
        id="error-in-function-never-called",
    ),
]


@pytest.mark.parametrize(("text", "line", "fragments"), REJECTED)
def test_ill_typed_program_is_rejected(text: str, line: int, fragments: tuple[str, ...]) -> None:
    error = reject(text)
    first = error.diagnostics[0]
    assert first.filename == FILENAME
    assert first.line == line, str(error)
    for fragment in fragments:
        assert fragment in first.message, f"{fragment!r} not in {first.message!r}"


def test_corpus_is_large_enough() -> None:
    assert len(REJECTED) >= 28


# --------------------------------------------------------------------------------------------
# Diagnostics: one per independent error, each rendered with place, source line and caret
# --------------------------------------------------------------------------------------------

TWO_ERRORS = """\
let price = 10
let total = price + 2.5
let label = "n"
let shout: string = 42
printfn "%s" label
"""


def test_errors_in_two_top_level_bindings_are_both_reported() -> None:
    error = reject(TWO_ERRORS)
    assert [d.line for d in error.diagnostics] == [2, 4]
    assert "expected int, got float" in error.diagnostics[0].message
    assert "expected string, got int" in error.diagnostics[1].message


def test_every_diagnostic_is_a_diagnostic_of_the_file() -> None:
    error = reject(TWO_ERRORS)
    for diagnostic in error.diagnostics:
        assert isinstance(diagnostic, Diagnostic)
        assert diagnostic.filename == FILENAME
        assert diagnostic.column >= 1
        assert isinstance(diagnostic.hint, str)
    assert (error.filename, error.line) == (FILENAME, 2)


def test_rendered_error_shows_place_source_line_and_caret() -> None:
    text = 'let greet (name: string) = "hello " + name\nlet msg = greet 42\n'
    error = reject(text)
    first = error.diagnostics[0]
    assert first.line == 2
    assert first.source_line == "let msg = greet 42"
    column = first.column
    # the caret points into the offending argument, not somewhere else on the line
    assert first.source_line[column - 1 :].startswith("42")
    rendered = str(error)
    assert f"{FILENAME}:2:{column}:" in rendered
    lines = rendered.splitlines()
    at = next(i for i, s in enumerate(lines) if s.strip() == "let msg = greet 42")
    caret = lines[at + 1]
    assert caret.strip() == "^"
    assert caret.index("^") - lines[at].index("let") == column - 1


def test_rendered_error_shows_every_diagnostic() -> None:
    rendered = str(reject(TWO_ERRORS))
    assert f"{FILENAME}:2:" in rendered
    assert f"{FILENAME}:4:" in rendered
    assert "let total = price + 2.5" in rendered
    assert "let shout: string = 42" in rendered


def test_int_where_float_is_expected_hints_at_the_conversion() -> None:
    first = reject('let half = 0.5 * 3\nprintfn "%f" half\n').diagnostics[0]
    assert "expected float, got int" in first.message
    assert "float" in first.hint


def test_a_diagnostic_with_nothing_to_suggest_has_an_empty_hint() -> None:
    text = """\
type Cat = { Name: string }
type Dog = { Bark: string }
let speak (d: Dog) = d.Bark
let s = speak { Name = "Tom" }
"""
    first = reject(text).diagnostics[0]
    assert first.line == 4
    assert "expected Dog, got Cat" in first.message
    assert first.hint == ""


# --------------------------------------------------------------------------------------------
# Nothing runs: the gate is at compile time
# --------------------------------------------------------------------------------------------

PRINTS_FIRST = """\
printfn "starting"
let greet (name: string) = "hello " + name
printfn "%s" (greet "Ann")
let broken = greet 42
printfn "finished"
"""


def test_compile_source_raises_before_anything_runs(capsys: pytest.CaptureFixture[str]) -> None:
    error = reject(PRINTS_FIRST)
    assert error.diagnostics[0].line == 4
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == ""


def test_run_source_prints_nothing_for_an_ill_typed_program(
    capsys: pytest.CaptureFixture[str],
) -> None:
    printed: list[str] = []
    with pytest.raises(CompileError):
        fusabi_host.run_source(PRINTS_FIRST, FILENAME, stdout=printed.append)
    assert printed == []
    assert capsys.readouterr().out == ""


def test_an_endless_program_is_rejected_without_running() -> None:
    # If compiling ran the top level, this would never return (or hit the deadline).
    text = """\
let rec spin n = spin (n + 1)
spin 0
let wrong: string = 1
"""
    error = reject(text)
    assert error.diagnostics[0].line == 3
    assert "expected string, got int" in error.diagnostics[0].message
