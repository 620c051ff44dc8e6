"""The core watcher backend: watchdog's native observer, falling back to its polling observer.

The native observer (inotify on Linux, FSEvents on macOS, ReadDirectoryChangesW on Windows)
is chosen by watchdog at import time and can fail at run time: inotify's per-user instance and
watch limits (``OSError`` ``EMFILE``/``ENOSPC``), a process out of file descriptors, file systems
without change notification.  watchdog has no fallback of its own, so this backend catches the
``OSError`` from ``start`` or ``schedule``, moves every scheduled path to a
``PollingObserver`` and says why in :attr:`WatchdogWatcher.fallback_reason` (the
:class:`~fusabi_host.watcher.PluginWatcher` turns it into a notice).

watchdog is imported only when a watcher is created, so fusabi-host works without the
``watch`` extra until hot reload is asked for.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, Final

from fusabi_host.config import WatchConfig
from fusabi_host.errors import ConfigError
from fusabi_host.hookspecs import hookimpl
from fusabi_host.watchevents import OnChange, WatchEvent, WatchEventKind

__all__ = ["WatchdogWatcher", "fusabi_watcher"]

log = logging.getLogger("fusabi_host.watcher")

fusabi_watcher_name: Final = "watchdog"
"""The backend name this module answers to (``WatchConfig(backend="watchdog")``)."""

_KINDS: Final = {
    "created": WatchEventKind.CREATED,
    "modified": WatchEventKind.MODIFIED,
    # watchdog reports a file closed after writing; for us it is the last modification
    "closed": WatchEventKind.MODIFIED,
    "deleted": WatchEventKind.REMOVED,
    "moved": WatchEventKind.RENAMED,
}


@hookimpl(trylast=True)
def fusabi_watcher(config: WatchConfig, on_change: OnChange) -> WatchdogWatcher | None:
    """The default backend: answers to ``backend=None`` and ``backend="watchdog"``."""
    if config.backend not in (None, fusabi_watcher_name):
        return None
    return WatchdogWatcher(config, on_change)


def _import_watchdog() -> tuple[Any, Any, Any]:
    """watchdog's ``Observer``, ``PollingObserver`` and ``FileSystemEventHandler``."""
    try:
        from watchdog.events import FileSystemEventHandler  # noqa: PLC0415
        from watchdog.observers import Observer  # noqa: PLC0415
        from watchdog.observers.polling import PollingObserver  # noqa: PLC0415
    except ImportError as exc:
        raise ConfigError(
            "hot reload needs watchdog, which is not installed: "
            "pip install 'fusabi-host[watch]' (or choose WatchConfig(backend='polling'), "
            "which needs nothing)"
        ) from exc
    return Observer, PollingObserver, FileSystemEventHandler


def translate(event: Any) -> WatchEvent | None:
    """A watchdog ``FileSystemEvent`` as a :class:`WatchEvent`; ``None`` for the kinds hot
    reload does not care about (opened, closed without writing, attribute changes)."""
    kind = _KINDS.get(event.event_type)
    if kind is None:
        return None
    dest = os.fsdecode(event.dest_path) if kind is WatchEventKind.RENAMED else None
    return WatchEvent(
        kind, Path(os.fsdecode(event.src_path)), dest, is_directory=bool(event.is_directory)
    )


class WatchdogWatcher:
    """A :class:`~fusabi_host.watchevents.FileWatcher` on one watchdog observer.

    ``config.polling`` starts with the polling observer; otherwise the native one is tried
    first and replaced by the polling one when it cannot be created, started or given a path.
    The observer is created by :meth:`start` (watchdog's inotify observer takes its file
    descriptors when it is created); paths scheduled before are remembered until then.
    """

    def __init__(self, config: WatchConfig, on_change: OnChange) -> None:
        self._native_cls, self._polling_cls, handler_cls = _import_watchdog()
        self._config = config
        self._on_change = on_change
        self._lock = threading.RLock()
        self._paths: dict[Path, bool] = {}
        self._watches: dict[Path, Any] = {}
        self._polling = config.polling
        self._observer: Any = None
        self._handler = _make_handler(handler_cls, self._deliver)
        self._stopped = False
        self.fallback_reason: str | None = None

    @property
    def name(self) -> str:
        return "watchdog-polling" if self._polling else "watchdog"

    def _deliver(self, raw: Any) -> None:
        event = translate(raw)
        if event is not None:
            self._on_change(event)

    # ------------------------------------------------------------------ FileWatcher

    def schedule(self, path: Path, recursive: bool) -> None:
        with self._lock:
            self._paths[path] = recursive
            if self._observer is None:
                return
            if path in self._watches:
                self._unschedule_one(path)
            try:
                self._schedule_one(path, recursive)
            except OSError as exc:
                if self._polling or isinstance(exc, FileNotFoundError | NotADirectoryError):
                    del self._paths[path]
                    raise
                self._fall_back(exc)

    def unschedule(self, path: Path) -> None:
        with self._lock:
            self._paths.pop(path, None)
            if path in self._watches:
                self._unschedule_one(path)

    def start(self) -> None:
        with self._lock:
            if self._observer is not None or self._stopped:
                return
            if self._polling:
                self._observer = self._start_polling()
                return
            try:
                self._observer = self._native_cls()
                for path, recursive in self._paths.items():
                    self._schedule_one(path, recursive)
                self._observer.start()
            except OSError as exc:
                self._fall_back(exc)

    def stop(self) -> None:
        with self._lock:
            if self._stopped:
                return
            self._stopped = True
            observer, self._observer = self._observer, None
        if observer is not None:
            _discard(observer)

    # ------------------------------------------------------------------ internals

    def _schedule_one(self, path: Path, recursive: bool) -> None:
        self._watches[path] = self._observer.schedule(
            self._handler, os.fspath(path), recursive=recursive
        )

    def _unschedule_one(self, path: Path) -> None:
        watch = self._watches.pop(path)
        try:
            self._observer.unschedule(watch)
        except (KeyError, OSError):  # already gone with its directory
            log.debug("unscheduling %s failed", path, exc_info=True)

    def _start_polling(self) -> Any:
        self._observer = self._polling_cls(timeout=self._config.poll_interval)
        self._watches.clear()
        for path, recursive in self._paths.items():
            self._schedule_one(path, recursive)
        self._observer.start()
        return self._observer

    def _fall_back(self, exc: OSError) -> None:
        """Replace the native observer with a polling one holding every scheduled path."""
        self.fallback_reason = (
            f"native file watching could not start ({type(exc).__name__}: {exc}); "
            f"polling every {self._config.poll_interval:g} s instead"
        )
        log.debug("%s", self.fallback_reason)
        if self._observer is not None:
            _discard(self._observer)
        self._polling = True
        self._observer = self._start_polling()


def _discard(observer: Any) -> None:
    """Stop an observer and its emitters, whether or not it ever started."""
    try:
        observer.unschedule_all()
    except Exception:
        log.debug("unscheduling a discarded observer failed", exc_info=True)
    try:
        observer.stop()
        if observer.is_alive():
            observer.join()
    except Exception:
        log.debug("stopping a discarded observer failed", exc_info=True)


def _make_handler(handler_cls: Any, deliver: Callable[[Any], None]) -> Any:
    """A watchdog event handler passing every event to *deliver* (built at run time because
    its base class comes from the lazily imported watchdog)."""

    class _Forward(handler_cls):  # type: ignore[misc]
        def dispatch(self, event: Any) -> None:
            try:
                deliver(event)
            except Exception:
                log.exception("delivering %r failed", event)

    return _Forward()
