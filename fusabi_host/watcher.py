"""Watching plugin files: filter, key and debounce the raw events of a watcher backend.

A :class:`PluginWatcher` takes raw :class:`~fusabi_host.watchevents.WatchEvent` objects from a
backend (created by the ``fusabi_watcher`` hook: watchdog by default), and:

1. **routes** each to its *key* -- the deepest watched path containing it, or, under a folder
   watched with ``per_entry=True``, the direct child of that folder (one plugin each);
2. **filters** it -- ``WatchConfig.ignore_patterns`` against every path component below the
   watched folder, ``WatchConfig.extensions`` against file names; directory creations,
   removals and renames always pass, and a rename passes when its destination does (an editor's
   atomic save writes a temporary file and renames it over the real one);
3. **debounces** per key on the trailing edge -- a key's events are delivered
   ``WatchConfig.debounce`` seconds after its last event, in one call, in arrival order, exact
   duplicates collapsed.

Handlers run on the watcher's own dispatcher thread, one call at a time, never on the backend's
thread and never under a lock of the watcher, so a handler may call :meth:`PluginWatcher.watch`,
:meth:`~PluginWatcher.unwatch` or even :meth:`~PluginWatcher.stop`.  A handler that raises is
logged and the watcher carries on.
"""

from __future__ import annotations

import fnmatch
import logging
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TypeVar

import attrs

from fusabi_host.config import WatchConfig
from fusabi_host.manager import HostPluginManager
from fusabi_host.watchevents import FileWatcher, WatchEvent, WatchEventKind

__all__ = ["ChangeHandler", "NoticeHandler", "PluginWatcher"]

log = logging.getLogger("fusabi_host.watcher")

ChangeHandler = Callable[[list[WatchEvent]], None]
NoticeHandler = Callable[[str], None]
_T = TypeVar("_T")


@attrs.frozen
class _Root:
    """A watched path -- a directory (its tree) or a file (only itself) -- and the *anchor*
    the backend watches for it: the directory itself, or the file's folder.  While that does
    not exist (not yet, or no longer), the anchor is the nearest existing ancestor, watched
    without its subfolders, and moves back down as the missing folders appear."""

    path: Path
    is_dir: bool
    per_entry: bool
    recursive: bool
    backend_path: Path
    backend_recursive: bool

    @property
    def anchored(self) -> bool:
        """The backend watches the path itself (a directory) or its folder (a file)."""
        return self.backend_path == (self.path if self.is_dir else self.path.parent)

    def reanchored(self) -> _Root:
        """This root with the anchor the file system allows now."""
        if self.is_dir and self.path.is_dir():
            return attrs.evolve(self, backend_path=self.path, backend_recursive=self.recursive)
        anchor = self.path.parent
        while not anchor.is_dir() and anchor != anchor.parent:
            anchor = anchor.parent
        return attrs.evolve(self, backend_path=anchor, backend_recursive=False)


@attrs.define
class _Batch:
    """The events of one key waiting for the quiet period to end."""

    deadline: float
    events: list[WatchEvent] = attrs.Factory(list)
    seen: set[WatchEvent] = attrs.Factory(set)

    def add(self, event: WatchEvent) -> None:
        if event not in self.seen:
            self.seen.add(event)
            self.events.append(event)


