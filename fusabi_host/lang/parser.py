"""Parser: tokens to a :class:`~fusabi_host.lang.syntax.Script`, with F#'s offside rule.

Layout is its own object, :class:`~fusabi_host.lang.layout.Layout`: a stack of *contexts*,
each an offside column (see :mod:`fusabi_host.lang.layout` for the rule).  The parser pushes a
context where a construct's body begins (a ``let`` right-hand side, a match arm, a branch, a
lambda body, the inside of brackets) and asks the layout whether the next token is offside.

Keywords that continue a construct (``then``, ``else``, ``elif``, ``with``, ``|``, ``and``,
``in``, ``do``, ``finally``) and closing brackets are accepted by their construct as long as
they are not left of the line the construct started on.  A line that starts with an infix
operator (``|>``, ``+``, ``&&`` ...) continues the previous line, as in F#.

Nesting is bounded here, before any later pass: the parser counts how deeply the tree it
builds nests (each bracket, keyword construct, operator of a chain, ``let`` of a block, link of
``a.b.c``, pattern and type level counts one) and a tree deeper than :data:`MAX_NESTING` is a
:class:`~fusabi_host.errors.CompileError` "nesting too deep" at the token that went past it.
The recursive passes after the parser (lowering, inference, code generation, Python's own
compiler) then never nest deeper than that bound allows; :func:`recursion_room` gives them
(and the parser) the Python recursion limit they need for it.  The parser charges its work
to the current run's guard, so parsing stops at the caller's deadline.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any, Final, NoReturn, TypeVar, overload

from fusabi_host.errors import CompileError, Diagnostic
from fusabi_host.lang import asyncexpr, classes
from fusabi_host.lang import syntax as S
from fusabi_host.lang.guard import spend
from fusabi_host.lang.layout import Layout
from fusabi_host.lang.lexer import (
    OPERATOR_CHARS,
    Hole,
    Token,
    TokenKind,
    out_of_range,
    tokenize,
)
from fusabi_host.lang.recursion import (
    DEFAULT_DEPTH,
    FRAMES_PER_CALL,
    enter_recursion_room,
    leave_recursion_room,
)
from fusabi_host.lang.values import Char

__all__ = [
    "DEFAULT_DEPTH",
    "FRAMES_PER_CALL",
    "MAX_NESTING",
    "custom_level",
    "enter_recursion_room",
    "leave_recursion_room",
    "parse",
    "parse_type",
    "recursion_room",
]

MAX_NESTING: Final = 1000
"""How deeply a program's syntax tree may nest (see the module docstring): far beyond what a
person writes (the deepest file of the upstream corpus nests 77 levels: a chain of 77
``let ... in``), small enough for every recursive pass of the compiler."""

FRAMES_PER_LEVEL: Final = 30
"""Python frames one level of nesting may take in the deepest pass (the parser: about twenty
for a parenthesised expression, through every precedence level)."""

TICKS: Final = 1024
"""Tokens consumed between two charges to the current run's guard."""

INT64_LIMIT: Final = 1 << 63
"""The one integer literal the lexer lets past int64: it is int64's minimum once negated."""


# --------------------------------------------------------------------------- the recursion room
# (shared with plugin runs: :mod:`fusabi_host.lang.recursion`)


