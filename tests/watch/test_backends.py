"""Choosing a watcher backend by name: the contrib stat poller through its real entry point, a
third-party watcher from a throw-away distribution, and an unknown name."""

from __future__ import annotations

import os
import threading

import pytest

from fusabi_host import ConfigError, PluginWatcher, WatchConfig, WatchEvent, WatchEventKind
from fusabi_host.manager import HostPluginManager
from fusabi_host_contrib.watchers import polling
from tests.fakedist import install_distribution
from tests.watch.conftest import MakeWatcher, Recorder

K = WatchEventKind
POLL = WatchConfig(backend="polling", poll_interval=0.05, debounce=0.05)


def test_the_contrib_poller_is_selected_by_name(tmp_path, make_watcher: MakeWatcher, recorder):
    watcher = make_watcher(POLL, manager=HostPluginManager())  # the installed entry point
    assert watcher.backend == "polling"
    watcher.on_change(recorder)
    watcher.watch(tmp_path)
    target = tmp_path / "a.fsx"

    target.write_text("let a = 1\n")
    [created] = recorder.wait_for_key(tmp_path)
    assert created == [WatchEvent(K.CREATED, target, key=tmp_path)]

    target.write_text("let a = 22\n")
    modified = recorder.wait_for_key(tmp_path, 2)[1]
    assert modified == [WatchEvent(K.MODIFIED, target, key=tmp_path)]

    target.rename(tmp_path / "b.fsx")
    renamed = recorder.wait_for_key(tmp_path, 3)[2]
    assert renamed == [WatchEvent(K.RENAMED, target, tmp_path / "b.fsx", key=tmp_path)]

    (tmp_path / "b.fsx").unlink()
    removed = recorder.wait_for_key(tmp_path, 4)[3]
    assert removed == [WatchEvent(K.REMOVED, tmp_path / "b.fsx", key=tmp_path)]

    (tmp_path / "plugin").mkdir()
    folder = recorder.wait_for_key(tmp_path, 5)[4]
    assert folder == [WatchEvent(K.CREATED, tmp_path / "plugin", key=tmp_path, is_directory=True)]


def test_the_poller_sees_an_atomic_save_as_a_rename(tmp_path):
    raw: list[WatchEvent] = []
    poller = polling.StatPoller(POLL, raw.append)
    target = tmp_path / "main.fsx"
    target.write_text("let v = 1\n")
    scratch = tmp_path / "main.fsx.tmp"
    scratch.write_text("let v = 2\n")
    poller.schedule(tmp_path, True)  # the scan sees the temporary file...
    os.replace(scratch, target)  # ...and the next one sees it in place of the real one
    poller.poll()
    assert raw == [WatchEvent(K.RENAMED, scratch, target)]


def test_the_poller_prunes_ignored_folders_and_is_bounded(tmp_path, monkeypatch, caplog):
    raw: list[WatchEvent] = []
    poller = polling.StatPoller(POLL, raw.append)
    poller.schedule(tmp_path, True)
    git = tmp_path / ".git" / "objects"
    git.mkdir(parents=True)
    poller.poll()
    assert raw == [WatchEvent(K.CREATED, tmp_path / ".git", is_directory=True)]
    (git / "ab12").write_bytes(b"blob")
    poller.poll()
    assert len(raw) == 1, ".git is never walked"

    monkeypatch.setattr(polling, "MAX_ENTRIES", 3)
    for index in range(5):
        (tmp_path / f"{index}.fsx").write_text("")
    poller.poll()
    new = raw[1:]
    assert len(new) <= 2 and all(event.kind is K.CREATED for event in new)
    assert "more than 3 entries" in caplog.text


def test_the_poller_thread_stops(tmp_path):
    poller = polling.StatPoller(POLL, lambda event: None)
    poller.schedule(tmp_path, True)
    poller.start()
    poller.start()
    [thread] = [t for t in threading.enumerate() if t.name == "fusabi-stat-poller"]
    poller.stop()
    poller.stop()
    assert not thread.is_alive()
    assert poller.fallback_reason is None


WATCHER_MODULE = """
from fusabi_host import hookimpl

made = []

class ManualWatcher:
    \"\"\"A watcher a test drives by hand: it records schedules and emits what it is told.\"\"\"

    name = "manual"
    fallback_reason = None

    def __init__(self, on_change):
        self.on_change = on_change
        self.scheduled = {}
        self.running = False

    def schedule(self, path, recursive):
        self.scheduled[path] = recursive

    def unschedule(self, path):
        self.scheduled.pop(path, None)

    def start(self):
        self.running = True

    def stop(self):
        self.running = False

@hookimpl
def fusabi_watcher(config, on_change):
    if config.backend != "manual":
        return None
    watcher = ManualWatcher(on_change)
    made.append(watcher)
    return watcher
"""


def test_a_third_party_watcher_is_selected_by_name(tmp_path, monkeypatch, recorder: Recorder):
    install_distribution(
        monkeypatch,
        tmp_path / "site",
        dist_name="acme-manual-watcher",
        entry_points={"fusabi_host.watchers": {"manual": "acme_manual_watcher"}},
        modules={"acme_manual_watcher": WATCHER_MODULE},
    )
    manager = HostPluginManager()
    assert "manual" in manager.watcher_names()
    plugins = tmp_path / "plugins"
    plugins.mkdir()
    with PluginWatcher(WatchConfig(backend="manual"), manager=manager) as watcher:
        import acme_manual_watcher  # type: ignore[import-not-found]

        [backend] = acme_manual_watcher.made
        assert watcher.backend == "manual" and backend.running
        watcher.on_change(recorder)
        watcher.watch(plugins, per_entry=True)
        assert backend.scheduled == {plugins: True}

        source = plugins / "p" / "main.fsx"
        emitter = threading.Thread(target=backend.on_change, args=(WatchEvent(K.MODIFIED, source),))
        emitter.start()
        emitter.join()
        [call] = recorder.wait_for_key(plugins / "p")
        assert call == [WatchEvent(K.MODIFIED, source, key=plugins / "p")]
        watcher.unwatch(plugins)
        assert backend.scheduled == {}
    assert not backend.running


def test_an_unknown_backend_names_the_available_ones():
    with pytest.raises(ConfigError) as caught:
        PluginWatcher(WatchConfig(backend="inotifywait"), manager=HostPluginManager())
    message = str(caught.value)
    assert "'inotifywait'" in message
    assert "available backends: polling, watchdog" in message


def test_backend_names_are_checked_by_the_config():
    with pytest.raises(ConfigError):
        WatchConfig(backend="")
    with pytest.raises(ConfigError):
        WatchConfig(poll_interval=0)


def test_without_a_manager_the_installed_extensions_are_asked():
    assert PluginWatcher(POLL).backend == "polling"
    assert PluginWatcher().backend == "watchdog"
