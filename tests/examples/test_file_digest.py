"""examples/plugins/file-digest: reads files through fs:read, only where the host allows."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from fusabi_host import (
    ArityMismatch,
    Capabilities,
    CapabilityError,
    DiscoveryError,
    EngineConfig,
    FusabiRuntimeError,
    LifecycleEvent,
    LoaderConfig,
    PluginRuntime,
    RuntimeConfig,
)

REPO = Path(__file__).resolve().parents[2]
PLUGINS = REPO / "examples" / "plugins"
PLUGIN_DIR = PLUGINS / "file-digest"

TEXT = "first line\n\n   \nsecond, longer line\r\nlast line without newline"


def config_reading(*directories: Path) -> RuntimeConfig:
    offered = Capabilities.safe_defaults().with_(*(f"fs:read={d}" for d in directories))
    return RuntimeConfig(loader=LoaderConfig(engine=EngineConfig(capabilities=offered)))


@pytest.fixture
def events() -> list[LifecycleEvent]:
    return []


@pytest.fixture
def runtime(tmp_path: Path, events: list[LifecycleEvent]) -> Iterator[PluginRuntime]:
    with PluginRuntime(config_reading(tmp_path)) as runtime:
        runtime.on_event(events.append)
        runtime.load(PLUGIN_DIR)
        yield runtime


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    path = tmp_path / "sample.txt"
    path.write_bytes(TEXT.encode("utf-8"))
    return path


def denials(events: list[LifecycleEvent]) -> list[tuple[str, object, object]]:
    return [
        (e.plugin_name, e.details["capability"], e.details["resource"])
        for e in events
        if e.event_name == "capability_denied"
    ]


# ---------------------------------------------------------------------------- granted reads


def test_grant_is_narrowed_to_the_offered_directory(runtime: PluginRuntime, tmp_path: Path) -> None:
    handle = runtime.get("file-digest")
    assert handle is not None
    assert handle.version == "0.3.0"
    assert handle.capabilities.names() == (f"fs:read={tmp_path}",)


def test_digest(runtime: PluginRuntime, sample: Path) -> None:
    # 5 lines (the \r of "\r\n" is dropped, no final newline); "   " counts as empty;
    # the longest is "last line without newline" (25 characters)
    assert runtime.call("file-digest", "digest", [str(sample)]) == {
        "path": str(sample),
        "lines": 5,
        "nonEmpty": 3,
        "longest": 25,
    }


def test_digest_of_a_file_in_a_subdirectory(runtime: PluginRuntime, tmp_path: Path) -> None:
    nested = tmp_path / "logs" / "2024"
    nested.mkdir(parents=True)
    path = nested / "app.log"
    path.write_text("started\nrequest 1 ok\nrequest 2 failed\nstopped\n", encoding="utf-8")
    assert runtime.call("file-digest", "digest", [str(path)]) == {
        "path": str(path),
        "lines": 4,
        "nonEmpty": 4,
        "longest": 16,
    }


def test_digest_of_an_empty_file(runtime: PluginRuntime, tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_text("", encoding="utf-8")
    assert runtime.call("file-digest", "digest", [str(path)]) == {
        "path": str(path),
        "lines": 0,
        "nonEmpty": 0,
        "longest": 0,
    }


def test_digest_of_utf8_text(runtime: PluginRuntime, tmp_path: Path) -> None:
    path = tmp_path / "menu.txt"
    path.write_text("crème brûlée\nthé\n", encoding="utf-8")
    assert runtime.call("file-digest", "digest", [str(path)]) == {
        "path": str(path),
        "lines": 2,
        "nonEmpty": 2,
        "longest": 12,
    }


def test_grep(runtime: PluginRuntime, sample: Path) -> None:
    assert runtime.call("file-digest", "grep", ["line", str(sample)]) == [
        (1, "first line"),
        (4, "second, longer line"),
        (5, "last line without newline"),
    ]


def test_grep_is_case_sensitive_and_may_find_nothing(runtime: PluginRuntime, sample: Path) -> None:
    assert runtime.call("file-digest", "grep", ["Line", str(sample)]) == []


def test_grep_partially_applied(runtime: PluginRuntime, sample: Path) -> None:
    find_longer = runtime.partial("file-digest", "grep", ["longer"])
    assert find_longer(str(sample)) == [(4, "second, longer line")]
    with pytest.raises(ArityMismatch, match=r"grep : string -> string -> \(int \* string\) list"):
        runtime.call("file-digest", "grep", ["longer"])


def test_a_missing_file_inside_the_grant_is_an_io_error(
    runtime: PluginRuntime, tmp_path: Path, events: list[LifecycleEvent]
) -> None:
    with pytest.raises(FusabiRuntimeError, match="IOException") as info:
        runtime.call("file-digest", "digest", [str(tmp_path / "missing.txt")])
    assert not isinstance(info.value, CapabilityError)
    assert denials(events) == []


def test_a_directory_is_not_a_file(runtime: PluginRuntime, tmp_path: Path) -> None:
    with pytest.raises(FusabiRuntimeError, match="not a regular file"):
        runtime.call("file-digest", "digest", [str(tmp_path)])


# ---------------------------------------------------------------------------- refused reads


def test_reading_outside_the_grant_is_refused(
    runtime: PluginRuntime,
    tmp_path: Path,
    tmp_path_factory: pytest.TempPathFactory,
    events: list[LifecycleEvent],
) -> None:
    outside = tmp_path_factory.mktemp("outside") / "secret.txt"
    outside.write_text("secret\n", encoding="utf-8")
    with pytest.raises(CapabilityError) as info:
        runtime.call("file-digest", "digest", [str(outside)])
    refused = info.value
    assert refused.capability == "fs:read"
    assert refused.resource == str(outside.resolve())
    assert refused.plugin == "file-digest"
    assert str(refused) == (
        f"plugin 'file-digest' is not allowed fs:read for '{outside.resolve()}'; "
        f"it may only use fs:read for {tmp_path}"
    )
    assert denials(events) == [("file-digest", "fs:read", str(outside.resolve()))]
    assert runtime.metrics().denials == 1


def test_reading_etc_hostname_is_refused(
    runtime: PluginRuntime, events: list[LifecycleEvent]
) -> None:
    with pytest.raises(CapabilityError, match="not allowed fs:read for '/etc/hostname'"):
        runtime.call("file-digest", "grep", ["a", "/etc/hostname"])
    assert denials(events) == [("file-digest", "fs:read", "/etc/hostname")]


def test_dot_dot_cannot_leave_the_grant(
    runtime: PluginRuntime, tmp_path: Path, events: list[LifecycleEvent]
) -> None:
    escape = f"{tmp_path}/../{tmp_path.name}-sibling/secret.txt"
    target = (tmp_path.parent / f"{tmp_path.name}-sibling" / "secret.txt").resolve()
    with pytest.raises(CapabilityError):
        runtime.call("file-digest", "digest", [escape])
    assert denials(events) == [("file-digest", "fs:read", str(target))]


def test_a_symlink_cannot_leave_the_grant(
    runtime: PluginRuntime,
    tmp_path: Path,
    tmp_path_factory: pytest.TempPathFactory,
    events: list[LifecycleEvent],
) -> None:
    outside = tmp_path_factory.mktemp("outside") / "secret.txt"
    outside.write_text("secret\n", encoding="utf-8")
    link = tmp_path / "innocent.txt"
    os.symlink(outside, link)
    with pytest.raises(CapabilityError):
        runtime.call("file-digest", "digest", [str(link)])
    assert denials(events) == [("file-digest", "fs:read", str(outside.resolve()))]


def test_a_directory_sharing_the_grant_prefix_is_outside(tmp_path: Path) -> None:
    granted = tmp_path / "data"
    neighbour = tmp_path / "data-private"
    granted.mkdir()
    neighbour.mkdir()
    (neighbour / "secret.txt").write_text("secret\n", encoding="utf-8")
    with PluginRuntime(config_reading(granted)) as runtime:
        runtime.load(PLUGIN_DIR)
        with pytest.raises(CapabilityError):
            runtime.call("file-digest", "digest", [str(neighbour / "secret.txt")])


def test_relative_paths_resolve_against_the_plugin_directory(
    runtime: PluginRuntime, events: list[LifecycleEvent]
) -> None:
    with pytest.raises(CapabilityError):
        runtime.call("file-digest", "digest", ["main.fsx"])
    assert denials(events) == [("file-digest", "fs:read", str(PLUGIN_DIR / "main.fsx"))]


def test_a_refused_read_leaves_the_plugin_running(runtime: PluginRuntime, sample: Path) -> None:
    with pytest.raises(CapabilityError):
        runtime.call("file-digest", "digest", ["/etc/hostname"])
    assert runtime.call("file-digest", "digest", [str(sample)])["lines"] == 5
    stats = runtime.metrics().calls["file-digest"]["digest"]
    assert (stats.calls, stats.errors) == (2, 1)


# ---------------------------------------------------------------------------- loading


def test_without_fs_read_offered_the_load_fails_and_nothing_stays() -> None:
    events: list[LifecycleEvent] = []
    with PluginRuntime() as runtime:  # safe defaults: no fs:read at all
        runtime.on_event(events.append)
        with pytest.raises(CapabilityError, match="does not grant: fs:read") as info:
            runtime.load(PLUGIN_DIR)
        assert info.value.plugin == "file-digest"
        assert runtime.plugins() == []
        assert not runtime.has_plugin("file-digest")
        assert runtime.stats().total == 0
        names = [e.event_name for e in events if e.plugin_name == "file-digest"]
        assert "created" not in names
        assert "started" not in names
        assert names[-1] == "error"
        assert events[-1].details["stage"] == "load"


def test_discover_without_fs_read_loads_the_others() -> None:
    with PluginRuntime(RuntimeConfig(plugin_dirs=[PLUGINS])) as runtime:
        with pytest.raises(DiscoveryError) as info:
            runtime.discover()
        assert [type(error) for error in info.value.errors] == [CapabilityError]
        assert sorted(handle.name for handle in info.value.loaded) == [
            "discount-rules",
            "order-report",
            "text-stats",
        ]
        assert sorted(handle.name for handle in runtime.plugins()) == [
            "discount-rules",
            "order-report",
            "text-stats",
        ]
        assert runtime.stats().running == 3


def test_optional_dependency_missing_is_only_a_warning(
    tmp_path: Path, events: list[LifecycleEvent]
) -> None:
    with PluginRuntime(config_reading(tmp_path)) as runtime:
        runtime.on_event(events.append)
        runtime.load(PLUGIN_DIR)
        warnings = [e for e in events if e.event_name == "warning"]
        assert [e.plugin_name for e in warnings] == ["file-digest"]
        assert "text-stats" in warnings[0].details["message"]


def test_optional_dependency_present_gives_no_warning(
    tmp_path: Path, events: list[LifecycleEvent]
) -> None:
    with PluginRuntime(config_reading(tmp_path)) as runtime:
        runtime.on_event(events.append)
        runtime.load(PLUGINS / "text-stats")
        runtime.load(PLUGIN_DIR)
        assert [e for e in events if e.event_name == "warning"] == []
