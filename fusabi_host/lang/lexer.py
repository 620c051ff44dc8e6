"""Lexer: Fusabi source text to tokens carrying their position.

Every token knows its line and column (1-based, columns counted in characters), whether it is
the first token on its line and whether whitespace precedes it; the parser's offside rule and
a few F# spacing rules (``f(x)`` binds tighter than ``f (x)``, ``f -1`` passes ``-1``) need them.

An interpolated string (``$"..."``, ``$@"..."``, ``$\"\"\"...\"\"\"``) is one token whose value
is its literal texts and :class:`Hole` parts; each hole's expression is lexed here too (its
tokens positioned in the file) for the parser to parse.  Numbers take F#'s type suffixes
(``255uy``, ``7u``, ``5L``, ``0.5f``, ``2.5m``), checked against the suffix's range.

Hostile input only ever gives a :class:`~fusabi_host.errors.CompileError`: integer literals
outside int64 are errors at their position (never Python's integer-string limit), numbers are
ASCII digits only, at most :data:`MAX_ERRORS` errors are collected, and the work is linear in
the text (comments nest by counting; interpolated strings recurse at most
:data:`MAX_HOLE_NESTING` deep) and charged to the current run's guard, so
lexing a huge file stops at the caller's deadline.
"""

from __future__ import annotations

import enum
import math
import re
import struct
from decimal import Decimal
from typing import Final

import attrs

from fusabi_host.errors import CompileError, Diagnostic
from fusabi_host.lang import decimals
from fusabi_host.lang.guard import spend
from fusabi_host.lang.identifiers import KEYWORDS

__all__ = ["KEYWORDS", "Token", "TokenKind", "tokenize"]


class TokenKind(enum.Enum):
    INT = "int"
    FLOAT = "float"
    STRING = "string"
    INTERPOLATED = "interpolated string"
    CHAR = "char"
    IDENT = "identifier"
    TYVAR = "type variable"
    KEYWORD = "keyword"
    OP = "operator"
    DIRECTIVE = "directive"
    EOF = "end of file"


# Longest first within each starting character.
OPERATORS: Final = sorted(
    [
        "||>",
        "|||",
        "|>",
        "||",
        "|]",
        "|}",
        "|",
        "->>",
        "->",
        "-",
        "<-",
        "<|",
        "<<<",
        "<<",
        "<>",
        "<=",
        "<",
        ">>>",
        ">>",
        ">=",
        ">",
        "::",
        ":=",
        ":>",
        ":?>",
        ":?",
        ":",
        ";;",
        ";",
        "...",
        "..",
        ".[",
        ".",
        "==",
        "=",
        "!=",
        "!",
        "**",
        "*",
        "/",
        "%",
        "++",
        "+",
        "@",
        "^^^",
        "^",
        "&&&",
        "&&",
        "&",
        ",",
        "(",
        ")",
        "[|",
        "[<",
        "[",
        "]",
        "{|",
        "{",
        "}",
        "_",
        "~~~",
        "~",
        "?",
        "$",
        "#",
        ">]",
    ],
    key=len,
    reverse=True,
)


def _first_of(operators: list[str]) -> re.Pattern[str]:
    """A pattern matching the first of *operators* (in their order) that the text at a
    position starts with."""
    return re.compile("|".join(map(re.escape, operators)))


_OPERATOR: Final = _first_of(OPERATORS)

OPERATOR_CHARS: Final = frozenset("!%&*+-./<=>?@^|~")
"""The characters of F#'s symbolic operators."""

_CUSTOM_OPERATOR: Final = re.compile(r"\(\s*([!%&*+\-./<=>?@^|~]{1,8})\s*\)")
"""``(op)``: where a script defines (``let (>>=) m f``) or names a symbolic operator."""


