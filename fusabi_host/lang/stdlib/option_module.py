"""The ``Option`` and ``Result`` modules.

The upstream (REF) functions keep their name, arity and argument order, except
``Option.orElse``: upstream's ``Option.orElse a b`` returns ``a`` when it is ``Some``, the
reverse of F#'s ``Option.orElse ifNone option``; the two have the same type and cannot be told
apart, so F#'s order wins (a deviation from upstream, listed in ``docs/fsharp.rst``).  The F#
core functions REF lacks are added with F# names, signatures and semantics.
``Result.defaultWith f r`` passes the error to ``f``, as both REF and F# do.

``Option.orElseWith ifNoneThunk option`` (not in REF) has F#'s argument order too.
``Option.get None`` raises ``ArgumentException "The option value was None"``.
"""

from __future__ import annotations

from typing import Any

from fusabi_host.lang.exceptions import fail
from fusabi_host.lang.stdlib.collections_util import Fn
from fusabi_host.lang.stdlib.registry import builtin
from fusabi_host.lang.values import (
    ERROR_TAG,
    NIL,
    NONE,
    OK_TAG,
    SOME_TAG,
    FzArray,
    equals,
    make_some,
)

# --------------------------------------------------------------------------- Option (REF)


@builtin("Option.isSome", "'a option -> bool")
def is_some(option: Any) -> bool:
    return option[0] is SOME_TAG


@builtin("Option.isNone", "'a option -> bool")
def is_none(option: Any) -> bool:
    return option[0] is not SOME_TAG


@builtin("Option.defaultValue", "'a -> 'a option -> 'a")
def default_value(default: Any, option: Any) -> Any:
    return option[1] if option[0] is SOME_TAG else default


@builtin("Option.defaultWith", "(unit -> 'a) -> 'a option -> 'a")
def default_with(thunk: Fn, option: Any) -> Any:
    return option[1] if option[0] is SOME_TAG else thunk(None)


@builtin("Option.map", "('a -> 'b) -> 'a option -> 'b option")
def map_(mapping: Fn, option: Any) -> Any:
    return make_some(mapping(option[1])) if option[0] is SOME_TAG else NONE


@builtin("Option.bind", "('a -> 'b option) -> 'a option -> 'b option")
def bind(binder: Fn, option: Any) -> Any:
    return binder(option[1]) if option[0] is SOME_TAG else NONE


@builtin("Option.iter", "('a -> unit) -> 'a option -> unit")
def iter_(action: Fn, option: Any) -> None:
    if option[0] is SOME_TAG:
        action(option[1])


@builtin("Option.map2", "('a -> 'b -> 'c) -> 'a option -> 'b option -> 'c option")
def map2(mapping: Fn, first: Any, second: Any) -> Any:
    if first[0] is SOME_TAG and second[0] is SOME_TAG:
        return make_some(mapping(first[1])(second[1]))
    return NONE


@builtin("Option.orElse", "'a option -> 'a option -> 'a option")
def or_else(if_none: Any, option: Any) -> Any:
    """F#'s ``Option.orElse ifNone option``: *option* if it is ``Some``, else *if_none*.
    Upstream's order is the reverse, with the same type, so the two cannot be told apart:
    F# wins (a documented deviation from upstream)."""
    return option if option[0] is SOME_TAG else if_none


# --------------------------------------------------------------------------- Option (F#)


@builtin("Option.get", "'a option -> 'a")
def get(option: Any) -> Any:
    if option[0] is not SOME_TAG:
        fail("ArgumentException", "The option value was None")
    return option[1]


@builtin(
    "Option.map3", "('a -> 'b -> 'c -> 'd) -> 'a option -> 'b option -> 'c option -> 'd option"
)
def map3(mapping: Fn, first: Any, second: Any, third: Any) -> Any:
    if first[0] is SOME_TAG and second[0] is SOME_TAG and third[0] is SOME_TAG:
        return make_some(mapping(first[1])(second[1])(third[1]))
    return NONE


@builtin("Option.orElseWith", "(unit -> 'a option) -> 'a option -> 'a option")
def or_else_with(thunk: Fn, option: Any) -> Any:
    """F# order: *option* if it is ``Some``, else ``thunk ()``."""
    return option if option[0] is SOME_TAG else thunk(None)


@builtin("Option.filter", "('a -> bool) -> 'a option -> 'a option")
def filter_(predicate: Fn, option: Any) -> Any:
    return option if option[0] is SOME_TAG and predicate(option[1]) else NONE


@builtin("Option.flatten", "'a option option -> 'a option")
def flatten(option: Any) -> Any:
    return option[1] if option[0] is SOME_TAG else NONE


@builtin("Option.toList", "'a option -> 'a list")
def to_list(option: Any) -> Any:
    return [option[1], NIL] if option[0] is SOME_TAG else NIL


@builtin("Option.toArray", "'a option -> 'a array")
def to_array(option: Any) -> FzArray:
    return FzArray([option[1]] if option[0] is SOME_TAG else [])


