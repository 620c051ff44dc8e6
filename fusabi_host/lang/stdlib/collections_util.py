"""Helpers shared by the collection modules (``List``, ``Array``, ``Seq``, ``Map``, ``Set``).

The collection modules convert their input to a Python list, run one of the kernels below and
convert the result back to the collection they return, so List, Array and Seq share one
implementation of sorting, grouping, summing, windowing and the F# error messages.

Kernels take Python lists, return Python lists or values, and never recurse per element.
Errors are Fusabi exceptions raised with :func:`~fusabi_host.lang.exceptions.fail`; the
Python ``TypeError`` that :mod:`~fusabi_host.lang.values` raises for values that cannot be
compared or hashed (functions; arrays as hash keys) never escapes from here.

Two rules hold for every library function built on these helpers:

* **Plugin callbacks run only from Python frames.**  A Fusabi function value passed to the
  library is called from a plain loop or a list comprehension, never from inside a C function
  (``list.sort(key=...)``, ``sorted``, ``min``/``max(key=...)``, ``map``/``filter``,
  ``functools.reduce``, ``any``/``all``/``sum``/``join`` over a generator): a call through C
  takes C stack, and recursion through such a callback would overflow it (a segfault) long
  before the depth limit.  :func:`sort_with` is therefore a merge sort written in Python;
  :func:`sort_items` computes the keys in a Python loop and lets C sort only the keys, with
  library code (:func:`~fusabi_host.lang.values.compare`) as the comparison.
* **Sizes are checked before allocating.**  :func:`reserve` (and :func:`fz_list`,
  :func:`fz_array`, :class:`Growth`) refuse a result that would pass the run's
  ``max_collection_size`` or memory limit (:mod:`fusabi_host.lang.guard`), estimating its
  bytes from the representation (a cons cell is 72 bytes, an array slot 8, a tuple 64...).
"""

from __future__ import annotations

import functools
import itertools
import math
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any, Final, NoReturn

from fusabi_host.lang import decimals, guard, lazyseq
from fusabi_host.lang.exceptions import fail
from fusabi_host.lang.values import (
    NIL,
    NONE,
    SOME_TAG,
    Char,
    FzArray,
    FzMap,
    FzSeq,
    FzSet,
    Tag,
    compare,
    equals,
    from_iterable,
    key_of,
    to_pylist,
    type_name,
)

__all__ = [
    "BATCH",
    "CELL_BYTES",
    "CHAR_BYTES",
    "SLOT_BYTES",
    "STR_BYTES",
    "TUPLE_BYTES",
    "Fn",
    "Growth",
    "KeyIndex",
    "average",
    "compare_values",
    "count_by",
    "distinct_by",
    "each",
    "each2",
    "each3",
    "each_index",
    "each_indexed",
    "each_indexed2",
    "fz_array",
    "fz_list",
    "group_by",
    "items_of",
    "reserve",
    "reserve_nested",
    "sort_items",
    "sort_with",
    "sum_values",
    "wrap_int",
]

Fn = Callable[[Any], Any]
"""A Fusabi function value: a curried callable of one argument."""

_OFFSET: Final = 1 << 63
_MODULUS: Final = 1 << 64
_INT_MIN: Final = -(1 << 63)
_INT_MAX: Final = (1 << 63) - 1


def wrap_int(n: int) -> int:
    """*n* wrapped into the signed 64-bit range, as F# integer arithmetic wraps."""
    if _INT_MIN <= n <= _INT_MAX:
        return n
    return ((n + _OFFSET) % _MODULUS) - _OFFSET


# --------------------------------------------------------------------------- sizes

CELL_BYTES: Final = 72
"""Bytes of one cons cell (a two-item Python list): one element of a Fusabi list."""
SLOT_BYTES: Final = 8
"""Bytes of one slot of an array or Python list (a pointer)."""
TUPLE_BYTES: Final = 64
"""Bytes of a new pair or triple (``zip``, ``indexed``, ``allPairs``...)."""
CHAR_BYTES: Final = 98
"""Bytes of one :class:`~fusabi_host.lang.values.Char` object."""
STR_BYTES: Final = 56
"""Bytes of a new (short) string object, without its text."""
BATCH: Final = 4096
"""Elements a growing result may gain between two looks at the run's limits."""

_ELEMENT_BYTES: Final = {
    "list": CELL_BYTES,
    "sequence": CELL_BYTES,
    "array": SLOT_BYTES,
    "map": 104,  # a dict entry (hash, key, value; 2/3 full) and the (key, value) tuple
    "set": 48,  # a dict entry
}


