"""Hostile input: `loads` raises BytecodeError (naming the offset and the problem) or returns a
valid chunk, whatever the bytes, quickly and without deep recursion or huge allocations."""

from __future__ import annotations

import inspect
import struct
import sys
import time
import tracemalloc
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fusabi_host.errors import BytecodeError
from fusabi_host.lang.fzb import (
    MAGIC,
    MAX_NESTING,
    NIL_CONST,
    Chunk,
    Closure,
    Instruction,
    Op,
    SourceSpan,
    Value,
    disassemble,
    dumps,
    encode_chunk,
    loads,
    validate,
)

from .strategies import HELLO, chunks, conformance_files, rich_chunk, simple

HEADER = MAGIC + b"\x01"

# Byte offsets inside HELLO (spec 6.3).
HELLO_FIRST_TAG = 13
HELLO_CONSTANT_TAG = 31
HELLO_STRING_BYTES = 43
HELLO_NAME_OPTION = 55
HELLO_SPAN_COUNT = 56
HELLO_SOURCE_OPTION = 96
HELLO_SOURCE_FILE_OPTION = 97


def u32(number: int) -> bytes:
    return struct.pack("<I", number)


def u64(number: int) -> bytes:
    return struct.pack("<Q", number)


def patched(data: bytes, offset: int, replacement: bytes) -> bytes:
    return data[:offset] + replacement + data[offset + len(replacement) :]


def rejected(data: bytes, *fragments: str) -> BytecodeError:
    """Assert `loads(data)` fails with a message containing every fragment; return the error."""
    with pytest.raises(BytecodeError) as caught:
        loads(data)
    for fragment in fragments:
        assert fragment in str(caught.value)
    return caught.value


def unvalidated_file(chunk: Chunk) -> bytes:
    """The .fzb file of `chunk` without the validation `dumps` would do."""
    return HEADER + encode_chunk(chunk) + chunk.trailer


def bare_chunk(constants: bytes = b"", constant_count: int = 0) -> bytes:
    """A chunk body (RETURN only, no spans) around already-encoded constants."""
    return (
        u64(1) + u32(Op.RETURN) + u64(constant_count) + constants + b"\x00" + u64(0) + b"\x00\x00"
    )


def file_with_constant(value: bytes) -> bytes:
    """A .fzb file whose only constant is the encoded `value` (at offset 25)."""
    return HEADER + bare_chunk(value, 1)


CONSTANT_OFFSET = 25
INT_ZERO = u32(0) + u64(0)


def nested_tuples(depth: int) -> bytes:
    return (u32(5) + u64(1)) * depth + INT_ZERO


def nested_closures(depth: int) -> bytes:
    value = INT_ZERO
    for _ in range(depth):
        value = u32(12) + bare_chunk(value, 1) + b"\x01" + b"\x00"
    return value


def cons_list(length: int) -> bytes:
    return (u32(6) + INT_ZERO) * length + u32(7)


@contextmanager
def shallow_stack(headroom: int = 60) -> Iterator[None]:
    """Allow only `headroom` more Python frames than are in use now."""
    old = sys.getrecursionlimit()
    sys.setrecursionlimit(len(inspect.stack(0)) + headroom)
    try:
        yield
    finally:
        sys.setrecursionlimit(old)


# -- header --------------------------------------------------------------------------------


@pytest.mark.parametrize("size", range(5))
def test_short_file(size: int) -> None:
    error = rejected(HELLO[:size], "file too short", f"{size} byte(s)")
    assert error.offset == 0


def test_wrong_magic() -> None:
    error = rejected(b"FZB\x02" + HELLO[4:], "invalid magic bytes 46 5A 42 02")
    assert error.offset == 0
    rejected(b'"Hello, FSRS!"', "not a .fzb file")


def test_unknown_version() -> None:
    error = rejected(patched(HELLO, 4, b"\x02"), "unsupported .fzb format version 2")
    assert error.offset == 4


def test_error_names_source_and_offset() -> None:
    with pytest.raises(BytecodeError) as caught:
        loads(b"FZB", source="plugin.fzb")
    assert str(caught.value).startswith("plugin.fzb: byte 0: file too short")
    assert caught.value.source == "plugin.fzb"


def test_non_bytes_input_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="expected bytes"):
        loads("FZB\x01\x01")  # type: ignore[arg-type]


# -- tags, bools, options, strings ----------------------------------------------------------


