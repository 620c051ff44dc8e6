"""PluginWatcher on the core watchdog backend: real files, real watchdog events, real threads.

Every test waits for what it expects with a deadline.  To show that something is *not*
delivered, it changes a watched file afterwards (a sentinel) and waits for that: events are
delivered in the order their quiet periods end, so anything unwanted would have come first.
"""

from __future__ import annotations

import logging
import os
import shutil
import threading
import time
from pathlib import Path

import pytest

from fusabi_host import PluginWatcher, WatchConfig, WatchEvent, WatchEventKind
from tests.watch.conftest import MakeWatcher, Recorder, wait_for

K = WatchEventKind

# watchdog's inotify emitter warns when it races a fast ``mkdir -p`` to add the same watch twice
pytestmark = pytest.mark.filterwarnings("ignore:Callback with id:RuntimeWarning")


def kinds(events: list[WatchEvent]) -> list[WatchEventKind]:
    return [event.kind for event in events]


def test_the_kinds_have_their_seed_names():
    assert WatchEvent.Created is K.CREATED
    assert WatchEvent.Modified is K.MODIFIED
    assert WatchEvent.Removed is K.REMOVED
    assert WatchEvent.Renamed is K.RENAMED
    assert [kind.value for kind in K] == ["created", "modified", "removed", "renamed"]
    event = WatchEvent(K.RENAMED, "a.fsx", "b.fsx")
    assert event.paths == (Path("a.fsx"), Path("b.fsx"))
    assert str(event) == "renamed a.fsx -> b.fsx"


def test_default_config_matches_the_issue():
    config = WatchConfig()
    assert config.debounce == 0.1
    assert config.backend is None
    assert config.poll_interval == 0.5
    assert {".git", "#*#", "__pycache__", "4913", "*~", ".#*"} <= set(config.ignore_patterns)
    assert config.with_backend("polling").with_poll_interval(0.2).backend == "polling"


def test_each_kind_of_event(tmp_path, make_watcher: MakeWatcher, recorder: Recorder):
    watcher = make_watcher()
    watcher.on_change(recorder)
    watcher.watch(tmp_path)
    target = tmp_path / "a.fsx"

    target.write_text("let a = 1\n")
    wait_for(lambda: K.CREATED in kinds(recorder.events()))
    assert recorder.calls[0][0] == WatchEvent(K.CREATED, target, key=tmp_path)

    with target.open("a") as handle:
        handle.write("let b = 2\n")
    wait_for(lambda: len(recorder.snapshot()) >= 2)
    assert set(kinds(recorder.calls[1])) == {K.MODIFIED}

    target.rename(tmp_path / "b.fsx")
    wait_for(lambda: len(recorder.snapshot()) >= 3)
    assert recorder.calls[2] == [WatchEvent(K.RENAMED, target, tmp_path / "b.fsx", key=tmp_path)]

    (tmp_path / "b.fsx").unlink()
    wait_for(lambda: len(recorder.snapshot()) >= 4)
    assert recorder.calls[3] == [WatchEvent(K.REMOVED, tmp_path / "b.fsx", key=tmp_path)]


def test_a_burst_is_debounced_into_one_call(tmp_path, make_watcher, recorder):
    plugins = tmp_path / "plugins"
    (plugins / "a").mkdir(parents=True)
    (plugins / "b").mkdir()
    watcher = make_watcher(WatchConfig(debounce=0.3))
    watcher.on_change(recorder)
    watcher.watch(plugins, per_entry=True)

    source = plugins / "a" / "main.fsx"
    for index in range(20):
        source.write_text(f"let answer () = {index}\n")
        time.sleep(0.01)
    [call] = recorder.wait_for_key(plugins / "a")
    assert call[0].kind is K.CREATED
    assert {event.path for event in call} == {source}
    assert len(call) == len(set(call)), "exact duplicates are collapsed"
    assert len(call) <= 3  # created, modified, closed-after-write: 20 writes, 2 distinct kinds

    (plugins / "b" / "main.fsx").write_text("let b = 1\n")  # sentinel
    recorder.wait_for_key(plugins / "b")
    assert len(recorder.calls_for(plugins / "a")) == 1


