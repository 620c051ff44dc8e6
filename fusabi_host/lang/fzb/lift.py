"""Lifting: a validated chunk back into the core IR, so bytecode runs through the same type
inference and code generation as source (no opcode-by-opcode interpretation).

Each function chunk is executed *symbolically*: the operand stack holds IR atoms (constants
and references to immutable variables); every instruction that computes something binds it
to a fresh variable, so evaluation order is the instructions' order.  Control flow is rebuilt
from the jumps:

* a forward ``JumpIfFalse`` starts a conditional; when both branches reach the same place
  with stacks of the same height, the positions that differ become the result of an ``if``
  expression; otherwise the rest of the function is lifted once per branch (upstream's own
  compiler leaves different amounts on the stack in different match arms);
* a backward ``Jump`` closes a loop, lifted as ``while true`` with ``break``/``continue``;
  stack positions the loop stores to become mutable variables;
* ``Return`` (decision 6: the callee, its arguments and its locals go) gives the value.

Instruction semantics are upstream's (spec 6.7) with decision 6's amendments; fusabi-host's
intrinsics (``__cell``, ``__try``, ``__format`` ...) map back to their IR constructs.  A few
rewrites then recover what the emitter encoded: cells written once with a function become a
``let rec``; copies of immutable variables are propagated; single-use conditions are folded
into their ``if``.  Anything the lifter cannot express raises :class:`BytecodeError`.

Lifting charges its work (instructions lifted, nodes the rewrites walk) to the current run's
guard (:mod:`fusabi_host.lang.guard`), so lifting a huge or hostile chunk stops at the
caller's deadline; the lifted IR then goes through the same bounded type inference as source
(a type that grows too large is a :class:`~fusabi_host.errors.CompileError`).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from fusabi_host.errors import BytecodeError
from fusabi_host.lang import ir
from fusabi_host.lang.exceptions import EXCEPTION_TAGS
from fusabi_host.lang.fzb import chunk as C
from fusabi_host.lang.fzb.chunk import Op
from fusabi_host.lang.fzb.trailer import Trailer
from fusabi_host.lang.guard import spend
from fusabi_host.lang.lower import (
    BUILTIN_TYPES,
    OPTION_UNION,
    RESULT_UNION,
    CaseDecl,
    TypeRef,
    UnionDecl,
)
from fusabi_host.lang.stdlib.registry import REGISTRY
from fusabi_host.lang.values import Char, Tag

__all__ = ["lift"]

MAX_CONTROL_DEPTH = 150
DUPLICATION_BUDGET = 20_000
TICKS = 1024
"""Instructions lifted (or nodes walked) between two charges to the current run's guard."""


class LiftError(Exception):
    pass


# --------------------------------------------------------------------------- markers


@dataclass(eq=False)
class Marker(ir.Expr):
    """Stack entries that are not values: a library module, an intrinsic, a cell."""


@dataclass(eq=False)
class ModuleMarker(Marker):
    name: str = ""


@dataclass(eq=False)
class IntrinsicMarker(Marker):
    name: str = ""


@dataclass(eq=False)
class CellMarker(Marker):
    var: ir.Var = field(default_factory=lambda: ir.Var("cell"))


@dataclass(eq=False)
class JoinPoint(ir.Expr):
    """Where a branch reaches the end of a conditional, with its stack."""

    stack: list[ir.Expr] = field(default_factory=list)


def _atomic(e: ir.Expr) -> bool:
    return isinstance(e, ir.Const | Marker) or (isinstance(e, ir.Ref) and not e.var.mutable)


# --------------------------------------------------------------------------- steps


Step = tuple[Any, ...]


def fold(steps: list[Step], result: ir.Expr) -> ir.Expr:
    """Wrap *result* in the bindings and effects recorded before it."""
    for step in reversed(steps):
        kind = step[0]
        line = result.line
        if kind == "let":
            result = ir.Let(line, step[1], step[2], result)
        elif kind == "do":
            result = ir.Seq(line, [step[1], result])
        elif kind == "assign":
            result = ir.Seq(line, [ir.Assign(line, step[1], step[2]), result])
        elif kind == "letrec":
            result = ir.LetRec(line, step[1], result)
        elif kind == "loop":
            result = ir.Seq(line, [step[1], result])
    return result


# --------------------------------------------------------------------------- program level


class Lifter:
    """Lifts a whole program: tags and union declarations, then the top-level chunk."""

    def __init__(self, chunk: C.Chunk, trailer: Trailer | None, filename: str) -> None:
        self.chunk = chunk
        self.trailer = trailer
        self.filename = filename
        self.unions: dict[str, UnionDecl] = {"option": OPTION_UNION, "result": RESULT_UNION}
        self.tags: dict[tuple[str, str], Tag] = {}
        self.exceptions: dict[str, Tag] = dict(EXCEPTION_TAGS)
        self.assign_counts: dict[int, int] = {}
        self.budget = DUPLICATION_BUDGET
        for union in (OPTION_UNION, RESULT_UNION):
            for case in union.cases:
                self.tags[(case.tag.type_name, case.tag.name)] = case.tag
        for tag in EXCEPTION_TAGS.values():
            self.tags[("exn", tag.name)] = tag
        if trailer is not None:
            self._declare(trailer)

    def _declare(self, trailer: Trailer) -> None:
        decls: list[tuple[UnionDecl, list[tuple[str, list[str]]]]] = []
        for name, (params, cases) in trailer.unions.items():
            decl = UnionDecl(name, params)
            self.unions[name] = decl
            decls.append((decl, cases))
        for decl, cases in decls:
            for index, (case, fields) in enumerate(cases):
                names = (
                    ("Item",)
                    if len(fields) == 1
                    else tuple(f"Item{i + 1}" for i in range(len(fields)))
                )
                tag = Tag(case, decl.name, index, len(fields), names)
                refs: list[tuple[str | None, TypeRef]] = [
                    (None, self.type_ref(text, decl.params)) for text in fields
                ]
                decl.cases.append(CaseDecl(tag, refs, decl))
                self.tags[(decl.name, case)] = tag
        for name, fields in trailer.exceptions.items():
            tag = Tag(name, "exn", 100 + len(self.exceptions), len(fields))
            self.exceptions[name] = tag
            self.tags[("exn", name)] = tag

    def type_ref(self, text: str, params: list[str]) -> TypeRef:
        from fusabi_host.errors import CompileError  # noqa: PLC0415
        from fusabi_host.lang import syntax as S  # noqa: PLC0415
        from fusabi_host.lang.parser import parse_type  # noqa: PLC0415

        try:
            texpr = parse_type(text)
        except CompileError:
            raise LiftError(f"bad field type {text!r} in the trailer") from None

        def convert(t: S.TypeExpr) -> TypeRef:
            if isinstance(t, S.TVarExpr):
                return TypeRef("var", t.name)
            if isinstance(t, S.TFunExpr):
                return TypeRef("fun", args=[convert(t.arg), convert(t.result)])
            if isinstance(t, S.TTupleExpr):
                return TypeRef("tuple", args=[convert(i) for i in t.items])
            if isinstance(t, S.TRecordExpr):
                return TypeRef("anon", fields=[(n, convert(i)) for n, i in t.fields])
            assert isinstance(t, S.TName)
            args = [convert(a) for a in t.args]
            if t.name in self.unions:
                return TypeRef("con", t.name, args, decl=self.unions[t.name])
            return TypeRef("con", BUILTIN_TYPES.get(t.name, "dyn"), args)

        return convert(texpr)

    def tag(self, type_name: str, name: str, arity: int) -> Tag:
        key = (type_name, name)
        found = self.tags.get(key)
        if found is None:
            if type_name == "" and name in ("Some", "None", "Ok", "Error"):
                # upstream's compiler leaves the type name empty for these too
                found = self.tags.get(("Option" if name in ("Some", "None") else "Result", name))
            if found is None:
                found = Tag(name, type_name, 1000, arity)
            self.tags[key] = found
        return found

    def tag_by_name(self, name: str) -> Tag | None:
        """The tag of a case named *name*, when only one case has that name."""
        matches = {t for (_, n), t in self.tags.items() if n == name}
        return next(iter(matches)) if len(matches) == 1 else None

    def run(self) -> ir.Unit:
        top = FunctionLifter(self, self.chunk, [], [], "<top level>", depth=0)
        body, final_stack = top.run_top(
            exporting=self.trailer is not None and bool(self.trailer.exports)
        )
        exports: dict[str, ir.Var] = {}
        constants: list[tuple[ir.Var, ir.Expr]] = []
        if self.trailer is not None:
            for name, export in self.trailer.exports.items():
                if export.slot >= len(final_stack):
                    raise BytecodeError(
                        f"the export table names slot {export.slot} for '{name}', but the top "
                        f"level leaves only {len(final_stack)} values"
                    )
                entry = final_stack[export.slot]
                if isinstance(entry, CellMarker | ir.Ref):
                    exports[name] = entry.var
                elif isinstance(entry, ir.Const | ir.BuiltinRef):  # a constant kept on the stack
                    var = ir.Var(name)
                    constants.append((var, entry))
                    exports[name] = var
                else:
                    raise BytecodeError(
                        f"export '{name}' is not a variable of the top level "
                        f"({type(entry).__name__})"
                    )
        for node in _walk_all(body):
            if isinstance(node, Marker | JoinPoint):
                what = {
                    ModuleMarker: "a library module",
                    IntrinsicMarker: "an intrinsic",
                    CellMarker: "a variable cell",
                }.get(type(node), "a stack value from another path")
                raise BytecodeError(f"line {node.line}: {what} is used as an ordinary value")
        body = Rewriter(self.assign_counts).run(body)
        for var, const in reversed(constants):
            body = ir.Let(const.line, var, const, body)
        all_globals = []
        for name, var in exports.items():
            var.is_global = True
            var.qualified = name
            var.name = name
            all_globals.append(var)
        return ir.Unit(
            filename=self.filename,
            items=[ir.TopExpr(body, 1)],
            globals=exports,
            all_globals=all_globals,
            unions=self.unions,
            records={},
            exceptions=self.exceptions,
            source="",
        )


