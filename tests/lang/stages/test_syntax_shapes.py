"""Syntax tree shapes (lang/parser.py -> lang/syntax.py) of small programs.

A tree is compared through :func:`shape`, a compact rendering: a dotted :class:`~S.Name` is
its text (``a.b.c``), a literal its ``repr``, a variable pattern its name, a type name without
arguments its name; every other node is ``Class(fields...)`` without positions, resolver slots
and fields left at their defaults (a true flag shows as its field name).  The expected shapes
are what F# parses the same text to: precedence and associativity from the F# spec's operator
table, application binding tighter than any operator, ``,`` looser than ``=``.
"""

from __future__ import annotations

import dataclasses

import pytest

from fusabi_host.lang import syntax as S
from fusabi_host.lang.parser import parse

SKIP = frozenset({"line", "col", "info"})


def shape(node: object) -> str:
    if isinstance(node, S.Name):
        return ".".join(node.parts)
    if isinstance(node, S.Lit | S.PLit):
        return repr(node.value)
    if isinstance(node, S.PVar):
        return node.name
    if isinstance(node, S.TName) and not node.args:
        return node.name
    if isinstance(node, S.Node):
        parts = []
        for f in dataclasses.fields(node):
            if f.name in SKIP:
                continue
            value = getattr(node, f.name)
            if value is None or value is False:
                continue
            parts.append(f.name if value is True else shape(value))
        return f"{type(node).__name__}({', '.join(parts)})"
    if isinstance(node, list):
        return "[" + ", ".join(shape(x) for x in node) + "]"
    if isinstance(node, tuple):
        return "(" + ", ".join(shape(x) for x in node) + ")"
    return str(node)


def decl(source: str) -> S.Decl:
    (only,) = parse(source, "<test>").decls
    return only


def top(source: str) -> S.Expr:
    """The right-hand side of ``let r = <source>``."""
    binding = decl(f"let r = {source}")
    assert isinstance(binding, S.DLet)
    (only,) = binding.bindings
    assert shape(only.pattern) == "r" and not only.params
    return only.value


