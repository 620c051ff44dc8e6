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
intrinsics (``__cell``, ``__try``, ``__format`` ...) map back to their IR constructs.  Each
straight-line instruction is lifted by one small method, found through a dispatch table
(:meth:`FunctionLifter.step`); control flow is :meth:`FunctionLifter.region`'s.  The passes
of :mod:`fusabi_host.lang.fzb.recover` then recover what the emitter encoded (``let rec``
from cells, copy propagation, conditions folded into their ``if``, ``for`` loops ...).
Anything the lifter cannot express raises :class:`BytecodeError`.

Lifting charges its work (instructions lifted, nodes the rewrites walk) to the current run's
guard (:mod:`fusabi_host.lang.guard`), so lifting a huge or hostile chunk stops at the
caller's deadline; the lifted IR then goes through the same bounded type inference as source
(a type that grows too large is a :class:`~fusabi_host.errors.CompileError`).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, ClassVar

from fusabi_host.errors import BytecodeError
from fusabi_host.lang import decimals, ir, resolve
from fusabi_host.lang.exceptions import EXCEPTION_TAGS
from fusabi_host.lang.fzb import chunk as C
from fusabi_host.lang.fzb.chunk import Op
from fusabi_host.lang.fzb.recover import TICKS, recover, replace_tails, walk
from fusabi_host.lang.fzb.trailer import Trailer
from fusabi_host.lang.guard import spend
from fusabi_host.lang.ir import (
    BUILTIN_TYPES,
    OPTION_UNION,
    RESULT_UNION,
    CaseDecl,
    RecordDecl,
    TypeRef,
    UnionDecl,
)
from fusabi_host.lang.stdlib.registry import REGISTRY
from fusabi_host.lang.values import Char, Tag

__all__ = ["lift"]

MAX_CONTROL_DEPTH = 150
DUPLICATION_BUDGET = 20_000


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


def _fails(e: ir.Expr) -> bool:
    """Does the chain of bindings *e* fail a match (and so never reach its end)?"""
    while isinstance(e, ir.Let | ir.Seq):
        if isinstance(e, ir.Let):
            if isinstance(e.value, ir.Match) and not e.value.arms:
                return True
            e = e.body
        elif e.items:
            e = e.items[-1]
        else:
            break
    return False


def _atomic(e: ir.Expr) -> bool:
    return isinstance(e, ir.Const | Marker) or (isinstance(e, ir.Ref) and not e.var.mutable)


# --------------------------------------------------------------------------- steps


Step = tuple[Any, ...]
Steps = list[Step]
Stack = list[ir.Expr]
Operands = tuple[Any, ...]
Handler = Callable[["FunctionLifter", int, Operands, Stack, Steps, int], None]
"""What lifts one instruction: ``(lifter, pc, operands, stack, steps, line)``."""


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
        self.records: dict[str, RecordDecl] = {}
        self.records_by_fields: dict[frozenset[str], RecordDecl] = {}  # the latest declared
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
        for name, (params, _) in trailer.records.items():
            self.records[name] = RecordDecl(name, params)
        for name, (params, declared) in trailer.records.items():
            record = self.records[name]
            record.fields = [
                (field, self.type_ref(text, params), mutable) for field, text, mutable in declared
            ]
            self.records_by_fields[frozenset(field for field, _, _ in declared)] = record
        for decl, cases in decls:
            for index, (case, fields) in enumerate(cases):
                names = (
                    ("Item",)
                    if len(fields) == 1
                    else tuple(f"Item{i + 1}" for i in range(len(fields)))
                )
                enum_value = trailer.enums.get(decl.name, {}).get(case)
                tag = Tag(case, decl.name, index, len(fields), names, enum_value)
                refs: list[tuple[str | None, TypeRef]] = [
                    (None, self.type_ref(text, decl.params)) for text in fields
                ]
                decl.cases.append(CaseDecl(tag, refs, decl))
                self.tags[(decl.name, case)] = tag
        for name, fields in trailer.exceptions.items():
            labels = tuple(trailer.exception_fields.get(name, ()))
            if len(labels) != len(fields):
                labels = tuple(f"Data{i}" for i in range(len(fields)))
            tag = Tag(name, "exn", 100 + len(self.exceptions), len(fields), labels)
            self.exceptions[name] = tag
            self.tags[("exn", name)] = tag

    def annotate_parameters(
        self, body: ir.Expr, exports: dict[str, ir.Var], params: dict[str, list[str]]
    ) -> None:
        """Give the parameters of each exported function the types the trailer lists for
        them: an annotation at the top of its body, which inference checks and code
        generation erases (a function the trailer does not match is left as it is)."""
        wanted = {exports[name].id: types for name, types in params.items() if name in exports}
        for node in walk(body):
            if type(node) is ir.Let and type(node.value) is ir.Lam:
                bindings = [(node.var, node.value)]
            elif type(node) is ir.LetRec:
                bindings = list(node.bindings)
            else:
                continue
            for var, lam in bindings:
                types = wanted.pop(var.id, None)
                if types is None or len(types) != len(lam.params):
                    continue
                notes: list[ir.Expr] = [
                    ir.Annot(lam.line, ir.Ref(lam.line, param), self.type_ref(text, []))
                    for param, text in zip(lam.params, types, strict=True)
                    if text
                ]
                lam.body = ir.Seq(lam.line, [*notes, lam.body])

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
            if t.name in self.records:
                return TypeRef("con", t.name, args, decl=self.records[t.name])
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
        for node in walk(body):
            if isinstance(node, Marker | JoinPoint):
                what = {
                    ModuleMarker: "a library module",
                    IntrinsicMarker: "an intrinsic",
                    CellMarker: "a variable cell",
                }.get(type(node), "a stack value from another path")
                raise BytecodeError(f"line {node.line}: {what} is used as an ordinary value")
        body = recover(body, self.assign_counts)
        if self.trailer is not None and self.trailer.params:
            self.annotate_parameters(body, exports, self.trailer.params)
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
            records=self.records,
            exceptions=self.exceptions,
            source="",
            lifted=True,
        )


