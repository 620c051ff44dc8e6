"""Hostile plugins against every limit, each in a capped child process (see ``probe.py``).

Every probe asserts the exception class and the limit it names, the time bound (the timeout
plus 100 ms, with slack for a loaded CI machine), that the plugin still serves its next call
and that the host survives with its recursion limit unchanged.
"""

# ruff: noqa: E501  (the tables hold one Fusabi program a line)
from __future__ import annotations

import pytest

from tests.security.probe import run_probe

pytestmark = pytest.mark.slow

TIMEOUT = 1.0
BOUND = TIMEOUT + 0.1 + 0.4  # the guarantee is +100 ms; 0.4 s more for a busy 2-core CI box

OK = "let ok () = 42\n"

# --------------------------------------------------------------------------- the deadline

HANGS = {
    "self-recursive loop": "let rec spin n = spin (n + 1)\nlet main () = spin 0",
    "while loop": "let main () =\n    let mutable i = 0\n    while true do i <- i + 1\n    i",
    "leaf closure in Array.init": 'let main () = Array.init 3000000 (fun i -> (String.replicate 300 "ab").Length) |> Array.length',
    "leaf closure in List.init": 'let main () = List.init 2000000 (fun i -> (String.replicate 600 "ab").Length) |> List.length',
    "leaf closure in Array.map": "let main () =\n    let a = Array.create 5000000 1\n    let mutable s = 0\n    for _ in 1 .. 1000 do s <- s + (Array.map (fun x -> x + 1) a).Length\n    s",
    "List.iter with a leaf closure": "let main () =\n    let xs = List.init 1000000 id\n    for _ in 1 .. 1000 do List.iter (fun x -> ignore x) xs\n    0",
    "equality of a shared DAG": "type T = Leaf | Node of T * T\nlet rec mk n acc = if n = 0 then acc else mk (n - 1) (Node(acc, acc))\nlet main () = mk 60 Leaf = mk 60 Leaf",
    "compare of a shared DAG": "type T = Leaf | Node of T * T\nlet rec mk n acc = if n = 0 then acc else mk (n - 1) (Node(acc, acc))\nlet main () = compare (mk 60 Leaf) (mk 60 Leaf)",
    "hash of a shared DAG": "type T = Leaf | Node of T * T\nlet rec mk n acc = if n = 0 then acc else mk (n - 1) (Node(acc, acc))\nlet main () = hash (mk 60 Leaf)",
    "Display of a shared DAG": 'type T = Leaf | Node of T * T\nlet rec mk n acc = if n = 0 then acc else mk (n - 1) (Node(acc, acc))\nlet main () = (sprintf "%A" (mk 60 Leaf)).Length',
    "conversion of a returned DAG": "type T = Leaf | Node of T * T\nlet rec mk n acc = if n = 0 then acc else mk (n - 1) (Node(acc, acc))\nlet main () = mk 60 Leaf",
    "Script.eval of a loop": 'let main () = Script.eval "let rec f n = f (n + 1) in f 0"',
    "Script.eval of a DAG comparison": 'let main () = Script.eval "type T = L | N of T * T\\nlet rec mk n a = if n = 0 then a else mk (n - 1) (N(a, a))\\nmk 60 L = mk 60 L"',
    "try/finally that loops again": "let rec spin n = spin (n + 1)\nlet main () =\n    try spin 0 finally spin 0",
    "try/with that retries": "let rec spin n = spin (n + 1)\nlet rec main () =\n    try spin 0 with _ -> main ()",
}


@pytest.mark.parametrize("source", HANGS.values(), ids=HANGS.keys())
def test_the_deadline_holds_everywhere(source: str) -> None:
    report = run_probe(OK + source, limits={"timeout": TIMEOUT}, after="ok")
    report.assert_limit("timeout", within=BOUND)
    assert report.report["after"] == "42"


