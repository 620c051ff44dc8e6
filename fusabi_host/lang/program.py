"""Compiled programs and their running instances.

A :class:`Program` is what the compiler (:mod:`fusabi_host.lang.compiler`) produces: immutable,
shareable, instantiable any number of times.  Each :class:`ProgramInstance` has its own
namespace (its own top-level state), its own :class:`~fusabi_host.lang.context.Context`
(grant, limits, output) and runs the top level once when created.

This module also holds what running needs around the generated code: the guard of a run and
the interpreter's recursion room, calling top-level bindings (:func:`call_any`), and turning a
Python traceback into Fusabi frames (:func:`fusabi_traceback`).
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from types import CellType, CodeType, TracebackType
from typing import TYPE_CHECKING, Any, Final

from fusabi_host.errors import Diagnostic, FusabiError, FusabiRuntimeError, StackFrame
from fusabi_host.lang.codegen import DEPTH_READER
from fusabi_host.lang.context import Context
from fusabi_host.lang.exceptions import exception_message, failure
from fusabi_host.lang.guard import GUARD_OF_THREAD, Guard, RunLimits, current_guard
from fusabi_host.lang.recursion import (
    DEFAULT_DEPTH,
    FRAMES_PER_CALL,
    enter_recursion_room,
    leave_recursion_room,
)
from fusabi_host.lang.support import HELPERS, Interrupted, curry
from fusabi_host.lang.values import FusabiException, Tag

if TYPE_CHECKING:
    from fusabi_host.lang.stdlib.registry import Builtin

__all__ = [
    "DEFAULT_DEPTH",
    "FRAMES_PER_CALL",
    "SHALLOW_DEPTH",
    "UNLIMITED_DEPTH",
    "Program",
    "ProgramInstance",
    "bind_context",
    "call_any",
    "enter_recursion_room",
    "fusabi_traceback",
    "leave_recursion_room",
]


class Program:
    """A compiled Fusabi file: immutable, shareable, instantiable."""

    def __init__(
        self,
        *,
        filename: str,
        source: str,
        code: CodeType,
        constants: dict[str, object],
        builtins: dict[str, Builtin],
        exports: dict[str, tuple[str, int]],
        names: dict[str, str],
        types: dict[str, str],
        typed: bool,
        type_error: str | None,
        files: dict[str, str],
        python_source: Callable[[], str],
        tags: dict[str, Tag],
        compiler: Callable[[str, str], Program] | None = None,
        type_errors: tuple[Diagnostic, ...] = (),
        warnings: tuple[Diagnostic, ...] = (),
        export_types: dict[str, Any] | None = None,
        loaded: dict[tuple[str, str], tuple[str, str]] | None = None,
    ) -> None:
        self.filename = filename
        self.source = source
        self.code = code
        self.constants = constants
        self.builtins = builtins
        self.exports = exports  # Fusabi name -> (Python name, arity; 0 for a value)
        self.names = names
        self.types = types
        self.typed = typed
        self.type_error = type_error
        self.type_errors = type_errors
        """Every type error (empty when :attr:`typed`); a strict compile refuses the program."""
        self.warnings = warnings
        """What the compiler warns about and loading never refuses (an incomplete match)."""
        self.export_types: dict[str, Any] = export_types or {}
        """The static type of each top-level binding (empty unless :attr:`typed`)."""
        self.files = files
        self.loaded: dict[tuple[str, str], tuple[str, str]] = loaded or {}
        """What each ``#load`` read: ``(including file, path) -> (file name, text)``."""
        self.tags = tags  # union case name -> tag, for building values from the host
        self._python_source = python_source
        self.compiler = compiler
        """``compiler(text, filename)``: the compiler that built this program, for the code
        it runs to compile more (``Script.eval``, through :attr:`Context.compile`)."""

    @property
    def bindings(self) -> tuple[str, ...]:
        """The names of the unit's top-level bindings, in definition order."""
        return tuple(self.exports)

    def arity(self, name: str) -> int:
        """How many arguments the top-level function *name* takes (0 for a value)."""
        return self.exports[name][1]

    def type_of(self, name: str) -> str | None:
        """The inferred type of a top-level binding, as F# writes it (when the unit is typed)."""
        return self.types.get(name)

    def python_source(self) -> str:
        """The generated Python code, for debugging."""
        return self._python_source()

    def instantiate(
        self, context: Context | None = None, *, limits: RunLimits | None = None
    ) -> ProgramInstance:
        """A fresh instance: its own state and context; runs the top level now, under
        *limits* (or under the guard already in force on this thread)."""
        return ProgramInstance(self, context or Context(), limits=limits)


