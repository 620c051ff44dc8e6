"""The recursion room: the process-wide Python recursion limit, raised while plugin code or a
recursive compiler pass runs, and put back when the last of them ends.

Fusabi calls are counted exactly by the generated code (``max_depth``); the room only makes
sure Python's own limit does not cut a legal recursion short.  Plugin code never enters
C-level recursion (library callbacks run from Python frames), so the higher limit cannot
overflow the C stack.  A run takes the room once, when it first needs it
(:meth:`Guard.take_room <fusabi_host.lang.guard.Guard.take_room>`: a top level, a call that
recurses past :data:`~fusabi_host.lang.program.SHALLOW_DEPTH`, the conversion of a deeply
nested value, equality or hashing of a large one), and gives it back when it ends; most calls
never take it.  The compiler takes
it through :func:`fusabi_host.lang.parser.recursion_room`.  It lives on its own so that the
front end and the runtime can both use it without importing each other.

Entering and leaving cost no lock in the common case: a run that finds the limit already high
enough (another run holds the room) only counts itself in, and a run that is not the last to
leave only counts itself out.  Raising the limit and putting it back take the lock.  The two
sides meet without it as two flags do (each writes its own, then reads the other's): an entry
writes the count, then reads :data:`_restoring`, and the last exit writes :data:`_restoring`,
then reads the count.  With the GIL's sequential consistency, either the entry sees that a
restore is under way and waits for it on the lock, or the exit sees the new user and leaves
the limit raised.
"""

from __future__ import annotations

import os
import sys
import threading
from typing import Final

__all__ = [
    "DEFAULT_DEPTH",
    "FRAMES_PER_CALL",
    "enter_recursion_room",
    "enter_room",
    "leave_recursion_room",
    "room_for",
    "runs_lock",
    "users",
]

DEFAULT_DEPTH: Final = 20_000
"""The Fusabi call depth the recursion limit is raised for when a run has no ``max_depth``."""

FRAMES_PER_CALL: Final = 4
"""Python frames one Fusabi call may take (the function, a curried step, a library
higher-order function and a helper); the recursion limit is raised by this much per level."""

_lock = threading.Lock()
_users: list[None] = []  # (one entry per user: append and pop are atomic under the GIL)
_restoring = False  # (set by the last user leaving, under the lock, while it decides)
_saved = 0  # (the host's limit, saved when the room was raised)
_set = 0  # (the limit the room set, or 0: the host's own limit is in force)


def runs_lock() -> threading.Lock:
    """The lock of the room, which the deadline thread shares
    (:mod:`fusabi_host.lang.deadline`)."""
    return _lock


def room_for(depth: int | None) -> int:
    """The recursion limit a run *depth* Fusabi calls deep needs (``None``:
    :data:`DEFAULT_DEPTH`), worked out once per guard."""
    return (depth if depth is not None else DEFAULT_DEPTH) * FRAMES_PER_CALL + 2_000


def users() -> int:
    """How many runs and compiler passes hold the room now (for tests)."""
    return len(_users)


def enter_recursion_room(depth: int | None) -> None:
    """Raise the interpreter's recursion limit for code *depth* Fusabi calls deep;
    :func:`leave_recursion_room` puts it back when the last user in the process leaves."""
    enter_room(room_for(depth))


def enter_room(needed: int) -> None:
    """:func:`enter_recursion_room` for a recursion limit of *needed*, worked out by the
    caller with :func:`room_for` (a guard does it once, not once per run)."""
    _users.append(None)
    if _restoring or sys.getrecursionlimit() < needed:
        _raise(needed)


def _raise(needed: int) -> None:
    global _saved, _set  # noqa: PLW0603
    with _lock:
        current = sys.getrecursionlimit()
        if not _set:
            _saved = current
        if needed > current:
            sys.setrecursionlimit(needed)
            _set = needed


def leave_recursion_room() -> None:
    """The end of one use (see :func:`enter_recursion_room`)."""
    _users.pop()
    if not _users and _set:
        _put_back()


def _put_back() -> None:
    global _restoring, _set  # noqa: PLW0603
    with _lock:
        _restoring = True  # (first: an entry from now on sees it, or was counted before)
        try:
            if not _users and _set:
                sys.setrecursionlimit(_saved)
                _set = 0
        finally:
            _restoring = False


def _forked() -> None:
    """In a forked child, whose lock may have been held by a thread of the parent (the count
    stays: the child may be inside a run that will end, and a room left raised is safer than
    one taken away)."""
    global _lock, _restoring  # noqa: PLW0603
    _lock = threading.Lock()
    _restoring = False


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forked)
