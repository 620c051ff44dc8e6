"""fusabi-host's extension data in a ``.fzb`` file, carried after the chunk.

Upstream ignores every byte after the top-level chunk, so a file compiled by fusabi-host stays
a valid upstream file.  The trailer is::

    b"FZX1"  u32 little-endian payload length  payload (UTF-8 JSON)

with the payload::

    {"exports": {"name": {"slot": 3, "arity": 2, "cell": false}, ...},
     "unions":  {"Shape": {"params": [], "cases": [["Circle", ["float"]],
                                                   ["Rect", ["float", "float"]]]}},
     "exceptions": {"NotFound": ["string"]},
     "source":  "main.fsx",
     "enums": {"Color": {"Red": 1, "Green": 2}},
     "records": {"Point": {"params": [], "fields": [["X", "float", false], ...]}}}

* ``exports``: which top-level stack slot holds each exported binding after the top level has
  run, the function's arity (0 for a value) and whether the slot holds a cell (a one-element
  array around the value: exported mutable bindings and ``let rec`` functions).
* ``unions`` / ``exceptions``: the program's union types (type parameters, and cases in
  declaration order with their field types in F# syntax) and its exception declarations, so
  union values order as declared and the lifted code is typed like the source.
* ``enums`` (only when there are some): the integer of each case of an enum type.
* ``records`` (only when there are some): the program's record types (classes are records
  too; interfaces are not listed), with their fields in declaration order, so the lifted code
  types record literals and field reads as the source does.
* ``params`` (only when there are some): for exported functions, the type of each parameter
  as the source's inference found it (``""`` where it is generic), in F# syntax, so that the
  lifted function is typed as the source was (``text.[i]`` of a ``string`` parameter is a
  string index, not a dynamic one).  They are annotations: inference of the lifted code
  checks them like any other, and one that does not fit is a type error.

A file without a trailer (upstream's) has no exports; its top level is still run.
"""

from __future__ import annotations

import json
import struct
from typing import Any, Final

import attrs

from fusabi_host.errors import BytecodeError

__all__ = ["MAGIC", "Trailer", "decode_trailer", "encode_trailer"]

MAGIC: Final = b"FZX1"
MAX_SIZE: Final = 16 << 20
MAX_SLOT: Final = 1 << 20
"""The deepest top-level stack position an export may name.  A top-level binding is a value
on the frame's stack, which ``LoadLocal``'s one-byte operand need not reach (an export is read
from the frame after the top level ran), so a unit may have more than 256 of them."""


@attrs.frozen
class Export:
    slot: int
    arity: int
    cell: bool


@attrs.frozen
class Trailer:
    """The decoded extension data."""

    exports: dict[str, Export] = attrs.field(factory=dict, hash=False)
    # union name -> (type parameters, [(case, [field type, ...]), ...])
    unions: dict[str, tuple[list[str], list[tuple[str, list[str]]]]] = attrs.field(
        factory=dict, hash=False
    )
    exceptions: dict[str, list[str]] = attrs.field(factory=dict, hash=False)
    source: str | None = None
    # exception name -> its declared field names (``exception E of Message: string``: what
    # ``e.Message`` reads); only exceptions with a named field are listed
    exception_fields: dict[str, list[str]] = attrs.field(factory=dict, hash=False)
    # union name -> {case: integer} for an enum (``type Color = Red = 1 | ...``); only enums
    enums: dict[str, dict[str, int]] = attrs.field(factory=dict, hash=False)
    # record name -> (type parameters, [(field, field type, mutable), ...]), declared order
    records: dict[str, tuple[list[str], list[tuple[str, str, bool]]]] = attrs.field(
        factory=dict, hash=False
    )
    # export name -> the type of each parameter ("" where generic), exported functions only
    params: dict[str, list[str]] = attrs.field(factory=dict, hash=False)


