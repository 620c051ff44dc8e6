"""F# syntax plugin authors write: string interpolation, bitwise operators, explicit type
arguments, type constraints and qualified type names.

Every program is compiled with strict type checking and run; the expected output is what F#
prints (.NET formatting in the invariant culture: ``{3.14159:F2}`` is ``3.14``, ``{42:D5}``
is ``00042``, ``{1234567:N0}`` is ``1,234,567``, an untyped ``{x}`` is ``x.ToString()``, so
``{true}`` is ``True`` and ``{3.0}`` is ``3``).  Fusabi's int is 64-bit (a project decision),
so the shift cases use F#'s ``1L`` literals, whose results F# and Fusabi share.

The programs are ``text`` parameters, so the .fzb differential check of tests/fzb runs each
from bytecode too.
"""

from __future__ import annotations

import pytest

import fusabi_host
from fusabi_host import CompileError, FusabiError
from tests.lang.programs import case, output, src

# --------------------------------------------------------------------------------------------
# string interpolation
# --------------------------------------------------------------------------------------------

INTERPOLATION = [
    case(
        "names-in-holes",
        """
        let name = "Ada"
        let n = 3
        printfn "%s" $"{name} has {n} items"
        """,
        "Ada has 3 items\n",
    ),
    case(
        "expressions-in-holes",
        """
        let a = 2
        let b = 3
        printfn "%s" $"{a} + {b} = {a + b}, {a} * {b} = {a * b}"
        """,
        "2 + 3 = 5, 2 * 3 = 6\n",
    ),
    case(
        "member-and-function-holes",
        """
        let xs = [4; 5; 6]
        let square x = x * x
        printfn "%s" $"{xs.Length} items, sum {List.sum xs}, {square 7}"
        """,
        "3 items, sum 15, 49\n",
    ),
    case(
        "fixed-point-format",
        """
        let pi = 3.14159
        printfn "%s" $"pi is about {pi:F2} or {pi:F4} or {pi:F0}"
        """,
        "pi is about 3.14 or 3.1416 or 3\n",
    ),
    case(
        "fixed-point-of-an-int",
        """
        let price = 42
        printfn "%s" $"{price:F2} {price:F}"
        """,
        "42.00 42.00\n",
    ),
    case(
        "rounding-half-away-from-zero",
        """
        printfn "%s" $"{2.5:F0} {0.125:F2} {-2.5:F0}"
        """,
        "3 0.13 -3\n",
    ),
    case(
        "decimal-digits-format",
        """
        let id = 42
        let neg = -42
        printfn "%s" $"#{id:D5} {neg:D5} {id:D}"
        """,
        "#00042 -00042 42\n",
    ),
    case(
        "number-format-groups-thousands",
        """
        let population = 1234567
        let area = 1234.5
        printfn "%s" $"{population:N0} people on {area:N2} km2 ({area:N})"
        """,
        "1,234,567 people on 1,234.50 km2 (1,234.50)\n",
    ),
    case(
        "hex-format",
        """
        let color = 255
        printfn "%s" $"#{color:X} {color:x4} {-1L:X}"
        """,
        "#FF 00ff FFFFFFFFFFFFFFFF\n",
    ),
    case(
        "exponent-and-general-formats",
        """
        let big = 12345.678
        printfn "%s" $"{big:E2} {big:e} {big:G3} {big:G}"
        """,
        "1.23E+004 1.234568e+004 1.23E+04 12345.678\n",
    ),
    case(
        "percent-format",
        """
        let ratio = 0.256
        printfn "%s" $"{ratio:P1}"
        """,
        "25.6 %\n",
    ),
    case(
        "custom-numeric-formats",
        """
        let x = 3.14159
        printfn "%s" $"{x:0.00} {1234567:#,##0} {2.5:0.##} {7:000}"
        """,
        "3.14 1,234,567 2.5 007\n",
    ),
    case(
        "alignment-right-and-left",
        """
        let n = 42
        printfn "%s" $"[{n,5}] [{n,-5}] [{n,1}]"
        """,
        "[   42] [42   ] [42]\n",
    ),
    case(
        "alignment-with-format",
        """
        let x = 3.14159
        printfn "%s" $"[{x,8:F2}] [{x,-8:F1}]"
        """,
        "[    3.14] [3.1     ]\n",
    ),
    case(
        "aligned-table",
        """
        let stock = [ ("apple", 3); ("kiwi", 12); ("fig", 150) ]
        for (name, qty) in stock do
            printfn "%s" $"{name,-6}|{qty,4}"
        """,
        "apple |   3\nkiwi  |  12\nfig   | 150\n",
    ),
    case(
        "typed-holes",
        """
        let n = 7
        let s = "seven"
        let x = 2.5
        printfn "%s" $"%d{n} and %s{s} and %.2f{x}"
        """,
        "7 and seven and 2.50\n",
    ),
    case(
        "typed-holes-with-widths",
        """
        let n = 42
        let s = "ab"
        printfn "%s" $"[%5d{n}] [%-4s{s}] [%A{[1; 2]}]"
        """,
        "[   42] [ab  ] [[1; 2]]\n",
    ),
    case(
        "escaped-braces",
        """
        let x = 5
        printfn "%s" $"{{x}} = {x}; a set is {{ {x} }}"
        """,
        "{x} = 5; a set is { 5 }\n",
    ),
    case(
        "untyped-holes-use-tostring",
        """
        printfn "%s" $"{true} {1 > 2} {3.0} {2.5} {0.1 + 0.2} {'c'}"
        """,
        "True False 3 2.5 0.30000000000000004 c\n",
    ),
    case(
        "untyped-float-holes-use-dotnet-notation",
        """
        printfn "%s" $"{1e20} {0.00001} {0.0001} {-0.0}"
        """,
        "1E+20 1E-05 0.0001 -0\n",
    ),
    case(
        "untyped-holes-of-structures",
        """
        let found = Some 3
        printfn "%s" $"{found} {[1; 2; 3]} {(1, 2)}"
        """,
        "Some(3) [1; 2; 3] (1, 2)\n",
    ),
    case(
        "format-ignored-for-a-string",
        """
        let s = "ab"
        printfn "%s" $"{s:F2}|{s,4}"
        """,
        "ab|  ab\n",
    ),
    case(
        "string-escapes-in-interpolation",
        """
        let n = 1
        printfn "%s" $"a\\tb\\n{n}"
        """,
        "a\tb\n1\n",
    ),
    case(
        "verbatim-interpolation",
        '''
        let dir = "temp"
        printfn "%s" $@"C:\\{dir}\\file ""quoted"""
        printfn "%s" @$"{dir}\\x"
        ''',
        'C:\\temp\\file "quoted"\ntemp\\x\n',
    ),
    case(
        "triple-quoted-interpolation",
        '''
        let x = 2
        printfn "%s" $"""He said "{x + 1}" and {if x > 1 then "big" else "small"}"""
        ''',
        'He said "3" and big\n',
    ),
    case(
        "percent-in-interpolation",
        """
        let pct = 50
        printfn "%s" $"{pct}%% done"
        """,
        "50% done\n",
    ),
    case(
        "printfn-takes-an-interpolated-format",
        """
        let total = 12
        let label = "100%"
        printfn $"Total: {total} ({label})"
        """,
        "Total: 12 (100%)\n",
    ),
    case(
        "sprintf-and-failwithf-take-interpolated-strings",
        """
        let n = 3
        let message = sprintf $"%d{n} left"
        printfn "%s" message
        try
            failwithf $"bad value {n}"
        with Failure m ->
            printfn "caught: %s" m
        """,
        "3 left\ncaught: bad value 3\n",
    ),
    case(
        "interpolation-in-a-function",
        """
        let describe (name: string) (age: int) = $"{name} is {age} years old"
        ["Ann", 31; "Bob", 4] |> List.iter (fun (n, a) -> printfn "%s" (describe n a))
        """,
        "Ann is 31 years old\nBob is 4 years old\n",
    ),
    case(
        "interpolated-string-is-a-string",
        """
        let parts = [ for i in 1 .. 3 -> $"<{i}>" ]
        printfn "%s" (String.concat "," parts)
        printfn "%d" ($"{12345}".Length)
        """,
        "<1>,<2>,<3>\n5\n",
    ),
    case(
        "index-and-tuple-holes",
        """
        let xs = [| 10; 20 |]
        printfn "%s" $"{xs.[0]} {xs[1]} {(xs.Length, 2)}"
        """,
        "10 20 (2, 2)\n",
    ),
]


