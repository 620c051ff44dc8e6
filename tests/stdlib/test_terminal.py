"""TerminalInfo and TerminalControl (spec 4.9): upstream's answers without a terminal provider,
behind capabilities -- reading the terminal needs stdin:read, driving it stdout:write."""

from __future__ import annotations

import pytest

from fusabi_host import Capabilities, CapabilityError, EngineConfig, compile_source

INFO = """\
let report () =
    let (cols, rows) = TerminalInfo.getTerminalSize ()
    let title = TerminalInfo.getWindowTitle ()
    let line = TerminalInfo.getLine 3 |> Option.defaultValue "-"
    let lines = TerminalInfo.getLines 1 5
    let proc = TerminalInfo.getForegroundProcess ()
    sprintf "%dx%d [%s] %s %d %b %s" cols rows title line (List.length lines) (Option.isNone proc)
        (TerminalInfo.getCurrentWorkingDir () + TerminalInfo.getTabTitle ())
"""

CONTROL = """\
let drive () =
    TerminalControl.sendText "ls\\n"
    TerminalControl.sendKeys "ctrl+c"
    TerminalControl.showToast "hello"
    let pane = TerminalControl.splitHorizontal ()
    let other = TerminalControl.splitVertical ()
    let tab = TerminalControl.createTab ()
    let closed = TerminalControl.closePane 1 || TerminalControl.focusPane 1
    let renamed = TerminalControl.setTabTitle 1 "t" || TerminalControl.closeTab 1
    (Option.isNone pane && Option.isNone other && Option.isNone tab, closed, renamed)
"""


def run(source: str, export: str, *granted: str) -> object:
    config = EngineConfig().with_capabilities(Capabilities.of(*granted))
    return compile_source(source).instantiate(config).call(export)


def test_terminal_info_gives_upstreams_fallbacks() -> None:
    assert run(INFO, "report", "stdin:read") == "0x0 [] - 0 true "


def test_terminal_control_does_nothing_and_says_so() -> None:
    assert run(CONTROL, "drive", "stdout:write") == (True, False, False)


@pytest.mark.parametrize(("source", "export", "needed"), [
    (INFO, "report", "stdin:read"),
    (CONTROL, "drive", "stdout:write"),
])  # fmt: skip
def test_each_module_is_behind_its_capability(source: str, export: str, needed: str) -> None:
    with pytest.raises(CapabilityError, match=needed):
        run(source, export)
