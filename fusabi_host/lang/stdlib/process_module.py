"""The ``Process`` module: running commands and reading the environment under
``process:exec`` and ``env:`` grants.

See :mod:`fusabi_host.lang.stdlib.effects` for the table of capabilities and behaviour, and
:mod:`fusabi_host.commands` for command scopes.

How a command runs (``Process.run``/``runShell``):

1. The host resolves the program (:class:`~fusabi_host.commands.CommandTable`): a bare name in
   the host's ``PATH`` as it was when the instance was made, never the plugin's; ``process:exec``
   is checked for the whole argument vector (:func:`~fusabi_host.commands.command_resource`).
2. On Linux the command runs under a small supervisor: ``sys.executable -I -S`` running
   :data:`_SUPERVISOR`, which makes itself a *child subreaper* (``PR_SET_CHILD_SUBREAPER``),
   asks for ``SIGTERM`` if the host dies (``PR_SET_PDEATHSIG``), spawns the command, waits for
   it, then sends ``SIGKILL`` to every process still descending from it (found through ``/proc``;
   orphans, ``setsid`` or double-forked ones included, are re-parented to the supervisor) and
   reaps them until it has no child left.  When the call's deadline passes the host sends the
   supervisor ``SIGTERM`` (it kills the tree the same way) and then kills the supervisor's
   process group as a backstop.  Elsewhere, or where ``prctl`` or ``/proc`` is unavailable,
   only the process group is killed: descendants that left it (``setsid``) can survive.
3. The wait is bounded by the call's deadline (:meth:`Context.remaining_time`), and by
   :data:`PROCESS_TIMEOUT` without one or when that comes first.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import selectors
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from typing import Final

from fusabi_host.commands import COMMANDS_STATE, CommandTable, command_resource
from fusabi_host.lang import guard
from fusabi_host.lang.context import Context
from fusabi_host.lang.exceptions import fail
from fusabi_host.lang.stdlib.registry import builtin
from fusabi_host.lang.values import (
    NONE,
    make_some,
    to_pylist,
)

__all__ = ["PROCESS_OUTPUT_LIMIT", "PROCESS_TIMEOUT", "SUPERVISED"]

PROCESS_TIMEOUT: Final = 30.0
"""Seconds a command started by ``Process.run`` may take at most (the call's deadline, when
it has one and it comes first, is the bound instead)."""
PROCESS_OUTPUT_LIMIT: Final = 4 * 1024 * 1024
"""Bytes of each output stream ``Process.run`` keeps."""

SUPERVISED: Final = (
    sys.platform.startswith("linux") and bool(sys.executable) and hasattr(os, "posix_spawn")
)
"""Whether commands run under the supervisor that kills all their descendants (Linux)."""

_READ_CHUNK: Final = 65536
_STOP_GRACE: Final = 3.0
"""Seconds the supervisor gets to kill the command's processes once asked to stop (it takes
milliseconds unless the command forks as fast as it can); then the host kills the
supervisor's process group."""

# what a child process always gets from the host (it cannot find or decode anything without)
_CHILD_BASE_ENV: Final = ("LANG", "LC_ALL", "LC_CTYPE", "TZ")
# what the plugin's own ``setEnv`` values never set for a child: they choose the program
_HOST_ONLY_ENV: Final = ("PATH",)
_HOST_ONLY_PREFIXES: Final = ("LD_", "DYLD_")

