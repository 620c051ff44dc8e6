"""The ``Array`` module: REF argument orders, in-place mutation, F# additions and errors."""

from __future__ import annotations

import math
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fusabi_host.errors import LimitExceeded
from fusabi_host.lang.context import Context
from fusabi_host.lang.stdlib import array_module
from fusabi_host.lang.stdlib.registry import REGISTRY
from fusabi_host.lang.values import NIL, NONE, FzArray, from_iterable, make_some
from tests.stdlib.helpers import call, curry2, curry3, fails, top_level_arrows

assert array_module.KIND == "array"

A = FzArray
BOUNDS = "Index was outside the bounds of the array."
EMPTY = "The input array was empty."
NOT_FOUND = "An index satisfying the predicate was not found in the collection."


@pytest.mark.parametrize("name", sorted(n for n in REGISTRY if n.startswith("Array.")))
def test_signature_arity_matches(name: str) -> None:
    entry = REGISTRY[name]
    assert entry.arity == top_level_arrows(entry.signature), entry.signature


def is_array(value: Any, items: list[Any]) -> bool:
    return type(value) is FzArray and list(value) == items


# --------------------------------------------------------------------------- REF functions


def test_length_is_empty() -> None:
    assert call("Array.length", A([1, 2])) == 2
    assert call("Array.isEmpty", A()) is True
    assert call("Array.isEmpty", A([0])) is False


def test_get_takes_the_index_first() -> None:
    array = A(["a", "b"])
    assert call("Array.get", 1, array) == "b"
    fails("IndexOutOfRangeException", BOUNDS, "Array.get", 2, array)
    fails("IndexOutOfRangeException", BOUNDS, "Array.get", -1, array)
    fails("IndexOutOfRangeException", BOUNDS, "Array.get", 0, A())


def test_set_mutates_in_place_and_aliases_see_it() -> None:
    array = A([1, 2, 3])
    alias = array
    assert call("Array.set", 1, 20, array) is None
    assert alias == [1, 20, 3]
    fails("IndexOutOfRangeException", BOUNDS, "Array.set", 3, 0, array)
    fails("IndexOutOfRangeException", BOUNDS, "Array.set", -1, 0, array)
    assert array == [1, 20, 3]


def test_conversions_copy() -> None:
    xs = from_iterable([1, 2])
    array = call("Array.ofList", xs)
    assert is_array(array, [1, 2])
    back = call("Array.toList", array)
    assert back == xs
    array[0] = 9
    assert back[0] == 1
    assert call("Array.toList", A()) is NIL


def test_init_create_replicate() -> None:
    ctx = Context(max_collection_size=5)
    assert is_array(call("Array.init", ctx, 3, lambda i: i * 2), [0, 2, 4])
    assert is_array(call("Array.create", ctx, 2, "x"), ["x", "x"])
    assert is_array(call("Array.replicate", ctx, 0, "x"), [])
    non_negative = "The input must be non-negative."
    fails("ArgumentException", non_negative, "Array.init", ctx, -1, abs)
    fails("ArgumentException", non_negative, "Array.create", ctx, -3, 0)
    for name, args in [
        ("Array.init", (6, abs)),
        ("Array.create", (10**15, 0)),
        ("Array.replicate", (6, 0)),
        ("Array.allPairs", (A([1, 2, 3]), A([1, 2]))),
        ("Array.windowed", (2, A(range(6)))),
    ]:
        with pytest.raises(LimitExceeded):
            call(name, ctx, *args)


def test_create_shares_the_element_like_fsharp() -> None:
    ctx = Context()
    inner = A([0])
    outer = call("Array.create", ctx, 2, inner)
    assert outer[0] is outer[1] is inner


# --------------------------------------------------------------------------- F# functions


def test_map_family_returns_new_arrays() -> None:
    array = A([1, 2, 3])
    mapped = call("Array.map", lambda x: x * 2, array)
    assert is_array(mapped, [2, 4, 6]) and mapped is not array
    assert is_array(call("Array.mapi", curry2(lambda i, x: i * x), array), [0, 2, 6])
    assert is_array(call("Array.map2", curry2(lambda a, b: a + b), A([1]), A([2])), [3])
    assert is_array(
        call("Array.map3", curry3(lambda a, b, c: a * b * c), A([2]), A([3]), A([4])), [24]
    )
    assert is_array(
        call("Array.mapi2", curry3(lambda i, a, b: i + a + b), A([1, 1]), A([1, 1])), [2, 3]
    )
    fails(
        "ArgumentException",
        "The arrays had different lengths.",
        "Array.map2",
        curry2(max),
        A([1]),
        A(),
    )
    assert array == [1, 2, 3]


