"""The native observer falls back to polling when it cannot start -- for real, in a child
process whose file-descriptor limit leaves inotify no room to initialise."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

CHILD = textwrap.dedent(
    """
    import json, os, resource, sys, time
    from pathlib import Path
    from fusabi_host import PluginWatcher, WatchConfig
    from fusabi_host.manager import HostPluginManager

    folder = Path(sys.argv[1])
    notices, events = [], []
    watcher = PluginWatcher(
        WatchConfig(poll_interval=0.05), manager=HostPluginManager(autoload=False)
    )
    watcher.on_notice(notices.append)
    watcher.on_change(events.extend)
    watcher.watch(folder)

    def is_open(fd):
        try:
            os.fstat(fd)
        except OSError:
            return False
        return True

    # leave exactly two descriptors free: inotify takes one and cannot get its wake-up pipe,
    # the polling observer's directory scans need one at a time
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    limit = free = 0
    while free < 2:
        free += not is_open(limit)
        limit += 1
    resource.setrlimit(resource.RLIMIT_NOFILE, (limit, hard))
    try:
        watcher.start()
    finally:
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))

    (folder / "main.fsx").write_text("let answer () = 42\\n")
    deadline = time.monotonic() + 5
    while not (events and notices) and time.monotonic() < deadline:
        time.sleep(0.02)
    backend = watcher.backend
    watcher.stop()
    print(json.dumps({
        "backend": backend,
        "notices": notices,
        "events": [[e.kind.value, str(e.path)] for e in events],
    }))
    """
)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="inotify is Linux only")
def test_the_native_observer_falls_back_to_polling(tmp_path):
    result = subprocess.run(
        [sys.executable, "-c", CHILD, str(tmp_path)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["backend"] == "watchdog-polling"
    [notice] = report["notices"]
    assert "native file watching could not start" in notice and "polling" in notice
    assert "Too many open files" in notice
    assert ["created", str(tmp_path / "main.fsx")] in report["events"]