# --------------------------------------------------------------------------- one function


@dataclass
class LoopContext:
    header: int
    exit: int


class FunctionLifter:
    def __init__(
        self,
        program: Lifter,
        chunk: C.Chunk,
        params: list[ir.Var],
        upvalues: list[ir.Expr],
        name: str,
        depth: int,
    ) -> None:
        self.program = program
        self.chunk = chunk
        self.code = chunk.instructions
        self.consts = chunk.constants
        self.params = params
        self.upvalues = upvalues
        self.name = name
        self.depth = depth
        self.spans = chunk.spans
        self.temp = itertools.count(1)
        self.headers: dict[int, int] = {}
        for index, instr in enumerate(self.code):
            target = instr.jump_target(index)
            if target is not None and target <= index:
                self.headers[target] = max(self.headers.get(target, index), index)
        self.facts: dict[int, Tag] = {}  # var id -> the case it is known to be, on this path
        self.cse: dict[tuple[Any, ...], ir.Expr] = {}
        self.test_facts: dict[int, tuple[int, Tag]] = {}  # test result -> (var id, case)
        self.let_values: dict[int, ir.Expr] = {}  # temporaries -> what they hold

    def line(self, pc: int) -> int:
        if pc < len(self.spans):
            line = self.spans[pc].line
            return line if 0 < line < 10_000_000 else 1  # (spans are untrusted data)
        return 1

    # ------------------------------------------------------------------ running

    def run(self) -> ir.Expr:
        stack: list[ir.Expr] = [ir.Ref(0, p) for p in self.params]
        return self.region(0, len(self.code), stack, None, None, 0)

    def run_top(self, exporting: bool) -> tuple[ir.Expr, list[ir.Expr]]:
        """Lift the top level; with *exporting*, it must return from one place, whose stack
        holds the exported bindings (upstream code may return from several)."""
        final: list[list[ir.Expr]] = []

        def at_return(stack: list[ir.Expr], value: ir.Expr) -> ir.Expr:
            final.append(list(stack))
            return value

        self.on_return = at_return
        self.exporting = exporting
        body = self.region(0, len(self.code), [], None, None, 0)
        if not final:
            raise BytecodeError("the top level never returns")
        if exporting and len(final) != 1:
            raise (
                BytecodeError(
                    "the top level must return from exactly one place to export its bindings"
                )
                if final
                else BytecodeError("the top level never returns")
            )
        return body, final[0]

    on_return: Callable[[list[ir.Expr], ir.Expr], ir.Expr] | None = None
    exporting = False  # the top level of a file with exports: keep one return

    def fresh(self, hint: str = "t", mutable: bool = False) -> ir.Var:
        return ir.Var(f"{hint}{next(self.temp)}", mutable=mutable)

    def bind(self, steps: list[Step], value: ir.Expr, line: int, hint: str = "t") -> ir.Expr:
        """Give a computed value a name (so it is computed here, once)."""
        if _atomic(value):
            return value
        var = self.fresh(hint)
        steps.append(("let", var, value))
        self.let_values[var.id] = value
        return ir.Ref(line, var)

    def region(
        self,
        pc: int,
        end: int,
        stack: list[ir.Expr],
        k: Callable[[list[ir.Expr]], ir.Expr] | None,
        loop: LoopContext | None,
        nesting: int,
        entered_loop: int | None = None,
    ) -> ir.Expr:
        """Lift instructions ``[pc, end)``; *k* builds what follows when control reaches
        *end* with a given stack."""
        if nesting > MAX_CONTROL_DEPTH:
            raise BytecodeError("control flow is nested too deeply to lift")
        steps: list[Step] = []
        saved_facts = self.facts
        saved_cse = self.cse
        self.facts = dict(self.facts)
        self.cse = dict(self.cse)
        ticks = 0
        try:
            while pc < end:
                ticks += 1
                if ticks >= TICKS:
                    ticks = 0
                    spend(TICKS)
                if pc in self.headers and pc != entered_loop:
                    return fold(steps, self.loop(pc, end, stack, k, loop, nesting, steps))
                instr = self.code[pc]
                line = self.line(pc)
                op = instr.op
                if op is Op.RETURN:
                    value = stack[-1] if stack else ir.Const(line, None)
                    if self.on_return is not None:
                        return fold(steps, self.on_return(stack, value))
                    return fold(steps, value)
                if op is Op.JUMP_IF_FALSE:
                    return fold(steps, self.branch(pc, end, stack, k, loop, nesting, steps))
                if op is Op.JUMP:
                    target = instr.jump_target(pc)
                    assert target is not None
                    if loop is not None and target == loop.exit:
                        return fold(steps, ir.LoopControl(line, "break"))
                    if loop is not None and target == loop.header:
                        return fold(steps, ir.LoopControl(line, "continue"))
                    if target == end:
                        break
                    if pc < target < end:
                        pc = target
                        continue
                    raise BytecodeError(f"instruction {pc}: a jump the lifter cannot follow")
                if op is Op.TAIL_CALL:
                    self.call(instr.operands[0], stack, steps, line)  # type: ignore[arg-type]
                    return fold(steps, stack[-1])
                self.step(pc, instr, stack, steps, line)
                pc += 1
            if k is None:
                raise BytecodeError(f"instruction {pc}: control falls off the end of the code")
            return fold(steps, k(stack))
        finally:
            self.facts = saved_facts
            self.cse = saved_cse

    # ------------------------------------------------------------------ control flow

    def branch(
        self,
        pc: int,
        end: int,
        stack: list[ir.Expr],
        k: Callable[[list[ir.Expr]], ir.Expr] | None,
        loop: LoopContext | None,
        nesting: int,
        steps: list[Step],
    ) -> ir.Expr:
        instr = self.code[pc]
        line = self.line(pc)
        target = instr.jump_target(pc)
        assert target is not None
        cond = self.pop(stack, pc)
        known = self.test_facts.get(cond.var.id) if isinstance(cond, ir.Ref) else None
        if loop is not None and target == loop.exit and target >= end:
            rest = self.region(pc + 1, end, list(stack), k, loop, nesting + 1)
            return ir.If(line, cond, rest, ir.LoopControl(line, "break"))
        if not pc < target <= end:
            raise BytecodeError(f"instruction {pc}: a conditional jump the lifter cannot follow")
        then_end, else_range = target, None
        before = self.code[target - 1] if target - 1 > pc else None
        if before is not None and before.op is Op.JUMP:
            join = before.jump_target(target - 1)
            if (
                join is not None
                and target <= join <= end
                and not (loop is not None and join in (loop.exit, loop.header))
            ):
                then_end, else_range = target - 1, (target, join)
        join = else_range[1] if else_range is not None else target

        def to_join(st: list[ir.Expr]) -> ir.Expr:
            return JoinPoint(line, list(st))

        then_expr = self.with_fact(
            known, lambda: self.region(pc + 1, then_end, list(stack), to_join, loop, nesting + 1)
        )
        if else_range is not None:
            else_expr = self.region(
                else_range[0], else_range[1], list(stack), to_join, loop, nesting + 1
            )
        else:
            else_expr = JoinPoint(line, list(stack))
        return self.merge(line, cond, then_expr, else_expr, join, end, k, loop, nesting)

    def with_fact(self, fact: tuple[int, Tag] | None, body: Callable[[], ir.Expr]) -> ir.Expr:
        if fact is None:
            return body()
        saved = self.facts
        self.facts = {**saved, fact[0]: fact[1]}
        try:
            return body()
        finally:
            self.facts = saved

    def merge(
        self,
        line: int,
        cond: ir.Expr,
        then_expr: ir.Expr,
        else_expr: ir.Expr,
        join: int,
        end: int,
        k: Callable[[list[ir.Expr]], ir.Expr] | None,
        loop: LoopContext | None,
        nesting: int,
    ) -> ir.Expr:
        then_joins = list(_join_points(then_expr))
        else_joins = list(_join_points(else_expr))
        if not then_joins and not else_joins:
            return ir.If(line, cond, then_expr, else_expr)

        def continue_from(stack: list[ir.Expr]) -> ir.Expr:
            return self.region(join, end, stack, k, loop, nesting + 1)

        joins = then_joins + else_joins
        depths = {len(j.stack) for j in joins}
        if len(joins) > 1 and self.short_tail(join, end):
            # `if ... then a else b` right before a return: each branch returns by itself,
            # which keeps calls in the branches in tail position
            then_expr = _replace_join(then_expr, lambda jp: continue_from(jp.stack))
            else_expr = _replace_join(else_expr, lambda jp: continue_from(jp.stack))
            return ir.If(line, cond, then_expr, else_expr)
        if len(joins) == 1:
            only = joins[0]
            tail = continue_from(only.stack)
            then_expr = _replace_join(then_expr, lambda jp: tail)
            else_expr = _replace_join(else_expr, lambda jp: tail)
            return ir.If(line, cond, then_expr, else_expr)
        if len(depths) == 1:
            depth = depths.pop()
            differing = [p for p in range(depth) if len({id(j.stack[p]) for j in joins}) > 1]
            merged: list[ir.Expr] = list(joins[0].stack)
            if not differing:
                result = ir.If(
                    line,
                    cond,
                    _replace_join(then_expr, lambda jp: ir.Const(line, None)),
                    _replace_join(else_expr, lambda jp: ir.Const(line, None)),
                )
                return ir.Seq(line, [result, continue_from(merged)])
            out_vars = [self.fresh("m") for _ in differing]

            def values(jp: JoinPoint) -> ir.Expr:
                items = [jp.stack[p] for p in differing]
                return items[0] if len(items) == 1 else ir.Tuple(line, items)

            choice = ir.If(
                line, cond, _replace_join(then_expr, values), _replace_join(else_expr, values)
            )
            for p, var in zip(differing, out_vars, strict=True):
                merged[p] = ir.Ref(line, var)
            rest = continue_from(merged)
            if len(out_vars) == 1:
                return ir.Let(line, out_vars[0], choice, rest)
            pat = ir.PTuple(line, [ir.PBind(line, v) for v in out_vars])
            return ir.Match(line, choice, [ir.Arm(pat, None, rest)], what="let")
        # different stack heights (upstream's match arms): lift the rest once per path
        size = end - join
        self.program.budget -= size * len(joins)
        if self.program.budget < 0:
            raise BytecodeError("the bytecode's stack shapes would need too much duplication")
        then_expr = _replace_join(then_expr, lambda jp: continue_from(jp.stack))
        else_expr = _replace_join(else_expr, lambda jp: continue_from(jp.stack))
        return ir.If(line, cond, then_expr, else_expr)

    def short_tail(self, join: int, end: int) -> bool:
        """Is the code after a join a few instructions ending in ``Return`` (no branches)?"""
        if self.exporting:
            return False
        for index in range(join, min(end, join + 6)):
            op = self.code[index].op
            if op is Op.RETURN:
                return True
            if op in (Op.JUMP, Op.JUMP_IF_FALSE, Op.MAKE_CLOSURE, Op.CALL) or index in self.headers:
                return False
        return False

    def loop(
        self,
        header: int,
        end: int,
        stack: list[ir.Expr],
        k: Callable[[list[ir.Expr]], ir.Expr] | None,
        outer: LoopContext | None,
        nesting: int,
        steps: list[Step],
    ) -> ir.Expr:
        back = self.headers[header]
        exit_at = back + 1
        if exit_at > end:
            raise BytecodeError(f"instruction {header}: a loop that leaves its region")
        line = self.line(header)
        carried = sorted(
            {
                int(instr.operands[0])
                for instr in self.code[header : back + 1]
                if instr.op is Op.STORE_LOCAL and int(instr.operands[0]) < len(stack)
            }
        )
        for position in carried:
            entry = stack[position]
            if isinstance(entry, ir.Ref) and entry.var.mutable:
                continue
            if isinstance(entry, Marker):
                raise BytecodeError(f"instruction {header}: a loop overwrites a special value")
            var = self.fresh("loop", mutable=True)
            steps.append(("let", var, entry))
            stack[position] = ir.Ref(line, var)
        entry_stack = list(stack)
        context = LoopContext(header, exit_at)

        def at_back_edge(st: list[ir.Expr]) -> ir.Expr:
            return ir.Const(line, None)

        body = self.region(header, back, list(stack), at_back_edge, context, nesting + 1, header)
        loop_expr = ir.While(line, ir.Const(line, True), body)
        rest = self.region(exit_at, end, entry_stack, k, outer, nesting + 1)
        return ir.Seq(line, [loop_expr, rest])

    # ------------------------------------------------------------------ instructions

    def const(self, index: object, line: int) -> ir.Expr:
        if type(index) is not int or not 0 <= index < len(self.consts):
            raise BytecodeError(f"constant index {index} out of range")
        return self.value(self.consts[index], line)

    def value(self, constant: C.Value, line: int) -> ir.Expr:
        if type(constant) is int or type(constant) is bool or type(constant) is str:
            return ir.Const(line, constant)
        if isinstance(constant, C.Float):
            return ir.Const(line, constant.value)
        if isinstance(constant, C.Unit):
            return ir.Const(line, None)
        if isinstance(constant, C.Nil):
            return ir.List(line, [])
        if isinstance(constant, C.Variant):
            if (
                constant.type_name == "char"
                and len(constant.variant_name) == 1
                and not (constant.fields)
            ):
                return ir.Const(line, Char(constant.variant_name))
            tag = self.program.tag(constant.type_name, constant.variant_name, len(constant.fields))
            return ir.Ctor(line, tag, [self.value(f, line) for f in constant.fields])
        if isinstance(constant, C.Tuple):
            return ir.Tuple(line, [self.value(v, line) for v in constant.items])
        if isinstance(constant, C.Cons):
            return ir.Prim(
                line, "::", [self.value(constant.head, line), self.value(constant.tail, line)]
            )
        if isinstance(constant, C.Array):
            return ir.Array(line, [self.value(v, line) for v in constant.items])
        if isinstance(constant, C.Record):
            return ir.Record(line, [(k, self.value(v, line)) for k, v in constant.entries])
        raise BytecodeError(f"a {C.value_kind(constant)} constant cannot be loaded as a value")

    def pop(self, stack: list[ir.Expr], pc: int) -> ir.Expr:
        if not stack:
            raise BytecodeError(f"instruction {pc}: the stack is empty")
        return stack.pop()

    def push_value(
        self, stack: list[ir.Expr], steps: list[Step], value: ir.Expr, line: int
    ) -> None:
        stack.append(self.bind(steps, value, line))

    def pure(
        self, steps: list[Step], key: tuple[Any, ...], make: Callable[[], ir.Expr], line: int
    ) -> ir.Expr:
        """A side-effect-free operation on immutable inputs, computed once per path."""
        found = self.cse.get(key)
        if found is not None:
            return found
        atom = self.bind(steps, make(), line)
        self.cse[key] = atom
        return atom

    def step(
        self, pc: int, instr: C.Instruction, stack: list[ir.Expr], steps: list[Step], line: int
    ) -> None:
        op = instr.op
        operands = instr.operands
        if op is Op.LOAD_CONST:
            stack.append(self.bind(steps, self.const(operands[0], line), line, "c"))
        elif op is Op.LOAD_LOCAL:
            index: Any = int(operands[0])
            if index >= len(stack):
                raise BytecodeError(f"instruction {pc}: local {index} does not exist")
            entry = stack[index]
            if isinstance(entry, ir.Ref) and entry.var.mutable:
                entry = self.bind(steps, ir.Ref(line, entry.var), line, "v")
            stack.append(entry)
        elif op is Op.STORE_LOCAL:
            index = int(operands[0])
            value = self.pop(stack, pc)
            if index < len(stack):
                current = stack[index]
                if isinstance(current, ir.Ref) and current.var.mutable:
                    self.assign(steps, current.var, value)
                else:
                    stack[index] = value
            else:
                while len(stack) < index:
                    stack.append(ir.Const(line, None))
                stack.append(value)
        elif op is Op.LOAD_UPVALUE:
            index = int(operands[0])
            if index >= len(self.upvalues):
                raise BytecodeError(f"instruction {pc}: upvalue {index} does not exist")
            stack.append(self.upvalues[index])
        elif op is Op.STORE_UPVALUE:
            raise BytecodeError(f"instruction {pc}: StoreUpvalue is not supported")
        elif op is Op.LOAD_GLOBAL:
            name: Any = self.const(operands[0], line)
            assert isinstance(name, ir.Const)
            stack.append(self.global_(str(name.value), line, pc))
        elif op is Op.POP:
            self.pop(stack, pc)
        elif op is Op.DUP:
            if not stack:
                raise BytecodeError(f"instruction {pc}: the stack is empty")
            stack.append(stack[-1])
        elif op in (Op.CHECK_INT, Op.CHECK_BOOL, Op.CHECK_STRING):
            top = stack[-1] if stack else None
            if top is None:
                raise BytecodeError(f"instruction {pc}: the stack is empty")
            constant = ir.Const(line, operands[0])
            self.push_value(stack, steps, ir.Intrinsic(line, "check", [top, constant]), line)
        elif op is Op.CHECK_TUPLE_LEN:
            if not stack:
                raise BytecodeError(f"instruction {pc}: the stack is empty")
            top = stack[-1]
            test: ir.Expr = ir.Intrinsic(line, "is_tuple", [top, ir.Const(line, operands[0])])
            self.push_value(stack, steps, test, line)
        elif op in (Op.GET_TUPLE_ELEM, Op.GET_TUPLE_FIELD):
            if not stack:
                raise BytecodeError(f"instruction {pc}: the stack is empty")
            target = stack[-1] if op is Op.GET_TUPLE_ELEM else self.pop(stack, pc)
            index = int(operands[0])
            stack.append(
                self.pure(
                    steps,
                    ("tuple", id(target), index),
                    lambda: ir.TupleGet(line, target, index),
                    line,
                )
            )
        elif op in _ARITH:
            right = self.pop(stack, pc)
            left = self.pop(stack, pc)
            self.push_value(stack, steps, ir.Prim(line, _ARITH[op], [left, right]), line)
        elif op is Op.NOT:
            value = self.pop(stack, pc)
            not_ = ir.Apply(line, ir.BuiltinRef(line, REGISTRY["not"]), [value])
            self.push_value(stack, steps, not_, line)
        elif op is Op.CALL:
            self.call(int(operands[0]), stack, steps, line)
        elif op is Op.CALL_METHOD:
            name = self.const(operands[0], line)
            argc = int(operands[1])
            args = [self.pop(stack, pc) for _ in range(argc)][::-1]
            receiver = self.pop(stack, pc)
            assert isinstance(name, ir.Const)
            member = ir.Member(line, receiver, str(name.value), args)
            self.push_value(stack, steps, member, line)
        elif op in (Op.MAKE_TUPLE, Op.MAKE_LIST, Op.MAKE_ARRAY):
            count = int(operands[0])
            items = [self.pop(stack, pc) for _ in range(count)][::-1]
            node: ir.Expr = (
                ir.Tuple(line, items)
                if op is Op.MAKE_TUPLE
                else ir.List(line, items)
                if op is Op.MAKE_LIST
                else ir.Array(line, items)
            )
            self.push_value(stack, steps, node, line)
        elif op is Op.CONS:
            tail = self.pop(stack, pc)
            head = self.pop(stack, pc)
            self.push_value(stack, steps, ir.Prim(line, "::", [head, tail]), line)
        elif op in (Op.LIST_HEAD, Op.LIST_TAIL):
            target = self.pop(stack, pc)
            part = "head" if op is Op.LIST_HEAD else "tail"
            stack.append(
                self.pure(steps, (part, id(target)), lambda: ir.ListPart(line, target, part), line)
            )
        elif op is Op.IS_NIL:
            target = self.pop(stack, pc)
            test = ir.Match(
                line,
                target,
                [
                    ir.Arm(ir.PNil(line), None, ir.Const(line, True)),
                    ir.Arm(ir.PAny(line), None, ir.Const(line, False)),
                ],
            )
            self.push_value(stack, steps, test, line)
        elif op is Op.ARRAY_GET:
            index = self.pop(stack, pc)
            target = self.pop(stack, pc)
            if isinstance(target, CellMarker):
                self.require_zero(index, pc)
                stack.append(self.bind(steps, ir.Ref(line, target.var), line, "v"))
            else:
                self.push_value(stack, steps, ir.Index(line, target, index), line)
        elif op is Op.ARRAY_SET:
            value = self.pop(stack, pc)
            index = self.pop(stack, pc)
            target = self.pop(stack, pc)
            if isinstance(target, CellMarker):
                self.require_zero(index, pc)
                self.assign(steps, target.var, value)
            else:
                steps.append(("do", ir.SetIndex(line, target, index, value)))
            stack.append(ir.Const(line, None))
        elif op is Op.ARRAY_LENGTH:
            target = self.pop(stack, pc)
            self.push_value(stack, steps, ir.Intrinsic(line, "array_length", [target]), line)
        elif op is Op.ARRAY_UPDATE:
            value = self.pop(stack, pc)
            index = self.pop(stack, pc)
            target = self.pop(stack, pc)
            update = ir.Intrinsic(line, "array_update", [target, index, value])
            self.push_value(stack, steps, update, line)
        elif op is Op.MAKE_RECORD:
            count = int(operands[0])
            fields: Any = []
            for _ in range(count):
                value = self.pop(stack, pc)
                name = self.pop(stack, pc)
                fields.append((self.string(name, pc), value))
            fields.reverse()
            seen: dict[str, ir.Expr] = {}
            for name_, value in fields:
                seen.setdefault(name_, value)  # upstream: the first one written wins
            self.push_value(stack, steps, ir.Record(line, list(seen.items())), line)
        elif op is Op.GET_RECORD_FIELD:
            name_expr = self.pop(stack, pc)
            target = self.pop(stack, pc)
            name = self.string(name_expr, pc)
            if isinstance(target, ModuleMarker):
                builtin = REGISTRY.get(f"{target.name}.{name}")
                if builtin is None:
                    raise BytecodeError(
                        f"instruction {pc}: the library has no {target.name}.{name}"
                    )
                stack.append(ir.BuiltinRef(line, builtin))
            else:  # (record fields may be mutable: each read is its own)
                self.push_value(stack, steps, ir.GetField(line, target, name), line)
        elif op is Op.UPDATE_RECORD:
            count = int(operands[0])
            updates = []
            for _ in range(count):
                value = self.pop(stack, pc)
                name = self.pop(stack, pc)
                updates.append((self.string(name, pc), value))
            updates.reverse()
            base = self.pop(stack, pc)
            self.push_value(stack, steps, ir.RecordUpdate(line, base, updates, extend=True), line)
        elif op is Op.MAKE_VARIANT:
            count = int(operands[0])
            fields = [self.pop(stack, pc) for _ in range(count)][::-1]
            variant = self.string(self.pop(stack, pc), pc)
            type_name = self.string(self.pop(stack, pc), pc)
            made = self.program.tag(type_name, variant, count)
            if made.arity != count:
                made = Tag(variant, type_name, 1000, count)
            self.push_value(stack, steps, ir.Ctor(line, made, fields), line)
        elif op is Op.CHECK_VARIANT_TAG:
            target = self.pop(stack, pc)
            name = str(operands[0])
            tag: Tag | None = self.program.tag_by_name(name)
            if tag is not None:
                pattern = ir.PCtor(line, tag, [ir.PAny(line) for _ in range(tag.arity)])
                test = ir.Match(
                    line,
                    target,
                    [
                        ir.Arm(pattern, None, ir.Const(line, True)),
                        ir.Arm(ir.PAny(line), None, ir.Const(line, False)),
                    ],
                )
            else:
                test = ir.Intrinsic(line, "case_named", [target, ir.Const(line, name)])
            result = self.bind(steps, test, line)
            stack.append(result)
            if tag is not None and isinstance(target, ir.Ref) and isinstance(result, ir.Ref):
                self.test_facts[result.var.id] = (target.var.id, tag)
        elif op is Op.GET_VARIANT_FIELD:
            target = self.pop(stack, pc)
            index = int(operands[0])
            known = self.facts.get(target.var.id) if isinstance(target, ir.Ref) else None
            stack.append(
                self.pure(
                    steps,
                    ("variant", id(target), index),
                    lambda: ir.CaseField(line, target, known, index),
                    line,
                )
            )
        elif op is Op.MAKE_CLOSURE:
            self.make_closure(pc, operands, stack, steps, line)
        elif op is Op.CLOSE_UPVALUE:
            pass
        else:  # pragma: no cover - validated chunks contain nothing else
            raise BytecodeError(f"instruction {pc}: unsupported {op.name}")

    def string(self, expr: ir.Expr, pc: int) -> str:
        if isinstance(expr, ir.Const) and isinstance(expr.value, str):
            return expr.value
        raise BytecodeError(f"instruction {pc}: a name must be a string constant")

    def require_zero(self, index: ir.Expr, pc: int) -> None:
        if not (isinstance(index, ir.Const) and index.value == 0 and type(index.value) is int):
            raise BytecodeError(f"instruction {pc}: a cell is only ever read at index 0")

    def assign(self, steps: list[Step], var: ir.Var, value: ir.Expr) -> None:
        self.program.assign_counts[var.id] = self.program.assign_counts.get(var.id, 0) + 1
        steps.append(("assign", var, value))

    def global_(self, name: str, line: int, pc: int) -> ir.Expr:
        if name in INTRINSICS:
            return IntrinsicMarker(line, name)
        if any(key.startswith(name + ".") for key in _MODULES):
            return ModuleMarker(line, name)
        builtin = REGISTRY.get(name)
        if builtin is not None and "." not in name:
            return ir.BuiltinRef(line, builtin)
        raise BytecodeError(f"instruction {pc}: unknown global '{name}'")

    def make_closure(
        self, pc: int, operands: tuple[Any, ...], stack: list[ir.Expr], steps: list[Step], line: int
    ) -> None:
        proto = self.consts[int(operands[0])] if int(operands[0]) < len(self.consts) else None
        if not isinstance(proto, C.Closure):
            raise BytecodeError(f"instruction {pc}: MakeClosure needs a closure constant")
        count = int(operands[1])
        if count > len(stack):
            raise BytecodeError(f"instruction {pc}: the closure captures more than the stack holds")
        captured = stack[len(stack) - count :] if count else []
        del stack[len(stack) - count :]
        if self.depth >= 60:
            raise BytecodeError("closures are nested too deeply to lift")
        params = [ir.Var(f"p{i}") for i in range(proto.arity)]
        inner = FunctionLifter(
            self.program, proto.chunk, params, list(captured), proto.name or "<fun>", self.depth + 1
        )
        body = inner.run()
        if proto.arity == 0:
            # upstream arity-0 closures run when called with no arguments: F# has none, so
            # they become functions of unit
            params = [ir.Var("unit")]
        lam = ir.Lam(line, params, body, proto.name or "<fun>")
        self.push_value(stack, steps, lam, line)

    def call(self, argc: int, stack: list[ir.Expr], steps: list[Step], line: int) -> None:
        if argc + 1 > len(stack):
            raise BytecodeError("a call needs more values than the stack holds")
        args = stack[len(stack) - argc :] if argc else []
        del stack[len(stack) - argc :]
        callee = stack.pop()
        if isinstance(callee, IntrinsicMarker):
            self.intrinsic(callee.name, args, stack, steps, line)
            return
        if isinstance(callee, Marker):
            raise BytecodeError(f"line {line}: a {type(callee).__name__} cannot be called")
        if argc == 0:
            args = [ir.Const(line, None)]
        self.push_value(stack, steps, ir.Apply(line, callee, list(args)), line)

    # ------------------------------------------------------------------ intrinsics

    def intrinsic(
        self, name: str, args: list[ir.Expr], stack: list[ir.Expr], steps: list[Step], line: int
    ) -> None:
        expected = INTRINSICS[name]
        if len(args) != expected:
            raise BytecodeError(f"line {line}: {name} takes {expected} arguments, got {len(args)}")
        if name == "__cell":
            var = self.fresh("cell", mutable=True)
            steps.append(("let", var, args[0]))
            stack.append(CellMarker(line, var))
            return
        if name == "__try":
            body, handler = (self.lambda_of(a, line) for a in args)
            result: ir.Expr = ir.TryWith(line, body.body, handler.params[0], handler.body)
            self.push_value(stack, steps, result, line)
            return
        if name == "__try_finally":
            body, final = (self.lambda_of(a, line) for a in args)
            result = ir.TryFinally(line, body.body, final.body)
            self.push_value(stack, steps, result, line)
            return
        if name == "__reraise":
            steps.append(("do", ir.Reraise(line)))
            stack.append(ir.Const(line, None))
            return
        if name == "__format":
            func, fmt, values, list_form = args
            items = self.list_items(values, line)
            node: ir.Expr = ir.Format(
                line,
                self.const_str(func, line),
                self.const_str(fmt, line),
                items,
                list_form=bool(getattr(list_form, "value", False)),
            )
            self.push_value(stack, steps, node, line)
            return
        if name == "__match_failure":
            subject, _where, what = args
            match = ir.Match(line, subject, [], what=self.const_str(what, line))
            self.push_value(stack, steps, match, line)
            return
        if name == "__range":
            kind, start, step, stop = args
            step_expr = None if isinstance(step, ir.Const) and step.value is None else step
            node = ir.Range(line, start, step_expr, stop, self.const_str(kind, line))
            self.push_value(stack, steps, node, line)
            return
        if name == "__slice":
            target, start, stop = args
            node = ir.Slice(
                line,
                target,
                None if isinstance(start, ir.Const) and start.value is None else start,
                None if isinstance(stop, ir.Const) and stop.value is None else stop,
            )
            self.push_value(stack, steps, node, line)
            return
        if name == "__setf":
            target, field_name, value = args
            steps.append(("do", ir.SetField(line, target, self.const_str(field_name, line), value)))
            stack.append(ir.Const(line, None))
            return
        if name in _INTRINSIC_PRIMS:
            self.push_value(stack, steps, ir.Prim(line, _INTRINSIC_PRIMS[name], list(args)), line)
            return
        if name in {"__ctor", "__ctor_partial"}:
            type_name = self.const_str(args[0], line)
            case = self.const_str(args[1], line)
            arity = args[2].value if isinstance(args[2], ir.Const) else None
            if type(arity) is not int:
                raise BytecodeError(f"line {line}: {name} needs a constant arity")
            tag = self.program.tag(type_name, case, arity)
            given = self.list_items(args[3], line) if name == "__ctor_partial" else []
            self.push_value(stack, steps, ir.Ctor(line, tag, given), line)
            return
        if name in (
            "__acc_new",
            "__acc_add",
            "__acc_add_many",
            "__acc_done",
            "__to_list",
            "__check_step",
            "__in_range",
        ):
            self.push_value(stack, steps, ir.Intrinsic(line, name.strip("_"), list(args)), line)
            return
        raise BytecodeError(f"line {line}: unsupported intrinsic {name}")  # pragma: no cover

    def lambda_of(self, expr: ir.Expr, line: int) -> ir.Lam:
        lam = self.find_let(expr)
        if not isinstance(lam, ir.Lam):
            raise BytecodeError(f"line {line}: this intrinsic needs a closure argument")
        return lam

    def find_let(self, expr: ir.Expr) -> ir.Expr | None:
        if isinstance(expr, ir.Lam):
            return expr
        if isinstance(expr, ir.Ref):
            return self.let_values.get(expr.var.id)
        return None

    def list_items(self, expr: ir.Expr, line: int) -> list[ir.Expr]:
        found = self.find_let(expr)
        if isinstance(found, ir.List):
            return list(found.items)
        if isinstance(expr, ir.List):
            return list(expr.items)
        raise BytecodeError(f"line {line}: expected a list built in place")

    def const_str(self, expr: ir.Expr, line: int) -> str:
        found = expr
        if isinstance(expr, ir.Ref):
            found = self.let_values.get(expr.var.id, expr)
        if isinstance(found, ir.Const) and isinstance(found.value, str):
            return found.value
        raise BytecodeError(f"line {line}: expected a string constant")


