"""Recover source-level structure from lifted IR.

The lifter (:mod:`fusabi_host.lang.fzb.lift`) turns every instruction into a binding and
every control-flow shape into ``while true``/``if``/``break``: correct, but not the IR the
compiler would have built from source, and type inference and code generation work best on
the latter (known functions, tail calls, generalised ``let rec``, ``for`` loops).  The passes
here rewrite the lifted IR, in place where they can, in this order (:func:`recover`):

``recover_rec``
    ``let mutable cell = () ... cell <- (fun ...)`` written once, before any read, becomes
    ``let rec``.  The emitter encodes recursive bindings as cells; as a ``let rec`` the
    functions are known again (direct calls, tail calls) and inference generalises them.
``propagate``
    ``let t = x`` with *x* immutable: every use of *t* becomes *x* and the binding goes.
    The symbolic executor names every stack copy; without this, calls go through aliases
    and a call to a known function is not recognised as one.
``forward_reads``
    ``let v = m in ... v ...`` (a snapshot of a mutable local, which is what ``LoadLocal``
    of a loop-carried slot lifts to) reads *m* directly when no assignment to *m* can happen
    between the snapshot and the last use of *v*; the loop patterns below need the direct
    reads, and ``m <- m`` copies left over become ``()``.
``short_circuit``
    ``if a then b else false`` is ``a && b``; ``if a then true else b`` is ``a || b`` (the
    jumps the emitter wrote for the operators).
``conditions``
    ``let t = test in if t then a else b`` folds the single-use test back into its ``if``
    (or into a two-armed ``match`` for a constructor test), and ``let t = e in t`` becomes
    ``e``, so a call whose result is returned is a tail call again.
``merge_matches``
    ``match x with p -> a | _ -> (match x with q -> b ...)`` is one ``match`` (pattern
    matching was compiled to one test per case); an arm whose test an earlier arm already
    answers goes, and the ``head``/``tail`` reads at the start of the arm after a ``[]`` test
    become the pattern ``h :: t``.
``for_ranges``
    ``while true do if i <= n then (body; i <- i + 1) else break`` is ``for i in _ .. n``
    when the counter is used nowhere else, so the loop variable is immutable again (closures
    capture its value per iteration, as F# requires).

The lifter itself uses :func:`tails` and :func:`replace_tails`, the tail spine of an
expression, to find and fill the join points of a conditional.  Every walk here is iterative
(lifted code nests deeply) and charges its work to the current run's guard
(:mod:`fusabi_host.lang.guard`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from fusabi_host.lang import ir
from fusabi_host.lang.guard import spend

__all__ = [
    "TICKS",
    "place_lambdas",
    "recover",
    "replace_tails",
    "rewrite_bottom_up",
    "rewrite_top_down",
    "substitute",
    "tails",
    "walk",
]

TICKS = 1024
"""Nodes walked between two charges to the current run's guard."""


def recover(expr: ir.Expr, assign_counts: dict[int, int]) -> ir.Expr:
    """Run every pass over lifted *expr*; *assign_counts* counts the lifter's assignments
    per variable id (``let rec`` recovery needs cells assigned exactly once)."""
    return Recovery(assign_counts).run(expr)


# --------------------------------------------------------------------------- traversal


def walk(expr: ir.Expr) -> Iterator[ir.Expr | ir.Arm]:
    """:func:`fusabi_host.lang.ir.walk`, charging the guard as it goes."""
    ticks = 0
    for node in ir.walk(expr):
        ticks += 1
        if ticks >= TICKS:
            ticks = 0
            spend(TICKS)
        yield node


def rewrite_top_down(root: ir.Expr, rewrite: Callable[[ir.Expr], ir.Expr]) -> None:
    """Apply *rewrite* to every sub-expression of *root* (not *root* itself), parents first:
    a rewritten node's own children are visited afterwards."""
    stack: list[ir.Expr] = [root]

    def visit(child: ir.Expr) -> ir.Expr:
        new = rewrite(child)
        stack.append(new)
        return new

    ticks = 0
    while stack:
        ticks += 1
        if ticks >= TICKS:
            ticks = 0
            spend(TICKS)
        ir.transform(stack.pop(), visit)


