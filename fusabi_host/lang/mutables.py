"""The mutable .NET objects F# code builds: ``StringBuilder``, ``Dictionary<'k, 'v>``,
``ResizeArray<'a>`` (``List<T>``), ``HashSet<'a>``, ``Stack<'a>``, ``Queue<'a>`` and
two-dimensional arrays (``'a[,]``).

They are values of plugin code like any other, never shared with the host (a result converts
to a Python ``str``, ``dict``, ``list`` or ``frozenset`` copy).  Keys and elements are compared
structurally, as F#'s ``HashIdentity.Structural`` does (a record key works), through
:func:`~fusabi_host.lang.values.key_of`; a ``Dictionary`` and a ``HashSet`` enumerate in
insertion order, as .NET's do while nothing is removed.  Equality is by reference, as for .NET
reference types.  Growth is charged to the run's memory limit by the library functions that
add to them (:mod:`fusabi_host.lang.stdlib.generic_collections`).
"""

from __future__ import annotations

from typing import Any, Final

from fusabi_host.lang.values import key_of

__all__ = [
    "FzArray2D",
    "FzDictionary",
    "FzHashSet",
    "FzQueue",
    "FzResizeArray",
    "FzStack",
    "FzStringBuilder",
]


class FzStringBuilder:
    """``System.Text.StringBuilder``: the text so far, as pieces joined on demand."""

    FUSABI_TYPE: Final = "StringBuilder"
    __slots__ = ("length", "pieces")

    def __init__(self, text: str = "") -> None:
        self.pieces: list[str] = [text] if text else []
        self.length = len(text)

    def text(self) -> str:
        """The content (``sb.ToString()``); joins the pieces once."""
        if len(self.pieces) > 1:
            self.pieces = ["".join(self.pieces)]
        return self.pieces[0] if self.pieces else ""

    def append(self, piece: str) -> None:
        if piece:
            self.pieces.append(piece)
            self.length += len(piece)

    def replace_all(self, text: str) -> None:
        self.pieces = [text] if text else []
        self.length = len(text)

    def __repr__(self) -> str:
        return f"FzStringBuilder({self.text()!r})"


class FzDictionary:
    """``Dictionary<'k, 'v>`` (and the read-only ``IDictionary`` of ``dict``)."""

    FUSABI_TYPE: Final = "Dictionary"
    __slots__ = ("items", "read_only")

    def __init__(self, read_only: bool = False) -> None:
        self.items: dict[object, tuple[Any, Any]] = {}  # key_of(key) -> (key, value)
        self.read_only = read_only

    def get(self, key: object) -> tuple[Any, Any] | None:
        return self.items.get(key_of(key))

    def put(self, key: object, value: object) -> None:
        self.items[key_of(key)] = (key, value)

    def pairs(self) -> list[tuple[Any, Any]]:
        """``(key, value)`` in insertion order (a copy: the loop may change the dictionary)."""
        return list(self.items.values())

    def __len__(self) -> int:
        return len(self.items)

    def __repr__(self) -> str:
        return f"FzDictionary({self.pairs()!r})"


class FzResizeArray(list[Any]):
    """``ResizeArray<'a>`` (``System.Collections.Generic.List<T>``): a growable list."""

    FUSABI_TYPE: Final = "ResizeArray"
    __slots__ = ()

    def __repr__(self) -> str:
        return f"FzResizeArray({list.__repr__(self)})"


class FzHashSet:
    """``HashSet<'a>``: distinct elements (structurally), in insertion order."""

    FUSABI_TYPE: Final = "HashSet"
    __slots__ = ("items",)

    def __init__(self) -> None:
        self.items: dict[object, Any] = {}  # key_of(element) -> element

    def add(self, element: object) -> bool:
        key = key_of(element)
        if key in self.items:
            return False
        self.items[key] = element
        return True

    def __contains__(self, element: object) -> bool:
        return key_of(element) in self.items

    def elements(self) -> list[Any]:
        return list(self.items.values())

    def __len__(self) -> int:
        return len(self.items)

    def __repr__(self) -> str:
        return f"FzHashSet({self.elements()!r})"


class FzArray2D:
    """A rectangular ``'a[,]`` (``Array2D``): *rows* x *cols* cells, row after row in
    *cells*."""

    FUSABI_TYPE: Final = "2D array"
    __slots__ = ("cells", "cols", "rows")

    def __init__(self, rows: int, cols: int, cells: list[Any]) -> None:
        self.rows = rows
        self.cols = cols
        self.cells = cells

    def row(self, index: int) -> list[Any]:
        return self.cells[index * self.cols : (index + 1) * self.cols]

    def __repr__(self) -> str:
        return f"FzArray2D({self.rows}x{self.cols})"


class FzStack(list[Any]):
    """``Stack<'a>``: the top is the end of the list; it enumerates from the top."""

    FUSABI_TYPE: Final = "Stack"
    __slots__ = ()

    def elements(self) -> list[Any]:
        return self[::-1]


class FzQueue(list[Any]):
    """``Queue<'a>``: the front is the start of the list; it enumerates from the front.
    (Dequeuing shifts the list: fine for the queue sizes of plugin code.)"""

    FUSABI_TYPE: Final = "Queue"
    __slots__ = ()

    def elements(self) -> list[Any]:
        return list(self)
