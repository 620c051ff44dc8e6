"""Helpers for the watcher tests: a thread-safe recorder of handler calls, a deadline-based
wait, and a fixture making watchers that are always stopped at the end of the test."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from fusabi_host import PluginWatcher, WatchConfig, WatchEvent
from fusabi_host.manager import HostPluginManager

DEADLINE = 5.0


def wait_for(condition: Callable[[], object], timeout: float = DEADLINE) -> None:
    """Poll *condition* until it is true; fail after *timeout* seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met within {timeout} s")
        time.sleep(0.01)


class Recorder:
    """A change handler that remembers every call (its events and the thread it ran on)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.calls: list[list[WatchEvent]] = []
        self.threads: list[threading.Thread] = []

    def __call__(self, events: list[WatchEvent]) -> None:
        with self._lock:
            self.calls.append(events)
            self.threads.append(threading.current_thread())

    def snapshot(self) -> list[list[WatchEvent]]:
        with self._lock:
            return list(self.calls)

    def calls_for(self, key: Path) -> list[list[WatchEvent]]:
        return [call for call in self.snapshot() if call[0].key == key]

    def wait_for_key(self, key: Path, count: int = 1) -> list[list[WatchEvent]]:
        wait_for(lambda: len(self.calls_for(key)) >= count)
        return self.calls_for(key)

    def events(self) -> list[WatchEvent]:
        return [event for call in self.snapshot() for event in call]

    def paths(self) -> set[Path]:
        return {path for event in self.events() for path in event.paths}


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


MakeWatcher = Callable[..., PluginWatcher]


@pytest.fixture
def make_watcher() -> Iterator[MakeWatcher]:
    """``make_watcher(config=None, manager=None, start=True)``: a watcher stopped at teardown.
    Without a manager it uses one that loads no extension (the core watchdog backend)."""
    made: list[PluginWatcher] = []

    def make(
        config: WatchConfig | None = None,
        manager: HostPluginManager | None = None,
        start: bool = True,
    ) -> PluginWatcher:
        watcher = PluginWatcher(
            config, manager=manager if manager is not None else HostPluginManager(autoload=False)
        )
        made.append(watcher)
        if start:
            watcher.start()
        return watcher

    yield make
    for watcher in made:
        watcher.stop()
