"""The ``Math`` module, exactly upstream's (spec section 4.5), plus ``Math.PI`` and ``Math.E``,
plus .NET's ``System.Math`` methods under their .NET names (``Math.Sqrt``, ``Math.Pow(x, y)``;
see the section "System.Math" below).

Upstream converts ints to floats where a float is needed, so these functions take ``'a``
(an int or a float) and return a float; ``abs``, ``max`` and ``min`` keep ints as ints.
Domain errors are errors, as upstream: ``Math.sqrt`` of a negative number, ``Math.asin`` /
``Math.acos`` outside ``[-1, 1]`` and ``Math.log`` / ``Math.log10`` of a number ``<= 0`` raise
``ArgumentException``.  Overflow gives infinity (``Math.exp 1000.0``), as IEEE arithmetic does.
``floor ceil round truncate`` return floats; ``Math.round`` rounds half away from zero (Rust's
``f64::round``; the top-level F# ``round`` rounds half to even).  ``Math.max``/``Math.min`` of
floats ignore a NaN argument (Rust's ``f64::max``).  ``Math.abs`` of the smallest int raises
``OverflowException`` (as F#'s ``abs``).

The IEEE helpers here (no exceptions; NaN and infinities as IEEE 754 says) are also used by the
top-level F# functions of :mod:`fusabi_host.lang.stdlib.core`.
"""

from __future__ import annotations

import decimal
import math
from collections.abc import Callable
from decimal import Decimal
from typing import Final

from fusabi_host.lang import decimals
from fusabi_host.lang.exceptions import fail
from fusabi_host.lang.stdlib.registry import builtin, overload_form, value
from fusabi_host.lang.values import INT_MIN, type_name

__all__ = [
    "float_ceil",
    "float_floor",
    "float_truncate",
    "ieee_pow",
    "ieee_unary",
    "int_abs",
    "round_half_away",
    "round_half_even",
]

_INF: Final = math.inf
_NAN: Final = math.nan


# --------------------------------------------------------------------------- IEEE helpers


def float_floor(x: float) -> float:
    """Largest integral float <= x (keeps -0.0, NaN and infinities)."""
    if not math.isfinite(x):
        return x
    result = float(math.floor(x))
    return math.copysign(result, x) if result == 0 else result


def float_ceil(x: float) -> float:
    """Smallest integral float >= x (``ceil -0.5`` is ``-0.0``)."""
    if not math.isfinite(x):
        return x
    result = float(math.ceil(x))
    return math.copysign(result, x) if result == 0 else result


def float_truncate(x: float) -> float:
    """x rounded toward zero, as a float."""
    if not math.isfinite(x):
        return x
    result = float(math.trunc(x))
    return math.copysign(result, x) if result == 0 else result


def round_half_away(x: float) -> float:
    """Round to the nearest integral float, halves away from zero (Rust's ``f64::round``)."""
    if not math.isfinite(x):
        return x
    whole = float(math.trunc(x))
    if abs(x - whole) >= 0.5:  # x - whole is exact
        whole += math.copysign(1.0, x)
    return math.copysign(whole, x) if whole == 0 else whole


def round_half_even(x: float) -> float:
    """Round to the nearest integral float, halves to even (.NET's ``Math.Round``)."""
    if not math.isfinite(x):
        return x
    return round(x, 0)


def _is_odd_integer(x: float) -> bool:
    return math.isfinite(x) and x == math.floor(x) and abs(x) < 2.0**53 and int(x) % 2 == 1


def ieee_pow(base: float, exponent: float) -> float:
    """``base ** exponent`` with IEEE results instead of Python exceptions."""
    try:
        return math.pow(base, exponent)
    except OverflowError:
        negative = base < 0 and _is_odd_integer(exponent)
        return -_INF if negative else _INF
    except ValueError:
        if base == 0:  # zero to a negative power
            return math.copysign(_INF, base) if _is_odd_integer(exponent) else _INF
        return _NAN  # negative base, non-integral exponent


