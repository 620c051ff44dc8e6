"""Lifecycle events: exactly one per state change, delivered to the ``fusabi_event`` hook and
to ``on_event`` callbacks, with faulty receivers logged and skipped."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

import fusabi_host
from fusabi_host import (
    FusabiError,
    InvalidState,
    LifecycleEvent,
    LifecycleState,
    LoaderConfig,
    PluginRuntime,
    RuntimeConfig,
)

PLAIN = "let answer () = 42\n"
FAILING_INIT = """\
let mutable ready = false
let init () : unit = failwith "cannot reach the database"
let answer () = 42
"""
FAILING_CLEANUP = """\
let answer () = 42
let cleanup () : unit = failwith "cleanup exploded"
"""


def write_plugin(root: Path, name: str, code: str = PLAIN) -> Path:
    folder = root / name
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "plugin.toml").write_text(
        f'name = "{name}"\nversion = "1.2.3"\napi-version = "0.21.0"\nsource = "main.fsx"\n',
        encoding="utf-8",
    )
    (folder / "main.fsx").write_text(code, encoding="utf-8")
    return folder / "plugin.toml"


class Recorder:
    """A ``fusabi_event`` hook implementation."""

    def __init__(self, log: list[tuple[str, LifecycleEvent]] | None = None) -> None:
        self.log = log if log is not None else []

    @fusabi_host.hookimpl
    def fusabi_event(self, event: LifecycleEvent) -> None:
        self.log.append(("hook", event))


def make_runtime(*, auto_start: bool = True) -> PluginRuntime:
    return PluginRuntime(
        RuntimeConfig(loader=LoaderConfig(auto_start=auto_start), autoload_extensions=False)
    )


@pytest.fixture
def events() -> list[LifecycleEvent]:
    return []


@pytest.fixture
def runtime(events: list[LifecycleEvent]):
    with make_runtime() as rt:
        rt.on_event(events.append)
        yield rt


@pytest.fixture
def manual(events: list[LifecycleEvent]):
    """A runtime that does not start plugins on load."""
    with make_runtime(auto_start=False) as rt:
        rt.on_event(events.append)
        yield rt


def names(events: list[LifecycleEvent], plugin: str | None = None) -> list[str]:
    return [e.event_name for e in events if plugin is None or e.plugin_name == plugin]


# ---------------------------------------------------------------------- one event per change


def test_every_transition_emits_exactly_one_event(tmp_path, runtime, events):
    runtime.load(write_plugin(tmp_path, "calc"))
    assert names(events) == ["created", "initialized", "started"]
    runtime.stop("calc")
    runtime.start("calc")
    runtime.stop("calc")
    runtime.reload("calc")  # a stopped plugin stays stopped
    runtime.start("calc")
    runtime.reload("calc")  # a running one stays running
    runtime.unload("calc")
    assert names(events) == [
        "created",
        "initialized",
        "started",
        "stopped",
        "started",
        "stopped",
        "reloaded",
        "started",
        "reloaded",
        "unloaded",
    ]
    assert {e.plugin_name for e in events} == {"calc"}


def test_event_details(tmp_path, runtime, events):
    path = write_plugin(tmp_path, "calc")
    runtime.load(path)
    runtime.reload("calc")
    runtime.reload("calc")
    created = events[0]
    assert created.details["version"] == "1.2.3"
    assert created.details["entry"] == str(path.parent / "main.fsx")
    reloads = [e for e in events if e.event_name == "reloaded"]
    assert [e.details["reload_count"] for e in reloads] == [1, 2]
    assert [e.details["trigger"] for e in reloads] == ["manual", "manual"]
    stamps = [e.timestamp for e in events]
    assert stamps == sorted(stamps)


def test_without_auto_start_loading_stops_at_initialized(tmp_path, manual, events):
    handle = manual.load(write_plugin(tmp_path, "calc"))
    assert names(events) == ["created", "initialized"]
    assert handle.state is LifecycleState.INITIALIZED
    manual.start("calc")
    assert names(events) == ["created", "initialized", "started"]


def test_unloading_a_running_plugin_is_one_event(tmp_path, runtime, events):
    handle = runtime.load(write_plugin(tmp_path, "calc"))
    del events[:]
    runtime.unload("calc")
    handle.unload()  # already unloaded: nothing happens
    assert names(events) == ["unloaded"]


def test_refused_transitions_emit_nothing(tmp_path, runtime, events):
    runtime.load(write_plugin(tmp_path, "calc"))
    del events[:]
    with pytest.raises(InvalidState):
        runtime.start("calc")  # already running
    runtime.stop("calc")
    with pytest.raises(InvalidState):
        runtime.stop("calc")  # already stopped
    with pytest.raises(InvalidState):
        runtime.call("calc", "answer")
    assert names(events) == ["stopped"]


def test_shutdown_stops_then_unloads_every_plugin(tmp_path, events):
    with make_runtime() as rt:
        rt.on_event(events.append)
        rt.load(write_plugin(tmp_path, "one"))
        rt.load(write_plugin(tmp_path, "two"))
        rt.stop("two")
        del events[:]
    assert names(events, "one") == ["stopped", "unloaded"]
    assert names(events, "two") == ["unloaded"]


# ---------------------------------------------------------------------- failures


def test_a_failing_init_leaves_the_plugin_failed_with_the_error_recorded(tmp_path, manual, events):
    handle = manual.load(write_plugin(tmp_path, "db", FAILING_INIT))
    del events[:]
    with pytest.raises(FusabiError, match="cannot reach the database"):
        manual.start("db")
    assert names(events) == ["error"]
    assert events[0].details["stage"] == "init"
    assert "cannot reach the database" in events[0].details["error"]
    assert handle.state is LifecycleState.FAILED
    assert manual.get("db") is handle
    assert handle.error is not None
    assert "cannot reach the database" in handle.error
    info = handle.info()
    assert info.state is LifecycleState.FAILED
    assert info.error == handle.error
    with pytest.raises(InvalidState):
        manual.call("db", "answer")


def test_a_failed_plugin_recovers_through_reload(tmp_path, manual, events):
    path = write_plugin(tmp_path, "db", FAILING_INIT)
    handle = manual.load(path)
    with pytest.raises(FusabiError):
        manual.start("db")
    (path.parent / "main.fsx").write_text(PLAIN, encoding="utf-8")
    del events[:]
    manual.reload("db")
    assert names(events) == ["reloaded"]
    assert handle.state is LifecycleState.INITIALIZED
    assert handle.error is None
    assert handle.info().error is None
    manual.start("db")
    assert manual.call("db", "answer") == 42
    assert names(events) == ["reloaded", "started"]


def test_retrying_a_failed_start_runs_the_top_level_again(tmp_path, manual, events):
    handle = manual.load(write_plugin(tmp_path, "db", FAILING_INIT))
    with pytest.raises(FusabiError):
        manual.start("db")
    del events[:]
    with pytest.raises(FusabiError):
        manual.start("db")
    assert names(events) == ["initialized", "error"]
    assert handle.state is LifecycleState.FAILED


def test_a_failing_init_during_load_unloads_the_plugin(tmp_path, runtime, events):
    with pytest.raises(FusabiError, match="cannot reach the database"):
        runtime.load(write_plugin(tmp_path, "db", FAILING_INIT))
    assert names(events) == ["created", "initialized", "error", "unloaded"]
    assert not runtime.has_plugin("db")


def test_a_failing_top_level(tmp_path, runtime, events):
    code = 'let settings : int = failwith "no settings"\nlet answer () = settings\n'
    with pytest.raises(FusabiError, match="no settings"):
        runtime.load(write_plugin(tmp_path, "cfg", code))
    assert names(events) == ["created", "error", "unloaded"]
    assert events[1].details["stage"] == "initialize"


def test_a_plugin_that_does_not_compile_is_one_error_event(tmp_path, runtime, events):
    with pytest.raises(FusabiError):
        runtime.load(write_plugin(tmp_path, "broken", "let answer () = 1 +\n"))
    assert names(events) == ["error"]
    assert events[0].plugin_name == "broken"
    assert events[0].details["stage"] == "load"


def test_a_failing_cleanup_is_reported_and_the_plugin_stops_anyway(tmp_path, runtime, events):
    handle = runtime.load(write_plugin(tmp_path, "leaky", FAILING_CLEANUP))
    del events[:]
    runtime.stop("leaky")
    assert names(events) == ["error", "stopped"]
    assert events[0].details["stage"] == "cleanup"
    assert handle.state is LifecycleState.STOPPED
    assert "cleanup exploded" in (handle.info().error or "")


def test_a_failed_reload_is_an_error_event_and_keeps_the_old_version(tmp_path, runtime, events):
    path = write_plugin(tmp_path, "calc")
    handle = runtime.load(path)
    (path.parent / "main.fsx").write_text("let answer () = \n", encoding="utf-8")
    del events[:]
    with pytest.raises(FusabiError):
        runtime.reload("calc")
    assert names(events) == ["error"]
    assert events[0].details["stage"] == "reload"
    assert handle.state is LifecycleState.RUNNING
    assert runtime.call("calc", "answer") == 42


# ---------------------------------------------------------------------- delivery


def test_events_reach_the_hook_before_the_callbacks(tmp_path):
    log: list[tuple[str, LifecycleEvent]] = []
    with make_runtime() as rt:
        rt.manager.register(Recorder(log), name="x")
        rt.on_event(lambda e: log.append(("callback", e)))
        rt.load(write_plugin(tmp_path, "calc"))
        rt.stop("calc")
    hook = [e for who, e in log if who == "hook"]
    callback = [e for who, e in log if who == "callback"]
    assert names(hook) == ["created", "initialized", "started", "stopped", "unloaded"]
    assert callback == hook  # the same event objects
    assert all(a is b for a, b in zip(hook, callback, strict=True))
    assert [who for who, _ in log] == ["hook", "callback"] * len(hook)


def test_a_hook_registered_later_sees_only_later_events(tmp_path, runtime):
    runtime.load(write_plugin(tmp_path, "calc"))
    recorder = Recorder()
    runtime.manager.register(recorder, name="late")
    runtime.stop("calc")
    assert [(who, e.event_name) for who, e in recorder.log] == [("hook", "stopped")]
    runtime.manager.unregister("late")
    runtime.start("calc")
    assert len(recorder.log) == 1


def test_hooks_of_another_runtime_see_nothing(tmp_path):
    other = Recorder()
    with make_runtime() as first, make_runtime() as second:
        second.manager.register(other, name="x")
        first.load(write_plugin(tmp_path, "calc"))
    assert other.log == []


def test_a_raising_callback_is_logged_and_the_others_still_get_the_event(tmp_path, runtime, caplog):
    before: list[str] = []
    after: list[str] = []
    runtime.on_event(lambda e: before.append(e.event_name))

    def broken(event: LifecycleEvent) -> None:
        raise RuntimeError(f"receiver bug on {event.event_name}")

    runtime.on_event(broken)
    runtime.on_event(lambda e: after.append(e.event_name))
    with caplog.at_level(logging.ERROR, logger="fusabi_host.events"):
        runtime.load(write_plugin(tmp_path, "calc"))
    assert before == after == ["created", "initialized", "started"]
    records = [r for r in caplog.records if r.name == "fusabi_host.events"]
    assert len(records) == 3
    assert all(r.exc_info and isinstance(r.exc_info[1], RuntimeError) for r in records)
    assert "receiver bug on created" in str(records[0].exc_info[1])
    assert runtime.get("calc").state is LifecycleState.RUNNING


def test_a_raising_hook_is_logged_and_the_callbacks_still_get_the_event(tmp_path, caplog):
    class Broken:
        @fusabi_host.hookimpl
        def fusabi_event(self, event: LifecycleEvent) -> None:
            raise ValueError("hook bug")

    received: list[str] = []
    with make_runtime() as rt:
        rt.manager.register(Broken(), name="broken")
        rt.on_event(lambda e: received.append(e.event_name))
        with caplog.at_level(logging.ERROR, logger="fusabi_host.manager"):
            rt.load(write_plugin(tmp_path, "calc"))
        assert received == ["created", "initialized", "started"]
        failures = [r for r in caplog.records if r.exc_info and "hook bug" in str(r.exc_info[1])]
        assert len(failures) == 3
        assert all("'broken'" in r.getMessage() for r in failures)
        assert rt.call("calc", "answer") == 42
        # the runtime's own metrics (another fusabi_event implementation) still count
        assert rt.metrics().loads == 1


def test_unsubscribe(tmp_path, runtime):
    kept: list[str] = []
    dropped: list[str] = []
    runtime.on_event(lambda e: kept.append(e.event_name))
    unsubscribe = runtime.on_event(lambda e: dropped.append(e.event_name))
    runtime.load(write_plugin(tmp_path, "calc"))
    unsubscribe()
    unsubscribe()  # twice is harmless
    runtime.stop("calc")
    assert dropped == ["created", "initialized", "started"]
    assert kept == ["created", "initialized", "started", "stopped"]


def test_a_callback_may_unsubscribe_itself_while_receiving(tmp_path, runtime):
    seen: list[str] = []

    def once(event: LifecycleEvent) -> None:
        seen.append(event.event_name)
        unsubscribe()

    unsubscribe = runtime.on_event(once)
    runtime.load(write_plugin(tmp_path, "calc"))
    assert seen == ["created"]


def test_a_callback_subscribed_while_receiving_gets_the_next_events(tmp_path, runtime):
    late: list[str] = []
    subscribed: list[bool] = []

    def subscriber(event: LifecycleEvent) -> None:
        if not subscribed:
            subscribed.append(True)
            runtime.on_event(lambda e: late.append(e.event_name))

    runtime.on_event(subscriber)
    runtime.load(write_plugin(tmp_path, "calc"))
    assert late == ["initialized", "started"]


def test_only_callables_can_subscribe(runtime):
    with pytest.raises(TypeError, match="callable"):
        runtime.on_event("print")  # type: ignore[arg-type]


def test_unsubscribing_one_of_two_identical_subscriptions_keeps_the_other(tmp_path, runtime):
    seen: list[str] = []

    def callback(event: LifecycleEvent) -> None:
        seen.append(event.event_name)

    unsubscribe_first = runtime.on_event(callback)
    runtime.on_event(callback)
    runtime.load(write_plugin(tmp_path, "calc"))
    assert seen == ["created", "created", "initialized", "initialized", "started", "started"]
    del seen[:]
    unsubscribe_first()
    runtime.stop("calc")
    assert seen == ["stopped"]
