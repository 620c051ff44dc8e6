"""The ``Seq`` module: F#'s lazy sequences.

REF has no ``Seq`` module; these are F#'s functions with F#'s names and signatures.  A
``'a seq`` argument may be any Fusabi collection -- a list, an array, a set (ascending), a map
(its ``(key, value)`` tuples in key order; F# would give ``KeyValuePair`` values), a string
(its chars) -- or a lazy sequence (:class:`~fusabi_host.lang.values.FzSeq`: ``seq { }``, or
the result of a function below).

Sequences are **lazy**, as in F#: a function that returns a ``'a seq`` returns a lazy
sequence at once, and its callbacks run when (and each time) the result is enumerated; only
``Seq.cache`` remembers the elements.  So ``Seq.initInfinite``, ``Seq.unfold`` and recursive
``seq { }`` give infinite sequences, and ``Seq.take``/``Seq.truncate``/``Seq.item`` consume only
what they need.  Arguments are checked when the function is called (a negative count, a
non-sequence), misuse found while enumerating raises then (``Seq.take`` past the end:
``InvalidOperationException``), as F# does.  The sorting and grouping functions, ``rev`` and
the like buffer their whole input when their result is first enumerated.  Otherwise F#
semantics hold, including the ones that differ from ``List``: ``Seq.zip``, ``Seq.map2``,
``Seq.iter2``, ``Seq.forall2`` and ``Seq.exists2`` stop at the end of the shorter input;
``Seq.skip`` past the end raises ``InvalidOperationException``.  As in the other collection
modules, ``Seq.sum`` is typed ``'a seq -> 'a`` (the sum of nothing is the int ``0``) and
averages are typed for floats.

Enumeration goes through :mod:`fusabi_host.lang.lazyseq`, which charges every element to the
run and bounds nesting; every function that materialises (``toList``, ``toArray``, ``sort``,
``rev``...) checks the collection-size and memory limits as the buffer grows, so an infinite
sequence given to ``Seq.toList`` or ``Seq.length`` ends in ``LimitExceeded``.  Plugin
callbacks run only from Python loops and generators, never from inside a C function (see
:mod:`~fusabi_host.lang.stdlib.collections_util`).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from typing import Any

from fusabi_host.lang import guard, lazyseq
from fusabi_host.lang.context import Context
from fusabi_host.lang.exceptions import fail
from fusabi_host.lang.stdlib import collections_util as cu
from fusabi_host.lang.stdlib.collections_util import Fn
from fusabi_host.lang.stdlib.registry import builtin, value
from fusabi_host.lang.values import (
    NIL,
    NONE,
    SOME_TAG,
    FzArray,
    FzMap,
    FzSeq,
    FzSet,
    from_iterable,
    key_of,
    make_some,
)

KIND = "sequence"

value("Seq.empty", "'a seq", NIL)

_check = lazyseq.check_source
_iter = lazyseq.enumerate_items


def _items(source: Any) -> list[Any]:
    """Every element of *source* as a Python list (limits checked as it grows)."""
    if type(source) is FzSeq:
        return lazyseq.materialise(source, KIND, cu.SLOT_BYTES)
    return cu.items_of(source)


def _lazy(factory: Callable[[], Iterator[Any]]) -> FzSeq:
    """A lazy sequence whose every enumeration runs ``factory()``."""
    return lazyseq.of_factory(factory)


def _buffered(compute: Callable[[], list[Any]]) -> FzSeq:
    """A lazy sequence computed as a whole when enumerated (sorting, grouping, ``rev``)."""
    return _lazy(lambda: iter(compute()))


def _arrays(rows: Iterator[list[Any]]) -> Iterator[FzArray]:
    return (FzArray(row) for row in rows)


# --------------------------------------------------------------------------- conversion


@builtin("Seq.ofList", "'a list -> 'a seq")
def of_list(xs: Any) -> Any:
    return xs


@builtin("Seq.ofArray", "'a array -> 'a seq")
def of_array(array: FzArray) -> Any:
    _check(array)
    return _lazy(lambda: iter(list(array)))


@builtin("Seq.toList", "'a seq -> 'a list")
def to_list(source: Any) -> Any:
    if type(source) is list or source is NIL:
        return source
    return cu.fz_list(_items(source), KIND)


@builtin("Seq.toArray", "'a seq -> 'a array")
def to_array(source: Any) -> FzArray:
    return cu.fz_array(_items(source))


@builtin("Seq.cast", "'a seq -> 'b seq")
def cast(source: Any) -> Any:
    _check(source)
    return _lazy(lambda: _iter(source))


@builtin("Seq.singleton", "'a -> 'a seq")
def singleton(item: Any) -> Any:
    return _lazy(lambda: iter((item,)))


@builtin("Seq.init", "int -> (int -> 'a) -> 'a seq", context=True)
def init(ctx: Context, count: int, initializer: Fn) -> Any:
    cu.check_count(count)
    return _lazy(lambda: (initializer(i) for i in range(count)))


@builtin("Seq.initInfinite", "(int -> 'a) -> 'a seq")
def init_infinite(initializer: Fn) -> Any:
    return _lazy(lambda: (initializer(i) for i in itertools.count()))


@builtin("Seq.replicate", "int -> 'a -> 'a seq", context=True)
def replicate(ctx: Context, count: int, item: Any) -> Any:
    cu.check_count(count)
    return _lazy(lambda: itertools.repeat(item, count))


@builtin("Seq.unfold", "('s -> ('a * 's) option) -> 's -> 'a seq")
def unfold(generator: Fn, state: Any) -> Any:
    def run() -> Iterator[Any]:
        current = state
        while True:
            found = generator(current)
            if found[0] is not SOME_TAG:
                return
            element, current = found[1]
            yield element

    return _lazy(run)


@builtin("Seq.delay", "(unit -> 'a seq) -> 'a seq")
def delay(generator: Fn) -> Any:
    def run() -> Iterator[Any]:
        source = generator(None)
        _check(source)
        yield lazyseq.Splice(source)  # (flattened by the driver: no nesting)

    return _lazy(run)


@builtin("Seq.cache", "'a seq -> 'a seq")
def cache(source: Any) -> Any:
    _check(source)
    if type(source) is not FzSeq:
        return source
    buffer: list[Any] = []
    state: dict[str, Any] = {"iterator": None, "done": False}

    def run() -> Iterator[Any]:
        index = 0
        while True:
            if index < len(buffer):
                yield buffer[index]
                index += 1
                continue
            if state["done"]:
                return
            if state["iterator"] is None:
                state["iterator"] = _iter(source)
            try:
                element = next(state["iterator"])
            except StopIteration:
                state["done"] = True
                return
            buffer.append(element)
            if not len(buffer) % cu.BATCH:
                guard.reserve_items(len(buffer), KIND, cu.SLOT_BYTES)

    return _lazy(run)


@builtin("Seq.append", "'a seq -> 'a seq -> 'a seq")
def append(first: Any, second: Any) -> Any:
    _check(first)
    _check(second)
    return _lazy(lambda: iter((lazyseq.Splice(first), lazyseq.Splice(second))))


@builtin("Seq.concat", "'a seq seq -> 'a seq")
def concat(sources: Any) -> Any:
    _check(sources)

    def run() -> Iterator[Any]:
        for inner in _iter(sources):
            _check(inner)
            yield lazyseq.Splice(inner)

    return _lazy(run)


# --------------------------------------------------------------------------- basics


def _first(source: Any) -> tuple[bool, Any]:
    """``(True, head)`` or ``(False, None)`` for an empty sequence (enumerates one element)."""
    for element in _iter(source):
        return True, element
    return False, None


@builtin("Seq.length", "'a seq -> int")
def length(source: Any) -> int:
    if type(source) in (FzArray, FzMap, FzSet, str):
        return len(source)
    count = 0
    for _ in _iter(source):
        count += 1
    return count


@builtin("Seq.isEmpty", "'a seq -> bool")
def is_empty(source: Any) -> bool:
    if source is NIL:
        return True
    if type(source) is list:
        return False
    return not _first(source)[0]


@builtin("Seq.head", "'a seq -> 'a")
def head(source: Any) -> Any:
    found, element = _first(source)
    if not found:
        cu.empty_input(KIND)
    return element


@builtin("Seq.tryHead", "'a seq -> 'a option")
def try_head(source: Any) -> Any:
    found, element = _first(source)
    return make_some(element) if found else NONE


@builtin("Seq.tail", "'a seq -> 'a seq")
def tail(source: Any) -> Any:
    _check(source)

    def run() -> Iterator[Any]:
        iterator = _iter(source)
        for _ in iterator:
            break
        else:
            fail("ArgumentException", "The input sequence was empty.")
        yield from iterator  # (a plain iterator: no chain)

    return _lazy(run)


def _last(source: Any) -> tuple[bool, Any]:
    found, element = False, None
    for element in _iter(source):  # noqa: B007
        found = True
    return found, element


@builtin("Seq.last", "'a seq -> 'a")
def last(source: Any) -> Any:
    found, element = _last(source)
    if not found:
        cu.empty_input(KIND)
    return element


@builtin("Seq.tryLast", "'a seq -> 'a option")
def try_last(source: Any) -> Any:
    found, element = _last(source)
    return make_some(element) if found else NONE


def _nth(index: int, source: Any) -> tuple[bool, Any]:
    if index < 0:
        return False, None
    for element in itertools.islice(_iter(source), index, None):
        return True, element
    return False, None


@builtin("Seq.item", "int -> 'a seq -> 'a")
def item(index: int, source: Any) -> Any:
    if index < 0:
        cu.must_be_non_negative()
    found, element = _nth(index, source)
    if not found:
        cu.index_outside(KIND)
    return element


@builtin("Seq.tryItem", "int -> 'a seq -> 'a option")
def try_item(index: int, source: Any) -> Any:
    found, element = _nth(index, source)
    return make_some(element) if found else NONE


def _up_to_two(source: Any) -> list[Any]:
    return list(itertools.islice(_iter(source), 2))


@builtin("Seq.exactlyOne", "'a seq -> 'a")
def exactly_one(source: Any) -> Any:
    return cu.exactly_one(_up_to_two(source), KIND)


@builtin("Seq.tryExactlyOne", "'a seq -> 'a option")
def try_exactly_one(source: Any) -> Any:
    items = _up_to_two(source)
    return make_some(items[0]) if len(items) == 1 else NONE


# --------------------------------------------------------------------------- mapping


@builtin("Seq.map", "('a -> 'b) -> 'a seq -> 'b seq")
def map_(mapping: Fn, source: Any) -> Any:
    _check(source)
    return _lazy(lambda: (mapping(x) for x in _iter(source)))


@builtin("Seq.mapi", "(int -> 'a -> 'b) -> 'a seq -> 'b seq")
def mapi(mapping: Fn, source: Any) -> Any:
    _check(source)
    return _lazy(lambda: (mapping(i)(x) for i, x in enumerate(_iter(source))))


def _zipped(*sources: Any) -> Iterator[tuple[Any, ...]]:
    """The sources' elements side by side, to the end of the shortest (a Python loop, so a
    callback pulling from one of them never runs under C's ``zip``)."""
    iterators = [_iter(s) for s in sources]
    while True:
        row = []
        for iterator in iterators:
            for element in iterator:
                row.append(element)
                break
            else:
                return
        yield tuple(row)


