"""Runtime metrics: call counts and latencies per plugin and function, loads, reloads, errors
and capability denials.

Every :class:`~fusabi_host.PluginRuntime` records them through its own hooks (a
``fusabi_call`` wrapper times each call, a ``fusabi_event`` observer counts lifecycle events),
so the numbers cover every call path.  Read them with ``runtime.metrics()``, a plain snapshot.

With the ``metrics`` extra, ``runtime.register_prometheus(registry)`` exposes the same numbers
as prometheus_client collectors on the registry the host chooses::

    fusabi_calls_total{plugin, function}              counter
    fusabi_call_errors_total{plugin, function}        counter
    fusabi_call_duration_seconds{plugin, function}    histogram
    fusabi_plugin_events_total{plugin, event}         counter (created, reloaded, error, ...)
    fusabi_plugins{state}                             gauge
"""

from __future__ import annotations

import bisect
import math
import statistics
import threading
import time
from collections import deque
from collections.abc import Callable, Generator, Iterator
from typing import Any, Final

import attrs

from fusabi_host.hookspecs import hookimpl
from fusabi_host.hooktypes import CallContext
from fusabi_host.lifecycle import LifecycleEvent

__all__ = ["CallStats", "MetricsRecorder", "MetricsSnapshot", "PluginEventCounts"]

BUCKETS: Final = (
    0.0001,
    0.0005,
    0.001,
    0.0025,
    0.005,
    0.01,
    0.025,
    0.05,
    0.1,
    0.25,
    0.5,
    1.0,
    2.5,
    5.0,
    10.0,
    math.inf,
)
"""Upper bounds (seconds) of the call-duration histogram."""

RECENT: Final = 1024  # samples kept per function for the percentiles
BATCH: Final = 256  # calls counted before their times are folded into a function's totals


@attrs.frozen
class CallStats:
    """Calls of one plugin function: how many, how many failed, and how long they took
    (seconds; percentiles over the most recent 1024 calls)."""

    calls: int
    errors: int
    total_seconds: float
    min_seconds: float
    max_seconds: float
    p50_seconds: float
    p95_seconds: float
    p99_seconds: float
    buckets: tuple[int, ...]  # cumulative counts per BUCKETS bound

    @property
    def mean_seconds(self) -> float:
        return self.total_seconds / self.calls if self.calls else 0.0


@attrs.frozen
class PluginEventCounts:
    """Lifecycle events seen for one plugin."""

    loads: int = 0
    reloads: int = 0
    errors: int = 0
    denials: int = 0
    unloads: int = 0


@attrs.frozen
class MetricsSnapshot:
    """All numbers at one moment (``runtime.metrics()``)."""

    taken_at: float
    calls: dict[str, dict[str, CallStats]] = attrs.field(hash=False)  # plugin -> function ->
    plugins: dict[str, PluginEventCounts] = attrs.field(hash=False)

    @property
    def total_calls(self) -> int:
        return sum(s.calls for functions in self.calls.values() for s in functions.values())

    @property
    def total_errors(self) -> int:
        """Failed calls plus lifecycle errors."""
        failed_calls = sum(
            s.errors for functions in self.calls.values() for s in functions.values()
        )
        return failed_calls + sum(p.errors for p in self.plugins.values())

    @property
    def loads(self) -> int:
        return sum(p.loads for p in self.plugins.values())

    @property
    def reloads(self) -> int:
        return sum(p.reloads for p in self.plugins.values())

    @property
    def denials(self) -> int:
        return sum(p.denials for p in self.plugins.values())

    def to_dict(self) -> dict[str, Any]:
        """Plain data (for JSON or logging)."""
        return {
            "taken_at": self.taken_at,
            "calls": {
                plugin: {name: attrs.asdict(stats) for name, stats in functions.items()}
                for plugin, functions in self.calls.items()
            },
            "plugins": {name: attrs.asdict(counts) for name, counts in self.plugins.items()},
        }


