"""The core loader: Fusabi source is compiled, Fusabi bytecode is validated and lifted.

It runs at step 5 of a load (see :mod:`fusabi_host.loader`), once the manifest is valid and the
capabilities are granted.  It is ``trylast``: an extension loader that reads another file
format, or fetches compiled code from a cache, sees every request first and the core loader
only gets what nobody claimed.
"""

from __future__ import annotations

from typing import Final

from fusabi_host.engine import CompiledUnit, compile_file, load_bytecode_file
from fusabi_host.hookspecs import hookimpl
from fusabi_host.hooktypes import EntryKind, LoadRequest

__all__ = ["SOURCE_SUFFIXES", "fusabi_load"]

SOURCE_SUFFIXES: Final = (".fsx", ".fs", ".fusabi")
"""File suffixes the core loader compiles as Fusabi source (any other source entry is left to
extension loaders)."""


@hookimpl(trylast=True)
def fusabi_load(request: LoadRequest) -> CompiledUnit | None:
    """Compile ``.fsx`` source (``#load`` may read files inside the plugin directory only), or
    validate and lift bytecode (``.fzb``, or any file starting with ``FZB\\x01``).  Other
    files are not its business (``None``)."""
    if request.kind is EntryKind.BYTECODE:
        return load_bytecode_file(request.entry, type_check=request.engine.type_check)
    if request.entry.suffix.lower() not in SOURCE_SUFFIXES:
        return None
    return compile_file(
        request.entry,
        root=request.plugin_dir,
        type_check=request.engine.type_check,
        compile_cache=request.engine.compile_cache,
    )