_SUPERVISOR: Final = r"""
import ctypes, marshal, os, signal, sys, time

def parent_of(pid):
    with open("/proc/%d/stat" % pid, "rb") as stat:
        data = stat.read()
    return int(data[data.rindex(b")") + 2 :].split()[1])

def descendants(root):
    children = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                children.setdefault(parent_of(int(name)), []).append(int(name))
            except (OSError, ValueError, IndexError):
                pass
    found, todo = {}, [root]
    while todo:
        parent = todo.pop()
        for pid in children.get(parent, ()):
            found[pid] = parent
            todo.append(pid)
    return found

def kill(pid, tree):
    # a pidfd pins the process, so a pid reused since the scan is not killed by mistake
    try:
        fd = os.pidfd_open(pid)
    except (AttributeError, OSError):
        fd = None
    try:
        if fd is None:
            os.kill(pid, signal.SIGKILL)
        elif parent_of(pid) in tree:
            signal.pidfd_send_signal(fd, signal.SIGKILL)
    except (OSError, ValueError, IndexError):
        pass
    finally:
        if fd is not None:
            os.close(fd)

def kill_tree():
    me, delay = os.getpid(), 0.0002
    while True:
        found = descendants(me)
        tree = {me, *found}
        for pid in found:
            kill(pid, tree)
        try:
            while os.waitpid(-1, os.WNOHANG)[0]:
                pass
        except ChildProcessError:
            return
        time.sleep(delay)
        delay = min(delay * 2, 0.01)

def main(payload_fd, status_fd, parent):
    watched = {signal.SIGCHLD, signal.SIGTERM, signal.SIGINT, signal.SIGHUP}
    signal.pthread_sigmask(signal.SIG_BLOCK, watched)
    os.set_inheritable(status_fd, False)
    with open(payload_fd, "rb") as payload:
        executable, argv, env = marshal.loads(payload.read())
    subreaper = False
    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
        subreaper = prctl(36, 1, 0, 0, 0) == 0 and os.path.isdir("/proc/self")
        prctl(1, signal.SIGTERM, 0, 0, 0)
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:
        return b"killed"
    defaults = [signal.SIGPIPE, signal.SIGXFSZ, *watched]
    try:
        child = os.posix_spawn(executable, argv, env, setsigmask=(), setsigdef=defaults)
    except OSError as error:
        return b"error %d" % (error.errno or 0)
    result = None
    while result is None:
        info = signal.sigtimedwait(watched, 1.0)
        if info is None:
            if os.getppid() != parent:
                break
            continue
        if info.si_signo != signal.SIGCHLD:
            break
        try:
            while True:
                pid, status = os.waitpid(-1, os.WNOHANG)
                if not pid:
                    break
                if pid == child:
                    result = b"exit %d" % os.waitstatus_to_exitcode(status)
        except ChildProcessError:
            pass
    if subreaper:
        kill_tree()
    return result or b"killed"

os.write(int(sys.argv[2]), main(int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])))
"""
"""The supervisor a command runs under (see the module docstring); its arguments are the
descriptor it reads ``marshal``-ed ``(executable, argv, env)`` from, the descriptor it writes
``exit N``, ``error ERRNO`` or ``killed`` to, and the host's pid."""


def _env_overlay(ctx: Context) -> dict[str, str]:
    overlay: dict[str, str] = ctx.state.setdefault("env", {})
    return overlay


def _commands(ctx: Context) -> CommandTable:
    """The instance's command table (built when the instance was made; here for contexts made
    without the engine)."""
    table = ctx.state.get(COMMANDS_STATE)
    if not isinstance(table, CommandTable):
        table = CommandTable.for_grant(ctx.grant) or CommandTable()
        ctx.state[COMMANDS_STATE] = table
    return table


def _exited(proc: subprocess.Popen[bytes]) -> bool:
    """Whether the process has exited, without reaping it (so its pid, which is also its
    process group id, cannot be reused before :func:`_kill_group` runs)."""
    try:
        return os.waitid(os.P_PID, proc.pid, os.WEXITED | os.WNOHANG | os.WNOWAIT) is not None
    except ChildProcessError:  # already reaped
        return True


def _collect_output(
    proc: subprocess.Popen[bytes], deadline: float, check: Callable[[], None]
) -> tuple[bytes, bytes]:
    """Read both pipes until they close, or the process has exited and they went quiet, or
    the deadline passes; keep :data:`PROCESS_OUTPUT_LIMIT` bytes of each.  *check* runs
    between reads (it raises when the call must stop)."""
    assert proc.stdout is not None and proc.stderr is not None
    out_fd, err_fd = proc.stdout.fileno(), proc.stderr.fileno()
    buffers = {out_fd: bytearray(), err_fd: bytearray()}
    with selectors.DefaultSelector() as selector:
        for fd in buffers:
            os.set_blocking(fd, False)
            selector.register(fd, selectors.EVENT_READ)
        while selector.get_map():
            check()
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


