"""The in-memory model of a ``.fzb`` chunk: instructions, constants and debug data.

This mirrors upstream Fusabi's ``Chunk``, ``Instruction`` and ``Value`` types (spec sections
6.2, 6.4 and 6.5) closely enough that :mod:`fusabi_host.lang.fzb.codec` can turn every valid
``.fzb`` file into these objects and back into the very same bytes.  Everything here is
immutable and hashable, so chunks can be cached and compared.

* :class:`Chunk`: ``instructions``, ``constants``, ``name``, ``spans``, ``source``,
  ``source_file`` (upstream's fields, in wire order) plus ``trailer``, the bytes that followed
  the top-level chunk in its file.
* :class:`Instruction`: an :class:`Op` and a tuple of operands.  ``Op`` values are the wire
  tags 0..52, member names the disassembler mnemonics (``Op.JUMP_IF_FALSE``), ``op.variant``
  the upstream name (``"JumpIfFalse"``) and ``op.operands`` the operand wire types.
* :class:`SourceSpan`: line, column, offset, length (all u32; line 0 = unknown).

How upstream ``Value`` constants are represented:

========================  ==========================================================
upstream ``Value``        Python
========================  ==========================================================
``Int(i64)``              :class:`int` (never a :class:`bool`; test ``type(x) is int``)
``Float(f64)``            :class:`Float`, which keeps the exact 64-bit pattern
``Bool``                  :class:`bool`
``Str``                   :class:`str`
``Unit`` / ``Nil``        the singletons :data:`UNIT` / :data:`NIL_CONST`
``Tuple`` / ``Array``     :class:`Tuple` / :class:`Array` (``items``)
``Cons``                  :class:`Cons` (``head``, ``tail``)
``Record`` / ``Map``      :class:`Record` / :class:`Map` (``entries``: ``(key, value)``
                          pairs in file order, duplicates kept)
``Variant``               :class:`VariantConst` (``type_name``, ``variant_name``, ``fields``)
``Closure``               :class:`Closure` (``chunk``, ``arity``, ``name``)
``NativeFn``              :class:`NativeFn` (``name``, ``arity``, ``args``)
========================  ==========================================================

Because ``True == 1`` in Python, containers compare their members by type *and* value:
``Tuple((1,)) != Tuple((True,))`` and ``Chunk(constants=(1,)) != Chunk(constants=(True,))``.
A bare comparison of two loose values (``1 == True``) still follows Python's rules.

The model does not check itself when built; :func:`fusabi_host.lang.fzb.validate.validate`
does, and :func:`~fusabi_host.lang.fzb.codec.dumps` calls it before encoding.
"""

from __future__ import annotations

import enum
import math
import struct
from collections.abc import Iterable, Iterator

import attrs

__all__ = [
    "MAX_NESTING",
    "NIL_CONST",
    "UNIT",
    "Array",
    "Chunk",
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
    "iter_chunks",
    "quote_string",
    "value_kind",
]

MAX_NESTING = 64
"""How deeply composite constants (tuples, lists, closures...) may nest inside one another.

A composite that sits directly in the top-level constant pool is at level 1; the constants of a
closure's chunk are one level deeper than the closure, and each cell of a constant list is one
level deeper than the previous one.  The decoder and the validator reject anything deeper.

Why 64: the attrs-generated ``==``, ``hash`` and ``repr`` of these classes recurse, at up to
six Python/C recursion levels per nesting level (closures), so 64 levels stay well inside
Python's default recursion limit of 1000 even when the caller is itself deep in the stack.
Upstream's compiler only nests constants through lambdas (one level per lambda inside a
lambda) and never emits list constants, so real files stay far below the limit."""


class Operand(enum.Enum):
    """The wire type of one instruction operand (spec 6.4)."""

    U8 = "u8"
    U16 = "u16"
    I16 = "i16"
    I64 = "i64"
    BOOL = "bool"
    STR = "String"

    @property
    def bounds(self) -> tuple[int, int] | None:
        """Inclusive ``(low, high)`` range of an integer operand; ``None`` for bool and str."""
        return _BOUNDS.get(self)


_BOUNDS: dict[Operand, tuple[int, int]] = {
    Operand.U8: (0, 0xFF),
    Operand.U16: (0, 0xFFFF),
    Operand.I16: (-0x8000, 0x7FFF),
    Operand.I64: (-(2**63), 2**63 - 1),
}


