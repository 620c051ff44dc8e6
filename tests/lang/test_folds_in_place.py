"""A fold that builds a ``Map`` or ``Set`` runs as a loop over a private table (issue 13).

The table is only used when nothing but the fold can see the states between two steps
(:mod:`fusabi_host.lang.transient`).  Each test runs the same fold twice: once as a lambda
literal, which may be compiled in place, and once through a named folder, which always goes
through the library, and the two must agree, including on errors.  The cases where the
state can be seen from outside must not be compiled in place, and show that they are not by
what they compute.
"""

from __future__ import annotations

import pytest

import fusabi_host
from fusabi_host import FusabiRuntimeError, LimitExceeded, fzb
from tests.lang.running import python_of
from tests.lang.running import run_main as run


def both_ways(folder: str, rest: str) -> tuple[str, str]:
    """The program ``main`` with *folder* as a lambda literal, and with it as a named function
    (*rest* uses ``FOLD`` where the folder goes)."""
    params, body = folder.split(" = ", 1)
    literal = "let main () =\n" + rest.replace("FOLD", f"(fun {params} -> {body})")
    named = f"let step {params} = {body}\nlet main () =\n" + rest.replace("FOLD", "step")
    return literal, named


CASES = {
    "word count": (
        "counts (w: string) = match Map.tryFind w counts with "
        "| Some n -> Map.add w (n + 1) counts | None -> Map.add w 1 counts",
        '    let m = [| "a"; "b"; "a"; "c"; "a"; "b" |] |> Array.fold FOLD Map.empty\n'
        "    Map.toList m",
    ),
    "list source, unchanged state": (
        "m (k: int) = if k % 3 = 0 then m else Map.add (k % 5) k m",
        "    Map.toList (List.fold FOLD Map.empty [1 .. 40])",
    ),
    "a non-empty start map is left as it was": (
        "m (k: string) = Map.add k (Map.count m) m",
        '    let start = Map.ofList [ ("z", 0); ("a", 7) ]\n'
        '    let grown = List.fold FOLD start [ "b"; "a"; "c" ]\n'
        "    (Map.toList start, Map.toList grown)",
    ),
    "find, containsKey and remove": (
        "m (k: int) = if Map.containsKey k m then Map.remove k m "
        "else Map.add k (k * 10 + (if Map.containsKey (k - 1) m then Map.find (k - 1) m else 0)) m",
        "    Map.toList (List.fold FOLD Map.empty [1; 2; 3; 2; 4; 1; 5])",
    ),
    "removals from a start map": (
        "m (k: string) = if Map.containsKey k m then Map.remove k m else Map.add k 1 m",
        '    let start = Map.ofList [ ("a", 5); ("b", 6) ]\n'
        '    let after = List.fold FOLD start [ "a"; "c"; "b"; "c"; "d" ]\n'
        "    (Map.toList start, Map.toList after, Map.count after)",
    ),
    "tuple keys go through the helpers": (
        "m (k: int) = let key = (k % 2, string (k % 3)) in "
        "match Map.tryFind key m with Some n -> Map.add key (n + k) m | None -> Map.add key k m",
        "    Map.toList (Array.fold FOLD Map.empty [| 1 .. 30 |])",
    ),
    "char keys": (
        "m (c: char) = Map.add c (1 + (match Map.tryFind c m with Some n -> n | None -> 0)) m",
        '    Map.toList (Array.fold FOLD Map.empty ("mississippi".ToCharArray()))',
    ),
    "a set": (
        "s (x: int) = if Set.contains (x - 1) s then Set.remove (x - 1) s else Set.add x s",
        "    let s = List.fold FOLD Set.empty [5; 3; 4; 9; 8; 1; 3; 2]\n"
        "    (Set.toList s, Set.count s)",
    ),
    "a set of records from a start set": (
        "s (x: int) = Set.add { X = x % 4; Y = string (x % 2) } s",
        '    let start = Set.ofList [ { X = 9; Y = "q" } ]\n'
        "    let s = Array.fold FOLD start [| 1 .. 10 |]\n"
        "    (Set.count start, Set.toList s |> List.map (fun p -> p.X))",
    ),
    "a nested fold building the values": (
        "m (w: string) = Map.add w.[0] "
        "(w |> Seq.toList |> List.fold (fun (inner: Map<char, int>) c -> Map.add c 1 inner) "
        "(match Map.tryFind w.[0] m with Some inner -> inner | None -> Map.empty)) m",
        '    let m = Array.fold FOLD Map.empty [| "abc"; "axe"; "bob" |]\n'
        "    m |> Map.toList |> List.map (fun (k, inner) -> (k, Map.toList inner))",
    ),
    "a lookup matched with None first": (
        "m (w: string) = match Map.tryFind w m with "
        "| None -> Map.add w 1 m | Some n -> Map.add w (n + 1) m",
        '    Map.toList (Array.fold FOLD Map.empty [| "x"; "y"; "x"; "x" |])',
    ),
    "a lookup matched with _ last": (
        "m (k: int) = match Map.tryFind (k % 3) m with "
        "| Some n -> Map.add (k % 3) (n * 2) m | _ -> Map.add (k % 3) 1 m",
        "    Map.toList (List.fold FOLD Map.empty [1 .. 10])",
    ),
    "a lookup of tuples taken apart": (
        "m (k: int) = match Map.tryFind (k % 2) m with "
        "| Some (low, high) -> Map.add (k % 2) (min low k, max high k) m "
        "| None -> Map.add (k % 2) (k, k) m",
        "    Map.toList (List.fold FOLD Map.empty [5; 2; 9; 4; 1])",
    ),
    "a lookup matched with a literal": (
        "m (w: string) = match Map.tryFind w m with "
        "| Some 2 -> Map.remove w m | Some n -> Map.add w (n + 1) m | None -> Map.add w 1 m",
        '    Map.toList (Array.fold FOLD Map.empty [| "a"; "a"; "a"; "b"; "a" |])',
    ),
    "a lookup matched with a guard": (
        "m (w: string) = match Map.tryFind w m with "
        "| Some n when n > 1 -> Map.add w 0 m | Some n -> Map.add w (n + 1) m "
        "| None -> Map.add w 1 m",
        '    Map.toList (Array.fold FOLD Map.empty [| "a"; "a"; "a"; "b"; "a" |])',
    ),
}

