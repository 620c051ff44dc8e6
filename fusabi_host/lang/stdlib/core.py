"""Top-level functions (no module prefix): printing, formatting, errors, tuples, comparison,
F# math operators and conversions.

Printing writes through the instance context (``stdout:write`` / ``stderr:write``).  The
compiler turns literal formats (``printfn "%d items" n``) into formatting calls itself; the
registered ``print``/``printf``/``printfn``/``eprintf``/``eprintfn`` are the dynamic fallbacks
and write the Display of their one argument (upstream's ``printfn v``).  ``sprintf`` and
``failwithf`` (type ``string -> dyn``) return the curried formatter of
:func:`fusabi_host.lang.format.kprintf_function`, which also accepts upstream's list form.

The float functions (``sqrt``, ``log``, ``floor``...) follow F# and IEEE 754: no exceptions,
NaN and infinities instead; ``round`` rounds half to even (.NET ``Math.Round``), unlike
``Math.round``.

Conversions (deliberate choices where F# differs or is unspecified):

* ``int``: ints as is; floats truncated toward zero, NaN, infinities and values out of the
  64-bit range raise ``OverflowException`` (F# leaves them unspecified); chars give their code
  point; bools 1/0; strings are parsed as F# does (surrounding white space, a sign, and the
  prefixes ``0x``/``0o``/``0b``; invalid text raises ``FormatException``, out of range
  ``OverflowException``).
* ``float``: ints, floats, chars (code point), bools 1/0, strings in the invariant culture
  (``"1.5e3"``, ``"NaN"``, ``"Infinity"``, ``"inf"``, case-insensitive; no thousands separators).
* ``string``: the Display form of any value: ``string 3.0`` is ``"3"`` (F# gives ``"3"`` too),
  ``string 1e22`` is ``"10000000000000000000000"`` (F#: ``"1E+22"``), and ``string true`` is
  ``"true"`` (F#: ``"True"``) and ``string ()`` is ``"()"`` (F#: ``""``), matching Display
  and upstream.
* ``char``: from a code point (int, or float truncated), a one-character string, or a char;
  code points outside Unicode (or surrogates) raise ``OverflowException``.

``hash`` is structural (equal values hash alike) and raises ``NotSupportedException`` for
values that cannot be hashed (arrays, functions); ``compare`` of functions raises
``ArgumentException``.
"""

from __future__ import annotations

import decimal
import math
import re
import struct
from collections.abc import Callable
from decimal import Decimal
from typing import Final, NoReturn

from fusabi_host.lang import decimals, values
from fusabi_host.lang.context import Context
from fusabi_host.lang.display import display
from fusabi_host.lang.exceptions import fail, failure
from fusabi_host.lang.format import kprintf_function, sprintf_function
from fusabi_host.lang.guard import reserve_items
from fusabi_host.lang.stdlib.char_module import WHITESPACE
from fusabi_host.lang.stdlib.collections_util import items_of
from fusabi_host.lang.stdlib.math_module import (
    float_ceil,
    float_floor,
    float_truncate,
    ieee_log,
    ieee_log10,
    ieee_pow,
    ieee_sqrt,
    ieee_unary,
    int_abs,
    round_half_even,
)
from fusabi_host.lang.stdlib.registry import builtin, value
from fusabi_host.lang.values import (
    INT_MAX,
    INT_MIN,
    SOME_TAG,
    Char,
    FusabiException,
    FzSet,
    Tag,
    type_name,
)

__all__ = ["to_char", "to_float", "to_int", "to_string"]

_TWO_63: Final = 2.0**63


def _wrap(n: int) -> int:
    return ((n + (1 << 63)) % (1 << 64)) - (1 << 63)


# --------------------------------------------------------------------------- printing


@builtin("print", "'a -> unit", context=True, effect="stdout:write")
def print_(ctx: Context, x: object) -> None:
    ctx.write(display(x))


