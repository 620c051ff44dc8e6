"""The Fusabi standard library: importing this package registers every library function in
:data:`fusabi_host.lang.stdlib.registry.REGISTRY`.  One module per Fusabi module."""

from fusabi_host.lang.stdlib import (  # noqa: F401
    array_module,
    char_module,
    core,
    effects,
    file_module,
    json_module,
    list_module,
    map_module,
    math_module,
    option_module,
    process_module,
    script_module,
    seq_module,
    set_module,
    string_module,
    time_module,
    url_module,
)
