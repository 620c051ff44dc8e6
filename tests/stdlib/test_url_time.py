"""Url (parse, isValid, percent-encoding) and Time (clock through the context, UTC format and
parse)."""

from __future__ import annotations

import datetime as dt
from typing import cast

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fusabi_host.capabilities import Capabilities
from fusabi_host.errors import CapabilityError
from fusabi_host.lang.context import Context
from fusabi_host.lang.exceptions import EXCEPTION_TAGS
from fusabi_host.lang.stdlib import time_module, url_module
from fusabi_host.lang.stdlib.registry import REGISTRY
from fusabi_host.lang.values import NONE, FusabiException, make_some

assert url_module.__name__  # importing the modules registers their functions


def call(name: str, *args: object) -> object:
    return REGISTRY[name].func(*args)


def raises(kind: str, name: str, *args: object) -> str:
    with pytest.raises(FusabiException) as info:
        call(name, *args)
    tag, message = cast(tuple[object, str], info.value.value)
    assert tag is EXCEPTION_TAGS[kind]
    return message


def context(*grants: str, clock: float = 1710513045.123) -> Context:
    granted = Capabilities.of(*grants)

    def check(capability: str, resource: str | None) -> None:
        if not granted.covers(capability, resource):
            raise CapabilityError(
                f"capability '{capability}' is not granted",
                capability=capability,
                resource=resource,
            )

    return Context(check=check, clock=lambda: clock)


# =========================================================================== Url


def some(value: object) -> object:
    return make_some(value)


def test_url_signatures() -> None:
    assert REGISTRY["Url.parse"].signature == "string -> dyn option"
    assert REGISTRY["Url.isValid"].signature == "string -> bool"
    assert REGISTRY["Url.encode"].signature == "string -> string"
    assert REGISTRY["Url.decode"].signature == "string -> string option"


def test_parse_full_url() -> None:
    result = call("Url.parse", "https://user:pw@example.com:8080/a/b.html?x=1&y=2#top")
    assert result == some(
        {
            "scheme": "https",
            "host": "example.com",
            "port": some(8080),
            "path": "/a/b.html",
            "query": some("x=1&y=2"),
            "fragment": some("top"),
        }
    )


def test_parse_minimal_url_has_root_path_and_no_options() -> None:
    assert call("Url.parse", "http://example.com") == some(
        {
            "scheme": "http",
            "host": "example.com",
            "port": NONE,
            "path": "/",
            "query": NONE,
            "fragment": NONE,
        }
    )


@pytest.mark.parametrize(
    ("url", "field", "expected"),
    [
        ("http://h?", "query", some("")),
        ("http://h#", "fragment", some("")),
        ("http://h#a?b", "query", NONE),
        ("http://h#a?b", "fragment", some("a?b")),
        ("http://h?q=/x#f", "path", "/"),
        ("http://h?q=/x#f", "query", some("q=/x")),
        ("http://h:/p", "port", NONE),
        ("http://h:0/", "port", some(0)),
        ("http://[::1]:3000/x", "host", "[::1]"),
        ("http://[::1]:3000/x", "port", some(3000)),
        ("file:///etc/hosts", "host", ""),
        ("file:///etc/hosts", "path", "/etc/hosts"),
        ("HTTP://Example.COM/A", "scheme", "HTTP"),
        ("HTTP://Example.COM/A", "host", "Example.COM"),
        ("git+ssh://git@host/repo.git", "scheme", "git+ssh"),
        ("http://h/a%20b", "path", "/a%20b"),
        ("http://bücher.example/", "host", "bücher.example"),
    ],
)
def test_parse_parts(url: str, field: str, expected: object) -> None:
    result = call("Url.parse", url)
    assert result != NONE
    assert result[1][field] == expected  # type: ignore[index]


@pytest.mark.parametrize(
    "url",
    [
        "",
        "example.com",
        "http:/example.com",
        "mailto:someone@example.com",
        "://host",
        "1http://host",
        "http://",
        "http:///path",
        "http://exa mple.com",
        "http://host/a b",
        "http://host\n/",
        "http://host:65536/",
        "http://host:123456/",
        "http://host:8o/",
        "http://host:-1/",
        "http://host:1:2/",
        "http://[::1/",
        "http://[::1]x/",
        "http://ho<st/",
    ],
)
def test_invalid_urls(url: str) -> None:
    assert call("Url.parse", url) == NONE
    assert call("Url.isValid", url) is False


def test_is_valid_accepts_good_urls() -> None:
    assert call("Url.isValid", "https://example.com:443/path?q#f") is True
    assert call("Url.isValid", "ftp://files.example.org") is True


def test_encode() -> None:
    assert call("Url.encode", "AZaz09-_.~") == "AZaz09-_.~"
    assert call("Url.encode", "a b&c/d?e=f+g%") == "a%20b%26c%2Fd%3Fe%3Df%2Bg%25"
    assert call("Url.encode", "é中😀") == "%C3%A9%E4%B8%AD%F0%9F%98%80"
    assert call("Url.encode", "") == ""


def test_decode() -> None:
    assert call("Url.decode", "a%20b%2fc") == some("a b/c")
    assert call("Url.decode", "%C3%A9+x") == some("é+x")
    assert call("Url.decode", "plain é") == some("plain é")
    assert call("Url.decode", "") == some("")


@pytest.mark.parametrize("text", ["%", "%4", "%G1", "abc%2", "%%41", "%FF", "%C3", "%ED%A0%80"])
def test_decode_bad_escapes_and_invalid_utf8_give_none(text: str) -> None:
    assert call("Url.decode", text) == NONE


