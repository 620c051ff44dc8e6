"""fusabi-host: load, sandbox, call and hot-reload plugins written in Fusabi.

The names below are the public API; everything else is reachable through its module.
"""

from __future__ import annotations

from importlib import metadata as _metadata

from fusabi_host.capabilities import Capabilities, Capability
from fusabi_host.config import (
    EngineConfig,
    Limits,
    LoaderConfig,
    RegistryConfig,
    RuntimeConfig,
    WatchConfig,
)
from fusabi_host.convert import Variant
from fusabi_host.engine import (
    CompiledUnit,
    Instance,
    compile_file,
    compile_source,
    load_bytecode,
    load_bytecode_file,
    run_source,
)
from fusabi_host.errors import (
    ApiVersionMismatch,
    ArityMismatch,
    BytecodeError,
    CapabilityError,
    CompileError,
    ConfigError,
    ConversionError,
    DependencyError,
    DiscoveryError,
    FunctionNotFound,
    FusabiError,
    FusabiRuntimeError,
    InvalidState,
    LimitExceeded,
    ManifestError,
    PluginAlreadyLoaded,
    PluginNotFound,
    RegistryFull,
    ReloadVetoed,
    StateHandoffError,
)
from fusabi_host.events import EventBus
from fusabi_host.hookspecs import hookimpl
from fusabi_host.hotreload import HotReloader
from fusabi_host.lifecycle import LifecycleEvent, LifecycleState
from fusabi_host.loader import PluginLoader
from fusabi_host.manifest import Dependency, Manifest
from fusabi_host.metrics import CallStats, MetricsSnapshot
from fusabi_host.plugin import PluginHandle, PluginInfo
from fusabi_host.registry import PluginRegistry, RegistryStats
from fusabi_host.runtime import PluginRuntime
from fusabi_host.versions import HOST_API_VERSION, ApiVersion
from fusabi_host.watcher import PluginWatcher
from fusabi_host.watchevents import WatchEvent, WatchEventKind

__version__: str
"""The installed distribution's version (``0.0.0+unknown`` in a source tree without one)."""
try:
    __version__ = _metadata.version("fusabi-host")
except _metadata.PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0.0.0+unknown"

__all__ = [
    "HOST_API_VERSION",
    "ApiVersion",
    "ApiVersionMismatch",
    "ArityMismatch",
    "BytecodeError",
    "CallStats",
    "Capabilities",
    "Capability",
    "CapabilityError",
    "CompileError",
    "CompiledUnit",
    "ConfigError",
    "ConversionError",
    "Dependency",
    "DependencyError",
    "DiscoveryError",
    "EngineConfig",
    "EventBus",
    "FunctionNotFound",
    "FusabiError",
    "FusabiRuntimeError",
    "HotReloader",
    "Instance",
    "InvalidState",
    "LifecycleEvent",
    "LifecycleState",
    "LimitExceeded",
    "Limits",
    "LoaderConfig",
    "Manifest",
    "ManifestError",
    "MetricsSnapshot",
    "PluginAlreadyLoaded",
    "PluginHandle",
    "PluginInfo",
    "PluginLoader",
    "PluginNotFound",
    "PluginRegistry",
    "PluginRuntime",
    "PluginWatcher",
    "RegistryConfig",
    "RegistryFull",
    "RegistryStats",
    "ReloadVetoed",
    "RuntimeConfig",
    "StateHandoffError",
    "Variant",
    "WatchConfig",
    "WatchEvent",
    "WatchEventKind",
    "__version__",
    "compile_file",
    "compile_source",
    "hookimpl",
    "load_bytecode",
    "load_bytecode_file",
    "run_source",
]
