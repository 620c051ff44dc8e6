"""The ``String`` module, and the .NET-style members of strings (``s.Length``, ``s.Split(',')``).

Upstream's functions keep their names, arities and argument orders (spec section 4.4):
``length``, ``trim``, ``toLower``, ``toUpper``, ``split delim s`` (Rust ``str::split``: empty
pieces kept; an empty delimiter splits around every char, with ``""`` at both ends),
``concat strs`` (ONE string list, no separator; beside F#'s ``String.concat sep strs``, told
apart by the first argument's type, see :func:`~.registry.upstream_form`; ``String.join`` is
F#'s form too), ``contains needle s``, ``startsWith p s``, ``endsWith p s`` and
``format fmt args`` (the list form of ``sprintf``).

F#'s String module: ``collect exists forall init iter iteri map mapi filter length
replicate``, with F# signatures.  Added, with the string last so they pipe: ``join sep strs``,
``replace oldValue newValue s``, ``isEmpty``, ``substring start length s``, ``indexOf needle s``
and ``lastIndexOf needle s`` (-1 when absent), ``padLeft width s``, ``padRight width s``,
``trimStart``, ``trimEnd``, ``toCharArray``, ``toList``, ``ofArray`` (char array -> string) and
``ofList`` (char list -> string).

Lengths and indices count Unicode scalar values; searches are ordinal (.NET's culture-sensitive
default comparisons are not reproduced); case mapping is Unicode's full mapping (``"ß"`` upper
is ``"SS"``), also for the members ``ToUpper``/``ToLower``; white space is the Unicode
``White_Space`` set.

:data:`STRING_MEMBERS` maps a member name to a Python function called as
``member(s, *args)``: the string, then the member's arguments positionally (``s.Length`` ->
``member(s)``; ``s.ToUpper()`` -> ``member(s)`` (or ``member(s, None)``, unit);
``s.Substring(1, 2)`` -> ``member(s, 1, 2)``).  Wrong argument counts or types raise
``ArgumentException``.
:data:`STRING_MEMBER_TYPES` gives their F# types for type inference (one entry per overload,
argument tuple -> result; properties have a plain type and are listed in
:data:`STRING_PROPERTIES`).

Limits: every function (and member) whose result can be larger than its input -- ``replicate``,
``padLeft``/``PadLeft``, ``replace``/``Replace``, ``concat``/``join``, ``collect``, ``init``,
case mapping, ``split``/``Split``, ``toList``/``toCharArray`` -- estimates the size of its
result (a character costs one byte in an ASCII string, four otherwise) and checks it against
the run's collection-size and memory limits *before* building it; ``collect`` and ``init``
check as the result grows.  Callbacks are only called from Python loops and comprehensions,
never from inside a C function such as ``str.join`` over a generator or ``any``/``all``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final, NoReturn

from fusabi_host.lang import guard, lazyseq
from fusabi_host.lang.context import Context
from fusabi_host.lang.exceptions import fail
from fusabi_host.lang.format import format_list_form
from fusabi_host.lang.mutables import FzHashSet, FzResizeArray
from fusabi_host.lang.stdlib import collections_util as cu
from fusabi_host.lang.stdlib.char_module import WHITESPACE
from fusabi_host.lang.stdlib.dotnet_module import (
    REMOVE_EMPTY_ENTRIES,
    TRIM_ENTRIES,
    split_options,
)
from fusabi_host.lang.stdlib.registry import builtin, call2, upstream_form
from fusabi_host.lang.stdlib.text_module import culture_compare
from fusabi_host.lang.values import (
    NIL,
    Char,
    FzArray,
    FzSeq,
    FzSet,
    from_iterable,
    to_pylist,
    type_name,
)

__all__ = ["STRING_MEMBERS", "STRING_MEMBER_TYPES", "STRING_PROPERTIES", "reserve_text"]


# --------------------------------------------------------------------------- sizes


def reserve_text(length: int, *samples: str) -> None:
    """Refuse to build a string of *length* characters past the run's limits: it costs one
    byte a character when all of *samples* (the strings it is made of) are ASCII, four
    otherwise (CPython stores a string in 1, 2 or 4 bytes a character)."""
    wide = False
    for sample in samples:
        if not sample.isascii():
            wide = True
            break
    guard.reserve_items(length, "string", 4 if wide else 1)


def _case_mapped(s: str) -> None:
    """Check the size of ``s.upper()``/``s.lower()``: the same length for ASCII, at most three
    characters for one otherwise (``"ΐ".upper()`` has three)."""
    if s.isascii():
        guard.reserve_items(len(s), "string", 1)
    else:
        guard.reserve_items(3 * len(s), "string", 4)


_SPLIT_PIECE_BYTES: Final = cu.element_bytes("list", cu.STR_BYTES + cu.SLOT_BYTES)
"""What one piece of a split costs: a string held by a list or an array."""


def _split_pieces(pieces: int) -> None:
    """Check the size of a split into *pieces* strings (held by a list or an array)."""
    guard.reserve_items(pieces, "list", _SPLIT_PIECE_BYTES)


def _chunks(s: str) -> list[str]:
    """*s* cut into pieces of :data:`~fusabi_host.lang.stdlib.collections_util.BATCH`
    characters (a callback loop over each piece builds a short-lived list)."""
    step = cu.BATCH
    if len(s) <= step:
        return [s] if s else []
    return [s[i : i + step] for i in range(0, len(s), step)]


class _Text:
    """A string built from the pieces a callback returns (``String.collect``,
    ``String.init``): each piece's length is counted before it is kept -- every
    :data:`~fusabi_host.lang.stdlib.collections_util.BATCH` characters the total is checked
    against the run's limits and the work charged to it -- and the pieces are joined a batch at
    a time, so they never pile up."""

    __slots__ = ("batch", "growth", "name", "parts")

    def __init__(self, name: str) -> None:
        self.name = name
        self.growth = cu.Growth("string", 1)
        self.parts: list[str] = []
        self.batch: list[str] = []

    def add(self, piece: object) -> None:
        if not isinstance(piece, str):
            fail(
                "ArgumentException",
                f"{self.name}: the function must return a string, got {type_name(piece)}",
            )
        if not piece.isascii():
            self.growth.element_bytes = 4
        self.growth.add(len(piece))
        batch = self.batch
        batch.append(piece)
        if len(batch) >= cu.BATCH:
            self.parts.append("".join(batch))
            self.batch = []

    def result(self) -> str:
        self.growth.done()
        self.parts.append("".join(self.batch))
        return "".join(self.parts)


# --------------------------------------------------------------------------- upstream functions


@builtin("String.length", "string -> int")
def length(s: str) -> int:
    return len(s)


@builtin("String.trim", "string -> string")
def trim(s: str) -> str:
    return s.strip(WHITESPACE)


@builtin("String.toLower", "string -> string")
def to_lower(s: str) -> str:
    _case_mapped(s)
    return s.lower()


@builtin("String.toUpper", "string -> string")
def to_upper(s: str) -> str:
    _case_mapped(s)
    return s.upper()


def rust_split(delimiter: str, s: str) -> list[str]:
    """Rust's ``s.split(delimiter)``."""
    if delimiter:
        _split_pieces(s.count(delimiter) + 1)
        return s.split(delimiter)
    _split_pieces(len(s) + 2)
    return ["", *s, ""]


