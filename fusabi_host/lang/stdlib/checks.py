"""Argument checks for library functions, derived from their declared F# signatures.

Well-typed code never needs them: type inference has already matched every argument against
the signature, and code generation calls the library function directly.  Code that runs on the
dynamic path (the unit did not type-check, or an argument has type ``dyn``) can reach a
library function with an argument of the wrong shape (values from the host are converted by
the export's type before they reach plugin code: :mod:`fusabi_host.typedconvert`); without a
check the Python implementation would fail with a Python error (``IndexError``...) or, worse,
return nonsense.  :func:`checked` wraps a library function so that every argument whose
declared type constrains its representation is tested first, and a mismatch raises
``ArgumentException`` with a message such as
``List.map expects a function ('a -> 'b) as argument 1, got int``.

Only the outer shape of an argument is tested (a list is a list; its items are not walked), so
a check costs a few ``type(x) is T`` tests.  The wrapper is generated once per library function
as straight-line Python code.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from fusabi_host.lang import lazyseq
from fusabi_host.lang import syntax as S
from fusabi_host.lang.exceptions import fail
from fusabi_host.lang.mutables import FzHashSet, FzResizeArray
from fusabi_host.lang.stdlib.registry import Builtin
from fusabi_host.lang.values import (
    ERROR_TAG,
    NIL,
    NONE_TAG,
    OK_TAG,
    SOME_TAG,
    Char,
    FzArray,
    FzMap,
    FzSeq,
    FzSet,
    Tag,
    type_name,
)

__all__ = ["checked", "checked_builtin", "describe"]

_ALIASES = {
    "int64": "int", "int32": "int", "byte": "int", "double": "float", "float32": "float",
    "decimal": "float", "List": "list", "Option": "option", "Result": "result",
    "Map": "map", "Set": "set", "Seq": "seq",
}  # fmt: skip

# A test per type constructor, as a Python expression over the argument ``{x}``.
_TESTS = {
    "int": "type({x}) is _int",
    "float": "(type({x}) is _float or type({x}) is _int)",  # implementations widen ints
    "bool": "type({x}) is _bool",
    "string": "type({x}) is _str",
    "char": "type({x}) is _Char",
    "list": "({x} is _NIL or type({x}) is _list)",
    "array": "type({x}) is _FzArray",
    "set": "type({x}) is _FzSet",
    "map": "type({x}) is _FzMap",
    "option": "_is_option({x})",
    "result": "_is_result({x})",
    "seq": "_is_seq({x})",
}

_DESCRIPTIONS = {
    "int": "an int",
    "float": "a float",
    "bool": "a bool",
    "string": "a string",
    "char": "a char",
    "list": "a list",
    "array": "an array",
    "set": "a set",
    "map": "a map",
    "option": "an option",
    "result": "a Result",
    "seq": "a sequence",
}


def _is_option(x: object) -> bool:
    return type(x) is tuple and len(x) > 0 and (x[0] is SOME_TAG or x[0] is NONE_TAG)


def _is_result(x: object) -> bool:
    return type(x) is tuple and len(x) > 0 and (x[0] is OK_TAG or x[0] is ERROR_TAG)


def _is_seq(x: object) -> bool:
    return lazyseq.is_seq_source(x)  # (the mutable .NET collections too: ResizeArray ...)


def _is_tuple(x: object, size: int) -> bool:
    return type(x) is tuple and len(x) == size and not (x and type(x[0]) is Tag)


_ENV: dict[str, Any] = {
    "_int": int,
    "_float": float,
    "_bool": bool,
    "_str": str,
    "_Char": Char,
    "_list": list,
    "_tuple": tuple,
    "_dict": dict,
    "_NIL": NIL,
    "_FzArray": FzArray,
    "_FzSet": FzSet,
    "_FzMap": FzMap,
    "_is_option": _is_option,
    "_is_result": _is_result,
    "_is_seq": _is_seq,
    "_is_tuple": _is_tuple,
    "_callable": callable,
}


# Functions whose argument test differs from the one the declared type gives: (name, upstream's
# form?, argument index) -> (test, description).  ``String.join``/``String.concat`` take a
# ``string seq`` that is a list, an array or a set (not a string or a map, which are seqs of
# other things): F#'s ``String.concat sep strings`` second, upstream's ``String.concat strings``
# first.
_WIDER = {
    ("String.join", False, 1): ("_is_string_seq({x})", "a string list, array or set"),
    ("String.concat", False, 1): ("_is_string_seq({x})", "a string list, array or set"),
    ("String.concat", True, 0): ("_is_string_seq({x})", "a string list, array or set"),
}


def _is_string_seq(x: object) -> bool:
    t = type(x)
    return x is NIL or t in (list, FzArray, FzSet, FzSeq, FzResizeArray, FzHashSet)


_ENV["_is_string_seq"] = _is_string_seq


def _show(texpr: S.TypeExpr, nested: bool = False) -> str:
    """A type expression in F# syntax, for messages."""
    if isinstance(texpr, S.TVarExpr):
        return f"'{texpr.name}" if not texpr.name.startswith("'") else texpr.name
    if isinstance(texpr, S.TFunExpr):
        text = f"{_show(texpr.arg, True)} -> {_show(texpr.result)}"
        return f"({text})" if nested else text
    if isinstance(texpr, S.TTupleExpr):
        text = " * ".join(_show(t, True) for t in texpr.items)
        return f"({text})" if nested else text
    if isinstance(texpr, S.TRecordExpr):
        return "{| " + "; ".join(f"{n}: {_show(t)}" for n, t in texpr.fields) + " |}"
    assert isinstance(texpr, S.TName)
    if not texpr.args:
        return texpr.name
    if len(texpr.args) == 1 and texpr.name in ("list", "array", "option", "seq"):
        return f"{_show(texpr.args[0], True)} {texpr.name}"
    return f"{texpr.name}<{', '.join(_show(a) for a in texpr.args)}>"


