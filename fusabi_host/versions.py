"""Version numbers and version ranges: which plugins this host can load, and which they need.

Two unrelated kinds of version meet in a plugin host, and this module keeps them apart:

* :class:`ApiVersion` is the version of the *plugin API* -- the contract between the host and
  a plugin's code.  A manifest names the API it was written against (``api-version = "0.18"``);
  the host loads the plugin only if :meth:`ApiVersion.is_compatible_with` says so (the same rule
  upstream Fusabi uses: same major, and the host's minor at least the plugin's).
  :data:`HOST_API_VERSION` is the API this host implements.
* Plugin *package* versions are strict SemVer 2.0.0 (:func:`parse_version`, which returns a
  :class:`semver.Version`), and what one plugin requires of another is an npm-style range
  (:class:`VersionRange`: ``^1.2``, ``~1.2.3``, ``>=1.0 <2 || 3.x`` ...).  npm's syntax is what
  plugin authors already know, and python-semver has no caret, tilde or ``||``, so the ranges are
  implemented here, on top of python-semver's ordering.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable
from typing import Final, NamedTuple

import attrs
import semver

__all__ = ["HOST_API_VERSION", "ApiVersion", "VersionRange", "parse_version"]


def _check_component(_instance: object, attribute: attrs.Attribute[int], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{attribute.name} must be an int, not {type(value).__name__}")
    if value < 0:
        raise ValueError(f"{attribute.name} must be a non-negative integer, not {value}")


_API_VERSION_RE: Final = re.compile(r"([0-9]+)\.([0-9]+)(?:\.([0-9]+))?")


@attrs.frozen(order=True)
class ApiVersion:
    """The version of the plugin API, ``MAJOR.MINOR[.PATCH]``; ordered like a tuple."""

    major: int = attrs.field(validator=_check_component)
    minor: int = attrs.field(validator=_check_component)
    patch: int = attrs.field(default=0, validator=_check_component)

    @classmethod
    def parse(cls, text: str) -> ApiVersion:
        """Parse ``"0.18"`` or ``"0.18.0"``: ASCII digits only, no sign, prerelease or spaces."""
        match = _API_VERSION_RE.fullmatch(text)
        if match is None:
            raise ValueError(
                f"invalid API version {text!r}: expected MAJOR.MINOR or MAJOR.MINOR.PATCH "
                "with non-negative integers"
            )
        major, minor, patch = match.groups(default="0")
        return cls(int(major), int(minor), int(patch))

    def is_compatible_with(self, plugin: ApiVersion) -> bool:
        """Whether a host implementing this API can load a plugin written against ``plugin``.

        Minor versions only add to the API, so the host serves any plugin of the same major whose
        minor is not newer than its own; patch levels never matter.
        """
        return self.major == plugin.major and self.minor >= plugin.minor

    def __str__(self) -> str:
        return f"{self.major}.{self.minor}.{self.patch}"


HOST_API_VERSION: Final = ApiVersion(0, 21, 0)
"""The plugin API this host implements."""


def parse_version(text: str) -> semver.Version:
    """Parse a strict SemVer 2.0.0 version: ``1.2.0``, ``1.2.0-rc.1``, ``1.2.0+build.5``..."""
    try:
        return semver.Version.parse(text)
    except ValueError:
        raise ValueError(
            f"{text!r} is not a semantic version (expected MAJOR.MINOR.PATCH, e.g. 1.2.0)"
        ) from None


# --- ranges ----------------------------------------------------------------------------------

_Comparator = tuple[str, semver.Version]  # ("<" | "<=" | ">" | ">=" | "=", bound)
_ComparatorSet = tuple[_Comparator, ...]

_OPERATORS: Final[dict[str, Callable[[semver.Version, semver.Version], bool]]] = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
    "=": operator.eq,
}
_NUMBER: Final = r"0|[1-9][0-9]*"
_PART: Final = rf"{_NUMBER}|[xX*]"
_PARTIAL_RE: Final = re.compile(rf"v?({_PART})(?:\.({_PART})(?:\.({_PART})([-+].*)?)?)?")
_TOKEN_RE: Final = re.compile(r"(<=|>=|<|>|=|\^|~)?(.*)")
_OPERATOR_GAP_RE: Final = re.compile(r"(<=|>=|<|>|=|\^|~)\s+(?=[^\s<>=^~|])")
_HYPHEN_RE: Final = re.compile(r"(\S+)\s+-\s+(\S+)")
_NOTHING: Final = ("<", semver.Version(0, 0, 0, prerelease="0"))  # no version is below 0.0.0-0


class _Partial(NamedTuple):
    numbers: tuple[int, ...]  # the leading numeric components; () for "*", "x" and "X"
    exact: semver.Version | None  # the full version when all three components are numbers


def _parse_partial(text: str) -> _Partial | None:
    match = _PARTIAL_RE.fullmatch(text)
    if match is None:
        return None
    parts = [part for part in match.group(1, 2, 3) if part is not None]
    wild = [part in ("x", "X", "*") for part in parts]
    if wild != sorted(wild):
        return None  # a number after a wildcard, as in "1.x.3"
    numbers = tuple(int(part) for part, is_wild in zip(parts, wild, strict=True) if not is_wild)
    tail = match.group(4) or ""
    if len(numbers) < 3:
        return None if tail else _Partial(numbers, None)
    try:
        return _Partial(numbers, semver.Version.parse(".".join(parts) + tail))
    except ValueError:
        return None


def _padded(numbers: tuple[int, ...], prerelease: str | None = None) -> semver.Version:
    major, minor, patch = (*numbers, 0, 0, 0)[:3]
    return semver.Version(major, minor, patch, prerelease=prerelease)


def _bump(numbers: tuple[int, ...], index: int, prerelease: str | None = "0") -> semver.Version:
    """The version after ``numbers`` at ``index`` (``1.2`` at 0 -> ``2.0.0-0``)."""
    return _padded((*numbers[:index], numbers[index] + 1), prerelease)


def _desugar(op: str, partial: _Partial) -> list[_Comparator]:
    """npm's desugaring of one comparator (``op`` may be ``""``) into primitive comparators."""
    numbers, exact = partial
    if not numbers:  # "*": anything, but "<*" and ">*": nothing
        return [_NOTHING] if op in ("<", ">") else []
    low = exact if exact is not None else _padded(numbers)
    last = len(numbers) - 1
    if op == "~":  # may change the patch, or the minor when none is given
        return [(">=", low), ("<", _bump(numbers, min(1, last)))]
    if op == "^":  # may change anything right of the leftmost non-zero given component
        index = next((i for i, number in enumerate(numbers) if number), last)
        return [(">=", low), ("<", _bump(numbers, index))]
    if exact is not None:
        return [(op or "=", exact)]
    if op == ">":
        return [(">=", _bump(numbers, last, prerelease=None))]
    if op == "<":
        return [("<", low.replace(prerelease="0"))]
    if op == "<=":
        return [("<", _bump(numbers, last))]
    if op == ">=":
        return [(">=", low)]
    return [(">=", low), ("<", _bump(numbers, last))]  # "1.2" and "=1.2" mean "1.2.x"