class ProgramInstance:
    """One running copy of a unit."""

    def __init__(self, unit: Program, context: Context, *, limits: RunLimits | None) -> None:
        self.unit = unit
        self.context = context
        if context.compile is None:
            context.compile = unit.compiler
        self._running = 0  # nesting of run() (host functions may call back in)
        self.ns = self._namespace()
        self.lock = threading.RLock()
        self._depth: CellType | None = None  # the depth budget, once the top level ran
        self._deeper_allowance = 0  # (what the run may recurse past its shallow budget)
        # The guard whose poll the code calls (as ``_interrupt``) when ``_stop`` is set, and
        # whose ``few_items`` it reads as ``_few_items``: the last run's, left in place after
        # it, since ``_stop`` is clear between runs and the next run sets its own (most runs
        # of an instance are under its one call guard).
        self._polled_by: Guard | None = None
        self.ns["_too_deep"] = self._deeper  # (what the code calls when out of depth budget)
        exec(unit.code, self.ns)  # defines __fz_top__ (and nothing else)
        self.value = self.run(self.ns["__fz_top__"], (), limits=limits)
        reader = self.ns.get(DEPTH_READER)
        if reader is not None and reader.__closure__:
            self._depth = reader.__closure__[0]

    def _namespace(self) -> dict[str, Any]:
        ctx = self.context
        ns: dict[str, Any] = dict(HELPERS)
        ns.update(self.unit.constants)
        for name, builtin in self.unit.builtins.items():
            if builtin.is_value:
                ns[name] = builtin.func()
            elif builtin.context:
                ns[name] = bind_context(builtin.func, ctx, builtin.arity)
            else:
                ns[name] = builtin.func
        ns["_format_call"] = _format_caller(ctx)
        ns["_ctx"] = ctx
        ns["__builtins__"] = {}
        return ns

    # -- access

    def has(self, name: str) -> bool:
        return name in self.unit.exports

    def get(self, name: str) -> object:
        """The current value of a top-level binding (a Fusabi value)."""
        py, arity = self.unit.exports[name]
        value = self.ns[py]
        if arity > 1:
            return curry(value, arity)
        return value

    def function(self, name: str) -> tuple[Callable[..., Any], int]:
        """The Python function of a top-level binding and its arity (0: not a function)."""
        py, arity = self.unit.exports[name]
        return self.ns[py], arity

    def call(self, name: str, *args: object, limits: RunLimits | None = None) -> object:
        """Apply the top-level binding *name* to Fusabi values *args* (curried: fewer args give
        a function, more apply the result; a function of ``unit`` called with none gets
        ``()``)."""
        func, arity = self.function(name)
        if arity and len(args) == arity:
            return self.run(func, args, limits=limits, function=name)
        return self.run(call_any, (func, arity, args), limits=limits, function=name)

    def apply(
        self, function: object, args: tuple[object, ...], limits: RunLimits | None = None
    ) -> object:
        """Apply a Fusabi function value to *args* under *limits*."""
        return self.run(_apply_curried, (function, args), limits=limits, function="<closure>")

    # -- running

    def run(
        self,
        func: Callable[..., Any],
        args: tuple[Any, ...],
        timeout: float | None = None,
        fuel: int | None = None,
        *,
        limits: RunLimits | None = None,
        function: str = "<top level>",
    ) -> Any:
        """Run plugin code, turning every way it can fail into a :class:`FusabiError`.

        The first run on a thread creates the :class:`~fusabi_host.lang.guard.Guard` of the
        run from *limits* (or from ``timeout``/``fuel``); a nested run (a host function
        calling back in, ``Script.eval``) joins the guard already in force, so the outer
        limits hold for everything the run does.
        """
        active = current_guard()
        if active is not None:
            return self.run_guarded(active, func, args)
        if limits is None:
            limits = RunLimits(timeout=timeout, max_fuel=fuel)
        with limits.guard(self.context.plugin, function) as guard:
            return self.run_guarded(guard, func, args)

    def run_guarded(self, guard: Guard, func: Callable[..., Any], args: tuple[Any, ...]) -> Any:
        """Run plugin code under *guard*, which is active on this thread (see :meth:`run`)."""
        ns = self.ns
        nested = self._running > 0
        if not nested:
            namespaces = guard.namespaces  # (what guard.attach does, inlined)
            if ns not in namespaces:
                namespaces.append(ns)
            if guard.tripped is not None or guard.max_fuel is not None:
                ns["_stop"] = True
            if self._polled_by is not guard:  # (kept between runs: see __init__)
                ns["_interrupt"] = guard.poll_now
                ns["_few_items"] = guard.few_items
                self._polled_by = guard
            budget = guard.max_depth if guard.max_depth is not None else UNLIMITED_DEPTH
            if self._depth is None:  # (the top level itself: it starts its budget from _dep0)
                guard.take_room()
                ns["_dep0"] = budget
            else:  # (every run starts with the whole budget, whatever the last one left)
                shallow = budget if guard.room_held or budget <= SHALLOW_DEPTH else SHALLOW_DEPTH
                self._depth.cell_contents = shallow
                self._deeper_allowance = budget - shallow
        self._running += 1  # (a nested run shares the outer run's budget)
        try:
            return func(*args)
        except FusabiException as exc:
            raise self.runtime_error(
                _uncaught_message(exc.value), exc.__traceback__, exc.value
            ) from None
        except Interrupted:
            guard.trip(guard.tripped or "cancelled")
            guard.raise_tripped()
        except RecursionError:
            guard.trip("max_depth")
            guard.raise_tripped()
        except MemoryError:
            raise guard.exceeded(
                "max_memory_bytes", guard.max_memory_bytes, "ran out of memory"
            ) from None
        except FusabiError:
            raise
        except Exception as exc:  # a Python error inside plugin code: report as Fusabi
            raise self.runtime_error(
                f"internal error: {type(exc).__name__}: {exc}", exc.__traceback__, None
            ) from None
        finally:
            self._running -= 1
            if not nested:
                ns["_stop"] = False

    def _deeper(self) -> None:
        """Called by generated code when its depth budget ran out: the first time in a run
        that recursed past :data:`SHALLOW_DEPTH`, take the recursion room and give the run
        the rest of its ``max_depth`` (so a call that stays shallow never touches the
        process's recursion limit); after that, the run is too deep."""
        guard: Guard | None = GUARD_OF_THREAD.guard
        allowance = self._deeper_allowance
        if guard is None:  # pragma: no cover - generated code runs under a guard
            raise RecursionError("plugin code nested too deeply")
        if allowance > 0 and self._depth is not None:
            self._deeper_allowance = 0
            guard.take_room()
            self._depth.cell_contents += allowance
            return
        guard.too_deep()

    def runtime_error(
        self, message: str, tb: TracebackType | None, value: object
    ) -> FusabiRuntimeError:
        frames = fusabi_traceback(tb, self.unit)
        return FusabiRuntimeError(message, frames, exception=value, plugin=self.context.plugin)


