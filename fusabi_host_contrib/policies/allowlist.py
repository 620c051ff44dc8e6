"""A capability policy that grants each plugin only what a TOML allowlist file gives it.

The file names *permission sets* and says which plugins get which sets, by plugin name or by
manifest tag, both as shell-style glob patterns (``fnmatch``, case-sensitive)::

    [sets.readers]
    description = "read the shared data"          # optional
    capabilities = ["fs:read=/srv/data", "time:read"]

    [sets.net]
    capabilities = ["net:request=api.example.com"]

    [plugins]
    "text-stats" = ["readers"]
    "report-*" = ["readers", "net"]

    [tags]
    files = ["readers"]

A plugin gets the request intersected with the union of every set its name or tags select;
a plugin that nothing selects gets nothing.  Scopes narrow as everywhere else: a plugin that
declares ``fs:read`` and is given ``fs:read=/srv/data`` loads with ``fs:read=/srv/data``.

Names and tags come from the plugin's own manifest, so they identify a plugin only as far as
the host trusts the directories it loads plugins from; an allowlist narrows what a named
plugin gets, it does not prove who wrote it.

Point the policy at its file with :func:`configure` or the environment variable
``FUSABI_ALLOWLIST`` (read at every grant while :func:`configure` has set no path).  The file
is re-read whenever its modification time (or size, or inode) changes.  A file that cannot be
read or is invalid raises :class:`PolicyFileError` (a :class:`~fusabi_host.errors.ConfigError`)
naming the file, the line and the offending field: :func:`configure` and :func:`load` raise it
directly; during a grant the host logs it and the policy denies everything until the file is
fixed.

Enable it with ``RuntimeConfig(enable_extensions=("allowlist",))``.  For a per-runtime file,
register an :class:`AllowlistPolicy` yourself instead::

    runtime.manager.register(AllowlistPolicy("/etc/acme/allowlist.toml"), "acme-allowlist")
"""

from __future__ import annotations

import difflib
import fnmatch
import logging
import os
import re
import threading
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import Any, Final

import attrs
import tomli

from fusabi_host.capabilities import Capabilities
from fusabi_host.errors import ConfigError, Problem
from fusabi_host.hookspecs import hookimpl
from fusabi_host.hooktypes import GrantRequest

__all__ = [
    "ENV_VAR",
    "Allowlist",
    "AllowlistPolicy",
    "PolicyFileError",
    "configure",
    "configured_path",
    "fusabi_grant",
    "load",
]

log = logging.getLogger("fusabi_host_contrib.policies.allowlist")

fusabi_host_opt_in = True
"""Registered only when enabled by name: installing the package changes nothing."""

ENV_VAR: Final = "FUSABI_ALLOWLIST"
"""Environment variable naming the allowlist file when :func:`configure` set none."""

_TOP_KEYS: Final = ("sets", "plugins", "tags")
_SET_KEYS: Final = ("capabilities", "description")


class PolicyFileError(ConfigError):
    """A policy's file is unreadable or invalid.

    ``source`` is the file, ``problems`` every :class:`~fusabi_host.errors.Problem` found (each
    with its ``path`` -- the field, such as ``sets.readers.capabilities[1]`` -- and its line
    when known); ``line`` and ``field`` repeat those of the first problem.
    """

    def __init__(self, problems: Iterable[Problem], source: str | Path | None = None) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        if not self.problems:
            raise ValueError("PolicyFileError needs at least one problem")
        self.source = str(source) if source is not None else None
        first = self.problems[0]
        self.line: int | None = first.line
        self.field: str | None = first.path or None
        lines = [self._format(problem) for problem in self.problems]
        if len(lines) == 1:
            text = lines[0]
        else:
            text = f"{len(lines)} problems in {self.source or 'policy file'}:\n  " + "\n  ".join(
                lines
            )
        super().__init__(text)

    def _format(self, problem: Problem) -> str:
        where = self.source or "<text>"
        if problem.line is not None:
            where += f":{problem.line}"
            if problem.column is not None:
                where += f":{problem.column}"
        field = f"{problem.path}: " if problem.path else ""
        return f"{where}: {field}{problem.message}"


# --------------------------------------------------------------------------- the file


def _frozen_sets(value: Mapping[str, Capabilities]) -> Mapping[str, Capabilities]:
    return MappingProxyType(dict(value))


