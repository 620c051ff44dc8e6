"""Hot reload: a runtime's plugins and plugin folders, watched and kept up to date.

A :class:`HotReloader` (start one with :meth:`PluginRuntime.watch
<fusabi_host.PluginRuntime.watch>` or ``RuntimeConfig(hot_reload=True)``) watches

* every ``plugin_dirs`` folder, each direct child separately (one plugin per subfolder or per
  script), so that a new plugin folder is discovered and loaded;
* every loaded plugin's files: the folder of a plugin with a manifest (its manifest, its entry
  file and the files it ``#load``-s all live there), or a bare script and the files it
  ``#load``-s.

After the :class:`~fusabi_host.watcher.PluginWatcher`'s debounce, the changes are applied on the
reloader's own thread, in this order:

1. plugins whose manifest (or bare script) is gone are stopped and unloaded, with events;
2. changed plugins are reloaded, as one batch ordered by their dependencies
   (:meth:`PluginRuntime.reload_many <fusabi_host.PluginRuntime.reload_many>`); a reload that
   fails keeps the old version serving and emits ``error``;
3. plugins that were unloaded because their files went away load again when the files come
   back, and new plugins under ``plugin_dirs`` are discovered and loaded.

A failed reload or load is tried again only on the next change to its files: nothing is retried
on a timer, and a broken plugin costs nothing while nobody edits it.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from fusabi_host.config import WatchConfig
from fusabi_host.errors import FusabiError
from fusabi_host.lifecycle import LifecycleState
from fusabi_host.plugin import PluginHandle
from fusabi_host.watcher import PluginWatcher
from fusabi_host.watchevents import WatchEvent

if TYPE_CHECKING:
    from fusabi_host.runtime import PluginRuntime

__all__ = ["HotReloader", "watched_paths"]

log = logging.getLogger("fusabi_host.hotreload")

RUNTIME_SUBJECT = "<runtime>"
"""The plugin name of events about the runtime itself (such as a watcher falling back)."""


def watched_paths(handle: PluginHandle) -> tuple[Path, ...]:
    """What to watch for one plugin: its folder when it has a manifest, else its script and
    the files the script ``#load``-s."""
    code = handle.code
    if code.manifest_path is not None:
        return (code.manifest_path.parent.resolve(),)
    loaded = tuple(Path(name).resolve() for name in code.unit.program.files)
    return (code.entry.resolve(), *loaded)


def _source_of(handle: PluginHandle) -> Path:
    """The file a plugin loads from: its manifest, or its script."""
    code = handle.code
    return (code.manifest_path or code.entry).resolve()


