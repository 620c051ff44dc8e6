"""The effectful upstream modules: ``Console``, ``File``, ``Process``, ``Events``, ``Config``,
plus ``Random``.

Every effect goes through the instance's :class:`~fusabi_host.lang.context.Context`, which
checks the capability first:

=====================================  ===================================================
function                               capability (resource)
=====================================  ===================================================
``Console.readLine``                   ``stdin:read``
``Console.write/writeLine/clear``      ``stdout:write``
``File.readLines/readAllText/exists``  ``fs:read`` (the real path, symbolic links resolved)
``File.writeLines/writeAllText``       ``fs:write`` (the real path)
``File.appendLine/delete``
``Process.run cmd args``               ``process:exec`` (*cmd* exactly as written)
``Process.runShell cmd``               ``process:exec`` (``sh``)
``Process.env name``                   ``env:read`` (*name*)
``Process.setEnv name value``          ``env:write`` (*name*)
``Process.cwd ()``                     ``env:read`` (``cwd``)
``Random.int/float``                   ``random``
``Events.*``, ``Config.*``             none: their state belongs to the instance
=====================================  ===================================================

Behaviour and deliberate deviations from upstream (REF, section 4.9):

* ``Console.readLine ()`` returns ``""`` at the end of input.  ``Console.readKey`` is not
  provided: reading one key needs a terminal the plugin does not own.
* ``File`` functions fail with ``IOException`` naming the path (as the plugin wrote it).
  Text is UTF-8 (invalid UTF-8 is an ``IOException``, not replaced); lines are split on
  ``\\n`` with a trailing ``\\r`` removed and no empty last line for a final newline; written
  lines each end with ``\\n``.  Only regular files are read or written (no FIFOs or devices).
  A file larger than the instance's ``max_collection_size`` (in bytes) is refused with
  :class:`~fusabi_host.errors.LimitExceeded` before it is read.  ``File.delete`` of a missing
  file does nothing (as .NET's ``File.Delete``); of a symbolic link it removes the link (the
  capability is checked for the link's own location), never its target.  ``readAllText``,
  ``writeAllText``, ``exists`` and ``delete`` are additions (.NET names, lower-cased as
  upstream's).
* ``Process.run`` runs the command without a shell, with standard input closed, in the
  plugin's directory, for at most 30 seconds (then the whole process group is killed and a
  ``TimeoutException`` raised); it keeps the first 4 MiB of each output stream (the rest is
  read and dropped) and decodes them as lossy UTF-8.  It returns ``{exitCode; stdout;
  stderr}`` (``exitCode`` is -1 when a signal ended the process).  Processes the command
  leaves running in its process group are killed when it returns.  A command that cannot be
  started is an ``IOException``.  ``Process.runShell`` runs ``sh -c cmd``: a shell can run
  anything, so only an unscoped ``process:exec`` grant or ``process:exec=sh`` allows it.
  Child processes get ``PATH`` and the locale variables, the host variables the plugin may
  read itself (``env:read`` for that name), and the instance's ``setEnv`` values -- never the
  rest of the host's environment.
* ``Process.setEnv`` never changes the host process's environment: it sets the variable in
  a per-instance overlay that ``Process.env`` and child processes see.  ``Process.cwd ()``
  is the plugin's directory.
* ``Events`` (REF: process-global) are per instance; ids count from 1 in each instance;
  ``emit`` calls the handlers registered at the time of the call in registration order,
  ``once`` handlers included (each removed before its single call).  ``emitAsync`` is the
  same, synchronous call.  ``Events.list ()`` lists event names that have handlers, sorted.
* ``Config`` (REF: process-global, and usable only with ``ConfigValue``-typed values) is per
  instance and stores any Fusabi value; see :func:`config_define` for the schema record.
* ``Random.int lo hi`` (lo inclusive, hi exclusive, like .NET ``Random.Next``) and
  ``Random.float ()`` (in [0, 1)) are additions; they need the ``random`` capability.
* Not provided (they need a terminal host): ``TerminalInfo``, ``TerminalControl``,
  ``UIFormatting``, ``Commands``, ``Nav``; also ``Console.readKey``.
"""

from __future__ import annotations

import contextlib
import os
import selectors
import signal
import stat
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, Final