_ARITH = {
    Op.ADD: "+", Op.SUB: "-", Op.MUL: "*", Op.DIV: "/", Op.CONCAT: "^", Op.EQ: "=",
    Op.NEQ: "<>", Op.LT: "<", Op.LTE: "<=", Op.GT: ">", Op.GTE: ">=", Op.AND: "&&",
    Op.OR: "||",
}  # fmt: skip

INTRINSICS = {
    "__cell": 1, "__try": 2, "__try_finally": 2, "__reraise": 1, "__format": 4,
    "__match_failure": 3, "__range": 4, "__slice": 3, "__setf": 3, "__op_mod": 2,
    "__op_neg": 1, "__op_pow": 2, "__op_append": 2, "__ctor": 3, "__ctor_partial": 4,
    "__acc_new": 1, "__acc_add": 2, "__acc_add_many": 2, "__acc_done": 2, "__to_list": 1,
    "__check_step": 1, "__in_range": 3,
}  # fmt: skip
_INTRINSIC_PRIMS = {"__op_mod": "%", "__op_neg": "neg", "__op_pow": "**", "__op_append": "@"}
_MODULES = {name for name in REGISTRY if "." in name}


# --------------------------------------------------------------------------- join points


def _join_points(expr: ir.Expr) -> Iterator[JoinPoint]:
    """The join points in tail position of *expr*."""
    stack = [expr]
    while stack:
        node = stack.pop()
        if isinstance(node, JoinPoint):
            yield node
        elif isinstance(node, ir.If):
            stack.extend((node.then, node.orelse))
        elif isinstance(node, ir.Match):
            stack.extend(arm.body for arm in node.arms)
        elif isinstance(node, ir.Let | ir.LetRec):
            stack.append(node.body)
        elif isinstance(node, ir.Seq):
            stack.append(node.items[-1])


