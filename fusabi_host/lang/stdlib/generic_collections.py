"""``System.Collections.Generic`` as F# code uses it: ``Dictionary``, ``ResizeArray`` and
``HashSet`` (constructors, members, indexers), and F#'s ``dict``.

``Dictionary<string, int>()``, ``ResizeArray<int>()``, ``ResizeArray [1; 2]``,
``HashSet<string>()`` and ``HashSet xs`` call the constructors declared here (``X.New``, see
:mod:`fusabi_host.lang.lower`); ``d.Add(k, v)``, ``d.[k] <- v``, ``xs.Add x``, ``s.Contains x``
are the members of :data:`MEMBER_TYPES` / :data:`METHODS` / :data:`PROPERTIES`, merged into
:mod:`~fusabi_host.lang.stdlib.collection_members`.  Enumerating a dictionary gives
``(key, value)`` pairs, which have the ``Key`` and ``Value`` of .NET's ``KeyValuePair`` and
match ``KeyValue (k, v)``.  The objects themselves are :mod:`fusabi_host.lang.mutables`.

Every addition checks the run's collection-size limit (and the memory limit for large ones),
so a plugin cannot grow one past its limits.  Changing a collection while a loop enumerates it
is not an error here (.NET raises ``InvalidOperationException``): the loop sees a copy.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final

from fusabi_host.lang import guard, lazyseq
from fusabi_host.lang.exceptions import fail
from fusabi_host.lang.mutables import FzDictionary, FzHashSet, FzQueue, FzResizeArray, FzStack
from fusabi_host.lang.stdlib.registry import builtin, overload_form
from fusabi_host.lang.values import FzArray, Tag, equals, key_of, sort_by_key, type_name

__all__ = ["MEMBER_TYPES", "METHODS", "PROPERTIES", "RECEIVER_PARAMETERS", "two_arguments"]

_ITEM_BYTES: Final = 64
"""What one more entry costs at least (a slot, a key, a tuple)."""


def _grow(count: int, what: str) -> None:
    guard.reserve_items(count, what, _ITEM_BYTES)


def two_arguments(member: str, argument: object) -> tuple[Any, Any]:
    """The two arguments of a two-argument method such as ``d.Add(k, v)`` (F# passes them as
    one tuple)."""
    if type(argument) is not tuple or len(argument) != 2 or type(argument[0]) is Tag:
        fail("ArgumentException", f"'{member}' takes two arguments, got {type_name(argument)}")
    return argument[0], argument[1]


def _index(member: str, argument: object) -> int:
    if type(argument) is not int:
        fail("ArgumentException", f"'{member}' takes an int index, got {type_name(argument)}")
    return argument


def _out_of_range() -> None:
    fail(
        "ArgumentOutOfRangeException",
        "Index was out of range. Must be non-negative and less than the size of the collection.",
    )


# --------------------------------------------------------------------------- Dictionary


@builtin("Dictionary.New", "unit -> Dictionary<'k, 'v>")
def new_dictionary(_unit: None) -> FzDictionary:
    """``Dictionary<'k, 'v>()``: an empty dictionary."""
    return FzDictionary()


@builtin("dict", "('k * 'v) seq -> Dictionary<'k, 'v>")
def dict_(pairs: object) -> FzDictionary:
    """F#'s ``dict``: a read-only dictionary of the pairs (a later key wins)."""
    made = FzDictionary(read_only=True)
    for pair in lazyseq.materialise(pairs, "dictionary"):
        key, value = two_arguments("dict", pair)
        made.put(key, value)
    return made


def _writable(table: FzDictionary) -> None:
    if table.read_only:
        fail("NotSupportedException", "This value cannot be mutated")


def dictionary_add(table: FzDictionary, argument: object) -> None:
    key, value = two_arguments("Add", argument)
    _writable(table)
    if table.get(key) is not None:
        fail("ArgumentException", "An item with the same key has already been added.")
    _grow(len(table) + 1, "Dictionary")
    table.put(key, value)