@builtin("String.split", "string -> string -> string list")
def split(delimiter: str, s: str) -> object:
    return from_iterable(rust_split(delimiter, s))


@builtin("String.concat", "string -> string seq -> string")
def concat(separator: str, strings: object) -> str:
    """F#'s ``String.concat sep strings``."""
    items = _strings("String.concat", strings)
    _reserve_joined(separator, items)
    return separator.join(items)


@upstream_form("String.concat", "string seq -> string")
def concat_upstream(strings: object) -> str:
    """Upstream's ``String.concat strings`` (no separator): taken when the first argument is
    not a string."""
    items = _strings("String.concat", strings)
    _reserve_joined("", items)
    return "".join(items)


@builtin("String.contains", "string -> string -> bool")
def contains(needle: str, s: str) -> bool:
    return needle in s


@builtin("String.startsWith", "string -> string -> bool")
def starts_with(prefix: str, s: str) -> bool:
    return s.startswith(prefix)


@builtin("String.endsWith", "string -> string -> bool")
def ends_with(suffix: str, s: str) -> bool:
    return s.endswith(suffix)


@builtin("String.format", "string -> 'a list -> string")
def format_(fmt: str, arguments: object) -> str:
    return format_list_form(fmt, arguments)


def _strings(name: str, xs: object) -> list[str]:
    if type(xs) is FzArray:
        items: list[object] = list(xs)
    elif xs is NIL or type(xs) is list:
        items = to_pylist(xs)
    elif type(xs) is FzSet:
        items = list(xs.values())
    elif type(xs) is FzSeq:  # a lazy sequence: enumerated now (limits checked as it grows)
        items = lazyseq.materialise(xs, "sequence", 8)
    elif type(xs) in (FzResizeArray, FzHashSet):  # (a copy of the .NET collection)
        items = list(lazyseq.raw_iterator(xs))
    else:
        fail(
            "ArgumentException",
            f"{name} expects a list, array or set of strings, got {type_name(xs)}",
        )
    for item in items:
        if type(item) is not str:
            fail("ArgumentException", f"{name} expects a list of strings, got a {type_name(item)}")
    return items  # type: ignore[return-value]


