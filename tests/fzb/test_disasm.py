"""The disassembler: exact listing of a hand-built chunk, constant rendering, robustness."""

from __future__ import annotations

from pathlib import Path

import pytest

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
    Record,
    SourceSpan,
    Tuple,
    Value,
    VariantConst,
    disassemble,
    loads,
    render_value,
)

from .strategies import HELLO, conformance_files, over_conformance_files, rich_chunk, simple

I = Instruction  # noqa: E741 - short name keeps the listings below readable


def sample() -> Chunk:
    inner = Chunk(
        instructions=(
            I(Op.LOAD_LOCAL, (0,)),
            I(Op.CHECK_STRING, ("x\n",)),
            I(Op.JUMP_IF_FALSE, (2,)),
            I(Op.LOAD_CONST, (0,)),
            I(Op.RETURN),
            I(Op.LOAD_CONST, (1,)),
            I(Op.RETURN),
        ),
        constants=(Float.of(2.5), VariantConst("", "None", ())),
        spans=tuple(SourceSpan(2, 5 + column, 0, 1) for column in range(7)),
    )
    return Chunk(
        instructions=(
            I(Op.MAKE_CLOSURE, (1, 0)),
            I(Op.LOAD_CONST, (2,)),
            I(Op.CALL, (1,)),
            I(Op.DUP),
            I(Op.CHECK_BOOL, (True,)),
            I(Op.JUMP_IF_FALSE, (2,)),
            I(Op.LOAD_GLOBAL, (0,)),
            I(Op.CALL_METHOD, (0, 1)),
            I(Op.JUMP, (-9,)),
        ),
        constants=("print", Closure(inner, 1, "f"), 41, Record((("name", "Ada"), ("age", 36)))),
    )


SAMPLE_LISTING = """\
== <unnamed> ==
   0  MAKE_CLOSURE 1 0 (<closure #1 of <unnamed>>)
   1  LOAD_CONST 2 (41)
   2  CALL 1
   3  DUP
   4  CHECK_BOOL true
   5  JUMP_IF_FALSE 2 (-> 8)
   6  LOAD_GLOBAL 0 ("print")
   7  CALL_METHOD 0 1 ("print")
   8  JUMP -9 (-> 0)
constants:
  #0  "print"
  #1  <closure #1 of <unnamed>>
  #2  41
  #3  { name = "Ada"; age = 36 }

== <closure #1 of <unnamed>> ==
arity 1, closure name "f"
   0  LOAD_LOCAL 0  ; line 2:5
   1  CHECK_STRING "x\\n"  ; line 2:6
   2  JUMP_IF_FALSE 2 (-> 5)  ; line 2:7
   3  LOAD_CONST 0 (2.5)  ; line 2:8
   4  RETURN  ; line 2:9
   5  LOAD_CONST 1 (None)  ; line 2:10
   6  RETURN  ; line 2:11
constants:
  #0  2.5
  #1  None
"""


def test_listing_of_a_chunk_with_a_nested_closure() -> None:
    assert disassemble(sample()) == SAMPLE_LISTING


def test_listing_of_the_spec_hello_example() -> None:
    assert disassemble(loads(HELLO)) == (
        '== <unnamed> ==\n   0  LOAD_CONST 0 ("Hello, FSRS!")\n   1  RETURN\n'
        'constants:\n  #0  "Hello, FSRS!"\n'
    )


def test_named_chunk_and_trailer() -> None:
    listing = disassemble(simple(name="main", trailer=bytes(range(20))))
    assert listing.startswith("== main ==\n")
    assert "trailer: 20 byte(s): 00 01 02 03 04 05 06 07 08 09 0A 0B 0C 0D 0E 0F ...\n" in listing


def test_deeper_closures_follow_their_parents() -> None:
    listing = disassemble(rich_chunk())
    headers = [line for line in listing.splitlines() if line.startswith("== ")]
    assert headers == [
        "== main ==",
        "== <closure #1 of main> ==",
        "== <closure #0 of <closure #1 of main>> ==",
        "== <closure #13.0 of main> ==",
    ]
    assert 'arity 2, closure name "f", chunk name "proto", source file "lib.fsx"' in listing
    assert "nan(0x7ff8000000000001)" in listing


