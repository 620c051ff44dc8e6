"""How a call is watched and given recursion room without a lock on its path.

A guard stays in the deadline thread's view from one run to the next, so most calls take no
lock to be watched (:mod:`fusabi_host.lang.deadline`); and a call takes the recursion room
only once it recurses past :data:`~fusabi_host.lang.program.SHALLOW_DEPTH`
(:mod:`fusabi_host.lang.recursion`).  These tests hold the guarantees that must survive that:
every deadline still fires, no call is tripped for another's limit, ``max_depth`` is exact on
both sides of the shallow budget, and the host's recursion limit is its own between calls.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from fusabi_host import (
    EngineConfig,
    LimitExceeded,
    Limits,
    LoaderConfig,
    PluginRuntime,
    RuntimeConfig,
)
from fusabi_host.lang import recursion
from fusabi_host.lang.deadline import DEADLINES
from fusabi_host.lang.guard import Guard
from fusabi_host.lang.program import SHALLOW_DEPTH
from tests.runtime.test_loader import write_plugin

CODE = """\
let inc x = x + 1
let forever () = while true do ()
let spin turns =
    let mutable sum = 0
    for i in 1 .. turns do sum <- sum + i % 7
    sum
let rec down n turns = if n = 0 then spin turns else 1 + down (n - 1) turns
let rec depth n = if n = 0 then 0 else 1 + depth (n - 1)
"""


SPIN = 3_000_000  # (turns of spin: a tenth of a second or more on this kind of machine)


def runtime_for(tmp_path: Path, limits: Limits, *names: str) -> PluginRuntime:
    config = RuntimeConfig(
        loader=LoaderConfig(engine=EngineConfig(limits=limits)), autoload_extensions=False
    )
    runtime = PluginRuntime(config)
    for name in names or ("watched",):
        runtime.load_manifest(write_plugin(tmp_path, name, CODE))
    return runtime


def test_a_deadline_fires_for_a_guard_still_in_view_from_the_last_call(tmp_path: Path) -> None:
    with runtime_for(tmp_path, Limits(timeout=0.3)) as runtime:
        inc = runtime.function("watched", "inc")
        for round_ in range(3):
            for i in range(2_000):  # (the guard stays in view: no lock on these calls)
                assert inc(i) == i + 1
            started = time.monotonic()
            with pytest.raises(LimitExceeded) as hit:
                runtime.call("watched", "forever")
            assert hit.value.limit == "timeout", round_
            assert time.monotonic() - started < 0.3 + 1.0
        assert inc(1) == 2


def test_nothing_accumulates_in_view_across_many_calls(tmp_path: Path) -> None:
    with runtime_for(tmp_path, Limits(timeout=5.0, max_memory_bytes=64 << 20)) as runtime:
        inc = runtime.function("watched", "inc")
        for i in range(20_000):
            inc(i)
        assert DEADLINES.active == 0
        assert DEADLINES.watched <= 1  # (the instance's one guard, until the thread looks)
        time.sleep(0.05)  # (the thread samples memory every 5 ms, and lets go of ended runs)
        assert DEADLINES.watched == 0


def test_no_call_is_tripped_by_another_threads_limit(tmp_path: Path) -> None:
    """Four threads make short calls while a fifth runs into its deadline over and over:
    every short call succeeds, and every long one ends in its own timeout.  (The timeout is
    a second, so that no short call on a loaded machine, waiting its turn for the
    interpreter among six threads, comes near it.)"""
    names = ("a", "b", "c", "d", "slow")
    with runtime_for(tmp_path, Limits(timeout=1.0), *names) as runtime:
        failures: list[BaseException] = []
        timeouts: list[str] = []
        done = threading.Event()

        def short(name: str) -> None:
            inc = runtime.function(name, "inc")
            try:
                while not done.is_set():
                    for i in range(200):
                        assert inc(i) == i + 1
            except BaseException as error:  # (reported below)
                failures.append(error)

        def slow() -> None:
            try:
                for _ in range(3):
                    with pytest.raises(LimitExceeded) as hit:
                        runtime.call("slow", "forever")
                    timeouts.append(hit.value.limit or "")
            except BaseException as error:
                failures.append(error)
            finally:
                done.set()

        threads = [threading.Thread(target=short, args=(name,)) for name in names[:4]]
        threads.append(threading.Thread(target=slow))
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
        assert not any(thread.is_alive() for thread in threads)
        assert failures == []
        assert timeouts == ["timeout"] * 3


def test_a_trip_meant_for_an_earlier_run_is_dropped() -> None:
    """The deadline thread reads a run's generation before it decides; a guard rearmed since
    is a new run, which the trip must not reach."""
    guard = Guard(timeout=10.0)
    ns: dict[str, object] = {"_stop": False}
    earlier = guard.generation
    guard.rearm("next")
    guard.attach(ns)
    guard.trip_run(earlier, "timeout")
    assert guard.tripped is None and ns["_stop"] is False
    guard.trip_run(guard.generation, "timeout")
    assert ns["_stop"] is True
    with pytest.raises(LimitExceeded) as hit:
        guard.raise_tripped()
    assert hit.value.limit == "timeout"


@pytest.mark.parametrize(
    "max_depth", [SHALLOW_DEPTH - 1, SHALLOW_DEPTH, SHALLOW_DEPTH + 1, 3 * SHALLOW_DEPTH]
)
def test_max_depth_is_exact_on_both_sides_of_the_shallow_budget(
    tmp_path: Path, max_depth: int
) -> None:
    with runtime_for(tmp_path, Limits(max_depth=max_depth)) as runtime:
        depth = runtime.function("watched", "depth")
        for _ in range(2):  # (and again: each call starts from its whole allowance)
            assert depth(max_depth - 1) == max_depth - 1
            with pytest.raises(LimitExceeded) as hit:
                depth(max_depth)
            assert hit.value.limit == "max_depth"


def test_the_recursion_limit_is_raised_only_while_a_call_recurses_deep(tmp_path: Path) -> None:
    """Seen from another thread: a shallow call leaves the process's recursion limit alone,
    a deep one raises it while it runs, and it is the host's again after each."""
    host_limit = sys.getrecursionlimit()
    seen: list[int] = []
    stop = threading.Event()

    def sample() -> None:
        while not stop.is_set():
            seen.append(sys.getrecursionlimit())
            time.sleep(0.002)

    with runtime_for(tmp_path, Limits(timeout=5.0)) as runtime:
        sampler = threading.Thread(target=sample)
        sampler.start()
        try:
            runtime.call("watched", "down", [3, SPIN])  # (shallow)
            shallow = list(seen)
            runtime.call("watched", "down", [2 * SHALLOW_DEPTH, SPIN])  # (deep)
        finally:
            stop.set()
            sampler.join(10)
    assert len(shallow) > 5 and set(shallow) == {host_limit}
    assert max(seen) > host_limit
    assert sys.getrecursionlimit() == host_limit
    assert recursion.users() == 0


