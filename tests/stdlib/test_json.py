"""Json: parsing (REF mapping, serde_json messages, depth guard) and printing (serde_json's
exact output, floats included)."""

from __future__ import annotations

import json
import math
import time
from typing import cast

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fusabi_host.lang.exceptions import EXCEPTION_TAGS
from fusabi_host.lang.stdlib import json_module
from fusabi_host.lang.stdlib.registry import REGISTRY
from fusabi_host.lang.values import (
    NIL,
    NONE,
    FusabiException,
    FzArray,
    FzMap,
    FzSet,
    equals,
    from_iterable,
    make_some,
)


def call(name: str, *args: object) -> object:
    return REGISTRY[name].func(*args)


def parse(text: str) -> object:
    return call("Json.parse", text)


def raises(kind: str, func: object, *args: object) -> str:
    """Call and return the message of the Fusabi exception *kind* it raises."""
    with pytest.raises(FusabiException) as info:
        func(*args)  # type: ignore[operator]
    tag, message = cast(tuple[object, str], info.value.value)
    assert tag is EXCEPTION_TAGS[kind]
    return message


# --------------------------------------------------------------------------- registry


def test_signatures() -> None:
    assert REGISTRY["Json.parse"].signature == "string -> dyn"
    assert REGISTRY["Json.tryParse"].signature == "string -> dyn option"
    assert REGISTRY["Json.stringify"].signature == "'a -> string"
    assert REGISTRY["Json.stringifyPretty"].signature == "'a -> string"
    assert all(
        REGISTRY[n].arity == 1 and not REGISTRY[n].context
        for n in REGISTRY
        if n.startswith("Json.")
    )


# --------------------------------------------------------------------------- parse


def test_parse_maps_json_onto_fusabi_values() -> None:
    value = parse('{"name": "Ann", "tags": ["a", 1, 2.5, null, true, false], "nested": {}}')
    assert type(value) is dict
    assert value["name"] == "Ann"
    tags = value["tags"]
    assert type(tags) is FzArray
    assert tags == ["a", 1, 2.5, None, True, False]
    assert type(tags[1]) is int and type(tags[2]) is float and type(tags[4]) is bool
    assert value["nested"] == {}


def test_parse_scalars_at_top_level_and_whitespace() -> None:
    assert parse(" \t\r\n42 \n") == 42
    assert parse('"x"') == "x"
    assert parse("null") is None
    assert parse("[]") == FzArray() and type(parse("[]")) is FzArray


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("9223372036854775807", 9223372036854775807),
        ("-9223372036854775808", -9223372036854775808),
        ("0", 0),
        ("-5", -5),
    ],
)
def test_integers_that_fit_in_64_bits_are_ints(text: str, expected: int) -> None:
    value = parse(text)
    assert type(value) is int and value == expected


@pytest.mark.parametrize(
    "text", ["9223372036854775808", "-9223372036854775809", "1" * 30, "1.0", "1e2", "1E-2"]
)
def test_other_numbers_are_floats(text: str) -> None:
    value = parse(text)
    assert type(value) is float and value == float(text)


def test_minus_zero_is_the_float_minus_zero_as_serde_json() -> None:
    value = parse("-0")
    assert isinstance(value, float) and math.copysign(1.0, value) == -1.0


def test_huge_integer_literal_does_not_hit_pythons_digit_limit() -> None:
    assert parse("1" + "0" * 300) == 1e300
    assert "number out of range" in raises("FormatException", parse, "9" * 5000)


def test_strings_escapes_and_unicode() -> None:
    assert parse(r'"a\"b\\c\/d\b\f\n\r\t"') == 'a"b\\c/d\b\f\n\r\t'
    assert parse(r'"\u00e9\u4e2d\ud83d\ude00"') == "é中😀"
    assert parse('"é中😀"') == "é中😀"


