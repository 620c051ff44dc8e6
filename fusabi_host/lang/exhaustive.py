"""Match exhaustiveness: find a value that no arm of a ``match`` covers.

F# warns about an incomplete match at compile time (FS0025, "Incomplete pattern matches on
this expression. For example, the value 'None' may indicate a case not covered by the
pattern(s)") instead of leaving the plugin author to find the ``MatchFailureException`` at
run time.  :func:`missing_case` gives the same kind of example for the core IR patterns of
:mod:`fusabi_host.lang.ir`, after type inference has set ``ty`` on them.

The check is the usefulness algorithm of Maranget's "Warnings for pattern matching" (2007):
a pattern matrix (one row per unguarded arm, one column per sub-value still to examine) is
searched for a vector of values no row matches.  Column by column, when the constructors in
the column form a complete signature (every case of a union, both ``true`` and ``false``,
``[]`` and ``_ :: _``, the one constructor of a tuple or record) each constructor is tried in
turn on the matrix specialised to it; otherwise only the rows with a wildcard there matter,
and any constructor they do not list makes the example.

What counts as covering:

* an arm with a guard covers nothing (the guard may be false);
* wildcards and variables cover everything, ``p as x`` and ``(p: T)`` what ``p`` covers,
  ``p | q`` what either side covers;
* ``()`` is always covered; int, float, string and char constants never cover their whole
  type, and arrays are covered by a wildcard only (every length is a different case).

Matches are written by untrusted plugin authors, and the search is exponential in the worst
case, so every piece of work is counted: past :data:`BUDGET` steps the check gives up and
reports nothing.  The search and the formatting of the example are iterative, so a deeply
nested pattern (up to the parser's nesting bound) cannot overflow the Python stack.  The
check also gives up when it cannot know every case of a type: constructors not declared by a
union type (ad-hoc ``Circle(1, 2)`` tags), exceptions, and columns that mix kinds of
patterns (which type inference would have rejected).
"""

from __future__ import annotations

import itertools
import string
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Final, TypeVar

from fusabi_host.lang import ir
from fusabi_host.lang.guard import spend
from fusabi_host.lang.types import TCon, TTuple, Type, prune
from fusabi_host.lang.values import Char, Tag

__all__ = ["BUDGET", "UNIT_BUDGET", "incomplete_matches", "missing_case"]

BUDGET: Final = 20_000
"""The most steps (matrix rows built, search nodes visited, candidates tried) one check may
take before it gives up."""


class _GiveUp(Exception):
    """The check stops without an answer: over budget, or a type whose cases are unknown."""


class _Budget:
    """Counts the steps of one check."""

    __slots__ = ("left",)

    def __init__(self, steps: int) -> None:
        self.left = steps

    def spend(self, steps: int = 1) -> None:
        """Take *steps* from the budget; raise :exc:`_GiveUp` when it runs out."""
        self.left -= steps
        if self.left < 0:
            raise _GiveUp()


@dataclass(frozen=True, slots=True)
class _Head:
    """A constructor of a column: ``kind`` is ``tuple``, ``record``, ``nil``, ``cons``,
    ``ctor``, ``const`` or ``array``; ``arity`` is how many sub-values it has; ``key`` tells
    constructors of one kind apart (the union tag, the ``(kind, value)`` of a constant, the
    field names of a record, the length of an array or tuple)."""

    kind: str
    arity: int
    key: object = None


@dataclass(frozen=True, slots=True)
class _Wit:
    """A part of the example value: a constructor applied to sub-examples, or (``head`` is
    ``None``) any value at all."""

    head: _Head | None
    args: tuple[_Wit, ...] = ()


_WIDE: Final = 64
"""Building a matrix row costs one more step per this many columns it has."""

_T = TypeVar("_T")

_ANY: Final = _Wit(None)
_WILD: Final = ir.PAny(0)
"""The one wildcard of the matrix: every pattern that covers everything becomes this."""

