"""Deadlines for running plugin code.

One daemon thread for the whole process keeps a heap of deadlines.  When a deadline passes it
sets the ``_stop`` flag in that instance's namespace; the generated code checks the flag at
every function entry and loop iteration and raises :class:`~fusabi_host.lang.support.Interrupted`.
Arming and disarming a deadline costs a lock and a heap operation, not a thread.
"""

from __future__ import annotations

import heapq
import itertools
import threading
import time
from typing import Any

__all__ = ["WATCHDOG", "Watchdog"]


class Watchdog:
    def __init__(self) -> None:
        self._heap: list[tuple[float, int, dict[str, Any]]] = []
        self._active: dict[int, dict[str, Any]] = {}
        self._ids = itertools.count(1)
        self._condition = threading.Condition()
        self._thread: threading.Thread | None = None

    def arm(self, namespace: dict[str, Any], timeout: float) -> int:
        """Stop the code of *namespace* after *timeout* seconds; returns a ticket."""
        ticket = next(self._ids)
        deadline = time.monotonic() + timeout
        with self._condition:
            self._active[ticket] = namespace
            heapq.heappush(self._heap, (deadline, ticket, namespace))
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="fusabi-watchdog", daemon=True
                )
                self._thread.start()
            if self._heap[0][1] == ticket:
                self._condition.notify()
        return ticket

    def disarm(self, ticket: int) -> None:
        with self._condition:
            self._active.pop(ticket, None)

    def _run(self) -> None:
        with self._condition:
            while True:
                while self._heap and self._heap[0][1] not in self._active:
                    heapq.heappop(self._heap)
                if not self._heap:
                    self._condition.wait()
                    continue
                deadline, ticket, namespace = self._heap[0]
                now = time.monotonic()
                if now < deadline:
                    self._condition.wait(deadline - now)
                    continue
                heapq.heappop(self._heap)
                if self._active.pop(ticket, None) is not None:
                    namespace["_stop"] = True


WATCHDOG = Watchdog()