def test_the_recursion_room_holds_for_every_user_while_threads_race() -> None:
    """Entries and exits from many threads, with the interpreter switching threads as often
    as it can: while a user is in, the limit is at least what it asked for, and once the
    last one is out it is the host's again."""
    host_limit = sys.getrecursionlimit()
    wrong: list[int] = []
    switch = sys.getswitchinterval()

    def user(needed: int) -> None:
        for _ in range(3_000):
            recursion.enter_room(needed)
            if sys.getrecursionlimit() < needed:
                wrong.append(needed)
            recursion.leave_recursion_room()

    sys.setswitchinterval(1e-6)
    try:
        threads = [threading.Thread(target=user, args=(5_000 + 1_000 * i,)) for i in range(6)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
    finally:
        sys.setswitchinterval(switch)
    assert not any(thread.is_alive() for thread in threads)
    assert wrong == []
    assert recursion.users() == 0
    assert sys.getrecursionlimit() == host_limit


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")
def test_a_forked_child_still_enforces_the_deadline(tmp_path: Path) -> None:
    """The parent's guard was in view of the parent's thread; in a child it must come back
    into view of the child's own thread, or a timeout would never fire there."""
    with runtime_for(tmp_path, Limits(timeout=0.3)) as runtime:
        inc = runtime.function("watched", "inc")
        for i in range(100):
            inc(i)
        pid = os.fork()
        if pid == 0:  # (the child: exit 0 only if the deadline fired)
            signal.alarm(10)  # (a child whose deadline never fires dies of SIGALRM)
            code = 1
            try:
                runtime.call("watched", "forever")
            except LimitExceeded as error:
                code = 0 if error.limit == "timeout" else 2
            finally:
                os._exit(code)
        _, status = os.waitpid(pid, 0)
        assert os.WIFEXITED(status), f"the child died: status {status}"
        assert os.WEXITSTATUS(status) == 0


_THREAD_DIES = """
import sys, threading, time
from fusabi_host import EngineConfig, LimitExceeded, Limits, compile_source
from fusabi_host.lang.deadline import DEADLINES
code = "let inc x = x + 1\\nlet forever () = while true do ()\\n"
limits = Limits(timeout=0.3, max_memory_bytes=None)
instance = compile_source(code).instantiate(EngineConfig(limits=limits))
for i in range(100):
    instance.call("inc", i)  # (the guard is in view now)
threading.excepthook = lambda args: None  # (the thread's death is the point, not news)
failing = DEADLINES._check
def fail_once(now):
    DEADLINES._check = failing
    raise RuntimeError("the deadline thread fails")
DEADLINES._check = fail_once
with DEADLINES._condition:
    DEADLINES._wake_at = 0.0
    DEADLINES._condition.notify()
while DEADLINES._thread is not None:
    time.sleep(0.01)
try:
    instance.call("forever")
except LimitExceeded as error:
    print("tripped:", error.limit)
"""


def _output_of(script: str, *, timeout: float) -> str:
    """What *script* prints, run in a fresh interpreter under a hard *timeout* (a hang is a
    failing test, not a stuck pytest); it must exit cleanly."""
    done = subprocess.run(
        [sys.executable, "-c", script],
        check=False,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout.strip()


def test_a_deadline_thread_that_dies_leaves_no_guard_unwatched() -> None:
    """Were the deadline thread ever to end, the guards it had in view must come back
    through :meth:`Deadlines.watch`, which starts a new thread: a call that takes no lock
    must never count on a thread that is gone."""
    assert _output_of(_THREAD_DIES, timeout=30) == "tripped: timeout"


DEEP_VALUES = """\
type T = Leaf | Node of T
let rec build n acc = if n = 0 then acc else build (n - 1) (Node acc)
let deep n = build n Leaf
let equal n = deep n = deep n
let ordered n = compare (deep n) (deep (n - 1))
let hashed n = hash (deep n) = hash (deep n)
let distinct n = List.distinct [deep n; deep n; deep (n - 1)] |> List.length
let shown n = (string (deep n)).Length
"""


@pytest.mark.parametrize(
    ("function", "expected"),
    [("equal", True), ("ordered", 1), ("hashed", True), ("distinct", 2), ("shown", 6 * 3000 + 4)],
)
def test_a_shallow_call_may_still_walk_a_deeply_nested_value(
    tmp_path: Path, function: str, expected: object
) -> None:
    """Building the value is a tail call (no depth), so the run never takes the recursion
    room for its own calls; equality, comparison and hashing recurse once per level in
    Python, and take the room as they go (every 64 containers)."""
    host_limit = sys.getrecursionlimit()
    config = RuntimeConfig(autoload_extensions=False)
    with PluginRuntime(config) as runtime:
        runtime.load_manifest(write_plugin(tmp_path, "deep", DEEP_VALUES))
        assert runtime.call("deep", function, [3000]) == expected
    assert sys.getrecursionlimit() == host_limit


_GUARDS_IN_TURN = f"""
import time
import fusabi_host
from fusabi_host import EngineConfig, LimitExceeded, Limits
from fusabi_host.lang.guard import RunLimits

instance = fusabi_host.compile_source({CODE!r}).instantiate(
    EngineConfig(limits=Limits(timeout=10.0, max_fuel=None))
)
raw = instance.raw
for _ in range(2):
    try:
        raw.call("forever", limits=RunLimits(max_fuel=5_000))
    except LimitExceeded as error:
        assert error.limit == "max_fuel", error.limit
    else:
        raise SystemExit("the fuel limit did not stop the loop")
    started = time.monotonic()
    try:
        raw.call("forever", limits=RunLimits(timeout=0.2))
    except LimitExceeded as error:
        assert error.limit == "timeout" and time.monotonic() - started < 5, error.limit
    else:
        raise SystemExit("the deadline did not stop the loop")
    assert instance.call("inc", 1) == 2  # (the instance's own guard: no fuel limit)
    assert instance.call("spin", 20_000) == raw.call("spin", 20_000)
assert raw.ns["_stop"] is False  # (clear between runs, whatever guard ran last)
print("each run stopped by its own guard")
"""


def test_each_run_of_an_instance_is_stopped_by_its_own_guard() -> None:
    """The code of an instance calls the poll of the guard it last ran under (``_interrupt``
    is left in place between runs): a run under another guard must switch it, in both
    directions, or a loop would be polled on the wrong guard and never stop (hence the
    subprocess with a hard timeout)."""
    assert _output_of(_GUARDS_IN_TURN, timeout=60) == "each run stopped by its own guard"
