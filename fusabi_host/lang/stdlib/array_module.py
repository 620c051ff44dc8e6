"""The ``Array`` module: mutable arrays (:class:`~fusabi_host.lang.values.FzArray`).

The upstream (REF) functions keep their name, arity and argument order -- note that
``Array.get index array`` and ``Array.set index value array`` take the **index first**, unlike
F#'s ``Array.get array index``; ``Array.set`` mutates in place and returns unit.  The F# core
``Array`` functions REF lacks are added with F# names, signatures and semantics; every
function returns a new array except ``set``, ``fill``, ``blit`` and the ``sortInPlace``
family.

Errors follow F#: a bad index raises ``IndexOutOfRangeException "Index was outside the bounds
of the array."`` (never Python's negative indexing); other misuse raises
``ArgumentException``/``InvalidOperationException`` with FSharp.Core's messages.

Deliberate deviations: ``Array.zeroCreate`` is missing (a zero element cannot be known at run
time); ``Array.sum``/``Array.sumBy`` are typed ``'a array -> 'a`` and the sum of an empty array
is the int ``0``; averages are typed for floats; sorts are stable; ``Array.toSeq`` returns a
list (sequences are eager lists here); ``windowed`` and ``allPairs`` check the instance's
collection-size limit as ``init``, ``create`` and ``replicate`` do.

Every function that builds an array checks its size against the run's collection-size and
memory limits before allocating it (``collect`` and ``concat`` as the result grows); plugin
callbacks are only called from Python loops and comprehensions, never from inside a C
function, and ``sortWith``/``sortInPlaceWith`` are a stable merge sort written in Python (see
:mod:`~fusabi_host.lang.stdlib.collections_util`).
"""

from __future__ import annotations

from typing import Any, NoReturn

from fusabi_host.lang.context import Context
from fusabi_host.lang.exceptions import fail
from fusabi_host.lang.stdlib import collections_util as cu
from fusabi_host.lang.stdlib.collections_util import Fn
from fusabi_host.lang.stdlib.registry import builtin, value
from fusabi_host.lang.values import (
    NONE,
    SOME_TAG,
    FzArray,
    equals,
    from_iterable,
    make_some,
    to_pylist,
)

KIND = "array"

value("Array.empty", "'a array", FzArray())


def _index_error() -> NoReturn:
    fail("IndexOutOfRangeException", "Index was outside the bounds of the array.")


def _check_index(index: int, array: FzArray) -> None:
    if not 0 <= index < len(array):
        _index_error()


def _arrays(rows: list[list[Any]]) -> FzArray:
    """An array of arrays from a Python list of Python lists."""
    total = sum([len(row) for row in rows])
    cu.reserve_nested(KIND, total, len(rows), 64 + cu.SLOT_BYTES, cu.SLOT_BYTES)
    return FzArray([FzArray(row) for row in rows])


_array = cu.fz_array


# --------------------------------------------------------------------------- REF functions


@builtin("Array.length", "'a array -> int")
def length(array: FzArray) -> int:
    return len(array)


@builtin("Array.isEmpty", "'a array -> bool")
def is_empty(array: FzArray) -> bool:
    return not array


@builtin("Array.get", "int -> 'a array -> 'a")
def get(index: int, array: FzArray) -> Any:
    """REF order: the index comes first."""
    _check_index(index, array)
    return array[index]


@builtin("Array.set", "int -> 'a -> 'a array -> unit")
def set_(index: int, item: Any, array: FzArray) -> None:
    """REF order: index, value, array; mutates *array* in place."""
    _check_index(index, array)
    array[index] = item


@builtin("Array.ofList", "'a list -> 'a array")
def of_list(xs: Any) -> FzArray:
    return _array(to_pylist(xs))


@builtin("Array.toList", "'a array -> 'a list")
def to_list(array: FzArray) -> Any:
    cu.reserve("list", len(array))
    return from_iterable(array)


