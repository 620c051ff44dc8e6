"""Every error fusabi-host raises, rooted at :class:`FusabiError`.

Catch :class:`FusabiError` to handle anything the library reports; catch a subclass to react to
one kind of failure.  Each error carries the structured facts it talks about (a file, a line, a
capability, a plugin name) as attributes, and its message states what went wrong and what to do
about it.  A bare Python exception escaping from the library is a bug.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

import attrs

__all__ = [
    "ApiVersionMismatch",
    "BytecodeError",
    "CapabilityError",
    "CompileError",
    "ConfigError",
    "ConversionError",
    "DependencyError",
    "Diagnostic",
    "DiscoveryError",
    "FunctionNotFound",
    "FusabiError",
    "FusabiRuntimeError",
    "InvalidState",
    "LimitExceeded",
    "ManifestError",
    "PluginAlreadyLoaded",
    "PluginNotFound",
    "Problem",
    "RegistryFull",
    "ReloadVetoed",
    "StackFrame",
    "StateHandoffError",
]


class FusabiError(Exception):
    """Base class of every error raised by fusabi-host."""


class ConfigError(FusabiError, ValueError):
    """A value the host application passed is invalid: an unknown capability name, a bad
    scope, a negative limit.  Also a ``ValueError``, as Python code expects for bad values."""


@attrs.frozen
class Problem:
    """One thing wrong with a manifest or a plugin, located by a key path such as
    ``$.capabilities[1]`` (``$`` alone means the document as a whole)."""

    path: str
    message: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class ManifestError(FusabiError):
    """A plugin manifest is unreadable or invalid.

    All problems found in one manifest are reported together: ``problems`` lists them and the
    message has one line per problem, each prefixed by the manifest file name when it is known.
    ``omitted`` counts further problems left out of a very long list (they are summarised in
    one last line).
    """

    def __init__(
        self, problems: Iterable[Problem], source: str | Path | None = None, *, omitted: int = 0
    ) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        self.omitted = omitted
        self.source = str(source) if source is not None else None
        prefix = f"{self.source}: " if self.source else ""
        lines = [f"{prefix}{problem}" for problem in self.problems]
        if omitted:
            lines.append(f"{prefix}... and {omitted} more problem{'s' if omitted != 1 else ''}")
        total = len(self.problems) + omitted
        heading = f"{total} problems in manifest:\n  "
        text = lines[0] if total == 1 else heading + "\n  ".join(lines)
        super().__init__(text)


@attrs.frozen
class Diagnostic:
    """A compile error at one place in a source file."""

    filename: str
    line: int
    column: int
    message: str
    source_line: str = ""
    hint: str = ""  # how to fix it, when known ("use 'float x' to convert")

    @classmethod
    def at(
        cls,
        filename: str,
        lines: Sequence[str],
        line: int,
        column: int,
        message: str,
        hint: str = "",
    ) -> Diagnostic:
        """A diagnostic at *line* of a file whose text is *lines*, with that line as its
        source; a *column* of 0 or less (not known) is where the line's text starts."""
        text = lines[line - 1] if 0 < line <= len(lines) else ""
        if column <= 0:
            column = len(text) - len(text.lstrip()) + 1 if text else 1
        return cls(filename, max(line, 1), column, message, text, hint)

    def __str__(self) -> str:
        text = f"{self.filename}:{self.line}:{self.column}: {self.message}"
        if self.source_line:
            caret = " " * (max(self.column, 1) - 1) + "^"
            text += f"\n    {self.source_line}\n    {caret}"
        if self.hint:
            text += f"\n    hint: {self.hint}"
        return text


class CompileError(FusabiError):
    """Fusabi source could not be compiled.

    ``diagnostics`` holds one :class:`Diagnostic` per independent error (at least one); the
    message shows each with ``file:line:col``, the source line and a caret.
    """

    def __init__(self, diagnostics: Sequence[Diagnostic]) -> None:
        if not diagnostics:
            raise ValueError("CompileError needs at least one diagnostic")
        self.diagnostics: tuple[Diagnostic, ...] = tuple(diagnostics)
        first = self.diagnostics[0]
        self.filename = first.filename
        self.line = first.line
        self.column = first.column
        super().__init__("\n".join(str(d) for d in self.diagnostics))


