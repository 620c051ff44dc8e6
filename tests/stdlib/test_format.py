"""printf-family formatting: F# format strings and upstream's list form."""

from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fusabi_host.lang.format import (
    Spec,
    format_list_form,
    format_values,
    is_list_form,
    kprintf_function,
    parse_format,
    sprintf_function,
)
from fusabi_host.lang.values import NIL, SOME_TAG, Char, FusabiException, from_iterable


@contextmanager
def fusabi_error(kind: str, *fragments: str) -> Iterator[None]:
    with pytest.raises(FusabiException) as caught:
        yield
    exn: Any = caught.value.value
    tag, message = exn
    assert tag.name == kind
    for fragment in fragments:
        assert fragment in message


def sprintf(fmt: str, *args: object) -> object:
    result = sprintf_function(fmt)
    for arg in args:
        result = result(arg)  # type: ignore[operator]
    return result


# --------------------------------------------------------------------------- parsing


def test_parse_literal_text_and_specs() -> None:
    parts = parse_format("%5d and %-10s|%.2f %08.3f %+d 100%%")
    assert parts[1] == " and "
    assert parts[-1] == " 100%"
    specs = [p for p in parts if isinstance(p, Spec)]
    assert [s.conversion for s in specs] == ["d", "s", "f", "f", "d"]
    assert specs[0].width == 5
    assert specs[1].flags == "-"
    assert specs[1].width == 10
    assert specs[2].precision == 2
    assert (specs[3].flags, specs[3].width, specs[3].precision) == ("0", 8, 3)
    assert specs[4].flags == "+"
    assert specs[3].text == "%08.3f"
    assert all(s.arity == 1 for s in specs)


def test_parse_without_specifiers() -> None:
    assert parse_format("") == []
    assert parse_format("plain") == ["plain"]
    assert parse_format("%%") == ["%"]
    assert parse_format("a%%b") == ["a%b"]


def test_star_width_and_precision_take_extra_arguments() -> None:
    (spec,) = parse_format("%*.*f")
    assert isinstance(spec, Spec)
    assert spec.star_width and spec.star_precision
    assert spec.arity == 3


def test_parse_returns_a_fresh_list() -> None:
    first = parse_format("%d")
    first.append("junk")
    assert parse_format("%d") != first


@pytest.mark.parametrize(
    ("fmt", "bad"), [("%z", "%z"), ("value: %q!", "%q"), ("%5k", "%5k"), ("%-y", "%-y")]
)
def test_unknown_specifier(fmt: str, bad: str) -> None:
    with fusabi_error("FormatException", bad):
        parse_format(fmt)


@pytest.mark.parametrize("fmt", ["%", "abc %", "%-5", "%.2"])
def test_incomplete_specifier(fmt: str) -> None:
    with fusabi_error("FormatException", "Missing format specifier"):
        parse_format(fmt)


# --------------------------------------------------------------------------- rendering