@attrs.frozen
class Allowlist:
    """A parsed allowlist: named permission sets, and the patterns that select them.

    Build one with :meth:`from_toml` or :func:`load`; ask it with :meth:`allowed`.
    """

    sets: Mapping[str, Capabilities] = attrs.field(factory=dict, converter=_frozen_sets)
    plugins: tuple[tuple[str, tuple[str, ...]], ...] = ()
    tags: tuple[tuple[str, tuple[str, ...]], ...] = ()
    source: str | None = None

    @classmethod
    def from_toml(cls, text: str, *, source: str | Path | None = None) -> Allowlist:
        """Parse allowlist TOML; :class:`PolicyFileError` lists every problem found."""
        try:
            data = tomli.loads(text)
        except tomli.TOMLDecodeError as exc:
            raise PolicyFileError(
                [Problem("", f"invalid TOML: {exc.msg}", line=exc.lineno, column=exc.colno)],
                source,
            ) from None
        return _structure(data, text, source)

    def set_names_for(self, plugin: str, tags: Iterable[str] = ()) -> tuple[str, ...]:
        """The sets selected for *plugin* (by name) and its *tags*, in file order, each once."""
        tag_list = list(tags)
        chosen: dict[str, None] = {}
        for pattern, names in self.plugins:
            if fnmatch.fnmatchcase(plugin, pattern):
                chosen.update(dict.fromkeys(names))
        for pattern, names in self.tags:
            if any(fnmatch.fnmatchcase(tag, pattern) for tag in tag_list):
                chosen.update(dict.fromkeys(names))
        return tuple(chosen)

    def allowed(self, plugin: str, tags: Iterable[str] = ()) -> Capabilities:
        """The union of the sets selected for *plugin* and its *tags* (nothing when none is)."""
        result = Capabilities.none()
        for name in self.set_names_for(plugin, tags):
            result = result | self.sets[name]
        return result


def load(path: str | Path) -> Allowlist:
    """Read and parse the allowlist file at *path*; :class:`PolicyFileError` when it is
    unreadable or invalid."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise PolicyFileError([Problem("", f"cannot read the allowlist: {reason}")], path) from None
    return Allowlist.from_toml(text, source=path)


def _describe(value: object) -> str:
    names = {str: "a string", bool: "a boolean", int: "an integer", float: "a number"}
    if type(value) in names:
        return f"{names[type(value)]} ({value!r})"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "an array"
    return type(value).__name__


def _unknown(kind: str, name: str, known: Sequence[str]) -> str:
    close = difflib.get_close_matches(name, list(known), n=1)
    if close:
        hint = f"; did you mean '{close[0]}'?"
    elif known:
        hint = f" (known: {', '.join(known)})"
    else:
        hint = " (none is defined)"
    return f"unknown {kind} '{name}'{hint}"


def _key(name: str) -> str:
    """A TOML key as it would be written in a dotted path."""
    return name if re.fullmatch(r"[A-Za-z0-9_-]+", name) else f'"{name}"'


class _Locator:
    """Best-effort line numbers for fields of a parsed document (tomli keeps none): the first
    line at or after the table's header that holds the key or value looked for."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()

    def _header(self, table: Sequence[str]) -> int | None:
        """Index of the ``[a.b]`` header line of *table*, ``None`` when it has none."""
        if not table:
            return None
        parts = r"\s*\.\s*".join(_forms(part) for part in table)
        header = re.compile(rf"^\s*\[\s*{parts}\s*\]")
        for number, line in enumerate(self.lines):
            if header.match(line):
                return number
        return None

    def table(self, table: Sequence[str]) -> int | None:
        """Line number of the header of *table*."""
        start = self._header(table)
        return None if start is None else start + 1

    def key(self, table: Sequence[str], key: str) -> int | None:
        """Line number where *key* is assigned, at or after the header of *table*."""
        return self._search(table, re.compile(rf"(?:^|[\s.{{,]){_forms(key)}\s*[=.]"))

    def value(self, table: Sequence[str], value: str) -> int | None:
        """Line number of the string *value*, at or after the header of *table*."""
        quoted = "|".join(re.escape(form) for form in (f'"{value}"', f"'{value}'"))
        return self._search(table, re.compile(quoted))

    def _search(self, table: Sequence[str], pattern: re.Pattern[str]) -> int | None:
        start = self._header(table) or 0
        for offset, line in enumerate(self.lines[start:]):
            if pattern.search(line):
                return start + offset + 1
        return None


