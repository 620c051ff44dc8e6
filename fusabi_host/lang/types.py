"""Types as type inference sees them, and unification.

Hindley-Milner types with one addition, ``dyn``: the type of values whose shape depends on
data (parsed JSON, a field of a record nobody declared).  ``dyn`` unifies with everything
without constraining it, and code working on ``dyn`` values checks at run time.

Type terms are shared graphs, so a few lines of source can describe a type whose term grows
exponentially (``let f1 x = f0 (f0 x)`` with ``let f0 x = (x, x)``, repeated).  Every walk over
a term here counts the nodes it visits: a term of more than :data:`MAX_TYPE_SIZE` nodes raises
:exc:`TypeTooLarge` (which inference reports as a compile error, never as "untyped"), so no
walk costs more than that bound; long walks are charged to the current run's guard
(:func:`fusabi_host.lang.guard.spend`), so they also stop at its deadline.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from typing import Any, Final

from fusabi_host.lang.guard import spend

__all__ = [
    "DYN",
    "MAX_TYPE_DEPTH",
    "MAX_TYPE_SIZE",
    "TCon",
    "TFun",
    "TRec",
    "TTuple",
    "TVar",
    "Type",
    "TypeClash",
    "TypeTooLarge",
    "could_unify",
    "measure",
    "over",
    "prune",
    "show",
    "size",
    "unify",
]

_ids = itertools.count(1)


class Type:
    __slots__ = ()


class TVar(Type):
    """A type variable.  ``numeric`` and ``elem`` constrain what it may stand for:

    * ``numeric`` -- ``"add"`` (int, float, decimal, string or char: what ``+`` takes),
      ``"num"`` (int, float or decimal) or ``"frac"`` (float or decimal: what ``%f`` takes;
      it defaults to float, the others to int);
    * ``elem`` -- a *flexible sequence* ``#seq<elem>`` (F#'s flexible type): any collection
      whose elements have type ``elem``: a list, array, set, seq, string (of ``char``) or map
      (of key-value tuples).  Library parameters of type ``seq<'a>`` are flexible, so
      ``Seq.length "abc"`` and ``List.map Seq.length [[1]; [2]]`` check, while a ``string``
      and a ``seq<char>`` stay different types everywhere else (the branches of an ``if``).
    """

    __slots__ = ("elem", "id", "level", "numeric", "ref")

    def __init__(self, level: int) -> None:
        self.id = next(_ids)
        self.level = level
        self.ref: Type | None = None
        self.numeric: str | None = None
        self.elem: Type | None = None


class TCon(Type):
    """A named type: ``int``, ``'a list``, a declared union or record (``decl`` set)."""

    __slots__ = ("args", "decl", "name")

    def __init__(self, name: str, args: tuple[Type, ...] = (), decl: Any = None) -> None:
        self.name = name
        self.args = args
        self.decl = decl


class TFun(Type):
    __slots__ = ("arg", "res")

    def __init__(self, arg: Type, res: Type) -> None:
        self.arg = arg
        self.res = res


class TTuple(Type):
    __slots__ = ("items",)

    def __init__(self, items: tuple[Type, ...]) -> None:
        self.items = items


class TRec(Type):
    """A structural (anonymous or undeclared) record type: field name -> type."""

    __slots__ = ("fields",)

    def __init__(self, fields: dict[str, Type]) -> None:
        self.fields = fields


DYN = TCon("dyn")
INT = TCon("int")
FLOAT = TCon("float")
DECIMAL = TCon("decimal")
BOOL = TCon("bool")
STRING = TCon("string")
CHAR = TCon("char")
UNIT = TCon("unit")
EXN = TCon("exn")

COLLECTIONS = frozenset(
    {"list", "array", "set", "seq", "resizearray", "hashset", "array2d", "stack", "queue"}
)
NUMERIC_TYPES: Final = frozenset({"int", "float", "decimal"})
"""What ``-``, ``*``, ``/`` and ``%`` take."""
ADDABLE_TYPES: Final = NUMERIC_TYPES | {"string", "char"}
"""What ``+`` takes."""
FRACTIONAL_TYPES: Final = frozenset({"float", "decimal"})
"""What ``%f`` takes."""
_ALLOWED: Final = {"add": ADDABLE_TYPES, "num": NUMERIC_TYPES, "frac": FRACTIONAL_TYPES}
_NARROWER: Final = {"frac": 0, "num": 1, "add": 2}
"""Which numeric constraint a merged type variable keeps (the narrower)."""


