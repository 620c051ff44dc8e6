"""The reload transaction (fusabi_host.reload): compiling outside the plugin's lock, the state
hand-off, vetoes, dependencies, calls in flight, and nothing lost on failure.

Where a test needs a reload (or a call) to be *in the middle* of something, it parks it there on
a threading.Event from a real hook implementation -- no sleeps, no timing assertions."""

from __future__ import annotations

import gc
import threading
import weakref
from pathlib import Path
from typing import Any

import pytest

from fusabi_host import (
    CompileError,
    DependencyError,
    FusabiRuntimeError,
    InvalidState,
    LifecycleState,
    PluginRuntime,
    RuntimeConfig,
    Variant,
    hookimpl,
)
from fusabi_host.errors import ReloadVetoed, StateHandoffError
from fusabi_host.hooktypes import ReloadPhase
from fusabi_host.lang.deadline import DEADLINES
from tests.runtime.test_dependencies import manifest_text
from tests.runtime.test_dependencies import write_plugin as write_dependent
from tests.runtime.test_loader import write_plugin

WAIT = 10.0  # seconds: how long a test waits for a parked thread before it fails


@pytest.fixture
def runtime():  # type: ignore[no-untyped-def]
    runtime = PluginRuntime(RuntimeConfig(autoload_extensions=False))
    yield runtime
    runtime.shutdown()


def in_thread(target: Any) -> tuple[threading.Thread, dict[str, Any]]:
    """Run *target* on a thread; the dict gets its ``result`` or ``error``."""
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["result"] = target()
        except BaseException as exc:  # the test inspects it
            outcome["error"] = exc

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread, outcome


class ParkedLoader:
    """A loader extension that holds every load until released (then defers to the core)."""

    def __init__(self) -> None:
        self.entered = threading.Event()
        self.release = threading.Event()

    @hookimpl(tryfirst=True)
    def fusabi_load(self, request):  # type: ignore[no-untyped-def]
        self.entered.set()
        assert self.release.wait(WAIT)
        return None  # (not mine: the core loader compiles it)  # noqa: PLR1711


def test_calls_go_on_while_the_new_version_compiles(tmp_path: Path, runtime: PluginRuntime) -> None:
    path = write_plugin(tmp_path, "calc", "let answer () = 1\n")
    runtime.load_manifest(path)
    parked = ParkedLoader()
    runtime.manager.register(parked, name="parked")
    (path.parent / "main.fsx").write_text("let answer () = 2\n", encoding="utf-8")
    reloading, outcome = in_thread(lambda: runtime.reload("calc"))
    assert parked.entered.wait(WAIT)
    # the reload is inside fusabi_load now; a call must not wait for it
    caller, answered = in_thread(lambda: runtime.call("calc", "answer"))
    caller.join(WAIT)
    assert answered == {"result": 1}, "a call waited behind the compile of the new version"
    parked.release.set()
    reloading.join(WAIT)
    assert "error" not in outcome
    assert runtime.call("calc", "answer") == 2


class ParkedCall:
    """A fusabi_call wrapper that holds calls of one function until released."""

    def __init__(self, function: str) -> None:
        self.function = function
        self.entered = threading.Event()
        self.release = threading.Event()

    @hookimpl(wrapper=True)
    def fusabi_call(self, call):  # type: ignore[no-untyped-def]
        if call.function == self.function:
            self.entered.set()
            assert self.release.wait(WAIT)
        return (yield)


def test_a_call_in_flight_finishes_on_the_old_version(
    tmp_path: Path, runtime: PluginRuntime
) -> None:
    path = write_plugin(tmp_path, "calc", "let slow () = 1\nlet answer () = 1\n")
    runtime.load_manifest(path)
    parked = ParkedCall("slow")
    runtime.manager.register(parked, name="parked")
    in_flight, first = in_thread(lambda: runtime.call("calc", "slow"))
    assert parked.entered.wait(WAIT)
    (path.parent / "main.fsx").write_text("let slow () = 2\nlet answer () = 2\n", "utf-8")
    reloading, reloaded = in_thread(lambda: runtime.reload("calc"))
    reloading.join(0.5)
    assert reloading.is_alive(), "the swap did not wait for the call in flight"
    parked.release.set()
    in_flight.join(WAIT)
    reloading.join(WAIT)
    assert first == {"result": 1} and "error" not in reloaded
    assert runtime.call("calc", "answer") == 2 and runtime.call("calc", "slow") == 2


