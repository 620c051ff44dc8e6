"""F#'s conversions to the sized integer types, double and float32, the ``set`` builder and the
``KeyValue`` pattern over map entries (issue 12).  Fusabi's int is 64-bit (a project
decision): ``int32 x`` is an int holding what F#'s Int32 would hold."""

from __future__ import annotations

import pytest

from fusabi_host import FusabiRuntimeError, run_source

CASES = [
    ("int32 3000000000", -1294967296),
    ("int32 2147483647", 2147483647),
    ("int32 -2147483649", 2147483647),
    ("int32 3.99", 3),
    ("int32 -3.99", -3),
    ('int32 " 42 "', 42),
    ("int32 'A'", 65),
    ("int16 40000", -25536),
    ("sbyte 200", -56),
    ("byte 300", 44),
    ("byte -1", 255),
    ("uint16 -1", 65535),
    ("uint32 -1", 4294967295),
    ("int64 3.9", 3),
    ('int64 "9223372036854775807"', 9223372036854775807),
    ("double 3", 3.0),
    ('double "2.5"', 2.5),
    ("float32 0.5", 0.5),
    ("float32 0.1", 0.10000000149011612),
    ("float32 1e39", float("inf")),
    ("set [3; 1; 2; 1]", frozenset({1, 2, 3})),
    ('set "abca" |> Set.count', 3),
    ("set [| 2; 2 |] |> Set.contains 2", True),
    (
        'let m = Map.ofList [(2, "b"); (1, "a")] in '
        '[ for KeyValue (k, v) in m -> sprintf "%d=%s" k v ]',
        ["1=a", "2=b"],
    ),
    (
        'Map.ofList [("x", 1); ("y", 2)] |> Seq.map (fun (KeyValue (k, v)) -> k + string v) '
        "|> List.ofSeq",
        ["x1", "y2"],
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[t for t, _ in CASES])
def test_the_conversion_gives_what_fsharp_gives(text: str, expected: object) -> None:
    assert run_source(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('byte "300"', "too large or too small for Byte"),
        ('int32 "2147483648"', "too large or too small for Int32"),
        ('int16 "x"', "FormatException"),
        ("int32 nan", "OverflowException"),
    ],
)
def test_out_of_range_text_raises_what_dotnet_raises(text: str, message: str) -> None:
    with pytest.raises(FusabiRuntimeError, match=message):
        run_source(text)
