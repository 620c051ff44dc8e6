"""The upstream example corpus (../shared/conformance/upstream): every script whose features
are within the project decisions must run to the end and print what its comments document.

Three kinds of documented expectations are checked:

* ``print x  // => 42`` -- what that line prints;
* ``// Expected: (...)`` / ``// Expected output: [...]`` -- the Display of the script's value;
* ``printfn "...: %d (expected 35)" ...`` -- self-checking output lines.

Scripts are run with every capability granted (several demonstrate files, processes and the
clock) and no standard input.  Each in-scope script is its own test: ``EXCLUDED`` lists the
scripts outside the project decisions, ``KNOWN_FAILURES`` the in-scope ones that do not
conform yet, each with its reason.  Without ``../shared`` the tests are skipped.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import pytest

from fusabi_host.errors import FusabiError
from fusabi_host.lang import compile_program_file
from fusabi_host.lang.context import Context
from fusabi_host.lang.display import display
from fusabi_host.lang.guard import RunLimits
from tests.conftest import SHARED

CORPUS = SHARED / "conformance" / "upstream"

EXCLUDED = {
    "examples/ardour_osc_control.fsx": "needs the feature-gated Osc module (UDP), not in the CLI",
    "examples/async_tokio_demo.fsx": "Tokio-backed Async module, outside the project decisions",
    "examples/minifs_config.fsx": "custom computation-expression DSL, outside the decisions",
    "examples/commander.fsx": "matches List.tail's list against Some/None (fails upstream too); "
    "its own test below runs it as far as that",
    "examples/commander/main.fsx": "the same script as examples/commander.fsx",
    "examples/repl.fsx": "an interactive loop: run with a scripted stdin by its own test below",
    "examples/arrays_updates.fsx": "relies on upstream bug 4: `a.[i] <- v` returning a copy",
    "examples/arrays_operations.fsx": "relies on upstream bug 4: `a.[i] <- v` returning a copy",
    "tests/arrays_bounds.fsx": "uses Array.make, which neither upstream nor F# defines",
    "rust-examples/e2e_result_handling.fsx": "uses String.ofInt, which neither upstream nor F# "
    "defines",
}

# Scripts that are ill-typed by design (F# refuses them): with types checked they are refused at
# compile time, so they run with ``type_check="warn"`` (upstream's dynamic semantics, checked at
# run time), and a test pins that a strict compile refuses each one with the reason given.
ILL_TYPED = {
    "examples/records_advanced.fsx": "the record has no field 'department'",
    "examples/stdlib_demo.fsx": "expected unit list, got int list",
    "tests/test_map.fsx": "expected string * string, got string * int",
    # it matches List.tail's result (a list) against Some/None
    "examples/commander.fsx": "expected string list, got 'a option",
    "examples/commander/main.fsx": "expected string list, got 'a option",
}

# In-scope scripts that do not conform yet, each with the reason (verified by running it).
# The test fails when one of them starts conforming: then its entry goes.
KNOWN_FAILURES: dict[str, str] = {}

NO_CORPUS = f"needs ../shared (the upstream corpus, not found at {CORPUS})"

# Comments in the corpus that document a wrong value; what F# (and this project) computes
# instead, worked out by hand.
WRONG_DOCUMENTATION = {
    # [1..10] doubled, keep > 10: 12 + 14 + 16 + 18 + 20
    ("tests/hof_stress.fsx", "Test 4 - Chained operations"): "80",
    # 50, 60, 70 mapped by x * 2 + 5 - 100: 5 + 25 + 45
    ("tests/hof_stress.fsx", "Test 5 - Multi-capture closure"): "75",
    # 40, 60, 30, 70 adjusted by +-10 around 50: 30 + 70 + 20 + 80
    ("tests/hof_stress.fsx", "Test 5b - Conditional capture"): "200",
    # 1..5 doubled then squared: 4 + 16 + 36 + 64 + 100
    ("tests/hof_stress.fsx", "Test 9a - Nested map"): "220",
}

# Scripts whose "// Expected:" value relies on upstream bug 4 (`a.[i] <- v` returning a copy of
# the array); what F# (and this project) computes instead, worked out by hand.
CORRECTED_VALUES = {
    # `matrix.[0] <- [|99; 88|]` changes matrix itself and gives (); row0 was taken before
    "examples/arrays_nested.fsx": (
        "([|[|99; 88|]; [|3; 4|]; [|5; 6|]|], [|1; 2|], 3, (), 3, [|1; 2; 3|], [|4; 5|], [|6|])"
    ),
}

ARROW = re.compile(r"//\s*=>\s*(.*)$")
EXPECTED_VALUE = re.compile(r"^//\s*Expected(?: output)?:\s*(.*)$")
SELF_CHECK = re.compile(r":\s*(.*?)\s*\(expected ([^)]*)\)")
LET = re.compile(r"^let\s+(\w+)\s*=")


def scripts() -> list[Path]:
    if not CORPUS.is_dir():
        return []
    return sorted(CORPUS.rglob("*.fsx"))


def _clean(text: str) -> str:
    """A documented or printed value without quotes or a trailing explanation in brackets."""
    text = text.strip()
    if not text.startswith("(") and text.endswith(")"):
        depth = 0
        for index in range(len(text) - 1, -1, -1):
            depth += {")": 1, "(": -1}.get(text[index], 0)
            if depth == 0:
                text = text[:index]
                break
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] == '"':
        text = text[1:-1]
    return text.strip()


def _same(printed: str, documented: str) -> bool:
    """Equal, or the same float up to the digits a comment would show."""
    if printed == documented:
        return True
    try:
        return abs(float(printed) - float(documented)) <= 1e-9 * max(1.0, abs(float(printed)))
    except ValueError:
        return False


class Run:
    """One script's run: output attributed to source lines, final value, error."""

    def __init__(self, path: Path, stdin: list[str] | None = None) -> None:
        self.path = path
        lines = iter(stdin or [])
        self.by_line: dict[int, list[str]] = {}
        self.output: list[str] = []
        self.value: object = None
        self.error: str | None = None
        self.instance: Any = None
        context = Context(
            check=lambda capability, resource: None,
            stdout=self.write,
            stderr=self.write,
            stdin=lambda: next(lines, None),
            base_dir=path.parent,
        )
        try:
            name = path.relative_to(CORPUS).as_posix()
            unit = compile_program_file(path, type_check="warn" if name in ILL_TYPED else "strict")
            self.instance = unit.instantiate(context, limits=RunLimits(timeout=20))
            self.value = self.instance.value
        except FusabiError as exc:
            self.error = str(exc)

    def write(self, text: str) -> None:
        self.output.append(text)
        frame = sys._getframe(1)
        while frame is not None and frame.f_code.co_filename != str(self.path):
            frame = frame.f_back  # type: ignore[assignment]
        if frame is not None:
            self.by_line.setdefault(frame.f_lineno, []).append(text)


