"""The ``List`` module: immutable cons lists.

Every function of the upstream (REF) ``List`` module keeps its name, arity and argument order
(``List.nth index list`` returns an option and never fails; ``List.reverse``; ``List.concat``
takes a list of lists), and the F# core ``List`` functions REF lacks are added with F# names,
signatures and semantics.  Errors are the F# exceptions with FSharp.Core's messages, e.g.
``List.head []`` raises ``ArgumentException "The input list was empty."``.

Deliberate deviations:

* ``List.sum``/``List.sumBy`` are typed ``'a list -> 'a``: our signatures cannot express F#'s
  numeric constraint.  They add ints (wrapping at 64 bits) or floats; the sum of an empty list
  is the int ``0`` whatever the element type, since the element type is not known at run time.
* ``List.average``/``List.averageBy`` are typed for floats only.
* Sorts are stable everywhere (F# only promises it for lists).
* Every function that builds a list checks its size against the run's collection-size and
  memory limits *before* allocating it (``List.init``, ``List.replicate``, ``List.allPairs``,
  ``List.windowed`` also against the instance's ``max_collection_size``); ``List.collect`` and
  ``List.concat`` check as the result grows.

Lists can be very long: every function loops; none recurses in Python per element.  Plugin
callbacks are only called from Python loops and comprehensions, never from inside a C function
(see :mod:`~fusabi_host.lang.stdlib.collections_util`), so recursion through a callback cannot
overflow the C stack.
"""

from __future__ import annotations

from typing import Any

from fusabi_host.lang.context import Context
from fusabi_host.lang.guard import FEW_ITEMS, could_refuse_items, spend
from fusabi_host.lang.stdlib import collections_util as cu
from fusabi_host.lang.stdlib.collections_util import Fn
from fusabi_host.lang.stdlib.registry import builtin, upstream_form, value
from fusabi_host.lang.values import (
    NIL,
    NONE,
    SOME_TAG,
    FzArray,
    equals,
    from_iterable,
    make_some,
    to_pylist,
)

KIND = "list"
_MASK = cu.BATCH - 1

value("List.empty", "'a list", NIL)


def _prepend(items: list[Any], tail: Any) -> Any:
    """*items* consed in front of *tail* (which is shared, not copied)."""
    cu.reserve(KIND, len(items))
    result = tail
    for item in reversed(items):
        result = [item, result]
    return result


def _lists(rows: list[Any]) -> Any:
    """A Fusabi list of Fusabi lists from a Python list of Python lists."""
    total = sum([len(row) for row in rows])
    cu.reserve_nested(KIND, total, len(rows), cu.CELL_BYTES, cu.CELL_BYTES)
    return from_iterable([from_iterable(row) for row in rows])


_list = cu.fz_list


# --------------------------------------------------------------------------- REF functions


@builtin("List.length", "'a list -> int")
def length(xs: Any) -> int:
    count = 0
    while xs is not NIL:
        count += 1
        xs = xs[1]
    return count


@builtin("List.head", "'a list -> 'a")
def head(xs: Any) -> Any:
    if xs is NIL:
        cu.empty_input(KIND)
    return xs[0]


@builtin("List.tail", "'a list -> 'a list")
def tail(xs: Any) -> Any:
    if xs is NIL:
        cu.empty_input(KIND)
    return xs[1]


@builtin("List.reverse", "'a list -> 'a list")
def reverse(xs: Any) -> Any:
    """The cells of *xs* in reverse order.  A list of at most :data:`~guard.FEW_ITEMS` cells
    (the usual accumulator an F# loop reverses at its end) is reversed as it is walked, and
    checked against the limits after, where one could refuse it; a longer one is counted and
    reserved before any cell is made."""
    result: Any = NIL
    node = xs
    count = 0
    while node is not NIL:
        if count == FEW_ITEMS:
            items = to_pylist(xs)
            cu.reserve(KIND, len(items))
            result = NIL
            for item in items:
                result = [item, result]
            return result
        result = [node[0], result]
        node = node[1]
        count += 1
    if could_refuse_items(count, cu.CELL_BYTES):
        cu.reserve(KIND, count)
    return result