@builtin("Array.init", "int -> (int -> 'a) -> 'a array", context=True)
def init(ctx: Context, count: int, initializer: Fn) -> FzArray:
    cu.check_count(count)
    ctx.check_size(count, "array")
    cu.reserve(KIND, count)
    return FzArray(cu.each_index(initializer, count))


@builtin("Array.create", "int -> 'a -> 'a array", context=True)
def create(ctx: Context, count: int, item: Any) -> FzArray:
    cu.check_count(count)
    ctx.check_size(count, "array")
    cu.reserve(KIND, count)
    return FzArray([item] * count)


# --------------------------------------------------------------------------- building


@builtin("Array.replicate", "int -> 'a -> 'a array", context=True)
def replicate(ctx: Context, count: int, item: Any) -> FzArray:
    return create(ctx, count, item)


@builtin("Array.singleton", "'a -> 'a array")
def singleton(item: Any) -> FzArray:
    return FzArray([item])


@builtin("Array.copy", "'a array -> 'a array")
def copy(array: FzArray) -> FzArray:
    cu.reserve(KIND, len(array))
    return FzArray(array)


@builtin("Array.ofSeq", "'a seq -> 'a array")
def of_seq(source: Any) -> FzArray:
    return _array(cu.items_of(source))


@builtin("Array.toSeq", "'a array -> 'a seq")
def to_seq(array: FzArray) -> Any:
    cu.reserve("sequence", len(array))
    return from_iterable(array)


@builtin("Array.append", "'a array -> 'a array -> 'a array")
def append(first: FzArray, second: FzArray) -> FzArray:
    cu.reserve(KIND, len(first) + len(second))
    return FzArray([*first, *second])


@builtin("Array.concat", "'a array seq -> 'a array")
def concat(arrays: Any) -> FzArray:
    out: list[Any] = []
    growth = cu.Growth(KIND)
    for inner in cu.items_of(arrays):
        items = cu.items_of(inner)
        growth.add(len(items))
        out.extend(items)
    return _array(out)


@builtin("Array.allPairs", "'a array -> 'b array -> ('a * 'b) array", context=True)
def all_pairs(ctx: Context, first: FzArray, second: FzArray) -> FzArray:
    ctx.check_size(len(first) * len(second), "array")
    cu.reserve(KIND, len(first) * len(second), cu.TUPLE_BYTES)
    return FzArray(cu.all_pairs(first, second))


@builtin("Array.sub", "'a array -> int -> int -> 'a array")
def sub(array: FzArray, start: int, count: int) -> FzArray:
    if start < 0 or count < 0:
        cu.must_be_non_negative()
    if start + count > len(array):
        cu.out_of_range()
    cu.reserve(KIND, count)
    return FzArray(array[start : start + count])


@builtin("Array.blit", "'a array -> int -> 'a array -> int -> int -> unit")
def blit(
    source: FzArray, source_index: int, target: FzArray, target_index: int, count: int
) -> None:
    if source_index < 0 or target_index < 0 or count < 0:
        cu.must_be_non_negative()
    if source_index + count > len(source) or target_index + count > len(target):
        cu.out_of_range()
    target[target_index : target_index + count] = source[source_index : source_index + count]


@builtin("Array.fill", "'a array -> int -> int -> 'a -> unit")
def fill(target: FzArray, target_index: int, count: int, item: Any) -> None:
    if target_index < 0 or count < 0:
        cu.must_be_non_negative()
    if target_index + count > len(target):
        cu.out_of_range()
    target[target_index : target_index + count] = [item] * count


# --------------------------------------------------------------------------- mapping


@builtin("Array.map", "('a -> 'b) -> 'a array -> 'b array")
def map_(mapping: Fn, array: FzArray) -> FzArray:
    cu.reserve(KIND, len(array))
    if len(array) <= cu.BATCH:  # (cu.each, inlined for the common short array)
        return FzArray([mapping(x) for x in array])
    return FzArray(cu.each(mapping, array))