def _check_all(*sources: Any) -> None:
    for source in sources:
        _check(source)


@builtin("Seq.map2", "('a -> 'b -> 'c) -> 'a seq -> 'b seq -> 'c seq")
def map2(mapping: Fn, first: Any, second: Any) -> Any:
    _check_all(first, second)
    return _lazy(lambda: (mapping(a)(b) for a, b in _zipped(first, second)))


@builtin("Seq.map3", "('a -> 'b -> 'c -> 'd) -> 'a seq -> 'b seq -> 'c seq -> 'd seq")
def map3(mapping: Fn, first: Any, second: Any, third: Any) -> Any:
    _check_all(first, second, third)
    return _lazy(lambda: (mapping(a)(b)(c) for a, b, c in _zipped(first, second, third)))


@builtin("Seq.mapi2", "(int -> 'a -> 'b -> 'c) -> 'a seq -> 'b seq -> 'c seq")
def mapi2(mapping: Fn, first: Any, second: Any) -> Any:
    _check_all(first, second)
    return _lazy(lambda: (mapping(i)(a)(b) for i, (a, b) in enumerate(_zipped(first, second))))


@builtin("Seq.iter", "('a -> unit) -> 'a seq -> unit")
def iter_(action: Fn, source: Any) -> None:
    for x in _iter(source):
        action(x)


