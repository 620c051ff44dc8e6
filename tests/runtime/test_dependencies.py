"""Plugin dependencies: checked against what is loaded, ordered by ``discover()``, and cycles
refused -- with real plugins on disk."""

from __future__ import annotations

from pathlib import Path

import pytest

from fusabi_host import (
    LifecycleEvent,
    LifecycleState,
    LoaderConfig,
    Manifest,
    PluginRuntime,
    RuntimeConfig,
)
from fusabi_host.dependencies import check_dependencies, load_order
from fusabi_host.errors import DependencyError, DiscoveryError, FusabiError

Dep = tuple[str, str, bool]  # name, range, optional


def manifest_text(
    name: str, version: str = "1.0.0", deps: tuple[Dep, ...] = (), exports: tuple[str, ...] = ()
) -> str:
    lines = [
        f'name = "{name}"',
        f'version = "{version}"',
        'api-version = "0.21.0"',
        'source = "main.fsx"',
    ]
    if exports:
        lines.append("exports = [" + ", ".join(f'"{e}"' for e in exports) + "]")
    for dep_name, dep_range, optional in deps:
        lines += [
            "",
            "[[dependencies]]",
            f'name = "{dep_name}"',
            f'version = "{dep_range}"',
            f"optional = {'true' if optional else 'false'}",
        ]
    return "\n".join(lines) + "\n"


def write_plugin(
    root: Path,
    name: str,
    version: str = "1.0.0",
    deps: tuple[Dep, ...] = (),
    *,
    code: str = "let answer () = 42\n",
    directory: str | None = None,
) -> Path:
    """A plugin directory ``root/<directory or name>`` with plugin.toml and main.fsx."""
    folder = root / (directory or name)
    folder.mkdir(parents=True)
    (folder / "plugin.toml").write_text(manifest_text(name, version, deps), encoding="utf-8")
    (folder / "main.fsx").write_text(code, encoding="utf-8")
    return folder / "plugin.toml"


def make_runtime(*dirs: Path, auto_start: bool = True) -> PluginRuntime:
    return PluginRuntime(
        RuntimeConfig(
            plugin_dirs=list(dirs),
            loader=LoaderConfig(auto_start=auto_start),
            autoload_extensions=False,
        )
    )


@pytest.fixture
def events() -> list[LifecycleEvent]:
    return []


@pytest.fixture
def runtime(events: list[LifecycleEvent]):
    with make_runtime() as rt:
        rt.on_event(events.append)
        yield rt


def named(events: list[LifecycleEvent], event_name: str) -> list[str]:
    return [e.plugin_name for e in events if e.event_name == event_name]


# ---------------------------------------------------------------------- loading one plugin


def test_missing_required_dependency_names_both_plugins_and_the_range(tmp_path, runtime, events):
    app = write_plugin(tmp_path, "app", deps=(("base-lib", "^1.2", False),))
    with pytest.raises(DependencyError) as info:
        runtime.load(app)
    message = str(info.value)
    assert "'app'" in message
    assert "'base-lib'" in message
    assert "^1.2" in message
    assert "not loaded" in message
    assert not runtime.has_plugin("app")
    assert named(events, "created") == []
    errors = [e for e in events if e.event_name == "error"]
    assert [(e.plugin_name, e.details["stage"]) for e in errors] == [("app", "dependencies")]


def test_out_of_range_dependency_names_both_versions(tmp_path, runtime):
    runtime.load(write_plugin(tmp_path, "base-lib", version="1.4.2"))
    app = write_plugin(tmp_path, "app", deps=(("base-lib", "^2.0", False),))
    with pytest.raises(DependencyError) as info:
        runtime.load(app)
    message = str(info.value)
    assert "'app'" in message
    assert "'base-lib'" in message
    assert "^2.0" in message
    assert "1.4.2" in message
    assert not runtime.has_plugin("app")
    assert runtime.get("base-lib").state is LifecycleState.RUNNING


@pytest.mark.parametrize(
    ("loaded", "wanted"),
    [("1.4.2", "^1.2"), ("1.2.0", ">=1.2.0 <2.0.0"), ("0.3.7", "~0.3.1"), ("2.0.0", "*")],
)
def test_dependency_inside_the_range_loads(tmp_path, runtime, loaded, wanted):
    runtime.load(write_plugin(tmp_path, "base-lib", version=loaded))
    handle = runtime.load(write_plugin(tmp_path, "app", deps=(("base-lib", wanted, False),)))
    assert handle.state is LifecycleState.RUNNING
    assert runtime.call("app", "answer") == 42


