"""The ``Seq`` module: the F# ``Seq`` basics over any collection.

REF has no ``Seq`` module; these are F#'s functions with F#'s names and signatures.  A
``'a seq`` argument may be any Fusabi collection: a list, an array, a set (ascending), a map
(its ``(key, value)`` tuples in key order; F# would give ``KeyValuePair`` values) or a string
(its chars).

Deliberate deviation: sequences are **eager**.  Every function that returns a ``'a seq``
returns a Fusabi list, computed at once, so infinite sequences (``Seq.initInfinite``,
``Seq.unfold`` without end) are not offered, and callbacks run when the function is called,
not when the result is enumerated.  Otherwise F# semantics hold, including the ones that differ
from ``List``: ``Seq.zip``, ``Seq.map2``, ``Seq.iter2``, ``Seq.forall2`` and ``Seq.exists2``
stop at the end of the shorter input; ``Seq.skip`` past the end raises
``InvalidOperationException``.  As in the other collection modules, ``Seq.sum`` is typed
``'a seq -> 'a`` (the sum of nothing is the int ``0``) and averages are typed for floats.

Every function checks the size of the list it builds against the run's collection-size and
memory limits before allocating it (``collect`` and ``concat`` as the result grows), and calls
plugin callbacks only from Python loops and comprehensions, never from inside a C function
(see :mod:`~fusabi_host.lang.stdlib.collections_util`).
"""

from __future__ import annotations

from typing import Any

from fusabi_host.lang.context import Context
from fusabi_host.lang.stdlib import collections_util as cu
from fusabi_host.lang.stdlib.collections_util import Fn
from fusabi_host.lang.stdlib.registry import builtin, value
from fusabi_host.lang.values import (
    NIL,
    NONE,
    SOME_TAG,
    FzArray,
    FzMap,
    FzSet,
    from_iterable,
    make_some,
)

KIND = "sequence"

value("Seq.empty", "'a seq", NIL)

_items = cu.items_of


def _seq(items: list[Any]) -> Any:
    """The Fusabi list of *items*, after checking its size."""
    return cu.fz_list(items, KIND)


def _seq_of_arrays(rows: list[list[Any]]) -> Any:
    """A Fusabi list of arrays, after checking its size."""
    total = sum([len(row) for row in rows])
    cu.reserve_nested(KIND, total, len(rows), 64 + cu.CELL_BYTES, cu.SLOT_BYTES)
    return from_iterable([FzArray(row) for row in rows])


# --------------------------------------------------------------------------- conversion


@builtin("Seq.ofList", "'a list -> 'a seq")
def of_list(xs: Any) -> Any:
    return xs


@builtin("Seq.ofArray", "'a array -> 'a seq")
def of_array(array: FzArray) -> Any:
    cu.reserve(KIND, len(array))
    return from_iterable(array)


@builtin("Seq.toList", "'a seq -> 'a list")
def to_list(source: Any) -> Any:
    if type(source) is list or source is NIL:
        return source
    return _seq(_items(source))


@builtin("Seq.toArray", "'a seq -> 'a array")
def to_array(source: Any) -> FzArray:
    return cu.fz_array(_items(source))


@builtin("Seq.singleton", "'a -> 'a seq")
def singleton(item: Any) -> Any:
    return [item, NIL]


@builtin("Seq.init", "int -> (int -> 'a) -> 'a seq", context=True)
def init(ctx: Context, count: int, initializer: Fn) -> Any:
    cu.check_count(count)
    ctx.check_size(count, "sequence")
    cu.reserve(KIND, count)
    return from_iterable(cu.each_index(initializer, count))


@builtin("Seq.replicate", "int -> 'a -> 'a seq", context=True)
def replicate(ctx: Context, count: int, item: Any) -> Any:
    cu.check_count(count)
    ctx.check_size(count, "sequence")
    cu.reserve(KIND, count)
    return from_iterable([item] * count)


@builtin("Seq.append", "'a seq -> 'a seq -> 'a seq")
def append(first: Any, second: Any) -> Any:
    left, right = _items(first), _items(second)
    cu.reserve(KIND, len(left) + len(right))
    return from_iterable(left + right)