@builtin("Array.mapi", "(int -> 'a -> 'b) -> 'a array -> 'b array")
def mapi(mapping: Fn, array: FzArray) -> FzArray:
    cu.reserve(KIND, len(array))
    return FzArray(cu.each_indexed(mapping, array))


@builtin("Array.map2", "('a -> 'b -> 'c) -> 'a array -> 'b array -> 'c array")
def map2(mapping: Fn, first: FzArray, second: FzArray) -> FzArray:
    cu.same_lengths(KIND, first, second)
    cu.reserve(KIND, len(first))
    return FzArray(cu.each2(mapping, first, second))


@builtin("Array.map3", "('a -> 'b -> 'c -> 'd) -> 'a array -> 'b array -> 'c array -> 'd array")
def map3(mapping: Fn, first: FzArray, second: FzArray, third: FzArray) -> FzArray:
    cu.same_lengths(KIND, first, second, third)
    cu.reserve(KIND, len(first))
    return FzArray(cu.each3(mapping, first, second, third))


@builtin("Array.mapi2", "(int -> 'a -> 'b -> 'c) -> 'a array -> 'b array -> 'c array")
def mapi2(mapping: Fn, first: FzArray, second: FzArray) -> FzArray:
    cu.same_lengths(KIND, first, second)
    cu.reserve(KIND, len(first))
    return FzArray(cu.each_indexed2(mapping, first, second))


@builtin("Array.iter", "('a -> unit) -> 'a array -> unit")
def iter_(action: Fn, array: FzArray) -> None:
    for x in array:
        action(x)


@builtin("Array.iteri", "(int -> 'a -> unit) -> 'a array -> unit")
def iteri(action: Fn, array: FzArray) -> None:
    for i, x in enumerate(array):
        action(i)(x)


@builtin("Array.iter2", "('a -> 'b -> unit) -> 'a array -> 'b array -> unit")
def iter2(action: Fn, first: FzArray, second: FzArray) -> None:
    cu.same_lengths(KIND, first, second)
    for a, b in zip(first, second, strict=True):
        action(a)(b)


@builtin("Array.indexed", "'a array -> (int * 'a) array")
def indexed(array: FzArray) -> FzArray:
    cu.reserve(KIND, len(array), cu.TUPLE_BYTES)
    return FzArray(enumerate(array))


@builtin("Array.pairwise", "'a array -> ('a * 'a) array")
def pairwise(array: FzArray) -> FzArray:
    cu.reserve(KIND, len(array), cu.TUPLE_BYTES)
    return FzArray(cu.pairwise(array))


@builtin("Array.zip", "'a array -> 'b array -> ('a * 'b) array")
def zip_(first: FzArray, second: FzArray) -> FzArray:
    cu.same_lengths(KIND, first, second)
    cu.reserve(KIND, len(first), cu.TUPLE_BYTES)
    return FzArray(zip(first, second, strict=True))


@builtin("Array.zip3", "'a array -> 'b array -> 'c array -> ('a * 'b * 'c) array")
def zip3(first: FzArray, second: FzArray, third: FzArray) -> FzArray:
    cu.same_lengths(KIND, first, second, third)
    cu.reserve(KIND, len(first), cu.TUPLE_BYTES)
    return FzArray(zip(first, second, third, strict=True))


@builtin("Array.unzip", "('a * 'b) array -> 'a array * 'b array")
def unzip(pairs: FzArray) -> tuple[FzArray, FzArray]:
    cu.reserve(KIND, 2 * len(pairs))
    return FzArray([p[0] for p in pairs]), FzArray([p[1] for p in pairs])


@builtin("Array.unzip3", "('a * 'b * 'c) array -> 'a array * 'b array * 'c array")
def unzip3(triples: FzArray) -> tuple[FzArray, FzArray, FzArray]:
    cu.reserve(KIND, 3 * len(triples))
    return (
        FzArray([t[0] for t in triples]),
        FzArray([t[1] for t in triples]),
        FzArray([t[2] for t in triples]),
    )


