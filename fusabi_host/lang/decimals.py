"""F#'s ``decimal``: .NET's decimal arithmetic on Python's :class:`decimal.Decimal`.

A Fusabi ``decimal`` is a :class:`~decimal.Decimal` computed in :data:`CONTEXT`: 28
significant digits, rounding half to even, as .NET's ``System.Decimal`` (a 96-bit integer and a
scale of 0 to 28).  The scale is kept as .NET keeps it: ``19.990m`` shows as ``19.990``, and
``2.50m * 2m`` is ``5.00m``.  Results beyond .NET's range (about 7.9e28) raise
``OverflowException``, division by zero ``DivideByZeroException``; a result too small for 28
decimal places rounds (toward zero digits) instead of underflowing, as .NET rounds it.
``ToString`` never uses an exponent (``0.0000001m`` shows as ``0.0000001``).
"""

from __future__ import annotations

import decimal
import math
from decimal import Decimal
from typing import Final, NoReturn

from fusabi_host.lang.exceptions import fail

__all__ = [
    "CONTEXT",
    "MAX",
    "add",
    "divide",
    "from_float",
    "from_int",
    "is_decimal",
    "multiply",
    "negate",
    "parse",
    "remainder",
    "subtract",
    "to_float",
    "to_int",
    "to_string",
]

CONTEXT: Final = decimal.Context(
    prec=60,
    rounding=decimal.ROUND_HALF_EVEN,
    traps=[decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow],
)
"""Where results are computed: exactly for the sums and products of two decimals (at most 58
digits), then fitted to .NET's representation by :func:`fit`."""

MAX: Final = Decimal("79228162514264337593543950335")
"""``Decimal.MaxValue`` (2^96 - 1); ``Decimal.MinValue`` is its negation."""

_MAX_COEFFICIENT: Final = (1 << 96) - 1
_MAX_SCALE: Final = 28
_OVERFLOW: Final = "Value was either too large or too small for a Decimal."


def is_decimal(value: object) -> bool:
    return type(value) is Decimal


def fit(value: Decimal) -> Decimal:
    """*value* as .NET holds it: at most 28 decimal places, and a coefficient below 2^96
    (fewer places for large values), rounded half to even; beyond ``MAX`` is an overflow."""
    if not value.is_finite() or abs(value) > MAX:
        _overflow()
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)
    scale = max(-exponent, 0)
    if scale > _MAX_SCALE:
        scale = _MAX_SCALE
        value = value.quantize(Decimal(1).scaleb(-scale), context=CONTEXT)
    while scale > 0 and abs(int(value.scaleb(scale))) > _MAX_COEFFICIENT:
        scale -= 1
        value = value.quantize(Decimal(1).scaleb(-scale), context=CONTEXT)
    if exponent > 0:  # (1E+3 from an exact computation: .NET holds it with scale 0)
        value = value.quantize(Decimal(1), context=CONTEXT)
    return value


def _overflow() -> NoReturn:
    fail("OverflowException", _OVERFLOW)


def _run(operation: str, a: Decimal, b: Decimal) -> Decimal:
    try:
        if operation == "+":
            result = CONTEXT.add(a, b)
        elif operation == "-":
            result = CONTEXT.subtract(a, b)
        elif operation == "*":
            result = CONTEXT.multiply(a, b)
        elif operation == "/":
            if not b:
                fail("DivideByZeroException", "Attempted to divide by zero.")
            result = CONTEXT.divide(a, b)
        else:
            if not b:
                fail("DivideByZeroException", "Attempted to divide by zero.")
            result = CONTEXT.remainder(a, b)
    except (decimal.Overflow, decimal.InvalidOperation):
        _overflow()
    return fit(result)


def add(a: Decimal, b: Decimal) -> Decimal:
    return _run("+", a, b)


def subtract(a: Decimal, b: Decimal) -> Decimal:
    return _run("-", a, b)


def multiply(a: Decimal, b: Decimal) -> Decimal:
    return _run("*", a, b)


def divide(a: Decimal, b: Decimal) -> Decimal:
    """``a / b``: .NET keeps the fewest digits that represent the quotient exactly, up to 28
    significant ones (``10m / 4m`` is ``2.5``, ``1m / 3m`` is ``0.3333...``)."""
    return _run("/", a, b)


def remainder(a: Decimal, b: Decimal) -> Decimal:
    """``a % b``, with the sign of *a*, as .NET's."""
    return _run("%", a, b)


def negate(a: Decimal) -> Decimal:
    return -a


def from_int(value: int) -> Decimal:
    result = Decimal(value)
    if abs(result) > MAX:
        _overflow()
    return result


def from_float(value: float) -> Decimal:
    """.NET's ``decimal 0.1`` (``Convert.ToDecimal``): the double rounded to 15 significant
    digits, so ``decimal 0.1`` is ``0.1``, not the binary fraction's expansion."""
    if math.isnan(value) or math.isinf(value) or abs(value) > float(MAX):
        _overflow()
    if value == 0:
        return Decimal(0)
    return fit(Decimal(f"{value:.15g}"))


def parse(text: str) -> Decimal | None:
    """``Decimal.Parse``'s reading of *text* in the invariant culture (digits, an optional
    sign, point and exponent, surrounding blanks); ``None`` when it is not one."""
    cleaned = text.strip()
    if not cleaned or any(ch not in "0123456789+-.eE" for ch in cleaned):
        return None
    try:
        value = Decimal(cleaned)
    except decimal.InvalidOperation:
        return None
    if not value.is_finite() or abs(value) > MAX:
        return None
    return fit(value)


def to_int(value: Decimal) -> int:
    """``int d``: truncated toward zero."""
    return int(value)


def to_float(value: Decimal) -> float:
    return float(value)


def to_string(value: Decimal) -> str:
    """.NET's ``ToString()``: plain digits with the value's scale, never an exponent."""
    text = format(value, "f")
    return text[1:] if value == 0 and text.startswith("-") else text


def round_to(value: Decimal, digits: int = 0) -> Decimal:
    """``Math.Round(d, digits)``: half to even, keeping *digits* decimal places."""
    if not 0 <= digits <= 28:
        fail("ArgumentOutOfRangeException", "Rounding digits must be between 0 and 28.")
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and -exponent <= digits:
        return value
    return value.quantize(
        Decimal(1).scaleb(-digits), rounding=decimal.ROUND_HALF_EVEN, context=CONTEXT
    )


def integral(value: Decimal, rounding: str) -> Decimal:
    """``Math.Floor``/``Ceiling``/``Truncate`` of a decimal (*rounding*: a :mod:`decimal`
    rounding mode): an integral value with scale 0."""
    return value.quantize(Decimal(1), rounding=rounding, context=CONTEXT)