def dictionary_try_add(table: FzDictionary, argument: object) -> bool:
    key, value = two_arguments("TryAdd", argument)
    _writable(table)
    if table.get(key) is not None:
        return False
    _grow(len(table) + 1, "Dictionary")
    table.put(key, value)
    return True


def dictionary_item(table: FzDictionary, key: object) -> object:
    found = table.get(key)
    if found is None:
        fail("KeyNotFoundException", "The given key was not present in the dictionary.")
    return found[1]


def dictionary_set(table: FzDictionary, key: object, value: object) -> None:
    """``d.[k] <- v``: add or replace."""
    _writable(table)
    if table.get(key) is None:
        _grow(len(table) + 1, "Dictionary")
    table.put(key, value)


def _dictionary_remove(table: FzDictionary, key: object) -> bool:
    _writable(table)
    return table.items.pop(key_of(key), None) is not None


def _dictionary_try_get_value(table: FzDictionary, key: object) -> tuple[bool, object]:
    """``d.TryGetValue k``: F#'s tuple form of the out-parameter method (``(false, ())`` when
    missing: .NET's default of the value type is not known at run time)."""
    found = table.get(key)
    return (True, found[1]) if found is not None else (False, None)


def _dictionary_clear(table: FzDictionary, _unit: object) -> None:
    _writable(table)
    table.items.clear()


def _contains_value(table: FzDictionary, value: object) -> bool:
    return any(equals(item, value) for _, item in table.items.values())


# --------------------------------------------------------------------------- ResizeArray


@builtin("ResizeArray.New", "unit -> ResizeArray<'a>")
def new_resize_array(_unit: None) -> FzResizeArray:
    """``ResizeArray<'a>()``: an empty list."""
    return FzResizeArray()


@overload_form("ResizeArray.New", "'a seq -> ResizeArray<'a>")
def resize_array_of(items: object) -> FzResizeArray:
    """``ResizeArray xs``: a list holding a copy of the elements of *xs*."""
    return FzResizeArray(lazyseq.materialise(items, "ResizeArray"))


def _resize_add(items: FzResizeArray, item: object) -> None:
    _grow(len(items) + 1, "ResizeArray")
    items.append(item)


def _resize_add_range(items: FzResizeArray, source: object) -> None:
    more = lazyseq.materialise(source, "ResizeArray")
    _grow(len(items) + len(more), "ResizeArray")
    items.extend(more)


def resize_item(items: FzResizeArray, argument: object) -> object:
    index = _index("Item", argument)
    if not 0 <= index < len(items):
        _out_of_range()
    return items[index]


def resize_set(items: FzResizeArray, index: object, value: object) -> None:
    """``xs.[i] <- v``."""
    position = _index("Item", index)
    if not 0 <= position < len(items):
        _out_of_range()
    items[position] = value


def _resize_insert(items: FzResizeArray, argument: object) -> None:
    index, item = two_arguments("Insert", argument)
    if type(index) is not int or not 0 <= index <= len(items):
        _out_of_range()
    _grow(len(items) + 1, "ResizeArray")
    items.insert(index, item)


def _resize_remove(items: FzResizeArray, item: object) -> bool:
    for position, current in enumerate(items):
        if equals(current, item):
            del items[position]
            return True
    return False


def _resize_remove_at(items: FzResizeArray, argument: object) -> None:
    index = _index("RemoveAt", argument)
    if not 0 <= index < len(items):
        _out_of_range()
    del items[index]


def _resize_index_of(items: FzResizeArray, item: object) -> int:
    for position, current in enumerate(items):
        if equals(current, item):
            return position
    return -1


def _resize_sort(items: FzResizeArray, _unit: object) -> None:
    items[:] = sort_by_key(list(items), lambda x: x)


def _resize_reverse(items: FzResizeArray, _unit: object) -> None:
    items.reverse()


def _resize_to_array(items: FzResizeArray, _unit: object) -> FzArray:
    return FzArray(items)


def _resize_clear(items: FzResizeArray, _unit: object) -> None:
    items.clear()


def _resize_exists(items: FzResizeArray, predicate: Callable[[Any], Any]) -> bool:
    return any(predicate(item) for item in list(items))


