"""Run hostile plugin code in a child process with hard caps, and report what happened.

Each probe is one child Python process with an address-space cap (``RLIMIT_AS``) and a kill
timer, so a segfault, an out-of-memory kill or a hang is a failing test and never takes pytest
down.  The child compiles the plugin, calls one function under the given limits, then checks
that the plugin and the host still work, and prints one JSON report.
"""

from __future__ import annotations

import json
import resource
import signal
import subprocess
import sys
import textwrap
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]

DEFAULT_ADDRESS_SPACE = 3 << 30
"""Bytes of address space a probe may reserve (the interpreter itself takes ~100 MiB)."""

_DRIVER = r"""
import json, sys, threading, time
spec = json.loads(sys.stdin.read())
from fusabi_host import Capabilities, EngineConfig, FusabiError, Limits, compile_source
report = {}
limits = Limits(**spec["limits"]) if spec["limits"] is not None else Limits()
caps = Capabilities.of(*spec["capabilities"])
config = EngineConfig(capabilities=caps, limits=limits)
recursion_before = sys.getrecursionlimit()

def body():
    started = time.monotonic()
    try:
        unit = compile_source(spec["source"], "probe.fsx", limits=limits)
        instance = unit.instantiate(config, stdout=lambda _t: None, stderr=lambda _t: None)
        report["loaded"] = True
        if spec["function"] is not None:
            report["value"] = repr(instance.call(spec["function"], *spec["args"]))
    except FusabiError as error:
        report["error"] = type(error).__name__
        report["limit"] = getattr(error, "limit", None)
        report["message"] = str(error)
        report["mro"] = [c.__name__ for c in type(error).__mro__]
    except BaseException as error:  # a raw exception escaping the library is a finding
        report["error"] = type(error).__name__
        report["raw"] = True
        report["message"] = repr(error)[:2000]
    report["elapsed"] = time.monotonic() - started
    if report.get("loaded") and spec["after"] is not None:
        try:
            report["after"] = repr(instance.call(spec["after"]))
        except BaseException as error:
            report["after_error"] = f"{type(error).__name__}: {error}"
    # the host still serves: a fresh plugin under the default config
    fresh = compile_source("let twice x = 2 * x").instantiate(EngineConfig())
    report["host_ok"] = fresh.call("twice", 21) == 42
    report["recursion_limit_kept"] = sys.getrecursionlimit() == recursion_before

if spec["stack_size"]:
    threading.stack_size(spec["stack_size"])
    worker = threading.Thread(target=body)
    worker.start()
    worker.join()
else:
    body()
print("PROBE-REPORT " + json.dumps(report))
"""


@dataclass
class ProbeReport:
    """What one probe child reported (``returncode`` < 0: killed by that signal)."""

    returncode: int
    report: dict[str, Any] = field(default_factory=dict)
    stderr: str = ""
    timed_out: bool = False

    @property
    def error(self) -> str | None:
        return self.report.get("error")

    @property
    def limit(self) -> str | None:
        return self.report.get("limit")

    @property
    def elapsed(self) -> float:
        return float(self.report.get("elapsed", float("inf")))

    def assert_survived(self) -> None:
        """The child ended normally, no raw exception escaped, and the host still works."""
        assert not self.timed_out, f"probe hung past its kill timer\n{self.stderr[-3000:]}"
        assert self.returncode == 0, (
            f"probe died with {_describe(self.returncode)}\n{self.stderr[-3000:]}"
        )
        assert not self.report.get("raw"), f"raw exception escaped: {self.report}"
        assert self.report.get("host_ok") is True, self.report
        assert self.report.get("recursion_limit_kept") is True, self.report

    def assert_limit(self, limit: str, *, within: float | None = None) -> None:
        """The call failed with ``LimitExceeded`` for *limit* (within *within* seconds)."""
        self.assert_survived()
        assert self.error == "LimitExceeded", self.report
        assert self.limit == limit, self.report
        if within is not None:
            assert self.elapsed <= within, f"took {self.elapsed:.3f} s: {self.report}"


def _describe(returncode: int) -> str:
    if returncode < 0:
        try:
            return f"signal {signal.Signals(-returncode).name}"
        except ValueError:
            return f"signal {-returncode}"
    return f"exit code {returncode}"


def _cap_address_space(limit: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def run_probe(
    source: str,
    function: str | None = "main",
    args: tuple[Any, ...] = (),
    *,
    limits: dict[str, Any] | None = None,
    capabilities: tuple[str, ...] = (),
    after: str | None = None,
    kill_after: float = 60.0,
    address_space: int = DEFAULT_ADDRESS_SPACE,
    stack_size: int = 0,
) -> ProbeReport:
    """Run *source* in a capped child and call *function* with *args*.

    ``limits`` are keyword arguments of :class:`fusabi_host.Limits` (``None``: the defaults);
    ``after`` names a function to call once more afterwards (the plugin must still serve);
    ``stack_size`` runs the call on a thread with that C stack size.
    """
    spec = {
        "source": textwrap.dedent(source),
        "function": function,
        "args": list(args),
        "limits": limits,
        "capabilities": list(capabilities),
        "after": after,
        "stack_size": stack_size,
    }
    try:
        done = subprocess.run(
            [sys.executable, "-c", _DRIVER],
            input=json.dumps(spec),  # (on standard input: a hostile source may be large)
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=kill_after,
            preexec_fn=lambda: _cap_address_space(address_space),
            check=False,
        )
    except subprocess.TimeoutExpired as expired:
        stderr = expired.stderr.decode() if isinstance(expired.stderr, bytes) else ""
        return ProbeReport(returncode=-9, stderr=stderr or "", timed_out=True)
    report: dict[str, Any] = {}
    for line in done.stdout.splitlines():
        if line.startswith("PROBE-REPORT "):
            report = json.loads(line[len("PROBE-REPORT ") :])
    return ProbeReport(returncode=done.returncode, report=report, stderr=done.stderr)
