"""What a file watcher reports, and the small interface every watcher backend implements.

A *backend* (the core watchdog one, the contrib stat poller, a third-party one) turns file-system
activity into raw :class:`WatchEvent` objects and hands each to the ``on_change`` callable it was
created with, from whatever thread it likes.  :class:`~fusabi_host.watcher.PluginWatcher` then
filters, keys and debounces them; backends stay small because they never do either.

Backends are created by the ``fusabi_watcher`` hook (see :mod:`fusabi_host.hookspecs`).
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from pathlib import Path
from typing import ClassVar, Protocol, runtime_checkable

import attrs

__all__ = ["FileWatcher", "OnChange", "WatchEvent", "WatchEventKind"]


class WatchEventKind(enum.Enum):
    """What happened to a path."""

    CREATED = "created"
    MODIFIED = "modified"
    REMOVED = "removed"
    RENAMED = "renamed"


def _to_optional_path(value: str | Path | None) -> Path | None:
    return None if value is None else Path(value)


@attrs.frozen
class WatchEvent:
    """One change to one path.

    * ``kind`` -- a :class:`WatchEventKind` (also spelt ``WatchEvent.Created`` and so on).
    * ``path`` -- the path that changed; for a rename, where it was.
    * ``dest`` -- for a rename, where it went; otherwise ``None``.
    * ``key`` -- the watched path the event belongs to (the plugin it concerns).  Backends leave
      it ``None``; :class:`~fusabi_host.watcher.PluginWatcher` fills it before delivery.
    * ``is_directory`` -- the path is (or was) a directory.
    """

    Created: ClassVar[WatchEventKind] = WatchEventKind.CREATED
    Modified: ClassVar[WatchEventKind] = WatchEventKind.MODIFIED
    Removed: ClassVar[WatchEventKind] = WatchEventKind.REMOVED
    Renamed: ClassVar[WatchEventKind] = WatchEventKind.RENAMED

    kind: WatchEventKind
    path: Path = attrs.field(converter=Path)
    dest: Path | None = attrs.field(default=None, converter=_to_optional_path)
    key: Path | None = attrs.field(default=None, converter=_to_optional_path)
    is_directory: bool = False

    @property
    def paths(self) -> tuple[Path, ...]:
        """Every path the event touches: ``(path,)``, or ``(path, dest)`` for a rename."""
        return (self.path,) if self.dest is None else (self.path, self.dest)

    def __str__(self) -> str:
        what = "directory " if self.is_directory else ""
        target = f"{self.path} -> {self.dest}" if self.dest is not None else str(self.path)
        return f"{self.kind.value} {what}{target}"


OnChange = Callable[[WatchEvent], None]
"""The callable a backend delivers raw events to (from any thread)."""


@runtime_checkable
class FileWatcher(Protocol):
    """A watcher backend: what a ``fusabi_watcher`` implementation returns.

    :meth:`schedule` and :meth:`unschedule` may be called before :meth:`start` and while the
    backend runs.  Paths given to :meth:`schedule` are absolute directories (the
    :class:`~fusabi_host.watcher.PluginWatcher` watches a file through its directory).
    """

    @property
    def name(self) -> str:
        """A short name for messages and the CLI, such as ``"watchdog"`` or ``"polling"``."""
        ...

    @property
    def fallback_reason(self) -> str | None:
        """Why the backend runs in a degraded mode (for example polling because the native
        observer could not start), or ``None``.  Read after :meth:`start` and :meth:`schedule`."""
        ...

    def schedule(self, path: Path, recursive: bool) -> None:
        """Start reporting changes under *path* (and its subdirectories when *recursive*)."""
        ...

    def unschedule(self, path: Path) -> None:
        """Stop reporting changes under *path*; a path never scheduled is ignored."""
        ...

    def start(self) -> None:
        """Begin delivering events."""
        ...

    def stop(self) -> None:
        """Stop delivering events and join the backend's threads; calling it twice is harmless."""
        ...
