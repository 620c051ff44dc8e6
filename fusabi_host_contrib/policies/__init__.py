"""Capability policies (entry-point group ``fusabi_host.policies``)."""
