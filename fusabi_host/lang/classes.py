"""F# classes with a primary constructor, rewritten into a record with members and a
constructor function, on the syntax tree (the parser calls :func:`class_declarations`)::

    type Account(owner: string, start: decimal) =
        let mutable balance = start
        let log msg = printfn "%s: %s" owner msg
        do log "opened"
        member _.Balance = balance
        member this.Deposit amount =
            balance <- balance + amount
            log "deposit"
        member val Notes = "" with get, set
        static member Open name = Account(name, 0m)

becomes a record type ``Account`` whose fields are the constructor's parameters, the class's
``let`` values (``mutable`` as declared) and its auto-properties (``member val``, always
mutable), with the members above plus one private member per ``let`` function; and a function
``Account (owner: string, start: decimal)`` that runs the ``let`` and ``do`` lines in order, as
F# constructs an object, then builds the record.  Inside the members a field or a ``let``
function is reached through the member's self value (``balance`` is ``this.balance``,
``balance <- v`` sets it, ``log x`` is ``this.log x``), unless a parameter or a local binding
of that name hides it.

A field's type is its constructor parameter's annotation, or what its initial value says
(a literal, an annotated parameter, ``ResizeArray<int>()``...); otherwise ``obj``, checked where
it is used, as the type checker does for ``box``.  ``interface I with`` blocks implement
interfaces (their members see the fields as the others do).  Not supported (a clear compile
error): inheritance, abstract members, secondary constructors (``new``) and explicit ``val``
fields.  Differences from .NET classes: an instance compares and prints as a record.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from decimal import Decimal
from typing import NoReturn

from fusabi_host.lang import syntax as S
from fusabi_host.lang.values import Char

__all__ = ["CONSTRUCTOR", "ClassItem", "class_declaration"]

CONSTRUCTOR = "New"
"""The static member a class's name stands for as a value (``Account(args)``), as for the
library's .NET types (``StringBuilder()`` is ``StringBuilder.New ()``)."""

Fail = Callable[[S.Node, str], NoReturn]


class StaticLet:
    """``static let [mutable] x = e`` in a class: a value shared by every instance."""

    __slots__ = ("binding",)

    def __init__(self, binding: S.Binding) -> None:
        self.binding = binding


ClassItem = S.Binding | S.Expr | S.MemberDef | tuple[str, S.Expr] | StaticLet | S.InterfaceImpl
"""One line of a class body: a ``let`` binding (a :class:`S.Binding`), a ``do`` statement (an
expression), a member, an auto-property ``(name, initial value)``, a ``static let`` or an
``interface I with`` block."""

_SELF: str = "__this"


_TYPE_OF_CONSTRUCTOR: dict[str, str] = {
    "ResizeArray": "ResizeArray",
    "Dictionary": "Dictionary",
    "HashSet": "HashSet",
}


def class_declaration(
    tok: S.Node,
    name: str,
    params: list[str],
    constructor: S.Pattern,
    items: list[ClassItem],
    fail: Fail,
) -> tuple[list[S.DLet], S.TypeDef]:
    """The record type standing for the class *name*, with its members and its constructor
    (the static member ``New``, which ``Name(args)`` calls), after the top-level bindings its
    ``static let`` lines become (named ``__Name_x``, so they do not clash with the script's)."""
    statics: list[S.DLet] = []
    renames: dict[str, str] = {}
    for item in items:
        if isinstance(item, StaticLet):
            static_name, _ = (
                _binding_name(item.binding, fail)
                if not item.binding.params
                else (_function_name(item.binding), None)
            )
            renames[static_name] = f"__{name}_{static_name}"
    for item in items:
        if isinstance(item, StaticLet):
            binding = item.binding
            binding.value = _Rewriter("", set(), renames).expr(binding.value, frozenset())
            pattern = (
                binding.pattern.pattern
                if isinstance(binding.pattern, S.PTyped)
                else binding.pattern
            )
            assert isinstance(pattern, S.PVar)
            pattern.name = renames[pattern.name]
            statics.append(S.DLet(binding.line, binding.col, False, [binding]))
    rest = [item for item in items if not isinstance(item, StaticLet)]
    line, col = tok.line, tok.col
    fields: list[tuple[str, S.TypeExpr, bool]] = []
    known: dict[str, S.TypeExpr] = {}
    for param_name, annotation in _parameters(constructor, fail):
        type_expr = annotation if annotation is not None else _obj(tok)
        fields.append((param_name, type_expr, False))
        if annotation is not None:
            known[param_name] = annotation
    functions: list[S.Binding] = []
    members: list[S.MemberDef] = []
    interfaces: list[S.InterfaceImpl] = []
    body: list[S.Expr | S.Binding] = []
    for item in rest:
        if isinstance(item, S.MemberDef):
            members.append(item)
        elif isinstance(item, S.InterfaceImpl):
            interfaces.append(item)
        elif isinstance(item, tuple):  # member val Name = value
            prop, value = item
            fields.append((prop, _guess_type(value, known, tok), True))
            body.append(S.Binding(line, col, S.PVar(line, col, prop), [], value, mutable=True))
        elif isinstance(item, S.Binding):
            body.append(item)
            if item.params:
                functions.append(item)
                continue
            field_name, annotation = _binding_name(item, fail)
            type_expr = annotation or _guess_type(item.value, known, tok)
            fields.append((field_name, type_expr, item.mutable))
            if annotation is not None:
                known[field_name] = annotation
        else:
            body.append(item)
    names = [field for field, _, _ in fields]
    duplicates = {n for n in names if names.count(n) > 1}
    if duplicates:
        fail(tok, f"the class '{name}' defines '{sorted(duplicates)[0]}' twice")
    instance = {field for field, _, _ in fields} | {_function_name(f) for f in functions}
    rewritten: list[S.MemberDef] = []
    for member in members:
        rewritten.append(_rewrite_member(member, instance, renames))
    for function in functions:  # (a copy: the constructor runs the original)
        member = S.MemberDef(
            function.line, function.col, _function_name(function), _SELF,
            copy.deepcopy(function.params), copy.deepcopy(function.value), function.return_type,
        )  # fmt: skip
        rewritten.append(_rewrite_member(member, instance, renames))
    built = S.RecordExpr(line, col, [(field, S.Name(line, col, [field])) for field in names])
    own_type = S.TName(line, col, name, [S.TVarExpr(line, col, p) for p in params])
    result: S.Expr = S.Typed(line, col, built, own_type)
    for item in reversed(body):
        if isinstance(item, S.Binding):
            result = S.Let(item.line, item.col, False, [item], result)
        else:
            result = S.Sequence(item.line, item.col, [item, result])
    if renames:
        result = _Rewriter("", set(), renames).expr(result, frozenset())
    rewritten.append(S.MemberDef(line, col, CONSTRUCTOR, None, [constructor], result))
    implemented = [
        S.InterfaceImpl(
            impl.line,
            impl.col,
            impl.type,
            [_rewrite_member(member, instance, renames) for member in impl.members],
        )
        for impl in interfaces
    ]
    return statics, S.TypeDef(
        line, col, name, params, record=fields, members=rewritten, interfaces=implemented or None
    )


