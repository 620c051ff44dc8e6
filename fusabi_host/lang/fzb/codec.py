"""Read and write ``.fzb`` files: the magic, the version byte and a bincode-1 ``Chunk``.

The byte layout is spec sections 6.1-6.5: little-endian fixed-width integers, u64 lengths,
u32 enum tags, one-byte bools (0/1) and Option tags (0/1), UTF-8 strings.  Decoding then
encoding any file that :func:`loads` accepts gives back exactly the same bytes.

The decoder is built for hostile input.  Whatever the bytes, :func:`loads` returns a validated
:class:`~fusabi_host.lang.fzb.chunk.Chunk` or raises
:class:`~fusabi_host.errors.BytecodeError` naming the byte offset and the problem:

* every length prefix is checked against the bytes that remain *before* anything is
  allocated (each instruction and value takes at least 4 bytes, each span 16, each record
  entry 12), so a forged ``2**60`` count fails at once;
* nested values are decoded by an explicit work stack (generators driven by a trampoline),
  never by Python recursion, and nesting deeper than
  :data:`~fusabi_host.lang.fzb.chunk.MAX_NESTING` is refused;
* bytes after the top-level chunk are kept in ``Chunk.trailer`` (upstream ignores them);
* equal instructions (and equal spans) decode to one shared object (they are immutable), so
  a big file costs one pointer per repeated item and validation checks each object once;
  the usual instructions, strings and scalars are read by inline fast paths, and anything
  unusual goes through the general readers, which raise the same errors as ever;
* the work is charged to the current run's guard (:func:`fusabi_host.lang.guard.spend`), so
  decoding a huge file stops at the caller's deadline.
"""

from __future__ import annotations

import struct
from collections.abc import Callable, Generator, Iterator
from typing import Any, NoReturn

import attrs

from fusabi_host.errors import BytecodeError
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
)
from fusabi_host.lang.fzb.validate import ChunkOffsets, validate
from fusabi_host.lang.guard import spend

__all__ = [
    "FORMAT_VERSION",
    "HEADER_SIZE",
    "MAGIC",
    "decode_chunk",
    "dumps",
    "encode_chunk",
    "loads",
]

MAGIC = b"FZB\x01"
"""The four bytes every ``.fzb`` file starts with (the ``\\x01`` is part of the magic)."""
FORMAT_VERSION = 1
"""The only format version there is (the byte after the magic)."""
HEADER_SIZE = len(MAGIC) + 1

_U8 = struct.Struct("<B")
_U16 = struct.Struct("<H")
_I16 = struct.Struct("<h")
_U32 = struct.Struct("<I")
_U64 = struct.Struct("<Q")
_I64 = struct.Struct("<q")
_SPAN = struct.Struct("<IIII")
_INT_FORMATS = {Operand.U8: _U8, Operand.U16: _U16, Operand.I16: _I16, Operand.I64: _I64}
"""The layout of each integer operand type."""

_UNKNOWN_SPAN = SourceSpan()
_MIN_ITEM = 4
"""Smallest encoding of an instruction or a value: its u32 tag."""
_MIN_ENTRY = 12
"""Smallest encoding of a record/map entry: an empty key (u64 length) and a value tag."""

# Value tags, in upstream declaration order (spec 6.5).
_INT, _FLOAT, _BOOL, _STR, _UNIT, _TUPLE, _CONS, _NIL = range(8)
_ARRAY, _RECORD, _MAP, _VARIANT, _CLOSURE, _NATIVE_FN = range(8, 14)
_VALUE_TAGS = 14
_CLOSURE_TAG = _CLOSURE.to_bytes(4, "little")

_TICKS = 1024
"""Items decoded between two charges to the current run's guard (a power of two)."""

_Task = Generator[Any, Any, Any]
"""A decoding step: yields sub-tasks to the trampoline and receives their results."""


# -- decoding ------------------------------------------------------------------------------


