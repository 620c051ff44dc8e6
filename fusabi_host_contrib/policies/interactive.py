"""A capability policy that asks the person at the terminal, and remembers "always" answers.

For every capability a plugin requests (and the host offers) that no remembered answer
decides, the policy prints a prompt naming the plugin, the capability, its scope and whether
it is dangerous, and reads one answer:

* ``o`` / ``once`` -- allow, this time only;
* ``a`` / ``always`` -- allow, now and for every later load of a plugin with this name;
* ``d`` / ``deny`` (or an empty line) -- refuse, this time only;
* ``v`` / ``never`` -- refuse, now and later.

The terminal is ``/dev/tty`` (as ``sudo`` and ``ssh`` use it), else standard input when it is a
terminal.  Without a terminal -- a service, a pipe, a CI job -- nothing is asked and every
undecided capability is refused at once; so is it when the process is not in the terminal's
foreground process group (reading would stop it with ``SIGTTIN``), and when no answer comes
within ``FUSABI_INTERACTIVE_TIMEOUT`` seconds (default 120).  The policy never blocks a
non-interactive host.  Type-ahead is discarded before each prompt, so keys pressed earlier
cannot answer it.

"Always" answers are kept in a TOML file, by default
``$XDG_CONFIG_HOME/fusabi-host/decisions.toml`` (``~/.config/...`` without ``XDG_CONFIG_HOME``),
or the file ``FUSABI_DECISIONS`` names::

    [plugins.file-digest]
    allow = ["fs:read=/srv/data"]
    deny = ["net:request"]

It is rewritten atomically (a temporary file renamed over it) with mode ``0600``; a file that
others can write, or that another user owns, is refused as untrustworthy.  Delete an entry (or
the file) to be asked again.  Remembered answers apply without a terminal too.  Answers are
keyed by plugin name, which a plugin's own manifest declares: remember "always" only for
plugins loaded from directories you trust.

Enable it with ``RuntimeConfig(enable_extensions=("interactive",))``.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import select
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Final

import attrs
import tomli
import tomli_w

from fusabi_host.capabilities import Capabilities, Capability, ScopeKind
from fusabi_host.errors import ConfigError, Problem
from fusabi_host.hookspecs import hookimpl
from fusabi_host.hooktypes import GrantRequest
from fusabi_host_contrib.policies.allowlist import PolicyFileError

try:  # POSIX only; elsewhere there is no terminal to ask and nothing is locked
    import fcntl
    import termios

    _POSIX = True
except ImportError:  # pragma: no cover - not POSIX
    _POSIX = False

__all__ = [
    "DECISIONS_ENV",
    "DEFAULT_TIMEOUT",
    "TIMEOUT_ENV",
    "Answer",
    "Decisions",
    "InteractivePolicy",
    "Terminal",
    "configure",
    "decisions_path",
    "fusabi_grant",
    "prompt_text",
]

log = logging.getLogger("fusabi_host_contrib.policies.interactive")

fusabi_host_opt_in = True
"""Registered only when enabled by name: installing the package changes nothing."""

DECISIONS_ENV: Final = "FUSABI_DECISIONS"
"""Environment variable naming the remembered-decisions file."""

TIMEOUT_ENV: Final = "FUSABI_INTERACTIVE_TIMEOUT"
"""Environment variable: seconds to wait for an answer before refusing."""

DEFAULT_TIMEOUT: Final = 120.0

_ATTEMPTS: Final = 3
_HEADER: Final = (
    "# Remembered answers of fusabi-host's interactive capability policy.\n"
    "# Delete an entry (or this file) to be asked again.\n\n"
)


def decisions_path() -> Path:
    """Where remembered answers are kept: ``$FUSABI_DECISIONS``, else
    ``$XDG_CONFIG_HOME/fusabi-host/decisions.toml`` (``~/.config`` when unset or relative)."""
    named = os.environ.get(DECISIONS_ENV, "").strip()
    if named:
        return Path(named).absolute()
    base = os.environ.get("XDG_CONFIG_HOME", "").strip()
    root = Path(base) if base and os.path.isabs(base) else Path.home() / ".config"
    return root / "fusabi-host" / "decisions.toml"


def _timeout_from_env() -> float:
    text = os.environ.get(TIMEOUT_ENV, "").strip()
    if not text:
        return DEFAULT_TIMEOUT
    try:
        value = float(text)
    except ValueError:
        log.warning(
            "%s=%r is not a number of seconds; using %s", TIMEOUT_ENV, text, DEFAULT_TIMEOUT
        )
        return DEFAULT_TIMEOUT
    return value if value > 0 else DEFAULT_TIMEOUT


# --------------------------------------------------------------------------- answers


@attrs.frozen
class Answer:
    """One answer: whether it allows, and whether it is remembered."""

    allow: bool
    always: bool = False

    @classmethod
    def parse(cls, text: str) -> Answer | None:
        """The answer typed as *text*, or ``None`` when it is not one (an empty line denies)."""
        word = text.strip().lower()
        return _ANSWERS.get(word)


_ANSWERS: Final = {
    "o": Answer(allow=True),
    "once": Answer(allow=True),
    "y": Answer(allow=True),
    "yes": Answer(allow=True),
    "a": Answer(allow=True, always=True),
    "always": Answer(allow=True, always=True),
    "": Answer(allow=False),
    "d": Answer(allow=False),
    "deny": Answer(allow=False),
    "n": Answer(allow=False),
    "no": Answer(allow=False),
    "v": Answer(allow=False, always=True),
    "never": Answer(allow=False, always=True),
}

# --------------------------------------------------------------------------- the decisions file


@attrs.frozen
class Decisions:
    """Remembered answers: per plugin name, what is always allowed and always denied."""

    allow: Mapping[str, Capabilities] = attrs.field(factory=dict)
    deny: Mapping[str, Capabilities] = attrs.field(factory=dict)

    def allowed(self, plugin: str) -> Capabilities:
        return self.allow.get(plugin, Capabilities.none())

    def denied(self, plugin: str) -> Capabilities:
        return self.deny.get(plugin, Capabilities.none())

    def remember(self, plugin: str, capabilities: Capabilities, *, allow: bool) -> Decisions:
        """A copy that also always allows (or always denies) *capabilities* for *plugin*."""
        allow_map, deny_map = dict(self.allow), dict(self.deny)
        target = allow_map if allow else deny_map
        target[plugin] = target.get(plugin, Capabilities.none()) | capabilities
        return Decisions(allow=allow_map, deny=deny_map)

    def merged(self, other: Decisions) -> Decisions:
        """Both sets of answers (for combining with a file another process changed)."""
        result = self
        for plugin, capabilities in other.allow.items():
            result = result.remember(plugin, capabilities, allow=True)
        for plugin, capabilities in other.deny.items():
            result = result.remember(plugin, capabilities, allow=False)
        return result

    @classmethod
    def from_toml(cls, text: str, *, source: str | Path | None = None) -> Decisions:
        """Parse the decisions file; ``PolicyFileError`` when it is invalid."""
        try:
            data = tomli.loads(text)
        except tomli.TOMLDecodeError as exc:
            raise PolicyFileError(
                [Problem("", f"invalid TOML: {exc.msg}", line=exc.lineno, column=exc.colno)],
                source,
            ) from None
        problems: list[Problem] = []
        allow: dict[str, Capabilities] = {}
        deny: dict[str, Capabilities] = {}
        for key in data:
            if key != "plugins":
                problems.append(Problem(key, f"unknown key '{key}' (expected 'plugins')"))
        plugins = data.get("plugins", {})
        if not isinstance(plugins, dict):
            problems.append(Problem("plugins", "expected a table of plugins"))
            plugins = {}
        for plugin, body in plugins.items():
            field = f'plugins."{plugin}"'
            if not isinstance(body, dict):
                problems.append(Problem(field, "expected a table with 'allow' and 'deny'"))
                continue
            for key, value in body.items():
                if key not in ("allow", "deny"):
                    problems.append(Problem(f"{field}.{key}", f"unknown key '{key}'"))
                    continue
                if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                    problems.append(Problem(f"{field}.{key}", "expected an array of strings"))
                    continue
                try:
                    capabilities = Capabilities.of(*value)
                except ConfigError as exc:
                    problems.append(Problem(f"{field}.{key}", str(exc)))
                    continue
                if capabilities:
                    (allow if key == "allow" else deny)[plugin] = capabilities
        if problems:
            raise PolicyFileError(problems, source)
        return cls(allow=allow, deny=deny)

    def to_toml(self) -> str:
        plugins: dict[str, dict[str, list[str]]] = {}
        for plugin in sorted(set(self.allow) | set(self.deny)):
            entry: dict[str, list[str]] = {}
            if self.allowed(plugin):
                entry["allow"] = list(self.allowed(plugin).names())
            if self.denied(plugin):
                entry["deny"] = list(self.denied(plugin).names())
            plugins[plugin] = entry
        return _HEADER + tomli_w.dumps({"plugins": plugins})

    @classmethod
    def load(cls, path: Path) -> Decisions:
        """Read *path* (no file: no decisions).  Refuses a file others could have written."""
        try:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        except FileNotFoundError:
            return cls()
        except OSError as exc:
            raise PolicyFileError(
                [Problem("", f"cannot read the decisions: {exc.strerror or exc}")], path
            ) from None
        with os.fdopen(fd, "rb") as handle:
            status = os.fstat(handle.fileno())
            if status.st_mode & 0o022 or (
                hasattr(os, "getuid") and status.st_uid not in (os.getuid(), 0)
            ):
                raise PolicyFileError(
                    [
                        Problem(
                            "",
                            "the decisions file is writable by others or owned by another user; "
                            f"refusing to trust it (chmod 600 {path} if it is yours)",
                        )
                    ],
                    path,
                )
            data = handle.read()
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise PolicyFileError([Problem("", f"not UTF-8: {exc}")], path) from None
        return cls.from_toml(text, source=path)


@contextlib.contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    """Hold an exclusive lock beside *path* so concurrent hosts do not lose answers."""
    if not _POSIX:  # pragma: no cover - not POSIX
        yield
        return
    lock_path = path.with_name(path.name + ".lock")
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def _write_atomically(path: Path, text: str) -> None:
    """Replace *path* by *text*: a ``0600`` temporary file in the same directory, flushed to
    disk, renamed over it."""
    descriptor, temporary = tempfile.mkstemp(
        prefix=f".{path.name}.", suffix=".tmp", dir=path.parent
    )
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            os.fchmod(handle.fileno(), 0o600)
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    with contextlib.suppress(OSError):
        directory = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)


# --------------------------------------------------------------------------- the terminal


def _printable(text: str) -> str:
    """*text* with control characters escaped, so a plugin's name or scope cannot drive the
    terminal."""
    return "".join(ch if ch.isprintable() else f"\\x{ord(ch):02x}" for ch in text)


class Terminal:
    """The terminal to ask on: a file descriptor to read answers from and one to prompt on."""

    def __init__(self, read_fd: int, write_fd: int, *, owned: bool) -> None:
        self.read_fd = read_fd
        self.write_fd = write_fd
        self._owned = owned

    @classmethod
    def open(cls, device: str = "/dev/tty") -> Terminal | None:
        """``/dev/tty``, else standard input when it is a terminal; ``None`` when there is no
        terminal or this process is not in its foreground (asking would stop or block it)."""
        if not _POSIX:  # pragma: no cover - no select() on a console elsewhere
            return None
        terminal: Terminal | None = None
        try:
            fd = os.open(device, os.O_RDWR | getattr(os, "O_NOCTTY", 0))
        except OSError:
            fd = -1
        if fd >= 0:
            if os.isatty(fd):
                terminal = cls(fd, fd, owned=True)
            else:
                os.close(fd)
        if terminal is None:
            try:
                stdin_fd = sys.stdin.fileno() if sys.stdin is not None else 0
            except (AttributeError, ValueError, OSError):
                stdin_fd = 0
            if not _isatty(stdin_fd):
                return None
            out_fd = next((fd for fd in (2, 1) if _isatty(fd)), stdin_fd)
            terminal = cls(stdin_fd, out_fd, owned=False)
        if not terminal.in_foreground():
            terminal.close()
            log.info("not in the terminal's foreground process group; not asking")
            return None
        return terminal

    def in_foreground(self) -> bool:
        try:
            return os.tcgetpgrp(self.read_fd) == os.getpgrp()
        except OSError:
            # not this process's controlling terminal: job control does not apply to it
            return True

    def close(self) -> None:
        if self._owned:
            with contextlib.suppress(OSError):
                os.close(self.read_fd)
            self._owned = False

    def write(self, text: str) -> None:
        data = text.encode("utf-8", "replace")
        while data:
            written = os.write(self.write_fd, data)
            data = data[written:]

    def discard_typeahead(self) -> None:
        if _POSIX:
            with contextlib.suppress(OSError, termios.error):
                termios.tcflush(self.read_fd, termios.TCIFLUSH)

    def read_line(self, timeout: float) -> str | None:
        """One line typed at the terminal, or ``None`` on end of file or after *timeout*."""
        deadline = time.monotonic() + timeout
        buffer = b""
        while b"\n" not in buffer and b"\r" not in buffer:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return None
            try:
                ready, _, _ = select.select([self.read_fd], [], [], remaining)
            except InterruptedError:  # pragma: no cover - retried by Python already
                continue
            if not ready:
                return None
            try:
                chunk = os.read(self.read_fd, 1024)
            except OSError as exc:
                if exc.errno in (errno.EAGAIN, errno.EINTR):
                    continue
                return None
            if not chunk:
                return None
            buffer += chunk
            if len(buffer) > 4096:
                return None
        return buffer.splitlines()[0].decode("utf-8", "replace")


def _isatty(fd: int) -> bool:
    try:
        return os.isatty(fd)
    except OSError:
        return False


_SCOPE_WORDS: Final = {
    ScopeKind.PATH: "any path",
    ScopeKind.HOST: "any host",
    ScopeKind.VARIABLE: "any environment variable",
    ScopeKind.COMMAND: "any command",
}


def _describe_scope(capability: Capability, scopes: frozenset[str] | None) -> str:
    kind = capability.scope_kind
    if kind is ScopeKind.NONE:
        return "(this capability has no scope)"
    if scopes is None:
        return f"{_SCOPE_WORDS[kind]} (unscoped)"
    return ", ".join(_printable(entry) for entry in sorted(scopes))


def prompt_text(
    request: GrantRequest, capability: Capability, scopes: frozenset[str] | None
) -> str:
    """The question asked about one capability of one plugin."""
    plugin = _printable(request.plugin)
    version = f" {request.manifest.version}" if request.manifest is not None else ""
    dangerous = (
        "YES -- it can change this machine or leak its data" if capability.is_dangerous else "no"
    )
    return (
        f"\nfusabi-host: plugin '{plugin}'{version} requests a capability\n"
        f"  capability: {capability.value}\n"
        f"  scope:      {_describe_scope(capability, scopes)}\n"
        f"  dangerous:  {dangerous}\n"
        "Allow? [o]nce, [a]lways, [d]eny, ne[v]er (default: deny): "
    )


# --------------------------------------------------------------------------- the policy


class InteractivePolicy:
    """Ask at the terminal for each undecided capability; remember "always" answers.

    *decisions* is the decisions file (``None``: :func:`decisions_path` at each grant);
    *timeout* the seconds to wait for one answer (``None``: ``FUSABI_INTERACTIVE_TIMEOUT`` or
    :data:`DEFAULT_TIMEOUT`); *device* the terminal to open first.
    """

    def __init__(
        self,
        decisions: str | Path | None = None,
        *,
        timeout: float | None = None,
        device: str = "/dev/tty",
    ) -> None:
        self.decisions = Path(decisions).absolute() if decisions is not None else None
        self.timeout = timeout
        self.device = device
        self._lock = threading.Lock()  # one prompt at a time, per policy

    @property
    def decisions_file(self) -> Path:
        return self.decisions if self.decisions is not None else decisions_path()

    def _timeout(self) -> float:
        return self.timeout if self.timeout is not None else _timeout_from_env()

    @hookimpl
    def fusabi_grant(self, request: GrantRequest) -> Capabilities:
        """Allow what remembered answers and the person at the terminal allow."""
        with self._lock:
            return self._grant(request)

    def _grant(self, request: GrantRequest) -> Capabilities:
        path = self.decisions_file
        remembered = Decisions.load(path)
        allowed_before = remembered.allowed(request.plugin)
        denied_before = remembered.denied(request.plugin)
        # asking about what the host does not offer is pointless: the core policy refuses it
        candidates = request.requested & request.offered
        granted = Capabilities.none()
        questions: list[tuple[Capability, Capabilities]] = []
        for capability in candidates:
            item = Capabilities({capability: candidates.scopes(capability)})
            granted = granted | (item & allowed_before)
            undecided = item.missing_from(allowed_before).missing_from(denied_before)
            if undecided:
                questions.append((capability, undecided))
        if not questions:
            return granted

        new = Decisions()
        terminal = Terminal.open(self.device)
        if terminal is None:
            log.warning(
                "no terminal to ask whether plugin %r may have %s; refused",
                request.plugin,
                ", ".join(str(q) for _, q in questions),
            )
            return granted
        try:
            timeout = self._timeout()
            for capability, undecided in questions:
                answer = self._ask(terminal, request, capability, undecided, timeout)
                if answer is None:
                    terminal.write("\n(no answer: refused)\n")
                    break  # nobody is there: refuse the rest without waiting again
                if answer.allow:
                    granted = granted | undecided
                if answer.always:
                    new = new.remember(request.plugin, undecided, allow=answer.allow)
        except OSError as exc:  # the terminal went away: refuse what is still undecided
            log.warning("the terminal failed while asking about plugin %r: %s", request.plugin, exc)
        finally:
            terminal.close()
        if new.allow or new.deny:
            self._save(path, new)
        return granted

    def _ask(
        self,
        terminal: Terminal,
        request: GrantRequest,
        capability: Capability,
        undecided: Capabilities,
        timeout: float,
    ) -> Answer | None:
        question = prompt_text(request, capability, undecided.scopes(capability))
        for attempt in range(_ATTEMPTS):
            terminal.discard_typeahead()
            terminal.write(question if attempt == 0 else "Please answer o, a, d or v: ")
            line = terminal.read_line(timeout)
            if line is None:
                return None
            answer = Answer.parse(line)
            if answer is not None:
                return answer
        terminal.write("(no valid answer: refused)\n")
        return Answer(allow=False)

    def _save(self, path: Path, new: Decisions) -> None:
        try:
            path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            with _file_lock(path):
                current = Decisions.load(path)  # another host may have added answers
                _write_atomically(path, current.merged(new).to_toml())
        except (OSError, ConfigError) as exc:
            log.warning("could not remember the answers in %s: %s", path, exc)


_DEFAULT: Final = InteractivePolicy()


def configure(
    decisions: str | Path | None = None, *, timeout: float | None = None
) -> InteractivePolicy:
    """Set the decisions file and answer timeout of the ``interactive`` extension
    (``None``: follow the environment variables).  Process-wide; returns the policy."""
    _DEFAULT.decisions = Path(decisions).absolute() if decisions is not None else None
    _DEFAULT.timeout = timeout
    return _DEFAULT


@hookimpl
def fusabi_grant(request: GrantRequest) -> Capabilities:
    """Allow what remembered answers and the person at the terminal allow."""
    return _DEFAULT.fusabi_grant(request)
