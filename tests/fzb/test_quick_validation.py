"""The quick walk of ``validate`` (``_certainly_valid``) against its general checks.

The quick walk is only allowed to say yes to what the general checks accept: for anything
else it says no, and ``validate`` runs the general checks, which report the fault.  These
tests hold it to that on faulty models built by hand, on random valid chunks (which it must
accept, or it saves nothing) and on random faults injected into them.
"""

from __future__ import annotations

from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fusabi_host.errors import BytecodeError
from fusabi_host.lang.fzb import (
    MAX_NESTING,
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
    Record,
    SourceSpan,
    Tuple,
    VariantConst,
    loads,
    validate,
)
from fusabi_host.lang.fzb.validate import _certainly_valid, _check_in_full

from .strategies import HELLO, chunks, conformance_files, rich_chunk, simple
from .test_codec import MALFORMED


def _accepted_in_full(chunk: Chunk) -> bool:
    try:
        _check_in_full(chunk, None, None)
    except BytecodeError:
        return False
    return True


def _nested(chunk: Chunk, depth: int = 1) -> Chunk:
    """``chunk`` as the chunk of a closure ``depth`` levels down."""
    for _ in range(depth):
        chunk = simple(Instruction(Op.MAKE_CLOSURE, (0, 0)), constants=(Closure(chunk, 0),))
    return chunk


FAULTS: list[tuple[Chunk, str]] = [
    *MALFORMED,
    (simple(Instruction(Op.JUMP, (1,))), "jumps to 2"),
    (simple(Instruction(Op.JUMP, (-2,))), "jumps to -1"),
    (simple(Instruction(Op.JUMP_IF_FALSE, (5,)), Instruction(Op.POP)), "jumps to 6"),
    (simple(Instruction(Op.LOAD_CONST, (1,)), constants=(1,)), "refers to constant #1"),
    (simple(Instruction(Op.LOAD_GLOBAL, (0,)), constants=(1,)), "to be a Str"),
    (simple(Instruction(Op.CALL_METHOD, (0, 1)), constants=(UNIT,)), "to be a Str"),
    (simple(Instruction(Op.MAKE_CLOSURE, (0, 0)), constants=("f",)), "to be a Closure"),
    (Chunk(instructions=(Instruction(Op.POP),)), "is not RETURN, JUMP or TAIL_CALL"),
    (Chunk(), "has no instructions"),
    (attrs.evolve(simple(Instruction(Op.POP)), spans=(SourceSpan(),)), "exactly one per"),
    (Chunk(instructions=(Instruction(Op.RETURN),), spans=(SourceSpan(2**32),)), "span 0"),
    (Chunk(instructions=(Instruction(Op.RETURN),), spans=(True,)), "span 0"),  # type: ignore[arg-type]
    (_nested(simple(trailer=b"x")), "only the top-level chunk may have a trailer"),
    (_nested(simple(Instruction(Op.LOAD_CONST, (3,))), 3), "<closure #0 of <closure #0"),
    (_nested(simple(constants=(Tuple((1,)),)), MAX_NESTING), "nested deeper than"),
    (simple(constants=(Closure(Chunk(), 0),)), "has no instructions"),
    (simple(constants=(Closure(simple(), 0, "\ud800"),)), "closure name must be a str"),
    (simple(constants=(Closure("code", 0),)), "closure chunk must be a Chunk"),  # type: ignore[arg-type]
    (simple(constants=(VariantConst("T", "\udfff", ()),)), "variant name must be a str"),
    (simple(constants=(NativeFn("f", 300),)), "native function arity must be a u8"),
    (simple(constants=(Cons(1, Cons(2**70, NIL_CONST)),)), "constant #0.1.0 must be an i64"),
    (simple(constants=(Array((1, [2])),)), "is not a constant value"),  # type: ignore[arg-type]
    (simple(constants=(Record([("a", 1)]),)), "entries must be a tuple"),  # type: ignore[arg-type]
    (simple(constants=(Map((("k", Tuple((Closure(Chunk(), 0),))),)),)), "has no instructions"),
    (simple(constants=(Float(-1),)), "Float bits must be a u64"),
    (simple(constants=(b"raw",)), "is not a constant value"),  # type: ignore[arg-type]
    (simple(source="\ud800"), "chunk source must be a str"),
    (simple(source_file=b"f.fsx"), "chunk source_file must be a str"),  # type: ignore[arg-type]
    (simple(Instruction(Op.LOAD_GLOBAL, ("x",))), "operand 0 of instruction 0 (LOAD_GLOBAL)"),
]


@pytest.mark.parametrize(("chunk", "fragment"), FAULTS, ids=[fragment for _, fragment in FAULTS])
def test_a_fault_is_never_accepted_quickly(chunk: Chunk, fragment: str) -> None:
    assert not _certainly_valid(chunk)
    with pytest.raises(BytecodeError) as caught:
        validate(chunk)
    assert fragment in str(caught.value)


