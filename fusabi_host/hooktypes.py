"""The records that travel through the hooks of :mod:`fusabi_host.hookspecs`.

Hooks take one record per concept instead of long argument lists, so a field can be added
later without breaking any implementation (pluggy passes only the arguments a hook names).
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs

from fusabi_host.capabilities import Capabilities
from fusabi_host.config import EngineConfig
from fusabi_host.manifest import Manifest

__all__ = [
    "CallContext",
    "EntryKind",
    "GrantRequest",
    "LoadRequest",
    "ReloadPhase",
    "ReloadTransaction",
]


class EntryKind(enum.Enum):
    """What kind of file a plugin's code is in."""

    SOURCE = "source"
    BYTECODE = "bytecode"


@attrs.frozen(kw_only=True)
class LoadRequest:
    """A plugin entry to be turned into a compiled unit by some loader.

    * ``name`` -- the plugin's name (from the manifest, or the file stem).
    * ``entry`` -- absolute path of the code file to load.
    * ``kind`` -- source or bytecode, from the manifest key or the file itself.
    * ``manifest`` / ``manifest_path`` -- present when the plugin has a manifest.
    * ``plugin_dir`` -- the directory the plugin lives in; ``#load`` stays inside it.
    * ``engine`` -- the engine configuration the plugin will run under.
    """

    name: str
    entry: Path
    kind: EntryKind
    plugin_dir: Path
    engine: EngineConfig = attrs.field(factory=EngineConfig)
    manifest: Manifest | None = None
    manifest_path: Path | None = None


@attrs.frozen(kw_only=True)
class GrantRequest:
    """A plugin asks for capabilities.

    * ``plugin`` -- the plugin's name.
    * ``requested`` -- what its manifest declares (for a bare script: what the host offers).
    * ``offered`` -- what the host's :class:`~fusabi_host.EngineConfig` offers.
    * ``manifest`` -- the manifest, when there is one (policies may look at tags, authors...).
    """

    plugin: str
    requested: Capabilities
    offered: Capabilities
    manifest: Manifest | None = None


@attrs.define(kw_only=True)
class CallContext:
    """One call from the host into a plugin function.

    * ``plugin`` / ``function`` -- who is called.
    * ``args`` -- the Python arguments, before conversion.
    * ``target`` -- the bound function that performs the call; the core executor calls
      ``target(*args)``.  Wrappers may time, limit or trace around it.
    * ``scratch`` -- free space for wrappers to share per-call data.
    """

    plugin: str
    function: str
    args: tuple[Any, ...]
    target: Callable[..., Any]
    scratch: dict[str, Any] = attrs.field(factory=dict)


class ReloadPhase(enum.Enum):
    """The phases of a reload transaction.

    * ``PREPARE`` -- the new version is loaded and initialised beside the old one, which still
      serves calls.  A hook returning a string vetoes the reload with that reason.
    * ``COMMIT`` -- the new version has replaced the old one.
    * ``ROLLBACK`` -- the reload failed or was vetoed; the old version keeps serving.
    """

    PREPARE = "prepare"
    COMMIT = "commit"
    ROLLBACK = "rollback"


@attrs.define(kw_only=True)
class ReloadTransaction:
    """A reload in progress.

    * ``plugin`` -- name of the plugin being reloaded.
    * ``trigger`` -- why: ``"manual"``, ``"watch"`` ...
    * ``paths`` -- changed files that triggered it (empty for a manual reload).
    * ``manifest`` -- the new manifest, when the plugin has one (set during prepare).
    * ``error`` -- what went wrong, set before ``ROLLBACK``.
    """

    plugin: str
    trigger: str = "manual"
    paths: tuple[Path, ...] = ()
    manifest: Manifest | None = None
    error: str | None = None
