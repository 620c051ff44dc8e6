"""Open files beneath the plugin's ``fs:`` grants without racing a concurrent local writer.

Resolving a path with :func:`os.path.realpath`, checking the result and then opening it by name
is a time-of-check/time-of-use race: between the check and the open another process can swap a
directory for a symbolic link, and the kernel follows the link to wherever it points.  This
module never hands the kernel a path with more than one component:

1. The plugin's path is made absolute **lexically**: a relative path is joined to the plugin's
   directory (``Context.base_dir``, itself resolved once -- it is chosen by the host), and
   ``.``, ``..`` and repeated ``/`` are collapsed as text (``a/link/../b`` is ``a/b``, whatever
   ``link`` is).  ``~`` is an ordinary file name: the host's home directory is not the
   plugin's to name.
2. The longest granted root (an entry of ``Capabilities.scopes(capability)``; ``/`` when the
   grant is unscoped or the context has no grant) that covers the path is opened with
   ``O_DIRECTORY``.  The root is the host's choice and trusted, so symbolic links in the root
   itself are followed; a path below the root's real location (``/private/tmp/x`` for the
   root ``/tmp/x``) counts as below the root.
3. Every further component is opened relative to the directory before it
   (``dir_fd=``) with ``O_NOFOLLOW``: a component that is a symbolic link is not followed by
   the kernel but read (:func:`os.readlink`) and resolved here.  A relative target continues
   from the directory holding the link; ``..`` goes back to the directory the walk came from
   (the physical parent, as the kernel does) and is never opened by name; an absolute target,
   or ``..`` above the root, starts again from step 2 -- so it must be covered by a grant.  At
   most :data:`MAX_SYMLINKS` links are followed (then ``ELOOP``).
4. The capability is required (``Context.require``, so policies and the ``on_denied`` event see
   it as before) for the path the walk actually took -- the *resolved* path, in terms of the
   granted root -- and only then is the last component opened, created or removed, relative
   to the directory descriptor, again with ``O_NOFOLLOW``.  If it turned into a link since it
   was looked at, the walk goes on from there (counted as a link).  A path that is not below
   any granted root is required as it is (which reports the denial).  When the walk fails
   (a missing directory, a file where a directory should be) the capability is still required
   first, for the path the walk was heading to, so a plugin learns nothing about places it
   may not look at.

Everything after the check works on descriptors; no path string is resolved again later.

What this does not defend against (no path walk can): a process that may write both inside
and outside the grant moving a directory *out of* the grant while a walk is inside it (it
could as well move the outside file in), and hard links to outside files (which
``fs.protected_hardlinks`` restricts to files the linker owns).
"""

from __future__ import annotations

import errno
import os
import posixpath
import stat
from collections import deque
from collections.abc import Callable
from pathlib import Path
from typing import Final, TypeVar

from fusabi_host.lang.context import Context

__all__ = [
    "MAX_SYMLINKS",
    "Retry",
    "open_beneath",
    "resolve_path",
    "stat_beneath",
    "unlink_beneath",
    "walk_beneath",
]

MAX_SYMLINKS: Final = 40
"""Symbolic links one resolution may follow (Linux's limit) before failing with ``ELOOP``."""

_CLOEXEC: Final = getattr(os, "O_CLOEXEC", 0)
_NOFOLLOW: Final = getattr(os, "O_NOFOLLOW", 0)
_DIRECTORY: Final = getattr(os, "O_DIRECTORY", 0)
# O_PATH (Linux) opens a directory for walking with search permission only, as the kernel's own
# path lookup needs; elsewhere a directory is opened for reading.
_SEARCH: Final = getattr(os, "O_PATH", 0) or os.O_RDONLY
_DIR_FLAGS: Final = _SEARCH | _DIRECTORY | _NOFOLLOW | _CLOEXEC
_ROOT_FLAGS: Final = _SEARCH | _DIRECTORY | _CLOEXEC
# What open(O_NOFOLLOW) of a symbolic link fails with: ELOOP (Linux, macOS), EMLINK (FreeBSD),
# ENOTDIR (with O_DIRECTORY, or O_PATH|O_NOFOLLOW|O_DIRECTORY on Linux).
_LINK_ERRNOS: Final = frozenset({errno.ELOOP, errno.EMLINK, errno.ENOTDIR})

T = TypeVar("T")

Action = Callable[[int, str, "str | None"], T]
"""What to do with the last component: ``action(dir_fd, resolved_path, name)``."""


class Retry(Exception):  # (control flow, not an error)
    """Raised by a final action when the last component turned out to be a symbolic link
    (it was swapped since it was looked at): the walk reads the link and goes on."""


def _components(path: str) -> list[str]:
    return [c for c in path.split("/") if c and c != "."]