def test_iteration_sees_updates_to_later_elements_like_fsharp() -> None:
    array = A([1, 2, 3])
    seen: list[int] = []

    def visit(x: int) -> None:
        seen.append(x)
        if x == 1:
            call("Array.set", 2, 30, array)

    call("Array.iter", visit, array)
    assert seen == [1, 2, 30]


def test_iteri_iter2() -> None:
    seen: list[Any] = []
    call("Array.iteri", curry2(lambda i, x: seen.append((i, x))), A(["a"]))
    call("Array.iter2", curry2(lambda a, b: seen.append((a, b))), A([1]), A([2]))
    assert seen == [(0, "a"), (1, 2)]
    fails("ArgumentException", None, "Array.iter2", curry2(lambda a, b: None), A([1]), A())


def test_filter_choose_collect_partition() -> None:
    array = A([1, 2, 3, 4])
    assert is_array(call("Array.filter", lambda x: x % 2 == 0, array), [2, 4])
    assert is_array(call("Array.where", lambda x: x > 3, array), [4])
    chooser = lambda x: make_some(-x) if x > 2 else NONE  # noqa: E731
    assert is_array(call("Array.choose", chooser, array), [-3, -4])
    assert is_array(call("Array.collect", lambda x: A([x] * x), A([1, 2])), [1, 2, 2])
    yes, no = call("Array.partition", lambda x: x > 2, array)
    assert is_array(yes, [3, 4]) and is_array(no, [1, 2])


def test_fold_family() -> None:
    array = A([1, 2, 3])
    assert call("Array.fold", curry2(lambda s, x: s * 10 + x), 0, array) == 123
    assert call("Array.foldBack", curry2(lambda x, s: s * 10 + x), array, 0) == 321
    assert call("Array.fold2", curry3(lambda s, a, b: s + a * b), 0, array, array) == 14
    assert call("Array.reduce", curry2(lambda a, b: a - b), array) == -4
    assert call("Array.reduceBack", curry2(lambda a, b: a - b), array) == 2
    assert is_array(call("Array.scan", curry2(lambda s, x: s + x), 0, array), [0, 1, 3, 6])
    fails("ArgumentException", EMPTY, "Array.reduce", curry2(max), A())
    fails("ArgumentException", EMPTY, "Array.reduceBack", curry2(max), A())


def test_numbers() -> None:
    assert call("Array.sum", A([2**63 - 1, 1])) == -(2**63)
    assert call("Array.sum", A()) == 0
    assert call("Array.sumBy", len, A(["ab", "c"])) == 3
    assert call("Array.average", A([1.0, 2.0])) == 1.5
    assert call("Array.averageBy", float, A([1, 4])) == 2.5
    fails("ArgumentException", EMPTY, "Array.average", A())
    assert call("Array.max", A([1, 5, 2])) == 5
    assert call("Array.min", A([1, 5, 2])) == 1
    assert call("Array.maxBy", abs, A([-7, 5, 7])) == -7
    assert call("Array.minBy", abs, A([-1, 5, 1])) == -1
    fails("ArgumentException", EMPTY, "Array.max", A())
    fails("ArgumentException", EMPTY, "Array.minBy", abs, A())


def test_sorting_returns_new_arrays() -> None:
    array = A([3, 1, 2])
    assert is_array(call("Array.sort", array), [1, 2, 3])
    assert array == [3, 1, 2]
    assert is_array(call("Array.sortDescending", array), [3, 2, 1])
    assert is_array(call("Array.sortBy", lambda x: -x, array), [3, 2, 1])
    assert is_array(call("Array.sortByDescending", lambda x: -x, array), [1, 2, 3])
    assert is_array(call("Array.sortWith", curry2(lambda a, b: b - a), array), [3, 2, 1])
    assert is_array(call("Array.rev", array), [2, 1, 3])
    nan_first = call("Array.sort", A([1.0, math.nan]))
    assert math.isnan(nan_first[0])


def test_sort_in_place() -> None:
    array = A([3, 1, 2])
    assert call("Array.sortInPlace", array) is None
    assert array == [1, 2, 3]
    call("Array.sortInPlaceBy", lambda x: -x, array)
    assert array == [3, 2, 1]
    call("Array.sortInPlaceWith", curry2(lambda a, b: a - b), array)
    assert array == [1, 2, 3]
    pairs = A([(1, "b"), (0, "a"), (1, "a")])
    call("Array.sortInPlaceBy", lambda p: p[0], pairs)
    assert pairs == [(0, "a"), (1, "b"), (1, "a")]


