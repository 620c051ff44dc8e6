"""The decoder's and the validator's fast paths behave exactly like the general ones.

Decoding reads the usual instructions, strings and scalars inline and shares one object between
equal instructions (and equal spans); validation checks each distinct object once.  These tests
pin down that nothing observable changed: byte-exact round trips on many programs, the same
instructions as the general reader, the same errors (message and offset) on mutated bytes and
on hand-built chunks that reuse one object in a valid and an invalid place.
"""

from __future__ import annotations

import random
import struct
from collections.abc import Sequence
from pathlib import Path

import attrs
import pytest

from fusabi_host import fzb
from fusabi_host.errors import BytecodeError
from fusabi_host.lang.fzb import (
    HEADER_SIZE,
    Chunk,
    Closure,
    Instruction,
    Op,
    SourceSpan,
    dumps,
    iter_chunks,
    loads,
    validate,
)
from fusabi_host.lang.fzb import codec as codec_module
from fusabi_host.lang.fzb.codec import _charged_runs, _Decoder

from .strategies import conformance_files

_CORPUS = Path(__file__).resolve().parents[1] / "lang" / "fsharp_corpus"


def _programs() -> list[tuple[str, bytes]]:
    """A spread of real programs: every 12th corpus file, a generated one, upstream's files."""
    found: list[tuple[str, bytes]] = []
    for path in sorted(_CORPUS.glob("*.fsx"))[::12]:
        try:
            found.append((path.name, fzb.compile_source(path.read_text(), path.name)))
        except Exception:  # files our compiler rejects are simply not used here
            continue
    functions = "\n".join(
        f"let f{i} (x: int) = if x > {i} then x * {i} + 1 else x - {i}" for i in range(40)
    )
    found.append(("generated.fsx", fzb.compile_source(functions, "generated.fsx")))
    found += [(path.name, path.read_bytes()) for path in conformance_files()]
    return found


PROGRAMS = _programs()
IDS = [name for name, _ in PROGRAMS]


def _outcome(data: bytes) -> tuple[str, object, object]:
    try:
        chunk = loads(data, source="mutant")
    except BytecodeError as error:
        return ("error", str(error), error.offset)
    return ("ok", chunk, dumps(chunk) == data)


def _all_chunks(chunk: Chunk) -> list[Chunk]:
    return [nested.chunk for nested in iter_chunks(chunk)]


def test_there_are_programs() -> None:
    assert len(PROGRAMS) >= 10


@pytest.mark.parametrize(("name", "data"), PROGRAMS, ids=IDS)
def test_round_trip_is_byte_exact(name: str, data: bytes) -> None:
    chunk = loads(data, source=name)
    assert dumps(chunk) == data
    assert loads(dumps(chunk)) == chunk


@pytest.mark.parametrize(("name", "data"), PROGRAMS, ids=IDS)
def test_fast_instructions_equal_the_general_reader(name: str, data: bytes) -> None:
    decoder = _Decoder(data, HEADER_SIZE, name)
    chunk = decoder.top_chunk(top=True)
    for nested in _all_chunks(chunk):
        where = decoder.offsets[id(nested)]
        instructions = nested.instructions
        for index, instruction in enumerate(instructions):
            general = _Decoder(data, where.instruction(instructions, index), name)
            expected = general.instruction()
            assert instruction == expected
            if index + 1 < len(instructions):  # (the offsets worked out meet end to end)
                assert general.pos == where.instruction(instructions, index + 1)
            else:  # (and the last instruction ends where the constant count starts)
                assert general.u64("the constant count") == len(nested.constants)
                assert where.constants[:1] in ((), (general.pos,))
            assert [type(operand) for operand in instruction.operands] == [
                type(operand) for operand in expected.operands
            ]


@pytest.mark.parametrize(("name", "data"), PROGRAMS, ids=IDS)
def test_mutated_bytes_fail_cleanly_or_round_trip(name: str, data: bytes) -> None:
    rng = random.Random(name)
    for _ in range(60):
        mutant = bytearray(data)
        where = rng.randrange(len(data))
        choice = rng.randrange(4)
        if choice == 0:
            mutant[where] = rng.randrange(256)
        elif choice == 1:
            del mutant[where:]
        elif choice == 2:
            mutant[where : where + 4] = struct.pack("<I", rng.choice([13, 52, 53, 2**31]))
        else:
            mutant[where : where + 8] = struct.pack("<Q", rng.choice([2**31, 2**60, 255]))
        kind, detail, extra = _outcome(bytes(mutant))
        if kind == "error":
            assert isinstance(extra, int)
            assert 0 <= extra <= len(mutant), detail
        else:
            assert extra is True, name


