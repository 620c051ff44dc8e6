"""A readable, deterministic listing of a chunk and every chunk nested in it.

Use it to look inside a ``.fzb`` file or at what the compiler emitted.  Each chunk is listed
under a header (``== <unnamed> ==`` for an unnamed top-level chunk, ``== <closure #1 of
<unnamed>> ==`` for the closure in constant 1 of it), one line per instruction with its index
and the upstream mnemonic (``LOAD_CONST 0 (3)``, ``JUMP_IF_FALSE 4 (-> 9)``), then its
constants.  Nested chunks follow their parent, depth first.  Example::

    == <unnamed> ==
       0  MAKE_CLOSURE 0 0 (<closure #0 of <unnamed>>)
       1  LOAD_CONST 1 (41)
       2  CALL 1
       3  RETURN
    constants:
      #0  <closure #0 of <unnamed>>
      #1  41

    == <closure #0 of <unnamed>> ==
    arity 1
       0  LOAD_LOCAL 0
       1  LOAD_CONST 0 (1)
       2  ADD
       3  RETURN
    constants:
      #0  1

The disassembler also copes with chunks that fail validation (bad constant indices or jump
targets are shown, not raised), so it can be used to debug a code generator.
"""

from __future__ import annotations

import math

from fusabi_host.lang.fzb.chunk import (
    MAX_NESTING,
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
    Record,
    Tuple,
    Unit,
    Value,
    VariantConst,
    iter_chunks,
    quote_string,
    value_kind,
)

__all__ = ["disassemble", "render_value"]

_COMMENT_WIDTH = 60
"""Constants shown after an instruction are cut to this many characters."""
_RENDER_DEPTH = 32
"""Constants nested deeper than this are shown as ``...``."""
_TRAILER_PREVIEW = 16
_CANONICAL_NAN_BITS = 0x7FF8000000000000


def disassemble(chunk: Chunk) -> str:
    """The listing of ``chunk`` and all chunks nested in its constants (ends with a newline).

    Closures nested deeper than :data:`~.chunk.MAX_NESTING` (only possible in a chunk that
    fails validation) are not listed."""
    blocks = [_chunk_block(nested) for nested in iter_chunks(chunk, max_level=MAX_NESTING)]
    return "\n".join(blocks)


def _chunk_block(nested: NestedChunk) -> str:
    chunk = nested.chunk
    lines = [f"== {nested.label} =="]
    lines += _info_lines(nested)
    width = max(4, len(str(len(chunk.instructions) - 1)))
    for index, instruction in enumerate(chunk.instructions):
        text = f"{index:>{width}}  {instruction}{_comment(nested, index, instruction)}"
        if index < len(chunk.spans) and chunk.spans[index].line != 0:
            span = chunk.spans[index]
            text += f"  ; line {span.line}:{span.column}"
        lines.append(text)
    if chunk.constants:
        lines.append("constants:")
        for index, value in enumerate(chunk.constants):
            lines.append(f"  #{index}  {render_value(value, path=str(index), parent=nested.label)}")
    if chunk.trailer:
        preview = " ".join(f"{byte:02X}" for byte in chunk.trailer[:_TRAILER_PREVIEW])
        more = " ..." if len(chunk.trailer) > _TRAILER_PREVIEW else ""
        lines.append(f"trailer: {len(chunk.trailer)} byte(s): {preview}{more}")
    return "\n".join(lines) + "\n"


def _info_lines(nested: NestedChunk) -> list[str]:
    """Facts about a chunk worth knowing before its code: arity, names, where it came from."""
    chunk = nested.chunk
    facts: list[str] = []
    if nested.closure is not None:
        facts.append(f"arity {nested.closure.arity}")
        if nested.closure.name is not None:
            facts.append(f"closure name {quote_string(nested.closure.name)}")
        if chunk.name is not None:
            facts.append(f"chunk name {quote_string(chunk.name)}")
    if chunk.source_file is not None:
        facts.append(f"source file {quote_string(chunk.source_file)}")
    if chunk.source is not None:
        facts.append(f"source text {len(chunk.source)} character(s)")
    if not chunk.instructions:
        facts.append("no instructions")
    return [", ".join(facts)] if facts else []


