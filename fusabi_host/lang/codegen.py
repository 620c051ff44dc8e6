"""Code generation: core IR to a Python ``ast.Module``, compiled once into a code object.

A Fusabi function becomes a Python function, a local a Python local, a top-level binding a
global of the instance's namespace.  Expressions that Python can only express as statements
(``let``, ``match``, loops, ``try``) are flattened in evaluation order, spilling earlier
operands to temporaries when a later one needs statements.  Calls to known functions with all
their arguments are direct calls; self tail calls become loops; typed arithmetic is a Python
operator plus a cheap overflow test; everything else calls the helpers of
:mod:`fusabi_host.lang.support`.

The generated code can reach only what the namespace gives it: its own globals, the support
helpers, the library functions it uses and its union tags.  Identifiers are mangled
(``g_``/``u_`` prefixes, non-ASCII escaped), there is no attribute access by user-chosen name
and ``__builtins__`` is empty.
"""

from __future__ import annotations

import ast
import functools
import itertools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from typing import Final, TypeGuard

from fusabi_host.lang import ir, patterns
from fusabi_host.lang import syntax as S
from fusabi_host.lang.format import parsed_format
from fusabi_host.lang.infer import library_signature
from fusabi_host.lang.resolve import resolve, tail_positions
from fusabi_host.lang.stdlib.checks import checked_builtin
from fusabi_host.lang.stdlib.registry import Builtin
from fusabi_host.lang.stdlib.string_module import STRING_MEMBERS
from fusabi_host.lang.support import TEXT_CHECK
from fusabi_host.lang.transient import EMPTY, LOOKUPS, UPDATES, call_of, in_place_kind
from fusabi_host.lang.types import DYN, TCon, prune
from fusabi_host.lang.values import NONE_TAG, SOME_TAG, Char, FusabiException, Tag

__all__ = ["Generated", "generate"]

SMALL = 1073741823  # ints in [-SMALL, SMALL] are one CPython digit: their comparisons are fast
INT_MIN = -(1 << 63)
INT_MAX = (1 << 63) - 1
RETURN = "return"
DISCARD = "discard"
DEPTH_READER = "__fz_depth__"  # holds an instance's depth budget (see CodeGen.depth_cell)


class Generated:
    """The output of code generation: the module AST and how deeply it nests, the objects
    its namespace needs, the Python names of the unit's globals and a map from Python to
    Fusabi function names."""

    def __init__(
        self,
        module: ast.Module,
        constants: dict[str, object],
        builtins: dict[str, Builtin],
        globals_: dict[str, ir.Var],
        names: dict[str, str],
        depth: int,
    ) -> None:
        self.module = module
        self.depth = depth
        self.constants = constants
        self.builtins = builtins
        self.globals = globals_
        self.names = names


def mangle(name: str) -> str:
    out = []
    for ch in name:
        if ch.isascii() and (ch.isalnum() or ch == "_"):
            out.append(ch)
        elif ch == ".":
            out.append("__")
        elif ch == "'":
            out.append("_q")
        else:
            out.append(f"_x{ord(ch):x}_")
    return "".join(out)


def _name(py: str, store: bool = False) -> ast.Name:
    return ast.Name(py, ast.Store() if store else ast.Load())


def _const(value: object) -> ast.expr:
    return ast.Constant(value)  # type: ignore[arg-type]


def _call(func: str | ast.expr, *args: ast.expr) -> ast.Call:
    target = _name(func) if isinstance(func, str) else func
    return ast.Call(target, list(args), [])


def _assign(target: str, value: ast.expr) -> ast.Assign:
    return ast.Assign([_name(target, store=True)], value)


def _is_trivial(expr: ast.expr) -> bool:
    return isinstance(expr, ast.Constant) or (
        isinstance(expr, ast.Name) and not expr.id.startswith("m_")
    )


class FunctionState:
    """Per-Python-function bookkeeping."""

    def __init__(self, lam: ir.Lam | None, self_var: ir.Var | None) -> None:
        self.lam = lam
        self.self_var = self_var
        self.locals: set[str] = set()
        self.globals_assigned: set[str] = set()
        self.nonlocals: set[str] = set()
        self.tail_loop = False  # self tail calls compile to a loop
        self.in_tail_loop = False
        # mutual tail calls: member var id -> (index, member lambda), and the slot names
        self.group: dict[int, tuple[int, ir.Lam]] = {}
        self.slots: list[str] = []
        self.loop_vars: set[int] = set()  # vars rebound by loops in this function
        self.loop_level = 0
        self.uses_tmp = False
        # calls that compiled to a jump (self tail calls), and whether a lambda written in
        # place (CodeGen.inline_loop) brought calls into the body: see _takes_part_in_recursion
        self.jumps: set[int] = set()
        self.inlined_calls = False
        # a ``seq { }`` body: a generator; ids of its ``yield!`` in tail position
        self.generator = False
        self.tail_yields: set[int] = set()


