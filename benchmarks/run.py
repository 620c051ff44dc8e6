"""Run the benchmarks: each algorithm in Fusabi (source and bytecode) next to plain CPython.

    python benchmarks/run.py [--repeat N] [--only NAME]

Every program runs N times (default 7) after one warm-up; the table shows the median times and
the ratio Fusabi / CPython for the program loaded from source, and the same program compiled to
``.fzb`` bytecode and loaded back (ratio bytecode / source).  The budgets: Fusabi within 3.0x of
CPython (aim: 1.5), bytecode within 1.5x of source.
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

BUDGET = 3.0
BYTECODE_BUDGET = 1.5


def median_time(func: Callable[[], object], repeat: int) -> float:
    gc.collect()  # (garbage from the previous benchmark must not be collected on our clock)
    func()  # warm-up
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        func()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--only", help="run the benchmarks whose name contains this text")
    args = parser.parse_args()
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 20_000))
    config = EngineConfig(limits=Limits.unlimited())
    rows = []
    for name, source, baseline in BENCHMARKS:
        if args.only and args.only not in name:
            continue
        source_instance = compile_source(source, f"<{name}>").instantiate(config)
        data = fzb.compile_source(source, f"{name}.fsx")
        bytecode_instance = load_bytecode(data, f"{name}.fzb").instantiate(config)
        expected = baseline()
        for label, instance in (("source", source_instance), ("bytecode", bytecode_instance)):
            got = instance.call("main")
            if got != expected:
                print(
                    f"{name} ({label}): Fusabi computed {got}, Python {expected}", file=sys.stderr
                )
                return 1
        python = median_time(baseline, args.repeat)
        fusabi = median_time(lambda i=source_instance: i.call("main"), args.repeat)
        bytecode = median_time(lambda i=bytecode_instance: i.call("main"), args.repeat)
        rows.append((name, python, fusabi, bytecode))
        print(
            f"  {name}: python {python * 1000:.1f} ms, fusabi {fusabi * 1000:.1f} ms, "
            f"bytecode {bytecode * 1000:.1f} ms",
            file=sys.stderr,
        )
    width = max(len(r[0]) for r in rows)
    print(
        f"{'benchmark':<{width}}  {'CPython':>10}  {'Fusabi':>10}  {'ratio':>6}"
        f"  {'.fzb':>10}  {'fzb/src':>7}"
    )
    for name, python, fusabi, bytecode in rows:
        ratio = fusabi / python
        bc_ratio = bytecode / fusabi
        flags = ("" if ratio <= BUDGET else "  over budget") + (
            "" if bc_ratio <= BYTECODE_BUDGET else "  bytecode over budget"
        )
        print(
            f"{name:<{width}}  {python * 1000:>8.1f}ms  {fusabi * 1000:>8.1f}ms  {ratio:>6.2f}"
            f"  {bytecode * 1000:>8.1f}ms  {bc_ratio:>7.2f}{flags}"
        )
    worst = max(f / p for _, p, f, _ in rows)
    worst_bc = max(b / f for _, _, f, b in rows)
    print(
        f"worst ratio {worst:.2f} (budget {BUDGET}); bytecode/source {worst_bc:.2f} "
        f"(budget {BYTECODE_BUDGET})"
    )
    return 0 if worst <= BUDGET and worst_bc <= BYTECODE_BUDGET else 1


if __name__ == "__main__":
    sys.exit(main())
