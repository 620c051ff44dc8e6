"""Computation expressions of a script's own builders (``type MaybeBuilder() = member
_.Bind(m, f) = ...``, ``let maybe = MaybeBuilder()``, ``maybe { let! x = ... }``): ``let!``,
``return``, ``return!``, ``if`` without ``else`` (``Zero``, ``Combine``), ``Delay``/``Run`` when
the builder has them, ``yield``/``yield!``/``for``, and a clear error for a missing method.

Each program is compiled with strict type checking and run; the expected output is what F#
prints.  The programs are ``text`` parameters, so the .fzb differential check of tests/fzb
runs each from bytecode too.
"""

from __future__ import annotations

import re

import pytest

import fusabi_host
from fusabi_host import CompileError
from tests.lang.programs import case, output, src

MAYBE = """
type MaybeBuilder() =
    member _.Bind(m, f) = Option.bind f m
    member _.Return x = Some x
    member _.ReturnFrom m = m
    member _.Zero() = None

let maybe = MaybeBuilder()

let parseInt (s: string) =
    match System.Int32.TryParse s with
    | true, n -> Some n
    | _ -> None

let addStrings a b =
    maybe {
        let! x = parseInt a
        let! y = parseInt b
        if x + y > 100 then
            return! None
        else
            return x + y
    }
printfn "%A %A %A" (addStrings "1" "2") (addStrings "x" "2") (addStrings "99" "2")
"""

RESULT = """
type ResultBuilder() =
    member _.Bind(r, f) = Result.bind f r
    member _.Return x = Ok x
    member _.ReturnFrom r = r
    member _.Zero() = Ok ()
    member _.Delay f = f
    member _.Run f = f ()
    member _.Combine(a, b) = Result.bind (fun () -> b ()) a

let result = ResultBuilder()
let validate age name =
    result {
        let! a = if age >= 0 then Ok age else Error "negative age"
        if name = "" then
            return! Error "empty name"
        let! n = if String.length name < 10 then Ok name else Error "long name"
        return sprintf "%s (%d)" n a
    }
printfn "%A" (validate 3 "ann")
printfn "%A" (validate -1 "ann")
printfn "%A" (validate 3 "")
"""

LIST = """
type ListBuilder() =
    member _.Yield x = [x]
    member _.YieldFrom xs = xs
    member _.Combine(a, b) = a @ b
    member _.Delay f = f ()
    member _.Zero() = []
    member _.For(xs, f) = xs |> List.collect f
let listOf = ListBuilder()
printfn "%A" (listOf { yield 1; yield! [2; 3]; for i in [4; 5] do yield i * 10 })
"""

PROGRAMS = [
    case("option-builder-without-delay", MAYBE, "Some 3 None None\n"),
    case(
        "result-builder-with-delay-run-and-combine",
        RESULT,
        'Ok "ann (3)"\nError "negative age"\nError "empty name"\n',
    ),
    case("list-builder-with-yields-and-for", LIST, "[1; 2; 3; 40; 50]\n"),
    case(
        "a-function-applied-to-a-record-is-not-a-builder",
        """
        type P = { X: int }
        type B() =
            member _.Return x = x
        let show (p: P) = p.X
        let b = B()
        printfn "%d %d" (show { X = 4 }) (b { return 5 })
        """,
        "4 5\n",
    ),
]


@pytest.mark.parametrize(("text", "expected"), PROGRAMS)
def test_builders(text: str, expected: str) -> None:
    assert output(text) == expected


def test_a_missing_builder_method_is_named() -> None:
    text = (
        "type B() =\n    member _.Return x = Some x\nlet b = B()\n"
        "let v =\n    b {\n        let! x = Some 1\n        return x\n    }\n"
    )
    with pytest.raises(CompileError, match=re.escape("needs the builder method 'Bind'")):
        fusabi_host.compile_source(src(text), type_check="strict")
