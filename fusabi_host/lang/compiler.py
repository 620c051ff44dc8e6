"""The compiler pipeline.

``source text -> tokens -> syntax tree -> core IR -> (types) -> Python AST -> code object``:
:func:`compile_program` parses and lowers source, :func:`build_program` takes lowered IR (or IR
lifted from ``.fzb`` bytecode, :mod:`fusabi_host.lang.fzb.program`) the rest of the way to a
:class:`~fusabi_host.lang.program.Program`.  Programs are immutable and kept in one content
cache (:data:`CACHE`), by the hash of their source or of their bytecode.

The programs and their running instances live in :mod:`fusabi_host.lang.program`; the names
re-exported here keep ``from fusabi_host.lang.compiler import Program`` working.
"""

from __future__ import annotations

import ast
import hashlib
import threading
import warnings
from collections.abc import Callable
from pathlib import Path
from types import CodeType
from typing import Any, Final

from fusabi_host.errors import CompileError, Diagnostic
from fusabi_host.lang.codegen import Generated, generate
from fusabi_host.lang.diskcache import DiskCache, default_cache
from fusabi_host.lang.exhaustive import incomplete_matches
from fusabi_host.lang.infer import InferenceResult, infer_unit
from fusabi_host.lang.lower import lower
from fusabi_host.lang.parser import parse, recursion_room
from fusabi_host.lang.program import (
    DEFAULT_DEPTH,
    FRAMES_PER_CALL,
    UNLIMITED_DEPTH,
    Program,
    ProgramInstance,
    bind_context,
    call_any,
    enter_recursion_room,
    fusabi_traceback,
    leave_recursion_room,
)
from fusabi_host.lang.values import Tag

__all__ = [
    "CACHE",
    "DEFAULT_DEPTH",
    "FRAMES_PER_CALL",
    "MAX_AST_DEPTH",
    "TYPE_CHECK_MODES",
    "UNLIMITED_DEPTH",
    "ContentCache",
    "Program",
    "ProgramInstance",
    "bind_context",
    "build_program",
    "call_any",
    "compile_program",
    "compile_program_file",
    "confined_loader",
    "enter_recursion_room",
    "fusabi_traceback",
    "leave_recursion_room",
    "match_warnings",
    "require_types",
]


TYPE_CHECK_MODES: Final = ("strict", "warn")
"""How a compile treats type errors: ``"strict"`` (the default) refuses the program with a
:class:`CompileError` listing them; ``"warn"`` accepts it, to run on the dynamic path with
run-time checks (a migration aid for code written before types were checked), and the
errors become warnings."""


def require_types(program: Program, type_check: str) -> Program:
    """*program*, unless it has type errors and *type_check* is ``"strict"`` (then the
    :class:`CompileError` listing every one of them)."""
    if type_check not in TYPE_CHECK_MODES:
        raise ValueError(f"type_check must be one of {TYPE_CHECK_MODES}, not {type_check!r}")
    if program.type_errors and type_check == "strict":
        raise CompileError(program.type_errors)
    return program


# --------------------------------------------------------------------------- the cache


class ContentCache:
    """Programs by content: ``(kind, sha256 of the content, filename)``; the oldest entry
    goes when :attr:`size` are held.  One cache serves source and bytecode."""

    def __init__(self, size: int = 256) -> None:
        self.size = size
        self._programs: dict[tuple[str, str, str], Program] = {}
        self._lock = threading.Lock()

    @staticmethod
    def key(kind: str, content: bytes, filename: str) -> tuple[str, str, str]:
        return (kind, hashlib.sha256(content).hexdigest(), filename)

    def get(self, key: tuple[str, str, str]) -> Program | None:
        """The program under *key*, unless a file it ``#load``-ed has changed since."""
        with self._lock:
            found = self._programs.get(key)
        if found is not None and loaded_files_unchanged(found):
            return found
        return None

    def put(self, key: tuple[str, str, str], program: Program) -> None:
        with self._lock:
            if key not in self._programs and len(self._programs) >= self.size:
                self._programs.pop(next(iter(self._programs)))
            self._programs[key] = program

    def clear(self) -> None:
        with self._lock:
            self._programs.clear()


