"""Structural validation of a :class:`~fusabi_host.lang.fzb.chunk.Chunk`, and stack effects.

:func:`validate` is what stands between a ``.fzb`` file and the code that executes or lifts
it: after it passes, every consumer may rely on these facts, for the chunk and for every
chunk nested in its constants:

* the model is well typed and encodable: operands have the types and ranges of spec 6.4,
  ints fit in i64, strings are valid Unicode without surrogates, span fields fit in u32,
  arities fit in u8, composite constants nest at most :data:`~.chunk.MAX_NESTING` deep,
  and only the top-level chunk has a ``trailer``;
* there is at least one instruction and the last one is ``RETURN``, ``JUMP`` or ``TAIL_CALL``,
  so execution cannot run off the end of the chunk by falling through;
* every jump target (``index + 1 + offset``) is an instruction index ``0 <= t < len``.
  Upstream tolerates landing exactly on ``len`` (and then fails to fetch); we reject it, so
  together with the previous rule the instruction pointer always stays in range;
* ``LOAD_CONST``, ``LOAD_GLOBAL``, ``CALL_METHOD`` and ``MAKE_CLOSURE`` name an existing
  constant; the name of ``LOAD_GLOBAL``/``CALL_METHOD`` is a ``Str`` constant and the
  prototype of ``MAKE_CLOSURE`` is a ``Closure`` constant;
* ``spans`` is empty or has exactly one span per instruction (upstream writes one per
  instruction).

What it does not check: anything that needs stack analysis (local slots, stack depth, upvalue
indices).  :func:`stack_effect` gives the per-instruction facts such an analysis needs.
"""

from __future__ import annotations

from collections.abc import Mapping
from itertools import compress
from typing import NamedTuple, NoReturn

import attrs

from fusabi_host.errors import BytecodeError
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
    Operand,
    Record,
    SourceSpan,
    Tuple,
    Unit,
    Value,
    VariantConst,
    iter_chunks,
    value_kind,
)
from fusabi_host.lang.guard import spend

__all__ = ["TERMINATORS", "ChunkOffsets", "stack_effect", "validate"]

TERMINATORS = frozenset({Op.RETURN, Op.JUMP, Op.TAIL_CALL})
"""Opcodes after which control never falls through to the next instruction."""

_CONSTANT_OPERAND = {Op.LOAD_CONST, Op.LOAD_GLOBAL, Op.CALL_METHOD, Op.MAKE_CLOSURE}
_U32_MAX = 0xFFFF_FFFF
_I64_MIN, _I64_MAX = -(2**63), 2**63 - 1


class ChunkOffsets(NamedTuple):
    """Where one decoded chunk's parts were in the file, so errors can name a byte offset.

    ``start`` is the offset of the instruction count, ``constants[i]`` the offset of each
    constant, ``spans`` the offset of the span count.  The offset of an instruction is worked
    out when an error needs it (:meth:`instruction`), so that decoding does not record one
    per instruction.  (A tuple, because the decoder makes one per chunk.)"""

    start: int
    constants: tuple[int, ...]
    spans: int

    def instruction(self, instructions: tuple[Instruction, ...], index: int) -> int:
        """The offset of ``instructions[index]``, the decoded instructions of this chunk: they
        follow the u64 count one after another."""
        return self.start + 8 + sum(map(_encoded_size, instructions[:index]))


def _encoded_size(instruction: Instruction) -> int:
    """How many bytes a well-formed instruction takes in a file (spec 6.4)."""
    size = 4
    for kind, operand in zip(instruction.op.operands, instruction.operands, strict=True):
        if kind is Operand.STR:
            assert isinstance(operand, str)
            size += 8 + len(operand.encode("utf-8"))
        else:
            size += _OPERAND_WIDTHS[kind]
    return size


_OPERAND_WIDTHS = {Operand.U8: 1, Operand.BOOL: 1, Operand.U16: 2, Operand.I16: 2, Operand.I64: 8}