def test_append_concat_copy_sub() -> None:
    first, second = A([1]), A([2, 3])
    joined = call("Array.append", first, second)
    assert is_array(joined, [1, 2, 3]) and joined is not first
    assert is_array(call("Array.concat", from_iterable([first, A(), second])), [1, 2, 3])
    assert is_array(call("Array.concat", A([first, second])), [1, 2, 3])
    copied = call("Array.copy", second)
    assert is_array(copied, [2, 3]) and copied is not second
    assert is_array(call("Array.sub", A([0, 1, 2, 3]), 1, 2), [1, 2])
    assert is_array(call("Array.sub", A([0]), 1, 0), [])
    fails("ArgumentException", "The index is outside the legal range.", "Array.sub", A([0]), 0, 2)
    fails("ArgumentException", "The input must be non-negative.", "Array.sub", A([0]), -1, 1)


def test_blit_and_fill() -> None:
    target = A([0, 0, 0, 0])
    assert call("Array.blit", A([1, 2, 3]), 1, target, 2, 2) is None
    assert target == [0, 0, 2, 3]
    fails("ArgumentException", None, "Array.blit", A([1]), 0, target, 4, 1)
    fails("ArgumentException", None, "Array.blit", A([1]), -1, target, 0, 1)
    assert call("Array.fill", target, 1, 2, 9) is None
    assert target == [0, 9, 9, 3]
    fails("ArgumentException", None, "Array.fill", target, 3, 2, 0)
    assert target == [0, 9, 9, 3]


def test_searching() -> None:
    array = A([1, 2, 3, 2])
    assert call("Array.contains", 2, array) is True
    assert call("Array.contains", A([1]), A([A([1])])) is True
    assert call("Array.exists", lambda x: x > 2, array) is True
    assert call("Array.forall", lambda x: x > 0, array) is True
    assert call("Array.exists2", curry2(lambda a, b: a == b), A([1]), A([1])) is True
    assert call("Array.forall2", curry2(lambda a, b: a != b), A([1]), A([1])) is False
    fails("ArgumentException", None, "Array.forall2", curry2(max), A([1]), A())
    assert call("Array.find", lambda x: x > 1, array) == 2
    assert call("Array.findBack", lambda x: x < 3, array) == 2
    assert call("Array.findIndex", lambda x: x == 2, array) == 1
    assert call("Array.findIndexBack", lambda x: x == 2, array) == 3
    assert call("Array.tryFind", lambda x: x > 5, array) == NONE
    assert call("Array.tryFindBack", lambda x: x == 1, array) == make_some(1)
    assert call("Array.tryFindIndex", lambda x: x == 3, array) == make_some(2)
    assert call("Array.tryFindIndexBack", lambda x: x > 5, array) == NONE
    for name in ["Array.find", "Array.findBack", "Array.findIndex", "Array.findIndexBack"]:
        fails("KeyNotFoundException", NOT_FOUND, name, lambda x: False, array)
    chooser = lambda x: make_some(x) if x > 2 else NONE  # noqa: E731
    assert call("Array.pick", chooser, array) == 3
    assert call("Array.tryPick", chooser, A([1])) == NONE
    fails("KeyNotFoundException", NOT_FOUND, "Array.pick", chooser, A([1]))


def test_positions() -> None:
    array = A([1, 2, 3])
    assert call("Array.head", array) == 1
    assert call("Array.last", array) == 3
    assert call("Array.tryHead", A()) == NONE
    assert call("Array.tryLast", array) == make_some(3)
    fails("ArgumentException", EMPTY, "Array.head", A())
    fails("ArgumentException", EMPTY, "Array.last", A())
    assert call("Array.item", 2, array) == 3
    fails("IndexOutOfRangeException", BOUNDS, "Array.item", -1, array)
    fails("IndexOutOfRangeException", BOUNDS, "Array.item", 3, array)
    assert call("Array.tryItem", -1, array) == NONE
    assert call("Array.tryItem", 0, array) == make_some(1)
    assert call("Array.exactlyOne", A([5])) == 5
    fails(
        "ArgumentException",
        "The input array contains more than one element.",
        "Array.exactlyOne",
        array,
    )
    assert call("Array.tryExactlyOne", array) == NONE


