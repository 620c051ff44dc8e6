"""The ``fusabi-host`` command (also ``python -m fusabi_host``).

Subcommands:

* ``check PATH...`` -- validate plugin manifests (files, or directories searched for
  ``plugin.toml``) and print a table of plugins, capabilities and status.
* ``extensions`` -- list the registered hook implementations and broken extensions.
* ``run FILE`` -- run a ``.fsx`` or ``.fzb`` script and print its final value in the Display
  format, like upstream ``fus run`` (a unit value prints nothing).  Scripts get the safe
  default capabilities (printing, the clock, random numbers); ``--allow`` grants more.
* ``compile FILE.fsx [-o FILE.fzb]`` -- compile to upstream-format bytecode.
* ``disasm FILE.fzb`` -- list a bytecode file with upstream's mnemonics.
* ``watch DIR...`` -- host the plugins found in the directories with hot reload, and print
  lifecycle events as they happen (edits reload, new plugin folders load, deleted ones
  unload) until interrupted, or for ``--for SECONDS``.

Exit status: 0 on success, 1 when something was invalid, 2 for usage errors.
"""

from __future__ import annotations

import argparse
import contextlib
import signal
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

import attrs

from fusabi_host import __version__
from fusabi_host.capabilities import Capabilities
from fusabi_host.config import EngineConfig, Limits, LoaderConfig, RuntimeConfig, WatchConfig
from fusabi_host.engine import CompiledUnit, compile_file, load_bytecode_file
from fusabi_host.errors import FusabiError, ManifestError
from fusabi_host.lang import display
from fusabi_host.lang.fzb import compile_to_bytes, disassemble, loads
from fusabi_host.lifecycle import LifecycleEvent
from fusabi_host.manager import HostPluginManager, describe_hooks
from fusabi_host.manifest import Manifest
from fusabi_host.output import Table, error_console, print_table
from fusabi_host.runtime import PluginRuntime
from fusabi_host.versions import HOST_API_VERSION

MANIFEST_NAMES = ("plugin.toml", "plugin.json")


@attrs.frozen
class CheckResult:
    """The outcome of checking one manifest."""

    path: Path
    manifest: Manifest | None
    errors: tuple[str, ...]
    warnings: tuple[str, ...] = ()
    signatures: tuple[str, ...] = ()  # of the exports, as F# writes them

    @property
    def ok(self) -> bool:
        return not self.errors


def find_manifests(paths: Sequence[Path]) -> list[Path]:
    """Manifest files named by *paths*: files as given, directories searched recursively."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            for name in MANIFEST_NAMES:
                found.extend(sorted(path.rglob(name)))
        else:
            found.append(path)
    unique: dict[Path, None] = {}
    for path in found:
        unique.setdefault(path, None)
    return list(unique)


def check_manifest(path: Path, manager: HostPluginManager) -> CheckResult:
    """Read, validate and API-check one manifest, collecting every error."""
    try:
        manifest = Manifest.from_file(path)
    except ManifestError as exc:
        return CheckResult(path, None, (str(exc),))
    errors: list[str] = []
    problems = manager.validate(manifest, path.parent)
    if problems:
        errors.append(str(ManifestError(problems, path)))
    if not HOST_API_VERSION.is_compatible_with(manifest.api_version):
        errors.append(
            f"{path}: $.api-version: requires host API {manifest.api_version}, "
            f"this host provides {HOST_API_VERSION}"
        )
    if errors:
        return CheckResult(path, manifest, tuple(errors))
    return _check_code(path, manifest)


def _check_code(path: Path, manifest: Manifest) -> CheckResult:
    """Compile and type-check a valid manifest's entry; check its exports are defined."""
    entry = path.parent / (manifest.source or manifest.bytecode or "")
    try:
        unit = _load_script(entry)
    except FusabiError as exc:
        return CheckResult(path, manifest, (str(exc),))
    errors = [
        f"{path}: $.exports: '{name}' is not defined in {entry.name}"
        for name in manifest.exports
        if name not in unit.bindings
    ]
    signatures = []
    for name in manifest.exports:
        if name in unit.bindings:
            found = unit.signature(name)
            signatures.append(found.text if found is not None else f"{name} : ?")
    warnings = tuple(str(w) for w in unit.warnings)
    return CheckResult(path, manifest, tuple(errors), warnings, tuple(signatures))


