"""``%A`` prints what F# prints (issue 12): strings and chars quoted, floats with a point,
union cases with their fields after a space, records a field a line, lists filled to 80 columns
and cut after 100 elements; Display (``print``, ``%s``, ``%O``) stays upstream's."""

from __future__ import annotations

import pytest

from fusabi_host import run_source

RECORD = "type P = { Name: string; Age: int }\n"
SHAPES = "type S = Circle of float | Rect of float * float | Dot\n"

CASES = [
    ("42", "42"),
    ("-7", "-7"),
    ('"hi"', '"hi"'),
    ('"say \\"x\\""', '"say \\"x\\""'),
    ("'c'", "'c'"),
    ("true", "true"),
    ("()", "()"),
    ("3.0", "3.0"),
    ("2.5", "2.5"),
    ("0.1", "0.1"),
    ("100.0", "100.0"),
    ("-0.0", "-0.0"),
    ("3.14159265358979", "3.141592654"),
    ("1e20", "1e+20"),
    ("1234567890123.0", "1.23456789e+12"),
    ("nan", "nan"),
    ("infinity", "infinity"),
    ("-infinity", "-infinity"),
    ('(1, "a")', '(1, "a")'),
    ("[1; 2]", "[1; 2]"),
    ('["a"; "b"]', '["a"; "b"]'),
    ("[[1; 2]; [3]]", "[[1; 2]; [3]]"),
    ("([]: int list)", "[]"),
    ("[| 1; 2 |]", "[|1; 2|]"),
    ("([||]: int array)", "[||]"),
    ("Some 42", "Some 42"),
    ('Some "x"', 'Some "x"'),
    ("Some -1", "Some -1"),
    ("Some (Some 1)", "Some (Some 1)"),
    ("Some [1; 2]", "Some [1; 2]"),
    ("Some (1, 2)", "Some (1, 2)"),
    ("(None: int option)", "None"),
    ("[Some 1; None]", "[Some 1; None]"),
    ("(Ok 1: Result<int, string>)", "Ok 1"),
    ('(Error "bad": Result<int, string>)', 'Error "bad"'),
    (SHAPES + "[Circle 1.0; Rect (2.0, 3.0); Dot]", "[Circle 1.0; Rect (2.0, 3.0); Dot]"),
    ('Map.ofList [(2, "b"); (1, "a")]', 'map [(1, "a"); (2, "b")]'),
    ("Set.ofList [3; 1; 2]", "set [1; 2; 3]"),
    (RECORD + '{ Name = "Ada"; Age = 36 }', '{ Name = "Ada"\n  Age = 36 }'),
    (
        RECORD + '[{ Name = "a"; Age = 1 }; { Name = "b"; Age = 2 }]',
        '[{ Name = "a"\n   Age = 1 }; { Name = "b"\n                Age = 2 }]',
    ),
    ("fun x -> x + 1", "<fun>"),
    (
        "[1 .. 30]",
        "[1; 2; 3; 4; 5; 6; 7; 8; 9; 10; 11; 12; 13; 14; 15; 16; 17; 18; 19; 20; 21; 22;\n"
        " 23; 24; 25; 26; 27; 28; 29; 30]",
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[t for t, _ in CASES])
def test_percent_a_prints_what_fsharp_prints(text: str, expected: str) -> None:
    *prelude, expr = text.split("\n")
    program = "\n".join([*prelude, f"let shownValue = ({expr})", 'sprintf "%A" shownValue'])
    assert run_source(program) == expected


def test_long_collections_stop_after_one_hundred_elements() -> None:
    text = run_source('sprintf "%A" [1 .. 150]')
    assert text.endswith("99; 100; ...]")
    assert all(len(line) <= 80 for line in text.split("\n"))
    assert run_source('sprintf "%A" [| 1 .. 101 |]').endswith("100; ...|]")


def test_deep_values_stop_after_one_hundred_levels() -> None:
    source = (
        "type T = Leaf | Node of T\n"
        "let rec build n acc = if n = 0 then acc else build (n - 1) (Node acc)\n"
        'sprintf "%A" (build 100000 Leaf)'
    )
    text = run_source(source)
    assert text.startswith("Node (Node (") and "(...)" in text
    assert len(text) < 1000


def test_display_stays_upstreams_for_print_s_and_o() -> None:
    program = 'sprintf "%s | %O | %A" (string (Some "x")) (Some "x") (Some "x")'
    assert run_source(program) == 'Some(x) | Some(x) | Some "x"'
    assert run_source("string true") == "True"  # F#'s string, as .NET's ToString