EXPRESSIONS = [
    (
        "f x y",
        "App(f, [x, y])",
    ),
    (
        "f x, g y",
        "TupleExpr([App(f, [x]), App(g, [y])])",
    ),
    (
        "a + b * c - d",
        "BinOp(-, BinOp(+, a, BinOp(*, b, c)), d)",
    ),
    (
        "f x + g y",
        "BinOp(+, App(f, [x]), App(g, [y]))",
    ),
    (
        "a - b - c",
        "BinOp(-, BinOp(-, a, b), c)",
    ),
    (
        "a :: b :: c",
        "BinOp(::, a, BinOp(::, b, c))",
    ),
    (
        "a :: b @ c",
        "BinOp(@, BinOp(::, a, b), c)",
    ),
    (
        "1 + 2 :: xs",
        "BinOp(::, BinOp(+, 1, 2), xs)",
    ),
    (
        "a @ b @ c",
        "BinOp(@, a, BinOp(@, b, c))",
    ),
    (
        '"a" + "b" ^ "c"',
        "BinOp(^, BinOp(+, 'a', 'b'), 'c')",
    ),
    (
        "2 ** 3 ** 2",
        "BinOp(**, 2, BinOp(**, 3, 2))",
    ),
    (
        "x |> f |> g",
        "BinOp(|>, BinOp(|>, x, f), g)",
    ),
    (
        "x |> f >> g",
        "BinOp(>>, BinOp(|>, x, f), g)",
    ),
    (
        "f >> g >> h",
        "BinOp(>>, BinOp(>>, f, g), h)",
    ),
    (
        "not a && b || c",
        "BinOp(||, BinOp(&&, App(not, [a]), b), c)",
    ),
    (
        "a || b && c",
        "BinOp(||, a, BinOp(&&, b, c))",
    ),
    (
        "a = b && c <> d",
        "BinOp(&&, BinOp(=, a, b), BinOp(<>, c, d))",
    ),
    (
        "a, b = c",
        "TupleExpr([a, BinOp(=, b, c)])",
    ),
    (
        '(1, "a", true)',
        "TupleExpr([1, 'a', True])",
    ),
    (
        "-x + 1",
        "BinOp(+, UnOp(-, x), 1)",
    ),
    (
        "f -1",
        "App(f, [-1])",
    ),
    (
        "f - 1",
        "BinOp(-, f, 1)",
    ),
    (
        "f(x)",
        "App(f, [x])",
    ),
    (
        "f x.y",
        "App(f, [x.y])",
    ),
    (
        "a.b.c",
        "a.b.c",
    ),
    (
        "(f x).Length",
        "Field(App(f, [x]), Length)",
    ),
    (
        "s.Substring(1, 2)",
        "App(s.Substring, [TupleExpr([1, 2])])",
    ),
    (
        "a.b.c(1)",
        "App(a.b.c, [1])",
    ),
    (
        "x.[i]",
        "Index(x, i)",
    ),
    (
        "x.[1..2]",
        "Slice(x, 1, 2)",
    ),
    (
        "a.[i].b",
        "Field(Index(a, i), b)",
    ),
    (
        "M.f x",
        "App(M.f, [x])",
    ),
    (
        "List.map (fun x -> x) xs",
        "App(List.map, [Lambda([x], x), xs])",
    ),
    (
        "Some 1",
        "App(Some, [1])",
    ),
    (
        "fun x y -> x + y",
        "Lambda([x, y], BinOp(+, x, y))",
    ),
    (
        "if a then b else c",
        "If(a, b, c)",
    ),
    (
        "if a then b elif c then d else e",
        "If(a, b, If(c, d, e))",
    ),
    (
        "[1; 2; 3]",
        "ListExpr([1, 2, 3])",
    ),
    (
        "[| 1; 2 |]",
        "ArrayExpr([1, 2])",
    ),
    (
        "[1 .. 10]",
        "Range(1, 10, list)",
    ),
    (
        "[1 .. 2 .. 10]",
        "Range(1, 2, 10, list)",
    ),
    (
        "[for x in xs -> x * 2]",
        "Comprehension(ForIn(x, xs, Yield(BinOp(*, x, 2))), list)",
    ),
    (
        '{ Name = "a"; Age = 1 }',
        "RecordExpr([(Name, 'a'), (Age, 1)])",
    ),
    (
        "{ p with Age = 2 }",
        "RecordUpdate(p, [(Age, 2)])",
    ),
    (
        "{| A = 1 |}",
        "RecordExpr([(A, 1)], anonymous)",
    ),
    (
        "()",
        "None",
    ),
    (
        "(+)",
        "OpRef(+)",
    ),
    (
        "(x: int)",
        "Typed(x, int)",
    ),
    (
        "match x with | [] -> 0 | [a] -> 1 | [a; b] -> 2 | a :: _ -> 3",
        "Match(x, [Arm(PList([]), 0), Arm(PList([a]), 1), Arm(PList([a, b]), 2), Arm(PCon"
        "s(a, PWild()), 3)])",
    ),
    (
        "match x with | Some (a, b) when a > b -> a | Some _ | None -> 0",
        "Match(x, [Arm(PCtor([Some], [a, b]), BinOp(>, a, b), a), Arm(POr(PCtor([Some], ["
        "PWild()]), PCtor([None])), 0)])",
    ),
    (
        "match x with | { Name = n; Age = 3 } -> n | [| a |] -> a | (y: int) -> y"
        " | 'c' -> 1 | \"s\" -> 2 | () -> 4 | true -> 5",
        "Match(x, [Arm(PRecord([(Name, n), (Age, 3)]), n), Arm(PArray([a]), a), Arm(PType"
        "d(y, int), y), Arm('c', 1), Arm('s', 2), Arm(None, 4), Arm(True, 5)])",
    ),
    (
        "match p with | (a, b) as q -> q",
        "Match(p, [Arm(PAs(PTuple([a, b]), q), q)])",
    ),
    (
        "let a = 1 in a + 1",
        "Let([Binding(a, [], 1)], BinOp(+, a, 1))",
    ),
]

