"""F#'s ``Async``: ``async { }`` workflows, the builder functions they compile to, and
``Async.RunSynchronously``.

A workflow is data (:class:`~fusabi_host.lang.values.FzAsync`), as upstream Fusabi intends
(a free monad): ``async { let! x = m; return x + 1 }`` compiles to
``Async.Delay (fun () -> Async.Bind m (fun x -> Async.Return (x + 1)))`` (see
:mod:`fusabi_host.lang.asyncexpr`), and building it runs nothing.  :func:`run` interprets it
with an explicit continuation stack, so ``return! loop (n - 1)`` runs in constant memory however
long the loop, and a deep non-tail recursion meets the run's ``max_depth`` limit instead of the C
stack.  The run's fuel and deadline are charged at every step.

Where this differs from .NET (documented in ``docs/fsharp.rst``): there is one thread, so
``Async.Parallel`` runs its workflows one after the other (in order) and ``Async.Start`` runs
its workflow to the end before it returns; ``Async.Sleep`` really sleeps, never past the run's
deadline.  Exceptions raised by plugin code are caught by ``try ... with`` inside a workflow;
host errors (a limit hit, a capability refused) end the whole run and run no handler.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, Final

from fusabi_host.lang import guard, lazyseq
from fusabi_host.lang.exceptions import fail
from fusabi_host.lang.stdlib.registry import builtin, upstream_form
from fusabi_host.lang.values import FusabiException, FzArray, FzAsync, type_name

__all__ = ["run"]

Fn = Callable[[Any], Any]

ASYNC_PURE: Final = 0  # first: the value
ASYNC_BIND: Final = 1  # first: a workflow; second: its continuation ('a -> Async<'b>)
ASYNC_DELAY: Final = 2  # first: a function of () giving the workflow
ASYNC_COMBINE: Final = 3  # first: a workflow of unit; second: the workflow after it
ASYNC_TRY_WITH: Final = 4  # first: a workflow; second: exn -> Async<'a>
ASYNC_TRY_FINALLY: Final = 5  # first: a workflow; second: unit -> unit
ASYNC_FOR: Final = 6  # first: a sequence; second: 'a -> Async<unit>
ASYNC_WHILE: Final = 7  # first: unit -> bool; second: the body (Async<unit>)
ASYNC_SLEEP: Final = 8  # first: milliseconds
ASYNC_MANY: Final = 9  # first: a Python list of workflows; their results as an array

# frames of the continuation stack (the first item of a frame tuple)
_CONTINUE: Final = 0  # (_, k): call k with the value
_THEN: Final = 1  # (_, workflow): the value is dropped, the workflow runs next
_CATCH: Final = 2  # (_, handler): a value passes; an exception goes to the handler
_FINALLY: Final = 3  # (_, finalizer): run it, then pass the value or the exception on
_LOOP: Final = 4  # (_, iterator, body): the next element's body, or unit when done
_WHILE: Final = 5  # (_, guard, body): the body again while the guard holds
_COLLECT: Final = 6  # (_, pending, results): the value is one result; the next runs

_UNIT: Final = FzAsync(ASYNC_PURE, None)

CHARGE_EVERY: Final = 64
"""Steps of the interpreter between two charges to the run (each step also calls plugin code,
which polls on its own; the charge bounds loops that call none)."""


def _workflow(value: object, what: str) -> FzAsync:
    if type(value) is not FzAsync:
        fail(
            "InvalidOperationException", f"{what} must be an async workflow, got {type_name(value)}"
        )
    return value


# --------------------------------------------------------------------------- the builder


@builtin("Async.Return", "'a -> Async<'a>")
def return_(value: object) -> FzAsync:
    """``return x`` in ``async { }``: a workflow whose result is *value*."""
    return FzAsync(ASYNC_PURE, value)


@builtin("Async.ReturnFrom", "Async<'a> -> Async<'a>")
def return_from(workflow: FzAsync) -> FzAsync:
    """``return! m``: the workflow itself."""
    return _workflow(workflow, "return!")


@builtin("Async.Bind", "Async<'a> -> ('a -> Async<'b>) -> Async<'b>")
def bind(workflow: FzAsync, continuation: Fn) -> FzAsync:
    """``let! x = m`` (and ``do! m``): run *workflow*, then *continuation* of its result."""
    return FzAsync(ASYNC_BIND, _workflow(workflow, "let! / do!"), continuation)


@builtin("Async.Delay", "(unit -> Async<'a>) -> Async<'a>")
def delay(make: Fn) -> FzAsync:
    """A workflow built when it runs: every ``async { }`` body is delayed, so building it runs
    none of its code."""
    return FzAsync(ASYNC_DELAY, make)


@builtin("Async.Zero", "unit -> Async<unit>")
def zero(_unit: None) -> FzAsync:
    """The workflow of an ``if`` without ``else``: does nothing, gives ``()``."""
    return _UNIT


@builtin("Async.Combine", "Async<unit> -> Async<'a> -> Async<'a>")
def combine(first: FzAsync, second: FzAsync) -> FzAsync:
    """*first*, then *second* (a statement of a workflow followed by the rest)."""
    return FzAsync(ASYNC_COMBINE, _workflow(first, "a statement"), _workflow(second, "the rest"))


@builtin("Async.TryWith", "Async<'a> -> (exn -> Async<'a>) -> Async<'a>")
def try_with(workflow: FzAsync, handler: Fn) -> FzAsync:
    """``try ... with`` in a workflow: an exception of *workflow* goes to *handler*."""
    return FzAsync(ASYNC_TRY_WITH, _workflow(workflow, "the body of 'try'"), handler)


@builtin("Async.TryFinally", "Async<'a> -> (unit -> unit) -> Async<'a>")
def try_finally(workflow: FzAsync, finalizer: Fn) -> FzAsync:
    """``try ... finally`` (and ``use``) in a workflow."""
    return FzAsync(ASYNC_TRY_FINALLY, _workflow(workflow, "the body of 'try'"), finalizer)


@builtin("Async.For", "'a seq -> ('a -> Async<unit>) -> Async<unit>")
def for_(source: object, body: Fn) -> FzAsync:
    """``for x in xs do`` with ``let!``/``do!`` in its body."""
    lazyseq.check_source(source)
    return FzAsync(ASYNC_FOR, source, body)


@builtin("Async.While", "(unit -> bool) -> Async<unit> -> Async<unit>")
def while_(condition: Fn, body: FzAsync) -> FzAsync:
    """``while cond do`` with ``let!``/``do!`` in its body."""
    return FzAsync(ASYNC_WHILE, condition, _workflow(body, "the body of 'while'"))


@builtin("Async.Statement", "unit -> Async<unit>")
def statement(_unit: None) -> FzAsync:
    """The last line of an ``async { }`` body when it is a plain expression: in F# a statement
    of type ``unit`` (``async { printfn "hi" }`` is an ``Async<unit>``)."""
    return _UNIT


@upstream_form("Async.Statement", "Async<'a> -> Async<'a>")
def statement_upstream(workflow: FzAsync) -> FzAsync:
    """Upstream's reading of a plain last line: the workflow it is (``async { m }`` is ``m``).
    Taken when that line is a workflow, which F# would reject."""
    return _workflow(workflow, "the last line of 'async { }'")