MAX_TYPE_SIZE: Final = 10_000
"""The most nodes (constructors, arrows, tuples, records, variables) one type term may have,
counted as a tree (a shared subterm counts every time it occurs).  Real programs stay far
below: the largest let-bound type in the upstream corpus has 16 nodes."""

MAX_TYPE_DEPTH: Final = 200
"""The deepest a let-bound type may nest (``int list list ... list``, or a function of that
many curried parameters; the upstream corpus nests 6 levels at most); code generation and
error messages walk types recursively."""

WORK_CHUNK: Final = 64
"""Walks of at least this many nodes are charged to the current run's guard."""

CHARGE_EVERY: Final = 1000
"""A long walk charges the guard every this many nodes (so it stops at the deadline even if
the size bound is raised)."""


class TypeClash(Exception):
    """Two types cannot be unified."""


class TypeTooLarge(Exception):
    """A type term grew past :data:`MAX_TYPE_SIZE` nodes (or :data:`MAX_TYPE_DEPTH` levels).

    Not a :exc:`TypeClash`: a program that describes such a type is rejected, not run
    untyped (running it untyped would not help, its values are as big as its types)."""

    def __init__(self, what: str = "") -> None:
        self.what = what or f"more than {MAX_TYPE_SIZE} nodes"
        super().__init__(f"type too large: its term has {self.what}")


def over(count: int) -> int:
    """The slow path of a walk that has visited *count* nodes, past its last mark: raise
    :exc:`TypeTooLarge` past :data:`MAX_TYPE_SIZE`, else charge the guard; returns the next
    mark.  (A walk compares its count with one mark per node, nothing more.)"""
    if count > MAX_TYPE_SIZE:
        raise TypeTooLarge()
    spend(CHARGE_EVERY)
    return count + CHARGE_EVERY - 1


def prune(t: Type) -> Type:
    """Follow bound type variables to the representative type (with path compression)."""
    if isinstance(t, TVar):
        ref = t.ref
        if ref is None:
            return t
        if not isinstance(ref, TVar) or ref.ref is None:
            return ref
        root: Type = ref
        while isinstance(root, TVar) and root.ref is not None:
            root = root.ref
        node: TVar = t
        while node.ref is not root:  # (iterative: a long chain must not recurse)
            following = node.ref
            node.ref = root
            assert isinstance(following, TVar)
            node = following
        return root
    return t


def children(t: Type) -> Iterable[Type]:
    """The direct subterms of term *t*, in order (an arrow: argument, then result).  A type
    variable has none: prune it first to see the type it stands for."""
    if isinstance(t, TCon):
        return t.args
    if isinstance(t, TFun):
        return (t.arg, t.res)
    if isinstance(t, TTuple):
        return t.items
    if isinstance(t, TRec):
        return t.fields.values()
    if isinstance(t, TVar) and t.elem is not None and t.ref is None:
        return (t.elem,)
    return ()


def walk(t: Type) -> Iterator[Type]:
    """Every node of term *t*, pruned, as a stack walk visits them (parents first, the later
    subterms of a node before the earlier ones) -- the one walk the type passes share.

    Bounded like every walk of a term: past :data:`MAX_TYPE_SIZE` nodes it raises
    :exc:`TypeTooLarge`, and a long walk charges the current run's guard as it goes (a walk
    left early charges nothing for the rest)."""
    stack = [t]
    count = 0
    mark = CHARGE_EVERY
    while stack:
        current = prune(stack.pop())
        count += 1
        if count > mark:
            mark = over(count)
        yield current
        stack.extend(children(current))
    if count >= WORK_CHUNK:
        spend(count)


def _occurs_adjusting(var: TVar, t: Type) -> bool:
    """Does *var* occur in *t*?  Lowers the levels of the variables of *t* to *var*'s on the
    way (what binding *var* to *t* needs); a failed occurs check aborts inference anyway."""
    level = var.level
    for current in walk(t):
        if isinstance(current, TVar):
            if current is var:
                return True
            current.level = min(current.level, level)
    return False


