"""The ``List`` module: REF functions, F# additions, errors, long lists and properties."""

from __future__ import annotations

import math
import time
from collections import Counter
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fusabi_host.errors import LimitExceeded
from fusabi_host.lang.context import Context
from fusabi_host.lang.stdlib import list_module
from fusabi_host.lang.stdlib.registry import REGISTRY
from fusabi_host.lang.values import (
    NIL,
    NONE,
    Char,
    FzArray,
    FzMap,
    FzSet,
    from_iterable,
    make_some,
)
from tests.stdlib.helpers import (
    L,
    call,
    call_upstream,
    curry2,
    curry3,
    fails,
    py,
    top_level_arrows,
)

assert list_module.KIND == "list"
INT_MIN, INT_MAX = -(2**63), 2**63 - 1


EMPTY = "The input list was empty."
NOT_FOUND = "An index satisfying the predicate was not found in the collection."


@pytest.mark.parametrize("name", sorted(n for n in REGISTRY if n.startswith("List.")))
def test_signature_arity_matches(name: str) -> None:
    entry = REGISTRY[name]
    assert entry.arity == top_level_arrows(entry.signature), entry.signature
    assert entry.signature.count("(") == entry.signature.count(")")


# --------------------------------------------------------------------------- REF functions


def test_ref_basics() -> None:
    xs = L(1, 2, 3)
    assert call("List.length", xs) == 3
    assert call("List.length", NIL) == 0
    assert call("List.head", xs) == 1
    assert py(call("List.tail", xs)) == [2, 3]
    assert py(call("List.reverse", xs)) == [3, 2, 1]
    assert call("List.reverse", NIL) is NIL
    assert call("List.isEmpty", NIL) is True
    assert call("List.isEmpty", xs) is False


@pytest.mark.parametrize("name", ["List.head", "List.tail", "List.last", "List.reduce"])
def test_empty_list_errors(name: str) -> None:
    args = (curry2(lambda a, b: a),) if name == "List.reduce" else ()
    fails("ArgumentException", EMPTY, name, *args, NIL)


def test_append_shares_the_second_list() -> None:
    second = L(3, 4)
    joined = call("List.append", L(1, 2), second)
    assert py(joined) == [1, 2, 3, 4]
    assert joined[1][1] is second
    assert call("List.append", NIL, second) is second
    assert py(call("List.append", L(1), NIL)) == [1]


def test_concat() -> None:
    assert py(call("List.concat", L(L(1), NIL, L(2, 3)))) == [1, 2, 3]
    assert call("List.concat", NIL) is NIL


def test_map_mapi_iter_order() -> None:
    assert py(call("List.map", lambda x: x * 10, L(1, 2))) == [10, 20]
    assert py(call("List.mapi", curry2(lambda i, x: (i, x)), L("a", "b"))) == [(0, "a"), (1, "b")]
    seen: list[Any] = []
    assert call("List.iter", seen.append, L(1, 2, 3)) is None
    assert seen == [1, 2, 3]
    call("List.iteri", curry2(lambda i, x: seen.append((i, x))), L("z"))
    assert seen[-1] == (0, "z")


def test_filter_fold_exists() -> None:
    assert py(call("List.filter", lambda x: x % 2 == 0, L(1, 2, 3, 4))) == [2, 4]
    assert call("List.fold", curry2(lambda acc, x: acc * 10 + x), 0, L(1, 2, 3)) == 123
    assert call("List.fold", curry2(lambda acc, x: acc + x), 7, NIL) == 7
    calls: list[Any] = []

    def probe(x: int) -> bool:
        calls.append(x)
        return x == 2

    assert call("List.exists", probe, L(1, 2, 3)) is True
    assert calls == [1, 2]
    assert call("List.exists", probe, NIL) is False


def test_find_try_find() -> None:
    assert call("List.find", lambda x: x > 1, L(1, 2, 3)) == 2
    fails("KeyNotFoundException", NOT_FOUND, "List.find", lambda x: x > 5, L(1, 2))
    assert call("List.tryFind", lambda x: x > 1, L(1, 2, 3)) == make_some(2)
    assert call("List.tryFind", lambda x: x > 5, L(1)) == NONE