COUNTER = """\
type Shape = Circle of float | Square of float
let mutable count = 0
let mutable seen : Map<string, int> = Map.empty
let mutable shapes : Shape list = []
let mutable grid = [| 1; 2; 3 |]
let bump (who: string) =
    count <- count + 1
    seen <- Map.add who count seen
    shapes <- Circle (float count) :: shapes
    grid.[0] <- grid.[0] * 10
    count
let saveState () = (count, seen, shapes, grid)
let restoreState (c, s, sh, g) =
    count <- c
    seen <- s
    shapes <- sh
    grid <- g
let report () =
    sprintf "%s %d %A %A %A" VERSION count (Map.toList seen) shapes grid
"""


def test_the_state_is_handed_to_the_new_version(tmp_path: Path, runtime: PluginRuntime) -> None:
    source = 'let VERSION = "v1"\n' + COUNTER
    path = write_plugin(tmp_path, "counter", source)
    handle = runtime.load_manifest(path)
    assert [handle.call("bump", who) for who in ("ann", "bob")] == [1, 2]
    before = handle.call("report")
    (path.parent / "main.fsx").write_text(source.replace('"v1"', '"v2"'), encoding="utf-8")
    runtime.reload("counter")
    after = handle.call("report")
    assert after == before.replace("v1", "v2", 1)
    assert after.startswith("v2 2 ") and after.count("Circle") == 2 and "[|100; 2; 3|]" in after
    assert handle.call("bump", "cid") == 3  # the map, array and union list are live values


def test_a_state_holding_a_function_is_refused_and_the_old_version_serves(
    tmp_path: Path, runtime: PluginRuntime
) -> None:
    source = (
        "let mutable n = 0\n"
        "let bump () =\n    n <- n + 1\n    n\n"
        "let saveState () = (n, fun x -> x + n)\n"
        "let restoreState (m, _) = n <- m\n"
    )
    path = write_plugin(tmp_path, "calc", source)
    handle = runtime.load_manifest(path)
    bump = handle.function("bump")
    assert bump() == 1
    errors: list[Any] = []
    runtime.on_event(lambda e: errors.append(e) if e.event_name == "error" else None)
    (path.parent / "main.fsx").write_text(source + "let extra () = 1\n", encoding="utf-8")
    with pytest.raises(StateHandoffError, match="function"):
        runtime.reload("calc")
    assert bump() == 2 and not handle.has_export("extra")
    assert errors and errors[-1].details["error_type"] == "StateHandoffError"


def test_a_union_case_the_new_version_drops_is_refused(
    tmp_path: Path, runtime: PluginRuntime
) -> None:
    source = (
        "type Mode = Idle | Busy of int\n"
        "let mutable mode = Busy 3\n"
        "let saveState () = mode\n"
        "let restoreState m = mode <- m\n"
        "let get () = match mode with Busy n -> n | Idle -> 0\n"
    )
    path = write_plugin(tmp_path, "modes", source)
    handle = runtime.load_manifest(path)
    (path.parent / "main.fsx").write_text(
        source.replace("Busy of int", "Busy of int * int")
        .replace("Busy 3", "Busy (3, 4)")
        .replace("Busy n -> n", "Busy (n, _) -> n"),
        encoding="utf-8",
    )
    with pytest.raises(StateHandoffError, match=r"Mode\.Busy \(1 field\)"):
        runtime.reload("modes")
    assert handle.call("get") == 3
    (path.parent / "main.fsx").write_text(
        source.replace("let get", "let other () = 0\nlet get"), encoding="utf-8"
    )
    runtime.reload("modes")  # the same cases: the value is re-tagged for the new version
    assert handle.call("get") == 3 and handle.call("other") == 0


