"""Compiling and running a test program from source, for tests that look at the generated
Python and at what ``main`` computes under given limits."""

from __future__ import annotations

import fusabi_host
from fusabi_host import EngineConfig, Limits


def python_of(text: str) -> str:
    """The Python code generated for *text*."""
    return fusabi_host.compile_source(text).program.python_source()


def run_main(text: str, **limits: object) -> object:
    """``main ()`` of *text*, run under ``Limits(**limits)``."""
    unit = fusabi_host.compile_source(text)
    instance = unit.instantiate(EngineConfig(limits=Limits(**limits)))  # type: ignore[arg-type]
    return instance.call("main", None)