class CodeGen:
    def __init__(self, unit: ir.Unit, typed: bool, filename: str) -> None:
        self.unit = unit
        self.typed = typed
        self.filename = filename
        self.counter = itertools.count(1)
        self.constants: dict[str, object] = {}
        self.const_ids: dict[int, str] = {}
        self.builtins: dict[str, Builtin] = {}
        self.names: dict[str, str] = {"__fz_top__": "<top level>"}
        self.py_names: set[str] = set()
        self.stmts: list[ast.stmt] = []
        self.fn = FunctionState(None, None)
        self.acc_stack: list[str] = []
        self.line = 1
        self.var_function: dict[int, FunctionState] = {}
        self.bounds: dict[int, tuple[int, int]] = {}  # known ranges of int variables
        # (index var id, string or array var id): immutable pairs known to have i < s.Length
        self.below_length: frozenset[tuple[int, int]] = frozenset()
        # known ranges of mutable int variables, from a while condition (see loop_facts)
        self.mutable_facts: dict[int, tuple[int, int]] = {}
        self.raw_reads = False  # (compiling the unchecked form of assign_value)
        # folds building a map or set in place (see fold_in_place): the state parameter's
        # var id -> the table's name, and the table's name -> (state var, "Map" or "Set")
        self.tables: dict[int, str] = {}
        self.table_steps: dict[str, tuple[ir.Var, str]] = {}

    # ------------------------------------------------------------------ names

    def fresh(self, prefix: str) -> str:
        return f"{prefix}{next(self.counter)}"

    def var_name(self, var: ir.Var) -> str:
        if var.py:
            return var.py
        base = "g_" + mangle(var.qualified) if var.is_global else "u_" + mangle(var.name)
        name = base
        n = 2
        while name in self.py_names:
            name = f"{base}_{n}"
            n += 1
        self.py_names.add(name)
        var.py = name
        self.names[name] = var.qualified if var.is_global else var.name
        return name

    def constant(self, value: object, prefix: str = "k_") -> str:
        key = id(value)
        found = self.const_ids.get(key)
        if found is not None:
            return found
        name = self.fresh(prefix)
        self.constants[name] = value
        self.const_ids[key] = name
        return name

    def tag(self, tag: Tag) -> str:
        return self.constant(tag, "t_")

    def nullary(self, tag: Tag) -> str:
        key = ("nullary", id(tag))
        found = self.const_ids.get(hash(key))
        if found is not None:
            return found
        name = self.fresh("c_")
        self.constants[name] = (tag,)
        self.const_ids[hash(key)] = name
        return name

    def builtin(self, builtin: Builtin, dynamic: bool = False) -> str:
        """The name of a library function in the generated code.  On the dynamic path (an
        untyped unit, or arguments of type ``dyn``) it is a version that checks its arguments
        against the declared signature, so a wrong-typed argument is a Fusabi error."""
        form = "__upstream" if builtin.is_upstream else ""  # (upstream's form of the name)
        if builtin.is_value or (self.typed and not dynamic):
            name = "b_" + mangle(builtin.name) + form
            self.builtins[name] = builtin
            return name
        name = "bc_" + mangle(builtin.name) + form
        if name not in self.builtins:
            self.builtins[name] = checked_builtin(builtin)
        return name

    # ------------------------------------------------------------------ emitting

    def emit(self, stmt: ast.stmt) -> None:
        stmt.lineno = self.line
        stmt.col_offset = 0
        self.stmts.append(stmt)

    @contextmanager
    def block(self) -> Iterator[list[ast.stmt]]:
        saved = self.stmts
        self.stmts = []
        try:
            yield self.stmts
        finally:
            self.stmts = saved

    def compile_block(self, e: ir.Expr, dest: str | None) -> list[ast.stmt]:
        with self.block() as stmts:
            self.stmt(e, dest)
        return stmts or [ast.Pass()]

    def expr_block(self, e: ir.Expr) -> tuple[list[ast.stmt], ast.expr]:
        with self.block() as stmts:
            value = self.expr(e)
        return stmts, value

    # ------------------------------------------------------------------ statements

    def deliver(self, value: ast.expr, dest: str | None) -> None:
        """Send a computed value to its destination."""
        if dest == RETURN:
            self.emit(ast.Return(value))
        elif dest == DISCARD or dest is None:
            if not _is_trivial(value):
                self.emit(ast.Expr(value))
        else:
            self.emit(_assign(dest, value))

    def stmt(self, e: ir.Expr, dest: str | None) -> None:
        """Compile *e* delivering its value to *dest* (``RETURN``, ``DISCARD`` or a name)."""
        self.line = e.line or self.line
        if dest in self.table_steps and type(e) not in _RESULT_CONTAINERS:
            self.table_step(e, dest)
            return
        method = getattr(self, "s_" + type(e).__name__, None)
        if method is not None:
            method(e, dest)
            return
        self.deliver(self.expr(e), dest)

    def s_Seq(self, e: ir.Seq, dest: str | None) -> None:
        for item in e.items[:-1]:
            self.stmt(item, DISCARD)
        self.stmt(e.items[-1], dest)

    def s_Let(self, e: ir.Let, dest: str | None) -> None:
        # a chain of lets (one per instruction in lifted bytecode) is walked in a loop
        while True:
            self.bind(e.var, e.value)
            body = e.body
            if type(body) is not ir.Let:
                break
            self.line = body.line or self.line
            e = body
        self.stmt(body, dest)

    def s_LetRec(self, e: ir.LetRec, dest: str | None) -> None:
        self.define_group(e.bindings)
        self.stmt(e.body, dest)

    def s_If(self, e: ir.If, dest: str | None) -> None:
        if self.typed and self.guarded_reads(e.cond):  # (if not seen.[i] then ...)
            test = self.fresh("_if")
            self.fn.locals.add(test)
            self.assign_value(test, e.cond)
            cond: ast.expr = _name(test)
        else:
            cond = self.condition(e.cond)
        with self.facts(e.cond, True):
            then = self.compile_block(e.then, dest)
        with self.facts(e.cond, False):
            orelse = self.compile_block(e.orelse, dest)
        if orelse == [ast.Pass()] or (len(orelse) == 1 and isinstance(orelse[0], ast.Pass)):
            orelse = []
        self.emit(ast.If(cond, then, orelse))

    def s_Match(self, e: ir.Match, dest: str | None) -> None:
        self.match(e, dest)

    def s_While(self, e: ir.While, dest: str | None) -> None:
        self.enter_loop()
        cond_stmts, cond = self.expr_block(e.cond)
        if not cond_stmts:
            self.mutable_facts = self.loop_facts(e.cond)
        try:
            body = self.compile_block(e.body, DISCARD)
        finally:
            self.mutable_facts = {}  # (the body may have assigned them)
        self.fn.loop_level -= 1
        poll = self.poll()
        if cond_stmts:
            test = ast.If(ast.UnaryOp(ast.Not(), cond), [ast.Break()], [])
            self.emit(ast.While(_const(True), [*poll, *cond_stmts, test, *body], []))
        else:
            self.emit(ast.While(cond, [*poll, *body], []))
        self.deliver(_const(None), dest)

    def enter_loop(self) -> None:
        """Start compiling a loop: what is known of ``mutable`` variables from before it no
        longer holds, as its body may assign them before it runs again (see
        :meth:`loop_facts`)."""
        self.fn.loop_level += 1
        self.mutable_facts = {}

    def loop_facts(self, cond: ir.Expr) -> dict[int, tuple[int, int]]:
        """What ``while v < e`` (``<=``, or ``e > v``...; and each side of ``&&``) tells of
        a ``mutable`` int variable ``v`` at the top of the loop's body: an upper bound, valid
        until the body assigns ``v`` (:meth:`e_Assign` drops it) or enters a loop
        (:meth:`enter_loop`).  Only for a variable no closure uses, which only the body's
        own assignments can change."""
        if not self.typed or not isinstance(cond, ir.Prim):
            return {}
        if cond.op == "&&":
            return _both(self.loop_facts(cond.args[0]), self.loop_facts(cond.args[1]))
        if cond.operand != "int" or cond.op not in ("<", "<=", ">", ">="):
            return {}
        left, right = cond.args
        op = cond.op
        if op in (">", ">="):
            left, right = right, left
            op = "<" if op == ">" else "<="
        var = left.var if isinstance(left, ir.Ref) else None
        if var is None or not var.mutable or var.captured or var.cell or var.is_global:
            return {}
        high = self.int_bounds(right)[1] - (1 if op == "<" else 0)
        return {var.id: (INT_MIN, high)} if high < INT_MAX else {}

    def s_ForRange(self, e: ir.ForRange, dest: str | None) -> None:
        start, stop = (self.spill(v) for v in self.exprs([e.start, e.stop]))
        step = self.spill(self.expr(e.step)) if e.step is not None else None
        var = self.local_var(e.var)
        if not self.typed:
            direction = step if step is not None else _const(-1 if e.down else 1)
            bounds = _call("_range_checked", start, stop, direction)
        elif step is not None:
            bounds = _call("_range_step", start, stop, step)
        elif e.down:
            bounds = _call("_range", start, ast.BinOp(stop, ast.Sub(), _const(1)), _const(-1))
        else:
            bounds = _call("_range", start, ast.BinOp(stop, ast.Add(), _const(1)))
        self.enter_loop()
        self.fn.loop_vars.add(e.var.id)
        saved_bounds = self.bounds
        if e.step is None and self.typed:
            first, last = self.int_bounds(e.start), self.int_bounds(e.stop)
            low, high = (first[0], last[1]) if not e.down else (last[0], first[1])
            self.bounds = {**saved_bounds, e.var.id: (low, high)}
        try:
            body = self.compile_block(e.body, DISCARD)
        finally:
            self.bounds = saved_bounds
        self.fn.loop_level -= 1
        self.emit(ast.For(_name(var, store=True), bounds, [*self.poll(), *body], []))
        self.deliver(_const(None), dest)

    def s_ForEach(self, e: ir.ForEach, dest: str | None) -> None:
        source = self.spill(self.expr(e.source))
        var = self.local_var(e.var)
        self.enter_loop()
        self.fn.loop_vars.add(e.var.id)
        body = self.compile_block(e.body, DISCARD)
        self.fn.loop_level -= 1
        kind = e.source_kind if self.typed else "dynamic"
        if kind in ("list", "array"):
            self.emit_loop(kind, var, source, body)
        else:
            self.emit_loop("array", var, _call("_iter", source), body)
        self.deliver(_const(None), dest)

    def s_TryWith(self, e: ir.TryWith, dest: str | None) -> None:
        if dest == RETURN:
            result = self.fresh("_r")
            self.fn.locals.add(result)
            self.s_TryWith(e, result)
            self.emit(ast.Return(_name(result)))
            return
        inner_dest = dest
        body = self.compile_block(e.body, inner_dest)
        exn = self.local_var(e.var)
        caught = self.fresh("_exc")
        self.fn.locals.add(caught)
        with self.block() as handler:
            self.emit(_assign(exn, ast.Attribute(_name(caught), "value", ast.Load())))
            self.stmt(e.handler, inner_dest)
        self.emit(
            ast.Try(
                body,
                [ast.ExceptHandler(_name("_FzExc"), caught, handler)],
                [],
                [],
            )
        )

    def s_TryFinally(self, e: ir.TryFinally, dest: str | None) -> None:
        if dest == RETURN:
            result = self.fresh("_r")
            self.fn.locals.add(result)
            self.s_TryFinally(e, result)
            self.emit(ast.Return(_name(result)))
            return
        body = self.compile_block(e.body, dest)
        final = self.compile_block(e.finalizer, DISCARD)
        self.emit(ast.Try(body, [], [], final))

    def s_Reraise(self, e: ir.Reraise, dest: str | None) -> None:
        self.emit(ast.Raise(None, None))

    def s_LoopControl(self, e: ir.LoopControl, dest: str | None) -> None:
        self.emit(ast.Break() if e.kind == "break" else ast.Continue())

    def s_Yield(self, e: ir.Yield, dest: str | None) -> None:
        if not self.acc_stack and self.fn.generator:
            self.generator_yield(e, dest)
            return
        acc = self.acc_stack[-1]
        if e.implicit and self.typed and e.statement:
            self.stmt(e.value, DISCARD)
            self.deliver(_const(None), dest)
            return
        value = self.expr(e.value)
        if e.implicit and (not self.typed or e.statement is None):
            self.implicit_yield(acc, value)
        elif e.many:
            self.emit(ast.Expr(_call("_extend", _name(acc), value)))
        else:
            self.emit(ast.Expr(_call(ast.Attribute(_name(acc), "append", ast.Load()), value)))
        self.deliver(_const(None), dest)

    def generator_yield(self, e: ir.Yield, dest: str | None) -> None:
        """A yield of a lazy ``seq { }`` body: a Python ``yield`` of the element; ``yield!``
        yields a splice marker, or returns a tail marker in tail position (see
        :mod:`fusabi_host.lang.lazyseq`: no ``yield from`` chains)."""
        if e.implicit and self.typed and e.statement:
            self.stmt(e.value, DISCARD)
            self.deliver(_const(None), dest)
            return
        value = self.expr(e.value)
        if e.implicit and (not self.typed or e.statement is None):
            temp = self.fresh("_y")
            self.fn.locals.add(temp)
            self.emit(_assign(temp, value))
            test = ast.Compare(_name(temp), [ast.IsNot()], [_const(None)])
            self.emit(ast.If(test, [ast.Expr(ast.Yield(_name(temp)))], []))
        elif e.many and id(e) in self.fn.tail_yields:
            self.emit(ast.Return(_call("_seq_tail", value)))
        elif e.many:
            self.emit(ast.Expr(ast.Yield(_call("_seq_splice", value))))
        else:
            self.emit(ast.Expr(ast.Yield(value)))
        self.deliver(_const(None), dest)

    def implicit_yield(self, acc: str, value: ast.expr) -> None:
        """An implicit yield whose type is not known (dynamic code): a unit value (``None``)
        was a statement, any other is an element."""
        temp = self.fresh("_y")
        self.fn.locals.add(temp)
        self.emit(_assign(temp, value))
        append = _call(ast.Attribute(_name(acc), "append", ast.Load()), _name(temp))
        test = ast.Compare(_name(temp), [ast.IsNot()], [_const(None)])
        self.emit(ast.If(test, [ast.Expr(append)], []))

    def s_Apply(self, e: ir.Apply, dest: str | None) -> None:
        if dest == RETURN and self.is_group_tail_call(e):
            assert isinstance(e.func, ir.Ref)
            index, _ = self.fn.group[e.func.var.id]
            args = self.exprs(e.args)
            slots = self.fn.slots[: len(args)]
            self.emit(_assign("_w", _const(index)))
            self.emit(
                ast.Assign(
                    [ast.Tuple([_name(t, store=True) for t in slots], ast.Store())],
                    ast.Tuple(args, ast.Load()),
                )
            )
            self.emit(ast.Continue())
            return
        if dest == RETURN and self.is_self_tail_call(e):
            args = self.exprs(e.args)
            assert self.fn.lam is not None
            targets = [self.local_var(p) for p in self.fn.lam.params]
            if len(targets) == 1:
                self.emit(_assign(targets[0], args[0]))
            else:
                self.emit(
                    ast.Assign(
                        [ast.Tuple([_name(t, store=True) for t in targets], ast.Store())],
                        ast.Tuple(args, ast.Load()),
                    )
                )
            self.fn.tail_loop = True
            self.fn.jumps.add(id(e))
            self.emit(ast.Continue())
            return
        self.deliver(self.expr(e), dest)

    def s_Prim(self, e: ir.Prim, dest: str | None) -> None:
        """``a && b`` / ``a || b`` returned from a function: ``b`` is in tail position."""
        if (
            dest != RETURN
            or e.op not in ("&&", "||")
            or not (
                self.typed
                or (
                    isinstance(e.args[1], ir.Apply)
                    and (self.is_self_tail_call(e.args[1]) or self.is_group_tail_call(e.args[1]))
                )
            )
        ):
            self.deliver(self.expr(e), dest)
            return
        cond = self.condition(e.args[0])
        if e.op == "||":
            cond = ast.UnaryOp(ast.Not(), cond)
        with self.facts(e.args[0], e.op == "&&"):
            then = self.compile_block(e.args[1], dest)
        self.emit(ast.If(cond, then, [ast.Return(_const(e.op == "||"))]))

    def is_group_tail_call(self, e: ir.Apply) -> bool:
        fn = self.fn
        if not fn.group or fn.loop_level or not isinstance(e.func, ir.Ref):
            return False
        member = fn.group.get(e.func.var.id)
        return member is not None and len(e.args) == len(member[1].params)

    def is_self_tail_call(self, e: ir.Apply) -> bool:
        fn = self.fn
        if fn.lam is None or fn.self_var is None or fn.loop_level:
            return False
        func = e.func
        return (
            isinstance(func, ir.Ref)
            and func.var is fn.self_var
            and len(e.args) == len(fn.lam.params)
        )

    # ------------------------------------------------------------------ bindings

    def local_var(self, var: ir.Var) -> str:
        name = self.var_name(var)
        if not var.is_global:
            self.fn.locals.add(name)
            self.var_function[var.id] = self.fn
            if self.fn.loop_level or self.fn.in_tail_loop:
                self.fn.loop_vars.add(var.id)
        return name

    def bind(self, var: ir.Var, value: ir.Expr) -> None:
        if isinstance(value, ir.Lam) and not var.mutable:
            var.lam = value
            var.arity = len(value.params)
            self.define_function(var, value)
            return
        name = self.local_var(var) if not var.is_global else self.var_name(var)
        self.assign_value(name, value)
        if not var.mutable and isinstance(value, ir.Const) and type(value.value) is int:
            self.bounds = {**self.bounds, var.id: (value.value, value.value)}  # (a range fact)

    def assign_value(self, name: str, value: ir.Expr) -> None:
        """``name = value``.  A value that only computes on numbers and reads arrays at
        indices the range facts prove non-negative (``total + a.[i].[k] * b.[k].[j]``) is
        first run with plain subscripts, which raise ``IndexError`` past the end and check
        nothing otherwise; on ``IndexError`` the checked form runs from the start (the value
        has no effects, so running it again is safe) and raises what F# raises."""
        if self.typed and self.guarded_reads(value):
            with self.block() as raw_stmts:
                self.raw_reads = True
                try:
                    raw = self.expr(value)
                finally:
                    self.raw_reads = False
            if not raw_stmts:
                with self.block() as checked:
                    self.emit(_assign(name, self.expr(value)))
                handler = ast.ExceptHandler(_name("_IndexError"), None, checked)
                self.emit(ast.Try([_assign(name, raw)], [handler], [], []))
                return
        self.emit(_assign(name, self.expr(value)))

    def guarded_reads(self, value: ir.Expr) -> bool:
        """Is *value* arithmetic and comparison of ints and floats (and ``not``) over
        constants, variables and array reads, with at least one read at a never-negative
        index (see :meth:`assign_value`)?"""
        reads = 0
        pending = [value]
        while pending:
            node = pending.pop()
            if isinstance(node, ir.Const | ir.Ref):
                continue
            if isinstance(node, ir.Prim):
                if node.operand not in ("int", "float") or not (
                    node.op in _ARITH_OPS or node.op in _COMPARE_OPS or node.op == "neg"
                ):
                    return False
                pending.extend(node.args)
                continue
            if isinstance(node, ir.Index) and node.kind == "array":
                reads += self.int_bounds(node.index)[0] >= 0
                pending.extend((node.target, node.index))
                continue
            if (
                isinstance(node, ir.Apply)
                and isinstance(node.func, ir.BuiltinRef)
                and node.func.builtin.name == "not"
                and len(node.args) == 1
            ):
                pending.append(node.args[0])
                continue
            return False
        return reads > 0

    def define_group(self, bindings: list[tuple[ir.Var, ir.Lam]]) -> None:
        """``let rec f ... and g ...``: separate functions, or -- when they call each other in
        tail position -- one dispatcher loop, so mutual tail calls run in constant stack."""
        ids = {var.id for var, _ in bindings}
        mutual = len(bindings) > 1 and any(
            _tail_targets(lam, ids) - {var.id} for var, lam in bindings
        )
        if not mutual:
            for var, lam in bindings:
                self.define_function(var, lam)
            return
        names = [self.local_var(v) if not v.is_global else self.var_name(v) for v, _ in bindings]
        dispatcher = self.fresh("_group")
        self.fn.locals.add(dispatcher)
        width = max(len(lam.params) for _, lam in bindings)
        slots = [f"_a{i}" for i in range(width)]
        outer = self.fn
        fn = FunctionState(None, None)
        fn.group = {var.id: (i, lam) for i, (var, lam) in enumerate(bindings)}
        fn.slots = slots
        fn.in_tail_loop = True
        self.fn = fn
        branches: list[tuple[ast.expr | None, list[ast.stmt]]] = []
        try:
            for index, (_, lam) in enumerate(bindings):
                with self.block() as body:
                    for param, slot in zip(lam.params, slots, strict=False):
                        self.emit(_assign(self.local_var(param), _name(slot)))
                        fn.loop_vars.add(param.id)
                    self.line = lam.line
                    self.stmt(lam.body, RETURN)
                test = ast.Compare(_name("_w"), [ast.Eq()], [_const(index)])
                branches.append((test if index < len(bindings) - 1 else None, body))
        finally:
            self.fn = outer
        with self.block() as chain:
            saved = self.fn
            self.fn = fn
            self.emit_chain(branches)
            self.fn = saved
        loop_body: list[ast.stmt] = [ast.While(_const(True), [*self.poll(), *chain], [])]
        loop_body = self.count_depth(loop_body)
        fn.nonlocals.add("_dep")
        decls: list[ast.stmt] = []
        if fn.globals_assigned:
            decls.append(ast.Global(sorted(fn.globals_assigned)))
        if fn.nonlocals:
            decls.append(ast.Nonlocal(sorted(fn.nonlocals)))
        args = ast.arguments(
            [], [ast.arg("_w"), *(ast.arg(s) for s in slots)], None, [], [], None, []
        )
        self.names[dispatcher] = "/".join(v.name for v, _ in bindings)
        self.emit(ast.FunctionDef(dispatcher, args, [*decls, *loop_body], [], None, None))
        for index, ((var, lam), name) in enumerate(zip(bindings, names, strict=True)):
            params = [f"_p{i}" for i in range(len(lam.params))]
            call_args = [_const(index), *(_name(p) for p in params)]
            call_args += [_const(None)] * (width - len(params))
            wrapper = ast.FunctionDef(
                name,
                ast.arguments([], [ast.arg(p) for p in params], None, [], [], None, []),
                [ast.Return(_call(dispatcher, *call_args))],
                [],
                None,
                None,
            )
            self.names.setdefault(name, var.name)
            self.emit(wrapper)

    def define_function(self, var: ir.Var, lam: ir.Lam) -> None:
        name = self.local_var(var) if not var.is_global else self.var_name(var)
        func = self.function(lam, name, var)
        if not any(a.arg == name for a in func.args.args[len(lam.params) :]):
            self.emit(func)
            return
        # a recursive function defined in a loop body, capturing the iteration's values: a
        # factory of them, so that its calls of itself reach this iteration's function
        # (a default argument naming itself would read it before it exists)
        captured = [a.arg for a in func.args.args[len(lam.params) :] if a.arg != name]
        func.args.args = func.args.args[: len(lam.params)]
        func.args.defaults = []
        factory = self.fresh("_make")
        self.fn.locals.add(factory)
        make = ast.FunctionDef(
            factory,
            ast.arguments([], [ast.arg(c) for c in captured], None, [], [], None, []),
            [func, ast.Return(_name(name))],
            [],
            None,
            None,
        )
        make.lineno, make.col_offset = lam.line, 0
        self.emit(make)
        self.emit(_assign(name, _call(factory, *(_name(c) for c in captured))))

    def function(
        self, lam: ir.Lam, name: str, self_var: ir.Var | None, *, generator: bool = False
    ) -> ast.FunctionDef:
        """A Python ``def`` for *lam* (its parameters are the lambda's parameters); with
        *generator*, the generator function of a ``seq { }`` body (no depth count: a
        suspended generator is not a call in progress)."""
        outer = self.fn
        fn = FunctionState(lam, self_var)
        if generator:
            fn.generator = True
            fn.tail_yields = {
                id(node)
                for node in tail_positions(lam.body, through_operators=False)
                if isinstance(node, ir.Yield) and node.many
            }
        self.fn = fn
        saved_acc, saved_facts = self.acc_stack, self.mutable_facts
        self.acc_stack, self.mutable_facts = [], {}
        line = self.line
        self.line = lam.line
        try:
            params = [self.local_var(p) for p in lam.params]
            if self_var is not None and _has_self_tail_call(lam, self_var):
                fn.in_tail_loop = True
                fn.loop_vars.update(p.id for p in lam.params)
            body = self.compile_block(lam.body, DISCARD if generator else RETURN)
        finally:
            self.fn = outer
            self.acc_stack, self.mutable_facts = saved_acc, saved_facts
        self.line = line
        if fn.tail_loop:
            body = [ast.While(_const(True), [*self.poll(), *body], [])]
        else:
            body = [*self.poll(), *body]
        if generator:  # (a generator even when its body yields nothing)
            body += [ast.Return(_const(None)), ast.Expr(ast.Yield(_const(None)))]
        if not generator and _takes_part_in_recursion(lam, fn):  # (so it counts its depth)
            body = self.count_depth(body)
            fn.nonlocals.add("_dep")
        decls: list[ast.stmt] = []
        if fn.globals_assigned:
            decls.append(ast.Global(sorted(fn.globals_assigned)))
        if fn.nonlocals:
            decls.append(ast.Nonlocal(sorted(fn.nonlocals)))
        args = ast.arguments([], [ast.arg(p) for p in params], None, [], [], None, [])
        captured = self.loop_captures(lam, outer)
        if captured:
            args.args.extend(ast.arg(c) for c in captured)
            args.defaults = [_name(c) for c in captured]
        self.names.setdefault(name, lam.name)
        node = ast.FunctionDef(name, args, [*decls, *body], [], None, None)
        node.lineno = lam.line
        node.col_offset = 0
        return node

    def loop_captures(self, lam: ir.Lam, outer: FunctionState) -> list[str]:
        """Variables a closure created inside a loop must capture by value (the loop rebinds
        them each iteration, and Python closures would otherwise see the last value)."""
        if not outer.loop_vars:
            return []
        names = []
        for var in lam.free:
            if var.id in outer.loop_vars and not var.mutable and var.py and not var.is_global:
                names.append(var.py)
        return sorted(set(names))

    def count_depth(self, body: list[ast.stmt]) -> list[ast.stmt]:
        """Wrap a function body in the exact depth count: ``_dep`` is the instance's remaining
        depth budget, taken on entry and given back on every exit (return or raise).

        ``_dep`` is a cell of ``__fz_top__`` (see :meth:`depth_cell`), not a global: a
        closure cell is read and written by specialised instructions, a global store is not,
        and this count runs on every call of a function that can recurse."""
        take = ast.AugAssign(ast.Name("_dep", ast.Store()), ast.Sub(), _const(1))
        check = ast.If(
            ast.Compare(_name("_dep"), [ast.Lt()], [_const(0)]),
            [ast.Expr(_call("_too_deep"))],
            [],
        )
        give = ast.AugAssign(ast.Name("_dep", ast.Store()), ast.Add(), _const(1))
        for stmt in (take, check, give):
            stmt.lineno = self.line
            stmt.col_offset = 0
        guarded = ast.Try(body, [], [], [give])
        guarded.lineno = self.line
        guarded.col_offset = 0
        return [take, check, guarded]

    def poll(self) -> list[ast.stmt]:
        stmt = ast.If(_name("_stop"), [ast.Expr(_call("_interrupt"))], [])
        stmt.lineno = self.line
        stmt.col_offset = 0
        return [stmt]

    # ------------------------------------------------------------------ expressions

    def spill(self, value: ast.expr) -> ast.expr:
        if _is_trivial(value):
            return value
        tmp = self.fresh("_v")
        self.fn.locals.add(tmp)
        self.emit(_assign(tmp, value))
        return _name(tmp)

    def exprs(self, nodes: list[ir.Expr]) -> list[ast.expr]:
        """Compile operands left to right; when one needs statements, the operands before it
        are evaluated first into temporaries, so the order of effects is kept."""
        results: list[ast.expr] = []
        for node in nodes:
            mark = len(self.stmts)
            value = self.expr(node)
            if len(self.stmts) > mark:
                hoisted: list[ast.stmt] = []
                for i, earlier in enumerate(results):
                    if not _is_trivial(earlier):
                        tmp = self.fresh("_v")
                        self.fn.locals.add(tmp)
                        stmt = _assign(tmp, earlier)
                        stmt.lineno = self.line
                        stmt.col_offset = 0
                        hoisted.append(stmt)
                        results[i] = _name(tmp)
                self.stmts[mark:mark] = hoisted
            results.append(value)
        return results

    def expr(self, e: ir.Expr) -> ast.expr:
        """Compile *e* to a Python expression (emitting statements it needs first)."""
        self.line = e.line or self.line
        method = getattr(self, "e_" + type(e).__name__, None)
        if method is not None:
            result: ast.expr = method(e)
            return result
        tmp = self.fresh("_r")
        self.fn.locals.add(tmp)
        self.stmt(e, tmp)
        return _name(tmp)

    def condition(self, e: ir.Expr) -> ast.expr:
        value = self.expr(e)
        if self.typed:
            return value
        return _call("_truth", value)

    def e_Unset(self, e: ir.Unset) -> ast.expr:
        return _const(None)

    def e_Const(self, e: ir.Const) -> ast.expr:
        value = e.value
        if type(value) is Char or type(value) is Decimal:
            return _name(self.constant(value, "k_"))
        return _const(value)

    def e_Ref(self, e: ir.Ref) -> ast.expr:
        var = e.var
        name = self.var_name(var)
        if var.lam is not None and not var.mutable and var.arity > 1:
            return _call(
                f"_curry{var.arity}" if var.arity <= 4 else "_curry",
                _name(name),
                *([] if var.arity <= 4 else [_const(var.arity)]),
            )
        return _name(name)

    def e_BuiltinRef(self, e: ir.BuiltinRef) -> ast.expr:
        builtin = e.builtin
        name = self.builtin(builtin, _has_dyn(e.ty))
        if builtin.is_value:
            return _name(name)
        # a library function as a value displays as <native fn NAME>
        value: ast.expr = _name(name)
        if builtin.arity > 4:
            value = _call("_curry", value, _const(builtin.arity))
        elif builtin.arity > 1:
            value = _call(f"_curry{builtin.arity}", value)
        return _call("_native_fn", value, _const(builtin.name))

    def e_Lam(self, e: ir.Lam) -> ast.expr:
        name = self.fresh("_fun")
        self.names[name] = e.name if e.name != "<fun>" else "<fun>"
        self.fn.locals.add(name)
        func = self.function(e, name, None)
        self.emit(func)
        arity = len(e.params)
        if arity == 1:
            return _name(name)
        if arity <= 4:
            return _call(f"_curry{arity}", _name(name))
        return _call("_curry", _name(name), _const(arity))

    def e_Ctor(self, e: ir.Ctor) -> ast.expr:
        tag = e.tag
        if tag.arity <= 0 and not e.args:
            if tag.arity < 0:
                tag = Tag(tag.name, "", 1000, 0)
            return _name(self.nullary(tag))
        args = self.exprs(e.args)
        if len(args) >= tag.arity:
            return ast.Tuple([_name(self.tag(tag)), *args], ast.Load())
        return _call(
            "_ctor_partial", _name(self.tag(tag)), _const(tag.arity), ast.Tuple(args, ast.Load())
        )

    def e_Apply(self, e: ir.Apply) -> ast.expr:
        func = e.func
        if isinstance(func, ir.Ref) and func.var.lam is not None and not func.var.mutable:
            arity = func.var.arity
            name = self.var_name(func.var)
            return self.apply_known(_name(name), arity, e.args)
        if isinstance(func, ir.BuiltinRef) and not func.builtin.is_value:
            if self.tables:
                lookup = self.table_lookup(e)
                if lookup is not None:
                    return lookup
            if self.typed and func.builtin.name in _INLINE_LOOPS:
                looped = self.inline_loop(func.builtin.name, e.args)
                if looped is not None:
                    return looped
            special = self.special_builtin(func.builtin, e.args)
            if special is not None:
                return special
            dynamic = any(_has_dyn(a.ty) for a in e.args[: func.builtin.arity])
            name = self.builtin(func.builtin, dynamic)
            args = _built_as_arrays(e.args, func.builtin) if self.typed else e.args
            return self.apply_known(_name(name), func.builtin.arity, args)
        if isinstance(func, ir.Ctor) and not func.args:
            return self.e_Ctor(ir.Ctor(e.line, func.tag, e.args, func.union))
        callee, *values = self.exprs([func, *e.args])
        result: ast.expr = callee
        for value in values:
            result = _call(result, value)
        return result

    def apply_known(self, func: ast.expr, arity: int, args: list[ir.Expr]) -> ast.expr:
        values = self.exprs(args)
        if arity == 0:
            result: ast.expr = _call(func)
            for value in values:
                result = _call(result, value)
            return result
        if len(values) >= arity:
            result = _call(func, *values[:arity])
            for value in values[arity:]:
                result = _call(result, value)
            return result
        curried = (
            _call(f"_curry{arity}", func) if arity <= 4 else _call("_curry", func, _const(arity))
        )
        result = curried
        for value in values:
            result = _call(result, value)
        return result

    def special_builtin(self, builtin: Builtin, args: list[ir.Expr]) -> ast.expr | None:
        """Inline the trivial core functions when fully applied."""
        if len(args) != 1:
            return None
        name = builtin.name
        if name == "not" and self.typed:
            return ast.UnaryOp(ast.Not(), self.expr(args[0]))
        if name == "fst" and self.typed:
            return ast.Subscript(self.expr(args[0]), _const(0), ast.Load())
        if name == "snd" and self.typed:
            return ast.Subscript(self.expr(args[0]), _const(1), ast.Load())
        if name == "id":
            return self.expr(args[0])
        if name == "string" and self.typed_as(args[0], "int"):  # (what to_string does first)
            return _call("_int_text", self.expr(args[0]))
        if name == "int" and self.typed_as(args[0], "char"):  # (what to_int does for a char)
            return _call("_ord", self.plain_char(self.expr(args[0])))  # (no Char to make)
        if name == "int" and self.typed_as(args[0], "int"):
            return self.expr(args[0])
        return None

    # ------------------------------------------------------------------ loops in place

    def inline_loop(self, name: str, args: list[ir.Expr]) -> ast.expr | None:
        """A fully applied ``Array.map``, ``List.filter``, ``Array.fold``... whose function is
        a lambda literal, as a loop in the caller that runs the lambda's body once per element
        with no call (the checks and charges of the library function go through
        :mod:`fusabi_host.lang.stdlib.inlined`).  Each element still polls as the lambda's
        entry did.  A fold that builds a map or set builds it in place (see
        :meth:`fold_in_place`)."""
        loop = _INLINE_LOOPS.get(name)
        if loop is None or len(args) != (3 if loop.collect == "fold" else 2):
            return None
        func = args[1] if loop.source == "count" else args[0]
        if type(func) is ir.Ref:  # (a lifted program binds each lambda before passing it)
            func = self.local_lambda(func.var) or func
        arity = 2 if loop.collect == "fold" else 1
        if type(func) is not ir.Lam or len(func.params) != arity:
            return None
        if any(_has_dyn(arg.ty) for arg in args if arg is not func):
            return None  # (the library's checked form tests what a dynamic value is)
        if any(type(node) in (ir.LoopControl, ir.Yield) for node in ir.walk(func.body)):
            return None  # (they would act on the new loop)
        if func.calls:
            self.fn.inlined_calls = True  # (the caller now makes the lambda's calls)
        if loop.collect == "fold":
            kind = in_place_kind(func)
            if kind is not None:
                return self.fold_in_place(loop.source, kind, func, args[1], args[2])
            start, source = self.exprs([args[1], args[2]])
            state = self.local_var(func.params[0])
            self.fn.loop_vars.add(func.params[0].id)  # (each step rebinds it: closures copy it)
            self.emit(_assign(state, start))
        else:
            source = self.expr(args[0] if loop.source == "count" else args[1])
        source = self.spill(source)
        if loop.source == "count":
            source = _call("_init_count", _name("_ctx"), source, _const(loop.result))
        elif loop.start is not None:  # (skipped for a short source: see guard.FEW_ITEMS)
            short = ast.Compare(_call("_len", source), [ast.LtE()], [_name("_few_items")])
            source = ast.IfExp(short, source, _call(loop.start, source))
        results = ""
        if loop.collect in ("map", "filter"):
            results = self.fresh("_r")
            self.fn.locals.add(results)
            empty = _call(loop.into) if loop.into is not None else ast.List([], ast.Load())
            self.emit(_assign(results, empty))  # (reserved: the start or the count did it)
        self.enter_loop()
        saved_bounds = self.bounds
        try:
            item = func.params[-1]
            var = self.local_var(item)
            if loop.source == "count":  # (the index: 0 <= i < count, a range fact)
                highest = max(0, self.int_bounds(args[0])[1] - 1)
                self.bounds = {**saved_bounds, item.id: (0, highest)}
            with self.block() as body:
                if loop.collect == "fold":
                    self.stmt(func.body, state)
                elif loop.collect == "each":
                    self.stmt(func.body, DISCARD)
                else:
                    value = self.expr(func.body)
                    append = ast.Attribute(_name(results), "append", ast.Load())
                    if loop.collect == "map":
                        self.emit(ast.Expr(_call(append, value)))
                    else:  # (a typed predicate: a bool)
                        self.emit(ast.If(value, [ast.Expr(_call(append, _name(var)))], []))
        finally:
            self.fn.loop_level -= 1
            self.bounds = saved_bounds
        self.emit_loop(loop.source, var, source, body or [ast.Pass()])
        if loop.collect == "fold":
            return _name(state)
        if loop.into is not None:
            return _name(results)
        if loop.finish is None:
            return _const(None)
        return _call(loop.finish, _name(results))

    def local_lambda(self, var: ir.Var) -> ir.Lam | None:
        """The lambda *var* is bound to by a ``let`` of the function being compiled, if any:
        its body can run in place of a call here, reading the variables it closes over as
        they are (they are this function's own, and immutable or shared with it)."""
        if var.mutable or var.is_global or var.cell or var.lam is None:
            return None
        return var.lam if self.var_function.get(var.id) is self.fn else None

    def emit_loop(self, source_kind: str, var: str, source: ast.expr, body: list[ast.stmt]) -> None:
        """``for var in source`` over an array, a range or any Python iterable (*source_kind*
        ``"array"`` or ``"count"``; a dynamic ``for`` passes ``_iter`` of its source as an
        ``"array"``), or down the cells of a list (``"list"``), polling on each element."""
        if source_kind != "list":
            self.emit(ast.For(_name(var, store=True), source, [*self.poll(), *body], []))
            return
        cursor = self.fresh("_it")
        self.fn.locals.add(cursor)
        self.emit(_assign(cursor, source))
        step = [
            _assign(var, ast.Subscript(_name(cursor), _const(0), ast.Load())),
            _assign(cursor, ast.Subscript(_name(cursor), _const(1), ast.Load())),
        ]
        test = ast.Compare(_name(cursor), [ast.IsNot()], [_name("_NIL")])
        self.emit(ast.While(test, [*step, *self.poll(), *body], []))

    def fold_in_place(
        self, source_kind: str, kind: str, folder: ir.Lam, start: ir.Expr, source: ir.Expr
    ) -> ast.expr:
        """A fold whose *folder* builds a map or set (*kind* ``"Map"``/``"Set"``, see
        :mod:`fusabi_host.lang.transient`) as a loop over a private table: each step's
        update is a store into it, and the map or set is made from it once, at the end."""
        state, item = folder.params
        start_value, source_value = self.exprs([start, source])
        table = self.fresh("_tbl")
        self.fn.locals.add(table)
        if type(start) is ir.BuiltinRef and start.builtin.name == EMPTY[kind]:
            self.emit(_assign(table, ast.Dict([], [])))
        else:
            self.emit(_assign(table, _call(f"_{kind.lower()}_table", start_value)))
        source_value = self.spill(source_value)
        self.enter_loop()
        self.tables[state.id] = table
        self.table_steps[table] = (state, kind)
        try:
            var = self.local_var(item)
            body = self.compile_block(folder.body, table)
        finally:
            del self.tables[state.id], self.table_steps[table]
            self.fn.loop_level -= 1
        self.emit_loop(source_kind, var, source_value, body)
        return _call(f"_{kind.lower()}_of_table", _name(table))

    def table_step(self, e: ir.Expr, table: str) -> None:
        """A result of a fold step building *table*: the state itself (nothing to do) or an
        update of it, made in place (after its key and value are computed)."""
        state, _ = self.table_steps[table]
        if type(e) is ir.Ref and e.var is state:
            return
        name = call_of(e, UPDATES)
        if name is None or not isinstance(e, ir.Apply):
            # (a value no run can deliver: it follows a match failure, see transient.results;
            # in_place_kind allowed nothing else)
            self.stmt(e, DISCARD)
            return
        operands = self.exprs(e.args[:-1])
        target = _name(table)
        if not self.plain_key(e.args[0]):
            self.emit(ast.Expr(_call(_TABLE_UPDATES[name], target, *operands)))
            return
        key = self.spill_always(operands[0]) if not _is_trivial(operands[0]) else operands[0]
        slot = ast.Subscript(target, key, ast.Store())
        if name == "Map.add":
            self.emit(ast.Assign([slot], ast.Tuple([key, operands[1]], ast.Load())))
        elif name == "Set.add":  # (an equal element already there stays)
            absent = ast.Compare(key, [ast.NotIn()], [target])
            self.emit(ast.If(absent, [ast.Assign([slot], key)], []))
        else:
            pop = ast.Attribute(target, "pop", ast.Load())
            self.emit(ast.Expr(_call(pop, key, _const(None))))

    def table_lookup(self, e: ir.Apply) -> ast.expr | None:
        """A lookup in a table a fold is building (``Map.tryFind k state``...), or ``None``
        when *e* is not one."""
        name = call_of(e, LOOKUPS)
        last = e.args[-1] if e.args else None
        if name is None or type(last) is not ir.Ref or last.var.id not in self.tables:
            return None
        target = _name(self.tables[last.var.id])
        if name in ("Map.count", "Set.count"):
            return _call("_len", target)
        key = self.expr(e.args[0])
        plain = self.plain_key(e.args[0])
        if name in ("Map.containsKey", "Set.contains"):
            if plain:
                return ast.Compare(key, [ast.In()], [target])
            return _call(
                "_map_contains" if name == "Map.containsKey" else "_set_contains", target, key
            )
        if name == "Map.find" or not plain:
            return _call("_map_find" if name == "Map.find" else "_map_try_find", target, key)
        entry = self.fresh("_e")
        self.fn.locals.add(entry)
        got = ast.NamedExpr(
            _name(entry, store=True), _call(ast.Attribute(target, "get", ast.Load()), key)
        )
        missing = ast.Compare(got, [ast.Is()], [_const(None)])
        some = ast.Tuple(
            [_name("_SOME"), ast.Subscript(_name(entry), _const(1), ast.Load())], ast.Load()
        )
        return ast.IfExp(missing, _name("_NONE"), some)

    def lookup_match(self, e: ir.Match, dest: str | None) -> bool:
        """``match Map.tryFind k table with Some p -> a | None -> b`` over a table a fold
        is building (:meth:`table_lookup`), compiled with the entry's lookup as the test:
        no option is made to be taken apart.  Only for a plain key, an irrefutable ``p``,
        no guards, and ``None`` (or ``_``) as the other arm, in either order; ``False``
        (nothing emitted) otherwise."""
        subject = e.subject
        if not (self.typed and type(subject) is ir.Apply and call_of(subject, _TRY_FIND)):
            return False
        table = subject.args[-1]
        if type(table) is not ir.Ref or table.var.id not in self.tables:
            return False
        if not self.plain_key(subject.args[0]) or len(e.arms) != 2:
            return False
        if any(arm.guard is not None for arm in e.arms):
            return False
        first, second = e.arms
        some, other = (first, second) if _case_pattern(first.pat, SOME_TAG) else (second, first)
        some_pat = some.pat
        if not _case_pattern(some_pat, SOME_TAG):
            return False
        inner = some_pat.args[0]
        none_last = other is second and isinstance(other.pat, ir.PAny)  # (`| _ ->` last)
        if not self.irrefutable(inner) or not (_case_pattern(other.pat, NONE_TAG) or none_last):
            return False
        key = self.expr(subject.args[0])
        entry = self.fresh("_e")
        self.fn.locals.add(entry)
        lookup = _call(ast.Attribute(_name(self.tables[table.var.id]), "get", ast.Load()), key)
        self.emit(_assign(entry, lookup))
        with self.block() as found:
            value = ast.Subscript(_name(entry), _const(1), ast.Load())
            self.bind_pattern(inner, value)
            self.stmt(some.body, dest)
        missing = self.compile_block(other.body, dest)
        test = ast.Compare(_name(entry), [ast.IsNot()], [_const(None)])
        self.emit(ast.If(test, found or [ast.Pass()], missing))
        return True

    def plain_key(self, key: ir.Expr) -> bool:
        """Is *key* typed as a string or an int (a key that is its own table key)?"""
        return self.typed_as(key, "string", "int")

    def typed_as(self, e: ir.Expr, *names: str) -> bool:
        """Is *e* of one of the plain types *names* (``"int"``, ``"string"``...), for sure?"""
        if not self.typed:
            return False
        t = prune(e.ty)
        return isinstance(t, TCon) and t.name in names and not t.args

    def e_Tuple(self, e: ir.Tuple) -> ast.expr:
        return ast.Tuple(self.exprs(e.items), ast.Load())

    def e_List(self, e: ir.List) -> ast.expr:
        values = self.exprs(e.items)
        if len(values) > 8:  # flat, so a long literal cannot nest the Python AST deeply
            return _call("_from_list", ast.List(values, ast.Load()))
        result: ast.expr = _name("_NIL")
        for value in reversed(values):
            result = ast.List([value, result], ast.Load())
        return result

    def e_Array(self, e: ir.Array) -> ast.expr:
        return _call("_FzArray", ast.List(self.exprs(e.items), ast.Load()))

    def e_Range(self, e: ir.Range) -> ast.expr:
        args = self.exprs([e.start, e.step or ir.Const(e.line, None), e.stop])
        return _call("_range_" + (e.kind if e.kind in ("array", "seq") else "list"), *args)

    def e_Record(self, e: ir.Record) -> ast.expr:
        """A record literal: the fields evaluated in the order written, the record built in
        the order its type declares them (what ``%A`` and the host show)."""
        values = self.exprs([v for _, v in e.fields])
        names = [n for n, _ in e.fields]
        declared = _declared_order(e.record_type, names)
        if declared != names:
            for index, value in enumerate(values):
                if not _is_trivial(value):
                    tmp = self.fresh("_v")
                    self.fn.locals.add(tmp)
                    self.emit(_assign(tmp, value))
                    values[index] = _name(tmp)
            by_name = dict(zip(names, values, strict=True))
            names, values = declared, [by_name[n] for n in declared]
        if isinstance(e.record_type, ir.InterfaceDecl):  # properties: getters (see FzGetter)
            properties = e.record_type.properties
            values = [
                _call("_getter", value) if name in properties else value
                for name, value in zip(names, values, strict=True)
            ]
        keys: list[ast.expr | None] = [_const(n) for n in names]
        return ast.Dict(keys, values)

    def e_RecordUpdate(self, e: ir.RecordUpdate) -> ast.expr:
        values = self.exprs([e.base, *(v for _, v in e.fields)])
        base, updates = values[0], values[1:]
        if self.typed:
            keys: list[ast.expr | None] = [None, *(_const(n) for n, _ in e.fields)]
            return ast.Dict(keys, [base, *updates])
        fields = ast.Dict([_const(n) for n, _ in e.fields], updates)
        return _call("_record_update", base, fields, _const(e.extend))

    def e_GetField(self, e: ir.GetField) -> ast.expr:
        if e.kind == "member":  # inference made the target the member function's call
            return self.expr(e.target)
        target = self.expr(e.target)
        kind = e.kind if self.typed or e.kind == "interface" else "dynamic"
        if kind in ("record", "interface"):
            return ast.Subscript(target, _const(e.name), ast.Load())
        if kind in ("string", "array") and e.name == "Length":
            return _call("_len", target)
        if e.name == "Length":  # (a lifted program's s.Length, say: usually a string's)
            return _call("_length", target)
        return _call("_getf", target, _const(e.name))

    def e_Member(self, e: ir.Member) -> ast.expr:
        if e.kind == "member":  # a user type's member: the target is the call
            return self.expr(e.target)
        values = self.exprs([e.target, *(e.args or [])])
        if self.typed and e.kind == "string" and e.args == [] and e.name in _TRIMS:
            # s.Trim() and friends: .NET's white space, stripped by str's own method
            strip = ast.Attribute(values[0], _TRIMS[e.name], ast.Load())
            return ast.Call(strip, [_name("_whitespace")], [])
        if self.typed and e.kind == "string" and e.args == [] and e.name in _CASE_MAPS:
            # s.ToUpper() and friends: str's own method for short ASCII text, whose result
            # has the same length (as a short string + is, it is not charged to the run)
            text = self.fresh("_u")
            self.fn.locals.add(text)
            short = ast.Compare(
                _call("_len", ast.NamedExpr(_name(text, store=True), values[0])),
                [ast.LtE()],
                [_const(TEXT_CHECK)],
            )
            ascii_test = _call(ast.Attribute(_name(text), "isascii", ast.Load()))
            mapped = _call(ast.Attribute(_name(text), _CASE_MAPS[e.name], ast.Load()))
            method = ast.Subscript(_name("_string_methods"), _const(e.name), ast.Load())
            test = ast.BoolOp(ast.And(), [short, ascii_test])
            return ast.IfExp(test, mapped, ast.Call(method, [_name(text)], []))
        if (
            self.typed
            and e.kind == "string"
            and e.name == "Split"
            and e.args is not None
            and len(e.args) == 1
            and self.typed_as(e.args[0], "char")
        ):
            # (s.Split(','), without the option parsing; a short text, whose pieces no check
            # could refuse, is split right here: see guard.FEW_ITEMS)
            cut, separator = (self.spill(value) for value in values)
            short = ast.Compare(_call("_len", cut), [ast.Lt()], [_name("_few_items")])
            split = _call(ast.Attribute(cut, "split", ast.Load()), separator)
            return ast.IfExp(short, _call("_FzArray", split), _call("_split_char", cut, separator))
        if self.typed and e.kind == "string" and e.args:
            direct = self.string_call(e.name, e.args, values)
            if direct is not None:
                return direct
        if self.typed and e.kind == "string" and e.name in STRING_MEMBERS:
            # a string's method, known at compile time: called directly (no dispatch)
            method = ast.Subscript(_name("_string_methods"), _const(e.name), ast.Load())
            return ast.Call(method, values, [])
        return _call("_member", values[0], _const(e.name), ast.Tuple(values[1:], ast.Load()))

    def string_call(
        self, name: str, args: list[ir.Expr], values: list[ast.expr]
    ) -> ast.expr | None:
        """A typed string's method whose overload the argument types settle, as str's own
        method or the library's core function (no argument checks left to make at run
        time); ``None`` for the others, which go through the library's member."""
        text = [self.typed_as(arg, "string", "char") for arg in args]
        ints = [self.typed_as(arg, "int") for arg in args]
        target, rest = values[0], values[1:]
        if name == "Substring" and all(ints):
            return _call("_substring", target, *rest)
        if name in _TEXT_TESTS and text == [True]:
            return _call(ast.Attribute(target, _TEXT_TESTS[name], ast.Load()), *rest)
        if name == "Contains" and text == [True]:
            return _call("_contains_text", target, *rest)
        if name == "IndexOf" and len(args) == 2 and text[0] and ints[1]:
            return _call("_index_from", target, *rest)
        return None

    def e_Index(self, e: ir.Index) -> ast.expr:
        target, index = self.exprs([e.target, e.index])
        if self.raw_reads and e.kind == "array" and self.int_bounds(e.index)[0] >= 0:
            return ast.Subscript(target, index, ast.Load())  # (see assign_value)
        if self.typed and e.kind in ("array", "string"):
            # ``a.[i]`` of an array: subscripted directly when in bounds (F# raises for a
            # negative index, which Python would take from the end); else _index says why.
            # Names are read as they are; other parts once, in order, through temporaries.
            if _is_trivial(target) and _is_trivial(index):
                array_read, array_use, index_read, index_use = target, target, index, index
            elif _is_trivial(index):  # (read after the target, and nothing runs between)
                array = self.index_temps()[0]
                array_read = ast.NamedExpr(_name(array, store=True), target)
                array_use, index_read, index_use = _name(array), index, index
            else:
                array, position = self.index_temps()
                array_read = ast.NamedExpr(_name(array, store=True), target)
                index_read = ast.NamedExpr(_name(position, store=True), index)
                array_use, index_use = _name(array), _name(position)
            in_bounds = self.in_bounds(array_read, index_read, e.index, e.target)
            item: ast.expr = ast.Subscript(array_use, index_use, ast.Load())
            if e.kind == "string":  # a char: a shared one for Latin-1, else a new one
                # (plain_char recognises this form)
                shared = ast.Call(ast.Attribute(_name("_chars"), "get", ast.Load()), [item], [])
                fresh = _call("_Char", ast.Subscript(array_use, index_use, ast.Load()))
                item = ast.BoolOp(ast.Or(), [shared, fresh])
            if isinstance(in_bounds, ast.Constant):  # (known to be in bounds)
                return item
            return ast.IfExp(in_bounds, item, _call("_index", array_use, index_use))
        return _call("_index", target, index)

    def in_bounds(
        self, array: ast.expr, index: ast.expr, source: ir.Expr, target: ir.Expr
    ) -> ast.expr:
        """The test that *index* is a valid position of *array*: ``len > i >= 0``, without
        the lower check when the range facts say the index (*source*) is never negative,
        as a loop variable from ``0 ..`` is not, and without the upper one when a condition
        around it showed ``i < s.Length`` (:meth:`learn_lengths`; *target* is ``s``)."""
        below = (
            isinstance(source, ir.Ref)
            and isinstance(target, ir.Ref)
            and (source.var.id, target.var.id) in self.below_length
        )
        if self.int_bounds(source)[0] >= 0:
            if below:
                return _const(True)
            return ast.Compare(_call("_len", array), [ast.Gt()], [index])
        if below:
            return ast.Compare(index, [ast.GtE()], [_const(0)])
        return ast.Compare(_call("_len", array), [ast.Gt(), ast.GtE()], [index, _const(0)])

    def index_temps(self) -> tuple[str, str]:
        """Two fresh locals for an indexing's target and index (nested indexings, as in
        ``a.[b.[i]]``, must not share them)."""
        array, position = self.fresh("_ia"), self.fresh("_ii")
        self.fn.locals.update((array, position))
        return array, position

    def e_Slice(self, e: ir.Slice) -> ast.expr:
        values = self.exprs(
            [e.target, e.start or ir.Const(e.line, None), e.stop or ir.Const(e.line, None)]
        )
        return _call("_slice", *values)

    def e_SetIndex(self, e: ir.SetIndex) -> ast.expr:
        values = self.exprs([e.target, e.index, e.value])
        return _call("_set_index", *values)

    def s_SetIndex(self, e: ir.SetIndex, dest: str | None) -> None:
        """``a.[i] <- v`` of an array as a statement: assigned directly when in bounds (the
        target, the index and the value evaluated in that order), else _set_index raises."""
        if not (self.typed and e.kind == "array"):
            self.deliver(self.e_SetIndex(e), dest)
            return
        target, index, value = self.exprs([e.target, e.index, e.value])
        parts: list[ast.expr] = []
        if all(_is_trivial(part) for part in (target, index, value)):
            parts = [target, index, value]
        else:  # (once each, in order)
            array, position = self.index_temps()
            item = self.fresh("_iv")
            self.fn.locals.add(item)
            for name, part in zip((array, position, item), (target, index, value), strict=True):
                self.emit(_assign(name, part))
                parts.append(_name(name))
        array_use, index_use, item_use = parts
        store = ast.Assign([ast.Subscript(array_use, index_use, ast.Store())], item_use)
        fallback = ast.Expr(_call("_set_index", array_use, index_use, item_use))
        # the store itself finds an index past the end (IndexError, which is then
        # _set_index's to report) and costs nothing while in bounds; a negative index, which
        # Python would count from the end, is tested first unless the range facts exclude it
        handler = ast.ExceptHandler(_name("_IndexError"), None, [fallback])
        guarded = ast.Try([store], [handler], [], [])
        if self.int_bounds(e.index)[0] >= 0:
            self.emit(guarded)
        else:
            fallback_again = ast.Expr(_call("_set_index", array_use, index_use, item_use))
            not_negative = ast.Compare(index_use, [ast.GtE()], [_const(0)])
            self.emit(ast.If(not_negative, [guarded], [fallback_again]))
        self.deliver(_const(None), dest)

    def e_SetField(self, e: ir.SetField) -> ast.expr:
        target, value = self.exprs([e.target, e.value])
        return _call("_setf", target, _const(e.name), value)

    def e_Assign(self, e: ir.Assign) -> ast.expr:
        var = e.var
        name = self.var_name(var)
        if var.is_global:
            self.fn.globals_assigned.add(name)
        else:
            owner = self.var_function.get(var.id)
            if owner is not None and owner is not self.fn:
                self.fn.nonlocals.add(name)
        self.assign_value(name, e.value)
        self.mutable_facts.pop(var.id, None)  # (the value was computed with what held before)
        return _const(None)

    def e_Upcast(self, e: ir.Upcast) -> ast.expr:
        return self.expr(e.expr)  # (inference made it the upcast's call, where one is needed)

    def e_Annot(self, e: ir.Annot) -> ast.expr:
        return self.expr(e.expr)

    def e_Format(self, e: ir.Format) -> ast.expr:
        values = self.exprs(e.args)
        if self.typed and e.func == "sprintf" and not e.list_form:
            direct = self.direct_sprintf(e.fmt, values)
            if direct is not None:
                return direct
        fmt = _const(e.fmt)
        if e.list_form:  # upstream's list form: render here (its %f differs), then print
            text = _call("_format_list_text", fmt, ast.Tuple(values, ast.Load()))
            return _call(
                "_format_call",
                _const(e.func),
                _const("%s"),
                ast.Tuple([text], ast.Load()),
                _const(True),
            )
        return _call(
            "_format_call",
            _const(e.func),
            fmt,
            ast.Tuple(values, ast.Load()),
            _const(e.list_form if (self.typed or e.list_form) else None),
        )

    def direct_sprintf(self, fmt: str, values: list[ast.expr]) -> ast.expr | None:
        """A typed ``sprintf`` of text and bare ``%d``/``%i``/``%s`` (``%%`` too) with every
        argument given, as an f-string: the types say each ``%d`` value is an int and each
        ``%s`` value a string, which is all the formatting they take.  The format is read by
        the formatter's own parser (:func:`~fusabi_host.lang.format.parsed_format`), whose
        ``plain`` marks the bare placeholders.

        The result stays under :data:`TEXT_CHECK` characters, as an uncharged ``+`` does:
        an int renders in at most 20, and when ``%s`` values could take it past that, their
        lengths are tested first and the general formatter (which charges the run) takes
        over.  ``None``: the format needs the general formatter (which also reports a bad
        one, when it runs)."""
        try:
            parts, count = parsed_format(fmt)
        except FusabiException:
            return None
        specs = [part for part in parts if not isinstance(part, str)]
        if count != len(values) or any(not spec.plain for spec in specs):
            return None
        args = list(values)
        if any(spec.plain == "s" for spec in specs):  # (their lengths are read twice: every
            args = [self.spill(value) for value in values]  # value once, in order)
        pieces: list[ast.expr] = []
        strings: list[ast.expr] = []
        budget = TEXT_CHECK
        position = 0
        for part in parts:
            if isinstance(part, str):
                pieces.append(_const(part))
                budget -= len(part)
                continue
            value = args[position]
            position += 1
            if part.plain == "s":
                strings.append(value)
            else:
                budget -= 20  # (len(str(-2**63)))
            pieces.append(ast.FormattedValue(value, -1, None))
        if budget < 0:
            return None
        text = ast.JoinedStr(pieces) if pieces else _const("")
        if not strings:
            return text
        total: ast.expr = _call("_len", strings[0])
        for extra in strings[1:]:
            total = ast.BinOp(total, ast.Add(), _call("_len", extra))
        general = _call(
            "_format_call",
            _const("sprintf"),
            _const(fmt),
            ast.Tuple(args, ast.Load()),
            _const(False),
        )
        fits = ast.Compare(total, [ast.LtE()], [_const(budget)])
        return ast.IfExp(fits, text, general)

    def e_TupleGet(self, e: ir.TupleGet) -> ast.expr:
        target = self.expr(e.target)
        if self.typed:
            return ast.Subscript(target, _const(e.index), ast.Load())
        return _call("_tuple_get", target, _const(e.index))

    def e_CaseField(self, e: ir.CaseField) -> ast.expr:
        target = self.expr(e.target)
        if self.typed and e.tag is not None and e.tag.type_name:
            return ast.Subscript(target, _const(e.index + 1), ast.Load())
        return _call("_case_field", target, _const(e.index))

    def e_ListPart(self, e: ir.ListPart) -> ast.expr:
        return _call("_list_head" if e.part == "head" else "_list_tail", self.expr(e.target))

    def e_Intrinsic(self, e: ir.Intrinsic) -> ast.expr:
        return _call("_i_" + e.name, *self.exprs(e.args))

    def e_Comprehension(self, e: ir.Comprehension) -> ast.expr:
        if e.kind == "seq" and isinstance(e.body, ir.Lam):
            name = self.fresh("_seq")
            self.fn.locals.add(name)
            self.emit(self.function(e.body, name, None, generator=True))
            return _call("_seq_gen", _name(name))
        acc = self.fresh("_acc")
        self.fn.locals.add(acc)
        self.emit(_assign(acc, ast.List([], ast.Load())))
        self.acc_stack.append(acc)
        try:
            self.stmt(e.body, DISCARD)
        finally:
            self.acc_stack.pop()
        if e.kind == "array":
            return _call("_acc_array", _name(acc))
        return _call("_acc_list", _name(acc))

    def e_Prim(self, e: ir.Prim) -> ast.expr:
        op = e.op
        if op == "call":  # an operator member's call (``static member (+)``)
            return self.expr(e.args[0])
        kind = e.operand if self.typed else "dynamic"
        if op in ("&&", "||"):
            return self.logic(e, kind)
        if op == "neg":
            operand = self.expr(e.args[0])
            if kind == "int":
                return self.checked(ast.UnaryOp(ast.USub(), operand))
            if kind == "float":
                return ast.UnaryOp(ast.USub(), operand)
            return _call("_neg", operand)
        if op in _COMPARE_OPS and kind == "char":
            return self.char_compare(op, e.args)
        left, right = self.exprs(e.args)
        if op == "::":
            return ast.List([left, right], ast.Load())
        if op == "@":
            return _call("_append", left, right)
        if op == "^":
            if kind == "string":
                return self.string_concat(left, right)
            return _call("_concat", left, right)
        if op == "**":
            return _call("_pow", left, right)
        if op in _COMPARE_OPS:
            if kind in ("int", "float", "string", "char", "bool"):
                return ast.Compare(left, [_COMPARE_OPS[op]()], [right])
            return _call(_COMPARE_HELPERS[op], left, right)
        if kind == "int":
            return self.int_arith(op, left, right, e.args)
        if kind == "float":
            if op == "/":
                return _call("_fdiv", left, right)
            if op == "%":
                return _call("_fmod", left, right)
            return ast.BinOp(left, _ARITH_OPS[op](), right)
        if kind in ("string", "char") and op == "+":
            if kind == "string":
                return self.string_concat(left, right)
            return _call("_add", left, right)
        return _call(_ARITH_HELPERS[op], left, right)

    def string_concat(self, left: ast.expr, right: ast.expr) -> ast.expr:
        """Typed string ``+``/``^``: ``a + b`` when the lengths add up to at most
        ``TEXT_CHECK`` characters, else ``_sadd``, which charges the result to the memory
        limit before building it.  The operands are evaluated once, left to right, into
        fresh temporaries by the test (``(a := L)``), so no statement is needed."""
        sizes: list[ast.expr] = []
        known = 0  # (the length of a literal operand, which needs no temporary)
        operands: list[ast.expr] = []
        for operand, prefix in ((left, "_ca"), (right, "_cb")):
            if isinstance(operand, ast.Constant) and type(operand.value) is str:
                known += len(operand.value)
                operands.append(operand)
                continue
            temp = self.fresh(prefix)
            self.fn.locals.add(temp)
            sizes.append(_call("_len", ast.NamedExpr(_name(temp, store=True), operand)))
            operands.append(_name(temp))
        if not sizes:
            return _const(operands[0].value + operands[1].value)  # type: ignore[attr-defined]
        size = sizes[0] if len(sizes) == 1 else ast.BinOp(sizes[0], ast.Add(), sizes[1])
        test = ast.Compare(size, [ast.LtE()], [_const(TEXT_CHECK - known)])
        plain = ast.BinOp(operands[0], ast.Add(), operands[1])
        return ast.IfExp(test, plain, _call("_sadd", *operands))

    def int_arith(
        self, op: str, left: ast.expr, right: ast.expr, operands: list[ir.Expr] | None = None
    ) -> ast.expr:
        if op in ("+", "-", "*"):
            raw = ast.BinOp(left, _ARITH_OPS[op](), right)
            if operands is None:
                return self.checked(raw)
            lo, hi = self.result_bounds(op, operands[0], operands[1])
            if op == "*":  # (either fits for certain or takes the general test)
                return raw if lo >= INT_MIN and hi <= INT_MAX else self.checked(raw)
            if lo >= INT_MIN and hi <= INT_MAX:
                return raw
            if lo >= INT_MIN:  # can only overflow upwards: one comparison
                return self.checked_one_side(raw, ast.LtE(), INT_MAX)
            if hi <= INT_MAX:
                return self.checked_one_side(raw, ast.GtE(), INT_MIN)
            return self.checked(raw)
        # fast path when both operands are non-negative (then Python and F# agree)
        known = operands is not None and self.int_bounds(operands[0])[0] >= 0
        if known and operands is not None and self.int_bounds(operands[1])[0] > 0:
            return ast.BinOp(left, ast.FloorDiv() if op == "/" else ast.Mod(), right)
        left = self.spill(left)
        right = self.spill(right)
        positive = ast.Compare(left, [ast.GtE(), ast.Lt()], [_const(0), right])
        fast = ast.BinOp(left, ast.FloorDiv() if op == "/" else ast.Mod(), right)
        slow = _call("_idiv" if op == "/" else "_imod", left, right)
        return ast.IfExp(positive, fast, slow)

    def checked(self, value: ast.expr) -> ast.expr:
        """``value`` with the 64-bit overflow test: two fast comparisons for results that fit
        in one CPython digit, ``bit_length`` for larger ones, ``_wrap`` on overflow."""
        self.fn.uses_tmp = True
        tmp = "_t"
        self.fn.locals.add(tmp)
        walrus = ast.NamedExpr(_name(tmp, store=True), value)
        small = ast.Compare(_const(-SMALL), [ast.LtE(), ast.LtE()], [walrus, _const(SMALL)])
        bits = ast.Compare(
            _call(ast.Attribute(_name(tmp), "bit_length", ast.Load())), [ast.Lt()], [_const(64)]
        )
        test = ast.BoolOp(ast.Or(), [small, bits])
        return ast.IfExp(test, _name(tmp), _call("_wrap", _name(tmp)))

    def checked_one_side(self, value: ast.expr, op: ast.cmpop, bound: int) -> ast.expr:
        self.fn.locals.add("_t")
        walrus = ast.NamedExpr(_name("_t", store=True), value)
        test = ast.Compare(walrus, [op], [_const(bound)])
        return ast.IfExp(test, _name("_t"), _call("_wrap", _name("_t")))

    # -- integer ranges: skip overflow tests that cannot fail

    def int_bounds(self, e: ir.Expr) -> tuple[int, int]:
        if isinstance(e, ir.Const) and type(e.value) is int:
            return e.value, e.value
        if isinstance(e, ir.Ref) and not e.var.mutable:  # (a mutable one may change since)
            return self.bounds.get(e.var.id, (INT_MIN, INT_MAX))
        if isinstance(e, ir.Ref):  # (what a while condition tells until an assignment)
            return self.mutable_facts.get(e.var.id, (INT_MIN, INT_MAX))
        return INT_MIN, INT_MAX

    def result_bounds(self, op: str, left: ir.Expr, right: ir.Expr) -> tuple[int, int]:
        """The range of ``left op right`` (op is +, - or *) before wrapping."""
        llo, lhi = self.int_bounds(left)
        rlo, rhi = self.int_bounds(right)
        if op == "+":
            return llo + rlo, lhi + rhi
        if op == "*":
            products = (llo * rlo, llo * rhi, lhi * rlo, lhi * rhi)
            return min(products), max(products)
        return llo - rhi, lhi - rlo

    @contextmanager
    def facts(self, cond: ir.Expr, holds: bool) -> Iterator[None]:
        """Within a branch, what *cond* (true or false) says about int variables."""
        saved, saved_lengths = self.bounds, self.below_length
        learned = self.learn(cond, holds)
        if learned:
            self.bounds = {**saved, **learned}
        lengths = self.learn_lengths(cond, holds) if self.typed else frozenset()
        if lengths:
            self.below_length = saved_lengths | lengths
        try:
            yield
        finally:
            self.bounds, self.below_length = saved, saved_lengths

    def learn_lengths(self, cond: ir.Expr, holds: bool) -> frozenset[tuple[int, int]]:
        """The pairs ``(i, s)`` of immutable variables that *cond* being *holds* shows to
        have ``i < s.Length`` (``i < s.Length``, ``s.Length > i``, ``not (i >= s.Length)``,
        and through ``&&`` / ``||`` as :meth:`learn` goes): ``s.[i]`` then needs no upper
        bound test."""
        cond, holds = _unnegated(cond, holds)
        if not isinstance(cond, ir.Prim):
            return frozenset()
        if cond.op in ("&&", "||"):
            if (cond.op == "&&") != holds:
                return frozenset()
            return self.learn_lengths(cond.args[0], holds) | self.learn_lengths(cond.args[1], holds)
        op = cond.op if holds else _NEGATED.get(cond.op)
        if cond.operand != "int" or op not in ("<", ">"):
            return frozenset()
        index, length = cond.args if op == "<" else reversed(cond.args)
        if not (
            isinstance(index, ir.Ref)
            and not index.var.mutable
            and isinstance(length, ir.GetField)
            and length.name == "Length"
            and length.kind in ("string", "array")
            and isinstance(length.target, ir.Ref)
            and not length.target.var.mutable
        ):
            return frozenset()
        return frozenset({(index.var.id, length.target.var.id)})

    def learn(self, cond: ir.Expr, holds: bool) -> dict[int, tuple[int, int]]:
        """What *cond* being *holds* says of immutable int variables: a comparison bounds
        its sides; ``a && b`` that holds (or ``a || b`` that does not) says what both sides
        say; ``not c`` says what ``c`` says when it does not hold."""
        cond, holds = _unnegated(cond, holds)
        if (
            isinstance(cond, ir.Prim)
            and cond.op in ("&&", "||")
            and (cond.op == "&&") == holds
            and self.typed
        ):
            return _both(self.learn(cond.args[0], holds), self.learn(cond.args[1], holds))
        if not (isinstance(cond, ir.Prim) and cond.operand == "int" and self.typed):
            return {}
        op = cond.op
        if op not in ("<", "<=", ">", ">="):
            return {}
        if not holds:
            op = _NEGATED[op]
        left, right = cond.args
        learned: dict[int, tuple[int, int]] = {}
        llo, lhi = self.int_bounds(left)
        rlo, rhi = self.int_bounds(right)
        # normalise to  left < right  or  left <= right
        if op in (">", ">="):
            left, right = right, left
            llo, lhi, rlo, rhi = rlo, rhi, llo, lhi
            op = "<" if op == ">" else "<="
        strict = 1 if op == "<" else 0
        # (only of immutable variables: an assignment in the branch would void the fact)
        if isinstance(left, ir.Ref) and not left.var.mutable:
            learned[left.var.id] = (llo, min(lhi, rhi - strict))
        if isinstance(right, ir.Ref) and not right.var.mutable:
            learned[right.var.id] = (max(rlo, llo + strict), rhi)
        return learned

    def char_compare(self, op: str, args: list[ir.Expr]) -> ast.expr:
        """A typed comparison of two chars, ``s.[i] = ' '``: a char read from a string and a
        char literal take part as plain one-character strings (they compare as the chars
        do), so that no ``Char`` is made just to be compared."""
        left, right = (self.plain_char(part) for part in self.exprs(args))
        return ast.Compare(left, [_COMPARE_OPS[op]()], [right])

    def plain_char(self, value: ast.expr) -> ast.expr:
        """*value*, a compiled char, as a plain string when it is a char constant or a read
        from a string (the form :meth:`e_Index` gives it); anything else as it is."""
        if isinstance(value, ast.Name) and type(self.constants.get(value.id)) is Char:
            return _const(str.__str__(self.constants[value.id]))
        if (
            isinstance(value, ast.IfExp)
            and isinstance(value.body, ast.BoolOp)
            and isinstance(shared := value.body.values[0], ast.Call)
            and isinstance(shared.func, ast.Attribute)
            and isinstance(shared.func.value, ast.Name)
            and shared.func.value.id == "_chars"
        ):
            return ast.IfExp(value.test, shared.args[0], value.orelse)
        return value

    def logic(self, e: ir.Prim, kind: str) -> ast.expr:
        left = self.expr(e.args[0])
        with self.facts(e.args[0], e.op == "&&"):  # (the right runs when the left decided not)
            right_stmts, right = self.expr_block(e.args[1])
        if not self.typed:
            left = _call("_truth", left)
            right = _call("_truth", right)
        op: ast.boolop = ast.And() if e.op == "&&" else ast.Or()
        if not right_stmts:
            return ast.BoolOp(op, [left, right])
        tmp = self.fresh("_b")
        self.fn.locals.add(tmp)
        self.emit(_assign(tmp, left))
        test: ast.expr = _name(tmp) if e.op == "&&" else ast.UnaryOp(ast.Not(), _name(tmp))
        self.emit(ast.If(test, [*right_stmts, _assign(tmp, right)], []))
        return _name(tmp)

    # ------------------------------------------------------------------ match

    def match(self, e: ir.Match, dest: str | None) -> None:
        if self.lookup_match(e, dest):
            return
        subject = self.expr(e.subject)
        if self.typed and all(_char_or_any(arm.pat) for arm in e.arms):
            # (only compared with char literals, never bound: a char read from a string
            # takes part as the plain one-character string, as in char_compare)
            subject = self.plain_char(subject)
        if not (isinstance(subject, ast.Name)):
            subject = self.spill(subject)
        if (
            isinstance(subject, ast.Name)
            and len(e.arms) == 1
            and e.arms[0].guard is None
            and self.irrefutable(e.arms[0].pat)
        ):
            self.bind_pattern(e.arms[0].pat, subject)
            self.stmt(e.arms[0].body, dest)
            return
        if not isinstance(subject, ast.Name):
            subject = self.spill_always(subject)
        branches: list[tuple[ast.expr | None, list[ast.stmt]]] = []
        complete = False
        for arm in e.arms:
            test, binds = self.pattern_test(arm.pat, subject)
            if arm.guard is not None:
                guard_stmts, guard = self.expr_block(arm.guard)
                if guard_stmts:
                    # rare: a guard needing statements; bind, evaluate, test in nested form
                    self.match_with_loop(e, subject, dest)
                    return
                walrus = [ast.NamedExpr(_name(t, store=True), v) for t, v in binds]
                parts = [t for t in [test] if t is not None]
                if walrus:
                    parts.append(ast.Tuple(list(walrus), ast.Load()))
                if not self.typed:
                    guard = _call("_truth", guard)
                parts.append(guard)
                cond: ast.expr | None = (
                    parts[0] if len(parts) == 1 else ast.BoolOp(ast.And(), parts)
                )
                body = self.compile_block(arm.body, dest)
                branches.append((cond, body))
                continue
            with self.block() as body:
                for target, value in binds:
                    self.emit(_assign(target, value))
                self.stmt(arm.body, dest)
            branches.append((test, body or [ast.Pass()]))
            if test is None:
                complete = True
                break
        if not complete:
            fail = ast.Expr(_call("_match_fail", subject, _const(e.line), _const(e.what)))
            fail.lineno = e.line
            fail.col_offset = 0
            branches.append((None, [fail]))
        self.emit_chain(branches)

    def spill_always(self, value: ast.expr) -> ast.Name:
        tmp = self.fresh("_s")
        self.fn.locals.add(tmp)
        self.emit(_assign(tmp, value))
        return _name(tmp)

    def emit_chain(self, branches: list[tuple[ast.expr | None, list[ast.stmt]]]) -> None:
        if branches[0][0] is None:
            for stmt in branches[0][1]:
                self.emit(stmt)
            return
        orelse: list[ast.stmt] = []
        for cond, body in reversed(branches):
            if cond is None:
                orelse = body
                continue
            node = ast.If(cond, body, orelse)
            node.lineno = self.line
            node.col_offset = 0
            orelse = [node]
        for stmt in orelse:
            self.emit(stmt)

    def match_with_loop(self, e: ir.Match, subject: ast.Name, dest: str | None) -> None:
        """Match arms one after the other inside a one-shot loop (for guards that need
        statements): each arm ``break``s after delivering its value."""
        with self.block() as body:
            for arm in e.arms:
                test, binds = self.pattern_test(arm.pat, subject)
                with self.block() as arm_body:
                    for target, value in binds:
                        self.emit(_assign(target, value))
                    inner_dest = dest
                    if arm.guard is not None:
                        guard_stmts, guard = self.expr_block(arm.guard)
                        for stmt in guard_stmts:
                            self.emit(stmt)
                        with self.block() as guarded:
                            self.stmt(arm.body, inner_dest)
                            if dest != RETURN:
                                self.emit(ast.Break())
                        self.emit(ast.If(guard, guarded, []))
                    else:
                        self.stmt(arm.body, inner_dest)
                        if dest != RETURN:
                            self.emit(ast.Break())
                if test is None:
                    for stmt in arm_body:
                        self.emit(stmt)
                else:
                    self.emit(ast.If(test, arm_body or [ast.Pass()], []))
            self.emit(ast.Expr(_call("_match_fail", subject, _const(e.line), _const(e.what))))
        self.emit(ast.While(_const(True), body, []))

    def irrefutable(self, pat: ir.Pat) -> bool:
        if isinstance(pat, ir.PAny):
            return True
        if isinstance(pat, ir.PBind):
            return pat.inner is None or self.irrefutable(pat.inner)
        if isinstance(pat, ir.PTyped):
            return self.irrefutable(pat.pat)
        if isinstance(pat, ir.PConst):
            return pat.value is None and self.typed
        if isinstance(pat, ir.PTuple):
            return self.typed and all(self.irrefutable(p) for p in pat.items)
        if isinstance(pat, ir.PRecord):
            return self.typed and all(self.irrefutable(p) for _, p in pat.fields)
        return False

    def bind_pattern(self, pat: ir.Pat, value: ast.expr) -> None:
        _, binds = self.pattern_test(pat, value)
        for target, expr in binds:
            self.emit(_assign(target, expr))

    def pattern_test(
        self, pat: ir.Pat, value: ast.expr
    ) -> tuple[ast.expr | None, list[tuple[str, ast.expr]]]:
        """The test a value must pass to match *pat* (``None``: always matches) and the
        variables it binds, as (Python name, expression) pairs evaluated after the test."""
        tests: list[ast.expr] = []
        binds: list[tuple[str, ast.expr]] = []
        self._render(patterns.decompose(pat), {patterns.Path(): value}, tests, binds)
        if not tests:
            return None, binds
        if len(tests) == 1:
            return tests[0], binds
        return ast.BoolOp(ast.And(), tests), binds

    def _render(
        self,
        decomposition: patterns.Decomposition,
        parts: dict[patterns.Path, ast.expr],
        tests: list[ast.expr],
        binds: list[tuple[str, ast.expr]],
    ) -> None:
        """Append a pattern's tests and bindings (as Python) to *tests* and *binds*, in the
        order of the pattern's walk; *parts* maps each path reached so far to its expression
        (one node per part, shared by its tests and bindings)."""

        def part(path: patterns.Path) -> ast.expr:
            found = parts.get(path)
            if found is None:
                found = ast.Subscript(part(path.parent), _const(_key(path)), ast.Load())
                parts[path] = found
            return found

        for step in decomposition.steps:
            if isinstance(step, patterns.Binding):
                var = step.var
                name = self.local_var(var) if not var.is_global else self.var_name(var)
                if var.is_global:
                    self.fn.globals_assigned.add(name)
                binds.append((name, part(step.path)))
            else:
                self._test(step.kind, step.path, part, tests)

    def _test(
        self,
        kind: patterns.TestKind,
        path: patterns.Path,
        part: Callable[[patterns.Path], ast.expr],
        tests: list[ast.expr],
    ) -> None:
        typed = self.typed
        value = part(path)
        if isinstance(kind, patterns.EqConst):
            constant = kind.value
            if kind.kind == "unit":
                if not typed:
                    tests.append(ast.Compare(value, [ast.Is()], [_const(None)]))
            elif kind.kind == "bool":
                tests.append(ast.Compare(value, [ast.Is()], [_const(constant)]))
            elif kind.kind in ("char", "decimal"):
                pooled = _name(self.constant(constant))
                if typed:
                    tests.append(ast.Compare(value, [ast.Eq()], [pooled]))
                else:
                    tests.append(_call("_const_eq", value, pooled))
            elif typed:
                tests.append(ast.Compare(value, [ast.Eq()], [_const(constant)]))
            else:
                tests.append(_call("_const_eq", value, _const(constant)))
        elif isinstance(kind, patterns.IsTuple):
            if not typed:
                tests.append(_call("_is_tuple", value, _const(kind.arity)))
        elif isinstance(kind, patterns.IsNil):
            tests.append(ast.Compare(value, [ast.Is()], [_name("_NIL")]))
        elif isinstance(kind, patterns.IsCons):
            if typed:
                tests.append(ast.Compare(value, [ast.IsNot()], [_name("_NIL")]))
            else:
                tests.append(_call("_is_cons", value))
        elif isinstance(kind, patterns.IsArray):
            tests.append(_call("_is_array", value, _const(kind.length)))
        elif isinstance(kind, patterns.HasFields):
            if not typed:
                names = ast.Tuple([_const(n) for n in kind.names], ast.Load())
                tests.append(_call("_has_fields", value, names))
        elif isinstance(kind, patterns.IsTag):
            tag = self.tag(kind.tag)
            if typed and kind.tag.type_name:
                tests.append(
                    ast.Compare(
                        ast.Subscript(value, _const(0), ast.Load()), [ast.Is()], [_name(tag)]
                    )
                )
            else:
                tests.append(_call("_is_case", value, _name(tag)))
        elif isinstance(kind, patterns.Alternatives):
            left, right = kind.options
            left_tests: list[ast.expr] = []
            left_binds: list[tuple[str, ast.expr]] = []
            self._render(left, {path: value}, left_tests, left_binds)
            right_tests: list[ast.expr] = []
            right_binds: list[tuple[str, ast.expr]] = []
            self._render(right, {path: value}, right_tests, right_binds)
            if not left_binds and not right_binds:
                left_test = _and(left_tests)
                right_test = _and(right_tests)
                if left_test is None or right_test is None:
                    return
                tests.append(ast.BoolOp(ast.Or(), [left_test, right_test]))
                return
            left_all = [*left_tests, _walrus_tuple(left_binds)]
            right_all = [*right_tests, _walrus_tuple(right_binds)]
            tests.append(
                ast.BoolOp(
                    ast.Or(), [ast.BoolOp(ast.And(), left_all), ast.BoolOp(ast.And(), right_all)]
                )
                if len(left_all) > 1 or len(right_all) > 1
                else ast.BoolOp(ast.Or(), [left_all[0], right_all[0]])
            )

    # ------------------------------------------------------------------ the unit

    def depth_cell(self) -> list[ast.stmt]:
        """The statements that open ``__fz_top__``: its local ``_dep`` (the depth budget every
        counting function shares as a ``nonlocal``) starts at the global ``_dep0``, and the
        global function ``__fz_depth__`` returns it; the instance sets the budget of each
        later run through that function's closure cell (see ``ProgramInstance``)."""
        start = _assign("_dep", _name("_dep0"))
        setter = ast.FunctionDef(
            DEPTH_READER,
            ast.arguments([], [], None, [], [], None, []),
            [ast.Return(_name("_dep"))],
            [],
            None,
            None,
        )
        setter.lineno = 1
        setter.col_offset = 0
        return [start, setter]

    def generate(self) -> Generated:
        self.top_fn = FunctionState(None, None)
        self.fn = self.top_fn
        body: list[ast.stmt] = []
        self.stmts = body
        result = "_result"
        self.fn.locals.add(result)
        last_index = len(self.unit.items) - 1
        self.emit(_assign(result, _const(None)))
        for var in self.unit.all_globals:  # (lifted bytecode binds globals inside expressions)
            self.fn.globals_assigned.add(self.var_name(var))
        for index, item in enumerate(self.unit.items):
            self.line = item.line or self.line
            if isinstance(item, ir.TopExpr):
                dest = result if index == last_index else DISCARD
                self.stmt(item.expr, dest)
                continue
            for var in item.vars:
                self.fn.globals_assigned.add(self.var_name(var))
            if item.rec_group is not None:
                self.define_group(item.rec_group)
            elif not item.pattern:
                self.bind(item.vars[0], item.value)
            else:
                self.stmt(item.value, DISCARD)
        self.emit(ast.Return(_name(result)))
        body[:0] = self.depth_cell()
        self.top_fn.globals_assigned.add(DEPTH_READER)
        decls: list[ast.stmt] = []
        if self.top_fn.globals_assigned:
            decls.append(ast.Global(sorted(self.top_fn.globals_assigned)))
        top = ast.FunctionDef(
            "__fz_top__",
            ast.arguments([], [], None, [], [], None, []),
            [*decls, *body],
            [],
            None,
            None,
        )
        top.lineno = 1
        top.col_offset = 0
        module = ast.Module([top], [])
        depth = _fix_locations(module)
        globals_ = {name: var for name, var in self.unit.globals.items()}
        for var in self.unit.all_globals:
            self.var_name(var)
        return Generated(module, self.constants, self.builtins, globals_, self.names, depth)


