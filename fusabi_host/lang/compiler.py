"""The compiler pipeline and what it produces.

``source text -> tokens -> syntax tree -> core IR -> (types) -> Python AST -> code object``.

A :class:`Program` is immutable and cached by content hash; it can be instantiated any
number of times.  Each :class:`ProgramInstance` has its own namespace (its own top-level state), its
own :class:`~fusabi_host.lang.context.Context` (grant, limits, output) and runs the top level
once when created.
"""

from __future__ import annotations

import ast
import functools
import hashlib
import re
import sys
import threading
import warnings
from collections.abc import Callable
from pathlib import Path
from types import CodeType, TracebackType
from typing import Any, Final

from fusabi_host.errors import (
    CompileError,
    Diagnostic,
    FusabiError,
    FusabiRuntimeError,
    StackFrame,
)
from fusabi_host.lang import stdlib  # noqa: F401  (registers the library)
from fusabi_host.lang.codegen import generate
from fusabi_host.lang.context import Context
from fusabi_host.lang.exceptions import exception_message, failure
from fusabi_host.lang.guard import Guard, RunLimits, current_guard
from fusabi_host.lang.infer import infer_unit
from fusabi_host.lang.lower import lower
from fusabi_host.lang.parser import parse, recursion_room
from fusabi_host.lang.stdlib.registry import Builtin
from fusabi_host.lang.support import HELPERS, Interrupted
from fusabi_host.lang.values import FusabiException, Tag

__all__ = ["Program", "ProgramInstance", "compile_file", "compile_source"]

DEFAULT_DEPTH: Final = 20_000
_CACHE: dict[tuple[str, str], Program] = {}
_CACHE_LOCK = threading.Lock()
_CACHE_SIZE: Final = 256


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
        self.files = files
        self.tags = tags  # union case name -> tag, for building values from the host
        self._python_source = python_source

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
        self._running = 0  # nesting of run() (host functions may call back in)
        self.ns = self._namespace()
        self.lock = threading.RLock()
        exec(unit.code, self.ns)  # defines __fz_top__ (and nothing else)
        self.value = self.run(self.ns["__fz_top__"], (), limits=limits)

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
            from fusabi_host.lang.support import _curry  # noqa: PLC0415

            return _curry(value, arity)
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
            return self._run_guarded(active, func, args)
        if limits is None:
            limits = RunLimits(timeout=timeout, max_fuel=fuel)
        with limits.guard(self.context.plugin, function) as guard:
            return self._run_guarded(guard, func, args)

    def _run_guarded(self, guard: Guard, func: Callable[..., Any], args: tuple[Any, ...]) -> Any:
        ns = self.ns
        nested = self._running > 0
        if not nested:
            guard.attach(ns)
            ns["_interrupt"] = guard.poll
            ns["_too_deep"] = guard.too_deep
            ns["_dep"] = guard.max_depth if guard.max_depth is not None else UNLIMITED_DEPTH
        self._running += 1
        enter_recursion_room(guard.max_depth)
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
            leave_recursion_room()
            self._running -= 1
            if not nested:
                ns["_stop"] = False
                ns["_interrupt"] = HELPERS["_interrupt"]

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


_HOST_ENTRY: Final = re.compile(r"__host\d+$")  # argument-checking entry points, not frames


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
        if code.co_filename == unit.filename and not _HOST_ENTRY.search(code.co_name):
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
    from fusabi_host.lang.support import _curry  # noqa: PLC0415

    return _apply_curried(_curry(func, arity), args)


def _format_caller(ctx: Context) -> Callable[..., object]:
    from fusabi_host.lang.format import format_values, kprintf_function, parse_format  # noqa: PLC0415

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
        result: Any = kprintf_function(fmt, done, list_form=list_form is None)
        for arg in args:
            result = result(arg)
        return result

    return format_call


UNLIMITED_DEPTH: Final = 1 << 62
"""The depth budget of a run without ``max_depth`` (the interpreter's own limit still holds)."""

FRAMES_PER_CALL: Final = 4
"""Python frames one Fusabi call may take (the function, a curried step, a library
higher-order function and a helper); the recursion limit is raised by this much per level."""

_room_lock = threading.Lock()
_room_users = 0
_room_saved = 0


