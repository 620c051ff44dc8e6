"""The registry: loaded plugins by name, safe to use from many threads.

Registration is atomic: the overwrite rule is applied first (a name in use is refused unless
``allow_overwrite``; then the old plugin is unloaded properly, ``cleanup`` included), then the
capacity check counts the plugins that remain.  Lookups never wait for a plugin call to finish.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator

import attrs

from fusabi_host.capabilities import Capability
from fusabi_host.config import RegistryConfig
from fusabi_host.errors import PluginAlreadyLoaded, PluginNotFound, RegistryFull
from fusabi_host.lifecycle import LifecycleState, StateTally
from fusabi_host.plugin import PluginHandle, PluginInfo

__all__ = ["PluginAlreadyLoaded", "PluginRegistry", "RegistryFull", "RegistryStats"]


@attrs.frozen
class RegistryStats:
    """How many plugins are registered, in total and per lifecycle state."""

    total: int
    by_state: dict[str, int] = attrs.field(hash=False)

    @property
    def running(self) -> int:
        return self.by_state.get(LifecycleState.RUNNING.value, 0)

    @property
    def failed(self) -> int:
        return self.by_state.get(LifecycleState.FAILED.value, 0)


class PluginRegistry:
    """Loaded plugins by name."""

    def __init__(self, config: RegistryConfig | None = None) -> None:
        self.config = config or RegistryConfig()
        self._plugins: dict[str, PluginHandle] = {}
        self._lock = threading.RLock()
        self._tally = StateTally()  # (plugins per state, for stats())

    # ------------------------------------------------------------------ changes

    def register(self, handle: PluginHandle) -> PluginHandle | None:
        """Add *handle*; returns the plugin it replaced (already unloaded), if any.

        Raises :class:`PluginAlreadyLoaded` or :class:`RegistryFull`; on error nothing changes.
        """
        with self._lock:
            previous = self._plugins.get(handle.name)
            if previous is handle:
                return None
            if previous is not None and not self.config.allow_overwrite:
                raise PluginAlreadyLoaded(handle.name)
            remaining = len(self._plugins) - (1 if previous is not None else 0)
            limit = self.config.max_plugins
            if limit is not None and remaining >= limit:
                raise RegistryFull(handle.name, limit)
            self._plugins[handle.name] = handle
            if previous is not None:
                previous.attach_tally(None)
            handle.attach_tally(self._tally)
        if previous is not None:
            previous.unload()
        return previous

    def unregister(self, name: str) -> PluginHandle:
        """Remove and unload the plugin *name* (``cleanup`` runs if it was running)."""
        with self._lock:
            handle = self._plugins.pop(name, None)
            if handle is not None:
                handle.attach_tally(None)
        if handle is None:
            raise PluginNotFound(name, self.names())
        handle.unload()
        return handle

    def clear(self) -> list[PluginHandle]:
        """Unregister and unload everything; returns what was removed."""
        with self._lock:
            handles = list(self._plugins.values())
            self._plugins.clear()
            for handle in handles:
                handle.attach_tally(None)
        for handle in handles:
            handle.unload()
        return handles

    # ------------------------------------------------------------------ lookups

    def get(self, name: str) -> PluginHandle | None:
        return self._plugins.get(name)

    def require(self, name: str) -> PluginHandle:
        """The plugin *name*, or :class:`PluginNotFound` listing what is loaded."""
        handle = self._plugins.get(name)
        if handle is None:
            raise PluginNotFound(name, self.names())
        return handle

    def __contains__(self, name: object) -> bool:
        return name in self._plugins

    def __len__(self) -> int:
        return len(self._plugins)

    def __iter__(self) -> Iterator[PluginHandle]:
        return iter(self.all())

    def names(self) -> list[str]:
        with self._lock:
            return list(self._plugins)

    def all(self) -> list[PluginHandle]:
        with self._lock:
            return list(self._plugins.values())

    def running(self) -> list[PluginHandle]:
        return self.by_state(LifecycleState.RUNNING)

    def by_state(self, state: LifecycleState) -> list[PluginHandle]:
        return [h for h in self.all() if h.state is state]

    def find_by_tag(self, tag: str) -> list[PluginHandle]:
        """Plugins whose manifest lists *tag*."""
        return [h for h in self.all() if tag in h.tags]

    def find_by_capability(self, capability: str | Capability) -> list[PluginHandle]:
        """Plugins granted *capability* (in any scope)."""
        wanted = (
            capability if isinstance(capability, Capability) else Capability.from_name(capability)
        )
        return [h for h in self.all() if wanted in set(h.capabilities)]

    def infos(self) -> list[PluginInfo]:
        return [h.info() for h in self.all()]

    def reload(self, name: str) -> PluginHandle:
        """Reload the plugin *name* from disk (see :meth:`PluginLoader.reload`)."""
        return self.require(name).reload()

    def stats(self) -> RegistryStats:
        """How many plugins, per lifecycle state (kept up to date as plugins move: it costs
        the same at any size)."""
        with self._lock:  # (the tally counts exactly the registered plugins)
            return RegistryStats(len(self._plugins), self._tally.counts())
