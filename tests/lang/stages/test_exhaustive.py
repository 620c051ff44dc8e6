"""Match exhaustiveness (lang/exhaustive.py): real programs through parse, lower and infer,
then the checker on every ``match``/``function`` of the inferred IR."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from fusabi_host.lang import exhaustive, ir
from fusabi_host.lang.exhaustive import missing_case
from fusabi_host.lang.infer import infer_unit
from fusabi_host.lang.lower import lower
from fusabi_host.lang.parser import parse

SHAPES = "type Shape = Circle of float | Rect of float * float | Tri\n"


def matches(source: str) -> list[ir.Match]:
    """The real ``match``/``function`` nodes of *source*, inferred, in source order."""
    unit = lower(parse(source, "t.fsx"), None)
    assert infer_unit(unit).ok
    found: list[ir.Match] = []
    for item in unit.items:
        root = item.value if isinstance(item, ir.TopBinding) else item.expr
        found.extend(
            node for node in ir.walk(root) if isinstance(node, ir.Match) and node.what == "match"
        )
    return sorted(found, key=lambda m: m.line)


def missing(source: str) -> list[str | None]:
    """The checker's answer for each match of *source*."""
    return [missing_case(m.arms, m.subject.ty) for m in matches(source)]


def only(source: str) -> str | None:
    """The checker's answer for the one match of *source*."""
    answers = missing(source)
    assert len(answers) == 1
    return answers[0]


# -- unions, option, result, bool


def test_union_missing_a_case_with_fields() -> None:
    assert only(SHAPES + "let f s = match s with | Circle _ -> 1 | Tri -> 2\n") == "Rect (_, _)"


def test_union_missing_a_constant_case() -> None:
    src = SHAPES + "let f s =\n    match s with\n    | Circle r -> r\n    | Rect (w, h) -> w * h\n"
    assert only(src) == "Tri"


def test_union_missing_a_one_field_case() -> None:
    assert only(SHAPES + "let f s = match s with | Rect _ -> 1 | Tri -> 2\n") == "Circle _"


def test_union_missing_every_case_names_the_first() -> None:
    assert only(SHAPES + "let f (s: Shape) = match s with | x when true -> 1\n") == "_"


def test_option_missing_none() -> None:
    assert only("let f (o: int option) = match o with Some x -> x\n") == "None"


def test_option_missing_some() -> None:
    assert only("let f (o: int option) = match o with None -> 0\n") == "Some _"


def test_result_missing_error() -> None:
    assert only("let f (r: Result<int, string>) = match r with Ok x -> x\n") == "Error _"


def test_result_missing_ok() -> None:
    assert only("let f (r: Result<int, string>) = match r with Error _ -> 0\n") == "Ok _"


def test_bool_missing_false() -> None:
    assert only("let f b = match b with true -> 1\n") == "false"


def test_bool_pair_first_column() -> None:
    assert only("let f a b = match (a, b) with | (true, _) -> 1\n") == "(false, _)"


def test_bool_pair_both_columns() -> None:
    src = "let f a b = match (a, b) with | (true, _) -> 1 | (_, true) -> 2\n"
    assert only(src) == "(false, false)"


def test_nested_option_in_tuple() -> None:
    src = "let f (o: int option) (xs: int list) =\n    match (o, xs) with\n"
    src += "    | (Some x, []) -> x\n    | (None, _) -> 0\n"
    assert only(src) == "(Some _, _ :: _)"


def test_nested_union_inside_option_is_parenthesised() -> None:
    src = SHAPES + "let f (o: Shape option) =\n    match o with\n"
    src += "    | Some (Circle _) -> 1\n    | Some Tri -> 2\n    | None -> 3\n"
    assert only(src) == "Some (Rect (_, _))"


def test_option_of_option() -> None:
    assert only("let f x = match x with | Some (Some _) -> 1 | None -> 2\n") == "Some None"


def test_recursive_union_nested_cases() -> None:
    src = "type T = A | B of int | C of T * T\n"
    src += "let f x =\n    match x with\n    | A -> 0\n    | B _ -> 1\n"
    src += "    | C (A, _) -> 2\n    | C (_, A) -> 3\n    | C (B _, B _) -> 4\n"
    assert only(src) == "C (C (_, _), B _)"


def test_function_keyword_is_checked() -> None:
    assert only("let f = function | Some 1 -> 1 | None -> 0\n") == "Some 0"


# -- lists and arrays


def test_list_missing_cons() -> None:
    assert only("let f (xs: int list) = match xs with [] -> 0\n") == "_ :: _"


def test_list_missing_nil() -> None:
    assert only("let f (xs: int list) = match xs with x :: _ -> x\n") == "[]"


def test_list_literals_miss_longer_lists() -> None:
    assert only("let f xs = match xs with | [] -> 0 | [x] -> x\n") == "_ :: _ :: _"


