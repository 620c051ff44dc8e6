"""The ``Seq`` module: any collection in, Fusabi lists out, F# semantics."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fusabi_host.errors import LimitExceeded
from fusabi_host.lang import lazyseq
from fusabi_host.lang.context import Context
from fusabi_host.lang.guard import RunLimits
from fusabi_host.lang.stdlib import seq_module
from fusabi_host.lang.stdlib.registry import REGISTRY
from fusabi_host.lang.values import (
    NIL,
    NONE,
    Char,
    FusabiException,
    FzArray,
    FzMap,
    FzSeq,
    FzSet,
    make_some,
    to_pylist,
)
from tests.stdlib.helpers import L, call, curry2, fails, top_level_arrows

assert seq_module.KIND == "sequence"
EMPTY = "The input sequence was empty."


def py(xs: Any) -> list[Any]:
    """The elements of a Seq result (a lazy sequence, enumerated now, or a list)."""
    if type(xs) is FzSeq:
        return list(lazyseq.enumerate_items(xs))
    assert xs is NIL or type(xs) is list, f"Seq functions return seqs, got {xs!r}"
    return to_pylist(xs)


@pytest.mark.parametrize("name", sorted(n for n in REGISTRY if n.startswith("Seq.")))
def test_signature_arity_matches(name: str) -> None:
    entry = REGISTRY[name]
    assert entry.arity == top_level_arrows(entry.signature), entry.signature


SOURCES = [
    pytest.param(L(3, 1, 2), [3, 1, 2], id="list"),
    pytest.param(FzArray([3, 1, 2]), [3, 1, 2], id="array"),
    pytest.param(FzSet.of([3, 1, 2]), [1, 2, 3], id="set"),
    pytest.param(FzMap.of_pairs([("b", 2), ("a", 1)]), [("a", 1), ("b", 2)], id="map-as-pairs"),
    pytest.param("hé!", [Char("h"), Char("é"), Char("!")], id="string-as-chars"),
    pytest.param(NIL, [], id="empty"),
]


@pytest.mark.parametrize(("source", "items"), SOURCES)
def test_any_collection_is_a_sequence(source: Any, items: list[Any]) -> None:
    assert py(call("Seq.map", lambda x: x, source)) == items
    assert py(call("Seq.toList", source)) == items
    assert list(call("Seq.toArray", source)) == items
    assert call("Seq.length", source) == len(items)
    assert call("Seq.isEmpty", source) is (not items)
    assert py(call("Seq.rev", source)) == items[::-1]
    assert py(call("Seq.indexed", source)) == list(enumerate(items))
    assert call("Seq.fold", curry2(lambda n, _: n + 1), 0, source) == len(items)
    assert call("Seq.tryHead", source) == (make_some(items[0]) if items else NONE)


def test_string_items_are_chars() -> None:
    chars = py(call("Seq.filter", lambda c: c != "b", "abc"))
    assert chars == ["a", "c"] and all(type(c) is Char for c in chars)


def test_not_a_sequence() -> None:
    fails("ArgumentException", None, "Seq.length", 42)


def test_conversions() -> None:
    xs = L(1, 2)
    assert call("Seq.ofList", xs) is xs
    assert call("Seq.toList", xs) is xs
    assert py(call("Seq.ofArray", FzArray([1, 2]))) == [1, 2]
    assert call("Seq.empty") is NIL
    assert py(call("Seq.singleton", 1)) == [1]


def test_init_replicate() -> None:
    ctx = Context(max_collection_size=3)
    assert py(call("Seq.init", ctx, 3, lambda i: -i)) == [0, -1, -2]
    assert py(call("Seq.replicate", ctx, 2, "a")) == ["a", "a"]
    fails("ArgumentException", "The input must be non-negative.", "Seq.init", ctx, -1, abs)
    # lazy: a large count costs nothing until the sequence is materialised
    assert py(call("Seq.take", 2, call("Seq.init", ctx, 10**12, abs))) == [0, 1]
    with pytest.raises(LimitExceeded), RunLimits(max_collection_size=3).guard():
        call("Seq.toList", call("Seq.replicate", ctx, 4, 0))


def test_append_concat_collect() -> None:
    assert py(call("Seq.append", FzArray([1]), L(2))) == [1, 2]
    assert py(call("Seq.concat", L(L(1), FzArray([2]), FzSet.of([3])))) == [1, 2, 3]
    assert py(call("Seq.collect", lambda x: FzArray([x, x]), L(1, 2))) == [1, 1, 2, 2]


def test_head_last_item() -> None:
    array = FzArray([1, 2, 3])
    assert call("Seq.head", array) == 1
    assert call("Seq.last", array) == 3
    assert call("Seq.tryLast", NIL) == NONE
    fails("ArgumentException", EMPTY, "Seq.head", FzArray())
    fails("ArgumentException", EMPTY, "Seq.last", "")
    assert call("Seq.item", 1, array) == 2
    fails("ArgumentException", None, "Seq.item", 3, array)
    fails("ArgumentException", None, "Seq.item", -1, array)
    assert call("Seq.tryItem", 3, array) == NONE
    assert call("Seq.exactlyOne", FzSet.of([1])) == 1
    fails("ArgumentException", EMPTY, "Seq.exactlyOne", NIL)
    fails(
        "ArgumentException",
        "The input sequence contains more than one element.",
        "Seq.exactlyOne",
        array,
    )
    assert call("Seq.tryExactlyOne", array) == NONE


def test_zip_family_stops_at_the_shorter() -> None:
    assert py(call("Seq.zip", L(1, 2, 3), FzArray(["a"]))) == [(1, "a")]
    assert py(call("Seq.zip3", L(1, 2), L(3, 4), L(5))) == [(1, 3, 5)]
    assert py(call("Seq.map2", curry2(lambda a, b: a + b), L(1, 2), L(10))) == [11]
    seen: list[Any] = []
    call("Seq.iter2", curry2(lambda a, b: seen.append((a, b))), L(1), L(2, 3))
    assert seen == [(1, 2)]
    assert call("Seq.forall2", curry2(lambda a, b: a == b), L(1, 2), L(1)) is True
    assert call("Seq.exists2", curry2(lambda a, b: a != b), L(1, 2), L(1)) is False


def test_take_skip() -> None:
    xs = L(1, 2, 3)
    assert py(call("Seq.take", 2, xs)) == [1, 2]
    not_enough = "The input sequence has an insufficient number of elements."
    with pytest.raises(FusabiException) as info:  # (at enumeration, as in F#)
        py(call("Seq.take", 4, xs))
    assert info.value.value[1] == not_enough
    assert py(call("Seq.skip", 2, xs)) == [3]
    with pytest.raises(FusabiException) as info:
        py(call("Seq.skip", 4, xs))
    assert info.value.value[1] == not_enough
    assert py(call("Seq.truncate", 5, xs)) == [1, 2, 3]
    assert py(call("Seq.takeWhile", lambda x: x < 3, xs)) == [1, 2]
    assert py(call("Seq.skipWhile", lambda x: x < 3, xs)) == [3]


def test_searching() -> None:
    xs = FzArray([1, 2, 3])
    assert call("Seq.exists", lambda x: x > 2, xs) is True
    assert call("Seq.forall", lambda x: x > 2, xs) is False
    assert call("Seq.contains", ("a", 1), FzMap.of_pairs([("a", 1)])) is True
    assert call("Seq.find", lambda x: x > 1, xs) == 2
    assert call("Seq.tryFind", lambda x: x > 5, xs) == NONE
    assert call("Seq.findIndex", lambda x: x > 1, xs) == 1
    assert call("Seq.tryFindIndex", lambda x: x > 5, xs) == NONE
    fails("KeyNotFoundException", None, "Seq.find", lambda x: False, xs)
    fails("KeyNotFoundException", None, "Seq.findIndex", lambda x: False, xs)
    chooser = lambda x: make_some(x) if x > 1 else NONE  # noqa: E731
    assert call("Seq.pick", chooser, xs) == 2
    assert call("Seq.tryPick", chooser, L(1)) == NONE
    fails("KeyNotFoundException", None, "Seq.pick", chooser, L(1))
    assert py(call("Seq.choose", chooser, xs)) == [2, 3]


def test_grouping_and_shapes() -> None:
    ctx = Context()
    groups = call("Seq.groupBy", len, L("a", "bb", "c"))
    assert [(k, py(v)) for k, v in py(groups)] == [(1, ["a", "c"]), (2, ["bb"])]
    assert py(call("Seq.countBy", lambda x: x % 2, L(1, 2, 3))) == [(1, 2), (0, 1)]
    assert py(call("Seq.distinct", "abca")) == ["a", "b", "c"]
    assert py(call("Seq.distinctBy", abs, L(1, -1))) == [1]
    assert py(call("Seq.pairwise", L(1, 2, 3))) == [(1, 2), (2, 3)]
    windows = py(call("Seq.windowed", ctx, 2, L(1, 2, 3)))
    assert all(type(w) is FzArray for w in windows)
    assert [list(w) for w in windows] == [[1, 2], [2, 3]]
    assert [list(c) for c in py(call("Seq.chunkBySize", 2, L(1, 2, 3)))] == [[1, 2], [3]]
    assert py(call("Seq.allPairs", ctx, L(1), "ab")) == [(1, "a"), (1, "b")]
    fails("ArgumentException", "The input must be positive.", "Seq.windowed", ctx, 0, L(1))


def test_folding_and_numbers() -> None:
    xs = FzSet.of([3, 1, 2])
    assert call("Seq.reduce", curry2(lambda a, b: a * 10 + b), xs) == 123
    fails("ArgumentException", EMPTY, "Seq.reduce", curry2(max), NIL)
    assert call("Seq.foldBack", curry2(lambda x, s: s * 10 + x), xs, 0) == 321
    assert py(call("Seq.scan", curry2(lambda s, x: s + x), 0, xs)) == [0, 1, 3, 6]
    assert call("Seq.sum", xs) == 6
    assert call("Seq.sum", FzArray([2**63 - 1, 2])) == -(2**63) + 1
    assert call("Seq.sumBy", lambda kv: kv[1], FzMap.of_pairs([("a", 1), ("b", 2)])) == 3
    assert call("Seq.average", FzArray([1.0, 2.0])) == 1.5
    assert call("Seq.averageBy", float, xs) == 2.0
    fails("ArgumentException", EMPTY, "Seq.average", NIL)
    assert call("Seq.max", "abc") == "c"
    assert call("Seq.min", xs) == 1
    assert call("Seq.maxBy", lambda x: -x, xs) == 1
    assert call("Seq.minBy", lambda x: -x, xs) == 3
    fails("ArgumentException", EMPTY, "Seq.max", NIL)


def test_sorting() -> None:
    xs = FzArray([(1, "b"), (0, "a"), (1, "a")])
    assert py(call("Seq.sort", xs)) == [(0, "a"), (1, "a"), (1, "b")]
    assert py(call("Seq.sortBy", lambda p: p[0], xs)) == [(0, "a"), (1, "b"), (1, "a")]
    assert py(call("Seq.sortDescending", L(1, 3, 2))) == [3, 2, 1]
    assert py(call("Seq.sortByDescending", lambda p: p[0], xs)) == [(1, "b"), (1, "a"), (0, "a")]
    assert py(call("Seq.sortWith", curry2(lambda a, b: b - a), L(1, 3, 2))) == [3, 2, 1]


def test_map_family_and_iteration() -> None:
    seen: list[Any] = []
    call("Seq.iter", seen.append, FzSet.of([2, 1]))
    call("Seq.iteri", curry2(lambda i, x: seen.append((i, x))), "z")
    assert seen == [1, 2, (0, "z")]
    assert py(call("Seq.mapi", curry2(lambda i, x: i * x), L(5, 5))) == [0, 5]
    assert py(call("Seq.where", lambda x: x > 1, L(1, 2))) == [2]


@given(st.lists(st.integers(-4, 4), max_size=25))
def test_matches_python(xs: list[int]) -> None:
    array = FzArray(xs)
    assert py(call("Seq.sort", array)) == sorted(xs)
    assert py(call("Seq.distinct", array)) == list(dict.fromkeys(xs))
    assert py(call("Seq.filter", lambda x: x > 0, array)) == [x for x in xs if x > 0]
    assert call("Seq.sum", array) == sum(xs)
