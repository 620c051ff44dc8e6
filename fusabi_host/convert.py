"""Values crossing between the host (Python) and plugin code (Fusabi).

=====================================  ==========================================
Python                                 Fusabi
=====================================  ==========================================
``int`` (signed 64-bit)                ``int``
``float``                              ``float``
``str``                                ``string`` (a ``char`` becomes a 1-char ``str``)
``bool``                               ``bool``
``None``                               ``()`` (unit)
``list``                               list (an ``array`` comes back as a ``list``)
``tuple``                              tuple
``dict`` with ``str`` keys             record (a ``Map`` comes back as a ``dict``)
``dict`` with other keys               ``Map``
``set`` / ``frozenset``                ``Set`` (comes back as ``frozenset``)
:class:`Variant` (``tag``, ``fields``)  union value: ``Some 1`` is ``Variant("Some", (1,))``
a callable                             a function (curried by the callable's arity)
=====================================  ==========================================

Fusabi functions come back as Python callables that run under the plugin's limits and grant.
Anything else is refused with a :class:`ConversionError`; no Python object ever reaches plugin
code, and no plugin-internal object reaches the host.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping
from typing import Any, Final

import attrs

from fusabi_host.errors import FusabiError
from fusabi_host.lang import values as V
from fusabi_host.lang.exceptions import EXCEPTION_TAGS, failure
from fusabi_host.lang.values import NIL, Char, FzArray, FzMap, FzSet, Tag

__all__ = ["ConversionError", "Variant", "from_fusabi", "to_fusabi"]

MAX_DEPTH: Final = 1000


class ConversionError(FusabiError, TypeError):
    """A value cannot cross between Python and Fusabi."""


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


_BUILTIN_TAGS: Final[dict[str, Tag]] = {
    V.SOME_TAG.name: V.SOME_TAG,
    V.NONE_TAG.name: V.NONE_TAG,
    V.OK_TAG.name: V.OK_TAG,
    V.ERROR_TAG.name: V.ERROR_TAG,
    **EXCEPTION_TAGS,
}


class Converter:
    """Converts in both directions for one program: it knows the program's union cases (to
    build its union values from :class:`Variant`) and how to run its functions."""

    def __init__(
        self,
        tags: Mapping[str, Tag] | None = None,
        apply: Callable[[object, tuple[object, ...]], object] | None = None,
    ) -> None:
        self.tags: dict[str, Tag] = dict(_BUILTIN_TAGS)
        if tags:
            self.tags.update(tags)
        self.apply = apply

    # ------------------------------------------------------------------ to Fusabi

    def to_fusabi(self, value: object, depth: int = 0) -> object:
        if depth > MAX_DEPTH:
            raise ConversionError("the value is nested too deeply to pass to a plugin")
        t = type(value)
        if t is int:
            if not V.INT_MIN <= value <= V.INT_MAX:  # type: ignore[operator]
                raise ConversionError(f"{value} does not fit in a 64-bit Fusabi int")
            return value
        if t is float or t is str or t is bool or value is None:
            return value
        if t is list:
            items = [self.to_fusabi(item, depth + 1) for item in value]  # type: ignore[attr-defined]
            return V.from_iterable(items)
        if t is tuple:
            if len(value) == 0:  # type: ignore[arg-type]
                return None
            return tuple(self.to_fusabi(item, depth + 1) for item in value)  # type: ignore[attr-defined]
        if isinstance(value, Variant):
            tag = self.tags.get(value.tag)
            fields = tuple(self.to_fusabi(f, depth + 1) for f in value.fields)
            if tag is None:
                tag = V.adhoc_tag(value.tag, len(fields))
            elif tag.arity != len(fields):
                raise ConversionError(
                    f"union case {value.tag} has {tag.arity} field(s), the Variant has "
                    f"{len(fields)}"
                )
            return (tag, *fields)
        if isinstance(value, Mapping):
            if all(type(k) is str for k in value):
                return {k: self.to_fusabi(v, depth + 1) for k, v in value.items()}
            return FzMap.of_pairs(
                (self.to_fusabi(k, depth + 1), self.to_fusabi(v, depth + 1))
                for k, v in value.items()
            )
        if isinstance(value, set | frozenset):
            return FzSet.of(self.to_fusabi(v, depth + 1) for v in value)
        if callable(value):
            return self.wrap_host_function(value)
        raise ConversionError(
            f"a {type(value).__name__} cannot be passed to a plugin (use int, float, str, bool, "
            "None, list, tuple, dict, set, Variant or a function)"
        )

    def wrap_host_function(self, func: Callable[..., Any]) -> Callable[[Any], Any]:
        """A Python callable as a curried Fusabi function; its failures become a Fusabi
        ``Failure`` the plugin may catch, never a Python exception in plugin code."""
        arity = _arity(func)

        def invoke(args: tuple[object, ...]) -> object:
            try:
                result = func(*(self.from_fusabi(a) for a in args))
            except FusabiError:
                raise
            except Exception as exc:
                failure(f"host function failed: {type(exc).__name__}: {exc}")
            return self.to_fusabi(result)

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

    # ------------------------------------------------------------------ to Python

    def from_fusabi(self, value: object, depth: int = 0) -> Any:
        if depth > MAX_DEPTH:
            raise ConversionError("the value is nested too deeply to return to the host")
        t = type(value)
        if t is int or t is float or t is bool or t is str or value is None:
            return value
        if t is Char:
            return str(value)
        if t is list or value is NIL:
            return [self.from_fusabi(item, depth + 1) for item in V.to_pylist(value)]
        if t is tuple:
            if value and type(value[0]) is Tag:  # type: ignore[index]
                tag = value[0]  # type: ignore[index]
                return Variant(
                    tag.name,
                    tuple(self.from_fusabi(f, depth + 1) for f in value[1:]),  # type: ignore[index]
                )
            return tuple(self.from_fusabi(item, depth + 1) for item in value)  # type: ignore[attr-defined]
        if t is dict:
            return {k: self.from_fusabi(v, depth + 1) for k, v in value.items()}  # type: ignore[attr-defined]
        if t is FzArray:
            return [self.from_fusabi(item, depth + 1) for item in value]  # type: ignore[attr-defined]
        if t is FzMap:
            result: dict[Any, Any] = {}
            for key, item in value.items():  # type: ignore[attr-defined]
                result[_hashable(self.from_fusabi(key, depth + 1))] = self.from_fusabi(
                    item, depth + 1
                )
            return result
        if t is FzSet:
            return frozenset(
                _hashable(self.from_fusabi(v, depth + 1))
                for v in value.values()  # type: ignore[attr-defined]
            )
        if callable(value):
            return self.wrap_plugin_function(value)
        raise ConversionError(f"a plugin returned a value of unknown kind {type(value).__name__}")

    def wrap_plugin_function(self, func: Callable[[Any], Any]) -> Callable[..., Any]:
        """A Fusabi function as a Python callable: arguments are converted and applied one by
        one (curried), under the owning instance's limits."""
        apply = self.apply

        def call(*args: Any) -> Any:
            fusabi_args = tuple(self.to_fusabi(a) for a in args) or (None,)
            if apply is not None:
                result = apply(func, fusabi_args)
            else:
                result = func
                for arg in fusabi_args:
                    result = result(arg)
            return self.from_fusabi(result)

        call.__doc__ = "A Fusabi function; call it with its arguments."
        return call


def _hashable(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(_hashable(v) for v in value)
    if isinstance(value, dict):
        return tuple(sorted((k, _hashable(v)) for k, v in value.items()))
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