def test_list_of_tuples_with_constants() -> None:
    src = 'let f (xs: (int * string) list) = match xs with | [] -> 0 | (1, "") :: _ -> 1\n'
    assert only(src) == "(0, _) :: _"


def test_list_of_lists_parenthesises_the_head() -> None:
    src = "let f (xs: bool list list) = match xs with | [] -> 0 | [] :: _ -> 1\n"
    assert only(src) == "(_ :: _) :: _"


def test_array_missing_empty() -> None:
    assert only("let f (a: int array) = match a with [|x|] -> x\n") == "[||]"


def test_array_missing_a_length() -> None:
    assert only("let f a = match a with | [||] -> 0 | [|x|] -> x\n") == "[|_; _|]"


# -- guards, or-patterns, as-patterns, records, constants


def test_guarded_arm_covers_nothing() -> None:
    src = "let f o = match o with | Some x when x > 0 -> x | None -> 0\n"
    assert only(src) == "Some _"


def test_guard_then_same_pattern_unguarded_is_exhaustive() -> None:
    src = "let f o =\n    match o with\n    | Some x when x > 0 -> x\n"
    src += "    | Some x -> 0 - x\n    | None -> 0\n"
    assert only(src) is None


def test_or_pattern_covers_both_sides() -> None:
    src = SHAPES + "let f s = match s with | Circle _ | Tri -> 1 | Rect _ -> 2\n"
    assert only(src) is None


def test_or_pattern_missing_a_case() -> None:
    src = SHAPES + "let f s = match s with | Circle _ | Tri -> 1\n"
    assert only(src) == "Rect (_, _)"


def test_or_patterns_inside_tuples() -> None:
    src = "let f a b c = match (a, b, c) with | ((true | false), (true | false), true) -> 1\n"
    assert only(src) == "(false, false, false)"


def test_as_pattern_covers_what_its_inner_pattern_covers() -> None:
    src = "let f a b = match (a, b) with | ((Some _ as x), _) -> 1 | (None, true) -> 2\n"
    assert only(src) == "(None, false)"


def test_as_pattern_on_a_wildcard_covers_everything() -> None:
    assert only(SHAPES + "let f s = match s with | Tri -> 0 | _ as other -> 1\n") is None


def test_record_with_a_union_field() -> None:
    src = SHAPES + "type R = { Name: string; S: Shape }\n"
    src += "let f x = match x with | { S = Circle _ } -> 1 | { S = Tri } -> 2\n"
    assert only(src) == "{ S = Rect (_, _) }"


def test_record_with_two_union_fields() -> None:
    src = "type P = { A: bool; B: int option }\n"
    src += "let f p =\n    match p with\n    | { A = true } -> 1\n    | { B = None } -> 2\n"
    assert only(src) == "{ A = false; B = Some _ }"


def test_int_constants_smallest_missing() -> None:
    assert only("let f x = match x with | 0 -> 1 | 1 -> 2 | 3 -> 4\n") == "2"


def test_negative_int_constants() -> None:
    assert only("let f x = match x with | -1 -> 1 | 5 -> 2\n") == "0"


def test_string_constants() -> None:
    assert only('let f x = match x with | "hello" -> 1\n') == '""'


def test_string_constants_listing_the_empty_string() -> None:
    assert only('let f x = match x with | "" | "a" -> 1 | "b" -> 2\n') == '"c"'


def test_char_constants() -> None:
    assert only("let f x = match x with | 'a' -> 1 | 'c' -> 2\n") == "'b'"


def test_float_constants() -> None:
    assert only("let f x = match x with | 1.5 -> 1\n") == "0.0"


def test_constants_with_a_catch_all_are_exhaustive() -> None:
    src = 'let f x = match x with | 0 -> "zero" | 1 -> "one" | n -> string n\n'
    assert only(src) is None


# -- exhaustive matches: no false warnings

EXHAUSTIVE = [
    "let f xs = match xs with | [] -> 0 | [x] -> x | x :: y :: rest -> x + y\n",
    "let f xs = match xs with | [] -> 0 | x :: rest -> x\n",
    "let f (o: int option) = match o with | Some x -> x | None -> 0\n",
    "let f (r: Result<int, string>) = match r with | Ok x -> x | Error _ -> 0\n",
    "let f b = match b with | true -> 1 | false -> 0\n",
    "let f a b =\n    match (a, b) with\n    | (true, true) -> 1\n    | (true, false) -> 2\n"
    "    | (false, true) -> 3\n    | (false, false) -> 4\n",
    SHAPES + "let f s = match s with | Circle r -> r | Rect (w, h) -> w * h | Tri -> 0.0\n",
    SHAPES + "type R = { Name: string; S: Shape }\n"
    "let f x = match x with | { S = Circle _ } -> 1 | { Name = n } -> 2\n",
    "let f x = match x with | _ -> 1\n",
    "let f x = match x with | y -> y\n",
    "let f x = match x with | Some (Some _) -> 1 | Some None -> 2 | None -> 3\n",
    "let f (xs: int option list) = match xs with | [] -> 0 | Some x :: _ -> x | None :: _ -> 1\n",
    "let f (b: bool) = match b with | (true | false) -> 1\n",
    "let f x = match x with | (x: int) -> x\n",
    "let f (x: unit) = match x with | () -> 1\n",
    "let f (a: int array) = match a with | [||] -> 0 | [|x|] -> x | _ -> 2\n",
    "let f (o: int option) (xs: int list) =\n    match (o, xs) with\n    | (Some x, []) -> x\n"
    "    | (None, _) -> 0\n    | (_, _ :: _) -> 1\n",
    "let f = function | [] -> 0 | [_; _] -> 2 | _ -> 1\n",
    "let f (xs: string list) =\n    match xs with\n    | [] -> 0\n"
    '    | "a" :: rest -> 1\n    | s :: rest -> 2\n',
]


