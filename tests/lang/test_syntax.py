"""Front end: the F# light syntax of decision 1 (offside rule, every construct the issue lists).

Each case is a small script and the Python value of its last expression (as
``fusabi_host.run_source`` converts it).  Expected values are what F# computes.
"""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

import pytest

import fusabi_host
from fusabi_host import Variant


def bug(reason: str) -> pytest.MarkDecorator:
    return pytest.mark.xfail(strict=True, reason=f"BUG: {reason}")


def src(text: str) -> str:
    return textwrap.dedent(text).strip("\n") + "\n"


def run(text: str) -> Any:
    return fusabi_host.run_source(src(text))


def run_with_output(text: str) -> tuple[str, Any]:
    out: list[str] = []
    instance = fusabi_host.compile_source(src(text)).instantiate(stdout=out.append)
    return "".join(out), instance.value


def case(name: str, text: str, expected: Any, *marks: pytest.MarkDecorator) -> Any:
    return pytest.param(text, expected, id=name, marks=marks)


# --------------------------------------------------------------------------------------------
# Offside rule / layout
# --------------------------------------------------------------------------------------------

LAYOUT = [
    case(
        "nested-lets-without-in",
        """
        let x =
            let a = 1
            let b = 2
            a + b
        x
        """,
        3,
    ),
    case("let-in-single-line", "let x = let a = 1 in a + 1\nx", 2),
    case("let-in-at-top-level", "let f x = x + 1 in f 2", 3),
    case("let-in-chain", "let f x = x + 1 in let g y = y * 2 in g (f 1)", 4),
    case("top-let-then-let-in", "let a = 1\nlet b = 2 in a + b", 3),
    case(
        "function-body-lets",
        """
        let compute x =
            let helper y =
                y * 2
            helper x + 1
        compute 5
        """,
        11,
    ),
    case(
        "deeply-nested-lets",
        """
        let v =
            let a = 1
            let b =
                let c = 2
                c + a
            b * 10
        v
        """,
        30,
    ),
    case(
        "closures-three-levels",
        """
        let f x =
            let g y =
                let h z = x + y + z
                h
            g
        f 1 2 3
        """,
        6,
    ),
    case(
        "if-elif-else-one-line-each",
        """
        let f n =
            if n < 0 then "neg"
            elif n = 0 then "zero"
            else "pos"
        (f -1, f 0, f 5)
        """,
        ("neg", "zero", "pos"),
    ),
    case(
        "if-elif-else-blocks",
        """
        let f n =
            if n < 0 then
                "neg"
            elif n = 0 then
                "zero"
            else
                "pos"
        [f (-1); f 0; f 5]
        """,
        ["neg", "zero", "pos"],
    ),
    case(
        "if-then-else-on-own-lines",
        """
        let r =
            if 1 > 2
            then "a"
            else "b"
        r
        """,
        "b",
    ),
    case(
        "if-without-else-unit",
        """
        let mutable c = 0
        if c = 0 then c <- 5
        c
        """,
        5,
    ),
    case(
        "match-arms-aligned-with-match",
        """
        let g x =
            match x with
            | 1 -> "one"
            | _ -> "other"
        g 1 + g 2
        """,
        "oneother",
    ),
    case(
        "nested-match-in-arm",
        """
        let g x =
            match x with
            | Some y ->
                match y with
                | 0 -> "zero"
                | _ -> "some"
            | None -> "none"
        (g (Some 0), g (Some 1), g None)
        """,
        ("zero", "some", "none"),
    ),
    case(
        "match-arm-with-block-body",
        """
        let g x =
            match x with
            | 1 ->
                let a = 10
                a + 1
            | _ ->
                0
        g 1
        """,
        11,
    ),
    case(
        "pipe-continuation-lines",
        """
        [1; 2; 3]
        |> List.map (fun x -> x * 2)
        |> List.sum
        """,
        12,
    ),
    case(
        "pipe-continuation-in-let",
        """
        let r =
            [1; 2; 3]
            |> List.map (fun x -> x * 2)
            |> List.filter (fun x -> x > 2)
        r
        """,
        [4, 6],
    ),
    case(
        "application-args-on-continuation-lines",
        """
        let add3 a b c = a + b + c
        add3
            1
            2
            3
        """,
        6,
    ),
    case(
        "application-args-lambda-on-continuation",
        """
        let apply f x = f x
        apply
            (fun x ->
                x + 1)
            41
        """,
        42,
    ),
    case(
        "pipe-into-fold-with-args-on-lines",
        """
        let total =
            [1; 2; 3]
            |> List.fold
                (fun acc x -> acc + x)
                0
        total
        """,
        6,
    ),
    case(
        "multiline-record-newline-separated",
        """
        let p =
            { Name = "a"
              Age = 3 }
        p.Age
        """,
        3,
    ),
    case(
        "multiline-record-braces-on-own-lines",
        """
        let s = {
            a = 10
            b = 20
        }
        s.a + s.b
        """,
        30,
    ),
    case(
        "multiline-list-newline-separated",
        """
        let xs =
            [ 1
              2
              3 ]
        xs
        """,
        [1, 2, 3],
    ),
    case(
        "multiline-list-brackets-on-own-lines",
        """
        let xs =
            [
                1
                2
            ]
        xs
        """,
        [1, 2],
    ),
    case("multiline-list-mixed-separators", "let xs = [\n    1; 2\n    3\n]\nxs", [1, 2, 3]),
    case("multiline-array", "let arr =\n    [| 1\n       2 |]\narr", [1, 2]),
    case("multiline-tuple", "let t = (1, 2,\n         3)\nt", (1, 2, 3)),
    case(
        "lambda-body-on-next-line-in-parens",
        """
        List.map (fun x ->
            x + 1) [1; 2]
        """,
        [2, 3],
    ),
    case(
        "lambda-block-body-in-pipeline",
        """
        [1; 2] |> List.map (fun x ->
            let y = x * 10
            y + 1)
        """,
        [11, 21],
    ),
    case(
        "lambda-with-match-in-pipeline",
        """
        [1; 2; 3]
        |> List.map (fun x ->
            match x with
            | 1 -> "one"
            | _ -> "many")
        """,
        ["one", "many", "many"],
    ),
    case(
        "lambda-in-let-on-next-line",
        """
        let f =
            fun x ->
                let y = x + 1
                y * 2
        f 1
        """,
        4,
    ),
    case("pipe-into-fun", "let f x =\n    x\n    |> fun y -> y + 1\nf 1", 2),
    case("operator-at-line-end", "let f a b =\n    a +\n        b\nf 1 2", 3),
    case("operator-at-line-start", 'let s =\n    "a"\n    + "b"\ns', "ab"),
    case("operators-chain-over-lines", "let total =\n    1 +\n    2 +\n    3\ntotal", 6),
    case("begin-end", "begin\n    1 + 2\nend", 3),
    case("begin-end-inline", "let f x = begin x + 1 end\nf 1", 2),
    case("sequencing-semicolon", "let mutable c = 0\nc <- c + 1; c <- c + 1\nc", 2),
    case("sequencing-newlines", "let mutable c = 0\nc <- c + 1\nc <- c + 10\nc", 11),
    case("parenthesised-sequence", 'let r = (ignore "side"; 5)\nr', 5),
    case("let-value-is-sequence", "let a = 1; 2\na", 2),
    case(
        "comments-between-declarations",
        """
        let x = 1
        // comment between
        let y = 2
        (* block
           comment *)
        x + y
        """,
        3,
    ),
    case(
        "comments-inside-function",
        """
        let f x =
            // comment inside function
            let y = x
            (* block *)
            y + 1
        f 1
        """,
        2,
    ),
]