@pytest.mark.parametrize(("text", "expected"), INTERPOLATION)
def test_string_interpolation(text: str, expected: str) -> None:
    assert output(text) == expected


# --------------------------------------------------------------------------------------------
# bitwise operators
# --------------------------------------------------------------------------------------------

BITWISE = [
    case(
        "and-or-xor",
        """
        printfn "%d %d %d" (12 &&& 10) (12 ||| 10) (12 ^^^ 10)
        """,
        "8 14 6\n",
    ),
    case(
        "shifts",
        """
        printfn "%d %d %d %d" (1 <<< 10) (1024 >>> 3) (-16 >>> 2) (-1 >>> 60)
        """,
        "1024 128 -4 -1\n",
    ),
    case(
        "shifts-wrap-and-mask-the-count",
        """
        printfn "%d %d %d" (1L <<< 63) (1L <<< 64) (3L <<< 65)
        printfn "%d" ((1L <<< 63) >>> 63)
        """,
        "-9223372036854775808 1 6\n-1\n",
    ),
    case(
        "bitwise-not",
        """
        printfn "%d %d %d" (~~~0) (~~~5) (~~~(-1))
        """,
        "-1 -6 0\n",
    ),
    case(
        "precedence-follows-fsharp",
        """
        printfn "%d %d %d" (1 + 2 &&& 3) (1 ||| 2 ^^^ 3) (1 <<< 2 + 1)
        printfn "%b %b" (6 &&& 3 = 2) (1 <<< 3 = 8)
        """,
        "3 1 8\ntrue true\n",
    ),
    case(
        "flags",
        """
        let read = 1
        let write = 2
        let exec = 4
        let hasFlag flags flag = flags &&& flag = flag
        let perms = read ||| exec
        printfn "%b %b %b" (hasFlag perms read) (hasFlag perms write) (hasFlag perms exec)
        printfn "%s" $"{perms ||| write:X2}"
        """,
        "true false true\n07\n",
    ),
    case(
        "operators-as-functions",
        """
        printfn "%d %d" (List.fold (|||) 0 [1; 2; 4]) (List.reduce (&&&) [7; 6; 14])
        """,
        "7 6\n",
    ),
    case(
        "popcount-loop",
        """
        let popcount (n: int) =
            let mutable x = n
            let mutable count = 0
            while x <> 0 do
                count <- count + (x &&& 1)
                x <- x >>> 1
            count
        printfn "%d %d" (popcount 255) (popcount 1023)
        """,
        "8 10\n",
    ),
]


