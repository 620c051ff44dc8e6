"""The ``Json`` module: parse JSON text into Fusabi values and print Fusabi values as JSON.

Pure (no capability).  Mapping, as upstream (REF, section 4.9):

==============================  ==========================================================
JSON                            Fusabi
==============================  ==========================================================
object                          record (``dict``; duplicate keys: the last one wins)
array                           array (:class:`~fusabi_host.lang.values.FzArray`)
``null``                        unit
number without ``.``/exponent   ``int`` when it fits in 64 bits, else ``float``
other number                    ``float``; ``-0`` is the float ``-0.0`` (as serde_json)
string / ``true`` / ``false``   string / bool
==============================  ==========================================================

``Json.stringify`` goes the other way: unit -> ``null``, record or ``Map`` with string keys ->
object with keys sorted (by code point, as serde_json's sorted map), array / tuple / list ->
array, int, finite float, string, bool.  Union values (``Some 1`` included), functions and
non-finite floats fail with ``ArgumentException``.  The output is what upstream (Rust
serde_json) prints for the same value, byte for byte:

* floats are printed by Ryu's rules, as serde_json does: the shortest digits that read back
  as the same float; ``1.0`` (never ``1``), ``0.0``/``-0.0``, plain notation while
  ``1e-5 <= |x| < 1e16`` (``0.00001``, ``1000000000000000.0``), otherwise ``1e16``,
  ``1.5e-7``, ``1e22`` (no ``+`` and no leading zeros in the exponent);
* strings escape ``"``, ``\\``, ``\\b \\f \\n \\r \\t`` and other control characters as
  ``\\u00XX`` (lower-case hex); everything else, non-ASCII included, is written as is;
* ``stringifyPretty`` indents by two spaces, writes ``"key": value`` and prints empty
  arrays/objects as ``[]``/``{}``.

Deliberate deviations and additions:

* Nesting deeper than 500 arrays/objects is refused with ``FormatException`` (serde_json's
  own limit is 128).  The parser is iterative and so is ``stringify`` (which has no depth
  limit); neither can exhaust the Python stack.  A value that contains itself (possible only
  through mutable arrays) fails with ``ArgumentException`` instead of looping.
* Parse errors are ``FormatException "JSON parse error: <what> at line L column C"`` with
  serde_json's wording; the column counts characters (serde_json counts bytes).
* Decimal numbers are read with correct rounding (serde_json's default parser may be one
  unit in the last place off for some 17+-digit inputs).
* ``Json.tryParse`` (not in REF) returns ``Some value`` / ``None`` instead of failing.
* A ``Set`` is written as an array, a ``char`` as a one-character string (neither exists in
  REF).

Limits: parsing charges every 4,096 values it builds to the run (so a text of ``[[],[],...]``
that would grow ~20 times in memory runs into the memory limit, deadline and fuel as it is
read); ``stringify`` counts the text it writes and checks it against the run's collection-size
and memory limits as it grows (a value that shares structure can print far larger than it is),
and checks a large string's escaped size before quoting it.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator
from typing import Any, Final, NoReturn

from fusabi_host.lang import guard
from fusabi_host.lang.exceptions import fail
from fusabi_host.lang.stdlib import collections_util as cu
from fusabi_host.lang.stdlib.registry import builtin
from fusabi_host.lang.values import (
    INT_MAX,
    INT_MIN,
    NIL,
    NONE,
    FusabiException,
    FzArray,
    FzMap,
    FzSet,
    Tag,
    make_some,
    to_pylist,
    type_name,
)

__all__ = ["MAX_DEPTH", "format_float", "parse_json", "stringify_json"]

MAX_DEPTH: Final = 500
"""The deepest nesting of arrays and objects :func:`parse_json` accepts."""

# --------------------------------------------------------------------------- parsing

_WS: Final = re.compile(r"[ \t\n\r]*")
_NUMBER: Final = re.compile(r"-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?")
_PLAIN: Final = re.compile(r'[^"\\\x00-\x1f]*')
_HEX4: Final = re.compile(r"[0-9A-Fa-f]{4}")
_ESCAPES: Final = {
    '"': '"',
    "\\": "\\",
    "/": "/",
    "b": "\b",
    "f": "\f",
    "n": "\n",
    "r": "\r",
    "t": "\t",
}
_IDENTS: Final[dict[str, tuple[str, object]]] = {
    "t": ("true", True),
    "f": ("false", False),
    "n": ("null", None),
}


class _Object:
    """An object being parsed: its fields so far and the key awaiting its value."""

    __slots__ = ("fields", "key")

    def __init__(self, key: str) -> None:
        self.fields: dict[str, object] = {}
        self.key = key


class _Parser:
    """An iterative JSON parser over one string (no recursion, so no depth trouble)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.n = len(text)

    # -- errors
    def error(self, what: str, at: int, *, eof: bool = False) -> NoReturn:
        """Fail with serde_json's wording and position (1-based column of the offending
        character; at the end of input, the column of the last character)."""
        text = self.text
        line = text.count("\n", 0, at) + 1
        column = at - (text.rfind("\n", 0, at) + 1) + (0 if eof else 1)
        fail("FormatException", f"JSON parse error: {what} at line {line} column {column}")

    def skip_ws(self, i: int) -> int:
        match = _WS.match(self.text, i)
        assert match is not None  # the pattern matches the empty string
        return match.end()

    # -- the driver
    def parse(self) -> object:
        text, n = self.text, self.n
        stack: list[FzArray | _Object] = []
        i = self.skip_ws(0)
        built = 0
        while True:
            built += 1
            if not built & 4095:  # values built so far: charge the run, look at its limits
                guard.spend(4096)
            # Read one value starting at i (or open a container and go on to its first item).
            if i >= n:
                self.error("EOF while parsing a value", i, eof=True)
            c = text[i]
            value: object
            if c == "[":
                if len(stack) >= MAX_DEPTH:
                    self.error(f"recursion limit exceeded (nesting deeper than {MAX_DEPTH})", i)
                i = self.skip_ws(i + 1)
                if i < n and text[i] == "]":
                    value, i = FzArray(), i + 1
                else:
                    stack.append(FzArray())
                    continue
            elif c == "{":
                if len(stack) >= MAX_DEPTH:
                    self.error(f"recursion limit exceeded (nesting deeper than {MAX_DEPTH})", i)
                i = self.skip_ws(i + 1)
                if i < n and text[i] == "}":
                    value, i = {}, i + 1
                else:
                    key, i = self.parse_key(i)
                    stack.append(_Object(key))
                    continue
            elif c == '"':
                value, i = self.parse_string(i)
            elif c == "-" or "0" <= c <= "9":
                value, i = self.parse_number(i)
            elif c in _IDENTS:
                value, i = self.parse_ident(i)
            else:
                self.error("expected value", i)
            # Store the value in its container; close every container that ends here.
            while True:
                i = self.skip_ws(i)
                if not stack:
                    if i < n:
                        self.error("trailing characters", i)
                    return value
                top = stack[-1]
                if type(top) is FzArray:
                    top.append(value)
                    if i >= n:
                        self.error("EOF while parsing a list", i, eof=True)
                    c = text[i]
                    if c == ",":
                        i = self.skip_ws(i + 1)
                        if i < n and text[i] == "]":
                            self.error("trailing comma", i)
                        break
                    if c != "]":
                        self.error("expected `,` or `]`", i)
                    value = stack.pop()
                    i += 1
                else:
                    assert isinstance(top, _Object)
                    top.fields[top.key] = value
                    if i >= n:
                        self.error("EOF while parsing an object", i, eof=True)
                    c = text[i]
                    if c == ",":
                        i = self.skip_ws(i + 1)
                        if i < n and text[i] == "}":
                            self.error("trailing comma", i)
                        top.key, i = self.parse_key(i)
                        break
                    if c != "}":
                        self.error("expected `,` or `}`", i)
                    stack.pop()
                    value = top.fields
                    i += 1

    # -- pieces
    def parse_key(self, i: int) -> tuple[str, int]:
        """An object key and its colon; returns the key and the index of the value."""
        if i >= self.n:
            self.error("EOF while parsing an object", i, eof=True)
        if self.text[i] != '"':
            self.error("key must be a string", i)
        key, i = self.parse_string(i)
        i = self.skip_ws(i)
        if i >= self.n:
            self.error("EOF while parsing an object", i, eof=True)
        if self.text[i] != ":":
            self.error("expected `:`", i)
        return key, self.skip_ws(i + 1)

    def parse_string(self, i: int) -> tuple[str, int]:
        """The string whose opening quote is at *i*; returns it and the index after it."""
        text, n = self.text, self.n
        parts: list[str] = []
        j = i + 1
        while True:
            match = _PLAIN.match(text, j)
            assert match is not None
            parts.append(match.group())
            j = match.end()
            if j >= n:
                self.error("EOF while parsing a string", j, eof=True)
            c = text[j]
            if c == '"':
                return "".join(parts), j + 1
            if c != "\\":
                self.error("control character (\\u0000-\\u001F) found while parsing a string", j)
            if j + 1 >= n:
                self.error("EOF while parsing a string", n, eof=True)
            escape = text[j + 1]
            if escape != "u":
                if escape not in _ESCAPES:
                    self.error("invalid escape", j + 1)
                parts.append(_ESCAPES[escape])
                j += 2
                continue
            code, j = self.hex_escape(j + 2)
            if 0xDC00 <= code <= 0xDFFF:
                self.error("lone leading surrogate in hex escape", j - 1)
            if 0xD800 <= code <= 0xDBFF:
                if j >= n:
                    self.error("EOF while parsing a string", n, eof=True)
                if text[j] != "\\":
                    self.error("lone leading surrogate in hex escape", j)
                if j + 1 >= n:
                    self.error("EOF while parsing a string", n, eof=True)
                if text[j + 1] != "u":
                    self.error("unexpected end of hex escape", j + 1)
                low, j = self.hex_escape(j + 2)
                if not 0xDC00 <= low <= 0xDFFF:
                    self.error("lone leading surrogate in hex escape", j - 1)
                code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
            parts.append(chr(code))

    def hex_escape(self, i: int) -> tuple[int, int]:
        """The four hex digits at *i*; returns their value and the index after them."""
        match = _HEX4.match(self.text, i)
        if match is None:
            for j in range(i, min(i + 4, self.n)):
                if self.text[j] not in "0123456789abcdefABCDEF":
                    self.error("invalid escape", j)
            self.error("EOF while parsing a string", self.n, eof=True)
        return int(match.group(), 16), i + 4

    def parse_number(self, i: int) -> tuple[object, int]:
        text = self.text
        match = _NUMBER.match(text, i)
        if match is None:  # a lone '-', or '-' followed by a non-digit
            if i + 1 >= self.n:
                self.error("EOF while parsing a value", self.n, eof=True)
            self.error("invalid number", i + 1)
        end = match.end()
        if end < self.n:
            # "01", "1.", "1.e5", "1e", "1.5E": serde_json calls these invalid numbers
            after = text[end]
            if (
                "0" <= after <= "9"
                or (after == "." and match.group(2) is None and match.group(3) is None)
                or (after in "eE" and match.group(3) is None)
            ):
                self.error("invalid number", end)
        literal = match.group()
        if match.group(2) is None and match.group(3) is None:
            if literal == "-0":
                return -0.0, end
            if len(match.group(1)) <= 19:
                number = int(literal)
                if INT_MIN <= number <= INT_MAX:
                    return number, end
        result = float(literal)
        if math.isinf(result):
            self.error("number out of range", end - 1)
        return result, end

    def parse_ident(self, i: int) -> tuple[object, int]:
        word, value = _IDENTS[self.text[i]]
        for k, expected in enumerate(word):
            j = i + k
            if j >= self.n:
                self.error("EOF while parsing a value", j, eof=True)
            if self.text[j] != expected:
                self.error("expected ident", j)
        return value, i + len(word)