@pytest.mark.parametrize(("loaded", "wanted"), [("2.0.0", "^1.2"), ("1.1.9", "^1.2")])
def test_dependency_just_outside_the_range_is_refused(tmp_path, runtime, loaded, wanted):
    runtime.load(write_plugin(tmp_path, "base-lib", version=loaded))
    with pytest.raises(DependencyError, match=rf"'base-lib' {loaded} is loaded"):
        runtime.load(write_plugin(tmp_path, "app", deps=(("base-lib", wanted, False),)))


def test_optional_missing_dependency_loads_with_a_warning_event(tmp_path, runtime, events):
    handle = runtime.load(write_plugin(tmp_path, "opt", deps=(("extras", "^3.1", True),)))
    assert handle.state is LifecycleState.RUNNING
    warnings = [e for e in events if e.event_name == "warning"]
    assert len(warnings) == 1
    assert warnings[0].plugin_name == "opt"
    message = warnings[0].details["message"]
    assert "'extras'" in message
    assert "^3.1" in message
    assert "optional" in message
    assert named(events, "error") == []


def test_optional_dependency_present_gives_no_warning(tmp_path, runtime, events):
    runtime.load(write_plugin(tmp_path, "extras", version="3.2.0"))
    runtime.load(write_plugin(tmp_path, "opt", deps=(("extras", "^3.1", True),)))
    assert named(events, "warning") == []
    assert runtime.get("opt").state is LifecycleState.RUNNING


FAILING_INIT = 'let init () : unit = failwith "no database"\nlet answer () = 1\n'


def test_a_failed_dependency_counts_as_missing(tmp_path, events):
    with make_runtime(auto_start=False) as rt:
        rt.on_event(events.append)
        rt.load(write_plugin(tmp_path, "base-lib", code=FAILING_INIT))
        with pytest.raises(FusabiError):
            rt.start("base-lib")
        assert rt.get("base-lib").state is LifecycleState.FAILED
        with pytest.raises(DependencyError, match=r"'base-lib' \^1\.0, which is failed"):
            rt.load(write_plugin(tmp_path, "app", deps=(("base-lib", "^1.0", False),)))
        assert not rt.has_plugin("app")
        # an optional dependent loads, with a warning saying why
        handle = rt.load(write_plugin(tmp_path, "opt", deps=(("base-lib", "^1.0", True),)))
        assert handle.state is LifecycleState.INITIALIZED
        assert any(
            e.event_name == "warning" and "failed" in e.details["message"]
            for e in events
            if e.plugin_name == "opt"
        )


def test_an_unloaded_dependency_counts_as_missing(tmp_path, runtime):
    base = runtime.load(write_plugin(tmp_path, "base-lib"))
    base.unload()  # still registered, but unloaded
    assert runtime.get("base-lib").state is LifecycleState.UNLOADED
    with pytest.raises(DependencyError, match=r"which is unloaded"):
        runtime.load(write_plugin(tmp_path, "app", deps=(("base-lib", "^1.0", False),)))


def test_an_unregistered_dependency_counts_as_missing(tmp_path, runtime):
    runtime.load(write_plugin(tmp_path, "base-lib"))
    runtime.unload("base-lib")
    with pytest.raises(DependencyError, match=r"which is not loaded"):
        runtime.load(write_plugin(tmp_path, "app", deps=(("base-lib", "^1.0", False),)))


def test_a_stopped_dependency_is_still_loaded(tmp_path, runtime):
    runtime.load(write_plugin(tmp_path, "base-lib"))
    runtime.stop("base-lib")
    handle = runtime.load(write_plugin(tmp_path, "app", deps=(("base-lib", "^1.0", False),)))
    assert handle.state is LifecycleState.RUNNING


# ---------------------------------------------------------------------- discover()