@pytest.mark.parametrize("tag", [53, 99, 2**32 - 1])
def test_unknown_instruction_tag(tag: int) -> None:
    error = rejected(
        patched(HELLO, HELLO_FIRST_TAG, u32(tag)),
        f"byte {HELLO_FIRST_TAG}: unknown instruction tag {tag} (valid tags are 0..52)",
    )
    assert error.offset == HELLO_FIRST_TAG


@pytest.mark.parametrize("tag", [14, 15, 2**31])
def test_unknown_value_tag(tag: int) -> None:
    error = rejected(
        patched(HELLO, HELLO_CONSTANT_TAG, u32(tag)),
        f"unknown value tag {tag} (valid tags are 0..13)",
    )
    assert error.offset == HELLO_CONSTANT_TAG


def test_invalid_utf8() -> None:
    error = rejected(patched(HELLO, HELLO_STRING_BYTES + 3, b"\xff"), "invalid UTF-8 in a Str")
    assert error.offset == HELLO_STRING_BYTES + 3


def test_utf8_encoded_surrogate_is_invalid() -> None:
    data = dumps(simple(constants=("abc",)))
    start = data.index(b"abc")
    error = rejected(data.replace(b"abc", b"\xed\xa0\x80"), "invalid UTF-8")
    assert error.offset == start


def test_invalid_utf8_in_instruction_operand() -> None:
    data = dumps(simple(Instruction(Op.CHECK_STRING, ("ok",))))
    rejected(data.replace(b"ok", b"o\xc0"), "invalid UTF-8 in a String operand of CHECK_STRING")


@pytest.mark.parametrize("byte", [2, 0xFF])
def test_bool_operand_other_than_0_or_1(byte: int) -> None:
    data = dumps(simple(Instruction(Op.CHECK_BOOL, (True,))))
    operand = HELLO_FIRST_TAG + 4
    assert data[operand] == 1
    error = rejected(patched(data, operand, bytes([byte])), f"invalid bool byte 0x{byte:02X}")
    assert error.offset == operand


def test_bool_value_other_than_0_or_1() -> None:
    data = file_with_constant(u32(2) + b"\x01")
    loads(data)
    error = rejected(file_with_constant(u32(2) + b"\x02"), "invalid bool byte 0x02 in a Bool")
    assert error.offset == CONSTANT_OFFSET + 4


@pytest.mark.parametrize(
    ("offset", "field"),
    [
        (HELLO_NAME_OPTION, "the chunk name"),
        (HELLO_SOURCE_OPTION, "the chunk source"),
        (HELLO_SOURCE_FILE_OPTION, "the chunk source_file"),
    ],
)
def test_option_tag_other_than_0_or_1(offset: int, field: str) -> None:
    assert HELLO[offset] == 0
    error = rejected(patched(HELLO, offset, b"\x02"), f"invalid Option tag 2 for {field}")
    assert error.offset == offset


def test_closure_name_option_tag() -> None:
    data = file_with_constant(nested_closures(1))
    name_option = len(data) - 12
    assert data[name_option] == 0
    rejected(patched(data, name_option, b"\x07"), "invalid Option tag 7 for the Closure name")


# -- truncation and length prefixes ---------------------------------------------------------


SEEDS = [HELLO, dumps(rich_chunk()), *(path.read_bytes() for path in conformance_files())]


@pytest.mark.parametrize("seed", range(len(SEEDS)))
def test_every_truncation_is_rejected(seed: int) -> None:
    data = SEEDS[seed]
    body_end = len(data) - len(loads(data).trailer)
    for size in range(body_end):
        error = rejected(data[:size])
        assert error.offset is not None and 0 <= error.offset <= size


def test_truncated_string_reports_missing_bytes() -> None:
    rejected(HELLO[:50], f"byte {HELLO_STRING_BYTES - 8}: a Str value claims 12 byte(s)")


def huge_prefix_cases() -> dict[str, tuple[bytes, int, str]]:
    huge = u64(2**60)
    return {
        "instructions": (patched(HELLO, 5, huge), 5, "instruction count"),
        "constants": (patched(HELLO, 23, huge), 23, "constant count"),
        "string": (patched(HELLO, 35, huge), 35, "claims 1152921504606846976 byte(s)"),
        "spans": (patched(HELLO, HELLO_SPAN_COUNT, huge), HELLO_SPAN_COUNT, "source span count"),
        "tuple": (file_with_constant(u32(5) + huge), CONSTANT_OFFSET + 4, "Tuple item count"),
        "record": (file_with_constant(u32(9) + huge), CONSTANT_OFFSET + 4, "Record entry count"),
        "variant": (
            file_with_constant(u32(11) + u64(0) + u64(0) + huge),
            CONSTANT_OFFSET + 20,
            "Variant field count",
        ),
    }