@builtin("Seq.iteri", "(int -> 'a -> unit) -> 'a seq -> unit")
def iteri(action: Fn, source: Any) -> None:
    for i, x in enumerate(_iter(source)):
        action(i)(x)


@builtin("Seq.iter2", "('a -> 'b -> unit) -> 'a seq -> 'b seq -> unit")
def iter2(action: Fn, first: Any, second: Any) -> None:
    for a, b in _zipped(first, second):
        action(a)(b)


@builtin("Seq.indexed", "'a seq -> (int * 'a) seq")
def indexed(source: Any) -> Any:
    _check(source)
    return _lazy(lambda: enumerate(_iter(source)))


@builtin("Seq.pairwise", "'a seq -> ('a * 'a) seq")
def pairwise(source: Any) -> Any:
    _check(source)
    return _lazy(lambda: itertools.pairwise(_iter(source)))


@builtin("Seq.zip", "'a seq -> 'b seq -> ('a * 'b) seq")
def zip_(first: Any, second: Any) -> Any:
    _check_all(first, second)
    return _lazy(lambda: _zipped(first, second))


@builtin("Seq.zip3", "'a seq -> 'b seq -> 'c seq -> ('a * 'b * 'c) seq")
def zip3(first: Any, second: Any, third: Any) -> Any:
    _check_all(first, second, third)
    return _lazy(lambda: _zipped(first, second, third))