@contextlib.contextmanager
def recursion_room() -> Iterator[None]:
    """Run a compiler pass with the Python recursion limit raised enough for a tree nested
    :data:`MAX_NESTING` deep (shared with, and restored like, the room plugin runs take:
    :func:`enter_recursion_room`)."""
    enter_recursion_room(MAX_NESTING * FRAMES_PER_LEVEL // FRAMES_PER_CALL)
    try:
        yield
    finally:
        leave_recursion_room()


class NestingTooDeep(Exception):
    """The tree being parsed nests deeper than :data:`MAX_NESTING` (aborts the parse)."""

    def __init__(self, token: Token) -> None:
        super().__init__("nesting too deep")
        self.token = token


T = TypeVar("T")

BINARY_LEVELS: Final[list[tuple[frozenset[str], bool]]] = [
    (frozenset({"||"}), False),
    (frozenset({"&&", "&"}), False),
    (
        frozenset(
            {"=", "==", "!=", "<>", "<", ">", "<=", ">=", "|>", "||>", "<|", ">>", "<<"}
            | {"&&&", "|||", "<<<", ">>>"}  # (F#'s table puts them with the comparisons)
        ),
        False,
    ),
    (frozenset({"^", "@", "^^^"}), True),
    (frozenset({"::"}), True),
    (frozenset({"+", "-", "++"}), False),
    (frozenset({"*", "/", "%"}), False),
    (frozenset({"**"}), True),
]

_POSTFIX_TYPES: Final = frozenset({"list", "array", "option", "seq", "set"})
"""The type constructors F# writes after their argument (``int list``)."""

_BUILDER_METHODS: Final = frozenset({"Bind", "Return", "ReturnFrom", "Yield", "YieldFrom", "Zero"})
"""A class with one of these methods is a computation-expression builder."""

_CAST_LEVEL: Final = 2
"""Where ``x :> T`` and ``x :?> T`` bind: looser than comparisons, tighter than ``&&``."""

OPERATOR_SECTIONS: Final = frozenset(
    [
        "+",
        "-",
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
        "|>",
        "<|",
        ">>",
        "<<",
        "@",
        "^",
        "&&",
        "||",
        "::",
        "&&&",
        "|||",
        "^^^",
        "<<<",
        ">>>",
    ]
)

CONSTRUCT_KEYWORDS: Final = frozenset(
    {
        "then",
        "else",
        "elif",
        "with",
        "and",
        "in",
        "do",
        "done",
        "finally",
        "end",
        "when",
        "to",
        "downto",
        "of",
    }
)
CLOSERS: Final = frozenset({")", "]", "|]", "}", "|}", ">]"})
_TYPE_ARGUMENT_OPS: Final = frozenset(
    {"<", ">", ">>", ">>>", ",", "*", "->", "(", ")", "[", "]", ".", "_", "#"}
)
"""The operators a list of explicit type arguments may contain (``<int list, (int -> int)>``)."""
MAX_TYPE_ARGUMENT_TOKENS: Final = 64
"""Tokens looked at to decide whether ``name<`` starts explicit type arguments."""


class ParseError(Exception):
    def __init__(self, token: Token, message: str) -> None:
        super().__init__(message)
        self.token = token
        self.message = message


_RANGE_STARTS: Final = frozenset({TokenKind.INT, TokenKind.FLOAT, TokenKind.IDENT})
"""Tokens a ``{ a .. b }`` range may start with (then ``{`` is not a record)."""


_KNOWN_BINARY: Final = frozenset().union(*(ops for ops, _ in BINARY_LEVELS))


_LEVEL_OF: Final = {op: level for level, (ops, _) in enumerate(BINARY_LEVELS) for op in ops}

_CASTS: Final = frozenset({":>", ":?>"})
"""The operators of an upcast and a downcast, whose right side is a type."""


def _binary_level(tok: Token) -> int | None:
    """The level (in :data:`BINARY_LEVELS`) of the binary operator *tok*, or ``None`` when
    it is not one."""
    if tok.kind is not TokenKind.OP:
        return None
    op = str(tok.value)
    found = _LEVEL_OF.get(op)
    if found is not None:
        return found
    if op in _CASTS:
        return _CAST_LEVEL
    return custom_level(op)


def custom_level(op: str) -> int | None:
    """The binary level of a script's own symbolic operator, by its first characters, as F#
    decides it (``>>=`` and ``<!>`` compare, ``+.`` adds, ``*.`` multiplies, ``**.`` raises,
    ``@@``/``^^`` concatenate); ``None`` for the language's operators and non-operators."""
    if op in _KNOWN_BINARY or not op or any(ch not in OPERATOR_CHARS for ch in op):
        return None
    if op in ("!", "~", "?", ".", "..", "...", "|", "->", "<-", ":=", "::", "=", "&"):
        return None
    if op.startswith("**"):
        return 7
    first = op[0]
    if first in "*/%":
        return 6
    if first in "+-":
        return 5
    if first in "@^":
        return 3
    if first in "!~?":
        return None  # (prefix operators)
    return 2


def _is_upper(name: str) -> bool:
    return name[:1].isupper()


class Parser:
    """Recursive descent over the token list, with the offside context stack."""

    def __init__(self, tokens: list[Token], filename: str, source: str) -> None:
        self.toks = tokens
        self.statics_before: list[S.Decl] = []  # a class's `static let`s, before its type
        # computation-expression builders: the classes with builder methods, by name, and
        # the values made of one (`let maybe = MaybeBuilder()`), with the methods they have
        self.builder_classes: dict[str, frozenset[str]] = {}
        self.builders: dict[str, frozenset[str]] = {}
        self.saw_private = False  # set while parsing a binding that says `private`
        self.i = 0
        self.filename = filename
        self.source = source
        self.lines = source.splitlines()
        self.layout = Layout(tokens)  # the offside contexts
        self.line_start = self.layout.line_start
        self.errors: list[Diagnostic] = []
        self.depth = 0  # how deeply the tree being built nests here (bounded by MAX_NESTING)
        self.charged = 0  # the token index last charged to the guard

    # ------------------------------------------------------------------ nesting

    def nest(self, tok: Token) -> None:
        """One more level of nesting, at *tok*; :exc:`NestingTooDeep` past the bound."""
        self.depth += 1
        if self.depth > MAX_NESTING:
            raise NestingTooDeep(tok)
        if self.i - self.charged >= TICKS:
            spend(self.i - self.charged)
            self.charged = self.i

    def too_deep(self, tok: Token) -> Diagnostic:
        return self.diagnostic(
            tok,
            f"nesting too deep: expressions, patterns and types may nest at most "
            f"{MAX_NESTING} levels (brackets, nested constructs, operators of one chain, "
            "'let's of one block); split this into smaller functions",
        )

    # ------------------------------------------------------------------ token access

    def raw(self, k: int = 0) -> Token:
        """The token *k* places ahead, whatever the layout (the end of file past the end)."""
        try:
            return self.toks[self.i + k]
        except IndexError:
            return self.toks[-1]

    def advance(self) -> Token:
        tok = self.toks[self.i]
        if tok.kind is not TokenKind.EOF:
            self.i += 1
        return tok

    def offside(self, tok: Token) -> bool:
        """Does *tok* end the current expression (by layout)?"""
        if not tok.first and tok.kind is not TokenKind.EOF:
            return False  # (the fast path: only the end or a line's first token can be offside)
        return self.layout.offside(tok, self.i if tok is self.toks[self.i] else None)

    def peek(self) -> Token:
        """The next token if it continues the current expression, else an end marker."""
        tok = self.toks[self.i]
        if self.offside(tok):
            return Token(TokenKind.EOF, "offside", tok.line, tok.col, True)
        return tok

    def peek_operand(self) -> Token:
        """The next token where an operand is required: only a token left of the context
        column is offside (one at the column may start the operand)."""
        tok = self.toks[self.i]
        if (tok.first or tok.kind is TokenKind.EOF) and self.layout.offside_operand(tok):
            return Token(TokenKind.EOF, "offside", tok.line, tok.col, True)
        return tok

    def construct_token(self, start: Token) -> Token:
        """The next token, as seen by a construct that began at *start*: its continuation
        keywords may sit anywhere not left of the line the construct started on."""
        tok = self.toks[self.i]
        if tok.first and self.layout.offside_construct(tok, start):
            return Token(TokenKind.EOF, "offside", tok.line, tok.col, True)
        return tok

    def at_op(self, *ops: str) -> bool:
        tok = self.peek()
        return tok.kind is TokenKind.OP and tok.value in ops

    def expect_op(self, op: str, what: str = "") -> Token:
        tok = self.raw()
        if tok.kind is TokenKind.OP and tok.value == op:
            return self.advance()
        self.fail(tok, f"expected '{op}'{what}")

    def expect_kw(self, word: str, start: Token | None = None, what: str = "") -> Token:
        tok = self.construct_token(start) if start is not None else self.raw()
        if tok.kind is TokenKind.KEYWORD and tok.value == word:
            return self.advance()
        self.fail(tok, f"expected '{word}'{what}")

    def expect_ident(self, what: str = "a name") -> str:
        tok = self.raw()
        if tok.kind is TokenKind.IDENT:
            self.advance()
            return str(tok.value)
        self.fail(tok, f"expected {what}")

    def fail(self, tok: Token, message: str) -> NoReturn:
        if tok.kind is TokenKind.EOF and tok.value == "offside":
            found = "the end of this indented block"
        else:
            found = tok.describe()
        raise ParseError(tok, f"{message}, found {found}")

    def fail_literal(self, tok: Token) -> NoReturn:
        """9223372036854775808 not directly after a '-': out of int64's range."""
        raise ParseError(tok, out_of_range(str(tok.value)))

    def diagnostic(self, tok: Token, message: str) -> Diagnostic:
        line = tok.line
        text = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        return Diagnostic(self.filename, line, tok.col, message, text)

    # ------------------------------------------------------------------ contexts

    def with_context(self, col: int, parse: Callable[[], T], lenient: bool = False) -> T:
        """*parse* inside a layout context at column *col*."""
        with self.layout.context(col, lenient):
            return parse()

    @overload
    def body(
        self, construct: Token, *, anchor: Token | None = None, undent: bool = False
    ) -> S.Expr: ...

    @overload
    def body(
        self,
        construct: Token,
        parse: Callable[[], T],
        *,
        anchor: Token | None = None,
        undent: bool = False,
    ) -> T: ...

    def body(
        self,
        construct: Token,
        parse: Callable[[], Any] | None = None,
        *,
        anchor: Token | None = None,
        undent: bool = False,
    ) -> Any:
        """Parse the body that follows a construct keyword (``=``, ``->``, ``then`` ...).

        The body's context is the column of its first token; a body on the next line must be
        indented more than the line the construct (or its *anchor*: the ``while`` of a ``do``
        on a later line) is on.  With *undent* (a lambda's ``->`` ending its line) the body may
        also sit at the enclosing context's column, as F# allows for ``m >>= fun x ->`` chains.
        """
        first = self.raw()
        if first.kind is TokenKind.EOF:
            self.fail(first, f"expected an expression after '{construct.value}'")
        if first.first and first.line != construct.line:
            start = anchor or construct
            base = self.line_start.get(start.line, start.col)
            if undent and first.col >= self.layout.column and first.col > 1:
                base = first.col - 1
            if first.col <= base and not (first.kind is TokenKind.OP and first.value in CLOSERS):
                self.fail(
                    first,
                    f"expected an indented expression after '{construct.value}' "
                    f"(line {construct.line}); indent it past column {base}",
                )
        same_line = first.line == construct.line
        return self.with_context(
            first.col,
            parse or self.parse_seq,
            lenient=same_line,
        )

    # ------------------------------------------------------------------ declarations

    def parse_script(self) -> S.Script:
        try:
            decls = self.parse_decls(top=True)
        except NestingTooDeep as exc:
            raise CompileError([*self.errors, self.too_deep(exc.token)]) from None
        except RecursionError:  # (the nesting bound should come first; this is the backstop)
            raise CompileError([*self.errors, self.too_deep(self.raw())]) from None
        tok = self.raw()
        if tok.kind is not TokenKind.EOF:
            self.errors.append(self.diagnostic(tok, f"unexpected {tok.describe()}"))
        if self.errors:
            raise CompileError(self.errors)
        return S.Script(self.filename, decls, self.source)

    def parse_decls(self, top: bool = False) -> list[S.Decl]:
        decls: list[S.Decl] = []
        first = self.raw()
        if first.kind is TokenKind.EOF:
            return decls
        col = first.col
        self.layout.push(col)
        try:
            while True:
                tok = self.raw()
                if tok.kind is TokenKind.EOF or (tok.first and tok.col < col):
                    break
                if tok.kind is TokenKind.OP and tok.value in CLOSERS:
                    break
                if tok.is_op(";;"):
                    self.advance()
                    continue
                depth = self.depth
                try:
                    decl = self.parse_decl()
                    decls.extend(self.statics_before)  # (a class's `static let`s, first)
                    self.statics_before.clear()
                    if decl is not None:
                        decls.append(decl)
                    nxt = self.raw()
                    if nxt.is_op(";;"):
                        continue
                    if nxt.kind is TokenKind.EOF or nxt.first:
                        if nxt.kind is not TokenKind.EOF and nxt.first and nxt.col > col:
                            self.fail(
                                nxt,
                                f"unexpected indentation: a new declaration must start at "
                                f"column {col}",
                            )
                        continue
                    if nxt.kind is TokenKind.OP and nxt.value in CLOSERS and not top:
                        break
                    self.fail(nxt, "expected the end of the declaration (a new line)")
                except ParseError as exc:
                    self.depth = depth
                    self.errors.append(self.diagnostic(exc.token, exc.message))
                    if len(self.errors) >= 25:
                        raise CompileError(self.errors) from None
                    self.recover(col)
        finally:
            self.layout.pop()
        return decls

    def recover(self, col: int) -> None:
        """Skip to the next line starting at or left of *col* (the next declaration)."""
        start_line = self.raw().line
        while True:
            tok = self.raw()
            if tok.kind is TokenKind.EOF:
                return
            if tok.first and tok.col <= col and (tok.line > start_line or self.i == 0):
                return
            self.advance()
            if self.raw().first and self.raw().line > start_line and self.raw().col <= col:
                return

    def parse_decl(self) -> S.Decl | None:
        tok = self.raw()
        self.skip_attributes()
        tok = self.raw()
        if tok.is_kw("let", "use"):
            return self.parse_let_decl()
        if tok.is_kw("type"):
            return self.parse_type_decl()
        if tok.is_kw("module"):
            return self.parse_module()
        if tok.is_kw("open"):
            self.advance()
            return S.DOpen(tok.line, tok.col, self.parse_long_ident())
        if tok.is_kw("exception"):
            return self.parse_exception()
        if tok.kind is TokenKind.DIRECTIVE:
            return self.parse_directive()
        if tok.is_kw("do"):
            self.advance()
            return S.DExpr(tok.line, tok.col, self.body(tok))
        if tok.is_kw("namespace"):
            self.fail(tok, "namespaces are not supported in scripts; use 'module'")
        return S.DExpr(tok.line, tok.col, self.parse_top_expression())

    def parse_top_expression(self) -> S.Expr:
        """A top-level expression statement; ``a; b`` on one line is a sequence."""
        first = self.parse_expr()
        items = [first]
        while self.raw().is_op(";") and not self.raw().first:
            self.advance()
            if self.raw().first or self.raw().kind is TokenKind.EOF:
                break
            items.append(self.parse_expr())
        if len(items) == 1:
            return first
        return S.Sequence(first.line, first.col, items)

    def skip_attributes(self) -> None:
        while self.raw().is_op("[<"):
            depth = 0
            while True:
                tok = self.advance()
                if tok.is_op("[<"):
                    depth += 1
                elif tok.is_op(">]"):
                    depth -= 1
                    if depth == 0:
                        break
                elif tok.kind is TokenKind.EOF:
                    self.fail(tok, "unterminated attribute '[< ... >]'")

    def parse_directive(self) -> S.Decl | None:
        tok = self.advance()
        if tok.value == "load":
            paths: list[str] = []
            while self.raw().kind is TokenKind.STRING and not (self.raw().first and paths):
                paths.append(str(self.advance().value))
            if not paths:
                self.fail(self.raw(), "expected a file name string after '#load'")
            return S.DLoad(tok.line, tok.col, paths)
        if tok.value in ("nowarn", "light", "time"):
            while self.raw().kind is TokenKind.STRING and not self.raw().first:
                self.advance()
            return None
        self.fail(tok, f"the directive '#{tok.value}' is not supported in plugins")

    def parse_long_ident(self) -> list[str]:
        parts = [self.expect_ident("a module name")]
        while self.raw().is_op(".") and not self.raw().space_before:
            self.advance()
            parts.append(self.expect_ident("a module name"))
        return parts

    def parse_module(self) -> S.Decl:
        tok = self.advance()
        self.nest(tok)
        result = self.parse_module_rest(tok)
        self.depth -= 1
        return result

    def parse_module_rest(self, tok: Token) -> S.Decl:
        self.skip_access()
        name = self.expect_ident("a module name")
        if self.raw().is_op("="):
            eq = self.advance()
            body_tok = self.raw()
            if body_tok.kind is TokenKind.EOF or (
                body_tok.first and body_tok.col <= self.line_start[tok.line]
            ):
                self.fail(body_tok, f"expected the indented declarations of module '{name}'")
            decls = self.with_context(body_tok.col, self.parse_decls)
            del eq
            return S.DModule(tok.line, tok.col, name, decls)
        # `module Name` at the top of a file: the rest of the file is the module
        decls = self.parse_decls()
        return S.DModule(tok.line, tok.col, name, decls)

    def skip_access(self) -> bool:
        private = False
        while self.raw().is_kw("private", "public", "internal", "inline"):
            private = private or self.raw().value == "private"
            self.advance()
        return private

    def parse_exception(self) -> S.Decl:
        tok = self.advance()
        name = self.expect_ident("an exception name")
        fields: list[tuple[str | None, S.TypeExpr]] = []
        if self.raw().is_kw("of"):
            self.advance()
            fields = self.parse_case_fields()
        return S.DException(tok.line, tok.col, name, fields)

    # -- let

    def parse_let_decl(self) -> S.Decl:
        tok = self.raw()
        rec, bindings, private = self.parse_let_bindings()
        nxt = self.construct_token(tok)
        if nxt.is_kw("in"):
            self.advance()
            body = self.parse_in_body(tok)
            expr = S.Let(tok.line, tok.col, rec, bindings, body)
            return S.DExpr(tok.line, tok.col, expr)
        return S.DLet(tok.line, tok.col, rec, bindings, private)

    def parse_in_body(self, let_tok: Token) -> S.Expr:
        first = self.raw()
        if first.kind is TokenKind.EOF:
            self.fail(first, f"expected an expression after 'in' (line {let_tok.line})")
        return self.with_context(first.col, self.parse_seq)

    def parse_let_bindings(self) -> tuple[bool, list[S.Binding], bool]:
        let_tok = self.advance()
        rec = False
        if self.raw().is_kw("rec"):
            self.advance()
            rec = True
        self.saw_private = False
        bindings = [self.parse_binding(let_tok)]
        private = self.saw_private  # `let private x` / `let rec private f` (first binding)
        while self.construct_token(let_tok).is_kw("and"):
            and_tok = self.advance()
            self.skip_attributes()
            bindings.append(self.parse_binding(and_tok))
        return rec, bindings, private

    def parse_binding(self, start: Token) -> S.Binding:
        mutable = False
        inline = False
        while self.raw().is_kw("mutable", "private", "public", "internal", "inline"):
            mutable = mutable or self.raw().value == "mutable"
            inline = inline or self.raw().value == "inline"
            self.saw_private = self.saw_private or self.raw().value == "private"
            self.advance()
        tok = self.raw()
        params: list[S.Pattern] = []
        if tok.kind is TokenKind.IDENT and self.is_function_head():
            name = str(self.advance().value)
            pattern: S.Pattern = S.PVar(tok.line, tok.col, name)
            self.skip_type_parameters()
            while not self.raw().is_op("=", ":") and self.starts_pattern_atom(self.raw()):
                params.append(self.parse_pattern_atom())
            if not params and not self.raw().is_op("=", ":"):  # (`let empty<'T> : 'T list = []`)
                self.fail(self.raw(), f"expected a parameter or '=' after '{name}'")
        elif tok.is_op("(") and self.raw(1).is_op("|"):
            name = self.parse_banana_name()
            pattern = S.PVar(tok.line, tok.col, name)
            while not self.raw().is_op("=", ":") and self.starts_pattern_atom(self.raw()):
                params.append(self.parse_pattern_atom())
            if not params:
                self.fail(self.raw(), f"the active pattern '({name})' needs a parameter")
        elif (
            tok.is_op("(")
            and self.raw(1).kind is TokenKind.OP
            and self.raw(2).is_op(")")
            and (self.raw(1).value not in ("(", ")"))
        ):
            op = str(self.raw(1).value)
            if custom_level(op) is None:
                self.fail(tok, f"redefining the operator '{op}' is not supported")
            self.advance()
            self.advance()
            self.advance()
            pattern = S.PVar(tok.line, tok.col, op)
            while not self.raw().is_op("=", ":") and self.starts_pattern_atom(self.raw()):
                params.append(self.parse_pattern_atom())
        else:
            pattern = self.parse_pattern()
        return_type = None
        if self.raw().is_op(":"):
            self.advance()
            return_type = self.parse_type()
        eq = self.raw()
        if not eq.is_op("="):
            self.fail(eq, "expected '=' in this 'let'")
        self.advance()
        value = self.body(eq)
        colon = self.raw()
        if colon.is_op(":") and not colon.is_op(":=") and not colon.first:
            # `let o = None : int option`: an annotation of the whole value
            self.advance()
            value = S.Typed(colon.line, colon.col, value, self.parse_type())
        if isinstance(pattern, S.PVar) and not params:
            self.note_builder(pattern.name, value)
        return S.Binding(
            tok.line, tok.col, pattern, params, value, mutable, return_type, inline=inline
        )

    def parse_banana_name(self) -> str:
        """``(|Even|Odd|)`` or ``(|Int|_|)``: an active pattern's name, as ``|Even|Odd|``."""
        self.advance()  # (
        self.advance()  # |
        cases: list[str] = []
        while True:
            tok = self.raw()
            if tok.is_op("_") and cases:
                self.advance()
                cases.append("_")
            elif tok.kind is TokenKind.IDENT and _is_upper(str(tok.value)):
                self.advance()
                cases.append(str(tok.value))
            else:
                self.fail(tok, "expected an uppercase case name in an active pattern '(|...|)'")
            if not self.raw().is_op("|"):
                self.fail(self.raw(), "expected '|' in an active pattern name")
            self.advance()
            if self.raw().is_op(")"):
                self.advance()
                break
        if "_" in cases[:-1] or (cases[-1] == "_" and len(cases) != 2):
            self.fail(self.raw(), "a partial active pattern has exactly one case: (|Name|_|)")
        return "|" + "|".join(cases) + "|"

    def skip_type_parameters(self) -> None:
        """``let f<'T when 'T : comparison> (x: 'T) = ...``: explicit type parameters of a
        function are implied by its annotations, so they are read and ignored."""
        if not self.raw().is_op("<") or self.raw().space_before:
            return
        self.advance()
        while True:
            param = self.raw()
            if param.kind is not TokenKind.TYVAR:
                self.fail(param, "expected a type parameter like 'T")
            self.advance()
            self.skip_constraints()
            if not self.raw().is_op(","):
                break
            self.advance()
        self.expect_closing_angle()

    def is_function_head(self) -> bool:
        """After ``let``: is this ``name param ... =`` (a function) rather than a pattern?"""
        nxt = self.raw(1)
        if nxt.is_op("<") and not nxt.space_before and self.raw(2).kind is TokenKind.TYVAR:
            return True
        if nxt.is_op("=", ":", ",", "::", "|") or nxt.is_kw("as"):
            return False
        if nxt.is_op(".") and not nxt.space_before:
            return False
        return self.starts_pattern_atom(nxt)

    # -- type declarations

    def parse_type_decl(self) -> S.Decl:
        tok = self.advance()
        defs = [self.parse_type_def()]
        while self.construct_token(tok).is_kw("and"):
            self.advance()
            self.skip_attributes()
            defs.append(self.parse_type_def())
        return S.DType(tok.line, tok.col, defs)

    def parse_type_def(self) -> S.TypeDef:
        self.skip_access()
        name_tok = self.raw()
        name = self.expect_ident("a type name")
        params: list[str] = []
        if self.raw().is_op("<") and not self.raw().space_before:
            self.advance()
            while True:
                param = self.raw()
                if param.kind is not TokenKind.TYVAR:
                    self.fail(param, "expected a type parameter like 'a")
                self.advance()
                params.append(str(param.value))
                self.skip_constraints()
                if self.raw().is_op(","):
                    self.advance()
                    continue
                self.expect_closing_angle()
                break
        while self.raw().kind is TokenKind.TYVAR:  # ML style: type 'a tree (rare)
            params.append(str(self.advance().value))
        if self.raw().is_op("("):  # a class with a primary constructor
            return self.parse_class(name_tok, name, params)
        eq = self.raw()
        if not eq.is_op("="):
            self.fail(eq, f"expected '=' after type '{name}'")
        self.advance()
        self.skip_access()
        first = self.raw()
        if first.first and first.col <= self.line_start.get(eq.line, 1):
            self.fail(first, f"expected the definition of type '{name}' indented")

        def definition() -> S.TypeDef:
            tok = self.raw()
            if tok.is_op("{"):
                return S.TypeDef(
                    name_tok.line, name_tok.col, name, params, record=self.parse_record_type()
                )
            if tok.is_op("|") or (
                tok.kind is TokenKind.IDENT
                and _is_upper(str(tok.value))
                and (
                    self.raw(1).is_kw("of") or self.raw(1).is_op("|", "=") or self.ends_type_def(1)
                )
            ):
                return S.TypeDef(
                    name_tok.line, name_tok.col, name, params, cases=self.parse_union_cases()
                )
            if tok.kind is TokenKind.IDENT and tok.value in ("abstract", "interface"):
                return S.TypeDef(
                    name_tok.line, name_tok.col, name, params, abstract=self.parse_interface()
                )
            if tok.kind is TokenKind.IDENT and tok.value in ("class", "struct", "inherit"):
                self.fail(tok, f"'{tok.value}' types are not supported; use records and unions")
            if tok.is_op("("):
                self.fail(tok, "classes need a primary constructor: type Name(args) = ...")
            alias = self.parse_type()
            return S.TypeDef(name_tok.line, name_tok.col, name, params, alias=alias)

        result = self.with_context(first.col, definition)
        members, interfaces = self.parse_type_members(self.line_start.get(name_tok.line, 1))
        result.members = members or None
        result.interfaces = interfaces or None
        return result

    def parse_interface(self) -> list[S.AbstractMember]:
        """An interface's ``abstract [member] Name : type`` lines (in ``interface ... end``
        or not); ``with get`` after a property is allowed, settable ones are not."""
        wrapped = self.raw().value == "interface"
        if wrapped:
            self.advance()
        found: list[S.AbstractMember] = []
        while True:
            tok = self.raw()
            if tok.kind is TokenKind.IDENT and tok.value == "inherit":
                self.fail(tok, "interfaces that inherit other interfaces are not supported")
            if not (tok.kind is TokenKind.IDENT and tok.value == "abstract"):
                break
            self.advance()
            if self.raw().is_kw("member"):
                self.advance()
            name_tok = self.raw()
            name = self.expect_ident("an abstract member's name")
            self.expect_op(":", f" after abstract member '{name}'")
            signature = self.parse_type()
            if self.raw().is_kw("with"):  # with get / with get, set
                self.advance()
                accessors = []
                while self.raw().kind is TokenKind.IDENT or self.raw().is_op(","):
                    accessors.append(self.advance().value)
                if "set" in accessors:
                    self.fail(name_tok, "settable abstract properties are not supported")
            if any(member.name == name for member in found):
                self.fail(name_tok, f"the interface declares '{name}' twice (overloads are not "
                          "supported)")  # fmt: skip
            found.append(S.AbstractMember(name_tok.line, name_tok.col, name, signature))
        if wrapped and self.raw().is_kw("end"):
            self.advance()
        if not found:
            self.fail(self.raw(), "expected 'abstract Name : type' lines in the interface")
        return found

    def parse_interface_impl(self) -> S.InterfaceImpl:
        """``interface IShape with`` and the members below it (or on the same line)."""
        tok = self.advance()  # interface
        iface = self.parse_type()
        members: list[S.MemberDef] = []
        if self.raw().is_kw("with"):
            self.advance()
            while self.starts_member() and (not self.raw().first or self.raw().col > tok.col):
                members.append(self.with_context(self.raw().col, self.parse_member))
            if self.raw().is_kw("end"):
                self.advance()
        return S.InterfaceImpl(tok.line, tok.col, iface, members)

    def starts_interface_impl(self) -> bool:
        tok = self.raw()
        return (
            tok.kind is TokenKind.IDENT
            and tok.value == "interface"
            and (self.raw(1).kind is TokenKind.IDENT)
        )

    def parse_class(self, name_tok: Token, name: str, params: list[str]) -> S.TypeDef:
        """``type Name(params) =`` and its body: ``let``, ``do``, ``member``, ``member val``
        lines, rewritten into a record and a constructor (:mod:`fusabi_host.lang.classes`)."""
        constructor = self.parse_pattern_atom()
        if self.raw().is_kw("as"):  # `type C() as this =`: the self name is not needed
            self.advance()
            self.expect_ident("a self name")
        eq = self.expect_op("=", f" after the constructor of class '{name}'")
        type_col = self.line_start.get(name_tok.line, 1)
        first = self.raw()
        if not first.first or first.col <= type_col:
            self.fail(first, f"expected the body of class '{name}' on the next lines, indented")
        del eq
        items: list[classes.ClassItem] = []

        def body() -> None:
            while True:
                tok = self.raw()
                if tok.kind is TokenKind.EOF or (tok.first and tok.col < first.col):
                    return
                if tok.first and tok.col > first.col:
                    self.fail(tok, f"unexpected indentation in class '{name}'")
                items.append(self.parse_class_item(tok))

        self.with_context(first.col, body)

        def fail(node: S.Node, message: str) -> NoReturn:
            found = next((t for t in self.toks if t.line == node.line and t.col == node.col), None)
            raise ParseError(found or name_tok, message)

        node = S.Name(name_tok.line, name_tok.col, [name])
        statics, record = classes.class_declaration(node, name, params, constructor, items, fail)
        self.statics_before.extend(statics)
        methods = frozenset(member.name for member in record.members or [])
        if methods & _BUILDER_METHODS:
            self.builder_classes[name] = methods
        return record

    def parse_class_item(self, tok: Token) -> classes.ClassItem:
        if tok.kind is TokenKind.IDENT and tok.value == "static" and self.raw(1).is_kw("let"):
            self.advance()
            _rec, bindings, _private = self.parse_let_bindings()
            if len(bindings) != 1:
                self.fail(tok, "write each 'static let' of a class on its own line")
            return classes.StaticLet(bindings[0])
        if tok.is_kw("let"):
            _rec, bindings, _private = self.parse_let_bindings()
            if len(bindings) != 1:
                self.fail(tok, "write each 'let' of a class on its own line")
            return bindings[0]
        if tok.is_kw("do"):
            self.advance()
            return self.body(tok)
        after = self.raw(1)
        if tok.is_kw("member") and after.kind is TokenKind.IDENT and after.value == "val":
            self.advance()
            self.advance()
            prop = self.expect_ident("a property name")
            if self.raw().is_op(":"):
                self.advance()
                self.parse_type()
            eq = self.expect_op("=", f" in 'member val {prop}'")
            value = self.body(eq)
            if self.raw().is_kw("with"):  # with get, set
                self.advance()
                while self.raw().kind is TokenKind.IDENT or self.raw().is_op(","):
                    self.advance()
            return (prop, value)
        if self.starts_member():
            return self.with_context(tok.col, self.parse_member)
        if self.starts_interface_impl():
            return self.with_context(tok.col, self.parse_interface_impl)
        if tok.kind is TokenKind.IDENT and tok.value in ("inherit", "interface", "abstract", "val"):
            self.fail(
                tok,
                f"'{tok.value}' in a class is not supported (a class here has a primary "
                "constructor, 'let', 'do' and members)",
            )
        if tok.is_kw("new"):
            self.fail(tok, "secondary constructors ('new') are not supported; use a static member")
        self.fail(tok, "expected 'let', 'do' or 'member' in the class body")

    def parse_type_members(self, type_col: int) -> tuple[list[S.MemberDef], list[S.InterfaceImpl]]:
        """The members after a record or union definition: indented ``member`` lines and
        ``interface I with`` blocks, or a ``with member ... end`` block (the ``end`` may be
        left out)."""
        members: list[S.MemberDef] = []
        interfaces: list[S.InterfaceImpl] = []
        with_tok = self.raw()
        in_with = with_tok.is_kw("with") and (not with_tok.first or with_tok.col > type_col)
        if in_with:
            self.advance()
        while (self.starts_member() or self.starts_interface_impl()) and (
            not self.raw().first or self.raw().col > type_col or in_with
        ):
            if self.starts_interface_impl():
                interfaces.append(self.with_context(self.raw().col, self.parse_interface_impl))
            else:
                members.append(self.with_context(self.raw().col, self.parse_member))
        if in_with and self.raw().is_kw("end"):
            self.advance()
        return members, interfaces

    def starts_member(self) -> bool:
        """Is the next token the start of a member: ``member``, ``static member``,
        ``override`` or ``default``?"""
        tok = self.raw()
        if tok.is_kw("member"):
            return True
        if tok.kind is TokenKind.IDENT and tok.value == "static":
            return self.raw(1).is_kw("member")
        return tok.kind is TokenKind.IDENT and tok.value in ("override", "default")

    def parse_member(self) -> S.MemberDef:
        """``member self.Name params = body`` or ``static member Name params = body``."""
        start = self.advance()
        static = start.value == "static"
        if static:
            self.advance()
        while self.raw().is_kw("private", "public", "internal", "inline"):
            self.advance()
        self_name: str | None = None
        if not static:
            self_tok = self.raw()
            if self_tok.kind is TokenKind.IDENT or self_tok.is_op("_"):
                self_name = str(self.advance().value)
            else:
                self.fail(self_tok, "expected the self name of a member, as in 'member this.Name'")
            self.expect_op(".", " after the member's self name")
        name_tok = self.raw()
        if static and name_tok.is_op("(") and self.raw(2).is_op(")"):  # static member (+) ...
            symbol = str(self.raw(1).value)
            name = S.OPERATOR_MEMBERS.get(symbol, "")
            if self.raw(1).kind is not TokenKind.OP or not name:
                self.fail(
                    self.raw(1),
                    f"an operator member must be one of {', '.join(S.OPERATOR_MEMBERS)}",
                )
            for _ in range(3):
                self.advance()
        else:
            name = self.expect_ident("a member name")
        params: list[S.Pattern] = []
        while not self.raw().is_op("=", ":") and self.starts_pattern_atom(self.raw()):
            params.append(self.parse_pattern_atom())
        return_type = None
        if self.raw().is_op(":"):
            self.advance()
            return_type = self.parse_type()
        eq = self.raw()
        if not eq.is_op("="):
            self.fail(eq, f"expected '=' in member '{name}'")
        self.advance()
        value = self.body(eq)
        return S.MemberDef(name_tok.line, name_tok.col, name, self_name, params, value, return_type)

    def ends_type_def(self, k: int) -> bool:
        tok = self.raw(k)
        return tok.kind is TokenKind.EOF or tok.first or tok.is_kw("and")

    def expect_closing_angle(self) -> None:
        tok = self.raw()
        if tok.is_op(">"):
            self.advance()
            return
        if tok.kind is TokenKind.OP and str(tok.value).startswith(">") and len(str(tok.value)) > 1:
            # split '>>' into '>' '>'
            rest = str(tok.value)[1:]
            self.toks[self.i] = Token(
                TokenKind.OP, rest, tok.line, tok.col + 1, False, False, tok.end_col
            )
            return
        self.fail(tok, "expected '>'")

    def parse_record_type(self) -> list[tuple[str, S.TypeExpr, bool]]:
        open_tok = self.advance()
        fields: list[tuple[str, S.TypeExpr, bool]] = []
        first = self.raw()

        def items() -> None:
            while not self.raw().is_op("}"):
                mutable = False
                if self.raw().is_kw("mutable"):
                    self.advance()
                    mutable = True
                fname = self.expect_ident("a field name")
                self.expect_op(":", f" after field '{fname}'")
                fields.append((fname, self.parse_type(), mutable))
                if self.raw().is_op(";"):
                    self.advance()
                elif not (self.raw().first or self.raw().is_op("}")):
                    self.fail(self.raw(), "expected ';', a new line or '}' in this record type")

        self.with_context(first.col, items)
        del open_tok
        self.expect_op("}")
        return fields

    def parse_union_cases(self) -> list[S.UnionCase]:
        cases: list[S.UnionCase] = []
        start = self.raw()
        if start.is_op("|"):
            self.advance()
        while True:
            tok = self.raw()
            self.skip_attributes()
            name = self.expect_ident("a union case name")
            if not _is_upper(name):
                self.fail(tok, f"union case names start with a capital letter ('{name}')")
            fields: list[tuple[str | None, S.TypeExpr]] = []
            enum_value: int | None = None
            if self.raw().is_kw("of"):
                self.advance()
                fields = self.parse_case_fields()
            elif self.raw().is_op("="):  # an enum case: `| Red = 1`
                self.advance()
                enum_value = self.parse_enum_value()
            cases.append(S.UnionCase(tok.line, tok.col, name, fields, enum_value))
            nxt = self.construct_token(start)
            if nxt.is_op("|"):
                self.advance()
                continue
            return cases

    def parse_enum_value(self) -> int:
        """The integer (or char) of an enum case; ``-`` before it negates it."""
        negative = self.raw().is_op("-")
        if negative:
            self.advance()
        tok = self.raw()
        if tok.kind is TokenKind.INT:
            self.advance()
            return -int(str(tok.value)) if negative else int(str(tok.value))
        if tok.kind is TokenKind.CHAR and not negative:
            self.advance()
            return ord(str(tok.value))
        self.fail(tok, "expected the integer of this enum case")

    def parse_case_fields(self) -> list[tuple[str | None, S.TypeExpr]]:
        fields: list[tuple[str | None, S.TypeExpr]] = []
        while True:
            label: str | None = None
            if self.raw().kind is TokenKind.IDENT and self.raw(1).is_op(":"):
                label = str(self.advance().value)
                self.advance()
            fields.append((label, self.parse_type(allow_tuple=False)))
            if self.raw().is_op("*"):
                self.advance()
                continue
            return fields

    # ------------------------------------------------------------------ types

    def parse_type(self, allow_tuple: bool = True) -> S.TypeExpr:
        tok = self.raw()
        self.nest(tok)
        items = [self.parse_type_app()]
        while allow_tuple and self.raw().is_op("*"):
            self.advance()
            items.append(self.parse_type_app())
        left: S.TypeExpr = items[0] if len(items) == 1 else S.TTupleExpr(tok.line, tok.col, items)
        if self.raw().is_op("->"):
            self.advance()
            result: S.TypeExpr = S.TFunExpr(tok.line, tok.col, left, self.parse_type())
        else:
            result = left
        self.skip_constraints()
        self.depth -= 1
        return result

    def skip_constraints(self) -> None:
        """``when 'a : comparison and 'b : equality`` after a type or type parameters: the
        type checker cannot express these constraints, so they are read and ignored.  (Only
        ``when`` before a type variable: ``when`` after a typed pattern is a guard.)"""
        while self.raw().is_kw("when", "and") and self.raw(1).kind is TokenKind.TYVAR:
            if self.raw().is_kw("and") and not self.raw(2).is_op(":", ":>"):
                return
            self.advance()
            self.advance()  # 'a
            if not self.raw().is_op(":", ":>"):
                self.fail(self.raw(), "expected ':' or ':>' in this type constraint")
            self.advance()
            if self.raw().is_op("("):  # 'a : (new : unit -> 'a), member constraints
                self.skip_balanced()
            elif self.raw().kind is TokenKind.KEYWORD:  # 'a : null, 'a : struct
                self.advance()
            elif self.raw().value == "not" and self.raw(1).kind is TokenKind.KEYWORD:
                self.advance()  # 'a : not struct
                self.advance()
            else:
                self.parse_type_app()

    def skip_balanced(self) -> None:
        """Skip a parenthesized group of tokens (a constraint the checker ignores)."""
        depth = 0
        while True:
            tok = self.advance()
            if tok.kind is TokenKind.EOF:
                self.fail(tok, "unterminated '(' in this type constraint")
            if tok.is_op("("):
                depth += 1
            elif tok.is_op(")"):
                depth -= 1
                if depth == 0:
                    return

    def parse_type_app(self) -> S.TypeExpr:
        depth = self.depth
        result = self.parse_type_atom()
        while (
            self.raw().kind is TokenKind.IDENT
            and not self.raw().first
            and not self.raw(1).is_op(":")
        ):
            tok = self.advance()
            self.nest(tok)
            result = S.TName(tok.line, tok.col, str(tok.value), [result])
        while self.raw().is_op("[") and (
            self.raw(1).is_op("]") or (self.raw(1).is_op(",") and self.raw(2).is_op("]"))
        ):  # int[] array, int[,] 2D array
            tok = self.advance()
            self.nest(tok)
            two = self.raw().is_op(",")
            if two:
                self.advance()
            self.advance()
            result = S.TName(tok.line, tok.col, "array2d" if two else "array", [result])
        self.depth = depth
        return result

    def parse_type_atom(self) -> S.TypeExpr:
        tok = self.raw()
        self.nest(tok)
        result = self.parse_type_atom_inner(tok)
        self.depth -= 1
        return result

    def parse_type_atom_inner(self, tok: Token) -> S.TypeExpr:
        if tok.kind is TokenKind.TYVAR:
            self.advance()
            return S.TVarExpr(tok.line, tok.col, str(tok.value))
        if tok.is_op("_"):
            self.advance()
            return S.TVarExpr(tok.line, tok.col, "_")
        if tok.is_op("#"):  # a flexible type, #seq<int>: taken as the type itself
            self.advance()
            return self.parse_type_atom()
        if tok.is_op("("):
            self.advance()
            inner = self.parse_type()
            self.expect_op(")")
            return inner
        if tok.is_op("{|"):
            self.advance()
            fields: list[tuple[str, S.TypeExpr]] = []
            while not self.raw().is_op("|}"):
                fname = self.expect_ident("a field name")
                self.expect_op(":")
                fields.append((fname, self.parse_type()))
                if self.raw().is_op(";"):
                    self.advance()
            self.advance()
            return S.TRecordExpr(tok.line, tok.col, fields)
        if tok.kind is TokenKind.IDENT:
            parts = self.parse_long_ident()
            args: list[S.TypeExpr] = []
            if self.raw().is_op("<") and not self.raw().space_before:
                self.advance()
                args.append(self.parse_type())
                while self.raw().is_op(","):
                    self.advance()
                    args.append(self.parse_type())
                self.expect_closing_angle()
            return S.TName(tok.line, tok.col, ".".join(parts), args)
        if tok.is_kw("unit"):  # pragma: no cover - 'unit' is an identifier
            self.advance()
            return S.TName(tok.line, tok.col, "unit")
        self.fail(tok, "expected a type")

    # ------------------------------------------------------------------ blocks

    def parse_seq(self) -> S.Expr:
        """Items of the current context: statements and expressions, separated by new lines
        at the context column or by ';'.  A ``let`` takes the rest of the items as its body."""
        first, consumed = self.parse_item_in_block()
        items = [first]
        while not consumed:
            tok = self.raw()
            if tok.is_op(";") and not self.offside(tok):
                self.advance()
                nxt = self.peek_operand()
                if (
                    nxt.kind is TokenKind.EOF
                    or (nxt.kind is TokenKind.OP and nxt.value in CLOSERS)
                    or (
                        nxt.kind is TokenKind.KEYWORD
                        and nxt.value in CONSTRUCT_KEYWORDS
                        and not self.at_bang("do")
                    )
                ):
                    break
            elif not self.starts_new_item(tok):
                break
            item, consumed = self.parse_item_in_block()
            items.append(item)
        if len(items) == 1:
            return items[0]
        return S.Sequence(items[0].line, items[0].col, items)

    def starts_new_item(self, tok: Token) -> bool:
        if tok.kind is TokenKind.EOF or not tok.first or tok.col != self.layout.column:
            return False
        if tok.kind is TokenKind.OP and (tok.value in CLOSERS or tok.value == "|"):
            return False
        if tok.kind is TokenKind.KEYWORD and tok.value in CONSTRUCT_KEYWORDS:
            return tok.value == "do" and tok is self.raw()  # (`do expr` / `do! expr`)
        return not (tok.kind is TokenKind.OP and not self.offside(tok))

    def parse_item_in_block(self) -> tuple[S.Expr, bool]:
        """One item; the flag says it consumed the rest of the block (a ``let``)."""
        tok = self.raw()
        if self.at_bang("let", "use"):
            return self.parse_bang_let(), True
        if tok.is_kw("let", "use"):
            return self.parse_let_expression(), True
        if self.at_bang("do"):
            self.advance()
            self.advance()  # !
            return S.BangDo(tok.line, tok.col, self.parse_operand_expr()), False
        if tok.is_kw("do"):  # F#'s `do expr` statement: the expression itself
            self.advance()
            return self.body(tok), False
        return self.parse_expr(), False

    def parse_let_expression(self) -> S.Expr:
        tok = self.raw()
        self.nest(tok)
        result = self.parse_let_expression_rest(tok)
        self.depth -= 1
        return result

    def parse_let_expression_rest(self, tok: Token) -> S.Expr:
        rec, bindings, _ = self.parse_let_bindings()
        nxt = self.construct_token(tok)
        if nxt.is_kw("in"):
            self.advance()
            if self.peek_operand().kind is TokenKind.EOF:
                self.fail(self.raw(), "expected an expression after 'in'")
            body = self.parse_seq()
        elif self.starts_new_item(self.raw()):
            body = self.parse_seq()
        else:
            self.fail(
                self.raw(),
                "this 'let' needs a body: an expression on the next line at the same "
                "indentation, or 'in' followed by one",
            )
        if tok.value == "use":
            return self.use_binding(tok, bindings, body)
        return S.Let(tok.line, tok.col, rec, bindings, body)

    def use_binding(self, tok: Token, bindings: list[S.Binding], body: S.Expr) -> S.Expr:
        """``use x = e`` then *body*: ``let x = e`` and *body*, after which ``x`` is disposed
        whatever happens (``op_Dispose``: its ``IDisposable.Dispose()`` when its type
        implements it, else nothing)."""
        if len(bindings) != 1 or bindings[0].params:
            self.fail(tok, "'use' binds one value")
        binding = bindings[0]
        pattern = binding.pattern
        inner = pattern.pattern if isinstance(pattern, S.PTyped) else pattern
        if isinstance(inner, S.PWild):
            inner = S.PVar(inner.line, inner.col, f" use {tok.line}:{tok.col}")
            binding.pattern = (
                S.PTyped(pattern.line, pattern.col, inner, pattern.type)
                if isinstance(pattern, S.PTyped)
                else inner
            )
        if not isinstance(inner, S.PVar):
            self.fail(tok, "'use' binds a name (use x = ...)")
        line, col = tok.line, tok.col
        dispose = S.App(
            line, col, S.Name(line, col, ["op_Dispose"]), [S.Name(line, col, [inner.name])]
        )
        return S.Let(line, col, False, bindings, S.TryFinally(line, col, body, dispose))

    # ------------------------------------------------------------------ expressions

    def parse_expr(self) -> S.Expr:
        tok = self.raw()
        expr = self.parse_tuple()
        nxt = self.peek()
        if nxt.is_op("<-"):
            self.advance()
            value = self.parse_operand_expr()
            return S.Assign(tok.line, tok.col, expr, value)
        if nxt.is_op(":="):
            self.advance()
            value = self.parse_operand_expr()
            return S.App(
                tok.line, tok.col, S.Name(tok.line, tok.col, ["op_ColonEquals"]), [expr, value]
            )
        return expr

    def parse_operand_expr(self) -> S.Expr:
        tok = self.peek_operand()
        if tok.kind is TokenKind.EOF:
            self.fail(tok, "expected an expression")
        if tok.first and tok.col > self.layout.column:
            return self.with_context(tok.col, self.parse_seq)
        return self.parse_expr()

    def parse_tuple(self) -> S.Expr:
        tok = self.raw()
        first = self.parse_binary(0)
        if not self.at_op(","):
            return first
        items = [first]
        while self.at_op(","):
            self.advance()
            if self.peek_operand().kind is TokenKind.EOF:
                self.fail(self.raw(), "expected an expression after ','")
            items.append(self.parse_binary(0))
        return S.TupleExpr(tok.line, tok.col, items)

    def parse_binary(self, level: int) -> S.Expr:
        """A chain of binary operators of *level* (an index of :data:`BINARY_LEVELS`) and
        tighter ones, by precedence climbing: one loop for the chain rather than a call per
        level for every operand.

        The loop meets operators from tighter to looser levels (a right operand takes every
        tighter one, and a cast ends the tighter chains, as a type cannot be their operand),
        and nests as a descent level by level would: each operator one level deeper than
        those of its own level before it."""
        left = self.parse_prefix()
        if level >= len(BINARY_LEVELS):
            return left
        base = self.depth
        chain_level, chain_length = -1, 0  # the level of the last operators, and how many
        tightest = len(BINARY_LEVELS) - 1  # the tightest level that may still follow
        while True:
            op_tok = self.peek()
            op_level = _binary_level(op_tok)
            if op_level is None or not level <= op_level <= tightest:
                self.depth = base
                return left
            if op_level != chain_level:
                chain_level, chain_length = op_level, 0
            self.depth = base + chain_length
            if op_tok.value in _CASTS:  # `x :> IShape`: a type
                self.advance()
                cast = self.parse_type()
                left = S.Upcast(op_tok.line, op_tok.col, left, cast, op_tok.value == ":?>")
                tightest = op_level
                continue
            self.advance()
            self.nest(op_tok)  # (a chain nests: each operator is one level above the last)
            chain_length += 1
            operand = self.peek_operand()
            if operand.kind is TokenKind.EOF:
                self.fail(operand, f"expected an expression after '{op_tok.value}'")
            right_assoc = BINARY_LEVELS[op_level][1]
            right = self.parse_binary(op_level if right_assoc else op_level + 1)
            left = S.BinOp(op_tok.line, op_tok.col, str(op_tok.value), left, right)

    def negated_minimum(self, minus: Token) -> S.Expr | None:
        """``-9223372036854775808`` (after *minus*): int64's minimum, whose digits alone are
        out of range, so it is read as one literal."""
        tok = self.raw()
        if (
            minus.value == "-"
            and tok.kind is TokenKind.INT
            and tok.value == INT64_LIMIT
            and not tok.space_before
        ):
            self.advance()
            return S.Lit(minus.line, minus.col, -INT64_LIMIT)
        return None

    def parse_prefix(self) -> S.Expr:
        tok = self.peek_operand()
        if tok.is_op("-", "+", "~~~", "-."):
            self.advance()
            minimum = self.negated_minimum(tok)
            if minimum is not None:
                return minimum
            self.nest(tok)
            operand = self.parse_prefix()
            self.depth -= 1
            if (
                tok.value == "-"
                and isinstance(operand, S.Lit)
                and type(operand.value)
                in (
                    int,
                    float,
                )
            ):
                value = operand.value
                return S.Lit(tok.line, tok.col, -value)  # type: ignore[operator]
            if tok.value == "+":
                return operand
            return S.UnOp(tok.line, tok.col, str(tok.value), operand)
        if tok.is_op("&") and self.raw(1).kind is TokenKind.IDENT:  # `&v`: an out argument
            self.advance()
            name_tok = self.advance()
            target = S.Name(name_tok.line, name_tok.col, [str(name_tok.value)])
            return S.UnOp(tok.line, tok.col, "&", target)
        return self.parse_app()

    def parse_app(self) -> S.Expr:
        tok = self.peek_operand()
        if tok.kind is TokenKind.EOF:
            self.fail(tok, "expected an expression")
        if tok.kind is TokenKind.KEYWORD and tok.value in (
            "let", "if", "match", "fun", "function", "try", "while", "for", "use", "yield",
            "return", "lazy", "assert",
        ):  # fmt: skip
            return self.parse_primary()
        func = self.parse_argument()  # (`!f x` is `(!f) x`, as in F#)
        args: list[S.Expr] = []
        while True:
            nxt = self.peek()
            if self.starts_argument(nxt):
                args.append(self.parse_argument())
            else:
                break
        if not args:
            return func
        return S.App(tok.line, tok.col, func, args)

    def starts_argument(self, tok: Token) -> bool:
        if tok.kind in (
            TokenKind.INT, TokenKind.FLOAT, TokenKind.STRING, TokenKind.CHAR, TokenKind.IDENT,
            TokenKind.INTERPOLATED,
        ):  # fmt: skip
            return True
        if tok.kind is TokenKind.KEYWORD:
            return tok.value in ("true", "false", "begin", "null")
        if tok.kind is TokenKind.OP:
            if tok.value in ("(", "[", "[|", "{", "{|"):
                return True
            if tok.value == "!":  # `f !r`: a dereference
                return not self.raw(1).space_before and self.starts_argument(self.raw(1))
            if tok.value == "-" and tok.space_before:
                after = self.raw(1)
                return (
                    not after.space_before
                    and after.kind in (TokenKind.INT, TokenKind.FLOAT, TokenKind.IDENT)
                    and not after.first
                )
        return False

    def parse_argument(self) -> S.Expr:
        tok = self.raw()
        if tok.is_op("!"):  # F#'s prefix `!r` (dereference) binds tighter than application
            self.advance()
            self.nest(tok)
            operand = self.parse_argument()
            self.depth -= 1
            return S.UnOp(tok.line, tok.col, "!", operand)
        if tok.is_op("-"):
            self.advance()
            minimum = self.negated_minimum(tok)
            if minimum is not None:
                return minimum
            operand = self.parse_postfix()
            if isinstance(operand, S.Lit) and type(operand.value) in (int, float, Decimal):
                return S.Lit(tok.line, tok.col, -operand.value)  # type: ignore[operator]
            return S.UnOp(tok.line, tok.col, "-", operand)
        return self.parse_postfix()

    def parse_postfix(self) -> S.Expr:
        expr = self.parse_primary()
        depth = self.depth
        while True:
            tok = self.raw()
            if tok.first and self.offside(tok):
                self.depth = depth
                return expr
            self.depth += 1  # (each link of `a.b(c).[d]` nests the ones before it)
            if self.depth > MAX_NESTING:
                raise NestingTooDeep(tok)
            if tok.is_op(".") and not tok.space_before:
                self.advance()
                name_tok = self.raw()
                if name_tok.kind is not TokenKind.IDENT:
                    self.fail(name_tok, "expected a field or member name after '.'")
                self.advance()
                expr = S.Field(name_tok.line, name_tok.col, expr, str(name_tok.value))
                continue
            if tok.is_op(".[") and not tok.space_before:
                self.advance()
                expr = self.parse_index_rest(tok, expr)
                continue
            if tok.is_op("[") and not tok.space_before and self.is_indexable(expr):
                self.advance()  # F# 6 style a[i]
                expr = self.parse_index_rest(tok, expr, closer="]")
                continue
            if tok.is_op("(") and not tok.space_before and self.is_callable_atom(expr):
                arg = self.parse_primary()
                expr = S.App(tok.line, tok.col, expr, [arg])
                continue
            self.depth = depth
            return expr

    def is_indexable(self, expr: S.Expr) -> bool:
        return isinstance(expr, S.Name | S.Field | S.Index | S.App) and not isinstance(expr, S.Lit)

    def is_callable_atom(self, expr: S.Expr) -> bool:
        return isinstance(expr, S.Name | S.Field | S.App | S.Index | S.TypeApp)

    def parse_index_rest(self, tok: Token, target: S.Expr, closer: str = "]") -> S.Expr:
        def inner() -> S.Expr:
            if self.raw().is_op(".."):
                self.advance()
                stop = self.parse_expr()
                return S.Slice(tok.line, tok.col, target, None, stop)
            if self.raw().is_op("*") and self.raw(1).is_op(","):  # g.[*, c]: a column
                self.advance()
                self.advance()
                return self.array2d_slice(tok, target, "column", self.parse_expr())
            if self.slices_a_row(closer):  # g.[r, *]: a row
                row = self.parse_binary(0)
                self.advance()  # ,
                self.advance()  # *
                return self.array2d_slice(tok, target, "row", row)
            start = self.parse_expr()
            if self.raw().is_op(".."):
                self.advance()
                end = None if self.raw().is_op(closer) else self.parse_expr()
                return S.Slice(tok.line, tok.col, target, start, end)
            return S.Index(tok.line, tok.col, target, start)

        result = self.with_context(self.raw().col, inner)
        self.expect_op(closer)
        return result

    def slices_a_row(self, closer: str) -> bool:
        """Does the index ahead read ``expr, *`` then *closer* (``g.[r, *]``)?  Scans the
        tokens to the first top-level comma."""
        depth, k = 0, 0
        while True:
            tok = self.raw(k)
            if tok.kind is TokenKind.EOF:
                return False
            if tok.is_op("(", "[", "[|", "{", ".["):
                depth += 1
            elif tok.is_op(")", "]", "|]", "}"):
                if depth == 0:
                    return False
                depth -= 1
            elif depth == 0 and tok.is_op(","):
                return self.raw(k + 1).is_op("*") and self.raw(k + 2).is_op(closer)
            k += 1

    def array2d_slice(self, tok: Token, target: S.Expr, kind: str, index: S.Expr) -> S.Expr:
        """``g.[r, *]`` (row r) or ``g.[*, c]`` (column c) of a 2D array: a new array,
        ``op_Array2DRow r g`` / ``op_Array2DColumn c g`` (other 2D slices are not supported)."""
        function = S.Name(
            tok.line, tok.col, ["op_Array2DRow" if kind == "row" else "op_Array2DColumn"]
        )
        return S.App(tok.line, tok.col, function, [index, target])

    def parse_primary(self) -> S.Expr:
        self.depth += 1  # (nest(), inlined: this is the parser's most frequent call)
        if self.depth > MAX_NESTING or self.i - self.charged >= TICKS:
            self.depth -= 1
            self.nest(self.raw())
        result = self.parse_primary_inner()
        self.depth -= 1
        return result

    def parse_primary_inner(self) -> S.Expr:
        tok = self.peek_operand()
        kind = tok.kind
        if kind is TokenKind.INT or kind is TokenKind.FLOAT or kind is TokenKind.STRING:
            if tok.value == INT64_LIMIT and kind is TokenKind.INT:
                self.fail_literal(tok)
            self.advance()
            return S.Lit(tok.line, tok.col, tok.value)
        if kind is TokenKind.CHAR:
            self.advance()
            return S.Lit(tok.line, tok.col, Char(str(tok.value)))
        if kind is TokenKind.IDENT:
            return self.parse_name()
        if kind is TokenKind.INTERPOLATED:
            return self.parse_interpolated(self.advance())
        if kind is TokenKind.KEYWORD:
            return self.parse_keyword_expr(tok)
        if kind is TokenKind.OP:
            value = tok.value
            if value == "(":
                return self.parse_paren()
            if value == "[":
                return self.parse_list("[", "]", "list")
            if value == "[|":
                return self.parse_list("[|", "|]", "array")
            if value == "{" and self.raw(1).kind in _RANGE_STARTS and self.raw(2).is_op(".."):
                return self.parse_computation("seq")  # `{ 1 .. 4 }`: F#'s range seq
            if value in ("{", "{|"):
                return self.parse_record()
        if kind is TokenKind.EOF:
            self.fail(tok, "expected an expression")
        self.fail(tok, "expected an expression")

    def parse_name(self) -> S.Expr:
        tok = self.advance()
        parts = [str(tok.value)]
        while self.raw().is_op(".") and not self.raw().space_before:
            nxt = self.raw(1)
            if nxt.kind is not TokenKind.IDENT or nxt.space_before:
                break
            self.advance()
            parts.append(str(self.advance().value))
        if self.depth + len(parts) > MAX_NESTING:  # (`a.b.c` is a chain of field accesses)
            raise NestingTooDeep(tok)
        if parts == ["seq"] and self.raw().is_op("{"):
            return self.parse_computation("seq")
        if parts == ["async"] and self.raw().is_op("{"):
            return self.parse_async()
        if len(parts) == 1 and parts[0] in self.builders and self.raw().is_op("{"):
            return self.parse_builder_expression(parts[0])
        name = S.Name(tok.line, tok.col, parts)
        if self.at_type_arguments():
            return S.TypeApp(tok.line, tok.col, name, self.parse_type_arguments())
        return name

    def at_type_arguments(self) -> bool:
        """After a name: is this ``<types>`` (``Map.empty<string, int>``), not ``<`` of a
        comparison?  F#'s rule: the ``<`` touches the name and the tokens up to the matching
        ``>`` can only be a list of types."""
        if not self.raw().is_op("<") or self.raw().space_before:
            return False
        depth = 0
        k = 0
        while True:
            tok = self.raw(k)
            if tok.kind in (TokenKind.IDENT, TokenKind.TYVAR):
                pass
            elif tok.kind is not TokenKind.OP or tok.value not in _TYPE_ARGUMENT_OPS:
                return False
            elif str(tok.value).startswith(">"):
                depth -= len(str(tok.value))
                if depth <= 0:
                    return depth == 0
            elif tok.value == "<":
                depth += 1
            k += 1
            if k > MAX_TYPE_ARGUMENT_TOKENS:
                return False

    def parse_type_arguments(self) -> list[S.TypeExpr]:
        """``<t1, t2>`` after a name (:meth:`at_type_arguments` said it is one)."""
        self.advance()  # <
        types = [self.parse_type()]
        while self.raw().is_op(","):
            self.advance()
            types.append(self.parse_type())
        self.expect_closing_angle()
        return types

    def parse_interpolated(self, tok: Token) -> S.Expr:
        """An interpolated string: each hole's tokens are parsed as one expression."""
        parts: list[str | S.InterpolatedHole] = []
        for part in tok.value:  # type: ignore[attr-defined]
            if isinstance(part, str):
                parts.append(part)
                continue
            assert isinstance(part, Hole)
            inner = Parser(list(part.tokens), self.filename, "")
            inner.source, inner.lines = self.source, self.lines  # (shared: no copy per hole)
            inner.depth = self.depth
            expr = inner.parse_expr()
            rest = inner.raw()
            if rest.kind is not TokenKind.EOF:
                self.fail(rest, f"unexpected {rest.describe()} in this hole of the string")
            self.errors.extend(inner.errors)
            parts.append(S.InterpolatedHole(part.line, part.col, expr, part.printf, part.spec))
        return S.Interpolated(tok.line, tok.col, parts)

    def parse_computation(self, kind: str) -> S.Expr:
        open_tok = self.advance()
        first = self.raw()

        def inner() -> S.Expr:
            if not first.is_kw("for", "yield", "let", "if", "match", "while"):
                start = self.parse_expr()
                if self.raw().is_op(".."):  # seq { 1 .. 4 }
                    self.advance()
                    stop = self.parse_expr()
                    step = None
                    if self.raw().is_op(".."):
                        self.advance()
                        step, stop = stop, self.parse_expr()
                    return S.Range(open_tok.line, open_tok.col, start, step, stop, kind)
                if self.raw().is_op("}"):
                    return S.Comprehension(open_tok.line, open_tok.col, implicit_yield(start), kind)
                rest: S.Expr | None = None
                if self.raw().is_op(";"):
                    self.advance()
                    rest = self.parse_seq()
                elif self.raw().first:
                    rest = self.parse_seq()
                if rest is None:
                    return S.Comprehension(open_tok.line, open_tok.col, implicit_yield(start), kind)
                items = rest.items if isinstance(rest, S.Sequence) else [rest]
                body: S.Expr = S.Sequence(start.line, start.col, [start, *items])
            else:
                body = self.parse_seq()
            if not self.contains_yield(body):
                body = implicit_yield(body)
            return S.Comprehension(open_tok.line, open_tok.col, body, kind)

        result = self.with_context(first.col, inner)
        self.expect_op("}", " to close 'seq {'")
        return result

    def parse_async(self) -> S.Expr:
        """``async { body }``, desugared into ``Async`` builder calls at once
        (:mod:`fusabi_host.lang.asyncexpr`)."""
        open_tok = self.advance()
        body: S.Expr | None = None
        if not self.raw().is_op("}"):
            body = self.with_context(self.raw().col, self.parse_seq)
        self.expect_op("}", " to close 'async {'")

        def fail(line: int, col: int, message: str) -> NoReturn:
            found = next((t for t in self.toks if t.line == line and t.col == col), open_tok)
            raise ParseError(found, message)

        return asyncexpr.desugar(body, open_tok.line, open_tok.col, fail)

    def note_builder(self, name: str, value: S.Expr) -> None:
        """Remember *name* as a computation-expression builder when *value* makes one
        (``MaybeBuilder()``, ``new MaybeBuilder()``), and forget an older one it hides."""
        self.builders.pop(name, None)
        if (
            isinstance(value, S.App)
            and isinstance(value.func, S.Name)
            and len(value.func.parts) == 1
            and value.func.parts[0] in self.builder_classes
        ):
            self.builders[name] = self.builder_classes[value.func.parts[0]]

    def parse_builder_expression(self, builder: str) -> S.Expr:
        """``maybe { body }`` for a builder value of the script (see :meth:`note_builder`),
        desugared into calls of its methods (:func:`asyncexpr.desugar_builder`)."""
        open_tok = self.advance()
        body: S.Expr | None = None
        if not self.raw().is_op("}"):
            body = self.with_context(self.raw().col, self.parse_seq)
        self.expect_op("}", f" to close '{builder} {{'")

        def fail(line: int, col: int, message: str) -> NoReturn:
            found = next((t for t in self.toks if t.line == line and t.col == col), open_tok)
            raise ParseError(found, message)

        members = self.builders[builder]
        return asyncexpr.desugar_builder(builder, members, body, open_tok.line, open_tok.col, fail)

    def at_bang(self, *words: str) -> bool:
        """Is the next token one of *words* with ``!`` touching it (``let!``, ``do!``)?"""
        nxt = self.raw(1)
        return self.raw().is_kw(*words) and nxt.is_op("!") and not nxt.space_before

    def parse_bang_let(self) -> S.Expr:
        """``let! p = e`` / ``use! p = e`` and the rest of the block (its body)."""
        tok = self.advance()
        self.advance()  # !
        self.nest(tok)
        pattern = self.parse_pattern()
        eq = self.expect_op("=", f" after the pattern of '{tok.value}!'")
        value = self.body(eq)
        nxt = self.construct_token(tok)
        if nxt.is_kw("in"):
            self.advance()
            body = self.parse_seq()
        elif self.starts_new_item(self.raw()):
            body = self.parse_seq()
        else:
            self.fail(
                self.raw(),
                f"this '{tok.value}!' needs a body: the rest of the workflow on the next line",
            )
        self.depth -= 1
        return S.BangLet(tok.line, tok.col, pattern, value, body, str(tok.value))

    def parse_keyword_expr(self, tok: Token) -> S.Expr:
        word = tok.value
        if word in ("true", "false"):
            self.advance()
            return S.Lit(tok.line, tok.col, word == "true")
        if word in ("let", "use"):
            if self.at_bang("let", "use"):
                return self.with_context(tok.col, self.parse_bang_let)
            return self.with_context(tok.col, self.parse_let_expression)
        if word == "if":
            return self.parse_if()
        if word == "match":
            return self.parse_match()
        if word == "fun":
            return self.parse_lambda()
        if word == "function":
            return self.parse_function()
        if word == "try":
            return self.parse_try()
        if word == "while":
            return self.parse_while()
        if word == "for":
            return self.parse_for()
        if word == "begin":
            self.advance()
            first = self.raw()
            inner = self.with_context(first.col, self.parse_seq)
            self.expect_kw("end", tok, " to close 'begin'")
            return inner
        if word in ("yield", "return"):
            self.advance()
            many = False
            if self.raw().is_op("!") and not self.raw().space_before:
                self.advance()
                many = True
            value = self.parse_operand_expr()
            return S.Yield(tok.line, tok.col, value, many, is_return=word == "return")
        if word in ("break", "continue"):
            self.advance()
            return S.LoopControl(tok.line, tok.col, str(word))
        if word == "null":
            self.fail(tok, "'null' does not exist in Fusabi; use an option (None)")
        if word == "assert":
            self.advance()
            arg = self.parse_argument()
            return S.App(tok.line, tok.col, S.Name(tok.line, tok.col, ["assert"]), [arg])
        if word == "new":  # `new StringBuilder()`: the constructor, applied as usual
            self.advance()
            return self.parse_primary()
        if word == "lazy":  # F#'s `lazy expr`: Lazy.Create (fun () -> expr)
            self.advance()
            body = self.parse_argument()
            thunk = S.Lambda(tok.line, tok.col, [S.PLit(tok.line, tok.col, None)], body)
            create = S.Name(tok.line, tok.col, ["Lazy", "Create"])
            return S.App(tok.line, tok.col, create, [thunk])
        self.fail(tok, "expected an expression")

    def parse_if(self) -> S.Expr:
        tok = self.advance()
        self.nest(tok)
        result = self.parse_if_rest(tok)
        self.depth -= 1
        return result

    def parse_if_rest(self, tok: Token) -> S.Expr:
        cond = self.with_context(self.raw().col, self.parse_expr)
        then_tok = self.expect_kw("then", tok, " after the 'if' condition")
        then = self.body(then_tok, anchor=tok)
        nxt = self.construct_token(tok)
        if nxt.is_kw("elif"):
            orelse: S.Expr | None = self.parse_if()
        elif nxt.is_kw("else"):
            else_tok = self.advance()
            if self.raw().is_kw("if") and self.raw().line == else_tok.line:
                orelse = self.parse_if()
            else:
                orelse = self.body(else_tok)
        else:
            orelse = None
        return S.If(tok.line, tok.col, cond, then, orelse)

    def parse_match(self) -> S.Expr:
        tok = self.advance()
        subject = self.with_context(self.raw().col, self.parse_expr)
        self.expect_kw("with", tok, " after the value to match")
        arms = self.parse_arms(tok)
        return S.Match(tok.line, tok.col, subject, arms)

    def parse_arms(self, start: Token) -> list[S.Arm]:
        arms: list[S.Arm] = []
        if self.construct_token(start).is_op("|"):
            self.advance()
        while True:
            pat_tok = self.raw()
            pattern = self.parse_pattern()
            while not self.raw().is_op("->") and not self.raw().is_kw("when"):
                # F#'s or-pattern over several lines: `| 0, _` newline `| _, 0 -> ...`
                bar = self.construct_token(start)
                if not bar.is_op("|"):
                    break
                self.advance()
                pattern = S.POr(bar.line, bar.col, pattern, self.parse_pattern())
            guard = None
            if self.raw().is_kw("when"):
                self.advance()
                guard = self.with_context(self.raw().col, self.parse_expr)
            arrow = self.raw()
            if not arrow.is_op("->"):
                self.fail(arrow, "expected '->' after the pattern")
            self.advance()
            body = self.body(arrow)
            arms.append(S.Arm(pat_tok.line, pat_tok.col, pattern, guard, body))
            if self.construct_token(start).is_op("|"):
                self.advance()
                continue
            return arms

    def parse_lambda(self) -> S.Expr:
        tok = self.advance()
        params: list[S.Pattern] = []
        while not self.raw().is_op("->"):
            if not self.starts_pattern_atom(self.raw()):
                self.fail(self.raw(), "expected a parameter or '->' in this 'fun'")
            params.append(self.parse_pattern_atom())
        if not params:
            self.fail(self.raw(), "expected a parameter after 'fun'")
        arrow = self.advance()
        body = self.body(arrow, undent=True)
        return S.Lambda(tok.line, tok.col, params, body)

    def parse_function(self) -> S.Expr:
        tok = self.advance()
        arms = self.parse_arms(tok)
        param = S.PVar(tok.line, tok.col, " function_arg")
        subject = S.Name(tok.line, tok.col, [" function_arg"])
        body = S.Match(tok.line, tok.col, subject, arms)
        return S.Lambda(tok.line, tok.col, [param], body)

    def parse_try(self) -> S.Expr:
        tok = self.advance()
        body = self.body(tok)
        nxt = self.construct_token(tok)
        if nxt.is_kw("with"):
            self.advance()
            arms = self.parse_arms(tok)
            return S.Try(tok.line, tok.col, body, arms)
        if nxt.is_kw("finally"):
            fin = self.advance()
            return S.TryFinally(tok.line, tok.col, body, self.body(fin))
        self.fail(nxt, "expected 'with' or 'finally' after the 'try' body")

    def parse_while(self) -> S.Expr:
        tok = self.advance()
        cond = self.with_context(self.raw().col, self.parse_expr)
        do_tok = self.expect_kw("do", tok, " after the 'while' condition")
        body = self.body(do_tok, anchor=tok)
        if self.construct_token(tok).is_kw("done"):
            self.advance()
        return S.While(tok.line, tok.col, cond, body)

    def parse_for(self) -> S.Expr:
        tok = self.advance()
        # for i = a to b do / for i in a .. b do / for pat in expr do
        if self.raw().kind is TokenKind.IDENT and self.raw(1).is_op("="):
            var = str(self.advance().value)
            self.advance()
            start = self.parse_expr()
            direction = self.raw()
            if not direction.is_kw("to", "downto"):
                self.fail(direction, "expected 'to' or 'downto'")
            self.advance()
            limit = self.parse_expr()
            do_tok = self.expect_kw("do", tok)
            loop_body = self.body(do_tok, anchor=tok)
            if self.construct_token(tok).is_kw("done"):
                self.advance()
            return S.For(
                tok.line,
                tok.col,
                var,
                start,
                limit,
                None,
                direction.value == "downto",
                loop_body,
            )
        pattern = self.parse_pattern()
        self.expect_kw("in", tok, " in this 'for' loop")
        source = self.parse_binary(0)
        step: S.Expr | None = None
        stop: S.Expr | None = None
        if self.raw().is_op(".."):
            self.advance()
            second = self.parse_binary(0)
            if self.raw().is_op(".."):
                self.advance()
                step, stop = second, self.parse_binary(0)
            else:
                stop = second
        if self.raw().is_op("->"):  # [for x in xs -> e]
            arrow = self.advance()
            value = self.body(arrow)
            body: S.Expr = S.Yield(arrow.line, arrow.col, value)
        else:
            do_tok = self.expect_kw("do", tok, " in this 'for' loop")
            body = self.body(do_tok, anchor=tok)
            if self.construct_token(tok).is_kw("done"):
                self.advance()
        if stop is not None:
            if isinstance(pattern, S.PVar):
                return S.For(tok.line, tok.col, pattern.name, source, stop, step, False, body)
            if isinstance(pattern, S.PWild):
                return S.For(tok.line, tok.col, " _", source, stop, step, False, body)
            range_expr = S.Range(tok.line, tok.col, source, step, stop, "seq")
            return S.ForIn(tok.line, tok.col, pattern, range_expr, body)
        return S.ForIn(tok.line, tok.col, pattern, source, body)

    def parse_paren(self) -> S.Expr:
        open_tok = self.advance()
        tok = self.raw()
        if tok.is_op(")"):
            self.advance()
            return S.Lit(open_tok.line, open_tok.col, None)
        own = tok.kind is TokenKind.OP and custom_level(str(tok.value)) is not None
        if own and self.raw(1).is_op(")"):  # `(>>=)`: a script's own operator as a value
            self.advance()
            self.advance()
            return S.Name(open_tok.line, open_tok.col, [str(tok.value)])
        if tok.kind is TokenKind.OP and tok.value in OPERATOR_SECTIONS and self.raw(1).is_op(")"):
            self.advance()
            self.advance()
            return S.OpRef(open_tok.line, open_tok.col, str(tok.value))
        if tok.is_op("*") and self.raw(1).is_op(")"):
            self.advance()
            self.advance()
            return S.OpRef(open_tok.line, open_tok.col, "*")

        def inner() -> S.Expr:
            expr = self.parse_seq()
            if self.raw().is_op(":") and not self.raw().is_op(":="):
                colon = self.advance()
                expr = S.Typed(colon.line, colon.col, expr, self.parse_type())
            return expr

        expr = self.with_context(tok.col, inner)
        close = self.raw()
        if not close.is_op(")"):
            self.fail(close, f"expected ')' to close the '(' at line {open_tok.line}")
        self.advance()
        return expr

    def parse_list(self, opener: str, closer: str, kind: str) -> S.Expr:
        open_tok = self.advance()
        tok = self.raw()
        if tok.is_op(closer):
            self.advance()
            if kind == "list":
                return S.ListExpr(open_tok.line, open_tok.col, [])
            return S.ArrayExpr(open_tok.line, open_tok.col, [])

        def inner() -> S.Expr:
            first_tok = self.raw()
            if first_tok.is_kw("for", "yield", "let", "if", "match", "while", "try"):
                return self.computed_list(open_tok, self.parse_seq(), kind)
            first = self.parse_expr()
            if self.raw().is_op(".."):
                self.advance()
                second = self.parse_expr()
                step = None
                stop = second
                if self.raw().is_op(".."):
                    self.advance()
                    step, stop = second, self.parse_expr()
                return S.Range(open_tok.line, open_tok.col, first, step, stop, kind)
            items = [first]
            while True:
                nxt = self.raw()
                if nxt.is_op(";"):
                    self.advance()
                    if self.raw().is_op(closer):
                        break
                    items.append(self.parse_expr())
                elif nxt.is_op(",") and kind == "list" and not nxt.first:  # REF: [a, b]
                    self.advance()
                    items.append(self.parse_expr())
                elif self.starts_new_item(nxt):
                    items.append(self.parse_expr())
                else:
                    break
            if any(isinstance(item, _COMPUTED_ELEMENTS) for item in items):
                body = items[0] if len(items) == 1 else S.Sequence(first.line, first.col, items)
                return self.computed_list(open_tok, body, kind)
            return self.make_list(open_tok, items, kind)

        result = self.with_context(tok.col, inner)
        close = self.raw()
        if not close.is_op(closer):
            self.fail(close, f"expected '{closer}' to close the '{opener}' at line {open_tok.line}")
        self.advance()
        return result

    def computed_list(self, tok: Token, body: S.Expr, kind: str) -> S.Comprehension:
        """A list or array whose elements include control flow (``[a; if c then b; d]``,
        ``[for x in xs -> x]``): as in F#, a comprehension; without an explicit ``yield``
        each element is an implicit one (a unit-typed element is a statement instead)."""
        if not self.contains_yield(body):
            body = implicit_yield(body)
        return S.Comprehension(tok.line, tok.col, body, kind)

    def make_list(self, tok: Token, items: list[S.Expr], kind: str) -> S.Expr:
        if kind == "list":
            return S.ListExpr(tok.line, tok.col, items)
        return S.ArrayExpr(tok.line, tok.col, items)

    def contains_yield(self, expr: S.Expr) -> bool:
        stack: list[object] = [expr]
        while stack:
            node = stack.pop()
            if isinstance(node, S.Yield):
                return True
            if isinstance(node, S.Lambda | S.Comprehension):
                continue
            if isinstance(node, S.Node):
                for name in node.__slots__:
                    value = getattr(node, name, None)
                    if isinstance(value, S.Node):
                        stack.append(value)
                    elif isinstance(value, list):
                        stack.extend(v for v in value if isinstance(v, S.Node))
                        stack.extend(v[1] for v in value if isinstance(v, tuple) and len(v) == 2)
        return False

    def parse_record(self) -> S.Expr:
        open_tok = self.advance()
        anonymous = open_tok.value == "{|"
        closer = "|}" if anonymous else "}"
        tok = self.raw()
        if tok.is_op(closer):
            self.advance()
            return S.RecordExpr(open_tok.line, open_tok.col, [], anonymous)

        if tok.is_kw("new") and not anonymous:
            return self.parse_object_expression(open_tok)

        def inner() -> S.Expr:
            base: S.Expr | None = None
            if not self.at_field_assignment():
                base = self.parse_binary(0)
                with_tok = self.raw()
                if not with_tok.is_kw("with"):
                    self.fail(with_tok, "expected 'field = value' or 'record with ...' in braces")
                self.advance()
            fields = self.parse_field_assignments(closer)
            if base is not None:
                return S.RecordUpdate(
                    open_tok.line, open_tok.col, base, fields, anonymous=anonymous
                )
            return S.RecordExpr(open_tok.line, open_tok.col, fields, anonymous)

        result = self.with_context(tok.col, inner)
        close = self.raw()
        if not close.is_op(closer):
            self.fail(close, f"expected '{closer}' to close the record at line {open_tok.line}")
        self.advance()
        return result

    def parse_object_expression(self, open_tok: Token) -> S.Expr:
        """``{ new IShape with member _.Area = 1.0 ... }`` (after the ``{``)."""
        new_tok = self.advance()
        iface = self.parse_type()
        if self.raw().is_op("("):
            self.fail(self.raw(), "object expressions of classes ('new Base(...)') are not "
                      "supported; implement an interface")  # fmt: skip
        self.expect_kw("with", what=" after the interface of this object expression")

        def members() -> list[S.MemberDef]:
            found: list[S.MemberDef] = []
            while self.starts_member():
                found.append(self.with_context(self.raw().col, self.parse_member))
            return found

        found = self.with_context(self.raw().col, members)
        if self.starts_interface_impl():
            self.fail(self.raw(), "an object expression implementing several interfaces is not "
                      "supported")  # fmt: skip
        close = self.raw()
        if not close.is_op("}"):
            self.fail(close, f"expected '}}' to close the object expression (line {open_tok.line})")
        self.advance()
        return S.ObjectExpr(new_tok.line, new_tok.col, iface, found)

    def at_field_assignment(self) -> bool:
        """Is the next text ``name =`` or ``Type.name =`` (a record field)?"""
        k = 0
        while self.raw(k).kind is TokenKind.IDENT:
            if self.raw(k + 1).is_op("="):
                return True
            if not self.raw(k + 1).is_op("."):
                return False
            k += 2
        return False

    def parse_field_assignments(self, closer: str) -> list[tuple[str, S.Expr]]:
        fields: list[tuple[str, S.Expr]] = []
        first = self.raw()

        def items() -> None:
            while True:
                name_tok = self.raw()
                if name_tok.is_op(closer):
                    return
                parts = self.parse_long_ident()
                name = parts[-1]
                eq = self.raw()
                if not eq.is_op("="):
                    self.fail(eq, f"expected '=' after field '{name}'")
                self.advance()
                value = self.body(eq, self.parse_expr)
                fields.append((name, value))
                nxt = self.raw()
                if nxt.is_op(";"):
                    self.advance()
                    continue
                if self.starts_new_item(nxt):
                    continue
                return

        self.with_context(first.col, items)
        return fields

    # ------------------------------------------------------------------ patterns

    def starts_pattern_atom(self, tok: Token) -> bool:
        if tok.kind in (
            TokenKind.INT, TokenKind.FLOAT, TokenKind.STRING, TokenKind.CHAR, TokenKind.IDENT,
        ):  # fmt: skip
            return True
        if tok.kind is TokenKind.KEYWORD:
            return tok.value in ("true", "false", "null")
        return tok.kind is TokenKind.OP and tok.value in ("_", "(", "[", "[|", "{", "-", ":?")

    def parse_pattern(self) -> S.Pattern:
        tok = self.raw()
        pattern = self.parse_pattern_or()
        while self.raw().is_kw("as"):
            self.advance()
            name = self.expect_ident("a name after 'as'")
            pattern = S.PAs(tok.line, tok.col, pattern, name)
        return pattern

    def parse_pattern_or(self) -> S.Pattern:
        tok = self.raw()
        depth = self.depth
        left = self.parse_pattern_tuple()
        while self.raw().is_op("|") and not self.raw().first:
            self.nest(self.advance())
            right = self.parse_pattern_tuple()
            left = S.POr(tok.line, tok.col, left, right)
        self.depth = depth
        return left

    def parse_pattern_tuple(self) -> S.Pattern:
        tok = self.raw()
        first = self.parse_pattern_cons()
        if not self.raw().is_op(","):
            return first
        items = [first]
        while self.raw().is_op(","):
            self.advance()
            items.append(self.parse_pattern_cons())
        return S.PTuple(tok.line, tok.col, items)

    def parse_pattern_cons(self) -> S.Pattern:
        tok = self.raw()
        head = self.parse_pattern_app()
        if self.raw().is_op("::"):
            self.nest(self.advance())
            tail = self.parse_pattern_cons()
            self.depth -= 1
            return S.PCons(tok.line, tok.col, head, tail)
        return head

    def parse_pattern_app(self) -> S.Pattern:
        tok = self.raw()
        if tok.kind is TokenKind.IDENT and (_is_upper(str(tok.value)) or self.raw(1).is_op(".")):
            path = self.parse_long_ident()
            if not _is_upper(path[-1]):
                if len(path) == 1:
                    return S.PVar(tok.line, tok.col, path[0])
                self.fail(tok, f"'{'.'.join(path)}' is not a union case")
            nxt = self.raw()
            if nxt.is_op("(") and self.raw(1).kind is TokenKind.IDENT and self.raw(2).is_op("="):
                return self.parse_named_case_fields(tok, path)
            args: list[S.Pattern] = []
            while (
                self.starts_pattern_atom(self.raw())
                and not self.raw().first
                and not (self.raw().is_op("-"))
            ):
                args.append(self.parse_pattern_atom())
            if not args:
                return S.PCtor(tok.line, tok.col, path, None)
            if len(args) == 1 and isinstance(args[0], S.PTuple):
                return S.PCtor(tok.line, tok.col, path, list(args[0].items))
            return S.PCtor(tok.line, tok.col, path, args)
        return self.parse_pattern_atom()

    def parse_type_test(self, tok: Token) -> S.Pattern:
        """``:? System.ArgumentException`` (the type test of a ``try ... with`` handler) or
        ``:? int``, ``:? list<int>``, ``:? int list``: the test names the outermost type (the
        element types of a collection are not tested)."""
        self.advance()  # :?
        if self.raw().kind is not TokenKind.IDENT:
            self.fail(self.raw(), "expected a type name after ':?'")
        path = self.parse_long_ident()
        if self.raw().is_op("<") and not self.raw().space_before:
            self.parse_type_arguments_after_name()
        while self.raw().kind is TokenKind.IDENT and self.raw().value in _POSTFIX_TYPES:
            path = [str(self.advance().value)]  # `int list`: a list
        return S.PTypeTest(tok.line, tok.col, path)

    def parse_type_arguments_after_name(self) -> None:
        """Skip ``<int, string>`` after a type test's type name (see :meth:`parse_type_test`)."""
        self.advance()  # <
        while True:
            self.parse_type()
            if self.raw().is_op(","):
                self.advance()
                continue
            self.expect_closing_angle()
            return

    def parse_named_case_fields(self, tok: Token, path: list[str]) -> S.Pattern:
        self.advance()  # (
        named: list[tuple[str, S.Pattern]] = []
        while True:
            name = self.expect_ident("a field name")
            self.expect_op("=")
            named.append((name, self.parse_pattern_cons()))
            if self.raw().is_op(";", ","):
                self.advance()
                continue
            break
        self.expect_op(")")
        return S.PCtor(tok.line, tok.col, path, None, named)

    def parse_pattern_atom(self) -> S.Pattern:
        tok = self.raw()
        self.nest(tok)
        result = self.parse_pattern_atom_inner(tok)
        self.depth -= 1
        return result

    def parse_pattern_atom_inner(self, tok: Token) -> S.Pattern:
        kind = tok.kind
        if kind is TokenKind.INT or kind is TokenKind.FLOAT or kind is TokenKind.STRING:
            if tok.value == INT64_LIMIT and kind is TokenKind.INT:
                self.fail_literal(tok)
            self.advance()
            return S.PLit(tok.line, tok.col, tok.value)
        if kind is TokenKind.CHAR:
            self.advance()
            return S.PLit(tok.line, tok.col, Char(str(tok.value)))
        if tok.is_kw("true", "false"):
            self.advance()
            return S.PLit(tok.line, tok.col, tok.value == "true")
        if tok.is_op("-"):
            self.advance()
            num = self.raw()
            if num.kind not in (TokenKind.INT, TokenKind.FLOAT):
                self.fail(num, "expected a number after '-' in a pattern")
            if num.value == INT64_LIMIT and num.kind is TokenKind.INT and num.space_before:
                self.fail_literal(num)
            self.advance()
            return S.PLit(tok.line, tok.col, -num.value)  # type: ignore[operator]
        if tok.is_op("_"):
            self.advance()
            return S.PWild(tok.line, tok.col)
        if tok.is_op(":?"):
            return self.parse_type_test(tok)
        if kind is TokenKind.IDENT:
            if _is_upper(str(tok.value)) or self.raw(1).is_op("."):
                path = self.parse_long_ident()
                return S.PCtor(tok.line, tok.col, path, None)
            self.advance()
            return S.PVar(tok.line, tok.col, str(tok.value))
        if tok.is_op("("):
            self.advance()
            if self.raw().is_op(")"):
                self.advance()
                return S.PLit(tok.line, tok.col, None)

            def inner() -> S.Pattern:
                start = self.raw()
                pattern = self.parse_pattern()
                if self.raw().is_op(":"):
                    self.advance()
                    if isinstance(pattern, S.PTuple) and (pattern.line, pattern.col) == (
                        start.line,
                        start.col,
                    ):  # (a, b: string): F# annotates the last item, not the tuple
                        last = pattern.items[-1]
                        annotated = S.PTyped(last.line, last.col, last, self.parse_type())
                        pattern = S.PTuple(
                            pattern.line, pattern.col, [*pattern.items[:-1], annotated]
                        )
                    else:
                        pattern = S.PTyped(tok.line, tok.col, pattern, self.parse_type())
                    if self.raw().is_op(","):  # (a: int, b: int): each item annotated
                        items: list[S.Pattern] = (
                            list(pattern.items) if isinstance(pattern, S.PTuple) else [pattern]
                        )
                        while self.raw().is_op(","):
                            self.advance()
                            item_tok = self.raw()
                            item = self.parse_pattern_cons()
                            if self.raw().is_op(":"):
                                self.advance()
                                item = S.PTyped(
                                    item_tok.line, item_tok.col, item, self.parse_type()
                                )
                            items.append(item)
                        pattern = S.PTuple(tok.line, tok.col, items)
                return pattern

            pattern = self.with_context(self.raw().col, inner)
            self.expect_op(")", " to close the pattern")
            return pattern
        if tok.is_op("[", "[|"):
            closer = "]" if tok.value == "[" else "|]"
            self.advance()
            items: list[S.Pattern] = []
            while not self.raw().is_op(closer):
                items.append(self.parse_pattern())
                if self.raw().is_op(";"):
                    self.advance()
                elif not self.raw().is_op(closer) and not self.raw().first:
                    self.fail(self.raw(), f"expected ';' or '{closer}' in this pattern")
            self.advance()
            if closer == "]":
                return S.PList(tok.line, tok.col, items)
            return S.PArray(tok.line, tok.col, items)
        if tok.is_op("{"):
            self.advance()
            fields: list[tuple[str, S.Pattern]] = []
            while not self.raw().is_op("}"):
                name = self.parse_long_ident()[-1]
                self.expect_op("=", f" after field '{name}' in this pattern")
                fields.append((name, self.parse_pattern()))
                if self.raw().is_op(";"):
                    self.advance()
            self.advance()
            return S.PRecord(tok.line, tok.col, fields)
        if tok.is_kw("null"):
            self.fail(tok, "'null' does not exist in Fusabi")
        self.fail(tok, "expected a pattern")


# Elements that make ``[ ... ]`` / ``[| ... |]`` a comprehension rather than a plain list of
# values (F#'s rule: control flow, bindings and yields are not simple list elements).
_COMPUTED_ELEMENTS = (
    S.If,
    S.Match,
    S.For,
    S.ForIn,
    S.While,
    S.Let,
    S.Yield,
    S.Try,
    S.TryFinally,
)


def implicit_yield(expr: S.Expr) -> S.Expr:
    """F#'s implicit yield: in a list, array or sequence expression without ``yield``, every
    expression in statement or result position is an element when its value is not unit
    (inference decides from the type; :class:`S.Yield` ``implicit`` marks it)."""
    if isinstance(expr, S.For | S.ForIn | S.While):
        expr.body = implicit_yield(expr.body)
        return expr
    if isinstance(expr, S.Try):
        expr.body = implicit_yield(expr.body)
        for arm in expr.arms:
            arm.body = implicit_yield(arm.body)
        return expr
    if isinstance(expr, S.TryFinally):
        expr.body = implicit_yield(expr.body)
        return expr
    if isinstance(expr, S.If):
        expr.then = implicit_yield(expr.then)
        if expr.orelse is not None:
            expr.orelse = implicit_yield(expr.orelse)
        return expr
    if isinstance(expr, S.Match):
        for arm in expr.arms:
            arm.body = implicit_yield(arm.body)
        return expr
    if isinstance(expr, S.Let):
        expr.body = implicit_yield(expr.body)
        return expr
    if isinstance(expr, S.Sequence):
        expr.items = [implicit_yield(item) for item in expr.items]
        return expr
    if isinstance(expr, S.Assign | S.Yield | S.LoopControl):
        return expr
    return S.Yield(expr.line, expr.col, expr, implicit=True)


def parse(text: str, filename: str = "<string>") -> S.Script:
    """Parse a whole file; raise :class:`CompileError` listing every error found (among
    them "nesting too deep" past :data:`MAX_NESTING`)."""
    tokens = tokenize(text, filename)
    with recursion_room():
        return Parser(tokens, filename, text).parse_script()


def parse_type(text: str) -> S.TypeExpr:
    """Parse a type expression such as ``"('a -> 'b) -> 'a list -> 'b list"``."""
    tokens = tokenize(text, "<type>")
    parser = Parser(tokens, "<type>", text)
    try:
        result = parser.parse_type()
        if parser.raw().kind is not TokenKind.EOF:
            parser.fail(parser.raw(), "unexpected text after the type")
    except ParseError as exc:
        raise CompileError([parser.diagnostic(exc.token, exc.message)]) from None
    except (NestingTooDeep, RecursionError):
        raise CompileError([parser.too_deep(parser.raw())]) from None
    return result
