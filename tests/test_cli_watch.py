"""``fusabi-host watch DIR``: a real process hosting plugins with hot reload, printing events."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

from tests.runtime.test_loader import write_plugin


def read_until(process: subprocess.Popen[str], needle: str, seen: list[str]) -> None:
    """Read the process's lines until one contains *needle* (the kill timer bounds it)."""
    assert process.stdout is not None
    for line in process.stdout:
        seen.append(line.rstrip("\n"))
        if needle in line:
            return
    raise AssertionError(f"the process ended before printing {needle!r}:\n" + "\n".join(seen))


def test_watch_prints_lifecycle_events_as_files_change(tmp_path: Path) -> None:
    manifest = write_plugin(tmp_path, "calc", "let answer () = 1\n")
    source = manifest.parent / "main.fsx"
    process = subprocess.Popen(
        [sys.executable, "-m", "fusabi_host", "watch", str(tmp_path), "--debounce", "0.05"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    killer = threading.Timer(60, process.kill)  # a hang fails the test, never pytest
    killer.start()
    seen: list[str] = []
    try:
        read_until(process, "watching", seen)
        assert any("calc: started" in line for line in seen)
        source.write_text("let answer () = 2\n", encoding="utf-8")
        read_until(process, "calc: reloaded", seen)
        source.write_text("let answer () = (\n", encoding="utf-8")
        read_until(process, "calc: error", seen)
        read_until(process, "main.fsx:", seen)  # the diagnostic, with its place
        write_plugin(tmp_path, "fresh", "let answer () = 3\n")
        read_until(process, "fresh: started", seen)
    finally:
        process.terminate()
        output, _ = process.communicate(timeout=60)
        killer.cancel()
    seen += output.splitlines()
    assert process.returncode == 0, "\n".join(seen)
    assert "stopping" in seen
    assert any("calc: unloaded" in line for line in seen)  # shut down cleanly on SIGTERM


def test_watch_refuses_a_missing_directory(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "fusabi_host", "watch", str(tmp_path / "nope"), "--for", "0"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1 and "no such directory" in result.stderr