def _both(
    facts: dict[int, tuple[int, int]], more: dict[int, tuple[int, int]]
) -> dict[int, tuple[int, int]]:
    """The ranges two sets of facts give when both hold (each variable in both ranges)."""
    for key, (low, high) in more.items():
        known = facts.get(key, (INT_MIN, INT_MAX))
        facts[key] = (max(low, known[0]), min(high, known[1]))
    return facts


def _char_or_any(pat: ir.Pat) -> bool:
    """Is *pat* a char literal or ``_`` (a pattern that binds nothing and compares a char
    only with literals)?"""
    while isinstance(pat, ir.POr):
        if not _char_or_any(pat.left):
            return False
        pat = pat.right
    return isinstance(pat, ir.PAny) or (isinstance(pat, ir.PConst) and type(pat.value) is Char)


def _case_pattern(pat: ir.Pat, tag: Tag) -> TypeGuard[ir.PCtor]:
    """Is *pat* the union case *tag* with a pattern for each of its fields?"""
    return isinstance(pat, ir.PCtor) and pat.tag is tag and len(pat.args) == tag.arity


_TRY_FIND: Final = frozenset({"Map.tryFind"})

_NOT: Final = frozenset({"not"})


def _unnegated(cond: ir.Expr, holds: bool) -> tuple[ir.Expr, bool]:
    """*cond* without the ``not`` around it, and what that must be for *cond* to be
    *holds* (the facts of ``not c`` are those of ``c`` not holding)."""
    while call_of(cond, _NOT) is not None:
        cond, holds = cond.args[0], not holds  # type: ignore[attr-defined]
    return cond, holds