def test_upstream_nth_is_index_first_and_total() -> None:
    xs = L("a", "b")
    assert call_upstream("List.nth", 0, xs) == make_some("a")
    assert call_upstream("List.nth", 1, xs) == make_some("b")
    assert call_upstream("List.nth", 2, xs) == NONE
    assert call_upstream("List.nth", -1, xs) == NONE
    assert call_upstream("List.nth", 0, NIL) == NONE


def test_fsharp_nth_is_list_first_and_fails_out_of_range() -> None:
    xs = L("a", "b")
    assert call("List.nth", xs, 1) == "b"
    fails(
        "ArgumentException",
        "The index was outside the range of elements in the list.",
        "List.nth",
        xs,
        2,
    )


# --------------------------------------------------------------------------- numbers


def test_sum_wraps_like_int64() -> None:
    assert call("List.sum", L(INT_MAX, 1)) == INT_MIN
    assert call("List.sum", L(INT_MIN, -1)) == INT_MAX
    assert call("List.sum", L(1, 2, 3)) == 6
    assert call("List.sum", NIL) == 0
    assert call("List.sumBy", lambda x: x * 2, L(1, 2)) == 6


def test_sum_of_floats_is_left_to_right() -> None:
    total = call("List.sum", L(1e100, 1.0, -1e100))
    assert total == 0.0  # no compensated summation
    assert call("List.sum", L(0.1, 0.2)) == 0.1 + 0.2
    assert call("List.sumBy", lambda x: x / 2, L(1, 2)) == 1.5


def test_sum_rejects_non_numbers() -> None:
    fails("NotSupportedException", None, "List.sum", L("a", "b"))


def test_average() -> None:
    assert call("List.average", L(1.0, 2.0, 4.5)) == 2.5
    assert call("List.averageBy", float, L(1, 2)) == 1.5
    fails("ArgumentException", EMPTY, "List.average", NIL)
    fails("ArgumentException", EMPTY, "List.averageBy", float, NIL)


def test_max_min() -> None:
    assert call("List.max", L(3, 9, 2)) == 9
    assert call("List.min", L(3, 9, 2)) == 2
    assert call("List.max", L("b", "ä", "a")) == "ä"
    assert call("List.max", L((1, "b"), (2, "a"))) == (2, "a")
    assert call("List.min", L(make_some(1), NONE)) == NONE
    fails("ArgumentException", EMPTY, "List.max", NIL)
    fails("ArgumentException", EMPTY, "List.min", NIL)


def test_max_min_with_nan_follow_ieee_greater_than() -> None:
    assert call("List.max", L(1.0, math.nan, 2.0)) == 2.0
    assert math.isnan(call("List.max", L(math.nan, 1.0)))


def test_max_by_min_by_keep_the_first() -> None:
    pairs = L((1, "a"), (3, "b"), (3, "c"), (0, "d"), (0, "e"))
    assert call("List.maxBy", lambda p: p[0], pairs) == (3, "b")
    assert call("List.minBy", lambda p: p[0], pairs) == (0, "d")
    fails("ArgumentException", EMPTY, "List.maxBy", lambda p: p, NIL)


def test_compare_failure_is_a_fusabi_exception() -> None:
    fails("ArgumentException", None, "List.sort", L(len, print))


# --------------------------------------------------------------------------- sorting


def test_sort_structural() -> None:
    assert py(call("List.sort", L(3, 1, 2))) == [1, 2, 3]
    assert py(call("List.sort", L("b", "B", "a"))) == ["B", "a", "b"]
    assert py(call("List.sort", L(Char("b"), Char("a")))) == ["a", "b"]
    assert py(call("List.sort", L(make_some(2), NONE, make_some(1)))) == [
        NONE,
        make_some(1),
        make_some(2),
    ]
    assert py(call("List.sort", L(L(1, 2), L(1), NIL))) == [NIL, L(1), L(1, 2)]
    assert py(call("List.sort", L(FzArray([1, 2]), FzArray([3])))) == [
        FzArray([3]),
        FzArray([1, 2]),
    ]


