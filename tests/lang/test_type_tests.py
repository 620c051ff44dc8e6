"""``:? T`` on values that are not exceptions (``match o with :? int as n -> ...``): numbers,
strings, bools, chars, unit, collections, unions, records and classes, with ``as`` names, in
guards, nested in tuples, and ``o :?> T``.  Exceptions keep their own tests (see
test_exceptions_fsharp.py).

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

DESCRIBE = """
type Shape = Circle of float | Sq of float
type Person = { Name: string; Age: int }
type Counter(start: int) =
    member _.Start = start
let describe (o: obj) =
    match o with
    | :? int as i when i > 100 -> sprintf "big int %d" i
    | :? int as i -> sprintf "int %d" i
    | :? string as s -> sprintf "string %s (%d)" s s.Length
    | :? float -> "a float"
    | :? bool as b -> sprintf "bool %b" b
    | :? char as c -> sprintf "char %c" c
    | :? Shape as sh ->
        match sh with
        | Circle r -> sprintf "circle %g" r
        | Sq a -> sprintf "sq %g" a
    | :? Person as p -> sprintf "person %s" p.Name
    | :? Counter as c -> sprintf "counter from %d" c.Start
    | _ -> "unknown"
"""

PROGRAMS = [
    case(
        "values-of-each-kind",
        DESCRIBE + "let items : obj list =\n"
        "    [ box 5; box 500; box \"hi\"; box 2.5; box true; box 'c'; box (Sq 2.0);\n"
        '      box { Name = "Ann"; Age = 3 }; box (Counter 7); box [1; 2] ]\n'
        'items |> List.iter (describe >> printfn "%s")\n',
        "int 5\nbig int 500\nstring hi (2)\na float\nbool true\nchar c\nsq 2\nperson Ann\n"
        "counter from 7\nunknown\n",
    ),
    case(
        "tests-inside-a-tuple-and-downcast",
        """
        let add (a: obj, b: obj) =
            match a, b with
            | (:? int as x), (:? int as y) -> box (x + y)
            | (:? string as x), (:? string as y) -> box (x + y)
            | _ -> box "?"
        printfn "%d %s %s" (add (box 1, box 2) :?> int) (add (box "a", box "b") :?> string)
            (add (box 1, box "b") :?> string)
        """,
        "3 ab ?\n",
    ),
    case(
        "collections",
        """
        let kind (o: obj) =
            match o with
            | :? list<int> -> "list"
            | :? array<int> -> "array"
            | :? Map<string, int> -> "map"
            | :? unit -> "unit"
            | _ -> "other"
        printfn "%s %s %s %s %s" (kind [1]) (kind [| 1 |]) (kind (Map.ofList ["a", 1])) (kind ())
            (kind 3)
        """,
        "list array map unit other\n",
    ),
]


@pytest.mark.parametrize(("text", "expected"), PROGRAMS)
def test_type_tests(text: str, expected: str) -> None:
    assert output(text) == expected


REFUSED = [
    case(
        "records-with-the-same-fields",
        "type A = { N: int }\ntype B = { N: int }\n"
        "let f (o: obj) = match o with :? A -> 1 | _ -> 0\n",
        "':? A': 'B' has the same fields",
    ),
    case(
        "an-interface",
        "type I =\n    abstract N : int\nlet f (o: obj) = match o with :? I -> 1 | _ -> 0\n",
        "a type test for an interface is not supported",
    ),
    case(
        "the-value-of-an-interface",
        "type I =\n    abstract N : int\n"
        "type R = { V: int }\n    interface I with\n        member r.N = r.V\n"
        "let f (i: I) = match i with :? R as r -> r.V | _ -> 0\n",
        "a type test of an interface's value is not supported",
    ),
]


@pytest.mark.parametrize(("text", "message"), REFUSED)
def test_unanswerable_type_tests_are_refused(text: str, message: str) -> None:
    with pytest.raises(CompileError, match=re.escape(message)):
        fusabi_host.compile_source(src(text), type_check="strict")
