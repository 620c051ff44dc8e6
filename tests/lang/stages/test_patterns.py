"""Pattern decomposition (lang/patterns.py): the tests and bindings both back ends share."""

from __future__ import annotations

from fusabi_host.lang import ir, patterns
from fusabi_host.lang.lower import lower
from fusabi_host.lang.parser import parse
from fusabi_host.lang.patterns import (
    Alternatives,
    ArrayItem,
    Binding,
    CaseField,
    EqConst,
    Field,
    HasFields,
    IsArray,
    IsCons,
    IsNil,
    IsTag,
    IsTuple,
    ListHead,
    ListTail,
    Path,
    TupleItem,
    constant_kind,
    decompose,
)
from fusabi_host.lang.values import Char, Tag

SOME = Tag("Some", "option", 1, 1)
LEAF = Tag("Leaf", "Tree", 0, 0)
NODE = Tag("Node", "Tree", 1, 3)


def var(name: str) -> ir.Var:
    return ir.Var(name)


def bind(v: ir.Var, inner: ir.Pat | None = None) -> ir.PBind:
    return ir.PBind(1, v, inner)


def P(*steps: object) -> Path:
    return Path(tuple(steps))  # type: ignore[arg-type]


def shape(pat: ir.Pat) -> list[tuple[str, object, object]]:
    """The steps as comparable triples (tests by kind; bindings by variable name)."""
    out: list[tuple[str, object, object]] = []
    for step in decompose(pat).steps:
        if isinstance(step, Binding):
            out.append(("bind", step.var.name, step.path))
        elif isinstance(step.kind, IsTag):
            out.append(("tag", step.kind.tag.name, step.path))
        elif isinstance(step.kind, EqConst):
            out.append(("eq", (step.kind.value, step.kind.kind), step.path))
        else:
            out.append(("test", step.kind, step.path))
    return out


def test_wildcard_and_variable() -> None:
    assert decompose(ir.PAny(1)).steps == ()
    x = var("x")
    d = decompose(bind(x))
    assert d.tests == []
    assert d.bindings == [Binding(x, Path())]


def test_tuple() -> None:
    a, b = var("a"), var("b")
    pat = ir.PTuple(1, [bind(a), ir.PAny(1), ir.PConst(1, 3), bind(b)])
    assert shape(pat) == [
        ("test", IsTuple(4), Path()),
        ("bind", "a", P(TupleItem(0))),
        ("eq", (3, "int"), P(TupleItem(2))),
        ("bind", "b", P(TupleItem(3))),
    ]


def test_cons_and_nil() -> None:
    h, t = var("h"), var("t")
    assert shape(ir.PNil(1)) == [("test", IsNil(), Path())]
    pat = ir.PCons(1, bind(h), ir.PCons(1, ir.PAny(1), bind(t)))
    assert shape(pat) == [
        ("test", IsCons(), Path()),
        ("bind", "h", P(ListHead())),
        ("test", IsCons(), P(ListTail())),
        ("bind", "t", P(ListTail(), ListTail())),
    ]


def test_nested_constructor() -> None:
    # Node (Leaf, v, Some (x :: _))
    v, x = var("v"), var("x")
    inner = ir.PCtor(1, SOME, [ir.PCons(1, bind(x), ir.PAny(1))])
    pat = ir.PCtor(1, NODE, [ir.PCtor(1, LEAF, []), bind(v), inner])
    assert shape(pat) == [
        ("tag", "Node", Path()),
        ("tag", "Leaf", P(CaseField(0))),
        ("bind", "v", P(CaseField(1))),
        ("tag", "Some", P(CaseField(2))),
        ("test", IsCons(), P(CaseField(2), CaseField(0))),
        ("bind", "x", P(CaseField(2), CaseField(0), ListHead())),
    ]
    # the test keeps the pattern's own tag object
    first = decompose(pat).tests[0].kind
    assert isinstance(first, IsTag) and first.tag is NODE


def test_record() -> None:
    n = var("n")
    pat = ir.PRecord(1, [("Name", bind(n)), ("Age", ir.PConst(1, 42))])
    assert shape(pat) == [
        ("test", HasFields(("Name", "Age")), Path()),
        ("bind", "n", P(Field("Name"))),
        ("eq", (42, "int"), P(Field("Age"))),
    ]


def test_array() -> None:
    a = var("a")
    pat = ir.PArray(1, [bind(a), ir.PConst(1, "z")])
    assert shape(pat) == [
        ("test", IsArray(2), Path()),
        ("bind", "a", P(ArrayItem(0))),
        ("eq", ("z", "string"), P(ArrayItem(1))),
    ]
    assert shape(ir.PArray(1, [])) == [("test", IsArray(0), Path())]