def _forms(key: str) -> str:
    """A regular expression matching *key* written bare, double- or single-quoted."""
    return "(?:" + "|".join(re.escape(form) for form in (key, f'"{key}"', f"'{key}'")) + ")"


def _structure(data: dict[str, Any], text: str, source: str | Path | None) -> Allowlist:
    where = _Locator(text)
    problems: list[Problem] = []

    for key in data:
        if key not in _TOP_KEYS:
            problems.append(
                Problem(
                    _key(key),
                    _unknown("key", key, _TOP_KEYS),
                    line=where.key((), key) or where.table((key,)),
                )
            )

    sets: dict[str, Capabilities] = {}
    raw_sets = data.get("sets", {})
    if not isinstance(raw_sets, dict):
        problems.append(
            Problem(
                "sets",
                f"expected a table of sets, got {_describe(raw_sets)}",
                where.key((), "sets"),
            )
        )
        raw_sets = {}
    for set_name, body in raw_sets.items():
        field = f"sets.{_key(set_name)}"
        if not isinstance(body, dict):
            problems.append(
                Problem(
                    field,
                    f"expected a table with 'capabilities', got {_describe(body)}",
                    line=where.key(("sets",), set_name),
                )
            )
            continue
        table = ("sets", set_name)
        for key in body:
            if key not in _SET_KEYS:
                problems.append(
                    Problem(
                        f"{field}.{_key(key)}",
                        _unknown("key", key, _SET_KEYS),
                        line=where.key(table, key),
                    )
                )
        description = body.get("description")
        if description is not None and not isinstance(description, str):
            problems.append(
                Problem(
                    f"{field}.description",
                    f"expected a string, got {_describe(description)}",
                    line=where.key(table, "description"),
                )
            )
        if "capabilities" not in body:
            problems.append(
                Problem(
                    f"{field}.capabilities",
                    "required key is missing (a list of capabilities, may be empty)",
                    line=where.table(table) or where.key(("sets",), set_name),
                )
            )
            continue
        items = body["capabilities"]
        if not isinstance(items, list):
            problems.append(
                Problem(
                    f"{field}.capabilities",
                    f"expected an array of capability strings, got {_describe(items)}",
                    line=where.key(table, "capabilities"),
                )
            )
            continue
        granted = Capabilities.none()
        ok = True
        for index, item in enumerate(items):
            item_field = f"{field}.capabilities[{index}]"
            if not isinstance(item, str):
                problems.append(
                    Problem(
                        item_field,
                        f"expected a capability string, got {_describe(item)}",
                        line=where.key(table, "capabilities"),
                    )
                )
                ok = False
                continue
            try:
                granted = granted.with_(item)
            except ConfigError as exc:
                line = where.value(table, item) or where.key(table, "capabilities")
                problems.append(Problem(item_field, str(exc), line=line))
                ok = False
        if ok:
            sets[set_name] = granted

    known_sets = list(raw_sets)
    selectors: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {}
    for section, what in (("plugins", "plugin name"), ("tags", "tag")):
        raw = data.get(section, {})
        if not isinstance(raw, dict):
            problems.append(
                Problem(
                    section,
                    f"expected a table mapping {what} patterns to lists of sets, "
                    f"got {_describe(raw)}",
                    line=where.key((), section),
                )
            )
            raw = {}
        entries: list[tuple[str, tuple[str, ...]]] = []
        for pattern, names in raw.items():
            field = f"{section}.{_key(pattern)}"
            line = where.key((section,), pattern)
            if not pattern.strip():
                problems.append(Problem(field, f"the {what} pattern is empty", line=line))
                continue
            if not isinstance(names, list):
                problems.append(
                    Problem(
                        field,
                        f"expected an array of set names, got {_describe(names)}",
                        line=line,
                    )
                )
                continue
            chosen: list[str] = []
            for index, name in enumerate(names):
                if not isinstance(name, str):
                    problems.append(
                        Problem(
                            f"{field}[{index}]",
                            f"expected a set name, got {_describe(name)}",
                            line=line,
                        )
                    )
                elif name not in raw_sets:
                    problems.append(
                        Problem(f"{field}[{index}]", _unknown("set", name, known_sets), line=line)
                    )
                else:
                    chosen.append(name)
            entries.append((pattern, tuple(chosen)))
        selectors[section] = tuple(entries)

    if problems:
        problems.sort(key=lambda p: (p.line is None, p.line or 0))
        raise PolicyFileError(problems, source)
    return Allowlist(
        sets=sets,
        plugins=selectors["plugins"],
        tags=selectors["tags"],
        source=str(source) if source is not None else None,
    )