@builtin("Array.transpose", "'a array seq -> 'a array array")
def transpose(arrays: Any) -> FzArray:
    rows: list[list[Any]] = []
    growth = cu.Growth(KIND)
    for row in cu.items_of(arrays):
        items = cu.items_of(row)
        growth.add(len(items))
        rows.append(items)
    return _arrays(cu.transpose(rows, KIND))


# --------------------------------------------------------------------------- selecting


@builtin("Array.filter", "('a -> bool) -> 'a array -> 'a array")
def filter_(predicate: Fn, array: FzArray) -> FzArray:
    return _array([x for x in array if predicate(x)])


@builtin("Array.where", "('a -> bool) -> 'a array -> 'a array")
def where(predicate: Fn, array: FzArray) -> FzArray:
    return filter_(predicate, array)


@builtin("Array.choose", "('a -> 'b option) -> 'a array -> 'b array")
def choose(chooser: Fn, array: FzArray) -> FzArray:
    return _array(cu.choose(chooser, array))


@builtin("Array.collect", "('a -> 'b array) -> 'a array -> 'b array")
def collect(mapping: Fn, array: FzArray) -> FzArray:
    out: list[Any] = []
    growth = cu.Growth(KIND)
    for x in array:
        items = cu.items_of(mapping(x))
        growth.add(len(items))
        out.extend(items)
    return _array(out)


@builtin("Array.partition", "('a -> bool) -> 'a array -> 'a array * 'a array")
def partition(predicate: Fn, array: FzArray) -> tuple[FzArray, FzArray]:
    cu.reserve(KIND, len(array))
    yes, no = FzArray(), FzArray()
    for x in array:
        (yes if predicate(x) else no).append(x)
    return yes, no


@builtin("Array.groupBy", "('a -> 'k) -> 'a array -> ('k * 'a array) array")
def group_by(projection: Fn, array: FzArray) -> FzArray:
    groups = cu.group_by(projection, array)
    cu.reserve_nested(KIND, len(array), len(groups), 64 + cu.TUPLE_BYTES, cu.SLOT_BYTES)
    return FzArray([(key, FzArray(items)) for key, items in groups])


@builtin("Array.countBy", "('a -> 'k) -> 'a array -> ('k * int) array")
def count_by(projection: Fn, array: FzArray) -> FzArray:
    return _array(cu.count_by(projection, array))


@builtin("Array.distinct", "'a array -> 'a array")
def distinct(array: FzArray) -> FzArray:
    return _array(cu.distinct_by(None, array))


@builtin("Array.distinctBy", "('a -> 'k) -> 'a array -> 'a array")
def distinct_by(projection: Fn, array: FzArray) -> FzArray:
    return _array(cu.distinct_by(projection, array))


@builtin("Array.contains", "'a -> 'a array -> bool")
def contains(item: Any, array: FzArray) -> bool:
    return cu.contains(item, array)


@builtin("Array.exists", "('a -> bool) -> 'a array -> bool")
def exists(predicate: Fn, array: FzArray) -> bool:
    for x in array:
        if predicate(x):
            return True
    return False


@builtin("Array.forall", "('a -> bool) -> 'a array -> bool")
def forall(predicate: Fn, array: FzArray) -> bool:
    for x in array:
        if not predicate(x):
            return False
    return True


@builtin("Array.exists2", "('a -> 'b -> bool) -> 'a array -> 'b array -> bool")
def exists2(predicate: Fn, first: FzArray, second: FzArray) -> bool:
    cu.same_lengths(KIND, first, second)
    for a, b in zip(first, second, strict=True):
        if predicate(a)(b):
            return True
    return False


@builtin("Array.forall2", "('a -> 'b -> bool) -> 'a array -> 'b array -> bool")
def forall2(predicate: Fn, first: FzArray, second: FzArray) -> bool:
    cu.same_lengths(KIND, first, second)
    for a, b in zip(first, second, strict=True):
        if not predicate(a)(b):
            return False
    return True