def _comment(nested: NestedChunk, index: int, instruction: Instruction) -> str:
    """What to show after an instruction: the constant it names or where it jumps."""
    op = instruction.op
    target = instruction.jump_target(index)
    if target is not None:
        inside = 0 <= target < len(nested.chunk.instructions)
        return f" (-> {target})" if inside else f" (-> {target}, outside the chunk!)"
    if op not in (Op.LOAD_CONST, Op.LOAD_GLOBAL, Op.CALL_METHOD, Op.MAKE_CLOSURE):
        return ""
    constant_index = instruction.operands[0] if instruction.operands else None
    constants = nested.chunk.constants
    if type(constant_index) is not int or not 0 <= constant_index < len(constants):
        return " (no such constant!)"
    value = constants[constant_index]
    if op is Op.MAKE_CLOSURE and not isinstance(value, Closure):
        return f" (not a closure: {value_kind(value)}!)"
    text = render_value(value, path=str(constant_index), parent=nested.label)
    if len(text) > _COMMENT_WIDTH:
        text = text[: _COMMENT_WIDTH - 3] + "..."
    return f" ({text})"


def render_value(value: Value, *, path: str = "?", parent: str = "<unnamed>") -> str:
    """A constant as the disassembler shows it: strings quoted and escaped, floats with a
    decimal point (NaN payloads in hex), lists ``[1; 2]``, arrays ``[|1; 2|]``, records
    ``{ a = 1 }`` in file order, variants ``Type.Case(x)``.  A closure is named by its place:
    ``path`` is its constant index (path) in the chunk labelled ``parent``."""
    return _Renderer(parent).render(value, path, 0)


class _Renderer:
    def __init__(self, parent: str) -> None:
        self.parent = parent

    def render(self, value: Value, path: str, depth: int) -> str:
        if depth > _RENDER_DEPTH:
            return "..."
        if type(value) is bool:
            return "true" if value else "false"
        if type(value) is int:
            return str(value)
        if type(value) is str:
            return quote_string(value)
        if isinstance(value, Float):
            return _render_float(value)
        if isinstance(value, Unit):
            return "()"
        if isinstance(value, Nil):
            return "[]"
        return self.composite(value, path, depth)

    def many(self, items: tuple[Value, ...], path: str, depth: int, separator: str) -> str:
        return separator.join(
            self.render(item, f"{path}.{index}", depth + 1) for index, item in enumerate(items)
        )

    def composite(self, value: Value, path: str, depth: int) -> str:
        if isinstance(value, Tuple):
            inner = self.many(value.items, path, depth, ", ")
            return f"({inner},)" if len(value.items) < 2 else f"({inner})"
        if isinstance(value, Array):
            return f"[|{self.many(value.items, path, depth, '; ')}|]"
        if isinstance(value, Cons):
            return self.cons(value, path, depth)
        if isinstance(value, Record):
            return self.record(value, path, depth)
        if isinstance(value, Map):
            inner = "; ".join(
                f"{quote_string(key)} -> {self.render(item, f'{path}.{index}', depth + 1)}"
                for index, (key, item) in enumerate(value.entries)
            )
            return f"Map [{inner}]"
        if isinstance(value, VariantConst):
            name = (
                f"{value.type_name}.{value.variant_name}" if value.type_name else value.variant_name
            )
            return f"{name}({self.many(value.fields, path, depth, ', ')})" if value.fields else name
        if isinstance(value, Closure):
            return f"<closure #{path} of {self.parent}>"
        if isinstance(value, NativeFn):
            applied = (
                f" applied to ({self.many(value.args, path, depth, ', ')})" if value.args else ""
            )
            return f"<native fn {value.name}/{value.arity}{applied}>"
        return f"<{value_kind(value)}>"

    def cons(self, value: Cons, path: str, depth: int) -> str:
        """``[a; b]`` for a proper list, ``a :: b :: tail`` otherwise (walked without recursion
        along the tail)."""
        heads: list[str] = []
        cell: Value = value
        while isinstance(cell, Cons) and depth + len(heads) <= _RENDER_DEPTH:
            head = self.render(cell.head, f"{path}.0", depth + len(heads) + 1)
            heads.append(f"({head})" if isinstance(cell.head, Cons) and "::" in head else head)
            path = f"{path}.1"
            cell = cell.tail
        if isinstance(cell, Nil):
            return f"[{'; '.join(heads)}]"
        tail = "..." if isinstance(cell, Cons) else self.render(cell, path, depth + len(heads))
        return " :: ".join([*heads, tail])

    def record(self, value: Record, path: str, depth: int) -> str:
        if not value.entries:
            return "{ }"
        fields = "; ".join(
            f"{key if key.isidentifier() else quote_string(key)} = "
            f"{self.render(item, f'{path}.{index}', depth + 1)}"
            for index, (key, item) in enumerate(value.entries)
        )
        return f"{{ {fields} }}"


def _render_float(number: Float) -> str:
    value = number.value
    if math.isnan(value):
        return "nan" if number.bits == _CANONICAL_NAN_BITS else f"nan(0x{number.bits:016x})"
    return repr(value)
