"""The limits of one run of plugin code: a call, a load, or the conversion of a result.

A :class:`Guard` is created for the outermost run on a thread and is the *current guard* of
that thread until the run ends; nested runs (a host function calling back into plugin code,
``Script.eval``) share it, so they share its deadline, fuel, memory allowance and depth.

Everything that does plugin work on behalf of the run consults the current guard:

* generated code polls the instance's ``_stop`` flag at every function entry and loop
  iteration; the deadline thread (:mod:`fusabi_host.lang.deadline`) sets that flag when the
  deadline passes or memory grew past the limit, and the poll raises :class:`LimitExceeded`;
* library functions call :func:`checkpoint` inside long loops, :func:`spend` for node
  budgets (display, equality, comparison, hashing, conversion), and :func:`reserve_items` /
  :func:`reserve_bytes` *before* building a large result;
* effects that wait (``Process.run``, ``Console.readLine``) bound the wait by
  :func:`remaining_time`.

A limit that is hit stays hit until the run ends: plugin code in a ``finally`` block cannot
keep running past it.  The errors raised are :class:`~fusabi_host.errors.LimitExceeded`, which
plugin ``try ... with`` never catches.
"""

from __future__ import annotations

import dataclasses
import threading
import time
from typing import Any, Final, NoReturn

from fusabi_host.errors import LimitExceeded
from fusabi_host.lang import recursion as _recursion

__all__ = [
    "DEEP_WORK",
    "GUARD_OF_THREAD",
    "LARGE_ALLOCATION",
    "Guard",
    "RunLimits",
    "checkpoint",
    "could_refuse_items",
    "current",
    "current_guard",
    "deadline_passed",
    "remaining_time",
    "reserve_bytes",
    "reserve_items",
    "spend",
    "take_recursion_room",
]

LARGE_ALLOCATION: Final = 1 << 20
"""Allocations below this many bytes are not checked against the memory limit one by one
(gradual growth is caught by sampling instead)."""

ITEM_BYTES: Final = 8
"""The bytes one element of a list, array or tuple costs at least (one pointer)."""

FEW_ITEMS: Final = 1024
"""A collection of at most this many elements, none counted at more than
:data:`FEW_ITEM_BYTES`, stays under :data:`LARGE_ALLOCATION` and under the library's charge
batch, so :func:`reserve_items` could refuse it only past a ``max_collection_size`` below it
or on a run already tripped (whose next poll stops it anyway).  Generated code builds such a
collection (a short row's split, an ``Array.map`` of a short array) without calling the
library's checks, when its size is at most the run's :attr:`Guard.few_items`."""
FEW_ITEM_BYTES: Final = LARGE_ALLOCATION // FEW_ITEMS
"""The most bytes an element may be counted at on the paths that test :data:`FEW_ITEMS`."""

_CONS_BYTES: Final = 72
"""The bytes one cons cell (a two-element Python list) costs."""


class _Current(threading.local):
    guard: Guard | None = None  # (the class attribute: a new thread starts with none)


_local = _Current()
GUARD_OF_THREAD: Final = _local
"""The thread-local holder of the current guard (its ``guard`` attribute): what
:func:`current_guard` reads, for a caller that reads it on every call."""


def current_guard() -> Guard | None:
    """The guard of the run on this thread, or ``None`` outside plugin code."""
    return _local.guard


current = current_guard


@dataclasses.dataclass(frozen=True, slots=True)
class RunLimits:
    """The limits a run starts with (the language-level copy of
    :class:`fusabi_host.Limits`); ``None`` means unlimited."""

    timeout: float | None = None
    max_fuel: int | None = None
    max_depth: int | None = None
    max_memory_bytes: int | None = None
    max_collection_size: int | None = None

    def guard(self, plugin: str = "<script>", function: str = "<top level>") -> Guard:
        """A fresh guard for one run under these limits (enter it to start the clock)."""
        return Guard(
            timeout=self.timeout,
            max_fuel=self.max_fuel,
            max_depth=self.max_depth,
            max_memory_bytes=self.max_memory_bytes,
            max_collection_size=self.max_collection_size,
            plugin=plugin,
            function=function,
        )


