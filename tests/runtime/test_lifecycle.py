"""Lifecycle: states, legal and illegal transitions, init and cleanup exports (observed
through a real file the plugin writes with a granted fs:write)."""

from __future__ import annotations

from pathlib import Path

import pytest

from fusabi_host import (
    Capabilities,
    EngineConfig,
    FusabiRuntimeError,
    InvalidState,
    LifecycleState,
    LoaderConfig,
    PluginRuntime,
    RuntimeConfig,
)
from tests.runtime.test_loader import write_plugin


def journaling_plugin(tmp_path: Path, name: str = "journal", init_body: str = "()") -> Path:
    """A plugin whose init and cleanup append to a journal file the test reads."""
    log = tmp_path / f"{name}.log"
    code = f"""\
let note (text: string) = File.appendLine "{log}" text
let init () =
    note "init"
    {init_body}
let cleanup () = note "cleanup"
let hello () = "hi"
"""
    return write_plugin(tmp_path, name, code, extra='capabilities = ["fs:write"]')


def journal(tmp_path: Path, name: str = "journal") -> list[str]:
    path = tmp_path / f"{name}.log"
    return path.read_text(encoding="utf-8").split() if path.exists() else []


def runtime_for(tmp_path: Path, *, auto_start: bool = True) -> PluginRuntime:
    offered = Capabilities.safe_defaults().with_(f"fs:write={tmp_path}")
    return PluginRuntime(
        RuntimeConfig(
            loader=LoaderConfig(engine=EngineConfig(capabilities=offered), auto_start=auto_start),
            autoload_extensions=False,
        )
    )


def test_full_lifecycle_runs_init_and_cleanup(tmp_path: Path) -> None:
    runtime = runtime_for(tmp_path, auto_start=False)
    events: list[str] = []
    runtime.on_event(lambda e: events.append(e.event_name))
    handle = runtime.load_manifest(journaling_plugin(tmp_path))
    assert handle.state is LifecycleState.INITIALIZED and journal(tmp_path) == []
    runtime.start("journal")
    assert handle.state is LifecycleState.RUNNING and journal(tmp_path) == ["init"]
    runtime.stop("journal")
    assert handle.state is LifecycleState.STOPPED
    assert journal(tmp_path) == ["init", "cleanup"]
    runtime.start("journal")
    runtime.unload("journal")
    assert handle.state is LifecycleState.UNLOADED
    assert journal(tmp_path) == ["init", "cleanup", "init", "cleanup"]
    assert not runtime.has_plugin("journal")
    assert events == [
        "created",
        "initialized",
        "started",
        "stopped",
        "started",
        "unloaded",
    ]


def test_shutdown_runs_cleanup_of_every_running_plugin(tmp_path: Path) -> None:
    with runtime_for(tmp_path) as runtime:
        runtime.load_manifest(journaling_plugin(tmp_path, "one"))
        runtime.load_manifest(journaling_plugin(tmp_path, "two"))
        handles = runtime.plugins()
    assert journal(tmp_path, "one") == ["init", "cleanup"]
    assert journal(tmp_path, "two") == ["init", "cleanup"]
    assert all(h.state is LifecycleState.UNLOADED for h in handles)
    runtime.shutdown()  # idempotent


@pytest.mark.parametrize(
    ("operation", "state"),
    [("stop", LifecycleState.INITIALIZED), ("start", LifecycleState.RUNNING)],
)
def test_invalid_transitions_raise_invalid_state(
    tmp_path: Path, operation: str, state: LifecycleState
) -> None:
    with runtime_for(tmp_path, auto_start=state is LifecycleState.RUNNING) as runtime:
        handle = runtime.load_manifest(journaling_plugin(tmp_path))
        assert handle.state is state
        with pytest.raises(InvalidState) as info:
            getattr(handle, operation)()
        assert info.value.state is state
        assert handle.state is state  # nothing changed


def test_nothing_is_possible_after_unload(tmp_path: Path) -> None:
    with runtime_for(tmp_path) as runtime:
        handle = runtime.load_manifest(journaling_plugin(tmp_path))
        handle.unload()
        for operation in (
            handle.start,
            handle.stop,
            handle.initialize,
            lambda: handle.call("hello"),
        ):
            with pytest.raises(InvalidState):
                operation()
        handle.unload()  # a second unload is harmless


def test_failing_init_on_restart_leaves_the_plugin_failed(tmp_path: Path) -> None:
    flag = tmp_path / "fail-next-init"
    body = f'if File.exists "{flag}" then failwith "init refused"'
    code_path = journaling_plugin(tmp_path, init_body=body)
    offered = Capabilities.safe_defaults().with_(f"fs:write={tmp_path}", f"fs:read={tmp_path}")
    (code_path.parent / "plugin.toml").write_text(
        (code_path.parent / "plugin.toml")
        .read_text(encoding="utf-8")
        .replace('["fs:write"]', '["fs:write", "fs:read"]'),
        encoding="utf-8",
    )
    config = RuntimeConfig(
        loader=LoaderConfig(engine=EngineConfig(capabilities=offered)), autoload_extensions=False
    )
    with PluginRuntime(config) as runtime:
        errors: list[str] = []
        runtime.on_event(
            lambda e: errors.append(e.details["error"]) if e.event_name == "error" else None
        )
        handle = runtime.load_manifest(code_path)
        runtime.stop("journal")
        flag.write_text("x", encoding="utf-8")
        with pytest.raises(FusabiRuntimeError, match="init refused"):
            runtime.start("journal")
        assert handle.state is LifecycleState.FAILED
        assert handle.error is not None and "init refused" in handle.error
        assert handle.info().error == handle.error
        assert len(errors) == 1 and "init refused" in errors[0]
        with pytest.raises(InvalidState):
            handle.call("hello")
        flag.unlink()
        runtime.start("journal")  # a failed plugin can be started again (fresh instance)
        assert handle.state is LifecycleState.RUNNING
        assert handle.call("hello") == "hi"


def test_failing_cleanup_is_reported_but_the_plugin_stops(tmp_path: Path) -> None:
    code = 'let cleanup () = failwith "cleanup broke"\nlet ping () = 1\n'
    with PluginRuntime(RuntimeConfig(autoload_extensions=False)) as runtime:
        events: list[str] = []
        runtime.on_event(lambda e: events.append(e.event_name))
        handle = runtime.load_manifest(write_plugin(tmp_path, "messy", code))
        runtime.stop("messy")
        assert handle.state is LifecycleState.STOPPED
        assert events[-2:] == ["error", "stopped"]
        assert handle.error is not None and "cleanup broke" in handle.error


def test_start_all_and_stop_all_report_failures_by_name(tmp_path: Path) -> None:
    with PluginRuntime(
        RuntimeConfig(loader=LoaderConfig(auto_start=False), autoload_extensions=False)
    ) as runtime:
        runtime.load_manifest(write_plugin(tmp_path, "good", "let ping () = 1\n"))
        runtime.load_manifest(write_plugin(tmp_path, "bad", 'let init () = failwith "nope"\n'))
        failures = runtime.start_all()
        assert list(failures) == ["bad"]
        assert isinstance(failures["bad"], FusabiRuntimeError)
        assert [h.name for h in runtime.running()] == ["good"]
        assert runtime.stop_all() == {}
        assert runtime.running() == []
        assert runtime.stats().by_state["stopped"] == 1
        assert runtime.stats().failed == 1