def _replace_join(expr: ir.Expr, make: Callable[[JoinPoint], ir.Expr]) -> ir.Expr:
    """*expr* with each tail join point replaced by ``make(join_point)``."""
    if isinstance(expr, JoinPoint):
        return make(expr)
    if isinstance(expr, ir.If):
        expr.then = _replace_join(expr.then, make)
        expr.orelse = _replace_join(expr.orelse, make)
    elif isinstance(expr, ir.Match):
        for arm in expr.arms:
            arm.body = _replace_join(arm.body, make)
    elif isinstance(expr, ir.Let | ir.LetRec):
        expr.body = _replace_join(expr.body, make)
    elif isinstance(expr, ir.Seq):
        expr.items[-1] = _replace_join(expr.items[-1], make)
    return expr


# --------------------------------------------------------------------------- rewrites


class Rewriter:
    """IR clean-ups after lifting: ``let rec`` from cells, copy propagation, conditions."""

    def __init__(self, assign_counts: dict[int, int]) -> None:
        self.assign_counts = assign_counts

    def run(self, expr: ir.Expr) -> ir.Expr:
        expr = self.recover_rec(expr)
        expr = self.propagate(expr)
        expr = self.forward_reads(expr)
        expr = _rewrite_bottom_up(expr, _short_circuit)
        expr = self.conditions(expr)
        expr = _rewrite_bottom_up(expr, _merge_matches)
        expr = self.for_ranges(expr)
        return expr

    # -- `let v = m in ... v ...` (a snapshot of a mutable local) -> `... m ...` while no
    #    assignment to m can happen between the snapshot and the last use of v

    def forward_reads(self, expr: ir.Expr) -> ir.Expr:
        captured = _captured_mutables(expr)

        def forward(node: ir.Expr) -> ir.Expr:
            while (
                isinstance(node, ir.Let)
                and isinstance(node.value, ir.Ref)
                and node.value.var.mutable
                and not node.var.mutable
                and node.value.var.id not in captured
                and _reads_before_writes(node.var, node.value.var, node.body)
            ):
                _substitute(node.body, {node.var.id: node.value.var})
                node = node.body
            if (
                isinstance(node, ir.Assign)
                and isinstance(node.value, ir.Ref)
                and node.value.var is node.var
            ):
                return ir.Const(node.line, None)
            return node

        expr = forward(expr)
        _rewrite_children(expr, forward)
        return expr

    # -- `while true do if i <= n then (body; i <- i + 1) else break`  ->  `for i in _ .. n`

    def for_ranges(self, expr: ir.Expr) -> ir.Expr:
        refs: dict[int, int] = {}
        assigns: dict[int, int] = {}
        initial: dict[int, ir.Const] = {}
        for node in _walk_all(expr):
            if isinstance(node, ir.Ref):
                refs[node.var.id] = refs.get(node.var.id, 0) + 1
            elif isinstance(node, ir.Assign):
                assigns[node.var.id] = assigns.get(node.var.id, 0) + 1
            elif (
                isinstance(node, ir.Let)
                and node.var.mutable
                and isinstance(node.value, ir.Const)
                and type(node.value.value) is int
            ):
                initial[node.var.id] = node.value

        def convert(node: ir.Expr) -> ir.Expr:
            if not (
                isinstance(node, ir.While)
                and isinstance(node.cond, ir.Const)
                and node.cond.value is True
                and isinstance(node.body, ir.If)
                and isinstance(node.body.orelse, ir.LoopControl)
                and node.body.orelse.kind == "break"
            ):
                return node
            test = node.body.cond
            if not (
                isinstance(test, ir.Prim)
                and test.op in ("<=", ">=")
                and isinstance(test.args[0], ir.Ref)
                and test.args[0].var.mutable
                and (
                    (isinstance(test.args[1], ir.Const) and type(test.args[1].value) is int)
                    or (isinstance(test.args[1], ir.Ref) and not test.args[1].var.mutable)
                )
            ):
                return node
            counter = test.args[0].var
            down = test.op == ">="
            body = node.body.then
            increment = _final_increment(body, counter, -1 if down else 1)
            if increment is None:
                return node
            parent, index = increment
            inside = [
                sub
                for sub in _walk_all(body)
                if isinstance(sub, ir.Ref | ir.Assign | ir.LoopControl | ir.Lam)
            ]
            if any(
                isinstance(sub, ir.Assign) and sub.var is counter and sub is not parent[index]
                for sub in inside
            ) or any(isinstance(sub, ir.LoopControl) and sub.kind == "continue" for sub in inside):
                return node
            uses_inside = sum(1 for sub in inside if isinstance(sub, ir.Ref) and sub.var is counter)
            # the condition's read, the increment's read, and the body's reads: no others
            if refs.get(counter.id, 0) != uses_inside + 1:
                return node
            if any(
                isinstance(sub, ir.Lam)
                and any(isinstance(r, ir.Ref) and r.var is counter for r in _walk_all(sub.body))
                for sub in inside
            ):
                return node
            parent[index] = ir.Const(node.line, None)
            item = ir.Var(counter.name)
            _substitute(body, {counter.id: item})
            start: ir.Expr = ir.Ref(node.line, counter)
            if counter.id in initial and assigns.get(counter.id) == 1:
                start = ir.Const(node.line, initial[counter.id].value)
            return ir.ForRange(node.line, item, start, test.args[1], None, down, body)

        expr = convert(expr)
        _rewrite_children(expr, convert)
        return expr

    # -- `let t = test in if t then a else b`  ->  `if test then a else b`, and
    #    `let t = e in t`  ->  `e` (so a call whose result is returned is a tail call again)

    def conditions(self, expr: ir.Expr) -> ir.Expr:
        uses: dict[int, int] = {}
        for node in _walk_all(expr):
            if isinstance(node, ir.Ref):
                uses[node.var.id] = uses.get(node.var.id, 0) + 1

        def drop_tail_let(node: ir.Expr) -> ir.Expr:
            while (
                isinstance(node, ir.Let) and uses.get(node.var.id, 0) == 1 and not node.var.mutable
            ):
                # the first thing the body evaluates is the variable itself: use the value
                first = node.body
                holder: Any = None
                if isinstance(first, ir.Seq):
                    holder, first = first, first.items[0]
                if isinstance(first, ir.Ref) and first.var is node.var:
                    if holder is None:
                        node = node.value
                        continue
                    holder.items[0] = node.value
                    node = holder
                    continue
                if (
                    isinstance(first, ir.Assign)
                    and isinstance(first.value, ir.Ref)
                    and first.value.var is node.var
                ):
                    first.value = node.value
                    node = node.body
                    continue
                break
            return node

        def fold_condition(node: ir.Expr) -> ir.Expr:
            if not (isinstance(node, ir.Let) and isinstance(node.body, ir.If)):
                return node
            branch = node.body
            cond, negated = branch.cond, False
            if (
                isinstance(cond, ir.Apply)
                and isinstance(cond.func, ir.BuiltinRef)
                and cond.func.builtin.name == "not"
                and len(cond.args) == 1
            ):
                cond, negated = cond.args[0], True
            if not (
                isinstance(cond, ir.Ref)
                and cond.var is node.var
                and uses.get(node.var.id, 0) == 1
                and not node.var.mutable
            ):
                return node
            test = node.value
            then, orelse = (branch.orelse, branch.then) if negated else (branch.then, branch.orelse)
            if (
                isinstance(test, ir.Match)
                and len(test.arms) == 2
                and test.arms[0].guard is None
                and isinstance(test.arms[0].body, ir.Const)
                and test.arms[0].body.value is True
                and isinstance(test.arms[1].pat, ir.PAny)
            ):
                return ir.Match(
                    node.line,
                    test.subject,
                    [ir.Arm(test.arms[0].pat, None, then), ir.Arm(test.arms[1].pat, None, orelse)],
                )
            if negated:
                branch.cond.args[0] = test  # type: ignore[attr-defined]
            else:
                branch.cond = test
            return branch

        for rewrite in (drop_tail_let, fold_condition):
            expr = _rewrite_bottom_up(expr, rewrite)
        return expr

    # -- let rec: `let mutable f = () ... f <- (fun ...)` written once, before any read

    def recover_rec(self, expr: ir.Expr) -> ir.Expr:
        def rewrite(child: ir.Expr) -> ir.Expr:
            return self.rec_from(child) if isinstance(child, ir.Let) else child

        expr = rewrite(expr)
        _rewrite_children(expr, rewrite)
        return expr

    def rec_from(self, let: ir.Let) -> ir.Expr:
        cells: list[ir.Var] = []
        node: ir.Expr = let
        while (
            isinstance(node, ir.Let)
            and node.var.mutable
            and node.var.name.startswith("cell")
            and isinstance(node.value, ir.Const)
            and node.value.value is None
            and self.assign_counts.get(node.var.id, 0) == 1
        ):
            cells.append(node.var)
            node = node.body
        if not cells:
            return let
        bindings: list[tuple[ir.Var, ir.Lam]] = []
        rest = node
        prefix: list[ir.Expr] = []
        pending = set(v.id for v in cells)
        while pending and isinstance(rest, ir.Let | ir.Seq):
            if isinstance(rest, ir.Let) and isinstance(rest.value, ir.Lam):
                prefix.append(rest)  # a closure built before being stored
                rest = rest.body
                continue
            if isinstance(rest, ir.Seq) and isinstance(rest.items[0], ir.Assign):
                assign = rest.items[0]
                target = assign.var
                lam = self.lam_of(assign.value, prefix)
                if target.id in pending and lam is not None:
                    bindings.append((target, lam))
                    pending.discard(target.id)
                    rest = (
                        rest.items[1] if len(rest.items) == 2 else ir.Seq(rest.line, rest.items[1:])
                    )
                    continue
            break
        if pending:
            return let
        for var, lam in bindings:
            var.mutable = False
            var.lam = lam
            var.arity = len(lam.params)
            lam.name = lam.name if lam.name != "<fun>" else var.name
        bound_lams = {id(lam) for _, lam in bindings}
        kept = [
            item for item in prefix if isinstance(item, ir.Let) and id(item.value) not in bound_lams
        ]
        body = rest
        for binding in reversed(kept):
            assert isinstance(binding, ir.Let)
            body = ir.Let(binding.line, binding.var, binding.value, body)
        # references to the closures' temporaries now mean the rec-bound functions
        alias = {
            item.var.id: var
            for item in prefix
            if isinstance(item, ir.Let)
            for var, lam in bindings
            if item.value is lam
        }
        result: ir.Expr = ir.LetRec(let.line, bindings, body)
        if alias:
            _substitute(result, alias)
        return result

    def lam_of(self, value: ir.Expr, prefix: list[ir.Expr]) -> ir.Lam | None:
        if isinstance(value, ir.Lam):
            return value
        if isinstance(value, ir.Ref):
            for item in prefix:
                if (
                    isinstance(item, ir.Let)
                    and item.var is value.var
                    and isinstance(item.value, ir.Lam)
                ):
                    return item.value
        return None

    # -- copy propagation: `let t = x` with x immutable

    def propagate(self, expr: ir.Expr) -> ir.Expr:
        alias: dict[int, ir.Var] = {}
        for node in _walk_all(expr):
            if (
                isinstance(node, ir.Let)
                and isinstance(node.value, ir.Ref)
                and not (node.value.var.mutable or node.var.mutable)
            ):
                alias[node.var.id] = node.value.var
        if not alias:
            return expr

        def resolve(var: ir.Var) -> ir.Var:
            seen = 0
            while var.id in alias and seen < 1000:
                var = alias[var.id]
                seen += 1
            return var

        final = {vid: resolve(v) for vid, v in alias.items()}
        _substitute(expr, final)
        return _drop_aliases(expr, set(final))