def test_sort_puts_nan_first() -> None:
    result = py(call("List.sort", L(2.0, math.nan, -1.0)))
    assert math.isnan(result[0])
    assert result[1:] == [-1.0, 2.0]


def test_sort_by_is_stable_both_ways() -> None:
    xs = L((1, "a"), (0, "b"), (1, "c"), (0, "d"))
    first = lambda p: p[0]  # noqa: E731
    assert py(call("List.sortBy", first, xs)) == [(0, "b"), (0, "d"), (1, "a"), (1, "c")]
    assert py(call("List.sortByDescending", first, xs)) == [
        (1, "a"),
        (1, "c"),
        (0, "b"),
        (0, "d"),
    ]
    assert py(call("List.sortDescending", L(1, 3, 2))) == [3, 2, 1]


def test_sort_by_unit_keys() -> None:
    assert py(call("List.sortBy", lambda _: None, L(2, 1))) == [2, 1]


def test_sort_with_comparer() -> None:
    by_length = curry2(lambda a, b: len(a) - len(b))
    assert py(call("List.sortWith", by_length, L("ccc", "a", "bb", "d"))) == [
        "a",
        "d",
        "bb",
        "ccc",
    ]


# --------------------------------------------------------------------------- building


def test_init_and_replicate_check_count_and_limit() -> None:
    ctx = Context(max_collection_size=10)
    assert py(call("List.init", ctx, 3, lambda i: i * i)) == [0, 1, 4]
    assert call("List.init", ctx, 0, lambda i: i) is NIL
    assert py(call("List.replicate", ctx, 2, "x")) == ["x", "x"]
    fails("ArgumentException", "The input must be non-negative.", "List.init", ctx, -1, abs)
    fails("ArgumentException", "The input must be non-negative.", "List.replicate", ctx, -1, 0)
    with pytest.raises(LimitExceeded):
        call("List.init", ctx, 11, lambda i: i)
    with pytest.raises(LimitExceeded):
        call("List.replicate", ctx, 10**12, 0)
    with pytest.raises(LimitExceeded):
        call("List.allPairs", ctx, L(*range(4)), L(*range(3)))
    with pytest.raises(LimitExceeded):
        call("List.windowed", ctx, 3, L(*range(6)))


def test_empty_singleton_conversions() -> None:
    assert call("List.empty") is NIL
    assert py(call("List.singleton", 5)) == [5]
    assert py(call("List.ofArray", FzArray([1, 2]))) == [1, 2]
    array = call("List.toArray", L(1, 2))
    assert type(array) is FzArray and array == [1, 2]
    xs = L(1)
    assert call("List.ofSeq", xs) is xs
    assert call("List.toSeq", xs) is xs
    assert py(call("List.ofSeq", FzSet.of([3, 1]))) == [1, 3]
    assert py(call("List.ofSeq", FzMap.of_pairs([("b", 2), ("a", 1)]))) == [("a", 1), ("b", 2)]
    assert py(call("List.ofSeq", "hé")) == ["h", "é"]
    assert all(type(c) is Char for c in py(call("List.ofSeq", "hé")))
    assert py(call("List.ofSeq", FzArray([1]))) == [1]


def test_all_pairs() -> None:
    ctx = Context()
    assert py(call("List.allPairs", ctx, L(1, 2), L("a", "b"))) == [
        (1, "a"),
        (1, "b"),
        (2, "a"),
        (2, "b"),
    ]


# --------------------------------------------------------------------------- zipping


def test_zip_unzip() -> None:
    assert py(call("List.zip", L(1, 2), L("a", "b"))) == [(1, "a"), (2, "b")]
    left, right = call("List.unzip", L((1, "a"), (2, "b")))
    assert (py(left), py(right)) == ([1, 2], ["a", "b"])
    triples = call("List.zip3", L(1), L(2), L(3))
    assert py(triples) == [(1, 2, 3)]
    assert [py(x) for x in call("List.unzip3", triples)] == [[1], [2], [3]]
    different = "The lists had different lengths."
    fails("ArgumentException", different, "List.zip", L(1), L(1, 2))
    fails("ArgumentException", different, "List.zip3", L(1), L(1), NIL)


