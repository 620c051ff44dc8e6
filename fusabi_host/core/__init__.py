"""fusabi-host's own hook implementations, one module per hook.

The :class:`~fusabi_host.manager.HostPluginManager` registers these modules before any
extension (they are listed in :data:`fusabi_host.manager.CORE_PLUGINS`), each under its module
name, so they show in ``fusabi-host extensions`` as ``fusabi_host.core.<module>``:

* :mod:`fusabi_host.core.policy` -- ``fusabi_grant``: a plugin may have what the host offers;
* :mod:`fusabi_host.core.validate` -- ``fusabi_validate``: entry files exist and are what they
  claim to be;
* :mod:`fusabi_host.core.executor` -- ``fusabi_call``: performs the call inside the wrappers;
* :mod:`fusabi_host.core.loader` -- ``fusabi_load``: compiles ``.fsx`` source, lifts ``.fzb``
  bytecode;
* :mod:`fusabi_host.core.watcher` -- ``fusabi_watcher``: the watchdog file-watching backend.

The ``firstresult`` ones (loader, executor, watcher) are ``trylast``, so an extension sees every
request first; the policy is ``trylast`` too and can only be narrowed by other policies.
Nothing else in the runtime imports these modules: the manager imports each by name when it is
built, so a host can replace one with ``HostPluginManager(core=...)``.
"""
