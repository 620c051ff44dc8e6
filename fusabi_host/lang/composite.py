""".NET composite formatting of an interpolated string's untyped holes: ``$"{x,8:F2}"``.

A hole ``{expr[,alignment][:format]}`` without a printf prefix formats its value as .NET's
``String.Format`` would (invariant culture): without a format, as F#'s ``string`` (``True``,
``3.5``, ``3``); with one of the standard numeric formats ``D``, ``F``, ``N``, ``E``, ``G``,
``X``, ``P`` and ``R`` (each with an optional precision, ``F2``, ``D5``), or a simple custom
format of ``0``, ``#``, ``,`` and ``.`` (``0.00``, ``#,##0``).  A positive alignment
right-aligns the text in that many characters, a negative one left-aligns it.

Rounding is .NET's: half away from zero on the exact value (``{2.5:F0}`` is ``3``, where
Python's ``format`` gives ``2``).  Precisions and alignments are sizes chosen by the plugin:
the text they ask for is reserved against the run's limits (:mod:`fusabi_host.lang.guard`)
before it is built, and the compiler refuses the absurd ones (:data:`MAX_DIGITS`).
"""

from __future__ import annotations

import decimal
import functools
import math
from dataclasses import dataclass
from typing import Final

from fusabi_host.lang import decimals, guard
from fusabi_host.lang.display import display
from fusabi_host.lang.exceptions import fail

__all__ = [
    "MAX_DIGITS",
    "HoleSpec",
    "composite_format",
    "dotnet_to_string",
    "format_hole",
    "parse_hole_spec",
]

MAX_DIGITS: Final = 9
"""Digits an alignment or a precision may have (.NET's own limit is 999,999,999)."""

MAX_CUSTOM_FORMAT: Final = 64
"""Characters a custom format (``#,##0.00``) may have."""

_STANDARD: Final = frozenset("DFNEGXPR")
_MASK64: Final = (1 << 64) - 1


@dataclass(frozen=True, slots=True)
class HoleSpec:
    """What follows a hole's expression: its alignment and its format."""

    alignment: int
    """Width to pad to: positive right-aligns, negative left-aligns, 0 does nothing."""
    letter: str
    """The standard format's letter as written (``F``, ``x``...), ``""`` for none, ``"#"`` for
    a custom format."""
    precision: int | None
    custom: str = ""


def parse_hole_spec(text: str) -> HoleSpec:
    """Read ``[,alignment][:format]``; a malformed one raises :class:`ValueError` with the
    message the compiler shows."""
    alignment_text, colon, fmt = text.partition(":")
    alignment = 0
    if alignment_text:
        if not alignment_text.startswith(","):
            raise ValueError(f"expected ',' or ':' after the expression, found {alignment_text!r}")
        digits = alignment_text[1:].strip()
        body = digits[1:] if digits.startswith("-") else digits
        if not body.isascii() or not body.isdigit():
            raise ValueError(f"the alignment {digits!r} is not an integer")
        if len(body) > MAX_DIGITS:
            raise ValueError(f"the alignment {digits!r} is too large")
        alignment = int(digits)
    if not colon or not fmt:
        if colon:
            raise ValueError("expected a format after ':'")
        return HoleSpec(alignment, "", None)
    if fmt[0].upper() in _STANDARD and (len(fmt) == 1 or fmt[1:].isdigit()):
        if len(fmt) - 1 > MAX_DIGITS:
            raise ValueError(f"the precision of format '{fmt}' is too large")
        precision = int(fmt[1:]) if len(fmt) > 1 else None
        return HoleSpec(alignment, fmt[0], precision)
    if fmt and all(c in "0#,." for c in fmt) and fmt.count(".") <= 1:
        if len(fmt) > MAX_CUSTOM_FORMAT:
            raise ValueError(f"the custom format is longer than {MAX_CUSTOM_FORMAT} characters")
        return HoleSpec(alignment, "#", None, fmt)
    raise ValueError(
        f"unsupported format '{fmt}' (supported: D, F, N, E, G, X, P, R with an optional "
        "precision, or a custom format of '0', '#', ',' and '.')"
    )


@functools.lru_cache(maxsize=256)
def _cached_spec(text: str) -> HoleSpec:
    """The parsed spec of a hole (the compiler has already checked it)."""
    try:
        return parse_hole_spec(text)
    except ValueError as error:
        fail("FormatException", str(error))


