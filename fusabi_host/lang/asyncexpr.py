"""``async { }``: desugaring a workflow body into calls of the ``Async`` builder functions.

This is F#'s translation of computation expressions (and upstream Fusabi's, spec 3.11), done on
the syntax tree right after parsing, so that name resolution, type inference, code generation
and the ``.fzb`` emitter see only ordinary applications and lambdas.  With ``T`` the
translation of a body::

    async { body }            Async.Delay (fun () -> T body)
    let! p = e  (use!)  rest  Async.Bind e (fun p -> T rest)
    do! e; rest               Async.Bind e (fun _ -> T rest)
    return e / return! e      Async.Return e / Async.ReturnFrom e
    let p = e; rest           let p = e in T rest
    s; rest                   s; T rest                (s has no let!, do!, return...)
    w; rest                   Async.Combine (T w) (Async.Delay (fun () -> T rest))
    if c then w [else w2]     if c then T w else T w2  (no else: Async.Zero ())
    match e with p -> w ...   match e with p -> T w ...
    for p in xs do w          Async.For xs (fun p -> T w)   (for i = a to b as well)
    while c do w              Async.While (fun () -> c) (Async.Delay (fun () -> T w))
    try w with arms           Async.TryWith (Async.Delay (fun () -> T w))
                                  (fun e -> try raise e with arms')
    try w finally f           Async.TryFinally (Async.Delay (fun () -> T w)) (fun () -> f)
    e  (last, plain)          Async.Statement e

The handler of ``try ... with`` re-raises the exception into an ordinary ``try ... with`` whose
arms are the translated ones, so its patterns (``:? T as e``, ``Failure msg``, guards) behave
exactly as outside a workflow, and an exception no arm takes propagates on.
``Async.Statement`` has two forms: F#'s ``unit -> Async<unit>`` (``async { printfn "hi" }``)
and upstream's ``Async<'a> -> Async<'a>`` (``async { m }``), told apart by the line's type.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NoReturn

from fusabi_host.lang import syntax as S

__all__ = ["desugar", "is_workflow_statement"]

Fail = Callable[[int, int, str], NoReturn]

_EXCEPTION_NAME = "__async_exn"


def desugar(body: S.Expr | None, line: int, col: int, fail: Fail) -> S.Expr:
    """The expression ``async { body }`` stands for (*body* ``None``: an empty body)."""
    inner = (
        _call(line, col, "Return", [S.Lit(line, col, None)])
        if body is None
        else _Translator(fail).body(body)
    )
    return _call(line, col, "Delay", [_thunk(inner)])


def is_workflow_statement(expr: S.Expr) -> bool:
    """Does *expr* (an item of a workflow body) contain ``let!``, ``do!``, ``return`` ... on its
    spine (not inside a lambda or a nested ``async { }``, which are translated on their own)?"""
    stack: list[S.Expr] = [expr]
    while stack:
        node = stack.pop()
        if isinstance(node, S.BangLet | S.BangDo | S.Yield):
            return True
        if isinstance(node, S.Sequence):
            stack.extend(node.items)
        elif isinstance(node, S.Let):
            stack.append(node.body)
        elif isinstance(node, S.If):
            stack.append(node.then)
            if node.orelse is not None:
                stack.append(node.orelse)
        elif isinstance(node, S.Match | S.Try):
            stack.extend(arm.body for arm in node.arms)
            if isinstance(node, S.Try):
                stack.append(node.body)
        elif isinstance(node, S.While | S.For | S.ForIn | S.TryFinally):
            stack.append(node.body)
    return False


class _Translator:
    def __init__(self, fail: Fail) -> None:
        self.fail = fail

    def body(self, node: S.Expr) -> S.Expr:
        """``T node``: *node* in tail position of a workflow body."""
        line, col = node.line, node.col
        if isinstance(node, S.Sequence):
            return self.sequence(node.items)
        if isinstance(node, S.BangLet):
            return _call(
                line,
                col,
                "Bind",
                [node.value, S.Lambda(line, col, [node.pattern], self.body(node.body))],
            )
        if isinstance(node, S.BangDo):
            done = _call(line, col, "Return", [S.Lit(line, col, None)])
            return _call(line, col, "Bind", [node.value, _ignoring(done)])
        if isinstance(node, S.Yield):
            if not node.is_return:
                self.fail(line, col, "'yield' is not allowed in 'async { }'; use 'return'")
            return _call(line, col, "ReturnFrom" if node.many else "Return", [node.value])
        if not is_workflow_statement(node):
            return _call(line, col, "Statement", [node])
        if isinstance(node, S.Let):
            return S.Let(line, col, node.rec, node.bindings, self.body(node.body), node.info)
        if isinstance(node, S.If):
            orelse = (
                self.body(node.orelse)
                if node.orelse is not None
                else _call(line, col, "Zero", [S.Lit(line, col, None)])
            )
            return S.If(line, col, node.cond, self.body(node.then), orelse)
        if isinstance(node, S.Match):
            arms = [
                S.Arm(arm.line, arm.col, arm.pattern, arm.guard, self.body(arm.body))
                for arm in node.arms
            ]
            return S.Match(line, col, node.subject, arms, node.info)
        if isinstance(node, S.ForIn):
            return _call(
                line,
                col,
                "For",
                [node.source, S.Lambda(line, col, [node.pattern], self.body(node.body))],
            )
        if isinstance(node, S.For):
            step = node.step
            if node.down:
                step = S.Lit(line, col, -1) if step is None else S.UnOp(line, col, "-", step)
            source = S.Range(line, col, node.start, step, node.stop, "seq")
            loop_var = S.PVar(line, col, node.var)
            return _call(
                line, col, "For", [source, S.Lambda(line, col, [loop_var], self.body(node.body))]
            )
        if isinstance(node, S.While):
            condition = _thunk(node.cond)
            return _call(
                line,
                col,
                "While",
                [condition, _call(line, col, "Delay", [_thunk(self.body(node.body))])],
            )
        if isinstance(node, S.Try):
            arms = [
                S.Arm(arm.line, arm.col, arm.pattern, arm.guard, self.body(arm.body))
                for arm in node.arms
            ]
            caught = S.Name(line, col, [_EXCEPTION_NAME])
            rethrown = S.App(line, col, S.Name(line, col, ["raise"]), [caught])
            handler = S.Lambda(
                line, col, [S.PVar(line, col, _EXCEPTION_NAME)], S.Try(line, col, rethrown, arms)
            )
            return _call(line, col, "TryWith", [self.delayed(node.body), handler])
        if isinstance(node, S.TryFinally):
            return _call(line, col, "TryFinally", [self.delayed(node.body), _thunk(node.finalizer)])
        raise AssertionError(
            f"unexpected workflow statement {type(node).__name__}"
        )  # pragma: no cover

    def delayed(self, node: S.Expr) -> S.Expr:
        return _call(node.line, node.col, "Delay", [_thunk(self.body(node))])

    def sequence(self, items: list[S.Expr]) -> S.Expr:
        """``T (i1; i2; ...)``, from the last item back (no recursion over long bodies)."""
        result = self.body(items[-1])
        for item in reversed(items[:-1]):
            line, col = item.line, item.col
            if isinstance(item, S.BangDo):
                result = _call(line, col, "Bind", [item.value, _ignoring(result)])
            elif is_workflow_statement(item):
                rest = _call(line, col, "Delay", [_thunk(result)])
                result = _call(line, col, "Combine", [self.body(item), rest])
            else:
                result = S.Sequence(line, col, [item, result])
        return result


def _call(line: int, col: int, function: str, args: list[S.Expr]) -> S.Expr:
    return S.App(line, col, S.Name(line, col, ["Async", function]), args)


def _ignoring(body: S.Expr) -> S.Expr:
    """``fun _ -> body``: the continuation of ``do!``, which ignores the result, as upstream's
    translation does (F# requires ``do!`` of an ``Async<unit>``; accepting any is upstream's
    reading and refuses nothing F# accepts)."""
    return S.Lambda(body.line, body.col, [S.PWild(body.line, body.col)], body)


def _thunk(body: S.Expr) -> S.Expr:
    return S.Lambda(body.line, body.col, [S.PLit(body.line, body.col, None)], body)