_NIL: Final = _Head("nil", 0)
_CONS: Final = _Head("cons", 2)

Row = tuple[ir.Pat, ...]
Link = tuple["_Head | _Wit", "Link"] | None
"""How a search node's example becomes its parent's: a head to wrap the first ``arity``
values in, or an example value to put in front; linked towards the root."""

Entry = tuple["_Head | None", Row, Row]
"""One alternative of one row, seen from the first column: its head (``None`` for a
wildcard), the sub-patterns under it and the rest of the row."""


UNIT_BUDGET: Final = 1_000_000
"""The most steps the checks of all the matches of one unit may take together (then the rest
are not checked); the work is also charged to the current run's guard."""


def incomplete_matches(unit: ir.Unit) -> Iterator[tuple[ir.Match, str]]:
    """Each ``match`` (and ``function``) of the typed *unit* that some value escapes, with
    an example of that value; within :data:`UNIT_BUDGET` steps in all."""
    left = UNIT_BUDGET
    roots: list[ir.Expr] = []
    for item in unit.items:
        if isinstance(item, ir.TopExpr):
            roots.append(item.expr)
        else:
            roots.append(item.value)
            roots.extend(lam for _, lam in item.rec_group or ())
    for root in roots:
        for node in ir.walk(root):
            if not isinstance(node, ir.Match) or node.what != "match" or not node.arms:
                continue
            budget = _Budget(min(BUDGET, left))
            found = _missing(node.arms, node.subject.ty, budget)
            used = min(BUDGET, left) - max(budget.left, 0)
            left -= used
            spend(used + 1)
            if found is not None:
                yield node, found
            if left <= 0:
                return


def missing_case(arms: Sequence[ir.Arm], subject: Type | None) -> str | None:
    """An example of a value no arm matches, written as F# writes patterns
    ("Circle _", "Some _", "None", "[]", "_ :: _", "(false, _)", "Error _", "0", "\\"\\""),
    or None when the arms are exhaustive (or when the check gives up)."""
    return _missing(arms, subject, _Budget(BUDGET))


def _missing(arms: Sequence[ir.Arm], subject: Type | None, budget: _Budget) -> str | None:
    rows: list[Row] = [(arm.pat,) for arm in arms if arm.guard is None]
    try:
        found = _search(rows, (subject,), budget)
    except _GiveUp:
        return None
    if found is None:
        return None
    return _format(found[0])


# --------------------------------------------------------------------------- the search


def _search(rows: list[Row], types: tuple[Type | None, ...], budget: _Budget) -> list[_Wit] | None:
    """A vector of values (one per column) no row of the matrix matches, or ``None``.

    A depth-first search over specialised matrices with an explicit stack; each node carries
    the :data:`Link` chain that rebuilds the root's example from its own."""
    stack: list[tuple[list[Row], tuple[Type | None, ...], Link]] = [(rows, types, None)]
    while stack:
        rows, types, chain = stack.pop()
        budget.spend()
        if not rows:
            return _rebuild(chain, [_ANY] * len(types))
        if not types:
            continue  # a row matched everything: nothing is missing here
        entries, unions = _entries(rows, types[0], budget)
        heads = [head for head, _, _ in entries if head is not None]
        rest_types = types[1:]
        if not heads:
            stack.append((_default(entries, budget), rest_types, (_ANY, chain)))
            continue
        signature, missing = _signature(heads, unions, _pruned(types[0]), budget)
        if missing is not None:
            stack.append((_default(entries, budget), rest_types, (missing, chain)))
            continue
        column_type = _pruned(types[0])
        for head in reversed(signature):
            child = _specialize(entries, head, budget)
            child_types = _sub_types(head, column_type) + rest_types
            stack.append((child, child_types, (head, chain)))
    return None


