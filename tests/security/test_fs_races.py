"""``fs:`` grants hold against symbolic links and against a concurrent local writer.

The ``File`` module walks from the granted root one component at a time on directory
descriptors (:mod:`fusabi_host.lang.beneath`), never resolving a path and opening it by name
later.  These tests run real plugin code through the public engine API on real files: links
inside the grant are followed, links (and ``..``, and ``/proc/self/root``) leading outside are
refused, and a second thread or process swapping a granted directory for a link to an outside
folder in a tight loop never makes a plugin read, write or delete outside its grant.

Every call runs under a deadline and every test under an alarm, so a regression fails
instead of hanging.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from fusabi_host import Capabilities, EngineConfig, Limits, compile_source
from fusabi_host.errors import CapabilityError, FusabiError, FusabiRuntimeError
from fusabi_host.lang import beneath

ROOT = Path(__file__).resolve().parents[2]
RACE_SECONDS = 2.0
PUBLIC = "public"
SECRET = "secret"

SOURCE = """
let read p = File.readAllText p
let lines p = File.readLines p
let write p text = File.writeAllText p text
let append p text = File.appendLine p text
let exists p = File.exists p
let delete p = File.delete p
"""

pytestmark = pytest.mark.skipif(
    os.open not in os.supports_dir_fd or not hasattr(os, "O_NOFOLLOW"),
    reason="needs open(dir_fd=) and O_NOFOLLOW",
)


@pytest.fixture(autouse=True)
def alarm() -> Iterator[None]:
    """A kill timer independent of pytest: a hung test fails after 60 seconds."""

    def expired(_signum: int, _frame: object) -> None:
        raise RuntimeError("test took longer than 60 seconds")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(60)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


class World:
    """``granted/`` (holding ``dir/file`` = public) and ``outside/`` (holding ``file`` and
    ``secret.txt`` = secret), side by side in a real temporary directory."""

    def __init__(self, tmp_path: Path) -> None:
        self.top = tmp_path.resolve()
        self.granted = self.top / "granted"
        self.outside = self.top / "outside"
        (self.granted / "dir").mkdir(parents=True)
        self.outside.mkdir()
        (self.granted / "dir" / "file").write_text(PUBLIC)
        (self.granted / "file").write_text(PUBLIC)
        (self.outside / "file").write_text(SECRET)
        (self.outside / "secret.txt").write_text(SECRET)

    def plugin(self, *grants: str, base_dir: Path | None = None) -> Any:
        """An instance granted *grants* (default: read and write on ``granted/``)."""
        grants = grants or (f"fs:read={self.granted}", f"fs:write={self.granted}")
        config = EngineConfig(capabilities=Capabilities.of(*grants), limits=Limits(timeout=10))
        unit = compile_source(SOURCE)
        return unit.instantiate(config, base_dir=base_dir or self.granted)

    def outside_untouched(self) -> bool:
        return sorted(p.name for p in self.outside.iterdir()) == ["file", "secret.txt"] and all(
            p.read_text() == SECRET for p in self.outside.iterdir()
        )


@pytest.fixture
def world(tmp_path: Path) -> World:
    return World(tmp_path)


def refused(call: Callable[[], object], capability: str, resource: str) -> None:
    with pytest.raises(CapabilityError) as info:
        call()
    assert (info.value.capability, info.value.resource) == (capability, resource)


def io_error(call: Callable[[], object]) -> str:
    with pytest.raises(FusabiRuntimeError) as info:
        call()
    message = str(info.value)
    assert "IOException" in message, message
    return message


# =========================================================================== links, statically


def test_links_inside_the_grant_are_followed(world: World) -> None:
    g = world.granted
    (g / "abs.txt").symlink_to(g / "dir" / "file")
    (g / "rel.txt").symlink_to("dir/file")
    (g / "dirlink").symlink_to("dir", target_is_directory=True)
    (g / "dir" / "up").symlink_to("..", target_is_directory=True)
    (g / "dir" / "sibling").symlink_to("../file")
    (g / "chain1").symlink_to("chain2")
    (g / "chain2").symlink_to(g / "dirlink" / "up" / "rel.txt")
    plugin = world.plugin()
    for path in ("abs.txt", "rel.txt", "dirlink/file", "dir/up/dir/file", "dir/sibling", "chain1"):
        assert plugin.call("read", path) == PUBLIC, path
        assert plugin.call("read", str(g / path)) == PUBLIC, path
        assert plugin.call("exists", path) is True, path
    plugin.call("write", "dirlink/new.txt", "x")
    assert (g / "dir" / "new.txt").read_text() == "x"


def test_a_granted_root_that_is_itself_a_link_is_trusted(world: World) -> None:
    alias = world.top / "alias"
    alias.symlink_to(world.granted, target_is_directory=True)
    plugin = world.plugin(f"fs:read={alias}", base_dir=alias)
    assert plugin.call("read", str(alias / "dir" / "file")) == PUBLIC
    assert plugin.call("read", "dir/file") == PUBLIC  # base_dir resolves to the real folder
    assert plugin.call("read", str(world.granted / "dir" / "file")) == PUBLIC  # its real location
    refused(
        lambda: plugin.call("read", str(alias / ".." / "outside" / "file")),
        "fs:read",
        str(world.outside / "file"),
    )


def test_links_leading_outside_the_grant_are_refused(world: World) -> None:
    g, out = world.granted, world.outside
    (g / "abs.txt").symlink_to(out / "secret.txt")
    (g / "rel.txt").symlink_to("../outside/secret.txt")
    (g / "outdir").symlink_to(out, target_is_directory=True)
    (g / "dir" / "deep").symlink_to("../../outside", target_is_directory=True)
    (g / "hop").symlink_to("dir/deep/secret.txt")
    (g / "root").symlink_to("/", target_is_directory=True)
    secret = str(out / "secret.txt")
    plugin = world.plugin()
    for path in ("abs.txt", "rel.txt", "outdir/secret.txt", "dir/deep/secret.txt", "hop"):
        refused(lambda: plugin.call("read", path), "fs:read", secret)  # noqa: B023
        refused(lambda: plugin.call("lines", path), "fs:read", secret)  # noqa: B023
        refused(lambda: plugin.call("exists", path), "fs:read", secret)  # noqa: B023
        refused(lambda: plugin.call("write", path, "pwned"), "fs:write", secret)  # noqa: B023
        refused(lambda: plugin.call("append", path, "pwned"), "fs:write", secret)  # noqa: B023
    refused(lambda: plugin.call("read", f"root{secret}"), "fs:read", secret)
    refused(lambda: plugin.call("write", "outdir/new.txt", "x"), "fs:write", str(out / "new.txt"))
    refused(lambda: plugin.call("delete", "outdir/secret.txt"), "fs:write", secret)
    assert world.outside_untouched()


def test_dangling_links_create_inside_the_grant_only(world: World) -> None:
    g, out = world.granted, world.outside
    (g / "to-new").symlink_to("dir/created.txt")
    (g / "to-outside").symlink_to(out / "created.txt")
    plugin = world.plugin()
    plugin.call("write", "to-new", "made")
    assert (g / "dir" / "created.txt").read_text() == "made"
    refused(lambda: plugin.call("write", "to-outside", "x"), "fs:write", str(out / "created.txt"))
    assert world.outside_untouched()


def test_dot_dot_never_leaves_the_grant(world: World) -> None:
    g, out = world.granted, world.outside
    secret = str(out / "secret.txt")
    plugin = world.plugin()
    for path in (
        "../outside/secret.txt",
        "dir/../../outside/secret.txt",
        f"{g}/../outside/secret.txt",
        f"{g}/dir/../../../../../../{out}/secret.txt",
        "./../outside/./secret.txt",
    ):
        refused(lambda: plugin.call("read", path), "fs:read", secret)  # noqa: B023
    # ``..`` in the plugin's path is textual: "dirlink/.." is the granted folder even when
    # "dirlink" points elsewhere; ``..`` in a link target is the link's own directory's parent
    (g / "dirlink").symlink_to(out, target_is_directory=True)
    assert plugin.call("read", "dirlink/../file") == PUBLIC
    (g / "dir" / "esc").symlink_to("../../../../../../../../..", target_is_directory=True)
    refused(lambda: plugin.call("read", f"dir/esc{secret}"), "fs:read", secret)
    (g / "dir" / "back").symlink_to("../../granted/file")  # leaves the root, comes back in
    assert plugin.call("read", "dir/back") == PUBLIC


def test_proc_self_root_and_fd_links_are_refused(world: World) -> None:
    if not Path("/proc/self/root").exists():
        pytest.skip("needs /proc")
    g, out = world.granted, world.outside
    secret = str(out / "secret.txt")
    plugin = world.plugin()
    via_root = f"/proc/self/root{secret}"
    refused(lambda: plugin.call("read", via_root), "fs:read", via_root)
    (g / "proc").symlink_to(via_root)
    refused(lambda: plugin.call("read", "proc"), "fs:read", via_root)
    (g / "cwd").symlink_to("/proc/self/cwd", target_is_directory=True)
    refused(lambda: plugin.call("read", "cwd/x"), "fs:read", "/proc/self/cwd/x")
    (g / "fds").symlink_to("/proc/thread-self/fd", target_is_directory=True)
    refused(lambda: plugin.call("read", "fds/0"), "fs:read", "/proc/thread-self/fd/0")
    # the magic links of /proc are never followed by the kernel, even under an unscoped grant:
    # their text is resolved like any link (here "/"), so the path taken is the real one
    unscoped = world.plugin("fs:read")
    assert unscoped.call("read", via_root) == SECRET
    narrow = world.plugin(f"fs:read={g}", "fs:read=/proc")
    refused(lambda: narrow.call("read", via_root), "fs:read", secret)


def test_link_loops_fail_without_hanging(world: World) -> None:
    g = world.granted
    (g / "loop").symlink_to("loop")
    (g / "a").symlink_to("b")
    (g / "b").symlink_to("a/x")
    plugin = world.plugin()
    start = time.monotonic()
    for path in ("loop", "a", "loop/x"):
        assert "symbolic links" in io_error(lambda: plugin.call("read", path))  # noqa: B023
        assert plugin.call("exists", path) is False
    chain = "dir/file"
    for i in range(beneath.MAX_SYMLINKS):
        (g / f"n{i}").symlink_to(chain)
        chain = f"n{i}"
    assert plugin.call("read", chain) == PUBLIC  # 40 links: the limit, still followed
    (g / "over").symlink_to(chain)
    assert "symbolic links" in io_error(lambda: plugin.call("read", "over"))
    assert time.monotonic() - start < 5


def test_delete_removes_links_and_never_reaches_through_them(world: World) -> None:
    g, out = world.granted, world.outside
    (g / "tofile").symlink_to(out / "secret.txt")
    (g / "todir").symlink_to(out, target_is_directory=True)
    plugin = world.plugin()
    plugin.call("delete", "tofile")
    plugin.call("delete", "todir")  # a link to a directory is a link: removed
    assert not (g / "tofile").is_symlink() and not (g / "todir").is_symlink()
    (g / "todir").symlink_to(out, target_is_directory=True)
    refused(lambda: plugin.call("delete", "todir/file"), "fs:write", str(out / "file"))
    assert "it is a directory" in io_error(lambda: plugin.call("delete", "dir"))
    assert "it is a directory" in io_error(lambda: plugin.call("delete", str(g)))
    plugin.call("delete", "missing/also-missing")  # nothing to delete: nothing happens
    assert world.outside_untouched()


def test_fifos_behind_links_never_block(world: World) -> None:
    os.mkfifo(world.granted / "pipe")
    (world.granted / "pipelink").symlink_to("pipe")
    plugin = world.plugin()
    start = time.monotonic()
    assert "not a regular file" in io_error(lambda: plugin.call("read", "pipelink"))
    io_error(lambda: plugin.call("write", "pipelink", "x"))
    assert plugin.call("exists", "pipelink") is False
    assert time.monotonic() - start < 2


def test_a_tilde_is_a_file_name_not_the_home_directory(world: World) -> None:
    (world.granted / "~").mkdir()
    (world.granted / "~" / "f").write_text("tilde")
    assert world.plugin().call("read", "~/f") == "tilde"


def test_denials_name_the_resolved_path_and_reach_the_denied_hook(world: World) -> None:
    (world.granted / "link").symlink_to(world.outside / "secret.txt")
    seen: list[tuple[str, str | None]] = []
    plugin = world.plugin(f"fs:read={world.granted}")
    plugin.context.on_denied = lambda capability, resource: seen.append((capability, resource))
    with pytest.raises(CapabilityError, match=r"secret\.txt"):
        plugin.call("read", "link")
    with pytest.raises(CapabilityError):
        plugin.call("write", "new.txt", "x")  # no fs:write at all: refused before any walk
    assert seen == [
        ("fs:read", str(world.outside / "secret.txt")),
        ("fs:write", str(world.granted / "new.txt")),
    ]
    assert not (world.granted / "new.txt").exists()


# =========================================================================== races


def _exchange() -> Callable[[str, str], None] | None:
    """Atomically exchange two paths (Linux renameat2 RENAME_EXCHANGE), or ``None``."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return None
    at_fdcwd, rename_exchange = -100, 2

    def exchange(a: str, b: str) -> None:
        if renameat2(at_fdcwd, a.encode(), at_fdcwd, b.encode(), rename_exchange) != 0:
            code = ctypes.get_errno()
            raise OSError(code, os.strerror(code))

    return exchange


