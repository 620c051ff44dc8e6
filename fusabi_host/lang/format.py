"""printf-family formatting: F# format strings, and upstream's list form.

A format string is parsed once (:func:`parse_format`, cached) into literal text and
:class:`Spec` placeholders ``%[flags][width][.precision]type``:

=================  ==============================================================
``%d %i``          int, signed decimal
``%u``             int, unsigned decimal of its 64-bit two's complement
``%x %X %o %B``    int, unsigned hexadecimal / octal / binary (two's complement, 64 bit:
                   ``sprintf "%x" -1`` is ``ffffffffffffffff``)
``%f %F %e %E``    float (ints accepted, as upstream does); ``%e`` like .NET:
``%g %G``          ``1.000000e+003``; default precision 6; ``NaN``, ``Infinity``
``%b``             bool: ``true`` / ``false``
``%c``             char
``%s %O``          any value, shown with Display (:func:`fusabi_host.lang.display.display`)
``%A``             any value, as F# shows it (:func:`fusabi_host.lang.structured.structured`:
                   ``Some 42``, ``"quoted"``, ``3.0``)
``%%``             a literal ``%``
=================  ==============================================================

Flags: ``-`` (left-justify), ``0`` (pad numbers with zeros after the sign), ``+`` (``+`` on
non-negative numbers), space (a space on non-negative numbers).  ``*`` as width or precision
takes that number from an extra int argument before the value, as in F#.

Deliberate deviations from F#: ``%s`` accepts any value (upstream does; F# wants a string),
``%O`` uses Display, ``%f``-family accept ints, precision is ignored for non-float specifiers,
and ``%a``/``%t``/``%M`` are not supported.

Upstream's list form ``sprintf "%s is %d" ["age"; 42]`` passes all arguments as one Fusabi
list: :func:`format_list_form`, and :func:`is_list_form` decides it for dynamically typed calls.

Widths and precisions are sizes chosen by the plugin (``sprintf "%*d" 1000000000 1``): the
text they ask for, and the whole result, are checked against the run's collection-size and
memory limits (:mod:`fusabi_host.lang.guard`) before they are built.
"""

from __future__ import annotations

import decimal
import functools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Final

from fusabi_host.lang import decimals, guard
from fusabi_host.lang.display import display
from fusabi_host.lang.exceptions import fail
from fusabi_host.lang.structured import structured
from fusabi_host.lang.values import NIL, Char, type_name

__all__ = [
    "Spec",
    "format_list_form",
    "format_list_text",
    "format_values",
    "is_list_form",
    "kprintf_function",
    "list_form_call",
    "list_form_format",
    "parse_format",
    "sprintf_function",
]

_MASK64: Final = (1 << 64) - 1
_FLAGS: Final = frozenset("-+0 ")
_INT_CONVERSIONS: Final = frozenset("diuxXoB")
_FLOAT_CONVERSIONS: Final = frozenset("eEfFgG")
_CONVERSIONS: Final = _INT_CONVERSIONS | _FLOAT_CONVERSIONS | frozenset("bcsAOM")


@dataclass(frozen=True, slots=True)
class Spec:
    """One ``%`` placeholder of a format string."""

    conversion: str
    """The type character: ``d``, ``s``, ``f``..."""
    flags: str = ""
    width: int | None = None
    precision: int | None = None
    star_width: bool = False
    """The width is taken from an extra int argument (``%*d``)."""
    star_precision: bool = False
    """The precision is taken from an extra int argument (``%.*f``)."""
    text: str = ""
    """The placeholder as written, e.g. ``%-08.3f``."""
    plain: str = ""
    """``"d"`` or ``"s"`` for a bare ``%d``/``%i`` or ``%s`` (no flags, width or precision),
    whose int or string argument is rendered as Python's ``str`` does (the fast path)."""

    @property
    def arity(self) -> int:
        """How many arguments this placeholder consumes."""
        return 1 + self.star_width + self.star_precision


Part = str | Spec