def _pruned(t: Type | None) -> Type | None:
    """*t* with its bound type variables followed (``None`` stays ``None``)."""
    return None if t is None else prune(t)


def _rebuild(chain: Link, values: list[_Wit]) -> list[_Wit]:
    """Apply the links of *chain*, innermost first, to a leaf's example *values*."""
    while chain is not None:
        step, chain = chain
        if isinstance(step, _Head):
            values = [_Wit(step, tuple(values[: step.arity])), *values[step.arity :]]
        else:
            values = [step, *values]
    return values


def _alternatives(pat: ir.Pat, budget: _Budget) -> list[ir.Pat]:
    """The patterns *pat* stands for: bindings and annotations stripped, or-patterns split
    (left side first), anything that covers every value made :data:`_WILD`."""
    out: list[ir.Pat] = []
    stack = [pat]
    while stack:
        current = stack.pop()
        budget.spend()
        if isinstance(current, ir.PBind):
            stack.append(_WILD if current.inner is None else current.inner)
        elif isinstance(current, ir.PTyped):
            stack.append(current.pat)
        elif isinstance(current, ir.POr):
            stack.append(current.right)
            stack.append(current.left)
        elif isinstance(current, ir.PAny):
            out.append(_WILD)
        else:
            out.append(current)
    return out


def _entries(
    rows: list[Row], column_type: Type | None, budget: _Budget
) -> tuple[list[Entry], list[object]]:
    """Every alternative of every row, split into head, sub-patterns and rest of the row;
    with the unions the column's constructor patterns name (their ``union``, or their
    inferred type's declaration)."""
    split: list[tuple[ir.Pat, Row]] = []
    for row in rows:
        split.extend((alt, row[1:]) for alt in _alternatives(row[0], budget))
    fields = _record_fields([p for p, _ in split], _pruned(column_type))
    out: list[Entry] = []
    unions: list[object] = []
    for pat, rest in split:
        head, subs = _head_of(pat, fields)
        out.append((head, subs, rest))
        if isinstance(pat, ir.PCtor):
            _note_union(unions, pat.union)
            t = _pruned(pat.ty)
            if isinstance(t, TCon):
                _note_union(unions, t.decl)
    return out, unions


def _note_union(unions: list[object], union: object) -> None:
    """Add *union* to *unions* if it is a declared union not listed yet."""
    if isinstance(union, ir.UnionDecl) and not any(u is union for u in unions):
        unions.append(union)


def _head_of(pat: ir.Pat, fields: tuple[str, ...]) -> tuple[_Head | None, Row]:
    """The constructor at the top of *pat* and the sub-patterns under it."""
    if pat is _WILD:
        return None, ()
    if isinstance(pat, ir.PTuple):
        return _Head("tuple", len(pat.items), len(pat.items)), tuple(pat.items)
    if isinstance(pat, ir.PNil):
        return _NIL, ()
    if isinstance(pat, ir.PCons):
        return _CONS, (pat.head, pat.tail)
    if isinstance(pat, ir.PArray):
        return _Head("array", len(pat.items), len(pat.items)), tuple(pat.items)
    if isinstance(pat, ir.PCtor):
        return _ctor_head(pat)
    if isinstance(pat, ir.PConst):
        return _Head("const", 0, _const_key(pat.value)), ()
    if isinstance(pat, ir.PRecord):
        given = dict(pat.fields)
        return _Head("record", len(fields), fields), tuple(given.get(f, _WILD) for f in fields)
    raise _GiveUp()  # a pattern this check does not know


def _ctor_head(pat: ir.PCtor) -> tuple[_Head, Row]:
    """The head of a union case pattern; missing arguments count as wildcards."""
    arity = max(pat.tag.arity, len(pat.args))
    subs = tuple(pat.args) + (_WILD,) * (arity - len(pat.args))
    return _Head("ctor", arity, pat.tag), subs