@pytest.mark.parametrize(("text", "expected"), LAYOUT)
def test_layout(text: str, expected: Any) -> None:
    assert run(text) == expected


def test_top_level_statements_run_in_order() -> None:
    out, value = run_with_output(
        """
        printfn "1"
        let x = 5
        printfn "2"
        do printfn "3"
        let _ = printfn "4"
        x
        """
    )
    assert out == "1\n2\n3\n4\n"
    assert value == 5


def test_every_top_level_expression_is_evaluated() -> None:
    out, value = run_with_output('printfn "a"\nprintfn "b"\n42')
    assert (out, value) == ("a\nb\n", 42)


def test_if_then_block_without_else_prints() -> None:
    out, value = run_with_output(
        """
        let f x =
            if x > 0 then
                printfn "pos"
            x
        f 1
        """
    )
    assert (out, value) == ("pos\n", 1)


def test_sequence_expression_in_parentheses_prints() -> None:
    assert run_with_output('let r = (printfn "side"; 5)\nr') == ("side\n", 5)


# --------------------------------------------------------------------------------------------
# Functions, lambdas, parameters, annotations
# --------------------------------------------------------------------------------------------

FUNCTIONS = [
    case(
        "function-keyword",
        'let f = function\n    | 0 -> "z"\n    | _ -> "nz"\n(f 0, f 1)',
        ("z", "nz"),
    ),
    case("fun-underscore", 'let k = fun _ -> 7\nk "x"', 7),
    case("fun-tuple-param", "let sw = fun (a, b) -> (b, a)\nsw (1, 2)", (2, 1)),
    case("fun-unit-param", "let f = fun () -> 1\nf ()", 1),
    case("let-unit-param", "let f () = 5\nf ()", 5),
    case("let-two-unit-params", "let f () () = 2\nf () ()", 2),
    case("let-tuple-destructure", 'let (a, b) = (1, "x")\nb', "x"),
    case("let-tuple-destructure-no-parens", "let a, b = 1, 2\n(b, a)", (2, 1)),
    case("let-tuple-param", "let f (a, b) = a + b\nf (1, 2)", 3),
    case("call-with-parenthesised-arg", "let f x = x\nf (1)", 1),
    case("call-tuple-no-space", "let f (x, y) = x + y\nf(1, 2)", 3),
    case("annotated-params-and-result", "let f (x: int) : int = x + 1\nf 2", 3),
    case(
        "annotated-two-params",
        'let f (x: int) (y: string) : string = y + string x\nf 2 "a"',
        "a2",
    ),
    case(
        "annotated-tuple-param",
        "let f (a: int, b: int) : int = a * b\nf (3, 4)",
        12,
    ),
    case("annotated-whole-tuple", "let f ((a, b): int * int) = a - b\nf (5, 2)", 3),
    case("annotated-expression", 'let s = ("hi" : string)\ns', "hi"),
    case(
        "annotated-expression-no-parens",
        "let o = None : int option\no",
        Variant("None"),
    ),
    case("annotated-let-value", "let (x: int) = 5\nx", 5),
    case("annotated-let-name", "let x : int list = [1]\nx", [1]),
    case("annotated-option-generic", "let o : Option<int> = Some 3\no", Variant("Some", (3,))),
    case("annotated-map-generic", "let m : Map<string, int> = Map.empty\nMap.count m", 0),
    case("annotated-list-generic", "let xs : list<int> = [1]\nxs", [1]),
    case("annotated-map-of-lists", "let m : Map<string, int list> = Map.empty\nMap.count m", 0),
    case("annotated-type-variable", "let id2 (x: 'a) : 'a = x\nid2 5", 5),
    case("annotated-generic-list-param", "let f (xs: 'a list) = List.length xs\nf [1; 2]", 2),
    case("annotated-function-param", "let f (g: int -> int) x = g x\nf (fun x -> x * 3) 2", 6),
    case("annotated-curried-function-param", "let f (g: int -> int -> int) = g 1 2\nf (+)", 3),
    case("annotated-tuple-type", 'let t : int * string = (1, "a")\nsnd t', "a"),
    case("annotated-array-type", "let xs : int[] = [|1; 2|]\nxs.[1]", 2),
    case("annotated-array-word", 'let xs : string array = [| "a" |]\nxs.Length', 1),
    case("annotated-option-word", "let f (x: int option) = defaultArg x 0\nf None", 0),
    case("annotated-anonymous-record", "let r : {| a: int |} = {| a = 1 |}\nr.a", 1),
    case("annotated-lambda-param", "(fun (x: int) -> x + 1) 4", 5),
    case(
        "annotated-rec",
        "let rec fact (n: int) : int = if n <= 1 then 1 else n * fact (n - 1)\nfact 5",
        120,
    ),
    case("let-inline", "let inline add a b = a + b\nadd 1 2", 3),
    case("nested-tuple-param", "let f ((a, b), c) = a + b + c\nf ((1, 2), 3)", 6),
    case("two-tuple-params", "let f (a, b) (c, d) = a * c + b * d\nf (1, 2) (3, 4)", 11),
    case("apostrophe-in-names", "let x' = 1\nlet x'' = x' + 1\nx''", 2),
    case("backtick-names", "let ``my var`` = 3\n``my var``", 3),
    case("uppercase-let-binding", "let X = 5\nX + 1", 6),
]


