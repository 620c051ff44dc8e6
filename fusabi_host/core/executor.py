"""The core call executor: performs a call once every wrapper has had its say.

It runs for every call from the host into a plugin (``fusabi_call``).  It is ``trylast``, so
``wrapper=True`` implementations (timers, tracers, meters) surround it and a ``firstresult``
extension could answer instead; it is the only place where the plugin function runs.
"""

from __future__ import annotations

from typing import Any

from fusabi_host.hookspecs import hookimpl
from fusabi_host.hooktypes import CallContext

__all__ = ["fusabi_call"]


@hookimpl(trylast=True)
def fusabi_call(call: CallContext) -> Any:
    """Call the bound plugin function with the call's arguments."""
    return call.target(*call.args)