def format_hole(spec_text: str, value: object) -> str:
    """The text of one untyped hole with spec *spec_text* (``",8:F2"``) and *value*."""
    spec = _cached_spec(spec_text)
    text = _formatted(spec, value)
    width = abs(spec.alignment)
    if len(text) >= width:
        return text
    guard.reserve_items(width, "string", 1 if text.isascii() else 4)
    return text.ljust(width) if spec.alignment < 0 else text.rjust(width)


def dotnet_to_string(value: object, fmt: str | None = None) -> str:
    """.NET's ``x.ToString()`` (as F#'s ``string x``), or ``x.ToString(fmt)`` with a standard
    or custom numeric format (``(3.14159).ToString("F2")`` is ``3.14``)."""
    if fmt is None or fmt == "":
        return _plain(value)
    return format_hole(":" + fmt, value)


def composite_format(template: str, values: list[object]) -> str:
    """.NET's ``String.Format(template, values...)``: each ``{index[,alignment][:format]}``
    is the formatted value (``{{`` and ``}}`` are braces)."""
    out: list[str] = []
    i = 0
    while i < len(template):
        ch = template[i]
        if ch == "{" and template.startswith("{{", i):
            out.append("{")
            i += 2
            continue
        if ch == "}" and template.startswith("}}", i):
            out.append("}")
            i += 2
            continue
        if ch == "}":
            fail("FormatException", "Input string was not in a correct format.")
        if ch != "{":
            out.append(ch)
            i += 1
            continue
        end = template.find("}", i)
        if end < 0:
            fail("FormatException", "Input string was not in a correct format.")
        body = template[i + 1 : end]
        digits = len(body) - len(body.lstrip("0123456789"))
        if digits == 0 or digits > MAX_DIGITS:
            fail("FormatException", "Input string was not in a correct format.")
        index = int(body[:digits])
        if index >= len(values):
            fail(
                "FormatException",
                "Index (zero based) must be greater than or equal to zero and less than the "
                "size of the argument list.",
            )
        out.append(format_hole(body[digits:], values[index]))
        i = end + 1
    text = "".join(out)
    guard.reserve_items(len(text), "string", 1 if text.isascii() else 4)
    return text


def _formatted(spec: HoleSpec, value: object) -> str:
    """The value formatted by the spec's format, before alignment."""
    if not spec.letter or type(value) not in (int, float, decimal.Decimal):
        return _plain(value)  # (.NET ignores the format of a value that is not a number)
    assert isinstance(value, int | float | decimal.Decimal)
    if spec.precision is not None:
        guard.reserve_items(spec.precision, "string", 1)
    if spec.letter == "#":
        return _custom(spec.custom, value)
    letter = spec.letter.upper()
    if type(value) is float and not math.isfinite(value):
        return "NaN" if math.isnan(value) else ("-∞" if value < 0 else "∞")
    if letter == "D":
        return _decimal_digits(value, spec.precision)
    if letter == "X":
        return _hex(value, spec.letter, spec.precision)
    if letter == "G":
        return _general(value, spec.letter, spec.precision)
    if letter == "R":
        return _plain(value)
    return _fixed_family(letter, spec.letter, value, spec.precision)


def _plain(value: object) -> str:
    """A value as .NET's ``ToString`` shows it (F#'s ``string``)."""
    if type(value) is bool:
        return "True" if value else "False"
    if value is None:
        return ""  # (unit is null in .NET)
    if type(value) is float:
        return _shortest_float(value)
    if type(value) is decimal.Decimal:
        return decimals.to_string(value)
    return display(value)


def _shortest_float(value: float) -> str:
    """A float as .NET Core's ``ToString()``: the shortest digits that round-trip, in
    scientific notation from 1E+15 and below 0.0001 (``1E+20``, ``1E-05``, ``0.0001``)."""
    if not math.isfinite(value):
        return "NaN" if math.isnan(value) else ("-∞" if value < 0 else "∞")
    if value == 0:
        return "-0" if math.copysign(1.0, value) < 0 else "0"
    sign, digits, exponent = decimal.Decimal(repr(value)).normalize().as_tuple()
    assert isinstance(exponent, int)
    text = "".join(map(str, digits))
    magnitude = len(text) + exponent - 1  # the exponent of the first digit
    minus = "-" if sign else ""
    if magnitude < -4 or magnitude >= 15:
        mantissa = text[0] + (f".{text[1:]}" if len(text) > 1 else "")
        marker = "-" if magnitude < 0 else "+"
        return f"{minus}{mantissa}E{marker}{abs(magnitude):02d}"
    if exponent >= 0:
        return minus + text + "0" * exponent
    point = len(text) + exponent
    if point > 0:
        return f"{minus}{text[:point]}.{text[point:]}"
    return f"{minus}0.{'0' * -point}{text}"