def _parse_set(text: str, whole: str) -> tuple[str, _ComparatorSet]:
    """Parse one ``||`` alternative into its normalized text and its primitive comparators."""
    text = _OPERATOR_GAP_RE.sub(r"\1", text.strip())  # ">= 1.2" -> ">=1.2"
    if not text:
        raise ValueError(f"invalid version range {whole!r}: empty alternative around '||'")
    if hyphen := _HYPHEN_RE.fullmatch(text):
        low, high = (_parse_partial(side) for side in hyphen.groups())
        if low is None or high is None:
            bad = hyphen[1] if low is None else hyphen[2]
            raise ValueError(
                f"invalid version range {whole!r}: {bad!r} is not a version or partial version "
                "(hyphen ranges take plain versions such as 1.2.3 or 1.2 on both sides)"
            )
        normalized = f"{hyphen[1]} - {hyphen[2]}"
        return normalized, (*_desugar(">=", low), *_desugar("<=", high))
    tokens = text.split()
    comparators: list[_Comparator] = []
    for token in tokens:
        match = _TOKEN_RE.fullmatch(token)
        partial = _parse_partial(match[2]) if match else None
        if match is None or partial is None:
            raise ValueError(
                f"invalid version range {whole!r}: {token!r} is not a valid comparator "
                "(expected e.g. 1.2.3, =1.2.3, >=1.2, <2, ^1.2.3, ~1.2, 1.x, *, or A - B)"
            )
        comparators += _desugar(match[1] or "", partial)
    return " ".join(tokens), tuple(comparators)


