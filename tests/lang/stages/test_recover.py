"""Recovering source structure from lifted bytecode (lang/fzb/recover.py), pass by pass.

Each test compiles a small program to bytecode, lifts it back, and checks that the structure
one pass recovers is there; the tail-spine helpers are checked on hand-built IR.
"""

from __future__ import annotations

from fusabi_host.lang import ir
from fusabi_host.lang.fzb.codec import loads
from fusabi_host.lang.fzb.lift import lift
from fusabi_host.lang.fzb.program import compile_to_bytes
from fusabi_host.lang.fzb.recover import (
    replace_tails,
    rewrite_bottom_up,
    rewrite_top_down,
    tails,
)
from fusabi_host.lang.fzb.trailer import decode_trailer


def lifted(source: str) -> list[ir.Expr | ir.Arm]:
    """Every node of *source*'s lifted IR."""
    data = compile_to_bytes(source, "<test>")
    chunk = loads(data)
    trailer = decode_trailer(chunk.trailer, offset=len(data) - len(chunk.trailer))
    unit = lift(chunk, trailer, "<test>")
    (top,) = unit.items  # (a lifted program is one top-level expression)
    assert isinstance(top, ir.TopExpr)
    return list(ir.walk(top.expr))


def test_cells_assigned_once_become_let_rec() -> None:
    nodes = lifted("let rec fact n = if n <= 1 then 1 else n * fact (n - 1)\nlet r = fact 5\n")
    letrec = next(n for n in nodes if isinstance(n, ir.LetRec))
    var, lam = letrec.bindings[0]
    assert not var.mutable and var.lam is lam and lam.name == "fact"


def test_counted_loop_becomes_for_range() -> None:
    nodes = lifted(
        "let total () =\n"
        "    let mutable s = 0\n"
        "    for i in 1 .. 10 do\n"
        "        s <- s + i\n"
        "    s\n"
        "let r = total ()\n"
    )
    loop = next(n for n in nodes if isinstance(n, ir.ForRange))
    assert not loop.var.mutable and not loop.down
    assert not any(isinstance(n, ir.While) for n in nodes)


def test_jumps_of_and_and_or_become_operators() -> None:
    nodes = lifted(
        "let f (a: bool) (b: bool) = a && b\nlet g (a: bool) (b: bool) = if a then true else b\n"
    )
    ops = {n.op for n in nodes if isinstance(n, ir.Prim)}
    assert {"&&", "||"} <= ops
    assert not any(isinstance(n, ir.If) for n in nodes)


def test_case_tests_merge_into_one_match_with_a_cons_pattern() -> None:
    nodes = lifted(
        "let rec sum xs =\n"
        "    match xs with\n"
        "    | [] -> 0\n"
        "    | x :: rest -> x + sum rest\n"
        "let r = sum [1; 2; 3]\n"
    )
    match = next(n for n in nodes if isinstance(n, ir.Match) and n.what == "match")
    assert [type(arm.pat) for arm in match.arms] == [ir.PNil, ir.PCons]


def test_copies_are_propagated() -> None:
    nodes = lifted("let f x =\n    let y = x\n    let z = y\n    z + 1\nlet r = f 1\n")
    lets = [n for n in nodes if isinstance(n, ir.Let)]
    assert not any(isinstance(let.value, ir.Ref) and not let.var.mutable for let in lets)


def test_tails_and_replace_tails_follow_the_tail_spine() -> None:
    a, b, c = (ir.Const(1, v) for v in ("a", "b", "c"))
    var = ir.Var("x")
    expr = ir.Let(1, var, ir.Const(1, 0), ir.If(1, ir.Ref(1, var), a, ir.Seq(1, [b, c])))
    assert {id(t) for t in tails(expr)} == {id(a), id(c)}
    seen: list[object] = []

    def mark(node: ir.Expr) -> ir.Expr:
        seen.append(node.value)  # type: ignore[attr-defined]
        return ir.Const(node.line, "tail")

    replace_tails(expr, mark)
    assert seen == ["a", "c"]  # evaluation order
    values = [n.value for n in ir.walk(expr) if isinstance(n, ir.Const)]
    assert values == [0, "tail", "b", "tail"]


def test_rewrite_orders() -> None:
    def tree() -> ir.Expr:
        return ir.Tuple(1, [ir.Tuple(1, [ir.Const(1, 1)]), ir.Const(1, 2)])

    order: list[str] = []

    def record(node: ir.Expr) -> ir.Expr:
        order.append(type(node).__name__ + str(getattr(node, "value", "")))
        return node

    rewrite_bottom_up(tree(), record)
    assert order.index("Const1") < order.index("Tuple") and order[-1] == "Tuple"
    order.clear()
    rewrite_top_down(tree(), record)  # (not the root itself)
    assert order.index("Tuple") < order.index("Const1") and len(order) == 3
