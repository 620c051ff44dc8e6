"""The core call executor: performs a call once every wrapper has had its say."""

from __future__ import annotations

from typing import Any

from fusabi_host.hookspecs import hookimpl
from fusabi_host.hooktypes import CallContext


@hookimpl(trylast=True)
def fusabi_call(call: CallContext) -> Any:
    """Call the bound plugin function with the call's arguments."""
    return call.target(*call.args)
