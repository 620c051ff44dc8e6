"""``process:exec`` for real: scopes pin the program and its arguments, the host resolves the
program, and no process a command starts outlives ``Process.run``.

Everything runs real plugin code through the public engine API and real child processes.
Survivors are found by scanning ``/proc`` for a marker every process of a test carries in
its environment (and usually its arguments); a fixture kills any it finds, so a failing test
leaves nothing behind.  Every call runs under a deadline and every test under an alarm, so a
regression fails instead of hanging.
"""

from __future__ import annotations

import contextlib
import os
import shlex
import shutil
import signal
import stat
import subprocess
import sys
import textwrap
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fusabi_host import Capabilities, EngineConfig, Limits, compile_source
from fusabi_host.commands import CommandTable, command_resource
from fusabi_host.errors import CapabilityError, FusabiRuntimeError, LimitExceeded
from fusabi_host.lang.stdlib import process_module

PY = sys.executable
ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="needs Linux /proc")

SOURCE = """
let run cmd args = Process.run cmd args
let shell cmd = Process.runShell cmd
let marked mark cmd args =
    Process.setEnv "FZ_MARK" mark
    Process.run cmd args
let withPath dir cmd args =
    Process.setEnv "PATH" dir
    Process.run cmd args
let caught cmd args =
    try
        Process.run cmd args |> ignore
        "finished"
    with e -> "caught"
"""


def instance(*grants: str, timeout: float | None = 10.0, base_dir: Path | None = None) -> Any:
    config = EngineConfig(
        capabilities=Capabilities.of("env:write=FZ_MARK", *grants),
        limits=Limits(timeout=timeout),
    )
    return compile_source(SOURCE).instantiate(config, base_dir=base_dir)


def processes_with(marker: str) -> list[int]:
    """Live processes whose arguments or environment contain *marker*."""
    needle = marker.encode()
    found = []
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        for part in ("cmdline", "environ"):
            try:
                data = Path("/proc", name, part).read_bytes()
            except OSError:
                continue
            if needle in data:
                found.append(int(name))
                break
    return found


def wait_for(predicate: Any, timeout: float) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.02)
    return bool(predicate())


@pytest.fixture
def marker() -> Iterator[str]:
    """A unique marker; any process still carrying it at the end is killed."""
    mark = f"fzmark-{uuid.uuid4().hex}"
    yield mark
    for pid in processes_with(mark):
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)