class PluginWatcher:
    """Watch plugin files and folders; call handlers once per debounced burst per plugin.

    ::

        with PluginWatcher(WatchConfig(debounce=0.1)) as watcher:
            watcher.on_change(lambda events: print(events[0].key, events))
            watcher.watch("plugins", per_entry=True)
            ...

    :param config: what to ignore, which extensions count, the debounce and the backend.
    :param manager: the hook manager whose ``fusabi_watcher`` implementations create the
        backend; a fresh :class:`~fusabi_host.manager.HostPluginManager` when omitted.
    :raises ~fusabi_host.errors.ConfigError: when no installed backend answers to
        ``config.backend``.
    """

    def __init__(
        self, config: WatchConfig | None = None, *, manager: HostPluginManager | None = None
    ) -> None:
        self.config = config if config is not None else WatchConfig()
        self._manager = manager if manager is not None else HostPluginManager()
        self._control = threading.RLock()  # serialises watch/unwatch/start/stop; never in events
        self._cond = threading.Condition()  # guards the state below; held only briefly
        self._roots: dict[Path, _Root] = {}
        self._pending: dict[Path, _Batch] = {}
        self._notices: list[str] = []
        self._change_handlers: tuple[ChangeHandler, ...] = ()
        self._notice_handlers: tuple[NoticeHandler, ...] = ()
        self._stopping = False
        self._reanchor_due = False
        self._anchors: frozenset[Path] = frozenset()  # every root's anchor
        self._waiting: frozenset[Path] = frozenset()  # anchors of roots not yet anchored
        self._dead: set[Path] = set()  # anchors reported removed: their backend watch is gone
        # backend bookkeeping, touched only under _control
        self._needs: dict[Path, dict[Path, bool]] = {}  # backend path -> {root: recursive}
        self._scheduled: dict[Path, bool] = {}
        self._dispatcher: threading.Thread | None = None
        self._running = False
        self._backend_used = False
        self._reported_reason: str | None = None
        self._backend: FileWatcher = self._manager.create_watcher(self.config, self._on_raw)

    # ------------------------------------------------------------------ subscriptions

    def on_change(self, handler: ChangeHandler) -> Callable[[], None]:
        """Call ``handler(events)`` once per debounced burst per key; returns an unsubscribe
        function."""
        with self._cond:
            self._change_handlers = (*self._change_handlers, handler)

        def unsubscribe() -> None:
            with self._cond:
                self._change_handlers = tuple(h for h in self._change_handlers if h is not handler)

        return unsubscribe

    def on_notice(self, handler: NoticeHandler) -> Callable[[], None]:
        """Call ``handler(message)`` for things a person should know, such as a fall back to
        polling; returns an unsubscribe function."""
        with self._cond:
            self._notice_handlers = (*self._notice_handlers, handler)

        def unsubscribe() -> None:
            with self._cond:
                self._notice_handlers = tuple(h for h in self._notice_handlers if h is not handler)

        return unsubscribe

    # ------------------------------------------------------------------ what is watched

    @property
    def backend(self) -> str:
        """The backend's name: ``"watchdog"``, ``"watchdog-polling"``, ``"polling"``, ..."""
        return self._backend.name

    @property
    def watched(self) -> tuple[Path, ...]:
        """The watched paths (absolute), in the order they were first watched."""
        with self._cond:
            return tuple(self._roots)

    def watch(self, path: str | os.PathLike[str], *, per_entry: bool = False) -> None:
        """Watch a file or a directory.

        A directory is watched with its subfolders when ``config.recursive``; with
        *per_entry*, each of its direct children is a key of its own (a plugins folder holding
        one plugin per subfolder or per script).  A file is watched through its directory, so
        editors that replace it by renaming do not lose the watch.  A path that does not
        exist yet is watched as a file and reported when it appears; a watched path whose
        folder is deleted is reported again when it is re-created.  Watching a path again only
        updates *per_entry*.
        """
        target = Path(os.path.abspath(os.fspath(path)))
        is_dir = target.is_dir()
        root = _Root(target, is_dir, per_entry and is_dir, self.config.recursive, target, False)
        root = root.reanchored()
        with self._control:
            with self._cond:
                previous = self._roots.get(root.path)
                self._roots[root.path] = root
                self._refresh_triggers()
            self._need(root)  # replaces the previous need when the anchor is the same
            try:
                self._sync(root.backend_path)
            except BaseException:
                with self._cond:
                    self._roots.pop(root.path, None)
                    self._refresh_triggers()
                self._release(root)
                raise
            if previous is not None and previous.backend_path != root.backend_path:
                self._release(previous)
                self._sync(previous.backend_path)
            self._reanchor()  # a missing folder may have appeared meanwhile
            self._check_fallback()

    def unwatch(self, path: str | os.PathLike[str]) -> None:
        """Stop watching *path*; its pending events are dropped.  Unknown paths are ignored."""
        target = Path(os.path.abspath(os.fspath(path)))
        with self._control:
            with self._cond:
                root = self._roots.pop(target, None)
                if root is None:
                    return
                self._refresh_triggers()
                for key in list(self._pending):
                    if key not in self._roots and key.is_relative_to(target):
                        del self._pending[key]
            self._release(root)
            self._sync(root.backend_path)

    def _refresh_triggers(self) -> None:
        """Recompute which raw events call for re-anchoring (caller holds ``_cond``)."""
        roots = self._roots.values()
        self._anchors = frozenset(root.backend_path for root in roots)
        self._waiting = frozenset(root.backend_path for root in roots if not root.anchored)

    def _reanchor(self) -> None:
        """Move every root's anchor to where the file system allows it now (caller holds
        ``_control``).  Repeats until nothing moves, so a folder created while the backend was
        being told is not missed; a root that becomes anchored and exists is reported as
        created (its own creation may have happened before the backend watched its folder)."""
        appeared: list[WatchEvent] = []
        with self._cond:
            dead, self._dead = self._dead, set()
        for path in dead:  # a backend's watch dies with its folder: forget it, so it is redone
            if self._scheduled.pop(path, None) is not None:
                self._backend.unschedule(path)
        for _round in range(64):
            moved = False
            with self._cond:
                roots = list(self._roots.values())
            for root in roots:
                new = root.reanchored()
                if new == root:
                    continue
                with self._cond:
                    if self._roots.get(root.path) is not root:
                        continue  # unwatched or rewatched meanwhile
                    self._roots[root.path] = new
                    self._refresh_triggers()
                moved = True
                self._release(root)
                self._need(new)
                try:
                    self._sync(root.backend_path)
                    self._sync(new.backend_path)
                except OSError:  # the new anchor vanished too: the next round moves up
                    log.debug("re-anchoring %s failed", root.path, exc_info=True)
                    continue
                if new.anchored and root.path.exists():
                    appeared.append(
                        WatchEvent(WatchEventKind.CREATED, root.path, is_directory=new.is_dir)
                    )
            if not moved:
                break
        for path in dead:  # a folder re-created before we got here keeps its anchor
            try:
                self._sync(path)
            except OSError:
                log.debug("re-watching %s failed", path, exc_info=True)
                continue
            with self._cond:
                anchored_here = [r for r in self._roots.values() if r.backend_path == path]
            appeared.extend(
                WatchEvent(WatchEventKind.CREATED, root.path, is_directory=root.is_dir)
                for root in anchored_here
                if root.anchored and root.path.exists()
            )
        for event in appeared:
            self._on_raw(event)

    def _need(self, root: _Root) -> None:
        self._needs.setdefault(root.backend_path, {})[root.path] = root.backend_recursive

    def _release(self, root: _Root) -> None:
        owners = self._needs.get(root.backend_path, {})
        owners.pop(root.path, None)
        if not owners:
            self._needs.pop(root.backend_path, None)

    def _sync(self, backend_path: Path) -> None:
        """Make the backend's schedule of *backend_path* match what the roots need."""
        owners = self._needs.get(backend_path)
        wanted = None if not owners else any(owners.values())
        current = self._scheduled.get(backend_path)
        if wanted == current:
            return
        if current is not None:
            self._backend.unschedule(backend_path)
            del self._scheduled[backend_path]
        if wanted is not None:
            self._backend.schedule(backend_path, wanted)
            self._scheduled[backend_path] = wanted

    # ------------------------------------------------------------------ running

    def start(self) -> None:
        """Start the backend and the dispatcher thread (a no-op when running).  A stopped
        watcher starts again with a new backend and everything still watched."""
        with self._control:
            if self._running:
                return
            if self._backend_used:
                self._backend = self._manager.create_watcher(self.config, self._on_raw)
                self._reported_reason = None
                self._scheduled = {}
                for backend_path in list(self._needs):
                    self._sync(backend_path)
            self._backend_used = True
            with self._cond:
                self._stopping = False
            self._dispatcher = threading.Thread(
                target=self._dispatch_loop, name="fusabi-watcher-dispatch", daemon=True
            )
            self._dispatcher.start()
            try:
                self._backend.start()
            except BaseException:
                self._stop_dispatcher()
                self._backend.stop()
                raise
            self._running = True
            self._check_fallback()

    def stop(self) -> None:
        """Stop the backend, then the dispatcher; pending events are dropped.  Joins both
        threads (except the dispatcher when called from a handler).  Idempotent."""
        with self._control:
            if not self._running:
                return
            self._running = False
            self._backend.stop()
            self._stop_dispatcher()

    def _stop_dispatcher(self) -> None:
        with self._cond:
            self._stopping = True
            self._pending.clear()
            self._notices.clear()
            self._cond.notify_all()
        dispatcher, self._dispatcher = self._dispatcher, None
        if dispatcher is not None and dispatcher is not threading.current_thread():
            dispatcher.join()

    def __enter__(self) -> PluginWatcher:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    def _check_fallback(self) -> None:
        reason = self._backend.fallback_reason
        if reason and reason != self._reported_reason:
            self._reported_reason = reason
            log.warning("watcher backend %s: %s", self._backend.name, reason)
            with self._cond:
                self._notices.append(reason)
                self._cond.notify_all()

    # ------------------------------------------------------------------ events in

    def _on_raw(self, event: WatchEvent) -> None:
        """The backend's callback (any thread): route, filter and queue for debouncing."""
        with self._cond:
            if self._moves_an_anchor(event):
                if event.path in self._anchors:
                    self._dead.add(event.path)
                self._reanchor_due = True
                self._cond.notify_all()
            routed = self._route(event)
            if not routed:
                return
            deadline = time.monotonic() + self.config.debounce
            for key, keyed in routed:
                batch = self._pending.get(key)
                if batch is None:
                    batch = self._pending[key] = _Batch(deadline)
                batch.deadline = deadline
                batch.add(keyed)
            self._cond.notify_all()

    def _moves_an_anchor(self, event: WatchEvent) -> bool:
        """An anchor was removed (its backend watch is dead), or a folder appeared in the
        anchor of a root waiting for it."""
        kind = event.kind
        if kind in (WatchEventKind.REMOVED, WatchEventKind.RENAMED) and event.path in self._anchors:
            return True
        if event.is_directory and kind in (WatchEventKind.CREATED, WatchEventKind.RENAMED):
            arrived = event.dest if event.dest is not None else event.path
            return arrived.parent in self._waiting
        return False

    def _route(self, event: WatchEvent) -> list[tuple[Path, WatchEvent]]:
        """The (key, event) pairs *event* is delivered as; empty when it is filtered out."""
        if event.kind is WatchEventKind.RENAMED and event.dest is not None:
            return self._route_rename(event, event.dest)
        key = self._key_if_wanted(event.path, event.is_directory, event.kind)
        if key is None:
            return []
        return [(key, attrs.evolve(event, key=key))]

    def _route_rename(self, event: WatchEvent, dest: Path) -> list[tuple[Path, WatchEvent]]:
        """A rename goes to the key of its destination when that passes the filters, and also
        to its source's key when that differs (a file moved between plugins); when only the
        source passes, the file is gone as far as the watched tree knows: ``REMOVED``."""
        to_key = self._key_if_wanted(dest, event.is_directory, event.kind)
        from_key = self._key_if_wanted(event.path, event.is_directory, event.kind)
        if to_key is None:
            if from_key is None:
                return []
            removed = WatchEvent(
                WatchEventKind.REMOVED, event.path, key=from_key, is_directory=event.is_directory
            )
            return [(from_key, removed)]
        routed = [(to_key, attrs.evolve(event, key=to_key))]
        if from_key is not None and from_key != to_key:
            routed.append((from_key, attrs.evolve(event, key=from_key)))
        return routed

    def _key_if_wanted(self, path: Path, is_dir: bool, kind: WatchEventKind) -> Path | None:
        """The key of a change to *path*, or ``None`` when no watched path wants it."""
        root = self._root_of(path)
        if root is None:
            return None
        relative = path.relative_to(root.path).parts
        if is_dir:
            if kind is WatchEventKind.MODIFIED:
                return None  # "something inside changed": the inside reports itself
        elif root.is_dir and not self._has_extension(path):
            return None
        for part in relative:
            if self._ignored(part):
                return None
        if root.per_entry and relative:
            return root.path / relative[0]
        return root.path

    def _root_of(self, path: Path) -> _Root | None:
        """The deepest watched path containing *path*."""
        root = self._roots.get(path)
        if root is not None:
            return root
        for depth, ancestor in enumerate(path.parents):
            root = self._roots.get(ancestor)
            if root is not None and root.is_dir and (root.recursive or depth == 0):
                return root
        return None

    def _has_extension(self, path: Path) -> bool:
        extensions = self.config.extensions
        return not extensions or path.suffix[1:] in extensions

    def _ignored(self, part: str) -> bool:
        for pattern in self.config.ignore_patterns:
            if fnmatch.fnmatchcase(part, pattern):
                return True
        return False

    # ------------------------------------------------------------------ events out

    def _dispatch_loop(self) -> None:
        """The dispatcher thread: wait for due batches, deliver them outside every lock."""
        while True:
            with self._cond:
                while True:
                    if self._stopping:
                        return
                    now = time.monotonic()
                    due = sorted(
                        (batch.deadline, key)
                        for key, batch in self._pending.items()
                        if batch.deadline <= now
                    )
                    if due or self._notices or self._reanchor_due:
                        break
                    wait = min((b.deadline for b in self._pending.values()), default=None)
                    self._cond.wait(None if wait is None else wait - now)
                batches = [(key, self._pending.pop(key).events) for _, key in due]
                notices, self._notices = self._notices, []
                reanchor, self._reanchor_due = self._reanchor_due, False
                change_handlers = self._change_handlers
                notice_handlers = self._notice_handlers
            if reanchor:
                self._maintain()
            for message in notices:
                for notice_handler in notice_handlers:
                    self._call(notice_handler, message)
            for _key, events in batches:
                for change_handler in change_handlers:
                    if self._stopped():
                        return
                    self._call(change_handler, list(events))

    def _maintain(self) -> None:
        """Re-anchor on the dispatcher thread (backends must not be called from their own
        thread).  ``stop`` holds ``_control`` while it joins this thread, so give up then."""
        while not self._control.acquire(timeout=0.05):
            if self._stopped():
                return
        try:
            if not self._stopped():
                self._reanchor()
                self._check_fallback()
        except Exception:
            log.exception("re-watching moved or re-created folders failed")
        finally:
            self._control.release()

    def _stopped(self) -> bool:
        """Whether :meth:`stop` was called (read without the lock: a stale answer only delays
        the dispatcher's exit by one handler call)."""
        return self._stopping

    @staticmethod
    def _call(handler: Callable[[_T], None], arg: _T) -> None:
        try:
            handler(arg)
        except Exception:
            log.exception("watch handler %r raised; the watcher carries on", handler)
