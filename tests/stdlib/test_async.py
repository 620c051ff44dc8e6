"""``async { }`` workflows and the ``Async`` module, as F# runs them (one thread).

Each program is a valid F# script; the expected text is what ``dotnet fsi`` prints for it
(for ``Async.Parallel`` the order F# guarantees for its results; the side effects of the
workflows here do not depend on the order they run in, except where the test says so)."""

from __future__ import annotations

import pytest

import fusabi_host
from fusabi_host.errors import CompileError, ConversionError
from tests.lang.programs import case, output
from tests.security.probe import run_probe

PROGRAMS = [
    case(
        "building a workflow runs nothing",
        """
        let work = async {
            printfn "running"
            return 42
        }
        printfn "built"
        let r = Async.RunSynchronously work
        printfn "r = %d" r
        printfn "again = %d" (Async.RunSynchronously work)
        """,
        "built\nrunning\nr = 42\nrunning\nagain = 42\n",
    ),
    case(
        "let!, do!, return!",
        """
        let double x = async { return x * 2 }
        let log (msg: string) = async { printfn "log: %s" msg }
        let pipeline n = async {
            do! log "start"
            let! a = double n
            let! b = double a
            do! log (sprintf "a=%d b=%d" a b)
            return! double b
        }
        printfn "%d" (pipeline 3 |> Async.RunSynchronously)
        """,
        "log: start\nlog: a=6 b=12\n24\n",
    ),
    case(
        "if without else, match arms, a let in the middle",
        """
        let check n = async {
            if n < 0 then
                printfn "negative"
            let label = if n % 2 = 0 then "even" else "odd"
            match n with
            | 0 -> return "zero"
            | _ when n > 100 -> return "big " + label
            | _ -> return label
        }
        for n in [0; -3; 4; 101] do
            printfn "%d: %s" n (Async.RunSynchronously (check n))
        """,
        "0: zero\nnegative\n-3: odd\n4: even\n101: big odd\n",
    ),
    case(
        "for and while loops with let! in them",
        """
        let square x = async { return x * x }
        let sumSquares (xs: int list) = async {
            let mutable total = 0
            for x in xs do
                let! s = square x
                total <- total + s
            let mutable i = 3
            while i > 0 do
                let! s = square i
                printfn "i=%d s=%d" i s
                i <- i - 1
            for k = 1 to 2 do
                do! Async.Sleep 0
                printfn "k=%d" k
            for k = 2 downto 1 do
                printfn "down %d" k
                do! Async.Sleep 0
            return total
        }
        printfn "total %d" (Async.RunSynchronously (sumSquares [1; 2; 3]))
        """,
        "i=3 s=9\ni=2 s=4\ni=1 s=1\nk=1\nk=2\ndown 2\ndown 1\ntotal 14\n",
    ),
    case(
        "try/with and try/finally inside a workflow",
        """
        exception Oops of int
        let risky n = async {
            if n > 2 then raise (Oops n)
            return n
        }
        let guarded n = async {
            try
                try
                    let! v = risky n
                    printfn "got %d" v
                    return v
                with
                | Oops k when k > 5 -> return -1
                | :? System.DivideByZeroException -> return -2
            finally
                printfn "finally %d" n
        }
        printfn "%d" (Async.RunSynchronously (guarded 1))
        printfn "%d" (Async.RunSynchronously (guarded 9))
        try
            Async.RunSynchronously (guarded 3) |> ignore
        with
        | Oops k -> printfn "escaped Oops %d" k
        let divide a b = async {
            try
                return a / b
            with
            | :? System.DivideByZeroException as e -> return 0
        }
        printfn "%d" (Async.RunSynchronously (divide 7 0))
        """,
        "got 1\nfinally 1\n1\nfinally 9\n-1\nfinally 3\nescaped Oops 3\n0\n",
    ),
    case(
        "a tail-recursive loop runs in constant memory",
        """
        let rec countdown n acc = async {
            if n = 0 then return acc
            else return! countdown (n - 1) (acc + n)
        }
        printfn "%d" (Async.RunSynchronously (countdown 200000 0))
        """,
        "20000100000\n",
    ),
    case(
        "non-tail recursion within the depth limit",
        """
        let rec depth n = async {
            if n = 0 then return 0
            else
                let! d = depth (n - 1)
                return d + 1
        }
        printfn "%d" (Async.RunSynchronously (depth 1000))
        """,
        "1000\n",
    ),
    case(
        "Parallel, Sequential, Ignore, Start",
        """
        let job (name: string) n = async {
            return sprintf "%s:%d" name (n * 10)
        }
        let results = [1; 2; 3] |> List.map (job "p") |> Async.Parallel |> Async.RunSynchronously
        printfn "%A" results
        let seqResults = [job "s" 4; job "s" 5] |> Async.Sequential |> Async.RunSynchronously
        printfn "%s" (String.concat ", " seqResults)
        async { printfn "ignored %d" 7; return 7 } |> Async.Ignore |> Async.RunSynchronously
        async { printfn "started" } |> Async.Start
        async { printfn "immediate" } |> Async.StartImmediate
        printfn "%d" (Array.length ([] |> Async.Parallel |> Async.RunSynchronously))
        """,
        '[|"p:10"; "p:20"; "p:30"|]\ns:40, s:50\nignored 7\nstarted\nimmediate\n0\n',
    ),
    case(
        "workflows as values, annotated",
        """
        let steps : Async<int> list = [ async { return 1 }; async { return 2 } ]
        let combined : Async<int> = async {
            let mutable sum = 0
            for s in steps do
                let! v = s
                sum <- sum + v
            return sum
        }
        printfn "%d" (Async.RunSynchronously combined)
        let unitFlow : Async<unit> = async { () }
        Async.RunSynchronously unitFlow
        printfn "%A" (Async.RunSynchronously unitFlow)
        """,
        "3\n()\n",
    ),
    case(
        "nested workflows and closures",
        """
        let makeCounter () =
            let mutable count = 0
            let tick = async {
                count <- count + 1
                return count
            }
            tick
        let tick = makeCounter ()
        let twice = async {
            let! a = tick
            let! b = async {
                let! c = tick
                return c * 100
            }
            return a + b
        }
        printfn "%d" (Async.RunSynchronously twice)
        """,
        "201\n",
    ),
]


