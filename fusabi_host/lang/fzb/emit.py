"""The bytecode back end: core IR to upstream-format chunks (``fusabi-host compile``).

The output uses upstream's instruction set with the semantics of spec 6.7 as amended by
decision 6 (``Return`` removes the callee, its arguments and its locals; ``MakeClosure k u``
captures the ``u`` values below it as upvalues).  The frame model:

* a function's parameters are slots ``0..n-1``; every ``let`` leaves its value where it was
  pushed, so a local is simply a stack position (as upstream does), and a scope's end *slides*
  its result down (``StoreLocal first; Pop ...``);
* a variable a closure must share -- a mutable variable that a nested function reads or
  assigns, or a member of a ``let rec`` group -- lives in a one-element array (a *cell*):
  ``MakeArray 1`` to create, ``LoadConst 0; ArrayGet`` to read, ``ArraySet`` to write;
* library functions are reached as upstream does (``LoadGlobal "List"; LoadConst "map";
  GetRecordField``), chars are ``Variant("char", c)`` constants, decimals
  ``Variant("decimal", digits)`` (upstream bytecode has neither);
* what has no upstream instruction (``try``, ``%``, printf formats, ranges, list
  comprehensions, match failure...) calls an *intrinsic*: a ``LoadGlobal`` of a name starting
  with ``__`` that fusabi-host's loader understands (see ``docs/bytecode.rst``).
* ``seq { }`` is built **eagerly** (an accumulator, like a list comprehension, which the
  loader wraps as a sequence of the computed elements): upstream bytecode has no lazy
  sequences, so a program whose ``seq { }`` is infinite (a recursive ``yield!``) or whose
  output depends on when the body runs behaves differently from bytecode than from source.
  The ``Seq`` library functions stay lazy (they are library calls in both paths).

The export table and the program's union declarations travel in the file's trailer (bytes
after the chunk, which upstream ignores); see :mod:`fusabi_host.lang.fzb.trailer`.
Output is deterministic: the same source always gives the same bytes.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from fusabi_host.errors import CompileError, Diagnostic
from fusabi_host.lang import decimals, ir, patterns
from fusabi_host.lang.fzb.chunk import (
    NIL_CONST,
    UNIT,
    Chunk,
    Closure,
    Float,
    Instruction,
    Op,
    SourceSpan,
    Value,
    VariantConst,
)
from fusabi_host.lang.resolve import resolve
from fusabi_host.lang.values import Char

__all__ = ["Emitter", "emit_unit"]

MAX_SLOTS = 255
MAX_JUMP = 32767


class EmitError(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


class Loop:
    """A loop being emitted: where ``continue`` and ``break`` go, and the stack depth to
    restore before jumping."""

    def __init__(self, header: int, depth: int) -> None:
        self.header = header
        self.depth = depth
        self.breaks: list[int] = []
        self.continues: list[int] = []


class Frame:
    """One function being emitted: its code, constants and where its variables are."""

    def __init__(self, name: str | None, parent: Frame | None) -> None:
        self.name = name
        self.parent = parent
        self.code: list[Instruction] = []
        self.lines: list[int] = []
        self.constants: list[Value] = []
        self.const_index: dict[tuple[type, object], int] = {}
        self.depth = 0
        self.slots: dict[int, int] = {}  # var id -> stack position
        self.upvalues: dict[int, int] = {}  # var id -> upvalue index
        self.line = 0
        self.loops: list[Loop] = []
        self.accumulators: list[int] = []  # slots of the enclosing list comprehensions

    def constant(self, value: Value) -> int:
        key: tuple[type, object] = (type(value), value)
        if isinstance(value, Float):
            key = (Float, value.bits)
        found = self.const_index.get(key)
        if found is not None:
            return found
        if len(self.constants) >= 65535:
            raise EmitError(self.line, "too many constants in one function for bytecode")
        self.constants.append(value)
        index = len(self.constants) - 1
        self.const_index[key] = index
        return index

    def emit(self, op: Op, *operands: Any, effect: int) -> int:
        self.code.append(Instruction(op, tuple(operands)))
        self.lines.append(self.line)
        self.depth += effect
        return len(self.code) - 1

    def chunk(self) -> Chunk:
        spans = tuple(SourceSpan(line, 0, 0, 0) for line in self.lines)
        return Chunk(
            instructions=tuple(self.code),
            constants=tuple(self.constants),
            name=None,
            spans=spans,
        )


class Emitter:
    def __init__(self, unit: ir.Unit) -> None:
        self.unit = unit
        self.frame = Frame(None, None)
        self.exports: dict[str, dict[str, Any]] = {}

    # ------------------------------------------------------------------ low level

    def op(self, op: Op, *operands: Any, effect: int) -> int:
        return self.frame.emit(op, *operands, effect=effect)

    def load_const(self, value: Value) -> None:
        self.op(Op.LOAD_CONST, self.frame.constant(value), effect=1)

    def load_global(self, name: str) -> None:
        self.op(Op.LOAD_GLOBAL, self.frame.constant(name), effect=1)

    def pop(self, count: int = 1) -> None:
        for _ in range(count):
            self.op(Op.POP, effect=-1)

    def jump(self, op: Op) -> int:
        return self.op(op, 0, effect=-1 if op is Op.JUMP_IF_FALSE else 0)

    def patch(self, index: int, target: int | None = None) -> None:
        target = len(self.frame.code) if target is None else target
        offset = target - (index + 1)
        if not -MAX_JUMP <= offset <= MAX_JUMP:
            raise EmitError(self.frame.line, "a function is too large for bytecode jumps")
        old = self.frame.code[index]
        self.frame.code[index] = Instruction(old.op, (offset,))

    def label(self) -> int:
        return len(self.frame.code)

    def call(self, argc: int) -> None:
        if argc > 255:
            raise EmitError(self.frame.line, "too many arguments in one call for bytecode")
        self.op(Op.CALL, argc, effect=-argc)

    def slide(self, base: int) -> None:
        """The value on top replaces the stack from *base* up (end of a scope)."""
        extra = self.frame.depth - 1 - base
        if extra <= 0:
            return
        self.store_local(base)
        self.pop(extra - 1)

    def store_local(self, position: int) -> None:
        if position > MAX_SLOTS:
            raise EmitError(self.frame.line, "too many local values in one function for bytecode")
        self.op(Op.STORE_LOCAL, position, effect=-1)

    def load_local(self, position: int) -> None:
        if position > MAX_SLOTS:
            raise EmitError(self.frame.line, "too many local values in one function for bytecode")
        self.op(Op.LOAD_LOCAL, position, effect=1)

    # ------------------------------------------------------------------ variables

    def bind_new(self, var: ir.Var, push: Callable[[], None]) -> None:
        """Bind *var* to the value *push* leaves on the stack: in its own slot, or in a new
        cell (in that slot) when closures share it."""
        if var.cell:
            self.new_cell()
            self.bind_here(var)
            self.set_cell(var, push)
            self.pop()
        else:
            push()
            self.bind_here(var)

    def bind_here(self, var: ir.Var) -> None:
        """The value just pushed is *var*'s home (its slot is the top position)."""
        self.frame.slots[var.id] = self.frame.depth - 1

    def load_var_home(self, var: ir.Var) -> None:
        """Push the variable's stored value (the cell itself, for a cell variable)."""
        frame = self.frame
        if var.id in frame.slots:
            self.load_local(frame.slots[var.id])
        elif var.id in frame.upvalues:
            self.op(Op.LOAD_UPVALUE, frame.upvalues[var.id], effect=1)
        else:
            raise EmitError(frame.line, f"internal: '{var.name}' is not reachable here")

    def load_var(self, var: ir.Var) -> None:
        self.load_var_home(var)
        if var.cell:
            self.load_const(0)
            self.op(Op.ARRAY_GET, effect=-1)

    def new_cell(self) -> None:
        """A fresh cell holding ``()``: ``LoadGlobal "__cell"; LoadConst (); Call 1``."""
        self.load_global("__cell")
        self.load_const(UNIT)
        self.call(1)

    def set_cell(self, var: ir.Var, emit_value: Any) -> None:
        """``cell.[0] <- value``; leaves unit on the stack."""
        self.load_var_home(var)
        self.load_const(0)
        emit_value()
        self.op(Op.ARRAY_SET, effect=-2)

    # ------------------------------------------------------------------ expressions

    def expr(self, e: ir.Expr) -> None:
        """Emit *e*: afterwards its value is one more item on the stack."""
        self.frame.line = e.line or self.frame.line
        method = getattr(self, "x_" + type(e).__name__)
        before = self.frame.depth
        method(e)
        if self.frame.depth != before + 1:  # pragma: no cover - an emitter bug
            raise EmitError(e.line, f"internal: {type(e).__name__} left the stack unbalanced")

    def x_Const(self, e: ir.Const) -> None:
        self.load_const(_constant(e.value))

    def x_Ref(self, e: ir.Ref) -> None:
        self.load_var(e.var)

    def x_BuiltinRef(self, e: ir.BuiltinRef) -> None:
        self.builtin(e.builtin.name)

    def builtin(self, name: str) -> None:
        module, _, member = name.rpartition(".")
        if not module:
            self.load_global(member)
            return
        self.load_global(module)
        self.load_const(member)
        self.op(Op.GET_RECORD_FIELD, effect=-1)

    def x_Ctor(self, e: ir.Ctor) -> None:
        tag = e.tag
        if not e.args and tag.arity > 0:
            self.intrinsic(
                "__ctor",
                [
                    ir.Const(e.line, tag.type_name),
                    ir.Const(e.line, tag.name),
                    ir.Const(e.line, tag.arity),
                ],
            )
            return
        if len(e.args) < tag.arity:
            args = [
                ir.Const(e.line, tag.type_name),
                ir.Const(e.line, tag.name),
                ir.Const(e.line, tag.arity),
                ir.List(e.line, list(e.args)),
            ]
            self.intrinsic("__ctor_partial", args)
            return
        self.load_const(tag.type_name)
        self.load_const(tag.name)
        for arg in e.args:
            self.expr(arg)
        self.op(Op.MAKE_VARIANT, len(e.args), effect=-(len(e.args) + 1))

    def x_Lam(self, e: ir.Lam) -> None:
        free = e.free  # (resolve: ordered by id, top-level variables included)
        for var in free:
            self.load_var_home(var)
        parent = self.frame
        frame = Frame(e.name, parent)
        frame.line = e.line
        for index, var in enumerate(free):
            frame.upvalues[var.id] = index
        self.frame = frame
        try:
            for param in e.params:
                frame.depth += 1
                self.bind_here(param)
            self.expr(e.body)
            self.op(Op.RETURN, effect=-1)
        finally:
            self.frame = parent
        if len(e.params) > 255:
            raise EmitError(e.line, "a function with more than 255 parameters")
        closure = Closure(frame.chunk(), len(e.params), None if e.name == "<fun>" else e.name)
        index = self.frame.constant(closure)
        self.op(Op.MAKE_CLOSURE, index, len(free), effect=1 - len(free))

    def x_Apply(self, e: ir.Apply) -> None:
        self.expr(e.func)
        for arg in e.args:
            self.expr(arg)
        self.call(len(e.args))

    def x_Let(self, e: ir.Let) -> None:
        base = self.frame.depth
        self.bind_new(e.var, lambda: self.expr(e.value))
        self.expr(e.body)
        self.slide(base)

    def x_LetRec(self, e: ir.LetRec) -> None:
        base = self.frame.depth
        self.rec_group(e.bindings)
        self.expr(e.body)
        self.slide(base)

    def rec_group(self, bindings: list[tuple[ir.Var, ir.Lam]]) -> None:
        """Cells first (so the closures can capture them), then each closure into its cell."""
        for var, _ in bindings:
            self.new_cell()
            self.bind_here(var)
        for var, lam in bindings:
            self.set_cell(var, lambda lam=lam: self.expr(lam))
            self.pop()

    def x_Seq(self, e: ir.Seq) -> None:
        for item in e.items[:-1]:
            self.expr(item)
            self.pop()
        self.expr(e.items[-1])

    def x_If(self, e: ir.If) -> None:
        self.expr(e.cond)
        to_else = self.jump(Op.JUMP_IF_FALSE)
        depth = self.frame.depth
        self.expr(e.then)
        to_end = self.jump(Op.JUMP)
        self.patch(to_else)
        self.frame.depth = depth
        self.expr(e.orelse)
        self.patch(to_end)

    def x_Tuple(self, e: ir.Tuple) -> None:
        for item in e.items:
            self.expr(item)
        self.op(Op.MAKE_TUPLE, len(e.items), effect=1 - len(e.items))

    def x_List(self, e: ir.List) -> None:
        if not e.items:
            self.load_const(NIL_CONST)
            return
        for item in e.items:
            self.expr(item)
        self.op(Op.MAKE_LIST, len(e.items), effect=1 - len(e.items))

    def x_Array(self, e: ir.Array) -> None:
        for item in e.items:
            self.expr(item)
        self.op(Op.MAKE_ARRAY, len(e.items), effect=1 - len(e.items))

    def x_Range(self, e: ir.Range) -> None:
        step: ir.Expr = e.step if e.step is not None else ir.Const(e.line, None)
        self.intrinsic("__range", [ir.Const(e.line, e.kind), e.start, step, e.stop])

    def x_Record(self, e: ir.Record) -> None:
        for name, value in e.fields:
            self.load_const(name)
            self.expr(value)
        self.op(Op.MAKE_RECORD, len(e.fields), effect=1 - 2 * len(e.fields))

    def x_RecordUpdate(self, e: ir.RecordUpdate) -> None:
        self.expr(e.base)
        for name, value in e.fields:
            self.load_const(name)
            self.expr(value)
        self.op(Op.UPDATE_RECORD, len(e.fields), effect=-2 * len(e.fields))

    def x_GetField(self, e: ir.GetField) -> None:
        if e.kind == "member":  # a user type's member: the target is its call
            self.expr(e.target)
            return
        self.expr(e.target)
        self.load_const(e.name)
        self.op(Op.GET_RECORD_FIELD, effect=-1)

    def x_Member(self, e: ir.Member) -> None:
        if e.kind == "member":  # a user type's member: the target is its call
            self.expr(e.target)
            return
        self.expr(e.target)
        args = e.args or []
        for arg in args:
            self.expr(arg)
        name = self.frame.constant(e.name)
        self.op(Op.CALL_METHOD, name, len(args), effect=-len(args))

    def x_Index(self, e: ir.Index) -> None:
        self.expr(e.target)
        self.expr(e.index)
        self.op(Op.ARRAY_GET, effect=-1)

    def x_Slice(self, e: ir.Slice) -> None:
        none = ir.Const(e.line, None)
        self.intrinsic("__slice", [e.target, e.start or none, e.stop or none])

    def x_SetIndex(self, e: ir.SetIndex) -> None:
        self.expr(e.target)
        self.expr(e.index)
        self.expr(e.value)
        self.op(Op.ARRAY_SET, effect=-2)

    def x_SetField(self, e: ir.SetField) -> None:
        self.intrinsic("__setf", [e.target, ir.Const(e.line, e.name), e.value])

    def x_Assign(self, e: ir.Assign) -> None:
        var = e.var
        if var.cell:
            self.set_cell(var, lambda: self.expr(e.value))
            return
        frame = self.frame
        if var.id not in frame.slots:
            raise EmitError(e.line, f"internal: cannot assign '{var.name}' here")
        self.expr(e.value)
        self.store_local(frame.slots[var.id])
        self.load_const(UNIT)

    def x_Upcast(self, e: ir.Upcast) -> None:
        self.expr(e.expr)  # (inference made it the upcast's call, where one is needed)

    def x_Annot(self, e: ir.Annot) -> None:
        self.expr(e.expr)

    def x_Prim(self, e: ir.Prim) -> None:
        op = e.op
        if op == "call":  # an operator member's call (``static member (+)``)
            self.expr(e.args[0])
            return
        if op in {"&&", "||"}:
            self.expr(e.args[0])
            if op == "||":
                self.op(Op.NOT, effect=0)
            to_short = self.jump(Op.JUMP_IF_FALSE)
            depth = self.frame.depth
            self.expr(e.args[1])
            to_end = self.jump(Op.JUMP)
            self.patch(to_short)
            self.frame.depth = depth
            self.load_const(op == "||")
            self.patch(to_end)
            return
        simple = _PRIM_OPS.get(op)
        if simple is not None:
            for arg in e.args:
                self.expr(arg)
            self.op(simple, effect=1 - len(e.args))
            return
        self.intrinsic(_PRIM_INTRINSICS[op], list(e.args))

    def intrinsic(self, name: str, args: list[ir.Expr]) -> None:
        """Call a fusabi-host intrinsic: ``LoadGlobal name; args...; Call n``."""
        self.load_global(name)
        for arg in args:
            self.expr(arg)
        self.call(len(args))

    def x_While(self, e: ir.While) -> None:
        header = self.label()
        depth = self.frame.depth
        self.expr(e.cond)
        to_exit = self.jump(Op.JUMP_IF_FALSE)
        loop = Loop(header, depth)
        self.frame.loops.append(loop)
        self.expr(e.body)
        self.pop()
        back = self.jump(Op.JUMP)
        self.patch(back, header)
        self.frame.loops.pop()
        self.patch(to_exit)
        for index in loop.breaks:
            self.patch(index)
        for index in loop.continues:
            self.patch(index, header)
        self.frame.depth = depth
        self.load_const(UNIT)

    def x_ForRange(self, e: ir.ForRange) -> None:
        """``for v in a .. b``: a counter and a limit (locals), then a while loop."""
        base = self.frame.depth
        self.expr(e.start)
        counter = self.frame.depth - 1
        self.expr(e.stop)
        limit = self.frame.depth - 1
        step_slot: int | None = None
        if e.step is not None:
            self.intrinsic("__check_step", [e.step])
            step_slot = self.frame.depth - 1
        header = self.label()
        depth = self.frame.depth
        self.load_local(counter)
        self.load_local(limit)
        if step_slot is None:
            self.op(Op.GTE if e.down else Op.LTE, effect=-1)
        else:
            self.load_local(step_slot)
            self.intrinsic_call("__in_range", 3)
        to_exit = self.jump(Op.JUMP_IF_FALSE)
        loop = Loop(header, depth)
        self.frame.loops.append(loop)
        item_base = self.frame.depth
        self.bind_new(e.var, lambda: self.load_local(counter))
        self.expr(e.body)
        self.pop()
        self.pop(self.frame.depth - item_base)
        advance = self.label()
        self.load_local(counter)
        if step_slot is None:
            self.load_const(-1 if e.down else 1)
        else:
            self.load_local(step_slot)
        self.op(Op.ADD, effect=-1)
        self.store_local(counter)
        back = self.jump(Op.JUMP)
        self.patch(back, header)
        self.frame.loops.pop()
        self.patch(to_exit)
        for index in loop.breaks:
            self.patch(index)
        for index in loop.continues:
            self.patch(index, advance)
        self.frame.depth = depth
        self.pop(self.frame.depth - base)
        self.load_const(UNIT)

    def intrinsic_call(self, name: str, argc: int) -> None:
        """Call an intrinsic whose *argc* arguments are already on the stack."""
        self.load_global(name)
        # the callee must sit below its arguments: rotate by storing the arguments aside
        first = self.frame.depth - 1 - argc
        for offset in range(argc):
            self.load_local(first + offset)
        self.call(argc)
        self.slide(first)

    def x_ForEach(self, e: ir.ForEach) -> None:
        """``for x in source``: turn the source into a list, then walk it."""
        base = self.frame.depth
        self.intrinsic("__to_list", [e.source])
        cursor = self.frame.depth - 1
        header = self.label()
        depth = self.frame.depth
        self.load_local(cursor)
        self.op(Op.IS_NIL, effect=0)
        self.op(Op.NOT, effect=0)
        to_exit = self.jump(Op.JUMP_IF_FALSE)
        loop = Loop(header, depth)
        self.frame.loops.append(loop)
        item_base = self.frame.depth
        self.bind_new(e.var, lambda: self.head_of(cursor))
        self.load_local(cursor)
        self.op(Op.LIST_TAIL, effect=0)
        self.store_local(cursor)
        self.expr(e.body)
        self.pop()
        self.pop(self.frame.depth - item_base)
        back = self.jump(Op.JUMP)
        self.patch(back, header)
        self.frame.loops.pop()
        self.patch(to_exit)
        for index in loop.breaks:
            self.patch(index)
        for index in loop.continues:
            self.patch(index, header)
        self.frame.depth = depth
        self.pop(self.frame.depth - base)
        self.load_const(UNIT)

    def head_of(self, cursor: int) -> None:
        self.load_local(cursor)
        self.op(Op.LIST_HEAD, effect=0)

    def x_LoopControl(self, e: ir.LoopControl) -> None:
        if not self.frame.loops:
            raise EmitError(e.line, f"'{e.kind}' outside a loop")
        loop = self.frame.loops[-1]
        depth = self.frame.depth
        self.pop(depth - loop.depth)
        jump = self.jump(Op.JUMP)
        (loop.breaks if e.kind == "break" else loop.continues).append(jump)
        self.frame.depth = depth
        self.load_const(UNIT)

    def x_TryWith(self, e: ir.TryWith) -> None:
        body_free, handler_free = e.free or ([], [])
        body = ir.Lam(e.line, [ir.Var("_")], e.body, "<try>", free=body_free)
        handler = ir.Lam(e.line, [e.var], e.handler, "<with>", free=handler_free)
        self.intrinsic("__try", [body, handler])

    def x_TryFinally(self, e: ir.TryFinally) -> None:
        body_free, final_free = e.free or ([], [])
        body = ir.Lam(e.line, [ir.Var("_")], e.body, "<try>", free=body_free)
        final = ir.Lam(e.line, [ir.Var("_")], e.finalizer, "<finally>", free=final_free)
        self.intrinsic("__try_finally", [body, final])

    def x_Reraise(self, e: ir.Reraise) -> None:
        self.intrinsic("__reraise", [ir.Const(e.line, None)])

    def x_Comprehension(self, e: ir.Comprehension) -> None:
        base = self.frame.depth
        # a lazy ``seq { }`` (its body a function of ()) is built eagerly here: upstream has
        # no lazy sequences (see the module docstring)
        body = e.body.body if e.kind == "seq" and isinstance(e.body, ir.Lam) else e.body
        self.intrinsic("__acc_new", [ir.Const(e.line, None)])
        self.frame.accumulators.append(self.frame.depth - 1)
        try:
            self.expr(body)
            self.pop()
        finally:
            self.frame.accumulators.pop()
        self.load_global("__acc_done")
        self.load_local(base)
        self.load_const(e.kind)
        self.call(2)
        self.slide(base)

    def x_Yield(self, e: ir.Yield) -> None:
        if e.implicit and e.statement:  # a unit-typed element: a statement (its value is ())
            self.expr(e.value)
            return
        acc = self.frame.accumulators[-1]
        self.load_global("__acc_add_many" if e.many else "__acc_add")
        self.load_local(acc)
        self.expr(e.value)
        self.call(2)

    def x_Format(self, e: ir.Format) -> None:
        args = [
            ir.Const(e.line, e.func),
            ir.Const(e.line, e.fmt),
            ir.List(e.line, list(e.args)),
            ir.Const(e.line, e.list_form),
        ]
        self.intrinsic("__format", args)

    def x_Match(self, e: ir.Match) -> None:
        base = self.frame.depth
        self.expr(e.subject)
        subject = self.frame.depth - 1
        ends: list[int] = []
        arms = [(pat, arm.guard, arm.body) for arm in e.arms for pat in _expand_or(arm.pat)]
        for pat, guard, body in arms:
            tests = _tests(pat)
            if guard is None:
                fails = self.pattern_test(subject, tests)
            else:
                # `tests && (let bindings in guard)` as one value, so a failing guard reaches
                # the next arm through the same single jump as a failing test
                if tests:
                    self.all_of(subject, tests)
                    to_false = self.jump(Op.JUMP_IF_FALSE)
                    depth = self.frame.depth
                    self.guard_value(subject, pat, guard)
                    to_end = self.jump(Op.JUMP)
                    self.patch(to_false)
                    self.frame.depth = depth
                    self.load_const(False)
                    self.patch(to_end)
                else:
                    self.guard_value(subject, pat, guard)
                fails = [self.jump(Op.JUMP_IF_FALSE)]
            self.bind_pattern(subject, pat)
            self.expr(body)
            self.slide(subject)
            ends.append(self.jump(Op.JUMP))
            for index in fails:
                self.patch(index)
            self.frame.depth = subject + 1
        self.intrinsic(
            "__match_failure",
            [_Slot(e.line, subject), ir.Const(e.line, e.line), ir.Const(e.line, e.what)],
        )
        self.slide(subject)
        for index in ends:
            self.patch(index)
        self.frame.depth = base + 1

    def bind_pattern(self, subject: int, pat: ir.Pat) -> None:
        """Push the pattern's variables (each its own slot, or a cell when captured)."""
        for binding in patterns.decompose(pat).bindings:
            self.bind_new(binding.var, functools.partial(self.access, subject, binding.path))

    def guard_value(self, subject: int, pat: ir.Pat, guard: ir.Expr) -> None:
        """Push the guard's value, evaluated with the pattern's variables bound."""
        base = self.frame.depth
        self.bind_pattern(subject, pat)
        self.expr(guard)
        self.slide(base)

    def pattern_test(self, subject: int, tests: list[patterns.Test]) -> list[int]:
        """Push whether every test of a pattern passes, then jump away if not; returns the
        jump to patch to the next arm.

        The tests nest as ``if t1 then (if t2 then t3 else false) else false``, so each
        conditional jump has the plain if/else shape (a later test may read a part that only
        exists when the earlier ones passed).
        """
        if not tests:
            return []
        self.all_of(subject, tests)
        return [self.jump(Op.JUMP_IF_FALSE)]

    def all_of(self, subject: int, tests: list[patterns.Test]) -> None:
        self.access(subject, tests[0].path)
        self.run_test(tests[0].kind)
        if len(tests) == 1:
            return
        to_false = self.jump(Op.JUMP_IF_FALSE)
        depth = self.frame.depth
        self.all_of(subject, tests[1:])
        to_end = self.jump(Op.JUMP)
        self.patch(to_false)
        self.frame.depth = depth
        self.load_const(False)
        self.patch(to_end)

    def x__Slot(self, e: _Slot) -> None:
        self.load_local(e.position)

    def run_test(self, kind: patterns.TestKind) -> None:
        """Replace the value on top of the stack with whether it passes the test *kind*."""
        if isinstance(kind, patterns.EqConst):
            self.load_const(_constant(kind.value))
            self.op(Op.EQ, effect=-1)
        elif isinstance(kind, patterns.IsNil):
            self.op(Op.IS_NIL, effect=0)
        elif isinstance(kind, patterns.IsCons):
            self.op(Op.IS_NIL, effect=0)
            self.op(Op.NOT, effect=0)
        elif isinstance(kind, patterns.IsArray):
            self.op(Op.ARRAY_LENGTH, effect=0)
            self.load_const(kind.length)
            self.op(Op.EQ, effect=-1)
        elif isinstance(kind, patterns.IsTag):
            self.op(Op.CHECK_VARIANT_TAG, kind.tag.name, effect=0)
        else:  # pragma: no cover - filtered out by _tests
            raise EmitError(0, f"internal: unexpected pattern test {type(kind).__name__}")

    def access(self, subject: int, path: patterns.Path) -> None:
        """Push the part of the match subject that *path* leads to."""
        self.load_local(subject)
        for step in path.steps:
            if isinstance(step, patterns.TupleItem):
                self.op(Op.GET_TUPLE_FIELD, step.index, effect=0)
            elif isinstance(step, patterns.CaseField):
                self.op(Op.GET_VARIANT_FIELD, step.index, effect=0)
            elif isinstance(step, patterns.ListHead):
                self.op(Op.LIST_HEAD, effect=0)
            elif isinstance(step, patterns.ListTail):
                self.op(Op.LIST_TAIL, effect=0)
            elif isinstance(step, patterns.Field):
                self.load_const(step.name)
                self.op(Op.GET_RECORD_FIELD, effect=-1)
            elif isinstance(step, patterns.ArrayItem):
                self.load_const(step.index)
                self.op(Op.ARRAY_GET, effect=-1)

    # ------------------------------------------------------------------ the unit

    def top_level(self) -> Chunk:
        frame = self.frame
        result_base = frame.depth
        self.load_const(UNIT)  # slot 0: the script's value so far
        last = len(self.unit.items) - 1
        for index, item in enumerate(self.unit.items):
            frame.line = item.line or frame.line
            if isinstance(item, ir.TopExpr):
                self.expr(item.expr)
                if index == last:
                    self.store_local(result_base)
                else:
                    self.pop()
                continue
            if item.rec_group is not None:
                self.rec_group(item.rec_group)
            elif not item.pattern:
                self.bind_new(item.vars[0], functools.partial(self.expr, item.value))
            else:
                self.top_pattern(item)
        for name, var in self.unit.globals.items():
            if var.id in frame.slots:
                self.exports[name] = {
                    "slot": frame.slots[var.id],
                    "arity": var.arity if var.lam is not None and not var.mutable else 0,
                    "cell": var.cell,
                }
        self.load_local(result_base)
        self.op(Op.RETURN, effect=-1)
        return frame.chunk()

    def top_pattern(self, item: ir.TopBinding) -> None:
        """``let (a, b) = e`` at the top level: each variable gets its own slot."""
        match = item.value
        assert isinstance(match, ir.Match)
        self.expr(match.subject)
        subject = self.frame.depth - 1
        pat = match.arms[0].pat
        fails = self.pattern_test(subject, _tests(pat))
        self.bind_pattern(subject, pat)
        if fails:
            ok = self.jump(Op.JUMP)
            depth = self.frame.depth
            for index in fails:
                self.patch(index)
            self.frame.depth = subject + 1
            self.intrinsic(
                "__match_failure",
                [
                    _Slot(item.line, subject),
                    ir.Const(item.line, item.line),
                    ir.Const(item.line, "let"),
                ],
            )
            # (never returns) same stack height as the success path, for one join
            while self.frame.depth > depth:
                self.pop()
            while self.frame.depth < depth:
                self.load_const(UNIT)
            self.patch(ok)
            self.frame.depth = depth


