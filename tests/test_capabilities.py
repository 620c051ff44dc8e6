"""Capabilities: names, danger, scopes, the immutable set algebra and covers()."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fusabi_host import Capabilities, Capability
from fusabi_host.capabilities import parse_capability

UPSTREAM_NAMES = {
    "fs:read", "fs:write", "fs:execute", "net:request", "net:listen", "process:exec",
    "env:read", "env:write", "time:read", "random", "stdin:read", "stdout:write",
    "stderr:write", "metrics", "logging", "async:spawn", "crypto", "serialize",
}  # fmt: skip
DANGEROUS = {
    "fs:write", "fs:execute", "process:exec", "net:listen", "env:write", "net:request",
    "env:read",
}  # fmt: skip


def test_the_eighteen_upstream_names_and_which_are_dangerous():
    assert {c.value for c in Capability} == UPSTREAM_NAMES
    assert {c.value for c in Capability if c.is_dangerous} == DANGEROUS


def test_unknown_name_suggests_the_closest():
    with pytest.raises(ValueError, match=r"unknown capability 'fs:raed'; did you mean 'fs:read'"):
        Capability.from_name("fs:raed")


def test_presets():
    assert len(Capabilities.none()) == 0
    assert set(Capabilities.all()) == set(Capability)
    assert Capabilities.safe_defaults().names() == (
        "logging", "random", "serialize", "stderr:write", "stdout:write", "time:read",
    )  # fmt: skip
    assert not Capabilities.safe_defaults().has_dangerous
    assert Capabilities.all().has_dangerous


def test_of_with_and_without_are_immutable():
    base = Capabilities.of("fs:read", "time:read")
    more = base.with_("net:request=api.example.com")
    less = more.without("fs:read")
    assert base.names() == ("fs:read", "time:read")
    assert more.names() == ("fs:read", "net:request=api.example.com", "time:read")
    assert less.names() == ("net:request=api.example.com", "time:read")
    with pytest.raises(AttributeError):
        base._grants = {}  # type: ignore[misc]


def test_scoped_forms_parse_and_normalise():
    assert parse_capability("fs:read=/data, /tmp/x/../y") == (
        Capability.FS_READ,
        frozenset({"/data", "/tmp/y"}),
    )
    assert parse_capability("net:request=API.Example.com,*.corp:443")[1] == frozenset(
        {"api.example.com", "*.corp:443"}
    )
    assert parse_capability("env:read=HOME,APP_*")[1] == frozenset({"HOME", "APP_*"})
    assert parse_capability("process:exec=git")[1] == frozenset({"git"})


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("time:read=x", "does not take a scope"),
        ("fs:read=data", "must be an absolute path"),
        ("fs:read=", "empty scope entry"),
        ("net:request=a*.corp", "wildcard is only allowed as a leading"),
        ("net:request=host:99999", "invalid port"),
        ("env:read=A-B", "not an environment variable name"),
        ("process:exec=git * push", "only allowed as the last word"),
        ("process:exec=bin/git", "must be a command name"),
    ],
)
def test_bad_scopes_are_rejected_with_a_reason(text, message):
    with pytest.raises(ValueError, match=message):
        parse_capability(text)


def test_unscoped_grant_covers_every_scope():
    caps = Capabilities.of("fs:read")
    assert caps.covers("fs:read", "/etc/passwd")
    assert caps.covers(Capability.FS_READ)
    assert not caps.covers("fs:write", "/tmp/x")


def test_path_scopes_cover_subtrees_only():
    caps = Capabilities.of("fs:read=/data,/tmp/x")
    assert caps.covers("fs:read", "/data")
    assert caps.covers("fs:read", "/data/a/b.txt")
    assert caps.covers("fs:read", "/tmp/x/y")
    assert not caps.covers("fs:read", "/database")
    assert not caps.covers("fs:read", "/data/../etc/passwd")
    assert not caps.covers("fs:read", "relative/path")
    assert Capabilities.of("fs:read=/").covers("fs:read", "/anything")


def test_host_scopes():
    caps = Capabilities.of("net:request=api.example.com,*.corp:443")
    assert caps.covers("net:request", "api.example.com")
    assert caps.covers("net:request", "API.EXAMPLE.COM:8080")
    assert caps.covers("net:request", "db.corp:443")
    assert caps.covers("net:request", "a.b.corp:443")
    assert not caps.covers("net:request", "corp:443")
    assert not caps.covers("net:request", "db.corp:80")
    assert not caps.covers("net:request", "evilcorp:443")
    assert not caps.covers("net:request", "example.com")


def test_variable_and_command_scopes():
    caps = Capabilities.of("env:read=HOME,APP_*", "process:exec=git")
    assert caps.covers("env:read", "HOME")
    assert caps.covers("env:read", "APP_TOKEN")
    assert not caps.covers("env:read", "PATH")
    assert caps.covers("process:exec", "git")
    assert not caps.covers("process:exec", "/tmp/evil/git")


def test_union_merges_scopes_and_unscoped_wins():
    a = Capabilities.of("fs:read=/a")
    b = Capabilities.of("fs:read=/b", "time:read")
    assert (a | b).names() == ("fs:read=/a,/b", "time:read")
    assert (a | Capabilities.of("fs:read")).names() == ("fs:read",)


def test_intersection_narrows_scopes():
    assert (Capabilities.of("fs:read") & Capabilities.of("fs:read=/data")).names() == (
        "fs:read=/data",
    )
    assert (
        Capabilities.of("fs:read=/data") & Capabilities.of("fs:read=/data/sub,/other")
    ).names() == ("fs:read=/data/sub",)
    assert (Capabilities.of("fs:read=/a") & Capabilities.of("fs:read=/b")).names() == ()
    assert (Capabilities.of("time:read", "random") & Capabilities.of("random")).names() == (
        "random",
    )


def test_subset_and_missing_from():
    granted = Capabilities.of("fs:read=/data", "time:read")
    assert Capabilities.of("fs:read=/data/x") <= granted
    assert not Capabilities.of("fs:read") <= granted
    assert Capabilities.of("fs:read=/etc", "random").missing_from(granted).names() == (
        "fs:read=/etc",
        "random",
    )
    assert "fs:read=/data/y" in granted
    assert "fs:write" not in granted
    assert "nonsense" not in granted


def test_without_a_scope():
    caps = Capabilities.of("fs:read=/a,/b")
    assert caps.without("fs:read=/a").names() == ("fs:read=/b",)
    assert caps.without("fs:read=/a", "fs:read=/b").names() == ()
    with pytest.raises(ValueError, match="cannot remove scope"):
        Capabilities.of("fs:read").without("fs:read=/a")


def test_equality_hash_and_display():
    assert Capabilities.of("random", "crypto") == Capabilities.of("crypto", "random")
    assert hash(Capabilities.of("random")) == hash(Capabilities.of("random"))
    assert str(Capabilities.none()) == "(none)"
    assert repr(Capabilities.of("random")) == "Capabilities.of('random')"


# -- properties: intersection never widens, union never narrows

SCOPED = st.sampled_from(
    [
        "fs:read", "fs:read=/data", "fs:read=/data/sub", "fs:read=/tmp", "fs:write=/tmp",
        "net:request", "net:request=*.corp", "net:request=a.corp", "env:read=HOME",
        "env:read=APP_*", "env:read=APP_X", "time:read", "random", "process:exec=git",
    ]
)  # fmt: skip
CAPS = st.lists(SCOPED, max_size=6).map(lambda names: Capabilities.of(*names))
RESOURCES = st.sampled_from(
    [
        ("fs:read", "/data/x"), ("fs:read", "/data/sub/y"), ("fs:read", "/tmp/z"),
        ("fs:write", "/tmp/z"), ("net:request", "a.corp"), ("net:request", "b.corp"),
        ("env:read", "HOME"), ("env:read", "APP_X"), ("env:read", "APP_Y"),
        ("time:read", None), ("process:exec", "git"),
    ]
)  # fmt: skip


@given(CAPS, CAPS, RESOURCES)
def test_intersection_never_covers_more_than_either_side(a, b, resource):
    capability, target = resource
    both = a & b
    if both.covers(capability, target):
        assert a.covers(capability, target)
        assert b.covers(capability, target)
    assert both <= a
    assert both <= b


@given(CAPS, CAPS, RESOURCES)
def test_union_covers_what_either_side_covers(a, b, resource):
    capability, target = resource
    if a.covers(capability, target) or b.covers(capability, target):
        assert (a | b).covers(capability, target)


@given(CAPS)
def test_names_round_trip(caps):
    assert Capabilities.of(*caps.names()) == caps
