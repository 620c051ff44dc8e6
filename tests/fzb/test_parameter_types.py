"""The trailer's parameter types (issue 13): bytecode keeps no types, so a ``.fzb`` compiled
here lists the type of each parameter of its exported functions, and the lifted program is
typed as its source was.  The types are annotations, which inference of the lifted code
checks: a trailer that lies about them cannot make typed code run on values of another
type."""

from __future__ import annotations

import json
import struct

import pytest

import fusabi_host
from fusabi_host import BytecodeError, FusabiError, fzb
from fusabi_host.lang.fzb.trailer import MAGIC

SOURCE = """
type Shape = Circle of float | Square of float
let rec skip (text: string) pos =
    if pos < text.Length && text.[pos] = ' ' then skip text (pos + 1) else pos
let area shape = match shape with Circle r -> 3.0 * r * r | Square s -> s * s
let first (xs: 'a list) = List.head xs
let total (xs: int list) = List.sum xs
"""


def trailer_of(data: bytes) -> tuple[bytes, dict[str, object]]:
    """The bytes before the trailer, and the trailer's JSON payload."""
    start = data.rindex(MAGIC)
    (size,) = struct.unpack_from("<I", data, start + 4)
    return data[:start], json.loads(data[start + 8 : start + 8 + size])


def with_trailer(head: bytes, payload: dict[str, object]) -> bytes:
    body = json.dumps(payload).encode("utf-8")
    return head + MAGIC + struct.pack("<I", len(body)) + body


def test_the_trailer_lists_the_parameter_types_of_exported_functions() -> None:
    _, payload = trailer_of(fzb.compile_source(SOURCE, "shapes.fsx"))
    assert payload["params"] == {
        "skip": ["string", "int"],
        "area": ["Shape"],
        "total": ["int list"],
    }  # (first is generic: not listed)


def test_the_lifted_program_is_typed_as_its_source() -> None:
    unit = fusabi_host.load_bytecode(fzb.compile_source(SOURCE, "shapes.fsx"), "shapes.fzb")
    python = unit.program.python_source()
    skip = python.split("def g_skip", 1)[1].split("def ", 1)[0]
    assert "_length(" not in skip and "_lt(" not in skip and "_add(" not in skip
    instance = unit.instantiate()
    assert instance.call("skip", "   x", 0) == 3
    assert instance.call("total", [1, 2, 3]) == 6
    assert instance.call("first", ["a"]) == "a"


def test_a_trailer_that_lies_about_a_type_does_not_run_typed_code_on_other_values() -> None:
    head, payload = trailer_of(fzb.compile_source(SOURCE, "shapes.fsx"))
    payload["params"] = {"skip": ["int", "int"], "total": ["string"]}  # type: ignore[index]
    data = with_trailer(head, payload)
    try:
        instance = fusabi_host.load_bytecode(data, "lying.fzb").instantiate()
    except FusabiError:
        return  # (refused at load: the annotation does not fit the code)
    for function, args in (("skip", ("   x", 0)), ("total", ([1, 2],))):
        try:
            result = instance.call(function, *args)
        except FusabiError:
            continue
        assert result == {"skip": 3, "total": 3}[function]


@pytest.mark.parametrize(
    "params",
    [
        {"skip": ["string"]},  # (one type for two parameters)
        {"skip": "string"},
        {"skip": [1, 2]},
        {"nothing": ["int"]},  # (not an export)
        ["skip"],
    ],
)
def test_malformed_parameter_types_are_a_bytecode_error(params: object) -> None:
    head, payload = trailer_of(fzb.compile_source(SOURCE, "shapes.fsx"))
    payload["params"] = params
    with pytest.raises(BytecodeError):
        fusabi_host.load_bytecode(with_trailer(head, payload), "bad.fzb")


def test_an_unparsable_parameter_type_is_a_bytecode_error() -> None:
    head, payload = trailer_of(fzb.compile_source(SOURCE, "shapes.fsx"))
    payload["params"] = {"area": ["Shape ->"]}  # type: ignore[index]
    with pytest.raises(BytecodeError):
        fusabi_host.load_bytecode(with_trailer(head, payload), "bad.fzb")


PIPELINE = """
let shout (xs: string list) = xs |> List.map (fun s -> s.Trim().ToUpper())
let twice (xs: string list) =
    let f = fun (s: string) -> s.Length
    (List.map f xs, List.map f (List.rev xs))
let apply g (x: string) = g x
let viaOwn (x: string) = apply (fun s -> s + "!") x
"""


def test_a_lambda_passed_once_to_the_library_goes_back_where_the_source_wrote_it() -> None:
    """Bytecode binds each lambda before the call it is passed to; lifted back into the
    call, it is typed from the call's other arguments, as the source's pipe was."""
    unit = fusabi_host.load_bytecode(fzb.compile_source(PIPELINE, "p.fsx"), "p.fzb")
    python = unit.program.python_source()
    shout = python.split("def g_shout", 1)[1].split("def g_", 1)[0]
    assert "_member(" not in shout and "b_List__map(" not in shout
    instance = unit.instantiate()
    assert instance.call("shout", [" a ", "b "]) == ["A", "B"]
    assert instance.call("twice", ["ab", "c"]) == ([2, 1], [1, 2])  # (used twice: kept)
    assert instance.call("viaOwn", "x") == "x!"  # (passed to a plugin function: kept)
