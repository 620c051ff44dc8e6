"""Layout (lang/layout.py, consulted by lang/parser.py): the offside rule's decisions.

Each program is parsed and the shape of the result shows where layout closed or continued a
construct (see :func:`tests.lang.stages.test_syntax_shapes.shape` for the rendering); the
rejected programs must give a :class:`CompileError` at the offending token.  The expected
decisions are F#'s light-syntax ones.
"""

from __future__ import annotations

import pytest

from fusabi_host.errors import CompileError
from fusabi_host.lang.parser import parse

from .test_syntax_shapes import shape


def decls(source: str) -> list[str]:
    return [shape(d) for d in parse(source, "<test>").decls]


ACCEPTED = [
    pytest.param(
        "let f x =\n    let y = x + 1\n    let z = y * 2\n    z\nlet after = 1\n",
        [
            "DLet([Binding(f, [x], Let([Binding(y, [], BinOp(+, x, 1))], "
            "Let([Binding(z, [], BinOp(*, y, 2))], z)))])",
            "DLet([Binding(after, [], 1)])",
        ],
        id="let-block-closes-at-column-1",
    ),
    pytest.param(
        'let r =\n    match x with\n    | 1 -> "a"\n    | _ -> "b"\n',
        ["DLet([Binding(r, [], Match(x, [Arm(1, 'a'), Arm(PWild(), 'b')]))])"],
        id="match-arms-at-match-column",
    ),
    pytest.param(
        "let r = match x with\n        | 1 -> 2\n        | _ -> 3\n",
        ["DLet([Binding(r, [], Match(x, [Arm(1, 2), Arm(PWild(), 3)]))])"],
        id="match-arms-under-mid-line-match",
    ),
    pytest.param(
        "let f x =\n    match x with\n    | Some y ->\n        let z = y\n        z\n"
        "    | None -> 0\n",
        [
            "DLet([Binding(f, [x], Match(x, [Arm(PCtor([Some], [y]), "
            "Let([Binding(z, [], y)], z)), Arm(PCtor([None]), 0)]))])"
        ],
        id="arm-body-block-ends-at-next-bar",
    ),
    pytest.param(
        "let r =\n    if a then\n        b\n    else\n        c\n",
        ["DLet([Binding(r, [], If(a, b, c))])"],
        id="if-then-else-on-separate-lines",
    ),
    pytest.param(
        "let r =\n    if a then b\n    elif c then d\n    else e\n",
        ["DLet([Binding(r, [], If(a, b, If(c, d, e)))])"],
        id="elif-chain-aligned-with-if",
    ),
    pytest.param(
        "let r =\n    xs\n    |> List.map f\n    |> List.sum\n",
        ["DLet([Binding(r, [], BinOp(|>, BinOp(|>, xs, App(List.map, [f])), List.sum))])"],
        id="pipe-chain-at-line-starts",
    ),
    pytest.param(
        "let f x =\n    x\n  + 1\n",
        ["DLet([Binding(f, [x], BinOp(+, x, 1))])"],
        id="infix-may-undent-by-its-width",
    ),
    pytest.param(
        "let r =\n    1 +\n    2\n",
        ["DLet([Binding(r, [], BinOp(+, 1, 2))])"],
        id="operator-at-line-end",
    ),
    pytest.param(
        "let r =\n    fun x ->\n        x + 1\n",
        ["DLet([Binding(r, [], Lambda([x], BinOp(+, x, 1)))])"],
        id="fun-body-on-next-line",
    ),
    pytest.param(
        "let f x =\n    let g y =\n        let h z = z\n        h y\n    g x\n",
        [
            "DLet([Binding(f, [x], Let([Binding(g, [y], Let([Binding(h, [z], z)], "
            "App(h, [y])))], App(g, [x])))])"
        ],
        id="nested-let-in-let",
    ),
    pytest.param(
        "let r =\n    let a = 1 in a + 1\n",
        ["DLet([Binding(r, [], Let([Binding(a, [], 1)], BinOp(+, a, 1)))])"],
        id="explicit-in",
    ),
    pytest.param(
        "let r = (1 +\n         2)\n",
        ["DLet([Binding(r, [], BinOp(+, 1, 2))])"],
        id="parenthesised-across-lines",
    ),
    pytest.param(
        'let r =\n    { Name = "a"\n      Age = 3 }\n',
        ["DLet([Binding(r, [], RecordExpr([(Name, 'a'), (Age, 3)]))])"],
        id="record-fields-one-per-line",
    ),
    pytest.param(
        "let r =\n    [ 1\n      2\n      3 ]\n",
        ["DLet([Binding(r, [], ListExpr([1, 2, 3]))])"],
        id="list-items-one-per-line",
    ),
    pytest.param(
        'let f x =\n    printfn "a"\n    x\n',
        ["DLet([Binding(f, [x], Sequence([App(printfn, ['a']), x]))])"],
        id="aligned-lines-are-a-sequence",
    ),
    pytest.param(
        "let r = f x\n          y\n",
        ["DLet([Binding(r, [], App(f, [x, y]))])"],
        id="argument-on-continuation-line",
    ),
    pytest.param(
        "let r =\n    (fun x -> x)\n      1\n",
        ["DLet([Binding(r, [], App(Lambda([x], x), [1]))])"],
        id="indented-line-continues-application",
    ),
    pytest.param(
        "let r =\n 1\nlet s = 2\n",
        ["DLet([Binding(r, [], 1)])", "DLet([Binding(s, [], 2)])"],
        id="body-one-column-in",
    ),
    pytest.param(
        "module M =\n    let x = 1\n    let f y = y\nlet z = 2\n",
        [
            "DModule(M, [DLet([Binding(x, [], 1)]), DLet([Binding(f, [y], y)])])",
            "DLet([Binding(z, [], 2)])",
        ],
        id="module-body-closes-at-column-1",
    ),
]

