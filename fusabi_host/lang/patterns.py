"""Patterns decomposed once into tests and bindings, for every back end.

:func:`decompose` walks an :mod:`~fusabi_host.lang.ir` pattern and returns a
:class:`Decomposition`: the *steps* of matching, in the order of a left-to-right walk of
the pattern, each either a :class:`Test` (a check on the part of the subject an access
:class:`Path` leads to) or a :class:`Binding` (a variable bound to such a part).  The tests
must run in order (a later test may read a part that only exists when the earlier ones
passed); the bindings are read once every test has passed.

A back end renders paths and test kinds its own way: :mod:`~fusabi_host.lang.codegen` as
Python expressions, :mod:`~fusabi_host.lang.fzb.emit` as bytecode.  Some tests only check a
shape that the type checker already guarantees (:class:`IsTuple`, :class:`HasFields`, the
unit constant); a back end trusting the types skips them.

An or-pattern becomes one :class:`Alternatives` test whose options are the decompositions
of its two sides (with absolute paths, from the same subject); the variables an option binds
are that option's bindings, not the enclosing pattern's.  An ``as`` pattern binds the whole
part and then matches its inner pattern at the same path.  Nothing here depends on a back
end: this module is pure.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TypeAlias

from fusabi_host.lang import ir
from fusabi_host.lang.values import Char, Tag

__all__ = [
    "Alternatives",
    "ArrayItem",
    "Binding",
    "CaseField",
    "Decomposition",
    "EqConst",
    "Field",
    "HasFields",
    "IsArray",
    "IsCons",
    "IsNil",
    "IsTag",
    "IsTuple",
    "ListHead",
    "ListTail",
    "Path",
    "Step",
    "Test",
    "TestKind",
    "TupleItem",
    "constant_kind",
    "decompose",
]

# ---------------------------------------------------------------------------- access paths


@dataclass(frozen=True, slots=True)
class TupleItem:
    """Item *index* of a tuple."""

    index: int


@dataclass(frozen=True, slots=True)
class ListHead:
    """The head of a non-empty list."""


@dataclass(frozen=True, slots=True)
class ListTail:
    """The tail of a non-empty list."""


@dataclass(frozen=True, slots=True)
class ArrayItem:
    """Element *index* of an array."""

    index: int


@dataclass(frozen=True, slots=True)
class Field:
    """Field *name* of a record."""

    name: str


@dataclass(frozen=True, slots=True)
class CaseField:
    """Argument *index* (from 0) of a union case (or exception) value."""

    index: int


Step: TypeAlias = TupleItem | ListHead | ListTail | ArrayItem | Field | CaseField


@dataclass(frozen=True, slots=True)
class Path:
    """The steps from the match subject to one of its parts (no steps: the subject)."""

    steps: tuple[Step, ...] = ()

    def child(self, step: Step) -> Path:
        return Path((*self.steps, step))

    @property
    def parent(self) -> Path:
        return Path(self.steps[:-1])

    @property
    def last(self) -> Step | None:
        return self.steps[-1] if self.steps else None


# ---------------------------------------------------------------------------- tests


@dataclass(frozen=True, slots=True)
class IsTuple:
    """A tuple of *arity* items (a shape check: the types guarantee it)."""

    arity: int


@dataclass(frozen=True, slots=True)
class IsNil:
    """The empty list."""


@dataclass(frozen=True, slots=True)
class IsCons:
    """A non-empty list."""


@dataclass(frozen=True, slots=True)
class IsArray:
    """An array of exactly *length* elements."""

    length: int


@dataclass(frozen=True, slots=True)
class HasFields:
    """A record with (at least) these fields (a shape check: the types guarantee it)."""

    names: tuple[str, ...]


@dataclass(frozen=True, slots=True, eq=False)
class IsTag:
    """A union case (or exception) value of case *tag*."""

    tag: Tag


@dataclass(frozen=True, slots=True, eq=False)
class EqConst:
    """Equal to the constant *value* (the pattern's own object); *kind* is its operand type:
    ``"unit"`` (a shape check: the types guarantee it), ``"bool"``, ``"char"``, ``"int"``,
    ``"float"`` or ``"string"``."""

    value: object
    kind: str


@dataclass(frozen=True, slots=True)
class Alternatives:
    """An or-pattern: one of the *options* matches (tried left to right)."""

    options: tuple[Decomposition, ...]


TestKind: TypeAlias = (
    IsTuple | IsNil | IsCons | IsArray | HasFields | IsTag | EqConst | Alternatives
)


@dataclass(frozen=True, slots=True)
class Test:
    """The part of the subject at *path* must pass *kind*."""

    path: Path
    kind: TestKind


@dataclass(frozen=True, slots=True)
class Binding:
    """Variable *var* is bound to the part of the subject at *path*."""

    var: ir.Var
    path: Path


@dataclass(frozen=True, slots=True)
class Decomposition:
    """A pattern's tests and bindings, interleaved in the order of the pattern's walk."""

    steps: tuple[Test | Binding, ...]

    @property
    def tests(self) -> list[Test]:
        return [s for s in self.steps if isinstance(s, Test)]

    @property
    def bindings(self) -> list[Binding]:
        return [s for s in self.steps if isinstance(s, Binding)]


def constant_kind(value: object) -> str:
    """The operand type of a constant pattern's value."""
    if value is None:
        return "unit"
    if type(value) is bool:
        return "bool"
    if type(value) is Char:
        return "char"
    if type(value) is int:
        return "int"
    if type(value) is float:
        return "float"
    if type(value) is Decimal:
        return "decimal"
    if type(value) is str:
        return "string"
    raise ValueError(f"not a pattern constant: {type(value).__name__}")


def decompose(pat: ir.Pat, path: Path = Path()) -> Decomposition:
    """The tests and bindings matching *pat* against the subject's part at *path* needs."""
    steps: list[Test | Binding] = []
    _walk(pat, path, steps)
    return Decomposition(tuple(steps))


def _walk(pat: ir.Pat, path: Path, out: list[Test | Binding]) -> None:
    if isinstance(pat, ir.PAny):
        return
    if isinstance(pat, ir.PBind):
        out.append(Binding(pat.var, path))
        if pat.inner is not None:
            _walk(pat.inner, path, out)
        return
    if isinstance(pat, ir.PTyped):
        _walk(pat.pat, path, out)
        return
    if isinstance(pat, ir.PConst):
        out.append(Test(path, EqConst(pat.value, constant_kind(pat.value))))
        return
    if isinstance(pat, ir.PTuple):
        out.append(Test(path, IsTuple(len(pat.items))))
        for index, item in enumerate(pat.items):
            _walk(item, path.child(TupleItem(index)), out)
        return
    if isinstance(pat, ir.PNil):
        out.append(Test(path, IsNil()))
        return
    if isinstance(pat, ir.PCons):
        out.append(Test(path, IsCons()))
        _walk(pat.head, path.child(ListHead()), out)
        _walk(pat.tail, path.child(ListTail()), out)
        return
    if isinstance(pat, ir.PArray):
        out.append(Test(path, IsArray(len(pat.items))))
        for index, item in enumerate(pat.items):
            _walk(item, path.child(ArrayItem(index)), out)
        return
    if isinstance(pat, ir.PRecord):
        out.append(Test(path, HasFields(tuple(name for name, _ in pat.fields))))
        for name, item in pat.fields:
            _walk(item, path.child(Field(name)), out)
        return
    if isinstance(pat, ir.PCtor):
        out.append(Test(path, IsTag(pat.tag)))
        for index, item in enumerate(pat.args):
            _walk(item, path.child(CaseField(index)), out)
        return
    if isinstance(pat, ir.POr):
        options = (decompose(pat.left, path), decompose(pat.right, path))
        out.append(Test(path, Alternatives(options)))
        return
    raise ValueError(f"unexpected pattern {type(pat).__name__}")