def _wait_exit(
    proc: subprocess.Popen[bytes], deadline: float, check: Callable[[], None] | None = None
) -> bool:
    """Wait (without reaping) until the process exits or the deadline passes."""
    delay = 0.001
    while not _exited(proc):
        if check is not None:
            check()
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return False
        time.sleep(min(delay, remaining))
        delay = min(delay * 2, 0.05)
    return True


def _kill_group(proc: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)


def _child_environment(ctx: Context, table: CommandTable) -> dict[str, str]:
    """A child's environment: the host's ``PATH`` (when the instance was made) and locale,
    the host variables the plugin may read (``env:read`` for that name), and the instance's
    own ``setEnv`` values except ``PATH``, ``LD_*`` and ``DYLD_*`` (which would choose the
    program that runs).  Secrets in the host's environment never reach a child the plugin could
    not read them from itself."""
    env = {name: os.environ[name] for name in _CHILD_BASE_ENV if name in os.environ}
    for name, value in os.environ.items():
        if name not in env and ctx.allows("env:read", name):
            env[name] = value
    for name, value in _env_overlay(ctx).items():
        if name not in _HOST_ONLY_ENV and not name.startswith(_HOST_ONLY_PREFIXES):
            env[name] = value
    env["PATH"] = table.search_path
    return env


def _check_arguments(function: str, argv: Sequence[object]) -> list[str]:
    for arg in argv:
        if not isinstance(arg, str):
            fail("ArgumentException", f"{function}: arguments must be strings")
        if "\x00" in arg:
            fail("ArgumentException", f"{function}: an argument contains a NUL character")
    if not argv[0]:
        fail("ArgumentException", f"{function}: the command is empty")
    return [str(arg) for arg in argv]


def _authorize(ctx: Context, function: str, table: CommandTable, argv: Sequence[str]) -> str:
    """Check ``process:exec`` for *argv* and return the executable it runs.

    The argument vector is checked with the program as the plugin wrote it, or, when that is
    not granted, with another name of the same resolved file (its path, or a scope entry's
    program that resolves to it).  A denial names the vector as written.
    """
    program = argv[0]
    base_dir = str(ctx.base_dir) if ctx.base_dir is not None else None
    executable = table.resolve(program, base_dir)
    resource = command_resource(argv)
    if executable is not None and not ctx.allows("process:exec", resource):
        for spelling in table.spellings(program, executable):
            alternative = command_resource([spelling, *argv[1:]])
            if spelling != program and ctx.allows("process:exec", alternative):
                resource = alternative
                break
    ctx.require("process:exec", resource)
    if executable is None:
        where = "in the host's PATH" if "/" not in program else "as an executable file"
        fail("IOException", f"{function}: failed to execute command '{program}': not found {where}")
    return executable


def _supervisor_environment() -> dict[str, str]:
    """What the supervisor interpreter itself needs of the host's environment (the command
    gets its own environment through the payload)."""
    return {name: os.environ[name] for name in ("LD_LIBRARY_PATH",) if name in os.environ}


def _start(
    executable: str, argv: list[str], env: dict[str, str], cwd: str | None
) -> tuple[subprocess.Popen[bytes], int | None]:
    """Start *argv* (under the supervisor when :data:`SUPERVISED`); the process and the read
    end of the supervisor's status pipe."""
    common: dict[str, object] = {
        "stdin": subprocess.DEVNULL,
        "stdout": subprocess.PIPE,
        "stderr": subprocess.PIPE,
        "cwd": cwd,
        "start_new_session": True,  # its own process group, so it can be killed as a whole
    }
    if not SUPERVISED:
        direct = subprocess.Popen(argv, executable=executable, env=env, **common)  # type: ignore[call-overload]
        return direct, None
    payload = marshal.dumps(
        (
            os.fsencode(executable),
            [os.fsencode(arg) for arg in argv],
            {os.fsencode(name): os.fsencode(value) for name, value in env.items()},
        )
    )
    payload_r, payload_w = os.pipe()
    status_r, status_w = os.pipe()
    try:
        proc: subprocess.Popen[bytes] = subprocess.Popen(  # type: ignore[call-overload]
            [sys.executable, "-I", "-S", "-c", _SUPERVISOR, *_fds(payload_r, status_w)],
            env=_supervisor_environment(),
            pass_fds=(payload_r, status_w),
            **common,
        )
    except BaseException:
        for fd in (payload_r, payload_w, status_r, status_w):
            os.close(fd)
        raise
    os.close(payload_r)
    os.close(status_w)
    with contextlib.suppress(BrokenPipeError), open(payload_w, "wb") as stream:
        stream.write(payload)  # (a supervisor that died reports nothing: "killed")
    return proc, status_r


