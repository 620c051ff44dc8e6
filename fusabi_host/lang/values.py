"""How Fusabi values are represented in Python, and the structural operations on them.

The representation is chosen for speed of the generated code: the common operations compile to
a single Python operation on a built-in type.

==================  =========================================  ================================
Fusabi              Python                                     notes
==================  =========================================  ================================
``int``             ``int`` in the signed 64-bit range         arithmetic wraps around
``float``           ``float``
``decimal``         :class:`decimal.Decimal`                   see :mod:`~fusabi_host.lang.decimals`
``bool``            ``bool``
``string``          ``str``
``char``            :class:`Char` (a one-character ``str``)
``unit``            ``None``
tuple ``(a, b)``    ``tuple`` whose first item is not a Tag
list                :data:`NIL`, or a cons cell: a two-item     ``[head, tail]``
                    Python ``list`` ``[head, tail]``
union value         ``tuple`` ``(tag, field1, ...)`` whose      ``(SOME_TAG, 3)``, ``NONE``
                    first item is a :class:`Tag`
record              ``dict`` (field name -> value)
array               :class:`FzArray` (a ``list`` subclass)     mutable
Map                 :class:`FzMap` (immutable)
Set                 :class:`FzSet` (immutable)
function            a Python function of one argument          curried; see below
``'a seq`` (lazy)   :class:`FzSeq` (a factory of iterators)    any collection is a seq too
``Lazy<'a>``        :class:`FzLazy` (a memoised thunk)
``Async<'a>``       :class:`FzAsync` (a step of a workflow)     run by ``Async.RunSynchronously``
exception           :class:`FusabiException` carrying a value
==================  =========================================  ================================

Function values are curried callables of one argument (``f(x)(y)``); a compiled function of
several parameters keeps its fast n-ary form for direct calls and is wrapped once when it is
used as a value.

Structural equality, comparison, hashing and Display never use Python's recursive built-in
operators on containers: they walk values themselves (iteratively along lists), so a deep or long
value can never overflow the C stack.  Every container they visit is charged to the current
run's node budget (:func:`fusabi_host.lang.guard.spend`), so a value that shares structure (a
DAG with 2^40 paths) or contains itself runs into the run's deadline and fuel instead of
hanging the host.

:func:`hash_value` is deterministic: it depends only on the value, never on the process's
string-hash seed or on object addresses, so ``hash`` tells a plugin nothing about the host.
"""

from __future__ import annotations

import math
import threading
import zlib
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from typing import Any, Final

import immutables

from fusabi_host.lang.guard import spend, take_recursion_room

__all__ = [
    "NIL",
    "NONE",
    "Char",
    "FusabiException",
    "FzArray",
    "FzAsync",
    "FzLazy",
    "FzMap",
    "FzSeq",
    "FzSet",
    "Tag",
    "compare",
    "equals",
    "from_iterable",
    "hash_value",
    "iterate",
    "make_some",
    "to_pylist",
]

INT_MIN: Final = -(1 << 63)
INT_MAX: Final = (1 << 63) - 1

_BUDGET_STEP: Final = 1024
"""Containers visited between two charges to the run's node budget."""

_visited = 0


def _visit() -> None:
    """Count one container visited by equality, comparison or hashing; charge the current
    run every :data:`_BUDGET_STEP` (the count is per process, so it is approximate across
    threads, which only moves a charge a little).  Every 64 containers, make sure the run
    holds the recursion room (:func:`~fusabi_host.lang.guard.take_recursion_room`): these
    walks recurse once per level of a value, and a value may nest deeper than a run that
    never recursed itself has room for."""
    global _visited  # noqa: PLW0603
    _visited += 1
    if not _visited & 63:
        take_recursion_room()
        if _visited >= _BUDGET_STEP:
            _visited = 0
            spend(_BUDGET_STEP)


class Char(str):
    """A Fusabi ``char``: a string of exactly one character, typed apart from ``string``."""

    __slots__ = ()


LATIN1_CHARS: Final[dict[str, Char]] = {chr(code): Char(chr(code)) for code in range(256)}
"""One shared :class:`Char` for each Latin-1 character: indexing a string returns these
(a fresh ``Char`` costs twice the lookup; the table is fixed, so it cannot grow)."""


class _Nil:
    """The empty list.  A single instance, :data:`NIL`, exists."""

    __slots__ = ()
    _instance: _Nil | None = None

    def __new__(cls) -> _Nil:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "NIL"

    def __reduce__(self) -> str:
        return "NIL"


