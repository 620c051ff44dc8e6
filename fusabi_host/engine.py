"""The engine: compile Fusabi code and run it with a grant, limits and an output sink.

This is the API the runtime (and an application that wants plain scripting) uses::

    unit = compile_source('let greet name = sprintf "hello %s" name')
    instance = unit.instantiate(EngineConfig())
    instance.call("greet", "Ada")          # 'hello Ada'

A :class:`CompiledUnit` is immutable and shared; every :class:`Instance` has its own top-level
state, its own capability context and its own output.  Calls take and return Python values
(converted as :mod:`fusabi_host.convert` documents) and fail only with
:class:`~fusabi_host.errors.FusabiError` subclasses.
"""

from __future__ import annotations

import contextlib
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fusabi_host.capabilities import Capabilities
from fusabi_host.commands import COMMANDS_STATE, CommandTable
from fusabi_host.config import EngineConfig, Limits
from fusabi_host.convert import Converter
from fusabi_host.errors import (
    ArityMismatch,
    BytecodeError,
    CapabilityError,
    ConversionError,
    Diagnostic,
    FunctionNotFound,
    FusabiRuntimeError,
    InvalidState,
)
from fusabi_host.lang import (
    GUARD_OF_THREAD,
    Context,
    Guard,
    Program,
    ProgramInstance,
    RunLimits,
    Shape,
    call_any,
    compile_program,
    compile_program_file,
    current_guard,
)
from fusabi_host.lang.diskcache import DiskCache, cache_at
from fusabi_host.signatures import Signature, signature_of
from fusabi_host.stdin import read_line
from fusabi_host.typedconvert import arguments_fit, exact_types, to_host

__all__ = [
    "CompiledUnit",
    "Instance",
    "compile_file",
    "compile_source",
    "load_bytecode",
    "load_bytecode_file",
    "run_source",
]


class CompiledUnit:
    """A compiled Fusabi file, from :func:`compile_source` or :func:`compile_file`."""

    def __init__(self, program: Program) -> None:
        self.program = program
        self._signatures: dict[str, Signature | None] = {}

    @property
    def filename(self) -> str:
        return self.program.filename

    @property
    def bindings(self) -> tuple[str, ...]:
        """The top-level names, in definition order."""
        return self.program.bindings

    @property
    def typed(self) -> bool:
        """Whether the whole unit type-checked (then it runs on the fast, typed path)."""
        return self.program.typed

    @property
    def type_error(self) -> str | None:
        """Why the unit did not type-check, if it did not (its first type error)."""
        return self.program.type_error

    @property
    def type_errors(self) -> tuple[Diagnostic, ...]:
        """Every type error of the unit (only a ``type_check="warn"`` compile keeps a unit
        that has any)."""
        return self.program.type_errors

    @property
    def warnings(self) -> tuple[Diagnostic, ...]:
        """What the compiler warns about (an incomplete match), plus the type errors of a
        unit compiled with ``type_check="warn"``; loading shows each as a ``warning``
        event."""
        return self.program.warnings + self.program.type_errors

    def type_of(self, name: str) -> str | None:
        """The inferred type of a top-level binding (``"int -> int"``), when known."""
        return self.program.type_of(name)

    def signature(self, name: str) -> Signature | None:
        """The static signature of top-level binding *name* (``discount : Order -> float``);
        ``None`` when the unit did not type-check (``type_check="warn"``)."""
        try:
            return self._signatures[name]  # (worked out once per name: every call asks)
        except KeyError:
            pass
        self.require(name)
        arity = self.program.arity(name)
        found = signature_of(name, self.program.export_types.get(name), arity)
        self._signatures[name] = found
        return found

    def arguments(
        self, name: str, args: tuple[Any, ...], converter: Converter
    ) -> tuple[tuple[object, ...], Shape | None]:
        """*args* for a call of *name* as Fusabi values, checked: the right number of them (a
        function of ``unit`` takes none), each converted by its parameter's type (see
        :meth:`Signature.arguments`); and the shape its result converts back by (``None``:
        by value).  Raises :class:`~fusabi_host.errors.ArityMismatch` or
        :class:`~fusabi_host.errors.ConversionError`."""
        arity = self.program.arity(name)
        signature = self.signature(name)
        if signature is None:  # (untyped: a one-parameter function may be given no unit)
            if arity and len(args) != arity and not (arity == 1 and not args):
                raise ArityMismatch(name, arity, len(args), None)
            return tuple([converter.to_fusabi(a) for a in args]), None
        if arity == 0:  # a value (or a function value: applied as it is)
            if len(args) > len(signature.shapes):
                raise ArityMismatch(name, len(signature.shapes), len(args), signature.text)
            return signature.converted(args, converter), signature.result_shape(len(args))
        converted = signature.arguments(args, converter)
        return converted, signature.result_shape(len(converted))

    def arity(self, name: str) -> int:
        """Parameters of a top-level function (0 for a value)."""
        self.require(name)
        return self.program.arity(name)

    def require(self, name: str) -> None:
        """Raise :class:`~fusabi_host.FunctionNotFound` unless *name* is a top-level binding."""
        if name not in self.program.exports:
            raise FunctionNotFound(self.filename, name, self.bindings)

    def instantiate(
        self,
        config: EngineConfig | None = None,
        *,
        capabilities: Capabilities | None = None,
        stdout: Callable[[str], None] | None = None,
        stderr: Callable[[str], None] | None = None,
        stdin: Callable[[], str | None] | None = None,
        base_dir: str | Path | None = None,
        name: str = "<script>",
        on_denied: Callable[[str, str | None], None] | None = None,
    ) -> Instance:
        """A new instance, running the top level now.

        ``capabilities`` is the grant (default: what ``config`` offers); output goes to
        ``stdout``/``stderr`` (default: the process's streams).
        """
        config = config or EngineConfig()
        grant = capabilities if capabilities is not None else config.capabilities
        return Instance(
            self,
            grant=grant,
            limits=config.limits,
            stdout=stdout or _write_stdout,
            stderr=stderr or _write_stderr,
            stdin=stdin or _read_stdin,
            base_dir=Path(base_dir) if base_dir is not None else None,
            name=name,
            on_denied=on_denied,
        )