def custom_operators(text: str) -> list[str]:
    """The symbolic operators *text* names in parentheses that the language does not define
    (``let (+.) a b = ...``), longest first: the lexer takes each as one token, so a script's
    own operators lex as F# lexes them, and no other script's tokens change."""
    known = set(OPERATORS)
    found = {m.group(1) for m in _CUSTOM_OPERATOR.finditer(text)} - known
    found = {op for op in found if not op.startswith("(*") and "(*" not in op}
    return sorted(found, key=len, reverse=True)


MAX_ERRORS: Final = 25
"""Lexical errors collected before giving up on a file (as the parser does)."""

MAX_HOLE_NESTING: Final = 16
"""Interpolated strings inside holes of interpolated strings, at most (each level lexes its
holes again, and recursively)."""

INT64_MIN: Final = -(1 << 63)
INT64_MAX: Final = (1 << 63) - 1

TICKS: Final = 1024
"""Iterations of a lexing loop between two charges to the current run's guard."""

_IDENTIFIER_REST: Final = re.compile(r"[\w']*")
r"""What follows an identifier's first character: letters, digits, ``_`` and ``'`` (``\w``
is ``str.isalnum()`` or ``_``)."""
_SPACES: Final = re.compile(r"[ \t\r\f\ufeff]+")
_COMMENT_MARKS: Final = re.compile(r"\(\*|\*\)|\n")
_STRING_SPECIAL: Final = re.compile(r'["\\\n]')
_VERBATIM_SPECIAL: Final = re.compile(r'["\n]')
_DIGITS: Final = frozenset("0123456789")
_TYPED_HOLE: Final = re.compile(r"%[-+ 0]*(?:\d+)?(?:\.\d+)?[a-zA-Z]\{")
"""A printf placeholder right before a hole of an interpolated string: ``%d{n}``."""
_ALIGNMENT: Final = re.compile(r",[ \t]*-?[0-9]+[ \t]*[:}]")
"""The alignment of a hole, ``{x,-8}``, after its expression."""


_INT_SUFFIXES: Final[dict[str, tuple[str, int, int]]] = {
    "y": ("sbyte", -(1 << 7), (1 << 7) - 1),
    "uy": ("byte", 0, (1 << 8) - 1),
    "s": ("int16", -(1 << 15), (1 << 15) - 1),
    "us": ("uint16", 0, (1 << 16) - 1),
    "l": ("int32", -(1 << 31), (1 << 31) - 1),
    "u": ("uint32", 0, (1 << 32) - 1),
    "L": ("int64", INT64_MIN, INT64_MAX),
    "n": ("nativeint", INT64_MIN, INT64_MAX),
    "UL": ("uint64 (held in a 64-bit int here)", 0, INT64_MAX),
    "ul": ("uint64 (held in a 64-bit int here)", 0, INT64_MAX),
    "un": ("unativeint (held in a 64-bit int here)", 0, INT64_MAX),
}
"""F#'s integer literal suffixes: the type each names and its range (every one is an int
here: Fusabi's int is 64-bit)."""


def _continues_word(text: str, position: int) -> bool:
    """Does an identifier character follow at *position* (so a suffix is not one)?"""
    return position < len(text) and (text[position].isalnum() or text[position] == "_")


def _single(value: float) -> float:
    """*value* rounded to single precision (F#'s ``float32`` literal ``0.1f``)."""
    try:
        return float(struct.unpack("f", struct.pack("f", value))[0])
    except OverflowError:
        return math.copysign(math.inf, value)


def out_of_range(literal: str) -> str:
    """The error message for a decimal integer literal outside int64."""
    return (
        f"the integer literal {_shown_literal(literal)} is outside the range of int (a 64-bit "
        f"integer, {INT64_MIN} to {INT64_MAX}); use a float for larger numbers"
    )


def _shown_literal(literal: str) -> str:
    """A number as an error message quotes it (a long one shortened)."""
    if len(literal) <= 40:
        return literal
    return f"{literal[:12]}...{literal[-6:]} ({len(literal)} digits)"