# --------------------------------------------------------------------------- the library


@builtin("Async.RunSynchronously", "Async<'a> -> 'a")
def run_synchronously(workflow: FzAsync) -> object:
    """Run *workflow* to its end and give its result (or raise its exception)."""
    return run(_workflow(workflow, "Async.RunSynchronously's argument"))


@builtin("Async.Start", "Async<unit> -> unit")
def start(workflow: FzAsync) -> None:
    """F# starts *workflow* on the thread pool; here it runs to its end before ``Start``
    returns (one thread per plugin call).  Its exception, if any, is raised here."""
    run(_workflow(workflow, "Async.Start's argument"))


@builtin("Async.StartImmediate", "Async<unit> -> unit")
def start_immediate(workflow: FzAsync) -> None:
    """Run *workflow* now, on the current thread (as F# starts it)."""
    run(_workflow(workflow, "Async.StartImmediate's argument"))


@builtin("Async.Ignore", "Async<'a> -> Async<unit>")
def ignore(workflow: FzAsync) -> FzAsync:
    """*workflow* with its result dropped."""
    return FzAsync(ASYNC_BIND, _workflow(workflow, "Async.Ignore's argument"), _to_unit)


def _to_unit(_value: object) -> FzAsync:
    return _UNIT


@builtin("Async.Sleep", "int -> Async<unit>")
def sleep(milliseconds: int) -> FzAsync:
    """A workflow that waits *milliseconds* when it runs (never past the run's deadline: a
    sleep that would end after it ends the run with the timeout limit)."""
    if milliseconds < 0:
        fail(
            "ArgumentOutOfRangeException",
            f"Async.Sleep expects a delay of 0 ms or more, got {milliseconds}",
        )
    return FzAsync(ASYNC_SLEEP, milliseconds)


@builtin("Async.Parallel", "Async<'a> seq -> Async<'a array>")
def parallel(workflows: object) -> FzAsync:
    """The results of *workflows*, in order.  F# may run them at the same time; here they run
    one after the other, which gives the same results for workflows that share no state."""
    return _many(workflows, "Async.Parallel")


@builtin("Async.Sequential", "Async<'a> seq -> Async<'a array>")
def sequential(workflows: object) -> FzAsync:
    """The results of *workflows*, run one after the other, in order."""
    return _many(workflows, "Async.Sequential")


def _many(workflows: object, what: str) -> FzAsync:
    items = lazyseq.materialise(workflows, "sequence of workflows")
    return FzAsync(
        ASYNC_MANY, [_workflow(item, f"each element of {what}'s argument") for item in items]
    )


