"""The core capability policy: a plugin may have what the host offers.

The host offers capabilities through :attr:`EngineConfig.capabilities
<fusabi_host.EngineConfig.capabilities>`; this policy answers every ``fusabi_grant`` with the
part of the request that is offered.  Other policies (for example
``fusabi_host_contrib.policies.deny_dangerous``) can only narrow the result further.
"""

from __future__ import annotations

from fusabi_host.capabilities import Capabilities
from fusabi_host.hookspecs import hookimpl
from fusabi_host.hooktypes import GrantRequest


@hookimpl(trylast=True)
def fusabi_grant(request: GrantRequest) -> Capabilities:
    """Allow exactly what is both requested and offered."""
    return request.requested & request.offered