def _obj(tok: S.Node) -> S.TypeExpr:
    return S.TName(tok.line, tok.col, "obj", [])


def _parameters(pattern: S.Pattern, fail: Fail) -> list[tuple[str, S.TypeExpr | None]]:
    """The constructor's parameters: ``()``, ``(a)``, ``(a: int, b)``."""
    if isinstance(pattern, S.PLit) and pattern.value is None:
        return []
    items = pattern.items if isinstance(pattern, S.PTuple) else [pattern]
    found: list[tuple[str, S.TypeExpr | None]] = []
    for item in items:
        annotation: S.TypeExpr | None = None
        inner = item
        if isinstance(inner, S.PTyped):
            annotation, inner = inner.type, inner.pattern
        if not isinstance(inner, S.PVar):
            fail(item, "a class constructor's parameters must be names (with optional types)")
        found.append((inner.name, annotation))
    return found


def _binding_name(binding: S.Binding, fail: Fail) -> tuple[str, S.TypeExpr | None]:
    pattern = binding.pattern
    annotation: S.TypeExpr | None = binding.return_type
    if isinstance(pattern, S.PTyped):
        annotation, pattern = pattern.type, pattern.pattern
    if not isinstance(pattern, S.PVar):
        fail(pattern, "a class's 'let' must bind one name (let x = ...)")
    return pattern.name, annotation


def _function_name(binding: S.Binding) -> str:
    pattern = binding.pattern
    assert isinstance(pattern, S.PVar)
    return pattern.name


def _guess_type(value: S.Expr, known: dict[str, S.TypeExpr], tok: S.Node) -> S.TypeExpr:
    """A field's type from its initial value, where that says it (else ``obj``)."""
    line, col = tok.line, tok.col
    if isinstance(value, S.Lit):
        kind = _LITERAL_TYPES.get(type(value.value))
        if kind is not None:
            return S.TName(line, col, kind, [])
    if isinstance(value, S.Name) and len(value.parts) == 1 and value.parts[0] in known:
        return known[value.parts[0]]
    if isinstance(value, S.Typed):
        return value.type
    if isinstance(value, S.UnOp) and value.op == "-":
        return _guess_type(value.operand, known, tok)
    if (
        isinstance(value, S.App)
        and isinstance(value.func, S.TypeApp)
        and isinstance(value.func.expr, S.Name)
        and value.func.expr.parts[-1] in _TYPE_OF_CONSTRUCTOR
    ):
        type_name = _TYPE_OF_CONSTRUCTOR[value.func.expr.parts[-1]]
        return S.TName(line, col, type_name, list(value.func.types))
    if (
        isinstance(value, S.App)
        and isinstance(value.func, S.Name)
        and value.func.parts[-1] == "StringBuilder"
    ):
        return S.TName(line, col, "StringBuilder", [])
    return _obj(tok)


_LITERAL_TYPES: dict[type, str] = {
    int: "int", float: "float", str: "string", bool: "bool", Char: "char", Decimal: "decimal",
}  # fmt: skip