NIL: Final = _Nil()


class Tag:
    """The case of a union value: the first item of its tuple.

    Tags order like F# union cases (by declaration index), so Python's tuple comparison of two
    values of one union type orders them as F# does.  Two tags are equal only if they are the
    same object; each declared case has one tag, and ad-hoc (undeclared) constructors get one
    tag per name from :func:`adhoc_tag`.
    """

    __slots__ = ("arity", "enum_value", "field_names", "index", "name", "type_name")

    def __init__(
        self,
        name: str,
        type_name: str = "",
        index: int = 0,
        arity: int = 0,
        field_names: tuple[str, ...] = (),
        enum_value: int | None = None,
    ) -> None:
        self.name = name
        self.type_name = type_name
        self.index = index
        self.arity = arity
        self.field_names = field_names
        self.enum_value = enum_value
        """The integer of an enum case (``type Color = Red = 1 | ...``); ``None`` otherwise."""

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Tag):
            return NotImplemented
        return (self.index, self.name) < (other.index, other.name)

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, Tag):
            return NotImplemented
        return (self.index, self.name) > (other.index, other.name)

    def __repr__(self) -> str:
        qualified = f"{self.type_name}.{self.name}" if self.type_name else self.name
        return f"<tag {qualified}>"


_ADHOC: dict[str, Tag] = {}


def adhoc_tag(name: str, arity: int) -> Tag:
    """The tag of an undeclared constructor (upstream style ``Circle(1, 2)``), shared by name."""
    key = f"{name}/{arity}"
    tag = _ADHOC.get(key)
    if tag is None:
        tag = _ADHOC.setdefault(key, Tag(name, "", 1000, arity))
    return tag


def is_adhoc_tag(tag: Tag) -> bool:
    """Is *tag* the shared tag of an undeclared constructor (the same in every program)?"""
    return _ADHOC.get(f"{tag.name}/{tag.arity}") is tag


# Option and Result, shared by all code.
NONE_TAG: Final = Tag("None", "Option", 0, 0)
SOME_TAG: Final = Tag("Some", "Option", 1, 1)
OK_TAG: Final = Tag("Ok", "Result", 0, 1)
ERROR_TAG: Final = Tag("Error", "Result", 1, 1)
NONE: Final = (NONE_TAG,)


def make_some(value: object) -> tuple[Tag, object]:
    return (SOME_TAG, value)


class FzArray(list[Any]):
    """A Fusabi array: mutable, shared by reference."""

    __slots__ = ()


class FzSeq:
    """A lazy Fusabi sequence (F#'s ``seq``): *raw* makes a fresh iterator each time the
    sequence is enumerated, as F# re-runs a ``seq`` on every enumeration.

    The raw iterator may produce the splice and tail markers of
    :mod:`fusabi_host.lang.lazyseq`; enumerate a sequence only through that module, which
    flattens them with an explicit stack.  Equality is by reference, as in F#; a sequence
    has no order and no structural hash."""

    __slots__ = ("raw",)

    def __init__(self, raw: Callable[[], Iterator[Any]]) -> None:
        self.raw = raw

    def __repr__(self) -> str:
        return "FzSeq(...)"


class FzGetter:
    """A property of a value of an interface (see :class:`fusabi_host.lang.ir.InterfaceDecl`):
    its getter, a function of unit, which reading the property runs, each time, whether the
    read was typed (a call) or not (``_getf`` runs it)."""

    __slots__ = ("getter",)

    def __init__(self, getter: Callable[[Any], Any]) -> None:
        self.getter = getter

    def __call__(self, unit: object) -> Any:
        return self.getter(unit)


class FzLazy:
    """A Fusabi ``Lazy<'a>`` (``lazy expr``): *thunk* runs once, on the first ``force``, and
    its value (or its exception) is remembered."""

    __slots__ = ("error", "forced", "running", "thunk", "value")

    def __init__(self, thunk: Callable[[Any], Any]) -> None:
        self.thunk: Callable[[Any], Any] | None = thunk
        self.value: Any = None
        self.error: BaseException | None = None
        self.forced = False
        self.running = False

    def __repr__(self) -> str:
        return f"FzLazy({self.value!r})" if self.forced else "FzLazy(<not forced>)"


