"""Build throw-away third-party distributions on disk: a ``*.dist-info`` folder with an
``entry_points.txt`` and a module, on ``sys.path`` -- exactly what ``pip install`` leaves."""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

import pytest


def install_distribution(
    monkeypatch: pytest.MonkeyPatch,
    root: Path,
    *,
    dist_name: str,
    entry_points: dict[str, dict[str, str]],
    modules: dict[str, str],
    version: str = "1.0.0",
) -> None:
    """Write *modules* and a dist-info declaring *entry_points* (group -> name -> target)
    under *root*, and put *root* on ``sys.path`` for the rest of the test."""
    root.mkdir(parents=True, exist_ok=True)
    for module_name, source in modules.items():
        (root / f"{module_name}.py").write_text(textwrap.dedent(source), encoding="utf-8")
    info = root / f"{dist_name.replace('-', '_')}-{version}.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: {dist_name}\nVersion: {version}\n", encoding="utf-8"
    )
    lines = []
    for group, entries in entry_points.items():
        lines.append(f"[{group}]")
        lines.extend(f"{name} = {target}" for name, target in entries.items())
    (info / "entry_points.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(root))
    for module_name in modules:
        monkeypatch.delitem(sys.modules, module_name, raising=False)