def _rewrite_children(root: ir.Expr, rewrite: Callable[[ir.Expr], ir.Expr]) -> None:
    """Apply *rewrite* to every sub-expression of *root* (top-down: a rewritten node's own
    children are visited afterwards)."""
    stack: list[Any] = [root]
    ticks = 0
    while stack:
        node = stack.pop()
        ticks += 1
        if ticks >= TICKS:
            ticks = 0
            spend(TICKS)
        if isinstance(node, ir.Arm):
            node.body = rewrite(node.body)
            if node.guard is not None:
                node.guard = rewrite(node.guard)
            stack.extend(x for x in (node.body, node.guard) if x is not None)
            continue
        if not isinstance(node, ir.Expr):
            continue
        for attr in node.__slots__:
            if attr == "ty":
                continue
            value = getattr(node, attr, None)
            if isinstance(value, ir.Expr):
                new = rewrite(value)
                setattr(node, attr, new)
                stack.append(new)
            elif isinstance(value, list):
                for index, item in enumerate(value):
                    if isinstance(item, ir.Expr):
                        value[index] = rewrite(item)
                        stack.append(value[index])
                    elif isinstance(item, ir.Arm):
                        stack.append(item)
                    elif isinstance(item, tuple):
                        parts = list(item)
                        for i, part in enumerate(parts):
                            if isinstance(part, ir.Expr):
                                parts[i] = rewrite(part)
                                stack.append(parts[i])
                        value[index] = tuple(parts)


