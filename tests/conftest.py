"""Shared fixtures: real plugin directories on disk, and the shared test data when present."""

from __future__ import annotations

import os
import tempfile
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"

# The compile cache of a test run (and of the processes it starts) is its own, never the
# user's: every compile of the suite goes through it.
os.environ["FUSABI_HOST_CACHE_DIR"] = tempfile.mkdtemp(prefix="fusabi-test-cache-")


def shared_dir(*parts: str) -> Path:
    """A folder of ../shared, or skip the test when the shared data is not there."""
    path = SHARED.joinpath(*parts)
    if not path.is_dir():
        pytest.skip(f"shared test data not available at {path}")
    return path


MANIFEST = """\
name = "{name}"
version = "1.0.0"
api-version = "0.18.0"
source = "main.fsx"
"""


@pytest.fixture
def make_plugin(tmp_path: Path) -> Callable[..., Path]:
    """Write a plugin directory: ``make_plugin("name", manifest=..., files={...})``."""

    def make(
        name: str = "demo",
        manifest: str | None = None,
        files: dict[str, str] | None = None,
        code: str = "let answer () = 42\n",
    ) -> Path:
        directory = tmp_path / name
        directory.mkdir(parents=True, exist_ok=True)
        text = MANIFEST.format(name=name) if manifest is None else textwrap.dedent(manifest)
        (directory / "plugin.toml").write_text(text, encoding="utf-8")
        all_files = {"main.fsx": code, **(files or {})}
        for relative, content in all_files.items():
            target = directory / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(content, encoding="utf-8")
        return directory / "plugin.toml"

    return make
