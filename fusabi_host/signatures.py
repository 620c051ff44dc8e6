"""The host boundary knows the types: export signatures, arity, and arguments checked by type.

A well-typed plugin's exports have static types (``discount : Order -> float``).  The host
calls them with Python values, so the boundary is where a wrong value would otherwise slip in:
a dict whose key is ``minLength`` for a record field ``MinLength``, a missing field, a
``str`` in a list of ints.  :func:`coerce` checks a Python argument against the parameter's
type *before* it is converted, and says exactly what is wrong and where (``argument 1:
[2].Qty``), with a "did you mean" for a field name in the wrong case.  It also applies the
Python conventions a host developer expects: an ``int`` where a ``float`` is declared, a
``tuple`` for a list, ``None`` for ``None`` of an option.

:class:`Signature` is what :meth:`fusabi_host.PluginHandle.signature` returns: the F# text of
an export's type and the types of its parameters.  Units compiled with
``type_check="warn"`` that did not type-check have no signatures: their calls are checked at
run time only.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from typing import Any, Final

from fusabi_host.convert import Variant
from fusabi_host.errors import ConversionError
from fusabi_host.lang.ir import AliasDecl, RecordDecl, TypeRef
from fusabi_host.lang.types import TCon, TFun, TRec, TTuple, TVar, Type, prune, show

__all__ = ["Signature", "coerce", "signature_of"]

MAX_DEPTH: Final = 200
"""How deeply :func:`coerce` follows nested types (deeper values are left to the converter,
which has its own bound)."""

Shape = tuple[Any, ...]
"""A type as the boundary sees it: ``("int",)``, ``("list", elem)``, ``("record", decl,
params)``, ``("tuple", items)``, ``("option", inner)`` or ``("any",)``."""

ANY: Final[Shape] = ("any",)
_PRIMITIVES: Final = frozenset({"int", "float", "bool", "string", "char", "unit"})


class Signature:
    """The static type of one export: ``text`` as F# writes it (``discount : Order ->
    float``); ``params``, the types of every argument it can take one after the other (its
    own ``arity`` parameters, then those of the function it returns: ``let adder x = fun y
    -> ...`` takes one or two); ``result``, what it gives for its own parameters."""

    def __init__(
        self, name: str, params: list[Type], result: Type, whole: Type, arity: int
    ) -> None:
        self.name = name
        self.params = params
        self.arity = arity
        self.result = result
        self.type_text = show(whole)
        self.text = f"{name} : {self.type_text}"

    @property
    def takes_unit(self) -> bool:
        """Is this a function of one ``unit`` parameter (called with no arguments)?"""
        if self.arity != 1:
            return False
        only = prune(self.params[0])  # (`let f () = ...` may leave the parameter generic)
        return (isinstance(only, TCon) and only.name == "unit") or (
            isinstance(only, TVar) and only.elem is None and not only.numeric
        )

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return f"<Signature {self.text}>"


def signature_of(name: str, t: Type | None, arity: int) -> Signature | None:
    """The signature of export *name* of type *t* (a function of *arity* parameters, or a
    value when *arity* is 0); ``None`` when the type is unknown."""
    if t is None:
        return None
    params: list[Type] = []
    current = prune(t)
    result = current
    while isinstance(current, TFun) and len(params) < MAX_DEPTH:
        params.append(current.arg)
        current = prune(current.res)
        if len(params) == arity:
            result = current
    if len(params) < arity:
        return None
    return Signature(name, params, result, t, arity)


# --------------------------------------------------------------------------- shapes


def shape_of(t: Type, depth: int = 0) -> Shape:
    """The boundary's view of inferred type *t*."""
    t = prune(t)
    if depth > MAX_DEPTH:
        return ANY
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
            return ("record", t.decl, params)
        return ANY
    if isinstance(t, TTuple):
        return ("tuple", tuple(shape_of(item, depth + 1) for item in t.items))
    if isinstance(t, TRec):
        return ANY
    return ANY


def _shape_of_ref(ref: TypeRef, params: dict[str, Shape], depth: int) -> Shape:
    """The boundary's view of a declared field type *ref* (type parameters from *params*)."""
    if depth > MAX_DEPTH:
        return ANY
    kind = ref.kind
    if kind == "var":
        return params.get(ref.name, ANY)
    if kind == "tuple":
        return ("tuple", tuple(_shape_of_ref(a, params, depth + 1) for a in ref.args))
    if kind != "con":
        return ANY
    args = [_shape_of_ref(a, params, depth + 1) for a in ref.args]
    decl = ref.decl
    if isinstance(decl, AliasDecl):
        if decl.target is None:
            return ANY
        inner = dict(zip(decl.params, args, strict=False))
        return _shape_of_ref(decl.target, inner, depth + 1)
    if isinstance(decl, RecordDecl):
        return ("record", decl, dict(zip(decl.params, args, strict=False)))
    if decl is not None:
        return ANY  # a union: its values are Variants, checked by the converter
    name = ref.name
    if name in _PRIMITIVES and not args:
        return (name,)
    if name in ("list", "array", "seq") and len(args) == 1:
        return (name, args[0])
    if name == "option" and len(args) == 1:
        return ("option", args[0])
    return ANY


