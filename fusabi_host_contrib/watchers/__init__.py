"""Alternative file watchers (entry-point group ``fusabi_host.watchers``)."""
