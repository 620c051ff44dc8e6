"""The FSharp.Core List and Array functions the library lacked (issue 12), each as F# defines
it: compareWith, except, foldBack2, iteri2, mapFold, mapFoldBack, permute, scanBack,
splitInto, unfold, insertManyAt, removeManyAt, Array.tail, Array.zeroCreate."""

from __future__ import annotations

import pytest

from fusabi_host import (
    CompileError,
    EngineConfig,
    FusabiRuntimeError,
    LimitExceeded,
    Limits,
    compile_source,
    run_source,
)

CASES = [
    ("List.compareWith compare [1; 2] [1; 3]", -1),
    ("List.compareWith compare [1; 2; 3] [1; 2]", 1),
    ("List.compareWith (fun a b -> b - a) [1] [1]", 0),
    ("Array.compareWith compare [| 2 |] [| 1; 5 |]", 1),
    ("List.except [2] [1; 1; 2; 3; 3]", [1, 3]),
    ("List.except \"ab\" ['a'; 'c'; 'c']", ["c"]),
    ("Array.except [| 1 |] [| 1; 2; 2 |]", [2]),
    ("List.foldBack2 (fun a b s -> a * b + s) [1; 2] [3; 4] 0", 11),
    ('Array.foldBack2 (fun a b s -> s + a + b) [| "a" |] [| "b" |] "-"', "-ab"),
    ("List.mapFold (fun s x -> (x * 2, s + x)) 0 [1; 2; 3]", ([2, 4, 6], 6)),
    ("Array.mapFold (fun s x -> (string x, s * x)) 1 [| 2; 3 |]", (["2", "3"], 6)),
    ("List.mapFoldBack (fun x s -> (x + s, s + 1)) [1; 2; 3] 0", ([3, 3, 3], 3)),
    ("List.permute (fun i -> (i + 1) % 3) [10; 20; 30]", [30, 10, 20]),
    ("Array.permute (fun i -> 1 - i) [| 'a'; 'b' |]", ["b", "a"]),
    ("List.scanBack (+) [1; 2; 3] 0", [6, 5, 3, 0]),
    ("Array.scanBack (fun x s -> s - x) [| 1; 2 |] 10", [7, 8, 10]),
    ("List.splitInto 3 [1 .. 10]", [[1, 2, 3, 4], [5, 6, 7], [8, 9, 10]]),
    ("List.splitInto 5 [1; 2]", [[1], [2]]),
    ("List.splitInto 2 ([]: int list)", []),
    ("Array.splitInto 2 [| 1; 2; 3 |]", [[1, 2], [3]]),
    ("List.unfold (fun n -> if n > 3 then None else Some (n, n + 1)) 1", [1, 2, 3]),
    (
        "Array.unfold (fun (a, b) -> if a > 20 then None else Some (a, (b, a + b))) (0, 1)",
        [0, 1, 1, 2, 3, 5, 8, 13],
    ),
    ("List.insertManyAt 1 [8; 9] [1; 2]", [1, 8, 9, 2]),
    ("List.insertManyAt 2 [| 7 |] [1; 2]", [1, 2, 7]),
    ("List.removeManyAt 1 2 [1; 2; 3; 4]", [1, 4]),
    ("Array.tail [| 1; 2; 3 |]", [2, 3]),
    ("let a = Array.zeroCreate 3 in a.[1] <- 5; a", [0, 5, 0]),
    ("let mutable n = 0 in List.iteri2 (fun i a b -> n <- n + i * a * b) [1; 2] [3; 4]; n", 8),
]


@pytest.mark.parametrize(("source", "expected"), CASES, ids=[s for s, _ in CASES])
def test_the_function_gives_what_fsharp_gives(source: str, expected: object) -> None:
    assert run_source(source) == expected


FAILURES = [
    ("List.permute (fun _ -> 0) [1; 2]", "did not compute a permutation"),
    ("List.permute (fun i -> i + 5) [1; 2]", "did not compute a permutation"),
    ("List.splitInto 0 [1]", "The input must be positive."),
    ("List.removeManyAt 1 5 [1; 2]", "outside the legal range"),
    ("List.insertManyAt 3 [1] [1]", "outside the legal range"),
    ("List.foldBack2 (fun a b s -> s) [1] [1; 2] 0", "The lists had different lengths."),
    ("List.iteri2 (fun _ _ _ -> ()) [1] []", "The lists had different lengths."),
    ("Array.tail ([||]: int array)", "The input array was empty."),
]


@pytest.mark.parametrize(("source", "message"), FAILURES, ids=[s for s, _ in FAILURES])
def test_bad_input_raises_the_fsharp_exception(source: str, message: str) -> None:
    with pytest.raises(FusabiRuntimeError, match=message):
        run_source(source)


def test_the_failures_can_be_caught_by_plugin_code() -> None:
    assert run_source('try List.splitInto 0 [1] |> ignore; "no" with _ -> "caught"') == "caught"


def test_an_endless_unfold_runs_into_the_limits() -> None:
    unit = compile_source("let run () = List.unfold (fun n -> Some (n, n + 1)) 0 |> List.length\n")
    limits = Limits(timeout=5.0, max_collection_size=10_000)
    with pytest.raises(LimitExceeded):
        unit.instantiate(EngineConfig(limits=limits)).call("run")


def test_zero_create_makes_int_arrays() -> None:
    # F# fills with the element type's default; here only int arrays (see docs/fsharp.rst)
    with pytest.raises(CompileError, match="expected int, got float"):
        compile_source("let a = Array.zeroCreate 2\na.[0] <- 1.5\n")