def loads(data: bytes | bytearray | memoryview, *, source: str | None = None) -> Chunk:
    """Decode and validate a whole ``.fzb`` file.

    ``source`` (usually the file name) is put into any :class:`BytecodeError`.  Bytes after the
    chunk end up in the result's ``trailer``.  Whatever the bytes, the only error raised is
    :class:`BytecodeError` (a ``TypeError`` only if ``data`` is not bytes-like at all).
    """
    data = _as_bytes(data)
    if len(data) < HEADER_SIZE:
        raise BytecodeError(
            f"file too short: {len(data)} byte(s), a .fzb file starts with the 4-byte magic "
            f"{_hex(MAGIC)} and a version byte",
            offset=0,
            source=source,
        )
    if data[:4] != MAGIC:
        raise BytecodeError(
            f"invalid magic bytes {_hex(data[:4])} (expected {_hex(MAGIC)}, 'FZB\\x01'): "
            "not a .fzb file",
            offset=0,
            source=source,
        )
    if data[4] != FORMAT_VERSION:
        raise BytecodeError(
            f"unsupported .fzb format version {data[4]} (only version {FORMAT_VERSION} exists)",
            offset=4,
            source=source,
        )
    decoder = _Decoder(data, HEADER_SIZE, source)
    chunk = decoder.top_chunk(top=True)
    validate(chunk, source=source, offsets=decoder.offsets)
    return chunk


def decode_chunk(
    data: bytes | bytearray | memoryview, *, offset: int = 0, source: str | None = None
) -> tuple[Chunk, int]:
    """Decode one bare bincode ``Chunk`` starting at ``offset``; return it and the offset just
    past it.  No magic, no version, no trailer, and **no** structural validation (call
    :func:`~fusabi_host.lang.fzb.validate.validate` yourself).  Error offsets are positions
    in ``data``."""
    data = _as_bytes(data)
    if not 0 <= offset <= len(data):
        raise BytecodeError(
            f"start offset {offset} is outside the data", offset=offset, source=source
        )
    decoder = _Decoder(data, offset, source)
    chunk = decoder.top_chunk(top=False)
    return chunk, decoder.pos


def _charged_runs(count: int) -> Iterator[range]:
    """Split ``range(count)`` into runs, charging :data:`_TICKS` items to the current run's
    guard between them, exactly where a loop that checked its index would: before each item
    ``i`` with ``i % _TICKS == _TICKS - 1``.  Loops over many items use this to keep the
    charge out of their body."""
    start = 0
    while start < count:
        stop = min(count, (start + 1) | (_TICKS - 1))
        yield range(start, stop)
        if stop < count:
            spend(_TICKS)
        start = stop


def _as_bytes(data: bytes | bytearray | memoryview) -> bytes:
    if isinstance(data, bytes):
        return data
    if isinstance(data, bytearray | memoryview):
        return bytes(data)
    raise TypeError(f"expected bytes, got {type(data).__name__}")


def _hex(data: bytes) -> str:
    return " ".join(f"{byte:02X}" for byte in data)


class _SpanCache(dict[tuple[int, ...], SourceSpan]):
    """The span for each decoded ``(line, column, offset, length)``, made on first use (so a
    look-up is a single C-level ``dict`` access that :meth:`_Decoder.spans` can ``map``)."""

    def __missing__(self, fields: tuple[int, ...]) -> SourceSpan:
        span = self[fields] = SourceSpan(*fields)
        return span


