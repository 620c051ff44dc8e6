"""fusabi_host_contrib.policies.allowlist: real allowlist files, real runtimes, real plugins."""

from __future__ import annotations

import os
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from fusabi_host import (
    Capabilities,
    CapabilityError,
    ConfigError,
    EngineConfig,
    LoaderConfig,
    PluginLoader,
    PluginRuntime,
    RuntimeConfig,
)
from fusabi_host.manager import HostPluginManager
from fusabi_host_contrib.policies import allowlist
from fusabi_host_contrib.policies.allowlist import Allowlist, AllowlistPolicy, PolicyFileError

REPO = Path(__file__).resolve().parents[2]
FILE_DIGEST = REPO / "examples" / "plugins" / "file-digest"
TEXT_STATS = REPO / "examples" / "plugins" / "text-stats"


@pytest.fixture(autouse=True)
def _no_global_allowlist(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every test starts with no file configured, and leaves none configured."""
    monkeypatch.delenv(allowlist.ENV_VAR, raising=False)
    allowlist.configure(None)
    yield
    allowlist.configure(None)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    directory = tmp_path / "data"
    directory.mkdir()
    (directory / "notes.txt").write_text("one\ntwo\n\nthree\n", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("secret\n", encoding="utf-8")
    return directory


def write(path: Path, text: str) -> Path:
    """Write *text* and make sure the modification time moves even on coarse clocks."""
    before = path.stat().st_mtime_ns if path.exists() else 0
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    if path.stat().st_mtime_ns <= before:
        os.utime(path, ns=(before + 1_000_000_000, before + 1_000_000_000))
    return path


def offering(*names: str) -> RuntimeConfig:
    offered = Capabilities.safe_defaults().with_(*names)
    return RuntimeConfig(
        enable_extensions=("allowlist",),
        loader=LoaderConfig(engine=EngineConfig(capabilities=offered)),
    )


def test_the_policy_is_opt_in_and_registered_by_its_entry_point_name():
    assert not HostPluginManager().has_extension("allowlist")
    manager = HostPluginManager(enable=["allowlist"])
    assert manager.has_extension("allowlist")
    assert [f for f in manager.failures if f.name == "allowlist"] == []


def test_env_variable_file_narrows_file_digest_to_the_allowed_directory(
    tmp_path: Path, data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    policy_file = write(
        tmp_path / "allowlist.toml",
        f"""\
        [sets.readers]
        capabilities = ["fs:read={data}", "time:read"]

        [plugins]
        "file-digest" = ["readers"]
        """,
    )
    monkeypatch.setenv(allowlist.ENV_VAR, str(policy_file))
    # the host offers all of tmp_path; the allowlist gives only tmp_path/data
    with PluginRuntime(offering(f"fs:read={tmp_path}")) as runtime:
        handle = runtime.load(FILE_DIGEST)
        assert handle.capabilities == Capabilities.of(f"fs:read={data}")
        digest = runtime.call("file-digest", "digest", [str(data / "notes.txt")])
        assert digest["nonEmpty"] == 3
        with pytest.raises(CapabilityError):
            runtime.call("file-digest", "digest", [str(tmp_path / "secret.txt")])


def test_an_unlisted_plugin_gets_nothing(tmp_path: Path, data: Path) -> None:
    policy_file = write(
        tmp_path / "allowlist.toml",
        f"""\
        [sets.readers]
        capabilities = ["fs:read={data}"]
        [plugins]
        "text-stats" = ["readers"]
        """,
    )
    allowlist.configure(policy_file)
    with PluginRuntime(offering(f"fs:read={tmp_path}")) as runtime:
        with pytest.raises(CapabilityError, match="refused by 'allowlist': fs:read") as info:
            runtime.load(FILE_DIGEST)
        assert info.value.plugin == "file-digest"
        # a plugin that requests nothing loads whatever the allowlist says
        assert runtime.load(TEXT_STATS).capabilities == Capabilities.none()


def test_glob_patterns_and_several_sets_are_united(
    tmp_path: Path, make_plugin: Callable[..., Path]
) -> None:
    make_plugin(
        "report-daily",
        manifest="""\
        name = "report-daily"
        version = "1.0.0"
        api-version = "0.18.0"
        source = "main.fsx"
        capabilities = ["time:read", "net:request", "random"]
        """,
    )
    make_plugin(
        "reporter",
        manifest="""\
        name = "reporter"
        version = "1.0.0"
        api-version = "0.18.0"
        source = "main.fsx"
        capabilities = ["time:read"]
        """,
    )
    policy_file = write(
        tmp_path / "allowlist.toml",
        """\
        [sets.readers]
        capabilities = ["time:read"]
        [sets.net]
        capabilities = ["net:request=api.example.com"]
        [sets.dice]
        capabilities = ["random"]

        [plugins]
        "report-*" = ["readers", "net"]
        "report-d[a-z]*" = ["dice"]
        """,
    )
    allowlist.configure(policy_file)
    with PluginRuntime(offering("net:request")) as runtime:
        handle = runtime.load(tmp_path / "report-daily")
        assert handle.capabilities == Capabilities.of(
            "time:read", "random", "net:request=api.example.com"
        )
        with pytest.raises(CapabilityError, match="refused by 'allowlist': time:read"):
            runtime.load(tmp_path / "reporter")  # 'report-*' needs the dash


def test_manifest_tags_select_sets(tmp_path: Path, data: Path) -> None:
    # file-digest's manifest has tags = ["files"]
    policy_file = write(
        tmp_path / "allowlist.toml",
        f"""\
        [sets.readers]
        capabilities = ["fs:read={data}"]
        [tags]
        "fil*" = ["readers"]
        """,
    )
    allowlist.configure(policy_file)
    with PluginRuntime(offering(f"fs:read={tmp_path}")) as runtime:
        assert runtime.load(FILE_DIGEST).capabilities == Capabilities.of(f"fs:read={data}")


def test_a_plugin_loader_with_the_policy_enabled(tmp_path: Path, data: Path) -> None:
    policy_file = write(
        tmp_path / "allowlist.toml",
        f"""\
        sets.readers.capabilities = ["fs:read={data}"]
        plugins.file-digest = ["readers"]
        """,
    )
    allowlist.configure(policy_file)
    manager = HostPluginManager(enable=["allowlist"])
    config = LoaderConfig(engine=EngineConfig(capabilities=Capabilities.of("fs:read")))
    handle = PluginLoader(config, manager=manager).load_from_manifest(FILE_DIGEST / "plugin.toml")
    assert handle.capabilities == Capabilities.of(f"fs:read={data}")


def test_the_file_is_reread_when_it_changes(tmp_path: Path, data: Path) -> None:
    other = tmp_path / "other"
    other.mkdir()
    (other / "x.txt").write_text("x\n", encoding="utf-8")
    policy_file = tmp_path / "allowlist.toml"
    body = """\
        [sets.readers]
        capabilities = ["fs:read={directory}"]
        [plugins]
        "file-digest" = ["readers"]
        """
    write(policy_file, body.format(directory=data))
    allowlist.configure(policy_file)
    with PluginRuntime(offering(f"fs:read={tmp_path}")) as runtime:
        assert runtime.load(FILE_DIGEST).capabilities == Capabilities.of(f"fs:read={data}")
        write(policy_file, body.format(directory=other))
        handle = runtime.reload("file-digest")
        assert handle.capabilities == Capabilities.of(f"fs:read={other}")
        assert runtime.call("file-digest", "digest", [str(other / "x.txt")])["lines"] == 1
        # now the file lists nobody: the reload fails, the running version keeps its grant
        write(policy_file, body.format(directory=other).replace('"file-digest"', '"someone"'))
        with pytest.raises(CapabilityError, match="refused by 'allowlist'"):
            runtime.reload("file-digest")
        assert runtime.get("file-digest").capabilities == Capabilities.of(f"fs:read={other}")


def test_a_per_runtime_policy_object(tmp_path: Path, data: Path) -> None:
    policy_file = write(
        tmp_path / "mine.toml",
        f"""\
        [sets.readers]
        capabilities = ["fs:read={data}"]
        [plugins]
        "*" = ["readers"]
        """,
    )
    config = offering(f"fs:read={tmp_path}")
    with PluginRuntime(RuntimeConfig(loader=config.loader)) as runtime:
        runtime.manager.register(AllowlistPolicy(policy_file), "mine")
        assert runtime.load(FILE_DIGEST).capabilities == Capabilities.of(f"fs:read={data}")


def test_a_bare_script_gets_what_is_offered_and_allowed(tmp_path: Path) -> None:
    script = tmp_path / "clock.fsx"
    script.write_text("let answer () = 42\n", encoding="utf-8")
    policy_file = write(
        tmp_path / "allowlist.toml",
        """\
        [sets.clock]
        capabilities = ["time:read", "fs:read=/srv"]
        [plugins]
        clock = ["clock"]
        """,
    )
    allowlist.configure(policy_file)
    with PluginRuntime(offering()) as runtime:  # safe defaults: no fs:read
        handle = runtime.load_source(script)
        assert handle.capabilities == Capabilities.of("time:read")
        assert runtime.call("clock", "answer") == 42


# ---------------------------------------------------------------------------- errors


def test_no_file_configured_denies_everything(
    data: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with (
        PluginRuntime(offering(f"fs:read={tmp_path}")) as runtime,
        pytest.raises(CapabilityError, match="refused by 'allowlist'"),
    ):
        runtime.load(FILE_DIGEST)
    assert allowlist.ENV_VAR in caplog.text


def test_invalid_toml_names_file_and_line(tmp_path: Path) -> None:
    policy_file = write(
        tmp_path / "allowlist.toml",
        """\
        [sets.readers]
        capabilities = ["time:read" "random"]
        """,
    )
    with pytest.raises(PolicyFileError) as info:
        allowlist.configure(policy_file)
    error = info.value
    assert isinstance(error, ConfigError)
    assert error.source == str(policy_file)
    assert error.line == 2
    assert str(error).startswith(f"{policy_file}:2:")
    assert "invalid TOML" in str(error)
    assert allowlist.configured_path() is None  # a failed configure changes nothing


def test_unknown_set_and_capability_name_field_and_line(tmp_path: Path) -> None:
    policy_file = write(
        tmp_path / "allowlist.toml",
        """\
        [sets.readers]
        capabilities = [
            "time:read",
            "fs:raed=/srv/data",
        ]

        [plugins]
        "text-stats" = ["readers"]
        "report-*" = ["readers", "net"]
        """,
    )
    with pytest.raises(PolicyFileError) as info:
        allowlist.load(policy_file)
    problems = [(p.path, p.line) for p in info.value.problems]
    assert problems == [("sets.readers.capabilities[1]", 4), ('plugins."report-*"[1]', 9)]
    assert info.value.field == "sets.readers.capabilities[1]"
    assert info.value.line == 4
    text = str(info.value)
    assert f"{policy_file}:4: sets.readers.capabilities[1]: unknown capability 'fs:raed'" in text
    assert "did you mean 'fs:read'" in text
    assert f"{policy_file}:9: plugins.\"report-*\"[1]: unknown set 'net'" in text


@pytest.mark.parametrize(
    ("text", "field", "message"),
    [
        ("[plugin]\nx = ['a']\n", "plugin", "did you mean 'plugins'"),
        ("[sets.a]\ncapabilities = 'time:read'\n", "sets.a.capabilities", "expected an array"),
        ("[sets.a]\ndescription = 'x'\n", "sets.a.capabilities", "required key is missing"),
        ("[sets.a]\ncapabilites = []\n", "sets.a.capabilites", "did you mean 'capabilities'"),
        ("[sets.a]\ncapabilities = ['time:read=/x']\n", "sets.a.capabilities[0]", "scope"),
        ("[sets.a]\ncapabilities = ['fs:read=data']\n", "sets.a.capabilities[0]", "absolute"),
        ("[sets.a]\ncapabilities = []\n[plugins]\nx = 'a'\n", "plugins.x", "array of set"),
        ("plugins = ['x']\n", "plugins", "expected a table"),
    ],
)
def test_schema_errors(tmp_path: Path, text: str, field: str, message: str) -> None:
    policy_file = write(tmp_path / "allowlist.toml", text)
    with pytest.raises(PolicyFileError) as info:
        allowlist.load(policy_file)
    problem = next(p for p in info.value.problems if p.path == field)
    assert message in problem.message
    assert problem.line is not None
    assert f"{policy_file}:{problem.line}: {field}: " in str(info.value)


def test_a_missing_file_is_reported(tmp_path: Path) -> None:
    with pytest.raises(PolicyFileError, match="cannot read the allowlist"):
        allowlist.configure(tmp_path / "absent.toml")


def test_a_file_broken_later_denies_everything_until_fixed(
    tmp_path: Path, data: Path, caplog: pytest.LogCaptureFixture
) -> None:
    policy_file = tmp_path / "allowlist.toml"
    good = f"""\
        [sets.readers]
        capabilities = ["fs:read={data}"]
        [plugins]
        "file-digest" = ["readers"]
        """
    write(policy_file, good)
    allowlist.configure(policy_file)
    with PluginRuntime(offering(f"fs:read={tmp_path}")) as runtime:
        runtime.load(FILE_DIGEST)
        write(policy_file, good.replace('["readers"]', '["raeders"]'))
        with pytest.raises(CapabilityError, match="refused by 'allowlist'"):
            runtime.reload("file-digest")
        assert "unknown set 'raeders'; did you mean 'readers'?" in caplog.text
        write(policy_file, good)
        assert runtime.reload("file-digest").capabilities == Capabilities.of(f"fs:read={data}")


def test_allowlist_object_api() -> None:
    parsed = Allowlist.from_toml(
        """
        [sets.a]
        capabilities = ["time:read"]
        [sets.b]
        capabilities = ["random"]
        [plugins]
        "x-*" = ["a"]
        [tags]
        dice = ["b", "a"]
        """
    )
    assert parsed.set_names_for("x-1", ["dice"]) == ("a", "b")
    assert parsed.allowed("y", ["dice"]) == Capabilities.of("time:read", "random")
    assert parsed.allowed("y") == Capabilities.none()
