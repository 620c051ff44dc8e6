"""The parts of .NET's ``System`` namespace F# plugin code calls that are not modules of
their own in Fusabi: ``Int32``, ``Int64`` and ``Double`` (parsing and limits), the static
members of ``String`` (``String.Join``, ``String.IsNullOrEmpty``...) and the enum
``StringSplitOptions`` that the string member ``s.Split`` takes.

Method calls with several arguments take one tuple, as .NET methods do in F#:
``String.Join(", ", names)``.  ``System.X`` and, after ``open System``, ``X`` name the same
entries (:data:`SYSTEM_NAMESPACES` lists what the ``System`` namespaces hold; the lowerer
builds them).

Parsing follows .NET's invariant culture:

* ``Int32.Parse``/``Int64.Parse``: optional white space around, an optional sign, ASCII
  digits (``NumberStyles.Integer``).  Invalid text raises ``FormatException``, a value outside
  the type's range ``OverflowException``.  Fusabi's ``int`` is 64-bit, so ``Int32.Parse``
  returns an ``int`` that is only range-checked as an Int32.
* ``Double.Parse``: white space, a sign, digits with ``,`` group separators before the
  decimal point, a fraction, an exponent, or ``Infinity``/``NaN`` (any case; ``NumberStyles.Float
  ||| AllowThousands``).  Too large a value is infinity, as on .NET Core 3.0 and later.
* ``TryParse`` returns ``(true, value)`` or ``(false, 0)`` (``false, 0.0`` for ``Double``),
  the tuple F# makes of the ``out`` parameter.

``StringSplitOptions.None``/``RemoveEmptyEntries``/``TrimEntries`` are values of the type
``StringSplitOptions`` (union-like values without fields; combining them with ``|||`` is not
supported).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any, Final, NoReturn

from fusabi_host.lang import decimals, guard
from fusabi_host.lang.exceptions import fail
from fusabi_host.lang.stdlib import collections_util as cu
from fusabi_host.lang.stdlib.char_module import WHITESPACE
from fusabi_host.lang.stdlib.registry import builtin, overload_form, value
from fusabi_host.lang.values import INT_MAX, INT_MIN, FusabiException, Tag, type_name

__all__ = [
    "REMOVE_EMPTY_ENTRIES",
    "SPLIT_OPTIONS",
    "SYSTEM_NAMESPACES",
    "TRIM_ENTRIES",
    "method_arguments",
    "split_options",
]

SYSTEM_NAMESPACES: Final[dict[str, tuple[str, ...]]] = {
    "System": (
        "Char",
        "Convert",
        "Math",
        "String",
        "Int32",
        "Int64",
        "Double",
        "Decimal",
        "StringSplitOptions",
        "Array",
    ),
    "System.Text": ("StringBuilder",),
    "System.Collections.Generic": ("Dictionary", "HashSet", "Stack", "Queue"),
}
"""Each .NET namespace F# code may ``open`` -> the library modules it holds (by name)."""


def method_arguments(argument: object) -> tuple[Any, ...]:
    """The arguments of a .NET method call as F# passes them: a tuple for several (not a
    union value, which is a tuple underneath), one value otherwise."""
    if type(argument) is tuple and not (argument and type(argument[0]) is Tag):
        return argument
    return (argument,)


INT32_MIN: Final = -(1 << 31)
INT32_MAX: Final = (1 << 31) - 1

# --------------------------------------------------------------------------- parsing

_NUMBER_WHITE: Final = "[\t\n\v\f\r ]*"
"""The white space .NET's number parsing skips around the number."""

_INTEGER: Final = re.compile(f"{_NUMBER_WHITE}([+-]?[0-9]+){_NUMBER_WHITE}")
_FLOAT: Final = re.compile(
    f"{_NUMBER_WHITE}([+-]?(?:[0-9][0-9,]*(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?)"
    f"{_NUMBER_WHITE}"
)
_SPECIAL_FLOAT: Final = re.compile(f"{_NUMBER_WHITE}([+-]?)(infinity|nan|∞){_NUMBER_WHITE}", re.I)


def _bad_format(text: str) -> NoReturn:
    fail("FormatException", f"The input string '{text}' was not in a correct format.")


