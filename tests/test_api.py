"""The public API is pinned and documented, every module imports cleanly on its own terms, and
the runtime's modules import each other without a cycle.

* ``fusabi_host.__all__`` is the exact list below: adding or removing a public name is a
  decision, so it has to change this test too.
* Every public name is importable from ``fusabi_host`` and documented: a class or function by
  its own docstring, a constant by the string right after its assignment (the convention
  Sphinx reads).
* Every module of ``fusabi_host`` and ``fusabi_host_contrib`` imports in a fresh interpreter
  under ``-W error``, so no import warns (deprecations included) and none depends on another
  module having been imported first by the test session.
* The graph of module-level imports (``if TYPE_CHECKING:`` blocks and imports inside functions
  left out, since they do not run at import time) has no cycle.
"""

from __future__ import annotations

import ast
import functools
import graphlib
import inspect
import itertools
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

import fusabi_host

REPO = Path(__file__).resolve().parents[1]
PACKAGES = ("fusabi_host", "fusabi_host_contrib")

PUBLIC_API = [
    "ApiVersion",
    "ApiVersionMismatch",
    "ArityMismatch",
    "BytecodeError",
    "CallStats",
    "Capabilities",
    "Capability",
    "CapabilityError",
    "CompileError",
    "CompiledUnit",
    "ConfigError",
    "ConversionError",
    "Dependency",
    "DependencyError",
    "DiscoveryError",
    "EngineConfig",
    "EventBus",
    "FunctionNotFound",
    "FusabiError",
    "FusabiRuntimeError",
    "HOST_API_VERSION",
    "HotReloader",
    "Instance",
    "InvalidState",
    "LifecycleEvent",
    "LifecycleState",
    "LimitExceeded",
    "Limits",
    "LoaderConfig",
    "Manifest",
    "ManifestError",
    "MetricsSnapshot",
    "PluginAlreadyLoaded",
    "PluginHandle",
    "PluginInfo",
    "PluginLoader",
    "PluginNotFound",
    "PluginRegistry",
    "PluginRuntime",
    "PluginWatcher",
    "RegistryConfig",
    "RegistryFull",
    "RegistryStats",
    "ReloadVetoed",
    "RuntimeConfig",
    "StateHandoffError",
    "Variant",
    "WatchConfig",
    "WatchEvent",
    "WatchEventKind",
    "__version__",
    "compile_file",
    "compile_source",
    "hookimpl",
    "load_bytecode",
    "load_bytecode_file",
    "run_source",
]


# ----------------------------------------------------------------------------- modules


def module_files() -> dict[str, Path]:
    """Every module of the two packages, by dotted name."""
    modules: dict[str, Path] = {}
    for package in PACKAGES:
        for path in sorted((REPO / package).rglob("*.py")):
            parts = list(path.relative_to(REPO).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            modules[".".join(parts)] = path
    return modules


MODULES = module_files()


def attribute_docstrings(path: Path) -> set[str]:
    """The module-level names of *path* assigned and then documented by a string literal."""
    body = ast.parse(path.read_text(encoding="utf-8")).body
    documented: set[str] = set()
    for statement, following in itertools.pairwise(body):
        documented_next = (
            isinstance(following, ast.Expr)
            and isinstance(following.value, ast.Constant)
            and isinstance(following.value.value, str)
            and following.value.value.strip()
        )
        if not documented_next:
            continue
        if isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name):
            documented.add(statement.target.id)
        elif isinstance(statement, ast.Assign):
            documented.update(t.id for t in statement.targets if isinstance(t, ast.Name))
    return documented


def defining_module(name: str) -> str:
    """The module ``fusabi_host/__init__.py`` imports *name* from (itself if it defines it)."""
    tree = ast.parse(MODULES["fusabi_host"].read_text(encoding="utf-8"))
    for node in tree.body:
        imports_it = isinstance(node, ast.ImportFrom) and any(
            (alias.asname or alias.name) == name for alias in node.names
        )
        if imports_it and node.module in MODULES:
            return node.module
    return "fusabi_host"


