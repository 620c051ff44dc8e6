"""Values crossing the host boundary by their static type.

A well-typed export's parameters and result have types, seen here as shapes
(:mod:`fusabi_host.lang.shapes`).  Converting by them, rather than by value
(:mod:`fusabi_host.convert`), is what makes the boundary keep the types the plugin was checked
against:

* an argument is checked and converted in one pass: a ``dict`` becomes a ``Map`` for a
  ``Map`` parameter and a record for a record parameter, a ``list`` an ``array`` for an
  ``array`` parameter, a one-character ``str`` a ``char``, a ``set`` a ``Set``; a
  :class:`~fusabi_host.Variant` must be a case of the parameter's union, with its fields;
* a Python callable passed for a function parameter is called with as many arguments as the
  type gives it, and what it returns is checked against the type's result, so plugin code
  typed ``f: int -> int`` never receives a string from the host;
* a result comes back by its type: record fields in declaration order, a function as a
  :class:`TypedFunction` that checks its own arguments.

Everything a shape leaves open (a type variable, ``obj``) is converted by value, and so is a
result that does not match its shape, which well-typed code never produces: the by-value rules
are the safe ones, the shapes only add checks and precision.
"""

from __future__ import annotations

import inspect
import itertools
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any, Final

from fusabi_host.convert import Converter, PluginFunction, Variant, hashable
from fusabi_host.errors import ArityMismatch, ConversionError
from fusabi_host.lang import (
    MAX_SHAPE_DEPTH,
    NIL,
    Char,
    FzArray,
    FzMap,
    FzSet,
    Shape,
    Tag,
    decimals,
    describe,
    function_chain,
    lazyseq,
    record_fields,
    same_shape,
    spend,
    union_cases,
)
from fusabi_host.lang import values as V
from fusabi_host.lang.guard import DEEP_WORK, take_recursion_room

__all__ = ["TypedFunction", "Wrong", "did_you_mean", "to_host", "to_plugin"]

_PRIMITIVE_TYPES: Final[dict[str, type]] = {
    "int": int,
    "float": float,
    "decimal": Decimal,
    "bool": bool,
    "string": str,
}


_EXACT_TYPES: Final[dict[str, type]] = {
    "int": int,
    "float": float,
    "bool": bool,
    "string": str,
}
"""Shapes whose values are the same object in Python and in plugin code (an int within
int64's range: see :func:`is_exactly`)."""


def exact_types(shapes: Sequence[Shape]) -> tuple[type, ...] | None:
    """The Python type each of *shapes* takes unchanged, when every one has such a type
    (``int``, ``float``, ``bool``, ``str``), else ``None``: arguments of exactly those types
    (:func:`is_exactly`) need no conversion."""
    found = tuple(_EXACT_TYPES.get(shape[0]) for shape in shapes)
    if None in found:
        return None
    return found  # type: ignore[return-value]


def arguments_fit(types: tuple[type, ...]) -> Callable[[tuple[Any, ...]], bool]:
    """A test that an argument tuple of ``len(types)`` values passes into plugin code as it
    is: :func:`is_exactly` of each against its type, written out for one and two arguments
    (the common exports), where a ``map`` over :func:`is_exactly` would cost a call each."""
    low, high = V.INT_MIN, V.INT_MAX
    if len(types) == 1:
        (only,) = types
        if only is int:
            return lambda args: type(args[0]) is int and low <= args[0] <= high
        return lambda args: type(args[0]) is only
    if len(types) == 2 and int not in types:
        first, second = types
        return lambda args: type(args[0]) is first and type(args[1]) is second
    return lambda args: all(map(is_exactly, args, types))


def is_exactly(value: object, expected: type) -> bool:
    """Is *value* of type *expected* exactly, and an int within int64's range when an int
    (so that it passes into plugin code as it is)?"""
    if type(value) is not expected:
        return False
    return expected is not int or V.INT_MIN <= value <= V.INT_MAX  # type: ignore[operator]


