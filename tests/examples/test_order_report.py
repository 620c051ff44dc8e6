"""examples/plugins/order-report: order records in, per-customer totals (records or JSON)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from fusabi_host import (
    Capabilities,
    CapabilityError,
    EngineConfig,
    FusabiRuntimeError,
    LoaderConfig,
    PluginRuntime,
    RuntimeConfig,
    Variant,
)

REPO = Path(__file__).resolve().parents[2]
PLUGIN_DIR = REPO / "examples" / "plugins" / "order-report"

ORDERS = [
    {"customer": "carol", "item": "keyboard", "amount": 49.99},
    {"customer": "alice", "item": "monitor", "amount": 199.5},
    {"customer": "bob", "item": "cable", "amount": 5.25},
    {"customer": "carol", "item": "mouse", "amount": 25.0},
    {"customer": "alice", "item": "stand", "amount": 30.333},
    {"customer": "carol", "item": "mouse pad", "amount": 10.004},
]
# alice: 199.5 + 30.333 = 229.833 -> 229.83; bob: 5.25; carol: 49.99 + 25.0 + 10.004 = 84.994
# -> 84.99; rows sorted by customer name.
TOTALS = [
    {"customer": "alice", "orders": 2, "total": 229.83},
    {"customer": "bob", "orders": 1, "total": 5.25},
    {"customer": "carol", "orders": 3, "total": 84.99},
]


@pytest.fixture
def runtime() -> Iterator[PluginRuntime]:
    with PluginRuntime() as runtime:
        runtime.load(PLUGIN_DIR)
        yield runtime


def test_loads_with_the_serialize_capability(runtime: PluginRuntime) -> None:
    handle = runtime.get("order-report")
    assert handle is not None
    assert handle.version == "1.1.0"
    assert handle.capabilities.names() == ("serialize",)
    assert handle.exports == ("totals", "report_json", "parse_orders", "biggest_customer")


def test_totals_per_customer(runtime: PluginRuntime) -> None:
    assert runtime.call("order-report", "totals", [ORDERS]) == TOTALS


def test_totals_of_the_demo_orders(runtime: PluginRuntime) -> None:
    orders = [
        {"customer": "ada", "item": "lamp", "amount": 42.5},
        {"customer": "bob", "item": "desk", "amount": 180.0},
        {"customer": "ada", "item": "chair", "amount": 99.99},
    ]
    assert runtime.call("order-report", "totals", [orders]) == [
        {"customer": "ada", "orders": 2, "total": 142.49},
        {"customer": "bob", "orders": 1, "total": 180.0},
    ]


@pytest.mark.parametrize(
    ("amounts", "expected"),
    [
        ([10.333, 0.005], 10.34),  # 10.338
        ([1.004], 1.0),
        ([0.125], 0.13),  # Math.round rounds halves away from zero (12.5 -> 13)
        ([19.99, 19.99, 19.99], 59.97),
    ],
)
def test_totals_are_rounded_to_two_decimals(
    runtime: PluginRuntime, amounts: list[float], expected: float
) -> None:
    orders = [{"customer": "dana", "item": f"item {i}", "amount": a} for i, a in enumerate(amounts)]
    assert runtime.call("order-report", "totals", [orders]) == [
        {"customer": "dana", "orders": len(amounts), "total": expected}
    ]


def test_totals_of_no_orders(runtime: PluginRuntime) -> None:
    assert runtime.call("order-report", "totals", [[]]) == []


def test_report_json_text(runtime: PluginRuntime) -> None:
    text = runtime.call("order-report", "report_json", [ORDERS])
    assert text == (
        '[{"customer":"alice","orders":2,"total":229.83},'
        '{"customer":"bob","orders":1,"total":5.25},'
        '{"customer":"carol","orders":3,"total":84.99}]'
    )
    assert json.loads(text) == TOTALS


def test_report_json_of_no_orders(runtime: PluginRuntime) -> None:
    assert runtime.call("order-report", "report_json", [[]]) == "[]"


def test_report_json_escapes_strings(runtime: PluginRuntime) -> None:
    orders = [{"customer": 'Ann "the buyer"\n', "item": "x", "amount": 1.5}]
    text = runtime.call("order-report", "report_json", [orders])
    assert text == '[{"customer":"Ann \\"the buyer\\"\\n","orders":1,"total":1.5}]'
    assert json.loads(text) == [{"customer": 'Ann "the buyer"\n', "orders": 1, "total": 1.5}]


def test_parse_orders_reads_json_records(runtime: PluginRuntime) -> None:
    text = (
        '[{"customer": "eve", "item": "pen", "amount": 2.5},'
        ' {"customer": "eve", "item": "ink", "amount": 4.25}]'
    )
    parsed = runtime.call("order-report", "parse_orders", [text])
    assert parsed == [
        {"customer": "eve", "item": "pen", "amount": 2.5},
        {"customer": "eve", "item": "ink", "amount": 4.25},
    ]
    assert runtime.call("order-report", "totals", [parsed]) == [
        {"customer": "eve", "orders": 2, "total": 6.75}
    ]


def test_parse_orders_round_trips_python_json(runtime: PluginRuntime) -> None:
    parsed = runtime.call("order-report", "parse_orders", [json.dumps(ORDERS)])
    assert parsed == ORDERS
    assert runtime.call("order-report", "totals", [parsed]) == TOTALS


def test_biggest_customer(runtime: PluginRuntime) -> None:
    assert runtime.call("order-report", "biggest_customer", [ORDERS]) == Variant("Some", ("alice",))


def test_biggest_customer_of_no_orders_is_none(runtime: PluginRuntime) -> None:
    assert runtime.call("order-report", "biggest_customer", [[]]) == Variant("None", ())


def test_biggest_customer_tie_goes_to_the_first_row(runtime: PluginRuntime) -> None:
    # rows are sorted by name and List.maxBy keeps the first of equal maxima
    orders = [
        {"customer": "zoe", "item": "a", "amount": 30.0},
        {"customer": "adam", "item": "b", "amount": 20.0},
        {"customer": "adam", "item": "c", "amount": 10.0},
    ]
    assert runtime.call("order-report", "biggest_customer", [orders]) == Variant.some("adam")


# ---------------------------------------------------------------------------- errors


def test_a_missing_field_is_a_runtime_error(runtime: PluginRuntime) -> None:
    with pytest.raises(FusabiRuntimeError, match="no field 'amount'"):
        runtime.call("order-report", "totals", [[{"customer": "x", "item": "y"}]])


def test_integer_amounts_do_not_mix_with_floats(runtime: PluginRuntime) -> None:
    # JSON 2 is an int; Fusabi has no implicit int -> float conversion
    text = (
        '[{"customer": "a", "item": "b", "amount": 1.5},'
        ' {"customer": "a", "item": "c", "amount": 2}]'
    )
    parsed = runtime.call("order-report", "parse_orders", [text])
    with pytest.raises(FusabiRuntimeError, match="float and int"):
        runtime.call("order-report", "totals", [parsed])


def test_invalid_json_is_a_runtime_error(runtime: PluginRuntime) -> None:
    with pytest.raises(FusabiRuntimeError, match="JSON parse error"):
        runtime.call("order-report", "parse_orders", ["not json"])


def test_load_fails_without_serialize_offered() -> None:
    offered = Capabilities.none()
    config = RuntimeConfig(loader=LoaderConfig(engine=EngineConfig(capabilities=offered)))
    with PluginRuntime(config) as runtime:
        with pytest.raises(CapabilityError, match="serialize") as info:
            runtime.load(PLUGIN_DIR)
        assert info.value.plugin == "order-report"
        assert runtime.plugins() == []