_NEGATED: Final = {"<": ">=", "<=": ">", ">": "<=", ">=": "<"}
"""Each comparison and the one that holds when it does not."""


def _declared_order(decl: object, names: list[str]) -> list[str]:
    """The field *names* of a record literal in the order record type *decl* declares them
    (*names* as written when there is no such type)."""
    fields = getattr(decl, "fields", None)
    if not fields:
        return names
    declared = [field[0] for field in fields]
    return declared if sorted(declared) == sorted(names) else names


def _fix_locations(module: ast.Module) -> int:
    """Give every node a location: statements keep the Fusabi line set while emitting them,
    expressions take their statement's line (so Python tracebacks name Fusabi lines).

    Returns how deeply *module* nests (nodes without fields, such as ``Load`` and ``Add``,
    are not counted), which the compiler bounds before Python's C-recursive ``compile()``
    sees the tree: one walk does both (in the generator's recursion room, like the
    generation that built the tree)."""
    return _locate(module, 1, 1)


def _locate(node: ast.AST, line: int, depth: int) -> int:
    """:func:`_fix_locations` of *node*, at *depth*, in a statement of *line*: the depth of
    its deepest node."""
    if "lineno" in node._attributes:
        own = getattr(node, "lineno", None)
        if own and isinstance(node, ast.stmt):
            line = own
        node.lineno = line  # type: ignore[attr-defined]
        node.col_offset = 0  # type: ignore[attr-defined]
        node.end_lineno = line  # type: ignore[attr-defined]
        node.end_col_offset = 1  # type: ignore[attr-defined]
    deepest = depth
    below = depth + 1
    for name in node._fields:
        value = getattr(node, name, None)
        if type(value) is list:
            for item in value:
                if isinstance(item, ast.AST):
                    found = _locate(item, line, below)
                    if found > deepest:  # noqa: PLR1730 - (per node: cheaper than max)
                        deepest = found
        elif isinstance(value, ast.AST) and value._fields:
            found = _locate(value, line, below)
            if found > deepest:  # noqa: PLR1730
                deepest = found
    return deepest


