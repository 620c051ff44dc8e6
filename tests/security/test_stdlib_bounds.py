"""The standard library against hostile plugins: no callback runs under a C frame, and no
function builds a huge result before checking its size.

Every probe runs in a child process with an address-space cap (``RLIMIT_AS``) and a kill timer,
so a segfault, an out-of-memory kill or a hang fails the test instead of taking pytest down.
The children run concurrently (one pool for the module), each in its own interpreter.

* **Callbacks** (:data:`CALLBACK_RECURSION`): for every registered builtin whose signature takes
  a function, a plugin recurses 5,000 deep *through that function's callback*, on a thread with
  a 512 KiB C stack.  A library function that called the callback from inside C code
  (``list.sort(key=...)``, ``any(genexpr)``, ``"".join(genexpr)``...) would take C stack at every
  level and crash; done right, the child returns 5,000 (or reports ``LimitExceeded``).  A new
  higher-order builtin without an entry in the table fails
  :func:`test_every_higher_order_builtin_has_a_recursion_probe`.
* **Sizes** (:data:`HUGE_RESULTS`): under a 64 MiB memory limit (and no collection-size limit,
  so the memory estimate itself is what must refuse it), a call asking for a result of
  gigabytes raises ``LimitExceeded`` quickly -- never ``MemoryError``, never a killed child --
  and the plugin still serves its next call.  :data:`FITTING_RESULTS` are the positive
  controls: results well inside the limit are not refused.
"""

# ruff: noqa: E501  (the tables hold one Fusabi expression a line)
from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

import fusabi_host.lang.stdlib  # noqa: F401  (registers every builtin)
from fusabi_host.lang.stdlib.registry import REGISTRY

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]

DEPTH = 5_000
"""How deep the callback probes recurse (each level is two Fusabi calls: default limits allow
20,000)."""

STACK_SIZE = 512 * 1024
"""The C stack of the thread the callback probes run on: small, so any C re-entry shows."""

MEMORY = 64 << 20
"""The memory limit of the size probes."""

WITHIN = 10.0
"""Seconds a size probe may take (it should refuse at once; slack for a loaded machine)."""

# --------------------------------------------------------------------------- the child

_CHILD = r"""
import json, sys, threading, time
spec = json.loads(sys.argv[1])
report = {}

def body():
    from fusabi_host import EngineConfig, FusabiError, Limits, compile_source
    try:
        limits = Limits(**spec["limits"]) if spec["limits"] is not None else Limits()
        instance = compile_source(spec["source"]).instantiate(
            EngineConfig(limits=limits), stdout=lambda _t: None, stderr=lambda _t: None
        )
    except BaseException as error:
        report["error"] = type(error).__name__
        report["raw"] = True
        report["message"] = repr(error)[:2000]
        return
    started = time.monotonic()
    try:
        report["value"] = repr(instance.call(spec["function"], *spec["args"]))
    except FusabiError as error:
        report["error"] = type(error).__name__
        report["limit"] = getattr(error, "limit", None)
        report["message"] = str(error)[:2000]
    except BaseException as error:  # MemoryError, RecursionError...: a finding
        report["error"] = type(error).__name__
        report["raw"] = True
        report["message"] = repr(error)[:2000]
    report["elapsed"] = time.monotonic() - started
    if spec["after"] is not None:
        try:
            report["after"] = repr(instance.call(spec["after"]))
        except BaseException as error:
            report["after"] = f"{type(error).__name__}: {error}"

if spec["stack_size"]:
    threading.stack_size(spec["stack_size"])
worker = threading.Thread(target=body)
worker.start()
worker.join()
print("BOUNDS-REPORT " + json.dumps(report), flush=True)
"""


@dataclass
class Outcome:
    """What one child reported (``returncode`` < 0: killed by that signal)."""

    returncode: int
    report: dict[str, Any] = field(default_factory=dict)
    stderr: str = ""
    timed_out: bool = False

    def describe(self) -> str:
        if self.timed_out:
            how = "hung past its kill timer"
        elif self.returncode < 0:
            try:
                how = f"killed by {signal.Signals(-self.returncode).name}"
            except ValueError:
                how = f"killed by signal {-self.returncode}"
        else:
            how = f"exit code {self.returncode}"
        return f"{how}; report {self.report}\n{self.stderr[-3000:]}"

    def assert_exited_normally(self) -> None:
        assert not self.timed_out and self.returncode == 0, self.describe()
        assert self.report, self.describe()
        assert not self.report.get("raw"), self.describe()


