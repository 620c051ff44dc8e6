"""One loaded plugin: its code, its running instance, its lifecycle state and its counters.

A :class:`PluginHandle` is what the loader returns and the registry keeps.  It owns the
plugin's lifecycle (``initialize`` runs the top level, ``start`` runs the ``init`` export,
``stop`` runs ``cleanup``, ``unload`` drops everything) and performs calls -- always through the
``fusabi_call`` hook, so wrappers see every call.

Threading rule: each plugin has one lock.  Calls into the same plugin run one at a time (plugin
state such as ``let mutable`` is never touched by two threads at once); different plugins run in
parallel.  Lifecycle changes take the same lock, so a plugin is never stopped in the middle of a
call.  Reading ``state`` or ``info()`` never waits for a call to finish.
"""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import attrs
import semver

from fusabi_host.capabilities import Capabilities
from fusabi_host.engine import CompiledUnit, Instance
from fusabi_host.errors import FunctionNotFound, FusabiError, InvalidState
from fusabi_host.hooktypes import CallContext, EntryKind
from fusabi_host.lifecycle import LifecycleState, StateTally
from fusabi_host.manifest import Manifest

if TYPE_CHECKING:
    from fusabi_host.events import EventBus
    from fusabi_host.manager import HostPluginManager
    from fusabi_host.metrics import FunctionRecord, MetricsRecorder

__all__ = ["LoadedCode", "PluginHandle", "PluginInfo"]

_ids = itertools.count(1)
_lock_ids = threading.Lock()

INIT_EXPORT = "init"
CLEANUP_EXPORT = "cleanup"


@attrs.frozen(kw_only=True)
class LoadedCode:
    """Everything one version of a plugin was built from (replaced as a whole on reload)."""

    name: str
    version: semver.Version
    entry: Path
    kind: EntryKind
    plugin_dir: Path
    unit: CompiledUnit
    grant: Capabilities
    manifest: Manifest | None = None
    manifest_path: Path | None = None

    @property
    def exports(self) -> tuple[str, ...]:
        """The callable names: the manifest's ``exports``, or every top-level binding."""
        if self.manifest is not None and self.manifest.exports:
            return self.manifest.exports
        return self.unit.bindings


class PluginInfo(NamedTuple):
    """A snapshot of a plugin's identity and counters (see :meth:`PluginHandle.info`).

    * ``id`` -- unique in this process, never reused.
    * ``loaded_at`` / ``last_reload`` -- seconds since the epoch.
    * ``invocation_count`` -- calls made through :meth:`PluginHandle.call` and bound functions,
      each counted once, failed ones included.
    * ``error`` -- the last lifecycle error (a failed ``init``, reload or ``cleanup``).

    A named tuple, so it is immutable, hashable, compared field by field, and ``_asdict()``
    gives its fields as a dict.  The fields that come from the plugin's code come first and
    its state and counters last: a host that polls ``registry.infos()`` of a thousand busy
    plugins gets a thousand new snapshots, and each is built as one tuple, from the part kept
    for the code plus the five that change (see :meth:`PluginHandle.info`).
    """

    id: int
    name: str
    version: str
    manifest_path: Path | None
    entry_path: Path
    kind: str
    loaded_at: float
    exports: tuple[str, ...]
    capabilities: tuple[str, ...]
    tags: tuple[str, ...]
    state: LifecycleState
    invocation_count: int
    reload_count: int
    last_reload: float | None
    error: str | None


_new_tuple = tuple.__new__


