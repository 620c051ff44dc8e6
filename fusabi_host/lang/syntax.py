"""The Fusabi syntax tree the parser builds.

Every node records the line and column where it starts.  Expressions, patterns, type
expressions and declarations are separate families; the resolver annotates expressions in
place (the ``info`` slot) rather than building a second tree.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True, eq=False)
class Node:
    line: int
    col: int


# --------------------------------------------------------------------------- types


@dataclass(slots=True, eq=False)
class TypeExpr(Node):
    pass


@dataclass(slots=True, eq=False)
class TName(TypeExpr):
    """``int``, ``list<int>``, ``int list``, ``Map<string, int>``, ``M.T``."""

    name: str
    args: list[TypeExpr] = field(default_factory=list)


@dataclass(slots=True, eq=False)
class TVarExpr(TypeExpr):
    """``'a``."""

    name: str


@dataclass(slots=True, eq=False)
class TFunExpr(TypeExpr):
    arg: TypeExpr
    result: TypeExpr


@dataclass(slots=True, eq=False)
class TTupleExpr(TypeExpr):
    items: list[TypeExpr]


@dataclass(slots=True, eq=False)
class TRecordExpr(TypeExpr):
    """An anonymous record type ``{| a: int |}``."""

    fields: list[tuple[str, TypeExpr]]


# --------------------------------------------------------------------------- patterns


@dataclass(slots=True, eq=False)
class Pattern(Node):
    pass


@dataclass(slots=True, eq=False)
class PWild(Pattern):
    pass


@dataclass(slots=True, eq=False)
class PVar(Pattern):
    name: str
    info: Any = None  # the Binding the resolver creates


@dataclass(slots=True, eq=False)
class PLit(Pattern):
    value: object  # int, float, str, bool, Char or None (unit)


@dataclass(slots=True, eq=False)
class PTuple(Pattern):
    items: list[Pattern]


@dataclass(slots=True, eq=False)
class PList(Pattern):
    items: list[Pattern]


@dataclass(slots=True, eq=False)
class PArray(Pattern):
    items: list[Pattern]


@dataclass(slots=True, eq=False)
class PCons(Pattern):
    head: Pattern
    tail: Pattern


@dataclass(slots=True, eq=False)
class PRecord(Pattern):
    fields: list[tuple[str, Pattern]]


@dataclass(slots=True, eq=False)
class PCtor(Pattern):
    """A union case (``Some x``, ``Node (l, v, r)``, ``None``); ``args`` is ``None`` when the
    case is written without arguments.  ``named`` holds ``Case (field = p)`` forms."""

    path: list[str]
    args: list[Pattern] | None = None
    named: list[tuple[str, Pattern]] | None = None
    info: Any = None


@dataclass(slots=True, eq=False)
class POr(Pattern):
    left: Pattern
    right: Pattern


@dataclass(slots=True, eq=False)
class PAs(Pattern):
    pattern: Pattern
    name: str
    info: Any = None


@dataclass(slots=True, eq=False)
class PTyped(Pattern):
    pattern: Pattern
    type: TypeExpr


@dataclass(slots=True, eq=False)
class PTypeTest(Pattern):
    """``:? System.ArgumentException``: a .NET type test (for exceptions); ``path`` is the
    type's dotted name."""

    path: list[str]


# --------------------------------------------------------------------------- expressions


@dataclass(slots=True, eq=False)
class Expr(Node):
    pass


@dataclass(slots=True, eq=False)
class Lit(Expr):
    value: object  # int, float, str, bool, Char, or None for unit


@dataclass(slots=True, eq=False)
class InterpolatedHole(Node):
    """One ``{expr}`` of an interpolated string: ``printf`` is the placeholder written before
    it (``%d``; ``""`` for an untyped hole) and ``spec`` its .NET alignment and format
    (``",8:F2"`` or ``""``)."""

    expr: Expr
    printf: str
    spec: str


@dataclass(slots=True, eq=False)
class Interpolated(Expr):
    """``$"text {expr} text"``: literal texts and holes, in order."""

    parts: list[str | InterpolatedHole]


@dataclass(slots=True, eq=False)
class TypeApp(Expr):
    """``Map.empty<string, int>``: a name with explicit type arguments."""

    expr: Expr
    types: list[TypeExpr]


@dataclass(slots=True, eq=False)
class Name(Expr):
    """An identifier, possibly dotted: ``x``, ``List.map``, ``person.name``, ``M.N.f``.

    The resolver decides which leading parts name modules and which trailing parts are
    record field accesses.
    """

    parts: list[str]
    info: Any = None


@dataclass(slots=True, eq=False)
class OpRef(Expr):
    """An operator used as a value: ``(+)``, ``( * )``, ``(|>)``."""

    op: str


@dataclass(slots=True, eq=False)
class App(Expr):
    func: Expr
    args: list[Expr]
    info: Any = None


@dataclass(slots=True, eq=False)
class Lambda(Expr):
    params: list[Pattern]
    body: Expr
    name: str | None = None
    info: Any = None


