"""Plugin code learns nothing about the host: no host error text, no addresses or hash seed,
no raw plugin objects reaching the host, and no plugin function outliving its plugin."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from fusabi_host import (
    Capabilities,
    EngineConfig,
    FusabiRuntimeError,
    InvalidState,
    LimitExceeded,
    Limits,
    PluginRuntime,
    compile_source,
)
from fusabi_host.convert import PluginFunction

ROOT = Path(__file__).resolve().parents[2]


def test_eval_to_string_does_not_catch_a_refused_capability(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("s3cret")
    source = f'let main () = Script.evalToString "File.readAllText \\"{secret}\\""'
    instance = compile_source(source).instantiate(EngineConfig(capabilities=Capabilities.none()))
    with pytest.raises(Exception) as caught:
        instance.call("main")
    assert type(caught.value).__name__ == "CapabilityError"


def test_eval_to_string_does_not_catch_a_limit() -> None:
    source = 'let main () = Script.evalToString "let rec f n = f (n + 1) in f 0"'
    instance = compile_source(source).instantiate(EngineConfig(limits=Limits(timeout=0.5)))
    with pytest.raises(LimitExceeded) as caught:
        instance.call("main")
    assert caught.value.limit == "timeout"


def test_eval_to_string_still_reports_the_codes_own_failure() -> None:
    source = 'let main () = Script.evalToString "failwith \\"boom\\""'
    instance = compile_source(source).instantiate(EngineConfig())
    assert "boom" in instance.call("main")


def test_try_with_cannot_catch_a_limit() -> None:
    source = "let rec spin n = spin (n + 1)\nlet main () = try spin 0 with e -> -1\n"
    instance = compile_source(source).instantiate(EngineConfig(limits=Limits(max_fuel=10_000)))
    with pytest.raises(LimitExceeded):
        instance.call("main")


def test_a_host_functions_error_text_stays_in_the_host() -> None:
    def leaky(_x: object) -> object:
        raise OSError("/very/secret/path: permission denied")

    source = "let main f = try f 1 with e -> e.Message"
    instance = compile_source(source).instantiate(EngineConfig())
    message = instance.call("main", leaky)
    assert "secret" not in message
    assert "OSError" in message


def _hashes_in_a_fresh_process(seed: str) -> str:
    code = (
        "from fusabi_host import compile_source, EngineConfig\n"
        'i = compile_source(\'let h () = [hash "abc"; hash ("x", 1); hash [Some "k"]; '
        "hash None]').instantiate(EngineConfig())\n"
        "print(i.call('h'))\n"
    )
    env = {**os.environ, "PYTHONHASHSEED": seed}
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return done.stdout


def test_hash_is_the_same_in_every_process() -> None:
    first = _hashes_in_a_fresh_process("1")
    assert first == _hashes_in_a_fresh_process("2") == _hashes_in_a_fresh_process("random")


def test_hash_of_a_union_case_does_not_depend_on_object_addresses() -> None:
    source = "type T = A | B of int\nlet h () = hash (B 1)"
    first = compile_source(source).instantiate(EngineConfig()).call("h")
    again = compile_source(source + "\n").instantiate(EngineConfig()).call("h")
    assert first == again


def test_an_uncaught_plugin_exception_reaches_the_host_converted() -> None:
    source = "exception Bad of (int -> int)\nlet main () = raise (Bad (fun x -> x + 1))"
    instance = compile_source(source).instantiate(EngineConfig())
    with pytest.raises(FusabiRuntimeError) as caught:
        instance.call("main")
    carried = caught.value.exception
    fields = getattr(carried, "fields", ())
    assert fields and isinstance(fields[0], PluginFunction), carried
    assert fields[0](1) == 2  # it runs under the plugin's limits, through the instance


def test_plugin_functions_die_with_their_plugin(tmp_path: Path) -> None:
    plugin = tmp_path / "adder.fsx"
    plugin.write_text("let adder n = fun x -> x + n\n")
    with PluginRuntime() as runtime:
        handle = runtime.load_source(plugin)
        add2 = runtime.call(handle.name, "adder", [2])
        assert add2(1) == 3
        runtime.unload(handle.name)
        with pytest.raises(InvalidState):
            add2(1)