def parse_json(text: str) -> object:
    """Parse JSON *text* into a Fusabi value (``FormatException`` when it is not JSON)."""
    return _Parser(text).parse()


# --------------------------------------------------------------------------- printing


def format_float(value: float) -> str:
    """A finite float as serde_json prints it (Ryu's format; see the module docstring)."""
    if value == 0.0:
        return "-0.0" if math.copysign(1.0, value) < 0 else "0.0"
    sign = "-" if value < 0 else ""
    # Python's repr gives the same shortest round-trip digits as Ryu; only the layout differs.
    mantissa, _, exponent_text = repr(abs(value)).partition("e")
    whole, _, fraction = mantissa.partition(".")
    all_digits = whole + fraction
    significant = all_digits.lstrip("0")
    leading_zeros = len(all_digits) - len(significant)
    digits = significant.rstrip("0")
    # value = 0.<digits> * 10**kk, i.e. 10**(kk-1) <= value < 10**kk
    kk = len(whole) + (int(exponent_text) if exponent_text else 0) - leading_zeros
    length = len(digits)
    if length <= kk <= 16:
        return f"{sign}{digits}{'0' * (kk - length)}.0"
    if 0 < kk <= 16:
        return f"{sign}{digits[:kk]}.{digits[kk:]}"
    if -5 < kk <= 0:
        return f"{sign}0.{'0' * -kk}{digits}"
    exponent = kk - 1
    if length == 1:
        return f"{sign}{digits}e{exponent}"
    return f"{sign}{digits[0]}.{digits[1:]}e{exponent}"