@pytest.mark.parametrize(
    ("name", "f"),
    [
        ("List.map2", curry2(lambda a, b: a)),
        ("List.iter2", curry2(lambda a, b: None)),
        ("List.forall2", curry2(lambda a, b: True)),
        ("List.exists2", curry2(lambda a, b: False)),
        ("List.mapi2", curry3(lambda i, a, b: a)),
    ],
)
def test_two_list_functions_check_lengths_first(name: str, f: Any) -> None:
    fails("ArgumentException", "The lists had different lengths.", name, f, L(1, 2), L(1))


def test_two_list_functions() -> None:
    assert py(call("List.map2", curry2(lambda a, b: a + b), L(1, 2), L(10, 20))) == [11, 22]
    assert py(call("List.map3", curry3(lambda a, b, c: a + b + c), L(1), L(2), L(3))) == [6]
    assert py(call("List.mapi2", curry3(lambda i, a, b: i + a * b), L(1, 2), L(3, 4))) == [3, 9]
    assert call("List.forall2", curry2(lambda a, b: a < b), L(1, 2), L(2, 3)) is True
    assert call("List.exists2", curry2(lambda a, b: a == b), L(1, 2), L(0, 2)) is True
    assert call("List.fold2", curry3(lambda s, a, b: s + a * b), 0, L(1, 2), L(3, 4)) == 11
    seen: list[Any] = []
    call("List.iter2", curry2(lambda a, b: seen.append((a, b))), L(1), L(2))
    assert seen == [(1, 2)]
    fails("ArgumentException", None, "List.fold2", curry3(lambda s, a, b: s), 0, L(1), NIL)


def test_indexed_pairwise_transpose() -> None:
    assert py(call("List.indexed", L("a", "b"))) == [(0, "a"), (1, "b")]
    assert py(call("List.pairwise", L(1, 2, 3))) == [(1, 2), (2, 3)]
    assert call("List.pairwise", L(1)) is NIL
    rows = call("List.transpose", L(L(1, 2), L(3, 4)))
    assert [py(r) for r in py(rows)] == [[1, 3], [2, 4]]
    assert call("List.transpose", NIL) is NIL
    fails("ArgumentException", None, "List.transpose", L(L(1, 2), L(3)))


# --------------------------------------------------------------------------- selecting


def test_choose_collect_partition() -> None:
    chooser = lambda x: make_some(x * 2) if x % 2 else NONE  # noqa: E731
    assert py(call("List.choose", chooser, L(1, 2, 3))) == [2, 6]
    assert py(call("List.collect", lambda x: L(x, x), L(1, 2))) == [1, 1, 2, 2]
    assert py(call("List.collect", lambda x: NIL, L(1, 2))) == []
    yes, no = call("List.partition", lambda x: x > 1, L(1, 2, 3, 0))
    assert (py(yes), py(no)) == ([2, 3], [1, 0])
    assert py(call("List.where", lambda x: x > 1, L(1, 2))) == [2]


def test_group_by_order_of_first_appearance() -> None:
    groups = call("List.groupBy", lambda x: x % 3, L(5, 3, 2, 6, 8, 1))
    assert [(k, py(v)) for k, v in py(groups)] == [(2, [5, 2, 8]), (0, [3, 6]), (1, [1])]
    assert call("List.groupBy", lambda x: x, NIL) is NIL


def test_count_by_distinct() -> None:
    assert py(call("List.countBy", len, L("a", "bb", "c"))) == [(1, 2), (2, 1)]
    assert py(call("List.distinct", L(3, 1, 3, 2, 1))) == [3, 1, 2]
    assert py(call("List.distinctBy", abs, L(-1, 1, 2, -2))) == [-1, 2]
    assert py(call("List.distinct", L(L(1), L(1), (1, "a"), (1, "a")))) == [L(1), (1, "a")]


def test_grouping_unhashable_keys_arrays() -> None:
    a1, a2, b = FzArray([1]), FzArray([1]), FzArray([2])
    assert py(call("List.distinct", L(a1, a2, b))) == [a1, b]
    groups = call("List.groupBy", lambda x: x, L(a1, b, a2))
    assert [(k, py(v)) for k, v in py(groups)] == [(a1, [a1, a2]), (b, [b])]
    assert py(call("List.countBy", lambda x: (x, 1), L(a1, a2))) == [((a1, 1), 2)]