def _decimal_digits(value: object, precision: int | None) -> str:
    """``D``: an integer with at least *precision* digits."""
    if type(value) is not int:
        fail("FormatException", "the format 'D' needs an int (Format specifier was invalid)")
    digits = str(abs(value)).rjust(precision or 0, "0")
    return f"-{digits}" if value < 0 else digits


def _hex(value: object, letter: str, precision: int | None) -> str:
    """``X``/``x``: an int's 64-bit two's complement in hexadecimal."""
    if type(value) is not int:
        fail("FormatException", "the format 'X' needs an int (Format specifier was invalid)")
    digits = format(value & _MASK64, letter)
    return digits.rjust(precision or 0, "0")


def _general(value: int | float | decimal.Decimal, letter: str, precision: int | None) -> str:
    """``G``: the shortest form, or *precision* significant digits (``1.23E+03``)."""
    if precision is None or precision == 0:
        return _plain(value)
    if type(value) is int and len(str(abs(value))) <= precision:
        return str(value)
    with decimal.localcontext() as context:
        context.rounding = decimal.ROUND_HALF_UP
        context.prec = precision
        rounded = +decimal.Decimal(value)
        text = format(rounded, "g")
    mantissa, marker, exponent = text.partition("e" if "e" in text else "E")
    if not marker:
        return text
    sign = "-" if exponent.startswith("-") else "+"
    return f"{mantissa}{'E' if letter == 'G' else 'e'}{sign}{exponent.lstrip('+-').rjust(2, '0')}"


def _fixed_family(
    letter: str, written: str, value: int | float | decimal.Decimal, precision: int | None
) -> str:
    """``F``, ``N``, ``P`` and ``E``, rounded half away from zero on the exact value."""
    number = decimal.Decimal(value)
    digits = (6 if letter == "E" else 2) if precision is None else precision
    with decimal.localcontext() as context:
        context.rounding = decimal.ROUND_HALF_UP
        context.prec = max(len(number.as_tuple().digits) + digits + 4, 28)
        if letter == "P":
            number *= 100  # (exact: the precision covers every digit)
        if letter == "E":
            text = format(number, f".{digits}{'E' if written == 'E' else 'e'}")
            return _dotnet_exponent(text)
        body = format(number, f",.{digits}f" if letter in "NP" else f".{digits}f")
    return f"{body} %" if letter == "P" else body


def _dotnet_exponent(text: str) -> str:
    """Python's ``1.50E+3`` as .NET writes it: ``1.50E+003`` (a sign and 3 digits)."""
    cut = max(text.rfind("E"), text.rfind("e"))
    mantissa, marker, exponent = text[:cut], text[cut], text[cut + 1 :]
    sign = "-" if exponent.startswith("-") else "+"
    return f"{mantissa}{marker}{sign}{exponent.lstrip('+-').rjust(3, '0')}"


def _custom(pattern: str, value: int | float | decimal.Decimal) -> str:
    """A custom format of ``0`` (a digit always), ``#`` (a digit if significant), ``,``
    (group thousands) and ``.`` (the decimal point)."""
    whole, _, fraction = pattern.partition(".")
    required_fraction = len(fraction.rstrip("#"))
    optional_fraction = len(fraction) - required_fraction
    minimum_whole = len(whole.replace(",", "").lstrip("#"))
    grouped = "," in whole
    places = required_fraction + optional_fraction
    with decimal.localcontext() as context:
        context.rounding = decimal.ROUND_HALF_UP
        context.prec = 1000
        number = decimal.Decimal(value).quantize(decimal.Decimal(1).scaleb(-places))
    negative = number < 0
    text = format(number.copy_abs(), f"{',' if grouped else ''}.{places}f")
    integer, _, decimals = text.partition(".")
    if optional_fraction:
        keep = max(required_fraction, len(decimals.rstrip("0")))
        decimals = decimals[:keep]
    if integer.replace(",", "") == "0" and minimum_whole == 0:
        integer = ""
    elif minimum_whole > len(integer.replace(",", "")):
        padded = integer.replace(",", "").rjust(minimum_whole, "0")
        integer = format(int(padded), ",").rjust(minimum_whole, "0") if grouped else padded
    body = integer + (f".{decimals}" if decimals else "") or "0"
    zero = not any(c in "123456789" for c in body)
    return f"-{body}" if negative and not zero else body