def rewrite_bottom_up(root: ir.Expr, rewrite: Callable[[ir.Expr], ir.Expr]) -> ir.Expr:
    """Apply *rewrite* to every sub-expression and to *root*, children before their parents
    (a rewrite sees its children already rewritten)."""
    nodes: list[ir.Expr] = [root]

    def collect(child: ir.Expr) -> ir.Expr:
        nodes.append(child)
        return child

    index = 0
    while index < len(nodes):  # (breadth first: every node comes after its parent)
        if index % TICKS == TICKS - 1:
            spend(TICKS)
        ir.transform(nodes[index], collect)
        index += 1
    for node in reversed(nodes):
        ir.transform(node, rewrite)
    return rewrite(root)


def place_lambdas(expr: ir.Expr) -> ir.Expr:
    """``let f = fun x -> ... in ... List.map f xs ...`` -> ``... List.map (fun x -> ...)
    xs ...``: a lambda the bytecode binds just to pass it once to a library function goes
    back where the source wrote it.  Inference then types its parameter from the call (as
    the source's ``xs |> List.map (fun x -> x.Trim())`` is typed), where, bound first, it
    would only know it as a value of no known type; and code generation can run the lambda's
    body in place of the call.  The arguments after it are checked first, as those piped in
    (``xs |> List.map f``) are, so that they decide its parameter's type.  Making a closure
    has no effect, and the lambda's free
    variables are all bound where it is bound, which is in scope where it is used, so moving
    it there changes nothing else."""
    uses: dict[int, int] = {}
    passed: dict[int, int] = {}  # var id -> uses as an argument of a library function
    calls: dict[int, tuple[ir.Apply, int]] = {}  # var id -> (the call, the argument's index)
    bound: dict[int, ir.Lam] = {}
    for node in walk(expr):
        if type(node) is ir.Ref:
            uses[node.var.id] = uses.get(node.var.id, 0) + 1
        elif type(node) is ir.Let and type(node.value) is ir.Lam:
            var = node.var
            if not (var.mutable or var.is_global or var.cell):
                bound[var.id] = node.value
        elif type(node) is ir.Apply and type(node.func) is ir.BuiltinRef:
            for index, arg in enumerate(node.args):
                if type(arg) is ir.Ref:
                    passed[arg.var.id] = passed.get(arg.var.id, 0) + 1
                    calls[arg.var.id] = (node, index)
    movable = {vid: lam for vid, lam in bound.items() if uses.get(vid) == 1 == passed.get(vid)}
    if not movable:
        return expr
    for vid in movable:  # (the arguments after the lambda are checked first, as piped ones)
        call, index = calls[vid]
        call.piped = max(call.piped, len(call.args) - 1 - index)

    def move(node: ir.Expr) -> ir.Expr:
        while type(node) is ir.Let and node.var.id in movable:
            node = node.body
        if type(node) is ir.Ref and node.var.id in movable:
            return movable[node.var.id]
        return node

    root = ir.Seq(expr.line, [move(expr)])  # (so that the top node is rewritten too)
    rewrite_top_down(root, move)
    return root.items[0]


def substitute(expr: ir.Expr, mapping: dict[int, ir.Var]) -> None:
    """Redirect the references to the variables whose ids *mapping* holds."""
    for node in walk(expr):
        if isinstance(node, ir.Ref) and node.var.id in mapping:
            node.var = mapping[node.var.id]


def tails(expr: ir.Expr) -> Iterator[ir.Expr]:
    """The expressions in tail position of *expr*: through ``if`` branches, ``match`` arms,
    ``let`` bodies and the last item of a sequence."""
    stack = [expr]
    while stack:
        node = stack.pop()
        if isinstance(node, ir.If):
            stack.extend((node.then, node.orelse))
        elif isinstance(node, ir.Match):
            stack.extend(arm.body for arm in node.arms)
        elif isinstance(node, ir.Let | ir.LetRec):
            stack.append(node.body)
        elif isinstance(node, ir.Seq):
            stack.append(node.items[-1])
        else:
            yield node


