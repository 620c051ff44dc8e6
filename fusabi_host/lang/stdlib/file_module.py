"""The ``File`` module: reading and writing files inside the plugin's ``fs:`` grants.

See :mod:`fusabi_host.lang.stdlib.effects` for the table of capabilities and behaviour.
Paths are resolved and opened by :mod:`fusabi_host.lang.beneath`: walked from the granted
root one component at a time on directory descriptors, so a concurrent local writer swapping
a directory for a symbolic link cannot make a plugin reach outside its grant.
"""

from __future__ import annotations

import os
import stat
from typing import Final

from fusabi_host.errors import LimitExceeded
from fusabi_host.lang import guard
from fusabi_host.lang.beneath import open_beneath, stat_beneath, unlink_beneath
from fusabi_host.lang.context import Context
from fusabi_host.lang.exceptions import EXCEPTION_TAGS, fail
from fusabi_host.lang.stdlib.registry import builtin
from fusabi_host.lang.values import (
    FusabiException,
    from_iterable,
    to_pylist,
)

__all__: list[str] = []

_READ_CHUNK: Final = 65536

_NONBLOCK: Final = getattr(os, "O_NONBLOCK", 0)


def _io_error(function: str, action: str, path: str, exc: OSError) -> FusabiException:
    """The ``IOException`` to raise for *exc*."""
    reason = exc.strerror or str(exc)
    message = f"{function}: cannot {action} '{path}': {reason}"
    return FusabiException((EXCEPTION_TAGS["IOException"], message))


def _check_path(function: str, path: str) -> None:
    if "\x00" in path:
        fail("ArgumentException", f"{function}: the path contains a NUL character")


def _utf8(function: str, text: str) -> bytes:
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        fail("ArgumentException", f"{function}: the text contains an unpaired surrogate")


def _read_bytes(ctx: Context, function: str, path: str) -> bytes:
    """The bytes of the regular file *path* (``fs:read``), refusing files over the limit."""
    _check_path(function, path)
    limit = ctx.max_collection_size
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer (it is refused just below).
        fd = open_beneath(ctx, "fs:read", path, os.O_RDONLY | _NONBLOCK)
    except OSError as exc:
        raise _io_error(function, "read", path, exc) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            fail("IOException", f"{function}: cannot read '{path}': not a regular file")
        if limit is not None and info.st_size > limit:
            _too_big(ctx, path, info.st_size, limit)
        guard.reserve_bytes(info.st_size, "file")
        chunks: list[bytes] = []
        total = 0
        while True:
            chunk = os.read(fd, _READ_CHUNK)
            if not chunk:
                break
            total += len(chunk)
            if limit is not None and total > limit:  # the file grew while we read it
                _too_big(ctx, path, total, limit)
            if total > info.st_size:
                guard.reserve_bytes(total, "file")
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError as exc:
        raise _io_error(function, "read", path, exc) from None
    finally:
        os.close(fd)


def _too_big(ctx: Context, path: str, size: int, limit: int) -> None:
    raise LimitExceeded(
        f"plugin '{ctx.plugin}' tried to read '{path}' of {size} bytes or more "
        f"(the limit is {limit})",
        limit="max_collection_size",
        value=limit,
    )


def _read_text(ctx: Context, function: str, path: str) -> str:
    data = _read_bytes(ctx, function, path)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        fail(
            "IOException",
            f"{function}: cannot read '{path}': not valid UTF-8 (byte {exc.start})",
        )


def _write_bytes(ctx: Context, function: str, path: str, data: bytes, *, append: bool) -> None:
    """Create/truncate (or append to) the regular file *path* (``fs:write``)."""
    _check_path(function, path)
    mode = os.O_APPEND if append else os.O_TRUNC
    flags = os.O_WRONLY | os.O_CREAT | mode | _NONBLOCK
    try:
        fd = open_beneath(ctx, "fs:write", path, flags, 0o666)
    except OSError as exc:
        raise _io_error(function, "write", path, exc) from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            fail("IOException", f"{function}: cannot write '{path}': not a regular file")
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
    except OSError as exc:
        raise _io_error(function, "write", path, exc) from None
    finally:
        os.close(fd)


def _split_lines(text: str) -> list[str]:
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()
    return [line[:-1] if line.endswith("\r") else line for line in lines]


def _join_lines(lines: object) -> str:
    return "".join(line + "\n" for line in to_pylist(lines))  # type: ignore[operator]


@builtin("File.readLines", "string -> string list", context=True, effect="fs:read")
def file_read_lines(ctx: Context, path: str) -> object:
    """The lines of a text file, without their line endings."""
    return from_iterable(_split_lines(_read_text(ctx, "File.readLines", path)))


@builtin("File.readAllText", "string -> string", context=True, effect="fs:read")
def file_read_all_text(ctx: Context, path: str) -> str:
    """The whole text of a file."""
    return _read_text(ctx, "File.readAllText", path)


@builtin("File.writeLines", "string -> string list -> unit", context=True, effect="fs:write")
def file_write_lines(ctx: Context, path: str, lines: object) -> None:
    """Create or truncate the file and write each line followed by ``\\n``."""
    data = _utf8("File.writeLines", _join_lines(lines))
    _write_bytes(ctx, "File.writeLines", path, data, append=False)


@builtin("File.writeAllText", "string -> string -> unit", context=True, effect="fs:write")
def file_write_all_text(ctx: Context, path: str, text: str) -> None:
    """Create or truncate the file and write *text* as it is."""
    _write_bytes(ctx, "File.writeAllText", path, _utf8("File.writeAllText", text), append=False)


@builtin("File.appendLine", "string -> string -> unit", context=True, effect="fs:write")
def file_append_line(ctx: Context, path: str, line: str) -> None:
    """Append *line* and ``\\n`` to the file, creating it when missing."""
    data = _utf8("File.appendLine", line + "\n")
    _write_bytes(ctx, "File.appendLine", path, data, append=True)


@builtin("File.exists", "string -> bool", context=True, effect="fs:read")
def file_exists(ctx: Context, path: str) -> bool:
    """Whether *path* names an existing regular file (after following links)."""
    _check_path("File.exists", path)
    try:
        return stat.S_ISREG(stat_beneath(ctx, "fs:read", path).st_mode)
    except OSError:
        return False


@builtin("File.delete", "string -> unit", context=True, effect="fs:write")
def file_delete(ctx: Context, path: str) -> None:
    """Delete a file (a link itself, not its target); nothing happens when it is missing."""
    _check_path("File.delete", path)
    try:
        unlink_beneath(ctx, "fs:write", path)
    except FileNotFoundError:
        return
    except IsADirectoryError:
        fail("IOException", f"File.delete: cannot delete '{path}': it is a directory")
    except OSError as exc:
        raise _io_error("File.delete", "delete", path, exc) from None