def swap(path: str, link_target: str, seconds: float, stop: threading.Event | None = None) -> int:
    """The attacker: swap *path* (a directory or file inside the grant) for a symbolic link to
    *link_target* and back, as fast as possible, for *seconds*; return the number of swaps.
    Also run as a separate process (``python -c``) by the tests below."""
    link, parked = path + ".link", path + ".parked"
    os.symlink(link_target, link)
    exchange = _exchange()
    if exchange is not None:
        try:
            exchange(link, path)
            exchange(link, path)
        except OSError as exc:
            if exc.errno not in (errno.ENOSYS, errno.EINVAL):
                raise
            exchange = None
    swaps = 0
    deadline = time.monotonic() + seconds
    try:
        while time.monotonic() < deadline and not (stop is not None and stop.is_set()):
            for _ in range(50):
                if exchange is not None:
                    exchange(link, path)  # path is now the link
                    exchange(link, path)  # and the real thing again
                else:
                    os.rename(path, parked)
                    os.symlink(link_target, path)
                    os.unlink(path)
                    os.rename(parked, path)
                swaps += 1
    finally:
        if os.path.islink(path) and exchange is not None:
            exchange(link, path)
        os.unlink(link)
    return swaps


@contextlib.contextmanager
def attacker_thread(path: Path, link_target: Path) -> Iterator[Callable[[], int]]:
    stop = threading.Event()
    result: list[int] = []
    thread = threading.Thread(
        target=lambda: result.append(swap(str(path), str(link_target), RACE_SECONDS * 3, stop)),
        daemon=True,
    )
    thread.start()
    try:
        yield lambda: len(result)
    finally:
        stop.set()
        thread.join(timeout=10)
        assert not thread.is_alive(), "the attacker thread did not stop"
    assert result and result[0] > 100, f"the attacker only managed {result} swaps"


