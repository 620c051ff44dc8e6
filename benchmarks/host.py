"""Host-side figures beside their targets: the cost of a call, of loading plugins, of the
registry, of idle plugins and of decoding bytecode, all under the default limits.

    python benchmarks/host.py [--plugins N]

* ``runtime.call`` and the bound function of ``handle.function`` for ``let inc x = x + 1``,
  with metrics, capability checks and the default limits on (medians of 7 rounds);
* loading N small plugins (50-line sources) in a fresh process: cold (an empty compile
  cache) and warm (the cache filled by the cold run), as the wall time of
  ``PluginRuntime.load`` of each manifest, measured inside the child.  The child has the
  package's ``.pyc`` files, as an installed package has (see :func:`compile_bytecode`); the
  same cold load in a process with no ``.pyc`` at all is shown below it;
* ``runtime.stats()`` and ``registry.infos()`` with 1,000 plugins loaded;
* the resident memory each idle plugin adds (1,000 plugins of 50 lines);
* ``.fzb`` decoding throughput on a large unit.

Targets are reported, never enforced (speed is not asserted by the tests).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
import timeit
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from fusabi_host import PluginRuntime, RuntimeConfig, fzb, load_bytecode

API = "0.21.0"


def plugin_source(index: int) -> str:
    """A 50-line plugin: records, a union, a few functions over lists and strings."""
    return textwrap.dedent(
        f"""\
        // plugin {index}
        type Item = {{ Name: string; Price: float; Count: int }}

        type Event =
            | Added of Item
            | Removed of string
            | Cleared

        let mutable items : Item list = []

        let total () =
            items |> List.sumBy (fun i -> i.Price * float i.Count)

        let apply event =
            match event with
            | Added item -> items <- item :: items
            | Removed name -> items <- items |> List.filter (fun i -> i.Name <> name)
            | Cleared -> items <- []

        let describe (item: Item) =
            sprintf "%s x%d at %.2f" item.Name item.Count item.Price

        let report () =
            items
            |> List.sortBy (fun i -> i.Name)
            |> List.map describe
            |> String.concat "; "

        let count () = List.length items

        let tag = "plugin-{index}"

        let score (words: string list) =
            words
            |> List.map (fun w -> w.Length)
            |> List.fold (+) {index}

        let classify n =
            if n < 0 then "negative"
            elif n = 0 then "zero"
            elif n < 10 then "small"
            else "large"

        let init () =
            apply (Added {{ Name = "seed"; Price = 1.5; Count = 2 }})

        let process (input: string) =
            let words = input.Split(' ') |> Array.toList
            let n = score words
            sprintf "%s: %s (%d)" tag (classify n) n

        let cleanup () =
            apply Cleared
        """
    )


def write_plugins(root: Path, count: int) -> list[Path]:
    manifests = []
    for index in range(count):
        folder = root / f"p{index:04d}"
        folder.mkdir(parents=True)
        (folder / "main.fsx").write_text(plugin_source(index), encoding="utf-8")
        manifest = folder / "plugin.toml"
        manifest.write_text(
            f'name = "p{index:04d}"\nversion = "1.0.0"\napi-version = "{API}"\n'
            'source = "main.fsx"\nexports = ["process", "report", "total"]\n',
            encoding="utf-8",
        )
        manifests.append(manifest)
    return manifests


LOAD_CHILD = """
import sys, time
started = time.perf_counter()
from fusabi_host import PluginRuntime, RuntimeConfig
imported = time.perf_counter()
runtime = PluginRuntime(RuntimeConfig(autoload_extensions=False))
for path in sys.argv[1:]:
    runtime.load(path)