RECORD = "type P = { X: int; Y: string }\n"


@pytest.mark.parametrize("name", list(CASES))
def test_a_fold_in_place_computes_what_the_library_fold_computes(name: str) -> None:
    folder, rest = CASES[name]
    literal, named = both_ways(folder, rest)
    literal, named = RECORD + literal, RECORD + named
    assert "_tbl" in python_of(literal)
    assert "_tbl" not in python_of(named)
    assert run(literal) == run(named)


def test_the_word_count_loop_stores_into_a_dict_and_makes_the_map_once() -> None:
    folder, rest = CASES["word count"]
    python = python_of(both_ways(folder, rest)[0])
    assert "b_Map__add" not in python and "b_Map__tryFind" not in python
    assert python.count("_map_of_table(") == 1
    assert run(both_ways(folder, rest)[0]) == [("a", 3), ("b", 2), ("c", 1)]


@pytest.mark.parametrize(
    ("name", "direct"),
    [
        ("word count", True),
        ("a lookup matched with None first", True),
        ("a lookup matched with _ last", True),
        ("a lookup of tuples taken apart", True),
        ("a lookup matched with a literal", False),
        ("a lookup matched with a guard", False),
    ],
)
def test_a_match_of_a_lookup_tests_the_entry_without_making_an_option(
    name: str, direct: bool
) -> None:
    """``Some p | None`` (either order, or ``_`` last) with an irrefutable ``p``: the table's
    entry is the test.  A literal or a guard needs the option, and keeps it."""
    folder, rest = CASES[name]
    python = python_of(both_ways(folder, rest)[0])
    assert ("is not None:" in python) is direct
    assert ("_NONE if" in python) is not direct


