"""The .NET text API F# code calls: ``StringBuilder``, the ``String`` constructor,
``String.Concat``, ``String.Format`` and ``String.Compare``.

``StringBuilder()`` / ``StringBuilder "start"`` / ``new StringBuilder(16)`` make a
:class:`~fusabi_host.lang.mutables.FzStringBuilder`; ``sb.Append x`` (any value, as its
``ToString``; also ``Append(c, count)`` and ``Append(s, start, count)``), ``AppendLine``,
``AppendFormat`` (as ``String.Format``), ``Insert``, ``Remove``, ``Replace``, ``Clear``,
``Length`` and ``ToString()`` behave as .NET's, and ``Append`` returns the builder, so calls chain
(``sb.Append("a").Append(1) |> ignore``).  ``String(chars)``, ``String(chars, start, length)``
and ``String('*', 3)`` are the ``System.String`` constructors.  Every string these build is
checked against the run's limits before it exists.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final

from fusabi_host.lang import guard, lazyseq
from fusabi_host.lang.composite import composite_format, dotnet_to_string
from fusabi_host.lang.exceptions import fail
from fusabi_host.lang.mutables import FzStringBuilder
from fusabi_host.lang.stdlib.dotnet_module import method_arguments
from fusabi_host.lang.stdlib.registry import builtin
from fusabi_host.lang.values import Char, FzArray, type_name

__all__ = ["MEMBER_TYPES", "METHODS", "PROPERTIES", "RECEIVER_PARAMETERS", "culture_compare"]


def _reserve(length: int, sample: str = "") -> None:
    guard.reserve_items(length, "string", 1 if sample.isascii() else 4)


# --------------------------------------------------------------------------- String


@builtin("String.New", "'a -> string")
def new_string(argument: object) -> str:
    """``String(chars)``, ``String(chars, start, length)`` or ``String(c, count)``."""
    args = method_arguments(argument)
    if len(args) == 1 and type(args[0]) is FzArray:
        chars = args[0]
        start, length = 0, len(chars)
    elif len(args) == 3 and type(args[0]) is FzArray:
        chars, start, length = args
        if type(start) is not int or type(length) is not int:
            fail("ArgumentException", "String(chars, start, length) takes int positions")
        if start < 0 or length < 0 or start + length > len(chars):
            fail("ArgumentOutOfRangeException", "Index was out of range. (Parameter 'startIndex')")
    elif len(args) == 2 and type(args[0]) is Char and type(args[1]) is int:
        if args[1] < 0:
            fail("ArgumentOutOfRangeException", "Count cannot be less than zero.")
        _reserve(args[1], args[0])
        return str.__str__(args[0]) * args[1]
    else:
        fail("ArgumentException", f"no String constructor takes {type_name(argument)}")
    pieces = chars[start : start + length]
    if any(type(c) is not Char for c in pieces):
        fail("ArgumentException", "String(chars) takes an array of chars")
    return "".join(pieces)


@builtin("String.Concat", "'a -> string")
def string_concat(argument: object) -> str:
    """``String.Concat(a, b, ...)`` (each value as its ``ToString``) or
    ``String.Concat(strings)``."""
    args = method_arguments(argument)
    if len(args) == 1 and type(args[0]) is not str and lazyseq.is_seq_source(args[0]):
        args = tuple(lazyseq.materialise(args[0], "sequence"))
    pieces = [dotnet_to_string(value) for value in args]
    _reserve(sum(map(len, pieces)), "".join(pieces[:8]))
    return "".join(pieces)


@builtin("String.Format", "'a -> string")
def string_format(argument: object) -> str:
    """``String.Format("{0} has {1:F2}", a, b)``: .NET's composite format."""
    args = method_arguments(argument)
    if not args or type(args[0]) is not str:
        fail("ArgumentException", "String.Format expects (a format string, values...)")
    values = list(args[1:])
    if len(values) == 1 and type(values[0]) is FzArray:  # String.Format(fmt, [| ... |])
        values = list(values[0])
    return composite_format(args[0], values)


def culture_compare(a: str, b: str) -> int:
    """-1, 0 or 1 in the invariant culture's order, near enough: letters compare without case
    first, and a lowercase letter comes before its uppercase form (``String.Compare``,
    ``a.CompareTo b``)."""
    key_a, key_b = (a.casefold(), a.swapcase()), (b.casefold(), b.swapcase())
    return (key_a > key_b) - (key_a < key_b)


@builtin("String.Compare", "string * string -> int")
def string_compare(argument: object) -> int:
    """``String.Compare(a, b)``: -1, 0 or 1 in the invariant culture's order."""
    args = method_arguments(argument)
    if len(args) != 2 or type(args[0]) is not str or type(args[1]) is not str:
        fail("ArgumentException", "String.Compare expects (a string, a string)")
    return culture_compare(args[0], args[1])


@builtin("String.CompareOrdinal", "string * string -> int")
def string_compare_ordinal(argument: object) -> int:
    """``String.CompareOrdinal(a, b)``: by character codes (the sign of .NET's result)."""
    args = method_arguments(argument)
    if len(args) != 2 or type(args[0]) is not str or type(args[1]) is not str:
        fail("ArgumentException", "String.CompareOrdinal expects (a string, a string)")
    return (args[0] > args[1]) - (args[0] < args[1])


# --------------------------------------------------------------------------- StringBuilder


@builtin("StringBuilder.New", "'a -> StringBuilder")
def new_string_builder(argument: object) -> FzStringBuilder:
    """``StringBuilder()``, ``StringBuilder "start"`` or ``StringBuilder(capacity)``."""
    if argument is None or type(argument) is int:
        return FzStringBuilder()
    if type(argument) is str:
        return FzStringBuilder(argument)
    fail("ArgumentException", f"no StringBuilder constructor takes {type_name(argument)}")