def parse_format(fmt: str) -> list[Part]:
    """The literal texts and placeholders of *fmt*; ``%%`` becomes ``%`` in the text.

    An unknown or incomplete placeholder raises ``FormatException``.
    """
    return list(_parse(fmt))


@functools.lru_cache(maxsize=512)
def parsed_format(fmt: str) -> tuple[tuple[Part, ...], int]:
    """:func:`parse_format` of *fmt* (shared: do not change it) and the number of arguments
    it takes, computed once per format (what a ``printfn`` call in a loop needs)."""
    parsed = _parse(fmt)
    return parsed, specifier_count(parsed)


@functools.lru_cache(maxsize=512)
def _parse(fmt: str) -> tuple[Part, ...]:
    parts: list[Part] = []
    literal: list[str] = []
    i, n = 0, len(fmt)
    while i < n:
        percent = fmt.find("%", i)
        if percent < 0:
            literal.append(fmt[i:])
            break
        literal.append(fmt[i:percent])
        if fmt.startswith("%%", percent):
            literal.append("%")
            i = percent + 2
            continue
        spec, i = _parse_spec(fmt, percent)
        if literal:
            text = "".join(literal)
            if text:
                parts.append(text)
            literal = []
        parts.append(spec)
    text = "".join(literal)
    if text:
        parts.append(text)
    return tuple(parts)


def _parse_spec(fmt: str, start: int) -> tuple[Spec, int]:
    """Parse the placeholder beginning at ``fmt[start] == '%'``; return it and the index
    after it."""
    n = len(fmt)
    i = start + 1
    flags = ""
    while i < n and fmt[i] in _FLAGS:
        if fmt[i] not in flags:
            flags += fmt[i]
        i += 1
    width, star_width, i = _parse_number(fmt, i)
    precision: int | None = None
    star_precision = False
    if i < n and fmt[i] == ".":
        precision, star_precision, i = _parse_number(fmt, i + 1)
        if precision is None and not star_precision:
            precision = 0
    if i >= n:
        fail("FormatException", f"Missing format specifier at the end of '{fmt}'")
    conversion = fmt[i]
    text = fmt[start : i + 1]
    if conversion not in _CONVERSIONS:
        fail("FormatException", f"Bad format specifier '{text}' in '{fmt}'")
    bare = not (flags or star_width or star_precision) and width is None and precision is None
    plain = ("d" if conversion in "di" else "s" if conversion == "s" else "") if bare else ""
    spec = Spec(conversion, flags, width, precision, star_width, star_precision, text, plain)
    return spec, i + 1


def _parse_number(fmt: str, i: int) -> tuple[int | None, bool, int]:
    """A run of digits, or ``*``, at *i*: (value or None, is_star, next index)."""
    if i < len(fmt) and fmt[i] == "*":
        return None, True, i + 1
    j = i
    while j < len(fmt) and "0" <= fmt[j] <= "9":
        j += 1
    if j == i:
        return None, False, i
    return int(fmt[i:j]), False, j


def specifier_count(parsed: Sequence[Part]) -> int:
    """The number of arguments the parsed format consumes."""
    return sum(part.arity for part in parsed if isinstance(part, Spec))


# --------------------------------------------------------------------------- rendering


