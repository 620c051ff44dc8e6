"""Every hook is specified, documented and tested (the datasette rule), and each hook's
contract holds when called through the manager."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest

from fusabi_host import (
    Capabilities,
    LifecycleEvent,
    Manifest,
    WatchConfig,
    WatchEvent,
    WatchEventKind,
    hookimpl,
    hookspecs,
)
from fusabi_host.errors import ConfigError, Problem
from fusabi_host.hooktypes import (
    CallContext,
    EntryKind,
    GrantRequest,
    LoadRequest,
    ReloadPhase,
    ReloadTransaction,
)
from fusabi_host.manager import HOOK_NAMES, UNWRAPPED_HOOKS, HostPluginManager

REPO = Path(__file__).resolve().parents[1]
SPECS = {
    name: getattr(hookspecs, name)
    for name in dir(hookspecs)
    if name.startswith("fusabi_") and callable(getattr(hookspecs, name))
}


def test_the_seven_hooks():
    assert set(SPECS) == set(HOOK_NAMES)
    # derived from hookspecs.py, in the order the hooks are defined there
    assert HOOK_NAMES == (
        "fusabi_load",
        "fusabi_validate",
        "fusabi_grant",
        "fusabi_call",
        "fusabi_reload",
        "fusabi_event",
        "fusabi_watcher",
    )


@pytest.mark.parametrize("name", sorted(SPECS))
def test_hook_docs_say_whether_it_runs_wrappers(name):
    doc = " ".join((inspect.getdoc(SPECS[name]) or "").split())
    says_no = "This hook does not run wrappers" in doc and "PluginValidationError" in doc
    assert says_no == (name in UNWRAPPED_HOOKS)


@pytest.mark.parametrize("name", sorted(SPECS))
def test_hook_is_documented_in_its_spec(name):
    spec = SPECS[name]
    doc = inspect.getdoc(spec) or ""
    assert doc.splitlines()[0].endswith("."), "first line is a sentence"
    assert "Runs " in doc, "says when it runs"
    for parameter in inspect.signature(spec).parameters:
        assert f":param {parameter}:" in doc, f"documents {parameter}"
    firstresult = spec.fusabi_host_spec.get("firstresult", False)
    assert ("firstresult" in doc) == firstresult


@pytest.mark.parametrize("name", sorted(SPECS))
def test_hook_is_documented_in_the_docs(name):
    signature = f"{name}({', '.join(inspect.signature(SPECS[name]).parameters)})"
    text = (REPO / "docs" / "hooks.rst").read_text(encoding="utf-8")
    pattern = rf"^{re.escape(signature)}\n[-=~^]{{{len(signature)}}}$"
    assert re.search(pattern, text, re.MULTILINE), f"docs/hooks.rst needs a '{signature}' heading"


@pytest.mark.parametrize("name", sorted(SPECS))
def test_hook_has_a_test(name):
    tests = "".join(p.read_text(encoding="utf-8") for p in (REPO / "tests").rglob("test_*.py"))
    assert f"def test_hook_{name}" in tests


# ----------------------------------------------------------------------------- the hooks


def manager_with(*plugins: object) -> HostPluginManager:
    manager = HostPluginManager(autoload=False)
    for index, plugin in enumerate(plugins):
        manager.register(plugin, f"ext{index}")
    return manager


def test_hook_fusabi_load(tmp_path):
    class SpecialLoader:
        @hookimpl
        def fusabi_load(self, request):
            return ("loaded", request.name) if request.entry.suffix == ".special" else None

    class Decliner:
        @hookimpl
        def fusabi_load(self, request):
            return None

    manager = manager_with(SpecialLoader(), Decliner())
    request = LoadRequest(
        name="p", entry=tmp_path / "p.special", kind=EntryKind.SOURCE, plugin_dir=tmp_path
    )
    assert manager.load(request) == ("loaded", "p")  # first non-None result wins
    other = LoadRequest(
        name="q", entry=tmp_path / "q.txt", kind=EntryKind.SOURCE, plugin_dir=tmp_path
    )
    assert manager.load(other) is None


def test_hook_fusabi_validate(make_plugin):
    class NeedsLicence:
        @hookimpl
        def fusabi_validate(self, manifest):
            return [] if manifest.license else [Problem("$.license", "a licence is required")]

    class Crashes:
        @hookimpl
        def fusabi_validate(self, manifest, plugin_dir):
            raise RuntimeError("validator bug")

    path = make_plugin("needs", code="")
    (path.parent / "main.fsx").unlink()
    manifest = Manifest.from_file(path)
    problems = manager_with(NeedsLicence(), Crashes()).validate(manifest, path.parent)
    messages = sorted(str(p) for p in problems)
    assert messages == [
        "$.license: a licence is required",
        f"$.source: file 'main.fsx' does not exist in {path.parent}",
        "$: validator 'ext1' failed: validator bug",
    ]


def test_hook_fusabi_grant():
    class NoTime:
        @hookimpl
        def fusabi_grant(self, request):
            return request.requested.without("time:read")

    manager = manager_with(NoTime())
    request = GrantRequest(
        plugin="p",
        requested=Capabilities.of("time:read", "random", "fs:read=/data"),
        offered=Capabilities.of("time:read", "random", "fs:read"),
    )
    decision = manager.grant(request)
    assert decision.granted == Capabilities.of("random", "fs:read=/data")
    assert [name for name, _ in decision.refused_by] == ["ext0"]


def test_hook_fusabi_call():
    seen: list[str] = []

    class Timing:
        @hookimpl(wrapper=True)
        def fusabi_call(self, call):
            seen.append(f"before {call.plugin}.{call.function}")
            result = yield
            seen.append(f"after {result}")
            return result * 2

    manager = manager_with(Timing())
    call = CallContext(plugin="p", function="add", args=(20, 1), target=lambda a, b: a + b)
    assert manager.call(call) == 42
    assert seen == ["before p.add", "after 21"]


def test_a_call_wrapper_registered_after_calls_sees_the_next_ones():
    """Without extensions a call skips pluggy's dispatch (only the core executor and the
    metrics recorder implement the hook); registering a wrapper puts it back on the path,
    and unregistering takes it off again."""
    from fusabi_host.metrics import MetricsRecorder

    seen: list[object] = []

    class Tracer:
        @hookimpl(wrapper=True)
        def fusabi_call(self, call):
            seen.append(call.args)
            return (yield)

    manager = HostPluginManager(autoload=False)
    recorder = MetricsRecorder()
    manager.register(recorder, name="recorder", kind="core")

    def call(n: int) -> object:
        return manager.call(
            CallContext(plugin="p", function="inc", args=(n,), target=lambda x: x + 1)
        )

    assert call(1) == 2
    manager.register(Tracer(), name="tracer")
    assert call(2) == 3
    manager.unregister("tracer")
    assert call(3) == 4
    assert seen == [(2,)]
    assert recorder.snapshot().calls["p"]["inc"].calls == 3


def test_hook_fusabi_reload():
    phases: list[str] = []

    class Gatekeeper:
        @hookimpl
        def fusabi_reload(self, phase, reload):
            phases.append(phase.value)
            if phase is ReloadPhase.PREPARE and reload.plugin == "frozen":
                return "frozen plugins are never reloaded"
            return None

    class Crashes:
        @hookimpl
        def fusabi_reload(self, phase):
            raise RuntimeError("observer bug")

    manager = manager_with(Gatekeeper(), Crashes())
    assert manager.reload(ReloadPhase.PREPARE, ReloadTransaction(plugin="frozen")) == [
        "'ext1': it failed: RuntimeError: observer bug",
        "'ext0': frozen plugins are never reloaded",
    ]
    assert manager.reload(ReloadPhase.COMMIT, ReloadTransaction(plugin="frozen")) == []
    assert phases == ["prepare", "commit"]


def test_hook_fusabi_event():
    received: list[str] = []

    class Crashes:
        @hookimpl
        def fusabi_event(self, event):
            raise RuntimeError("listener bug")

    class Listener:
        @hookimpl
        def fusabi_event(self, event):
            received.append(str(event))

    manager = manager_with(Listener(), Crashes())
    manager.event(LifecycleEvent(plugin_name="p", event_name="started"))
    assert received == ["p: started"]  # delivered although another listener failed


def test_hook_fusabi_watcher(tmp_path):
    class RecordingWatcher:
        name = "recording"
        fallback_reason = None

        def __init__(self, on_change):
            self.on_change = on_change

        def schedule(self, path, recursive):
            pass

        def unschedule(self, path):
            pass

        def start(self):
            pass

        def stop(self):
            pass

    class Recording:
        fusabi_watcher_name = "recording"

        @hookimpl
        def fusabi_watcher(self, config, on_change):
            return RecordingWatcher(on_change) if config.backend == "recording" else None

    received: list[WatchEvent] = []
    manager = manager_with(Recording())
    watcher = manager.create_watcher(WatchConfig(backend="recording"), received.append)
    assert isinstance(watcher, RecordingWatcher)  # the first non-None answer wins
    watcher.on_change(WatchEvent(WatchEventKind.CREATED, tmp_path / "a.fsx"))
    assert [event.kind for event in received] == [WatchEventKind.CREATED]

    # the core watchdog backend is trylast and answers to the default name
    assert manager.create_watcher(WatchConfig(), received.append).name == "watchdog"
    assert manager.watcher_names() == ["recording", "watchdog"]
    with pytest.raises(ConfigError, match=r"'nope' \(available backends: recording, watchdog\)"):
        manager.create_watcher(WatchConfig(backend="nope"), received.append)


def test_a_wrapper_registered_straight_with_pluggy_is_on_the_path_of_bound_functions(make_plugin):
    """An extension registered through the pluggy manager itself (not the facade), or a
    hook-call monitor, also puts pluggy back on the path of a bound function's next call."""
    from fusabi_host import PluginRuntime, RuntimeConfig

    seen: list[object] = []

    class Tracer:
        @hookimpl(wrapper=True)
        def fusabi_call(self, call):
            seen.append(call.args)
            return (yield)

    manifest = make_plugin("inc", code="let inc x = x + 1\n")
    runtime = PluginRuntime(RuntimeConfig(autoload_extensions=False))
    runtime.load(manifest)
    inc = runtime.function("inc", "inc")
    assert inc(1) == 2
    tracer = Tracer()
    runtime.manager.pm.register(tracer, name="tracer")
    assert inc(2) == 3
    runtime.manager.pm.unregister(tracer)
    assert inc(3) == 4
    monitored: list[str] = []
    undo = runtime.manager.pm.add_hookcall_monitoring(
        lambda name, impls, kwargs: monitored.append(name), lambda *a: None
    )
    assert inc(4) == 5
    undo()
    assert inc(5) == 6
    assert seen == [(2,)]
    assert monitored == ["fusabi_call"]
    assert runtime.metrics().calls["inc"]["inc"].calls == 5