@builtin("printf", "'a -> unit", context=True, effect="stdout:write")
def printf(ctx: Context, x: object) -> None:
    ctx.write(display(x))


@builtin("printfn", "'a -> unit", context=True, effect="stdout:write")
def printfn(ctx: Context, x: object) -> None:
    ctx.write(display(x) + "\n")


@builtin("eprintf", "'a -> unit", context=True, effect="stderr:write")
def eprintf(ctx: Context, x: object) -> None:
    ctx.write(display(x), "stderr")


@builtin("eprintfn", "'a -> unit", context=True, effect="stderr:write")
def eprintfn(ctx: Context, x: object) -> None:
    ctx.write(display(x) + "\n", "stderr")


# --------------------------------------------------------------------------- formatting, errors


def _format_string(name: str, fmt: object) -> str:
    if type(fmt) is not str:
        fail("ArgumentException", f"{name} expects a format string, got {type_name(fmt)}")
    return fmt


@builtin("sprintf", "string -> dyn")
def sprintf(fmt: str) -> object:
    return sprintf_function(_format_string("sprintf", fmt))


def _raise_failure(message: str) -> NoReturn:
    failure(message)


@builtin("failwithf", "string -> dyn")
def failwithf(fmt: str) -> object:
    return kprintf_function(_format_string("failwithf", fmt), _raise_failure)


@builtin("failwith", "string -> 'a")
def failwith(message: str) -> NoReturn:
    failure(message)


@builtin("invalidArg", "string -> string -> 'a")
def invalid_arg(parameter: str, message: str) -> NoReturn:
    fail("ArgumentException", f"{message} (Parameter '{parameter}')")


@builtin("invalidOp", "string -> 'a")
def invalid_op(message: str) -> NoReturn:
    fail("InvalidOperationException", message)


@builtin("nullArg", "string -> 'a")
def null_arg(parameter: str) -> NoReturn:
    """F#'s ``nullArg``: an ``ArgumentNullException`` naming the parameter."""
    fail("ArgumentNullException", f"Value cannot be null. (Parameter '{parameter}')")


@builtin("raise", "exn -> 'a")
def raise_(exception: object) -> NoReturn:
    if not (type(exception) is tuple and exception and type(exception[0]) is Tag):
        fail("ArgumentException", f"raise expects an exception, got {type_name(exception)}")
    raise FusabiException(exception)


# --------------------------------------------------------------------------- basics


def _pair(name: str, pair: object) -> tuple[object, object]:
    if type(pair) is not tuple or len(pair) != 2 or type(pair[0]) is Tag:
        fail("ArgumentException", f"{name} expects a pair, got {type_name(pair)}")
    return pair


@builtin("fst", "'a * 'b -> 'a")
def fst(pair: tuple[object, object]) -> object:
    return _pair("fst", pair)[0]


@builtin("snd", "'a * 'b -> 'b")
def snd(pair: tuple[object, object]) -> object:
    return _pair("snd", pair)[1]


@builtin("id", "'a -> 'a")
def id_(x: object) -> object:
    return x


@builtin("ignore", "'a -> unit")
def ignore(_x: object) -> None:
    return None


@builtin("not", "bool -> bool")
def not_(b: bool) -> bool:
    return not b


@builtin("defaultArg", "'a option -> 'a -> 'a")
def default_arg(option: object, default: object) -> object:
    if type(option) is tuple and option[0] is SOME_TAG:
        return option[1]
    return default


# --------------------------------------------------------------------------- ref cells
# F#'s ``'a ref`` is the record ``{ mutable contents: 'a }``: a ref is a Fusabi record (a dict
# with the one field ``contents``), so equality, Display (``{ contents = 1 }``) and host
# conversion are a record's.  The parser turns ``!r`` into ``op_Dereference r`` and
# ``r := v`` into ``op_ColonEquals r v``; ``r.Value`` is typed by inference.