@pytest.mark.parametrize(("text", "expected"), BITWISE)
def test_bitwise_operators(text: str, expected: str) -> None:
    assert output(text) == expected


# --------------------------------------------------------------------------------------------
# explicit type arguments, constraints, qualified type names
# --------------------------------------------------------------------------------------------

TYPES = [
    case(
        "literal-suffixes",
        """
        let mask = 0xFFuy
        let small = -5s
        let flags = 0x0Fu ||| 0x30u
        printfn "%d %d %d %d" mask small flags (0xFFy)
        printfn "%g %s" 1.5f (string 2.5m)
        """,
        "255 -5 63 -1\n1.5 2.5\n",
    ),
    case(
        "map-empty-with-type-arguments",
        """
        let m = Map.empty<string, int> |> Map.add "a" 1 |> Map.add "b" 2
        printfn "%d %d" (Map.count m) (Map.find "b" m)
        """,
        "2 2\n",
    ),
    case(
        "seq-and-list-empty",
        """
        let e = Seq.empty<int>
        let l = List.empty<string>
        printfn "%d %d %A" (Seq.length e) (List.length l) l
        """,
        "0 0 []\n",
    ),
    case(
        "array-zero-create-of-each-type",
        """
        printfn "%A" (Array.zeroCreate<float> 3)
        printfn "%A" (Array.zeroCreate<int> 2)
        printfn "%A" (Array.zeroCreate<bool> 2)
        """,
        "[|0.0; 0.0; 0.0|]\n[|0; 0|]\n[|false; false|]\n",
    ),
    case(
        "zero-created-float-array-takes-floats",
        """
        let sums = Array.zeroCreate<float> 2
        sums.[0] <- sums.[0] + 1.5
        printfn "%A" sums
        """,
        "[|1.5; 0.0|]\n",
    ),
    case(
        "zero-created-array-of-arrays-filled-before-use",
        """
        let rows = Array.zeroCreate<int[]> 2
        for i in 0 .. 1 do
            rows.[i] <- Array.init 3 (fun j -> i * 3 + j)
        printfn "%A %M" rows (Array.zeroCreate<decimal> 1).[0]
        """,
        "[|[|0; 1; 2|]; [|3; 4; 5|]|] 0\n",
    ),
    case(
        "id-with-type-argument",
        """
        printfn "%d %s" (id<int> 3) (id<string> "x")
        """,
        "3 x\n",
    ),
    case(
        "comparison-constraint-in-annotation",
        """
        let largest (x: 'a when 'a : comparison) (y: 'a) = if x > y then x else y
        printfn "%d %s" (largest 3 5) (largest "b" "a")
        """,
        "5 b\n",
    ),
    case(
        "explicit-type-parameters-with-constraints",
        """
        let same<'T when 'T : equality> (a: 'T) (b: 'T) = a = b
        printfn "%b %b" (same 1 1) (same "a" "b")
        """,
        "true false\n",
    ),
    case(
        "inline-functions",
        """
        let inline add x y = x + y
        let inline twice f x = f (f x)
        printfn "%d" (twice (add 3) 1)
        """,
        "7\n",
    ),
    case(
        "constrained-type-declaration",
        """
        type Box<'T when 'T : comparison> = { Value: 'T }
        let b = { Value = 3 }
        printfn "%d" b.Value
        """,
        "3\n",
    ),
    case(
        "flexible-seq-annotation",
        """
        let total (xs: #seq<int>) = Seq.sum xs
        printfn "%d %d" (total [1; 2; 3]) (total [| 4; 5 |])
        """,
        "6 9\n",
    ),
    case(
        "qualified-user-type-names",
        """
        module Geometry =
            type Point = { X: int; Y: int }
            module Shapes =
                type Size = { W: int; H: int }
        let manhattan (p: Geometry.Point) = abs p.X + abs p.Y
        let area (s: Geometry.Shapes.Size) : int = s.W * s.H
        printfn "%d %d" (manhattan { X = -1; Y = 2 }) (area { W = 3; H = 4 })
        """,
        "3 12\n",
    ),
    case(
        "dotnet-type-names",
        """
        let s: System.String = "hi"
        let n: System.Int32 = 3
        let x: System.Double = 2.5
        let b: System.Boolean = true
        let c: System.Char = 'z'
        printfn "%s %d %g %b %c" s n x b c
        """,
        "hi 3 2.5 true z\n",
    ),
    case(
        "sized-number-annotations",
        """
        let a: int64 = 5L
        let b: int32 = 3
        let c: double = 1.5
        let d: float32 = 0.5f
        let e: uint32 = 7u
        let f: byte = 255uy
        let g: decimal = 2.5m
        printfn "%d %d %g %g %d %d %s" a b c d e f (string g)
        """,
        "5 3 1.5 0.5 7 255 2.5\n",
    ),
]