# --------------------------------------------------------------------------- rewriting


def _rewrite_member(
    member: S.MemberDef, instance: set[str], renames: dict[str, str]
) -> S.MemberDef:
    """*member* with the instance's fields and functions reached through its self value, and
    the class's ``static let`` values by their top-level names."""
    hidden = set().union(*(_pattern_names(p) for p in member.params)) if member.params else set()
    if member.self_name is None:  # a static member sees no instance
        if not renames:
            return member
        value = _Rewriter("", set(), renames).expr(member.value, frozenset(hidden))
        return S.MemberDef(
            member.line, member.col, member.name, None, member.params, value, member.return_type
        )
    self_name = _SELF if member.self_name in ("_", "__") else member.self_name
    rewriter = _Rewriter(self_name, instance, renames)
    value = rewriter.expr(member.value, frozenset(hidden | {self_name}))
    return S.MemberDef(
        member.line, member.col, member.name, self_name, member.params, value, member.return_type
    )


def _pattern_names(pattern: S.Pattern) -> set[str]:
    """The names *pattern* binds."""
    return {node.name for node in S.walk(pattern) if isinstance(node, S.PVar | S.PAs)}


class _Rewriter:
    """Replaces free names of the instance by ``self.name`` in an expression."""

    def __init__(
        self, self_name: str, instance: set[str], renames: dict[str, str] | None = None
    ) -> None:
        self.self_name = self_name
        self.instance = instance
        self.renames = renames or {}

    def through_self(self, node: S.Node, name: str) -> S.Expr:
        target = S.Name(node.line, node.col, [self.self_name])
        return S.Field(node.line, node.col, target, name)

    def expr(self, node: S.Expr, hidden: frozenset[str]) -> S.Expr:
        if isinstance(node, S.Name):
            head = node.parts[0]
            if head in self.instance and head not in hidden:
                result = self.through_self(node, head)
                for part in node.parts[1:]:
                    result = S.Field(node.line, node.col, result, part)
                return result
            if head in self.renames and head not in hidden:
                return S.Name(node.line, node.col, [self.renames[head], *node.parts[1:]])
            return node
        if isinstance(node, S.Lambda):
            inner = hidden | set().union(*(_pattern_names(p) for p in node.params))
            node.body = self.expr(node.body, frozenset(inner))
            return node
        if isinstance(node, S.Let):
            bound = set().union(*(_pattern_names(b.pattern) for b in node.bindings))
            for binding in node.bindings:
                own = (
                    set().union(*(_pattern_names(p) for p in binding.params))
                    if binding.params
                    else set()
                )
                scope = hidden | own | (bound if node.rec else set())
                binding.value = self.expr(binding.value, frozenset(scope))
            node.body = self.expr(node.body, frozenset(hidden | bound))
            return node
        if isinstance(node, S.BangLet):
            node.value = self.expr(node.value, hidden)
            node.body = self.expr(node.body, frozenset(hidden | _pattern_names(node.pattern)))
            return node
        if isinstance(node, S.Match | S.Try):
            if isinstance(node, S.Match):
                node.subject = self.expr(node.subject, hidden)
            else:
                node.body = self.expr(node.body, hidden)
            for arm in node.arms:
                inner = frozenset(hidden | _pattern_names(arm.pattern))
                if arm.guard is not None:
                    arm.guard = self.expr(arm.guard, inner)
                arm.body = self.expr(arm.body, inner)
            return node
        if isinstance(node, S.ForIn):
            node.source = self.expr(node.source, hidden)
            node.body = self.expr(node.body, frozenset(hidden | _pattern_names(node.pattern)))
            return node
        if isinstance(node, S.ObjectExpr):
            for member in node.members:
                own = set().union(*(_pattern_names(p) for p in member.params))
                if member.self_name is not None:
                    own.add(member.self_name)
                member.value = self.expr(member.value, frozenset(hidden | own))
            return node
        if isinstance(node, S.For):
            node.start = self.expr(node.start, hidden)
            node.stop = self.expr(node.stop, hidden)
            if node.step is not None:
                node.step = self.expr(node.step, hidden)
            node.body = self.expr(node.body, frozenset(hidden | {node.var}))
            return node
        self.children(node, hidden)
        return node

    def children(self, node: S.Node, hidden: frozenset[str]) -> None:
        for slot in node.__slots__:
            child = getattr(node, slot, None)
            if isinstance(child, S.Expr):
                setattr(node, slot, self.expr(child, hidden))
            elif isinstance(child, S.InterpolatedHole):
                child.expr = self.expr(child.expr, hidden)
            elif isinstance(child, list):
                for index, entry in enumerate(child):
                    if isinstance(entry, S.Expr):
                        child[index] = self.expr(entry, hidden)
                    elif isinstance(entry, S.InterpolatedHole):
                        entry.expr = self.expr(entry.expr, hidden)
                    elif (
                        isinstance(entry, tuple)
                        and len(entry) == 2
                        and isinstance(entry[1], S.Expr)
                    ):
                        child[index] = (entry[0], self.expr(entry[1], hidden))