def _cell(name: str, cell: object) -> dict[str, object]:
    """*cell* as a ref cell, for the dynamic path (typed code cannot pass anything else)."""
    if type(cell) is not dict or "contents" not in cell:
        fail("InvalidOperationException", f"{name} expects a ref cell, got {type_name(cell)}")
    return cell


@builtin("ref", "'a -> 'a ref")
def ref(x: object) -> dict[str, object]:
    return {"contents": x}


@builtin("op_Dereference", "'a ref -> 'a")
def op_dereference(cell: dict[str, object]) -> object:
    return _cell("'!'", cell)["contents"]


@builtin("op_ColonEquals", "'a ref -> 'a -> unit")
def op_colon_equals(cell: dict[str, object], x: object) -> None:
    _cell("':='", cell)["contents"] = x


def _step(name: str, cell: dict[str, object], by: int) -> None:
    target = _cell(name, cell)
    n = target["contents"]
    if type(n) is not int:
        fail("InvalidOperationException", f"{name} expects an int ref, got a {type_name(n)} ref")
    target["contents"] = _wrap(n + by)


@builtin("incr", "int ref -> unit")
def incr(cell: dict[str, object]) -> None:
    _step("incr", cell, 1)


@builtin("decr", "int ref -> unit")
def decr(cell: dict[str, object]) -> None:
    _step("decr", cell, -1)


# --------------------------------------------------------------------------- comparison


@builtin("compare", "'a -> 'a -> int")
def compare(a: object, b: object) -> int:
    try:
        return values.compare(a, b)
    except TypeError as error:
        fail("ArgumentException", str(error))


@builtin("hash", "'a -> int")
def hash_(x: object) -> int:
    try:
        return _wrap(values.hash_value(x))
    except TypeError:
        fail("NotSupportedException", f"Values of type {type_name(x)} cannot be hashed")


def _is_nan(x: object) -> bool:
    return type(x) is float and math.isnan(x)


@builtin("max", "'a -> 'a -> 'a")
def max_(a: object, b: object) -> object:
    if _is_nan(a):
        return a
    if _is_nan(b):
        return b
    return b if compare(a, b) < 0 else a


@builtin("min", "'a -> 'a -> 'a")
def min_(a: object, b: object) -> object:
    if _is_nan(a):
        return a
    if _is_nan(b):
        return b
    return b if compare(a, b) > 0 else a


# --------------------------------------------------------------------------- numbers


def _float_arg(name: str, x: object) -> float:
    if type(x) is float:
        return x
    fail("ArgumentException", f"{name} expects a float, got {type_name(x)}")


@builtin("abs", "'a -> 'a")
def abs_(x: object) -> object:
    if type(x) is int:
        return int_abs(x)
    if type(x) is Decimal:
        return abs(x)
    return abs(_float_arg("abs", x))


@builtin("sign", "'a -> int")
def sign(x: object) -> int:
    if type(x) is int or type(x) is Decimal:
        return (x > 0) - (x < 0)
    number = _float_arg("sign", x)
    if math.isnan(number):
        fail("ArgumentException", "Function does not accept floating point Not-a-Number values.")
    return (number > 0) - (number < 0)


@builtin("sqrt", "float -> float")
def sqrt(x: float) -> float:
    return ieee_sqrt(_float_arg("sqrt", x))


@builtin("exp", "float -> float")
def exp(x: float) -> float:
    return ieee_unary(math.exp, _float_arg("exp", x))


@builtin("log", "float -> float")
def log(x: float) -> float:
    return ieee_log(_float_arg("log", x))


@builtin("log10", "float -> float")
def log10(x: float) -> float:
    return ieee_log10(_float_arg("log10", x))


@builtin("sin", "float -> float")
def sin(x: float) -> float:
    return ieee_unary(math.sin, _float_arg("sin", x))


@builtin("cos", "float -> float")
def cos(x: float) -> float:
    return ieee_unary(math.cos, _float_arg("cos", x))