def checkpoint() -> None:
    """Raise :class:`LimitExceeded` if the current run hit a limit (deadline, memory, fuel,
    cancellation); cheap enough to call every few hundred iterations of a library loop."""
    guard: Guard | None = getattr(_local, "guard", None)
    if guard is not None and guard.tripped is not None:
        guard.raise_tripped()


def spend(units: int) -> None:
    """Charge *units* of work (nodes visited, elements built) to the current run: fuel when the
    run is metered, and a look at the deadline and the memory flag."""
    guard: Guard | None = getattr(_local, "guard", None)
    if guard is not None:
        guard.charge(units)


def remaining_time() -> float | None:
    """Seconds left before the current run's deadline (``None``: no deadline)."""
    guard: Guard | None = getattr(_local, "guard", None)
    if guard is None:
        return None
    return guard.remaining()


def deadline_passed() -> NoReturn:
    """A wait for the outside world (standard input, a child process) ran into the current
    run's deadline: raise the ``timeout`` :class:`LimitExceeded`."""
    guard: Guard | None = getattr(_local, "guard", None)
    if guard is None:
        raise LimitExceeded("the deadline passed", limit="timeout")
    guard.trip("timeout")
    guard.raise_tripped()
    raise AssertionError("unreachable")  # pragma: no cover


DEEP_WORK: Final = 64
"""The nesting depth at which work that recurses in Python (converting a value, carrying a
reload's state) takes the recursion room: :func:`take_recursion_room`."""


def take_recursion_room() -> None:
    """Let the current run recurse as deep as its ``max_depth`` allows (see
    :meth:`Guard.take_room`); nothing outside a run.  Work that recurses once per level of a
    value calls it when it is :data:`DEEP_WORK` levels down."""
    guard: Guard | None = getattr(_local, "guard", None)
    if guard is not None:
        guard.take_room()


def reserve_items(count: int, what: str, item_bytes: int = ITEM_BYTES) -> None:
    """Refuse to build a *what* of *count* elements past ``max_collection_size`` or past the
    memory limit (each element costing at least *item_bytes*)."""
    guard = _local.guard
    if guard is None:
        return
    limit = guard.max_collection_size
    if limit is not None and count > limit:
        raise guard.exceeded(
            "max_collection_size",
            limit,
            f"tried to build a {what} of {count} elements (the limit is {limit})",
        )
    nbytes = count * item_bytes
    if nbytes >= LARGE_ALLOCATION or guard.tripped is not None:  # (Guard.reserve's own test)
        guard.reserve(nbytes, what)


def could_refuse_items(most: int, item_bytes: int = ITEM_BYTES) -> bool:
    """Could :func:`reserve_items` refuse a collection of at most *most* elements of
    *item_bytes* each, on the current run?  ``False`` lets a caller that knows only such an
    upper bound (a split: at most one piece more than its text has chars) skip counting the
    elements exactly; the tests are :func:`reserve_items`'s, for the bound."""
    guard = _local.guard
    if guard is None:
        return False
    limit = guard.max_collection_size
    return (
        (limit is not None and most > limit)
        or most * item_bytes >= LARGE_ALLOCATION
        or guard.tripped is not None
    )


def reserve_list(count: int, what: str = "list") -> None:
    """:func:`reserve_items` for a cons list of *count* cells."""
    reserve_items(count, what, _CONS_BYTES)


def reserve_bytes(nbytes: int, what: str) -> None:
    """Refuse to allocate a *what* of *nbytes* bytes past the memory limit."""
    guard: Guard | None = getattr(_local, "guard", None)
    if guard is not None:
        guard.reserve(nbytes, what)