@pytest.mark.parametrize(("text", "expected"), FUNCTIONS)
def test_functions_and_annotations(text: str, expected: Any) -> None:
    assert run(text) == expected


# --------------------------------------------------------------------------------------------
# Type declarations
# --------------------------------------------------------------------------------------------

TYPES = [
    case("record-decl", "type Point = { X: int; Y: int }\nlet p = { X = 1; Y = 2 }\np.X + p.Y", 3),
    case(
        "record-decl-multiline",
        """
        type Point =
            { X: float
              Y: float }
        let p = { X = 1.5; Y = 2.0 }
        p
        """,
        {"X": 1.5, "Y": 2.0},
    ),
    case(
        "record-decl-mutable-field",
        "type R = { mutable X: int }\nlet r = { X = 1 }\nr.X <- 5\nr.X",
        5,
    ),
    case(
        "generic-record",
        "type Pair<'a> = { First: 'a; Second: 'a }\nlet p = { First = 1; Second = 2 }\np.Second",
        2,
    ),
    case(
        "union-named-fields",
        """
        type Shape =
            | Circle of radius: float
            | Rect of width: float * height: float
        Rect (2.0, 3.0)
        """,
        Variant("Rect", (2.0, 3.0)),
    ),
    case(
        "union-named-field-construction",
        """
        type Shape =
            | Circle of radius: float
            | Rect of width: float * height: float
        Rect (width = 2.0, height = 3.0)
        """,
        Variant("Rect", (2.0, 3.0)),
    ),
    case(
        "union-one-line",
        "type Color = Red | Green | Blue\n[Red; Blue]",
        [Variant("Red"), Variant("Blue")],
    ),
    case(
        "generic-union-recursive",
        """
        type Tree<'a> =
            | Leaf
            | Node of Tree<'a> * 'a * Tree<'a>
        let rec size t = match t with | Leaf -> 0 | Node (l, _, r) -> size l + 1 + size r
        size (Node (Node (Leaf, 1, Leaf), 2, Leaf))
        """,
        2,
    ),
    case(
        "generic-union-two-params",
        "type Res<'T, 'E> =\n    | Good of 'T\n    | Bad of 'E\nGood 1",
        Variant("Good", (1,)),
    ),
    case("type-alias", 'type Name = string\ntype Id = int\nlet n : Name = "bob"\nn', "bob"),
    case("type-alias-function", "type F = int -> int\nlet g : F = fun x -> x + 1\ng 1", 2),
    case("type-alias-tuple", 'type Pair = int * string\nlet p : Pair = (1, "a")\nfst p', 1),
    case("type-alias-curried-unit", "type Handler = string -> int -> unit\n1", 1),
    case(
        "mutually-recursive-types",
        """
        type A = { B: B option }
        and B = { V: int }
        let a = { B = Some { V = 3 } }
        match a.B with Some b -> b.V | None -> 0
        """,
        3,
    ),
    case(
        "union-and-union",
        """
        type Expr =
            | Lit of int
            | Add of Expr * Expr
        and Stmt = Print of Expr
        match Print (Lit 1) with Print (Lit n) -> n
        """,
        1,
    ),
]