def ieee_unary(function: Callable[[float], float], x: float) -> float:
    """``function(x)`` for a math-module function, NaN on a domain error and infinity (with
    the sign of the true result) on overflow."""
    try:
        return function(x)
    except ValueError:
        return _NAN
    except OverflowError:
        if function is math.sinh:
            return math.copysign(_INF, x)
        return _INF


def ieee_sqrt(x: float) -> float:
    return _NAN if x < 0 else math.sqrt(x)


def ieee_log(x: float) -> float:
    if x == 0:
        return -_INF
    return _NAN if x < 0 else math.log(x)


def ieee_log10(x: float) -> float:
    if x == 0:
        return -_INF
    return _NAN if x < 0 else math.log10(x)


# --------------------------------------------------------------------------- argument checks


def _number(name: str, x: object) -> float:
    """An int or float argument as a float; anything else is an ArgumentException."""
    if type(x) is float:
        return x
    if type(x) is int:
        return float(x)
    fail("ArgumentException", f"Math.{name} expects a number, got {type_name(x)}")


# --------------------------------------------------------------------------- the module


@builtin("Math.pi", "unit -> float")
def pi(_unit: None) -> float:
    return math.pi


@builtin("Math.e", "unit -> float")
def e(_unit: None) -> float:
    return math.e


value("Math.PI", "float", math.pi)
value("Math.E", "float", math.e)


@builtin("Math.abs", "'a -> 'a")
def abs_(x: object) -> object:
    if type(x) is int:
        if x == INT_MIN:
            fail(
                "OverflowException",
                "Negating the minimum value of a twos complement number is invalid.",
            )
        return abs(x)
    return abs(_number("abs", x))


@builtin("Math.sqrt", "'a -> float")
def sqrt(x: object) -> float:
    number = _number("sqrt", x)
    if number < 0:
        fail("ArgumentException", f"Math.sqrt of a negative number: {number!r}")
    return math.sqrt(number)


@builtin("Math.pow", "'a -> 'b -> float")
def pow_(base: object, exponent: object) -> float:
    return ieee_pow(_number("pow", base), _number("pow", exponent))


def _max_min(name: str, a: object, b: object, pick_first: Callable[[float, float], bool]) -> object:
    if type(a) is int and type(b) is int:
        return a if pick_first(a, b) else b
    x, y = _number(name, a), _number(name, b)
    if math.isnan(x):
        return y
    if math.isnan(y):
        return x
    return x if pick_first(x, y) else y


@builtin("Math.max", "'a -> 'a -> 'a")
def max_(a: object, b: object) -> object:
    return _max_min("max", a, b, lambda x, y: x >= y)


@builtin("Math.min", "'a -> 'a -> 'a")
def min_(a: object, b: object) -> object:
    return _max_min("min", a, b, lambda x, y: x <= y)


@builtin("Math.sin", "'a -> float")
def sin(x: object) -> float:
    return ieee_unary(math.sin, _number("sin", x))


@builtin("Math.cos", "'a -> float")
def cos(x: object) -> float:
    return ieee_unary(math.cos, _number("cos", x))


@builtin("Math.tan", "'a -> float")
def tan(x: object) -> float:
    return ieee_unary(math.tan, _number("tan", x))


@builtin("Math.atan", "'a -> float")
def atan(x: object) -> float:
    return math.atan(_number("atan", x))


def _unit_interval(name: str, x: object) -> float:
    number = _number(name, x)
    if number < -1.0 or number > 1.0:  # NaN passes and gives NaN, as upstream
        fail("ArgumentException", f"Math.{name} argument must be in [-1, 1], got {number!r}")
    return number


@builtin("Math.asin", "'a -> float")
def asin(x: object) -> float:
    return math.asin(_unit_interval("asin", x))


@builtin("Math.acos", "'a -> float")
def acos(x: object) -> float:
    return math.acos(_unit_interval("acos", x))


@builtin("Math.atan2", "'a -> 'b -> float")
def atan2(y: object, x: object) -> float:
    return math.atan2(_number("atan2", y), _number("atan2", x))


