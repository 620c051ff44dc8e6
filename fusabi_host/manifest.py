"""Plugin manifests: the ``plugin.toml`` beside a plugin's code.

A manifest names the plugin, its version, the host API it needs, the capabilities it asks for,
its dependencies, its entry file (``source`` .fsx or ``bytecode`` .fzb) and its exports::

    name = "text-stats"
    version = "1.2.0"
    api-version = "0.21.0"            # or { major = 0, minor = 21, patch = 0 }
    capabilities = ["fs:read=/data"]
    source = "main.fsx"
    exports = ["count_words"]

    [[dependencies]]
    name = "tokenizer"
    version = "^1.0"

    [metadata]
    category = "text"

Reading is strict: unknown keys, wrong types, bad names, unknown capabilities, entry paths that
leave the plugin directory... every problem is collected and raised together as one
:class:`~fusabi_host.errors.ManifestError`, each line naming the file and the key path
(``plugin.toml: $.capabilities[1]: unknown capability 'fs:teleport'``).

The models are frozen attrs classes with Python field names (``api_version``); the cattrs
converter maps them to the TOML names (``api-version``) in both directions.

Reading is also bounded: a manifest larger than :data:`MAX_MANIFEST_BYTES` is refused before
it is parsed (a file is never read past that size), arrays and tables nested deeper than
:data:`MAX_MANIFEST_NESTING` are refused before the TOML (or JSON) parser sees them, and
anything else the parser cannot handle (a number with thousands of digits) is a
:class:`~fusabi_host.errors.ManifestError` naming the file too -- never a Python exception.
Once parsed, a table or array with more than :data:`MAX_MANIFEST_ENTRIES` entries or a string
longer than :data:`MAX_MANIFEST_STRING` characters is refused before validation, and one
error lists at most :data:`MAX_REPORTED_PROBLEMS` problems.
"""

from __future__ import annotations

import difflib
import json
import os
import re
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path, PurePosixPath
from types import MappingProxyType
from typing import Any, Final

import attrs
import cattrs
import semver
import tomli
import tomli_w
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
)
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from fusabi_host.capabilities import Capabilities, parse_capability
from fusabi_host.errors import ManifestError, Problem
from fusabi_host.lang import is_identifier
from fusabi_host.versions import ApiVersion, VersionRange, parse_version

__all__ = ["Dependency", "Manifest"]

NAME_PATTERN: Final = re.compile(r"^[a-z0-9][a-z0-9._-]*$")

MAX_MANIFEST_BYTES: Final = 1 << 20
"""The largest manifest read (1 MiB); real ones are a few hundred bytes."""

MAX_MANIFEST_NESTING: Final = 32
"""How deeply arrays and inline tables may nest in a manifest (real ones: two or three)."""

MAX_MANIFEST_ENTRIES: Final = 10_000
"""How many keys one table, or items one array, of a manifest may have."""

MAX_MANIFEST_STRING: Final = 64 << 10
"""How many characters one string (or key) of a manifest may have."""

MAX_REPORTED_PROBLEMS: Final = 100
"""Problems listed in one :class:`~fusabi_host.errors.ManifestError` (then a count of the
rest), so that a hostile manifest cannot make the error itself huge."""

# The nesting pre-scan: what it skips (strings, comments) and what it counts (brackets).  The
# quantifiers are possessive, so a hostile document cannot make the scan backtrack.
_TOML_TOKENS: Final = re.compile(
    r'"""(?:[^"\\]|\\.|""?+(?!"))*+"{3,5}'  # multi-line basic string
    r"|'''(?:[^']|''?+(?!'))*+'{3,5}"  # multi-line literal string
    r'|"(?:[^"\\\n]|\\.)*+"'  # basic string
    r"|'[^'\n]*+'"  # literal string
    r"|#[^\n]*+"  # comment
    r"|[\[\]{}]",
    re.DOTALL,
)
_JSON_TOKENS: Final = re.compile(r'"(?:[^"\\]|\\.)*+"|[\[\]{}]', re.DOTALL)


def _frozen_mapping(value: Mapping[str, str]) -> Mapping[str, str]:
    return MappingProxyType(dict(value))


@attrs.frozen(kw_only=True)
class Dependency:
    """Another plugin this one needs, by name and npm-style version range."""

    name: str
    version: VersionRange
    optional: bool = False

    @classmethod
    def required(cls, name: str, version: str) -> Dependency:
        return cls(name=name, version=VersionRange.parse(version))

    def __str__(self) -> str:
        suffix = " (optional)" if self.optional else ""
        return f"{self.name} {self.version}{suffix}"


