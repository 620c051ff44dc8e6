"""The core capability policy: a plugin may have what the host offers.

The host offers capabilities through :attr:`EngineConfig.capabilities
<fusabi_host.EngineConfig.capabilities>`; this policy answers every ``fusabi_grant`` with the
part of the request that is offered.  Other policies (for example
``fusabi_host_contrib.policies.deny_dangerous``) can only narrow the result further, since the
manager intersects every policy's answer.  It is ``trylast``: extension policies are asked
first, so a capability they refuse is credited to them in ``GrantDecision.refused_by``.
"""

from __future__ import annotations

from fusabi_host.capabilities import Capabilities
from fusabi_host.hookspecs import hookimpl
from fusabi_host.hooktypes import GrantRequest

__all__ = ["fusabi_grant"]


@hookimpl(trylast=True)
def fusabi_grant(request: GrantRequest) -> Capabilities:
    """Allow exactly what is both requested and offered."""
    return request.requested & request.offered
