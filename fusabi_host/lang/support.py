"""Helpers the generated code calls: checked arithmetic, structural comparison, dynamic field
and member access, pattern tests, ranges, currying and match failures.

Typed code calls few of these (most operations compile to Python operators); code from a unit
that did not type-check calls them for everything, and they check operand types at run time
with the errors F# would have given at compile time.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from typing import Any, Final, NoReturn

from fusabi_host.lang import decimals, guard, lazyseq, transient
from fusabi_host.lang import values as V
from fusabi_host.lang.composite import dotnet_to_string
from fusabi_host.lang.exceptions import fail
from fusabi_host.lang.format import format_list_text
from fusabi_host.lang.mutables import (
    FzArray2D,
    FzDictionary,
    FzHashSet,
    FzQueue,
    FzResizeArray,
    FzStack,
    FzStringBuilder,
)
from fusabi_host.lang.stdlib import (
    array2d_module,
    generic_collections,
    inlined,
    set_module,
    text_module,
)
from fusabi_host.lang.stdlib.char_module import WHITESPACE
from fusabi_host.lang.stdlib.collection_members import COLLECTION_METHODS, COLLECTION_PROPERTIES
from fusabi_host.lang.stdlib.collections_util import (
    CELL_BYTES,
    CHAR_BYTES,
    SLOT_BYTES,
    TUPLE_BYTES,
    fz_array,
    fz_list,
)
from fusabi_host.lang.stdlib.string_module import (
    STRING_MEMBERS,
    index_from,
    split_char,
    substring_of,
)
from fusabi_host.lang.values import (
    NIL,
    Char,
    FusabiException,
    FzArray,
    FzGetter,
    FzMap,
    FzSet,
    Tag,
)

__all__ = ["HELPERS", "Interrupted", "curry"]

INT_MIN: Final = -(1 << 63)
INT_MAX: Final = (1 << 63) - 1
_MOD: Final = 1 << 64


class Interrupted(BaseException):
    """Raised inside plugin code when its deadline passed or it was cancelled.

    A ``BaseException``: plugin ``try ... with`` handlers catch only Fusabi exceptions, so
    plugin code can never swallow it.
    """


def _interrupt() -> NoReturn:
    raise Interrupted()


def _too_deep() -> NoReturn:
    raise RecursionError("plugin code nested too deeply")


# --------------------------------------------------------------------------- integers


def _wrap(value: int) -> int:
    """Bring an int result back into the signed 64-bit range (F# wraps around)."""
    if INT_MIN <= value <= INT_MAX:
        return value
    if type(value) is not int:
        return value  # not an int: left alone (float operands of dynamic code)
    return ((value - INT_MIN) % _MOD) + INT_MIN


def _idiv(a: int, b: int) -> int:
    """F# integer division: truncates toward zero; dividing by zero is an error."""
    if b == 0:
        fail("DivideByZeroException", "Attempted to divide by zero.")
    if a == INT_MIN and b == -1:
        fail("OverflowException", "Arithmetic operation resulted in an overflow.")
    q = abs(a) // abs(b)
    return q if (a >= 0) == (b >= 0) else -q


def _imod(a: int, b: int) -> int:
    """F# remainder: the sign of the dividend."""
    if b == 0:
        fail("DivideByZeroException", "Attempted to divide by zero.")
    r = abs(a) % abs(b)
    return r if a >= 0 else -r


def _fdiv(a: float, b: float) -> float:
    """IEEE division: x / 0.0 is infinity (or NaN), as in F#."""
    if b == 0.0:
        if a == 0.0 or math.isnan(a):
            return math.nan
        negative = (a < 0) != (math.copysign(1.0, b) < 0)
        return -math.inf if negative else math.inf
    return a / b


def _fmod(a: float, b: float) -> float:
    if b == 0.0:
        return math.nan
    return math.fmod(a, b)


def _pow(a: float, b: float) -> float:
    _require_numbers("**", a, b, float)
    try:
        return math.pow(a, b)
    except OverflowError:
        return math.inf
    except ValueError:
        return math.nan


# --------------------------------------------------------------------------- dynamic arithmetic


def _kind(value: object) -> str:
    return V.type_name(value)


def _mismatch(op: str, a: object, b: object) -> NoReturn:
    left, right = _kind(a), _kind(b)
    hint = ""
    if {left, right} == {"int", "float"}:
        hint = " (there is no implicit conversion; use 'float x' or 'int x')"
    fail("InvalidOperationException", f"type mismatch: {left} {op} {right}{hint}")


def _require_numbers(op: str, a: object, b: object, kind: type) -> None:
    if type(a) is not kind or type(b) is not kind:
        _mismatch(op, a, b)


def _add(a: Any, b: Any) -> Any:
    ta, tb = type(a), type(b)
    if ta is tb:
        if ta is int:
            return _wrap(a + b)
        if ta is float:
            return a + b
        if ta is Decimal:
            return decimals.add(a, b)
        if ta is str:
            if len(a) + len(b) > TEXT_CHECK:
                _reserve_text(a, b)
            return a + b
        if ta is FzSet:  # F#'s `s1 + s2`: the union
            return set_module.union(a, b)
    _mismatch("+", a, b)


def _sub(a: Any, b: Any) -> Any:
    ta, tb = type(a), type(b)
    if ta is tb and ta is int:
        return _wrap(a - b)
    if ta is tb and ta is float:
        return a - b
    if ta is tb and ta is Decimal:
        return decimals.subtract(a, b)
    if ta is tb and ta is FzSet:  # F#'s `s1 - s2`: the difference
        return set_module.difference(a, b)
    _mismatch("-", a, b)


def _mul(a: Any, b: Any) -> Any:
    ta, tb = type(a), type(b)
    if ta is tb and ta is int:
        return _wrap(a * b)
    if ta is tb and ta is float:
        return a * b
    if ta is tb and ta is Decimal:
        return decimals.multiply(a, b)
    _mismatch("*", a, b)


def _div(a: Any, b: Any) -> Any:
    ta, tb = type(a), type(b)
    if ta is tb and ta is int:
        return _idiv(a, b)
    if ta is tb and ta is float:
        return _fdiv(a, b)
    if ta is tb and ta is Decimal:
        return decimals.divide(a, b)
    _mismatch("/", a, b)


def _mod(a: Any, b: Any) -> Any:
    ta, tb = type(a), type(b)
    if ta is tb and ta is int:
        return _imod(a, b)
    if ta is tb and ta is float:
        return _fmod(a, b)
    if ta is tb and ta is Decimal:
        return decimals.remainder(a, b)
    _mismatch("%", a, b)


def _neg(a: Any) -> Any:
    if type(a) is int:
        return _wrap(-a)
    if type(a) is float or type(a) is Decimal:
        return -a
    fail("InvalidOperationException", f"type mismatch: -{_kind(a)}")


def _concat(a: Any, b: Any) -> str:
    if type(a) is str and type(b) is str:
        if len(a) + len(b) > TEXT_CHECK:
            _reserve_text(a, b)
        return a + b
    _mismatch("^", a, b)


# --------------------------------------------------------------------------- memory

TEXT_CHECK: Final = 1 << 16
"""Characters a string ``+``/``^`` result may have before it is charged to the run's memory
limit; below this the only cost is one ``len`` of each operand."""

ACC_CHECK: Final = 1 << 13
"""Elements an accumulator (a list comprehension, a lifted ``.fzb`` collection) may gain in
one step, or hold when it becomes a list or an array, before that is charged."""


_len = len  # (the generated code has no builtins: its length test of string + calls this)


def _sadd(a: str, b: str) -> str:
    """Typed string ``+`` and ``^`` (both operands are known to be strings; the generated
    code calls this only for results over :data:`TEXT_CHECK` characters)."""
    if len(a) + len(b) > TEXT_CHECK:
        _reserve_text(a, b)
    return a + b


def _reserve_text(a: str, b: str) -> None:
    """Charge the concatenation of *a* and *b*: one byte a character when both are ASCII,
    four otherwise (CPython stores a string in 1, 2 or 4 bytes a character)."""
    count = len(a) + len(b)
    guard.reserve_bytes(count if a.isascii() and b.isascii() else 4 * count, "string")


def _reserve_growth(source: object, extra: int = 0) -> None:
    """Charge the elements an accumulator gains from ``yield! source`` (an array, string, set
    or map: a collection whose size is known without walking it), each costing *extra* bytes
    besides its slot."""
    t = type(source)
    count = len(source)  # type: ignore[arg-type]
    if count <= ACC_CHECK:
        return
    if t is str:
        per_item = CHAR_BYTES + SLOT_BYTES  # one Char object each
    elif t is FzMap:
        per_item = TUPLE_BYTES + SLOT_BYTES  # one (key, value) tuple each
    else:
        per_item = SLOT_BYTES
    guard.reserve_bytes(count * (per_item + extra), "list")


def _grow(acc: list[object], source: object) -> None:
    """``acc.extend`` of any Fusabi collection, charged to the run: a collection whose
    size is known is charged before it is copied; a cons list (whose cells already cost nine
    times what ``acc`` gains) is copied in batches with a limit check between them."""
    t = type(source)
    if t is list:
        items = _iter(source)
        while True:
            batch = list(itertools.islice(items, ACC_CHECK))
            acc.extend(batch)
            if len(batch) < ACC_CHECK:
                return
            guard.checkpoint()
    if t is V.FzSeq:
        acc.extend(lazyseq.materialise(source, "list", SLOT_BYTES))
        return
    if t is FzArray or t is str or t is FzSet or t is FzMap:
        _reserve_growth(source)
    acc.extend(_iter(source))


def _acc_list(acc: list[object]) -> object:
    """The cons list of a finished accumulator (one 72-byte cell per element)."""
    if len(acc) > ACC_CHECK:
        guard.reserve_bytes(len(acc) * CELL_BYTES, "list")
    return _from_list(acc)


def _acc_array(acc: list[object]) -> FzArray:
    """The array of a finished accumulator (a copy: one slot per element)."""
    if len(acc) > ACC_CHECK:
        guard.reserve_bytes(len(acc) * SLOT_BYTES, "array")
    return FzArray(acc)


def _truth(value: object) -> bool:
    if value is True or value is False:
        return value
    fail("InvalidOperationException", f"type mismatch: expected bool, got {_kind(value)}")


# --------------------------------------------------------------------------- comparison


def _eq(a: object, b: object) -> bool:
    return V.equals(a, b)


def _ne(a: object, b: object) -> bool:
    return not V.equals(a, b)


def _cmp(a: object, b: object) -> int:
    try:
        return V.compare(a, b)
    except TypeError as error:
        fail("InvalidOperationException", str(error))


def _lt(a: object, b: object) -> bool:
    return _cmp(a, b) < 0


def _le(a: object, b: object) -> bool:
    return _cmp(a, b) <= 0


def _gt(a: object, b: object) -> bool:
    return _cmp(a, b) > 0


def _ge(a: object, b: object) -> bool:
    return _cmp(a, b) >= 0


# --------------------------------------------------------------------------- lists, ranges


def _append(a: object, b: object) -> object:
    """``a @ b``: copies the spine of ``a``."""
    items = V.to_pylist(a)
    guard.reserve_list(len(items))
    result = b
    for item in reversed(items):
        result = [item, result]
    return result


def _from_list(items: list[object]) -> object:
    result: object = NIL
    for item in reversed(items):
        result = [item, result]
    return result


def _range_values(start: Any, step: Any, stop: Any) -> Iterable[Any]:
    if type(start) is Char and type(stop) is Char and step is None:  # ['a' .. 'e']
        return (Char(chr(code)) for code in range(ord(start), ord(stop) + 1))
    if step is None:
        step = 1 if type(start) is int else 1.0
    if type(start) is int and type(stop) is int and type(step) is int:
        if step == 0:
            fail("ArgumentException", "The step of a range cannot be zero.")
        end = stop + 1 if step > 0 else stop - 1
        return range(start, end, step)
    if type(start) is float and type(stop) is float and type(step) is float:
        if step == 0.0:
            fail("ArgumentException", "The step of a range cannot be zero.")
        return _float_range(start, step, stop)
    fail(
        "InvalidOperationException",
        "range bounds must both be int, both be float or both be char (without a step)",
    )


def _float_range(start: float, step: float, stop: float) -> Iterator[float]:
    count = math.floor((stop - start) / step + 1e-9) + 1
    guard.reserve_list(max(count, 0), "range")
    for i in range(max(count, 0)):
        yield start + i * step


def _range_list(start: Any, step: Any, stop: Any) -> object:
    values = _range_values(start, step, stop)
    if type(values) is range:
        guard.reserve_list(len(values), "range")
    return _from_list(list(values))


def _range_array(start: Any, step: Any, stop: Any) -> FzArray:
    values = _range_values(start, step, stop)
    if type(values) is range:
        guard.reserve_items(len(values), "range")
    return FzArray(values)


def _range_step(start: int, stop: int, step: int) -> range:
    if step == 0:
        fail("ArgumentException", "The step of a range cannot be zero.")
    return range(start, stop + 1 if step > 0 else stop - 1, step)


def _range_checked(start: Any, stop: Any, step: Any) -> range:
    if type(start) is not int or type(stop) is not int or type(step) is not int:
        fail("InvalidOperationException", "'for' loop bounds must be ints")
    return _range_step(start, stop, step)


def _iter(source: object) -> Iterator[object]:
    """Iterate any Fusabi collection (what ``for x in source`` accepts)."""
    if lazyseq.is_seq_source(source):
        return lazyseq.enumerate_items(source)
    fail("InvalidOperationException", f"cannot iterate over a {_kind(source)}")


# --------------------------------------------------------------------------- lazy sequences


def _seq_gen(body: Callable[[Any], Iterator[Any]]) -> V.FzSeq:
    """A compiled ``seq { }``: its body as a generator function of ``()``."""
    return lazyseq.of_generator(body)


def _seq_splice(source: object) -> lazyseq.Splice:
    """``yield! source`` in a ``seq { }`` body (the driver enumerates *source*)."""
    lazyseq.check_source(source)
    return lazyseq.Splice(source)


def _seq_tail(source: object) -> lazyseq.Tail:
    """``yield! source`` in tail position of a ``seq { }`` body (replaces the body)."""
    lazyseq.check_source(source)
    return lazyseq.Tail(source)


def _range_seq(start: Any, step: Any, stop: Any) -> V.FzSeq:
    """``seq { a .. b }``: checked now, enumerated lazily (a float range again each time)."""
    _range_values(start, step, stop)
    return lazyseq.of_factory(lambda: iter(_range_values(start, step, stop)))


def _extend(acc: list[object], source: object) -> None:
    """``yield! source`` in a comprehension (charged: see :func:`_grow`)."""
    _grow(acc, source)


# --------------------------------------------------------------------------- functions


def _curry2(f: Callable[[Any, Any], Any]) -> Callable[[Any], Any]:
    def curried(a: Any) -> Callable[[Any], Any]:
        return lambda b: f(a, b)

    curried.__fz2__ = f  # type: ignore[attr-defined]
    return curried


def _curry3(f: Callable[[Any, Any, Any], Any]) -> Callable[[Any], Any]:
    def curried(a: Any) -> Callable[[Any], Any]:
        return lambda b: lambda c: f(a, b, c)

    curried.__fz3__ = f  # type: ignore[attr-defined]
    return curried


def _curry4(f: Callable[[Any, Any, Any, Any], Any]) -> Callable[[Any], Any]:
    def curried(a: Any) -> Callable[[Any], Any]:
        return lambda b: lambda c: lambda d: f(a, b, c, d)

    return curried


def curry(f: Callable[..., Any], arity: int) -> Callable[[Any], Any]:
    """*f*, which takes *arity* arguments at once, as a function taking them one at a time
    (generated code calls it as ``_curry``)."""

    def collect(args: tuple[Any, ...]) -> Callable[[Any], Any]:
        def step(x: Any) -> Any:
            collected = (*args, x)
            if len(collected) == arity:
                return f(*collected)
            return collect(collected)

        return step

    return collect(())


def _ctor_partial(tag: Tag, arity: int, given: tuple[Any, ...]) -> Callable[[Any], Any]:
    def step(x: Any) -> Any:
        fields = (*given, x)
        if len(fields) == arity:
            return (tag, *fields)
        return _ctor_partial(tag, arity, fields)

    return step


# --------------------------------------------------------------------------- records, members


def _record_update(
    base: object, fields: dict[str, object], extend: bool = False
) -> dict[str, object]:
    """``{ base with ... }`` (``extend``: ``{| base with ... |}``, which may add fields)."""
    if type(base) is not dict:
        fail("InvalidOperationException", f"'with' needs a record, got {_kind(base)}")
    if not extend:
        for name in fields:
            if name not in base:
                fail("InvalidOperationException", f"the record has no field '{name}'")
    return {**base, **fields}


def _getf(target: object, name: str) -> object:
    """``target.name`` when the target's type is not known at compile time."""
    t = type(target)
    if t is dict:
        try:
            value = target[name]  # type: ignore[index]
        except KeyError:
            known = ", ".join(sorted(target))  # type: ignore[call-overload]
            fail("InvalidOperationException", f"the record has no field '{name}' (it has: {known})")
        if type(value) is FzGetter:  # a property of an interface's value: read it
            return value.getter(None)
        return value
    kind = _property_kind(target)
    getter = _PROPERTIES.get((kind, name)) or COLLECTION_PROPERTIES.get((kind, name))
    if getter is not None:
        return getter(target)
    method = COLLECTION_METHODS.get((kind, name))
    if method is not None:
        return _bound_method(method, target)
    fail("InvalidOperationException", f"a {_kind(target)} has no field or property '{name}'")


def _length(target: object) -> object:
    """``target.Length`` when the target's type is not known at compile time: a string's or
    an array's ``len`` straight away, anything else (a record's ``Length`` field, a list's
    length) as :func:`_getf` finds it."""
    t = type(target)
    if t is str or t is FzArray:
        return len(target)  # type: ignore[arg-type]
    return _getf(target, "Length")


def _bound_method(method: Callable[[Any, Any], object], target: object) -> Callable[..., object]:
    """``m.TryFind`` read as a value (then applied: ``m.TryFind k``): a one-argument
    function of the method's argument, as F# makes a method a first-class function."""

    def bound(argument: object) -> object:
        return method(target, argument)

    return bound


def _property_kind(value: object) -> str:
    t = type(value)
    if t is str:
        return "string"
    if t is list or value is NIL:
        return "list"
    if t is FzArray:
        return "array"
    if t is FzMap:
        return "map"
    if t is FzSet:
        return "set"
    if t is V.FzLazy:
        return "lazy"
    kind = _MUTABLE_KINDS.get(t)
    if kind is not None:
        return kind
    if t is tuple and value and type(value[0]) is Tag:  # type: ignore[index]
        tag = value[0]  # type: ignore[index]
        return (
            "exn" if tag.type_name == "exn" else "option" if tag.type_name == "Option" else "union"
        )
    return _kind(value)


_MUTABLE_KINDS: Final[dict[type, str]] = {
    FzStringBuilder: "stringbuilder",
    FzDictionary: "dictionary",
    FzResizeArray: "resizearray",
    FzHashSet: "hashset",
    FzArray2D: "array2d",
    FzStack: "stack",
    FzQueue: "queue",
}


def _option_value(value: Any) -> object:
    if value[0] is V.SOME_TAG:
        return value[1]
    fail("InvalidOperationException", "The option value was None")


def _list_head(value: Any) -> object:
    if value is NIL:
        fail("ArgumentException", "The input list was empty.")
    return value[0]


def _list_tail(value: Any) -> object:
    if value is NIL:
        fail("ArgumentException", "The input list was empty.")
    return value[1]


def _exn_message(value: object) -> str:
    from fusabi_host.lang.exceptions import exception_message  # noqa: PLC0415

    return exception_message(value)


def _list_length(value: object) -> int:
    n = 0
    while value is not NIL:
        n += 1
        value = value[1]  # type: ignore[index]
    return n


_PROPERTIES: Final[dict[tuple[str, str], Callable[[Any], object]]] = {
    ("string", "Length"): len,
    ("list", "Length"): _list_length,
    ("list", "Count"): _list_length,
    ("list", "Head"): _list_head,
    ("list", "Tail"): _list_tail,
    ("list", "IsEmpty"): lambda v: v is NIL,
    ("array", "Length"): len,
    ("array", "Count"): len,
    ("map", "Count"): len,
    ("map", "IsEmpty"): lambda v: len(v) == 0,
    ("set", "Count"): len,
    ("option", "Value"): _option_value,
    ("option", "IsSome"): lambda v: v[0] is V.SOME_TAG,
    ("option", "IsNone"): lambda v: v[0] is V.NONE_TAG,
    ("exn", "Message"): _exn_message,
    # a (key, value) pair is what enumerating a map or a dictionary gives: .NET's KeyValuePair
    ("tuple", "Key"): lambda v: _pair_item(v, 0, "Key"),
    ("tuple", "Value"): lambda v: _pair_item(v, 1, "Value"),
}


def _pair_item(value: tuple[object, ...], index: int, name: str) -> object:
    if len(value) != 2:
        fail("InvalidOperationException", f"a {len(value)}-tuple has no property '{name}'")
    return value[index]


def _member(target: object, name: str, args: tuple[object, ...]) -> object:
    """A method call ``target.Name(args)``: only the language's own operations."""
    if name == "ToString" and len(args) <= 1:
        if args and type(args[0]) is not str:
            fail("ArgumentException", "ToString takes a format string")
        return dotnet_to_string(target, str(args[0]) if args else None)
    if type(target) is str:
        method = STRING_MEMBERS.get(name)
        if method is not None:
            return method(target, *args)
    argument = args[0] if len(args) == 1 else tuple(args) if args else None
    if type(target) is dict and callable(method := target.get(name)):  # an interface's method
        return method(argument)
    collection_method = COLLECTION_METHODS.get((_property_kind(target), name))
    if collection_method is not None:
        return collection_method(target, argument)
    fail("InvalidOperationException", f"a {_kind(target)} has no method '{name}'")


def _setf(target: object, name: str, value: object) -> None:
    if type(target) is FzStringBuilder and name == "Length":
        text_module.set_length(target, value)
        return
    if type(target) is not dict or name not in target:
        fail("InvalidOperationException", f"cannot set field '{name}' of a {_kind(target)}")
    target[name] = value


# --------------------------------------------------------------------------- indexing


def _index(target: object, index: object) -> object:
    t = type(target)
    if t is FzArray or t is str:
        if type(index) is not int:
            fail("InvalidOperationException", f"an index must be an int, got {_kind(index)}")
        if 0 <= index < len(target):  # type: ignore[arg-type]
            item = target[index]  # type: ignore[index]
            return (V.LATIN1_CHARS.get(item) or Char(item)) if t is str else item
        fail(
            "IndexOutOfRangeException",
            f"Index was outside the bounds of the array. (index {index}, length {len(target)})",  # type: ignore[arg-type]
        )
    if t is list or target is NIL:
        if type(index) is not int or index < 0:
            fail("ArgumentException", f"The index must be non-negative, got {index}")
        current = target
        for _ in range(index):
            if current is NIL:
                break
            current = current[1]  # type: ignore[index]
        if current is NIL:
            fail("ArgumentException", f"The index {index} is outside the list")
        return current[0]  # type: ignore[index]
    if t is FzMap:
        if index not in target:  # type: ignore[operator]
            fail("KeyNotFoundException", "The given key was not present in the dictionary.")
        return target.get(index)  # type: ignore[attr-defined]
    if t is FzDictionary:
        return generic_collections.dictionary_item(target, index)  # type: ignore[arg-type]
    if t is FzResizeArray:
        return generic_collections.resize_item(target, index)  # type: ignore[arg-type]
    if t is FzArray2D:
        row, col = array2d_module.index_pair(index)
        return array2d_module.get(target, row, col)  # type: ignore[arg-type]
    fail("InvalidOperationException", f"cannot index a {_kind(target)}")


def _slice(target: object, start: object, stop: object) -> object:
    t = type(target)
    length = len(target) if t in (str, FzArray) else len(V.to_pylist(target))  # type: ignore[arg-type]
    lo = 0 if start is None else max(int(start), 0)  # type: ignore[call-overload]
    hi = length - 1 if stop is None else min(int(stop), length - 1)  # type: ignore[call-overload]
    if t is str:
        return target[lo : hi + 1]  # type: ignore[index]
    if t is FzArray:
        return FzArray(target[lo : hi + 1])  # type: ignore[index]
    if t is list or target is NIL:
        return _from_list(V.to_pylist(target)[lo : hi + 1])
    fail("InvalidOperationException", f"cannot slice a {_kind(target)}")


def _set_index(target: object, index: object, value: object) -> None:
    if type(target) is FzDictionary:
        generic_collections.dictionary_set(target, index, value)
        return
    if type(target) is FzResizeArray:
        generic_collections.resize_set(target, index, value)
        return
    if type(target) is FzArray2D:
        row, col = array2d_module.index_pair(index)
        array2d_module.set_(target, row, col, value)  # type: ignore[arg-type]
        return
    if type(target) is not FzArray:
        fail(
            "InvalidOperationException",
            f"only arrays can be assigned by index, not a {_kind(target)}",
        )
    if type(index) is not int or not 0 <= index < len(target):
        fail("IndexOutOfRangeException", "Index was outside the bounds of the array.")
    target[index] = value


# --------------------------------------------------------------------------- patterns


def _match_fail(value: object, line: int, what: str) -> NoReturn:
    from fusabi_host.lang.display import display  # noqa: PLC0415

    shown = display(value)
    if len(shown) > 200:
        shown = shown[:200] + "..."
    fail(
        "MatchFailureException",
        f"no {what} pattern matched the value {shown} (line {line})",
    )


def _const_eq(value: object, constant: object) -> bool:
    return type(value) is type(constant) and value == constant


def _is_tuple(value: object, length: int) -> bool:
    return type(value) is tuple and len(value) == length and not (length and type(value[0]) is Tag)


def _is_cons(value: object) -> bool:
    return type(value) is list


def _is_array(value: object, length: int) -> bool:
    return type(value) is FzArray and len(value) == length


def _has_fields(value: object, names: tuple[str, ...]) -> bool:
    return type(value) is dict and all(n in value for n in names)


def _is_case(value: object, tag: Tag) -> bool:
    return type(value) is tuple and len(value) > 0 and value[0] is tag


# --------------------------------------------------------------------------- bytecode ops


def _tuple_get(value: object, index: int) -> object:
    if type(value) is not tuple or (value and type(value[0]) is Tag):
        fail("InvalidOperationException", f"expected a tuple, got {_kind(value)}")
    if not 0 <= index < len(value):
        fail("InvalidOperationException", f"the tuple has no item {index}")
    return value[index]


def _case_field(value: object, index: int) -> object:
    if not (type(value) is tuple and value and type(value[0]) is Tag):
        fail("InvalidOperationException", f"expected a union value, got {_kind(value)}")
    if not 0 <= index < len(value) - 1:
        fail("InvalidOperationException", f"the union case has no field {index}")
    return value[index + 1]


def _i_is_tuple(value: object, length: int) -> bool:
    return _is_tuple(value, length)


def _i_case_named(value: object, name: str) -> bool:
    return (
        type(value) is tuple
        and len(value) > 0
        and type(value[0]) is Tag
        and (value[0].name == name)
    )


def _i_is_nil(value: object) -> bool:
    if value is NIL:
        return True
    if type(value) is list:
        return False
    fail("InvalidOperationException", f"expected a list, got {_kind(value)}")


def _i_array_update(array: object, index: object, value: object) -> FzArray:
    """Upstream ``ArrayUpdate``: a copy of the array with one element replaced."""
    if type(array) is not FzArray:
        fail("InvalidOperationException", f"expected an array, got {_kind(array)}")
    copy = FzArray(array)
    _set_index(copy, index, value)
    return copy


def _i_array_length(array: object) -> int:
    if type(array) is not FzArray:
        fail("InvalidOperationException", f"expected an array, got {_kind(array)}")
    return len(array)


def _i_check(value: object, constant: object) -> bool:
    """Upstream ``CheckInt``/``CheckBool``/``CheckString``: same kind and value."""
    return type(value) is type(constant) and value == constant


def _i_acc_new(_unit: object) -> FzArray:
    return FzArray()


def _i_acc_add(acc: FzArray, value: object) -> None:
    acc.append(value)


def _i_acc_add_many(acc: FzArray, source: object) -> None:
    _grow(acc, source)


def _i_acc_done(acc: FzArray, kind: str) -> object:
    if kind == "array":
        return _acc_array(acc)
    if kind == "seq":  # (bytecode builds a seq eagerly: upstream has no lazy sequences)
        return lazyseq.of_items(list(acc))
    if len(acc) > ACC_CHECK:  # a copy of the slots, then the cells
        guard.reserve_bytes(len(acc) * (SLOT_BYTES + CELL_BYTES), "list")
    return _from_list(list(acc))


def _i_to_list(source: object) -> object:
    t = type(source)
    if t is list or source is NIL:
        return source
    if t is FzArray or t is str or t is FzSet or t is FzMap:
        _reserve_growth(source, CELL_BYTES)
    return _from_list(list(_iter(source)))


def _i_check_step(step: object) -> object:
    if type(step) is not int:
        fail("InvalidOperationException", "the step of a 'for' loop must be an int")
    if step == 0:
        fail("ArgumentException", "The step of a range cannot be zero.")
    return step


def _i_in_range(counter: int, limit: int, step: int) -> bool:
    return counter <= limit if step > 0 else counter >= limit


def _native_fn(func: Any, name: str) -> Any:
    """Mark a library function used as a value, so it displays as ``<native fn NAME>``."""
    if hasattr(func, "__dict__"):  # (not a built-in callable)
        func.__fz_native__ = name
    return func


_format_list_text = format_list_text
_curry = curry
_init_count = inlined.init_count
_mapped_array_start = inlined.mapped_array_start
_list_of_results = inlined.list_of_results
_list_of_mapped = inlined.list_of_mapped
_fz_array = fz_array
_split_char = split_char
_substring = substring_of
_index_from = index_from
_fz_list = fz_list
_map_table = transient.map_table
_set_table = transient.set_table
_map_of_table = transient.map_of_table
_set_of_table = transient.set_of_table
_map_add = transient.map_add
_map_remove = transient.map_remove
_map_try_find = transient.map_try_find
_map_find = transient.map_find
_map_contains = transient.map_contains
_set_add = transient.set_add
_set_remove = transient.set_remove
_set_contains = transient.set_contains

HELPERS: Final[dict[str, object]] = {
    name: obj
    for name, obj in dict(globals()).items()
    if name.startswith("_") and not name.startswith("__") and callable(obj)
}
HELPERS.update(
    {
        "_NIL": NIL,
        "_NONE": V.NONE,
        "_SOME": V.SOME_TAG,
        "_FzArray": FzArray,
        "_Char": Char,
        "_chars": V.LATIN1_CHARS,
        "_FzExc": FusabiException,
        "_getter": FzGetter,
        "_string_methods": STRING_MEMBERS,
        "_len": len,
        "_int_text": int.__repr__,
        "_contains_text": str.__contains__,
        "_ord": ord,
        "_IndexError": IndexError,
        "_whitespace": WHITESPACE,
        "_range": range,
        "_stop": False,
        "_few_items": 0,  # (set by each run to its guard's: see guard.FEW_ITEMS)
        "_dep0": 1 << 62,
    }
)
for _private in (
    "_kind",
    "_mismatch",
    "_require_numbers",
    "_float_range",
    "_range_values",
    "_property_kind",
    "_option_value",
    "_exn_message",
    "_list_length",
    "_cmp",
    "_reserve_text",
    "_reserve_growth",
    "_grow",
):
    HELPERS.pop(_private, None)
