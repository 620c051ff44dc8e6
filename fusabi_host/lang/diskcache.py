"""The on-disk compile cache: compiled programs kept between processes, so that a host that
starts again loads its plugins without compiling them again.

An entry is keyed by the SHA-256 of everything the compiled program depends on: the kind of
input (source or bytecode), its file name and content, the Python version (code objects are
version-specific) and the **engine fingerprint**, a hash of the compiler's own source files
(so an upgraded or edited fusabi-host never reads an older compiler's output).  A program
that ``#load``-ed other files is used only while they still read the same.

Safety:

* The directory is created private (mode ``0700``) and used only while it is owned by this
  user and neither group- nor world-accessible and not a symbolic link; otherwise the cache
  is off for the process (logged once), never trusted.  So no other user can plant or read an
  entry.
* Each entry is written to a temporary file and renamed into place, and carries the SHA-256
  of its payload: a truncated or corrupted entry fails the check, is removed and compiled
  again, never used.  An entry that decodes to anything unexpected is treated the same way.
* The metadata is unpickled by a restricted unpickler that builds only fusabi-host's own
  value and type classes (and a few plain builtins); library functions are stored by name
  and looked up again in the standard library.

It is on by default, in ``$FUSABI_HOST_CACHE_DIR``, else ``$XDG_CACHE_HOME/fusabi-host``, else
``~/.cache/fusabi-host``.  Turn it off with ``FUSABI_HOST_COMPILE_CACHE=0`` or
``EngineConfig(compile_cache=False)``.  It holds at most :data:`MAX_ENTRIES` entries; the
oldest go first.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import io
import logging
import marshal
import os
import pickle
import stat
import sys
import threading
from pathlib import Path
from types import CodeType
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    from fusabi_host.lang.program import Program
    from fusabi_host.lang.stdlib.registry import Builtin

__all__ = [
    "CACHE_DIR_ENV",
    "CACHE_SWITCH_ENV",
    "MAX_ENTRIES",
    "DiskCache",
    "default_cache",
    "engine_fingerprint",
]

log = logging.getLogger("fusabi_host.cache")

CACHE_DIR_ENV: Final = "FUSABI_HOST_CACHE_DIR"
CACHE_SWITCH_ENV: Final = "FUSABI_HOST_COMPILE_CACHE"
MAX_ENTRIES: Final = 4096
"""Entries kept; past this, the oldest (by modification time) are removed."""

MAX_ENTRY_BYTES: Final = 64 << 20
"""An entry larger than this is not read (a program that large is compiled again)."""

_MAGIC: Final = b"FZHCACHE1\n"
_DIGEST: Final = 32
_TRIM_EVERY: Final = 64  # entries written between two looks at the directory's size


@functools.cache
def engine_fingerprint() -> str:
    """A hash of the compiler's source (every module of :mod:`fusabi_host.lang`) and the
    Python version: what a cached program was built by."""
    digest = hashlib.sha256(sys.version.encode())
    digest.update(repr(sys.implementation.cache_tag).encode())
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*.py")):
        digest.update(str(path.relative_to(package)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


class DiskCache:
    """Compiled programs in one private directory (see the module docstring)."""

    def __init__(self, directory: str | Path) -> None:
        self.directory = Path(directory)
        self._usable: bool | None = None
        self._lock = threading.Lock()
        self._written = 0

    # ------------------------------------------------------------------ keys

    @staticmethod
    def key(kind: str, content: bytes, filename: str) -> str:
        """The entry name for a program compiled from *content* (``kind``: ``"source"`` or
        ``"bytecode"``) under *filename*, by this engine."""
        digest = hashlib.sha256(engine_fingerprint().encode())
        for part in (kind.encode(), filename.encode("utf-8", "surrogatepass"), content):
            digest.update(len(part).to_bytes(8, "little"))
            digest.update(part)
        return digest.hexdigest()

    # ------------------------------------------------------------------ the directory

    def usable(self) -> bool:
        """Is the directory private to this user (created so when missing)?  Decided once."""
        if self._usable is None:
            with self._lock:
                if self._usable is None:
                    self._usable = self._check_directory()
        return self._usable

    def _check_directory(self) -> bool:
        try:
            self.directory.mkdir(mode=0o700, parents=True, exist_ok=True)
            info = os.lstat(self.directory)
        except OSError as exc:
            log.warning("compile cache off: cannot use %s: %s", self.directory, exc)
            return False
        problem = None
        if stat.S_ISLNK(info.st_mode) or not stat.S_ISDIR(info.st_mode):
            problem = "it is not a directory"
        elif hasattr(os, "geteuid") and info.st_uid != os.geteuid():
            problem = "another user owns it"
        elif info.st_mode & 0o077:
            problem = f"other users may access it (mode {stat.S_IMODE(info.st_mode):o})"
        if problem is not None:
            log.warning("compile cache off: %s is not private: %s", self.directory, problem)
            return False
        return True

    def _path(self, key: str) -> Path:
        return self.directory / f"{key}.fzc"

    # ------------------------------------------------------------------ reading

    def get(self, key: str) -> Program | None:
        """The program stored under *key*, or ``None`` (missing, corrupted, written by
        another user, or ``#load``-ing a file that changed since)."""
        if not self.usable():
            return None
        path = self._path(key)
        data = self._read(path)
        if data is None:
            return None
        try:
            program = _decode(data)
        except Exception as exc:  # (anything a damaged entry can raise: never trusted)
            log.info("compile cache: dropping unreadable entry %s: %s", path.name, exc)
            self._remove(path)
            return None
        from fusabi_host.lang.compiler import loaded_files_unchanged  # noqa: PLC0415

        return program if loaded_files_unchanged(program) else None

    def _read(self, path: Path) -> bytes | None:
        flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
        try:
            fd = os.open(path, flags)
        except OSError:
            return None
        try:
            info = os.fstat(fd)
            if (
                not stat.S_ISREG(info.st_mode)
                or (hasattr(os, "geteuid") and info.st_uid != os.geteuid())
                or info.st_size > MAX_ENTRY_BYTES
            ):
                return None
            with os.fdopen(os.dup(fd), "rb") as stream:
                data = stream.read(MAX_ENTRY_BYTES + 1)
        except OSError:
            return None
        finally:
            os.close(fd)
        body = data[len(_MAGIC) + _DIGEST :]
        if (
            not data.startswith(_MAGIC)
            or hashlib.sha256(body).digest() != data[len(_MAGIC) :][:_DIGEST]
        ):
            log.info("compile cache: dropping corrupted entry %s", path.name)
            self._remove(path)
            return None
        return body

    # ------------------------------------------------------------------ writing

    def put(self, key: str, program: Program) -> None:
        """Store *program* under *key*; a failure to write only loses the entry (logged)."""
        if not self.usable():
            return
        try:
            body = _encode(program)
        except Exception as exc:  # (a program the cache cannot hold is simply not cached)
            log.info("compile cache: not storing %s: %s", program.filename, exc)
            return
        data = _MAGIC + hashlib.sha256(body).digest() + body
        path = self._path(key)
        temporary = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}")
        try:
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
            fd = os.open(temporary, flags, 0o600)
            with os.fdopen(fd, "wb") as stream:
                stream.write(data)
            os.replace(temporary, path)
        except OSError as exc:
            log.info("compile cache: cannot write %s: %s", path.name, exc)
            self._remove(temporary)
            return
        with self._lock:
            self._written += 1
            trim = self._written % _TRIM_EVERY == 0
        if trim:
            self.trim()

    def trim(self, keep: int = MAX_ENTRIES) -> None:
        """Remove the oldest entries past *keep*."""
        try:
            entries = [(entry.stat().st_mtime, entry) for entry in self.directory.glob("*.fzc")]
        except OSError:
            return
        if len(entries) <= keep:
            return
        entries.sort()
        for _mtime, entry in entries[: len(entries) - keep]:
            self._remove(entry)

    def clear(self) -> None:
        """Remove every entry."""
        self.trim(keep=0)

    @staticmethod
    def _remove(path: Path) -> None:
        with contextlib.suppress(OSError):
            path.unlink()