class PluginHandle:
    """A loaded plugin.  Get one from :class:`~fusabi_host.PluginLoader` or
    :class:`~fusabi_host.PluginRuntime`; call its exports with :meth:`call` or
    :meth:`function`."""

    __slots__ = (
        "__weakref__",
        "_bound",
        "_code",
        "_error",
        "_events",
        "_identity",
        "_identity_code",
        "_instance",
        "_instantiate",
        "_last_info",
        "_lock",
        "_manager",
        "_reload_lock",
        "_state",
        "_state_lock",
        "_tally",
        "id",
        "invocation_count",
        "last_reload",
        "loaded_at",
        "reload_count",
        "reloader",
    )

    def __init__(
        self,
        code: LoadedCode,
        *,
        manager: HostPluginManager,
        events: EventBus,
        instantiate: Callable[[LoadedCode, PluginHandle], Instance],
    ) -> None:
        with _lock_ids:
            self.id = next(_ids)
        self._code = code
        self._manager = manager
        self._events = events
        self._instantiate = instantiate
        self._instance: Instance | None = None
        self._state = LifecycleState.CREATED
        self._state_lock = threading.Lock()  # (state moves and the tally they are counted in)
        self._tally: StateTally | None = None
        self._error: str | None = None
        self._lock = threading.RLock()
        self._reload_lock = threading.Lock()
        self._bound: dict[str, Callable[..., Any]] = {}  # (see function)
        self._last_info: PluginInfo | None = None  # (see info)
        self._identity: tuple[Any, ...] = ()  # (the fields of a snapshot that come from...
        self._identity_code: LoadedCode | None = None  # (...this code: see info)
        self.loaded_at = time.time()
        self.last_reload: float | None = None
        self.reload_count = 0
        self.invocation_count = 0
        self.reloader: Callable[[PluginHandle], PluginHandle] | None = None
        events.emit(code.name, "created", version=str(code.version), entry=str(code.entry))

    # ------------------------------------------------------------------ identity

    @property
    def name(self) -> str:
        return self._code.name

    @property
    def version(self) -> str:
        return str(self._code.version)

    @property
    def state(self) -> LifecycleState:
        return self._state

    @property
    def manifest(self) -> Manifest | None:
        return self._code.manifest

    @property
    def code(self) -> LoadedCode:
        return self._code

    @property
    def exports(self) -> tuple[str, ...]:
        return self._code.exports

    @property
    def capabilities(self) -> Capabilities:
        """What this plugin was granted."""
        return self._code.grant

    @property
    def tags(self) -> tuple[str, ...]:
        manifest = self._code.manifest
        return manifest.tags if manifest is not None else ()

    @property
    def error(self) -> str | None:
        return self._error

    def has_export(self, name: str) -> bool:
        return name in self._code.exports

    def info(self) -> PluginInfo:
        """A snapshot of the plugin's identity and counters.  While nothing changed since the
        last snapshot (an idle plugin), that same snapshot is returned."""
        code, state, calls, error = self._code, self._state, self.invocation_count, self._error
        reloads = self.reload_count
        seen = self._last_info
        if seen is not None and self._identity_code is code:
            if (
                seen.state is state
                and seen.invocation_count == calls
                and seen.error == error
                and seen.reload_count == reloads
            ):
                return seen
            identity = self._identity
        else:
            identity = (
                self.id,
                code.name,
                str(code.version),
                code.manifest_path,
                code.entry,
                code.kind.value,
                self.loaded_at,
                code.exports,
                code.grant.names(),
                self.tags,
            )
            self._identity, self._identity_code = identity, code
        info: PluginInfo = _new_tuple(
            PluginInfo, (*identity, state, calls, reloads, self.last_reload, error)
        )
        self._last_info = info
        return info

    def __repr__(self) -> str:
        return f"<PluginHandle {self.name} {self.version} {self._state}>"

    # ------------------------------------------------------------------ lifecycle

    def _enter_state(self, state: LifecycleState) -> None:
        with self._state_lock:
            old, self._state = self._state, state
            if self._tally is not None:
                self._tally.moved(old, state)

    def attach_tally(self, tally: StateTally | None) -> None:
        """Count this plugin in *tally* from now on (``None``: in none); a registry attaches
        its tally when the plugin is registered and detaches it when it is removed."""
        with self._state_lock:
            if self._tally is not None:
                self._tally.remove(self._state)
            self._tally = tally
            if tally is not None:
                tally.add(self._state)

    def _move(self, target: LifecycleState, operation: str, expected: str) -> None:
        if not self._state.can_move_to(target):
            raise InvalidState(self.name, operation, self._state, expected)

    def _fail(self, stage: str, error: BaseException) -> None:
        self._enter_state(LifecycleState.FAILED)
        self._error = f"{stage} failed: {error}"
        self._events.emit(self.name, "error", stage=stage, error=str(error))

    def initialize(self) -> None:
        """Created/Stopped/Failed -> Initialized: run the plugin's top level in a fresh
        instance.  On failure the plugin is ``Failed`` and the error is raised."""
        with self._lock:
            self._move(LifecycleState.INITIALIZED, "initialize", "created, stopped or failed")
            try:
                instance = self._instantiate(self._code, self)
            except FusabiError as exc:
                self._fail("initialize", exc)
                raise
            self._instance = instance
            self._enter_state(LifecycleState.INITIALIZED)
            self._error = None
            self._events.emit(self.name, "initialized")

    def start(self) -> None:
        """Initialized/Stopped -> Running, running the ``init`` export (with ``()``) when there
        is one.  A failing ``init`` leaves the plugin ``Failed`` and raises."""
        with self._lock:
            if self._state is LifecycleState.CREATED or self._state is LifecycleState.FAILED:
                self.initialize()
            if self._state is LifecycleState.RUNNING:
                raise InvalidState(self.name, "start", self._state, "initialized or stopped")
            self._move(LifecycleState.RUNNING, "start", "initialized or stopped")
            try:
                self._run_hook_export(INIT_EXPORT)
            except FusabiError as exc:
                self._fail("init", exc)
                raise
            self._enter_state(LifecycleState.RUNNING)
            self._error = None
            self._events.emit(self.name, "started")

    def stop(self) -> None:
        """Running -> Stopped, running the ``cleanup`` export.  A failing ``cleanup`` is
        reported as an ``error`` event; the plugin is stopped anyway."""
        with self._lock:
            if self._state is not LifecycleState.RUNNING:
                raise InvalidState(self.name, "stop", self._state, "running")
            self._cleanup_quietly()
            self._enter_state(LifecycleState.STOPPED)
            self._events.emit(self.name, "stopped")

    def unload(self) -> None:
        """Any state -> Unloaded (final): ``cleanup`` if running, then the instance is
        dropped: plugin functions the host still holds raise
        :class:`~fusabi_host.errors.InvalidState` from then on.  Unloading twice does
        nothing."""
        with self._lock:
            if self._state.is_terminal:
                return
            if self._state is LifecycleState.RUNNING:
                self._cleanup_quietly()
            if self._instance is not None:
                self._instance.close()  # functions the host kept die with the plugin
            self._instance = None
            self._enter_state(LifecycleState.UNLOADED)
            self._events.emit(self.name, "unloaded")

    def _cleanup_quietly(self) -> None:
        try:
            self._run_hook_export(CLEANUP_EXPORT)
        except FusabiError as exc:
            self._error = f"cleanup failed: {exc}"
            self._events.emit(self.name, "error", stage="cleanup", error=str(exc))

    def _run_hook_export(self, name: str) -> None:
        instance = self._instance
        if instance is None or not instance.has(name):
            return
        instance.call(name)

    # ------------------------------------------------------------------ reload support

    @property
    def instance(self) -> Instance | None:
        """The running instance (``None`` before ``initialize`` and after ``unload``)."""
        return self._instance

    def swap(
        self, code: LoadedCode, instance: Instance | None, state: LifecycleState
    ) -> Instance | None:
        """Replace code, instance and state in one step -- the commit of a reload -- and
        return the old instance (its owner cleans it up and closes it).

        The swap takes the plugin's lock, so it waits for a call in flight to finish and the
        next call runs on the new instance; it takes microseconds.  ``instance`` is ``None``
        only for a plugin that was never initialised.
        """
        with self._lock:
            if self._state.is_terminal:
                raise InvalidState(self.name, "swap the code of", self._state, "not unloaded")
            old = self._instance
            self._code = code
            self._instance = instance
            self._enter_state(state)
            self._error = None
            self.reload_count += 1
            self.last_reload = time.time()
            return old

    def record_error(self, stage: str, error: BaseException) -> None:
        """Remember a failure that left the plugin as it was (a refused reload, a failed
        ``cleanup``): :attr:`error` and :meth:`info` show it until the next success."""
        self._error = f"{stage} failed: {error}"

    def locked(self) -> threading.RLock:
        """The plugin's lock (held during calls and lifecycle changes)."""
        return self._lock

    def reloading(self) -> threading.Lock:
        """The lock that makes reloads of this plugin run one at a time (calls do not take
        it, so they go on while a reload compiles)."""
        return self._reload_lock

    def reload(self) -> PluginHandle:
        """Reload from disk through the loader that loaded this plugin (see
        :meth:`PluginLoader.reload`)."""
        if self.reloader is None:
            raise InvalidState(self.name, "reload", self._state, "a plugin loaded by a loader")
        return self.reloader(self)

    # ------------------------------------------------------------------ calls

    def call(self, function: str, *args: Any) -> Any:
        """Call the export *function* with Python arguments, exactly as many as it takes (a
        function of ``unit`` takes none), each checked against its parameter's type; returns
        the result as a Python value.  :meth:`partial` applies fewer.

        Raises :class:`InvalidState` unless the plugin is running,
        :class:`FunctionNotFound` for names it does not export,
        :class:`~fusabi_host.ArityMismatch` for the wrong number of arguments,
        :class:`~fusabi_host.ConversionError` for an argument of the wrong type, and
        :class:`~fusabi_host.FusabiRuntimeError` (or another FusabiError) when its code fails.
        """
        return self.function(function)(*args)

    def signature(self, name: str) -> str | None:
        """The F# signature of export *name* (``discount : Order -> float``); ``None`` for a
        plugin loaded with ``type_check="warn"`` that did not type-check."""
        if not self.has_export(name):
            raise FunctionNotFound(self.name, name, self.exports)
        found = self._code.unit.signature(name)
        return found.text if found is not None else None

    def partial(self, name: str, *args: Any) -> Any:
        """Export *name* applied to its first arguments *args*: a Python callable taking the
        rest (partial application, asked for explicitly)."""
        if not self.has_export(name):
            raise FunctionNotFound(self.name, name, self.exports)
        instance = self._instance
        if instance is None or not self._state.can_call:
            raise InvalidState(self.name, f"call '{name}' of", self._state, "running")
        with self._lock:
            return instance.partial(name, *args)

    def function(self, name: str) -> Callable[..., Any]:
        """A bound callable for the export *name* (one per export, kept by the handle): each
        call checks the state, counts, and goes through the ``fusabi_call`` hook; it keeps
        working across reloads, and raises :class:`FunctionNotFound` once a reload has
        removed the export."""
        found = self._bound.get(name)
        if found is not None:
            return found
        if not self.has_export(name):
            raise FunctionNotFound(self.name, name, self.exports)
        found = self._bound.setdefault(name, _BoundFunction(self, name).call)
        return found