def test_take_skip() -> None:
    array = A([1, 2, 3])
    assert is_array(call("Array.take", 2, array), [1, 2])
    fails(
        "InvalidOperationException",
        "The input array has an insufficient number of elements.",
        "Array.take",
        4,
        array,
    )
    fails("ArgumentException", None, "Array.take", -1, array)
    assert is_array(call("Array.skip", 3, array), [])
    assert is_array(call("Array.skip", -1, array), [1, 2, 3])
    fails("ArgumentException", "The index is outside the legal range.", "Array.skip", 4, array)
    assert is_array(call("Array.truncate", 9, array), [1, 2, 3])
    assert is_array(call("Array.truncate", -1, array), [])
    assert is_array(call("Array.takeWhile", lambda x: x < 2, array), [1])
    assert is_array(call("Array.skipWhile", lambda x: x < 2, array), [2, 3])
    before, after = call("Array.splitAt", 1, array)
    assert is_array(before, [1]) and is_array(after, [2, 3])
    fails("InvalidOperationException", None, "Array.splitAt", 4, array)


def test_shapes() -> None:
    ctx = Context()
    array = A([1, 2, 3])
    assert is_array(call("Array.indexed", array), [(0, 1), (1, 2), (2, 3)])
    assert is_array(call("Array.pairwise", array), [(1, 2), (2, 3)])
    windows = call("Array.windowed", ctx, 2, array)
    assert type(windows) is FzArray and all(type(w) is FzArray for w in windows)
    assert [list(w) for w in windows] == [[1, 2], [2, 3]]
    chunks = call("Array.chunkBySize", 2, array)
    assert [list(c) for c in chunks] == [[1, 2], [3]]
    fails("ArgumentException", "The input must be positive.", "Array.chunkBySize", 0, array)
    zipped = call("Array.zip", array, A("abc"))
    assert is_array(zipped, [(1, "a"), (2, "b"), (3, "c")])
    left, right = call("Array.unzip", zipped)
    assert is_array(left, [1, 2, 3]) and is_array(right, ["a", "b", "c"])
    triples = call("Array.zip3", A([1]), A([2]), A([3]))
    assert [list(x) for x in call("Array.unzip3", triples)] == [[1], [2], [3]]
    fails("ArgumentException", "The arrays had different lengths.", "Array.zip", array, A())
    assert is_array(call("Array.allPairs", ctx, A([1]), A([2, 3])), [(1, 2), (1, 3)])
    rows = call("Array.transpose", A([A([1, 2]), A([3, 4])]))
    assert [list(r) for r in rows] == [[1, 3], [2, 4]]


def test_grouping() -> None:
    array = A([3, 1, 3, 4])
    groups = call("Array.groupBy", lambda x: x % 2, array)
    assert [(k, list(v)) for k, v in groups] == [(1, [3, 1, 3]), (0, [4])]
    assert all(type(v) is FzArray for _, v in groups)
    assert is_array(call("Array.countBy", lambda x: x > 2, array), [(True, 3), (False, 1)])
    assert is_array(call("Array.distinct", array), [3, 1, 4])
    assert is_array(call("Array.distinctBy", lambda x: x % 2, array), [3, 4])


def test_insert_remove_update() -> None:
    array = A([1, 2])
    assert is_array(call("Array.insertAt", 1, 9, array), [1, 9, 2])
    assert is_array(call("Array.removeAt", 0, array), [2])
    assert is_array(call("Array.updateAt", 1, 7, array), [1, 7])
    assert array == [1, 2]
    fails("ArgumentException", None, "Array.removeAt", 2, array)


def test_values_and_sequences() -> None:
    assert is_array(call("Array.empty"), [])
    assert is_array(call("Array.singleton", 1), [1])
    assert is_array(call("Array.ofSeq", from_iterable([1, 2])), [1, 2])
    assert is_array(call("Array.ofSeq", "ab"), ["a", "b"])
    assert call("Array.toSeq", A([1, 2])) == from_iterable([1, 2])


@given(st.lists(st.integers(-3, 3), max_size=25))
def test_sort_and_distinct_match_python(xs: list[int]) -> None:
    array = A(xs)
    assert list(call("Array.sort", array)) == sorted(xs)
    assert list(call("Array.sortDescending", array)) == sorted(xs, reverse=True)
    assert list(call("Array.distinct", array)) == list(dict.fromkeys(xs))
    assert list(array) == xs