def _decimal_argument(value: object) -> Decimal:
    """A Python value for a ``decimal`` parameter: a :class:`~decimal.Decimal` or an int,
    within .NET's range (a float is refused: it would be rounded silently)."""
    if type(value) is Decimal or type(value) is int:
        number = Decimal(value)
        if not number.is_finite() or abs(number) > decimals.MAX:
            raise Wrong(f"{value} does not fit in a decimal")
        return decimals.fit(number)
    raise Wrong(f"expected a Decimal (or an int), got {_got(value)}")


class Wrong(Exception):
    """A value does not fit its type: *message*, and the *path* inside the value (innermost
    part first), which each level adds to only on the way out, so a value that fits builds no
    path at all."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
        self.path: list[str] = []

    def where(self) -> str:
        """The path inside the value, as ``[2].Qty``."""
        return "".join(reversed(self.path)).lstrip(".")


def _kind(value: object) -> str:
    return "None" if value is None else type(value).__name__


def _got(value: object) -> str:
    try:
        shown = repr(value)
    except Exception:  # a host object whose repr fails: its type says enough
        return _kind(value)
    if len(shown) > 40:
        shown = shown[:37] + "..."
    return f"{_kind(value)} {shown}"


# --------------------------------------------------------------------------- Python -> Fusabi


def to_plugin(value: object, shape: Shape, converter: Converter, depth: int = 0) -> object:
    """*value* (a Python value) checked against *shape* and converted for plugin code; raises
    :class:`Wrong`."""
    kind = shape[0]
    if kind == "any" or depth > MAX_SHAPE_DEPTH:
        try:
            return converter.to_fusabi(value)
        except ConversionError as error:
            raise Wrong(str(error)) from None
    expected = _PRIMITIVE_TYPES.get(kind)
    if expected is Decimal:
        return _decimal_argument(value)
    if expected is not None:
        t = type(value)
        if t is expected:
            if t is int and not V.INT_MIN <= value <= V.INT_MAX:  # type: ignore[operator]
                raise Wrong(f"{value} does not fit in a 64-bit Fusabi int")
            return value
        if expected is float and t is int:
            try:
                return float(value)  # type: ignore[arg-type]
            except OverflowError:
                raise Wrong(f"the int {value} is too large for a float") from None
        article = "an" if kind == "int" else "a"
        raise Wrong(f"expected {article} {'str' if kind == 'string' else kind}, got {_got(value)}")
    if kind == "char":
        if type(value) is not str or len(value) != 1:
            raise Wrong(f"expected a one-character str (char), got {_got(value)}")
        return Char(value)
    if kind == "unit":
        if value is not None and value != ():
            raise Wrong(f"expected None (unit), got {_got(value)}")
        return None
    if kind in ("list", "array", "seq", "set"):
        return _collection(value, shape, converter, depth)
    if kind == "map":
        return _map(value, shape, converter, depth)
    if kind == "option":
        return _option(value, shape, converter, depth)
    if kind == "union":
        return _union(value, shape, converter, depth)
    if kind == "tuple":
        return _tuple(value, shape[1], converter, depth)
    if kind == "record":
        return _record(value, shape, converter, depth)
    if kind == "fun":
        return _function(value, shape, converter)
    raise Wrong(f"cannot pass a value for type {describe(shape)}")  # pragma: no cover


def _items(
    values: Iterable[object], shapes: Iterable[Shape], converter: Converter, depth: int, path: str
) -> list[object]:
    """Each of *values* converted by its shape; the place of a wrong one is ``path`` with
    its index."""
    result = []
    for index, (value, shape) in enumerate(zip(values, shapes, strict=False)):
        try:
            result.append(to_plugin(value, shape, converter, depth + 1))
        except Wrong as wrong:
            wrong.path.append(f"{path}[{index}]")
            raise
    return result


def _collection(value: object, shape: Shape, converter: Converter, depth: int) -> object:
    kind, elem = shape
    accepted: tuple[type, ...] = (list, tuple, set, frozenset) if kind == "set" else (list, tuple)
    if type(value) not in accepted:
        wanted = "a set, frozenset or list" if kind == "set" else "a list"
        raise Wrong(f"expected {wanted} ({describe(shape)}), got {_got(value)}")
    items = _items(value, itertools.repeat(elem), converter, depth, "")  # type: ignore[arg-type]
    if kind == "array":
        return FzArray(items)
    if kind == "set":
        return FzSet.of(items)
    return V.from_iterable(items)


def _map(value: object, shape: Shape, converter: Converter, depth: int) -> object:
    _, key_shape, value_shape = shape
    if not isinstance(value, Mapping):
        raise Wrong(f"expected a dict ({describe(shape)}), got {_got(value)}")
    pairs = []
    for key, item in value.items():
        try:
            pairs.append(
                (
                    to_plugin(key, key_shape, converter, depth + 1),
                    to_plugin(item, value_shape, converter, depth + 1),
                )
            )
        except Wrong as wrong:
            wrong.path.append(f"[{key!r:.40}]")
            raise
    return FzMap.of_pairs(pairs)


def _option(value: object, shape: Shape, converter: Converter, depth: int) -> object:
    if value is None:
        return V.NONE
    if isinstance(value, Variant):
        if value.tag == "None" and not value.fields:
            return V.NONE
        if value.tag == "Some" and len(value.fields) == 1:
            try:
                return V.make_some(to_plugin(value.fields[0], shape[1], converter, depth + 1))
            except Wrong as wrong:
                wrong.path.append(".Value")
                raise
    raise Wrong(
        f"expected an option ({describe(shape)}): None or Variant.some(x), got {_got(value)}"
    )


def _union(value: object, shape: Shape, converter: Converter, depth: int) -> object:
    cases = union_cases(shape)
    name = describe(shape)
    if not isinstance(value, Variant):
        raise Wrong(f"expected a Variant of the union {name}, got {_got(value)}")
    found = cases.get(value.tag) if type(value.tag) is str else None
    if found is None:
        raise Wrong(
            f"{value.tag!r:.40} is not a case of {name}{did_you_mean(value.tag, list(cases))} "
            f"(its cases: {', '.join(cases)})"
        )
    tag, field_shapes = found
    if len(value.fields) != len(field_shapes):
        raise Wrong(
            f"union case {value.tag} has {len(field_shapes)} field(s), the Variant has "
            f"{len(value.fields)} (union {name})"
        )
    return (tag, *_items(value.fields, field_shapes, converter, depth, f".{value.tag}"))


def _tuple(value: object, items: tuple[Shape, ...], converter: Converter, depth: int) -> object:
    if type(value) is not tuple or len(value) != len(items):
        raise Wrong(f"expected a tuple of {len(items)} items, got {_got(value)}")
    return tuple(_items(value, items, converter, depth, ""))


def _record(value: object, shape: Shape, converter: Converter, depth: int) -> dict[str, object]:
    """A record: every field given, no other key."""
    decl = shape[1]
    if not isinstance(value, Mapping):
        raise Wrong(f"expected a dict for the record {decl.name}, got {_got(value)}")
    fields = record_fields(shape)
    declared = [name for name, _ in fields]
    problems: list[str] = []
    for key in value:
        if key not in declared:
            problems.append(f"unknown field {key!r:.40}{did_you_mean(key, declared)}")
    missing = [name for name in declared if name not in value]
    if missing:
        plural = "s " if len(missing) > 1 else " "
        problems.append("missing field" + plural + ", ".join(repr(m) for m in missing))
    if problems:
        raise Wrong(f"{'; '.join(problems)} (record {decl.name} has {'; '.join(declared)})")
    result: dict[str, object] = {}
    for name, field_shape in fields:
        try:
            result[name] = to_plugin(value[name], field_shape, converter, depth + 1)
        except Wrong as wrong:
            wrong.path.append(f".{name}")
            raise
    return result


def did_you_mean(key: object, names: list[str]) -> str:
    """`` (did you mean 'Name'?)`` for a *key* close to one of *names*, else ``""``."""
    import difflib  # noqa: PLC0415 - only on the error path

    if type(key) is not str:
        return ""
    for name in names:
        if name.lower() == key.lower():
            return f" (did you mean {name!r}?)"
    close = difflib.get_close_matches(key, names, n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _function(value: object, shape: Shape, converter: Converter) -> object:
    """A Python callable for a function parameter: called with the arguments the type gives
    it, converted by their types; what it returns is checked against the type's result."""
    if isinstance(value, TypedFunction) and value.passes_as(shape, converter):
        return value.function  # the plugin's own function, of this very type, as it was
    if not callable(value):
        raise Wrong(f"expected a function ({describe(shape)}), got {_got(value)}")
    params, results = function_chain(shape)
    takes = _positional_arity(value)
    if takes is None:
        count = len(params)
    elif takes == 0:
        if params[0][0] not in ("unit", "any"):
            raise Wrong(f"expected a function of one argument ({describe(shape)}), got one of none")
        count = 0
    elif takes > len(params):
        raise Wrong(
            f"expected a function of at most {len(params)} argument(s) ({describe(shape)}), "
            f"got one of {takes}"
        )
    else:
        count = takes
    name = getattr(value, "__qualname__", None) or type(value).__qualname__
    arg_shapes = params[:count]
    result_shape = results[max(count, 1) - 1]

    def arguments(args: tuple[object, ...]) -> list[Any]:
        return [to_host(a, s, converter) for a, s in zip(args, arg_shapes, strict=True)]

    def result(returned: object) -> object:
        try:
            return to_plugin(returned, result_shape, converter)
        except Wrong as wrong:
            where = wrong.where()
            raise ConversionError(
                f"host function {name} returned a value of the wrong type"
                + (f" at {where}" if where else "")
                + f": {wrong.message} (its type: {describe(shape)})"
            ) from None

    return converter.wrap_host_function(value, count, arguments=arguments, result=result)