@pytest.mark.parametrize(("text", "expected"), TYPES)
def test_type_declarations(text: str, expected: Any) -> None:
    assert run(text) == expected


# --------------------------------------------------------------------------------------------
# Operators
# --------------------------------------------------------------------------------------------

OPERATORS = [
    case("modulo", "17 % 5", 2),
    case("modulo-negative-left", "-5 % 3", -2),
    case("modulo-negative-right", "5 % -3", 2),
    case("compose-forward", "let f = (fun x -> x + 1) >> (fun x -> x * 2)\nf 3", 8),
    case("compose-backward", "let f = (fun x -> x + 1) << (fun x -> x * 2)\nf 3", 7),
    case("compose-chain", "let sq x = x * x\n(sq >> string >> String.length) 12", 3),
    case("compose-twice", "let twice f = f >> f\ntwice ((+) 3) 1", 7),
    case("pipe-backward", "List.length <| [1; 2]", 2),
    case("pipe-forward-sections", "let add x y = x + y\n3 |> add 2 |> (*) 10", 50),
    case("pipe-section-to-string", "1 |> (+) 2 |> string", "3"),
    case("not-true", "not true", False),
    case("not-expression", "not (1 = 2)", True),
    case("not-or", "not (1 < 2) || 3 > 2", True),
    case("list-append", "[1; 2] @ [3]", [1, 2, 3]),
    case("cons-and-append", "1 :: [2] @ [3]", [1, 2, 3]),
    case("cons-chain", "1 :: 2 :: []", [1, 2]),
    case("string-concat-caret", '"ab" ^ "cd"', "abcd"),
    case("string-concat-plus", '"a" + "b" = "ab"', True),
    case("precedence-arith", "1 + 2 * 3 - 4 / 2", 5),
    case("precedence-mod", "2 * (3 + 4) % 5", 4),
    case("precedence-logic", "1 < 2 && 2 < 3", True),
    case("and-or-parens", "true && (false || true)", True),
    case("subtract-no-spaces", "let x = 5\nx-1", 4),
    case("subtract-spaces", "let x = 5\nx - 1", 4),
    case("negative-literal-argument", "let f x = x * 2\nf -3", -6),
    case("negative-literal-second-argument", "let f x y = x - y\nf 10 -3", 13),
    case("unary-minus-parens", "let x = -(3)\nx", -3),
    case("unary-minus-variable", "let x = 3\n-x", -3),
    case("unary-minus-float", "- 2.5", -2.5),
    case("op-plus-value", "(+) 1 2", 3),
    case("op-fold-plus", "List.fold (+) 0 [1; 2; 3]", 6),
    case("op-times-map2", "List.map2 (*) [1; 2] [3; 4]", [3, 8]),
    case("op-minus-bound", "let f = (-)\nf 10 3", 7),
    case("op-equals", "(=) 1 1", True),
    case("op-less", "(<) 1 2", True),
    case("op-caret", '(^) "a" "b"', "ab"),
    case("op-append", "(@) [1] [2]", [1, 2]),
    case("op-cons", "(::) 1 [2]", [1, 2]),
    case("op-partial-map", "[1; 2] |> List.map ((+) 1) |> List.rev", [3, 2]),
    case("op-mod-value", "(%) 7 3", 1),
]