@builtin("tan", "float -> float")
def tan(x: float) -> float:
    return ieee_unary(math.tan, _float_arg("tan", x))


@builtin("asin", "float -> float")
def asin(x: float) -> float:
    return ieee_unary(math.asin, _float_arg("asin", x))


@builtin("acos", "float -> float")
def acos(x: float) -> float:
    return ieee_unary(math.acos, _float_arg("acos", x))


@builtin("atan", "float -> float")
def atan(x: float) -> float:
    return math.atan(_float_arg("atan", x))


@builtin("atan2", "float -> float -> float")
def atan2(y: float, x: float) -> float:
    return math.atan2(_float_arg("atan2", y), _float_arg("atan2", x))


@builtin("sinh", "float -> float")
def sinh(x: float) -> float:
    return ieee_unary(math.sinh, _float_arg("sinh", x))


@builtin("cosh", "float -> float")
def cosh(x: float) -> float:
    return ieee_unary(math.cosh, _float_arg("cosh", x))


@builtin("tanh", "float -> float")
def tanh(x: float) -> float:
    return math.tanh(_float_arg("tanh", x))


@builtin("floor", "'frac -> 'frac")
def floor(x: object) -> object:
    """F#'s ``floor`` of a float or a decimal."""
    if type(x) is Decimal:
        return decimals.integral(x, decimal.ROUND_FLOOR)
    return float_floor(_float_arg("floor", x))


@builtin("ceil", "'frac -> 'frac")
def ceil(x: object) -> object:
    """F#'s ``ceil`` of a float or a decimal."""
    if type(x) is Decimal:
        return decimals.integral(x, decimal.ROUND_CEILING)
    return float_ceil(_float_arg("ceil", x))


@builtin("round", "'frac -> 'frac")
def round_(x: object) -> object:
    """F#'s ``round`` (half to even) of a float or a decimal."""
    if type(x) is Decimal:
        return decimals.integral(x, decimal.ROUND_HALF_EVEN)
    return round_half_even(_float_arg("round", x))


@builtin("truncate", "'frac -> 'frac")
def truncate(x: object) -> object:
    """F#'s ``truncate`` of a float or a decimal."""
    if type(x) is Decimal:
        return decimals.integral(x, decimal.ROUND_DOWN)
    return float_truncate(_float_arg("truncate", x))


@builtin("pown", "'a -> int -> 'a")
def pown(x: object, n: int) -> object:
    """F#'s ``pown``: an int or float to an int power (ints wrap around at 64 bits)."""
    if type(n) is not int:
        fail("ArgumentException", f"pown expects an int exponent, got {type_name(n)}")
    if type(x) is int:
        if n >= 0:
            return _wrap(pow(x, n, 1 << 64))
        if x == 0:
            fail("DivideByZeroException", "Attempted to divide by zero.")
        if x in (1, -1):
            return x if n % 2 else 1
        return 0  # 1 / x^|n| in integer division
    base = _float_arg("pown", x)
    return ieee_pow(base, float(n))


value("nan", "float", math.nan)
value("infinity", "float", math.inf)


# --------------------------------------------------------------------------- conversions

_OVERFLOW_INT64: Final = "Value was either too large or too small for an Int64."
_INT_TEXT: Final = re.compile(r"([+-]?)(?:0([xXoObB])([0-9a-fA-F]+)|([0-9]+))")
_FLOAT_TEXT: Final = re.compile(
    r"[+-]?(?:(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|nan|inf|infinity)",
    re.IGNORECASE,
)
_BASES: Final = {"x": 16, "o": 8, "b": 2}


def _bad_format(text: str) -> NoReturn:
    fail("FormatException", f"The input string '{text}' was not in a correct format.")


