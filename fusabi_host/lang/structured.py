"""F#'s structured format, what ``%A`` prints: values as F# source would write them.

Display (:mod:`fusabi_host.lang.display`, upstream's format) is what ``print``, ``printfn v``,
``%s`` and ``%O`` show.  ``%A`` is F#'s own, and plugin authors compare it with what ``dotnet
fsi`` prints, so it follows FSharp.Core's rules:

* strings quoted (``"a"``), chars quoted (``'c'``); floats with ten significant digits and
  always a point or an exponent (``3.0``, ``0.1``, ``1e+20``, ``nan``, ``infinity``);
* union cases with their fields after a space (``Some 42``, ``Rect (2.0, 3.0)``, ``Some (Some
  1)``), tuples ``(1, "a")``, lists ``[1; 2]``, arrays ``[|1; 2|]``, ``map [(1, "a")]``,
  ``set [1; 2]``;
* records one field a line, in the order the value holds them, aligned under the first:
  ``{ Name = "Ada"`` / ``  Age = 36 }``;
* lines are filled to 80 columns, a continuation indented under the opening bracket; past 100
  elements a collection shows ``...``, and past 100 levels of nesting a value shows ``...``
  (FSharp.Core's ``PrintLength``, ``PrintDepth`` and ``PrintWidth``), which also bounds the
  work and the Python stack a hostile value can ask for.

Every container visited is charged to the run's node budget, as Display does.
"""

from __future__ import annotations

import itertools
import math
from decimal import Decimal
from typing import Any, Final

from fusabi_host.lang import decimals
from fusabi_host.lang.display import ASYNC_SHOWN, display
from fusabi_host.lang.guard import spend
from fusabi_host.lang.mutables import (
    FzArray2D,
    FzDictionary,
    FzHashSet,
    FzQueue,
    FzResizeArray,
    FzStack,
    FzStringBuilder,
)
from fusabi_host.lang.values import NIL, Char, FzArray, FzAsync, FzLazy, FzMap, FzSeq, FzSet, Tag

__all__ = ["structured"]

PRINT_WIDTH: Final = 80
PRINT_LENGTH: Final = 100
PRINT_DEPTH: Final = 100

_Lines = list[str]
"""A layout: its first line continues the current line, the others start at column 0 (they
carry their own indentation)."""


def structured(value: object) -> str:
    """The text ``sprintf "%A"`` gives for Fusabi *value*."""
    return "\n".join(_layout(value, 0, 0))


def format_float(x: float) -> str:
    """A float as F#'s ``%A`` shows it (.NET's ``G10``, with ``.0`` on integral values)."""
    if math.isnan(x):
        return "nan"
    if math.isinf(x):
        return "infinity" if x > 0 else "-infinity"
    text = f"{x:.10g}"
    if "e" in text:
        mantissa, _, exponent = text.partition("e")
        sign = exponent[0]
        digits = exponent[1:].lstrip("0").rjust(2, "0")
        return f"{mantissa}e{sign}{digits}"
    if "." not in text and "n" not in text:
        text += ".0"
    return text


def _quote(text: str, mark: str) -> str:
    return mark + text.replace("\\", "\\\\").replace(mark, "\\" + mark) + mark


def _scalar(value: object) -> str | None:
    t = type(value)
    if t is int:
        return str(value)
    if t is str:
        return _quote(value, '"')  # type: ignore[arg-type]
    if t is bool:
        return "true" if value else "false"
    if t is float:
        return format_float(value)  # type: ignore[arg-type]
    if t is Decimal:
        return decimals.to_string(value) + "M"  # type: ignore[arg-type]
    if t is Char:
        return _quote(str.__str__(value), "'")
    if value is None:
        return "()"
    return None


def _layout(value: object, column: int, depth: int) -> _Lines:
    """*value* laid out starting at *column*."""
    text = _scalar(value)
    if text is not None:
        return [text]
    if depth >= PRINT_DEPTH:
        return ["..."]
    spend(1)
    t = type(value)
    if t is tuple:
        items: tuple[Any, ...] = value  # type: ignore[assignment]
        if items and type(items[0]) is Tag:
            return _case(items[0], items[1:], column, depth)
        return _joined("(", list(items), ", ", ")", column, depth, fill=False)
    if t is list or value is NIL:
        return _collection("[", _cons_items(value), "]", column, depth)
    if t is FzArray:
        return _collection("[|", list(value), "|]", column, depth)  # type: ignore[call-overload]
    if t is FzMap:
        pairs: list[object] = [tuple(pair) for pair in value.items()]  # type: ignore[attr-defined]
        return _collection("map [", pairs, "]", column, depth)
    if t is FzSet:
        return _collection("set [", value.values(), "]", column, depth)  # type: ignore[attr-defined]
    if t is dict:
        return _record(value, column, depth)  # type: ignore[arg-type]
    if t is FzSeq:
        return _lazy_seq(value, column, depth)  # type: ignore[arg-type]
    if t is FzLazy:
        if not value.forced or value.error is not None:  # type: ignore[attr-defined]
            return ["Value is not created."]
        return _layout(value.value, column, depth)  # type: ignore[attr-defined]
    if t is FzAsync:
        return [ASYNC_SHOWN]
    if t is FzStringBuilder:
        return [value.text()]  # type: ignore[attr-defined]
    if t is FzArray2D:  # F#: `[[1; 2]` and ` [3; 4]]`, a row a line
        grid: FzArray2D = value  # type: ignore[assignment]
        if not grid.rows:
            return ["[]"]
        lines: _Lines = []
        for index in range(min(grid.rows, PRINT_LENGTH)):
            row = _collection("[", grid.row(index), "]", column + 1, depth)
            lines.extend(row)
        lines[0] = "[" + lines[0]
        lines[1:] = [" " + line for line in lines[1:]]
        lines[-1] += "]"
        return lines
    if t is FzResizeArray:
        return _collection("seq [", list(value), "]", column, depth)  # type: ignore[call-overload]
    if t is FzHashSet or t is FzStack or t is FzQueue:
        return _collection("seq [", value.elements(), "]", column, depth)  # type: ignore[attr-defined]
    if t is FzDictionary:  # (each entry as .NET's KeyValuePair shows itself: [key, value])
        entries: list[object] = [
            _Entry(f"[{display(k)}, {display(v)}]")
            for k, v in value.pairs()  # type: ignore[attr-defined]
        ]
        return _collection("seq [", entries, "]", column, depth)
    if callable(value):
        return ["<fun>"]
    return [f"<{t.__name__}>"]