@pytest.mark.parametrize("source", EXHAUSTIVE)
def test_exhaustive_matches_report_nothing(source: str) -> None:
    assert only(source) is None


# -- when the check gives up, and bounded work


def test_undeclared_constructors_give_up() -> None:
    # (F# refuses the undeclared cases, and so does inference; the checker, run on the
    # dynamic path's IR, still gives up rather than guess)
    unit = lower(parse("let f x = match x with | Circle r -> 1 | Square s -> 2\n", "t.fsx"), None)
    result = infer_unit(unit)
    assert not result.ok
    assert "'Circle' is not defined" in str(result.errors[0])
    (arms,) = [
        node
        for item in unit.items
        if isinstance(item, ir.TopBinding)
        for node in ir.walk(item.value)
        if isinstance(node, ir.Match) and node.what == "match"
    ]
    assert missing_case(arms.arms, None) is None


def test_exception_patterns_give_up() -> None:
    assert only("let f x = match x with | Failure m -> 1\n") is None


def test_no_unguarded_arm_misses_anything() -> None:
    assert only("let f x = match x with | y when y > 0 -> 1\n") == "_"


def test_budget_exhausted_gives_up(monkeypatch: pytest.MonkeyPatch) -> None:
    src = SHAPES + "let f s = match s with | Circle _ -> 1 | Tri -> 2\n"
    monkeypatch.setattr(exhaustive, "BUDGET", 3)
    assert only(src) is None


def test_subject_type_unknown_still_checks() -> None:
    (match,) = matches("let f (o: int option) = match o with Some x -> x\n")
    assert missing_case(match.arms, None) == "None"


def bool_tuple_match(arms: list[str], width: int) -> str:
    params = " ".join(f"a{i}" for i in range(width))
    subject = ", ".join(f"a{i}" for i in range(width))
    body = "".join(f"    | ({arm}) -> {n}\n" for n, arm in enumerate(arms))
    return f"let f {params} =\n    match ({subject}) with\n{body}"


def test_pathological_random_bool_tuples_return() -> None:
    rng = random.Random(7)
    arms = [", ".join(rng.choice(["true", "false", "_"]) for _ in range(12)) for _ in range(300)]
    answer = only(bool_tuple_match(arms, 12))
    assert answer is None or answer.startswith("(")


def test_pathological_all_but_one_row_of_a_truth_table_returns() -> None:
    width = 12
    arms = [
        ", ".join("true" if (k >> j) & 1 else "false" for j in range(width))
        for k in range(2**width - 1)
    ]
    # the missing row lies past the budget: the check gives up rather than search on
    assert only(bool_tuple_match(arms, width)) is None


def test_many_or_patterns_return() -> None:
    arms = [", ".join("(true | false)" for _ in range(12))]
    assert only(bool_tuple_match(arms, 12)) is None


def test_long_list_literal_pattern() -> None:
    items = "; ".join("_" for _ in range(300))
    answer = only(f"let f (xs: int list) = match xs with | [] -> 0 | [{items}] -> 1\n")
    assert answer == "[_]"


def test_every_length_up_to_eighty_gives_a_long_example() -> None:
    arms = "".join("    | [" + "; ".join(["_"] * n) + f"] -> {n}\n" for n in range(81))
    answer = only("let f (xs: int list) =\n    match xs with\n" + arms)
    assert answer == " :: ".join(["_"] * 82)


def test_the_example_plugins_get_no_warnings() -> None:
    root = Path(__file__).resolve().parents[3] / "examples"
    checked = 0
    for path in sorted(root.rglob("*.fsx")):
        unit = lower(parse(path.read_text(), str(path)), None)
        if not infer_unit(unit).ok:
            continue
        for item in unit.items:
            node = item.value if isinstance(item, ir.TopBinding) else item.expr
            for sub in ir.walk(node):
                if isinstance(sub, ir.Match) and sub.what == "match":
                    assert missing_case(sub.arms, sub.subject.ty) is None, (path, sub.line)
                    checked += 1
    assert checked > 0