# ----------------------------------------------------------------------------- __all__


def test_the_public_api_is_pinned():
    assert len(set(fusabi_host.__all__)) == len(fusabi_host.__all__), "no name twice"
    assert sorted(fusabi_host.__all__) == PUBLIC_API


@pytest.mark.parametrize("name", PUBLIC_API)
def test_each_public_name_is_importable_and_documented(name):
    namespace: dict[str, object] = {}
    exec(f"from fusabi_host import {name}", namespace)
    value = namespace[name]
    if inspect.isclass(value) or inspect.isfunction(value):
        own = value.__dict__.get("__doc__") if inspect.isclass(value) else value.__doc__
        assert own and own.strip(), f"{name} needs a docstring"
    else:  # a constant: documented where it is assigned
        module = defining_module(name)
        assert name in attribute_docstrings(MODULES[module]), (
            f"{name} needs a docstring after its assignment in {module}"
        )


# ----------------------------------------------------------------------------- imports


def test_every_module_imports_in_a_fresh_interpreter_without_warnings():
    # ``__main__`` modules run the command line when imported; ``fusabi_host.cli`` covers it
    names = [name for name in MODULES if not name.endswith(".__main__")]
    script = textwrap.dedent(
        """
        import importlib, sys, traceback
        failed = []
        for name in sys.argv[1:]:
            try:
                importlib.import_module(name)
            except BaseException:
                failed.append(name + ":\\n" + traceback.format_exc())
        print("\\n".join(failed))
        sys.exit(1 if failed else 0)
        """
    )
    result = subprocess.run(
        [sys.executable, "-W", "error", "-c", script, *names],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def _runs_at_import(body: list[ast.stmt]) -> Iterator[ast.stmt]:
    """The statements of *body* that run when the module is imported: everything but function
    bodies and ``if TYPE_CHECKING:`` blocks (their ``else`` does run), recursively."""
    for statement in body:
        if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        if isinstance(statement, ast.If) and _is_type_checking(statement.test):
            yield from _runs_at_import(statement.orelse)
            continue
        yield statement
        for field in ("body", "orelse", "finalbody", "handlers", "cases"):
            nested = getattr(statement, field, None)
            if isinstance(nested, list):
                yield from _runs_at_import(nested)


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imported(name: str, path: Path) -> set[str]:
    """The package modules that module *name* imports at module level (``from p import m``
    counts as importing ``p.m`` when that is a module, else as importing ``p``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for statement in _runs_at_import(tree.body):
        if isinstance(statement, ast.Import):
            found.update(alias.name for alias in statement.names if alias.name in MODULES)
        elif isinstance(statement, ast.ImportFrom):
            if statement.level:
                base = package.split(".")[: len(package.split(".")) - statement.level + 1]
                source = ".".join([*base, *([statement.module] if statement.module else [])])
            else:
                source = statement.module or ""
            for alias in statement.names:
                submodule = f"{source}.{alias.name}"
                if submodule in MODULES:
                    found.add(submodule)
                elif source in MODULES:
                    found.add(source)
    found.discard(name)
    return found


@functools.cache
def import_graph() -> dict[str, set[str]]:
    """Module -> the package modules it imports at module level."""
    return {name: _imported(name, path) for name, path in MODULES.items()}


def test_the_import_graph_sees_module_level_imports_only():
    graph = import_graph()
    assert "fusabi_host.manager" in graph["fusabi_host.loader"]
    # hookspecs imports its record types under TYPE_CHECKING only
    assert graph["fusabi_host.hookspecs"] == set()


def test_modules_import_each_other_without_a_cycle():
    try:
        tuple(graphlib.TopologicalSorter(import_graph()).static_order())
    except graphlib.CycleError as cycle:
        pytest.fail("import cycle: " + " -> ".join(cycle.args[1]))