def _satisfies(version: semver.Version, comparators: _ComparatorSet) -> bool:
    if not all(_OPERATORS[op](version, bound) for op, bound in comparators):
        return False
    return not version.prerelease or any(
        bound.prerelease and bound.to_tuple()[:3] == version.to_tuple()[:3]
        for _, bound in comparators
    )


@attrs.frozen(init=False)
class VersionRange:
    """An npm-style version range, e.g. ``^1.2.3``, ``~1.2 || >=2.1.0 <3``, ``1.0 - 1.4``.

    Syntax and meaning follow npm's node-semver (its README's "Ranges" section): ``*``, ``x``
    and ``""`` (any); ``1.2.3`` and ``=1.2.3`` (exactly; a leading ``v`` is allowed); the
    comparators ``<``, ``<=``, ``>``, ``>=``; partial versions ``1``, ``1.2``, ``1.x``,
    ``1.2.*`` (any version they cover); caret ``^`` (changes that do not modify the leftmost
    non-zero component: ``^1.2.3`` is ``>=1.2.3 <2.0.0-0``, ``^0.2.3`` is ``>=0.2.3 <0.3.0-0``,
    ``^0.0.3`` is ``>=0.0.3 <0.0.4-0``); tilde ``~`` (patch-level changes, or minor-level when
    no minor is given); hyphen ranges ``1.2 - 2.3.4`` (an inclusive span; a partial upper end
    covers everything it names, so ``- 2.3`` means ``<2.4.0-0``).  Comparators separated by
    whitespace must all hold; ``||`` separates alternatives.  Spaces after an operator are
    allowed (``>= 1.2``).

    This is a little stricter than node-semver: an empty alternative (``1.2 ||``), a number
    after a wildcard (``1.x.3``, ``^x.1``), a prerelease on a partial version (``1.2.x-beta``)
    and ``~>`` are errors rather than guesses.  And ``||`` is a plain union, as npm's README
    defines it: ``>=1.2.3-alpha || *`` still admits ``1.2.3-beta`` (node-semver's
    implementation collapses any range with a ``*`` alternative into ``*``).

    Prerelease policy (npm's default): a version with a prerelease tag, such as
    ``1.2.3-alpha.7``, satisfies an alternative only if it satisfies every comparator in it *and*
    at least one of those comparators names a prerelease of the same ``MAJOR.MINOR.PATCH``.  So
    ``>=1.2.3-alpha.1`` admits ``1.2.3-alpha.7`` and ``1.2.4`` but not ``1.2.4-alpha.1``, and
    ``*`` or ``^1.0.0`` admit no prerelease at all: opting into one prerelease line never opts
    into the prereleases of later versions.  Build metadata (``+build.5``) is ignored for
    matching, on both sides.

    Instances are immutable; equality and hashing go by the normalized text (whitespace
    collapsed, ``>= 1.2`` written ``>=1.2``), which :func:`str` returns.
    """

    text: str
    _sets: tuple[_ComparatorSet, ...] = attrs.field(eq=False, repr=False)

    def __init__(self, text: str) -> None:
        if not isinstance(text, str):
            raise TypeError(f"a version range must be a str, not {type(text).__name__}")
        if not text.strip():
            self.__attrs_init__("", ((),))
            return
        parsed = [_parse_set(alternative, text) for alternative in text.split("||")]
        self.__attrs_init__(" || ".join(t for t, _ in parsed), tuple(s for _, s in parsed))

    @classmethod
    def parse(cls, text: str) -> VersionRange:
        """Parse ``text``, raising :class:`ValueError` that names the offending part."""
        return cls(text)

    def contains(self, version: semver.Version | str) -> bool:
        """Whether ``version`` (a :class:`semver.Version` or SemVer string) is in the range."""
        if isinstance(version, str):
            version = parse_version(version)
        return any(_satisfies(version, comparators) for comparators in self._sets)

    def __contains__(self, version: object) -> bool:
        return isinstance(version, semver.Version | str) and self.contains(version)

    def __str__(self) -> str:
        return self.text