def bind_context(func: Callable[..., Any], ctx: Context, arity: int) -> Callable[..., Any]:
    """*func* with the instance's context as its first argument, as a plain Python function
    of *arity* parameters: calling it from generated code stays in Python frames (a
    ``functools.partial`` or ``*args`` call would go through C, and recursion through a
    library callback would then grow the C stack)."""
    if arity == 1:
        return lambda a: func(ctx, a)
    if arity == 2:
        return lambda a, b: func(ctx, a, b)
    if arity == 3:
        return lambda a, b, c: func(ctx, a, b, c)
    if arity == 4:
        return lambda a, b, c, d: func(ctx, a, b, c, d)
    return functools.partial(func, ctx)  # (no library function takes more)


def _uncaught_message(value: object) -> str:
    if type(value) is tuple and value and getattr(value[0], "type_name", None) == "exn":
        return f"{value[0].name}: {exception_message(value)}"
    return f"uncaught exception: {exception_message(value)}"


def fusabi_traceback(tb: TracebackType | None, unit: Program) -> list[StackFrame]:
    """The Fusabi frames of a Python traceback, outermost first."""
    frames: list[StackFrame] = []
    previous: object = None
    while tb is not None:
        code = tb.tb_frame.f_code
        if tb.tb_frame is previous:  # (re-raised inside the same frame: one Fusabi frame)
            tb = tb.tb_next
            continue
        previous = tb.tb_frame
        if code.co_filename == unit.filename:
            name = unit.names.get(code.co_name, code.co_name)
            frames.append(StackFrame(name, unit.filename, tb.tb_lineno))
        tb = tb.tb_next
    if len(frames) > 40:
        frames = [
            *frames[:20],
            StackFrame(f"... {len(frames) - 40} more ...", "", 0),
            *frames[-20:],
        ]
    return frames