def _captured_mutables(expr: ir.Expr) -> set[int]:
    """Mutable variables used inside a function other than the one that binds them."""
    from fusabi_host.lang.codegen import _children  # noqa: PLC0415

    owner: dict[int, int] = {}
    used_in: dict[int, set[int]] = {}
    stack: list[tuple[Any, int]] = [(expr, 0)]
    while stack:
        node, fn = stack.pop()
        if isinstance(node, ir.Let) and node.var.mutable:
            owner[node.var.id] = fn
        elif isinstance(node, ir.Ref | ir.Assign) and node.var.mutable:
            used_in.setdefault(node.var.id, set()).add(fn)
        inner = id(node) if isinstance(node, ir.Lam) else fn
        stack.extend((child, inner) for child in _children(node))
    return {vid for vid, fns in used_in.items() if vid not in owner or fns - {owner[vid]}}


def _reads_before_writes(snapshot: ir.Var, source: ir.Var, body: ir.Expr) -> bool:
    """Are all uses of *snapshot* in *body* evaluated before any assignment to *source*?

    Walks the straight-line spine of ``let``s and sequences; a step that both uses the
    snapshot and assigns the source (other than ``source <- f snapshot``) says no.
    """
    steps: list[ir.Expr] = []
    node = body
    while True:
        if isinstance(node, ir.Let):
            steps.append(node.value)
            node = node.body
        elif isinstance(node, ir.Seq):
            steps.extend(node.items[:-1])
            node = node.items[-1]
        else:
            steps.append(node)
            break
    assigned = False
    for step in steps:
        uses = writes = False
        for sub in _walk_all(step):
            if isinstance(sub, ir.Ref) and sub.var is snapshot:
                uses = True
            elif isinstance(sub, ir.Assign) and sub.var is source:
                writes = True
            elif isinstance(sub, ir.Lam) and any(
                isinstance(inner, ir.Ref) and inner.var is snapshot for inner in _walk_all(sub.body)
            ):
                return False  # a closure keeps the value it was made with
        if uses and assigned:
            return False
        if writes:
            if uses and not (
                isinstance(step, ir.Assign)
                and step.var is source
                and not any(
                    isinstance(sub, ir.Assign) and sub.var is source
                    for sub in _walk_all(step.value)
                )
            ):
                return False
            assigned = True
    return True