class Op(enum.IntEnum):
    """Instruction opcodes; the value is the bincode variant tag (declaration order upstream).

    Member names are the disassembler mnemonics; :attr:`variant` gives the upstream Rust name.
    """

    LOAD_CONST = 0
    LOAD_LOCAL = 1
    STORE_LOCAL = 2
    LOAD_UPVALUE = 3
    STORE_UPVALUE = 4
    LOAD_GLOBAL = 5
    POP = 6
    DUP = 7
    CHECK_INT = 8
    CHECK_BOOL = 9
    CHECK_STRING = 10
    CHECK_TUPLE_LEN = 11
    GET_TUPLE_ELEM = 12
    ADD = 13
    SUB = 14
    MUL = 15
    DIV = 16
    CONCAT = 17
    EQ = 18
    NEQ = 19
    LT = 20
    LTE = 21
    GT = 22
    GTE = 23
    AND = 24
    OR = 25
    NOT = 26
    JUMP = 27
    JUMP_IF_FALSE = 28
    CALL = 29
    CALL_METHOD = 30
    TAIL_CALL = 31
    RETURN = 32
    MAKE_TUPLE = 33
    GET_TUPLE_FIELD = 34
    MAKE_LIST = 35
    CONS = 36
    LIST_HEAD = 37
    LIST_TAIL = 38
    IS_NIL = 39
    MAKE_ARRAY = 40
    ARRAY_GET = 41
    ARRAY_SET = 42
    ARRAY_LENGTH = 43
    ARRAY_UPDATE = 44
    MAKE_RECORD = 45
    GET_RECORD_FIELD = 46
    UPDATE_RECORD = 47
    MAKE_VARIANT = 48
    CHECK_VARIANT_TAG = 49
    GET_VARIANT_FIELD = 50
    MAKE_CLOSURE = 51
    CLOSE_UPVALUE = 52

    @property
    def variant(self) -> str:
        """The upstream Rust variant name, e.g. ``"JumpIfFalse"``."""
        return "".join(part.capitalize() for part in self.name.split("_"))

    @property
    def operands(self) -> tuple[Operand, ...]:
        """The wire types of this opcode's operands, in encoding order."""
        return _SIGNATURES.get(self, ())

    @classmethod
    def from_variant(cls, variant: str) -> Op:
        """The opcode whose upstream variant name is ``variant`` (``KeyError`` if none)."""
        return _BY_VARIANT[variant]


_SIGNATURES: dict[Op, tuple[Operand, ...]] = {
    Op.LOAD_CONST: (Operand.U16,),
    Op.LOAD_LOCAL: (Operand.U8,),
    Op.STORE_LOCAL: (Operand.U8,),
    Op.LOAD_UPVALUE: (Operand.U8,),
    Op.STORE_UPVALUE: (Operand.U8,),
    Op.LOAD_GLOBAL: (Operand.U16,),
    Op.CHECK_INT: (Operand.I64,),
    Op.CHECK_BOOL: (Operand.BOOL,),
    Op.CHECK_STRING: (Operand.STR,),
    Op.CHECK_TUPLE_LEN: (Operand.U8,),
    Op.GET_TUPLE_ELEM: (Operand.U8,),
    Op.JUMP: (Operand.I16,),
    Op.JUMP_IF_FALSE: (Operand.I16,),
    Op.CALL: (Operand.U8,),
    Op.CALL_METHOD: (Operand.U16, Operand.U8),
    Op.TAIL_CALL: (Operand.U8,),
    Op.MAKE_TUPLE: (Operand.U16,),
    Op.GET_TUPLE_FIELD: (Operand.U8,),
    Op.MAKE_LIST: (Operand.U16,),
    Op.MAKE_ARRAY: (Operand.U16,),
    Op.MAKE_RECORD: (Operand.U16,),
    Op.UPDATE_RECORD: (Operand.U16,),
    Op.MAKE_VARIANT: (Operand.U16,),
    Op.CHECK_VARIANT_TAG: (Operand.STR,),
    Op.GET_VARIANT_FIELD: (Operand.U8,),
    Op.MAKE_CLOSURE: (Operand.U16, Operand.U8),
    Op.CLOSE_UPVALUE: (Operand.U8,),
}

_BY_VARIANT: dict[str, Op] = {op.variant: op for op in Op}

OperandValue = int | bool | str
"""An instruction operand: an int for integer operands, a bool for ``CheckBool``, a str for
``CheckString`` / ``CheckVariantTag``."""


def _typed(items: Iterable[object]) -> tuple[tuple[type, object], ...]:
    """Comparison key that keeps ``1`` and ``True`` apart inside containers."""
    return tuple((type(item), item) for item in items)


def _typed_entries(entries: Iterable[tuple[str, object]]) -> tuple[tuple[object, ...], ...]:
    """Comparison key for record/map entries, keeping ``1`` and ``True`` apart."""
    return tuple((type(key), key, type(value), value) for key, value in entries)


def quote_string(text: str) -> str:
    """``text`` as a double-quoted literal with backslash escapes, as the disassembler shows it."""
    out = ['"']
    for char in text:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif char.isprintable():
            out.append(char)
        else:
            out.append(f"\\u{{{ord(char):x}}}")
    out.append('"')
    return "".join(out)


