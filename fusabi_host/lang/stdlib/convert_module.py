""".NET's ``System.Convert``, as F# code calls it: ``Convert.ToInt32 "42"``,
``Convert.ToInt32("ff", 16)``, ``Convert.ToString(5, 2)``, ``Convert.ToDouble 3``...

Each method takes one argument, or a tuple for .NET's two-argument overloads (a string and a
base 2, 8, 10 or 16; a number and a base).  As on .NET:

* a float or decimal converts to an integer rounded half to even (``Convert.ToInt32 2.5`` is
  ``2``), out of range is ``OverflowException``;
* a string parses as ``Int32.Parse``/``Double.Parse`` do; in base 2, 8 or 16 its digits may
  be the two's complement of a negative number (``Convert.ToInt32("ffffffff", 16)`` is -1);
* ``Convert.ToString(n, base)`` shows a negative number in two's complement (32 bits for a
  value that fits an Int32, else 64);
* ``Convert.ToBoolean`` takes ``"true"``/``"false"`` (any case, white space around) or a
  number (non-zero is true).

Fusabi's ``int`` is 64-bit: ``ToInt32`` range-checks as an Int32 and returns an ``int``.
"""

from __future__ import annotations

import decimal
import math
from decimal import Decimal
from typing import Final

from fusabi_host.lang.composite import dotnet_to_string
from fusabi_host.lang.exceptions import fail
from fusabi_host.lang.stdlib import dotnet_module
from fusabi_host.lang.stdlib.dotnet_module import method_arguments
from fusabi_host.lang.stdlib.registry import builtin
from fusabi_host.lang.values import INT_MAX, INT_MIN, Char, type_name

__all__ = ["to_boolean", "to_char", "to_double", "to_int32", "to_int64", "to_string"]

_BASES: Final = (2, 8, 10, 16)
_INT32: Final = (-(1 << 31), (1 << 31) - 1)
_INT64: Final = (INT_MIN, INT_MAX)


def _overflow(label: str) -> None:
    fail("OverflowException", f"Value was either too large or too small for an {label}.")


def _in_range(number: int, bounds: tuple[int, int], label: str) -> int:
    if not bounds[0] <= number <= bounds[1]:
        _overflow(label)
    return number


def _parse_in_base(text: object, base: object, bits: int, label: str) -> int:
    if type(text) is not str or type(base) is not int:
        fail("ArgumentException", f"Convert.To{label}(text, base) takes a string and an int")
    if base not in _BASES:
        fail("ArgumentException", "Invalid Base.")
    if base == 10:
        return _in_range(dotnet_module.int64_parse(text), _bounds(bits), label)
    digits = text.strip().lower()
    if base == 16 and digits.startswith("0x"):
        digits = digits[2:]
    if not digits or len(digits) > bits or any(c not in "0123456789abcdef"[:base] for c in digits):
        fail("FormatException", "Could not find any recognizable digits.")
    number = int(digits, base)
    if number >= 1 << bits:
        _overflow(label)
    return number - (1 << bits) if number >= 1 << (bits - 1) else number  # two's complement


def _bounds(bits: int) -> tuple[int, int]:
    return _INT32 if bits == 32 else _INT64


def _to_integer(argument: object, bits: int, label: str) -> int:
    args = method_arguments(argument)
    if len(args) == 2:
        return _parse_in_base(args[0], args[1], bits, label)
    if len(args) != 1:
        fail("ArgumentException", f"Convert.To{label} takes a value, or a string and a base")
    value = args[0]
    bounds = _bounds(bits)
    if type(value) is str:
        return _in_range(dotnet_module.int64_parse(value), bounds, label)
    if type(value) is bool:
        return 1 if value else 0
    if type(value) is int:
        return _in_range(value, bounds, label)
    if type(value) is Char:
        return ord(value)
    if type(value) is float:
        if not math.isfinite(value):
            _overflow(label)
        value = Decimal(value)
    if type(value) is Decimal:
        try:
            rounded = int(value.to_integral_value(rounding=decimal.ROUND_HALF_EVEN))
        except (ValueError, OverflowError, decimal.InvalidOperation):
            _overflow(label)
        return _in_range(rounded, bounds, label)
    fail("InvalidCastException", f"Unable to cast a {type_name(value)} to an {label}.")


@builtin("Convert.ToInt32", "'a -> int")
def to_int32(argument: object) -> int:
    """.NET's ``Convert.ToInt32(value)`` and ``Convert.ToInt32(text, base)``."""
    return _to_integer(argument, 32, "Int32")


@builtin("Convert.ToInt64", "'a -> int")
def to_int64(argument: object) -> int:
    """.NET's ``Convert.ToInt64(value)`` and ``Convert.ToInt64(text, base)``."""
    return _to_integer(argument, 64, "Int64")


@builtin("Convert.ToDouble", "'a -> float")
def to_double(value: object) -> float:
    """.NET's ``Convert.ToDouble``: of a number, a bool or a string (as ``Double.Parse``)."""
    if type(value) is float:
        return value
    if type(value) is str:
        return dotnet_module.double_parse(value)
    if type(value) is bool:
        return 1.0 if value else 0.0
    if type(value) is int or type(value) is Decimal:
        return float(value)
    fail("InvalidCastException", f"Unable to cast a {type_name(value)} to a Double.")


@builtin("Convert.ToString", "'a -> string")
def to_string(argument: object) -> str:
    """.NET's ``Convert.ToString(value)`` (its ``ToString``) and ``Convert.ToString(n,
    base)`` (base 2, 8, 10 or 16; a negative number in two's complement)."""
    args = method_arguments(argument)
    number, base = args if len(args) == 2 else (None, None)
    if type(number) is not int or type(base) is not int:
        return dotnet_to_string(argument)
    if base not in _BASES:
        fail("ArgumentException", "Invalid Base.")
    if base == 10:
        return str(number)
    if number < 0:
        bits = 32 if number >= _INT32[0] else 64
        number += 1 << bits
    digits = {2: "b", 8: "o", 16: "x"}[base]
    return format(number, digits)


@builtin("Convert.ToChar", "'a -> char")
def to_char(value: object) -> Char:
    """.NET's ``Convert.ToChar``: of a char code (0 to 65535) or a one-character string."""
    if type(value) is int and 0 <= value <= 0xFFFF:
        return Char(chr(value))
    if type(value) is Char:
        return value
    if type(value) is str and len(value) == 1:
        return Char(value)
    if type(value) is int:
        _overflow("Char")
    fail("FormatException", "String must be exactly one character long.")


@builtin("Convert.ToBoolean", "'a -> bool")
def to_boolean(value: object) -> bool:
    """.NET's ``Convert.ToBoolean``: ``"true"``/``"false"`` (any case) or a number."""
    if type(value) is bool:
        return value
    if type(value) is str:
        word = value.strip().lower()
        if word in ("true", "false"):
            return word == "true"
        fail("FormatException", f"String '{value}' was not recognized as a valid Boolean.")
    if type(value) in (int, float, Decimal):
        return value != 0
    fail("InvalidCastException", f"Unable to cast a {type_name(value)} to a Boolean.")
