"""``runtime.metrics()`` and the Prometheus collector, measured on real calls into real
plugins."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest

from fusabi_host import (
    Capabilities,
    CapabilityError,
    EngineConfig,
    FusabiError,
    LifecycleEvent,
    LoaderConfig,
    PluginRuntime,
    RuntimeConfig,
)
from fusabi_host.metrics import BUCKETS

CODE = """\
let square x = x * x

let rec fib n = if n < 2 then n else fib (n - 1) + fib (n - 2)

let boom (why: string) : int = failwith why

let read (path: string) = File.readAllText path
"""


def write_plugin(
    root: Path,
    name: str,
    *,
    code: str = CODE,
    capabilities: tuple[str, ...] = (),
    version: str = "1.0.0",
) -> Path:
    folder = root / name
    folder.mkdir(parents=True, exist_ok=True)
    caps = "capabilities = [" + ", ".join(f'"{c}"' for c in capabilities) + "]\n"
    (folder / "plugin.toml").write_text(
        f'name = "{name}"\nversion = "{version}"\napi-version = "0.21.0"\n'
        f'source = "main.fsx"\n{caps if capabilities else ""}',
        encoding="utf-8",
    )
    (folder / "main.fsx").write_text(code, encoding="utf-8")
    return folder / "plugin.toml"


def make_runtime(engine: EngineConfig | None = None) -> PluginRuntime:
    loader = LoaderConfig() if engine is None else LoaderConfig(engine=engine)
    return PluginRuntime(RuntimeConfig(loader=loader, autoload_extensions=False))


@pytest.fixture
def runtime():
    with make_runtime() as rt:
        yield rt


@pytest.fixture
def prometheus_client():
    return pytest.importorskip("prometheus_client")


# ---------------------------------------------------------------------- snapshots


def test_calls_are_counted_per_plugin_and_function(tmp_path, runtime):
    runtime.load(write_plugin(tmp_path, "maths"))
    runtime.load(write_plugin(tmp_path, "other"))
    for n in range(7):
        assert runtime.call("maths", "square", [n]) == n * n
    fib = runtime.function("maths", "fib")  # bound functions are counted too
    assert [fib(n) for n in range(3)] == [0, 1, 1]
    runtime.call("other", "square", [3])
    calls = runtime.metrics().calls
    assert set(calls) == {"maths", "other"}
    assert set(calls["maths"]) == {"square", "fib"}
    assert calls["maths"]["square"].calls == 7
    assert calls["maths"]["fib"].calls == 3
    assert calls["other"]["square"].calls == 1
    assert runtime.metrics().total_calls == 11
    assert all(s.errors == 0 for fs in calls.values() for s in fs.values())


def test_a_failing_call_counts_as_a_call_and_an_error(tmp_path, runtime):
    runtime.load(write_plugin(tmp_path, "maths"))
    runtime.call("maths", "square", [2])
    for why in ("one", "two"):
        with pytest.raises(FusabiError, match=why):
            runtime.call("maths", "boom", [why])
    metrics = runtime.metrics()
    boom = metrics.calls["maths"]["boom"]
    assert (boom.calls, boom.errors) == (2, 2)
    assert metrics.calls["maths"]["square"].errors == 0
    assert metrics.total_errors == 2  # no lifecycle errors


def test_calls_refused_before_running_plugin_code_are_not_timed(tmp_path, runtime):
    runtime.load(write_plugin(tmp_path, "maths"))
    runtime.stop("maths")
    with pytest.raises(FusabiError):
        runtime.call("maths", "square", [2])
    with pytest.raises(FusabiError):
        runtime.call("maths", "nope", [2])
    assert runtime.metrics().calls == {}


def test_latencies_are_consistent(tmp_path, runtime):
    runtime.load(write_plugin(tmp_path, "maths"))
    for n in (1, 5, 10, 15, 18, 2, 3):
        runtime.call("maths", "fib", [n])
    stats = runtime.metrics().calls["maths"]["fib"]
    assert stats.calls == 7
    assert 0 < stats.min_seconds <= stats.p50_seconds <= stats.p95_seconds
    assert stats.p95_seconds <= stats.p99_seconds <= stats.max_seconds
    slack = 1e-9  # the sums are rounded differently
    assert stats.total_seconds >= (stats.max_seconds + 6 * stats.min_seconds) * (1 - slack)
    assert stats.total_seconds <= 7 * stats.max_seconds * (1 + slack)
    assert stats.min_seconds <= stats.mean_seconds <= stats.max_seconds
    assert stats.mean_seconds == pytest.approx(stats.total_seconds / 7)
    # fib 18 does thousands of calls; fib 1 does one: the spread must show
    assert stats.max_seconds > 5 * stats.min_seconds


def test_one_call_has_all_percentiles_equal_to_it(tmp_path, runtime):
    runtime.load(write_plugin(tmp_path, "maths"))
    runtime.call("maths", "square", [4])
    s = runtime.metrics().calls["maths"]["square"]
    assert s.min_seconds == s.p50_seconds == s.p95_seconds == s.p99_seconds == s.max_seconds
    assert s.total_seconds == s.min_seconds > 0


def test_histogram_buckets_are_cumulative_and_end_with_every_call(tmp_path, runtime):
    runtime.load(write_plugin(tmp_path, "maths"))
    for n in (1, 12, 16):
        runtime.call("maths", "fib", [n])
    stats = runtime.metrics().calls["maths"]["fib"]
    assert len(stats.buckets) == len(BUCKETS)
    assert list(stats.buckets) == sorted(stats.buckets)
    assert stats.buckets[-1] == 3
    for bound, count in zip(BUCKETS, stats.buckets, strict=True):
        if bound >= stats.max_seconds:
            assert count == 3
        if bound < stats.min_seconds:
            assert count == 0


def test_loads_reloads_unloads_and_lifecycle_errors_are_counted(tmp_path, runtime):
    path = write_plugin(tmp_path, "maths")
    runtime.load(path)
    runtime.reload("maths")
    runtime.reload("maths")
    (tmp_path / "maths" / "main.fsx").write_text("let broken = \n", encoding="utf-8")
    with pytest.raises(FusabiError):
        runtime.reload("maths")  # failed reload: an error, not a reload
    bad_init = write_plugin(tmp_path, "bad", code='let init () : unit = failwith "no"\n')
    with pytest.raises(FusabiError):
        runtime.load(bad_init)
    runtime.unload("maths")
    metrics = runtime.metrics()
    maths = metrics.plugins["maths"]
    assert (maths.loads, maths.reloads, maths.errors, maths.unloads) == (1, 2, 1, 1)
    bad = metrics.plugins["bad"]
    assert (bad.loads, bad.errors, bad.unloads) == (1, 1, 1)
    assert (metrics.loads, metrics.reloads) == (2, 2)
    assert metrics.total_errors == 2


def test_a_capability_denial_is_counted_raised_and_announced(tmp_path):
    allowed = tmp_path / "allowed"
    allowed.mkdir()
    (allowed / "ok.txt").write_text("fine", encoding="utf-8")
    secret = tmp_path / "secret.txt"
    secret.write_text("private", encoding="utf-8")
    engine = EngineConfig(capabilities=Capabilities.safe_defaults().with_(f"fs:read={allowed}"))
    events: list[LifecycleEvent] = []
    with make_runtime(engine) as runtime:
        runtime.on_event(events.append)
        runtime.load(write_plugin(tmp_path, "reader", capabilities=("fs:read",)))
        assert runtime.call("reader", "read", [str(allowed / "ok.txt")]) == "fine"
        with pytest.raises(CapabilityError) as info:
            runtime.call("reader", "read", [str(secret)])
        assert info.value.capability == "fs:read"
        denied = [e for e in events if e.event_name == "capability_denied"]
        assert len(denied) == 1
        assert denied[0].plugin_name == "reader"
        assert denied[0].details["resource"] == str(secret)
        metrics = runtime.metrics()
        assert metrics.denials == 1
        assert metrics.plugins["reader"].denials == 1
        read = metrics.calls["reader"]["read"]
        assert (read.calls, read.errors) == (2, 1)


def test_to_dict_is_json_serialisable(tmp_path, runtime):
    runtime.load(write_plugin(tmp_path, "maths"))
    runtime.call("maths", "square", [3])
    with pytest.raises(FusabiError):
        runtime.call("maths", "boom", ["x"])
    snapshot = runtime.metrics()
    data = json.loads(json.dumps(snapshot.to_dict(), allow_nan=False))
    assert data["taken_at"] == snapshot.taken_at
    assert data["calls"]["maths"]["square"]["calls"] == 1
    assert data["calls"]["maths"]["boom"]["errors"] == 1
    assert data["calls"]["maths"]["boom"]["buckets"][-1] == 1
    assert data["plugins"]["maths"] == {
        "loads": 1,
        "reloads": 0,
        "errors": 0,
        "denials": 0,
        "unloads": 0,
    }


def test_an_empty_snapshot(runtime):
    snapshot = runtime.metrics()
    assert snapshot.calls == {}
    assert snapshot.plugins == {}
    assert (snapshot.total_calls, snapshot.total_errors, snapshot.loads) == (0, 0, 0)
    assert json.loads(json.dumps(snapshot.to_dict()))["calls"] == {}


def test_a_snapshot_does_not_change_afterwards(tmp_path, runtime):
    runtime.load(write_plugin(tmp_path, "maths"))
    runtime.call("maths", "square", [3])
    before = runtime.metrics()
    runtime.call("maths", "square", [3])
    runtime.call("maths", "fib", [3])
    assert before.calls["maths"]["square"].calls == 1
    assert "fib" not in before.calls["maths"]
    assert runtime.metrics().calls["maths"]["square"].calls == 2


def test_calls_from_many_threads_are_all_counted(tmp_path, runtime):
    runtime.load(write_plugin(tmp_path, "maths"))
    runtime.load(write_plugin(tmp_path, "other"))
    errors: list[BaseException] = []

    def work(plugin: str) -> None:
        try:
            for n in range(50):
                runtime.call(plugin, "square", [n])
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(p,)) for p in ("maths", "other") * 3]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    calls = runtime.metrics().calls
    assert calls["maths"]["square"].calls == 150
    assert calls["other"]["square"].calls == 150
    assert calls["maths"]["square"].buckets[-1] == 150


def test_two_runtimes_have_independent_metrics(tmp_path):
    path = write_plugin(tmp_path, "maths")
    with make_runtime() as first, make_runtime() as second:
        first.load(path)
        second.load(path)
        for n in range(3):
            first.call("maths", "square", [n])
        second.call("maths", "fib", [5])
        second.reload("maths")
        one, two = first.metrics(), second.metrics()
        assert set(one.calls["maths"]) == {"square"}
        assert one.calls["maths"]["square"].calls == 3
        assert set(two.calls["maths"]) == {"fib"}
        assert (one.reloads, two.reloads) == (0, 1)
        assert (one.loads, two.loads) == (1, 1)


# ---------------------------------------------------------------------- Prometheus


def test_prometheus_counters(tmp_path, runtime, prometheus_client):
    registry = prometheus_client.CollectorRegistry()
    runtime.register_prometheus(registry)
    runtime.load(write_plugin(tmp_path, "maths"))
    for n in range(4):
        runtime.call("maths", "square", [n])
    with pytest.raises(FusabiError):
        runtime.call("maths", "boom", ["no"])
    square = {"plugin": "maths", "function": "square"}
    boom = {"plugin": "maths", "function": "boom"}
    assert registry.get_sample_value("fusabi_calls_total", square) == 4
    assert registry.get_sample_value("fusabi_calls_total", boom) == 1
    assert registry.get_sample_value("fusabi_call_errors_total", square) == 0
    assert registry.get_sample_value("fusabi_call_errors_total", boom) == 1
    runtime.call("maths", "square", [9])  # read at scrape time
    assert registry.get_sample_value("fusabi_calls_total", square) == 5


def test_prometheus_histogram(tmp_path, runtime, prometheus_client):
    registry = prometheus_client.CollectorRegistry()
    runtime.register_prometheus(registry)
    runtime.load(write_plugin(tmp_path, "maths"))
    for n in (2, 10, 14):
        runtime.call("maths", "fib", [n])
    labels = {"plugin": "maths", "function": "fib"}
    stats = runtime.metrics().calls["maths"]["fib"]
    name = "fusabi_call_duration_seconds"
    assert registry.get_sample_value(f"{name}_count", labels) == 3
    assert registry.get_sample_value(f"{name}_sum", labels) == pytest.approx(stats.total_seconds)
    assert registry.get_sample_value(f"{name}_bucket", {**labels, "le": "+Inf"}) == 3
    previous = 0.0
    for bound, count in zip(BUCKETS[:-1], stats.buckets, strict=False):
        value = registry.get_sample_value(f"{name}_bucket", {**labels, "le": str(bound)})
        assert value == count
        assert value >= previous
        previous = value


def test_prometheus_plugin_events_are_labelled_by_event_name(tmp_path, runtime, prometheus_client):
    registry = prometheus_client.CollectorRegistry()
    runtime.register_prometheus(registry)
    runtime.load(write_plugin(tmp_path, "maths"))
    runtime.reload("maths")
    runtime.reload("maths")

    def events(event: str) -> float | None:
        return registry.get_sample_value(
            "fusabi_plugin_events_total", {"plugin": "maths", "event": event}
        )

    assert events("created") == 1
    assert events("reloaded") == 2
    assert events("error") == 0
    assert events("capability_denied") == 0
    assert events("unloaded") == 0


def test_prometheus_plugins_gauge_follows_the_states(tmp_path, runtime, prometheus_client):
    registry = prometheus_client.CollectorRegistry()
    runtime.register_prometheus(registry)

    def plugins(state: str) -> float | None:
        return registry.get_sample_value("fusabi_plugins", {"state": state})

    assert plugins("running") == 0
    runtime.load(write_plugin(tmp_path, "maths"))
    runtime.load(write_plugin(tmp_path, "other"))
    assert plugins("running") == 2
    runtime.stop("maths")
    assert plugins("running") == 1
    assert plugins("stopped") == 1
    runtime.unload("other")
    assert plugins("running") == 0
    assert plugins("stopped") == 1


def test_prometheus_exposition_parses(tmp_path, runtime, prometheus_client):
    from prometheus_client.parser import text_string_to_metric_families

    registry = prometheus_client.CollectorRegistry()
    runtime.register_prometheus(registry)
    runtime.load(write_plugin(tmp_path, "maths"))
    runtime.call("maths", "square", [2])
    with pytest.raises(FusabiError):
        runtime.call("maths", "boom", ["no"])
    text = prometheus_client.generate_latest(registry).decode("utf-8")
    families = {f.name: f for f in text_string_to_metric_families(text)}
    assert {name: f.type for name, f in families.items()} == {
        "fusabi_calls": "counter",
        "fusabi_call_errors": "counter",
        "fusabi_call_duration_seconds": "histogram",
        "fusabi_plugin_events": "counter",
        "fusabi_plugins": "gauge",
    }
    samples = {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for f in families.values()
        for s in f.samples
    }
    key = ("fusabi_calls_total", (("function", "boom"), ("plugin", "maths")))
    assert samples[key] == 1
    assert len(samples) == sum(len(f.samples) for f in families.values())  # no duplicates


def test_prometheus_prefix(tmp_path, runtime, prometheus_client):
    registry = prometheus_client.CollectorRegistry()
    runtime.register_prometheus(registry, prefix="myhost")
    runtime.load(write_plugin(tmp_path, "maths"))
    runtime.call("maths", "square", [2])
    labels = {"plugin": "maths", "function": "square"}
    assert registry.get_sample_value("myhost_calls_total", labels) == 1
    assert registry.get_sample_value("fusabi_calls_total", labels) is None


def test_two_runtimes_on_one_registry_need_two_prefixes(tmp_path, prometheus_client):
    registry = prometheus_client.CollectorRegistry()
    path = write_plugin(tmp_path, "maths")
    with make_runtime() as first, make_runtime() as second:
        first.register_prometheus(registry)
        with pytest.raises(ValueError, match="Duplicated"):
            second.register_prometheus(registry)  # would expose duplicate series
        second.register_prometheus(registry, prefix="second")
        first.load(path)
        second.load(path)
        first.call("maths", "square", [1])
        second.call("maths", "square", [1])
        second.call("maths", "square", [2])
        labels = {"plugin": "maths", "function": "square"}
        assert registry.get_sample_value("fusabi_calls_total", labels) == 1
        assert registry.get_sample_value("second_calls_total", labels) == 2
        prometheus_client.generate_latest(registry)


def test_folded_batches_give_the_same_statistics_as_counting_each_call():
    """A function's call times are folded into its totals a batch at a time; the statistics
    are those of counting every call on its own, before, at and after each fold."""
    import math
    import random
    import statistics

    from fusabi_host.metrics import BATCH, FunctionRecord

    rng = random.Random(7)
    record = FunctionRecord()
    times: list[float] = []
    failures = 0
    for count in range(1, 3 * BATCH + 7):
        seconds = rng.choice([rng.uniform(0, 0.0004), rng.uniform(0.001, 0.02), 2.0 + rng.random()])
        failed = rng.random() < 0.1
        failures += failed
        record.add(seconds, failed)
        times.append(seconds)
        if count % 97 and count not in (BATCH - 1, BATCH, BATCH + 1, 2 * BATCH):
            continue
        stats = record.stats()
        assert stats.calls == count and stats.errors == failures
        assert math.isclose(stats.total_seconds, math.fsum(times))
        assert (stats.min_seconds, stats.max_seconds) == (min(times), max(times))
        expected_buckets = [sum(1 for t in times if t <= bound) for bound in BUCKETS]
        assert list(stats.buckets) == expected_buckets
        recent = sorted(times[-1024:])
        if len(recent) > 1:
            p50 = statistics.quantiles(recent, n=100, method="inclusive")[49]
            assert stats.p50_seconds == p50


def test_a_reader_during_calls_never_sees_a_count_go_backwards(tmp_path, runtime):
    runtime.load(write_plugin(tmp_path, "maths"))
    square = runtime.function("maths", "square")
    done = threading.Event()
    seen: list[int] = []

    def read() -> None:
        while not done.is_set():
            seen.append(runtime.metrics().calls.get("maths", {}).get("square").calls)  # type: ignore[union-attr]

    square(1)
    reader = threading.Thread(target=read)
    reader.start()
    for n in range(2000):
        square(n)
    done.set()
    reader.join()
    assert seen == sorted(seen) and runtime.metrics().calls["maths"]["square"].calls == 2001
