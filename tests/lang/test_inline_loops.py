"""Library loops written in place (issue 13): ``Array.map (fun x -> ...) xs`` and its kin,
called with a lambda literal, run the lambda's body in a loop of the caller.

Each case runs the same call twice, with the lambda literal (written in place) and with a
named function (a library call), and the two must agree.  The limits the library function
applies (the count checks, the collection-size limit, fuel, the deadline) hold on the loop.
"""

from __future__ import annotations

import pytest

import fusabi_host
from fusabi_host import FusabiRuntimeError, LimitExceeded, fzb
from fusabi_host.lang.stdlib.string_module import STRING_MEMBERS
from fusabi_host.lang.values import Char, FusabiException
from tests.lang.running import python_of
from tests.lang.running import run_main as run


def both_ways(params: str, body: str, call: str) -> tuple[str, str]:
    """``main`` calling *call* with ``F`` as ``fun params -> body`` and as a named function."""
    literal = "let main () =\n    " + call.replace("F", f"(fun {params} -> {body})")
    named = f"let f {params} = {body}\nlet main () =\n    " + call.replace("F", "f")
    return literal, named


CASES = {
    "Array.init": ("i", "i * i - 3", "Array.init 7 F"),
    "List.init": ("i", 'string i + "!"', "List.init 5 F"),
    "Array.map": ("(s: string)", "s.Length", 'Array.map F [| "a"; ""; "abc" |]'),
    "List.map": ("x", "(x, x % 3 = 0)", "List.map F [1 .. 9]"),
    "Array.filter": ("x", "x % 2 = 1", "Array.filter F [| 1 .. 11 |]"),
    "List.filter": ("(s: string)", 's.StartsWith("a")', 'List.filter F ["ab"; "b"; "a"]'),
    "Array.iter": ("x", 'printf "%d;" x', "Array.iter F [| 3; 1; 2 |]"),
    "List.iter": ("x", 'printf "%s;" x', 'List.iter F ["p"; "q"]'),
    "Array.fold": ("acc x", "acc * 10 + x", "Array.fold F 0 [| 1; 2; 3 |]"),
    "List.fold": (
        "(acc: string list) (x: int)",
        "if x > 2 then string x :: acc else acc",
        "List.fold F [] [1 .. 5]",
    ),
    "a fold over records": (
        "acc x",
        "{ acc with Total = acc.Total + x; Count = acc.Count + 1 }",
        "List.fold F { Total = 0; Count = 0 } [4; 5; 6]",
    ),
    "an empty source": ("x", "x + 1", "List.map F []"),
    "a zero count": ("i", "i", "Array.init 0 F"),
    "nested loops": ("row", "Array.map (fun x -> x * row) [| 1; 2 |]", "Array.map F [| 1; 2; 3 |]"),
    "a match in the body": (
        "x",
        "match x with Some n when n > 1 -> n | Some n -> -n | None -> 0",
        "List.map F [Some 1; None; Some 5]",
    ),
    "closures keep each element": (
        "x",
        "fun () -> x * 2",
        "List.map F [1; 2; 3] |> List.map (fun g -> g ())",
    ),
    "a mutable outside the loop": (
        "x",
        "total <- total + x",
        "List.iter F [1 .. 10]; total",
    ),
    "a shadowed name": ("x", "let x = x + 100 in x * 2", "Array.map F [| 1; 2 |]"),
    "a mapped array is a new array": (
        "x",
        "x",
        "let a = [| 1; 2 |] in let b = Array.map F a in b.[0] <- 9; (a, b, Array.map F b = b)",
    ),
    "an array made by init is an array": (
        "i",
        "i * 2",
        "let a = Array.init 3 F in a.[1] <- 7; (a, Array.length a, Array.sum a)",
    ),
}

RECORD = "type Sum = { Total: int; Count: int }\nlet mutable total = 0\n"


