"""The library's fast paths give what the general paths give: ``Split`` on characters,
``Trim``, bare ``%d``/``%s`` in ``sprintf``, and folds over curried and uncurried folders."""

from __future__ import annotations

import pytest

import fusabi_host
from fusabi_host import EngineConfig


def printed(source: str) -> str:
    chunks: list[str] = []
    fusabi_host.compile_source(source, "fast.fsx").instantiate(EngineConfig(), stdout=chunks.append)
    return "".join(chunks)


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        ("\"a,b;;c\".Split([| ','; ';' |])", '[|"a"; "b"; ""; "c"|]'),
        ("\"a,b;;c\".Split(',', ';')", '[|"a"; "b"; ""; "c"|]'),
        ("\"a,b,,c\".Split(',')", '[|"a"; "b"; ""; "c"|]'),
        ('"a b\\tc\\n d".Split()', '[|"a"; "b"; "c"; ""; "d"|]'),
        ("\"x\".Split(',')", '[|"x"|]'),
        ("\"\".Split(',')", '[|""|]'),
        ("\",,\".Split([| ','; ';' |])", '[|""; ""; ""|]'),
        ("\"ab\".Split([| 'a'; 'a' |])", '[|""; "b"|]'),
    ],
)
def test_split_on_characters(call: str, expected: str) -> None:
    assert printed(f'printfn "%A" ({call})') == expected + "\n"


def test_trim() -> None:
    source = 'printfn "[%s][%s][%s]" ("  a b \\t".Trim()) ("xxaxx".Trim(\'x\')) ("".Trim())'
    assert printed(source) == "[a b][a][]\n"


def test_bare_placeholders_render_as_the_general_ones() -> None:
    source = """\
printfn "%d|%i|%s|%d|%s" 42 -7 "text" -9223372036854775808 ""
printfn "%5d|%-4d|%+d|%s|%b" 42 7 3 (string 'c') true
printfn "%d%d%s" 1 2 "3"
"""
    assert printed(source) == ("42|-7|text|-9223372036854775808|\n   42|7   |+3|c|true\n123\n")


def test_folds_take_lambdas_operators_and_partial_applications() -> None:
    source = """\
let add a b = a + b
let step (scale: int) acc x = acc + scale * x
let a = List.fold (+) 0 [1; 2; 3]
let b = List.fold add 0 [1; 2; 3]
let c = List.fold (step 10) 0 [1; 2; 3]
let d = List.fold (fun acc x -> acc * x) 1 [1; 2; 3; 4]
printfn "%d %d %d %d" a b c d
let e = Array.fold (fun acc x -> acc - x) 0 [| 1; 2 |]
let f = Seq.fold (+) 1 (seq { 1 .. 3 })
let g = Set.fold (fun acc x -> acc + x) 0 (Set.ofList [1; 2; 2])
printfn "%d %d %d" e f g
let m = Map.ofList [(1, "a"); (2, "b")]
printfn "%s" (Map.fold (fun acc k v -> acc + string k + v) "" m)
let curried = fun acc -> fun x -> acc + x
printfn "%d" (List.fold curried 0 [5; 6])
"""
    assert printed(source) == "6 6 60 24\n-3 7 3\n1a2b\n11\n"


def test_trim_with_no_arguments_strips_dotnet_white_space_only() -> None:
    # typed code strips by str's own method; .NET's white space is not Python's (U+001C is
    # Python white space, a control character in .NET), and both forms must agree
    text = "let f (s: string) = (s.Trim(), s.TrimStart(), s.TrimEnd(), s.Trim([| 'x' |]))"
    unit = fusabi_host.compile_source(text)
    assert ".strip(_whitespace)" in unit.program.python_source()
    value = "\x1c x\u00a0\t\u2003"
    assert unit.instantiate().call("f", value) == (
        "\x1c x",
        "\x1c x\u00a0\t\u2003",
        "\x1c x",
        value,
    )
    untyped = fusabi_host.compile_source('let untypedMarker = [1; "a"]\n' + text, type_check="warn")
    assert untyped.instantiate().call("f", value) == (
        "\x1c x",
        "\x1c x\u00a0\t\u2003",
        "\x1c x",
        value,
    )