@builtin("Seq.allPairs", "'a seq -> 'b seq -> ('a * 'b) seq", context=True)
def all_pairs(ctx: Context, first: Any, second: Any) -> Any:
    _check_all(first, second)

    def run() -> Iterator[Any]:
        right = _items(second)
        for a in _iter(first):
            for b in right:
                yield (a, b)

    return _lazy(run)


@builtin("Seq.windowed", "int -> 'a seq -> 'a array seq", context=True)
def windowed(ctx: Context, size: int, source: Any) -> Any:
    _check(source)
    if size <= 0:
        cu.must_be_positive()

    def run() -> Iterator[Any]:
        window: list[Any] = []
        for element in _iter(source):
            window.append(element)
            if len(window) > size:
                del window[0]
            if len(window) == size:
                yield FzArray(window)

    return _lazy(run)


@builtin("Seq.chunkBySize", "int -> 'a seq -> 'a array seq")
def chunk_by_size(size: int, source: Any) -> Any:
    _check(source)
    if size <= 0:
        cu.must_be_positive()

    def run() -> Iterator[Any]:
        iterator = _iter(source)
        while True:
            chunk = list(itertools.islice(iterator, size))
            if not chunk:
                return
            yield FzArray(chunk)
            if len(chunk) < size:
                return

    return _lazy(run)


@builtin("Seq.splitInto", "int -> 'a seq -> 'a array seq")
def split_into(count: int, source: Any) -> Any:
    _check(source)
    if count <= 0:
        cu.must_be_positive()
    return _buffered(lambda: [FzArray(c) for c in cu.split_into(count, _items(source))])


@builtin("Seq.transpose", "'a seq seq -> 'a seq seq")
def transpose(sources: Any) -> Any:
    _check(sources)

    def compute() -> list[Any]:
        rows = [_items(row) for row in _iter(sources)]
        return [from_iterable(column) for column in cu.transpose(rows, KIND)]

    return _buffered(compute)


