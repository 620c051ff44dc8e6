"""The .NET surface F# plugin authors call: ``open System``, ``System.Char.IsDigit``,
``Math.Sqrt``, ``Int32.TryParse``, ``String.Join``, ``StringSplitOptions``...

Each program is valid F#, compiled with strict type checking (the default) and run; the
expected text is what F# (.NET 8) prints for it.
"""

from __future__ import annotations

import textwrap

import pytest

import fusabi_host
from fusabi_host.lang.stdlib.registry import REGISTRY
from fusabi_host.lang.values import INT_MIN, FusabiException


def src(text: str) -> str:
    return textwrap.dedent(text).strip("\n") + "\n"


def output(text: str) -> str:
    """What the program prints, compiled strictly typed."""
    out: list[str] = []
    fusabi_host.compile_source(src(text), type_check="strict").instantiate(stdout=out.append)
    return "".join(out)


def expect(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


def case(name: str, program: str, printed: str) -> object:
    return pytest.param(program, expect(printed), id=name)


PROGRAMS = [
    case(
        "tokenizer",
        """
        open System

        type Token =
            | Number of int
            | Ident of string
            | Symbol of char

        let tokenize (text: string) =
            let chars = text.ToCharArray()
            let mutable i = 0
            let mutable tokens = []
            while i < chars.Length do
                let c = chars.[i]
                if Char.IsWhiteSpace c then
                    i <- i + 1
                elif Char.IsDigit c then
                    let start = i
                    while i < chars.Length && Char.IsDigit chars.[i] do
                        i <- i + 1
                    tokens <- Number (Int32.Parse(text.Substring(start, i - start))) :: tokens
                elif Char.IsLetter c then
                    let start = i
                    while i < chars.Length && Char.IsLetterOrDigit chars.[i] do
                        i <- i + 1
                    tokens <- Ident (text.Substring(start, i - start)) :: tokens
                else
                    tokens <- Symbol c :: tokens
                    i <- i + 1
            List.rev tokens

        let describe token =
            match token with
            | Number n -> sprintf "NUM(%d)" n
            | Ident s -> sprintf "ID(%s)" s
            | Symbol c -> sprintf "SYM(%c)" c

        let tokens = tokenize "x1 = 42 + y*7" |> List.map describe
        printfn "%s" (String.Join(" ", tokens))
        """,
        """
        ID(x1) SYM(=) NUM(42) SYM(+) ID(y) SYM(*) NUM(7)
        """,
    ),
    case(
        "rpn-calculator",
        """
        open System

        let evalRpn (input: string) =
            let step (stack: int list) (token: string) =
                match Int32.TryParse token with
                | true, n -> n :: stack
                | _ ->
                    match token, stack with
                    | "+", b :: a :: rest -> (a + b) :: rest
                    | "-", b :: a :: rest -> (a - b) :: rest
                    | "*", b :: a :: rest -> (a * b) :: rest
                    | "/", b :: a :: rest -> (a / b) :: rest
                    | _ -> failwith ("bad token " + token)
            input.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            |> Array.fold step []
            |> List.head

        printfn "%d" (evalRpn "3 4 + 2 *")
        printfn "%d" (evalRpn "10  2 8 * + 3 -")
        let result = try string (evalRpn "1 x +") with Failure msg -> msg
        printfn "%s" result
        """,
        """
        14
        23
        bad token x
        """,
    ),
    case(
        "geometry",
        """
        open System

        type Point = { X: float; Y: float }

        let distance a b = Math.Sqrt(Math.Pow(b.X - a.X, 2.0) + Math.Pow(b.Y - a.Y, 2.0))

        let point x y = { X = x; Y = y }
        let path = [ point 0.0 0.0; point 3.0 4.0; point 6.0 8.0; point 6.0 0.0 ]
        let total = path |> List.pairwise |> List.sumBy (fun (a, b) -> distance a b)
        printfn "Total: %.2f" total
        let area r = Math.PI * r * r
        printfn "Area: %.4f" (area 2.0)
        printfn "Diagonal: %f" (distance { X = 1.0; Y = 1.0 } { X = 2.0; Y = 2.0 })
        """,
        """
        Total: 18.00
        Area: 12.5664
        Diagonal: 1.414214
        """,
    ),
    case(
        "report-with-join",
        """
        open System

        let rows = [ ("apples", 3); ("pears", 10); ("kiwis", 0) ]
        let lines =
            rows
            |> List.filter (fun (_, n) -> n > 0)
            |> List.map (fun (name, n) -> sprintf "%s=%d" name n)
        printfn "%s" (String.Join(", ", lines))
        printfn "[%s]" (String.Join(";", Array.ofList lines))
        printfn "[%s]" (String.Join(", ", ([]: string list)))
        let header = String.Join(" | ", [| "Name"; "Qty" |])
        printfn "%s" header
        """,
        """
        apples=3, pears=10
        [apples=3;pears=10]
        []
        Name | Qty
        """,
    ),
    case(
        "csv-totals",
        """
        open System

        let csv = "name,price\\nwidget, 2.50\\n\\ngadget,10\\n"
        let lines = csv.Split('\\n', StringSplitOptions.RemoveEmptyEntries)
        let total =
            lines
            |> Array.skip 1
            |> Array.map (fun line -> line.Split(',', StringSplitOptions.TrimEntries))
            |> Array.sumBy (fun cols -> Double.Parse cols.[1])
        printfn "%d items, total %.2f" (lines.Length - 1) total
        """,
        """
        2 items, total 12.50
        """,
    ),
    case(
        "word-counts",
        """
        open System

        let text = "Hello, World! Hello again."
        let clean c = if Char.IsPunctuation c then ' ' else Char.ToLower c
        let cleaned = text |> String.map clean
        let words = cleaned.Split(' ', StringSplitOptions.RemoveEmptyEntries)
        let counts = words |> Array.countBy id |> Array.sortBy fst
        for (word, n) in counts do
            printfn "%s: %d" word n
        """,
        """
        again: 1
        hello: 2
        world: 1
        """,
    ),
    case(
        "password-rules",
        """
        open System

        let rules : ((string -> bool) * string) list =
            [ (fun (pw: string) -> pw.Length >= 8), "too short"
              (fun pw -> Seq.exists Char.IsUpper pw), "no upper case"
              (fun pw -> Seq.exists Char.IsLower pw), "no lower case"
              (fun pw -> Seq.exists Char.IsDigit pw), "no digit"
              (fun pw -> not (Seq.forall Char.IsLetterOrDigit pw)), "no symbol" ]

        let check (pw: string) =
            let problems = rules |> List.filter (fun (ok, _) -> not (ok pw)) |> List.map snd
            if List.isEmpty problems then "ok" else String.Join("; ", problems)

        printfn "%s" (check "abc")
        printfn "%s" (check "Secr3t!pass")
        """,
        """
        too short; no upper case; no digit; no symbol
        ok
        """,
    ),
    case(
        "max-min-int-and-float",
        """
        open System

        let temps = [ 12; -3; 25; 7 ]
        let hi = temps |> List.fold (fun (acc: int) t -> Math.Max(acc, t)) Int32.MinValue
        let lo = temps |> List.fold (fun (acc: int) t -> Math.Min(acc, t)) Int32.MaxValue
        printfn "range %d..%d" lo hi
        let readings = [ 1.5; 2.25; -0.75 ]
        let peak = readings |> List.reduce (fun a b -> Math.Max(a, b))
        let low = readings |> List.reduce (fun a b -> Math.Min(a, b))
        printfn "peak %.2f, spread %.2f" peak (peak - low)
        printfn "%d %.1f" (Math.Abs(-42)) (Math.Abs(-1.5))
        """,
        """
        range -3..25
        peak 2.25, spread 3.00
        42 1.5
        """,
    ),
    case(
        "rounding",
        """
        open System

        for x in [ 2.5; 3.5; -2.5; 1.25 ] do
            printfn "%.2f: round %.1f floor %.1f ceiling %.1f truncate %.1f sign %d"
                x (Math.Round x) (Math.Floor x) (Math.Ceiling x) (Math.Truncate x) (Math.Sign x)
        """,
        """
        2.50: round 2.0 floor 2.0 ceiling 3.0 truncate 2.0 sign 1
        3.50: round 4.0 floor 3.0 ceiling 4.0 truncate 3.0 sign 1
        -2.50: round -2.0 floor -3.0 ceiling -2.0 truncate -2.0 sign -1
        1.25: round 1.0 floor 1.0 ceiling 2.0 truncate 1.0 sign 1
        """,
    ),
    case(
        "trigonometry-and-logs",
        """
        open System

        let degrees r = r * 180.0 / Math.PI
        printfn "%.1f" (degrees (Math.Atan2(1.0, 1.0)))
        printfn "%.4f %.4f %.4f" (Math.Sin(Math.PI / 6.0)) (Math.Cos 0.0) (Math.Tan(Math.PI / 4.0))
        printfn "%.3f %.1f %.4f" (Math.Log Math.E) (Math.Log10 1000.0) (Math.Exp 1.0)
        printfn "%b %b" (Double.IsNaN(Math.Sqrt -1.0)) (Double.IsInfinity(Math.Log 0.0))
        printfn "%d %d %d" (Math.Sign -7) (Math.Sign 0) (Math.Sign 0.5)
        """,
        """
        45.0
        0.5000 1.0000 1.0000
        1.000 3.0 2.7183
        true true
        -1 0 1
        """,
    ),
    case(
        "port-config",
        """
        open System

        let parsePort (text: string) =
            match Int32.TryParse(text.Trim()) with
            | true, port when port > 0 && port < 65536 -> Ok port
            | true, port -> Error (sprintf "port %d out of range" port)
            | false, _ -> Error (sprintf "'%s' is not a number" text)

        for input in [ "8080"; " 443 "; "70000"; "http"; "+22" ] do
            match parsePort input with
            | Ok p -> printfn "port %d" p
            | Error e -> printfn "error: %s" e
        """,
        """
        port 8080
        port 443
        error: port 70000 out of range
        error: 'http' is not a number
        port 22
        """,
    ),
    case(
        "fully-qualified-without-open",
        """
        let isHex (c: char) =
            System.Char.IsDigit c || "abcdef".Contains(string (System.Char.ToLower c))
        printfn "%b %b" (isHex 'B') (isHex 'g')
        printfn "%.3f" (System.Math.Sqrt 16.0)
        printfn "%s" (System.String.Join("/", [ "usr"; "local"; "bin" ]))
        printfn "%d" System.Int32.MaxValue
        """,
        """
        true false
        4.000
        usr/local/bin
        2147483647
        """,
    ),
    case(
        "int64-limits",
        """
        open System

        printfn "%d" Int64.MaxValue
        printfn "%d" Int64.MinValue
        printfn "%d" (Int64.Parse "-9000000000")
        match Int64.TryParse "9223372036854775808" with
        | true, v -> printfn "parsed %d" v
        | false, _ -> printfn "too big"
        printfn "%d %d" Int32.MinValue Int32.MaxValue
        """,
        """
        9223372036854775807
        -9223372036854775808
        -9000000000
        too big
        -2147483648 2147483647
        """,
    ),
    case(
        "char-census",
        """
        open System

        let text = "Hi there, 2024!\\tBye"
        let count pred = text |> Seq.filter pred |> Seq.length
        printfn "letters=%d digits=%d spaces=%d"
            (count Char.IsLetter) (count Char.IsDigit) (count Char.IsWhiteSpace)
        printfn "punct=%d upper=%d lower=%d control=%d"
            (count Char.IsPunctuation) (count Char.IsUpper) (count Char.IsLower)
            (count Char.IsControl)
        """,
        """
        letters=10 digits=4 spaces=3
        punct=2 upper=2 lower=8 control=1
        """,
    ),
    case(
        "digit-sum-parenthesised-calls",
        """
        open System

        let digitSum (s: string) =
            s
            |> Seq.filter (fun c -> Char.IsDigit(c))
            |> Seq.sumBy (fun c -> int (Char.GetNumericValue(c)))
        printfn "%d" (digitSum "a1b2c3d4")
        printfn "%.1f" (Char.GetNumericValue 'x')
        printfn "%c%c" (Char.ToUpper('q')) (Char.ToLower 'Z')
        """,
        """
        10
        -1.0
        Qz
        """,
    ),
    case(
        "blank-names",
        """
        open System

        let names = [ "Ada"; "   "; ""; "Linus"; "\\t" ]
        let valid = names |> List.filter (fun n -> not (String.IsNullOrWhiteSpace n))
        printfn "%d valid: %s" valid.Length (String.Join(", ", valid))
        let empties = names |> List.filter String.IsNullOrEmpty |> List.length
        printfn "%d empty; String.Empty has length %d" empties String.Empty.Length
        """,
        """
        2 valid: Ada, Linus
        1 empty; String.Empty has length 0
        """,
    ),
    case(
        "powers-of-two",
        """
        open System

        for i in 0 .. 4 do
            printfn "2^%d = %d" i (int (Math.Pow(2.0, float i)))
        """,
        """
        2^0 = 1
        2^1 = 2
        2^2 = 4
        2^3 = 8
        2^4 = 16
        """,
    ),
    case(
        "split-options",
        """
        open System

        let show (parts: string array) = printfn "%d [%s]" parts.Length (String.Join("|", parts))
        show ("a, b,, c".Split([| ", "; "," |], StringSplitOptions.None))
        show ("a, b,, c".Split([| ", "; "," |], StringSplitOptions.RemoveEmptyEntries))
        show (" a , b ,".Split(',', StringSplitOptions.TrimEntries))
        show ("a;b,,c".Split([| ';'; ',' |], StringSplitOptions.RemoveEmptyEntries))
        show ("k--v".Split("--", StringSplitOptions.None))
        show ("one  two".Split(' '))
        """,
        """
        4 [a|b||c]
        3 [a|b|c]
        3 [a|b|]
        3 [a|b|c]
        2 [k|v]
        3 [one||two]
        """,
    ),
    case(
        "namespaces-opened",
        """
        open System
        open System.Text
        open System.Collections.Generic

        let average (xs: float list) = List.sum xs / float xs.Length
        printfn "%.2f" (average [ Double.Parse "1.5"; Double.Parse " 2.5 "; Double.Parse "-1e1" ])
        printfn "%.1f" (Double.Parse "1,234.5")
        """,
        """
        -2.00
        1234.5
        """,
    ),
    case(
        "parse-errors-are-catchable",
        """
        open System

        let safeParse (s: string) = try Int32.Parse s with _ -> -1
        printfn "%d %d" (safeParse "12") (safeParse "x")
        let message (s: string) = try string (Int32.Parse s) with ex -> ex.Message
        printfn "%s" (message "4_2")
        printfn "%s" (message "2147483648")
        printfn "%s" (try string (Double.Parse "1.2.3") with ex -> ex.Message)
        """,
        """
        12 -1
        The input string '4_2' was not in a correct format.
        Value was either too large or too small for an Int32.
        The input string '1.2.3' was not in a correct format.
        """,
    ),
]


@pytest.mark.parametrize(("program", "printed"), PROGRAMS)
def test_program_prints_what_fsharp_prints(program: str, printed: str) -> None:
    assert output(program) == printed


def test_fusabi_camel_case_names_still_work() -> None:
    """Fusabi's own ``Char.isDigit``/``Math.sqrt`` (not F#) live next to the .NET names."""
    program = """
    open System
    printfn "%b %b %c" (Char.isDigit '5') (Char.IsDigit '5') (Char.toUpper 'x')
    printfn "%.1f %.1f" (Math.sqrt 9.0) (Math.Sqrt 9.0)
    """
    assert output(program) == "true true X\n3.0 3.0\n"


# --------------------------------------------------------------------------- failures


def test_format_exception_case_is_matched_by_name() -> None:
    """Fusabi names .NET exceptions as exception cases carrying the message (F# would write
    ``:? FormatException as e``, which Fusabi does not parse)."""
    program = """
    let n = try System.Int32.Parse "abc" with | FormatException msg -> printfn "%s" msg; -2
    printfn "%d" n
    """
    assert output(program) == "The input string 'abc' was not in a correct format.\n-2\n"


def test_overflow_exception_case() -> None:
    program = """
    let n = try System.Int32.Parse "-2147483649" with | OverflowException _ -> 0 | _ -> 1
    printfn "%d" n
    """
    assert output(program) == "0\n"


def test_uncaught_parse_error_is_a_runtime_error() -> None:
    with pytest.raises(fusabi_host.FusabiRuntimeError) as info:
        output('System.Int32.Parse "zz" |> ignore')
    assert "FormatException" in str(info.value)
    assert "internal error" not in str(info.value)


@pytest.mark.parametrize(
    "program",
    [
        'printfn "%f" (Math.Sqrt 2)',  # no implicit int -> float
        'printfn "%d" (Math.Max(1, 2.0))',  # both arguments of one type
        'printfn "%s" (String.Join(", ", [1; 2]))',  # strings only
        'printfn "%b" (Char.IsDigit "1")',  # a char, not a string
        'printfn "%d" (Int32.TryParse "1")',  # a tuple, not an int
        'printfn "%d" (Math.Pow(2.0, 3.0))',  # a float
    ],
)
def test_ill_typed_calls_are_refused(program: str) -> None:
    with pytest.raises(fusabi_host.CompileError):
        output("open System\n" + program)


def test_unknown_system_namespace_is_refused() -> None:
    with pytest.raises(fusabi_host.CompileError) as info:
        output('open System.Nope\nprintfn "x"')
    assert "Nope" in str(info.value)


# --------------------------------------------------------------------------- entries


def test_signatures() -> None:
    expected = {
        "Char.IsDigit": "char -> bool",
        "Char.ToUpper": "char -> char",
        "Char.GetNumericValue": "char -> float",
        "Math.Sqrt": "float -> float",
        "Math.Pow": "float * float -> float",
        "Math.Max": "'a * 'a -> 'a",
        "Math.Abs": "'a -> 'a",
        "Math.Sign": "'a -> int",
        "Math.Atan2": "float * float -> float",
        "Int32.Parse": "string -> int",
        "Int32.TryParse": "string -> bool * int",
        "Double.TryParse": "string -> bool * float",
        "Int64.MaxValue": "int",
        "String.Join": "string * string seq -> string",
        "String.Empty": "string",
        "StringSplitOptions.RemoveEmptyEntries": "StringSplitOptions",
    }
    for name, signature in expected.items():
        assert REGISTRY[name].signature == signature, name


@pytest.mark.parametrize(
    ("name", "arg", "result"),
    [
        ("Math.Max", (float("nan"), 1.0), "nan"),
        ("Math.Min", (0.0, -0.0), "-0.0"),
        ("Math.Max", (-0.0, 0.0), "0.0"),
        ("Math.Round", 0.5, "0.0"),
        ("Math.Round", -1.5, "-2.0"),
        ("Math.Sqrt", -4.0, "nan"),
        ("Double.Parse", "Infinity", "inf"),
        ("Double.Parse", "-nan", "nan"),
        ("Double.Parse", ".5e1", "5.0"),
        ("Double.Parse", "1e999", "inf"),
    ],
)
def test_ieee_edge_cases(name: str, arg: object, result: str) -> None:
    assert repr(REGISTRY[name].func(arg)) == result


@pytest.mark.parametrize("text", ["", " ", "1.5", "0x10", "١٢", "1 2", "--1", "+"])
def test_int32_parse_rejects_what_dotnet_rejects(text: str) -> None:
    assert REGISTRY["Int32.TryParse"].func(text) == (False, 0)


def test_math_sign_of_nan_and_abs_of_min_int_raise_fusabi_exceptions() -> None:
    with pytest.raises(FusabiException):
        REGISTRY["Math.Sign"].func(float("nan"))
    with pytest.raises(FusabiException):
        REGISTRY["Math.Abs"].func(INT_MIN)


def test_split_options_convert_to_the_host_as_their_names() -> None:
    assert str(fusabi_host.run_source("System.StringSplitOptions.RemoveEmptyEntries\n")) == (
        "RemoveEmptyEntries"
    )