@pytest.mark.parametrize(("text", "expected"), OPERATORS)
def test_operators(text: str, expected: Any) -> None:
    assert run(text) == expected


# --------------------------------------------------------------------------------------------
# Literals: chars, strings, numbers, comments
# --------------------------------------------------------------------------------------------

LITERALS = [
    case("char-plain", "'a'", "a"),
    case("char-escapes", r"('\n', '\'', '\\', '\t', '\"')", ("\n", "'", "\\", "\t", '"')),
    case("char-unicode-escape", r"'\u0041'", "A"),
    case(
        "char-trigraph",
        r"'\065'",
        "A",
    ),
    case("string-escapes", r'"a\tb\nc\\d\"e"', 'a\tb\nc\\d"e'),
    case("string-unicode-escape", r'"unicode \u0041 \u00e9"', "unicode A é"),
    case("string-multiline", '"line1\nline2"', "line1\nline2"),
    case("string-comment-markers", '("// no", "(* no *)")', ("// no", "(* no *)")),
    case("triple-quoted", '"""triple "quoted" string"""', 'triple "quoted" string'),
    case("triple-quoted-no-escapes", '"""a\\nb"""', "a\\nb"),
    case("triple-quoted-multiline", '"""multi\nline"""', "multi\nline"),
    case("verbatim", r'@"C:\path\n"', "C:\\path\\n"),
    case("verbatim-doubled-quote", '@"say ""hi"""', 'say "hi"'),
    case("hex", "0xFF", 255),
    case("hex-upper-x", "0XFF", 255),
    case("hex-sum", "0x10 + 0xff", 271),
    case("underscores", "1_000_000", 1000000),
    case("float-underscores", "1_000.5", 1000.5),
    case("float-exponent", "1.5e3", 1500.0),
    case("float-negative-exponent", "2.5E-1", 0.25),
    case("float-exponent-no-dot", "1e3", 1000.0),
    case("float-trailing-dot", "1.", 1.0),
    case("float-trailing-dot-in-tuple", "(5., 1.5e0)", (5.0, 1.5)),
    case("binary-literal", "0b101", 5),
    case("octal-literal", "0o17", 15),
    case("max-int-literal", "9223372036854775807", 9223372036854775807),
    case("line-comment", "1 + 2 // trailing", 3),
    case("block-comment-inline", "1 + (* inline *) 2", 3),
    case("nested-block-comment", "(* outer (* inner *) still comment *)\n5", 5),
    case("multiline-block-comment", "(*\nmulti\nline\n*)\n6", 6),
    case("line-comment-with-block-opener", "let x = 5 // comment with (* inside\nx", 5),
    case("unit-literal", "()", None),
]


