"""Lazy sequences: ``seq { }`` and the ``Seq`` functions run their code when (and each time)
the sequence is enumerated, infinite sequences work, and hostile ones meet the run's limits.

Scripts are ``text`` parameters, so tests/fzb's differential check runs them from bytecode
too; bytecode builds a ``seq { }`` eagerly (upstream has no lazy sequences), so the cases
whose output depends on laziness or on infinite ``seq { }`` are listed there as
``EAGER_IN_BYTECODE``.
"""

from __future__ import annotations

import textwrap

import pytest

import fusabi_host
from fusabi_host import EngineConfig, Limits
from fusabi_host.errors import FusabiError
from fusabi_host.lang.display import display
from tests.security.probe import run_probe

LIMITS = EngineConfig(limits=Limits(timeout=20.0))


def run(text: str) -> tuple[str, str]:
    """Run a script: (Display of its value, its output)."""
    output: list[str] = []
    unit = fusabi_host.compile_source(textwrap.dedent(text).strip("\n") + "\n", "t.fsx")
    instance = unit.instantiate(LIMITS, stdout=output.append, stderr=output.append)
    return display(instance.raw.value), "".join(output)


# --------------------------------------------------------------------------- side effects


EFFECTS = [
    pytest.param(
        """
        let s = seq { printfn "a"; yield 1; printfn "b"; yield 2 }
        printfn "built"
        Seq.length s
        """,
        "2",
        "built\na\nb\n",
        id="seq-body-runs-at-enumeration",
    ),
    pytest.param(
        """
        let s = seq { printfn "run"; yield 1 }
        let a = Seq.length s
        let b = Seq.length s
        a + b
        """,
        "2",
        "run\nrun\n",
        id="re-enumeration-runs-again",
    ),
    pytest.param(
        """
        let s = Seq.cache (seq { printfn "run"; yield 1; yield 2 })
        let a = Seq.sum s
        let b = Seq.sum s
        a + b
        """,
        "6",
        "run\n",
        id="cache-runs-once",
    ),
    pytest.param(
        """
        let s = Seq.map (fun x -> printfn "map %d" x; x * 2) [1; 2; 3]
        printfn "built"
        Seq.head s
        """,
        "2",
        "built\nmap 1\n",
        id="map-runs-only-what-is-needed",
    ),
    pytest.param(
        """
        let s = [1; 2; 3] |> Seq.filter (fun x -> printfn "f %d" x; x > 1)
        let n = Seq.length s
        let m = Seq.length s
        n + m
        """,
        "4",
        "f 1\nf 2\nf 3\nf 1\nf 2\nf 3\n",
        id="filter-runs-again-on-re-enumeration",
    ),
    pytest.param(
        """
        let s = Seq.delay (fun () -> printfn "delayed"; seq { yield 7 })
        printfn "built"
        Seq.head s
        """,
        "7",
        "built\ndelayed\n",
        id="delay",
    ),
    pytest.param(
        """
        let s = seq { for i in 1 .. 3 do printfn "i=%d" i; yield i }
        Seq.item 1 s
        """,
        "2",
        "i=1\ni=2\n",
        id="item-stops-early",
    ),
]


@pytest.mark.parametrize(("text", "value", "output"), EFFECTS)
def test_side_effects_happen_at_enumeration(text: str, value: str, output: str) -> None:
    assert run(text) == (value, output)


# --------------------------------------------------------------------------- values

