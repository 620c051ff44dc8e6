"""The ``Map`` module: immutable maps (:class:`~fusabi_host.lang.values.FzMap`).

The upstream (REF) functions keep their name, arity and argument order: ``add k v m``,
``remove k m``, ``find k m``, ``tryFind k m``, ``containsKey k m``, ``isEmpty``, ``count``,
``ofList``, ``toList`` (pairs in key order), ``map f m`` and ``iter f m`` (``f k v``).  The F#
core ``Map`` functions REF lacks are added with F# names, signatures and semantics.  Functions
that visit entries (``iter``, ``fold``, ``exists``, ``tryFindKey``...) visit them in key order.

Deliberate deviations:

* ``Map.empty`` is a value, as in F#.  REF's ``Map.empty`` is a function of unit, so REF code
  writing ``Map.empty ()`` needs the compiler to accept that form (it applies a map to unit).
* ``Map.map f m`` applies ``f`` to each **value** only (REF); F#'s ``Map.map`` passes the key
  and the value (``Map.map (fun k v -> ...)``).  REF wins this conflict.
* Keys may be any comparable Fusabi value (REF allows only strings), except arrays and
  values holding arrays or functions: those cannot be hashed and raise ``ArgumentException``
  when used as keys (F# accepts arrays).
* ``Map.keys``/``Map.values`` return lists (F# returns ``ICollection``); ``Map.toSeq`` returns
  a list of pairs.
* ``minKeyValue``/``maxKeyValue`` of an empty map raise ``ArgumentException "The input map was
  empty."``.

Functions that build a map, list or array check its size against the run's limits first, and
callbacks are only called from Python loops (never from inside a C function).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Final, NoReturn

from fusabi_host.lang import guard
from fusabi_host.lang.exceptions import fail
from fusabi_host.lang.stdlib import collections_util as cu
from fusabi_host.lang.stdlib.collections_util import Fn
from fusabi_host.lang.stdlib.registry import builtin, upstream_form, value
from fusabi_host.lang.values import (
    NONE,
    SOME_TAG,
    FzArray,
    FzMap,
    key_of,
    make_some,
    type_name,
)

value("Map.empty", "Map<'k, 'v>", FzMap())

_MISSING: Final = object()


def _bad_key(key: Any) -> NoReturn:
    fail("ArgumentException", f"a {type_name(key)} value cannot be a map key")


def _lookup(key: Any, table: FzMap) -> Any:
    """The value under *key*, or ``_MISSING``."""
    try:
        return table.get(key, _MISSING)
    except TypeError:  # an unhashable key cannot be in the map
        return _MISSING


def _of_pairs(pairs: Iterable[tuple[Any, Any]]) -> FzMap:
    """A map of *pairs* (later pairs win), failing as Fusabi on an unhashable key.

    Many pairs may share a key, so the size of the result is only known as it is built: every
    :data:`~collections_util.BATCH` pairs the work is charged to the run (deadline, fuel,
    memory) and the number of keys checked against its collection-size limit."""
    items: dict[object, tuple[object, object]] = {}
    try:
        for count, (key, item) in enumerate(pairs, 1):
            items[key_of(key)] = (key, item)
            if not count % cu.BATCH:
                guard.spend(cu.BATCH)
                guard.reserve_items(len(items), "map", 0)
    except TypeError:
        fail("ArgumentException", "map keys cannot be arrays or hold arrays or functions")
    guard.reserve_items(len(items), "map", 0)
    return FzMap(items)


def _entries(table: FzMap) -> list[tuple[Any, Any]]:
    """The ``(key, value)`` pairs in key order (a Python list owned by the map: do not
    mutate it or hand it to Fusabi code)."""
    return table.items()


# --------------------------------------------------------------------------- REF functions


@builtin("Map.add", "'k -> 'v -> Map<'k, 'v> -> Map<'k, 'v>")
def add(key: Any, item: Any, table: FzMap) -> FzMap:
    try:
        return table.add(key, item)
    except TypeError:
        _bad_key(key)


@builtin("Map.remove", "'k -> Map<'k, 'v> -> Map<'k, 'v>")
def remove(key: Any, table: FzMap) -> FzMap:
    try:
        return table.remove(key)
    except TypeError:
        return table


@builtin("Map.find", "'k -> Map<'k, 'v> -> 'v")
def find(key: Any, table: FzMap) -> Any:
    found = _lookup(key, table)
    if found is _MISSING:
        fail("KeyNotFoundException", "The given key was not present in the dictionary.")
    return found


@builtin("Map.tryFind", "'k -> Map<'k, 'v> -> 'v option")
def try_find(key: Any, table: FzMap) -> Any:
    try:
        entry = table.find_entry(key)
    except TypeError:  # an unhashable key cannot be in the map
        return NONE
    return NONE if entry is None else (SOME_TAG, entry[1])


@builtin("Map.containsKey", "'k -> Map<'k, 'v> -> bool")
def contains_key(key: Any, table: FzMap) -> bool:
    return _lookup(key, table) is not _MISSING


@builtin("Map.isEmpty", "Map<'k, 'v> -> bool")
def is_empty(table: FzMap) -> bool:
    return len(table) == 0


@builtin("Map.count", "Map<'k, 'v> -> int")
def count(table: FzMap) -> int:
    return len(table)


@builtin("Map.ofList", "('k * 'v) list -> Map<'k, 'v>")
def of_list(pairs: Any) -> FzMap:
    return _of_pairs(cu.items_of(pairs))


@builtin("Map.toList", "Map<'k, 'v> -> ('k * 'v) list")
def to_list(table: FzMap) -> Any:
    return cu.fz_list(_entries(table))


@builtin("Map.map", "('k -> 'v -> 'u) -> Map<'k, 'v> -> Map<'k, 'u>")
def map_(mapping: Fn, table: FzMap) -> FzMap:
    """F#'s ``Map.map``: *mapping* receives each key and its value."""
    entries = _entries(table)
    cu.reserve("map", len(entries))
    mapped = [mapping(key)(item) for key, item in entries]
    return FzMap.of_pairs(zip([key for key, _ in entries], mapped, strict=True))