def replace_tails(expr: ir.Expr, make: Callable[[ir.Expr], ir.Expr]) -> ir.Expr:
    """*expr* with each expression ``e`` in tail position replaced by ``make(e)``, in
    evaluation order (``make`` returns ``e`` to keep it)."""
    if isinstance(expr, ir.If):
        expr.then = replace_tails(expr.then, make)
        expr.orelse = replace_tails(expr.orelse, make)
    elif isinstance(expr, ir.Match):
        for arm in expr.arms:
            arm.body = replace_tails(arm.body, make)
    elif isinstance(expr, ir.Let | ir.LetRec):
        expr.body = replace_tails(expr.body, make)
    elif isinstance(expr, ir.Seq):
        expr.items[-1] = replace_tails(expr.items[-1], make)
    else:
        return make(expr)
    return expr


# --------------------------------------------------------------------------- the passes


class Recovery:
    """The passes, in order; see the module docstring for what each one recovers."""

    def __init__(self, assign_counts: dict[int, int]) -> None:
        self.assign_counts = assign_counts

    def run(self, expr: ir.Expr) -> ir.Expr:
        expr = self.recover_rec(expr)
        expr = self.propagate(expr)
        expr = self.forward_reads(expr)
        expr = rewrite_bottom_up(expr, _short_circuit)
        expr = self.conditions(expr)
        expr = rewrite_bottom_up(expr, _merge_matches)
        expr = self.for_ranges(expr)
        return place_lambdas(expr)

    # -- `let v = m in ... v ...` (a snapshot of a mutable local) -> `... m ...` while no
    #    assignment to m can happen between the snapshot and the last use of v

    def forward_reads(self, expr: ir.Expr) -> ir.Expr:
        captured = _captured_mutables(expr)

        def forward(node: ir.Expr) -> ir.Expr:
            while (
                isinstance(node, ir.Let)
                and isinstance(node.value, ir.Ref)
                and node.value.var.mutable
                and not node.var.mutable
                and node.value.var.id not in captured
                and _reads_before_writes(node.var, node.value.var, node.body)
            ):
                substitute(node.body, {node.var.id: node.value.var})
                node = node.body
            if (
                isinstance(node, ir.Assign)
                and isinstance(node.value, ir.Ref)
                and node.value.var is node.var
            ):
                return ir.Const(node.line, None)
            return node

        expr = forward(expr)
        rewrite_top_down(expr, forward)
        return expr

    # -- `while true do if i <= n then (body; i <- i + 1) else break`  ->  `for i in _ .. n`

    def for_ranges(self, expr: ir.Expr) -> ir.Expr:
        refs: dict[int, int] = {}
        assigns: dict[int, int] = {}
        initial: dict[int, ir.Const] = {}
        for node in walk(expr):
            if isinstance(node, ir.Ref):
                refs[node.var.id] = refs.get(node.var.id, 0) + 1
            elif isinstance(node, ir.Assign):
                assigns[node.var.id] = assigns.get(node.var.id, 0) + 1
            elif (
                isinstance(node, ir.Let)
                and node.var.mutable
                and isinstance(node.value, ir.Const)
                and type(node.value.value) is int
            ):
                initial[node.var.id] = node.value

        def convert(node: ir.Expr) -> ir.Expr:
            if not (
                isinstance(node, ir.While)
                and isinstance(node.cond, ir.Const)
                and node.cond.value is True
                and isinstance(node.body, ir.If)
                and isinstance(node.body.orelse, ir.LoopControl)
                and node.body.orelse.kind == "break"
            ):
                return node
            test = node.body.cond
            if not (
                isinstance(test, ir.Prim)
                and test.op in ("<=", ">=")
                and isinstance(test.args[0], ir.Ref)
                and test.args[0].var.mutable
                and (
                    (isinstance(test.args[1], ir.Const) and type(test.args[1].value) is int)
                    or (isinstance(test.args[1], ir.Ref) and not test.args[1].var.mutable)
                )
            ):
                return node
            counter = test.args[0].var
            down = test.op == ">="
            body = node.body.then
            increment = _final_increment(body, counter, -1 if down else 1)
            if increment is None:
                return node
            parent, index = increment
            inside = [
                sub
                for sub in walk(body)
                if isinstance(sub, ir.Ref | ir.Assign | ir.LoopControl | ir.Lam)
            ]
            if any(
                isinstance(sub, ir.Assign) and sub.var is counter and sub is not parent[index]
                for sub in inside
            ) or any(isinstance(sub, ir.LoopControl) and sub.kind == "continue" for sub in inside):
                return node
            uses_inside = sum(1 for sub in inside if isinstance(sub, ir.Ref) and sub.var is counter)
            # the condition's read, the increment's read, and the body's reads: no others
            if refs.get(counter.id, 0) != uses_inside + 1:
                return node
            if any(
                isinstance(sub, ir.Lam)
                and any(isinstance(r, ir.Ref) and r.var is counter for r in walk(sub.body))
                for sub in inside
            ):
                return node
            parent[index] = ir.Const(node.line, None)
            item = ir.Var(counter.name)
            substitute(body, {counter.id: item})
            start: ir.Expr = ir.Ref(node.line, counter)
            if counter.id in initial and assigns.get(counter.id) == 1:
                start = ir.Const(node.line, initial[counter.id].value)
            return ir.ForRange(node.line, item, start, test.args[1], None, down, body)

        expr = convert(expr)
        rewrite_top_down(expr, convert)
        return expr

    # -- `let t = test in if t then a else b`  ->  `if test then a else b`, and
    #    `let t = e in t`  ->  `e` (so a call whose result is returned is a tail call again)

    def conditions(self, expr: ir.Expr) -> ir.Expr:
        uses: dict[int, int] = {}
        for node in walk(expr):
            if isinstance(node, ir.Ref):
                uses[node.var.id] = uses.get(node.var.id, 0) + 1

        def drop_tail_let(node: ir.Expr) -> ir.Expr:
            while (
                isinstance(node, ir.Let) and uses.get(node.var.id, 0) == 1 and not node.var.mutable
            ):
                # the first thing the body evaluates is the variable itself: use the value
                first = node.body
                holder: Any = None
                if isinstance(first, ir.Seq):
                    holder, first = first, first.items[0]
                if isinstance(first, ir.Ref) and first.var is node.var:
                    if holder is None:
                        node = node.value
                        continue
                    holder.items[0] = node.value
                    node = holder
                    continue
                if (
                    isinstance(first, ir.Assign)
                    and isinstance(first.value, ir.Ref)
                    and first.value.var is node.var
                ):
                    first.value = node.value
                    node = node.body
                    continue
                break
            return node

        def fold_condition(node: ir.Expr) -> ir.Expr:
            if not (isinstance(node, ir.Let) and isinstance(node.body, ir.If)):
                return node
            branch = node.body
            cond, negated = branch.cond, False
            if (
                isinstance(cond, ir.Apply)
                and isinstance(cond.func, ir.BuiltinRef)
                and cond.func.builtin.name == "not"
                and len(cond.args) == 1
            ):
                cond, negated = cond.args[0], True
            if not (
                isinstance(cond, ir.Ref)
                and cond.var is node.var
                and uses.get(node.var.id, 0) == 1
                and not node.var.mutable
            ):
                return node
            test = node.value
            then, orelse = (branch.orelse, branch.then) if negated else (branch.then, branch.orelse)
            if (
                isinstance(test, ir.Match)
                and len(test.arms) == 2
                and test.arms[0].guard is None
                and isinstance(test.arms[0].body, ir.Const)
                and test.arms[0].body.value is True
                and isinstance(test.arms[1].pat, ir.PAny)
            ):
                return ir.Match(
                    node.line,
                    test.subject,
                    [ir.Arm(test.arms[0].pat, None, then), ir.Arm(test.arms[1].pat, None, orelse)],
                )
            if negated:
                branch.cond.args[0] = test  # type: ignore[attr-defined]
            else:
                branch.cond = test
            return branch

        for rewrite in (drop_tail_let, fold_condition):
            expr = rewrite_bottom_up(expr, rewrite)
        return expr

    # -- let rec: `let mutable f = () ... f <- (fun ...)` written once, before any read

    def recover_rec(self, expr: ir.Expr) -> ir.Expr:
        def rewrite(child: ir.Expr) -> ir.Expr:
            return self.rec_from(child) if isinstance(child, ir.Let) else child

        expr = rewrite(expr)
        rewrite_top_down(expr, rewrite)
        return expr

    def rec_from(self, let: ir.Let) -> ir.Expr:
        cells: list[ir.Var] = []
        node: ir.Expr = let
        while (
            isinstance(node, ir.Let)
            and node.var.mutable
            and node.var.name.startswith("cell")
            and isinstance(node.value, ir.Unset)
            and self.assign_counts.get(node.var.id, 0) == 1
        ):
            cells.append(node.var)
            node = node.body
        if not cells:
            return let
        bindings: list[tuple[ir.Var, ir.Lam]] = []
        rest = node
        prefix: list[ir.Expr] = []
        pending = set(v.id for v in cells)
        while pending and isinstance(rest, ir.Let | ir.Seq):
            if isinstance(rest, ir.Let) and isinstance(rest.value, ir.Lam):
                prefix.append(rest)  # a closure built before being stored
                rest = rest.body
                continue
            if isinstance(rest, ir.Seq) and isinstance(rest.items[0], ir.Assign):
                assign = rest.items[0]
                target = assign.var
                lam = self.lam_of(assign.value, prefix)
                if target.id in pending and lam is not None:
                    bindings.append((target, lam))
                    pending.discard(target.id)
                    rest = (
                        rest.items[1] if len(rest.items) == 2 else ir.Seq(rest.line, rest.items[1:])
                    )
                    continue
            break
        if pending:
            return let
        for var, lam in bindings:
            var.mutable = False
            var.lam = lam
            var.arity = len(lam.params)
            lam.name = lam.name if lam.name != "<fun>" else var.name
        bound_lams = {id(lam) for _, lam in bindings}
        kept = [
            item for item in prefix if isinstance(item, ir.Let) and id(item.value) not in bound_lams
        ]
        body = rest
        for binding in reversed(kept):
            assert isinstance(binding, ir.Let)
            body = ir.Let(binding.line, binding.var, binding.value, body)
        # references to the closures' temporaries now mean the rec-bound functions
        alias = {
            item.var.id: var
            for item in prefix
            if isinstance(item, ir.Let)
            for var, lam in bindings
            if item.value is lam
        }
        result: ir.Expr = ir.LetRec(let.line, bindings, body)
        if alias:
            substitute(result, alias)
        return result

    def lam_of(self, value: ir.Expr, prefix: list[ir.Expr]) -> ir.Lam | None:
        if isinstance(value, ir.Lam):
            return value
        if isinstance(value, ir.Ref):
            for item in prefix:
                if (
                    isinstance(item, ir.Let)
                    and item.var is value.var
                    and isinstance(item.value, ir.Lam)
                ):
                    return item.value
        return None

    # -- copy propagation: `let t = x` with x immutable

    def propagate(self, expr: ir.Expr) -> ir.Expr:
        alias: dict[int, ir.Var] = {}
        for node in walk(expr):
            if (
                isinstance(node, ir.Let)
                and isinstance(node.value, ir.Ref)
                and not (node.value.var.mutable or node.var.mutable)
            ):
                alias[node.var.id] = node.value.var
        if not alias:
            return expr

        def resolve(var: ir.Var) -> ir.Var:
            seen = 0
            while var.id in alias and seen < 1000:
                var = alias[var.id]
                seen += 1
            return var

        final = {vid: resolve(v) for vid, v in alias.items()}
        substitute(expr, final)
        return _drop_aliases(expr, set(final))


