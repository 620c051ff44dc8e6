"""Hot reload of a runtime (fusabi_host.hotreload): real files, real watchdog (and polling)
events, real threads.  Tests wait for an outcome with a deadline; none asserts a duration."""

from __future__ import annotations

import os
import shutil
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from fusabi_host import (
    FusabiError,
    LifecycleEvent,
    PluginRuntime,
    RuntimeConfig,
    WatchConfig,
)
from tests.runtime.test_loader import write_plugin

DEBOUNCE = 0.05
WAIT = 10.0


def eventually(check: Callable[[], Any], what: str, timeout: float = WAIT) -> Any:
    """Poll *check* until it returns something truthy; fail naming *what* after *timeout*."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            result = check()
        except FusabiError:
            result = None
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.01)


class Recorder:
    """Lifecycle events as ``plugin:event`` strings, and the events themselves."""

    def __init__(self, runtime: PluginRuntime) -> None:
        self.events: list[LifecycleEvent] = []
        runtime.on_event(self.events.append)

    def names(self, plugin: str) -> list[str]:
        return [e.event_name for e in self.events if e.plugin_name == plugin]

    def errors(self, plugin: str) -> list[LifecycleEvent]:
        return [e for e in self.events if e.plugin_name == plugin and e.event_name == "error"]


@pytest.fixture
def plugins(tmp_path: Path) -> Path:
    folder = tmp_path / "plugins"
    folder.mkdir()
    return folder


def make_runtime(plugins: Path, **watch: Any) -> PluginRuntime:
    return PluginRuntime(
        RuntimeConfig(
            plugin_dirs=[plugins],
            autoload_extensions=watch.pop("autoload", False),
            watch=WatchConfig(debounce=DEBOUNCE, **watch),
        )
    )


@pytest.fixture
def runtime(plugins: Path) -> Iterator[PluginRuntime]:
    runtime = make_runtime(plugins)
    yield runtime
    runtime.shutdown()


def answer_is(runtime: PluginRuntime, plugin: str, expected: object) -> Callable[[], bool]:
    return lambda: runtime.call(plugin, "answer") == expected


def test_an_edit_is_picked_up_and_a_broken_one_refused(
    plugins: Path, runtime: PluginRuntime
) -> None:
    manifest = write_plugin(plugins, "calc", "let answer () = 1\n")
    runtime.discover()
    events = Recorder(runtime)
    runtime.watch()
    source = manifest.parent / "main.fsx"
    source.write_text("let answer () = 2\n", encoding="utf-8")
    eventually(answer_is(runtime, "calc", 2), "the edit")
    source.write_text("let answer () = 3\nlet oops = (\n", encoding="utf-8")
    error = eventually(lambda: events.errors("calc"), "the error event")[-1]
    assert error.details["stage"] == "reload" and error.details["trigger"] == "watch"
    assert error.details["file"] == str(source) and error.details["line"] >= 2
    assert runtime.call("calc", "answer") == 2  # the old version keeps answering
    source.write_text("let answer () = 4\n", encoding="utf-8")
    eventually(answer_is(runtime, "calc", 4), "the healing edit")
    reloaded = [e for e in events.events if e.event_name == "reloaded"]
    assert reloaded and all(e.details["trigger"] == "watch" for e in reloaded)


def test_an_atomic_save_by_rename_is_picked_up(plugins: Path, runtime: PluginRuntime) -> None:
    manifest = write_plugin(plugins, "calc", "let answer () = 1\n")
    runtime.discover()
    runtime.watch()
    temporary = manifest.parent / ".main.fsx.tmp123"
    temporary.write_text("let answer () = 2\n", encoding="utf-8")
    os.replace(temporary, manifest.parent / "main.fsx")
    eventually(answer_is(runtime, "calc", 2), "the renamed-over file")


def test_new_deleted_and_recreated_plugin_folders(plugins: Path, runtime: PluginRuntime) -> None:
    runtime.watch()
    events = Recorder(runtime)
    write_plugin(plugins, "fresh", "let answer () = 1\n")
    eventually(answer_is(runtime, "fresh", 1), "the new plugin to load")
    assert events.names("fresh")[:3] == ["created", "initialized", "started"]
    shutil.rmtree(plugins / "fresh")
    eventually(lambda: not runtime.has_plugin("fresh"), "the deleted plugin to unload")
    assert events.names("fresh")[-2:] == ["stopped", "unloaded"]
    write_plugin(plugins, "fresh", "let answer () = 2\n")
    eventually(answer_is(runtime, "fresh", 2), "the re-created plugin to load")


def test_a_folder_that_is_not_a_plugin_yet_loads_once_it_is(
    plugins: Path, runtime: PluginRuntime
) -> None:
    runtime.watch()
    events = Recorder(runtime)
    folder = plugins / "later"
    folder.mkdir()
    (folder / "main.fsx").write_text("let answer () = 5\n", encoding="utf-8")
    time.sleep(DEBOUNCE * 4)
    assert not runtime.has_plugin("later") and not events.errors("later")
    write_plugin(plugins, "later", "let answer () = 5\n")
    eventually(answer_is(runtime, "later", 5), "the plugin once its manifest exists")


def test_bare_scripts_and_their_loaded_files(plugins: Path, runtime: PluginRuntime) -> None:
    script = plugins / "tool.fsx"
    (plugins / "lib").mkdir()
    helper = plugins / "lib" / "helper.fsx"
    helper.write_text("let base = 10\n", encoding="utf-8")
    script.write_text('#load "lib/helper.fsx"\nlet answer () = base + 1\n', encoding="utf-8")
    runtime.discover()
    runtime.watch()
    assert runtime.call("tool", "answer") == 11
    helper.write_text("let base = 20\n", encoding="utf-8")
    eventually(answer_is(runtime, "tool", 21), "the #load-ed file's edit")
    script.unlink()
    eventually(lambda: not runtime.has_plugin("tool"), "the deleted script to unload")


def test_plugins_loaded_from_elsewhere_are_watched_too(tmp_path: Path, plugins: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    with make_runtime(plugins) as runtime:
        manifest = write_plugin(elsewhere, "solo", "let answer () = 1\n")
        runtime.watch()
        runtime.load_manifest(manifest)  # loaded after watching started
        (manifest.parent / "main.fsx").write_text("let answer () = 2\n", encoding="utf-8")
        eventually(answer_is(runtime, "solo", 2), "the edit")
        shutil.rmtree(manifest.parent)
        eventually(lambda: not runtime.has_plugin("solo"), "the deleted plugin to unload")
        write_plugin(elsewhere, "solo", "let answer () = 3\n")
        eventually(answer_is(runtime, "solo", 3), "the re-created plugin")


def test_hot_reload_from_the_config_and_stopping(plugins: Path) -> None:
    write_plugin(plugins, "calc", "let answer () = 1\n")
    runtime = PluginRuntime(
        RuntimeConfig(
            plugin_dirs=[plugins],
            autoload_extensions=False,
            hot_reload=True,
            watch=WatchConfig(debounce=DEBOUNCE),
        )
    )
    try:
        assert runtime.watching
        runtime.discover()
        source = plugins / "calc" / "main.fsx"
        source.write_text("let answer () = 2\n", encoding="utf-8")
        eventually(answer_is(runtime, "calc", 2), "the edit")
        runtime.stop_watching()
        assert not runtime.watching
        source.write_text("let answer () = 3\n", encoding="utf-8")
        time.sleep(DEBOUNCE * 6)
        assert runtime.call("calc", "answer") == 2
    finally:
        runtime.shutdown()
    assert not [t for t in threading.enumerate() if t.name == "fusabi-hot-reload"]


def test_the_contrib_polling_backend_drives_reloads(plugins: Path) -> None:
    write_plugin(plugins, "calc", "let answer () = 1\n")
    with make_runtime(plugins, backend="polling", poll_interval=0.05, autoload=True) as runtime:
        runtime.discover()
        assert runtime.watch().backend == "polling"
        source = plugins / "calc" / "main.fsx"
        source.write_text("let answer () = 2\n# a longer file, so its size changes\n")
        source.write_text("let answer () = 2\n", encoding="utf-8")
        eventually(answer_is(runtime, "calc", 2), "the polled edit")


def test_no_call_fails_while_files_change_break_and_heal(
    plugins: Path, runtime: PluginRuntime
) -> None:
    manifest = write_plugin(plugins, "calc", "let answer () = 0\n")
    runtime.discover()
    runtime.watch()
    answer = runtime.function("calc", "answer")
    stop = threading.Event()
    failures: list[BaseException] = []
    seen: list[int] = []

    def caller() -> None:
        while not stop.is_set():
            try:
                seen.append(answer())
            except BaseException as exc:
                failures.append(exc)

    callers = [threading.Thread(target=caller, daemon=True) for _ in range(3)]
    for thread in callers:
        thread.start()
    source = manifest.parent / "main.fsx"
    try:
        for version in range(1, 13):
            if version % 3 == 0:
                source.write_text("let answer () = (\n", encoding="utf-8")  # broken
                time.sleep(DEBOUNCE * 3)
            else:
                source.write_text(f"let answer () = {version}\n", encoding="utf-8")
                eventually(lambda v=version: seen and seen[-1] == v, f"version {version}")
    finally:
        stop.set()
        for thread in callers:
            thread.join(WAIT)
    assert failures == []
    assert seen == sorted(seen)
