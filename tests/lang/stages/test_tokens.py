"""Tokens (lang/lexer.py): the kinds, values and positions of tricky inputs.

Each case tokenizes a short text and compares ``(kind, value)`` pairs -- or positions -- with
what F#'s lexer produces for the same text (the end-of-file token left out).
"""

from __future__ import annotations

import pytest

from fusabi_host.errors import CompileError
from fusabi_host.lang.lexer import Token, TokenKind, tokenize

K = TokenKind


def kinds(text: str) -> list[tuple[TokenKind, object]]:
    tokens = tokenize(text, "<test>")
    assert tokens[-1].kind is K.EOF
    return [(t.kind, t.value) for t in tokens[:-1]]


def at(text: str) -> list[tuple[object, int, int]]:
    return [(t.value, t.line, t.col) for t in tokenize(text, "<test>")[:-1]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a (* x (* y *) z *) b", [(K.IDENT, "a"), (K.IDENT, "b")]),
        ("a (* (* *) *) b", [(K.IDENT, "a"), (K.IDENT, "b")]),
        ("a // c (* not a comment start\nb", [(K.IDENT, "a"), (K.IDENT, "b")]),
        ("a (* // *) b", [(K.IDENT, "a"), (K.IDENT, "b")]),
        ("(*)", [(K.OP, "("), (K.OP, "*"), (K.OP, ")")]),
    ],
)
def test_comments(text: str, expected: list[tuple[TokenKind, object]]) -> None:
    assert kinds(text) == expected


@pytest.mark.parametrize(
    ("text", "value"),
    [
        (r'"a\tb\n"', "a\tb\n"),
        (r'"\"q\" \\"', '"q" \\'),
        (r'"\065\u0041"', "AA"),
        (r'"\x"', "\\x"),  # unknown escapes keep their backslash
        ('"a\\\n     b"', "ab"),  # backslash-newline skips the next line's indentation
        ('"ab\ncd"', "ab\ncd"),
        (r'@"c:\dir\"""', 'c:\\dir\\"'),
        ('"""a "quoted" \\n"""', 'a "quoted" \\n'),
        ('"""l1\nl2"""', "l1\nl2"),
    ],
)
def test_string_literals(text: str, value: str) -> None:
    assert kinds(text) == [(K.STRING, value)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("'a'", [(K.CHAR, "a")]),
        ("'a", [(K.TYVAR, "a")]),
        ("'a -> 'b", [(K.TYVAR, "a"), (K.OP, "->"), (K.TYVAR, "b")]),
        ("'\\n' '\\'' '\"'", [(K.CHAR, "\n"), (K.CHAR, "'"), (K.CHAR, '"')]),
        ("'a' 'a x'", [(K.CHAR, "a"), (K.TYVAR, "a"), (K.IDENT, "x'")]),
        ("'key", [(K.TYVAR, "key")]),
    ],
)
def test_chars_and_type_variables(text: str, expected: list[tuple[TokenKind, object]]) -> None:
    assert kinds(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("42", [(K.INT, 42)]),
        ("1L", [(K.INT, 1)]),
        ("0x1F", [(K.INT, 31)]),
        ("0b101", [(K.INT, 5)]),
        ("0o17", [(K.INT, 15)]),
        ("1_000", [(K.INT, 1000)]),
        ("0xFFFFFFFFFFFFFFFF", [(K.INT, -1)]),
        ("1e-3", [(K.FLOAT, 0.001)]),
        ("2E+3", [(K.FLOAT, 2000.0)]),
        ("1.0e10", [(K.FLOAT, 1e10)]),
        ("1.", [(K.FLOAT, 1.0)]),
        ("1.5", [(K.FLOAT, 1.5)]),
        ("1..2", [(K.INT, 1), (K.OP, ".."), (K.INT, 2)]),
        ("-1", [(K.OP, "-"), (K.INT, 1)]),
    ],
)
def test_numeric_literals(text: str, expected: list[tuple[TokenKind, object]]) -> None:
    assert kinds(text) == expected