@pytest.mark.parametrize(("text", "expected"), TYPES)
def test_types(text: str, expected: str) -> None:
    assert output(text) == expected


STATEMENTS = [
    case(
        "do-statements",
        """
        let f () =
            printfn "a"
            do printfn "b"
            1
        printfn "%d" (f ())
        async { do printfn "in a workflow" } |> Async.RunSynchronously
        """,
        "a\nb\n1\nin a workflow\n",
    ),
    case(
        "a generic value with explicit type parameters",
        """
        let empty<'T> : 'T list = []
        let none<'a> : 'a option = None
        printfn "%d %b" (List.length (empty<int>)) (Option.isNone (none<string>))
        """,
        "0 true\n",
    ),
    case(
        "a record literal of values is generic, a ref cell is not",
        """
        type Stack<'T> = { Items: 'T list }
        let empty = { Items = [] }
        let ints = { empty with Items = [1] }
        let strs = { empty with Items = ["a"] }
        printfn "%A %A" ints.Items strs.Items
        """,
        '[1] ["a"]\n',
    ),
    case(
        "set union and difference operators",
        """
        let a = set [1; 2; 3]
        let b = set [2; 5]
        printfn "%A %A" (a - b) (a + b)
        printfn "%A" (Set.empty + set ["x"] - set ["y"])
        """,
        'set [1; 3] set [1; 2; 3; 5]\nset ["x"]\n',
    ),
    case(
        "a value piped into a lambda types its parameter",
        """
        let parts = "a-b" |> (fun s -> s.Split('-'))
        printfn "%s %s" (String.concat "+" parts) ("x" |> fun s -> s.ToUpper())
        let total = (2, 3) ||> fun a b -> a * b
        printfn "%d" total
        """,
        "a+b X\n6\n",
    ),
    case(
        "let inline is generic over the number types",
        """
        let inline sq x = x * x
        let inline add a b = a + b
        let plain x = x * x
        printfn "%d %g %M %d %s %d" (sq 7) (sq 1.5) (sq 1.1m) (add 1 2) (add "a" "b") (plain 3)
        """,
        "49 2.25 1.21 3 ab 9\n",
    ),
    case(
        "a script's own symbolic operators",
        """
        let (+.) a b = a + b + 1
        let (>>=) m f = Option.bind f m
        let (<!>) f x = Option.map f x
        let ( *. ) a b = a * b * 2
        let (|>>) x f = f (f x)
        let bound = Some 3 >>= (fun x -> Some (x * 10))
        printfn "%d %A %A" (2 +. 3) bound ((fun x -> x + 1) <!> Some 1)
        printfn "%d %d %d" (2 *. 3 +. 1) (1 +. 2 *. 3) (5 |>> (fun x -> x * 2))
        let apply op = op 4 5
        printfn "%d %d %b" (apply (+.)) (3-1) (1<>2)
        """,
        "6 Some 30 Some 2\n14 14 20\n10 2 true\n",
    ),
    case(
        "ranges in braces",
        """
        let n = 3
        printfn "%d %A" (Seq.sum { 1 .. 4 }) (List.ofSeq { n .. -1 .. 1 })
        """,
        "10 [3; 2; 1]\n",
    ),
    case(
        "enums",
        """
        type Color = Red = 1 | Green = 2 | Blue = 4
        type Level =
            | Low = 0
            | High = 10
        let describe c =
            match c with
            | Color.Red -> "red"
            | Color.Green -> "green"
            | _ -> "other"
        let r, b = describe Color.Red, describe Color.Blue
        printfn "%s %s %d %d" r b (int Color.Blue) (int Level.High)
        printfn "%A %s %O" Color.Green (string Level.Low) Color.Red
        let total = [ Color.Red; Color.Green; Color.Blue ] |> List.sumBy int
        printfn "%d %b" total (Color.Red < Color.Blue)
        """,
        "red other 4 10\nGreen Low Red\n7 true\n",
    ),
]