from fusabi_host.errors import LimitExceeded
from fusabi_host.lang.context import Context
from fusabi_host.lang.exceptions import EXCEPTION_TAGS, fail
from fusabi_host.lang.stdlib.registry import builtin
from fusabi_host.lang.values import (
    NIL,
    NONE,
    NONE_TAG,
    SOME_TAG,
    FusabiException,
    FzArray,
    FzMap,
    from_iterable,
    make_some,
    to_pylist,
    type_name,
)

__all__ = ["PROCESS_OUTPUT_LIMIT", "PROCESS_TIMEOUT"]

PROCESS_TIMEOUT: Final = 30.0
"""Seconds a command started by ``Process.run`` may take."""
PROCESS_OUTPUT_LIMIT: Final = 4 * 1024 * 1024
"""Bytes of each output stream ``Process.run`` keeps."""

_READ_CHUNK: Final = 65536

# =========================================================================== Console


@builtin("Console.readLine", "unit -> string", context=True, effect="stdin:read")
def console_read_line(ctx: Context, _unit: None) -> str:
    """The next line of standard input without its line ending; ``""`` at the end."""
    line = ctx.read_line()
    if line is None:
        return ""
    if line.endswith("\n"):
        line = line[:-1]
    if line.endswith("\r"):
        line = line[:-1]
    return line


@builtin("Console.write", "string -> unit", context=True, effect="stdout:write")
def console_write(ctx: Context, text: str) -> None:
    """Print *text*."""
    ctx.write(text)


@builtin("Console.writeLine", "string -> unit", context=True, effect="stdout:write")
def console_write_line(ctx: Context, text: str) -> None:
    """Print *text* and a newline."""
    ctx.write(text + "\n")


@builtin("Console.clear", "unit -> unit", context=True, effect="stdout:write")
def console_clear(ctx: Context, _unit: None) -> None:
    """Clear the terminal (prints ``ESC[2J ESC[H``)."""
    ctx.write("\x1b[2J\x1b[H")


# =========================================================================== File

_NOFOLLOW: Final = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK: Final = getattr(os, "O_NONBLOCK", 0)
_CLOEXEC: Final = getattr(os, "O_CLOEXEC", 0)


def _io_error(function: str, action: str, path: str, exc: OSError) -> FusabiException:
    """The ``IOException`` to raise for *exc*."""
    reason = exc.strerror or str(exc)
    message = f"{function}: cannot {action} '{path}': {reason}"
    return FusabiException((EXCEPTION_TAGS["IOException"], message))


def _check_path(function: str, path: str) -> None:
    if "\x00" in path:
        fail("ArgumentException", f"{function}: the path contains a NUL character")


def _real_path(ctx: Context, function: str, path: str, capability: str) -> str:
    """The real path of *path* (links resolved) once *capability* is granted for it."""
    _check_path(function, path)
    return ctx.path(path, capability)


def _utf8(function: str, text: str) -> bytes:
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        fail("ArgumentException", f"{function}: the text contains an unpaired surrogate")


def _read_bytes(ctx: Context, function: str, path: str) -> bytes:
    """The bytes of the regular file *path* (``fs:read``), refusing files over the limit."""
    real = _real_path(ctx, function, path, "fs:read")
    limit = ctx.max_collection_size
    try:
        fd = os.open(real, os.O_RDONLY | _NOFOLLOW | _NONBLOCK | _CLOEXEC)
    except OSError as exc:
        raise _io_error(function, "read", path, exc) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            fail("IOException", f"{function}: cannot read '{path}': not a regular file")
        if limit is not None and info.st_size > limit:
            _too_big(ctx, path, info.st_size, limit)
        chunks: list[bytes] = []
        total = 0
        while True:
            chunk = os.read(fd, _READ_CHUNK)
            if not chunk:
                break
            total += len(chunk)
            if limit is not None and total > limit:  # the file grew while we read it
                _too_big(ctx, path, total, limit)
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
    real = _real_path(ctx, function, path, "fs:write")
    mode = os.O_APPEND if append else os.O_TRUNC
    flags = os.O_WRONLY | os.O_CREAT | mode | _NOFOLLOW | _NONBLOCK | _CLOEXEC
    try:
        fd = os.open(real, flags, 0o666)
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
    real = _real_path(ctx, "File.exists", path, "fs:read")
    return os.path.isfile(real)