class _BoundFunction:
    """The callable :meth:`PluginHandle.function` returns, and what it works out once per
    instance of the plugin rather than once per call: the instance's invoker for the
    export, the metrics record the call is counted in, and the target a ``fusabi_call``
    wrapper calls.  It runs the call with the plugin's lock held."""

    __slots__ = ("call", "handle", "instance", "invoke", "name", "record", "recorder", "target")

    def __init__(self, handle: PluginHandle, name: str) -> None:
        self.handle = handle
        self.name = name
        self.instance: Instance | None = None
        self.invoke: Callable[[tuple[Any, ...]], Any] = _not_ready
        self.target: Callable[..., Any] = _not_ready
        self.recorder: MetricsRecorder | None = None
        self.record: FunctionRecord | None = None
        manager = handle._manager
        lock = handle._lock
        running = LifecycleState.RUNNING
        perf_counter = time.perf_counter

        def call(*args: Any) -> Any:
            with lock:
                state, instance = handle._state, handle._instance
                if state is not running or instance is None:
                    raise InvalidState(handle.name, f"call '{name}' of", state, "running")
                handle.invocation_count += 1
                if instance is not self.instance:
                    self.prepare(instance)
                route = manager.direct_route()
                if route is None:
                    context = CallContext(
                        plugin=handle.name, function=name, args=args, target=self.target
                    )
                    return manager.dispatch(context)
                recorder = route.recorder
                if recorder is None:
                    return self.invoke(args)
                if recorder is not self.recorder:
                    self.recorder = recorder
                    self.record = recorder.function_record(handle.name, name)
                record = self.record
                assert record is not None
                started = perf_counter()
                failed = True
                try:
                    result = self.invoke(args)
                    failed = False
                    return result
                finally:
                    record.add(perf_counter() - started, failed)

        call.__name__ = name
        call.__qualname__ = f"{handle.name}.{name}"
        self.call = call

    def prepare(self, instance: Instance) -> None:
        """Work out the call of a new instance (the first call, and the first after a
        reload, which may have removed the export)."""
        handle, name = self.handle, self.name
        if not handle.has_export(name):
            raise FunctionNotFound(handle.name, name, handle.exports)
        invoke = instance.invoker(name)

        def target(*args: Any) -> Any:
            state, current = handle._state, handle._instance
            if current is not instance or state is not LifecycleState.RUNNING:
                raise InvalidState(handle.name, f"call '{name}' of", state, "running")
            return invoke(args)

        self.instance, self.invoke, self.target = instance, invoke, target


def _not_ready(*args: Any) -> Any:  # pragma: no cover - replaced before any call
    raise AssertionError("a bound function was called before it was prepared")
