"""``TerminalInfo`` and ``TerminalControl``: upstream's modules for plugins of a terminal host
(spec section 4.9).

Upstream forwards them to a provider the terminal application registers, and without one
gives fixed answers: no foreground process, no lines, a ``(0, 0)`` size; control requests are
no-ops that report nothing was done.  fusabi-host has no terminal provider, so those fallbacks
are what a plugin always gets -- enough for plugins such as upstream's ``commander`` example to
run in a host that is not a terminal.  They are behind capabilities all the same, so that a
plugin's manifest says what it would do in a terminal host: ``TerminalInfo`` reads the
terminal (``stdin:read``), ``TerminalControl`` drives it (``stdout:write``).

The signatures are F#-typed versions of upstream's: ``getLine n`` and ``getForegroundProcess
()`` give an option, ``getLines first last`` a list, the size an ``int * int``; creating a
pane or tab gives the new id as an option, closing or focusing one tells whether it happened.
"""

from __future__ import annotations

from typing import Final

from fusabi_host.lang.context import Context
from fusabi_host.lang.stdlib.registry import builtin
from fusabi_host.lang.values import NIL, NONE

__all__: list[str] = []

_READ: Final = "stdin:read"
_DRIVE: Final = "stdout:write"


# --------------------------------------------------------------------------- TerminalInfo


@builtin("TerminalInfo.getForegroundProcess", "unit -> string option", context=True, effect=_READ)
def get_foreground_process(ctx: Context, _unit: None) -> object:
    """The terminal's foreground process, when a provider knows it (never, here)."""
    ctx.require(_READ, None)
    return NONE


@builtin("TerminalInfo.getCurrentWorkingDir", "unit -> string", context=True, effect=_READ)
def get_current_working_dir(ctx: Context, _unit: None) -> str:
    ctx.require(_READ, None)
    return ""


@builtin("TerminalInfo.getLine", "int -> string option", context=True, effect=_READ)
def get_line(ctx: Context, _number: int) -> object:
    ctx.require(_READ, None)
    return NONE


@builtin("TerminalInfo.getLines", "int -> int -> string list", context=True, effect=_READ)
def get_lines(ctx: Context, _first: int, _last: int) -> object:
    ctx.require(_READ, None)
    return NIL


@builtin("TerminalInfo.getWindowTitle", "unit -> string", context=True, effect=_READ)
def get_window_title(ctx: Context, _unit: None) -> str:
    ctx.require(_READ, None)
    return ""


@builtin("TerminalInfo.getTabTitle", "unit -> string", context=True, effect=_READ)
def get_tab_title(ctx: Context, _unit: None) -> str:
    ctx.require(_READ, None)
    return ""


@builtin("TerminalInfo.getTerminalSize", "unit -> int * int", context=True, effect=_READ)
def get_terminal_size(ctx: Context, _unit: None) -> tuple[int, int]:
    """``(columns, rows)``; ``(0, 0)`` without a terminal provider."""
    ctx.require(_READ, None)
    return (0, 0)


# --------------------------------------------------------------------------- TerminalControl


@builtin("TerminalControl.sendText", "string -> unit", context=True, effect=_DRIVE)
def send_text(ctx: Context, _text: str) -> None:
    ctx.require(_DRIVE, None)


@builtin("TerminalControl.sendKeys", "string -> unit", context=True, effect=_DRIVE)
def send_keys(ctx: Context, _keys: str) -> None:
    ctx.require(_DRIVE, None)


@builtin("TerminalControl.showToast", "string -> unit", context=True, effect=_DRIVE)
def show_toast(ctx: Context, _message: str) -> None:
    ctx.require(_DRIVE, None)


@builtin("TerminalControl.splitHorizontal", "unit -> int option", context=True, effect=_DRIVE)
def split_horizontal(ctx: Context, _unit: None) -> object:
    """The new pane's id; ``None``: no pane was made."""
    ctx.require(_DRIVE, None)
    return NONE


@builtin("TerminalControl.splitVertical", "unit -> int option", context=True, effect=_DRIVE)
def split_vertical(ctx: Context, _unit: None) -> object:
    ctx.require(_DRIVE, None)
    return NONE


@builtin("TerminalControl.createTab", "unit -> int option", context=True, effect=_DRIVE)
def create_tab(ctx: Context, _unit: None) -> object:
    ctx.require(_DRIVE, None)
    return NONE


@builtin("TerminalControl.closePane", "int -> bool", context=True, effect=_DRIVE)
def close_pane(ctx: Context, _pane: int) -> bool:
    """Whether the pane was closed (``false`` without a terminal provider)."""
    ctx.require(_DRIVE, None)
    return False


@builtin("TerminalControl.focusPane", "int -> bool", context=True, effect=_DRIVE)
def focus_pane(ctx: Context, _pane: int) -> bool:
    ctx.require(_DRIVE, None)
    return False


@builtin("TerminalControl.closeTab", "int -> bool", context=True, effect=_DRIVE)
def close_tab(ctx: Context, _tab: int) -> bool:
    ctx.require(_DRIVE, None)
    return False


@builtin("TerminalControl.setTabTitle", "int -> string -> bool", context=True, effect=_DRIVE)
def set_tab_title(ctx: Context, _tab: int, _title: str) -> bool:
    ctx.require(_DRIVE, None)
    return False
