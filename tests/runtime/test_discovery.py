"""``discover()``: every plugin under ``plugin_dirs`` found and loaded once, failures reported
together while the good plugins stay loaded -- with real plugins on disk."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fusabi_host import LifecycleEvent, LifecycleState, PluginRuntime, RuntimeConfig, fzb
from fusabi_host.discovery import find_plugins
from fusabi_host.errors import DiscoveryError, ManifestError

EVERYWHERE = ("plugin.toml", "*/plugin.toml", "**/*.fsx", "**/*.fzb")


def write_plugin(
    folder: Path,
    name: str,
    *,
    version: str = "1.0.0",
    code: str = "let answer () = 42\n",
    files: dict[str, str] | None = None,
) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "plugin.toml").write_text(
        f'name = "{name}"\nversion = "{version}"\napi-version = "0.21.0"\nsource = "main.fsx"\n',
        encoding="utf-8",
    )
    (folder / "main.fsx").write_text(code, encoding="utf-8")
    for relative, text in (files or {}).items():
        target = folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return folder / "plugin.toml"


def write_script(path: Path, code: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(code, encoding="utf-8")
    return path


def write_bytecode(path: Path, code: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(fzb.compile_source(code, path.with_suffix(".fsx").name))
    return path


def make_runtime(
    *dirs: Path, patterns: tuple[str, ...] | None = None
) -> tuple[PluginRuntime, list[LifecycleEvent]]:
    config = RuntimeConfig(plugin_dirs=list(dirs), autoload_extensions=False)
    if patterns is not None:
        config = config.with_discover_patterns(*patterns)
    runtime = PluginRuntime(config)
    events: list[LifecycleEvent] = []
    runtime.on_event(events.append)
    return runtime, events


def created(events: list[LifecycleEvent]) -> list[str]:
    return [e.plugin_name for e in events if e.event_name == "created"]


@pytest.fixture
def plugins(tmp_path: Path) -> Path:
    return tmp_path / "plugins"


# ---------------------------------------------------------------------- found once


def test_manifest_files_and_helpers_are_not_loaded_again_as_scripts(plugins):
    write_plugin(
        plugins / "calc",
        "calc",
        code='#load "helper.fsx"\n#load "lib/more.fsx"\nlet answer () = base + extra\n',
        files={"helper.fsx": "let base = 40\n", "lib/more.fsx": "let extra = 2\n"},
    )
    write_bytecode(plugins / "calc" / "compiled.fzb", "let other () = 1\n")
    runtime, events = make_runtime(plugins, patterns=EVERYWHERE)
    with runtime:
        loaded = runtime.discover()
        assert [h.name for h in loaded] == ["calc"]
        assert created(events) == ["calc"]
        assert [h.name for h in runtime.plugins()] == ["calc"]
        assert runtime.call("calc", "answer") == 42


def test_a_manifest_at_the_root_of_a_plugin_dir_claims_its_scripts(plugins):
    write_plugin(plugins, "rooted", files={"extra.fsx": "let extra () = 1\n"})
    runtime, events = make_runtime(plugins, patterns=EVERYWHERE)
    with runtime:
        runtime.discover()
        assert created(events) == ["rooted"]


def test_source_beside_bytecode_of_the_same_name_loads_once_from_source(plugins):
    write_bytecode(plugins / "tool.fzb", 'let which () = "bytecode"\n')
    write_script(plugins / "tool.fsx", 'let which () = "source"\n')
    runtime, events = make_runtime(plugins)
    with runtime:
        loaded = runtime.discover()
        assert [h.name for h in loaded] == ["tool"]
        assert created(events) == ["tool"]
        assert runtime.call("tool", "which") == "source"
        assert runtime.get("tool").info().entry_path.suffix == ".fsx"


def test_bare_scripts_load_with_their_stem_as_name_and_version_0_0_0(plugins):
    write_script(plugins / "greeter.fsx", 'let greet (who: string) = "hello " + who\n')
    write_bytecode(plugins / "adder.fzb", "let add a b = a + b\n")
    write_plugin(plugins / "managed", "managed", version="2.3.4")
    runtime, _events = make_runtime(plugins)
    with runtime:
        loaded = runtime.discover()
        assert sorted(h.name for h in loaded) == ["adder", "greeter", "managed"]
        versions = {h.name: h.version for h in runtime.plugins()}
        assert versions == {"adder": "0.0.0", "greeter": "0.0.0", "managed": "2.3.4"}
        assert runtime.get("greeter").manifest is None
        assert runtime.get("adder").info().kind == "bytecode"
        assert runtime.call("greeter", "greet", ["you"]) == "hello you"
        assert runtime.call("adder", "add", [2, 3]) == 5
        assert all(h.state is LifecycleState.RUNNING for h in loaded)


def test_scripts_in_folders_without_a_manifest_are_plugins_of_their_own(plugins):
    write_plugin(plugins / "managed", "managed")
    write_script(plugins / "loose" / "one.fsx", "let one () = 1\n")
    write_script(plugins / "loose" / "deeper" / "two.fsx", "let two () = 2\n")
    runtime, _events = make_runtime(plugins, patterns=EVERYWHERE)
    with runtime:
        runtime.discover()
        assert sorted(h.name for h in runtime.plugins()) == ["managed", "one", "two"]
        assert runtime.call("two", "two") == 2


def test_overlapping_plugin_dirs_find_each_plugin_once(plugins):
    write_plugin(plugins / "calc", "calc")
    write_script(plugins / "tool.fsx", "let tool () = 1\n")
    runtime, events = make_runtime(
        plugins, plugins / "calc" / "..", plugins / "calc", patterns=EVERYWHERE
    )
    with runtime:
        loaded = runtime.discover()  # no duplicate-name error
        assert sorted(h.name for h in loaded) == ["calc", "tool"]
        assert sorted(created(events)) == ["calc", "tool"]


def test_a_linked_plugin_folder_is_found_once(plugins, tmp_path):
    write_plugin(plugins / "calc", "calc")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "calc-link").symlink_to(plugins / "calc", target_is_directory=True)
    runtime, _events = make_runtime(plugins, tmp_path / "elsewhere" / "calc-link")
    with runtime:
        assert [h.name for h in runtime.discover()] == ["calc"]


def test_patterns_choose_what_is_found(plugins):
    write_plugin(plugins / "managed", "managed")
    write_script(plugins / "loose.fsx", "let x () = 1\n")
    write_bytecode(plugins / "compiled.fzb", "let y () = 2\n")
    runtime, _events = make_runtime(plugins, patterns=("*/plugin.toml", "*.fzb"))
    with runtime:
        runtime.discover()
        assert sorted(h.name for h in runtime.plugins()) == ["compiled", "managed"]


def test_json_manifests_are_found_with_a_json_pattern(plugins):
    folder = plugins / "jsonic"
    folder.mkdir(parents=True)
    manifest = {
        "name": "jsonic",
        "version": "0.4.0",
        "api-version": "0.21.0",
        "source": "main.fsx",
    }
    (folder / "plugin.json").write_text(json.dumps(manifest), encoding="utf-8")
    write_script(folder / "main.fsx", "let answer () = 7\n")
    runtime, events = make_runtime(plugins, patterns=("*/plugin.json", "**/*.fsx"))
    with runtime:
        runtime.discover()
        assert created(events) == ["jsonic"]
        assert runtime.get("jsonic").version == "0.4.0"


def test_several_plugin_dirs_are_all_searched(tmp_path):
    write_plugin(tmp_path / "one" / "a", "plugin-a")
    write_plugin(tmp_path / "two" / "b", "plugin-b")
    write_script(tmp_path / "two" / "c.fsx", "let c () = 3\n")
    runtime, _events = make_runtime(tmp_path / "one", tmp_path / "two")
    with runtime:
        runtime.discover()
        assert sorted(h.name for h in runtime.plugins()) == ["c", "plugin-a", "plugin-b"]


# ---------------------------------------------------------------------- repeated and missing


def test_a_missing_plugin_dir_is_a_warning_not_an_error(plugins, tmp_path):
    write_plugin(plugins / "calc", "calc")
    missing = tmp_path / "does-not-exist"
    runtime, events = make_runtime(missing, plugins)
    with runtime:
        loaded = runtime.discover()
        assert [h.name for h in loaded] == ["calc"]
        warnings = [e for e in events if e.event_name == "warning"]
        assert len(warnings) == 1
        assert str(missing) in warnings[0].details["message"]
        assert [e for e in events if e.event_name == "error"] == []


def test_discover_with_no_plugin_dirs_finds_nothing():
    runtime, events = make_runtime()
    with runtime:
        assert runtime.discover() == []
        assert events == []


def test_discovering_twice_loads_nothing_the_second_time(plugins):
    write_plugin(plugins / "calc", "calc")
    write_script(plugins / "tool.fsx", "let tool () = 1\n")
    write_bytecode(plugins / "compiled.fzb", "let y () = 2\n")
    runtime, events = make_runtime(plugins)
    with runtime:
        first = runtime.discover()
        handles = {h.name: h for h in first}
        count = len(events)
        assert runtime.discover() == []
        assert events[count:] == []
        assert {h.name: h for h in runtime.plugins()} == handles
        assert all(h.state is LifecycleState.RUNNING for h in runtime.plugins())


def test_a_second_discover_picks_up_only_new_plugins(plugins):
    write_plugin(plugins / "calc", "calc")
    runtime, events = make_runtime(plugins)
    with runtime:
        runtime.discover()
        write_script(plugins / "later.fsx", "let later () = 5\n")
        assert [h.name for h in runtime.discover()] == ["later"]
        assert created(events) == ["calc", "later"]


# ---------------------------------------------------------------------- failures


def test_a_broken_manifest_is_reported_and_the_good_plugins_stay_loaded(plugins):
    write_plugin(plugins / "alpha", "alpha")
    write_plugin(plugins / "zulu", "zulu")
    write_script(plugins / "tool.fsx", "let tool () = 1\n")
    broken = plugins / "broken"
    broken.mkdir()
    (broken / "plugin.toml").write_text('name = "broken"\nversion = [1\n', encoding="utf-8")
    (broken / "main.fsx").write_text("let never () = 0\n", encoding="utf-8")
    runtime, events = make_runtime(plugins, patterns=EVERYWHERE)
    with runtime:
        with pytest.raises(DiscoveryError) as info:
            runtime.discover()
        error = info.value
        assert len(error.errors) == 1
        assert isinstance(error.errors[0], ManifestError)
        assert str(broken / "plugin.toml") in str(error)
        assert sorted(h.name for h in error.loaded) == ["alpha", "tool", "zulu"]
        # the good ones are registered and running; the broken one's scripts are not plugins
        assert sorted(h.name for h in runtime.running()) == ["alpha", "tool", "zulu"]
        assert runtime.call("zulu", "answer") == 42
        assert not runtime.has_plugin("main")
        assert [e.plugin_name for e in events if e.event_name == "error"] == ["broken"]


def test_every_failure_is_listed(plugins):
    write_plugin(plugins / "good", "good")
    write_plugin(plugins / "bad-code", "bad-code", code="let answer () = 1 +\n")
    write_plugin(plugins / "bad-init", "bad-init", code='let init () : unit = failwith "no"\n')
    write_script(plugins / "bad-script.fsx", "let x = y\n")
    runtime, _events = make_runtime(plugins)
    with runtime:
        with pytest.raises(DiscoveryError) as info:
            runtime.discover()
        error = info.value
        assert len(error.errors) == 3
        assert str(error).startswith("3 plugins failed to load:")
        assert [h.name for h in error.loaded] == ["good"]
        assert [h.name for h in runtime.plugins()] == ["good"]


def test_two_manifests_with_the_same_name_are_reported(plugins):
    first = write_plugin(plugins / "a-first", "twin", version="1.0.0")
    second = write_plugin(plugins / "b-second", "twin", version="2.0.0")
    runtime, events = make_runtime(plugins)
    with runtime:
        with pytest.raises(DiscoveryError) as info:
            runtime.discover()
        (error,) = info.value.errors
        assert isinstance(error, ManifestError)
        message = str(error)
        assert "'twin'" in message
        assert str(first) in message
        assert str(second) in message
        assert [h.version for h in info.value.loaded] == ["1.0.0"]
        assert runtime.get("twin").version == "1.0.0"
        assert created(events) == ["twin"]


@pytest.mark.parametrize("other", ["script", "manifest"])
def test_a_script_named_like_another_plugin_is_reported(tmp_path, other):
    if other == "script":
        first = write_script(tmp_path / "one" / "tool.fsx", "let which () = 1\n")
    else:
        first = write_plugin(tmp_path / "one" / "tool", "tool", code="let which () = 1\n")
    second = write_script(tmp_path / "two" / "tool.fsx", "let which () = 2\n")
    runtime, events = make_runtime(tmp_path / "one", tmp_path / "two")
    with runtime:
        with pytest.raises(DiscoveryError) as info:
            runtime.discover()
        (error,) = info.value.errors
        assert "'tool'" in str(error)
        assert str(first) in str(error)
        assert str(second) in str(error)
        assert [h.name for h in info.value.loaded] == ["tool"]
        assert runtime.call("tool", "which") == 1  # the first one found is kept
        assert created(events) == ["tool"]


# ---------------------------------------------------------------------- find_plugins


def test_find_plugins_reports_missing_dirs_and_finds_each_file_once(tmp_path):
    write_plugin(tmp_path / "p" / "calc", "calc", files={"util.fsx": "let u = 1\n"})
    write_script(tmp_path / "p" / "tool.fsx", "let t () = 1\n")
    write_bytecode(tmp_path / "p" / "tool.fzb", "let t () = 1\n")
    write_bytecode(tmp_path / "p" / "only.fzb", "let o () = 1\n")
    (tmp_path / "p" / "notes.txt").write_text("not a plugin", encoding="utf-8")
    found, missing = find_plugins(
        [tmp_path / "p", tmp_path / "nope", tmp_path / "p"], ("*/plugin.toml", "**/*.f*")
    )
    assert missing == [tmp_path / "nope"]
    paths = sorted(c.path.relative_to(tmp_path.resolve()).as_posix() for c in found)
    assert paths == ["p/calc/plugin.toml", "p/only.fzb", "p/tool.fsx"]
    assert [c.is_manifest for c in found] == [True, False, False]
