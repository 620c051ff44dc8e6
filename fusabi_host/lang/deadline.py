"""The deadline thread: trips the guards of running plugin code when time or memory runs out.

One daemon thread for the whole process watches the guards of the runs under way
(:class:`~fusabi_host.lang.guard.Guard`).  It sleeps until the earliest deadline; while a guard
with a memory limit is running (and for a second after the last one, so that a host making
many short calls does not wake it for each of them) it also wakes every
:data:`MEMORY_SAMPLE_INTERVAL` seconds and compares the process's resident memory with the
value at each run's start.  Tripping a guard sets the ``_stop`` flag of the instances it runs,
which the generated code polls.

A run takes no lock when its guard is still in the thread's view from an earlier run: it marks
the guard ``active``, and ends by clearing the mark.  Only a guard out of view takes the lock,
through :meth:`Deadlines.watch`, which wakes the thread when the run needs it sooner than it
planned to wake.  The thread lets go of the guards whose run has ended each time it looks (and
:meth:`~Deadlines.watch` does too), so nothing accumulates per call.  This is safe without the
lock because each guard's limits are fixed: a later run of a guard in view has a later
deadline than the one the thread planned for, and a memory-limited guard in view keeps the
thread sampling.

A trip is for one run: the thread reads the guard's ``generation`` before anything else, and
:meth:`~fusabi_host.lang.guard.Guard.trip_run` drops the trip if the guard has been rearmed for
another run since.
"""

from __future__ import annotations

import os
import threading
import time
from typing import TYPE_CHECKING, Final

from fusabi_host.lang import recursion

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


def recent_resident_bytes(now: float | None = None) -> int:
    """:func:`resident_bytes`, or the reading taken less than :data:`RECENT` ago (by a run
    starting just before, or by the deadline thread): a host making many short calls reads
    ``/proc`` once a millisecond, not once a call (a read costs about as much as the call).
    A run's memory is measured from that starting point, so its limit is as exact as the
    sampling makes it, give or take what the process allocated in that millisecond.  *now* is
    the caller's reading of ``time.monotonic()``, when it has one."""
    taken, size = LAST_SAMPLE.reading
    if (now if now is not None else time.monotonic()) - taken < RECENT:
        return size
    return resident_bytes()


def _forked() -> None:
    """In a forked child: the samples and the thread were the parent's."""
    LAST_SAMPLE.reading = (-1.0, 0)
    DEADLINES.forked()


class Deadlines:
    """The guards in view and the thread that trips them (see the module docstring)."""

    def __init__(self) -> None:
        self._watched: set[Guard] = set()
        self.forked()

    def forked(self) -> None:
        """Start from nothing (at creation, and in a forked child, where the parent's thread
        does not run and its lock may have been held): the guards the parent had in view
        take the slow way in again."""
        self._let_go_of_all()
        self._lock = recursion.runs_lock()  # (guards the set, the schedule and every trip)
        self._condition = threading.Condition(self._lock)
        self._thread: threading.Thread | None = None
        self._wake_at = float("inf")  # when the thread wakes next (inf: idle)
        self._last_sampling = 0.0

    def watch(self, guard: Guard) -> None:
        """Bring *guard*, whose run just started, into the thread's view (what
        :meth:`Guard.start <fusabi_host.lang.guard.Guard.start>` does when the guard is not
        in view already), and wake the thread if the run needs it sooner than planned."""
        with self._lock:
            self._prune()
            self._watched.add(guard)
            guard.watched = True
            wake = guard.deadline
            if guard.max_memory_bytes is not None:
                sample = guard.started + MEMORY_SAMPLE_INTERVAL
                wake = sample if wake is None or sample < wake else wake
            if wake is None:  # pragma: no cover - such a guard is always in view
                return
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="fusabi-deadlines", daemon=True
                )
                self._thread.start()
            if wake < self._wake_at:  # (read under the lock: the thread is waiting)
                self._wake_at = wake
                self._condition.notify()

    def _let_go_of_all(self) -> None:
        """Take every guard out of view, so that its next run comes back through
        :meth:`watch` (after a fork, or when the thread ends)."""
        for guard in self._watched:
            guard.watched = False
        self._watched.clear()

    def _prune(self) -> None:
        """Let go of the guards whose run has ended (under the lock)."""
        for guard in [guard for guard in self._watched if not guard.active]:
            if _let_go(guard):
                self._watched.discard(guard)

    @property
    def active(self) -> int:
        """How many runs with a limit to watch are under way now (for tests and metrics)."""
        with self._lock:
            return sum(1 for guard in self._watched if guard.active)

    @property
    def watched(self) -> int:
        """How many guards are in view now: the running ones, and those whose run ended
        since the thread last looked (for tests: nothing accumulates per call)."""
        return len(self._watched)

    def _run(self) -> None:
        with self._condition:
            try:
                while True:
                    wake = self._check(time.monotonic())
                    self._wake_at = wake
                    if wake == float("inf"):
                        self._condition.wait()
                    else:
                        self._condition.wait(max(wake - time.monotonic(), 0.0))
            finally:  # (should it ever end, every guard comes back through watch, which
                # starts another thread: none may stay in view of a thread that is gone)
                self._let_go_of_all()
                self._thread = None

    def _check(self, now: float) -> float:
        """Trip the runs past their deadline or memory limit; returns when to look again.

        Every guard left in view is one whose run was under way, and the time returned is no
        later than its deadline, or than :data:`MEMORY_SAMPLE_INTERVAL` from now for one that
        is tripped (its run is ending: the next look lets go of it).  Its next run takes no
        lock, so this is what makes that run's deadline fire.
        """
        wake = float("inf")
        sample = False
        soon = now + MEMORY_SAMPLE_INTERVAL
        ended: list[Guard] = []
        for guard in self._watched:
            run = guard.generation  # (read first: a trip is for this run only)
            if not guard.active:
                if _let_go(guard):
                    ended.append(guard)
                    continue
                run = guard.generation  # (a run started since: this one)
            if guard.tripped is not None:
                wake = min(wake, soon)
                continue
            deadline = guard.deadline
            if deadline is not None:
                if now >= deadline:
                    guard.trip_run(run, "timeout")
                    wake = min(wake, soon)
                    continue
                wake = min(wake, deadline)
            if guard.max_memory_bytes is not None:
                sample = True
        for guard in ended:
            self._watched.discard(guard)
        if sample:
            self._last_sampling = now
            rss = resident_bytes()
            for guard in self._watched:
                run = guard.generation
                limit = guard.max_memory_bytes
                if (
                    limit is not None
                    and guard.active
                    and guard.tripped is None
                    and rss - guard.memory_base > limit
                ):
                    guard.trip_run(run, "max_memory_bytes")
        if sample or now - self._last_sampling < 1.0:
            wake = min(wake, soon)
        return wake


def _let_go(guard: Guard) -> bool:
    """Take *guard*, whose run was seen to have ended, out of view, unless a run has started
    on it since; returns whether it is out (the caller holds the lock and drops it from the
    set).  A run starts with no lock: it writes ``active``, then reads ``watched``; this
    writes ``watched``, then reads ``active``.  So either the run sees that its guard is out
    of view and comes back through :meth:`Deadlines.watch`, or this sees the run and keeps
    the guard."""
    guard.watched = False
    if guard.active:
        guard.watched = True
        return False
    return True


DEADLINES = Deadlines()
if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forked)