@pytest.mark.parametrize(("text", "expected"), PROGRAMS)
def test_workflows_run_as_in_fsharp(text: str, expected: str) -> None:
    assert output(text) == expected


def test_upstream_reading_of_a_plain_last_line() -> None:
    # upstream Fusabi reads `async { m }` as m (F# refuses it), and `do!` of any workflow
    text = """
    let inner = async { return 5 }
    let outer = async { inner }
    let loose = async {
        do! inner
        return 1
    }
    print (Async.RunSynchronously outer + Async.RunSynchronously loose)
    """
    assert output(text) == "6"


def test_exceptions_escape_run_synchronously_with_their_message() -> None:
    text = """
    let bad = async { return failwith "broken workflow" }
    try
        Async.RunSynchronously bad |> ignore
    with ex -> printfn "caught: %s" ex.Message
    """
    assert output(text) == "caught: broken workflow\n"


def test_async_sleep_waits_and_refuses_a_negative_delay() -> None:
    text = """
    let w = async {
        do! Async.Sleep 30
        return 1
    }
    printfn "%d" (Async.RunSynchronously w)
    try
        Async.RunSynchronously (Async.Sleep -1)
    with :? System.ArgumentOutOfRangeException as e -> printfn "refused"
    """
    assert output(text) == "1\nrefused\n"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param(
            "let w = async {\n    let! x = 5\n    return x\n}\n", "Async<", id="let!-of-int"
        ),
        pytest.param(
            "let f () =\n    let! x = async { return 1 }\n    x\n",
            "'let!' is only allowed",
            id="let!-outside",
        ),
        pytest.param(
            "let f () =\n    do! async { return () }\n    1\n",
            "'do!' is only allowed",
            id="do!-outside",
        ),
        pytest.param(
            "let w = async {\n    yield 1\n}\n", "'yield' is not allowed in 'async { }'", id="yield"
        ),
        pytest.param(
            'let w = async {\n    let! x = async { return 1 }\n    return x + "a"\n}\n',
            "string",
            id="result-type",
        ),
    ],
)
def test_ill_formed_workflows_are_compile_errors(text: str, message: str) -> None:
    with pytest.raises(CompileError) as raised:
        fusabi_host.compile_source(text, "w.fsx", type_check="strict")
    assert message in str(raised.value)
    assert "w.fsx:" in str(raised.value)