@pytest.mark.parametrize("reverse", [False, True], ids=["dirs-in-dep-order", "dirs-reversed"])
def test_discover_loads_dependencies_first_whatever_the_directory_order(tmp_path, reverse):
    # a chain z-core <- m-mid <- a-top, plus a diamond: a-top also needs b-side, which needs
    # z-core.  The names sort in the opposite order of the dependencies.
    plugins = [
        ("z-core", "1.5.0", ()),
        ("m-mid", "2.0.0", (("z-core", "^1.0", False),)),
        ("b-side", "1.0.0", (("z-core", ">=1.5", False),)),
        ("a-top", "1.0.0", (("m-mid", "^2", False), ("b-side", "1.x", False))),
    ]
    for index, (name, version, deps) in enumerate(plugins):
        position = len(plugins) - index if reverse else index
        write_plugin(tmp_path, name, version, deps, directory=f"{position:02d}-{name}")
    events: list[LifecycleEvent] = []
    with make_runtime(tmp_path) as rt:
        rt.on_event(events.append)
        loaded = rt.discover()
        created = named(events, "created")
        assert sorted(created) == ["a-top", "b-side", "m-mid", "z-core"]
        for name, _version, deps in plugins:
            for dep_name, _range, _optional in deps:
                assert created.index(dep_name) < created.index(name), (dep_name, name)
        assert [h.name for h in loaded] == created
        assert all(h.state is LifecycleState.RUNNING for h in loaded)
        assert named(events, "error") == []
        assert rt.call("a-top", "answer") == 42


def test_discover_reports_dependents_of_a_plugin_that_failed_to_load(tmp_path):
    write_plugin(tmp_path, "base-lib", code=FAILING_INIT, directory="b")
    write_plugin(tmp_path, "app", deps=(("base-lib", "^1.0", False),), directory="a")
    write_plugin(tmp_path, "other", directory="c")
    with make_runtime(tmp_path) as rt, pytest.raises(DiscoveryError) as info:
        rt.discover()
    errors = info.value.errors
    assert len(errors) == 2
    dependency_errors = [e for e in errors if isinstance(e, DependencyError)]
    assert len(dependency_errors) == 1
    assert "'app' requires 'base-lib'" in str(dependency_errors[0])
    assert [h.name for h in info.value.loaded] == ["other"]


def test_discover_refuses_a_cycle_and_loads_nothing(tmp_path):
    write_plugin(tmp_path, "alpha", deps=(("beta", "^1.0", False),))
    write_plugin(tmp_path, "beta", deps=(("alpha", "^1.0", False),))
    write_plugin(tmp_path, "gamma")  # not part of the cycle
    (tmp_path / "script.fsx").write_text("let hello () = 1\n", encoding="utf-8")
    events: list[LifecycleEvent] = []
    with make_runtime(tmp_path) as rt:
        rt.on_event(events.append)
        with pytest.raises(DependencyError) as info:
            rt.discover()
        message = str(info.value)
        assert "cycle" in message
        assert message.endswith(("alpha -> beta -> alpha", "beta -> alpha -> beta"))
        assert rt.plugins() == []
        assert named(events, "created") == []


def test_discover_refuses_a_longer_cycle_in_dependency_direction(tmp_path):
    write_plugin(tmp_path, "aa", deps=(("bb", "*", False),))
    write_plugin(tmp_path, "bb", deps=(("cc", "*", False),))
    write_plugin(tmp_path, "cc", deps=(("aa", "*", True),))  # optional still orders
    with make_runtime(tmp_path) as rt:
        with pytest.raises(DependencyError) as info:
            rt.discover()
        cycle = str(info.value).removeprefix("dependency cycle: ")
        rotations = {"aa -> bb -> cc -> aa", "bb -> cc -> aa -> bb", "cc -> aa -> bb -> cc"}
        assert cycle in rotations
        assert rt.plugins() == []


def test_discover_checks_dependencies_on_plugins_loaded_before(tmp_path):
    first = tmp_path / "first"
    second = tmp_path / "second"
    write_plugin(first, "base-lib", version="1.0.0")
    write_plugin(second, "app", deps=(("base-lib", "^1.0", False),))
    write_plugin(second, "new-app", deps=(("base-lib", "^2.0", False),))
    with make_runtime(first, second) as rt:
        rt.load(first / "base-lib")
        with pytest.raises(DiscoveryError) as info:
            rt.discover()
        assert [h.name for h in info.value.loaded] == ["app"]
        assert len(info.value.errors) == 1
        assert "'new-app' requires 'base-lib' ^2.0" in str(info.value.errors[0])


# ---------------------------------------------------------------------- the functions


def manifest(name: str, *deps: str | tuple[str, bool]) -> Manifest:
    entries: list[Dep] = []
    for dep in deps:
        dep_name, optional = (dep, False) if isinstance(dep, str) else dep
        entries.append((dep_name, "*", optional))
    return Manifest.from_toml(manifest_text(name, deps=tuple(entries)))