def _key(path: patterns.Path) -> int | str:
    """The subscript that reaches the last step of *path* in the Python value model (list
    cells are ``(head, tail)``, case values ``(tag, arg0, arg1...)``)."""
    step = path.last
    if isinstance(step, patterns.TupleItem | patterns.ArrayItem):
        return step.index
    if isinstance(step, patterns.ListHead):
        return 0
    if isinstance(step, patterns.ListTail):
        return 1
    if isinstance(step, patterns.Field):
        return step.name
    if isinstance(step, patterns.CaseField):
        return step.index + 1
    raise ValueError("the subject itself has no subscript")


def _and(tests: list[ast.expr]) -> ast.expr | None:
    if not tests:
        return None
    if len(tests) == 1:
        return tests[0]
    return ast.BoolOp(ast.And(), tests)


def _has_dyn(t: object) -> bool:
    """Is the inferred type *t* ``dyn`` (a value whose shape nothing checked)?"""
    return t is not None and prune(t) is DYN  # type: ignore[arg-type]


def _walrus_tuple(binds: list[tuple[str, ast.expr]]) -> ast.expr:
    if not binds:
        return _const(True)
    return ast.Tuple([ast.NamedExpr(_name(t, store=True), v) for t, v in binds], ast.Load())


_COMPARE_OPS: dict[str, type[ast.cmpop]] = {
    "=": ast.Eq,
    "<>": ast.NotEq,
    "<": ast.Lt,
    ">": ast.Gt,
    "<=": ast.LtE,
    ">=": ast.GtE,
}
_TABLE_UPDATES: dict[str, str] = {
    "Map.add": "_map_add", "Map.remove": "_map_remove",
    "Set.add": "_set_add", "Set.remove": "_set_remove",
}  # fmt: skip
"""The helper making each update on a fold's table, for keys that are not their own
table key (see :meth:`CodeGen.table_step`)."""