def test_the_type_of_a_workflow_is_shown_as_fsharp_writes_it() -> None:
    with pytest.raises(CompileError) as raised:
        fusabi_host.compile_source(
            "let w = async { return 1 }\nlet n : int = w\n", "w.fsx", type_check="strict"
        )
    assert "Async<int>" in str(raised.value)


def test_a_workflow_shows_as_async() -> None:
    assert output('printf "%A %O" (async { return 1 }) (async { return 2 })') == "<async> <async>"


def test_a_workflow_returned_to_the_host_is_refused_with_a_hint() -> None:
    unit = fusabi_host.compile_source("let job () = async { return 1 }\n", "t.fsx")
    instance = unit.instantiate()
    with pytest.raises(ConversionError) as raised:
        instance.call("job")
    assert "Async.RunSynchronously" in str(raised.value)
    assert str(raised.value).count("cannot be returned") == 1


def test_a_workflow_runs_under_the_calls_limits_and_the_plugin_keeps_serving() -> None:
    unit = fusabi_host.compile_source(
        "let spin () = Async.RunSynchronously (async { while true do do! Async.Sleep 0 })\n"
        "let ok () = 1\n",
        "t.fsx",
    )
    instance = unit.instantiate(fusabi_host.EngineConfig(limits=fusabi_host.Limits(timeout=0.3)))
    with pytest.raises(fusabi_host.errors.LimitExceeded):
        instance.call("spin")
    assert instance.call("ok") == 1


# --------------------------------------------------------------------------- hostile

HOSTILE = {
    "non-tail recursion 10^7 deep": (
        "let rec deep n = async {\n"
        "    if n = 0 then return 0\n"
        "    else\n"
        "        let! d = deep (n - 1)\n"
        "        return d + 1 }\n"
        "let main () = Async.RunSynchronously (deep 10000000)"
    ),
    "an endless while loop": ("let main () = Async.RunSynchronously (async { while true do () })"),
    "an endless tail-recursive loop": (
        "let rec spin n = async { return! spin (n + 1) }\n"
        "let main () = Async.RunSynchronously (spin 0)"
    ),
    "a for loop over an infinite seq": (
        "let main () =\n"
        "    Async.RunSynchronously (async { for x in Seq.initInfinite id do do! Async.Sleep 0 })"
    ),
    "a sleep past the deadline": "let main () = Async.RunSynchronously (Async.Sleep 100000000)",
    "Parallel over an infinite seq": (
        "let main () =\n"
        "    Seq.initInfinite (fun i -> async { return i }) |> Async.Parallel\n"
        "    |> Async.RunSynchronously |> Array.length"
    ),
    "a Combine chain 10^6 long built by recursion": (
        "let rec chain n = if n = 0 then async { return () } else async { do! chain (n - 1); () }\n"
        "let main () = Async.RunSynchronously (chain 1000000)"
    ),
}


@pytest.mark.parametrize("source", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_workflows_end_in_a_limit(source: str) -> None:
    report = run_probe(
        "let ok () = 42\n" + source, limits={"timeout": 3.0}, after="ok", kill_after=60
    )
    report.assert_survived()
    assert report.report.get("mro") and "LimitExceeded" in report.report["mro"], report.report
    assert report.report["after"] == "42"
    assert report.report.get("elapsed", 0) < 10, report.report


def test_a_deep_workflow_ends_in_a_limit_under_the_default_limits() -> None:
    report = run_probe(
        "let rec deep n = async {\n"
        "    if n = 0 then return 0\n"
        "    else\n"
        "        let! d = deep (n - 1)\n"
        "        return d + 1 }\n"
        "let main () = Async.RunSynchronously (deep 100000000)",
        kill_after=60,
    )
    report.assert_survived()
    assert "LimitExceeded" in report.report["mro"], report.report