@pytest.mark.parametrize("name", list(CASES))
def test_a_loop_in_place_computes_what_the_library_computes(
    name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    literal, named = (RECORD + text for text in both_ways(*CASES[name]))
    library = CASES[name][2].split(" F")[0].split()[-1]  # (the library function called)
    python = python_of(literal)
    assert f"b_{library.replace('.', '__')}(" not in python  # (no library call, no lambda)
    expected = run(named)
    printed = capsys.readouterr().out
    assert run(literal) == expected
    assert capsys.readouterr().out == printed


def test_a_named_function_still_goes_through_the_library() -> None:
    assert "b_List__map(" in python_of(both_ways("x", "x + 1", "List.map F [1]")[1])


def test_a_loop_in_a_tail_recursive_function_and_in_a_sequence() -> None:
    text = (
        "let rec go n acc = if n = 0 then acc else go (n - 1) (List.map (fun x -> x + n) acc)\n"
        "let main () =\n"
        "    let s = seq { for i in 1 .. 3 do yield List.map (fun x -> x * i) [1; 2] }\n"
        "    (go 3 [0; 10], List.ofSeq s)\n"
    )
    assert "b_List__map(" not in python_of(text)
    assert run(text) == ([6, 16], [[1, 2], [2, 4], [3, 6]])


@pytest.mark.parametrize(
    ("call", "limit"),
    [
        ("Array.init 5000 (fun i -> i)", "max_collection_size"),
        ("List.init 5000 (fun i -> i)", "max_collection_size"),
    ],
)
def test_a_count_past_the_collection_limit_is_refused_before_the_loop(
    call: str, limit: str
) -> None:
    with pytest.raises(LimitExceeded) as raised:
        run(f"let main () =\n    {call} |> ignore\n", max_collection_size=1000)
    assert raised.value.limit == limit


def test_a_negative_count_fails_as_the_library_does() -> None:
    literal, named = both_ways("i", "i", "Array.init (3 - 5) F")
    messages = []
    for text in (literal, named):
        with pytest.raises(FusabiRuntimeError) as raised:
            run(text)
        messages.append(str(raised.value).splitlines()[0])
    assert messages[0] == messages[1]


@pytest.mark.parametrize(
    "call",
    [
        "Array.init 200000 (fun i -> i + 1) |> Array.length",
        "[1 .. 200000] |> List.map (fun x -> x + 1) |> List.length",
        "[| 1 .. 200000 |] |> Array.filter (fun x -> x > 0) |> Array.length",
        "[1 .. 200000] |> List.fold (fun acc x -> acc + x) 0",
    ],
)
def test_loops_in_place_use_fuel_and_stop_when_it_runs_out(call: str) -> None:
    text = f"let main () =\n    {call}\n"
    assert run(text, max_fuel=10_000_000) is not None
    with pytest.raises(LimitExceeded) as raised:
        run(text, max_fuel=5_000)
    assert raised.value.limit == "max_fuel"


def test_a_long_loop_in_place_stops_at_the_deadline() -> None:
    text = (
        "let main () =\n"
        "    let xs = [1 .. 3000000]\n"
        "    xs |> List.map (fun x -> x * 2) |> List.map (fun x -> x + 1) |> List.length\n"
    )
    with pytest.raises(LimitExceeded) as raised:
        run(text, timeout=0.2)
    assert raised.value.limit == "timeout"


def test_an_error_in_the_body_names_its_line() -> None:
    text = (
        "let main () =\n"
        "    [1; 2; 3]\n"
        "    |> List.map (fun x ->\n"
        '        if x = 3 then failwith "third"\n'
        "        x)\n"
    )
    with pytest.raises(FusabiRuntimeError) as raised:
        run(text)
    assert "third" in str(raised.value)
    assert any(frame.line == 4 for frame in raised.value.fusabi_traceback)


STRINGS = [
    ("a,,b,", "Split", (Char(","),)),
    (",", "Split", (Char(","),)),
    ("", "Split", (Char(","),)),
    ("no separator", "Split", (Char(";"),)),
    ("Straße groß", "ToUpper", ()),
    ("İstanbul ÀÉ", "ToLower", ()),
    ("MiXeD 123", "ToLowerInvariant", ()),
    ("mixed", "ToUpperInvariant", ()),
    ("x" * 70000, "ToUpper", ()),
    ("hello world", "Substring", (6,)),
    ("hello world", "Substring", (0, 5)),
    ("hello", "Substring", (5, 0)),
    ("hello", "Substring", (4, 2)),
    ("hello", "Substring", (-1,)),
    ("a-b-c", "IndexOf", (Char("-"), 2)),
    ("a-b-c", "IndexOf", ("b-", 0)),
    ("a-b-c", "IndexOf", (Char("-"), 6)),
    ("a-b-c", "IndexOf", ("c",)),
    ("a-b-c", "StartsWith", ("a-",)),
    ("a-b-c", "EndsWith", (Char("c"),)),
    ("a-b-c", "Contains", (Char("b"),)),
    ("a-b-c", "Contains", ("",)),
]


@pytest.mark.parametrize(("text", "method", "args"), STRINGS)
def test_typed_string_methods_agree_with_the_library(
    text: str, method: str, args: tuple[Char, ...]
) -> None:
    literal = ", ".join(
        f"'{a}'" if type(a) is Char else f'"{a}"' if type(a) is str else str(a) for a in args
    )
    program = f"let main (s: string) = s.{method}({literal})\n"
    python = python_of(program)
    assert f"_string_methods[{method!r}](" not in python.split("else", 1)[0]
    instance = fusabi_host.compile_source(program).instantiate()
    try:
        expected: object = STRING_MEMBERS[method](text, *args)
    except FusabiException as raised:  # (the library's error: the same one, in a run)
        with pytest.raises(FusabiRuntimeError) as failed:
            instance.call("main", text)
        assert raised.value[1] in str(failed.value)  # type: ignore[index]
        return
    result = instance.call("main", text)
    assert result == (list(expected) if isinstance(expected, list) else expected)


@pytest.mark.parametrize(
    ("function", "argument"),
    [("mapped", "abc"), ("mapped", [1, 2]), ("summed", "xy"), ("counted", 3.5)],
)
def test_a_dynamic_source_goes_through_the_checked_library_function(
    function: str, argument: object
) -> None:
    text = (
        "let mapped (x: dyn) = Array.map (fun y -> y) x\n"
        "let summed (x: dyn) = List.fold (fun a b -> a + b) 0 x\n"
        "let counted (x: dyn) = Array.init x (fun i -> i)\n"
    )
    python = python_of(text)
    assert "bc_Array__map(" in python and "bc_List__fold(" in python
    instance = fusabi_host.compile_source(text).instantiate()
    with pytest.raises(FusabiRuntimeError, match="expects"):
        instance.call(function, argument)


@pytest.mark.parametrize("name", ["Array.init", "List.filter", "a fold over records"])
def test_bytecode_runs_loops_in_place_too(name: str) -> None:
    """A lifted program passes each lambda through a variable bound just before."""
    literal = RECORD + both_ways(*CASES[name])[0]
    unit = fusabi_host.load_bytecode(fzb.compile_source(literal, "loop.fsx"), "loop.fzb")
    library = CASES[name][2].split(" F")[0].split()[-1]
    assert f"b_{library.replace('.', '__')}(" not in unit.program.python_source()
    assert unit.instantiate().call("main", None) == run(literal)