def call_any(func: Any, arity: int, args: tuple[Any, ...]) -> Any:
    """Apply a top-level binding of *arity* parameters (0: a value, maybe a function value)
    to *args*, curried; a function called with no arguments receives ``()``."""
    if arity == 0:
        if args and not callable(func):
            from fusabi_host.lang.exceptions import fail  # noqa: PLC0415

            fail("InvalidOperationException", "this binding is a value, not a function")
        return _apply_curried(func, args)
    if not args:
        args = (None,)
    return _apply_known(func, arity, args)


def _apply_curried(func: Any, args: tuple[Any, ...]) -> Any:
    result = func
    for index, arg in enumerate(args):
        if not callable(result):
            from fusabi_host.lang.exceptions import fail  # noqa: PLC0415

            fail(
                "InvalidOperationException",
                f"too many arguments: the result after {index} argument(s) is a value, "
                f"not a function, so the other {len(args) - index} cannot be applied",
            )
        result = result(arg)
    return result


def _apply_known(func: Any, arity: int, args: tuple[Any, ...]) -> Any:
    if len(args) >= arity:
        return _apply_curried(func(*args[:arity]), args[arity:])
    return _apply_curried(curry(func, arity), args)


def _format_caller(ctx: Context) -> Callable[..., object]:
    from fusabi_host.lang.format import (  # noqa: PLC0415
        format_values,
        kprintf_function,
        parse_format,
        parsed_format,
    )

    def finish(func: str) -> Callable[[str], object]:
        if func == "sprintf":
            return lambda text: text
        if func == "failwithf":
            return failure
        stream = "stderr" if func.startswith("e") else "stdout"
        newline = "\n" if func.endswith("n") else ""

        def write(text: str) -> None:
            ctx.write(text + newline, stream)

        return write

    finishers = {
        name: finish(name)
        for name in ("sprintf", "failwithf", "printf", "printfn", "eprintf", "eprintfn")
    }

    def format_call(func: str, fmt: str, args: tuple[Any, ...], list_form: bool | None) -> object:
        """``list_form``: True for upstream's ``sprintf fmt [a; b]``, False for F#'s curried
        form, None when the compiler could not tell (untyped code): decided from the values."""
        done = finishers[func]
        if list_form:
            return done(format_values(parse_format(fmt), list(args)))
        if list_form is False and args:  # every argument given: no curried chain to build
            parsed, count = parsed_format(fmt)
            if len(args) == count:
                return done(format_values(parsed, args, expected=count))
        result: Any = kprintf_function(fmt, done, list_form=list_form is None)
        for arg in args:
            result = result(arg)
        return result

    return format_call


UNLIMITED_DEPTH: Final = 1 << 62
"""The depth budget of a run without ``max_depth`` (the interpreter's own limit still holds)."""

SHALLOW_DEPTH: Final = 64
"""The Fusabi call depth a run reaches before it takes the recursion room
(:mod:`fusabi_host.lang.recursion`): the frames it takes, at most
:data:`~fusabi_host.lang.recursion.FRAMES_PER_CALL` per call, fit in the interpreter's default
limit with room to spare for the host's own stack."""