@builtin("List.isEmpty", "'a list -> bool")
def is_empty(xs: Any) -> bool:
    return xs is NIL


@builtin("List.append", "'a list -> 'a list -> 'a list")
def append(first: Any, second: Any) -> Any:
    return _prepend(to_pylist(first), second)


@builtin("List.concat", "'a list list -> 'a list")
def concat(lists: Any) -> Any:
    out: list[Any] = []
    growth = cu.Growth(KIND)
    for inner in cu.items_of(lists):
        items = cu.items_of(inner)
        growth.add(len(items))
        out.extend(items)
    return _list(out)


@builtin("List.map", "('a -> 'b) -> 'a list -> 'b list")
def map_(mapping: Fn, xs: Any) -> Any:
    out: list[Any] = []
    append_ = out.append
    count = 0
    while xs is not NIL:
        append_(mapping(xs[0]))
        xs = xs[1]
        count += 1
        if not count & _MASK:
            spend(cu.BATCH)
    return _list(out)


@builtin("List.mapi", "(int -> 'a -> 'b) -> 'a list -> 'b list")
def mapi(mapping: Fn, xs: Any) -> Any:
    out: list[Any] = []
    index = 0
    while xs is not NIL:
        out.append(mapping(index)(xs[0]))
        index += 1
        xs = xs[1]
        if not index & _MASK:
            spend(cu.BATCH)
    return _list(out)


@builtin("List.iter", "('a -> unit) -> 'a list -> unit")
def iter_(action: Fn, xs: Any) -> None:
    while xs is not NIL:
        action(xs[0])
        xs = xs[1]


@builtin("List.filter", "('a -> bool) -> 'a list -> 'a list")
def filter_(predicate: Fn, xs: Any) -> Any:
    out: list[Any] = []
    while xs is not NIL:
        item = xs[0]
        if predicate(item):
            out.append(item)
        xs = xs[1]
    return _list(out)


@builtin("List.fold", "('s -> 'a -> 's) -> 's -> 'a list -> 's")
def fold(folder: Fn, state: Any, xs: Any) -> Any:
    step = cu.uncurried2(folder)
    while xs is not NIL:
        state = step(state, xs[0])
        xs = xs[1]
    return state


@builtin("List.exists", "('a -> bool) -> 'a list -> bool")
def exists(predicate: Fn, xs: Any) -> bool:
    while xs is not NIL:
        if predicate(xs[0]):
            return True
        xs = xs[1]
    return False


@builtin("List.find", "('a -> bool) -> 'a list -> 'a")
def find(predicate: Fn, xs: Any) -> Any:
    found = try_find(predicate, xs)
    if found is NONE:
        cu.not_found()
    return found[1]


@builtin("List.tryFind", "('a -> bool) -> 'a list -> 'a option")
def try_find(predicate: Fn, xs: Any) -> Any:
    while xs is not NIL:
        item = xs[0]
        if predicate(item):
            return make_some(item)
        xs = xs[1]
    return NONE


@builtin("List.nth", "'a list -> int -> 'a")
def nth_fsharp(xs: Any, index: int) -> Any:
    """F#'s ``List.nth list index`` (as ``List.item``, the list first)."""
    return item(index, xs)


@upstream_form("List.nth", "int -> 'a list -> 'a option")
def nth(index: int, xs: Any) -> Any:
    """Upstream's ``List.nth index list``: the index comes first; out of range (negative too)
    gives ``None``.  Taken when the first argument is an int."""
    if index < 0:
        return NONE
    while xs is not NIL:
        if index == 0:
            return make_some(xs[0])
        index -= 1
        xs = xs[1]
    return NONE


# --------------------------------------------------------------------------- numbers


@builtin("List.sum", "'a list -> 'a")
def sum_(xs: Any) -> Any:
    return cu.sum_values(to_pylist(xs))


