"""F#'s ``decimal``: real decimal arithmetic with .NET's scale, range and formatting.

The expected texts are what ``dotnet fsi`` prints (worked out from .NET's rules: the scale of
a result is kept, ``ToString`` never uses an exponent, ``%A`` adds ``M``, ``%.2f`` rounds a
decimal half away from zero, ``Math.Round`` half to even)."""

from __future__ import annotations

import textwrap
from decimal import Decimal

import pytest

import fusabi_host
from fusabi_host import fzb
from fusabi_host.errors import CompileError, ConversionError
from tests.lang.programs import case, output

PROGRAMS = [
    case(
        "exact decimal sums, unlike floats",
        """
        printfn "%b %b" (0.1m + 0.2m = 0.3m) (0.1 + 0.2 = 0.3)
        printfn "%M" (0.1m + 0.2m)
        printfn "%M" (1m / 3m)
        printfn "%M" (10m / 3m)
        printfn "%M" (2m / 3m)
        printfn "%M" (10m / 4m)
        """,
        "true false\n0.3\n0.3333333333333333333333333333\n3.3333333333333333333333333333\n"
        "0.6666666666666666666666666667\n2.5\n",
    ),
    case(
        "the scale is kept",
        """
        printfn "%M %M %M" 19.990m (2.50m * 2m) (1.5m + 1.25m)
        printfn "%s %O" (string 100.00m) 0.0000001m
        printfn "%A" [1.50m; 2m; -0.5m]
        printfn "%b" (19.99m = 19.990m)
        """,
        "19.990 5.00 2.75\n100.00 0.0000001\n[1.50M; 2M; -0.5M]\ntrue\n",
    ),
    case(
        "formats",
        """
        let total = 1234.565m
        printfn "[%.2f] [%10.2f] [%-8.1f] [%f]" total total 2.25m 1.5m
        printfn "[%8M] [%-6M]" 3.5m 2m
        printfn $"{total:F2} {total:N2} {total} {0.5m:P0}"
        printfn "%.2f" 2.345m
        """,
        "[1234.57] [   1234.57] [2.3     ] [1.500000]\n[     3.5] [2     ]\n"
        "1234.57 1,234.57 1234.565 50 %\n2.35\n",
    ),
    case(
        "conversions",
        """
        printfn "%d %d" (int 7.9m) (int -7.9m)
        printfn "%f" (float 2.5m)
        printfn "%M %M %M" (decimal 3) (decimal 0.1) (decimal "12.50")
        printfn "%M %M" (decimal 'A') (decimal 1e20)
        printfn "%s" (string (decimal 2.5 * 2m))
        """,
        "7 -7\n2.500000\n3 0.1 12.50\n65 100000000000000000000\n5.0\n",
    ),
    case(
        "rounding and the numeric functions",
        """
        open System
        printfn "%M %M %M" (Math.Round 2.5m) (Math.Round 3.5m) (Math.Round(2.345m, 2))
        printfn "%M %M %M" (Math.Floor -2.5m) (Math.Ceiling 2.1m) (Math.Truncate -2.7m)
        printfn "%M %M %M" (round 2.5m) (floor 2.7m) (ceil 2.1m)
        printfn "%M %M %d" (abs -5.50m) (max 1.5m 2.25m) (sign -3.1m)
        printfn "%M %M" (Decimal.Round(1.005m, 2)) (Decimal.Parse "42.10")
        printfn "%M %M" Decimal.One Decimal.Zero
        printfn "%f" (Math.Round(2.675, 2))
        """,
        "2 4 2.34\n-3 3 -2\n2 2 3\n5.50 2.25 -1\n1.00 42.10\n1 0\n2.670000\n",
    ),
    case(
        "collections of decimals",
        """
        type Item = { Name: string; Price: decimal; Qty: int }
        let cart =
            [ { Name = "pen"; Price = 1.20m; Qty = 3 }; { Name = "pad"; Price = 2.95m; Qty = 2 } ]
        let total = cart |> List.sumBy (fun i -> i.Price * decimal i.Qty)
        printfn "total %M" total
        printfn "avg %M" (cart |> List.averageBy (fun i -> i.Price))
        printfn "max %M" (cart |> List.map (fun i -> i.Price) |> List.max)
        let byPrice = cart |> List.sortByDescending (fun i -> i.Price) |> List.map (fun i -> i.Name)
        printfn "%A" byPrice
        let prices = Map.ofList [ ("pen", 1.20m); ("pad", 2.95m) ]
        printfn "%M" (Map.find "pad" prices)
        printfn "%M" (Seq.sum [ 0.25m; 0.25m ])
        """,
        'total 9.50\navg 2.075\nmax 2.95\n["pad"; "pen"]\n2.95\n0.50\n',
    ),
    case(
        "decimal patterns and comparisons",
        """
        let describe d =
            match d with
            | 0m -> "zero"
            | x when x < 0m -> "negative"
            | _ -> "positive"
        printfn "%s %s %s" (describe 0.00m) (describe -1m) (describe 3.5m)
        printfn "%d" (compare 1.5m 1.50m)
        printfn "%A" (List.sort [3m; 1.5m; 2m])
        """,
        "zero negative positive\n0\n[1.5M; 2M; 3M]\n",
    ),
    case(
        "errors as .NET raises them",
        """
        let safeDiv a b =
            try a / b with :? System.DivideByZeroException -> -1m
        printfn "%M" (safeDiv 1m 0m)
        try
            printfn "%M" (Decimal.MaxValue + 1m)
        with :? System.OverflowException -> printfn "overflow"
        try
            printfn "%M" (decimal "abc")
        with :? System.FormatException -> printfn "format"
        match Decimal.TryParse "3.25" with
        | true, d -> printfn "parsed %M" d
        | _ -> printfn "no"
        """,
        "-1\noverflow\nformat\nparsed 3.25\n",
    ),
]


