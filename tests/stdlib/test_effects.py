"""Console, File, Process, Events, Random and Config, run for real (real files, real
subprocesses) through a Context whose check consults a Capabilities grant."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import cast

import pytest

from fusabi_host.capabilities import Capabilities
from fusabi_host.errors import CapabilityError, LimitExceeded
from fusabi_host.lang.context import Context
from fusabi_host.lang.exceptions import EXCEPTION_TAGS, failure
from fusabi_host.lang.stdlib import process_module
from fusabi_host.lang.stdlib.registry import REGISTRY
from fusabi_host.lang.values import (
    NIL,
    NONE,
    FusabiException,
    FzArray,
    from_iterable,
    make_some,
    to_pylist,
)

PY = sys.executable


def make_context(*grants: str, **options: object) -> Context:
    """A context that allows exactly what *grants* (capability strings) cover."""
    granted = Capabilities.of(*grants)

    def check(capability: str, resource: str | None) -> None:
        if not granted.covers(capability, resource):
            target = f" for '{resource}'" if resource else ""
            raise CapabilityError(
                f"capability '{capability}'{target} is not granted",
                capability=capability,
                resource=resource,
            )

    return Context(check=check, **options)  # type: ignore[arg-type]


def call(name: str, ctx: Context, *args: object) -> object:
    return REGISTRY[name].func(ctx, *args)


def fusabi_error(kind: str, func: Callable[[], object]) -> str:
    """Run *func*; it must raise the Fusabi exception *kind*; return its message."""
    with pytest.raises(FusabiException) as info:
        func()
    tag, message = cast(tuple[object, str], info.value.value)
    assert tag is EXCEPTION_TAGS[kind], message
    return message


def denied(func: Callable[[], object], capability: str, resource: str | None) -> None:
    with pytest.raises(CapabilityError) as info:
        func()
    assert info.value.capability == capability
    assert info.value.resource == resource
    assert capability in str(info.value)


def test_every_effectful_function_takes_the_context_and_names_its_capability() -> None:
    expected = {
        "Console.readLine": ("unit -> string", "stdin:read"),
        "Console.write": ("string -> unit", "stdout:write"),
        "Console.writeLine": ("string -> unit", "stdout:write"),
        "Console.clear": ("unit -> unit", "stdout:write"),
        "File.readLines": ("string -> string list", "fs:read"),
        "File.readAllText": ("string -> string", "fs:read"),
        "File.writeLines": ("string -> string list -> unit", "fs:write"),
        "File.writeAllText": ("string -> string -> unit", "fs:write"),
        "File.appendLine": ("string -> string -> unit", "fs:write"),
        "File.exists": ("string -> bool", "fs:read"),
        "File.delete": ("string -> unit", "fs:write"),
        "Process.run": ("string -> string list -> dyn", "process:exec"),
        "Process.runShell": ("string -> dyn", "process:exec"),
        "Process.env": ("string -> string option", "env:read"),
        "Process.setEnv": ("string -> string -> unit", "env:write"),
        "Process.cwd": ("unit -> string", "env:read"),
        "Random.int": ("int -> int -> int", "random"),
        "Random.float": ("unit -> float", "random"),
    }
    for name, (signature, effect) in expected.items():
        entry = REGISTRY[name]
        assert (entry.signature, entry.effect, entry.context) == (signature, effect, True), name
    for name in REGISTRY:
        if name.split(".")[0] in ("Events", "Config"):
            assert REGISTRY[name].context and REGISTRY[name].effect is None


# =========================================================================== Console


def test_console_output_goes_to_the_context_sink() -> None:
    out: list[str] = []
    ctx = make_context("stdout:write", stdout=out.append)
    call("Console.write", ctx, "a")
    call("Console.writeLine", ctx, "b")
    call("Console.clear", ctx, None)
    assert out == ["a", "b\n", "\x1b[2J\x1b[H"]


def test_console_output_needs_stdout_write() -> None:
    out: list[str] = []
    ctx = make_context("stdin:read", stdout=out.append)
    for name, arg in [("Console.write", "x"), ("Console.writeLine", "x"), ("Console.clear", None)]:
        denied(lambda: call(name, ctx, arg), "stdout:write", None)  # noqa: B023
    assert out == []


def test_console_read_line() -> None:
    lines = iter(["first", "second\r\n", "third\n"])
    ctx = make_context("stdin:read", stdin=lambda: next(lines, None))
    assert call("Console.readLine", ctx, None) == "first"
    assert call("Console.readLine", ctx, None) == "second"
    assert call("Console.readLine", ctx, None) == "third"
    assert call("Console.readLine", ctx, None) == ""  # end of input
    assert call("Console.readLine", make_context("stdin:read"), None) == ""


def test_console_read_line_needs_stdin_read() -> None:
    ctx = make_context("stdout:write", stdin=lambda: "secret")
    denied(lambda: call("Console.readLine", ctx, None), "stdin:read", None)


# =========================================================================== File


@pytest.fixture
def sandbox(tmp_path: Path) -> tuple[Path, Path]:
    """``(allowed, outside)``: two real directories, only the first one granted."""
    root = tmp_path.resolve()
    allowed, outside = root / "allowed", root / "outside"
    allowed.mkdir()
    outside.mkdir()
    return allowed, outside


def fs_context(allowed: Path, *extra: str, **options: object) -> Context:
    return make_context(
        f"fs:read={allowed}", f"fs:write={allowed}", *extra, base_dir=allowed, **options
    )


def test_write_and_read_lines_round_trip(sandbox: tuple[Path, Path]) -> None:
    allowed, _ = sandbox
    ctx = fs_context(allowed)
    lines = from_iterable(["one", "", "tröis 😀"])
    call("File.writeLines", ctx, str(allowed / "a.txt"), lines)
    assert (allowed / "a.txt").read_bytes() == "one\n\ntröis 😀\n".encode()
    assert to_pylist(call("File.readLines", ctx, str(allowed / "a.txt"))) == to_pylist(lines)


def test_relative_paths_resolve_against_the_plugin_directory(sandbox: tuple[Path, Path]) -> None:
    allowed, _ = sandbox
    ctx = fs_context(allowed)
    call("File.writeAllText", ctx, "sub.txt", "hello")
    assert (allowed / "sub.txt").read_text() == "hello"
    assert call("File.readAllText", ctx, "./sub.txt") == "hello"


def test_read_lines_splitting(sandbox: tuple[Path, Path]) -> None:
    allowed, _ = sandbox
    ctx = fs_context(allowed)
    cases = {
        b"": [],
        b"\n": [""],
        b"a": ["a"],
        b"a\r\nb\r\n": ["a", "b"],
        b"a\n\nb": ["a", "", "b"],
        b"a\rb\x0bc\xe2\x80\xa8d": ["a\rb\x0bc\u2028d"],  # only \n separates lines
    }
    for data, expected in cases.items():
        (allowed / "f.txt").write_bytes(data)
        assert to_pylist(call("File.readLines", ctx, "f.txt")) == expected, data
    assert call("File.readLines", ctx, "f.txt") is not None
    (allowed / "f.txt").write_bytes(b"")
    assert call("File.readLines", ctx, "f.txt") is NIL


def test_write_all_text_truncates_and_append_line_appends(sandbox: tuple[Path, Path]) -> None:
    allowed, _ = sandbox
    ctx = fs_context(allowed)
    call("File.appendLine", ctx, "log.txt", "first")  # creates the file
    call("File.appendLine", ctx, "log.txt", "second")
    assert (allowed / "log.txt").read_text() == "first\nsecond\n"
    call("File.writeAllText", ctx, "log.txt", "x")
    assert (allowed / "log.txt").read_text() == "x"
    call("File.writeLines", ctx, "log.txt", NIL)
    assert (allowed / "log.txt").read_text() == ""


def test_exists_and_delete(sandbox: tuple[Path, Path]) -> None:
    allowed, _ = sandbox
    ctx = fs_context(allowed)
    assert call("File.exists", ctx, "x.txt") is False
    call("File.writeAllText", ctx, "x.txt", "")
    assert call("File.exists", ctx, "x.txt") is True
    call("File.delete", ctx, "x.txt")
    assert not (allowed / "x.txt").exists()
    call("File.delete", ctx, "x.txt")  # missing: nothing happens
    (allowed / "d").mkdir()
    assert call("File.exists", ctx, "d") is False  # a directory is not a file
    assert "'d'" in fusabi_error("IOException", lambda: call("File.delete", ctx, "d"))
    assert (allowed / "d").is_dir()


def test_io_errors_are_io_exceptions_naming_the_path(sandbox: tuple[Path, Path]) -> None:
    allowed, _ = sandbox
    ctx = fs_context(allowed)
    message = fusabi_error("IOException", lambda: call("File.readLines", ctx, "missing.txt"))
    assert message.startswith("File.readLines: cannot read 'missing.txt'")
    (allowed / "dir").mkdir()
    message = fusabi_error("IOException", lambda: call("File.readAllText", ctx, "dir"))
    assert "'dir'" in message and "not a regular file" in message
    message = fusabi_error("IOException", lambda: call("File.writeAllText", ctx, "no/such/f", "x"))
    assert "'no/such/f'" in message
    (allowed / "bad.txt").write_bytes(b"ok\xff\xfe")
    message = fusabi_error("IOException", lambda: call("File.readAllText", ctx, "bad.txt"))
    assert "not valid UTF-8" in message and "'bad.txt'" in message
    fusabi_error("ArgumentException", lambda: call("File.readAllText", ctx, "a\x00b"))


def test_fifos_are_refused_without_blocking(sandbox: tuple[Path, Path]) -> None:
    allowed, _ = sandbox
    os.mkfifo(allowed / "pipe")
    ctx = fs_context(allowed)
    start = time.monotonic()
    assert "not a regular file" in fusabi_error(
        "IOException", lambda: call("File.readAllText", ctx, "pipe")
    )
    fusabi_error("IOException", lambda: call("File.writeAllText", ctx, "pipe", "x"))
    assert time.monotonic() - start < 2


def test_files_over_the_size_limit_are_refused_before_reading(sandbox: tuple[Path, Path]) -> None:
    allowed, _ = sandbox
    ctx = fs_context(allowed, max_collection_size=10)
    (allowed / "ten.txt").write_text("0123456789")
    assert call("File.readAllText", ctx, "ten.txt") == "0123456789"
    (allowed / "eleven.txt").write_text("0123456789A")
    with pytest.raises(LimitExceeded) as info:
        call("File.readLines", ctx, "eleven.txt")
    assert info.value.limit == "max_collection_size"
    assert "eleven.txt" in str(info.value)


def test_reading_outside_the_grant_is_denied(sandbox: tuple[Path, Path]) -> None:
    allowed, outside = sandbox
    secret = outside / "secret.txt"
    secret.write_text("secret")
    ctx = fs_context(allowed)
    for name in ("File.readLines", "File.readAllText", "File.exists"):
        denied(lambda: call(name, ctx, str(secret)), "fs:read", str(secret))  # noqa: B023
    denied(lambda: call("File.readAllText", ctx, "../outside/secret.txt"), "fs:read", str(secret))


def test_writing_needs_fs_write_for_the_path(sandbox: tuple[Path, Path]) -> None:
    allowed, outside = sandbox
    read_only = make_context(f"fs:read={allowed}", base_dir=allowed)
    target = str(allowed / "new.txt")
    denied(lambda: call("File.writeAllText", read_only, "new.txt", "x"), "fs:write", target)
    denied(lambda: call("File.appendLine", read_only, "new.txt", "x"), "fs:write", target)
    denied(lambda: call("File.writeLines", read_only, "new.txt", NIL), "fs:write", target)
    denied(lambda: call("File.delete", read_only, "new.txt"), "fs:write", target)
    assert not (allowed / "new.txt").exists()
    ctx = fs_context(allowed)
    elsewhere = outside / "x.txt"
    denied(lambda: call("File.writeAllText", ctx, str(elsewhere), "x"), "fs:write", str(elsewhere))
    assert not elsewhere.exists()


def test_a_symlink_pointing_outside_the_grant_is_denied(sandbox: tuple[Path, Path]) -> None:
    allowed, outside = sandbox
    secret = outside / "secret.txt"
    secret.write_text("secret")
    (allowed / "link.txt").symlink_to(secret)
    (allowed / "linkdir").symlink_to(outside, target_is_directory=True)
    ctx = fs_context(allowed)
    denied(lambda: call("File.readAllText", ctx, "link.txt"), "fs:read", str(secret))
    denied(lambda: call("File.readLines", ctx, "linkdir/secret.txt"), "fs:read", str(secret))
    denied(lambda: call("File.writeAllText", ctx, "link.txt", "pwned"), "fs:write", str(secret))
    denied(lambda: call("File.appendLine", ctx, "linkdir/secret.txt", "x"), "fs:write", str(secret))
    assert secret.read_text() == "secret"


def test_a_symlink_inside_the_grant_is_followed(sandbox: tuple[Path, Path]) -> None:
    allowed, _ = sandbox
    (allowed / "real.txt").write_text("data\n")
    (allowed / "alias.txt").symlink_to(allowed / "real.txt")
    ctx = fs_context(allowed)
    assert to_pylist(call("File.readLines", ctx, "alias.txt")) == ["data"]


def test_deleting_a_symlink_removes_the_link_not_its_target(sandbox: tuple[Path, Path]) -> None:
    allowed, outside = sandbox
    target = outside / "keep.txt"
    target.write_text("keep")
    (allowed / "link.txt").symlink_to(target)
    ctx = fs_context(allowed)
    call("File.delete", ctx, "link.txt")
    assert not (allowed / "link.txt").is_symlink()
    assert target.read_text() == "keep"
    denied(lambda: call("File.delete", ctx, str(target)), "fs:write", str(target))
    assert target.exists()


# =========================================================================== Process


def test_run_captures_exit_code_and_output(tmp_path: Path) -> None:
    ctx = make_context(f"process:exec={PY}")
    code = "import sys; print('out é'); sys.stderr.write('err'); sys.exit(3)"
    result = call("Process.run", ctx, PY, from_iterable(["-c", code]))
    assert result == {"exitCode": 3, "stdout": "out é\n", "stderr": "err"}


def test_run_passes_arguments_without_a_shell() -> None:
    ctx = make_context(f"process:exec={PY}")
    args = ["-c", "import sys; print(sys.argv[1:])", "$HOME", "a b", "; rm -rf /", "*"]
    result = call("Process.run", ctx, PY, from_iterable(args))
    assert result["stdout"] == "['$HOME', 'a b', '; rm -rf /', '*']\n"  # type: ignore[index]


def test_run_needs_process_exec_for_exactly_that_command() -> None:
    ctx = make_context("process:exec=echo")
    # the resource checked is the whole argument vector, quoted as a shell would
    denied(lambda: call("Process.run", ctx, PY, from_iterable(["-V"])), "process:exec", f"{PY} -V")
    denied(lambda: call("Process.run", ctx, "/bin/echo", NIL), "process:exec", "/bin/echo")
    result = call("Process.run", ctx, "echo", from_iterable(["hi"]))
    assert result["stdout"] == "hi\n"  # type: ignore[index]
    denied(lambda: call("Process.run", make_context(), "echo", NIL), "process:exec", "echo")


def test_run_shell_needs_process_exec_for_sh() -> None:
    denied(
        lambda: call("Process.runShell", make_context(f"process:exec={PY}"), "echo hi"),
        "process:exec",
        "sh",
    )
    for grant in ("process:exec=sh", "process:exec"):
        result = call("Process.runShell", make_context(grant), "echo $((1 + 2)) | tr 3 x")
        assert result == {"exitCode": 0, "stdout": "x\n", "stderr": ""}


def test_run_of_a_missing_command_is_an_io_exception() -> None:
    ctx = make_context("process:exec")
    message = fusabi_error(
        "IOException", lambda: call("Process.run", ctx, "no-such-command-xyz", NIL)
    )
    assert "no-such-command-xyz" in message
    fusabi_error(
        "ArgumentException", lambda: call("Process.run", ctx, "echo", from_iterable(["\x00"]))
    )


def test_output_is_decoded_lossily_and_capped() -> None:
    ctx = make_context(f"process:exec={PY}")
    code = "import sys; sys.stdout.buffer.write(b'a\\xffb')"
    assert call("Process.run", ctx, PY, from_iterable(["-c", code]))["stdout"] == "a\ufffdb"  # type: ignore[index]
    size = process_module.PROCESS_OUTPUT_LIMIT + 1_000_000
    code = f"import sys; sys.stdout.write('x' * {size}); sys.stderr.write('done')"
    result = call("Process.run", ctx, PY, from_iterable(["-c", code]))
    assert len(result["stdout"]) == process_module.PROCESS_OUTPUT_LIMIT  # type: ignore[index]
    assert result["stderr"] == "done"  # type: ignore[index]
    assert result["exitCode"] == 0  # type: ignore[index]


def test_a_process_killed_by_a_signal_has_exit_code_minus_one() -> None:
    ctx = make_context(f"process:exec={PY}")
    code = "import os, signal; os.kill(os.getpid(), signal.SIGKILL)"
    assert call("Process.run", ctx, PY, from_iterable(["-c", code]))["exitCode"] == -1  # type: ignore[index]


def test_a_slow_command_times_out_and_is_killed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(process_module, "PROCESS_TIMEOUT", 0.5)
    ctx = make_context("process:exec=sh")
    start = time.monotonic()
    message = fusabi_error("TimeoutException", lambda: call("Process.runShell", ctx, "sleep 20"))
    assert "sh" in message and "0.5 seconds" in message
    assert time.monotonic() - start < 5


def test_background_children_do_not_keep_run_waiting(tmp_path: Path) -> None:
    ctx = make_context("process:exec=sh")
    marker = tmp_path / "survived"
    start = time.monotonic()
    result = call("Process.runShell", ctx, f"(sleep 1; touch {marker}) & echo started")
    assert result["stdout"] == "started\n"  # type: ignore[index]
    assert time.monotonic() - start < 1
    time.sleep(1.5)
    assert not marker.exists()  # the leftover child was killed with the process group


def test_run_uses_the_plugin_directory_and_the_instance_environment(tmp_path: Path) -> None:
    base = tmp_path.resolve()
    ctx = make_context(f"process:exec={PY}", "env:write=FZ_*", base_dir=base)
    call("Process.setEnv", ctx, "FZ_GREETING", "hello")
    code = "import os; print(os.getcwd()); print(os.environ['FZ_GREETING'])"
    result = call("Process.run", ctx, PY, from_iterable(["-c", code]))
    assert result["stdout"] == f"{base}\nhello\n"  # type: ignore[index]


def test_env_reads_the_overlay_first_then_the_host(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FZ_HOST_VAR", "from host")
    monkeypatch.delenv("FZ_NEW", raising=False)
    ctx = make_context("env:read=FZ_*", "env:write=FZ_*")
    assert call("Process.env", ctx, "FZ_HOST_VAR") == make_some("from host")
    assert call("Process.env", ctx, "FZ_MISSING") == NONE
    call("Process.setEnv", ctx, "FZ_HOST_VAR", "from plugin")
    call("Process.setEnv", ctx, "FZ_NEW", "")
    assert call("Process.env", ctx, "FZ_HOST_VAR") == make_some("from plugin")
    assert call("Process.env", ctx, "FZ_NEW") == make_some("")
    # The host process's environment is untouched, and other instances see nothing.
    assert os.environ["FZ_HOST_VAR"] == "from host"
    assert "FZ_NEW" not in os.environ
    other = make_context("env:read=FZ_*")
    assert call("Process.env", other, "FZ_HOST_VAR") == make_some("from host")
    assert call("Process.env", other, "FZ_NEW") == NONE


def test_env_capabilities_are_scoped_by_variable_name() -> None:
    ctx = make_context("env:read=FZ_*", "env:write=FZ_OK")
    denied(lambda: call("Process.env", ctx, "PATH"), "env:read", "PATH")
    denied(lambda: call("Process.setEnv", ctx, "FZ_OTHER", "x"), "env:write", "FZ_OTHER")
    denied(lambda: call("Process.setEnv", ctx, "PATH", "/evil"), "env:write", "PATH")
    call("Process.setEnv", ctx, "FZ_OK", "yes")
    assert call("Process.env", ctx, "FZ_OK") == make_some("yes")


def test_set_env_rejects_invalid_names() -> None:
    ctx = make_context("env:write")
    for name in ("", "A=B", "A\x00"):
        fusabi_error("ArgumentException", lambda: call("Process.setEnv", ctx, name, "x"))  # noqa: B023


def test_cwd_is_the_plugin_directory(tmp_path: Path) -> None:
    ctx = make_context("env:read=cwd", base_dir=tmp_path)
    assert call("Process.cwd", ctx, None) == str(tmp_path)
    assert call("Process.cwd", make_context("env:read=cwd"), None) == os.getcwd()
    denied(lambda: call("Process.cwd", make_context("env:read=HOME"), None), "env:read", "cwd")


# =========================================================================== Events


def recorder() -> tuple[list[object], Callable[[str], Callable[[object], None]]]:
    seen: list[object] = []

    def handler(label: str) -> Callable[[object], None]:
        return lambda data: seen.append((label, data))

    return seen, handler


def test_events_call_handlers_in_registration_order() -> None:
    ctx = make_context()
    seen, handler = recorder()
    assert call("Events.on", ctx, "tick", handler("a")) == 1
    assert call("Events.once", ctx, "tick", handler("once")) == 2
    assert call("Events.on", ctx, "tick", handler("b")) == 3
    assert call("Events.on", ctx, "other", handler("c")) == 4
    call("Events.emit", ctx, "tick", 1)
    call("Events.emitAsync", ctx, "tick", 2)
    assert seen == [("a", 1), ("once", 1), ("b", 1), ("a", 2), ("b", 2)]
    call("Events.emit", ctx, "nobody-listens", 0)


def test_events_off_handlers_list_and_clear() -> None:
    ctx = make_context()
    seen, handler = recorder()
    first = call("Events.on", ctx, "b", handler("1"))
    call("Events.on", ctx, "b", handler("2"))
    call("Events.once", ctx, "a", handler("3"))
    assert call("Events.handlers", ctx, "b") == 2
    assert to_pylist(call("Events.list", ctx, None)) == ["a", "b"]
    assert call("Events.off", ctx, first) is True
    assert call("Events.off", ctx, first) is False
    assert call("Events.off", ctx, 999) is False
    assert call("Events.handlers", ctx, "b") == 1
    call("Events.emit", ctx, "a", None)  # the once handler goes away
    assert to_pylist(call("Events.list", ctx, None)) == ["b"]
    call("Events.clear", ctx, "b")
    assert call("Events.handlers", ctx, "b") == 0
    assert call("Events.list", ctx, None) is NIL
    call("Events.on", ctx, "x", handler("4"))
    call("Events.clearAll", ctx, None)
    assert call("Events.list", ctx, None) is NIL
    assert seen == [("3", None)]


def test_events_are_per_instance_with_ids_from_one() -> None:
    one, two = make_context(), make_context()
    seen, handler = recorder()
    assert call("Events.on", one, "e", handler("one")) == 1
    assert call("Events.on", one, "e", handler("one")) == 2
    assert call("Events.on", two, "e", handler("two")) == 1
    call("Events.emit", two, "e", "x")
    assert seen == [("two", "x")]
    assert call("Events.off", two, 2) is False


def test_handlers_added_or_once_handlers_fired_during_emit() -> None:
    ctx = make_context()
    seen: list[object] = []

    def reentrant(data: object) -> None:
        seen.append(("once", data))
        call("Events.on", ctx, "e", lambda d: seen.append(("late", d)))
        call("Events.emit", ctx, "e", "inner")

    call("Events.once", ctx, "e", reentrant)
    call("Events.emit", ctx, "e", "outer")
    # The once handler ran exactly once; the handler it added ran for the inner emit only.
    assert seen == [("once", "outer"), ("late", "inner")]


def test_a_failing_handler_propagates_its_exception() -> None:
    ctx = make_context()

    def boom(_: object) -> None:
        failure("handler failed")

    call("Events.on", ctx, "e", boom)
    assert fusabi_error("Failure", lambda: call("Events.emit", ctx, "e", 0)) == "handler failed"


# =========================================================================== Random


def test_random_is_seeded_per_instance_and_within_bounds() -> None:
    first = [call("Random.int", make_context("random", seed=7), 0, 100) for _ in range(3)]
    ctx_a, ctx_b = make_context("random", seed=42), make_context("random", seed=42)
    draws_a = [call("Random.int", ctx_a, -5, 5) for _ in range(200)]
    draws_b = [call("Random.int", ctx_b, -5, 5) for _ in range(200)]
    assert draws_a == draws_b
    assert set(draws_a) == set(range(-5, 5))  # hi is exclusive
    assert len(set(first)) == 1
    floats = [call("Random.float", ctx_a, None) for _ in range(200)]
    assert all(isinstance(f, float) and 0.0 <= f < 1.0 for f in floats)


def test_random_edge_cases() -> None:
    ctx = make_context("random")
    assert call("Random.int", ctx, 3, 3) == 3
    assert call("Random.int", ctx, 3, 4) == 3
    big = call("Random.int", ctx, -(2**63), 2**63 - 1)
    assert -(2**63) <= big < 2**63 - 1  # type: ignore[operator]
    message = fusabi_error("ArgumentOutOfRangeException", lambda: call("Random.int", ctx, 5, 1))
    assert "5" in message and "1" in message


def test_random_needs_the_random_capability() -> None:
    denied(lambda: call("Random.int", make_context(), 0, 10), "random", None)
    denied(lambda: call("Random.float", make_context("time:read"), None), "random", None)


# =========================================================================== Config


def schema(name: str, **fields: object) -> dict[str, object]:
    return {"name": name, **fields}


def test_config_define_get_set_reset() -> None:
    ctx = make_context()
    call("Config.define", ctx, schema("port", configType="int", default=make_some(8080)))
    call("Config.define", ctx, schema("title", configType="string", default=NONE))
    assert call("Config.get", ctx, "port") == make_some(8080)
    assert call("Config.getOr", ctx, "port", 1) == 8080
    assert call("Config.has", ctx, "title") is False
    assert call("Config.get", ctx, "title") == NONE
    assert call("Config.getOr", ctx, "title", "untitled") == "untitled"
    call("Config.set", ctx, "port", 9000)
    call("Config.set", ctx, "title", "Hi")
    assert call("Config.get", ctx, "port") == make_some(9000)
    assert call("Config.getOr", ctx, "title", "untitled") == "Hi"
    call("Config.reset", ctx, "port")
    call("Config.reset", ctx, "title")
    assert call("Config.get", ctx, "port") == make_some(8080)
    assert call("Config.has", ctx, "title") is False
    assert to_pylist(call("Config.list", ctx, None)) == ["port", "title"]


def test_config_values_may_be_any_fusabi_value_and_need_no_schema() -> None:
    ctx = make_context()
    value = {"nested": FzArray([from_iterable([1, 2]), make_some("x")])}
    call("Config.set", ctx, "anything", value)
    assert call("Config.get", ctx, "anything") == make_some(value)
    assert call("Config.has", ctx, "anything") is True
    assert call("Config.get", ctx, "undefined") == NONE
    call("Config.reset", ctx, "undefined")  # nothing to reset: no error
    assert to_pylist(call("Config.list", ctx, None)) == ["anything"]


def test_config_checks_types_and_validators() -> None:
    ctx = make_context()
    positive = make_some(lambda v: v > 0)
    call("Config.define", ctx, schema("n", configType="int", validator=positive))
    message = fusabi_error("ArgumentException", lambda: call("Config.set", ctx, "n", "7"))
    assert "'n'" in message and "int" in message and "string" in message
    fusabi_error("ArgumentException", lambda: call("Config.set", ctx, "n", True))
    message = fusabi_error("ArgumentException", lambda: call("Config.set", ctx, "n", -1))
    assert "validator" in message
    call("Config.set", ctx, "n", 5)
    assert call("Config.get", ctx, "n") == make_some(5)
    call("Config.define", ctx, schema("tags", configType="list"))
    call("Config.set", ctx, "tags", NIL)
    call("Config.set", ctx, "tags", from_iterable(["a"]))
    fusabi_error("ArgumentException", lambda: call("Config.set", ctx, "tags", FzArray()))


def test_config_define_rejects_bad_schemas() -> None:
    ctx = make_context()
    bad = [
        "not a record",
        {"configType": "int"},
        schema(""),
        schema("x", configType="complex"),
        schema("x", default=5),  # must be an option
        schema("x", validator=make_some(3)),
        schema("x", configType="int", default=make_some("five")),
        schema("x", default=make_some(-1), validator=make_some(lambda v: v > 0)),
    ]
    for value in bad:
        fusabi_error("ArgumentException", lambda: call("Config.define", ctx, value))  # noqa: B023
    assert call("Config.list", ctx, None) is NIL


def test_config_redefinition_resets_the_value_and_instances_are_separate() -> None:
    one, two = make_context(), make_context()
    call("Config.define", one, schema("mode", default=make_some("fast")))
    call("Config.set", one, "mode", "slow")
    call("Config.define", one, schema("mode", default=make_some("safe")))
    assert call("Config.get", one, "mode") == make_some("safe")
    assert call("Config.get", two, "mode") == NONE
    assert call("Config.list", two, None) is NIL


def test_child_processes_get_only_the_environment_the_plugin_may_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("FZ_SECRET_TOKEN", "s3cret")
    monkeypatch.setenv("FZ_PUBLIC_REGION", "eu-west")
    show = (
        "import os, json; print(json.dumps(sorted(k for k in os.environ if k.startswith('FZ_'))))"
    )
    ctx = make_context(f"process:exec={PY}", "env:read=FZ_PUBLIC_*", "env:write=FZ_MINE")
    call("Process.setEnv", ctx, "FZ_MINE", "1")
    result = call("Process.run", ctx, PY, from_iterable(["-c", show]))
    assert result["stdout"] == '["FZ_MINE", "FZ_PUBLIC_REGION"]\n'  # type: ignore[index]
    path = call(
        "Process.run", ctx, PY, from_iterable(["-c", "import os; print('PATH' in os.environ)"])
    )
    assert path["stdout"] == "True\n"  # type: ignore[index]
    # asking what to pass on is not a denial
    assert ctx.allows("env:read", "FZ_SECRET_TOKEN") is False