class _Decoder:
    """Cursor over the input plus the decoding steps; one instance per decode."""

    def __init__(self, data: bytes, pos: int, source: str | None) -> None:
        self.data = data
        self.pos = pos
        self.source = source
        self.offsets: dict[int, ChunkOffsets] = {}
        # Equal instructions and spans decode to one shared (immutable) object: a file repeats
        # the same few hundred of them, and building an attrs object costs more than a lookup.
        # Both caches hold at most one entry per decoded item, so they stay proportional.
        self.instruction_cache: list[dict[tuple[int, ...], Instruction]] = [{} for _ in _OPS]
        self.span_cache = _SpanCache({(0, 0, 0, 0): _UNKNOWN_SPAN})

    def top_chunk(self, *, top: bool) -> Chunk:
        """Decode the outermost chunk; with ``top``, what follows it becomes its trailer."""
        chunk = self.run(self.chunk(0, top=top))
        assert isinstance(chunk, Chunk)
        return chunk

    @staticmethod
    def run(root: _Task) -> Any:
        """Drive ``root`` and every task it yields with an explicit stack (no recursion)."""
        stack = [root]
        result: Any = None
        while True:
            try:
                child = stack[-1].send(result)
            except StopIteration as finished:
                stack.pop()
                if not stack:
                    return finished.value
                result = finished.value
                continue
            stack.append(child)
            result = None

    def fail(self, message: str, offset: int) -> NoReturn:
        raise BytecodeError(message, offset=offset, source=self.source)

    # -- primitives ------------------------------------------------------------------------

    def take(self, size: int, what: str) -> int:
        """Consume ``size`` bytes and return where they start."""
        start = self.pos
        left = len(self.data) - start
        if left < size:
            self.fail(
                f"unexpected end of input reading {what}: need {size} byte(s), {left} left",
                start,
            )
        self.pos = start + size
        return start

    def u8(self, what: str) -> int:
        return self.data[self.take(1, what)]

    def u16(self, what: str) -> int:
        return int(_U16.unpack_from(self.data, self.take(2, what))[0])

    def i16(self, what: str) -> int:
        return int(_I16.unpack_from(self.data, self.take(2, what))[0])

    def u32(self, what: str) -> int:
        return int(_U32.unpack_from(self.data, self.take(4, what))[0])

    def u64(self, what: str) -> int:
        return int(_U64.unpack_from(self.data, self.take(8, what))[0])

    def i64(self, what: str) -> int:
        return int(_I64.unpack_from(self.data, self.take(8, what))[0])

    def boolean(self, what: str) -> bool:
        start = self.pos
        byte = self.u8(what)
        if byte > 1:
            self.fail(f"invalid bool byte 0x{byte:02X} in {what} (must be 0 or 1)", start)
        return byte == 1

    def present(self, what: str) -> bool:
        """Read an Option tag: ``True`` for Some.  (The usual valid tag is read without
        building the error descriptions; anything else goes to :meth:`checked_present`.)"""
        start = self.pos
        if start < len(self.data):
            tag = self.data[start]
            if tag <= 1:
                self.pos = start + 1
                return tag == 1
        return self.checked_present(what)

    def checked_present(self, what: str) -> bool:
        """The general Option tag reader: fails at the offset of a missing or invalid tag."""
        start = self.pos
        tag = self.u8(f"the Option tag of {what}")
        if tag > 1:
            self.fail(f"invalid Option tag {tag} for {what} (must be 0 = None or 1 = Some)", start)
        return tag == 1

    def count(self, what: str, min_size: int) -> int:
        """Read a u64 length and make sure that many items can fit in what is left."""
        start = self.pos
        count = self.u64(f"the {what} count")
        left = len(self.data) - self.pos
        if count > left // min_size:
            self.fail(
                f"{what} count {count} cannot be right: that many need at least "
                f"{count * min_size} bytes, but only {left} remain",
                start,
            )
        return count

    def string(self, what: str) -> str:
        """Read a u64-length-prefixed UTF-8 string.

        The common case (it fits and decodes) is handled inline without building the
        descriptions used in error messages; anything else goes to :meth:`checked_string`,
        which finds and reports the problem exactly.
        """
        data = self.data
        begin = self.pos + 8
        if begin <= len(data):
            end = begin + _U64.unpack_from(data, begin - 8)[0]
            if end <= len(data):
                try:
                    text = data[begin:end].decode("utf-8")
                except UnicodeDecodeError:
                    pass
                else:
                    self.pos = end
                    return text
        return self.checked_string(what)

    def checked_string(self, what: str) -> str:
        """The general string reader: checks each step and fails with the offset of the fault."""
        start = self.pos
        size = self.u64(f"the length of {what}")
        left = len(self.data) - self.pos
        if size > left:
            self.fail(f"{what} claims {size} byte(s), but only {left} remain", start)
        begin = self.take(size, what)
        try:
            return self.data[begin : begin + size].decode("utf-8")
        except UnicodeDecodeError as error:
            self.fail(f"invalid UTF-8 in {what}: {error.reason}", begin + error.start)

    def optional_string(self, what: str) -> str | None:
        return self.string(what) if self.present(what) else None

    # -- structure -------------------------------------------------------------------------

    def chunk(self, enclosing: int, *, top: bool) -> _Task:
        """Decode a Chunk whose constants are enclosed by ``enclosing`` composite values."""
        start = self.pos
        instructions = self.instructions(self.count("instruction", _MIN_ITEM))
        constant_offsets: list[int] = []
        constants: list[Value] = []
        for _ in range(self.count("constant", _MIN_ITEM)):
            constant_offsets.append(self.pos)
            constant = self.scalar_value()
            if constant is None:
                if self.data[self.pos : self.pos + 4] == _CLOSURE_TAG:
                    constant = yield from self.closure(enclosing)
                else:
                    constant = yield from self.value(enclosing)
            constants.append(constant)
        name = self.optional_string("the chunk name")
        spans_offset = self.pos
        spans = self.spans(self.count("source span", _SPAN.size))
        source = self.optional_string("the chunk source")
        source_file = self.optional_string("the chunk source_file")
        chunk = Chunk(
            instructions=instructions,
            constants=tuple(constants),
            name=name,
            spans=spans,
            source=source,
            source_file=source_file,
            trailer=self.data[self.pos :] if top else b"",
        )
        self.offsets[id(chunk)] = ChunkOffsets(start, tuple(constant_offsets), spans_offset)
        return chunk

    def closure(self, enclosing: int) -> _Task:
        """Decode a Closure constant (its tag is next): what :meth:`value` does, without the
        steps that find out what kind of value it is (most composite constants are these)."""
        start = self.pos
        level = enclosing + 1
        if level > MAX_NESTING:
            self.fail(f"constants are nested deeper than {MAX_NESTING} levels", start)
        self.pos = start + 4
        return (yield from self.closure_payload(level))

    def closure_payload(self, level: int) -> _Task:
        """Decode what follows a Closure tag at nesting ``level``."""
        chunk = yield self.chunk(level, top=False)
        arity = self.u8("a Closure arity")
        name = self.optional_string("the Closure name")
        return Closure(chunk, arity, name)

    def instructions(self, count: int) -> tuple[Instruction, ...]:
        """Decode ``count`` instructions.

        This is the hot loop of decoding, so the usual instruction (a known tag without
        operands or with integer operands, all its bytes present) is read inline: one
        ``unpack_from`` for the tag, one for all the operands, and a look-up in
        :attr:`instruction_cache`.  Everything else (a string or bool operand, an unknown tag,
        too few bytes left) goes through :meth:`instruction`, the general reader, which also
        produces the exact error.
        """
        data = self.data
        end = len(data)
        pos = self.pos
        caches = self.instruction_cache
        plans = _FAST_PLANS
        known = len(plans)
        unpack_tag = _U32.unpack_from
        instructions: list[Instruction] = []
        add = instructions.append
        for run in _charged_runs(count):
            for _ in run:
                if end - pos >= 4:
                    tag = unpack_tag(data, pos)[0]
                    if tag < known:
                        plain, layout, width = plans[tag]
                        if plain is not None:
                            add(plain)
                            pos += 4
                            continue
                        if layout is not None and end - pos >= width:
                            operands = layout.unpack_from(data, pos + 4)
                            cache = caches[tag]
                            instruction = cache.get(operands)
                            if instruction is None:
                                instruction = cache[operands] = Instruction(_OPS[tag], operands)
                            add(instruction)
                            pos += width
                            continue
                self.pos = pos
                add(self.instruction())
                pos = self.pos
        self.pos = pos
        return tuple(instructions)

    def spans(self, count: int) -> tuple[SourceSpan, ...]:
        """Decode ``count`` source spans (:meth:`count` has checked that they fit).

        Equal spans share one object from :attr:`span_cache`; upstream writes only all-zero
        spans, so for its files this keeps the memory per span to one pointer.
        """
        lookup = self.span_cache.__getitem__
        if count < _TICKS:  # (nothing to charge: the usual chunk)
            start = self.pos
            self.pos = start + count * _SPAN.size
            return tuple(map(lookup, _SPAN.iter_unpack(self.data[start : self.pos])))
        spans: list[SourceSpan] = []
        for run in _charged_runs(count):
            start = self.pos
            self.pos = start + len(run) * _SPAN.size
            spans += map(lookup, _SPAN.iter_unpack(self.data[start : self.pos]))
        return tuple(spans)

    def instruction(self) -> Instruction:
        """The general instruction reader: checks each field and fails at its offset."""
        start = self.pos
        tag = self.u32("an instruction tag")
        if tag >= len(_OPS):
            self.fail(f"unknown instruction tag {tag} (valid tags are 0..{len(_OPS) - 1})", start)
        op, plan = _OPERAND_PLANS[tag]
        return Instruction(op, tuple(read(self, what) for read, what in plan))

    def value(self, enclosing: int) -> Generator[Any, Any, Value]:
        """Decode one value; composites are handed to the trampoline as a separate task."""
        start = self.pos
        tag = self.u32("a value tag")
        scalar = self.scalar(tag, start)
        if scalar is not None:
            return scalar
        level = enclosing + 1
        if level > MAX_NESTING:
            self.fail(f"constants are nested deeper than {MAX_NESTING} levels", start)
        result: Value = yield self.composite(tag, level)
        return result

    def scalar_value(self) -> Value | None:
        """Decode one value if it is a scalar; for a composite, rewind and return ``None``.

        Most constants are scalars; reading them here, without a generator for
        :meth:`value`, is what keeps the constant pools cheap.  Errors are the same as
        :meth:`value`'s, since both read the tag and the payload with :meth:`scalar`.
        """
        data = self.data
        start = self.pos
        if len(data) - start >= 12:  # room for the tag and an Int: the common cases inline
            tag = _U32.unpack_from(data, start)[0]
            if tag == _STR:
                self.pos = start + 4
                return self.string("a Str value")
            if tag == _INT:
                self.pos = start + 12
                return int(_I64.unpack_from(data, start + 4)[0])
        value = self.scalar(self.u32("a value tag"), start)
        if value is None:
            self.pos = start
        return value

    def scalar(self, tag: int, start: int) -> Value | None:
        """Decode the payload of a scalar value; ``None`` if ``tag`` is a composite."""
        if tag == _INT:
            return self.i64("an Int value")
        if tag == _FLOAT:
            return Float(self.u64("a Float value"))
        if tag == _BOOL:
            return self.boolean("a Bool value")
        if tag == _STR:
            return self.string("a Str value")
        if tag == _UNIT:
            return UNIT
        if tag == _NIL:
            return NIL_CONST
        if tag >= _VALUE_TAGS:
            self.fail(f"unknown value tag {tag} (valid tags are 0..{_VALUE_TAGS - 1})", start)
        return None

    def composite(self, tag: int, level: int) -> _Task:
        """Decode the payload of a composite value at nesting ``level``."""
        if tag == _TUPLE:
            return Tuple((yield from self.values("Tuple item", level)))
        if tag == _ARRAY:
            return Array((yield from self.values("Array item", level)))
        if tag == _CONS:
            head = yield from self.value(level)
            tail = yield from self.value(level)
            return Cons(head, tail)
        if tag in (_RECORD, _MAP):
            entries = yield from self.entries("Record" if tag == _RECORD else "Map", level)
            return Record(entries) if tag == _RECORD else Map(entries)
        if tag == _VARIANT:
            type_name = self.string("a Variant type name")
            variant_name = self.string("a Variant name")
            fields = yield from self.values("Variant field", level)
            return VariantConst(type_name, variant_name, fields)
        if tag == _CLOSURE:
            return (yield from self.closure_payload(level))
        assert tag == _NATIVE_FN
        name = self.string("a NativeFn name")
        arity = self.u8("a NativeFn arity")
        args = yield from self.values("NativeFn argument", level)
        return NativeFn(name, arity, args)

    def values(self, what: str, level: int) -> Generator[Any, Any, tuple[Value, ...]]:
        items: list[Value] = []
        for index in range(self.count(what, _MIN_ITEM)):
            if index & (_TICKS - 1) == _TICKS - 1:
                spend(_TICKS)
            item = self.scalar_value()
            if item is None:
                item = yield from self.value(level)
            items.append(item)
        return tuple(items)

    def entries(self, what: str, level: int) -> Generator[Any, Any, tuple[tuple[str, Value], ...]]:
        items: list[tuple[str, Value]] = []
        key_what = f"a {what} key"
        for index in range(self.count(f"{what} entry", _MIN_ENTRY)):
            if index & (_TICKS - 1) == _TICKS - 1:
                spend(_TICKS)
            key = self.string(key_what)
            item = self.scalar_value()
            if item is None:
                item = yield from self.value(level)
            items.append((key, item))
        return tuple(items)