@over_conformance_files()
def test_conformance_files_disassemble(path: Path) -> None:
    data = path.read_bytes()
    listing = disassemble(loads(data))
    assert listing == disassemble(loads(data))
    assert listing.startswith("== <unnamed> ==\n")
    assert listing.rstrip().splitlines()[-1]


def test_match_listing_shows_absolute_jump_targets() -> None:
    files = {path.stem: path for path in conformance_files()}
    if "v14_match_int" not in files:
        pytest.skip("needs ../shared (../shared/conformance/fzb not found)")
    listing = disassemble(loads(files["v14_match_int"].read_bytes()))
    assert "   5  JUMP_IF_FALSE 4 (-> 10)\n" in listing
    assert "   4  CHECK_INT 1\n" in listing
    assert '   8  LOAD_CONST 1 ("one")\n' in listing


def test_invalid_chunks_are_listed_not_raised() -> None:
    broken = Chunk(
        instructions=(
            I(Op.LOAD_CONST, (9,)),
            I(Op.MAKE_CLOSURE, (0, 0)),
            I(Op.JUMP, (40,)),
        ),
        constants=(1,),
    )
    assert disassemble(broken) == (
        "== <unnamed> ==\n"
        "   0  LOAD_CONST 9 (no such constant!)\n"
        "   1  MAKE_CLOSURE 0 0 (not a closure: Int!)\n"
        "   2  JUMP 40 (-> 43, outside the chunk!)\n"
        "constants:\n"
        "  #0  1\n"
    )
    assert disassemble(Chunk()) == "== <unnamed> ==\nno instructions\n"


def test_long_constants_are_cut_in_instruction_lines() -> None:
    listing = disassemble(simple(I(Op.LOAD_CONST, (0,)), constants=("x" * 100,)))
    first = listing.splitlines()[1]
    assert first == '   0  LOAD_CONST 0 ("' + "x" * 56 + "...)"
    assert '"' + "x" * 100 + '"' in listing


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (-7, "-7"),
        (False, "false"),
        ('tab\there "q" \\ é \x01', '"tab\\there \\"q\\" \\\\ é \\u{1}"'),
        (Float.of(3.0), "3.0"),
        (Float.of(-0.0), "-0.0"),
        (Float.of(float("inf")), "inf"),
        (Float(0x7FF8000000000000), "nan"),
        (Float(0xFFF8000000000000), "nan(0xfff8000000000000)"),
        (UNIT, "()"),
        (NIL_CONST, "[]"),
        (Tuple((1,)), "(1,)"),
        (Tuple((1, "a")), '(1, "a")'),
        (Cons(1, Cons(2, NIL_CONST)), "[1; 2]"),
        (Cons(1, 2), "1 :: 2"),
        (Cons(Cons(1, 2), NIL_CONST), "[(1 :: 2)]"),
        (Array(()), "[||]"),
        (Array((1, 2)), "[|1; 2|]"),
        (Record(()), "{ }"),
        (Record((("a b", 1),)), '{ "a b" = 1 }'),
        (Map((("k", True),)), 'Map ["k" -> true]'),
        (VariantConst("Option", "Some", (1, 2)), "Option.Some(1, 2)"),
        (VariantConst("", "Red", ()), "Red"),
        (NativeFn("List.map", 2, ()), "<native fn List.map/2>"),
        (NativeFn("f", 0, (1,)), "<native fn f/0 applied to (1)>"),
        (Tuple((Closure(simple(), 0),)), "(<closure #4.0 of P>,)"),
    ],
)
def test_render_value(value: Value, text: str) -> None:
    assert render_value(value, path="4", parent="P") == text


def test_render_value_caps_depth() -> None:
    value: Value = 0
    for _ in range(100):
        value = Tuple((value, 1))
    assert "..." in render_value(value)
    chain: Value = NIL_CONST
    for number in range(1000):
        chain = Cons(number, chain)
    assert render_value(chain).endswith(":: ...")