def _const_key(value: object) -> tuple[str, object]:
    """What kind of constant *value* is, with the value: ``("int", 3)``, ``("char", "a")``."""
    if value is None:
        return ("unit", None)
    if isinstance(value, bool):
        return ("bool", value)
    if isinstance(value, int):
        return ("int", value)
    if isinstance(value, float):
        return ("float", value)
    if isinstance(value, Decimal):
        return ("decimal", value)
    if isinstance(value, Char):
        return ("char", str(value))
    if isinstance(value, str):
        return ("string", value)
    raise _GiveUp()


def _record_fields(pats: list[ir.Pat], column_type: Type | None) -> tuple[str, ...]:
    """The fields a record column examines: every field of the declared record (in
    declaration order), else every field some pattern names (in the order first named)."""
    records = [p for p in pats if isinstance(p, ir.PRecord)]
    if not records:
        return ()
    for t in (column_type, *(_pruned(p.ty) for p in records)):
        if isinstance(t, TCon) and isinstance(t.decl, ir.RecordDecl):
            declared = tuple(name for name, _, _ in t.decl.fields)
            if all(name in declared for p in records for name, _ in p.fields):
                return declared
    named: dict[str, None] = {}
    for p in records:
        for name, _ in p.fields:
            named.setdefault(name, None)
    return tuple(named)