def test_or_pattern_is_one_test_with_two_options() -> None:
    # (1 | 2, y)
    y = var("y")
    pat = ir.PTuple(1, [ir.POr(1, ir.PConst(1, 1), ir.PConst(1, 2)), bind(y)])
    d = decompose(pat)
    assert [s.path for s in d.steps] == [Path(), P(TupleItem(0)), P(TupleItem(1))]
    alt = d.steps[1]
    assert isinstance(alt, patterns.Test) and isinstance(alt.kind, Alternatives)
    left, right = alt.kind.options
    # options use absolute paths from the same subject
    assert [(t.path, t.kind.value) for t in left.tests] == [(P(TupleItem(0)), 1)]  # type: ignore[union-attr]
    assert [(t.path, t.kind.value) for t in right.tests] == [(P(TupleItem(0)), 2)]  # type: ignore[union-attr]
    assert d.bindings == [Binding(y, P(TupleItem(1)))]


def test_or_pattern_bindings_belong_to_their_option() -> None:
    # Some x | x  -- each side binds x on its own path
    x = var("x")
    pat = ir.POr(1, ir.PCtor(1, SOME, [bind(x)]), bind(x))
    d = decompose(pat)
    assert d.bindings == []
    (alt,) = d.tests
    assert isinstance(alt.kind, Alternatives)
    left, right = alt.kind.options
    assert left.bindings == [Binding(x, P(CaseField(0)))]
    assert right.bindings == [Binding(x, Path())]
    assert right.tests == []


def test_as_pattern_binds_then_matches_inside() -> None:
    # (h :: _) as whole
    whole, h = var("whole"), var("h")
    pat = bind(whole, ir.PCons(1, bind(h), ir.PAny(1)))
    assert shape(pat) == [
        ("bind", "whole", Path()),
        ("test", IsCons(), Path()),
        ("bind", "h", P(ListHead())),
    ]


def test_typed_pattern_is_transparent() -> None:
    x = var("x")
    assert shape(ir.PTyped(1, bind(x), None)) == [("bind", "x", Path())]


def test_constant_kinds() -> None:
    cases: list[tuple[object, str]] = [
        (None, "unit"),
        (True, "bool"),
        (Char("c"), "char"),
        (7, "int"),
        (2.5, "float"),
        ("s", "string"),
    ]
    for value, kind in cases:
        assert constant_kind(value) == kind
        (test,) = decompose(ir.PConst(1, value)).tests
        assert isinstance(test.kind, EqConst)
        assert test.kind.value is value and test.kind.kind == kind


def test_bool_is_not_taken_for_an_int() -> None:
    assert constant_kind(False) == "bool"
    assert constant_kind(0) == "int"


def test_start_path_prefixes_every_path() -> None:
    a = var("a")
    start = P(TupleItem(1))
    d = decompose(ir.PCons(1, bind(a), ir.PNil(1)), start)
    assert [s.path for s in d.steps] == [
        start,
        P(TupleItem(1), ListHead()),
        P(TupleItem(1), ListTail()),
    ]


def test_a_lowered_match_arm() -> None:
    source = (
        "type Shape = Circle of float | Rect of float * float\n"
        "let area s =\n"
        "    match s with\n"
        "    | (Circle r, _) | (_, Circle r) -> r\n"
        "    | (Rect (w, h), [| 1; 2 |]) -> w * h\n"
    )
    unit = lower(parse(source, "<test>"), None)
    matches = [
        e
        for item in unit.items
        if isinstance(item, ir.TopBinding)
        for e in ir.walk(item.value)
        if isinstance(e, ir.Match)
    ]
    (match,) = matches
    first = decompose(match.arms[0].pat)
    (alt,) = first.tests
    assert isinstance(alt.kind, Alternatives)
    left, right = alt.kind.options
    assert [b.path for b in left.bindings] == [P(TupleItem(0), CaseField(0))]
    assert [b.path for b in right.bindings] == [P(TupleItem(1), CaseField(0))]
    second = decompose(match.arms[1].pat)
    assert [(t.path, type(t.kind).__name__) for t in second.tests] == [
        (Path(), "IsTuple"),
        (P(TupleItem(0)), "IsTag"),
        (P(TupleItem(1)), "IsArray"),
        (P(TupleItem(1), ArrayItem(0)), "EqConst"),
        (P(TupleItem(1), ArrayItem(1)), "EqConst"),
    ]
    assert [(b.var.name, b.path) for b in second.bindings] == [
        ("w", P(TupleItem(0), CaseField(0))),
        ("h", P(TupleItem(0), CaseField(1))),
    ]