# --------------------------------------------------------------------------- selecting


@builtin("Seq.filter", "('a -> bool) -> 'a seq -> 'a seq")
def filter_(predicate: Fn, source: Any) -> Any:
    _check(source)
    return _lazy(lambda: (x for x in _iter(source) if predicate(x)))


@builtin("Seq.where", "('a -> bool) -> 'a seq -> 'a seq")
def where(predicate: Fn, source: Any) -> Any:
    return filter_(predicate, source)


@builtin("Seq.choose", "('a -> 'b option) -> 'a seq -> 'b seq")
def choose(chooser: Fn, source: Any) -> Any:
    _check(source)

    def run() -> Iterator[Any]:
        for x in _iter(source):
            result = chooser(x)
            if result[0] is SOME_TAG:
                yield result[1]

    return _lazy(run)


@builtin("Seq.collect", "('a -> 'b seq) -> 'a seq -> 'b seq")
def collect(mapping: Fn, source: Any) -> Any:
    _check(source)

    def run() -> Iterator[Any]:
        for x in _iter(source):
            inner = mapping(x)
            _check(inner)
            yield lazyseq.Splice(inner)

    return _lazy(run)


def _distinct(projection: Fn | None, source: Any) -> Iterator[Any]:
    seen: set[Any] = set()
    for x in _iter(source):
        key = key_of(x if projection is None else projection(x))
        if key not in seen:
            seen.add(key)
            if not len(seen) % cu.BATCH:
                guard.reserve_items(len(seen), "set", 48)
            yield x


@builtin("Seq.distinct", "'a seq -> 'a seq")
def distinct(source: Any) -> Any:
    _check(source)
    return _lazy(lambda: _distinct(None, source))


@builtin("Seq.distinctBy", "('a -> 'k) -> 'a seq -> 'a seq")
def distinct_by(projection: Fn, source: Any) -> Any:
    _check(source)
    return _lazy(lambda: _distinct(projection, source))


@builtin("Seq.except", "'a seq -> 'a seq -> 'a seq")
def except_(excluded: Any, source: Any) -> Any:
    _check_all(excluded, source)

    def run() -> Iterator[Any]:
        seen = {key_of(x) for x in _items(excluded)}
        for x in _iter(source):
            key = key_of(x)
            if key not in seen:
                seen.add(key)
                yield x

    return _lazy(run)


@builtin("Seq.groupBy", "('a -> 'k) -> 'a seq -> ('k * 'a seq) seq")
def group_by(projection: Fn, source: Any) -> Any:
    _check(source)

    def compute() -> list[Any]:
        groups = cu.group_by(projection, _items(source))
        return [(key, from_iterable(items)) for key, items in groups]

    return _buffered(compute)


@builtin("Seq.countBy", "('a -> 'k) -> 'a seq -> ('k * int) seq")
def count_by(projection: Fn, source: Any) -> Any:
    _check(source)
    return _buffered(lambda: cu.count_by(projection, _items(source)))


@builtin("Seq.take", "int -> 'a seq -> 'a seq")
def take(count: int, source: Any) -> Any:
    _check(source)
    cu.check_count(count)

    def run() -> Iterator[Any]:
        if count == 0:
            return
        for taken, x in enumerate(_iter(source), 1):
            yield x
            if taken == count:
                return
        cu.not_enough(KIND)

    return _lazy(run)


@builtin("Seq.skip", "int -> 'a seq -> 'a seq")
def skip(count: int, source: Any) -> Any:
    _check(source)

    def run() -> Iterator[Any]:
        iterator = _iter(source)
        for _ in range(count):
            for _ in iterator:
                break
            else:
                cu.not_enough(KIND)
        yield from iterator  # (a plain iterator: no chain)

    return _lazy(run)


@builtin("Seq.truncate", "int -> 'a seq -> 'a seq")
def truncate(count: int, source: Any) -> Any:
    _check(source)
    return _lazy(lambda: itertools.islice(_iter(source), max(count, 0)))