def test_a_state_that_does_not_fit_the_new_type_is_refused_before_restore_runs(
    tmp_path: Path, runtime: PluginRuntime
) -> None:
    old = (
        "type State = { Count: int; Tags: string list }\n"
        "let mutable count = 5\n"
        'let saveState () = { Count = count; Tags = ["a"] }\n'
        "let restoreState (s: State) = count <- s.Count\n"
        "let get () = count\n"
    )
    path = write_plugin(tmp_path, "typed-state", old)
    handle = runtime.load_manifest(path)
    added = (
        "type State = { Count: int; Tags: string list; Name: string }\n"
        "let mutable count = 0\n"
        "let mutable touched = false\n"
        'let saveState () = { Count = count; Tags = []; Name = "" }\n'
        "let restoreState (s: State) =\n"
        "    touched <- true\n"
        "    count <- s.Count + s.Name.Length\n"
        "let get () = count\n"
    )
    (path.parent / "main.fsx").write_text(added, encoding="utf-8")
    with pytest.raises(StateHandoffError) as info:
        runtime.reload("typed-state")
    assert "does not fit the type restoreState takes, State: no field 'Name'" in str(info.value)
    assert "record State has Count; Tags; Name" in str(info.value)
    assert handle.call("get") == 5  # the old version keeps serving
    retyped = old.replace("Tags: string list", "Tags: int list").replace('["a"]', "[1]")
    (path.parent / "main.fsx").write_text(retyped, encoding="utf-8")
    with pytest.raises(StateHandoffError, match=r"Tags\[0\]: expected int, got string"):
        runtime.reload("typed-state")
    (path.parent / "main.fsx").write_text(old.replace("let get", "let v2 = 2\nlet get"), "utf-8")
    runtime.reload("typed-state")  # the same type: handed over
    assert handle.call("get") == 5 and handle.has_export("v2")


def test_a_veto_names_the_hook_and_rolls_back(tmp_path: Path, runtime: PluginRuntime) -> None:
    class Freeze:
        @hookimpl
        def fusabi_reload(self, phase, reload):  # type: ignore[no-untyped-def]
            return "release freeze" if phase is ReloadPhase.PREPARE else None

    class Broken:
        @hookimpl
        def fusabi_reload(self, phase, reload):  # type: ignore[no-untyped-def]
            if phase is ReloadPhase.PREPARE:
                raise RuntimeError("observer bug")

    code = "let mutable started = 0\nlet init () = started <- started + 1\nlet get () = started\n"
    path = write_plugin(tmp_path, "svc", code)
    handle = runtime.load_manifest(path)
    runtime.manager.register(Freeze(), name="freeze")
    runtime.manager.register(Broken(), name="broken")
    (path.parent / "main.fsx").write_text(code.replace("+ 1", "+ 100"), encoding="utf-8")
    with pytest.raises(ReloadVetoed) as vetoed:
        runtime.reload("svc")
    assert vetoed.value.hook in {"freeze", "broken"}
    assert "release freeze" in str(vetoed.value) and "observer bug" in str(vetoed.value)
    assert handle.call("get") == 1 and handle.state is LifecycleState.RUNNING
    assert handle.reload_count == 0


def test_compile_errors_reach_the_error_event_with_their_place(
    tmp_path: Path, runtime: PluginRuntime
) -> None:
    path = write_plugin(tmp_path, "calc", "let answer () = 1\n")
    runtime.load_manifest(path)
    errors: list[Any] = []
    runtime.on_event(lambda e: errors.append(e) if e.event_name == "error" else None)
    (path.parent / "main.fsx").write_text("let answer () = 1\nlet broken = (\n", "utf-8")
    with pytest.raises(CompileError):
        runtime.reload("calc")
    details = errors[-1].details
    assert details["stage"] == "reload" and details["file"].endswith("main.fsx")
    assert details["line"] >= 2 and details["column"] >= 1
    assert runtime.call("calc", "answer") == 1
    handle = runtime.registry.require("calc")
    assert handle.info().error is not None and handle.info().error.startswith("reload failed")
    (path.parent / "main.fsx").write_text("let answer () = 3\n", "utf-8")
    runtime.reload("calc")
    assert handle.info().error is None  # a successful reload clears it


def test_functions_of_the_old_version_die_with_it(tmp_path: Path, runtime: PluginRuntime) -> None:
    path = write_plugin(tmp_path, "calc", "let adder n = fun x -> x + n\n")
    handle = runtime.load_manifest(path)
    add2 = handle.call("adder", 2)
    assert add2(1) == 3
    (path.parent / "main.fsx").write_text("let adder n = fun x -> x + n + 1\n", "utf-8")
    runtime.reload("calc")
    with pytest.raises(InvalidState):
        add2(1)
    assert handle.call("adder", 2)(1) == 4