class Guard:
    """Deadline, fuel, depth and memory of one run (see the module docstring).

    ``timeout`` (seconds), ``max_fuel`` (steps), ``max_memory_bytes`` (growth of the process's
    resident memory during the run) and ``max_collection_size`` are the limits in force;
    ``None`` means unlimited.  ``plugin`` and ``function`` name the run in errors.
    """

    __slots__ = (
        "_memory_reader",
        "active",
        "deadline",
        "few_items",
        "fuel",
        "function",
        "generation",
        "max_collection_size",
        "max_depth",
        "max_fuel",
        "max_memory_bytes",
        "memory_base",
        "namespaces",
        "plugin",
        "poll_now",
        "room",
        "room_held",
        "started",
        "ticks",
        "timeout",
        "tripped",
        "watched",
    )

    def __init__(
        self,
        *,
        timeout: float | None,
        max_fuel: int | None = None,
        max_memory_bytes: int | None = None,
        max_collection_size: int | None = None,
        max_depth: int | None = None,
        plugin: str = "<script>",
        function: str = "<top level>",
    ) -> None:
        self.timeout = timeout
        self.max_fuel = max_fuel
        self.max_memory_bytes = max_memory_bytes
        self.max_collection_size = max_collection_size
        # (how many elements make a collection that no check refuses on this run: FEW_ITEMS)
        self.few_items = (
            FEW_ITEMS if max_collection_size is None else min(FEW_ITEMS, max_collection_size)
        )
        self.max_depth = max_depth
        self.plugin = plugin
        self.function = function
        self.namespaces: list[dict[str, Any]] = []
        self.poll_now = self.poll  # (bound once: generated code of each run calls it)
        self._memory_reader = _deadline.resident_bytes  # (growth: always read afresh)
        self.room = _recursion.room_for(max_depth)  # (the recursion limit a deep run needs)
        self.room_held = False
        self.active = False  # (a run is under way: what the deadline thread looks at)
        # (in the deadline thread's view; a guard with nothing to watch always is)
        self.watched = timeout is None and max_memory_bytes is None
        self.generation = 0
        self.rearm(function)

    def rearm(self, function: str) -> Guard:
        """Make this guard ready for a new run of *function* (its clock, fuel and memory
        baseline start afresh): an instance keeps one guard for its calls from the host
        instead of building one per call.  Only a guard that is not active may be rearmed."""
        self.generation += 1  # (before the trip is cleared: see trip_run)
        self.function = function
        self.fuel = self.max_fuel if self.max_fuel is not None else -1
        self.ticks = 0
        self.started = now = time.monotonic()
        self.deadline = now + self.timeout if self.timeout is not None else None
        self.tripped: str | None = None
        self.memory_base = 0
        if self.max_memory_bytes is not None:
            # the starting point: a reading less than a millisecond old will do
            # (:func:`~fusabi_host.lang.deadline.recent_resident_bytes`, inlined)
            taken, size = _deadline.LAST_SAMPLE.reading
            recent = now - taken < _deadline.RECENT
            self.memory_base = size if recent else _deadline.resident_bytes()
        return self

    def start(self, function: str) -> None:
        """:meth:`rearm` and enter this guard in one step (an instance's call from the host,
        on a thread with no guard active; :meth:`finish` ends it)."""
        self.rearm(function)
        _local.guard = self
        self.active = True  # (then watched is read: see Deadlines._prune)
        if not self.watched:
            _deadline.DEADLINES.watch(self)

    def finish(self) -> None:
        """The end of a run begun with :meth:`start` or by entering the guard."""
        self.active = False
        if self.room_held:
            self.room_held = False
            _recursion.leave_recursion_room()
        _local.guard = None
        namespaces = self.namespaces
        if namespaces:
            for ns in namespaces:
                ns["_stop"] = False
            namespaces.clear()

    # ------------------------------------------------------------------ scope

    def __enter__(self) -> Guard:
        previous = getattr(_local, "guard", None)
        if previous is not None:
            raise RuntimeError("a guard is already active on this thread")  # pragma: no cover
        _local.guard = self  # (what start does, with the guard armed already)
        self.active = True
        if not self.watched:
            _deadline.DEADLINES.watch(self)
        return self

    def __exit__(self, *exc: object) -> None:
        self.finish()

    def take_room(self) -> None:
        """Hold the recursion room (:mod:`fusabi_host.lang.recursion`) for the rest of this
        run, for its ``max_depth``: what a run does once it recurses deep, or before work that
        may (a top level, converting a deeply nested value).  Most calls never need it, and
        so never touch the process's recursion limit."""
        if not self.room_held:
            _recursion.enter_room(self.room)
            self.room_held = True

    def attach(self, ns: dict[str, Any]) -> None:
        """Let the deadline thread stop the code of namespace *ns* (an instance's globals).
        (:meth:`~fusabi_host.lang.program.ProgramInstance.run_guarded` does the same inline,
        on the path of every call: keep the two alike.)"""
        if ns not in self.namespaces:
            self.namespaces.append(ns)
        if self.tripped is not None or self.max_fuel is not None:
            ns["_stop"] = True

    # ------------------------------------------------------------------ tripping

    def trip_run(self, generation: int, reason: str) -> None:
        """:meth:`trip`, from the deadline thread, for the run *generation* only: nothing
        happens if the guard has been rearmed since.  (The test and the mark have no call and
        no backward jump between them, where the interpreter could switch threads; and
        :meth:`rearm` counts the new run before it clears the mark.)"""
        if self.generation != generation:
            return
        if self.tripped is None:
            self.tripped = reason
        for ns in list(self.namespaces):
            ns["_stop"] = True

    def trip(self, reason: str) -> None:
        """Mark limit *reason* as hit (from any thread) and make the generated code poll."""
        if self.tripped is None:
            self.tripped = reason
        for ns in list(self.namespaces):
            ns["_stop"] = True

    def raise_tripped(self) -> None:
        reason = self.tripped
        if reason == "timeout":
            raise self.exceeded(
                "timeout", self.timeout, f"ran longer than its {self.timeout:g} s time limit"
            )
        if reason == "max_memory_bytes":
            raise self.exceeded(
                "max_memory_bytes",
                self.max_memory_bytes,
                f"grew the host's memory by more than {self.max_memory_bytes} bytes",
            )
        if reason == "max_fuel":
            raise self.exceeded(
                "max_fuel", self.max_fuel, f"used up its fuel ({self.max_fuel} steps)"
            )
        if reason == "max_depth":
            raise self.exceeded(
                "max_depth", self.max_depth, f"nested calls more than {self.max_depth} deep"
            )
        raise self.exceeded("cancelled", None, "was cancelled")

    def exceeded(self, limit: str, value: object, what: str) -> LimitExceeded:
        """The error for limit *limit*: names the limit, its value, the plugin and function."""
        error = LimitExceeded(
            f"plugin '{self.plugin}' {what} in {self.function}", limit=limit, value=value
        )
        error.plugin = self.plugin
        error.function = self.function
        return error

    # ------------------------------------------------------------------ polling

    def poll(self) -> None:
        """Called by generated code when ``_stop`` is set: count fuel, check the limits."""
        if self.tripped is not None:
            self.raise_tripped()
        if self.max_fuel is not None:
            self.fuel -= 1
            if self.fuel < 0:
                self.tripped = "max_fuel"
                self.raise_tripped()
            self.ticks += 1
            if not self.ticks & 255:
                self._look_at_clock()

    def charge(self, units: int) -> None:
        """Charge *units* of library work (see :func:`spend`)."""
        if self.tripped is not None:
            self.raise_tripped()
        if self.max_fuel is not None:
            self.fuel -= units
            if self.fuel < 0:
                self.tripped = "max_fuel"
                self.raise_tripped()
        self.ticks += units
        if self.ticks & ~255:
            self.ticks &= 255
            self._look_at_clock()

    def _look_at_clock(self) -> None:
        if self.deadline is not None and time.monotonic() > self.deadline:
            self.trip("timeout")
            self.raise_tripped()

    def too_deep(self) -> None:
        """Called by generated code when the depth budget ran out."""
        self.trip("max_depth")
        self.raise_tripped()

    # ------------------------------------------------------------------ budgets

    def remaining(self) -> float | None:
        if self.deadline is None:
            return None
        return max(self.deadline - time.monotonic(), 0.0)

    def memory_growth(self) -> int:
        """Bytes the process's resident memory grew by since the run started."""
        return self._memory_reader() - self.memory_base

    def reserve(self, nbytes: int, what: str) -> None:
        """Refuse an allocation of *nbytes* that would take the run past its memory limit."""
        if self.tripped is not None:
            self.raise_tripped()
        limit = self.max_memory_bytes
        if limit is None or nbytes < LARGE_ALLOCATION:
            return
        if nbytes > limit or nbytes + self.memory_growth() > limit:
            raise self.exceeded(
                "max_memory_bytes",
                limit,
                f"tried to allocate a {what} of about {nbytes} bytes "
                f"(the memory limit is {limit} bytes)",
            )


from fusabi_host.lang import deadline as _deadline  # noqa: E402  (deadline imports Guard for types)
