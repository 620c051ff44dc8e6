"""Helpers for tests that compile a small F# program and compare what it prints: the program
is dedented, compiled (strict unless told otherwise) and run with its output captured."""

from __future__ import annotations

import textwrap
from typing import Any

import pytest

import fusabi_host

__all__ = ["DYNAMIC_MARKER", "case", "output", "src"]

DYNAMIC_MARKER = 'let dynamicMarker = [1; "a"]\n'
"""An unused ill-typed line: prepended to a program compiled with ``type_check="warn"``, it
puts the whole unit on the dynamic path."""


def src(text: str) -> str:
    """*text* dedented, without blank lines around it, ending in one newline."""
    return textwrap.dedent(text).strip("\n") + "\n"


def output(text: str, type_check: str = "strict") -> str:
    """What the program prints, compiled with *type_check*."""
    out: list[str] = []
    unit = fusabi_host.compile_source(src(text), type_check=type_check)
    unit.instantiate(stdout=out.append)
    return "".join(out)


def case(name: str, text: str, expected: str) -> Any:
    """One ``(text, expected)`` parameter, named *name*."""
    return pytest.param(text, expected, id=name)