VALUES = [
    pytest.param(
        "Seq.toList (Seq.take 5 (Seq.initInfinite (fun i -> i * i)))",
        "[0; 1; 4; 9; 16]",
        id="initInfinite-take",
    ),
    pytest.param(
        "Seq.toList (Seq.truncate 3 (Seq.initInfinite id))", "[0; 1; 2]", id="initInfinite-truncate"
    ),
    pytest.param("Seq.item 100 (Seq.initInfinite (fun i -> i + 1))", "101", id="initInfinite-item"),
    pytest.param(
        "Seq.find (fun x -> x > 1000) (Seq.initInfinite (fun i -> i * 7))",
        "1001",
        id="initInfinite-find",
    ),
    pytest.param(
        """
        let rec nat i = seq { yield i; yield! nat (i + 1) }
        Seq.item 1000000 (nat 0)
        """,
        "1000000",
        id="recursive-nat-million",
    ),
    pytest.param(
        """
        let rec nat i = seq { yield i; yield! nat (i + 1) }
        nat 5 |> Seq.map (fun x -> x * 10) |> Seq.take 3 |> Seq.toList
        """,
        "[50; 60; 70]",
        id="recursive-nat-pipeline",
    ),
    pytest.param(
        """
        let rec evens n = seq { yield n; yield! odds (n + 1) }
        and odds n = seq { yield n; yield! evens (n + 1) }
        Seq.toList (Seq.take 6 (evens 0))
        """,
        "[0; 1; 2; 3; 4; 5]",
        id="mutual-recursion",
    ),
    pytest.param(
        "Seq.toList (seq { yield 1; yield! [2; 3]; yield! [|4|]; yield! seq { yield 5 } })",
        "[1; 2; 3; 4; 5]",
        id="yield-bang-lists-and-seqs",
    ),
    pytest.param(
        """
        let s = seq {
            for i in 1 .. 4 do
                if i % 2 = 0 then
                    for j in 1 .. i do
                        yield i * 10 + j
        }
        Seq.toList s
        """,
        "[21; 22; 41; 42; 43; 44]",
        id="nested-for-if",
    ),
    pytest.param(
        """
        let fib = Seq.unfold (fun (a, b) -> Some (a, (b, a + b))) (0, 1)
        Seq.toList (Seq.take 10 fib)
        """,
        "[0; 1; 1; 2; 3; 5; 8; 13; 21; 34]",
        id="unfold-fibonacci",
    ),
    pytest.param(
        "Seq.toList (Seq.unfold (fun n -> if n > 3 then None else Some (n, n + 1)) 1)",
        "[1; 2; 3]",
        id="unfold-finite",
    ),
    pytest.param(
        """
        let rec deep n = seq { if n > 0 then yield! deep (n - 1)
                               yield n }
        Seq.sum (deep 100)
        """,
        "5050",
        id="non-tail-recursion-shallow",
    ),
    pytest.param("Seq.toList (Seq.tail [1; 2; 3])", "[2; 3]", id="tail"),
    pytest.param("Seq.findBack (fun x -> x % 2 = 1) [1; 2; 3; 4]", "3", id="findBack"),
    pytest.param("Seq.findIndexBack (fun x -> x % 2 = 1) [1; 2; 3; 4]", "2", id="findIndexBack"),
    pytest.param("Seq.tryFindBack (fun x -> x > 9) [1; 2]", "None", id="tryFindBack"),
    pytest.param("Seq.fold2 (fun s a b -> s + a * b) 0 [1; 2; 3] [4; 5]", "14", id="fold2"),
    pytest.param(
        "Seq.toList (Seq.map3 (fun a b c -> a + b + c) [1; 2] [10; 20] [100; 200])",
        "[111; 222]",
        id="map3",
    ),
    pytest.param(
        "Seq.toList (Seq.mapi2 (fun i a b -> i + a + b) [1; 2] [10; 20])", "[11; 23]", id="mapi2"
    ),
    pytest.param(
        "Seq.toList (Seq.map Seq.toList (Seq.transpose [[1; 2]; [3; 4]]))",
        "[[1; 3]; [2; 4]]",
        id="transpose",
    ),
    pytest.param(
        "Seq.toList (Seq.map Array.length (Seq.splitInto 2 [1; 2; 3]))", "[2; 1]", id="splitInto"
    ),
    pytest.param("Seq.toList (Seq.except [2] [1; 2; 3; 1])", "[1; 3]", id="except"),
    pytest.param("Seq.compareWith compare [1; 2] [1; 3]", "-1", id="compareWith"),
    pytest.param("Seq.toList (Seq.cast [1; 2])", "[1; 2]", id="cast"),
    pytest.param("Seq.toList (Seq.append (seq { yield 1 }) [2])", "[1; 2]", id="append"),
    pytest.param(
        "Seq.toList (Seq.take 3 (Seq.concat (Seq.initInfinite (fun i -> [i; i]))))",
        "[0; 0; 1]",
        id="concat-infinite",
    ),
    pytest.param(
        "Seq.toList (Seq.take 4 (Seq.collect (fun i -> [i; -i]) (Seq.initInfinite id)))",
        "[0; 0; 1; -1]",
        id="collect-infinite",
    ),
    pytest.param(
        "Seq.toList (Seq.takeWhile (fun x -> x < 4) (Seq.initInfinite id))",
        "[0; 1; 2; 3]",
        id="takeWhile-infinite",
    ),
    pytest.param(
        "Seq.toList (Seq.take 3 (Seq.skip 2 (Seq.initInfinite id)))",
        "[2; 3; 4]",
        id="skip-infinite",
    ),
    pytest.param(
        "Seq.toList (Seq.take 3 (Seq.scan (+) 0 (Seq.initInfinite id)))",
        "[0; 0; 1]",
        id="scan-infinite",
    ),
    pytest.param(
        "Seq.toList (Seq.take 2 (Seq.pairwise (Seq.initInfinite id)))",
        "[(0, 1); (1, 2)]",
        id="pairwise-infinite",
    ),
    pytest.param(
        "Seq.toList (Seq.sort (seq { yield 3; yield 1; yield 2 }))", "[1; 2; 3]", id="sort-buffers"
    ),
    pytest.param(
        """
        let s = seq { yield 1 }
        (s = s, s = seq { yield 1 })
        """,
        "(true, false)",
        id="equality-by-reference",
    ),
    pytest.param("List.ofSeq (seq { yield 1; yield 2 })", "[1; 2]", id="List.ofSeq"),
    pytest.param('String.concat "," (Seq.map string [1; 2])', "1,2", id="String.concat-of-seq"),
]