def _resize_true_for_all(items: FzResizeArray, predicate: Callable[[Any], Any]) -> bool:
    return all(predicate(item) for item in list(items))


def _resize_find_index(items: FzResizeArray, predicate: Callable[[Any], Any]) -> int:
    return next((i for i, item in enumerate(list(items)) if predicate(item)), -1)


def _resize_find_all(items: FzResizeArray, predicate: Callable[[Any], Any]) -> FzResizeArray:
    return FzResizeArray([item for item in list(items) if predicate(item)])


def _resize_remove_all(items: FzResizeArray, predicate: Callable[[Any], Any]) -> int:
    kept = [item for item in list(items) if not predicate(item)]
    removed = len(items) - len(kept)
    items[:] = kept
    return removed


def _resize_for_each(items: FzResizeArray, action: Callable[[Any], Any]) -> None:
    for item in list(items):
        action(item)


def _resize_get_range(items: FzResizeArray, argument: object) -> FzResizeArray:
    start, count = two_arguments("GetRange", argument)
    if type(start) is not int or type(count) is not int or start < 0 or count < 0:
        _out_of_range()
    if start + count > len(items):
        fail("ArgumentException", "Offset and length were out of bounds for the array.")
    return FzResizeArray(items[start : start + count])


# --------------------------------------------------------------------------- HashSet


@builtin("HashSet.New", "unit -> HashSet<'a>")
def new_hash_set(_unit: None) -> FzHashSet:
    """``HashSet<'a>()``: an empty set."""
    return FzHashSet()


@overload_form("HashSet.New", "'a seq -> HashSet<'a>")
def hash_set_of(items: object) -> FzHashSet:
    """``HashSet xs``: a set of the distinct elements of *xs*."""
    made = FzHashSet()
    for item in lazyseq.materialise(items, "HashSet"):
        made.add(item)
    return made


def _set_add(items: FzHashSet, item: object) -> bool:
    if item not in items:
        _grow(len(items) + 1, "HashSet")
    return items.add(item)


def _set_remove(items: FzHashSet, item: object) -> bool:
    return items.items.pop(key_of(item), None) is not None


def _set_union_with(items: FzHashSet, source: object) -> None:
    for item in lazyseq.materialise(source, "HashSet"):
        _set_add(items, item)


def _set_intersect_with(items: FzHashSet, source: object) -> None:
    keep = {key_of(item) for item in lazyseq.materialise(source, "HashSet")}
    for key in [key for key in items.items if key not in keep]:
        del items.items[key]


def _set_except_with(items: FzHashSet, source: object) -> None:
    for item in lazyseq.materialise(source, "HashSet"):
        items.items.pop(key_of(item), None)


def _set_clear(items: FzHashSet, _unit: object) -> None:
    items.items.clear()


# --------------------------------------------------------------------------- Stack, Queue


@builtin("Stack.New", "unit -> Stack<'a>")
def new_stack(_unit: None) -> FzStack:
    """``Stack<'a>()``: an empty stack."""
    return FzStack()


@overload_form("Stack.New", "'a seq -> Stack<'a>")
def stack_of(items: object) -> FzStack:
    """``Stack xs``: the elements pushed in order (the last one on top)."""
    return FzStack(lazyseq.materialise(items, "Stack"))


@builtin("Queue.New", "unit -> Queue<'a>")
def new_queue(_unit: None) -> FzQueue:
    """``Queue<'a>()``: an empty queue."""
    return FzQueue()


@overload_form("Queue.New", "'a seq -> Queue<'a>")
def queue_of(items: object) -> FzQueue:
    """``Queue xs``: the elements enqueued in order."""
    return FzQueue(lazyseq.materialise(items, "Queue"))


def _push(items: FzStack | FzQueue, item: object) -> None:
    _grow(len(items) + 1, type(items).FUSABI_TYPE)
    items.append(item)


def _empty(items: FzStack | FzQueue) -> None:
    fail("InvalidOperationException", f"{type(items).FUSABI_TYPE} empty.")


def _pop(items: FzStack, _unit: object) -> object:
    if not items:
        _empty(items)
    return items.pop()