def _write_stdout(text: str) -> None:
    sys.stdout.write(text)


def _write_stderr(text: str) -> None:
    sys.stderr.write(text)


_read_stdin = read_line


def capability_check(grant: Capabilities, plugin: str) -> Callable[[str, str | None], None]:
    """The capability check of one instance: allow what *grant* covers, refuse the rest with
    an error naming the capability, the resource and the plugin."""

    def check(capability: str, resource: str | None) -> None:
        if grant.covers(capability, resource):
            return
        target = f" for '{resource}'" if resource else ""
        scopes = grant.scopes(capability) if capability in {c.value for c in grant} else None
        if scopes:
            detail = f"; it may only use {capability} for {', '.join(sorted(scopes))}"
        else:
            detail = f"; grant '{capability}' to allow it"
        raise CapabilityError(
            f"plugin '{plugin}' is not allowed {capability}{target}{detail}",
            capability=capability,
            resource=resource,
            plugin=plugin,
        )

    return check


class Instance:
    """One running copy of a compiled unit; thread-safe (calls are serialised)."""

    def __init__(
        self,
        unit: CompiledUnit,
        *,
        grant: Capabilities,
        limits: Limits,
        stdout: Callable[[str], None],
        stderr: Callable[[str], None],
        stdin: Callable[[], str | None],
        base_dir: Path | None,
        name: str,
        on_denied: Callable[[str, str | None], None] | None,
    ) -> None:
        self.unit = unit
        self.name = name
        self.grant = grant
        self.limits = limits
        self.run_limits = limits.run_limits()
        self.context = Context(
            check=capability_check(grant, name),
            stdout=stdout,
            stderr=stderr,
            stdin=stdin,
            base_dir=base_dir,
            max_output_bytes=limits.max_output_bytes,
            max_collection_size=limits.max_collection_size,
            plugin=name,
            grant=grant,
        )
        self.context.on_denied = on_denied
        self.context.state[COMMANDS_STATE] = CommandTable.for_grant(grant)  # PATH, now
        self.lock = threading.RLock()
        self.closed = False
        self._spare_guard: Guard | None = None  # (rearmed for each call from the host)
        self.converter = Converter(unit.program.tags, self._apply)
        with self.lock, self._guard("<top level>"):
            self.raw = ProgramInstance(unit.program, self.context, limits=None)

    def _guard(self, function: str) -> contextlib.AbstractContextManager[object]:
        """The guard of one run of this instance: a fresh one for a call from the host, none
        (the outer one holds) for a call made while plugin code is already running."""
        if current_guard() is not None:
            return contextlib.nullcontext()
        return self.run_limits.guard(self.name, function)

    def _convert(self, value: object, shape: Shape | None = None) -> Any:
        """A Fusabi value as Python, by *shape* when its type is known, inside the current
        run's limits."""
        return to_host(value, shape, self.converter)

    def _run(
        self,
        function: str,
        func: Callable[..., Any],
        args: tuple[Any, ...],
        *,
        convert: bool = True,
        shape: Shape | None = None,
    ) -> Any:
        """Run *func* and convert its result (by *shape*; not at all when *convert* is
        false), both under one guard; a plugin exception that reaches the host carries its
        value converted, never a raw plugin object."""
        if self.closed:
            raise InvalidState(self.name, f"call '{function}' of", "unloaded", "a loaded instance")
        with self.lock:
            guard = current_guard()  # (set: called back from plugin code, whose guard holds)
            outer = guard is None
            if outer:
                guard = self._guard_for_call()
                guard.start(function)
            try:
                result = self.raw.run_guarded(guard, func, args)  # type: ignore[arg-type]
                return to_host(result, shape, self.converter) if convert else result
            except FusabiRuntimeError as error:
                self._convert_exception(error)
                raise
            finally:
                if outer:
                    guard.finish()  # type: ignore[union-attr]

    def _convert_exception(self, error: FusabiRuntimeError) -> None:
        """The plugin exception *error* carries, converted for the host (or dropped when it
        cannot be): never a raw plugin object."""
        if error.exception is not None:
            try:
                error.exception = self._convert(error.exception)
            except ConversionError:
                error.exception = None

    def _guard_for_call(self) -> Guard:
        guard = self._spare_guard
        if guard is None:
            guard = self._spare_guard = self.run_limits.guard(self.name)
        return guard

    def call_fusabi(self, name: str, *args: object) -> object:
        """Call the top-level function *name* with Fusabi values and return its Fusabi value,
        under this instance's limits (for handing values from one instance to another, as the
        reload's state hand-off does; the result must not reach the host unconverted, while a
        failure's exception value is converted as for every call)."""
        self.unit.require(name)
        func, arity = self.raw.function(name)
        return self._run(name, call_any, (func, arity, args), convert=False)

    def _apply(self, function: object, args: tuple[object, ...], shape: Shape | None) -> object:
        """Apply a function value of this instance (one returned to the host) under the
        instance's limits, as :meth:`call` does, its result converted by *shape*; refused
        once the instance is closed."""
        return self._run("<closure>", call_any, (function, 0, args), shape=shape)

    def close(self) -> None:
        """End this instance: its functions held by the host raise
        :class:`~fusabi_host.errors.InvalidState` from now on."""
        self.closed = True

    @property
    def value(self) -> Any:
        """The value of the script's last top-level expression, converted to Python (under the
        instance's limits)."""
        with self.lock, self._guard("<top level>"):
            return self._convert(self.raw.value)

    def has(self, name: str) -> bool:
        return self.raw.has(name)

    def get(self, name: str) -> Any:
        """A top-level binding's current value, converted to Python (by its type)."""
        self.unit.require(name)
        signature = self.unit.signature(name)
        shape = signature.shape if signature is not None else None
        return self._run(name, self.raw.get, (name,), shape=shape)

    def call(self, name: str, *args: Any) -> Any:
        """Call the top-level function *name* with Python arguments: exactly as many as it
        takes (a function of ``unit`` takes none), each checked against its parameter's
        type and converted by it, and the result converted back by its type;
        :meth:`partial` applies fewer."""
        self.unit.require(name)
        converted, shape = self.unit.arguments(name, args, self.converter)
        func, arity = self.raw.function(name)
        if arity and len(converted) == arity:
            return self._run(name, func, converted, shape=shape)
        return self._run(name, call_any, (func, arity, converted), shape=shape)

    def invoker(self, name: str) -> Callable[[tuple[Any, ...]], Any]:
        """:meth:`call` of *name* as a function of the argument tuple, with what does not
        change from call to call worked out once: the function, its signature and the shape
        of its result (what a plugin handle keeps for each export it calls).  A call with
        another number of arguments than the function takes goes the general way."""
        self.unit.require(name)
        func, arity = self.raw.function(name)
        signature = self.unit.signature(name)
        if signature is None or not arity or signature.takes_unit:
            return lambda args: self.call(name, *args)
        shape = signature.result_shape(arity)
        converted = signature.converted
        converter = self.converter
        exact = exact_types(signature.shapes[:arity])
        fits = arguments_fit(exact) if exact is not None else None
        exact_result = exact_types((shape,))
        result_type = exact_result[0] if exact_result is not None else None
        lock, current, run_guarded = self.lock, GUARD_OF_THREAD, self.raw.run_guarded
        guard = self._guard_for_call()

        def invoke(args: tuple[Any, ...]) -> Any:
            # (what _run does, with the conversions of this export's types inlined)
            if len(args) != arity or self.closed:
                return self.call(name, *args)
            if fits is None or not fits(args):
                args = converted(args, converter)
            with lock:
                if current.guard is not None:  # (called back from plugin code)
                    return self._run(name, func, args, shape=shape)
                guard.start(name)
                try:
                    result = run_guarded(guard, func, args)
                    if type(result) is result_type:
                        return result
                    return to_host(result, shape, converter)
                except FusabiRuntimeError as error:
                    self._convert_exception(error)
                    raise
                finally:
                    guard.finish()

        return invoke

    def partial(self, name: str, *args: Any) -> Any:
        """Apply the top-level function *name* to the first ``len(args)`` of its arguments:
        the function of the rest, as a Python callable (F#'s partial application, asked for
        explicitly)."""
        self.unit.require(name)
        if not args:  # applied to nothing: the function itself
            return self.get(name)
        signature = self.unit.signature(name)
        shape: Shape | None = None
        if signature is not None:
            converted = signature.leading(args, self.converter)
            shape = signature.result_shape(len(converted))
        else:
            arity = self.unit.program.arity(name)
            if arity and len(args) >= arity:
                raise ArityMismatch(name, arity, len(args), None)
            converted = tuple([self.converter.to_fusabi(a) for a in args])
        func, arity = self.raw.function(name)
        return self._run(name, call_any, (func, arity, converted), shape=shape)