def _capability_text(manifest: Manifest) -> str:
    parts = []
    for name in manifest.capabilities.names():
        dangerous = name in manifest.capabilities.dangerous()
        parts.append(f"{name}!" if dangerous else name)
    return ", ".join(parts) if parts else "-"


def command_check(args: argparse.Namespace) -> int:
    paths = [Path(p) for p in args.paths]
    missing = [p for p in paths if not p.exists()]
    for path in missing:
        error_console().print(f"fusabi-host: {path}: no such file or directory")
    manager = HostPluginManager()
    results = [check_manifest(p, manager) for p in find_manifests(paths) if p.exists()]
    if not results and not missing:
        error_console().print("fusabi-host: no plugin manifests found (looked for plugin.toml)")
        return 1
    table = Table(
        title=f"Plugins (host API {HOST_API_VERSION})",
        columns=("plugin", "version", "api", "capabilities", "entry", "status"),
    )
    for result in results:
        manifest = result.manifest
        status = "ok" if result.ok else f"INVALID ({len(result.errors)})"
        if manifest is None:
            table.add_row(str(result.path), "-", "-", "-", "-", status)
        else:
            table.add_row(
                manifest.name,
                str(manifest.version),
                str(manifest.api_version),
                _capability_text(manifest),
                manifest.entry,
                status,
            )
    print_table(table)
    print("(! marks dangerous capabilities)")
    for result in results:
        if result.signatures and result.manifest is not None:
            print(f"{result.manifest.name} exports:")
            for text in result.signatures:
                print(f"  {text}")
        for warning in result.warnings:
            error_console().print(warning)
        for error in result.errors:
            error_console().print(error)
    return 0 if all(r.ok for r in results) and not missing else 1


def command_extensions(_args: argparse.Namespace) -> int:
    manager = HostPluginManager()
    table = Table(title="Registered extensions", columns=("name", "kind", "distribution"))
    for info in manager.extensions():
        dist = f"{info.distribution} {info.version}" if info.distribution else "-"
        table.add_row(info.name, info.kind, dist)
    print_table(table)
    hooks = Table(title="Hook implementations (call order)", columns=("hook", "implementations"))
    for hook, impls in describe_hooks(manager).items():
        hooks.add_row(hook, ", ".join(impls) or "-")
    print_table(hooks)
    for failure in manager.failures:
        error_console().print(str(failure))
    return 1 if manager.failures else 0


def _load_script(path: Path) -> CompiledUnit:
    if path.suffix == ".fzb":
        return load_bytecode_file(path)
    return compile_file(path)


def _granted(args: argparse.Namespace) -> Capabilities:
    """What ``--allow`` and ``--allow-all`` give: the safe defaults plus the named ones."""
    if args.allow_all:
        return Capabilities.all()
    return Capabilities.safe_defaults().with_(*args.allow)


def _add_allow_options(parser: argparse.ArgumentParser, verb: str) -> None:
    parser.add_argument(
        "--allow",
        action="append",
        default=[],
        metavar="CAPABILITY",
        help=f"{verb} a capability, optionally scoped (fs:read=/data); repeatable",
    )
    parser.add_argument("--allow-all", action="store_true", help=f"{verb} every capability")


def command_run(args: argparse.Namespace) -> int:
    path = Path(args.file)
    if not path.is_file():
        error_console().print(f"fusabi-host: {path}: no such file")
        return 1
    grant = _granted(args)
    limits = Limits(timeout=args.timeout)
    unit = _load_script(path)
    instance = unit.instantiate(
        EngineConfig(limits=limits, capabilities=grant),
        base_dir=path.parent,
        name=path.stem,
    )
    value = instance.raw.value
    if value is not None:
        sys.stdout.write(display(value) + "\n")
    return 0


def command_compile(args: argparse.Namespace) -> int:
    source = Path(args.file)
    target = Path(args.output) if args.output else source.with_suffix(".fzb")
    try:
        text = source.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        error_console().print(f"fusabi-host: {source}: cannot read: {exc}")
        return 1
    data = compile_to_bytes(text, str(source), root=source.parent)
    partial = target.with_name(target.name + ".partial")
    partial.write_bytes(data)
    partial.replace(target)  # never leaves a half-written file behind
    print(f"{source} -> {target} ({len(data)} bytes)")
    return 0


def command_disasm(args: argparse.Namespace) -> int:
    path = Path(args.file)
    try:
        data = path.read_bytes()
    except OSError as exc:
        error_console().print(f"fusabi-host: {path}: cannot read: {exc.strerror or exc}")
        return 1
    sys.stdout.write(disassemble(loads(data, source=str(path))))
    return 0