def test_each_plugin_of_a_per_entry_folder_is_debounced_on_its_own(
    tmp_path, make_watcher, recorder
):
    plugins = tmp_path / "plugins"
    (plugins / "a").mkdir(parents=True)
    (plugins / "b").mkdir()
    watcher = make_watcher()
    watcher.on_change(recorder)
    watcher.watch(plugins, per_entry=True)

    (plugins / "a" / "main.fsx").write_text("let a = 1\n")
    (plugins / "b" / "plugin.toml").write_text('name = "b"\n')
    (plugins / "script.fsx").write_text("let c = 3\n")  # a one-file plugin is its own key
    wait_for(lambda: len(recorder.snapshot()) >= 3)
    calls = recorder.snapshot()
    assert sorted(call[0].key for call in calls) == [
        plugins / "a",
        plugins / "b",
        plugins / "script.fsx",
    ]
    for call in calls:
        assert len({event.key for event in call}) == 1
        assert all(event.path.is_relative_to(call[0].key) for event in call)


def test_the_deepest_watched_path_is_the_key(tmp_path, make_watcher, recorder):
    inner = tmp_path / "plugin"
    inner.mkdir()
    watcher = make_watcher()
    watcher.on_change(recorder)
    watcher.watch(tmp_path)
    watcher.watch(inner)
    (inner / "main.fsx").write_text("x")
    [call] = recorder.wait_for_key(inner)
    assert {event.key for event in call} == {inner}


def test_atomic_save_by_rename_is_one_rename(tmp_path, make_watcher, recorder):
    target = tmp_path / "main.fsx"
    target.write_text("let v = 1\n")
    watcher = make_watcher()
    watcher.on_change(recorder)
    watcher.watch(tmp_path)

    for temporary in ("main.fsx.tmp", ".goutputstream-XYZ12", "tmpk2j4h"):
        scratch = tmp_path / temporary
        scratch.write_text("let v = 2\n")
        os.replace(scratch, target)
    wait_for(lambda: len(recorder.events()) >= 3)
    events = recorder.events()
    assert all(event.kind is K.RENAMED and event.dest == target for event in events)
    assert [event.path.name for event in events] == [
        "main.fsx.tmp",
        ".goutputstream-XYZ12",
        "tmpk2j4h",
    ]


def test_vim_style_save(tmp_path, make_watcher, recorder):
    target = tmp_path / "main.fsx"
    target.write_text("let v = 1\n")
    watcher = make_watcher()
    watcher.on_change(recorder)
    watcher.watch(tmp_path)

    swap = tmp_path / ".main.fsx.swp"
    swap.write_bytes(b"b0VIM 9.0")
    probe = tmp_path / "4913"  # vim checks it may create files in the folder
    probe.write_text("")
    probe.unlink()
    backup = tmp_path / "main.fsx~"
    target.rename(backup)  # 'backupcopy=no': the old file becomes the backup...
    target.write_text("let v = 2\n")  # ...and the new text a new file
    backup.unlink()
    swap.unlink()

    wait_for(lambda: K.CREATED in kinds(recorder.events()))
    assert recorder.paths() == {target}
    assert kinds(recorder.events())[:2] == [K.REMOVED, K.CREATED]


def test_emacs_lock_and_autosave_files_are_ignored(tmp_path, make_watcher, recorder):
    target = tmp_path / "main.fsx"
    target.write_text("let v = 1\n")
    watcher = make_watcher()
    watcher.on_change(recorder)
    watcher.watch(tmp_path)

    lock = tmp_path / ".#main.fsx"
    os.symlink("user@host.1234:1700000000", lock)  # emacs' lock is a dangling symlink
    autosave = tmp_path / "#main.fsx#"
    autosave.write_text("let v = 2\n")
    target.write_text("let v = 2\n")
    autosave.unlink()
    lock.unlink()

    wait_for(recorder.events)
    (tmp_path / "sentinel.fsx").write_text("")
    wait_for(lambda: tmp_path / "sentinel.fsx" in recorder.paths())
    assert recorder.paths() == {target, tmp_path / "sentinel.fsx"}


