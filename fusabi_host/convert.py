"""Values crossing between the host (Python) and plugin code (Fusabi).

=================================  ============================  ===========================
Python                             Fusabi                        back in Python
=================================  ============================  ===========================
``int`` (signed 64-bit)            ``int``                       ``int``
``float`` (``inf``, ``nan`` too)   ``float``                     ``float``
``str``                            ``string``                    ``str``
``bool``                           ``bool``                      ``bool``
``None``                           ``()`` (unit)                 ``None``
``list``                           list                          ``list``
``tuple`` (``()`` is unit)         tuple                         ``tuple``
``dict`` with ``str`` keys         record                        ``dict``
:class:`Variant`                   union value (Option, Result)  :class:`Variant`
a callable                         a function (curried)          :class:`PluginFunction`
=================================  ============================  ===========================

Only from Fusabi: a ``char`` becomes a one-character ``str``, an ``array`` a ``list``, a
``Map`` a ``dict`` and a ``Set`` a ``frozenset`` (keys and elements that are lists or records
become tuples, so that they are hashable).

Fusabi functions come back as Python callables that run under the plugin's limits and grant.
Anything else (sets, bytes, dicts with non-``str`` keys, ints outside 64 bits, subclasses of
the types above, arbitrary objects, values nested more than :data:`MAX_DEPTH` deep) is refused
with a :class:`ConversionError`; no Python object ever reaches plugin code, and no
plugin-internal object reaches the host.  See ``docs/values.rst`` for the full rules.
"""

from __future__ import annotations

import inspect
import threading
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any, Final

import attrs

from fusabi_host.errors import ConversionError, FusabiError
from fusabi_host.lang import (
    EXCEPTION_TAGS,
    NIL,
    Char,
    FusabiException,
    FzArray,
    FzMap,
    FzSet,
    Shape,
    Tag,
    decimals,
    failure,
    lazyseq,
    spend,
)
from fusabi_host.lang import values as V
from fusabi_host.lang.guard import DEEP_WORK, take_recursion_room
from fusabi_host.lang.mutables import (
    FzArray2D,
    FzDictionary,
    FzHashSet,
    FzQueue,
    FzResizeArray,
    FzStack,
    FzStringBuilder,
)

__all__ = ["ConversionError", "PluginFunction", "Variant", "from_fusabi", "to_fusabi"]

MAX_DEPTH: Final = 1000
"""How deeply values may nest (containers inside containers) when they cross."""


@attrs.frozen
class Variant:
    """A Fusabi union value on the Python side: the case name and its fields.

    ``Variant("Some", (42,))``, ``Variant("None")``, ``Variant("Circle", (1.5,))``.
    """

    tag: str
    fields: tuple[Any, ...] = attrs.field(default=(), converter=tuple)

    @classmethod
    def some(cls, value: Any) -> Variant:
        return cls("Some", (value,))

    @classmethod
    def none(cls) -> Variant:
        return cls("None")

    @classmethod
    def ok(cls, value: Any) -> Variant:
        return cls("Ok", (value,))

    @classmethod
    def error(cls, value: Any) -> Variant:
        return cls("Error", (value,))

    def __str__(self) -> str:
        if not self.fields:
            return self.tag
        return f"{self.tag}({', '.join(map(str, self.fields))})"


_UNRETURNABLE: Final[dict[type, str]] = {
    V.FzAsync: (
        "an async workflow cannot be returned to the host: run it in the plugin "
        "(Async.RunSynchronously) and return its result"
    ),
    V.FzLazy: (
        "a lazy value cannot be returned to the host: return its value (x.Value or "
        "Lazy.force x) instead"
    ),
}
"""Plugin values that never leave plugin code, with what to return instead."""

_BUILTIN_TAGS: Final[dict[str, Tag]] = {
    V.SOME_TAG.name: V.SOME_TAG,
    V.NONE_TAG.name: V.NONE_TAG,
    V.OK_TAG.name: V.OK_TAG,
    V.ERROR_TAG.name: V.ERROR_TAG,
    **EXCEPTION_TAGS,
}