@builtin("Seq.takeWhile", "('a -> bool) -> 'a seq -> 'a seq")
def take_while(predicate: Fn, source: Any) -> Any:
    _check(source)

    def run() -> Iterator[Any]:
        for x in _iter(source):
            if not predicate(x):
                return
            yield x

    return _lazy(run)


@builtin("Seq.skipWhile", "('a -> bool) -> 'a seq -> 'a seq")
def skip_while(predicate: Fn, source: Any) -> Any:
    _check(source)

    def run() -> Iterator[Any]:
        iterator = _iter(source)
        for x in iterator:
            if not predicate(x):
                yield x
                break
        yield from iterator  # (a plain iterator: no chain)

    return _lazy(run)


# --------------------------------------------------------------------------- searching


@builtin("Seq.exists", "('a -> bool) -> 'a seq -> bool")
def exists(predicate: Fn, source: Any) -> bool:
    for x in _iter(source):
        if predicate(x):
            return True
    return False


@builtin("Seq.forall", "('a -> bool) -> 'a seq -> bool")
def forall(predicate: Fn, source: Any) -> bool:
    for x in _iter(source):
        if not predicate(x):
            return False
    return True


@builtin("Seq.exists2", "('a -> 'b -> bool) -> 'a seq -> 'b seq -> bool")
def exists2(predicate: Fn, first: Any, second: Any) -> bool:
    for a, b in _zipped(first, second):
        if predicate(a)(b):
            return True
    return False


@builtin("Seq.forall2", "('a -> 'b -> bool) -> 'a seq -> 'b seq -> bool")
def forall2(predicate: Fn, first: Any, second: Any) -> bool:
    for a, b in _zipped(first, second):
        if not predicate(a)(b):
            return False
    return True


@builtin("Seq.contains", "'a -> 'a seq -> bool")
def contains(item: Any, source: Any) -> bool:
    return cu.contains(item, _iter(source))


@builtin("Seq.find", "('a -> bool) -> 'a seq -> 'a")
def find(predicate: Fn, source: Any) -> Any:
    found = try_find(predicate, source)
    if found is NONE:
        cu.not_found()
    return found[1]


@builtin("Seq.tryFind", "('a -> bool) -> 'a seq -> 'a option")
def try_find(predicate: Fn, source: Any) -> Any:
    for x in _iter(source):
        if predicate(x):
            return make_some(x)
    return NONE


@builtin("Seq.findBack", "('a -> bool) -> 'a seq -> 'a")
def find_back(predicate: Fn, source: Any) -> Any:
    found = try_find_back(predicate, source)
    if found is NONE:
        cu.not_found()
    return found[1]


@builtin("Seq.tryFindBack", "('a -> bool) -> 'a seq -> 'a option")
def try_find_back(predicate: Fn, source: Any) -> Any:
    items = _items(source)
    index = cu.find_index(predicate, items, backwards=True)
    return NONE if index < 0 else make_some(items[index])


@builtin("Seq.findIndex", "('a -> bool) -> 'a seq -> int")
def find_index(predicate: Fn, source: Any) -> int:
    found = try_find_index(predicate, source)
    if found is NONE:
        cu.not_found()
    return int(found[1])


@builtin("Seq.tryFindIndex", "('a -> bool) -> 'a seq -> int option")
def try_find_index(predicate: Fn, source: Any) -> Any:
    for index, x in enumerate(_iter(source)):
        if predicate(x):
            return make_some(index)
    return NONE


@builtin("Seq.findIndexBack", "('a -> bool) -> 'a seq -> int")
def find_index_back(predicate: Fn, source: Any) -> int:
    index = cu.find_index(predicate, _items(source), backwards=True)
    if index < 0:
        cu.not_found()
    return index


@builtin("Seq.pick", "('a -> 'b option) -> 'a seq -> 'b")
def pick(chooser: Fn, source: Any) -> Any:
    found = cu.pick(chooser, _iter(source))
    if found[0] is not SOME_TAG:
        cu.not_found()
    return found[1]


@builtin("Seq.tryPick", "('a -> 'b option) -> 'a seq -> 'b option")
def try_pick(chooser: Fn, source: Any) -> Any:
    return cu.pick(chooser, _iter(source))


