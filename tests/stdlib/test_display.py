"""The Display format of Fusabi values (spec section 3.12)."""

from __future__ import annotations

import math
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fusabi_host.lang.display import display, format_float
from fusabi_host.lang.exceptions import EXCEPTION_TAGS
from fusabi_host.lang.values import (
    NIL,
    NONE,
    SOME_TAG,
    Char,
    FzArray,
    FzMap,
    FzSet,
    adhoc_tag,
    from_iterable,
)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (0, "0"),
        (-42, "-42"),
        (9223372036854775807, "9223372036854775807"),
        (True, "true"),
        (False, "false"),
        ("hello", "hello"),
        ("", ""),
        ('with "quotes"', 'with "quotes"'),
        (Char("x"), "x"),
        (Char("é"), "é"),
        (None, "()"),
    ],
)
def test_scalars(value: object, text: str) -> None:
    assert display(value) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (3.0, "3"),
        (-3.0, "-3"),
        (0.0, "0"),
        (-0.0, "-0"),
        (0.1, "0.1"),
        (0.1 + 0.2, "0.30000000000000004"),
        (7.25, "7.25"),
        (1e22, "10000000000000000000000"),
        (1e16, "10000000000000000"),
        (1.2345678901234568e20, "123456789012345680000"),
        (1e-7, "0.0000001"),
        (1.5e-5, "0.000015"),
        (-2.5e-3, "-0.0025"),
        (123.456, "123.456"),
        (5e-324, "0." + "0" * 323 + "5"),
        (1.7976931348623157e308, "17976931348623157" + "0" * 292),
        (math.nan, "NaN"),
        (math.inf, "inf"),
        (-math.inf, "-inf"),
    ],
)
def test_floats_like_rust(value: float, text: str) -> None:
    assert display(value) == text
    assert format_float(value) == text


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_float_display_round_trips_without_exponent(x: float) -> None:
    text = display(x)
    assert "e" not in text
    assert float(text) == x
    assert not text.endswith(".0")


def test_tuples() -> None:
    assert display((1, "two", 3.0, True)) == "(1, two, 3, true)"
    assert display((42,)) == "(42)"
    assert display(((1, 2), (3, (4, 5)))) == "((1, 2), (3, (4, 5)))"


def test_lists() -> None:
    assert display(NIL) == "[]"
    assert display(from_iterable([1, 2, 3])) == "[1; 2; 3]"
    assert display(from_iterable(["a", "b"])) == "[a; b]"
    assert display(from_iterable([from_iterable([1]), NIL])) == "[[1]; []]"
    assert display(from_iterable([1, "x", 2.5, None, Char("c")])) == "[1; x; 2.5; (); c]"
    assert display(from_iterable([(1, "a"), (2, "b")])) == "[(1, a); (2, b)]"


def test_improper_cons_cells() -> None:
    assert display([1, 2]) == "Cons(1, 2)"
    assert display([1, [2, 3]]) == "Cons(1, Cons(2, 3))"
    assert display([from_iterable([1]), "t"]) == "Cons([1], t)"


def test_arrays() -> None:
    assert display(FzArray()) == "[||]"
    assert display(FzArray([1, 2])) == "[|1; 2|]"
    assert display(FzArray([FzArray([1]), FzArray()])) == "[|[|1|]; [||]|]"


def test_records_sorted_by_field_name() -> None:
    assert display({"name": "Ada", "age": 36}) == "{ age = 36; name = Ada }"
    assert display({}) == "{  }"
    assert display({"inner": {"b": 2, "a": (1, 2)}}) == "{ inner = { a = (1, 2); b = 2 } }"


def test_record_with_function_field() -> None:
    assert display({"f": lambda x: x, "n": 1}) == "{ f = <closure>; n = 1 }"


def test_maps_and_sets() -> None:
    assert display(FzMap()) == "Map []"
    assert display(FzMap.of_pairs([("b", 2), ("a", 1)])) == "Map [a -> 1; b -> 2]"
    assert display(FzMap.of_pairs([(2, "two"), (10, "ten")])) == "Map [2 -> two; 10 -> ten]"
    nested = FzMap.of_pairs([((1, "x"), from_iterable([1]))])
    assert display(nested) == "Map [(1, x) -> [1]]"
    assert display(FzSet.of([3, 1, 2])) == "set [1; 2; 3]"
    assert display(FzSet.of([])) == "set []"
    assert display(FzSet.of([(2, "b"), (1, "a")])) == "set [(1, a); (2, b)]"


def test_union_values() -> None:
    assert display((SOME_TAG, 1)) == "Some(1)"
    assert display(NONE) == "None"
    assert display((SOME_TAG, (1, 2))) == "Some((1, 2))"
    assert display((SOME_TAG, "s")) == "Some(s)"
    circle = adhoc_tag("Circle", 2)
    assert display((circle, 1.5, from_iterable([1]))) == "Circle(1.5, [1])"
    assert display(from_iterable([(SOME_TAG, NONE)])) == "[Some(None)]"


def test_exception_values() -> None:
    failure = EXCEPTION_TAGS["Failure"]
    assert display((failure, "boom")) == "Failure(boom)"
    assert display((EXCEPTION_TAGS["ArgumentException"], "bad")) == "ArgumentException(bad)"


def test_functions() -> None:
    def add(x: int) -> int:
        return x

    assert display(add) == "<closure>"
    add.__fz_name__ = "add"  # type: ignore[attr-defined]
    assert display(add) == "<closure add>"
    assert display(from_iterable([add])) == "[<closure add>]"
    add.__fz_native__ = "List.map"  # type: ignore[attr-defined]
    assert display(add) == "<native fn List.map>"


def test_unknown_python_object() -> None:
    class Handle:
        pass

    assert display(Handle()) == "<host object: Handle>"


def test_long_list_is_fast_and_iterative() -> None:
    xs = from_iterable(range(1_000_000))
    start = time.perf_counter()
    text = display(xs)
    assert time.perf_counter() - start < 3
    assert text.startswith("[0; 1; 2; ")
    assert text.endswith("; 999999]")


def test_long_list_of_structured_values() -> None:
    xs = from_iterable([(i, "x") for i in range(200_000)])
    text = display(xs)
    assert text.startswith("[(0, x); (1, x)")
    assert text.endswith("(199999, x)]")


def test_long_improper_list() -> None:
    value: object = "end"
    for i in range(50_000):
        value = [i, value]
    text = display(value)
    assert text.startswith("Cons(49999, Cons(49998, ")
    assert text.endswith("Cons(0, end)" + ")" * 49_999)


@pytest.mark.parametrize("depth", [5_000, 20_000])
def test_deep_nesting_does_not_recurse(depth: int) -> None:
    option: object = 0
    nested_list: object = NIL
    tuple_: object = 0
    record: object = {}
    array: object = FzArray()
    for _ in range(depth):
        option = (SOME_TAG, option)
        nested_list = [nested_list, NIL]
        tuple_ = (tuple_, 1)
        record = {"r": record}
        array = FzArray([array])
    assert display(option) == "Some(" * depth + "0" + ")" * depth
    assert display(nested_list) == "[" * depth + "[]" + "]" * depth
    assert display(tuple_) == "(" * depth + "0" + ", 1)" * depth
    assert display(record) == "{ r = " * depth + "{  }" + " }" * depth
    assert display(array) == "[|" * depth + "[||]" + "|]" * depth
