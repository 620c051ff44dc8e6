"""The library's part of the loops the code generator writes in place of a call.

``Array.map (fun x -> ...) xs`` and its kin, called with a lambda literal, compile to a loop
in the caller (see ``CodeGen.inline_loop``): the lambda's body runs once per element with
no call.  What the library function does besides calling its callback, the generated loop
does through these helpers, in the same order: refuse a bad or too large count and reserve
the result before the loop, charge the run for the elements built, and make the result.
"""

from __future__ import annotations

from typing import Any

from fusabi_host.lang import guard
from fusabi_host.lang.context import Context
from fusabi_host.lang.stdlib import collections_util as cu
from fusabi_host.lang.values import FzArray, from_iterable

__all__ = ["init_count", "list_of_mapped", "list_of_results", "mapped_array_start"]


def _charge(count: int) -> None:
    """Charge *count* elements built, as the library's callback loops charge them (one
    :data:`~fusabi_host.lang.stdlib.collections_util.BATCH` per full batch)."""
    if count >= cu.BATCH:
        guard.spend(count - count % cu.BATCH)


def init_count(ctx: Context, count: int, kind: str) -> range:
    """The indices ``Array.init``/``List.init`` (*kind* ``"array"``/``"list"``) visit, after
    the checks and the reservation it makes."""
    cu.check_count(count)
    ctx.check_size(count, kind)
    cu.reserve(kind, count)
    _charge(count)
    return range(count)


_ARRAY_SLOT_BYTES = cu.element_bytes("array")


def mapped_array_start(source: FzArray) -> FzArray:
    """*source*, after the reservation ``Array.map`` makes for its result (``cu.reserve``'s,
    with a frame less: it runs once per mapped array)."""
    count = len(source)
    guard.reserve_items(count, "array", _ARRAY_SLOT_BYTES)
    _charge(count)
    return source


def list_of_results(items: list[Any]) -> Any:
    """The list ``List.init`` makes of its results (reserved before its loop)."""
    return from_iterable(items)


def list_of_mapped(items: list[Any]) -> Any:
    """The list ``List.map`` makes of its results, charged and reserved as it does."""
    _charge(len(items))
    return cu.fz_list(items)