@builtin("List.sumBy", "('a -> 'b) -> 'a list -> 'b")
def sum_by(projection: Fn, xs: Any) -> Any:
    return cu.sum_values(cu.each(projection, to_pylist(xs)))


@builtin("List.average", "'frac list -> 'frac")
def average(xs: Any) -> Any:
    return cu.average(to_pylist(xs), KIND)


@builtin("List.averageBy", "('a -> 'frac) -> 'a list -> 'frac")
def average_by(projection: Fn, xs: Any) -> Any:
    return cu.average(cu.each(projection, to_pylist(xs)), KIND)


@builtin("List.max", "'a list -> 'a")
def max_(xs: Any) -> Any:
    return cu.max_item(to_pylist(xs), KIND)


@builtin("List.min", "'a list -> 'a")
def min_(xs: Any) -> Any:
    return cu.min_item(to_pylist(xs), KIND)


@builtin("List.maxBy", "('a -> 'b) -> 'a list -> 'a")
def max_by(projection: Fn, xs: Any) -> Any:
    return cu.max_by(projection, to_pylist(xs), KIND)


@builtin("List.minBy", "('a -> 'b) -> 'a list -> 'a")
def min_by(projection: Fn, xs: Any) -> Any:
    return cu.min_by(projection, to_pylist(xs), KIND)


# --------------------------------------------------------------------------- sorting


@builtin("List.sort", "'a list -> 'a list")
def sort(xs: Any) -> Any:
    return _list(cu.sort_items(to_pylist(xs)))


@builtin("List.sortBy", "('a -> 'k) -> 'a list -> 'a list")
def sort_by(projection: Fn, xs: Any) -> Any:
    return _list(cu.sort_items(to_pylist(xs), projection))


@builtin("List.sortDescending", "'a list -> 'a list")
def sort_descending(xs: Any) -> Any:
    return _list(cu.sort_items(to_pylist(xs), descending=True))


@builtin("List.sortByDescending", "('a -> 'k) -> 'a list -> 'a list")
def sort_by_descending(projection: Fn, xs: Any) -> Any:
    return _list(cu.sort_items(to_pylist(xs), projection, descending=True))


@builtin("List.sortWith", "('a -> 'a -> int) -> 'a list -> 'a list")
def sort_with(comparer: Fn, xs: Any) -> Any:
    return _list(cu.sort_with(to_pylist(xs), comparer))


# --------------------------------------------------------------------------- building


@builtin("List.rev", "'a list -> 'a list")
def rev(xs: Any) -> Any:
    return reverse(xs)


@builtin("List.init", "int -> (int -> 'a) -> 'a list", context=True)
def init(ctx: Context, count: int, initializer: Fn) -> Any:
    cu.check_count(count)
    ctx.check_size(count, "list")
    cu.reserve(KIND, count)
    return from_iterable(cu.each_index(initializer, count))


@builtin("List.replicate", "int -> 'a -> 'a list", context=True)
def replicate(ctx: Context, count: int, initial: Any) -> Any:
    cu.check_count(count)
    ctx.check_size(count, "list")
    cu.reserve(KIND, count)
    return from_iterable([initial] * count)


@builtin("List.singleton", "'a -> 'a list")
def singleton(item: Any) -> Any:
    return [item, NIL]


@builtin("List.ofArray", "'a array -> 'a list")
def of_array(array: Any) -> Any:
    cu.reserve(KIND, len(array))
    return from_iterable(array)


@builtin("List.toArray", "'a list -> 'a array")
def to_array(xs: Any) -> FzArray:
    return cu.fz_array(to_pylist(xs))


@builtin("List.ofSeq", "'a seq -> 'a list")
def of_seq(source: Any) -> Any:
    if type(source) is list or source is NIL:
        return source
    return _list(cu.items_of(source))


@builtin("List.toSeq", "'a list -> 'a seq")
def to_seq(xs: Any) -> Any:
    return xs