def encode_trailer(trailer: Trailer) -> bytes:
    payload = {
        "exports": {
            name: {"slot": e.slot, "arity": e.arity, "cell": e.cell}
            for name, e in sorted(trailer.exports.items())
        },
        "unions": {
            name: {"params": params, "cases": [[case, fields] for case, fields in cases]}
            for name, (params, cases) in sorted(trailer.unions.items())
        },
        "exceptions": dict(sorted(trailer.exceptions.items())),
    }
    if trailer.source is not None:
        payload["source"] = trailer.source
    if trailer.exception_fields:
        payload["exception_fields"] = dict(sorted(trailer.exception_fields.items()))
    if trailer.enums:
        payload["enums"] = {name: dict(cases) for name, cases in sorted(trailer.enums.items())}
    if trailer.records:
        payload["records"] = {
            name: {"params": params, "fields": [list(entry) for entry in fields]}
            for name, (params, fields) in sorted(trailer.records.items())
        }
    if trailer.params:
        payload["params"] = {name: list(types) for name, types in sorted(trailer.params.items())}
    data = json.dumps(payload, sort_keys=True, separators=(",", ":")).encode("utf-8")
    return MAGIC + struct.pack("<I", len(data)) + data


def decode_trailer(data: bytes, offset: int = 0) -> Trailer | None:
    """The trailer in *data* (the bytes after a chunk, found at *offset* in the file), or
    ``None`` when there is none; :class:`BytecodeError` when it is malformed."""
    if not data:
        return None
    if not data.startswith(MAGIC):
        return None  # someone else's trailing bytes: not ours, ignore as upstream does
    if len(data) < 8:
        raise BytecodeError("truncated fusabi-host trailer", offset=offset)
    (size,) = struct.unpack_from("<I", data, 4)
    if size > MAX_SIZE or 8 + size > len(data):
        raise BytecodeError(
            f"fusabi-host trailer declares {size} bytes but {len(data) - 8} follow",
            offset=offset + 4,
        )
    try:
        payload = json.loads(data[8 : 8 + size].decode("utf-8"))
        return _parse(payload)
    except (UnicodeDecodeError, json.JSONDecodeError, ValueError, TypeError, KeyError) as exc:
        raise BytecodeError(f"malformed fusabi-host trailer: {exc}", offset=offset + 8) from None


def _parse(payload: Any) -> Trailer:
    if not isinstance(payload, dict):
        raise ValueError("the trailer must be a JSON object")
    exports: dict[str, Export] = {}
    for name, entry in dict(payload.get("exports", {})).items():
        slot, arity, cell = entry["slot"], entry["arity"], entry["cell"]
        if not (
            isinstance(name, str)
            and type(slot) is int
            and 0 <= slot <= MAX_SLOT
            and type(arity) is int
            and 0 <= arity <= 255
            and type(cell) is bool
        ):
            raise ValueError(f"bad export entry for {name!r}")
        exports[name] = Export(slot, arity, cell)
    unions: dict[str, tuple[list[str], list[tuple[str, list[str]]]]] = {}
    for name, entry in dict(payload.get("unions", {})).items():
        params = [str(p) for p in entry["params"]]
        cases = [(str(case), [str(t) for t in fields]) for case, fields in entry["cases"]]
        unions[str(name)] = (params, cases)
    exceptions = {
        str(name): [str(t) for t in fields]
        for name, fields in dict(payload.get("exceptions", {})).items()
    }
    source = payload.get("source")
    if source is not None and not isinstance(source, str):
        raise ValueError("source must be a string")
    exception_fields = {
        str(name): [str(n) for n in names]
        for name, names in dict(payload.get("exception_fields", {})).items()
    }
    enums: dict[str, dict[str, int]] = {}
    for name, cases in dict(payload.get("enums", {})).items():
        values = dict(cases)
        if not all(isinstance(k, str) and type(v) is int for k, v in values.items()):
            raise ValueError(f"bad enum entry for {name!r}")
        enums[str(name)] = values
    records: dict[str, tuple[list[str], list[tuple[str, str, bool]]]] = {}
    for name, entry in dict(payload.get("records", {})).items():
        fields: list[tuple[str, str, bool]] = []
        for field, text, mutable in entry["fields"]:
            if not (isinstance(field, str) and isinstance(text, str) and type(mutable) is bool):
                raise ValueError(f"bad record entry for {name!r}")
            fields.append((field, text, mutable))
        records[str(name)] = ([str(p) for p in entry["params"]], fields)
    parameter_types: dict[str, list[str]] = {}
    for name, types in dict(payload.get("params", {})).items():
        export = exports.get(name)
        if (
            export is None
            or type(types) is not list
            or len(types) != export.arity
            or not all(isinstance(t, str) for t in types)
        ):
            raise ValueError(f"bad parameter types for {name!r}")
        parameter_types[name] = types
    return Trailer(
        exports, unions, exceptions, source, exception_fields, enums, records, parameter_types
    )