# --------------------------------------------------------------------------- F# String module


@builtin("String.join", "string -> string seq -> string")
def join(separator: str, strings: object) -> str:
    items = _strings("String.join", strings)
    _reserve_joined(separator, items)
    return separator.join(items)


def _reserve_joined(separator: str, items: list[str]) -> None:
    """Refuse a joined string past the run's size and memory limits, before building it."""
    total = sum(map(len, items)) + len(separator) * max(len(items) - 1, 0)
    reserve_text(total, separator, *items)


def _reserve_replaced(s: str, old: str, new: str) -> None:
    """Refuse the result of replacing *old* by *new* in *s* past the run's limits."""
    grow = len(new) - len(old)
    if grow <= 0 or len(s) // len(old) * grow < guard.LARGE_ALLOCATION:
        return
    reserve_text(len(s) + s.count(old) * grow, s, new)


@builtin("String.replace", "string -> string -> string -> string")
def replace(old_value: str, new_value: str, s: str) -> str:
    if not old_value:
        fail("ArgumentException", "String cannot be of zero length. (Parameter 'oldValue')")
    _reserve_replaced(s, old_value, new_value)
    return s.replace(old_value, new_value)


@builtin("String.isEmpty", "string -> bool")
def is_empty(s: str) -> bool:
    return not s


@builtin("String.collect", "(char -> string) -> string -> string")
def collect(f: Callable[[Char], str], s: str) -> str:
    text = _Text("String.collect")
    for c in s:
        text.add(f(Char(c)))
    return text.result()


@builtin("String.exists", "(char -> bool) -> string -> bool")
def exists(predicate: Callable[[Char], bool], s: str) -> bool:
    for c in s:
        if predicate(Char(c)):
            return True
    return False


@builtin("String.forall", "(char -> bool) -> string -> bool")
def forall(predicate: Callable[[Char], bool], s: str) -> bool:
    for c in s:
        if not predicate(Char(c)):
            return False
    return True


def _non_negative_count(count: int) -> None:
    if count < 0:
        fail("ArgumentException", "The input must be non-negative. (Parameter 'count')")


