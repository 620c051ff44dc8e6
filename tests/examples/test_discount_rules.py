"""examples/plugins/discount-rules: discount rules as a union type, matched by patterns.

The rules (main.fsx): gold members 10 %; big basket (total >= 200) 5 %; loyal silver
(silver and at least 3 years) 7.5 %; welcome (neither loyal for a year nor gold) 2 %.
``discount`` is the best applicable percentage, ``explain`` lists every rule that applies.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from fusabi_host import FusabiRuntimeError, PluginRuntime

REPO = Path(__file__).resolve().parents[2]
PLUGIN_DIR = REPO / "examples" / "plugins" / "discount-rules"


@pytest.fixture
def runtime() -> Iterator[PluginRuntime]:
    with PluginRuntime() as runtime:
        runtime.load(PLUGIN_DIR)
        yield runtime


def order(tier: str, total: float, years: int) -> dict[str, object]:
    return {"tier": tier, "total": total, "years": years}


CASES = [
    # tier, total, years -> best percent, rules that apply (in rule order)
    ("gold", 50.0, 0, 10.0, ["gold members"]),  # gold excludes welcome
    ("gold", 250.0, 5, 10.0, ["gold members", "big basket"]),
    ("gold", 200.0, 0, 10.0, ["gold members", "big basket"]),
    ("silver", 250.0, 4, 7.5, ["big basket", "loyal silver"]),
    ("silver", 100.0, 3, 7.5, ["loyal silver"]),  # exactly 3 years is loyal
    ("silver", 100.0, 2, 0.0, []),  # nothing applies
    ("silver", 300.0, 0, 5.0, ["big basket", "welcome"]),
    ("silver", 50.0, 0, 2.0, ["welcome"]),
    ("bronze", 50.0, 0, 2.0, ["welcome"]),
    ("bronze", 200.0, 0, 5.0, ["big basket", "welcome"]),  # exactly 200 is a big basket
    ("bronze", 199.99, 1, 0.0, []),  # one year: no longer welcome
    ("bronze", 1000.0, 10, 5.0, ["big basket"]),
    ("GOLD", 1.0, 0, 10.0, ["gold members"]),  # tiers are case-insensitive
    ("Silver", 10.0, 3, 7.5, ["loyal silver"]),
]


@pytest.mark.parametrize(("tier", "total", "years", "percent", "rules"), CASES)
def test_discount(
    runtime: PluginRuntime, tier: str, total: float, years: int, percent: float, rules: list[str]
) -> None:
    assert runtime.call("discount-rules", "discount", [order(tier, total, years)]) == percent


@pytest.mark.parametrize(("tier", "total", "years", "percent", "rules"), CASES)
def test_explain(
    runtime: PluginRuntime, tier: str, total: float, years: int, percent: float, rules: list[str]
) -> None:
    assert runtime.call("discount-rules", "explain", [order(tier, total, years)]) == rules


def test_rule_names(runtime: PluginRuntime) -> None:
    assert runtime.call("discount-rules", "rule_names") == [
        "gold members",
        "big basket",
        "loyal silver",
        "welcome",
    ]


def test_broadcast_reaches_the_rule_names_export(runtime: PluginRuntime) -> None:
    assert runtime.broadcast("rule_names") == {
        "discount-rules": ["gold members", "big basket", "loyal silver", "welcome"]
    }


def test_bound_function_for_many_orders(runtime: PluginRuntime) -> None:
    discount = runtime.function("discount-rules", "discount")
    baskets = [order("gold", 10.0, 1), order("silver", 210.0, 1), order("bronze", 5.0, 0)]
    assert [discount(basket) for basket in baskets] == [10.0, 5.0, 2.0]
    metrics = runtime.metrics()
    assert metrics.calls["discount-rules"]["discount"].calls == 3


def test_loaded_with_an_older_compatible_api_version(runtime: PluginRuntime) -> None:
    handle = runtime.get("discount-rules")
    assert handle is not None
    assert handle.version == "2.0.0"
    assert handle.manifest is not None
    assert str(handle.manifest.api_version) == "0.20.0"


# ---------------------------------------------------------------------------- errors


def test_unknown_tier_is_a_runtime_error_naming_it(runtime: PluginRuntime) -> None:
    with pytest.raises(FusabiRuntimeError, match="unknown tier 'platinum'") as info:
        runtime.call("discount-rules", "discount", [order("platinum", 100.0, 2)])
    assert info.value.plugin == "discount-rules"
    assert "tierOf" in str(info.value)  # the Fusabi traceback names the failing function


def test_unknown_tier_in_explain(runtime: PluginRuntime) -> None:
    with pytest.raises(FusabiRuntimeError, match="unknown tier 'vip'"):
        runtime.call("discount-rules", "explain", [order("VIP", 100.0, 2)])


def test_a_failed_call_leaves_the_plugin_running(runtime: PluginRuntime) -> None:
    with pytest.raises(FusabiRuntimeError):
        runtime.call("discount-rules", "discount", [order("platinum", 100.0, 2)])
    assert runtime.call("discount-rules", "discount", [order("gold", 1.0, 0)]) == 10.0
    stats = runtime.metrics().calls["discount-rules"]["discount"]
    assert (stats.calls, stats.errors) == (2, 1)


def test_an_integer_total_does_not_compare_with_a_float(runtime: PluginRuntime) -> None:
    # Fusabi has no implicit int -> float conversion: the host must pass 250.0, not 250
    with pytest.raises(FusabiRuntimeError, match="cannot compare int with float"):
        runtime.call("discount-rules", "discount", [order("silver", 250, 4)])  # type: ignore[arg-type]