def _make_dynamic(t: Type) -> None:
    """Unifying with ``dyn``: every type variable inside *t* becomes ``dyn`` too (an element
    of a list that came from JSON is as dynamic as the list)."""
    for current in walk(t):
        if isinstance(current, TVar):
            current.ref = DYN


def measure(t: Type, max_depth: int = MAX_TYPE_DEPTH) -> int:
    """The number of nodes of term *t*; raises :exc:`TypeTooLarge` past :data:`MAX_TYPE_SIZE`
    nodes or *max_depth* levels (so it never costs more than the bound)."""
    count = size(t)
    if count > max_depth:  # (only a term of more nodes than levels can be too deep)
        _depth(t, max_depth)
    return count


def size(t: Type) -> int:
    """The number of nodes of term *t*; raises :exc:`TypeTooLarge` past :data:`MAX_TYPE_SIZE`."""
    count = 0
    for _ in walk(t):
        count += 1
    return count


def _depth(t: Type, max_depth: int) -> None:
    """Raise :exc:`TypeTooLarge` if term *t* nests deeper than *max_depth* levels."""
    stack: list[tuple[Type, int]] = [(t, 1)]
    count = 0
    mark = CHARGE_EVERY
    while stack:
        node, depth = stack.pop()
        current = prune(node)
        count += 1
        if count > mark:
            mark = over(count)
        if depth > max_depth:
            raise TypeTooLarge(f"more than {max_depth} levels of nesting")
        depth += 1
        stack.extend((child, depth) for child in children(current))
    if count >= WORK_CHUNK:
        spend(count)


Pairs = list[tuple[Type, Type]]


def _bind(var: TVar, t: Type) -> Pairs:
    """Bind *var* to *t*, checking and moving its constraints; returns the pairs of types
    that must still be unified (the element types of a flexible sequence)."""
    if t is var:
        return []
    if isinstance(t, TVar):
        return _merge(var, t)
    if _occurs_adjusting(var, t):
        raise TypeClash(f"a value would have an infinite type {show(t)}")
    if (
        var.numeric
        and isinstance(t, TCon)
        and t is not DYN
        and t.name not in _ALLOWED[var.numeric]
        and not has_operators(t)
    ):
        if var.numeric == "frac":  # (what %f and List.average take: float, or decimal)
            raise TypeClash(f"expected float, got {show(t)}")
        raise TypeClash(f"{show(t)} does not support this arithmetic operator")
    pending: Pairs = []
    if var.elem is not None:
        pending.append((var.elem, sequence_element(t)))
    var.ref = t
    return pending


def _merge(var: TVar, t: TVar) -> Pairs:
    """Bind type variable *var* to type variable *t*, which takes over its constraints."""
    pending: Pairs = []
    if var.numeric and (not t.numeric or _NARROWER[var.numeric] < _NARROWER[t.numeric]):
        t.numeric = var.numeric
    if var.elem is not None:
        if t.elem is None:
            t.elem = var.elem
        else:
            pending.append((var.elem, t.elem))
    t.level = min(t.level, var.level)
    var.ref = t
    if t.elem is not None and t.numeric:  # ``+`` on a sequence: only a string has both
        if t.numeric != "add":
            raise TypeClash("a sequence does not support this arithmetic operator")
        pending.append((t, STRING))
    return pending


def sequence_element(t: Type) -> Type:
    """The element type of *t* seen as a sequence; raise :class:`TypeClash` if it is not
    one (what a flexible sequence accepts)."""
    if isinstance(t, TCon):
        if t.name in COLLECTIONS and len(t.args) == 1:
            return t.args[0]
        if t.name == "string":
            return CHAR
        if t.name in ("map", "dictionary") and len(t.args) == 2:
            return TTuple(t.args)
    raise TypeClash(f"expected a sequence, got {show(t)}")