@dataclass(slots=True, eq=False)
class Binding(Node):
    """One binding of a ``let``: ``let [mutable] pat = expr`` or ``let f p1 p2 = expr``.

    For a function binding ``pattern`` is a :class:`PVar` naming the function and ``params``
    lists its parameters.
    """

    pattern: Pattern
    params: list[Pattern]
    value: Expr
    mutable: bool = False
    return_type: TypeExpr | None = None
    info: Any = None
    inline: bool = False  # `let inline`


@dataclass(slots=True, eq=False)
class Let(Expr):
    rec: bool
    bindings: list[Binding]
    body: Expr
    info: Any = None


@dataclass(slots=True, eq=False)
class If(Expr):
    cond: Expr
    then: Expr
    orelse: Expr | None


@dataclass(slots=True, eq=False)
class Arm(Node):
    pattern: Pattern
    guard: Expr | None
    body: Expr


@dataclass(slots=True, eq=False)
class Match(Expr):
    subject: Expr
    arms: list[Arm]
    info: Any = None


@dataclass(slots=True, eq=False)
class TupleExpr(Expr):
    items: list[Expr]


@dataclass(slots=True, eq=False)
class ListExpr(Expr):
    items: list[Expr]


@dataclass(slots=True, eq=False)
class ArrayExpr(Expr):
    items: list[Expr]


@dataclass(slots=True, eq=False)
class Range(Expr):
    """``[a .. b]``, ``[a .. step .. b]``, ``[|a .. b|]`` (``kind`` = list/array/seq)."""

    start: Expr
    step: Expr | None
    stop: Expr
    kind: str


@dataclass(slots=True, eq=False)
class Comprehension(Expr):
    """``[ for x in xs -> e ]`` / ``[ for x in xs do ... yield e ]`` (``kind`` = list/array/seq);
    ``body`` is an expression whose ``Yield`` nodes produce the elements."""

    body: Expr
    kind: str


@dataclass(slots=True, eq=False)
class Yield(Expr):
    value: Expr
    many: bool = False  # yield!
    implicit: bool = False  # F#'s implicit yield: a unit-typed value is a statement instead
    is_return: bool = False  # `return`: the same as `yield` in a list or seq, not in async { }


@dataclass(slots=True, eq=False)
class BangLet(Expr):
    """``let! p = value`` (or ``use!``) in an ``async { }`` body: *body* is the rest of the
    block (see :mod:`fusabi_host.lang.asyncexpr`)."""

    pattern: Pattern
    value: Expr
    body: Expr
    word: str = "let"


@dataclass(slots=True, eq=False)
class BangDo(Expr):
    """``do! value`` in an ``async { }`` body."""

    value: Expr


@dataclass(slots=True, eq=False)
class RecordExpr(Expr):
    fields: list[tuple[str, Expr]]
    anonymous: bool = False
    info: Any = None


@dataclass(slots=True, eq=False)
class RecordUpdate(Expr):
    base: Expr
    fields: list[tuple[str, Expr]]
    info: Any = None
    anonymous: bool = False  # {| r with ... |}: may add fields (F# anonymous record extension)


@dataclass(slots=True, eq=False)
class Field(Expr):
    """``expr.name`` where ``expr`` is not a plain dotted name."""

    target: Expr
    name: str
    info: Any = None


@dataclass(slots=True, eq=False)
class Index(Expr):
    """``a.[i]``."""

    target: Expr
    index: Expr


@dataclass(slots=True, eq=False)
class Slice(Expr):
    """``a.[i..j]``, ``s.[..j]``, ``s.[i..]``."""

    target: Expr
    start: Expr | None
    stop: Expr | None


@dataclass(slots=True, eq=False)
class Assign(Expr):
    """``x <- v`` / ``a.[i] <- v`` / ``r.f <- v``."""

    target: Expr
    value: Expr
    info: Any = None


@dataclass(slots=True, eq=False)
class BinOp(Expr):
    op: str
    left: Expr
    right: Expr
    info: Any = None


@dataclass(slots=True, eq=False)
class UnOp(Expr):
    op: str  # "-", "+", "!" (deref), "~~~"
    operand: Expr
    info: Any = None


@dataclass(slots=True, eq=False)
class Sequence(Expr):
    items: list[Expr]


@dataclass(slots=True, eq=False)
class While(Expr):
    cond: Expr
    body: Expr


@dataclass(slots=True, eq=False)
class For(Expr):
    """``for i = a to b do`` / ``for i in a .. b do`` (``step`` and ``down`` as written)."""

    var: str
    start: Expr
    stop: Expr
    step: Expr | None
    down: bool
    body: Expr
    info: Any = None


@dataclass(slots=True, eq=False)
class ForIn(Expr):
    pattern: Pattern
    source: Expr
    body: Expr


@dataclass(slots=True, eq=False)
class Try(Expr):
    body: Expr
    arms: list[Arm]