# --------------------------------------------------------------------------- the default cache

_default_lock = threading.Lock()
_defaults: dict[str, DiskCache] = {}


def default_cache() -> DiskCache | None:
    """The cache in the default directory (see the module docstring), or ``None`` when
    ``FUSABI_HOST_COMPILE_CACHE`` turns it off."""
    if os.environ.get(CACHE_SWITCH_ENV, "").strip().lower() in {"0", "false", "no", "off"}:
        return None
    return cache_at(os.environ.get(CACHE_DIR_ENV) or _default_directory())


def cache_at(directory: str | Path) -> DiskCache:
    """The cache in *directory* (one object per directory in a process)."""
    name = str(directory)
    with _default_lock:
        found = _defaults.get(name)
        if found is None:
            found = _defaults[name] = DiskCache(directory)
        return found


def _default_directory() -> str:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "fusabi-host")


# --------------------------------------------------------------------------- the entry format
# marshal((code, metadata)): the code object by marshal (the only way to store one), the rest
# pickled with library functions replaced by their names.


def _encode(program: Program) -> bytes:
    builtins = {
        py: _builtin_key(builtin, checked=py.startswith("bc_"))
        for py, builtin in program.builtins.items()
    }
    metadata = {
        "filename": program.filename,
        "source": program.source,
        "constants": program.constants,
        "builtins": builtins,
        "exports": program.exports,
        "names": program.names,
        "types": program.types,
        "typed": program.typed,
        "type_error": program.type_error,
        "type_errors": program.type_errors,
        "warnings": program.warnings,
        "export_types": program.export_types,
        "files": program.files,
        "tags": program.tags,
        "loaded": program.loaded,
    }
    buffer = io.BytesIO()
    _SharingPickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(metadata)
    return marshal.dumps((program.code, buffer.getvalue()))