@pytest.mark.parametrize(
    ("text", "line", "col"),
    [
        ("99999999999999999999", 1, 1),
        ("x = 0x", 1, 5),
        ("\n  12abc", 2, 5),
        ("(* unterminated", 1, 1),
        ('a\n  "unterminated', 2, 3),
    ],
)
def test_lexical_errors_name_their_position(text: str, line: int, col: int) -> None:
    with pytest.raises(CompileError) as caught:
        tokenize(text, "<test>")
    assert (caught.value.line, caught.value.column) == (line, col)


OPERATOR_TEXT = (
    "|> ||> <| >> << :: .. ... .[ <- -> :? :> ; ;; ** <<< >>> ~~~ && || <> != = @ ^ % "
    "[| |] {| |} :="
)


def test_operators_are_one_token_each() -> None:
    expected = OPERATOR_TEXT.split()
    assert kinds(OPERATOR_TEXT) == [(K.OP, op) for op in expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("x |> f", [(K.IDENT, "x"), (K.OP, "|>"), (K.IDENT, "f")]),
        ("a.[i]", [(K.IDENT, "a"), (K.OP, ".["), (K.IDENT, "i"), (K.OP, "]")]),
        ("x::xs", [(K.IDENT, "x"), (K.OP, "::"), (K.IDENT, "xs")]),
        ("[1..n]", [(K.OP, "["), (K.INT, 1), (K.OP, ".."), (K.IDENT, "n"), (K.OP, "]")]),
        ("f>>g", [(K.IDENT, "f"), (K.OP, ">>"), (K.IDENT, "g")]),
        ("List.map", [(K.IDENT, "List"), (K.OP, "."), (K.IDENT, "map")]),
    ],
)
def test_operators_between_operands(text: str, expected: list[tuple[TokenKind, object]]) -> None:
    assert kinds(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("x'", [(K.IDENT, "x'")]),
        ("x''", [(K.IDENT, "x''")]),
        ("let'", [(K.IDENT, "let'")]),
        ("rec", [(K.KEYWORD, "rec")]),
        ("function fun", [(K.KEYWORD, "function"), (K.KEYWORD, "fun")]),
        ("true false", [(K.KEYWORD, "true"), (K.KEYWORD, "false")]),
        ("not", [(K.IDENT, "not")]),  # a function in F#, not a keyword
        ("_", [(K.OP, "_")]),
        ("_x", [(K.IDENT, "_x")]),
        ("``my name``", [(K.IDENT, "my name")]),
        ("``let``", [(K.IDENT, "let")]),
    ],
)
def test_keywords_and_identifiers(text: str, expected: list[tuple[TokenKind, object]]) -> None:
    assert kinds(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"ab\ncd" y\n  z', [("ab\ncd", 1, 1), ("y", 2, 5), ("z", 3, 3)]),
        ('"""l1\nl2\nl3""" q', [("l1\nl2\nl3", 1, 1), ("q", 3, 7)]),
        ('x = @"a\nbc" + y', [("x", 1, 1), ("=", 1, 3), ("a\nbc", 1, 5), ("+", 2, 5), ("y", 2, 7)]),
        ("(* a\n  b *) c", [("c", 2, 8)]),
        ("a\tb", [("a", 1, 1), ("b", 1, 3)]),
    ],
)
def test_positions_after_multiline_tokens(
    text: str, expected: list[tuple[object, int, int]]
) -> None:
    assert at(text) == expected


def test_first_on_line_and_space_before() -> None:
    tokens: list[Token] = tokenize("f(x) f (x)\n  g", "<test>")
    shape = [(t.value, t.first, t.space_before) for t in tokens[:-1]]
    assert shape == [
        ("f", True, True),
        ("(", False, False),
        ("x", False, False),
        (")", False, False),
        ("f", False, True),
        ("(", False, True),
        ("x", False, False),
        (")", False, False),
        ("g", True, True),
    ]


def test_end_column_of_a_multiline_string_is_on_its_last_line() -> None:
    string, ident, _eof = tokenize('"""a\nline2""" x', "<test>")
    assert (string.line, string.col, string.end_col) == (1, 1, 9)
    assert (ident.line, ident.col) == (2, 10)


def test_directives_at_line_start() -> None:
    assert kinds('#load "a.fsx"\n  #nowarn x') == [
        (K.DIRECTIVE, "load"),
        (K.STRING, "a.fsx"),
        (K.DIRECTIVE, "nowarn"),
        (K.IDENT, "x"),
    ]
