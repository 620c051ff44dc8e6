"""Name resolution and lowering: syntax tree to the core IR.

This pass owns the language's scoping rules: local scopes, ``let rec`` groups, modules and
``open``, ``#load``, union and record declarations, and the upstream conveniences kept for
compatibility (a ``let`` that refers to itself is recursive when its name is not otherwise
bound; an undeclared capitalised name applied to arguments is an ad-hoc union case).
Every undefined name is reported, several at once, with its position.

The syntax tree's nesting is bounded by the parser (:data:`~fusabi_host.lang.parser.MAX_NESTING`)
and lowering runs in the parser's :func:`~fusabi_host.lang.parser.recursion_room`; its work is
charged to the current run's guard, so it stops at the caller's deadline.
"""

from __future__ import annotations

import copy
import difflib
import functools
import itertools
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any, Final

from fusabi_host.errors import CompileError, Diagnostic
from fusabi_host.lang import ir
from fusabi_host.lang import syntax as S
from fusabi_host.lang.classes import CONSTRUCTOR
from fusabi_host.lang.composite import parse_hole_spec
from fusabi_host.lang.exceptions import DEFAULT_MESSAGES, EXCEPTION_TAGS, exception_class_cases
from fusabi_host.lang.format import list_form_call
from fusabi_host.lang.guard import spend
from fusabi_host.lang.ir import (  # the declaration model (re-exported for older importers)
    BUILTIN_TYPES,
    EXN_UNION,
    IDISPOSABLE,
    OPTION_UNION,
    RESULT_UNION,
    AliasDecl,
    CaseDecl,
    InterfaceDecl,
    RecordDecl,
    TypeRef,
    UnionDecl,
)
from fusabi_host.lang.parser import custom_level, parse_type, recursion_room
from fusabi_host.lang.stdlib.dotnet_module import SYSTEM_NAMESPACES
from fusabi_host.lang.stdlib.operators_module import BITWISE_NOT, BITWISE_OPERATORS
from fusabi_host.lang.stdlib.registry import REGISTRY, Builtin
from fusabi_host.lang.values import Char, Tag, adhoc_tag

__all__ = [
    "BUILTIN_TYPES",
    "EXN_UNION",
    "OPTION_UNION",
    "RESULT_UNION",
    "AliasDecl",
    "CaseDecl",
    "RecordDecl",
    "TypeRef",
    "UnionDecl",
    "lower",
]

TICKS: Final = 1024
"""Expressions lowered between two charges to the current run's guard."""

_TYPE_VARIABLE: Final = re.compile(r"'(\w+)")
"""A type variable of a library signature (``'a``)."""
_ZERO_VALUES: Final[dict[str, object]] = {
    "int": 0, "float": 0.0, "bool": False, "string": "", "char": Char("\0"),
    "decimal": Decimal(0),
}  # fmt: skip
"""The .NET default of an element type, for ``Array.zeroCreate<t>`` (F#'s string default is
null; the empty string is the nearest value here).  Other types' default is null, which is
``()`` here: an element to set before it is read (reading it fails where it is used, as .NET's
``NullReferenceException`` would)."""

_TYPE_TEST_KINDS: Final = frozenset(
    {"int", "float", "string", "bool", "char", "decimal", "unit", "list", "array", "map", "set"}
    | {"dyn"}
)
"""The built-in types a ``:? T`` pattern can test a value for (``dyn``: ``obj``, anything)."""

FORMAT_FUNCTIONS = frozenset(
    {"printfn", "printf", "sprintf", "eprintfn", "eprintf", "failwithf", "String.format"}
)
MEMBER_METHODS = frozenset(
    [
        "Substring",
        "Split",
        "Replace",
        "StartsWith",
        "EndsWith",
        "Contains",
        "IndexOf",
        "LastIndexOf",
        "Trim",
        "TrimStart",
        "TrimEnd",
        "ToUpper",
        "ToLower",
        "PadLeft",
        "PadRight",
        "ToCharArray",
        "ToString",
        "ToUpperInvariant",
        "ToLowerInvariant",
        "Insert",
        "Remove",
        "IndexOfAny",
        "Chars",
        "Equals",
        "CompareTo",
        "GetHashCode",
    ]
)


class Module:
    """A namespace of values, types, constructors and sub-modules."""

    def __init__(self, name: str, parent: Module | None = None) -> None:
        self.name = name
        self.parent = parent
        self.values: dict[str, Any] = {}  # name -> Var | Builtin | CaseDecl
        self.types: dict[str, Any] = {}  # name -> UnionDecl | RecordDecl | AliasDecl
        self.modules: dict[str, Module] = {}

    @property
    def qualified(self) -> str:
        if self.parent is None or not self.parent.name:
            return self.name
        return f"{self.parent.qualified}.{self.name}"


@functools.cache
def _stdlib_modules() -> tuple[Module, dict[str, Module]]:
    """The library's modules by name, and its top-level functions (in a nameless root),
    built once per process from the registry: lowering only looks names up in them (a
    script's own modules are modules of its own, even when named ``List``)."""
    root = Module("")
    modules: dict[str, Module] = {}
    for name, builtin in REGISTRY.items():
        module_name, _, short = name.rpartition(".")
        if not module_name:
            root.values[short] = builtin
            continue
        module = modules.get(module_name)
        if module is None:
            module = modules[module_name] = Module(module_name)
        module.values[short] = builtin
    modules["System"] = _system_namespaces(modules)
    return root, modules


# ---- the .NET `System` namespace: `open System`, `System.Math.Sqrt` (dotnet_module lists it)


def _system_namespaces(modules: dict[str, Module]) -> Module:
    """The ``System`` namespace and the namespaces under it (``System.Text``...), holding the
    library modules named like .NET types, so ``System.Char.IsDigit`` is ``Char.IsDigit``."""
    system = Module("System")
    for qualified, members in SYSTEM_NAMESPACES.items():
        namespace = system
        for part in qualified.split(".")[1:]:
            namespace = namespace.modules.setdefault(part, Module(part, namespace))
        for member in members:
            if member in modules:
                namespace.modules[member] = modules[member]
    _add_exception_classes(system)
    system.types["IDisposable"] = IDISPOSABLE
    return system


def _add_exception_classes(system: Module) -> None:
    """Make the built-in exceptions constructible by their .NET names
    (``System.InvalidOperationException "msg"``, ``System.Exception "msg"``, which is F#'s
    ``Failure``)."""
    namespaces = {"System.Collections.Generic": ("KeyNotFoundException",)}
    special = {name for names in namespaces.values() for name in names}
    for case in EXN_UNION.cases:
        if case.tag.name not in special and case.tag.name != "Failure":
            system.values[case.tag.name] = case
    system.values["Exception"] = _FAILURE_CASE
    for qualified, names in namespaces.items():
        namespace = system
        for part in qualified.split(".")[1:]:
            namespace = namespace.modules.setdefault(part, Module(part, namespace))
        for name in names:
            namespace.values[name] = next(c for c in EXN_UNION.cases if c.tag.name == name)


_FAILURE_CASE: Final = next(c for c in EXN_UNION.cases if c.tag.name == "Failure")
"""``Failure``: a plain ``System.Exception`` (what ``failwith`` and ``Exception "msg"`` raise)."""


# ---- end of the `System` namespace


def _rewrite_subpatterns(node: S.Pattern, rewrite: Callable[[S.Pattern], S.Pattern]) -> None:
    """Replace each direct sub-pattern of *node* by ``rewrite`` of it, in place (the walk
    the rewrites of active patterns and of type tests share)."""
    if isinstance(node, S.PTuple | S.PList | S.PArray):
        node.items = [rewrite(p) for p in node.items]
    elif isinstance(node, S.PCtor) and node.args:
        node.args = [rewrite(p) for p in node.args]
    elif isinstance(node, S.PCtor) and node.named:
        node.named = [(name, rewrite(p)) for name, p in node.named]
    elif isinstance(node, S.PAs | S.PTyped):
        node.pattern = rewrite(node.pattern)
    elif isinstance(node, S.PCons):
        node.head = rewrite(node.head)
        node.tail = rewrite(node.tail)
    elif isinstance(node, S.PRecord):
        node.fields = [(name, rewrite(p)) for name, p in node.fields]
    elif isinstance(node, S.POr):
        node.left = rewrite(node.left)
        node.right = rewrite(node.right)


def _out_argument(node: S.App) -> S.Expr | None:
    """``d.TryGetValue(k, &v)`` / ``Int32.TryParse(s, &v)``: .NET's out parameter, which the
    library returns as the second part of a pair (``d.TryGetValue k`` is ``(found, value)``):
    ``let ok, out = d.TryGetValue k in (v <- if ok then out else op_OutDefault v); ok``.
    ``None`` for a call without an out argument."""
    if len(node.args) != 1 or not isinstance(node.args[0], S.TupleExpr):
        return None
    items = node.args[0].items
    last = items[-1]
    if not (isinstance(last, S.UnOp) and last.op == "&") or len(items) < 2:
        return None
    line, col = node.line, node.col
    rest: S.Expr = items[0] if len(items) == 2 else S.TupleExpr(line, col, items[:-1])
    call = S.App(line, col, node.func, [rest])
    ok, value = f" out ok {line}:{col}", f" out value {line}:{col}"
    pattern = S.PTuple(line, col, [S.PVar(line, col, ok), S.PVar(line, col, value)])
    found = S.Name(line, col, [ok])
    default = S.App(line, col, S.Name(line, col, ["op_OutDefault"]), [last.operand])
    given = S.If(line, col, found, S.Name(line, col, [value]), default)
    body = S.Sequence(line, col, [S.Assign(line, col, last.operand, given), found])
    return S.Let(line, col, False, [S.Binding(line, col, pattern, [], call)], body)


