"""The on-disk compile cache: programs read back from it behave exactly like the programs
compiled, entries that are damaged or planted are never used, and the directory must be
private.  Every program of the F# corpus is compiled, stored, read back in place of a fresh
compile, and run."""

from __future__ import annotations

import os
import stat
from decimal import Decimal
from pathlib import Path

import pytest

import fusabi_host
from fusabi_host import EngineConfig
from fusabi_host.lang import compiler
from fusabi_host.lang.diskcache import DiskCache, default_cache, engine_fingerprint
from tests.lang.test_fsharp_corpus import CORPUS, KNOWN, PROGRAMS

ROUND_TRIP = [name for name in PROGRAMS if name not in KNOWN]


def run(unit: fusabi_host.CompiledUnit) -> tuple[str, object]:
    chunks: list[str] = []
    instance = unit.instantiate(EngineConfig(), stdout=chunks.append)
    return "".join(chunks), instance.value


def compile_through(cache: DiskCache, source: str, filename: str) -> fusabi_host.CompiledUnit:
    compiler.CACHE.clear()  # (the in-memory cache would answer first)
    return fusabi_host.compile_source(source, filename, compile_cache=str(cache.directory))


@pytest.mark.parametrize("name", ROUND_TRIP)
def test_a_program_read_back_from_the_cache_runs_as_compiled(tmp_path: Path, name: str) -> None:
    cache = DiskCache(tmp_path / "cache")
    source = (CORPUS / f"{name}.fsx").read_text()
    fresh = compile_through(cache, source, f"{name}.fsx")
    assert len(list(cache.directory.glob("*.fzc"))) == 1
    again = compile_through(cache, source, f"{name}.fsx")
    assert again.program is not fresh.program  # (read back, not the same object)
    assert run(again) == run(fresh) == ((CORPUS / f"{name}.out").read_text(), run(fresh)[1])
    for export in fresh.bindings:
        assert str(again.signature(export)) == str(fresh.signature(export))
    assert again.program.python_source() == fresh.program.python_source()


def test_a_cached_plugin_calls_take_and_return_the_same_values(tmp_path: Path) -> None:
    source = """\
type Shape = Circle of r: float | Rect of w: float * h: float
type Item = { Name: string; Tags: string list; Price: decimal }
exception Refused of string
let area s = match s with Circle r -> 3.0 * r * r | Rect (w, h) -> w * h
let describe (item: Item) = sprintf "%s %A %M" item.Name item.Tags item.Price
let refuse (why: string) : int = raise (Refused why)
let find k = Map.ofList [(1, "one")] |> Map.tryFind k
"""
    cache = DiskCache(tmp_path / "cache")
    fresh = compile_through(cache, source, "shapes.fsx")
    again = compile_through(cache, source, "shapes.fsx")
    assert again.program is not fresh.program
    one, two = (unit.instantiate(EngineConfig()) for unit in (fresh, again))
    circle = fusabi_host.Variant("Circle", (2.0,))
    item = {"Name": "pen", "Tags": ["a", "b"], "Price": Decimal("1.50")}
    for instance in (one, two):
        assert instance.call("area", circle) == 12.0
        assert instance.call("describe", item) == 'pen ["a"; "b"] 1.50'
        assert instance.call("find", 1) == fusabi_host.Variant("Some", ("one",))
        assert instance.call("find", 2) == fusabi_host.Variant("None", ())
        with pytest.raises(fusabi_host.FusabiRuntimeError) as refused:
            instance.call("refuse", "no")
        assert "Refused" in str(refused.value)