@builtin("String.init", "int -> (int -> string) -> string", context=True)
def init(ctx: Context, count: int, initializer: Callable[[int], str]) -> str:
    _non_negative_count(count)
    ctx.check_size(count, "string")
    guard.reserve_items(count, "string", 1)
    text = _Text("String.init")
    for i in range(count):
        text.add(initializer(i))
    return text.result()


@builtin("String.iter", "(char -> unit) -> string -> unit")
def iter_(action: Callable[[Char], None], s: str) -> None:
    for c in s:
        action(Char(c))


@builtin("String.iteri", "(int -> char -> unit) -> string -> unit")
def iteri(action: Callable[[int], Callable[[Char], None]], s: str) -> None:
    for i, c in enumerate(s):
        call2(action, i, Char(c))


def _char_result(name: str, result: object) -> str:
    if type(result) is not Char:
        fail(
            "ArgumentException", f"{name}: the mapping must return a char, got {type_name(result)}"
        )
    return result


@builtin("String.map", "(char -> char) -> string -> string")
def map_(mapping: Callable[[Char], Char], s: str) -> str:
    chunks = [
        "".join([_char_result("String.map", mapping(Char(c))) for c in chunk])
        for chunk in _chunks(s)
    ]
    _reserve_joined("", chunks)
    return "".join(chunks)


@builtin("String.mapi", "(int -> char -> char) -> string -> string")
def mapi(mapping: Callable[[int], Callable[[Char], Char]], s: str) -> str:
    step = cu.BATCH
    chunks = [
        "".join(
            [
                _char_result("String.mapi", call2(mapping, i, Char(c)))
                for i, c in enumerate(chunk, number * step)
            ]
        )
        for number, chunk in enumerate(_chunks(s))
    ]
    _reserve_joined("", chunks)
    return "".join(chunks)


@builtin("String.filter", "(char -> bool) -> string -> string")
def filter_(predicate: Callable[[Char], bool], s: str) -> str:
    return "".join(["".join([c for c in chunk if predicate(Char(c))]) for chunk in _chunks(s)])


@builtin("String.replicate", "int -> string -> string", context=True)
def replicate(ctx: Context, count: int, s: str) -> str:
    _non_negative_count(count)
    ctx.check_size(count * len(s), "string")
    reserve_text(count * len(s), s)
    return s * count


# --------------------------------------------------------------------------- .NET-style helpers


@builtin("String.substring", "int -> int -> string -> string")
def substring(start: int, count: int, s: str) -> str:
    return substring_of(s, start, count)


@builtin("String.indexOf", "string -> string -> int")
def index_of(needle: str, s: str) -> int:
    return s.find(needle)


@builtin("String.lastIndexOf", "string -> string -> int")
def last_index_of(needle: str, s: str) -> int:
    return s.rfind(needle)


@builtin("String.padLeft", "int -> string -> string")
def pad_left(width: int, s: str) -> str:
    return _pad_left(s, width)


@builtin("String.padRight", "int -> string -> string")
def pad_right(width: int, s: str) -> str:
    return _pad_right(s, width)


@builtin("String.trimStart", "string -> string")
def trim_start(s: str) -> str:
    return s.lstrip(WHITESPACE)


@builtin("String.trimEnd", "string -> string")
def trim_end(s: str) -> str:
    return s.rstrip(WHITESPACE)


@builtin("String.toCharArray", "string -> char array")
def to_char_array(s: str) -> FzArray:
    cu.reserve("array", len(s), cu.CHAR_BYTES)
    return FzArray(map(Char, s))


@builtin("String.toList", "string -> char list")
def to_list(s: str) -> object:
    cu.reserve("list", len(s), cu.CHAR_BYTES + cu.SLOT_BYTES)
    return from_iterable([Char(c) for c in s])


def _chars_to_string(name: str, chars: list[Any]) -> str:
    for c in chars:
        if type(c) is not Char:
            fail("ArgumentException", f"{name} expects chars, got a {type_name(c)}")
    return "".join(chars)