def unify(a: Type, b: Type, *, flexible: bool = False) -> None:
    """Make *a* and *b* equal, binding type variables; raise :class:`TypeClash` if they
    cannot be.

    ``flexible``: *a* is the type of a function's parameter and *b* its argument's, so a
    parameter of type ``seq<t>`` also takes any other collection of ``t`` (F# inserts that
    flexibility where a function is applied)."""
    if flexible:
        pa, pb = prune(a), prune(b)
        if (
            isinstance(pa, TCon)
            and pa.name == "seq"
            and len(pa.args) == 1
            and isinstance(pb, TCon)
            and pb is not DYN
            and pb.name != "seq"
        ):
            unify(pa.args[0], sequence_element(pb))
            return
    stack = [(a, b)]
    count = 0
    mark = CHARGE_EVERY
    while stack:
        x, y = stack.pop()
        x, y = prune(x), prune(y)
        if x is y:
            continue
        count += 1
        if count > mark:
            mark = over(count)
        if x is DYN or y is DYN:
            _make_dynamic(y if x is DYN else x)
            continue
        if isinstance(x, TVar):
            stack.extend(_bind(x, y))
            continue
        if isinstance(y, TVar):
            stack.extend(_bind(y, x))
            continue
        if isinstance(x, TCon) and isinstance(y, TCon):
            if x.name == y.name and len(x.args) == len(y.args):
                stack.extend(zip(x.args, y.args, strict=True))
                continue
            raise TypeClash(f"expected {show(x)}, got {show(y)}")
        if isinstance(x, TFun) and isinstance(y, TFun):
            stack.append((x.arg, y.arg))
            stack.append((x.res, y.res))
            continue
        if isinstance(x, TTuple) and isinstance(y, TTuple):
            if len(x.items) != len(y.items):
                raise TypeClash(
                    f"expected a tuple of {len(x.items)} items, got one of {len(y.items)}"
                )
            stack.extend(zip(x.items, y.items, strict=True))
            continue
        if isinstance(x, TRec) and isinstance(y, TRec):
            if set(x.fields) != set(y.fields):
                raise TypeClash(f"expected {show(x)}, got {show(y)}")
            stack.extend((x.fields[k], y.fields[k]) for k in x.fields)
            continue
        raise TypeClash(f"expected {show(x)}, got {show(y)}")
    if count >= WORK_CHUNK:
        spend(count)


SHOW_DEPTH: Final = MAX_TYPE_DEPTH
"""Levels of a type :func:`show` writes out; deeper parts are written ``...``."""


def show(t: Type, names: dict[int, str] | None = None) -> str:
    """A type as F# writes it: ``int -> string list``.  At most :data:`MAX_TYPE_SIZE` nodes
    and :data:`SHOW_DEPTH` levels are written (the rest as ``...``), so showing a huge term
    in an error message stays cheap."""
    budget = [MAX_TYPE_SIZE]
    text = _show(t, {} if names is None else names, budget, SHOW_DEPTH)
    used = MAX_TYPE_SIZE - budget[0]
    if used >= WORK_CHUNK:
        spend(used)
    return text


