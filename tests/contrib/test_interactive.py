"""fusabi_host_contrib.policies.interactive, driven through real pseudo-terminals.

Each test runs ``interactive_host.py`` (a host loading one plugin with the policy enabled) in a
subprocess: under ``pty.fork()`` (the pty is its controlling terminal, so the policy asks on
``/dev/tty``), on an ``os.openpty()`` slave as standard input with no controlling terminal, or
with no terminal at all.  Every subprocess has a deadline.
"""

from __future__ import annotations

import json
import os
import pty
import select
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from fusabi_host import Capabilities, Manifest
from fusabi_host.hooktypes import GrantRequest
from fusabi_host.manager import HostPluginManager
from fusabi_host_contrib.policies import interactive
from fusabi_host_contrib.policies.allowlist import PolicyFileError
from fusabi_host_contrib.policies.interactive import Answer, Decisions, InteractivePolicy

pytestmark = pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs POSIX terminals")

HERE = Path(__file__).resolve().parent
HOST = HERE / "interactive_host.py"
REPO = HERE.parents[1]
FILE_DIGEST = REPO / "examples" / "plugins" / "file-digest"
PROMPT = b"(default: deny): "
DEADLINE = 60.0


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """The subprocess environment: a private HOME and XDG_CONFIG_HOME, a long answer timeout
    (so a test that should not be asked would visibly hang until its deadline)."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("FUSABI_", "XDG_")) and key != "PYTEST_CURRENT_TEST"
    }
    environment.update(
        HOME=str(tmp_path / "home"),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        FUSABI_INTERACTIVE_TIMEOUT="600",
        PYTHONDONTWRITEBYTECODE="1",
    )
    return environment


@pytest.fixture
def decisions_file(tmp_path: Path) -> Path:
    return tmp_path / "config" / "fusabi-host" / "decisions.toml"


@pytest.fixture
def env_plugin(make_plugin: Callable[..., Path]) -> Path:
    """A plugin requesting a harmless and a dangerous capability."""
    manifest = make_plugin(
        "env-peek",
        manifest="""\
        name = "env-peek"
        version = "2.1.0"
        api-version = "0.18.0"
        source = "main.fsx"
        capabilities = ["time:read", "env:read=HOME"]
        """,
    )
    return manifest.parent


class Session:
    """A subprocess on a pseudo-terminal: read what it prints, type answers."""

    def __init__(self, pid: int, fd: int) -> None:
        self.pid = pid
        self.fd = fd
        self.output = b""
        self.deadline = time.monotonic() + DEADLINE
        self.status: int | None = None

    def _read_some(self, timeout: float) -> bool:
        """Read what is there; ``False`` at end of output."""
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return True
        try:
            chunk = os.read(self.fd, 4096)
        except OSError:  # EIO: the other side is closed
            return False
        if not chunk:
            return False
        self.output += chunk
        return True

    def expect(self, text: bytes, count: int = 1) -> None:
        """Wait until *text* has appeared *count* times in the output."""
        while self.output.count(text) < count:
            if time.monotonic() > self.deadline:
                pytest.fail(f"timed out waiting for {text!r}; output so far:\n{self.text}")
            if not self._read_some(0.2):
                pytest.fail(f"output ended before {text!r}:\n{self.text}")

    def type(self, line: str) -> None:
        os.write(self.fd, line.encode() + b"\n")

    def finish(self) -> dict[str, object]:
        """Read to the end, reap the process, and return its RESULT."""
        while self._read_some(0.2):
            if time.monotonic() > self.deadline:
                self.kill()
                pytest.fail(f"the host did not finish; output:\n{self.text}")
        while self.status is None:
            reaped, status = os.waitpid(self.pid, os.WNOHANG)
            if reaped:
                self.status = os.waitstatus_to_exitcode(status)
            elif time.monotonic() > self.deadline:
                self.kill()
                pytest.fail(f"the host did not exit; output:\n{self.text}")
            else:
                time.sleep(0.05)
        os.close(self.fd)
        assert self.status == 0, self.text
        return result_of(self.text)

    def kill(self) -> None:
        try:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass

    @property
    def text(self) -> str:
        return self.output.decode("utf-8", "replace").replace("\r\n", "\n")


def result_of(output: str) -> dict[str, object]:
    lines = [line for line in output.splitlines() if line.startswith("RESULT ")]
    assert lines, output
    result: dict[str, object] = json.loads(lines[-1].removeprefix("RESULT "))
    return result


def in_pty(env: dict[str, str], plugin: Path, *offered: str) -> Session:
    """Run the host under ``pty.fork()``: the pty is its controlling terminal."""
    argv = [sys.executable, str(HOST), str(plugin), *offered]
    pid, fd = pty.fork()
    if pid == 0:  # pragma: no cover - the child
        try:
            os.execve(sys.executable, argv, env)
        finally:
            os._exit(127)
    return Session(pid, fd)


def without_terminal(env: dict[str, str], plugin: Path, *offered: str) -> tuple[dict, str, float]:
    """Run the host with stdin from /dev/null, output to pipes and no controlling terminal."""
    started = time.monotonic()
    completed = subprocess.run(
        [sys.executable, str(HOST), str(plugin), *offered],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env=env,
        start_new_session=True,
        timeout=DEADLINE,
        check=False,
    )
    elapsed = time.monotonic() - started
    assert completed.returncode == 0, completed.stderr
    return result_of(completed.stdout), completed.stderr, elapsed


def mode_of(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# ---------------------------------------------------------------------------- on a terminal


def test_allow_always_on_the_terminal_grants_and_is_remembered(
    env: dict[str, str], decisions_file: Path, tmp_path: Path
) -> None:
    session = in_pty(env, FILE_DIGEST, f"fs:read={tmp_path}")
    session.expect(PROMPT)
    prompt = session.text
    assert "plugin 'file-digest' 0.3.0" in prompt
    assert "capability: fs:read" in prompt
    assert f"scope:      {tmp_path}" in prompt
    assert "dangerous:  no" in prompt
    session.type("a")
    assert session.finish() == {"granted": [f"fs:read={tmp_path}"]}

    assert Decisions.load(decisions_file).allowed("file-digest") == Capabilities.of(
        f"fs:read={tmp_path}"
    )
    assert mode_of(decisions_file) == 0o600
    assert mode_of(decisions_file.parent) == 0o700
    assert [p.name for p in decisions_file.parent.iterdir() if p.name.endswith(".tmp")] == []

    # remembered: the next host is not asked, even without a terminal
    result, stderr, _ = without_terminal(env, FILE_DIGEST, f"fs:read={tmp_path}")
    assert result == {"granted": [f"fs:read={tmp_path}"]}
    assert "Allow?" not in stderr


def test_allow_once_is_not_remembered(
    env: dict[str, str], decisions_file: Path, tmp_path: Path
) -> None:
    session = in_pty(env, FILE_DIGEST, f"fs:read={tmp_path}")
    session.expect(PROMPT)
    session.type("once")
    assert session.finish() == {"granted": [f"fs:read={tmp_path}"]}
    assert not decisions_file.exists()
    # asked again next time
    session = in_pty(env, FILE_DIGEST, f"fs:read={tmp_path}")
    session.expect(PROMPT)
    session.type("d")
    result = session.finish()
    assert "refused by 'interactive': fs:read" in str(result["error"])


def test_one_question_per_capability_and_deny_always(
    env: dict[str, str], decisions_file: Path, env_plugin: Path
) -> None:
    session = in_pty(env, env_plugin, "time:read", "env:read=HOME")
    session.expect(PROMPT)
    first = session.text
    assert "plugin 'env-peek' 2.1.0" in first
    assert "capability: env:read" in first
    assert "scope:      HOME" in first
    assert "dangerous:  YES" in first
    session.type("v")  # never
    session.expect(PROMPT, 2)
    second = session.text[len(first) :]
    assert "capability: time:read" in second
    assert "scope:      (this capability has no scope)" in second
    assert "dangerous:  no" in second
    session.type("a")
    result = session.finish()
    assert "refused by 'interactive': env:read=HOME" in str(result["error"])

    remembered = Decisions.load(decisions_file)
    assert remembered.denied("env-peek") == Capabilities.of("env:read=HOME")
    assert remembered.allowed("env-peek") == Capabilities.of("time:read")
    assert "deny = [" in decisions_file.read_text(encoding="utf-8")

    # both are decided now: no question, same outcome, on a terminal too
    session = in_pty(env, env_plugin, "time:read", "env:read=HOME")
    result = session.finish()
    assert "refused by 'interactive': env:read=HOME" in str(result["error"])
    assert "Allow?" not in session.text


def test_an_invalid_answer_is_asked_again(env: dict[str, str], tmp_path: Path) -> None:
    session = in_pty(env, FILE_DIGEST, f"fs:read={tmp_path}")
    session.expect(PROMPT)
    session.type("maybe")
    session.expect(b"Please answer o, a, d or v: ")
    session.type("o")
    assert session.finish() == {"granted": [f"fs:read={tmp_path}"]}


def test_end_of_input_on_the_terminal_denies(env: dict[str, str], tmp_path: Path) -> None:
    session = in_pty(env, FILE_DIGEST, f"fs:read={tmp_path}")
    session.expect(PROMPT)
    os.write(session.fd, b"\x04")  # Ctrl-D on an empty line
    result = session.finish()
    assert "refused by 'interactive': fs:read" in str(result["error"])
    assert "(no answer: refused)" in session.text


def test_an_unanswered_prompt_times_out(env: dict[str, str], tmp_path: Path) -> None:
    env = {**env, "FUSABI_INTERACTIVE_TIMEOUT": "0.5"}
    session = in_pty(env, FILE_DIGEST, f"fs:read={tmp_path}")
    session.expect(PROMPT)
    result = session.finish()
    assert "refused by 'interactive': fs:read" in str(result["error"])


def test_stdin_terminal_without_controlling_terminal(
    env: dict[str, str], decisions_file: Path, tmp_path: Path
) -> None:
    """stdin is a pty but not the controlling terminal (a new session): /dev/tty cannot be
    opened, so the policy asks on standard input."""
    master, slave = os.openpty()
    process = subprocess.Popen(
        [sys.executable, str(HOST), str(FILE_DIGEST), f"fs:read={tmp_path}"],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        start_new_session=True,
    )
    os.close(slave)
    session = Session(process.pid, master)
    try:
        session.expect(PROMPT)
        assert "capability: fs:read" in session.text
        session.type("a")
        assert session.finish() == {"granted": [f"fs:read={tmp_path}"]}
    finally:
        if process.poll() is None:  # pragma: no cover - only when the test failed
            process.kill()
        process.wait(timeout=DEADLINE)
    assert Decisions.load(decisions_file).allowed("file-digest") == Capabilities.of(
        f"fs:read={tmp_path}"
    )


def test_a_background_process_is_not_asked(
    env: dict[str, str], decisions_file: Path, tmp_path: Path
) -> None:
    """Reading the terminal from a background process group would stop the host (SIGTTIN);
    the policy refuses instead of asking."""
    env = {**env, "FUSABI_TEST_BACKGROUND": "1"}
    session = in_pty(env, FILE_DIGEST, f"fs:read={tmp_path}")
    result = session.finish()
    assert "refused by 'interactive': fs:read" in str(result["error"])
    assert "Allow?" not in session.text
    assert not decisions_file.exists()


# ---------------------------------------------------------------------------- no terminal


def test_without_a_terminal_it_denies_at_once(
    env: dict[str, str], decisions_file: Path, tmp_path: Path
) -> None:
    result, stderr, elapsed = without_terminal(env, FILE_DIGEST, f"fs:read={tmp_path}")
    assert "refused by 'interactive': fs:read" in str(result["error"])
    assert "no terminal to ask" in stderr
    assert "Allow?" not in stderr
    assert elapsed < 30  # the answer timeout is 600 s: it never waited
    assert not decisions_file.exists()


def test_decisions_file_named_by_the_environment(
    env: dict[str, str], tmp_path: Path, decisions_file: Path
) -> None:
    chosen = tmp_path / "elsewhere" / "answers.toml"
    env = {**env, "FUSABI_DECISIONS": str(chosen)}
    session = in_pty(env, FILE_DIGEST, f"fs:read={tmp_path}")
    session.expect(PROMPT)
    session.type("always")
    assert session.finish() == {"granted": [f"fs:read={tmp_path}"]}
    assert mode_of(chosen) == 0o600
    assert not decisions_file.exists()
    assert Decisions.load(chosen).allowed("file-digest")


# ---------------------------------------------------------------------------- in process
# (only paths that never reach a prompt: a test must not ask the developer's terminal)


def request(plugin: str, *names: str, offered: Capabilities | None = None) -> GrantRequest:
    requested = Capabilities.of(*names)
    manifest = Manifest.from_toml(
        f'name = "{plugin}"\nversion = "1.0.0"\napi-version = "0.18.0"\nsource = "main.fsx"\n'
    )
    return GrantRequest(
        plugin=plugin,
        requested=requested,
        offered=requested if offered is None else offered,
        manifest=manifest,
    )


def test_the_policy_is_opt_in() -> None:
    assert not HostPluginManager().has_extension("interactive")
    manager = HostPluginManager(enable=["interactive"])
    assert manager.has_extension("interactive")
    assert [f for f in manager.failures if f.name == "interactive"] == []


def test_remembered_answers_decide_without_asking(tmp_path: Path) -> None:
    path = tmp_path / "decisions.toml"
    path.write_text(
        '[plugins.p]\nallow = ["fs:read=/srv", "time:read"]\ndeny = ["random"]\n',
        encoding="utf-8",
    )
    path.chmod(0o600)
    policy = InteractivePolicy(path, device=str(tmp_path / "no-such-tty"))
    granted = policy.fusabi_grant(request("p", "fs:read=/srv/data", "time:read", "random"))
    assert granted == Capabilities.of("fs:read=/srv/data", "time:read")
    # only what the host offers is considered
    offered = Capabilities.of("time:read")
    assert policy.fusabi_grant(request("p", "time:read", "fs:read=/srv", offered=offered)) == (
        Capabilities.of("time:read")
    )


def test_a_decisions_file_others_can_write_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "decisions.toml"
    path.write_text('[plugins.p]\nallow = ["process:exec"]\n', encoding="utf-8")
    path.chmod(0o666)
    with pytest.raises(PolicyFileError, match="writable by others"):
        Decisions.load(path)
    manager = HostPluginManager(autoload=False)
    manager.register(InteractivePolicy(path), "interactive")
    decision = manager.grant(request("p", "process:exec"))
    assert decision.granted == Capabilities.none()  # a policy that raises denies everything


def test_a_broken_decisions_file_names_the_field(tmp_path: Path) -> None:
    path = tmp_path / "decisions.toml"
    path.write_text('[plugins.p]\nallow = ["fs:raed"]\n', encoding="utf-8")
    path.chmod(0o600)
    with pytest.raises(PolicyFileError) as info:
        Decisions.load(path)
    assert info.value.field == 'plugins."p".allow'
    assert "did you mean 'fs:read'" in str(info.value)


def test_answers_and_prompt_text() -> None:
    assert Answer.parse(" A ") == Answer(allow=True, always=True)
    assert Answer.parse("") == Answer(allow=False)
    assert Answer.parse("never") == Answer(allow=False, always=True)
    assert Answer.parse("maybe") is None
    evil = GrantRequest(
        plugin="x\x1b]0;owned\x07",
        requested=Capabilities.of("fs:write=/tmp/\x1b[2J"),
        offered=Capabilities.all(),
    )
    capability = next(iter(evil.requested))
    text = interactive.prompt_text(evil, capability, evil.requested.scopes(capability))
    assert "\x1b" not in text
    assert "\x07" not in text
    assert "x\\x1b]0;owned\\x07" in text
    assert "dangerous:  YES" in text


def test_default_decisions_path(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(interactive.DECISIONS_ENV, raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    assert interactive.decisions_path() == tmp_path / "xdg" / "fusabi-host" / "decisions.toml"
    monkeypatch.setenv("XDG_CONFIG_HOME", "relative/ignored")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert interactive.decisions_path() == tmp_path / "home" / ".config" / "fusabi-host" / (
        "decisions.toml"
    )
    monkeypatch.setenv(interactive.DECISIONS_ENV, str(tmp_path / "d.toml"))
    assert interactive.decisions_path() == tmp_path / "d.toml"