def _parse_int(text: str) -> int:
    match = _INT_TEXT.fullmatch(text.strip(WHITESPACE))
    if match is None:
        _bad_format(text)
    sign, prefix, prefixed_digits, decimal_digits = match.groups()
    if prefix is None:
        if len(decimal_digits.lstrip("0")) > 19:  # also keeps int() within its digit limit
            fail("OverflowException", _OVERFLOW_INT64)
        number = int(decimal_digits)
        if sign == "-":
            number = -number
        if not INT_MIN <= number <= INT_MAX:
            fail("OverflowException", _OVERFLOW_INT64)
        return number
    try:
        unsigned = int(prefixed_digits, _BASES[prefix.lower()])
    except ValueError:  # e.g. "0b12": digits outside the base
        _bad_format(text)
    if unsigned >> 64:
        fail("OverflowException", _OVERFLOW_INT64)
    number = _wrap(unsigned)  # the bits of a 64-bit two's complement number
    return _wrap(-number) if sign == "-" else number


def _float_to_int(x: float) -> int:
    if math.isnan(x) or not -_TWO_63 <= x < _TWO_63:
        fail("OverflowException", _OVERFLOW_INT64)
    return int(x)


def _enum_value(x: object) -> int | None:
    """The integer of an enum case value (``int Color.Red``), ``None`` for other values."""
    if type(x) is tuple and len(x) == 1 and type(x[0]) is Tag:
        value: int | None = x[0].enum_value
        return value
    return None


@builtin("int", "'a -> int")
def to_int(x: object) -> int:
    t = type(x)
    if t is int:
        return x  # type: ignore[return-value]
    if t is float:
        return _float_to_int(x)  # type: ignore[arg-type]
    if t is str:
        return _parse_int(x)  # type: ignore[arg-type]
    if t is Char:
        return ord(x)  # type: ignore[arg-type]
    if t is bool:
        return 1 if x else 0
    if t is tuple:
        enum_value = _enum_value(x)
        if enum_value is not None:
            return enum_value
    if t is Decimal:
        number = decimals.to_int(x)  # type: ignore[arg-type]
        if not INT_MIN <= number <= INT_MAX:
            fail("OverflowException", _OVERFLOW_INT64)
        return number
    fail("ArgumentException", f"Cannot convert a {type_name(x)} to int")


@builtin("float", "'a -> float")
def to_float(x: object) -> float:
    t = type(x)
    if t is float:
        return x  # type: ignore[return-value]
    if t is int or t is bool:
        return float(x)  # type: ignore[arg-type]
    if t is str:
        text = x.strip(WHITESPACE)  # type: ignore[attr-defined]
        if _FLOAT_TEXT.fullmatch(text) is None:
            _bad_format(x)  # type: ignore[arg-type]
        return float(text)
    if t is Char:
        return float(ord(x))  # type: ignore[arg-type]
    if t is Decimal:
        return decimals.to_float(x)  # type: ignore[arg-type]
    fail("ArgumentException", f"Cannot convert a {type_name(x)} to float")


@builtin("decimal", "'a -> decimal")
def to_decimal(x: object) -> Decimal:
    """F#'s ``decimal``: from an int exactly, from a float rounded to 15 significant digits
    (as .NET converts a double), from a string as ``Decimal.Parse``."""
    t = type(x)
    if t is Decimal:
        return x  # type: ignore[return-value]
    if t is int or t is bool:
        return decimals.from_int(int(x))  # type: ignore[call-overload]
    if t is float:
        return decimals.from_float(x)  # type: ignore[arg-type]
    if t is str:
        parsed = decimals.parse(x)  # type: ignore[arg-type]
        if parsed is None:
            _bad_format(x)  # type: ignore[arg-type]
        return parsed
    if t is Char:
        return decimals.from_int(ord(x))  # type: ignore[arg-type]
    fail("ArgumentException", f"Cannot convert a {type_name(x)} to decimal")


