"""Reloading: new code replaces old only when everything about it worked; otherwise the old
version keeps serving.  Observers of fusabi_reload see each phase and may veto."""

from __future__ import annotations

from pathlib import Path

import pytest

from fusabi_host import (
    CompileError,
    FusabiRuntimeError,
    InvalidState,
    LifecycleState,
    ManifestError,
    PluginRuntime,
    RuntimeConfig,
    hookimpl,
)
from fusabi_host.errors import ReloadVetoed
from fusabi_host.hooktypes import ReloadPhase
from tests.runtime.test_loader import write_plugin


@pytest.fixture
def runtime():  # type: ignore[no-untyped-def]
    runtime = PluginRuntime(RuntimeConfig(autoload_extensions=False))
    yield runtime
    runtime.shutdown()


def test_reload_picks_up_new_code_and_counts(tmp_path: Path, runtime: PluginRuntime) -> None:
    path = write_plugin(tmp_path, "calc", "let answer () = 1\n")
    events: list[str] = []
    runtime.on_event(lambda e: events.append(e.event_name))
    handle = runtime.load_manifest(path)
    before = handle.info()
    (path.parent / "main.fsx").write_text("let answer () = 2\nlet extra () = 3\n", encoding="utf-8")
    assert runtime.reload("calc") is handle
    assert handle.call("answer") == 2 and handle.call("extra") == 3
    info = handle.info()
    assert info.reload_count == 1 and info.last_reload is not None
    assert "extra" not in before.exports and "extra" in info.exports  # (the new code's)
    assert info.id == before.id and info.loaded_at == before.loaded_at
    assert handle.state is LifecycleState.RUNNING
    assert events[-1] == "reloaded"


def test_a_broken_new_version_keeps_the_old_one_serving(
    tmp_path: Path, runtime: PluginRuntime
) -> None:
    path = write_plugin(
        tmp_path, "calc", "let mutable n = 0\nlet bump () =\n    n <- n + 1\n    n\n"
    )
    bump = runtime.load_manifest(path).function("bump")
    assert bump() == 1
    source = path.parent / "main.fsx"
    for broken, error in [
        ("let bump () = (\n", CompileError),
        ('let x = failwith "top"\nlet bump () = 0\n', FusabiRuntimeError),
        ('let init () = failwith "init"\nlet bump () = 0\n', FusabiRuntimeError),
    ]:
        source.write_text(broken, encoding="utf-8")
        with pytest.raises(error):
            runtime.reload("calc")
        assert runtime.get("calc").state is LifecycleState.RUNNING  # type: ignore[union-attr]
    assert bump() == 2  # same instance, state intact
    path.write_text(path.read_text(encoding="utf-8").replace('"calc"', '"renamed"'), "utf-8")
    source.write_text("let bump () = 100\n", encoding="utf-8")
    with pytest.raises(ManifestError, match="cannot rename"):
        runtime.reload("calc")
    assert bump() == 3


def test_reload_runs_cleanup_of_the_old_and_init_of_the_new(
    tmp_path: Path, runtime: PluginRuntime
) -> None:
    code = "let mutable started = 0\nlet init () = started <- 7\nlet get () = started\n"
    path = write_plugin(tmp_path, "svc", code)
    handle = runtime.load_manifest(path)
    assert handle.call("get") == 7
    (path.parent / "main.fsx").write_text(code.replace("7", "8"), encoding="utf-8")
    handle.reload()
    assert handle.call("get") == 8


def test_reload_observers_see_phases_and_can_veto(tmp_path: Path, runtime: PluginRuntime) -> None:
    phases: list[tuple[str, str | None]] = []

    class Gatekeeper:
        veto = False

        @hookimpl
        def fusabi_reload(self, phase, reload):  # type: ignore[no-untyped-def]
            phases.append((phase.value, reload.error))
            if phase is ReloadPhase.PREPARE and self.veto:
                return "frozen for the release"
            return None

    gatekeeper = Gatekeeper()
    runtime.manager.register(gatekeeper, name="gatekeeper")
    path = write_plugin(tmp_path, "calc", "let answer () = 1\n")
    runtime.load_manifest(path)
    (path.parent / "main.fsx").write_text("let answer () = 2\n", encoding="utf-8")
    gatekeeper.veto = True
    with pytest.raises(ReloadVetoed, match="frozen for the release") as vetoed:
        runtime.reload("calc")
    assert vetoed.value.hook == "gatekeeper" and vetoed.value.reason == "frozen for the release"
    assert runtime.call("calc", "answer") == 1
    gatekeeper.veto = False
    runtime.reload("calc")
    assert runtime.call("calc", "answer") == 2
    assert [p for p, _ in phases] == ["prepare", "rollback", "prepare", "commit"]
    assert phases[1][1] is not None and "frozen" in phases[1][1]


def test_reload_all_reports_failures_and_keeps_the_rest(
    tmp_path: Path, runtime: PluginRuntime
) -> None:
    good = write_plugin(tmp_path, "good", "let v () = 1\n")
    bad = write_plugin(tmp_path, "bad", "let v () = 1\n")
    runtime.load_manifest(good)
    runtime.load_manifest(bad)
    (good.parent / "main.fsx").write_text("let v () = 2\n", encoding="utf-8")
    (bad.parent / "main.fsx").write_text("let v () = (\n", encoding="utf-8")
    failures = runtime.reload_all()
    assert list(failures) == ["bad"] and isinstance(failures["bad"], CompileError)
    assert runtime.call("good", "v") == 2 and runtime.call("bad", "v") == 1
    metrics = runtime.metrics()
    assert metrics.reloads == 1
    assert metrics.plugins["bad"].errors == 1


def test_unloaded_plugins_cannot_reload(tmp_path: Path, runtime: PluginRuntime) -> None:
    handle = runtime.load_manifest(write_plugin(tmp_path, "gone", "let v () = 1\n"))
    runtime.unload("gone")
    with pytest.raises(InvalidState):
        handle.reload()