def _grown(builder: FzStringBuilder, piece: str) -> None:
    if len(piece) > 64 or builder.length > 4096:
        _reserve(builder.length + len(piece), piece[:64])
    builder.append(piece)


def _append(builder: FzStringBuilder, value: object) -> FzStringBuilder:
    """``sb.Append(x)``, and .NET's overloads ``Append(c, repeatCount)`` (a char repeated)
    and ``Append(s, startIndex, count)`` (part of a string)."""
    args = method_arguments(value)
    if len(args) == 2 and type(args[0]) is Char and type(args[1]) is int:
        count = args[1]
        if count < 0:
            fail("ArgumentOutOfRangeException", "Count cannot be less than zero. (Parameter "
                 "'repeatCount')")  # fmt: skip
        _reserve(builder.length + count)
        builder.append(args[0] * count)
        return builder
    if len(args) == 3 and type(args[0]) is str and type(args[1]) is int and type(args[2]) is int:
        text, start, count = args
        if start < 0 or count < 0 or start + count > len(text):
            fail("ArgumentOutOfRangeException", "Index and count must refer to a location "
                 "within the string. (Parameter 'count')")  # fmt: skip
        _grown(builder, text[start : start + count])
        return builder
    _grown(builder, dotnet_to_string(value))
    return builder


def _append_format(builder: FzStringBuilder, argument: object) -> FzStringBuilder:
    """``sb.AppendFormat("{0}-{1}", a, b)``: :func:`string_format`'s text, appended."""
    _grown(builder, string_format(argument))
    return builder


def _append_line(builder: FzStringBuilder, value: object) -> FzStringBuilder:
    _grown(builder, ("" if value is None else dotnet_to_string(value)) + "\n")
    return builder


def _position(builder: FzStringBuilder, index: object, extra: int = 0) -> int:
    if type(index) is not int or not 0 <= index <= builder.length - extra:
        fail("ArgumentOutOfRangeException", "Index was out of range. (Parameter 'index')")
    return index


def _insert(builder: FzStringBuilder, argument: object) -> FzStringBuilder:
    args = method_arguments(argument)
    if len(args) != 2:
        fail("ArgumentException", "Insert expects (an index, a value)")
    index = _position(builder, args[0])
    text = builder.text()
    piece = dotnet_to_string(args[1])
    _reserve(len(text) + len(piece), piece[:64])
    builder.replace_all(text[:index] + piece + text[index:])
    return builder


def _remove(builder: FzStringBuilder, argument: object) -> FzStringBuilder:
    args = method_arguments(argument)
    if len(args) != 2 or type(args[1]) is not int or args[1] < 0:
        fail("ArgumentException", "Remove expects (a start index, a length)")
    start = _position(builder, args[0], args[1])
    text = builder.text()
    builder.replace_all(text[:start] + text[start + args[1] :])
    return builder


def _replace(builder: FzStringBuilder, argument: object) -> FzStringBuilder:
    args = method_arguments(argument)
    if len(args) != 2 or type(args[0]) is not type(args[1]) or type(args[0]) not in (str, Char):
        fail("ArgumentException", "Replace expects (old, new): two strings or two chars")
    old, new = str.__str__(args[0]), str.__str__(args[1])
    if not old:
        fail("ArgumentException", "String cannot be of zero length. (Parameter 'oldValue')")
    text = builder.text()
    count = text.count(old)
    _reserve(len(text) + count * max(len(new) - len(old), 0), new[:64])
    builder.replace_all(text.replace(old, new))
    return builder


def _clear(builder: FzStringBuilder, _unit: object) -> FzStringBuilder:
    builder.replace_all("")
    return builder


def set_length(builder: FzStringBuilder, length: object) -> None:
    """``sb.Length <- n``: cut the text to *n* characters, or pad it with ``'\0'``."""
    if type(length) is not int or length < 0:
        fail("ArgumentOutOfRangeException", "Length cannot be less than zero.")
    text = builder.text()
    if length > len(text):
        _reserve(length)
        text += "\0" * (length - len(text))
    builder.replace_all(text[:length])


RECEIVER_PARAMETERS: Final[dict[str, tuple[str, ...]]] = {"stringbuilder": ()}

MEMBER_TYPES: Final[dict[tuple[str, str], str]] = {
    ("stringbuilder", "Append"): "'a -> StringBuilder",
    ("stringbuilder", "AppendLine"): "'a -> StringBuilder",
    ("stringbuilder", "AppendFormat"): "'a -> StringBuilder",
    ("stringbuilder", "Insert"): "int * 'a -> StringBuilder",
    ("stringbuilder", "Remove"): "int * int -> StringBuilder",
    ("stringbuilder", "Replace"): "'a * 'a -> StringBuilder",
    ("stringbuilder", "Clear"): "unit -> StringBuilder",
    ("stringbuilder", "Length"): "int",
}
"""``(kind, member)`` -> its F# type."""

METHODS: Final[dict[tuple[str, str], Callable[[Any, Any], object]]] = {
    ("stringbuilder", "Append"): _append,
    ("stringbuilder", "AppendLine"): _append_line,
    ("stringbuilder", "AppendFormat"): _append_format,
    ("stringbuilder", "Insert"): _insert,
    ("stringbuilder", "Remove"): _remove,
    ("stringbuilder", "Replace"): _replace,
    ("stringbuilder", "Clear"): _clear,
}
"""``(kind, method)`` -> ``method(receiver, argument)``."""

PROPERTIES: Final[dict[tuple[str, str], Callable[[Any], object]]] = {
    ("stringbuilder", "Length"): lambda builder: builder.length,
}
"""``(kind, property)`` -> ``property(receiver)``."""
