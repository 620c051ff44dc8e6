"""Optional extensions for fusabi-host: alternative loaders, capability policies and
watchers, each registered through fusabi-host's entry-point groups.

Policies here are *opt-in*: installing fusabi-host never changes what plugins may do.
Enable one by its entry-point name::

    RuntimeConfig(enable_extensions=("deny_dangerous",))
"""
