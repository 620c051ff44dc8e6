"""Fusabi exceptions: the values plugin code can raise and catch with ``try ... with``.

A Fusabi exception is a union value whose tag belongs to the type ``exn``.  F#'s ``failwith``
raises ``Failure msg``; library functions raise the .NET-named exceptions F# programmers know
(``ArgumentException``, ``KeyNotFoundException``...), each carrying a message string.

Limits and capability denials are *not* Fusabi exceptions: plugin code cannot catch them.
"""

from __future__ import annotations

from typing import Final, NoReturn

from fusabi_host.lang.values import FusabiException, Tag

__all__ = ["EXCEPTION_TAGS", "exception_message", "fail", "failure"]


def _exn(name: str, index: int) -> Tag:
    return Tag(name, "exn", index, 1, ("Message",))


FAILURE: Final = _exn("Failure", 0)
EXCEPTION_TAGS: Final = {
    tag.name: tag
    for tag in [
        FAILURE,
        _exn("ArgumentException", 1),
        _exn("InvalidOperationException", 2),
        _exn("KeyNotFoundException", 3),
        _exn("IndexOutOfRangeException", 4),
        _exn("DivideByZeroException", 5),
        _exn("OverflowException", 6),
        _exn("MatchFailureException", 7),
        _exn("FormatException", 8),
        _exn("NotSupportedException", 9),
        _exn("ArgumentOutOfRangeException", 10),
        _exn("NullReferenceException", 11),
        _exn("IOException", 12),
        _exn("TimeoutException", 13),
    ]
}
"""The built-in exception cases, by name."""


def fail(kind: str, message: str) -> NoReturn:
    """Raise the built-in Fusabi exception *kind* (e.g. ``"ArgumentException"``)."""
    raise FusabiException((EXCEPTION_TAGS[kind], message))


def failure(message: str) -> NoReturn:
    """Raise ``Failure message``, as ``failwith`` does."""
    raise FusabiException((FAILURE, message))


def exception_message(value: object) -> str:
    """The message of a Fusabi exception value, as ``ex.Message`` shows it."""
    if type(value) is tuple and value and isinstance(value[0], Tag):
        tag = value[0]
        if len(value) == 2 and type(value[1]) is str:
            return value[1]
        if len(value) == 1:
            return f"Exception of type '{tag.name}' was thrown."
        from fusabi_host.lang.display import display  # noqa: PLC0415

        return display(value)
    return str(value)
