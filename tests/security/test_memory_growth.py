"""Results that grow by doubling are charged to the memory limit before they are built.

Typed string ``+`` and ``^`` compile to an inline length test that sends results over 64 Ki
characters to a helper charging them to ``max_memory_bytes`` before they are built
(:func:`fusabi_host.lang.support._sadd`), as untyped ``+`` does; list and
array comprehensions charge what ``yield!`` adds and the final list or array, and so do the
accumulators of lifted ``.fzb`` code.  A plugin that doubles a string (or a collection) 40 times
under the **default** limits must stop with ``LimitExceeded(limit="max_memory_bytes")`` within
the memory limit plus 10 % and within the timeout, and the host must go on serving.

Each probe runs in a child process (the harness of :mod:`tests.security.probe`: an
address-space cap and a kill timer) that also reports how far its peak resident memory grew
during the call (``ru_maxrss``).
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from typing import Any

import pytest

from tests.security.probe import DEFAULT_ADDRESS_SPACE, ROOT, ProbeReport, _cap_address_space

pytestmark = pytest.mark.slow

MEMORY_LIMIT = 256 << 20
"""The default ``Limits.max_memory_bytes``."""
TIMEOUT = 30.0
"""The default ``Limits.timeout``."""

_DRIVER = r"""
import json, resource, sys, time
spec = json.loads(sys.stdin.read())
from fusabi_host import EngineConfig, FusabiError, compile_source, fzb, load_bytecode
report = {}
recursion_before = sys.getrecursionlimit()
if spec["bytecode"]:
    data = fzb.compile_source(spec["source"], "probe.fsx", type_check=spec["type_check"])
    unit = load_bytecode(data, "probe.fzb", type_check=spec["type_check"])
else:
    unit = compile_source(spec["source"], "probe.fsx", type_check=spec["type_check"])
report["typed"] = unit.typed
instance = unit.instantiate(EngineConfig(), stdout=lambda _t: None)
config_limit = EngineConfig().limits.max_memory_bytes
report["memory_limit"] = config_limit
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
started = time.monotonic()
try:
    report["value"] = repr(instance.call("main"))
except FusabiError as error:
    report["error"] = type(error).__name__
    report["limit"] = getattr(error, "limit", None)
    report["message"] = str(error)
except BaseException as error:
    report["error"] = type(error).__name__
    report["raw"] = True
    report["message"] = repr(error)[:2000]
report["elapsed"] = time.monotonic() - started
report["peak_growth"] = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - base) * 1024
report["after"] = repr(instance.call("small"))
fresh = compile_source("let twice x = 2 * x").instantiate(EngineConfig())
report["host_ok"] = fresh.call("twice", 21) == 42
report["recursion_limit_kept"] = sys.getrecursionlimit() == recursion_before
print("PROBE-REPORT " + json.dumps(report))
"""


def run_growth_probe(
    source: str, *, bytecode: bool = False, type_check: str = "strict"
) -> ProbeReport:
    spec = {"source": source, "bytecode": bytecode, "type_check": type_check}
    try:
        done = subprocess.run(
            [sys.executable, "-c", _DRIVER],
            input=json.dumps(spec),
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=TIMEOUT + 30,
            preexec_fn=lambda: _cap_address_space(DEFAULT_ADDRESS_SPACE),
            check=False,
        )
    except subprocess.TimeoutExpired:
        return ProbeReport(returncode=-9, timed_out=True)
    report: dict[str, Any] = {}
    for line in done.stdout.splitlines():
        if line.startswith("PROBE-REPORT "):
            report = json.loads(line[len("PROBE-REPORT ") :])
    return ProbeReport(returncode=done.returncode, report=report, stderr=done.stderr)


SMALL = '\nlet small () = String.length ("ab" + "cd")\n'

DOUBLING: dict[str, str] = {
    "typed string +": """
        let main () =
            let mutable s = "ab"
            for i in 1 .. 40 do
                s <- s + s
            String.length s
        """,
    "typed string ^": """
        let main () =
            let mutable s = "ab"
            for i in 1 .. 40 do
                s <- s ^ s
            String.length s
        """,
    "a recursive doubling of a non-ASCII string": """
        let rec double (s: string) n = if n = 0 then s else double (s + s) (n - 1)
        let main () = String.length (double "\u20ac" 40)
        """,
    "array comprehension with yield!": """
        let main () =
            let mutable xs = [| 1 |]
            for i in 1 .. 40 do
                xs <- [| yield! xs; yield! xs |]
            Array.length xs
        """,
    "list comprehension with yield!": """
        let main () =
            let mutable xs = [ 1 ]
            for i in 1 .. 40 do
                xs <- [ yield! xs; yield! xs ]
            List.length xs
        """,
    "list comprehension of a string's characters": """
        let main () =
            let mutable s = "ab"
            for i in 1 .. 22 do
                s <- s + s
            List.length [ for i in 1 .. 40 do yield! s ]
        """,
}

UNTYPED = """
    let main () =
        let mutable s = "ab"
        for i in 1 .. 40 do
            s <- s + s
        String.length s
    let broken () = 1 + "x"
    """


def _assert_memory_limit(probe: ProbeReport) -> None:
    probe.assert_limit("max_memory_bytes", within=TIMEOUT)
    assert probe.report["memory_limit"] == MEMORY_LIMIT, probe.report
    growth = probe.report["peak_growth"]
    assert growth <= MEMORY_LIMIT * 1.1, f"peak growth {growth >> 20} MiB: {probe.report}"
    assert probe.report["after"] == "4", probe.report  # the plugin still serves


@pytest.mark.parametrize("bytecode", [False, True], ids=["source", "fzb"])
@pytest.mark.parametrize("source", DOUBLING.values(), ids=list(DOUBLING.keys()))
def test_doubling_40_times_stops_at_the_memory_limit(source: str, bytecode: bool) -> None:
    _assert_memory_limit(run_growth_probe(textwrap.dedent(source) + SMALL, bytecode=bytecode))


def test_untyped_string_plus_is_charged_too() -> None:
    # an ill-typed unit runs only with type_check="warn", on the dynamic path (the _add helper)
    probe = run_growth_probe(textwrap.dedent(UNTYPED) + SMALL, type_check="warn")
    assert probe.report.get("typed") is False, probe.report
    _assert_memory_limit(probe)


def test_small_concatenations_are_not_charged() -> None:
    """The helper charges only results over 64 Ki characters, at one byte a character for
    ASCII and four otherwise."""
    from fusabi_host.lang import guard, support

    calls: list[int] = []
    original = guard.reserve_bytes
    guard.reserve_bytes = lambda nbytes, what: calls.append(nbytes)  # type: ignore[assignment]
    try:
        assert support._sadd("a" * 1000, "b" * 1000) == "a" * 1000 + "b" * 1000
        assert support._sadd("a" * 40_000, "b" * 40_000) == "a" * 40_000 + "b" * 40_000
        assert support._sadd("\u20ac" * 40_000, "b" * 40_000)[-1] == "b"
    finally:
        guard.reserve_bytes = original  # type: ignore[assignment]
    assert calls == [80_000, 4 * 80_000]