def _show(t: Type, names: dict[int, str], budget: list[int], depth: int) -> str:
    budget[0] -= 1
    if budget[0] < 0 or depth <= 0:
        return "..."
    depth -= 1
    t = prune(t)
    if isinstance(t, TVar) and t.elem is not None:  # a flexible sequence
        return f"seq<{_show(t.elem, names, budget, depth)}>"
    if isinstance(t, TVar) and t.numeric == "frac":  # (what it defaults to, as F# shows it)
        return "float"
    if isinstance(t, TVar):
        if t.id not in names:
            names[t.id] = (
                "'"
                + chr(ord("a") + len(names) % 26)
                + (str(len(names) // 26) if len(names) >= 26 else "")
            )
        return names[t.id]
    if isinstance(t, TCon):
        if not t.args:
            return _BRACKETED_NAMES.get(t.name, t.name)
        if t.name in ("list", "array", "option", "ref") and len(t.args) == 1:
            return _postfix(t.args[0], t.name, names, budget, depth)
        if t.name == "array2d" and len(t.args) == 1:
            inner = _show(t.args[0], names, budget, depth)
            return f"({inner})[,]" if isinstance(prune(t.args[0]), TFun | TTuple) else f"{inner}[,]"
        label = _BRACKETED_NAMES.get(t.name, t.name)
        return f"{label}<{', '.join([_show(a, names, budget, depth) for a in t.args])}>"
    if isinstance(t, TFun):
        arg = _show(t.arg, names, budget, depth)
        if isinstance(prune(t.arg), TFun):
            arg = f"({arg})"
        return f"{arg} -> {_show(t.res, names, budget, depth)}"
    if isinstance(t, TTuple):
        parts = []
        for item in t.items:
            text = _show(item, names, budget, depth)
            if isinstance(prune(item), TFun | TTuple):
                text = f"({text})"
            parts.append(text)
        return " * ".join(parts)
    if isinstance(t, TRec):
        fields = [f"{k}: {_show(v, names, budget, depth)}" for k, v in sorted(t.fields.items())]
        return "{ " + "; ".join(fields) + " }"
    return "?"  # pragma: no cover


def could_unify(actual: Type, expected: Type, depth: int = 0) -> bool:
    """Might *actual* unify with *expected* (flexibly, as an argument for a parameter)?  A
    test that binds nothing, for choosing between two forms of a library function before
    either is unified with; unsure answers (deep types, records) are yes."""
    a, b = prune(actual), prune(expected)
    if depth > 40 or a is DYN or b is DYN:
        return True
    if isinstance(b, TVar):
        if b.elem is not None:
            return _could_be_sequence(a, b.elem, depth)
        return b.numeric is None or _could_be_numeric(a, b.numeric)
    if isinstance(a, TVar):
        if a.elem is not None:
            return isinstance(b, TCon) and (b.name in COLLECTIONS or b.name in ("string", "map"))
        return a.numeric is None or _could_be_numeric(b, a.numeric)
    if isinstance(a, TCon) and isinstance(b, TCon):
        return (
            a.name == b.name
            and len(a.args) == len(b.args)
            and all(could_unify(x, y, depth + 1) for x, y in zip(a.args, b.args, strict=True))
        )
    if isinstance(a, TFun) and isinstance(b, TFun):
        return could_unify(b.arg, a.arg, depth + 1) and could_unify(a.res, b.res, depth + 1)
    if isinstance(a, TTuple) and isinstance(b, TTuple):
        return len(a.items) == len(b.items) and all(
            could_unify(x, y, depth + 1) for x, y in zip(a.items, b.items, strict=True)
        )
    return isinstance(a, TRec) or isinstance(b, TRec)


def _could_be_sequence(t: Type, elem: Type, depth: int) -> bool:
    if isinstance(t, TVar):
        return t.numeric is None and (t.elem is None or could_unify(t.elem, elem, depth + 1))
    if not isinstance(t, TCon):
        return False
    if t.name == "string":
        return could_unify(CHAR, elem, depth + 1)
    if t.name in COLLECTIONS and len(t.args) == 1:
        return could_unify(t.args[0], elem, depth + 1)
    if t.name == "map" and len(t.args) == 2:
        return could_unify(TTuple(t.args), elem, depth + 1)
    return False


def _could_be_numeric(t: Type, kind: str) -> bool:
    if isinstance(t, TVar):
        return t.elem is None
    if not isinstance(t, TCon):
        return False
    return t.name in _ALLOWED[kind] or has_operators(t)


def has_operators(t: TCon) -> bool:
    """Does *t* declare operator members (``static member (+)``), so that arithmetic may take
    it (which operators, inference checks where it resolves the operation)?"""
    return bool(getattr(t.decl, "operators", None))


_BRACKETED_NAMES: Final = {
    "map": "Map", "set": "Set", "result": "Result", "lazy": "Lazy", "async": "Async",
    "stringbuilder": "StringBuilder", "dictionary": "Dictionary", "resizearray": "ResizeArray",
    "hashset": "HashSet", "stack": "Stack", "queue": "Queue",
}  # fmt: skip
"""How F# writes the type constructors it shows with brackets (``Map<string, int>``)."""


def _postfix(arg: Type, name: str, names: dict[int, str], budget: list[int], depth: int) -> str:
    """``arg name`` as F# writes a one-argument type (``int list``, ``(int * string) option``;
    F# writes ``seq<int>`` and ``Set<int>`` with brackets)."""
    inner = _show(arg, names, budget, depth)
    if isinstance(prune(arg), TFun | TTuple):
        inner = f"({inner})"
    return f"{inner} {name}"
