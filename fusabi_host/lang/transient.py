"""Folds that build a ``Map`` or ``Set`` in place.

``xs |> Array.fold (fun counts x -> Map.add (key x) (value x) counts) Map.empty`` is how F#
counts and groups.  Run as written, every step makes a new persistent map, about ten times
the cost of a dict store.  When no one but the fold can ever see the states between two
steps, the fold may instead keep one private mutable table for the whole loop and make the
map once at the end: the result is the same map, and nothing else can tell.

:func:`in_place_kind` decides that from the folder's body.  The state parameter may appear
only

- as the collection of a lookup (``Map.tryFind k s``, ``Map.find``, ``Map.containsKey``,
  ``Map.count``, ``Set.contains``, ``Set.count``), which reads the table and keeps nothing;
- as the value of the step, in a *result position* (through ``let`` bodies, ``if``
  branches, ``match`` arms and the last item of a sequence): the state unchanged;
- as the collection of an ``add`` or ``remove`` in a result position: the step's only
  change, made after its key and value are computed;

and never in a closure, which could keep it past the step.  The table is a dict when the
fold starts from the empty map or set, and a mutation of the starting map's trie otherwise
(:meth:`immutables.Map.mutate`, which leaves that map as it was).

The helpers below are the table's operations for keys that are not plain strings or ints
(whose :func:`~fusabi_host.lang.values.key_of` form is themselves, so that generated code
indexes the table directly): each does what its ``Map``/``Set`` function does on a map.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any, Final

import immutables

from fusabi_host.lang import ir
from fusabi_host.lang.exceptions import fail
from fusabi_host.lang.stdlib.map_module import _bad_key
from fusabi_host.lang.stdlib.set_module import _bad_element
from fusabi_host.lang.values import NONE, SOME_TAG, FzMap, FzSet, key_of

__all__ = ["LOOKUPS", "UPDATES", "in_place_kind", "results"]

Table = dict[Any, Any] | immutables.MapMutation[Any, Any]
"""A dict, or a mutation of a map's trie (both index, ``get``, ``pop`` and ``len``)."""

LOOKUPS: Final = frozenset(
    {"Map.tryFind", "Map.find", "Map.containsKey", "Map.count", "Set.contains", "Set.count"}
)
"""Functions that only read their last argument, a map or set."""

UPDATES: Final = frozenset({"Map.add", "Map.remove", "Set.add", "Set.remove"})
"""Functions whose result is their last argument with one entry changed."""

EMPTY: Final = {"Map": "Map.empty", "Set": "Set.empty"}
"""The library value each kind of fold may start from with a dict."""


def call_of(node: ir.Expr, names: frozenset[str]) -> str | None:
    """The name of the library function among *names* that *node* fully applies, if any."""
    if type(node) is not ir.Apply:
        return None
    func = node.func
    if type(func) is not ir.BuiltinRef or func.builtin.name not in names:
        return None
    return func.builtin.name if len(node.args) == func.builtin.arity else None


def _is_ref(node: object, var: ir.Var) -> bool:
    return type(node) is ir.Ref and node.var is var


def _always_fails(node: ir.Expr) -> bool:
    """Does *node* always raise?  (A match with no arms: lifted bytecode's match failure.)"""
    return type(node) is ir.Match and not node.arms


def results(body: ir.Expr) -> Iterator[ir.Expr]:
    """The result positions of *body* (:func:`~fusabi_host.lang.resolve.tail_positions`
    without operators) that can deliver a value: none after an expression that always
    fails, such as the match failure of lifted bytecode, whose dead value follows it."""
    pending = [body]
    while pending:
        node = pending.pop()
        if type(node) is ir.If:
            pending.extend((node.then, node.orelse))
        elif type(node) is ir.Match:
            pending.extend(arm.body for arm in node.arms)
        elif type(node) is ir.Let:
            if not _always_fails(node.value):
                pending.append(node.body)
        elif type(node) is ir.LetRec:
            pending.append(node.body)
        elif type(node) is ir.Seq:
            if not any(_always_fails(item) for item in node.items[:-1]):
                pending.append(node.items[-1])
        else:
            yield node