ACCEPTED += [
    pytest.param(
        "let (>>=) m f = f m\nlet r =\n    m >>= fun a ->\n    m >>= fun b ->\n    f a b\n"
        "let after = 1\n",
        [
            "DLet([Binding(>>=, [m, f], App(f, [m]))])",
            "DLet([Binding(r, [], BinOp(>>=, m, Lambda([a], BinOp(>>=, m, Lambda([b], "
            "App(f, [a, b]))))))])",
            "DLet([Binding(after, [], 1)])",
        ],
        id="lambda-body-undented-to-the-context-after-an-arrow-ending-its-line",
    ),
    pytest.param(
        "while a\n      && b do\n    c ()\n",
        ["DExpr(While(BinOp(&&, a, b), App(c, [None])))"],
        id="while-body-indented-from-the-while-not-the-do-line",
    ),
    pytest.param(
        "let r =\n    if a\n       || b then\n        c\n    else\n        d\n",
        ["DLet([Binding(r, [], If(BinOp(||, a, b), c, d))])"],
        id="then-body-indented-from-the-if-not-the-then-line",
    ),
    pytest.param(
        "for x in xs @\n         ys do\n    f x\n",
        ["DExpr(ForIn(x, BinOp(@, xs, ys), App(f, [x])))"],
        id="for-body-indented-from-the-for-not-the-do-line",
    ),
]


@pytest.mark.parametrize(("source", "expected"), ACCEPTED)
def test_layout_shapes(source: str, expected: list[str]) -> None:
    assert decls(source) == expected


REJECTED = [
    pytest.param("let f x =\n    let y =\n  1\n    y\n", 3, 3, id="let-value-under-indented"),
    pytest.param("let f x =\n    let y = 1\n  y\n", 3, 3, id="let-body-under-indented"),
    pytest.param("let f x =\n    if x then\n  1\n    else 2\n", 3, 3, id="then-under-indented"),
    pytest.param("let f =\n    fun x ->\n  x\n", 3, 3, id="fun-body-under-indented"),
    pytest.param("let r =\n    match x with\n  | 1 -> 2\n", 3, 3, id="arm-left-of-match"),
    pytest.param("let r =\n    [ 1\n  2 ]\n", 3, 3, id="list-item-left-of-bracket"),
    pytest.param("let r =\n    { A = 1\n   B = 2 }\n", 3, 4, id="record-field-misaligned"),
    pytest.param("let r = 1 +\n2\n", 2, 1, id="operand-at-column-1"),
    pytest.param("module M =\n    let x = 1\n  let y = 2\n", 3, 3, id="declaration-misaligned"),
]


@pytest.mark.parametrize(("source", "line", "col"), REJECTED)
def test_offside_programs_are_rejected_at_the_token(source: str, line: int, col: int) -> None:
    with pytest.raises(CompileError) as caught:
        parse(source, "<test>")
    assert (caught.value.line, caught.value.column) == (line, col)
    assert f"<test>:{line}:{col}:" in str(caught.value)
