"""Resolution facts (lang/resolve.py): free, captured and cell variables, tail calls, calls.

Each program is lowered (no inference needed) and resolved; the facts of a named lambda are
compared with what a reader of the program expects, and -- over all the programs -- the free
variables with the reference definition the back ends used to compute themselves (every
variable used below a lambda and bound nowhere below it).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from fusabi_host.lang import ir
from fusabi_host.lang.lower import lower
from fusabi_host.lang.parser import parse
from fusabi_host.lang.resolve import resolve, tail_positions

EXAMPLES = Path(__file__).resolve().parents[3] / "examples" / "plugins"


def resolved(source: str) -> ir.Unit:
    unit = lower(parse(source, "<test>"), None)
    resolve(unit)
    return unit


def lambdas(unit: ir.Unit) -> list[ir.Lam]:
    roots: list[ir.Expr] = []
    for item in unit.items:
        if isinstance(item, ir.TopExpr):
            roots.append(item.expr)
        elif item.rec_group is not None:
            roots.extend(lam for _, lam in item.rec_group)
        else:
            roots.append(item.value)
    return [node for root in roots for node in ir.walk(root) if isinstance(node, ir.Lam)]


def named(unit: ir.Unit, name: str) -> ir.Lam:
    found = [lam for lam in lambdas(unit) if lam.name == name]
    assert found, f"no lambda {name}: {[lam.name for lam in lambdas(unit)]}"
    return found[0]


def names(variables: list[ir.Var]) -> list[str]:
    return [v.name for v in variables]


def reference_free(node: ir.Expr, params: list[ir.Var]) -> set[int]:
    """The definition the back ends used: uses (Ref/Assign) minus everything bound below."""
    bound = {p.id for p in params}
    used: set[int] = set()
    for current in ir.walk(node):
        if isinstance(current, ir.Ref | ir.Assign):
            used.add(current.var.id)
        bound.update(v.id for v in ir.bound_vars(current))
    return used - bound


# -- free variables of a named lambda (top-level variables included, ordered by id)

FREE_CASES = [
    ("let f x = x + 1\n", "f", []),
    ("let g a =\n    let h b = a + b\n    h 1\n", "h", ["a"]),
    ("let g a b =\n    let h c = a + c\n    h b\n", "h", ["a"]),
    ("let k = 10\nlet f x = x + k\n", "f", ["k"]),
    ("let g a =\n    let h b =\n        let c = b * 2\n        a + c\n    h 1\n", "h", ["a"]),
    (
        "let g xs =\n    let h y =\n        match xs with\n"
        "        | [] -> y\n        | z :: _ -> y + z\n    h 0\n",
        "h",
        ["xs"],
    ),
    (
        "let g a =\n    let h b =\n        match b with\n"
        "        | (p, q) -> p + q + a\n    h (1, 2)\n",
        "h",
        ["a"],
    ),
    (
        "let g () =\n    let mutable n = 0\n    let bump () = n <- n + 1\n    bump ()\n    n\n",
        "bump",
        ["n"],
    ),
    (
        "let g a =\n    let h b =\n        for i in 1 .. b do\n"
        '            printfn "%d" (i + a)\n    h 2\n',
        "h",
        ["a"],
    ),
    (
        'let g a =\n    let h xs =\n        for x in xs do\n            printfn "%d" (x + a)\n'
        "    h [1]\n",
        "h",
        ["a"],
    ),
    ("let g a =\n    let h b =\n        try b / a with e -> 0\n    h 1\n", "h", ["a"]),
    (
        "let g a =\n    let rec loop i = if i > a then i else loop (i + 1)\n    loop 0\n",
        "loop",
        ["a", "loop"],
    ),  # (a let rec member uses itself from outside its lambda)
    (
        "let g a b =\n    let h c =\n        let i d = a + d\n        i c + b\n    h 1\n",
        "h",
        ["a", "b"],
    ),
    ("let g a b =\n    let h c =\n        let i d = a + d\n        i c + b\n    h 1\n", "i", ["a"]),
    ("let g f =\n    let h x = f x\n    h 1\n", "h", ["f"]),
    ("let g a =\n    let h b = a :: [b]\n    h 1\n", "h", ["a"]),
    ("let g a =\n    let h b = { X = a; Y = b }\n    h 1\n", "h", ["a"]),
    ("let g a =\n    let h b = (a, b, fun c -> c)\n    h 1\n", "h", ["a"]),
    ("let g opt =\n    let h d = match opt with Some v -> v | None -> d\n    h 0\n", "h", ["opt"]),
    ('let g s =\n    let h () = sprintf "%s!" s\n    h ()\n', "h", ["s"]),
    ("let g a =\n    let h b = if a then b else -b\n    h 1\n", "h", ["a"]),
    ("let g a =\n    let h b = a && b\n    h true\n", "h", ["a"]),
    ("let g arr =\n    let h i = arr.[i]\n    h 0\n", "h", ["arr"]),
    ("let g arr =\n    let h i = arr.[i] <- 0\n    h 0\n", "h", ["arr"]),
    ("let g xs =\n    let h () = [ for x in xs do yield x * 2 ]\n    h ()\n", "h", ["xs"]),
]


@pytest.mark.parametrize(("source", "name", "expected"), FREE_CASES)
def test_free_variables(source: str, name: str, expected: list[str]) -> None:
    lam = named(resolved(source), name)
    assert names(lam.free) == expected
    assert [v.id for v in lam.free] == sorted(v.id for v in lam.free)


@pytest.mark.parametrize(("source", "name", "expected"), FREE_CASES)
def test_free_variables_match_the_reference_definition(
    source: str, name: str, expected: list[str]
) -> None:
    for lam in lambdas(resolved(source)):
        assert {v.id for v in lam.free} == reference_free(lam.body, lam.params), lam.name


@pytest.mark.parametrize("script", sorted(EXAMPLES.glob("*/main.fsx")), ids=lambda p: p.parent.name)
def test_examples_match_the_reference_definition(script: Path) -> None:
    unit = resolved(script.read_text(encoding="utf-8"))
    for lam in lambdas(unit):
        assert {v.id for v in lam.free} == reference_free(lam.body, lam.params), lam.name


# -- captured and cell variables


def variable(unit: ir.Unit, name: str) -> ir.Var:
    for lam in lambdas(unit):
        for node in [*ir.walk(lam.body), *lam.params]:
            for var in [node] if isinstance(node, ir.Var) else ir.bound_vars(node):
                if var.name == name:
                    return var
    for var in unit.all_globals:
        if var.name == name:
            return var
    raise AssertionError(f"no variable {name}")


def test_a_variable_used_by_a_nested_function_is_captured() -> None:
    unit = resolved("let g a b =\n    let h c = a + c\n    h b\n")
    assert variable(unit, "a").captured
    assert not variable(unit, "b").captured
    assert not variable(unit, "c").captured


def test_a_captured_mutable_is_a_cell_and_an_uncaptured_one_is_not() -> None:
    unit = resolved(
        "let g () =\n    let mutable n = 0\n    let mutable m = 0\n"
        "    let bump () = n <- n + 1\n    bump ()\n    m <- m + 1\n    n + m\n"
    )
    assert variable(unit, "n").cell
    assert not variable(unit, "m").cell
    assert not variable(unit, "m").captured


def test_an_immutable_captured_variable_is_not_a_cell() -> None:
    unit = resolved("let g a =\n    let h b = a + b\n    h 1\n")
    assert variable(unit, "a").captured
    assert not variable(unit, "a").cell


def test_let_rec_members_are_cells() -> None:
    unit = resolved(
        "let rec even n = if n = 0 then true else odd (n - 1)\n"
        "and odd n = if n = 0 then false else even (n - 1)\n"
    )
    assert variable(unit, "even").cell and variable(unit, "odd").cell
    local = resolved("let g () =\n    let rec f n = if n = 0 then 0 else f (n - 1)\n    f 3\n")
    assert variable(local, "f").cell


def test_a_mutable_used_in_a_try_body_is_a_cell() -> None:
    # (bytecode compiles try bodies and handlers as closures)
    unit = resolved(
        "let g () =\n    let mutable n = 0\n    try\n        n <- 1\n    with _ -> ()\n    n\n"
    )
    assert variable(unit, "n").cell


def test_try_parts_have_their_free_variables() -> None:
    unit = resolved("let g a b =\n    try a / b with e -> a\n")
    node = next(n for n in ir.walk(named(unit, "g").body) if isinstance(n, ir.TryWith))
    body_free, handler_free = node.free  # type: ignore[misc]
    assert names(body_free) == ["a", "b"]
    assert names(handler_free) == ["a"]
    unit = resolved('let g a b =\n    try a / b finally printfn "%d" a\n')
    final = next(n for n in ir.walk(named(unit, "g").body) if isinstance(n, ir.TryFinally))
    assert [names(part) for part in final.free] == [["a", "b"], ["a"]]


def test_a_top_level_mutable_used_by_a_function_is_a_cell() -> None:
    unit = resolved("let mutable count = 0\nlet bump () = count <- count + 1\n")
    assert variable(unit, "count").captured and variable(unit, "count").cell
    assert names(named(unit, "bump").free) == ["count"]


# -- tail calls


def tail_names(lam: ir.Lam) -> list[str]:
    return sorted(call.func.var.name for call in lam.tail_calls)  # type: ignore[attr-defined]


TAIL_CASES = [
    ("let rec f n = if n = 0 then 0 else f (n - 1)\n", "f", ["f"]),
    ("let rec f n = if n = 0 then 0 else 1 + f (n - 1)\n", "f", []),
    ("let rec f n = match n with\n    | 0 -> 0\n    | _ -> f (n - 1)\n", "f", ["f"]),
    ("let rec f n =\n    let m = n - 1\n    f m\n", "f", ["f"]),
    ('let rec f n =\n    printfn "%d" n\n    f (n - 1)\n', "f", ["f"]),
    ("let rec f n = n > 0 && f (n - 1)\n", "f", ["f"]),
    ("let rec f n = n = 0 || f (n - 1)\n", "f", ["f"]),
    ("let rec f n = (f (n - 1) : int)\n", "f", ["f"]),
    ("let rec f n = try f (n - 1) with _ -> 0\n", "f", []),
    ("let rec f n = g n\nand g n = f n\n", "f", ["g"]),
    ("let rec f n = [f (n - 1)]\n", "f", []),
    ("let h x = x\nlet f n = h (h n)\n", "f", ["h"]),
]


@pytest.mark.parametrize(("source", "name", "expected"), TAIL_CASES)
def test_tail_calls(source: str, name: str, expected: list[str]) -> None:
    assert tail_names(named(resolved(source), name)) == expected


def test_tail_positions_through_operators_or_not() -> None:
    unit = resolved("let rec f n = if n > 0 && f (n - 1) then 1 else (n : int)\n")
    body = named(unit, "f").body
    with_ops = list(tail_positions(body))
    without = list(tail_positions(body, through_operators=False))
    assert [type(e).__name__ for e in with_ops] == ["Ref", "Const"]  # (else first)
    assert [type(e).__name__ for e in without] == ["Annot", "Const"]


# -- calls (whether a function can take part in a recursion: it counts its depth)


@pytest.mark.parametrize(
    ("source", "name", "expected"),
    [
        ("let f x = x + 1\n", "f", False),
        ("let f xs = List.length xs\n", "f", False),
        ("let f x = Some x\n", "f", False),
        ("let h x = x\nlet f x = h x\n", "f", True),
        ("let f g x = g x\n", "f", True),
        ("let f x = fun y -> x + y\n", "f", False),
        ("let h x = x\nlet f x = fun y -> h y\n", "f", True),
        ("let h x = x\nlet f x = (fun y -> fun z -> h z) x\n", "f", True),
        ("let h x = x\nlet f x = try h x with _ -> 0\n", "f", True),
        ("let h x = x\nlet f x = [ fun y -> h y ]\n", "f", False),
    ],
)
def test_calls(source: str, name: str, expected: bool) -> None:
    assert named(resolved(source), name).calls is expected


def test_resolving_twice_gives_the_same_facts() -> None:
    unit = resolved("let g a =\n    let mutable n = a\n    let h b = n <- n + b\n    h 1\n    n\n")
    before = [(lam.name, names(lam.free), lam.calls, len(lam.tail_calls)) for lam in lambdas(unit)]
    resolve(unit)
    after = [(lam.name, names(lam.free), lam.calls, len(lam.tail_calls)) for lam in lambdas(unit)]
    assert before == after


def test_deep_nesting_resolves_without_recursion() -> None:
    depth = 3000
    inner: ir.Expr = ir.Const(1, 0)
    params = []
    for i in range(depth):
        param = ir.Var(f"p{i}")
        params.append(param)
        inner = ir.Lam(1, [param], ir.Prim(1, "+", [ir.Ref(1, params[0]), inner]))
    unit = ir.Unit("<deep>", [ir.TopExpr(inner)], {}, [], {}, {}, {})
    resolve(unit)
    assert isinstance(inner, ir.Lam)
    assert inner.free == []