def test_a_corrupted_entry_is_compiled_again_and_replaced(tmp_path: Path) -> None:
    cache = DiskCache(tmp_path / "cache")
    source = 'let greet name = "hello " + name\n'
    compile_through(cache, source, "greet.fsx")
    (entry,) = cache.directory.glob("*.fzc")
    data = bytearray(entry.read_bytes())
    data[len(data) // 2] ^= 0xFF
    entry.write_bytes(bytes(data))
    unit = compile_through(cache, source, "greet.fsx")
    assert unit.instantiate(EngineConfig()).call("greet", "ada") == "hello ada"
    restored = compile_through(cache, source, "greet.fsx")  # (the entry was written again)
    assert restored.instantiate(EngineConfig()).call("greet", "ada") == "hello ada"
    for damage in (b"", b"FZHCACHE1\n", entry.read_bytes()[:-7]):
        entry.write_bytes(damage)
        assert cache.get(entry.stem) is None
        assert not entry.exists()  # (a damaged entry is removed)
        compile_through(cache, source, "greet.fsx")


def test_an_entry_that_names_other_code_is_refused(tmp_path: Path) -> None:
    """An entry whose metadata would build anything but fusabi-host's own values (a planted
    pickle calling os.system) is refused by the unpickler even with a valid checksum."""
    import hashlib
    import marshal
    import pickle

    cache = DiskCache(tmp_path / "cache")
    source = "let x = 1\n"
    compile_through(cache, source, "x.fsx")
    (entry,) = cache.directory.glob("*.fzc")
    marker = tmp_path / "pwned"

    class Evil:
        def __reduce__(self):  # type: ignore[no-untyped-def]
            return (os.system, (f"touch {marker}",))

    body = marshal.dumps((compile("0", "x", "eval"), pickle.dumps({"evil": Evil()})))
    entry.write_bytes(b"FZHCACHE1\n" + hashlib.sha256(body).digest() + body)
    assert cache.get(entry.stem) is None
    unit = compile_through(cache, source, "x.fsx")
    assert unit.instantiate(EngineConfig()).get("x") == 1
    assert not marker.exists()


def test_a_directory_other_users_can_reach_is_not_used(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o777)
    shared.chmod(0o777)
    cache = DiskCache(shared)
    assert cache.usable() is False
    compile_through(cache, "let y = 2\n", "y.fsx")
    assert list(shared.iterdir()) == []
    link = tmp_path / "link"
    private = tmp_path / "private"
    private.mkdir(mode=0o700)
    link.symlink_to(private)
    assert DiskCache(link).usable() is False


def test_a_new_directory_is_created_private(tmp_path: Path) -> None:
    cache = DiskCache(tmp_path / "a" / "b")
    compile_through(cache, "let z = 3\n", "z.fsx")
    assert stat.S_IMODE(os.stat(cache.directory).st_mode) == 0o700
    (entry,) = cache.directory.glob("*.fzc")
    assert stat.S_IMODE(os.stat(entry).st_mode) == 0o600


def test_the_key_covers_content_file_name_and_engine(tmp_path: Path) -> None:
    keys = {
        DiskCache.key("source", b"let a = 1", "a.fsx"),
        DiskCache.key("source", b"let a = 2", "a.fsx"),
        DiskCache.key("source", b"let a = 1", "b.fsx"),
        DiskCache.key("bytecode", b"let a = 1", "a.fsx"),
    }
    assert len(keys) == 4
    assert len(engine_fingerprint()) == 64


def test_a_changed_load_file_is_not_served_from_the_cache(tmp_path: Path) -> None:
    cache = DiskCache(tmp_path / "cache")
    (tmp_path / "lib.fsx").write_text("let base = 10\n")
    main = tmp_path / "main.fsx"
    main.write_text('#load "lib.fsx"\nlet value = base + 1\n')

    def value() -> object:
        compiler.CACHE.clear()
        unit = fusabi_host.compile_file(main, compile_cache=str(cache.directory))
        return unit.instantiate(EngineConfig()).get("value")

    assert value() == 11
    (tmp_path / "lib.fsx").write_text("let base = 20\n")
    assert value() == 21


def test_the_cache_can_be_turned_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FUSABI_HOST_CACHE_DIR", str(tmp_path / "env"))
    assert default_cache() is not None
    monkeypatch.setenv("FUSABI_HOST_COMPILE_CACHE", "0")
    assert default_cache() is None
    monkeypatch.delenv("FUSABI_HOST_COMPILE_CACHE")
    compiler.CACHE.clear()
    fusabi_host.compile_source("let off = 1\n", "off.fsx", compile_cache=False)
    assert not (tmp_path / "env").exists()
    compiler.CACHE.clear()
    fusabi_host.compile_source("let on = 1\n", "on.fsx")
    assert len(list((tmp_path / "env").glob("*.fzc"))) == 1


def test_old_entries_are_trimmed(tmp_path: Path) -> None:
    cache = DiskCache(tmp_path / "cache")
    for index in range(5):
        compile_through(cache, f"let n = {index}\n", "n.fsx")
    cache.trim(keep=2)
    assert len(list(cache.directory.glob("*.fzc"))) == 2
    cache.clear()
    assert list(cache.directory.glob("*.fzc")) == []