# --------------------------------------------------------------------------- sized numbers
# F#'s conversions to the other integer types.  Fusabi's int is 64-bit (a project decision),
# so they give an int whose value is what F#'s would hold: int32 3000000000L is -1294967296,
# byte 300 is 44 (F# wraps, unchecked); from a float they truncate first, from a string they
# parse as the target type (FormatException, OverflowException as .NET's Parse).


def _sized(name: str, bits: int, signed: bool) -> Callable[[object], int]:
    low = -(1 << (bits - 1)) if signed else 0
    high = (1 << (bits - 1)) - 1 if signed else (1 << bits) - 1
    mask = (1 << bits) - 1

    def convert(x: object) -> int:
        if type(x) is str:
            number = _parse_int(x)
            if not low <= number <= high:
                fail("OverflowException", f"Value was either too large or too small for {name}.")
            return number
        number = to_int(x) & mask
        if signed and number > high:
            number -= 1 << bits
        return number

    convert.__name__ = convert.__qualname__ = f"to_{name.lower()}"
    return convert


for _name, _fsharp, _bits, _signed in (
    ("Int32", "int32", 32, True),
    ("Int16", "int16", 16, True),
    ("SByte", "sbyte", 8, True),
    ("UInt32", "uint32", 32, False),
    ("UInt16", "uint16", 16, False),
    ("Byte", "byte", 8, False),
):
    builtin(_fsharp, "'a -> int")(_sized(_name, _bits, _signed))


@builtin("int64", "'a -> int")
def to_int64(x: object) -> int:
    """F#'s ``int64``: Fusabi's ``int`` is already 64-bit."""
    return to_int(x)


@builtin("double", "'a -> float")
def to_double(x: object) -> float:
    """F#'s ``double``, the same as ``float``."""
    return to_float(x)


@builtin("float32", "'a -> float")
def to_float32(x: object) -> float:
    """F#'s ``float32``: the value rounded to single precision (a Fusabi float holds it)."""
    number = to_float(x)
    try:
        return float(struct.unpack("f", struct.pack("f", number))[0])
    except OverflowError:
        return math.copysign(math.inf, number)


@builtin("box", "'a -> obj")
def box(x: object) -> object:
    """F#'s ``box``: the value as an ``obj`` (checked where it is used, as ``dyn``)."""
    return x


@builtin("unbox", "obj -> 'a")
def unbox(x: object) -> object:
    """F#'s ``unbox``: an ``obj`` as the type the context wants (checked where it is used)."""
    return x


@builtin("set", "'a seq -> Set<'a>")
def make_set(items: object) -> FzSet:
    """F#'s ``set [1; 2]``: a Set of the items."""
    elements = items_of(items)
    reserve_items(len(elements), "set", 48)
    return FzSet.of(elements)


@builtin("string", "'a -> string")
def to_string(x: object) -> str:
    """F#'s ``string``: a bool is ``True``/``False`` (.NET's ``ToString``; upstream's
    Display says ``true``, and F# wins: the two cannot be told apart); anything else is its
    Display, which is what .NET's ``ToString`` gives for the values F# code converts."""
    if type(x) is int:  # (the common case, without the Display dispatch)
        return int.__repr__(x)
    if type(x) is bool:
        return "True" if x else "False"
    return display(x)


def _char_of_code(code: int) -> Char:
    if not 0 <= code <= 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        fail("OverflowException", f"{code} is not a valid Unicode code point.")
    return Char(chr(code))


@builtin("char", "'a -> char")
def to_char(x: object) -> Char:
    t = type(x)
    if t is Char:
        return x  # type: ignore[return-value]
    if t is int:
        return _char_of_code(x)  # type: ignore[arg-type]
    if t is float:
        return _char_of_code(_float_to_int(x))  # type: ignore[arg-type]
    if t is str:
        if len(x) != 1:  # type: ignore[arg-type]
            fail("FormatException", "String must be exactly one character long.")
        return Char(x)
    fail("ArgumentException", f"Cannot convert a {type_name(x)} to char")