loaded = time.perf_counter()
assert runtime.call(runtime.registry.names()[0], "process", ["a bb ccc"])
print(imported - started, loaded - imported)
"""


PACKAGES = [Path(__file__).resolve().parent.parent / name for name in ("fusabi_host",)]


def compile_bytecode() -> None:
    """Write the ``.pyc`` files of this repository's package next to its sources, as ``pip
    install`` does for an installed package (its default).  A process with none imports
    fusabi_host several times slower: every module is compiled from source, and an editable
    install under ``PYTHONDONTWRITEBYTECODE`` (this kind of sandbox) never writes them."""
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", *map(str, PACKAGES)],
        check=True,
        env=dict(os.environ, PYTHONDONTWRITEBYTECODE=""),
    )


def load_in_child(
    manifests: list[Path], cache: Path, *, without_bytecode: Path | None = None
) -> tuple[float, float]:
    """(import seconds, load seconds) of a fresh process loading *manifests*; with
    *without_bytecode* (an empty directory), a process that finds no ``.pyc`` at all, of this
    package or any other, and writes none."""
    env = dict(os.environ, FUSABI_HOST_CACHE_DIR=str(cache))
    if without_bytecode is not None:
        env.update(PYTHONPYCACHEPREFIX=str(without_bytecode), PYTHONDONTWRITEBYTECODE="1")
    out = subprocess.run(
        [sys.executable, "-c", LOAD_CHILD, *map(str, manifests)],
        check=True,
        capture_output=True,
        text=True,
        env=env,
    ).stdout.split()
    return float(out[0]), float(out[1])


def best(func: Callable[[], object], number: int) -> float:
    """Microseconds per call: the median of 7 rounds of *number* calls."""
    rounds = timeit.repeat(func, number=number, repeat=7)
    return statistics.median(rounds) / number * 1e6


def resident() -> int:
    with open("/proc/self/statm", encoding="ascii") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def row(name: str, value: float, unit: str, target: str, met: bool | None) -> None:
    verdict = "" if met is None else ("ok" if met else "MISSED")
    print(f"{name:<42} {value:>10.2f} {unit:<6} target {target:<14} {verdict}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--plugins", type=int, default=100, help="plugins per load (100)")
    parser.add_argument("--registry", type=int, default=1000, help="plugins in the registry")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        manifests = write_plugins(root / "plugins", max(args.plugins, args.registry))

        # -- calls
        runtime = PluginRuntime(RuntimeConfig(autoload_extensions=False))
        inc_dir = root / "inc"
        inc_dir.mkdir()
        (inc_dir / "main.fsx").write_text("let inc x = x + 1\n", encoding="utf-8")
        (inc_dir / "plugin.toml").write_text(
            f'name = "inc"\nversion = "1.0.0"\napi-version = "{API}"\nsource = "main.fsx"\n'
            'exports = ["inc"]\n',
            encoding="utf-8",
        )
        runtime.load(inc_dir / "plugin.toml")
        inc = runtime.function("inc", "inc")
        print(f"host figures, Python {sys.version.split()[0]}, default limits\n")
        call = best(lambda: runtime.call("inc", "inc", [1]), 20_000)
        row("runtime.call (inc)", call, "us", "<= 3.0 us", call <= 3.0)
        bound = best(lambda: inc(1), 20_000)
        row("bound function() (inc)", bound, "us", "<= 1.5 us", bound <= 1.5)

        # -- loading, in fresh processes (with the package's bytecode, as installed)
        compile_bytecode()
        cache = root / "cache"
        some = manifests[: args.plugins]
        imported, cold = load_in_child(some, cache)
        _, warm = load_in_child(some, cache)
        row("import fusabi_host (fresh process)", imported, "s", "", None)
        row(f"load {len(some)} plugins, cold cache", cold, "s", "<= 0.8 s", cold <= 0.8)
        row(f"load {len(some)} plugins, warm cache", warm, "s", "<= 0.15 s", warm <= 0.15)
        no_pyc = root / "no-pyc"
        no_pyc.mkdir()
        imported, cold = load_in_child(some, root / "cache-2", without_bytecode=no_pyc)
        row("  with no .pyc at all: import", imported, "s", "", None)
        row(f"  with no .pyc at all: load {len(some)}, cold cache", cold, "s", "", None)

        # -- idle memory and registry operations at scale
        gc.collect()
        before = resident()
        for manifest in manifests[: args.registry]:
            runtime.load(manifest)
        gc.collect()
        per_plugin = (resident() - before) / args.registry / 1024
        row("resident memory per idle plugin", per_plugin, "KiB", "<= 64 KiB", per_plugin <= 64)
        stats = best(runtime.stats, 200)
        row(
            f"runtime.stats() with {len(runtime.registry)} plugins",
            stats,
            "us",
            "<= 50 us",
            stats <= 50,
        )
        infos = best(runtime.registry.infos, 20) / 1000
        row(
            f"registry.infos() with {len(runtime.registry)} plugins",
            infos,
            "ms",
            "<= 1 ms",
            infos <= 1,
        )
        fresh = []
        for _ in range(5):  # (every plugin called since the last snapshot: none is reused)
            for name in runtime.registry.names():
                if name != "inc":
                    runtime.call(name, "total", [])
            started = time.perf_counter()
            runtime.registry.infos()
            fresh.append(time.perf_counter() - started)
        changed = statistics.median(fresh) * 1000
        row("registry.infos(), every plugin called since", changed, "ms", "<= 1 ms", changed <= 1)
        runtime.shutdown()

        # -- bytecode decoding
        big = "\n".join(plugin_source(i).replace("// plugin", "// part") for i in range(1))
        functions = "\n".join(
            f"let f{i} (x: int) = if x > {i} then x * {i} + 1 else x - {i}" for i in range(2000)
        )
        data = fzb.compile_source(big + "\n" + functions, "big.fsx")
        decode = min(timeit.repeat(lambda: fzb.loads(data), number=3, repeat=5)) / 3
        rate = len(data) / decode / 1e6
        row(f".fzb decoding ({len(data) // 1024} KiB)", rate, "MB/s", ">= 20 MB/s", rate >= 20)
        load = min(timeit.repeat(lambda: load_bytecode(data, "big.fzb"), number=1, repeat=3))
        row(".fzb load (decode, lift, check, compile)", load * 1000, "ms", "", None)
    print(json.dumps({"call_us": call, "bound_us": bound, "cold_s": cold, "warm_s": warm}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