# --------------------------------------------------------------------------- the policy


class AllowlistPolicy:
    """The allowlist as a capability policy, re-reading its file when it changes.

    *path* is the allowlist file; ``None`` means "whatever ``FUSABI_ALLOWLIST`` names at the
    time of each grant".  Register an instance with
    :meth:`~fusabi_host.manager.HostPluginManager.register` to give one runtime its own file.
    """

    def __init__(self, path: str | Path | None = None) -> None:
        self._lock = threading.Lock()
        self._path = Path(path).absolute() if path is not None else None
        self._cache: tuple[Path, tuple[int, int, int, int], Allowlist] | None = None

    @property
    def path(self) -> Path | None:
        """The file this policy reads now (``None``: none configured)."""
        if self._path is not None:
            return self._path
        named = os.environ.get(ENV_VAR, "").strip()
        return Path(named).absolute() if named else None

    def set_path(self, path: str | Path | None) -> None:
        """Read *path* from now on (``None``: follow ``FUSABI_ALLOWLIST`` again)."""
        with self._lock:
            self._path = Path(path).absolute() if path is not None else None
            self._cache = None

    def current(self) -> Allowlist:
        """The allowlist as the file says now, re-read when it changed since the last call.

        Raises :class:`PolicyFileError` when the file is unreadable or invalid and
        :class:`~fusabi_host.errors.ConfigError` when no file is configured.
        """
        path = self.path
        if path is None:
            raise ConfigError(
                "the allowlist policy is enabled but has no file: set "
                f"{ENV_VAR}=/path/to/allowlist.toml or call "
                "fusabi_host_contrib.policies.allowlist.configure(path)"
            )
        with self._lock:
            try:
                stat = path.stat()
            except OSError as exc:
                self._cache = None
                raise PolicyFileError(
                    [Problem("", f"cannot read the allowlist: {exc.strerror or exc}")], path
                ) from None
            stamp = (stat.st_mtime_ns, stat.st_size, stat.st_ino, stat.st_dev)
            cached = self._cache
            if cached is not None and cached[0] == path and cached[1] == stamp:
                return cached[2]
            self._cache = None
            allowlist = load(path)
            self._cache = (path, stamp, allowlist)
            log.debug("allowlist %s (re)loaded", path)
            return allowlist

    @hookimpl
    def fusabi_grant(self, request: GrantRequest) -> Capabilities:
        """Allow the request intersected with the sets the allowlist gives the plugin."""
        allowlist = self.current()
        tags = request.manifest.tags if request.manifest is not None else ()
        return request.requested & allowlist.allowed(request.plugin, tags)


_DEFAULT: Final = AllowlistPolicy()


def configure(path: str | Path | None) -> Allowlist | None:
    """Make the ``allowlist`` extension read *path* (``None``: follow ``FUSABI_ALLOWLIST``).

    The file is read at once, so a broken file raises :class:`PolicyFileError` here rather
    than denying every plugin later; returns the parsed allowlist (``None`` when no file is
    configured).  The setting is process-wide: it applies to every runtime that enabled the
    ``allowlist`` extension.
    """
    if path is not None:
        load(path)  # raises before anything changes
    _DEFAULT.set_path(path)
    if _DEFAULT.path is None:
        return None
    return _DEFAULT.current()


def configured_path() -> Path | None:
    """The file the ``allowlist`` extension reads now (``None``: none configured)."""
    return _DEFAULT.path


@hookimpl
def fusabi_grant(request: GrantRequest) -> Capabilities:
    """Allow the request intersected with the sets the configured allowlist gives the plugin."""
    return _DEFAULT.fusabi_grant(request)
