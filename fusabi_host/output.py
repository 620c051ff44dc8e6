"""Terminal output for the command line: tables and messages, with rich when it is
installed (the ``cli`` extra) and plain text otherwise.  The library itself never prints."""

from __future__ import annotations

import sys
from typing import Any, Protocol

import attrs

__all__ = ["Table", "error_console", "print_table"]


class Console(Protocol):
    def print(self, *objects: Any) -> None: ...


@attrs.define
class Table:
    """A titled table of text cells."""

    title: str
    columns: tuple[str, ...]
    rows: list[tuple[str, ...]] = attrs.field(factory=list)

    def add_row(self, *cells: str) -> None:
        if len(cells) != len(self.columns):
            raise ValueError(f"expected {len(self.columns)} cells, got {len(cells)}")
        self.rows.append(tuple(cells))

    def render_plain(self) -> str:
        widths = [
            max([len(c)] + [len(row[i]) for row in self.rows]) for i, c in enumerate(self.columns)
        ]

        def line(cells: tuple[str, ...]) -> str:
            return "  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True))

        out = [self.title, line(self.columns), "  ".join("-" * w for w in widths)]
        out.extend(line(row) for row in self.rows)
        return "\n".join(text.rstrip() for text in out)


class _PlainConsole:
    def __init__(self, stream: Any) -> None:
        self.stream = stream

    def print(self, *objects: Any) -> None:
        print(*objects, file=self.stream)


def _rich_available() -> bool:
    try:
        import rich  # noqa: F401, PLC0415
    except ImportError:
        return False
    return True


def error_console() -> Console:
    """Where diagnostics go: standard error."""
    if _rich_available():
        from rich.console import Console as RichConsole  # noqa: PLC0415

        return RichConsole(stderr=True, highlight=False, markup=False, soft_wrap=True)
    return _PlainConsole(sys.stderr)


def print_table(table: Table) -> None:
    """Print *table* to standard output."""
    if _rich_available() and sys.stdout.isatty():
        from rich.console import Console as RichConsole  # noqa: PLC0415
        from rich.table import Table as RichTable  # noqa: PLC0415

        rich_table = RichTable(title=table.title)
        for column in table.columns:
            rich_table.add_column(column)
        for row in table.rows:
            rich_table.add_row(*row)
        RichConsole(highlight=False).print(rich_table)
    else:
        print(table.render_plain())
