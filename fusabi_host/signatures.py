"""The host boundary knows the types: export signatures, arity, and arguments checked by type.

A well-typed plugin's exports have static types (``discount : Order -> float``).  The host
calls them with Python values, so the boundary is where a wrong value would otherwise slip in:
a dict whose key is ``minLength`` for a record field ``MinLength``, a missing field, a
``str`` in a list of ints.  :meth:`Signature.arguments` checks Python arguments against
the parameters' types *before* they are converted, and says exactly what is wrong and where
(``argument 1: [2].Qty``), with a "did you mean" for a field name in the wrong case.  It
also applies the Python conventions a host developer expects: an ``int`` where a ``float`` is
declared, a ``tuple`` for a list, ``None`` for ``None`` of an option.

:class:`Signature` is what :meth:`fusabi_host.PluginHandle.signature` returns: the F# text of
an export's type and the types of its parameters.  Units compiled with
``type_check="warn"`` that did not type-check have no signatures: their calls are checked at
run time only.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from typing import Any

from fusabi_host.convert import Variant
from fusabi_host.errors import ArityMismatch, ConversionError
from fusabi_host.lang import (
    MAX_SHAPE_DEPTH,
    Shape,
    Type,
    curried,
    field_shapes,
    is_unit_parameter,
    shape_of,
    show_type,
)

__all__ = ["Signature", "signature_of"]


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
        self.type_text = show_type(whole)
        self.text = f"{name} : {self.type_text}"
        self.shapes = [shape_of(p) for p in params]  # (once: every call checks against them)

    @property
    def takes_unit(self) -> bool:
        """Is this a function of one ``unit`` parameter (called with no arguments)?"""
        return self.arity == 1 and is_unit_parameter(self.params[0])

    def arguments(self, args: tuple[Any, ...]) -> tuple[Any, ...]:
        """*args* for a call: as many as the function takes (no argument for a ``unit``
        parameter; more, up to what its result takes), each checked against its parameter's
        type; raises :class:`~fusabi_host.errors.ArityMismatch` or
        :class:`~fusabi_host.errors.ConversionError`."""
        if not args and self.takes_unit:
            return (None,)
        if not self.arity <= len(args) <= len(self.params):
            expected = self.arity if len(args) < self.arity else len(self.params)
            raise ArityMismatch(self.name, expected, len(args), self.text)
        return self.checked(args)

    def leading(self, args: tuple[Any, ...]) -> tuple[Any, ...]:
        """*args* for a partial application: fewer than the function takes, each checked."""
        if self.arity and len(args) >= self.arity:
            raise ArityMismatch(self.name, self.arity, len(args), self.text)
        return self.checked(args)

    def checked(self, args: tuple[Any, ...]) -> tuple[Any, ...]:
        """Each of *args* checked against its parameter's type and adjusted to it."""
        result = []
        for index, (value, shape) in enumerate(zip(args, self.shapes, strict=False)):
            try:
                result.append(_coerce(value, shape, 0))
            except _Wrong as wrong:
                raise _argument_error(self.name, index, wrong) from None
        return tuple(result)

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return f"<Signature {self.text}>"


def signature_of(name: str, t: Type | None, arity: int) -> Signature | None:
    """The signature of export *name* of type *t* (a function of *arity* parameters, or a
    value when *arity* is 0); ``None`` when the type is unknown."""
    if t is None:
        return None
    found = curried(t, arity)
    if found is None:
        return None
    params, result = found
    return Signature(name, params, result, t, arity)


# --------------------------------------------------------------------------- checking


