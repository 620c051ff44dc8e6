"""The IR walks itself: children, walk, transform, pattern_vars and bound_vars (lang/ir.py)."""

from __future__ import annotations

from fusabi_host.lang import ir
from fusabi_host.lang.lower import lower
from fusabi_host.lang.parser import parse


def lowered(source: str) -> ir.Unit:
    return lower(parse(source, "<test>"), None)


def body_of(unit: ir.Unit, name: str) -> ir.Expr:
    for item in unit.items:
        if isinstance(item, ir.TopBinding) and item.vars[0].name == name:
            return item.value
    raise AssertionError(f"no binding {name}")


def test_children_follow_evaluation_order() -> None:
    unit = lowered("let f a b = if a > b then a - b else b - a\n")
    lam = body_of(unit, "f")
    assert isinstance(lam, ir.Lam)
    branch = lam.body
    assert isinstance(branch, ir.If)
    assert ir.children(branch) == [branch.cond, branch.then, branch.orelse]


def test_children_of_matches_records_and_let_rec() -> None:
    unit = lowered(
        "type P = { X: int; Y: int }\n"
        "let g (p: P) =\n"
        "    let rec loop i = if i = 0 then 0 else loop (i - 1)\n"
        "    match { p with X = loop p.X } with\n"
        "    | { X = 0 } when p.Y > 1 -> 1\n"
        "    | _ -> 2\n"
    )
    nodes = list(ir.walk(body_of(unit, "g")))
    match = next(n for n in nodes if isinstance(n, ir.Match) and len(n.arms) == 2)
    assert ir.children(match) == [match.subject, *match.arms]
    first_arm = match.arms[0]
    assert first_arm.guard is not None
    assert ir.children(first_arm) == [first_arm.guard, first_arm.body]
    letrec = next(n for n in nodes if isinstance(n, ir.LetRec))
    assert ir.children(letrec) == [letrec.bindings[0][1], letrec.body]
    update = next(n for n in nodes if isinstance(n, ir.RecordUpdate))
    assert ir.children(update) == [update.base, update.fields[0][1]]


def test_walk_reaches_every_reference_at_any_depth() -> None:
    depth = 900  # deeper than Python's default recursion limit allows a recursive walk
    source = "let deep x =\n    " + "(" * depth + "x" + " + 1)" * depth + "\n"
    refs = [n for n in ir.walk(body_of(lowered(source), "deep")) if isinstance(n, ir.Ref)]
    assert len(refs) == 1 and refs[0].var.name == "x"


def test_transform_rewrites_children_in_place() -> None:
    unit = lowered("let h () = (1, [2; 3], { contents = 4 })\n")
    lam = body_of(unit, "h")

    def bump(node: ir.Expr) -> ir.Expr:
        if isinstance(node, ir.Const) and isinstance(node.value, int):
            return ir.Const(node.line, node.value * 10)
        ir.transform(node, bump)
        return node

    ir.transform(lam, bump)
    values = [n.value for n in ir.walk(lam) if isinstance(n, ir.Const)]
    assert values == [10, 20, 30, 40]


def test_pattern_vars_left_to_right_and_bound_vars() -> None:
    unit = lowered(
        "let k v =\n"
        "    match v with\n"
        "    | (a, [b; c], Some (d as e)) -> a + b + c + d + e\n"
        "    | _ -> 0\n"
    )
    match = next(n for n in ir.walk(body_of(unit, "k")) if isinstance(n, ir.Match))
    arm = match.arms[0]
    assert [v.name for v in ir.pattern_vars(arm.pat)] == ["a", "b", "c", "e", "d"]
    assert ir.bound_vars(arm) == ir.pattern_vars(arm.pat)
    lam = body_of(unit, "k")
    assert isinstance(lam, ir.Lam) and ir.bound_vars(lam) == lam.params