DECLARATIONS = [
    (
        "let f (x: int) (y: string) : bool = true",
        "DLet([Binding(f, [PTyped(x, int), PTyped(y, string)], True, bool)])",
    ),
    (
        "let (a, b) = p",
        "DLet([Binding(PTuple([a, b]), [], p)])",
    ),
    (
        "let f ((a, b) as p) = p",
        "DLet([Binding(f, [PAs(PTuple([a, b]), p)], p)])",
    ),
    (
        "let x : int list = []",
        "DLet([Binding(x, [], ListExpr([]), TName(list, [int]))])",
    ),
    (
        "let f (g: int -> string) (p: int * string) (m: Map<string, int>) = 0",
        "DLet([Binding(f, [PTyped(g, TFunExpr(int, string)), PTyped(p, TTupleExpr([int, s"
        "tring])), PTyped(m, TName(Map, [string, int]))], 0)])",
    ),
    (
        "let id (x: 'a) : 'a = x",
        "DLet([Binding(id, [PTyped(x, TVarExpr(a))], x, TVarExpr(a))])",
    ),
    (
        "let mutable c = 0",
        "DLet([Binding(c, [], 0, mutable)])",
    ),
    (
        "let private h = 1",
        "DLet([Binding(h, [], 1)], private)",
    ),
    (
        "let rec f x = g x\nand g x = f x",
        "DLet(rec, [Binding(f, [x], App(g, [x])), Binding(g, [x], App(f, [x]))])",
    ),
    (
        "c <- c + 1",
        "DExpr(Assign(c, BinOp(+, c, 1)))",
    ),
    (
        "type Shape = | Circle of float | Rect of w: float * h: float | Empty",
        "DType([TypeDef(Shape, [], [UnionCase(Circle, [(None, float)]), UnionCase(Rect, ["
        "(w, float), (h, float)]), UnionCase(Empty, [])])])",
    ),
    (
        "type P = { Name: string; mutable Age: int }",
        "DType([TypeDef(P, [], [(Name, string, False), (Age, int, True)])])",
    ),
    (
        "type T<'a> = 'a list",
        "DType([TypeDef(T, [a], TName(list, [TVarExpr(a)]))])",
    ),
    (
        "type Tree<'a> = Leaf | Node of Tree<'a> * 'a * Tree<'a>",
        "DType([TypeDef(Tree, [a], [UnionCase(Leaf, []), UnionCase(Node, [(None, TName(Tr"
        "ee, [TVarExpr(a)])), (None, TVarExpr(a)), (None, TName(Tree, [TVarExpr(a)]))])])"
        "])",
    ),
    (
        "type A = { X: int } and B = C of A",
        "DType([TypeDef(A, [], [(X, int, False)]), TypeDef(B, [], [UnionCase(C, [(None, A)])])])",
    ),
    (
        "module M =\n    let x = 1\n    let f y = y",
        "DModule(M, [DLet([Binding(x, [], 1)]), DLet([Binding(f, [y], y)])])",
    ),
    (
        "open System.Collections",
        "DOpen([System, Collections])",
    ),
    (
        "exception Oops of string",
        "DException(Oops, [(None, string)])",
    ),
]


@pytest.mark.parametrize(("source", "expected"), EXPRESSIONS)
def test_expression_shape(source: str, expected: str) -> None:
    assert shape(top(source)) == expected


@pytest.mark.parametrize(("source", "expected"), DECLARATIONS)
def test_declaration_shape(source: str, expected: str) -> None:
    assert shape(decl(source)) == expected


def test_nodes_record_where_they_start() -> None:
    value = top("f x + g y")
    assert isinstance(value, S.BinOp) and isinstance(value.right, S.App)
    assert (value.right.line, value.right.col) == (1, 15)
    assert (value.left.line, value.left.col) == (1, 9)


def test_a_script_keeps_its_declarations_in_order() -> None:
    script = parse('open List\nlet a = 1\ntype T = A\nprintfn "x"\n', "<test>")
    assert [type(d).__name__ for d in script.decls] == ["DOpen", "DLet", "DType", "DExpr"]


def test_function_is_a_lambda_matching_its_argument() -> None:
    value = top("function | Some x -> x | None -> 0")
    assert isinstance(value, S.Lambda) and len(value.params) == 1
    (param,) = value.params
    body = value.body
    assert isinstance(param, S.PVar) and isinstance(body, S.Match)
    assert shape(body.subject) == param.name
    assert [shape(arm.pattern) for arm in body.arms] == ["PCtor([Some], [x])", "PCtor([None])"]