def enter_recursion_room(depth: int | None) -> None:
    """Raise the interpreter's recursion limit for plugin code *depth* Fusabi calls deep;
    :func:`leave_recursion_room` puts it back when the last run in the process ends.

    Fusabi calls are counted exactly by the generated code (``max_depth``); this only makes
    sure Python's own limit does not cut a legal recursion short.  Plugin code never enters
    C-level recursion (library callbacks run from Python frames), so the higher limit cannot
    overflow the C stack.
    """
    global _room_users, _room_saved  # noqa: PLW0603
    needed = (depth if depth is not None else DEFAULT_DEPTH) * FRAMES_PER_CALL + 2_000
    with _room_lock:
        if _room_users == 0:
            _room_saved = sys.getrecursionlimit()
        _room_users += 1
        if sys.getrecursionlimit() < needed:
            sys.setrecursionlimit(needed)


def leave_recursion_room() -> None:
    """The end of one run (see :func:`enter_recursion_room`)."""
    global _room_users  # noqa: PLW0603
    with _room_lock:
        _room_users -= 1
        if _room_users == 0:
            sys.setrecursionlimit(_room_saved)


# --------------------------------------------------------------------------- compiling


def _confined_loader(root: Path) -> Callable[[str, str], tuple[str, str]]:
    """``#load`` resolution: relative to the including file, confined to *root*."""
    real_root = root.resolve()

    def load(from_file: str, path: str) -> tuple[str, str]:
        base = Path(from_file).parent if from_file and not from_file.startswith("<") else root
        target = (base / path).resolve()
        if target != real_root and real_root not in target.parents:
            raise ValueError(f"'{path}' is outside the plugin directory {real_root}")
        if target.suffix != ".fsx":
            raise ValueError(f"'{path}' is not a .fsx file")
        return str(target), target.read_text(encoding="utf-8")

    return load


def compile_source(
    text: str,
    filename: str = "<string>",
    *,
    root: str | Path | None = None,
    cache: bool = True,
) -> Program:
    """Compile Fusabi source text; raise :class:`CompileError` listing the errors.

    ``root`` is the directory ``#load`` may read from (``None``: ``#load`` is refused).
    """
    key = (hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest(), filename)
    if cache:
        with _CACHE_LOCK:
            found = _CACHE.get(key)
        if found is not None and _loaded_files_unchanged(found):
            return found
    loader = _confined_loader(Path(root)) if root is not None else None
    script = parse(text, filename)
    unit_ir = lower(script, loader)
    unit = build_program(unit_ir, filename, text)
    if cache:
        with _CACHE_LOCK:
            if len(_CACHE) >= _CACHE_SIZE:
                _CACHE.pop(next(iter(_CACHE)))
            _CACHE[key] = unit
    return unit


MAX_AST_DEPTH: Final = 16_000
"""How deeply the generated Python AST may nest.  Python's ``compile()`` walks the tree with C
recursion (about 150-250 bytes of C stack per level on CPython 3.11), bounded only by the
interpreter's recursion limit, which a compile inside :func:`recursion_room` raises.  A tree
within the parser's :data:`~fusabi_host.lang.parser.MAX_NESTING` generates at most about five
AST levels per level of nesting (a chain of typed ``*`` or string ``+``), so 16,000 is three
times what source can reach; deeper (only a hand-made ``.fzb`` could) is a ``CompileError``."""

INLINE_AST_DEPTH: Final = 1_000
"""Trees up to this deep are compiled on the caller's thread (Python's own default allows
three times this on any thread); deeper ones on a helper thread with
:data:`COMPILE_STACK_SIZE` bytes of C stack, so that a deep but allowed tree never depends on
how small the caller's thread stack is."""

COMPILE_STACK_SIZE: Final = 64 << 20
"""The C stack of the helper thread (over 4 KiB per level of :data:`MAX_AST_DEPTH`)."""

_STACK_SIZE_LOCK = threading.Lock()


def _ast_depth(module: ast.AST) -> int:
    """How deeply *module* nests, level by level (no recursion: the tree may be deep; nodes
    without fields, such as ``Load`` and ``Add``, are not counted)."""
    level: list[ast.AST] = [module]
    depth = 0
    while level:
        depth += 1
        below: list[ast.AST] = []
        push = below.append
        for node in level:
            for name in node._fields:
                value = getattr(node, name, None)
                if type(value) is list:
                    for item in value:
                        if isinstance(item, ast.AST):
                            push(item)
                elif isinstance(value, ast.AST) and value._fields:
                    push(value)
        level = below
    return depth