def format_values(
    parsed: Sequence[Part],
    values: Sequence[object],
    list_form: bool = False,
    expected: int | None = None,
) -> str:
    """Fill the placeholders of a parsed format with *values* (one per argument; *expected*,
    when the caller knows it, is how many the format takes).

    With *list_form* (upstream's ``sprintf fmt [a; b]``), ``%f`` without a precision shows a
    float's Display and an int ``n`` as ``n.0`` (spec 4.2)."""
    if expected is None:
        expected = specifier_count(parsed)
    if len(values) != expected:
        fail(
            "FormatException",
            f"The format string expects {expected} argument(s) but {len(values)} were given",
        )
    out: list[str] = []
    position = 0
    for part in parsed:
        if isinstance(part, str):
            out.append(part)
            continue
        value = values[position]
        plain = part.plain  # (a bare %d of an int or %s of a string: itself)
        if plain and (
            (plain == "d" and type(value) is int) or (plain == "s" and type(value) is str)
        ):
            out.append(value if plain == "s" else str(value))  # type: ignore[arg-type]
            position += 1
            continue
        width = part.width
        precision = part.precision
        if part.star_width:
            width = _star_argument(part, values[position])
            position += 1
        if part.star_precision:
            precision = _star_argument(part, values[position])
            position += 1
        value = values[position]
        if list_form and part.conversion == "f" and precision is None:
            if type(value) is int:
                out.append(_pad("", f"{value}.0", width, part.flags, numeric=True))
            elif type(value) is float:
                out.append(_pad("", display(value), width, part.flags, numeric=True))
            else:
                _mismatch(part, "a float", value)
        else:
            out.append(_render(part, width, precision, value, list_form))
        position += 1
    if len(out) > 1:
        _reserve_text(out)
    return "".join(out)


def _reserve_text(pieces: list[str]) -> None:
    """Refuse the concatenation of *pieces* past the run's limits (one byte a character when
    they are all ASCII, four otherwise)."""
    total = sum(map(len, pieces))
    guard.reserve_items(total, "string", 1 if all(map(str.isascii, pieces)) else 4)


def _star_argument(spec: Spec, value: object) -> int:
    if type(value) is not int:
        fail(
            "FormatException",
            f"The '*' of format specifier '{spec.text}' expects an int, "
            f"but the argument is a {type_name(value)}",
        )
    return value


def _mismatch(spec: Spec, expected: str, value: object) -> None:
    fail(
        "FormatException",
        f"The format specifier '{spec.text}' expects {expected}, "
        f"but the argument is a {type_name(value)}",
    )


def _render(
    spec: Spec, width: int | None, precision: int | None, value: object, upstream: bool = False
) -> str:
    """One placeholder filled (*upstream*: in upstream's list form, whose ``%f`` rounds a tie
    to even as Rust does; F#'s rounds it away from zero as .NET does)."""
    conversion = spec.conversion
    flags = spec.flags
    if width is not None and width < 0:
        flags += "-"
        width = -width
    if conversion in _INT_CONVERSIONS:
        if type(value) is not int:
            _mismatch(spec, "an int", value)
        sign, body = _format_int(conversion, flags, value)  # type: ignore[arg-type]
        return _pad(sign, body, width, flags, numeric=True)
    if conversion in _FLOAT_CONVERSIONS and type(value) is Decimal:
        return _render_decimal(spec, width, precision, value)
    if conversion == "M":
        if type(value) is not Decimal:
            _mismatch(spec, "a decimal", value)
        return _render_decimal(spec, width, precision, value)  # type: ignore[arg-type]
    if conversion in _FLOAT_CONVERSIONS:
        if type(value) is not float and type(value) is not int:
            _mismatch(spec, "a float", value)
        number = float(value)  # type: ignore[arg-type]
        if precision is not None and precision < 0:
            precision = None
        if precision is not None:  # digits after the point (%f, %e) or significant (%g)
            guard.reserve_items(precision, "string", 1)
        sign, body = _format_float(conversion, flags, precision, number, upstream)
        return _pad(sign, body, width, flags, numeric=math.isfinite(number))
    if conversion == "b":
        if type(value) is not bool:
            _mismatch(spec, "a bool", value)
        return _pad("", "true" if value else "false", width, flags, numeric=False)
    if conversion == "c":
        if type(value) is not Char:
            _mismatch(spec, "a char", value)
        return _pad("", str.__str__(value), width, flags, numeric=False)
    if conversion == "A":
        return _pad("", structured(value), width, flags, numeric=False)
    return _pad("", display(value), width, flags, numeric=False)