def _positional_arity(func: object) -> int | None:
    """How many positional arguments *func* requires; ``None`` when it cannot be told or it
    takes any number (``*args``)."""
    try:
        parameters = inspect.signature(func).parameters.values()  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    count = 0
    for p in parameters:
        if p.kind is p.VAR_POSITIONAL:
            return None
        if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD) and p.default is p.empty:
            count += 1
    return count


# --------------------------------------------------------------------------- Fusabi -> Python


def to_host(value: object, shape: Shape | None, converter: Converter, depth: int = 0) -> Any:
    """*value* (a Fusabi value) as a Python value, by *shape*; by value where the shape
    leaves it open or does not match; raises :class:`ConversionError`."""
    if shape is None:
        return converter.from_fusabi(value)
    if type(value) is _EXACT_TYPES.get(shape[0]):  # (an int, a string...: itself)
        return value
    try:
        return _to_host(value, shape, converter, depth)
    except RecursionError:
        raise ConversionError("the value is nested too deeply to return to the host") from None
    except ConversionError:
        raise
    except (TypeError, IndexError, KeyError) as exc:  # a malformed value (hostile bytecode)
        raise ConversionError(f"a malformed plugin value cannot be returned: {exc}") from None


def _to_host(value: object, shape: Shape, converter: Converter, depth: int) -> Any:
    kind = shape[0]
    t = type(value)
    if depth > MAX_SHAPE_DEPTH:
        return converter.from_fusabi_at(value, depth)
    if depth == DEEP_WORK:  # (deep: let the run's recursion go as far as the shapes do)
        take_recursion_room()
    expected = _PRIMITIVE_TYPES.get(kind)
    if expected is not None:
        if t is expected:
            return value
    elif kind == "char":
        if t is Char:
            return str(value)
    elif kind == "unit":
        if value is None:
            return None
    elif kind in ("list", "seq") and (t is list or value is NIL):
        spend(1)
        elem = shape[1]
        return [_to_host(item, elem, converter, depth + 1) for item in V.to_pylist(value)]
    elif kind == "seq" and t is V.FzSeq:  # enumerated now, under the call's limits
        spend(1)
        elem = shape[1]
        items = lazyseq.materialise(value, "sequence", 8)
        return [_to_host(item, elem, converter, depth + 1) for item in items]
    elif kind in ("array", "seq") and t is FzArray:
        spend(1)
        elem = shape[1]
        return [_to_host(item, elem, converter, depth + 1) for item in value]  # type: ignore[attr-defined]
    elif kind == "set" and t is FzSet:
        spend(1)
        elem = shape[1]
        return frozenset(
            [hashable(_to_host(v, elem, converter, depth + 1)) for v in value.values()]  # type: ignore[attr-defined]
        )
    elif kind == "map" and t is FzMap:
        spend(1)
        _, key_shape, value_shape = shape
        return {
            hashable(_to_host(k, key_shape, converter, depth + 1)): _to_host(
                v, value_shape, converter, depth + 1
            )
            for k, v in value.items()  # type: ignore[attr-defined]
        }
    elif kind in ("option", "union") and t is tuple and value and type(value[0]) is Tag:  # type: ignore[index]
        spend(1)
        return _case(value, shape, converter, depth)  # type: ignore[arg-type]
    elif kind == "tuple" and t is tuple and len(value) == len(shape[1]):  # type: ignore[arg-type]
        if not value or type(value[0]) is not Tag:  # type: ignore[index]
            spend(1)
            return tuple(
                [
                    _to_host(item, sub, converter, depth + 1)
                    for item, sub in zip(value, shape[1], strict=True)  # type: ignore[call-overload]
                ]
            )
    elif kind == "record" and t is dict:
        fields = record_fields(shape)
        if len(fields) == len(value) and all(name in value for name, _ in fields):  # type: ignore[arg-type, operator]
            spend(1)
            return {
                name: _to_host(value[name], sub, converter, depth + 1)  # type: ignore[index]
                for name, sub in fields
            }
    elif kind == "fun" and callable(value) and not isinstance(value, type):
        return TypedFunction(converter, value, shape)
    return converter.from_fusabi_at(value, depth)