class FzAsync:
    """A Fusabi ``Async<'a>``: one step of an asynchronous workflow, as data (a free monad).

    ``async { }`` builds these through the ``Async`` builder functions; nothing runs until
    ``Async.RunSynchronously`` (or ``Async.Start``) interprets them, so building a workflow
    has no effects, as in F#.  *kind* is one of the ``ASYNC_*`` names of
    :mod:`fusabi_host.lang.stdlib.async_module`; *first* and *second* are its operands."""

    __slots__ = ("first", "kind", "second")

    def __init__(self, kind: int, first: Any = None, second: Any = None) -> None:
        self.kind = kind
        self.first = first
        self.second = second

    def __repr__(self) -> str:
        return "FzAsync(...)"


class FusabiException(Exception):
    """A Fusabi exception travelling through Python: ``value`` is the Fusabi exception value
    (a union value such as ``Failure "msg"``)."""

    def __init__(self, value: object) -> None:
        super().__init__(value)
        self.value = value


# --------------------------------------------------------------------------- lists


def from_iterable(items: Iterable[object]) -> object:
    """A Fusabi list holding *items* in order."""
    buffer = items if isinstance(items, list | tuple) else list(items)
    result: object = NIL
    for item in reversed(buffer):
        result = [item, result]
    return result


def iterate(xs: object) -> Iterator[object]:
    """The items of a Fusabi list."""
    while xs is not NIL:
        yield xs[0]  # type: ignore[index]
        xs = xs[1]  # type: ignore[index]


def to_pylist(xs: object) -> list[object]:
    """The items of a Fusabi list as a new Python list (fast, iterative)."""
    out: list[object] = []
    append = out.append
    while xs is not NIL:
        append(xs[0])  # type: ignore[index]
        xs = xs[1]  # type: ignore[index]
    return out


# --------------------------------------------------------------------------- maps and sets


class FzMap:
    """An immutable Fusabi ``Map``: keys iterate in sorted order.

    Backed by a persistent hash trie (:class:`immutables.Map`) keyed by :func:`key_of` of each
    key, holding ``(original key, value)``: ``add`` and ``remove`` share all but O(log n) of
    the map they come from (a copy would make a fold that builds a map quadratic), lookups
    cost about a dict's, and the key order F# enumerates in is sorted once per map, when it
    is first enumerated.
    """

    __slots__ = ("_items", "_sorted")

    def __init__(
        self,
        items: immutables.Map[object, tuple[object, object]]
        | dict[object, tuple[object, object]]
        | None = None,
    ) -> None:
        # hashable key -> (original key, value)
        self._items: immutables.Map[object, tuple[object, object]] = (
            items
            if type(items) is immutables.Map
            else immutables.Map(items)
            if items
            else _EMPTY_TRIE
        )
        self._sorted: list[tuple[object, object]] | None = None

    @classmethod
    def of_pairs(cls, pairs: Iterable[tuple[object, object]]) -> FzMap:
        items: dict[object, tuple[object, object]] = {}
        for key, value in pairs:
            items[key_of(key)] = (key, value)
        return cls(items)

    @staticmethod
    def _of_trie(trie: immutables.Map[object, tuple[object, object]]) -> FzMap:
        """A map over *trie* (the fast path of ``add`` and ``remove``)."""
        made = object.__new__(FzMap)
        made._items = trie
        made._sorted = None
        return made

    def get(self, key: object, default: object = None) -> object:
        entry = self._items.get(key if type(key) is str or type(key) is int else key_of(key))
        return default if entry is None else entry[1]

    def find_entry(self, key: object) -> tuple[object, object] | None:
        """The ``(key, value)`` stored for *key*, if any (``TypeError``: *key* cannot be
        hashed, so it is in no map): the one lookup ``Map.tryFind`` makes."""
        return self._items.get(key if type(key) is str or type(key) is int else key_of(key))

    def entry(self, hashed: object) -> tuple[object, object] | None:
        """The ``(key, value)`` stored under the :func:`key_of` form *hashed*, if any."""
        return self._items.get(hashed)

    def __contains__(self, key: object) -> bool:
        return key_of(key) in self._items

    def __len__(self) -> int:
        return len(self._items)

    def add(self, key: object, value: object) -> FzMap:
        hashed = key if type(key) is str or type(key) is int else key_of(key)
        made = _new_object(FzMap)  # (_of_trie, inlined: a fold building a map calls this)
        made._items = self._items.set(hashed, (key, value))
        made._sorted = None
        return made

    def remove(self, key: object) -> FzMap:
        hashed = key_of(key)
        if hashed not in self._items:
            return self
        return FzMap._of_trie(self._items.delete(hashed))

    def hashed_entries(self) -> Iterator[tuple[object, tuple[object, object]]]:
        """``(key_of(key), (key, value))`` in no particular order (for equality)."""
        return iter(self._items.items())

    def items(self) -> list[tuple[object, object]]:
        """(key, value) pairs in key order."""
        if self._sorted is None:
            self._sorted = sort_by_key(list(self._items.values()), lambda kv: kv[0], True)
        return self._sorted

    def __repr__(self) -> str:
        return f"FzMap({self.items()!r})"


