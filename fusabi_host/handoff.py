"""The state hand-off of a reload: from the old version's ``saveState`` to the new ``restoreState``.

A plugin that wants to keep its state across reloads exports two functions::

    let saveState () = { Count = count; Seen = seen }      // the old version runs this
    let restoreState (s: State) = count <- s.Count; seen <- s.Seen   // the new one runs this

The value goes straight from one version to the other, without becoming a Python value on the
way, so maps stay maps, arrays stay arrays and characters stay characters.  It is rebuilt for
the new version as it crosses (:func:`carry_state`):

* union values are re-tagged with the new version's case of the same name, type and arity
  (Option, Result and undeclared constructors are shared by all versions);
* mutable containers (records, arrays) are copied, keeping their sharing and their cycles, so
  the old version can never write into the new one's state;
* functions are refused: a closure of the old version would keep running the old code, with the
  old version's instance, after the swap.  Hand over data, and rebuild functions from it.

When the new version is typed, the carried state is then checked against the type its
``restoreState`` takes (:func:`fusabi_host.lang.misfit`): a record field the new version
added, or one it dropped, stops the reload with the field's name, before ``restoreState``
runs.

The walk runs under the limits of the reload (it spends one unit of fuel per node and respects
the deadline), and nesting deeper than :data:`MAX_STATE_DEPTH` is refused.  Anything refused
raises :class:`~fusabi_host.errors.StateHandoffError`, and the reload rolls back.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from fusabi_host.errors import StateHandoffError
from fusabi_host.lang import (
    NIL,
    Char,
    FzArray,
    FzMap,
    FzSet,
    Shape,
    Tag,
    describe,
    misfit,
    spend,
)
from fusabi_host.lang import values as V
from fusabi_host.lang.guard import DEEP_WORK, take_recursion_room

__all__ = ["MAX_STATE_DEPTH", "RESTORE_EXPORT", "SAVE_EXPORT", "carry_state"]

SAVE_EXPORT: Final = "saveState"
"""The export of the old version that returns the state to hand over (``unit -> 'S``)."""

RESTORE_EXPORT: Final = "restoreState"
"""The export of the new version that receives it (``'S -> unit``)."""

MAX_STATE_DEPTH: Final = 400
"""How deeply containers may nest in a handed-over state (a list's length does not count)."""

_SHARED_TAGS: Final = frozenset(id(tag) for tag in (V.NONE_TAG, V.SOME_TAG, V.OK_TAG, V.ERROR_TAG))


def carry_state(
    value: object, tags: Mapping[str, Tag], plugin: str, expected: Shape | None = None
) -> object:
    """*value*, a value of the old version, rebuilt for the version whose union cases are
    *tags* (case name -> tag), and checked against the type ``restoreState`` takes
    (*expected*, when the new version is typed).  Raises :class:`StateHandoffError` for what
    cannot cross."""
    try:
        carried = _Carrier(tags, plugin).carry(value, 0)
    except RecursionError:
        raise StateHandoffError(plugin, "the state is nested too deeply") from None
    if expected is not None:
        problem = misfit(carried, expected)
        if problem is not None:
            raise StateHandoffError(
                plugin,
                f"the saved state does not fit the type {RESTORE_EXPORT} takes, "
                f"{describe(expected)}: {problem}",
            )
    return carried


class _Carrier:
    """One hand-off: the new version's tags, and what was copied already (by identity)."""

    def __init__(self, tags: Mapping[str, Tag], plugin: str) -> None:
        self.tags = tags
        self.plugin = plugin
        self.copied: dict[int, object] = {}

    def carry(self, value: object, depth: int) -> object:
        t = type(value)
        if t is int or t is float or t is bool or t is str or t is Char or value is None:
            return value
        if depth == DEEP_WORK:  # (deep: let the run's recursion go as far as allowed)
            take_recursion_room()
        if depth > MAX_STATE_DEPTH:
            raise StateHandoffError(
                self.plugin, f"the state nests more than {MAX_STATE_DEPTH} containers deep"
            )
        known = self.copied.get(id(value))
        if known is not None:
            return known
        spend(1)
        if value is NIL:
            return NIL
        if t is list:
            items = [self.carry(item, depth + 1) for item in V.to_pylist(value)]
            result = V.from_iterable(items)
        elif t is tuple:
            result = self._tuple(value, depth)  # type: ignore[arg-type]
        elif t is dict:
            record: dict[str, object] = {}
            self.copied[id(value)] = record  # before the fields: a record may hold itself
            for name, field in value.items():  # type: ignore[attr-defined]
                record[name] = self.carry(field, depth + 1)
            return record
        elif t is FzArray:
            array = FzArray()
            self.copied[id(value)] = array
            array.extend([self.carry(item, depth + 1) for item in value])  # type: ignore[attr-defined]
            return array
        elif t is FzMap:
            result = FzMap.of_pairs(
                (self.carry(k, depth + 1), self.carry(v, depth + 1))
                for k, v in value.items()  # type: ignore[attr-defined]
            )
        elif t is FzSet:
            result = FzSet.of(self.carry(v, depth + 1) for v in value.values())  # type: ignore[attr-defined]
        elif t is V.FzSeq:
            raise StateHandoffError(
                self.plugin,
                "saveState returned a lazy sequence; it would run the old version's code when "
                "enumerated (hand over Seq.toList of it instead)",
            )
        elif callable(value):
            raise StateHandoffError(
                self.plugin,
                "saveState returned a function; a closure of the old version cannot run in "
                "the new one (hand over data, and rebuild functions from it)",
            )
        else:
            raise StateHandoffError(
                self.plugin, f"a value of kind {V.type_name(value)} cannot be handed over"
            )
        self.copied[id(value)] = result
        return result

    def _tuple(self, value: tuple[object, ...], depth: int) -> tuple[object, ...]:
        if value and type(value[0]) is Tag:
            tag = self._tag(value[0])
            return (tag, *[self.carry(item, depth + 1) for item in value[1:]])
        return tuple([self.carry(item, depth + 1) for item in value])

    def _tag(self, old: Tag) -> Tag:
        """The new version's tag for the case *old* of the old version."""
        if id(old) in _SHARED_TAGS or V.is_adhoc_tag(old):
            return old
        new = self.tags.get(old.name)
        if new is None or new.type_name != old.type_name or new.arity != old.arity:
            qualified = f"{old.type_name}.{old.name}" if old.type_name else old.name
            fields = f"{old.arity} field{'s' if old.arity != 1 else ''}"
            raise StateHandoffError(
                self.plugin,
                f"the state holds the union case {qualified} ({fields}), which the new version "
                "does not declare",
            )
        return new
