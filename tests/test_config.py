"""Configuration records: frozen, keyword-built, changed through with_* copies."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

from fusabi_host import (
    ApiVersion,
    Capabilities,
    EngineConfig,
    Limits,
    LoaderConfig,
    RegistryConfig,
    RuntimeConfig,
    WatchConfig,
)
from fusabi_host.versions import HOST_API_VERSION


def test_the_seed_builder_chain():
    config = RuntimeConfig().with_loader(
        LoaderConfig().with_engine_config(
            EngineConfig().with_capabilities(Capabilities.safe_defaults())
        )
    )
    assert config.loader.engine.capabilities == Capabilities.safe_defaults()
    assert LoaderConfig().with_host_api_version(ApiVersion(0, 18, 0)).host_api_version == (
        ApiVersion(0, 18, 0)
    )
    assert EngineConfig().with_limits(Limits(timeout=1.0)).limits.timeout == 1.0


def test_with_methods_return_copies():
    base = EngineConfig()
    changed = base.with_limits(Limits.strict())
    assert base.limits == Limits()
    assert changed.limits == Limits.strict()
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        base.limits = Limits()  # type: ignore[misc]


def test_defaults():
    assert EngineConfig().capabilities == Capabilities.safe_defaults()
    assert LoaderConfig().host_api_version == HOST_API_VERSION
    assert LoaderConfig().auto_start is True
    assert RegistryConfig().max_plugins is None
    assert RuntimeConfig().hot_reload is False
    assert EngineConfig.strict().capabilities == Capabilities.none()
    assert EngineConfig.permissive().capabilities == Capabilities.all()
    assert Limits.unlimited().timeout is None


def test_keyword_only_construction():
    with pytest.raises(TypeError):
        Limits(1.0)  # type: ignore[misc]


@pytest.mark.parametrize(
    "kwargs",
    [{"timeout": 0}, {"timeout": -1.0}, {"max_depth": True}, {"max_fuel": "10"}],
)
def test_limits_reject_nonsense(kwargs):
    with pytest.raises(ValueError, match="must be a positive number or None"):
        Limits(**kwargs)


def test_paths_and_strings_are_normalised():
    config = RuntimeConfig(plugin_dirs=["plugins", Path("/opt/plugins")])
    assert config.plugin_dirs == (Path("plugins"), Path("/opt/plugins"))
    assert RuntimeConfig().with_plugin_dirs("a", "b").plugin_dirs == (Path("a"), Path("b"))
    assert WatchConfig().with_extensions(".fsx", "toml").extensions == ("fsx", "toml")
    assert LoaderConfig(base_path="x").base_path == Path("x")
    with pytest.raises(TypeError):
        RuntimeConfig(plugin_dirs=42)  # type: ignore[arg-type]
