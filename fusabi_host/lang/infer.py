"""Type inference over the core IR (Hindley-Milner with let-polymorphism and ``dyn``).

Type errors are collected as located diagnostics (:class:`InferenceResult`); a strict compile
refuses a unit that has any (:func:`fusabi_host.lang.compiler.require_types`).  When a whole
unit type-checks, code generation uses the types:
``a + b`` on two ints becomes one Python addition plus a cheap overflow test, a comparison of
two strings becomes Python's ``<``, a field of a known record type is a dict lookup.

F# rules kept: arithmetic operators default to ``int`` when nothing else decides; ``=``
and ``<`` are structural; record construction picks the declared record type with exactly
those fields; field access on a value of unknown type picks the latest declared record type
that has the field.  Field access that no declaration explains is dynamic (``dyn``).

Inference is bounded: a type term past :data:`~fusabi_host.lang.types.MAX_TYPE_SIZE` nodes
(or a let-bound type past :data:`~fusabi_host.lang.types.MAX_TYPE_DEPTH` levels) is a
:class:`~fusabi_host.errors.CompileError` "type too large" at the binding being inferred --
the unit is rejected, not run untyped -- and the work is charged to the current run's guard
(:mod:`fusabi_host.lang.guard`), so inference stops at the caller's deadline.  Chains of
``let`` and sequences (what the bytecode lifter produces, one link per instruction) are
walked iteratively; other nesting is bounded by the parser
(:data:`~fusabi_host.lang.parser.MAX_NESTING`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any, Final

from fusabi_host.errors import CompileError, Diagnostic
from fusabi_host.lang import ir
from fusabi_host.lang import syntax as S
from fusabi_host.lang.guard import spend
from fusabi_host.lang.ir import (
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
from fusabi_host.lang.parser import recursion_room
from fusabi_host.lang.stdlib.collection_members import (
    COLLECTION_MEMBER_TYPES,
    RECEIVER_PARAMETERS,
)
from fusabi_host.lang.stdlib.registry import Builtin
from fusabi_host.lang.types import (
    BOOL,
    CHAR,
    CHARGE_EVERY,
    DECIMAL,
    DYN,
    EXN,
    FLOAT,
    INT,
    MAX_TYPE_DEPTH,
    MAX_TYPE_SIZE,
    STRING,
    UNIT,
    WORK_CHUNK,
    TCon,
    TFun,
    TRec,
    TTuple,
    TVar,
    Type,
    TypeClash,
    TypeTooLarge,
    could_unify,
    has_operators,
    measure,
    over,
    prune,
    sequence_element,
    show,
    unify,
)
from fusabi_host.lang.types import (
    walk as walk_type,
)
from fusabi_host.lang.values import Char

__all__ = ["InferenceResult", "infer_unit"]

Scheme = tuple[tuple[TVar, ...], Type]

TICKS: Final = 1024
"""Expressions inferred between two charges to the current run's guard."""

_FORMAT_SPEC = re.compile(r"%([-+ 0#]*)(\d+|\*)?(?:\.(\d+|\*))?([a-zA-Z%])")
_SPEC_TYPES = {
    "d": "int", "i": "int", "u": "int", "x": "int", "X": "int", "o": "int", "f": "float",
    "F": "float", "e": "float", "E": "float", "g": "float", "G": "float", "M": "decimal",
    "s": "string", "A": "any", "O": "object", "b": "bool", "c": "char",
}  # fmt: skip

_CONSTRAINED_VARIABLES: Final = {"frac": "frac", "num": "num"}
"""Type variables of library signatures that stand for numbers only: ``'frac`` a float or a
decimal (``List.average``), ``'num`` an int, float or decimal."""

STRING_MEMBERS: dict[str, tuple[list[Type], Type]] = {}


def format_arg_types(fmt: str) -> list[str]:
    """The kinds of arguments a printf format takes, in order."""
    kinds: list[str] = []
    for match in _FORMAT_SPEC.finditer(fmt):
        letter = match.group(4)
        if letter == "%":
            continue
        if match.group(2) == "*":  # the width is an argument too
            kinds.append("int")
        if match.group(3) == "*":  # and so is the precision
            kinds.append("int")
        kinds.append(_SPEC_TYPES.get(letter, "any"))
    return kinds