@builtin("Seq.compareWith", "('a -> 'a -> int) -> 'a seq -> 'a seq -> int")
def compare_with(comparer: Fn, first: Any, second: Any) -> int:
    left, right = _iter(first), _iter(second)
    while True:
        a_found, a = _next(left)
        b_found, b = _next(right)
        if not a_found or not b_found:
            return int(a_found) - int(b_found)
        result = comparer(a)(b)
        if result != 0:
            return int(result)


def _next(iterator: Iterator[Any]) -> tuple[bool, Any]:
    for element in iterator:
        return True, element
    return False, None


# --------------------------------------------------------------------------- folding


@builtin("Seq.fold", "('s -> 'a -> 's) -> 's -> 'a seq -> 's")
def fold(folder: Fn, state: Any, source: Any) -> Any:
    step = cu.uncurried2(folder)
    for x in _iter(source):
        state = step(state, x)
    return state


@builtin("Seq.fold2", "('s -> 'a -> 'b -> 's) -> 's -> 'a seq -> 'b seq -> 's")
def fold2(folder: Fn, state: Any, first: Any, second: Any) -> Any:
    for a, b in _zipped(first, second):
        state = folder(state)(a)(b)
    return state


@builtin("Seq.foldBack", "('a -> 's -> 's) -> 'a seq -> 's -> 's")
def fold_back(folder: Fn, source: Any, state: Any) -> Any:
    for x in reversed(_items(source)):
        state = folder(x)(state)
    return state


@builtin("Seq.reduce", "('a -> 'a -> 'a) -> 'a seq -> 'a")
def reduce(reduction: Fn, source: Any) -> Any:
    iterator = _iter(source)
    found, acc = _next(iterator)
    if not found:
        cu.empty_input(KIND)
    for x in iterator:
        acc = reduction(acc)(x)
    return acc


@builtin("Seq.scan", "('s -> 'a -> 's) -> 's -> 'a seq -> 's seq")
def scan(folder: Fn, state: Any, source: Any) -> Any:
    _check(source)

    def run() -> Iterator[Any]:
        current = state
        yield current
        for x in _iter(source):
            current = folder(current)(x)
            yield current

    return _lazy(run)


# --------------------------------------------------------------------------- numbers


@builtin("Seq.sum", "'a seq -> 'a")
def sum_(source: Any) -> Any:
    return cu.sum_values(_iter(source))


@builtin("Seq.sumBy", "('a -> 'b) -> 'a seq -> 'b")
def sum_by(projection: Fn, source: Any) -> Any:
    return cu.sum_values([projection(x) for x in _iter(source)])


@builtin("Seq.average", "'frac seq -> 'frac")
def average(source: Any) -> Any:
    return cu.average(_items(source), KIND)


@builtin("Seq.averageBy", "('a -> 'frac) -> 'a seq -> 'frac")
def average_by(projection: Fn, source: Any) -> Any:
    return cu.average(cu.each(projection, _items(source)), KIND)


@builtin("Seq.max", "'a seq -> 'a")
def max_(source: Any) -> Any:
    return cu.max_item(_items(source), KIND)


@builtin("Seq.min", "'a seq -> 'a")
def min_(source: Any) -> Any:
    return cu.min_item(_items(source), KIND)


@builtin("Seq.maxBy", "('a -> 'b) -> 'a seq -> 'a")
def max_by(projection: Fn, source: Any) -> Any:
    return cu.max_by(projection, _items(source), KIND)


@builtin("Seq.minBy", "('a -> 'b) -> 'a seq -> 'a")
def min_by(projection: Fn, source: Any) -> Any:
    return cu.min_by(projection, _items(source), KIND)


# --------------------------------------------------------------------------- ordering
# (each buffers its whole input when the result is first enumerated, as F#'s do)


@builtin("Seq.rev", "'a seq -> 'a seq")
def rev(source: Any) -> Any:
    _check(source)
    return _buffered(lambda: _items(source)[::-1])


