"""The ``Option`` and ``Result`` modules."""

from __future__ import annotations

from typing import Any

import pytest

from fusabi_host.lang.stdlib import option_module
from fusabi_host.lang.stdlib.registry import REGISTRY
from fusabi_host.lang.values import (
    ERROR_TAG,
    NIL,
    NONE,
    OK_TAG,
    FzArray,
    from_iterable,
    make_some,
)
from tests.stdlib.helpers import curry2, curry3, fails, top_level_arrows

assert option_module.__name__


def call(name: str, *args: Any) -> Any:
    return REGISTRY[name].func(*args)


def ok(x: Any) -> Any:
    return (OK_TAG, x)


def error(e: Any) -> Any:
    return (ERROR_TAG, e)


@pytest.mark.parametrize(
    "name", sorted(n for n in REGISTRY if n.startswith(("Option.", "Result.")))
)
def test_signature_arity_matches(name: str) -> None:
    entry = REGISTRY[name]
    assert entry.arity == top_level_arrows(entry.signature), entry.signature


def never(*_: Any) -> Any:
    raise AssertionError("must not be called")


SOME = make_some(2)

# --------------------------------------------------------------------------- Option (REF)


def test_is_some_is_none() -> None:
    assert call("Option.isSome", SOME) is True
    assert call("Option.isSome", NONE) is False
    assert call("Option.isNone", NONE) is True
    assert call("Option.isNone", SOME) is False


def test_default_value_and_with() -> None:
    assert call("Option.defaultValue", 0, SOME) == 2
    assert call("Option.defaultValue", 0, NONE) == 0
    assert call("Option.defaultWith", never, SOME) == 2
    units: list[Any] = []

    def thunk(unit: Any) -> int:
        units.append(unit)
        return 7

    assert call("Option.defaultWith", thunk, NONE) == 7
    assert units == [None]


def test_map_bind_iter() -> None:
    assert call("Option.map", lambda x: x + 1, SOME) == make_some(3)
    assert call("Option.map", never, NONE) == NONE
    assert call("Option.bind", lambda x: make_some(x * 2), SOME) == make_some(4)
    assert call("Option.bind", lambda x: NONE, SOME) == NONE
    assert call("Option.bind", never, NONE) == NONE
    seen: list[Any] = []
    assert call("Option.iter", seen.append, SOME) is None
    call("Option.iter", never, NONE)
    assert seen == [2]


def test_map2() -> None:
    add = curry2(lambda a, b: a + b)
    assert call("Option.map2", add, make_some(1), make_some(2)) == make_some(3)
    assert call("Option.map2", never, NONE, make_some(2)) == NONE
    assert call("Option.map2", never, make_some(1), NONE) == NONE


def test_or_else_uses_fsharp_argument_order() -> None:
    # Option.orElse ifNone option: F#'s order wins over upstream's (same type: no telling)
    if_none, option = make_some("if none"), make_some("option")
    assert call("Option.orElse", if_none, option) is option
    assert call("Option.orElse", if_none, NONE) is if_none
    assert call("Option.orElse", NONE, NONE) == NONE


# --------------------------------------------------------------------------- Option (F#)


def test_get() -> None:
    assert call("Option.get", SOME) == 2
    fails("ArgumentException", "The option value was None", "Option.get", NONE)


def test_or_else_with_uses_fsharp_order() -> None:
    assert call("Option.orElseWith", never, SOME) is SOME
    assert call("Option.orElseWith", lambda _: make_some(9), NONE) == make_some(9)


def test_map3_filter_flatten() -> None:
    add3 = curry3(lambda a, b, c: a + b + c)
    assert call("Option.map3", add3, SOME, SOME, SOME) == make_some(6)
    assert call("Option.map3", never, SOME, NONE, SOME) == NONE
    assert call("Option.filter", lambda x: x > 1, SOME) is SOME
    assert call("Option.filter", lambda x: x > 5, SOME) == NONE
    assert call("Option.filter", never, NONE) == NONE
    assert call("Option.flatten", make_some(SOME)) is SOME
    assert call("Option.flatten", make_some(NONE)) == NONE
    assert call("Option.flatten", NONE) == NONE


def test_conversions_and_queries() -> None:
    assert call("Option.toList", SOME) == from_iterable([2])
    assert call("Option.toList", NONE) is NIL
    array = call("Option.toArray", SOME)
    assert type(array) is FzArray and array == [2]
    assert call("Option.toArray", NONE) == FzArray()
    assert call("Option.count", SOME) == 1 and call("Option.count", NONE) == 0
    assert call("Option.exists", lambda x: x == 2, SOME) is True
    assert call("Option.exists", never, NONE) is False
    assert call("Option.forall", lambda x: x == 3, SOME) is False
    assert call("Option.forall", never, NONE) is True
    assert call("Option.contains", (1, "a"), make_some((1, "a"))) is True
    assert call("Option.contains", 2.0, SOME) is False
    assert call("Option.contains", 2, NONE) is False
    assert call("Option.fold", curry2(lambda s, x: s + x), 10, SOME) == 12
    assert call("Option.fold", never, 10, NONE) == 10
    assert call("Option.foldBack", curry2(lambda x, s: s - x), SOME, 10) == 8
    assert call("Option.foldBack", never, NONE, 10) == 10


# --------------------------------------------------------------------------- Result


def test_result_ref_functions() -> None:
    good, bad = ok(1), error("e")
    assert call("Result.isOk", good) is True and call("Result.isOk", bad) is False
    assert call("Result.isError", bad) is True and call("Result.isError", good) is False
    assert call("Result.defaultValue", 0, good) == 1
    assert call("Result.defaultValue", 0, bad) == 0
    assert call("Result.defaultWith", never, good) == 1
    assert call("Result.defaultWith", lambda e: e + "!", bad) == "e!"
    assert call("Result.map", lambda x: x + 1, good) == ok(2)
    assert call("Result.map", never, bad) is bad
    assert call("Result.mapError", lambda e: e * 2, bad) == error("ee")
    assert call("Result.mapError", never, good) is good
    assert call("Result.bind", error, good) == error(1)
    assert call("Result.bind", never, bad) is bad
    seen: list[Any] = []
    assert call("Result.iter", seen.append, good) is None
    call("Result.iter", never, bad)
    assert seen == [1]


def test_result_fsharp_functions() -> None:
    good, bad = ok(1), error("e")
    assert call("Result.toOption", good) == make_some(1)
    assert call("Result.toOption", bad) == NONE
    assert call("Result.toList", good) == from_iterable([1])
    assert call("Result.toList", bad) is NIL
    assert call("Result.toArray", good) == FzArray([1])
    assert call("Result.toArray", bad) == FzArray()
    assert call("Result.count", good) == 1 and call("Result.count", bad) == 0
    assert call("Result.exists", lambda x: x == 1, good) is True
    assert call("Result.exists", never, bad) is False
    assert call("Result.forall", lambda x: x == 2, good) is False
    assert call("Result.forall", never, bad) is True
    assert call("Result.contains", 1, good) is True
    assert call("Result.contains", "e", bad) is False
    assert call("Result.fold", curry2(lambda s, x: s + x), 1, good) == 2
    assert call("Result.fold", never, 1, bad) == 1
    assert call("Result.foldBack", curry2(lambda x, s: s * 10 + x), good, 5) == 51
    assert call("Result.foldBack", never, bad, 5) == 5
