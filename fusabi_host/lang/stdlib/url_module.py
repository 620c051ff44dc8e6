"""The ``Url`` module: split URLs into their parts, and percent-encode text.  Pure.

``Url.parse s`` returns ``Some { scheme; host; port; path; query; fragment }`` (``port`` an
``int option``, ``query`` and ``fragment`` ``string option``) or ``None``; ``Url.isValid s``
is whether that gives ``Some``.  What is accepted (upstream's parser is not part of the
reference snapshot, so this is our own, stated rule):

* ``scheme://authority[/path][?query][#fragment]`` with a scheme of a letter followed by
  letters, digits, ``+``, ``-`` or ``.``; URLs without ``//`` (``mailto:x@y``) are not
  accepted;
* no whitespace or control character anywhere;
* the authority is ``[userinfo@]host[:port]``; the user information is dropped; the host is
  a name without ``< > " { } | \\ ^ ` [ ]`` or an IPv6 literal in brackets (kept with its
  brackets); it may be empty only for ``file`` URLs; the port, when written, is at most five
  digits and at most 65535 (``host:`` with no digits means no port);
* every part is returned as written: nothing is lower-cased or percent-decoded; an empty path
  is returned as ``/``; ``query``/``fragment`` are ``Some ""`` when the ``?``/``#`` is there
  with nothing after it.

``Url.encode`` percent-encodes the UTF-8 bytes of everything except ``A-Z a-z 0-9 - _ . ~``
(upper-case hex: a space becomes ``%20``).  ``Url.decode`` reverses it: ``None`` when a ``%``
is not followed by two hex digits or the bytes are not UTF-8; ``+`` stays ``+``.
"""

from __future__ import annotations

import re
import urllib.parse
from typing import Final

from fusabi_host.lang import guard
from fusabi_host.lang.stdlib.registry import builtin
from fusabi_host.lang.values import NONE, make_some

__all__ = ["parse_url", "percent_decode", "percent_encode"]

_SCHEME: Final = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*")
_BAD_CHARS: Final = re.compile(r"[\s\x00-\x1f\x7f]")
_BAD_HOST: Final = re.compile(r'[<>"{}|\\^`\[\]]')
_IPV6: Final = re.compile(r"\[[0-9A-Fa-f:.]+\]")
_ESCAPE: Final = re.compile(r"%([0-9A-Fa-f]{2})")
_UNRESERVED: Final = re.compile(rb"[A-Za-z0-9\-_.~]+")
_LONG_TEXT: Final = 1 << 15


def _split_host_port(hostport: str) -> tuple[str, object] | None:
    """``(host, port option)`` of ``host[:port]``, or ``None`` when malformed."""
    if hostport.startswith("["):
        end = hostport.find("]")
        if end < 0 or not _IPV6.fullmatch(hostport[: end + 1]):
            return None
        host, rest = hostport[: end + 1], hostport[end + 1 :]
        if rest and not rest.startswith(":"):
            return None
        port_text = rest[1:]
    else:
        host, _, port_text = hostport.partition(":")
        if ":" in port_text or _BAD_HOST.search(host):
            return None
    if not port_text:
        return host, NONE
    if not (port_text.isascii() and port_text.isdigit() and len(port_text) <= 5):
        return None
    port = int(port_text)
    if port > 65535:
        return None
    return host, make_some(port)


def parse_url(text: str) -> dict[str, object] | None:
    """The parts of *text* as a record, or ``None`` when it is not a URL (see the module)."""
    if not text or _BAD_CHARS.search(text):
        return None
    match = _SCHEME.match(text)
    if match is None or not text.startswith("://", match.end()):
        return None
    scheme = match.group()
    rest = text[match.end() + 3 :]
    rest, has_fragment, fragment = rest.partition("#")
    rest, has_query, query = rest.partition("?")
    slash = rest.find("/")
    authority, path = (rest, "") if slash < 0 else (rest[:slash], rest[slash:])
    hostport = authority.rpartition("@")[2]
    split = _split_host_port(hostport)
    if split is None:
        return None
    host, port = split
    if not host and scheme.lower() != "file":
        return None
    return {
        "scheme": scheme,
        "host": host,
        "port": port,
        "path": path or "/",
        "query": make_some(query) if has_query else NONE,
        "fragment": make_some(fragment) if has_fragment else NONE,
    }


def percent_encode(text: str) -> str:
    """Percent-encode every UTF-8 byte of *text* except ``A-Z a-z 0-9 - _ . ~``.

    The result can be up to twelve times as long as *text* (three characters a UTF-8 byte):
    the length of a long text's result is counted and checked against the run's limits before
    it is built (a short text's result, under a megabyte, is checked once built).
    """
    if len(text) < _LONG_TEXT:
        result = urllib.parse.quote_from_bytes(text.encode("utf-8", "surrogatepass"), safe="")
        guard.reserve_items(len(result), "string", 1)
        return result
    guard.reserve_bytes(len(text) if text.isascii() else 4 * len(text), "UTF-8 text")
    data = text.encode("utf-8", "surrogatepass")
    kept = len(_UNRESERVED.sub(b"", data))  # the bytes that will need an escape
    guard.reserve_items(len(data) + 2 * kept, "string", 1)
    return urllib.parse.quote_from_bytes(data, safe="")


def percent_decode(text: str) -> str | None:
    """Undo :func:`percent_encode`; ``None`` on a bad escape or bytes that are not UTF-8."""
    out = bytearray()
    position = 0
    while True:
        percent = text.find("%", position)
        if percent < 0:
            out += text[position:].encode("utf-8", "surrogatepass")
            break
        out += text[position:percent].encode("utf-8", "surrogatepass")
        escape = _ESCAPE.match(text, percent)
        if escape is None:
            return None
        out.append(int(escape.group(1), 16))
        position = escape.end()
    try:
        return out.decode("utf-8")
    except UnicodeDecodeError:
        return None


@builtin("Url.parse", "string -> dyn option")
def parse(text: str) -> object:
    """``Some {scheme; host; port; path; query; fragment}`` or ``None``."""
    parts = parse_url(text)
    return NONE if parts is None else make_some(parts)


@builtin("Url.isValid", "string -> bool")
def is_valid(text: str) -> bool:
    """Whether ``Url.parse`` accepts *text*."""
    return parse_url(text) is not None


@builtin("Url.encode", "string -> string")
def encode(text: str) -> str:
    """Percent-encode everything except ``A-Z a-z 0-9 - _ . ~``."""
    return percent_encode(text)


@builtin("Url.decode", "string -> string option")
def decode(text: str) -> object:
    """``Some decoded`` or ``None`` on a bad escape or invalid UTF-8."""
    decoded = percent_decode(text)
    return NONE if decoded is None else make_some(decoded)