CACHE: Final = ContentCache()
"""The one program cache, shared by :func:`compile_program` and
:func:`fusabi_host.lang.fzb.program.load_program`."""


def loaded_files_unchanged(unit: Program) -> bool:
    """Does every file *unit* ``#load``-ed still read as it did when it was compiled?"""
    for path, text in unit.files.items():
        try:
            if Path(path).read_text(encoding="utf-8") != text:
                return False
        except OSError:
            return False
    return True


# --------------------------------------------------------------------------- source


def confined_loader(root: Path) -> Callable[[str, str], tuple[str, str]]:
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


def compile_program(
    text: str,
    filename: str = "<string>",
    *,
    root: str | Path | None = None,
    cache: bool = True,
    type_check: str = "strict",
    disk: DiskCache | bool = True,
) -> Program:
    """Compile Fusabi source text to a :class:`Program`; raise :class:`CompileError` listing
    the errors (type errors too, unless *type_check* is ``"warn"``: see
    :data:`TYPE_CHECK_MODES`).

    ``root`` is the directory ``#load`` may read from (``None``: ``#load`` is refused).
    Programs are cached by content in memory (unless *cache* is false) and on disk in
    *disk*: ``True`` for the default cache (:mod:`fusabi_host.lang.diskcache`), ``False``
    for none.
    """
    content = text.encode("utf-8", "surrogatepass")
    key = CACHE.key("source", content, filename)
    if cache:
        found = CACHE.get(key)
        if found is not None:
            return require_types(found, type_check)
    store = _disk_cache(disk) if cache else None
    disk_key = store.key("source", content, filename) if store is not None else ""
    if store is not None:
        found = store.get(disk_key)
        if found is not None:
            CACHE.put(key, found)
            return require_types(found, type_check)
    loader = confined_loader(Path(root)) if root is not None else None
    loaded: dict[tuple[str, str], tuple[str, str]] = {}  # what each #load read

    def recording(from_file: str, path: str) -> tuple[str, str]:
        assert loader is not None
        loaded[from_file, path] = found = loader(from_file, path)
        return found

    unit_ir = lower(parse(text, filename), recording if loader is not None else None)

    def relower() -> Any:  # for python_source(): the same IR again, from the same texts
        return lower(parse(text, filename), lambda from_file, path: loaded[from_file, path])

    unit = build_program(unit_ir, filename, text, relower=relower)
    unit.loaded = loaded
    if cache:
        CACHE.put(key, unit)
    if store is not None:
        store.put(disk_key, unit)
    return require_types(unit, type_check)


def _disk_cache(disk: DiskCache | bool) -> DiskCache | None:
    if disk is True:
        return default_cache()
    return disk or None


def restore_program(code: CodeType, metadata: dict[str, Any]) -> Program:
    """A program read back from the disk cache: *code* and the rest of its fields as
    :mod:`fusabi_host.lang.diskcache` stored them."""
    loaded: dict[tuple[str, str], tuple[str, str]] = metadata.pop("loaded")
    filename, text = metadata["filename"], metadata["source"]

    def relower() -> Any:
        return lower(parse(text, filename), lambda from_file, path: loaded[from_file, path])

    return Program(
        code=code,
        python_source=lambda: _python_text(relower, filename),
        compiler=_compile_for_eval,
        loaded=loaded,
        **metadata,
    )


def compile_program_file(
    path: str | Path,
    *,
    root: str | Path | None = None,
    type_check: str = "strict",
    disk: DiskCache | bool = True,
) -> Program:
    """Compile a ``.fsx`` file; ``#load`` may read files under *root* (default: the file's
    own directory).  Type errors as for :func:`compile_program`."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise CompileError([Diagnostic(str(path), 1, 1, f"cannot read source: {reason}")]) from None
    return compile_program(
        text,
        str(path),
        root=root if root is not None else path.parent,
        type_check=type_check,
        disk=disk,
    )


def _compile_for_eval(text: str, filename: str) -> Program:
    """The compiler a program's instances put on their context (``Script.eval``)."""
    return compile_program(text, filename)


