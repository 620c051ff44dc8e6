"""The Fusabi language: lexer, parser, type inference, code generation and standard library.

This package knows nothing about plugins, manifests or pluggy; the runtime sees only
:func:`fusabi_host.lang.compiler.compile_source` and the units and instances it produces.
"""
