"""The reload transaction: a new version is built beside the old one and swapped in only whole.

:func:`reload_plugin` runs these steps for one plugin, in this order:

1. **read** the manifest again (or the bare script), **validate** it, **grant** its
   capabilities and **compile** its code -- the same hooks as a first load;
2. **check** the dependencies: the new version's own, and the version ranges of the loaded
   plugins that depend on it (a reload that would break a dependent is refused);
3. **instantiate** the new version (its top level runs) and, when the plugin is running, run
   its ``init`` export;
4. ask the ``fusabi_reload`` observers (``PREPARE``); any of them may veto
   (:class:`~fusabi_host.errors.ReloadVetoed`);
5. under the plugin's lock: the optional **state hand-off** (the old version's ``saveState``
   to the new version's ``restoreState``, see :mod:`fusabi_host.handoff`) and the **swap**;
6. ``cleanup`` of the old version, which is then closed (functions of it that the host still
   holds raise :class:`~fusabi_host.errors.InvalidState`); ``COMMIT``; a ``reloaded`` event.

Steps 1-4 run *outside* the plugin's lock: calls go on, on the old version, while the new one
compiles and initialises.  Callers wait only for step 5, which takes the time of the hand-off
(nothing without one) and of the swap itself.  A call in flight finishes on the instance it
started on; the next one runs on the new instance.

Any failure -- a parse error, a refused capability, a failing top level or ``init``, a veto, a
state that cannot be handed over -- rolls back: the new instance (if any) is cleaned up and
dropped, observers see ``ROLLBACK``, an ``error`` event carries the diagnostic (with
``file``, ``line`` and ``column`` for compile errors), the error is raised, and the old version
keeps serving as if nothing had happened.  Reloads of one plugin run one at a time.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fusabi_host.engine import Instance
from fusabi_host.errors import (
    CompileError,
    FusabiError,
    InvalidState,
    ManifestError,
    Problem,
    ReloadVetoed,
)
from fusabi_host.handoff import RESTORE_EXPORT, SAVE_EXPORT, carry_state
from fusabi_host.hooktypes import ReloadPhase, ReloadTransaction
from fusabi_host.lifecycle import LifecycleState
from fusabi_host.manifest import Manifest
from fusabi_host.plugin import CLEANUP_EXPORT, INIT_EXPORT, LoadedCode, PluginHandle

if TYPE_CHECKING:
    from fusabi_host.loader import PluginLoader

__all__ = ["ReloadCheck", "error_details", "reload_plugin"]

ReloadCheck = Callable[[PluginHandle, LoadedCode], None]
"""Called with the plugin and its prepared new version before it is instantiated; raises (a
:class:`~fusabi_host.errors.DependencyError`, say) to refuse the reload."""


def reload_plugin(
    loader: PluginLoader,
    handle: PluginHandle,
    *,
    trigger: str = "manual",
    paths: Sequence[Path] = (),
    check: ReloadCheck | None = None,
) -> PluginHandle:
    """Reload *handle* from disk as one transaction (see the module documentation); returns
    the handle, which keeps its identity.  Raises what made the reload fail."""
    with handle.reloading():
        return _Reload(loader, handle, trigger, tuple(paths), check).run()


def error_details(error: FusabiError) -> dict[str, Any]:
    """The facts of an error for an ``error`` event: its text, and for a compile error the
    place of its first diagnostic (``file``, ``line``, ``column``)."""
    details: dict[str, Any] = {"error": str(error), "error_type": type(error).__name__}
    if isinstance(error, CompileError) and error.diagnostics:
        first = error.diagnostics[0]
        details.update(file=first.filename, line=first.line, column=first.column)
    elif isinstance(error, ManifestError) and error.source is not None:
        details.update(file=str(error.source))
    return details


class _Reload:
    """One reload of one plugin: the steps of the module documentation."""

    def __init__(
        self,
        loader: PluginLoader,
        handle: PluginHandle,
        trigger: str,
        paths: tuple[Path, ...],
        check: ReloadCheck | None,
    ) -> None:
        self.loader = loader
        self.handle = handle
        self.check = check
        self.transaction = ReloadTransaction(plugin=handle.name, trigger=trigger, paths=paths)
        self.old_code = handle.code
        self.previous = handle.state
        self.new_instance: Instance | None = None
        self.new_initialised = False

    def run(self) -> PluginHandle:
        handle, manager = self.handle, self.loader.manager
        if self.previous is LifecycleState.UNLOADED:
            raise InvalidState(handle.name, "reload", self.previous, "not unloaded")
        try:
            code = self._prepare()
            if self.check is not None:
                self.check(handle, code)
            self._instantiate(code)
            vetoes = manager.reload_vetoes(ReloadPhase.PREPARE, self.transaction)
            if vetoes:
                hook, reason = vetoes[0]
                others = "".join(f"; also '{h}': {r}" for h, r in vetoes[1:])
                raise ReloadVetoed(handle.name, hook, reason + others)
            old_instance = self._swap(code)
        except FusabiError as exc:
            self._roll_back(exc)
            raise
        self._retire(old_instance)
        manager.reload(ReloadPhase.COMMIT, self.transaction)
        details: dict[str, Any] = {
            "reload_count": handle.reload_count,
            "version": handle.version,
            "trigger": self.transaction.trigger,
        }
        if self.transaction.paths:
            details["paths"] = [str(p) for p in self.transaction.paths]
        self.loader.events.emit(handle.name, "reloaded", **details)
        return handle

    # ------------------------------------------------------------------ steps

    def _prepare(self) -> LoadedCode:
        """Step 1: read, validate, grant and compile the new version."""
        old = self.old_code
        if old.manifest_path is not None:
            manifest = Manifest.from_file(old.manifest_path)
            self.transaction.manifest = manifest
            code = self.loader.prepare_manifest(manifest, old.manifest_path)
        else:
            code = self.loader.prepare_script(old.entry, old.kind)
        if code.name != self.handle.name:
            raise ManifestError(
                [
                    Problem(
                        "$.name",
                        f"a reload cannot rename plugin '{self.handle.name}' to '{code.name}' "
                        "(unload it and load the new name instead)",
                    )
                ],
                old.manifest_path,
            )
        return code

    def _instantiate(self, code: LoadedCode) -> None:
        """Step 3: the new instance, initialised as the old one is (never for a plugin that
        was only created)."""
        if self.previous is LifecycleState.CREATED:
            return
        self.new_instance = self.loader.instantiate(code, self.handle)
        if self.previous is LifecycleState.RUNNING and self.new_instance.has(INIT_EXPORT):
            self.new_initialised = True
            self.new_instance.call(INIT_EXPORT)

    def _swap(self, code: LoadedCode) -> Instance | None:
        """Step 5: hand the state over and swap, under the plugin's lock."""
        handle, new = self.handle, self.new_instance
        with handle.locked():
            if handle.state is not self.previous or handle.code is not self.old_code:
                raise InvalidState(
                    handle.name,
                    "finish reloading",
                    handle.state,
                    f"the state it had when the reload started ({self.previous})",
                )
            old = handle.instance
            if new is not None and old is not None:
                self._hand_over(old, new)
            target = self.previous
            if target is LifecycleState.FAILED and new is not None:
                target = LifecycleState.INITIALIZED
            return handle.swap(code, new, target)

    def _hand_over(self, old: Instance, new: Instance) -> None:
        """The state hand-off, when the old version exports ``saveState`` and the new one
        ``restoreState``."""
        if not (old.has(SAVE_EXPORT) and new.has(RESTORE_EXPORT)):
            return
        saved = old.call_fusabi(SAVE_EXPORT)
        restore = new.unit.signature(RESTORE_EXPORT)
        expected = restore.shapes[0] if restore is not None and restore.shapes else None
        with new.run_limits.guard(new.name, RESTORE_EXPORT):
            carried = carry_state(saved, new.unit.program.tags, new.name, expected)
        new.call_fusabi(RESTORE_EXPORT, carried)

    def _retire(self, old: Instance | None) -> None:
        """Step 6: the old version's ``cleanup`` (when it was running), then it is closed."""
        if old is None:
            return
        if self.previous is LifecycleState.RUNNING and old.has(CLEANUP_EXPORT):
            try:
                old.call(CLEANUP_EXPORT)
            except FusabiError as exc:
                self.loader.events.emit(
                    self.handle.name, "error", stage="cleanup", **error_details(exc)
                )
        old.close()

    def _roll_back(self, error: FusabiError) -> None:
        """Drop the new version (after its ``cleanup``, if its ``init`` ran), tell the
        observers and emit the ``error`` event; the old version is untouched."""
        new = self.new_instance
        if new is not None:
            if self.new_initialised and new.has(CLEANUP_EXPORT):
                with contextlib.suppress(FusabiError):  # the reload's error is the one to report
                    new.call(CLEANUP_EXPORT)
            new.close()
        self.transaction.error = str(error)
        self.handle.record_error("reload", error)
        self.loader.manager.reload(ReloadPhase.ROLLBACK, self.transaction)
        self.loader.events.emit(
            self.handle.name,
            "error",
            stage="reload",
            trigger=self.transaction.trigger,
            **error_details(error),
        )