@pytest.mark.parametrize("case", sorted(huge_prefix_cases()))
def test_huge_length_prefix_is_rejected_before_allocating(case: str) -> None:
    data, offset, fragment = huge_prefix_cases()[case]
    tracemalloc.start()
    started = time.perf_counter()
    try:
        error = rejected(data, fragment)
        elapsed = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert error.offset == offset
    assert elapsed < 0.5
    assert peak < 1_000_000


def test_count_checked_against_remaining_bytes() -> None:
    # 22 instructions need at least 88 bytes, but only 85 follow the count.
    too_many = patched(HELLO, 5, u64(22))
    rejected(too_many, "byte 5: instruction count 22 cannot be right", "only 85 remain")


# -- nesting -------------------------------------------------------------------------------


@pytest.mark.parametrize("build", [nested_tuples, nested_closures, cons_list])
def test_nesting_up_to_the_limit_is_accepted(build: Callable[[int], bytes]) -> None:
    data = file_with_constant(build(MAX_NESTING))
    with shallow_stack():
        chunk = loads(data)
        assert dumps(chunk) == data


@pytest.mark.parametrize("build", [nested_tuples, nested_closures, cons_list])
def test_chunks_at_the_limit_can_be_compared_hashed_and_shown(
    build: Callable[[int], bytes],
) -> None:
    """The generated ==, hash and repr recurse; at the nesting limit they must still work with
    a good margin below the default recursion limit of 1000."""
    data = file_with_constant(build(MAX_NESTING))
    first, second = loads(data), loads(data)
    with shallow_stack(headroom=500):
        assert first == second
        assert hash(first) == hash(second)
        assert repr(first) == repr(second)
        assert disassemble(first) == disassemble(second)


@pytest.mark.parametrize(
    ("build", "depth"),
    [(nested_tuples, MAX_NESTING + 1), (nested_tuples, 100_000), (nested_closures, 300)],
    ids=["tuples-over-limit", "tuples-100000", "closures-300"],
)
def test_deep_nesting_is_rejected_without_recursion(
    build: Callable[[int], bytes], depth: int
) -> None:
    data = file_with_constant(build(depth))
    with shallow_stack():
        error = rejected(data, f"nested deeper than {MAX_NESTING} levels")
    assert error.offset is not None and error.offset > CONSTANT_OFFSET


def test_nesting_error_points_at_the_first_value_too_deep() -> None:
    error = rejected(file_with_constant(nested_tuples(MAX_NESTING + 1)))
    assert error.offset == CONSTANT_OFFSET + 12 * MAX_NESTING


def test_long_cons_list_constant_counts_as_nesting() -> None:
    loads(file_with_constant(cons_list(MAX_NESTING)))
    rejected(file_with_constant(cons_list(MAX_NESTING + 1)), "nested deeper")


def test_validate_rejects_deep_user_built_constants() -> None:
    value: Value = NIL_CONST
    for _ in range(5000):
        value = Closure(simple(constants=(value,)), 0)
    with shallow_stack(), pytest.raises(BytecodeError, match=f"nested deeper than {MAX_NESTING}"):
        dumps(simple(constants=(value,)))


# -- structure -----------------------------------------------------------------------------


def structure_error(chunk: Chunk, *fragments: str) -> BytecodeError:
    """Check that `validate` and `loads` both reject `chunk`; return the loads error."""
    with pytest.raises(BytecodeError):
        validate(chunk)
    return rejected(unvalidated_file(chunk), *fragments)


@pytest.mark.parametrize(
    ("jump", "target"),
    [(5, 6), (4, 5), (-2, -1), (-100, -99), (32767, 32768)],
    ids=["beyond", "at-end", "before-start", "far-back", "max"],
)
def test_jump_target_must_be_an_instruction(jump: int, target: int) -> None:
    chunk = simple(Instruction(Op.JUMP_IF_FALSE, (jump,)), *[Instruction(Op.POP)] * 3)
    error = structure_error(
        chunk, f"jumps to {target}, which is not an instruction index (valid: 0..4)"
    )
    assert error.offset == HELLO_FIRST_TAG


@pytest.mark.parametrize("jump", [-1, 0, 3])
def test_jump_targets_inside_the_chunk_are_fine(jump: int) -> None:
    chunk = simple(Instruction(Op.JUMP, (jump,)), *[Instruction(Op.POP)] * 3)
    assert loads(dumps(chunk)) == chunk


