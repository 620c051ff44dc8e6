"""The registry: overwrite rule before capacity, lookups by state, tag and capability."""

from __future__ import annotations

from pathlib import Path

import pytest

from fusabi_host import (
    Capabilities,
    EngineConfig,
    FusabiError,
    LifecycleState,
    LoaderConfig,
    PluginAlreadyLoaded,
    PluginInfo,
    PluginLoader,
    PluginNotFound,
    PluginRegistry,
    PluginRuntime,
    RegistryConfig,
    RegistryFull,
    RuntimeConfig,
)
from tests.runtime.test_loader import write_plugin


def loader() -> PluginLoader:
    offered = Capabilities.safe_defaults().with_("serialize")
    return PluginLoader(LoaderConfig(engine=EngineConfig(capabilities=offered)))


def test_register_get_unregister(tmp_path: Path) -> None:
    registry = PluginRegistry()
    handle = loader().load_from_manifest(write_plugin(tmp_path, "a", "let x () = 1\n"))
    registry.register(handle)
    assert registry.get("a") is handle and "a" in registry and len(registry) == 1
    assert registry.unregister("a") is handle
    assert handle.state is LifecycleState.UNLOADED
    assert registry.get("a") is None
    with pytest.raises(PluginNotFound):
        registry.unregister("a")


def test_duplicate_names_are_refused_unless_overwriting_is_allowed(tmp_path: Path) -> None:
    first = loader().load_from_manifest(write_plugin(tmp_path / "v1", "p", "let v () = 1\n"))
    second = loader().load_from_manifest(write_plugin(tmp_path / "v2", "p", "let v () = 2\n"))
    strict = PluginRegistry()
    strict.register(first)
    with pytest.raises(PluginAlreadyLoaded):
        strict.register(second)
    assert strict.get("p") is first and first.state is LifecycleState.RUNNING

    relaxed = PluginRegistry(RegistryConfig(allow_overwrite=True))
    relaxed.register(first)
    replaced = relaxed.register(second)
    assert replaced is first
    assert first.state is LifecycleState.UNLOADED  # the old one was unloaded properly
    assert relaxed.get("p") is second and second.call("v") == 2


def test_capacity_is_checked_after_the_overwrite_rule(tmp_path: Path) -> None:
    registry = PluginRegistry(RegistryConfig(max_plugins=2, allow_overwrite=True))
    a = loader().load_from_manifest(write_plugin(tmp_path, "a", "let x () = 1\n"))
    b = loader().load_from_manifest(write_plugin(tmp_path, "b", "let x () = 1\n"))
    registry.register(a)
    registry.register(b)
    again = loader().load_from_manifest(write_plugin(tmp_path / "new", "b", "let x () = 2\n"))
    registry.register(again)  # full, but replacing: allowed
    assert registry.get("b") is again
    c = loader().load_from_manifest(write_plugin(tmp_path, "c", "let x () = 1\n"))
    with pytest.raises(RegistryFull, match="2 plugins"):
        registry.register(c)
    assert registry.names() == ["a", "b"]


def test_a_runtime_that_cannot_register_leaves_nothing_running(tmp_path: Path) -> None:
    config = RuntimeConfig(registry=RegistryConfig(max_plugins=1), autoload_extensions=False)
    log = tmp_path / "cleanups.txt"
    code = f'let cleanup () = File.appendLine "{log}" "cleaned"\nlet x () = 1\n'
    offered = Capabilities.safe_defaults().with_(f"fs:write={tmp_path}")
    config = RuntimeConfig(
        registry=RegistryConfig(max_plugins=1),
        loader=LoaderConfig(engine=EngineConfig(capabilities=offered)),
        autoload_extensions=False,
    )
    with PluginRuntime(config) as runtime:
        runtime.load_manifest(write_plugin(tmp_path, "one", "let x () = 1\n"))
        second = write_plugin(tmp_path, "two", code, extra='capabilities = ["fs:write"]')
        with pytest.raises(RegistryFull):
            runtime.load_manifest(second)
        assert runtime.registry.names() == ["one"]
    assert log.read_text(encoding="utf-8") == "cleaned\n"  # the refused plugin was cleaned up