class FzSet:
    """An immutable Fusabi ``Set``: elements iterate in sorted order (stored as
    :class:`FzMap` stores its entries, see there)."""

    __slots__ = ("_items", "_sorted")

    def __init__(
        self, items: immutables.Map[object, object] | dict[object, object] | None = None
    ) -> None:
        self._items: immutables.Map[object, object] = (
            items
            if type(items) is immutables.Map
            else immutables.Map(items)
            if items
            else _EMPTY_TRIE
        )
        self._sorted: list[object] | None = None

    @classmethod
    def of(cls, values: Iterable[object]) -> FzSet:
        return cls({key_of(v): v for v in values})

    def __contains__(self, value: object) -> bool:
        return key_of(value) in self._items

    def __len__(self) -> int:
        return len(self._items)

    def add(self, value: object) -> FzSet:
        hashed = key_of(value)
        if hashed in self._items:
            return self
        return FzSet(self._items.set(hashed, value))

    def remove(self, value: object) -> FzSet:
        hashed = key_of(value)
        if hashed not in self._items:
            return self
        return FzSet(self._items.delete(hashed))

    def same_elements(self, other: FzSet) -> bool:
        """Do the two sets hold equal elements (by their :func:`key_of` forms)?"""
        mine, theirs = self._items, other._items
        return len(mine) == len(theirs) and all(key in theirs for key in mine)

    def values(self) -> list[object]:
        """Elements in order."""
        if self._sorted is None:
            self._sorted = sort_by_key(list(self._items.values()), lambda v: v, True)
        return self._sorted

    def __repr__(self) -> str:
        return f"FzSet({self.values()!r})"


_EMPTY_TRIE: Final[immutables.Map[Any, Any]] = immutables.Map()
_new_object: Final = object.__new__


_SCALARS: Final = (int, float, str, bool, Char, type(None))


MAX_KEY_NESTING: Final = 200
"""How deeply map and set keys may contain maps and sets that are compared as keys."""

_key_nesting = threading.local()


class _Key:
    """Wraps a structured value so a Python dict can hash and compare it structurally."""

    __slots__ = ("hash", "value")

    def __init__(self, value: object) -> None:
        self.value = value
        self.hash = hash_value(value)

    def __hash__(self) -> int:
        return self.hash

    def __eq__(self, other: object) -> bool:
        # A dict calls this from C: keys that hold maps keyed by maps... would recurse through
        # the C stack, so that nesting is bounded (deeper is a depth limit, not a crash).
        if not isinstance(other, _Key):
            return False
        nesting = getattr(_key_nesting, "depth", 0)
        if nesting >= MAX_KEY_NESTING:
            raise RecursionError("map or set keys are nested too deeply")
        _key_nesting.depth = nesting + 1
        try:
            return equals(self.value, other.value)
        finally:
            _key_nesting.depth = nesting


def key_of(value: object) -> object:
    """A dict key standing for *value*: the value itself when it is a scalar."""
    if type(value) in _SCALARS:
        return value
    return _Key(value)


# --------------------------------------------------------------------------- equality