_ESCAPES: Final = {
    "n": "\n",
    "t": "\t",
    "r": "\r",
    "b": "\b",
    "a": "\a",
    "f": "\f",
    "v": "\v",
    "0": "\0",
    "\\": "\\",
    '"': '"',
    "'": "'",
}


@attrs.frozen
class Hole:
    """One ``{...}`` of an interpolated string: its expression's tokens (positioned in the
    file, ending with an end-of-file token), the printf placeholder before it (``%d``, or
    ``""`` for an untyped hole) and its .NET alignment and format (``",8:F2"`` or ``""``)."""

    tokens: tuple[Token, ...]
    printf: str
    spec: str
    line: int
    col: int


@attrs.frozen
class Token:
    """One token: its kind, its text or literal value, and where it is."""

    kind: TokenKind
    value: object
    line: int
    col: int
    first: bool = False  # first token on its line
    space_before: bool = True  # whitespace (or line start) before it
    end_col: int = 0  # column just past the token on its last line

    def is_op(self, *ops: str) -> bool:
        return self.kind is TokenKind.OP and self.value in ops

    def is_kw(self, *words: str) -> bool:
        return self.kind is TokenKind.KEYWORD and self.value in words

    def describe(self) -> str:
        """The token as an error message shows it."""
        if self.kind is TokenKind.EOF:
            return "end of file"
        if self.kind is TokenKind.STRING:
            return f"string {self.value!r}"
        if self.kind in (TokenKind.INT, TokenKind.FLOAT):
            return f"number {self.value}"
        if self.kind is TokenKind.IDENT:
            return f"identifier '{self.value}'"
        if self.kind is TokenKind.KEYWORD:
            return f"keyword '{self.value}'"
        return f"'{self.value}'"


