"""Capabilities: what a plugin may do beyond pure computation.

A plugin declares the capabilities it needs in its manifest (``capabilities = ["fs:read=/data"]``);
the host's policies grant a subset; every effectful standard-library function checks the grant
with :meth:`Capabilities.covers` before it touches the world.  Nothing is granted by default.

Names are upstream's eighteen (``fs:read``, ``net:request``, ``time:read``, ...).  Seven of them
are *dangerous* (they can change the machine or leak data) and policies may treat them specially.

Some capabilities take a *scope*, written after ``=`` as a comma-separated list:

==========================  ============================  =====================================
capability                  scope entries                 an entry covers
==========================  ============================  =====================================
``fs:read`` ``fs:write``    absolute paths                the path and everything below it
``fs:execute``
``net:request``             ``host``, ``host:port``,      that host (any port unless given);
``net:listen``              ``*.domain[:port]``,          ``*.x`` covers subdomains of ``x``;
                            ``[v6 address][:port]``       a resource is a URL or
                                                          ``host[:port]``, parsed for real
``env:read`` ``env:write``  variable names, ``PREFIX_*``  that variable / those with the prefix
``process:exec``            a program, then literal       that program (resolved by the host)
                            arguments, optionally a last  with exactly those first arguments;
                            ``*``: ``git status *``       a program alone: any arguments
==========================  ============================  =====================================

Host names are compared in their canonical form: lower case, IDNA (``bücher.example`` is
``xn--bcher-kva.example``), without a trailing dot, IPv6 addresses compressed in brackets, and a
URL's port defaulting by scheme (``https`` 443, ``http`` 80); userinfo is not the host, so
``api.example.com:80@evil.com`` is ``evil.com``.  Command patterns are described in
:mod:`fusabi_host.commands`; a ``process:exec`` resource is the argument vector quoted as a
shell would (``git status --short``).

An unscoped grant (``fs:read``) covers every scope.  :class:`Capabilities` values are immutable;
``|`` unions them and ``&`` intersects them without ever widening either side.
"""

from __future__ import annotations

import contextlib
import difflib
import enum
import functools
import ipaddress
import posixpath
import re
from collections.abc import Iterator, Mapping
from types import MappingProxyType
from typing import Final
from urllib.parse import urlsplit

from fusabi_host.commands import parse_command_pattern
from fusabi_host.errors import ConfigError

__all__ = ["Capabilities", "Capability", "CapabilitySpec", "ScopeKind", "parse_capability"]


class ScopeKind(enum.Enum):
    """How the scope entries of a capability are written and matched."""

    NONE = "none"
    PATH = "path"
    HOST = "host"
    VARIABLE = "variable"
    COMMAND = "command"


class Capability(enum.Enum):
    """One of the eighteen capability names a manifest may declare."""

    FS_READ = "fs:read"
    FS_WRITE = "fs:write"
    FS_EXECUTE = "fs:execute"
    NET_REQUEST = "net:request"
    NET_LISTEN = "net:listen"
    PROCESS_EXEC = "process:exec"
    ENV_READ = "env:read"
    ENV_WRITE = "env:write"
    TIME_READ = "time:read"
    RANDOM = "random"
    STDIN_READ = "stdin:read"
    STDOUT_WRITE = "stdout:write"
    STDERR_WRITE = "stderr:write"
    METRICS = "metrics"
    LOGGING = "logging"
    ASYNC_SPAWN = "async:spawn"
    CRYPTO = "crypto"
    SERIALIZE = "serialize"

    @property
    def is_dangerous(self) -> bool:
        """True for capabilities that can change the machine or leak its data."""
        return self in _DANGEROUS

    @property
    def scope_kind(self) -> ScopeKind:
        """What a scope entry of this capability names (``ScopeKind.NONE``: no scopes)."""
        return _SCOPE_KINDS.get(self, ScopeKind.NONE)

    @classmethod
    def from_name(cls, name: str) -> Capability:
        """The capability called *name*; ``ConfigError`` naming close matches otherwise."""
        try:
            return cls(name)
        except ValueError:
            raise ConfigError(_unknown_message(name)) from None

    def __str__(self) -> str:
        return self.value


_DANGEROUS: Final = frozenset(
    {
        Capability.FS_WRITE,
        Capability.FS_EXECUTE,
        Capability.PROCESS_EXEC,
        Capability.NET_LISTEN,
        Capability.ENV_WRITE,
        Capability.NET_REQUEST,
        Capability.ENV_READ,
    }
)