def equals(a: object, b: object) -> bool:
    """Structural equality, as F#'s ``=``."""
    if a is b:
        return not (type(a) is float and math.isnan(a))
    ta = type(a)
    if ta is not type(b):
        return False
    if ta is int or ta is str or ta is float or ta is bool or ta is Char or ta is Decimal:
        return a == b
    _visit()
    if ta is list:  # cons cells: walk the spine iteratively
        while True:
            _visit()
            if not equals(a[0], b[0]):  # type: ignore[index]
                return False
            a = a[1]  # type: ignore[index]
            b = b[1]  # type: ignore[index]
            if a is b:
                return True
            if type(a) is not list or type(b) is not list:
                return a is b or equals(a, b)
    if ta is tuple:
        if len(a) != len(b):  # type: ignore[arg-type]
            return False
        for x, y in zip(a, b, strict=True):  # type: ignore[call-overload]
            if not (x is y if type(x) is Tag else equals(x, y)):
                return False
        return True
    if ta is dict:
        if len(a) != len(b):  # type: ignore[arg-type]
            return False
        for key, value in a.items():  # type: ignore[attr-defined]
            if key not in b or not equals(value, b[key]):  # type: ignore[operator, index]
                return False
        return True
    if ta is FzArray:
        if len(a) != len(b):  # type: ignore[arg-type]
            return False
        for x, y in zip(a, b, strict=True):  # type: ignore[call-overload]
            if not equals(x, y):
                return False
        return True
    if ta is FzMap:
        if len(a) != len(b):  # type: ignore[arg-type]
            return False
        for key, (_, value) in a.hashed_entries():  # type: ignore[attr-defined]
            other = b.entry(key)  # type: ignore[attr-defined]
            if other is None or not equals(value, other[1]):
                return False
        return True
    if ta is FzSet:
        return a.same_elements(b)  # type: ignore[attr-defined, no-any-return]
    return False  # functions, NIL vs NIL handled by identity


# --------------------------------------------------------------------------- comparison


def compare(a: object, b: object, total: bool = False) -> int:
    """Structural ordering, as F#'s ``compare``: -1, 0 or 1.

    Numbers, strings and chars compare naturally (strings ordinally); tuples and union values
    item by item (union cases in declaration order); lists lexicographically (shorter first on a
    tie); records field by field in field-name order; arrays by length first, as F# does.
    Values of different types raise ``TypeError`` -- unless *total* is set (the order of the
    keys of a map or set the host filled with mixed keys), which orders them by kind.
    """
    if a is b:
        return 0
    ta, tb = type(a), type(b)
    if ta is tb and (
        ta is int or ta is str or ta is float or ta is Char or ta is bool or ta is Decimal
    ):
        if a < b:  # type: ignore[operator]
            return -1
        if a > b:  # type: ignore[operator]
            return 1
        if ta is float and (math.isnan(a) or math.isnan(b)):  # type: ignore[arg-type]
            # NaN orders first, as in F#
            return (0 if math.isnan(b) else -1) if math.isnan(a) else 1  # type: ignore[arg-type]
        return 0
    _visit()
    if (ta is list or ta is _Nil) and (tb is list or tb is _Nil):
        while True:
            _visit()
            if a is NIL:
                return 0 if b is NIL else -1
            if b is NIL:
                return 1
            if type(a) is not list or type(b) is not list:  # improper list tails
                return compare(a, b, total)
            c = compare(a[0], b[0], total)
            if c:
                return c
            a, b = a[1], b[1]
    if ta is tuple and tb is tuple:
        for x, y in zip(a, b, strict=False):  # type: ignore[call-overload]
            if type(x) is Tag:
                if x is not y:
                    return -1 if x < y else 1
                continue
            c = compare(x, y, total)
            if c:
                return c
        return (len(a) > len(b)) - (len(a) < len(b))  # type: ignore[arg-type]
    if ta is dict and tb is dict:
        keys = sorted(set(a) | set(b))  # type: ignore[call-overload]
        for key in keys:
            if key not in a:  # type: ignore[operator]
                return -1
            if key not in b:  # type: ignore[operator]
                return 1
            c = compare(a[key], b[key], total)  # type: ignore[index]
            if c:
                return c
        return 0
    if ta is FzArray and tb is FzArray:
        if len(a) != len(b):  # type: ignore[arg-type]
            return -1 if len(a) < len(b) else 1  # type: ignore[arg-type]
        for x, y in zip(a, b, strict=True):  # type: ignore[call-overload]
            c = compare(x, y, total)
            if c:
                return c
        return 0
    if ta is FzMap and tb is FzMap:
        return compare(
            from_iterable(list(a.items())),  # type: ignore[attr-defined]
            from_iterable(list(b.items())),  # type: ignore[attr-defined]
            total,
        )
    if ta is FzSet and tb is FzSet:
        return compare(from_iterable(a.values()), from_iterable(b.values()), total)  # type: ignore[attr-defined]
    # values of different types (or of types without an order, like functions) do not
    # compare: F# would reject the program; the dynamic path reports it
    if total:
        ra, rb = _RANKS.get(ta, 99), _RANKS.get(tb, 99)
        if ra != rb:
            return -1 if ra < rb else 1
    raise TypeError(f"cannot compare {type_name(a)} with {type_name(b)}")


