"""How standard-library functions are declared.

Each Fusabi library function is a Python function decorated with :func:`builtin`, which records
its qualified Fusabi name, its F# type signature (used by type inference) and whether it needs
the instance context (for capability checks, output and limits).

Declaring is not registering: :func:`builtin` and :func:`value` only record the declaration
under the module that makes it.  The library is built from the modules
:mod:`fusabi_host.lang.stdlib` lists, once, by :func:`fusabi_host.lang.stdlib.library`;
:data:`REGISTRY` is a read-only view of it (by qualified name) for the passes that look
functions up.

Calling convention:

* The Python function takes the Fusabi arguments positionally, all at once (n-ary); the
  compiler curries it when Fusabi code applies it partially.
* With ``context=True`` its first parameter is the :class:`~fusabi_host.lang.context.Context`
  of the running plugin instance; every effect (printing, files, clock, environment...) must go
  through ``ctx.require(capability, resource)`` or a ``ctx`` method that calls it.
* Fusabi function values it receives are curried one-argument callables: call ``f(x)``, or
  ``f(a)(b)`` for a two-argument function (:func:`call2` / :func:`call3` do this).
* It returns Fusabi values (see :mod:`fusabi_host.lang.values`) and signals errors a plugin
  may catch by raising :class:`~fusabi_host.lang.values.FusabiException` through
  :func:`fusabi_host.lang.exceptions.fail`.
"""

from __future__ import annotations

import importlib
import inspect
import sys
from collections.abc import Callable, ItemsView, Iterator, KeysView, Mapping, ValuesView
from typing import Any, Final, TypeVar

import attrs

__all__ = [
    "REGISTRY",
    "Builtin",
    "builtin",
    "call2",
    "call3",
    "declarations",
    "declaring_modules",
    "overload_form",
    "upstream_form",
    "upstream_forms",
    "value",
]

F = TypeVar("F", bound=Callable[..., Any])


@attrs.frozen
class Builtin:
    """One library function (or constant, when ``arity`` is 0 and ``is_value`` is set)."""

    name: str
    func: Callable[..., Any]
    arity: int
    signature: str
    context: bool = False
    effect: str | None = None
    is_value: bool = False
    upstream: Builtin | None = None
    """Upstream Fusabi's form of a function whose FSharp.Core signature differs (upstream's
    ``String.concat strings`` beside F#'s ``String.concat sep strings``): the type checker
    takes it where the first argument tells the two apart (:func:`upstream_form`)."""
    is_upstream: bool = False
    is_overload: bool = False
    """The second form is a .NET overload (``Math.Round(x, digits)`` beside
    ``Math.Round x``), not upstream's; it is chosen the same way (:func:`overload_form`)."""

    @property
    def module(self) -> str:
        return self.name.rpartition(".")[0]


_DECLARED: Final[dict[str, list[Builtin]]] = {}
"""Python module name -> the library entries it declares, in declaration order."""


def _declare(module: str, entry: Builtin) -> None:
    _DECLARED.setdefault(module, []).append(entry)


def declarations(module: str) -> tuple[Builtin, ...]:
    """The library entries the Python module *module* declares, in order."""
    return tuple(_DECLARED.get(module, ()))


def declaring_modules() -> tuple[str, ...]:
    """Every Python module that declared library entries (to check the library lists them)."""
    return tuple(_DECLARED)


class _LibraryView(Mapping[str, Builtin]):
    """The standard library by qualified name: a read-only view of
    :func:`fusabi_host.lang.stdlib.library`, built on first use (not when a module is
    imported).  The package is found by name, not imported here, so this module, which every
    library module imports, does not import them back."""

    def _library(self) -> Mapping[str, Builtin]:
        package = importlib.import_module(__name__.rpartition(".")[0])
        library: Callable[[], Mapping[str, Builtin]] = package.library
        return library()

    def __getitem__(self, name: str) -> Builtin:
        return self._library()[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._library())

    def __len__(self) -> int:
        return len(self._library())

    def __contains__(self, name: object) -> bool:
        return name in self._library()

    # (the library's own views: the Mapping defaults would look every entry up again)
    def keys(self) -> KeysView[str]:
        return self._library().keys()

    def values(self) -> ValuesView[Builtin]:
        return self._library().values()

    def items(self) -> ItemsView[str, Builtin]:
        return self._library().items()

    def __repr__(self) -> str:
        return f"<the Fusabi standard library: {len(self)} entries>"