def test_load_const_index_out_of_range() -> None:
    chunk = simple(Instruction(Op.POP), Instruction(Op.LOAD_CONST, (1,)), constants=(5,))
    error = structure_error(
        chunk, "instruction 1 (LOAD_CONST 1) refers to constant #1", "1 constant"
    )
    assert error.offset == HELLO_FIRST_TAG + 4


@pytest.mark.parametrize("op", [Op.LOAD_GLOBAL, Op.CALL_METHOD])
def test_global_and_method_names_must_be_str_constants(op: Op) -> None:
    operands = (0,) if op is Op.LOAD_GLOBAL else (0, 1)
    structure_error(
        simple(Instruction(op, operands), constants=(Closure(simple(), 0),)),
        "needs constant #0 to be a Str, but it is a Closure",
    )
    structure_error(simple(Instruction(op, operands)), "refers to constant #0")


def test_make_closure_needs_a_closure_constant() -> None:
    structure_error(
        simple(Instruction(Op.MAKE_CLOSURE, (0, 0)), constants=("f",)),
        "MAKE_CLOSURE 0 0) needs constant #0 to be a Closure, but it is a Str",
    )


def test_spans_must_match_instructions() -> None:
    chunk = Chunk(instructions=(Instruction(Op.RETURN),), spans=(SourceSpan(), SourceSpan()))
    error = structure_error(chunk, "2 source span(s) for 1 instruction(s)")
    assert error.offset == 5 + 8 + 4 + 8 + 1
    no_spans = Chunk(instructions=(Instruction(Op.RETURN),))
    assert loads(dumps(no_spans)) == no_spans


def test_empty_chunk_is_rejected() -> None:
    error = structure_error(Chunk(), "the chunk has no instructions")
    assert error.offset == 5


def test_chunk_must_not_fall_off_the_end() -> None:
    chunk = Chunk(instructions=(Instruction(Op.LOAD_CONST, (0,)),), constants=(1,))
    error = structure_error(chunk, "last instruction (0: LOAD_CONST 0) is not RETURN, JUMP or TAIL")
    assert error.offset == HELLO_FIRST_TAG
    for last in (Instruction(Op.JUMP, (-1,)), Instruction(Op.TAIL_CALL, (0,))):
        assert loads(dumps(Chunk(instructions=(last,)))).instructions == (last,)


def test_errors_in_nested_chunks_point_into_them() -> None:
    inner = simple(Instruction(Op.JUMP, (7,)))
    outer = simple(Instruction(Op.MAKE_CLOSURE, (0, 0)), constants=(Closure(inner, 1),))
    data = unvalidated_file(outer)
    error = rejected(data, "in <closure #0 of <unnamed>>: instruction 0 (JUMP 7) jumps to 8")
    inner_first_tag = data.index(u32(Op.JUMP) + struct.pack("<h", 7))
    assert error.offset == inner_first_tag


# -- fuzzing -------------------------------------------------------------------------------


def check_loads(data: bytes) -> None:
    """The property every input must have: a located BytecodeError, or a valid chunk that
    encodes back to exactly `data`."""
    try:
        chunk = loads(data)
    except BytecodeError as error:
        assert error.offset is not None and 0 <= error.offset <= len(data), str(error)
        return
    validate(chunk)
    assert dumps(chunk) == data


@st.composite
def mutated(draw: st.DrawFn, seeds: st.SearchStrategy[bytes]) -> bytes:
    data = bytearray(draw(seeds))
    for _ in range(draw(st.integers(1, 3))):
        position = draw(st.integers(0, len(data)))
        kind = draw(st.sampled_from(["flip", "truncate", "insert", "delete", "length"]))
        if kind == "flip" and position < len(data):
            data[position] ^= draw(st.integers(1, 255))
        elif kind == "truncate":
            del data[position:]
        elif kind == "insert":
            data[position:position] = draw(st.binary(min_size=1, max_size=8))
        elif kind == "delete":
            del data[position : position + draw(st.integers(1, 8))]
        elif kind == "length":
            number = draw(st.sampled_from([0, 1, 2, 53, 255, 2**16, 2**32 - 1, 2**63, 2**64 - 1]))
            data[position : position + 8] = u64(number)
    return bytes(data)


FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(mutated(st.sampled_from(SEEDS)))
def test_mutated_known_files(data: bytes) -> None:
    check_loads(data)


@FUZZ
@given(mutated(chunks().map(dumps)))
def test_mutated_generated_files(data: bytes) -> None:
    check_loads(data)


@FUZZ
@given(st.binary(max_size=200))
def test_random_bytes_after_header(body: bytes) -> None:
    check_loads(HEADER + body)