@builtin("List.allPairs", "'a list -> 'b list -> ('a * 'b) list", context=True)
def all_pairs(ctx: Context, first: Any, second: Any) -> Any:
    left, right = to_pylist(first), to_pylist(second)
    ctx.check_size(len(left) * len(right), "list")
    cu.reserve(KIND, len(left) * len(right), cu.TUPLE_BYTES)
    return from_iterable(cu.all_pairs(left, right))


# --------------------------------------------------------------------------- zipping


@builtin("List.zip", "'a list -> 'b list -> ('a * 'b) list")
def zip_(first: Any, second: Any) -> Any:
    left, right = to_pylist(first), to_pylist(second)
    cu.same_lengths(KIND, left, right)
    cu.reserve(KIND, len(left), cu.TUPLE_BYTES)
    return from_iterable(list(zip(left, right, strict=True)))


@builtin("List.zip3", "'a list -> 'b list -> 'c list -> ('a * 'b * 'c) list")
def zip3(first: Any, second: Any, third: Any) -> Any:
    a, b, c = to_pylist(first), to_pylist(second), to_pylist(third)
    cu.same_lengths(KIND, a, b, c)
    cu.reserve(KIND, len(a), cu.TUPLE_BYTES)
    return from_iterable(list(zip(a, b, c, strict=True)))


@builtin("List.unzip", "('a * 'b) list -> 'a list * 'b list")
def unzip(pairs: Any) -> tuple[Any, Any]:
    items: list[Any] = to_pylist(pairs)
    cu.reserve(KIND, 2 * len(items))
    return from_iterable([p[0] for p in items]), from_iterable([p[1] for p in items])


@builtin("List.unzip3", "('a * 'b * 'c) list -> 'a list * 'b list * 'c list")
def unzip3(triples: Any) -> tuple[Any, Any, Any]:
    items: list[Any] = to_pylist(triples)
    cu.reserve(KIND, 3 * len(items))
    return (
        from_iterable([t[0] for t in items]),
        from_iterable([t[1] for t in items]),
        from_iterable([t[2] for t in items]),
    )


@builtin("List.map2", "('a -> 'b -> 'c) -> 'a list -> 'b list -> 'c list")
def map2(mapping: Fn, first: Any, second: Any) -> Any:
    left, right = to_pylist(first), to_pylist(second)
    cu.same_lengths(KIND, left, right)
    cu.reserve(KIND, len(left))
    return from_iterable(cu.each2(mapping, left, right))


@builtin("List.map3", "('a -> 'b -> 'c -> 'd) -> 'a list -> 'b list -> 'c list -> 'd list")
def map3(mapping: Fn, first: Any, second: Any, third: Any) -> Any:
    a, b, c = to_pylist(first), to_pylist(second), to_pylist(third)
    cu.same_lengths(KIND, a, b, c)
    cu.reserve(KIND, len(a))
    return from_iterable(cu.each3(mapping, a, b, c))


@builtin("List.mapi2", "(int -> 'a -> 'b -> 'c) -> 'a list -> 'b list -> 'c list")
def mapi2(mapping: Fn, first: Any, second: Any) -> Any:
    left, right = to_pylist(first), to_pylist(second)
    cu.same_lengths(KIND, left, right)
    cu.reserve(KIND, len(left))
    return from_iterable(cu.each_indexed2(mapping, left, right))


@builtin("List.iter2", "('a -> 'b -> unit) -> 'a list -> 'b list -> unit")
def iter2(action: Fn, first: Any, second: Any) -> None:
    left, right = to_pylist(first), to_pylist(second)
    cu.same_lengths(KIND, left, right)
    for a, b in zip(left, right, strict=True):
        action(a)(b)


@builtin("List.iteri", "(int -> 'a -> unit) -> 'a list -> unit")
def iteri(action: Fn, xs: Any) -> None:
    index = 0
    while xs is not NIL:
        action(index)(xs[0])
        index += 1
        xs = xs[1]