@builtin("Array.find", "('a -> bool) -> 'a array -> 'a")
def find(predicate: Fn, array: FzArray) -> Any:
    items = array
    index = cu.find_index(predicate, items)
    if index < 0:
        cu.not_found()
    return items[index]


@builtin("Array.tryFind", "('a -> bool) -> 'a array -> 'a option")
def try_find(predicate: Fn, array: FzArray) -> Any:
    items = array
    index = cu.find_index(predicate, items)
    return NONE if index < 0 else make_some(items[index])


@builtin("Array.findBack", "('a -> bool) -> 'a array -> 'a")
def find_back(predicate: Fn, array: FzArray) -> Any:
    items = array
    index = cu.find_index(predicate, items, backwards=True)
    if index < 0:
        cu.not_found()
    return items[index]


@builtin("Array.tryFindBack", "('a -> bool) -> 'a array -> 'a option")
def try_find_back(predicate: Fn, array: FzArray) -> Any:
    items = array
    index = cu.find_index(predicate, items, backwards=True)
    return NONE if index < 0 else make_some(items[index])


@builtin("Array.findIndex", "('a -> bool) -> 'a array -> int")
def find_index(predicate: Fn, array: FzArray) -> int:
    index = cu.find_index(predicate, array)
    if index < 0:
        cu.not_found()
    return index


@builtin("Array.tryFindIndex", "('a -> bool) -> 'a array -> int option")
def try_find_index(predicate: Fn, array: FzArray) -> Any:
    index = cu.find_index(predicate, array)
    return NONE if index < 0 else make_some(index)


@builtin("Array.findIndexBack", "('a -> bool) -> 'a array -> int")
def find_index_back(predicate: Fn, array: FzArray) -> int:
    index = cu.find_index(predicate, array, backwards=True)
    if index < 0:
        cu.not_found()
    return index


@builtin("Array.tryFindIndexBack", "('a -> bool) -> 'a array -> int option")
def try_find_index_back(predicate: Fn, array: FzArray) -> Any:
    index = cu.find_index(predicate, array, backwards=True)
    return NONE if index < 0 else make_some(index)


@builtin("Array.pick", "('a -> 'b option) -> 'a array -> 'b")
def pick(chooser: Fn, array: FzArray) -> Any:
    found = cu.pick(chooser, array)
    if found[0] is not SOME_TAG:
        cu.not_found()
    return found[1]


@builtin("Array.tryPick", "('a -> 'b option) -> 'a array -> 'b option")
def try_pick(chooser: Fn, array: FzArray) -> Any:
    return cu.pick(chooser, array)


# --------------------------------------------------------------------------- positions


@builtin("Array.head", "'a array -> 'a")
def head(array: FzArray) -> Any:
    if not array:
        cu.empty_input(KIND)
    return array[0]


@builtin("Array.tryHead", "'a array -> 'a option")
def try_head(array: FzArray) -> Any:
    return make_some(array[0]) if array else NONE


@builtin("Array.last", "'a array -> 'a")
def last(array: FzArray) -> Any:
    if not array:
        cu.empty_input(KIND)
    return array[-1]


@builtin("Array.tryLast", "'a array -> 'a option")
def try_last(array: FzArray) -> Any:
    return make_some(array[-1]) if array else NONE


@builtin("Array.item", "int -> 'a array -> 'a")
def item(index: int, array: FzArray) -> Any:
    _check_index(index, array)
    return array[index]


@builtin("Array.tryItem", "int -> 'a array -> 'a option")
def try_item(index: int, array: FzArray) -> Any:
    return make_some(array[index]) if 0 <= index < len(array) else NONE


@builtin("Array.exactlyOne", "'a array -> 'a")
def exactly_one(array: FzArray) -> Any:
    return cu.exactly_one(array, KIND)


@builtin("Array.tryExactlyOne", "'a array -> 'a option")
def try_exactly_one(array: FzArray) -> Any:
    return make_some(array[0]) if len(array) == 1 else NONE


@builtin("Array.take", "int -> 'a array -> 'a array")
def take(count: int, array: FzArray) -> FzArray:
    return _array(cu.take(count, array, KIND))