_OPS: tuple[Op, ...] = tuple(Op)
_READERS: dict[Operand, Callable[[_Decoder, str], OperandValue]] = {
    Operand.U8: _Decoder.u8,
    Operand.U16: _Decoder.u16,
    Operand.I16: _Decoder.i16,
    Operand.I64: _Decoder.i64,
    Operand.BOOL: _Decoder.boolean,
    Operand.STR: _Decoder.string,
}
_OPERAND_PLANS: tuple[
    tuple[Op, tuple[tuple[Callable[[_Decoder, str], OperandValue], str], ...]], ...
]
_OPERAND_PLANS = tuple(
    (op, tuple((_READERS[kind], f"a {kind.value} operand of {op.name}") for kind in op.operands))
    for op in _OPS
)
"""For each instruction tag: the opcode and how to read each operand (reader, description)."""


def _fast_plan(op: Op) -> tuple[Instruction | None, struct.Struct | None, int]:
    """How :meth:`_Decoder.instructions` reads ``op`` inline: ``(instruction, None, 4)`` for
    an opcode without operands (one shared instruction), ``(None, layout, width)`` when all
    operands are integers (``layout`` reads them at once; ``width`` counts the tag too), and
    ``(None, None, 0)`` for string and bool operands, left to the general reader."""
    if not op.operands:
        return Instruction(op), None, 4
    if all(kind in _INT_FORMATS for kind in op.operands):
        layout = struct.Struct("<" + "".join(_INT_FORMATS[kind].format[1:] for kind in op.operands))
        return None, layout, 4 + layout.size
    return None, None, 0