_SCOPE_KINDS: Final = {
    Capability.FS_READ: ScopeKind.PATH,
    Capability.FS_WRITE: ScopeKind.PATH,
    Capability.FS_EXECUTE: ScopeKind.PATH,
    Capability.NET_REQUEST: ScopeKind.HOST,
    Capability.NET_LISTEN: ScopeKind.HOST,
    Capability.ENV_READ: ScopeKind.VARIABLE,
    Capability.ENV_WRITE: ScopeKind.VARIABLE,
    Capability.PROCESS_EXEC: ScopeKind.COMMAND,
}

_SAFE_DEFAULTS: Final = (
    Capability.TIME_READ,
    Capability.RANDOM,
    Capability.STDOUT_WRITE,
    Capability.STDERR_WRITE,
    Capability.LOGGING,
    Capability.SERIALIZE,
)


def _unknown_message(name: str) -> str:
    known = [c.value for c in Capability]
    close = difflib.get_close_matches(name, known, n=1)
    hint = f"; did you mean '{close[0]}'?" if close else f" (known: {', '.join(known)})"
    return f"unknown capability '{name}'{hint}"


# --------------------------------------------------------------------------- scope entries


def _normalize_scope(kind: ScopeKind, capability: Capability, entry: str) -> str:
    """Check one scope entry and return its canonical spelling."""
    entry = entry.strip()
    if not entry:
        raise ConfigError(f"'{capability}' has an empty scope entry")
    if kind is ScopeKind.PATH:
        if not entry.startswith("/"):
            raise ConfigError(
                f"scope '{entry}' of '{capability}' must be an absolute path (start with '/')"
            )
        return posixpath.normpath(entry).replace("//", "/")
    if kind is ScopeKind.HOST:
        return _normalize_host_entry(capability, entry)
    if kind is ScopeKind.VARIABLE:
        name = entry[:-1] if entry.endswith("*") else entry
        if "*" in name or "=" in name or not name.replace("_", "a").isalnum():
            raise ConfigError(
                f"scope '{entry}' of '{capability}' is not an environment variable name "
                "(letters, digits, '_', optionally ending in '*')"
            )
        return entry
    if kind is ScopeKind.COMMAND:
        try:
            return str(parse_command_pattern(entry, entry=True))
        except ValueError as exc:
            raise ConfigError(
                f"scope '{entry}' of '{capability}' is not a command pattern: {exc}"
            ) from None
    raise ConfigError(f"'{capability}' does not take a scope (remove '={entry}')")


_DEFAULT_PORTS: Final = {"http": 80, "https": 443, "ws": 80, "wss": 443, "ftp": 21}
_HOST_CHARACTERS: Final = frozenset("abcdefghijklmnopqrstuvwxyz0123456789-_.")
_NOT_IN_A_HOST: Final = frozenset("/@?#\\ \t\r\n")
_HEX_DIGITS: Final = frozenset("0123456789abcdef")
_URL_PREFIX: Final = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")


def _split_host(text: str) -> tuple[str, str | None]:
    """Split ``host[:port]`` (an IPv6 literal in brackets, or bare without a port) into the
    host as written and the port text (``None``: no port given)."""
    if text.startswith("["):
        end = text.find("]")
        if end < 0:
            return "", None
        rest = text[end + 1 :]
        if rest and not rest.startswith(":"):
            return "", None
        return text[: end + 1], (rest[1:] if rest else None)
    if text.count(":") > 1:
        return text, None  # a bare IPv6 address
    host, sep, port = text.partition(":")
    return host, (port if sep else None)


def _canonical_host(host: str) -> str | None:
    """The canonical form of a host name or address, or ``None`` when it is neither: IDNA
    (ASCII, lower case) without a trailing dot, dotted IPv4, IPv6 compressed in brackets."""
    if host.startswith("[") != host.endswith("]"):
        return None
    if ":" in host:
        try:
            address = ipaddress.IPv6Address(host[1:-1] if host.startswith("[") else host)
            return f"[{address.compressed}]"
        except ValueError:
            return None
    if host.endswith("."):
        host = host[:-1]
    if not host or any(ord(ch) < 0x21 or ch in _NOT_IN_A_HOST for ch in host):
        return None
    try:
        name = host.encode("idna").decode("ascii").lower()
    except UnicodeError:
        return None
    labels = name.split(".")
    if not set(name) <= _HOST_CHARACTERS or not all(labels):
        return None
    last = labels[-1]
    if last.isdigit() or (last.startswith("0x") and set(last[2:]) <= _HEX_DIGITS):
        # a name ending in a number is an IPv4 address to URL parsers: only a plain one is
        try:
            return str(ipaddress.IPv4Address(name))
        except ValueError:
            return None
    return name


