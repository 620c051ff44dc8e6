"""The benchmark programs compute what their plain-Python twins compute, from source and from
``.fzb`` bytecode, under the default limits: a benchmark whose two sides disagree would
measure two different algorithms (``make bench`` checks the same, and this keeps it true in
``make test``)."""

from __future__ import annotations

import sys
from collections.abc import Callable

import pytest

import fusabi_host
from benchmarks.programs import BENCHMARKS
from fusabi_host import fzb


@pytest.mark.parametrize(
    ("source", "baseline"),
    [pytest.param(source, baseline, id=name) for name, source, baseline in BENCHMARKS],
)
def test_a_benchmark_computes_what_its_python_twin_computes(
    source: str, baseline: Callable[[], int]
) -> None:
    saved = sys.getrecursionlimit()
    sys.setrecursionlimit(max(saved, 20_000))  # (the twins recurse as the programs do)
    try:
        expected = baseline()
    finally:
        sys.setrecursionlimit(saved)
    unit = fusabi_host.compile_source(source)
    assert unit.typed
    assert unit.instantiate().call("main") == expected
    data = fzb.compile_source(source, "benchmark.fsx")
    assert fusabi_host.load_bytecode(data, "benchmark.fzb").instantiate().call("main") == expected