def test_lookups_by_state_tag_and_capability(tmp_path: Path) -> None:
    registry = PluginRegistry()
    json_plugin = loader().load_from_manifest(
        write_plugin(
            tmp_path,
            "json",
            "let dump x = Json.stringify x\n",
            extra='tags = ["data", "json"]\ncapabilities = ["serialize"]',
        )
    )
    text = loader().load_from_manifest(
        write_plugin(tmp_path, "text", "let x () = 1\n", extra='tags = ["data"]')
    )
    registry.register(json_plugin)
    registry.register(text)
    text.stop()
    assert [h.name for h in registry.find_by_tag("data")] == ["json", "text"]
    assert [h.name for h in registry.find_by_tag("json")] == ["json"]
    assert [h.name for h in registry.find_by_capability("serialize")] == ["json"]
    assert registry.find_by_capability("fs:read") == []
    assert [h.name for h in registry.running()] == ["json"]
    assert [h.name for h in registry.by_state(LifecycleState.STOPPED)] == ["text"]
    stats = registry.stats()
    assert (stats.total, stats.running, stats.by_state["stopped"]) == (2, 1, 1)
    assert [i.name for i in registry.infos()] == ["json", "text"]
    registry.clear()
    assert len(registry) == 0 and json_plugin.state is LifecycleState.UNLOADED


def test_stats_follow_every_move_of_every_plugin(tmp_path: Path) -> None:
    """The per-state counts are kept up to date as plugins move, and always equal a recount
    of the registered plugins: through start, stop, a failing init, a reload, an overwrite,
    unregistering and clearing."""

    def recount(registry: PluginRegistry) -> dict[str, int]:
        counts = {state.value: 0 for state in LifecycleState}
        for handle in registry.all():
            counts[handle.state.value] += 1
        return counts

    registry = PluginRegistry(RegistryConfig(allow_overwrite=True))
    load = loader()

    def check() -> None:
        stats = registry.stats()
        assert stats.by_state == recount(registry) and stats.total == len(registry)

    a = load.load_from_manifest(write_plugin(tmp_path, "a", "let x () = 1\n"))
    registry.register(a)
    check()
    if a.state is not LifecycleState.RUNNING:
        a.start()
    check()
    assert registry.stats().running == 1
    a.stop()
    check()
    assert registry.stats().running == 0
    manual = PluginLoader(LoaderConfig(auto_start=False))
    bad = manual.load_from_manifest(write_plugin(tmp_path, "bad", 'let init () = failwith "no"\n'))
    registry.register(bad)
    with pytest.raises(FusabiError):
        bad.start()
    check()
    assert registry.stats().failed == 1
    a.start()
    a.reload()
    check()
    replacement = load.load_from_manifest(write_plugin(tmp_path / "v2", "a", "let x () = 2\n"))
    registry.register(replacement)  # (the old "a" is unloaded and no longer counted)
    check()
    assert a.state is LifecycleState.UNLOADED and registry.stats().total == 2
    registry.unregister("bad")
    check()
    registry.clear()
    check()
    assert registry.stats().total == 0


def test_a_snapshot_of_a_changed_plugin_is_a_whole_new_snapshot(tmp_path: Path) -> None:
    """``info()`` of a plugin that was called since its last snapshot builds the new one
    from the part kept for the plugin's code: it must be what building it field by field
    gives, as immutable, and leave the old snapshot as it was."""
    with PluginRuntime(RuntimeConfig(autoload_extensions=False)) as runtime:
        handle = runtime.load_manifest(write_plugin(tmp_path, "calc", "let inc x = x + 1\n"))
        before = handle.info()
        assert handle.info() is before  # (nothing changed: the same snapshot)
        runtime.call("calc", "inc", [1])
        after = handle.info()
        assert after is not before and type(after) is PluginInfo
        assert before.invocation_count == 0 and after.invocation_count == 1
        rebuilt = PluginInfo(**{**before._asdict(), "invocation_count": 1})
        assert after == rebuilt and hash(after) == hash(rebuilt) and repr(after) == repr(rebuilt)
        assert after._asdict() == rebuilt._asdict()
        assert after._asdict()["name"] == "calc" and after.kind == "source"
        with pytest.raises(AttributeError):
            after.invocation_count = 5  # type: ignore[misc]
        handle.stop()
        stopped = handle.info()
        assert stopped.state is LifecycleState.STOPPED and after.state is LifecycleState.RUNNING
        assert stopped.invocation_count == 1 and stopped.exports == before.exports