def _final_increment(body: ir.Expr, counter: ir.Var, step: int) -> tuple[list[ir.Expr], int] | None:
    """Find ``counter <- counter + step`` as the last effect of a loop body (followed by
    nothing but ``()``); return the list holding it and its index."""
    node = body
    while isinstance(node, ir.Let):
        node = node.body
    if not isinstance(node, ir.Seq):
        return None
    items = node.items
    last = len(items) - 1
    if isinstance(items[last], ir.Const) and items[last].value is None and last > 0:  # type: ignore[attr-defined]
        last -= 1
    candidate = items[last]
    if isinstance(candidate, ir.Let | ir.Seq):
        if last != len(items) - 1:
            return None
        return _final_increment(candidate, counter, step)
    if not (isinstance(candidate, ir.Assign) and candidate.var is counter):
        return None
    value = candidate.value
    op = "+" if step > 0 else "-"
    if (
        isinstance(value, ir.Prim)
        and value.args
        and len(value.args) == 2
        and isinstance(value.args[0], ir.Ref)
        and value.args[0].var is counter
        and isinstance(value.args[1], ir.Const)
        and (
            (value.op == "+" and value.args[1].value == step)
            or (value.op == op == "-" and value.args[1].value == 1)
        )
        and type(value.args[1].value) is int
    ):
        return items, last
    return None


