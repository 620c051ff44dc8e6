"""F#'s ``Array2D`` module and two-dimensional arrays (``'a[,]``).

``Array2D.init rows cols f``, ``create``, ``zeroCreate``, ``array2D rows``, ``get``/``set``,
``length1``/``length2``, ``iter``/``iteri``, ``map``/``mapi``, ``copy``; ``a.[i, j]`` reads and
``a.[i, j] <- v`` writes a cell (see :mod:`fusabi_host.lang.support`).  The cells of a
:class:`~fusabi_host.lang.mutables.FzArray2D` are one Python list, row after row; every array
built here is checked against the run's limits before it exists.  ``%A`` shows it as F# does
(``[[1; 2]`` then `` [3; 4]]``); enumerating one (``Seq.cast``, ``for x in a``) goes row by row.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final

from fusabi_host.lang import lazyseq
from fusabi_host.lang.exceptions import fail
from fusabi_host.lang.mutables import FzArray2D
from fusabi_host.lang.stdlib import collections_util as cu
from fusabi_host.lang.stdlib.registry import builtin, call2, call3
from fusabi_host.lang.values import FzArray, type_name

__all__ = [
    "MEMBER_TYPES",
    "METHODS",
    "PROPERTIES",
    "RECEIVER_PARAMETERS",
    "column_slice",
    "get",
    "row_slice",
    "set_",
]

Fn = Callable[[Any], Any]

_MAX_SIDE: Final = 1 << 31
"""The largest length of a dimension (.NET's)."""


def _dimensions(rows: object, cols: object) -> tuple[int, int]:
    if type(rows) is not int or type(cols) is not int:
        fail("ArgumentException", "Array2D dimensions must be ints")
    if rows < 0 or cols < 0:
        fail("ArgumentException", "The input must be non-negative. (Parameter 'length1')")
    if rows >= _MAX_SIDE or cols >= _MAX_SIDE:
        fail("OutOfMemoryException", "Array dimensions exceeded supported range.")
    cu.reserve("array", rows * cols)
    return rows, cols


def _grid(grid: object) -> FzArray2D:
    if type(grid) is not FzArray2D:
        fail("ArgumentException", f"expected a 2D array, got {type_name(grid)}")
    return grid


def _cell(grid: FzArray2D, row: object, col: object) -> int:
    if type(row) is not int or type(col) is not int:
        fail("ArgumentException", "2D array indices must be ints")
    if not (0 <= row < grid.rows and 0 <= col < grid.cols):
        fail("IndexOutOfRangeException", "Index was outside the bounds of the array.")
    return row * grid.cols + col


@builtin("Array2D.init", "int -> int -> (int -> int -> 'a) -> 'a[,]")
def init(rows: int, cols: int, initializer: Fn) -> FzArray2D:
    rows, cols = _dimensions(rows, cols)
    return FzArray2D(
        rows, cols, [call2(initializer, r, c) for r in range(rows) for c in range(cols)]
    )


@builtin("Array2D.create", "int -> int -> 'a -> 'a[,]")
def create(rows: int, cols: int, value: object) -> FzArray2D:
    rows, cols = _dimensions(rows, cols)
    return FzArray2D(rows, cols, [value] * (rows * cols))


@builtin("Array2D.zeroCreate", "int -> int -> int[,]")
def zero_create(rows: int, cols: int) -> FzArray2D:
    """``Array2D.zeroCreate rows cols``: zeros (an ``int[,]``, as ``Array.zeroCreate``)."""
    rows, cols = _dimensions(rows, cols)
    return FzArray2D(rows, cols, [0] * (rows * cols))


@builtin("array2D", "'a seq seq -> 'a[,]")
def array2d(rows: object) -> FzArray2D:
    """F#'s ``array2D [[1; 2]; [3; 4]]``: the rows must have one length."""
    lines = [lazyseq.materialise(row, "array") for row in lazyseq.materialise(rows, "array")]
    cols = len(lines[0]) if lines else 0
    if any(len(line) != cols for line in lines):
        fail("ArgumentException", "The arrays have different lengths. (Parameter 'rows')")
    _dimensions(len(lines), cols)
    return FzArray2D(len(lines), cols, [cell for line in lines for cell in line])


@builtin("Array2D.get", "'a[,] -> int -> int -> 'a")
def get(grid: FzArray2D, row: int, col: int) -> object:
    grid = _grid(grid)
    return grid.cells[_cell(grid, row, col)]


@builtin("op_Array2DRow", "int -> 'a[,] -> 'a array")
def row_slice(row: int, grid: FzArray2D) -> FzArray:
    """``g.[r, *]``: row *r* of a 2D array, as a new array."""
    grid = _grid(grid)
    _in_bounds(row, grid.rows)
    return FzArray(grid.row(row))


@builtin("op_Array2DColumn", "int -> 'a[,] -> 'a array")
def column_slice(col: int, grid: FzArray2D) -> FzArray:
    """``g.[*, c]``: column *c* of a 2D array, as a new array."""
    grid = _grid(grid)
    _in_bounds(col, grid.cols)
    return FzArray(grid.cells[col :: grid.cols])


def _in_bounds(index: object, length: int) -> None:
    if type(index) is not int:
        fail("ArgumentException", "2D array indices must be ints")
    if not 0 <= index < length:
        fail("IndexOutOfRangeException", "Index was outside the bounds of the array.")


@builtin("Array2D.set", "'a[,] -> int -> int -> 'a -> unit")
def set_(grid: FzArray2D, row: int, col: int, value: object) -> None:
    grid = _grid(grid)
    grid.cells[_cell(grid, row, col)] = value


@builtin("Array2D.length1", "'a[,] -> int")
def length1(grid: FzArray2D) -> int:
    return _grid(grid).rows


@builtin("Array2D.length2", "'a[,] -> int")
def length2(grid: FzArray2D) -> int:
    return _grid(grid).cols


@builtin("Array2D.iter", "('a -> unit) -> 'a[,] -> unit")
def iter_(action: Fn, grid: FzArray2D) -> None:
    for cell in list(_grid(grid).cells):
        action(cell)


@builtin("Array2D.iteri", "(int -> int -> 'a -> unit) -> 'a[,] -> unit")
def iteri(action: Fn, grid: FzArray2D) -> None:
    grid = _grid(grid)
    cells, cols = list(grid.cells), grid.cols
    for index, cell in enumerate(cells):
        call3(action, index // cols, index % cols, cell)


@builtin("Array2D.map", "('a -> 'b) -> 'a[,] -> 'b[,]")
def map_(mapping: Fn, grid: FzArray2D) -> FzArray2D:
    grid = _grid(grid)
    return FzArray2D(grid.rows, grid.cols, [mapping(cell) for cell in list(grid.cells)])


@builtin("Array2D.mapi", "(int -> int -> 'a -> 'b) -> 'a[,] -> 'b[,]")
def mapi(mapping: Fn, grid: FzArray2D) -> FzArray2D:
    grid = _grid(grid)
    cols = grid.cols
    cells = [call3(mapping, i // cols, i % cols, cell) for i, cell in enumerate(list(grid.cells))]
    return FzArray2D(grid.rows, grid.cols, cells)


@builtin("Array2D.copy", "'a[,] -> 'a[,]")
def copy(grid: FzArray2D) -> FzArray2D:
    grid = _grid(grid)
    cu.reserve("array", len(grid.cells))
    return FzArray2D(grid.rows, grid.cols, list(grid.cells))


def get_length(grid: FzArray2D, dimension: object) -> int:
    """``a.GetLength d``: the length of dimension 0 (rows) or 1 (columns)."""
    if dimension == 0 and type(dimension) is int:
        return grid.rows
    if dimension == 1 and type(dimension) is int:
        return grid.cols
    fail("IndexOutOfRangeException", "Index was outside the bounds of the array.")


def index_pair(index: object) -> tuple[object, object]:
    """The ``(i, j)`` of ``a.[i, j]``."""
    if type(index) is not tuple or len(index) != 2:
        fail("ArgumentException", "a 2D array is indexed by two ints: a.[i, j]")
    return index[0], index[1]


RECEIVER_PARAMETERS: Final[dict[str, tuple[str, ...]]] = {"array2d": ("a",)}

MEMBER_TYPES: Final[dict[tuple[str, str], str]] = {
    ("array2d", "GetLength"): "int -> int",
    ("array2d", "Length"): "int",
}
"""``(kind, member)`` -> its F# type."""

METHODS: Final[dict[tuple[str, str], Callable[[Any, Any], object]]] = {
    ("array2d", "GetLength"): get_length,
}

PROPERTIES: Final[dict[tuple[str, str], Callable[[Any], object]]] = {
    ("array2d", "Length"): lambda grid: len(grid.cells),
}
