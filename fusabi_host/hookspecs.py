"""The hooks a fusabi-host runtime is assembled from.

The runtime does nothing itself that an extension could want to change: it asks these hooks.
fusabi-host registers default implementations (its loaders, its default capability policy,
its call executor...); extensions add their own through entry points
(``fusabi_host.loaders``, ``fusabi_host.policies``, ``fusabi_host.watchers``) or by registering
an object with :meth:`fusabi_host.manager.HostPluginManager.register`.

Write an implementation with the :data:`hookimpl` marker and name only the arguments you need::

    from fusabi_host import hookimpl

    @hookimpl
    def fusabi_grant(request):
        # this policy never allows process execution
        return request.requested.without("process:exec")

Every hook below says when it runs, what its arguments are and what its result means.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, TypeVar

import pluggy

if TYPE_CHECKING:
    from fusabi_host.capabilities import Capabilities
    from fusabi_host.config import WatchConfig
    from fusabi_host.errors import Problem
    from fusabi_host.hooktypes import (
        CallContext,
        GrantRequest,
        LoadRequest,
        ReloadPhase,
        ReloadTransaction,
    )
    from fusabi_host.lifecycle import LifecycleEvent
    from fusabi_host.manifest import Manifest
    from fusabi_host.watchevents import FileWatcher, WatchEvent

PROJECT_NAME = "fusabi_host"
"""pluggy's project name for fusabi-host: its markers set ``fusabi_host_spec`` and
``fusabi_host_impl`` on the functions they mark."""

hookspec = pluggy.HookspecMarker(PROJECT_NAME)
"""The marker of the hook specifications below (extensions do not need it)."""

hookimpl = pluggy.HookimplMarker(PROJECT_NAME)
"""The marker of a hook implementation: ``@hookimpl``, or ``@hookimpl(trylast=True)``,
``@hookimpl(wrapper=True)`` and pluggy's other options."""

__all__ = ["NO_WRAPPERS", "PROJECT_NAME", "each_implementation", "hookimpl", "hookspec"]

NO_WRAPPERS: Final = f"{PROJECT_NAME}_no_wrappers"
"""The attribute :func:`each_implementation` sets on a hook specification."""

_Spec = TypeVar("_Spec", bound=Callable[..., Any])


def each_implementation(spec: _Spec) -> _Spec:
    """Mark a hook that the manager calls one implementation at a time.

    The host aggregates such a hook's results itself (every problem, the intersection of every
    grant, every veto), and calls each implementation on its own so that a failing one is named
    and never hides the others.  Such a hook therefore runs no wrappers: the manager refuses a
    ``wrapper=True`` or ``hookwrapper=True`` implementation of it with
    :class:`pluggy.PluginValidationError`, as pluggy refuses wrappers on historic hooks.
    """
    setattr(spec, NO_WRAPPERS, True)
    return spec


# --------------------------------------------------------------------------- loading


@hookspec(firstresult=True)
def fusabi_load(request: LoadRequest) -> object | None:
    """Turn a plugin's code file into a compiled unit.

    Runs once per load and once per reload, after validation and capability granting.

    :param request: the entry to load -- its path, whether it is source or bytecode, the
        manifest if any, the plugin directory and the engine configuration.
    :returns: a compiled unit, or ``None`` for "not mine" so the
        next loader is tried.  Raise :class:`~fusabi_host.errors.CompileError` or
        :class:`~fusabi_host.errors.BytecodeError` when the file is yours but broken.

    ``firstresult``: stops at the first non-``None`` result.  The core source and bytecode
    loaders are ``trylast``, so an extension loader (say, one that reads a different file
    format, or fetches code from a cache) sees every request first.
    """


# --------------------------------------------------------------------------- validation


@each_implementation
@hookspec
def fusabi_validate(manifest: Manifest, plugin_dir: Path | None) -> list[Problem]:
    """Check a manifest beyond its schema.

    Runs for every manifest-based load and reload, after the manifest parsed cleanly and
    before anything is granted or compiled.  The schema itself (types, names, capability
    names, confined paths) is already checked; use this hook for rules of your own
    organisation ("every plugin needs a licence") or checks that need the file system.

    :param manifest: the parsed manifest.
    :param plugin_dir: the directory holding the manifest (``None`` when it came from text).
    :returns: a list of :class:`~fusabi_host.errors.Problem` -- empty when all is well.

    Every implementation runs; the host gathers all problems into one
    :class:`~fusabi_host.errors.ManifestError`, so a user sees everything at once.

    This hook does not run wrappers: the host calls each implementation on its own, and
    registering a ``wrapper=True`` or ``hookwrapper=True`` implementation of it raises
    :class:`pluggy.PluginValidationError`.
    """
    raise NotImplementedError  # pragma: no cover - spec only


# --------------------------------------------------------------------------- capabilities