VISIBLE = {
    "the state is saved in a mutable": (
        "let main () =\n"
        "    let mutable saved = Map.empty\n"
        "    let last = [1; 2; 3] |> List.fold (fun m k -> saved <- m; Map.add k k m) Map.empty\n"
        "    (Map.toList saved, Map.toList last)",
        ([(1, 1), (2, 2)], [(1, 1), (2, 2), (3, 3)]),
    ),
    "the state is captured by a closure": (
        "let main () =\n"
        "    let mutable reads = []\n"
        "    let last =\n"
        "        [1; 2; 3] |> List.fold (fun m k ->\n"
        "            reads <- (fun () -> Map.count m) :: reads\n"
        "            Map.add k k m) Map.empty\n"
        "    (reads |> List.map (fun f -> f ()), Map.count last)",
        ([2, 1, 0], 3),
    ),
    "an earlier state is the step's result": (
        "let main () =\n"
        "    let mutable older = Map.empty\n"
        "    let last =\n"
        "        [1; 2; 3; 4] |> List.fold (fun m k ->\n"
        "            let prev = older\n"
        "            older <- Map.add k k m\n"
        "            if k = 3 then prev else older) Map.empty\n"
        "    Map.toList last",
        [(1, 1), (2, 2), (4, 4)],
    ),
    "the state goes into a tuple": (
        "let main () =\n"
        "    let pairs =\n"
        "        [1; 2]\n"
        "        |> List.fold (fun (m: Map<int, int>) k -> Map.add k (Map.count m) m) Map.empty\n"
        "    let both = [3] |> List.fold (fun m k -> snd (Map.add k 0 m, m)) pairs\n"
        "    Map.toList both",
        [(1, 0), (2, 1)],
    ),
}


@pytest.mark.parametrize("name", list(VISIBLE))
def test_a_fold_whose_states_can_be_seen_is_not_built_in_place(name: str) -> None:
    text, expected = VISIBLE[name]
    assert "_tbl" not in python_of(text)
    assert run(text) == expected


def test_an_update_whose_key_cannot_be_hashed_fails_as_the_library_does() -> None:
    literal, named = both_ways(
        "m (k: int) = Map.add [| k |] k m", "    Map.count (List.fold FOLD Map.empty [1; 2])"
    )
    assert "_tbl" in python_of(literal)
    messages = []
    for text in (literal, named):
        with pytest.raises(FusabiRuntimeError) as raised:
            run(text)
        messages.append(str(raised.value).splitlines()[0])
    assert messages[0] == messages[1]
    assert "cannot be a map key" in messages[0]


def test_an_error_in_a_step_names_the_step_s_line() -> None:
    text = (
        "let main () =\n"
        "    [1; 2; 3] |> List.fold (fun m k ->\n"
        '        if k = 2 then failwith "bad step"\n'
        "        Map.add k k m) Map.empty\n"
    )
    assert "_tbl" in python_of(text)
    with pytest.raises(FusabiRuntimeError) as raised:
        run(text)
    assert "bad step" in str(raised.value)
    assert any(frame.line == 3 for frame in raised.value.fusabi_traceback)


def test_a_long_fold_in_place_still_stops_at_the_deadline() -> None:
    text = (
        "let main () =\n"
        "    let xs = [1 .. 3000000]\n"
        "    let m = xs |> List.fold (fun m k -> Map.add (k % 1000) k m) Map.empty\n"
        "    Map.count m\n"
    )
    assert "_tbl" in python_of(text)
    with pytest.raises(LimitExceeded) as raised:
        run(text, timeout=0.2)
    assert raised.value.limit == "timeout"


@pytest.mark.parametrize("name", ["word count", "a set", "find, containsKey and remove"])
def test_bytecode_builds_in_place_too(name: str) -> None:
    """A lifted program binds each lambda to a variable before passing it, and ends a match
    with a failure whose dead value follows it: neither keeps the fold from running in
    place."""
    folder, rest = CASES[name]
    literal = both_ways(folder, rest)[0]
    unit = fusabi_host.load_bytecode(fzb.compile_source(literal, "fold.fsx"), "fold.fzb")
    assert "_tbl" in unit.program.python_source()
    assert unit.instantiate().call("main", None) == run(literal)
