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

A script's own builder (``type MaybeBuilder() = member _.Bind(m, f) = ...`` and ``let maybe =
MaybeBuilder()``) is translated the same way into calls of its methods, as F# does:
``maybe.Bind(e, fun p -> ...)``, ``maybe.Return e``, ``yield``/``yield!`` as ``Yield`` and
``YieldFrom``; ``Delay`` is called only when the builder defines it (else the delayed part is
the expression itself), ``Run`` wraps the whole when defined, and a last plain line is
``e; maybe.Zero()``.  See :func:`desugar_builder`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NoReturn

from fusabi_host.lang import syntax as S

__all__ = ["desugar", "desugar_builder", "is_workflow_statement"]

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


def desugar_builder(
    builder: str, members: frozenset[str], body: S.Expr | None, line: int, col: int, fail: Fail
) -> S.Expr:
    """The expression ``builder { body }`` stands for, where *builder* names a value of a
    script's class with the methods *members* (``Bind``, ``Return``...)."""
    translator = _BuilderTranslator(fail, builder, members)
    if body is None:
        inner = translator.call(line, col, "Zero", [S.Lit(line, col, None)])
    else:
        inner = translator.body(body)
    whole = translator.call(line, col, "Delay", [_thunk(inner)])
    if "Run" in members:
        whole = translator.call(line, col, "Run", [whole])
    return whole


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

    def call(self, line: int, col: int, function: str, args: list[S.Expr]) -> S.Expr:
        """The call of the builder's *function* on *args*."""
        return _call(line, col, function, args)

    def yielded(self, node: S.Yield) -> S.Expr:
        """``return e``/``return! e`` (and ``yield``, refused in ``async { }``)."""
        if not node.is_return:
            self.fail(node.line, node.col, "'yield' is not allowed in 'async { }'; use 'return'")
        return self.call(node.line, node.col, "ReturnFrom" if node.many else "Return", [node.value])

    def statement(self, node: S.Expr) -> S.Expr:
        """A last line with no ``let!``, ``return``...: upstream's ``Async.Statement``."""
        return self.call(node.line, node.col, "Statement", [node])

    def body(self, node: S.Expr) -> S.Expr:
        """``T node``: *node* in tail position of a workflow body."""
        line, col = node.line, node.col
        if isinstance(node, S.Sequence):
            return self.sequence(node.items)
        if isinstance(node, S.BangLet):
            return self.call(
                line,
                col,
                "Bind",
                [node.value, S.Lambda(line, col, [node.pattern], self.body(node.body))],
            )
        if isinstance(node, S.BangDo):
            done = self.call(line, col, "Return", [S.Lit(line, col, None)])
            return self.call(line, col, "Bind", [node.value, _ignoring(done)])
        if isinstance(node, S.Yield):
            return self.yielded(node)
        if not is_workflow_statement(node):
            return self.statement(node)
        if isinstance(node, S.Let):
            return S.Let(line, col, node.rec, node.bindings, self.body(node.body), node.info)
        if isinstance(node, S.If):
            orelse = (
                self.body(node.orelse)
                if node.orelse is not None
                else self.call(line, col, "Zero", [S.Lit(line, col, None)])
            )
            return S.If(line, col, node.cond, self.body(node.then), orelse)
        if isinstance(node, S.Match):
            arms = [
                S.Arm(arm.line, arm.col, arm.pattern, arm.guard, self.body(arm.body))
                for arm in node.arms
            ]
            return S.Match(line, col, node.subject, arms, node.info)
        if isinstance(node, S.ForIn):
            return self.call(
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
            return self.call(
                line, col, "For", [source, S.Lambda(line, col, [loop_var], self.body(node.body))]
            )
        if isinstance(node, S.While):
            condition = _thunk(node.cond)
            return self.call(
                line,
                col,
                "While",
                [condition, self.call(line, col, "Delay", [_thunk(self.body(node.body))])],
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
            return self.call(line, col, "TryWith", [self.delayed(node.body), handler])
        if isinstance(node, S.TryFinally):
            finalizer = _thunk(node.finalizer)
            return self.call(line, col, "TryFinally", [self.delayed(node.body), finalizer])
        raise AssertionError(
            f"unexpected workflow statement {type(node).__name__}"
        )  # pragma: no cover

    def delayed(self, node: S.Expr) -> S.Expr:
        return self.call(node.line, node.col, "Delay", [_thunk(self.body(node))])

    def sequence(self, items: list[S.Expr]) -> S.Expr:
        """``T (i1; i2; ...)``, from the last item back (no recursion over long bodies)."""
        result = self.body(items[-1])
        for item in reversed(items[:-1]):
            line, col = item.line, item.col
            if isinstance(item, S.BangDo):
                result = self.call(line, col, "Bind", [item.value, _ignoring(result)])
            elif is_workflow_statement(item):
                rest = self.call(line, col, "Delay", [_thunk(result)])
                result = self.call(line, col, "Combine", [self.body(item), rest])
            else:
                result = S.Sequence(line, col, [item, result])
        return result


class _BuilderTranslator(_Translator):
    """The translation for a script's own builder value (see :func:`desugar_builder`)."""

    def __init__(self, fail: Fail, builder: str, members: frozenset[str]) -> None:
        super().__init__(fail)
        self.builder = builder
        self.members = members

    def call(self, line: int, col: int, function: str, args: list[S.Expr]) -> S.Expr:
        if function == "Delay" and "Delay" not in self.members:  # F#: no Delay, no delaying
            thunk = args[0]
            assert isinstance(thunk, S.Lambda)
            return thunk.body
        if function not in self.members:
            self.fail(
                line, col, f"this computation expression needs the builder method '{function}'"
            )
        method = S.Field(line, col, S.Name(line, col, [self.builder]), function)
        argument = args[0] if len(args) == 1 else S.TupleExpr(line, col, args)
        return S.App(line, col, method, [argument])

    def yielded(self, node: S.Yield) -> S.Expr:
        if node.is_return:
            name = "ReturnFrom" if node.many else "Return"
        else:
            name = "YieldFrom" if node.many else "Yield"
        return self.call(node.line, node.col, name, [node.value])

    def statement(self, node: S.Expr) -> S.Expr:
        zero = self.call(node.line, node.col, "Zero", [S.Lit(node.line, node.col, None)])
        return S.Sequence(node.line, node.col, [node, zero])


def _call(line: int, col: int, function: str, args: list[S.Expr]) -> S.Expr:
    return S.App(line, col, S.Name(line, col, ["Async", function]), args)


def _ignoring(body: S.Expr) -> S.Expr:
    """``fun _ -> body``: the continuation of ``do!``, which ignores the result, as upstream's
    translation does (F# requires ``do!`` of an ``Async<unit>``; accepting any is upstream's
    reading and refuses nothing F# accepts)."""
    return S.Lambda(body.line, body.col, [S.PWild(body.line, body.col)], body)


def _thunk(body: S.Expr) -> S.Expr:
    return S.Lambda(body.line, body.col, [S.PLit(body.line, body.col, None)], body)