def load_limits(limits: Limits | None) -> contextlib.AbstractContextManager[object]:
    """The guard a load runs under: the deadline and memory limit of *limits* (the defaults
    when ``None``; fuel counts calls only), or the guard already in force on this thread."""
    if current_guard() is not None:
        return contextlib.nullcontext()
    limits = limits if limits is not None else Limits()
    return RunLimits(
        timeout=limits.timeout,
        max_memory_bytes=limits.max_memory_bytes,
        max_collection_size=limits.max_collection_size,
    ).guard("<load>", "<load>")


def compile_source(
    text: str,
    filename: str = "<string>",
    *,
    root: str | Path | None = None,
    limits: Limits | None = None,
    type_check: str = "strict",
    compile_cache: bool | str | Path = True,
) -> CompiledUnit:
    """Compile Fusabi source; raises :class:`~fusabi_host.errors.CompileError`, for type
    errors too unless *type_check* is ``"warn"`` (see :attr:`EngineConfig.type_check`).

    ``root`` is the directory ``#load`` may read from (none by default).  Compiling runs under
    the deadline and memory limit of *limits* (default :class:`Limits`), and raises
    :class:`~fusabi_host.errors.LimitExceeded` past them.  The compiled program is kept in
    the on-disk cache *compile_cache* (see :attr:`EngineConfig.compile_cache`).
    """
    with load_limits(limits):
        return CompiledUnit(
            compile_program(
                text, filename, root=root, type_check=type_check, disk=disk_cache(compile_cache)
            )
        )