class CyclicAlias(Exception):
    """A type abbreviation that refers to itself (``type A = A list``)."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


MAX_ERRORS: Final = 100
"""Type errors reported for one unit at most (a broken program can produce one per line)."""


class TypeMismatch(TypeClash):
    """A type error located in the source: *message* ("expected float, got int") at
    *line*:*col* (0: the start of the line), with a *hint* on how to fix it when one is known."""

    def __init__(self, line: int, col: int, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.line = line
        self.col = col
        self.message = message
        self.hint = hint


class InferenceResult:
    """What inference learned: whether the unit is well typed, its type errors (each a
    :class:`Diagnostic`, independent errors all reported), and the types of its top-level
    bindings (those that type-checked)."""

    def __init__(self, errors: list[Diagnostic], types: dict[str, str]) -> None:
        self.errors = errors
        self.ok = not errors
        self.types = types

    @property
    def error(self) -> str | None:
        """The first error, as one line (``line 3: expected int, got string``)."""
        if not self.errors:
            return None
        first = self.errors[0]
        return f"line {first.line}: {first.message}"


@functools.lru_cache(maxsize=4096)
def library_signature(signature: str) -> S.TypeExpr:
    """The syntax of a type the library declares (a builtin's signature, a collection
    member's type), parsed once per process: every unit that uses ``List.map`` reads the
    same tree, which inference only reads."""
    from fusabi_host.lang.parser import parse_type  # noqa: PLC0415

    return parse_type(signature)


class Inferer:
    def __init__(self, unit: ir.Unit) -> None:
        self.unit = unit
        self.level = 0
        self.numeric_vars: list[TVar] = []
        self.yields: list[Type] = []
        self.records_by_field: dict[str, list[RecordDecl]] = {}
        for decl in unit.records.values():
            for name, _, _ in decl.fields:
                self.records_by_field.setdefault(name, []).append(decl)
        # instance members by name: the declared records and unions that have one
        self.types_by_member: dict[str, list[RecordDecl | UnionDecl]] = {}
        for owner in [*unit.records.values(), *unit.unions.values()]:
            for name in getattr(owner, "members", {}):
                self.types_by_member.setdefault(name, []).append(owner)
        self.prims: list[ir.Prim] = []
        self.operator_prims: list[ir.Prim] = []  # arithmetic an operator member may take
        self.set_fields: list[ir.SetField] = []
        # ``x.[i]`` on a value of a type not known yet: (expression, target, index, element),
        # decided when the target's type is known (``names |> List.map (fun n -> n.[0])``
        # learns that ``n`` is a string after the lambda), or as an array at generalisation
        self.pending_index: list[tuple[ir.Index, Type, Type, Type]] = []
        self.error_line = 0
        self.errors: list[Diagnostic] = []
        self.lines = unit.source.splitlines()
        self.ticks = 0  # expressions inferred since the last charge to the guard
        self.copied = 0  # nodes built by the current instantiation or type expression
        self.mark = CHARGE_EVERY  # where that count next charges the guard (see types.over)
        self.expanding: list[AliasDecl] = []  # the type abbreviations being expanded
        # the binding being inferred (its line and name): where "type too large" points
        self.binding: tuple[int, str | None] = (0, None)

    # ------------------------------------------------------------------ helpers

    def fresh(self, numeric: str | None = None) -> TVar:
        var = TVar(self.level)
        if numeric:
            var.numeric = numeric
            self.numeric_vars.append(var)
        return var

    def generalize(self, t: Type, numeric: bool = False) -> Scheme:
        """The type scheme of a let-bound value of type *t*; also checks that *t* is within
        :data:`MAX_TYPE_SIZE` nodes and :data:`MAX_TYPE_DEPTH` levels.  *numeric*: a ``let
        inline`` function, generic in its arithmetic too (``let inline sq x = x * x`` takes
        ints and floats; its body computes with the run-time type)."""
        self.resolve_index(self.level)
        found: list[TVar] = []
        seen: set[int] = set()
        count = 0
        for current in walk_type(t):
            count += 1
            if isinstance(current, TVar) and current.level > self.level and current.id not in seen:
                if current.numeric and numeric:
                    self.numeric_vars = [v for v in self.numeric_vars if prune(v) is not current]
                elif current.numeric:
                    # as in F#, arithmetic is not generalised: the binding stays monomorphic
                    # in it, later uses decide it (`let add a b = a + b` then `add 1.5 2.0`),
                    # and what nothing decides is int at the end of the unit
                    current.level = self.level
                    continue
                seen.add(current.id)
                found.append(current)
        if count > MAX_TYPE_DEPTH:  # (only a term of more nodes than levels can be too deep)
            measure(t)
        return tuple(found), t

    def instantiate(self, scheme: Scheme) -> Type:
        variables, t = scheme
        if not variables:
            return t
        mapping = {v.id: self.fresh(v.numeric) for v in variables}
        self.copied = 0
        self.mark = CHARGE_EVERY
        for v in variables:
            if v.elem is not None:
                mapping[v.id].elem = self._copy(v.elem, mapping, 0)
        copy = self._copy(t, mapping, 0)
        if self.copied >= WORK_CHUNK:
            spend(self.copied)
        return copy

    def _copy(self, t: Type, mapping: dict[int, TVar], depth: int) -> Type:
        t = prune(t)
        if isinstance(t, TVar):
            return mapping.get(t.id, t)
        self.copied += 1
        if self.copied > self.mark:
            self.mark = over(self.copied)
        depth += 1
        if depth > MAX_TYPE_DEPTH:
            raise TypeTooLarge(f"more than {MAX_TYPE_DEPTH} levels of nesting")
        if isinstance(t, TCon):
            if not t.args:
                return t
            return TCon(t.name, tuple([self._copy(a, mapping, depth) for a in t.args]), t.decl)
        if isinstance(t, TFun):
            return TFun(self._copy(t.arg, mapping, depth), self._copy(t.res, mapping, depth))
        if isinstance(t, TTuple):
            return TTuple(tuple([self._copy(i, mapping, depth) for i in t.items]))
        if isinstance(t, TRec):
            return TRec({k: self._copy(v, mapping, depth) for k, v in t.fields.items()})
        return t

    def enter(self) -> None:
        self.level += 1

    def leave(self) -> None:
        self.level -= 1

    # -- type expressions

    def from_ref(self, ref: TypeRef, params: dict[str, Type]) -> Type:
        """The type a declared type expression denotes (aliases expanded, which can grow a
        term exponentially: counted against :data:`MAX_TYPE_SIZE`)."""
        self.copied = 0
        self.mark = CHARGE_EVERY
        self.expanding.clear()
        t = self._from_ref(ref, params, 0)
        if self.copied >= WORK_CHUNK:
            spend(self.copied)
        return t

    def _from_ref(self, ref: TypeRef, params: dict[str, Type], depth: int) -> Type:
        self.copied += 1
        if self.copied > self.mark:
            self.mark = over(self.copied)
        depth += 1
        if depth > MAX_TYPE_DEPTH:
            raise TypeTooLarge(f"more than {MAX_TYPE_DEPTH} levels of nesting (or aliases)")
        kind = ref.kind
        if kind == "var":
            if ref.name == "_":
                return self.fresh()
            found = params.get(ref.name)
            if found is None:
                found = params[ref.name] = self.fresh()
            return found
        if kind == "fun":
            return TFun(
                self._from_ref(ref.args[0], params, depth),
                self._from_ref(ref.args[1], params, depth),
            )
        if kind == "tuple":
            return TTuple(tuple([self._from_ref(a, params, depth) for a in ref.args]))
        if kind == "anon":
            return TRec({n: self._from_ref(t, params, depth) for n, t in ref.fields})
        args = tuple([self._from_ref(a, params, depth) for a in ref.args])
        decl = ref.decl
        if isinstance(decl, AliasDecl):
            if decl.target is None:
                return DYN
            if decl in self.expanding:
                raise CyclicAlias(decl.name)
            inner = dict(zip(decl.params, args, strict=False))
            self.expanding.append(decl)
            t = self._from_ref(decl.target, inner, depth)
            self.expanding.pop()
            return t
        if decl is not None:
            return TCon(decl.name, args, decl)
        return self.builtin_con(ref.name, args)

    def builtin_con(self, name: str, args: tuple[Type, ...]) -> Type:
        if name == "dyn":
            return DYN
        if name in ("int", "float", "bool", "string", "char", "unit", "exn"):
            return TCon(name)
        if name == "result":
            return TCon("result", args, RESULT_UNION)
        if name == "option":
            return TCon("option", args, OPTION_UNION)
        return TCon(name, args)

    def from_syntax(self, texpr: S.TypeExpr, params: dict[str, Type], given: bool = False) -> Type:
        """A library signature (F# syntax) to a type.

        *given*: the type describes a value the caller gives the library (a parameter, or
        what a callback the caller passes returns).  A ``seq<t>`` there is flexible, as F#
        makes it: any collection of ``t`` will do (see :class:`~fusabi_host.lang.types.TVar`).
        """
        if isinstance(texpr, S.TVarExpr):
            found = params.get(texpr.name)
            if found is None:
                found = params[texpr.name] = self.fresh(_CONSTRAINED_VARIABLES.get(texpr.name))
            return found
        if isinstance(texpr, S.TFunExpr):
            # a parameter: given by the caller; a callback's parameter: given by the library
            return TFun(
                self.from_syntax(texpr.arg, params, not given),
                self.from_syntax(texpr.result, params, given),
            )
        if isinstance(texpr, S.TTupleExpr):
            return TTuple(tuple([self.from_syntax(t, params, given) for t in texpr.items]))
        if isinstance(texpr, S.TRecordExpr):
            return TRec({n: self.from_syntax(t, params, given) for n, t in texpr.fields})
        assert isinstance(texpr, S.TName)

        name = BUILTIN_TYPES.get(texpr.name, texpr.name)
        args = tuple([self.from_syntax(a, params, given) for a in texpr.args])
        if given and name == "seq" and len(args) == 1:
            return self.flexible_sequence(args[0])
        return self.builtin_con(name, args)

    def builtin_type(self, builtin: Builtin, type_args: list[Type] | None = None) -> Type:
        """A fresh instance of *builtin*'s type (its type variables, in the order its
        signature names them, taking *type_args* when given)."""
        texpr = library_signature(builtin.signature)
        params: dict[str, Type] = {}
        if type_args:
            names = list(dict.fromkeys(re.findall(r"'(\w+)", builtin.signature)))
            params = dict(zip(names, type_args, strict=False))
        return self.from_syntax(texpr, params, given=False)

    def case_type(self, case: CaseDecl) -> tuple[list[Type], Type]:
        """Field types and result type of a union case, freshly instantiated."""
        union = case.union
        if union is None:  # a user exception
            return [self.from_ref(t, {}) for _, t in case.fields], EXN
        params: dict[str, Type] = {p: self.fresh() for p in union.params}
        fields = [self.from_ref(t, params) for _, t in case.fields]
        if union.name == "exn":
            return fields, EXN
        result = (
            self.builtin_con(union.name, tuple(params[p] for p in union.params))
            if (union.name in ("option", "result"))
            else TCon(union.name, tuple(params[p] for p in union.params), union)
        )
        return fields, result

    def record_fields(self, con: TCon) -> dict[str, Type] | None:
        decl = con.decl
        if not isinstance(decl, RecordDecl):
            return None
        params = dict(zip(decl.params, con.args, strict=False))
        return {name: self.from_ref(t, params) for name, t, _ in decl.fields}

    def record_instance(self, decl: RecordDecl) -> TCon:
        return TCon(decl.name, tuple(self.fresh() for _ in decl.params), decl)

    def find_case(self, tag: Any) -> CaseDecl | None:
        for union in self.unit.unions.values():
            for case in union.cases:
                if case.tag is tag:
                    found: CaseDecl = case
                    return found
        return None

    # ------------------------------------------------------------------ the unit

    def run(self) -> InferenceResult:
        try:
            for item in self.unit.items:
                if len(self.errors) >= MAX_ERRORS:
                    break
                self.error_line = item.line
                self.level = 0
                self.yields.clear()
                pending = len(self.pending_index)
                try:
                    if isinstance(item, ir.TopExpr):
                        self.binding = (item.line, None)
                        self.infer(item.expr)
                    else:
                        self.binding = (item.line, item.vars[0].name if item.vars else None)
                        self.top_binding(item)
                    self.resolve_index(-1)
                except TypeClash as exc:
                    self.report(exc)
                    del self.pending_index[pending:]
                    if isinstance(item, ir.TopBinding):
                        for var in item.vars:  # later uses are not errors of their own
                            var.ty, var.scheme = DYN, None
            self.resolve_operators()
            self.default_numerics()  # (arithmetic no use decided is int, as in F#)
        except TypeTooLarge as exc:
            raise self.too_large(exc) from None
        except CyclicAlias as exc:
            line, name = self.binding
            raise self.compile_error(
                line or self.error_line,
                name,
                f"the type abbreviation '{exc.name}' refers to itself; an abbreviation names "
                "another type and cannot be recursive (declare a union or a record instead)",
            ) from None
        except RecursionError:  # (the parser bounds nesting; this is the backstop)
            raise self.compile_error(
                self.error_line,
                None,
                "nesting too deep: the program nests expressions or types too deeply to type-check",
            ) from None
        types = {}
        for name, var in self.unit.globals.items():
            t = var.scheme[1] if var.scheme is not None else var.ty
            if t is not None and prune(t) is not DYN:
                types[name] = show(t)
        self.errors.sort(key=lambda d: (d.line, d.column))
        return InferenceResult(self.errors, types)

    def report(self, exc: TypeClash) -> None:
        """Keep type error *exc* as a diagnostic (and go on with the next binding)."""
        if isinstance(exc, TypeMismatch):
            line, col, message, hint = exc.line, exc.col, exc.message, exc.hint
        else:
            line, col, message, hint = self.error_line, 0, str(exc), ""
        diagnostic = Diagnostic.at(self.unit.filename, self.lines, line, col, message, hint)
        if diagnostic not in self.errors and len(self.errors) < MAX_ERRORS:
            self.errors.append(diagnostic)

    def error_at(self, where: ir.Expr | ir.Pat | int, message: str, hint: str = "") -> TypeMismatch:
        """A type error at node *where* (or at the start of line *where*)."""
        if isinstance(where, int):
            return TypeMismatch(where, 0, message, hint)
        return TypeMismatch(where.line, where.col, message, hint)

    def too_large(self, exc: TypeTooLarge) -> CompileError:
        line, name = self.binding
        what = f"the type of '{name}'" if name else "the type of this expression"
        return self.compile_error(
            line or self.error_line,
            name,
            f"type too large: {what} has {exc.what} (one type may have at most "
            f"{MAX_TYPE_SIZE} nodes and nest {MAX_TYPE_DEPTH} levels); a type grows like this "
            "when each definition doubles the previous one, e.g. a function that applies the "
            "previous function twice",
        )

    def compile_error(self, line: int, name: str | None, message: str) -> CompileError:
        """A compile error at *line* of the unit (at *name* on that line, when found)."""
        text = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        col = 0  # (not known: where the line starts)
        if name and text:
            found = re.search(rf"(?<![\w']){re.escape(name)}(?![\w'])", text)
            col = found.start() + 1 if found is not None else 1
        return CompileError([Diagnostic.at(self.unit.filename, self.lines, line, col, message)])

    def resolve_index(self, level: int) -> None:
        """Decide the pending indexings whose target's type is now known, and default to an
        array those whose target is still a type variable above *level* (about to be
        generalised; F# would ask for an annotation)."""
        waiting = []
        for e, target, index, elem in self.pending_index:
            t = prune(target)
            if isinstance(t, TVar) and t.level <= level:
                waiting.append((e, target, index, elem))
                continue
            self.unify_at(e, elem, self.index_type(e, t, index))
        self.pending_index = waiting

    def index_type(self, e: ir.Index, target: Type, index: Type) -> Type:
        """The element type of ``target.[index]`` (sets ``e.kind``); a type variable target
        is taken to be an array, as F# does, except in a program lifted from bytecode: there
        the source's annotation (``(s: string)``) is gone, so it stays dynamic."""
        if isinstance(target, TCon):
            if target.name in ("array", "list") and target.args:
                self.unify_at(e, INT, index)
                e.kind = target.name
                return target.args[0]
            if target.name == "string":
                self.unify_at(e, INT, index)
                e.kind = "string"
                return CHAR
            if target.name in ("map", "dictionary"):
                self.unify_at(e, target.args[0], index)
                e.kind = target.name
                return target.args[1]
            if target.name == "resizearray":
                self.unify_at(e, INT, index)
                e.kind = "resizearray"
                return target.args[0]
            if target.name == "array2d":
                self.unify_at(e, TTuple((INT, INT)), index, what="the index of a 2D array")
                e.kind = "array2d"
                return target.args[0]
        if isinstance(target, TVar) and not self.unit.lifted:  # arrays are the common case
            elem = self.fresh()
            self.unify_at(e, target, TCon("array", (elem,)))
            self.unify_at(e, INT, index)
            e.kind = "array"
            return elem
        e.kind = "dynamic"
        return DYN

    def default_numerics(self) -> None:
        """Arithmetic whose type no use decided is int (F#'s default)."""
        self.resolve_index(-1)
        for var in self.numeric_vars:
            found = prune(var)
            if isinstance(found, TVar) and found.numeric:
                if found.elem is not None:  # `+` on a flexible sequence: a string
                    unify(found, STRING)
                else:
                    found.ref = FLOAT if found.numeric == "frac" else INT
        self.numeric_vars.clear()

    def top_binding(self, item: ir.TopBinding) -> None:
        if item.rec_group is not None:
            self.rec_group(item.rec_group)
            return
        if not item.pattern:
            var = item.vars[0]
            self.bind(var, item.value, item.line)
            return
        self.infer(item.value)

    def bind(self, var: ir.Var, value: ir.Expr, line: int = 0) -> None:
        """Infer *value* and bind *var* to its type (generalised if it is a value); *line*
        is the binding's (its value's by default)."""
        outer = self.binding
        self.binding = (line or value.line, var.name)
        self.enter()
        try:
            t = self.infer(value)
        finally:
            self.leave()
        if var.mutable or not _is_value(value):
            measure(t)
            var.ty = t
        else:
            var.scheme = self.generalize(t, numeric=var.inline)
            var.ty = t
        self.binding = outer  # (not restored when inference fails: errors point inside)

    def rec_group(self, bindings: list[tuple[ir.Var, ir.Lam]]) -> None:
        outer = self.binding
        self.enter()
        try:
            for var, _ in bindings:
                var.ty = self.fresh()
            for var, lam in bindings:
                self.binding = (lam.line, var.name)
                self.unify_at(lam, var.ty, self.infer(lam))
        finally:
            self.leave()
        for var, lam in bindings:
            self.binding = (lam.line, var.name)
            var.scheme = self.generalize(var.ty)
        self.binding = outer

    def unify_at(
        self,
        where: ir.Expr | ir.Pat | int,
        expected: Type,
        actual: Type,
        *,
        flexible: bool = False,
        what: str = "",
    ) -> None:
        """Unify the type *expected* at node *where* with the *actual* type found there
        (``flexible``: *expected* is a parameter's type, see :func:`unify`); a clash is a
        :class:`TypeMismatch` there, "expected X, got Y" in F# notation, prefixed by *what*
        (the context: "the 'else' branch"), with a hint when one is known."""
        try:
            unify(expected, actual, flexible=flexible)
        except TypeMismatch:
            raise
        except TypeClash as exc:
            names: dict[int, str] = {}
            inner = str(exc)
            if inner.startswith("expected"):
                message = f"expected {show(expected, names)}, got {show(actual, names)}"
            else:
                message = inner
            if what:
                message = f"{what}: {message}"
            raise self.error_at(where, message, conversion_hint(expected, actual)) from None

    # ------------------------------------------------------------------ expressions

    def recover(self, exc: TypeClash) -> None:
        """Report *exc* and go on checking the rest of the unit, unless it has too many
        errors already (then *exc* ends the current top-level binding)."""
        if len(self.errors) >= MAX_ERRORS - 1:
            raise exc
        self.report(exc)

    def infer(self, e: ir.Expr) -> Type:
        self.ticks += 1
        if self.ticks >= TICKS:
            self.ticks = 0
            spend(TICKS)
        method: Callable[[Any], Type] = getattr(self, "i_" + type(e).__name__)
        try:
            t = method(e)
        except TypeMismatch:
            raise
        except TypeClash as exc:  # a clash that knows no place: it is here
            raise self.error_at(e, str(exc)) from None
        e.ty = t
        return t

    def chain(self, e: ir.Expr) -> Type:
        """A chain of ``let``, ``let rec`` and sequences, each the last part of the one before
        (``let a = .. in let b = .. in a; ...``): inferred in a loop, not by recursion, as the
        lifter produces chains as long as a function's instructions."""
        links: list[ir.Expr] = []
        while True:
            if isinstance(e, ir.Let):
                try:
                    self.bind(e.var, e.value, e.line)
                except TypeClash as exc:  # reported; the rest is checked on its own
                    self.recover(exc)
                    e.var.ty, e.var.scheme = DYN, None
                links.append(e)
                e = e.body
            elif isinstance(e, ir.LetRec):
                self.rec_group(e.bindings)
                links.append(e)
                e = e.body
            elif isinstance(e, ir.Seq) and e.items:
                for item in e.items[:-1]:
                    try:
                        self.infer(item)
                    except TypeClash as exc:
                        self.recover(exc)
                links.append(e)
                e = e.items[-1]
            else:
                break
            self.ticks += 1
        t = self.infer(e)
        for link in links:
            link.ty = t
        return t

    def i_Unset(self, e: ir.Unset) -> Type:
        return self.fresh()

    def i_Const(self, e: ir.Const) -> Type:
        return _const_type(e.value)

    def i_Ref(self, e: ir.Ref) -> Type:
        var = e.var
        if var.scheme is not None:
            return self.instantiate(var.scheme)
        if var.ty is None:
            var.ty = self.fresh()
        t: Type = var.ty
        return t

    def i_BuiltinRef(self, e: ir.BuiltinRef) -> Type:
        if e.type_args:
            return self.builtin_type(e.builtin, [self.from_ref(t, {}) for t in e.type_args])
        return self.builtin_type(e.builtin)

    def undeclared_case(self, where: ir.Expr | ir.Pat, tag: Any) -> None:
        """An upstream-style ad-hoc union case (a capitalised name no type declares): F#
        refuses it, so a strictly checked unit does too (the dynamic path still runs it)."""
        if tag.type_name == "" and tag.index >= 1000:
            raise self.error_at(
                where,
                f"'{tag.name}' is not defined (no union type declares this case)",
                f"declare it: type T = {tag.name}"
                + (" of ..." if tag.arity else "")
                + " | ..., or check its spelling",
            )

    def i_Ctor(self, e: ir.Ctor) -> Type:
        case = self.case_for(e.tag)
        if case is None:
            self.undeclared_case(e, e.tag)
            for arg in e.args:
                self.infer(arg)
            return DYN
        fields, result = self.case_type(case)
        if 0 < len(e.args) < len(fields):
            names: dict[int, str] = {}
            shape = " * ".join(show(f, names) for f in fields)
            raise self.error_at(
                e,
                f"the union case '{e.tag.name}' has {len(fields)} fields ({shape}) but is "
                f"given {len(e.args)}",
                f"give every field: {e.tag.name} ({', '.join(['...'] * len(fields))})",
            )
        for arg, field_type in zip(e.args, fields, strict=False):
            self.unify_at(arg, field_type, self.infer(arg), what=f"a field of '{e.tag.name}'")
        t = result
        for field_type in reversed(fields[len(e.args) :]):
            t = TFun(field_type, t)
        return t

    def case_for(self, tag: Any) -> CaseDecl | None:
        if tag.type_name == "" and tag.index >= 1000:
            return None

        for union in (OPTION_UNION, RESULT_UNION, EXN_UNION):
            for case in union.cases:
                if case.tag is tag:
                    return case
        found = self.find_case(tag)
        if found is not None:
            return found
        if tag.type_name == "exn":
            return CaseDecl(tag, [(None, TypeRef("con", "dyn"))] * tag.arity, None)
        return None

    def i_Lam(self, e: ir.Lam) -> Type:
        param_types = []
        for param in e.params:
            if param.ty is None:  # (or given by infer_against)
                param.ty = self.fresh()
            param_types.append(param.ty)
        t = self.infer(e.body)
        for pt in reversed(param_types):
            t = TFun(pt, t)
        return t

    def i_Apply(self, e: ir.Apply) -> Type:
        first: Type | None = None  # the first argument's type, when already inferred
        func = e.func
        if isinstance(func, ir.BuiltinRef) and func.builtin.upstream is not None and e.args:
            first = self.choose_form(func, e.args[0])
        if e.piped and isinstance(func, ir.Lam) and len(e.args) == e.piped:
            return self.piped_into_lambda(e, func)
        t = self.infer(func)
        if e.piped:
            known = self.piped_first(e, t, first)
            if known is not None:
                self.library_rewrites(e)
                return known
        for count, arg in enumerate(e.args):
            pt = prune(t)
            if count == 0 and first is not None:
                ta = first
            else:
                ta = self.infer_against(arg, pt.arg if isinstance(pt, TFun) else None)
            if pt is DYN:
                continue
            if isinstance(pt, TFun):
                self.pass_argument(e, count, pt.arg, ta)
                t = pt.res
                continue
            if not isinstance(pt, TVar):
                raise self.not_a_function(e, count, pt)
            result = self.fresh()
            self.unify_at(arg, t, TFun(ta, result))
            t = result
        self.library_rewrites(e)
        if (
            isinstance(func, ir.BuiltinRef)
            and len(e.args) == 2
            and func.builtin.name == "op_InterpolatedHole"
            and isinstance(e.args[0], ir.Const)
            and ":" not in str(e.args[0].value)
        ):  # ``$"{x}"`` (with no format): ``x.ToString()``
            e.args[1] = self.to_string_override(e.args[1]) or e.args[1]
        return DYN if prune(t) is DYN else t

    def library_rewrites(self, e: ir.Apply) -> None:
        """Library calls that depend on the argument's type, once it is known: the end of a
        ``use`` scope (``op_Dispose x``) upcasts ``x`` to ``IDisposable`` when its type
        implements it; ``string x`` (also ``x |> string``), and ``string`` passed as a
        function (``List.map string``), call a ``ToString`` override of the type it converts,
        as F#'s inline ``string`` does."""
        func = e.func
        name = func.builtin.name if isinstance(func, ir.BuiltinRef) else None
        if name == "op_TypeTest" and len(e.args) == 2:
            subject = prune(e.args[1].ty) if e.args[1].ty is not None else None
            if isinstance(subject, TCon) and isinstance(subject.decl, InterfaceDecl):
                raise TypeClash(
                    "a type test of an interface's value is not supported (the value does "
                    "not keep its type): add a member to the interface instead"
                )
            return
        if name == "op_Dispose" and len(e.args) == 1:
            disposable = TCon(IDISPOSABLE.name, (), IDISPOSABLE)
            arg = e.args[0]
            e.args[0] = self.implicit_upcast(arg, arg.ty, disposable) or arg
            return
        if name == "string" and len(e.args) == 1:
            text = self.to_string_override(e.args[0])
            if isinstance(text, ir.Apply):
                e.func, e.args = text.func, text.args
            return
        for index, arg in enumerate(e.args):
            if not (isinstance(arg, ir.BuiltinRef) and arg.builtin.name == "string"):
                continue
            shape = prune(arg.ty) if arg.ty is not None else None
            if not isinstance(shape, TFun):
                continue
            value = ir.Var("value")
            value.ty = shape.arg
            given = ir.Ref(arg.line, value)
            given.ty = shape.arg
            text = self.to_string_override(given)
            if text is not None:
                function = ir.Lam(arg.line, [value], text, name="string")
                function.ty = shape
                e.args[index] = function

    def to_string_override(self, arg: ir.Expr) -> ir.Expr | None:
        """``x.ToString()``, where the type of *arg* (known here) overrides ``ToString``: what
        ``string x``, ``%O`` and an interpolated ``{x}`` show, as in F#; else ``None``."""
        target = prune(arg.ty) if arg.ty is not None else None
        if not isinstance(target, TCon):
            return None
        member = _instance_member(target, "ToString")
        if member is None:
            return None
        ref = ir.Ref(arg.line, member)
        self.unify_at(arg, TFun(target, TFun(UNIT, STRING)), self.infer(ref), what="ToString")
        unit = ir.Const(arg.line, None)
        unit.ty = UNIT
        call = ir.Apply(arg.line, ref, [arg, unit])
        call.ty = STRING
        return call

    def choose_form(self, func: ir.BuiltinRef, first: ir.Expr) -> Type | None:
        """F#'s or upstream's form of a library function whose two signatures differs
        (:func:`~fusabi_host.lang.stdlib.registry.upstream_form`), decided by the first
        argument: upstream's when it fits upstream's first parameter and not F#'s.  A lambda
        tells by its number of parameters (``Map.map (fun v -> ...)`` against ``fun k v``);
        anything else by its type, which is inferred here and returned (``None`` for a
        lambda, which is checked against the chosen form's parameter as usual)."""
        fsharp = func.builtin
        upstream = fsharp.upstream
        assert upstream is not None
        fsharp_param = prune(self.builtin_type(fsharp))
        upstream_param = prune(self.builtin_type(upstream))
        if not (isinstance(fsharp_param, TFun) and isinstance(upstream_param, TFun)):
            return None
        if isinstance(first, ir.Lam):
            given = _lambda_arity(first)
            if given == _arrows(upstream_param.arg) != _arrows(fsharp_param.arg):
                func.builtin = upstream
            return None
        t = self.infer(first)
        if could_unify(t, upstream_param.arg) and not could_unify(t, fsharp_param.arg):
            func.builtin = upstream
        return t

    def piped_into_lambda(self, e: ir.Apply, func: ir.Lam) -> Type:
        """``x |> fun s -> s.Split ','``: the lambda's parameters take the piped values' types
        before its body is checked, as in F# (left to right)."""
        result: Type = self.fresh()
        expected = result
        for arg in reversed([self.infer(a) for a in e.args]):
            expected = TFun(arg, expected)
        self.unify_at(func, expected, self.infer_against(func, expected))
        return DYN if prune(result) is DYN else result

    def piped_first(self, e: ir.Apply, t: Type, first: Type | None = None) -> Type | None:
        """``x |> f a``: check ``x`` before ``a``, as F# does (left to right), so that what
        ``x`` is decides ``a``'s types (``words |> List.map (fun w -> w.Length)``).  ``None``
        when the function's type does not show every parameter yet (then in order)."""
        params: list[Type] = []
        current = prune(t)
        for _ in e.args:
            if not isinstance(current, TFun):
                return None
            params.append(current.arg)
            current = prune(current.res)
        split = len(e.args) - e.piped
        for index in range(split, len(e.args)):
            arg = e.args[index]
            actual = first if index == 0 and first is not None else self.infer(arg)
            self.pass_argument(e, index, params[index], actual)
        for index in range(split):
            arg, param = e.args[index], params[index]
            actual = first if index == 0 and first is not None else self.infer_against(arg, param)
            self.pass_argument(e, index, param, actual)
        return DYN if current is DYN else current

    def pass_argument(self, e: ir.Apply, index: int, param: Type, actual: Type) -> None:
        """Argument *index* of *e* (of type *actual*) for a parameter of type *param*, with
        the upcast F# inserts where the parameter is an interface the argument's type
        implements (``area (Circle 1.0)`` for ``area (s: IShape)``)."""
        arg = e.args[index]
        upcast = self.implicit_upcast(arg, actual, param)
        if upcast is not None:
            e.args[index] = upcast
            return
        self.unify_at(arg, param, actual, flexible=True)

    def implicit_upcast(self, e: ir.Expr, actual: Type, wanted: Type) -> ir.Expr | None:
        """*e* upcast to *wanted*, when that is an interface that *actual*, another declared
        type, implements; else ``None``."""
        target, source = prune(wanted), prune(actual)
        if not (
            isinstance(target, TCon)
            and isinstance(target.decl, InterfaceDecl)
            and isinstance(source, TCon)
            and source.decl is not target.decl
            and target.decl.name in getattr(source.decl, "interfaces", {})
        ):
            return None
        var = source.decl.interfaces[target.decl.name]
        ref = ir.Ref(e.line, var)
        what = f"the upcast of {show(source)} to {show(target)}"
        self.unify_at(e, TFun(source, target), self.infer(ref), what=what)
        call = ir.Apply(e.line, ref, [e])
        call.ty = target
        return call

    def i_Upcast(self, e: ir.Upcast) -> Type:
        source = prune(self.infer(e.expr))
        target = prune(self.from_ref(e.type, {}))
        if target is DYN:  # x :> obj
            return target
        call = self.implicit_upcast(e.expr, source, target)
        if call is not None:
            e.expr = call
            return target
        if (
            isinstance(target, TCon)
            and isinstance(target.decl, InterfaceDecl)
            and isinstance(source, TCon)
            and source.decl is not target.decl
        ):
            raise TypeClash(f"{show(source)} does not implement {show(target)}")
        self.unify_at(e, target, source, flexible=True, what="the upcast")
        return target

    def infer_against(self, e: ir.Expr, expected: Type | None) -> Type:
        """The type of *e*, where a value of type *expected* is wanted: a lambda takes its
        parameter types from it before its body is checked (so an error inside the body is
        reported there, against what the parameters are)."""
        if isinstance(e, ir.Lam) and expected is not None:
            current = prune(expected)
            for param in e.params:
                if not isinstance(current, TFun) or current.arg is DYN:
                    break
                arg = prune(current.arg)
                if isinstance(arg, TVar) and arg.elem is not None:
                    break  # (a flexible sequence is for arguments, not parameters)
                param.ty = arg
                current = prune(current.res)
            else:
                t = self.infer(e)
                self.lambda_result(e, t, current)
                return t
        return self.infer(e)

    def lambda_result(self, e: ir.Lam, t: Type, expected: Type) -> None:
        """Check the result of lambda *e* (of type *t*) against the *expected* result, at its
        body: ``List.filter (fun x -> 1)`` is "expected bool, got int" at the ``1``."""
        actual = prune(t)
        for _ in e.params:
            if not isinstance(actual, TFun):
                return
            actual = prune(actual.res)
        if isinstance(prune(expected), TVar) or prune(expected) is DYN:
            return
        self.unify_at(_result_expr(e.body), expected, actual, what="the function's result")

    def not_a_function(self, e: ir.Apply, given: int, result: Type) -> TypeMismatch:
        """The error for applying *e*'s function to more arguments than it takes (*given*
        were taken, and gave *result*)."""
        name = _callee_name(e.func)
        whole = prune(e.func.ty) if e.func.ty is not None else result
        if given == 0:
            what = f"'{name}'" if name else "this value"
            return self.error_at(
                e.func,
                f"{what} is not a function (its type is {show(whole)}) and cannot be applied",
                "remove the arguments, or separate expressions with ';' or a new line",
            )
        what = f"'{name}'" if name else "this function"
        return self.error_at(
            e.args[given],
            f"{what} takes {given} argument{'s' if given != 1 else ''} ({show(whole)}) but is "
            f"given {len(e.args)}",
            "remove the extra arguments, or put parentheses around an argument that is itself "
            "a call",
        )

    def i_Let(self, e: ir.Let) -> Type:
        return self.chain(e)

    def i_LetRec(self, e: ir.LetRec) -> Type:
        return self.chain(e)

    def i_Seq(self, e: ir.Seq) -> Type:
        if not e.items:
            return UNIT
        return self.chain(e)

    def i_If(self, e: ir.If) -> Type:
        self.unify_at(e.cond, BOOL, self.infer(e.cond), what="the condition of 'if'")
        t = self.infer(e.then)
        other = self.infer(e.orelse)
        if not e.written_else:
            self.unify_at(e.then, UNIT, t, what="an 'if' without 'else' must give unit")
            return t
        self.unify_at(e.orelse, t, other, what="the branches of 'if' must have the same type")
        return t

    def i_Match(self, e: ir.Match) -> Type:
        subject = self.infer(e.subject)
        result: Type = self.fresh()
        for arm in e.arms:
            self.pattern(arm.pat, subject)
            if arm.guard is not None:
                self.unify_at(arm.guard, BOOL, self.infer(arm.guard), what="a 'when' guard")
            self.unify_at(
                arm.body,
                result,
                self.infer(arm.body),
                what="the arms of a match must have the same type",
            )
        return result

    def i_Tuple(self, e: ir.Tuple) -> Type:
        return TTuple(tuple([self.infer(i) for i in e.items]))

    def i_List(self, e: ir.List) -> Type:
        elem = self.fresh()
        for item in e.items:
            self.unify_at(
                item, elem, self.infer(item), what="the elements of a list must have one type"
            )
        return TCon("list", (elem,))

    def i_Array(self, e: ir.Array) -> Type:
        elem = self.fresh()
        for item in e.items:
            self.unify_at(
                item, elem, self.infer(item), what="the elements of an array must have one type"
            )
        return TCon("array", (elem,))

    def i_Range(self, e: ir.Range) -> Type:
        start = self.infer(e.start)
        if prune(start) is CHAR and e.step is None:  # ['a' .. 'e']
            self.unify_at(e, CHAR, self.infer(e.stop))
            return TCon("list" if e.kind == "list" else e.kind, (CHAR,))
        t = self.fresh("num")
        self.unify_at(e, t, start)
        self.unify_at(e, t, self.infer(e.stop))
        if e.step is not None:
            self.unify_at(e, t, self.infer(e.step))
        return TCon("list" if e.kind == "list" else e.kind, (t,))

    def i_Record(self, e: ir.Record) -> Type:
        decl = e.record_type
        if isinstance(decl, RecordDecl):
            con = self.record_instance(decl)
            field_types = self.record_fields(con) or {}
            for name, value in e.fields:
                self.unify_at(
                    value, field_types[name], self.infer(value), what=f"the field '{name}'"
                )
            return con
        if isinstance(e.incomplete_of, RecordDecl):
            raise self.missing_fields(e, e.incomplete_of)
        return TRec({name: self.infer(value) for name, value in e.fields})

    def missing_fields(self, e: ir.Record, decl: RecordDecl) -> TypeMismatch:
        """The error for literal *e* of record type *decl* that does not give every field
        (F#: "no assignment given for field"); the hint lists them with their types."""
        field_types = self.record_fields(self.record_instance(decl)) or {}
        given = {name for name, _ in e.fields}
        missing = [name for name, _, _ in decl.fields if name not in given]
        names: dict[int, str] = {}
        return self.error_at(
            e,
            f"no assignment given for field '{missing[0]}' of type '{decl.name}'",
            "a record literal gives every field: add "
            + "; ".join(f"{m} = ... ({show(field_types[m], names)})" for m in missing),
        )

    def i_RecordUpdate(self, e: ir.RecordUpdate) -> Type:
        base = self.infer(e.base)
        pb = prune(base)
        fields: dict[str, Type] | None = None
        if isinstance(pb, TCon):
            fields = self.record_fields(pb)
        elif isinstance(pb, TRec):
            fields = pb.fields
        elif isinstance(pb, TVar):
            decl = self.record_with(e.fields[0][0] if e.fields else "")
            if decl is not None:
                con = self.record_instance(decl)
                self.unify_at(e, pb, con)
                fields = self.record_fields(con)
        added: dict[str, Type] = {}
        for name, value in e.fields:
            tv = self.infer(value)
            if fields is not None and name in fields:
                self.unify_at(value, fields[name], tv, what=f"the field '{name}'")
            elif e.extend and isinstance(pb, TRec):
                added[name] = tv
            elif fields is not None and pb is not DYN:
                raise TypeClash(f"the record has no field '{name}'")
        if added and isinstance(pb, TRec):
            return TRec({**pb.fields, **added})
        return base if fields is not None else DYN

    def record_with(self, field: str) -> RecordDecl | None:
        candidates = self.records_by_field.get(field)
        return candidates[-1] if candidates else None

    def i_GetField(self, e: ir.GetField) -> Type:
        target = prune(self.infer(e.target))
        name = e.name
        if isinstance(target, TVar):
            decl = self.record_with(name)
            owner = decl if decl is not None else self.type_with_member(name)
            if owner is not None:
                con = self.declared_instance(owner)
                self.unify_at(e, target, con)
                target = con
        if isinstance(target, TCon):
            fields = self.record_fields(target)
            if fields is not None and name in fields:
                e.kind = "record"
                if isinstance(target.decl, InterfaceDecl) and name in target.decl.properties:
                    return self.interface_call(e, fields[name], [], [])
                return fields[name]
            if _instance_member(target, name) is not None:
                return self.member_access(e, target, [], [])
            member = _member_type(target, name)
            if member is None:
                member = self.collection_member(target, name)
            if member is not None and target.name == "ref":  # a ref cell is a record
                e.name, e.kind = "contents", "record"
                return member
            if member is not None:
                e.kind = target.name
                return member
            if target is DYN:
                e.kind = "dynamic"
                return DYN
            raise TypeClash(f"{show(target)} has no field or property '{name}'")
        if isinstance(target, TRec):
            if name in target.fields:
                e.kind = "record"
                return target.fields[name]
            raise TypeClash(f"the record {show(target)} has no field '{name}'")
        if isinstance(target, TTuple) and len(target.items) == 2 and name in ("Key", "Value"):
            e.kind = "dynamic"  # (a map's or dictionary's entry: .NET's KeyValuePair)
            return target.items[0 if name == "Key" else 1]
        e.kind = "dynamic"
        return DYN

    def i_Member(self, e: ir.Member) -> Type:
        target = prune(self.infer(e.target))
        arg_types = [self.infer(a) for a in e.args or []]
        if isinstance(target, TVar) and (owner := self.type_with_member(e.name)) is not None:
            con = self.declared_instance(owner)
            self.unify_at(e, target, con)
            target = con
        if isinstance(target, TCon) and _instance_member(target, e.name) is not None:
            return self.member_access(e, target, e.args or [], arg_types)
        if isinstance(target, TCon) and isinstance(target.decl, InterfaceDecl):
            fields = self.record_fields(target)
            if fields is not None and e.name in fields and e.name not in target.decl.properties:
                return self.interface_call(e, fields[e.name], e.args or [], arg_types)
        if e.name == "ToString":
            e.kind = "any"
            return STRING
        if isinstance(target, TCon) and target.name == "string":
            e.kind = "string"
            return _string_method(e.name, arg_types)
        if isinstance(target, TCon) and target.name in RECEIVER_PARAMETERS:
            e.kind = target.name
            return self.collection_method_call(e, target, arg_types)
        if isinstance(target, TCon) and self.is_declared(target):
            raise TypeClash(f"{show(target)} has no member '{e.name}'")
        e.kind = "dynamic"
        return DYN

    def is_declared(self, target: TCon) -> bool:
        """Is *target* a record or union this unit declares (not a library type)?"""
        declared = self.unit.records.get(target.name) or self.unit.unions.get(target.name)
        return declared is not None and declared is target.decl

    def type_with_member(self, name: str) -> RecordDecl | UnionDecl | None:
        """The latest declared record or union with an instance member *name* (what
        ``fun s -> s.Area`` means before the lambda's parameter type is known)."""
        owners = self.types_by_member.get(name)
        return owners[-1] if owners else None

    def declared_instance(self, decl: RecordDecl | UnionDecl) -> TCon:
        """A fresh instance ``T<'a, ...>`` of a declared record or union."""
        return TCon(decl.name, tuple(self.fresh() for _ in decl.params), decl)

    def member_access(
        self, e: ir.GetField | ir.Member, target: TCon, args: list[ir.Expr], arg_types: list[Type]
    ) -> Type:
        """``x.Name`` / ``x.Name(args)`` on a type with instance member *Name*: the member's
        function applied to the target (and to the arguments: one, a tuple of several, or
        unit for none, as the member's parameter is written).  The node's target becomes
        that call (``kind`` "member"), which code generation and the .fzb emitter compile."""
        member = _instance_member(target, e.name)
        assert member is not None
        ref = ir.Ref(e.line, member)
        function = self.infer(ref)
        result = self.fresh()
        call_args = [e.target]
        if isinstance(e, ir.GetField):
            self.unify_at(e, TFun(target, result), function, what=f"the member '{e.name}'")
        else:
            after_self = self.fresh()
            self.unify_at(e, TFun(target, after_self), function, what=f"the member '{e.name}'")
            given, arg = self.method_argument(e, args, arg_types)
            self.unify_at(e, after_self, TFun(given, result), what=f"the argument of '{e.name}'")
            call_args.append(arg)
            e.args = None
        call = ir.Apply(e.line, ref, call_args)
        call.ty = result
        e.target = call
        e.kind = "member"
        return result

    def interface_call(
        self, e: ir.GetField | ir.Member, field: Type, args: list[ir.Expr], arg_types: list[Type]
    ) -> Type:
        """``s.Area`` (a property: its field called with unit) or ``s.Move(1.0, 2.0)`` (a
        method: its field called with the arguments) on a value of an interface; the node's
        target becomes the call (``kind`` "member"), as for :meth:`member_access`."""
        getter = ir.GetField(e.line, e.target, e.name)
        getter.kind, getter.ty = "interface", field  # (a field of an interface's record)
        result = self.fresh()
        if isinstance(e, ir.Member):
            given, arg = self.method_argument(e, args, arg_types)
            e.args = None
        else:
            given, arg = UNIT, ir.Const(e.line, None)
            arg.ty = UNIT
        self.unify_at(e, field, TFun(given, result), what=f"the argument of '{e.name}'")
        call = ir.Apply(e.line, getter, [arg])
        call.ty = result
        e.target = call
        e.kind = "member"
        return result

    def method_argument(
        self, e: ir.Member, args: list[ir.Expr], arg_types: list[Type]
    ) -> tuple[Type, ir.Expr]:
        """The one argument a method call ``x.M(a, b)`` passes: unit, the value, or a tuple."""
        if not args:
            unit = ir.Const(e.line, None)
            unit.ty = UNIT
            return UNIT, unit
        if len(args) == 1:
            return arg_types[0], args[0]
        tuple_type = TTuple(tuple(arg_types))
        packed = ir.Tuple(e.line, list(args))
        packed.ty = tuple_type
        return tuple_type, packed

    def collection_member(self, target: TCon, name: str) -> Type | None:
        """The type of member *name* of a map, set, list, array or option *target*
        (``m.TryFind``: ``'k -> 'v option``), or ``None`` when it has no such member."""
        signature = COLLECTION_MEMBER_TYPES.get((target.name, name))
        if signature is None:
            return None
        texpr = library_signature(signature)
        names = RECEIVER_PARAMETERS[target.name]
        params: dict[str, Type] = dict(zip(names, target.args, strict=False))
        return self.from_syntax(texpr, params, given=False)

    def collection_method_call(self, e: ir.Member, target: TCon, arg_types: list[Type]) -> Type:
        """``s.Contains x`` / ``m.Add(k, v)`` written as a method call: the method's result
        type, its argument (a tuple for several, unit for none) unified with its parameter."""
        member = self.collection_member(target, e.name)
        if not isinstance(member, TFun):
            raise TypeClash(f"{show(target)} has no method '{e.name}'")
        if not arg_types:
            given: Type = UNIT
        elif len(arg_types) == 1:
            given = arg_types[0]
        else:
            given = TTuple(tuple(arg_types))
        self.unify_at(e, member.arg, given, what=f"the argument of '{e.name}'")
        return member.res

    def i_Index(self, e: ir.Index) -> Type:
        target = prune(self.infer(e.target))
        index = self.infer(e.index)
        if isinstance(target, TVar):  # decided once the target's type is known
            elem = self.fresh()
            e.kind = "array"
            self.pending_index.append((e, target, index, elem))
            return elem
        return self.index_type(e, target, index)

    def i_Slice(self, e: ir.Slice) -> Type:
        target = prune(self.infer(e.target))
        for bound in (e.start, e.stop):
            if bound is not None:
                self.unify_at(e, INT, self.infer(bound))
        if isinstance(target, TCon) and target.name in ("string", "array", "list"):
            e.kind = target.name
            return target
        e.kind = "dynamic"
        return DYN

    def i_SetIndex(self, e: ir.SetIndex) -> Type:
        target = self.infer(e.target)
        elem = self.fresh()
        known = prune(target)
        if isinstance(known, TCon) and known.name in ("dictionary", "resizearray", "array2d"):
            key = {"dictionary": known.args[0], "resizearray": INT}.get(
                known.name, TTuple((INT, INT))
            )
            self.unify_at(e, key, self.infer(e.index), what="the index")
            value = known.args[-1]
            self.unify_at(e, value, self.infer(e.value), what="the value set")
            return UNIT
        if known is not DYN:
            self.unify_at(e, target, TCon("array", (elem,)))
            e.kind = "array"
        self.unify_at(e, INT, self.infer(e.index))
        self.unify_at(e, elem, self.infer(e.value))
        return UNIT

    def i_SetField(self, e: ir.SetField) -> Type:
        self.set_fields.append(e)
        getter = ir.GetField(e.line, e.target, e.name)
        field_type = self.infer(getter)
        e.name = getter.name  # (`r.Value <- v` sets a ref cell's `contents`)
        self.unify_at(e, field_type, self.infer(e.value))
        return UNIT

    def i_Assign(self, e: ir.Assign) -> Type:
        if e.var.ty is None:
            e.var.ty = self.fresh()
        self.unify_at(e, e.var.ty, self.infer(e.value))
        return UNIT

    def i_Prim(self, e: ir.Prim) -> Type:
        op = e.op
        self.prims.append(e)
        if op == "neg":
            t = self.infer(e.args[0])
            overloaded = self.operator_call(e, [t])
            if overloaded is not None:
                return overloaded
            self.unify_at(e, self.fresh("num"), t)
            self.operator_prims.append(e)
            return t
        a = self.infer(e.args[0])
        b = self.infer(e.args[1])
        left, right = e.args[0], e.args[1]
        if op in ("+", "-", "*", "/", "%"):
            overloaded = self.operator_call(e, [a, b])
            if overloaded is not None:
                return overloaded
            self.operator_prims.append(e)
        operator = f"the operands of '{op}' must have one type"
        if op in ("+", "-") and _name_of(a) == "set":  # F#'s Set union and difference
            self.unify_at(right, a, b, what=operator)
            return a
        if op in ("+", "-", "*", "/", "%"):
            constrained = self.fresh("add" if op == "+" else "num")
            self.unify_at(left, constrained, a, what=f"'{op}'")
            if {_name_of(a), _name_of(b)} == {"int", "float"}:
                raise self.error_at(
                    right,
                    f"{operator}: expected {show(a)}, got {show(b)}",
                    "F# never mixes int and float: convert one side with 'float x' or 'int x'",
                )
            self.unify_at(right, a, b, what=operator)
            return a
        if op == "**":
            self.unify_at(left, FLOAT, a, what="'**'")
            self.unify_at(right, FLOAT, b, what="'**'")
            return FLOAT
        if op in ("=", "<>", "<", ">", "<=", ">="):
            self.unify_at(right, a, b, what=operator)
            return BOOL
        if op in ("&&", "||"):
            self.unify_at(left, BOOL, a, what=f"'{op}'")
            self.unify_at(right, BOOL, b, what=f"'{op}'")
            return BOOL
        if op == "::":
            lst = TCon("list", (a,))
            self.unify_at(right, lst, b, what="'::'")
            return lst
        if op == "@":
            lst = TCon("list", (self.fresh(),))
            self.unify_at(left, lst, a, what="'@'")
            self.unify_at(right, lst, b, what="'@'")
            return lst
        if op == "^":
            self.unify_at(left, STRING, a, what="'^'")
            self.unify_at(right, STRING, b, what="'^'")
            return STRING
        raise TypeClash(f"unknown operator '{op}'")  # pragma: no cover

    def operator_call(self, e: ir.Prim, operands: list[Type]) -> Type | None:
        """``a + b`` (or ``-a``) where an operand's type defines the operator as a static
        member (``static member (+) (a: Vec, b: Vec)``): the operation becomes a call of the
        member (``op`` "call"), chosen among the overloads of both operands' types by the
        operand types, and its type is the member's result.  ``None`` when neither operand's
        type is known to define operators (then the operation is arithmetic, or resolved
        later, see :meth:`resolve_operators`)."""
        owners = []
        for operand in operands:
            t = prune(operand)
            if isinstance(t, TCon) and has_operators(t) and t.decl not in owners:
                owners.append(t.decl)
        if not owners:
            return None
        shown = "-x" if e.op == "neg" else f"x {e.op} y"
        candidates = [var for decl in owners for var in decl.operators.get(e.op, [])]
        if not candidates:
            names = " or ".join(decl.name for decl in owners)
            raise TypeClash(f"{names} does not define the operator in '{shown}'")
        result = self.fresh()
        fitting: list[tuple[ir.Var, Type, Type]] = []
        for var in candidates:
            function = self.infer(ir.Ref(e.line, var))
            expected = _operator_shape(function, operands, result)
            if could_unify(function, expected):
                fitting.append((var, function, expected))
        if not fitting:
            given = " and ".join(show(t) for t in operands)
            raise TypeClash(f"no operator member fits '{shown}' with operands {given}")
        var, function, expected = fitting[0]
        self.unify_at(e, expected, function, what=f"the operator member of '{shown}'")
        shape = prune(function)
        args = list(e.args)
        if len(args) == 2 and isinstance(shape, TFun) and isinstance(prune(shape.arg), TTuple):
            packed = ir.Tuple(e.line, args)
            packed.ty = TTuple(tuple(operands))
            args = [packed]
        call = ir.Apply(e.line, ir.Ref(e.line, var), args)
        call.ty = result
        e.op, e.args = "call", [call]
        return result

    def resolve_operators(self) -> None:
        """Arithmetic whose operand type was not known where it was written (``fun acc v ->
        acc + v`` before ``acc`` is known as a ``Vec``), now that it is: a call of the
        operand type's operator member, if it has one."""
        pending, self.operator_prims = self.operator_prims, []
        for prim in pending:
            if prim.op == "call" or not prim.args or prim.args[0].ty is None:
                continue
            operands = [a.ty for a in prim.args if a.ty is not None]
            if not any(isinstance(t := prune(o), TCon) and has_operators(t) for o in operands):
                continue
            self.error_line = prim.line
            try:
                self.operator_call(prim, operands)
            except TypeClash as exc:
                self.report(exc)

    def i_While(self, e: ir.While) -> Type:
        self.unify_at(e, BOOL, self.infer(e.cond))
        self.infer(e.body)
        return UNIT

    def i_ForRange(self, e: ir.ForRange) -> Type:
        e.var.ty = INT
        self.unify_at(e, INT, self.infer(e.start))
        self.unify_at(e, INT, self.infer(e.stop))
        if e.step is not None:
            self.unify_at(e, INT, self.infer(e.step))
        self.infer(e.body)
        return UNIT

    def i_ForEach(self, e: ir.ForEach) -> Type:
        source = prune(self.infer(e.source))
        elem: Type
        if isinstance(source, TCon) and source.name in ("list", "array", "set", "seq"):
            elem = source.args[0]
            e.source_kind = source.name
        elif isinstance(source, TCon) and source.name == "map":
            elem = TTuple(source.args)
            e.source_kind = "map"
        elif isinstance(source, TCon) and source.name in (
            "resizearray", "hashset", "dictionary", "array2d", "stack", "queue",
        ):  # fmt: skip
            elem = sequence_element(source)
            e.source_kind = "dynamic"  # (enumerated through lazyseq, which copies it first)
        elif isinstance(source, TCon) and source.name == "string":
            elem = CHAR
            e.source_kind = "string"
        elif source is DYN:
            elem = DYN
            e.source_kind = "dynamic"
        else:  # not known yet (`for x in f (n - 1)` in f itself): any collection of elem
            elem = self.fresh()
            self.unify_at(e, source, self.flexible_sequence(elem))
            e.source_kind = "dynamic"
        e.var.ty = elem
        self.infer(e.body)
        return UNIT

    def i_TryWith(self, e: ir.TryWith) -> Type:
        t = self.infer(e.body)
        e.var.ty = EXN
        self.unify_at(e, t, self.infer(e.handler))
        return t

    def i_TryFinally(self, e: ir.TryFinally) -> Type:
        t = self.infer(e.body)
        self.infer(e.finalizer)
        return t

    def i_Reraise(self, e: ir.Reraise) -> Type:
        return self.fresh()

    def i_LoopControl(self, e: ir.LoopControl) -> Type:
        return UNIT

    def i_Comprehension(self, e: ir.Comprehension) -> Type:
        elem = self.fresh()
        self.yields.append(elem)
        try:
            self.infer(e.body)
        finally:
            self.yields.pop()
        return TCon("list" if e.kind == "list" else e.kind, (elem,))

    def i_Yield(self, e: ir.Yield) -> Type:
        t = self.infer(e.value)
        if not self.yields:
            raise TypeClash("'yield' outside a list, array or sequence expression")
        elem = self.yields[-1]
        if e.implicit and self.implicit_statement(e, t):
            return UNIT
        if e.many:
            wanted = self.flexible_sequence(elem) if isinstance(prune(t), TVar) else None
            self.unify_at(
                e.value, wanted or TCon("seq", (elem,)), t, flexible=True, what="'yield!'"
            )
        else:
            self.unify_at(e.value, elem, t, what="the values yielded must have one type")
        return UNIT

    def flexible_sequence(self, elem: Type) -> TVar:
        """``#seq<elem>``: a type variable any collection of *elem* may become (what a value
        enumerated before its type is known is, as F#'s inference leaves it open)."""
        flexible = self.fresh()
        flexible.elem = elem
        return flexible

    def implicit_statement(self, e: ir.Yield, t: Type) -> bool:
        """Decide an implicit yield as F# does: a unit-typed element is a statement, any other
        is yielded; a dynamic one is decided at run time (``statement`` stays ``None``)."""
        found = prune(t)
        if found is DYN:
            return False
        e.statement = isinstance(found, TCon) and found.name == "unit"
        return e.statement

    def i_Annot(self, e: ir.Annot) -> Type:
        wanted = self.from_ref(e.type, {})
        if isinstance(e.expr, ir.List | ir.Array) and self.upcast_items(e.expr, wanted):
            return wanted
        t = self.infer(e.expr)
        self.unify_at(e.expr, wanted, t, what="the type annotation")
        return t

    def upcast_items(self, e: ir.List | ir.Array, wanted: Type) -> bool:
        """``let shapes : IShape list = [Circle 1.0; Square 2.0]``: where the annotation
        gives a list or array of an interface, each element of a type implementing it is
        upcast, as F# does for elements of a known type.  ``False`` (nothing done) for any
        other annotation."""
        target = prune(wanted)
        kind = "list" if isinstance(e, ir.List) else "array"
        if not (isinstance(target, TCon) and target.name == kind and len(target.args) == 1):
            return False
        elem = prune(target.args[0])
        if not (isinstance(elem, TCon) and isinstance(elem.decl, InterfaceDecl)):
            return False
        for index, item in enumerate(e.items):
            actual = self.infer(item)
            upcast = self.implicit_upcast(item, actual, elem)
            if upcast is not None:
                e.items[index] = upcast
                continue
            self.unify_at(item, elem, actual, what=f"an element of {show(target)}")
        e.ty = target
        return True

    def i_Format(self, e: ir.Format) -> Type:
        kinds = format_arg_types(e.fmt)
        if e.list_form and len(e.args) != len(kinds):
            raise TypeClash(
                f'the format "{e.fmt}" takes {len(kinds)} values but the list has {len(e.args)}'
            )
        if len(e.args) > len(kinds):
            raise TypeClash(f'the format "{e.fmt}" takes {len(kinds)} arguments')
        spec_types = [
            self.fresh() if e.list_form and k in ("float", "string") else self.spec_type(k)
            for k in kinds
        ]  # (upstream's list form shows ints for %f, and any value for %s; F#'s form does not)
        for index, (arg, spec) in enumerate(zip(e.args, spec_types, strict=False)):
            self.unify_at(arg, spec, self.infer(arg), what=f'the format "{e.fmt}"')
            if kinds[index] == "object":  # %O shows x.ToString()
                e.args[index] = self.to_string_override(arg) or arg
        result: Type
        if e.func == "sprintf":
            result = STRING
        elif e.func == "failwithf":
            result = self.fresh()
        else:
            result = UNIT
        for spec in reversed(spec_types[len(e.args) :]):
            result = TFun(spec, result)
        return result

    def spec_type(self, kind: str) -> Type:
        if kind == "float":  # %f, %e, %g take a float or a decimal (float when unknown)
            return self.fresh("frac")
        known = {"int": INT, "decimal": DECIMAL, "bool": BOOL, "char": CHAR, "string": STRING}
        return known.get(kind) or self.fresh()

    def i_TupleGet(self, e: ir.TupleGet) -> Type:
        target = prune(self.infer(e.target))
        if isinstance(target, TTuple) and e.index < len(target.items):
            return target.items[e.index]
        return DYN

    def i_CaseField(self, e: ir.CaseField) -> Type:
        target = self.infer(e.target)
        case = self.case_for(e.tag) if e.tag is not None else None
        if case is None or e.index >= len(case.fields):
            return DYN
        fields, result = self.case_type(case)
        self.unify_at(e, result, target)
        return fields[e.index]

    def i_ListPart(self, e: ir.ListPart) -> Type:
        elem = self.fresh()
        lst = TCon("list", (elem,))
        self.unify_at(e, lst, self.infer(e.target))
        return elem if e.part == "head" else lst

    def i_Intrinsic(self, e: ir.Intrinsic) -> Type:
        args = [self.infer(arg) for arg in e.args]
        name = e.name
        if name in ("is_tuple", "case_named", "is_nil", "check", "in_range"):
            return BOOL
        if name in ("array_length",):
            self.unify_at(e, TCon("array", (self.fresh(),)), args[0])
            return INT
        if name == "check_step":
            self.unify_at(e, INT, args[0])
            return INT
        if name == "acc_new":
            return TCon("array", (self.fresh(),))
        if name == "acc_add":
            self.unify_at(e, TCon("array", (args[1],)), args[0])
            return UNIT
        if name == "acc_add_many":
            elem = self.fresh()
            self.unify_at(e, TCon("array", (elem,)), args[0])
            self.unify_at(e, self.flexible_sequence(elem), args[1], flexible=True)
            return UNIT
        if name == "acc_done":
            elem = self.fresh()
            self.unify_at(e, TCon("array", (elem,)), args[0])
            kind = e.args[1].value if isinstance(e.args[1], ir.Const) else "list"
            return TCon(kind if kind in ("array", "seq") else "list", (elem,))
        if name == "to_list":
            elem = self.fresh()
            self.unify_at(e, self.flexible_sequence(elem), args[0], flexible=True)
            return TCon("list", (elem,))
        if name == "array_update":
            elem = self.fresh()
            self.unify_at(e, TCon("array", (elem,)), args[0])
            self.unify_at(e, INT, args[1])
            self.unify_at(e, elem, args[2])
            return args[0]
        return DYN

    # ------------------------------------------------------------------ patterns

    def pattern(self, p: ir.Pat, t: Type) -> None:
        try:
            self.pattern_of(p, t)
        except TypeMismatch:
            raise
        except TypeClash as exc:
            raise self.error_at(p, str(exc)) from None

    def pattern_of(self, p: ir.Pat, t: Type) -> None:
        p.ty = t
        if isinstance(p, ir.PAny):
            return
        if isinstance(p, ir.PBind):
            if p.var.ty is not None:  # bound on both sides of an or-pattern
                self.unify_at(p, p.var.ty, t)
            else:
                p.var.ty = t
            if p.inner is not None:
                self.pattern(p.inner, t)
            return
        if isinstance(p, ir.PConst):
            self.unify_at(p, t, _const_type(p.value))
            return
        if isinstance(p, ir.PTuple):
            items = tuple(self.fresh() for _ in p.items)
            self.unify_at(p, t, TTuple(items))
            for sub, it in zip(p.items, items, strict=True):
                self.pattern(sub, it)
            return
        if isinstance(p, ir.PNil):
            self.unify_at(p, t, TCon("list", (self.fresh(),)))
            return
        if isinstance(p, ir.PCons):
            elem = self.fresh()
            self.unify_at(p, t, TCon("list", (elem,)))
            self.pattern(p.head, elem)
            self.pattern(p.tail, t)
            return
        if isinstance(p, ir.PArray):
            elem = self.fresh()
            self.unify_at(p, t, TCon("array", (elem,)))
            for sub in p.items:
                self.pattern(sub, elem)
            return
        if isinstance(p, ir.PRecord):
            pt = prune(t)
            fields: dict[str, Type] | None = None
            if isinstance(pt, TVar) and p.fields:
                decl = self.record_with(p.fields[0][0])
                if decl is not None:
                    con = self.record_instance(decl)
                    self.unify_at(p, pt, con)
                    pt = con
            if isinstance(pt, TCon):
                fields = self.record_fields(pt)
            elif isinstance(pt, TRec):
                fields = pt.fields
            for name, sub in p.fields:
                if fields is not None and name in fields:
                    self.pattern(sub, fields[name])
                elif fields is not None and pt is not DYN:
                    raise TypeClash(f"the record has no field '{name}'")
                else:
                    self.pattern(sub, DYN)
            return
        if isinstance(p, ir.PCtor):
            case = self.case_for(p.tag)
            if case is None:
                self.undeclared_case(p, p.tag)
                self.unify_at(p, t, DYN)
                for sub in p.args:
                    self.pattern(sub, DYN)
                return
            field_types, result = self.case_type(case)
            self.unify_at(p, t, result)
            for sub, ft in zip(p.args, field_types, strict=False):
                self.pattern(sub, ft)
            return
        if isinstance(p, ir.POr):
            self.pattern(p.left, t)
            self.pattern(p.right, t)
            return
        if isinstance(p, ir.PTyped):
            self.unify_at(p, t, self.from_ref(p.type, {}))
            self.pattern(p.pat, t)
            return
        raise TypeClash(f"unsupported pattern {type(p).__name__}")  # pragma: no cover

    # ------------------------------------------------------------------ operands

    def finish(self, ok: bool) -> None:
        """Record, for each primitive operation, what its operands are."""
        for prim in self.prims:
            if prim.op == "call":  # an operator member's call (see operator_call)
                continue
            if not ok:
                prim.operand = "dynamic"
                continue
            t = prune(prim.args[0].ty) if prim.args[0].ty is not None else DYN
            if isinstance(t, TCon):
                if t is DYN or t.name == "dyn":
                    prim.operand = "dynamic"
                elif t.name in ("int", "float", "string", "char", "bool", "unit"):
                    prim.operand = t.name
                else:
                    prim.operand = "structural"
            elif isinstance(t, TVar):
                prim.operand = "structural"
            else:
                prim.operand = "structural"
            if prim.op in ("+", "-", "*", "/", "%", "neg") and prim.operand == "structural":
                prim.operand = "dynamic"
            if prim.op in ("+", "-", "*", "/", "%", "neg", "=", "<>", "<", ">", "<=", ">=") and (
                len(prim.args) > 1 and prim.args[1].ty is not None and prune(prim.args[1].ty) is DYN
            ):
                prim.operand = "dynamic"


def _operator_shape(function: Type, operands: list[Type], result: Type) -> Type:
    """The type an operator member must have to take *operands*: ``a * b -> r`` when it is
    written with a tuple of parameters (as F# operators usually are), else ``a -> b -> r``."""
    shape = prune(function)
    if len(operands) == 2 and isinstance(shape, TFun) and isinstance(prune(shape.arg), TTuple):
        return TFun(TTuple(tuple(operands)), result)
    expected = result
    for operand in reversed(operands):
        expected = TFun(operand, expected)
    return expected


def _result_expr(e: ir.Expr) -> ir.Expr:
    """The expression that gives *e*'s value: the last of a sequence or ``let`` chain."""
    while True:
        if isinstance(e, ir.Let | ir.LetRec):
            e = e.body
        elif isinstance(e, ir.Seq) and e.items:
            e = e.items[-1]
        else:
            return e


def _name_of(t: Type) -> str | None:
    """The name of type constructor *t* (``int``), or ``None`` for another kind of type."""
    t = prune(t)
    return t.name if isinstance(t, TCon) else None


def _callee_name(func: ir.Expr) -> str | None:
    """The name of the function an application calls, when it is a name."""
    if isinstance(func, ir.Ref):
        return func.var.name
    if isinstance(func, ir.BuiltinRef):
        return str(func.builtin.name)
    return None


def conversion_hint(expected: Type, actual: Type) -> str:
    """How to turn a value of type *actual* into the *expected* one, when F# has a way."""
    want, have = prune(expected), prune(actual)
    if not (isinstance(want, TCon) and isinstance(have, TCon)):
        if isinstance(want, TCon) and isinstance(have, TFun):
            return "the function is missing arguments: apply it to all of them"
        return ""
    if want.name == "float" and have.name == "int":
        return (
            "F# never converts implicitly: write a float literal (1.0), or convert with 'float x'"
        )
    if want.name == "int" and have.name in ("float", "char"):
        return "convert with 'int x'"
    if want.name == "int" and have.name == "string":
        return "to read a number from a string, convert with 'int s'"
    if want.name == "string" and have.name in ("int", "float", "bool", "char"):
        return "convert with 'string x', or format with sprintf"
    if want.name == "char" and have.name == "string":
        return "a char literal uses single quotes: 'a'"
    if have.name == "option" and have.args and want.name != "option":
        return "the value is an option: match on Some/None, or use Option.defaultValue"
    if want.name == "option" and want.args and have.name != "option":
        return "wrap the value in Some"
    collections = ("list", "array", "seq")
    if want.name in ("list", "array") and have.name in collections and want.name != have.name:
        return f"convert with '{want.name.capitalize()}.of{have.name.capitalize()}'"
    return ""


def _const_type(value: object) -> Type:
    if value is None:
        return UNIT
    kind = type(value)
    if kind is bool:
        return BOOL
    if kind is int:
        return INT
    if kind is float:
        return FLOAT
    if kind is Decimal:
        return DECIMAL
    if kind is Char:
        return CHAR
    return STRING


def _is_value(e: ir.Expr) -> bool:
    """The value restriction: only syntactic values are generalised."""
    stack = [e]
    while stack:
        current = stack.pop()
        if isinstance(current, ir.Lam | ir.Const | ir.BuiltinRef | ir.Ref):
            continue
        if isinstance(current, ir.Ctor):
            stack.extend(current.args)
        elif isinstance(current, ir.Tuple | ir.List):
            stack.extend(current.items)
        elif isinstance(current, ir.Annot):
            stack.append(current.expr)
        elif isinstance(current, ir.Record) and _immutable_record(current):
            stack.extend(value for _, value in current.fields)
        else:
            return False
    return True


def _immutable_record(e: ir.Record) -> bool:
    """Is *e* a literal of a declared record without mutable fields (``{ Items = [] }`` is a
    value, as in F#; a ``ref`` cell, whose field is mutable, is not)?"""
    decl = e.record_type
    return isinstance(decl, RecordDecl) and not any(mutable for _, _, mutable in decl.fields)


def _instance_member(target: TCon, name: str) -> ir.Var | None:
    """The global function of instance member *name* of a declared record or union."""
    members: dict[str, ir.Var] | None = getattr(target.decl, "members", None)
    return members.get(name) if members else None


def _member_type(target: TCon, name: str) -> Type | None:
    """Properties of built-in types: ``s.Length``, ``xs.Head``, ``opt.Value`` ..."""
    kind = target.name
    if kind == "string" and name == "Length":
        return INT
    if kind in ("list", "array") and name in ("Length", "Count"):
        return INT
    if kind == "list":
        if name == "Head":
            return target.args[0]
        if name == "Tail":
            return target
        if name == "IsEmpty":
            return BOOL
    if kind in ("map", "set") and name == "Count":
        return INT
    if kind == "map" and name == "IsEmpty":
        return BOOL
    if kind == "option":
        if name == "Value":
            return target.args[0]
        if name in ("IsSome", "IsNone"):
            return BOOL
    if kind == "exn" and name == "Message":
        return STRING
    if kind == "ref" and name in ("contents", "Value"):
        return target.args[0]
    return None


def _string_method(name: str, args: list[Type]) -> Type:
    def expect(*types: Type) -> None:
        for a, t in zip(args, types, strict=False):
            if prune(a) is not DYN:
                unify(t, a)

    if name == "Substring":
        expect(INT, INT)
        return STRING
    if name == "Split":
        return TCon("array", (STRING,))
    if name == "Replace":
        return STRING
    if name in ("StartsWith", "EndsWith", "Contains", "Equals"):
        return BOOL
    if name in ("IndexOf", "LastIndexOf", "CompareTo", "GetHashCode"):
        return INT
    if name == "IndexOfAny":
        expect(TCon("array", (CHAR,)))
        return INT
    if name == "Chars":
        expect(INT)
        return CHAR
    if name == "Insert":
        expect(INT, STRING)
        return STRING
    if name == "Remove":
        expect(INT, INT)
        return STRING
    if name in (
        "Trim", "TrimStart", "TrimEnd", "ToUpper", "ToLower", "PadLeft", "PadRight",
        "ToUpperInvariant", "ToLowerInvariant",
    ):  # fmt: skip
        return STRING
    if name == "ToCharArray":
        return TCon("array", (CHAR,))
    raise TypeClash(f"string has no method '{name}'")


def infer_unit(unit: ir.Unit) -> InferenceResult:
    """Infer types for *unit* in place; see :class:`InferenceResult`.

    Raises :class:`CompileError` for an assignment to a record field that the record's type
    does not declare ``mutable``, and for a type that grows too large (past
    :data:`~fusabi_host.lang.types.MAX_TYPE_SIZE` nodes): such a unit must be rejected, not
    compiled untyped.  Raises :class:`~fusabi_host.errors.LimitExceeded` when the current run's
    deadline passes."""
    inferer = Inferer(unit)
    with recursion_room():
        result = inferer.run()
    inferer.finish(result.ok)
    if result.ok:
        _check_mutable_fields(unit, inferer.set_fields)
    return result


def _check_mutable_fields(unit: ir.Unit, set_fields: list[ir.SetField]) -> None:
    errors: list[Diagnostic] = []
    lines = unit.source.splitlines()
    for e in set_fields:
        t = prune(e.target.ty) if e.target.ty is not None else None
        if isinstance(t, TCon) and isinstance(t.decl, RecordDecl):
            mutable = any(name == e.name and m for name, _, m in t.decl.fields)
        else:
            continue
        if not mutable:
            text = lines[e.line - 1] if 0 < e.line <= len(lines) else ""
            errors.append(
                Diagnostic(
                    unit.filename,
                    e.line,
                    1,
                    f"field '{e.name}' is not mutable; declare it 'mutable {e.name}' "
                    "in its record type",
                    text,
                )
            )
    if errors:
        raise CompileError(errors)


def _lambda_arity(lam: ir.Lam) -> int:
    """How many arguments lambda *lam* takes before its body is not a lambda
    (``fun k -> fun v -> ...`` takes two, as ``fun k v -> ...`` does)."""
    count = 0
    current: ir.Expr = lam
    while isinstance(current, ir.Lam) and count < 100:
        count += len(current.params)
        current = current.body
    return count


def _arrows(t: Type) -> int:
    """How many arguments a function of type *t* takes one after the other (0: not a
    function)."""
    count = 0
    current = prune(t)
    while isinstance(current, TFun) and count < 100:
        count += 1
        current = prune(current.res)
    return count
