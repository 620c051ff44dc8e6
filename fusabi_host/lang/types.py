"""Types as type inference sees them, and unification.

Hindley-Milner types with one addition, ``dyn``: the type of values whose shape depends on
data (parsed JSON, a field of a record nobody declared).  ``dyn`` unifies with everything
without constraining it, and code working on ``dyn`` values checks at run time.
"""

from __future__ import annotations

import itertools
from typing import Any

__all__ = [
    "DYN",
    "TCon",
    "TFun",
    "TRec",
    "TTuple",
    "TVar",
    "Type",
    "TypeClash",
    "prune",
    "show",
    "unify",
]

_ids = itertools.count(1)


class Type:
    __slots__ = ()


class TVar(Type):
    __slots__ = ("id", "level", "numeric", "ref")

    def __init__(self, level: int) -> None:
        self.id = next(_ids)
        self.level = level
        self.ref: Type | None = None
        self.numeric: str | None = None  # "add" (int/float/string/char) or "num" (int/float)


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
BOOL = TCon("bool")
STRING = TCon("string")
CHAR = TCon("char")
UNIT = TCon("unit")
EXN = TCon("exn")

SCALARS = frozenset({"int", "float", "bool", "string", "char", "unit"})
COLLECTIONS = frozenset({"list", "array", "set", "seq"})


class TypeClash(Exception):
    """Two types cannot be unified."""


def prune(t: Type) -> Type:
    """Follow bound type variables to the representative type (with path compression)."""
    if isinstance(t, TVar) and t.ref is not None:
        t.ref = prune(t.ref)
        return t.ref
    return t


def _occurs(var: TVar, t: Type) -> bool:
    stack = [t]
    while stack:
        current = prune(stack.pop())
        if current is var:
            return True
        if isinstance(current, TCon):
            stack.extend(current.args)
        elif isinstance(current, TFun):
            stack.extend((current.arg, current.res))
        elif isinstance(current, TTuple):
            stack.extend(current.items)
        elif isinstance(current, TRec):
            stack.extend(current.fields.values())
    return False


def _adjust_levels(t: Type, level: int) -> None:
    stack = [t]
    while stack:
        current = prune(stack.pop())
        if isinstance(current, TVar):
            current.level = min(current.level, level)
        elif isinstance(current, TCon):
            stack.extend(current.args)
        elif isinstance(current, TFun):
            stack.extend((current.arg, current.res))
        elif isinstance(current, TTuple):
            stack.extend(current.items)
        elif isinstance(current, TRec):
            stack.extend(current.fields.values())


def _make_dynamic(t: Type) -> None:
    """Unifying with ``dyn``: every type variable inside *t* becomes ``dyn`` too (an element
    of a list that came from JSON is as dynamic as the list)."""
    stack = [t]
    while stack:
        current = prune(stack.pop())
        if isinstance(current, TVar):
            current.ref = DYN
        elif isinstance(current, TCon):
            stack.extend(current.args)
        elif isinstance(current, TFun):
            stack.extend((current.arg, current.res))
        elif isinstance(current, TTuple):
            stack.extend(current.items)
        elif isinstance(current, TRec):
            stack.extend(current.fields.values())


def _bind(var: TVar, t: Type) -> None:
    if t is var:
        return
    if isinstance(t, TVar):
        if var.numeric and not t.numeric:
            t.numeric = var.numeric
        elif var.numeric == "num" and t.numeric == "add":
            t.numeric = "num"
        t.level = min(t.level, var.level)
        var.ref = t
        return
    if _occurs(var, t):
        raise TypeClash(f"a value would have an infinite type {show(t)}")
    if var.numeric and isinstance(t, TCon) and t is not DYN:
        allowed = {"int", "float"} if var.numeric == "num" else {"int", "float", "string", "char"}
        if t.name not in allowed:
            raise TypeClash(f"{show(t)} does not support this arithmetic operator")
    _adjust_levels(t, var.level)
    var.ref = t


def unify(a: Type, b: Type) -> None:
    """Make *a* and *b* equal, binding type variables; raise :class:`TypeClash` if they
    cannot be."""
    stack = [(a, b)]
    while stack:
        x, y = stack.pop()
        x, y = prune(x), prune(y)
        if x is y:
            continue
        if x is DYN or y is DYN:
            _make_dynamic(y if x is DYN else x)
            continue
        if isinstance(x, TVar):
            _bind(x, y)
            continue
        if isinstance(y, TVar):
            _bind(y, x)
            continue
        if isinstance(x, TCon) and isinstance(y, TCon):
            if x.name == y.name and len(x.args) == len(y.args):
                stack.extend(zip(x.args, y.args, strict=True))
                continue
            if (x.name == "seq" and y.name in COLLECTIONS) or (
                y.name == "seq" and x.name in COLLECTIONS
            ):
                if x.args and y.args:
                    stack.append((x.args[0], y.args[0]))
                continue
            if (x.name == "seq" and y.name == "map") or (y.name == "seq" and x.name == "map"):
                seq, mapping = (x, y) if x.name == "seq" else (y, x)
                stack.append((seq.args[0], TTuple(mapping.args)))
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


def show(t: Type, names: dict[int, str] | None = None) -> str:
    """A type as F# writes it: ``int -> string list``."""
    names = {} if names is None else names
    t = prune(t)
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
            return t.name
        if t.name in ("list", "array", "option", "seq", "set", "ref") and len(t.args) == 1:
            inner = show(t.args[0], names)
            if isinstance(prune(t.args[0]), TFun | TTuple):
                inner = f"({inner})"
            return f"{inner} {t.name}"
        label = {"map": "Map", "result": "Result"}.get(t.name, t.name)
        return f"{label}<{', '.join(show(a, names) for a in t.args)}>"
    if isinstance(t, TFun):
        arg = show(t.arg, names)
        if isinstance(prune(t.arg), TFun):
            arg = f"({arg})"
        return f"{arg} -> {show(t.res, names)}"
    if isinstance(t, TTuple):
        parts = []
        for item in t.items:
            text = show(item, names)
            if isinstance(prune(item), TFun | TTuple):
                text = f"({text})"
            parts.append(text)
        return " * ".join(parts)
    if isinstance(t, TRec):
        return (
            "{ " + "; ".join(f"{k}: {show(v, names)}" for k, v in sorted(t.fields.items())) + " }"
        )
    return "?"  # pragma: no cover