def test_a_fault_after_many_good_chunks_is_still_found() -> None:
    good = [Closure(simple(Instruction(Op.LOAD_CONST, (0,)), constants=(i,)), 0) for i in range(50)]
    bad = Closure(simple(Instruction(Op.LOAD_CONST, (1,)), constants=(0,)), 0)
    chunk = simple(constants=(*good, bad, *good))
    assert not _certainly_valid(chunk)
    with pytest.raises(BytecodeError, match="closure #50 of <unnamed>>: instruction 0"):
        validate(chunk)


def test_shared_instruction_objects_are_checked_in_each_chunk() -> None:
    # One LOAD_CONST 1 object, fine where the chunk has two constants, wrong where it has one.
    load = Instruction(Op.LOAD_CONST, (1,))
    fine = simple(load, constants=(0, 1))
    wrong = simple(load, constants=(0,))
    assert _certainly_valid(simple(constants=(Closure(fine, 0), Closure(fine, 0))))
    assert not _certainly_valid(simple(constants=(Closure(fine, 0), Closure(wrong, 0))))
    # One jump object whose target lands in one chunk and not in the other.
    jump = Instruction(Op.JUMP, (1,))
    lands = Chunk(instructions=(jump, Instruction(Op.POP), Instruction(Op.RETURN)))
    falls = Chunk(instructions=(Instruction(Op.POP), jump))
    assert _certainly_valid(lands)
    assert not _certainly_valid(simple(constants=(Closure(lands, 0), Closure(falls, 0))))


def test_the_usual_chunks_are_accepted_quickly() -> None:
    assert _certainly_valid(loads(HELLO))
    assert _certainly_valid(rich_chunk())
    assert _certainly_valid(_nested(simple(constants=(Tuple((1, "a")),)), MAX_NESTING - 1))
    for path in conformance_files():
        assert _certainly_valid(loads(path.read_bytes()))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(chunks())
def test_random_valid_chunks_are_accepted_quickly(chunk: Chunk) -> None:
    assert _certainly_valid(chunk)


JUNK_OPERANDS = st.one_of(
    st.integers(-(2**64), 2**64),
    st.booleans(),
    st.sampled_from(["", "x", "\ud800", None, 1.5, b"b"]),
)
JUNK_CONSTANTS: st.SearchStrategy[Any] = st.one_of(
    st.integers(-(2**64), 2**64),
    st.sampled_from(
        [
            "\ud800",
            "ok",
            UNIT,
            NIL_CONST,
            Float(2**64),
            Float(1),
            [1],
            Tuple([1]),  # type: ignore[arg-type]
            Tuple((2**63,)),
            Closure(Chunk(), 0),
            Closure(simple(), -1),
            Closure(simple(), 0, 5),  # type: ignore[arg-type]
            Record([("a", 1)]),  # type: ignore[arg-type]
            Map(((b"k", 1),)),  # type: ignore[arg-type]
            VariantConst("T", "C", (Closure(simple(trailer=b"t"), 0),)),
            NativeFn("n", 2, (Cons(1, "\ud800"),)),
        ]
    ),
)


@st.composite
def injected_faults(draw: st.DrawFn) -> Chunk:
    """A valid chunk (often nested in another) with one part replaced by something random."""
    chunk = draw(chunks())
    part = draw(st.sampled_from(["instruction", "constant", "spans", "field"]))
    if part == "instruction":
        index = draw(st.integers(0, len(chunk.instructions) - 1))
        op = draw(st.sampled_from(list(Op)))
        operands = tuple(draw(st.lists(JUNK_OPERANDS, max_size=3)))
        if draw(st.booleans()):  # (right arity and integer types, maybe out of range)
            operands = tuple(draw(st.integers(-40, 300)) for _ in op.operands)
        code = list(chunk.instructions)
        code[index] = Instruction(op, operands)
        chunk = attrs.evolve(chunk, instructions=tuple(code))
    elif part == "constant":
        pool = list(chunk.constants)
        pool.insert(draw(st.integers(0, len(pool))), draw(JUNK_CONSTANTS))
        if pool and draw(st.booleans()):
            pool.pop(draw(st.integers(0, len(pool) - 1)))
        chunk = attrs.evolve(chunk, constants=tuple(pool))
    elif part == "spans":
        spans = draw(
            st.lists(
                st.builds(SourceSpan, st.integers(-1, 2**32), st.integers(0, 3)),
                max_size=len(chunk.instructions) + 1,
            )
        )
        chunk = attrs.evolve(chunk, spans=tuple(spans))
    else:
        field = draw(st.sampled_from(["name", "source", "source_file", "trailer"]))
        chunk = attrs.evolve(chunk, **{field: draw(st.sampled_from(["n", "\ud800", b"x", 3]))})
    return _nested(chunk, draw(st.integers(0, 2)))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(injected_faults())
def test_the_quick_walk_accepts_only_what_the_general_checks_accept(chunk: Chunk) -> None:
    if _certainly_valid(chunk):
        assert _accepted_in_full(chunk)