@pytest.mark.parametrize(("text", "expected"), LITERALS)
def test_literals(text: str, expected: Any) -> None:
    assert run(text) == expected


def test_float_literal_type_is_float() -> None:
    assert isinstance(run("1."), float)
    assert isinstance(run("1e3"), float)
    assert isinstance(run("0xFF"), int)


# --------------------------------------------------------------------------------------------
# Mutation, loops, ranges, comprehensions
# --------------------------------------------------------------------------------------------

LOOPS = [
    case("mutable-top-level", "let mutable x = 1\nx <- x + 1\nx", 2),
    case(
        "mutable-local",
        """
        let f () =
            let mutable acc = 0
            acc <- acc + 5
            acc <- acc * 2
            acc
        f ()
        """,
        10,
    ),
    case(
        "mutable-top-level-from-function",
        """
        let mutable log = []
        log <- 1 :: log
        let f () = log <- 2 :: log
        f ()
        log <- 3 :: log
        log
        """,
        [3, 2, 1],
    ),
    case(
        "for-in-range",
        "let mutable total = 0\nfor i in 1 .. 10 do\n    total <- total + i\ntotal",
        55,
    ),
    case("for-to", "let mutable total = 0\nfor i = 1 to 4 do\n    total <- total + i\ntotal", 10),
    case(
        "for-downto",
        'let mutable s = ""\nfor i = 3 downto 1 do\n    s <- s + string i\ns',
        "321",
    ),
    case("for-in-list", "let mutable s = 0\nfor x in [1; 2; 3] do\n    s <- s + x\ns", 6),
    case("for-in-array", "let mutable s = 0\nfor x in [|1; 2; 3|] do\n    s <- s + x\ns", 6),
    case("for-in-stepped-range", "let mutable s = 0\nfor i in 10 .. -2 .. 6 do s <- s + i\ns", 24),
    case("for-empty-range", 'for i in 1 .. 0 do failwith "never"\n7', 7),
    case("for-underscore", "let mutable n = 0\nfor _ in 1 .. 3 do n <- n + 1\nn", 3),
    case(
        "for-tuple-pattern",
        "let mutable acc = []\nfor (a, b) in [(1, 2); (3, 4)] do acc <- (a + b) :: acc\nacc",
        [7, 3],
    ),
    case(
        "while-loop",
        """
        let mutable i = 0
        let mutable acc = []
        while i < 3 do
            acc <- i :: acc
            i <- i + 1
        acc
        """,
        [2, 1, 0],
    ),
    case("while-one-line", "let mutable i = 0\nwhile i < 10 do i <- i + 3\ni", 12),
    case("range", "[1 .. 5]", [1, 2, 3, 4, 5]),
    case("range-no-spaces", "[0..2]", [0, 1, 2]),
    case("range-step", "[1 .. 2 .. 9]", [1, 3, 5, 7, 9]),
    case("range-negative-step", "[10 .. -3 .. 1]", [10, 7, 4, 1]),
    case("range-empty", "[5 .. 1]", []),
    case("range-variable-bound", "let n = 3\n[1 .. n]", [1, 2, 3]),
    case("range-float", "[1.0 .. 3.0]", [1.0, 2.0, 3.0]),
    case(
        "range-char",
        "['a' .. 'e']",
        ["a", "b", "c", "d", "e"],
    ),
    case("array-empty", "[||]", []),
    case("array-literal", "[|1; 2; 3|]", [1, 2, 3]),
    case("array-range", "[|1 .. 3|]", [1, 2, 3]),
    case("array-range-step", "[| 0 .. 2 .. 6 |]", [0, 2, 4, 6]),
    case("comprehension-arrow", "[for x in [1; 2; 3] -> x * x]", [1, 4, 9]),
    case(
        "comprehension-if-yield",
        "[ for x in 1 .. 10 do\n    if x % 3 = 0 then\n        yield x ]",
        [3, 6, 9],
    ),
    case(
        "comprehension-nested-for",
        "[ for x in 1 .. 3 do\n    for y in 1 .. 2 do\n        yield (x, y) ]",
        [(1, 1), (1, 2), (2, 1), (2, 2), (3, 1), (3, 2)],
    ),
    case("comprehension-array", "[| for x in 1 .. 3 -> x * 2 |]", [2, 4, 6]),
    case(
        "comprehension-let-inside",
        "[ for x in 1 .. 5 do\n    let y = x * x\n    if y > 5 then yield y ]",
        [9, 16, 25],
    ),
    case(
        "comprehension-two-yields",
        "[for i in 1 .. 3 do yield i; yield i * 10]",
        [1, 10, 2, 20, 3, 30],
    ),
    case("comprehension-yield-bang", "[yield 1; yield! [2; 3]]", [1, 2, 3]),
    case(
        "comprehension-yield-bang-loop", "[ for x in [1; 2] do\n    yield! [x; x] ]", [1, 1, 2, 2]
    ),
    case(
        "comprehension-implicit-yield",
        "[for x in 1 .. 4 do if x % 2 = 0 then x]",
        [2, 4],
    ),
    case("comprehension-tuple-last", "[for x in 1 .. 3 -> (x, x * x)] |> List.last", (3, 9)),
]