@upstream_form("Map.map", "('v -> 'u) -> Map<'k, 'v> -> Map<'k, 'u>")
def map_values(mapping: Fn, table: FzMap) -> FzMap:
    """Upstream's ``Map.map``: *mapping* receives each value (not the key).  Taken when the
    function takes one argument and gives a value that is not a function
    (``Map.map String.toUpper m``, ``Map.map (fun v -> v * 2) m``)."""
    entries = _entries(table)
    cu.reserve("map", len(entries))
    mapped = cu.each(mapping, [item for _, item in entries])
    return FzMap.of_pairs(zip([key for key, _ in entries], mapped, strict=True))


@builtin("Map.iter", "('k -> 'v -> unit) -> Map<'k, 'v> -> unit")
def iter_(action: Fn, table: FzMap) -> None:
    for key, item in _entries(table):
        action(key)(item)


# --------------------------------------------------------------------------- F# functions


@builtin("Map.filter", "('k -> 'v -> bool) -> Map<'k, 'v> -> Map<'k, 'v>")
def filter_(predicate: Fn, table: FzMap) -> FzMap:
    return FzMap.of_pairs([(k, v) for k, v in _entries(table) if predicate(k)(v)])


@builtin("Map.partition", "('k -> 'v -> bool) -> Map<'k, 'v> -> Map<'k, 'v> * Map<'k, 'v>")
def partition(predicate: Fn, table: FzMap) -> tuple[FzMap, FzMap]:
    yes: list[tuple[Any, Any]] = []
    no: list[tuple[Any, Any]] = []
    for key, item in _entries(table):
        (yes if predicate(key)(item) else no).append((key, item))
    return FzMap.of_pairs(yes), FzMap.of_pairs(no)


@builtin("Map.fold", "('s -> 'k -> 'v -> 's) -> 's -> Map<'k, 'v> -> 's")
def fold(folder: Fn, state: Any, table: FzMap) -> Any:
    step = cu.uncurried3(folder)
    for key, item in _entries(table):
        state = step(state, key, item)
    return state