@builtin("String.ofArray", "char array -> string")
def of_array(chars: FzArray) -> str:
    return _chars_to_string("String.ofArray", chars)


@builtin("String.ofList", "char list -> string")
def of_list(chars: object) -> str:
    return _chars_to_string("String.ofList", to_pylist(chars))


# --------------------------------------------------------------------------- members


def _out_of_range(parameter: str, message: str) -> NoReturn:
    fail("ArgumentOutOfRangeException", f"{message} (Parameter '{parameter}')")


def substring_of(s: str, start: int, count: int | None = None) -> str:
    """``s.Substring(start)`` / ``s.Substring(start, count)``, with .NET's range errors
    (generated code calls it directly when the arguments are typed ints)."""
    if start < 0:
        _out_of_range("startIndex", "StartIndex cannot be less than zero.")
    if start > len(s):
        _out_of_range("startIndex", "startIndex cannot be larger than length of string.")
    if count is None:
        return s[start:]
    if count < 0:
        _out_of_range("length", "Length cannot be less than zero.")
    if start + count > len(s):
        _out_of_range("length", "Index and length must refer to a location within the string.")
    return s[start : start + count]


def _pad_left(s: str, width: int, fill: str = " ") -> str:
    if width < 0:
        _out_of_range("totalWidth", "Non-negative number required.")
    if width > len(s):
        reserve_text(width, s, fill)
    return s.rjust(width, fill)


def _pad_right(s: str, width: int, fill: str = " ") -> str:
    if width < 0:
        _out_of_range("totalWidth", "Non-negative number required.")
    if width > len(s):
        reserve_text(width, s, fill)
    return s.ljust(width, fill)


def _no_overload(member: str, args: tuple[object, ...]) -> NoReturn:
    kinds = ", ".join(type_name(a) for a in args) or "no arguments"
    fail("ArgumentException", f"String.{member} has no overload taking ({kinds})")


def _expect(member: str, args: tuple[object, ...], *kinds: type | tuple[type, ...]) -> None:
    """Check the argument count and types of a member call (``bool`` is not an ``int``).

    A unit argument stands for an empty argument list: ``s.ToUpper()`` may arrive as
    ``member(s)`` or ``member(s, None)``.
    """
    if not kinds and len(args) == 1 and args[0] is None:
        return
    if len(args) != len(kinds):
        _no_overload(member, args)
    for arg, kind in zip(args, kinds, strict=True):
        if type(arg) is bool or not isinstance(arg, kind):
            _no_overload(member, args)


def _text(member: str, args: tuple[object, ...]) -> str:
    """The single string-or-char argument of a member."""
    _expect(member, args, str)
    return str.__str__(args[0])


def _char_set(member: str, args: tuple[object, ...]) -> str | None:
    """The characters of ``Trim(c1, c2...)`` / ``Trim(chars)``; ``None`` for white space."""
    if not args or (len(args) == 1 and args[0] is None):
        return None
    chars: list[Any] = list(args[0]) if len(args) == 1 and type(args[0]) is FzArray else list(args)
    if not chars:
        return None
    if any(type(c) is not Char for c in chars):
        _no_overload(member, args)
    return "".join(chars)


def _m_length(s: str, *args: object) -> int:
    _expect("Length", args)
    return len(s)


def _m_to_upper(s: str, *args: object) -> str:
    _expect("ToUpper", args)
    _case_mapped(s)
    return s.upper()


def _m_to_lower(s: str, *args: object) -> str:
    _expect("ToLower", args)
    _case_mapped(s)
    return s.lower()


def _m_trim(s: str, *args: object) -> str:
    if not args:
        return s.strip(WHITESPACE)
    chars = _char_set("Trim", args)
    return s.strip(WHITESPACE if chars is None else chars)


