"""Finding plugins on disk: the ``plugin_dirs`` and ``discover_patterns`` of a runtime.

Each plugin is found once: a manifest claims its whole directory (its entry file and any
scripts beside or below it are not separate plugins), and a bare script is a plugin of its own
only when no manifest covers it (``name.fsx`` wins over ``name.fzb`` in the same folder).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import attrs

__all__ = ["Candidate", "find_plugins"]

MANIFEST_SUFFIXES = (".toml", ".json")
SCRIPT_SUFFIXES = (".fsx", ".fzb")


@attrs.frozen
class Candidate:
    """A plugin found on disk: a manifest, or a bare script."""

    path: Path

    @property
    def is_manifest(self) -> bool:
        return self.path.suffix.lower() in MANIFEST_SUFFIXES


def find_plugins(
    dirs: Iterable[Path], patterns: Iterable[str]
) -> tuple[list[Candidate], list[Path]]:
    """The plugins under *dirs* matching *patterns*, and the directories that do not exist."""
    missing: list[Path] = []
    matched: dict[Path, None] = {}
    for directory in dirs:
        if not directory.is_dir():
            missing.append(directory)
            continue
        for pattern in patterns:
            for path in sorted(directory.glob(pattern)):
                if path.is_file():
                    # the folder resolved, so that overlapping dirs ("plugins" and
                    # "plugins/x/..") or a linked plugin folder find a plugin once, and a
                    # manifest claims its folder whatever way it was reached; the file name
                    # stays (a linked script keeps its own name)
                    matched.setdefault(path.parent.resolve() / path.name, None)
    manifests = [p for p in matched if p.suffix.lower() in MANIFEST_SUFFIXES]
    claimed = {m.parent for m in manifests}
    scripts: dict[tuple[Path, str], Path] = {}
    for path in matched:
        if path.suffix.lower() not in SCRIPT_SUFFIXES:
            continue
        if any(parent in claimed for parent in (path.parent, *path.parents)):
            continue
        key = (path.parent, path.stem)
        if key not in scripts or path.suffix.lower() == ".fsx":
            scripts[key] = path
    found = [Candidate(p) for p in manifests] + [Candidate(p) for p in scripts.values()]
    return found, missing
