"""The ``Char`` module: classification and case conversion of chars.

F# code writes ``System.Char.IsLetter c``; Fusabi offers the same tests as lower-camel
functions: ``Char.isLetter c``.  Classification follows .NET's, by Unicode general category
(``isDigit`` = ``Nd``, ``isLetter`` = ``L*``, ``isUpper`` = ``Lu``, ``isLower`` = ``Ll``,
``isPunctuation`` = ``P*``); ``isWhiteSpace`` is the Unicode ``White_Space`` set, which is what
.NET's ``Char.IsWhiteSpace`` and ``String.Trim`` use.

``toUpper``/``toLower`` map one char to one char (invariant culture, as .NET's
``Char.ToUpperInvariant``): a char whose full case mapping has several chars (``'ß'``) is left
unchanged.  Not in this module (F# has no ``Char`` module; these would be .NET members):
``toString`` (use ``string c``) and ``code`` (use ``int c``).

The .NET names F# code calls (``Char.IsDigit c``, ``System.Char.IsLetter(c)`` after
``open System``) are the same functions under their .NET spelling: ``IsDigit IsLetter
IsLetterOrDigit IsWhiteSpace IsUpper IsLower IsPunctuation ToUpper ToLower``, plus
``IsControl`` (general category ``Cc``) and ``GetNumericValue`` (the Unicode numeric value as
a float, ``-1.0`` for a char that has none, as .NET).  Only the one-char overloads exist
(not ``Char.IsDigit(s, index)``).
"""

from __future__ import annotations

import unicodedata
from typing import Final

from fusabi_host.lang.stdlib.registry import builtin
from fusabi_host.lang.values import Char

__all__ = ["WHITESPACE", "is_white_space"]

WHITESPACE: Final = (
    "\t\n\v\f\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009"
    "\u200a\u2028\u2029\u202f\u205f\u3000"
)
"""The Unicode ``White_Space`` characters (what .NET trims and calls white space)."""

_WHITESPACE_SET: Final = frozenset(WHITESPACE)


def is_white_space(c: str) -> bool:
    """Is *c* (one character) Unicode white space?"""
    return c in _WHITESPACE_SET


@builtin("Char.IsLetter", "char -> bool")
@builtin("Char.isLetter", "char -> bool")
def is_letter(c: Char) -> bool:
    return unicodedata.category(c)[0] == "L"


@builtin("Char.IsDigit", "char -> bool")
@builtin("Char.isDigit", "char -> bool")
def is_digit(c: Char) -> bool:
    return unicodedata.category(c) == "Nd"


@builtin("Char.IsLetterOrDigit", "char -> bool")
@builtin("Char.isLetterOrDigit", "char -> bool")
def is_letter_or_digit(c: Char) -> bool:
    category = unicodedata.category(c)
    return category[0] == "L" or category == "Nd"


@builtin("Char.IsWhiteSpace", "char -> bool")
@builtin("Char.isWhiteSpace", "char -> bool")
def is_white_space_char(c: Char) -> bool:
    return c in _WHITESPACE_SET


@builtin("Char.IsUpper", "char -> bool")
@builtin("Char.isUpper", "char -> bool")
def is_upper(c: Char) -> bool:
    return unicodedata.category(c) == "Lu"


@builtin("Char.IsLower", "char -> bool")
@builtin("Char.isLower", "char -> bool")
def is_lower(c: Char) -> bool:
    return unicodedata.category(c) == "Ll"


@builtin("Char.IsPunctuation", "char -> bool")
@builtin("Char.isPunctuation", "char -> bool")
def is_punctuation(c: Char) -> bool:
    return unicodedata.category(c)[0] == "P"


@builtin("Char.ToUpper", "char -> char")
@builtin("Char.toUpper", "char -> char")
def to_upper(c: Char) -> Char:
    mapped = c.upper()
    return Char(mapped) if len(mapped) == 1 else c


@builtin("Char.ToLower", "char -> char")
@builtin("Char.toLower", "char -> char")
def to_lower(c: Char) -> Char:
    mapped = c.lower()
    return Char(mapped) if len(mapped) == 1 else c


@builtin("Char.IsControl", "char -> bool")
def is_control(c: Char) -> bool:
    """.NET's ``Char.IsControl``: the general category ``Cc``."""
    return unicodedata.category(c) == "Cc"


@builtin("Char.GetNumericValue", "char -> float")
def get_numeric_value(c: Char) -> float:
    """.NET's ``Char.GetNumericValue``: ``'7'`` is ``7.0``, ``'½'`` is ``0.5``, a char with no
    numeric value is ``-1.0``."""
    return float(unicodedata.numeric(c, -1.0))