@each_implementation
@hookspec
def fusabi_grant(request: GrantRequest) -> Capabilities:
    """Decide which of the requested capabilities a plugin gets.

    Runs for every load and reload, after validation and before the code is compiled.

    :param request: the plugin name, what it requests, what the host offers, and its
        manifest.
    :returns: the subset of ``request.requested`` this policy allows.

    Every implementation runs and the host **intersects** the answers (and the request):
    a policy can narrow a grant, never widen it, and a denial by any policy wins.  The core
    policy allows what the host's :class:`~fusabi_host.EngineConfig` offers.  When a plugin
    with a manifest is refused something it declares, the load fails with
    :class:`~fusabi_host.errors.CapabilityError` naming what was refused.

    This hook does not run wrappers: the host calls each implementation on its own, and
    registering a ``wrapper=True`` or ``hookwrapper=True`` implementation of it raises
    :class:`pluggy.PluginValidationError`.
    """
    raise NotImplementedError  # pragma: no cover - spec only


# --------------------------------------------------------------------------- calls


@hookspec(firstresult=True)
def fusabi_call(call: CallContext) -> Any:
    """Execute one call from the host into a plugin function.

    Runs for every :meth:`PluginRuntime.call` and :meth:`PluginHandle.call`.

    :param call: plugin and function names, Python arguments, the bound ``target`` that
        performs the call, and a ``scratch`` dict for wrappers.
    :returns: the function's result converted to Python.

    ``firstresult``: the core executor (``trylast``) calls ``call.target(*call.args)``.
    Implement it as a ``wrapper=True`` generator to time, trace, meter or limit calls::

        @hookimpl(wrapper=True)
        def fusabi_call(call):
            started = time.perf_counter()
            try:
                return (yield)
            finally:
                record(call.plugin, call.function, time.perf_counter() - started)

    Keep wrappers cheap: this hook is on the hot path.
    """


# --------------------------------------------------------------------------- reload


@each_implementation
@hookspec
def fusabi_reload(phase: ReloadPhase, reload: ReloadTransaction) -> str | None:
    """Observe -- or veto -- the phases of a reload transaction.

    Runs three ways for each reload: ``PREPARE`` after the new version loaded and initialised
    beside the old one (which still serves calls); then either ``COMMIT`` after the swap, or
    ``ROLLBACK`` when anything failed (``reload.error`` says what) and the old version stays.

    :param phase: a :class:`~fusabi_host.hooktypes.ReloadPhase`.
    :param reload: the transaction: plugin name, trigger, changed paths, new manifest.
    :returns: during ``PREPARE``, a string vetoes the reload with that reason (the host rolls
        back); ``None`` lets it proceed.  Results of the other phases are ignored.

    This hook does not run wrappers: the host calls each implementation on its own, and
    registering a ``wrapper=True`` or ``hookwrapper=True`` implementation of it raises
    :class:`pluggy.PluginValidationError`.
    """


# --------------------------------------------------------------------------- events


@each_implementation
@hookspec
def fusabi_event(event: LifecycleEvent) -> None:
    """Receive a lifecycle event (``created``, ``started``, ``reloaded``, ``error``, ...).

    Runs for every lifecycle transition of every plugin, on the thread that caused it, before
    the ``on_event`` callbacks.  An implementation that raises is logged and ignored: events
    never break the runtime.

    :param event: the :class:`~fusabi_host.lifecycle.LifecycleEvent`.

    This hook does not run wrappers: the host calls each implementation on its own, and
    registering a ``wrapper=True`` or ``hookwrapper=True`` implementation of it raises
    :class:`pluggy.PluginValidationError`.
    """


# --------------------------------------------------------------------------- watching


@hookspec(firstresult=True)
def fusabi_watcher(
    config: WatchConfig, on_change: Callable[[WatchEvent], None]
) -> FileWatcher | None:
    """Create the file-watching backend that hot reload listens to.

    Runs once per :class:`~fusabi_host.watcher.PluginWatcher` (and again when a stopped one is
    started anew), before any path is scheduled.

    :param config: the :class:`~fusabi_host.WatchConfig`; ``config.backend`` names the backend
        wanted (``None`` means the default), and ``config.poll_interval``, ``config.polling`` and
        ``config.ignore_patterns`` are there for backends that can use them.
    :param on_change: call it with one raw :class:`~fusabi_host.WatchEvent` per change, from
        any thread; filtering, debouncing and keying by plugin happen after it.
    :returns: a :class:`~fusabi_host.watchevents.FileWatcher`, or ``None`` for "not me" so the
        next implementation is asked.

    ``firstresult``: stops at the first non-``None`` result.  Select a backend by name: return
    your watcher only when ``config.backend`` is your name (the entry-point name by convention)
    and ``None`` otherwise.  The core watchdog backend is ``trylast`` and answers to ``None``
    and ``"watchdog"``; ``fusabi_host_contrib`` answers to ``"polling"``.  When nobody answers,
    the host raises :class:`~fusabi_host.errors.ConfigError` listing the names available.
    """
