"""F#'s or-patterns written over several lines of a match (``| 0, _`` newline ``| _, 0 ->``):
the arms without a body share the next arm's body."""

from __future__ import annotations

import pytest

from fusabi_host import CompileError, run_source

CASES = [
    (
        "let f p =\n"
        "    match p with\n"
        "    | 0, _\n"
        '    | _, 0 -> "axis"\n'
        '    | x, y when x = y -> "diagonal"\n'
        '    | _ -> "plane"\n'
        "[f (0, 3); f (2, 0); f (2, 2); f (1, 2)]",
        ["axis", "axis", "diagonal", "plane"],
    ),
    (
        'let g n =\n    match n with\n    | 1\n    | 2\n    | 3 -> "small"\n'
        '    | _ -> "big"\n(g 2, g 9)',
        ("small", "big"),
    ),
    (
        "type Shape = Circle of float | Square of float | Dot\n"
        "let size s =\n"
        "    match s with\n"
        "    | Circle r\n"
        "    | Square r -> r\n"
        "    | Dot -> 0.0\n"
        "(size (Circle 2.0), size (Square 3.0), size Dot)",
        (2.0, 3.0, 0.0),
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_arms_without_a_body_share_the_next_body(text: str, expected: object) -> None:
    assert run_source(text) == expected


def test_the_alternatives_must_bind_the_same_names() -> None:
    with pytest.raises(CompileError):
        run_source(
            "let h p =\n    match p with\n    | (x, 0)\n    | (0, y) -> x\n    | _ -> 0\nh (1, 0)"
        )