def _decode(body: bytes) -> Program:
    from fusabi_host.lang.compiler import restore_program  # noqa: PLC0415

    code, pickled = marshal.loads(body)
    if not isinstance(code, CodeType) or not isinstance(pickled, bytes):
        raise ValueError("not a compile-cache entry")
    metadata = _RestrictedUnpickler(io.BytesIO(pickled)).load()
    if not isinstance(metadata, dict):
        raise ValueError("not a compile-cache entry")
    metadata["builtins"] = {py: _builtin_named(*key) for py, key in metadata["builtins"].items()}
    return restore_program(code, metadata)


def _builtin_key(builtin: Builtin, *, checked: bool) -> tuple[str, str, bool, bool, bool]:
    return (builtin.name, builtin.signature, builtin.is_upstream, builtin.is_overload, checked)


@functools.cache
def _builtins_by_key() -> dict[tuple[str, str, bool, bool], Builtin]:
    from fusabi_host.lang.stdlib import registry  # noqa: PLC0415

    found: dict[tuple[str, str, bool, bool], Builtin] = {}

    def add(builtin: Builtin) -> None:
        key = (builtin.name, builtin.signature, builtin.is_upstream, builtin.is_overload)
        found.setdefault(key, builtin)
        if builtin.upstream is not None:
            add(builtin.upstream)

    for builtin in registry.REGISTRY.values():
        add(builtin)
    for module in registry.declaring_modules():
        for builtin in (*registry.declarations(module), *registry.upstream_forms(module)):
            add(builtin)
    return found


def _builtin_named(
    name: str, signature: str, is_upstream: bool, is_overload: bool, checked: bool
) -> Builtin:
    builtin = _builtins_by_key()[name, signature, is_upstream, is_overload]
    if not checked:
        return builtin
    from fusabi_host.lang.stdlib.checks import checked_builtin  # noqa: PLC0415

    return checked_builtin(builtin)


_ALLOWED_BUILTINS: Final = frozenset(
    {"set", "frozenset", "tuple", "list", "dict", "slice", "complex", "bytearray", "object"}
)


# Objects every program shares and compares by identity (the tags of Option, Result, the
# built-in exceptions and undeclared constructors, the empty list) are stored by name, so a
# program read back uses the very objects the running library does.


_shared_scan: tuple[int, dict[int, tuple[str, ...]]] = (-1, {})