@pytest.mark.parametrize(("name", "data"), PROGRAMS, ids=IDS)
def test_truncations_name_an_offset_inside_the_input(name: str, data: bytes) -> None:
    chunk_end = len(data) - len(loads(data).trailer)
    sizes: Sequence[int] = range(chunk_end)
    if chunk_end > 1500:  # every size of the small files, a sample of the big ones
        sizes = sorted(random.Random(name).sample(range(chunk_end), 300))
    for size in sizes:
        with pytest.raises(BytecodeError) as caught:
            loads(data[:size])
        assert caught.value.offset is not None
        assert 0 <= caught.value.offset <= size


def test_a_shared_instruction_is_checked_at_each_position() -> None:
    # One JUMP 0 object: fine at index 0 (it lands on 1), past the end at index 2.
    jump = Instruction(Op.JUMP, (0,))
    chunk = Chunk(instructions=(jump, Instruction(Op.RETURN), jump))
    with pytest.raises(BytecodeError, match=r"instruction 2 \(JUMP 0\) jumps to 3"):
        validate(chunk)
    validate(attrs.evolve(chunk, instructions=chunk.instructions[:2]))


def test_a_shared_instruction_is_checked_at_each_position_of_a_real_program() -> None:
    for _, data in PROGRAMS:
        root = loads(data)
        for nested in _all_chunks(root):
            if nested is not root or not nested.instructions:
                continue
            count = len(nested.instructions)
            jump = Instruction(Op.JUMP, (0,))
            instructions = (jump, *nested.instructions[:-1], jump)
            spans = nested.spans[:1] * len(instructions) if nested.spans else ()
            broken = attrs.evolve(nested, instructions=instructions, spans=spans)
            with pytest.raises(BytecodeError, match=rf"instruction {count} \(JUMP 0\) jumps to"):
                validate(broken)


def test_a_shared_instruction_is_checked_against_each_chunks_constants() -> None:
    load_global = Instruction(Op.LOAD_GLOBAL, (0,))
    ret = Instruction(Op.RETURN)
    inner = Chunk(instructions=(load_global, ret), constants=(7,))
    outer = Chunk(
        instructions=(load_global, Instruction(Op.MAKE_CLOSURE, (1, 0)), ret),
        constants=("print", Closure(inner, 0)),
    )
    with pytest.raises(BytecodeError, match=r"needs constant #0 to be a Str, but it is a Int"):
        validate(outer)
    data = dumps(
        attrs.evolve(outer, constants=("print", Closure(attrs.evolve(inner, constants=("x",)), 0)))
    )
    assert dumps(loads(data)) == data


def test_an_instruction_among_the_spans_is_refused() -> None:
    ret = Instruction(Op.RETURN)
    chunk = Chunk(instructions=(ret, ret), spans=(SourceSpan(1), ret))  # type: ignore[arg-type]
    with pytest.raises(BytecodeError, match=r"span 1 must be a SourceSpan"):
        validate(chunk)


def test_a_span_among_the_instructions_is_refused() -> None:
    span = SourceSpan(1)
    chunk = Chunk(
        instructions=(span, Instruction(Op.RETURN)),  # type: ignore[arg-type]
        spans=(span, span),
    )
    with pytest.raises(BytecodeError, match=r"instruction 0 is not an Instruction"):
        validate(chunk)


def test_the_first_faulty_instruction_is_reported() -> None:
    bad_constant = Instruction(Op.LOAD_CONST, (5,))
    bad_operand = Instruction(Op.LOAD_LOCAL, (300,))
    chunk = Chunk(instructions=(bad_constant, bad_operand, Instruction(Op.RETURN)))
    with pytest.raises(BytecodeError, match=r"instruction 0 \(LOAD_CONST 5\) refers to constant"):
        validate(chunk)
    chunk = Chunk(instructions=(bad_operand, bad_constant, Instruction(Op.RETURN)))
    with pytest.raises(BytecodeError, match=r"operand 0 of instruction 0 \(LOAD_LOCAL\)"):
        validate(chunk)


@pytest.mark.parametrize("count", [0, 1, 1022, 1023, 1024, 1025, 2046, 2047, 2048, 5000])
def test_charged_runs_charge_where_an_index_check_would(
    count: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[int] = []
    charged_before: list[int] = []
    monkeypatch.setattr(codec_module, "spend", lambda units: charged_before.append(len(seen)))
    for run in _charged_runs(count):
        seen.extend(run)
    assert seen == list(range(count))
    assert charged_before == [index for index in range(count) if index & 1023 == 1023]