_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\0": "\\0"}


@attrs.frozen
class Instruction:
    """One instruction: an opcode and its operands (see :attr:`Op.operands` for their types)."""

    op: Op
    operands: tuple[OperandValue, ...] = attrs.field(default=(), eq=_typed)

    def jump_target(self, index: int) -> int | None:
        """Where a ``JUMP``/``JUMP_IF_FALSE`` at position ``index`` goes, else ``None``.

        Jump offsets are relative to the next instruction: ``index + 1 + offset``.
        """
        if self.op in (Op.JUMP, Op.JUMP_IF_FALSE) and len(self.operands) == 1:
            (offset,) = self.operands
            if type(offset) is int:
                return index + 1 + offset
        return None

    def __str__(self) -> str:
        parts = [self.op.name]
        for operand in self.operands:
            if type(operand) is bool:
                parts.append("true" if operand else "false")
            elif isinstance(operand, str):
                parts.append(quote_string(operand))
            else:
                parts.append(str(operand))
        return " ".join(parts)


@attrs.frozen
class SourceSpan:
    """Where an instruction came from in the source; ``line == 0`` means unknown.

    All four fields are u32.  The upstream compiler writes one all-zero span per instruction.
    """

    line: int = 0
    column: int = 0
    offset: int = 0
    length: int = 0


_F64 = struct.Struct("<d")
_U64 = struct.Struct("<Q")


@attrs.frozen
class Float:
    """An f64 constant, stored as its exact IEEE-754 bit pattern so that NaN payloads and
    ``-0.0`` survive a decode/encode round trip.  Equality and hashing follow the bits:
    ``Float.of(0.0) != Float.of(-0.0)`` and a NaN equals a NaN with the same payload."""

    bits: int

    @classmethod
    def of(cls, value: float) -> Float:
        """The :class:`Float` holding ``value``."""
        return cls(_U64.unpack(_F64.pack(value))[0])

    @property
    def value(self) -> float:
        """The float this bit pattern stands for."""
        return float(_F64.unpack(_U64.pack(self.bits))[0])

    def __float__(self) -> float:
        return self.value

    def __repr__(self) -> str:
        value = self.value
        if math.isnan(value) and self != _CANONICAL_NAN:
            return f"Float(bits=0x{self.bits:016x})"
        return f"Float.of({value!r})"


_CANONICAL_NAN = Float(0x7FF8000000000000)


@attrs.frozen
class Unit:
    """The unit value ``()``; use :data:`UNIT`."""

    def __repr__(self) -> str:
        return "UNIT"


@attrs.frozen
class Nil:
    """The empty list ``[]``; use :data:`NIL_CONST`."""

    def __repr__(self) -> str:
        return "NIL_CONST"


UNIT = Unit()
NIL_CONST = Nil()


@attrs.frozen
class Tuple:
    """A tuple constant (never emitted by the upstream compiler, but valid on the wire)."""

    items: tuple[Value, ...] = attrs.field(eq=_typed)


@attrs.frozen
class Array:
    """An array constant; in the running VM arrays are mutable, here it is a frozen snapshot."""

    items: tuple[Value, ...] = attrs.field(eq=_typed)


@attrs.frozen
class Cons:
    """A list cell ``head :: tail``; ``tail`` is normally another :class:`Cons` or :data:`NIL_CONST`
    but the format does not require it."""

    head: Value = attrs.field(eq=lambda value: (type(value), value))
    tail: Value = attrs.field(eq=lambda value: (type(value), value))


@attrs.frozen
class Record:
    """A record constant: ``(field name, value)`` pairs in file order.

    The order is upstream's hash order and is kept only so that encoding is byte-exact;
    duplicate names are kept too (upstream's decoder lets the last one win)."""

    entries: tuple[tuple[str, Value], ...] = attrs.field(eq=_typed_entries)


@attrs.frozen
class Map:
    """A ``Map`` constant (string keys); same layout and ordering rules as :class:`Record`."""

    entries: tuple[tuple[str, Value], ...] = attrs.field(eq=_typed_entries)


@attrs.frozen
class VariantConst:
    """A discriminated-union value; upstream's compiler leaves ``type_name`` empty."""

    type_name: str
    variant_name: str
    fields: tuple[Value, ...] = attrs.field(default=(), eq=_typed)


@attrs.frozen
class Closure:
    """A function prototype: its code, how many arguments it takes, and an optional name.

    ``MAKE_CLOSURE k u`` turns constant ``k`` (a :class:`Closure`) into a runtime closure."""

    chunk: Chunk
    arity: int
    name: str | None = None


@attrs.frozen
class NativeFn:
    """A host function value with already-applied ``args``; ``arity == 0`` means variadic."""

    name: str
    arity: int
    args: tuple[Value, ...] = attrs.field(default=(), eq=_typed)