@builtin("Array.skip", "int -> 'a array -> 'a array")
def skip(count: int, array: FzArray) -> FzArray:
    return _array(cu.skip(count, array, KIND))


@builtin("Array.truncate", "int -> 'a array -> 'a array")
def truncate(count: int, array: FzArray) -> FzArray:
    return _array(array[: max(count, 0)])


@builtin("Array.takeWhile", "('a -> bool) -> 'a array -> 'a array")
def take_while(predicate: Fn, array: FzArray) -> FzArray:
    return _array(cu.take_while(predicate, array))


@builtin("Array.skipWhile", "('a -> bool) -> 'a array -> 'a array")
def skip_while(predicate: Fn, array: FzArray) -> FzArray:
    return _array(cu.skip_while(predicate, array))


@builtin("Array.splitAt", "int -> 'a array -> 'a array * 'a array")
def split_at(index: int, array: FzArray) -> tuple[FzArray, FzArray]:
    before, after = cu.split_at(index, array, KIND)
    cu.reserve(KIND, len(array))
    return FzArray(before), FzArray(after)


@builtin("Array.windowed", "int -> 'a array -> 'a array array", context=True)
def windowed(ctx: Context, size: int, array: FzArray) -> FzArray:
    if size <= 0:
        cu.must_be_positive()
    windows = max(len(array) - size + 1, 0)
    ctx.check_size(windows * size, "array")
    # the windows as Python lists, then as arrays
    cu.reserve_nested(KIND, windows * size, windows, 2 * 64 + cu.SLOT_BYTES, 2 * cu.SLOT_BYTES)
    return _arrays(cu.windowed(size, array))


@builtin("Array.chunkBySize", "int -> 'a array -> 'a array array")
def chunk_by_size(size: int, array: FzArray) -> FzArray:
    return _arrays(cu.chunk_by_size(size, array, KIND, 64, cu.SLOT_BYTES))


@builtin("Array.insertAt", "int -> 'a -> 'a array -> 'a array")
def insert_at(index: int, item: Any, array: FzArray) -> FzArray:
    return _array(cu.insert_at(index, item, array))


@builtin("Array.removeAt", "int -> 'a array -> 'a array")
def remove_at(index: int, array: FzArray) -> FzArray:
    return _array(cu.remove_at(index, array))


@builtin("Array.updateAt", "int -> 'a -> 'a array -> 'a array")
def update_at(index: int, item: Any, array: FzArray) -> FzArray:
    return _array(cu.update_at(index, item, array))


# --------------------------------------------------------------------------- folding


@builtin("Array.fold", "('s -> 'a -> 's) -> 's -> 'a array -> 's")
def fold(folder: Fn, state: Any, array: FzArray) -> Any:
    step = cu.uncurried2(folder)
    for x in array:
        state = step(state, x)
    return state


@builtin("Array.foldBack", "('a -> 's -> 's) -> 'a array -> 's -> 's")
def fold_back(folder: Fn, array: FzArray, state: Any) -> Any:
    for x in reversed(array):
        state = folder(x)(state)
    return state


@builtin("Array.fold2", "('s -> 'a -> 'b -> 's) -> 's -> 'a array -> 'b array -> 's")
def fold2(folder: Fn, state: Any, first: FzArray, second: FzArray) -> Any:
    cu.same_lengths(KIND, first, second)
    for a, b in zip(first, second, strict=True):
        state = folder(state)(a)(b)
    return state


@builtin("Array.reduce", "('a -> 'a -> 'a) -> 'a array -> 'a")
def reduce(reduction: Fn, array: FzArray) -> Any:
    return cu.reduce_items(reduction, array, KIND)


@builtin("Array.reduceBack", "('a -> 'a -> 'a) -> 'a array -> 'a")
def reduce_back(reduction: Fn, array: FzArray) -> Any:
    return cu.reduce_back(reduction, array, KIND)