# --------------------------------------------------------------------------- IR to a program


def build_program(
    unit_ir: Any, filename: str, text: str, *, relower: Callable[[], Any] | None = None
) -> Program:
    """Infer types for lowered (or lifted) IR, generate Python, compile it.

    All of it runs in the parser's :func:`~fusabi_host.lang.parser.recursion_room`, so a
    tree nested as deeply as the parser allows compiles; the process-wide recursion limit is
    put back afterwards.  The generated tree is bounded by :data:`MAX_AST_DEPTH` before
    Python's C-recursive ``compile()`` sees it.

    The generated Python tree is not kept (a cached program would hold thousands of AST
    nodes, which every full garbage collection walks): ``relower`` rebuilds the IR when
    :meth:`Program.python_source` asks for the code again."""
    with recursion_room():
        inference = infer_unit(unit_ir)
        warnings = match_warnings(unit_ir, filename, text) if inference.ok else ()
        generated = _generate(unit_ir, inference.ok, filename)
        code = _compile_python(generated, filename)
    return _program(unit_ir, filename, text, inference, warnings, generated, code, relower)


def match_warnings(unit_ir: Any, filename: str, text: str) -> tuple[Diagnostic, ...]:
    """F#'s FS0025 for each incomplete ``match`` of the typed unit: a warning naming a value
    no arm matches (kept on the program, shown at load; never refuses it)."""
    lines = text.splitlines()
    return tuple(
        Diagnostic.at(
            filename,
            lines,
            match.line,
            match.col,
            "warning: incomplete matches on this expression (FS0025): for example, the "
            f"value '{example}' is not matched",
            hint=f"add an arm for {example}, or a wildcard arm '| _ -> ...'",
        )
        for match, example in incomplete_matches(unit_ir)
    )


def _python_text(relower: Callable[[], Any] | None, filename: str) -> str:
    """The Python code of a program, generated again (for debugging)."""
    if relower is None:
        return "# the generated code of this program is not available"
    with recursion_room():
        unit_ir = relower()
        return ast.unparse(_generate(unit_ir, infer_unit(unit_ir).ok, filename).module)


def _generate(unit_ir: Any, typed: bool, filename: str) -> Generated:
    try:
        return generate(unit_ir, typed)
    except RecursionError:
        raise _too_deep(filename, "the program nests too deeply to generate") from None


def _compile_python(generated: Generated, filename: str) -> CodeType:
    module, depth = generated.module, generated.depth
    if depth > MAX_AST_DEPTH:
        raise _too_deep(filename, f"the generated code nests {depth} levels")
    try:
        return _compile_module(module, filename, depth)
    except (SyntaxError, ValueError, RecursionError) as exc:  # pragma: no cover - a bug
        raise CompileError(
            [Diagnostic(filename, 1, 1, f"internal compiler error: {exc}")]
        ) from None


def _program(
    unit_ir: Any,
    filename: str,
    text: str,
    inference: InferenceResult,
    warnings: tuple[Diagnostic, ...],
    generated: Generated,
    code: CodeType,
    relower: Callable[[], Any] | None,
) -> Program:
    exports: dict[str, tuple[str, int]] = {}
    export_types: dict[str, Any] = {}  # (for the host boundary; only when the unit is typed)
    for name, var in unit_ir.globals.items():
        arity = var.arity if var.lam is not None and not var.mutable else 0
        exports[name] = (var.py, arity)
        if inference.ok and var.ty is not None:
            export_types[name] = var.scheme[1] if var.scheme is not None else var.ty
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
        type_error=inference.error,
        type_errors=tuple(inference.errors),
        warnings=warnings,
        export_types=export_types,
        files=unit_ir.files,
        python_source=lambda: _python_text(relower, filename),
        tags=_case_tags(unit_ir),
        compiler=_compile_for_eval,
    )


def _case_tags(unit: Any) -> dict[str, Tag]:
    tags: dict[str, Tag] = dict(unit.exceptions)
    for union in unit.unions.values():
        for case in union.cases:
            tags[case.tag.name] = case.tag
    return tags


# --------------------------------------------------------------------------- Python code objects


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