class HotReloader:
    """Watches one runtime's plugins and folders and applies their changes (see the module
    documentation).  Made by :meth:`PluginRuntime.watch`; thread-safe."""

    def __init__(self, runtime: PluginRuntime, config: WatchConfig) -> None:
        self.runtime = runtime
        self.config = config
        self.watcher = PluginWatcher(config, manager=runtime.manager)
        self.watcher.on_change(self._changed)
        self.watcher.on_notice(self._notice)
        self._condition = threading.Condition()
        self._pending: dict[Path, list[WatchEvent]] = {}
        self._stopping = False
        self._owners: dict[Path, str] = {}  # watched path -> plugin name
        self._sources: dict[Path, Path] = {}  # a plugin's watch key -> the file it loads from
        self._roots: tuple[Path, ...] = ()
        self._thread: threading.Thread | None = None

    # ------------------------------------------------------------------ lifecycle

    def start(self) -> None:
        """Watch the plugin folders and every plugin loaded now, and start applying changes."""
        roots = []
        for directory in self.runtime.config.plugin_dirs:
            root = Path(directory).resolve()
            roots.append(root)
            self.watcher.watch(root, per_entry=True)
        self._roots = tuple(roots)
        for handle in self.runtime.registry.all():
            self.track(handle)
        self._thread = threading.Thread(target=self._run, name="fusabi-hot-reload", daemon=True)
        self._thread.start()
        self.watcher.start()

    def stop(self) -> None:
        """Stop watching; a batch being applied finishes first.  Idempotent."""
        self.watcher.stop()
        with self._condition:
            self._stopping = True
            self._condition.notify_all()
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join()

    @property
    def backend(self) -> str:
        """The name of the watcher backend in use."""
        return self.watcher.backend

    # ------------------------------------------------------------------ what is watched

    def track(self, handle: PluginHandle) -> None:
        """Watch the files of *handle* (the runtime calls this for every plugin it registers,
        and again after a reload, whose ``#load``-s may have changed)."""
        paths = watched_paths(handle)
        with self._condition:
            for path in paths:
                self._owners[path] = handle.name
            self._sources[paths[0]] = _source_of(handle)
        for path in paths:
            self.watcher.watch(path)

    def forget(self, name: str) -> None:
        """Stop watching plugin *name*'s own files (it was unloaded by the host; a plugin
        under ``plugin_dirs`` is still discovered again if its files change)."""
        with self._condition:
            paths = [path for path, owner in self._owners.items() if owner == name]
            for path in paths:
                del self._owners[path]
                self._sources.pop(path, None)
        for path in paths:
            if path not in self._roots:
                self.watcher.unwatch(path)

    # ------------------------------------------------------------------ applying changes

    def _notice(self, message: str) -> None:
        self.runtime.events.emit(RUNTIME_SUBJECT, "warning", message=message)

    def _changed(self, events: list[WatchEvent]) -> None:
        """A debounced burst of one key: queue it for the reloader's thread."""
        with self._condition:
            for event in events:
                key = event.key if event.key is not None else event.path
                self._pending.setdefault(key, []).append(event)
            self._condition.notify_all()

    def _run(self) -> None:
        while True:
            with self._condition:
                while not self._pending and not self._stopping:
                    self._condition.wait()
                if self._stopping:
                    return
                batch, self._pending = self._pending, {}
            try:
                self._apply(batch)
            except Exception:  # never let the reloader thread die
                log.exception("applying file changes failed")

    def _apply(self, batch: dict[Path, list[WatchEvent]]) -> None:
        registry = self.runtime.registry
        reloads: dict[str, list[Path]] = {}
        gone: list[str] = []
        revive: list[Path] = []
        discover: list[Path] = []
        for key, events in batch.items():
            with self._condition:
                owner = self._owners.get(key)
                source = self._sources.get(key)
            handle = registry.get(owner) if owner is not None else None
            changed = [path for event in events for path in event.paths]
            if handle is not None and handle.state is not LifecycleState.UNLOADED:
                if not _source_of(handle).exists():
                    gone.append(handle.name)
                else:
                    reloads.setdefault(handle.name, []).extend(changed)
            elif source is not None:
                revive.append(source)
            else:
                discover.append(key)
            for event in events:  # a folder or file renamed *into* a plugin folder
                if event.dest is not None and not event.dest.is_relative_to(key):
                    discover.append(event.dest)
        for name in gone:
            self._unload(name)
        if reloads:
            self.runtime.reload_many(reloads, trigger="watch")
            for name in reloads:  # a script's new version may #load other files
                handle = registry.get(name)
                if handle is not None and handle.code.manifest_path is None:
                    self.track(handle)
        for source in revive:
            self._revive(source)
        within = [path for path in discover if self._under_roots(path)]
        if within:
            with contextlib.suppress(FusabiError):  # each failure was an error event already
                self.runtime.discover(within=within)

    def _unload(self, name: str) -> None:
        """A plugin whose files are gone: stop and unload it, keeping what it loaded from so
        that it comes back with its files."""
        handle = self.runtime.registry.get(name)
        if handle is not None and handle.state is LifecycleState.RUNNING:
            with contextlib.suppress(FusabiError):  # (a failing cleanup is an error event)
                handle.stop()
        with contextlib.suppress(FusabiError):  # (unloaded meanwhile)
            self.runtime.registry.unregister(name)

    def _revive(self, source: Path) -> None:
        if not source.exists():
            return
        with contextlib.suppress(FusabiError):  # an error event says why; next change retries
            self.runtime.load(source)

    def _under_roots(self, path: Path) -> bool:
        return any(path != root and path.is_relative_to(root) for root in self._roots)