def validate(
    chunk: Chunk,
    *,
    source: str | None = None,
    offsets: Mapping[int, ChunkOffsets] | None = None,
) -> None:
    """Raise :class:`~fusabi_host.errors.BytecodeError` unless ``chunk`` and every chunk nested
    in it satisfy the rules in this module's docstring.

    ``source`` (a file name) is put into the error.  ``offsets`` maps ``id(chunk)`` of each
    decoded chunk to where it was in the file; :func:`~.codec.loads` passes it so that errors
    name byte offsets.  Without it, errors name the chunk and instruction/constant index only.

    A quick walk accepts the usual chunk; anything it does not plainly accept gets the general
    checks, which report the first fault.
    """
    if not isinstance(chunk, Chunk):
        raise BytecodeError(f"expected a Chunk, got {type(chunk).__name__}", source=source)
    if not _certainly_valid(chunk):
        _check_in_full(chunk, source, offsets)


def _check_in_full(
    chunk: Chunk, source: str | None, offsets: Mapping[int, ChunkOffsets] | None
) -> None:
    """The general checks of :func:`validate`: every rule, chunk by chunk, raising the error
    about the first fault (with its chunk label and, given ``offsets``, its byte offset)."""
    checked = _Checked()
    for nested in iter_chunks(chunk):
        where = (offsets or {}).get(id(nested.chunk))
        _ChunkChecker(nested, where, source, checked).check()