# --------------------------------------------------------------------------- helpers


def _captured_mutables(expr: ir.Expr) -> set[int]:
    """Mutable variables used inside a function other than the one that binds them."""
    owner: dict[int, int] = {}
    used_in: dict[int, set[int]] = {}
    stack: list[tuple[ir.Expr | ir.Arm, int]] = [(expr, 0)]
    while stack:
        node, fn = stack.pop()
        if isinstance(node, ir.Let) and node.var.mutable:
            owner[node.var.id] = fn
        elif isinstance(node, ir.Ref | ir.Assign) and node.var.mutable:
            used_in.setdefault(node.var.id, set()).add(fn)
        inner = id(node) if isinstance(node, ir.Lam) else fn
        stack.extend((child, inner) for child in ir.children(node))
    return {vid for vid, fns in used_in.items() if vid not in owner or fns - {owner[vid]}}


def _reads_before_writes(snapshot: ir.Var, source: ir.Var, body: ir.Expr) -> bool:
    """Are all uses of *snapshot* in *body* evaluated before any assignment to *source*?

    Walks the straight-line spine of ``let``s and sequences; a step that both uses the
    snapshot and assigns the source (other than ``source <- f snapshot``) says no.
    """
    steps: list[ir.Expr] = []
    node = body
    while True:
        if isinstance(node, ir.Let):
            steps.append(node.value)
            node = node.body
        elif isinstance(node, ir.Seq):
            steps.extend(node.items[:-1])
            node = node.items[-1]
        else:
            steps.append(node)
            break
    assigned = False
    for step in steps:
        uses = writes = False
        for sub in walk(step):
            if isinstance(sub, ir.Ref) and sub.var is snapshot:
                uses = True
            elif isinstance(sub, ir.Assign) and sub.var is source:
                writes = True
            elif isinstance(sub, ir.Lam) and any(
                isinstance(inner, ir.Ref) and inner.var is snapshot for inner in walk(sub.body)
            ):
                return False  # a closure keeps the value it was made with
        if uses and assigned:
            return False
        if writes:
            if uses and not (
                isinstance(step, ir.Assign)
                and step.var is source
                and not any(
                    isinstance(sub, ir.Assign) and sub.var is source for sub in walk(step.value)
                )
            ):
                return False
            assigned = True
    return True


