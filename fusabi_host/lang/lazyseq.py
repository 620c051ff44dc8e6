"""Enumerating lazy sequences (:class:`~fusabi_host.lang.values.FzSeq`) safely.

A ``seq { ... }`` compiles to a Python generator function.  Its ``yield x`` is a Python
``yield``; its ``yield! xs`` yields a :class:`Splice` marker, and a ``yield! xs`` in tail
position of the body *returns* a :class:`Tail` marker.  :func:`drive` flattens these with an
explicit stack instead of Python's ``yield from`` (a chain of ``yield from`` recurses in C):
a splice pushes the iterator of ``xs`` on the stack, a tail replaces the finished generator
by it, so ``let rec nat i = seq { yield i; yield! nat (i + 1) }`` runs in constant memory.

The run's limits hold while enumerating:

* every element that passes through a driver is charged to the run (:func:`guard.spend`
  every :data:`CHARGE_EVERY` elements), so an infinite sequence consumed by library code
  that calls no plugin function still meets the deadline and the fuel limit;
* the explicit stack is bounded by the run's ``max_depth`` (a non-tail recursive ``yield!``);
* enumerations nested *inside* other enumerations (``Seq.map f s`` pulling from ``s``, a
  ``for x in s`` in a seq body) recurse in C, one level per sequence: :data:`MAX_NESTING`
  bounds them, and passing it is the ``max_depth`` limit, not a crash;
* :func:`materialise` (``Seq.toList``, conversion to the host) checks the collection-size and
  memory limits as the result grows.
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable, Iterator
from typing import Any, Final, NoReturn

from fusabi_host.errors import LimitExceeded
from fusabi_host.lang import guard
from fusabi_host.lang.exceptions import fail
from fusabi_host.lang.mutables import (
    FzArray2D,
    FzDictionary,
    FzHashSet,
    FzQueue,
    FzResizeArray,
    FzStack,
)
from fusabi_host.lang.values import (
    NIL,
    Char,
    FzArray,
    FzMap,
    FzSeq,
    FzSet,
    iterate,
    type_name,
)

__all__ = [
    "MAX_NESTING",
    "Splice",
    "Tail",
    "check_source",
    "drive",
    "enumerate_items",
    "is_seq_source",
    "materialise",
    "of_factory",
    "of_generator",
    "of_items",
    "stack_limit",
    "too_deep",
]

MAX_NESTING: Final = 200
"""Enumerations that may run one inside another.  Each level resumes Python generators from C,
about 1 KiB of C stack on CPython 3.11: 200 levels fit, with room to spare, in a 512 KiB
thread stack (the smallest the security tests run plugin calls on), where 700 crash."""

CHARGE_EVERY: Final = 256
"""Elements a driver hands out between two charges to the run."""

BATCH: Final = 4096
"""Elements :func:`materialise` adds between two looks at the size and memory limits."""

_CELL_BYTES: Final = 72


class Splice:
    """``yield! source`` inside a ``seq { }`` body (not in tail position)."""

    __slots__ = ("source",)

    def __init__(self, source: object) -> None:
        self.source = source


class Tail:
    """``yield! source`` in tail position: the value a seq body's generator returns."""

    __slots__ = ("source",)

    def __init__(self, source: object) -> None:
        self.source = source


_MUTABLES: Final = (FzResizeArray, FzDictionary, FzHashSet, FzArray2D, FzStack, FzQueue)
"""The mutable .NET collections, which enumerate a copy of their elements."""


class _Nesting(threading.local):
    depth = 0


_NESTING = _Nesting()


def is_seq_source(value: object) -> bool:
    """Can *value* be enumerated as a ``seq`` (any Fusabi collection or a lazy sequence)?"""
    t = type(value)
    return value is NIL or t in (list, FzArray, FzSet, FzMap, str, FzSeq) or t in _MUTABLES


def check_source(value: object) -> None:
    """Refuse a value that is not a sequence *now* (lazy functions would only find out when
    their result is enumerated)."""
    if not is_seq_source(value):
        fail("ArgumentException", f"a {type_name(value)} value is not a sequence")