def test_load_order_puts_every_plugin_after_its_dependencies():
    manifests = {
        m.name: m
        for m in (
            manifest("app", "db", "log"),
            manifest("db", "log", "net"),
            manifest("log"),
            manifest("net", ("log", True)),
            manifest("zz-standalone"),
        )
    }
    order = load_order(manifests)
    assert sorted(order) == sorted(manifests)
    for name, m in manifests.items():
        for dep in m.dependencies:
            assert order.index(dep.name) < order.index(name)


def test_load_order_ignores_dependencies_outside_the_batch():
    order = load_order({"app": manifest("app", "elsewhere", "lib"), "lib": manifest("lib")})
    assert order == ["lib", "app"]


def test_load_order_of_nothing_is_empty():
    assert load_order({}) == []


def test_load_order_does_not_depend_on_insertion_order():
    ms = [manifest("c", "a"), manifest("b"), manifest("a"), manifest("d", "b", "c")]
    forward = load_order({m.name: m for m in ms})
    backward = load_order({m.name: m for m in reversed(ms)})
    assert forward == backward


def test_load_order_shows_a_cycle_in_dependency_direction():
    # x needs y, y needs z, z needs x; w stands apart
    manifests = {
        "w": manifest("w"),
        "x": manifest("x", "y"),
        "y": manifest("y", "z"),
        "z": manifest("z", "x"),
    }
    with pytest.raises(DependencyError) as info:
        load_order(manifests)
    cycle = str(info.value).removeprefix("dependency cycle: ")
    assert cycle in {"x -> y -> z -> x", "y -> z -> x -> y", "z -> x -> y -> z"}


def test_load_order_shows_a_two_plugin_cycle():
    with pytest.raises(DependencyError, match=r"^dependency cycle: (a -> b -> a|b -> a -> b)$"):
        load_order({"a": manifest("a", "b"), "b": manifest("b", "a")})


def lookup(
    table: dict[str, tuple[str, LifecycleState]],
):
    return table.get


def test_check_dependencies_accepts_every_usable_state():
    m = manifest("app", "lib")
    for state in (
        LifecycleState.CREATED,
        LifecycleState.INITIALIZED,
        LifecycleState.RUNNING,
        LifecycleState.STOPPED,
    ):
        assert check_dependencies(m, lookup({"lib": ("1.0.0", state)})) == []


@pytest.mark.parametrize("state", [LifecycleState.FAILED, LifecycleState.UNLOADED])
def test_check_dependencies_refuses_unusable_states(state):
    with pytest.raises(DependencyError, match=rf"requires 'lib' \*, which is {state.value}$"):
        check_dependencies(manifest("app", "lib"), lookup({"lib": ("1.0.0", state)}))


def test_check_dependencies_returns_one_warning_per_missing_optional_dependency():
    m = manifest("app", ("one", True), ("two", True), ("three", True))
    warnings = check_dependencies(m, lookup({"two": ("9.9.9", LifecycleState.RUNNING)}))
    assert len(warnings) == 2
    assert "'one'" in warnings[0]
    assert "'three'" in warnings[1]
    assert all("'app'" in w and "optional" in w for w in warnings)


def test_optional_warning_keeps_plugin_names_intact():
    # the warning is built from the error message: names containing "requires" must survive
    m = manifest("requires-net", ("requires-db", True))
    (warning,) = check_dependencies(m, lookup({}))
    assert "'requires-net'" in warning
    assert "'requires-db'" in warning


def test_discover_loads_a_bare_script_dependency_first(tmp_path):
    (tmp_path / "helper.fsx").write_text("let help () = 1\n", encoding="utf-8")
    write_plugin(tmp_path, "app", deps=(("helper", "*", False),))
    with make_runtime(tmp_path) as rt:
        loaded = rt.discover()
        assert [h.name for h in loaded] == ["helper", "app"]


def test_a_manifest_can_depend_on_a_bare_script_loaded_before(tmp_path, runtime):
    (tmp_path / "helper.fsx").write_text("let help () = 1\n", encoding="utf-8")
    runtime.load(tmp_path / "helper.fsx")
    handle = runtime.load(write_plugin(tmp_path, "app", deps=(("helper", "*", False),)))
    assert handle.state is LifecycleState.RUNNING