@builtin("File.delete", "string -> unit", context=True, effect="fs:write")
def file_delete(ctx: Context, path: str) -> None:
    """Delete a file (a link itself, not its target); nothing happens when it is missing."""
    _check_path("File.delete", path)
    base = ctx.base_dir if ctx.base_dir is not None else Path.cwd()
    parent, name = os.path.split(os.path.join(base, os.path.expanduser(path)))
    if name in ("", ".", ".."):
        target = ctx.path(path, "fs:write")
    else:
        # Resolve the directory only: the entry to remove is the name itself, link or not.
        target = os.path.join(os.path.realpath(parent), name)
        ctx.require("fs:write", target)
    try:
        if stat.S_ISDIR(os.lstat(target).st_mode):
            fail("IOException", f"File.delete: cannot delete '{path}': it is a directory")
        os.unlink(target)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise _io_error("File.delete", "delete", path, exc) from None


# =========================================================================== Process


def _env_overlay(ctx: Context) -> dict[str, str]:
    overlay: dict[str, str] = ctx.state.setdefault("env", {})
    return overlay


def _exited(proc: subprocess.Popen[bytes]) -> bool:
    """Whether the process has exited, without reaping it (so its pid, which is also its
    process group id, cannot be reused before :func:`_kill_group` runs)."""
    try:
        return os.waitid(os.P_PID, proc.pid, os.WEXITED | os.WNOHANG | os.WNOWAIT) is not None
    except ChildProcessError:  # already reaped
        return True


def _collect_output(proc: subprocess.Popen[bytes], deadline: float) -> tuple[bytes, bytes]:
    """Read both pipes until they close, or the process has exited and they went quiet, or
    the deadline passes; keep :data:`PROCESS_OUTPUT_LIMIT` bytes of each."""
    assert proc.stdout is not None and proc.stderr is not None
    out_fd, err_fd = proc.stdout.fileno(), proc.stderr.fileno()
    buffers = {out_fd: bytearray(), err_fd: bytearray()}
    with selectors.DefaultSelector() as selector:
        for fd in buffers:
            os.set_blocking(fd, False)
            selector.register(fd, selectors.EVENT_READ)
        while selector.get_map():
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                break
            events = selector.select(min(remaining, 0.1))
            if not events and _exited(proc):
                break  # whatever still holds the pipes open is not waited for
            for key, _ in events:
                fd = int(key.fd)
                try:
                    chunk = os.read(fd, _READ_CHUNK)
                except BlockingIOError:
                    continue
                if not chunk:
                    selector.unregister(fd)
                    continue
                buffer = buffers[fd]
                room = PROCESS_OUTPUT_LIMIT - len(buffer)
                if room > 0:
                    buffer += chunk[:room]
    return bytes(buffers[out_fd]), bytes(buffers[err_fd])


def _wait_exit(proc: subprocess.Popen[bytes], deadline: float) -> bool:
    """Wait (without reaping) until the process exits or the deadline passes."""
    delay = 0.001
    while not _exited(proc):
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return False
        time.sleep(min(delay, remaining))
        delay = min(delay * 2, 0.05)
    return True


def _kill_group(proc: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)


# what a child process always gets from the host (it cannot find or decode anything without)
_CHILD_BASE_ENV: Final = ("PATH", "LANG", "LC_ALL", "LC_CTYPE", "TZ")


def _child_environment(ctx: Context) -> dict[str, str]:
    """A child's environment: PATH and the locale, the host variables the plugin may read
    (``env:read`` for that name), and the instance's own ``setEnv`` values.  Secrets in the
    host's environment never reach a child the plugin could not read them from itself."""
    env = {name: os.environ[name] for name in _CHILD_BASE_ENV if name in os.environ}
    for name, value in os.environ.items():
        if name not in env and ctx.allows("env:read", name):
            env[name] = value
    env.update(_env_overlay(ctx))
    return env