def _lexical(parts: list[str]) -> list[str]:
    """*parts* (of an absolute path) with ``..`` collapsed as text."""
    out: list[str] = []
    for part in parts:
        if part == "..":
            if out:
                out.pop()
        elif part and part != ".":
            out.append(part)
    return out


def _join(parts: list[str] | tuple[str, ...]) -> str:
    return "/" + "/".join(parts)


def resolve_path(ctx: Context, path: str) -> str:
    """*path* made absolute lexically: joined to the plugin's directory when relative, with
    ``.``, ``..`` and repeated ``/`` collapsed as text; no ``~`` expansion."""
    if not path.startswith("/"):
        base = os.path.realpath(ctx.base_dir if ctx.base_dir is not None else Path.cwd())
        path = posixpath.join(base, path)
    return _join(_lexical(path.split("/")))


class _Root:
    """A granted root: the entry as granted (paths are reported beneath it) and the
    spellings of the paths it covers (the entry and its real location)."""

    __slots__ = ("entry", "parts")

    def __init__(self, entry: str, parts: tuple[str, ...]) -> None:
        self.entry = entry
        self.parts = parts


def _roots(ctx: Context, capability: str) -> list[_Root]:
    """The roots a walk for *capability* may start from, longest spellings first."""
    grant = ctx.grant
    if grant is None:
        entries = ["/"]  # the context's check alone decides
    elif not grant.covers(capability):
        return []  # not granted anywhere: the check reports the denial before any walk
    else:
        scopes = grant.scopes(capability)
        entries = sorted(scopes) if scopes is not None else ["/"]
    roots: list[_Root] = []
    for entry in entries:
        spellings = {tuple(_lexical(entry.split("/")))}
        if entry != "/":
            spellings.add(tuple(_lexical(os.path.realpath(entry).split("/"))))
        roots.extend(_Root(entry, parts) for parts in spellings)
    roots.sort(key=lambda r: len(r.parts), reverse=True)
    return roots


def _readlink(name: str, dir_fd: int) -> str | None:
    """The target of the symbolic link *name* in *dir_fd*; ``None`` when it is not a link
    (or missing)."""
    try:
        return os.readlink(name, dir_fd=dir_fd)
    except OSError as exc:
        if exc.errno in (errno.EINVAL, errno.ENOENT, errno.ENOTDIR):
            return None
        raise


class _Walk:
    """One resolution of one path: the root it stands in, the directories opened below it,
    and the components still to walk."""

    def __init__(self, ctx: Context, capability: str) -> None:
        self.ctx = ctx
        self.capability = capability
        self.roots = _roots(ctx, capability)
        self.root = "/"
        self.root_fd = -1
        self.stack: list[tuple[str, int]] = []
        self.pending: deque[str] = deque()
        self.links = 0

    # -- state
    def fd(self) -> int:
        return self.stack[-1][1] if self.stack else self.root_fd

    def where(self, *more: str) -> str:
        """The resolved path of the current directory (plus *more*), beneath the root."""
        parts = [c for c in self.root.split("/") if c]
        parts.extend(name for name, _ in self.stack)
        parts.extend(more)
        return _join(_lexical(parts))

    def close(self) -> None:
        while self.stack:
            os.close(self.stack.pop()[1])
        if self.root_fd >= 0:
            os.close(self.root_fd)
            self.root_fd = -1

    # -- moves
    def start(self, parts: list[str]) -> None:
        """Go to the granted root covering the absolute path *parts* and queue the rest."""
        parts = [c for c in parts if c and c != "."]
        root = self._covering(parts)
        if root is None:
            parts = _lexical(parts)
            root = self._covering(parts)
        if root is None:
            # Below no granted root: this reports the denial.  A check that allows it
            # anyway (a context whose check is wider than its grant) is walked from "/".
            self.ctx.require(self.capability, _join(parts))
            root = _Root("/", ())
        self.close()
        self.root = root.entry
        self.pending = deque(parts[len(root.parts) :])
        try:
            self.root_fd = os.open(root.entry, _ROOT_FLAGS)
        except OSError:
            self.fail()
            raise

    def _covering(self, parts: list[str]) -> _Root | None:
        for root in self.roots:
            if tuple(parts[: len(root.parts)]) == root.parts:
                return root
        return None

    def follow(self, target: str) -> None:
        """Continue with the symbolic link target *target* in place of the current name."""
        self.links += 1
        if self.links > MAX_SYMLINKS:
            raise OSError(errno.ELOOP, os.strerror(errno.ELOOP))
        if not target:
            raise OSError(errno.ENOENT, os.strerror(errno.ENOENT))
        if target.startswith("/"):
            self.start(target.split("/") + list(self.pending))
        else:
            self.pending.extendleft(reversed(target.split("/")))

    def up(self) -> None:
        """``..``: back to the directory the walk came from, or above the root."""
        if self.stack:
            os.close(self.stack.pop()[1])
        elif self.root != "/":
            parent = _lexical([*self.root.split("/"), ".."])
            self.start(parent + list(self.pending))

    def fail(self) -> None:
        """Require the capability for where the walk was heading before an error escapes."""
        self.ctx.require(self.capability, self.where(*self.pending))

    # -- the walk
    def run(self, path: str, action: Action[T], *, follow_last: bool) -> T:
        self.start(path.split("/"))
        while True:
            self.ctx.checkpoint()
            if not self.pending:
                return self.finish(None, action)
            name = self.pending.popleft()
            if name in ("", "."):
                continue
            if name == "..":
                self.up()
                continue
            here = self.fd()
            if not self.pending:
                if follow_last:
                    target = self._probe(name, here)
                    if target is not None:
                        self.follow(target)
                        continue
                try:
                    return self.finish(name, action)
                except Retry:
                    self.pending.append(name)
                    self.links += 1
                    if self.links > MAX_SYMLINKS:
                        raise OSError(errno.ELOOP, os.strerror(errno.ELOOP)) from None
                    continue
            try:
                fd = os.open(name, _DIR_FLAGS, dir_fd=here)
            except OSError as exc:
                target = self._probe(name, here) if exc.errno in _LINK_ERRNOS else None
                if target is None:
                    self.pending.appendleft(name)
                    self.fail()
                    raise
                self.follow(target)
                continue
            self.stack.append((name, fd))

    def _probe(self, name: str, here: int) -> str | None:
        try:
            return _readlink(name, here)
        except OSError:
            self.pending.appendleft(name)
            self.fail()
            raise

    def finish(self, name: str | None, action: Action[T]) -> T:
        resolved = self.where(name) if name is not None else self.where()
        self.ctx.require(self.capability, resolved)
        return action(self.fd(), resolved, name)


