"""The runtime: a loader, a registry, events and metrics behind one object.

::

    from fusabi_host import PluginRuntime, RuntimeConfig

    with PluginRuntime(RuntimeConfig(plugin_dirs=["plugins"])) as runtime:
        runtime.on_event(print)
        runtime.discover()
        runtime.call("text-stats", "word_count", ["to be or not to be"])

Every operation goes through the hooks of :mod:`fusabi_host.hookspecs`; the runtime's own
:class:`~fusabi_host.manager.HostPluginManager` holds the core implementations, the extensions
found through entry points, and the runtime's metrics recorder.
"""

from __future__ import annotations

import contextvars
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any

from fusabi_host.config import RuntimeConfig, WatchConfig
from fusabi_host.dependencies import check_dependencies, check_dependents, load_order
from fusabi_host.discovery import Candidate, find_plugins
from fusabi_host.errors import (
    ConversionError,
    DependencyError,
    DiscoveryError,
    FusabiError,
    ManifestError,
    PluginAlreadyLoaded,
    Problem,
)
from fusabi_host.events import EventBus, EventCallback
from fusabi_host.hotreload import HotReloader
from fusabi_host.lifecycle import LifecycleState
from fusabi_host.loader import PluginLoader
from fusabi_host.manager import HostPluginManager
from fusabi_host.manifest import Manifest
from fusabi_host.metrics import MetricsRecorder, MetricsSnapshot, PrometheusCollector
from fusabi_host.plugin import LoadedCode, PluginHandle
from fusabi_host.registry import PluginRegistry, RegistryStats

__all__ = ["PluginRuntime"]

_PENDING_MANIFESTS: contextvars.ContextVar[Mapping[str, Manifest] | None] = contextvars.ContextVar(
    "fusabi_pending_manifests", default=None
)
"""During :meth:`PluginRuntime.reload_many`: the new manifests of the plugins in the batch, so
that a dependent reloaded in the same batch is checked against its new version ranges."""