class _Slot(ir.Expr):
    """A stack position read back (only inside the emitter)."""

    def __init__(self, line: int, position: int) -> None:
        self.line = line
        self.position = position
        self.ty = None


_PRIM_OPS = {
    "+": Op.ADD,
    "-": Op.SUB,
    "*": Op.MUL,
    "/": Op.DIV,
    "=": Op.EQ,
    "<>": Op.NEQ,
    "<": Op.LT,
    "<=": Op.LTE,
    ">": Op.GT,
    ">=": Op.GTE,
    "::": Op.CONS,
    "^": Op.CONCAT,
}
_PRIM_INTRINSICS = {"%": "__op_mod", "neg": "__op_neg", "**": "__op_pow", "@": "__op_append"}


def _constant(value: object) -> Value:
    if value is None:
        return UNIT
    if type(value) is Char:
        return VariantConst("char", str(value), ())
    if type(value) is float:
        return Float.of(value)
    if type(value) is Decimal:  # (upstream bytecode has no decimal: this project's encoding)
        return VariantConst("decimal", decimals.to_string(value), ())
    if type(value) is int and not -(2**63) <= value < 2**63:
        raise EmitError(0, f"the integer {value} does not fit in 64 bits")
    if type(value) in (int, bool, str):
        return value  # type: ignore[return-value]
    raise EmitError(0, f"internal: cannot put {type(value).__name__} in a constant pool")