@given(st.text())
def test_decode_inverts_encode(text: str) -> None:
    encoded = call("Url.encode", text)
    assert isinstance(encoded, str)
    assert set(encoded) <= set(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~%"
    )
    assert call("Url.decode", encoded) == some(text)


# =========================================================================== Time


def test_time_signatures() -> None:
    assert REGISTRY["Time.now"].signature == "unit -> int"
    assert REGISTRY["Time.now"].context and REGISTRY["Time.now"].arity == 1
    assert REGISTRY["Time.nowSeconds"].signature == "unit -> int"
    assert REGISTRY["Time.format"].signature == "string -> int -> string"
    assert REGISTRY["Time.parse"].signature == "string -> string -> int option"


def test_now_reads_the_context_clock() -> None:
    ctx = context("time:read")
    assert call("Time.now", ctx, None) == 1710513045123
    assert call("Time.nowSeconds", ctx, None) == 1710513045


def test_now_never_loses_a_millisecond_to_float_noise() -> None:
    # 1.001 * 1000 is 1000.9999999999999 in binary floating point.
    assert call("Time.now", context("time:read", clock=1.001), None) == 1001
    assert call("Time.now", context("time:read", clock=0.0), None) == 0


def test_now_needs_time_read() -> None:
    for name in ("Time.now", "Time.nowSeconds"):
        with pytest.raises(CapabilityError) as info:
            call(name, context("random"), None)
        assert info.value.capability == "time:read"


@pytest.mark.parametrize(
    ("fmt", "ms", "expected"),
    [
        ("%Y-%m-%d", 1710460800000, "2024-03-15"),
        ("%Y-%m-%d %H:%M:%S", 1710513045000, "2024-03-15 14:30:45"),
        ("%Y-%m-%d %H:%M:%S", 1710513045999, "2024-03-15 14:30:45"),
        ("%Y-%m-%d %H:%M:%S", 0, "1970-01-01 00:00:00"),
        ("%d/%m/%Y", 1709164800000, "29/02/2024"),
        ("100%% at %H", 0, "100% at 00"),
        ("no specifiers", 123, "no specifiers"),
        ("", 0, ""),
        ("%Y-%m-%d %H:%M:%S", -1, "1969-12-31 23:59:59"),
        ("%Y-%m-%d", 253402300799000, "9999-12-31"),
        ("%Y", 253402300800000, "10000"),
    ],
)
def test_format(fmt: str, ms: int, expected: str) -> None:
    assert call("Time.format", fmt, ms) == expected


def test_format_errors() -> None:
    message = raises("FormatException", "Time.format", "%Y-%q", 0)
    assert "unknown format specifier %q" in message
    assert "incomplete" in raises("FormatException", "Time.format", "abc %", 0)


@given(st.integers(min_value=-(2**40), max_value=2**45))
def test_format_agrees_with_datetime(ms: int) -> None:
    expected = dt.datetime(1970, 1, 1, tzinfo=dt.UTC) + dt.timedelta(milliseconds=ms)
    assert call("Time.format", "%Y-%m-%d %H:%M:%S", ms) == expected.strftime("%Y-%m-%d %H:%M:%S")


@given(st.integers(min_value=-(10**7), max_value=10**7))
def test_civil_date_conversions_invert_each_other(days: int) -> None:
    year, month, day = time_module.civil_from_days(days)
    assert time_module.days_from_civil(year, month, day) == days
    if 1 <= year <= 9999:
        assert dt.date(year, month, day) == dt.date(1970, 1, 1) + dt.timedelta(days=days)


@pytest.mark.parametrize(
    ("fmt", "text", "expected"),
    [
        ("%Y-%m-%d", "2024-03-15", 1710460800000),
        ("%Y-%m-%d %H:%M:%S", "2024-03-15 14:30:45", 1710513045000),
        ("%H:%M", "01:02", 3720000),
        ("", "", 0),
        ("%Y-%m-%d", "2024-02-29", 1709164800000),
        ("100%% %Y", "100% 1970", 0),
        ("%Y", "9999", 253370764800000),
    ],
)
def test_parse(fmt: str, text: str, expected: int) -> None:
    assert call("Time.parse", fmt, text) == some(expected)


@pytest.mark.parametrize(
    ("fmt", "text"),
    [
        ("%Y-%m-%d", "2023-02-29"),  # not a leap year
        ("%Y-%m-%d", "2024-13-01"),
        ("%Y-%m-%d", "2024-00-10"),
        ("%Y-%m-%d", "2024-04-31"),
        ("%Y-%m-%d", "2024-01-00"),
        ("%H:%M:%S", "24:00:00"),
        ("%H:%M:%S", "23:60:00"),
        ("%H:%M:%S", "23:59:60"),
        ("%Y", "1969"),
        ("%Y", "24"),
        ("%Y-%m-%d", "2024-3-15"),
        ("%Y-%m-%d", "2024/03/15"),
        ("%Y-%m-%d", "2024-03-15 10:00"),  # trailing input
        ("%Y-%m-%d", "2024-03"),
        ("%Y-%m-%d", "\uff12\uff10\uff12\uff14-03-15"),  # non-ASCII digits
        ("%Y-%m-%d", "+024-03-15"),
        ("%Y %q", "2024 xx"),
        ("%Y %", "2024 %"),
    ],
)
def test_parse_rejects(fmt: str, text: str) -> None:
    assert call("Time.parse", fmt, text) == NONE


@given(st.integers(min_value=0, max_value=253402300799))
def test_parse_inverts_format(seconds: int) -> None:
    fmt = "%Y-%m-%dT%H:%M:%SZ"
    text = call("Time.format", fmt, seconds * 1000 + 999)
    assert call("Time.parse", fmt, text) == some(seconds * 1000)