SEQ_SHOWN: Final = 4
"""Elements of a lazy sequence that ``%A`` shows before ``...``, as F# does."""


def _lazy_seq(sequence: FzSeq, column: int, depth: int) -> _Lines:
    """``seq [1; 2; 3; 4; ...]``: the first elements, enumerated now under the run's budget."""
    from fusabi_host.lang import lazyseq  # noqa: PLC0415  (lazyseq imports the values)

    head: list[object] = list(itertools.islice(lazyseq.enumerate_items(sequence), SEQ_SHOWN + 1))
    if len(head) > SEQ_SHOWN:
        head = [*head[:SEQ_SHOWN], _MORE]
    return _joined("seq [", head, "; ", "]", column, depth, fill=True)


def _cons_items(xs: object) -> list[object]:
    items: list[object] = []
    while type(xs) is list and len(items) <= PRINT_LENGTH:
        items.append(xs[0])
        xs = xs[1]
    return items


_MORE: Final = object()
"""Stands for the elements past :data:`PRINT_LENGTH` (shown as ``...``)."""


def _collection(open_: str, items: list[object], close: str, column: int, depth: int) -> _Lines:
    shown = items[:PRINT_LENGTH]
    if len(items) > PRINT_LENGTH:
        shown.append(_MORE)
    return _joined(open_, shown, "; ", close, column, depth, fill=True)


def _joined(
    open_: str, items: list[object], separator: str, close: str, column: int, depth: int, *,
    fill: bool,
) -> _Lines:  # fmt: skip
    """``open item; item close``, filled to the print width (breaking after a separator,
    the next line indented under the first item) when *fill*."""
    lines = [open_]
    indent = column + len(open_)
    for index, item in enumerate(items):
        last = index == len(items) - 1
        tail = close if last else separator.rstrip()
        at = column + len(lines[0]) if len(lines) == 1 else len(lines[-1])
        piece = _piece(item, at, depth)
        if fill and index and len(piece) == 1 and at + len(piece[0]) + len(tail) > PRINT_WIDTH:
            lines[-1] = lines[-1].rstrip()
            lines.append(" " * indent)
            piece = _piece(item, indent, depth)
        lines[-1] += piece[0]
        lines.extend(piece[1:])
        lines[-1] += close if last else separator
    if not items:
        lines[-1] += close
    return lines


class _Entry(str):
    """Text laid out as it is (a dictionary entry, already shown)."""

    __slots__ = ()


def _piece(item: object, column: int, depth: int) -> _Lines:
    if type(item) is _Entry:
        return [str.__str__(item)]
    return ["..."] if item is _MORE else _layout(item, column, depth + 1)


def _case(tag: Tag, fields: tuple[object, ...], column: int, depth: int) -> _Lines:
    """``Name``, ``Name field`` or ``Name (f1, f2)``."""
    if not fields:
        return [tag.name]
    prefix = tag.name + " "
    if len(fields) > 1:
        inner = _joined("(", list(fields), ", ", ")", column + len(prefix), depth, fill=False)
    else:
        only = fields[0]
        inner = _layout(only, column + len(prefix), depth + 1)
        if _needs_parentheses(only):
            inner = _wrap(inner)
    return [prefix + inner[0], *inner[1:]]


def _needs_parentheses(value: object) -> bool:
    """Does a union case's only field need parentheses (another case with fields)?"""
    return type(value) is tuple and len(value) > 1 and type(value[0]) is Tag


def _wrap(lines: _Lines) -> _Lines:
    out = ["(" + lines[0], *[" " + line for line in lines[1:]]]
    out[-1] += ")"
    return out


def _record(record: dict[str, object], column: int, depth: int) -> _Lines:
    """``{ A = 1`` / ``  B = 2 }``: one field a line, aligned under the first."""
    if not record:
        return ["{}"]
    lines: _Lines = []
    indent = column + 2
    for index, name in enumerate(record):
        prefix = ("{ " if index == 0 else " " * indent) + name + " = "
        start = column + len(prefix) if index == 0 else len(prefix)
        piece = _layout(record[name], start, depth + 1)
        lines.append(prefix + piece[0])
        lines.extend(piece[1:])
    lines[-1] += " }"
    return lines