@pytest.mark.parametrize(("text", "expected"), STATEMENTS)
def test_statements_and_operators(text: str, expected: str) -> None:
    assert output(text) == expected


# --------------------------------------------------------------------------------------------
# refused programs
# --------------------------------------------------------------------------------------------

REFUSED = [
    case(
        "typed-hole-int-of-a-string",
        """
        let s = "x"
        printfn "%s" $"%d{s}"
        """,
        "expected int, got string",
    ),
    case(
        "typed-hole-string-of-an-int",
        """
        printfn "%s" $"%s{42}"
        """,
        "expected string, got int",
    ),
    case(
        "typed-hole-float-of-an-int",
        """
        let n = 3
        printfn "%s" $"%.2f{n}"
        """,
        "expected float, got int",
    ),
    case(
        "typed-hole-with-alignment",
        """
        let n = 1
        printfn "%s" $"%d{n,5}"
        """,
        "takes no .NET alignment or format",
    ),
    case(
        "unsupported-format",
        """
        let x = 1
        printfn "%s" $"{x:Q}"
        """,
        "unsupported format 'Q'",
    ),
    case(
        "absurd-alignment",
        """
        let x = 1
        printfn "%s" $"{x,1000000000}"
        """,
        "the alignment '1000000000' is too large",
    ),
    case(
        "absurd-precision",
        """
        let x = 1
        printfn "%s" $"{x:D1000000000}"
        """,
        "the precision of format 'D1000000000' is too large",
    ),
    case("unterminated-hole", 'printfn "%s" $"{x"\n', "unterminated hole"),
    case("empty-hole", 'printfn "%s" $"a {} b"\n', "empty hole"),
    case("single-closing-brace", 'printfn "%s" $"a } b"\n', "is written '}}'"),
    case("unterminated-interpolation", 'let s = $"abc\n', "unterminated"),
    case("bad-hole-expression", 'let x = 1\nprintfn "%s" $"{x +}"\n', "expected an expression"),
    case("bitwise-on-floats", 'let x = 1.5\nprintfn "%d" (x &&& 1)\n', "expected int, got float"),
    case("bitwise-on-bools", 'printfn "%b" (true ||| false)\n', "expected int, got bool"),
    case("shift-of-a-string", 'printfn "%d" ("a" <<< 1)\n', "expected int, got string"),
    case("type-argument-mismatch", 'printfn "%d" (id<int> "s")\n', "expected int, got string"),
    case(
        "map-type-arguments-constrain",
        'let m = Map.empty<string, int> |> Map.add 1 2\nprintfn "%A" m\n',
        "expected string, got int",
    ),
    case(
        "too-many-type-arguments",
        'printfn "%A" (List.empty<int, string>)\n',
        "takes 1 type argument(s), but 2 are given",
    ),
    case(
        "zero-create-of-an-unknown-type",
        "let make<'T> (n: int) : 'T[] = Array.zeroCreate<'T> n\n",
        "Array.zeroCreate needs a known element type",
    ),
    case(
        "zero-created-float-array-refuses-ints",
        "let a = Array.zeroCreate<float> 2\na.[0] <- 1\n",
        "expected float, got int",
    ),
    case("literal-outside-its-suffix-type", "let b = 300uy\n", "300uy does not fit in byte"),
    case(
        "unknown-qualified-type",
        "module Geometry =\n    type Point = { X: int }\nlet f (p: Geometry.Nope) = 1\n",
        "unknown type 'Geometry.Nope'",
    ),
]