def _test(texpr: S.TypeExpr, x: str) -> tuple[str, str] | None:
    """The Python test for an argument of type *texpr* and its description, or ``None``
    when any value may do (a type variable, ``obj``, ``unit``, an unknown type)."""
    if isinstance(texpr, S.TFunExpr):
        return f"_callable({x})", f"a function {_show(texpr, True)}"
    if isinstance(texpr, S.TTupleExpr):
        size = len(texpr.items)
        return f"_is_tuple({x}, {size})", f"a tuple {_show(texpr, True)}"
    if isinstance(texpr, S.TRecordExpr):
        return f"type({x}) is _dict", "a record"
    if not isinstance(texpr, S.TName):
        return None
    name = _ALIASES.get(texpr.name, texpr.name)
    test = _TESTS.get(name)
    if test is None:
        return None
    description = _DESCRIPTIONS[name]
    if not all(isinstance(a, S.TVarExpr) for a in texpr.args):
        shown = _show(texpr)
        description = ("an " if shown[:1] in "aeiouAEIOU" else "a ") + shown
    return test.format(x=x), description


def _arg_test(
    name: str, index: int, texpr: S.TypeExpr, x: str, upstream: bool = False
) -> tuple[str, str] | None:
    wider = _WIDER.get((name, upstream, index))
    if wider is not None:
        return wider[0].format(x=x), wider[1]
    return _test(texpr, x)


def _param_types(signature: str, arity: int) -> list[S.TypeExpr]:
    from fusabi_host.lang.parser import parse_type  # noqa: PLC0415

    texpr = parse_type(signature)
    params: list[S.TypeExpr] = []
    while isinstance(texpr, S.TFunExpr) and len(params) < arity:
        params.append(texpr.arg)
        texpr = texpr.result
    return params


def describe(builtin: Builtin, index: int, value: object) -> str:
    """The message for argument *index* (0-based) of *builtin* having the wrong type."""
    params = _param_types(builtin.signature, builtin.arity)
    found = _arg_test(builtin.name, index, params[index], "x") if index < len(params) else None
    what = found[1] if found is not None else "a different value"
    where = f" as argument {index + 1}" if builtin.arity > 1 else ""
    return f"{builtin.name} expects {what}{where}, got {type_name(value)}"