def _parse_integer(text: object, type_label: str, low: int, high: int) -> int:
    """*text* parsed as a .NET integer of the range ``low..high`` (see the module docstring)."""
    if type(text) is not str:
        fail("ArgumentException", f"{type_label}.Parse expects a string, got {type_name(text)}")
    match = _INTEGER.fullmatch(text)
    if match is None:
        _bad_format(text)
    digits = match.group(1)
    if len(digits) > 40:  # far out of range; do not convert a huge text to an int
        fail("OverflowException", f"Value was either too large or too small for an {type_label}.")
    number = int(digits)
    if not low <= number <= high:
        fail("OverflowException", f"Value was either too large or too small for an {type_label}.")
    return number


def _parse_float(text: object) -> float:
    """*text* parsed as a .NET ``Double`` (see the module docstring)."""
    if type(text) is not str:
        fail("ArgumentException", f"Double.Parse expects a string, got {type_name(text)}")
    special = _SPECIAL_FLOAT.fullmatch(text)
    if special is not None:
        sign, word = special.groups()
        number = math.nan if word.lower() == "nan" else math.inf
        return -number if sign == "-" else number
    match = _FLOAT.fullmatch(text)
    if match is None:
        _bad_format(text)
    return float(match.group(1).replace(",", ""))


def _try(parse: Callable[[str], object], text: str, failed: object) -> tuple[bool, object]:
    """``(true, parse text)``, or ``(false, failed)`` when parsing raises a Fusabi exception."""
    try:
        return True, parse(text)
    except FusabiException:
        return False, failed


@builtin("Int32.Parse", "string -> int")
def int32_parse(text: str) -> int:
    """.NET's ``Int32.Parse``."""
    return _parse_integer(text, "Int32", INT32_MIN, INT32_MAX)


@builtin("Int32.TryParse", "string -> bool * int")
def int32_try_parse(text: str) -> tuple[bool, object]:
    """.NET's ``Int32.TryParse``, as F# calls it: ``match Int32.TryParse s with | true, n``."""
    return _try(int32_parse, text, 0)


@builtin("Int64.Parse", "string -> int")
def int64_parse(text: str) -> int:
    """.NET's ``Int64.Parse``."""
    return _parse_integer(text, "Int64", INT_MIN, INT_MAX)


@builtin("Int64.TryParse", "string -> bool * int")
def int64_try_parse(text: str) -> tuple[bool, object]:
    """.NET's ``Int64.TryParse``."""
    return _try(int64_parse, text, 0)


@builtin("Double.Parse", "string -> float")
def double_parse(text: str) -> float:
    """.NET's ``Double.Parse`` in the invariant culture."""
    return _parse_float(text)


@builtin("Double.TryParse", "string -> bool * float")
def double_try_parse(text: str) -> tuple[bool, object]:
    """.NET's ``Double.TryParse`` in the invariant culture."""
    return _try(double_parse, text, 0.0)


def _parse_decimal(text: object) -> Decimal:
    """*text* parsed as a .NET ``Decimal`` (invariant culture; ``,`` group separators)."""
    if type(text) is not str:
        fail("ArgumentException", f"Decimal.Parse expects a string, got {type_name(text)}")
    match = _FLOAT.fullmatch(text)
    number = None if match is None else decimals.parse(match.group(1).replace(",", ""))
    if number is None:
        if match is not None:
            fail("OverflowException", "Value was either too large or too small for a Decimal.")
        _bad_format(text)
    return number


@builtin("Decimal.Parse", "string -> decimal")
def decimal_parse(text: str) -> Decimal:
    """.NET's ``Decimal.Parse`` in the invariant culture (the digits kept: ``"1.50"`` is
    ``1.50m``)."""
    return _parse_decimal(text)


@builtin("Decimal.TryParse", "string -> bool * decimal")
def decimal_try_parse(text: str) -> tuple[bool, object]:
    """.NET's ``Decimal.TryParse`` in the invariant culture."""
    return _try(decimal_parse, text, Decimal(0))


@builtin("Decimal.Round", "decimal -> decimal")
def decimal_round(number: Decimal) -> Decimal:
    """.NET's ``Decimal.Round``: to an integral value, half to even."""
    return decimals.round_to(_decimal_argument("Decimal.Round", number), 0)


@overload_form("Decimal.Round", "decimal * int -> decimal")
def decimal_round_digits(args: object) -> Decimal:
    """.NET's ``Decimal.Round(d, digits)``: half to even, to *digits* places (0 to 28)."""
    if type(args) is not tuple or len(args) != 2 or type(args[1]) is not int:
        fail("ArgumentException", "Decimal.Round expects (a decimal, a number of digits)")
    return decimals.round_to(_decimal_argument("Decimal.Round", args[0]), args[1])


