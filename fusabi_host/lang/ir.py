"""The core intermediate representation: what the resolver lowers the syntax tree into.

Names are resolved (every variable reference points at its :class:`Var`, every library
function at its :class:`~fusabi_host.lang.stdlib.registry.Builtin`, every constructor at its
:class:`~fusabi_host.lang.values.Tag`), patterns in parameters and ``let`` are turned into
``Match`` nodes, operators into :class:`Prim` nodes, and modules are flattened into globals.
Type inference annotates ``ty`` on every expression; code generation reads the result.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from fusabi_host.lang.exceptions import EXCEPTION_TAGS
from fusabi_host.lang.values import ERROR_TAG, NONE_TAG, OK_TAG, SOME_TAG, Tag

_ids = itertools.count(1)


class Var:
    """A variable: a local, a parameter, or a top-level (global) binding."""

    __slots__ = (
        "arity",
        "assigned",
        "captured",
        "cell",
        "closure_param",
        "id",
        "inline",
        "is_global",
        "lam",
        "loop_depth",
        "mutable",
        "name",
        "py",
        "qualified",
        "scheme",
        "ty",
        "used_as_value",
    )

    def __init__(
        self,
        name: str,
        *,
        mutable: bool = False,
        is_global: bool = False,
        qualified: str | None = None,
    ) -> None:
        self.name = name
        self.id = next(_ids)
        self.mutable = mutable
        self.is_global = is_global
        self.qualified = qualified or name
        self.lam: Lam | None = None  # set when bound to a lambda (a known function)
        self.arity = 0  # parameters of that lambda
        self.captured = False  # referenced from a nested function (set by resolve)
        self.cell = False  # shared by reference: a captured mutable or a let rec member
        self.assigned = False  # target of `<-`
        self.used_as_value = False  # referenced other than as a saturated call's callee
        self.loop_depth = 0  # how many loops (incl. tail-call loops) enclose its binding
        self.closure_param = False
        self.py = ""  # the Python name code generation chose
        self.ty: Any = None  # inferred type
        self.scheme: Any = None  # generalised type of a let-bound variable
        self.inline = False  # `let inline`: generic over the number types it computes with

    def __repr__(self) -> str:
        return f"<var {self.qualified}#{self.id}>"


@dataclass(slots=True, eq=False)
class Expr:
    line: int
    ty: Any = field(default=None, init=False, repr=False)
    col: int = field(default=0, init=False, repr=False)  # 0: not known (lifted bytecode)


@dataclass(slots=True, eq=False)
class Const(Expr):
    value: object


@dataclass(slots=True, eq=False)
class Unset(Expr):
    """The ``()`` a mutable cell of lifted bytecode holds before its first assignment (our
    compiler's ``.fzb`` creates a cell, then stores the value): it has no type of its own, so
    it does not decide the cell's."""


@dataclass(slots=True, eq=False)
class Ref(Expr):
    var: Var


@dataclass(slots=True, eq=False)
class BuiltinRef(Expr):
    builtin: Any  # registry.Builtin
    # explicit type arguments of a function with two forms (``ResizeArray<int>(xs)``): they
    # instantiate the type variables of whichever form inference chooses, in signature order
    type_args: Any = None


@dataclass(slots=True, eq=False)
class Ctor(Expr):
    """Build a union value; ``args`` may be fewer than the arity when the constructor is used
    as a function (code generation curries it)."""

    tag: Tag
    args: list[Expr]
    union: Any = None  # the declared union type, if any


@dataclass(slots=True, eq=False)
class Lam(Expr):
    params: list[Var]
    body: Expr
    name: str = "<fun>"
    # filled by analysis:
    free: list[Var] = field(default_factory=list, repr=False)
    # filled by resolve (fusabi_host.lang.resolve):
    tail_calls: tuple[Apply, ...] = field(default=(), repr=False)  # calls of a Ref in tail position
    calls: bool = field(default=False, repr=False)  # its body calls a non-library function


@dataclass(slots=True, eq=False)
class Apply(Expr):
    func: Expr
    args: list[Expr]
    tail: bool = field(default=False)
    # the last ``piped`` arguments came through ``|>`` (F# checks them first)
    piped: int = field(default=0, repr=False)


@dataclass(slots=True, eq=False)
class Let(Expr):
    var: Var
    value: Expr
    body: Expr


@dataclass(slots=True, eq=False)
class LetRec(Expr):
    bindings: list[tuple[Var, Lam]]
    body: Expr


@dataclass(slots=True, eq=False)
class Seq(Expr):
    items: list[Expr]


@dataclass(slots=True, eq=False)
class If(Expr):
    cond: Expr
    then: Expr
    orelse: Expr
    written_else: bool = field(default=True, repr=False)  # False: `if c then x`, else ()


# -- patterns


@dataclass(slots=True, eq=False)
class Pat:
    line: int
    ty: Any = field(default=None, init=False, repr=False)
    col: int = field(default=0, init=False, repr=False)  # 0: not known (lifted bytecode)


@dataclass(slots=True, eq=False)
class PAny(Pat):
    pass


@dataclass(slots=True, eq=False)
class PBind(Pat):
    """Bind the value to ``var`` (and also match ``inner`` when given: an ``as`` pattern)."""

    var: Var
    inner: Pat | None = None


@dataclass(slots=True, eq=False)
class PConst(Pat):
    value: object


@dataclass(slots=True, eq=False)
class PTuple(Pat):
    items: list[Pat]


@dataclass(slots=True, eq=False)
class PNil(Pat):
    pass


@dataclass(slots=True, eq=False)
class PCons(Pat):
    head: Pat
    tail: Pat


@dataclass(slots=True, eq=False)
class PArray(Pat):
    items: list[Pat]


@dataclass(slots=True, eq=False)
class PRecord(Pat):
    fields: list[tuple[str, Pat]]


@dataclass(slots=True, eq=False)
class PCtor(Pat):
    tag: Tag
    args: list[Pat]
    union: Any = None


@dataclass(slots=True, eq=False)
class POr(Pat):
    left: Pat
    right: Pat


@dataclass(slots=True, eq=False)
class PTyped(Pat):
    pat: Pat
    type: Any  # syntax.TypeExpr


@dataclass(slots=True, eq=False)
class Arm:
    pat: Pat
    guard: Expr | None
    body: Expr


@dataclass(slots=True, eq=False)
class Match(Expr):
    subject: Expr
    arms: list[Arm]
    what: str = "match"  # "match", "let", "function parameter", "for" -- for error messages


# -- data


@dataclass(slots=True, eq=False)
class Tuple(Expr):
    items: list[Expr]


@dataclass(slots=True, eq=False)
class List(Expr):
    items: list[Expr]


@dataclass(slots=True, eq=False)
class Array(Expr):
    items: list[Expr]


@dataclass(slots=True, eq=False)
class Range(Expr):
    start: Expr
    step: Expr | None
    stop: Expr
    kind: str  # list, array, seq


@dataclass(slots=True, eq=False)
class Record(Expr):
    fields: list[tuple[str, Expr]]
    record_type: Any = None  # the declared record with exactly these fields
    # the latest declared record with all these fields and more (a literal missing a field)
    incomplete_of: Any = None


@dataclass(slots=True, eq=False)
class RecordUpdate(Expr):
    base: Expr
    fields: list[tuple[str, Expr]]
    extend: bool = False  # ``{| r with y = 2 |}``: an anonymous record may gain fields


@dataclass(slots=True, eq=False)
class GetField(Expr):
    """``expr.name``: a record field, or a member (``s.Length``) when the type says so."""

    target: Expr
    name: str
    kind: str = (
        "unknown"  # set by inference: record, string, list, array, map, set, option, exn, dynamic
    )


@dataclass(slots=True, eq=False)
class Index(Expr):
    target: Expr
    index: Expr
    kind: str = "unknown"


@dataclass(slots=True, eq=False)
class Slice(Expr):
    target: Expr
    start: Expr | None
    stop: Expr | None
    kind: str = "unknown"


@dataclass(slots=True, eq=False)
class SetIndex(Expr):
    target: Expr
    index: Expr
    value: Expr
    kind: str = "unknown"  # set by inference: "array" when the target is an array


@dataclass(slots=True, eq=False)
class SetField(Expr):
    target: Expr
    name: str
    value: Expr


@dataclass(slots=True, eq=False)
class Assign(Expr):
    var: Var
    value: Expr


@dataclass(slots=True, eq=False)
class Prim(Expr):
    """A primitive operation: arithmetic, comparison, logic, list and string operators.

    ``op`` is the source operator (``+``, ``=``, ``&&``, ``::``, ``@``, ``^``, ``not``, ``neg``
    ...).  Inference records the operand type in ``operand`` (``"int"``, ``"float"``,
    ``"string"``, ``"char"``, ``"bool"``, ``"structural"`` or ``"dynamic"``).
    """

    op: str
    args: list[Expr]
    operand: str = "dynamic"


@dataclass(slots=True, eq=False)
class While(Expr):
    cond: Expr
    body: Expr


@dataclass(slots=True, eq=False)
class ForRange(Expr):
    var: Var
    start: Expr
    stop: Expr
    step: Expr | None
    down: bool
    body: Expr


@dataclass(slots=True, eq=False)
class ForEach(Expr):
    var: Var
    source: Expr
    body: Expr
    source_kind: str = "unknown"  # list, array, set, map, string, seq


@dataclass(slots=True, eq=False)
class TryWith(Expr):
    body: Expr
    var: Var  # the exception value
    handler: Expr  # a Match on var that re-raises when nothing matches
    # filled by resolve: the free variables of the body and of the handler (without var)
    free: tuple[list[Var], list[Var]] | tuple[()] = field(default=(), repr=False)


@dataclass(slots=True, eq=False)
class TryFinally(Expr):
    body: Expr
    finalizer: Expr
    # filled by resolve: the free variables of the body and of the finalizer
    free: tuple[list[Var], list[Var]] | tuple[()] = field(default=(), repr=False)


@dataclass(slots=True, eq=False)
class Reraise(Expr):
    """Re-raise the exception being handled (no arm of a ``try ... with`` matched)."""


@dataclass(slots=True, eq=False)
class LoopControl(Expr):
    kind: str  # break / continue


@dataclass(slots=True, eq=False)
class Comprehension(Expr):
    body: Expr
    kind: str  # list, array, seq


@dataclass(slots=True, eq=False)
class Yield(Expr):
    value: Expr
    many: bool = False
    # F#'s implicit yield (an element of ``[a; f x; if c then b]``): a unit-typed value is run as
    # a statement.  Inference decides ``statement`` from the type; ``None``: decide at run time
    implicit: bool = False
    statement: bool | None = field(default=None, repr=False)


@dataclass(slots=True, eq=False)
class Annot(Expr):
    """An expression with a type annotation (checked by inference, erased by codegen)."""

    expr: Expr
    type: Any  # syntax.TypeExpr


@dataclass(slots=True, eq=False)
class Upcast(Expr):
    """``x :> IShape``, also where F# inserts it (an argument for a parameter of an
    interface type).  Inference makes ``expr`` the call of the implementing type's upcast
    function when the value is not of the interface already; code generation compiles
    ``expr`` alone."""

    expr: Expr
    type: TypeRef


@dataclass(slots=True, eq=False)
class Format(Expr):
    """``printfn``/``sprintf``/``printf``/``eprintfn``/``failwithf`` with a literal format:
    ``args`` fill the specifiers; fewer args give a curried function."""

    func: str
    fmt: str
    args: list[Expr]
    list_form: bool = False  # upstream's sprintf "..." [a; b]


@dataclass(slots=True, eq=False)
class Member(Expr):
    """A member call on a value, ``s.Substring(1, 2)`` / ``xs.Length``: ``args`` is ``None`` for
    a property."""

    target: Expr
    name: str
    args: list[Expr] | None
    kind: str = "unknown"


# -- declarations: the type-declaration model (resolved type expressions, unions, records,
# aliases), shared by lowering, inference and the bytecode lifter


@dataclass(eq=False)
class TypeRef:
    """A resolved type expression: ``kind`` is ``con`` (``name``, ``args``), ``var``
    (``name``), ``fun`` (``args`` = [arg, result]), ``tuple`` (``args``) or ``anon`` (record
    ``fields``)."""

    kind: str
    name: str = ""
    args: list[TypeRef] = field(default_factory=list)
    fields: list[tuple[str, TypeRef]] = field(default_factory=list)
    decl: Any = None


@dataclass(eq=False)
class CaseDecl:
    tag: Tag
    fields: list[tuple[str | None, TypeRef]]
    union: UnionDecl | None


@dataclass(eq=False)
class UnionDecl:
    name: str
    params: list[str]
    cases: list[CaseDecl] = field(default_factory=list)
    members: dict[str, Var] = field(default_factory=dict)  # instance members: self first
    # static operator members by primitive operation ("+", "neg"): overloads in order
    operators: dict[str, list[Var]] = field(default_factory=dict)
    # the interfaces it implements, by qualified name: the function that upcasts a value
    interfaces: dict[str, Var] = field(default_factory=dict)


@dataclass(eq=False)
class RecordDecl:
    name: str
    params: list[str]
    fields: list[tuple[str, TypeRef, bool]] = field(default_factory=list)
    members: dict[str, Var] = field(default_factory=dict)  # instance members: self first
    # static operator members by primitive operation ("+", "neg"): overloads in order
    operators: dict[str, list[Var]] = field(default_factory=dict)
    # the interfaces it implements, by qualified name: the function that upcasts a value
    interfaces: dict[str, Var] = field(default_factory=dict)


@dataclass(eq=False)
class InterfaceDecl(RecordDecl):
    """An interface.  A value of it is a record of its abstract members' implementations,
    one field per member: a method's field is the function, a property's (named in
    ``properties``) a function of unit, called at each access (F# evaluates a getter at each
    access).  Upcasting a value of an implementing type builds that record; an object
    expression is one."""

    properties: set[str] = field(default_factory=set)


@dataclass(eq=False)
class AliasDecl:
    name: str
    params: list[str]
    target: TypeRef | None = None


BUILTIN_TYPES = {
    "int": "int", "int64": "int", "int32": "int", "float": "float", "double": "float",
    "float32": "float", "bool": "bool", "string": "string", "char": "char", "unit": "unit",
    "exn": "exn", "list": "list", "List": "list", "array": "array", "option": "option",
    "Option": "option", "Result": "result", "result": "result", "Map": "map", "Set": "set",
    "seq": "seq", "Seq": "seq", "obj": "dyn", "dyn": "dyn", "ref": "ref", "byte": "int",
    "decimal": "decimal", "uint32": "int", "uint64": "int", "int16": "int", "uint16": "int",
    "sbyte": "int", "int8": "int", "uint8": "int", "single": "float",
    # .NET's names (``System.String``): the last part of a qualified name is looked up here
    "String": "string", "Int32": "int", "Int64": "int", "Double": "float", "Single": "float",
    "Boolean": "bool", "Char": "char", "Byte": "int", "Object": "dyn", "Decimal": "decimal",
    "Lazy": "lazy", "lazy": "lazy", "Async": "async",
    "StringBuilder": "stringbuilder", "Dictionary": "dictionary", "IDictionary": "dictionary",
    "ResizeArray": "resizearray", "HashSet": "hashset", "array2d": "array2d",
    "Stack": "stack", "Queue": "queue",
}  # fmt: skip


OPTION_UNION = UnionDecl("option", ["a"])
RESULT_UNION = UnionDecl("result", ["a", "e"])
_A = TypeRef("var", "a")
_E = TypeRef("var", "e")
OPTION_UNION.cases = [
    CaseDecl(NONE_TAG, [], OPTION_UNION),
    CaseDecl(SOME_TAG, [(None, _A)], OPTION_UNION),
]
RESULT_UNION.cases = [
    CaseDecl(OK_TAG, [(None, _A)], RESULT_UNION),
    CaseDecl(ERROR_TAG, [(None, _E)], RESULT_UNION),
]
STRING_REF = TypeRef("con", "string")
IDISPOSABLE = InterfaceDecl(
    "IDisposable",
    [],
    [("Dispose", TypeRef("fun", args=[TypeRef("con", "unit"), TypeRef("con", "unit")]), False)],
)
""".NET's ``IDisposable``, which a script's types may implement (``use`` disposes them)."""
EXN_UNION = UnionDecl("exn", [])
EXN_UNION.cases = [
    CaseDecl(tag, [(None, STRING_REF)], EXN_UNION) for tag in EXCEPTION_TAGS.values()
]


# -- the unit


@dataclass(slots=True, eq=False)
class TopBinding:
    """A top-level ``let``: global variables bound by a pattern, or one function."""

    vars: list[Var]
    value: Expr  # for a single var: its value; for a pattern: a Match binding them
    rec_group: list[tuple[Var, Lam]] | None = None
    line: int = 0
    pattern: bool = False


@dataclass(slots=True, eq=False)
class TopExpr:
    expr: Expr
    line: int = 0


@dataclass(slots=True, eq=False)
class Unit:
    """A compiled script: its top-level items in order, its globals and declared types."""

    filename: str
    items: list[TopBinding | TopExpr]
    globals: dict[str, Var]  # exported (top-level, unqualified) names
    all_globals: list[Var]
    unions: dict[str, Any]
    records: dict[str, Any]
    exceptions: dict[str, Tag]
    source: str = ""
    files: dict[str, str] = field(default_factory=dict)  # #load-ed files: name -> source
    exception_cases: dict[str, Any] = field(default_factory=dict)  # user exceptions
    lifted: bool = False  # lifted from bytecode, which declares no parameter types


# -- nodes only the bytecode lifter produces


@dataclass(slots=True, eq=False)
class TupleGet(Expr):
    """Item ``index`` of a tuple (upstream ``GetTupleField``/``GetTupleElem``)."""

    target: Expr
    index: int


@dataclass(slots=True, eq=False)
class CaseField(Expr):
    """Field ``index`` of a union value known (``tag`` set) or not to be a given case."""

    target: Expr
    tag: Tag | None
    index: int


@dataclass(slots=True, eq=False)
class ListPart(Expr):
    """``part`` is ``"head"`` or ``"tail"`` of a non-empty list."""

    target: Expr
    part: str


@dataclass(slots=True, eq=False)
class Intrinsic(Expr):
    """A rarely used operation with no node of its own: calls support helper ``name``."""

    name: str
    args: list[Expr]


# --------------------------------------------------------------------------- traversal
#
# Beside the nodes, as CPython's ast.py keeps iter_child_nodes and walk beside its classes.
# What counts as a child is derived once per node class from its fields: an Expr, an Arm, a
# list of them, or the Expr parts of tuples in a list (LetRec bindings, record fields).


def _child_slots(cls: type) -> tuple[str, ...]:
    """The fields of *cls* that can hold child nodes, in declaration (evaluation) order."""
    from dataclasses import fields  # noqa: PLC0415 - only when a class is first seen

    def holds_nodes(annotation: object) -> bool:
        text = str(annotation)
        return "Expr" in text or "Arm" in text or "Lam" in text

    return tuple(f.name for f in fields(cls) if f.name != "ty" and holds_nodes(f.type))


_SLOTS: dict[type, tuple[str, ...]] = {}


def _slots_of(node: object) -> tuple[str, ...]:
    cls = type(node)
    slots = _SLOTS.get(cls)
    if slots is None:
        slots = _SLOTS[cls] = _child_slots(cls)
    return slots


def children(node: Expr | Arm) -> list[Expr | Arm]:
    """The direct child nodes of *node* (expressions and match arms), in evaluation order.

    An :class:`Arm`'s children are its guard (when present) and its body; patterns are not
    children (see :func:`pattern_vars`)."""
    if type(node) is Arm:
        return [node.guard, node.body] if node.guard is not None else [node.body]
    out: list[Expr | Arm] = []
    for slot in _slots_of(node):
        value = getattr(node, slot)
        if isinstance(value, Expr | Arm):
            out.append(value)
        elif type(value) is list:
            for item in value:
                if isinstance(item, Expr | Arm):
                    out.append(item)
                elif type(item) is tuple:
                    out.extend(part for part in item if isinstance(part, Expr))
    return out


def walk(node: Expr | Arm) -> Iterator[Expr | Arm]:
    """*node* and every node below it, parents before children (iteratively: any depth)."""
    stack: list[Expr | Arm] = [node]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(reversed(children(current)))


def transform(node: Expr | Arm, rewrite: Callable[[Expr], Expr]) -> None:
    """Replace each direct child expression ``c`` of *node* by ``rewrite(c)``, in place.

    *rewrite* decides whether to recurse (call :func:`transform` on the child), as
    ``ast.NodeTransformer.generic_visit`` leaves it to the visitor.  Arms are not rewritten
    themselves; their guard and body are."""
    if type(node) is Arm:
        if node.guard is not None:
            node.guard = rewrite(node.guard)
        node.body = rewrite(node.body)
        return
    for slot in _slots_of(node):
        value = getattr(node, slot)
        if isinstance(value, Expr):
            setattr(node, slot, rewrite(value))
        elif type(value) is list:
            for index, item in enumerate(value):
                if isinstance(item, Expr):
                    value[index] = rewrite(item)
                elif type(item) is Arm:
                    transform(item, rewrite)
                elif type(item) is tuple and any(isinstance(p, Expr) for p in item):
                    value[index] = tuple(rewrite(p) if isinstance(p, Expr) else p for p in item)


def pattern_vars(pat: Pat) -> list[Var]:
    """The variables a pattern binds, left to right (an or-pattern's left side counts)."""
    out: list[Var] = []
    stack: list[Pat] = [pat]
    while stack:
        current = stack.pop()
        if type(current) is PBind:
            out.append(current.var)
            if current.inner is not None:
                stack.append(current.inner)
        elif type(current) is PTuple or type(current) is PArray:
            stack.extend(reversed(current.items))
        elif type(current) is PCons:
            stack.extend((current.tail, current.head))
        elif type(current) is PRecord:
            stack.extend(p for _, p in reversed(current.fields))
        elif type(current) is PCtor:
            stack.extend(reversed(current.args))
        elif type(current) is POr:
            stack.append(current.left)  # both sides bind the same names
        elif type(current) is PTyped:
            stack.append(current.pat)
    return out


def bound_vars(node: Expr | Arm) -> list[Var]:
    """The variables *node* itself binds for its children (a ``let``, a lambda's parameters,
    a loop variable, a handler's exception, an arm's pattern variables)."""
    t = type(node)
    if t is Let or t is ForRange or t is ForEach or t is TryWith:
        return [node.var]  # type: ignore[union-attr]
    if t is LetRec:
        return [var for var, _ in node.bindings]  # type: ignore[union-attr]
    if t is Lam:
        return list(node.params)  # type: ignore[union-attr]
    if t is Arm:
        return pattern_vars(node.pat)  # type: ignore[union-attr]
    return []