class _Lexer:
    def __init__(self, text: str, filename: str) -> None:
        self.text = text
        self.filename = filename
        self.pos = 0
        self.line = 1
        self.line_start = 0
        self.tokens: list[Token] = []
        self.errors: list[Diagnostic] = []
        self.last_line_with_token = 0
        self._lines: list[str] | None = None
        self._blank_from = (0, 0)  # (line start, position): text between them is blank
        self.hole_nesting = 0  # interpolated strings around the text being lexed
        custom = custom_operators(text)  # the script's own symbolic operators
        self.custom = _first_of(custom) if custom else None

    # -- helpers
    def col(self) -> int:
        return self.pos - self.line_start + 1

    def error(self, message: str, line: int | None = None, col: int | None = None) -> None:
        line = self.line if line is None else line
        col = self.col() if col is None else col
        self.errors.append(Diagnostic(self.filename, line, col, message, self.source_line(line)))
        if len(self.errors) >= MAX_ERRORS:
            raise CompileError(self.errors)

    def source_line(self, line: int) -> str:
        if self._lines is None:
            self._lines = self.text.splitlines()
        lines = self._lines
        return lines[line - 1] if 0 < line <= len(lines) else ""

    def newline(self) -> None:
        self.line += 1
        self.line_start = self.pos

    def add(self, kind: TokenKind, value: object, line: int, col: int, start: int) -> None:
        first = self.last_line_with_token != line
        space = start == 0 or self.text[start - 1] in " \t\r\n" or first
        if start > 1 and self.text[start - 2 : start] == "*)":
            space = True
        self.tokens.append(Token(kind, value, line, col, first, space, self.col()))
        self.last_line_with_token = self.line

    # -- main loop
    def run(self, end: int | None = None) -> list[Token]:
        """Tokenize up to *end* (a hole of an interpolated string), or to the end."""
        text = self.text
        n = len(text) if end is None else end
        ticks = 0
        while self.pos < n:
            ticks += 1
            if ticks >= TICKS:
                ticks = 0
                spend(TICKS)
            ch = text[self.pos]
            if ch == "\n":
                self.pos += 1
                self.newline()
            elif ch in " \t\r\f\ufeff":
                found = _SPACES.match(text, self.pos)
                self.pos = found.end() if found is not None else self.pos + 1
            elif text.startswith("//", self.pos):
                end = text.find("\n", self.pos)
                self.pos = n if end < 0 else end
            elif text.startswith("(*", self.pos) and not text.startswith("(*)", self.pos):
                self.block_comment()
            elif ch in _DIGITS:
                self.number()
            elif ch == '"' or (ch == "@" and text.startswith('@"', self.pos)):
                self.string()
            elif ch in "$@" and text.startswith(('$"', '$@"', '@$"'), self.pos):
                self.interpolated()
            elif ch == "'":
                self.quote()
            elif ch.isalpha() or ch == "_":
                self.identifier()
            elif ch == "#" and self.at_line_start():
                self.directive()
            elif ch == "`" and text.startswith("``", self.pos):
                self.backtick_identifier()
            else:
                self.operator()
        self.tokens.append(Token(TokenKind.EOF, None, self.line, self.col(), True, True))
        if self.errors:
            raise CompileError(self.errors)
        return self.tokens

    def at_line_start(self) -> bool:
        """Is there only whitespace between the start of the line and here?  (Remembered per
        line, so a line of many '#' costs linear time.)"""
        start, checked = self._blank_from
        if start != self.line_start:
            start = checked = self.line_start
        elif checked < 0:
            return False
        blank = self.text[checked : self.pos].strip() == ""
        self._blank_from = (start, self.pos if blank else -1)
        return blank

    def block_comment(self) -> None:
        start_line, start_col = self.line, self.col()
        depth = 0
        text = self.text
        ticks = 0
        while True:
            found = _COMMENT_MARKS.search(text, self.pos)
            if found is None:
                self.pos = len(text)
                break
            ticks += 1
            if ticks >= TICKS:
                ticks = 0
                spend(TICKS)
            mark = found.group()
            self.pos = found.end()
            if mark == "\n":
                self.newline()
            elif mark == "(*":
                depth += 1
            else:
                depth -= 1
                if depth == 0:
                    return
        self.error("unterminated comment: '(*' has no matching '*)'", start_line, start_col)

    def number(self) -> None:
        text, start, line, col = self.text, self.pos, self.line, self.col()
        n = len(text)
        prefix = text[start : start + 2].lower()
        if prefix in ("0x", "0o", "0b"):
            base, allowed, what = {
                "0x": (16, "0123456789abcdefABCDEF_", "hexadecimal"),
                "0o": (8, "01234567_", "octal"),
                "0b": (2, "01_", "binary"),
            }[prefix]
            end = start + 2
            while end < n and (text[end] in allowed):
                end += 1
            digits = text[start + 2 : end].replace("_", "")
            self.pos = end
            if not digits:
                self.error(f"expected {what} digits after '{text[start : start + 2]}'", line, col)
                return
            digits = digits.lstrip("0") or "0"
            if len(digits) > 64 or int(digits, base) >= 1 << 64:
                self.error(
                    f"the integer literal {_shown_literal(text[start:end])} does not fit in "
                    "64 bits (an int is a 64-bit integer)",
                    line,
                    col,
                )
                return
            value = int(digits, base)
            if value >= 1 << 63:  # 0xFFFFFFFFFFFFFFFF is -1, as in F#
                value -= 1 << 64
            self.finish_int(value, start, line, col, radix=True)
            return
        ascii_digits = _DIGITS
        end = start
        while end < n and (text[end] in ascii_digits or text[end] == "_"):
            end += 1
        is_float = False
        if end + 1 < n and text[end] == "." and text[end + 1] in ascii_digits:
            is_float = True
            end += 1
            while end < n and (text[end] in ascii_digits or text[end] == "_"):
                end += 1
        if end < n and text[end] in "eE":
            probe = end + 1
            if probe < n and text[probe] in "+-":
                probe += 1
            if probe < n and text[probe] in ascii_digits:
                is_float = True
                end = probe
                while end < n and text[end] in ascii_digits:
                    end += 1
        literal = text[start:end].replace("_", "")
        self.pos = end
        if is_float or (end < n and text[end] == "." and not text.startswith("..", end)):
            if not is_float:  # `1.` is a float in F#
                self.pos += 1
            self.finish_float(literal, line, col, start)
            return
        if text[end : end + 1] in ("m", "M") and not _continues_word(text, end + 1):
            self.pos = end + 1  # a decimal: its own range, not int64's
            number = self.decimal_literal(Decimal(literal), line, col, start)
            self.add(TokenKind.FLOAT, number, line, col, start)
            return
        # (9223372036854775808 is allowed here: the parser accepts it only negated)
        literal = literal.lstrip("0") or "0"  # (int() counts leading zeros as digits)
        if len(literal) > 19 or int(literal) > (1 << 63):
            self.error(out_of_range(text[start:end]), line, col)
            return
        self.finish_int(int(literal), start, line, col)

    def finish_float(self, literal: str, line: int, col: int, start: int) -> None:
        """A float literal (its digits *literal*), with F#'s ``f`` (float32: rounded to single
        precision) or ``m`` (a decimal) suffix if it has one."""
        suffix = self.text[self.pos : self.pos + 1]
        value: float | Decimal = float(literal)
        if suffix and suffix in "fFmM" and not _continues_word(self.text, self.pos + 1):
            self.pos += 1
            if suffix in "fF":
                value = _single(float(literal))
            else:
                value = self.decimal_literal(Decimal(literal), line, col, start)
        self.add(TokenKind.FLOAT, value, line, col, start)

    def decimal_literal(self, value: Decimal, line: int, col: int, start: int) -> Decimal:
        """A ``decimal`` literal's value, in .NET's range (rounded to its 28 places)."""
        if abs(value) > decimals.MAX:
            self.error(
                f"the literal {self.text[start : self.pos]} is outside the range of decimal",
                line,
                col,
            )
            return Decimal(0)
        return decimals.fit(value)

    def finish_int(self, value: int, start: int, line: int, col: int, radix: bool = False) -> None:
        """An integer literal, with F#'s type suffix if it has one (``255uy``, ``5L``,
        ``7u``, ``2m``): the value must fit the suffix's type and is an int (a decimal for
        ``m``); a hexadecimal, octal or binary one wraps to a signed type (``0xFFy`` is
        -1)."""
        text = self.text
        end = self.pos
        while end < len(text) and text[end].isalpha():
            end += 1
        suffix = text[self.pos : end]
        if suffix in ("m", "M"):
            self.pos = end
            self.add(
                TokenKind.FLOAT,
                self.decimal_literal(Decimal(value), line, col, start),
                line,
                col,
                start,
            )
            return
        sized = _INT_SUFFIXES.get(suffix)
        if sized is not None and not _continues_word(text, end):
            name, low, high = sized
            self.pos = end
            if radix and low < 0 and 0 <= value <= 2 * high + 1:
                value = value - 2 * (high + 1) if value > high else value
            if not low <= value <= (high + 1 if low < 0 else high):  # (-128y: negated later)
                self.error(
                    f"the literal {text[start:end]} does not fit in {name} ({low} to {high})",
                    line,
                    col,
                )
                return
            self.add(TokenKind.INT, value, line, col, start)
            return
        if self.pos < len(self.text) and (self.text[self.pos].isalpha()):
            bad = self.text[self.pos]
            self.error(f"unexpected '{bad}' after number {self.text[start : self.pos]}")
            self.pos += 1
            return
        self.add(TokenKind.INT, value, line, col, start)

    def string(self) -> None:
        text, start, line, col = self.text, self.pos, self.line, self.col()
        verbatim = text[self.pos] == "@"
        if verbatim:
            self.pos += 1
        if text.startswith('"""', self.pos):
            end = text.find('"""', self.pos + 3)
            if end < 0:
                self.error("unterminated triple-quoted string", line, col)
                self.pos = len(text)
                return
            value = text[self.pos + 3 : end]
            self.line += value.count("\n")
            self.pos = end + 3
            self.line_start = (
                text.rfind("\n", 0, self.pos) + 1 if "\n" in value else self.line_start
            )
            self.add(TokenKind.STRING, value, line, col, start)
            return
        self.pos += 1
        parts: list[str] = []
        special = _VERBATIM_SPECIAL if verbatim else _STRING_SPECIAL
        ticks = 0
        while True:
            found = special.search(text, self.pos)
            if found is None:
                self.pos = len(text)
                self.error("unterminated string literal", line, col)
                return
            if found.start() > self.pos:
                parts.append(text[self.pos : found.start()])
                self.pos = found.start()
            ticks += 1
            if ticks >= TICKS:
                ticks = 0
                spend(TICKS)
            ch = text[self.pos]
            if ch == '"':
                if verbatim and text.startswith('""', self.pos):
                    parts.append('"')
                    self.pos += 2
                    continue
                self.pos += 1
                break
            if ch == "\\" and not verbatim:
                parts.append(self.escape())
                continue
            if ch == "\n":
                self.pos += 1
                self.newline()
                parts.append("\n")
                continue
            parts.append(ch)  # (not reached: the search stops only at the cases above)
            self.pos += 1
        self.add(TokenKind.STRING, "".join(parts), line, col, start)

    def interpolated(self) -> None:
        """An interpolated string ``$"..{expr}.."``, ``$@"..."``/``@$"..."`` (verbatim) or
        triple-quoted ``$\"\"\"...\"\"\"``: literal text and :class:`Hole` parts, in order."""
        text, start, line, col = self.text, self.pos, self.line, self.col()
        self.pos += 2 if text[self.pos + 1] == '"' else 3
        verbatim = "@" in text[start : self.pos]
        triple = not verbatim and text.startswith('""', self.pos)
        if triple:
            self.pos += 2
        parts: list[str | Hole] = []
        literal: list[str] = []
        n = len(text)
        ticks = 0
        while True:
            ticks += 1
            if ticks >= TICKS:
                ticks = 0
                spend(TICKS)
            if self.pos >= n:
                self.error("unterminated interpolated string", line, col)
                return
            ch = text[self.pos]
            if ch == '"' and (not triple or text.startswith('"""', self.pos)):
                if verbatim and text.startswith('""', self.pos):
                    literal.append('"')
                    self.pos += 2
                    continue
                self.pos += 3 if triple else 1
                break
            if ch in "{}" and text.startswith(ch * 2, self.pos):
                literal.append(ch)
                self.pos += 2
            elif ch == "}":
                self.error("a '}' in an interpolated string is written '}}'")
                self.pos += 1
            elif ch == "{" or (ch == "%" and _TYPED_HOLE.match(text, self.pos)):
                if literal:
                    parts.append("".join(literal))
                    literal = []
                hole = self.hole()
                if hole is None:
                    return
                parts.append(hole)
            elif ch == "%" and text.startswith("%%", self.pos):
                literal.append("%")
                self.pos += 2
            elif ch == "\\" and not (verbatim or triple):
                literal.append(self.escape())
            else:
                if ch == "\n":
                    self.pos += 1
                    self.newline()
                else:
                    self.pos += 1
                literal.append(ch)
        if literal:
            parts.append("".join(literal))
        self.add(TokenKind.INTERPOLATED, tuple(parts), line, col, start)

    def hole(self) -> Hole | None:
        """The hole at ``self.pos`` (``{`` or a printf placeholder before it); ``None`` after
        an error that ends the string."""
        text = self.text
        printf = ""
        found = _TYPED_HOLE.match(text, self.pos)
        if text[self.pos] == "%" and found is not None:
            printf = found.group()[:-1]
            self.pos = found.end() - 1
        open_line, open_col = self.line, self.col()
        end, split = self.hole_end(self.pos + 1)
        if end < 0:
            self.error("unterminated hole '{' in an interpolated string", open_line, open_col)
            return None
        expr_end = split if split >= 0 else end
        if not text[self.pos + 1 : expr_end].strip():
            self.error("empty hole '{}' in an interpolated string", open_line, open_col)
        if self.hole_nesting >= MAX_HOLE_NESTING:
            self.error(
                f"interpolated strings nest too deeply (at most {MAX_HOLE_NESTING} inside "
                "one another); bind the inner ones with 'let'",
                open_line,
                open_col,
            )
            raise CompileError(self.errors)
        inner = _Lexer(text, self.filename)
        inner.pos, inner.line, inner.line_start = self.pos + 1, self.line, self.line_start
        inner.last_line_with_token = self.line
        inner.hole_nesting = self.hole_nesting + 1
        inner._lines = self._lines
        try:
            tokens = inner.run(expr_end)
        except CompileError as error:
            self.errors.extend(error.diagnostics)
            if len(self.errors) >= MAX_ERRORS:
                raise CompileError(self.errors) from None
            tokens = [Token(TokenKind.EOF, None, inner.line, inner.col(), True, True)]
        spec = text[expr_end:end]
        while self.pos < end:  # (keep the line count for what follows)
            if text[self.pos] == "\n":
                self.pos += 1
                self.newline()
            else:
                self.pos += 1
        self.pos = end + 1
        return Hole(tuple(tokens), printf, spec, open_line, open_col)

    def hole_end(self, position: int) -> tuple[int, int]:
        """Where the hole whose expression starts at *position* ends (its ``}``), and where
        its alignment or format starts (a top-level ``,`` before a number, or ``:``; -1 for
        none).  (-1, -1) when the text ends first."""
        text = self.text
        depth = 0
        split = -1
        ticks = 0
        while position < len(text):
            ticks += 1
            if ticks >= TICKS:
                ticks = 0
                spend(TICKS)
            ch = text[position]
            if ch == '"':
                position = self.skip_nested_string(position + 1)
                if position < 0:
                    return -1, -1
                continue
            if ch in "([{":
                depth += 1
            elif ch in ")]":
                depth -= 1
            elif ch == "}":
                if depth == 0:
                    return position, split
                depth -= 1
            elif depth == 0 and split < 0 and self.starts_hole_spec(position):
                split = position
            position += 1
        return -1, -1

    def starts_hole_spec(self, position: int) -> bool:
        """Does a hole's alignment (``,8``) or format (``:F2``) start at *position*?"""
        ch = self.text[position]
        if ch == ":":
            return self.is_format_colon(position)
        return ch == "," and _ALIGNMENT.match(self.text, position) is not None

    def is_format_colon(self, colon: int) -> bool:
        """Does the ``:`` at *colon* start a hole's format (not ``::``, ``:?``, ``:>``,
        ``:=``)?"""
        text = self.text
        after = text[colon + 1 : colon + 2]
        return after not in (":", "?", ">", "=") and text[colon - 1 : colon] != ":"

    def skip_nested_string(self, position: int) -> int:
        """Past the end of a string literal inside a hole whose text starts at *position*;
        -1 when it does not end."""
        text = self.text
        while position < len(text):
            ch = text[position]
            if ch == "\\":
                position += 2
            elif ch == '"':
                return position + 1
            else:
                position += 1
        return -1

    def escape(self) -> str:
        """Decode one backslash escape at ``self.pos``."""
        text = self.text
        self.pos += 1
        if self.pos >= len(text):
            return "\\"
        ch = text[self.pos]
        trigraph = text[self.pos : self.pos + 3]
        if len(trigraph) == 3 and trigraph.isdigit() and trigraph.isascii():  # '\065' is 'A'
            code = int(trigraph)
            self.pos += 3
            if code > 255:
                self.error(f"invalid trigraph escape \\{trigraph} (at most \\255)")
                return ""
            return chr(code)
        if ch in _ESCAPES:
            self.pos += 1
            return _ESCAPES[ch]
        if ch in "uU":
            width = 4 if ch == "u" else 8
            digits = text[self.pos + 1 : self.pos + 1 + width]
            if len(digits) == width and all(c in "0123456789abcdefABCDEF" for c in digits):
                self.pos += 1 + width
                code = int(digits, 16)
                if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
                    self.error(f"invalid unicode escape \\{ch}{digits}")
                    return ""
                return chr(code)
            self.error(f"invalid unicode escape: expected {width} hex digits after \\{ch}")
            return ""
        if ch == "\n":  # backslash-newline continues the string, skipping indentation
            self.pos += 1
            self.newline()
            while self.pos < len(text) and text[self.pos] in " \t":
                self.pos += 1
            return ""
        return "\\"  # unknown escapes keep their backslash, as in F#

    def quote(self) -> None:
        """A char literal ``'a'`` / ``'\\n'``, or a type variable ``'a``."""
        text, start, line, col = self.text, self.pos, self.line, self.col()
        if text.startswith("\\", start + 1):
            self.pos += 1
            value = self.escape()
            if self.pos < len(text) and text[self.pos] == "'":
                self.pos += 1
                self.add(TokenKind.CHAR, value, line, col, start)
                return
            self.error("unterminated character literal", line, col)
            return
        if start + 2 < len(text) and text[start + 2] == "'" and text[start + 1] != "\n":
            self.pos = start + 3
            self.add(TokenKind.CHAR, text[start + 1], line, col, start)
            return
        end = start + 1
        while end < len(text) and (text[end].isalnum() or text[end] == "_"):
            end += 1
        if end == start + 1:
            self.error("unexpected character '''", line, col)
            self.pos += 1
            return
        self.pos = end
        self.add(TokenKind.TYVAR, text[start + 1 : end], line, col, start)

    def identifier(self) -> None:
        text, start, line, col = self.text, self.pos, self.line, self.col()
        found = _IDENTIFIER_REST.match(text, start + 1)
        end = found.end() if found is not None else start + 1
        word = text[start:end]
        self.pos = end
        if word == "_":
            self.add(TokenKind.OP, "_", line, col, start)
        elif word in KEYWORDS:
            self.add(TokenKind.KEYWORD, word, line, col, start)
        else:
            self.add(TokenKind.IDENT, word, line, col, start)

    def backtick_identifier(self) -> None:
        start, line, col = self.pos, self.line, self.col()
        end = self.text.find("``", self.pos + 2)
        newline = self.text.find("\n", self.pos)
        if end < 0 or (0 <= newline < end):
            self.error("unterminated ``identifier``", line, col)
            self.pos = len(self.text) if end < 0 else end + 2
            return
        self.pos = end + 2
        self.add(TokenKind.IDENT, self.text[start + 2 : end], line, col, start)

    def directive(self) -> None:
        start, line, col = self.pos, self.line, self.col()
        end = start + 1
        while end < len(self.text) and (self.text[end].isalpha()):
            end += 1
        name = self.text[start + 1 : end]
        self.pos = end
        if name in (
            "load",
            "r",
            "nowarn",
            "light",
            "I",
            "time",
            "help",
            "quit",
            "if",
            "else",
            "endif",
        ):
            self.add(TokenKind.DIRECTIVE, name, line, col, start)
        else:
            self.error(f"unknown directive '#{name}'", line, col)

    def operator(self) -> None:
        start, line, col = self.pos, self.line, self.col()
        found = self.custom.match(self.text, start) if self.custom is not None else None
        if found is None:
            found = _OPERATOR.match(self.text, start)
        if found is not None:
            op = found.group()
            self.pos += len(op)
            self.add(TokenKind.OP, op, line, col, start)
            return
        ch = self.text[start]
        self.pos += 1
        self.error(f"unexpected character {ch!r}", line, col)


def tokenize(text: str, filename: str = "<string>") -> list[Token]:
    """Split *text* into tokens; raise :class:`CompileError` listing every lexical error."""
    return _Lexer(text, filename).run()