def _positive(name: str, x: object) -> float:
    number = _number(name, x)
    if number <= 0:  # NaN passes and gives NaN, as upstream
        fail("ArgumentException", f"Math.{name} of a non-positive number: {number!r}")
    return number


@builtin("Math.log", "'a -> float")
def log(x: object) -> float:
    number = _positive("log", x)
    return math.log(number)


@builtin("Math.log10", "'a -> float")
def log10(x: object) -> float:
    return math.log10(_positive("log10", x))


@builtin("Math.exp", "'a -> float")
def exp(x: object) -> float:
    return ieee_unary(math.exp, _number("exp", x))


@builtin("Math.floor", "'a -> float")
def floor(x: object) -> float:
    return float_floor(_number("floor", x))


@builtin("Math.ceil", "'a -> float")
def ceil(x: object) -> float:
    return float_ceil(_number("ceil", x))


@builtin("Math.round", "'a -> float")
def round_(x: object) -> float:
    return round_half_away(_number("round", x))


@builtin("Math.truncate", "'a -> float")
def truncate(x: object) -> float:
    return float_truncate(_number("truncate", x))


# --------------------------------------------------------------------------- System.Math
#
# The .NET names F# code calls (``Math.Sqrt 2.0``, ``Math.Pow(2.0, 3.0)``, ``Math.Max(a, b)``),
# with .NET's types and semantics: floats only (no int-to-float conversion; F# rejects
# ``Math.Sqrt 2``), IEEE results instead of exceptions (``Math.Sqrt -1.0`` is NaN,
# ``Math.Log 0.0`` is -infinity), ``Math.Round`` rounds half to even, ``Math.Max``/``Math.Min``
# of floats return NaN when either argument is NaN.  ``Abs``, ``Max``, ``Min`` and ``Sign`` work
# on ints and floats (``'a``); several arguments come as one tuple, as .NET methods take them.


def _float_unary(name: str, function: Callable[[float], float]) -> Callable[[float], float]:
    """Declare ``Math.<name>`` (``float -> float``) computing ``function`` with IEEE results."""

    def method(x: float) -> float:
        return ieee_unary(function, _number(name, x))

    method.__name__ = method.__qualname__ = f"dotnet_{name.lower()}"
    method.__doc__ = f".NET's ``Math.{name}``."
    return builtin(f"Math.{name}", "float -> float")(method)


def _fractional_unary(
    name: str, function: Callable[[float], float], rounding: str
) -> Callable[[object], object]:
    """Declare ``Math.<name>`` (``'frac -> 'frac``): of a float with IEEE results, of a
    decimal by the :mod:`decimal` *rounding* mode (an integral decimal)."""

    def method(x: object) -> object:
        if type(x) is Decimal:
            return decimals.integral(x, rounding)
        return ieee_unary(function, _number(name, x))

    method.__name__ = method.__qualname__ = f"dotnet_{name.lower()}"
    method.__doc__ = f".NET's ``Math.{name}`` of a float or a decimal."
    return builtin(f"Math.{name}", "'frac -> 'frac")(method)


_rounded: list[tuple[str, Callable[[float], float], str]] = [
    ("Floor", float_floor, decimal.ROUND_FLOOR),
    ("Ceiling", float_ceil, decimal.ROUND_CEILING),
    ("Truncate", float_truncate, decimal.ROUND_DOWN),
    ("Round", round_half_even, decimal.ROUND_HALF_EVEN),
]
for _name, _rounding_function, _rounding in _rounded:
    _fractional_unary(_name, _rounding_function, _rounding)