def _certainly_valid(root: Chunk) -> bool:
    """Whether ``root`` and every chunk nested in it pass every rule, by a quicker walk.

    This is the fast path of :func:`validate`, for the chunks that programs and decoded files
    are made of: it applies the same rules as :class:`_ChunkChecker`, but with no labels, no
    per-chunk checker object and no error messages, and it gives up (returns ``False``) at
    the first thing it does not plainly accept (a field of the wrong type, a faulty
    instruction or constant, a jump out of the chunk).  :func:`validate` then runs the
    general checks from the start, which find and report the first fault exactly as before.
    It never accepts what those checks refuse.  The work is charged as theirs is (per 1,024
    instructions and per 1,024 values of a composite constant).
    """
    facts = _InstructionFacts()
    spans_fit: set[int] = set()
    pending: list[tuple[Chunk, int]] = [(root, 0)]
    while pending:
        chunk, level = pending.pop()
        instructions = chunk.instructions
        constants = chunk.constants
        spans = chunk.spans
        if (
            type(instructions) is not tuple
            or type(constants) is not tuple
            or type(spans) is not tuple
            or not instructions
            or type(chunk.trailer) is not bytes
            or (chunk.trailer and chunk is not root)
            or (spans and len(spans) != len(instructions))
        ):
            return False
        for text in (chunk.name, chunk.source, chunk.source_file):
            if text is not None and not _plain_text(text):
                return False
        count = len(instructions)
        if count >= 1024:
            for _ in range(count // 1024):
                spend(1024)
        try:
            named = max(map(facts.constant_index.__getitem__, map(id, instructions)))
        except KeyError:  # (an instruction not seen before)
            if not facts.learn(instructions):
                return False
            named = max(map(facts.constant_index.__getitem__, map(id, instructions)))
        if named >= len(constants) or instructions[-1].op not in TERMINATORS:
            return False
        special = facts.special
        for index in compress(range(count), map(special.__contains__, map(id, instructions))):
            rule = special[id(instructions[index])]
            if type(rule) is int:  # (a jump, by this offset)
                if not 0 <= index + 1 + rule < count:
                    return False
            elif type(constants[facts.constant_index[id(instructions[index])]]) is not rule:
                return False
        if not spans_fit.issuperset(map(id, spans)):
            for span in spans:
                if id(span) not in spans_fit:
                    if not _span_fits(span):
                        return False
                    spans_fit.add(id(span))
        for value in constants:
            if not _plain_scalar(value) and not _plain_composite(value, level + 1, pending):
                return False
    return True


class _InstructionFacts:
    """What :func:`_certainly_valid` needs to know of each distinct instruction object, found
    once per object and kept by ``id`` (see :class:`_Checked` for why ids are safe keys).

    With these maps, a chunk's instructions are checked by C-level passes over their ids;
    only the few that name a constant of a given type, and the jumps, are looked at one by
    one."""

    def __init__(self) -> None:
        self.constant_index: dict[int, int] = {}
        """Every instruction found well formed: the constant it names, or -1 for none."""
        self.special: dict[int, int | type] = {}
        """The instructions checked one by one: a jump, with its offset (its target must be
        an instruction index), or one whose constant must be of exactly this type."""

    def learn(self, instructions: tuple[Instruction, ...]) -> bool:
        """Check and record every instruction of ``instructions`` not seen before; ``False``
        if one is not well formed."""
        for instruction in instructions:
            key = id(instruction)
            if key in self.constant_index:
                continue
            if not _well_formed(instruction):
                return False
            rule = _POSITION_RULES[instruction.op]
            first = instruction.operands[0] if rule is not None else -1
            assert type(first) is int  # (every rule's opcode has an integer first operand)
            if rule is _JUMP:
                self.special[key] = first
                first = -1
            elif rule is not None and rule is not _ANY:
                assert isinstance(rule, type)
                self.special[key] = rule
            self.constant_index[key] = first
        return True


def _plain_composite(value: Value, level: int, chunks: list[tuple[Chunk, int]]) -> bool:
    """Whether the composite constant ``value``, at nesting ``level``, passes
    :meth:`_ChunkChecker.check_constant` (the quick walk of :func:`_certainly_valid`); the
    chunk of each closure found in it is added to ``chunks``, at the closure's level."""
    pending: list[tuple[Value, int]] = [(value, level)]
    visited = 0
    while pending:
        visited += 1
        if visited & 1023 == 0:
            spend(1024)
        value, level = pending.pop()
        if _plain_scalar(value):
            continue
        kind = type(value)
        if kind is str:  # (not ASCII)
            if not _encodable(value):  # type: ignore[arg-type]
                return False
            continue
        if level > MAX_NESTING:
            return False
        items: object
        if kind is Closure:
            assert isinstance(value, Closure)
            arity = value.arity
            if (
                type(value.chunk) is not Chunk
                or type(arity) is not int
                or not 0 <= arity <= 255
                or (value.name is not None and not _plain_text(value.name))
            ):
                return False
            chunks.append((value.chunk, level))
            continue
        if kind is Tuple or kind is Array:
            assert isinstance(value, Tuple | Array)
            items = value.items
        elif kind is Cons:
            assert isinstance(value, Cons)
            items = (value.head, value.tail)
        elif kind is VariantConst:
            assert isinstance(value, VariantConst)
            if not (_plain_text(value.type_name) and _plain_text(value.variant_name)):
                return False
            items = value.fields
        elif kind is NativeFn:
            assert isinstance(value, NativeFn)
            arity = value.arity
            if not _plain_text(value.name) or type(arity) is not int or not 0 <= arity <= 255:
                return False
            items = value.args
        elif kind is Record or kind is Map:
            assert isinstance(value, Record | Map)
            entries = value.entries
            if type(entries) is not tuple:
                return False
            for entry in entries:
                if type(entry) is not tuple or len(entry) != 2 or not _plain_text(entry[0]):
                    return False
            items = tuple(entry[1] for entry in entries)
        else:
            return False
        if type(items) is not tuple:
            return False
        pending.extend((item, level + 1) for item in items)
    return True


def _plain_text(text: object) -> bool:
    """Whether ``text`` is a str that encodes as UTF-8 (ASCII is told at C speed)."""
    return type(text) is str and (text.isascii() or _encodable(text))


@attrs.define
class _Checked:
    """The ``id`` of every instruction and span already found well formed during one
    :func:`validate` call.

    The decoder shares one object between equal instructions (and equal spans), so a file
    holds few distinct ones; checking each once instead of once per use is most of what makes
    validation fast.  Ids are safe keys here: every object is reachable from the chunk under
    validation, so none is freed (and its id reused) during the call.  The two sets are
    separate so that an object passed in the wrong place is still checked.
    """

    instructions: set[int] = attrs.Factory(set)
    spans: set[int] = attrs.Factory(set)


class _ChunkChecker:
    """Checks one chunk (not the chunks nested in it: :func:`validate` visits those)."""

    def __init__(
        self,
        nested: NestedChunk,
        offsets: ChunkOffsets | None,
        source: str | None,
        checked: _Checked | None = None,
    ) -> None:
        self.nested = nested
        self.chunk = nested.chunk
        self.offsets = offsets
        self.source = source
        self.checked = checked if checked is not None else _Checked()

    def fail(self, message: str, offset: int | None = None) -> NoReturn:
        raise BytecodeError(f"in {self.nested.label}: {message}", offset=offset, source=self.source)

    def check(self) -> None:
        self.check_fields()
        self.check_instructions()
        self.check_terminator()
        self.check_spans()
        for index, value in enumerate(self.chunk.constants):
            if not _plain_scalar(value):
                self.check_constant(index, value)

    def instruction_offset(self, index: int) -> int | None:
        if self.offsets is None or index >= len(self.chunk.instructions):
            return None
        return self.offsets.instruction(self.chunk.instructions, index)

    def constant_offset(self, index: int) -> int | None:
        if self.offsets is None or index >= len(self.offsets.constants):
            return None
        return self.offsets.constants[index]

    # -- fields ----------------------------------------------------------------------------

    def check_fields(self) -> None:
        chunk = self.chunk
        for field in ("instructions", "constants", "spans"):
            if type(getattr(chunk, field)) is not tuple:
                self.fail(f"{field} must be a tuple, not {type(getattr(chunk, field)).__name__}")
        for field in ("name", "source", "source_file"):
            text = getattr(chunk, field)
            if text is not None:
                self.require(Operand.STR, text, f"chunk {field}")
        if type(chunk.trailer) is not bytes:
            self.fail(f"trailer must be bytes, not {type(chunk.trailer).__name__}")
        if chunk.trailer and self.nested.closure is not None:
            self.fail("only the top-level chunk may have a trailer")

    def require(self, kind: Operand, item: object, what: str, offset: int | None = None) -> None:
        """Fail unless ``item`` is a valid, encodable value of wire type ``kind``."""
        if not _fits(kind, item):
            self.fail(f"{what} must be {_describe(kind)}, not {item!r}", offset)

    # -- instructions ----------------------------------------------------------------------

    def check_instructions(self) -> None:
        """Check every instruction with the rules of :meth:`check_instruction`.

        Only a jump's target depends on where the instruction is; its operands and the
        constant it names do not.  So each distinct instruction object of the chunk is checked
        once (see :class:`_Checked`), then only the jumps are checked position by position.
        If anything fails, :meth:`check_instructions_in_order` runs: it applies every rule
        instruction by instruction, as the general path always did, and raises the error
        about the first faulty instruction.  Either way the run is charged as that loop
        charges it.
        """
        jumps = self.distinct_instruction_jumps()
        if jumps is None or not self.jumps_land(jumps):
            self.check_instructions_in_order()
            return
        for _ in range(len(self.chunk.instructions) // 1024):  # (the run has a deadline)
            spend(1024)

    def distinct_instruction_jumps(self) -> dict[int, int] | None:
        """Check each distinct instruction object of the chunk for everything but its jump
        target; return ``{id: jump offset}`` of the jumps, or ``None`` if one is faulty."""
        instructions = self.chunk.instructions
        constants = self.chunk.constants
        well_formed = self.checked.instructions
        jumps: dict[int, int] = {}
        for key, instruction in dict(zip(map(id, instructions), instructions, strict=True)).items():
            if key not in well_formed:
                if not _well_formed(instruction):
                    return None
                well_formed.add(key)
            rule = _POSITION_RULES[instruction.op]
            if rule is None:
                continue
            first = instruction.operands[0]
            assert type(first) is int  # (every rule's opcode has an integer first operand)
            if rule is _JUMP:
                jumps[key] = first
            elif first >= len(constants) or not (rule is _ANY or type(constants[first]) is rule):
                return None
        return jumps

    def jumps_land(self, jumps: dict[int, int]) -> bool:
        """Whether every jump (``jumps`` maps ``id`` to offset) targets an instruction index.

        The positions of the jumps are found by C-level iteration over the ids (most
        instructions are not jumps); only the jumps themselves are then looked at one by one.
        """
        if not jumps:
            return True
        instructions = self.chunk.instructions
        count = len(instructions)
        is_jump = dict.fromkeys(jumps, True).get
        positions = compress(range(count), map(is_jump, map(id, instructions)))
        targets = [index + 1 + jumps[id(instructions[index])] for index in positions]
        return min(targets) >= 0 and max(targets) < count

    def check_instructions_in_order(self) -> None:
        """Apply :meth:`check_instruction` to each instruction in turn (raises at the first
        fault)."""
        for index, instruction in enumerate(self.chunk.instructions):
            if index & 1023 == 1023:  # (charged to the current run, which has a deadline)
                spend(1024)
            self.check_instruction(index, instruction)

    def check_instruction(self, index: int, instruction: Instruction) -> None:
        offset = self.instruction_offset(index)
        if not isinstance(instruction, Instruction) or not isinstance(instruction.op, Op):
            self.fail(f"instruction {index} is not an Instruction: {instruction!r}", offset)
        self.check_operands(index, instruction, offset)
        op = instruction.op
        target = instruction.jump_target(index)
        count = len(self.chunk.instructions)
        if target is not None and not 0 <= target < count:
            self.fail(
                f"instruction {index} ({instruction}) jumps to {target}, which is not an "
                f"instruction index (valid: 0..{count - 1})",
                offset,
            )
        if op in _CONSTANT_OPERAND:
            self.check_constant_operand(index, instruction, offset)

    def check_operands(self, index: int, instruction: Instruction, offset: int | None) -> None:
        kinds = instruction.op.operands
        operands = instruction.operands
        if type(operands) is not tuple or len(operands) != len(kinds):
            self.fail(
                f"instruction {index} ({instruction.op.name}) needs {len(kinds)} operand(s) "
                f"({', '.join(kind.value for kind in kinds) or 'none'}), got {operands!r}",
                offset,
            )
        for position, (kind, operand) in enumerate(zip(kinds, operands, strict=True)):
            if not _fits(kind, operand):
                self.fail(
                    f"operand {position} of instruction {index} ({instruction.op.name}) must be "
                    f"{_describe(kind)}, not {operand!r}",
                    offset,
                )

    def check_constant_operand(
        self, index: int, instruction: Instruction, offset: int | None
    ) -> None:
        constant_index = instruction.operands[0]
        assert type(constant_index) is int  # checked by check_operands
        count = len(self.chunk.constants)
        if constant_index >= count:
            self.fail(
                f"instruction {index} ({instruction}) refers to constant #{constant_index}, but "
                f"this chunk has {count} constant(s)",
                offset,
            )
        constant = self.chunk.constants[constant_index]
        needed = {Op.LOAD_GLOBAL: "Str", Op.CALL_METHOD: "Str", Op.MAKE_CLOSURE: "Closure"}
        wanted = needed.get(instruction.op)
        if wanted is not None and value_kind(constant) != wanted:
            self.fail(
                f"instruction {index} ({instruction}) needs constant #{constant_index} to be a "
                f"{wanted}, but it is a {value_kind(constant)}",
                offset,
            )

    def check_terminator(self) -> None:
        instructions = self.chunk.instructions
        if not instructions:
            self.fail(
                "the chunk has no instructions (it must end with RETURN, JUMP or TAIL_CALL)",
                self.offsets.start if self.offsets else None,
            )
        last = instructions[-1]
        if last.op not in TERMINATORS:
            self.fail(
                f"the last instruction ({len(instructions) - 1}: {last}) is not RETURN, JUMP or "
                "TAIL_CALL, so execution would run off the end of the chunk",
                self.instruction_offset(len(instructions) - 1),
            )

    def check_spans(self) -> None:
        spans = self.chunk.spans
        offset = self.offsets.spans if self.offsets else None
        if spans and len(spans) != len(self.chunk.instructions):
            self.fail(
                f"{len(spans)} source span(s) for {len(self.chunk.instructions)} instruction(s); "
                "there must be none or exactly one per instruction",
                offset,
            )
        well_formed = self.checked.spans
        for key, span in dict(zip(map(id, spans), spans, strict=True)).items():
            if key not in well_formed:
                if not _span_fits(span):
                    break
                well_formed.add(key)
        else:
            return
        for index, span in enumerate(spans):
            if not _span_fits(span):
                self.fail(f"span {index} must be a SourceSpan of four u32, not {span!r}", offset)

    # -- constants -------------------------------------------------------------------------

    def check_constant(self, index: int, constant: Value) -> None:
        """Check constant ``index`` and everything inside it (except nested closure chunks)."""
        offset = self.constant_offset(index)
        pending: list[tuple[Value, int, str]] = [(constant, self.nested.level + 1, f"#{index}")]
        checked = 0
        while pending:
            checked += 1
            if checked & 1023 == 0:
                spend(1024)
            value, level, path = pending.pop()
            for child, name in self.check_value(value, level, path, offset):
                pending.append((child, level + 1, name))

    def check_value(
        self, value: Value, level: int, path: str, offset: int | None
    ) -> list[tuple[Value, str]]:
        """Check one value's own fields; return its children with their paths."""
        what = f"constant {path}"
        kind = type(value)
        if kind is int:
            self.require(Operand.I64, value, what, offset)
            return []
        if kind is str:
            self.require(Operand.STR, value, what, offset)
            return []
        if kind is bool or kind is Unit or kind is Nil:
            return []
        if kind is Float:
            assert isinstance(value, Float)
            if type(value.bits) is not int or not 0 <= value.bits < 2**64:
                self.fail(f"{what}: Float bits must be a u64, not {value.bits!r}", offset)
            return []
        if kind not in _COMPOSITES:
            self.fail(f"{what} is not a constant value: {value!r}", offset)
        if level > MAX_NESTING:
            self.fail(f"{what}: constants are nested deeper than {MAX_NESTING} levels", offset)
        return self.check_composite(value, path, offset)

    def check_composite(
        self, value: Value, path: str, offset: int | None
    ) -> list[tuple[Value, str]]:
        what = f"constant {path}"
        if isinstance(value, Record | Map):
            return self.check_entries(value, path, offset)
        if isinstance(value, Closure):
            if not isinstance(value.chunk, Chunk):
                self.fail(f"{what}: closure chunk must be a Chunk, not {value.chunk!r}", offset)
            self.require(Operand.U8, value.arity, f"{what}: closure arity", offset)
            if value.name is not None:
                self.require(Operand.STR, value.name, f"{what}: closure name", offset)
            return []
        if isinstance(value, Cons):
            return [(value.head, f"{path}.0"), (value.tail, f"{path}.1")]
        if isinstance(value, VariantConst):
            self.require(Operand.STR, value.type_name, f"{what}: variant type name", offset)
            self.require(Operand.STR, value.variant_name, f"{what}: variant name", offset)
            items = value.fields
        elif isinstance(value, NativeFn):
            self.require(Operand.STR, value.name, f"{what}: native function name", offset)
            self.require(Operand.U8, value.arity, f"{what}: native function arity", offset)
            items = value.args
        else:
            assert isinstance(value, Tuple | Array)
            items = value.items
        if type(items) is not tuple:
            self.fail(f"{what}: items must be a tuple, not {type(items).__name__}", offset)
        return [(item, f"{path}.{position}") for position, item in enumerate(items)]

    def check_entries(
        self, value: Record | Map, path: str, offset: int | None
    ) -> list[tuple[Value, str]]:
        what = f"constant {path}"
        if type(value.entries) is not tuple:
            self.fail(
                f"{what}: entries must be a tuple, not {type(value.entries).__name__}", offset
            )
        found: list[tuple[Value, str]] = []
        for position, entry in enumerate(value.entries):
            if type(entry) is not tuple or len(entry) != 2:
                self.fail(f"{what}: entry {position} must be a (key, value) pair", offset)
            key, item = entry
            self.require(Operand.STR, key, f"{what}: key of entry {position}", offset)
            found.append((item, f"{path}.{position}"))
        return found


def _well_formed(instruction: object) -> bool:
    """Whether :meth:`_ChunkChecker.check_operands` accepts ``instruction`` (never raises).

    Integer operands are compared with the bounds in :data:`_OPERAND_RULES` directly, the
    rest go through :func:`_fits`."""
    if type(instruction) is not Instruction or type(instruction.op) is not Op:
        return False
    rules = _OPERAND_RULES[instruction.op]
    operands = instruction.operands
    if type(operands) is not tuple or len(operands) != len(rules):
        return False
    for rule, operand in zip(rules, operands, strict=True):
        if isinstance(rule, tuple):
            if type(operand) is not int or not rule[0] <= operand <= rule[1]:
                return False
        elif not _fits(rule, operand):
            return False
    return True


def _plain_scalar(value: object) -> bool:
    """Whether ``value`` is a scalar constant that :meth:`_ChunkChecker.check_value` plainly
    accepts: most constants are, and this test costs far less than the general walk (which
    still checks everything else, non-ASCII strings included)."""
    if type(value) is str:
        return value.isascii()
    if type(value) is int:
        return _I64_MIN <= value <= _I64_MAX
    if type(value) is Float:
        return type(value.bits) is int and 0 <= value.bits < 2**64
    kind = type(value)
    return kind is bool or kind is Unit or kind is Nil


def _span_fits(span: object) -> bool:
    """Whether ``span`` is a :class:`SourceSpan` of four u32."""
    return type(span) is SourceSpan and all(
        type(number) is int and 0 <= number <= _U32_MAX
        for number in (span.line, span.column, span.offset, span.length)
    )


def _fits(kind: Operand, operand: object) -> bool:
    """Whether ``operand`` is a valid, encodable operand of wire type ``kind``."""
    if kind is Operand.STR:
        return type(operand) is str and _encodable(operand)
    if kind is Operand.BOOL:
        return type(operand) is bool
    low, high = _INT_BOUNDS[kind]
    return type(operand) is int and low <= operand <= high


def _describe(kind: Operand) -> str:
    if kind is Operand.STR:
        return "a str encodable as UTF-8"
    if kind is Operand.BOOL:
        return "a bool"
    low, high = _INT_BOUNDS[kind]
    article = "an" if kind.value.startswith("i") else "a"
    return f"{article} {kind.value} ({low}..{high})"


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


_INT_BOUNDS = {kind: bounds for kind in Operand if (bounds := kind.bounds) is not None}

_OPERAND_RULES: tuple[tuple[tuple[int, int] | Operand, ...], ...] = tuple(
    tuple(kind.bounds or kind for kind in op.operands) for op in Op
)
"""By wire tag, for each operand: its inclusive ``(low, high)`` bounds if it is an integer,
else its :class:`Operand` kind (a tuple index is cheaper than ``Op.operands``)."""

_JUMP = "jump"
_ANY = "any constant"
_PositionRule = type | str | None
_RULE_OF: dict[Op, _PositionRule] = {
    Op.JUMP: _JUMP,
    Op.JUMP_IF_FALSE: _JUMP,
    Op.LOAD_CONST: _ANY,
    Op.LOAD_GLOBAL: str,
    Op.CALL_METHOD: str,
    Op.MAKE_CLOSURE: Closure,
}
_POSITION_RULES: tuple[_PositionRule, ...] = tuple(_RULE_OF.get(op) for op in Op)
"""By wire tag, what :meth:`_ChunkChecker.check_instructions` checks about the first operand:
``_JUMP`` (a jump offset whose target must be an instruction), ``_ANY`` (an index into the
constants), a type (an index of a constant of exactly that type) or ``None`` (nothing)."""

_COMPOSITES = frozenset({Tuple, Cons, Array, Record, Map, VariantConst, Closure, NativeFn})


# -- stack effects -------------------------------------------------------------------------

_FIXED_EFFECTS: dict[Op, tuple[int, int]] = {
    Op.LOAD_CONST: (0, 1),
    Op.LOAD_LOCAL: (0, 1),
    Op.STORE_LOCAL: (1, 0),
    Op.LOAD_UPVALUE: (0, 1),
    Op.STORE_UPVALUE: (1, 0),
    Op.LOAD_GLOBAL: (0, 1),
    Op.POP: (1, 0),
    Op.DUP: (1, 2),
    Op.CHECK_INT: (1, 2),
    Op.CHECK_BOOL: (1, 2),
    Op.CHECK_STRING: (1, 2),
    Op.CHECK_TUPLE_LEN: (1, 2),
    Op.GET_TUPLE_ELEM: (1, 2),
    Op.ADD: (2, 1),
    Op.SUB: (2, 1),
    Op.MUL: (2, 1),
    Op.DIV: (2, 1),
    Op.CONCAT: (2, 1),
    Op.EQ: (2, 1),
    Op.NEQ: (2, 1),
    Op.LT: (2, 1),
    Op.LTE: (2, 1),
    Op.GT: (2, 1),
    Op.GTE: (2, 1),
    Op.AND: (2, 1),
    Op.OR: (2, 1),
    Op.NOT: (1, 1),
    Op.JUMP: (0, 0),
    Op.JUMP_IF_FALSE: (1, 0),
    Op.RETURN: (1, 0),
    Op.GET_TUPLE_FIELD: (1, 1),
    Op.CONS: (2, 1),
    Op.LIST_HEAD: (1, 1),
    Op.LIST_TAIL: (1, 1),
    Op.IS_NIL: (1, 1),
    Op.ARRAY_GET: (2, 1),
    Op.ARRAY_SET: (3, 1),
    Op.ARRAY_LENGTH: (1, 1),
    Op.ARRAY_UPDATE: (3, 1),
    Op.GET_RECORD_FIELD: (2, 1),
    Op.CHECK_VARIANT_TAG: (1, 1),
    Op.GET_VARIANT_FIELD: (1, 1),
    Op.CLOSE_UPVALUE: (0, 0),
}


def stack_effect(instruction: Instruction) -> tuple[int, int]:
    """``(popped, pushed)``: how many operand-stack values ``instruction`` consumes and produces.

    Follows spec 6.7 with the project's calling convention (project decision 6): a call removes
    the callee and its arguments and leaves only the result.  Instructions that *peek* (``DUP``,
    ``CHECK_INT``/``CHECK_BOOL``/``CHECK_STRING``/``CHECK_TUPLE_LEN``, ``GET_TUPLE_ELEM``) are
    counted as popping the value they look at and pushing it back, so ``popped`` is always the
    stack depth the instruction needs.  Notable entries:

    * ``CALL n`` / ``CALL_METHOD k n``: ``(n + 1, 1)`` (callee or receiver, then n arguments);
    * ``TAIL_CALL n``: ``(n + 1, 0)`` and ``RETURN``: ``(1, 0)``; both end the frame;
    * ``JUMP_IF_FALSE``: ``(1, 0)`` on both edges; ``JUMP``: ``(0, 0)``;
    * ``MAKE_TUPLE/MAKE_LIST/MAKE_ARRAY n``: ``(n, 1)``; ``MAKE_RECORD n``: ``(2n, 1)`` (name,
      value pairs); ``UPDATE_RECORD n``: ``(2n + 1, 1)``; ``MAKE_VARIANT n``: ``(n + 2, 1)``
      (type name, variant name, fields); ``MAKE_CLOSURE k u``: ``(u, 1)``;
    * ``CHECK_VARIANT_TAG`` pops its value (unlike the other checks): ``(1, 1)``;
    * ``ARRAY_SET``: ``(3, 1)`` (pushes unit); ``STORE_LOCAL``: ``(1, 0)`` (local slots are
      addressed separately and not counted here).

    ``instruction`` must have well-formed operands (as :func:`validate` guarantees); otherwise
    :class:`ValueError` is raised.
    """
    op = instruction.op
    fixed = _FIXED_EFFECTS.get(op)
    if fixed is not None:
        return fixed
    count = _count_operand(instruction)
    if op in (Op.CALL, Op.CALL_METHOD):
        return count + 1, 1
    if op is Op.TAIL_CALL:
        return count + 1, 0
    if op is Op.MAKE_RECORD:
        return 2 * count, 1
    if op is Op.UPDATE_RECORD:
        return 2 * count + 1, 1
    if op is Op.MAKE_VARIANT:
        return count + 2, 1
    # MAKE_TUPLE, MAKE_LIST, MAKE_ARRAY, MAKE_CLOSURE
    return count, 1


def _count_operand(instruction: Instruction) -> int:
    """The operand that says how many stack values a variable-size instruction uses: the last
    one (``CALL_METHOD k n`` and ``MAKE_CLOSURE k u`` carry a constant index first)."""
    if not instruction.operands or type(instruction.operands[-1]) is not int:
        raise ValueError(f"malformed instruction {instruction!r}")
    count = instruction.operands[-1]
    assert isinstance(count, int)
    return count
