"""Types as the host boundary sees them: shapes that values crossing it are converted by.

An export's inferred type (:mod:`fusabi_host.lang.types`) is a graph of type variables and
constructors; the host converts its Python arguments and its results by a plain *shape* of
it, worked out once per export (:mod:`fusabi_host.signatures`):

=====================================  ==================================================
``("int",)`` ``("float",)``            a primitive: also ``bool``, ``string``, ``char``,
                                       ``unit``
``("list", elem)``                     also ``array``, ``seq`` and ``set``
``("map", key, value)``                a ``Map``
``("option", inner)``                  an option (``None`` is its ``None`` on the host)
``("tuple", items)``                   a tuple
``("record", decl, params, cache,      a declared record, or union (``"union"``): its
known)``                               field or case shapes are worked out at first use
                                       (:func:`record_fields`, :func:`union_cases`), since
                                       a type may contain itself
``("fun", arg, result)``               a function
``("any",)``                           a type variable, ``obj``, ``exn``, ``ref``: left to
                                       the converter, which converts by value
=====================================  ==================================================

*known* is shared by every shape worked out for one export: a record or union without type
parameters gets one shape there, so a recursive type (``type Tree = Node of Tree list``) is
worked out once however deep its values are.
"""

from __future__ import annotations

from typing import Any, Final

from fusabi_host.lang.ir import (
    OPTION_UNION,
    RESULT_UNION,
    AliasDecl,
    RecordDecl,
    TypeRef,
    UnionDecl,
)
from fusabi_host.lang.types import TCon, TFun, TRec, TTuple, TVar, Type, prune
from fusabi_host.lang.values import Tag

__all__ = [
    "ANY_SHAPE",
    "MAX_SHAPE_DEPTH",
    "Shape",
    "curried",
    "describe",
    "function_chain",
    "is_unit_parameter",
    "record_fields",
    "same_shape",
    "shape_of",
    "union_cases",
]

Shape = tuple[Any, ...]
"""A type as the boundary sees it (see the module docstring)."""

MAX_SHAPE_DEPTH: Final = 200
"""How deeply shapes, and the conversions by them, follow nested types (deeper values are
converted by value, which has its own bound)."""

ANY_SHAPE: Final[Shape] = ("any",)
_PRIMITIVES: Final = frozenset({"int", "float", "decimal", "bool", "string", "char", "unit"})
_ONE_ARGUMENT: Final = frozenset({"list", "array", "seq", "set", "option"})
_BUILTIN_UNIONS: Final = {"option": OPTION_UNION, "result": RESULT_UNION}

_Known = dict[object, Shape]


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


def shape_of(t: Type, known: _Known | None = None) -> Shape:
    """The boundary's view of inferred type *t* (*known*: the shapes already worked out for
    the same export, see the module docstring)."""
    return _shape_of_type(t, {} if known is None else known, 0)


def _shape_of_type(t: Type, known: _Known, depth: int) -> Shape:
    t = prune(t)
    if depth > MAX_SHAPE_DEPTH:
        return ANY_SHAPE
    depth += 1
    if isinstance(t, TCon):
        name = t.name
        if name in _PRIMITIVES and not t.args:
            return (name,)
        args = [_shape_of_type(a, known, depth) for a in t.args]
        return _constructed(name, args, t.decl, known)
    if isinstance(t, TVar) and t.elem is not None:  # a flexible sequence (F#'s #seq)
        return ("seq", _shape_of_type(t.elem, known, depth))
    if isinstance(t, TTuple):
        return ("tuple", tuple([_shape_of_type(item, known, depth) for item in t.items]))
    if isinstance(t, TFun):
        return ("fun", _shape_of_type(t.arg, known, depth), _shape_of_type(t.res, known, depth))
    if isinstance(t, TRec):
        return ANY_SHAPE
    return ANY_SHAPE


def _constructed(name: str, args: list[Shape], decl: object, known: _Known) -> Shape:
    """The shape of type constructor *name* (declared by *decl*, if any) applied to *args*."""
    if name == "option" and len(args) == 1:
        return ("option", args[0])
    decl = decl if decl is not None else _BUILTIN_UNIONS.get(name)
    if isinstance(decl, RecordDecl | UnionDecl):
        kind = "record" if isinstance(decl, RecordDecl) else "union"
        if decl.params:
            return (kind, decl, dict(zip(decl.params, args, strict=False)), [], known)
        found = known.get(decl)
        if found is None:
            found = known[decl] = (kind, decl, {}, [], known)
        return found
    if decl is None:
        if name in _ONE_ARGUMENT and len(args) == 1:
            return (name, args[0])
        if name == "map" and len(args) == 2:
            return ("map", args[0], args[1])
    return ANY_SHAPE