Value = (
    int
    | bool
    | str
    | Float
    | Unit
    | Nil
    | Tuple
    | Cons
    | Array
    | Record
    | Map
    | VariantConst
    | Closure
    | NativeFn
)
"""Any constant a chunk can hold (see the module docstring for the mapping)."""


@attrs.frozen(kw_only=True, cache_hash=True)
class Chunk:
    """A unit of bytecode: upstream's ``Chunk`` plus the bytes that followed it in the file.

    ``trailer`` holds whatever came after the top-level chunk in a ``.fzb`` file (upstream
    ignores it; we keep it so that files round-trip and callers can carry extra data there).
    It is always empty for nested closure chunks.
    """

    instructions: tuple[Instruction, ...] = ()
    constants: tuple[Value, ...] = attrs.field(default=(), eq=_typed)
    name: str | None = None
    spans: tuple[SourceSpan, ...] = ()
    source: str | None = None
    source_file: str | None = None
    trailer: bytes = b""


def chunk_title(chunk: Chunk) -> str:
    """How a top-level chunk is named in listings and messages: its name or ``<unnamed>``."""
    return chunk.name if chunk.name is not None else "<unnamed>"


def value_kind(value: object) -> str:
    """The upstream ``Value`` variant name of a constant (``"Int"``, ``"Str"``, ``"Closure"``...),
    or the Python type name for something that is not a constant at all."""
    if type(value) is bool:
        return "Bool"
    if type(value) is int:
        return "Int"
    if type(value) is str:
        return "Str"
    return _KIND_NAMES.get(type(value), f"<not a constant: {type(value).__name__}>")


_KIND_NAMES: dict[type, str] = {
    Float: "Float",
    Unit: "Unit",
    Nil: "Nil",
    Tuple: "Tuple",
    Cons: "Cons",
    Array: "Array",
    Record: "Record",
    Map: "Map",
    VariantConst: "Variant",
    Closure: "Closure",
    NativeFn: "NativeFn",
}


def children(value: Value) -> tuple[Value, ...]:
    """The constants directly inside a composite constant, in encoding order.

    Scalars and closures have none (a closure's chunk is a separate unit, see
    :func:`iter_chunks`)."""
    if isinstance(value, Tuple | Array):
        return value.items
    if isinstance(value, VariantConst):
        return value.fields
    if isinstance(value, NativeFn):
        return value.args
    if isinstance(value, Cons):
        return (value.head, value.tail)
    if isinstance(value, Record | Map):
        return tuple(entry_value for _, entry_value in value.entries)
    return ()


@attrs.frozen
class NestedChunk:
    """One chunk found by :func:`iter_chunks`.

    ``label`` names it for listings and messages, ``closure`` is the constant that holds it
    (``None`` for the root) and ``level`` is how many composite constants enclose its own
    constants (0 for the root; see :data:`MAX_NESTING`)."""

    label: str
    chunk: Chunk
    closure: Closure | None
    level: int


def iter_chunks(
    root: Chunk, title: str | None = None, *, max_level: int | None = None
) -> Iterator[NestedChunk]:
    """Yield ``root`` and every chunk nested anywhere in its constants, as :class:`NestedChunk`.

    Parents come before their children, siblings in constant order (depth first).  A closure
    in constant ``k`` of a chunk labelled ``P`` is labelled ``<closure #k of P>``; one buried
    inside another constant gets the index path, e.g. ``<closure #3.1 of P>`` for item 1 of
    constant 3.  The walk is iterative, so it is safe on chunks of any depth; with
    ``max_level``, closures nested deeper than that are neither yielded nor entered.
    """
    pending = [NestedChunk(title if title is not None else chunk_title(root), root, None, 0)]
    while pending:
        nested = pending.pop()
        yield nested
        found: list[NestedChunk] = []
        values: list[tuple[str, Value, int]] = [
            (str(index), value, nested.level + 1)
            for index, value in reversed(list(enumerate(nested.chunk.constants)))
            if type(value) not in _LEAF_TYPES
        ]
        while values:
            path, value, level = values.pop()
            if max_level is not None and level > max_level:
                continue
            if isinstance(value, Closure):
                if isinstance(value.chunk, Chunk):
                    label = f"<closure #{path} of {nested.label}>"
                    found.append(NestedChunk(label, value.chunk, value, level))
                continue
            values.extend(
                (f"{path}.{index}", child, level + 1)
                for index, child in reversed(list(enumerate(children(value))))
                if type(child) not in _LEAF_TYPES
            )
        pending.extend(reversed(found))


_LEAF_TYPES = frozenset({int, bool, str, Float, Unit, Nil})
"""Constants that can hold no chunk: :func:`iter_chunks` does not even queue them (most
constants are such scalars)."""