def _m_trim_start(s: str, *args: object) -> str:
    chars = _char_set("TrimStart", args)
    return s.lstrip(WHITESPACE if chars is None else chars)


def _m_trim_end(s: str, *args: object) -> str:
    chars = _char_set("TrimEnd", args)
    return s.rstrip(WHITESPACE if chars is None else chars)


def _m_starts_with(s: str, *args: object) -> bool:
    return s.startswith(_text("StartsWith", args))


def _m_ends_with(s: str, *args: object) -> bool:
    return s.endswith(_text("EndsWith", args))


def _m_contains(s: str, *args: object) -> bool:
    return _text("Contains", args) in s


def index_from(s: str, sought: str, start: int) -> int:
    """``s.IndexOf(sought, start)``: where *sought* (a string or char) is first found at or
    after *start*, or -1 (generated code calls it directly when the types are known)."""
    if not 0 <= start <= len(s):
        _out_of_range(
            "startIndex",
            "Index was out of range. Must be non-negative and less than the size of the "
            "collection.",
        )
    return s.find(sought, start)


def _m_index_of(s: str, *args: object) -> int:
    if len(args) == 2:
        _expect("IndexOf", args, str, int)
        return index_from(s, str.__str__(args[0]), args[1])  # type: ignore[arg-type]
    return s.find(_text("IndexOf", args))


def _m_last_index_of(s: str, *args: object) -> int:
    return s.rfind(_text("LastIndexOf", args))


def _m_substring(s: str, *args: object) -> str:
    if len(args) == 1:
        _expect("Substring", args, int)
        return substring_of(s, args[0])  # type: ignore[arg-type]
    _expect("Substring", args, int, int)
    return substring_of(s, args[0], args[1])  # type: ignore[arg-type]


def _m_replace(s: str, *args: object) -> str:
    _expect("Replace", args, str, str)
    old, new = args
    if (type(old) is Char) != (type(new) is Char):
        _no_overload("Replace", args)
    if not old:
        fail("ArgumentException", "String cannot be of zero length. (Parameter 'oldValue')")
    _reserve_replaced(s, str.__str__(old), str.__str__(new))
    return s.replace(str.__str__(old), str.__str__(new))


def _split_any(s: str, separators: str) -> list[str]:
    """*s* cut at every character of *separators* (by ``str.split``, in C: the other
    separators are first translated to the first one, which cuts at the same places)."""
    first = separators[0]
    others = {ord(c): first for c in separators if c != first}
    return (s.translate(others) if others else s).split(first)


def _split_strings(s: str, separators: list[str]) -> list[str]:
    """``s.Split([|"; "; ","|], ...)``: at each position the first separator of the array that
    matches there cuts (empty separators are ignored), as .NET does."""
    cuts: list[tuple[int, int]] = []
    i = 0
    while i < len(s):
        for separator in separators:
            if s.startswith(separator, i):
                cuts.append((i, len(separator)))
                i += len(separator)
                break
        else:
            i += 1
    _split_pieces(len(cuts) + 1)
    pieces: list[str] = []
    start = 0
    for at, width in cuts:
        pieces.append(s[start:at])
        start = at + width
    pieces.append(s[start:])
    return pieces


def _is_string_array(value: object) -> bool:
    """Is *value* a non-empty array of strings (``Split``'s ``string[]`` separators)?"""
    return type(value) is FzArray and bool(value) and all(type(item) is str for item in value)


def _split_by(s: str, args: tuple[object, ...]) -> list[str]:
    """The pieces of ``s.Split(args)`` (the separators only, without split options)."""
    if len(args) == 1 and (type(args[0]) is str or type(args[0]) is Char):
        separator: str = str.__str__(args[0])  # (one char cuts as the one-char string does)
        if not separator:
            return [s]
        _split_pieces(s.count(separator) + 1)
        return s.split(separator)
    if len(args) == 1 and _is_string_array(args[0]):
        strings = [piece for piece in args[0] if piece]  # type: ignore[attr-defined]
        return _split_strings(s, strings) if strings else _split_by(s, ())
    chars = _char_set("Split", args)
    separators = WHITESPACE if chars is None else chars
    _split_pieces(sum([s.count(c) for c in set(separators)]) + 1)
    return _split_any(s, separators)