@builtin("Seq.concat", "'a seq seq -> 'a seq")
def concat(sources: Any) -> Any:
    out: list[Any] = []
    growth = cu.Growth(KIND)
    for inner in _items(sources):
        items = _items(inner)
        growth.add(len(items))
        out.extend(items)
    return _seq(out)


# --------------------------------------------------------------------------- basics


@builtin("Seq.length", "'a seq -> int")
def length(source: Any) -> int:
    if type(source) in (FzArray, FzMap, FzSet, str):
        return len(source)
    return len(_items(source))


@builtin("Seq.isEmpty", "'a seq -> bool")
def is_empty(source: Any) -> bool:
    if source is NIL:
        return True
    if type(source) is list:
        return False
    return len(_items(source)) == 0


@builtin("Seq.head", "'a seq -> 'a")
def head(source: Any) -> Any:
    items = _items(source)
    if not items:
        cu.empty_input(KIND)
    return items[0]


@builtin("Seq.tryHead", "'a seq -> 'a option")
def try_head(source: Any) -> Any:
    items = _items(source)
    return make_some(items[0]) if items else NONE


@builtin("Seq.last", "'a seq -> 'a")
def last(source: Any) -> Any:
    items = _items(source)
    if not items:
        cu.empty_input(KIND)
    return items[-1]


@builtin("Seq.tryLast", "'a seq -> 'a option")
def try_last(source: Any) -> Any:
    items = _items(source)
    return make_some(items[-1]) if items else NONE


@builtin("Seq.item", "int -> 'a seq -> 'a")
def item(index: int, source: Any) -> Any:
    return cu.item_at(index, _items(source), KIND)


@builtin("Seq.tryItem", "int -> 'a seq -> 'a option")
def try_item(index: int, source: Any) -> Any:
    items = _items(source)
    return make_some(items[index]) if 0 <= index < len(items) else NONE


@builtin("Seq.exactlyOne", "'a seq -> 'a")
def exactly_one(source: Any) -> Any:
    return cu.exactly_one(_items(source), KIND)


@builtin("Seq.tryExactlyOne", "'a seq -> 'a option")
def try_exactly_one(source: Any) -> Any:
    items = _items(source)
    return make_some(items[0]) if len(items) == 1 else NONE


# --------------------------------------------------------------------------- mapping


@builtin("Seq.map", "('a -> 'b) -> 'a seq -> 'b seq")
def map_(mapping: Fn, source: Any) -> Any:
    items = _items(source)
    cu.reserve(KIND, len(items))
    return from_iterable(cu.each(mapping, items))


@builtin("Seq.mapi", "(int -> 'a -> 'b) -> 'a seq -> 'b seq")
def mapi(mapping: Fn, source: Any) -> Any:
    items = _items(source)
    cu.reserve(KIND, len(items))
    return from_iterable(cu.each_indexed(mapping, items))


@builtin("Seq.map2", "('a -> 'b -> 'c) -> 'a seq -> 'b seq -> 'c seq")
def map2(mapping: Fn, first: Any, second: Any) -> Any:
    left, right = _items(first), _items(second)
    cu.reserve(KIND, min(len(left), len(right)))
    return from_iterable(cu.each2(mapping, left, right))


@builtin("Seq.iter", "('a -> unit) -> 'a seq -> unit")
def iter_(action: Fn, source: Any) -> None:
    for x in _items(source):
        action(x)


@builtin("Seq.iteri", "(int -> 'a -> unit) -> 'a seq -> unit")
def iteri(action: Fn, source: Any) -> None:
    for i, x in enumerate(_items(source)):
        action(i)(x)


@builtin("Seq.iter2", "('a -> 'b -> unit) -> 'a seq -> 'b seq -> unit")
def iter2(action: Fn, first: Any, second: Any) -> None:
    for a, b in zip(_items(first), _items(second), strict=False):
        action(a)(b)


