"""Tests of fusabi_host.versions: API versions, SemVer parsing and npm-style ranges.

The range tests check three ways: a table of examples taken from (and checked against) npm's
node-semver semantics, Hypothesis properties that need no oracle (prerelease opt-in, caret and
tilde bounds, normalization), and Hypothesis comparisons with ``semantic_version.NpmSpec``.
NpmSpec deviates from npm in a few documented-by-example ways (see ``ORACLE_QUIRKS``); the
oracle tests steer clear of exactly those cases, and the quirk table pins npm's answer instead.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

import attrs
import pytest
import semantic_version
import semver
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from fusabi_host.versions import HOST_API_VERSION, ApiVersion, VersionRange, parse_version

# --- ApiVersion ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0.18", ApiVersion(0, 18, 0)),
        ("0.18.0", ApiVersion(0, 18, 0)),
        ("0.18.7", ApiVersion(0, 18, 7)),
        ("1.0", ApiVersion(1, 0)),
        ("10.200.3000", ApiVersion(10, 200, 3000)),
    ],
)
def test_api_version_parse(text: str, expected: ApiVersion) -> None:
    assert ApiVersion.parse(text) == expected


@pytest.mark.parametrize(
    "text",
    ["0.x", "", "1", "1.", ".1", "1..2", "1.2.", "1.2.3.4", "+1.2", "-1.2", "1.-2", "1.+2",
     "1.2-rc.1", "1.2.0-rc.1", "1.2+build", " 1.2", "1.2 ", "1.2\n", "v1.2", "1_0.2", "\uff11.2",
     "x.y", "one.two"],
)  # fmt: skip
def test_api_version_parse_rejects(text: str) -> None:
    message = (
        f"invalid API version {text!r}: expected MAJOR.MINOR or MAJOR.MINOR.PATCH "
        "with non-negative integers"
    )
    with pytest.raises(ValueError, match=re.escape(message)):
        ApiVersion.parse(text)


def test_api_version_fields_are_validated() -> None:
    with pytest.raises(ValueError, match="minor must be a non-negative integer"):
        ApiVersion(0, -1)
    with pytest.raises(TypeError, match="major must be an int"):
        ApiVersion("0", 1)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="patch must be an int"):
        ApiVersion(0, 1, 1.0)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="major must be an int, not bool"):
        ApiVersion(True, 1)


def test_api_version_str_and_immutability() -> None:
    assert str(ApiVersion.parse("0.18")) == "0.18.0"
    assert str(ApiVersion(1, 2, 3)) == "1.2.3"
    version = ApiVersion(0, 18)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        version.minor = 19  # type: ignore[misc]
    assert len({ApiVersion(0, 18), ApiVersion.parse("0.18.0")}) == 1


def test_api_version_ordering() -> None:
    ordered = ["0.0.0", "0.0.1", "0.1.0", "0.9.0", "0.10.0", "0.18.0", "0.18.1", "0.19", "1.0",
               "1.0.1", "2.0", "10.0"]  # fmt: skip
    parsed = [ApiVersion.parse(text) for text in ordered]
    assert sorted(reversed(parsed)) == parsed
    assert ApiVersion(0, 18) < ApiVersion(0, 18, 1) < ApiVersion(0, 19) < ApiVersion(1, 0)
    assert max(parsed) == ApiVersion(10, 0)


@pytest.mark.parametrize(
    ("host", "plugin", "compatible"),
    [
        ("0.18.0", "0.18.0", True),
        ("0.18.0", "0.18", True),
        ("0.18.0", "0.18.9", True),  # patch is ignored, even when newer
        ("0.18.0", "0.17.0", True),
        ("0.18.0", "0.17.5", True),
        ("0.18.0", "0.0.0", True),
        ("0.18.0", "0.19.0", False),  # the plugin needs a newer minor
        ("0.18.0", "0.19", False),
        ("0.18.0", "1.0", False),  # majors must match ...
        ("1.0.0", "0.18", False),  # ... in both directions
        ("1.0.0", "0.0", False),
        ("1.2.0", "1.0.0", True),
        ("1.2.0", "1.3.0", False),
        ("2.0.0", "1.9.0", False),
        ("0.21.0", "0.21.4", True),
    ],
)
def test_api_version_compatibility_matrix(host: str, plugin: str, compatible: bool) -> None:
    assert ApiVersion.parse(host).is_compatible_with(ApiVersion.parse(plugin)) is compatible


def test_host_api_version() -> None:
    assert ApiVersion(0, 21, 0) == HOST_API_VERSION
    assert str(HOST_API_VERSION) == "0.21.0"
    assert HOST_API_VERSION.is_compatible_with(ApiVersion.parse("0.18"))
    assert not HOST_API_VERSION.is_compatible_with(ApiVersion.parse("0.22"))


api_versions = st.builds(ApiVersion, st.integers(0, 3), st.integers(0, 5), st.integers(0, 5))


@settings(max_examples=300)
@given(api_versions, api_versions, api_versions)
def test_api_version_compatibility_properties(
    host: ApiVersion, plugin: ApiVersion, other: ApiVersion
) -> None:
    assert host.is_compatible_with(host)
    if host.is_compatible_with(plugin) and other.major == plugin.major and other <= plugin:
        assert host.is_compatible_with(other)  # older plugins of the same major keep loading
    if host.is_compatible_with(plugin):
        assert plugin <= host or plugin.minor == host.minor  # only a newer patch may be ahead
    assert host.is_compatible_with(plugin) == host.is_compatible_with(attrs.evolve(plugin, patch=0))


# --- parse_version ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("0.0.0", (0, 0, 0, None, None)),
        ("1.2.0", (1, 2, 0, None, None)),
        ("1.2.0-rc.1", (1, 2, 0, "rc.1", None)),
        ("1.2.0+build.5", (1, 2, 0, None, "build.5")),
        ("1.0.0-alpha.beta+exp.sha.5114f85", (1, 0, 0, "alpha.beta", "exp.sha.5114f85")),
        ("10.20.30", (10, 20, 30, None, None)),
    ],
)
def test_parse_version(text: str, parts: tuple[object, ...]) -> None:
    version = parse_version(text)
    assert isinstance(version, semver.Version)
    assert version.to_tuple() == parts
    assert str(version) == text


@pytest.mark.parametrize(
    "text",
    ["1.2", "1", "", "v1.2.3", "=1.2.3", "01.2.3", "1.02.3", "1.2.3-", "1.2.3-01", "1.2.3+",
     "1.2.3.4", " 1.2.3", "1.2.3 ", "1.2.3\n", "1.2.x", "^1.2.3", "latest", "1.2.3-a..b"],
)  # fmt: skip
def test_parse_version_rejects(text: str) -> None:
    message = f"{text!r} is not a semantic version (expected MAJOR.MINOR.PATCH, e.g. 1.2.0)"
    with pytest.raises(ValueError, match=re.escape(message)):
        parse_version(text)


# --- VersionRange: examples ------------------------------------------------------------------

# (range, version, contained?) following npm's documented semantics.  Every row here and in
# ORACLE_QUIRKS was also checked against node-semver 7.8.5; the one deliberate difference is
# the last group of ORACLE_QUIRKS.
RANGE_EXAMPLES = [
    # any
    ("*", "1.2.3", True), ("", "0.0.0", True), ("x", "9.9.9", True), ("X", "0.1.0", True),
    ("  ", "2.0.0", True), ("*", "1.2.3-alpha", False), ("", "0.0.0-0", False),
    # exact versions; a "v" is tolerated; build metadata never matters
    ("1.2.3", "1.2.3", True), ("1.2.3", "1.2.4", False), ("1.2.3", "1.2.2", False),
    ("=1.2.3", "1.2.3", True), ("v1.2.3", "1.2.3", True), ("=v1.2.3", "1.2.3", True),
    ("1.2.3", "1.2.3+build.7", True), ("1.2.3-beta.1", "1.2.3-beta.1", True),
    ("1.2.3-beta.1", "1.2.3-beta.2", False),
    # primitive comparators
    (">1.2.3", "1.2.4", True), (">1.2.3", "1.2.3", False), (">=1.2.3", "1.2.3", True),
    (">=1.2.3", "1.2.2", False), ("<1.2.3", "1.2.2", True), ("<1.2.3", "1.2.3", False),
    ("<=1.2.3", "1.2.3", True), ("<=1.2.3", "1.2.4", False), (">1.2.3+b.5", "1.2.3+b.9", False),
    ("<=1.2.3", "1.2.3+b.1", True), (">=v1.2.3", "1.2.3", True),
    # partial versions (X-ranges)
    ("1", "1.0.0", True), ("1", "1.9.9", True), ("1", "2.0.0", False), ("1", "0.9.9", False),
    ("1.2", "1.2.0", True), ("1.2", "1.2.9", True), ("1.2", "1.3.0", False),
    ("1.2", "1.1.9", False), ("1.x", "1.5.0", True), ("1.x", "2.0.0", False),
    ("1.X", "1.0.0", True), ("1.2.x", "1.2.0", True), ("1.2.x", "1.3.0", False),
    ("1.*", "1.4.0", True), ("1.2.*", "1.2.5", True), ("=1.2", "1.2.7", True),
    ("*.*.*", "3.3.3", True), ("1.x.x", "1.3.3", True), ("v1", "1.1.0", True),
    ("1.x", "2.0.0-alpha", False), ("1.x", "1.5.0-alpha", False),
    # comparators with partial versions
    (">1", "2.0.0", True), (">1", "1.9.9", False), (">1.2", "1.3.0", True),
    (">1.2", "1.2.9", False), (">=1.2", "1.2.0", True), (">=1.2", "1.1.9", False),
    ("<1.2", "1.1.9", True), ("<1.2", "1.2.0", False), ("<=1.2", "1.2.9", True),
    ("<=1.2", "1.3.0", False), ("<=1", "1.9.9", True), ("<=1", "2.0.0", False),
    (">=1.x", "1.0.0", True), ("<1.x", "0.9.9", True), ("<1.x", "1.0.0", False),
    ("<*", "0.0.0", False), (">*", "1.0.0", False), (">=*", "0.0.0", True),
    ("<=*", "5.0.0", True), ("=*", "5.0.0", True),
    # caret: changes that keep the leftmost non-zero component
    ("^1.2.3", "1.2.3", True), ("^1.2.3", "1.9.9", True), ("^1.2.3", "2.0.0", False),
    ("^1.2.3", "1.2.2", False), ("^1.2.3", "2.0.0-alpha", False),
    ("^0.2.3", "0.2.3", True), ("^0.2.3", "0.2.9", True), ("^0.2.3", "0.3.0", False),
    ("^0.2.3", "0.2.2", False), ("^0.0.3", "0.0.3", True), ("^0.0.3", "0.0.4", False),
    ("^0.0.3", "0.0.2", False), ("^0.0.0", "0.0.0", True), ("^0.0.0", "0.0.1", False),
    ("^1.2", "1.2.0", True), ("^1.2", "1.9.0", True), ("^1.2", "2.0.0", False),
    ("^1.2", "1.1.9", False), ("^0.2", "0.2.5", True), ("^0.2", "0.3.0", False),
    ("^0.0", "0.0.9", True), ("^0.0", "0.1.0", False), ("^0.x", "0.0.0", True),
    ("^0.x", "0.9.9", True), ("^0.x", "1.0.0", False), ("^1.x", "1.0.0", True),
    ("^1.x", "1.9.9", True), ("^1.x", "2.0.0", False), ("^0.0.x", "0.0.5", True),
    ("^0.0.x", "0.1.0", False), ("^1", "1.5.0", True), ("^1", "2.0.0", False),
    ("^0", "0.5.0", True), ("^0", "1.0.0", False), ("^x", "4.0.0", True),
    ("^v1.2", "1.3.0", True), ("^ 1.2", "1.3.0", True),
    ("^1.2.3-beta.2", "1.2.3-beta.4", True), ("^1.2.3-beta.2", "1.2.4-beta.2", False),
    ("^1.2.3-beta.2", "1.2.3-beta.1", False), ("^1.2.3-beta.2", "1.2.3", True),
    ("^1.2.3-beta.2", "1.9.0", True), ("^1.2.3-beta.2", "2.0.0-beta.2", False),
    # semantic_version issue #128 (caret with a 0.0.x prerelease; it concerns SimpleSpec)
    ("^0.0.2-alpha", "0.0.2-beta", True), ("^0.0.2-alpha", "0.0.2", True),
    ("^0.0.2-alpha", "0.0.3", False), ("^0.0.2-alpha", "0.0.3-alpha", False),
    # tilde: patch-level changes (minor-level if no minor is given)
    ("~1.2.3", "1.2.3", True), ("~1.2.3", "1.2.9", True), ("~1.2.3", "1.3.0", False),
    ("~1.2.3", "1.2.2", False), ("~1.2", "1.2.0", True), ("~1.2", "1.2.9", True),
    ("~1.2", "1.3.0", False), ("~1", "1.0.0", True), ("~1", "1.9.9", True),
    ("~1", "2.0.0", False), ("~0.2.3", "0.2.5", True), ("~0.2.3", "0.3.0", False),
    ("~0.0.3", "0.0.9", True), ("~0.0.3", "0.1.0", False), ("~1.x", "1.7.0", True),
    ("~x", "3.0.0", True), ("~ 1.2", "1.2.1", True),
    ("~1.2.3-beta.2", "1.2.3-beta.4", True), ("~1.2.3-beta.2", "1.2.4-beta.2", False),
    ("~1.2.3-beta.2", "1.2.5", True), ("~1.2.3-beta.2", "1.3.0", False),
    # hyphen ranges, with partial ends
    ("1.2.3 - 2.3.4", "1.2.3", True), ("1.2.3 - 2.3.4", "2.3.4", True),
    ("1.2.3 - 2.3.4", "2.3.5", False), ("1.2.3 - 2.3.4", "1.2.2", False),
    ("1.2 - 2.3.4", "1.2.0", True), ("1.2 - 2.3.4", "1.1.9", False),
    ("1.2.3 - 2.3", "2.3.9", True), ("1.2.3 - 2.3", "2.4.0", False),
    ("1.2.3 - 2.3", "2.4.0-alpha", False), ("1.2.3 - 2", "2.9.9", True),
    ("1.2.3 - 2", "3.0.0", False), ("* - 2", "0.0.0", True), ("1.2.3 - *", "9.0.0", True),
    ("1.2.3   -   2.3.4", "2.0.0", True), ("v1.2.3 - v2", "2.1.0", True),
    ("1.2.3-alpha - 1.2.3", "1.2.3-beta", True), ("1.2.3 - 2.0.0-beta", "2.0.0-rc.1", False),
    ("3 - 2", "2.5.0", False),
    # whitespace = AND, || = OR
    (">=1.0 <2", "1.5.0", True), (">=1.0 <2", "2.0.0", False), (">=1.0 <2", "0.9.0", False),
    (">= 1.0.0", "1.0.0", True), ("> 1.0.0  <  2", "1.5.0", True), ("^1.2 ~1.4", "1.4.5", True),
    ("^1.2 ~1.4", "1.5.0", False), (">=1.2.3 <=1.2.3", "1.2.3", True), (">2 <1", "1.5.0", False),
    ("1.2.7 || >=1.2.9 <2.0.0", "1.2.7", True), ("1.2.7 || >=1.2.9 <2.0.0", "1.2.8", False),
    ("1.2.7 || >=1.2.9 <2.0.0", "1.2.9", True), ("1.2.7 || >=1.2.9 <2.0.0", "2.0.0", False),
    ("<1 || >=3", "2.0.0", False), ("<1 || >=3", "0.5.0", True), ("^1 || ^3", "3.1.0", True),
    ("1.0.0||2.0.0", "2.0.0", True), ("1.0 - 1.5 || 3.x", "1.5.9", True),
    # prerelease opt-in: only via a comparator with a prerelease on the same MAJOR.MINOR.PATCH
    (">=1.2.3-alpha.1", "1.2.3-alpha.7", True), (">=1.2.3-alpha.1", "3.4.5-alpha.9", False),
    (">=1.2.3-alpha.1", "3.4.5", True), (">=1.2.3-alpha.1", "1.2.3-alpha.0", False),
    (">=1.2.3-alpha.1", "1.2.3", True), (">1.2.3-alpha", "1.2.3", True),
    (">1.2.3-alpha.3", "1.2.3-alpha.7", True),
    (">1.2.3-alpha.3", "3.4.5-alpha.9", False), (">1.2.3-alpha.3", "1.2.3-alpha.3", False),
    (">=1.2.3-alpha.1 <1.2.4", "1.2.3-beta", True), ("<1.2.3-beta.2", "1.2.3-beta.1", True),
    ("<1.2.3-beta.2", "1.2.2", True), ("<1.2.3-beta.2", "1.2.2-beta.3", False),
    (">=1.2.3-alpha.1 || >=2.0.0-rc.1", "2.0.0-rc.2", True),
    ("^1.0.0 || 2.0.0-rc.1", "2.0.0-rc.1", True), ("^1.0.0 || 2.0.0-rc.1", "2.0.0-rc.2", False),
    (">=1.2.3", "1.2.4-alpha", False), ("^1.2.3", "1.2.4-alpha", False),
    ("*", "0.0.0-0", False), (">=0.0.0-0", "0.0.0-0", True), (">=0.0.0-0", "0.0.1-0", False),
    # prerelease precedence: numeric identifiers compare numerically and sort before alphanumeric
    (">1.2.3-alpha.2", "1.2.3-alpha.10", True), (">1.2.3-alpha", "1.2.3-1", False),
    (">=1.2.3-0", "1.2.3-alpha", True), (">1.2.3-alpha", "1.2.3-alpha.0", True),
    ("<1.2.3-alpha.beta", "1.2.3-alpha.1", True),
]  # fmt: skip

# Cases where semantic_version.NpmSpec (2.10) answers differently from npm's documented
# semantics; the oracle tests below avoid exactly these shapes.  Each answer here is npm's.
ORACLE_QUIRKS = [
    # Q1: NpmSpec truncates an exact or <= prerelease bound when matching a release of the same
    # MAJOR.MINOR.PATCH, so "=1.2.3-alpha" admits 1.2.3.  By SemVer precedence
    # 1.2.3-alpha < 1.2.3, which npm follows.
    ("=1.2.3-alpha", "1.2.3", False), ("1.2.3-beta.1", "1.2.3", False),
    ("<=1.2.3-rc.1", "1.2.3", False), ("1.0.0 - 1.2.3-rc.1", "1.2.3", False),
    # Q2: NpmSpec gives "~1.2.0-beta" the upper bound 1.2.0 (Version.next_minor() of a .0
    # prerelease is its own release), so it admits nothing above 1.2.0; npm: <1.3.0-0.
    ("~1.2.0-beta", "1.2.5", True), ("~1.2.0-beta", "1.2.0", True),
    ("~1.2.0-beta", "1.2.0-rc.1", True), ("~1.2.0-beta", "1.3.0", False),
    # Q3: NpmSpec lets a prerelease through a comparator set whose bounds all sit on the
    # version's MAJOR.MINOR.PATCH even with no prerelease-tagged comparator (or one the version
    # fails): python-semanticversion issue #100.  npm requires a tagged comparator it satisfies.
    ("<1.2.3-beta.2", "1.2.3-rc.1", False), ("<=1.2.3-alpha.1", "1.2.3-beta", False),
    ("<1.2.3", "1.2.3-alpha", False), ("<=1.2.3", "1.2.3-alpha", False),
    ("<=1.2", "1.3.0-alpha", False), ("<2", "2.0.0-alpha", False), ("<=0", "1.0.0-1", False),
    # Q4: NpmSpec checks the prerelease-tagged comparators of a set apart from the others
    # (ignoring those, for releases too), requires every tagged one to be on the version's
    # MAJOR.MINOR.PATCH, and adds a ">=MAJOR.MINOR.0" guard to tagged upper bounds.  npm checks
    # every comparator and needs just one tagged comparator on the version's MAJOR.MINOR.PATCH.
    (">=1.2.3-alpha 2.x", "1.2.3-beta", False), (">=1.2.3-alpha <1.2.2", "1.2.3-beta", False),
    ("0.0.1-0 - 0.0.0", "0.0.1", False), (">=1.0.0-alpha <2.0.0-beta", "1.0.0-beta", True),
    ("1.0.0 - 1.3.0-beta", "1.3.0-alpha", True), ("2.0.0 - 2.2.0-beta", "2.2.0-0", True),
    ("1.2.3 - 2.0.0-beta", "2.0.0-alpha", True),
    # Q5: NpmSpec matches an exact version with build metadata strictly; npm ignores builds.
    ("1.2.3+build.1", "1.2.3", True), ("1.2.3+build.1", "1.2.3+build.2", True),
    # Not an NpmSpec quirk: node-semver's Range constructor (7.x) collapses "A || *" into "*",
    # dropping the prereleases A opts into.  npm's README defines || as "satisfies at least one
    # set", so we keep A's prereleases (node-semver itself answers False here).
    (">=1.2.3-alpha || *", "1.2.3-beta", True), ("* || >=1.2.3-alpha", "1.2.3-beta", True),
]  # fmt: skip


@pytest.mark.parametrize(("text", "version", "expected"), RANGE_EXAMPLES + ORACLE_QUIRKS)
def test_range_examples(text: str, version: str, expected: bool) -> None:
    version_range = VersionRange.parse(text)
    assert version_range.contains(version) is expected
    assert version_range.contains(parse_version(version)) is expected
    assert (parse_version(version) in version_range) is expected
    assert (version in version_range) is expected


@pytest.mark.parametrize(
    ("text", "bad_part"),
    [
        ("^", "'^'"), (">=>1", "'>=>1'"), ("1.2.3.4", "'1.2.3.4'"), ("~x.y", "'~x.y'"),
        ("garbage", "'garbage'"), ("^1.2 garbage", "'garbage'"), (">=", "'>='"), ("v", "'v'"),
        ("1.x.3", "'1.x.3'"), ("x.1", "'x.1'"), ("^x.1", "'^x.1'"), ("1.2.x-beta", "'1.2.x-beta'"),
        ("1.2-beta", "'1.2-beta'"), ("01.2.3", "'01.2.3'"), ("1.2.3-01", "'1.2.3-01'"),
        ("1.2.3-", "'1.2.3-'"), ("-1", "'-1'"), ("!=1.2", "'!=1.2'"), ("~>1.2", "'~>1.2'"),
        ("> =1", "'>'"), ("1.2.3 -2", "'-2'"), ("1 - 2 - 3", "'-'"),
        ("1.2.3 - 2.3.4 >1", "'-'"), ("1.2.3 - ^2", "'^2'"), ("1.2 ||", "empty alternative"),
        ("|| 1.2", "empty alternative"), ("||", "empty alternative"),
        ("1.2.3 || || 2", "empty alternative"), ("1.2.3 ||| 2", "'|'"),
        ("\uff11.2.3", "'\uff11.2.3'"),
    ],
)  # fmt: skip
def test_range_rejects(text: str, bad_part: str) -> None:
    with pytest.raises(ValueError, match=rf"^invalid version range {re.escape(repr(text))}: .*"
                       + re.escape(bad_part)):  # fmt: skip
        VersionRange.parse(text)


def test_range_rejects_non_strings() -> None:
    with pytest.raises(TypeError, match="must be a str"):
        VersionRange(b"1.2.3")  # type: ignore[arg-type]


def test_range_contains_rejects_bad_versions() -> None:
    with pytest.raises(ValueError, match=re.escape("'1.2' is not a semantic version")):
        VersionRange("^1.2").contains("1.2")
    everything = VersionRange("*")
    assert "1.0.0" in everything  # the range admits every version ...
    assert 1 not in everything  # ... but `in` refuses what is not a version at all
    assert None not in everything


def test_range_text_equality_and_hash() -> None:
    assert str(VersionRange.parse("  >=  1.2   <2 ||   ^3 ")) == ">=1.2 <2 || ^3"
    assert str(VersionRange.parse("1.2.3   -   2")) == "1.2.3 - 2"
    assert str(VersionRange.parse("1||2")) == "1 || 2"
    assert str(VersionRange.parse("")) == ""
    assert VersionRange.parse(">= 1.0.0") == VersionRange.parse(">=1.0.0")
    assert hash(VersionRange.parse(">= 1.0.0")) == hash(VersionRange.parse(">=1.0.0"))
    assert VersionRange.parse("^1.2") != VersionRange.parse(">=1.2.0 <2.0.0-0")  # by text only
    assert VersionRange("^1.2") == VersionRange.parse("^1.2")
    assert repr(VersionRange("^1.2")) == "VersionRange(text='^1.2')"
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        VersionRange("^1.2").text = "^2"  # type: ignore[misc]


# --- VersionRange: properties ----------------------------------------------------------------

PRERELEASES = ["0", "1", "alpha", "alpha.1", "alpha.7", "beta", "beta.2", "rc.1"]
numbers = st.integers(0, 3)  # small, so ranges and versions meet often
wildcards = st.sampled_from(["x", "X", "*"])


class Partial(NamedTuple):
    text: str
    numbers: tuple[int, ...]  # the numeric components given
    prerelease: str | None


class Comparator(NamedTuple):
    op: str  # "-<" and "->" are the low and high ends of a hyphen range
    partial: Partial


Set = list[Comparator]  # one comparator set (an alternative between ||)


ALL_OPS = ("", "=", "<", "<=", ">", ">=", "^", "~")


@st.composite
def partials(draw: st.DrawFn, *, wildcard: bool = True, prerelease: bool = True) -> Partial:
    given_ = tuple(draw(st.lists(numbers, min_size=0 if wildcard else 1, max_size=3)))
    parts = [str(number) for number in given_]
    if len(parts) < 3 and (not parts or draw(st.booleans())):  # spell some wildcards: "1.x", "*"
        parts += [draw(wildcards) for _ in range(draw(st.integers(1, 3 - len(parts))))]
    pre = None
    if len(given_) == 3 and prerelease and draw(st.booleans()):
        pre = draw(st.sampled_from(PRERELEASES))
    return Partial(".".join(parts) + (f"-{pre}" if pre else ""), given_, pre)


@st.composite
def comparator_sets(
    draw: st.DrawFn,
    *,
    ops: Sequence[str] = ALL_OPS,
    hyphens: bool = True,
    oracle_safe: bool = False,
) -> Set:
    """One comparator set; ``oracle_safe`` keeps to what NpmSpec can parse, and (Q4 in
    ORACLE_QUIRKS) allows prerelease tags only in sets of a single comparator."""
    size = draw(st.integers(0 if hyphens else 1, 3))  # 0: a hyphen range
    tags = not oracle_safe or size == 1
    if size == 0:  # NpmSpec rejects a wildcard high end
        return [
            Comparator("-<", draw(partials(prerelease=tags))),
            Comparator("->", draw(partials(wildcard=not oracle_safe, prerelease=tags))),
        ]
    comparators = []
    for op in draw(st.lists(st.sampled_from(ops), min_size=size, max_size=size)):
        # NpmSpec rejects "<*", ">x", "<=*", "^x" and "~x" (npm: nothing, anything, anything)
        wildcard = not oracle_safe or op in ("", "=", ">=")
        comparators.append(Comparator(op, draw(partials(wildcard=wildcard, prerelease=tags))))
    return comparators


def oracle_q2(sets: list[Set]) -> bool:
    """~M.m.0-pre: see Q2 in ORACLE_QUIRKS."""
    return any(
        c.op == "~" and c.partial.prerelease and c.partial.numbers[2] == 0 for s in sets for c in s
    )


def render(sets: list[Set], *, spaced: bool = False) -> str:
    def one(comparators: Set) -> str:
        if comparators[0].op == "-<":
            return " - ".join(c.partial.text for c in comparators)
        return " ".join(c.op + " " * (spaced and bool(c.op)) + c.partial.text for c in comparators)

    return " || ".join(one(comparators) for comparators in sets)


def tuples_of(sets: list[Set]) -> list[tuple[int, ...]]:
    return [c.partial.numbers + (0,) * (3 - len(c.partial.numbers)) for s in sets for c in s]


@st.composite
def versions_near(draw: st.DrawFn, sets: list[Set], *, prerelease: bool) -> str:
    """A version, often on a MAJOR.MINOR.PATCH the range mentions (else they rarely meet)."""
    tuples = st.sampled_from(tuples_of(sets)) | st.tuples(numbers, numbers, numbers)
    major, minor, patch = draw(tuples)
    pre = draw(st.sampled_from(PRERELEASES)) if prerelease else None
    build = draw(st.sampled_from([None, None, "build.7"]))
    return str(semver.Version(major, minor, patch, prerelease=pre, build=build))


def oracle(text: str, version: str) -> bool:
    return bool(semantic_version.NpmSpec(text).match(semantic_version.Version(version)))


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_releases_agree_with_npmspec(data: st.DataObject) -> None:
    sets = data.draw(st.lists(comparator_sets(oracle_safe=True), min_size=1, max_size=3), "sets")
    assume(not oracle_q2(sets))
    version = data.draw(versions_near(sets, prerelease=False), label="version")
    release = semver.Version.parse(version).to_tuple()[:3]
    # Q1 in ORACLE_QUIRKS: an exact or <= bound that is a prerelease of this very release.
    assume(not any(c.op in ("", "=", "<=", "->") and c.partial.prerelease
                   and c.partial.numbers == release for s in sets for c in s))  # fmt: skip
    text = render(sets)
    assert VersionRange.parse(text).contains(version) == oracle(text, version), (text, version)


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_prereleases_agree_with_npmspec(data: st.DataObject) -> None:
    # Q3 in ORACLE_QUIRKS: keep away from upper bounds (<, <= and hyphen ranges).
    safe = comparator_sets(ops=("", "=", ">", ">=", "^", "~"), hyphens=False, oracle_safe=True)
    sets = data.draw(st.lists(safe, min_size=1, max_size=3), label="sets")
    assume(not oracle_q2(sets))
    version = data.draw(versions_near(sets, prerelease=True), label="version")
    text = render(sets)
    assert VersionRange.parse(text).contains(version) == oracle(text, version), (text, version)


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_prereleases_need_a_tagged_comparator_on_their_tuple(data: st.DataObject) -> None:
    """npm's opt-in rule, over the whole grammar: no tagged comparator there, no prerelease."""
    sets = data.draw(st.lists(comparator_sets(), min_size=1, max_size=3), label="sets")
    text = render(sets, spaced=data.draw(st.booleans(), label="spaced"))
    version = semver.Version.parse(data.draw(versions_near(sets, prerelease=True), label="v"))
    on_tuple = [c for s in sets for c in s if c.partial.prerelease
                and c.partial.numbers == version.to_tuple()[:3]]  # fmt: skip
    if VersionRange.parse(text).contains(version):
        assert on_tuple, (text, version)


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_normalized_text_parses_to_the_same_range(data: st.DataObject) -> None:
    sets = data.draw(st.lists(comparator_sets(), min_size=1, max_size=3), label="sets")
    spaced = render(sets, spaced=True).replace(" ", "  ")
    version = data.draw(versions_near(sets, prerelease=data.draw(st.booleans())), label="v")
    parsed = VersionRange.parse(spaced)
    assert parsed == VersionRange.parse(render(sets)) == VersionRange.parse(str(parsed))
    assert str(parsed) == render(sets)
    assert parsed.contains(version) == VersionRange.parse(render(sets)).contains(version)


