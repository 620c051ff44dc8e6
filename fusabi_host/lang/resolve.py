"""Resolution facts: what the back ends need to know about scopes, computed once on the IR.

CPython's ``symtable`` decides, once, which names are free, which are cells and which are
locals; its compiler only reads the answer.  This pass does the same for the core IR, after
lowering (or lifting) and inference, before code generation or bytecode emission:

* ``Lam.free`` -- the variables a lambda uses but does not bind, top-level ones included,
  ordered by :attr:`~fusabi_host.lang.ir.Var.id` (code generation ignores the globals; in
  bytecode they are upvalues too);
* ``TryWith.free`` / ``TryFinally.free`` -- the same for the two parts of a ``try`` (body;
  handler without the exception variable, or finalizer), which bytecode compiles as closures;
* ``Var.captured`` -- used from a nested function (a lambda, or a ``try`` part);
  ``Var.cell`` -- must be shared by reference: a captured mutable, or a ``let rec`` member;
* ``Lam.tail_calls`` -- the calls of a known variable in tail position of the lambda's body
  (see :func:`tail_positions`), from which the back ends find self and mutual tail calls;
* ``Lam.calls`` -- whether the lambda's own body (not its nested lambdas, except a lambda
  that *is* its body) calls something other than a library function or a constructor, so
  can take part in a recursion.

The walk is iterative, so an IR of any depth resolves.  A variable counts as bound in a scope
when any node of the scope binds it (the IR's variables are resolved, so a use never names a
binding outside its own scope).
"""

from __future__ import annotations

from collections.abc import Iterator

from fusabi_host.lang import ir

__all__ = ["resolve", "tail_positions"]


class _Scope:
    """A lambda (or a ``try`` part) while the walk is inside it."""

    __slots__ = ("binds", "direct", "node", "parent", "poll", "refs")

    def __init__(self, node: ir.Expr | None, parent: _Scope | None) -> None:
        self.node = node
        self.parent = parent
        self.refs: dict[int, ir.Var] = {}
        self.binds: set[int] = set()
        self.direct = False  # a non-library call outside nested lambdas
        self.poll = False  # direct, or a direct call of the lambda that is the body


class _Exit:
    """Marks where the walk leaves a scope."""

    __slots__ = ("scope", "slot")

    def __init__(self, scope: _Scope, slot: int) -> None:
        self.scope = scope
        self.slot = slot  # -1: a lambda; 0/1: the part of a try node


def resolve(unit: ir.Unit) -> None:
    """Store the resolution facts (see the module docstring) on *unit*'s IR, in place."""
    roots: list[ir.Expr] = []
    for item in unit.items:
        if type(item) is ir.TopExpr:
            roots.append(item.expr)
        elif item.rec_group is not None:  # type: ignore[union-attr]
            for var, member in item.rec_group:  # type: ignore[union-attr]
                var.cell = True
                roots.append(member)
        else:
            roots.append(item.value)  # type: ignore[union-attr]
    top = _Scope(None, None)
    stack: list[object] = list(reversed(roots))
    scope = top
    while stack:
        node = stack.pop()
        t = type(node)
        if t is _Exit:
            scope = _leave(node, scope)  # type: ignore[arg-type]
            continue
        if t is ir.Ref or t is ir.Assign:
            var = node.var  # type: ignore[attr-defined]
            scope.refs[var.id] = var
        elif t is ir.Apply:
            func = node.func  # type: ignore[attr-defined]
            if not isinstance(func, ir.BuiltinRef | ir.Ctor):
                scope.direct = True
        elif t is ir.Lam:
            lam: ir.Lam = node  # type: ignore[assignment]
            inner = _Scope(lam, scope)
            inner.binds.update(p.id for p in lam.params)
            lam.tail_calls = tuple(
                e
                for e in tail_positions(lam.body)
                if type(e) is ir.Apply and type(e.func) is ir.Ref
            )
            stack.append(_Exit(inner, -1))
            stack.append(lam.body)
            scope = inner
            continue
        elif t is ir.TryWith or t is ir.TryFinally:
            if t is ir.TryWith:
                scope.binds.add(node.var.id)  # type: ignore[attr-defined]
                second = node.handler  # type: ignore[attr-defined]
            else:
                second = node.finalizer  # type: ignore[attr-defined]
            node.free = ([], [])  # type: ignore[attr-defined]
            body_scope = _Scope(node, scope)  # type: ignore[arg-type]
            second_scope = _Scope(node, scope)  # type: ignore[arg-type]
            if t is ir.TryWith:
                second_scope.binds.add(node.var.id)  # type: ignore[attr-defined]
            # visit the body inside its scope, then the second part inside its own
            stack.append(_Exit(second_scope, 1))
            stack.append(second)
            stack.append(_Switch(second_scope))
            stack.append(_Exit(body_scope, 0))
            stack.append(node.body)  # type: ignore[attr-defined]
            scope = body_scope
            continue
        elif t is _Switch:
            scope = node.scope  # type: ignore[attr-defined]
            continue
        elif t is ir.LetRec:
            for var, _ in node.bindings:  # type: ignore[attr-defined]
                var.cell = True
                scope.binds.add(var.id)
        elif t is ir.Let or t is ir.ForRange or t is ir.ForEach:
            scope.binds.add(node.var.id)  # type: ignore[attr-defined]
        elif t is ir.Arm:
            scope.binds.update(v.id for v in ir.pattern_vars(node.pat))  # type: ignore[attr-defined]
        if isinstance(node, ir.Expr | ir.Arm):
            stack.extend(reversed(ir.children(node)))