def check(path: Path) -> list[str]:
    """The documented expectations this script fails (empty: it conforms)."""
    run = Run(path)
    if run.error is not None:
        return [f"did not run to the end: {run.error.splitlines()[0]}"]
    problems: list[str] = []
    lines = path.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines, start=1):
        arrow = ARROW.search(line)
        if arrow and not line.lstrip().startswith("//"):
            expected = _clean(arrow.group(1))
            binding = LET.match(line)
            if binding and run.instance.has(binding.group(1)):
                printed = display(run.instance.get(binding.group(1)))
            else:
                printed = "".join(run.by_line.get(number, [])).strip()
            if not _same(_clean(printed), expected):
                problems.append(f"line {number}: printed {printed!r}, documented {expected!r}")
        match = EXPECTED_VALUE.match(line.strip())
        if match:
            expected = match.group(1)
            follow = number
            while expected.count("(") > expected.count(")") and follow < len(lines):
                expected += " " + lines[follow].strip().lstrip("/").strip()
                follow += 1
            shown = display(run.value)
            expected = CORRECTED_VALUES.get(path.relative_to(CORPUS).as_posix(), expected)
            if shown != expected.strip():
                problems.append(f"value {shown!r}, documented {expected.strip()!r}")
    name = path.relative_to(CORPUS).as_posix()
    for text in "".join(run.output).splitlines():
        match = SELF_CHECK.search(text)
        if not match:
            continue
        label = text.partition(":")[0].strip()
        documented = WRONG_DOCUMENTATION.get((name, label), _clean(match.group(2)))
        if not _same(_clean(match.group(1)), documented):
            problems.append(f"self-check failed: {text.strip()}")
    return problems