def _run(ctx: Context, function: str, argv: list[str]) -> dict[str, object]:
    for arg in argv:
        if "\x00" in arg:
            fail("ArgumentException", f"{function}: an argument contains a NUL character")
    env = _child_environment(ctx)
    cwd = str(ctx.base_dir) if ctx.base_dir is not None else None
    try:
        proc = subprocess.Popen(
            argv,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=cwd,
            env=env,
            start_new_session=True,  # its own process group, so it can be killed as a whole
        )
    except (OSError, ValueError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        fail("IOException", f"{function}: failed to execute command '{argv[0]}': {reason}")
    try:
        deadline = time.monotonic() + PROCESS_TIMEOUT
        stdout, stderr = _collect_output(proc, deadline)
        finished = _wait_exit(proc, deadline)
    finally:
        _kill_group(proc)  # the command, if still running, and anything it left behind
        proc.wait()
        for stream in (proc.stdout, proc.stderr):
            if stream is not None:
                stream.close()
    if not finished:
        fail(
            "TimeoutException",
            f"{function}: command '{argv[0]}' did not finish within "
            f"{PROCESS_TIMEOUT:g} seconds and was killed",
        )
    code = proc.returncode
    return {
        "exitCode": code if code >= 0 else -1,
        "stdout": stdout.decode("utf-8", "replace"),
        "stderr": stderr.decode("utf-8", "replace"),
    }


@builtin("Process.run", "string -> string list -> dyn", context=True, effect="process:exec")
def process_run(ctx: Context, command: str, args: object) -> dict[str, object]:
    """Run *command* with *args* (no shell); ``{exitCode; stdout; stderr}``."""
    arguments = to_pylist(args)
    ctx.require("process:exec", command)
    return _run(ctx, "Process.run", [command, *arguments])  # type: ignore[list-item]


@builtin("Process.runShell", "string -> dyn", context=True, effect="process:exec")
def process_run_shell(ctx: Context, command: str) -> dict[str, object]:
    """Run ``sh -c command``; needs ``process:exec`` for ``sh``."""
    ctx.require("process:exec", "sh")
    return _run(ctx, "Process.runShell", ["sh", "-c", command])


@builtin("Process.env", "string -> string option", context=True, effect="env:read")
def process_env(ctx: Context, name: str) -> object:
    """``Some value`` of an environment variable (the instance's own first), or ``None``."""
    ctx.require("env:read", name)
    overlay = _env_overlay(ctx)
    if name in overlay:
        return make_some(overlay[name])
    if not name or "=" in name or "\x00" in name:
        return NONE
    value = os.environ.get(name)
    return NONE if value is None else make_some(value)


@builtin("Process.setEnv", "string -> string -> unit", context=True, effect="env:write")
def process_set_env(ctx: Context, name: str, value: str) -> None:
    """Set a variable for this instance and the processes it starts (not the host)."""
    if not name or "=" in name or "\x00" in name:
        fail(
            "ArgumentException",
            f"Process.setEnv: '{name}' is not a valid environment variable name",
        )
    if "\x00" in value:
        fail("ArgumentException", "Process.setEnv: the value contains a NUL character")
    ctx.require("env:write", name)
    _env_overlay(ctx)[name] = value


@builtin("Process.cwd", "unit -> string", context=True, effect="env:read")
def process_cwd(ctx: Context, _unit: None) -> str:
    """The plugin's directory (the directory relative paths are resolved against)."""
    ctx.require("env:read", "cwd")
    return str(ctx.base_dir) if ctx.base_dir is not None else os.getcwd()


# =========================================================================== Events


class _Handler:
    __slots__ = ("function", "ident", "once")

    def __init__(self, ident: int, function: Callable[[object], object], once: bool) -> None:
        self.ident = ident
        self.function = function
        self.once = once


class _Events:
    """One instance's event handlers: event name -> handlers in registration order."""

    def __init__(self) -> None:
        self.next_id = 1
        self.handlers: dict[str, list[_Handler]] = {}

    def add(self, name: str, function: Callable[[object], object], once: bool) -> int:
        ident = self.next_id
        self.next_id += 1
        self.handlers.setdefault(name, []).append(_Handler(ident, function, once))
        return ident

    def remove(self, ident: int) -> bool:
        for name, handlers in self.handlers.items():
            for index, handler in enumerate(handlers):
                if handler.ident == ident:
                    del handlers[index]
                    if not handlers:
                        del self.handlers[name]
                    return True
        return False


def _events(ctx: Context) -> _Events:
    events = ctx.state.get("events")
    if not isinstance(events, _Events):
        events = ctx.state["events"] = _Events()
    return events


@builtin("Events.on", "string -> ('a -> unit) -> int", context=True)
def events_on(ctx: Context, name: str, handler: Callable[[object], object]) -> int:
    """Register *handler* for event *name*; returns its id."""
    return _events(ctx).add(name, handler, once=False)


@builtin("Events.once", "string -> ('a -> unit) -> int", context=True)
def events_once(ctx: Context, name: str, handler: Callable[[object], object]) -> int:
    """Register *handler* for the next emission of *name* only; returns its id."""
    return _events(ctx).add(name, handler, once=True)


@builtin("Events.off", "int -> bool", context=True)
def events_off(ctx: Context, ident: int) -> bool:
    """Remove the handler with this id; whether there was one."""
    return _events(ctx).remove(ident)


@builtin("Events.emit", "string -> 'a -> unit", context=True)
def events_emit(ctx: Context, name: str, data: object) -> None:
    """Call the handlers of *name* with *data*, in registration order."""
    events = _events(ctx)
    handlers = list(events.handlers.get(name, ()))
    for handler in handlers:
        if handler.once:
            events.remove(handler.ident)
    for handler in handlers:
        handler.function(data)


@builtin("Events.emitAsync", "string -> 'a -> unit", context=True)
def events_emit_async(ctx: Context, name: str, data: object) -> None:
    """The same as ``Events.emit`` (handlers run synchronously)."""
    events_emit(ctx, name, data)


@builtin("Events.clear", "string -> unit", context=True)
def events_clear(ctx: Context, name: str) -> None:
    """Remove every handler of *name*."""
    _events(ctx).handlers.pop(name, None)


@builtin("Events.clearAll", "unit -> unit", context=True)
def events_clear_all(ctx: Context, _unit: None) -> None:
    """Remove every handler."""
    _events(ctx).handlers.clear()


@builtin("Events.handlers", "string -> int", context=True)
def events_handlers(ctx: Context, name: str) -> int:
    """How many handlers *name* has."""
    return len(_events(ctx).handlers.get(name, ()))


@builtin("Events.list", "unit -> string list", context=True)
def events_list(ctx: Context, _unit: None) -> object:
    """The names of events with handlers, sorted."""
    return from_iterable(sorted(_events(ctx).handlers))


# =========================================================================== Random


@builtin("Random.int", "int -> int -> int", context=True, effect="random")
def random_int(ctx: Context, low: int, high: int) -> int:
    """A random int with ``low <= n < high`` (``low`` when they are equal)."""
    if low > high:
        fail(
            "ArgumentOutOfRangeException",
            f"Random.int: the lower bound {low} is greater than the upper bound {high}",
        )
    rng = ctx.rng()
    return low if low == high else rng.randrange(low, high)


@builtin("Random.float", "unit -> float", context=True, effect="random")
def random_float(ctx: Context, _unit: None) -> float:
    """A random float in [0, 1)."""
    return ctx.rng().random()


# =========================================================================== Config

_CONFIG_TYPES: Final[dict[str, Callable[[object], bool]]] = {
    "any": lambda v: True,
    "string": lambda v: type(v) is str,
    "int": lambda v: type(v) is int,
    "float": lambda v: type(v) is float,
    "bool": lambda v: type(v) is bool,
    "list": lambda v: v is NIL or type(v) is list,
    "array": lambda v: type(v) is FzArray,
    "map": lambda v: type(v) in (FzMap, dict),
}


class _Setting:
    __slots__ = ("config_type", "default", "has_default", "validator")

    def __init__(
        self,
        config_type: str,
        default: object,
        has_default: bool,
        validator: Callable[[object], object] | None,
    ) -> None:
        self.config_type = config_type
        self.default = default
        self.has_default = has_default
        self.validator = validator


class _Config:
    """One instance's settings: definitions (schemas) and current values."""

    def __init__(self) -> None:
        self.settings: dict[str, _Setting] = {}
        self.values: dict[str, object] = {}


def _config(ctx: Context) -> _Config:
    config = ctx.state.get("config")
    if not isinstance(config, _Config):
        config = ctx.state["config"] = _Config()
    return config


def _option_field(schema: dict[str, Any], field: str) -> tuple[bool, object]:
    """``(present, payload)`` of an optional schema field holding ``Some x`` / ``None``."""
    if field not in schema:
        return False, None
    value = schema[field]
    if type(value) is tuple and len(value) == 2 and value[0] is SOME_TAG:
        return True, value[1]
    if type(value) is tuple and len(value) == 1 and value[0] is NONE_TAG:
        return False, None
    fail(
        "ArgumentException",
        f"Config.define: the '{field}' field must be an option (Some ... or None), "
        f"got {type_name(value)}",
    )


def _check_value(function: str, name: str, setting: _Setting, value: object) -> None:
    if not _CONFIG_TYPES[setting.config_type](value):
        fail(
            "ArgumentException",
            f"{function}: setting '{name}' is of type {setting.config_type}, "
            f"got a {type_name(value)}",
        )
    if setting.validator is not None and setting.validator(value) is not True:
        fail("ArgumentException", f"{function}: the validator of '{name}' rejected the value")


@builtin("Config.define", "'a -> unit", context=True)
def config_define(ctx: Context, schema: object) -> None:
    """Define (or redefine) a setting from a schema record: ``name`` (string, required),
    ``configType`` (``"string" "int" "float" "bool" "list" "array" "map"`` or ``"any"``, the
    default), ``default`` and ``validator`` (options; the validator is ``'a -> bool``);
    other fields (``description``...) are ignored.  The setting takes its default value."""
    if type(schema) is not dict:
        fail(
            "ArgumentException", f"Config.define: expected a schema record, got {type_name(schema)}"
        )
    name = schema.get("name")
    if type(name) is not str or not name:
        fail("ArgumentException", "Config.define: the schema needs a non-empty string 'name'")
    config_type = schema.get("configType", "any")
    if type(config_type) is not str or config_type not in _CONFIG_TYPES:
        fail(
            "ArgumentException",
            f"Config.define: unknown configType {config_type!r} for '{name}' "
            f"(known: {', '.join(sorted(_CONFIG_TYPES))})",
        )
    has_default, default = _option_field(schema, "default")
    has_validator, validator = _option_field(schema, "validator")
    if has_validator and not callable(validator):
        fail("ArgumentException", f"Config.define: the validator of '{name}' is not a function")
    setting = _Setting(
        config_type,
        default,
        has_default,
        validator if has_validator else None,  # type: ignore[arg-type]
    )
    if has_default:
        _check_value("Config.define", name, setting, default)
    config = _config(ctx)
    config.settings[name] = setting
    config.values.pop(name, None)


def _current(config: _Config, name: str) -> tuple[bool, object]:
    if name in config.values:
        return True, config.values[name]
    setting = config.settings.get(name)
    if setting is not None and setting.has_default:
        return True, setting.default
    return False, None


@builtin("Config.get", "string -> 'a option", context=True)
def config_get(ctx: Context, name: str) -> object:
    """``Some value`` of a setting (its default when never set), or ``None``."""
    present, value = _current(_config(ctx), name)
    return make_some(value) if present else NONE


@builtin("Config.getOr", "string -> 'a -> 'a", context=True)
def config_get_or(ctx: Context, name: str, fallback: object) -> object:
    """The value of a setting, or *fallback* when it has none."""
    present, value = _current(_config(ctx), name)
    return value if present else fallback


@builtin("Config.set", "string -> 'a -> unit", context=True)
def config_set(ctx: Context, name: str, value: object) -> None:
    """Set a setting (checked against its definition, when it has one)."""
    config = _config(ctx)
    setting = config.settings.get(name)
    if setting is not None:
        _check_value("Config.set", name, setting, value)
    config.values[name] = value


@builtin("Config.has", "string -> bool", context=True)
def config_has(ctx: Context, name: str) -> bool:
    """Whether the setting has a value (set, or a default)."""
    return _current(_config(ctx), name)[0]


@builtin("Config.list", "unit -> string list", context=True)
def config_list(ctx: Context, _unit: None) -> object:
    """The names of all defined or set settings, sorted."""
    config = _config(ctx)
    return from_iterable(sorted(set(config.settings) | set(config.values)))


@builtin("Config.reset", "string -> unit", context=True)
def config_reset(ctx: Context, name: str) -> None:
    """Forget the value set for *name*: it is back to its default (or to no value)."""
    _config(ctx).values.pop(name, None)