class BytecodeError(FusabiError):
    """A ``.fzb`` file is malformed; ``offset`` is the byte offset where decoding failed."""

    def __init__(self, message: str, offset: int | None = None, source: str | None = None) -> None:
        self.offset = offset
        self.source = source
        self.reason = message
        where = ""
        if source:
            where += f"{source}: "
        if offset is not None:
            where += f"byte {offset}: "
        super().__init__(where + message)


@attrs.frozen
class StackFrame:
    """One frame of a Fusabi stack trace: the function and where it was executing."""

    function: str
    filename: str
    line: int

    def __str__(self) -> str:
        return f'  at {self.function} ("{self.filename}", line {self.line})'


class FusabiRuntimeError(FusabiError):
    """Plugin code failed while running (a failed match, ``failwith``, division by zero...).

    ``fusabi_traceback`` lists the Fusabi frames, innermost last, and is part of the message.
    ``exception`` is the Fusabi exception value when the plugin raised one.
    """

    def __init__(
        self,
        message: str,
        fusabi_traceback: Sequence[StackFrame] = (),
        exception: object = None,
        plugin: str | None = None,
    ) -> None:
        self.reason = message
        self.fusabi_traceback: tuple[StackFrame, ...] = tuple(fusabi_traceback)
        self.exception = exception
        self.plugin = plugin
        text = f"plugin '{plugin}': {message}" if plugin else message
        if self.fusabi_traceback:
            text += "\nFusabi traceback (most recent call last):\n" + "\n".join(
                str(frame) for frame in self.fusabi_traceback
            )
        super().__init__(text)


class ConversionError(FusabiError, TypeError):
    """A value cannot cross between Python and Fusabi (see :mod:`fusabi_host.convert`).  Also a
    ``TypeError``, as Python code expects for a value of the wrong kind."""


class CapabilityError(FusabiError):
    """A plugin needs a capability (optionally for one resource) that it was not granted,
    or a manifest declares capabilities the host's policies refuse."""

    def __init__(
        self,
        message: str,
        capability: str | None = None,
        resource: str | None = None,
        plugin: str | None = None,
    ) -> None:
        self.capability = capability
        self.resource = resource
        self.plugin = plugin
        super().__init__(message)


class LimitExceeded(FusabiError):
    """Plugin code ran past one of its resource limits (time, fuel, depth, output, memory).

    ``limit`` names the limit (``"timeout"``, ``"max_fuel"``, ``"max_depth"``,
    ``"max_memory_bytes"``, ``"max_output_bytes"``, ``"max_collection_size"``), ``value`` is
    its configured value, and ``plugin``/``function`` name the run that hit it (when known).
    """

    def __init__(
        self,
        message: str,
        limit: str,
        value: object = None,
        *,
        plugin: str | None = None,
        function: str | None = None,
    ) -> None:
        self.limit = limit
        self.value = value
        self.plugin = plugin
        self.function = function
        super().__init__(message)


class ApiVersionMismatch(FusabiError):
    """The plugin needs a host API version this host does not provide."""

    def __init__(self, plugin: str, required: object, provided: object) -> None:
        self.plugin = plugin
        self.required = required
        self.provided = provided
        super().__init__(
            f"plugin '{plugin}' requires host API {required}, but this host provides {provided} "
            "(a host accepts plugins of the same major version and a minor version up to its own)"
        )


class DependencyError(FusabiError):
    """A plugin dependency is missing, out of range, or part of a cycle."""


class DiscoveryError(FusabiError):
    """Some plugins found by ``discover()`` failed to load (the others stay loaded).

    ``errors`` holds each failure, ``loaded`` the plugins that did load.
    """

    def __init__(self, errors: Sequence[FusabiError], loaded: Sequence[object] = ()) -> None:
        self.errors = tuple(errors)
        self.loaded = tuple(loaded)
        listed = "\n".join(f"  - {error}" for error in self.errors)
        count = len(self.errors)
        super().__init__(f"{count} plugin{'s' if count != 1 else ''} failed to load:\n{listed}")


