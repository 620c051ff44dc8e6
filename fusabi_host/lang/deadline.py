"""The deadline thread: trips the guards of running plugin code when time or memory runs out.

One daemon thread for the whole process watches the active :class:`~fusabi_host.lang.guard.Guard`
objects.  It sleeps until the earliest deadline; while a guard with a memory limit is active
(and for a second after the last one, so that a host making many short calls does not wake it
for each of them) it also wakes every :data:`MEMORY_SAMPLE_INTERVAL` seconds and compares the
process's resident memory with the value at each guard's start.  Tripping a guard sets the
``_stop`` flag of the instances it runs, which the generated code polls.

Watching a guard costs a lock and a set insertion, and wakes the thread only when it is idle
or the new deadline is the earliest: nothing accumulates per call, so a long-running host
holds no entries for runs that have ended.
"""

from __future__ import annotations

import os
import threading
import time
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from fusabi_host.lang.guard import Guard

__all__ = [
    "DEADLINES",
    "LAST_SAMPLE",
    "MEMORY_SAMPLE_INTERVAL",
    "RECENT",
    "Deadlines",
    "recent_resident_bytes",
    "resident_bytes",
]

MEMORY_SAMPLE_INTERVAL: Final = 0.005
"""Seconds between two samples of resident memory while a memory-limited run is active."""

_PAGE: Final = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def _open_statm() -> int | None:
    try:
        return os.open("/proc/self/statm", os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return None


_STATM: int | None = _open_statm()
_STATM_PID = os.getpid()

RECENT: Final = 0.001
"""How old (seconds) a sample of resident memory may be to serve as a run's starting point."""


class _Sample:
    """The latest reading of resident memory: when (monotonic seconds) and how many bytes."""

    __slots__ = ("reading",)

    def __init__(self) -> None:
        self.reading: tuple[float, int] = (-1.0, 0)


LAST_SAMPLE: Final = _Sample()


def resident_bytes() -> int:
    """The process's resident set size in bytes (Linux ``/proc/self/statm``; elsewhere the
    peak resident size from ``getrusage``, which only grows)."""
    global _STATM, _STATM_PID
    if os.getpid() != _STATM_PID:  # (forked: the descriptor names the parent)
        _STATM, _STATM_PID = _open_statm(), os.getpid()
    if _STATM is not None:
        try:
            fields = os.pread(_STATM, 64, 0).split()
            size = int(fields[1]) * _PAGE
            LAST_SAMPLE.reading = (time.monotonic(), size)
            return size
        except (OSError, IndexError, ValueError):  # pragma: no cover - /proc went away
            pass
    import resource  # noqa: PLC0415

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def recent_resident_bytes() -> int:
    """:func:`resident_bytes`, or the reading taken less than :data:`RECENT` ago (by a run
    starting just before, or by the deadline thread): a host making many short calls reads
    ``/proc`` once a millisecond, not once a call (a read costs about as much as the call).
    A run's memory is measured from that starting point, so its limit is as exact as the
    sampling makes it, give or take what the process allocated in that millisecond."""
    taken, size = LAST_SAMPLE.reading
    if time.monotonic() - taken < RECENT and os.getpid() == _STATM_PID:
        return size
    return resident_bytes()


class Deadlines:
    """The set of active guards and the thread that trips them."""

    def __init__(self) -> None:
        self._active: set[Guard] = set()
        self._condition = threading.Condition(threading.Lock())
        self._thread: threading.Thread | None = None
        self._thread_pid = 0  # the process the thread runs in (a fork has none running)
        self._wake_at = float("inf")
        self._idle = True
        self._last_sampling = 0.0

    def watch(self, guard: Guard) -> None:
        """Start watching *guard* (its deadline and memory limit)."""
        if guard.deadline is None and guard.max_memory_bytes is None:
            return
        with self._condition:
            self._active.add(guard)
            if self._thread_pid != os.getpid() or self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="fusabi-deadlines", daemon=True
                )
                self._thread.start()
                self._thread_pid = os.getpid()
            if self._idle or (guard.deadline is not None and guard.deadline < self._wake_at):
                self._idle = False
                self._condition.notify()

    def unwatch(self, guard: Guard) -> None:
        """Stop watching *guard* (its run ended)."""
        if guard.deadline is None and guard.max_memory_bytes is None:
            return
        with self._condition:
            self._active.discard(guard)

    @property
    def active(self) -> int:
        """How many guards are watched now (for tests and metrics)."""
        return len(self._active)

    def _run(self) -> None:
        with self._condition:
            try:
                while True:
                    wake = self._check(time.monotonic())
                    self._wake_at = wake
                    self._idle = wake == float("inf")
                    if self._idle:
                        self._condition.wait()
                    else:
                        self._condition.wait(max(wake - time.monotonic(), 0.0))
                    self._wake_at = float("inf")
            finally:  # (should it ever end, the next watch starts another)
                self._thread = None

    def _check(self, now: float) -> float:
        """Trip the guards past their deadline or memory limit; returns when to look again."""
        wake = float("inf")
        sample = False
        for guard in self._active:
            if guard.tripped is not None:
                continue
            if guard.deadline is not None:
                if now >= guard.deadline:
                    guard.trip("timeout")
                    continue
                wake = min(wake, guard.deadline)
            if guard.max_memory_bytes is not None:
                sample = True
        if sample:
            self._last_sampling = now
            rss = resident_bytes()
            for guard in self._active:
                limit = guard.max_memory_bytes
                if limit is not None and guard.tripped is None and rss - guard.memory_base > limit:
                    guard.trip("max_memory_bytes")
        if sample or now - self._last_sampling < 1.0:
            wake = min(wake, now + MEMORY_SAMPLE_INTERVAL)
        return wake


DEADLINES = Deadlines()