def test_git_churn_and_other_extensions_are_ignored(tmp_path, make_watcher, recorder):
    plugins = tmp_path / "plugins"
    plugins.mkdir()
    watcher = make_watcher()
    watcher.on_change(recorder)
    watcher.watch(plugins, per_entry=True)

    objects = plugins / "a" / ".git" / "objects" / "ab"
    objects.mkdir(parents=True)  # 'a' itself is a new plugin folder: that passes
    (objects / "cdef0123").write_bytes(b"blob")
    (plugins / "a" / ".git" / "config.toml").write_text("[core]\n")  # right suffix, in .git
    (plugins / "a" / "__pycache__").mkdir()
    (plugins / "a" / "notes.txt").write_text("todo")
    (plugins / ".git").mkdir()
    (plugins / "a" / "main.fsx").write_text("let a = 1\n")

    wait_for(lambda: plugins / "a" / "main.fsx" in recorder.paths())
    assert recorder.paths() == {plugins / "a", plugins / "a" / "main.fsx"}
    assert {event.key for event in recorder.events()} == {plugins / "a"}


def test_extensions_are_configurable(tmp_path, make_watcher, recorder):
    watcher = make_watcher(WatchConfig().with_extensions(".txt"))
    watcher.on_change(recorder)
    watcher.watch(tmp_path)
    (tmp_path / "main.fsx").write_text("")
    (tmp_path / "notes.txt").write_text("")
    wait_for(recorder.events)
    assert recorder.paths() == {tmp_path / "notes.txt"}


def test_plugin_folders_appearing_and_disappearing_are_reported(tmp_path, make_watcher, recorder):
    plugins = tmp_path / "plugins"
    plugins.mkdir()
    watcher = make_watcher()
    watcher.on_change(recorder)
    watcher.watch(plugins, per_entry=True)

    new = plugins / "fresh"
    new.mkdir()
    [created] = recorder.wait_for_key(new)
    assert created == [WatchEvent(K.CREATED, new, key=new, is_directory=True)]

    (plugins / "renamed").mkdir()
    shutil.rmtree(new)
    [_, removed] = recorder.wait_for_key(new, 2)
    assert removed == [WatchEvent(K.REMOVED, new, key=new, is_directory=True)]

    (plugins / "renamed").rename(plugins / "final")
    [moved] = recorder.wait_for_key(plugins / "final")
    assert moved[0].kind is K.RENAMED and moved[0].is_directory


def test_a_file_that_does_not_exist_yet(tmp_path, make_watcher, recorder):
    later = tmp_path / "later.fsx"
    deep = tmp_path / "new" / "folder" / "plugin.toml"
    watcher = make_watcher()
    watcher.on_change(recorder)
    watcher.watch(later)
    watcher.watch(deep)
    (tmp_path / "sibling.fsx").write_text("")  # not watched: same folder, other file
    later.write_text("let x = 1\n")
    [call] = recorder.wait_for_key(later)
    assert call[0] == WatchEvent(K.CREATED, later, key=later)

    deep.parent.mkdir(parents=True)
    deep.write_text('name = "p"\n')
    [call] = recorder.wait_for_key(deep)
    assert WatchEvent(K.CREATED, deep, key=deep) in call
    assert tmp_path / "sibling.fsx" not in recorder.paths()


