"""Operators defined as static members (``static member (+) (a: Vec, b: Vec)``) on records,
unions and classes: ``a + b`` calls the member of the operands' type, overloads are chosen by
the operand types (``v * 2.0`` and ``2.0 * v``), ``-v`` calls ``(~-)``, and arithmetic whose
operand type is learnt later (``fun acc v -> acc + v`` in a fold) resolves once it is known.
Also the ``ToString`` override as ``%O`` and ``$"{x}"`` show it.

Each program is compiled with strict type checking and run; the expected output is what F#
prints.  The programs are ``text`` parameters, so the .fzb differential check of tests/fzb
runs each from bytecode too.
"""

from __future__ import annotations

import re

import pytest

import fusabi_host
from fusabi_host import CompileError
from tests.lang.programs import case, output, src

VEC = """
type Vec =
    { X: float; Y: float }
    static member (+) (a: Vec, b: Vec) = { X = a.X + b.X; Y = a.Y + b.Y }
    static member (-) (a: Vec, b: Vec) = { X = a.X - b.X; Y = a.Y - b.Y }
    static member (*) (a: Vec, k: float) = { X = a.X * k; Y = a.Y * k }
    static member (*) (k: float, a: Vec) = { X = k * a.X; Y = k * a.Y }
    static member (~-) (a: Vec) = { X = -a.X; Y = -a.Y }
    static member Zero = { X = 0.0; Y = 0.0 }
    override v.ToString() = sprintf "(%g, %g)" v.X v.Y
let a = { X = 1.0; Y = 2.0 }
let b = { X = 3.0; Y = 5.0 }
"""

OPERATORS = [
    case("record-addition", VEC + 'printfn "%O" (a + b)\n', "(4, 7)\n"),
    case("subtraction-then-scaling", VEC + 'printfn "%O" ((b - a) * 2.0)\n', "(4, 6)\n"),
    case("overload-by-left-operand", VEC + 'printfn "%O" (0.5 * b)\n', "(1.5, 2.5)\n"),
    case("unary-negation", VEC + 'printfn "%O" (-a)\n', "(-1, -2)\n"),
    case(
        "operand-type-learnt-later",
        VEC + "let total = [a; b; a] |> List.fold (fun acc v -> acc + v) Vec.Zero\n"
        'printfn "%O" total\n',
        "(5, 9)\n",
    ),
    case("operator-as-a-function", VEC + 'printfn "%O" (List.reduce (+) [a; b; b])\n', "(7, 12)\n"),
    case(
        "inside-a-member-and-a-function",
        VEC + 'let lerp (p: Vec) (q: Vec) t = p + (q - p) * t\nprintfn "%O" (lerp a b 0.5)\n',
        "(2, 3.5)\n",
    ),
    case(
        "union-with-patterns-in-the-parameters",
        """
        type Money =
            | Money of decimal
            static member (+) (Money x, Money y) = Money (x + y)
            static member (*) (Money x, n: int) = Money (x * decimal n)
            override m.ToString() = match m with Money x -> sprintf "$%.2f" x
        let price = Money 1.25m
        printfn "%s %O" (string (price + Money 2m)) (price * 3)
        """,
        "$3.25 $3.75\n",
    ),
    case(
        "class-with-curried-operator",
        """
        type Counter(n: int) =
            member _.N = n
            static member (+) (a: Counter) (b: Counter) = Counter(a.N + b.N)
            override _.ToString() = sprintf "Counter %d" n
        let c = Counter 2 + Counter 40
        printfn "%O|%s" c $"{c}"
        """,
        "Counter 42|Counter 42\n",
    ),
    case(
        "numbers-still-add",
        VEC + 'let f x y = x + y\nprintfn "%d %g %s" (f 1 2) (2.5 + 1.0) ("a" + "b")\n',
        "3 3.5 ab\n",
    ),
    case(
        "interpolation-with-alignment",
        VEC + 'printfn "[%s]" $"{a,10}"\n',
        "[    (1, 2)]\n",
    ),
]


@pytest.mark.parametrize(("text", "expected"), OPERATORS)
def test_operator_members(text: str, expected: str) -> None:
    assert output(text) == expected


REFUSED = [
    case("operator-not-defined", VEC + "let p = a / b\n", "Vec does not define the operator"),
    case(
        "no-overload-fits",
        VEC + "let p = a + 1.0\n",
        "no operator member fits 'x + y' with operands Vec and float",
    ),
    case(
        "unsupported-operator",
        "type T = { A: int }\n    static member (<+>) (x: T, y: T) = x\n",
        "an operator member must be one of",
    ),
    case(
        "instance-operator",
        "type T = { A: int }\n    static member (+) = 1\n",
        "an operator member is static and has parameters",
    ),
]


@pytest.mark.parametrize(("text", "message"), REFUSED)
def test_ill_formed_operators_are_refused(text: str, message: str) -> None:
    with pytest.raises(CompileError, match=re.escape(message)):
        fusabi_host.compile_source(src(text), type_check="strict")


def test_operators_outside_an_ill_typed_binding_still_work_unchecked() -> None:
    program = VEC + 'let dynamicMarker = [1; "a"]\nprintfn "%O" (a + b)\n'
    assert output(program, type_check="warn") == "(4, 7)\n"
