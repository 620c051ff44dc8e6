"""Values crossing the host boundary, through real Fusabi code.

Every test compiles and runs Fusabi source; values are compared with :func:`same`, which is
type-exact (``True`` is not ``1``, ``1`` is not ``1.0``) and treats NaN as equal to NaN.
"""

from __future__ import annotations

import collections
import decimal
import enum
import math
import reprlib
import threading
import traceback
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import fusabi_host
from fusabi_host import (
    Capabilities,
    CapabilityError,
    ConversionError,
    EngineConfig,
    FusabiError,
    FusabiRuntimeError,
    LimitExceeded,
    Limits,
    Variant,
    compile_source,
)
from fusabi_host.engine import Instance

INT64_MIN = -(1 << 63)
INT64_MAX = (1 << 63) - 1


def same(a: Any, b: Any) -> bool:
    """Structural, type-exact equality; NaN equals NaN."""
    if type(a) is not type(b):
        return False
    if type(a) is float:
        return (math.isnan(a) and math.isnan(b)) or (
            a == b and math.copysign(1.0, a) == math.copysign(1.0, b)
        )
    if type(a) in (list, tuple):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if type(a) is dict:
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if type(a) is Variant:
        return a.tag == b.tag and same(a.fields, b.fields)
    return bool(a == b)


def instance(source: str, config: EngineConfig | None = None, **options: Any) -> Instance:
    return compile_source(source).instantiate(config, **options)


GENERIC = instance(
    """
let id x = x
let pair x = (x, x)
let twice x = [x; x]
let some x = Some x
let isSame a b = a = b
"""
)


# --------------------------------------------------------------------------- scalars


@pytest.mark.parametrize(
    "value",
    [
        0,
        -1,
        INT64_MAX,
        INT64_MIN,
        1.5,
        -0.0,
        math.inf,
        -math.inf,
        "",
        "héllo\n\u2603",
        True,
        False,
        None,
    ],
)
def test_scalars_round_trip_unchanged(value: object) -> None:
    assert same(GENERIC.call("id", value), value)


def test_nan_round_trips_as_nan() -> None:
    result = GENERIC.call("id", math.nan)
    assert type(result) is float
    assert math.isnan(result)


def test_typed_scalar_functions() -> None:
    inst = instance(
        """
let inc (x: int) = x + 1
let half (x: float) = x / 2.0
let shout (s: string) = s.ToUpper() + "!"
let flip (b: bool) = not b
let unitToInt () = 42
let describe (u: unit) = "unit"
"""
    )
    assert inst.unit.typed
    assert same(inst.call("inc", 41), 42)
    assert same(inst.call("half", 3.0), 1.5)
    assert same(inst.call("shout", "hi"), "HI!")
    assert same(inst.call("flip", True), False)
    assert same(inst.call("unitToInt"), 42)
    assert same(inst.call("unitToInt", None), 42)
    assert same(inst.call("describe", None), "unit")


def test_int64_arithmetic_wraps_like_fsharp() -> None:
    inst = instance("let inc (x: int) = x + 1")
    assert same(inst.call("inc", INT64_MAX), INT64_MIN)


def test_unit_is_none_both_ways_and_empty_tuple_is_unit() -> None:
    inst = instance("let isUnit (u: unit) = (u = ())\nlet giveUnit () = ()")
    assert inst.call("isUnit", None) is True
    assert inst.call("isUnit", ()) is True
    assert inst.call("giveUnit") is None


def test_char_becomes_a_one_character_str() -> None:
    inst = instance("let c () = 'x'\nlet chars (s: string) = List.ofSeq s")
    assert same(inst.call("c"), "x")
    assert same(inst.call("chars", "ab"), ["a", "b"])


# --------------------------------------------------------------------------- collections


def test_typed_list_functions() -> None:
    inst = instance(
        """
let sumList (xs: int list) = List.sum xs
let lengths (xs: string list) = List.map String.length xs
let nested (xss: int list list) = List.map List.sum xss
"""
    )
    assert inst.unit.typed
    assert same(inst.call("sumList", [1, 2, 3]), 6)
    assert same(inst.call("sumList", []), 0)
    assert same(inst.call("lengths", ["a", "bcd", ""]), [1, 3, 0])
    assert same(inst.call("nested", [[1, 2], [], [3]]), [3, 0, 3])