@pytest.mark.parametrize("memory", [None, 64 << 20], ids=["time only", "time and memory"])
def test_the_deadline_holds_for_the_next_call_after_one_that_hit_it(memory: int | None) -> None:
    """A call that hit its deadline leaves its guard in the deadline thread's view; the
    instance's next call reuses the guard without a lock, and its deadline must fire too
    (with no memory limit, nothing else wakes the thread)."""
    forever = "let main () =\n    let mutable i = 0\n    while true do i <- i + 1\n    i\n"
    limits = {"timeout": 0.3, "max_memory_bytes": memory}
    report = run_probe(forever, limits=limits, after="main", kill_after=20)
    report.assert_limit("timeout", within=0.3 + 0.5)
    assert "LimitExceeded" in report.report["after_error"], report.report
    assert "time limit" in report.report["after_error"], report.report


def test_the_deadline_holds_at_the_top_level() -> None:
    report = run_probe("let rec spin n = spin (n + 1)\nspin 0", None, limits={"timeout": TIMEOUT})
    report.assert_limit("timeout", within=BOUND)


def test_a_load_whose_top_level_takes_forever_is_bounded_by_default_limits() -> None:
    report = run_probe("let rec spin n = spin (n + 1)\nspin 0", None, kill_after=45)
    report.assert_limit("timeout", within=30.6)


# --------------------------------------------------------------------------- fuel


FUEL_BURNERS = {
    "recursion": "let rec spin n = spin (n + 1)\nlet main () = spin 0",
    "leaf closures in the library": "let main () = List.init 1000000 (fun i -> i) |> List.length",
    "DAG equality": "type T = Leaf | Node of T * T\nlet rec mk n acc = if n = 0 then acc else mk (n - 1) (Node(acc, acc))\nlet main () = mk 60 Leaf = mk 60 Leaf",
    "Script.eval": 'let main () = Script.eval "let rec f n = f (n + 1) in f 0"',
}


@pytest.mark.parametrize("source", FUEL_BURNERS.values(), ids=FUEL_BURNERS.keys())
def test_fuel_is_an_upper_bound(source: str) -> None:
    report = run_probe(OK + source, limits={"max_fuel": 100_000, "timeout": 20}, after="ok")
    report.assert_limit("max_fuel", within=5)
    assert report.report["after"] == "42"


def test_fuel_applies_to_the_top_level() -> None:
    report = run_probe("let rec spin n = spin (n + 1)\nspin 0", None, limits={"max_fuel": 10_000})
    report.assert_limit("max_fuel", within=5)


# --------------------------------------------------------------------------- depth

DEEP = "let rec depth n = if n = 0 then 0 else 1 + depth (n - 1)\n"


@pytest.mark.parametrize("max_depth", [50, 2_000, 20_000])
def test_max_depth_is_exact(max_depth: int) -> None:
    inside = run_probe(DEEP, "depth", (max_depth - 1,), limits={"max_depth": max_depth})
    inside.assert_survived()
    assert inside.report.get("value") == str(max_depth - 1), inside.report
    outside = run_probe(DEEP, "depth", (max_depth + 1,), limits={"max_depth": max_depth})
    outside.assert_limit("max_depth")


def test_strict_limits_cut_recursion_at_two_thousand() -> None:
    report = run_probe(DEEP, "depth", (3_000,), limits={"max_depth": 2_000, "timeout": 5})
    report.assert_limit("max_depth")


def test_max_depth_is_exact_on_a_thread_with_a_small_stack() -> None:
    report = run_probe(DEEP, "depth", (19_000,), stack_size=256 * 1024)
    report.assert_survived()
    assert report.report.get("value") == "19000"
    deeper = run_probe(DEEP, "depth", (25_000,), stack_size=256 * 1024)
    deeper.assert_limit("max_depth")


C_LEVEL_RECURSION = {
    "List.sortWith comparator": "let rec f n = if n = 0 then 0 else List.sortWith (fun a b -> f (n - 1) |> ignore; compare a b) [2; 1] |> List.head\nlet main () = f 30000",
    "Array.sortInPlaceWith comparator": "let rec f n = if n = 0 then 0 else (let a = [| 2; 1 |] in Array.sortInPlaceWith (fun x y -> f (n - 1) |> ignore; compare x y) a; a.[0])\nlet main () = f 30000",
    "List.map callback": "let rec f n = if n = 0 then 0 else List.map (fun x -> f (n - 1) + x) [1] |> List.head\nlet main () = f 30000",
    "map keys holding maps compared from C": "type K = Leaf | Node of Map<K, int>\nlet rec build n acc = if n = 0 then acc else build (n - 1) (Node (Map.empty |> Map.add acc 1))\nlet main () = build 400 Leaf = build 400 Leaf",
    "Events handler": 'let rec f n = if n = 0 then 0 else (Events.once "e" (fun _ -> f (n - 1) |> ignore) |> ignore; Events.emit "e" 1; n)\nlet main () = f 30000',
}


