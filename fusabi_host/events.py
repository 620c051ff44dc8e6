"""Delivering lifecycle events: to the ``fusabi_event`` hook, then to ``on_event`` callbacks.

Every state change of every plugin produces exactly one :class:`LifecycleEvent`.  Delivery is
synchronous, on the thread that caused the change, in subscription order.  A receiver that
raises is logged and skipped: events never break the runtime, and one faulty receiver never
hides an event from the others.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from fusabi_host.lifecycle import LifecycleEvent
from fusabi_host.manager import HostPluginManager

__all__ = ["EventBus", "EventCallback"]

log = logging.getLogger("fusabi_host.events")

EventCallback = Callable[[LifecycleEvent], object]


class EventBus:
    """Fan-out of lifecycle events for one runtime (its hook manager and its callbacks)."""

    def __init__(self, manager: HostPluginManager | None = None) -> None:
        self.manager = manager
        self._subscriptions: tuple[tuple[object, EventCallback], ...] = ()
        self._lock = threading.Lock()

    def subscribe(self, callback: EventCallback) -> Callable[[], None]:
        """Call *callback* with every future event; returns a function that unsubscribes."""
        if not callable(callback):
            raise TypeError(f"an event callback must be callable, got {callback!r}")
        token = object()  # (the same callable may be subscribed twice)
        with self._lock:
            self._subscriptions = (*self._subscriptions, (token, callback))

        def unsubscribe() -> None:
            with self._lock:
                self._subscriptions = tuple(s for s in self._subscriptions if s[0] is not token)

        return unsubscribe

    def emit(self, plugin: str, event_name: str, **details: Any) -> LifecycleEvent:
        """Build one event and deliver it everywhere; returns it."""
        event = LifecycleEvent(plugin_name=plugin, event_name=event_name, details=details)
        self.deliver(event)
        return event

    def deliver(self, event: LifecycleEvent) -> None:
        if self.manager is not None:
            try:
                self.manager.event(event)
            except Exception:  # the manager already isolates implementations; belt and braces
                log.exception("delivering %s to fusabi_event failed", event)
        for _token, callback in self._subscriptions:  # (a snapshot: safe to subscribe meanwhile)
            try:
                callback(event)
            except Exception:
                log.exception("an on_event callback failed on %s; it is skipped", event)
