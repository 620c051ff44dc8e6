"""Tests of the example plugins in ``examples/plugins``, each loaded from its own directory
through a real :class:`~fusabi_host.PluginRuntime`."""
