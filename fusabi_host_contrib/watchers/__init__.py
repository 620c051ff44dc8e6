"""Alternative file watchers (entry-point group ``fusabi_host.watchers``).

Each module here implements the ``fusabi_watcher`` hook and answers only to its own name in
``WatchConfig(backend=...)``, so installing fusabi-host never changes which watcher runs:

* ``polling`` (:mod:`fusabi_host_contrib.watchers.polling`) -- a stat-based poller for network
  mounts and containers, with no dependency beyond the standard library.
"""
