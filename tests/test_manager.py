"""The hook manager: core implementations, entry-point discovery of third-party extensions,
opt-in and disabled extensions, broken extensions, atomic registration and tracing."""

from __future__ import annotations

import logging
import types

import pluggy
import pytest

from fusabi_host import Capabilities, CapabilityError, hookimpl
from fusabi_host.hooktypes import GrantRequest
from fusabi_host.manager import CORE_PLUGINS, HOOK_NAMES, UNWRAPPED_HOOKS, HostPluginManager
from tests.fakedist import install_distribution

POLICY_MODULE = """
from fusabi_host import hookimpl

@hookimpl
def fusabi_grant(request):
    # an organisation's rule: no network for anyone
    return request.requested.without("net:request", "net:listen")
"""


def grant_request(*requested: str, offered: Capabilities | None = None) -> GrantRequest:
    return GrantRequest(
        plugin="p",
        requested=Capabilities.of(*requested),
        offered=Capabilities.all() if offered is None else offered,
    )


def test_core_implementations_are_registered_first():
    manager = HostPluginManager(autoload=False)
    names = [info.name for info in manager.extensions()]
    assert names == list(CORE_PLUGINS)
    assert all(info.kind == "core" for info in manager.extensions())


def test_third_party_policy_is_picked_up_from_an_entry_point(tmp_path, monkeypatch):
    install_distribution(
        monkeypatch,
        tmp_path,
        dist_name="acme-no-network",
        entry_points={"fusabi_host.policies": {"acme_no_network": "acme_no_network_policy"}},
        modules={"acme_no_network_policy": POLICY_MODULE},
    )
    manager = HostPluginManager()
    info = {i.name: i for i in manager.extensions()}["acme_no_network"]
    assert (info.kind, info.distribution, info.version) == (
        "fusabi_host.policies",
        "acme-no-network",
        "1.0.0",
    )
    decision = manager.grant(grant_request("net:request", "time:read"))
    assert decision.granted == Capabilities.of("time:read")
    assert decision.refused_by == (("acme_no_network", Capabilities.of("net:request")),)
    with pytest.raises(CapabilityError) as info_error:
        manager.require_grant(grant_request("net:request", "time:read"))
    assert "refused by 'acme_no_network': net:request" in str(info_error.value)


def test_autoload_can_be_switched_off_by_environment(tmp_path, monkeypatch):
    install_distribution(
        monkeypatch,
        tmp_path,
        dist_name="acme-no-network",
        entry_points={"fusabi_host.policies": {"acme_no_network": "acme_no_network_policy2"}},
        modules={"acme_no_network_policy2": POLICY_MODULE},
    )
    monkeypatch.setenv("FUSABI_HOST_DISABLE_PLUGIN_AUTOLOAD", "1")
    manager = HostPluginManager()
    assert not manager.has_extension("acme_no_network")
    assert manager.grant(grant_request("net:request")).granted == Capabilities.of("net:request")


def test_disabled_extension_is_blocked(tmp_path, monkeypatch):
    install_distribution(
        monkeypatch,
        tmp_path,
        dist_name="acme-no-network",
        entry_points={"fusabi_host.policies": {"acme_no_network": "acme_no_network_policy3"}},
        modules={"acme_no_network_policy3": POLICY_MODULE},
    )
    manager = HostPluginManager(disable=["acme_no_network"])
    assert not manager.has_extension("acme_no_network")