def _short_circuit(node: ir.Expr) -> ir.Expr:
    """``if a then b else false`` -> ``a && b``; ``if a then true else b`` -> ``a || b``."""
    if not isinstance(node, ir.If):
        return node

    def simple(e: ir.Expr) -> bool:  # (keeps calls that may be tail calls out of && / ||)
        if isinstance(e, ir.Apply):
            return isinstance(e.func, ir.BuiltinRef)
        return not isinstance(e, ir.Let | ir.LetRec | ir.If | ir.Match | ir.Seq)

    if isinstance(node.orelse, ir.Const) and node.orelse.value is False and simple(node.then):
        return ir.Prim(node.line, "&&", [node.cond, node.then])
    if isinstance(node.then, ir.Const) and node.then.value is True and simple(node.orelse):
        return ir.Prim(node.line, "||", [node.cond, node.orelse])
    return node


def _test_key(pat: ir.Pat) -> tuple[object, ...] | None:
    """A key for patterns that match exactly one constructor or constant (anything inside)."""
    if isinstance(pat, ir.PNil):
        return ("nil",)
    if isinstance(pat, ir.PCtor) and all(isinstance(a, ir.PAny) for a in pat.args):
        return ("ctor", id(pat.tag))
    if isinstance(pat, ir.PConst):
        return ("const", type(pat.value), pat.value)
    return None


def _merge_matches(node: ir.Expr) -> ir.Expr:
    """``match x with p -> a | _ -> (match x with q -> b ...)`` -> one match; arms that an
    earlier arm already answers (the same constructor test twice) are dropped."""
    if not isinstance(node, ir.Match) or node.what != "match":
        return node
    arms = node.arms
    while (
        arms
        and isinstance(arms[-1].pat, ir.PAny)
        and arms[-1].guard is None
        and isinstance(arms[-1].body, ir.Match)
        and arms[-1].body.what == "match"
        and isinstance(node.subject, ir.Ref)
        and isinstance(arms[-1].body.subject, ir.Ref)
        and arms[-1].body.subject.var is node.subject.var
        and not node.subject.var.mutable
    ):
        arms = arms[:-1] + arms[-1].body.arms
    if isinstance(node.subject, ir.Ref) and not node.subject.var.mutable:
        for arm in arms:
            if (
                arm.guard is None
                and isinstance(arm.pat, ir.PAny)
                and any(isinstance(other.pat, ir.PNil) and other.guard is None for other in arms)
            ):
                _bind_list_parts(arm, node.subject.var)
    seen: set[tuple[object, ...]] = set()
    kept: list[ir.Arm] = []
    for arm in arms:
        key = _test_key(arm.pat)
        if key is not None and key in seen:
            continue
        kept.append(arm)
        if arm.guard is None:
            if isinstance(arm.pat, ir.PAny):
                break
            if key is not None:
                seen.add(key)
    node.arms = kept
    return node


def _bind_list_parts(arm: ir.Arm, subject: ir.Var) -> None:
    """After ``[]`` was tested, ``let h = head x in let t = tail x in ...`` at the start of the
    catch-all arm becomes the pattern ``h :: t`` (no emptiness check per access)."""
    parts: dict[str, ir.Var] = {}
    body = arm.body
    while (
        isinstance(body, ir.Let)
        and isinstance(body.value, ir.ListPart)
        and isinstance(body.value.target, ir.Ref)
        and body.value.target.var is subject
        and body.value.part not in parts
        and not body.var.mutable
    ):
        parts[body.value.part] = body.var
        body = body.body
    if not parts:
        return
    line = arm.pat.line

    def part(name: str) -> ir.Pat:
        var = parts.get(name)
        return ir.PBind(line, var) if var is not None else ir.PAny(line)

    arm.pat = ir.PCons(line, part("head"), part("tail"))
    arm.body = body


def _rewrite_bottom_up(root: ir.Expr, rewrite: Callable[[ir.Expr], ir.Expr]) -> ir.Expr:
    """Apply *rewrite* to every sub-expression, children before their parents (so a rewrite
    sees its children already rewritten); iterative, for deeply nested lifted code."""
    places: list[tuple[Any, Any, Any]] = []  # (holder, key, sub-key)
    stack: list[Any] = [root]
    ticks = 0
    while stack:
        node = stack.pop()
        ticks += 1
        if ticks >= TICKS:
            ticks = 0
            spend(TICKS)
        if isinstance(node, ir.Arm):
            for attr in ("guard", "body"):
                if getattr(node, attr) is not None:
                    places.append((node, attr, None))
                    stack.append(getattr(node, attr))
            continue
        if not isinstance(node, ir.Expr):
            continue
        for attr in node.__slots__:
            if attr == "ty":
                continue
            value = getattr(node, attr, None)
            if isinstance(value, ir.Expr):
                places.append((node, attr, None))
                stack.append(value)
            elif isinstance(value, list):
                for index, item in enumerate(value):
                    if isinstance(item, ir.Expr):
                        places.append((value, index, None))
                        stack.append(item)
                    elif isinstance(item, ir.Arm):
                        stack.append(item)
                    elif isinstance(item, tuple):
                        for position, part in enumerate(item):
                            if isinstance(part, ir.Expr):
                                places.append((value, index, position))
                                stack.append(part)
    for holder, key, position in reversed(places):
        if isinstance(holder, list):
            if position is None:
                holder[key] = rewrite(holder[key])
            else:
                parts = list(holder[key])
                parts[position] = rewrite(parts[position])
                holder[key] = tuple(parts)
        else:
            setattr(holder, key, rewrite(getattr(holder, key)))
    return rewrite(root)


def _expr_slots(node: object) -> list[str]:
    if not isinstance(node, ir.Expr):
        return []
    return [s for s in node.__slots__ if s != "ty" and isinstance(getattr(node, s, None), ir.Expr)]


def _walk_all(expr: ir.Expr) -> Iterator[Any]:
    from fusabi_host.lang.codegen import _children  # noqa: PLC0415

    stack: list[Any] = [expr]
    ticks = 0
    while stack:
        node = stack.pop()
        ticks += 1
        if ticks >= TICKS:
            ticks = 0
            spend(TICKS)
        yield node
        stack.extend(_children(node))


def _substitute(expr: ir.Expr, mapping: dict[int, ir.Var]) -> None:
    for node in _walk_all(expr):
        if isinstance(node, ir.Ref) and node.var.id in mapping:
            node.var = mapping[node.var.id]


def _drop_aliases(expr: ir.Expr, dropped: set[int]) -> ir.Expr:
    """Remove ``let t = x`` bindings whose uses were all redirected."""

    def strip(node: ir.Expr) -> ir.Expr:
        while isinstance(node, ir.Let) and node.var.id in dropped:
            node = node.body
        return node

    for node in _walk_all(expr):
        for attr in _expr_slots(node):
            setattr(node, attr, strip(getattr(node, attr)))
        for attr in node.__slots__ if isinstance(node, ir.Expr) else ():
            value = getattr(node, attr, None)
            if isinstance(value, list):
                for index, item in enumerate(value):
                    if isinstance(item, ir.Expr):
                        value[index] = strip(item)
        if isinstance(node, ir.Arm):
            node.body = strip(node.body)
            if node.guard is not None:
                node.guard = strip(node.guard)
    return strip(expr)


def lift(chunk: C.Chunk, trailer: Trailer | None, filename: str) -> ir.Unit:
    """Lift a validated top-level chunk (with its fusabi-host trailer, if any) to IR."""
    try:
        return Lifter(chunk, trailer, filename).run()
    except LiftError as exc:
        raise BytecodeError(str(exc)) from None
    except RecursionError:
        raise BytecodeError("the bytecode is nested too deeply to lift") from None
