"""The Char and Math modules."""

from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import fusabi_host.lang.stdlib.char_module
import fusabi_host.lang.stdlib.math_module  # noqa: F401  (registers the functions)
from fusabi_host.lang.stdlib.math_module import ieee_pow, round_half_away
from fusabi_host.lang.stdlib.registry import REGISTRY
from fusabi_host.lang.values import Char, FusabiException


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


# --------------------------------------------------------------------------- Char


@pytest.mark.parametrize(
    ("name", "true_for", "false_for"),
    [
        ("isLetter", "aZéЖ中ʰ", "1 _-²"),
        ("isDigit", "09٣", "a ²½"),
        ("isLetterOrDigit", "a1é٣", " _-."),
        ("isWhiteSpace", " \t\n\r\u00a0\u2009\u3000\x85", "a_\x1c\u200b"),
        ("isUpper", "AÉЖ", "aé1Ⓐǅ"),
        ("isLower", "aéж", "A1ª"),
        ("isPunctuation", ".,;!?-_()[]{}«»¿", "a1 +$<"),
    ],
)
def test_char_classification(name: str, true_for: str, false_for: str) -> None:
    func = REGISTRY[f"Char.{name}"].func
    assert REGISTRY[f"Char.{name}"].signature == "char -> bool"
    for c in true_for:
        assert func(Char(c)) is True, c
    for c in false_for:
        assert func(Char(c)) is False, c


def test_char_case_conversion() -> None:
    upper = REGISTRY["Char.toUpper"].func
    lower = REGISTRY["Char.toLower"].func
    assert upper(Char("a")) == "A"
    assert type(upper(Char("a"))) is Char
    assert upper(Char("é")) == "É"
    assert upper(Char("1")) == "1"
    assert upper(Char("ß")) == "ß"  # no one-char uppercase
    assert type(upper(Char("ß"))) is Char
    assert lower(Char("Ж")) == "ж"
    assert type(lower(Char("Ж"))) is Char
    assert REGISTRY["Char.toLower"].signature == "char -> char"


# --------------------------------------------------------------------------- Math constants


def test_constants() -> None:
    assert call("Math.pi", None) == math.pi
    assert call("Math.e", None) == math.e
    assert REGISTRY["Math.pi"].arity == 1
    assert REGISTRY["Math.pi"].signature == "unit -> float"
    assert REGISTRY["Math.PI"].is_value
    assert REGISTRY["Math.PI"].func() == math.pi
    assert REGISTRY["Math.E"].func() == math.e
    assert REGISTRY["Math.E"].signature == "float"


# --------------------------------------------------------------------------- Math functions


def test_abs_keeps_ints() -> None:
    assert call("Math.abs", -3) == 3
    assert type(call("Math.abs", -3)) is int
    assert call("Math.abs", -2.5) == 2.5
    assert call("Math.abs", -0.0) == 0.0
    with fusabi_error("OverflowException"):
        call("Math.abs", -(2**63))
    with fusabi_error("ArgumentException", "Math.abs", "string"):
        call("Math.abs", "x")


def test_sqrt() -> None:
    assert call("Math.sqrt", 16) == 4.0
    assert type(call("Math.sqrt", 16)) is float
    assert call("Math.sqrt", 2.25) == 1.5
    assert call("Math.sqrt", math.inf) == math.inf
    assert math.isnan(call("Math.sqrt", math.nan))
    with fusabi_error("ArgumentException", "Math.sqrt", "negative"):
        call("Math.sqrt", -1)


def test_pow() -> None:
    assert call("Math.pow", 2, 10) == 1024.0
    assert type(call("Math.pow", 2, 10)) is float
    assert call("Math.pow", 2.0, 0.5) == pytest.approx(math.sqrt(2))
    assert call("Math.pow", 0, -1) == math.inf
    assert call("Math.pow", 10, 400) == math.inf
    assert call("Math.pow", -10, 401) == -math.inf
    assert math.isnan(call("Math.pow", -8, 1 / 3))
    assert call("Math.pow", math.nan, 0) == 1.0


def test_ieee_pow_signed_zero() -> None:
    assert ieee_pow(-0.0, -3.0) == -math.inf
    assert ieee_pow(-0.0, -2.0) == math.inf
    assert ieee_pow(-2.0, 3.0) == -8.0


