"""Top-level functions: printing, formatting, errors, basics, F# math and conversions."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import fusabi_host.lang.stdlib.core  # noqa: F401  (registers the functions)
from fusabi_host.errors import CapabilityError
from fusabi_host.lang.context import Context
from fusabi_host.lang.exceptions import EXCEPTION_TAGS
from fusabi_host.lang.stdlib.registry import REGISTRY
from fusabi_host.lang.values import (
    NIL,
    NONE,
    SOME_TAG,
    Char,
    FusabiException,
    FzArray,
    FzMap,
    from_iterable,
)


@contextmanager
def fusabi_error(kind: str, *fragments: str) -> Iterator[None]:
    with pytest.raises(FusabiException) as caught:
        yield
    exn: Any = caught.value.value
    tag, message = exn
    assert tag.name == kind
    for fragment in fragments:
        assert fragment in message


def call(name: str, *args: object) -> Any:
    return REGISTRY[name].func(*args)


class Sinks:
    def __init__(self, allowed: set[str] | None = None) -> None:
        self.out: list[str] = []
        self.err: list[str] = []
        self.asked: list[str] = []
        self.allowed = allowed

        def check(capability: str, resource: str | None) -> None:
            self.asked.append(capability)
            if self.allowed is not None and capability not in self.allowed:
                raise CapabilityError("denied", capability=capability, resource=resource)

        self.ctx = Context(check=check, stdout=self.out.append, stderr=self.err.append)


# --------------------------------------------------------------------------- printing


def test_print_writes_display_without_newline() -> None:
    sinks = Sinks()
    assert call("print", sinks.ctx, from_iterable([1, 2])) is None
    call("print", sinks.ctx, "x")
    assert sinks.out == ["[1; 2]", "x"]
    assert sinks.asked == ["stdout:write", "stdout:write"]


def test_printfn_and_printf() -> None:
    sinks = Sinks()
    call("printfn", sinks.ctx, "hello %d")
    call("printfn", sinks.ctx, 3.0)
    call("printf", sinks.ctx, (1, "a"))
    assert sinks.out == ["hello %d\n", "3\n", "(1, a)"]


def test_eprintf_and_eprintfn_use_stderr() -> None:
    sinks = Sinks()
    call("eprintfn", sinks.ctx, "oops")
    call("eprintf", sinks.ctx, 1)
    assert sinks.err == ["oops\n", "1"]
    assert sinks.out == []
    assert sinks.asked == ["stderr:write", "stderr:write"]


def test_printing_needs_the_capability() -> None:
    sinks = Sinks(allowed={"stderr:write"})
    with pytest.raises(CapabilityError):
        call("printfn", sinks.ctx, "no")
    assert sinks.out == []
    call("eprintfn", sinks.ctx, "yes")


def test_printing_declares_context_and_effect() -> None:
    for name, effect in [("print", "stdout:write"), ("eprintfn", "stderr:write")]:
        entry = REGISTRY[name]
        assert entry.context
        assert entry.effect == effect
        assert entry.arity == 1


# --------------------------------------------------------------------------- formatting, errors


def test_sprintf() -> None:
    assert REGISTRY["sprintf"].signature == "string -> dyn"
    assert REGISTRY["sprintf"].arity == 1
    assert call("sprintf", "plain") == "plain"
    assert call("sprintf", "%d items")(3) == "3 items"
    assert call("sprintf", "%s is %d")(from_iterable(["age", 42])) == "age is 42"
    assert call("sprintf", "%s-%s")("a")("b") == "a-b"


def test_sprintf_needs_a_string() -> None:
    with fusabi_error("ArgumentException", "format string"):
        call("sprintf", 3)


def test_failwith() -> None:
    with fusabi_error("Failure", "boom"):
        call("failwith", "boom")


def test_failwithf() -> None:
    with fusabi_error("Failure", "bad value 3 in x"):
        call("failwithf", "bad value %d in %s")(3)("x")
    with fusabi_error("Failure", "immediately"):
        call("failwithf", "immediately")
    partial = call("failwithf", "%d")
    assert callable(partial)


def test_invalid_arg_and_invalid_op() -> None:
    with pytest.raises(FusabiException) as caught:
        call("invalidArg", "count", "must be positive")
    assert caught.value.value == (
        EXCEPTION_TAGS["ArgumentException"],
        "must be positive (Parameter 'count')",
    )
    with fusabi_error("InvalidOperationException", "nope"):
        call("invalidOp", "nope")


def test_raise() -> None:
    exn = (EXCEPTION_TAGS["KeyNotFoundException"], "missing")
    with pytest.raises(FusabiException) as caught:
        call("raise", exn)
    assert caught.value.value is exn
    with fusabi_error("ArgumentException", "raise expects an exception"):
        call("raise", 42)


# --------------------------------------------------------------------------- basics


def test_fst_snd_id_ignore_not() -> None:
    assert call("fst", (1, "a")) == 1
    assert call("snd", (1, "a")) == "a"
    with fusabi_error("ArgumentException", "pair"):
        call("fst", (1, 2, 3))
    with fusabi_error("ArgumentException", "pair"):
        call("snd", (SOME_TAG, 1))
    marker = object()
    assert call("id", marker) is marker
    assert call("ignore", 5) is None
    assert call("not", True) is False
    assert call("not", False) is True


def test_default_arg() -> None:
    assert call("defaultArg", (SOME_TAG, 1), 0) == 1
    assert call("defaultArg", NONE, 0) == 0


def test_compare() -> None:
    assert call("compare", 1, 2) == -1
    assert call("compare", "b", "a") == 1
    assert call("compare", from_iterable([1, 2]), from_iterable([1, 2])) == 0
    assert call("compare", from_iterable([1]), from_iterable([1, 0])) == -1
    assert call("compare", (1, "b"), (1, "a")) == 1
    with fusabi_error("ArgumentException", "compare"):
        call("compare", lambda x: x, lambda x: x)


def test_hash() -> None:
    a = from_iterable([(1, "x"), (2, "y")])
    b = from_iterable([(1, "x"), (2, "y")])
    assert call("hash", a) == call("hash", b)
    assert call("hash", 5) == call("hash", 5)
    for value in [a, {"k": FzMap.of_pairs([("a", 1)])}, 2**62, -1, "s", (SOME_TAG, 1.5)]:
        h = call("hash", value)
        assert -(2**63) <= h < 2**63
    with fusabi_error("NotSupportedException", "array"):
        call("hash", FzArray([1]))


def test_max_min() -> None:
    assert call("max", 1, 2) == 2
    assert call("min", 1, 2) == 1
    assert call("max", "a", "b") == "b"
    assert call("min", (1, "b"), (1, "a")) == (1, "a")
    assert call("max", from_iterable([1, 2]), from_iterable([1])) == from_iterable([1, 2])
    assert math.isnan(call("max", math.nan, 1.0))
    assert math.isnan(call("max", 1.0, math.nan))
    assert math.isnan(call("min", 1.0, math.nan))


# --------------------------------------------------------------------------- numbers


def test_abs_and_sign() -> None:
    assert call("abs", -5) == 5
    assert call("abs", -2.5) == 2.5
    assert call("abs", 9223372036854775807) == 9223372036854775807
    with fusabi_error("OverflowException", "minimum value"):
        call("abs", -(2**63))
    with fusabi_error("ArgumentException", "abs"):
        call("abs", "x")
    assert [call("sign", v) for v in (-3, 0, 7, -0.5, 0.0, -0.0, 2.0)] == [-1, 0, 1, -1, 0, 0, 1]
    with fusabi_error("ArgumentException", "Not-a-Number"):
        call("sign", math.nan)


def test_ieee_float_functions_never_raise() -> None:
    assert math.isnan(call("sqrt", -1.0))
    assert call("sqrt", 16.0) == 4.0
    assert call("log", 0.0) == -math.inf
    assert math.isnan(call("log", -1.0))
    assert call("log10", 1000.0) == pytest.approx(3.0)
    assert call("log10", 0.0) == -math.inf
    assert call("exp", 1000.0) == math.inf
    assert call("exp", 0.0) == 1.0
    assert math.isnan(call("sin", math.inf))
    assert math.isnan(call("cos", -math.inf))
    assert math.isnan(call("tan", math.inf))
    assert math.isnan(call("asin", 2.0))
    assert math.isnan(call("acos", -2.0))
    assert call("atan", math.inf) == pytest.approx(math.pi / 2)
    assert call("atan2", 1.0, 1.0) == pytest.approx(math.pi / 4)
    assert call("sinh", 1000.0) == math.inf
    assert call("sinh", -1000.0) == -math.inf
    assert call("cosh", -1000.0) == math.inf
    assert call("tanh", 1000.0) == 1.0


def test_float_functions_want_floats() -> None:
    with fusabi_error("ArgumentException", "sqrt expects a float", "int"):
        call("sqrt", 4)


@pytest.mark.parametrize(
    ("name", "x", "expected"),
    [
        ("floor", 2.7, 2.0),
        ("floor", -2.1, -3.0),
        ("ceil", 2.1, 3.0),
        ("ceil", -2.7, -2.0),
        ("truncate", -2.7, -2.0),
        ("truncate", 2.7, 2.0),
        ("round", 2.5, 2.0),
        ("round", 3.5, 4.0),
        ("round", -2.5, -2.0),
        ("round", 2.6, 3.0),
        ("round", 0.49999999999999994, 0.0),
        ("floor", 1e300, 1e300),
        ("round", 4503599627370497.0, 4503599627370497.0),
    ],
)
def test_rounding(name: str, x: float, expected: float) -> None:
    result = call(name, x)
    assert type(result) is float
    assert result == expected


@pytest.mark.parametrize("name", ["floor", "ceil", "round", "truncate"])
def test_rounding_keeps_special_values(name: str) -> None:
    assert call(name, math.inf) == math.inf
    assert call(name, -math.inf) == -math.inf
    assert math.isnan(call(name, math.nan))
    assert math.copysign(1.0, call(name, -0.0)) == -1.0


def test_negative_zero_results() -> None:
    assert math.copysign(1.0, call("ceil", -0.5)) == -1.0
    assert math.copysign(1.0, call("truncate", -0.5)) == -1.0
    assert math.copysign(1.0, call("round", -0.4)) == -1.0


def test_pown() -> None:
    assert call("pown", 2.0, 10) == 1024.0
    assert call("pown", 2.0, -2) == 0.25
    assert call("pown", 10.0, 400) == math.inf
    assert call("pown", -10.0, 401) == -math.inf
    assert call("pown", 0.0, -1) == math.inf
    assert call("pown", -0.0, -1) == -math.inf
    assert call("pown", 5.0, 0) == 1.0
    with fusabi_error("ArgumentException", "int exponent"):
        call("pown", 2.0, 1.5)
    # ints, as F#'s pown: wrapping at 64 bits; a negative exponent is integer division
    assert call("pown", 2, 10) == 1024
    assert call("pown", -2, 3) == -8
    assert call("pown", 2, 64) == 0
    assert call("pown", 2, -1) == 0
    assert call("pown", -1, -3) == -1
    with fusabi_error("DivideByZeroException"):
        call("pown", 0, -1)


def test_nan_and_infinity_values() -> None:
    assert math.isnan(REGISTRY["nan"].func())
    assert REGISTRY["infinity"].func() == math.inf
    assert REGISTRY["infinity"].is_value


# --------------------------------------------------------------------------- conversions


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (42, 42),
        (3.99, 3),
        (-3.99, -3),
        (-0.5, 0),
        (9.2e18, 9200000000000000000),
        (Char("A"), 65),
        (Char("€"), 8364),
        (True, 1),
        (False, 0),
        ("42", 42),
        ("  -17 ", -17),
        ("+5", 5),
        ("0x1F", 31),
        ("0XfF", 255),
        ("-0x10", -16),
        ("0o17", 15),
        ("0b101", 5),
        ("0xFFFFFFFFFFFFFFFF", -1),
        ("9223372036854775807", 9223372036854775807),
        ("-9223372036854775808", -9223372036854775808),
        ("007", 7),
    ],
)
def test_int(value: object, expected: int) -> None:
    assert call("int", value) == expected


@pytest.mark.parametrize("text", ["", "abc", "1.5", "1_000", "٣", "0x", "0b12", "1e3", "--1"])
def test_int_of_bad_text(text: str) -> None:
    with fusabi_error("FormatException", f"'{text}'"):
        call("int", text)


@pytest.mark.parametrize(
    "value",
    ["9223372036854775808", "-9223372036854775809", "1" * 5000, "0x1FFFFFFFFFFFFFFFF"],
)
def test_int_of_text_out_of_range(value: str) -> None:
    with fusabi_error("OverflowException", "Int64"):
        call("int", value)


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf, 9.3e18, -1e19])
def test_int_of_float_out_of_range(value: float) -> None:
    with fusabi_error("OverflowException", "Int64"):
        call("int", value)


@pytest.mark.parametrize("value", [None, from_iterable([1]), (1, 2), lambda x: x])
def test_int_of_other_values(value: object) -> None:
    with fusabi_error("ArgumentException", "to int"):
        call("int", value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (3, 3.0),
        (2.5, 2.5),
        (Char("a"), 97.0),
        (True, 1.0),
        ("3.5", 3.5),
        (" -1.25e2 ", -125.0),
        (".5", 0.5),
        ("5.", 5.0),
        ("Infinity", math.inf),
        ("-Infinity", -math.inf),
        ("inf", math.inf),
        ("1e400", math.inf),
        ("42", 42.0),
    ],
)
def test_float(value: object, expected: float) -> None:
    assert call("float", value) == expected


def test_float_of_nan_text() -> None:
    assert math.isnan(call("float", "NaN"))
    assert math.isnan(call("float", "nan"))


@pytest.mark.parametrize("text", ["", "abc", "1_000.5", "1,5", "0x10", "1e", "e5", "."])
def test_float_of_bad_text(text: str) -> None:
    with fusabi_error("FormatException", f"'{text}'"):
        call("float", text)


def test_float_of_other_values() -> None:
    with fusabi_error("ArgumentException", "to float"):
        call("float", NIL)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (42, "42"),
        (-1, "-1"),
        (3.0, "3"),
        (0.1, "0.1"),
        (1e22, "10000000000000000000000"),
        (True, "True"),  # F#'s string (.NET ToString), not upstream's Display
        (False, "False"),
        ("as is", "as is"),
        (Char("c"), "c"),
        (None, "()"),
        (from_iterable([1, 2]), "[1; 2]"),
        ((SOME_TAG, "x"), "Some(x)"),
    ],
)
def test_string(value: object, expected: str) -> None:
    result = call("string", value)
    assert result == expected
    assert type(result) is str


@pytest.mark.parametrize(
    ("value", "expected"),
    [(65, "A"), (0x1F600, "😀"), (97.9, "a"), ("z", "z"), (Char("q"), "q")],
)
def test_char(value: object, expected: str) -> None:
    result = call("char", value)
    assert type(result) is Char
    assert result == expected


@pytest.mark.parametrize("code", [-1, 0x110000, 0xD800, 2**62])
def test_char_of_invalid_code_point(code: int) -> None:
    with fusabi_error("OverflowException"):
        call("char", code)


@pytest.mark.parametrize("text", ["", "ab"])
def test_char_of_string_needs_one_character(text: str) -> None:
    with fusabi_error("FormatException", "exactly one character"):
        call("char", text)


@given(st.integers(min_value=-(2**63), max_value=2**63 - 1))
def test_int_string_round_trip(n: int) -> None:
    assert call("int", call("string", n)) == n


@given(st.floats(allow_nan=False))
def test_float_string_round_trip(x: float) -> None:
    text = call("string", x)
    if math.isinf(x):
        assert text in ("inf", "-inf")
    assert call("float", text) == x


# --------------------------------------------------------------------------- robustness

_ODD_VALUES: list[object] = [
    0,
    -(2**63),
    1.5,
    math.nan,
    "",
    "x",
    Char("c"),
    True,
    None,
    NIL,
    from_iterable([1]),
    [1, 2],
    (1, 2),
    (SOME_TAG, 1),
    NONE,
    {},
    FzArray([1]),
    FzMap(),
    lambda x: x,
]

_DYNAMIC = [
    "int",
    "float",
    "string",
    "char",
    "abs",
    "sign",
    "hash",
    "fst",
    "snd",
    "raise",
    "sprintf",
    "failwithf",
    "id",
    "ignore",
    "sqrt",
    "floor",
    "round",
]


@pytest.mark.parametrize("name", _DYNAMIC)
def test_unary_functions_raise_only_fusabi_exceptions(name: str) -> None:
    func: Callable[..., object] = REGISTRY[name].func
    for value in _ODD_VALUES:
        with suppress(FusabiException):
            func(value)


@pytest.mark.parametrize("name", ["compare", "max", "min", "pown", "atan2"])
def test_binary_functions_raise_only_fusabi_exceptions(name: str) -> None:
    func: Callable[..., object] = REGISTRY[name].func
    for a in _ODD_VALUES:
        for b in (1, 2.0, "s", lambda x: x):
            with suppress(FusabiException):
                func(a, b)


def test_signatures() -> None:
    expected = {
        "print": "'a -> unit",
        "printfn": "'a -> unit",
        "failwith": "string -> 'a",
        "failwithf": "string -> dyn",
        "invalidArg": "string -> string -> 'a",
        "raise": "exn -> 'a",
        "fst": "'a * 'b -> 'a",
        "snd": "'a * 'b -> 'b",
        "compare": "'a -> 'a -> int",
        "hash": "'a -> int",
        "max": "'a -> 'a -> 'a",
        "round": "'frac -> 'frac",
        "pown": "'a -> int -> 'a",
        "int": "'a -> int",
        "float": "'a -> float",
        "string": "'a -> string",
        "char": "'a -> char",
    }
    for name, signature in expected.items():
        assert REGISTRY[name].signature == signature, name
        assert REGISTRY[name].arity == signature.count("->"), name
