"""Plugin dependencies: checking them against what is loaded, and ordering a batch of loads.

A manifest's ``[[dependencies]]`` name other plugins with an npm-style version range.  A
required dependency must be loaded (and not failed or unloaded) at a version inside the range,
or the load fails with :class:`~fusabi_host.DependencyError` naming both sides; a missing
optional one produces a warning.  :func:`load_order` sorts manifests so that dependencies load
first and reports cycles.
"""

from __future__ import annotations

import graphlib
from collections.abc import Callable, Mapping

from fusabi_host.errors import DependencyError
from fusabi_host.lifecycle import LifecycleState
from fusabi_host.manifest import Manifest

__all__ = ["check_dependencies", "check_dependents", "load_order"]

UNUSABLE = (LifecycleState.UNLOADED, LifecycleState.FAILED)


def check_dependencies(
    manifest: Manifest, loaded_version: Callable[[str], tuple[str, LifecycleState] | None]
) -> list[str]:
    """Check *manifest*'s dependencies; *loaded_version* gives a loaded plugin's version and
    state by name (``None`` if not loaded).  Returns warnings for missing optional ones."""
    warnings: list[str] = []
    for dependency in manifest.dependencies:
        found = loaded_version(dependency.name)
        if found is None or found[1] in UNUSABLE:
            why = "is not loaded" if found is None else f"is {found[1]}"
            verb = "can use (optional)" if dependency.optional else "requires"
            message = (
                f"plugin '{manifest.name}' {verb} '{dependency.name}' {dependency.version}, "
                f"which {why}"
            )
            if dependency.optional:
                warnings.append(message)
                continue
            raise DependencyError(message)
        version, _state = found
        if not dependency.version.contains(version):
            raise DependencyError(
                f"plugin '{manifest.name}' requires '{dependency.name}' {dependency.version}, "
                f"but '{dependency.name}' {version} is loaded"
            )
    return warnings


def check_dependents(
    name: str, version: str, current: str, dependents: Mapping[str, Manifest]
) -> None:
    """Refuse moving plugin *name* from version *current* to *version* when one of
    *dependents* (loaded plugins by name, each with the manifest that counts for it) requires
    *name* in a range *version* is outside (:class:`DependencyError` naming the dependent)."""
    for other, manifest in dependents.items():
        for dependency in manifest.dependencies:
            if dependency.name == name and not dependency.version.contains(version):
                raise DependencyError(
                    f"reloading '{name}' as version {version} would break '{other}', which "
                    f"requires '{name}' {dependency.version} (version {current} keeps serving; "
                    f"update '{other}' in the same change to move both)"
                )


def load_order(manifests: Mapping[str, Manifest]) -> list[str]:
    """Names of *manifests* with every plugin after the ones it depends on (dependencies
    outside the batch are ignored here).  A cycle raises :class:`DependencyError` showing it
    (``a -> b -> a``)."""
    sorter: graphlib.TopologicalSorter[str] = graphlib.TopologicalSorter()
    for name in sorted(manifests):
        needs = sorted({d.name for d in manifests[name].dependencies if d.name in manifests})
        sorter.add(name, *needs)
    try:
        return list(sorter.static_order())
    except graphlib.CycleError as exc:
        cycle = list(reversed(exc.args[1]))
        raise DependencyError("dependency cycle: " + " -> ".join(cycle)) from None