def test_duplicate_keys_last_wins() -> None:
    assert parse('{"a": 1, "a": 2}') == {"a": 2}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "EOF while parsing a value at line 1 column 0"),
        ("   ", "EOF while parsing a value at line 1 column 3"),
        ("x", "expected value at line 1 column 1"),
        ("[1,]", "trailing comma at line 1 column 4"),
        ('{"a":1,}', "trailing comma at line 1 column 8"),
        ("[1 2]", "expected `,` or `]` at line 1 column 4"),
        ('{"a" 1}', "expected `:` at line 1 column 6"),
        ('{"a":1 "b":2}', "expected `,` or `}` at line 1 column 8"),
        ("{1:2}", "key must be a string at line 1 column 2"),
        ("[1,", "EOF while parsing a value at line 1 column 3"),
        ("[1", "EOF while parsing a list at line 1 column 2"),
        ('{"a":1', "EOF while parsing an object at line 1 column 6"),
        ('"abc', "EOF while parsing a string at line 1 column 4"),
        ("01", "invalid number at line 1 column 2"),
        ("1.", "invalid number at line 1 column 2"),
        ("1e", "invalid number at line 1 column 2"),
        ("-x", "invalid number at line 1 column 2"),
        ("+1", "expected value at line 1 column 1"),
        (".5", "expected value at line 1 column 1"),
        ("NaN", "expected value at line 1 column 1"),
        ("trux", "expected ident at line 1 column 4"),
        ("nul", "EOF while parsing a value at line 1 column 3"),
        ("1 2", "trailing characters at line 1 column 3"),
        ('"\\q"', "invalid escape at line 1 column 3"),
        ('"\\u12G4"', "invalid escape at line 1 column 6"),
        ('"\\ud800"', "lone leading surrogate in hex escape at line 1 column 8"),
        ('"\\udc00"', "lone leading surrogate in hex escape at line 1 column 7"),
        (
            '"a\tb"',
            "control character (\\u0000-\\u001F) found while parsing a string at line 1 column 3",
        ),
        ("1e400", "number out of range at line 1 column 5"),
        ("[\n  1,\n  x]", "expected value at line 3 column 3"),
    ],
)
def test_parse_errors_are_format_exceptions_with_serde_wording(text: str, message: str) -> None:
    assert raises("FormatException", parse, text) == f"JSON parse error: {message}"


def test_nesting_up_to_500_is_accepted() -> None:
    value = parse("[" * 500 + "]" * 500)
    for _ in range(499):
        assert type(value) is FzArray and len(value) == 1
        value = value[0]
    assert value == FzArray()
    assert type(parse('{"a":' * 500 + "1" + "}" * 500)) is dict


@pytest.mark.parametrize("opener", ["[", '{"k":'])
def test_nesting_deeper_than_500_is_a_format_exception(opener: str) -> None:
    message = raises("FormatException", parse, opener * 501 + "1")
    assert "recursion limit exceeded (nesting deeper than 500)" in message


def test_absurd_nesting_fails_fast_without_python_recursion() -> None:
    start = time.perf_counter()
    raises("FormatException", parse, "[" * 1_000_000)
    assert time.perf_counter() - start < 2


def test_try_parse() -> None:
    assert call("Json.tryParse", "[1]") == make_some(FzArray([1]))
    assert call("Json.tryParse", "{oops") == NONE
    assert call("Json.tryParse", "") == NONE


# --------------------------------------------------------------------------- stringify


def stringify(value: object) -> str:
    return call("Json.stringify", value)  # type: ignore[return-value]


def pretty(value: object) -> str:
    return call("Json.stringifyPretty", value)  # type: ignore[return-value]


def test_stringify_scalars() -> None:
    assert stringify(None) == "null"
    assert stringify(True) == "true"
    assert stringify(False) == "false"
    assert stringify(-42) == "-42"
    assert stringify(9223372036854775807) == "9223372036854775807"
    assert stringify("hi") == '"hi"'