@builtin("Seq.indexed", "'a seq -> (int * 'a) seq")
def indexed(source: Any) -> Any:
    items = _items(source)
    cu.reserve(KIND, len(items), cu.TUPLE_BYTES)
    return from_iterable(list(enumerate(items)))


@builtin("Seq.pairwise", "'a seq -> ('a * 'a) seq")
def pairwise(source: Any) -> Any:
    items = _items(source)
    cu.reserve(KIND, len(items), cu.TUPLE_BYTES)
    return from_iterable(cu.pairwise(items))


@builtin("Seq.zip", "'a seq -> 'b seq -> ('a * 'b) seq")
def zip_(first: Any, second: Any) -> Any:
    left, right = _items(first), _items(second)
    cu.reserve(KIND, min(len(left), len(right)), cu.TUPLE_BYTES)
    return from_iterable(list(zip(left, right, strict=False)))


@builtin("Seq.zip3", "'a seq -> 'b seq -> 'c seq -> ('a * 'b * 'c) seq")
def zip3(first: Any, second: Any, third: Any) -> Any:
    a, b, c = _items(first), _items(second), _items(third)
    cu.reserve(KIND, min(len(a), len(b), len(c)), cu.TUPLE_BYTES)
    return from_iterable(list(zip(a, b, c, strict=False)))


@builtin("Seq.allPairs", "'a seq -> 'b seq -> ('a * 'b) seq", context=True)
def all_pairs(ctx: Context, first: Any, second: Any) -> Any:
    left, right = _items(first), _items(second)
    ctx.check_size(len(left) * len(right), "sequence")
    cu.reserve(KIND, len(left) * len(right), cu.TUPLE_BYTES)
    return from_iterable(cu.all_pairs(left, right))


@builtin("Seq.windowed", "int -> 'a seq -> 'a array seq", context=True)
def windowed(ctx: Context, size: int, source: Any) -> Any:
    items = _items(source)
    if size <= 0:
        cu.must_be_positive()
    windows = max(len(items) - size + 1, 0)
    ctx.check_size(windows * size, "sequence")
    # the windows as Python lists, then as arrays in a Fusabi list
    cu.reserve_nested(KIND, windows * size, windows, 2 * 64 + cu.CELL_BYTES, 2 * cu.SLOT_BYTES)
    return _seq_of_arrays(cu.windowed(size, items))


@builtin("Seq.chunkBySize", "int -> 'a seq -> 'a array seq")
def chunk_by_size(size: int, source: Any) -> Any:
    chunks = cu.chunk_by_size(size, _items(source), KIND, 64 + cu.CELL_BYTES, cu.SLOT_BYTES)
    return _seq_of_arrays(chunks)


# --------------------------------------------------------------------------- selecting


@builtin("Seq.filter", "('a -> bool) -> 'a seq -> 'a seq")
def filter_(predicate: Fn, source: Any) -> Any:
    return _seq([x for x in _items(source) if predicate(x)])


@builtin("Seq.where", "('a -> bool) -> 'a seq -> 'a seq")
def where(predicate: Fn, source: Any) -> Any:
    return filter_(predicate, source)


@builtin("Seq.choose", "('a -> 'b option) -> 'a seq -> 'b seq")
def choose(chooser: Fn, source: Any) -> Any:
    return _seq(cu.choose(chooser, _items(source)))


@builtin("Seq.collect", "('a -> 'b seq) -> 'a seq -> 'b seq")
def collect(mapping: Fn, source: Any) -> Any:
    out: list[Any] = []
    growth = cu.Growth(KIND)
    for x in _items(source):
        items = _items(mapping(x))
        growth.add(len(items))
        out.extend(items)
    return _seq(out)


@builtin("Seq.distinct", "'a seq -> 'a seq")
def distinct(source: Any) -> Any:
    return _seq(cu.distinct_by(None, _items(source)))


@builtin("Seq.distinctBy", "('a -> 'k) -> 'a seq -> 'a seq")
def distinct_by(projection: Fn, source: Any) -> Any:
    return _seq(cu.distinct_by(projection, _items(source)))


