"""Bytecode programs end to end: Fusabi source to ``.fzb`` bytes, and ``.fzb`` bytes to a
runnable :class:`~fusabi_host.lang.program.Program`.

``compile_to_bytes`` lowers source to IR and emits an upstream-format chunk with fusabi-host's
trailer (exports, union declarations); ``load_program`` decodes and validates the bytes, lifts
the chunk back to IR and compiles that with the same back end as source
(:func:`~fusabi_host.lang.compiler.build_program`), keeping the result in the compiler's one
content cache.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fusabi_host.errors import CompileError
from fusabi_host.lang import ir
from fusabi_host.lang.compiler import (
    CACHE,
    TYPE_CHECK_MODES,
    build_program,
    confined_loader,
    require_types,
)
from fusabi_host.lang.fzb.chunk import Chunk
from fusabi_host.lang.fzb.codec import dumps, loads
from fusabi_host.lang.fzb.emit import emit_unit
from fusabi_host.lang.fzb.lift import lift
from fusabi_host.lang.fzb.trailer import Export, Trailer, decode_trailer, encode_trailer
from fusabi_host.lang.infer import infer_unit
from fusabi_host.lang.ir import InterfaceDecl
from fusabi_host.lang.lower import TypeRef, lower
from fusabi_host.lang.parser import parse
from fusabi_host.lang.program import Program
from fusabi_host.lang.types import TFun, prune, show

__all__ = ["compile_to_bytes", "compile_to_chunk", "load_program", "type_text"]


def type_text(ref: TypeRef) -> str:
    """A resolved type written back in F# syntax (for the trailer)."""
    if ref.kind == "var":
        return "'" + ref.name if ref.name != "_" else "'_"
    if ref.kind == "fun":
        return f"({type_text(ref.args[0])} -> {type_text(ref.args[1])})"
    if ref.kind == "tuple":
        return "(" + " * ".join(type_text(a) for a in ref.args) + ")"
    if ref.kind == "anon":
        return "{| " + "; ".join(f"{n}: {type_text(t)}" for n, t in ref.fields) + " |}"
    if not ref.args:
        return ref.name
    return f"{ref.name}<{', '.join(type_text(a) for a in ref.args)}>"


def compile_to_chunk(
    text: str,
    filename: str = "<string>",
    *,
    root: str | Path | None = None,
    type_check: str = "strict",
) -> Chunk:
    """Compile Fusabi source to a top-level chunk whose trailer carries the exports; a type
    error is a :class:`~fusabi_host.errors.CompileError` unless *type_check* is ``"warn"``
    (bytecode keeps no types: checking the source is the only place an annotation is
    enforced)."""
    if type_check not in TYPE_CHECK_MODES:
        raise ValueError(f"type_check must be one of {TYPE_CHECK_MODES}, not {type_check!r}")
    loader = confined_loader(Path(root)) if root is not None else None
    unit = lower(parse(text, filename), loader)
    if type_check == "strict":
        # the types also decide what the emitter cannot see: which implicit yield of a list
        # expression is a statement (unit) and which an element, what ``r.Value`` of a ref
        # reads; with "warn" nothing is inferred (every implicit yield is an element)
        inference = infer_unit(unit)
        if inference.errors:
            raise CompileError(tuple(inference.errors))
    chunk, exports = emit_unit(unit)
    unions: dict[str, tuple[list[str], list[tuple[str, list[str]]]]] = {}
    for name, decl in unit.unions.items():
        if name in ("option", "result"):
            continue
        unions[name] = (
            list(decl.params),
            [(case.tag.name, [type_text(t) for _, t in case.fields]) for case in decl.cases],
        )
    exceptions = {
        name: [type_text(t) for _, t in case.fields] for name, case in unit.exception_cases.items()
    }
    records = {
        name: (
            list(decl.params),
            [(field, type_text(t), mutable) for field, t, mutable in decl.fields],
        )
        for name, decl in unit.records.items()
        if not isinstance(decl, InterfaceDecl)
    }
    trailer = Trailer(
        {name: Export(e["slot"], e["arity"], e["cell"]) for name, e in exports.items()},
        unions,
        exceptions,
        Path(filename).name if not filename.startswith("<") else None,
        {
            name: list(case.tag.field_names)
            for name, case in unit.exception_cases.items()
            if any(label is not None for label, _ in case.fields)
        },
        {
            name: {case.tag.name: case.tag.enum_value for case in decl.cases}
            for name, decl in unit.unions.items()
            if decl.cases and all(case.tag.enum_value is not None for case in decl.cases)
        },
        records,
        _parameter_types(unit, exports) if type_check == "strict" else {},
    )
    from attrs import evolve  # noqa: PLC0415

    return evolve(chunk, trailer=encode_trailer(trailer))


def _parameter_types(unit: ir.Unit, exports: dict[str, Any]) -> dict[str, list[str]]:
    """The parameter types of the exported functions of the inferred *unit*, for the
    trailer (see :mod:`~fusabi_host.lang.fzb.trailer`): a generic one, or one that cannot be
    written in full, is ``""``."""
    found: dict[str, list[str]] = {}
    for name, entry in exports.items():
        var = unit.globals.get(name)
        arity = entry["arity"]
        if var is None or not arity:
            continue
        t = var.scheme[1] if var.scheme is not None else var.ty
        texts: list[str] = []
        for _ in range(arity):
            t = prune(t) if t is not None else None
            if not isinstance(t, TFun):
                break
            text = show(prune(t.arg))
            texts.append("" if "'" in text or "..." in text or "dyn" in text else text)
            t = t.res
        if len(texts) == arity and any(texts):
            found[name] = texts
    return found


def compile_to_bytes(
    text: str,
    filename: str = "<string>",
    *,
    root: str | Path | None = None,
    type_check: str = "strict",
) -> bytes:
    """Fusabi source to the bytes of a ``.fzb`` file (deterministic); see
    :func:`compile_to_chunk`."""
    return dumps(compile_to_chunk(text, filename, root=root, type_check=type_check))


def _lift_again(data: bytes, filename: str) -> Any:
    """The IR of *data* once more (for :meth:`Program.python_source`; the chunk itself is not
    kept with the program)."""
    chunk = loads(data, source=filename)
    return lift(
        chunk, decode_trailer(chunk.trailer, offset=len(data) - len(chunk.trailer)), filename
    )


def load_program(
    data: bytes, filename: str = "<bytecode>", *, type_check: str = "strict"
) -> Program:
    """Decode, validate and lift ``.fzb`` bytes into a runnable program (cached by content).

    The lifted program is type-checked as source is: a type error is a
    :class:`~fusabi_host.errors.CompileError` unless *type_check* is ``"warn"``."""
    key = CACHE.key("bytecode", data, filename)
    found = CACHE.get(key)
    if found is not None:
        return require_types(found, type_check)
    chunk = loads(data, source=filename)
    trailer = decode_trailer(chunk.trailer, offset=len(data) - len(chunk.trailer))
    program = build_program(
        lift(chunk, trailer, filename), filename, "", relower=lambda: _lift_again(data, filename)
    )
    CACHE.put(key, program)
    return require_types(program, type_check)