@pytest.mark.parametrize(
    ("fmt", "args", "text"),
    [
        ("%d", (42,), "42"),
        ("%i", (-7,), "-7"),
        ("%5d|", (42,), "   42|"),
        ("%-5d|", (42,), "42   |"),
        ("%5d", (-42,), "  -42"),
        ("%05d", (-42,), "-0042"),
        ("%-05d|", (-42,), "-42  |"),
        ("%+d %+d", (5, -5), "+5 -5"),
        ("% d|% d", (5, -5), " 5|-5"),
        ("%+5d", (42,), "  +42"),
        ("%d", (-9223372036854775808,), "-9223372036854775808"),
        ("%u", (-1,), "18446744073709551615"),
        ("%x", (-1,), "ffffffffffffffff"),
        ("%x", (255,), "ff"),
        ("%X", (255,), "FF"),
        ("%08X", (48879,), "0000BEEF"),
        ("%o", (8,), "10"),
        ("%B", (5,), "101"),
        ("%x", (-9223372036854775808,), "8000000000000000"),
        ("%f", (3.14159,), "3.141590"),
        ("%.2f", (3.14159,), "3.14"),
        ("%.0f", (2.5,), "3"),  # (.NET rounds a tie away from zero)
        ("%f", (5,), "5.000000"),
        ("%.1f", (5,), "5.0"),
        ("%8.3f|", (3.14159,), "   3.142|"),
        ("%-8.1f|", (2.0,), "2.0     |"),
        ("%08.2f", (-3.14159,), "-0003.14"),
        ("%+.1f", (2.0,), "+2.0"),
        ("%f", (-0.0,), "-0.000000"),
        ("%F", (1.5,), "1.500000"),
        ("%e", (1000.0,), "1.000000e+003"),
        ("%E", (1e-10,), "1.000000E-010"),
        ("%.2e", (123456.0,), "1.23e+005"),
        ("%e", (1e300,), "1.000000e+300"),
        ("%e", (0.0,), "0.000000e+000"),
        ("%g", (3.14159265,), "3.14159"),
        ("%g", (100000.0,), "100000"),
        ("%g", (1000000.0,), "1e+06"),
        ("%g", (1e-5,), "1e-05"),
        ("%G", (1e20,), "1E+20"),
        ("%.3g", (2.0,), "2"),
        ("%f", (math.nan,), "NaN"),
        ("%f", (math.inf,), "Infinity"),
        ("%e", (-math.inf,), "-Infinity"),
        ("%010f|", (math.inf,), "  Infinity|"),
        ("%b %b", (True, False), "true false"),
        ("%6b|", (True,), "  true|"),
        ("%c%c", (Char("o"), Char("k")), "ok"),
        ("%3c", (Char("x"),), "  x"),
        ("%s", ("text",), "text"),
        ("%s", (42,), "42"),
        ("%s", (from_iterable(["a", "b"]),), "[a; b]"),
        ("%-6s|%6s", ("ab", "cd"), "ab    |    cd"),
        ("%A", ("raw",), '"raw"'),
        ("%A", ((SOME_TAG, 1.0),), "Some 1.0"),
        ("%O", ("raw",), "raw"),
        ("%O", ((SOME_TAG, 1.0),), "Some(1)"),
        ("%O", ((1, "a"),), "(1, a)"),
        ("%5s", ("toolong",), "toolong"),
        ("%*d|%-*d", (5, 1, 4, 2), "    1|2   "),
        ("%.*f", (3, 3.14159), "3.142"),
        ("%*d", (-4, 7), "7   "),
        ("%d%% done", (50,), "50% done"),
        ("%s is %d", ("age", 42), "age is 42"),
    ],
)
def test_format_values(fmt: str, args: tuple[object, ...], text: str) -> None:
    assert format_values(parse_format(fmt), args) == text
    assert sprintf(fmt, *args) == text


@pytest.mark.parametrize(
    ("fmt", "value", "expected", "actual"),
    [
        ("%d", "x", "an int", "string"),
        ("%x", 1.5, "an int", "float"),
        ("%d", True, "an int", "bool"),
        ("%f", "1.0", "a float", "string"),
        ("%.2f", None, "a float", "unit"),
        ("%b", 1, "a bool", "int"),
        ("%c", "c", "a char", "string"),
    ],
)
def test_type_mismatch(fmt: str, value: object, expected: str, actual: str) -> None:
    with fusabi_error("FormatException", f"'{fmt}'", expected, actual):
        format_values(parse_format(fmt), (value,))


def test_star_argument_must_be_an_int() -> None:
    with fusabi_error("FormatException", "'%*d'", "string"):
        format_values(parse_format("%*d"), ("5", 1))


def test_wrong_number_of_values() -> None:
    with fusabi_error("FormatException", "expects 2"):
        format_values(parse_format("%d %d"), (1,))


@given(st.integers(min_value=-(2**63), max_value=2**63 - 1))
def test_int_specifiers_agree_with_python(n: int) -> None:
    assert sprintf("%d", n) == str(n)
    assert sprintf("%x", n) == format(n % 2**64, "x")
    assert sprintf("%u", n) == str(n % 2**64)


# --------------------------------------------------------------------------- curried forms


def test_sprintf_without_specifiers_is_the_string() -> None:
    assert sprintf_function("hello") == "hello"
    assert sprintf_function("100%% sure") == "100% sure"
    assert sprintf_function("") == ""


