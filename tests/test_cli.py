"""The fusabi-host command, run as a real subprocess."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

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
    assert "fusabi_host.core.policy" in result.stdout
    assert "fusabi_grant" in result.stdout


def test_no_command_prints_help():
    result = run()
    assert result.returncode == 2
    assert "usage: fusabi-host" in result.stdout


def test_run_prints_the_final_value_in_display_format(tmp_path):
    script = tmp_path / "calc.fsx"
    script.write_text('let xs = [1; 2; 3]\n(List.sum xs, "six", Some 6.0)\n', encoding="utf-8")
    result = run("run", str(script))
    assert result.returncode == 0, result.stderr
    assert result.stdout == "(6, six, Some(6))\n"


def test_run_prints_nothing_for_unit_but_lets_the_script_print(tmp_path):
    script = tmp_path / "hello.fsx"
    script.write_text('printfn "hello %s" "world"\n', encoding="utf-8")
    result = run("run", str(script))
    assert result.returncode == 0, result.stderr
    assert result.stdout == "hello world\n"


@pytest.mark.slow  # three subprocesses
def test_compile_then_run_and_disassemble_bytecode(tmp_path):
    script = tmp_path / "fact.fsx"
    script.write_text(
        "let rec fact n = if n <= 1 then 1 else n * fact (n - 1)\nfact 10\n", encoding="utf-8"
    )
    compiled = run("compile", str(script))
    assert compiled.returncode == 0, compiled.stderr
    bytecode = tmp_path / "fact.fzb"
    assert bytecode.read_bytes().startswith(b"FZB\x01")
    assert run("run", str(bytecode)).stdout == "3628800\n"
    listing = run("disasm", str(bytecode))
    assert listing.returncode == 0
    assert "MAKE_CLOSURE" in listing.stdout
    assert 'closure name "fact"' in listing.stdout


def test_run_refuses_capabilities_it_was_not_given(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("s3cret", encoding="utf-8")
    script = tmp_path / "peek.fsx"
    script.write_text(f'File.readAllText "{secret}"\n', encoding="utf-8")
    refused = run("run", str(script))
    assert refused.returncode == 1
    assert "not allowed fs:read" in refused.stderr
    assert "Traceback" not in refused.stderr
    allowed = run("run", "--allow", f"fs:read={tmp_path}", str(script))
    assert allowed.stdout == "s3cret\n"


@pytest.mark.slow  # three subprocesses
def test_run_reports_errors_with_file_and_line(tmp_path):
    script = tmp_path / "broken.fsx"
    script.write_text("let x = 1\nlet y = x +\n", encoding="utf-8")
    result = run("run", str(script))
    assert result.returncode == 1
    assert f"{script}:3:1" in result.stderr or f"{script}:2" in result.stderr
    assert "Traceback" not in result.stderr
    bad = tmp_path / "bad.fzb"
    bad.write_bytes(b"FZB\x01\x02rest")
    result = run("run", str(bad))
    assert result.returncode == 1
    assert "version" in result.stderr
    unknown = run("run", "--allow", "fs:teleport", str(script))
    assert unknown.returncode == 1
    assert "unknown capability 'fs:teleport'" in unknown.stderr