@builtin("Seq.groupBy", "('a -> 'k) -> 'a seq -> ('k * 'a seq) seq")
def group_by(projection: Fn, source: Any) -> Any:
    elements = _items(source)
    groups = cu.group_by(projection, elements)
    cu.reserve_nested(
        KIND, len(elements), len(groups), cu.CELL_BYTES + cu.TUPLE_BYTES, cu.CELL_BYTES
    )
    return from_iterable([(key, from_iterable(items)) for key, items in groups])


@builtin("Seq.countBy", "('a -> 'k) -> 'a seq -> ('k * int) seq")
def count_by(projection: Fn, source: Any) -> Any:
    return _seq(cu.count_by(projection, _items(source)))


@builtin("Seq.take", "int -> 'a seq -> 'a seq")
def take(count: int, source: Any) -> Any:
    return _seq(cu.take(count, _items(source), KIND))


@builtin("Seq.skip", "int -> 'a seq -> 'a seq")
def skip(count: int, source: Any) -> Any:
    return _seq(cu.skip(count, _items(source), KIND))


@builtin("Seq.truncate", "int -> 'a seq -> 'a seq")
def truncate(count: int, source: Any) -> Any:
    return _seq(_items(source)[: max(count, 0)])


@builtin("Seq.takeWhile", "('a -> bool) -> 'a seq -> 'a seq")
def take_while(predicate: Fn, source: Any) -> Any:
    return _seq(cu.take_while(predicate, _items(source)))


@builtin("Seq.skipWhile", "('a -> bool) -> 'a seq -> 'a seq")
def skip_while(predicate: Fn, source: Any) -> Any:
    return _seq(cu.skip_while(predicate, _items(source)))


# --------------------------------------------------------------------------- searching


@builtin("Seq.exists", "('a -> bool) -> 'a seq -> bool")
def exists(predicate: Fn, source: Any) -> bool:
    for x in _items(source):
        if predicate(x):
            return True
    return False


@builtin("Seq.forall", "('a -> bool) -> 'a seq -> bool")
def forall(predicate: Fn, source: Any) -> bool:
    for x in _items(source):
        if not predicate(x):
            return False
    return True


@builtin("Seq.exists2", "('a -> 'b -> bool) -> 'a seq -> 'b seq -> bool")
def exists2(predicate: Fn, first: Any, second: Any) -> bool:
    for a, b in zip(_items(first), _items(second), strict=False):
        if predicate(a)(b):
            return True
    return False


@builtin("Seq.forall2", "('a -> 'b -> bool) -> 'a seq -> 'b seq -> bool")
def forall2(predicate: Fn, first: Any, second: Any) -> bool:
    for a, b in zip(_items(first), _items(second), strict=False):
        if not predicate(a)(b):
            return False
    return True


@builtin("Seq.contains", "'a -> 'a seq -> bool")
def contains(item: Any, source: Any) -> bool:
    return cu.contains(item, _items(source))


@builtin("Seq.find", "('a -> bool) -> 'a seq -> 'a")
def find(predicate: Fn, source: Any) -> Any:
    found = try_find(predicate, source)
    if found is NONE:
        cu.not_found()
    return found[1]


@builtin("Seq.tryFind", "('a -> bool) -> 'a seq -> 'a option")
def try_find(predicate: Fn, source: Any) -> Any:
    for x in _items(source):
        if predicate(x):
            return make_some(x)
    return NONE


@builtin("Seq.findIndex", "('a -> bool) -> 'a seq -> int")
def find_index(predicate: Fn, source: Any) -> int:
    index = cu.find_index(predicate, _items(source))
    if index < 0:
        cu.not_found()
    return index


@builtin("Seq.tryFindIndex", "('a -> bool) -> 'a seq -> int option")
def try_find_index(predicate: Fn, source: Any) -> Any:
    index = cu.find_index(predicate, _items(source))
    return NONE if index < 0 else make_some(index)