def _too_deep(filename: str, what: str) -> CompileError:
    return CompileError(
        [Diagnostic(filename, 1, 1, f"nesting too deep: {what} (the limit is {MAX_AST_DEPTH})")]
    )


def _compile_module(module: ast.Module, filename: str, depth: int) -> CodeType:
    """``compile()`` *module*, on a thread with a large C stack when it is deep."""

    def run() -> CodeType:
        with warnings.catch_warnings():
            # CPython warns about calls of literals (`1 2` in an untyped unit); the program
            # reports those itself, as Fusabi runtime errors
            warnings.simplefilter("ignore", SyntaxWarning)
            return compile(module, filename, "exec", dont_inherit=True, optimize=1)

    if depth <= INLINE_AST_DEPTH:
        return run()
    outcome: list[CodeType | BaseException] = []

    def helper() -> None:
        try:
            outcome.append(run())
        except BaseException as exc:  # handed back to the caller's thread
            outcome.append(exc)

    with _STACK_SIZE_LOCK:
        previous = threading.stack_size(COMPILE_STACK_SIZE)
        try:
            thread = threading.Thread(target=helper, name="fusabi-compile", daemon=True)
            thread.start()
        finally:
            threading.stack_size(previous)
    thread.join()
    result = outcome[0]
    if isinstance(result, BaseException):
        raise result
    return result


def build_program(unit_ir: Any, filename: str, text: str) -> Program:
    """Infer types for lowered (or lifted) IR, generate Python, compile it.

    All three run in the parser's :func:`~fusabi_host.lang.parser.recursion_room`, so a tree
    nested as deeply as the parser allows compiles; the process-wide recursion limit is put
    back afterwards.  The generated tree is bounded by :data:`MAX_AST_DEPTH` before Python's
    C-recursive ``compile()`` sees it."""
    with recursion_room():
        inference = infer_unit(unit_ir)
        try:
            generated = generate(unit_ir, inference.ok)
        except RecursionError:
            raise _too_deep(filename, "the program nests too deeply to generate") from None
        depth = _ast_depth(generated.module)
        if depth > MAX_AST_DEPTH:
            raise _too_deep(filename, f"the generated code nests {depth} levels")
        try:
            code = _compile_module(generated.module, filename, depth)
        except (SyntaxError, ValueError, RecursionError) as exc:  # pragma: no cover - a bug
            raise CompileError(
                [Diagnostic(filename, 1, 1, f"internal compiler error: {exc}")]
            ) from None
    exports: dict[str, tuple[str, int]] = {}
    for name, var in unit_ir.globals.items():
        arity = var.arity if var.lam is not None and not var.mutable else 0
        exports[name] = (var.py, arity)
    module = generated.module
    return Program(
        filename=filename,
        source=text,
        code=code,
        constants=generated.constants,
        builtins=generated.builtins,
        exports=exports,
        names=generated.names,
        types=inference.types,
        typed=inference.ok,
        type_error=None if inference.ok else f"line {inference.line}: {inference.error}",
        files=unit_ir.files,
        python_source=lambda: ast.unparse(module),
        tags=_case_tags(unit_ir),
    )


def _case_tags(unit: Any) -> dict[str, Tag]:
    tags: dict[str, Tag] = dict(unit.exceptions)
    for union in unit.unions.values():
        for case in union.cases:
            tags[case.tag.name] = case.tag
    return tags


def _loaded_files_unchanged(unit: Program) -> bool:
    for path, text in unit.files.items():
        try:
            if Path(path).read_text(encoding="utf-8") != text:
                return False
        except OSError:
            return False
    return True


def compile_file(path: str | Path, *, root: str | Path | None = None) -> Program:
    """Compile a ``.fsx`` file; ``#load`` may read files under *root* (default: the file's
    own directory)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise CompileError([Diagnostic(str(path), 1, 1, f"cannot read source: {reason}")]) from None
    return compile_source(text, str(path), root=root if root is not None else path.parent)