def test_stringify_containers_sort_object_keys() -> None:
    record = {"b": 1, "a": FzArray([1, 2]), "é": None, "Z": (1, "x")}
    assert stringify(record) == '{"Z":[1,"x"],"a":[1,2],"b":1,"é":null}'
    assert stringify(from_iterable([1, 2, 3])) == "[1,2,3]"
    assert stringify(NIL) == "[]"
    assert stringify(FzArray()) == "[]"
    assert stringify({}) == "{}"
    assert stringify(FzMap.of_pairs([("y", 2), ("x", 1)])) == '{"x":1,"y":2}'
    assert stringify(FzSet.of([3, 1, 2])) == "[1,2,3]"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1.0, "1.0"),
        (0.0, "0.0"),
        (-0.0, "-0.0"),
        (100.0, "100.0"),
        (0.1, "0.1"),
        (-2.5, "-2.5"),
        (123.456, "123.456"),
        (1e15, "1000000000000000.0"),
        (1e16, "1e16"),
        (1.5e16, "1.5e16"),
        (1e22, "1e22"),
        (1e-5, "0.00001"),
        (1.234e-5, "0.00001234"),
        (1e-6, "1e-6"),
        (1.5e-7, "1.5e-7"),
        (5e-324, "5e-324"),
        (1.7976931348623157e308, "1.7976931348623157e308"),
        (123456789012345680.0, "1.2345678901234568e17"),
        (9007199254740993.0, "9007199254740992.0"),
        (0.30000000000000004, "0.30000000000000004"),
    ],
)
def test_floats_print_as_serde_json_does(value: float, expected: str) -> None:
    assert stringify(value) == expected


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_float_output_is_valid_json_that_reads_back_exactly(value: float) -> None:
    text = json_module.format_float(value)
    assert float(text) == value and math.copysign(1, float(text)) == math.copysign(1, value)
    assert "+" not in text and "e0" not in text and "e-0" not in text
    assert "." in text or "e" in text  # never a bare integer: serde keeps floats floats


def test_string_escaping_matches_serde_json() -> None:
    assert stringify('q"\\/\b\f\n\r\t\x01\x1f\x7fé😀') == (
        '"q\\"\\\\/\\b\\f\\n\\r\\t\\u0001\\u001f\x7fé😀"'
    )


def test_pretty_printing_layout() -> None:
    value = {"b": FzArray([1, {"x": FzArray()}]), "a": {}, "c": "s"}
    assert pretty(value) == (
        '{\n  "a": {},\n  "b": [\n    1,\n    {\n      "x": []\n    }\n  ],\n  "c": "s"\n}'
    )
    assert pretty(FzArray()) == "[]"
    assert pretty(3) == "3"


def test_stringify_errors() -> None:
    assert "union value (Some)" in raises("ArgumentException", stringify, make_some(1))
    assert "union value (None)" in raises("ArgumentException", stringify, FzArray([NONE]))
    assert "a function" in raises("ArgumentException", stringify, lambda x: x)
    for bad in (math.nan, math.inf, -math.inf):
        assert "NaN and infinite" in raises("ArgumentException", stringify, {"a": bad})
    assert "int keys" in raises("ArgumentException", stringify, FzMap.of_pairs([(1, 2)]))


def test_a_value_containing_itself_is_refused_but_sharing_is_fine() -> None:
    loop = FzArray([1])
    loop.append(loop)
    assert "contains itself" in raises("ArgumentException", stringify, loop)
    shared = FzArray([1])
    assert stringify(FzArray([shared, shared])) == "[[1],[1]]"


def test_stringify_deep_and_long_values_iteratively() -> None:
    deep: object = NIL
    for _ in range(100_000):
        deep = from_iterable([deep])
    text = stringify(deep)
    assert text.startswith("[[[[") and len(text) == 2 * 100_001
    long_list = from_iterable(range(200_000))
    assert stringify(long_list).count(",") == 199_999


# --------------------------------------------------------------------------- properties

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**63), max_value=2**63 - 1)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda children: (
        st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=5), children, max_size=5)
    ),
    max_leaves=30,
)


def to_fusabi(value: object) -> object:
    if isinstance(value, list):
        return FzArray(to_fusabi(v) for v in value)
    if isinstance(value, dict):
        return {k: to_fusabi(v) for k, v in value.items()}
    return value


@given(json_values)
def test_parse_agrees_with_pythons_json_module(value: object) -> None:
    for text in (json.dumps(value), json.dumps(value, indent=3, ensure_ascii=False)):
        parsed = parse(text)
        assert equals(parsed, to_fusabi(json.loads(text)))


@given(json_values)
def test_stringify_then_parse_round_trips(value: object) -> None:
    fusabi = to_fusabi(value)
    assert equals(parse(stringify(fusabi)), fusabi)
    assert equals(parse(pretty(fusabi)), fusabi)
    assert json.loads(stringify(fusabi)) == json.loads(json.dumps(value))