_RESULT_CONTAINERS = (ir.If, ir.Match, ir.Let, ir.LetRec, ir.Seq)
"""The nodes whose value is one of their parts' (the result positions of
:func:`~fusabi_host.lang.resolve.tail_positions`, which :meth:`CodeGen.stmt` walks into)."""


@dataclass(frozen=True)
class _Loop:
    """How :meth:`CodeGen.inline_loop` writes a library function as a loop."""

    source: str  # what it walks: "array", "list", or "count" (the indices 0 .. n - 1)
    collect: str  # "map" (the values), "filter" (the items kept), "each" (nothing), "fold"
    result: str = ""  # the kind of collection made ("array" or "list")
    start: str | None = None  # a helper the source goes through before the loop
    finish: str | None = None  # the helper making the result of the collected values
    into: str | None = None  # or: the result's class, which the values are appended to


_INLINE_LOOPS: dict[str, _Loop] = {
    "Array.init": _Loop("count", "map", "array", into="_FzArray"),
    "List.init": _Loop("count", "map", "list", finish="_list_of_results"),
    "Array.map": _Loop("array", "map", "array", "_mapped_array_start", into="_FzArray"),
    "List.map": _Loop("list", "map", "list", finish="_list_of_mapped"),
    "Array.filter": _Loop("array", "filter", "array", finish="_fz_array"),
    "List.filter": _Loop("list", "filter", "list", finish="_fz_list"),
    "Array.iter": _Loop("array", "each"),
    "List.iter": _Loop("list", "each"),
    "Array.fold": _Loop("array", "fold"),
    "List.fold": _Loop("list", "fold"),
}
"""The library functions :meth:`CodeGen.inline_loop` writes as loops when their function is
a lambda literal."""