def _port(text: str | None) -> int | None:
    """A port number (``None`` for none given); ``ValueError`` for anything else."""
    if text is None or text == "":
        return None
    if not (text.isascii() and text.isdigit() and 0 < int(text) < 65536):
        raise ValueError(text)
    return int(text)


@functools.lru_cache(maxsize=1024)
def _host_target(text: str) -> tuple[str, int | None] | None:
    """The canonical ``(host, port)`` a URL or ``host[:port]`` names (``*.domain`` allowed in
    the second form), or ``None`` when *text* names no host unambiguously.

    Userinfo is dropped (``a.com:80@b.com`` is ``b.com``); a URL without a port gets its
    scheme's default port.  Text that URL parsers disagree about (backslashes, white space,
    control characters, several ``@``, percent-encoded hosts) names no host.
    """
    text = text.strip()
    if not text or any(ord(ch) < 0x21 or ch in "\\\x7f" for ch in text):
        return None
    scheme = ""
    try:
        if _URL_PREFIX.match(text) or text.startswith("//"):
            parts = urlsplit(text)
            scheme, netloc = parts.scheme.lower(), parts.netloc
        else:
            with contextlib.suppress(ValueError):
                return f"[{ipaddress.IPv6Address(text).compressed}]", None
            netloc = urlsplit("//" + text).netloc
    except ValueError:  # an unbalanced IPv6 bracket
        return None
    if netloc.count("@") > 1:
        return None
    host_text, port_text = _split_host(netloc.rpartition("@")[2])
    try:
        port = _port(port_text)
    except ValueError:
        return None
    if port is None:
        port = _DEFAULT_PORTS.get(scheme)
    wildcard = not scheme and host_text.startswith("*.")
    host = _canonical_host(host_text[2:] if wildcard else host_text)
    if host is None or (wildcard and not _is_domain(host)):
        return None
    return (f"*.{host}" if wildcard else host), port


def _is_domain(host: str) -> bool:
    """Whether canonical *host* is a name (not an IP address)."""
    if host.startswith("["):
        return False
    try:
        ipaddress.IPv4Address(host)
    except ValueError:
        return True
    return False


def _normalize_host_entry(capability: Capability, entry: str) -> str:
    if any(ch in entry for ch in _NOT_IN_A_HOST) or "://" in entry:
        raise ConfigError(
            f"scope '{entry}' of '{capability}' is not a host name (write host or host:port)"
        )
    host, port_text = _split_host(entry)
    wildcard = host.startswith("*.")
    if "*" in (host[2:] if wildcard else host):
        raise ConfigError(
            f"scope '{entry}' of '{capability}': a wildcard is only allowed as a leading '*.'"
        )
    try:
        port = _port(port_text)
    except ValueError:
        raise ConfigError(
            f"scope '{entry}' of '{capability}' has an invalid port '{port_text}'"
        ) from None
    canonical = _canonical_host(host[2:] if wildcard else host)
    if canonical is None or (wildcard and not _is_domain(canonical)):
        raise ConfigError(f"scope '{entry}' of '{capability}' is not a host name")
    name = f"*.{canonical}" if wildcard else canonical
    return name if port is None else f"{name}:{port}"


def _entry_covers(kind: ScopeKind, entry: str, resource: str) -> bool:
    """Does one (normalised) scope entry cover *resource*?"""
    if kind is ScopeKind.PATH:
        if not resource.startswith("/"):
            return False
        path = posixpath.normpath(resource)
        return entry in ("/", path) or path.startswith(entry + "/")
    if kind is ScopeKind.HOST:
        want, got = _host_target(entry), _host_target(resource)
        if want is None or got is None:
            return False
        (want_host, want_port), (host, port) = want, got
        if want_port is not None and port != want_port:
            return False
        if want_host.startswith("*."):
            suffix = want_host[1:]
            return host.endswith(suffix) and len(host) > len(suffix)
        return host == want_host
    if kind is ScopeKind.VARIABLE:
        if entry.endswith("*"):
            return resource.startswith(entry[:-1])
        return resource == entry
    if kind is ScopeKind.COMMAND:
        try:
            pattern = parse_command_pattern(entry, entry=True)
            command = parse_command_pattern(resource)
        except ValueError:
            return False
        return pattern.covers(command)
    return resource == entry


