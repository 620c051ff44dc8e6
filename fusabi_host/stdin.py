"""Standard input for plugins: one line at a time, never waiting past the call's deadline.

``Console.readLine`` in a plugin reads through :func:`read_line`.  When the process's standard
input is a real file descriptor, the wait for data is bounded by the remaining time of the
current run (``select`` on the descriptor); when the deadline passes the call fails with
:class:`~fusabi_host.errors.LimitExceeded` for ``timeout``.  A line longer than the run's
memory allows is refused the same way.  Anything else standing in for ``sys.stdin`` (a
``StringIO`` in tests, for instance) is read with its own ``readline``.
"""

from __future__ import annotations

import os
import select
import sys
import threading
from typing import Final

from fusabi_host.lang import deadline_passed, remaining_time, reserve_bytes

__all__ = ["read_line"]

_CHUNK: Final = 65536


class _FdLines:
    """Lines read from a file descriptor with a buffer of its own (so ``select`` sees every
    byte that has not been handed out yet)."""

    def __init__(self) -> None:
        self.buffer = bytearray()
        self.eof = False
        self.lock = threading.Lock()

    def read_line(self, fd: int) -> str | None:
        with self.lock:
            while True:
                end = self.buffer.find(b"\n")
                if end >= 0:
                    line = bytes(self.buffer[:end])
                    del self.buffer[: end + 1]
                    return _decode(line)
                if self.eof:
                    if not self.buffer:
                        return None
                    line = bytes(self.buffer)
                    self.buffer.clear()
                    return _decode(line)
                self._fill(fd)

    def _fill(self, fd: int) -> None:
        remaining = remaining_time()
        ready, _, _ = select.select([fd], [], [], remaining)
        if not ready:
            deadline_passed()
        chunk = os.read(fd, _CHUNK)
        if not chunk:
            self.eof = True
            return
        reserve_bytes(len(self.buffer) + len(chunk), "line of standard input")
        self.buffer += chunk


_FD_LINES = _FdLines()


def _decode(line: bytes) -> str:
    return line.decode("utf-8", "replace").rstrip("\r")


def read_line() -> str | None:
    """The next line of the process's standard input without its line ending (``None`` at
    the end), waiting at most until the current run's deadline."""
    stream = sys.stdin
    if stream is None:
        return None
    try:
        fd = stream.fileno()
    except (AttributeError, OSError, ValueError):
        line = stream.readline()
        return line.rstrip("\r\n") if line else None
    return _FD_LINES.read_line(fd)