def test_max_min() -> None:
    assert call("Math.max", 3, 7) == 7
    assert type(call("Math.max", 3, 7)) is int
    assert call("Math.min", 3, 7) == 3
    assert call("Math.max", 3, 2.5) == 3.0
    assert type(call("Math.max", 3, 2.5)) is float
    assert call("Math.min", 1.5, 2) == 1.5
    assert call("Math.max", math.nan, 1.0) == 1.0  # Rust f64::max ignores NaN
    assert call("Math.min", 1.0, math.nan) == 1.0
    with fusabi_error("ArgumentException", "Math.max"):
        call("Math.max", "a", "b")


def test_trigonometry() -> None:
    assert call("Math.sin", 0) == 0.0
    assert call("Math.cos", 0) == 1.0
    assert call("Math.tan", 0.0) == 0.0
    assert call("Math.atan", 1) == pytest.approx(math.pi / 4)
    assert call("Math.atan2", 1, -1) == pytest.approx(3 * math.pi / 4)
    assert math.isnan(call("Math.sin", math.inf))
    assert call("Math.asin", 1) == pytest.approx(math.pi / 2)
    assert call("Math.acos", -1.0) == pytest.approx(math.pi)
    assert math.isnan(call("Math.asin", math.nan))


@pytest.mark.parametrize("name", ["Math.asin", "Math.acos"])
@pytest.mark.parametrize("x", [1.0001, -2, math.inf])
def test_asin_acos_domain(name: str, x: float) -> None:
    with fusabi_error("ArgumentException", name, "[-1, 1]"):
        call(name, x)


def test_logarithms_and_exp() -> None:
    assert call("Math.log", math.e) == pytest.approx(1.0)
    assert call("Math.log10", 1000) == pytest.approx(3.0)
    assert call("Math.log", math.inf) == math.inf
    assert call("Math.exp", 0) == 1.0
    assert call("Math.exp", 1000.0) == math.inf
    assert call("Math.exp", -1000.0) == 0.0


@pytest.mark.parametrize("name", ["Math.log", "Math.log10"])
@pytest.mark.parametrize("x", [0, 0.0, -1, -math.inf])
def test_log_domain(name: str, x: float) -> None:
    with fusabi_error("ArgumentException", name, "non-positive"):
        call(name, x)


@pytest.mark.parametrize(
    ("name", "x", "expected"),
    [
        ("Math.floor", 2.7, 2.0),
        ("Math.floor", -2.1, -3.0),
        ("Math.floor", 5, 5.0),
        ("Math.ceil", 2.1, 3.0),
        ("Math.ceil", -2.7, -2.0),
        ("Math.truncate", -2.7, -2.0),
        ("Math.round", 2.5, 3.0),
        ("Math.round", -2.5, -3.0),
        ("Math.round", 0.5, 1.0),
        ("Math.round", 1.4999999999999998, 1.0),
        ("Math.round", 0.49999999999999994, 0.0),
        ("Math.round", 4503599627370497.0, 4503599627370497.0),
        ("Math.round", 7, 7.0),
        ("Math.round", math.inf, math.inf),
    ],
)
def test_rounding_returns_floats(name: str, x: float, expected: float) -> None:
    result = call(name, x)
    assert type(result) is float
    assert result == expected


def test_round_keeps_negative_zero() -> None:
    assert math.copysign(1.0, call("Math.round", -0.4)) == -1.0


@given(st.floats(min_value=-1e15, max_value=1e15))
def test_round_half_away_matches_decimal(x: float) -> None:
    expected = float(Decimal(x).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    assert round_half_away(x) == expected


def test_signatures() -> None:
    expected = {
        "Math.abs": "'a -> 'a",
        "Math.max": "'a -> 'a -> 'a",
        "Math.min": "'a -> 'a -> 'a",
        "Math.pow": "'a -> 'b -> float",
        "Math.sqrt": "'a -> float",
        "Math.round": "'a -> float",
    }
    for name, signature in expected.items():
        assert REGISTRY[name].signature == signature


_ODD_VALUES: list[object] = [
    0,
    -1,
    -(2**63),
    2.5,
    -0.0,
    math.nan,
    math.inf,
    -math.inf,
    "s",
    None,
    True,
    Char("c"),
    (1, 2),
]


def test_math_functions_raise_only_fusabi_exceptions() -> None:
    for name, entry in REGISTRY.items():
        if not name.startswith("Math.") or entry.is_value:
            continue
        for a in _ODD_VALUES:
            args = (a,) if entry.arity == 1 else (a, a)
            with suppress(FusabiException):
                entry.func(*args)
