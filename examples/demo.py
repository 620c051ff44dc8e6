"""The fusabi-host demo (``make demo``): load the bundled example plugins through a
:class:`~fusabi_host.PluginRuntime`, call them with real values, and show the lifecycle
events, a refused capability, a reload and the runtime's statistics and metrics."""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fusabi_host import (
    Capabilities,
    CapabilityError,
    EngineConfig,
    LifecycleEvent,
    LoaderConfig,
    PluginRuntime,
    RuntimeConfig,
)
from fusabi_host.output import Table, print_table

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"


def show(label: str, value: Any) -> None:
    print(f"  {label:<44} -> {value!r}")


def main() -> int:
    # The host decides what plugins may do: the safe defaults, JSON, and reading files --
    # but only below examples/data.
    offered = Capabilities.safe_defaults().with_("serialize", f"fs:read={DATA}")
    config = RuntimeConfig(
        loader=LoaderConfig(engine=EngineConfig(capabilities=offered)),
        plugin_dirs=[HERE / "plugins"],
    )
    events: list[LifecycleEvent] = []
    with PluginRuntime(config) as runtime:
        runtime.on_event(events.append)
        loaded = runtime.discover()
        print(f"discovered and started {len(loaded)} plugins from {HERE / 'plugins'}\n")

        table = Table(
            title="Plugins", columns=("plugin", "version", "state", "capabilities", "exports")
        )
        for handle in sorted(runtime.plugins(), key=lambda h: h.name):
            table.add_row(
                handle.name,
                handle.version,
                str(handle.state),
                ", ".join(handle.capabilities.names()) or "-",
                ", ".join(handle.exports),
            )
        print_table(table)

        notes = (DATA / "notes.txt").read_text(encoding="utf-8")
        print("\ncalls")
        show("text-stats.word_count(notes)", runtime.call("text-stats", "word_count", [notes]))
        show("text-stats.top_words(3, notes)", runtime.call("text-stats", "top_words", [3, notes]))
        show("text-stats.summary(notes)", runtime.call("text-stats", "summary", [notes]))

        orders = [
            {"customer": "ada", "item": "lamp", "amount": 42.5},
            {"customer": "bob", "item": "desk", "amount": 180.0},
            {"customer": "ada", "item": "chair", "amount": 99.99},
        ]
        show("order-report.totals(orders)", runtime.call("order-report", "totals", [orders]))
        show(
            "order-report.biggest_customer(orders)",
            runtime.call("order-report", "biggest_customer", [orders]),
        )
        show(
            "order-report.report_json(orders)",
            runtime.call("order-report", "report_json", [orders]),
        )

        basket = {"tier": "silver", "total": 250.0, "years": 4}
        discount = runtime.function("discount-rules", "discount")
        show("discount-rules.discount(silver, 250, 4y)", discount(basket))
        show(
            "discount-rules.explain(silver, 250, 4y)",
            runtime.call("discount-rules", "explain", [basket]),
        )

        show(
            "file-digest.digest(data/notes.txt)",
            runtime.call("file-digest", "digest", [str(DATA / "notes.txt")]),
        )
        try:
            runtime.call("file-digest", "digest", ["/etc/hostname"])
        except CapabilityError as refused:
            show("file-digest.digest(/etc/hostname)", f"refused: {refused}")

        print("\nbroadcast: every plugin exporting 'rule_names'")
        for name, result in runtime.broadcast("rule_names").items():
            show(name, result)

        print("\nreload (a new instance: plugin state starts over)")
        runtime.reload("text-stats")
        show("text-stats.calls() after reload", runtime.call("text-stats", "calls"))

        stats = runtime.stats()
        print(f"\nstats: {stats.total} plugins, {stats.running} running, {stats.failed} failed")
        metrics = runtime.metrics()
        table = Table(title="Metrics", columns=("plugin", "function", "calls", "errors", "mean"))
        for plugin, functions in metrics.calls.items():
            for function, call in functions.items():
                table.add_row(
                    plugin,
                    function,
                    str(call.calls),
                    str(call.errors),
                    f"{call.mean_seconds * 1e6:.0f} µs",
                )
        print_table(table)
        print(
            f"loads {metrics.loads}, reloads {metrics.reloads}, "
            f"capability denials {metrics.denials}, errors {metrics.total_errors}"
        )

    print("\nevents")
    for event in events:
        print(f"  {event}")

    hot_reload_demo()
    return 0


GREETER_V1 = """let mutable greeted = 0
let salutation () = "Hello"
let greet (name: string) =
    greeted <- greeted + 1
    sprintf "%s, %s (#%d)" (salutation ()) name greeted
let saveState () = greeted
let restoreState n = greeted <- n
"""


def wait_for(check: Callable[[], bool], seconds: float = 10.0) -> float:
    """Poll *check* until it holds; returns how long that took."""
    started = time.perf_counter()
    while not check():
        if time.perf_counter() - started > seconds:
            raise SystemExit("the demo waited too long for hot reload")
        time.sleep(0.005)
    return time.perf_counter() - started


def hot_reload_demo() -> None:
    """Hot reload on a copy of a plugin folder: an edit is picked up, the state is handed over,
    and a broken edit is refused while the old version keeps answering."""
    print("\nhot reload (a temporary plugin folder, watched)")
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        script = folder / "greeter.fsx"
        script.write_text(GREETER_V1, encoding="utf-8")
        config = RuntimeConfig(plugin_dirs=[folder], hot_reload=True)
        with PluginRuntime(config) as runtime:
            refused: list[LifecycleEvent] = []
            runtime.on_event(lambda e: refused.append(e) if e.event_name == "error" else None)
            runtime.discover()
            greet = runtime.function("greeter", "greet")
            salutation = runtime.function("greeter", "salutation")
            show("greeter.greet(Ada)", greet("Ada"))
            show("greeter.greet(Bob)", greet("Bob"))

            script.write_text(GREETER_V1.replace("Hello", "Welcome back"), encoding="utf-8")
            took = wait_for(lambda: salutation() != "Hello")
            print(f"  edit picked up after {took * 1000:.0f} ms; the counter was handed over:")
            show("greeter.greet(Ada)", greet("Ada"))

            script.write_text('let greet (name: string) = "broken" +\n', encoding="utf-8")
            wait_for(lambda: bool(refused))
            where = f"{Path(refused[0].details['file']).name}:{refused[0].details['line']}"
            print(f"  a broken edit was refused ({where}); the old version keeps answering:")
            show("greeter.greet(Ada)", greet("Ada"))


if __name__ == "__main__":
    sys.exit(main())