def test_broken_extensions_are_reported_by_distribution_and_skipped(tmp_path, monkeypatch, caplog):
    install_distribution(
        monkeypatch,
        tmp_path,
        dist_name="acme-broken",
        entry_points={
            "fusabi_host.policies": {
                "explodes_on_import": "acme_explodes",
                "unknown_hook": "acme_unknown_hook",
                "wrong_args": "acme_wrong_args",
                "good_one": "acme_good",
            }
        },
        modules={
            "acme_explodes": "raise RuntimeError('boom at import')\n",
            "acme_unknown_hook": """
                from fusabi_host import hookimpl

                @hookimpl
                def fusabi_grant(request):
                    return request.requested

                @hookimpl
                def fusabi_grnat(request):
                    return request.requested
            """,
            "acme_wrong_args": """
                from fusabi_host import hookimpl

                @hookimpl
                def fusabi_grant(request, colour):
                    return request.requested
            """,
            "acme_good": POLICY_MODULE,
        },
    )
    with caplog.at_level(logging.WARNING, logger="fusabi_host.manager"):
        manager = HostPluginManager()
    failures = {f.name: f for f in manager.failures}
    assert set(failures) == {"explodes_on_import", "unknown_hook", "wrong_args"}
    assert failures["explodes_on_import"].stage == "import"
    assert "boom at import" in failures["explodes_on_import"].error
    assert failures["unknown_hook"].stage == "validate"
    assert "fusabi_grnat" in failures["unknown_hook"].error
    assert failures["wrong_args"].stage == "validate"
    assert all(f.distribution == "acme-broken" for f in manager.failures)
    assert "from acme-broken" in str(failures["explodes_on_import"])
    assert "it is skipped" in caplog.text
    # nothing of the broken ones stays registered; the good one works
    assert not manager.has_extension("unknown_hook")
    grant_impls = [i.plugin_name for i in manager.pm.hook.fusabi_grant.get_hookimpls()]
    assert sorted(grant_impls) == ["fusabi_host.core.policy", "good_one"]
    assert not hasattr(manager.pm.hook, "fusabi_grnat") or not (
        manager.pm.hook.fusabi_grnat.get_hookimpls()
    )


def test_registration_failure_leaves_nothing_registered():
    manager = HostPluginManager(autoload=False)

    class Bad:
        @hookimpl
        def fusabi_grant(self, request):
            return request.requested

        @hookimpl
        def fusabi_nonexistent(self):
            return None

    bad = Bad()
    with pytest.raises(pluggy.PluginValidationError):
        manager.register(bad, "bad")
    assert not manager.has_extension("bad")
    assert not manager.pm.is_registered(bad)
    impls = [i.plugin for i in manager.pm.hook.fusabi_grant.get_hookimpls()]
    assert bad not in impls
    # the name is free again
    good = types.SimpleNamespace()
    assert manager.register(good, "bad") == "bad"


def test_opt_in_extensions_need_enabling():
    assert not HostPluginManager().has_extension("deny_dangerous")
    manager = HostPluginManager(enable=["deny_dangerous"])
    assert manager.has_extension("deny_dangerous")
    decision = manager.grant(grant_request("fs:write", "fs:read", "time:read"))
    assert decision.granted == Capabilities.of("fs:read", "time:read")
    assert decision.refused_by == (("deny_dangerous", Capabilities.of("fs:write")),)


def test_a_policy_can_narrow_but_never_widen():
    manager = HostPluginManager(autoload=False)

    class Generous:
        @hookimpl
        def fusabi_grant(self, request):
            return Capabilities.all()

    manager.register(Generous(), "generous")
    offered = Capabilities.of("time:read")
    decision = manager.grant(grant_request("time:read", "fs:write", offered=offered))
    assert decision.granted == Capabilities.of("time:read")
    assert decision.refused_by == (("fusabi_host.core.policy", Capabilities.of("fs:write")),)


def test_a_crashing_policy_denies_everything_and_is_named():
    manager = HostPluginManager(autoload=False)

    class Crashing:
        @hookimpl
        def fusabi_grant(self, request):
            raise RuntimeError("policy bug")

    manager.register(Crashing(), "crashing")
    decision = manager.grant(grant_request("time:read"))
    assert decision.granted == Capabilities.none()
    assert decision.refused_by == (("crashing", Capabilities.of("time:read")),)


def test_tracing_writes_hook_calls_to_stderr(monkeypatch, capsys):
    monkeypatch.setenv("FUSABI_HOST_TRACE_HOOKS", "1")
    manager = HostPluginManager(autoload=False)
    manager.grant(grant_request("time:read"))
    manager.call(
        __import__("fusabi_host.hooktypes", fromlist=["CallContext"]).CallContext(
            plugin="p", function="f", args=(2,), target=lambda x: x * 21
        )
    )
    err = capsys.readouterr().err
    assert "fusabi_grant [fusabi_host.core.policy]" in err
    assert "fusabi_call" in err
    assert "--> 42" in err