class _Wrong(Exception):
    """An argument does not fit its type: *message*, and the *path* inside the argument
    (innermost part first), which each level of :func:`_coerce` adds to only on the way out,
    so a call whose arguments fit builds no path at all."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
        self.path: list[str] = []


def _argument_error(function: str, index: int, wrong: _Wrong) -> ConversionError:
    path = "".join(reversed(wrong.path)).lstrip(".")
    place = f"argument {index + 1} of '{function}'" + (f": {path}" if path else "")
    return ConversionError(f"{place}: {wrong.message}")


def _kind(value: object) -> str:
    return "None" if value is None else type(value).__name__


def _coerce(value: object, shape: Shape, depth: int) -> object:
    """*value* checked against *shape* and adjusted to it (an ``int`` for a ``float``, a
    ``tuple`` for a list, ``None`` for an option's ``None``), ready for the converter; raises
    :class:`_Wrong`."""
    kind = shape[0]
    if kind == "any" or depth > MAX_SHAPE_DEPTH:
        return value
    if kind == "int":
        if type(value) is not int:
            raise _Wrong(f"expected an int, got {_kind(value)} {value!r:.40}")
        return value
    if kind == "float":
        if type(value) is int:
            return float(value)
        if type(value) is not float:
            raise _Wrong(f"expected a float, got {_kind(value)} {value!r:.40}")
        return value
    if kind == "bool":
        if type(value) is not bool:
            raise _Wrong(f"expected a bool, got {_kind(value)} {value!r:.40}")
        return value
    if kind == "string":
        if type(value) is not str:
            raise _Wrong(f"expected a str, got {_kind(value)} {value!r:.40}")
        return value
    if kind == "char":
        if type(value) is not str or len(value) != 1:
            raise _Wrong(f"expected a one-character str, got {value!r:.40}")
        return value
    if kind == "unit":
        if value is not None and value != ():  # (the converter takes () for unit too)
            raise _Wrong(f"expected None (unit), got {_kind(value)}")
        return None
    if kind in ("list", "array", "seq"):
        if not isinstance(value, list | tuple) or type(value) not in (list, tuple):
            raise _Wrong(f"expected a list ({kind}), got {_kind(value)}")
        return _items(value, shape[1], depth)
    if kind == "option":
        if value is None:
            return Variant.none()
        if isinstance(value, Variant) and value.tag in ("Some", "None"):
            if value.tag == "Some" and len(value.fields) == 1:
                try:
                    return Variant.some(_coerce(value.fields[0], shape[1], depth + 1))
                except _Wrong as wrong:
                    wrong.path.append(".Value")
                    raise
            return value
        raise _Wrong(f"expected an option (Variant.some(x) or None), got {_kind(value)}")
    if kind == "tuple":
        items = shape[1]
        if not isinstance(value, tuple) or type(value) is not tuple or len(value) != len(items):
            raise _Wrong(f"expected a tuple of {len(items)} items, got {value!r:.60}")
        result = []
        for index, (item, sub) in enumerate(zip(value, items, strict=True)):
            try:
                result.append(_coerce(item, sub, depth + 1))
            except _Wrong as wrong:
                wrong.path.append(f"[{index}]")
                raise
        return tuple(result)
    if kind == "record":
        return _record(value, shape, depth)
    return value  # pragma: no cover - every shape is handled above


def _items(value: list[object] | tuple[object, ...], elem: Shape, depth: int) -> list[object]:
    """The elements of a list argument, each checked against *elem*."""
    result = []
    for index, item in enumerate(value):
        try:
            result.append(_coerce(item, elem, depth + 1))
        except _Wrong as wrong:
            wrong.path.append(f"[{index}]")
            raise
    return result


def _record(value: object, shape: Shape, depth: int) -> dict[str, object]:
    """A dict for the record type of *shape*: every field given, no other key."""
    _, decl, params, fields_seen = shape
    if not isinstance(value, Mapping):
        raise _Wrong(f"expected a dict for the record {decl.name}, got {_kind(value)}")
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
        raise _Wrong(f"{'; '.join(problems)} (record {decl.name} has {fields})")
    if not fields_seen:  # worked out at the first call (lazily: a record may contain itself),
        fields_seen[:] = field_shapes(decl, params)  # then kept; one atomic store per thread
    result: dict[str, object] = {}
    for name, field_shape in zip(declared, fields_seen, strict=True):
        try:
            result[name] = _coerce(value[name], field_shape, depth + 1)
        except _Wrong as wrong:
            wrong.path.append(f".{name}")
            raise
    return result


def _did_you_mean(key: object, declared: list[str]) -> str:
    if type(key) is not str:
        return ""
    for name in declared:
        if name.lower() == key.lower():
            return f" (did you mean {name!r}?)"
    close = difflib.get_close_matches(key, declared, n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""
