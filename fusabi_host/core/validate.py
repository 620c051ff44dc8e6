"""The core manifest validator: entry files must exist and be what they claim to be.

The manifest schema (types, names, confined paths) is checked when a manifest is read; this
``fusabi_validate`` implementation adds the checks that need the plugin directory, so that a
missing or mislabelled entry file is reported with the manifest's other problems, before
anything is granted or compiled.
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

from fusabi_host.errors import Problem
from fusabi_host.hookspecs import hookimpl
from fusabi_host.manifest import Manifest

__all__ = ["BYTECODE_MAGIC", "fusabi_validate"]

BYTECODE_MAGIC: Final = b"FZB\x01"
"""The first four bytes of every Fusabi bytecode file."""


@hookimpl
def fusabi_validate(manifest: Manifest, plugin_dir: Path | None) -> list[Problem]:
    """Report entry files that are missing, not regular files, or not bytecode."""
    if plugin_dir is None:
        return []
    problems: list[Problem] = []
    for key, entry in (("source", manifest.source), ("bytecode", manifest.bytecode)):
        if entry is None:
            continue
        path = plugin_dir / entry
        if not path.exists():
            problems.append(Problem(f"$.{key}", f"file '{entry}' does not exist in {plugin_dir}"))
        elif not path.is_file():
            problems.append(Problem(f"$.{key}", f"'{entry}' is not a regular file"))
        elif key == "bytecode" and not _has_magic(path):
            problems.append(
                Problem(f"$.{key}", f"'{entry}' is not Fusabi bytecode (no FZB\\x01 header)")
            )
    return problems


def _has_magic(path: Path) -> bool:
    """Does *path* start with :data:`BYTECODE_MAGIC`?  (Unreadable files do not.)"""
    try:
        with path.open("rb") as handle:
            return handle.read(4) == BYTECODE_MAGIC
    except OSError:
        return False