def element_bytes(kind: str, extra: int = 0) -> int:
    """The bytes :func:`reserve` counts for one element of a *kind* costing *extra* bytes
    besides its slot or cell: for a caller on a hot path, which works it out once and
    reserves through :func:`fusabi_host.lang.guard.reserve_items` itself."""
    return _ELEMENT_BYTES.get(kind, SLOT_BYTES) + extra


def reserve(kind: str, count: int, extra: int = 0) -> None:
    """Refuse to build a *kind* (``"list"``, ``"sequence"``, ``"array"``, ``"map"``, ``"set"``)
    of *count* elements, each costing *extra* bytes besides its own slot or cell (a new tuple,
    a new array...), when it would pass the run's ``max_collection_size`` or memory limit.
    Call it *before* allocating; outside a run it does nothing."""
    guard.reserve_items(count, kind, _ELEMENT_BYTES.get(kind, SLOT_BYTES) + extra)


def reserve_nested(kind: str, total: int, rows: int, row_bytes: int, item_bytes: int) -> None:
    """Refuse a *kind* of *rows* inner collections holding *total* elements in all (each
    inner collection costing *row_bytes*, each element *item_bytes*): ``windowed``,
    ``chunkBySize``, ``transpose``, ``groupBy``.  The collection-size limit applies to the
    elements, the memory limit to all of it."""
    count = max(total, rows)
    if count:
        per_item = item_bytes + -(-row_bytes * rows // count)
        guard.reserve_items(count, kind, per_item)


def fz_list(items: list[Any], kind: str = "list", extra: int = 0) -> Any:
    """The Fusabi list of *items*, after :func:`reserve` for its cells."""
    guard.reserve_items(len(items), kind, CELL_BYTES + extra)
    return from_iterable(items)


def fz_array(items: Iterable[Any], extra: int = 0) -> FzArray:
    """A new array of *items* (a list or tuple: its length is checked first)."""
    if isinstance(items, list | tuple):
        guard.reserve_items(len(items), "array", SLOT_BYTES + extra)
    return FzArray(items)


# --------------------------------------------------------------------------- callback loops
# A callback's results are kept (map, init...): every BATCH calls the work is charged to the
# run, which also looks at its deadline and memory flag -- a callback that is a library
# function (``string``, ``String.replicate 100``) never polls the run's limits itself.  The
# callbacks run in list comprehensions (Python frames), never under a C function.


def each(fn: Fn, items: list[Any]) -> list[Any]:
    """``[fn(x) for x in items]``.

    A comprehension, never ``map(fn, ...)``: ``map`` calls *fn* from C, so a callback that
    recurses through ``Array.map`` would take C stack at every level and could crash the host
    (``tests/security/test_stdlib_bounds.py``)."""
    n = len(items)
    if n <= BATCH:
        return [fn(x) for x in items]
    out: list[Any] = []
    for start in range(0, n, BATCH):
        out += [fn(x) for x in items[start : start + BATCH]]
        guard.spend(BATCH)
    return out


def each_indexed(fn: Fn, items: list[Any]) -> list[Any]:
    """``[fn(i)(x) for i, x in enumerate(items)]``."""
    n = len(items)
    if n <= BATCH:
        return [fn(i)(x) for i, x in enumerate(items)]
    out: list[Any] = []
    for start in range(0, n, BATCH):
        out += [fn(i)(items[i]) for i in range(start, min(start + BATCH, n))]
        guard.spend(BATCH)
    return out


def each_index(fn: Fn, count: int) -> list[Any]:
    """``[fn(i) for i in range(count)]``."""
    if count <= BATCH:
        return [fn(i) for i in range(count)]
    out: list[Any] = []
    for start in range(0, count, BATCH):
        out += [fn(i) for i in range(start, min(start + BATCH, count))]
        guard.spend(BATCH)
    return out


def each2(fn: Fn, first: list[Any], second: list[Any]) -> list[Any]:
    """``[fn(a)(b) for a, b in zip(first, second)]`` (up to the shorter one)."""
    n = min(len(first), len(second))
    if n <= BATCH:
        return [fn(first[i])(second[i]) for i in range(n)]
    out: list[Any] = []
    for start in range(0, n, BATCH):
        out += [fn(first[i])(second[i]) for i in range(start, min(start + BATCH, n))]
        guard.spend(BATCH)
    return out


def each3(fn: Fn, first: list[Any], second: list[Any], third: list[Any]) -> list[Any]:
    """``[fn(a)(b)(c) for a, b, c in zip(first, second, third)]``."""
    n = min(len(first), len(second), len(third))
    if n <= BATCH:
        return [fn(first[i])(second[i])(third[i]) for i in range(n)]
    out: list[Any] = []
    for start in range(0, n, BATCH):
        end = min(start + BATCH, n)
        out += [fn(first[i])(second[i])(third[i]) for i in range(start, end)]
        guard.spend(BATCH)
    return out


def each_indexed2(fn: Fn, first: list[Any], second: list[Any]) -> list[Any]:
    """``[fn(i)(a)(b) for i, (a, b) in enumerate(zip(first, second))]``."""
    n = min(len(first), len(second))
    if n <= BATCH:
        return [fn(i)(first[i])(second[i]) for i in range(n)]
    out: list[Any] = []
    for start in range(0, n, BATCH):
        out += [fn(i)(first[i])(second[i]) for i in range(start, min(start + BATCH, n))]
        guard.spend(BATCH)
    return out


class Growth:
    """The size of a result built from pieces whose sizes are not known in advance
    (``collect``, ``concat``, ``String.collect``...).

    Call :meth:`add` with the size of each piece *before* adding it: every :data:`BATCH`
    elements (and at once for a large piece) it charges the work to the run and checks the
    total against the limits, so deadline, fuel and memory hold inside the library loop too.
    """

    __slots__ = ("checked", "count", "element_bytes", "kind")

    def __init__(self, kind: str, element_bytes: int | None = None) -> None:
        self.kind = kind
        self.element_bytes = (
            _ELEMENT_BYTES.get(kind, SLOT_BYTES) if element_bytes is None else element_bytes
        )
        self.count = 0
        self.checked = 0

    def add(self, size: int) -> None:
        count = self.count + size
        self.count = count
        if count - self.checked >= BATCH:
            guard.spend(count - self.checked)
            self.checked = count
            guard.reserve_items(count, self.kind, self.element_bytes)

    def done(self) -> None:
        """Check the final total (a result just under one batch is checked here)."""
        if self.count != self.checked:
            self.checked = self.count
            guard.reserve_items(self.count, self.kind, self.element_bytes)


# --------------------------------------------------------------------------- errors
# The F# (FSharp.Core) messages; ``kind`` is "list", "array" or "sequence".


def empty_input(kind: str) -> NoReturn:
    fail("ArgumentException", f"The input {kind} was empty.")


def not_enough(kind: str) -> NoReturn:
    fail("InvalidOperationException", f"The input {kind} has an insufficient number of elements.")


def too_long(kind: str) -> NoReturn:
    fail("ArgumentException", f"The input {kind} contains more than one element.")


def must_be_non_negative() -> NoReturn:
    fail("ArgumentException", "The input must be non-negative.")


def must_be_positive() -> NoReturn:
    fail("ArgumentException", "The input must be positive.")


def out_of_range() -> NoReturn:
    fail("ArgumentException", "The index is outside the legal range.")


def different_lengths(kind: str) -> NoReturn:
    plural = {"list": "lists", "array": "arrays"}.get(kind, "sequences")
    fail("ArgumentException", f"The {plural} had different lengths.")


def index_outside(kind: str) -> NoReturn:
    fail("ArgumentException", f"The index was outside the range of elements in the {kind}.")


def not_found() -> NoReturn:
    fail(
        "KeyNotFoundException",
        "An index satisfying the predicate was not found in the collection.",
    )


def check_count(count: int) -> None:
    """Refuse a negative element count (``List.init``, ``List.take``...)."""
    if count < 0:
        must_be_non_negative()


# --------------------------------------------------------------------------- conversion


def items_of(collection: Any) -> list[Any]:
    """The elements of any Fusabi collection as a new Python list, in the order F# enumerates
    them: lists and arrays in order, sets ascending, maps as ``(key, value)`` tuples in key
    order, strings as their chars."""
    t = type(collection)
    if t is list or collection is NIL:
        return to_pylist(collection)
    if t is FzArray:
        return list(collection)
    if t is FzSet:
        return list(collection.values())
    if t is FzMap:
        return list(collection.items())
    if t is str:
        guard.reserve_items(len(collection), "sequence", CHAR_BYTES + SLOT_BYTES)
        return [Char(c) for c in collection]
    if t is FzSeq:  # a lazy sequence: enumerated now, its size checked as it grows
        return lazyseq.materialise(collection, "sequence", SLOT_BYTES)
    if lazyseq.is_seq_source(collection):  # a mutable .NET collection: a copy of it
        return list(lazyseq.raw_iterator(collection))
    fail("ArgumentException", f"a {type_name(collection)} value is not a sequence")


def is_some(option: Any) -> bool:
    """Is *option* ``Some _``?"""
    return option[0] is SOME_TAG


# --------------------------------------------------------------------------- comparison


def compare_values(a: Any, b: Any) -> int:
    """Structural comparison (F# ``compare``) that fails as a Fusabi exception, never a Python
    ``TypeError``, on values that cannot be compared (functions)."""
    try:
        return compare(a, b)
    except TypeError as error:
        fail("ArgumentException", f"Failure during generic comparison: {error}")


def greater(a: Any, b: Any) -> bool:
    """F#'s ``a > b``: IEEE for floats (NaN compares false), structural otherwise."""
    ta, tb = type(a), type(b)
    if ((ta is int or ta is float) and (tb is int or tb is float)) or (ta is str and tb is str):
        return a > b  # type: ignore[no-any-return]
    return compare_values(a, b) > 0


def less(a: Any, b: Any) -> bool:
    """F#'s ``a < b``: IEEE for floats (NaN compares false), structural otherwise."""
    ta, tb = type(a), type(b)
    if ((ta is int or ta is float) and (tb is int or tb is float)) or (ta is str and tb is str):
        return a < b  # type: ignore[no-any-return]
    return compare_values(a, b) < 0


def _natively_ordered(keys: list[Any], *, depth: int = 0) -> bool:
    """Can Python's own ``<`` order *keys* exactly as :func:`compare` does?

    True for keys of one scalar kind (ints and floats without NaN; strings; chars; bools) and
    for tuples and union values whose items, position by position, are such keys: Python
    compares tuples item by item and then by length, as ``compare`` does, and tags order the
    same way in both.
    """
    kinds = {type(k) for k in keys}
    if kinds == {int}:
        return True
    if kinds == {float}:
        return not any(math.isnan(k) for k in keys)
    if len(kinds) != 1:  # (ints and floats do not compare: no implicit conversion)
        return False
    kind = kinds.pop()
    if kind is tuple:
        if depth >= _MAX_NATIVE_DEPTH:
            return False
        width = max(len(k) for k in keys)
        columns = ([k[i] for k in keys if len(k) > i] for i in range(width))
        return all(_natively_ordered(column, depth=depth + 1) for column in columns)
    # Units are all equal: Python never orders two of them inside tuples, but would at the top.
    return kind in _NATIVE_KINDS or (depth > 0 and kind is type(None))


_NATIVE_KINDS: Final = frozenset({str, Char, bool, Tag})
_MAX_NATIVE_DEPTH: Final = 8


def sort_items(items: list[Any], key: Fn | None = None, *, descending: bool = False) -> list[Any]:
    """A new list of *items* in the structural order of ``key(item)`` (of the items themselves
    without *key*).  The sort is stable, descending too: equal elements keep their order."""
    keys = items if key is None else each(key, items)
    order = list(range(len(items)))
    if _natively_ordered(keys):
        key_at: Callable[[int], Any] = keys.__getitem__
        order.sort(key=key_at, reverse=descending)
    else:

        def compare_at(i: int, j: int) -> int:
            return compare_values(keys[i], keys[j])

        order.sort(key=functools.cmp_to_key(compare_at), reverse=descending)
    return [items[i] for i in order]


def sort_with(items: list[Any], comparer: Fn) -> list[Any]:
    """A new list of *items* stably sorted by the curried Fusabi *comparer* (``int`` result).

    A merge sort written in Python (F#'s ``sortWith`` is a stable merge sort too): the
    comparator is plugin code, and calling it from inside C's ``list.sort`` would let a
    comparator that sorts again recurse through the C stack.  Here it is only ever called
    from Python frames, so that recursion ends in the depth limit instead of a crash.
    """
    run: list[Any] = list(items)
    n = len(run)
    if n < 2:
        return run
    spare: list[Any] = [None] * n
    width = 1
    while width < n:
        for low in range(0, n, 2 * width):
            middle = min(low + width, n)
            high = min(low + 2 * width, n)
            if middle >= high or (width > 1 and comparer(run[middle - 1])(run[middle]) <= 0):
                spare[low:high] = run[low:high]  # one run, or two already in order
                continue
            i, j, k = low, middle, low
            while i < middle and j < high:
                if comparer(run[i])(run[j]) > 0:  # (the right one first only when less: stable)
                    spare[k] = run[j]
                    j += 1
                else:
                    spare[k] = run[i]
                    i += 1
                k += 1
            while i < middle:
                spare[k] = run[i]
                i += 1
                k += 1
            while j < high:
                spare[k] = run[j]
                j += 1
                k += 1
        run, spare = spare, run
        width *= 2
    return run


def max_item(items: list[Any], kind: str) -> Any:
    """The first greatest item, as F#'s ``List.max``."""
    if not items:
        empty_input(kind)
    best = items[0]
    for item in items:
        if greater(item, best):
            best = item
    return best


def min_item(items: list[Any], kind: str) -> Any:
    """The first least item, as F#'s ``List.min``."""
    if not items:
        empty_input(kind)
    best = items[0]
    for item in items:
        if less(item, best):
            best = item
    return best


def max_by(projection: Fn, items: list[Any], kind: str) -> Any:
    """The first item whose projection is greatest, as F#'s ``List.maxBy``."""
    if not items:
        empty_input(kind)
    best = items[0]
    best_key = projection(best)
    for item in items[1:]:
        item_key = projection(item)
        if greater(item_key, best_key):
            best, best_key = item, item_key
    return best


def min_by(projection: Fn, items: list[Any], kind: str) -> Any:
    """The first item whose projection is least, as F#'s ``List.minBy``."""
    if not items:
        empty_input(kind)
    best = items[0]
    best_key = projection(best)
    for item in items[1:]:
        item_key = projection(item)
        if less(item_key, best_key):
            best, best_key = item, item_key
    return best


# --------------------------------------------------------------------------- hashing


class KeyIndex:
    """Numbers distinct Fusabi values by structural equality, in order of first appearance.

    Values :func:`~fusabi_host.lang.values.key_of` can hash go through a dict; the others
    (arrays, values holding arrays or functions) are compared one by one with ``equals``.
    """

    __slots__ = ("_hashed", "_unhashable", "keys")

    def __init__(self) -> None:
        self._hashed: dict[object, int] = {}
        self._unhashable: list[tuple[object, int]] = []
        self.keys: list[Any] = []

    def slot(self, key: Any) -> tuple[int, bool]:
        """The number of *key* and whether it was seen for the first time."""
        try:
            hashed = key_of(key)
        except TypeError:
            return self._slot_unhashable(key)
        index = self._hashed.get(hashed)
        if index is not None:
            return index, False
        index = len(self.keys)
        self._hashed[hashed] = index
        self.keys.append(key)
        return index, True

    def _slot_unhashable(self, key: Any) -> tuple[int, bool]:
        for known, index in self._unhashable:
            if equals(known, key):
                return index, False
        index = len(self.keys)
        self._unhashable.append((key, index))
        self.keys.append(key)
        return index, True


def group_by(projection: Fn, items: list[Any]) -> list[tuple[Any, list[Any]]]:
    """``(key, items with that key)`` pairs, keys in order of first appearance."""
    index = KeyIndex()
    groups: list[list[Any]] = []
    for count, item in enumerate(items, 1):
        if not count % BATCH:
            guard.spend(BATCH)
        number, new = index.slot(projection(item))
        if new:
            groups.append([item])
        else:
            groups[number].append(item)
    return list(zip(index.keys, groups, strict=True))


def count_by(projection: Fn, items: list[Any]) -> list[tuple[Any, int]]:
    """``(key, count)`` pairs, keys in order of first appearance."""
    index = KeyIndex()
    counts: list[int] = []
    for count, item in enumerate(items, 1):
        if not count % BATCH:
            guard.spend(BATCH)
        number, new = index.slot(projection(item))
        if new:
            counts.append(1)
        else:
            counts[number] += 1
    return list(zip(index.keys, counts, strict=True))


def distinct_by(projection: Fn | None, items: list[Any]) -> list[Any]:
    """The items whose key (the item itself without *projection*) was not seen before."""
    index = KeyIndex()
    out = []
    for count, item in enumerate(items, 1):
        if not count % BATCH:
            guard.spend(BATCH)
        if index.slot(item if projection is None else projection(item))[1]:
            out.append(item)
    return out


def contains(value: Any, items: Iterable[Any]) -> bool:
    """Does *items* hold an element structurally equal to *value*?"""
    return any(equals(value, item) for item in items)


# --------------------------------------------------------------------------- numbers


def sum_values(numbers: Iterable[Any]) -> Any:
    """The sum of ints (wrapping around at 64 bits) or of floats (added left to right, IEEE,
    as F# does; no compensated summation).  The sum of nothing is the int ``0``."""
    values = numbers if isinstance(numbers, list) else list(numbers)
    if all(type(v) is int for v in values):
        return wrap_int(sum(values))
    kind = type(values[0])
    if kind is Decimal:
        return _sum_decimals(values)
    total: Any = 0.0
    for v in values:
        t = type(v)
        if t is not int and t is not float:
            fail("NotSupportedException", f"cannot add up {type_name(v)} values")
        if t is not kind:  # no implicit int/float conversion, as in F#
            fail(
                "InvalidOperationException",
                f"type mismatch: cannot add up {type_name(values[0])} and {type_name(v)} values"
                " (there is no implicit conversion; use 'float x' or 'int x')",
            )
        total = total + v
    return total


def _sum_decimals(values: list[Any]) -> Decimal:
    total = Decimal(0)
    for v in values:
        if type(v) is not Decimal:
            fail(
                "InvalidOperationException",
                f"type mismatch: cannot add up decimal and {type_name(v)} values",
            )
        total = decimals.add(total, v)
    return total


def average(numbers: list[Any], kind: str) -> Any:
    """The mean of floats or of decimals, as F#'s ``List.average``; an empty input is an
    error."""
    if not numbers:
        empty_input(kind)
    total = sum_values(numbers)
    if type(total) is Decimal:
        return decimals.divide(total, Decimal(len(numbers)))
    return float(total) / len(numbers)


# --------------------------------------------------------------------------- shapes


def windowed(size: int, items: list[Any]) -> list[list[Any]]:
    """Every run of *size* consecutive items, as F#'s ``windowed``."""
    if size <= 0:
        must_be_positive()
    return [items[i : i + size] for i in range(len(items) - size + 1)]


def chunk_by_size(
    size: int, items: list[Any], kind: str = "list", row_bytes: int = 0, item_bytes: int = 0
) -> list[list[Any]]:
    """*items* cut into chunks of *size* (the last may be shorter).

    The chunks (Python lists) and the collection the caller makes of them -- a *kind* whose
    inner collections cost *row_bytes* more each, and each element *item_bytes* more -- are
    checked against the run's limits first."""
    if size <= 0:
        must_be_positive()
    rows = -(-len(items) // size)
    reserve_nested(kind, len(items), rows, 64 + row_bytes, SLOT_BYTES + item_bytes)
    return [items[i : i + size] for i in range(0, len(items), size)]


def pairwise(items: list[Any]) -> list[tuple[Any, Any]]:
    """Each item with its successor."""
    return list(itertools.pairwise(items))


def transpose(rows: list[list[Any]], kind: str) -> list[list[Any]]:
    """Rows turned into columns; all rows must have one length."""
    if not rows:
        return []
    width = len(rows[0])
    if any(len(row) != width for row in rows):
        different_lengths(kind)
    return [[row[i] for row in rows] for i in range(width)]


def split_at(index: int, items: list[Any], kind: str) -> tuple[list[Any], list[Any]]:
    """The first *index* items and the rest."""
    if index < 0:
        must_be_non_negative()
    if index > len(items):
        not_enough(kind)
    return items[:index], items[index:]


def take(count: int, items: list[Any], kind: str) -> list[Any]:
    """The first *count* items; too few is an error, as in F#."""
    if count < 0:
        must_be_non_negative()
    if count > len(items):
        not_enough(kind)
    return items[:count]


def skip(count: int, items: list[Any], kind: str) -> list[Any]:
    """All but the first *count* items (a negative count skips nothing)."""
    if count > len(items):
        if kind == "sequence":
            not_enough(kind)
        out_of_range()
    return items[max(count, 0) :]


def take_while(predicate: Fn, items: list[Any]) -> list[Any]:
    """The leading items satisfying *predicate*."""
    for i, item in enumerate(items):
        if not predicate(item):
            return items[:i]
    return items


def skip_while(predicate: Fn, items: list[Any]) -> list[Any]:
    """The items from the first one not satisfying *predicate*."""
    for i, item in enumerate(items):
        if not predicate(item):
            return items[i:]
    return []


def item_at(index: int, items: list[Any], kind: str) -> Any:
    """``items[index]`` with F#'s errors (never Python's negative indexing)."""
    if index < 0:
        must_be_non_negative()
    if index >= len(items):
        index_outside(kind)
    return items[index]


def exactly_one(items: list[Any], kind: str) -> Any:
    """The only item; none or several is an error."""
    if not items:
        empty_input(kind)
    if len(items) > 1:
        too_long(kind)
    return items[0]


def insert_at(index: int, value: Any, items: list[Any]) -> list[Any]:
    if not 0 <= index <= len(items):
        out_of_range()
    return [*items[:index], value, *items[index:]]


def remove_at(index: int, items: list[Any]) -> list[Any]:
    if not 0 <= index < len(items):
        out_of_range()
    return items[:index] + items[index + 1 :]


def update_at(index: int, value: Any, items: list[Any]) -> list[Any]:
    if not 0 <= index < len(items):
        out_of_range()
    out = list(items)
    out[index] = value
    return out


def same_lengths(kind: str, *collections: list[Any]) -> None:
    """Fail unless all *collections* have one length (``map2``, ``zip``...)."""
    if len({len(c) for c in collections}) > 1:
        different_lengths(kind)


def choose(chooser: Fn, items: Iterable[Any]) -> list[Any]:
    """The values of the ``Some`` results of *chooser*."""
    out = []
    for count, item in enumerate(items, 1):
        if not count % BATCH:
            guard.spend(BATCH)
        result = chooser(item)
        if result[0] is SOME_TAG:
            out.append(result[1])
    return out


def pick(chooser: Fn, items: Iterable[Any]) -> Any:
    """The first ``Some`` result of *chooser*, or ``NONE``."""
    for item in items:
        result = chooser(item)
        if result[0] is SOME_TAG:
            return result
    return NONE


def find_index(predicate: Fn, items: list[Any], *, backwards: bool = False) -> int:
    """The index of the first (last) item satisfying *predicate*, or -1."""
    indices = range(len(items) - 1, -1, -1) if backwards else range(len(items))
    for i in indices:
        if predicate(items[i]):
            return i
    return -1


def reduce_items(reduction: Fn, items: list[Any], kind: str) -> Any:
    """``f (... (f x0 x1) ...) xn``."""
    if not items:
        empty_input(kind)
    acc = items[0]
    for item in items[1:]:
        acc = reduction(acc)(item)
    return acc


def reduce_back(reduction: Fn, items: list[Any], kind: str) -> Any:
    """``f x0 (f x1 (... xn))``."""
    if not items:
        empty_input(kind)
    acc = items[-1]
    for item in reversed(items[:-1]):
        acc = reduction(item)(acc)
    return acc


def uncurried2(fn: Fn) -> Callable[[Any, Any], Any]:
    """*fn* (a curried function of two arguments) as a Python function of two: the function
    it was curried from when it carries one (a Fusabi lambda of two parameters does), so a
    fold calls it once per element instead of building a closure each time."""
    found: Callable[[Any, Any], Any] | None = getattr(fn, "__fz2__", None)
    if found is not None:
        return found
    return lambda a, b: fn(a)(b)


def uncurried3(fn: Fn) -> Callable[[Any, Any, Any], Any]:
    """:func:`uncurried2` for three arguments."""
    found: Callable[[Any, Any, Any], Any] | None = getattr(fn, "__fz3__", None)
    if found is not None:
        return found
    return lambda a, b, c: fn(a)(b)(c)


def scan(folder: Fn, state: Any, items: Iterable[Any]) -> list[Any]:
    """The initial state and every intermediate state of a left fold."""
    out = [state]
    for count, item in enumerate(items, 1):
        if not count % BATCH:
            guard.spend(BATCH)
        state = folder(state)(item)
        out.append(state)
    return out


def all_pairs(left: list[Any], right: list[Any]) -> list[tuple[Any, Any]]:
    """Every ``(a, b)``, *left* major."""
    return [(a, b) for a in left for b in right]


# --------------------------------------------------------------------------- more of FSharp.Core
# (the shared part of the List and Array functions of the same name; ``kind`` names the
# collection in error messages)


def compare_with(comparer: Fn, first: list[Any], second: list[Any]) -> int:
    """The first non-zero comparison of the items in order; a prefix is the smaller."""
    for count, (a, b) in enumerate(zip(first, second, strict=False), 1):
        if not count % BATCH:
            guard.spend(BATCH)
        result = comparer(a)(b)
        if result != 0:
            return int(result)
    return (len(first) > len(second)) - (len(first) < len(second))


def except_items(excluded: Iterable[Any], items: list[Any]) -> list[Any]:
    """The distinct *items* (first occurrences, in order) that are not in *excluded*."""
    seen = {key_of(value) for value in excluded}
    out: list[Any] = []
    for item in items:
        key = key_of(item)
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out


def fold_back2(folder: Fn, first: list[Any], second: list[Any], state: Any, kind: str) -> Any:
    """``f a0 b0 (f a1 b1 (... state))``; the collections must have one length."""
    same_lengths(kind, first, second)
    for count, (a, b) in enumerate(zip(reversed(first), reversed(second), strict=True), 1):
        if not count % BATCH:
            guard.spend(BATCH)
        state = folder(a)(b)(state)
    return state


def iter_indexed2(action: Fn, first: list[Any], second: list[Any], kind: str) -> None:
    """``action i a b`` for each pair, in order; the collections must have one length."""
    same_lengths(kind, first, second)
    for index, (a, b) in enumerate(zip(first, second, strict=True)):
        if index and not index % BATCH:
            guard.spend(BATCH)
        action(index)(a)(b)


def map_fold(mapping: Fn, state: Any, items: list[Any]) -> tuple[list[Any], Any]:
    """Map with a state threaded left to right: the results and the final state."""
    out: list[Any] = []
    for count, item in enumerate(items, 1):
        if not count % BATCH:
            guard.spend(BATCH)
        result, state = mapping(state)(item)
        out.append(result)
    return out, state


def map_fold_back(mapping: Fn, items: list[Any], state: Any) -> tuple[list[Any], Any]:
    """Map with a state threaded right to left: the results (in the items' order) and the
    final state."""
    out: list[Any] = []
    for count, item in enumerate(reversed(items), 1):
        if not count % BATCH:
            guard.spend(BATCH)
        result, state = mapping(item)(state)
        out.append(result)
    out.reverse()
    return out, state


def permute(indexer: Fn, items: list[Any]) -> list[Any]:
    """The item at *i* moved to ``indexer i``; *indexer* must be a permutation."""
    n = len(items)
    out: list[Any] = [None] * n
    placed = [False] * n
    for index, item in enumerate(items):
        if index and not index % BATCH:
            guard.spend(BATCH)
        target = indexer(index)
        if type(target) is not int or not 0 <= target < n or placed[target]:
            fail("ArgumentException", "The function did not compute a permutation.")
        placed[target] = True
        out[target] = item
    return out


def scan_back(folder: Fn, items: list[Any], state: Any) -> list[Any]:
    """Every intermediate state of a right fold, the initial state last."""
    out = [state]
    for count, item in enumerate(reversed(items), 1):
        if not count % BATCH:
            guard.spend(BATCH)
        state = folder(item)(state)
        out.append(state)
    out.reverse()
    return out


def split_into(count: int, items: list[Any]) -> list[list[Any]]:
    """At most *count* chunks of nearly equal size, the longer ones first."""
    if count <= 0:
        must_be_positive()
    chunks = min(count, len(items))
    if not chunks:
        return []
    size, longer = divmod(len(items), chunks)
    out: list[list[Any]] = []
    start = 0
    for index in range(chunks):
        end = start + size + (1 if index < longer else 0)
        out.append(items[start:end])
        start = end
    return out


def unfold(generator: Fn, state: Any, kind: str) -> list[Any]:
    """The items *generator* gives from *state* until it gives ``None``; an endless
    generator runs into the run's fuel, deadline or collection-size limit."""
    out: list[Any] = []
    while True:
        found = generator(state)
        if found[0] is not SOME_TAG:
            return out
        item, state = found[1]
        out.append(item)
        if not len(out) % BATCH:
            guard.spend(BATCH)
            reserve(kind, len(out))


def insert_many_at(index: int, values: list[Any], items: list[Any]) -> list[Any]:
    """*values* inserted before position *index* (``len(items)``: at the end)."""
    if not 0 <= index <= len(items):
        out_of_range()
    return items[:index] + values + items[index:]


def remove_many_at(index: int, count: int, items: list[Any]) -> list[Any]:
    """*items* without the *count* items from position *index*."""
    if index < 0 or count < 0 or index + count > len(items):
        out_of_range()
    return items[:index] + items[index + count :]
