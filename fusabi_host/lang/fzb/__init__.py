"""The ``.fzb`` bytecode format of upstream Fusabi: data model, codec, validation, listing.

Typical use::

    from fusabi_host.lang.fzb import disassemble, dumps, loads

    chunk = loads(data, source="hello.fzb")  # a validated Chunk, or BytecodeError
    assert dumps(chunk) == data              # byte-exact round trip
    print(disassemble(chunk))

See :mod:`.chunk` for how upstream values map to Python objects, :mod:`.codec` for the byte
layout and what the decoder guarantees on hostile input, :mod:`.validate` for the structural
rules a loaded chunk satisfies, and :mod:`.program` for Fusabi source to ``.fzb`` bytes
(:func:`compile_to_bytes`) and ``.fzb`` bytes to a runnable program (:func:`load_program`).
"""

from fusabi_host.lang.fzb.chunk import (
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
    NestedChunk,
    Nil,
    Op,
    Operand,
    OperandValue,
    Record,
    SourceSpan,
    Tuple,
    Unit,
    Value,
    VariantConst,
    children,
    chunk_title,
    iter_chunks,
    quote_string,
    value_kind,
)
from fusabi_host.lang.fzb.codec import (
    FORMAT_VERSION,
    HEADER_SIZE,
    MAGIC,
    decode_chunk,
    dumps,
    encode_chunk,
    loads,
)
from fusabi_host.lang.fzb.disasm import disassemble, render_value
from fusabi_host.lang.fzb.program import compile_to_bytes, compile_to_chunk, load_program
from fusabi_host.lang.fzb.validate import TERMINATORS, ChunkOffsets, stack_effect, validate

__all__ = [
    "FORMAT_VERSION",
    "HEADER_SIZE",
    "MAGIC",
    "MAX_NESTING",
    "NIL_CONST",
    "TERMINATORS",
    "UNIT",
    "Array",
    "Chunk",
    "ChunkOffsets",
    "Closure",
    "Cons",
    "Float",
    "Instruction",
    "Map",
    "NativeFn",
    "NestedChunk",
    "Nil",
    "Op",
    "Operand",
    "OperandValue",
    "Record",
    "SourceSpan",
    "Tuple",
    "Unit",
    "Value",
    "VariantConst",
    "children",
    "chunk_title",
    "compile_to_bytes",
    "compile_to_chunk",
    "decode_chunk",
    "disassemble",
    "dumps",
    "encode_chunk",
    "iter_chunks",
    "load_program",
    "loads",
    "quote_string",
    "render_value",
    "stack_effect",
    "validate",
    "value_kind",
]