def _final_increment(body: ir.Expr, counter: ir.Var, step: int) -> tuple[list[ir.Expr], int] | None:
    """Find ``counter <- counter + step`` as the last effect of a loop body (followed by
    nothing but ``()``); return the list holding it and its index."""
    node = body
    while isinstance(node, ir.Let):
        node = node.body
    if not isinstance(node, ir.Seq):
        return None
    items = node.items
    last = len(items) - 1
    if isinstance(items[last], ir.Const) and items[last].value is None and last > 0:  # type: ignore[attr-defined]
        last -= 1
    candidate = items[last]
    if isinstance(candidate, ir.Let | ir.Seq):
        if last != len(items) - 1:
            return None
        return _final_increment(candidate, counter, step)
    if not (isinstance(candidate, ir.Assign) and candidate.var is counter):
        return None
    value = candidate.value
    op = "+" if step > 0 else "-"
    if (
        isinstance(value, ir.Prim)
        and value.args
        and len(value.args) == 2
        and isinstance(value.args[0], ir.Ref)
        and value.args[0].var is counter
        and isinstance(value.args[1], ir.Const)
        and (
            (value.op == "+" and value.args[1].value == step)
            or (value.op == op == "-" and value.args[1].value == 1)
        )
        and type(value.args[1].value) is int
    ):
        return items, last
    return None