_RANKS: Final = {
    type(None): 0,
    bool: 1,
    int: 2,
    float: 3,
    Char: 4,
    str: 5,
    tuple: 6,
    _Nil: 7,
    list: 7,
    dict: 8,
    FzArray: 9,
    FzMap: 10,
    FzSet: 11,
}


def sort_by_key(items: list[Any], key: Callable[[Any], object], total: bool = False) -> list[Any]:
    """A stable sort of *items* by the structural order of ``key(item)`` (*total*: see
    :func:`compare`)."""
    keyed = [(key(item), item) for item in items]
    first = type(keyed[0][0]) if keyed else int
    if (first is int or first is str) and all(type(k) is first for k, _ in keyed):
        keyed.sort(key=lambda kv: kv[0])  # type: ignore[arg-type, return-value]
    else:
        import functools  # noqa: PLC0415

        keyed.sort(key=functools.cmp_to_key(lambda x, y: compare(x[0], y[0], total)))  # type: ignore[index]
    return [item for _, item in keyed]


# --------------------------------------------------------------------------- hashing


def _text_hash(text: str) -> int:
    return zlib.crc32(text.encode("utf-8", "surrogatepass")) ^ (len(text) << 32)


def _tag_hash(tag: Tag) -> int:
    return _text_hash(tag.type_name + "." + tag.name)


def hash_value(value: object) -> int:
    """A structural hash consistent with :func:`equals`, the same in every process."""
    t = type(value)
    if t is int or t is float or t is bool or t is Decimal:
        return hash(value)  # (numbers hash by value in CPython, with no seed)
    if t is str or t is Char:
        return _text_hash(value)  # type: ignore[arg-type]
    if value is None:
        return 0
    _visit()
    if t is list:
        h = 0x345678
        while type(value) is list:
            _visit()
            h = (h * 1000003) ^ hash_value(value[0])
            h &= 0xFFFFFFFFFFFFFFFF
            value = value[1]
        return h
    if value is NIL:
        return 0x345678
    if t is tuple:
        h = 0x1234
        for item in value:  # type: ignore[attr-defined]
            part = _tag_hash(item) if type(item) is Tag else hash_value(item)
            h = ((h * 1000003) ^ part) & 0xFFFFFFFFFFFFFFFF
        return h
    if t is dict:
        h = 0x777
        for key in sorted(value):  # type: ignore[call-overload]
            h = ((h * 1000003) ^ _text_hash(key) ^ hash_value(value[key])) & 0xFFFFFFFFFFFFFFFF  # type: ignore[index]
        return h
    if t is FzArray:
        raise TypeError("arrays are mutable and cannot be hashed")
    if t is FzMap:
        h = 0x999
        for key, item in value.items():  # type: ignore[attr-defined]
            h = ((h * 1000003) ^ hash_value(key) ^ hash_value(item)) & 0xFFFFFFFFFFFFFFFF
        return h
    if t is FzSet:
        h = 0x555
        for item in value.values():  # type: ignore[attr-defined]
            h = ((h * 1000003) ^ hash_value(item)) & 0xFFFFFFFFFFFFFFFF
        return h
    raise TypeError(f"{type_name(value)} values cannot be hashed")


# --------------------------------------------------------------------------- names


def type_name(value: object) -> str:
    """The Fusabi name of a value's type, for error messages."""
    t = type(value)
    if t is bool:
        return "bool"
    if t is int:
        return "int"
    if t is float:
        return "float"
    if t is Char:
        return "char"
    if t is str:
        return "string"
    if t is Decimal:
        return "decimal"
    if value is None:
        return "unit"
    if t is tuple:
        if value and type(value[0]) is Tag:  # type: ignore[index]
            tag = value[0]  # type: ignore[index]
            return tag.type_name or f"union case {tag.name}"
        return "tuple"
    if t is list or value is NIL:
        return "list"
    if t is dict:
        return "record"
    if t is FzArray:
        return "array"
    if t is FzMap:
        return "map"
    if t is FzSet:
        return "set"
    if t is FzSeq:
        return "seq"
    if t is FzLazy:
        return "lazy value"
    if t is FzAsync:
        return "async workflow"
    named = getattr(t, "FUSABI_TYPE", None)  # (the mutable .NET objects, lang/mutables.py)
    if isinstance(named, str):
        return named
    if callable(value):
        return "function"
    return "value"