@pytest.mark.parametrize(("text", "expected"), LOOPS)
def test_loops_ranges_comprehensions(text: str, expected: Any) -> None:
    assert run(text) == expected


# --------------------------------------------------------------------------------------------
# Modules
# --------------------------------------------------------------------------------------------

MODULES = [
    case("module-qualified", "module M =\n    let x = 1\n    let f y = y + x\nM.f 2", 3),
    case(
        "module-nested",
        """
        module Outer =
            module Inner =
                let v = 10
            let w = Inner.v + 1
        (Outer.Inner.v, Outer.w)
        """,
        (10, 11),
    ),
    case("module-open", "module M =\n    let sq x = x * x\nopen M\nsq 4", 16),
    case(
        "module-open-shadowing",
        "module A =\n    let v = 1\nmodule B =\n    let v = 2\nopen A\nopen B\nv",
        2,
    ),
    case(
        "module-mutable-state",
        """
        module M =
            let mutable counter = 0
            let bump () = counter <- counter + 1
        M.bump ()
        M.bump ()
        M.counter
        """,
        2,
    ),
    case(
        "module-with-types",
        """
        module Shapes =
            type Shape = Circle of float | Square of float
            let area s = match s with Circle r -> 3.0 * r * r | Square a -> a * a
        Shapes.area (Shapes.Square 2.0)
        """,
        4.0,
    ),
    case(
        "module-recursive-function",
        """
        module M =
            let rec fact n = if n <= 1 then 1 else n * fact (n - 1)
        M.fact 5
        """,
        120,
    ),
    case(
        "module-then-top-level",
        "module M =\n    let a = 1\nlet b = M.a + 1\nb",
        2,
    ),
    case(
        "module-uses-earlier-module",
        "module A =\n    let x = 2\nmodule B =\n    let y = A.x * 10\nB.y",
        20,
    ),
]