@pytest.mark.parametrize(
    "source",
    [pytest.param(source, id=name) for name, source in C_LEVEL_RECURSION.items()],
)
@pytest.mark.parametrize("stack_size", [0, 512 * 1024], ids=["main thread", "512 KiB thread"])
def test_recursion_through_library_callbacks_never_crashes(source: str, stack_size: int) -> None:
    report = run_probe(OK + source, limits={"timeout": 20}, after="ok", stack_size=stack_size)
    report.assert_limit("max_depth")
    assert report.report["after"] == "42"


# --------------------------------------------------------------------------- memory

MEMORY = 64 << 20

GROWERS = {
    "retained list": "let main () =\n    let mutable acc = []\n    for i in 1 .. 100000000 do acc <- (string i) :: acc\n    List.length acc",
    "string doubling": 'let main () =\n    let mutable s = "x"\n    for _ in 1 .. 60 do s <- s + s\n    s.Length',
    "String.replicate": 'let main () = (String.replicate 1000000000 "x").Length',
    "a huge range": "let main () = [1 .. 1000000000] |> List.length",
    "PadLeft width": 'let main () = ("x".PadLeft 1000000000).Length',
    "printf star width": 'let main () = (sprintf "%*d" 1000000000 1).Length',
    "printf literal width": 'let main () = (sprintf "%900000000d" 1).Length',
    "printf precision": 'let main () = (sprintf "%.900000000f" 1.0).Length',
    "Replace growth": 'let main () = let s = String.replicate 100000 "a" in (s.Replace("a", String.replicate 10000 "b")).Length',
    "String.join": 'let main () = let s = String.replicate 10000 "a" in (String.join "," (List.replicate 100000 s)).Length',
    "string + in a loop": 'let main () = let s = String.replicate 1000000 "a" in let mutable t = "" in (for _ in 1 .. 2000 do t <- t + s); t.Length',
    "List.collect": "let main () = List.collect (fun i -> List.replicate 100000 i) [1..1000] |> List.length",
    "list append growth": "let main () =\n    let mutable xs = [1 .. 1000]\n    for _ in 1 .. 100 do xs <- xs @ xs\n    List.length xs",
}


@pytest.mark.parametrize("source", GROWERS.values(), ids=GROWERS.keys())
def test_memory_is_bounded(source: str) -> None:
    report = run_probe(OK + source, limits={"max_memory_bytes": MEMORY, "timeout": 20}, after="ok")
    assert report.limit in ("max_memory_bytes", "max_collection_size"), report.report
    report.assert_limit(report.limit or "", within=10)
    assert report.report["after"] == "42"


def test_memory_growth_stays_within_ten_percent_of_the_limit() -> None:
    source = (
        "let main () =\n"
        "    let mutable acc = []\n"
        "    for i in 1 .. 100000000 do acc <- (i, i) :: acc\n"
        "    List.length acc\n"
    )
    # the child's own address-space cap is the limit plus 10 % plus the interpreter's baseline
    report = run_probe(
        source, limits={"max_memory_bytes": MEMORY, "timeout": 20}, address_space=1 << 30
    )
    report.assert_limit("max_memory_bytes", within=10)


def test_a_run_starts_its_memory_count_from_a_reading_at_most_a_millisecond_old() -> None:
    """Many short calls share one reading of resident memory per millisecond as their
    starting point (a read costs about as much as the call); an older reading is not used."""
    import time

    from fusabi_host.lang import deadline

    deadline.LAST_SAMPLE.reading = (time.monotonic(), 12345)  # a reading taken just now
    assert deadline.recent_resident_bytes() == 12345
    deadline.LAST_SAMPLE.reading = (time.monotonic() - 2 * deadline.RECENT, 12345)  # too old
    assert deadline.recent_resident_bytes() > 1 << 20  # (read again: the real size)