def test_sprintf_is_curried_and_partial_applications_are_reusable() -> None:
    f = sprintf_function("%s=%d")
    assert callable(f)
    g = f("x")
    assert callable(g)
    assert g(1) == "x=1"
    assert g(2) == "x=2"
    assert f("y")(3) == "y=3"


def test_sprintf_list_form() -> None:
    assert sprintf("%s is %d", from_iterable(["age", 42])) == "age is 42"
    assert sprintf("[Async] %s", from_iterable(["msg"])) == "[Async] msg"
    assert sprintf("%.1f%%", from_iterable([2.26])) == "2.3%"
    # a tie rounds to even in upstream's list form (Rust's formatting), away from zero in F#'s
    assert sprintf("%.0f %.1f", from_iterable([2.5, 0.25])) == "2 0.2"
    assert sprintf("%.0f", 2.5) == "3"


def test_list_given_to_a_display_specifier_is_an_ordinary_argument() -> None:
    assert sprintf("%A", from_iterable([1, 2])) == "[1; 2]"
    assert sprintf("%O", from_iterable([1])) == "[1]"
    # length differs from the number of specifiers: an ordinary argument
    assert sprintf("%s and %s", from_iterable(["a"]), "b") == "[a] and b"


def test_list_form_detection_can_be_turned_off() -> None:
    one = from_iterable(["a"])
    assert sprintf_function("%s", list_form=False)(one) == "[a]"  # type: ignore[operator]
    assert sprintf_function("%s")(one) == "a"  # type: ignore[operator]
    seen: list[str] = []
    kprintf_function("%s", seen.append, list_form=False)(one)  # type: ignore[operator]
    assert seen == ["[a]"]


def test_is_list_form() -> None:
    parsed = parse_format("%s is %d")
    assert is_list_form(parsed, from_iterable(["a", 1]))
    assert not is_list_form(parsed, from_iterable(["a"]))
    assert not is_list_form(parsed, from_iterable(["a", 1, 2]))
    assert not is_list_form(parsed, "a")
    assert not is_list_form(parsed, [1, 2])  # improper cons cell
    assert not is_list_form(parse_format("%A %d"), from_iterable([1, 2]))
    assert is_list_form(parse_format("plain"), NIL)
    assert not is_list_form(parse_format("%d"), NIL)


def test_is_list_form_stops_early_on_long_lists() -> None:
    long_list = from_iterable(range(100_000))
    assert not is_list_form(parse_format("%d"), long_list)


def test_format_list_form() -> None:
    assert format_list_form("%s is %d", from_iterable(["age", 42])) == "age is 42"
    assert format_list_form("no specs", NIL) == "no specs"
    assert format_list_form("%f", from_iterable([2])) == "2.0"  # spec 4.2: Int n is "n.0"
    assert format_list_form("%f", from_iterable([3.5])) == "3.5"  # a float: its Display
    assert format_list_form("%.2f", from_iterable([2])) == "2.00"


@pytest.mark.parametrize(
    ("fmt", "items"),
    [("%s %s", ["a"]), ("%d", [1, 2]), ("plain", [1]), ("%d", [])],
)
def test_format_list_form_count_mismatch(fmt: str, items: list[object]) -> None:
    with fusabi_error("FormatException", fmt, f"list has {len(items)}"):
        format_list_form(fmt, from_iterable(items))


def test_format_list_form_needs_a_list() -> None:
    with fusabi_error("FormatException", "must be a list"):
        format_list_form("%d", [1, 2])


def test_format_list_form_type_mismatch() -> None:
    with fusabi_error("FormatException", "'%d'", "string"):
        format_list_form("%d", from_iterable(["x"]))


def test_kprintf_continuation() -> None:
    seen: list[str] = []

    def finish(text: str) -> object:
        seen.append(text)
        return None

    assert kprintf_function("no args", finish) is None
    printer = kprintf_function("%d-%d", finish)
    assert printer(1)(2) is None  # type: ignore[operator]
    assert seen == ["no args", "1-2"]