def _decimal_argument(name: str, number: object) -> Decimal:
    if type(number) is not Decimal:
        fail("ArgumentException", f"{name} expects a decimal, got {type_name(number)}")
    return number


value("Decimal.Zero", "decimal", Decimal(0))
value("Decimal.One", "decimal", Decimal(1))
value("Decimal.MinusOne", "decimal", Decimal(-1))
value("Decimal.MaxValue", "decimal", decimals.MAX)
value("Decimal.MinValue", "decimal", -decimals.MAX)


@builtin("Double.IsNaN", "float -> bool")
def double_is_nan(x: float) -> bool:
    return math.isnan(x)


@builtin("Double.IsInfinity", "float -> bool")
def double_is_infinity(x: float) -> bool:
    return math.isinf(x)


value("Int32.MaxValue", "int", INT32_MAX)
value("Int32.MinValue", "int", INT32_MIN)
value("Int64.MaxValue", "int", INT_MAX)
value("Int64.MinValue", "int", INT_MIN)
value("Double.MaxValue", "float", 1.7976931348623157e308)
value("Double.MinValue", "float", -1.7976931348623157e308)
value("Double.Epsilon", "float", 5e-324)
value("Double.NaN", "float", math.nan)
value("Double.PositiveInfinity", "float", math.inf)
value("Double.NegativeInfinity", "float", -math.inf)

# --------------------------------------------------------------------------- String statics


def _string_items(name: str, strings: object) -> list[str]:
    """The strings of a string collection (list, array, set or seq)."""
    items = cu.items_of(strings)
    for item in items:
        if type(item) is not str:
            fail("ArgumentException", f"{name} expects strings, got a {type_name(item)}")
    return items


def _reserve_text(length: int, *samples: str) -> None:
    """Refuse a string of *length* characters past the run's limits (one byte a character
    for ASCII text, four otherwise), before building it."""
    wide = not all(sample.isascii() for sample in samples)
    guard.reserve_items(length, "string", 4 if wide else 1)


@builtin("String.Join", "string * string seq -> string")
def string_join(args: tuple[str, object]) -> str:
    """.NET's ``String.Join(separator, strings)``."""
    if type(args) is not tuple or len(args) != 2 or type(args[0]) is not str:
        fail("ArgumentException", "String.Join expects (separator, strings)")
    separator, strings = args
    items = _string_items("String.Join", strings)
    total = sum(map(len, items)) + len(separator) * max(len(items) - 1, 0)
    _reserve_text(total, separator, *items)
    return separator.join(items)


@builtin("String.IsNullOrEmpty", "string -> bool")
def string_is_null_or_empty(s: str) -> bool:
    """.NET's ``String.IsNullOrEmpty`` (Fusabi strings are never null)."""
    return not s


@builtin("String.IsNullOrWhiteSpace", "string -> bool")
def string_is_null_or_white_space(s: str) -> bool:
    """.NET's ``String.IsNullOrWhiteSpace``: empty, or only Unicode white space."""
    return not s.strip(WHITESPACE)


value("String.Empty", "string", "")

# --------------------------------------------------------------------------- StringSplitOptions


def _split_option(name: str, index: int) -> tuple[Tag]:
    return (Tag(name, "StringSplitOptions", index, 0),)


NO_SPLIT_OPTIONS: Final = _split_option("None", 0)
REMOVE_EMPTY_ENTRIES: Final = _split_option("RemoveEmptyEntries", 1)
TRIM_ENTRIES: Final = _split_option("TrimEntries", 2)
SPLIT_OPTIONS: Final = (NO_SPLIT_OPTIONS, REMOVE_EMPTY_ENTRIES, TRIM_ENTRIES)
"""The values of ``StringSplitOptions`` (each is its own, only instance)."""

for _option in SPLIT_OPTIONS:
    value(f"StringSplitOptions.{_option[0].name}", "StringSplitOptions", _option)


def split_options(args: tuple[object, ...]) -> tuple[tuple[object, ...], object | None]:
    """The arguments of ``s.Split(...)`` without a trailing ``StringSplitOptions``, and that
    option (``None`` when there is none)."""
    if args and any(args[-1] is option for option in SPLIT_OPTIONS):
        return args[:-1], args[-1]
    return args, None
