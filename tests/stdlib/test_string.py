"""The String module and the .NET-style string members."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fusabi_host.errors import LimitExceeded
from fusabi_host.lang.context import Context
from fusabi_host.lang.stdlib.registry import REGISTRY
from fusabi_host.lang.stdlib.string_module import (
    STRING_MEMBER_TYPES,
    STRING_MEMBERS,
    STRING_PROPERTIES,
)
from fusabi_host.lang.values import NIL, Char, FusabiException, FzArray, from_iterable, to_pylist


@contextmanager
def fusabi_error(kind: str, *fragments: str) -> Iterator[None]:
    with pytest.raises(FusabiException) as caught:
        yield
    exn: Any = caught.value.value
    tag, message = exn
    assert tag.name == kind
    for fragment in fragments:
        assert fragment in message


def call(name: str, *args: object) -> Any:
    return REGISTRY[f"String.{name}"].func(*args)


def ctx(limit: int | None = None) -> Context:
    return Context(check=lambda capability, resource: None, max_collection_size=limit)


def member(name: str, s: str, *args: object) -> Any:
    return STRING_MEMBERS[name](s, *args)


# --------------------------------------------------------------------------- upstream functions


def test_length_counts_unicode_scalar_values() -> None:
    assert call("length", "") == 0
    assert call("length", "héllo") == 5
    assert call("length", "😀a") == 2


def test_trim_and_case() -> None:
    assert call("trim", "  a b \t\n") == "a b"
    assert call("trim", "\u3000\u00a0x\u2009") == "x"
    assert call("trim", "\x1cx") == "\x1cx"  # not Unicode White_Space
    assert call("toUpper", "straße") == "STRASSE"
    assert call("toLower", "ÀÉÎ") == "àéî"
    assert call("toUpper", "plugin") == "PLUGIN"


@pytest.mark.parametrize(
    ("delimiter", "s", "pieces"),
    [
        (",", "a,b,c", ["a", "b", "c"]),
        (",", "a,,b,", ["a", "", "b", ""]),
        (",", "", [""]),
        (",", "abc", ["abc"]),
        (", ", "a, b, c", ["a", "b", "c"]),
        ("", "abc", ["", "a", "b", "c", ""]),
        ("", "", ["", ""]),
        ("\n", "l1\nl2\n", ["l1", "l2", ""]),
    ],
)
def test_split_has_rust_semantics(delimiter: str, s: str, pieces: list[str]) -> None:
    result = call("split", delimiter, s)
    assert to_pylist(result) == pieces


def test_split_returns_a_list() -> None:
    assert call("split", ",", "a,b") == ["a", ["b", NIL]]


def test_upstream_concat_takes_one_list() -> None:
    concat = REGISTRY["String.concat"].upstream
    assert concat is not None
    assert concat.func(from_iterable(["Hello, ", "world", "!"])) == "Hello, world!"
    assert concat.func(NIL) == ""
    with fusabi_error("ArgumentException", "list of strings", "int"):
        concat.func(from_iterable(["a", 1]))


def test_fsharp_concat_takes_a_separator() -> None:
    assert call("concat", ", ", from_iterable(["a", "b"])) == "a, b"
    assert call("concat", "", NIL) == ""


def test_contains_starts_ends_needle_first() -> None:
    assert call("contains", "dir", "a directory")
    assert not call("contains", "x", "abc")
    assert call("contains", "", "abc")
    assert call("startsWith", "ab", "abc")
    assert not call("startsWith", "abc", "ab")
    assert call("endsWith", "bc", "abc")
    assert not call("endsWith", "ab", "abc")


def test_format_is_the_list_form() -> None:
    assert call("format", "%s is %d", from_iterable(["age", 42])) == "age is 42"
    with fusabi_error("FormatException"):
        call("format", "%s is %d", from_iterable(["age"]))


# --------------------------------------------------------------------------- F# functions


def test_join_and_replace() -> None:
    assert call("join", ", ", from_iterable(["a", "b", "c"])) == "a, b, c"
    assert call("join", "-", NIL) == ""
    assert call("replace", "o", "0", "foo boo") == "f00 b00"
    assert call("replace", "xyz", "!", "abc") == "abc"
    with fusabi_error("ArgumentException", "zero length", "oldValue"):
        call("replace", "", "x", "abc")


def test_is_empty() -> None:
    assert call("isEmpty", "")
    assert not call("isEmpty", " ")


def test_higher_order_functions() -> None:
    assert call("collect", lambda c: c + c, "ab") == "aabb"
    assert call("exists", lambda c: c == "b", "abc")
    assert not call("exists", lambda c: c == "z", "")
    assert call("forall", lambda c: c.isdigit(), "123")
    assert call("forall", lambda c: False, "")
    assert call("map", lambda c: Char(c.upper()), "abc") == "ABC"
    assert call("mapi", lambda i: lambda c: c if i % 2 else Char("_"), "abcd") == "_b_d"
    assert call("filter", lambda c: c != "a", "banana") == "bnn"


def test_callbacks_receive_chars() -> None:
    seen: list[object] = []
    call("iter", seen.append, "hé")
    assert seen == ["h", "é"]
    assert all(type(c) is Char for c in seen)
    pairs: list[tuple[int, object]] = []
    call("iteri", lambda i: lambda c: pairs.append((i, c)), "xy")
    assert pairs == [(0, "x"), (1, "y")]


def test_map_must_return_chars() -> None:
    with fusabi_error("ArgumentException", "char", "string"):
        call("map", lambda c: "ab", "x")


def test_init_and_replicate() -> None:
    assert call("init", ctx(), 3, str) == "012"
    assert call("init", ctx(), 0, lambda i: "x") == ""
    assert call("replicate", ctx(), 3, "ab") == "ababab"
    assert call("replicate", ctx(), 0, "ab") == ""
    assert REGISTRY["String.init"].context
    assert REGISTRY["String.replicate"].context


@pytest.mark.parametrize("name", ["init", "replicate"])
def test_negative_counts(name: str) -> None:
    argument: object = (lambda i: "x") if name == "init" else "x"
    with fusabi_error("ArgumentException", "non-negative", "count"):
        call(name, ctx(), -1, argument)


def test_size_limits() -> None:
    with pytest.raises(LimitExceeded):
        call("init", ctx(limit=10), 11, lambda i: "x")
    with pytest.raises(LimitExceeded):
        call("replicate", ctx(limit=10), 4, "abc")
    assert call("replicate", ctx(limit=10), 5, "ab") == "ab" * 5


# --------------------------------------------------------------------------- .NET-style helpers


def test_substring() -> None:
    assert call("substring", 1, 3, "abcdef") == "bcd"
    assert call("substring", 6, 0, "abcdef") == ""
    assert call("substring", 0, 2, "😀ab") == "😀a"


@pytest.mark.parametrize(
    ("start", "count", "parameter"),
    [(-1, 1, "startIndex"), (7, 0, "startIndex"), (2, -1, "length"), (4, 3, "length")],
)
def test_substring_out_of_range(start: int, count: int, parameter: str) -> None:
    with fusabi_error("ArgumentOutOfRangeException", f"'{parameter}'"):
        call("substring", start, count, "abcdef")


def test_index_of() -> None:
    assert call("indexOf", "lo", "hello lo") == 3
    assert call("indexOf", "z", "hello") == -1
    assert call("indexOf", "", "abc") == 0
    assert call("lastIndexOf", "lo", "hello lo") == 6
    assert call("lastIndexOf", "z", "hello") == -1


def test_padding_and_trimming() -> None:
    assert call("padLeft", 5, "ab") == "   ab"
    assert call("padRight", 5, "ab") == "ab   "
    assert call("padLeft", 1, "abc") == "abc"
    with fusabi_error("ArgumentOutOfRangeException", "totalWidth"):
        call("padLeft", -1, "abc")
    assert call("trimStart", "  a  ") == "a  "
    assert call("trimEnd", "  a  ") == "  a"


def test_char_conversions() -> None:
    array = call("toCharArray", "aé")
    assert type(array) is FzArray
    assert array == ["a", "é"]
    assert all(type(c) is Char for c in array)
    chars = to_pylist(call("toList", "ab"))
    assert chars == ["a", "b"]
    assert all(type(c) is Char for c in chars)
    assert call("ofArray", FzArray([Char("h"), Char("i")])) == "hi"
    assert call("ofList", from_iterable([Char("o"), Char("k")])) == "ok"
    assert call("ofList", NIL) == ""
    with fusabi_error("ArgumentException", "chars", "string"):
        call("ofArray", FzArray(["ab"]))


@given(st.text())
def test_char_round_trip(s: str) -> None:
    assert call("ofArray", call("toCharArray", s)) == s
    assert call("ofList", call("toList", s)) == s


@given(st.text(), st.text(min_size=1))
def test_split_then_join_round_trips(s: str, delimiter: str) -> None:
    assert call("join", delimiter, call("split", delimiter, s)) == s


# --------------------------------------------------------------------------- members


def test_member_table_is_consistent() -> None:
    assert set(STRING_MEMBERS) == set(STRING_MEMBER_TYPES)
    assert set(STRING_PROPERTIES) <= set(STRING_MEMBERS)
    for name, types in STRING_MEMBER_TYPES.items():
        assert types
        assert all(("->" in t) != (name in STRING_PROPERTIES) for t in types), name


def test_simple_members() -> None:
    assert member("Length", "héllo") == 5
    assert member("ToUpper", "abc") == "ABC"
    assert member("ToUpper", "abc", None) == "ABC"  # unit argument
    assert member("ToLower", "ABC") == "abc"
    assert member("ToUpperInvariant", "a") == "A"
    assert member("ToString", "s") == "s"
    assert member("StartsWith", "abc", "ab")
    assert member("StartsWith", "abc", Char("a"))
    assert member("EndsWith", "abc", Char("c"))
    assert member("Contains", "abc", "bc")
    assert not member("Contains", "abc", Char("z"))


def test_trim_members() -> None:
    assert member("Trim", "  x  ") == "x"
    assert member("Trim", "  x  ", None) == "x"
    assert member("Trim", "--x-+", Char("-"), Char("+")) == "x"
    assert member("Trim", "--x--", FzArray([Char("-")])) == "x"
    assert member("TrimStart", "  x  ") == "x  "
    assert member("TrimEnd", "xaa", Char("a")) == "x"
    with fusabi_error("ArgumentException", "Trim"):
        member("Trim", "x", "ab")


def test_index_members() -> None:
    assert member("IndexOf", "hello", "l") == 2
    assert member("IndexOf", "hello", Char("o")) == 4
    assert member("IndexOf", "hello", "l", 3) == 3
    assert member("IndexOf", "hello", "h", 5) == -1
    assert member("IndexOf", "hello", "z") == -1
    assert member("LastIndexOf", "hello", "l") == 3
    with fusabi_error("ArgumentOutOfRangeException", "startIndex"):
        member("IndexOf", "hello", "l", 6)


def test_substring_member() -> None:
    assert member("Substring", "abcdef", 2) == "cdef"
    assert member("Substring", "abcdef", 1, 2) == "bc"
    assert member("Substring", "abcdef", 6) == ""
    with fusabi_error("ArgumentOutOfRangeException", "startIndex"):
        member("Substring", "abc", 4)
    with fusabi_error("ArgumentOutOfRangeException", "length"):
        member("Substring", "abc", 1, 3)
    with fusabi_error("ArgumentOutOfRangeException", "startIndex"):
        member("Substring", "abc", -1, 1)
    with fusabi_error("ArgumentException", "Substring", "no overload"):
        member("Substring", "abc", "1")
    with fusabi_error("ArgumentException", "Substring"):
        member("Substring", "abc", 1, 1, 1)
    with fusabi_error("ArgumentException", "Substring"):
        member("Substring", "abc", True)


def test_replace_member() -> None:
    assert member("Replace", "a-b-c", "-", "+") == "a+b+c"
    assert member("Replace", "a-b-c", Char("-"), Char("_")) == "a_b_c"
    with fusabi_error("ArgumentException", "zero length"):
        member("Replace", "abc", "", "x")
    with fusabi_error("ArgumentException", "Replace"):
        member("Replace", "abc", Char("a"), "xy")


def test_split_member_returns_an_array() -> None:
    result = member("Split", "a,b,,c", Char(","))
    assert type(result) is FzArray
    assert result == ["a", "b", "", "c"]
    assert member("Split", "a, b", ", ") == ["a", "b"]
    assert member("Split", "abc", "") == ["abc"]
    assert member("Split", "a,b;c", Char(","), Char(";")) == ["a", "b", "c"]
    assert member("Split", "a,b;c", FzArray([Char(","), Char(";")])) == ["a", "b", "c"]
    assert member("Split", "a b\tc") == ["a", "b", "c"]
    assert member("Split", "a  b", None) == ["a", "", "b"]
    assert member("Split", "", Char(",")) == [""]
    with fusabi_error("ArgumentException", "Split"):
        member("Split", "abc", 1)


def test_pad_members() -> None:
    assert member("PadLeft", "7", 3) == "  7"
    assert member("PadLeft", "7", 3, Char("0")) == "007"
    assert member("PadRight", "ab", 4, Char(".")) == "ab.."
    assert member("PadRight", "abc", 2) == "abc"
    with fusabi_error("ArgumentOutOfRangeException", "totalWidth"):
        member("PadRight", "abc", -2)
    with fusabi_error("ArgumentException", "PadLeft"):
        member("PadLeft", "abc", 5, "0")


def test_to_char_array_member() -> None:
    result = member("ToCharArray", "ab")
    assert type(result) is FzArray
    assert result == ["a", "b"]
    assert type(result[0]) is Char


def test_wrong_argument_counts() -> None:
    with fusabi_error("ArgumentException", "Length"):
        member("Length", "abc", 1)
    with fusabi_error("ArgumentException", "StartsWith", "no arguments"):
        member("StartsWith", "abc")


def test_signatures() -> None:
    expected = {
        "String.split": "string -> string -> string list",
        "String.concat": "string -> string seq -> string",
        "String.contains": "string -> string -> bool",
        "String.join": "string -> string seq -> string",
        "String.replace": "string -> string -> string -> string",
        "String.map": "(char -> char) -> string -> string",
        "String.init": "int -> (int -> string) -> string",
        "String.substring": "int -> int -> string -> string",
        "String.toCharArray": "string -> char array",
    }
    for name, signature in expected.items():
        assert REGISTRY[name].signature == signature
    for name, entry in REGISTRY.items():
        if name.startswith("String."):
            assert entry.arity == top_level_arrows(entry.signature), name


def top_level_arrows(signature: str) -> int:
    depth = arrows = 0
    for i, c in enumerate(signature):
        depth += (c == "(") - (c == ")")
        arrows += depth == 0 and signature.startswith("->", i)
    return arrows


def test_both_forms_of_concat_check_the_right_argument_on_the_dynamic_path() -> None:
    # (the checked versions run where argument types are not known: bytecode, dyn values)
    from fusabi_host.lang.stdlib.checks import checked_builtin
    from fusabi_host.lang.values import FzArray, from_iterable

    fsharp = checked_builtin(REGISTRY["String.concat"]).func
    upstream_form = REGISTRY["String.concat"].upstream
    assert upstream_form is not None
    upstream = checked_builtin(upstream_form).func
    assert fsharp(", ", from_iterable(["a", "b"])) == "a, b"
    assert fsharp("+", FzArray(["x", "y"])) == "x+y"
    assert upstream(from_iterable(["a", "b"])) == "ab"
    from fusabi_host.lang.values import FusabiException

    with pytest.raises(FusabiException):
        fsharp(", ", "not a list")
