"""A stat-based polling watcher: ``WatchConfig(backend="polling")``.

For file systems that send no change notifications -- network mounts (NFS, CIFS), some
container bind mounts and virtual file systems -- or hosts where inotify's limits are
exhausted.  It needs nothing beyond the standard library (not even watchdog).

Every ``config.poll_interval`` seconds one thread walks each scheduled directory, pruning
folders whose name matches ``config.ignore_patterns`` (``.git``, ``__pycache__``...) before
descending, and compares ``(inode, mtime_ns, size, is_dir)`` snapshots:

* a path that appears is ``CREATED``, one that disappears ``REMOVED``;
* a path whose inode, modification time or size changed is ``MODIFIED``;
* an inode that disappears at one path and appears at another in the same scan is
  ``RENAMED`` -- including the editor's atomic save, where a temporary file seen by an earlier
  scan replaces the real one.

A scan stops after :data:`MAX_ENTRIES` entries (with a warning): a poller must never turn
into an unbounded walk of a huge tree.  What a truncated scan did not reach is taken as
unchanged, never as removed.
"""

from __future__ import annotations

import fnmatch
import logging
import os
import stat
import threading
from pathlib import Path
from typing import Final, NamedTuple

from fusabi_host.config import WatchConfig
from fusabi_host.hookspecs import hookimpl
from fusabi_host.watchevents import OnChange, WatchEvent, WatchEventKind

__all__ = ["MAX_ENTRIES", "StatPoller", "fusabi_watcher"]

log = logging.getLogger("fusabi_host.watcher")

NAME: Final = "polling"
MAX_ENTRIES: Final = 50_000
"""The most entries one scan of one scheduled path looks at."""


@hookimpl
def fusabi_watcher(config: WatchConfig, on_change: OnChange) -> StatPoller | None:
    """Answers to ``WatchConfig(backend="polling")`` only."""
    return StatPoller(config, on_change) if config.backend == NAME else None


class _Stat(NamedTuple):
    ino: int
    mtime_ns: int
    size: int
    is_dir: bool


Snapshot = dict[Path, _Stat]


class StatPoller:
    """A :class:`~fusabi_host.watchevents.FileWatcher` that compares ``stat`` snapshots."""

    name: Final = NAME
    fallback_reason: Final = None

    def __init__(self, config: WatchConfig, on_change: OnChange) -> None:
        self._config = config
        self._on_change = on_change
        self._lock = threading.Lock()
        self._snapshots: dict[Path, tuple[bool, Snapshot]] = {}  # path -> (recursive, snapshot)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._warned: set[Path] = set()

    # ------------------------------------------------------------------ FileWatcher

    def schedule(self, path: Path, recursive: bool) -> None:
        """Take the baseline snapshot now, so changes right after this call are seen."""
        baseline, _ = self._scan(path, recursive)
        with self._lock:
            self._snapshots[path] = (recursive, baseline)

    def unschedule(self, path: Path) -> None:
        with self._lock:
            self._snapshots.pop(path, None)

    def start(self) -> None:
        if self._thread is not None:
            return
        self._thread = threading.Thread(target=self._run, name="fusabi-stat-poller", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join()

    # ------------------------------------------------------------------ polling

    def _run(self) -> None:
        while not self._stop.wait(self._config.poll_interval):
            try:
                self.poll()
            except Exception:
                log.exception("polling scan failed; retrying at the next interval")

    def poll(self) -> None:
        """Scan every scheduled path once and report what changed since the last scan."""
        with self._lock:
            scheduled = [(path, recursive) for path, (recursive, _) in self._snapshots.items()]
        for path, recursive in scheduled:
            if self._stop.is_set():
                return
            new, complete = self._scan(path, recursive)
            with self._lock:
                current = self._snapshots.get(path)
                if current is None:
                    continue  # unscheduled meanwhile
                if not complete:
                    new = {**current[1], **new}
                self._snapshots[path] = (recursive, new)
            for event in diff(current[1], new):
                if self._stop.is_set():
                    return
                self._on_change(event)

    def _scan(self, root: Path, recursive: bool) -> tuple[Snapshot, bool]:
        """``stat`` everything under *root* (itself included), bounded; also whether the scan
        got to the end."""
        snapshot: Snapshot = {}
        entry = _stat(root)
        if entry is None:
            return snapshot, True
        snapshot[root] = entry
        pending = [root] if entry.is_dir else []
        while pending:
            folder = pending.pop()
            try:
                with os.scandir(folder) as listing:
                    children = list(listing)
            except OSError:
                continue  # vanished or unreadable: reported by comparison
            for child in children:
                if len(snapshot) >= MAX_ENTRIES:
                    self._warn_truncated(root)
                    return snapshot, False
                path = Path(child.path)
                try:
                    info = child.stat(follow_symlinks=False)
                except OSError:
                    continue
                is_dir = stat.S_ISDIR(info.st_mode)
                snapshot[path] = _Stat(info.st_ino, info.st_mtime_ns, info.st_size, is_dir)
                if is_dir and recursive and not self._ignored(child.name):
                    pending.append(path)
        return snapshot, True

    def _ignored(self, name: str) -> bool:
        for pattern in self._config.ignore_patterns:
            if fnmatch.fnmatchcase(name, pattern):
                return True
        return False

    def _warn_truncated(self, root: Path) -> None:
        if root not in self._warned:
            self._warned.add(root)
            log.warning(
                "polling %s: more than %d entries, changes beyond them are not seen; "
                "watch a smaller folder",
                root,
                MAX_ENTRIES,
            )


def _stat(path: Path) -> _Stat | None:
    try:
        info = path.stat(follow_symlinks=False)
    except OSError:
        return None
    return _Stat(info.st_ino, info.st_mtime_ns, info.st_size, stat.S_ISDIR(info.st_mode))


def diff(old: Snapshot, new: Snapshot) -> list[WatchEvent]:
    """The events that turn snapshot *old* into *new*: renames (matched by inode), then
    creations, modifications and removals, each group sorted by path."""
    gone = {path: entry for path, entry in old.items() if path not in new}
    # an inode that vanished from one path, keyed by (inode, is_dir), to spot renames
    by_inode = {(entry.ino, entry.is_dir): path for path, entry in gone.items()}
    renamed: list[WatchEvent] = []
    created: list[WatchEvent] = []
    modified: list[WatchEvent] = []
    for path in sorted(new):
        entry = new[path]
        before = old.get(path)
        if before == entry:
            continue
        if before is not None and before.is_dir != entry.is_dir:
            gone[path] = before  # replaced by a different kind of thing: remove, then create
            created.append(WatchEvent(WatchEventKind.CREATED, path, is_directory=entry.is_dir))
            continue
        source = by_inode.pop((entry.ino, entry.is_dir), None)
        if source is not None and (before is None or before.ino != entry.ino):
            del gone[source]
            renamed.append(
                WatchEvent(WatchEventKind.RENAMED, source, path, is_directory=entry.is_dir)
            )
        elif before is None:
            created.append(WatchEvent(WatchEventKind.CREATED, path, is_directory=entry.is_dir))
        elif not entry.is_dir:
            modified.append(WatchEvent(WatchEventKind.MODIFIED, path))
    removed = [
        WatchEvent(WatchEventKind.REMOVED, path, is_directory=entry.is_dir)
        for path, entry in sorted(gone.items())
    ]
    return renamed + created + modified + removed