@builtin("List.fold2", "('s -> 'a -> 'b -> 's) -> 's -> 'a list -> 'b list -> 's")
def fold2(folder: Fn, state: Any, first: Any, second: Any) -> Any:
    left, right = to_pylist(first), to_pylist(second)
    cu.same_lengths(KIND, left, right)
    for a, b in zip(left, right, strict=True):
        state = folder(state)(a)(b)
    return state


@builtin("List.forall2", "('a -> 'b -> bool) -> 'a list -> 'b list -> bool")
def forall2(predicate: Fn, first: Any, second: Any) -> bool:
    left, right = to_pylist(first), to_pylist(second)
    cu.same_lengths(KIND, left, right)
    for a, b in zip(left, right, strict=True):
        if not predicate(a)(b):
            return False
    return True


@builtin("List.exists2", "('a -> 'b -> bool) -> 'a list -> 'b list -> bool")
def exists2(predicate: Fn, first: Any, second: Any) -> bool:
    left, right = to_pylist(first), to_pylist(second)
    cu.same_lengths(KIND, left, right)
    for a, b in zip(left, right, strict=True):
        if predicate(a)(b):
            return True
    return False


@builtin("List.indexed", "'a list -> (int * 'a) list")
def indexed(xs: Any) -> Any:
    items = to_pylist(xs)
    cu.reserve(KIND, len(items), cu.TUPLE_BYTES)
    return from_iterable(list(enumerate(items)))


@builtin("List.pairwise", "'a list -> ('a * 'a) list")
def pairwise(xs: Any) -> Any:
    items = to_pylist(xs)
    cu.reserve(KIND, len(items), cu.TUPLE_BYTES)
    return from_iterable(cu.pairwise(items))


@builtin("List.transpose", "'a list list -> 'a list list")
def transpose(lists: Any) -> Any:
    rows: list[list[Any]] = []
    growth = cu.Growth(KIND)
    for row in to_pylist(lists):
        items = to_pylist(row)
        growth.add(len(items))
        rows.append(items)
    return _lists(cu.transpose(rows, KIND))


# --------------------------------------------------------------------------- selecting


@builtin("List.choose", "('a -> 'b option) -> 'a list -> 'b list")
def choose(chooser: Fn, xs: Any) -> Any:
    return _list(cu.choose(chooser, to_pylist(xs)))


@builtin("List.collect", "('a -> 'b list) -> 'a list -> 'b list")
def collect(mapping: Fn, xs: Any) -> Any:
    out: list[Any] = []
    growth = cu.Growth(KIND)
    while xs is not NIL:
        items = cu.items_of(mapping(xs[0]))
        growth.add(len(items))
        out.extend(items)
        xs = xs[1]
    return _list(out)


@builtin("List.where", "('a -> bool) -> 'a list -> 'a list")
def where(predicate: Fn, xs: Any) -> Any:
    return filter_(predicate, xs)


@builtin("List.partition", "('a -> bool) -> 'a list -> 'a list * 'a list")
def partition(predicate: Fn, xs: Any) -> tuple[Any, Any]:
    yes: list[Any] = []
    no: list[Any] = []
    while xs is not NIL:
        item = xs[0]
        (yes if predicate(item) else no).append(item)
        xs = xs[1]
    cu.reserve(KIND, len(yes) + len(no))
    return from_iterable(yes), from_iterable(no)


@builtin("List.groupBy", "('a -> 'k) -> 'a list -> ('k * 'a list) list")
def group_by(projection: Fn, xs: Any) -> Any:
    items_ = to_pylist(xs)
    groups = cu.group_by(projection, items_)
    cu.reserve_nested(KIND, len(items_), len(groups), cu.CELL_BYTES + cu.TUPLE_BYTES, cu.CELL_BYTES)
    return from_iterable([(key, from_iterable(items)) for key, items in groups])


@builtin("List.countBy", "('a -> 'k) -> 'a list -> ('k * int) list")
def count_by(projection: Fn, xs: Any) -> Any:
    return _list(cu.count_by(projection, to_pylist(xs)))


@builtin("List.distinct", "'a list -> 'a list")
def distinct(xs: Any) -> Any:
    return _list(cu.distinct_by(None, to_pylist(xs)))