exact_versions = st.builds(
    lambda major, minor, patch, pre: str(semver.Version(major, minor, patch, prerelease=pre)),
    numbers, numbers, numbers, st.none() | st.sampled_from(PRERELEASES),
)  # fmt: skip
releases = st.builds(semver.Version, st.integers(0, 5), st.integers(0, 5), st.integers(0, 5))
any_versions = st.builds(
    lambda major, minor, patch, pre: semver.Version(major, minor, patch, prerelease=pre),
    st.integers(0, 5), st.integers(0, 5), st.integers(0, 5),
    st.none() | st.sampled_from(PRERELEASES),
)  # fmt: skip


@settings(max_examples=300)
@given(exact_versions, any_versions)
def test_caret_and_tilde_bounds(base: str, version: semver.Version) -> None:
    caret, tilde = VersionRange(f"^{base}"), VersionRange(f"~{base}")
    lowest = VersionRange(f">={base}")
    major, minor, patch = semver.Version.parse(base).to_tuple()[:3]
    top = f"{major + 1}.0.0" if major else f"0.{minor + 1}.0" if minor else f"0.0.{patch + 1}"
    if caret.contains(version):
        assert lowest.contains(version)
        assert version.major == major
        assert version < semver.Version.parse(top)
    if tilde.contains(version):
        assert lowest.contains(version)
        assert (version.major, version.minor) == (major, minor)
    if major or minor:  # ^ is at least as wide as ~, except on 0.0.x where it is narrower
        assert not tilde.contains(version) or caret.contains(version)
    else:
        assert not caret.contains(version) or tilde.contains(version)
    if version >= semver.Version.parse(base) and not version.prerelease:
        assert lowest.contains(version)
        assert tilde.contains(version) == ((version.major, version.minor) == (major, minor))


@settings(max_examples=300)
@given(exact_versions, releases, releases)
def test_lower_and_upper_bounds_are_monotone(
    bound: str, one: semver.Version, other: semver.Version
) -> None:
    low, high = sorted((one, other))
    for op in (">", ">="):
        if VersionRange(f"{op}{bound}").contains(low):
            assert VersionRange(f"{op}{bound}").contains(high)
    for op in ("<", "<="):
        if VersionRange(f"{op}{bound}").contains(high):
            assert VersionRange(f"{op}{bound}").contains(low)
