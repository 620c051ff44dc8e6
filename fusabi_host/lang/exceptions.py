"""Fusabi exceptions: the values plugin code can raise and catch with ``try ... with``.

A Fusabi exception is a union value whose tag belongs to the type ``exn``.  F#'s ``failwith``
raises ``Failure msg``; library functions raise the .NET-named exceptions F# programmers know
(``ArgumentException``, ``KeyNotFoundException``...), each carrying a message string.

Limits and capability denials are *not* Fusabi exceptions: plugin code cannot catch them.
"""

from __future__ import annotations

from typing import Final, NoReturn

from fusabi_host.lang.values import FusabiException, Tag

__all__ = [
    "DEFAULT_MESSAGES",
    "EXCEPTION_CLASSES",
    "EXCEPTION_NAMESPACES",
    "EXCEPTION_TAGS",
    "exception_class_cases",
    "exception_message",
    "fail",
    "failure",
]


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
        _exn("ArgumentNullException", 14),
    ]
}
"""The built-in exception cases, by name."""

DEFAULT_MESSAGES: Final = {
    "Failure": "Exception of type 'System.Exception' was thrown.",
    "ArgumentException": "Value does not fall within the expected range.",
    "InvalidOperationException": "Operation is not valid due to the current state of the object.",
    "KeyNotFoundException": "The given key was not present in the dictionary.",
    "IndexOutOfRangeException": "Index was outside the bounds of the array.",
    "DivideByZeroException": "Attempted to divide by zero.",
    "OverflowException": "Arithmetic operation resulted in an overflow.",
    "FormatException": "One of the identified items was in an invalid format.",
    "NotSupportedException": "Specified method is not supported.",
    "ArgumentOutOfRangeException": "Specified argument was out of the range of valid values.",
    "NullReferenceException": "Object reference not set to an instance of an object.",
    "IOException": "I/O error occurred.",
    "TimeoutException": "The operation has timed out.",
    "ArgumentNullException": "Value cannot be null.",
}
"""The message .NET gives each exception built without one (``DivideByZeroException()``;
``Exception()`` is ``Failure``)."""

_BUILT_IN: Final = frozenset(EXCEPTION_TAGS) - {"Failure", "MatchFailureException"}

EXCEPTION_CLASSES: Final[dict[str, frozenset[str] | None]] = {
    **{name: frozenset({name}) for name in EXCEPTION_TAGS if name != "Failure"},
    "Exception": None,
    "SystemException": _BUILT_IN,
    "ArgumentException": frozenset(
        {"ArgumentException", "ArgumentOutOfRangeException", "ArgumentNullException"}
    ),
    "ArithmeticException": frozenset({"DivideByZeroException", "OverflowException"}),
}
"""The .NET exception classes a ``:? T`` pattern may test, by name -> the built-in cases it
catches (.NET's hierarchy: ``ArgumentException`` also catches its subclasses
``ArgumentOutOfRangeException`` and ``ArgumentNullException``).  ``None``: every exception,
user exceptions and ``Failure`` included (``System.Exception``, the root).  ``Failure`` is
F#'s name for a plain ``System.Exception``, so no class but the root catches it."""

EXCEPTION_NAMESPACES: Final = ("System", "System.Collections.Generic", "System.IO")
"""The namespaces that may qualify an exception class (``System.Collections.Generic.
KeyNotFoundException``)."""


def fail(kind: str, message: str) -> NoReturn:
    """Raise the built-in Fusabi exception *kind* (e.g. ``"ArgumentException"``)."""
    raise FusabiException((EXCEPTION_TAGS[kind], message))


def failure(message: str) -> NoReturn:
    """Raise ``Failure message``, as ``failwith`` does."""
    raise FusabiException((FAILURE, message))


def exception_class_cases(path: list[str]) -> frozenset[str] | None:
    """The built-in cases the ``:? T`` test for the .NET class *path* catches (``None``: all
    exceptions); used when lowering type-test patterns.  Raises ``KeyError`` for a name that
    is not an exception class Fusabi knows."""
    namespace, name = ".".join(path[:-1]), path[-1]
    if namespace and namespace not in EXCEPTION_NAMESPACES:
        raise KeyError(".".join(path))
    return EXCEPTION_CLASSES[name]


def _is_user_exception(tag: Tag) -> bool:
    """A tag of an ``exception E of ...`` declaration (the built-in tags are in
    :data:`EXCEPTION_TAGS`)."""
    return tag.type_name == "exn" and EXCEPTION_TAGS.get(tag.name) is not tag


def exception_message(value: object) -> str:
    """The message of a Fusabi exception value, as ``ex.Message`` shows it.

    Built-in exceptions carry their message.  For a user exception F# generates a Message
    that formats the value with ``%A`` (``MyError "x"``), unless the declaration names a
    field ``Message`` (``exception E of Message: string``), which is then the message."""
    if type(value) is tuple and value and isinstance(value[0], Tag):
        tag = value[0]
        if _is_user_exception(tag):
            if "Message" in tag.field_names:
                return str(value[1 + tag.field_names.index("Message")])
            from fusabi_host.lang.structured import structured  # noqa: PLC0415

            return structured(value)
        if len(value) == 2 and type(value[1]) is str:
            return value[1]
        from fusabi_host.lang.display import display  # noqa: PLC0415

        return display(value)
    return str(value)
