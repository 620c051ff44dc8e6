"""Run the benchmarks: each algorithm in Fusabi next to plain CPython, under the default limits.

    python benchmarks/run.py [--repeat N] [--only NAME]

Every program runs N times (default 7) after one warm-up, its CPython twin and its four
variants in turn within each round; the table shows median times:

* ``CPython`` -- the same algorithm in plain Python;
* ``Fusabi`` -- the program loaded from source and run under the **default** limits (what
  users run), and its ratio to CPython;
* ``unlimited`` -- the same program under ``Limits.unlimited()``, and ``checks``, the cost of
  the safety checks (default / unlimited);
* ``.fzb`` -- the program compiled to bytecode and loaded back (default limits), and its ratio
  to the source;
* ``dynamic`` -- the same program made ill-typed by one unused line and loaded with
  ``type_check="warn"``, so it runs on the dynamic path with run-time checks (default
  limits), and ``typed``, what the static types save (dynamic / typed).

Then the host-side cost of one ``Instance.call`` of a one-line function.  The budgets (Fusabi
within 2.0x of CPython, bytecode within 1.5x of source) are reported, not enforced.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.programs import BENCHMARKS
from fusabi_host import EngineConfig, Limits, compile_source, fzb, load_bytecode

BUDGET = 2.0
BYTECODE_BUDGET = 1.5
UNTYPED_LINE = '\nlet untypedMarker = [1; "a"]\n'
"""An unused ill-typed binding: the whole unit then runs untyped (``type_check="warn"``)."""


def median_times(funcs: list[Callable[[], object]], repeat: int) -> list[float]:
    """The median time of each of *funcs*, timed in turn within each round (one warm-up
    round first): a slow spell of the machine then weighs on all of them alike, so the
    ratios between them hold even when the absolute times wander.  Each timed call starts
    with the garbage of the one before collected (off the clock), so that each pays for its
    own garbage only: without that, whichever ran after the CPython baseline paid for part of
    the baseline's, up to 40% of its own time."""
    for func in funcs:
        func()  # warm-up
    samples: list[list[float]] = [[] for _ in funcs]
    for _ in range(repeat):
        for func, times in zip(funcs, samples, strict=True):
            gc.collect()
            started = time.perf_counter()
            func()
            times.append(time.perf_counter() - started)
    return [statistics.median(times) for times in samples]


def call_overhead(config: EngineConfig, calls: int = 20_000) -> float:
    """Microseconds per host call of ``let inc x = x + 1`` under *config*."""
    instance = compile_source("let inc x = x + 1").instantiate(config)
    instance.call("inc", 1)
    started = time.perf_counter()
    for i in range(calls):
        instance.call("inc", i)
    return (time.perf_counter() - started) / calls * 1e6


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--only", help="run the benchmarks whose name contains this text")
    args = parser.parse_args()
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 20_000))  # (for the CPython baselines)
    default = EngineConfig()
    unlimited = EngineConfig(limits=Limits.unlimited())
    rows = []
    for name, source, baseline in BENCHMARKS:
        if args.only and args.only not in name:
            continue
        unit = compile_source(source, f"<{name}>")
        source_instance = unit.instantiate(default)
        unlimited_instance = unit.instantiate(unlimited)
        data = fzb.compile_source(source, f"{name}.fsx")
        bytecode_instance = load_bytecode(data, f"{name}.fzb").instantiate(default)
        untyped = compile_source(source + UNTYPED_LINE, f"<{name}>", type_check="warn")
        if untyped.typed or not unit.typed:
            print(f"{name}: expected a typed program and an untyped copy", file=sys.stderr)
            return 1
        expected = baseline()
        instances = (
            ("source", source_instance),
            ("unlimited", unlimited_instance),
            ("bytecode", bytecode_instance),
            ("dynamic", untyped.instantiate(default)),
        )
        for label, instance in instances:
            got = instance.call("main")
            if got != expected:
                print(
                    f"{name} ({label}): Fusabi computed {got}, Python {expected}", file=sys.stderr
                )
                return 1
        runs = [baseline, *(lambda i=instance: i.call("main") for _, instance in instances)]
        python, *times = median_times(runs, args.repeat)
        rows.append((name, python, *times))
        print(
            f"  {name}: python {python * 1000:.1f} ms, fusabi {times[0] * 1000:.1f} ms, "
            f"unlimited {times[1] * 1000:.1f} ms, bytecode {times[2] * 1000:.1f} ms, "
            f"dynamic {times[3] * 1000:.1f} ms",
            file=sys.stderr,
        )
    width = max(len(r[0]) for r in rows)
    print(
        f"{'benchmark':<{width}}  {'CPython':>9}  {'Fusabi':>9}  {'ratio':>5}"
        f"  {'unlimited':>9}  {'checks':>6}  {'.fzb':>9}  {'fzb/src':>7}"
        f"  {'dynamic':>9}  {'typed':>5}"
    )
    for name, python, fusabi, free, bytecode, dynamic in rows:
        ratio = fusabi / python
        bc_ratio = bytecode / fusabi
        flags = ("" if ratio <= BUDGET else "  over budget") + (
            "" if bc_ratio <= BYTECODE_BUDGET else "  bytecode over budget"
        )
        print(
            f"{name:<{width}}  {python * 1000:>7.1f}ms  {fusabi * 1000:>7.1f}ms  {ratio:>5.2f}"
            f"  {free * 1000:>7.1f}ms  {fusabi / free:>6.2f}  {bytecode * 1000:>7.1f}ms"
            f"  {bc_ratio:>7.2f}  {dynamic * 1000:>7.1f}ms  {dynamic / fusabi:>5.2f}{flags}"
        )
    worst = max(r[2] / r[1] for r in rows)
    worst_bc = max(r[4] / r[2] for r in rows)
    print(
        f"worst ratio {worst:.2f} (budget {BUDGET}); bytecode/source {worst_bc:.2f} "
        f"(budget {BYTECODE_BUDGET})"
    )
    print(
        f"host call of a one-line function: {call_overhead(default):.1f} us with the default "
        f"limits, {call_overhead(unlimited):.1f} us unlimited"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