@overload_form("Math.Round", "'frac * int -> 'frac")
def dotnet_round_digits(args: object) -> object:
    """.NET's ``Math.Round(x, digits)``: half to even, to *digits* decimal places (0 to 15
    for a float, 0 to 28 for a decimal)."""
    x, digits = _pair("Round", args)
    if type(digits) is not int:
        fail("ArgumentException", "Math.Round(x, digits) expects an int number of digits")
    if type(x) is Decimal:
        return decimals.round_to(x, digits)
    number = _number("Round", x)
    if not 0 <= digits <= 15:
        fail("ArgumentOutOfRangeException", "Rounding digits must be between 0 and 15, inclusive.")
    if not math.isfinite(number):
        return number
    exact = Decimal(number).quantize(Decimal(1).scaleb(-digits), rounding=decimal.ROUND_HALF_EVEN)
    return float(exact)


for _name, _function in [
    ("Sqrt", ieee_sqrt),
    ("Log", ieee_log),
    ("Log10", ieee_log10),
    ("Exp", math.exp),
    ("Sin", math.sin),
    ("Cos", math.cos),
    ("Tan", math.tan),
    ("Asin", math.asin),
    ("Acos", math.acos),
    ("Atan", math.atan),
]:
    _float_unary(_name, _function)


def _pair(name: str, args: object) -> tuple[object, object]:
    """The two arguments of a .NET method called as ``Math.<name>(a, b)``."""
    if type(args) is not tuple or len(args) != 2:
        fail("ArgumentException", f"Math.{name} expects two arguments, (a, b)")
    return args[0], args[1]


@builtin("Math.Pow", "float * float -> float")
def dotnet_pow(args: tuple[float, float]) -> float:
    """.NET's ``Math.Pow(x, y)``."""
    base, exponent = _pair("Pow", args)
    return ieee_pow(_number("Pow", base), _number("Pow", exponent))


@builtin("Math.Atan2", "float * float -> float")
def dotnet_atan2(args: tuple[float, float]) -> float:
    """.NET's ``Math.Atan2(y, x)``."""
    y, x = _pair("Atan2", args)
    return math.atan2(_number("Atan2", y), _number("Atan2", x))


def int_abs(x: int) -> int:
    """The absolute value of an int; the smallest int has none (.NET's OverflowException)."""
    if x == INT_MIN:
        fail(
            "OverflowException",
            "Negating the minimum value of a twos complement number is invalid.",
        )
    return abs(x)


@builtin("Math.Abs", "'a -> 'a")
def dotnet_abs(x: object) -> object:
    """.NET's ``Math.Abs``: an int stays an int (the smallest int overflows), a float a float."""
    if type(x) is int:
        return int_abs(x)
    return abs(_number("Abs", x))


def _dotnet_extreme(name: str, args: object, larger: bool) -> object:
    """``Math.Max``/``Math.Min`` of two ints (an int) or two floats (a float; NaN wins)."""
    a, b = _pair(name, args)
    if type(a) is int and type(b) is int:
        return max(a, b) if larger else min(a, b)
    x, y = _number(name, a), _number(name, b)
    if math.isnan(x) or math.isnan(y):
        return _NAN
    if x == y:  # 0.0 and -0.0 are equal: Max prefers 0.0, Min -0.0
        return y if (math.copysign(1.0, x) < 0) == larger else x
    return max(x, y) if larger else min(x, y)


@builtin("Math.Max", "'a * 'a -> 'a")
def dotnet_max(args: tuple[object, object]) -> object:
    """.NET's ``Math.Max(a, b)``."""
    return _dotnet_extreme("Max", args, larger=True)


@builtin("Math.Min", "'a * 'a -> 'a")
def dotnet_min(args: tuple[object, object]) -> object:
    """.NET's ``Math.Min(a, b)``."""
    return _dotnet_extreme("Min", args, larger=False)


@builtin("Math.Sign", "'a -> int")
def dotnet_sign(x: object) -> int:
    """.NET's ``Math.Sign``: -1, 0 or 1.  NaN has no sign: .NET raises ArithmeticException,
    which Fusabi has no case for, so it is an ArgumentException here."""
    number = x if type(x) is int else _number("Sign", x)
    if type(number) is float and math.isnan(number):
        fail("ArgumentException", "Function does not accept floating point Not-a-Number values.")
    return (number > 0) - (number < 0)