@builtin("Option.count", "'a option -> int")
def count(option: Any) -> int:
    return 1 if option[0] is SOME_TAG else 0


@builtin("Option.exists", "('a -> bool) -> 'a option -> bool")
def exists(predicate: Fn, option: Any) -> bool:
    return option[0] is SOME_TAG and bool(predicate(option[1]))


@builtin("Option.forall", "('a -> bool) -> 'a option -> bool")
def forall(predicate: Fn, option: Any) -> bool:
    return option[0] is not SOME_TAG or bool(predicate(option[1]))


@builtin("Option.contains", "'a -> 'a option -> bool")
def contains(item: Any, option: Any) -> bool:
    return option[0] is SOME_TAG and equals(item, option[1])


@builtin("Option.fold", "('s -> 'a -> 's) -> 's -> 'a option -> 's")
def fold(folder: Fn, state: Any, option: Any) -> Any:
    return folder(state)(option[1]) if option[0] is SOME_TAG else state


@builtin("Option.foldBack", "('a -> 's -> 's) -> 'a option -> 's -> 's")
def fold_back(folder: Fn, option: Any, state: Any) -> Any:
    return folder(option[1])(state) if option[0] is SOME_TAG else state


# --------------------------------------------------------------------------- Result (REF)


@builtin("Result.isOk", "Result<'a, 'e> -> bool")
def is_ok(result: Any) -> bool:
    return result[0] is OK_TAG


@builtin("Result.isError", "Result<'a, 'e> -> bool")
def is_error(result: Any) -> bool:
    return result[0] is ERROR_TAG


@builtin("Result.defaultValue", "'a -> Result<'a, 'e> -> 'a")
def result_default_value(default: Any, result: Any) -> Any:
    return result[1] if result[0] is OK_TAG else default


@builtin("Result.defaultWith", "('e -> 'a) -> Result<'a, 'e> -> 'a")
def result_default_with(on_error: Fn, result: Any) -> Any:
    return result[1] if result[0] is OK_TAG else on_error(result[1])


@builtin("Result.map", "('a -> 'b) -> Result<'a, 'e> -> Result<'b, 'e>")
def result_map(mapping: Fn, result: Any) -> Any:
    return (OK_TAG, mapping(result[1])) if result[0] is OK_TAG else result


@builtin("Result.mapError", "('e -> 'f) -> Result<'a, 'e> -> Result<'a, 'f>")
def result_map_error(mapping: Fn, result: Any) -> Any:
    return (ERROR_TAG, mapping(result[1])) if result[0] is ERROR_TAG else result


@builtin("Result.bind", "('a -> Result<'b, 'e>) -> Result<'a, 'e> -> Result<'b, 'e>")
def result_bind(binder: Fn, result: Any) -> Any:
    return binder(result[1]) if result[0] is OK_TAG else result


@builtin("Result.iter", "('a -> unit) -> Result<'a, 'e> -> unit")
def result_iter(action: Fn, result: Any) -> None:
    if result[0] is OK_TAG:
        action(result[1])


# --------------------------------------------------------------------------- Result (F#)


@builtin("Result.toOption", "Result<'a, 'e> -> 'a option")
def result_to_option(result: Any) -> Any:
    return make_some(result[1]) if result[0] is OK_TAG else NONE


@builtin("Result.toList", "Result<'a, 'e> -> 'a list")
def result_to_list(result: Any) -> Any:
    return [result[1], NIL] if result[0] is OK_TAG else NIL


@builtin("Result.toArray", "Result<'a, 'e> -> 'a array")
def result_to_array(result: Any) -> FzArray:
    return FzArray([result[1]] if result[0] is OK_TAG else [])


@builtin("Result.count", "Result<'a, 'e> -> int")
def result_count(result: Any) -> int:
    return 1 if result[0] is OK_TAG else 0


@builtin("Result.exists", "('a -> bool) -> Result<'a, 'e> -> bool")
def result_exists(predicate: Fn, result: Any) -> bool:
    return result[0] is OK_TAG and bool(predicate(result[1]))


@builtin("Result.forall", "('a -> bool) -> Result<'a, 'e> -> bool")
def result_forall(predicate: Fn, result: Any) -> bool:
    return result[0] is not OK_TAG or bool(predicate(result[1]))


@builtin("Result.contains", "'a -> Result<'a, 'e> -> bool")
def result_contains(item: Any, result: Any) -> bool:
    return result[0] is OK_TAG and equals(item, result[1])


@builtin("Result.fold", "('s -> 'a -> 's) -> 's -> Result<'a, 'e> -> 's")
def result_fold(folder: Fn, state: Any, result: Any) -> Any:
    return folder(state)(result[1]) if result[0] is OK_TAG else state


@builtin("Result.foldBack", "('a -> 's -> 's) -> Result<'a, 'e> -> 's -> 's")
def result_fold_back(folder: Fn, result: Any, state: Any) -> Any:
    return folder(result[1])(state) if result[0] is OK_TAG else state