@pytest.mark.parametrize(("text", "expected"), MODULES)
def test_modules(text: str, expected: Any) -> None:
    assert run(text) == expected


# --------------------------------------------------------------------------------------------
# #load
# --------------------------------------------------------------------------------------------


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(src(text), encoding="utf-8")
    return path


def test_load_files_in_plugin_directory(tmp_path: Path) -> None:
    write(tmp_path / "lib.fsx", "module MathLib =\n    let square x = x * x\nlet helper = 7\n")
    write(tmp_path / "sub" / "util.fsx", "let triple x = x * 3\n")
    main = write(
        tmp_path / "main.fsx",
        '#load "lib.fsx"\n#load "sub/util.fsx"\nMathLib.square 3 + helper + triple 1\n',
    )
    assert fusabi_host.compile_file(main).instantiate().value == 19


def test_load_then_open(tmp_path: Path) -> None:
    write(tmp_path / "lib.fsx", "module MathLib =\n    let square x = x * x\n")
    main = write(tmp_path / "main.fsx", '#load "lib.fsx"\nopen MathLib\nsquare 5\n')
    assert fusabi_host.compile_file(main).instantiate().value == 25


def test_load_same_file_twice(tmp_path: Path) -> None:
    write(tmp_path / "lib.fsx", "let helper = 7\n")
    main = write(tmp_path / "main.fsx", '#load "lib.fsx"\n#load "lib.fsx"\nhelper\n')
    assert fusabi_host.compile_file(main).instantiate().value == 7


@pytest.mark.parametrize("target", ["../outside/o.fsx", "ABSOLUTE", "link/o.fsx"])
def test_load_outside_plugin_directory_is_compile_error(tmp_path: Path, target: str) -> None:
    outside = write(tmp_path / "outside" / "o.fsx", "let secret = 1\n")
    plugin = tmp_path / "plugin"
    plugin.mkdir()
    (plugin / "link").symlink_to(outside.parent)
    if target == "ABSOLUTE":
        target = str(outside)
    main = write(plugin / "main.fsx", f'#load "{target}"\nsecret\n')
    with pytest.raises(fusabi_host.CompileError) as info:
        fusabi_host.compile_file(main)
    first = info.value.diagnostics[0]
    assert (first.line, first.column) == (1, 1)
    assert "outside" in first.message


def test_load_missing_file_is_compile_error(tmp_path: Path) -> None:
    main = write(tmp_path / "main.fsx", '#load "nope.fsx"\n1\n')
    with pytest.raises(fusabi_host.CompileError) as info:
        fusabi_host.compile_file(main)
    assert "nope.fsx" in str(info.value)


def test_load_error_inside_loaded_file_names_that_file(tmp_path: Path) -> None:
    write(tmp_path / "broken.fsx", "let x = \nlet y = 2\n")
    main = write(tmp_path / "main.fsx", '#load "broken.fsx"\n1\n')
    with pytest.raises(fusabi_host.CompileError) as info:
        fusabi_host.compile_file(main)
    assert info.value.diagnostics[0].filename.endswith("broken.fsx")


def test_load_cycle_does_not_hang(tmp_path: Path) -> None:
    write(tmp_path / "a.fsx", '#load "b.fsx"\nlet a = 1\n')
    write(tmp_path / "b.fsx", '#load "a.fsx"\nlet b = 2\n')
    main = write(tmp_path / "main.fsx", '#load "a.fsx"\na + b\n')
    try:
        value = fusabi_host.compile_file(main).instantiate().value
    except fusabi_host.CompileError:
        return
    assert value == 3


def test_load_from_source_text_is_compile_error() -> None:
    with pytest.raises(fusabi_host.CompileError):
        fusabi_host.compile_source('#load "x.fsx"\n1\n')