# --------------------------------------------------------------------------- checking


def coerce(value: object, t: Type, where: str) -> object:
    """*value* checked against type *t* and adjusted to it (an ``int`` for a ``float``, a
    ``tuple`` for a list, ``None`` for an option's ``None``), ready for the converter; raises
    :class:`~fusabi_host.errors.ConversionError` naming *where* ("argument 1 of discount")
    and the path inside the value."""
    return _coerce(value, shape_of(t), where, "", 0)


def _fail(where: str, path: str, message: str) -> ConversionError:
    place = f"{where}{': ' + path.lstrip('.') if path else ''}"
    return ConversionError(f"{place}: {message}")


def _kind(value: object) -> str:
    return "None" if value is None else type(value).__name__


def _coerce(value: object, shape: Shape, where: str, path: str, depth: int) -> object:
    kind = shape[0]
    if kind == "any" or depth > MAX_DEPTH:
        return value
    if kind == "int":
        if type(value) is not int:
            raise _fail(where, path, f"expected an int, got {_kind(value)} {value!r:.40}")
        return value
    if kind == "float":
        if type(value) is int:
            return float(value)
        if type(value) is not float:
            raise _fail(where, path, f"expected a float, got {_kind(value)} {value!r:.40}")
        return value
    if kind == "bool":
        if type(value) is not bool:
            raise _fail(where, path, f"expected a bool, got {_kind(value)} {value!r:.40}")
        return value
    if kind == "string":
        if type(value) is not str:
            raise _fail(where, path, f"expected a str, got {_kind(value)} {value!r:.40}")
        return value
    if kind == "char":
        if type(value) is not str or len(value) != 1:
            raise _fail(where, path, f"expected a one-character str, got {value!r:.40}")
        return value
    if kind == "unit":
        if value is not None and value != ():  # (the converter takes () for unit too)
            raise _fail(where, path, f"expected None (unit), got {_kind(value)}")
        return None
    if kind in ("list", "array", "seq"):
        if not isinstance(value, list | tuple) or type(value) not in (list, tuple):
            raise _fail(where, path, f"expected a list ({kind}), got {_kind(value)}")
        elem = shape[1]
        return [
            _coerce(item, elem, where, f"{path}[{index}]", depth + 1)
            for index, item in enumerate(value)
        ]
    if kind == "option":
        if value is None:
            return Variant.none()
        if isinstance(value, Variant) and value.tag in ("Some", "None"):
            if value.tag == "Some" and len(value.fields) == 1:
                inner = _coerce(value.fields[0], shape[1], where, f"{path}.Value", depth + 1)
                return Variant.some(inner)
            return value
        raise _fail(
            where, path, f"expected an option (Variant.some(x) or None), got {_kind(value)}"
        )
    if kind == "tuple":
        items = shape[1]
        if not isinstance(value, tuple) or type(value) is not tuple or len(value) != len(items):
            raise _fail(where, path, f"expected a tuple of {len(items)} items, got {value!r:.60}")
        return tuple(
            _coerce(item, sub, where, f"{path}[{index}]", depth + 1)
            for index, (item, sub) in enumerate(zip(value, items, strict=True))
        )
    if kind == "record":
        return _record(value, shape[1], shape[2], where, path, depth)
    return value  # pragma: no cover - every shape is handled above


def _record(
    value: object,
    decl: RecordDecl,
    params: dict[str, Shape],
    where: str,
    path: str,
    depth: int,
) -> dict[str, object]:
    """A dict for record type *decl*: every field given, no other key."""
    if not isinstance(value, Mapping):
        raise _fail(where, path, f"expected a dict for the record {decl.name}, got {_kind(value)}")
    declared = [name for name, _, _ in decl.fields]
    problems: list[str] = []
    for key in value:
        if key not in declared:
            problems.append(f"unknown field {key!r}{_did_you_mean(key, declared)}")
    missing = [name for name in declared if name not in value]
    if missing:
        problems.append(
            "missing field"
            + ("s " if len(missing) > 1 else " ")
            + ", ".join(repr(m) for m in missing)
        )
    if problems:
        fields = "; ".join(declared)
        raise _fail(where, path, f"{'; '.join(problems)} (record {decl.name} has {fields})")
    result: dict[str, object] = {}
    for name, ref, _ in decl.fields:
        result[name] = _coerce(
            value[name], _shape_of_ref(ref, params, depth + 1), where, f"{path}.{name}", depth + 1
        )
    return result


def _did_you_mean(key: object, declared: list[str]) -> str:
    if type(key) is not str:
        return ""
    for name in declared:
        if name.lower() == key.lower():
            return f" (did you mean {name!r}?)"
    close = difflib.get_close_matches(key, declared, n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""