def _stack_peek(items: FzStack, _unit: object) -> object:
    if not items:
        _empty(items)
    return items[-1]


def _try_pop(items: FzStack, _unit: object) -> tuple[bool, object]:
    return (True, items.pop()) if items else (False, None)


def _dequeue(items: FzQueue, _unit: object) -> object:
    if not items:
        _empty(items)
    return items.pop(0)


def _queue_peek(items: FzQueue, _unit: object) -> object:
    if not items:
        _empty(items)
    return items[0]


def _try_dequeue(items: FzQueue, _unit: object) -> tuple[bool, object]:
    return (True, items.pop(0)) if items else (False, None)


def _contains(items: FzStack | FzQueue, item: object) -> bool:
    return any(equals(current, item) for current in items)


# --------------------------------------------------------------------------- the tables

RECEIVER_PARAMETERS: Final[dict[str, tuple[str, ...]]] = {
    "dictionary": ("k", "v"),
    "resizearray": ("a",),
    "hashset": ("a",),
    "stack": ("a",),
    "queue": ("a",),
}

MEMBER_TYPES: Final[dict[tuple[str, str], str]] = {
    ("dictionary", "Add"): "'k * 'v -> unit",
    ("dictionary", "TryAdd"): "'k * 'v -> bool",
    ("dictionary", "Remove"): "'k -> bool",
    ("dictionary", "ContainsKey"): "'k -> bool",
    ("dictionary", "ContainsValue"): "'v -> bool",
    ("dictionary", "TryGetValue"): "'k -> bool * 'v",
    ("dictionary", "Item"): "'k -> 'v",
    ("dictionary", "Clear"): "unit -> unit",
    ("dictionary", "Count"): "int",
    ("dictionary", "Keys"): "'k seq",
    ("dictionary", "Values"): "'v seq",
    ("resizearray", "Add"): "'a -> unit",
    ("resizearray", "AddRange"): "'a seq -> unit",
    ("resizearray", "Insert"): "int * 'a -> unit",
    ("resizearray", "Remove"): "'a -> bool",
    ("resizearray", "RemoveAt"): "int -> unit",
    ("resizearray", "Contains"): "'a -> bool",
    ("resizearray", "IndexOf"): "'a -> int",
    ("resizearray", "Exists"): "('a -> bool) -> bool",
    ("resizearray", "TrueForAll"): "('a -> bool) -> bool",
    ("resizearray", "FindIndex"): "('a -> bool) -> int",
    ("resizearray", "FindAll"): "('a -> bool) -> ResizeArray<'a>",
    ("resizearray", "RemoveAll"): "('a -> bool) -> int",
    ("resizearray", "ForEach"): "('a -> unit) -> unit",
    ("resizearray", "GetRange"): "int * int -> ResizeArray<'a>",
    ("resizearray", "Item"): "int -> 'a",
    ("resizearray", "Sort"): "unit -> unit",
    ("resizearray", "Reverse"): "unit -> unit",
    ("resizearray", "ToArray"): "unit -> 'a array",
    ("resizearray", "Clear"): "unit -> unit",
    ("resizearray", "Count"): "int",
    ("hashset", "Add"): "'a -> bool",
    ("hashset", "Remove"): "'a -> bool",
    ("hashset", "Contains"): "'a -> bool",
    ("hashset", "UnionWith"): "'a seq -> unit",
    ("hashset", "IntersectWith"): "'a seq -> unit",
    ("hashset", "ExceptWith"): "'a seq -> unit",
    ("hashset", "Clear"): "unit -> unit",
    ("hashset", "Count"): "int",
    ("stack", "Push"): "'a -> unit",
    ("stack", "Pop"): "unit -> 'a",
    ("stack", "Peek"): "unit -> 'a",
    ("stack", "TryPop"): "unit -> bool * 'a",
    ("stack", "Contains"): "'a -> bool",
    ("stack", "Clear"): "unit -> unit",
    ("stack", "ToArray"): "unit -> 'a array",
    ("stack", "Count"): "int",
    ("queue", "Enqueue"): "'a -> unit",
    ("queue", "Dequeue"): "unit -> 'a",
    ("queue", "Peek"): "unit -> 'a",
    ("queue", "TryDequeue"): "unit -> bool * 'a",
    ("queue", "Contains"): "'a -> bool",
    ("queue", "Clear"): "unit -> unit",
    ("queue", "ToArray"): "unit -> 'a array",
    ("queue", "Count"): "int",
}
"""``(kind, member)`` -> its F# type, in terms of :data:`RECEIVER_PARAMETERS`."""