def walk_beneath(
    ctx: Context, capability: str, path: str, action: Action[T], *, follow_last: bool = True
) -> T:
    """Resolve *path* beneath the grants of *capability* (see the module docstring), require
    the capability for the resolved path, and return ``action(dir_fd, resolved, name)``:
    *dir_fd* is the directory holding the last component *name* (``None`` when the path
    names a directory itself, such as a granted root; then *dir_fd* is that directory).
    *dir_fd* is closed when *action* returns; *action* raises :class:`Retry` when it found
    *name* to be a symbolic link.  With ``follow_last=False`` a last component that is a link
    is the link itself.  ``OSError`` escapes as it is; ``CapabilityError`` when denied."""
    walk = _Walk(ctx, capability)
    try:
        return walk.run(resolve_path(ctx, path), action, follow_last=follow_last)
    finally:
        walk.close()


def open_beneath(ctx: Context, capability: str, path: str, flags: int, mode: int = 0o666) -> int:
    """A descriptor of the file *path* opened with *flags* (``O_NOFOLLOW`` is added), after
    resolving it beneath the grants and requiring *capability* for the resolved path.  A
    path naming a directory opens that directory (so ``O_WRONLY`` fails with ``EISDIR``)."""
    flags |= _NOFOLLOW | _CLOEXEC

    def action(dir_fd: int, _resolved: str, name: str | None) -> int:
        try:
            return os.open(name if name is not None else ".", flags, mode, dir_fd=dir_fd)
        except OSError as exc:
            if name is not None and exc.errno in _LINK_ERRNOS and _readlink(name, dir_fd):
                raise Retry from None
            raise

    return walk_beneath(ctx, capability, path, action)


def stat_beneath(ctx: Context, capability: str, path: str) -> os.stat_result:
    """The status of what *path* names (links followed beneath the grants)."""

    def action(dir_fd: int, _resolved: str, name: str | None) -> os.stat_result:
        if name is None:
            return os.fstat(dir_fd)
        info = os.stat(name, dir_fd=dir_fd, follow_symlinks=False)
        if stat.S_ISLNK(info.st_mode):
            raise Retry
        return info

    return walk_beneath(ctx, capability, path, action)


def unlink_beneath(ctx: Context, capability: str, path: str) -> None:
    """Remove the directory entry *path* names (a link itself, never its target); directories
    are refused with ``IsADirectoryError``.  The directories leading to it are resolved
    beneath the grants."""

    def action(dir_fd: int, _resolved: str, name: str | None) -> None:
        if name is None:
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR))
        info = os.stat(name, dir_fd=dir_fd, follow_symlinks=False)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR))
        os.unlink(name, dir_fd=dir_fd)

    walk_beneath(ctx, capability, path, action, follow_last=False)
