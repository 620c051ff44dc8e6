"""The .NET members F# code calls on collections: ``m.Add(k, v)``, ``m.TryFind k``,
``s.Contains x``, ``s.MinimumElement``, ``xs.Item i``, ``m.Keys`` ...

:data:`COLLECTION_MEMBER_TYPES` gives each member's F# type in terms of the receiver's type
parameters (:data:`RECEIVER_PARAMETERS`: a ``Map<'k, 'v>``, a ``Set<'a>``, an ``'a list``, an
``'a array``, an ``'a option``); a method's type is a function of its argument (a tuple for
several: ``m.Add(k, v)`` takes ``'k * 'v``), a property's type is its value's.  Type inference
reads it (``infer.Inferer.collection_member``).

:data:`COLLECTION_METHODS` and :data:`COLLECTION_PROPERTIES` run them: a method is called as
``method(receiver, argument)`` (the one F# argument: a tuple for several, ``()`` for none), a
property as ``property(receiver)``.  Code whose types are not known at compile time reaches
them through ``support._getf`` / ``support._member``, so every argument is checked here and a
misuse raises a Fusabi exception.

Deviations from .NET: ``m.Keys`` / ``m.Values`` are F# lists (a ``seq`` to the type checker;
``%A`` shows them as lists, not ``seq [...]``), and ``m.TryGetValue k`` for a missing key gives
``(false, ())`` -- .NET's ``default`` of the value type is not known at run time.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final

from fusabi_host.lang.exceptions import fail
from fusabi_host.lang.stdlib import (
    array2d_module,
    generic_collections,
    lazy_module,
    map_module,
    set_module,
    text_module,
)
from fusabi_host.lang.values import NIL, SOME_TAG, FzMap, type_name

__all__ = [
    "COLLECTION_MEMBER_TYPES",
    "COLLECTION_METHODS",
    "COLLECTION_PROPERTIES",
    "RECEIVER_PARAMETERS",
]

RECEIVER_PARAMETERS: Final[dict[str, tuple[str, ...]]] = {
    "map": ("k", "v"),
    "set": ("a",),
    "list": ("a",),
    "array": ("a",),
    "option": ("a",),
    "lazy": ("a",),
    **generic_collections.RECEIVER_PARAMETERS,
    **array2d_module.RECEIVER_PARAMETERS,
    **text_module.RECEIVER_PARAMETERS,
}
"""The type variables a member type names for the receiver's type arguments, by kind."""

COLLECTION_MEMBER_TYPES: Final[dict[tuple[str, str], str]] = {
    ("map", "Add"): "'k * 'v -> Map<'k, 'v>",
    ("map", "Remove"): "'k -> Map<'k, 'v>",
    ("map", "TryFind"): "'k -> 'v option",
    ("map", "ContainsKey"): "'k -> bool",
    ("map", "TryGetValue"): "'k -> bool * 'v",
    ("map", "Item"): "'k -> 'v",
    ("map", "Count"): "int",
    ("map", "IsEmpty"): "bool",
    ("map", "Keys"): "'k seq",
    ("map", "Values"): "'v seq",
    ("set", "Contains"): "'a -> bool",
    ("set", "Add"): "'a -> Set<'a>",
    ("set", "Remove"): "'a -> Set<'a>",
    ("set", "Count"): "int",
    ("set", "IsEmpty"): "bool",
    ("set", "MinimumElement"): "'a",
    ("set", "MaximumElement"): "'a",
    ("list", "Item"): "int -> 'a",
    ("lazy", "Force"): "unit -> 'a",
    ("lazy", "Value"): "'a",
    ("lazy", "IsValueCreated"): "bool",
    **generic_collections.MEMBER_TYPES,
    **array2d_module.MEMBER_TYPES,
    **text_module.MEMBER_TYPES,
}
"""``(kind, member)`` -> its F# type (see the module docstring)."""


# --------------------------------------------------------------------------- argument checks


def _int_index(member: str, argument: object) -> int:
    if type(argument) is not int:
        fail("ArgumentException", f"'{member}' takes an int index, got {type_name(argument)}")
    return argument


# --------------------------------------------------------------------------- Map


def _map_add(table: FzMap, argument: object) -> FzMap:
    key, item = generic_collections.two_arguments("Add", argument)
    return map_module.add(key, item, table)


def _map_try_get_value(table: FzMap, key: object) -> tuple[bool, object]:
    """``m.TryGetValue k``: F#'s tuple form of the out-parameter method."""
    found = map_module.try_find(key, table)
    return (True, found[1]) if found[0] is SOME_TAG else (False, None)


def _map_item(table: FzMap, key: object) -> object:
    found = map_module.try_find(key, table)
    if found[0] is not SOME_TAG:
        fail("KeyNotFoundException", "The given key was not present in the dictionary.")
    return found[1]


# --------------------------------------------------------------------------- list


def _list_item(items: Any, argument: object) -> object:
    """``xs.Item i`` (``xs.[i]``): the element at *i*, counted from 0."""
    index = _int_index("Item", argument)
    current = items
    for _ in range(max(index, 0)):
        if current is NIL:
            break
        current = current[1]
    if index < 0 or current is NIL:
        fail(
            "ArgumentException",
            "The index was outside the range of elements in the list. (Parameter 'index')",
        )
    return current[0]


COLLECTION_METHODS: Final[dict[tuple[str, str], Callable[[Any, Any], object]]] = {
    ("map", "Add"): _map_add,
    ("map", "Remove"): lambda table, key: map_module.remove(key, table),
    ("map", "TryFind"): lambda table, key: map_module.try_find(key, table),
    ("map", "ContainsKey"): lambda table, key: map_module.contains_key(key, table),
    ("map", "TryGetValue"): _map_try_get_value,
    ("map", "Item"): _map_item,
    ("set", "Contains"): lambda items, x: set_module.contains(x, items),
    ("set", "Add"): lambda items, x: set_module.add(x, items),
    ("set", "Remove"): lambda items, x: set_module.remove(x, items),
    ("list", "Item"): _list_item,
    ("lazy", "Force"): lambda lazy, _unit: lazy_module.force(lazy),
    **generic_collections.METHODS,
    **array2d_module.METHODS,
    **text_module.METHODS,
}
"""``(kind, method)`` -> ``method(receiver, argument)``."""

COLLECTION_PROPERTIES: Final[dict[tuple[str, str], Callable[[Any], object]]] = {
    ("map", "Keys"): map_module.keys,
    ("map", "Values"): map_module.values,
    ("set", "IsEmpty"): lambda items: len(items) == 0,
    ("set", "MinimumElement"): set_module.min_element,
    ("set", "MaximumElement"): set_module.max_element,
    ("lazy", "Value"): lazy_module.force,
    ("lazy", "IsValueCreated"): lazy_module.is_value_created,
    **generic_collections.PROPERTIES,
    **array2d_module.PROPERTIES,
    **text_module.PROPERTIES,
}
"""``(kind, property)`` -> ``property(receiver)``, for the properties ``support`` does not
already read itself (``Count``, ``Length``, ``Head``, ``IsSome`` ...)."""