def _shape_of_ref(ref: TypeRef, params: dict[str, Shape], known: _Known, depth: int) -> Shape:
    """The boundary's view of a declared field type *ref* (type parameters from *params*)."""
    if depth > MAX_SHAPE_DEPTH:
        return ANY_SHAPE
    depth += 1
    kind = ref.kind
    if kind == "var":
        return params.get(ref.name, ANY_SHAPE)
    if kind == "tuple":
        return ("tuple", tuple([_shape_of_ref(a, params, known, depth) for a in ref.args]))
    if kind == "fun" and len(ref.args) == 2:
        arg, result = ref.args
        return (
            "fun",
            _shape_of_ref(arg, params, known, depth),
            _shape_of_ref(result, params, known, depth),
        )
    if kind != "con":
        return ANY_SHAPE
    args = [_shape_of_ref(a, params, known, depth) for a in ref.args]
    decl = ref.decl
    if isinstance(decl, AliasDecl):
        if decl.target is None:
            return ANY_SHAPE
        inner = dict(zip(decl.params, args, strict=False))
        return _shape_of_ref(decl.target, inner, known, depth)
    name = ref.name
    if decl is None and name in _PRIMITIVES and not args:
        return (name,)
    return _constructed(name, args, decl, known)


def record_fields(shape: Shape) -> list[tuple[str, Shape]]:
    """The fields of a ``record`` shape, in declaration order, with their shapes."""
    _, decl, params, cache, known = shape
    if not cache:  # worked out at first use, then kept (one atomic store: thread-safe)
        cache[:] = [[(name, _shape_of_ref(ref, params, known, 1)) for name, ref, _ in decl.fields]]
    fields: list[tuple[str, Shape]] = cache[0]
    return fields


def union_cases(shape: Shape) -> dict[str, tuple[Tag, list[Shape]]]:
    """The cases of a ``union`` shape by name: each case's tag and the shapes of its fields."""
    _, decl, params, cache, known = shape
    if not cache:
        cases = {
            case.tag.name: (
                case.tag,
                [_shape_of_ref(ref, params, known, 1) for _, ref in case.fields],
            )
            for case in decl.cases
        }
        cache[:] = [cases]
    found: dict[str, tuple[Tag, list[Shape]]] = cache[0]
    return found


def function_chain(shape: Shape) -> tuple[list[Shape], list[Shape]]:
    """The parameters of a ``fun`` shape one after the other, and its results: ``results[k]``
    is what applying the first ``k + 1`` parameters gives."""
    params: list[Shape] = []
    results: list[Shape] = []
    current = shape
    while current[0] == "fun" and len(params) < MAX_SHAPE_DEPTH:
        params.append(current[1])
        results.append(current[2])
        current = current[2]
    return params, results


def same_shape(a: Shape, b: Shape, depth: int = 0) -> bool:
    """Do *a* and *b* describe the same type (the same declarations, not just the same
    names)?"""
    if a is b:
        return True
    if depth > MAX_SHAPE_DEPTH or a[0] != b[0]:
        return False
    kind = a[0]
    if kind in ("record", "union"):
        return a[1] is b[1] and all(
            same_shape(a[2][p], b[2][p], depth + 1) for p in a[1].params if p in a[2] and p in b[2]
        )
    if kind == "tuple":
        return len(a[1]) == len(b[1]) and all(
            same_shape(x, y, depth + 1) for x, y in zip(a[1], b[1], strict=True)
        )
    return len(a) == len(b) and all(
        same_shape(x, y, depth + 1) for x, y in zip(a[1:], b[1:], strict=True)
    )


def describe(shape: Shape, depth: int = 0) -> str:
    """*shape* as F# writes a type (``int -> string list``; a type variable is ``_``)."""
    if depth > 20:
        return "..."
    depth += 1
    kind = shape[0]
    if kind in _PRIMITIVES:
        return str(kind)
    if kind in ("list", "array", "option"):
        return f"{_operand(shape[1], depth)} {kind}"
    if kind == "seq":
        return f"seq<{describe(shape[1], depth)}>"
    if kind == "set":
        return f"Set<{describe(shape[1], depth)}>"
    if kind == "map":
        return f"Map<{describe(shape[1], depth)}, {describe(shape[2], depth)}>"
    if kind == "tuple":
        return " * ".join(_operand(item, depth) for item in shape[1])
    if kind == "fun":
        arg = describe(shape[1], depth)
        if shape[1][0] == "fun":
            arg = f"({arg})"
        return f"{arg} -> {describe(shape[2], depth)}"
    if kind in ("record", "union"):
        decl, params = shape[1], shape[2]
        name = {"option": "option", "result": "Result"}.get(decl.name, decl.name)
        if not params:
            return str(name)
        return f"{name}<{', '.join(describe(params[p], depth) for p in decl.params)}>"
    return "_"


def _operand(shape: Shape, depth: int) -> str:
    text = describe(shape, depth)
    return f"({text})" if shape[0] in ("fun", "tuple") else text