class LowerError(Exception):
    def __init__(self, line: int, col: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.col = col
        self.message = message


class Scope:
    """A block of local names, chained to its parent."""

    def __init__(self, parent: Scope | None = None) -> None:
        self.parent = parent
        self.names: dict[str, Any] = {}
        self.opened: list[Module] = []

    def lookup(self, name: str) -> Any:
        scope: Scope | None = self
        while scope is not None:
            if name in scope.names:
                return scope.names[name]
            for module in reversed(scope.opened):
                if name in module.values:
                    return module.values[name]
            scope = scope.parent
        return None

    def lookup_module(self, name: str) -> Module | None:
        scope: Scope | None = self
        while scope is not None:
            entity = scope.names.get(name)
            if isinstance(entity, Module):
                return entity
            for module in reversed(scope.opened):
                if name in module.modules:
                    return module.modules[name]
            scope = scope.parent
        return None

    def lookup_type(self, name: str) -> Any:
        scope: Scope | None = self
        while scope is not None:
            entity = scope.names.get(" type " + name)
            if entity is not None:
                return entity
            for module in reversed(scope.opened):
                if name in module.types:
                    return module.types[name]
            scope = scope.parent
        return None


# --------------------------------------------------------------------------- the lowerer


class Lowerer:
    def __init__(
        self,
        script: S.Script,
        load_file: Callable[[str, str], tuple[str, str]] | None,
    ) -> None:
        self.script = script
        self.filename = script.filename
        self.load_file = load_file
        self.errors: list[Diagnostic] = []
        self.sources: dict[str, list[str]] = {script.filename: script.source.splitlines()}
        self.root, self.stdlib = _stdlib_modules()
        self.items: list[ir.TopBinding | ir.TopExpr] = []
        self.all_globals: list[ir.Var] = []
        self.exports: dict[str, ir.Var] = {}
        self.unions: dict[str, UnionDecl] = {"option": OPTION_UNION, "result": RESULT_UNION}
        self.active_cases: dict[str, CaseDecl] = {}  # case -> its active pattern's case
        self.records: dict[str, RecordDecl] = {}
        self.exceptions: dict[str, Tag] = dict(EXCEPTION_TAGS)
        self.exception_cases: dict[str, CaseDecl] = {}
        self.static_properties: set[ir.Var] = set()  # `static member P = ...`: called at use
        self.loaded: dict[str, str] = {}
        self.loading: list[str] = []
        self.temp = itertools.count(1)
        self.loop_depth = 0
        self.current_file = script.filename
        self.ticks = 0  # expressions lowered since the last charge to the guard
        self.decl_at: tuple[int, int] = (1, 1)  # the declaration being lowered
        # the root scope: stdlib modules and top-level functions, then the user's globals
        self.top = Scope()
        for name, module in self.stdlib.items():
            self.top.names[name] = module
        for name, builtin in self.root.values.items():
            self.top.names[name] = builtin
        for case in OPTION_UNION.cases + RESULT_UNION.cases + EXN_UNION.cases:
            self.top.names[case.tag.name] = case
        self.top.names["Exception"] = _FAILURE_CASE
        self.handler_vars: list[ir.Var] = []  # the exceptions the enclosing handlers caught
        self.top.names[" type option"] = OPTION_UNION
        self.top.names[" type Option"] = OPTION_UNION
        self.top.names[" type Result"] = RESULT_UNION
        self.top.names[" type IDisposable"] = IDISPOSABLE
        self.user_root = Module("")

    # ------------------------------------------------------------------ errors

    def error(self, line: int, col: int, message: str) -> None:
        lines = self.sources.get(self.current_file, [])
        text = lines[line - 1] if 0 < line <= len(lines) else ""
        self.errors.append(Diagnostic(self.current_file, line, col, message, text))

    def suggest(self, name: str, scope: Scope) -> str:
        candidates: set[str] = set()
        s: Scope | None = scope
        while s is not None:
            candidates.update(n for n in s.names if not n.startswith(" "))
            for module in s.opened:
                candidates.update(module.values)
            s = s.parent
        close = difflib.get_close_matches(name, sorted(candidates), n=1)
        return f"; did you mean '{close[0]}'?" if close else ""

    # ------------------------------------------------------------------ entry

    def run(self) -> ir.Unit:
        scope = Scope(self.top)
        self.lower_decls(self.script.decls, scope, self.user_root, top=True)
        if self.errors:
            raise CompileError(self.errors[:50])
        return ir.Unit(
            filename=self.filename,
            items=self.items,
            globals=self.exports,
            all_globals=self.all_globals,
            unions=self.unions,
            records=self.records,
            exceptions=self.exceptions,
            source=self.script.source,
            files=self.loaded,
            exception_cases=self.exception_cases,
        )

    # ------------------------------------------------------------------ declarations

    def lower_decls(self, decls: list[S.Decl], scope: Scope, module: Module, top: bool) -> None:
        for decl in decls:
            self.decl_at = (decl.line, decl.col)
            try:
                self.lower_decl(decl, scope, module, top)
            except LowerError as exc:
                self.error(exc.line, exc.col, exc.message)

    def lower_decl(self, decl: S.Decl, scope: Scope, module: Module, top: bool) -> None:
        if isinstance(decl, S.DLet):
            self.lower_top_let(decl, scope, module, top)
        elif isinstance(decl, S.DExpr):
            expr = self.expr(decl.expr, scope)
            self.items.append(ir.TopExpr(expr, decl.line))
        elif isinstance(decl, S.DType):
            self.declare_types(decl, scope, module)
        elif isinstance(decl, S.DModule):
            sub = Module(decl.name, module)
            module.modules[decl.name] = sub
            scope.names[decl.name] = sub
            inner = Scope(scope)
            inner.opened.append(sub)
            self.lower_decls(decl.body, inner, sub, top=False)
        elif isinstance(decl, S.DOpen):
            opened = self.resolve_module_path(decl.path, scope, decl)
            scope.opened.append(opened)
        elif isinstance(decl, S.DLoad):
            for path in decl.paths:
                self.load(path, decl, scope, module, top)
        elif isinstance(decl, S.DException):
            names = tuple(label or f"Data{i}" for i, (label, _) in enumerate(decl.fields))
            tag = Tag(decl.name, "exn", 100 + len(self.exceptions), len(decl.fields), names)
            case = CaseDecl(tag, [(n, self.type_ref(t, scope, {})) for n, t in decl.fields], None)
            self.exceptions[decl.name] = tag
            self.exception_cases[decl.name] = case
            scope.names[decl.name] = case
            module.values[decl.name] = case
        else:  # pragma: no cover - the parser builds nothing else
            raise LowerError(decl.line, decl.col, f"unsupported declaration {type(decl).__name__}")

    def resolve_module_path(self, path: list[str], scope: Scope, node: S.Node) -> Module:
        module = scope.lookup_module(path[0])
        if module is None:
            raise LowerError(node.line, node.col, f"unknown module '{path[0]}'")
        for part in path[1:]:
            nxt = module.modules.get(part)
            if nxt is None:
                qualified = f"{module.qualified}.{part}" if module.qualified else part
                nxt = self.stdlib.get(qualified)
            if nxt is None:
                raise LowerError(node.line, node.col, f"module '{module.name}' has no '{part}'")
            module = nxt
        return module

    def load(self, path: str, decl: S.Node, scope: Scope, module: Module, top: bool) -> None:
        if self.load_file is None:
            raise LowerError(decl.line, decl.col, "#load is not available for code given as text")
        try:
            name, text = self.load_file(self.current_file, path)
        except (OSError, ValueError) as exc:
            raise LowerError(decl.line, decl.col, f"cannot #load '{path}': {exc}") from None
        if name in self.loaded or name in self.loading:
            return  # each file is loaded once
        from fusabi_host.lang.parser import parse  # noqa: PLC0415

        self.loading.append(name)
        script = parse(text, name)
        self.sources[name] = text.splitlines()
        previous = self.current_file
        self.current_file = name
        try:
            self.lower_decls(script.decls, scope, module, top)
        finally:
            self.current_file = previous
            self.loading.remove(name)
        self.loaded[name] = text

    # -- types

    def declare_types(self, decl: S.DType, scope: Scope, module: Module) -> None:
        decls: list[tuple[S.TypeDef, Any]] = []
        for tdef in decl.types:
            qualified = f"{module.qualified}.{tdef.name}" if module.qualified else tdef.name
            entity: Any
            if tdef.cases is not None:
                entity = UnionDecl(qualified, tdef.params)
                self.unions[qualified] = entity
            elif tdef.record is not None:
                entity = RecordDecl(qualified, tdef.params)
                self.records[qualified] = entity
            elif tdef.abstract is not None:
                entity = InterfaceDecl(qualified, tdef.params)
                self.records[qualified] = entity
            else:
                entity = AliasDecl(qualified, tdef.params)
            scope.names[" type " + tdef.name] = entity
            module.types[tdef.name] = entity
            decls.append((tdef, entity))
        for tdef, entity in decls:
            params = {p: TypeRef("var", p) for p in tdef.params}
            if isinstance(entity, UnionDecl):
                type_module = Module(tdef.name, module)
                for index, case in enumerate(tdef.cases or []):
                    names = tuple(
                        label or f"Item{i + 1}" for i, (label, _) in enumerate(case.fields)
                    )
                    if len(case.fields) == 1 and case.fields[0][0] is None:
                        names = ("Item",)
                    tag = Tag(
                        case.name, entity.name, index, len(case.fields), names, case.enum_value
                    )
                    fields = [(label, self.type_ref(t, scope, params)) for label, t in case.fields]
                    case_decl = CaseDecl(tag, fields, entity)
                    entity.cases.append(case_decl)
                    scope.names[case.name] = case_decl
                    module.values[case.name] = case_decl
                    type_module.values[case.name] = case_decl
                if tdef.name not in module.modules:
                    module.modules[tdef.name] = type_module
                    scope.names.setdefault(tdef.name, type_module)
            elif isinstance(entity, InterfaceDecl):
                self.declare_interface(tdef, entity, scope, params)
            elif isinstance(entity, RecordDecl):
                entity.fields = [
                    (name, self.type_ref(t, scope, params), mutable)
                    for name, t, mutable in tdef.record or []
                ]
            else:
                assert tdef.alias is not None
                entity.target = self.type_ref(tdef.alias, scope, params)
        for tdef, entity in decls:
            if tdef.members or tdef.interfaces:
                self.declare_members(tdef, entity, scope, module)

    def declare_interface(
        self, tdef: S.TypeDef, entity: InterfaceDecl, scope: Scope, params: dict[str, TypeRef]
    ) -> None:
        """An interface's members as the fields of its record (see :class:`InterfaceDecl`):
        a method's field has its type, a property's is a function of unit."""
        if tdef.members or tdef.interfaces:
            raise LowerError(
                tdef.line, tdef.col, f"the interface '{tdef.name}' declares abstract members only"
            )
        for member in tdef.abstract or []:
            signature = self.type_ref(member.type, scope, params)
            if signature.kind != "fun":
                entity.properties.add(member.name)
                signature = TypeRef("fun", args=[TypeRef("con", "unit"), signature])
            entity.fields.append((member.name, signature, False))

    def declare_members(self, tdef: S.TypeDef, entity: Any, scope: Scope, module: Module) -> None:
        """``member``s of a record or union: each becomes a global function whose first
        parameter is the self value (annotated with the type).  Instance members are listed in
        the declaration's member table (inference resolves ``x.Name`` through it); static ones
        are values of the type's module, reached as ``Type.Name``; a static property is a
        function of unit, called at each use (F# evaluates its getter at each access).  All
        are one recursive group: members may use each other and later ones."""
        if isinstance(entity, AliasDecl):
            raise LowerError(
                tdef.line, tdef.col, f"type abbreviation '{tdef.name}' cannot have members"
            )
        type_module = module.modules.get(tdef.name)
        if type_module is None:
            type_module = module.modules[tdef.name] = Module(tdef.name, module)
            scope.names[tdef.name] = type_module
        seen: set[str] = set()
        for member in tdef.members or []:
            if member.name in seen and member.name not in S.OPERATOR_OF_MEMBER:  # (overloads)
                raise LowerError(
                    member.line,
                    member.col,
                    f"type '{tdef.name}' defines member '{member.name}' twice",
                )
            seen.add(member.name)
        # every member is reachable before any body is lowered
        members = [(m, self.member_global(m, entity, type_module)) for m in tdef.members or []]
        inner = Scope(scope)
        bindings = [(self.member_binding(tdef, member), var) for member, var in members]
        for impl in tdef.interfaces or []:
            bindings.extend(self.implementation(tdef, impl, entity, inner, type_module))
        lams: list[tuple[ir.Var, ir.Lam]] = []
        for binding, var in bindings:
            lam = self.binding_value(binding, inner, var)
            assert isinstance(lam, ir.Lam)  # (it has parameters)
            lams.append((var, lam))
        self.items.append(
            ir.TopBinding(
                [v for v, _ in lams], ir.Const(tdef.line, None), rec_group=lams, line=tdef.line
            )
        )

    def implementation(
        self, tdef: S.TypeDef, impl: S.InterfaceImpl, entity: Any, inner: Scope, module: Module
    ) -> list[tuple[S.Binding, ir.Var]]:
        """``interface I with member ...`` of type *tdef*: one function per member (reachable
        in *inner* by a name no script can write), and the type's upcast function to ``I``,
        ``fun value -> <I's record of value's members>``, recorded in ``entity.interfaces``."""
        iface = self.interface_type(impl.type, inner)
        short = iface.name.rpartition(".")[2]
        if iface.name in entity.interfaces:
            raise LowerError(impl.line, impl.col, f"'{tdef.name}' implements '{short}' twice")
        by_name = self.check_implementation(impl.members, iface, impl, f"'{tdef.name}'")
        found: list[tuple[S.Binding, ir.Var]] = []
        line, col = impl.line, impl.col
        value = S.Name(line, col, [" value"])
        fields: list[tuple[str, S.Expr]] = []
        for name, _, _ in iface.fields:
            member = by_name[name]
            if member.self_name is None:
                raise LowerError(member.line, member.col, "an interface member is not static")
            var = self.new_global(f"{short}.{name}", module)
            hidden = f" {iface.name}.{name} of {tdef.name}"
            inner.names[hidden] = var
            found.append((self.member_binding(tdef, member), var))
            call: S.Expr = S.App(line, col, S.Name(line, col, [hidden]), [value])
            if name in iface.properties:
                call = S.Lambda(line, col, [S.PLit(line, col, None)], call)
            fields.append((name, call))
        upcast = self.new_global(f"{short} of {tdef.name}", module)
        entity.interfaces[iface.name] = upcast
        record = S.InterfaceRecord(line, col, impl.type, fields)
        params: list[S.Pattern] = [S.PVar(line, col, " value")]
        found.append((S.Binding(line, col, S.PVar(line, col, upcast.name), params, record), upcast))
        return found

    def interface_type(self, texpr: S.TypeExpr, scope: Scope) -> InterfaceDecl:
        """The declared interface *texpr* names (an error for anything else)."""
        try:
            ref = self.type_ref(texpr, scope, {})
        except LowerError:
            ref = TypeRef("con")
        if not isinstance(ref.decl, InterfaceDecl):
            shown = texpr.name if isinstance(texpr, S.TName) else "this type"
            raise LowerError(
                texpr.line,
                texpr.col,
                f"'{shown}' is not an interface declared in this script (.NET's interfaces "
                "are not available)",
            )
        return ref.decl

    def check_implementation(
        self, members: list[S.MemberDef], iface: InterfaceDecl, where: S.Node, what: str
    ) -> dict[str, S.MemberDef]:
        """The members implementing *iface*, by name: each abstract member exactly once, a
        property without parameters and a method with them."""
        short = iface.name.rpartition(".")[2]
        by_name: dict[str, S.MemberDef] = {}
        declared = {name for name, _, _ in iface.fields}
        for member in members:
            if member.name not in declared:
                raise LowerError(
                    member.line, member.col, f"'{short}' has no abstract member '{member.name}'"
                )
            if member.name in by_name:
                raise LowerError(
                    member.line, member.col, f"'{member.name}' of '{short}' is implemented twice"
                )
            if (member.name in iface.properties) != (not member.params):
                kind = "a property" if member.name in iface.properties else "a method"
                raise LowerError(
                    member.line,
                    member.col,
                    f"'{member.name}' of '{short}' is {kind}: implement it as one",
                )
            by_name[member.name] = member
        missing = [name for name in sorted(declared) if name not in by_name]
        if missing:
            raise LowerError(
                where.line,
                where.col,
                f"{what} does not implement {', '.join(repr(n) for n in missing)} of '{short}'",
            )
        return by_name

    def member_binding(self, tdef: S.TypeDef, member: S.MemberDef) -> S.Binding:
        """The function binding a member is lowered as: ``self: T`` first for an instance
        member, ``()`` alone for a static property."""
        line, col = member.line, member.col
        params = list(member.params)
        if member.self_name is not None:
            self_type = S.TName(
                line, col, tdef.name, [S.TVarExpr(line, col, p) for p in tdef.params]
            )
            self_pat: S.Pattern = (
                S.PWild(line, col)
                if member.self_name == "_"
                else S.PVar(line, col, member.self_name)
            )
            params.insert(0, S.PTyped(line, col, self_pat, self_type))
        elif not params:
            params.append(S.PLit(line, col, None))
        name = S.PVar(line, col, f"{tdef.name}.{member.name}")
        return S.Binding(line, col, name, params, member.value, return_type=member.return_type)

    def member_global(self, member: S.MemberDef, entity: Any, module: Module) -> ir.Var:
        """The global variable of one member, named and reachable (see :meth:`name_member`)."""
        var = self.new_global(member.name, module)
        self.name_member(var, member, entity, module)
        return var

    def name_member(self, var: ir.Var, member: S.MemberDef, entity: Any, module: Module) -> None:
        """Give a member's global its F# name (``Point.Length``) and make it reachable: an
        instance member through the type's member table, a static one as ``Type.Name``."""
        var.name = member.name
        var.qualified = f"{module.qualified}.{member.name}"
        operator = S.OPERATOR_OF_MEMBER.get(member.name)
        if operator is not None:
            if member.self_name is not None or not member.params:
                raise LowerError(
                    member.line, member.col, "an operator member is static and has parameters"
                )
            entity.operators.setdefault(operator, []).append(var)
        if member.self_name is None:
            module.values[member.name] = var
            if not member.params:
                self.static_properties.add(var)
        else:
            entity.members[member.name] = var

    def type_ref(self, texpr: S.TypeExpr, scope: Scope, params: dict[str, TypeRef]) -> TypeRef:
        if isinstance(texpr, S.TVarExpr):
            if texpr.name == "_":
                return TypeRef("var", "_")
            return params.get(texpr.name) or TypeRef("var", texpr.name)
        if isinstance(texpr, S.TFunExpr):
            return TypeRef(
                "fun",
                args=[
                    self.type_ref(texpr.arg, scope, params),
                    self.type_ref(texpr.result, scope, params),
                ],
            )
        if isinstance(texpr, S.TTupleExpr):
            return TypeRef("tuple", args=[self.type_ref(t, scope, params) for t in texpr.items])
        if isinstance(texpr, S.TRecordExpr):
            return TypeRef(
                "anon", fields=[(n, self.type_ref(t, scope, params)) for n, t in texpr.fields]
            )
        assert isinstance(texpr, S.TName)
        args = [self.type_ref(t, scope, params) for t in texpr.args]
        name = texpr.name
        last = name.rpartition(".")[2]
        entity = self.qualified_type(name, scope) if "." in name else None
        if entity is not None:
            return TypeRef("con", getattr(entity, "name", name), args, decl=entity)
        entity = scope.lookup_type(last)
        if entity is not None and ("." not in name or getattr(entity, "name", "").endswith(name)):
            return TypeRef("con", getattr(entity, "name", name), args, decl=entity)
        if texpr.args and self.is_generic_list(name.split("."), scope):  # List<int>, opened
            return TypeRef("con", "resizearray", args)
        builtin = BUILTIN_TYPES.get(last)
        if builtin is not None:
            return TypeRef("con", builtin, args)
        raise LowerError(texpr.line, texpr.col, f"unknown type '{name}'")

    def qualified_type(self, name: str, scope: Scope) -> Any:
        """The type a dotted name like ``Geometry.Point`` or ``Outer.Inner.Size`` declares in
        a user module, or ``None`` (``System.String`` and the like are built-in names)."""
        *path, last = name.split(".")
        module = scope.lookup_module(path[0])
        for part in path[1:]:
            if module is None:
                return None
            module = module.modules.get(part)
        return None if module is None else module.types.get(last)

    # -- top-level let

    def new_global(self, name: str, module: Module, mutable: bool = False) -> ir.Var:
        qualified = f"{module.qualified}.{name}" if module.qualified else name
        var = ir.Var(name, mutable=mutable, is_global=True, qualified=qualified)
        self.all_globals.append(var)
        return var

    def binding_names(self, bindings: list[S.Binding], scope: Scope) -> None:
        """``let X = 5``: an undeclared uppercase name bound by a ``let`` names a value (as in
        F#); only inside a ``match`` is an uppercase name always a tag test."""
        for binding in bindings:
            pat = binding.pattern
            if isinstance(pat, S.PVar) and _is_multi_case(pat.name):
                self.declare_active_cases(pat.name, scope)
            inner = pat.pattern if isinstance(pat, S.PTyped) else pat
            if (
                isinstance(inner, S.PCtor)
                and len(inner.path) == 1
                and inner.args is None
                and inner.named is None
                and self.resolve_case(inner.path, scope) is None
            ):
                var = S.PVar(inner.line, inner.col, inner.path[0])
                if isinstance(pat, S.PTyped):
                    pat.pattern = var
                else:
                    binding.pattern = var

    def declare_active_cases(self, name: str, scope: Scope) -> None:
        """``let (|Even|Odd|) n = ...``: the cases of a total multi-case active pattern are
        the cases (each with one payload, unit when written bare) of a synthetic union named
        like the function, ``|Even|Odd|``, whose type parameters are the payload types."""
        cases = name.strip("|").split("|")
        params = [f"a{index}" for index in range(len(cases))]
        union = UnionDecl(name, params)
        for index, case in enumerate(cases):
            tag = Tag(case, name, index, 1, ("Item",))
            decl = CaseDecl(tag, [(None, TypeRef("var", params[index]))], union)
            union.cases.append(decl)
            scope.names[case] = decl
            self.active_cases[case] = decl
        self.unions[name] = union

    def split_active_binding(self, bindings: list[S.Binding], scope: Scope) -> list[S.Binding]:
        """``let (Positive p) = e``: the pattern of a lone non-function binding with each
        active pattern use replaced by a fresh variable, and the bindings (in order) of each
        use's inner pattern to the active pattern applied to that variable."""
        if len(bindings) != 1 or bindings[0].params:
            return []
        binding = bindings[0]
        uses: list[tuple[str, S.App, S.Pattern]] = []
        binding.pattern = self.replace_active(binding.pattern, scope, uses)
        result: list[S.Binding] = []
        for var, call, inner in uses:
            line, col = binding.line, binding.col
            value = S.App(line, col, call.func, [*call.args, S.Name(line, col, [var])])
            result.append(S.Binding(line, col, inner, [], value))
        return result

    def lower_top_let(self, decl: S.DLet, scope: Scope, module: Module, top: bool) -> None:
        self.binding_names(decl.bindings, scope)
        follow = [] if decl.rec else self.split_active_binding(decl.bindings, scope)
        if follow:
            self.lower_top_let(decl, scope, module, top)
            for binding in follow:
                then = S.DLet(decl.line, decl.col, False, [binding], decl.private)
                self.lower_top_let(then, scope, module, top)
            return
        if decl.rec or self.implicitly_recursive(decl.bindings, scope):
            # (the group's names are in scope before their bodies are lowered, so an error in
            # a body does not make every later use of the names "not defined" too)
            lams = self.rec_group(decl.bindings, scope, module)
            vars_ = [v for v, _ in lams]
            for var in vars_:
                module.values[var.name] = var
                if top and not decl.private:
                    self.exports[var.name] = var
            self.items.append(
                ir.TopBinding(vars_, ir.Const(decl.line, None), rec_group=lams, line=decl.line)
            )
            return
        pending: list[tuple[list[ir.Var], ir.Expr, int, bool]] = []
        for binding in decl.bindings:
            # an error in a value is reported, and its names are still declared (with no
            # value: the unit does not compile), so their uses are not reported as undefined
            if binding.params or isinstance(binding.pattern, S.PVar):
                name = binding.pattern.name if isinstance(binding.pattern, S.PVar) else "_"
                var = self.new_global(name, module, binding.mutable)
                var.inline = binding.inline and bool(binding.params)
                try:
                    value = self.binding_value(binding, scope, var)
                except LowerError as exc:
                    self.error(exc.line, exc.col, exc.message)
                    value = ir.Const(binding.line, None)
                pending.append(([var], value, binding.line, False))
            else:
                names: dict[str, ir.Var] = {}
                pat = self.pattern(
                    binding.pattern, scope, names, lambda n: self.new_global(n, module)
                )
                try:
                    value = self.expr(binding.value, scope)
                except LowerError as exc:
                    self.error(exc.line, exc.col, exc.message)
                    value = ir.Const(binding.line, None)
                match = ir.Match(
                    binding.line,
                    value,
                    [ir.Arm(pat, None, ir.Const(binding.line, None))],
                    what="let",
                )
                pending.append((list(names.values()), match, binding.line, True))
        for vars_, value, line, is_pattern in pending:
            for var in vars_:
                scope.names[var.name] = var
                module.values[var.name] = var
                if top and var.name != "_" and not decl.private:
                    self.exports[var.name] = var
            self.items.append(ir.TopBinding(vars_, value, line=line, pattern=is_pattern))

    def implicitly_recursive(self, bindings: list[S.Binding], scope: Scope) -> bool:
        """Upstream compiles ``let f = ... f ...`` as recursive; so do we, but only when the
        name would otherwise be undefined (so ``let x = x + 1`` keeps meaning the outer x)."""
        if len(bindings) != 1:
            return False
        binding = bindings[0]
        if not isinstance(binding.pattern, S.PVar):
            return False
        if not (binding.params or isinstance(binding.value, S.Lambda)):
            return False
        name = binding.pattern.name
        if scope.lookup(name) is not None:
            return False
        return any(
            isinstance(node, S.Name) and node.parts[0] == name for node in S.walk(binding.value)
        )

    def rec_group(
        self, bindings: list[S.Binding], scope: Scope, module: Module | None
    ) -> list[tuple[ir.Var, ir.Lam]]:
        vars_: list[ir.Var] = []
        for binding in bindings:
            if not isinstance(binding.pattern, S.PVar):
                raise LowerError(binding.line, binding.col, "'let rec' needs a function name")
            if not binding.params and not isinstance(binding.value, S.Lambda):
                raise LowerError(
                    binding.line,
                    binding.col,
                    f"'{binding.pattern.name}' is recursive but not a function",
                )
            if module is not None:
                var = self.new_global(binding.pattern.name, module)
            else:
                var = ir.Var(binding.pattern.name)
                var.loop_depth = self.loop_depth
            scope.names[var.name] = var
            vars_.append(var)
        result: list[tuple[ir.Var, ir.Lam]] = []
        for binding, var in zip(bindings, vars_, strict=True):
            value = self.binding_value(binding, scope, var)
            if not isinstance(value, ir.Lam):
                raise LowerError(binding.line, binding.col, f"'{var.name}' must be a function")
            result.append((var, value))
        return result

    def binding_value(self, binding: S.Binding, scope: Scope, var: ir.Var) -> ir.Expr:
        """The value of ``let [f params] = value`` as IR; functions become :class:`ir.Lam`."""
        if binding.params:
            lam = self.lambda_(
                binding.params,
                binding.value,
                scope,
                var.name,
                binding.line,
                return_type=binding.return_type,
            )
            var.lam = lam
            var.arity = len(lam.params)
            return lam
        value_node = binding.value
        if binding.return_type is not None:
            value_node = S.Typed(binding.line, binding.col, value_node, binding.return_type)
        if isinstance(binding.pattern, S.PTyped):
            value_node = S.Typed(binding.line, binding.col, value_node, binding.pattern.type)
        value = self.expr(value_node, scope)
        if isinstance(value, ir.Lam):
            value.name = var.name
            var.lam = value
            var.arity = len(value.params)
        return value

    # ------------------------------------------------------------------ functions

    def lambda_(
        self,
        params: list[S.Pattern],
        body: S.Expr,
        scope: Scope,
        name: str,
        line: int,
        *,
        return_type: S.TypeExpr | None = None,
    ) -> ir.Lam:
        inner = Scope(scope)
        vars_: list[ir.Var] = []
        destructure: list[tuple[ir.Var, ir.Pat]] = []
        outer_loop = self.loop_depth
        self.loop_depth = 0
        try:
            for param in params:
                var, pat = self.param(param, inner)
                vars_.append(var)
                if pat is not None:
                    destructure.append((var, pat))
            body_node = body
            if return_type is not None:
                body_node = S.Typed(body.line, body.col, body, return_type)
            result = self.expr(body_node, inner)
        finally:
            self.loop_depth = outer_loop
        for var, pat in reversed(destructure):
            result = ir.Match(
                pat.line,
                ir.Ref(pat.line, var),
                [ir.Arm(pat, None, result)],
                what="function parameter",
            )
        return ir.Lam(line, vars_, result, name)

    def param(self, pattern: S.Pattern, scope: Scope) -> tuple[ir.Var, ir.Pat | None]:
        """A parameter: a variable, or a fresh variable plus a pattern to destructure."""
        if isinstance(pattern, S.PVar):
            var = ir.Var(pattern.name)
            scope.names[pattern.name] = var
            return var, None
        if isinstance(pattern, S.PTyped) and isinstance(pattern.pattern, S.PVar):
            var = ir.Var(pattern.pattern.name)
            scope.names[var.name] = var
            return var, ir.PTyped(
                pattern.line, ir.PAny(pattern.line), self.type_ref(pattern.type, scope, {})
            )
        if isinstance(pattern, S.PWild):
            return ir.Var("_"), None
        var = ir.Var(f"arg{next(self.temp)}")
        names: dict[str, ir.Var] = {}
        pat = self.pattern(pattern, scope, names, ir.Var)
        for name, bound in names.items():
            scope.names[name] = bound
        return var, pat

    # ------------------------------------------------------------------ patterns

    def pattern(
        self,
        node: S.Pattern,
        scope: Scope,
        names: dict[str, ir.Var],
        make_var: Callable[[str], ir.Var],
    ) -> ir.Pat:
        """The IR of pattern *node* (which starts at its column, for type errors)."""
        result = self.pattern_shape(node, scope, names, make_var)
        if not result.col:
            result.col = node.col
        return result

    def pattern_shape(
        self,
        node: S.Pattern,
        scope: Scope,
        names: dict[str, ir.Var],
        make_var: Callable[[str], ir.Var],
    ) -> ir.Pat:
        line = node.line
        if isinstance(node, S.PWild):
            return ir.PAny(line)
        if isinstance(node, S.PVar):
            return self.bind_name(node.name, node, names, make_var)
        if isinstance(node, S.PLit):
            return ir.PConst(line, node.value)
        if isinstance(node, S.PTuple):
            return ir.PTuple(line, [self.pattern(p, scope, names, make_var) for p in node.items])
        if isinstance(node, S.PList):
            result: ir.Pat = ir.PNil(line)
            for item in reversed(node.items):
                result = ir.PCons(line, self.pattern(item, scope, names, make_var), result)
            return result
        if isinstance(node, S.PCons):
            head = self.pattern(node.head, scope, names, make_var)
            return ir.PCons(line, head, self.pattern(node.tail, scope, names, make_var))
        if isinstance(node, S.PArray):
            return ir.PArray(line, [self.pattern(p, scope, names, make_var) for p in node.items])
        if isinstance(node, S.PRecord):
            return ir.PRecord(
                line, [(n, self.pattern(p, scope, names, make_var)) for n, p in node.fields]
            )
        if isinstance(node, S.POr):
            left_names: dict[str, ir.Var] = dict(names)
            left = self.pattern(node.left, scope, left_names, make_var)
            right_names = dict(names)

            def same_var(name: str) -> ir.Var:
                # both sides bind the same variables (a name only one side binds is an error)
                return left_names[name] if name in left_names else make_var(name)

            right = self.pattern(node.right, scope, right_names, same_var)
            if set(left_names) != set(right_names):
                missing = sorted(set(left_names) ^ set(right_names))
                raise LowerError(
                    line,
                    node.col,
                    f"both sides of '|' must bind the same names (not: {', '.join(missing)})",
                )
            names.update(left_names)
            return ir.POr(line, left, right)
        if isinstance(node, S.PAs):
            inner = self.pattern(node.pattern, scope, names, make_var)
            bound = self.bind_name(node.name, node, names, make_var)
            assert isinstance(bound, ir.PBind)
            bound.inner = inner
            return bound
        if isinstance(node, S.PTyped):
            inner = self.pattern(node.pattern, scope, names, make_var)
            return ir.PTyped(line, inner, self.type_ref(node.type, scope, {}))
        if isinstance(node, S.PCtor):
            return self.ctor_pattern(node, scope, names, make_var)
        if isinstance(node, S.PTypeTest):
            return self.type_test_pattern(node, scope)
        raise LowerError(line, node.col, f"unsupported pattern {type(node).__name__}")

    def type_test_pattern(self, node: S.PTypeTest, scope: Scope) -> ir.Pat:
        """``:? T``: an exception of class *T* or of a subclass (.NET's hierarchy), as the
        or-pattern of the cases that class covers; ``:? Exception`` matches any ``exn``."""
        line = node.line
        tags = self.type_test_tags(node, scope)
        if tags is None:
            return ir.PTyped(line, ir.PAny(line), TypeRef("con", "exn"))
        result: ir.Pat | None = None
        for tag in tags:
            case: ir.Pat = ir.PCtor(line, tag, [ir.PAny(line) for _ in range(tag.arity)])
            case.col = node.col
            result = case if result is None else ir.POr(line, result, case)
        assert result is not None
        return result

    def type_test_tags(self, node: S.PTypeTest, scope: Scope) -> list[Tag] | None:
        """The exception cases ``:? T`` catches (``None``: every exception).  A declared
        ``exception MyError`` may be tested too; any other type is refused."""
        try:
            covered = exception_class_cases(node.path)
        except KeyError:
            case = self.resolve_case(node.path, scope)
            if case is not None and case.tag.type_name == "exn" and case.union is None:
                return [case.tag]
            name = ".".join(node.path)
            raise LowerError(
                node.line,
                node.col,
                f"':? {name}': Fusabi tests only exception types with ':?' "
                "(System.Exception, ArgumentException, InvalidOperationException, ...)",
            ) from None
        if covered is None:
            return None
        return sorted((EXCEPTION_TAGS[name] for name in covered), key=lambda tag: tag.index)

    def bind_name(
        self, name: str, node: S.Node, names: dict[str, ir.Var], make_var: Callable[[str], ir.Var]
    ) -> ir.Pat:
        if name in names:
            raise LowerError(node.line, node.col, f"'{name}' is bound twice in this pattern")
        var = make_var(name)
        var.loop_depth = self.loop_depth
        names[name] = var
        return ir.PBind(node.line, var)

    def ctor_pattern(
        self,
        node: S.PCtor,
        scope: Scope,
        names: dict[str, ir.Var],
        make_var: Callable[[str], ir.Var],
    ) -> ir.Pat:
        case = self.resolve_case(node.path, scope)
        args = node.args
        if case is None and node.path == ["KeyValue"] and args:
            # FSharp.Core's active pattern over a map's entries, which are (key, value) tuples
            # here: `for KeyValue (k, v) in m` is `for (k, v) in m`
            pair = args[0] if len(args) == 1 else S.PTuple(node.line, node.col, list(args))
            return self.pattern(pair, scope, names, make_var)
        if case is None:
            name = node.path[-1]
            # an uppercase name in a pattern is always a tag test (spec 2.4/3.8), never a
            # variable: `| Leaf -> ...` tests for the (ad-hoc) case Leaf
            if len(node.path) > 1:
                raise LowerError(node.line, node.col, f"unknown union case '{'.'.join(node.path)}'")
            arity = len(args or [])
            tag = adhoc_tag(name, arity)
            sub = [self.pattern(p, scope, names, make_var) for p in args or []]
            return ir.PCtor(node.line, tag, sub)
        arity = case.tag.arity
        if node.named is not None:
            sub_pats: list[ir.Pat] = [ir.PAny(node.line) for _ in range(arity)]
            for field_name, pat in node.named:
                if field_name not in case.tag.field_names:
                    raise LowerError(
                        node.line, node.col, f"'{case.tag.name}' has no field '{field_name}'"
                    )
                index = case.tag.field_names.index(field_name)
                sub_pats[index] = self.pattern(pat, scope, names, make_var)
            return ir.PCtor(node.line, case.tag, sub_pats, case.union)
        given = list(args or [])
        if arity == 0:
            if given:
                raise LowerError(node.line, node.col, f"'{case.tag.name}' takes no arguments")
            return ir.PCtor(node.line, case.tag, [], case.union)
        if not given:
            given = [S.PWild(node.line, node.col) for _ in range(arity)]
        if len(given) != arity:
            if arity == 1:
                given = [S.PTuple(node.line, node.col, given)]
            elif len(given) == 1 and isinstance(given[0], S.PWild):
                given = [S.PWild(node.line, node.col) for _ in range(arity)]
            else:
                raise LowerError(
                    node.line,
                    node.col,
                    f"'{case.tag.name}' has {arity} fields but the pattern gives {len(given)}",
                )
        sub = [self.pattern(p, scope, names, make_var) for p in given]
        return ir.PCtor(node.line, case.tag, sub, case.union)

    def resolve_case(self, path: list[str], scope: Scope) -> CaseDecl | None:
        if len(path) == 1:
            entity = scope.lookup(path[0])
            if entity is None:
                entity = _opened_active_case(path[0], scope, self.active_cases)
            return entity if isinstance(entity, CaseDecl) else None
        try:
            entity = self.resolve_qualified(path, scope, S.Node(0, 0))
        except LowerError:
            return None
        return entity if isinstance(entity, CaseDecl) else None

    def resolve_qualified(self, path: list[str], scope: Scope, node: S.Node) -> Any:
        """Resolve a fully module-qualified name (``M.N.x``, ``Shape.Circle``)."""
        module = scope.lookup_module(path[0])
        if module is None:
            raise LowerError(node.line, node.col, f"unknown module '{path[0]}'")
        for part in path[1:-1]:
            nxt = module.modules.get(part)
            if nxt is None:
                raise LowerError(node.line, node.col, f"module '{module.name}' has no '{part}'")
            module = nxt
        return module.values.get(path[-1])

    # ------------------------------------------------------------------ expressions

    def exprs(self, nodes: list[S.Expr], scope: Scope) -> list[ir.Expr]:
        return [self.expr(n, scope) for n in nodes]

    def expr(self, node: S.Expr, scope: Scope) -> ir.Expr:
        self.ticks += 1
        if self.ticks >= TICKS:
            self.ticks = 0
            spend(TICKS)
        method = getattr(self, "x_" + type(node).__name__, None)
        if method is None:  # pragma: no cover
            raise LowerError(node.line, node.col, f"unsupported expression {type(node).__name__}")
        result: ir.Expr = method(node, scope)
        if not result.col:  # where it starts, for type errors
            result.col = node.col
        return result

    def x_Lit(self, node: S.Lit, scope: Scope) -> ir.Expr:
        return ir.Const(node.line, node.value)

    def x_Name(self, node: S.Name, scope: Scope) -> ir.Expr:
        return self.name(node, scope, applied=False)

    def name(self, node: S.Name, scope: Scope, applied: bool) -> ir.Expr:
        parts = node.parts
        entity = scope.lookup(parts[0])
        index = 1
        if entity is None or isinstance(entity, Module):
            module = entity if isinstance(entity, Module) else scope.lookup_module(parts[0])
            if module is not None and len(parts) > 1:
                while index < len(parts) - 1 and parts[index] in module.modules:
                    module = module.modules[parts[index]]
                    index += 1
                member = parts[index]
                entity = module.values.get(member)
                if entity is None and member in module.modules:  # System.Text.StringBuilder
                    entity = module.modules[member].values.get(CONSTRUCTOR)
                if entity is None:
                    # a user module that shadows a library module falls back to the library
                    library = self.stdlib.get(module.qualified)
                    if library is not None:
                        entity = library.values.get(member)
                if entity is None:
                    known = sorted(module.values)
                    close = difflib.get_close_matches(member, known, n=1)
                    hint = f"; did you mean '{module.qualified}.{close[0]}'?" if close else ""
                    raise LowerError(
                        node.line,
                        node.col,
                        f"'{module.qualified}' has no member '{member}'{hint}",
                    )
                index += 1
            elif module is not None:
                entity = module.values.get(CONSTRUCTOR)  # `StringBuilder()`: its constructor
                if entity is None:
                    raise LowerError(node.line, node.col, f"'{parts[0]}' is a module, not a value")
        if entity is None:
            name = parts[0]
            if name[:1].isupper() and len(parts) == 1:
                tag = adhoc_tag(name, 0) if not applied else Tag(name, "", 1000, -1)
                return ir.Ctor(node.line, tag, [])
            raise LowerError(
                node.line, node.col, f"'{name}' is not defined{self.suggest(name, scope)}"
            )
        result = self.entity_ref(entity, node)
        for part in parts[index:]:
            result = ir.GetField(node.line, result, part)
        return result

    def entity_ref(self, entity: Any, node: S.Node) -> ir.Expr:
        if isinstance(entity, ir.Var):
            if entity in self.static_properties:  # `Point.Origin`: its getter's result
                return ir.Apply(node.line, ir.Ref(node.line, entity), [ir.Const(node.line, None)])
            return ir.Ref(node.line, entity)
        if isinstance(entity, Builtin):
            return ir.BuiltinRef(node.line, entity)
        if isinstance(entity, CaseDecl):
            if _is_active_case(entity):  # a bare active pattern case carries unit
                return ir.Ctor(node.line, entity.tag, [ir.Const(node.line, None)], entity.union)
            return ir.Ctor(node.line, entity.tag, [], entity.union)
        raise LowerError(node.line, node.col, "this name does not denote a value")

    def x_OpRef(self, node: S.OpRef, scope: Scope) -> ir.Expr:
        a, b = ir.Var("a"), ir.Var("b")
        line = node.line
        body = self.binary(node.op, ir.Ref(line, a), ir.Ref(line, b), line)
        return ir.Lam(line, [a, b], body, f"({node.op})")

    def x_App(self, node: S.App, scope: Scope) -> ir.Expr:
        out = _out_argument(node)
        if out is not None:
            return self.expr(out, scope)
        func = node.func
        line = node.line
        if isinstance(func, S.Name) and len(func.parts) == 1 and len(node.args) == 1:
            entity = scope.lookup(func.parts[0])
            if isinstance(entity, CaseDecl) and _is_active_case(entity):
                value = self.expr(node.args[0], scope)
                return ir.Ctor(line, entity.tag, [value], entity.union)
        if isinstance(func, S.Name):
            qualified = ".".join(func.parts)
            if (
                qualified in FORMAT_FUNCTIONS
                and node.args
                and isinstance(node.args[0], S.Lit)
                and (isinstance(node.args[0].value, str))
                and self.is_library_name(func, scope)
            ):
                return self.format_call(qualified, node, scope)
            if (
                qualified in FORMAT_FUNCTIONS - {"String.format"}
                and node.args
                and isinstance(node.args[0], S.Interpolated)
                and self.is_library_name(func, scope)
            ):  # `printfn $"{x} items"`: the interpolated string is the format, as in F#
                fmt, fills = self.interpolation(node.args[0], scope)
                call: ir.Expr = ir.Format(line, qualified, fmt, fills)
                rest = node.args[1:]
                return ir.Apply(line, call, self.exprs(rest, scope)) if rest else call
            if func.parts == ["reraise"] and scope.lookup("reraise") is None:
                return self.reraise(node)
            if (
                func.parts == ["nameof"]
                and scope.lookup("nameof") is None
                and len(node.args) == 1
                and isinstance(node.args[0], S.Name)
            ):  # F#'s `nameof x`: the name, checked to be one
                self.name(node.args[0], scope, applied=False)
                return ir.Const(line, node.args[0].parts[-1])
            target = self.name(func, scope, applied=True)
            if (
                isinstance(target, ir.BuiltinRef)
                and target.builtin.is_value
                and len(node.args) == 1
                and isinstance(node.args[0], S.Lit)
                and node.args[0].value is None
                and "->" not in target.builtin.signature
            ):
                return target  # upstream's `Map.empty ()`: F#'s value `Map.empty`
            if isinstance(target, ir.Ctor) and not target.args:
                return self.construct(target, node.args, scope, line)
            if (
                isinstance(target, ir.GetField)
                and target.name in MEMBER_METHODS
                and len(node.args) == 1
            ):
                return self.member_call(target, node.args[0], scope, line)
            return ir.Apply(line, target, self.exprs(node.args, scope))
        if isinstance(func, S.Field) and func.name in MEMBER_METHODS and len(node.args) == 1:
            target_expr = ir.GetField(func.line, self.expr(func.target, scope), func.name)
            return self.member_call(target_expr, node.args[0], scope, line)
        return ir.Apply(line, self.expr(func, scope), self.exprs(node.args, scope))

    def reraise(self, node: S.App) -> ir.Expr:
        """``reraise ()``: raise again the exception the innermost ``with`` handler caught
        (F# allows it only inside a handler)."""
        if not self.handler_vars:
            raise LowerError(
                node.line, node.col, "'reraise ()' may only be called inside a 'with' handler"
            )
        if len(node.args) != 1 or not (
            isinstance(node.args[0], S.Lit) and node.args[0].value is None
        ):
            raise LowerError(node.line, node.col, "'reraise' takes one argument: ()")
        line = node.line
        caught = ir.Ref(line, self.handler_vars[-1])
        return ir.Apply(line, ir.BuiltinRef(line, REGISTRY["raise"]), [caught])

    def is_library_name(self, func: S.Name, scope: Scope) -> bool:
        entity = scope.lookup(func.parts[0])
        if len(func.parts) == 1:
            return isinstance(entity, Builtin)
        return entity is None or isinstance(entity, Module)

    def member_call(self, target: ir.GetField, arg: S.Expr, scope: Scope, line: int) -> ir.Expr:
        if isinstance(arg, S.Lit) and arg.value is None:
            args: list[ir.Expr] = []
        elif isinstance(arg, S.TupleExpr):
            args = self.exprs(arg.items, scope)
        else:
            args = [self.expr(arg, scope)]
        return ir.Member(line, target.target, target.name, args)

    def format_call(self, qualified: str, node: S.App, scope: Scope) -> ir.Expr:
        fmt = node.args[0]
        assert isinstance(fmt, S.Lit)
        rest = node.args[1:]
        list_form = (
            bool(rest)
            and isinstance(rest[0], S.ListExpr)
            and list_form_call(str(fmt.value), len(rest[0].items))
        ) or (qualified == "String.format")
        func = "sprintf" if qualified == "String.format" else qualified
        if list_form and rest and isinstance(rest[0], S.ListExpr):
            items = self.exprs(rest[0].items, scope)
            result: ir.Expr = ir.Format(node.line, func, str(fmt.value), items, list_form=True)
            if len(rest) > 1:
                return ir.Apply(node.line, result, self.exprs(rest[1:], scope))
            return result
        return ir.Format(node.line, func, str(fmt.value), self.exprs(rest, scope))

    def construct(self, ctor: ir.Ctor, args: list[S.Expr], scope: Scope, line: int) -> ir.Expr:
        tag = ctor.tag
        if tag.type_name == "" and tag.index == 1000:  # ad-hoc upstream constructor
            values = self.ctor_args(args, scope, None)
            return ir.Ctor(line, adhoc_tag(tag.name, len(values)), values)
        arity = tag.arity
        if arity == 0:
            raise LowerError(line, 0, f"'{tag.name}' takes no arguments")
        if (
            EXCEPTION_TAGS.get(tag.name) is tag
            and tag.name in DEFAULT_MESSAGES
            and len(args) == 1
            and isinstance(args[0], S.Lit)
            and args[0].value is None
        ):  # `DivideByZeroException()`: .NET's default message
            return ir.Ctor(line, tag, [ir.Const(line, DEFAULT_MESSAGES[tag.name])], ctor.union)
        named = self.named_ctor_args(tag, args)
        if named is not None:  # Rect (width = 2.0, height = 3.0)
            given = {name: self.expr(value, scope) for name, value in named}
            missing = [n for n in tag.field_names if n not in given]
            if missing:
                raise LowerError(
                    line, 0, f"'{tag.name}' is missing a value for field '{missing[0]}'"
                )
            return ir.Ctor(line, tag, [given[n] for n in tag.field_names], ctor.union)
        values = self.ctor_args(args, scope, arity)
        if len(values) > arity:
            raise LowerError(
                line, 0, f"'{tag.name}' has {arity} field(s) but is given {len(values)}"
            )
        return ir.Ctor(line, tag, values, ctor.union)

    def named_ctor_args(self, tag: Tag, args: list[S.Expr]) -> list[tuple[str, S.Expr]] | None:
        """The ``field = value`` arguments of a union case whose fields are named, in the
        order written; ``None`` when the arguments are positional."""
        if len(args) != 1 or not tag.field_names:
            return None
        items = args[0].items if isinstance(args[0], S.TupleExpr) else [args[0]]
        named: list[tuple[str, S.Expr]] = []
        for item in items:
            if not (
                isinstance(item, S.BinOp)
                and item.op == "="
                and isinstance(item.left, S.Name)
                and len(item.left.parts) == 1
                and item.left.parts[0] in tag.field_names
            ):
                return None
            named.append((item.left.parts[0], item.right))
        if len({n for n, _ in named}) != len(named):
            return None
        return named

    def ctor_args(self, args: list[S.Expr], scope: Scope, arity: int | None) -> list[ir.Expr]:
        if (
            len(args) == 1
            and isinstance(args[0], S.TupleExpr)
            and (arity is None or arity == len(args[0].items))
            and arity != 1
        ):
            return self.exprs(args[0].items, scope)
        return self.exprs(args, scope)

    def x_Lambda(self, node: S.Lambda, scope: Scope) -> ir.Expr:
        return self.lambda_(node.params, node.body, scope, node.name or "<fun>", node.line)

    def x_Let(self, node: S.Let, scope: Scope) -> ir.Expr:
        self.binding_names(node.bindings, scope)
        follow = [] if node.rec else self.split_active_binding(node.bindings, scope)
        if follow:
            rest = node.body
            for then in reversed(follow):
                rest = S.Let(node.line, node.col, False, [then], rest)
            return self.expr(S.Let(node.line, node.col, False, node.bindings, rest), scope)
        if node.rec or self.implicitly_recursive(node.bindings, scope):
            inner = Scope(scope)
            lams = self.rec_group(node.bindings, inner, None)
            return ir.LetRec(node.line, lams, self.expr(node.body, inner))
        # evaluate every right-hand side in the outer scope, then bind
        steps: list[tuple[Any, ir.Expr, S.Binding]] = []
        for binding in node.bindings:
            if binding.params or isinstance(binding.pattern, S.PVar):
                name = binding.pattern.name if isinstance(binding.pattern, S.PVar) else "_"
                var = ir.Var(name, mutable=binding.mutable)
                var.inline = binding.inline and bool(binding.params)
                var.loop_depth = self.loop_depth
                steps.append((var, self.binding_value(binding, scope, var), binding))
            else:
                steps.append((binding.pattern, self.expr(binding.value, scope), binding))
        inner = Scope(scope)
        binders: list[tuple[Any, ir.Expr, S.Binding, dict[str, ir.Var]]] = []
        for target, value, binding in steps:
            names: dict[str, ir.Var] = {}
            bound: Any = target
            if isinstance(target, ir.Var):
                inner.names[target.name] = target
            else:
                bound = self.pattern(target, inner, names, ir.Var)
                for name, var in names.items():
                    inner.names[name] = var
            binders.append((bound, value, binding, names))
        body = self.expr(node.body, inner)
        for target, value, binding, _ in reversed(binders):
            if isinstance(target, ir.Var):
                body = ir.Let(binding.line, target, value, body)
            else:
                body = ir.Match(binding.line, value, [ir.Arm(target, None, body)], what="let")
        return body

    def x_If(self, node: S.If, scope: Scope) -> ir.Expr:
        cond, then = self.expr(node.cond, scope), self.expr(node.then, scope)
        if node.orelse is None:
            return ir.If(node.line, cond, then, ir.Const(node.line, None), written_else=False)
        return ir.If(node.line, cond, then, self.expr(node.orelse, scope))

    def split_active_alternatives(self, arm: S.Arm, scope: Scope) -> list[S.Arm]:
        """``| Prefix "- " r | Prefix "* " r -> body``: an or-pattern whose alternatives use
        active patterns becomes one arm per alternative (each with the guard and a copy of the
        body), tried in order, which is what the or-pattern means."""
        pattern = arm.pattern
        if not isinstance(pattern, S.POr) or not self.uses_active(pattern, scope):
            return [arm]
        alternatives: list[S.Pattern] = []
        stack: list[S.Pattern] = [pattern]
        while stack:
            current = stack.pop()
            if isinstance(current, S.POr):
                stack.extend((current.right, current.left))
            else:
                alternatives.append(current)
        split = [S.Arm(arm.line, arm.col, alternatives[0], arm.guard, arm.body)]
        for alternative in alternatives[1:]:
            guard = copy.deepcopy(arm.guard)
            split.append(S.Arm(arm.line, arm.col, alternative, guard, copy.deepcopy(arm.body)))
        return split

    def uses_active(self, pattern: S.Pattern, scope: Scope) -> bool:
        """Does *pattern* use an active pattern anywhere?"""
        return any(
            isinstance(node, S.Pattern) and _active_name(node, scope, self.active_cases)
            for node in S.walk(pattern)
        )

    def type_test_arm(self, arm: S.Arm, scope: Scope) -> S.Arm:
        """An arm whose pattern tests a value's type (``| :? int as n ->``, not an exception
        class): each test becomes a fresh variable, the guard checks its run-time type
        (``op_TypeTest``), and the ``as`` name is the value cast to the type (``:?>``), bound
        before the arm's own guard and its body."""
        tests: list[tuple[str, S.PTypeTest, str | None]] = []
        pattern = self.replace_type_tests(arm.pattern, scope, tests)
        if not tests:
            return arm
        line, col = arm.line, arm.col
        guard, body = arm.guard, arm.body
        casts: list[S.Binding] = []
        for fresh, test, name in tests:
            if name is not None:
                value = S.Name(line, col, [fresh])
                cast = S.Upcast(line, col, value, S.TName(line, col, ".".join(test.path)), True)
                casts.append(S.Binding(line, col, S.PVar(line, col, name), [], cast))
        if casts:
            body = S.Let(line, col, False, casts, body)
            if guard is not None:
                guard = S.Let(line, col, False, copy.deepcopy(casts), guard)
        for fresh, test, _ in reversed(tests):
            kind = S.Lit(line, col, self.type_test_kind(test, scope))
            check: S.Expr = S.App(
                line, col, S.Name(line, col, ["op_TypeTest"]), [kind, S.Name(line, col, [fresh])]
            )
            guard = check if guard is None else S.BinOp(line, col, "&&", check, guard)
        return S.Arm(line, col, pattern, guard, body)

    def replace_type_tests(
        self, node: S.Pattern, scope: Scope, tests: list[tuple[str, S.PTypeTest, str | None]]
    ) -> S.Pattern:
        """*node* with each type test that is not an exception's (``:? int``, ``:? int as n``)
        replaced by a fresh variable (listed in *tests* with its ``as`` name)."""
        inner, name = (node.pattern, node.name) if isinstance(node, S.PAs) else (node, None)
        if isinstance(inner, S.PTypeTest) and not self.is_exception_test(inner, scope):
            fresh = f" typetest{len(tests)} {node.line}:{node.col}"
            tests.append((fresh, inner, name))
            return S.PVar(node.line, node.col, fresh)
        before = len(tests)
        _rewrite_subpatterns(node, lambda p: self.replace_type_tests(p, scope, tests))
        if isinstance(node, S.POr) and len(tests) > before:
            raise LowerError(
                node.line, node.col, "a type test inside an or-pattern is not supported"
            )
        return node

    def is_exception_test(self, node: S.PTypeTest, scope: Scope) -> bool:
        try:
            exception_class_cases(node.path)
        except KeyError:
            case = self.resolve_case(node.path, scope)
            return case is not None and case.tag.type_name == "exn" and case.union is None
        return True

    def type_test_kind(self, node: S.PTypeTest, scope: Scope) -> str:
        """What ``op_TypeTest`` checks for ``:? T``: a number, text or bool type's name, a
        collection's kind, ``obj`` (anything), ``union Name``, or ``record`` and the fields of
        a record or class (a record's value does not name its type, so two types with the
        same fields cannot be told apart: refused)."""
        name = ".".join(node.path)
        try:
            ref = self.type_ref(S.TName(node.line, node.col, name), Scope(scope), {})
        except LowerError:
            ref = TypeRef("con", "?")
        decl = ref.decl
        if isinstance(decl, InterfaceDecl):
            raise LowerError(
                node.line, node.col, f"':? {name}': a type test for an interface is not supported"
            )
        if isinstance(decl, UnionDecl):
            return f"union {decl.name}"
        if isinstance(decl, RecordDecl):
            fields = sorted(f for f, _, _ in decl.fields)
            same = [
                other.name
                for other in self.records.values()
                if other is not decl
                and not isinstance(other, InterfaceDecl)
                and sorted(f for f, _, _ in other.fields) == fields
            ]
            if same:
                raise LowerError(
                    node.line,
                    node.col,
                    f"':? {name}': '{same[0]}' has the same fields, and a value here does not "
                    "name its type, so the test cannot tell them apart",
                )
            return "record " + ",".join(fields)
        if ref.kind == "con" and ref.name in _TYPE_TEST_KINDS:
            return ref.name
        raise LowerError(
            node.line,
            node.col,
            f"':? {name}': Fusabi tests exception classes, numbers, strings, bools, chars, "
            "lists, arrays, maps, sets, unions, records and classes with ':?'",
        )

    def active_arm(self, arm: S.Arm, scope: Scope) -> S.Arm:
        """Rewrite an arm whose pattern uses active patterns: each use becomes a fresh
        variable, the arm's guard matches the active pattern's result against its inner
        pattern, and the body matches it again to bind the inner pattern's variables."""
        uses: list[tuple[str, S.App, S.Pattern]] = []
        pattern = self.replace_active(arm.pattern, scope, uses)
        if not uses:
            return arm
        guard, body = arm.guard, arm.body
        for var, call, inner in reversed(uses):
            line, col = arm.line, arm.col
            subject = S.App(line, col, call.func, [*call.args, S.Name(line, col, [var])])
            true, false = S.Lit(line, col, True), S.Lit(line, col, False)
            wild = S.PWild(line, col)
            fail = S.App(line, col, S.Name(line, col, ["failwith"]), [S.Lit(line, col, "")])
            if _irrefutable(inner):  # a total single-case pattern binding its result
                body = S.Match(line, col, subject, [S.Arm(line, col, inner, None, body)])
                continue
            guard = S.Match(
                line,
                col,
                subject,
                [S.Arm(line, col, inner, None, guard or true), S.Arm(line, col, wild, None, false)],
            )
            body = S.Match(
                line,
                col,
                subject,
                [S.Arm(line, col, inner, None, body), S.Arm(line, col, wild, None, fail)],
            )
        return S.Arm(arm.line, arm.col, pattern, guard, body)

    def replace_active(
        self, node: S.Pattern, scope: Scope, uses: list[tuple[str, S.App, S.Pattern]]
    ) -> S.Pattern:
        """*node* with each active pattern use replaced by a fresh variable (in *uses*)."""
        found = _active_name(node, scope, self.active_cases)
        if found is not None and isinstance(node, S.PCtor):
            name, kind = found
            var = scope.lookup(name)
            params = max(var.arity - 1, 0) if isinstance(var, ir.Var) else 0
            args = list(node.args or [])
            if params == 0 and len(args) > 1:  # `Pair (k, v)`: a tuple result, taken apart
                args = [S.PTuple(node.line, node.col, args)]
            if len(args) > params + 1 or len(args) < params:
                raise LowerError(node.line, node.col, f"wrong arguments to '({name})'")
            inner: S.Pattern = (
                args[params] if len(args) > params else S.PLit(node.line, node.col, None)
            )
            if kind == "partial":
                inner = S.PCtor(node.line, node.col, ["Some"], [inner])
            elif kind == "multi":
                payload = args[params] if len(args) > params else S.PWild(node.line, node.col)
                inner = S.PCtor(node.line, node.col, node.path, [payload], info=_ACTIVE_CASE)
            fresh = f"__active{len(uses)}_{node.line}_{node.col}"
            func = S.Name(node.line, node.col, [name])
            call = S.App(node.line, node.col, func, [_pattern_expr(a) for a in args[:params]])
            index = len(uses)
            uses.append((fresh, call, inner))
            # active patterns inside its result's pattern (`Prefix "set:" (Words [x; y])`)
            # match after it, on what it gives
            uses[index] = (fresh, call, self.replace_active(inner, scope, uses))
            return S.PVar(node.line, node.col, fresh)
        before = len(uses)
        _rewrite_subpatterns(node, lambda p: self.replace_active(p, scope, uses))
        if isinstance(node, S.POr) and len(uses) > before:
            raise LowerError(
                node.line,
                node.col,
                "an active pattern inside an or-pattern is not supported; "
                "write each alternative as its own arm",
            )
        return node

    def direct_active_match(self, node: S.Match, scope: Scope) -> S.Match | None:
        """``match n with Even -> ... | Odd -> ...``: a match whose every arm is a case of
        one total multi-case active pattern (or ``_``) matches the pattern's result
        directly, so covering every case makes the match complete."""
        name: str | None = None
        arms: list[S.Arm] = []
        for arm in node.arms:
            pat = arm.pattern
            if isinstance(pat, S.PWild):
                arms.append(arm)
                continue
            found = _active_name(pat, scope, self.active_cases)
            if found is None or found[1] != "multi" or name not in (None, found[0]):
                return None
            assert isinstance(pat, S.PCtor)
            if len(pat.args or []) > 1:
                return None
            name = found[0]
            payload = (pat.args or [S.PWild(pat.line, pat.col)])[0]
            case = S.PCtor(pat.line, pat.col, pat.path, [payload], info=_ACTIVE_CASE)
            arms.append(S.Arm(arm.line, arm.col, case, arm.guard, arm.body))
        if name is None:
            return None
        func = S.Name(node.line, node.col, [name])
        subject = S.App(node.line, node.col, func, [node.subject])
        return S.Match(node.line, node.col, subject, arms)

    def x_Match(self, node: S.Match, scope: Scope) -> ir.Expr:
        node = self.direct_active_match(node, scope) or node
        subject = self.expr(node.subject, scope)
        return ir.Match(node.line, subject, self.arms(node.arms, scope))

    def arms(self, arms: list[S.Arm], scope: Scope, handler: bool = False) -> list[ir.Arm]:
        """The arms of a ``match`` (or of a ``try ... with`` *handler*, whose ``:?`` tests
        are exception tests only)."""
        result: list[ir.Arm] = []
        expanded = [split for a in arms for split in self.split_active_alternatives(a, scope)]
        actives = (self.active_arm(a, scope) for a in expanded)
        for arm in actives if handler else (self.type_test_arm(a, scope) for a in actives):
            inner = Scope(scope)
            names: dict[str, ir.Var] = {}
            try:
                pat = self.pattern(arm.pattern, inner, names, ir.Var)
            except LowerError as exc:
                self.error(exc.line, exc.col, exc.message)
                continue
            inner.names.update(names)
            guard = self.expr(arm.guard, inner) if arm.guard is not None else None
            result.append(ir.Arm(pat, guard, self.expr(arm.body, inner)))
        return result

    def x_TupleExpr(self, node: S.TupleExpr, scope: Scope) -> ir.Expr:
        return ir.Tuple(node.line, self.exprs(node.items, scope))

    def x_ListExpr(self, node: S.ListExpr, scope: Scope) -> ir.Expr:
        return ir.List(node.line, self.exprs(node.items, scope))

    def x_ArrayExpr(self, node: S.ArrayExpr, scope: Scope) -> ir.Expr:
        return ir.Array(node.line, self.exprs(node.items, scope))

    def x_Range(self, node: S.Range, scope: Scope) -> ir.Expr:
        step = self.expr(node.step, scope) if node.step is not None else None
        return ir.Range(
            node.line, self.expr(node.start, scope), step, self.expr(node.stop, scope), node.kind
        )

    def x_Comprehension(self, node: S.Comprehension, scope: Scope) -> ir.Expr:
        body = self.expr(node.body, scope)
        if node.kind == "seq":  # lazy: the body is a function of () run at each enumeration
            body = ir.Lam(node.line, [ir.Var("_")], body, "<seq>")
        return ir.Comprehension(node.line, body, node.kind)

    def x_Yield(self, node: S.Yield, scope: Scope) -> ir.Expr:
        return ir.Yield(node.line, self.expr(node.value, scope), node.many, node.implicit)

    def x_BangLet(self, node: S.BangLet, scope: Scope) -> ir.Expr:
        raise LowerError(node.line, node.col, f"'{node.word}!' is only allowed in 'async {{ }}'")

    def x_BangDo(self, node: S.BangDo, scope: Scope) -> ir.Expr:
        raise LowerError(node.line, node.col, "'do!' is only allowed in 'async { }'")

    def x_RecordExpr(self, node: S.RecordExpr, scope: Scope) -> ir.Expr:
        names = [n for n, _ in node.fields]
        if len(set(names)) != len(names):
            raise LowerError(node.line, node.col, "a record field is given twice")
        fields = [(n, self.expr(v, scope)) for n, v in node.fields]
        decl = self.record_for(set(names), scope) if not node.anonymous else None
        record = ir.Record(node.line, fields, decl)
        if decl is None and not node.anonymous:
            record.incomplete_of = self.record_with_all(set(names))
        return record

    def record_for(self, names: set[str], scope: Scope) -> RecordDecl | None:
        for decl in reversed(list(self.records.values())):
            if isinstance(decl, InterfaceDecl):  # (built by upcasts and object expressions)
                continue
            if {f for f, _, _ in decl.fields} == names:
                return decl
        return None

    def record_with_all(self, names: set[str]) -> RecordDecl | None:
        """The latest declared record with every field in *names* and more: a literal of it
        that misses fields (a type error), not a structural record."""
        for decl in reversed(list(self.records.values())):
            if names < {f for f, _, _ in decl.fields} and not isinstance(decl, InterfaceDecl):
                return decl
        return None

    def x_RecordUpdate(self, node: S.RecordUpdate, scope: Scope) -> ir.Expr:
        fields = [(n, self.expr(v, scope)) for n, v in node.fields]
        return ir.RecordUpdate(
            node.line, self.expr(node.base, scope), fields, extend=node.anonymous
        )

    def x_Field(self, node: S.Field, scope: Scope) -> ir.Expr:
        return ir.GetField(node.line, self.expr(node.target, scope), node.name)

    def x_Index(self, node: S.Index, scope: Scope) -> ir.Expr:
        return ir.Index(node.line, self.expr(node.target, scope), self.expr(node.index, scope))

    def x_Slice(self, node: S.Slice, scope: Scope) -> ir.Expr:
        start = self.expr(node.start, scope) if node.start is not None else None
        stop = self.expr(node.stop, scope) if node.stop is not None else None
        return ir.Slice(node.line, self.expr(node.target, scope), start, stop)

    def x_Assign(self, node: S.Assign, scope: Scope) -> ir.Expr:
        value = self.expr(node.value, scope)
        target = node.target
        if isinstance(target, S.Index):
            return ir.SetIndex(
                node.line, self.expr(target.target, scope), self.expr(target.index, scope), value
            )
        if isinstance(target, S.Field):
            self.check_mutable_field(target.name, node)
            return ir.SetField(node.line, self.expr(target.target, scope), target.name, value)
        if isinstance(target, S.Name):
            resolved = self.name(target, scope, applied=False)
            if isinstance(resolved, ir.Ref):
                if not resolved.var.mutable:
                    raise LowerError(
                        node.line,
                        node.col,
                        f"'{resolved.var.name}' is not mutable; declare it with 'let mutable'",
                    )
                resolved.var.assigned = True
                return ir.Assign(node.line, resolved.var, value)
            if isinstance(resolved, ir.GetField):
                self.check_mutable_field(resolved.name, node)
                return ir.SetField(node.line, resolved.target, resolved.name, value)
        raise LowerError(
            node.line, node.col, "only mutable variables, fields and elements can be assigned"
        )

    def check_mutable_field(self, name: str, node: S.Node) -> None:
        """F#: only a field declared ``mutable`` in a record type can be assigned (anonymous
        records have no mutable fields); inference checks the exact record type when known.
        A ref cell's ``contents`` (and its ``Value`` property) are mutable."""
        if name in ("contents", "Value", "Length"):  # (`sb.Length <- n` of a StringBuilder)
            return
        for decl in self.records.values():
            if any(f == name and mutable for f, _, mutable in decl.fields):
                return
        raise LowerError(
            node.line,
            node.col,
            f"field '{name}' is not mutable; declare it 'mutable {name}' in its record type",
        )

    def x_BinOp(self, node: S.BinOp, scope: Scope) -> ir.Expr:
        op = node.op
        line = node.line
        if custom_level(op) is not None:  # a script's own operator: a call of its function
            callee = S.Name(node.line, node.col, [op])
            return self.expr(S.App(node.line, node.col, callee, [node.left, node.right]), scope)
        if op == "|>":
            return _piped(self.apply_to(node.right, [node.left], scope, line), 1)
        if op == "<|":
            return self.apply_to(node.left, [node.right], scope, line)
        if op == "||>":
            if isinstance(node.left, S.TupleExpr) and len(node.left.items) == 2:
                return _piped(self.apply_to(node.right, list(node.left.items), scope, line), 2)
            pair = self.expr(node.left, scope)
            a, b = ir.Var("a"), ir.Var("b")
            func = self.expr(node.right, scope)
            body = ir.Apply(line, func, [ir.Ref(line, a), ir.Ref(line, b)])
            pat = ir.PTuple(line, [ir.PBind(line, a), ir.PBind(line, b)])
            return ir.Match(line, pair, [ir.Arm(pat, None, body)], what="let")
        if op in (">>", "<<"):
            first, second = (node.left, node.right) if op == ">>" else (node.right, node.left)
            f_var, g_var, x = ir.Var("f"), ir.Var("g"), ir.Var("x")
            body = ir.Apply(
                line, ir.Ref(line, g_var), [ir.Apply(line, ir.Ref(line, f_var), [ir.Ref(line, x)])]
            )
            lam = ir.Lam(line, [x], body, "<composition>")
            return ir.Let(
                line,
                f_var,
                self.expr(first, scope),
                ir.Let(line, g_var, self.expr(second, scope), lam),
            )
        return self.binary(op, self.expr(node.left, scope), self.expr(node.right, scope), line)

    def apply_to(self, func: S.Expr, args: list[S.Expr], scope: Scope, line: int) -> ir.Expr:
        """``x |> f a`` is ``f a x``: extend the application so saturated calls stay direct
        (and ``f <| a <| b``, that is ``(f <| a) <| b``, is ``f a b``)."""
        if isinstance(func, S.BinOp) and func.op == "<|":
            return self.apply_to(func.left, [func.right, *args], scope, line)
        if isinstance(func, S.App) and not (
            isinstance(func.func, S.Name) and ".".join(func.func.parts) in FORMAT_FUNCTIONS
        ):
            return self.x_App(S.App(func.line, func.col, func.func, [*func.args, *args]), scope)
        if isinstance(func, S.Name | S.Lambda | S.OpRef | S.Field):
            return self.x_App(S.App(line, 0, func, list(args)), scope)
        return ir.Apply(line, self.expr(func, scope), self.exprs(args, scope))

    def binary(self, op: str, left: ir.Expr, right: ir.Expr, line: int) -> ir.Expr:
        canonical = {"==": "=", "!=": "<>", "++": "^"}.get(op, op)
        if canonical == "|>":
            return ir.Apply(line, right, [left])
        if canonical == "<|":
            return ir.Apply(line, left, [right])
        if canonical in (">>", "<<"):
            f, g = (left, right) if canonical == ">>" else (right, left)
            x = ir.Var("x")
            return ir.Lam(line, [x], ir.Apply(line, g, [ir.Apply(line, f, [ir.Ref(line, x)])]))
        library_operator = BITWISE_OPERATORS.get(canonical)
        if library_operator is not None:  # `a &&& b` is FSharp.Core's `op_BitwiseAnd a b`
            return ir.Apply(line, ir.BuiltinRef(line, REGISTRY[library_operator]), [left, right])
        return ir.Prim(line, canonical, [left, right])

    def x_UnOp(self, node: S.UnOp, scope: Scope) -> ir.Expr:
        if node.op == "&":
            raise LowerError(
                node.line,
                node.col,
                "'&x' is only an out argument: the last argument of a .NET method call "
                "(d.TryGetValue(k, &v), Int32.TryParse(s, &v))",
            )
        operand = self.expr(node.operand, scope)
        if node.op in ("-", "-."):
            return ir.Prim(node.line, "neg", [operand])
        if node.op == "~~~":
            bitwise_not = ir.BuiltinRef(node.line, REGISTRY[BITWISE_NOT])
            return ir.Apply(node.line, bitwise_not, [operand])
        if node.op == "!":  # F#'s dereference: the library's `op_Dereference : 'a ref -> 'a`
            deref = S.Name(node.line, node.col, ["op_Dereference"])
            return ir.Apply(node.line, self.name(deref, scope, applied=True), [operand])
        raise LowerError(node.line, node.col, f"unsupported operator '{node.op}'")

    def x_Sequence(self, node: S.Sequence, scope: Scope) -> ir.Expr:
        return ir.Seq(node.line, self.exprs(node.items, scope))

    def x_While(self, node: S.While, scope: Scope) -> ir.Expr:
        cond = self.expr(node.cond, scope)
        self.loop_depth += 1
        try:
            body = self.expr(node.body, scope)
        finally:
            self.loop_depth -= 1
        return ir.While(node.line, cond, body)

    def x_For(self, node: S.For, scope: Scope) -> ir.Expr:
        start = self.expr(node.start, scope)
        stop = self.expr(node.stop, scope)
        step = self.expr(node.step, scope) if node.step is not None else None
        inner = Scope(scope)
        var = ir.Var(node.var if not node.var.startswith(" ") else "_")
        self.loop_depth += 1
        var.loop_depth = self.loop_depth
        inner.names[var.name] = var
        try:
            body = self.expr(node.body, inner)
        finally:
            self.loop_depth -= 1
        return ir.ForRange(node.line, var, start, stop, step, node.down, body)

    def x_ForIn(self, node: S.ForIn, scope: Scope) -> ir.Expr:
        source = self.expr(node.source, scope)
        inner = Scope(scope)
        self.loop_depth += 1
        try:
            if isinstance(node.pattern, S.PVar):
                var = ir.Var(node.pattern.name)
                var.loop_depth = self.loop_depth
                inner.names[var.name] = var
                body = self.expr(node.body, inner)
            else:
                var = ir.Var(f"item{next(self.temp)}")
                var.loop_depth = self.loop_depth
                names: dict[str, ir.Var] = {}
                pat = self.pattern(node.pattern, inner, names, ir.Var)
                inner.names.update(names)
                body = ir.Match(
                    node.line,
                    ir.Ref(node.line, var),
                    [ir.Arm(pat, None, self.expr(node.body, inner))],
                    what="for",
                )
        finally:
            self.loop_depth -= 1
        return ir.ForEach(node.line, var, source, body)

    def x_Try(self, node: S.Try, scope: Scope) -> ir.Expr:
        body = self.expr(node.body, scope)
        exn = ir.Var("exn")
        self.handler_vars.append(exn)
        try:
            arms = self.arms(node.arms, scope, handler=True)
        finally:
            self.handler_vars.pop()
        arms.append(ir.Arm(ir.PAny(node.line), None, ir.Reraise(node.line)))
        handler = ir.Match(node.line, ir.Ref(node.line, exn), arms, what="try")
        return ir.TryWith(node.line, body, exn, handler)

    def x_TryFinally(self, node: S.TryFinally, scope: Scope) -> ir.Expr:
        return ir.TryFinally(
            node.line, self.expr(node.body, scope), self.expr(node.finalizer, scope)
        )

    def x_Interpolated(self, node: S.Interpolated, scope: Scope) -> ir.Expr:
        """``$"{a} has %d{n} items"`` is ``sprintf "%s has %d items" (hole a) n``, so both
        back ends run it as a format call."""
        fmt, args = self.interpolation(node, scope)
        return ir.Format(node.line, "sprintf", fmt, args)

    def interpolation(self, node: S.Interpolated, scope: Scope) -> tuple[str, list[ir.Expr]]:
        """The printf format and arguments of an interpolated string: a typed hole is its
        placeholder, an untyped one a ``%s`` of its value formatted by .NET's rules
        (``op_InterpolatedHole``); literal ``%`` are doubled."""
        pieces: list[str] = []
        args: list[ir.Expr] = []
        for part in node.parts:
            if isinstance(part, str):
                pieces.append(part.replace("%", "%%"))
                continue
            value = self.expr(part.expr, scope)
            if part.printf:
                if part.spec:
                    raise LowerError(
                        part.line,
                        part.col,
                        f"a hole typed by '{part.printf}' takes no .NET alignment or format "
                        f"('{part.spec}'); write '{part.printf}' alone or drop it",
                    )
                pieces.append(part.printf)
                args.append(value)
                continue
            try:
                parse_hole_spec(part.spec)
            except ValueError as error:
                raise LowerError(part.line, part.col, f"in this hole: {error}") from None
            hole = ir.BuiltinRef(part.line, REGISTRY["op_InterpolatedHole"])
            pieces.append("%s")
            args.append(ir.Apply(part.line, hole, [ir.Const(part.line, part.spec), value]))
        return "".join(pieces), args

    def is_generic_list(self, parts: list[str], scope: Scope) -> bool:
        """Is *parts* .NET's ``List<T>`` (``ResizeArray``): ``System.Collections.Generic.List``,
        or ``List`` where that namespace is open?  (F#'s ``List`` module stays ``List``.)"""
        if parts == ["System", "Collections", "Generic", "List"]:
            return True
        if parts != ["List"]:
            return False
        current: Scope | None = scope
        while current is not None:
            if any(m.qualified == "System.Collections.Generic" for m in current.opened):
                return True
            current = current.parent
        return False

    def x_TypeApp(self, node: S.TypeApp, scope: Scope) -> ir.Expr:
        """``Map.empty<string, int>``: a library value's type variables, in the order its
        signature names them, take the given types (an annotation the checker unifies);
        ``Array.zeroCreate<float>`` fills with that type's default.  For other values the
        arguments are implied by inference and ignored."""
        if isinstance(node.expr, S.Name) and self.is_generic_list(node.expr.parts, scope):
            node.expr = S.Name(node.expr.line, node.expr.col, ["ResizeArray"])
        target = self.expr(node.expr, scope)
        if not isinstance(target, ir.BuiltinRef):
            return target
        if target.builtin.name == "Array.zeroCreate" and len(node.types) == 1:
            return self.zero_create(node, self.type_ref(node.types[0], scope, {}))
        if target.builtin.upstream is not None:
            # two forms (``ResizeArray<int>()`` and ``ResizeArray<int>(xs)``): the argument
            # chooses one; the type arguments then instantiate that form's variables
            target.type_args = [self.type_ref(t, scope, {}) for t in node.types]
            return target
        signature = target.builtin.signature
        variables = list(dict.fromkeys(_TYPE_VARIABLE.findall(signature)))
        if len(node.types) > len(variables):
            raise LowerError(
                node.line,
                node.col,
                f"'{target.builtin.name}' takes {len(variables)} type argument(s), "
                f"but {len(node.types)} are given",
            )
        given = [self.type_ref(t, scope, {}) for t in node.types]
        params = {name: ref for name, ref in zip(variables, given, strict=False)}
        params.update({name: TypeRef("var", "_") for name in variables[len(given) :]})
        annotation = self.type_ref(parse_type(signature), scope, params)
        return ir.Annot(node.line, target, annotation)

    def zero_create(self, node: S.TypeApp, element: TypeRef) -> ir.Expr:
        """``Array.zeroCreate<float>``: ``fun n -> Array.create n 0.0`` (the element type's
        default; null, ``()`` here, for the types whose default is not a value, see
        :data:`_ZERO_VALUES`)."""
        if element.kind == "var":
            raise LowerError(
                node.line,
                node.col,
                "Array.zeroCreate needs a known element type (Array.zeroCreate<int> n)",
            )
        line = node.line
        default: ir.Expr = ir.Const(line, _ZERO_VALUES.get(element.name))
        if element.kind != "con" or element.name not in _ZERO_VALUES:  # null, of the type
            unbox = ir.BuiltinRef(line, REGISTRY["unbox"])
            default = ir.Annot(line, ir.Apply(line, unbox, [default]), element)
        count = ir.Var("count")
        create = ir.BuiltinRef(line, REGISTRY["Array.create"])
        body = ir.Apply(line, create, [ir.Ref(line, count), default])
        return ir.Lam(line, [count], body, "Array.zeroCreate")

    def x_Upcast(self, node: S.Upcast, scope: Scope) -> ir.Expr:
        """``x :> I`` (see :class:`ir.Upcast`); ``x :?> T`` is ``unbox x : T`` (checked where
        it is used, as ``unbox`` is)."""
        value = self.expr(node.expr, scope)
        target = self.type_ref(node.type, scope, {})
        if node.downcast:
            if isinstance(target.decl, InterfaceDecl):
                raise LowerError(node.line, node.col, "a downcast to an interface is not supported")
            unboxed = ir.Apply(node.line, ir.BuiltinRef(node.line, REGISTRY["unbox"]), [value])
            return ir.Annot(node.line, unboxed, target)
        return ir.Upcast(node.line, value, target)

    def x_ObjectExpr(self, node: S.ObjectExpr, scope: Scope) -> ir.Expr:
        """``{ new I with member ... }``: I's record of the members' functions.  A member that
        names its self value (``member this.M``) gets the object by calling a local function
        that builds it again (an object expression has no state of its own: what it keeps is
        in the closures it captures, which every build shares)."""
        iface = self.interface_type(node.type, scope)
        by_name = self.check_implementation(node.members, iface, node, "this object expression")
        line, col = node.line, node.col
        maker = f" object {line}:{col}"
        unit = S.Lit(line, col, None)
        uses_self = False
        fields: list[tuple[str, S.Expr]] = []
        for name, _, _ in iface.fields:
            member = by_name[name]
            body = member.value
            if member.return_type is not None:
                body = S.Typed(member.line, member.col, body, member.return_type)
            if member.self_name not in (None, "_", "__"):
                uses_self = True
                this = S.PVar(member.line, member.col, str(member.self_name))
                rebuilt = S.App(line, col, S.Name(line, col, [maker]), [unit])
                body = S.Let(line, col, False, [S.Binding(line, col, this, [], rebuilt)], body)
            params = member.params or [S.PLit(line, col, None)]
            fields.append((name, S.Lambda(member.line, member.col, params, body)))
        record: S.Expr = S.InterfaceRecord(line, col, node.type, fields)
        if uses_self:
            no_args: list[S.Pattern] = [S.PLit(line, col, None)]
            build = S.Binding(line, col, S.PVar(line, col, maker), no_args, record)
            built = S.App(line, col, S.Name(line, col, [maker]), [unit])
            record = S.Let(line, col, True, [build], built)
        return self.expr(record, scope)

    def x_InterfaceRecord(self, node: S.InterfaceRecord, scope: Scope) -> ir.Expr:
        iface = self.interface_type(node.type, scope)
        fields = [(name, self.expr(value, scope)) for name, value in node.fields]
        return ir.Record(node.line, fields, iface)

    def x_Typed(self, node: S.Typed, scope: Scope) -> ir.Expr:
        return ir.Annot(node.line, self.expr(node.expr, scope), self.type_ref(node.type, scope, {}))

    def x_LoopControl(self, node: S.LoopControl, scope: Scope) -> ir.Expr:
        if self.loop_depth == 0:
            raise LowerError(node.line, node.col, f"'{node.kind}' outside a loop")
        return ir.LoopControl(node.line, node.kind)


def lower(
    script: S.Script, load_file: Callable[[str, str], tuple[str, str]] | None = None
) -> ir.Unit:
    """Resolve names and lower *script*; ``load_file(from_file, path)`` returns the resolved
    name and text of a ``#load``-ed file (and raises ``ValueError`` for paths outside the
    plugin directory)."""
    lowerer = Lowerer(script, load_file)
    with recursion_room():
        try:
            return lowerer.run()
        except RecursionError:  # (the parser bounds nesting; this is the backstop)
            line, col = lowerer.decl_at
            lines = lowerer.sources.get(lowerer.current_file, [])
            text = lines[line - 1] if 0 < line <= len(lines) else ""
            message = "nesting too deep: this declaration nests too deeply to compile"
            lowerer.errors.append(Diagnostic(lowerer.current_file, line, col, message, text))
            raise CompileError(lowerer.errors[:50]) from None


def _piped(e: ir.Expr, count: int) -> ir.Expr:
    """*e*, marked as a call whose last *count* arguments came through a pipe."""
    if isinstance(e, ir.Apply) and len(e.args) >= count:
        e.piped = count
    return e


_ACTIVE_CASE: Final = "active pattern case"
"""The ``info`` of a case pattern already rewritten to match an active pattern's result."""


def _is_multi_case(name: str) -> bool:
    """Is *name* the function of a total multi-case active pattern (``|Even|Odd|``)?"""
    return name.startswith("|") and name.count("|") > 2 and "_" not in name.split("|")


def _is_active_case(entity: CaseDecl) -> bool:
    """Is *entity* a case of a total multi-case active pattern?"""
    return entity.union is not None and _is_multi_case(entity.union.name)


def _opened_active_case(case: str, scope: Scope, cases: dict[str, CaseDecl]) -> CaseDecl | None:
    """The case *case* of a multi-case active pattern defined in a module, when that
    pattern's function is in scope (an opened module)."""
    decl = cases.get(case)
    if decl is None or decl.union is None:
        return None
    return decl if isinstance(scope.lookup(decl.union.name), ir.Var) else None


def _active_name(
    node: S.Pattern, scope: Scope, cases: dict[str, CaseDecl]
) -> tuple[str, str] | None:
    """The function of the active pattern a case pattern *node* uses, and its kind:
    ``"partial"``, ``"single"`` or ``"multi"``."""
    if not isinstance(node, S.PCtor) or len(node.path) != 1 or node.named is not None:
        return None
    if node.info == _ACTIVE_CASE:
        return None
    case = node.path[0]
    entity = scope.lookup(case)
    if entity is None:
        entity = _opened_active_case(case, scope, cases)
    if isinstance(entity, CaseDecl):
        if _is_active_case(entity) and entity.union is not None:
            return entity.union.name, "multi"
        return None
    for name, kind in ((f"|{case}|_|", "partial"), (f"|{case}|", "single")):
        if isinstance(scope.lookup(name), ir.Var):
            return name, kind
    return None


def _pattern_expr(node: S.Pattern) -> S.Expr:
    """An active pattern's parameter written in pattern position, as an expression."""
    if isinstance(node, S.PLit):
        return S.Lit(node.line, node.col, node.value)
    if isinstance(node, S.PVar):
        return S.Name(node.line, node.col, [node.name])
    if isinstance(node, S.PTuple):
        return S.TupleExpr(node.line, node.col, [_pattern_expr(p) for p in node.items])
    raise LowerError(node.line, node.col, "an active pattern's argument must be a value")


def _irrefutable(node: S.Pattern) -> bool:
    """Does *node* match every value of its type (a variable, ``_``, unit, a tuple of such)?"""
    if isinstance(node, S.PVar | S.PWild):
        return True
    if isinstance(node, S.PLit):
        return node.value is None
    if isinstance(node, S.PTuple):
        return all(_irrefutable(p) for p in node.items)
    if isinstance(node, S.PAs | S.PTyped):
        return _irrefutable(node.pattern)
    return False