_NEEDS_ESCAPE: Final = re.compile(r'["\\\x00-\x1f]')
_LARGE_TEXT: Final = 1 << 16


def _quote(text: str) -> str:
    if len(text) >= _LARGE_TEXT:  # an escape takes up to six characters: check the size first
        escaped = len(text) - len(_NEEDS_ESCAPE.sub("", text))
        width = 1 if text.isascii() else 4
        guard.reserve_items(len(text) + 5 * escaped + 2, "string", width)
    # With ensure_ascii=False, Python escapes exactly what serde_json escapes, the same way.
    return json.dumps(text, ensure_ascii=False)


def _cannot(value: object) -> NoReturn:
    if type(value) is tuple and value and type(value[0]) is Tag:
        what = f"a union value ({value[0].name})"
    elif callable(value):
        what = "a function"
    else:
        what = f"a value of type {type_name(value)}"
    fail("ArgumentException", f"Json.stringify: cannot convert {what} to JSON")


def _scalar(value: object) -> str | None:
    """The JSON text of a scalar, or ``None`` when *value* is a container."""
    t = type(value)
    if value is None:
        return "null"
    if t is bool:
        return "true" if value else "false"
    if t is int:
        return str(value)
    if t is float:
        if not math.isfinite(value):  # type: ignore[arg-type]
            fail(
                "ArgumentException",
                "Json.stringify: NaN and infinite floats cannot be converted to JSON",
            )
        return format_float(value)  # type: ignore[arg-type]
    if isinstance(value, str):  # string or char
        return _quote(value)
    return None