@builtin("Array.scan", "('s -> 'a -> 's) -> 's -> 'a array -> 's array")
def scan(folder: Fn, state: Any, array: FzArray) -> FzArray:
    return _array(cu.scan(folder, state, array))


# --------------------------------------------------------------------------- numbers


@builtin("Array.sum", "'a array -> 'a")
def sum_(array: FzArray) -> Any:
    return cu.sum_values(array)


@builtin("Array.sumBy", "('a -> 'b) -> 'a array -> 'b")
def sum_by(projection: Fn, array: FzArray) -> Any:
    return cu.sum_values(cu.each(projection, array))


@builtin("Array.average", "'frac array -> 'frac")
def average(array: FzArray) -> Any:
    return cu.average(array, KIND)


@builtin("Array.averageBy", "('a -> 'frac) -> 'a array -> 'frac")
def average_by(projection: Fn, array: FzArray) -> Any:
    return cu.average(cu.each(projection, array), KIND)


@builtin("Array.max", "'a array -> 'a")
def max_(array: FzArray) -> Any:
    return cu.max_item(array, KIND)


@builtin("Array.min", "'a array -> 'a")
def min_(array: FzArray) -> Any:
    return cu.min_item(array, KIND)


@builtin("Array.maxBy", "('a -> 'b) -> 'a array -> 'a")
def max_by(projection: Fn, array: FzArray) -> Any:
    return cu.max_by(projection, array, KIND)


@builtin("Array.minBy", "('a -> 'b) -> 'a array -> 'a")
def min_by(projection: Fn, array: FzArray) -> Any:
    return cu.min_by(projection, array, KIND)


# --------------------------------------------------------------------------- sorting


@builtin("Array.rev", "'a array -> 'a array")
def rev(array: FzArray) -> FzArray:
    cu.reserve(KIND, len(array))
    return FzArray(reversed(array))


@builtin("Array.sort", "'a array -> 'a array")
def sort(array: FzArray) -> FzArray:
    return _array(cu.sort_items(array))


@builtin("Array.sortBy", "('a -> 'k) -> 'a array -> 'a array")
def sort_by(projection: Fn, array: FzArray) -> FzArray:
    return _array(cu.sort_items(array, projection))


@builtin("Array.sortDescending", "'a array -> 'a array")
def sort_descending(array: FzArray) -> FzArray:
    return _array(cu.sort_items(array, descending=True))


@builtin("Array.sortByDescending", "('a -> 'k) -> 'a array -> 'a array")
def sort_by_descending(projection: Fn, array: FzArray) -> FzArray:
    return _array(cu.sort_items(array, projection, descending=True))


@builtin("Array.sortWith", "('a -> 'a -> int) -> 'a array -> 'a array")
def sort_with(comparer: Fn, array: FzArray) -> FzArray:
    return _array(cu.sort_with(array, comparer))


@builtin("Array.sortInPlace", "'a array -> unit")
def sort_in_place(array: FzArray) -> None:
    array[:] = cu.sort_items(array)


@builtin("Array.sortInPlaceBy", "('a -> 'k) -> 'a array -> unit")
def sort_in_place_by(projection: Fn, array: FzArray) -> None:
    array[:] = cu.sort_items(array, projection)


@builtin("Array.sortInPlaceWith", "('a -> 'a -> int) -> 'a array -> unit")
def sort_in_place_with(comparer: Fn, array: FzArray) -> None:
    array[:] = cu.sort_with(array, comparer)


# --------------------------------------------------------------------------- more of FSharp.Core


@builtin("Array.compareWith", "('a -> 'a -> int) -> 'a array -> 'a array -> int")
def compare_with(comparer: Fn, first: FzArray, second: FzArray) -> int:
    return cu.compare_with(comparer, first, second)


@builtin("Array.except", "'a seq -> 'a array -> 'a array")
def except_(excluded: Any, array: FzArray) -> FzArray:
    """The distinct elements of *array* that are not in *excluded*, as F# gives them."""
    return _array(cu.except_items(cu.items_of(excluded), array))


