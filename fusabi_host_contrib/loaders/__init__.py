"""Alternative plugin loaders (entry-point group ``fusabi_host.loaders``)."""
