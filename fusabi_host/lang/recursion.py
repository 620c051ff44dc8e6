"""The recursion room: the process-wide Python recursion limit, raised while plugin code or a
recursive compiler pass runs, and put back when the last of them ends.

Fusabi calls are counted exactly by the generated code (``max_depth``); the room only makes
sure Python's own limit does not cut a legal recursion short.  Plugin code never enters
C-level recursion (library callbacks run from Python frames), so the higher limit cannot
overflow the C stack.  A run takes the room once, when its guard is entered
(:class:`~fusabi_host.lang.guard.Guard`); the compiler takes it through
:func:`fusabi_host.lang.parser.recursion_room`.  It lives on its own so that the front end and
the runtime can both use it without importing each other.
"""

from __future__ import annotations

import os
import sys
import threading
from typing import Final

__all__ = [
    "DEFAULT_DEPTH",
    "FRAMES_PER_CALL",
    "enter_locked",
    "enter_recursion_room",
    "leave_locked",
    "leave_recursion_room",
    "runs_lock",
]

DEFAULT_DEPTH: Final = 20_000
"""The Fusabi call depth the recursion limit is raised for when a run has no ``max_depth``."""

FRAMES_PER_CALL: Final = 4
"""Python frames one Fusabi call may take (the function, a curried step, a library
higher-order function and a helper); the recursion limit is raised by this much per level."""

_lock = threading.Lock()
_room_users = 0
_room_saved = 0
_room_set = 0  # (the limit the room set, or 0: the saved one is in force)


def runs_lock() -> threading.Lock:
    """The lock of the room, which the deadline thread shares
    (:mod:`fusabi_host.lang.deadline`): a run takes it once when it starts and once when it
    ends, for both."""
    return _lock


def enter_recursion_room(depth: int | None) -> None:
    """Raise the interpreter's recursion limit for plugin code *depth* Fusabi calls deep;
    :func:`leave_recursion_room` puts it back when the last user in the process leaves."""
    with _lock:
        enter_locked(depth)


def leave_recursion_room() -> None:
    """The end of one use (see :func:`enter_recursion_room`)."""
    with _lock:
        leave_locked()


def enter_locked(depth: int | None) -> None:
    """:func:`enter_recursion_room`, for a caller holding :func:`runs_lock`."""
    global _room_users, _room_saved, _room_set  # noqa: PLW0603
    needed = (depth if depth is not None else DEFAULT_DEPTH) * FRAMES_PER_CALL + 2_000
    if _room_users == 0:
        _room_saved = sys.getrecursionlimit()
        _room_set = 0
    _room_users += 1
    if needed > _room_set and needed > _room_saved:
        sys.setrecursionlimit(needed)
        _room_set = needed


def leave_locked() -> None:
    """:func:`leave_recursion_room`, for a caller holding :func:`runs_lock`."""
    global _room_users  # noqa: PLW0603
    _room_users -= 1
    if _room_users == 0 and _room_set:
        sys.setrecursionlimit(_room_saved)


def _forked() -> None:
    """In a forked child, whose lock may have been held by a thread of the parent (the count
    stays: the child may be inside a run that will end, and a room left raised is safer than
    one taken away)."""
    global _lock  # noqa: PLW0603
    _lock = threading.Lock()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forked)