@builtin("Array.foldBack2", "('a -> 'b -> 's -> 's) -> 'a array -> 'b array -> 's -> 's")
def fold_back2(folder: Fn, first: FzArray, second: FzArray, state: Any) -> Any:
    return cu.fold_back2(folder, first, second, state, KIND)


@builtin("Array.iteri2", "(int -> 'a -> 'b -> unit) -> 'a array -> 'b array -> unit")
def iteri2(action: Fn, first: FzArray, second: FzArray) -> None:
    cu.iter_indexed2(action, first, second, KIND)


@builtin("Array.mapFold", "('s -> 'a -> 'b * 's) -> 's -> 'a array -> 'b array * 's")
def map_fold(mapping: Fn, state: Any, array: FzArray) -> tuple[FzArray, Any]:
    results, state = cu.map_fold(mapping, state, array)
    return _array(results), state


@builtin("Array.mapFoldBack", "('a -> 's -> 'b * 's) -> 'a array -> 's -> 'b array * 's")
def map_fold_back(mapping: Fn, array: FzArray, state: Any) -> tuple[FzArray, Any]:
    results, state = cu.map_fold_back(mapping, list(array), state)
    return _array(results), state


@builtin("Array.permute", "(int -> int) -> 'a array -> 'a array")
def permute(indexer: Fn, array: FzArray) -> FzArray:
    return _array(cu.permute(indexer, array))


@builtin("Array.scanBack", "('a -> 's -> 's) -> 'a array -> 's -> 's array")
def scan_back(folder: Fn, array: FzArray, state: Any) -> FzArray:
    return _array(cu.scan_back(folder, array, state))


@builtin("Array.splitInto", "int -> 'a array -> 'a array array")
def split_into(count: int, array: FzArray) -> FzArray:
    return _arrays(cu.split_into(count, list(array)))


@builtin("Array.unfold", "('s -> ('a * 's) option) -> 's -> 'a array")
def unfold(generator: Fn, state: Any) -> FzArray:
    return _array(cu.unfold(generator, state, KIND))


@builtin("Array.tail", "'a array -> 'a array")
def tail(array: FzArray) -> FzArray:
    if not array:
        fail("ArgumentException", "The input array was empty.")
    return _array(array[1:])


@builtin("Array.zeroCreate", "int -> int array", context=True)
def zero_create(ctx: Context, count: int) -> FzArray:
    """F#'s ``Array.zeroCreate``, for arrays of ints (F# fills any array with its element
    type's default, which a value of an unknown type does not give here: for other element
    types, ``Array.create count value``)."""
    return create(ctx, count, 0)


# --------------------------------------------------------------------------- System.Array
# .NET's static methods F# code calls as ``System.Array.IndexOf(arr, x)`` (or ``Array.X``
# after ``open System``): their arguments come as one tuple, as .NET methods take them.


def _array_and(name: str, args: object) -> tuple[FzArray, Any]:
    if type(args) is not tuple or len(args) != 2 or type(args[0]) is not FzArray:
        fail("ArgumentException", f"Array.{name} expects (an array, a value)")
    return args[0], args[1]


@builtin("Array.IndexOf", "'a array * 'a -> int")
def dotnet_index_of(args: tuple[FzArray, Any]) -> int:
    """.NET's ``Array.IndexOf(array, value)``: the first index holding *value*, or -1."""
    array, wanted = _array_and("IndexOf", args)
    return next((i for i, item in enumerate(array) if equals(item, wanted)), -1)


@builtin("Array.Sort", "'a array -> unit")
def dotnet_sort(array: FzArray) -> None:
    """.NET's ``Array.Sort(array)``: in place."""
    sort_in_place(array)


@builtin("Array.Reverse", "'a array -> unit")
def dotnet_reverse(array: FzArray) -> None:
    """.NET's ``Array.Reverse(array)``: in place."""
    if type(array) is not FzArray:
        fail("ArgumentException", "Array.Reverse expects an array")
    array.reverse()