@contextlib.contextmanager
def attacker_process(path: Path, link_target: Path) -> Iterator[Callable[[], int]]:
    code = (
        "import sys; from tests.security.test_fs_races import swap; "
        "print('ready', flush=True); print(swap(sys.argv[1], sys.argv[2], float(sys.argv[3])))"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen(
        [sys.executable, "-c", code, str(path), str(link_target), str(RACE_SECONDS)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "ready"
        yield lambda: 0 if child.poll() is None else 1
        out, err = child.communicate(timeout=RACE_SECONDS + 20)
        assert child.returncode == 0, err
        assert int(out.strip()) > 100, f"the attacker only managed {out.strip()} swaps"
    finally:
        if child.poll() is None:
            child.kill()
            child.communicate(timeout=10)


def hammer(attack: Callable[[], int], probe: Callable[[], str]) -> Counter[str]:
    """Run *probe* in a loop while the attacker runs (at most ``RACE_SECONDS``); count its
    outcomes: the text read, ``denied`` or ``io-error``."""
    outcomes: Counter[str] = Counter()
    deadline = time.monotonic() + RACE_SECONDS
    while time.monotonic() < deadline and not attack():
        try:
            outcomes[probe()] += 1
        except CapabilityError:
            outcomes["denied"] += 1
        except FusabiRuntimeError as error:
            assert "IOException" in str(error), error
            outcomes["io-error"] += 1
    return outcomes


ATTACKERS = {"thread": attacker_thread, "process": attacker_process}


@pytest.mark.slow
@pytest.mark.parametrize("attacker", ATTACKERS)
def test_swapping_a_directory_for_a_link_never_leaks(world: World, attacker: str) -> None:
    plugin = world.plugin(f"fs:read={world.granted}")
    target = str(world.granted / "dir" / "file")
    with ATTACKERS[attacker](world.granted / "dir", world.outside) as attack:
        outcomes = hammer(attack, lambda: plugin.call("read", target))
    assert outcomes[SECRET] == 0, outcomes
    assert outcomes[PUBLIC] > 0 and sum(outcomes.values()) > 100, outcomes
    assert outcomes["denied"] + outcomes["io-error"] > 0, f"no race happened: {outcomes}"
    assert plugin.call("read", target) == PUBLIC


@pytest.mark.slow
@pytest.mark.parametrize("attacker", ATTACKERS)
def test_swapping_the_file_itself_for_a_link_never_leaks(world: World, attacker: str) -> None:
    plugin = world.plugin(f"fs:read={world.granted}")
    target = str(world.granted / "file")
    with ATTACKERS[attacker](world.granted / "file", world.outside / "file") as attack:
        outcomes = hammer(attack, lambda: "".join(plugin.call("lines", target)))
    assert outcomes[SECRET] == 0, outcomes
    assert outcomes[PUBLIC] > 0 and outcomes["denied"] > 0, outcomes


def _put_back(world: World) -> None:
    """The host restores ``granted/dir/file`` the way the plugin's walk would: through
    descriptors, never following a link -- a plain ``Path.write_text`` here would follow the
    attacker's link and overwrite ``outside/file`` itself (which is what made this test fail
    before).  While the attacker has ``dir`` swapped for its link, nothing is put back."""
    top = os.open(world.granted, os.O_RDONLY | os.O_DIRECTORY)
    try:
        try:
            folder = os.open("dir", os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=top)
        except OSError:
            return  # swapped right now: put it back next round
        try:
            fd = os.open(
                "file", os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, dir_fd=folder
            )
            try:
                os.write(fd, PUBLIC.encode())
            finally:
                os.close(fd)
        finally:
            os.close(folder)
    finally:
        os.close(top)


@pytest.mark.slow
def test_writes_and_deletes_during_the_swap_stay_inside(world: World) -> None:
    plugin = world.plugin()
    appended = str(world.granted / "dir" / "out.txt")
    created = str(world.granted / "dir" / "created.txt")
    victim = str(world.granted / "dir" / "file")
    appends = 0

    def write_then_delete() -> str:
        nonlocal appends
        plugin.call("append", appended, "line")
        appends += 1
        plugin.call("write", created, "made")  # O_CREAT|O_TRUNC on a new name every round
        plugin.call("delete", created)
        plugin.call("delete", victim)
        _put_back(world)
        return "done"

    with attacker_thread(world.granted / "dir", world.outside) as attack:
        outcomes = hammer(attack, write_then_delete)
    assert world.outside_untouched(), {p.name: p.read_text() for p in world.outside.iterdir()}
    assert outcomes["done"] > 0 and outcomes["denied"] > 0, outcomes
    # every append that reported success landed in the granted folder's own file
    assert (world.granted / "dir" / "out.txt").read_text() == "line\n" * appends, appends
    assert sorted(p.name for p in world.granted.iterdir()) == ["dir", "file"]


Check = Callable[[str, "str | None"], None]


def _swap_after_check(world: World, check: Check, resource: str) -> tuple[Check, list[bool]]:
    """*check* followed, the first time it passes for *resource*, by the attacker's move:
    ``granted/dir`` is renamed to ``dir.parked`` and replaced by a link to ``outside/``.
    That is the race's worst case, made deterministic: the swap lands exactly between the
    check and the use."""
    fired: list[bool] = []

    def checked(capability: str, resource_: str | None = None) -> None:
        check(capability, resource_)
        if resource_ == resource and not fired:
            fired.append(True)
            os.rename(world.granted / "dir", world.granted / "dir.parked")
            os.symlink(world.outside, world.granted / "dir", target_is_directory=True)

    return checked, fired


def test_a_swap_between_check_and_open_leaks_with_realpath_then_open(world: World) -> None:
    """The control: the check-then-open resolution the walk replaced reads the outside file
    when the swap lands between its check and its open (so the tests here would catch a
    regression to it).  Deterministic: the swap is made from inside the check."""
    grant = Capabilities.of(f"fs:read={world.granted}")
    target = str(world.granted / "dir" / "file")

    def covers(capability: str, resource: str | None) -> None:
        if resource is None or not grant.covers(capability, resource):
            raise CapabilityError("outside", capability=capability, resource=resource)

    check, fired = _swap_after_check(world, covers, target)
    real = os.path.realpath(target)
    check("fs:read", real)
    fd = os.open(real, os.O_RDONLY | os.O_NOFOLLOW)  # (O_NOFOLLOW guards the last name only)
    try:
        leaked = os.read(fd, 100).decode()
    finally:
        os.close(fd)
    assert fired and leaked == SECRET


@pytest.mark.parametrize("operation", ["read", "exists", "write", "append", "delete"])
def test_a_swap_between_check_and_use_never_leaks_with_the_walk(
    world: World, operation: str
) -> None:
    """The same interleaving against the walk: the check passes for ``granted/dir/...``, the
    attacker swaps ``dir`` for a link, and the operation still happens in the real folder
    (now ``dir.parked``) because it works on the descriptor the walk opened."""
    plugin = world.plugin()
    name = "file" if operation in ("read", "exists", "delete") else "new.txt"
    path = str(world.granted / "dir" / name)
    plugin.context.require, fired = _swap_after_check(world, plugin.context.require, path)
    args = (path, "made") if operation in ("write", "append") else (path,)
    result = plugin.call(operation, *args)
    assert fired, "the check for the resolved path never ran"
    assert world.outside_untouched()
    parked = world.granted / "dir.parked"
    if operation == "read":
        assert result == PUBLIC
    elif operation == "exists":
        assert result is True
    elif operation == "delete":
        assert not (parked / "file").exists()
    else:
        assert (parked / "new.txt").read_text() == ("made" if operation == "write" else "made\n")


def test_errors_never_escape_as_raw_os_errors(world: World) -> None:
    plugin = world.plugin()
    (world.granted / "notadir").write_text("x")
    for call in (
        lambda: plugin.call("read", "notadir/x"),
        lambda: plugin.call("write", "notadir/x", "y"),
        lambda: plugin.call("delete", "notadir/x"),
        lambda: plugin.call("read", "missing/x"),
    ):
        with pytest.raises(FusabiError):
            call()
    assert plugin.call("exists", "notadir/x") is False