def _shared_objects() -> dict[int, tuple[str, ...]]:
    """Every module-level tag of :mod:`fusabi_host.lang` (also in module-level dicts), and
    the empty list, by ``id``: ``("global", module, name[, key])``; looked for again only
    when modules were imported since."""
    global _shared_scan  # noqa: PLW0603
    modules = len(sys.modules)
    if _shared_scan[0] != modules:
        _shared_scan = (modules, _scan_shared_objects())
    return _shared_scan[1]


def _scan_shared_objects() -> dict[int, tuple[str, ...]]:
    from fusabi_host.lang import values  # noqa: PLC0415

    found: dict[int, tuple[str, ...]] = {id(values.NIL): ("global", values.__name__, "NIL")}
    for module_name, module in list(sys.modules.items()):
        if module is None or not module_name.startswith("fusabi_host.lang"):
            continue
        for attr, value in list(vars(module).items()):
            if isinstance(value, values.Tag):
                found.setdefault(id(value), ("global", module_name, attr))
            elif isinstance(value, dict) and attr != "_ADHOC":
                for key, item in list(value.items()):
                    if isinstance(item, values.Tag) and isinstance(key, str):
                        found.setdefault(id(item), ("global", module_name, attr, key))
    return found


_PLAIN: Final = frozenset({str, int, float, bool, tuple, list, dict, type(None), bytes})


def _flag(value: bool) -> str:
    return "1" if value else "0"


class _SharingPickler(pickle.Pickler):
    """Pickles shared objects by name (see :func:`_shared_objects`)."""

    def __init__(self, stream: io.BytesIO, protocol: int) -> None:
        from fusabi_host.lang import values  # noqa: PLC0415
        from fusabi_host.lang.stdlib.registry import Builtin  # noqa: PLC0415

        super().__init__(stream, protocol=protocol)
        self._shared = _shared_objects()
        self._values = values
        self._builtin = Builtin

    def persistent_id(self, obj: Any) -> tuple[str, ...] | None:
        kind = type(obj)
        if kind in _PLAIN:
            return None
        values = self._values
        if kind is values.Tag:
            if values.is_adhoc_tag(obj):
                return ("adhoc", obj.name, str(obj.arity))
            return self._shared.get(id(obj))
        if obj is values.NIL:
            return self._shared[id(obj)]
        if kind is self._builtin:  # (a library function held by a constant: by name)
            name, signature = obj.name, obj.signature
            upstream, overload = obj.is_upstream, obj.is_overload
            if _builtins_by_key().get((name, signature, upstream, overload)) is not obj:
                raise pickle.PicklingError(f"library function {name} is not the library's")
            return ("builtin", name, signature, _flag(upstream), _flag(overload))
        return None


class _RestrictedUnpickler(pickle.Unpickler):
    """Builds fusabi-host's own classes and plain containers only, and the shared objects
    by name."""

    def persistent_load(self, pid: Any) -> Any:
        import importlib  # noqa: PLC0415

        from fusabi_host.lang import values  # noqa: PLC0415

        if not isinstance(pid, tuple) or not pid or not all(isinstance(p, str) for p in pid):
            raise pickle.UnpicklingError("bad shared object")
        if pid[0] == "adhoc" and len(pid) == 3:
            return values.adhoc_tag(pid[1], int(pid[2]))
        if pid[0] == "builtin" and len(pid) == 5:
            return _builtins_by_key()[pid[1], pid[2], pid[3] == "1", pid[4] == "1"]
        if pid[0] == "global" and len(pid) in (3, 4) and pid[1].startswith("fusabi_host.lang"):
            found = getattr(importlib.import_module(pid[1]), pid[2])
            if len(pid) == 4:
                found = found[pid[3]]
            if isinstance(found, values.Tag) or found is values.NIL:
                return found
        raise pickle.UnpicklingError(f"unknown shared object {pid!r}")

    def find_class(self, module: str, name: str) -> Any:
        if module == "builtins" and name in _ALLOWED_BUILTINS:
            return super().find_class(module, name)
        if module in {"decimal", "collections"} or module.startswith("fusabi_host."):
            found = super().find_class(module, name)
            if isinstance(found, type):
                return found
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a compile-cache entry")
