"""Measure hot reload: latency from a file write to the first call that sees the new code, and
the call latency of a plugin while it reloads.

    python benchmarks/reload.py [--edits N] [--backend NAME]

A runtime watches a temporary plugin folder with the default :class:`~fusabi_host.WatchConfig`
(100 ms debounce).  Each edit rewrites the plugin's source with a new answer; a caller polls
``answer()`` until it returns it.  The table reports p50 and p95 of write-to-new-answer over the
edits (the goal: p95 at most 250 ms, aiming at 150 ms -- the debounce is most of it).

Then call latency: one thread calls the plugin in a loop, first with nothing else going on,
then while the plugin is reloaded over and over; p50 and p99 of both.  Reloading compiles
outside the plugin's lock, so the two should be close.  Goals are reported, not enforced.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from fusabi_host import PluginRuntime, RuntimeConfig, WatchConfig

P95_GOAL = 0.250
MANIFEST = 'name = "bench"\nversion = "1.0.0"\napi-version = "0.21.0"\nsource = "main.fsx"\n'
# a plugin of realistic size, so that a reload really compiles something
BODY = "\n".join(
    f"let helper{i} (xs: int list) = xs |> List.map (fun x -> x * {i} + 1) |> List.sum"
    for i in range(60)
)


def source(answer: int) -> str:
    return f"{BODY}\nlet answer () = {answer}\n"


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def reload_latency(folder: Path, edits: int, backend: str | None) -> list[float]:
    config = RuntimeConfig(plugin_dirs=[folder], watch=WatchConfig(backend=backend))
    entry = folder / "bench" / "main.fsx"
    samples: list[float] = []
    with PluginRuntime(config) as runtime:
        runtime.discover()
        runtime.watch()
        answer = runtime.function("bench", "answer")
        for edit in range(1, edits + 1):
            time.sleep(0.05)  # editors do not save twice within a debounce window
            started = time.perf_counter()
            entry.write_text(source(edit), encoding="utf-8")
            deadline = started + 10.0
            while answer() != edit:
                if time.perf_counter() > deadline:
                    raise SystemExit(f"edit {edit} was not picked up within 10 s")
                time.sleep(0.002)
            samples.append(time.perf_counter() - started)
            print(f"\r  edit {edit}/{edits}", end="", flush=True, file=sys.stderr)
        print(file=sys.stderr)
    return samples


def call_latency(folder: Path, seconds: float, reloading: bool) -> list[float]:
    samples: list[float] = []
    with PluginRuntime(RuntimeConfig(plugin_dirs=[folder])) as runtime:
        runtime.discover()
        answer = runtime.function("bench", "answer")
        stop = threading.Event()

        def reload_forever() -> None:
            while not stop.is_set():
                runtime.reload("bench")

        reloader = threading.Thread(target=reload_forever, daemon=True)
        if reloading:
            reloader.start()
        ends = time.perf_counter() + seconds
        while time.perf_counter() < ends:
            started = time.perf_counter()
            answer()
            samples.append(time.perf_counter() - started)
        stop.set()
        if reloading:
            reloader.join()
    return samples


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=50)
    parser.add_argument("--backend", default=None)
    parser.add_argument("--seconds", type=float, default=2.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        (folder / "bench").mkdir()
        (folder / "bench" / "plugin.toml").write_text(MANIFEST, encoding="utf-8")
        (folder / "bench" / "main.fsx").write_text(source(0), encoding="utf-8")
        latencies = reload_latency(folder, args.edits, args.backend)
        quiet = call_latency(folder, args.seconds, reloading=False)
        busy = call_latency(folder, args.seconds, reloading=True)
    p50, p95 = percentile(latencies, 0.5), percentile(latencies, 0.95)
    verdict = "within" if p95 <= P95_GOAL else "OVER"
    print(f"reload latency, write to first new answer ({len(latencies)} edits, default debounce):")
    print(f"  p50 {p50 * 1e3:7.1f} ms   p95 {p95 * 1e3:7.1f} ms   ({verdict} the 250 ms goal)")
    print("call latency of the plugin (one caller):")
    for label, samples in (("no reload", quiet), ("reloading", busy)):
        print(
            f"  {label:<10} p50 {percentile(samples, 0.5) * 1e6:7.1f} µs   "
            f"p99 {percentile(samples, 0.99) * 1e6:8.1f} µs   ({len(samples)} calls)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
