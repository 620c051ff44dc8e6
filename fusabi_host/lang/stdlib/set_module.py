"""The ``Set`` module: immutable sets (:class:`~fusabi_host.lang.values.FzSet`).

REF has no ``Set`` module; these are F#'s functions with F#'s names, signatures and semantics.
Elements are visited in ascending structural order (``toList``, ``iter``, ``fold``, ``map``...).

Deliberate deviations: elements may be any comparable Fusabi value except arrays and values
holding arrays or functions, which cannot be hashed and raise ``ArgumentException`` (F#
accepts arrays); ``Set.toSeq`` returns a list (sequences are eager lists here); the
``minElement``/``maxElement`` of an empty set raise ``ArgumentException "The input set was
empty."``.

Functions that build a set, list or array check its size against the run's limits first, and
callbacks are only called from Python loops (never from inside a C function).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from typing import Any, NoReturn

from fusabi_host.lang import guard
from fusabi_host.lang.exceptions import fail
from fusabi_host.lang.stdlib import collections_util as cu
from fusabi_host.lang.stdlib.collections_util import Fn
from fusabi_host.lang.stdlib.registry import builtin, value
from fusabi_host.lang.values import FzArray, FzSet, key_of

value("Set.empty", "Set<'a>", FzSet())


def _bad_element() -> NoReturn:
    fail("ArgumentException", "set elements cannot be arrays or hold arrays or functions")


def _set_of(elements: Iterable[Any]) -> FzSet:
    """A set of *elements*, failing as Fusabi on an element that cannot be hashed.

    Elements may repeat, so the size of the result is only known as it is built: every
    :data:`~collections_util.BATCH` elements the work is charged to the run (deadline, fuel,
    memory) and the size checked against its collection-size limit."""
    items: dict[object, object] = {}
    try:
        for count, element in enumerate(elements, 1):
            items[key_of(element)] = element
            if not count % cu.BATCH:
                guard.spend(cu.BATCH)
                guard.reserve_items(len(items), "set", 0)
    except TypeError:
        _bad_element()
    guard.reserve_items(len(items), "set", 0)
    return FzSet(items)


def _has(element: Any, collection: FzSet) -> bool:
    try:
        return element in collection
    except TypeError:  # an unhashable value cannot be an element
        return False


@builtin("Set.singleton", "'a -> Set<'a>")
def singleton(element: Any) -> FzSet:
    return _set_of([element])


@builtin("Set.add", "'a -> Set<'a> -> Set<'a>")
def add(element: Any, collection: FzSet) -> FzSet:
    try:
        return collection.add(element)
    except TypeError:
        _bad_element()


@builtin("Set.remove", "'a -> Set<'a> -> Set<'a>")
def remove(element: Any, collection: FzSet) -> FzSet:
    try:
        return collection.remove(element)
    except TypeError:
        return collection


@builtin("Set.contains", "'a -> Set<'a> -> bool")
def contains(element: Any, collection: FzSet) -> bool:
    return _has(element, collection)


@builtin("Set.count", "Set<'a> -> int")
def count(collection: FzSet) -> int:
    return len(collection)


@builtin("Set.isEmpty", "Set<'a> -> bool")
def is_empty(collection: FzSet) -> bool:
    return len(collection) == 0


# --------------------------------------------------------------------------- set algebra


@builtin("Set.union", "Set<'a> -> Set<'a> -> Set<'a>")
def union(first: FzSet, second: FzSet) -> FzSet:
    return _set_of(itertools.chain(first.values(), second.values()))


@builtin("Set.unionMany", "Set<'a> seq -> Set<'a>")
def union_many(sets: Any) -> FzSet:
    collections = [collection.values() for collection in cu.items_of(sets)]
    return _set_of(itertools.chain.from_iterable(collections))


@builtin("Set.intersect", "Set<'a> -> Set<'a> -> Set<'a>")
def intersect(first: FzSet, second: FzSet) -> FzSet:
    return FzSet.of([x for x in first.values() if x in second])


@builtin("Set.intersectMany", "Set<'a> seq -> Set<'a>")
def intersect_many(sets: Any) -> FzSet:
    collections = cu.items_of(sets)
    if not collections:
        cu.empty_input("sequence")
    result: FzSet = collections[0]
    for collection in collections[1:]:
        result = intersect(result, collection)
    return result


@builtin("Set.difference", "Set<'a> -> Set<'a> -> Set<'a>")
def difference(first: FzSet, second: FzSet) -> FzSet:
    return FzSet.of([x for x in first.values() if x not in second])


@builtin("Set.isSubset", "Set<'a> -> Set<'a> -> bool")
def is_subset(first: FzSet, second: FzSet) -> bool:
    """Is every element of *first* in *second*?"""
    return len(first) <= len(second) and all(x in second for x in first.values())


@builtin("Set.isSuperset", "Set<'a> -> Set<'a> -> bool")
def is_superset(first: FzSet, second: FzSet) -> bool:
    """Is every element of *second* in *first*?"""
    return is_subset(second, first)


@builtin("Set.isProperSubset", "Set<'a> -> Set<'a> -> bool")
def is_proper_subset(first: FzSet, second: FzSet) -> bool:
    return len(first) < len(second) and is_subset(first, second)


@builtin("Set.isProperSuperset", "Set<'a> -> Set<'a> -> bool")
def is_proper_superset(first: FzSet, second: FzSet) -> bool:
    return is_proper_subset(second, first)


@builtin("Set.minElement", "Set<'a> -> 'a")
def min_element(collection: FzSet) -> Any:
    elements = collection.values()
    if not elements:
        cu.empty_input("set")
    return elements[0]


@builtin("Set.maxElement", "Set<'a> -> 'a")
def max_element(collection: FzSet) -> Any:
    elements = collection.values()
    if not elements:
        cu.empty_input("set")
    return elements[-1]


# --------------------------------------------------------------------------- conversion


@builtin("Set.ofList", "'a list -> Set<'a>")
def of_list(xs: Any) -> FzSet:
    return _set_of(cu.items_of(xs))


@builtin("Set.toList", "Set<'a> -> 'a list")
def to_list(collection: FzSet) -> Any:
    return cu.fz_list(collection.values())


@builtin("Set.ofArray", "'a array -> Set<'a>")
def of_array(array: FzArray) -> FzSet:
    return _set_of(list(array))


@builtin("Set.toArray", "Set<'a> -> 'a array")
def to_array(collection: FzSet) -> FzArray:
    return cu.fz_array(collection.values())


@builtin("Set.ofSeq", "'a seq -> Set<'a>")
def of_seq(source: Any) -> FzSet:
    return _set_of(cu.items_of(source))


@builtin("Set.toSeq", "Set<'a> -> 'a seq")
def to_seq(collection: FzSet) -> Any:
    return cu.fz_list(collection.values(), "sequence")


# --------------------------------------------------------------------------- higher order


@builtin("Set.map", "('a -> 'b) -> Set<'a> -> Set<'b>")
def map_(mapping: Fn, collection: FzSet) -> FzSet:
    return _set_of(cu.each(mapping, collection.values()))


@builtin("Set.filter", "('a -> bool) -> Set<'a> -> Set<'a>")
def filter_(predicate: Fn, collection: FzSet) -> FzSet:
    return FzSet.of([x for x in collection.values() if predicate(x)])


@builtin("Set.partition", "('a -> bool) -> Set<'a> -> Set<'a> * Set<'a>")
def partition(predicate: Fn, collection: FzSet) -> tuple[FzSet, FzSet]:
    yes: list[Any] = []
    no: list[Any] = []
    for x in collection.values():
        (yes if predicate(x) else no).append(x)
    return FzSet.of(yes), FzSet.of(no)


@builtin("Set.fold", "('s -> 'a -> 's) -> 's -> Set<'a> -> 's")
def fold(folder: Fn, state: Any, collection: FzSet) -> Any:
    step = cu.uncurried2(folder)
    for x in collection.values():
        state = step(state, x)
    return state


@builtin("Set.foldBack", "('a -> 's -> 's) -> Set<'a> -> 's -> 's")
def fold_back(folder: Fn, collection: FzSet, state: Any) -> Any:
    for x in reversed(collection.values()):
        state = folder(x)(state)
    return state


@builtin("Set.iter", "('a -> unit) -> Set<'a> -> unit")
def iter_(action: Fn, collection: FzSet) -> None:
    for x in collection.values():
        action(x)


@builtin("Set.exists", "('a -> bool) -> Set<'a> -> bool")
def exists(predicate: Fn, collection: FzSet) -> bool:
    for x in collection.values():
        if predicate(x):
            return True
    return False


@builtin("Set.forall", "('a -> bool) -> Set<'a> -> bool")
def forall(predicate: Fn, collection: FzSet) -> bool:
    for x in collection.values():
        if not predicate(x):
            return False
    return True