def _short_circuit(node: ir.Expr) -> ir.Expr:
    """``if a then b else false`` -> ``a && b``; ``if a then true else b`` -> ``a || b``."""
    if not isinstance(node, ir.If):
        return node

    def simple(e: ir.Expr) -> bool:  # (keeps calls that may be tail calls out of && / ||)
        if isinstance(e, ir.Apply):
            return isinstance(e.func, ir.BuiltinRef)
        return not isinstance(e, ir.Let | ir.LetRec | ir.If | ir.Match | ir.Seq)

    if isinstance(node.orelse, ir.Const) and node.orelse.value is False and simple(node.then):
        return ir.Prim(node.line, "&&", [node.cond, node.then])
    if isinstance(node.then, ir.Const) and node.then.value is True and simple(node.orelse):
        return ir.Prim(node.line, "||", [node.cond, node.orelse])
    return node


def _test_key(pat: ir.Pat) -> tuple[object, ...] | None:
    """A key for patterns that match exactly one constructor or constant (anything inside)."""
    if isinstance(pat, ir.PNil):
        return ("nil",)
    if isinstance(pat, ir.PCtor) and all(isinstance(a, ir.PAny) for a in pat.args):
        return ("ctor", id(pat.tag))
    if isinstance(pat, ir.PConst):
        return ("const", type(pat.value), pat.value)
    return None


