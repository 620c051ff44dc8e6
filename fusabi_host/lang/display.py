"""The Display format of Fusabi values (spec section 3.12).

Display is what ``print``, ``printfn``, ``%s``/``%A``/``%O`` and the host's ``run`` show:

* ints in decimal; floats like Rust's ``{}`` (shortest round-trip digits, never exponent
  notation, integral values without ``.0``; ``NaN``, ``inf``, ``-inf``, ``-0``);
* ``true``/``false``; strings and chars raw (no quotes, also inside containers); unit ``()``;
* tuples ``(a, b)`` (a 1-tuple ``(42)``); lists ``[1; 2; 3]``; an improper cons cell (its
  tail is not a list) ``Cons(h, t)``; arrays ``[|1; 2|]``; records ``{ a = 1; b = x }`` with
  the fields sorted by name (empty ``{  }``); maps ``Map [a -> 1; b -> 2]`` (empty ``Map []``);
  sets ``set [1; 2]``;
* union values and exception values ``Name`` or ``Name(f1, f2)`` (type name not shown);
* library functions used as values ``<native fn List.map>`` (the Python function has
  ``__fz_native__``), other functions ``<closure>``, or ``<closure NAME>`` when the Python
  function has ``__fz_name__``.

Deliberate deviation from upstream: sets do not exist upstream and show F#-style.

Display never recurses in Python: containers are walked with an explicit stack of iterators, so
a list of millions of elements or a value nested thousands deep is displayed in constant Python
stack.  Lists, arrays and sets whose elements are all scalars take a fast path.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any, Final

from fusabi_host.lang import decimals
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

__all__ = ["display", "format_float"]


def format_float(x: float) -> str:
    """A float as Rust's ``{}`` shows it: shortest round-trip digits without exponent."""
    if math.isnan(x):
        return "NaN"
    if x == _INF:
        return "inf"
    if x == -_INF:
        return "-inf"
    text = repr(x)
    if "e" not in text:
        return text[:-2] if text.endswith(".0") else text
    mantissa, _, exponent_text = text.partition("e")
    sign = ""
    if mantissa[0] == "-":
        sign = "-"
        mantissa = mantissa[1:]
    whole, _, fraction = mantissa.partition(".")
    digits = (whole + fraction).rstrip("0") or "0"
    point = len(whole) + int(exponent_text)  # digits before the decimal point
    if point <= 0:
        return f"{sign}0.{'0' * -point}{digits}"
    if point >= len(digits):
        return sign + digits + "0" * (point - len(digits))
    return f"{sign}{digits[:point]}.{digits[point:]}"


_INF: Final = float("inf")


def _show_str(value: str) -> str:
    return value


def _show_char(value: Char) -> str:
    return str.__str__(value)


def _show_bool(value: bool) -> str:
    return "true" if value else "false"


def _show_unit(_value: None) -> str:
    return "()"


_SCALARS: Final[dict[type, Callable[[Any], str]]] = {
    str: _show_str,
    int: int.__repr__,
    float: format_float,
    Decimal: decimals.to_string,
    bool: _show_bool,
    Char: _show_char,
    type(None): _show_unit,
}


class _Lit(str):
    """Literal punctuation produced while walking a container (never a Fusabi value)."""

    __slots__ = ()


_SEMI: Final = _Lit("; ")
_COMMA: Final = _Lit(", ")
_CLOSE_PAREN: Final = _Lit(")")
_CLOSE_BRACKET: Final = _Lit("]")
_CLOSE_ARRAY: Final = _Lit("|]")
_CLOSE_RECORD: Final = _Lit(" }")
_ARROW: Final = _Lit(" -> ")


_BUDGET_STEP: Final = 1024
"""Parts emitted between two charges to the current run's node budget."""


def display(value: object) -> str:
    """The Display text of a Fusabi value."""
    show = _SCALARS.get(type(value))
    if show is not None:
        return show(value)
    parts: list[str] = []
    _walk(value, parts)
    return "".join(parts)


def _walk(value: object, parts: list[str]) -> None:
    """Append the Display of *value* to *parts*, iteratively."""
    append = parts.append
    scalars = _SCALARS
    stack: list[Iterator[object]] = [iter((value,))]
    visited = 0
    while stack:
        for item in stack[-1]:
            visited += 1
            if visited >= _BUDGET_STEP:  # a node budget: deadline, fuel and memory apply
                visited = 0
                spend(_BUDGET_STEP)
            show = scalars.get(type(item))
            if show is not None:
                append(show(item))
                continue
            if type(item) is _Lit:
                append(item)
                continue
            expanded = _expand(item)
            if type(expanded) is str:
                append(expanded)
                continue
            stack.append(expanded)  # type: ignore[arg-type]
            break
        else:
            stack.pop()