def _children(value: object) -> tuple[bool, list[Any]]:
    """``(is_object, items)`` of a container; items are ``(key, value)`` pairs for objects."""
    t = type(value)
    if t is FzArray:
        return False, list(value)  # type: ignore[call-overload]
    if t is list or value is NIL:
        return False, to_pylist(value)
    if t is tuple:
        if value and type(value[0]) is Tag:  # type: ignore[index]
            _cannot(value)
        return False, list(value)  # type: ignore[call-overload]
    if t is dict:
        return True, sorted(value.items())  # type: ignore[attr-defined]
    if t is FzMap:
        pairs = value.items()  # type: ignore[attr-defined]
        for key, _ in pairs:
            if not isinstance(key, str):
                fail(
                    "ArgumentException",
                    f"Json.stringify: a map with {type_name(key)} keys cannot be converted to "
                    "JSON (object keys must be strings)",
                )
        return True, sorted(pairs, key=lambda kv: kv[0])
    if t is FzSet:
        return False, list(value.values())  # type: ignore[attr-defined]
    _cannot(value)


class _Frame:
    __slots__ = ("count", "ident", "is_object", "items")

    def __init__(self, is_object: bool, items: Iterator[Any], ident: int) -> None:
        self.is_object = is_object
        self.items = items
        self.ident = ident
        self.count = 0


def stringify_json(value: object, *, pretty: bool = False) -> str:
    """*value* as JSON text (compact, or indented by two spaces when *pretty*)."""
    out: list[str] = []
    size = cu.Growth("string", 1)  # the length of the text so far, checked as it grows
    frames: list[_Frame] = []
    open_ids: set[int] = set()  # containers being printed: meeting one again means a cycle
    current = value
    while True:
        text = _scalar(current)
        if text is not None:
            if not text.isascii():
                size.element_bytes = 4
            size.add(len(text))
            out.append(text)
        else:
            is_object, items = _children(current)
            size.add(2)
            if not items:
                out.append("{}" if is_object else "[]")
            else:
                ident = id(current)
                if ident in open_ids:
                    fail("ArgumentException", "Json.stringify: the value contains itself")
                open_ids.add(ident)
                out.append("{" if is_object else "[")
                frames.append(_Frame(is_object, iter(items), ident))
        # Move on to the next value to print, closing every container that is finished.
        while frames:
            frame = frames[-1]
            item: Any = next(frame.items, _END)
            if item is _END:
                frames.pop()
                open_ids.discard(frame.ident)
                if pretty:
                    size.add(2 * len(frames) + 1)
                    out.append("\n" + "  " * len(frames))
                out.append("}" if frame.is_object else "]")
                continue
            if frame.count:
                out.append(",")
            frame.count += 1
            if pretty:
                size.add(2 * len(frames) + 4)
                out.append("\n" + "  " * len(frames))
            else:
                size.add(2)
            if frame.is_object:
                key, current = item
                size.add(len(key) + 4)
                out.append(_quote(key))
                out.append(": " if pretty else ":")
            else:
                current = item
            break
        else:
            size.done()
            return "".join(out)


_END: Final = object()

# --------------------------------------------------------------------------- the module


@builtin("Json.parse", "string -> dyn")
def parse(text: str) -> object:
    """Parse JSON text; ``FormatException "JSON parse error: ..."`` when it is not JSON."""
    return parse_json(text)


@builtin("Json.tryParse", "string -> dyn option")
def try_parse(text: str) -> object:
    """``Some value`` for JSON text, ``None`` otherwise."""
    try:
        return make_some(parse_json(text))
    except FusabiException:
        return NONE


@builtin("Json.stringify", "'a -> string")
def stringify(value: object) -> str:
    """Compact JSON text of *value*."""
    return stringify_json(value)


@builtin("Json.stringifyPretty", "'a -> string")
def stringify_pretty(value: object) -> str:
    """JSON text of *value*, indented by two spaces."""
    return stringify_json(value, pretty=True)