class Converter:
    """Converts in both directions for one program: it knows the program's union cases (to
    build its union values from :class:`Variant`) and how to run its functions.

    ``apply(function, fusabi_args, shape)`` runs a plugin function value for the host and
    returns its result already converted to Python, by *shape* when the function's type is
    known (:mod:`fusabi_host.typedconvert`), else by value; the instance does both under its
    limits.
    """

    def __init__(
        self,
        tags: Mapping[str, Tag] | None = None,
        apply: Callable[[object, tuple[object, ...], Shape | None], object] | None = None,
    ) -> None:
        self.tags: dict[str, Tag] = dict(_BUILTIN_TAGS)
        if tags:
            self.tags.update(tags)
        self.apply = apply
        # per thread: how many host functions called by this program's code are running
        self._local = threading.local()

    def in_host_function(self) -> bool:
        """Is this thread inside a host function that this program's code called?"""
        return bool(getattr(self._local, "depth", 0))

    # ------------------------------------------------------------------ to Fusabi

    def to_fusabi(self, value: object) -> object:
        """*value* as a Fusabi value; raises :class:`ConversionError` if it cannot cross."""
        try:
            return self._to_fusabi(value, 0)
        except RecursionError:
            raise ConversionError("the value is nested too deeply to pass to a plugin") from None

    def _to_fusabi(self, value: object, depth: int) -> object:
        if depth > MAX_DEPTH:
            raise ConversionError(
                f"the value is nested too deeply to pass to a plugin (more than {MAX_DEPTH} "
                "levels; is it a container that contains itself?)"
            )
        t = type(value)
        if t is int:
            if not V.INT_MIN <= value <= V.INT_MAX:  # type: ignore[operator]
                raise ConversionError(f"{value} does not fit in a 64-bit Fusabi int")
            return value
        if t is float or t is str or t is bool or value is None:
            return value
        if isinstance(value, Decimal) and t is Decimal:
            if not value.is_finite() or abs(value) > decimals.MAX:
                raise ConversionError(f"{value} does not fit in a Fusabi decimal")
            return decimals.fit(value)
        if t is list:
            items = [self._to_fusabi(item, depth + 1) for item in value]  # type: ignore[attr-defined]
            return V.from_iterable(items)
        if t is tuple:
            if len(value) == 0:  # type: ignore[arg-type]
                return None
            return tuple([self._to_fusabi(item, depth + 1) for item in value])  # type: ignore[attr-defined]
        if isinstance(value, Variant):
            return self._variant(value, depth)
        if isinstance(value, Mapping):
            for key in value:
                if type(key) is not str:
                    raise ConversionError(
                        f"a dict passed to a plugin must have str keys (it becomes a record); "
                        f"this one has the {type(key).__name__} key {key!r} (pass a list of "
                        "pairs and build a Map with Map.ofList instead)"
                    )
            return {k: self._to_fusabi(v, depth + 1) for k, v in value.items()}
        if t is set or t is frozenset:
            raise ConversionError(
                f"a {t.__name__} cannot be passed to a plugin (pass a list and build a Set "
                "with Set.ofList)"
            )
        if isinstance(value, PluginFunction):
            if value._converter is self:
                return value._function
            return self.wrap_host_function(value, arity=1)
        if callable(value):
            return self.wrap_host_function(value)
        kind = t.__qualname__ if t.__module__ == "builtins" else f"{t.__module__}.{t.__qualname__}"
        raise ConversionError(
            f"a value of type {kind} cannot be passed to a plugin (use int, float, str, bool, "
            "None, list, tuple, dict with str keys, Variant or a callable)"
        )

    def _variant(self, value: Variant, depth: int) -> object:
        name = value.tag
        if type(name) is not str or not name.isidentifier():
            raise ConversionError(f"a Variant's tag must be the name of a union case, not {name!r}")
        tag = self.tags.get(name)
        fields = tuple([self._to_fusabi(f, depth + 1) for f in value.fields])
        if tag is None:
            tag = V.adhoc_tag(name, len(fields))
        elif tag.arity != len(fields):
            raise ConversionError(
                f"union case {name} has {tag.arity} field(s), the Variant has {len(fields)}"
            )
        return (tag, *fields)

    def wrap_host_function(
        self,
        func: Callable[..., Any],
        arity: int | None = None,
        *,
        arguments: Callable[[tuple[object, ...]], list[Any]] | None = None,
        result: Callable[[object], object] | None = None,
    ) -> Callable[[Any], Any]:
        """A Python callable as a curried Fusabi function of *arity* parameters (by default,
        the callable's own); its failures become a Fusabi ``Failure`` the plugin may catch,
        never a Python exception in plugin code.

        *arguments* converts the plugin's arguments for it and *result* what it returns
        (by value when not given; :mod:`fusabi_host.typedconvert` gives them for a function
        whose type is known).
        """
        if arity is None:
            arity = _arity(func)
        name = getattr(func, "__qualname__", None) or type(func).__qualname__
        local = self._local
        to_host = arguments or (lambda args: [self.from_fusabi(a) for a in args])
        to_plugin = result or self._returned_by(name)

        def invoke(args: tuple[object, ...]) -> object:
            py_args = to_host(args)
            problem: str | None = None
            local.depth = getattr(local, "depth", 0) + 1
            try:
                returned = func(*py_args)
            except (FusabiError, FusabiException, RecursionError):
                # the host's own errors, limits, and plugin exceptions raised by plugin
                # functions the host function called: they keep going
                raise
            except Exception as exc:  # the host function failed: a Fusabi exception
                # that names the function and the kind of error only: the error's text is
                # the host's (paths, addresses, secrets) and never reaches plugin code
                problem = f"host function {name} failed ({type(exc).__name__})"
            finally:
                local.depth -= 1
            if problem is not None:
                failure(problem)
            return to_plugin(returned)

        def collect(args: tuple[object, ...]) -> Callable[[Any], Any]:
            def step(x: Any) -> Any:
                given = (*args, x)
                if len(given) >= arity:
                    return invoke(given)
                return collect(given)

            return step

        if arity == 0:
            return lambda _unit: invoke(())
        return collect(())

    def _returned_by(self, name: str) -> Callable[[object], object]:
        """What host function *name* returns, converted by value for plugin code."""

        def convert(returned: object) -> object:
            try:
                return self.to_fusabi(returned)
            except ConversionError as exc:
                raise ConversionError(
                    f"host function {name} returned a value plugin code cannot receive: {exc}"
                ) from None

        return convert

    # ------------------------------------------------------------------ to Python

    def from_fusabi(self, value: object) -> Any:
        """*value* (a Fusabi value) as a Python value; raises :class:`ConversionError` for a
        value that cannot leave plugin code."""
        return self.from_fusabi_at(value, 0)

    def from_fusabi_at(self, value: object, depth: int) -> Any:
        """:meth:`from_fusabi` for a value found *depth* levels inside another."""
        try:
            return self._from_fusabi(value, depth)
        except RecursionError:
            raise ConversionError("the value is nested too deeply to return to the host") from None
        except ConversionError:
            raise
        except (TypeError, IndexError) as exc:  # a malformed value (from hostile bytecode)
            raise ConversionError(f"a malformed plugin value cannot be returned: {exc}") from None

    def _from_fusabi(self, value: object, depth: int) -> Any:
        if depth > MAX_DEPTH:
            raise ConversionError(
                f"the value is nested too deeply to return to the host (more than {MAX_DEPTH} "
                "levels)"
            )
        t = type(value)
        if t is int or t is float or t is bool or t is str or value is None or t is Decimal:
            return value
        if t is Char:
            return str(value)
        if depth == DEEP_WORK:  # (deep: let the run's recursion go as far as MAX_DEPTH)
            take_recursion_room()
        spend(1)  # a node budget: conversion runs under the call's deadline, fuel and memory
        if t is list or value is NIL:
            return [self._from_fusabi(item, depth + 1) for item in V.to_pylist(value)]
        if t is tuple:
            if value and type(value[0]) is Tag:  # type: ignore[index]
                tag = value[0]  # type: ignore[index]
                return Variant(
                    tag.name,
                    tuple([self._from_fusabi(f, depth + 1) for f in value[1:]]),  # type: ignore[index]
                )
            return tuple([self._from_fusabi(item, depth + 1) for item in value])  # type: ignore[attr-defined]
        if t is dict:
            return {k: self._from_fusabi(v, depth + 1) for k, v in value.items()}  # type: ignore[attr-defined]
        if t is FzArray:
            return [self._from_fusabi(item, depth + 1) for item in value]  # type: ignore[attr-defined]
        if t is FzMap:
            result: dict[Any, Any] = {}
            for key, item in value.items():  # type: ignore[attr-defined]
                result[hashable(self._from_fusabi(key, depth + 1))] = self._from_fusabi(
                    item, depth + 1
                )
            return result
        if t is FzSet:
            return frozenset(
                [hashable(self._from_fusabi(v, depth + 1)) for v in value.values()]  # type: ignore[attr-defined]
            )
        if t is FzStack or t is FzQueue:  # in enumeration order (a stack from its top)
            return [self._from_fusabi(item, depth + 1) for item in value.elements()]  # type: ignore[attr-defined]
        if t is FzResizeArray:
            return [self._from_fusabi(item, depth + 1) for item in list(value)]  # type: ignore[call-overload]
        if t is FzDictionary:
            return {
                hashable(self._from_fusabi(k, depth + 1)): self._from_fusabi(v, depth + 1)
                for k, v in value.pairs()  # type: ignore[attr-defined]
            }
        if t is FzHashSet:
            return frozenset(
                [hashable(self._from_fusabi(v, depth + 1)) for v in value.elements()]  # type: ignore[attr-defined]
            )
        if t is FzStringBuilder:
            return value.text()  # type: ignore[attr-defined]
        if t is FzArray2D:  # a list of rows
            grid: FzArray2D = value  # type: ignore[assignment]
            return [
                [self._from_fusabi(cell, depth + 2) for cell in grid.row(index)]
                for index in range(grid.rows)
            ]
        if t is V.FzSeq:  # a lazy sequence: enumerated now, under the call's limits
            items = lazyseq.materialise(value, "sequence", 8)
            return [self._from_fusabi(item, depth + 1) for item in items]
        if callable(value) and not isinstance(value, type):
            return PluginFunction(self, value)
        hint = _UNRETURNABLE.get(t)
        if hint is not None:
            raise ConversionError(hint)
        raise ConversionError(
            f"a plugin value of kind {V.type_name(value)} ({t.__name__}) cannot be returned "
            "to the host"
        )


