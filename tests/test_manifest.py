"""Manifests: schema, every rule, one error listing every problem, TOML/JSON both ways."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import semver
from hypothesis import given, settings
from hypothesis import strategies as st

from fusabi_host import ApiVersion, Capabilities, Dependency, Manifest, ManifestError
from fusabi_host.lang.identifiers import is_identifier
from fusabi_host.versions import VersionRange

GOOD = """\
name = "text-stats"
version = "1.2.0"
description = "Counts words"
authors = ["Ada <ada@example.com>"]
license = "MIT"
api-version = "0.18.0"
capabilities = ["fs:read=/data", "time:read"]
source = "main.fsx"
bytecode = "main.fzb"
exports = ["count_words", "init"]
tags = ["text"]

[[dependencies]]
name = "tokenizer"
version = "^1.0"

[[dependencies]]
name = "spell"
version = ">=2.1 <3"
optional = true

[metadata]
category = "text"
"""


def problems_of(text: str) -> list[str]:
    with pytest.raises(ManifestError) as info:
        Manifest.from_toml(text, source="plugin.toml")
    return [str(p) for p in info.value.problems]


def test_a_complete_manifest_reads_into_typed_fields():
    m = Manifest.from_toml(GOOD)
    assert m.name == "text-stats"
    assert m.version == semver.Version(1, 2, 0)
    assert m.api_version == ApiVersion(0, 18, 0)
    assert m.capabilities == Capabilities.of("fs:read=/data", "time:read")
    assert m.dependencies == (
        Dependency(name="tokenizer", version=VersionRange.parse("^1.0")),
        Dependency(name="spell", version=VersionRange.parse(">=2.1 <3"), optional=True),
    )
    assert m.exports == ("count_words", "init")
    assert m.metadata == {"category": "text"}
    assert m.entry == "main.fsx"
    assert m.uses_source


def test_api_version_table_form():
    text = GOOD.replace('api-version = "0.18.0"', "api-version = { major = 0, minor = 19 }")
    assert Manifest.from_toml(text).api_version == ApiVersion(0, 19, 0)


def test_toml_round_trip_uses_kebab_case_and_reads_back_equal():
    m = Manifest.from_toml(GOOD)
    text = m.to_toml()
    assert "[api-version]" in text
    assert "api_version" not in text
    assert Manifest.from_toml(text) == m


def test_json_round_trip():
    m = Manifest.from_toml(GOOD)
    data = json.loads(m.to_json())
    assert data["api-version"] == {"major": 0, "minor": 18, "patch": 0}
    assert Manifest.from_json(m.to_json()) == m


def test_all_problems_are_reported_together_with_file_and_key_path():
    text = """\
