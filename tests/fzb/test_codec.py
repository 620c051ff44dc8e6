"""The .fzb codec: conformance files, the spec's worked example, the data model, round trips."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from fusabi_host.errors import BytecodeError
from fusabi_host.lang.fzb import (
    MAGIC,
    NIL_CONST,
    TERMINATORS,
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
    decode_chunk,
    disassemble,
    dumps,
    encode_chunk,
    iter_chunks,
    loads,
    stack_effect,
    validate,
    value_kind,
)

from .strategies import (
    HELLO,
    HELLO_CHUNK,
    chunks,
    conformance_files,
    over_conformance_files,
    rich_chunk,
    simple,
)

CONFORMANCE = conformance_files()
conformance = over_conformance_files()

# -- conformance files ---------------------------------------------------------------------


@conformance
def test_conformance_file_round_trips_byte_exactly(path: Path) -> None:
    data = path.read_bytes()
    chunk = loads(data, source=path.name)
    validate(chunk)
    assert chunk.trailer == b""
    assert dumps(chunk) == data
    assert disassemble(chunk).startswith("== <unnamed> ==\n")


@conformance
def test_conformance_file_is_consumed_to_the_last_byte(path: Path) -> None:
    data = path.read_bytes()
    chunk, end = decode_chunk(data, offset=5)
    assert end == len(data)
    assert MAGIC + b"\x01" + encode_chunk(chunk) == data


@conformance
def test_conformance_file_looks_like_upstream_compiler_output(path: Path) -> None:
    """What upstream's compiler writes (spec 6.2, 6.8); validate's rules rely on it."""
    chunk = loads(path.read_bytes())
    for nested in iter_chunks(chunk):
        code = nested.chunk
        assert code.name is None and code.source is None and code.source_file is None
        assert code.spans == tuple(SourceSpan() for _ in code.instructions)
        assert code.instructions[-1].op is Op.RETURN
        if nested.closure is not None:
            assert nested.closure.arity == 1 and nested.closure.name is None


def test_conformance_files_hold_the_expected_constants() -> None:
    files = {path.stem: path for path in CONFORMANCE}
    if not files:
        pytest.skip("needs ../shared (../shared/conformance/fzb not found)")
    floats = loads(files["v02_float"].read_bytes()).constants
    assert floats == (Float.of(3.5), Float.of(2.0), Float.of(0.25))
    strings = loads(files["v03_string_concat"].read_bytes()).constants
    assert strings == ("foo", "bar", "!")
    lambda_apply = loads(files["v30_lambda_apply"].read_bytes())
    prototype = lambda_apply.constants[0]
    assert isinstance(prototype, Closure) and prototype.arity == 1
    assert lambda_apply.instructions[0] == Instruction(Op.MAKE_CLOSURE, (0, 0))
    assert [i.op for i in prototype.chunk.instructions] == [
        Op.LOAD_LOCAL,
        Op.LOAD_CONST,
        Op.ADD,
        Op.RETURN,
    ]


# -- the worked example of spec 6.3 --------------------------------------------------------


def test_hello_example_decodes_to_the_documented_chunk() -> None:
    assert len(HELLO) == 98
    chunk = loads(HELLO)
    assert chunk == HELLO_CHUNK
    assert type(chunk.constants[0]) is str
    assert chunk.name is None and chunk.source is None and chunk.source_file is None


def test_hello_example_encodes_back_to_the_same_98_bytes() -> None:
    assert dumps(HELLO_CHUNK) == HELLO
    assert dumps(loads(HELLO)) == HELLO


# -- data model ----------------------------------------------------------------------------


def test_opcode_table_matches_spec() -> None:
    assert [op.value for op in Op] == list(range(53))
    assert Op(0).variant == "LoadConst"
    assert Op(28).variant == "JumpIfFalse"
    assert Op(32) is Op.RETURN
    assert Op(52).variant == "CloseUpvalue"
    assert Op.from_variant("CheckTupleLen") is Op.CHECK_TUPLE_LEN
    assert Op.CALL_METHOD.operands == (Operand.U16, Operand.U8)
    assert Op.MAKE_CLOSURE.operands == (Operand.U16, Operand.U8)
    assert Op.CHECK_INT.operands == (Operand.I64,)
    assert Op.CHECK_BOOL.operands == (Operand.BOOL,)
    assert Op.CHECK_VARIANT_TAG.operands == (Operand.STR,)
    assert Op.JUMP.operands == (Operand.I16,)
    assert Op.ADD.operands == ()
    assert sum(1 for op in Op if op.operands) == 27


def test_chunk_with_every_opcode_and_value_kind_round_trips() -> None:
    chunk = rich_chunk()
    assert {instruction.op for instruction in chunk.instructions} == set(Op)
    kinds = {value_kind(value) for value in chunk.constants}
    assert kinds == {"Int", "Float", "Bool", "Str", "Unit", "Nil", "Tuple", "Cons", "Array"} | {
        "Record",
        "Map",
        "Variant",
        "Closure",
        "NativeFn",
    }
    data = dumps(chunk)
    assert loads(data) == chunk
    assert dumps(loads(data)) == data
    assert hash(loads(data)) == hash(chunk)


def test_instruction_wire_layout() -> None:
    body = encode_chunk(Chunk(instructions=(Instruction(Op.CALL_METHOD, (7, 2)),)))
    assert body[:8] == struct.pack("<Q", 1)
    assert body[8:15] == struct.pack("<IHB", 30, 7, 2)
    body = encode_chunk(Chunk(instructions=(Instruction(Op.JUMP_IF_FALSE, (-3,)),)))
    assert body[8:14] == struct.pack("<Ih", 28, -3)
    body = encode_chunk(Chunk(instructions=(Instruction(Op.CHECK_STRING, ("é",)),)))
    assert body[8:22] == struct.pack("<IQ", 10, 2) + "é".encode()


VALUE_TAGS: list[tuple[Value, int]] = [
    (-5, 0),
    (Float.of(1.0), 1),
    (True, 2),
    ("s", 3),
    (UNIT, 4),
    (Tuple(()), 5),
    (Cons(1, NIL_CONST), 6),
    (NIL_CONST, 7),
    (Array(()), 8),
    (Record(()), 9),
    (Map(()), 10),
    (VariantConst("T", "C", ()), 11),
    (Closure(simple(), 1), 12),
    (NativeFn("List.map", 2, ()), 13),
]


@pytest.mark.parametrize(
    ("value", "tag"), VALUE_TAGS, ids=[value_kind(value) for value, _ in VALUE_TAGS]
)
def test_value_tags(value: Value, tag: int) -> None:
    body = encode_chunk(Chunk(constants=(value,)))
    assert body[16:20] == struct.pack("<I", tag)
    chunk = simple(constants=(value,))
    assert loads(dumps(chunk)) == chunk


def test_int_and_bool_constants_stay_apart() -> None:
    as_int = simple(constants=(1,))
    as_bool = simple(constants=(True,))
    assert as_int != as_bool
    assert hash(Tuple((1,))) != hash(Tuple((True,))) or Tuple((1,)) != Tuple((True,))
    assert type(loads(dumps(as_bool)).constants[0]) is bool
    assert type(loads(dumps(as_int)).constants[0]) is int
    assert Record((("a", 0),)) != Record((("a", False),))


@pytest.mark.parametrize(
    "bits",
    [0x8000000000000000, 0x7FF8000000000001, 0x7FF0000000000001, 0xFFF8000000000000, 1],
)
def test_float_bit_patterns_survive(bits: int) -> None:
    chunk = simple(constants=(Float(bits), Tuple((Float(bits),))))
    data = dumps(chunk)
    assert struct.pack("<IQ", 1, bits) in data
    again = loads(data)
    assert again == chunk
    assert dumps(again) == data


def test_float_helpers() -> None:
    assert Float.of(-0.0).bits == 0x8000000000000000
    assert Float.of(0.0) != Float.of(-0.0)
    assert Float.of(2.5).value == 2.5 and float(Float.of(2.5)) == 2.5
    assert repr(Float.of(2.5)) == "Float.of(2.5)"
    assert repr(Float(0x7FF8000000000001)) == "Float(bits=0x7ff8000000000001)"


def test_record_entry_order_and_duplicates_are_kept() -> None:
    record = Record((("b", 1), ("a", 2), ("b", 3)))
    chunk = simple(constants=(record, Map((("z", "x"), ("z", "y")))))
    data = dumps(chunk)
    assert loads(data).constants[0] == record
    assert loads(data).constants[0] != Record((("a", 2), ("b", 1), ("b", 3)))
    assert dumps(loads(data)) == data


def test_trailing_bytes_are_kept_as_trailer() -> None:
    data = HELLO + b"\x00extra data\xff"
    chunk = loads(data)
    assert chunk.trailer == b"\x00extra data\xff"
    assert dumps(chunk) == data
    assert chunk != loads(HELLO)


def test_decode_chunk_reports_where_the_chunk_ends() -> None:
    body = encode_chunk(HELLO_CHUNK)
    chunk, end = decode_chunk(b"junk" + body + b"tail", offset=4)
    assert chunk == HELLO_CHUNK
    assert end == 4 + len(body)


def test_loads_accepts_bytearray_and_memoryview() -> None:
    assert loads(bytearray(HELLO)) == HELLO_CHUNK
    assert loads(memoryview(HELLO)) == HELLO_CHUNK


def test_dumps_refuses_chunks_that_do_not_validate() -> None:
    with pytest.raises(BytecodeError, match="must be an i64"):
        dumps(simple(constants=(2**63,)))
    with pytest.raises(BytecodeError, match="jumps to 5"):
        dumps(simple(Instruction(Op.JUMP, (4,))))
    with pytest.raises(BytecodeError, match="must be a u8"):
        dumps(simple(Instruction(Op.CALL, (256,))))
    with pytest.raises(BytecodeError, match="must be a str encodable as UTF-8"):
        dumps(simple(constants=("\ud800",)))
    with pytest.raises(BytecodeError, match="only the top-level chunk may have a trailer"):
        dumps(simple(constants=(Closure(simple(trailer=b"x"), 0),)))


RETURN = Instruction(Op.RETURN)


MALFORMED: list[tuple[Chunk, str]] = [
    (Chunk(instructions=[RETURN]), "instructions must be a tuple, not list"),  # type: ignore[arg-type]
    (simple(Instruction(Op.CALL)), "instruction 0 (CALL) needs 1 operand(s) (u8), got ()"),
    (simple(Instruction(Op.CALL, (True,))), "operand 0 of instruction 0 (CALL) must be a u8"),
    (simple(Instruction(Op.CHECK_BOOL, (1,))), "must be a bool, not 1"),
    (simple(Instruction(Op.JUMP, (2**15,))), "must be an i16 (-32768..32767)"),
    (simple(Instruction(29, (1,))), "instruction 0 is not an Instruction"),  # type: ignore[arg-type]
    (simple(constants=(Float(2**64),)), "Float bits must be a u64"),
    (simple(constants=(Record((("a",),)),)), "entry 0 must be a (key, value) pair"),  # type: ignore[arg-type]
    (simple(constants=(Map(((1, 2),)),)), "key of entry 0 must be a str"),  # type: ignore[arg-type]
    (simple(constants=([1],)), "constant #0 is not a constant value"),  # type: ignore[arg-type]
    (simple(constants=(Closure(simple(), 256),)), "closure arity must be a u8 (0..255)"),
    (simple(constants=(NativeFn(None, 0),)), "native function name must be a str"),  # type: ignore[arg-type]
    (simple(constants=(VariantConst("T", "C", [1]),)), "items must be a tuple, not list"),  # type: ignore[arg-type]
    (simple(constants=(Tuple((Tuple((2**64,)),)),)), "constant #0.0.0 must be an i64"),
    (Chunk(instructions=(RETURN,), spans=(SourceSpan(-1),)), "span 0 must be a SourceSpan"),
    (simple(name=5), "chunk name must be a str"),
    (simple(trailer="x"), "trailer must be bytes, not str"),
]


@pytest.mark.parametrize(
    ("chunk", "fragment"), MALFORMED, ids=[fragment for _, fragment in MALFORMED]
)
def test_validate_rejects_malformed_models(chunk: Chunk, fragment: str) -> None:
    with pytest.raises(BytecodeError) as caught:
        validate(chunk)
    assert fragment in str(caught.value)
    with pytest.raises(BytecodeError):
        dumps(chunk)


def test_validate_rejects_what_is_not_a_chunk() -> None:
    with pytest.raises(BytecodeError, match="expected a Chunk, got bytes"):
        validate(HELLO)  # type: ignore[arg-type]


def test_encode_chunk_reports_unencodable_values_as_bytecode_errors() -> None:
    with pytest.raises(BytecodeError, match="Int constant"):
        encode_chunk(Chunk(constants=(-(2**63) - 1,)))
    with pytest.raises(BytecodeError, match="not a constant value"):
        encode_chunk(Chunk(constants=(b"raw",)))  # type: ignore[arg-type]
    with pytest.raises(BytecodeError, match="not a constant value"):
        encode_chunk(Chunk(constants=(HELLO_CHUNK,)))  # type: ignore[arg-type]
    with pytest.raises(BytecodeError, match="malformed"):
        encode_chunk(Chunk(instructions=("RETURN",)))  # type: ignore[arg-type]


def test_validate_names_the_chunk_without_offsets() -> None:
    inner = simple(Instruction(Op.LOAD_CONST, (3,)))
    outer = simple(Instruction(Op.MAKE_CLOSURE, (0, 0)), constants=(Closure(inner, 1),))
    with pytest.raises(BytecodeError) as caught:
        validate(outer)
    assert caught.value.offset is None
    assert "in <closure #0 of <unnamed>>: instruction 0 (LOAD_CONST 3)" in str(caught.value)


def test_iter_chunks_walks_nested_closures_in_order() -> None:
    leaf = simple()
    middle = simple(constants=(Closure(leaf, 0),))
    root = simple(
        constants=(Closure(middle, 1), Tuple((1, Closure(leaf, 2)))),
        name="main",
    )
    found = [(nested.label, nested.level) for nested in iter_chunks(root)]
    assert found == [
        ("main", 0),
        ("<closure #0 of main>", 1),
        ("<closure #0 of <closure #0 of main>>", 2),
        ("<closure #1.1 of main>", 2),
    ]


# -- stack effects -------------------------------------------------------------------------


def test_stack_effect_covers_every_opcode() -> None:
    for op in Op:
        samples: dict[Operand, OperandValue] = {Operand.STR: "s", Operand.BOOL: True}
        operands = tuple(samples.get(kind, 2) for kind in op.operands)
        popped, pushed = stack_effect(Instruction(op, operands))
        assert popped >= 0 and pushed >= 0
        if op in TERMINATORS - {Op.JUMP}:
            assert pushed == 0


@pytest.mark.parametrize(
    ("instruction", "effect"),
    [
        (Instruction(Op.LOAD_CONST, (0,)), (0, 1)),
        (Instruction(Op.STORE_LOCAL, (0,)), (1, 0)),
        (Instruction(Op.DUP), (1, 2)),
        (Instruction(Op.CHECK_INT, (3,)), (1, 2)),
        (Instruction(Op.CHECK_VARIANT_TAG, ("Some",)), (1, 1)),
        (Instruction(Op.ADD), (2, 1)),
        (Instruction(Op.JUMP_IF_FALSE, (2,)), (1, 0)),
        (Instruction(Op.CALL, (2,)), (3, 1)),
        (Instruction(Op.CALL_METHOD, (5, 2)), (3, 1)),
        (Instruction(Op.TAIL_CALL, (1,)), (2, 0)),
        (Instruction(Op.RETURN), (1, 0)),
        (Instruction(Op.MAKE_TUPLE, (3,)), (3, 1)),
        (Instruction(Op.MAKE_RECORD, (2,)), (4, 1)),
        (Instruction(Op.UPDATE_RECORD, (2,)), (5, 1)),
        (Instruction(Op.MAKE_VARIANT, (2,)), (4, 1)),
        (Instruction(Op.MAKE_CLOSURE, (7, 2)), (2, 1)),
        (Instruction(Op.ARRAY_UPDATE), (3, 1)),
    ],
    ids=str,
)
def test_stack_effect_values(instruction: Instruction, effect: tuple[int, int]) -> None:
    assert stack_effect(instruction) == effect


def test_stack_effect_rejects_malformed_instruction() -> None:
    with pytest.raises(ValueError, match="malformed"):
        stack_effect(Instruction(Op.CALL))


# -- properties ----------------------------------------------------------------------------


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(chunks())
def test_random_valid_chunks_round_trip(chunk: Chunk) -> None:
    validate(chunk)
    data = dumps(chunk)
    again = loads(data)
    assert again == chunk
    assert dumps(again) == data
    disassemble(again)