_CASE_MAPS: dict[str, str] = {
    "ToUpper": "upper", "ToLower": "lower",
    "ToUpperInvariant": "upper", "ToLowerInvariant": "lower",
}  # fmt: skip
"""The case mappings of a string, and str's method doing each one."""

_TEXT_TESTS: dict[str, str] = {
    "StartsWith": "startswith",
    "EndsWith": "endswith",
    "IndexOf": "find",
}
"""String methods of one string or char that are str's method of the same meaning."""

_TRIMS: dict[str, str] = {"Trim": "strip", "TrimStart": "lstrip", "TrimEnd": "rstrip"}
"""The string methods that, called with no arguments, are ``str``'s strip methods of .NET's
white space (``_whitespace``, which is not Python's: see ``char_module.WHITESPACE``)."""

_COMPARE_HELPERS = {"=": "_eq", "<>": "_ne", "<": "_lt", ">": "_gt", "<=": "_le", ">=": "_ge"}
_ARITH_OPS: dict[str, type[ast.operator]] = {
    "+": ast.Add,
    "-": ast.Sub,
    "*": ast.Mult,
    "/": ast.Div,
    "%": ast.Mod,
}
_ARITH_HELPERS = {"+": "_add", "-": "_sub", "*": "_mul", "/": "_div", "%": "_mod"}