@builtin("List.distinctBy", "('a -> 'k) -> 'a list -> 'a list")
def distinct_by(projection: Fn, xs: Any) -> Any:
    return _list(cu.distinct_by(projection, to_pylist(xs)))


@builtin("List.contains", "'a -> 'a list -> bool")
def contains(item: Any, xs: Any) -> bool:
    while xs is not NIL:
        if equals(item, xs[0]):
            return True
        xs = xs[1]
    return False


@builtin("List.forall", "('a -> bool) -> 'a list -> bool")
def forall(predicate: Fn, xs: Any) -> bool:
    while xs is not NIL:
        if not predicate(xs[0]):
            return False
        xs = xs[1]
    return True


@builtin("List.findIndex", "('a -> bool) -> 'a list -> int")
def find_index(predicate: Fn, xs: Any) -> int:
    index = cu.find_index(predicate, to_pylist(xs))
    if index < 0:
        cu.not_found()
    return index


@builtin("List.tryFindIndex", "('a -> bool) -> 'a list -> int option")
def try_find_index(predicate: Fn, xs: Any) -> Any:
    index = cu.find_index(predicate, to_pylist(xs))
    return NONE if index < 0 else make_some(index)


@builtin("List.findBack", "('a -> bool) -> 'a list -> 'a")
def find_back(predicate: Fn, xs: Any) -> Any:
    found = try_find_back(predicate, xs)
    if found is NONE:
        cu.not_found()
    return found[1]


@builtin("List.tryFindBack", "('a -> bool) -> 'a list -> 'a option")
def try_find_back(predicate: Fn, xs: Any) -> Any:
    items = to_pylist(xs)
    index = cu.find_index(predicate, items, backwards=True)
    return NONE if index < 0 else make_some(items[index])


@builtin("List.findIndexBack", "('a -> bool) -> 'a list -> int")
def find_index_back(predicate: Fn, xs: Any) -> int:
    index = cu.find_index(predicate, to_pylist(xs), backwards=True)
    if index < 0:
        cu.not_found()
    return index


@builtin("List.tryFindIndexBack", "('a -> bool) -> 'a list -> int option")
def try_find_index_back(predicate: Fn, xs: Any) -> Any:
    index = cu.find_index(predicate, to_pylist(xs), backwards=True)
    return NONE if index < 0 else make_some(index)


@builtin("List.pick", "('a -> 'b option) -> 'a list -> 'b")
def pick(chooser: Fn, xs: Any) -> Any:
    found = cu.pick(chooser, to_pylist(xs))
    if found[0] is not SOME_TAG:
        cu.not_found()
    return found[1]


@builtin("List.tryPick", "('a -> 'b option) -> 'a list -> 'b option")
def try_pick(chooser: Fn, xs: Any) -> Any:
    return cu.pick(chooser, to_pylist(xs))


# --------------------------------------------------------------------------- positions


@builtin("List.item", "int -> 'a list -> 'a")
def item(index: int, xs: Any) -> Any:
    found = nth(index, xs)
    if found is NONE:
        if index < 0:
            cu.must_be_non_negative()
        cu.index_outside(KIND)
    return found[1]


@builtin("List.tryItem", "int -> 'a list -> 'a option")
def try_item(index: int, xs: Any) -> Any:
    return nth(index, xs)


@builtin("List.tryHead", "'a list -> 'a option")
def try_head(xs: Any) -> Any:
    return NONE if xs is NIL else make_some(xs[0])


@builtin("List.last", "'a list -> 'a")
def last(xs: Any) -> Any:
    if xs is NIL:
        cu.empty_input(KIND)
    while xs[1] is not NIL:
        xs = xs[1]
    return xs[0]


@builtin("List.tryLast", "'a list -> 'a option")
def try_last(xs: Any) -> Any:
    return NONE if xs is NIL else make_some(last(xs))


@builtin("List.exactlyOne", "'a list -> 'a")
def exactly_one(xs: Any) -> Any:
    if xs is NIL:
        cu.empty_input(KIND)
    if xs[1] is not NIL:
        cu.too_long(KIND)
    return xs[0]


