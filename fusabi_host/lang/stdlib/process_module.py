"""The ``Process`` module: running commands and reading the environment under
``process:exec`` and ``env:`` grants.

See :mod:`fusabi_host.lang.stdlib.effects` for the table of capabilities and behaviour.
"""

from __future__ import annotations

import contextlib
import os
import selectors
import signal
import subprocess
import time
from typing import Final

from fusabi_host.lang.context import Context
from fusabi_host.lang.exceptions import fail
from fusabi_host.lang.stdlib.registry import builtin
from fusabi_host.lang.values import (
    NONE,
    make_some,
    to_pylist,
)

__all__ = ["PROCESS_OUTPUT_LIMIT", "PROCESS_TIMEOUT"]

PROCESS_TIMEOUT: Final = 30.0
"""Seconds a command started by ``Process.run`` may take."""
PROCESS_OUTPUT_LIMIT: Final = 4 * 1024 * 1024
"""Bytes of each output stream ``Process.run`` keeps."""

_READ_CHUNK: Final = 65536


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