def test_contains_forall() -> None:
    assert call("List.contains", (1, L(2)), L((1, L(2)))) is True
    assert call("List.contains", 1.0, L(1)) is False
    assert call("List.contains", math.nan, L(math.nan)) is False
    assert call("List.forall", lambda x: x > 0, L(1, 2)) is True
    assert call("List.forall", lambda x: x > 1, L(1, 2)) is False
    assert call("List.forall", lambda x: False, NIL) is True


def test_find_index_and_back() -> None:
    xs = L(1, 2, 3, 2)
    assert call("List.findIndex", lambda x: x == 2, xs) == 1
    assert call("List.findIndexBack", lambda x: x == 2, xs) == 3
    assert call("List.tryFindIndex", lambda x: x == 5, xs) == NONE
    assert call("List.tryFindIndexBack", lambda x: x == 1, xs) == make_some(0)
    assert call("List.findBack", lambda x: x < 3, xs) == 2
    assert call("List.tryFindBack", lambda x: x > 5, xs) == NONE
    fails("KeyNotFoundException", NOT_FOUND, "List.findIndex", lambda x: False, xs)
    fails("KeyNotFoundException", NOT_FOUND, "List.findBack", lambda x: False, xs)
    fails("KeyNotFoundException", NOT_FOUND, "List.findIndexBack", lambda x: False, xs)


def test_pick() -> None:
    chooser = lambda x: make_some(x * 10) if x > 1 else NONE  # noqa: E731
    assert call("List.pick", chooser, L(1, 2, 3)) == 20
    assert call("List.tryPick", chooser, L(1, 2, 3)) == make_some(20)
    assert call("List.tryPick", chooser, L(1)) == NONE
    fails("KeyNotFoundException", NOT_FOUND, "List.pick", chooser, L(0))


# --------------------------------------------------------------------------- positions


def test_item_try_item() -> None:
    xs = L("a", "b")
    assert call("List.item", 1, xs) == "b"
    fails("ArgumentException", "The input must be non-negative.", "List.item", -1, xs)
    fails(
        "ArgumentException",
        "The index was outside the range of elements in the list.",
        "List.item",
        2,
        xs,
    )
    assert call("List.tryItem", 1, xs) == make_some("b")
    assert call("List.tryItem", 5, xs) == NONE
    assert call("List.tryItem", -1, xs) == NONE


def test_heads_and_lasts() -> None:
    assert call("List.tryHead", L(1, 2)) == make_some(1)
    assert call("List.tryHead", NIL) == NONE
    assert call("List.last", L(1, 2)) == 2
    assert call("List.tryLast", L(1, 2)) == make_some(2)
    assert call("List.tryLast", NIL) == NONE
    assert call("List.exactlyOne", L(7)) == 7
    fails("ArgumentException", EMPTY, "List.exactlyOne", NIL)
    fails(
        "ArgumentException",
        "The input list contains more than one element.",
        "List.exactlyOne",
        L(1, 2),
    )
    assert call("List.tryExactlyOne", L(7)) == make_some(7)
    assert call("List.tryExactlyOne", L(7, 8)) == NONE
    assert call("List.tryExactlyOne", NIL) == NONE


def test_take_skip_truncate() -> None:
    xs = L(1, 2, 3)
    assert py(call("List.take", 2, xs)) == [1, 2]
    assert call("List.take", 0, xs) is NIL
    assert py(call("List.take", 3, xs)) == [1, 2, 3]
    fails(
        "InvalidOperationException",
        "The input list has an insufficient number of elements.",
        "List.take",
        4,
        xs,
    )
    fails("ArgumentException", "The input must be non-negative.", "List.take", -1, xs)
    assert call("List.skip", 1, xs) is xs[1]
    assert call("List.skip", 3, xs) is NIL
    assert call("List.skip", -2, xs) is xs
    fails("ArgumentException", "The index is outside the legal range.", "List.skip", 4, xs)
    assert py(call("List.truncate", 5, xs)) == [1, 2, 3]
    assert call("List.truncate", -1, xs) is NIL


