"""The hook manager: one ``pluggy.PluginManager`` behind a small typed facade.

It is built in three stages, like flake8's plugin finder:

1. **core** -- fusabi-host's own default implementations (:data:`CORE_PLUGINS`) are
   registered first;
2. **discover** -- extensions are found in the entry-point groups ``fusabi_host.loaders``,
   ``fusabi_host.policies`` and ``fusabi_host.watchers`` (unless autoloading is off:
   ``RuntimeConfig(autoload_extensions=False)`` or ``FUSABI_HOST_DISABLE_PLUGIN_AUTOLOAD=1``);
3. **register and check** -- each extension is imported, registered and validated against the
   hook specifications on its own.  One that fails to import, to register or to validate is
   reported (with its distribution name) in :attr:`HostPluginManager.failures`, logged, and
   skipped; nothing of it stays registered, and the host carries on.

An extension object may set ``fusabi_host_opt_in = True``: it is then registered only when its
entry-point name is listed in ``enable``.  fusabi_host_contrib's policies work this way, so
installing fusabi-host never changes what plugins may do.

``FUSABI_HOST_TRACE_HOOKS=1`` writes every hook call and its result to standard error.

pluggy is not thread-safe: registration happens under one lock; hook calls only read.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import inspect
import logging
import os
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any, Final

import attrs
import pluggy

from fusabi_host import hookspecs
from fusabi_host.capabilities import Capabilities
from fusabi_host.errors import CapabilityError, ConfigError, Problem
from fusabi_host.hooktypes import (
    CallContext,
    GrantRequest,
    LoadRequest,
    ReloadPhase,
    ReloadTransaction,
)
from fusabi_host.lifecycle import LifecycleEvent
from fusabi_host.manifest import Manifest

if TYPE_CHECKING:
    from fusabi_host.config import WatchConfig
    from fusabi_host.metrics import MetricsRecorder
    from fusabi_host.watchevents import FileWatcher, WatchEvent

__all__ = [
    "CORE_PLUGINS",
    "ENTRY_POINT_GROUPS",
    "HOOK_NAMES",
    "UNWRAPPED_HOOKS",
    "DirectRoute",
    "ExtensionFailure",
    "ExtensionInfo",
    "GrantDecision",
    "HostPluginManager",
]

log = logging.getLogger("fusabi_host.manager")

ENTRY_POINT_GROUPS: Final = (
    "fusabi_host.loaders",
    "fusabi_host.policies",
    "fusabi_host.watchers",
)
"""One entry-point group per kind of extension."""

CORE_PLUGINS: Final = (
    "fusabi_host.core.policy",
    "fusabi_host.core.validate",
    "fusabi_host.core.executor",
    "fusabi_host.core.loader",
    "fusabi_host.core.watcher",
)
"""Modules holding fusabi-host's default hook implementations (:mod:`fusabi_host.core`),
registered first, each under its module name."""


def _hook_names(specs: ModuleType) -> tuple[str, ...]:
    """The hooks specified in *specs*: its functions carrying pluggy's spec marker, in the
    order they are defined (a module's namespace keeps definition order)."""
    marker = f"{hookspecs.PROJECT_NAME}_spec"
    return tuple(
        name
        for name, value in vars(specs).items()
        if inspect.isfunction(value) and hasattr(value, marker)
    )


HOOK_NAMES: Final = _hook_names(hookspecs)
"""Every hook of :mod:`fusabi_host.hookspecs`, in definition order."""

UNWRAPPED_HOOKS: Final = frozenset(
    name for name in HOOK_NAMES if getattr(getattr(hookspecs, name), hookspecs.NO_WRAPPERS, False)
)
"""The hooks marked :func:`~fusabi_host.hookspecs.each_implementation`: the manager calls each
of their implementations on its own and refuses wrappers on them."""

AUTOLOAD_ENV: Final = "FUSABI_HOST_DISABLE_PLUGIN_AUTOLOAD"
TRACE_ENV: Final = "FUSABI_HOST_TRACE_HOOKS"


def _env_flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in {"1", "true", "yes", "on"}


class _CountingPluginManager(pluggy.PluginManager):
    """pluggy's manager, counting the changes to what is registered or monitored, so that
    :meth:`HostPluginManager.direct_route` asks for a hook's implementations only after a
    change rather than on every call."""

    changes = 0
    monitored = 0  # (monitors added: hook calls are traced, so none may skip pluggy)

    def register(self, plugin: object, name: str | None = None) -> str | None:
        self.changes += 1
        try:
            return super().register(plugin, name)
        finally:
            self.changes += 1

    def unregister(self, plugin: object | None = None, name: str | None = None) -> Any:
        self.changes += 1
        try:
            return super().unregister(plugin, name)
        finally:
            self.changes += 1

    def add_hookcall_monitoring(self, before: Any, after: Any) -> Callable[[], None]:
        self.changes += 1
        self.monitored += 1
        undo = super().add_hookcall_monitoring(before, after)

        def undo_counted() -> None:
            self.changes += 1
            self.monitored -= 1
            undo()

        return undo_counted


@attrs.frozen
class DirectRoute:
    """A call's way past pluggy (see :meth:`HostPluginManager.direct_route`): the core
    executor, timed by ``recorder`` when metrics are on."""

    recorder: MetricsRecorder | None


@attrs.frozen
class ExtensionInfo:
    """A registered extension: its pluggy name, kind (entry-point group or ``core``) and the
    distribution that provides it."""

    name: str
    kind: str
    distribution: str | None = None
    version: str | None = None


@attrs.frozen
class ExtensionFailure:
    """An extension that could not be used, and why."""

    name: str
    kind: str
    distribution: str | None
    stage: str  # "import", "register" or "validate"
    error: str

    def __str__(self) -> str:
        who = f"'{self.name}'" + (f" from {self.distribution}" if self.distribution else "")
        return f"extension {who} ({self.kind}) failed to {self.stage}: {self.error}"


@attrs.frozen
class GrantDecision:
    """The outcome of :meth:`HostPluginManager.grant`: what was granted, and for everything
    requested but refused, which policy refused it."""

    granted: Capabilities
    refused_by: tuple[tuple[str, Capabilities], ...] = ()

    def refusal_message(self, plugin: str, requested: Capabilities) -> str:
        missing = requested.missing_from(self.granted)
        lines = [f"plugin '{plugin}' declares capabilities the host does not grant: {missing}"]
        for policy, refused in self.refused_by:
            lines.append(f"  refused by '{policy}': {refused}")
        lines.append(
            "  grant them in EngineConfig.capabilities (and any capability policy), "
            "or remove them from the manifest"
        )
        return "\n".join(lines)


class HostPluginManager:
    """Owns the pluggy manager; exposes each hook as a typed method."""

    def __init__(
        self,
        *,
        autoload: bool = True,
        enable: Iterable[str] = (),
        disable: Iterable[str] = (),
        core: Iterable[str] = CORE_PLUGINS,
        trace: bool | None = None,
    ) -> None:
        self._lock = threading.RLock()
        self._direct: DirectRoute | None = None
        self._direct_changes: int | None = None  # (the pluggy manager's changes it is for)
        self.pm = _CountingPluginManager(hookspecs.PROJECT_NAME)
        self.pm.add_hookspecs(hookspecs)
        self._enable = frozenset(enable)
        self._info: dict[str, ExtensionInfo] = {}
        self.failures: list[ExtensionFailure] = []
        for name in disable:
            self.pm.set_blocked(name)
        self._trace = _env_flag(TRACE_ENV) if trace is None else trace
        if self._trace:
            self.pm.trace.root.setwriter(sys.stderr.write)
            self.pm.enable_tracing()
        for module_name in core:
            module = importlib.import_module(module_name)
            self.register(module, name=module_name, kind="core")
        if autoload and not _env_flag(AUTOLOAD_ENV):
            for group in ENTRY_POINT_GROUPS:
                self.load_entry_points(group)

    # ------------------------------------------------------------------ registration

    def register(
        self,
        plugin: object,
        name: str | None = None,
        *,
        kind: str = "extension",
        distribution: str | None = None,
        version: str | None = None,
    ) -> str | None:
        """Register *plugin* (a module or object with ``@hookimpl`` functions) atomically.

        Returns the name it is registered under, or ``None`` when the name is blocked.
        Raises :class:`pluggy.PluginValidationError` (or ``ValueError`` for a duplicate name)
        after removing every trace of the failed registration -- also for a wrapper on a hook
        that does not run wrappers (:data:`UNWRAPPED_HOOKS`).
        """
        with self._lock:
            before = set(self.pm.get_plugins())
            try:
                registered = self.pm.register(plugin, name)
                if registered is None:
                    return None
                self.pm.check_pending()
                self._refuse_wrappers(plugin)
            except BaseException:
                self._forget(plugin, name, before)
                raise
            self._info[registered] = ExtensionInfo(registered, kind, distribution, version)
            return registered

    def _refuse_wrappers(self, plugin: object) -> None:
        """Raise :class:`pluggy.PluginValidationError` when *plugin* implements a hook of
        :data:`UNWRAPPED_HOOKS` as a wrapper: :meth:`_each` calls those implementations one by
        one, so a wrapper would never run (pluggy refuses wrappers on historic hooks alike)."""
        for caller in self.pm.get_hookcallers(plugin) or ():
            if caller.name not in UNWRAPPED_HOOKS:
                continue
            for impl in caller.get_hookimpls():
                if impl.plugin is plugin and (impl.wrapper or impl.hookwrapper):
                    raise pluggy.PluginValidationError(
                        plugin,
                        f"Plugin {impl.plugin_name!r}\nhook {caller.name!r}\n"
                        "does not run wrappers (wrapper=True/hookwrapper=True): fusabi-host "
                        "calls each of its implementations on its own; implement it as a "
                        "plain function",
                    )

    def _forget(self, plugin: object, name: str | None, before: set[object]) -> None:
        """Undo a half-done registration: pluggy's ``register`` is not atomic in every
        supported version, and a failed ``check_pending`` leaves the plugin registered."""
        if plugin in before:
            return
        if self.pm.is_registered(plugin):
            self.pm.unregister(plugin)
        elif name is not None and self.pm.get_plugin(name) is not None:
            self.pm.unregister(name=name)

    def unregister(self, name: str) -> None:
        """Remove a registered extension by name (no-op when absent)."""
        with self._lock:
            if self.pm.has_plugin(name):
                self.pm.unregister(name=name)
            self._info.pop(name, None)

    def load_entry_points(self, group: str) -> int:
        """Import and register every extension of an entry-point *group*; returns how many
        were registered.  Failures are recorded in :attr:`failures`, never raised."""
        count = 0
        for entry_point in sorted(_entry_points(group), key=lambda ep: ep.name):
            if self.pm.is_blocked(entry_point.name) or self.pm.has_plugin(entry_point.name):
                continue
            distribution = entry_point.dist.name if entry_point.dist else None
            version = entry_point.dist.version if entry_point.dist else None
            try:
                plugin = entry_point.load()
            except Exception as exc:
                self._fail(entry_point.name, group, distribution, "import", exc)
                continue
            if getattr(plugin, "fusabi_host_opt_in", False) and entry_point.name not in (
                self._enable
            ):
                log.debug("extension %s is opt-in and not enabled", entry_point.name)
                continue
            try:
                if self.register(
                    plugin,
                    entry_point.name,
                    kind=group,
                    distribution=distribution,
                    version=version,
                ):
                    count += 1
            except Exception as exc:
                stage = "validate" if isinstance(exc, pluggy.PluginValidationError) else "register"
                self._fail(entry_point.name, group, distribution, stage, exc)
        return count

    def _fail(
        self, name: str, kind: str, distribution: str | None, stage: str, exc: BaseException
    ) -> None:
        failure = ExtensionFailure(name, kind, distribution, stage, f"{type(exc).__name__}: {exc}")
        self.failures.append(failure)
        log.warning("%s; it is skipped", failure)

    def extensions(self) -> list[ExtensionInfo]:
        """Everything registered, core first, in registration order."""
        with self._lock:
            return [self._info[name] for name in self._info if self.pm.has_plugin(name)]

    def has_extension(self, name: str) -> bool:
        return self.pm.has_plugin(name)

    # ------------------------------------------------------------------ typed hook calls

    def load(self, request: LoadRequest) -> object | None:
        """``fusabi_load``: the first loader's compiled unit, or ``None``."""
        result: object | None = self.pm.hook.fusabi_load(request=request)
        return result

    def validate(self, manifest: Manifest, plugin_dir: Path | None) -> list[Problem]:
        """``fusabi_validate``: every validator's problems, in one list.  A validator that
        crashes is itself reported as a problem, naming it."""
        problems: list[Problem] = []
        for name, result in self._each("fusabi_validate", manifest=manifest, plugin_dir=plugin_dir):
            if isinstance(result, BaseException):
                problems.append(Problem("$", f"validator '{name}' failed: {result}"))
            elif result:
                problems.extend(result)
        return problems

    def grant(self, request: GrantRequest) -> GrantDecision:
        """``fusabi_grant``: the intersection of the request and every policy's answer.

        A policy that returns something else than :class:`Capabilities`, or raises, denies
        everything (deny wins); its name appears in the decision.
        """
        granted = request.requested
        refused: list[tuple[str, Capabilities]] = []
        for name, answer in self._each("fusabi_grant", request=request):
            allowed = answer
            if not isinstance(answer, Capabilities):
                log.error("capability policy %s failed: %r; denying everything", name, answer)
                allowed = Capabilities.none()
            narrowed = granted & allowed
            lost = granted.missing_from(narrowed)
            if lost:
                refused.append((name, lost))
            granted = narrowed
        return GrantDecision(granted, tuple(refused))

    def require_grant(self, request: GrantRequest) -> Capabilities:
        """Like :meth:`grant`, but raise :class:`CapabilityError` when a requested capability
        is refused outright (for plugins with a manifest, which must get every capability they
        declare -- possibly limited to fewer scopes, such as fewer directories)."""
        decision = self.grant(request)
        # a capability granted in narrower scopes than declared is granted (the host decides
        # which directories or hosts); one refused outright fails the load
        refused_kinds = set(request.requested) - set(decision.granted)
        if refused_kinds:
            missing = request.requested.missing_from(decision.granted)
            raise CapabilityError(
                decision.refusal_message(request.plugin, request.requested),
                capability=", ".join(missing.names()),
                plugin=request.plugin,
            )
        return decision.granted

    def call(self, call: CallContext) -> Any:
        """``fusabi_call``: run one call through the executor and its wrappers.

        When the hook has only the core executor and at most one metrics recorder (what a
        runtime has unless an extension implements the hook), the call runs through them
        directly, doing what pluggy would do without its dispatch (a third of a call's cost);
        any other implementation, or tracing, puts pluggy back on the path."""
        route = self.direct_route()
        if route is None:
            return self.pm.hook.fusabi_call(call=call)
        from fusabi_host.core import executor  # noqa: PLC0415

        if route.recorder is None:
            return executor.fusabi_call(call)
        return route.recorder.timed(call, executor.fusabi_call)

    def dispatch(self, call: CallContext) -> Any:
        """``fusabi_call`` through pluggy, with every implementation (what :meth:`call` does
        when :meth:`direct_route` is ``None``)."""
        return self.pm.hook.fusabi_call(call=call)

    def direct_route(self) -> DirectRoute | None:
        """How a call may skip pluggy's dispatch, or ``None`` when it may not: it may when
        ``fusabi_call`` has only the core executor and at most one metrics recorder (what a
        runtime has unless an extension implements the hook) and hooks are not traced.  It
        is worked out again whenever the hook's implementations change, so an extension
        registered between two calls is on the path of the second."""
        changes = self.pm.changes
        if changes == self._direct_changes:
            return self._direct
        self._direct = self._direct_route(self.pm.hook.fusabi_call.get_hookimpls())
        self._direct_changes = changes
        return self._direct

    def _direct_route(self, impls: list[Any]) -> DirectRoute | None:
        from fusabi_host.core import executor  # noqa: PLC0415
        from fusabi_host.metrics import MetricsRecorder  # noqa: PLC0415

        if self._trace or self.pm.monitored:
            return None
        executors = [impl for impl in impls if impl.plugin is executor]
        recorders = [impl.plugin for impl in impls if isinstance(impl.plugin, MetricsRecorder)]
        if len(executors) != 1 or len(executors) + len(recorders) != len(impls):
            return None
        if len(recorders) > 1:
            return None
        return DirectRoute(recorders[0] if recorders else None)

    def reload(self, phase: ReloadPhase, reload: ReloadTransaction) -> list[str]:
        """``fusabi_reload``: the veto reasons returned (only meaningful in ``PREPARE``), each
        as ``'observer': reason``.  See :meth:`reload_vetoes`."""
        return [f"'{name}': {reason}" for name, reason in self.reload_vetoes(phase, reload)]

    def reload_vetoes(self, phase: ReloadPhase, reload: ReloadTransaction) -> list[tuple[str, str]]:
        """``fusabi_reload``: ``(observer, reason)`` for each veto (only ``PREPARE`` can
        veto).  An observer that raises during ``PREPARE`` vetoes; later it is only logged."""
        vetoes: list[tuple[str, str]] = []
        for name, result in self._each("fusabi_reload", phase=phase, reload=reload):
            if phase is not ReloadPhase.PREPARE:
                continue
            if isinstance(result, BaseException):
                vetoes.append((name, f"it failed: {type(result).__name__}: {result}"))
            elif isinstance(result, str):
                vetoes.append((name, result))
        return vetoes

    def event(self, event: LifecycleEvent) -> None:
        """``fusabi_event``: deliver to every implementation; failures are logged only."""
        for _name, _result in self._each("fusabi_event", event=event):
            pass

    def create_watcher(
        self, config: WatchConfig, on_change: Callable[[WatchEvent], None]
    ) -> FileWatcher:
        """``fusabi_watcher``: the first backend that answers to ``config.backend``.

        Raises :class:`ConfigError` naming the requested backend and the installed ones when no
        implementation returns a watcher.
        """
        watcher: FileWatcher | None = self.pm.hook.fusabi_watcher(
            config=config, on_change=on_change
        )
        if watcher is None:
            requested = (
                "default watcher backend"
                if config.backend is None
                else f"watcher backend named {config.backend!r}"
            )
            available = ", ".join(self.watcher_names()) or "none"
            raise ConfigError(
                f"there is no {requested} (available backends: {available}); install the "
                "extension that provides it, or choose one of these in WatchConfig(backend=...)"
            )
        return watcher

    def watcher_names(self) -> list[str]:
        """The names of the installed watcher backends, in the order they are asked.

        A backend's name is its extension's ``fusabi_watcher_name`` attribute when it has one
        (the core module says ``"watchdog"``), otherwise its registered (entry-point) name.
        """
        caller: pluggy.HookCaller = self.pm.hook.fusabi_watcher
        names: list[str] = []
        for impl in reversed(caller.get_hookimpls()):
            name = getattr(impl.plugin, "fusabi_watcher_name", None)
            names.append(name if isinstance(name, str) else impl.plugin_name)
        return names

    def _each(self, hook_name: str, **kwargs: Any) -> Iterator[tuple[str, Any]]:
        """Call each implementation of an aggregating hook separately, in pluggy's order,
        so one failure neither hides the others nor loses who caused it.

        :meth:`register` refuses wrappers on these hooks; one registered on :attr:`pm`
        directly, around this class, is skipped with an error logged.
        """
        caller: pluggy.HookCaller = getattr(self.pm.hook, hook_name)
        for impl in reversed(caller.get_hookimpls()):
            if impl.hookwrapper or impl.wrapper:
                log.error(
                    "%s implementation %r is a wrapper, which this hook does not run; "
                    "register extensions through HostPluginManager.register",
                    hook_name,
                    impl.plugin_name,
                )
                continue
            args = {arg: kwargs[arg] for arg in impl.argnames}
            if self._trace:
                sys.stderr.write(f"  {hook_name} [{impl.plugin_name}] {args}\n")
            try:
                result = impl.function(**args)
            except Exception as exc:
                log.exception("%s implementation %r raised", hook_name, impl.plugin_name)
                result = exc
            if self._trace:
                sys.stderr.write(f"  finish {hook_name} [{impl.plugin_name}] --> {result!r}\n")
            yield impl.plugin_name, result


def _entry_points(group: str) -> Iterable[importlib.metadata.EntryPoint]:
    """Entry points of *group*, each distribution once (duplicate ``sys.path`` entries can
    list a distribution twice)."""
    seen: set[tuple[str | None, str]] = set()
    for entry_point in importlib.metadata.entry_points(group=group):
        key = (entry_point.dist.name if entry_point.dist else None, entry_point.name)
        if key not in seen:
            seen.add(key)
            yield entry_point


def describe_hooks(manager: HostPluginManager) -> dict[str, list[str]]:
    """For each hook, the names of its implementations in call order (for the CLI)."""
    out: dict[str, list[str]] = {}
    for name in HOOK_NAMES:
        caller: pluggy.HookCaller = getattr(manager.pm.hook, name)
        out[name] = [impl.plugin_name for impl in reversed(caller.get_hookimpls())]
    return out
