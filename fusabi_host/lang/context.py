"""The context of one running plugin instance, as the standard library sees it.

Every effect a library function performs goes through this object, and every one of them
calls :meth:`Context.require` first -- the single capability check.  The engine builds a
context per instance with the instance's grant, limits and output sinks; the library never
reaches the process's files, network, environment, clock or standard streams any other way.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from fusabi_host.capabilities import Capabilities
from fusabi_host.errors import CapabilityError, LimitExceeded
from fusabi_host.lang import guard

__all__ = ["CompileHook", "Context", "Instantiable"]


class _Instance(Protocol):
    @property
    def value(self) -> object: ...


class Instantiable(Protocol):
    """What :attr:`Context.compile` returns: a program that runs with a given context."""

    def instantiate(self, context: Context | None = None) -> _Instance: ...


CompileHook = Callable[[str, str], Instantiable]
"""``compile(text, filename)``: Fusabi source to a program, raising
:class:`~fusabi_host.errors.CompileError`."""


def _deny_all(capability: str, resource: str | None) -> None:
    target = f" for '{resource}'" if resource else ""
    raise CapabilityError(
        f"capability '{capability}'{target} is not granted",
        capability=capability,
        resource=resource,
    )


class Context:
    """Capability check, output, input, clock, randomness and limits for one instance.

    * ``check(capability, resource)`` raises :class:`~fusabi_host.errors.CapabilityError`
      when the instance may not do that; the default denies everything.
    * ``stdout``/``stderr`` receive text the plugin prints (after the capability check and
      the output limit); ``stdin`` returns the next input line or ``None`` at end of input.
    * ``base_dir`` is the directory relative paths are resolved against (the plugin's own).
    * ``max_output_bytes`` / ``max_collection_size`` are the instance's limits.
    * ``state`` holds per-instance library state (event handlers, configuration...), so
      nothing a plugin registers is shared with other plugins.
    * ``compile`` compiles source at run time (``Script.eval``); the program instance running
      with this context sets it to the compiler that built its program, so the library
      reaches the compiler through the context, never by importing it.
    """

    def __init__(
        self,
        *,
        check: Callable[[str, str | None], None] = _deny_all,
        stdout: Callable[[str], None] | None = None,
        stderr: Callable[[str], None] | None = None,
        stdin: Callable[[], str | None] | None = None,
        base_dir: Path | None = None,
        max_output_bytes: int | None = None,
        max_collection_size: int | None = None,
        clock: Callable[[], float] = time.time,
        seed: int | None = None,
        plugin: str = "<script>",
        grant: Capabilities | None = None,
    ) -> None:
        self._check = check
        self._stdout = stdout
        self._stderr = stderr
        self._stdin = stdin
        self.base_dir = base_dir
        self.max_output_bytes = max_output_bytes
        self.max_collection_size = max_collection_size
        self._clock = clock
        self._random: random.Random | None = None
        self._seed = seed
        self.output_bytes = 0
        self.plugin = plugin
        self.grant = grant
        """The instance's capabilities (``None`` when the context checks by callable only)."""
        self.state: dict[str, Any] = {}
        self.on_denied: Callable[[str, str | None], None] | None = None
        self.compile: CompileHook | None = None

    # ------------------------------------------------------------------ the check

    def require(self, capability: str, resource: str | None = None) -> None:
        """Allow the effect or raise :class:`CapabilityError`; the one entry point every
        effectful library function passes through."""
        try:
            self._check(capability, resource)
        except CapabilityError:
            if self.on_denied is not None:
                self.on_denied(capability, resource)
            raise

    def allows(self, capability: str, resource: str | None = None) -> bool:
        """Whether the grant covers the effect -- a question, not an attempt: no denial is
        recorded (for deciding what to hand on, such as a child process's environment)."""
        try:
            self._check(capability, resource)
        except CapabilityError:
            return False
        return True

    # ------------------------------------------------------------------ output / input

    def write(self, text: str, stream: str = "stdout") -> None:
        """Print *text* to the instance's standard output (or error) stream."""
        capability = "stdout:write" if stream == "stdout" else "stderr:write"
        self.require(capability)
        size = len(text.encode("utf-8", "surrogatepass"))
        if self.max_output_bytes is not None and self.output_bytes + size > (self.max_output_bytes):
            raise LimitExceeded(
                f"plugin '{self.plugin}' printed more than {self.max_output_bytes} bytes",
                limit="max_output_bytes",
                value=self.max_output_bytes,
            )
        self.output_bytes += size
        sink = self._stdout if stream == "stdout" else self._stderr
        if sink is not None:
            sink(text)

    def read_line(self) -> str | None:
        """The next line of standard input without its newline, or ``None`` at the end."""
        self.require("stdin:read")
        if self._stdin is None:
            return None
        return self._stdin()

    # ------------------------------------------------------------------ resources

    def now(self) -> float:
        """Seconds since the epoch (needs ``time:read``)."""
        self.require("time:read")
        return self._clock()

    def rng(self) -> random.Random:
        """The instance's random generator (needs ``random``)."""
        self.require("random")
        if self._random is None:
            self._random = random.Random(self._seed)
        return self._random

    def remaining_time(self) -> float | None:
        """Seconds left before the current run's deadline (``None``: no deadline); effects
        that wait (a child process, standard input) wait at most this long."""
        return guard.remaining_time()

    def checkpoint(self) -> None:
        """Raise :class:`LimitExceeded` if the current run hit a limit."""
        guard.checkpoint()

    def check_size(self, count: int, what: str = "collection") -> None:
        """Refuse to build a *what* of *count* elements beyond the instance's limit."""
        limit = self.max_collection_size
        if limit is not None and count > limit:
            raise LimitExceeded(
                f"plugin '{self.plugin}' tried to build a {what} of {count} elements "
                f"(the limit is {limit})",
                limit="max_collection_size",
                value=limit,
            )