def split_char(s: str, separator: Char) -> FzArray:
    """``s.Split(c)`` of one char (generated code calls it directly): the pieces between
    the separators, empty ones included, as ``str.split`` cuts them.  The pieces are counted
    and reserved first (:func:`_split_pieces`), unless even one piece per char would pass
    every check (a short row: most splits)."""
    cut = str.__str__(separator)
    if guard.could_refuse_items(len(s) + 1, _SPLIT_PIECE_BYTES):
        _split_pieces(s.count(cut) + 1)
    return FzArray(s.split(cut))


def _m_split(s: str, *args: object) -> FzArray:
    """``s.Split(separators)`` or ``s.Split(separators, StringSplitOptions.X)``: TrimEntries
    trims each piece, RemoveEmptyEntries then drops the empty ones."""
    if len(args) == 1 and (type(args[0]) is Char or type(args[0]) is str):
        return FzArray(_split_by(s, args))  # (the common s.Split(','): no options to look for)
    separators, option = split_options(args)
    if option is not None and not separators:
        _no_overload("Split", args)
    pieces = _split_by(s, separators)
    if option is TRIM_ENTRIES:
        pieces = [piece.strip(WHITESPACE) for piece in pieces]
    elif option is REMOVE_EMPTY_ENTRIES:
        pieces = [piece for piece in pieces if piece]
    return FzArray(pieces)


def _fill_char(member: str, args: tuple[object, ...]) -> tuple[int, str]:
    if len(args) == 1:
        _expect(member, args, int)
        return args[0], " "  # type: ignore[return-value]
    _expect(member, args, int, Char)
    return args[0], str.__str__(args[1])  # type: ignore[return-value]


def _m_pad_left(s: str, *args: object) -> str:
    return _pad_left(s, *_fill_char("PadLeft", args))


def _m_pad_right(s: str, *args: object) -> str:
    return _pad_right(s, *_fill_char("PadRight", args))


def _m_to_char_array(s: str, *args: object) -> FzArray:
    _expect("ToCharArray", args)
    cu.reserve("array", len(s), cu.CHAR_BYTES)
    return FzArray(map(Char, s))


def _m_insert(s: str, *args: object) -> str:
    _expect("Insert", args, int, str)
    index: int = args[0]  # type: ignore[assignment]
    if not 0 <= index <= len(s):
        _out_of_range(
            "startIndex",
            "Index was out of range. Must be non-negative and less than or equal to the size "
            "of the collection.",
        )
    piece = str.__str__(args[1])
    reserve_text(len(s) + len(piece), s, piece)
    return s[:index] + piece + s[index:]


def _m_remove(s: str, *args: object) -> str:
    if len(args) == 1:
        _expect("Remove", args, int)
        start: int = args[0]  # type: ignore[assignment]
        if not 0 <= start < len(s) + (1 if start == len(s) and not s else 0):
            _out_of_range("startIndex", "startIndex must be less than length of string.")
        return s[:start]
    _expect("Remove", args, int, int)
    start, count = args  # type: ignore[assignment]
    if start < 0 or count < 0 or start + count > len(s):  # type: ignore[operator]
        _out_of_range("count", "Index and count must refer to a location within the string.")
    return s[:start] + s[start + count :]  # type: ignore[operator]


def _m_index_of_any(s: str, *args: object) -> int:
    _expect("IndexOfAny", args, FzArray)
    chars = {str.__str__(c) for c in args[0]}  # type: ignore[attr-defined]
    return next((i for i, c in enumerate(s) if c in chars), -1)