def _takes_part_in_recursion(lam: ir.Lam, fn: FunctionState) -> bool:
    """Can a call of *lam*, compiled as *fn*, be part of a recursion (so it counts its
    depth)?  Yes when its body calls a function other than the library's (``Lam.calls``) or a
    lambda written in place did, unless its only such calls are self tail calls that became
    jumps: it is then a loop, one frame however long it runs."""
    if fn.inlined_calls:
        return True
    if not lam.calls:
        return False
    if not fn.jumps or type(lam.body) is ir.Lam:
        return True
    pending: list[ir.Expr | ir.Arm] = [lam.body]
    while pending:
        node = pending.pop()
        if type(node) is ir.Lam:
            continue  # (a nested function counts its own calls)
        if (
            type(node) is ir.Apply
            and not isinstance(node.func, ir.BuiltinRef | ir.Ctor)
            and id(node) not in fn.jumps
        ):
            return True
        pending.extend(ir.children(node))
    return False


def _has_self_tail_call(lam: ir.Lam, var: ir.Var) -> bool:
    """Does *lam* call itself (through *var*, with all its arguments) in tail position?"""
    arity = len(lam.params)
    return any(
        call.func.var is var and len(call.args) == arity  # type: ignore[attr-defined]
        for call in lam.tail_calls
    )


def _tail_targets(lam: ir.Lam, ids: set[int]) -> set[int]:
    """Which of the variables *ids* does *lam* call in tail position (with all arguments)?"""
    found: set[int] = set()
    for call in lam.tail_calls:
        var = call.func.var  # type: ignore[attr-defined]
        if var.id in ids and len(call.args) == var.arity:
            found.add(var.id)
    return found


def generate(unit: ir.Unit, typed: bool) -> Generated:
    """Generate the Python module for *unit* (``typed``: inference succeeded).

    The resolution facts (:mod:`fusabi_host.lang.resolve`) are computed here, once, after
    inference: the generator reads them and never walks the IR for them itself."""
    resolve(unit)
    return CodeGen(unit, typed, unit.filename).generate()


def _built_as_arrays(args: list[ir.Expr], builtin: Builtin) -> list[ir.Expr]:
    """*args*, with each list comprehension that goes straight into a ``seq`` parameter of
    *builtin* built as an array instead (``String.concat "\\n" [ for i in 1 .. n -> line i ]``):
    the function only enumerates it, and an array is one allocation where a list is a cell
    per element.  Only for a function whose result holds no sequence, which could keep the
    argument and show what it was."""
    places = _eager_seq_parameters(builtin.signature)
    if not places:
        return args
    return [
        _as_array(arg)
        if index in places and isinstance(arg, ir.Comprehension) and arg.kind == "list"
        else arg
        for index, arg in enumerate(args)
    ]


def _as_array(comprehension: ir.Comprehension) -> ir.Comprehension:
    array = ir.Comprehension(comprehension.line, comprehension.body, "array")
    array.ty, array.col = comprehension.ty, comprehension.col
    return array


@functools.cache
def _eager_seq_parameters(signature: str) -> frozenset[int]:
    """The positions of the ``seq`` parameters of a library function of type *signature*,
    if its result mentions no ``seq`` (an eager consumer: ``String.concat``, ``Seq.sum``,
    ``Set.ofSeq``); else none."""
    parameters: list[S.TypeExpr] = []
    result = library_signature(signature)
    while isinstance(result, S.TFunExpr):
        parameters.append(result.arg)
        result = result.result
    if _mentions_seq(result):
        return frozenset()
    return frozenset(
        index
        for index, parameter in enumerate(parameters)
        if isinstance(parameter, S.TName) and parameter.name == "seq"
    )


def _mentions_seq(node: S.TypeExpr) -> bool:
    if isinstance(node, S.TName):
        return node.name == "seq" or any(_mentions_seq(arg) for arg in node.args)
    if isinstance(node, S.TFunExpr):
        return _mentions_seq(node.arg) or _mentions_seq(node.result)
    if isinstance(node, S.TTupleExpr):
        return any(_mentions_seq(item) for item in node.items)
    return not isinstance(node, S.TVarExpr)  # (any other shape: as if it did)
