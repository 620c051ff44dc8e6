"""Command scopes: which programs, with which arguments, ``process:exec`` lets a plugin run.

A ``process:exec`` scope entry is a *command pattern*: the program, then literal arguments,
optionally ending in a lone ``*``::

    git                    git with any arguments (the program alone: as dangerous as git)
    git status *           git status, then anything
    git status             exactly "git status", nothing more
    /usr/bin/git log -- *  that file, "log", "--", then anything (operands, not options)
    git commit -m 'a b'    words are split and quoted as a POSIX shell would

``*`` means "any further arguments" and is allowed only as the last word; a ``*`` anywhere else
is refused (a wildcard in the middle would let the plugin put an option such as ``-c`` there,
which for most programs is as good as any arguments), and inside a word it is an ordinary
character.  An argument cannot contain a comma (commas separate scope entries).

What a plugin asks to run is checked as a *command resource*: its argument vector quoted as
a shell would (:func:`command_resource`, :func:`shlex.join`), e.g. ``git status '*'`` for
``["git", "status", "*"]`` -- readable in error messages, and never mistaken for a pattern,
since a literal ``*`` argument is always quoted.  A program alone (``"git"``) stands for that
program with any arguments, the same set the entry ``git`` covers.

Programs are resolved by the host, never by the plugin (:class:`CommandTable`): a bare name is
looked up in the host's ``PATH`` as it was when the instance was created (only absolute
directories of it), an absolute path names that file.  Two spellings name the same program
when they resolve to the same path (symbolic links of directories resolved, the file's own
link not followed, so ``/bin/sleep`` and ``sleep`` agree on a merged-``/usr`` system while two
names of a multi-call binary such as busybox stay different).
"""

from __future__ import annotations

import dataclasses
import functools
import os
import posixpath
import shlex
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from fusabi_host.capabilities import Capabilities

__all__ = [
    "COMMANDS_STATE",
    "CommandPattern",
    "CommandTable",
    "command_resource",
    "parse_command_pattern",
]

COMMANDS_STATE: Final = "process:commands"
"""The key of an instance's :class:`CommandTable` in ``Context.state``."""

_PROCESS_EXEC: Final = "process:exec"


@dataclasses.dataclass(frozen=True, slots=True)
class CommandPattern:
    """A set of argument vectors: *program*, then *args*, then (when *open*) anything."""

    program: str
    args: tuple[str, ...] = ()
    open: bool = True

    def covers(self, other: CommandPattern) -> bool:
        """Whether every argument vector *other* stands for is one this pattern stands for."""
        if other.program != self.program:
            return False
        if self.open:
            return other.args[: len(self.args)] == self.args
        return not other.open and other.args == self.args

    def __str__(self) -> str:
        text = shlex.join((self.program, *self.args))
        return f"{text} *" if self.open and self.args else text


def _program(word: str) -> str:
    if word == "*":
        raise ValueError("it must start with the program, not '*'")
    if "/" not in word:
        return word
    if not word.startswith("/"):
        raise ValueError(
            f"the program '{word}' must be a command name (looked up in the host's PATH) "
            "or an absolute path"
        )
    return posixpath.normpath(word).replace("//", "/")


@functools.lru_cache(maxsize=512)
def parse_command_pattern(text: str, *, entry: bool = False) -> CommandPattern:
    """Parse a scope entry (``entry=True``: strict, normalised) or a command resource.

    ``ValueError`` with the reason for text that is neither.
    """
    text = text.strip()
    explicit_open = len(text) >= 2 and text[-1] == "*" and text[-2] in " \t\r\n"
    if explicit_open:
        text = text[:-1].rstrip()
    try:
        words = shlex.split(text, comments=False, posix=True)
    except ValueError as exc:
        raise ValueError(f"it cannot be split into words ({exc})") from None
    if not words:
        raise ValueError("it names no program")
    if any("\x00" in word for word in words):
        raise ValueError("it contains a NUL character")
    program, args = words[0], tuple(words[1:])
    if entry:
        program = _program(program)
        if "*" in args:
            raise ValueError(
                "a '*' is only allowed as the last word, meaning any further arguments"
            )
    return CommandPattern(program, args, open=explicit_open or not args)


def command_resource(argv: Sequence[str]) -> str:
    """The resource ``process:exec`` is checked for when a plugin runs *argv*."""
    return shlex.join(argv)


def _canonical(path: str) -> str:
    """*path* with its directory's symbolic links resolved (not the file's own link)."""
    head, tail = posixpath.split(path)
    return posixpath.join(os.path.realpath(head or "/"), tail)


def _executable(path: str) -> bool:
    return os.path.isfile(path) and os.access(path, os.X_OK)


class CommandTable:
    """How one instance's programs are found: the host's ``PATH`` when the instance was made,
    and the programs of its ``process:exec`` scope entries, resolved then and kept."""

    __slots__ = ("_dirs", "_resolved", "entries", "search_path")

    def __init__(
        self, scopes: Iterable[str] = (), environ: Mapping[str, str] | None = None
    ) -> None:
        env = os.environ if environ is None else environ
        self.search_path: str = env.get("PATH", os.defpath)
        """The ``PATH`` every child process gets (the host's, whatever the plugin set)."""
        self._dirs = tuple(d for d in self.search_path.split(os.pathsep) if d.startswith("/"))
        self._resolved: dict[str, str] = {}
        self.entries: tuple[CommandPattern, ...] = tuple(
            parse_command_pattern(s, entry=True) for s in sorted(scopes)
        )
        for pattern in self.entries:
            self.resolve(pattern.program)

    @classmethod
    def for_grant(cls, grant: Capabilities | None) -> CommandTable | None:
        """The table of an instance with *grant* (``None`` when it may run no program)."""
        if grant is None or not grant.covers(_PROCESS_EXEC):
            return None
        return cls(grant.scopes(_PROCESS_EXEC) or ())

    def resolve(self, program: str, base_dir: str | None = None) -> str | None:
        """The absolute path *program* runs, or ``None`` when there is no such program.

        A bare name is looked up in the host's ``PATH`` once and then kept; a relative path
        with a ``/`` is taken relative to *base_dir* (the plugin's directory).
        """
        if not program or "\x00" in program:
            return None
        if "/" in program:
            path = posixpath.join(base_dir or os.getcwd(), program)
            return _canonical(path) if _executable(path) else None
        found = self._resolved.get(program)
        if found is not None:
            return found
        for directory in self._dirs:
            candidate = posixpath.join(directory, program)
            if _executable(candidate):
                found = _canonical(candidate)
                self._resolved[program] = found
                return found
        return None

    def spellings(self, program: str, executable: str) -> Iterator[str]:
        """Names of *executable* a scope entry may use: *program* as written, the resolved
        path, and each scope entry's program that resolves to the same file."""
        yield program
        if executable != program:
            yield executable
        seen = {program, executable}
        for pattern in self.entries:
            name = pattern.program
            if name not in seen and self.resolve(name) == executable:
                seen.add(name)
                yield name
