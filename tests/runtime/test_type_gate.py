"""Static types at the plugin boundary (issue 11): ill-typed plugins never load, a reload never
replaces a working plugin with an ill-typed one, incomplete matches are warnings, and calls
from the host are checked against the export's signature."""

from __future__ import annotations

from pathlib import Path

import pytest

import fusabi_host
from fusabi_host import (
    ArityMismatch,
    CompileError,
    ConversionError,
    EngineConfig,
    LifecycleEvent,
    LoaderConfig,
    PluginRuntime,
    RuntimeConfig,
)

GOOD = """\
type Order = { Id: string; Qty: int; Price: float }
type Rule = { MinLength: int; Name: string }
let discount (o: Order) = if o.Qty > 10 then o.Price * 0.9 else o.Price
let total (orders: Order list) = orders |> List.sumBy (fun o -> float o.Qty * o.Price)
let check (r: Rule) (s: string) = s.Length >= r.MinLength
let hello () = "hi"
let version = 1
"""

ILL_TYPED = """\
printfn "side effect"
let version = 2
let broken (x: int) = x + "one"
"""

INCOMPLETE = """\
type Shape = Circle of float | Rect of float * float | Tri
let area s =
    match s with
    | Circle r -> r
    | Rect (w, h) -> w * h
"""


def runtime_with(
    tmp_path: Path, type_check: str = "strict"
) -> tuple[PluginRuntime, list[LifecycleEvent]]:
    engine = EngineConfig(type_check=type_check)
    runtime = PluginRuntime(
        RuntimeConfig(loader=LoaderConfig(engine=engine), autoload_extensions=False)
    )
    events: list[LifecycleEvent] = []
    runtime.events.subscribe(events.append)
    return runtime, events


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_an_ill_typed_plugin_is_refused_before_it_runs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    runtime, events = runtime_with(tmp_path)
    path = write(tmp_path, "bad.fsx", ILL_TYPED)
    with pytest.raises(CompileError) as info:
        runtime.load_source(path)
    diagnostic = info.value.diagnostics[0]
    assert (diagnostic.filename, diagnostic.line) == (str(path), 3)
    assert "expected int, got string" in diagnostic.message
    assert "side effect" not in capsys.readouterr().out
    assert [e.event_name for e in events if e.plugin_name == "bad"] == ["error"]
    assert runtime.registry.get("bad") is None


def test_warn_loads_an_ill_typed_plugin_with_warning_events(tmp_path: Path) -> None:
    runtime, events = runtime_with(tmp_path, "warn")
    handle = runtime.load_source(write(tmp_path, "bad.fsx", ILL_TYPED))
    warnings = [e for e in events if e.event_name == "warning" and e.plugin_name == "bad"]
    assert len(warnings) == 1
    assert warnings[0].details["line"] == 3
    assert "expected int, got string" in warnings[0].details["message"]
    with pytest.raises(fusabi_host.FusabiRuntimeError):  # it runs with run-time checks
        handle.call("broken", 1)


def test_an_incomplete_match_is_a_warning_event_and_never_blocks(tmp_path: Path) -> None:
    runtime, events = runtime_with(tmp_path)
    handle = runtime.load_source(write(tmp_path, "shapes.fsx", INCOMPLETE))
    warnings = [e for e in events if e.event_name == "warning"]
    assert len(warnings) == 1
    assert warnings[0].details["line"] == 3
    assert "'Tri' is not matched" in warnings[0].details["message"]
    assert handle.call("area", fusabi_host.Variant("Circle", (2.0,))) == 2.0
    unit = fusabi_host.compile_source(INCOMPLETE, "shapes.fsx")
    assert [w.line for w in unit.warnings] == [3]


def test_a_reload_to_an_ill_typed_version_keeps_the_working_one(tmp_path: Path) -> None:
    runtime, events = runtime_with(tmp_path)
    path = write(tmp_path, "orders.fsx", GOOD)
    handle = runtime.load_source(path)
    path.write_text(ILL_TYPED, encoding="utf-8")
    with pytest.raises(CompileError, match="expected int, got string"):
        runtime.reload("orders")
    assert handle.call("hello") == "hi"
    assert runtime.registry.require("orders").call("hello") == "hi"
    assert any(e.event_name == "error" for e in events)


# --------------------------------------------------------------------------- the boundary


@pytest.fixture(scope="module")
def orders() -> fusabi_host.Instance:
    return fusabi_host.compile_source(GOOD, "orders.fsx").instantiate()


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("discount", "discount : Order -> float"),
        ("total", "total : Order list -> float"),
        ("check", "check : Rule -> string -> bool"),
        ("hello", "hello : unit -> string"),
        ("version", "version : int"),
    ],
)
def test_signatures_are_fsharp_text(orders: fusabi_host.Instance, name: str, text: str) -> None:
    signature = orders.unit.signature(name)
    assert signature is not None
    assert signature.text == text