def test_take_while_skip_while_split_at() -> None:
    xs = L(1, 2, 3, 1)
    assert py(call("List.takeWhile", lambda x: x < 3, xs)) == [1, 2]
    assert py(call("List.skipWhile", lambda x: x < 3, xs)) == [3, 1]
    assert call("List.skipWhile", lambda x: True, xs) is NIL
    before, after = call("List.splitAt", 1, xs)
    assert (py(before), py(after)) == ([1], [2, 3, 1])
    before, after = call("List.splitAt", 4, xs)
    assert (py(before), after) == ([1, 2, 3, 1], NIL)
    fails("InvalidOperationException", None, "List.splitAt", 5, xs)
    fails("ArgumentException", None, "List.splitAt", -1, xs)


def test_windowed_chunk_by_size() -> None:
    ctx = Context()
    windows = call("List.windowed", ctx, 2, L(1, 2, 3))
    assert [py(w) for w in py(windows)] == [[1, 2], [2, 3]]
    assert call("List.windowed", ctx, 5, L(1, 2)) is NIL
    positive = "The input must be positive."
    fails("ArgumentException", positive, "List.windowed", ctx, 0, L(1))
    chunks = call("List.chunkBySize", 2, L(1, 2, 3))
    assert [py(c) for c in py(chunks)] == [[1, 2], [3]]
    fails("ArgumentException", positive, "List.chunkBySize", -1, L(1))


def test_insert_remove_update_at() -> None:
    xs = L(1, 2)
    assert py(call("List.insertAt", 0, 9, xs)) == [9, 1, 2]
    assert py(call("List.insertAt", 2, 9, xs)) == [1, 2, 9]
    assert py(call("List.removeAt", 1, xs)) == [1]
    assert py(call("List.updateAt", 0, 5, xs)) == [5, 2]
    assert py(xs) == [1, 2]
    legal = "The index is outside the legal range."
    fails("ArgumentException", legal, "List.insertAt", 3, 9, xs)
    fails("ArgumentException", legal, "List.removeAt", 2, xs)
    fails("ArgumentException", legal, "List.updateAt", -1, 0, xs)


# --------------------------------------------------------------------------- folding


def test_reduce_fold_back_scan() -> None:
    minus = curry2(lambda a, b: a - b)
    assert call("List.reduce", minus, L(10, 2, 3)) == 5
    assert call("List.reduce", minus, L(4)) == 4
    assert call("List.reduceBack", minus, L(10, 2, 3)) == 11  # 10 - (2 - 3)
    fails("ArgumentException", EMPTY, "List.reduceBack", minus, NIL)
    assert call("List.foldBack", curry2(lambda x, acc: [x, acc]), L(1, 2), NIL) == L(1, 2)
    assert py(call("List.scan", curry2(lambda s, x: s + x), 0, L(1, 2, 3))) == [0, 1, 3, 6]
    assert py(call("List.scan", curry2(lambda s, x: s + x), 5, NIL)) == [5]


def test_callback_exceptions_propagate() -> None:
    def boom(_: Any) -> Any:
        call("List.head", NIL)

    fails("ArgumentException", EMPTY, "List.map", boom, L(1))


# --------------------------------------------------------------------------- long lists


def test_million_element_list() -> None:
    n = 1_000_000
    xs = from_iterable(range(n))
    start = time.perf_counter()
    mapped = call("List.map", lambda x: x + 1, xs)
    evens = call("List.filter", lambda x: x % 2 == 0, mapped)
    total = call("List.fold", lambda acc: lambda x: acc + x, 0, evens)
    ordered = call("List.sortDescending", xs)
    assert call("List.length", evens) == n // 2
    assert total == sum(range(2, n + 1, 2))
    assert call("List.head", ordered) == n - 1
    assert call("List.last", ordered) == 0
    assert call("List.sum", xs) == n * (n - 1) // 2
    assert call("List.foldBack", lambda x: lambda acc: acc + 1, xs, 0) == n
    assert time.perf_counter() - start < 15


# --------------------------------------------------------------------------- properties

small_ints = st.lists(st.integers(-5, 5), max_size=30)
any_ints = st.lists(st.integers(INT_MIN, INT_MAX), max_size=30)