def test_a_plugin_folder_deleted_and_re_created_is_watched_again(tmp_path, make_watcher, recorder):
    folder = tmp_path / "elsewhere" / "solo"
    folder.mkdir(parents=True)
    manifest, source = folder / "plugin.toml", folder / "main.fsx"
    manifest.write_text('name = "solo"\n')
    source.write_text("let answer () = 1\n")
    watcher = make_watcher()
    watcher.on_change(recorder)
    watcher.watch(manifest)
    watcher.watch(source)

    shutil.rmtree(folder)
    recorder.wait_for_key(manifest)
    recorder.wait_for_key(source)
    folder.mkdir()
    manifest.write_text('name = "solo"\n')
    source.write_text("let answer () = 3\n")
    [_, again] = recorder.wait_for_key(manifest, 2)
    # the creation may have happened before the folder was watched again: then the watcher
    # reports it itself, after whatever the backend saw of the file meanwhile
    assert WatchEvent(K.CREATED, manifest, key=manifest) in again
    source.write_text("let answer () = 4\n")  # and the new folder is watched for edits
    wait_for(lambda: len(recorder.calls_for(source)) >= 3)
    assert recorder.calls_for(source)[-1][-1].kind is K.MODIFIED


def test_a_watched_folder_deleted_and_re_created_is_watched_again(tmp_path, make_watcher, recorder):
    plugins = tmp_path / "plugins"
    plugins.mkdir()
    watcher = make_watcher()
    watcher.on_change(recorder)
    watcher.watch(plugins, per_entry=True)
    plugins.rmdir()
    [removed] = recorder.wait_for_key(plugins)
    assert removed == [WatchEvent(K.REMOVED, plugins, key=plugins, is_directory=True)]
    plugins.mkdir()
    [_, created] = recorder.wait_for_key(plugins, 2)
    assert WatchEvent(K.CREATED, plugins, key=plugins, is_directory=True) in created
    (plugins / "p").mkdir()
    (plugins / "p" / "main.fsx").write_text("")
    wait_for(lambda: plugins / "p" / "main.fsx" in recorder.paths())
    assert {event.key for event in recorder.calls_for(plugins / "p")[-1]} == {plugins / "p"}


def test_a_watched_folder_re_created_at_once_is_watched_again(tmp_path, make_watcher, recorder):
    plugins = tmp_path / "plugins"
    plugins.mkdir()
    watcher = make_watcher()
    watcher.on_change(recorder)
    watcher.watch(plugins)
    plugins.rmdir()
    plugins.mkdir()  # before the watcher could react to the removal
    wait_for(lambda: K.CREATED in kinds(recorder.events()))
    (plugins / "main.fsx").write_text("")
    wait_for(lambda: plugins / "main.fsx" in recorder.paths())


def test_a_watched_file_survives_being_replaced(tmp_path, make_watcher, recorder):
    target = tmp_path / "plugin.toml"
    target.write_text('name = "p"\n')
    watcher = make_watcher()
    watcher.on_change(recorder)
    watcher.watch(target)
    for version in (1, 2):
        scratch = tmp_path / f".plugin.toml.{version}"
        scratch.write_text(f'name = "p{version}"\n')
        os.replace(scratch, target)
        recorder.wait_for_key(target, version)
    assert all(event.dest == target for event in recorder.events())


def test_watching_twice_is_harmless_and_unwatch_stops_delivery(tmp_path, make_watcher, recorder):
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    watcher = make_watcher()
    watcher.on_change(recorder)
    watcher.watch(first)
    watcher.watch(first)
    watcher.watch(second)
    assert watcher.watched == (first, second)
    (first / "a.fsx").write_text("")
    [call] = recorder.wait_for_key(first)
    assert len(call) == len(set(call))

    watcher.unwatch(first)
    watcher.unwatch(tmp_path / "never-watched")
    (first / "b.fsx").write_text("")
    (second / "c.fsx").write_text("")
    recorder.wait_for_key(second)
    assert len(recorder.calls_for(first)) == 1


def test_a_raising_handler_does_not_stop_the_watcher(tmp_path, make_watcher, recorder, caplog):
    def broken(events: list[WatchEvent]) -> None:
        raise RuntimeError("handler bug")

    watcher = make_watcher()
    watcher.on_change(broken)
    watcher.on_change(recorder)
    watcher.watch(tmp_path)
    with caplog.at_level(logging.ERROR, logger="fusabi_host.watcher"):
        (tmp_path / "a.fsx").write_text("")
        wait_for(lambda: len(recorder.snapshot()) == 1)
        (tmp_path / "b.fsx").write_text("")
        wait_for(lambda: len(recorder.snapshot()) == 2)
    assert caplog.text.count("handler bug") >= 2