@builtin("Seq.pick", "('a -> 'b option) -> 'a seq -> 'b")
def pick(chooser: Fn, source: Any) -> Any:
    found = cu.pick(chooser, _items(source))
    if found[0] is not SOME_TAG:
        cu.not_found()
    return found[1]


@builtin("Seq.tryPick", "('a -> 'b option) -> 'a seq -> 'b option")
def try_pick(chooser: Fn, source: Any) -> Any:
    return cu.pick(chooser, _items(source))


# --------------------------------------------------------------------------- folding


@builtin("Seq.fold", "('s -> 'a -> 's) -> 's -> 'a seq -> 's")
def fold(folder: Fn, state: Any, source: Any) -> Any:
    for x in _items(source):
        state = folder(state)(x)
    return state


@builtin("Seq.foldBack", "('a -> 's -> 's) -> 'a seq -> 's -> 's")
def fold_back(folder: Fn, source: Any, state: Any) -> Any:
    for x in reversed(_items(source)):
        state = folder(x)(state)
    return state


@builtin("Seq.reduce", "('a -> 'a -> 'a) -> 'a seq -> 'a")
def reduce(reduction: Fn, source: Any) -> Any:
    return cu.reduce_items(reduction, _items(source), KIND)


@builtin("Seq.scan", "('s -> 'a -> 's) -> 's -> 'a seq -> 's seq")
def scan(folder: Fn, state: Any, source: Any) -> Any:
    return _seq(cu.scan(folder, state, _items(source)))


# --------------------------------------------------------------------------- numbers


@builtin("Seq.sum", "'a seq -> 'a")
def sum_(source: Any) -> Any:
    return cu.sum_values(_items(source))


@builtin("Seq.sumBy", "('a -> 'b) -> 'a seq -> 'b")
def sum_by(projection: Fn, source: Any) -> Any:
    return cu.sum_values(cu.each(projection, _items(source)))


@builtin("Seq.average", "float seq -> float")
def average(source: Any) -> float:
    return cu.average(_items(source), KIND)


@builtin("Seq.averageBy", "('a -> float) -> 'a seq -> float")
def average_by(projection: Fn, source: Any) -> float:
    return cu.average(cu.each(projection, _items(source)), KIND)


@builtin("Seq.max", "'a seq -> 'a")
def max_(source: Any) -> Any:
    return cu.max_item(_items(source), KIND)


@builtin("Seq.min", "'a seq -> 'a")
def min_(source: Any) -> Any:
    return cu.min_item(_items(source), KIND)


@builtin("Seq.maxBy", "('a -> 'b) -> 'a seq -> 'a")
def max_by(projection: Fn, source: Any) -> Any:
    return cu.max_by(projection, _items(source), KIND)


@builtin("Seq.minBy", "('a -> 'b) -> 'a seq -> 'a")
def min_by(projection: Fn, source: Any) -> Any:
    return cu.min_by(projection, _items(source), KIND)


# --------------------------------------------------------------------------- ordering


@builtin("Seq.rev", "'a seq -> 'a seq")
def rev(source: Any) -> Any:
    return _seq(_items(source)[::-1])


@builtin("Seq.sort", "'a seq -> 'a seq")
def sort(source: Any) -> Any:
    return _seq(cu.sort_items(_items(source)))


@builtin("Seq.sortBy", "('a -> 'k) -> 'a seq -> 'a seq")
def sort_by(projection: Fn, source: Any) -> Any:
    return _seq(cu.sort_items(_items(source), projection))


@builtin("Seq.sortDescending", "'a seq -> 'a seq")
def sort_descending(source: Any) -> Any:
    return _seq(cu.sort_items(_items(source), descending=True))


@builtin("Seq.sortByDescending", "('a -> 'k) -> 'a seq -> 'a seq")
def sort_by_descending(projection: Fn, source: Any) -> Any:
    return _seq(cu.sort_items(_items(source), projection, descending=True))


@builtin("Seq.sortWith", "('a -> 'a -> int) -> 'a seq -> 'a seq")
def sort_with(comparer: Fn, source: Any) -> Any:
    return _seq(cu.sort_with(_items(source), comparer))
