"""F#'s ``nameof`` (the name of a defined value, checked at compile time) and ``box``/``unbox``
(a value as ``obj``, checked where it is used)."""

from __future__ import annotations

import pytest

from fusabi_host import CompileError, run_source

CASES = [
    ("let answer = 42 in nameof answer", "answer"),
    ("nameof List.map", "map"),
    ('let describe x = sprintf "%s = %d" (nameof x) x in describe 3', "x = 3"),
    ('let xs = [box 1; box "a"; box 2.5] in List.length xs', 3),
    ("let o = box 3 in (unbox o) + 1", 4),
    ('let o = box "s" in String.length (unbox o)', 1),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[t for t, _ in CASES])
def test_nameof_and_box(text: str, expected: object) -> None:
    assert run_source(text) == expected


def test_nameof_names_only_what_is_defined() -> None:
    with pytest.raises(CompileError, match="'nothere' is not defined"):
        run_source("nameof nothere")
