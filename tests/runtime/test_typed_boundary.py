"""Values cross the host boundary by the export's static type (issue 11): arguments are
converted by their parameter's type (a dict for a Map, a list for an array, a Variant checked
against the union's cases, a Python callable whose results are checked), and results come back
by their type (records in declaration order, functions that check their own arguments)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from fusabi_host import (
    ArityMismatch,
    ConversionError,
    Instance,
    PluginRuntime,
    RuntimeConfig,
    Variant,
    compile_source,
)
from fusabi_host.lang import misfit, shape_of
from fusabi_host.lang import values as V
from fusabi_host.typedconvert import TypedFunction, arguments_fit, is_exactly, to_host, to_plugin

PLUGIN = """\
type Shape = Circle of float | Rect of float * float | Dot
type Order = { Zeta: int; Alpha: string; Tags: string list }
type Tree = Leaf of int | Node of Tree list

let total (m: Map<string, int>) = Map.fold (fun acc _ v -> acc + v) 0 m
let lookup (m: Map<int * int, string>) = Map.tryFind (1, 2) m
let count (s: Set<string>) = Set.count s
let first (a: int array) = a.[0] + Array.length a
let sum (xs: int list) = List.sum xs
let digit (c: char) = c >= '0' && c <= '9'
let area s =
    match s with
    | Circle r -> r * r * 3.0
    | Rect (w, h) -> w * h
    | Dot -> 0.0
