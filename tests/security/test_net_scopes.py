"""``net:`` scopes match hosts after real URL parsing: userinfo is not the host, ports default
by scheme, IDNA and case and trailing dots are canonical, IPv6 literals are compared as
addresses, and text URL parsers disagree about names no host at all."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fusabi_host import Capabilities
from fusabi_host.capabilities import parse_capability


def covers(grant: str, resource: str) -> bool:
    return Capabilities.of(grant).covers("net:request", resource)


API = "net:request=api.example.com"


@pytest.mark.parametrize(
    "resource",
    [
        "api.example.com:80@evil.com",
        "api.example.com@evil.com",
        "http://api.example.com:80@evil.com/",
        "https://api.example.com@evil.com:443/x",
        "//api.example.com@evil.com",
        "evil.com\\@api.example.com",  # a backslash ends the host for WHATWG parsers
        "http://evil.com\\@api.example.com/",
        "http://a@b@api.example.com/",  # several '@': parsers disagree
        "http://api.example.com%2eevil.com/",  # percent-encoded host
        "http://api.example.com .evil.com/",
        "http://api.example.com\t.evil.com/",
        "api.example.com.evil.com",
        "evilapi.example.com",
        "example.com",
        "",
    ],
)
def test_what_is_not_the_host(resource: str) -> None:
    assert not covers(API, resource)


@pytest.mark.parametrize(
    "resource",
    [
        "api.example.com",
        "API.Example.COM",
        "api.example.com.",
        "api.example.com:8443",
        "https://api.example.com/v1?q=1#top",
        "https://user:secret@api.example.com/",
        "http://evil.com@api.example.com/",  # the userinfo is evil.com, the host is not
        "http://api.example.com#@evil.com",  # after '#' is the fragment
        "http://api.example.com?@evil.com",  # after '?' is the query
        "//api.example.com/path",
        "api.example.com/path?next=http://evil.com",
    ],
)
def test_what_is_the_host(resource: str) -> None:
    assert covers(API, resource)


def test_ports_default_by_scheme() -> None:
    grant = "net:request=api.example.com:443"
    assert covers(grant, "https://api.example.com/")
    assert covers(grant, "wss://api.example.com/socket")
    assert covers(grant, "http://api.example.com:443/")
    assert covers(grant, "api.example.com:443")
    assert not covers(grant, "http://api.example.com/")
    assert not covers(grant, "https://api.example.com:8443/")
    assert not covers(grant, "api.example.com")  # no port given: not known to be 443
    assert not covers(grant, "https://api.example.com:99999/")
    assert not covers(grant, "https://api.example.com:+443/")
    assert covers("net:request=api.example.com:80", "http://api.example.com")


def test_idna_names_are_compared_in_ascii() -> None:
    unicode_grant, ascii_grant = "net:request=bücher.example", "net:request=xn--bcher-kva.example"
    assert Capabilities.of(unicode_grant) == Capabilities.of(ascii_grant)
    assert parse_capability(unicode_grant)[1] == frozenset({"xn--bcher-kva.example"})
    for grant in (unicode_grant, ascii_grant):
        assert covers(grant, "bücher.example")
        assert covers(grant, "BÜCHER.example")
        assert covers(grant, "https://XN--BCHER-KVA.example./")
        assert covers(grant, "https://bücher.example:8443/")
        assert not covers(grant, "bucher.example")
    # a full-width solidus is not a character of a host name, whatever NFKC makes of it
    assert not covers("net:request=*.example.com", "evil.com\uff0fx.example.com")


def test_ipv6_literals_are_compared_as_addresses() -> None:
    grant = "net:request=[::1]"
    assert parse_capability("net:request=[0:0::0001]:8080,::1")[1] == frozenset(
        {"[::1]:8080", "[::1]"}
    )
    assert covers(grant, "http://[0:0:0:0:0:0:0:1]:8080/")
    assert covers(grant, "[::1]:80")
    assert covers(grant, "::1")
    assert not covers(grant, "http://[::2]/")
    assert not covers(grant, "http://[::1/")
    assert not covers("net:request=[::1]:8080", "http://[::1]/")
    assert covers("net:request=[2001:db8::1]:443", "https://[2001:DB8:0::1]/")


def test_ipv4_addresses_only_in_their_plain_form() -> None:
    grant = "net:request=127.0.0.1"
    assert covers(grant, "http://127.0.0.1:8000/")
    for other in ("http://127.1/", "http://0x7f.0.0.1/", "http://2130706433/", "017.0.0.1"):
        assert not covers(grant, other), other
    assert not covers("net:request=*.example.com", "1.2.3.4")


def test_wildcards_cover_subdomains_only() -> None:
    grant = "net:request=*.example.com"
    assert covers(grant, "https://a.example.com/")
    assert covers(grant, "a.b.example.com:9000")
    assert covers(grant, "https://A.EXAMPLE.COM./")
    assert not covers(grant, "example.com")
    assert not covers(grant, "evilexample.com")
    assert not covers(grant, "a.example.com.evil.com")
    assert not covers(grant, "https://a.example.com@evil.com/")
    assert not covers(grant, "http://*.example.com/")  # a URL names one host, never a pattern


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ("user@host", "not a host name"),
        ("https://api.example.com", "not a host name"),
        ("host/path", "not a host name"),
        ("a..b", "not a host name"),
        ("127.1", "not a host name"),
        ("*.1.2.3.4", "not a host name"),
        ("a*.corp", "wildcard is only allowed as a leading"),
        ("*", "wildcard is only allowed as a leading"),
        ("host:0", "invalid port"),
        ("host:http", "invalid port"),
        ("[::1", "not a host name"),
    ],
)
def test_bad_host_entries_are_refused(entry: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_capability(f"net:request={entry}")


def test_entries_are_canonical_and_the_algebra_uses_canonical_hosts() -> None:
    caps = Capabilities.of("net:request=API.Example.com.,*.Corp:443,Bücher.example")
    assert caps.names() == ("net:request=*.corp:443,api.example.com,xn--bcher-kva.example",)
    narrowed = caps & Capabilities.of("net:request=db.corp:443,evil.com")
    assert narrowed.names() == ("net:request=db.corp:443",)
    assert Capabilities.of("net:request=a.b.corp:443") <= caps
    assert not Capabilities.of("net:request=*.corp") <= caps  # any port is more than 443
    assert "net:request=xn--bcher-kva.example" in caps


LABEL = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-", min_size=1, max_size=10)
USERINFO = st.text(
    alphabet="abcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:", min_size=0, max_size=20
)


@given(USERINFO, LABEL, st.sampled_from(["", ":80", ":443", ":8080"]))
def test_the_host_is_always_what_follows_the_userinfo(userinfo: str, label: str, port: str) -> None:
    host = f"{label}.evil.test"
    for resource in (f"{userinfo}@{host}{port}", f"http://{userinfo}@{host}{port}/"):
        assert not covers(API, resource)
        assert covers(f"net:request={host}", resource)