def test_long_lists_cross_both_ways() -> None:
    inst = instance("let rev (xs: int list) = List.rev xs")
    values = list(range(100_000))
    assert inst.call("rev", values) == values[::-1]


def test_tuples() -> None:
    inst = instance(
        """
let swap (p: int * string) = let (a, b) = p in (b, a)
let fst3 (t: int * float * bool) = match t with (a, _, _) -> a
let mk () = (1, "two", 3.0, [4], (5, 6))
"""
    )
    assert same(inst.call("swap", (1, "x")), ("x", 1))
    assert same(inst.call("fst3", (7, 0.5, True)), 7)
    assert same(inst.call("mk"), (1, "two", 3.0, [4], (5, 6)))


RECORDS = """
type Person = { Name: string; Age: int }
let older (p: Person) = { p with Age = p.Age + 1 }
let name (p: Person) = p.Name
let make (n: string) = { Name = n; Age = 0 }
type Team = { Title: string; Members: Person list }
let size (t: Team) = List.length t.Members
"""


def test_dict_with_str_keys_is_a_record() -> None:
    inst = instance(RECORDS)
    assert inst.unit.typed
    assert same(inst.call("older", {"Name": "Ada", "Age": 36}), {"Name": "Ada", "Age": 37})
    assert same(inst.call("name", {"Name": "Ada", "Age": 36}), "Ada")
    assert same(inst.call("make", "Bo"), {"Name": "Bo", "Age": 0})
    team = {"Title": "t", "Members": [{"Name": "a", "Age": 1}, {"Name": "b", "Age": 2}]}
    assert same(inst.call("size", team), 2)


def test_map_comes_back_as_a_dict() -> None:
    inst = instance(
        """
let toMap (pairs: (int * string) list) = Map.ofList pairs
let byName () = Map.ofList [("b", 2); ("a", 1)]
let listKeys () = Map.ofList [([1; 2], "l"); ([], "e")]
let optionKeys () = Map.ofList [(Some [1], 1); (None, 0)]
let tupleKeys () = Map.ofList [((1, [2]), "t")]
"""
    )
    assert same(inst.call("toMap", [(2, "b"), (1, "a"), (2, "c")]), {1: "a", 2: "c"})
    assert same(inst.call("byName"), {"a": 1, "b": 2})
    assert list(inst.call("byName")) == ["a", "b"]  # the Map's key order
    # keys that are lists become tuples, recursively, so that they are hashable
    assert same(inst.call("listKeys"), {(1, 2): "l", (): "e"})
    assert same(inst.call("optionKeys"), {Variant("Some", ((1,),)): 1, Variant("None"): 0})
    assert same(inst.call("tupleKeys"), {(1, (2,)): "t"})


def test_set_comes_back_as_a_frozenset() -> None:
    inst = instance("let s () = Set.ofList [3; 1; 3]\nlet ls () = Set.ofList [[1]; [2]]")
    assert inst.call("s") == frozenset({1, 3})
    assert type(inst.call("s")) is frozenset
    assert inst.call("ls") == frozenset({(1,), (2,)})


def test_array_comes_back_as_a_list_copy() -> None:
    inst = instance(
        """
let arr = [| 1; 2; 3 |]
let getArr () = arr
let first () = arr.[0]
let ofList (xs: int list) = Array.ofList xs
"""
    )
    got = inst.call("getArr")
    assert same(got, [1, 2, 3])
    got[0] = 99
    assert same(inst.call("first"), 1)
    assert same(inst.call("ofList", [4, 5]), [4, 5])
    assert same(inst.get("arr"), [1, 2, 3])


