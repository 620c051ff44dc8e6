"""Calls into plugins: the export allow-list, state checks, currying, errors, persistent
state, the bound fast path, the fusabi_call hook, and calls from many threads."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import pytest

import fusabi_host
from fusabi_host import (
    EngineConfig,
    FunctionNotFound,
    FusabiRuntimeError,
    InvalidState,
    LimitExceeded,
    Limits,
    LoaderConfig,
    PluginNotFound,
    PluginRuntime,
    RuntimeConfig,
    Variant,
    hookimpl,
)
from tests.runtime.test_loader import write_plugin

COUNTER = """\
let mutable count = 0
let bump () =
    count <- count + 1
    count
let add a b = a + b
let divide a b = a / b
let private secret () = "hidden"
let describe (x: int) = if x > 0 then Some "positive" else None
"""


@pytest.fixture
def runtime(tmp_path: Path):  # type: ignore[no-untyped-def]
    runtime = PluginRuntime(RuntimeConfig(autoload_extensions=False))
    runtime.load_manifest(
        write_plugin(
            tmp_path, "counter", COUNTER, extra='exports = ["bump", "add", "divide", "describe"]'
        )
    )
    yield runtime
    runtime.shutdown()


def test_calls_take_and_return_python_values(runtime: PluginRuntime) -> None:
    assert runtime.call("counter", "add", [2, 40]) == 42
    assert runtime.call("counter", "describe", [5]) == Variant("Some", ("positive",))
    assert runtime.call("counter", "describe", [-5]) == Variant("None", ())


def test_partial_application_is_explicit(runtime: PluginRuntime) -> None:
    add2 = runtime.partial("counter", "add", [2])
    assert callable(add2)
    assert add2(5) == 7
    with pytest.raises(fusabi_host.ArityMismatch, match="'add' takes 2 arguments"):
        runtime.call("counter", "add", [2])


def test_state_persists_between_calls(runtime: PluginRuntime) -> None:
    assert [runtime.call("counter", "bump") for _ in range(3)] == [1, 2, 3]


def test_only_exports_are_callable_and_the_error_lists_them(runtime: PluginRuntime) -> None:
    with pytest.raises(FunctionNotFound) as info:
        runtime.call("counter", "count")  # defined, but not in the manifest's exports
    assert info.value.exports == ("add", "bump", "describe", "divide")
    assert "it exports: add, bump, describe, divide" in str(info.value)
    with pytest.raises(FunctionNotFound):
        runtime.call("counter", "secret")


def test_unknown_plugin_names_what_is_loaded(runtime: PluginRuntime) -> None:
    with pytest.raises(PluginNotFound, match=r"no plugin named 'nope' \(loaded: counter\)"):
        runtime.call("nope", "bump")


def test_calls_need_a_running_plugin(runtime: PluginRuntime) -> None:
    runtime.stop("counter")
    with pytest.raises(InvalidState, match="while it is stopped"):
        runtime.call("counter", "bump")
    runtime.start("counter")
    assert runtime.call("counter", "bump") == 1  # same instance: state kept across stop/start


def test_plugin_errors_are_fusabi_runtime_errors(runtime: PluginRuntime) -> None:
    with pytest.raises(FusabiRuntimeError, match="DivideByZeroException"):
        runtime.call("counter", "divide", [1, 0])
    assert runtime.call("counter", "divide", [9, 3]) == 3  # the plugin keeps working


def test_invocations_are_counted_once_per_call(runtime: PluginRuntime) -> None:
    handle = runtime.get("counter")
    assert handle is not None
    runtime.call("counter", "bump")
    handle.call("add", 1, 2)
    with pytest.raises(FusabiRuntimeError):
        handle.call("divide", 1, 0)
    assert handle.info().invocation_count == 3


def test_bound_function_fast_path(runtime: PluginRuntime) -> None:
    bump = runtime.function("counter", "bump")
    assert [bump() for _ in range(3)] == [1, 2, 3]
    assert bump.__name__ == "bump"
    with pytest.raises(FunctionNotFound):
        runtime.function("counter", "nothing")
    runtime.stop("counter")
    with pytest.raises(InvalidState):
        bump()


def test_every_call_goes_through_the_fusabi_call_hook(runtime: PluginRuntime) -> None:
    seen: list[tuple[str, str, tuple[Any, ...]]] = []

    class Tracer:
        @hookimpl(wrapper=True)
        def fusabi_call(self, call):  # type: ignore[no-untyped-def]
            seen.append((call.plugin, call.function, call.args))
            result = yield
            return result * 10 if call.function == "add" else result

    runtime.manager.register(Tracer(), name="tracer")
    assert runtime.call("counter", "add", [1, 2]) == 30
    runtime.function("counter", "bump")()
    runtime.get("counter").call("describe", 1)  # type: ignore[union-attr]
    assert seen == [
        ("counter", "add", (1, 2)),
        ("counter", "bump", ()),
        ("counter", "describe", (1,)),
    ]


def test_calls_into_one_plugin_from_many_threads_are_serialised(runtime: PluginRuntime) -> None:
    bump = runtime.function("counter", "bump")
    results: list[int] = []
    lock = threading.Lock()

    def worker() -> None:
        for _ in range(200):
            value = bump()
            with lock:
                results.append(value)

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == list(range(1, 1601))  # no lost or duplicated increments


def test_different_plugins_run_in_parallel(tmp_path: Path) -> None:
    spin = (
        "let spin (n: int) =\n"
        "    let mutable i = 0\n"
        "    while i < n do\n"
        "        i <- i + 1\n"
        "    i\n"
    )
    config = RuntimeConfig(
        loader=LoaderConfig(engine=EngineConfig(limits=Limits(timeout=10.0))),
        autoload_extensions=False,
    )
    with PluginRuntime(config) as runtime:
        for name in ("a", "b"):
            runtime.load_manifest(write_plugin(tmp_path, name, spin))
        handle_a = runtime.get("a")
        assert handle_a is not None
        started = threading.Event()
        done: list[str] = []

        def long_call() -> None:
            started.set()
            runtime.call("a", "spin", [3_000_000])
            done.append("a")

        thread = threading.Thread(target=long_call)
        thread.start()
        started.wait()
        time.sleep(0.05)
        # while plugin a is busy, plugin b answers, and a's state can be read
        assert runtime.call("b", "spin", [10]) == 10
        assert handle_a.info().state.value == "running"
        assert done == []
        thread.join()
        assert done == ["a"]


def test_limits_apply_to_calls(tmp_path: Path) -> None:
    config = RuntimeConfig(
        loader=LoaderConfig(engine=EngineConfig(limits=Limits(timeout=0.2))),
        autoload_extensions=False,
    )
    with PluginRuntime(config) as runtime:
        runtime.load_manifest(
            write_plugin(tmp_path, "spinner", "let forever () = while true do ()\n")
        )
        with pytest.raises(LimitExceeded):
            runtime.call("spinner", "forever")


def test_each_call_starts_with_its_own_limits_after_one_hit_them(tmp_path: Path) -> None:
    """An instance keeps one guard for its calls and rearms it: after a call ran out of time,
    recursed too deep or used up its fuel, the next call gets the full allowance again, the
    recursion limit is the host's between calls, and nothing is left watched."""
    import sys

    from fusabi_host.lang.deadline import DEADLINES

    code = (
        "let forever () = while true do ()\n"
        "let rec deep n = if n = 0 then 0 else 1 + deep (n - 1)\n"
        "let rec count n acc = if n = 0 then acc else count (n - 1) (acc + 1)\n"
    )
    limits = Limits(timeout=0.3, max_depth=500, max_fuel=50_000)
    config = RuntimeConfig(
        loader=LoaderConfig(engine=EngineConfig(limits=limits)), autoload_extensions=False
    )
    host_limit = sys.getrecursionlimit()
    with PluginRuntime(config) as runtime:
        runtime.load_manifest(write_plugin(tmp_path, "edgy", code))
        deep, count = runtime.function("edgy", "deep"), runtime.function("edgy", "count")
        for _ in range(3):
            with pytest.raises(LimitExceeded) as timed_out:
                runtime.call("edgy", "forever")
            assert timed_out.value.limit in {"timeout", "max_fuel"}
            assert deep(400) == 400 and sys.getrecursionlimit() == host_limit
            with pytest.raises(LimitExceeded) as too_deep:
                deep(600)
            assert too_deep.value.limit == "max_depth"
            assert count(10_000, 0) == 10_000  # (a fifth of the fuel: a fresh tank each call)
            with pytest.raises(LimitExceeded) as no_fuel:
                count(100_000, 0)
            assert no_fuel.value.limit == "max_fuel"
            assert DEADLINES.active == 0 and sys.getrecursionlimit() == host_limit


def test_broadcast_calls_every_running_plugin_exporting_the_function(tmp_path: Path) -> None:
    with PluginRuntime(RuntimeConfig(autoload_extensions=False)) as runtime:
        runtime.load_manifest(write_plugin(tmp_path, "en", 'let hello name = "hello " + name\n'))
        runtime.load_manifest(write_plugin(tmp_path, "fr", 'let hello name = "bonjour " + name\n'))
        runtime.load_manifest(
            write_plugin(tmp_path, "bad", 'let hello (name: string) = failwith "no"\n')
        )
        runtime.load_manifest(write_plugin(tmp_path, "mute", "let other () = 1\n"))
        runtime.load_manifest(write_plugin(tmp_path, "off", 'let hello name = "zzz"\n'))
        runtime.stop("off")
        results = runtime.broadcast("hello", ["ada"])
        assert set(results) == {"en", "fr", "bad"}
        assert results["en"] == "hello ada"
        assert results["fr"] == "bonjour ada"
        assert isinstance(results["bad"], FusabiRuntimeError)
