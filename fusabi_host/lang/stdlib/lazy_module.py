"""F#'s lazy values: ``lazy expr``, ``Lazy.force``, ``x.Force()``, ``x.Value``,
``x.IsValueCreated``.

``lazy expr`` is parsed as ``Lazy.Create (fun () -> expr)``: a :class:`FzLazy` holding the
thunk.  The first force runs it, under the limits of the run that forces it, and remembers its
value -- or the Fusabi exception it raised, which every later force raises again, as .NET's
``Lazy<T>`` does.  A thunk that forces its own value raises ``InvalidOperationException``
instead of recursing.  Host errors (a limit hit, a capability refused) are not remembered: the
next force tries again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fusabi_host.lang.exceptions import fail
from fusabi_host.lang.stdlib.registry import builtin
from fusabi_host.lang.values import FusabiException, FzLazy, type_name

__all__ = ["force"]


@builtin("Lazy.Create", "(unit -> 'a) -> Lazy<'a>")
def create(thunk: Callable[[Any], Any]) -> FzLazy:
    """A lazy value whose first force runs *thunk* (what ``lazy expr`` builds)."""
    return FzLazy(thunk)


@builtin("Lazy.CreateFromValue", "'a -> Lazy<'a>")
def create_from_value(value: object) -> FzLazy:
    """A lazy value already forced to *value*."""
    made = FzLazy(lambda _unit: value)
    made.value, made.forced, made.thunk = value, True, None
    return made


@builtin("Lazy.force", "Lazy<'a> -> 'a")
def force(lazy: FzLazy) -> object:
    """The value of *lazy*, running its thunk the first time."""
    if type(lazy) is not FzLazy:
        fail("InvalidOperationException", f"Lazy.force expects a lazy value, got {type_name(lazy)}")
    if lazy.forced:
        if lazy.error is not None:
            raise lazy.error
        return lazy.value
    if lazy.running or lazy.thunk is None:
        fail(
            "InvalidOperationException",
            "ValueFactory attempted to access the Value property of this instance.",
        )
    lazy.running = True
    try:
        value = lazy.thunk(None)
    except FusabiException as error:  # the plugin's own exception: remembered
        lazy.error, lazy.forced, lazy.thunk = error, True, None
        raise
    finally:
        lazy.running = False
    lazy.value, lazy.forced, lazy.thunk = value, True, None
    return value


def is_value_created(lazy: FzLazy) -> bool:
    """``x.IsValueCreated``: has *lazy* been forced (with a value)?"""
    return lazy.forced and lazy.error is None
