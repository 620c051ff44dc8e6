"""printf-family functions (F# curried format strings and upstream's list form) and the Display
format of values (spec section 3.12), as shown by ``print``, ``printfn``, ``%s``, ``%A``."""

from __future__ import annotations

import textwrap
from typing import Any

import pytest

import fusabi_host


def bug(reason: str) -> pytest.MarkDecorator:
    return pytest.mark.xfail(strict=True, reason=f"BUG: {reason}")


def src(text: str) -> str:
    return textwrap.dedent(text).strip("\n") + "\n"


def run(text: str) -> Any:
    return fusabi_host.run_source(src(text))


def output(text: str) -> str:
    out: list[str] = []
    fusabi_host.compile_source(src(text)).instantiate(stdout=out.append)
    return "".join(out)


def case(name: str, text: str, expected: Any, *marks: pytest.MarkDecorator) -> Any:
    return pytest.param(text, expected, id=name, marks=marks)


# --------------------------------------------------------------------------------------------
# sprintf with F# format strings
# --------------------------------------------------------------------------------------------

SPRINTF = [
    case("d", 'sprintf "%d items" 3', "3 items"),
    case("i-negative", 'sprintf "%i" -4', "-4"),
    case("s", 'sprintf "%s" "x"', "x"),
    case("s-two", 'sprintf "%s is %d" "age" 42', "age is 42"),
    case("f-default-6-decimals", 'sprintf "%f" 1.5', "1.500000"),
    case("f-precision", 'sprintf "%.2f" 3.14159', "3.14"),
    case("f-precision-zero", 'sprintf "%.0f" 3.7', "4"),
    case("f-precision-rounds", 'sprintf "%.1f %.0f %.2f" 0.25 2.5 0.125', "0.3 3 0.13"),
    case("f-negative", 'sprintf "%.3f" -1.0', "-1.000"),
    case("b", 'sprintf "%b %b" true false', "true false"),
    case("c", "sprintf \"%c%c\" 'o' 'k'", "ok"),
    case("x-lower", 'sprintf "%x" 255', "ff"),
    case("x-upper", 'sprintf "%X" 255', "FF"),
    case("x-negative-two-complement", 'sprintf "%x" -1', "ffffffffffffffff"),
    case("o-octal", 'sprintf "%o" 8', "10"),
    case("percent", 'sprintf "100%%"', "100%"),
    case("percent-after-d", 'sprintf "%i%%" 5', "5%"),
    case("width-right", 'sprintf "[%5d]" 42', "[   42]"),
    case("width-left", 'sprintf "[%-5d]" 42', "[42   ]"),
    case("width-zero-pad", 'sprintf "[%05d]" 42', "[00042]"),
    case("width-float", 'sprintf "[%8.3f]" 3.14159', "[   3.142]"),
    case("width-string", 'sprintf "[%10s]" "hi"', "[        hi]"),
    case("width-string-left", 'sprintf "[%-6s]" "hi"', "[hi    ]"),
    case("plus-flag", 'sprintf "%+d" 5', "+5"),
    case("star-width", 'sprintf "[%*d]" 5 3', "[    3]"),
    case("A-int", 'sprintf "%A" 3', "3"),
    case("A-string", 'sprintf "%A" "quoted"', '"quoted"'),
    case("A-and-s", 'sprintf "%s and %A" "x" (Some 1)', "x and Some 1"),
    case("O-and-s", 'sprintf "%s and %O" "x" (Some 1)', "x and Some(1)"),
    case("A-list-variable", 'let xs = [1; 2; 3]\nsprintf "%A" xs', "[1; 2; 3]"),
    case("A-list-in-function", 'let f (xs: int list) = sprintf "%A" xs\nf [1; 2; 3]', "[1; 2; 3]"),
    case(
        "A-list-literal",
        'sprintf "%A" [1; 2; 3]',
        "[1; 2; 3]",
    ),
    case(
        "A-empty-list-literal",
        'sprintf "%A" []',
        "[]",
    ),
    case(
        "A-one-element-list-literal",
        'sprintf "%A" [(1, [|2|])]',
        "[(1, [|2|])]",
    ),
    case("O", 'sprintf "%O" 3', "3"),
    case("e", 'sprintf "%e" 12345.678', "1.234568e+004"),
    case("g", 'sprintf "%g" 0.5', "0.5"),
    case("partial", 'let f = sprintf "%d + %d"\nf 1 2', "1 + 2"),
    case("partial-in-map", 'List.map (sprintf "n=%d") [1; 2]', ["n=1", "n=2"]),
    case("no-specifiers", 'sprintf "plain"', "plain"),
    case("s-of-int", 'sprintf "%s" (string 42)', "42"),
    case("nested-sprintf", 'sprintf "<%s>" (sprintf "%d" 5)', "<5>"),
    case(
        "bare-specifiers",
        'sprintf "%d-%s|%%|%i" -9223372036854775808 "two" 3',
        "-9223372036854775808-two|%|3",
    ),
    case("percent-before-text", 'sprintf "50%% of %s" "it"', "50% of it"),
    case("empty-format", 'sprintf ""', ""),
    case("width-with-bare", 'sprintf "%5d|%s|%-3s|" 4 "b" "a"', "    4|b|a  |"),
    case(
        "arguments-run-in-order",
        'let mutable log = ""\nlet f x = log <- log + "f"; x\nlet g x = log <- log + "g"; x\n'
        'let s = sprintf "%d %s %d %s" (f 1) (g "a") (f 2) (g "b")\ns + " " + log',
        "1 a 2 b fgfg",
    ),
]