@pytest.mark.parametrize(("text", "expected"), PROGRAMS)
def test_decimals_behave_as_in_fsharp(text: str, expected: str) -> None:
    assert output("open System\n" + textwrap.dedent(text)) == expected


def test_a_decimal_literal_out_of_range_is_a_compile_error() -> None:
    with pytest.raises(CompileError, match="outside the range of decimal"):
        fusabi_host.compile_source("let x = 79228162514264337593543950336m\n", "d.fsx")


def test_decimal_and_float_do_not_mix() -> None:
    with pytest.raises(CompileError, match="decimal"):
        fusabi_host.compile_source("let x = 1.5m + 2.0\n", "d.fsx", type_check="strict")


def test_percent_f_of_an_unknown_type_is_a_float() -> None:
    assert output('let show x = sprintf "%.1f" x\nprintfn "%s" (show 2.25)') == "2.3\n"


def test_decimals_cross_the_host_boundary_as_python_decimals() -> None:
    unit = fusabi_host.compile_source(
        "let addTax (x: decimal) = x * 1.08m\nlet total (xs: decimal list) = List.sum xs\n",
        "t.fsx",
    )
    instance = unit.instantiate()
    assert instance.call("addTax", Decimal("10.00")) == Decimal("10.8000")
    assert instance.call("addTax", 3) == Decimal("3.24")
    assert instance.call("total", [Decimal("1.1"), Decimal("2.2")]) == Decimal("3.3")
    with pytest.raises(ConversionError, match="expected a Decimal"):
        instance.call("addTax", 1.5)  # (a float would be rounded silently)
    with pytest.raises(ConversionError, match="does not fit"):
        instance.call("addTax", Decimal("1e40"))


def test_decimal_constants_survive_bytecode() -> None:
    text = 'let x = 19.990m\nprintfn "%M %A" (x * 2m) (x = 19.99m)\n'
    unit = fusabi_host.load_bytecode(fzb.compile_source(text, "d.fsx"), "d.fzb")
    out: list[str] = []
    unit.instantiate(stdout=out.append)
    assert "".join(out) == "39.980 true\n"