@dataclass(slots=True, eq=False)
class TryFinally(Expr):
    body: Expr
    finalizer: Expr


@dataclass(slots=True, eq=False)
class Typed(Expr):
    expr: Expr
    type: TypeExpr


@dataclass(slots=True, eq=False)
class Upcast(Expr):
    """``x :> IShape`` (``downcast`` false) or ``x :?> int`` (true)."""

    expr: Expr
    type: TypeExpr
    downcast: bool = False


@dataclass(slots=True, eq=False)
class ObjectExpr(Expr):
    """``{ new IShape with member _.Area = 1.0 ... }``: a value of an interface."""

    type: TypeExpr
    members: list[MemberDef]


@dataclass(slots=True, eq=False)
class InterfaceRecord(Expr):
    """What an object expression is lowered through: the interface's record of member
    functions (``fields``), each already a function (a property's takes unit)."""

    type: TypeExpr
    fields: list[tuple[str, Expr]]


@dataclass(slots=True, eq=False)
class LoopControl(Expr):
    """``break`` / ``continue`` (upstream extensions inside ``while``)."""

    kind: str


# --------------------------------------------------------------------------- declarations


@dataclass(slots=True, eq=False)
class Decl(Node):
    pass


@dataclass(slots=True, eq=False)
class DLet(Decl):
    rec: bool
    bindings: list[Binding]
    private: bool = False


@dataclass(slots=True, eq=False)
class DExpr(Decl):
    expr: Expr


@dataclass(slots=True, eq=False)
class UnionCase(Node):
    name: str
    fields: list[tuple[str | None, TypeExpr]]
    enum_value: int | None = None  # `| Red = 1` (an enum case)


OPERATOR_MEMBERS: dict[str, str] = {
    "+": "op_Addition", "-": "op_Subtraction", "*": "op_Multiply", "/": "op_Division",
    "%": "op_Modulus", "~-": "op_UnaryNegation",
}  # fmt: skip
"""The operators a type may define as static members (``static member (+) (a, b)``), by the
names F# compiles them to, which the member is named by."""

OPERATOR_OF_MEMBER: dict[str, str] = {
    name: ("neg" if symbol == "~-" else symbol) for symbol, name in OPERATOR_MEMBERS.items()
}
"""The primitive operation (``+``, ``neg``) each operator member stands for."""


@dataclass(slots=True, eq=False)
class MemberDef(Node):
    """``member self.Name params = body`` (``self_name`` ``None``: a ``static member``; its
    name is ``op_Addition`` ... for an operator, see :data:`OPERATOR_MEMBERS`)."""

    name: str
    self_name: str | None
    params: list[Pattern]
    value: Expr
    return_type: TypeExpr | None = None


@dataclass(slots=True, eq=False)
class AbstractMember(Node):
    """``abstract member Name : type`` of an interface (a property unless *type* is a
    function type)."""

    name: str
    type: TypeExpr


@dataclass(slots=True, eq=False)
class InterfaceImpl(Node):
    """``interface IShape with member ...`` in a type: the members implementing it."""

    type: TypeExpr
    members: list[MemberDef]


@dataclass(slots=True, eq=False)
class TypeDef(Node):
    """One type of a ``type ... and ...`` declaration.  Exactly one of ``record``, ``cases``,
    ``alias`` and ``abstract`` (an interface) is set."""

    name: str
    params: list[str]
    record: list[tuple[str, TypeExpr, bool]] | None = None  # (field, type, mutable)
    cases: list[UnionCase] | None = None
    alias: TypeExpr | None = None
    members: list[MemberDef] | None = None  # ``member`` definitions, when it has any
    abstract: list[AbstractMember] | None = None  # an interface's members
    interfaces: list[InterfaceImpl] | None = None  # what the type implements, if anything


@dataclass(slots=True, eq=False)
class DType(Decl):
    types: list[TypeDef]


@dataclass(slots=True, eq=False)
class DException(Decl):
    name: str
    fields: list[tuple[str | None, TypeExpr]]


@dataclass(slots=True, eq=False)
class DModule(Decl):
    name: str
    body: list[Decl]


@dataclass(slots=True, eq=False)
class DOpen(Decl):
    path: list[str]


@dataclass(slots=True, eq=False)
class DLoad(Decl):
    paths: list[str]


@dataclass(slots=True, eq=False)
class Script:
    """A parsed file: its declarations in order."""

    filename: str
    decls: list[Decl]
    source: str = ""


def walk(node: object) -> Iterator[object]:
    """*node* and every node under it (children of lists and of ``(name, node)`` pairs too),
    in no particular order, without recursion: what a check over a whole subtree needs."""
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        if isinstance(current, Node):
            for slot in current.__slots__:
                value = getattr(current, slot, None)
                if isinstance(value, Node):
                    stack.append(value)
                elif isinstance(value, list):
                    for item in value:
                        if isinstance(item, Node):
                            stack.append(item)
                        elif isinstance(item, tuple):
                            stack.extend(x for x in item if isinstance(x, Node))
