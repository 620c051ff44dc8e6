"""How standard-library functions are declared.

Each Fusabi library function is a Python function decorated with :func:`builtin`, which records
its qualified Fusabi name, its F# type signature (used by type inference) and whether it needs
the instance context (for capability checks, output and limits).  The compiler looks functions
up in :data:`REGISTRY` by qualified name.

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

import inspect
from collections.abc import Callable
from typing import Any, Final, TypeVar

import attrs

__all__ = ["REGISTRY", "Builtin", "builtin", "call2", "call3", "value"]

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

    @property
    def module(self) -> str:
        return self.name.rpartition(".")[0]

    @property
    def short_name(self) -> str:
        return self.name.rpartition(".")[2]


REGISTRY: Final[dict[str, Builtin]] = {}


def builtin(
    name: str, signature: str, *, context: bool = False, effect: str | None = None
) -> Callable[[F], F]:
    """Register the decorated Python function as the Fusabi function *name* with type
    *signature* (F# syntax, e.g. ``"('a -> 'b) -> 'a list -> 'b list"``).

    *effect* names the capability the function needs (documentation; the function must still
    call ``ctx.require``).  Registering a name twice is an error.
    """

    def register(func: F) -> F:
        params = list(inspect.signature(func).parameters.values())
        arity = len(params) - (1 if context else 0)
        if name in REGISTRY:
            raise ValueError(f"builtin {name} is registered twice")
        REGISTRY[name] = Builtin(name, func, arity, signature, context, effect)
        return func

    return register


def value(name: str, signature: str, constant: object) -> None:
    """Register a constant such as ``Math.PI`` or ``List.empty``."""
    if name in REGISTRY:
        raise ValueError(f"builtin {name} is registered twice")
    REGISTRY[name] = Builtin(name, lambda: constant, 0, signature, is_value=True)


def call2(f: Callable[[Any], Any], a: Any, b: Any) -> Any:
    """Apply a curried Fusabi function to two arguments."""
    return f(a)(b)


def call3(f: Callable[[Any], Any], a: Any, b: Any, c: Any) -> Any:
    """Apply a curried Fusabi function to three arguments."""
    return f(a)(b)(c)