def _in_scope() -> list[Any]:
    """One parameter per in-scope script; a known failure is a strict ``xfail`` (fixing it
    fails the test until its entry goes); without ``../shared``, one skipped parameter."""
    names = [path.relative_to(CORPUS).as_posix() for path in scripts()]
    if not names:
        return [pytest.param(None, marks=pytest.mark.skip(reason=NO_CORPUS), id="missing")]
    return [
        pytest.param(
            name,
            marks=[pytest.mark.xfail(strict=True, reason=KNOWN_FAILURES[name])]
            if name in KNOWN_FAILURES
            else [],
            id=name,
        )
        for name in names
        if name not in EXCLUDED
    ]


@pytest.mark.parametrize("name", _in_scope())
def test_script_conforms(name: str) -> None:
    problems = check(CORPUS / name)
    assert not problems, f"{name}:\n  " + "\n  ".join(problems)


@pytest.mark.parametrize("name", sorted(ILL_TYPED))
def test_ill_typed_script_is_refused_by_a_strict_compile(name: str) -> None:
    if not CORPUS.is_dir():
        pytest.skip(NO_CORPUS)
    with pytest.raises(FusabiError, match=re.escape(ILL_TYPED[name])):
        compile_program_file(CORPUS / name)


@pytest.mark.parametrize("name", sorted(EXCLUDED.keys() | KNOWN_FAILURES.keys()))
def test_exclusions_are_real_files(name: str) -> None:
    if not CORPUS.is_dir():
        pytest.skip(NO_CORPUS)
    assert (CORPUS / name).is_file()
    assert not (name in EXCLUDED and name in KNOWN_FAILURES), "excluded or failing, not both"


def test_the_repl_runs_with_a_scripted_stdin() -> None:
    if not CORPUS.is_dir():
        pytest.skip(NO_CORPUS)
    typed = [":help", "", "1 + 2", 'let greeting = "hi"', ":v", ":bogus", ":q", "never read"]
    run = Run(CORPUS / "examples" / "repl.fsx", stdin=typed)
    assert run.error is None, run.error
    output = "".join(run.output)
    assert output.startswith("=========================================\n  Fusabi REPL v0.1.0")
    assert "Available Commands:" in output  # :help
    assert "\n3\n" in output  # 1 + 2, evaluated by Script.evalToString
    assert "Fusabi REPL Version: 0.1.0" in output  # :v
    assert "Unknown command. Type :help for available commands." in output
    assert output.rstrip().endswith("Thank you for using Fusabi REPL!\nGoodbye!")
    assert output.count("> ") == 7  # one prompt a line read, up to :q


@pytest.mark.parametrize("name", ["examples/commander.fsx", "examples/commander/main.fsx"])
def test_commander_runs_without_a_terminal_provider_up_to_its_own_bug(name: str) -> None:
    # TerminalInfo/TerminalControl give upstream's fallbacks (no terminal provider here); the
    # script then fails where upstream fails too: it matches `List.tail xs` (a list, upstream
    # and F# alike) against Some/None
    if not CORPUS.is_dir():
        pytest.skip(NO_CORPUS)
    run = Run(CORPUS / name, stdin=["j", "k", "q"])
    output = "".join(run.output)
    assert "Starting Commander TUI...\n\nTerminal size: 0 cols x 0 rows\n" in output
    assert run.error is not None
    assert "MatchFailureException" in run.error and "line 23" in run.error