class _Switch:
    """Marks where the walk enters the second part of a ``try`` node."""

    __slots__ = ("scope",)

    def __init__(self, scope: _Scope) -> None:
        self.scope = scope


def _leave(exit_: _Exit, scope: _Scope) -> _Scope:
    """Finish *scope* (store its facts) and fold it into its parent; returns the parent."""
    free = sorted(
        (var for vid, var in scope.refs.items() if vid not in scope.binds), key=lambda v: v.id
    )
    for var in free:
        var.captured = True
        if var.mutable:
            var.cell = True
    node = scope.node
    if exit_.slot < 0:
        lam: ir.Lam = node  # type: ignore[assignment]
        lam.free = free
        lam.calls = scope.poll or scope.direct
    parent = scope.parent
    assert parent is not None
    if exit_.slot >= 0:
        node.free[exit_.slot].extend(free)  # type: ignore[union-attr]
        parent.direct = parent.direct or scope.direct  # (a try part is not a function)
    # exact: the parent's free variables are its references minus everything bound below it
    for var in free:
        parent.refs[var.id] = var
    parent.binds |= scope.binds
    # (a lambda that is its parent lambda's body: its calls count for the parent too)
    if exit_.slot < 0 and type(parent.node) is ir.Lam and parent.node.body is node:
        parent.poll = parent.poll or scope.direct
    return parent


def tail_positions(expr: ir.Expr, *, through_operators: bool = True) -> Iterator[ir.Expr]:
    """The expressions in tail position of *expr*: its value is theirs, with nothing left to
    do after them.  Descends through ``if`` branches, ``match`` arm bodies, the bodies of
    ``let``/``let rec``, the last item of a sequence, and -- with *through_operators* -- type
    annotations and the right operand of ``&&``/``||``.

    The order is a stack walk's (later branches first), as the lifter's join points expect."""
    stack: list[ir.Expr] = [expr]
    while stack:
        node = stack.pop()
        t = type(node)
        if t is ir.If:
            stack.extend((node.then, node.orelse))  # type: ignore[attr-defined]
        elif t is ir.Match:
            stack.extend(arm.body for arm in node.arms)  # type: ignore[attr-defined]
        elif t is ir.Let or t is ir.LetRec:
            stack.append(node.body)  # type: ignore[attr-defined]
        elif t is ir.Seq:
            stack.append(node.items[-1])  # type: ignore[attr-defined]
        elif through_operators and t is ir.Annot:
            stack.append(node.expr)  # type: ignore[attr-defined]
        elif through_operators and t is ir.Prim and node.op in ("&&", "||"):  # type: ignore[attr-defined]
            stack.append(node.args[1])  # type: ignore[attr-defined]
        else:
            yield node