def _m_chars(s: str, *args: object) -> Char:
    _expect("Chars", args, int)
    index: int = args[0]  # type: ignore[assignment]
    if not 0 <= index < len(s):
        fail("IndexOutOfRangeException", "Index was outside the bounds of the array.")
    return Char(s[index])


def _m_compare_to(s: str, *args: object) -> int:
    """``a.CompareTo b``: the invariant culture's order (as ``String.Compare``)."""
    _expect("CompareTo", args, str)
    return culture_compare(s, str.__str__(args[0]))


def _m_equals(s: str, *args: object) -> bool:
    _expect("Equals", args, str)
    return type(args[0]) is str and s == args[0]


def _m_to_string(s: str, *args: object) -> str:
    _expect("ToString", args)
    return s


STRING_MEMBERS: Final[dict[str, Callable[..., Any]]] = {
    "Length": _m_length,
    "ToUpper": _m_to_upper,
    "ToLower": _m_to_lower,
    "ToUpperInvariant": _m_to_upper,
    "ToLowerInvariant": _m_to_lower,
    "Trim": _m_trim,
    "TrimStart": _m_trim_start,
    "TrimEnd": _m_trim_end,
    "StartsWith": _m_starts_with,
    "EndsWith": _m_ends_with,
    "Contains": _m_contains,
    "IndexOf": _m_index_of,
    "LastIndexOf": _m_last_index_of,
    "Substring": _m_substring,
    "Replace": _m_replace,
    "Split": _m_split,
    "PadLeft": _m_pad_left,
    "PadRight": _m_pad_right,
    "ToCharArray": _m_to_char_array,
    "ToString": _m_to_string,
    "Insert": _m_insert,
    "Remove": _m_remove,
    "IndexOfAny": _m_index_of_any,
    "Chars": _m_chars,
    "CompareTo": _m_compare_to,
    "Equals": _m_equals,
}
"""Member name -> ``member(s, *args)``; see the module docstring."""

STRING_PROPERTIES: Final = frozenset({"Length"})
"""Members read without an argument list (``s.Length``)."""

_TRIM: Final = ("unit -> string", "char -> string", "char array -> string")
STRING_MEMBER_TYPES: Final[dict[str, tuple[str, ...]]] = {
    "Length": ("int",),
    "ToUpper": ("unit -> string",),
    "ToLower": ("unit -> string",),
    "ToUpperInvariant": ("unit -> string",),
    "ToLowerInvariant": ("unit -> string",),
    "Trim": _TRIM,
    "TrimStart": _TRIM,
    "TrimEnd": _TRIM,
    "StartsWith": ("string -> bool", "char -> bool"),
    "EndsWith": ("string -> bool", "char -> bool"),
    "Contains": ("string -> bool", "char -> bool"),
    "IndexOf": ("string -> int", "char -> int", "string * int -> int", "char * int -> int"),
    "LastIndexOf": ("string -> int", "char -> int"),
    "Substring": ("int -> string", "int * int -> string"),
    "Replace": ("string * string -> string", "char * char -> string"),
    "Split": (
        "unit -> string array",
        "char -> string array",
        "string -> string array",
        "char array -> string array",
        "char * char -> string array",
        "char * char * char -> string array",
        "char * StringSplitOptions -> string array",
        "string * StringSplitOptions -> string array",
        "char array * StringSplitOptions -> string array",
        "string array * StringSplitOptions -> string array",
    ),
    "PadLeft": ("int -> string", "int * char -> string"),
    "PadRight": ("int -> string", "int * char -> string"),
    "ToCharArray": ("unit -> char array",),
    "ToString": ("unit -> string",),
    "Insert": ("int * string -> string",),
    "Remove": ("int -> string", "int * int -> string"),
    "IndexOfAny": ("char array -> int",),
    "Chars": ("int -> char",),
    "CompareTo": ("string -> int",),
    "Equals": ("string -> bool",),
}
"""The F# types of :data:`STRING_MEMBERS`, one per overload (a property: its type)."""