_FAST_PLANS = tuple(_fast_plan(op) for op in _OPS)
"""For each instruction tag, its :func:`_fast_plan`."""


# -- encoding ------------------------------------------------------------------------------


def dumps(chunk: Chunk) -> bytes:
    """Encode ``chunk`` as a ``.fzb`` file: magic, version, the chunk, then ``chunk.trailer``.

    The chunk is validated first, so whatever this returns, :func:`loads` accepts; raises
    :class:`BytecodeError` for a chunk that breaks a rule.
    """
    validate(chunk)
    return MAGIC + bytes([FORMAT_VERSION]) + encode_chunk(chunk) + chunk.trailer


def encode_chunk(chunk: Chunk) -> bytes:
    """Encode one bare bincode ``Chunk`` (no magic, version or trailer; no validation beyond
    what encoding itself needs: a value that cannot be encoded raises :class:`BytecodeError`
    whose offset is where it would have gone in the output)."""
    return _Encoder().encode(chunk)


class _Raw(bytes):
    """Bytes already encoded, waiting on the encoder's stack (a distinct type, so that a
    ``bytes`` object wrongly placed among the constants is never written out raw)."""


@attrs.frozen
class _NestedChunk:
    """A closure's chunk waiting on the encoder's stack (a Chunk among the constants would be
    an error, not something to encode)."""

    chunk: Chunk