@given(st.lists(st.tuples(st.integers(0, 3), st.integers()), max_size=30))
def test_sort_by_is_a_stable_sort(pairs: list[tuple[int, int]]) -> None:
    result = py(call("List.sortBy", lambda p: p[0], from_iterable(pairs)))
    assert result == sorted(pairs, key=lambda p: p[0])
    descending = py(call("List.sortByDescending", lambda p: p[0], from_iterable(pairs)))
    assert descending == sorted(pairs, key=lambda p: p[0], reverse=True)


@given(st.lists(st.tuples(st.integers(0, 3), st.integers()), max_size=30))
def test_structural_sort_by_is_stable(pairs: list[tuple[int, int]]) -> None:
    # Keys that are Fusabi lists and records take the structural-comparison path.
    by_list = lambda p: from_iterable([p[0]])  # noqa: E731
    result = py(call("List.sortBy", by_list, from_iterable(pairs)))
    assert result == sorted(pairs, key=lambda p: p[0])
    by_record = lambda p: {"k": p[0]}  # noqa: E731
    descending = py(call("List.sortByDescending", by_record, from_iterable(pairs)))
    assert descending == sorted(pairs, key=lambda p: p[0], reverse=True)


@given(st.lists(st.tuples(st.integers(-3, 3), st.text(max_size=2)), max_size=30))
def test_sort_tuples_matches_python(pairs: list[tuple[int, str]]) -> None:
    assert py(call("List.sort", from_iterable(pairs))) == sorted(pairs)


@given(small_ints)
def test_group_by_matches_python(xs: list[int]) -> None:
    groups: dict[int, list[int]] = {}
    for x in xs:
        groups.setdefault(x % 3, []).append(x)
    result = [(k, py(v)) for k, v in py(call("List.groupBy", lambda x: x % 3, from_iterable(xs)))]
    assert result == list(groups.items())
    counts = py(call("List.countBy", lambda x: x % 3, from_iterable(xs)))
    assert counts == list(Counter(x % 3 for x in xs).items())


@given(small_ints)
def test_distinct_matches_python(xs: list[int]) -> None:
    assert py(call("List.distinct", from_iterable(xs))) == list(dict.fromkeys(xs))


@given(any_ints)
def test_sum_wraps_around(xs: list[int]) -> None:
    expected = ((sum(xs) + 2**63) % 2**64) - 2**63
    assert call("List.sum", from_iterable(xs)) == expected
    assert call("List.sumBy", lambda x: x, from_iterable(xs)) == expected


@settings(max_examples=50)
@given(small_ints, st.integers(-2, 35))
def test_positions_match_python(xs: list[int], n: int) -> None:
    fxs = from_iterable(xs)
    assert py(call("List.truncate", n, fxs)) == xs[: max(n, 0)]
    if 0 <= n <= len(xs):
        assert py(call("List.take", n, fxs)) == xs[:n]
        assert py(call("List.skip", n, fxs)) == xs[n:]
    expected = make_some(xs[n]) if 0 <= n < len(xs) else NONE
    assert call_upstream("List.nth", n, fxs) == expected
    assert call("List.tryItem", n, fxs) == expected


@given(small_ints)
def test_basic_functions_match_python(xs: list[int]) -> None:
    fxs = from_iterable(xs)
    assert call("List.length", fxs) == len(xs)
    assert py(call("List.rev", fxs)) == xs[::-1]
    assert py(call("List.sort", fxs)) == sorted(xs)
    assert py(call("List.map", lambda x: x * 2, fxs)) == [x * 2 for x in xs]
    assert py(call("List.filter", lambda x: x > 0, fxs)) == [x for x in xs if x > 0]
    assert call("List.fold", curry2(lambda a, x: a - x), 0, fxs) == -sum(xs)
    assert py(call("List.indexed", fxs)) == list(enumerate(xs))
    if xs:
        assert call("List.max", fxs) == max(xs)
        assert call("List.min", fxs) == min(xs)
    chunks = [py(c) for c in py(call("List.chunkBySize", 4, fxs))]
    assert chunks == [xs[i : i + 4] for i in range(0, len(xs), 4)]