class PluginNotFound(FusabiError):
    """No plugin of that name is loaded."""

    def __init__(self, name: str, known: Iterable[str] = ()) -> None:
        self.name = name
        known_names = sorted(known)
        hint = f" (loaded: {', '.join(known_names)})" if known_names else " (none are loaded)"
        super().__init__(f"no plugin named '{name}'{hint}")


class PluginAlreadyLoaded(FusabiError):
    """A plugin of that name is registered and the registry does not allow overwriting."""

    def __init__(self, name: str) -> None:
        self.name = name
        super().__init__(
            f"a plugin named '{name}' is already loaded (unload it first, or allow overwriting "
            "with RegistryConfig(allow_overwrite=True))"
        )


class RegistryFull(FusabiError):
    """The registry holds ``max_plugins`` plugins already."""

    def __init__(self, name: str, limit: int) -> None:
        self.name = name
        self.limit = limit
        super().__init__(f"cannot register '{name}': the registry is full ({limit} plugins)")


class FunctionNotFound(FusabiError):
    """A plugin has no exported function of that name."""

    def __init__(self, plugin: str, function: str, exports: Iterable[str] = ()) -> None:
        self.plugin = plugin
        self.function = function
        self.exports = tuple(sorted(exports))
        listed = ", ".join(self.exports) if self.exports else "nothing"
        super().__init__(f"plugin '{plugin}' has no export '{function}' (it exports: {listed})")


class ArityMismatch(FusabiError, TypeError):
    """A plugin function was called with the wrong number of arguments (partial application
    is available explicitly: :meth:`fusabi_host.engine.Instance.partial`).

    *label* names a function that is not an export (``"this function"``: one a call
    returned)."""

    def __init__(
        self,
        function: str,
        expected: int,
        given: int,
        signature: str | None,
        *,
        label: str | None = None,
    ) -> None:
        self.function = function
        self.expected = expected
        self.given = given
        self.signature = signature
        takes = f"{expected} argument{'s' if expected != 1 else ''}"
        shown = f" ({signature})" if signature else ""
        hint = "; to apply it partially, use partial()" if label is None else ""
        name = label or repr(function)
        if expected == 0:
            message = f"{name} is a value{shown}, not a function, but was called with {given}"
        else:
            message = f"{name} takes {takes}{shown} but was called with {given}{hint}"
        super().__init__(message)


class InvalidState(FusabiError):
    """An operation is not allowed in the plugin's current lifecycle state."""

    def __init__(self, plugin: str, operation: str, state: object, expected: str) -> None:
        self.plugin = plugin
        self.operation = operation
        self.state = state
        self.expected = expected
        super().__init__(
            f"cannot {operation} plugin '{plugin}' while it is {state} (needs {expected})"
        )


class ReloadVetoed(FusabiError):
    """A ``fusabi_reload`` observer refused a reload during ``PREPARE``; the old version
    keeps serving.  ``hook`` names the observer that vetoed and ``reason`` is what it said."""

    def __init__(self, plugin: str, hook: str, reason: str) -> None:
        self.plugin = plugin
        self.hook = hook
        self.reason = reason
        super().__init__(
            f"the reload of plugin '{plugin}' was vetoed by '{hook}': {reason} "
            "(the running version keeps serving)"
        )


class StateHandoffError(FusabiError):
    """The state a plugin's ``saveState`` returned cannot be given to the new version's
    ``restoreState`` (it holds a function, or a union case the new version does not declare).
    The reload is rolled back and the old version keeps serving."""

    def __init__(self, plugin: str, reason: str) -> None:
        self.plugin = plugin
        self.reason = reason
        super().__init__(
            f"cannot hand the state of plugin '{plugin}' to its new version: {reason} "
            "(the running version keeps serving)"
        )
