"""F#'s offside rule: the stack of layout contexts the parser consults.

Layout works with a stack of *contexts*, each an offside column.  A construct whose body may
span lines (a ``let`` right-hand side, a match arm, a branch, a lambda body, the inside of
brackets) pushes the column of the body's first token.  Then, for the token that starts a
line:

* a column to the right of the context continues the current expression;
* the context's column starts the next item of the block (a new statement, list element or
  record field);
* a column to the left ends the block.

A context pushed for a body that follows its construct on the same line is *lenient*: lines
may continue it left of its column, as long as they stay right of every context around it
(F# warns, we accept).  A line that starts with an infix operator (``|>``, ``+``, ``&&`` ...)
continues the previous line, as in F#.

:class:`Layout` holds the stack and answers the parser's one question -- is this token
offside? -- in the three forms the grammar needs (:meth:`~Layout.offside`,
:meth:`~Layout.offside_operand`, :meth:`~Layout.offside_construct`).  The parser decides
where contexts begin and end (lark's ``Indenter`` plays the same part beside its parser).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Final

from fusabi_host.lang.lexer import Token, TokenKind

__all__ = ["CONTINUATION_OPS", "Layout"]

CONTINUATION_OPS: Final = frozenset(
    [
        "|>",
        "||>",
        "<|",
        ">>",
        "<<",
        "||",
        "&&",
        "::",
        "@",
        "^",
        "*",
        "/",
        "%",
        "**",
        "=",
        "<>",
        "!=",
        "==",
        "<",
        ">",
        "<=",
        ">=",
        "+",
        "-",
        "++",
        ":=",
    ]
)
"""Operators that may begin a line continuing the previous one."""


class Layout:
    """The offside contexts of one parse, and the first column of every line of its tokens.

    Each context is a column, whether it is lenient (its body began mid-line) and the
    rightmost column of the contexts around it.  The outermost context is column 1.
    """

    def __init__(self, tokens: list[Token]) -> None:
        self._tokens = tokens
        self._columns: list[int] = [1]
        self._lenient: list[bool] = [False]
        self._outer: list[int] = [0]
        self.line_start: dict[int, int] = {}
        """Line number -> the column of the line's first token."""
        for tok in tokens:
            self.line_start.setdefault(tok.line, tok.col)

    @property
    def column(self) -> int:
        """The offside column of the innermost context."""
        return self._columns[-1]

    def push(self, col: int, lenient: bool = False) -> None:
        """Open a context at column *col*."""
        self._outer.append(max(self._outer[-1], self._columns[-1]) if len(self._columns) > 1 else 0)
        self._columns.append(col)
        self._lenient.append(lenient)

    def pop(self) -> None:
        """Close the innermost context."""
        self._columns.pop()
        self._lenient.pop()
        self._outer.pop()

    @contextmanager
    def context(self, col: int, lenient: bool = False) -> Iterator[None]:
        """A context at column *col* for the duration of the ``with`` block."""
        self.push(col, lenient)
        try:
            yield
        finally:
            self.pop()

    def offside(self, tok: Token, index: int | None = None) -> bool:
        """Does *tok* end the current expression?  *index* is the position of *tok* in the
        tokens when it is the parser's next token (``None`` otherwise): then a line starting
        ``-x`` or ``+x`` (no space after the sign) is a new item, not a continuation."""
        if tok.kind is TokenKind.EOF:
            return True
        col = self._columns[-1]
        if not tok.first or tok.col > col:
            return False
        if tok.col < col and self._lenient[-1] and tok.col > self._outer[-1]:
            return False  # a continuation line of a mid-line body (F# warns, we accept)
        if tok.kind is TokenKind.OP and tok.value in CONTINUATION_OPS:
            after = (
                self._tokens[min(index + 1, len(self._tokens) - 1)] if index is not None else None
            )
            unary_like = tok.value in ("-", "+") and after is not None and not after.space_before
            if not unary_like and tok.col >= col - len(str(tok.value)) - 1:
                return False
        return True

    def offside_operand(self, tok: Token) -> bool:
        """Is *tok* offside where an operand is required?  Only a token left of the context
        column is (one at the column may start the operand)."""
        if tok.kind is TokenKind.EOF:
            return True
        return (
            tok.first
            and tok.col < self._columns[-1]
            and not (self._lenient[-1] and tok.col > self._outer[-1])
        )

    def offside_construct(self, tok: Token, start: Token) -> bool:
        """Is *tok* offside for a construct that began at *start*?  Its continuation keywords
        may sit anywhere not left of the line the construct started on."""
        return (
            tok.first
            and tok.col < min(start.col, self._columns[-1])
            and tok.col <= self.line_start.get(start.line, start.col)
        )