name = "Bad Name"
version = "1.0"
api-version = "zero"
capabilites = ["fs:read"]
capabilities = ["fs:read", "fs:teleport"]
source = "../escape.fsx"
exports = ["ok", "ok", "not-an-identifier"]
"""
    with pytest.raises(ManifestError) as info:
        Manifest.from_toml(text, source="plugin.toml")
    message = str(info.value)
    assert "plugin.toml: $.capabilities[1]: unknown capability 'fs:teleport'" in message
    assert (
        "plugin.toml: $.capabilites: unknown key 'capabilites'; did you mean 'capabilities'?"
        in (message)
    )
    assert "plugin.toml: $.name: invalid plugin name 'Bad Name'" in message
    assert "plugin.toml: $.version: '1.0' is not a semantic version" in message
    assert "plugin.toml: $.api-version: invalid API version 'zero'" in message
    assert "plugin.toml: $.source: '../escape.fsx' leaves the plugin directory" in message
    assert "plugin.toml: $.exports[1]: 'ok' is exported twice" in message
    assert "plugin.toml: $.exports[2]: 'not-an-identifier' is not a Fusabi identifier" in message
    assert len(info.value.problems) == 8


def test_toml_syntax_error_names_line_and_column():
    with pytest.raises(ManifestError) as info:
        Manifest.from_toml('name = "x"\nversion = \n', source="plugin.toml")
    problem = info.value.problems[0]
    assert (problem.line, problem.column) == (2, 11)
    assert str(info.value).startswith("plugin.toml: line 2, column 11: invalid TOML")


def test_missing_required_keys_and_entry():
    assert problems_of('name = "x"') == [
        "$: needs an entry file: set 'source' (.fsx) and/or 'bytecode' (.fzb)",
        "$.api-version: required key is missing",
        "$.version: required key is missing",
    ]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ('name = ""', "$.name: must not be empty"),
        ('name = "-x"', "$.name: invalid plugin name '-x'"),
        ("name = 3", "$.name: expected a string, got integer 3"),
        ('version = "01.0.0"', "$.version: '01.0.0' is not a semantic version"),
        ("api-version = { major = 0 }", "$.api-version.minor: required key is missing"),
        ('api-version = { major = 0, minor = "1" }', "$.api-version.minor: expected a non-neg"),
        ("api-version = 18", '$.api-version: expected "MAJOR.MINOR.PATCH" or a table'),
        ('capabilities = "fs:read"', "$.capabilities: expected an array, got string"),
        ('capabilities = ["time:read=/x"]', "$.capabilities[0]: 'time:read' does not take a scope"),
        ('capabilities = ["random", "random"]', "$.capabilities[1]: capability 'random' is listed"),
        ('source = "/abs/main.fsx"', "$.source: '/abs/main.fsx' is absolute"),
        (
            'source = "main.py"',
            "$.source: 'main.py' should be a Fusabi source file ending in '.fsx'",
        ),
        ('source = "a\\\\b.fsx"', "$.source: 'a\\b.fsx' must be a relative path"),
        ('bytecode = "main.fsx"', "$.bytecode: 'main.fsx' should be a Fusabi bytecode file"),
        ('exports = ["let"]', "$.exports[0]: 'let' is not a Fusabi identifier"),
        ('tags = [""]', "$.tags[0]: must not be empty"),
        ("authors = [1]", "$.authors[0]: expected a string, got integer 1"),
        ("metadata = { n = 3 }", "$.metadata.n: metadata values must be strings, got integer 3"),
        ("license = true", "$.license: expected a string, got boolean true"),
    ],
)
def test_each_rule(line, expected):
    key = line.split("=")[0].strip()
    lines = [
        row
        for row in GOOD.split("\n[", maxsplit=1)[0].splitlines()
        if not row.startswith(key + " ")
    ]
    text = "\n".join([line, *lines]) + "\n"
    assert any(p.startswith(expected) for p in problems_of(text)), problems_of(text)


def test_dependency_rules():
    text = GOOD + '\n[[dependencies]]\nname = "tokenizer"\nversion = "~1.2.3.4"\nextra = 1\n'
    problems = problems_of(text)
    assert "$.dependencies[2].extra: unknown key 'extra'" in problems
    assert any(
        p.startswith("$.dependencies[2].version: invalid version range '~1.2.3.4'")
        for p in problems
    )
    text = GOOD + '\n[[dependencies]]\nname = "tokenizer"\nversion = "1.x"\n'
    assert "$.dependencies[2].name: dependency 'tokenizer' is listed twice" in problems_of(text)
    text = GOOD + '\n[[dependencies]]\nname = "text-stats"\nversion = "*"\n'
    assert "$.dependencies[2].name: a plugin cannot depend on itself" in problems_of(text)


@pytest.mark.parametrize(
    "range_text", ["^1.0", "~1.2.3", ">=1.0 <2", "1.x", "*", "^1.0 || ^2.0", "1.2.3 - 2.0.0"]
)
def test_npm_style_dependency_ranges_are_accepted(range_text):
    text = GOOD.replace('version = "^1.0"', f'version = "{range_text}"')
    assert str(Manifest.from_toml(text).dependencies[0].version) == range_text


def test_from_file_rejects_symlinks_that_escape_the_plugin_dir(tmp_path: Path):
    outside = tmp_path / "secret.fsx"
    outside.write_text("let x = 1\n")
    plugin = tmp_path / "plugin"
    plugin.mkdir()
    os.symlink(outside, plugin / "main.fsx")
    (plugin / "plugin.toml").write_text(
        'name = "p"\nversion = "1.0.0"\napi-version = "0.18.0"\nsource = "main.fsx"\n'
    )
    with pytest.raises(ManifestError) as info:
        Manifest.from_file(plugin / "plugin.toml")
    assert "$.source: 'main.fsx' resolves to" in str(info.value)
    assert "outside the plugin directory" in str(info.value)
    assert str(info.value).startswith(str(plugin / "plugin.toml"))


def test_from_file_accepts_symlinks_inside_the_plugin_dir(tmp_path: Path):
    plugin = tmp_path / "plugin"
    (plugin / "src").mkdir(parents=True)
    (plugin / "src" / "real.fsx").write_text("let x = 1\n")
    os.symlink(plugin / "src" / "real.fsx", plugin / "main.fsx")
    (plugin / "plugin.toml").write_text(
        'name = "p"\nversion = "1.0.0"\napi-version = "0.18.0"\nsource = "main.fsx"\n'
    )
    assert Manifest.from_file(plugin / "plugin.toml").source == "main.fsx"


def test_from_file_reports_a_missing_file(tmp_path: Path):
    with pytest.raises(ManifestError, match=r"plugin.toml: \$: cannot read manifest"):
        Manifest.from_file(tmp_path / "plugin.toml")


def test_json_manifest_file(tmp_path: Path):
    path = tmp_path / "plugin.json"
    path.write_text(Manifest.from_toml(GOOD).to_json())
    assert Manifest.from_file(path).name == "text-stats"
    path.write_text('{"name": "x",\n "version": }')
    with pytest.raises(ManifestError, match=r"line 2, column 13: invalid JSON"):
        Manifest.from_file(path)


def test_validate_rechecks_a_manifest_built_in_python():
    m = Manifest(
        name="ok", version=semver.Version(1, 0, 0), api_version=ApiVersion(0, 18), source="a.fsx"
    )
    m.validate()
    bad = Manifest(name="Not OK", version=semver.Version(1, 0, 0), api_version=ApiVersion(0, 18))
    with pytest.raises(ManifestError) as info:
        bad.validate()
    assert [p.path for p in info.value.problems] == ["$", "$.name"]


def test_manifest_is_frozen():
    m = Manifest.from_toml(GOOD)
    with pytest.raises(AttributeError):
        m.name = "other"  # type: ignore[misc]
    with pytest.raises(TypeError):
        m.metadata["x"] = "y"  # type: ignore[index]


# -- property: any valid manifest survives TOML and JSON round trips

names = st.from_regex(r"[a-z0-9][a-z0-9._-]{0,12}", fullmatch=True)
idents = st.from_regex(r"[a-z_][A-Za-z0-9_]{0,8}", fullmatch=True).filter(is_identifier)
texts = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=20)
capability_names = st.sampled_from(
    [
        "fs:read",
        "fs:read=/data",
        "net:request=*.example.com:443",
        "time:read",
        "random",
        "env:read=HOME",
    ]
)
manifests = st.builds(
    Manifest,
    name=names,
    version=st.builds(semver.Version, st.integers(0, 20), st.integers(0, 20), st.integers(0, 20)),
    api_version=st.builds(ApiVersion, st.integers(0, 3), st.integers(0, 30), st.integers(0, 9)),
    description=st.none() | texts,
    authors=st.lists(texts, max_size=3).map(tuple),
    license=st.none() | texts,
    capabilities=st.lists(capability_names, unique=True, max_size=4).map(
        lambda c: Capabilities.of(*c)
    ),
    source=st.sampled_from(["main.fsx", "src/plugin.fsx"]),
    bytecode=st.none() | st.just("main.fzb"),
    exports=st.lists(idents, unique=True, max_size=4).map(tuple),
    tags=st.lists(texts.filter(str.strip), max_size=3).map(tuple),
    metadata=st.dictionaries(idents, texts, max_size=3),
    dependencies=st.lists(
        st.builds(
            Dependency,
            name=names,
            version=st.sampled_from(["^1.0", "~2.1", "*", ">=1 <3"]).map(VersionRange.parse),
            optional=st.booleans(),
        ),
        max_size=3,
        unique_by=lambda d: d.name,
    ).map(tuple),
).filter(lambda m: all(d.name != m.name for d in m.dependencies))


@settings(max_examples=150)
@given(manifests)
def test_round_trips(manifest):
    assert Manifest.from_toml(manifest.to_toml()) == manifest
    assert Manifest.from_json(manifest.to_json()) == manifest