def _expand(value: object) -> str | Iterator[object]:
    """Either the whole text of *value* (leaves, all-scalar containers) or an iterator over
    its parts: child values and :class:`_Lit` punctuation."""
    t = type(value)
    if t is tuple:
        items: tuple[Any, ...] = value  # type: ignore[assignment]
        if items and type(items[0]) is Tag:
            name: str = items[0].name
            if len(items) == 1:
                return name
            return _sequence(name + "(", items[1:], _COMMA, _CLOSE_PAREN)
        if not items:
            return "()"
        return _sequence("(", items, _COMMA, _CLOSE_PAREN)
    if t is list:
        return _cons(value)
    if value is NIL:
        return "[]"
    if t is dict:
        return _record(value)  # type: ignore[arg-type]
    if t is FzArray:
        return _sequence("[|", value, _SEMI, _CLOSE_ARRAY)
    if t is FzMap:
        return _map(value)  # type: ignore[arg-type]
    if t is FzSet:
        return _sequence("set [", value.values(), _SEMI, _CLOSE_BRACKET)  # type: ignore[attr-defined]
    if t is FzSeq:
        return _lazy_seq(value)  # type: ignore[arg-type]
    if t is FzLazy:
        return _lazy_value(value)  # type: ignore[arg-type]
    if t is FzAsync:
        return ASYNC_SHOWN
    if t is FzStringBuilder:
        return value.text()  # type: ignore[attr-defined, no-any-return]
    if t is FzArray2D:  # (as F#'s %A shows it; .NET's ToString only names the type)
        from fusabi_host.lang.structured import structured  # noqa: PLC0415

        return structured(value)
    if t is FzResizeArray:
        return _sequence("seq [", list(value), _SEMI, _CLOSE_BRACKET)  # type: ignore[call-overload]
    if t is FzHashSet or t is FzStack or t is FzQueue:
        return _sequence("seq [", value.elements(), _SEMI, _CLOSE_BRACKET)  # type: ignore[attr-defined]
    if t is FzDictionary:
        return _sequence("seq [", value.pairs(), _SEMI, _CLOSE_BRACKET)  # type: ignore[attr-defined]
    if callable(value):
        native = getattr(value, "__fz_native__", None)
        if isinstance(native, str) and native:
            return f"<native fn {native}>"
        fz_name = getattr(value, "__fz_name__", None)
        return f"<closure {fz_name}>" if isinstance(fz_name, str) and fz_name else "<closure>"
    return f"<host object: {t.__name__}>"


ASYNC_SHOWN: Final = "<async>"
"""How an async workflow shows (it has no value until it runs; .NET shows its type name)."""


def _scalar_join(items: Any, separator: str) -> str | None:
    """The items (a sequence) joined when every one is a scalar, else ``None``."""
    scalars = _SCALARS
    kinds = set(map(type, items))
    if len(kinds) == 1:
        kind = kinds.pop()
        if kind is str:
            return separator.join(items)
        show_all = scalars.get(kind)
        return None if show_all is None else separator.join(map(show_all, items))
    out: list[str] = []
    append = out.append
    for item in items:
        show = scalars.get(type(item))
        if show is None:
            return None
        append(show(item))
    return separator.join(out)


def _sequence(open_: str, items: Any, separator: _Lit, close: _Lit) -> str | Iterator[object]:
    joined = _scalar_join(items, separator)
    if joined is not None:
        return open_ + joined + close
    return _interleave(open_, items, separator, close)


def _interleave(open_: str, items: Any, separator: _Lit, close: _Lit) -> Iterator[object]:
    yield _Lit(open_)
    first = True
    for item in items:
        if first:
            first = False
        else:
            yield separator
        yield item
    yield close


def _cons(cell: Any) -> str | Iterator[object]:
    items: list[object] = []
    append = items.append
    xs = cell
    while type(xs) is list:
        append(xs[0])
        xs = xs[1]
    if xs is NIL:
        return _sequence("[", items, _SEMI, _CLOSE_BRACKET)
    return _improper(items, xs)


def _improper(heads: list[object], tail: object) -> Iterator[object]:
    """``Cons(h1, Cons(h2, t))`` for cells whose final tail is not the empty list."""
    opener = _Lit("Cons(")
    for head in heads:
        yield opener
        yield head
        yield _COMMA
    yield tail
    yield _Lit(")" * len(heads))


def _record(record: dict[str, object]) -> Iterator[object]:
    yield _Lit("{ ")
    first = True
    for name in sorted(record):
        if first:
            first = False
        else:
            yield _SEMI
        yield _Lit(name + " = ")
        yield record[name]
    yield _CLOSE_RECORD


def _map(mapping: FzMap) -> str | Iterator[object]:
    entries = mapping.items()
    if not entries:
        return "Map []"
    return _map_entries(entries)


def _map_entries(entries: list[tuple[object, object]]) -> Iterator[object]:
    yield _Lit("Map [")
    first = True
    for key, item in entries:
        if first:
            first = False
        else:
            yield _SEMI
        yield key
        yield _ARROW
        yield item
    yield _CLOSE_BRACKET


SEQ_SHOWN: Final = 4
"""Elements of a lazy sequence that Display shows before ``...`` (as F#'s ``%A``)."""


def _lazy_seq(sequence: FzSeq) -> str | Iterator[object]:
    """``seq [1; 2; 3; 4; ...]``: the first elements only, enumerated now (under the run's
    budget: the driver charges every element), as F# shows a sequence."""
    from fusabi_host.lang import lazyseq  # noqa: PLC0415  (lazyseq imports the values)

    head = list(itertools.islice(lazyseq.enumerate_items(sequence), SEQ_SHOWN + 1))
    if len(head) <= SEQ_SHOWN:
        return _sequence("seq [", head, _SEMI, _CLOSE_BRACKET)
    return _sequence("seq [", head[:SEQ_SHOWN], _SEMI, _MORE)


def _lazy_value(value: FzLazy) -> str | Iterator[object]:
    """A ``Lazy<'a>`` shows its value once forced, as F#'s ``ToString``."""
    if not value.forced or value.error is not None:
        return "Value is not created."
    return iter((value.value,))


_MORE: Final = _Lit("; ...]")