_LOCK = threading.Lock()
_CHECKED: dict[tuple[str, bool], Callable[..., Any]] = {}


def checked(builtin: Builtin) -> Callable[..., Any]:
    """*builtin*'s function, testing its arguments against its signature first (the function
    itself when no argument needs a test)."""
    key = (builtin.name, builtin.is_upstream)  # (a name may have F#'s and upstream's forms)
    found = _CHECKED.get(key)
    if found is not None:
        return found
    with _LOCK:
        found = _CHECKED.get(key)
        if found is None:
            found = _CHECKED[key] = _make_checked(builtin)
    return found


def _make_checked(builtin: Builtin) -> Callable[..., Any]:
    if builtin.is_value or builtin.arity == 0:
        return builtin.func
    try:
        params = _param_types(builtin.signature, builtin.arity)
    except Exception:
        return builtin.func
    tests = [
        _arg_test(builtin.name, index, texpr, f"a{index}", builtin.is_upstream)
        for index, texpr in enumerate(params)
    ]

    def bad(index: int, value: object) -> None:
        fail("ArgumentException", describe(builtin, index, value))

    predicates = [_predicate_arity(texpr) for texpr in params]
    return _build(
        builtin.func, builtin.name, builtin.arity, builtin.context, tests, bad, predicates
    )


def _predicate_arity(texpr: S.TypeExpr) -> int:
    """How many arguments a predicate parameter (a function type ending in ``bool``) takes;
    0 for any other parameter."""
    count = 0
    while isinstance(texpr, S.TFunExpr):
        count += 1
        texpr = texpr.result
    if count and isinstance(texpr, S.TName) and texpr.name == "bool":
        return count
    return 0


def _predicate(func: Callable[[Any], Any], arity: int, name: str) -> Callable[[Any], Any]:
    """*func* (curried, of *arity* arguments), failing unless its result is a bool: the dynamic
    path must not take any value as a truth value."""

    def check(result: object) -> object:
        if result is True or result is False:
            return result
        fail(
            "InvalidOperationException",
            f"the function given to {name} must return a bool, got {type_name(result)}",
        )

    if arity == 1:
        return lambda x: check(func(x))
    if arity == 2:
        return lambda x: lambda y: check(func(x)(y))

    def curried(x: object, depth: int = 1, f: Any = func) -> Any:
        if depth == arity:
            return check(f(x))
        inner = f(x)
        return lambda y: curried(y, depth + 1, inner)

    return curried


def _build(
    func: Callable[..., Any],
    label: str,
    arity: int,
    context: bool,
    tests: list[tuple[str, str] | None],
    bad: Callable[[int, object], None],
    predicates: list[int] | None = None,
) -> Callable[..., Any]:
    """*func* of *arity* positional arguments (plus a leading context), preceded by *tests*
    (Python expressions over ``a0``, ``a1``...; ``None``: no test); ``bad(i, value)`` raises."""
    names = [f"a{i}" for i in range(arity)]
    lines = [
        f"    if not {test[0]}: _bad({index}, a{index})"
        for index, test in enumerate(tests)
        if test is not None and index < arity
    ]
    for index, predicate in enumerate(predicates or []):
        if predicate and index < arity:
            lines.append(f"    a{index} = _predicate(a{index}, {predicate}, {label!r})")
    if not lines:
        return func
    arglist = ", ".join([*(["ctx"] if context else []), *names])
    source = "\n".join([f"def checked({arglist}):", *lines, f"    return _func({arglist})"])
    env = dict(_ENV, _func=func, _bad=bad, _predicate=_predicate)
    exec(compile(source, f"<checks for {label}>", "exec"), env)
    checked_func: Callable[..., Any] = env["checked"]
    checked_func.__name__ = getattr(func, "__name__", "checked")
    checked_func.__qualname__ = checked_func.__name__
    return checked_func


def checked_builtin(builtin: Builtin) -> Builtin:
    """A copy of *builtin* whose function checks its arguments."""
    import attrs  # noqa: PLC0415

    func = checked(builtin)
    if func is builtin.func:
        return builtin
    return attrs.evolve(builtin, func=func)
