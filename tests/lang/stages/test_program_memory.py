"""A compiled program keeps what it runs, not the trees it was built from: the compile cache
holds many programs, and every full garbage collection walks what they keep (hot reload's
latency grew with each edit while cached programs held their Python AST)."""

from __future__ import annotations

import ast
import gc

from fusabi_host.lang import compile_program
from fusabi_host.lang.fzb import compile_to_bytes, load_program

SOURCE = "\n".join(f"let f{i} (xs: int list) = List.map (fun x -> x * {i}) xs" for i in range(20))


def reachable(root: object, limit: int = 200_000) -> list[object]:
    seen: dict[int, object] = {}
    stack = [root]
    while stack and len(seen) < limit:
        current = stack.pop()
        if id(current) in seen or isinstance(current, type):
            continue
        seen[id(current)] = current
        stack.extend(gc.get_referents(current))
    return list(seen.values())


def test_a_compiled_program_holds_no_syntax_or_python_tree() -> None:
    for program in (compile_program(SOURCE, cache=False), load_program(compile_to_bytes(SOURCE))):
        assert not [o for o in reachable(program) if isinstance(o, ast.AST)]
        assert "def g_f3" in program.python_source()  # still available, generated again