# --------------------------------------------------------------------------- one function


_ARITH = {
    Op.ADD: "+", Op.SUB: "-", Op.MUL: "*", Op.DIV: "/", Op.CONCAT: "^", Op.EQ: "=",
    Op.NEQ: "<>", Op.LT: "<", Op.LTE: "<=", Op.GT: ">", Op.GTE: ">=", Op.AND: "&&",
    Op.OR: "||",
}  # fmt: skip


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

            def values(jp: JoinPoint, dead: bool) -> ir.Expr:
                # (a path that fails a match never arrives: what it leaves has no type)
                items = [ir.Unset(line) if dead else jp.stack[p] for p in differing]
                return items[0] if len(items) == 1 else ir.Tuple(line, items)

            dead_then, dead_else = _fails(then_expr), _fails(else_expr)
            choice = ir.If(
                line,
                cond,
                _replace_join(then_expr, lambda jp: values(jp, dead_then)),
                _replace_join(else_expr, lambda jp: values(jp, dead_else)),
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
        created: list[int] = []  # the positions given a loop variable here
        for position in carried:
            entry = stack[position]
            if isinstance(entry, ir.Ref) and entry.var.mutable:
                continue
            if isinstance(entry, Marker):
                raise BytecodeError(f"instruction {header}: a loop overwrites a special value")
            var = self.fresh("loop", mutable=True)
            steps.append(("let", var, entry))
            stack[position] = ir.Ref(line, var)
            created.append(position)
        entry_stack = list(stack)
        context = LoopContext(header, exit_at)

        def at_back_edge(st: list[ir.Expr]) -> ir.Expr:
            return ir.Const(line, None)

        body = self.region(header, back, list(stack), at_back_edge, context, nesting + 1, header)
        loop_expr = ir.While(line, ir.Const(line, True), body)
        # after the loop, a slot it carried holds that variable's final value: a store to the
        # slot then starts a new value (the slot may be reused for one of another type), it
        # does not assign the loop's variable
        exit_steps: list[Step] = []
        for position in created:
            entry_stack[position] = self.bind(exit_steps, entry_stack[position], line, "v")
        rest = self.region(exit_at, end, entry_stack, k, outer, nesting + 1)
        return ir.Seq(line, [loop_expr, fold(exit_steps, rest)])

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
        if isinstance(constant, C.VariantConst):
            if (
                constant.type_name == "char"
                and len(constant.variant_name) == 1
                and not (constant.fields)
            ):
                return ir.Const(line, Char(constant.variant_name))
            if constant.type_name == "decimal" and not constant.fields:
                number = decimals.parse(constant.variant_name)
                if number is None:
                    raise BytecodeError(f"a malformed decimal constant {constant.variant_name!r}")
                return ir.Const(line, number)
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
            fields = [(k, self.value(v, line)) for k, v in constant.entries]
            return ir.Record(line, fields, self.record_type(fields))
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
        """Lift one straight-line instruction (control flow is :meth:`region`'s)."""
        handler = self.HANDLERS.get(instr.op)
        if handler is None:  # pragma: no cover - validated chunks contain nothing else
            raise BytecodeError(f"instruction {pc}: unsupported {instr.op.name}")
        handler(self, pc, instr.operands, stack, steps, line)

    # -- locals, upvalues, globals, the stack

    def op_load_const(
        self, pc: int, operands: Operands, stack: Stack, steps: Steps, line: int
    ) -> None:
        stack.append(self.bind(steps, self.const(operands[0], line), line, "c"))

    def op_load_local(
        self, pc: int, operands: Operands, stack: Stack, steps: Steps, line: int
    ) -> None:
        index = int(operands[0])
        if index >= len(stack):
            raise BytecodeError(f"instruction {pc}: local {index} does not exist")
        entry = stack[index]
        if isinstance(entry, ir.Ref) and entry.var.mutable:
            entry = self.bind(steps, ir.Ref(line, entry.var), line, "v")
        stack.append(entry)

    def op_store_local(
        self, pc: int, operands: Operands, stack: Stack, steps: Steps, line: int
    ) -> None:
        index = int(operands[0])
        value = self.pop(stack, pc)
        if index < len(stack):
            current = stack[index]
            if isinstance(current, ir.Ref) and current.var.mutable:
                self.assign(steps, current.var, value)
            else:
                stack[index] = value
        else:
            while len(stack) < index:  # slots of locals not stored yet: no value, no type
                stack.append(ir.Unset(line))
            stack.append(value)

    def op_load_upvalue(
        self, pc: int, operands: Operands, stack: Stack, steps: Steps, line: int
    ) -> None:
        index = int(operands[0])
        if index >= len(self.upvalues):
            raise BytecodeError(f"instruction {pc}: upvalue {index} does not exist")
        stack.append(self.upvalues[index])

    def op_store_upvalue(
        self, pc: int, operands: Operands, stack: Stack, steps: Steps, line: int
    ) -> None:
        raise BytecodeError(f"instruction {pc}: StoreUpvalue is not supported")

    def op_load_global(
        self, pc: int, operands: Operands, stack: Stack, steps: Steps, line: int
    ) -> None:
        name = self.const(operands[0], line)
        assert isinstance(name, ir.Const)
        stack.append(self.global_(str(name.value), line, pc))

    def op_pop(self, pc: int, operands: Operands, stack: Stack, steps: Steps, line: int) -> None:
        self.pop(stack, pc)

    def op_dup(self, pc: int, operands: Operands, stack: Stack, steps: Steps, line: int) -> None:
        if not stack:
            raise BytecodeError(f"instruction {pc}: the stack is empty")
        stack.append(stack[-1])

    # -- checks, tuples, operators, calls

    def op_check(self, pc: int, operands: Operands, stack: Stack, steps: Steps, line: int) -> None:
        """``CheckInt``/``CheckBool``/``CheckString``: test the top, which stays."""
        if not stack:
            raise BytecodeError(f"instruction {pc}: the stack is empty")
        constant = ir.Const(line, operands[0])
        self.push_value(stack, steps, ir.Intrinsic(line, "check", [stack[-1], constant]), line)

    def op_check_tuple_len(
        self, pc: int, operands: Operands, stack: Stack, steps: Steps, line: int
    ) -> None:
        if not stack:
            raise BytecodeError(f"instruction {pc}: the stack is empty")
        test = ir.Intrinsic(line, "is_tuple", [stack[-1], ir.Const(line, operands[0])])
        self.push_value(stack, steps, test, line)

    def op_get_tuple_elem(
        self, pc: int, operands: Operands, stack: Stack, steps: Steps, line: int
    ) -> None:
        """``GetTupleElem``: an element of the tuple on top, which stays."""
        if not stack:
            raise BytecodeError(f"instruction {pc}: the stack is empty")
        self.tuple_get(stack[-1], int(operands[0]), stack, steps, line)

    def op_get_tuple_field(
        self, pc: int, operands: Operands, stack: Stack, steps: Steps, line: int
    ) -> None:
        """``GetTupleField``: an element of the tuple on top, which goes."""
        if not stack:
            raise BytecodeError(f"instruction {pc}: the stack is empty")
        self.tuple_get(self.pop(stack, pc), int(operands[0]), stack, steps, line)

    def tuple_get(self, target: ir.Expr, index: int, stack: Stack, steps: Steps, line: int) -> None:
        key = ("tuple", id(target), index)
        stack.append(self.pure(steps, key, lambda: ir.TupleGet(line, target, index), line))

    def op_arith(self, pc: int, operands: Operands, stack: Stack, steps: Steps, line: int) -> None:
        """The binary operators (``Add`` ... ``Or``, see ``_ARITH``)."""
        right = self.pop(stack, pc)
        left = self.pop(stack, pc)
        op = _ARITH[self.code[pc].op]
        self.push_value(stack, steps, ir.Prim(line, op, [left, right]), line)

    def op_not(self, pc: int, operands: Operands, stack: Stack, steps: Steps, line: int) -> None:
        value = self.pop(stack, pc)
        not_ = ir.Apply(line, ir.BuiltinRef(line, REGISTRY["not"]), [value])
        self.push_value(stack, steps, not_, line)

    def op_call(self, pc: int, operands: Operands, stack: Stack, steps: Steps, line: int) -> None:
        self.call(int(operands[0]), stack, steps, line)

    def op_call_method(
        self, pc: int, operands: Operands, stack: Stack, steps: Steps, line: int
    ) -> None:
        name = self.const(operands[0], line)
        argc = int(operands[1])
        args = [self.pop(stack, pc) for _ in range(argc)][::-1]
        receiver = self.pop(stack, pc)
        assert isinstance(name, ir.Const)
        member = ir.Member(line, receiver, str(name.value), args)
        self.push_value(stack, steps, member, line)

    # -- tuples, lists, arrays

    def items(self, pc: int, operands: Operands, stack: Stack) -> list[ir.Expr]:
        """The top ``operands[0]`` entries, popped, bottom first."""
        return [self.pop(stack, pc) for _ in range(int(operands[0]))][::-1]

    def op_make_tuple(
        self, pc: int, operands: Operands, stack: Stack, steps: Steps, line: int
    ) -> None:
        self.push_value(stack, steps, ir.Tuple(line, self.items(pc, operands, stack)), line)

    def op_make_list(
        self, pc: int, operands: Operands, stack: Stack, steps: Steps, line: int
    ) -> None:
        self.push_value(stack, steps, ir.List(line, self.items(pc, operands, stack)), line)

    def op_make_array(
        self, pc: int, operands: Operands, stack: Stack, steps: Steps, line: int
    ) -> None:
        self.push_value(stack, steps, ir.Array(line, self.items(pc, operands, stack)), line)

    def op_cons(self, pc: int, operands: Operands, stack: Stack, steps: Steps, line: int) -> None:
        tail = self.pop(stack, pc)
        head = self.pop(stack, pc)
        self.push_value(stack, steps, ir.Prim(line, "::", [head, tail]), line)

    def op_list_head(
        self, pc: int, operands: Operands, stack: Stack, steps: Steps, line: int
    ) -> None:
        self.list_part("head", self.pop(stack, pc), stack, steps, line)

    def op_list_tail(
        self, pc: int, operands: Operands, stack: Stack, steps: Steps, line: int
    ) -> None:
        self.list_part("tail", self.pop(stack, pc), stack, steps, line)

    def list_part(self, part: str, target: ir.Expr, stack: Stack, steps: Steps, line: int) -> None:
        key = (part, id(target))
        stack.append(self.pure(steps, key, lambda: ir.ListPart(line, target, part), line))

    def op_is_nil(self, pc: int, operands: Operands, stack: Stack, steps: Steps, line: int) -> None:
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

    def op_array_get(
        self, pc: int, operands: Operands, stack: Stack, steps: Steps, line: int
    ) -> None:
        index = self.pop(stack, pc)
        target = self.pop(stack, pc)
        if isinstance(target, CellMarker):
            self.require_zero(index, pc)
            stack.append(self.bind(steps, ir.Ref(line, target.var), line, "v"))
        else:
            self.push_value(stack, steps, ir.Index(line, target, index), line)

    def op_array_set(
        self, pc: int, operands: Operands, stack: Stack, steps: Steps, line: int
    ) -> None:
        value = self.pop(stack, pc)
        index = self.pop(stack, pc)
        target = self.pop(stack, pc)
        if isinstance(target, CellMarker):
            self.require_zero(index, pc)
            self.assign(steps, target.var, value)
        else:
            steps.append(("do", ir.SetIndex(line, target, index, value)))
        stack.append(ir.Const(line, None))

    def op_array_length(
        self, pc: int, operands: Operands, stack: Stack, steps: Steps, line: int
    ) -> None:
        target = self.pop(stack, pc)
        self.push_value(stack, steps, ir.Intrinsic(line, "array_length", [target]), line)

    def op_array_update(
        self, pc: int, operands: Operands, stack: Stack, steps: Steps, line: int
    ) -> None:
        value = self.pop(stack, pc)
        index = self.pop(stack, pc)
        target = self.pop(stack, pc)
        update = ir.Intrinsic(line, "array_update", [target, index, value])
        self.push_value(stack, steps, update, line)

    # -- records

    def named_values(self, pc: int, operands: Operands, stack: Stack) -> list[tuple[str, ir.Expr]]:
        """``operands[0]`` (name, value) pairs, popped, in the order they were pushed."""
        pairs = []
        for _ in range(int(operands[0])):
            value = self.pop(stack, pc)
            name = self.pop(stack, pc)
            pairs.append((self.string(name, pc), value))
        pairs.reverse()
        return pairs

    def op_make_record(
        self, pc: int, operands: Operands, stack: Stack, steps: Steps, line: int
    ) -> None:
        seen: dict[str, ir.Expr] = {}
        for name, value in self.named_values(pc, operands, stack):
            seen.setdefault(name, value)  # upstream: the first one written wins
        fields = list(seen.items())
        self.push_value(stack, steps, ir.Record(line, fields, self.record_type(fields)), line)

    def record_type(self, fields: list[tuple[str, ir.Expr]]) -> RecordDecl | None:
        """The declared record (from the trailer) with exactly these fields, as the source's
        lowering chose it (the latest declared); ``None``: a structural record."""
        return self.program.records_by_fields.get(frozenset(name for name, _ in fields))

    def op_get_record_field(
        self, pc: int, operands: Operands, stack: Stack, steps: Steps, line: int
    ) -> None:
        name_expr = self.pop(stack, pc)
        target = self.pop(stack, pc)
        name = self.string(name_expr, pc)
        if isinstance(target, ModuleMarker):
            builtin = REGISTRY.get(f"{target.name}.{name}")
            if builtin is None:
                raise BytecodeError(f"instruction {pc}: the library has no {target.name}.{name}")
            stack.append(ir.BuiltinRef(line, builtin))
        else:  # (record fields may be mutable: each read is its own)
            self.push_value(stack, steps, ir.GetField(line, target, name), line)

    def op_update_record(
        self, pc: int, operands: Operands, stack: Stack, steps: Steps, line: int
    ) -> None:
        updates = self.named_values(pc, operands, stack)
        base = self.pop(stack, pc)
        self.push_value(stack, steps, ir.RecordUpdate(line, base, updates, extend=True), line)

    # -- union cases

    def op_make_variant(
        self, pc: int, operands: Operands, stack: Stack, steps: Steps, line: int
    ) -> None:
        count = int(operands[0])
        fields = self.items(pc, operands, stack)
        variant = self.string(self.pop(stack, pc), pc)
        type_name = self.string(self.pop(stack, pc), pc)
        made = self.program.tag(type_name, variant, count)
        if made.arity != count:
            made = Tag(variant, type_name, 1000, count)
        self.push_value(stack, steps, ir.Ctor(line, made, fields), line)

    def op_check_variant_tag(
        self, pc: int, operands: Operands, stack: Stack, steps: Steps, line: int
    ) -> None:
        target = self.pop(stack, pc)
        name = str(operands[0])
        tag = self.program.tag_by_name(name)
        test: ir.Expr
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

    def op_get_variant_field(
        self, pc: int, operands: Operands, stack: Stack, steps: Steps, line: int
    ) -> None:
        target = self.pop(stack, pc)
        index = int(operands[0])
        known = self.facts.get(target.var.id) if isinstance(target, ir.Ref) else None
        key = ("variant", id(target), index)
        stack.append(self.pure(steps, key, lambda: ir.CaseField(line, target, known, index), line))

    # -- closures

    def op_make_closure(
        self, pc: int, operands: Operands, stack: Stack, steps: Steps, line: int
    ) -> None:
        self.make_closure(pc, operands, stack, steps, line)

    def op_close_upvalue(
        self, pc: int, operands: Operands, stack: Stack, steps: Steps, line: int
    ) -> None:
        pass  # (upvalues are captured by value when the closure is made)

    HANDLERS: ClassVar[dict[Op, Handler]] = {
        Op.LOAD_CONST: op_load_const,
        Op.LOAD_LOCAL: op_load_local,
        Op.STORE_LOCAL: op_store_local,
        Op.LOAD_UPVALUE: op_load_upvalue,
        Op.STORE_UPVALUE: op_store_upvalue,
        Op.LOAD_GLOBAL: op_load_global,
        Op.POP: op_pop,
        Op.DUP: op_dup,
        **dict.fromkeys((Op.CHECK_INT, Op.CHECK_BOOL, Op.CHECK_STRING), op_check),
        Op.CHECK_TUPLE_LEN: op_check_tuple_len,
        Op.GET_TUPLE_ELEM: op_get_tuple_elem,
        Op.GET_TUPLE_FIELD: op_get_tuple_field,
        **dict.fromkeys(_ARITH, op_arith),
        Op.NOT: op_not,
        Op.CALL: op_call,
        Op.CALL_METHOD: op_call_method,
        Op.MAKE_TUPLE: op_make_tuple,
        Op.MAKE_LIST: op_make_list,
        Op.MAKE_ARRAY: op_make_array,
        Op.CONS: op_cons,
        Op.LIST_HEAD: op_list_head,
        Op.LIST_TAIL: op_list_tail,
        Op.IS_NIL: op_is_nil,
        Op.ARRAY_GET: op_array_get,
        Op.ARRAY_SET: op_array_set,
        Op.ARRAY_LENGTH: op_array_length,
        Op.ARRAY_UPDATE: op_array_update,
        Op.MAKE_RECORD: op_make_record,
        Op.GET_RECORD_FIELD: op_get_record_field,
        Op.UPDATE_RECORD: op_update_record,
        Op.MAKE_VARIANT: op_make_variant,
        Op.CHECK_VARIANT_TAG: op_check_variant_tag,
        Op.GET_VARIANT_FIELD: op_get_variant_field,
        Op.MAKE_CLOSURE: op_make_closure,
        Op.CLOSE_UPVALUE: op_close_upvalue,
    }
    """The dispatch table of :meth:`step`: opcode -> the method that lifts it (built once,
    with the class; ``Jump``, ``JumpIfFalse``, ``TailCall`` and ``Return`` are
    :meth:`region`'s)."""

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
            initial = args[0]
            if isinstance(initial, ir.Const) and initial.value is None:
                initial = ir.Unset(initial.line)
            steps.append(("let", var, initial))
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
            stack.append(ir.Unset(line))  # (never delivered: the re-raise does not return)
            return
        if name == "__format":
            func, fmt, values, list_form = args
            items = self.list_items(values, line)
            self.drop_format_list(values, steps)
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

    def drop_format_list(self, expr: ir.Expr, steps: list[Step]) -> None:
        """The list a format's arguments were built in is not a value of the program (its
        items go to the format one by one, and may differ in type: ``["age"; 42]``): its
        binding, when it is one of *steps*, binds nothing typed instead."""
        if not isinstance(expr, ir.Ref):
            return
        for index in range(len(steps) - 1, -1, -1):
            step = steps[index]
            if step[0] == "let" and step[1] is expr.var and isinstance(step[2], ir.List):
                steps[index] = ("let", expr.var, ir.Unset(step[2].line))
                return

    def const_str(self, expr: ir.Expr, line: int) -> str:
        found = expr
        if isinstance(expr, ir.Ref):
            found = self.let_values.get(expr.var.id, expr)
        if isinstance(found, ir.Const) and isinstance(found.value, str):
            return found.value
        raise BytecodeError(f"line {line}: expected a string constant")


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


def _join_points(expr: ir.Expr) -> list[JoinPoint]:
    """The join points in tail position of *expr*."""
    return [
        node
        for node in resolve.tail_positions(expr, through_operators=False)
        if isinstance(node, JoinPoint)
    ]


def _replace_join(expr: ir.Expr, make: Callable[[JoinPoint], ir.Expr]) -> ir.Expr:
    """*expr* with each tail join point replaced by ``make(join_point)``."""
    return replace_tails(expr, lambda node: make(node) if isinstance(node, JoinPoint) else node)


def lift(chunk: C.Chunk, trailer: Trailer | None, filename: str) -> ir.Unit:
    """Lift a validated top-level chunk (with its fusabi-host trailer, if any) to IR."""
    try:
        return Lifter(chunk, trailer, filename).run()
    except LiftError as exc:
        raise BytecodeError(str(exc)) from None
    except RecursionError:
        raise BytecodeError("the bytecode is nested too deeply to lift") from None