# --------------------------------------------------------------------------- parsing


CapabilitySpec = tuple[Capability, frozenset[str] | None]
"""A parsed capability: the name and its scope entries (``None`` = unscoped, covers all)."""


def parse_capability(text: str | Capability) -> CapabilitySpec:
    """Parse ``"fs:read"`` or ``"fs:read=/data,/tmp/x"``; ``ConfigError`` with a clear message."""
    if isinstance(text, Capability):
        return text, None
    name, sep, scope_text = text.partition("=")
    capability = Capability.from_name(name.strip())
    if not sep:
        return capability, None
    kind = capability.scope_kind
    if kind is ScopeKind.NONE:
        raise ConfigError(f"'{capability}' does not take a scope (remove '={scope_text}')")
    entries = frozenset(_normalize_scope(kind, capability, e) for e in scope_text.split(","))
    return capability, entries


# --------------------------------------------------------------------------- Capabilities


class Capabilities:
    """An immutable set of granted capabilities, each unscoped or limited to scope entries.

    Build one with :meth:`none`, :meth:`all`, :meth:`safe_defaults` or :meth:`of`; derive others
    with :meth:`with_`, :meth:`without`, ``|`` and ``&``.  Ask it with :meth:`covers`.
    """

    __slots__ = ("_grants", "_hash")
    _grants: Mapping[Capability, frozenset[str] | None]
    _hash: int | None

    def __init__(self, grants: Mapping[Capability, frozenset[str] | None] | None = None) -> None:
        frozen: Mapping[Capability, frozenset[str] | None] = MappingProxyType(dict(grants or {}))
        object.__setattr__(self, "_grants", frozen)
        object.__setattr__(self, "_hash", None)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"Capabilities are immutable; cannot set {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"Capabilities are immutable; cannot delete {name!r}")

    # -- construction
    @classmethod
    def none(cls) -> Capabilities:
        """No capabilities at all: pure computation only."""
        return cls()

    @classmethod
    def all(cls) -> Capabilities:
        """Every capability, unscoped.  Only for fully trusted plugins."""
        return cls(dict.fromkeys(Capability))

    @classmethod
    def safe_defaults(cls) -> Capabilities:
        """time:read, random, stdout:write, stderr:write, logging and serialize."""
        return cls(dict.fromkeys(_SAFE_DEFAULTS))

    @classmethod
    def of(cls, *names: str | Capability) -> Capabilities:
        """Capabilities from names such as ``"fs:read"`` or ``"net:request=api.example.com"``."""
        return cls().with_(*names)

    def with_(self, *names: str | Capability) -> Capabilities:
        """A copy that also grants *names* (scopes of the same capability are merged)."""
        result = self
        for name in names:
            capability, scopes = parse_capability(name)
            result = result | Capabilities({capability: scopes})
        return result

    def without(self, *names: str | Capability) -> Capabilities:
        """A copy without *names*.

        A bare name removes the capability entirely; ``"fs:read=/tmp"`` removes just that scope
        entry from a scoped grant (removing a scope from an unscoped grant cannot be expressed
        and raises ``ConfigError`` (a ``ValueError``)).
        """
        grants = dict(self._grants)
        for name in names:
            capability, scopes = parse_capability(name)
            if capability not in grants:
                continue
            current = grants[capability]
            if scopes is None:
                del grants[capability]
            elif current is None:
                raise ConfigError(
                    f"cannot remove scope {sorted(scopes)} from an unscoped '{capability}' grant; "
                    f"remove '{capability}' and grant the scopes you want instead"
                )
            else:
                remaining = current - scopes
                if remaining:
                    grants[capability] = remaining
                else:
                    del grants[capability]
        return Capabilities(grants)

    # -- algebra
    def __or__(self, other: object) -> Capabilities:
        if not isinstance(other, Capabilities):
            return NotImplemented
        grants = dict(self._grants)
        for capability, scopes in other._grants.items():
            if capability not in grants:
                grants[capability] = scopes
            else:
                mine = grants[capability]
                grants[capability] = None if mine is None or scopes is None else mine | scopes
        return Capabilities(grants)

    def __and__(self, other: object) -> Capabilities:
        """What both sides grant.  With scopes on both sides the result keeps each entry of one
        side that the other side covers, so it never grants more than either side."""
        if not isinstance(other, Capabilities):
            return NotImplemented
        grants: dict[Capability, frozenset[str] | None] = {}
        for capability, mine in self._grants.items():
            if capability not in other._grants:
                continue
            theirs = other._grants[capability]
            if mine is None or theirs is None:
                grants[capability] = theirs if mine is None else mine
                continue
            kind = capability.scope_kind
            kept = frozenset(
                e for e in mine if any(_entry_covers(kind, t, e) for t in theirs)
            ) | frozenset(e for e in theirs if any(_entry_covers(kind, m, e) for m in mine))
            if kept:
                grants[capability] = kept
        return Capabilities(grants)

    def __le__(self, other: object) -> bool:
        """True when *other* grants everything this grants (and every scope of it)."""
        if not isinstance(other, Capabilities):
            return NotImplemented
        for capability, scopes in self._grants.items():
            if capability not in other._grants:
                return False
            theirs = other._grants[capability]
            if theirs is None:
                continue
            if scopes is None:
                return False
            kind = capability.scope_kind
            if not all(any(_entry_covers(kind, t, e) for t in theirs) for e in scopes):
                return False
        return True

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, Capabilities):
            return NotImplemented
        return other <= self

    def missing_from(self, other: Capabilities) -> Capabilities:
        """The part of this set that *other* does not grant (what a denial should name)."""
        missing: dict[Capability, frozenset[str] | None] = {}
        for capability, scopes in self._grants.items():
            theirs = other._grants.get(capability, frozenset())
            if capability not in other._grants:
                missing[capability] = scopes
            elif theirs is None:
                continue
            elif scopes is None:
                missing[capability] = None
            else:
                kind = capability.scope_kind
                lacking = frozenset(
                    e for e in scopes if not any(_entry_covers(kind, t, e) for t in theirs)
                )
                if lacking:
                    missing[capability] = lacking
        return Capabilities(missing)

    # -- queries
    def covers(self, capability: str | Capability, resource: str | None = None) -> bool:
        """Is *capability* granted, and (when *resource* is given) granted for that resource?

        *resource* is a normalised absolute path, a URL or ``host[:port]``, a variable name or a
        command (:func:`fusabi_host.commands.command_resource` of the argument vector), by the
        capability's kind.  Without a resource the answer is whether the capability is
        granted in any scope.
        """
        cap = capability if isinstance(capability, Capability) else Capability.from_name(capability)
        if cap not in self._grants:
            return False
        scopes = self._grants[cap]
        if scopes is None or resource is None:
            return True
        kind = cap.scope_kind
        return any(_entry_covers(kind, entry, resource) for entry in scopes)

    def scopes(self, capability: str | Capability) -> frozenset[str] | None:
        """The scope entries granted for *capability*; ``None`` when unscoped (or absent)."""
        cap = capability if isinstance(capability, Capability) else Capability.from_name(capability)
        return self._grants.get(cap)

    @property
    def has_dangerous(self) -> bool:
        """True when any dangerous capability is granted."""
        return any(c.is_dangerous for c in self._grants)

    def dangerous(self) -> Capabilities:
        """Only the dangerous part of this set."""
        return Capabilities({c: s for c, s in self._grants.items() if c.is_dangerous})

    def names(self) -> tuple[str, ...]:
        """The grants as manifest strings, sorted: ``("fs:read=/data", "time:read")``."""
        out = []
        for capability in sorted(self._grants, key=lambda c: c.value):
            scopes = self._grants[capability]
            if scopes is None:
                out.append(capability.value)
            else:
                out.append(f"{capability.value}={','.join(sorted(scopes))}")
        return tuple(out)

    def __iter__(self) -> Iterator[Capability]:
        return iter(sorted(self._grants, key=lambda c: c.value))

    def __len__(self) -> int:
        return len(self._grants)

    def __bool__(self) -> bool:
        return bool(self._grants)

    def __contains__(self, item: object) -> bool:
        if isinstance(item, str):
            try:
                capability, scopes = parse_capability(item)
            except ValueError:
                return False
            return Capabilities({capability: scopes}) <= self
        return item in self._grants

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Capabilities):
            return NotImplemented
        return dict(self._grants) == dict(other._grants)

    def __hash__(self) -> int:
        cached = self._hash
        if cached is None:
            cached = hash(self.names())
            object.__setattr__(self, "_hash", cached)
        return cached

    def __repr__(self) -> str:
        return f"Capabilities.of({', '.join(repr(n) for n in self.names())})"

    def __str__(self) -> str:
        return ", ".join(self.names()) if self._grants else "(none)"