@builtin("Seq.sort", "'a seq -> 'a seq")
def sort(source: Any) -> Any:
    _check(source)
    return _buffered(lambda: cu.sort_items(_items(source)))


@builtin("Seq.sortBy", "('a -> 'k) -> 'a seq -> 'a seq")
def sort_by(projection: Fn, source: Any) -> Any:
    _check(source)
    return _buffered(lambda: cu.sort_items(_items(source), projection))


@builtin("Seq.sortDescending", "'a seq -> 'a seq")
def sort_descending(source: Any) -> Any:
    _check(source)
    return _buffered(lambda: cu.sort_items(_items(source), descending=True))


@builtin("Seq.sortByDescending", "('a -> 'k) -> 'a seq -> 'a seq")
def sort_by_descending(projection: Fn, source: Any) -> Any:
    _check(source)
    return _buffered(lambda: cu.sort_items(_items(source), projection, descending=True))


@builtin("Seq.sortWith", "('a -> 'a -> int) -> 'a seq -> 'a seq")
def sort_with(comparer: Fn, source: Any) -> Any:
    _check(source)
    return _buffered(lambda: cu.sort_with(_items(source), comparer))


# --------------------------------------------------------------------------- from the back
# FSharp.Core's Seq functions that need the whole sequence first (as F# computes them).


@builtin("Seq.foldBack2", "('a -> 'b -> 's -> 's) -> 'a seq -> 'b seq -> 's -> 's")
def fold_back2(folder: Fn, first: Any, second: Any, state: Any) -> Any:
    for a, b in reversed(list(_zipped(first, second))):
        state = folder(a)(b)(state)
    return state


@builtin("Seq.iteri2", "(int -> 'a -> 'b -> unit) -> 'a seq -> 'b seq -> unit")
def iteri2(action: Fn, first: Any, second: Any) -> None:
    for index, (a, b) in enumerate(_zipped(first, second)):
        action(index)(a)(b)


@builtin("Seq.mapFold", "('s -> 'a -> 'b * 's) -> 's -> 'a seq -> 'b seq * 's")
def map_fold(mapping: Fn, state: Any, source: Any) -> tuple[Any, Any]:
    results, state = cu.map_fold(mapping, state, _items(source))
    return lazyseq.of_items(results), state


@builtin("Seq.mapFoldBack", "('a -> 's -> 'b * 's) -> 'a seq -> 's -> 'b seq * 's")
def map_fold_back(mapping: Fn, source: Any, state: Any) -> tuple[Any, Any]:
    results, state = cu.map_fold_back(mapping, _items(source), state)
    return lazyseq.of_items(results), state


@builtin("Seq.permute", "(int -> int) -> 'a seq -> 'a seq")
def permute(indexer: Fn, source: Any) -> Any:
    _check(source)
    return _buffered(lambda: cu.permute(indexer, _items(source)))


@builtin("Seq.readonly", "'a seq -> 'a seq")
def readonly(source: Any) -> Any:
    """A view of *source* that cannot be cast back (the same elements, enumerated lazily)."""
    _check(source)
    return _lazy(lambda: _iter(source))


@builtin("Seq.reduceBack", "('a -> 'a -> 'a) -> 'a seq -> 'a")
def reduce_back(reduction: Fn, source: Any) -> Any:
    items = _items(source)
    if not items:
        cu.empty_input(KIND)
    acc = items[-1]
    for x in reversed(items[:-1]):
        acc = reduction(x)(acc)
    return acc


@builtin("Seq.scanBack", "('a -> 's -> 's) -> 'a seq -> 's -> 's seq")
def scan_back(folder: Fn, source: Any, state: Any) -> Any:
    _check(source)
    return _buffered(lambda: cu.scan_back(folder, _items(source), state))


@builtin("Seq.tryFindIndexBack", "('a -> bool) -> 'a seq -> int option")
def try_find_index_back(predicate: Fn, source: Any) -> Any:
    items = _items(source)
    for index in range(len(items) - 1, -1, -1):
        if predicate(items[index]):
            return make_some(index)
    return NONE