@builtin("List.tryExactlyOne", "'a list -> 'a option")
def try_exactly_one(xs: Any) -> Any:
    if xs is NIL or xs[1] is not NIL:
        return NONE
    return make_some(xs[0])


@builtin("List.take", "int -> 'a list -> 'a list")
def take(count: int, xs: Any) -> Any:
    if count < 0:
        cu.must_be_non_negative()
    out: list[Any] = []
    while count > 0:
        if xs is NIL:
            cu.not_enough(KIND)
        out.append(xs[0])
        xs = xs[1]
        count -= 1
    return _list(out)


@builtin("List.truncate", "int -> 'a list -> 'a list")
def truncate(count: int, xs: Any) -> Any:
    out: list[Any] = []
    while count > 0 and xs is not NIL:
        out.append(xs[0])
        xs = xs[1]
        count -= 1
    return _list(out)


@builtin("List.skip", "int -> 'a list -> 'a list")
def skip(count: int, xs: Any) -> Any:
    """All but the first *count* elements; the rest of the list is shared, not copied."""
    while count > 0:
        if xs is NIL:
            cu.out_of_range()
        xs = xs[1]
        count -= 1
    return xs


@builtin("List.takeWhile", "('a -> bool) -> 'a list -> 'a list")
def take_while(predicate: Fn, xs: Any) -> Any:
    out: list[Any] = []
    while xs is not NIL and predicate(xs[0]):
        out.append(xs[0])
        xs = xs[1]
    return _list(out)


@builtin("List.skipWhile", "('a -> bool) -> 'a list -> 'a list")
def skip_while(predicate: Fn, xs: Any) -> Any:
    while xs is not NIL and predicate(xs[0]):
        xs = xs[1]
    return xs


@builtin("List.splitAt", "int -> 'a list -> 'a list * 'a list")
def split_at(index: int, xs: Any) -> tuple[Any, Any]:
    if index < 0:
        cu.must_be_non_negative()
    out: list[Any] = []
    while index > 0:
        if xs is NIL:
            cu.not_enough(KIND)
        out.append(xs[0])
        xs = xs[1]
        index -= 1
    return _list(out), xs


@builtin("List.windowed", "int -> 'a list -> 'a list list", context=True)
def windowed(ctx: Context, size: int, xs: Any) -> Any:
    items = to_pylist(xs)
    if size <= 0:
        cu.must_be_positive()
    windows = max(len(items) - size + 1, 0)
    ctx.check_size(windows * size, "list")
    # the windows as Python lists, then as Fusabi lists
    cu.reserve_nested(KIND, windows * size, windows, 64 + cu.CELL_BYTES, 8 + cu.CELL_BYTES)
    return _lists(cu.windowed(size, items))


@builtin("List.chunkBySize", "int -> 'a list -> 'a list list")
def chunk_by_size(size: int, xs: Any) -> Any:
    return _lists(cu.chunk_by_size(size, to_pylist(xs), KIND, cu.CELL_BYTES, cu.CELL_BYTES))


@builtin("List.insertAt", "int -> 'a -> 'a list -> 'a list")
def insert_at(index: int, item: Any, xs: Any) -> Any:
    return _list(cu.insert_at(index, item, to_pylist(xs)))


@builtin("List.removeAt", "int -> 'a list -> 'a list")
def remove_at(index: int, xs: Any) -> Any:
    return _list(cu.remove_at(index, to_pylist(xs)))


@builtin("List.updateAt", "int -> 'a -> 'a list -> 'a list")
def update_at(index: int, item: Any, xs: Any) -> Any:
    return _list(cu.update_at(index, item, to_pylist(xs)))


# --------------------------------------------------------------------------- folding


@builtin("List.reduce", "('a -> 'a -> 'a) -> 'a list -> 'a")
def reduce(reduction: Fn, xs: Any) -> Any:
    if xs is NIL:
        cu.empty_input(KIND)
    return fold(reduction, xs[0], xs[1])


