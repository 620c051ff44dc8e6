"""Every ```python block of README.md runs, from the repository root, and prints what the
README says it prints.

A block shows its output in ``# -> ...`` comments, one per printed line, right after the
statement that prints it; the block's whole standard output must be exactly those lines.
"""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
README = REPO / "README.md"

FENCE = re.compile(r"^```python\n(.*?)^```$", re.MULTILINE | re.DOTALL)
SHOWN = re.compile(r"^\s*# -> (.*)$", re.MULTILINE)


def python_blocks() -> list[str]:
    return FENCE.findall(README.read_text(encoding="utf-8"))


BLOCKS = python_blocks()


def test_the_readme_has_python_examples() -> None:
    assert len(BLOCKS) >= 2
    assert all(SHOWN.search(block) for block in BLOCKS), "every example shows its output"


def test_quick_start_is_two_commands() -> None:
    text = README.read_text(encoding="utf-8")
    quick = text.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"^```sh\n(.*?)^```$", quick, re.MULTILINE | re.DOTALL)
    assert [line.split("#")[0].strip() for line in commands[0].splitlines()] == [
        "make demo",
        "make test",
    ]


@pytest.mark.parametrize("source", BLOCKS, ids=[f"block{i + 1}" for i in range(len(BLOCKS))])
def test_python_block_runs_and_prints_what_it_shows(
    source: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(REPO)
    # padded so that tracebacks point at the block's lines in README.md
    text = README.read_text(encoding="utf-8")
    lines_before = text[: text.index(source)].count("\n")
    code = compile("\n" * lines_before + source, str(README), "exec")
    namespace: dict[str, object] = {"__name__": "__readme__"}
    output = io.StringIO()
    with contextlib.redirect_stdout(output):
        exec(code, namespace)
    assert output.getvalue().splitlines() == SHOWN.findall(source)