class PluginFunction:
    """A Fusabi function on the Python side.

    Call it with Python arguments: they are converted and applied one by one (curried), under
    the owning instance's limits and grant, and the result is converted back.  Called with no
    arguments it gets ``()``.  Passed back to the plugin it came from, it is the original
    function again.
    """

    __slots__ = ("_converter", "_function")

    def __init__(self, converter: Converter, function: Callable[[Any], Any]) -> None:
        self._converter = converter
        self._function = function

    def __call__(self, *args: Any) -> Any:
        converter = self._converter
        fusabi_args = tuple([converter.to_fusabi(a) for a in args]) or (None,)
        apply = converter.apply
        if apply is None or converter.in_host_function():
            # no instance, or called back from a host function its own plugin code called:
            # it runs inside that call, under that call's limits
            result: object = self._function
            for arg in fusabi_args:
                result = result(arg)  # type: ignore[operator]
            return converter.from_fusabi(result)
        # the instance runs it and converts the result, both under the instance's limits
        return apply(self._function, fusabi_args, None)

    def __repr__(self) -> str:
        return "<Fusabi function>"


def hashable(value: Any) -> Any:
    """*value* as a hashable Python value: lists become tuples, records tuples of
    ``(field, value)`` pairs, recursively."""
    t = type(value)
    if t is list or t is tuple:
        return tuple([hashable(v) for v in value])
    if t is dict:
        return tuple(sorted((k, hashable(v)) for k, v in value.items()))
    if t is Variant:
        return Variant(value.tag, tuple([hashable(f) for f in value.fields]))
    return value


def _arity(func: Callable[..., Any]) -> int:
    try:
        parameters = inspect.signature(func).parameters.values()
    except (TypeError, ValueError):
        return 1
    positional = [
        p
        for p in parameters
        if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD) and p.default is p.empty
    ]
    return len(positional)


_DEFAULT = Converter()


def to_fusabi(value: object) -> object:
    """Convert a Python value for plugin code (see the module's table)."""
    return _DEFAULT.to_fusabi(value)


def from_fusabi(value: object) -> Any:
    """Convert a Fusabi value for the host (see the module's table)."""
    return _DEFAULT.from_fusabi(value)
