"""The ``Map`` and ``Set`` modules."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fusabi_host.lang.stdlib import map_module, set_module
from fusabi_host.lang.stdlib.registry import REGISTRY
from fusabi_host.lang.values import (
    NIL,
    NONE,
    FzArray,
    FzMap,
    FzSet,
    equals,
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

assert map_module.__name__ and set_module.__name__
NOT_FOUND = "An index satisfying the predicate was not found in the collection."


@pytest.mark.parametrize("name", sorted(n for n in REGISTRY if n.startswith(("Map.", "Set."))))
def test_signature_arity_matches(name: str) -> None:
    entry = REGISTRY[name]
    assert entry.arity == top_level_arrows(entry.signature), entry.signature


def M(*pairs: tuple[Any, Any]) -> FzMap:
    return FzMap.of_pairs(pairs)


# --------------------------------------------------------------------------- Map (REF)


def test_empty_is_a_value() -> None:
    empty = call("Map.empty")
    assert type(empty) is FzMap and len(empty) == 0
    assert REGISTRY["Map.empty"].is_value


def test_add_find_remove_are_persistent() -> None:
    empty = call("Map.empty")
    one = call("Map.add", "a", 1, empty)
    two = call("Map.add", "b", 2, one)
    replaced = call("Map.add", "a", 10, two)
    assert call("Map.find", "a", two) == 1
    assert call("Map.find", "a", replaced) == 10
    assert call("Map.count", two) == 2 and call("Map.count", empty) == 0
    removed = call("Map.remove", "a", two)
    assert call("Map.containsKey", "a", removed) is False
    assert call("Map.containsKey", "a", two) is True
    assert call("Map.remove", "zzz", two) is two
    assert call("Map.isEmpty", empty) is True and call("Map.isEmpty", one) is False


def test_find_missing_key() -> None:
    missing = "The given key was not present in the dictionary."
    fails("KeyNotFoundException", missing, "Map.find", "x", M(("a", 1)))
    fails("KeyNotFoundException", missing, "Map.find", FzArray([1]), M(("a", 1)))
    assert call("Map.tryFind", "a", M(("a", 1))) == make_some(1)
    assert call("Map.tryFind", "x", M(("a", 1))) == NONE
    assert call("Map.tryFind", FzArray(), M(("a", 1))) == NONE


def test_keys_may_be_any_comparable_value() -> None:
    table = call("Map.ofList", L(((2, "b"), "x"), ((1, "z"), "y"), (L(1), "list")))
    assert call("Map.find", (1, "z"), table) == "y"
    assert call("Map.find", L(1), table) == "list"
    assert py(call("Map.keys", table)) == [(1, "z"), (2, "b"), L(1)]
    by_int = call("Map.ofList", L((10, "ten"), (-1, "minus"), (3, "three")))
    assert py(call("Map.values", by_int)) == ["minus", "three", "ten"]
    assert call("Map.find", make_some(1), call("Map.add", make_some(1), 1, call("Map.empty")))


def test_unhashable_keys_are_a_fusabi_error() -> None:
    fails("ArgumentException", None, "Map.add", FzArray([1]), 1, M())
    fails("ArgumentException", None, "Map.ofList", L((FzArray(), 1)))
    assert call("Map.containsKey", (FzArray(),), M()) is False


def test_of_list_later_pairs_win_and_to_list_is_sorted() -> None:
    table = call("Map.ofList", L(("b", 1), ("a", 2), ("b", 3)))
    assert py(call("Map.toList", table)) == [("a", 2), ("b", 3)]
    assert call("Map.toList", M()) is NIL


def test_upstream_map_applies_to_values_only() -> None:
    table = M(("a", 1), ("b", 2))
    mapped = call_upstream("Map.map", lambda v: v * 10, table)
    assert py(call("Map.toList", mapped)) == [("a", 10), ("b", 20)]
    assert py(call("Map.toList", table)) == [("a", 1), ("b", 2)]


def test_fsharp_map_applies_to_keys_and_values() -> None:
    table = M(("a", 1), ("b", 2))
    mapped = call("Map.map", curry2(lambda k, v: k * v), table)
    assert py(call("Map.toList", mapped)) == [("a", "a"), ("b", "bb")]


def test_iter_is_curried_and_in_key_order() -> None:
    seen: list[Any] = []
    assert call("Map.iter", curry2(lambda k, v: seen.append((k, v))), M(("b", 2), ("a", 1))) is None
    assert seen == [("a", 1), ("b", 2)]


# --------------------------------------------------------------------------- Map (F#)


def test_filter_partition_fold() -> None:
    table = M(("a", 1), ("b", 2), ("c", 3))
    odd = call("Map.filter", curry2(lambda k, v: v % 2 == 1), table)
    assert py(call("Map.toList", odd)) == [("a", 1), ("c", 3)]
    yes, no = call("Map.partition", curry2(lambda k, v: k == "b"), table)
    assert py(call("Map.keys", yes)) == ["b"] and py(call("Map.keys", no)) == ["a", "c"]
    assert call("Map.fold", curry3(lambda s, k, v: s + k * v), "", table) == "abbccc"
    assert call("Map.foldBack", curry3(lambda k, v, s: s + k), table, "") == "cba"
    assert call("Map.exists", curry2(lambda k, v: v > 2), table) is True
    assert call("Map.forall", curry2(lambda k, v: v > 2), table) is False


def test_find_key_pick() -> None:
    table = M(("a", 1), ("b", 2), ("c", 2))
    assert call("Map.findKey", curry2(lambda k, v: v == 2), table) == "b"
    assert call("Map.tryFindKey", curry2(lambda k, v: v == 5), table) == NONE
    fails("KeyNotFoundException", NOT_FOUND, "Map.findKey", curry2(lambda k, v: False), table)
    chooser = curry2(lambda k, v: make_some(k * v) if v > 1 else NONE)
    assert call("Map.pick", chooser, table) == "bb"
    assert call("Map.tryPick", chooser, M(("a", 1))) == NONE
    fails("KeyNotFoundException", NOT_FOUND, "Map.pick", chooser, M(("a", 1)))


def test_conversions() -> None:
    table = call("Map.ofSeq", FzArray([("b", 2), ("a", 1)]))
    assert py(call("Map.toSeq", table)) == [("a", 1), ("b", 2)]
    array = call("Map.toArray", table)
    assert type(array) is FzArray and array == [("a", 1), ("b", 2)]
    array.append(("z", 0))
    assert call("Map.count", table) == 2
    assert equals(call("Map.ofArray", FzArray([(1, 1)])), M((1, 1)))


def test_change() -> None:
    table = M(("a", 1))
    bump = lambda o: make_some(o[1] + 1) if o != NONE else make_some(0)  # noqa: E731
    assert py(call("Map.toList", call("Map.change", "a", bump, table))) == [("a", 2)]
    assert py(call("Map.toList", call("Map.change", "b", bump, table))) == [("a", 1), ("b", 0)]
    assert call("Map.count", call("Map.change", "a", lambda o: NONE, table)) == 0


def test_min_max_key_value() -> None:
    table = M((3, "c"), (1, "a"), (2, "b"))
    assert call("Map.minKeyValue", table) == (1, "a")
    assert call("Map.maxKeyValue", table) == (3, "c")
    fails("ArgumentException", "The input map was empty.", "Map.minKeyValue", M())
    fails("ArgumentException", "The input map was empty.", "Map.maxKeyValue", M())


@given(st.lists(st.tuples(st.integers(-5, 5), st.integers()), max_size=20))
def test_map_matches_a_dict(pairs: list[tuple[int, int]]) -> None:
    table = call("Map.ofList", from_iterable(pairs))
    expected = dict(pairs)
    assert py(call("Map.toList", table)) == sorted(expected.items())
    for key in range(-6, 7):
        found = call("Map.tryFind", key, table)
        assert found == (make_some(expected[key]) if key in expected else NONE)


# --------------------------------------------------------------------------- Set


def S(*items: Any) -> FzSet:
    return FzSet.of(items)


def elements(s: FzSet) -> list[Any]:
    return py(call("Set.toList", s))


def test_set_basics() -> None:
    empty = call("Set.empty")
    assert type(empty) is FzSet and call("Set.isEmpty", empty) is True
    one = call("Set.add", 1, empty)
    assert call("Set.contains", 1, one) is True
    assert call("Set.contains", 2, one) is False
    assert call("Set.count", call("Set.add", 1, one)) == 1
    assert elements(call("Set.remove", 1, one)) == []
    assert call("Set.remove", 5, one) is one
    assert elements(call("Set.singleton", "x")) == ["x"]
    assert call("Set.isEmpty", empty) is True


def test_set_structural_elements() -> None:
    s = call("Set.ofList", L((1, "a"), (1, "a"), L(2), L(2), make_some(3)))
    assert call("Set.count", s) == 3
    assert call("Set.contains", L(2), s) is True
    assert call("Set.contains", FzArray(), s) is False
    fails("ArgumentException", None, "Set.add", FzArray([1]), s)
    fails("ArgumentException", None, "Set.ofList", L(FzArray()))


def test_set_algebra() -> None:
    a, b = S(1, 2, 3), S(3, 4)
    assert elements(call("Set.union", a, b)) == [1, 2, 3, 4]
    assert elements(call("Set.intersect", a, b)) == [3]
    assert elements(call("Set.difference", a, b)) == [1, 2]
    assert elements(call("Set.unionMany", L(a, b, S(9)))) == [1, 2, 3, 4, 9]
    assert elements(call("Set.intersectMany", L(a, b))) == [3]
    fails("ArgumentException", None, "Set.intersectMany", NIL)
    assert call("Set.isSubset", S(1, 2), a) is True
    assert call("Set.isSubset", a, a) is True
    assert call("Set.isProperSubset", a, a) is False
    assert call("Set.isSubset", b, a) is False
    assert call("Set.isSuperset", a, S(1)) is True
    assert call("Set.isProperSuperset", a, S(1)) is True
    assert call("Set.isSuperset", S(1), a) is False


def test_set_order_and_extremes() -> None:
    s = S("b", "a", "c")
    assert elements(s) == ["a", "b", "c"]
    assert call("Set.minElement", s) == "a"
    assert call("Set.maxElement", s) == "c"
    fails("ArgumentException", "The input set was empty.", "Set.minElement", S())
    fails("ArgumentException", "The input set was empty.", "Set.maxElement", S())


def test_set_conversions() -> None:
    s = call("Set.ofArray", FzArray([2, 1, 2]))
    assert elements(s) == [1, 2]
    array = call("Set.toArray", s)
    assert type(array) is FzArray and array == [1, 2]
    assert py(call("Set.toSeq", s)) == [1, 2]
    assert elements(call("Set.ofSeq", "abca")) == ["a", "b", "c"]


def test_set_higher_order() -> None:
    s = S(1, 2, 3, 4)
    assert elements(call("Set.map", lambda x: x % 2, s)) == [0, 1]
    assert elements(call("Set.filter", lambda x: x > 2, s)) == [3, 4]
    yes, no = call("Set.partition", lambda x: x > 2, s)
    assert (elements(yes), elements(no)) == ([3, 4], [1, 2])
    assert call("Set.fold", curry2(lambda acc, x: acc * 10 + x), 0, s) == 1234
    assert call("Set.foldBack", curry2(lambda x, acc: acc * 10 + x), s, 0) == 4321
    seen: list[int] = []
    call("Set.iter", seen.append, S(3, 1))
    assert seen == [1, 3]
    assert call("Set.exists", lambda x: x > 3, s) is True
    assert call("Set.forall", lambda x: x > 3, s) is False
    fails("ArgumentException", None, "Set.map", lambda x: FzArray([x]), s)


@given(st.lists(st.integers(-5, 5), max_size=20), st.lists(st.integers(-5, 5), max_size=20))
def test_set_matches_python(xs: list[int], ys: list[int]) -> None:
    a, b = call("Set.ofList", from_iterable(xs)), call("Set.ofList", from_iterable(ys))
    assert elements(call("Set.union", a, b)) == sorted(set(xs) | set(ys))
    assert elements(call("Set.intersect", a, b)) == sorted(set(xs) & set(ys))
    assert elements(call("Set.difference", a, b)) == sorted(set(xs) - set(ys))
    assert call("Set.isSubset", a, b) is (set(xs) <= set(ys))