@attrs.frozen(kw_only=True)
class Manifest:
    """A validated plugin manifest.  Build one with :meth:`from_file`, :meth:`from_toml`,
    :meth:`from_json` or :meth:`from_dict`; all of them raise one
    :class:`~fusabi_host.errors.ManifestError` listing every problem."""

    name: str
    version: semver.Version
    api_version: ApiVersion
    description: str | None = None
    authors: tuple[str, ...] = ()
    license: str | None = None
    capabilities: Capabilities = attrs.field(factory=Capabilities.none)
    dependencies: tuple[Dependency, ...] = ()
    source: str | None = None
    bytecode: str | None = None
    exports: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    metadata: Mapping[str, str] = attrs.field(factory=dict, converter=_frozen_mapping, hash=False)

    # -- reading
    @classmethod
    def from_dict(cls, data: object, *, source: str | Path | None = None) -> Manifest:
        """Build from already-parsed data (a dict with TOML key names)."""
        return _structure(data, source)

    @classmethod
    def from_toml(cls, text: str, *, source: str | Path | None = None) -> Manifest:
        """Parse TOML text (TOML 1.1 via tomli); *source* names the file in error messages."""
        _check_bounds(text, _TOML_TOKENS, source)
        try:
            data = tomli.loads(text)
        except tomli.TOMLDecodeError as exc:
            raise ManifestError(
                [
                    Problem(
                        f"line {exc.lineno}, column {exc.colno}",
                        f"invalid TOML: {exc.msg}",
                        line=exc.lineno,
                        column=exc.colno,
                    )
                ],
                source,
            ) from None
        except (RecursionError, ValueError) as exc:  # (past the checks above: not expected)
            problem = Problem("$", f"invalid TOML: {_parser_failure(exc)}")
            raise ManifestError([problem], source) from None
        return _structure(data, source)

    @classmethod
    def from_json(cls, text: str, *, source: str | Path | None = None) -> Manifest:
        """Parse the JSON form (same keys as TOML)."""
        _check_bounds(text, _JSON_TOKENS, source)
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ManifestError(
                [
                    Problem(
                        f"line {exc.lineno}, column {exc.colno}",
                        f"invalid JSON: {exc.msg}",
                        line=exc.lineno,
                        column=exc.colno,
                    )
                ],
                source,
            ) from None
        except (RecursionError, ValueError) as exc:
            problem = Problem("$", f"invalid JSON: {_parser_failure(exc)}")
            raise ManifestError([problem], source) from None
        return _structure(data, source)

    @classmethod
    def from_file(cls, path: str | Path) -> Manifest:
        """Read ``plugin.toml`` (or a ``.json`` manifest) and check that its entry files stay
        inside the plugin directory even after following symbolic links."""
        path = Path(path)
        try:
            with path.open("rb") as file:  # (never past the limit: it may be /dev/zero)
                data = file.read(MAX_MANIFEST_BYTES + 1)
            text = data.decode("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            raise ManifestError([Problem("$", f"cannot read manifest: {reason}")], path) from None
        if len(data) > MAX_MANIFEST_BYTES:
            raise ManifestError([_too_big()], path)
        text = text.replace("\r\n", "\n").replace("\r", "\n")  # (as text mode reads it)
        if path.suffix.lower() == ".json":
            manifest = cls.from_json(text, source=path)
        else:
            manifest = cls.from_toml(text, source=path)
        problems = manifest.filesystem_problems(path.parent)
        if problems:
            raise ManifestError(problems, path)
        return manifest

    # -- writing
    def to_dict(self) -> dict[str, Any]:
        """The manifest as plain data with TOML key names, omitting empty optional keys."""
        data: dict[str, Any] = _CONVERTER.unstructure(self)
        return {k: v for k, v in data.items() if v is not None and v not in ([], {})}

    def to_toml(self) -> str:
        """TOML text that :meth:`from_toml` reads back to an equal manifest."""
        return tomli_w.dumps(self.to_dict())

    def to_json(self, *, indent: int | None = 2) -> str:
        """JSON text that :meth:`from_json` reads back to an equal manifest."""
        return json.dumps(self.to_dict(), indent=indent)

    # -- checks and conveniences
    def validate(self) -> None:
        """Re-check a manifest built in Python; raises :class:`ManifestError`."""
        _structure(self.to_dict(), None)

    def filesystem_problems(self, plugin_dir: Path) -> list[Problem]:
        """Entry files that resolve (through symlinks) outside *plugin_dir*."""
        problems: list[Problem] = []
        root = plugin_dir.resolve()
        for key, entry in (("source", self.source), ("bytecode", self.bytecode)):
            if entry is None:
                continue
            target = (plugin_dir / entry).resolve()
            if target != root and root not in target.parents:
                problems.append(
                    Problem(
                        f"$.{key}",
                        f"'{entry}' resolves to {target}, outside the plugin directory {root}",
                    )
                )
        return problems

    @property
    def entry(self) -> str:
        """The file to load: ``source`` when present, else ``bytecode``."""
        entry = self.source if self.source is not None else self.bytecode
        assert entry is not None  # guaranteed by validation
        return entry

    @property
    def uses_source(self) -> bool:
        return self.source is not None


# --------------------------------------------------------------------------- bounds


def _too_big(size: int | None = None) -> Problem:
    what = f"{size} bytes" if size is not None else f"larger than {MAX_MANIFEST_BYTES} bytes"
    return Problem(
        "$", f"the manifest is {what}; manifests may be at most 1 MiB ({MAX_MANIFEST_BYTES} bytes)"
    )


def _check_bounds(text: str, tokens: re.Pattern[str], source: str | Path | None) -> None:
    """Refuse *text* before parsing when it is larger than :data:`MAX_MANIFEST_BYTES` or
    nests arrays and tables deeper than :data:`MAX_MANIFEST_NESTING` (the parsers recurse)."""
    size = len(text) if text.isascii() else len(text.encode("utf-8", "surrogatepass"))
    if size > MAX_MANIFEST_BYTES:
        raise ManifestError([_too_big(size)], source)
    depth = 0
    for token in tokens.finditer(text):
        mark = token.group()
        if mark in ("[", "{"):
            depth += 1
            if depth > MAX_MANIFEST_NESTING:
                start = token.start()
                line = text.count("\n", 0, start) + 1
                column = start - text.rfind("\n", 0, start)
                problem = Problem(
                    f"line {line}, column {column}",
                    f"arrays and tables nest too deeply (at most {MAX_MANIFEST_NESTING} levels)",
                    line=line,
                    column=column,
                )
                raise ManifestError([problem], source)
        elif mark in ("]", "}") and depth:
            depth -= 1


def _check_sizes(data: object, source: str | Path | None) -> None:
    """Refuse parsed data with a table or array of more than :data:`MAX_MANIFEST_ENTRIES`
    entries, a string or key longer than :data:`MAX_MANIFEST_STRING` characters, or nesting
    deeper than :data:`MAX_MANIFEST_NESTING` (data given to :meth:`Manifest.from_dict` was
    never pre-scanned).  Iterative: the data may be deep."""
    stack: list[tuple[object, str, int]] = [(data, "$", 0)]
    while stack:
        value, path, depth = stack.pop()
        problem: str | None = None
        if depth > MAX_MANIFEST_NESTING + 1:  # (+1: the document itself is a table)
            problem = f"arrays and tables nest too deeply (at most {MAX_MANIFEST_NESTING} levels)"
        elif isinstance(value, str):
            if len(value) > MAX_MANIFEST_STRING:
                problem = (
                    f"a string of {len(value)} characters; manifest strings may have at most "
                    f"{MAX_MANIFEST_STRING}"
                )
        elif isinstance(value, dict | list | tuple):
            if len(value) > MAX_MANIFEST_ENTRIES:
                what = "a table of" if isinstance(value, dict) else "an array of"
                unit = "keys" if isinstance(value, dict) else "items"
                problem = (
                    f"{what} {len(value)} {unit}; manifest tables and arrays may have at most "
                    f"{MAX_MANIFEST_ENTRIES}"
                )
            elif isinstance(value, dict):
                for key, item in value.items():
                    if isinstance(key, str) and len(key) > MAX_MANIFEST_STRING:
                        problem = (
                            f"a key of {len(key)} characters; manifest keys may have at most "
                            f"{MAX_MANIFEST_STRING}"
                        )
                        break
                    stack.append((item, f"{path}.{key}", depth + 1))
            else:
                stack.extend((item, f"{path}[{i}]", depth + 1) for i, item in enumerate(value))
        if problem is not None:
            raise ManifestError([Problem(path if len(path) <= 200 else "$", problem)], source)


def _too_many(problems: list[Problem], source: str | Path | None) -> ManifestError:
    """The error for *problems*: at most :data:`MAX_REPORTED_PROBLEMS` of them listed, and a
    count of the rest."""
    omitted = max(len(problems) - MAX_REPORTED_PROBLEMS, 0)
    return ManifestError(problems[:MAX_REPORTED_PROBLEMS], source, omitted=omitted)


def _parser_failure(exc: BaseException) -> str:
    if isinstance(exc, RecursionError):
        return f"arrays and tables nest too deeply (at most {MAX_MANIFEST_NESTING} levels)"
    text = str(exc)
    if "integer string conversion" in text:  # (Python's limit on digits, not TOML's)
        return "a number has too many digits"
    return text


# --------------------------------------------------------------------------- field checks


class _Invalid(ValueError):
    """Raised by a structure hook: one or more problems at sub-paths of the current value."""

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        self.problems = problems
        super().__init__("; ".join(f"{p}: {m}" if p else m for p, m in problems))


def _describe(value: object) -> str:
    kind = {
        bool: "boolean",
        int: "integer",
        float: "float",
        str: "string",
        list: "array",
        dict: "table",
    }.get(type(value), type(value).__name__)
    shown = json.dumps(value) if isinstance(value, bool | int | float | str) else ""
    return f"{kind} {shown}".strip()


def _expect(value: object, kind: type, what: str) -> Any:
    if type(value) is not kind:
        raise _Invalid([("", f"expected {what}, got {_describe(value)}")])
    return value


def _strict_str(value: object, _t: object = None) -> str:
    result: str = _expect(value, str, "a string")
    return result


def _strict_bool(value: object, _t: object = None) -> bool:
    result: bool = _expect(value, bool, "true or false")
    return result


def _strict_int(value: object, _t: object = None) -> int:
    result: int = _expect(value, int, "an integer")
    return result


def _array(value: object, check: Callable[[object], Any]) -> tuple[Any, ...]:
    """Structure an array element by element, collecting problems with their indices."""
    if type(value) is not list:
        raise _Invalid([("", f"expected an array, got {_describe(value)}")])
    items: list[Any] = []
    problems: list[tuple[str, str]] = []
    for index, item in enumerate(value):
        try:
            items.append(check(item))
        except _Invalid as exc:
            problems.extend((f"[{index}]{sub}", msg) for sub, msg in exc.problems)
    if problems:
        raise _Invalid(problems)
    return tuple(items)


def _plugin_name(value: object, _t: object = None) -> str:
    text = _strict_str(value)
    if not text:
        raise _Invalid([("", "must not be empty")])
    if not NAME_PATTERN.match(text):
        raise _Invalid(
            [
                (
                    "",
                    f"invalid plugin name '{text}': use lower-case letters, digits, '.', '_' "
                    "and '-', starting with a letter or digit",
                )
            ]
        )
    return text


def _semver(value: object, _t: object = None) -> semver.Version:
    try:
        return parse_version(_strict_str(value))
    except ValueError as exc:
        raise _Invalid([("", str(exc))]) from None


def _version_range(value: object, _t: object = None) -> VersionRange:
    try:
        return VersionRange.parse(_strict_str(value))
    except ValueError as exc:
        raise _Invalid([("", str(exc))]) from None


def _api_version(value: object, _t: object = None) -> ApiVersion:
    if isinstance(value, str):
        try:
            return ApiVersion.parse(value)
        except ValueError as exc:
            raise _Invalid([("", str(exc))]) from None
    if type(value) is not dict:
        raise _Invalid([("", f'expected "MAJOR.MINOR.PATCH" or a table, got {_describe(value)}')])
    problems: list[tuple[str, str]] = []
    parts: dict[str, int] = {}
    for key in value:
        if key not in ("major", "minor", "patch"):
            problems.append((f".{key}", _unknown_key_message(key, ("major", "minor", "patch"))))
    for key in ("major", "minor", "patch"):
        if key not in value:
            if key != "patch":
                problems.append((f".{key}", "required key is missing"))
            continue
        part = value[key]
        if type(part) is not int or part < 0:
            problems.append((f".{key}", f"expected a non-negative integer, got {_describe(part)}"))
        else:
            parts[key] = part
    if problems:
        raise _Invalid(problems)
    return ApiVersion(parts["major"], parts["minor"], parts.get("patch", 0))


def _capabilities(value: object, _t: object = None) -> Capabilities:
    seen: set[str] = set()

    def one(item: object) -> str:
        text = _strict_str(item)
        try:
            parse_capability(text)
        except ValueError as exc:
            raise _Invalid([("", str(exc))]) from None
        if text in seen:
            raise _Invalid([("", f"capability '{text}' is listed twice")])
        seen.add(text)
        return text

    return Capabilities.of(*_array(value, one))


def _entry_path(suffix: str, what: str) -> Callable[[object, object], str]:
    def check(value: object, _t: object = None) -> str:
        text = _strict_str(value)
        problems = _path_problems(text, suffix, what)
        if problems:
            raise _Invalid([("", p) for p in problems])
        return text

    return check


def _path_problems(text: str, suffix: str, what: str) -> list[str]:
    if not text:
        return ["must not be empty"]
    if "\\" in text or re.match(r"^[A-Za-z]:", text):
        return [f"'{text}' must be a relative path with '/' separators"]
    if text.startswith("/") or os.path.isabs(text):
        return [f"'{text}' is absolute; entry paths are relative to the plugin directory"]
    normal = os.path.normpath(text)
    if normal == ".." or normal.startswith("../"):
        return [f"'{text}' leaves the plugin directory"]
    if PurePosixPath(text).suffix != suffix:
        return [f"'{text}' should be a {what} file ending in '{suffix}'"]
    return []


def _identifiers(value: object, _t: object = None) -> tuple[str, ...]:
    seen: set[str] = set()

    def one(item: object) -> str:
        text = _strict_str(item)
        if not is_identifier(text):
            raise _Invalid([("", f"'{text}' is not a Fusabi identifier")])
        if text in seen:
            raise _Invalid([("", f"'{text}' is exported twice")])
        seen.add(text)
        return text

    return _array(value, one)


def _tags(value: object, _t: object = None) -> tuple[str, ...]:
    def one(item: object) -> str:
        text = _strict_str(item)
        if not text.strip():
            raise _Invalid([("", "must not be empty")])
        return text

    return _array(value, one)


def _strings(value: object, _t: object = None) -> tuple[str, ...]:
    return _array(value, _strict_str)


def _metadata(value: object, _t: object = None) -> dict[str, str]:
    if type(value) is not dict:
        raise _Invalid([("", f"expected a table of strings, got {_describe(value)}")])
    problems = [
        (
            f".{key}",
            f"metadata values must be strings, got {_describe(item)}"
            + (
                f' (quote it: "{json.dumps(item)}")' if isinstance(item, bool | int | float) else ""
            ),
        )
        for key, item in value.items()
        if type(item) is not str
    ]
    if problems:
        raise _Invalid(problems)
    return dict(value)


def _dependencies(value: object, _t: object = None) -> tuple[Dependency, ...]:
    names: set[str] = set()

    def one(item: object) -> Dependency:
        if type(item) is not dict:
            raise _Invalid([("", f"expected a table, got {_describe(item)}")])
        try:
            dependency: Dependency = _CONVERTER.structure(item, Dependency)
        except Exception as exc:
            raise _Invalid([(p.path[1:], p.message) for p in _problems_from(exc, "$")]) from None
        if dependency.name in names:
            raise _Invalid([(".name", f"dependency '{dependency.name}' is listed twice")])
        names.add(dependency.name)
        return dependency

    return _array(value, one)


# --------------------------------------------------------------------------- converter

_TOML_NAMES: Final = {"api_version": "api-version"}


def _unknown_key_message(key: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(key, list(known), n=1)
    hint = f"; did you mean '{close[0]}'?" if close else ""
    return f"unknown key '{key}'{hint}"


def _make_converter() -> cattrs.Converter:
    converter = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    converter.register_structure_hook(str, _strict_str)
    converter.register_structure_hook(bool, _strict_bool)
    converter.register_structure_hook(int, _strict_int)
    converter.register_unstructure_hook(semver.Version, str)
    converter.register_unstructure_hook(VersionRange, str)
    converter.register_unstructure_hook(Capabilities, lambda caps: list(caps.names()))
    converter.register_unstructure_hook(
        ApiVersion, lambda v: {"major": v.major, "minor": v.minor, "patch": v.patch}
    )
    converter.register_unstructure_hook(Mapping, dict)
    converter.register_structure_hook(
        Dependency,
        make_dict_structure_fn(
            Dependency,
            converter,
            name=override(struct_hook=_plugin_name),
            version=override(struct_hook=_version_range),
            optional=override(struct_hook=_strict_bool),
        ),
    )
    converter.register_structure_hook(
        Manifest,
        make_dict_structure_fn(
            Manifest,
            converter,
            name=override(struct_hook=_plugin_name),
            version=override(struct_hook=_semver),
            api_version=override(rename="api-version", struct_hook=_api_version),
            description=override(struct_hook=_strict_str),
            authors=override(struct_hook=_strings),
            license=override(struct_hook=_strict_str),
            capabilities=override(struct_hook=_capabilities),
            dependencies=override(struct_hook=_dependencies),
            source=override(struct_hook=_entry_path(".fsx", "Fusabi source")),
            bytecode=override(struct_hook=_entry_path(".fzb", "Fusabi bytecode")),
            exports=override(struct_hook=_identifiers),
            tags=override(struct_hook=_tags),
            metadata=override(struct_hook=_metadata),
        ),
    )
    converter.register_unstructure_hook(
        Manifest,
        make_dict_unstructure_fn(Manifest, converter, api_version=override(rename="api-version")),
    )
    return converter


def _problems_from(exc: BaseException, path: str) -> list[Problem]:
    """Flatten cattrs' exception groups (and our own ``_Invalid``) into located problems."""
    if isinstance(exc, _Invalid):
        return [Problem(path + sub, message) for sub, message in exc.problems]
    if isinstance(exc, ForbiddenExtraKeysError):
        known = [_TOML_NAMES.get(a.name, a.name) for a in attrs.fields(exc.cl)]
        return [
            Problem(f"{path}.{key}", _unknown_key_message(key, known))
            for key in sorted(exc.extra_fields)
        ]
    if isinstance(exc, ClassValidationError | IterableValidationError):
        problems: list[Problem] = []
        with_notes, without_notes = exc.group_exceptions()
        for inner, note in with_notes:
            if isinstance(note, AttributeValidationNote):
                key = _TOML_NAMES.get(note.name, note.name)
                sub = f"{path}.{key}"
            else:  # an IterableValidationNote: cattrs knows no other kind
                sub = f"{path}[{note.index}]"
            if isinstance(inner, KeyError):
                problems.append(Problem(sub, "required key is missing"))
            else:
                problems.extend(_problems_from(inner, sub))
        for inner in without_notes:
            problems.extend(_problems_from(inner, path))
        return problems
    return [Problem(path, str(exc) or type(exc).__name__)]


def _structure(data: object, source: str | Path | None) -> Manifest:
    if type(data) is not dict:
        raise ManifestError(
            [Problem("$", f"a manifest must be a table, got {_describe(data)}")], source
        )
    _check_sizes(data, source)
    problems: list[Problem] = []
    manifest: Manifest | None = None
    try:
        manifest = _CONVERTER.structure(data, Manifest)
    except Exception as exc:
        problems.extend(_problems_from(exc, "$"))
    if "source" not in data and "bytecode" not in data:
        problems.append(
            Problem("$", "needs an entry file: set 'source' (.fsx) and/or 'bytecode' (.fzb)")
        )
    if manifest is not None:
        for index, dependency in enumerate(manifest.dependencies):
            if dependency.name == manifest.name:
                problems.append(
                    Problem(f"$.dependencies[{index}].name", "a plugin cannot depend on itself")
                )
    if problems:
        order = {key: index for index, key in enumerate(data)}
        problems.sort(key=lambda p: _path_order(p.path, order))
        raise _too_many(problems, source)
    assert manifest is not None
    return manifest


def _path_order(path: str, order: Mapping[str, int]) -> tuple[int, list[int | str]]:
    """Sort problems in the order their keys appear in the document (*order*: each top-level
    key's position), indices numerically."""
    match = re.match(r"^\$\.([A-Za-z0-9_-]+)", path)
    natural: list[int | str] = [
        int(part) if part.isdigit() else part for part in re.split(r"(\d+)", path)
    ]
    if match and match.group(1) in order:
        return order[match.group(1)], natural
    return (-1 if path == "$" else len(order)), natural


_CONVERTER: Final = _make_converter()