class FunctionRecord:
    """The counts of one function of one plugin.

    A call only appends its time to :attr:`pending`; every :data:`BATCH` calls the batch is
    folded into the totals, the buckets and the recent samples at once (sorting it, in C),
    which costs a call a fifth of what counting it field by field did.  :meth:`add` runs with
    the plugin's lock held (calls of one plugin run one at a time), so it takes no lock of its
    own; readers never change anything, and :attr:`version` (odd while a fold is under way)
    tells them to read again.
    """

    __slots__ = (
        "buckets",
        "errors",
        "folded",
        "max",
        "min",
        "pending",
        "recent",
        "total",
        "version",
    )

    def __init__(self) -> None:
        self.folded = 0  # calls in the totals (the others are pending)
        self.errors = 0
        self.total = 0.0
        self.min = math.inf
        self.max = 0.0
        self.buckets = [0] * len(BUCKETS)
        self.recent: deque[float] = deque(maxlen=RECENT)
        self.pending: list[float] = []
        self.version = 0

    def add(self, seconds: float, failed: bool) -> None:
        """Count one call that took *seconds*."""
        pending = self.pending
        pending.append(seconds)
        if failed:
            self.errors += 1
        if len(pending) >= BATCH:
            self._fold()

    def _fold(self) -> None:
        self.version += 1
        batch = sorted(self.pending)
        self.pending = []
        self.folded += len(batch)
        self.total += math.fsum(batch)
        self.min = min(self.min, batch[0])
        self.max = max(self.max, batch[-1])
        below = 0
        for index, bound in enumerate(BUCKETS):
            upto = bisect.bisect_right(batch, bound)  # (bucket i: BUCKETS[i-1] < t <= BUCKETS[i])
            self.buckets[index] += upto - below
            below = upto
        self.buckets[-1] += len(batch) - below
        self.recent.extend(batch)  # (sorted within the batch: percentiles sort again anyway)
        self.version += 1

    @property
    def calls(self) -> int:
        return self.folded + len(self.pending)

    def stats(self) -> CallStats:
        while True:  # (a consistent reading: no fold began or ended while it was taken)
            version = self.version
            if version & 1:
                time.sleep(0)
                continue
            pending = list(self.pending)
            folded, errors, total = self.folded, self.errors, self.total
            low, high = self.min, self.max
            buckets, recent = list(self.buckets), list(self.recent)
            if self.version == version:
                break
        if pending:
            low, high = min(low, *pending), max(high, *pending)
            total += math.fsum(pending)
            for seconds in pending:
                buckets[bisect.bisect_left(BUCKETS, seconds)] += 1
            recent = (recent + pending)[-RECENT:]
        calls = folded + len(pending)
        recent.sort()
        cumulative: list[int] = []
        running = 0
        for count in buckets:
            running += count
            cumulative.append(running)
        return CallStats(
            calls=calls,
            errors=errors,
            total_seconds=total,
            min_seconds=low if calls else 0.0,
            max_seconds=high,
            p50_seconds=_percentile(recent, 0.50),
            p95_seconds=_percentile(recent, 0.95),
            p99_seconds=_percentile(recent, 0.99),
            buckets=tuple(cumulative),
        )


def _percentile(ordered: list[float], fraction: float) -> float:
    if not ordered:
        return 0.0
    if len(ordered) == 1:
        return ordered[0]
    return statistics.quantiles(ordered, n=100, method="inclusive")[round(fraction * 100) - 1]


_EVENT_FIELDS: Final = {
    "created": "loads",
    "reloaded": "reloads",
    "error": "errors",
    "capability_denied": "denials",
    "unloaded": "unloads",
}