@pytest.mark.parametrize(("text", "expected"), SPRINTF)
def test_sprintf(text: str, expected: Any) -> None:
    assert run(text) == expected


# --------------------------------------------------------------------------------------------
# upstream list form
# --------------------------------------------------------------------------------------------

LIST_FORM = [
    case("s-and-d", 'sprintf "%s is %d" ["age"; 42]', "age is 42"),
    case("two-d", 'sprintf "%d-%d" [1; 2]', "1-2"),
    case("single-s", 'sprintf "%s" ["only"]', "only"),
    case("precision-float", 'sprintf "%.3f" [2.0]', "2.000"),
    case("precision-int", 'sprintf "%.2f" [2]', "2.00"),
    case("percent", 'sprintf "%d%%" [50]', "50%"),
    case("s-of-list", 'sprintf "%s" [[1; 2]]', "[1; 2]"),
    case("string-format", 'String.format "%s-%s" ["a"; "b"]', "a-b"),
    case(
        "string-format-version",
        'String.format "%s version %d.%d" ["MyApp"; 1; 0]',
        "MyApp version 1.0",
    ),
    case("string-format-percent", 'String.format "Progress: %d%%" [75]', "Progress: 75%"),
    case(
        "s-accepts-numbers",
        'String.format "Values: %s, %s, %s" [42; 3.14; "text"]',
        "Values: 42, 3.14, text",
    ),
    case(
        "f-is-display-upstream",
        'String.format "Pi is approximately %f" [3.14159]',
        "Pi is approximately 3.14159",
    ),
    case(
        "f-int-upstream",
        'sprintf "%f" [2]',
        "2.0",
    ),
    case(
        "report",
        'String.format "%s: %d items at $%.2f each = $%.2f total" ["Product"; 5; 12.99; 64.95]',
        "Product: 5 items at $12.99 each = $64.95 total",
    ),
]


@pytest.mark.parametrize(("text", "expected"), LIST_FORM)
def test_list_form(text: str, expected: Any) -> None:
    assert run(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        'sprintf "%s %s" ["a"]',
        'sprintf "%d" ["x"]',
        'String.format "%d" ["not a number"]',
        'String.format "%s %s" ["only one"]',
    ],
)
def test_list_form_mismatch_is_a_type_error_or_with_warn_a_runtime_error(text: str) -> None:
    with pytest.raises(fusabi_host.CompileError, match="the format"):
        run(text)
    warn = fusabi_host.EngineConfig(type_check="warn")
    with pytest.raises(fusabi_host.FusabiRuntimeError) as info:
        fusabi_host.run_source(src(text), config=warn)
    assert "internal error" not in str(info.value)


@pytest.mark.parametrize(
    "text",
    ['sprintf "%d" "x"', 'sprintf "%d" 3.0', 'sprintf "%q" 1', "sprintf 5", 'sprintf "%c" 1'],
)
def test_bad_format_use_is_runtime_error(text: str) -> None:
    with pytest.raises(fusabi_host.FusabiError) as info:
        run(text)
    assert "internal error" not in str(info.value)


@pytest.mark.parametrize(
    ("fmt", "arg"),
    [
        ('"%A"', "[1]"),
        ('"%A"', "[1; 2; 3]"),
        ('"%s %s"', '["a"; "b"]'),
        ('"%d"', "[5]"),
        ('"%s is %d"', '["age"; 42]'),
    ],
)
def test_sprintf_and_printfn_agree(fmt: str, arg: str) -> None:
    printed = output(f"printfn {fmt} {arg}")
    assert printed == run(f"sprintf {fmt} {arg}") + "\n"