@pytest.fixture(autouse=True)
def alarm() -> Iterator[None]:
    """A kill timer independent of pytest: a hung test fails after 60 seconds."""

    def expired(_signum: int, _frame: object) -> None:
        raise RuntimeError("test took longer than 60 seconds")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(60)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def executable(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    path.chmod(path.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return path


# =========================================================================== no survivors


def test_a_setsid_grandchild_does_not_outlive_run(marker: str) -> None:
    plugin = instance("process:exec=sh")
    start = time.monotonic()
    result = plugin.call(
        "marked", marker, "sh", ["-c", f"setsid sh -c 'sleep 30 # {marker}' & echo started"]
    )
    assert result["stdout"] == "started\n"
    assert time.monotonic() - start < 5
    assert processes_with(marker) == []


def test_a_double_forked_daemon_does_not_outlive_run(marker: str) -> None:
    daemon = textwrap.dedent(
        """
        import os, sys, time
        if os.fork():
            sys.exit(0)
        os.setsid()
        if os.fork():
            os._exit(0)
        for fd in (0, 1, 2):
            os.close(fd)
        time.sleep(30)
        """
    )
    plugin = instance(f"process:exec={PY}")
    result = plugin.call("marked", marker, PY, ["-c", daemon, marker])
    assert result["exitCode"] == 0
    assert processes_with(marker) == []


def test_many_escaped_children_are_all_killed(marker: str) -> None:
    script = f"for i in $(seq 40); do setsid sleep 30 & (setsid sleep 31 &) ; done; echo {marker}"
    plugin = instance("process:exec=sh")
    result = plugin.call("marked", marker, "sh", ["-c", script])
    assert result["exitCode"] == 0
    assert processes_with(marker) == []


def test_a_child_that_ignores_sigterm_is_still_killed(marker: str) -> None:
    plugin = instance("process:exec=sh")
    script = (
        f"trap '' TERM HUP INT; setsid sh -c \"trap '' TERM HUP INT; sleep 30\" & echo {marker}"
    )
    plugin.call("marked", marker, "sh", ["-c", script])
    assert processes_with(marker) == []


def test_the_deadline_stops_the_command_with_limit_exceeded(marker: str) -> None:
    plugin = instance("process:exec=sleep", timeout=1.0)
    start = time.monotonic()
    with pytest.raises(LimitExceeded) as info:
        plugin.call("marked", marker, "sleep", ["30"])
    elapsed = time.monotonic() - start
    assert info.value.limit == "timeout"
    assert 0.9 < elapsed < 1.5
    assert processes_with(marker) == []


def test_the_deadline_kills_the_whole_tree(marker: str) -> None:
    plugin = instance("process:exec=sh", timeout=1.0)
    start = time.monotonic()
    with pytest.raises(LimitExceeded):
        plugin.call("marked", marker, "sh", ["-c", f"setsid sleep 30 & sleep 30 # {marker}"])
    assert time.monotonic() - start < 1.5
    assert processes_with(marker) == []


def test_without_a_deadline_process_timeout_bounds_the_wait(
    marker: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(process_module, "PROCESS_TIMEOUT", 0.5)
    plugin = instance("process:exec=sh", timeout=None)
    start = time.monotonic()
    with pytest.raises(FusabiRuntimeError, match="TimeoutException"):
        plugin.call("marked", marker, "sh", ["-c", f"setsid sleep 30 & sleep 30 # {marker}"])
    assert time.monotonic() - start < 2
    assert processes_with(marker) == []


def test_a_timeout_shorter_than_the_deadline_is_catchable_by_the_plugin(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(process_module, "PROCESS_TIMEOUT", 0.5)
    plugin = instance("process:exec=sleep", timeout=10.0)
    assert plugin.call("caught", "sleep", ["30"]) == "caught"


def test_a_host_that_dies_takes_the_command_tree_with_it(marker: str) -> None:
    driver = textwrap.dedent(
        f"""
        from fusabi_host import Capabilities, EngineConfig, Limits, compile_source
        caps = Capabilities.of("process:exec=sh", "env:write=FZ_MARK")
        unit = compile_source('''
        let go mark =
            Process.setEnv "FZ_MARK" mark
            Process.runShell "setsid sleep 30 & sleep 30"
        ''')
        unit.instantiate(EngineConfig(capabilities=caps, limits=Limits(timeout=20))).call(
            "go", {marker!r}
        )
        """
    )
    host = subprocess.Popen([PY, "-c", driver], cwd=ROOT)
    try:
        assert wait_for(lambda: len(processes_with(marker)) >= 3, 10), "command did not start"
        host.kill()
        host.wait(timeout=10)
        assert wait_for(lambda: processes_with(marker) == [], 5), processes_with(marker)
    finally:
        if host.poll() is None:
            host.kill()
            host.wait(timeout=10)


def test_the_command_gets_no_descriptor_of_the_supervisor() -> None:
    plugin = instance(f"process:exec={PY}")
    code = "import os; print(len(os.listdir('/proc/self/fd')))"
    assert plugin.call("run", PY, ["-c", code])["stdout"] == "4\n"  # 0, 1, 2 and the listing


def test_exit_codes_stdin_and_exec_errors_pass_through(tmp_path: Path) -> None:
    plugin = instance("process:exec=sh", "process:exec=cat", f"process:exec={tmp_path}/bad")
    assert plugin.call("run", "sh", ["-c", "echo out; echo err >&2; exit 7"]) == {
        "exitCode": 7,
        "stdout": "out\n",
        "stderr": "err\n",
    }
    assert plugin.call("run", "sh", ["-c", "kill -9 $$"])["exitCode"] == -1
    assert plugin.call("run", "cat", [])["stdout"] == ""  # standard input is closed
    executable(tmp_path / "bad", "not a script and no #! line\n")
    with pytest.raises(FusabiRuntimeError, match=r"IOException.*bad.*[Ee]xec format"):
        plugin.call("run", str(tmp_path / "bad"), [])


# =========================================================================== scopes


def test_a_pinned_scope_refuses_other_arguments(tmp_path: Path) -> None:
    plugin = instance("process:exec=echo hello *,printf ok", base_dir=tmp_path)
    assert plugin.call("run", "echo", ["hello", "world"])["stdout"] == "hello world\n"
    assert plugin.call("run", "echo", ["hello"])["stdout"] == "hello\n"
    assert plugin.call("run", "printf", ["ok"])["stdout"] == "ok"
    for command, args in [
        ("echo", []),
        ("echo", ["bye"]),
        ("echo", ["hello world"]),  # one argument is not two
        ("printf", ["ok", "more"]),  # no '*': exactly these arguments
        ("printf", []),
    ]:
        with pytest.raises(CapabilityError) as info:
            plugin.call("run", command, args)
        assert info.value.resource == command_resource([command, *args])


def test_git_alias_attack_is_refused_by_a_pinned_scope(tmp_path: Path) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    pwned = tmp_path / "pwned"
    plugin = instance("process:exec=git status *", base_dir=tmp_path)
    attack = ["-c", f"alias.x=!touch {pwned}", "x"]
    with pytest.raises(CapabilityError, match="process:exec"):
        plugin.call("run", "git", attack)
    with pytest.raises(CapabilityError):  # options before the pinned subcommand
        plugin.call("run", "git", ["-C", str(tmp_path), "status"])
    assert not pwned.exists()
    result = plugin.call("run", "git", ["status", "--porcelain"])
    assert result["exitCode"] in (0, 128)  # it ran (128: not a repository)
    # an unpinned scope means any arguments: exactly what the documentation warns about
    unpinned = instance("process:exec=git", base_dir=tmp_path)
    unpinned.call("run", "git", attack)
    assert pwned.exists()


def test_path_from_set_env_does_not_choose_the_program(tmp_path: Path) -> None:
    fake_dir = tmp_path / "bin"
    touched = tmp_path / "fake-ran"
    executable(fake_dir / "printf", f"#!/bin/sh\ntouch {touched}\n")
    plugin = instance("process:exec=printf *", f"process:exec={PY}", "env:write=PATH")
    result = plugin.call("withPath", str(fake_dir), "printf", ["real"])
    assert result["stdout"] == "real"
    assert not touched.exists()
    # and the child's own PATH is the host's, not the plugin's
    shown = plugin.call(
        "withPath", str(fake_dir), PY, ["-c", "import os; print(os.environ['PATH'])"]
    )
    assert shown["stdout"] == os.environ["PATH"] + "\n"


def test_the_host_path_is_the_one_at_grant_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_dir = tmp_path / "bin"
    executable(fake_dir / "printf", "#!/bin/sh\necho fake\n")
    before = instance("process:exec=printf *")
    monkeypatch.setenv("PATH", f"{fake_dir}{os.pathsep}{os.environ['PATH']}")
    assert before.call("run", "printf", ["real"])["stdout"] == "real"
    after = instance("process:exec=printf *")  # a grant made now sees the host's new PATH
    assert after.call("run", "printf", ["real"])["stdout"] == "fake\n"


def test_loader_variables_from_set_env_do_not_reach_the_child() -> None:
    source = """
    let go py =
        Process.setEnv "LD_PRELOAD" "/nonexistent/evil.so"
        Process.run py ["-c"; "import os; print(os.environ.get('LD_PRELOAD'))"]
    """
    caps = Capabilities.of(f"process:exec={PY}", "env:write=LD_PRELOAD")
    config = EngineConfig(capabilities=caps, limits=Limits(timeout=10))
    result = compile_source(textwrap.dedent(source)).instantiate(config).call("go", PY)
    assert result["stdout"] == "None\n"


def test_a_command_that_cannot_be_resolved_is_refused_by_name(tmp_path: Path) -> None:
    plugin = instance("process:exec=no-such-command-fz *", f"process:exec={tmp_path}/missing")
    with pytest.raises(FusabiRuntimeError, match=r"IOException.*'no-such-command-fz'.*PATH"):
        plugin.call("run", "no-such-command-fz", ["x"])
    with pytest.raises(FusabiRuntimeError, match=r"IOException.*missing"):
        plugin.call("run", str(tmp_path / "missing"), [])
    # not granted at all: a denial, whether or not it exists
    with pytest.raises(CapabilityError):
        plugin.call("run", "another-missing-command", [])


def test_absolute_and_bare_spellings_of_the_same_file_agree(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tool = executable(tmp_path / "bin" / "fztool", '#!/bin/sh\necho tool "$@"\n')
    monkeypatch.setenv("PATH", f"{tool.parent}{os.pathsep}{os.environ['PATH']}")
    by_path = instance(f"process:exec={tool} go *")
    assert by_path.call("run", "fztool", ["go", "1"])["stdout"] == "tool go 1\n"
    with pytest.raises(CapabilityError):
        by_path.call("run", "fztool", ["stop"])
    by_name = instance("process:exec=fztool go *")
    assert by_name.call("run", str(tool), ["go"])["stdout"] == "tool go\n"
    copy = executable(tmp_path / "elsewhere" / "fztool", tool.read_text())
    with pytest.raises(CapabilityError):
        by_name.call("run", str(copy), ["go"])


def test_a_symbolic_link_directory_is_resolved_but_not_the_file_link(tmp_path: Path) -> None:
    real = tmp_path / "real"
    executable(real / "tool", "#!/bin/sh\necho tool\n")
    (tmp_path / "linked").symlink_to(real, target_is_directory=True)
    plugin = instance(f"process:exec={tmp_path}/linked/tool")
    assert plugin.call("run", str(real / "tool"), [])["stdout"] == "tool\n"
    # two names of one multi-call binary (busybox style) are two programs
    (real / "allowed").symlink_to(PY)
    (real / "other").symlink_to(PY)
    multi = instance(f"process:exec={real}/allowed")
    assert multi.call("run", str(real / "allowed"), ["-c", "print(1)"])["stdout"] == "1\n"
    with pytest.raises(CapabilityError):
        multi.call("run", str(real / "other"), ["-c", "print(1)"])


def test_run_shell_still_needs_sh() -> None:
    with pytest.raises(CapabilityError) as info:
        instance("process:exec=echo").call("shell", "echo hi")
    assert info.value.resource == "sh"
    assert instance("process:exec=sh").call("shell", "echo $((2 * 3))")["stdout"] == "6\n"


def test_the_command_table_resolves_only_in_absolute_path_directories(tmp_path: Path) -> None:
    executable(tmp_path / "fzrel", "#!/bin/sh\n")
    os.chdir(tmp_path)
    try:
        table = CommandTable(environ={"PATH": f".:{os.pathsep}relative"})
        assert table.resolve("fzrel") is None
        table = CommandTable(environ={"PATH": str(tmp_path)})
        assert table.resolve("fzrel") == str(tmp_path.resolve() / "fzrel")
    finally:
        os.chdir(ROOT)


def test_command_resources_round_trip_and_never_look_like_patterns() -> None:
    caps = Capabilities.of("process:exec=echo a *")
    for argv in (["echo", "a", "*"], ["echo", "a", "b c"], ["echo", "a", "it's"], ["echo", "a"]):
        resource = command_resource(argv)
        assert shlex.split(resource) == argv
        assert caps.covers("process:exec", resource)
    assert not caps.covers("process:exec", command_resource(["echo", "a b"]))
    assert not caps.covers("process:exec", command_resource(["echo", "*"]))
    # a literal '*' argument is quoted, so it is not the wildcard of a pattern
    assert not Capabilities.of("process:exec=echo x").covers(
        "process:exec", command_resource(["echo", "x", "*"])
    )


PATTERNS = st.sampled_from(
    [
        "process:exec", "process:exec=git", "process:exec=git status *",
        "process:exec=git status", "process:exec=git status -s *", "process:exec=git log *",
        "process:exec=/usr/bin/git status *", "process:exec=sh",
    ]
)  # fmt: skip
ARGVS = st.lists(
    st.sampled_from(["status", "-s", "log", "*", "-c", "a b", ""]), max_size=3
).flatmap(lambda args: st.sampled_from([["git", *args], ["/usr/bin/git", *args], ["sh", *args]]))


@given(st.lists(PATTERNS, max_size=3), st.lists(PATTERNS, max_size=3), ARGVS)
def test_command_scope_algebra_never_widens(mine: list[str], theirs: list[str], argv: list[str]):
    a, b = Capabilities.of(*mine), Capabilities.of(*theirs)
    resource = command_resource(argv)
    both = a & b
    if both.covers("process:exec", resource):
        assert a.covers("process:exec", resource)
        assert b.covers("process:exec", resource)
    assert both <= a
    assert both <= b
    if a <= b and a.covers("process:exec", resource):
        assert b.covers("process:exec", resource)