@builtin("List.reduceBack", "('a -> 'a -> 'a) -> 'a list -> 'a")
def reduce_back(reduction: Fn, xs: Any) -> Any:
    return cu.reduce_back(reduction, to_pylist(xs), KIND)


@builtin("List.foldBack", "('a -> 's -> 's) -> 'a list -> 's -> 's")
def fold_back(folder: Fn, xs: Any, state: Any) -> Any:
    for x in reversed(to_pylist(xs)):
        state = folder(x)(state)
    return state


@builtin("List.scan", "('s -> 'a -> 's) -> 's -> 'a list -> 's list")
def scan(folder: Fn, state: Any, xs: Any) -> Any:
    return _list(cu.scan(folder, state, to_pylist(xs)))


# --------------------------------------------------------------------------- more of FSharp.Core


@builtin("List.compareWith", "('a -> 'a -> int) -> 'a list -> 'a list -> int")
def compare_with(comparer: Fn, first: Any, second: Any) -> int:
    return cu.compare_with(comparer, to_pylist(first), to_pylist(second))


@builtin("List.except", "'a seq -> 'a list -> 'a list")
def except_(excluded: Any, xs: Any) -> Any:
    """The distinct elements of *xs* that are not in *excluded*, as F# gives them."""
    return _list(cu.except_items(cu.items_of(excluded), to_pylist(xs)))


@builtin("List.foldBack2", "('a -> 'b -> 's -> 's) -> 'a list -> 'b list -> 's -> 's")
def fold_back2(folder: Fn, first: Any, second: Any, state: Any) -> Any:
    return cu.fold_back2(folder, to_pylist(first), to_pylist(second), state, KIND)


@builtin("List.iteri2", "(int -> 'a -> 'b -> unit) -> 'a list -> 'b list -> unit")
def iteri2(action: Fn, first: Any, second: Any) -> None:
    cu.iter_indexed2(action, to_pylist(first), to_pylist(second), KIND)


@builtin("List.mapFold", "('s -> 'a -> 'b * 's) -> 's -> 'a list -> 'b list * 's")
def map_fold(mapping: Fn, state: Any, xs: Any) -> tuple[Any, Any]:
    results, state = cu.map_fold(mapping, state, to_pylist(xs))
    return _list(results), state


@builtin("List.mapFoldBack", "('a -> 's -> 'b * 's) -> 'a list -> 's -> 'b list * 's")
def map_fold_back(mapping: Fn, xs: Any, state: Any) -> tuple[Any, Any]:
    results, state = cu.map_fold_back(mapping, to_pylist(xs), state)
    return _list(results), state


@builtin("List.permute", "(int -> int) -> 'a list -> 'a list")
def permute(indexer: Fn, xs: Any) -> Any:
    return _list(cu.permute(indexer, to_pylist(xs)))


@builtin("List.scanBack", "('a -> 's -> 's) -> 'a list -> 's -> 's list")
def scan_back(folder: Fn, xs: Any, state: Any) -> Any:
    return _list(cu.scan_back(folder, to_pylist(xs), state))


@builtin("List.splitInto", "int -> 'a list -> 'a list list")
def split_into(count: int, xs: Any) -> Any:
    return _lists(cu.split_into(count, to_pylist(xs)))


@builtin("List.unfold", "('s -> ('a * 's) option) -> 's -> 'a list")
def unfold(generator: Fn, state: Any) -> Any:
    return _list(cu.unfold(generator, state, KIND))


@builtin("List.insertManyAt", "int -> 'a seq -> 'a list -> 'a list")
def insert_many_at(index: int, values: Any, xs: Any) -> Any:
    return _list(cu.insert_many_at(index, cu.items_of(values), to_pylist(xs)))


@builtin("List.removeManyAt", "int -> int -> 'a list -> 'a list")
def remove_many_at(index: int, count: int, xs: Any) -> Any:
    return _list(cu.remove_many_at(index, count, to_pylist(xs)))