def test_a_new_version_that_breaks_a_dependent_is_refused(
    tmp_path: Path, runtime: PluginRuntime
) -> None:
    base = write_dependent(tmp_path, "base", "1.0.0")
    app = write_dependent(tmp_path, "app", "1.0.0", (("base", "^1.0", False),))
    runtime.load_manifest(base)
    runtime.load_manifest(app)
    base.write_text(manifest_text("base", "2.0.0"), encoding="utf-8")
    with pytest.raises(DependencyError, match=r"would break 'app', which requires 'base' \^1\.0"):
        runtime.reload("base")
    assert runtime.registry.require("base").version == "1.0.0"
    # moving both in one batch works, dependencies first
    app.write_text(manifest_text("app", "1.1.0", (("base", "^2.0", False),)), encoding="utf-8")
    order: list[str] = []
    runtime.on_event(lambda e: order.append(e.plugin_name) if e.event_name == "reloaded" else None)
    assert runtime.reload_many(["app", "base"]) == {}
    assert order == ["base", "app"]
    assert runtime.registry.require("base").version == "2.0.0"


def test_a_new_version_whose_own_dependency_is_missing_is_refused(
    tmp_path: Path, runtime: PluginRuntime
) -> None:
    app = write_dependent(tmp_path, "app", "1.0.0")
    handle = runtime.load_manifest(app)
    app.write_text(manifest_text("app", "1.1.0", (("ghost", "^1", False),)), encoding="utf-8")
    with pytest.raises(DependencyError, match="ghost"):
        runtime.reload("app")
    assert handle.version == "1.0.0" and handle.call("answer") == 42


def test_many_threads_call_while_the_plugin_breaks_and_heals(
    tmp_path: Path, runtime: PluginRuntime
) -> None:
    path = write_plugin(tmp_path, "calc", "let answer () = 0\n")
    runtime.load_manifest(path)
    answer = runtime.function("calc", "answer")
    stop = threading.Event()
    failures: list[BaseException] = []
    results: list[int] = []

    def caller() -> None:
        while not stop.is_set():
            try:
                results.append(answer())
            except BaseException as exc:
                failures.append(exc)

    threads = [threading.Thread(target=caller, daemon=True) for _ in range(4)]
    for thread in threads:
        thread.start()
    source = path.parent / "main.fsx"
    for version in range(1, 31):
        broken = version % 3 == 0
        source.write_text("let answer () = (\n" if broken else f"let answer () = {version}\n")
        try:
            runtime.reload("calc")
        except CompileError:
            assert broken
    stop.set()
    for thread in threads:
        thread.join(WAIT)
    assert failures == []
    assert results and results == sorted(results)  # never an older version after a newer one
    assert runtime.call("calc", "answer") == 29


def test_an_unloaded_plugin_and_its_runtime_are_released_promptly(tmp_path: Path) -> None:
    path = write_plugin(tmp_path, "calc", "let answer x = x + 1\n")
    runtime = PluginRuntime(RuntimeConfig(autoload_extensions=False))
    handle = runtime.load_manifest(path)
    answer = handle.function("answer")
    for i in range(20_000):
        assert answer(i) == i + 1
    assert DEADLINES.active == 0  # nothing is kept per call
    instance = weakref.ref(handle.instance)  # type: ignore[arg-type]
    runtime.unload("calc")
    del handle, answer
    gc.collect()
    assert instance() is None
    alive = weakref.ref(runtime)
    runtime.shutdown()
    del runtime
    gc.collect()
    assert alive() is None


def test_a_failing_save_state_reaches_the_host_converted(
    tmp_path: Path, runtime: PluginRuntime
) -> None:
    source = (
        "exception Boom of int\n"
        "let mutable n = 1\n"
        "let saveState () = raise (Boom 3)\n"
        "let restoreState m = n <- m\n"
        "let get () = n\n"
    )
    path = write_plugin(tmp_path, "calc", source)
    handle = runtime.load_manifest(path)
    (path.parent / "main.fsx").write_text(source + "let extra () = 0\n", encoding="utf-8")
    with pytest.raises(FusabiRuntimeError) as failed:
        runtime.reload("calc")
    assert failed.value.exception == Variant("Boom", (3,))  # never a raw plugin value
    assert handle.call("get") == 1 and not handle.has_export("extra")