def _case(value: tuple[Any, ...], shape: Shape, converter: Converter, depth: int) -> Any:
    tag = value[0]
    if shape[0] == "option":
        field_shapes = [shape[1]] if tag is V.SOME_TAG else []
    else:
        found = union_cases(shape).get(tag.name)
        if found is None or found[0] is not tag:
            return converter.from_fusabi_at(value, depth)
        field_shapes = found[1]
    if len(field_shapes) != len(value) - 1:
        return converter.from_fusabi_at(value, depth)
    return Variant(
        tag.name,
        tuple(
            [
                _to_host(f, s, converter, depth + 1)
                for f, s in zip(value[1:], field_shapes, strict=True)
            ]
        ),
    )


class TypedFunction(PluginFunction):
    """A Fusabi function whose type is known, on the Python side: calling it checks the
    number and types of its arguments (as a call of an export does) and converts its result by
    its type.  ``f.signature`` is its type as F# writes it (``int -> int``)."""

    __slots__ = ("_shape",)

    def __init__(self, converter: Converter, function: Callable[[Any], Any], shape: Shape) -> None:
        super().__init__(converter, function)
        self._shape = shape

    @property
    def function(self) -> Callable[[Any], Any]:
        """The plugin's function value itself."""
        return self._function

    @property
    def signature(self) -> str:
        return describe(self._shape)

    def passes_as(self, shape: Shape, converter: Converter) -> bool:
        """May this function be handed back as it is, to a parameter of type *shape* of the
        program it came from?"""
        return converter is self._converter and same_shape(shape, self._shape)

    def __call__(self, *args: Any) -> Any:
        params, results = function_chain(self._shape)
        if not args:
            if params[0][0] not in ("unit", "any"):
                raise ArityMismatch("<function>", 1, 0, self.signature, label="this function")
            args = (None,)
        if len(args) > len(params):
            raise ArityMismatch(
                "<function>", len(params), len(args), self.signature, label="this function"
            )
        converter = self._converter
        converted = []
        for index, (arg, shape) in enumerate(zip(args, params, strict=False)):
            try:
                converted.append(to_plugin(arg, shape, converter))
            except Wrong as wrong:
                where = wrong.where()
                raise ConversionError(
                    f"argument {index + 1} of this function ({self.signature})"
                    + (f": {where}" if where else "")
                    + f": {wrong.message}"
                ) from None
        result_shape = results[len(converted) - 1]
        apply = converter.apply
        if apply is None or converter.in_host_function():
            # called back from a host function its own plugin code called: it runs inside
            # that call, under that call's limits
            result: object = self._function
            for arg in converted:
                result = result(arg)  # type: ignore[operator]
            return to_host(result, result_shape, converter)
        return apply(self._function, tuple(converted), result_shape)

    def __repr__(self) -> str:
        return f"<Fusabi function : {self.signature}>"
