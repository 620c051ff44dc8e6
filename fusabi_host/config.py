"""Configuration records for the engine, loader, registry, watcher and runtime.

Every config is a frozen attrs class built with keywords and changed with ``with_*`` methods
that return a modified copy, so a config can be shared between threads and reused safely::

    config = RuntimeConfig().with_loader(
        LoaderConfig().with_engine_config(
            EngineConfig().with_capabilities(Capabilities.safe_defaults())
        )
    )
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import attrs

from fusabi_host.capabilities import Capabilities
from fusabi_host.errors import ConfigError
from fusabi_host.lang import TYPE_CHECK_MODES, RunLimits
from fusabi_host.versions import HOST_API_VERSION, ApiVersion

__all__ = [
    "EngineConfig",
    "Limits",
    "LoaderConfig",
    "RegistryConfig",
    "RuntimeConfig",
    "WatchConfig",
]


def _optional_positive(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
        raise ConfigError(f"{attribute.name} must be a positive number or None, got {value!r}")


def _non_negative(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        raise ConfigError(f"{attribute.name} must be a non-negative number, got {value!r}")


@attrs.frozen(kw_only=True)
class Limits:
    """Resource limits applied to every run of plugin code; ``None`` means unlimited.

    * ``timeout`` -- wall-clock seconds for one call (or one top-level run).
    * ``max_fuel`` -- steps for one call: each function entry and loop iteration costs one.
    * ``max_depth`` -- nesting of non-tail calls (tail calls run in constant depth).
    * ``max_output_bytes`` -- bytes a plugin may print over its lifetime.
    * ``max_collection_size`` -- elements in one list, array, map or string a stdlib
      function builds (guards against ``List.init 1000000000``).
    * ``max_memory_bytes`` -- how much the host process's resident memory may grow during one
      call or one load (sampled every 2 ms, and checked before every large allocation the
      standard library makes; ``docs/limits.rst`` says exactly what is counted).

    Every limit holds for the whole run: the top level, every call, ``Script.eval`` inside
    it, library functions and the conversion of the result back to Python.
    """

    timeout: float | None = attrs.field(default=30.0, validator=_optional_positive)
    max_fuel: int | None = attrs.field(default=None, validator=_optional_positive)
    max_depth: int | None = attrs.field(default=20_000, validator=_optional_positive)
    max_output_bytes: int | None = attrs.field(default=1 << 20, validator=_optional_positive)
    max_collection_size: int | None = attrs.field(default=10_000_000, validator=_optional_positive)
    max_memory_bytes: int | None = attrs.field(default=256 << 20, validator=_optional_positive)

    @classmethod
    def default(cls) -> Limits:
        """30 s per call, 20,000 calls deep, 1 MiB of output, 10 million elements, 256 MiB of
        memory growth per call."""
        return cls()

    @classmethod
    def strict(cls) -> Limits:
        """Tight limits for untrusted plugins on a busy host."""
        return cls(
            timeout=5.0,
            max_fuel=10_000_000,
            max_depth=2_000,
            max_output_bytes=64 << 10,
            max_collection_size=1_000_000,
            max_memory_bytes=64 << 20,
        )

    @classmethod
    def unlimited(cls) -> Limits:
        """No limits at all (depth is still bounded by the interpreter's own stack)."""
        return cls(
            timeout=None,
            max_fuel=None,
            max_depth=None,
            max_output_bytes=None,
            max_collection_size=None,
            max_memory_bytes=None,
        )

    def with_timeout(self, seconds: float | None) -> Limits:
        return attrs.evolve(self, timeout=seconds)

    def with_max_fuel(self, steps: int | None) -> Limits:
        return attrs.evolve(self, max_fuel=steps)

    def with_max_depth(self, depth: int | None) -> Limits:
        return attrs.evolve(self, max_depth=depth)

    def with_max_output_bytes(self, size: int | None) -> Limits:
        return attrs.evolve(self, max_output_bytes=size)

    def with_max_collection_size(self, size: int | None) -> Limits:
        return attrs.evolve(self, max_collection_size=size)

    def with_max_memory_bytes(self, size: int | None) -> Limits:
        return attrs.evolve(self, max_memory_bytes=size)

    def run_limits(self) -> RunLimits:
        """These limits as the language runtime takes them."""
        return RunLimits(
            timeout=self.timeout,
            max_fuel=self.max_fuel,
            max_depth=self.max_depth,
            max_memory_bytes=self.max_memory_bytes,
            max_collection_size=self.max_collection_size,
        )


@attrs.frozen(kw_only=True)
class EngineConfig:
    """How plugin code runs: the capabilities the host *offers* and the limits it imposes.

    A plugin with a manifest receives the capabilities it declares, intersected with what is
    offered here and with what every capability policy allows; a plugin loaded from a bare
    script receives what is offered here.
    """

    capabilities: Capabilities = attrs.field(factory=Capabilities.safe_defaults)
    limits: Limits = attrs.field(factory=Limits)
    type_check: str = attrs.field(
        default="strict", validator=attrs.validators.in_(TYPE_CHECK_MODES)
    )
    """``"strict"``: a plugin that does not type-check is refused with a
    :class:`~fusabi_host.errors.CompileError` listing its type errors.  ``"warn"``: it loads,
    its type errors become ``warning`` events, and it runs with run-time checks instead -- a
    migration aid for code written before types were checked, not a mode to stay in."""
    compile_cache: bool | str | Path = attrs.field(default=True)
    """Keep compiled plugins on disk between runs (:mod:`fusabi_host.lang.diskcache`):
    ``True`` for the default private directory (``$FUSABI_HOST_CACHE_DIR``, else the user's
    cache directory; ``FUSABI_HOST_COMPILE_CACHE=0`` turns it off), a path for that
    directory, ``False`` for none."""

    @classmethod
    def strict(cls) -> EngineConfig:
        """No capabilities and strict limits."""
        return cls(capabilities=Capabilities.none(), limits=Limits.strict())

    @classmethod
    def permissive(cls) -> EngineConfig:
        """Every capability and no limits: only for code you trust completely."""
        return cls(capabilities=Capabilities.all(), limits=Limits.unlimited())

    def with_capabilities(self, capabilities: Capabilities) -> EngineConfig:
        return attrs.evolve(self, capabilities=capabilities)

    def with_limits(self, limits: Limits) -> EngineConfig:
        return attrs.evolve(self, limits=limits)


def _to_optional_path(value: str | Path | None) -> Path | None:
    return None if value is None else Path(value)


@attrs.frozen(kw_only=True)
class LoaderConfig:
    """How plugins are loaded.

    * ``engine`` -- the :class:`EngineConfig` given to every plugin this loader loads.
    * ``host_api_version`` -- the API version this host provides; plugins must be compatible.
    * ``base_path`` -- relative paths given to the loader are resolved against it.
    * ``auto_start`` -- start plugins (run their ``init`` export) right after loading.
    * ``strict_validation`` -- run the ``fusabi_validate`` hooks; turning it off skips only
      extension validators, never the manifest schema or the capability checks.
    """

    engine: EngineConfig = attrs.field(factory=EngineConfig)
    host_api_version: ApiVersion = HOST_API_VERSION
    base_path: Path | None = attrs.field(default=None, converter=_to_optional_path)
    auto_start: bool = True
    strict_validation: bool = True

    @classmethod
    def strict(cls) -> LoaderConfig:
        """Strict engine, no auto start, strict validation."""
        return cls(engine=EngineConfig.strict(), auto_start=False)

    def with_engine_config(self, engine: EngineConfig) -> LoaderConfig:
        return attrs.evolve(self, engine=engine)

    def with_host_api_version(self, version: ApiVersion) -> LoaderConfig:
        return attrs.evolve(self, host_api_version=version)

    def with_base_path(self, path: str | Path | None) -> LoaderConfig:
        return attrs.evolve(self, base_path=path)

    def with_auto_start(self, auto_start: bool) -> LoaderConfig:
        return attrs.evolve(self, auto_start=auto_start)

    def with_strict_validation(self, strict: bool) -> LoaderConfig:
        return attrs.evolve(self, strict_validation=strict)


@attrs.frozen(kw_only=True)
class RegistryConfig:
    """Registry rules: how many plugins may be registered and whether a name may be reused
    (replacing unloads the previous plugin first)."""

    max_plugins: int | None = attrs.field(default=None, validator=_optional_positive)
    allow_overwrite: bool = False

    def with_max_plugins(self, count: int | None) -> RegistryConfig:
        return attrs.evolve(self, max_plugins=count)

    def with_allow_overwrite(self, allow: bool) -> RegistryConfig:
        return attrs.evolve(self, allow_overwrite=allow)


def _to_paths(value: object) -> tuple[Path, ...]:
    if isinstance(value, str | Path):
        return (Path(value),)
    if not isinstance(value, list | tuple):
        raise TypeError(f"expected a path or a sequence of paths, got {value!r}")
    return tuple(Path(v) for v in value)


def _to_strings(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list | tuple | frozenset | set):
        raise TypeError(f"expected a sequence of strings, got {value!r}")
    return tuple(str(v) for v in value)


def _optional_name(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and (not isinstance(value, str) or not value.strip()):
        raise ConfigError(f"{attribute.name} must be a non-empty name or None, got {value!r}")


def _positive(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
        raise ConfigError(f"{attribute.name} must be a positive number, got {value!r}")


@attrs.frozen(kw_only=True)
class WatchConfig:
    """Hot-reload watching (see ``docs/watchers.rst``).

    * ``debounce`` -- seconds of quiet after the last change to a plugin before its changes are
      delivered (trailing edge, per plugin): one editor save gives one reload.
    * ``extensions`` -- file suffixes whose changes count; directory creations, removals and
      renames always count (they are how new and deleted plugin folders are noticed).
    * ``ignore_patterns`` -- ``fnmatch`` patterns matched against every path component below the
      watched folder: editor droppings (vim swap, backup and ``4913`` probe files, emacs lock
      and autosave files), ``.git`` and ``__pycache__`` anywhere.
    * ``recursive`` -- watch subfolders of a watched folder too.
    * ``polling`` -- make the watchdog backend use its polling observer from the start (network
      file systems, containers); it falls back to polling by itself when the native observer
      cannot start.
    * ``backend`` -- which watcher creates the events, by name: ``None`` or ``"watchdog"`` for
      the core watchdog backend, ``"polling"`` for the stat poller of fusabi_host_contrib, or
      the name of any installed ``fusabi_host.watchers`` extension.
    * ``poll_interval`` -- seconds between two scans of the polling backends.
    """

    debounce: float = attrs.field(default=0.1, validator=_non_negative)
    extensions: tuple[str, ...] = attrs.field(
        default=("fsx", "fzb", "toml", "json"), converter=_to_strings
    )
    ignore_patterns: tuple[str, ...] = attrs.field(
        default=(
            "*.swp",
            "*.swx",
            "*~",
            ".#*",
            "#*#",
            "4913",
            ".goutputstream-*",
            "*.tmp",
            ".git",
            "__pycache__",
        ),
        converter=_to_strings,
    )
    recursive: bool = True
    polling: bool = False
    backend: str | None = attrs.field(default=None, validator=_optional_name)
    poll_interval: float = attrs.field(default=0.5, validator=_positive)

    def with_debounce(self, seconds: float) -> WatchConfig:
        return attrs.evolve(self, debounce=seconds)

    def with_extensions(self, *extensions: str) -> WatchConfig:
        return attrs.evolve(self, extensions=tuple(e.lstrip(".") for e in extensions))

    def with_ignore_patterns(self, *patterns: str) -> WatchConfig:
        return attrs.evolve(self, ignore_patterns=patterns)

    def with_recursive(self, recursive: bool) -> WatchConfig:
        return attrs.evolve(self, recursive=recursive)

    def with_polling(self, polling: bool) -> WatchConfig:
        return attrs.evolve(self, polling=polling)

    def with_backend(self, backend: str | None) -> WatchConfig:
        return attrs.evolve(self, backend=backend)

    def with_poll_interval(self, seconds: float) -> WatchConfig:
        return attrs.evolve(self, poll_interval=seconds)


@attrs.frozen(kw_only=True)
class RuntimeConfig:
    """Everything a :class:`~fusabi_host.PluginRuntime` needs.

    * ``loader``, ``registry`` -- see :class:`LoaderConfig`, :class:`RegistryConfig`.
    * ``plugin_dirs`` / ``discover_patterns`` -- where :meth:`PluginRuntime.discover` looks and
      which files it takes (manifests first; scripts without a manifest beside them).
    * ``hot_reload`` / ``watch`` -- whether to watch plugin files and how.
    * ``autoload_extensions`` -- load extensions from entry points (also switched off by the
      environment variable ``FUSABI_HOST_DISABLE_PLUGIN_AUTOLOAD=1``).
    * ``enable_extensions`` -- opt-in extensions to activate by entry-point name
      (for example ``"deny_dangerous"`` from ``fusabi_host_contrib``).
    * ``disable_extensions`` -- extension names to block even when installed.
    """

    loader: LoaderConfig = attrs.field(factory=LoaderConfig)
    registry: RegistryConfig = attrs.field(factory=RegistryConfig)
    plugin_dirs: tuple[Path, ...] = attrs.field(default=(), converter=_to_paths)
    discover_patterns: tuple[str, ...] = attrs.field(
        default=("plugin.toml", "*/plugin.toml", "*.fsx", "*.fzb"), converter=_to_strings
    )
    hot_reload: bool = False
    watch: WatchConfig = attrs.field(factory=WatchConfig)
    autoload_extensions: bool = True
    enable_extensions: tuple[str, ...] = attrs.field(default=(), converter=_to_strings)
    disable_extensions: tuple[str, ...] = attrs.field(default=(), converter=_to_strings)

    def with_loader(self, loader: LoaderConfig) -> RuntimeConfig:
        return attrs.evolve(self, loader=loader)

    def with_registry(self, registry: RegistryConfig) -> RuntimeConfig:
        return attrs.evolve(self, registry=registry)

    def with_plugin_dirs(self, *dirs: str | Path) -> RuntimeConfig:
        return attrs.evolve(self, plugin_dirs=tuple(Path(d) for d in dirs))

    def with_discover_patterns(self, *patterns: str) -> RuntimeConfig:
        return attrs.evolve(self, discover_patterns=patterns)

    def with_hot_reload(self, enabled: bool = True) -> RuntimeConfig:
        return attrs.evolve(self, hot_reload=enabled)

    def with_watch(self, watch: WatchConfig) -> RuntimeConfig:
        return attrs.evolve(self, watch=watch)

    def with_autoload_extensions(self, enabled: bool) -> RuntimeConfig:
        return attrs.evolve(self, autoload_extensions=enabled)

    def with_enabled_extensions(self, *names: str) -> RuntimeConfig:
        return attrs.evolve(self, enable_extensions=names)

    def with_disabled_extensions(self, *names: str) -> RuntimeConfig:
        return attrs.evolve(self, disable_extensions=names)
