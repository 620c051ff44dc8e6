"""Loading plugins: manifest -> API check -> validation -> grant -> code -> instance.

:class:`PluginLoader` runs the steps below, each through its hook, and returns a
:class:`~fusabi_host.PluginHandle`:

1. read the manifest (``plugin.toml``), or take name and version from a bare script;
2. check the host API version (:class:`~fusabi_host.ApiVersionMismatch`);
3. ``fusabi_validate``: every validator's problems, as one :class:`~fusabi_host.ManifestError`;
4. ``fusabi_grant``: capabilities are what the manifest declares, narrowed by every policy; a
   declared capability that is refused fails the load (:class:`~fusabi_host.CapabilityError`);
5. ``fusabi_load``: the first loader that claims the entry compiles it (the core loader,
   :mod:`fusabi_host.core.loader`, is ``trylast`` and handles ``.fsx`` source and ``.fzb``
   bytecode);
6. the manifest's ``exports`` must exist in the code;
7. the plugin is created, initialised (its top level runs) and, with ``auto_start``, started
   (its ``init`` export runs).

A load that fails at any step raises and leaves nothing running: a plugin whose ``init`` failed
is unloaded before the error propagates.  :meth:`PluginLoader.reload` builds the new version
the same way *beside* the old one and swaps only when everything succeeded -- the transaction
of :mod:`fusabi_host.reload`; on failure the old version keeps serving.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import semver

from fusabi_host.config import LoaderConfig
from fusabi_host.engine import CompiledUnit, Instance, load_limits
from fusabi_host.errors import ApiVersionMismatch, FusabiError, ManifestError, Problem
from fusabi_host.events import EventBus
from fusabi_host.hooktypes import EntryKind, GrantRequest, LoadRequest
from fusabi_host.manager import HostPluginManager
from fusabi_host.manifest import Manifest
from fusabi_host.plugin import LoadedCode, PluginHandle
from fusabi_host.reload import ReloadCheck, reload_plugin

__all__ = ["PluginLoader"]

SCRIPT_VERSION = semver.Version(0, 0, 0)


class PluginLoader:
    """Turns plugin files into :class:`~fusabi_host.PluginHandle` objects (unregistered).

    Most applications use :class:`~fusabi_host.PluginRuntime`, which owns a loader and a
    registry; use a loader directly to manage plugins yourself.
    """

    def __init__(
        self,
        config: LoaderConfig | None = None,
        *,
        manager: HostPluginManager | None = None,
        events: EventBus | None = None,
    ) -> None:
        self.config = config or LoaderConfig()
        self.manager = manager or HostPluginManager()
        self.events = events or EventBus(self.manager)
        self.reload_check: ReloadCheck | None = None

    # ------------------------------------------------------------------ public API

    def load_from_manifest(self, path: str | Path) -> PluginHandle:
        """Load the plugin described by a ``plugin.toml`` (or ``.json``) manifest file (the
        loader's counterpart of :meth:`PluginRuntime.load_manifest
        <fusabi_host.PluginRuntime.load_manifest>`, which also registers it)."""
        manifest_path = self.resolve(path)
        manifest = Manifest.from_file(manifest_path)
        return self.load_parsed_manifest(manifest, manifest_path)

    def load_parsed_manifest(self, manifest: Manifest, manifest_path: Path) -> PluginHandle:
        """Load a plugin from a manifest already parsed (with :meth:`Manifest.from_file
        <fusabi_host.Manifest.from_file>`) from *manifest_path*; use it when you inspected the
        manifest first, as the runtime does to check dependencies before loading."""
        return self._finish(manifest.name, lambda: self.prepare_manifest(manifest, manifest_path))

    def load_source(self, path: str | Path) -> PluginHandle:
        """Load a bare ``.fsx`` script; its name is the file stem, its version 0.0.0 and it
        gets what the host offers (narrowed by the policies)."""
        entry = self.resolve(path)
        return self._finish(entry.stem, lambda: self.prepare_script(entry, EntryKind.SOURCE))

    def load_bytecode_file(self, path: str | Path) -> PluginHandle:
        """Load a bare ``.fzb`` file (see :meth:`load_source`)."""
        entry = self.resolve(path)
        return self._finish(entry.stem, lambda: self.prepare_script(entry, EntryKind.BYTECODE))

    def reload(
        self,
        handle: PluginHandle,
        *,
        trigger: str = "manual",
        paths: Sequence[Path] = (),
    ) -> PluginHandle:
        """Reload *handle* from disk as one transaction (:mod:`fusabi_host.reload`): re-read
        the manifest, re-grant, recompile, run the new top level and ``init`` beside the old
        version, hand the state over, then swap.

        The running version keeps serving calls until the swap.  If anything fails, or a
        ``fusabi_reload`` observer vetoes, the old version stays exactly as it was, an
        ``error`` event is emitted and the error is raised.  On success the plugin emits
        ``reloaded`` and keeps its lifecycle state (a running plugin stays running).
        :attr:`reload_check` (set by the runtime) may refuse the new version first.
        """
        return reload_plugin(self, handle, trigger=trigger, paths=paths, check=self.reload_check)

    # ------------------------------------------------------------------ steps

    def resolve(self, path: str | Path) -> Path:
        """*path* made absolute (relative ones against ``base_path``, if set)."""
        path = Path(path)
        if not path.is_absolute() and self.config.base_path is not None:
            path = self.config.base_path / path
        return path.absolute()

    def prepare_manifest(self, manifest: Manifest, manifest_path: Path) -> LoadedCode:
        """Steps 2-6 for a plugin with a manifest."""
        manifest_path = manifest_path.absolute()
        host = self.config.host_api_version
        if not host.is_compatible_with(manifest.api_version):
            raise ApiVersionMismatch(manifest.name, manifest.api_version, host)
        plugin_dir = manifest_path.parent
        if self.config.strict_validation:
            problems = self.manager.validate(manifest, plugin_dir)
            if problems:
                raise ManifestError(problems, manifest_path)
        offered = self.config.engine.capabilities
        grant = self.manager.require_grant(
            GrantRequest(
                plugin=manifest.name,
                requested=manifest.capabilities,
                offered=offered,
                manifest=manifest,
            )
        )
        entry = plugin_dir / manifest.entry
        kind = EntryKind.SOURCE if manifest.uses_source else EntryKind.BYTECODE
        unit = self._compile(manifest.name, entry, kind, plugin_dir, manifest, manifest_path)
        missing = [name for name in manifest.exports if name not in unit.bindings]
        if missing:
            defined = ", ".join(unit.bindings) or "nothing"
            raise ManifestError(
                [
                    Problem(
                        "$.exports",
                        f"'{name}' is not defined in {manifest.entry} (it defines: {defined})",
                    )
                    for name in missing
                ],
                manifest_path,
            )
        return LoadedCode(
            name=manifest.name,
            version=manifest.version,
            entry=entry,
            kind=kind,
            plugin_dir=plugin_dir,
            unit=unit,
            grant=grant,
            manifest=manifest,
            manifest_path=manifest_path,
        )

    def prepare_script(self, entry: Path, kind: EntryKind) -> LoadedCode:
        """Steps 4-5 for a bare script: it requests what the host offers."""
        name = entry.stem
        offered = self.config.engine.capabilities
        decision = self.manager.grant(
            GrantRequest(plugin=name, requested=offered, offered=offered, manifest=None)
        )
        unit = self._compile(name, entry, kind, entry.parent, None, None)
        return LoadedCode(
            name=name,
            version=SCRIPT_VERSION,
            entry=entry,
            kind=kind,
            plugin_dir=entry.parent,
            unit=unit,
            grant=decision.granted,
        )

    def _compile(
        self,
        name: str,
        entry: Path,
        kind: EntryKind,
        plugin_dir: Path,
        manifest: Manifest | None,
        manifest_path: Path | None,
    ) -> CompiledUnit:
        request = LoadRequest(
            name=name,
            entry=entry,
            kind=kind,
            plugin_dir=plugin_dir,
            engine=self.config.engine,
            manifest=manifest,
            manifest_path=manifest_path,
        )
        with load_limits(self.config.engine.limits):  # compiling is under the limits too
            unit = self.manager.load(request)
        if unit is None:
            raise ManifestError(
                [
                    Problem(
                        "$.source" if kind is EntryKind.SOURCE else "$.bytecode",
                        f"no loader accepts {entry.name} (the core loader reads .fsx source "
                        "and .fzb bytecode; other formats need a loader extension)",
                    )
                ],
                manifest_path or entry,
            )
        if not isinstance(unit, CompiledUnit):
            raise ManifestError(
                [Problem("$", f"a loader returned {type(unit).__name__}, not a CompiledUnit")],
                manifest_path,
            )
        for warning in unit.warnings:  # incomplete matches; type errors under "warn"
            self.events.emit(
                name,
                "warning",
                message=str(warning),
                file=warning.filename,
                line=warning.line,
                column=warning.column,
            )
        return unit

    def instantiate(self, code: LoadedCode, handle: PluginHandle) -> Instance:
        """Run the plugin's top level in a fresh instance with its grant and limits."""
        events = self.events

        def denied(capability: str, resource: str | None) -> None:
            events.emit(code.name, "capability_denied", capability=capability, resource=resource)

        return code.unit.instantiate(
            self.config.engine,
            capabilities=code.grant,
            base_dir=code.plugin_dir,
            name=code.name,
            on_denied=denied,
        )

    def _finish(self, name: str, prepare: Callable[[], LoadedCode]) -> PluginHandle:
        """Prepare, create, initialise and (with ``auto_start``) start; on failure unload,
        emit an ``error`` event (for failures before the plugin exists) and raise."""
        try:
            code = prepare()
        except FusabiError as exc:
            self.events.emit(name, "error", stage="load", error=str(exc))
            raise
        handle = PluginHandle(
            code, manager=self.manager, events=self.events, instantiate=self.instantiate
        )
        handle.reloader = self.reload
        try:
            handle.initialize()
            if self.config.auto_start:
                handle.start()
        except FusabiError:
            handle.unload()
            raise
        return handle