def test_nested_structures_round_trip() -> None:
    value = [
        {"a": [1, 2, (3, "x")], "b": Variant("Some", ({"c": None},))},
        (Variant("Ok", ([1.5, -0.0],)), [[], [[]]]),
    ]
    assert same(GENERIC.call("id", value), value)
    assert same(GENERIC.call("pair", value), (value, value))
    assert GENERIC.call("isSame", value, value) is True


# --------------------------------------------------------------------------- unions


UNIONS = """
type Shape = Circle of float | Rect of float * float | Empty
let area s =
    match s with
    | Circle r -> 3.0 * r * r
    | Rect (w, h) -> w * h
    | Empty -> 0.0
let unit () = Rect (2.0, 3.0)
let shapes () = [Circle 1.0; Empty]
let tryDiv (a: int) (b: int) = if b = 0 then None else Some (a / b)
let orZero (o: int option) = match o with Some x -> x | None -> 0
let parse (s: string) = if s = "" then Error "empty" else Ok (String.length s)
let unwrap (r: Result<int, string>) = match r with Ok v -> v | Error e -> -1
let nestedOpt () = Some (Some None : int option option)
"""


def test_declared_union_values_cross_as_variants() -> None:
    inst = instance(UNIONS)
    assert inst.unit.typed
    assert same(inst.call("area", Variant("Rect", (2.0, 5.0))), 10.0)
    assert same(inst.call("area", Variant("Circle", (1.0,))), 3.0)
    assert same(inst.call("area", Variant("Empty")), 0.0)
    assert same(inst.call("unit"), Variant("Rect", (2.0, 3.0)))
    assert same(inst.call("shapes"), [Variant("Circle", (1.0,)), Variant("Empty")])


def test_option_is_never_unwrapped() -> None:
    inst = instance(UNIONS)
    assert same(inst.call("tryDiv", 7, 2), Variant("Some", (3,)))
    assert same(inst.call("tryDiv", 7, 0), Variant("None"))
    assert same(inst.call("orZero", Variant.some(5)), 5)
    assert same(inst.call("orZero", Variant.none()), 0)
    assert same(inst.call("nestedOpt"), Variant("Some", (Variant("Some", (Variant("None"),)),)))


def test_result_is_never_unwrapped() -> None:
    inst = instance(UNIONS)
    assert same(inst.call("parse", "abc"), Variant("Ok", (3,)))
    assert same(inst.call("parse", ""), Variant("Error", ("empty",)))
    assert same(inst.call("unwrap", Variant.ok(4)), 4)
    assert same(inst.call("unwrap", Variant.error("bad")), -1)


def test_exception_values_are_variants() -> None:
    inst = instance('let e () = Failure "x"')
    assert same(inst.call("e"), Variant("Failure", ("x",)))


# --------------------------------------------------------------------------- refusals


class Color(enum.IntEnum):
    RED = 1


class MyFloat(float):
    pass


Point = collections.namedtuple("Point", "x y")


def self_containing_list() -> list[Any]:
    xs: list[Any] = [1]
    xs.append(xs)
    return xs


def self_containing_dict() -> dict[str, Any]:
    d: dict[str, Any] = {}
    d["me"] = d
    return d


def deeply_nested(depth: int) -> list[Any]:
    value: list[Any] = []
    for _ in range(depth):
        value = [value]
    return value


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ({1, 2}, "set cannot be passed"),
        (frozenset({1}), "frozenset cannot be passed"),
        (b"bytes", "bytes"),
        (bytearray(b"x"), "bytearray"),
        (object(), "object"),
        (1 + 2j, "complex"),
        (decimal.Decimal("NaN"), "does not fit"),
        (decimal.Decimal("1e40"), "does not fit"),
        ({1: "a"}, "str keys"),
        ({("a",): 1}, "str keys"),
        ({"ok": 1, 2: "no"}, "str keys"),
        (INT64_MAX + 1, "64-bit"),
        (INT64_MIN - 1, "64-bit"),
        (Color.RED, "Color"),
        (MyFloat(1.0), "MyFloat"),
        (Point(1, 2), "Point"),
        ([1, [2, {3}]], "set cannot be passed"),
        ({"a": (1, b"x")}, "bytes"),
        (Variant("Some", (1, 2)), "Some has 1 field"),
        (Variant("None", (1,)), "None has 0 field"),
        (Variant(5), "tag"),  # type: ignore[arg-type]
        (Variant("not a name"), "tag"),
        (self_containing_list(), "nested too deeply"),
        (self_containing_dict(), "nested too deeply"),
        (deeply_nested(5000), "nested too deeply"),
    ],
    ids=lambda value: reprlib.repr(value) if not isinstance(value, str) else value,
)
def test_unconvertible_values_are_refused(value: object, message: str) -> None:
    with pytest.raises(ConversionError, match=message) as info:
        GENERIC.call("id", value)
    assert isinstance(info.value, FusabiError)
    assert isinstance(info.value, TypeError)
    # the instance is still usable afterwards
    assert GENERIC.call("id", 1) == 1