@builtin("Map.foldBack", "('k -> 'v -> 's -> 's) -> Map<'k, 'v> -> 's -> 's")
def fold_back(folder: Fn, table: FzMap, state: Any) -> Any:
    for key, item in reversed(_entries(table)):
        state = folder(key)(item)(state)
    return state


@builtin("Map.exists", "('k -> 'v -> bool) -> Map<'k, 'v> -> bool")
def exists(predicate: Fn, table: FzMap) -> bool:
    for key, item in _entries(table):
        if predicate(key)(item):
            return True
    return False


@builtin("Map.forall", "('k -> 'v -> bool) -> Map<'k, 'v> -> bool")
def forall(predicate: Fn, table: FzMap) -> bool:
    for key, item in _entries(table):
        if not predicate(key)(item):
            return False
    return True


@builtin("Map.keys", "Map<'k, 'v> -> 'k list")
def keys(table: FzMap) -> Any:
    return cu.fz_list([key for key, _ in _entries(table)])


@builtin("Map.values", "Map<'k, 'v> -> 'v list")
def values(table: FzMap) -> Any:
    return cu.fz_list([item for _, item in _entries(table)])


@builtin("Map.tryFindKey", "('k -> 'v -> bool) -> Map<'k, 'v> -> 'k option")
def try_find_key(predicate: Fn, table: FzMap) -> Any:
    for key, item in _entries(table):
        if predicate(key)(item):
            return make_some(key)
    return NONE


@builtin("Map.findKey", "('k -> 'v -> bool) -> Map<'k, 'v> -> 'k")
def find_key(predicate: Fn, table: FzMap) -> Any:
    found = try_find_key(predicate, table)
    if found is NONE:
        cu.not_found()
    return found[1]


@builtin("Map.tryPick", "('k -> 'v -> 'u option) -> Map<'k, 'v> -> 'u option")
def try_pick(chooser: Fn, table: FzMap) -> Any:
    for key, item in _entries(table):
        result = chooser(key)(item)
        if result[0] is SOME_TAG:
            return result
    return NONE


@builtin("Map.pick", "('k -> 'v -> 'u option) -> Map<'k, 'v> -> 'u")
def pick(chooser: Fn, table: FzMap) -> Any:
    found = try_pick(chooser, table)
    if found is NONE:
        cu.not_found()
    return found[1]


@builtin("Map.ofSeq", "('k * 'v) seq -> Map<'k, 'v>")
def of_seq(pairs: Any) -> FzMap:
    return _of_pairs(cu.items_of(pairs))


@builtin("Map.toSeq", "Map<'k, 'v> -> ('k * 'v) seq")
def to_seq(table: FzMap) -> Any:
    return cu.fz_list(_entries(table), "sequence")


@builtin("Map.ofArray", "('k * 'v) array -> Map<'k, 'v>")
def of_array(pairs: FzArray) -> FzMap:
    return _of_pairs(list(pairs))


@builtin("Map.toArray", "Map<'k, 'v> -> ('k * 'v) array")
def to_array(table: FzMap) -> FzArray:
    return cu.fz_array(_entries(table))


@builtin("Map.change", "'k -> ('v option -> 'v option) -> Map<'k, 'v> -> Map<'k, 'v>")
def change(key: Any, mapping: Fn, table: FzMap) -> FzMap:
    result = mapping(try_find(key, table))
    if result[0] is SOME_TAG:
        return add(key, result[1], table)
    return remove(key, table)


@builtin("Map.minKeyValue", "Map<'k, 'v> -> 'k * 'v")
def min_key_value(table: FzMap) -> tuple[Any, Any]:
    entries = _entries(table)
    if not entries:
        cu.empty_input("map")
    return entries[0]


@builtin("Map.maxKeyValue", "Map<'k, 'v> -> 'k * 'v")
def max_key_value(table: FzMap) -> tuple[Any, Any]:
    entries = _entries(table)
    if not entries:
        cu.empty_input("map")
    return entries[-1]