def test_a_dict_becomes_the_declared_record(orders: fusabi_host.Instance) -> None:
    assert orders.call("discount", {"Id": "a", "Qty": 20, "Price": 10}) == 9.0  # int -> float


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (({"id": "a", "Qty": 1, "Price": 1.0},), "unknown field 'id' (did you mean 'Id'?)"),
        (({"Id": "a", "Qty": 1},), "missing field 'Price'"),
        (({"Id": "a", "Qty": 1.5, "Price": 1.0},), "Qty: expected an int, got float"),
        (("not a dict",), "expected a dict for the record Order, got str"),
    ],
)
def test_a_wrong_record_names_the_field(
    orders: fusabi_host.Instance, args: tuple[object, ...], message: str
) -> None:
    with pytest.raises(ConversionError) as info:
        orders.call("discount", *args)
    assert str(info.value).startswith("argument 1 of 'discount'")
    assert message in str(info.value)


def test_a_wrong_list_element_names_its_index(orders: fusabi_host.Instance) -> None:
    good = {"Id": "a", "Qty": 1, "Price": 2.0}
    with pytest.raises(
        ConversionError, match=r"argument 1 of 'total': \[1\]\.Qty: expected an int"
    ):
        orders.call("total", [good, {**good, "Qty": "x"}])
    assert orders.call("total", (good, good)) == 4.0  # a tuple is taken for a list


def test_a_wrong_cased_record_key_is_never_an_internal_error(orders: fusabi_host.Instance) -> None:
    with pytest.raises(ConversionError, match="did you mean 'MinLength'") as info:
        orders.call("check", {"minLength": 3, "Name": "x"}, "abcd")
    assert "internal error" not in str(info.value)
    assert "KeyError" not in str(info.value)


def test_the_number_of_arguments_is_checked(orders: fusabi_host.Instance) -> None:
    with pytest.raises(ArityMismatch) as info:
        orders.call("check", {"MinLength": 3, "Name": "x"})
    assert str(info.value).startswith(
        "'check' takes 2 arguments (check : Rule -> string -> bool) but was called with 1"
    )
    assert (info.value.expected, info.value.given) == (2, 1)
    with pytest.raises(ArityMismatch, match="was called with 3"):
        orders.call("check", {"MinLength": 3, "Name": "x"}, "a", "b")


def test_a_unit_function_takes_no_argument_or_unit(orders: fusabi_host.Instance) -> None:
    assert orders.call("hello") == "hi"
    assert orders.call("hello", None) == "hi"
    with pytest.raises(ConversionError, match="expected None \\(unit\\), got int"):
        orders.call("hello", 3)


def test_partial_application_is_explicit(orders: fusabi_host.Instance) -> None:
    long_enough = orders.partial("check", {"MinLength": 3, "Name": "x"})
    assert long_enough("abcd") is True
    assert long_enough("ab") is False
    with pytest.raises(ConversionError, match="did you mean 'MinLength'"):
        orders.partial("check", {"minlength": 3, "Name": "x"})


def test_a_unit_compiled_with_warn_has_no_signatures_but_counts_arguments() -> None:
    unit = fusabi_host.compile_source(ILL_TYPED, "bad.fsx", type_check="warn")
    assert unit.signature("broken") is None
    assert not unit.typed and unit.type_errors
    with pytest.raises(ArityMismatch, match="'broken' takes 1 argument"):
        unit.instantiate(stdout=lambda _text: None).call("broken", 1, 2)


def test_type_check_must_be_a_known_mode() -> None:
    with pytest.raises(ValueError, match="type_check"):
        EngineConfig(type_check="lenient")
    with pytest.raises(ValueError, match="type_check must be one of"):
        fusabi_host.compile_source("let x = 1\n", type_check="lenient")


def test_a_function_returning_a_function_takes_its_arguments_too() -> None:
    # F#: `adder 2` is a function, `adder 2 3` is 5 (the result is applied), `adder 2 3 4` is
    # an error
    unit = fusabi_host.compile_source("let adder x = fun y -> x + y\n", "adder.fsx")
    instance = unit.instantiate()
    assert instance.call("adder", 2, 3) == 5
    assert instance.call("adder", 2)(40) == 42
    with pytest.raises(
        ArityMismatch, match=r"'adder' takes 2 arguments \(adder : int -> int -> int\)"
    ):
        instance.call("adder", 2, 3, 4)
    with pytest.raises(ConversionError, match="argument 2 of 'adder': expected an int"):
        instance.call("adder", 2, "3")


def test_a_recursive_record_is_checked_to_any_depth_with_its_path() -> None:
    source = (
        "type Tree = { Name: string; Kids: Tree list }\nlet count (t: Tree) = List.length t.Kids\n"
    )
    instance = fusabi_host.compile_source(source, "tree.fsx").instantiate()
    leaf = {"Name": "b", "Kids": []}
    assert instance.call("count", {"Name": "a", "Kids": [leaf, leaf]}) == 2
    bad = {"Name": "a", "Kids": [{"Name": "b", "Kids": [{"Name": 3, "Kids": []}]}]}
    with pytest.raises(ConversionError) as info:
        instance.call("count", bad)
    assert str(info.value) == (
        "argument 1 of 'count': Kids[0].Kids[0].Name: expected a str, got int 3"
    )
