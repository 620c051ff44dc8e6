"""The lifecycle of a plugin: its states, the legal moves between them, and the events
that announce each move.

::

    Created --init--> Initialized --start--> Running --stop--> Stopped
        \\               |    ^                 |                 |
         \\              v    +-----reload------+                 v
          +-------->  Failed  <---- any failing step ----   Unloaded (from any state)

A plugin that fails to initialise or start is ``Failed`` (with the error recorded), never
``Running``.  ``Unloaded`` is final.
"""

from __future__ import annotations

import enum
import threading
import time
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, Final

import attrs

__all__ = ["EVENT_NAMES", "LifecycleEvent", "LifecycleState", "StateTally"]


class LifecycleState(enum.Enum):
    """Where a plugin is in its life."""

    CREATED = "created"
    INITIALIZED = "initialized"
    RUNNING = "running"
    STOPPED = "stopped"
    UNLOADED = "unloaded"
    FAILED = "failed"

    @property
    def is_terminal(self) -> bool:
        """Is this the final state (``Unloaded``), which nothing can leave?"""
        return self is LifecycleState.UNLOADED

    @property
    def can_call(self) -> bool:
        """May the plugin's functions be called in this state (only when ``Running``)?"""
        return self is LifecycleState.RUNNING

    def can_move_to(self, target: LifecycleState) -> bool:
        """Is ``self -> target`` a legal transition?"""
        return target in _TRANSITIONS[self]

    def __str__(self) -> str:
        return self.value


_TRANSITIONS: Final[Mapping[LifecycleState, frozenset[LifecycleState]]] = {
    LifecycleState.CREATED: frozenset(
        {LifecycleState.INITIALIZED, LifecycleState.FAILED, LifecycleState.UNLOADED}
    ),
    LifecycleState.INITIALIZED: frozenset(
        {LifecycleState.RUNNING, LifecycleState.FAILED, LifecycleState.UNLOADED}
    ),
    LifecycleState.RUNNING: frozenset(
        {
            LifecycleState.STOPPED,
            LifecycleState.RUNNING,  # a reload keeps a running plugin running
            LifecycleState.FAILED,
            LifecycleState.UNLOADED,
        }
    ),
    LifecycleState.STOPPED: frozenset(
        {LifecycleState.RUNNING, LifecycleState.INITIALIZED, LifecycleState.UNLOADED}
    ),
    LifecycleState.FAILED: frozenset(
        {LifecycleState.INITIALIZED, LifecycleState.RUNNING, LifecycleState.UNLOADED}
    ),
    LifecycleState.UNLOADED: frozenset(),
}

EVENT_NAMES: Final = frozenset(
    {
        "created",
        "initialized",
        "started",
        "stopped",
        "reloaded",
        "unloaded",
        "error",
        "capability_denied",
        "warning",
    }
)
"""Every ``LifecycleEvent.event_name`` the host emits."""


def _frozen_details(value: Mapping[str, Any]) -> Mapping[str, Any]:
    return MappingProxyType(dict(value))


@attrs.frozen(kw_only=True)
class LifecycleEvent:
    """Something happened to a plugin.

    * ``plugin_name`` -- the plugin concerned.
    * ``event_name`` -- one of :data:`EVENT_NAMES` (``created``, ``started``, ``error``...).
    * ``timestamp`` -- seconds since the epoch (``time.time()``) when it happened.
    * ``details`` -- event-specific facts, e.g. ``{"error": "..."}`` or ``{"reload_count": 3}``.
    """

    plugin_name: str
    event_name: str = attrs.field(validator=attrs.validators.in_(EVENT_NAMES))
    timestamp: float = attrs.field(factory=time.time)
    details: Mapping[str, Any] = attrs.field(factory=dict, converter=_frozen_details, hash=False)

    def __str__(self) -> str:
        extra = ", ".join(f"{k}={v}" for k, v in self.details.items())
        return f"{self.plugin_name}: {self.event_name}" + (f" ({extra})" if extra else "")


class StateTally:
    """How many plugins of a registry are in each state, kept up to date as they move (each
    handle reports its moves: :meth:`PluginHandle.attach_tally`), so that counting them costs
    the same for ten plugins as for ten thousand."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._counts = dict.fromkeys(LifecycleState, 0)

    def add(self, state: LifecycleState) -> None:
        with self._lock:
            self._counts[state] += 1

    def remove(self, state: LifecycleState) -> None:
        with self._lock:
            self._counts[state] -= 1

    def moved(self, old: LifecycleState, new: LifecycleState) -> None:
        with self._lock:
            self._counts[old] -= 1
            self._counts[new] += 1

    def counts(self) -> dict[str, int]:
        """Plugins per state, by the state's value (every state, zero included)."""
        with self._lock:
            return {state.value: count for state, count in self._counts.items()}
