"""PluginLoader and PluginRuntime loading: manifests, bare scripts, bytecode, and every way a
load can fail -- each leaving nothing registered and nothing running."""

from __future__ import annotations

from pathlib import Path

import pytest

from fusabi_host import (
    ApiVersionMismatch,
    Capabilities,
    CapabilityError,
    CompileError,
    EngineConfig,
    FunctionNotFound,
    FusabiRuntimeError,
    LifecycleState,
    LoaderConfig,
    ManifestError,
    PluginLoader,
    PluginRuntime,
    RuntimeConfig,
    fzb,
)

MANIFEST = """\
name = "{name}"
version = "{version}"
api-version = "{api}"
source = "main.fsx"
{extra}
"""


def write_plugin(
    root: Path,
    name: str,
    code: str,
    *,
    version: str = "1.2.3",
    api: str = "0.21.0",
    extra: str = "",
) -> Path:
    directory = root / name
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "main.fsx").write_text(code, encoding="utf-8")
    manifest = directory / "plugin.toml"
    manifest.write_text(
        MANIFEST.format(name=name, version=version, api=api, extra=extra), encoding="utf-8"
    )
    return manifest


def runtime_with(events: list[str] | None = None, **loader: object) -> PluginRuntime:
    runtime = PluginRuntime(
        RuntimeConfig(loader=LoaderConfig(**loader), autoload_extensions=False)  # type: ignore[arg-type]
    )
    if events is not None:
        runtime.on_event(lambda e: events.append(f"{e.plugin_name}:{e.event_name}"))
    return runtime


def test_manifest_plugin_loads_runs_and_reports_its_identity(tmp_path: Path) -> None:
    path = write_plugin(
        tmp_path,
        "greeter",
        'let greet name = "hello " + name\nlet shout (s: string) = String.toUpper s\n',
        extra='exports = ["greet"]\ntags = ["text"]',
    )
    with runtime_with() as runtime:
        handle = runtime.load_manifest(path)
        assert handle.name == "greeter"
        assert handle.version == "1.2.3"
        assert handle.state is LifecycleState.RUNNING
        assert runtime.call("greeter", "greet", ["ada"]) == "hello ada"
        info = handle.info()
        assert info.manifest_path == path.absolute()
        assert info.entry_path == (tmp_path / "greeter" / "main.fsx").absolute()
        assert info.kind == "source"
        assert info.exports == ("greet",)
        assert info.tags == ("text",)
        assert info.loaded_at > 0 and info.last_reload is None


def test_bare_script_takes_its_name_from_the_file_stem(tmp_path: Path) -> None:
    script = tmp_path / "adder.fsx"
    script.write_text("let add a b = a + b\nlet twice x = add x x\n", encoding="utf-8")
    with runtime_with() as runtime:
        handle = runtime.load_source(script)
        assert (handle.name, handle.version) == ("adder", "0.0.0")
        assert set(handle.exports) == {"add", "twice"}  # no manifest: every top-level binding
        assert runtime.call("adder", "twice", [21]) == 42


def test_bytecode_plugin_loads_from_fzb(tmp_path: Path) -> None:
    data = fzb.compile_source("let square x = x * x\n", "square.fsx")
    (tmp_path / "square.fzb").write_bytes(data)
    with runtime_with() as runtime:
        handle = runtime.load_bytecode(tmp_path / "square.fzb")
        assert handle.info().kind == "bytecode"
        assert runtime.call("square", "square", [12]) == 144
    directory = tmp_path / "sq"
    directory.mkdir()
    (directory / "code.fzb").write_bytes(data)
    (directory / "plugin.toml").write_text(
        'name = "sq"\nversion = "1.0.0"\napi-version = "0.21.0"\nbytecode = "code.fzb"\n',
        encoding="utf-8",
    )
    with runtime_with() as runtime:
        assert runtime.load_manifest(directory / "plugin.toml").call("square", 5) == 25


def test_api_version_mismatch_names_both_versions(tmp_path: Path) -> None:
    path = write_plugin(tmp_path, "future", "let x = 1\n", api="0.99.0")
    with runtime_with() as runtime:
        with pytest.raises(ApiVersionMismatch) as info:
            runtime.load_manifest(path)
        assert "0.99.0" in str(info.value) and "0.21" in str(info.value)
        assert not runtime.has_plugin("future")


def test_declared_exports_must_exist_in_the_code(tmp_path: Path) -> None:
    path = write_plugin(tmp_path, "liar", "let real () = 1\n", extra='exports = ["real", "ghost"]')
    with runtime_with() as runtime:
        with pytest.raises(
            ManifestError, match=r"\$\.exports: 'ghost' is not defined in main\.fsx"
        ):
            runtime.load_manifest(path)
        assert runtime.plugins() == []


def test_compile_errors_name_the_file_and_line(tmp_path: Path) -> None:
    path = write_plugin(tmp_path, "broken", "let ok = 1\nlet bad = (1 +\n")
    events: list[str] = []
    with runtime_with(events) as runtime:
        with pytest.raises(CompileError) as info:
            runtime.load_manifest(path)
        assert "main.fsx:" in str(info.value)
        assert events == ["broken:error"]
        assert runtime.plugins() == []