REGISTRY: Final[Mapping[str, Builtin]] = _LibraryView()
"""The standard library by qualified name (see :func:`fusabi_host.lang.stdlib.library`)."""


def builtin(
    name: str, signature: str, *, context: bool = False, effect: str | None = None
) -> Callable[[F], F]:
    """Declare the decorated Python function as the Fusabi function *name* with type
    *signature* (F# syntax, e.g. ``"('a -> 'b) -> 'a list -> 'b list"``).

    *effect* names the capability the function needs (documentation; the function must still
    call ``ctx.require``).  Declaring a name twice is an error when the library is built.
    """

    def declare(func: F) -> F:
        params = list(inspect.signature(func).parameters.values())
        arity = len(params) - (1 if context else 0)
        _declare(func.__module__, Builtin(name, func, arity, signature, context, effect))
        return func

    return declare


def upstream_form(name: str, signature: str, *, context: bool = False) -> Callable[[F], F]:
    """Declare the decorated Python function as upstream Fusabi's form of library function
    *name*, where upstream's signature differs from FSharp.Core's (the entry declared with
    :func:`builtin` is F#'s).  The type checker uses it for an application whose first
    argument fits upstream's first parameter and not F#'s: ``String.concat ["a"; "b"]`` is
    upstream's, ``String.concat ", " xs`` F#'s.  Where the first argument cannot tell them
    apart, F# wins."""

    def declare(func: F) -> F:
        params = list(inspect.signature(func).parameters.values())
        arity = len(params) - (1 if context else 0)
        entry = Builtin(name, func, arity, signature, context, is_upstream=True)
        _UPSTREAM_FORMS.setdefault(func.__module__, []).append(entry)
        return func

    return declare


def overload_form(name: str, signature: str) -> Callable[[F], F]:
    """Declare the decorated Python function as a second form of the .NET method *name*
    with another parameter type (``Math.Round(x, digits)`` beside ``Math.Round x``).  It is
    chosen as an upstream form is (:func:`upstream_form`): when the first argument fits its
    parameter and not the first form's."""

    def declare(func: F) -> F:
        arity = len(inspect.signature(func).parameters)
        entry = Builtin(name, func, arity, signature, is_upstream=True, is_overload=True)
        _UPSTREAM_FORMS.setdefault(func.__module__, []).append(entry)
        return func

    return declare


_UPSTREAM_FORMS: Final[dict[str, list[Builtin]]] = {}
"""Python module name -> the upstream forms it declares (see :func:`upstream_form`)."""


def upstream_forms(module: str) -> tuple[Builtin, ...]:
    """The upstream forms the Python module *module* declares."""
    return tuple(_UPSTREAM_FORMS.get(module, ()))


def value(name: str, signature: str, constant: object) -> None:
    """Declare a constant such as ``Math.PI`` or ``List.empty`` (at a module's top level:
    the entry belongs to the calling module)."""
    module = str(sys._getframe(1).f_globals["__name__"])
    _declare(module, Builtin(name, lambda: constant, 0, signature, is_value=True))


def call2(f: Callable[[Any], Any], a: Any, b: Any) -> Any:
    """Apply a curried Fusabi function to two arguments."""
    return f(a)(b)


def call3(f: Callable[[Any], Any], a: Any, b: Any, c: Any) -> Any:
    """Apply a curried Fusabi function to three arguments."""
    return f(a)(b)(c)