@pytest.mark.parametrize(("text", "value"), VALUES)
def test_lazy_sequence_values(text: str, value: str) -> None:
    assert run(text)[0] == value


# --------------------------------------------------------------------------- display

DISPLAYS = [
    pytest.param('printfn "%A" (seq { 1 .. 10 })', "seq [1; 2; 3; 4; ...]\n", id="percent-A-range"),
    pytest.param('printfn "%A" (seq { 1 .. 3 })', "seq [1; 2; 3]\n", id="percent-A-short"),
    pytest.param(
        'printfn "%A" (Seq.initInfinite id)', "seq [0; 1; 2; 3; ...]\n", id="percent-A-infinite"
    ),
    pytest.param(
        "print (Seq.map (fun x -> x * 2) [1; 2; 3; 4; 5])", "seq [2; 4; 6; 8; ...]", id="display"
    ),
    pytest.param('printfn "%s" (string (Seq.empty |> Seq.map id))', "seq []\n", id="string-empty"),
]


@pytest.mark.parametrize(("text", "output"), DISPLAYS)
def test_display_of_sequences(text: str, output: str) -> None:
    assert run(text)[1] == output


def test_comparison_of_sequences_is_a_clear_error() -> None:
    with pytest.raises(FusabiError, match="seq"):
        run("compare (seq { yield 1 }) (seq { yield 2 })")


# --------------------------------------------------------------------------- the host


def test_a_sequence_returned_to_the_host_becomes_a_list() -> None:
    unit = fusabi_host.compile_source(
        "let evens n = seq { for i in 0 .. n do if i % 2 = 0 then yield i }\n", "t.fsx"
    )
    instance = unit.instantiate(LIMITS)
    assert instance.call("evens", 6) == [0, 2, 4, 6]


def test_an_infinite_sequence_returned_to_the_host_is_a_limit() -> None:
    unit = fusabi_host.compile_source("let all () = Seq.initInfinite id\n", "t.fsx")
    config = EngineConfig(limits=Limits(timeout=5.0, max_collection_size=100_000))
    instance = unit.instantiate(config)
    with pytest.raises(fusabi_host.errors.LimitExceeded):
        instance.call("all")


# --------------------------------------------------------------------------- hostile

HOSTILE = {
    "Seq.length of an infinite seq": "let main () = Seq.length (Seq.initInfinite id)",
    "Seq.toList of an infinite seq": (
        "let main () = Seq.toList (Seq.initInfinite id) |> List.length"
    ),
    "Seq.toList of an infinite seq { }": (
        "let rec nat i = seq { yield i; yield! nat (i + 1) }\n"
        "let main () = Seq.toList (nat 0) |> List.length"
    ),
    "a non-tail recursive seq 10^6 deep": (
        "let rec deep n = seq { if n > 0 then yield! deep (n - 1)\n"
        "                       yield n }\n"
        "let main () = Seq.sum (deep 1000000)"
    ),
    "nested enumerations 10^6 deep": (
        "let rec deep n = seq { if n > 0 then for x in deep (n - 1) do yield x\n"
        "                       yield n }\n"
        "let main () = Seq.sum (deep 1000000)"
    ),
    "Seq.map chains 10^5 deep": (
        "let rec wrap n s = if n = 0 then s else wrap (n - 1) (Seq.map id s)\n"
        "let main () = Seq.sum (wrap 100000 [1; 2; 3])"
    ),
    "library-only filter of an infinite seq": (
        "let main () = Seq.initInfinite string |> Seq.filter String.IsNullOrEmpty |> Seq.head"
    ),
}


@pytest.mark.parametrize("source", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_sequences_end_in_a_limit(source: str) -> None:
    report = run_probe(
        "let ok () = 42\n" + source, limits={"timeout": 5.0}, after="ok", kill_after=60
    )
    report.assert_survived()
    assert report.report.get("mro") and "LimitExceeded" in report.report["mro"], report.report
    assert report.report["after"] == "42"


def test_an_infinite_toList_ends_in_a_limit_under_the_default_limits() -> None:
    report = run_probe(
        "let main () = Seq.toList (Seq.initInfinite id) |> List.length", kill_after=60
    )
    report.assert_survived()
    assert "LimitExceeded" in report.report["mro"], report.report
