"""The fusabi-host command, run as a real subprocess."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from fusabi_host import __version__

REPO = Path(__file__).resolve().parents[1]


def run(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "fusabi_host", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=60,
        check=False,
    )


def test_version():
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"fusabi-host {__version__}"


def test_check_valid_and_invalid_manifests(make_plugin, tmp_path):
    make_plugin("good")
    make_plugin(
        "bad",
        manifest="""\
        name = "bad"
        version = "1.0.0"
        api-version = "0.18.0"
        capabilities = ["fs:read", "fs:teleport"]
        source = "main.fsx"
        """,
    )
    result = run("check", str(tmp_path))
    assert result.returncode == 1
    assert "good" in result.stdout
    assert "INVALID (1)" in result.stdout
    assert f"{tmp_path / 'bad' / 'plugin.toml'}: $.capabilities[1]: unknown capability" in (
        result.stderr
    )


def test_check_reports_api_incompatibility(make_plugin, tmp_path):
    make_plugin(
        "future",
        manifest="""\
        name = "future"
        version = "1.0.0"
        api-version = "0.99.0"
        source = "main.fsx"
        """,
    )
    result = run("check", str(tmp_path / "future" / "plugin.toml"))
    assert result.returncode == 1
    assert "requires host API 0.99.0" in result.stderr


def test_check_missing_path_and_nothing_found(tmp_path):
    result = run("check", str(tmp_path / "nowhere"))
    assert result.returncode == 1
    assert "no such file or directory" in result.stderr
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run("check", str(empty))
    assert result.returncode == 1
    assert "no plugin manifests found" in result.stderr


def test_check_the_bundled_examples():
    result = run("check", "examples/plugins")
    assert result.returncode == 0, result.stderr
    assert "INVALID" not in result.stdout


def test_extensions_lists_core_hooks():
    result = run("extensions")
    assert result.returncode == 0, result.stderr
    assert "fusabi_host.policy" in result.stdout
    assert "fusabi_grant" in result.stdout


def test_no_command_prints_help():
    result = run()
    assert result.returncode == 2
    assert "usage: fusabi-host" in result.stdout