def _default(entries: list[Entry], budget: _Budget) -> list[Row]:
    """The rows with a wildcard in the first column, without that column."""
    out: list[Row] = []
    for head, _, rest in entries:
        budget.spend(1 + len(rest) // _WIDE)
        if head is None:
            out.append(rest)
    return out


def _specialize(entries: list[Entry], head: _Head, budget: _Budget) -> list[Row]:
    """The rows that match constructor *head* in the first column, with its sub-patterns in
    place of that column (a wildcard stands for ``arity`` wildcards)."""
    out: list[Row] = []
    filler = (_WILD,) * head.arity
    for own, subs, rest in entries:
        budget.spend(1 + (len(subs) + len(rest)) // _WIDE)
        if own is None:
            out.append(filler + rest)
        elif own == head:
            out.append(subs + rest)
    return out


def _sub_types(head: _Head, column_type: Type | None) -> tuple[Type | None, ...]:
    """The types of the columns that specialising by *head* brings in, where the column's
    type says (the patterns' own types tell the rest)."""
    if (
        head.kind == "tuple"
        and isinstance(column_type, TTuple)
        and len(column_type.items) == head.arity
    ):
        return tuple(column_type.items)
    if head.kind == "cons" and isinstance(column_type, TCon) and column_type.args:
        return (column_type.args[0], column_type)
    return (None,) * head.arity


# --------------------------------------------------------------------------- signatures


def _signature(
    heads: list[_Head], unions: list[object], column_type: Type | None, budget: _Budget
) -> tuple[list[_Head], _Wit | None]:
    """The constructors to try for a column whose patterns have *heads*: all of them when
    they form a complete signature (``missing`` is ``None``), else an example value of a
    constructor none of them is (and the list does not matter)."""
    kinds = {_family(head) for head in heads}
    if len(kinds) != 1:
        raise _GiveUp()  # mixed kinds of pattern: inference would have rejected the match
    family = kinds.pop()
    first = heads[0]
    if family in ("tuple", "record"):
        if any(head != first for head in heads):
            raise _GiveUp()
        return [first], None
    if family == "list":
        present = set(heads)
        if _NIL not in present:
            return [], _Wit(_NIL)
        if _CONS not in present:
            return [], _Wit(_CONS, (_ANY, _ANY))
        return [_NIL, _CONS], None
    if family == "ctor":
        return _union_signature(heads, unions, column_type)
    if family == "array":
        lengths: set[object] = {head.arity for head in heads}
        size = _first_absent(itertools.count(), lengths, budget)
        return [], _Wit(_Head("array", size, size), (_ANY,) * size)
    return _const_signature(family, heads, budget)


def _family(head: _Head) -> str:
    """Which heads can share a column: ``list`` for ``[]`` and ``::``, ``const:int`` for int
    constants, else the head's kind."""
    if head.kind in ("nil", "cons"):
        return "list"
    if head.kind == "const":
        assert isinstance(head.key, tuple)
        return f"const:{head.key[0]}"
    return head.kind


def _union_signature(
    heads: list[_Head], unions: list[object], column_type: Type | None
) -> tuple[list[_Head], _Wit | None]:
    """Every case of the union the heads belong to, in declaration order, or an example of
    the first case no head is."""
    tags = [head.key for head in heads]
    union = _union_of(tags, column_type, [*unions, *_declared_unions(heads)])
    present = {id(tag) for tag in tags}
    signature: list[_Head] = []
    for case in union.cases:
        arity = max(case.tag.arity, len(case.fields))
        head = next((h for h in heads if h.key is case.tag), _Head("ctor", arity, case.tag))
        if id(case.tag) not in present:
            return [], _Wit(head, (_ANY,) * head.arity)
        signature.append(head)
    return signature, None


def _union_of(tags: list[object], column_type: Type | None, known: list[object]) -> ir.UnionDecl:
    """The declared union all *tags* are cases of: from the column's type, else one of the
    *known* unions; gives up for undeclared constructors and exceptions (an open set of
    cases)."""
    candidates: list[object] = []
    if isinstance(column_type, TCon):
        candidates.append(column_type.decl)
    candidates.extend(known)
    for union in candidates:
        if not isinstance(union, ir.UnionDecl) or union.name == "exn":
            continue
        cases = {id(case.tag) for case in union.cases}
        if all(id(tag) in cases for tag in tags):
            return union
    raise _GiveUp()


_UNIONS: dict[int, ir.UnionDecl] = {
    id(case.tag): union for union in (ir.OPTION_UNION, ir.RESULT_UNION) for case in union.cases
}


def _declared_unions(heads: list[_Head]) -> Iterator[object]:
    """The unions the tags of *heads* are known to belong to: Option and Result."""
    for head in heads:
        union = _UNIONS.get(id(head.key))
        if union is not None:
            yield union


def _const_signature(
    family: str, heads: list[_Head], budget: _Budget
) -> tuple[list[_Head], _Wit | None]:
    """Constants: ``()`` is complete, ``true``/``false`` when both appear; any other kind
    of constant misses a value not listed."""
    kind = family.removeprefix("const:")
    values: set[object] = set()
    for head in heads:
        assert isinstance(head.key, tuple)
        values.add(head.key[1])
    if kind == "unit":
        return [heads[0]], None
    if kind == "bool":
        for truth in (False, True):
            if truth not in values:
                return [], _Wit(_Head("const", 0, ("bool", truth)))
        return [_Head("const", 0, ("bool", False)), _Head("const", 0, ("bool", True))], None
    candidates: Iterator[object]
    if kind == "int":
        candidates = itertools.count()
    elif kind == "float":
        candidates = (float(n) for n in itertools.count())
    elif kind == "char":
        candidates = (chr(code) for code in range(ord("a"), 0x110000))
    else:
        candidates = _strings()
    value = _first_absent(candidates, values, budget)
    return [], _Wit(_Head("const", 0, (kind, value)))


def _strings() -> Iterator[str]:
    """String examples in the order they are tried: ``""``, ``"a"`` ... ``"z"``, ``"a1"`` ..."""
    yield ""
    yield from string.ascii_lowercase
    for n in itertools.count(1):
        yield from (letter + str(n) for letter in string.ascii_lowercase)


def _first_absent(candidates: Iterator[_T], taken: set[object], budget: _Budget) -> _T:
    """The first of *candidates* not in *taken* (charging one step per candidate)."""
    for value in candidates:
        budget.spend()
        if value not in taken:
            return value
    raise _GiveUp()  # pragma: no cover - every candidate list outlasts a finite set


# --------------------------------------------------------------------------- the example


def _format(root: _Wit) -> str:
    """*root* written as an F# pattern, bottom-up with an explicit stack (any depth)."""
    stack: list[tuple[_Wit, bool]] = [(root, False)]
    done: list[str] = []
    while stack:
        wit, ready = stack.pop()
        parts = _parts(wit)
        if not ready:
            stack.append((wit, True))
            stack.extend((part, False) for part in reversed(parts))
            continue
        texts = done[len(done) - len(parts) :] if parts else []
        del done[len(done) - len(parts) :]
        done.append(_compose(wit, parts, texts))
    return done[0]


def _parts(wit: _Wit) -> list[_Wit]:
    """The sub-examples *wit* is written from: its arguments, or for a list the items of the
    whole ``::`` chain and its tail (so a long list is one step, not one level each)."""
    if wit.head is None:
        return []
    if wit.head.kind != "cons":
        return list(wit.args)
    parts: list[_Wit] = []
    current = wit
    while current.head is not None and current.head.kind == "cons":
        parts.append(current.args[0])
        current = current.args[1]
    parts.append(current)
    return parts


def _compose(wit: _Wit, parts: list[_Wit], texts: list[str]) -> str:
    """Write *wit* from its parts, already written as *texts*."""
    head = wit.head
    if head is None:
        return "_"
    kind = head.kind
    if kind == "tuple":
        return "(" + ", ".join(texts) + ")"
    if kind == "cons":
        return _compose_list(parts, texts)
    if kind == "nil":
        return "[]"
    if kind == "array":
        return "[|" + "; ".join(texts) + "|]"
    if kind == "ctor":
        assert isinstance(head.key, Tag)
        if not texts:
            return head.key.name
        if len(texts) == 1:
            return f"{head.key.name} {_atom(parts[0], texts[0])}"
        return f"{head.key.name} ({', '.join(texts)})"
    if kind == "record":
        assert isinstance(head.key, tuple)
        named = [f"{name} = {text}" for name, text in zip(head.key, texts, strict=True)]
        shown = [item for item, part in zip(named, parts, strict=True) if part.head is not None]
        return "{ " + "; ".join(shown) + " }" if shown else "_"
    assert isinstance(head.key, tuple)
    return _show_const(head.key[0], head.key[1])


def _compose_list(parts: list[_Wit], texts: list[str]) -> str:
    """A list: ``[a; b]`` when it ends in ``[]``, else ``a :: b :: tail``."""
    tail = parts[-1]
    items = texts[:-1]
    if tail.head is not None and tail.head.kind == "nil":
        return "[" + "; ".join(items) + "]"
    heads = [_atom(part, text) for part, text in zip(parts[:-1], items, strict=True)]
    return " :: ".join([*heads, texts[-1]])


def _atom(wit: _Wit, text: str) -> str:
    """*text* parenthesised when *wit* is a constructor application or an open list."""
    head = wit.head
    if head is None:
        return text
    if head.kind == "ctor" and head.arity > 0:
        return f"({text})"
    if head.kind == "cons" and not text.startswith("["):
        return f"({text})"
    return text


def _show_const(kind: object, value: object) -> str:
    """A constant as F# writes it."""
    if kind == "unit":
        return "()"
    if kind == "bool":
        return "true" if value else "false"
    if kind == "float":
        text = repr(value)
        return text if any(c in text for c in ".eEn") else text + ".0"
    if kind == "char":
        return "'" + _escape(str(value), "'") + "'"
    if kind == "string":
        return '"' + _escape(str(value), '"') + '"'
    return str(value)


def _escape(text: str, quote: str) -> str:
    """*text* with backslashes and *quote* escaped."""
    return text.replace("\\", "\\\\").replace(quote, "\\" + quote)
