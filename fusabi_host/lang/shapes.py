"""Types as the host boundary sees them: shapes that Python arguments are checked against.

An export's inferred type (:mod:`fusabi_host.lang.types`) is a graph of type variables and
constructors; the host checks its Python arguments against a plain *shape* of it, worked out
once per export (:mod:`fusabi_host.signatures`): ``("int",)``, ``("list", elem)``,
``("record", decl, params, field shapes)`` (the field shapes filled in at first use),
``("tuple", items)``, ``("option", inner)`` or ``("any",)`` (unions, functions, type
variables: left to the converter).
"""

from __future__ import annotations

from typing import Any, Final

from fusabi_host.lang.ir import AliasDecl, RecordDecl, TypeRef
from fusabi_host.lang.types import TCon, TFun, TRec, TTuple, TVar, Type, prune

__all__ = [
    "ANY_SHAPE",
    "MAX_SHAPE_DEPTH",
    "Shape",
    "curried",
    "field_shapes",
    "is_unit_parameter",
    "shape_of",
]

Shape = tuple[Any, ...]
"""A type as the boundary sees it (see the module docstring)."""

MAX_SHAPE_DEPTH: Final = 200
"""How deeply shapes, and the checks against them, follow nested types (deeper values are left
to the converter, which has its own bound)."""

ANY_SHAPE: Final[Shape] = ("any",)
_PRIMITIVES: Final = frozenset({"int", "float", "bool", "string", "char", "unit"})


def curried(t: Type, arity: int) -> tuple[list[Type], Type] | None:
    """The parameters of function type *t*, one after the other (its *arity* own ones, then
    those of the function it returns), and its result for the first *arity*; ``None`` when
    *t* has fewer than *arity* parameters."""
    params: list[Type] = []
    current = prune(t)
    result = current
    while isinstance(current, TFun) and len(params) < MAX_SHAPE_DEPTH:
        params.append(current.arg)
        current = prune(current.res)
        if len(params) == arity:
            result = current
    if len(params) < arity:
        return None
    return params, result


def is_unit_parameter(t: Type) -> bool:
    """Is *t* the type of a ``()`` parameter (``unit``, or left generic by ``let f () =``)?"""
    only = prune(t)
    return (isinstance(only, TCon) and only.name == "unit") or (
        isinstance(only, TVar) and only.elem is None and not only.numeric
    )


def shape_of(t: Type, depth: int = 0) -> Shape:
    """The boundary's view of inferred type *t*."""
    t = prune(t)
    if depth > MAX_SHAPE_DEPTH:
        return ANY_SHAPE
    if isinstance(t, TCon):
        if t.name in _PRIMITIVES and not t.args:
            return (t.name,)
        if t.name in ("list", "array", "seq") and len(t.args) == 1:
            return (t.name, shape_of(t.args[0], depth + 1))
        if t.name == "option" and len(t.args) == 1:
            return ("option", shape_of(t.args[0], depth + 1))
        if isinstance(t.decl, RecordDecl):
            params = {
                p: shape_of(a, depth + 1) for p, a in zip(t.decl.params, t.args, strict=False)
            }
            return ("record", t.decl, params, [])
        return ANY_SHAPE
    if isinstance(t, TTuple):
        return ("tuple", tuple(shape_of(item, depth + 1) for item in t.items))
    if isinstance(t, TRec):
        return ANY_SHAPE
    return ANY_SHAPE


def field_shapes(decl: RecordDecl, params: dict[str, Shape]) -> list[Shape]:
    """The shapes of the fields of record type *decl* (its type parameters: *params*)."""
    return [_shape_of_ref(ref, params, 1) for _, ref, _ in decl.fields]


def _shape_of_ref(ref: TypeRef, params: dict[str, Shape], depth: int) -> Shape:
    """The boundary's view of a declared field type *ref* (type parameters from *params*)."""
    if depth > MAX_SHAPE_DEPTH:
        return ANY_SHAPE
    kind = ref.kind
    if kind == "var":
        return params.get(ref.name, ANY_SHAPE)
    if kind == "tuple":
        return ("tuple", tuple(_shape_of_ref(a, params, depth + 1) for a in ref.args))
    if kind != "con":
        return ANY_SHAPE
    args = [_shape_of_ref(a, params, depth + 1) for a in ref.args]
    decl = ref.decl
    if isinstance(decl, AliasDecl):
        if decl.target is None:
            return ANY_SHAPE
        inner = dict(zip(decl.params, args, strict=False))
        return _shape_of_ref(decl.target, inner, depth + 1)
    if isinstance(decl, RecordDecl):
        return ("record", decl, dict(zip(decl.params, args, strict=False)), [])
    if decl is not None:
        return ANY_SHAPE  # a union: its values are Variants, checked by the converter
    name = ref.name
    if name in _PRIMITIVES and not args:
        return (name,)
    if name in ("list", "array", "seq") and len(args) == 1:
        return (name, args[0])
    if name == "option" and len(args) == 1:
        return ("option", args[0])
    return ANY_SHAPE