def _cap(address_space: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (address_space, address_space))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def run_child(
    source: str,
    function: str,
    args: tuple[Any, ...] = (),
    *,
    limits: dict[str, Any] | None = None,
    after: str | None = None,
    stack_size: int = 0,
    address_space: int = 4 << 30,
    kill_after: float = 60.0,
) -> Outcome:
    """Compile *source* in a capped child, call *function* with *args* under *limits*
    (keyword arguments of :class:`fusabi_host.Limits`; ``None``: the defaults), then *after*."""
    spec = {
        "source": source,
        "function": function,
        "args": list(args),
        "limits": limits,
        "after": after,
        "stack_size": stack_size,
    }
    try:
        done = subprocess.run(
            [sys.executable, "-c", _CHILD, json.dumps(spec)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=kill_after,
            preexec_fn=lambda: _cap(address_space),
            check=False,
        )
    except subprocess.TimeoutExpired as expired:
        stderr = expired.stderr if isinstance(expired.stderr, str) else ""
        return Outcome(returncode=-signal.SIGKILL, stderr=stderr, timed_out=True)
    report: dict[str, Any] = {}
    for line in done.stdout.splitlines():
        if line.startswith("BOUNDS-REPORT "):
            report = json.loads(line[len("BOUNDS-REPORT ") :])
    return Outcome(returncode=done.returncode, report=report, stderr=done.stderr)


# --------------------------------------------------------------------------- (A) callbacks

STEP = "(if c.[0] = 0 then c.[0] <- 1 + f (n - 1))"
"""What each callback does: recurse once per level (however often it is called), so ``f n``
returns ``n`` exactly when the library called the callback at every level."""

CALLBACK_RECURSION: dict[str, str] = {
    "Array.averageBy": "Array.averageBy (fun x -> $R; 1.0) [| 1 |]",
    "Array.choose": "Array.choose (fun x -> $R; Some x) [| 1 |]",
    "Array.collect": "Array.collect (fun x -> $R; [| x |]) [| 1 |]",
    "Array.countBy": "Array.countBy (fun x -> $R; x) [| 1 |]",
    "Array.distinctBy": "Array.distinctBy (fun x -> $R; x) [| 1 |]",
    "Array.exists": "Array.exists (fun x -> $R; true) [| 1 |]",
    "Array.exists2": "Array.exists2 (fun x y -> $R; true) [| 1 |] [| 1 |]",
    "Array.filter": "Array.filter (fun x -> $R; true) [| 1 |]",
    "Array.find": "Array.find (fun x -> $R; true) [| 1 |]",
    "Array.findBack": "Array.findBack (fun x -> $R; true) [| 1 |]",
    "Array.findIndex": "Array.findIndex (fun x -> $R; true) [| 1 |]",
    "Array.findIndexBack": "Array.findIndexBack (fun x -> $R; true) [| 1 |]",
    "Array.fold": "Array.fold (fun s x -> $R; s + x) 0 [| 1 |]",
    "Array.fold2": "Array.fold2 (fun s x y -> $R; s) 0 [| 1 |] [| 1 |]",
    "Array.foldBack": "Array.foldBack (fun x s -> $R; s) [| 1 |] 0",
    "Array.forall": "Array.forall (fun x -> $R; true) [| 1 |]",
    "Array.forall2": "Array.forall2 (fun x y -> $R; true) [| 1 |] [| 1 |]",
    "Array.groupBy": "Array.groupBy (fun x -> $R; x) [| 1 |]",
    "Array.init": "Array.init 1 (fun i -> $R; i)",
    "Array.iter": "Array.iter (fun x -> $R) [| 1 |]",
    "Array.iter2": "Array.iter2 (fun x y -> $R) [| 1 |] [| 1 |]",
    "Array.iteri": "Array.iteri (fun i x -> $R) [| 1 |]",
    "Array.map": "Array.map (fun x -> $R; x) [| 1 |]",
    "Array.map2": "Array.map2 (fun x y -> $R; x) [| 1 |] [| 1 |]",
    "Array.map3": "Array.map3 (fun x y z -> $R; x) [| 1 |] [| 1 |] [| 1 |]",
    "Array.mapi": "Array.mapi (fun i x -> $R; x) [| 1 |]",
    "Array.mapi2": "Array.mapi2 (fun i x y -> $R; x) [| 1 |] [| 1 |]",
    "Array.maxBy": "Array.maxBy (fun x -> $R; x) [| 1 |]",
    "Array.minBy": "Array.minBy (fun x -> $R; x) [| 1 |]",
    "Array.partition": "Array.partition (fun x -> $R; true) [| 1 |]",
    "Array.pick": "Array.pick (fun x -> $R; Some x) [| 1 |]",
    "Array.reduce": "Array.reduce (fun a b -> $R; a) [| 2; 1 |]",
    "Array.reduceBack": "Array.reduceBack (fun a b -> $R; a) [| 2; 1 |]",
    "Array.scan": "Array.scan (fun s x -> $R; s) 0 [| 1 |]",
    "Array.skipWhile": "Array.skipWhile (fun x -> $R; true) [| 1 |]",
    "Array.sortBy": "Array.sortBy (fun x -> $R; x) [| 1 |]",
    "Array.sortByDescending": "Array.sortByDescending (fun x -> $R; x) [| 1 |]",
    "Array.sortInPlaceBy": "Array.sortInPlaceBy (fun x -> $R; x) [| 1 |]",
    "Array.sortInPlaceWith": "Array.sortInPlaceWith (fun a b -> $R; compare a b) [| 2; 1 |]",
    "Array.sortWith": "Array.sortWith (fun a b -> $R; compare a b) [| 2; 1 |]",
    "Array.sumBy": "Array.sumBy (fun x -> $R; x) [| 1 |]",
    "Array.takeWhile": "Array.takeWhile (fun x -> $R; true) [| 1 |]",
    "Array.tryFind": "Array.tryFind (fun x -> $R; true) [| 1 |]",
    "Array.tryFindBack": "Array.tryFindBack (fun x -> $R; true) [| 1 |]",
    "Array.tryFindIndex": "Array.tryFindIndex (fun x -> $R; true) [| 1 |]",
    "Array.tryFindIndexBack": "Array.tryFindIndexBack (fun x -> $R; true) [| 1 |]",
    "Array.tryPick": "Array.tryPick (fun x -> $R; Some x) [| 1 |]",
    "Array.where": "Array.where (fun x -> $R; true) [| 1 |]",
    "Events.on": 'Events.emit ("on" + string n) (Events.on ("on" + string n) (fun _ -> $R))',
    "Events.once": 'Events.emit ("once" + string n) (Events.once ("once" + string n) (fun _ -> $R))',
    "List.averageBy": "List.averageBy (fun x -> $R; 1.0) [1]",
    "List.choose": "List.choose (fun x -> $R; Some x) [1]",
    "List.collect": "List.collect (fun x -> $R; [x]) [1]",
    "List.countBy": "List.countBy (fun x -> $R; x) [1]",
    "List.distinctBy": "List.distinctBy (fun x -> $R; x) [1]",
    "List.exists": "List.exists (fun x -> $R; true) [1]",
    "List.exists2": "List.exists2 (fun x y -> $R; true) [1] [1]",
    "List.filter": "List.filter (fun x -> $R; true) [1]",
    "List.find": "List.find (fun x -> $R; true) [1]",
    "List.findBack": "List.findBack (fun x -> $R; true) [1]",
    "List.findIndex": "List.findIndex (fun x -> $R; true) [1]",
    "List.findIndexBack": "List.findIndexBack (fun x -> $R; true) [1]",
    "List.fold": "List.fold (fun s x -> $R; s + x) 0 [1]",
    "List.fold2": "List.fold2 (fun s x y -> $R; s) 0 [1] [1]",
    "List.foldBack": "List.foldBack (fun x s -> $R; s) [1] 0",
    "List.forall": "List.forall (fun x -> $R; true) [1]",
    "List.forall2": "List.forall2 (fun x y -> $R; true) [1] [1]",
    "List.groupBy": "List.groupBy (fun x -> $R; x) [1]",
    "List.init": "List.init 1 (fun i -> $R; i)",
    "List.iter": "List.iter (fun x -> $R) [1]",
    "List.iter2": "List.iter2 (fun x y -> $R) [1] [1]",
    "List.iteri": "List.iteri (fun i x -> $R) [1]",
    "List.map": "List.map (fun x -> $R; x) [1]",
    "List.map2": "List.map2 (fun x y -> $R; x) [1] [1]",
    "List.map3": "List.map3 (fun x y z -> $R; x) [1] [1] [1]",
    "List.mapi": "List.mapi (fun i x -> $R; x) [1]",
    "List.mapi2": "List.mapi2 (fun i x y -> $R; x) [1] [1]",
    "List.maxBy": "List.maxBy (fun x -> $R; x) [1]",
    "List.minBy": "List.minBy (fun x -> $R; x) [1]",
    "List.partition": "List.partition (fun x -> $R; true) [1]",
    "List.pick": "List.pick (fun x -> $R; Some x) [1]",
    "List.reduce": "List.reduce (fun a b -> $R; a) [2; 1]",
    "List.reduceBack": "List.reduceBack (fun a b -> $R; a) [2; 1]",
    "List.scan": "List.scan (fun s x -> $R; s) 0 [1]",
    "List.skipWhile": "List.skipWhile (fun x -> $R; true) [1]",
    "List.sortBy": "List.sortBy (fun x -> $R; x) [1]",
    "List.sortByDescending": "List.sortByDescending (fun x -> $R; x) [1]",
    "List.sortWith": "List.sortWith (fun a b -> $R; compare a b) [2; 1]",
    "List.sumBy": "List.sumBy (fun x -> $R; x) [1]",
    "List.takeWhile": "List.takeWhile (fun x -> $R; true) [1]",
    "List.tryFind": "List.tryFind (fun x -> $R; true) [1]",
    "List.tryFindBack": "List.tryFindBack (fun x -> $R; true) [1]",
    "List.tryFindIndex": "List.tryFindIndex (fun x -> $R; true) [1]",
    "List.tryFindIndexBack": "List.tryFindIndexBack (fun x -> $R; true) [1]",
    "List.tryPick": "List.tryPick (fun x -> $R; Some x) [1]",
    "List.where": "List.where (fun x -> $R; true) [1]",
    "Map.change": "Map.change 1 (fun v -> $R; v) (Map.ofList [(1, 1)])",
    "Map.exists": "Map.exists (fun k v -> $R; true) (Map.ofList [(1, 1)])",
    "Map.filter": "Map.filter (fun k v -> $R; true) (Map.ofList [(1, 1)])",
    "Map.findKey": "Map.findKey (fun k v -> $R; true) (Map.ofList [(1, 1)])",
    "Map.fold": "Map.fold (fun s k v -> $R; s) 0 (Map.ofList [(1, 1)])",
    "Map.foldBack": "Map.foldBack (fun k v s -> $R; s) (Map.ofList [(1, 1)]) 0",
    "Map.forall": "Map.forall (fun k v -> $R; true) (Map.ofList [(1, 1)])",
    "Map.iter": "Map.iter (fun k v -> $R) (Map.ofList [(1, 1)])",
    "Map.map": "Map.map (fun v -> $R; v) (Map.ofList [(1, 1)])",
    "Map.partition": "Map.partition (fun k v -> $R; true) (Map.ofList [(1, 1)])",
    "Map.pick": "Map.pick (fun k v -> $R; Some v) (Map.ofList [(1, 1)])",
    "Map.tryFindKey": "Map.tryFindKey (fun k v -> $R; true) (Map.ofList [(1, 1)])",
    "Map.tryPick": "Map.tryPick (fun k v -> $R; Some v) (Map.ofList [(1, 1)])",
    "Option.bind": "Option.bind (fun x -> $R; Some x) (Some 1)",
    "Option.defaultWith": "Option.defaultWith (fun _ -> $R; 0) None",
    "Option.exists": "Option.exists (fun x -> $R; true) (Some 1)",
    "Option.filter": "Option.filter (fun x -> $R; true) (Some 1)",
    "Option.fold": "Option.fold (fun s x -> $R; s) 0 (Some 1)",
    "Option.foldBack": "Option.foldBack (fun x s -> $R; s) (Some 1) 0",
    "Option.forall": "Option.forall (fun x -> $R; true) (Some 1)",
    "Option.iter": "Option.iter (fun x -> $R) (Some 1)",
    "Option.map": "Option.map (fun x -> $R; x) (Some 1)",
    "Option.map2": "Option.map2 (fun x y -> $R; x) (Some 1) (Some 1)",
    "Option.map3": "Option.map3 (fun x y z -> $R; x) (Some 1) (Some 1) (Some 1)",
    "Option.orElseWith": "Option.orElseWith (fun _ -> $R; Some 0) None",
    "Result.bind": "Result.bind (fun x -> $R; Ok x) (Ok 1)",
    "Result.defaultWith": "Result.defaultWith (fun e -> $R; 0) (Error 1)",
    "Result.exists": "Result.exists (fun x -> $R; true) (Ok 1)",
    "Result.fold": "Result.fold (fun s x -> $R; s) 0 (Ok 1)",
    "Result.foldBack": "Result.foldBack (fun x s -> $R; s) (Ok 1) 0",
    "Result.forall": "Result.forall (fun x -> $R; true) (Ok 1)",
    "Result.iter": "Result.iter (fun x -> $R) (Ok 1)",
    "Result.map": "Result.map (fun x -> $R; x) (Ok 1)",
    "Result.mapError": "Result.mapError (fun e -> $R; e) (Error 1)",
    "Seq.averageBy": "Seq.averageBy (fun x -> $R; 1.0) [1]",
    "Seq.choose": "Seq.choose (fun x -> $R; Some x) [1] |> Seq.toList",
    "Seq.collect": "Seq.collect (fun x -> $R; [x]) [1] |> Seq.toList",
    "Seq.countBy": "Seq.countBy (fun x -> $R; x) [1] |> Seq.toList",
    "Seq.distinctBy": "Seq.distinctBy (fun x -> $R; x) [1] |> Seq.toList",
    "Seq.exists": "Seq.exists (fun x -> $R; true) [1]",
    "Seq.exists2": "Seq.exists2 (fun x y -> $R; true) [1] [1]",
    "Seq.filter": "Seq.filter (fun x -> $R; true) [1] |> Seq.toList",
    "Seq.find": "Seq.find (fun x -> $R; true) [1]",
    "Seq.findIndex": "Seq.findIndex (fun x -> $R; true) [1]",
    "Seq.fold": "Seq.fold (fun s x -> $R; s + x) 0 [1]",
    "Seq.foldBack": "Seq.foldBack (fun x s -> $R; s) [1] 0",
    "Seq.forall": "Seq.forall (fun x -> $R; true) [1]",
    "Seq.forall2": "Seq.forall2 (fun x y -> $R; true) [1] [1]",
    "Seq.groupBy": "Seq.groupBy (fun x -> $R; x) [1] |> Seq.toList",
    "Seq.init": "Seq.init 1 (fun i -> $R; i) |> Seq.toList",
    "Seq.iter": "Seq.iter (fun x -> $R) [1]",
    "Seq.iter2": "Seq.iter2 (fun x y -> $R) [1] [1]",
    "Seq.iteri": "Seq.iteri (fun i x -> $R) [1]",
    "Seq.map": "Seq.map (fun x -> $R; x) [1] |> Seq.toList",
    "Seq.map2": "Seq.map2 (fun x y -> $R; x) [1] [1] |> Seq.toList",
    "Seq.mapi": "Seq.mapi (fun i x -> $R; x) [1] |> Seq.toList",
    "Seq.maxBy": "Seq.maxBy (fun x -> $R; x) [1]",
    "Seq.minBy": "Seq.minBy (fun x -> $R; x) [1]",
    "Seq.pick": "Seq.pick (fun x -> $R; Some x) [1]",
    "Seq.reduce": "Seq.reduce (fun a b -> $R; a) [2; 1]",
    "Seq.scan": "Seq.scan (fun s x -> $R; s) 0 [1] |> Seq.toList",
    "Seq.skipWhile": "Seq.skipWhile (fun x -> $R; true) [1] |> Seq.toList",
    "Seq.sortBy": "Seq.sortBy (fun x -> $R; x) [1] |> Seq.toList",
    "Seq.sortByDescending": "Seq.sortByDescending (fun x -> $R; x) [1] |> Seq.toList",
    "Seq.sortWith": "Seq.sortWith (fun a b -> $R; compare a b) [2; 1] |> Seq.toList",
    "Seq.sumBy": "Seq.sumBy (fun x -> $R; x) [1]",
    "Seq.takeWhile": "Seq.takeWhile (fun x -> $R; true) [1] |> Seq.toList",
    "Seq.tryFind": "Seq.tryFind (fun x -> $R; true) [1]",
    "Seq.tryFindIndex": "Seq.tryFindIndex (fun x -> $R; true) [1]",
    "Seq.tryPick": "Seq.tryPick (fun x -> $R; Some x) [1]",
    "Seq.where": "Seq.where (fun x -> $R; true) [1] |> Seq.toList",
    "Set.exists": "Set.exists (fun x -> $R; true) (Set.ofList [1])",
    "Set.filter": "Set.filter (fun x -> $R; true) (Set.ofList [1])",
    "Set.fold": "Set.fold (fun s x -> $R; s) 0 (Set.ofList [1])",
    "Set.foldBack": "Set.foldBack (fun x s -> $R; s) (Set.ofList [1]) 0",
    "Set.forall": "Set.forall (fun x -> $R; true) (Set.ofList [1])",
    "Set.iter": "Set.iter (fun x -> $R) (Set.ofList [1])",
    "Set.map": "Set.map (fun x -> $R; x) (Set.ofList [1])",
    "Set.partition": "Set.partition (fun x -> $R; true) (Set.ofList [1])",
    "Array.compareWith": "Array.compareWith (fun a b -> $R; 0) [| 1 |] [| 1 |]",
    "Array.foldBack2": "Array.foldBack2 (fun x y s -> $R; s) [| 1 |] [| 1 |] 0",
    "Array.iteri2": "Array.iteri2 (fun i x y -> $R) [| 1 |] [| 1 |]",
    "Array.mapFold": "Array.mapFold (fun s x -> $R; (x, s)) 0 [| 1 |]",
    "Array.permute": "Array.permute (fun i -> $R; i) [| 1 |]",
    "Array.scanBack": "Array.scanBack (fun x s -> $R; s) [| 1 |] 0",
    "Array.unfold": "Array.unfold (fun s -> $R; if s > 0 then None else Some (s, s + 1)) 0",
    "Lazy.Create": "(Lazy.Create (fun () -> $R; 1)).Value",
    "Array.mapFoldBack": "Array.mapFoldBack (fun x s -> $R; (x, s)) [|1|] 0",
    "Seq.foldBack2": "Seq.foldBack2 (fun a b s -> $R; s) [1] [2] 0",
    "Seq.iteri2": "Seq.iteri2 (fun i a b -> $R) [1] [2]",
    "Seq.mapFold": "Seq.mapFold (fun s x -> $R; (x, s)) 0 [1] |> fst |> Seq.toList",
    "Seq.mapFoldBack": "Seq.mapFoldBack (fun x s -> $R; (x, s)) [1] 0 |> fst |> Seq.toList",
    "Seq.permute": "Seq.permute (fun i -> $R; i) [1] |> Seq.toList",
    "Seq.reduceBack": "Seq.reduceBack (fun a b -> $R; a) [1; 2]",
    "Seq.scanBack": "Seq.scanBack (fun x s -> $R; s) [1] 0 |> Seq.toList",
    "Seq.tryFindIndexBack": "Seq.tryFindIndexBack (fun x -> $R; true) [1]",
    "Array2D.init": "Array2D.init 1 1 (fun r k -> $R; r)",
    "Array2D.iter": "Array2D.iter (fun x -> $R) (Array2D.create 1 1 0)",
    "Array2D.iteri": "Array2D.iteri (fun r k x -> $R) (Array2D.create 1 1 0)",
    "Array2D.map": "Array2D.map (fun x -> $R; x) (Array2D.create 1 1 0)",
    "Array2D.mapi": "Array2D.mapi (fun r k x -> $R; x) (Array2D.create 1 1 0)",
    "Async.Bind": (
        "Async.Bind (Async.Return 1) (fun x -> $R; Async.Return x) |> Async.RunSynchronously"
    ),
    "Async.Delay": "Async.Delay (fun () -> $R; Async.Return 1) |> Async.RunSynchronously",
    "Async.TryWith": (
        'Async.TryWith (Async.Delay (fun () -> failwith "x")) (fun e -> $R; Async.Return 1)'
        " |> Async.RunSynchronously"
    ),
    "Async.TryFinally": (
        "Async.TryFinally (Async.Return 1) (fun () -> $R) |> Async.RunSynchronously"
    ),
    "Async.For": "Async.For [1] (fun x -> $R; Async.Zero ()) |> Async.RunSynchronously",
    "Async.While": ("Async.While (fun () -> $R; false) (Async.Zero ()) |> Async.RunSynchronously"),
    "List.compareWith": "List.compareWith (fun a b -> $R; 0) [1] [1]",
    "List.foldBack2": "List.foldBack2 (fun x y s -> $R; s) [1] [1] 0",
    "List.iteri2": "List.iteri2 (fun i x y -> $R) [1] [1]",
    "List.mapFold": "List.mapFold (fun s x -> $R; (x, s)) 0 [1]",
    "List.mapFoldBack": "List.mapFoldBack (fun x s -> $R; (x, s)) [1] 0",
    "List.permute": "List.permute (fun i -> $R; i) [1]",
    "List.scanBack": "List.scanBack (fun x s -> $R; s) [1] 0",
    "List.unfold": "List.unfold (fun s -> $R; if s > 0 then None else Some (s, s + 1)) 0",
    "Seq.compareWith": "Seq.compareWith (fun a b -> $R; 0) [1] [1]",
    "Seq.delay": "Seq.delay (fun () -> $R; [1]) |> Seq.toList",
    "Seq.findBack": "Seq.findBack (fun x -> $R; true) [1]",
    "Seq.findIndexBack": "Seq.findIndexBack (fun x -> $R; true) [1]",
    "Seq.fold2": "Seq.fold2 (fun s x y -> $R; s) 0 [1] [1]",
    "Seq.initInfinite": "Seq.initInfinite (fun i -> $R; i) |> Seq.head",
    "Seq.map3": "Seq.map3 (fun x y z -> $R; x) [1] [1] [1] |> Seq.toList",
    "Seq.mapi2": "Seq.mapi2 (fun i x y -> $R; x) [1] [1] |> Seq.toList",
    "Seq.tryFindBack": "Seq.tryFindBack (fun x -> $R; true) [1]",
    "Seq.unfold": "Seq.unfold (fun s -> $R; if s > 0 then None else Some (s, s + 1)) 0 |> Seq.toList",
    "String.collect": 'String.collect (fun ch -> $R; "x") "a"',
    "String.exists": 'String.exists (fun ch -> $R; true) "a"',
    "String.filter": 'String.filter (fun ch -> $R; true) "a"',
    "String.forall": 'String.forall (fun ch -> $R; true) "a"',
    "String.init": 'String.init 1 (fun i -> $R; "x")',
    "String.iter": 'String.iter (fun ch -> $R) "a"',
    "String.iteri": 'String.iteri (fun i ch -> $R) "a"',
    "String.map": 'String.map (fun ch -> $R; ch) "a"',
    "String.mapi": 'String.mapi (fun i ch -> $R; ch) "a"',
}
"""Every higher-order builtin -> an expression calling it with a callback that does ``$R``
(:data:`STEP`) -- the recursion goes through the library function at every level."""


def recursion_source(expression: str) -> str:
    """The plugin of a callback probe: ``f n`` recurses through *expression*'s callback."""
    return (
        "let rec f n =\n"
        "    if n = 0 then 0\n"
        "    else\n"
        "        let c = [| 0 |]\n"
        f"        {expression.replace('$R', STEP)} |> ignore\n"
        "        c.[0]\n"
    )


def _parameters(signature: str) -> list[str]:
    """The parameter types of an F# signature (its top-level arrows; ``Map<'k, 'v>`` and
    parenthesised function types stay whole)."""
    parts: list[str] = []
    depth = 0
    start = 0
    i = 0
    while i < len(signature):
        ch = signature[i]
        if ch in "(<":
            depth += 1
        elif ch == ")" or (ch == ">" and signature[i - 1] != "-"):
            depth -= 1
        elif depth == 0 and signature.startswith("->", i):
            parts.append(signature[start:i].strip())
            start = i + 2
            i += 2
            continue
        i += 1
    return parts


def higher_order_builtins() -> set[str]:
    """The registered builtins with a function parameter."""
    return {
        name
        for name, entry in REGISTRY.items()
        if not entry.is_value and any("->" in p for p in _parameters(entry.signature))
    }


def test_every_higher_order_builtin_has_a_recursion_probe() -> None:
    expected = higher_order_builtins()
    assert len(expected) > 150  # (the signature parser found them)
    missing = sorted(expected - CALLBACK_RECURSION.keys())
    stale = sorted(CALLBACK_RECURSION.keys() - expected)
    assert not missing, f"add a recursion probe for: {missing}"
    assert not stale, f"not (or no longer) higher-order builtins: {stale}"


def test_the_signature_parser() -> None:
    assert _parameters("('a -> 'b) -> 'a list -> 'b list") == ["('a -> 'b)", "'a list"]
    assert _parameters("'k -> ('v option -> 'v option) -> Map<'k, 'v> -> Map<'k, 'v>") == [
        "'k",
        "('v option -> 'v option)",
        "Map<'k, 'v>",
    ]
    assert _parameters("int -> 'a -> 'a list") == ["int", "'a"]


# --------------------------------------------------------------------------- (B) sizes

HUGE_RESULTS: dict[str, str] = {
    # strings
    "String.replicate": '(String.replicate 1000000000 "x").Length',
    "String.replicate of a long string": '(String.replicate 200000 (String.replicate 10000 "ab")).Length',
    "String.replicate of non-ASCII text": '(String.replicate 40000000 "€").Length',
    "String.padLeft": 'String.padLeft 1000000000 "x" |> String.length',
    "String.padRight": 'String.padRight 1000000000 "x" |> String.length',
    "PadLeft member": '("x".PadLeft 1000000000).Length',
    "PadRight member with a fill char": "(\"x\".PadRight(1000000000, '-')).Length",
    "String.replace": 'let s = String.replicate 100000 "a" in String.replace "a" (String.replicate 10000 "b") s |> String.length',
    "Replace member": 'let s = String.replicate 100000 "a" in (s.Replace("a", String.replicate 10000 "b")).Length',
    "String.concat": 'String.concat (List.replicate 100000 (String.replicate 10000 "a")) |> String.length',
    "String.join": 'String.join "," (List.replicate 100000 (String.replicate 10000 "a")) |> String.length',
    "String.collect": 'let big = String.replicate 100000 "ab" in String.collect (fun _ -> big) (String.replicate 10000 "x") |> String.length',
    "String.init": 'let big = String.replicate 100000 "ab" in String.init 10000 (fun _ -> big) |> String.length',
    "String.map to wide chars": "String.map (fun _ -> '€') (String.replicate 30000000 \"a\") |> String.length",
    "String.split into chars": 'String.split "" (String.replicate 5000000 "ab") |> List.length',
    "String.split by a separator": 'String.split "," (String.replicate 10000000 ",") |> List.length',
    "Split member": "Array.length ((String.replicate 10000000 \",\").Split(','))",
    "String.toList": 'String.toList (String.replicate 10000000 "a") |> List.length',
    "String.toCharArray": 'String.toCharArray (String.replicate 10000000 "a") |> Array.length',
    "ToCharArray member": '(String.replicate 10000000 "a").ToCharArray() |> Array.length',
    # printf
    "sprintf star width": '(sprintf "%*d" 1000000000 1).Length',
    "sprintf literal width": '(sprintf "%900000000d" 1).Length',
    "sprintf star width of a string": '(sprintf "%*s" 1000000000 "x").Length',
    "sprintf precision": '(sprintf "%.900000000f" 1.0).Length',
    "sprintf star precision": '(sprintf "%.*e" 900000000 1.0).Length',
    "sprintf many wide fields": '(sprintf "%*d%*d%*d%*d%*d%*d%*d%*d" 9000000 1 9000000 1 9000000 1 9000000 1 9000000 1 9000000 1 9000000 1 9000000 1).Length',
    "String.format width": 'String.format "%900000000d" [1] |> String.length',
    # building from a count (a lazy Seq is built when it is materialised: Seq.toList)
    "List.replicate": "List.replicate 1000000000 0 |> List.length",
    "List.init": "List.init 1000000000 id |> List.length",
    "Array.create": "Array.create 1000000000 0 |> Array.length",
    "Array.init": "Array.init 1000000000 id |> Array.length",
    "Array.replicate": "Array.replicate 1000000000 0 |> Array.length",
    "Seq.init": "Seq.init 1000000000 id |> Seq.toList |> List.length",
    "Seq.replicate": "Seq.replicate 1000000000 0 |> Seq.toList |> List.length",
    # results larger than their inputs (shared structure, products, conversions)
    "List.collect of a shared list": "let big = List.replicate 100000 0 in List.collect (fun _ -> big) (List.replicate 10000 0) |> List.length",
    "Array.collect of a shared array": "let big = Array.create 1000000 0 in Array.collect (fun _ -> big) (Array.create 10000 0) |> Array.length",
    "Seq.collect of a shared list": "let big = List.replicate 100000 0 in Seq.collect (fun _ -> big) (List.replicate 10000 0) |> Seq.toList |> List.length",
    "List.concat": "List.concat (List.replicate 10000 (List.replicate 100000 0)) |> List.length",
    "Array.concat": "Array.concat (List.replicate 10000 (Array.create 1000000 0)) |> Array.length",
    "Seq.concat": "Seq.concat (List.replicate 10000 (List.replicate 100000 0)) |> Seq.toList |> List.length",
    "List.append": "let big = List.replicate 500000 0 in List.append big big |> List.length",
    "Array.append": "let a = Array.create 5000000 0 in Array.append a a |> Array.length",
    "Seq.append": "let a = Array.create 5000000 0 in Seq.append a a |> Seq.length",
    "List.allPairs": "List.allPairs (List.replicate 100000 0) (List.replicate 100000 0) |> List.length",
    "Array.allPairs": "Array.allPairs (Array.create 100000 0) (Array.create 100000 0) |> Array.length",
    "Seq.allPairs": "Seq.allPairs (List.replicate 100000 0) (List.replicate 100000 0) |> Seq.toList |> List.length",
    "List.windowed": "List.windowed 50000 (List.replicate 100000 0) |> List.length",
    "Array.windowed": "Array.windowed 50000 (Array.create 100000 0) |> Array.length",
    "Seq.windowed": "Seq.windowed 50000 (List.replicate 100000 0) |> Seq.toList |> List.length",
    "List.chunkBySize": "List.chunkBySize 1 (List.replicate 600000 0) |> List.length",
    "Array.chunkBySize": "Array.chunkBySize 1 (Array.create 5000000 0) |> Array.length",
    "Seq.chunkBySize": "Seq.chunkBySize 1 (Array.create 5000000 0) |> Seq.length",
    "List.transpose of shared rows": "List.transpose (List.replicate 10000 (List.replicate 100000 0)) |> List.length",
    "Array.transpose of shared rows": "Array.transpose (Array.create 10000 (Array.create 100000 0)) |> Array.length",
    "List.ofArray": "List.ofArray (Array.create 5000000 0) |> List.length",
    "Array.toList": "Array.toList (Array.create 5000000 0) |> List.length",
    "Array.toSeq": "Array.toSeq (Array.create 5000000 0) |> Seq.length",
    "Seq.ofArray": "Seq.ofArray (Array.create 5000000 0) |> Seq.length",
    "List.ofSeq of a string": 'List.ofSeq (String.replicate 10000000 "a") |> List.length',
    "Seq.toArray of a string": 'Seq.toArray (String.replicate 10000000 "a") |> Array.length',
    "Seq.map over a string": 'Seq.map id (String.replicate 10000000 "a") |> Seq.toList |> List.length',
    "Set.ofSeq of a string": 'Set.ofSeq (String.replicate 10000000 "a") |> Set.count',
    "Array.indexed": "Array.indexed (Array.create 5000000 0) |> Array.length",
    "Array.zip": "let a = Array.create 5000000 0 in Array.zip a a |> Array.length",
    "Array.pairwise": "Array.pairwise (Array.create 5000000 0) |> Array.length",
    "Array.map": "Array.map id (Array.create 5000000 0) |> Array.length",
    "Array.map of strings by a library function": "Array.map string (Array.init 3000000 id) |> Array.length",
    "List.map of strings by a library function": 'List.map (String.replicate 100) (List.replicate 600000 "x") |> List.length',
    # other modules
    "Json.stringify of shared text": 'let s = String.replicate 100000 "a" in Json.stringify (Array.create 10000 s) |> String.length',
    "Json.stringifyPretty of shared arrays": "let a = Array.create 10000 0 in Json.stringifyPretty (Array.create 10000 a) |> String.length",
    "Json.parse of many empty arrays": 'let text = "[" + String.replicate 4000000 "[]," + "[]]" in Json.parse text |> ignore; 0',
    "Url.encode": 'Url.encode (String.replicate 30000000 " ") |> String.length',
    "Time.format": 'Time.format (String.replicate 20000000 "%Y") 0 |> String.length',
}
"""Calls asking for results of gigabytes: each must raise ``LimitExceeded``
(``max_memory_bytes``) under a 64 MiB limit, before it allocates them."""

FITTING_RESULTS: dict[str, tuple[str, str]] = {
    "String.replicate": ('(String.replicate 20000000 "x").Length', "20000000"),
    "String.padLeft": ('String.padLeft 10000000 "x" |> String.length', "10000000"),
    "sprintf star width": ('(sprintf "%*d" 10000000 1).Length', "10000000"),
    "String.concat": (
        'String.concat (List.replicate 1000 (String.replicate 10000 "a")) |> String.length',
        "10000000",
    ),
    "String.collect": (
        'String.collect (fun c -> "ab") (String.replicate 1000000 "x") |> String.length',
        "2000000",
    ),
    "List.replicate": ("List.replicate 200000 0 |> List.length", "200000"),
    "Array.create": ("Array.create 2000000 0 |> Array.length", "2000000"),
    "List.collect": (
        "List.collect (fun i -> [i; i]) (List.init 100000 id) |> List.length",
        "200000",
    ),
    "Map.ofList of repeated keys": ("Map.ofList (List.replicate 300000 (1, 1)) |> Map.count", "1"),
    "Set.union of a set with itself": (
        "let s = Set.ofList (List.init 200000 id) in Set.union s s |> Set.count",
        "200000",
    ),
    "Json.stringify": ("Json.stringify (Array.create 100000 1) |> String.length", "200001"),
    "List.sortWith": (
        "List.sortWith compare (List.init 100000 (fun i -> 100000 - i)) |> List.head",
        "1",
    ),
    "Array.sortWith is stable": (
        'Array.sortWith (fun a b -> compare (fst a) (fst b)) [| (1, "a"); (0, "b"); (1, "c"); (0, "d") |] |> Array.map snd |> String.concat',
        "'bdac'",
    ),
}
"""Positive controls under the same limits: ``(expression, expected repr of the result)``."""

_SIZE_LIMITS = {"max_memory_bytes": MEMORY, "max_collection_size": None, "timeout": 20.0}


# --------------------------------------------------------------------------- the pool

_JOBS: dict[str, Any] = {}
for _name, _expression in CALLBACK_RECURSION.items():
    _JOBS[f"depth:{_name}"] = (
        recursion_source(_expression),
        "f",
        (DEPTH,),
        {"stack_size": STACK_SIZE, "address_space": 4 << 30},
    )
for _name, _expression in HUGE_RESULTS.items():
    _JOBS[f"huge:{_name}"] = (
        f"let ok () = 42\nlet main () = {_expression}\n",
        "main",
        (),
        {"limits": _SIZE_LIMITS, "after": "ok", "address_space": 1 << 30},
    )
for _name, (_expression, _) in FITTING_RESULTS.items():
    _JOBS[f"fits:{_name}"] = (
        f"let main () = {_expression}\n",
        "main",
        (),
        {"limits": _SIZE_LIMITS, "address_space": 1 << 30},
    )


@pytest.fixture(scope="module")
def outcomes(request: pytest.FixtureRequest) -> Iterator[dict[str, Future[Outcome]]]:
    """Every probe the session selected, started at once on a pool of child processes."""
    wanted: list[str] = []
    for item in request.session.items:
        callspec = getattr(item, "callspec", None)
        key = callspec.params.get("job") if callspec is not None else None
        if key in _JOBS and key not in wanted:
            wanted.append(key)
    workers = max(2, os.cpu_count() or 2)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures: dict[str, Future[Outcome]] = {}
        for key in wanted:
            source, function, args, options = _JOBS[key]
            futures[key] = pool.submit(run_child, source, function, args, **options)
        yield futures


def _outcome(outcomes: dict[str, Future[Outcome]], job: str) -> Outcome:
    if job not in outcomes:  # (selected in a way the fixture did not see)
        source, function, args, options = _JOBS[job]
        return run_child(source, function, args, **options)
    return outcomes[job].result()


@pytest.mark.parametrize(
    "job", [f"depth:{name}" for name in CALLBACK_RECURSION], ids=list(CALLBACK_RECURSION)
)
def test_recursion_through_the_callback_never_crashes(
    outcomes: dict[str, Future[Outcome]], job: str
) -> None:
    outcome = _outcome(outcomes, job)
    outcome.assert_exited_normally()
    report = outcome.report
    if "value" in report:
        assert report["value"] == str(DEPTH), outcome.describe()  # the callback ran every level
    else:
        assert report.get("error") == "LimitExceeded", outcome.describe()


@pytest.mark.parametrize("job", [f"huge:{name}" for name in HUGE_RESULTS], ids=list(HUGE_RESULTS))
def test_a_huge_result_is_refused_before_it_is_built(
    outcomes: dict[str, Future[Outcome]], job: str
) -> None:
    outcome = _outcome(outcomes, job)
    outcome.assert_exited_normally()
    report = outcome.report
    assert report.get("error") == "LimitExceeded", outcome.describe()
    assert report.get("limit") == "max_memory_bytes", outcome.describe()
    assert report["elapsed"] <= WITHIN, outcome.describe()
    assert report.get("after") == "42", outcome.describe()  # the plugin still serves


@pytest.mark.parametrize(
    "job", [f"fits:{name}" for name in FITTING_RESULTS], ids=list(FITTING_RESULTS)
)
def test_a_result_within_the_limits_is_built(
    outcomes: dict[str, Future[Outcome]], job: str
) -> None:
    outcome = _outcome(outcomes, job)
    outcome.assert_exited_normally()
    expected = FITTING_RESULTS[job.partition(":")[2]][1]
    assert outcome.report.get("value") == expected, outcome.describe()