def test_handlers_run_on_one_dispatcher_thread(tmp_path, make_watcher, recorder):
    from watchdog.utils import BaseThread

    watcher = make_watcher()
    watcher.on_change(recorder)
    watcher.watch(tmp_path)
    (tmp_path / "a.fsx").write_text("")
    recorder.wait_for_key(tmp_path)
    (tmp_path / "b.fsx").write_text("")
    recorder.wait_for_key(tmp_path, 2)
    first, second = recorder.threads[:2]
    assert first is second
    assert first is not threading.main_thread()
    assert not isinstance(first, BaseThread), "not a watchdog observer or emitter thread"


def test_a_handler_may_call_back_into_the_watcher(tmp_path, make_watcher, recorder):
    other = tmp_path / "other"
    other.mkdir()
    watcher = make_watcher()

    def rewatch(events: list[WatchEvent]) -> None:
        watcher.unwatch(tmp_path / "first")
        watcher.watch(other)

    (tmp_path / "first").mkdir()
    watcher.on_change(rewatch)
    watcher.on_change(recorder)
    watcher.watch(tmp_path / "first")
    (tmp_path / "first" / "a.fsx").write_text("")
    wait_for(lambda: other in watcher.watched)
    (other / "b.fsx").write_text("")
    recorder.wait_for_key(other)


def test_unsubscribe(tmp_path, make_watcher, recorder):
    dropped = Recorder()
    watcher = make_watcher()
    unsubscribe = watcher.on_change(dropped)
    watcher.on_change(recorder)
    unsubscribe()
    unsubscribe()
    watcher.watch(tmp_path)
    (tmp_path / "a.fsx").write_text("")
    recorder.wait_for_key(tmp_path)
    assert dropped.snapshot() == []


def test_stop_is_idempotent_and_the_context_manager_starts_and_stops(tmp_path, recorder):
    from fusabi_host.manager import HostPluginManager

    with PluginWatcher(WatchConfig(), manager=HostPluginManager(autoload=False)) as watcher:
        assert watcher.backend == "watchdog"
        watcher.on_change(recorder)
        watcher.watch(tmp_path)
        (tmp_path / "a.fsx").write_text("")
        recorder.wait_for_key(tmp_path)
    dispatcher = recorder.threads[0]
    assert not dispatcher.is_alive(), "stop joins the dispatcher"
    watcher.stop()
    watcher.stop()

    (tmp_path / "b.fsx").write_text("")  # stopped: nothing is delivered...
    watcher.start()  # ...until it is started again, with a fresh backend
    (tmp_path / "c.fsx").write_text("")
    wait_for(lambda: tmp_path / "c.fsx" in recorder.paths())
    watcher.stop()
    assert tmp_path / "b.fsx" not in recorder.paths()


def test_stop_from_a_handler(tmp_path, make_watcher, recorder):
    watcher = make_watcher()
    stopped_on: list[threading.Thread] = []

    def stop(events: list[WatchEvent]) -> None:
        stopped_on.append(threading.current_thread())
        watcher.stop()

    watcher.on_change(stop)
    watcher.on_change(recorder)  # never called: nothing is delivered after stop()
    watcher.watch(tmp_path)
    (tmp_path / "a.fsx").write_text("")
    wait_for(lambda: stopped_on and not stopped_on[0].is_alive())
    assert recorder.snapshot() == []


@pytest.mark.parametrize("polling", [True, False])
def test_the_polling_switch_selects_watchdogs_polling_observer(
    tmp_path, make_watcher, recorder, polling
):
    watcher = make_watcher(WatchConfig(polling=polling, poll_interval=0.05))
    assert watcher.backend == ("watchdog-polling" if polling else "watchdog")
    watcher.on_change(recorder)
    watcher.watch(tmp_path)
    (tmp_path / "a.fsx").write_text("")
    recorder.wait_for_key(tmp_path)