def _render_decimal(spec: Spec, width: int | None, precision: int | None, value: Decimal) -> str:
    """A decimal in ``%M`` (its ``ToString``, or *precision* places) or ``%f`` (6 places unless
    told), rounded half away from zero as .NET formats decimals; ``%e``/``%g`` go through a
    float."""
    conversion = spec.conversion
    if conversion in "eEgG":
        sign, body = _format_float(conversion, spec.flags, precision, float(value))
        return _pad(sign, body, width, spec.flags, numeric=True)
    if conversion in "fF" and precision is None:
        precision = 6
    if precision is not None and precision >= 0:
        guard.reserve_items(precision, "string", 1)
        with decimal.localcontext() as context:
            context.prec = len(value.as_tuple().digits) + precision + 30
            value = value.quantize(Decimal(1).scaleb(-precision), rounding=decimal.ROUND_HALF_UP)
    negative = value.is_signed() and value != 0
    sign = "-" if negative else _positive_sign(spec.flags)
    return _pad(sign, decimals.to_string(value.copy_abs()), width, spec.flags, numeric=True)


def _format_int(conversion: str, flags: str, value: int) -> tuple[str, str]:
    """(sign, digits) of an int placeholder."""
    if conversion in "di":
        if value < 0:
            return "-", str(-value)
        return _positive_sign(flags), str(value)
    unsigned = value & _MASK64
    if conversion == "u":
        return "", str(unsigned)
    if conversion == "x":
        return "", format(unsigned, "x")
    if conversion == "X":
        return "", format(unsigned, "X")
    if conversion == "o":
        return "", format(unsigned, "o")
    return "", format(unsigned, "b")


def _positive_sign(flags: str) -> str:
    if "+" in flags:
        return "+"
    if " " in flags:
        return " "
    return ""


def _format_float(
    conversion: str, flags: str, precision: int | None, value: float, half_even: bool = False
) -> tuple[str, str]:
    """(sign, body) of a float placeholder, .NET style (``%f`` rounds the exact value half
    away from zero; *half_even*: to even, as upstream's Rust formatting does)."""
    if math.isnan(value):
        return "", "NaN"
    negative = math.copysign(1.0, value) < 0
    sign = "-" if negative else _positive_sign(flags)
    magnitude = -value if negative else value
    if math.isinf(magnitude):
        return sign, "Infinity"
    digits = 6 if precision is None else precision
    lower = conversion.lower()
    if lower == "f" and half_even:
        return sign, format(magnitude, f".{digits}f")
    if lower == "f":  # .NET rounds the exact value half away from zero (2.5 -> "3")
        with decimal.localcontext() as context:
            context.prec = 330 + digits
            exact = Decimal(magnitude).quantize(
                Decimal(1).scaleb(-digits), rounding=decimal.ROUND_HALF_UP
            )
        return sign, format(exact, "f")
    if lower == "e":
        body = format(magnitude, f".{digits}{conversion}")
        mantissa, marker, exponent = body.partition(conversion)
        return sign, f"{mantissa}{marker}{exponent[0]}{exponent[1:].rjust(3, '0')}"
    return sign, format(magnitude, f".{max(digits, 1)}{conversion}")


def _pad(sign: str, body: str, width: int | None, flags: str, *, numeric: bool) -> str:
    length = len(sign) + len(body)
    if width is None or length >= width:
        return sign + body
    fill = width - length
    # a width is a size: check it before padding
    guard.reserve_items(width, "string", 1 if body.isascii() else 4)
    if "-" in flags:
        return sign + body + " " * fill
    if "0" in flags and numeric:
        return sign + "0" * fill + body
    return " " * fill + sign + body


# --------------------------------------------------------------------------- curried forms


