"""Test data for the .fzb tests: hypothesis strategies for random *valid* chunks, the
conformance files, and two fixed samples.

``chunks()`` draws chunks that pass ``validate``: every opcode can appear, operands are in
range, jumps land on instructions, constant references point at constants of the right kind,
the last instruction is a terminator, and closures (with their own chunks) can sit anywhere
in the constant pool, also inside tuples, records and the like.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import strategies as st

from fusabi_host.lang.fzb import (
    NIL_CONST,
    UNIT,
    Array,
    Chunk,
    Closure,
    Cons,
    Float,
    Instruction,
    Map,
    NativeFn,
    Op,
    Operand,
    OperandValue,
    Record,
    SourceSpan,
    Tuple,
    Value,
    VariantConst,
)


def _repo_root() -> Path:
    here = Path(__file__).resolve()
    for parent in here.parents:
        if (parent / "pyproject.toml").is_file():
            return parent
    return here.parents[2]


CONFORMANCE_DIR = _repo_root().parent / "shared" / "conformance" / "fzb"


def conformance_files() -> list[Path]:
    """The upstream ``.fzb`` files, or ``[]`` when ``../shared`` is not there."""
    return sorted(CONFORMANCE_DIR.glob("*.fzb")) if CONFORMANCE_DIR.is_dir() else []


def over_conformance_files() -> pytest.MarkDecorator:
    """Parametrize a test over the conformance files as ``path``; skipped without them."""
    files = conformance_files()
    reason = f"needs ../shared (the upstream .fzb files, not found at {CONFORMANCE_DIR})"
    missing = pytest.param(None, marks=pytest.mark.skip(reason=reason))
    return pytest.mark.parametrize(
        "path", files or [missing], ids=lambda path: path.stem if path else "missing"
    )


# Spec section 6.3: `fus grind` of a file containing just "Hello, FSRS!" (98 bytes).
HELLO = bytes.fromhex(
    "46 5A 42 01 01"  # magic + version
    "02 00 00 00 00 00 00 00"  # 2 instructions
    "00 00 00 00  00 00"  # LoadConst(0)
    "20 00 00 00"  # Return
    "01 00 00 00 00 00 00 00"  # 1 constant
    "03 00 00 00  0C 00 00 00 00 00 00 00"  # Value::Str, 12 bytes:
    "48 65 6C 6C 6F 2C 20 46 53 52 53 21"  # "Hello, FSRS!"
    "00"  # name = None
    "02 00 00 00 00 00 00 00" + " 00" * 32 + " 00 00"  # 2 zero spans, source, source_file
)
HELLO_CHUNK = Chunk(
    instructions=(Instruction(Op.LOAD_CONST, (0,)), Instruction(Op.RETURN)),
    constants=("Hello, FSRS!",),
    spans=(SourceSpan(), SourceSpan()),
)


def simple(*instructions: Instruction, constants: tuple[Value, ...] = (), **fields: Any) -> Chunk:
    """A chunk with the given instructions plus a final RETURN, one zero span per instruction."""
    code = (*instructions, Instruction(Op.RETURN))
    spans = tuple(SourceSpan() for _ in code)
    return Chunk(instructions=code, constants=constants, spans=spans, **fields)


def rich_chunk() -> Chunk:
    """A valid chunk with every opcode and every kind of constant, a named nested closure with
    its own closure, non-zero spans, names, source and a trailer."""
    inner = simple(Instruction(Op.LOAD_UPVALUE, (0,)), constants=(Float(0x7FF8000000000001),))
    prototype = Chunk(
        instructions=(Instruction(Op.MAKE_CLOSURE, (0, 1)), Instruction(Op.TAIL_CALL, (0,))),
        constants=(Closure(inner, 0, "inner"),),
        name="proto",
        spans=(SourceSpan(3, 4, 40, 2), SourceSpan(3, 7, 43, 1)),
        source="fun x -> x",
        source_file="lib.fsx",
    )
    pool: tuple[Value, ...] = (
        "print",
        Closure(prototype, 2, "f"),
        -(2**63),
        True,
        Float.of(-0.0),
        UNIT,
        NIL_CONST,
        Tuple((1, "two", Tuple(()))),
        Cons(1, Cons(2, NIL_CONST)),
        Array((Float.of(1.5),)),
        Record((("b", 1), ("a", False), ("b", "dup"))),
        Map((("k", NIL_CONST),)),
        VariantConst("Option", "Some", (42,)),
        NativeFn("List.map", 2, (Closure(simple(), 1),)),
    )
    samples: dict[Operand, OperandValue] = {Operand.U8: 7, Operand.U16: 0, Operand.I16: 0}
    samples |= {Operand.I64: -5, Operand.BOOL: False, Operand.STR: "Some"}
    code = [Instruction(op, tuple(samples[kind] for kind in op.operands)) for op in Op]
    code[Op.MAKE_CLOSURE] = Instruction(Op.MAKE_CLOSURE, (1, 0))
    code[Op.JUMP_IF_FALSE] = Instruction(Op.JUMP_IF_FALSE, (-Op.JUMP_IF_FALSE - 1,))
    return simple(*code, constants=pool, name="main", trailer=b"\xfe\xff")


I64 = st.integers(-(2**63), 2**63 - 1)
U8 = st.integers(0, 0xFF)
U32 = st.integers(0, 0xFFFF_FFFF)
TEXT = st.text(max_size=8)

SPECIAL_FLOAT_BITS = (
    0x0000000000000000,  # 0.0
    0x8000000000000000,  # -0.0
    0x7FF8000000000000,  # canonical NaN
    0x7FF8000000000001,  # quiet NaN with a payload
    0x7FF0000000000001,  # signalling NaN
    0xFFF8000000000000,  # negative NaN
    0x7FF0000000000000,  # +inf
    0xFFF0000000000000,  # -inf
    0x0000000000000001,  # smallest subnormal
)

floats = st.one_of(
    st.sampled_from(SPECIAL_FLOAT_BITS).map(Float),
    st.integers(0, 2**64 - 1).map(Float),
    st.floats(allow_nan=False).map(Float.of),
)

scalars: st.SearchStrategy[Value] = st.one_of(
    I64, st.booleans(), TEXT, floats, st.just(UNIT), st.just(NIL_CONST)
)


def _tuples(inner: st.SearchStrategy[Value]) -> st.SearchStrategy[tuple[Value, ...]]:
    return st.lists(inner, max_size=3).map(tuple)


def _entries(inner: st.SearchStrategy[Value]) -> st.SearchStrategy[tuple[tuple[str, Value], ...]]:
    # Duplicate keys are allowed on purpose: files may contain them and they must round-trip.
    keys = st.sampled_from(["a", "b", "name", "ä", ""]) | TEXT
    return st.lists(st.tuples(keys, inner), max_size=3).map(tuple)


def values(leaves: st.SearchStrategy[Value] = scalars) -> st.SearchStrategy[Value]:
    """Any constant, scalars and nested composites alike, built from ``leaves``."""

    def extend(inner: st.SearchStrategy[Value]) -> st.SearchStrategy[Value]:
        return st.one_of(
            st.builds(Tuple, _tuples(inner)),
            st.builds(Array, _tuples(inner)),
            st.builds(Cons, inner, inner),
            st.builds(Record, _entries(inner)),
            st.builds(Map, _entries(inner)),
            st.builds(VariantConst, TEXT, TEXT, _tuples(inner)),
            st.builds(NativeFn, TEXT, U8, _tuples(inner)),
        )

    return st.recursive(leaves, extend, max_leaves=6)


@cache
def constants(depth: int) -> st.SearchStrategy[Value]:
    """Constants of a chunk that may hold closures down to ``depth`` more levels."""
    if depth <= 0:
        return values()
    return values(scalars | closures(depth - 1))


@cache
def closures(depth: int) -> st.SearchStrategy[Closure]:
    """Closure prototypes whose chunks may hold closures down to ``depth`` more levels."""
    return st.builds(Closure, chunks(depth=depth, top=False), U8, st.none() | TEXT)


def _operand(
    draw: st.DrawFn, op: Op, kind: Operand, *, index: int, count: int, refs: dict[Op, list[int]]
) -> OperandValue:
    """A valid operand of kind ``kind`` for ``op`` at position ``index`` of ``count``."""
    if op in refs and kind is Operand.U16:
        return draw(st.sampled_from(refs[op]))
    if op in (Op.JUMP, Op.JUMP_IF_FALSE):
        return draw(st.integers(0, count - 1)) - index - 1
    if kind is Operand.STR:
        return draw(TEXT)
    if kind is Operand.BOOL:
        return draw(st.booleans())
    low, high = kind.bounds or (0, 0)
    return draw(st.integers(low, high))


def _references(constants: list[Value]) -> dict[Op, list[int]]:
    """For each opcode that names a constant, the constant indices it may name."""
    strings = [index for index, value in enumerate(constants) if type(value) is str]
    prototypes = [index for index, value in enumerate(constants) if isinstance(value, Closure)]
    everything = list(range(len(constants)))
    refs = {
        Op.LOAD_CONST: everything,
        Op.LOAD_GLOBAL: strings,
        Op.CALL_METHOD: strings,
        Op.MAKE_CLOSURE: prototypes,
    }
    return {op: indices for op, indices in refs.items() if indices}


_REFERENCING = frozenset({Op.LOAD_CONST, Op.LOAD_GLOBAL, Op.CALL_METHOD, Op.MAKE_CLOSURE})
_TERMINATORS = (Op.RETURN, Op.JUMP, Op.TAIL_CALL)


@st.composite
def chunks(draw: st.DrawFn, depth: int = 2, top: bool = True) -> Chunk:
    """A chunk that passes ``validate``, with closures nested up to ``depth`` levels."""
    pool = draw(st.lists(constants(depth), max_size=4))
    if draw(st.booleans()):
        pool.append(draw(TEXT))  # so that LOAD_GLOBAL / CALL_METHOD are possible
    if depth > 0 and draw(st.booleans()):
        pool.append(draw(closures(depth - 1)))  # so that MAKE_CLOSURE is possible
    refs = _references(pool)
    usable = [op for op in Op if op not in _REFERENCING or op in refs]
    count = draw(st.integers(1, 12))
    ops = [*draw(st.lists(st.sampled_from(usable), min_size=count - 1, max_size=count - 1))]
    ops.append(draw(st.sampled_from(_TERMINATORS)))
    instructions = tuple(
        Instruction(
            op,
            tuple(
                _operand(draw, op, kind, index=index, count=count, refs=refs)
                for kind in op.operands
            ),
        )
        for index, op in enumerate(ops)
    )
    span = st.builds(SourceSpan, U32, U32, U32, U32)
    spans = draw(st.just(()) | st.lists(span, min_size=count, max_size=count).map(tuple))
    optional_text = st.none() | TEXT
    return Chunk(
        instructions=instructions,
        constants=tuple(pool),
        name=draw(optional_text),
        spans=spans,
        source=draw(optional_text),
        source_file=draw(optional_text),
        trailer=draw(st.binary(max_size=8)) if top else b"",
    )
