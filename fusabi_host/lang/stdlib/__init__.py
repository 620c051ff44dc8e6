"""The Fusabi standard library: one Python module per Fusabi module.

:data:`MODULES` lists the modules that make up the library, in order; :func:`library` builds
the table of every library entry by qualified Fusabi name from them, once, on first use.
Importing a module only declares its entries (see :mod:`.registry`); nothing is registered
as a side effect of an import, and the library does not depend on the compiler.
"""

from __future__ import annotations

import functools
import types
from collections.abc import Mapping
from typing import Final

import attrs

from fusabi_host.lang.stdlib import (
    array2d_module,
    array_module,
    async_module,
    char_module,
    convert_module,
    core,
    dotnet_module,
    effects,
    file_module,
    generic_collections,
    json_module,
    lazy_module,
    list_module,
    map_module,
    math_module,
    operators_module,
    option_module,
    process_module,
    script_module,
    seq_module,
    set_module,
    string_module,
    terminal_module,
    text_module,
    time_module,
    url_module,
)
from fusabi_host.lang.stdlib.registry import (
    Builtin,
    declarations,
    declaring_modules,
    upstream_forms,
)

__all__ = ["MODULES", "library"]

MODULES: Final[tuple[types.ModuleType, ...]] = (
    array_module,
    array2d_module,
    async_module,
    char_module,
    math_module,
    convert_module,
    core,
    dotnet_module,
    effects,
    file_module,
    generic_collections,
    json_module,
    lazy_module,
    list_module,
    map_module,
    operators_module,
    option_module,
    process_module,
    script_module,
    seq_module,
    set_module,
    string_module,
    terminal_module,
    text_module,
    time_module,
    url_module,
)
"""The modules of the library, in the order their entries are listed."""


@functools.cache
def library() -> Mapping[str, Builtin]:
    """Every library function and constant by qualified Fusabi name (read-only; built once).

    Raises :class:`ValueError` when two entries share a name or a module that declares
    entries is missing from :data:`MODULES`."""
    listed = {module.__name__ for module in MODULES}
    unlisted = [name for name in declaring_modules() if name not in listed]
    if unlisted:
        raise ValueError(f"library modules not listed in MODULES: {', '.join(unlisted)}")
    entries: dict[str, Builtin] = {}
    for module in MODULES:
        for entry in declarations(module.__name__):
            if entry.name in entries:
                raise ValueError(f"builtin {entry.name} is declared twice")
            entries[entry.name] = entry
    for module in MODULES:
        for form in upstream_forms(module.__name__):
            fsharp = entries.get(form.name)
            if fsharp is None or fsharp.upstream is not None:
                raise ValueError(f"upstream form of {form.name}: no F# entry, or two forms")
            entries[form.name] = attrs.evolve(fsharp, upstream=form)
    return types.MappingProxyType(entries)