_PendingItem = _Raw | _NestedChunk | Value


class _Encoder:
    """Writes a chunk depth first with an explicit stack of things still to write."""

    def __init__(self) -> None:
        self.out = bytearray()
        self.pending: list[_PendingItem] = []

    def fail(self, message: str) -> NoReturn:
        raise BytecodeError(f"cannot encode: {message}", offset=len(self.out))

    def encode(self, chunk: Chunk) -> bytes:
        self.pending.append(_NestedChunk(chunk))
        try:
            while self.pending:
                item = self.pending.pop()
                if isinstance(item, _Raw):
                    self.out += item
                elif isinstance(item, _NestedChunk):
                    self.chunk(item.chunk)
                else:
                    self.value(item)
        except (AttributeError, TypeError, ValueError) as error:
            self.fail(f"the chunk is malformed ({type(error).__name__}: {error})")
        return bytes(self.out)

    def later(self, *items: _PendingItem) -> None:
        """Schedule ``items`` to be written, in the order given, after what is being written."""
        self.pending.extend(reversed(items))

    def chunk(self, chunk: Chunk) -> None:
        out = self.out
        out += _U64.pack(len(chunk.instructions))
        for instruction in chunk.instructions:
            self.instruction(instruction)
        out += _U64.pack(len(chunk.constants))
        tail = bytearray()
        tail += self.optional_string(chunk.name, "chunk name")
        tail += _U64.pack(len(chunk.spans))
        for span in chunk.spans:
            tail += self.pack(
                _SPAN, "source span", span.line, span.column, span.offset, span.length
            )
        tail += self.optional_string(chunk.source, "chunk source")
        tail += self.optional_string(chunk.source_file, "chunk source_file")
        self.later(*chunk.constants, _Raw(tail))

    def instruction(self, instruction: Instruction) -> None:
        op = instruction.op
        if not isinstance(op, Op) or len(instruction.operands) != len(op.operands):
            self.fail(f"malformed instruction {instruction!r}")
        out = self.out
        out += _U32.pack(op)
        for kind, operand in zip(op.operands, instruction.operands, strict=True):
            if kind is Operand.STR:
                out += self.string(operand, f"{op.name} operand")
            elif kind is Operand.BOOL:
                if type(operand) is not bool:
                    self.fail(f"{op.name} operand must be a bool, not {operand!r}")
                out += _U8.pack(operand)
            else:
                if type(operand) is not int:
                    self.fail(f"{op.name} operand must be an int, not {operand!r}")
                out += self.pack(_INT_FORMATS[kind], f"{op.name} operand", operand)

    def value(self, value: Value) -> None:
        out = self.out
        kind = type(value)
        if kind is bool:
            out += _U32.pack(_BOOL) + _U8.pack(value)
        elif kind is int:
            out += _U32.pack(_INT) + self.pack(_I64, "Int constant", value)
        elif kind is str:
            assert isinstance(value, str)
            out += _U32.pack(_STR) + self.string(value, "Str constant")
        elif kind is Float:
            assert isinstance(value, Float)
            out += _U32.pack(_FLOAT) + self.pack(_U64, "Float bits", value.bits)
        elif kind is Unit:
            out += _U32.pack(_UNIT)
        elif kind is Nil:
            out += _U32.pack(_NIL)
        else:
            self.composite(value)

    def composite(self, value: Value) -> None:
        out = self.out
        if isinstance(value, Tuple | Array):
            out += _U32.pack(_TUPLE if isinstance(value, Tuple) else _ARRAY)
            out += _U64.pack(len(value.items))
            self.later(*value.items)
        elif isinstance(value, Cons):
            out += _U32.pack(_CONS)
            self.later(value.head, value.tail)
        elif isinstance(value, Record | Map):
            out += _U32.pack(_RECORD if isinstance(value, Record) else _MAP)
            out += _U64.pack(len(value.entries))
            items: list[_PendingItem] = []
            for key, entry in value.entries:
                items += [_Raw(self.string(key, "record key")), entry]
            self.later(*items)
        elif isinstance(value, VariantConst):
            out += _U32.pack(_VARIANT) + self.string(value.type_name, "Variant type name")
            out += self.string(value.variant_name, "Variant name") + _U64.pack(len(value.fields))
            self.later(*value.fields)
        elif isinstance(value, Closure):
            out += _U32.pack(_CLOSURE)
            suffix = self.pack(_U8, "Closure arity", value.arity)
            suffix += self.optional_string(value.name, "Closure name")
            self.later(_NestedChunk(value.chunk), _Raw(suffix))
        elif isinstance(value, NativeFn):
            out += _U32.pack(_NATIVE_FN) + self.string(value.name, "NativeFn name")
            out += self.pack(_U8, "NativeFn arity", value.arity) + _U64.pack(len(value.args))
            self.later(*value.args)
        else:
            self.fail(f"{value!r} is not a constant value")

    def pack(self, layout: struct.Struct, what: str, *numbers: object) -> bytes:
        try:
            return layout.pack(*numbers)
        except struct.error:
            self.fail(f"{what} {numbers!r} out of range for {layout.format!r}")

    def string(self, text: object, what: str) -> bytes:
        if type(text) is not str:
            self.fail(f"{what} must be a str, not {text!r}")
        try:
            raw = text.encode("utf-8")
        except UnicodeEncodeError as error:
            self.fail(f"{what} is not encodable as UTF-8: {error.reason}")
        return _U64.pack(len(raw)) + raw

    def optional_string(self, text: str | None, what: str) -> bytes:
        if text is None:
            return b"\x00"
        return b"\x01" + self.string(text, what)
