"""A list comprehension that goes straight into a ``seq`` parameter of a library function
that only consumes it (``String.concat sep [ for ... -> ... ]``) is built as an array: one
allocation instead of a cell per element (issue 13).

Each case runs the call with the comprehension in place (built as an array) and bound to a
name first (built as a list, as always): the results and the errors (their lines too) must be
the same.
"""

from __future__ import annotations

import pytest

from fusabi_host import FusabiError
from tests.lang.running import python_of
from tests.lang.running import run_main as run

ONE_TO_THREE = "[ for i in 1 .. 3 -> i ]"
NONE = "[ for i in 1 .. 0 -> i ]"

CONSUMERS = {
    "String.concat": ('String.concat ", " C', "[ for i in 1 .. 4 -> string (i * i) ]"),
    "String.join": ('String.join "-" C', '[ for w in ["a"; "b"] do yield w; yield w + "!" ]'),
    "Seq.sum": ("Seq.sum C", ONE_TO_THREE),
    "Seq.length": ("Seq.length C", "[ for i in 1 .. 10 do if i % 3 = 0 then yield i ]"),
    "Seq.fold": ("Seq.fold (fun acc x -> acc * 10 + x) 0 C", ONE_TO_THREE),
    "Seq.toList": ("Seq.toList C", ONE_TO_THREE),
    "Seq.toArray": ("Seq.toArray C |> Array.rev", ONE_TO_THREE),
    "Set.ofSeq": ("Set.ofSeq C |> Set.count", "[ for i in 1 .. 9 -> i % 4 ]"),
    "Map.ofSeq": ("Map.ofSeq C |> Map.find 2", "[ for i in 1 .. 3 -> (i, string i) ]"),
    "Seq.head of nothing": ("Seq.head C", NONE),
    "Seq.item past the end": ("Seq.item 5 C", ONE_TO_THREE),
    "Seq.exactlyOne of three": ("Seq.exactlyOne C", ONE_TO_THREE),
    "Seq.max of nothing": ("Seq.max C", NONE),
    "Seq.find of no match": ("Seq.find (fun x -> x > 9) C", ONE_TO_THREE),
}


def outcome(text: str) -> object:
    try:
        return run(text)
    except FusabiError as error:
        return f"{type(error).__name__}: {error}"


@pytest.mark.parametrize(("call", "comprehension"), CONSUMERS.values(), ids=CONSUMERS.keys())
def test_a_consumer_sees_the_same_elements_either_way(call: str, comprehension: str) -> None:
    in_place = "let main () =\n    let xs = ()\n    " + call.replace("C", comprehension)
    bound = f"let main () =\n    let xs = {comprehension}\n    " + call.replace("C", "xs")
    assert "_acc_array(" in python_of(in_place)
    assert "_acc_list(" in python_of(bound)
    assert outcome(in_place) == outcome(bound)


@pytest.mark.parametrize(
    "call",
    [
        "List.map (fun x -> x + 1) C",  # (a list parameter: the list itself is wanted)
        "Seq.map (fun x -> x + 1) C |> Seq.toList",  # (a lazy result would hold it)
        "Seq.filter (fun x -> x > 1) C |> Seq.length",
        "List.length C",
    ],
)
def test_a_comprehension_stays_a_list_where_the_callee_may_keep_it(call: str) -> None:
    text = "let main () =\n    " + call.replace("C", ONE_TO_THREE)
    source = python_of(text)
    assert "_acc_list(" in source and "_acc_array(" not in source


def test_the_comprehension_runs_once_and_in_order() -> None:
    text = (
        "let main () =\n"
        '    String.concat "" [ for i in 1 .. 3 -> (printf "%d" i; string (i * 2)) ]\n'
    )
    assert run(text) == "246"
