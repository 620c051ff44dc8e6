"""The ``Time`` module: the wall clock (``time:read``) and UTC timestamp formatting/parsing.

Timestamps are ``int`` milliseconds since 1970-01-01T00:00:00Z, as upstream (REF, 4.9).

* ``Time.now ()`` / ``Time.nowSeconds ()`` read the instance's clock through the context
  (capability ``time:read``), rounded down to whole milliseconds / seconds.
* ``Time.format fmt ms`` (pure) writes the UTC date of *ms* with ``%Y`` (year, at least 4
  digits), ``%m %d %H %M %S`` (2 digits) and ``%%``; any other ``%x``, or a ``%`` at the end,
  fails with ``FormatException``.
* ``Time.parse fmt s`` (pure) reads *s* against *fmt*: ``%Y`` exactly 4 digits, the others
  exactly 2, other characters literally; fields not in *fmt* default to 1970-01-01 00:00:00.
  It returns ``Some ms``, or ``None`` when *s* does not match, a field is out of range (month
  13, February 30, hour 24...), the year is before 1970, or *fmt* has an unknown specifier.

``Time.format`` checks the size of its result against the run's limits before writing it.

Deliberate deviations from REF: ``Time.format`` handles negative timestamps (dates before
1970, rounding down to the second) where REF fails; ``Time.parse`` requires the whole input
to match (REF ignores anything after the format) and accepts ``%%`` as a literal ``%`` (REF
returns ``None``).  There is no ``Time.sleep``.
"""

from __future__ import annotations

import math
from typing import Final

from fusabi_host.lang import guard
from fusabi_host.lang.context import Context
from fusabi_host.lang.exceptions import fail
from fusabi_host.lang.stdlib.registry import builtin
from fusabi_host.lang.values import NONE, make_some

__all__ = ["civil_from_days", "days_from_civil", "format_time", "parse_time"]

_MS_PER_DAY: Final = 86_400_000
_FIELD_WIDTH: Final = {"Y": 4, "m": 2, "d": 2, "H": 2, "M": 2, "S": 2}


def civil_from_days(days: int) -> tuple[int, int, int]:
    """``(year, month, day)`` of the proleptic Gregorian date *days* after 1970-01-01."""
    shifted = days + 719_468  # days since 0000-03-01
    era = shifted // 146_097
    day_of_era = shifted - era * 146_097
    year_of_era = (
        day_of_era - day_of_era // 1460 + day_of_era // 36_524 - day_of_era // 146_096
    ) // 365
    day_of_year = day_of_era - (365 * year_of_era + year_of_era // 4 - year_of_era // 100)
    month_index = (5 * day_of_year + 2) // 153  # 0 = March
    day = day_of_year - (153 * month_index + 2) // 5 + 1
    month = month_index + 3 if month_index < 10 else month_index - 9
    year = year_of_era + era * 400 + (1 if month <= 2 else 0)
    return year, month, day


def days_from_civil(year: int, month: int, day: int) -> int:
    """Days from 1970-01-01 to the given proleptic Gregorian date."""
    year -= 1 if month <= 2 else 0
    era = year // 400
    year_of_era = year - era * 400
    day_of_year = (153 * (month - 3 if month > 2 else month + 9) + 2) // 5 + day - 1
    day_of_era = year_of_era * 365 + year_of_era // 4 - year_of_era // 100 + day_of_year
    return era * 146_097 + day_of_era - 719_468


def _is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _days_in_month(year: int, month: int) -> int:
    if month == 2:
        return 29 if _is_leap(year) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def format_time(fmt: str, ms: int) -> str:
    """*ms* (UTC) written with *fmt*; ``FormatException`` on an unknown specifier."""
    # each "%Y" can stand for up to 19 digits: check the size of the result first
    guard.reserve_items(len(fmt) + 17 * fmt.count("%"), "string", 1 if fmt.isascii() else 4)
    days, ms_of_day = divmod(ms, _MS_PER_DAY)
    year, month, day = civil_from_days(days)
    seconds_of_day = ms_of_day // 1000
    fields = {
        "Y": f"{year:04d}",
        "m": f"{month:02d}",
        "d": f"{day:02d}",
        "H": f"{seconds_of_day // 3600:02d}",
        "M": f"{seconds_of_day // 60 % 60:02d}",
        "S": f"{seconds_of_day % 60:02d}",
        "%": "%",
    }
    out: list[str] = []
    i = 0
    while i < len(fmt):
        percent = fmt.find("%", i)
        if percent < 0:
            out.append(fmt[i:])
            break
        out.append(fmt[i:percent])
        if percent + 1 >= len(fmt):
            fail("FormatException", "Time.format: incomplete format specifier at end of string")
        spec = fmt[percent + 1]
        if spec not in fields:
            fail(
                "FormatException",
                f"Time.format: unknown format specifier %{spec} (supported: %Y %m %d %H %M %S %%)",
            )
        out.append(fields[spec])
        i = percent + 2
    return "".join(out)


def parse_time(fmt: str, text: str) -> int | None:
    """The timestamp *text* denotes under *fmt*, or ``None`` (see the module docstring)."""
    values = {"Y": 1970, "m": 1, "d": 1, "H": 0, "M": 0, "S": 0}
    i = j = 0
    while i < len(fmt):
        c = fmt[i]
        if c == "%" and i + 1 < len(fmt) and fmt[i + 1] != "%":
            spec = fmt[i + 1]
            width = _FIELD_WIDTH.get(spec)
            if width is None:
                return None
            digits = text[j : j + width]
            if len(digits) != width or not (digits.isascii() and digits.isdigit()):
                return None
            values[spec] = int(digits)
            i, j = i + 2, j + width
            continue
        if c == "%":
            if i + 1 >= len(fmt):  # a lone '%' at the end of the format
                return None
            i += 1  # "%%" matches one '%'
        if j >= len(text) or text[j] != c:
            return None
        i, j = i + 1, j + 1
    if j != len(text):
        return None
    year, month, day = values["Y"], values["m"], values["d"]
    if year < 1970 or not 1 <= month <= 12 or not 1 <= day <= _days_in_month(year, month):
        return None
    if values["H"] > 23 or values["M"] > 59 or values["S"] > 59:
        return None
    seconds = values["H"] * 3600 + values["M"] * 60 + values["S"]
    return days_from_civil(year, month, day) * _MS_PER_DAY + seconds * 1000


def _now_ms(ctx: Context) -> int:
    seconds = ctx.now()
    # Round to the microsecond first so float noise (x.123 -> x.12299999) never costs a ms.
    return math.floor(round(seconds * 1000.0, 3))


@builtin("Time.now", "unit -> int", context=True, effect="time:read")
def now(ctx: Context, _unit: None) -> int:
    """Milliseconds since the Unix epoch."""
    return _now_ms(ctx)


@builtin("Time.nowSeconds", "unit -> int", context=True, effect="time:read")
def now_seconds(ctx: Context, _unit: None) -> int:
    """Whole seconds since the Unix epoch."""
    return _now_ms(ctx) // 1000


@builtin("Time.format", "string -> int -> string")
def format_(fmt: str, ms: int) -> str:
    """Format the UTC time *ms* with ``%Y %m %d %H %M %S %%``."""
    return format_time(fmt, ms)


@builtin("Time.parse", "string -> string -> int option")
def parse(fmt: str, text: str) -> object:
    """``Some ms`` when *text* matches *fmt*, else ``None``."""
    result = parse_time(fmt, text)
    return NONE if result is None else make_some(result)
