"""Does a Fusabi value fit a type?  The check for values that go from plugin code to plugin
code without becoming Python values on the way (the state a reload hands from one version
to the next, :mod:`fusabi_host.handoff`), so that typed code never receives a value of
another shape than its type promises.

:func:`misfit` walks the value along its shape (:mod:`fusabi_host.lang.shapes`), charging
one node of the run's budget per container, and says what does not fit and where.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any, Final

from fusabi_host.lang import lazyseq
from fusabi_host.lang import values as V
from fusabi_host.lang.guard import spend
from fusabi_host.lang.shapes import MAX_SHAPE_DEPTH, Shape, describe, record_fields, union_cases
from fusabi_host.lang.values import NIL, Char, FzArray, FzMap, FzSet, Tag

__all__ = ["misfit"]

_PRIMITIVES: Final[dict[str, type]] = {
    "int": int,
    "float": float,
    "decimal": Decimal,
    "bool": bool,
    "string": str,
    "char": Char,
}


class _Misfit(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
        self.path: list[str] = []


def misfit(value: object, shape: Shape) -> str | None:
    """Why Fusabi *value* is not a value of *shape* (``".Name: missing"``, with the path
    inside the value), or ``None`` when it fits."""
    try:
        _check(value, shape, 0)
    except _Misfit as wrong:
        where = "".join(reversed(wrong.path)).lstrip(".")
        return f"{where}: {wrong.message}" if where else wrong.message
    except RecursionError:
        return "the value is nested too deeply to check"
    return None


def _kind(value: object) -> str:
    return V.type_name(value)


def _check(value: Any, shape: Shape, depth: int) -> None:
    kind = shape[0]
    if kind == "any" or depth > MAX_SHAPE_DEPTH:
        return
    expected = _PRIMITIVES.get(kind)
    if expected is not None:
        if type(value) is not expected:
            raise _Misfit(f"expected {kind}, got {_kind(value)}")
        return
    if kind == "unit":
        if value is not None:
            raise _Misfit(f"expected unit, got {_kind(value)}")
        return
    spend(1)
    t = type(value)
    if kind == "seq":  # any collection, or a lazy sequence (not enumerated: it may be endless)
        if not lazyseq.is_seq_source(value):
            raise _Misfit(f"expected {describe(shape)}, got {_kind(value)}")
        if t is not V.FzSeq:
            _each(lazyseq.raw_iterator(value), shape[1], depth)
    elif kind == "list":
        if t is not list and value is not NIL:
            raise _Misfit(f"expected {describe(shape)}, got {_kind(value)}")
        _each(V.to_pylist(value), shape[1], depth)
    elif kind == "array":
        if t is not FzArray:
            raise _Misfit(f"expected {describe(shape)}, got {_kind(value)}")
        _each(value, shape[1], depth)
    elif kind == "set":
        if t is not FzSet:
            raise _Misfit(f"expected {describe(shape)}, got {_kind(value)}")
        _each(value.values(), shape[1], depth)
    elif kind == "map":
        if t is not FzMap:
            raise _Misfit(f"expected {describe(shape)}, got {_kind(value)}")
        for key, item in value.items():
            _at(f"[{V.type_name(key)} key]", key, shape[1], depth)
            _at(f"[{key!r:.30}]", item, shape[2], depth)
    elif kind == "tuple":
        items = shape[1]
        if t is not tuple or len(value) != len(items) or (value and type(value[0]) is Tag):
            raise _Misfit(f"expected {describe(shape)}, got {_kind(value)}")
        for index, (item, sub) in enumerate(zip(value, items, strict=True)):
            _at(f"[{index}]", item, sub, depth)
    elif kind in ("option", "union"):
        _case(value, shape, depth)
    elif kind == "record":
        _record(value, shape, depth)
    elif kind == "fun" and not callable(value):
        raise _Misfit(f"expected a function ({describe(shape)}), got {_kind(value)}")


def _at(place: str, value: object, shape: Shape, depth: int) -> None:
    try:
        _check(value, shape, depth + 1)
    except _Misfit as wrong:
        wrong.path.append(place)
        raise


def _each(items: Iterable[Any], elem: Shape, depth: int) -> None:
    for index, item in enumerate(items):
        _at(f"[{index}]", item, elem, depth)


def _case(value: Any, shape: Shape, depth: int) -> None:
    if type(value) is not tuple or not value or type(value[0]) is not Tag:
        raise _Misfit(f"expected {describe(shape)}, got {_kind(value)}")
    tag: Tag = value[0]
    if shape[0] == "option":
        cases = {V.NONE_TAG.name: (V.NONE_TAG, []), V.SOME_TAG.name: (V.SOME_TAG, [shape[1]])}
    else:
        cases = union_cases(shape)
    found = cases.get(tag.name)
    if found is None or found[0] is not tag or len(found[1]) != len(value) - 1:
        raise _Misfit(f"{tag.name} is not a case of {describe(shape)}")
    for index, (field, sub) in enumerate(zip(value[1:], found[1], strict=True)):
        _at(f".{tag.name}[{index}]", field, sub, depth)


def _record(value: Any, shape: Shape, depth: int) -> None:
    decl = shape[1]
    if type(value) is not dict:
        raise _Misfit(f"expected the record {decl.name}, got {_kind(value)}")
    fields = record_fields(shape)
    names = [name for name, _ in fields]
    missing = [name for name in names if name not in value]
    extra = [key for key in value if key not in names]
    if missing or extra:
        problems = []
        if missing:
            problems.append("no field " + ", ".join(repr(m) for m in missing))
        if extra:
            problems.append("the field " + ", ".join(repr(e) for e in extra) + " is not declared")
        raise _Misfit(f"{'; '.join(problems)} (record {decl.name} has {'; '.join(names)})")
    for name, sub in fields:
        _at(f".{name}", value[name], sub, depth)