def _tests(pat: ir.Pat) -> list[patterns.Test]:
    """The tests the bytecode runs for *pat* (an or-pattern already expanded): the shape
    checks the types guarantee (tuple arity, record fields, the unit constant) are left out.
    """
    tests: list[patterns.Test] = []
    for test in patterns.decompose(pat).tests:
        kind = test.kind
        if isinstance(kind, patterns.IsTuple | patterns.HasFields):
            continue
        if isinstance(kind, patterns.EqConst) and kind.kind == "unit":
            continue
        if isinstance(kind, patterns.Alternatives):
            raise EmitError(pat.line, "internal: an or-pattern left unexpanded")
        tests.append(test)
    return tests


def _expand_or(pat: ir.Pat) -> list[ir.Pat]:
    """An or-pattern as the list of its alternatives (or-patterns nested anywhere)."""
    if isinstance(pat, ir.POr):
        return _expand_or(pat.left) + _expand_or(pat.right)
    if isinstance(pat, ir.PBind) and pat.inner is not None:
        return [ir.PBind(pat.line, pat.var, alt) for alt in _expand_or(pat.inner)]
    if isinstance(pat, ir.PTyped):
        return [ir.PTyped(pat.line, alt, pat.type) for alt in _expand_or(pat.pat)]
    if isinstance(pat, ir.PTuple | ir.PArray):
        combos = _product([_expand_or(p) for p in pat.items])
        return [type(pat)(pat.line, list(c)) for c in combos]
    if isinstance(pat, ir.PCons):
        return [
            ir.PCons(pat.line, h, t)
            for h, t in itertools.product(_expand_or(pat.head), _expand_or(pat.tail))
        ]
    if isinstance(pat, ir.PCtor):
        return [
            ir.PCtor(pat.line, pat.tag, list(c), pat.union)
            for c in _product([_expand_or(p) for p in pat.args])
        ]
    if isinstance(pat, ir.PRecord):
        names = [n for n, _ in pat.fields]
        combos = _product([_expand_or(p) for _, p in pat.fields])
        return [ir.PRecord(pat.line, list(zip(names, c, strict=True))) for c in combos]
    return [pat]


def _product(options: list[list[ir.Pat]]) -> list[tuple[ir.Pat, ...]]:
    result = list(itertools.product(*options))
    if len(result) > 256:
        raise EmitError(0, "an or-pattern has too many alternatives for bytecode")
    return result


def emit_unit(unit: ir.Unit) -> tuple[Chunk, dict[str, dict[str, Any]]]:
    """The top-level chunk of *unit* and its export table (name -> slot, arity, cell).

    The resolution facts (:mod:`fusabi_host.lang.resolve`: free variables, cells) are
    computed here, once, after lowering: the emitter reads them."""
    resolve(unit)
    emitter = Emitter(unit)
    try:
        chunk = emitter.top_level()
    except EmitError as exc:
        raise CompileError(
            [
                Diagnostic(
                    unit.filename, exc.line or 1, 1, f"cannot compile to bytecode: {exc.message}"
                )
            ]
        ) from None
    return chunk, emitter.exports
