"""F#'s bitwise operators on ints and the formatting of interpolated strings' untyped holes.

The parser turns ``a &&& b``, ``|||``, ``^^^``, ``<<<``, ``>>>`` and ``~~~a`` into calls of
FSharp.Core's operator functions below (``op_BitwiseAnd`` ...), so the source and bytecode
back ends run them alike.  Fusabi's int is 64-bit (a project decision): results wrap to int64
and, as .NET does for ``int64``, a shift count is taken modulo 64 (``1 <<< 64`` is ``1``);
``>>>`` is an arithmetic shift (``-8 >>> 1`` is ``-4``).

``op_InterpolatedHole spec x`` formats the value of a hole ``{x,8:F2}`` of ``$"..."`` by
.NET's composite formatting (:mod:`fusabi_host.lang.composite`).
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Final

from fusabi_host.lang.composite import format_hole
from fusabi_host.lang.stdlib.registry import builtin
from fusabi_host.lang.values import NIL, Char, FzArray, FzMap, FzSet

__all__ = [
    "bitwise_and",
    "bitwise_not",
    "bitwise_or",
    "dispose",
    "interpolated_hole",
    "out_default",
    "shift_left",
    "type_test",
]

_MASK64: Final = (1 << 64) - 1
_SIGN: Final = 1 << 63

BITWISE_OPERATORS: Final = {
    "&&&": "op_BitwiseAnd",
    "|||": "op_BitwiseOr",
    "^^^": "op_ExclusiveOr",
    "<<<": "op_LeftShift",
    ">>>": "op_RightShift",
}
"""The infix bitwise operators and the library functions they call."""

BITWISE_NOT: Final = "op_LogicalNot"
"""The library function ``~~~x`` calls."""


def _wrap(number: int) -> int:
    """*number* as an int64 holds it (two's complement wrap-around)."""
    number &= _MASK64
    return number - (1 << 64) if number & _SIGN else number


@builtin("op_BitwiseAnd", "int -> int -> int")
def bitwise_and(a: int, b: int) -> int:
    """``a &&& b``."""
    return a & b


@builtin("op_BitwiseOr", "int -> int -> int")
def bitwise_or(a: int, b: int) -> int:
    """``a ||| b``."""
    return a | b


@builtin("op_ExclusiveOr", "int -> int -> int")
def bitwise_xor(a: int, b: int) -> int:
    """``a ^^^ b``."""
    return a ^ b


@builtin("op_LeftShift", "int -> int -> int")
def shift_left(a: int, count: int) -> int:
    """``a <<< count``: wraps to 64 bits; the count is taken modulo 64, as .NET does."""
    return _wrap(a << (count & 63))


@builtin("op_RightShift", "int -> int -> int")
def shift_right(a: int, count: int) -> int:
    """``a >>> count``: arithmetic (the sign is kept); the count is taken modulo 64."""
    return a >> (count & 63)


@builtin("op_LogicalNot", "int -> int")
def bitwise_not(a: int) -> int:
    """``~~~a``: every bit flipped."""
    return ~a


@builtin("op_InterpolatedHole", "string -> 'a -> string")
def interpolated_hole(spec: str, value: object) -> str:
    """One untyped hole of an interpolated string, ``{value,alignment:format}``."""
    return format_hole(spec, value)


@builtin("op_Dispose", "'a -> unit")
def dispose(value: object) -> None:
    """The end of a ``use x = ...`` scope: ``x.Dispose()`` when ``x`` is an ``IDisposable``
    (inference upcasts a value whose type implements it), else nothing."""
    if type(value) is dict:
        method = value.get("Dispose")
        if callable(method):
            method(None)


@builtin("op_OutDefault", "'a -> 'a")
def out_default(current: object) -> object:
    """What a failed ``TryParse(s, &v)``/``TryGetValue(k, &v)`` leaves in ``v``: .NET's
    default of its type (``0``, ``0.0``, ``false``, ``'\\000'``, ``0M``), judged by the value it
    holds; a value of another type (.NET's default would be ``null``) is kept."""
    kind = type(current)
    if kind is int:
        return 0
    if kind is float:
        return 0.0
    if kind is bool:
        return False
    if kind is Char:
        return Char("\0")
    if kind is Decimal:
        return Decimal(0)
    return current


_TYPE_TESTS: Final[dict[str, Callable[[object], bool]]] = {
    "int": lambda v: type(v) is int,
    "float": lambda v: type(v) is float,
    "string": lambda v: type(v) is str,
    "bool": lambda v: type(v) is bool,
    "char": lambda v: type(v) is Char,
    "decimal": lambda v: type(v) is Decimal,
    "unit": lambda v: v is None,
    "list": lambda v: v is NIL or type(v) is list,
    "array": lambda v: type(v) is FzArray,
    "map": lambda v: type(v) is FzMap,
    "set": lambda v: type(v) is FzSet,
    "dyn": lambda v: True,
}


@builtin("op_TypeTest", "string -> 'a -> bool")
def type_test(kind: str, value: object) -> bool:
    """``:? T`` on a value (not an exception): is *value* of the type *kind* names (see
    ``Lowerer.type_test_kind``)?  The elements of a collection are not checked."""
    test = _TYPE_TESTS.get(kind)
    if test is not None:
        return test(value)
    what, _, name = kind.partition(" ")
    if what == "union":
        return type(value) is tuple and bool(value) and getattr(value[0], "type_name", None) == name
    if what == "record":
        return type(value) is dict and sorted(value) == (name.split(",") if name else [])
    return False