def compile_file(
    path: str | Path,
    *,
    root: str | Path | None = None,
    limits: Limits | None = None,
    type_check: str = "strict",
    compile_cache: bool | str | Path = True,
) -> CompiledUnit:
    """Compile a ``.fsx`` file; ``#load`` may read files under *root* (default: its folder).
    Limits, type checking and the cache as for :func:`compile_source`."""
    with load_limits(limits):
        return CompiledUnit(
            compile_program_file(
                path, root=root, type_check=type_check, disk=disk_cache(compile_cache)
            )
        )


def disk_cache(setting: bool | str | Path) -> DiskCache | bool:
    """The on-disk cache an :attr:`EngineConfig.compile_cache` setting names."""
    if isinstance(setting, bool):
        return setting
    return cache_at(setting)


def load_bytecode(
    data: bytes,
    filename: str = "<bytecode>",
    *,
    limits: Limits | None = None,
    type_check: str = "strict",
) -> CompiledUnit:
    """Load ``.fzb`` bytes (upstream's or ours); raises
    :class:`~fusabi_host.errors.BytecodeError` for anything malformed.

    The chunk is validated, then translated to the same fast form as source code.  Files that
    fusabi-host wrote keep their exports callable by name; upstream files expose only their
    final value.  The lifted code is type-checked as source is.  Limits and type checking as
    for :func:`compile_source`.
    """
    from fusabi_host.lang.fzb import load_program  # noqa: PLC0415

    with load_limits(limits):
        return CompiledUnit(load_program(bytes(data), filename, type_check=type_check))


def load_bytecode_file(
    path: str | Path, *, limits: Limits | None = None, type_check: str = "strict"
) -> CompiledUnit:
    """Load a ``.fzb`` file from disk (see :func:`load_bytecode`)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise BytecodeError(f"{path}: cannot read: {exc.strerror or exc}") from None
    return load_bytecode(data, str(path), limits=limits, type_check=type_check)


def run_source(
    text: str,
    filename: str = "<string>",
    config: EngineConfig | None = None,
    **options: Any,
) -> Any:
    """Compile and run *text*; return its final value converted to Python."""
    type_check = config.type_check if config is not None else "strict"
    unit = compile_source(text, filename, type_check=type_check)
    return unit.instantiate(config, **options).value