def raw_iterator(source: object) -> Iterator[Any]:
    """One step of enumerating *source*: a plain iterator for a collection, the raw iterator
    (which may produce markers) of a lazy sequence."""
    t = type(source)
    if t is FzSeq:
        return source.raw()  # type: ignore[attr-defined, no-any-return]
    if t is list or source is NIL:
        return iterate(source)
    if t is FzArray:
        return iter(list(source))  # type: ignore[call-overload]
    if t is FzSet:
        return iter(source.values())  # type: ignore[attr-defined]
    if t is FzMap:
        return iter(source.items())  # type: ignore[attr-defined]
    if t is str:
        return (Char(c) for c in source)  # type: ignore[attr-defined]
    if t is FzResizeArray:
        return iter(list(source))  # type: ignore[call-overload]
    if t is FzDictionary:
        return iter(source.pairs())  # type: ignore[attr-defined]
    if t is FzHashSet:
        return iter(source.elements())  # type: ignore[attr-defined]
    if t is FzArray2D:
        return iter(list(source.cells))  # type: ignore[attr-defined]
    if t is FzStack or t is FzQueue:
        return iter(source.elements())  # type: ignore[attr-defined]
    fail("ArgumentException", f"a {type_name(source)} value is not a sequence")


def too_deep(what: str) -> NoReturn:
    """Nesting or an explicit stack past the run's depth budget: the ``max_depth`` limit."""
    current = guard.current_guard()
    if current is None:
        raise LimitExceeded(f"{what} nested too deeply", limit="max_depth")
    current.trip("max_depth")
    current.raise_tripped()
    raise AssertionError("unreachable")  # pragma: no cover


def stack_limit() -> int:
    """The run's ``max_depth``: how many frames an explicit stack (``yield!``, an async
    workflow's continuations) may hold."""
    current = guard.current_guard()
    if current is None or current.max_depth is None:
        return 1 << 62
    return current.max_depth


def drive(first: Iterator[Any]) -> Iterator[Any]:
    """The elements of a raw iterator, with its splices and tails flattened (see the module
    docstring)."""
    stack = [first]
    limit = stack_limit()
    nesting = _NESTING
    count = 0
    while stack:
        top = stack[-1]
        if nesting.depth >= MAX_NESTING:
            too_deep("sequence enumerations")
        nesting.depth += 1
        try:
            item = next(top)
        except StopIteration as stop:
            stack.pop()
            tail = stop.value
            if type(tail) is Tail:
                stack.append(raw_iterator(tail.source))
            continue
        finally:
            nesting.depth -= 1
        if type(item) is Splice:
            if len(stack) >= limit:
                too_deep("'yield!' of sequences")
            stack.append(raw_iterator(item.source))
            continue
        count += 1
        if count >= CHARGE_EVERY:
            count = 0
            guard.spend(CHARGE_EVERY)
        yield item


def enumerate_items(source: object) -> Iterator[Any]:
    """Iterate any sequence value: a collection directly, a lazy sequence through
    :func:`drive`."""
    if type(source) is FzSeq:
        return drive(source.raw())
    return raw_iterator(source)


def materialise(source: object, kind: str = "sequence", item_bytes: int = _CELL_BYTES) -> list[Any]:
    """All elements of *source* as a Python list, checking the run's collection-size and
    memory limits every :data:`BATCH` elements (an infinite sequence ends in
    :class:`LimitExceeded`, never in an out-of-memory host)."""
    if type(source) is not FzSeq:
        items = list(raw_iterator(source))
        guard.reserve_items(len(items), kind, item_bytes)
        return items
    out: list[Any] = []
    iterator = enumerate_items(source)
    while True:
        batch = list(itertools.islice(iterator, BATCH))
        out += batch
        guard.reserve_items(len(out), kind, item_bytes)
        if len(batch) < BATCH:
            return out
        guard.spend(BATCH)


def of_factory(factory: Callable[[], Iterator[Any]]) -> FzSeq:
    """A lazy sequence whose every enumeration runs ``factory()``."""
    return FzSeq(factory)


def of_generator(body: Callable[[Any], Iterator[Any]]) -> FzSeq:
    """The lazy sequence of a compiled ``seq { }`` body (a generator function of ``()``)."""
    return FzSeq(lambda: body(None))


def of_items(items: list[Any]) -> FzSeq:
    """A lazy sequence over elements already computed (``Seq.cache``'s buffer, the eager
    ``seq { }`` of bytecode)."""
    return FzSeq(lambda: iter(items))