def _fds(payload_r: int, status_w: int) -> list[str]:
    return [str(payload_r), str(status_w), str(os.getpid())]


def _read_status(status_fd: int) -> bytes:
    chunks = []
    try:
        while chunk := os.read(status_fd, 256):
            chunks.append(chunk)
    finally:
        os.close(status_fd)
    return b"".join(chunks)


def _stop(proc: subprocess.Popen[bytes], supervised: bool) -> None:
    """Kill the command and everything it started: ask the supervisor first (it kills the
    whole tree), then kill the process group whatever happened."""
    if supervised and not _exited(proc):
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(proc.pid, signal.SIGTERM)
        _wait_exit(proc, time.monotonic() + _STOP_GRACE)
    _kill_group(proc)


def _run(
    ctx: Context, function: str, argv: list[str], executable: str, table: CommandTable
) -> dict[str, object]:
    env = _child_environment(ctx, table)
    cwd = str(ctx.base_dir) if ctx.base_dir is not None else None
    limit = PROCESS_TIMEOUT
    ctx.checkpoint()
    remaining = ctx.remaining_time()
    if remaining is not None and remaining <= 0:
        guard.deadline_passed()
    by_deadline = remaining is not None and remaining < limit
    bound = remaining if remaining is not None and by_deadline else limit
    try:
        proc, status_fd = _start(executable, argv, env, cwd)
    except (OSError, ValueError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        fail("IOException", f"{function}: failed to execute command '{argv[0]}': {reason}")
    finished = False
    status = b""
    try:
        deadline = time.monotonic() + bound
        stdout, stderr = _collect_output(proc, deadline, ctx.checkpoint)
        finished = _wait_exit(proc, deadline, ctx.checkpoint)
    finally:
        if not finished:
            _stop(proc, status_fd is not None)
        _kill_group(proc)  # anything left in the process group
        proc.wait()
        for stream in (proc.stdout, proc.stderr):
            if stream is not None:
                stream.close()
        if status_fd is not None:
            status = _read_status(status_fd)
    if not finished:
        if by_deadline:
            ctx.checkpoint()
            if not ctx.remaining_time():
                guard.deadline_passed()
        fail(
            "TimeoutException",
            f"{function}: command '{argv[0]}' did not finish within "
            f"{limit:g} seconds and was killed",
        )
    if status_fd is None:
        code = proc.returncode
    elif status.startswith(b"exit "):
        code = int(status[5:])
    elif status.startswith(b"error "):
        reason = os.strerror(int(status[6:]))
        fail("IOException", f"{function}: failed to execute command '{argv[0]}': {reason}")
    else:
        code = -1  # the supervisor was killed
    return {
        "exitCode": code if code >= 0 else -1,
        "stdout": stdout.decode("utf-8", "replace"),
        "stderr": stderr.decode("utf-8", "replace"),
    }


@builtin("Process.run", "string -> string list -> dyn", context=True, effect="process:exec")
def process_run(ctx: Context, command: str, args: object) -> dict[str, object]:
    """Run *command* with *args* (no shell); ``{exitCode; stdout; stderr}``.

    ``process:exec`` is checked for the whole argument vector, and the program is the one the
    host's ``PATH`` names, whatever the plugin's environment says."""
    argv = _check_arguments("Process.run", [command, *to_pylist(args)])
    table = _commands(ctx)
    executable = _authorize(ctx, "Process.run", table, argv)
    return _run(ctx, "Process.run", argv, executable, table)


@builtin("Process.runShell", "string -> dyn", context=True, effect="process:exec")
def process_run_shell(ctx: Context, command: str) -> dict[str, object]:
    """Run ``sh -c command``; needs ``process:exec`` for ``sh`` with any arguments."""
    argv = _check_arguments("Process.runShell", ["sh", "-c", command])
    table = _commands(ctx)
    executable = _authorize(ctx, "Process.runShell", table, ["sh"])
    return _run(ctx, "Process.runShell", argv, executable, table)


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
