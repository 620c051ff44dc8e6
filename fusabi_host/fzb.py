"""Upstream ``.fzb`` bytecode, byte for byte: read, write, validate, list and compile.

This is the public face of :mod:`fusabi_host.lang.fzb`::

    from fusabi_host import fzb

    chunk = fzb.loads(data)            # validated Chunk, or BytecodeError naming the offset
    assert fzb.dumps(chunk) == data    # byte-exact round trip
    print(fzb.disassemble(chunk))      # upstream mnemonics, nested chunks too
    data = fzb.compile_source(text)    # our compiler's output, runnable by upstream `fus run`

Files written by :func:`compile_source` carry an export table after the chunk (upstream
ignores bytes after the chunk); see ``docs/bytecode.rst``.
"""

from __future__ import annotations

from fusabi_host.lang.fzb import (
    FORMAT_VERSION,
    MAGIC,
    Chunk,
    Instruction,
    Op,
    decode_chunk,
    disassemble,
    dumps,
    encode_chunk,
    loads,
    validate,
)
from fusabi_host.lang.fzb import compile_to_bytes as compile_source
from fusabi_host.lang.fzb import compile_to_chunk as compile_source_to_chunk

__all__ = [
    "FORMAT_VERSION",
    "MAGIC",
    "Chunk",
    "Instruction",
    "Op",
    "compile_source",
    "compile_source_to_chunk",
    "decode_chunk",
    "disassemble",
    "dumps",
    "encode_chunk",
    "loads",
    "validate",
]