def test_no_tracing_by_default(capsys):
    HostPluginManager(autoload=False).grant(grant_request("time:read"))
    assert capsys.readouterr().err == ""


# ----------------------------------------------------------------------------- wrappers

WRAPPER_SOURCES = {
    "fusabi_validate": "def fusabi_validate(manifest, plugin_dir):\n    return (yield)\n",
    "fusabi_grant": "def fusabi_grant(request):\n    return (yield)\n",
    "fusabi_reload": "def fusabi_reload(phase, reload):\n    return (yield)\n",
    "fusabi_event": "def fusabi_event(event):\n    return (yield)\n",
}


def wrapper_plugin(hook: str, style: str) -> object:
    """An object with one *style* wrapper of *hook* (a ``hookwrapper=True`` one is an
    old-style generator: its ``yield`` gives the outcome) and a plain ``fusabi_grant``."""
    namespace: dict[str, object] = {}
    exec(WRAPPER_SOURCES[hook], namespace)
    members = {"fusabi_grant": staticmethod(hookimpl(lambda request: request.requested))}
    members[hook] = staticmethod(hookimpl(**{style: True})(namespace[hook]))
    return type("Wrapping", (), members)()


def test_aggregating_hooks_are_exactly_those_without_wrappers():
    assert set(WRAPPER_SOURCES) == UNWRAPPED_HOOKS


@pytest.mark.parametrize("style", ["wrapper", "hookwrapper"])
@pytest.mark.parametrize("hook", sorted(WRAPPER_SOURCES))
def test_a_wrapper_on_an_aggregating_hook_is_refused_atomically(hook, style):
    manager = HostPluginManager(autoload=False)
    plugin = wrapper_plugin(hook, style)
    with pytest.raises(pluggy.PluginValidationError) as refused:
        manager.register(plugin, "wrapping")
    message = str(refused.value)
    assert repr(hook) in message and "does not run wrappers" in message
    assert refused.value.plugin is plugin
    # nothing of it stays: neither the wrapper nor its plain fusabi_grant
    assert not manager.has_extension("wrapping")
    assert not manager.pm.is_registered(plugin)
    for name in HOOK_NAMES:
        impls = getattr(manager.pm.hook, name).get_hookimpls()
        assert plugin not in [impl.plugin for impl in impls]
    assert [info.name for info in manager.extensions()] == list(CORE_PLUGINS)


def test_wrappers_stay_welcome_on_hooks_that_run_them():
    manager = HostPluginManager(autoload=False)

    class Wraps:
        @hookimpl(wrapper=True)
        def fusabi_load(self, request):
            return (yield)

        @hookimpl(hookwrapper=True)
        def fusabi_watcher(self, config, on_change):
            yield

    assert manager.register(Wraps(), "wraps") == "wraps"


def test_an_extension_with_a_wrapper_fails_to_validate(tmp_path, monkeypatch):
    install_distribution(
        monkeypatch,
        tmp_path,
        dist_name="acme-wrapper",
        entry_points={"fusabi_host.policies": {"wrapping_policy": "acme_wrapping_policy"}},
        modules={
            "acme_wrapping_policy": """
                from fusabi_host import hookimpl

                @hookimpl(wrapper=True)
                def fusabi_grant(request):
                    return (yield)
            """
        },
    )
    manager = HostPluginManager()
    (failure,) = [f for f in manager.failures if f.name == "wrapping_policy"]
    assert (failure.stage, failure.distribution) == ("validate", "acme-wrapper")
    assert "'fusabi_grant'" in failure.error and "does not run wrappers" in failure.error
    assert not manager.has_extension("wrapping_policy")
    grant_impls = [i.plugin_name for i in manager.pm.hook.fusabi_grant.get_hookimpls()]
    assert "wrapping_policy" not in grant_impls
