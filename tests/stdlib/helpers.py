"""Helpers shared by the standard library tests: calling builtins directly, building Fusabi
lists, currying Python functions, and checking signatures and Fusabi exceptions."""

from __future__ import annotations

from typing import Any

import pytest

from fusabi_host.lang.stdlib.registry import REGISTRY
from fusabi_host.lang.values import FusabiException, from_iterable, to_pylist


def call(name: str, *args: Any) -> Any:
    entry = REGISTRY[name]
    if entry.is_value:
        return entry.func()
    return entry.func(*args)


def call_upstream(name: str, *args: Any) -> Any:
    """Call upstream's form of *name*, where it differs from F#'s (``upstream_form``)."""
    form = REGISTRY[name].upstream
    assert form is not None, f"{name} has no upstream form"
    return form.func(*args)


def L(*items: Any) -> Any:
    return from_iterable(items)


def py(xs: Any) -> list[Any]:
    return to_pylist(xs)


def curry2(f: Any) -> Any:
    return lambda a: lambda b: f(a, b)


def curry3(f: Any) -> Any:
    return lambda a: lambda b: lambda c: f(a, b, c)


def fails(kind: str, message: str | None, name: str, *args: Any) -> None:
    with pytest.raises(FusabiException) as info:
        call(name, *args)
    value: Any = info.value.value
    tag, text = value
    assert tag.name == kind
    if message is not None:
        assert text == message


def top_level_arrows(signature: str) -> int:
    depth = 0
    count = 0
    for i, ch in enumerate(signature):
        if ch in "(<":
            depth += 1
        elif ch in ")>" and signature[i - 1] != "-":
            depth -= 1
        elif ch == "-" and signature[i + 1] == ">" and depth == 0:
            count += 1
    return count
