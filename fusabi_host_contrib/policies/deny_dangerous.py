"""A capability policy that never grants a dangerous capability.

Dangerous capabilities (``fs:write``, ``fs:execute``, ``process:exec``, ``net:listen``,
``net:request``, ``env:read``, ``env:write``) can change the machine or leak its data.  With
this policy enabled a plugin that declares one of them fails to load, whatever the host offers.

Enable it with ``RuntimeConfig(enable_extensions=("deny_dangerous",))``.
"""

from __future__ import annotations

from fusabi_host.capabilities import Capabilities, Capability
from fusabi_host.hookspecs import hookimpl
from fusabi_host.hooktypes import GrantRequest

fusabi_host_opt_in = True
"""Registered only when enabled by name: installing the package changes nothing."""


@hookimpl
def fusabi_grant(request: GrantRequest) -> Capabilities:
    """Allow the request minus every dangerous capability."""
    dangerous = [c for c in Capability if c.is_dangerous]
    return request.requested.without(*dangerous)