METHODS: Final[dict[tuple[str, str], Callable[[Any, Any], object]]] = {
    ("dictionary", "Add"): dictionary_add,
    ("dictionary", "TryAdd"): dictionary_try_add,
    ("dictionary", "Remove"): _dictionary_remove,
    ("dictionary", "ContainsKey"): lambda table, key: table.get(key) is not None,
    ("dictionary", "ContainsValue"): _contains_value,
    ("dictionary", "TryGetValue"): _dictionary_try_get_value,
    ("dictionary", "Item"): dictionary_item,
    ("dictionary", "Clear"): _dictionary_clear,
    ("resizearray", "Add"): _resize_add,
    ("resizearray", "AddRange"): _resize_add_range,
    ("resizearray", "Insert"): _resize_insert,
    ("resizearray", "Remove"): _resize_remove,
    ("resizearray", "RemoveAt"): _resize_remove_at,
    ("resizearray", "Contains"): lambda items, x: _resize_index_of(items, x) >= 0,
    ("resizearray", "IndexOf"): _resize_index_of,
    ("resizearray", "Exists"): _resize_exists,
    ("resizearray", "TrueForAll"): _resize_true_for_all,
    ("resizearray", "FindIndex"): _resize_find_index,
    ("resizearray", "FindAll"): _resize_find_all,
    ("resizearray", "RemoveAll"): _resize_remove_all,
    ("resizearray", "ForEach"): _resize_for_each,
    ("resizearray", "GetRange"): _resize_get_range,
    ("resizearray", "Item"): resize_item,
    ("resizearray", "Sort"): _resize_sort,
    ("resizearray", "Reverse"): _resize_reverse,
    ("resizearray", "ToArray"): _resize_to_array,
    ("resizearray", "Clear"): _resize_clear,
    ("hashset", "Add"): _set_add,
    ("hashset", "Remove"): _set_remove,
    ("hashset", "Contains"): lambda items, x: x in items,
    ("hashset", "UnionWith"): _set_union_with,
    ("hashset", "IntersectWith"): _set_intersect_with,
    ("hashset", "ExceptWith"): _set_except_with,
    ("hashset", "Clear"): _set_clear,
    ("stack", "Push"): _push,
    ("stack", "Pop"): _pop,
    ("stack", "Peek"): _stack_peek,
    ("stack", "TryPop"): _try_pop,
    ("stack", "Contains"): _contains,
    ("stack", "Clear"): lambda items, _unit: items.clear(),
    ("stack", "ToArray"): lambda items, _unit: FzArray(items.elements()),
    ("queue", "Enqueue"): _push,
    ("queue", "Dequeue"): _dequeue,
    ("queue", "Peek"): _queue_peek,
    ("queue", "TryDequeue"): _try_dequeue,
    ("queue", "Contains"): _contains,
    ("queue", "Clear"): lambda items, _unit: items.clear(),
    ("queue", "ToArray"): lambda items, _unit: FzArray(items.elements()),
}
"""``(kind, method)`` -> ``method(receiver, argument)``."""

PROPERTIES: Final[dict[tuple[str, str], Callable[[Any], object]]] = {
    ("dictionary", "Count"): len,
    ("dictionary", "Keys"): lambda table: FzResizeArray(key for key, _ in table.pairs()),
    ("dictionary", "Values"): lambda table: FzResizeArray(value for _, value in table.pairs()),
    ("resizearray", "Count"): len,
    ("hashset", "Count"): len,
    ("stack", "Count"): len,
    ("queue", "Count"): len,
}
"""``(kind, property)`` -> ``property(receiver)``."""