# --------------------------------------------------------------------------- the interpreter


def run(workflow: FzAsync) -> object:
    """Interpret *workflow* to its result (see the module docstring)."""
    stack: list[tuple[Any, ...]] = []
    limit = lazyseq.stack_limit()
    current: FzAsync | None = workflow
    value: object = None
    error: FusabiException | None = None
    steps = 0
    while True:
        steps += 1
        if steps >= CHARGE_EVERY:
            steps = 0
            guard.spend(CHARGE_EVERY)
        if len(stack) > limit:
            lazyseq.too_deep("async workflows")
        if current is not None:
            try:
                current, value = _step(current, stack)
            except FusabiException as raised:
                current, error = None, raised
            continue
        if not stack:
            if error is not None:
                raise error
            return value
        frame = stack.pop()
        try:
            if error is not None:
                current, error = _unwind(frame, error)
            else:
                current, value = _deliver(frame, value, stack)
        except FusabiException as raised:
            current, error = None, raised


def _step(workflow: FzAsync, stack: list[tuple[Any, ...]]) -> tuple[FzAsync | None, object]:
    """Take one step into *workflow*: the workflow to run next (``None``: a value is ready,
    and is the second item), pushing what comes after it on *stack*."""
    kind = workflow.kind
    if kind == ASYNC_PURE:
        return None, workflow.first
    if kind == ASYNC_BIND:
        stack.append((_CONTINUE, workflow.second))
        return workflow.first, None
    if kind == ASYNC_DELAY:
        return _workflow(workflow.first(None), "the body of 'async { }'"), None
    if kind == ASYNC_COMBINE:
        stack.append((_THEN, workflow.second))
        return workflow.first, None
    if kind == ASYNC_TRY_WITH:
        stack.append((_CATCH, workflow.second))
        return workflow.first, None
    if kind == ASYNC_TRY_FINALLY:
        stack.append((_FINALLY, workflow.second))
        return workflow.first, None
    if kind == ASYNC_FOR:
        stack.append((_LOOP, lazyseq.enumerate_items(workflow.first), workflow.second))
        return None, None
    if kind == ASYNC_WHILE:
        stack.append((_WHILE, workflow.first, workflow.second))
        return None, None
    if kind == ASYNC_SLEEP:
        _sleep(workflow.first)
        return None, None
    if kind == ASYNC_MANY:
        pending: list[FzAsync] = list(reversed(workflow.first))
        stack.append((_COLLECT, pending, []))
        return None, _NOTHING
    raise AssertionError(f"unknown async step {kind}")  # pragma: no cover


_NOTHING: Final = object()
"""The value a ``_COLLECT`` frame first receives (no result yet)."""


def _deliver(
    frame: tuple[Any, ...], value: object, stack: list[tuple[Any, ...]]
) -> tuple[FzAsync | None, object]:
    """Hand *value* to *frame*: the workflow to run next, or ``None`` and the value to pass
    further down."""
    tag = frame[0]
    if tag == _CONTINUE:
        return _workflow(frame[1](value), "the rest of the workflow"), None
    if tag == _THEN:
        return frame[1], None
    if tag == _CATCH:
        return None, value
    if tag == _FINALLY:
        frame[1](None)
        return None, value
    if tag == _LOOP:
        for item in frame[1]:
            stack.append(frame)
            return _workflow(frame[2](item), "the body of 'for'"), None
        return None, None
    if tag == _WHILE:
        if frame[1](None):
            stack.append(frame)
            return frame[2], None
        return None, None
    if tag == _COLLECT:
        pending, results = frame[1], frame[2]
        if value is not _NOTHING:
            results.append(value)
        if pending:
            stack.append(frame)
            return pending.pop(), None
        guard.reserve_items(len(results), "array")
        return None, FzArray(results)
    raise AssertionError(f"unknown async frame {tag}")  # pragma: no cover


def _unwind(
    frame: tuple[Any, ...], error: FusabiException
) -> tuple[FzAsync | None, FusabiException | None]:
    """An exception meets *frame*: a handler takes it (the workflow it gives runs next), a
    finalizer runs and lets it pass, any other frame is dropped."""
    tag = frame[0]
    if tag == _CATCH:
        return _workflow(frame[1](error.value), "the handler of 'try ... with'"), None
    if tag == _FINALLY:
        frame[1](None)
    return None, error


SLEEP_SLICE: Final = 0.05
"""Seconds ``Async.Sleep`` waits between two looks at the run (a cancelled run stops
sleeping within this)."""


def _sleep(milliseconds: int) -> None:
    end = time.monotonic() + milliseconds / 1000
    while True:
        guard.checkpoint()
        left = end - time.monotonic()
        if left <= 0:
            return
        remaining = guard.remaining_time()
        if remaining is not None and remaining < left:
            time.sleep(max(remaining, 0))
            guard.deadline_passed()
        time.sleep(min(left, SLEEP_SLICE))