@pytest.mark.parametrize(("text", "message"), REFUSED)
def test_refused_at_compile_time(text: str, message: str) -> None:
    with pytest.raises(CompileError, match=message.replace("(", r"\(").replace(")", r"\)")):
        fusabi_host.compile_source(src(text), type_check="strict")


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        pytest.param('let x = 1\nprintfn "%s" $"{x,999999999}"\n', "string", id="huge-alignment"),
        pytest.param('let x = 1\nprintfn "%s" $"{x:D999999999}"\n', "string", id="huge-digits"),
        pytest.param('printfn "%s" $"{1.5:F999999999}"\n', "string", id="huge-precision"),
    ],
)
def test_sizes_asked_by_a_hole_are_checked_against_the_limits(text: str, kind: str) -> None:
    unit = fusabi_host.compile_source(src(text), type_check="strict")
    with pytest.raises(FusabiError, match=f"tried to build a {kind}"):
        unit.instantiate()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param('printfn "%s" $"{3.5:D2}"\n', "format 'D' needs an int", id="D-of-float"),
        pytest.param('printfn "%s" $"{3.5:X}"\n', "format 'X' needs an int", id="X-of-float"),
    ],
)
def test_integer_formats_of_floats_are_format_errors(text: str, message: str) -> None:
    unit = fusabi_host.compile_source(src(text), type_check="strict")
    with pytest.raises(FusabiError, match=f"FormatException: the {message}"):
        unit.instantiate()