# --------------------------------------------------------------------------------------------
# printfn / printf / print / failwithf / eprintfn
# --------------------------------------------------------------------------------------------

PRINTING = [
    case("printfn-d", 'printfn "%d items" 3', "3 items\n"),
    case("printfn-plain", 'printfn "hello"', "hello\n"),
    case("printf-no-newline", 'printf "a"\nprintf "%d" 1\nprintfn ""', "a1\n"),
    case("printfn-list-form", 'printfn "%s is %d" ["age"; 42]', "age is 42\n"),
    case("printfn-A-list", 'printfn "%A" [1; 2]', "[1; 2]\n"),
    case("printfn-A-record", 'printfn "%A" { a = 1 }', "{ a = 1 }\n"),
    case("printfn-A-option", 'printfn "%A" (Some "x")', 'Some "x"\n'),
    case("printfn-O-option", 'printfn "%O" (Some "x")', "Some(x)\n"),
    case("printfn-s-float", 'printfn "%s" (string 1.0)', "1\n"),
    case("printfn-b", 'printfn "%b" (1 = 1)', "true\n"),
    case("printfn-widths", 'printfn "%5.1f|%-4d|%4s" 3.14159 7 "ab"', "  3.1|7   |  ab\n"),
    case("printfn-two-statements", 'printfn "%s" "x"; printfn "%s" "y"', "x\ny\n"),
    case("printfn-partial", 'let p = printfn "%d-%d"\np 1 2', "1-2\n"),
    case("printfn-in-iter", '[1; 2] |> List.iter (printfn "v%d")', "v1\nv2\n"),
    case("print-int", "print 42", "42"),
    case("print-list", "print [1; 2]", "[1; 2]"),
    case("print-string-raw", 'print "a b"', "a b"),
    case("printfn-value-upstream", "printfn [1; 2]", "[1; 2]\n"),
    case("printf-list-form", 'printf "%d-%d" [1; 2]', "1-2"),
]


@pytest.mark.parametrize(("text", "expected"), PRINTING)
def test_printing(text: str, expected: str) -> None:
    assert output(text) == expected


def test_printing_returns_unit() -> None:
    assert run('printfn "x"') is None
    assert run('printf "x"') is None
    assert run('print "x"') is None


def test_eprintfn_goes_to_stderr() -> None:
    out: list[str] = []
    err: list[str] = []
    fusabi_host.compile_source('eprintfn "err %d" 1\nprintfn "out"\n').instantiate(
        stdout=out.append, stderr=err.append
    )
    assert "".join(err) == "err 1\n"
    assert "".join(out) == "out\n"


def test_failwithf() -> None:
    with pytest.raises(fusabi_host.FusabiRuntimeError) as info:
        run('failwithf "bad %s %d" "x" 2')
    assert "bad x 2" in info.value.reason
    assert run('try failwithf "code %d" 7 with Failure m -> m') == "code 7"


# --------------------------------------------------------------------------------------------
# Display (spec 3.12) through print, %A, %s and string
# --------------------------------------------------------------------------------------------