def in_place_kind(folder: ir.Lam) -> str | None:
    """``"Map"`` or ``"Set"`` when a fold with *folder* (``fun state x -> ...``) can build
    its state in place (see the module docstring), else ``None``."""
    if len(folder.params) != 2:
        return None
    state = folder.params[0]
    if state.mutable:
        return None
    allowed: set[int] = set()
    kinds: set[str] = set()
    for result in results(folder.body):
        if _is_ref(result, state):
            allowed.add(id(result))
            continue
        name = call_of(result, UPDATES)
        if name is None or not _is_ref(result.args[-1], state):  # type: ignore[attr-defined]
            return None
        allowed.add(id(result.args[-1]))  # type: ignore[attr-defined]
        kinds.add(name.split(".")[0])
    if len(kinds) != 1:
        return None  # (no update: nothing to gain)
    uses: list[int] = []
    for node in ir.walk(folder.body):
        if type(node) is ir.Lam and any(v is state for v in node.free):
            return None
        if type(node) is ir.Apply and call_of(node, LOOKUPS) and _is_ref(node.args[-1], state):
            allowed.add(id(node.args[-1]))
        elif _is_ref(node, state):
            uses.append(id(node))
    return kinds.pop() if allowed.issuperset(uses) else None


# --------------------------------------------------------------------------- the table


def map_table(start: FzMap) -> Table:
    """A private table starting as *start*'s entries (``start`` is left as it was)."""
    return start._items.mutate()


def set_table(start: FzSet) -> Table:
    """A private table starting as *start*'s elements (``start`` is left as it was)."""
    return start._items.mutate()


def map_of_table(table: Table) -> FzMap:
    """The map a fold built in *table* (which is not used again)."""
    if isinstance(table, dict):
        return FzMap(table)
    return FzMap._of_trie(table.finish())


def set_of_table(table: Table) -> FzSet:
    """The set a fold built in *table* (which is not used again)."""
    if isinstance(table, dict):
        return FzSet(table)
    return FzSet(table.finish())


def map_add(table: Table, key: object, value: object) -> None:
    """``Map.add key value`` on the table."""
    try:
        table[key_of(key)] = (key, value)
    except TypeError:
        _bad_key(key)


def map_remove(table: Table, key: object) -> None:
    """``Map.remove key`` on the table."""
    with contextlib.suppress(TypeError):  # (an unhashable key is in no map)
        table.pop(key_of(key), None)


def map_try_find(table: Table, key: object) -> object:
    """``Map.tryFind key`` on the table."""
    try:
        entry = table.get(key_of(key))
    except TypeError:
        return NONE
    return NONE if entry is None else (SOME_TAG, entry[1])


def map_find(table: Table, key: object) -> object:
    """``Map.find key`` on the table."""
    try:
        entry = table.get(key_of(key))
    except TypeError:
        entry = None
    if entry is None:
        fail("KeyNotFoundException", "The given key was not present in the dictionary.")
    return entry[1]


def map_contains(table: Table, key: object) -> bool:
    """``Map.containsKey key`` on the table."""
    try:
        return key_of(key) in table
    except TypeError:
        return False


def set_add(table: Table, value: object) -> None:
    """``Set.add value`` on the table (an equal element already there stays)."""
    try:
        hashed = key_of(value)
        if hashed not in table:
            table[hashed] = value
    except TypeError:
        _bad_element()


def set_remove(table: Table, value: object) -> None:
    """``Set.remove value`` on the table."""
    with contextlib.suppress(TypeError):  # (an unhashable value is in no set)
        table.pop(key_of(value), None)


def set_contains(table: Table, value: object) -> bool:
    """``Set.contains value`` on the table."""
    try:
        return key_of(value) in table
    except TypeError:
        return False
