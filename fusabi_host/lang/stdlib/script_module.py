"""Module ``Script``: evaluate Fusabi source at run time (upstream's EVAL effect).

The code is compiled as a program of its own (by the compiler the running instance put on its
context, :attr:`~fusabi_host.lang.context.Context.compile`: this module does not import the
compiler) and run with the calling instance's context, so it
has exactly the capabilities of the plugin that evaluates it and no access to the plugin's own
bindings.  Compiling and running happen under the guard of the calling run: the same deadline,
fuel, depth and memory.  Compile and run errors of the code become Fusabi exceptions the plugin
can catch; host errors (a refused capability, a limit) are never caught or shown to the plugin.
"""

from __future__ import annotations

from fusabi_host.errors import CompileError, FusabiRuntimeError
from fusabi_host.lang.context import Context
from fusabi_host.lang.exceptions import fail
from fusabi_host.lang.stdlib.registry import builtin
from fusabi_host.lang.values import FusabiException

MAX_DEPTH = 8  # Script.eval inside Script.eval inside ...


def _evaluate(ctx: Context, code: str) -> object:
    compile_program = ctx.compile
    if compile_program is None:  # a context no program instance runs with
        fail("InvalidOperationException", "Script.eval: no compiler in this context")
    depth = int(ctx.state.get("script_depth", 0))
    if depth >= MAX_DEPTH:
        fail("InvalidOperationException", "Script.eval is nested too deeply")
    ctx.state["script_depth"] = depth + 1
    try:
        unit = compile_program(code, "<Script.eval>")
        return unit.instantiate(ctx).value
    except CompileError as exc:
        fail("FormatException", f"Script.eval: {exc}")
    except FusabiRuntimeError as exc:
        fail("InvalidOperationException", f"Script.eval: {exc.reason}")
    finally:
        ctx.state["script_depth"] = depth


@builtin("Script.eval", "string -> dyn", context=True)
def eval_(ctx: Context, code: str) -> object:
    """Compile and run *code*; its final value."""
    return _evaluate(ctx, code)


@builtin("Script.evalToString", "string -> string", context=True)
def eval_to_string(ctx: Context, code: str) -> str:
    """The Display of *code*'s value, or ``"Error: ..."`` when it fails to compile or run."""
    from fusabi_host.lang.display import display  # noqa: PLC0415
    from fusabi_host.lang.exceptions import exception_message  # noqa: PLC0415

    try:
        return display(_evaluate(ctx, code))
    except FusabiException as exc:  # the code's own failure; host errors propagate
        return f"Error: {exception_message(exc.value)}"
