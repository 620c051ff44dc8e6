"""What counts as a Fusabi identifier: shared by the lexer and by manifest validation."""

from __future__ import annotations

import re
from typing import Final

__all__ = ["KEYWORDS", "is_identifier"]

KEYWORDS: Final = frozenset(
    """
    let rec and in if then elif else fun function match with when as type of open module do
    done while for to downto mutable true false try finally begin end exception private
    public internal inline yield return break continue null lazy assert use new member
    namespace
    """.split()  # noqa: SIM905 - a word list reads best as text
)
"""Reserved words: never identifiers."""

_IDENTIFIER: Final = re.compile(r"^[^\W\d][\w']*$")


def is_identifier(text: str) -> bool:
    """Is *text* an identifier (a letter or ``_`` first, then letters, digits, ``_``, and
    optional trailing primes) that is not a keyword?"""
    return bool(_IDENTIFIER.match(text)) and text not in KEYWORDS and text != "_"
