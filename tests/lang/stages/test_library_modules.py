"""The library's modules are built once per process and shared by every lowering: a script
that declares modules, types, exceptions and values with the library's names, opens
library modules or shadows them gets its own, and the shared ones stay as they were."""

from __future__ import annotations

import pytest

from fusabi_host import CompileError
from fusabi_host.lang.compiler import compile_program
from fusabi_host.lang.lower import Module, _stdlib_modules
from fusabi_host.lang.program import Program

SHADOWING = """
module List =
    let extra = 42
    type Box = { Value: int }

module String =
    let length (s: string) = -1

exception Map of string

type Set = Empty | Full of int

open List
open System

let fromList = extra + List.extra
let check = String.length "abc"
"""


def fresh(text: str) -> Program:
    """*text* compiled now (no cached program)."""
    return compile_program(text, "shadow.fsx", cache=False, disk=False)


def fingerprint(module: Module, seen: set[int] | None = None) -> tuple[object, ...]:
    """Everything a module holds, by name, its sub-modules included."""
    seen = set() if seen is None else seen
    if id(module) in seen:
        return (module.name,)
    seen.add(id(module))
    return (
        module.name,
        tuple(sorted((name, id(value)) for name, value in module.values.items())),
        tuple(sorted((name, id(value)) for name, value in module.types.items())),
        tuple(sorted((name, fingerprint(sub, seen)) for name, sub in module.modules.items())),
    )


def library_fingerprint() -> tuple[object, ...]:
    root, modules = _stdlib_modules()
    return (fingerprint(root), tuple(sorted((n, fingerprint(m)) for n, m in modules.items())))


def test_a_script_with_the_library_s_names_leaves_the_shared_modules_alone() -> None:
    before = library_fingerprint()
    instance = fresh(SHADOWING).instantiate()
    assert instance.get("fromList") == 84
    assert instance.get("check") == -1
    assert library_fingerprint() == before


def test_the_next_script_sees_the_library_not_the_last_script_s_modules() -> None:
    fresh(SHADOWING)
    with pytest.raises(CompileError, match="extra"):
        fresh("let y = List.extra\n")
    assert fresh('let n = String.length "abc"\n').instantiate().get("n") == 3
