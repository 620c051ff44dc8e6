"""Library functions whose upstream signature differs from FSharp.Core's keep both forms, told
apart by the first argument (issue 12): ``String.concat sep strings`` (F#) beside
``String.concat strings`` (upstream), ``Map.map (fun k v -> ...)`` beside ``Map.map (fun v ->
...)``, ``List.nth list index`` beside ``List.nth index list``.  Where the first argument
cannot tell them apart, F# wins."""

from __future__ import annotations

import pytest

from fusabi_host import CompileError, Variant, compile_source, run_source
from fusabi_host.lang.stdlib.registry import REGISTRY

BOTH_FORMS = [
    # F#'s String.concat: a separator first
    ('String.concat ", " ["a"; "b"]', "a, b"),
    ('["x"; "y"] |> String.concat "-"', "x-y"),
    ('[| "x"; "y" |] |> String.concat ""', "xy"),
    ('let sep = ";" in String.concat sep ["a"; "b"]', "a;b"),
    ('let join = String.concat "," in join ["a"; "b"]', "a,b"),
    ('List.map string [1; 2; 3] |> String.concat ", "', "1, 2, 3"),
    ('let f xs = String.concat "/" xs in f ["a"; "b"]', "a/b"),
    # upstream's: the strings only
    ('String.concat ["a"; "b"]', "ab"),
    ('String.concat [| "p"; "q" |]', "pq"),
    ("String.concat (List.map string [1; 2; 3])", "123"),
    ('let parts = ["1"; "2"] in String.concat parts', "12"),
    # F#'s Map.map: key and value
    (
        'Map.ofList [(1, "a"); (2, "b")] |> Map.map (fun k v -> sprintf "%d%s" k v) |> Map.toList',
        [(1, "1a"), (2, "2b")],
    ),
    ("Map.ofList [(1, 2)] |> Map.map (fun k -> fun v -> k + v) |> Map.toList", [(1, 3)]),
    ("let f k v = k * v in Map.ofList [(3, 2)] |> Map.map f |> Map.toList", [(3, 6)]),
    # upstream's: the value only
    ('Map.ofList [(1, "a")] |> Map.map (fun v -> v + "!") |> Map.toList', [(1, "a!")]),
    ('Map.ofList [(1, "a")] |> Map.map String.toUpper |> Map.toList', [(1, "A")]),
    ("let double x = x * 2 in Map.ofList [(1, 4)] |> Map.map double |> Map.toList", [(1, 8)]),
    # F#'s List.nth: the list first, the element itself
    ("List.nth [10; 20; 30] 1", 20),
    ("[10; 20; 30] |> fun xs -> List.nth xs 2", 30),
    # upstream's: the index first, an option
    ("List.nth 1 [10; 20; 30]", Variant.some(20)),
    ("List.nth 5 [10]", Variant.none()),
]


@pytest.mark.parametrize(("source", "expected"), BOTH_FORMS, ids=[s for s, _ in BOTH_FORMS])
def test_each_form_is_taken_where_the_first_argument_says(source: str, expected: object) -> None:
    assert run_source(source) == expected


def test_where_the_first_argument_cannot_tell_fsharp_wins() -> None:
    # Option.orElse ifNone option (F#); upstream's order is the reverse, with the same type
    assert run_source("Some 3 |> Option.orElse (Some 9)") == Variant.some(3)
    assert run_source("None |> Option.orElse (Some 9)") == Variant.some(9)
    # a parameter whose type is not known yet: F#'s String.concat
    unit = compile_source("let joinWith sep = String.concat sep\n")
    assert unit.type_of("joinWith") == "string -> seq<string> -> string"


def test_a_first_argument_that_fits_neither_form_is_a_type_error_of_the_fsharp_form() -> None:
    with pytest.raises(CompileError, match="expected string, got int"):
        compile_source('let s = String.concat 1 ["a"]\n')
    with pytest.raises(CompileError):
        compile_source('let s = List.nth "a" [1]\n')


def test_the_forms_are_typed_by_their_own_signatures() -> None:
    unit = compile_source(
        'let a = String.concat ["x"]\nlet b = String.concat "-"\nlet c = List.nth 0 [1]\n'
    )
    assert unit.type_of("a") == "string"
    assert unit.type_of("b") == "seq<string> -> string"
    assert unit.type_of("c") == "int option"


@pytest.mark.parametrize("name", ["String.concat", "Map.map", "List.nth"])
def test_the_registry_keeps_fsharp_first_and_upstream_beside_it(name: str) -> None:
    entry = REGISTRY[name]
    assert entry.upstream is not None and entry.upstream.is_upstream
    assert not entry.is_upstream
    assert entry.upstream.name == name
    assert entry.signature != entry.upstream.signature