def test_declared_case_with_wrong_arity_is_refused() -> None:
    inst = instance(UNIONS)
    with pytest.raises(ConversionError, match="Rect has 2 field"):
        inst.call("area", Variant("Rect", (1.0,)))


def test_too_deep_plugin_value_is_refused() -> None:
    # (a value of an infinite type, which F# refuses: it runs with type_check="warn")
    source = "let rec deep n = if n = 0 then [] else [deep (n - 1)]"
    inst = compile_source(source, type_check="warn").instantiate()
    assert same(inst.call("deep", 3), [[[[]]]])
    with pytest.raises(ConversionError, match="nested too deeply to return"):
        inst.call("deep", 5000)


def test_refused_values_in_get_and_module_functions() -> None:
    with pytest.raises(ConversionError):
        fusabi_host.convert.to_fusabi({1, 2})
    with pytest.raises(ConversionError):
        fusabi_host.convert.from_fusabi(object())


# --------------------------------------------------------------------------- Python callables


FUNCTIONS = """
let applyTwice f x = f (f x)
let add2 (f: int -> int -> int) = f 1 2
let partial (f: int -> int -> int) = let g = f 10 in g 5
let callUnit (f: unit -> int) = f ()
let giveRecord f = f { Name = "a"; Age = 1 }
let giveOption f = f (Some [1; 2])
let giveChar f = f 'c'
let safe (f: int -> string) = try f 1 with Failure m -> "caught: " + m
let useCallback h = h (fun x -> x * 3)
let nestedFail h = try h (fun x -> failwith "inner") with Failure m -> "caught: " + m
let useReturned (f: int -> int -> int) = (f 2) 3
type Person = { Name: string; Age: int }
"""


def test_python_callables_are_applied_by_plugin_code() -> None:
    inst = instance(FUNCTIONS)
    assert same(inst.call("applyTwice", lambda x: x * 2, 3), 12)
    assert same(inst.call("applyTwice", str.upper, "ab"), "AB")
    assert same(inst.call("add2", lambda a, b: a * 10 + b), 12)
    assert same(inst.call("partial", lambda a, b: a - b), 5)
    assert same(inst.call("callUnit", lambda: 7), 7)


def test_python_callables_receive_converted_values() -> None:
    inst = instance(FUNCTIONS)
    seen: list[object] = []

    def record(value: object) -> int:
        seen.append(value)
        return 0

    inst.call("giveRecord", record)
    inst.call("giveOption", record)
    inst.call("giveChar", record)
    assert same(seen, [{"Name": "a", "Age": 1}, Variant("Some", ([1, 2],)), "c"])


def test_python_callable_returning_a_callable() -> None:
    inst = instance(FUNCTIONS)
    assert same(inst.call("useReturned", lambda a: lambda b: a * b), 6)


