"""Loading plugins: manifest -> API check -> validation -> grant -> code -> instance.

:class:`PluginLoader` runs the steps below, each through its hook, and returns a
:class:`~fusabi_host.PluginHandle`:

1. read the manifest (``plugin.toml``), or take name and version from a bare script;
2. check the host API version (:class:`~fusabi_host.ApiVersionMismatch`);
3. ``fusabi_validate``: every validator's problems, as one :class:`~fusabi_host.ManifestError`;
4. ``fusabi_grant``: capabilities are what the manifest declares, narrowed by every policy; a
   declared capability that is refused fails the load (:class:`~fusabi_host.CapabilityError`);
5. ``fusabi_load``: the first loader that claims the entry compiles it (this module's core
   loader, ``trylast``, handles ``.fsx`` source and ``.fzb`` bytecode);
6. the manifest's ``exports`` must exist in the code;
7. the plugin is created, initialised (its top level runs) and, with ``auto_start``, started
   (its ``init`` export runs).

A load that fails at any step raises and leaves nothing running: a plugin whose ``init`` failed
is unloaded before the error propagates.  :meth:`PluginLoader.reload` builds the new version
the same way *beside* the old one and swaps only when everything succeeded (``fusabi_reload``
observers may veto); on failure the old version keeps serving.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import semver

from fusabi_host.config import LoaderConfig
from fusabi_host.engine import (
    CompiledUnit,
    Instance,
    compile_file,
    load_bytecode_file,
    load_limits,
)
from fusabi_host.errors import (
    ApiVersionMismatch,
    FusabiError,
    InvalidState,
    ManifestError,
    Problem,
)
from fusabi_host.events import EventBus
from fusabi_host.hookspecs import hookimpl
from fusabi_host.hooktypes import (
    EntryKind,
    GrantRequest,
    LoadRequest,
    ReloadPhase,
    ReloadTransaction,
)
from fusabi_host.lifecycle import LifecycleState
from fusabi_host.manager import HostPluginManager
from fusabi_host.manifest import Manifest
from fusabi_host.plugin import CLEANUP_EXPORT, INIT_EXPORT, LoadedCode, PluginHandle

__all__ = ["PluginLoader", "fusabi_load"]

SCRIPT_VERSION = semver.Version(0, 0, 0)
SOURCE_SUFFIXES = (".fsx", ".fs", ".fusabi")


@hookimpl(trylast=True)
def fusabi_load(request: LoadRequest) -> CompiledUnit | None:
    """The core loader: ``.fsx`` source is compiled (``#load`` may read files inside the
    plugin directory only), bytecode (``.fzb``, or any file starting with ``FZB\x01``) is
    validated and lifted.  Other files are not its business (``None``)."""
    if request.kind is EntryKind.BYTECODE:
        return load_bytecode_file(request.entry)
    if request.entry.suffix.lower() not in SOURCE_SUFFIXES:
        return None
    return compile_file(request.entry, root=request.plugin_dir)


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

    # ------------------------------------------------------------------ public API

    def load_from_manifest(self, path: str | Path) -> PluginHandle:
        """Load the plugin described by a ``plugin.toml`` (or ``.json``) manifest."""
        manifest_path = self.resolve(path)
        manifest = Manifest.from_file(manifest_path)
        return self.load_manifest(manifest, manifest_path)

    def load_manifest(self, manifest: Manifest, manifest_path: Path) -> PluginHandle:
        """Load a plugin from an already parsed manifest found at *manifest_path*."""
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

    def reload(self, handle: PluginHandle, *, trigger: str = "manual") -> PluginHandle:
        """Reload *handle* from disk: re-read the manifest, re-grant, recompile, run the new
        top level and ``init`` beside the old version, then swap.

        The running version keeps serving calls until the swap.  If anything fails, or a
        ``fusabi_reload`` observer vetoes, the old version stays exactly as it was, an
        ``error`` event is emitted and the error is raised.  On success the plugin emits
        ``reloaded`` and keeps its state (a running plugin stays running).
        """
        if handle.state is LifecycleState.UNLOADED:
            raise InvalidState(handle.name, "reload", handle.state, "not unloaded")
        transaction = ReloadTransaction(plugin=handle.name, trigger=trigger)
        with handle.locked():
            previous_state = handle.state
            keep_running = previous_state is LifecycleState.RUNNING
            old = handle.code
            new_instance: Instance | None = None
            try:
                if old.manifest_path is not None:
                    manifest = Manifest.from_file(old.manifest_path)
                    transaction.manifest = manifest
                    code = self.prepare_manifest(manifest, old.manifest_path)
                else:
                    code = self.prepare_script(old.entry, old.kind)
                if code.name != handle.name:
                    raise ManifestError(
                        [
                            Problem(
                                "$.name",
                                f"a reload cannot rename plugin '{handle.name}' to '{code.name}'",
                            )
                        ],
                        old.manifest_path,
                    )
                if previous_state is not LifecycleState.CREATED:
                    new_instance = self.instantiate(code, handle)
                    if keep_running and new_instance.has(INIT_EXPORT):
                        new_instance.call(INIT_EXPORT)
                vetoes = self.manager.reload(ReloadPhase.PREPARE, transaction)
                if vetoes:
                    raise InvalidState(
                        handle.name, "reload", previous_state, "no veto: " + "; ".join(vetoes)
                    )
            except FusabiError as exc:
                transaction.error = str(exc)
                self.manager.reload(ReloadPhase.ROLLBACK, transaction)
                self.events.emit(handle.name, "error", stage="reload", error=str(exc))
                raise
            target_state = previous_state
            if previous_state is LifecycleState.FAILED:
                target_state = (
                    LifecycleState.INITIALIZED if new_instance is not None else previous_state
                )
            if new_instance is None:
                handle._commit_code(code)
            else:
                old_instance = handle._commit_reload(code, new_instance, target_state)
                if keep_running and old_instance is not None and old_instance.has(CLEANUP_EXPORT):
                    try:
                        old_instance.call(CLEANUP_EXPORT)
                    except FusabiError as exc:
                        self.events.emit(handle.name, "error", stage="cleanup", error=str(exc))
            self.manager.reload(ReloadPhase.COMMIT, transaction)
            self.events.emit(
                handle.name,
                "reloaded",
                reload_count=handle.reload_count,
                version=handle.version,
                trigger=trigger,
            )
        return handle

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