DISPLAY = [
    # floats: Rust `{}` formatting
    case("float-integral", "3.0", "3"),
    case("float-1e22", "1e22", "10000000000000000000000"),
    case("float-1e21", "1e21", "1000000000000000000000"),
    case("float-1e16", "1e16", "10000000000000000"),
    case("float-small", "1e-7", "0.0000001"),
    case("float-small-digits", "1.5e-10", "0.00000000015"),
    case("float-short", "0.1", "0.1"),
    case("float-negative", "-2.5", "-2.5"),
    case("float-negative-zero", "-0.0", "-0"),
    case("float-hundred", "100.0", "100"),
    case("float-shortest-roundtrip", "0.1 + 0.2", "0.30000000000000004"),
    case("float-third", "1.0 / 3.0", "0.3333333333333333"),
    case("float-big-roundtrip", "123456789012345678.0", "123456789012345680"),
    case("float-fraction", "123456789.125", "123456789.125"),
    case("float-inf", "1.0 / 0.0", "inf"),
    case("float-neg-inf", "-1.0 / 0.0", "-inf"),
    case("float-nan", "0.0 / 0.0", "NaN"),
    case("float-in-list", "[1.0; 2.5]", "[1; 2.5]"),
    case("float-in-tuple", "(1.0, -2.0)", "(1, -2)"),
    # scalars
    case("int", "42", "42"),
    case("negative-int", "-7", "-7"),
    case("bool-true", "true", "true"),
    case("bool-false", "false", "false"),
    case("string-raw", '"str"', "str"),
    case("string-with-newline", '"a\\nb"', "a\nb"),
    case("char", "'c'", "c"),
    case("unit", "()", "()"),
    # containers
    case("tuple", '(1, "a")', "(1, a)"),
    case("tuple-nested", "(1, (2, 3))", "(1, (2, 3))"),
    case("list", "[1; 2; 3]", "[1; 2; 3]"),
    case("list-empty", "[]", "[]"),
    case("list-nested", "[[1]; [2; 3]]", "[[1]; [2; 3]]"),
    case("list-of-strings-raw", '["a"; "b c"]', "[a; b c]"),
    case("list-of-chars", "['a'; 'b']", "[a; b]"),
    case("list-of-units", "[(); ()]", "[(); ()]"),
    case("list-negative", "[-1; 0]", "[-1; 0]"),
    case("array", "[|1; 2|]", "[|1; 2|]"),
    case("array-empty", "[||]", "[||]"),
    case("list-of-tuple-with-array", "[(1, [|2|])]", "[(1, [|2|])]"),
    case("record-sorted", "{ b = 2; a = 1 }", "{ a = 1; b = 2 }"),
    case(
        "record-declared-sorted",
        'type R = { Zeta: int; Alpha: string }\n{ Zeta = 1; Alpha = "x" }',
        "{ Alpha = x; Zeta = 1 }",
    ),
    case("record-anonymous", '{| Name = "n" |}', "{ Name = n }"),
    case("some", "Some 1", "Some(1)"),
    case("none", "None", "None"),
    case("some-some", "Some (Some 2)", "Some(Some(2))"),
    case("some-negative", "Some(-1)", "Some(-1)"),
    case("some-tuple", "Some (1, 2)", "Some((1, 2))"),
    case("some-list", "Some [1; 2]", "Some([1; 2])"),
    case("ok", 'Ok "x"', "Ok(x)"),
    case("error", "Error [1]", "Error([1])"),
    case("union-fields", "type S = Rect of float * float\nRect (1.0, 2.5)", "Rect(1, 2.5)"),
    case("union-nullary", "type C = Red | Green\nGreen", "Green"),
    case(
        "union-tree",
        "type T = Leaf | Node of T * int * T\nNode(Leaf, 1, Leaf)",
        "Node(Leaf, 1, Leaf)",
    ),
    case("map", 'Map.ofList [("b", 2); ("a", 1)]', "Map [a -> 1; b -> 2]"),
    case("map-empty", "(Map.empty : Map<string, int>)", "Map []"),
    case("map-nested-value", 'Map.ofList [("k", [1])]', "Map [k -> [1]]"),
    case(
        "closure",
        "(fun x -> x + 1)",
        "<closure>",
    ),
    case(
        "native-fn",
        "List.map",
        "<native fn List.map>",
    ),
]


def _lines(text: str) -> tuple[str, str]:
    """Split a case into its declarations and its final expression."""
    body = src(text).rstrip("\n").split("\n")
    return "\n".join(body[:-1]), body[-1]


@pytest.mark.parametrize(("text", "expected"), DISPLAY)
def test_display_via_print(text: str, expected: str) -> None:
    prelude, expr = _lines(text)
    assert output(f"{prelude}\nprint ({expr})") == expected


@pytest.mark.parametrize(("text", "expected"), DISPLAY)
def test_display_via_printfn_O(text: str, expected: str) -> None:
    # %O is Display; %A is F#'s structured format (tests/lang/test_structured_format.py)
    prelude, expr = _lines(text)
    assert (
        output(f'{prelude}\nlet shownValue = ({expr})\nprintfn "%O" shownValue') == expected + "\n"
    )


@pytest.mark.parametrize(("text", "expected"), DISPLAY)
def test_display_via_sprintf_s(text: str, expected: str) -> None:
    # upstream's %s shows any value; F#'s takes a string only, so with types checked this
    # runs with type_check="warn" (where upstream's behaviour is kept)
    prelude, expr = _lines(text)
    program = f'{prelude}\nlet shownValue = ({expr})\nsprintf "%O|%s" shownValue shownValue'
    warn = fusabi_host.EngineConfig(type_check="warn")
    assert fusabi_host.run_source(src(program), config=warn) == f"{expected}|{expected}"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("string [1; 2]", "[1; 2]"),
        ("string (Some 1)", "Some(1)"),
        ("string (1, 2.0)", "(1, 2)"),
        ("string 3.0", "3"),
        ('string { a = "x" }', "{ a = x }"),
    ],
)
def test_string_function_uses_display(text: str, expected: str) -> None:
    assert run(text) == expected