class MetricsRecorder:
    """Collects the numbers; registered as a hook implementation in a runtime's manager."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._calls: dict[tuple[str, str], FunctionRecord] = {}
        self._events: dict[str, dict[str, int]] = {}

    @hookimpl(wrapper=True)
    def fusabi_call(self, call: CallContext) -> Generator[None, Any, Any]:
        started = time.perf_counter()
        failed = True
        try:
            result = yield
            failed = False
            return result
        finally:
            self.record(call.plugin, call.function, time.perf_counter() - started, failed)

    def timed(self, call: CallContext, perform: Callable[[CallContext], Any]) -> Any:
        """What the ``fusabi_call`` wrapper does around *perform*, without pluggy: the host
        manager's direct route when this recorder is the only wrapper (see
        :meth:`HostPluginManager.direct_route`)."""
        started = time.perf_counter()
        failed = True
        try:
            result = perform(call)
            failed = False
            return result
        finally:
            self.record(call.plugin, call.function, time.perf_counter() - started, failed)

    def function_record(self, plugin: str, function: str) -> FunctionRecord:
        """The counts of *function* of *plugin* (created on first use): a plugin's bound
        function keeps it and adds each call to it directly."""
        key = (plugin, function)
        found = self._calls.get(key)
        if found is None:
            with self._lock:
                found = self._calls.setdefault(key, FunctionRecord())
        return found

    def record(self, plugin: str, function: str, seconds: float, failed: bool) -> None:
        """Count one call of *function* of *plugin* that took *seconds*."""
        self.function_record(plugin, function).add(seconds, failed)

    @hookimpl
    def fusabi_event(self, event: LifecycleEvent) -> None:
        field = _EVENT_FIELDS.get(event.event_name)
        if field is None:
            return
        with self._lock:
            counts = self._events.setdefault(event.plugin_name, {})
            counts[field] = counts.get(field, 0) + 1

    def snapshot(self) -> MetricsSnapshot:
        with self._lock:
            calls: dict[str, dict[str, CallStats]] = {}
            for (plugin, function), record in sorted(self._calls.items()):
                calls.setdefault(plugin, {})[function] = record.stats()
            plugins = {
                name: PluginEventCounts(**counts) for name, counts in sorted(self._events.items())
            }
        return MetricsSnapshot(taken_at=time.time(), calls=calls, plugins=plugins)


class PrometheusCollector:
    """A prometheus_client collector reading a :class:`MetricsRecorder` at scrape time."""

    def __init__(
        self, recorder: MetricsRecorder, states: Callable[[], dict[str, int]], prefix: str
    ) -> None:
        self.recorder = recorder
        self.states = states
        self.prefix = prefix

    def describe(self) -> Iterator[Any]:
        """The metric names without samples, so that a registry refuses a second collector
        with the same names (two runtimes need two prefixes) instead of exposing
        duplicate series."""
        return self._families(empty=True)

    def collect(self) -> Iterator[Any]:
        return self._families(empty=False)

    def _families(self, *, empty: bool) -> Iterator[Any]:
        from prometheus_client.core import (  # noqa: PLC0415 - optional dependency
            CounterMetricFamily,
            GaugeMetricFamily,
            HistogramMetricFamily,
        )

        snapshot = (
            MetricsSnapshot(taken_at=time.time(), calls={}, plugins={})
            if empty
            else self.recorder.snapshot()
        )
        p = self.prefix
        calls = CounterMetricFamily(
            f"{p}_calls", "Calls into plugin functions.", labels=["plugin", "function"]
        )
        errors = CounterMetricFamily(
            f"{p}_call_errors", "Calls that raised.", labels=["plugin", "function"]
        )
        durations = HistogramMetricFamily(
            f"{p}_call_duration_seconds",
            "Duration of calls into plugin functions.",
            labels=["plugin", "function"],
        )
        for plugin, functions in snapshot.calls.items():
            for function, stats in functions.items():
                labels = [plugin, function]
                calls.add_metric(labels, stats.calls)
                errors.add_metric(labels, stats.errors)
                durations.add_metric(
                    labels,
                    [
                        ("+Inf" if math.isinf(bound) else repr(bound), count)
                        for bound, count in zip(BUCKETS, stats.buckets, strict=True)
                    ],
                    stats.total_seconds,
                )
        events = CounterMetricFamily(
            f"{p}_plugin_events", "Plugin lifecycle events.", labels=["plugin", "event"]
        )
        for plugin, counts in snapshot.plugins.items():
            for event_name, field in _EVENT_FIELDS.items():  # labelled by event name
                events.add_metric([plugin, event_name], getattr(counts, field))
        plugins = GaugeMetricFamily(f"{p}_plugins", "Plugins by state.", labels=["state"])
        for state, count in ({} if empty else self.states()).items():
            plugins.add_metric([state], count)
        yield from (calls, errors, durations, events, plugins)