def test_python_callable_that_raises_is_a_fusabi_failure() -> None:
    inst = instance(FUNCTIONS)

    def boom(x: int) -> int:
        raise ValueError("boom")

    with pytest.raises(FusabiRuntimeError) as info:
        inst.call("applyTwice", boom, 1)
    text = str(info.value)
    assert "host function" in text
    assert "boom" in text
    assert "ValueError" in text
    assert "Traceback (most recent call last)" not in text
    assert 'File "' not in text
    formatted = "".join(traceback.format_exception(info.value))
    assert "During handling" not in formatted
    assert "direct cause" not in formatted
    # plugin code can catch it like any Failure
    assert inst.call("safe", boom).startswith("caught: host function")
    caught = inst.call("safe", boom)
    assert "failed (ValueError)" in caught
    assert ": boom" not in caught  # the error text stays in the host


def test_python_callable_returning_an_unconvertible_value() -> None:
    inst = instance(FUNCTIONS)
    with pytest.raises(ConversionError, match=r"host function .* returned .*set"):
        inst.call("applyTwice", lambda x: {x}, 1)
    with pytest.raises(ConversionError, match="host function"):
        inst.call("applyTwice", lambda x: object(), 1)


def test_python_callable_calling_back_into_plugin_code() -> None:
    inst = instance(FUNCTIONS)
    assert same(inst.call("useCallback", lambda f: f(4) + 1), 13)
    # a plugin exception raised in the callback travels back to the plugin's handler
    assert same(inst.call("nestedFail", lambda f: f(1)), "caught: inner")


# --------------------------------------------------------------------------- Fusabi functions


CLOSURES = """
let adder n = fun x -> x + n
let add (a: int) (b: int) = a + b
let applyTwice f x = f (f x)
let compose f g = fun x -> g (f x)
let spinner () = fun () -> (let mutable i = 0 in (while true do i <- i + 1 done); i)
let reader () = fun (p: string) -> File.readAllText p
let thrower () = fun (x: int) -> (failwith "closure failed" : int)
let run h = let r = h (fun () -> 1) in let mutable i = 0 in (while true do i <- i + 1 done); r
"""


def test_fusabi_closures_returned_to_python() -> None:
    inst = instance(CLOSURES)
    add10 = inst.call("adder", 10)
    assert callable(add10)
    assert same(add10(5), 15)
    assert same(add10(-10), 0)
    assert same(inst.get("add")(1)(2), 3)
    assert same(inst.get("add")(1, 2), 3)
    assert same(inst.partial("add", 1)(2), 3)
    with pytest.raises(fusabi_host.ArityMismatch, match="'add' takes 2 arguments"):
        inst.call("add", 1)
    assert same(inst.call("compose", lambda x: x + 1, lambda x: x * 10)(2), 30)


def test_fusabi_closure_passed_back_to_plugin_code() -> None:
    inst = instance(CLOSURES)
    add10 = inst.call("adder", 10)
    assert same(inst.call("applyTwice", add10, 1), 21)
    assert same(inst.call("applyTwice", inst.get("add")(5), 1), 11)


def test_fusabi_closure_passed_to_another_instance() -> None:
    one = instance(CLOSURES)
    two = instance(CLOSURES)
    assert same(two.call("applyTwice", one.call("adder", 3), 0), 6)


def test_fusabi_closure_failure_is_a_runtime_error() -> None:
    inst = instance(CLOSURES)
    with pytest.raises(FusabiRuntimeError, match="closure failed"):
        inst.call("thrower")(1)


def test_returned_closure_runs_under_the_time_limit() -> None:
    inst = instance(CLOSURES, EngineConfig(limits=Limits(timeout=0.2)))
    spin = inst.call("spinner")
    with pytest.raises(LimitExceeded) as info:
        spin()
    assert info.value.limit == "timeout"


def test_returned_closure_runs_under_the_fuel_limit() -> None:
    inst = instance(CLOSURES, EngineConfig(limits=Limits(timeout=5.0, max_fuel=50_000)))
    spin = inst.call("spinner")
    with pytest.raises(LimitExceeded) as info:
        spin()
    assert info.value.limit == "max_fuel"