def kprintf_function(
    fmt: str, finish: Callable[[str], object], *, list_form: bool = True
) -> object:
    """The curried Fusabi value of a printf-family call with format *fmt*.

    With no placeholders, ``finish(text)`` is returned at once; otherwise a chain of
    one-argument callables collects the arguments and then returns ``finish(text)``.  With
    *list_form* (for dynamically typed calls), a first argument that :func:`is_list_form`
    accepts is upstream's list form and supplies all the arguments; code whose list form was
    decided statically passes ``list_form=False``.
    """
    parsed = _parse(fmt)
    count = specifier_count(parsed)
    if count == 0:
        return finish(format_values(parsed, ()))

    def first(argument: object) -> object:
        if list_form and is_list_form(parsed, argument):
            return finish(format_values(parsed, _list_items(argument, fmt), list_form=True))
        if count == 1:
            return finish(format_values(parsed, (argument,)))
        return _collect(parsed, count, (argument,), finish)

    return first


def _collect(
    parsed: Sequence[Part],
    count: int,
    collected: tuple[object, ...],
    finish: Callable[[str], object],
) -> Callable[[object], object]:
    def take(argument: object) -> object:
        values = (*collected, argument)
        if len(values) == count:
            return finish(format_values(parsed, values))
        return _collect(parsed, count, values, finish)

    return take


def _identity(text: str) -> object:
    return text


def sprintf_function(fmt: str, *, list_form: bool = True) -> object:
    """The Fusabi value of ``sprintf fmt``: a string when *fmt* has no placeholders,
    otherwise a curried function collecting the arguments and returning the string
    (*list_form* as for :func:`kprintf_function`)."""
    return kprintf_function(fmt, _identity, list_form=list_form)


def is_list_form(parsed: Sequence[Part], first_arg: object) -> bool:
    """Is a dynamically typed call with *first_arg* upstream's list form?

    It is when *first_arg* is a Fusabi list, the format uses only the placeholders upstream
    knows (``%s``, ``%d``, ``%f``: see :func:`list_form_format`) and the list has exactly as
    many elements as the format takes arguments.
    """
    if first_arg is not NIL and type(first_arg) is not list:
        return False
    if not list_form_format(parsed):
        return False
    count = specifier_count(parsed)
    length = 0
    xs = first_arg
    while type(xs) is list:
        length += 1
        if length > count:
            return False
        xs = xs[1]
    return xs is NIL and length == count


def list_form_format(parsed: Sequence[Part]) -> bool:
    """Could *parsed* be an upstream list-form format?  Upstream knows only ``%s``, ``%d``,
    ``%f`` and ``%.Nf``; a format with any other placeholder (``%A``...) is F#'s."""
    return all(
        isinstance(part, str) or (part.conversion in "sdf" and part.arity == 1) for part in parsed
    )


def list_form_call(fmt: str, item_count: int) -> bool:
    """Is ``sprintf fmt [a; b; ...]`` (a list literal of *item_count* items) upstream's list
    form?  Yes when the format is one upstream knows, unless it takes exactly one value and
    the list has a different number of items (``sprintf "%s" ["a"; "b"]`` shows the list)."""
    try:
        parsed = _parse(fmt)
    except Exception:
        return False
    count = specifier_count(parsed)
    if not list_form_format(parsed) or count == 0:
        return False
    return not (count == 1 and item_count != 1)


def format_list_text(fmt: str, values: Sequence[object]) -> str:
    """The text of upstream's list form with the list's items *values*."""
    parsed = _parse(fmt)
    expected = specifier_count(parsed)
    if len(values) != expected:
        fail(
            "FormatException",
            f"The format string '{fmt}' expects {expected} argument(s) "
            f"but the list has {len(values)}",
        )
    return format_values(parsed, values, list_form=True)


def _list_items(xs: object, fmt: str) -> list[object]:
    items: list[object] = []
    while type(xs) is list:
        items.append(xs[0])
        xs = xs[1]
    if xs is not NIL:
        fail("FormatException", f"The arguments of format '{fmt}' must be a list")
    return items


def format_list_form(fmt: str, list_value: object) -> str:
    """``sprintf fmt [a; b; ...]`` as upstream: all arguments in one Fusabi list, exactly as
    many as the format's placeholders."""
    return format_list_text(fmt, _list_items(list_value, fmt))