def test_a_refused_capability_fails_the_load(tmp_path: Path) -> None:
    path = write_plugin(tmp_path, "greedy", "let x = 1\n", extra='capabilities = ["process:exec"]')
    with runtime_with() as runtime:
        with pytest.raises(CapabilityError, match="process:exec"):
            runtime.load_manifest(path)
        assert not runtime.has_plugin("greedy")


def test_capabilities_are_declared_intersected_with_offered(tmp_path: Path) -> None:
    allowed = tmp_path / "allowed"
    allowed.mkdir()
    (allowed / "a.txt").write_text("inside", encoding="utf-8")
    (tmp_path / "b.txt").write_text("outside", encoding="utf-8")
    path = write_plugin(
        tmp_path,
        "reader",
        "let read (p: string) = File.readAllText p\nlet now () = Time.now ()\n",
        extra='capabilities = ["fs:read"]',
    )
    offered = Capabilities.safe_defaults().with_(f"fs:read={allowed}")
    with runtime_with(engine=EngineConfig(capabilities=offered)) as runtime:
        handle = runtime.load_manifest(path)
        assert handle.capabilities.names() == (f"fs:read={allowed}",)
        assert runtime.call("reader", "read", [str(allowed / "a.txt")]) == "inside"
        with pytest.raises(CapabilityError):
            runtime.call("reader", "read", [str(tmp_path / "b.txt")])
        with pytest.raises(CapabilityError, match="time:read"):
            runtime.call("reader", "now")  # offered by the host, but not declared


def test_failing_top_level_leaves_nothing_behind(tmp_path: Path) -> None:
    path = write_plugin(tmp_path, "boom", 'let x = failwith "top level exploded"\n')
    events: list[str] = []
    with runtime_with(events) as runtime:
        with pytest.raises(FusabiRuntimeError, match="top level exploded"):
            runtime.load_manifest(path)
        assert runtime.plugins() == []
    assert events == ["boom:created", "boom:error", "boom:unloaded"]


def test_failing_init_leaves_nothing_running(tmp_path: Path) -> None:
    code = 'let mutable started = false\nlet init () = failwith "no database"\nlet ping () = 1\n'
    path = write_plugin(tmp_path, "db", code)
    events: list[str] = []
    with runtime_with(events) as runtime:
        with pytest.raises(FusabiRuntimeError, match="no database"):
            runtime.load_manifest(path)
        assert runtime.plugins() == []
    assert events == ["db:created", "db:initialized", "db:error", "db:unloaded"]


def test_without_auto_start_a_plugin_waits_initialized(tmp_path: Path) -> None:
    path = write_plugin(
        tmp_path, "lazy", "let mutable n = 0\nlet init () = n <- 41\nlet get () = n\n"
    )
    with runtime_with(auto_start=False) as runtime:
        handle = runtime.load_manifest(path)
        assert handle.state is LifecycleState.INITIALIZED
        runtime.start("lazy")
        assert runtime.call("lazy", "get") == 41


def test_relative_paths_resolve_against_base_path(tmp_path: Path) -> None:
    write_plugin(tmp_path, "rel", "let one () = 1\n")
    loader = PluginLoader(LoaderConfig(base_path=tmp_path))
    handle = loader.load_from_manifest("rel/plugin.toml")
    assert handle.call("one") == 1
    handle.unload()


def test_the_load_hook_can_be_taken_over_by_an_extension(tmp_path: Path) -> None:
    from fusabi_host import compile_source, hookimpl

    class ReversedLoader:
        """Claims plugins whose manifest says ``format = "reversed"``: Fusabi written backwards."""

        @hookimpl
        def fusabi_load(self, request):  # type: ignore[no-untyped-def]
            if request.manifest is None or request.manifest.metadata.get("format") != "reversed":
                return None
            text = request.entry.read_text(encoding="utf-8").strip()[::-1]
            return compile_source(text + "\n", str(request.entry))

    backwards = "let answer () = 42"[::-1]
    path = write_plugin(tmp_path, "mirror", backwards, extra='[metadata]\nformat = "reversed"')
    with runtime_with() as runtime:
        with pytest.raises(CompileError):
            runtime.load_manifest(path)  # the core loader reads it as plain Fusabi
        runtime.manager.register(ReversedLoader(), name="reversed-loader")
        assert runtime.load_manifest(path).call("answer") == 42


def test_private_bindings_are_not_exports(tmp_path: Path) -> None:
    script = tmp_path / "tool.fsx"
    script.write_text(
        "let private salt = 7\nlet private mix x = x * salt\nlet hash x = mix x + 1\n",
        encoding="utf-8",
    )
    with runtime_with() as runtime:
        handle = runtime.load_source(script)
        assert handle.exports == ("hash",)
        assert runtime.call("tool", "hash", [6]) == 43
        with pytest.raises(FunctionNotFound):
            runtime.call("tool", "mix", [1])