@pytest.mark.parametrize(
    "limits", [Limits(timeout=0.3), Limits(timeout=None, max_fuel=50_000)], ids=repr
)
def test_callback_from_host_function_does_not_reset_the_limits(limits: Limits) -> None:
    """Plugin code calls a host function that calls a plugin closure back; the loop that
    follows must still be stopped by the call's limits."""
    inst = instance(CLOSURES, EngineConfig(limits=limits))
    outcome: list[BaseException] = []

    def target() -> None:
        try:
            inst.call("run", lambda f: f())
        except BaseException as exc:
            outcome.append(exc)

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(15)
    assert not thread.is_alive(), "plugin code escaped its limits after a callback"
    assert len(outcome) == 1
    assert isinstance(outcome[0], LimitExceeded)


def test_returned_closure_runs_under_the_capability_grant(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("s3cret", encoding="utf-8")
    denied = instance(CLOSURES, capabilities=Capabilities.none())
    read = denied.call("reader")
    with pytest.raises(CapabilityError) as info:
        read(str(secret))
    assert info.value.capability == "fs:read"
    allowed = instance(CLOSURES, capabilities=Capabilities.of("fs:read"))
    assert same(allowed.call("reader")(str(secret)), "s3cret")


# --------------------------------------------------------------------------- properties


def identifiers() -> st.SearchStrategy[str]:
    return st.from_regex(r"\A[A-Z][A-Za-z0-9]{0,6}\Z").filter(
        lambda name: name not in fusabi_host.convert._BUILTIN_TAGS
    )


scalars = st.one_of(
    st.integers(min_value=INT64_MIN, max_value=INT64_MAX),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=10),
    st.booleans(),
    st.none(),
)


def extend(children: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(
        st.lists(children, max_size=4),
        st.lists(children, min_size=1, max_size=4).map(tuple),
        st.dictionaries(st.text(max_size=5), children, max_size=4),
        st.builds(Variant.some, children),
        st.builds(Variant.ok, children),
        st.builds(Variant.error, children),
        st.just(Variant.none()),
        st.builds(Variant, identifiers(), st.lists(children, max_size=3)),
    )


values = st.recursive(scalars, extend, max_leaves=20)

PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(values)
def test_round_trip_through_identity(value: Any) -> None:
    assert same(GENERIC.call("id", value), value)


@PROPERTY
@given(values)
def test_round_trip_inside_plugin_built_structures(value: Any) -> None:
    assert same(GENERIC.call("twice", value), [value, value])
    assert same(GENERIC.call("some", value), Variant("Some", (value,)))


@PROPERTY
@given(values)
def test_plugin_equality_agrees_with_python(value: Any) -> None:
    def has_nan(v: Any) -> bool:
        if type(v) is float:
            return math.isnan(v)
        if type(v) in (list, tuple):
            return any(has_nan(x) for x in v)
        if type(v) is dict:
            return any(has_nan(x) for x in v.values())
        if type(v) is Variant:
            return has_nan(v.fields)
        return False

    assert GENERIC.call("isSame", value, value) is (not has_nan(value))


@PROPERTY
@given(st.lists(st.tuples(st.integers(INT64_MIN, INT64_MAX), st.text(max_size=5)), max_size=8))
def test_map_of_pairs_matches_dict(pairs: list[tuple[int, str]]) -> None:
    inst = MAPS
    assert same(inst.call("toMap", pairs), dict(pairs))
    assert list(inst.call("toMap", pairs)) == sorted(dict(pairs))


MAPS = instance("let toMap (pairs: (int * string) list) = Map.ofList pairs")


@PROPERTY
@given(st.one_of(st.integers(max_value=INT64_MIN - 1), st.integers(min_value=INT64_MAX + 1)))
def test_ints_outside_int64_are_refused(n: int) -> None:
    with pytest.raises(ConversionError, match="64-bit"):
        GENERIC.call("id", n)


@PROPERTY
@given(st.lists(st.integers(-1000, 1000), max_size=20))
def test_python_callable_mapped_over_a_plugin_list(xs: list[int]) -> None:
    inst = LISTS
    assert same(inst.call("mapList", lambda x: x * 3 - 1, xs), [x * 3 - 1 for x in xs])


LISTS = instance("let mapList (f: int -> int) (xs: int list) = List.map f xs")