class PluginRuntime:
    """Loads, runs, calls and unloads plugins; usable as a context manager (``shutdown`` on
    exit).  Thread-safe: see :mod:`fusabi_host.plugin` for the locking rule."""

    def __init__(
        self, config: RuntimeConfig | None = None, *, manager: HostPluginManager | None = None
    ) -> None:
        self.config = config or RuntimeConfig()
        self.manager = manager or HostPluginManager(
            autoload=self.config.autoload_extensions,
            enable=self.config.enable_extensions,
            disable=self.config.disable_extensions,
        )
        self.recorder = MetricsRecorder()
        self.manager.register(self.recorder, name=f"fusabi_host.metrics.{id(self)}", kind="core")
        self.events = EventBus(self.manager)
        self.loader = PluginLoader(self.config.loader, manager=self.manager, events=self.events)
        self.registry = PluginRegistry(self.config.registry)
        self.loader.reload_check = self._check_reload
        self._closed = False
        self._hot: HotReloader | None = None
        self._hot_lock = threading.Lock()
        if self.config.hot_reload:
            self.watch()

    # ------------------------------------------------------------------ loading

    def load_manifest(self, path: str | Path) -> PluginHandle:
        """Load, check dependencies, start (with ``auto_start``) and register a plugin from
        its manifest.  On any failure nothing stays registered or running."""
        manifest_path = self.loader.resolve(path)
        manifest = self._read_manifest(manifest_path)
        self._refuse_duplicate(manifest.name)
        self._check_dependencies(manifest)
        return self._register(self.loader.load_parsed_manifest(manifest, manifest_path))

    def _refuse_duplicate(self, name: str) -> None:
        """Refuse a name in use before building anything (unless overwriting is allowed)."""
        if name in self.registry and not self.registry.config.allow_overwrite:
            raise PluginAlreadyLoaded(name)

    def _read_manifest(self, path: Path) -> Manifest:
        try:
            return Manifest.from_file(path)
        except ManifestError as exc:
            self.events.emit(path.parent.name, "error", stage="manifest", error=str(exc))
            raise

    def load_source(self, path: str | Path) -> PluginHandle:
        """Load and register a bare ``.fsx`` script (name: its file stem)."""
        self._refuse_duplicate(Path(path).stem)
        return self._register(self.loader.load_source(path))

    def load_bytecode(self, path: str | Path) -> PluginHandle:
        """Load and register a bare ``.fzb`` file (name: its file stem)."""
        self._refuse_duplicate(Path(path).stem)
        return self._register(self.loader.load_bytecode_file(path))

    def load(self, path: str | Path) -> PluginHandle:
        """Load whatever *path* is: a manifest, a ``.fsx`` or a ``.fzb`` file, or a directory
        holding a ``plugin.toml``."""
        target = Path(path)
        if target.is_dir():
            target = target / "plugin.toml"
        suffix = target.suffix.lower()
        if suffix == ".fzb":
            return self.load_bytecode(target)
        if suffix == ".fsx":
            return self.load_source(target)
        return self.load_manifest(target)

    def _check_dependencies(self, manifest: Manifest) -> None:
        def loaded(name: str) -> tuple[str, LifecycleState] | None:
            handle = self.registry.get(name)
            return (handle.version, handle.state) if handle is not None else None

        try:
            warnings = check_dependencies(manifest, loaded)
        except DependencyError as exc:
            self.events.emit(manifest.name, "error", stage="dependencies", error=str(exc))
            raise
        for warning in warnings:
            self.events.emit(manifest.name, "warning", message=warning)

    def _register(self, handle: PluginHandle) -> PluginHandle:
        try:
            self.registry.register(handle)
        except FusabiError:
            handle.unload()  # never leave a started plugin behind
            raise
        hot = self._hot
        if hot is not None:
            hot.track(handle)
        return handle

    def discover(self, *, within: Iterable[str | Path] | None = None) -> list[PluginHandle]:
        """Load every plugin found in ``plugin_dirs`` (with ``discover_patterns``) that is not
        loaded yet, dependencies first; returns the plugins loaded now.

        *within* limits the search to plugins at or below those paths (hot reload uses it for
        a folder that just appeared).  Every plugin is attempted.  Failures are ``error``
        events, and are raised together at the end as one :class:`~fusabi_host.DiscoveryError`
        (its ``errors`` lists them, its ``loaded`` the plugins that did load and stay loaded).
        A dependency cycle is raised before anything loads.
        """
        found, missing = find_plugins(self.config.plugin_dirs, self.config.discover_patterns)
        if within is None:
            for directory in missing:
                message = f"plugin dir {directory} not found"
                self.events.emit("<runtime>", "warning", message=message)
        else:
            found = _within(found, [Path(path).resolve() for path in within])
        manifests: dict[str, tuple[Manifest, Path]] = {}
        failures: list[FusabiError] = []
        scripts: list[Path] = []
        for candidate in found:
            if not candidate.is_manifest:
                scripts.append(candidate.path)
                continue
            try:
                manifest = self._read_manifest(candidate.path)
            except ManifestError as exc:
                failures.append(exc)
                continue
            if manifest.name in manifests:
                duplicate = ManifestError(
                    [
                        Problem(
                            "$.name",
                            f"plugin name '{manifest.name}' is also used by "
                            f"{manifests[manifest.name][1]}",
                        )
                    ],
                    candidate.path,
                )
                self.events.emit(manifest.name, "error", stage="manifest", error=str(duplicate))
                failures.append(duplicate)
                continue
            manifests[manifest.name] = (manifest, candidate.path)
        order = load_order({name: m for name, (m, _) in manifests.items()})  # cycles: raise now
        loaded: list[PluginHandle] = []
        # bare scripts first: they depend on nothing, and manifests may depend on them
        claimed = {name: str(manifest_path) for name, (_, manifest_path) in manifests.items()}
        for path in scripts:
            if path.stem in claimed:  # two plugins of one name found together: report it
                clash = ManifestError(
                    [
                        Problem(
                            "$",
                            f"the script {path} would be a plugin named '{path.stem}', "
                            f"a name already used by {claimed[path.stem]}",
                        )
                    ],
                    path,
                )
                self.events.emit(path.stem, "error", stage="discover", error=str(clash))
                failures.append(clash)
                continue
            claimed[path.stem] = str(path)
            if path.stem in self.registry:
                continue  # loaded before this discovery
            try:
                loaded.append(self.load(path))
            except FusabiError as exc:
                failures.append(exc)
        for name in order:
            if name in self.registry:
                continue
            manifest, path = manifests[name]
            try:
                self._check_dependencies(manifest)
                loaded.append(self._register(self.loader.load_parsed_manifest(manifest, path)))
            except FusabiError as exc:
                failures.append(exc)
        if failures:
            raise DiscoveryError(failures, loaded)
        return loaded

    # ------------------------------------------------------------------ lookups

    def get(self, name: str) -> PluginHandle | None:
        return self.registry.get(name)

    def has_plugin(self, name: str) -> bool:
        return name in self.registry

    def plugins(self) -> list[PluginHandle]:
        return self.registry.all()

    def running(self) -> list[PluginHandle]:
        return self.registry.running()

    # ------------------------------------------------------------------ calls

    def call(self, plugin: str, function: str, args: Sequence[Any] = ()) -> Any:
        """Call *function* of *plugin* with *args*; returns the Python result.

        Raises :class:`~fusabi_host.PluginNotFound`, :class:`~fusabi_host.FunctionNotFound`,
        :class:`~fusabi_host.InvalidState` or the plugin's own error
        (:class:`~fusabi_host.FusabiRuntimeError`, :class:`~fusabi_host.LimitExceeded`, ...).
        """
        if type(args) is not tuple and type(args) is not list:  # (the usual ones: no call)
            args = _argument_list(args)
        return self.registry.require(plugin).function(function)(*args)

    def partial(self, plugin: str, function: str, args: Sequence[Any] = ()) -> Any:
        """*function* of *plugin* applied to its first arguments *args*: a Python callable
        taking the rest (see :meth:`PluginHandle.partial`)."""
        return self.registry.require(plugin).partial(function, *_argument_list(args))

    def signature(self, plugin: str, function: str) -> str | None:
        """The F# signature of an export (see :meth:`PluginHandle.signature`)."""
        return self.registry.require(plugin).signature(function)

    def function(self, plugin: str, function: str) -> Callable[..., Any]:
        """A bound callable for repeated calls of one export (see
        :meth:`PluginHandle.function`); it keeps working across reloads of the plugin."""
        return self.registry.require(plugin).function(function)

    def broadcast(self, function: str, args: Sequence[Any] = ()) -> dict[str, Any]:
        """Call *function* on every running plugin that exports it, one after the other.

        Returns ``{plugin: result}``; a plugin whose call failed maps to its
        :class:`~fusabi_host.FusabiError` instead, and the others are still called.
        """
        args = _argument_list(args)
        results: dict[str, Any] = {}
        for handle in self.registry.running():
            if not handle.has_export(function):
                continue
            try:
                results[handle.name] = handle.call(function, *args)
            except FusabiError as exc:
                results[handle.name] = exc
        return results

    # ------------------------------------------------------------------ lifecycle

    def start(self, name: str) -> None:
        self.registry.require(name).start()

    def stop(self, name: str) -> None:
        self.registry.require(name).stop()

    def reload(self, name: str) -> PluginHandle:
        """Reload plugin *name* from disk (see :mod:`fusabi_host.reload`); on failure the
        running version keeps serving and the error is raised."""
        return self.registry.require(name).reload()

    def reload_many(
        self,
        changes: Mapping[str, Sequence[Path]] | Iterable[str],
        *,
        trigger: str = "manual",
    ) -> dict[str, FusabiError]:
        """Reload several plugins as a batch, dependencies before their dependents; returns
        the failures by name (those keep their previous version).

        *changes* names the plugins, or maps each to the paths that changed (they reach the
        ``fusabi_reload`` observers).  Dependents in the batch are checked against their *new*
        manifests, so a plugin and a dependent updated together to a new major version reload
        together.
        """
        paths = dict(changes) if isinstance(changes, Mapping) else dict.fromkeys(changes, ())
        failures: dict[str, FusabiError] = {}
        handles: dict[str, PluginHandle] = {}
        for name in paths:
            try:
                handles[name] = self.registry.require(name)
            except FusabiError as exc:
                failures[name] = exc
        pending = {name: m for name, h in handles.items() if (m := _manifest_on_disk(h))}
        try:
            ordered = load_order(pending)
        except DependencyError:
            ordered = sorted(pending)  # a cycle: each reload reports its own problem
        order = [name for name in handles if name not in pending] + ordered
        token = _PENDING_MANIFESTS.set(pending)
        try:
            for name in order:
                try:
                    self.loader.reload(handles[name], trigger=trigger, paths=paths[name])
                except FusabiError as exc:
                    failures[name] = exc
        finally:
            _PENDING_MANIFESTS.reset(token)
        return failures

    def _check_reload(self, handle: PluginHandle, code: LoadedCode) -> None:
        """Refuse a new version whose own dependencies are not met, or that would break a
        loaded plugin depending on it (:class:`~fusabi_host.DependencyError`)."""

        def loaded(name: str) -> tuple[str, LifecycleState] | None:
            other = self.registry.get(name)
            if other is None or other is handle:
                return None
            return other.version, other.state

        if code.manifest is not None:
            for warning in check_dependencies(code.manifest, loaded):
                self.events.emit(handle.name, "warning", message=warning)
        pending = _PENDING_MANIFESTS.get() or {}
        dependents: dict[str, Manifest] = {}
        for other in self.registry.all():
            if other is handle or other.state is LifecycleState.UNLOADED:
                continue
            manifest = pending.get(other.name, other.manifest)
            if manifest is not None:
                dependents[other.name] = manifest
        check_dependents(handle.name, str(code.version), handle.version, dependents)

    def unload(self, name: str) -> None:
        """Stop (``cleanup``), unload and unregister the plugin *name* (and stop watching its
        files)."""
        self.registry.unregister(name)
        hot = self._hot
        if hot is not None:
            hot.forget(name)

    def start_all(self) -> dict[str, FusabiError]:
        """Start every initialised or stopped plugin; returns the failures by name."""
        return self._each(
            lambda h: h.state in (LifecycleState.INITIALIZED, LifecycleState.STOPPED),
            PluginHandle.start,
        )

    def stop_all(self) -> dict[str, FusabiError]:
        """Stop every running plugin; returns the failures by name."""
        return self._each(lambda h: h.state is LifecycleState.RUNNING, PluginHandle.stop)

    def reload_all(self) -> dict[str, FusabiError]:
        """Reload every plugin that is not unloaded, dependencies first (see
        :meth:`reload_many`); returns the failures by name (those keep their previous
        version)."""
        names = [h.name for h in self.registry.all() if h.state is not LifecycleState.UNLOADED]
        return self.reload_many(names)

    def _each(
        self, wanted: Callable[[PluginHandle], bool], action: Callable[[PluginHandle], object]
    ) -> dict[str, FusabiError]:
        failures: dict[str, FusabiError] = {}
        for handle in self.registry.all():
            if not wanted(handle):
                continue
            try:
                action(handle)
            except FusabiError as exc:
                failures[handle.name] = exc
        return failures

    # ------------------------------------------------------------------ observing

    def on_event(self, callback: EventCallback) -> Callable[[], None]:
        """Call *callback* with every :class:`~fusabi_host.LifecycleEvent`; returns a function
        that unsubscribes.  A callback that raises is logged and skipped."""
        return self.events.subscribe(callback)

    def stats(self) -> RegistryStats:
        """How many plugins, per lifecycle state."""
        return self.registry.stats()

    def metrics(self) -> MetricsSnapshot:
        """Calls, latencies, loads, reloads, errors and denials so far."""
        return self.recorder.snapshot()

    def register_prometheus(self, registry: Any = None, *, prefix: str = "fusabi") -> Any:
        """Expose the metrics as prometheus_client collectors on *registry* (default: the
        global ``REGISTRY``); needs the ``metrics`` extra.  Returns the collector."""
        try:
            import prometheus_client  # noqa: PLC0415 - optional dependency
        except ImportError as exc:  # pragma: no cover - depends on the install
            raise ImportError(
                "Prometheus metrics need the 'metrics' extra: pip install fusabi-host[metrics]"
            ) from exc
        target = registry if registry is not None else prometheus_client.REGISTRY
        collector = PrometheusCollector(self.recorder, lambda: self.stats().by_state, prefix)
        target.register(collector)
        return collector

    # ------------------------------------------------------------------ hot reload

    def watch(
        self, *, debounce: float | None = None, config: WatchConfig | None = None
    ) -> HotReloader:
        """Start hot reload: watch ``plugin_dirs`` and every loaded plugin's files, and reload,
        load and unload plugins as they change (see :mod:`fusabi_host.hotreload`).

        *config* defaults to ``RuntimeConfig.watch``; *debounce* overrides its debounce.
        Needs the ``watch`` extra for the default backend.  Returns the running
        :class:`~fusabi_host.hotreload.HotReloader`; calling ``watch`` again returns it too.
        """
        with self._hot_lock:
            if self._hot is not None:
                return self._hot
            watch_config = config or self.config.watch
            if debounce is not None:
                watch_config = watch_config.with_debounce(debounce)
            hot = HotReloader(self, watch_config)
            hot.start()
            self._hot = hot
            return hot

    @property
    def watching(self) -> bool:
        """Whether hot reload is on."""
        return self._hot is not None

    def stop_watching(self) -> None:
        """Stop hot reload (a batch of changes being applied finishes first).  Idempotent."""
        with self._hot_lock:
            hot, self._hot = self._hot, None
        if hot is not None:
            hot.stop()

    # ------------------------------------------------------------------ shutting down

    def shutdown(self) -> None:
        """Stop watching, stop every plugin (``cleanup`` runs), unload and unregister all.
        Idempotent."""
        if self._closed:
            return
        self._closed = True
        self.stop_watching()
        self.stop_all()
        self.registry.clear()

    def __enter__(self) -> PluginRuntime:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.shutdown()


def _within(found: list[Candidate], paths: list[Path]) -> list[Candidate]:
    """The candidates at or below one of *paths*."""
    return [c for c in found if any(c.path == p or c.path.is_relative_to(p) for p in paths)]


def _manifest_on_disk(handle: PluginHandle) -> Manifest | None:
    """The manifest a reload of *handle* would read (its current one if that file is broken
    now: the reload itself reports that)."""
    path = handle.code.manifest_path
    if path is None:
        return None
    try:
        return Manifest.from_file(path)
    except ManifestError:
        return handle.manifest


def _argument_list(args: Sequence[Any]) -> Sequence[Any]:
    """*args*, which must be a list or tuple of the call's arguments: a ``dict`` or ``str``
    given by mistake for the one argument would otherwise be taken apart into several."""
    if type(args) is not tuple and not isinstance(args, (list, tuple)):
        kind = type(args).__name__
        raise ConversionError(
            f"the arguments of a call are given as a list or tuple, not a {kind}; to pass one "
            f"{kind} as the only argument, give [value]"
        )
    return args