def _merge_matches(node: ir.Expr) -> ir.Expr:
    """``match x with p -> a | _ -> (match x with q -> b ...)`` -> one match; arms that an
    earlier arm already answers (the same constructor test twice) are dropped."""
    if not isinstance(node, ir.Match) or node.what != "match":
        return node
    arms = node.arms
    while (
        arms
        and isinstance(arms[-1].pat, ir.PAny)
        and arms[-1].guard is None
        and isinstance(arms[-1].body, ir.Match)
        and arms[-1].body.what == "match"
        and isinstance(node.subject, ir.Ref)
        and isinstance(arms[-1].body.subject, ir.Ref)
        and arms[-1].body.subject.var is node.subject.var
        and not node.subject.var.mutable
    ):
        arms = arms[:-1] + arms[-1].body.arms
    if isinstance(node.subject, ir.Ref) and not node.subject.var.mutable:
        for arm in arms:
            if (
                arm.guard is None
                and isinstance(arm.pat, ir.PAny)
                and any(isinstance(other.pat, ir.PNil) and other.guard is None for other in arms)
            ):
                _bind_list_parts(arm, node.subject.var)
    seen: set[tuple[object, ...]] = set()
    kept: list[ir.Arm] = []
    for arm in arms:
        key = _test_key(arm.pat)
        if key is not None and key in seen:
            continue
        kept.append(arm)
        if arm.guard is None:
            if isinstance(arm.pat, ir.PAny):
                break
            if key is not None:
                seen.add(key)
    node.arms = kept
    return node


def _bind_list_parts(arm: ir.Arm, subject: ir.Var) -> None:
    """After ``[]`` was tested, ``let h = head x in let t = tail x in ...`` at the start of the
    catch-all arm becomes the pattern ``h :: t`` (no emptiness check per access)."""
    parts: dict[str, ir.Var] = {}
    body = arm.body
    while (
        isinstance(body, ir.Let)
        and isinstance(body.value, ir.ListPart)
        and isinstance(body.value.target, ir.Ref)
        and body.value.target.var is subject
        and body.value.part not in parts
        and not body.var.mutable
    ):
        parts[body.value.part] = body.var
        body = body.body
    if not parts:
        return
    line = arm.pat.line

    def part(name: str) -> ir.Pat:
        var = parts.get(name)
        return ir.PBind(line, var) if var is not None else ir.PAny(line)

    arm.pat = ir.PCons(line, part("head"), part("tail"))
    arm.body = body


def _drop_aliases(expr: ir.Expr, dropped: set[int]) -> ir.Expr:
    """Remove ``let t = x`` bindings whose uses were all redirected."""

    def strip(node: ir.Expr) -> ir.Expr:
        while isinstance(node, ir.Let) and node.var.id in dropped:
            node = node.body
        return node

    expr = strip(expr)
    rewrite_top_down(expr, strip)
    return expr
