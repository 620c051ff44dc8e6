"""The effectful upstream modules: ``Console``, ``File``, ``Process``, ``Events``, ``Config``,
plus ``Random``.

Every effect goes through the instance's :class:`~fusabi_host.lang.context.Context`, which
checks the capability first:

=====================================  ===================================================
function                               capability (resource)
=====================================  ===================================================
``Console.readLine``                   ``stdin:read``
``Console.write/writeLine/clear``      ``stdout:write``
``File.readLines/readAllText/exists``  ``fs:read`` (the real path, symbolic links resolved)
``File.writeLines/writeAllText``       ``fs:write`` (the real path)
``File.appendLine/delete``
``Process.run cmd args``               ``process:exec`` (the whole command line)
``Process.runShell cmd``               ``process:exec`` (``sh``)
``Process.env name``                   ``env:read`` (*name*)
``Process.setEnv name value``          ``env:write`` (*name*)
``Process.cwd ()``                     ``env:read`` (``cwd``)
``Random.int/float``                   ``random``
``Events.*``, ``Config.*``             none: their state belongs to the instance
=====================================  ===================================================

Behaviour and deliberate deviations from upstream (REF, section 4.9):

* ``Console.readLine ()`` returns ``""`` at the end of input.  ``Console.readKey`` is not
  provided: reading one key needs a terminal the plugin does not own.
* ``File`` functions fail with ``IOException`` naming the path (as the plugin wrote it).
  Text is UTF-8 (invalid UTF-8 is an ``IOException``, not replaced); lines are split on
  ``\\n`` with a trailing ``\\r`` removed and no empty last line for a final newline; written
  lines each end with ``\\n``.  Only regular files are read or written (no FIFOs or devices).
  A file larger than the instance's ``max_collection_size`` (in bytes) is refused with
  :class:`~fusabi_host.errors.LimitExceeded` before it is read.  ``File.delete`` of a missing
  file does nothing (as .NET's ``File.Delete``); of a symbolic link it removes the link (the
  capability is checked for the link's own location), never its target.  ``readAllText``,
  ``writeAllText``, ``exists`` and ``delete`` are additions (.NET names, lower-cased as
  upstream's).
* ``Process.run`` runs the command without a shell, with standard input closed, in the
  plugin's directory.  The grant is checked against the whole command line (a scope can pin
  arguments, ``process:exec=git status *``), and the program is the one the *host's* ``PATH``
  named when the instance was created, never one the plugin's environment points to.  It runs
  until the call's deadline (or at most 30 seconds without one); then it and every process it
  started are killed -- on Linux through a supervisor that is a child subreaper, so ``setsid``
  does not escape -- and the call fails with the deadline's ``LimitExceeded``.  It keeps the
  first 4 MiB of each output stream (the rest is read and dropped) and decodes them as lossy
  UTF-8.  It returns ``{exitCode; stdout; stderr}`` (``exitCode`` is -1 when a signal ended
  the process).  A command that cannot be found or started is an ``IOException``.
  ``Process.runShell`` runs ``sh -c cmd``: a shell can run anything, so only an unscoped
  ``process:exec`` grant or ``process:exec=sh`` allows it.  Child processes get the host's
  ``PATH`` and the locale variables, the host variables the plugin may read itself
  (``env:read`` for that name), and the instance's ``setEnv`` values (except ``PATH``,
  ``LD_*`` and ``DYLD_*``) -- never the rest of the host's environment.  See
  :doc:`/capabilities`.
* ``Process.setEnv`` never changes the host process's environment: it sets the variable in
  a per-instance overlay that ``Process.env`` and child processes see.  ``Process.cwd ()``
  is the plugin's directory.
* ``Events`` (REF: process-global) are per instance; ids count from 1 in each instance;
  ``emit`` calls the handlers registered at the time of the call in registration order,
  ``once`` handlers included (each removed before its single call).  ``emitAsync`` is the
  same, synchronous call.  ``Events.list ()`` lists event names that have handlers, sorted.
* ``Config`` (REF: process-global, and usable only with ``ConfigValue``-typed values) is per
  instance and stores any Fusabi value; see :func:`config_define` for the schema record.
* ``Random.int lo hi`` (lo inclusive, hi exclusive, like .NET ``Random.Next``) and
  ``Random.float ()`` (in [0, 1)) are additions; they need the ``random`` capability.
* Not provided (they need a terminal host): ``TerminalInfo``, ``TerminalControl``,
  ``UIFormatting``, ``Commands``, ``Nav``; also ``Console.readKey``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final

from fusabi_host.lang.context import Context
from fusabi_host.lang.exceptions import fail
from fusabi_host.lang.stdlib.registry import builtin
from fusabi_host.lang.values import (
    NIL,
    NONE,
    NONE_TAG,
    SOME_TAG,
    FzArray,
    FzMap,
    from_iterable,
    make_some,
    type_name,
)

__all__: list[str] = []

# =========================================================================== Console


@builtin("Console.readLine", "unit -> string", context=True, effect="stdin:read")
def console_read_line(ctx: Context, _unit: None) -> str:
    """The next line of standard input without its line ending; ``""`` at the end."""
    line = ctx.read_line()
    if line is None:
        return ""
    if line.endswith("\n"):
        line = line[:-1]
    if line.endswith("\r"):
        line = line[:-1]
    return line


@builtin("Console.write", "string -> unit", context=True, effect="stdout:write")
def console_write(ctx: Context, text: str) -> None:
    """Print *text*."""
    ctx.write(text)


@builtin("Console.writeLine", "string -> unit", context=True, effect="stdout:write")
def console_write_line(ctx: Context, text: str) -> None:
    """Print *text* and a newline."""
    ctx.write(text + "\n")


@builtin("Console.clear", "unit -> unit", context=True, effect="stdout:write")
def console_clear(ctx: Context, _unit: None) -> None:
    """Clear the terminal (prints ``ESC[2J ESC[H``)."""
    ctx.write("\x1b[2J\x1b[H")


# =========================================================================== Events


class _Handler:
    __slots__ = ("function", "ident", "once")

    def __init__(self, ident: int, function: Callable[[object], object], once: bool) -> None:
        self.ident = ident
        self.function = function
        self.once = once


class _Events:
    """One instance's event handlers: event name -> handlers in registration order."""

    def __init__(self) -> None:
        self.next_id = 1
        self.handlers: dict[str, list[_Handler]] = {}

    def add(self, name: str, function: Callable[[object], object], once: bool) -> int:
        ident = self.next_id
        self.next_id += 1
        self.handlers.setdefault(name, []).append(_Handler(ident, function, once))
        return ident

    def remove(self, ident: int) -> bool:
        for name, handlers in self.handlers.items():
            for index, handler in enumerate(handlers):
                if handler.ident == ident:
                    del handlers[index]
                    if not handlers:
                        del self.handlers[name]
                    return True
        return False


def _events(ctx: Context) -> _Events:
    events = ctx.state.get("events")
    if not isinstance(events, _Events):
        events = ctx.state["events"] = _Events()
    return events


@builtin("Events.on", "string -> ('a -> unit) -> int", context=True)
def events_on(ctx: Context, name: str, handler: Callable[[object], object]) -> int:
    """Register *handler* for event *name*; returns its id."""
    return _events(ctx).add(name, handler, once=False)


@builtin("Events.once", "string -> ('a -> unit) -> int", context=True)
def events_once(ctx: Context, name: str, handler: Callable[[object], object]) -> int:
    """Register *handler* for the next emission of *name* only; returns its id."""
    return _events(ctx).add(name, handler, once=True)


@builtin("Events.off", "int -> bool", context=True)
def events_off(ctx: Context, ident: int) -> bool:
    """Remove the handler with this id; whether there was one."""
    return _events(ctx).remove(ident)


@builtin("Events.emit", "string -> 'a -> unit", context=True)
def events_emit(ctx: Context, name: str, data: object) -> None:
    """Call the handlers of *name* with *data*, in registration order."""
    events = _events(ctx)
    handlers = list(events.handlers.get(name, ()))
    for handler in handlers:
        if handler.once:
            events.remove(handler.ident)
    for handler in handlers:
        handler.function(data)


@builtin("Events.emitAsync", "string -> 'a -> unit", context=True)
def events_emit_async(ctx: Context, name: str, data: object) -> None:
    """The same as ``Events.emit`` (handlers run synchronously)."""
    events_emit(ctx, name, data)


@builtin("Events.clear", "string -> unit", context=True)
def events_clear(ctx: Context, name: str) -> None:
    """Remove every handler of *name*."""
    _events(ctx).handlers.pop(name, None)


@builtin("Events.clearAll", "unit -> unit", context=True)
def events_clear_all(ctx: Context, _unit: None) -> None:
    """Remove every handler."""
    _events(ctx).handlers.clear()


@builtin("Events.handlers", "string -> int", context=True)
def events_handlers(ctx: Context, name: str) -> int:
    """How many handlers *name* has."""
    return len(_events(ctx).handlers.get(name, ()))


@builtin("Events.list", "unit -> string list", context=True)
def events_list(ctx: Context, _unit: None) -> object:
    """The names of events with handlers, sorted."""
    return from_iterable(sorted(_events(ctx).handlers))


# =========================================================================== Random


@builtin("Random.int", "int -> int -> int", context=True, effect="random")
def random_int(ctx: Context, low: int, high: int) -> int:
    """A random int with ``low <= n < high`` (``low`` when they are equal)."""
    if low > high:
        fail(
            "ArgumentOutOfRangeException",
            f"Random.int: the lower bound {low} is greater than the upper bound {high}",
        )
    rng = ctx.rng()
    return low if low == high else rng.randrange(low, high)


@builtin("Random.float", "unit -> float", context=True, effect="random")
def random_float(ctx: Context, _unit: None) -> float:
    """A random float in [0, 1)."""
    return ctx.rng().random()


# =========================================================================== Config

_CONFIG_TYPES: Final[dict[str, Callable[[object], bool]]] = {
    "any": lambda v: True,
    "string": lambda v: type(v) is str,
    "int": lambda v: type(v) is int,
    "float": lambda v: type(v) is float,
    "bool": lambda v: type(v) is bool,
    "list": lambda v: v is NIL or type(v) is list,
    "array": lambda v: type(v) is FzArray,
    "map": lambda v: type(v) in (FzMap, dict),
}


class _Setting:
    __slots__ = ("config_type", "default", "has_default", "validator")

    def __init__(
        self,
        config_type: str,
        default: object,
        has_default: bool,
        validator: Callable[[object], object] | None,
    ) -> None:
        self.config_type = config_type
        self.default = default
        self.has_default = has_default
        self.validator = validator


class _Config:
    """One instance's settings: definitions (schemas) and current values."""

    def __init__(self) -> None:
        self.settings: dict[str, _Setting] = {}
        self.values: dict[str, object] = {}


def _config(ctx: Context) -> _Config:
    config = ctx.state.get("config")
    if not isinstance(config, _Config):
        config = ctx.state["config"] = _Config()
    return config


def _option_field(schema: dict[str, Any], field: str) -> tuple[bool, object]:
    """``(present, payload)`` of an optional schema field holding ``Some x`` / ``None``."""
    if field not in schema:
        return False, None
    value = schema[field]
    if type(value) is tuple and len(value) == 2 and value[0] is SOME_TAG:
        return True, value[1]
    if type(value) is tuple and len(value) == 1 and value[0] is NONE_TAG:
        return False, None
    fail(
        "ArgumentException",
        f"Config.define: the '{field}' field must be an option (Some ... or None), "
        f"got {type_name(value)}",
    )


def _check_value(function: str, name: str, setting: _Setting, value: object) -> None:
    if not _CONFIG_TYPES[setting.config_type](value):
        fail(
            "ArgumentException",
            f"{function}: setting '{name}' is of type {setting.config_type}, "
            f"got a {type_name(value)}",
        )
    if setting.validator is not None and setting.validator(value) is not True:
        fail("ArgumentException", f"{function}: the validator of '{name}' rejected the value")


@builtin("Config.define", "'a -> unit", context=True)
def config_define(ctx: Context, schema: object) -> None:
    """Define (or redefine) a setting from a schema record: ``name`` (string, required),
    ``configType`` (``"string" "int" "float" "bool" "list" "array" "map"`` or ``"any"``, the
    default), ``default`` and ``validator`` (options; the validator is ``'a -> bool``);
    other fields (``description``...) are ignored.  The setting takes its default value."""
    if type(schema) is not dict:
        fail(
            "ArgumentException", f"Config.define: expected a schema record, got {type_name(schema)}"
        )
    name = schema.get("name")
    if type(name) is not str or not name:
        fail("ArgumentException", "Config.define: the schema needs a non-empty string 'name'")
    config_type = schema.get("configType", "any")
    if type(config_type) is not str or config_type not in _CONFIG_TYPES:
        fail(
            "ArgumentException",
            f"Config.define: unknown configType {config_type!r} for '{name}' "
            f"(known: {', '.join(sorted(_CONFIG_TYPES))})",
        )
    has_default, default = _option_field(schema, "default")
    has_validator, validator = _option_field(schema, "validator")
    if has_validator and not callable(validator):
        fail("ArgumentException", f"Config.define: the validator of '{name}' is not a function")
    setting = _Setting(
        config_type,
        default,
        has_default,
        validator if has_validator else None,  # type: ignore[arg-type]
    )
    if has_default:
        _check_value("Config.define", name, setting, default)
    config = _config(ctx)
    config.settings[name] = setting
    config.values.pop(name, None)


def _current(config: _Config, name: str) -> tuple[bool, object]:
    if name in config.values:
        return True, config.values[name]
    setting = config.settings.get(name)
    if setting is not None and setting.has_default:
        return True, setting.default
    return False, None


@builtin("Config.get", "string -> 'a option", context=True)
def config_get(ctx: Context, name: str) -> object:
    """``Some value`` of a setting (its default when never set), or ``None``."""
    present, value = _current(_config(ctx), name)
    return make_some(value) if present else NONE


@builtin("Config.getOr", "string -> 'a -> 'a", context=True)
def config_get_or(ctx: Context, name: str, fallback: object) -> object:
    """The value of a setting, or *fallback* when it has none."""
    present, value = _current(_config(ctx), name)
    return value if present else fallback


@builtin("Config.set", "string -> 'a -> unit", context=True)
def config_set(ctx: Context, name: str, value: object) -> None:
    """Set a setting (checked against its definition, when it has one)."""
    config = _config(ctx)
    setting = config.settings.get(name)
    if setting is not None:
        _check_value("Config.set", name, setting, value)
    config.values[name] = value


@builtin("Config.has", "string -> bool", context=True)
def config_has(ctx: Context, name: str) -> bool:
    """Whether the setting has a value (set, or a default)."""
    return _current(_config(ctx), name)[0]


@builtin("Config.list", "unit -> string list", context=True)
def config_list(ctx: Context, _unit: None) -> object:
    """The names of all defined or set settings, sorted."""
    config = _config(ctx)
    return from_iterable(sorted(set(config.settings) | set(config.values)))


@builtin("Config.reset", "string -> unit", context=True)
def config_reset(ctx: Context, name: str) -> None:
    """Forget the value set for *name*: it is back to its default (or to no value)."""
    _config(ctx).values.pop(name, None)