let orElse (d: int) (o: int option) = match o with Some v -> v | None -> d
let fromResult (r: Result<int, string>) = match r with Ok v -> v | Error e -> String.length e
let twice (f: int -> int) x = f (f x)
let combine (f: int -> int -> int) = f 3 4
let shout (f: unit -> string) = (f ()).ToUpper()
let apply (f: int -> int) x = f x
let adder n = fun x -> x + n
let add3 a b c = a + b + c
let mk () = { Alpha = "a"; Zeta = 1; Tags = ["t"] }
let pair () = ('c', [| 1; 2 |])
let histogram () = Map.ofList [ ("b", 2); ("a", 1) ]
let letters () = Set.ofList [ 'b'; 'a' ]
let shapes () = [ Circle 1.5; Rect (2.0, 3.0); Dot ]
let maybe (b: bool) = if b then Some { Alpha = "x"; Zeta = 2; Tags = [] } else None
let maker () = fun (x: int) -> { Alpha = string x; Zeta = x; Tags = [] }
let rec depth n = if n = 0 then Leaf 0 else Node [ depth (n - 1) ]
let rec width n = Node [ for i in 1 .. n -> Leaf i ]
let origin = { Alpha = "o"; Zeta = 0; Tags = [] }
"""


@pytest.fixture(scope="module")
def plugin() -> Instance:
    return compile_source(PLUGIN, "typed.fsx").instantiate()


# --------------------------------------------------------------------------- arguments


def test_a_dict_becomes_a_map_for_a_map_parameter(plugin: Instance) -> None:
    assert plugin.call("total", {"a": 1, "b": 2}) == 3
    assert plugin.call("total", {}) == 0
    assert plugin.call("lookup", {(1, 2): "x", (3, 4): "y"}) == Variant.some("x")


def test_a_map_argument_names_the_key_of_a_wrong_value(plugin: Instance) -> None:
    with pytest.raises(ConversionError, match=r"argument 1 of 'total': \['b'\]: expected an int"):
        plugin.call("total", {"a": 1, "b": "two"})
    with pytest.raises(ConversionError, match=r"expected a dict \(Map<string, int>\), got list"):
        plugin.call("total", [("a", 1)])


def test_a_set_parameter_takes_a_set_a_frozenset_or_a_list(plugin: Instance) -> None:
    assert plugin.call("count", {"a", "b"}) == 2
    assert plugin.call("count", frozenset({"a"})) == 1
    assert plugin.call("count", ["a", "a", "b"]) == 2
    with pytest.raises(ConversionError, match="expected a str, got int 3"):
        plugin.call("count", {3})


def test_a_list_becomes_an_array_for_an_array_parameter(plugin: Instance) -> None:
    assert plugin.call("first", [10, 20, 30]) == 13
    assert plugin.call("first", (5,)) == 6
    assert plugin.call("sum", (1, 2, 3)) == 6
    with pytest.raises(ConversionError, match=r"argument 1 of 'first': \[1\]: expected an int"):
        plugin.call("first", [1, 2.5])


def test_a_char_parameter_takes_a_one_character_str(plugin: Instance) -> None:
    assert plugin.call("digit", "7") is True
    assert plugin.call("digit", "x") is False
    with pytest.raises(ConversionError, match="expected a one-character str"):
        plugin.call("digit", "77")


def test_a_variant_must_be_a_case_of_the_parameter_union(plugin: Instance) -> None:
    assert plugin.call("area", Variant("Rect", (2.0, 3.0))) == 6.0
    assert plugin.call("area", Variant("Circle", (1,))) == 3.0  # an int for a float field
    assert plugin.call("area", Variant("Dot")) == 0.0
    with pytest.raises(
        ConversionError,
        match=(
            r"'circle' is not a case of Shape \(did you mean 'Circle'\?\) "
            r"\(its cases: Circle, Rect, Dot\)"
        ),
    ):
        plugin.call("area", Variant("circle", (1.0,)))
    with pytest.raises(ConversionError, match=r"case Rect has 2 field\(s\), the Variant has 1"):
        plugin.call("area", Variant("Rect", (2.0,)))
    with pytest.raises(ConversionError, match=r"argument 1 of 'area': Rect\[1\]: expected a float"):
        plugin.call("area", Variant("Rect", (2.0, "3")))
    with pytest.raises(ConversionError, match="expected a Variant of the union Shape, got str"):
        plugin.call("area", "Circle")


def test_option_and_result_parameters(plugin: Instance) -> None:
    assert plugin.call("orElse", 9, None) == 9
    assert plugin.call("orElse", 9, Variant.some(3)) == 3
    assert plugin.call("orElse", 9, Variant.none()) == 9
    with pytest.raises(ConversionError, match=r"argument 2 of 'orElse': Value: expected an int"):
        plugin.call("orElse", 9, Variant.some("3"))
    with pytest.raises(ConversionError, match="expected an option"):
        plugin.call("orElse", 9, 3)
    assert plugin.call("fromResult", Variant.ok(5)) == 5
    assert plugin.call("fromResult", Variant.error("four")) == 4
    with pytest.raises(ConversionError, match=r"Error\[0\]: expected a str, got int"):
        plugin.call("fromResult", Variant.error(4))


# --------------------------------------------------------------------------- callables


def test_a_callable_is_called_with_the_arguments_its_type_gives(plugin: Instance) -> None:
    seen: list[Any] = []

    def double(x: int) -> int:
        seen.append(x)
        return x * 2

    assert plugin.call("twice", double, 5) == 20
    assert seen == [5, 10]
    assert plugin.call("combine", lambda a, b: a * 10 + b) == 34
    # one parameter at a time, as F# curries: a function that returns a function
    assert plugin.call("combine", lambda a: lambda b: a - b) == -1
    assert plugin.call("combine", lambda *args: sum(args)) == 7
    assert plugin.call("shout", lambda: "hey") == "HEY"


def test_what_a_callable_returns_is_checked_against_its_type(plugin: Instance) -> None:
    with pytest.raises(ConversionError) as info:
        plugin.call("twice", lambda x: f"{x}", 5)
    message = str(info.value)
    assert "host function" in message and "<lambda>" in message
    assert "expected an int, got str '5' (its type: int -> int)" in message
    with pytest.raises(ConversionError, match=r"got int 5 \(its type: unit -> string\)"):
        plugin.call("shout", lambda: 5)
    with pytest.raises(ConversionError, match="expected a function"):
        plugin.call("combine", lambda a: a)  # int -> int where int -> int -> int is needed


def test_a_callable_that_takes_too_many_arguments_is_refused(plugin: Instance) -> None:
    with pytest.raises(
        ConversionError,
        match=r"at most 1 argument\(s\) \(int -> int\), got one of 2",
    ):
        plugin.call("twice", lambda a, b: a, 1)
    with pytest.raises(ConversionError, match=r"argument 1 of 'twice': expected a function"):
        plugin.call("twice", 3, 1)
    with pytest.raises(ConversionError, match="got one of none"):
        plugin.call("twice", lambda: 3, 1)


def test_a_returned_function_checks_its_arguments(plugin: Instance) -> None:
    add2 = plugin.call("adder", 2)
    assert isinstance(add2, TypedFunction)
    assert add2.signature == "int -> int"
    assert add2(5) == 7
    with pytest.raises(
        ArityMismatch,
        match=r"this function takes 1 argument \(int -> int\) but was called with 2",
    ):
        add2(5, 6)
    with pytest.raises(ArityMismatch, match="takes 1 argument"):
        add2()
    with pytest.raises(
        ConversionError,
        match=r"argument 1 of this function \(int -> int\): expected an int",
    ):
        add2("5")


def test_a_returned_function_converts_its_result_by_type(plugin: Instance) -> None:
    make = plugin.call("maker")
    assert make.signature == "int -> Order"
    made = make(4)
    assert list(made) == ["Zeta", "Alpha", "Tags"]
    assert made == {"Zeta": 4, "Alpha": "4", "Tags": []}


def test_a_returned_function_handed_back_is_the_plugin_function_itself(plugin: Instance) -> None:
    add2 = plugin.call("adder", 2)
    assert plugin.call("apply", add2, 1) == 3
    assert plugin.call("twice", add2, 1) == 5
    shape = shape_of(plugin.unit.program.export_types["apply"])[1]  # its (int -> int)
    assert to_plugin(add2, shape, plugin.converter) is add2.function
    # handed to another program, it is wrapped: still called, under its own plugin's limits
    other = compile_source(PLUGIN, "other.fsx").instantiate()
    wrapped = to_plugin(add2, shape, other.converter)
    assert wrapped is not add2.function
    assert other.call("apply", add2, 1) == 3


def test_partial_application_gives_a_typed_function(plugin: Instance) -> None:
    rest = plugin.partial("add3", 1)
    assert rest.signature == "int -> int -> int"
    assert rest(2, 3) == 6
    assert rest(2)(3) == 6
    whole = plugin.partial("add3")
    assert whole.signature == "int -> int -> int -> int"
    assert whole(1, 2, 3) == 6
    with pytest.raises(ArityMismatch, match="takes 3 arguments"):
        whole(1, 2, 3, 4)


# --------------------------------------------------------------------------- results


def test_a_record_result_keeps_the_declared_field_order(plugin: Instance) -> None:
    order = plugin.call("mk")
    assert list(order) == ["Zeta", "Alpha", "Tags"]
    assert order == {"Zeta": 1, "Alpha": "a", "Tags": ["t"]}
    assert list(plugin.get("origin")) == ["Zeta", "Alpha", "Tags"]


def test_results_convert_by_their_type(plugin: Instance) -> None:
    char, array = plugin.call("pair")
    assert (type(char), char, array) == (str, "c", [1, 2])
    histogram = plugin.call("histogram")
    assert histogram == {"a": 1, "b": 2}
    assert plugin.call("letters") == frozenset({"a", "b"})
    assert plugin.call("shapes") == [
        Variant("Circle", (1.5,)),
        Variant("Rect", (2.0, 3.0)),
        Variant("Dot"),
    ]
    some = plugin.call("maybe", True)
    assert some == Variant.some({"Zeta": 2, "Alpha": "x", "Tags": []})
    assert list(some.fields[0]) == ["Zeta", "Alpha", "Tags"]
    assert plugin.call("maybe", False) == Variant.none()


def test_recursive_types_convert_at_any_width_and_refuse_past_the_depth_bound(
    plugin: Instance,
) -> None:
    wide = plugin.call("width", 2000)
    assert wide.tag == "Node" and len(wide.fields[0]) == 2000
    assert wide.fields[0][-1] == Variant("Leaf", (2000,))
    deep = plugin.call("depth", 150)
    node, levels = deep, 0
    while node.tag == "Node":
        node, levels = node.fields[0][0], levels + 1
    assert levels == 150
    with pytest.raises(ConversionError, match="nested too deeply"):
        plugin.call("depth", 5000)


def test_a_result_that_does_not_match_its_shape_converts_by_value(plugin: Instance) -> None:
    # well-typed code never produces one; a conversion by value is the safe answer if it did
    order_shape = shape_of(plugin.unit.program.export_types["origin"])
    assert to_host({"Other": 1}, order_shape, plugin.converter) == {"Other": 1}
    assert to_host(3, ("string",), plugin.converter) == 3
    shape_shape = shape_of(plugin.unit.program.export_types["area"])[1]
    stranger = (V.adhoc_tag("Hexagon", 1), 6)
    assert to_host(stranger, shape_shape, plugin.converter) == Variant("Hexagon", (6,))
    with pytest.raises(ConversionError, match="cannot be returned"):
        to_host(object(), ("int",), plugin.converter)


# --------------------------------------------------------------------------- plugin to plugin


def test_a_plugin_value_is_checked_against_a_type_without_leaving_plugin_code(
    plugin: Instance,
) -> None:
    def shape(name: str, index: int | None = None) -> Any:
        whole = shape_of(plugin.unit.program.export_types[name])
        return whole if index is None else whole[index]

    histogram = plugin.call_fusabi("histogram")
    assert misfit(histogram, shape("total", 1)) is None  # Map<string, int>
    assert misfit(histogram, shape("count", 1)) == "expected Set<string>, got map"
    shapes = plugin.call_fusabi("shapes")
    assert misfit(shapes, ("list", shape("area", 1))) is None
    order = plugin.call_fusabi("mk")
    assert misfit(order, shape("origin")) is None
    assert misfit(order, shape("area", 1)) == "expected Shape, got record"
    assert misfit(plugin.call_fusabi("pair"), ("tuple", (("char",), ("list", ("int",))))) == (
        "[1]: expected int list, got array"
    )
    tree = plugin.call_fusabi("depth", 3)
    assert misfit(tree, shape("depth")[2]) is None
    assert misfit(tree, shape("area", 1)) == "Node is not a case of Shape"


# --------------------------------------------------------------------------- the whole path


def test_the_runtime_converts_by_type_too(tmp_path: Path) -> None:
    source = tmp_path / "typed.fsx"
    source.write_text(PLUGIN, encoding="utf-8")
    runtime = PluginRuntime(RuntimeConfig(autoload_extensions=False))
    runtime.load_source(source)
    assert runtime.call("typed", "total", [{"x": 40, "y": 2}]) == 42
    with pytest.raises(ConversionError, match=r"not a dict; to pass one dict as the only"):
        runtime.call("typed", "total", {"x": 40, "y": 2})  # type: ignore[arg-type]
    assert list(runtime.call("typed", "mk")) == ["Zeta", "Alpha", "Tags"]
    with pytest.raises(ConversionError, match="is not a case of Shape"):
        runtime.call("typed", "area", [Variant("Square", (1.0,))])
    add = runtime.call("typed", "adder", [1])
    assert add(1) == 2
    runtime.unload("typed")


def test_an_untyped_unit_converts_by_value() -> None:
    source = PLUGIN + 'let broken () = 1 + "a"\n'
    plugin = compile_source(source, "untyped.fsx", type_check="warn").instantiate()
    assert plugin.unit.signature("mk") is None
    order = plugin.call("mk")
    assert order == {"Zeta": 1, "Alpha": "a", "Tags": ["t"]}
    add2 = plugin.call("adder", 2)
    assert not isinstance(add2, TypedFunction)
    assert add2(5) == 7


class _Text(str):
    """A str subclass: not exactly a str, so it is converted."""


_SAMPLES: tuple[object, ...] = (
    0,
    -1,
    V.INT_MAX,
    V.INT_MAX + 1,
    V.INT_MIN,
    V.INT_MIN - 1,
    True,
    1.5,
    "s",
    _Text("s"),
    None,
    [1],
)


@pytest.mark.parametrize(
    "types",
    [(int,), (float,), (str,), (bool,), (int, int), (str, float), (float, bool), (int, str, int)],
    ids=repr,
)
def test_the_argument_fit_test_agrees_with_is_exactly(types: tuple[type, ...]) -> None:
    """The written-out tests for one and two arguments decide as ``is_exactly`` of each
    argument does, at int64's edges, for bool against int and for a str subclass."""
    fits = arguments_fit(types)
    rows = [(value,) * len(types) for value in _SAMPLES]
    rows += [tuple(_SAMPLES[(i + k) % len(_SAMPLES)] for k in range(len(types))) for i in range(12)]
    rows += [tuple(_SAMPLES[0] if t is int else t() for t in types)]
    decided = [fits(row) for row in rows]
    assert decided == [all(map(is_exactly, row, types)) for row in rows]
    assert any(decided) and not all(decided)