def _print_event(event: LifecycleEvent) -> None:
    stamp = time.strftime("%H:%M:%S", time.localtime(event.timestamp))
    details = dict(event.details)
    error = details.pop("error", None)
    extra = ", ".join(f"{k}={v}" for k, v in details.items() if k not in {"error_type"})
    line = f"{stamp} {event.plugin_name}: {event.event_name}" + (f" ({extra})" if extra else "")
    print(line, flush=True)
    if error:
        for text in str(error).splitlines():
            print(f"    {text}", flush=True)


class _Terminated(Exception):
    """SIGTERM arrived: ``watch`` stops as on Ctrl-C."""


def _terminate(signum: int, frame: object) -> NoReturn:
    # (raising, as Ctrl-C does, rather than setting an Event: Event.set from a signal handler
    # deadlocks when the signal lands while the main thread holds that Event's lock)
    raise _Terminated


def command_watch(args: argparse.Namespace) -> int:
    directories = [Path(d) for d in args.dirs]
    for directory in directories:
        if not directory.is_dir():
            error_console().print(f"fusabi-host: {directory}: no such directory")
            return 1
    grant = _granted(args)
    watch = WatchConfig(debounce=args.debounce, backend=args.backend)
    config = RuntimeConfig(
        loader=LoaderConfig(engine=EngineConfig(capabilities=grant)),
        plugin_dirs=directories,
        watch=watch,
    )
    with PluginRuntime(config) as runtime:
        runtime.on_event(_print_event)
        with contextlib.suppress(FusabiError):  # failures were printed as error events
            runtime.discover()
        hot = runtime.watch()
        where = ", ".join(str(d) for d in directories)
        print(f"watching {where} with {hot.backend} (Ctrl-C stops)", flush=True)
        previous = signal.signal(signal.SIGTERM, _terminate)
        try:
            with contextlib.suppress(KeyboardInterrupt, _Terminated):
                threading.Event().wait(args.seconds)
        finally:
            signal.signal(signal.SIGTERM, previous)
        print("stopping", flush=True)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="fusabi-host",
        description="Load, sandbox, call and hot-reload Fusabi plugins.",
    )
    parser.add_argument("--version", action="version", version=f"fusabi-host {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    check = sub.add_parser("check", help="validate plugin manifests")
    check.add_argument("paths", nargs="+", metavar="PATH", help="manifest file or directory")
    check.set_defaults(func=command_check)
    extensions = sub.add_parser("extensions", help="list registered extensions and hooks")
    extensions.set_defaults(func=command_extensions)
    run = sub.add_parser("run", help="run a .fsx or .fzb script and print its value")
    run.add_argument("file", metavar="FILE", help="script (.fsx) or bytecode (.fzb)")
    _add_allow_options(run, "grant")
    run.add_argument(
        "--timeout", type=float, default=30.0, metavar="SECONDS", help="wall-clock limit"
    )
    run.set_defaults(func=command_run)
    compile_ = sub.add_parser("compile", help="compile a .fsx script to .fzb bytecode")
    compile_.add_argument("file", metavar="FILE", help="the .fsx script")
    compile_.add_argument("-o", "--output", metavar="OUT", help="where to write (default: .fzb)")
    compile_.set_defaults(func=command_compile)
    disasm = sub.add_parser("disasm", help="list a .fzb file's instructions")
    disasm.add_argument("file", metavar="FILE", help="the .fzb file")
    disasm.set_defaults(func=command_disasm)
    watch = sub.add_parser("watch", help="host plugins with hot reload and print events")
    watch.add_argument("dirs", nargs="+", metavar="DIR", help="a folder of plugins")
    _add_allow_options(watch, "offer")
    watch.add_argument(
        "--debounce",
        type=float,
        default=WatchConfig().debounce,
        metavar="SECONDS",
        help="quiet time after the last change before a reload (default: %(default)s)",
    )
    watch.add_argument(
        "--backend", metavar="NAME", help="the watcher backend (watchdog, polling, ...)"
    )
    watch.add_argument(
        "--for",
        dest="seconds",
        type=float,
        metavar="SECONDS",
        help="stop after this long (default: until interrupted)",
    )
    watch.set_defaults(func=command_watch)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        result: int = args.func(args)
    except FusabiError as exc:
        error_console().print(f"fusabi-host: {exc}")
        return 1
    except KeyboardInterrupt:
        return 130
    return result


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
