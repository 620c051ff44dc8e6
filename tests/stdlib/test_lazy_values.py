"""F#'s lazy values (issue 12): ``lazy expr`` runs its expression once, on the first force
(``x.Value``, ``x.Force()``, ``Lazy.force x``), remembers the value or the exception, and is
typed ``Lazy<'a>``."""

from __future__ import annotations

import pytest

import fusabi_host
from fusabi_host import CompileError, run_source


def printed(text: str) -> str:
    out: list[str] = []
    fusabi_host.compile_source(text).instantiate(stdout=out.append)
    return "".join(out)


def test_the_expression_runs_once_on_the_first_force() -> None:
    text = (
        'let answer = lazy (printfn "computing"; 42)\n'
        'printfn "before"\n'
        'printfn "%d" answer.Value\n'
        'printfn "%d" (answer.Force() + Lazy.force answer)\n'
    )
    assert printed(text) == "before\ncomputing\n42\n84\n"


CASES = [
    ("let x = lazy (1 + 2) in x.IsValueCreated", False),
    ("let x = lazy (1 + 2) in (x.Value, x.IsValueCreated)", (3, True)),
    ("let x : Lazy<int> = lazy 5 in x.Value", 5),
    ("let x : int Lazy = lazy 5 in x.Value * 2", 10),
    ("let x = Lazy.CreateFromValue 7 in (x.IsValueCreated, x.Value)", (True, 7)),
    (
        'let xs = [lazy "a"; lazy "b"] in xs |> List.map (fun l -> l.Value) |> String.concat ""',
        "ab",
    ),
    ("let f (l: Lazy<int>) = l.Value + 1 in f (lazy 41)", 42),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[t for t, _ in CASES])
def test_lazy_values(text: str, expected: object) -> None:
    assert run_source(text) == expected


def test_an_exception_is_remembered_and_raised_by_every_force() -> None:
    text = (
        "let mutable runs = 0\n"
        'let broken = lazy (runs <- runs + 1; failwith "boom")\n'
        "let first = try broken.Value with Failure m -> m\n"
        'let second = try broken.Force() with Failure m -> m + "!"\n'
        "(first, second, runs, broken.IsValueCreated)\n"
    )
    assert run_source(text) == ("boom", "boom!", 1, False)


def test_a_value_that_forces_itself_is_an_invalid_operation() -> None:
    text = (
        "let mutable self : Lazy<int> option = None\n"
        "let loop = lazy (match self with Some l -> l.Value | None -> 0)\n"
        "self <- Some loop\n"
        "try loop.Value with :? System.InvalidOperationException -> -1\n"
    )
    assert run_source(text) == -1


def test_types_are_checked() -> None:
    with pytest.raises(CompileError, match="expected int, got string"):
        fusabi_host.compile_source('let x = lazy 1\nlet y = x.Value + "a"\n')
