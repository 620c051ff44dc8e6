"""List, array and sequence expressions with control flow (F#'s implicit yields), and F# ref
cells (``ref``, ``!``, ``:=``, ``.Value``, ``incr``, ``decr``).

Every program is compiled with strict type checking and run; the expected output is what F#
prints.  Two F# rules the cases pin:

* inside ``[ ... ]``, ``[| ... |]`` and ``seq { ... }`` an element that is control flow makes
  the whole a comprehension; each expression in statement position is then yielded unless its
  type is unit (``printfn`` runs, values are elements);
* on one line, the ``then``/``else`` branch of an ``if`` takes the rest of the ``;``-separated
  line (F#'s light syntax; dotnet/fsharp#7745 and #18870): ``[1; if c then 2; 3]`` is ``[1]``
  when ``c`` is false.  On separate lines each element stands alone.

The programs are ``text`` parameters, so the .fzb differential check of tests/fzb runs each
from bytecode too.
"""

from __future__ import annotations

from typing import Any

import pytest

import fusabi_host
from tests.lang.programs import DYNAMIC_MARKER, case, output, src


def value(text: str) -> Any:
    return fusabi_host.compile_source(src(text), type_check="strict").instantiate().value


# --------------------------------------------------------------------------------------------
# list, array and seq expressions
# --------------------------------------------------------------------------------------------

LIST_EXPRESSIONS = [
    case(
        "if-else-mid-list-false",
        """
        let flag = false
        let xs = [ "a"; if flag then "yes" else "no"; "NL"; "z" ]
        printfn "%A" xs
        """,
        '["a"; "no"; "NL"; "z"]\n',
    ),
    case(
        "if-else-mid-list-true-takes-rest-of-line",
        """
        let flag = true
        printfn "%A" [ "a"; if flag then "yes" else "no"; "NL"; "z" ]
        """,
        '["a"; "yes"]\n',
    ),
    case(
        "if-without-else-one-line",
        """
        let c = false
        printfn "%A" [ 1; if c then 2; 3 ]
        printfn "%A" [ 1; if not c then 2; 3 ]
        """,
        "[1]\n[1; 2; 3]\n",
    ),
    case(
        "if-without-else-own-line",
        """
        let build c =
            [ 1
              if c then 2
              3 ]
        printfn "%A" (build false)
        printfn "%A" (build true)
        """,
        "[1; 3]\n[1; 2; 3]\n",
    ),
    case(
        "if-else-own-lines-in-middle",
        """
        let label n =
            [ "n="
              if n > 0 then "positive" else "not positive"
              "." ]
        printfn "%A" (label 3)
        printfn "%A" (label -1)
        """,
        '["n="; "positive"; "."]\n["n="; "not positive"; "."]\n',
    ),
    case(
        "match-yields-chosen-branch",
        """
        let describe n =
            [ "start"
              match n with
              | 0 -> "zero"
              | 1 -> "one"
              | _ -> "many"
              "end" ]
        printfn "%A" (describe 0)
        printfn "%A" (describe 7)
        """,
        '["start"; "zero"; "end"]\n["start"; "many"; "end"]\n',
    ),
    case(
        "calls-and-operators-are-elements",
        """
        let double x = x * 2
        let xs = [ 1; double 2; 2 + 3; if true then 6 else 0 ]
        printfn "%A" xs
        """,
        "[1; 4; 5; 6]\n",
    ),
    case(
        "unit-statements-run-not-yielded",
        """
        let xs =
            [ printfn "building"
              10
              if true then 20
              printfn "done" ]
        printfn "%A" xs
        """,
        "building\ndone\n[10; 20]\n",
    ),
    case(
        "for-do-with-filter",
        """
        printfn "%A" [ for x in 1 .. 10 do if x % 3 = 0 then x ]
        """,
        "[3; 6; 9]\n",
    ),
    case(
        "for-with-statements-and-running-total",
        """
        let mutable total = 0
        let totals =
            [ for i in 1 .. 4 do
                total <- total + i
                total ]
        printfn "%A" totals
        """,
        "[1; 3; 6; 10]\n",
    ),
    case(
        "explicit-yield-and-yield-bang",
        """
        printfn "%A" [ yield 1; yield! [2; 3]; for x in 4 .. 5 -> x ]
        """,
        "[1; 2; 3; 4; 5]\n",
    ),
    case(
        "mixed-elements-for-and-yield-bang",
        """
        let evens n = [ for i in 1 .. n do if i % 2 = 0 then i ]
        let xs =
            [ yield 0
              yield! evens 6
              for i in 1 .. 2 -> i * 100
              if List.isEmpty (evens 1) then yield -1
              match evens 2 with
              | [x] -> yield x * 1000
              | _ -> () ]
        printfn "%A" xs
        """,
        "[0; 2; 4; 6; 100; 200; -1; 2000]\n",
    ),
    case(
        "let-inside-list",
        """
        let xs =
            [ let y = 10
              y
              y + 1 ]
        printfn "%A" xs
        """,
        "[10; 11]\n",
    ),
    case(
        "array-with-if-and-for",
        """
        let withHeader (items: int list) verbose =
            [| -1
               if verbose then 0
               for x in items do x * 10 |]
        printfn "%A" (withHeader [1; 2] true)
        printfn "%A" (withHeader [3] false)
        """,
        "[|-1; 0; 10; 20|]\n[|-1; 30|]\n",
    ),
    case(
        "array-with-match",
        """
        let sizes (o: int option) =
            [| match o with
               | Some n -> n
               | None -> 0
               42 |]
        printfn "%A" (sizes (Some 5))
        printfn "%A" (sizes None)
        """,
        "[|5; 42|]\n[|0; 42|]\n",
    ),
    case(
        "seq-with-if-match-and-yield-bang",
        """
        let s (c: bool) =
            seq {
                1
                if c then 2
                match c with
                | true -> 3
                | false -> 30
                for x in [4; 5] do x
            }
        printfn "%A" (List.ofSeq (s true))
        printfn "%A" (List.ofSeq (s false))
        """,
        "[1; 2; 3; 4; 5]\n[1; 30; 4; 5]\n",
    ),
    case(
        "seq-with-explicit-yields",
        """
        let s = seq { yield 1; yield! [2; 3]; for i in 4 .. 5 -> i * i }
        printfn "%A" (List.ofSeq s)
        """,
        "[1; 2; 3; 16; 25]\n",
    ),
    case(
        "string-concat-with-calls-and-branches",
        """
        let name = "  Ada  "
        let ok = true
        let text = String.concat "" [ "<"; String.trim name; ">"; if ok then "!" else "?"; "#" ]
        printfn "%s" text
        """,
        "<Ada>!\n",
    ),
    case(
        "plain-lists-unchanged",
        """
        let pairs = [ (1, "a"); (2, "b") ]
        printfn "%A" [1; 2; 3]
        printfn "%d" (List.length pairs)
        printfn "%A" [ [1]; []; [2; 3] ]
        """,
        "[1; 2; 3]\n2\n[[1]; []; [2; 3]]\n",
    ),
    case(
        "nested-comprehensions",
        """
        let grid =
            [ for r in 1 .. 2 do
                [ for c in 1 .. 3 do
                    if c <> r then r * 10 + c ] ]
        printfn "%A" grid
        """,
        "[[12; 13]; [21; 23]]\n",
    ),
    case(
        "comprehensions-over-the-function-being-defined",
        """
        let rec perms xs =
            match xs with
            | [] -> [ [] ]
            | _ -> [ for x in xs do
                         for rest in perms (List.filter ((<>) x) xs) do
                             yield x :: rest ]
        let rec countdown n = if n = 0 then [ 0 ] else [ yield n; yield! countdown (n - 1) ]
        let rec evens n : int list = if n = 0 then [] else [ for x in evens (n - 1) -> x + 2 ] @ [0]
        printfn "%A %A %A" (perms [1; 2; 3]) (countdown 3) (evens 3)
        """,
        "[[1; 2; 3]; [1; 3; 2]; [2; 1; 3]; [2; 3; 1]; [3; 1; 2]; [3; 2; 1]] [3; 2; 1; 0] "
        "[4; 2; 0]\n",
    ),
]


@pytest.mark.parametrize(("text", "expected"), LIST_EXPRESSIONS)
def test_list_expressions(text: str, expected: str) -> None:
    assert output(text) == expected


@pytest.mark.parametrize(("text", "expected"), LIST_EXPRESSIONS[:8])
def test_list_expressions_on_the_dynamic_path(text: str, expected: str) -> None:
    """Untyped code (an ill-typed binding first) decides implicit yields at run time."""
    unit = fusabi_host.compile_source(DYNAMIC_MARKER + src(text), type_check="warn")
    assert not unit.typed
    out: list[str] = []
    unit.instantiate(stdout=out.append)
    assert "".join(out) == expected


# --------------------------------------------------------------------------------------------
# ref cells
# --------------------------------------------------------------------------------------------

REFS = [
    case(
        "ref-deref-assign",
        """
        let r = ref 0
        printfn "%d" !r
        r := 5
        printfn "%d" !r
        r := !r * 2 + 1
        printfn "%d" !r
        """,
        "0\n5\n11\n",
    ),
    case(
        "incr-decr",
        """
        let r = ref 10
        incr r
        incr r
        decr r
        printfn "%d" !r
        """,
        "11\n",
    ),
    case(
        "value-property-get-and-set",
        """
        let r = ref 1
        r.Value <- 3
        printfn "%d" r.Value
        r.Value <- r.Value + 4
        printfn "%d %d" r.Value !r
        """,
        "3\n7 7\n",
    ),
    case(
        "counter-closure",
        """
        let make () =
            let c = ref 0
            fun () -> incr c; !c
        let a = make ()
        let b = make ()
        a () |> ignore
        a () |> ignore
        printfn "%d %d" (a ()) (b ())
        """,
        "3 1\n",
    ),
    case(
        "deref-as-argument-and-operand",
        """
        let r = ref 4
        let square x = x * x
        printfn "%d" (square !r)
        printfn "%d" (!r + 1)
        printfn "%b" (!r > 3)
        """,
        "16\n5\ntrue\n",
    ),
    case(
        "display-and-equality",
        """
        printfn "%A" (ref 1)
        printfn "%b" (ref 1 = ref 1)
        printfn "%b" (ref 1 = ref 2)
        printfn "%A" (ref [1; 2])
        """,
        "{ contents = 1 }\ntrue\nfalse\n{ contents = [1; 2] }\n",
    ),
    case(
        "ref-in-record",
        """
        type Counter = { name: string; count: int ref }
        let c = { name = "clicks"; count = ref 0 }
        incr c.count
        c.count := !c.count * 10
        printfn "%s=%d" c.name !c.count
        """,
        "clicks=10\n",
    ),
    case(
        "refs-in-a-list",
        """
        let cells = [ ref 1; ref 2; ref 3 ]
        List.iter incr cells
        printfn "%A" (List.map (fun (c: int ref) -> c.Value) cells)
        printfn "%d" (cells |> List.sumBy (fun c -> !c))
        """,
        "[2; 3; 4]\n9\n",
    ),
    case(
        "annotations-and-functions-over-refs",
        """
        let bump (c: int ref) (by: int) : unit = c := !c + by
        let swap (a: 'a ref) (b: 'a ref) =
            let t = !a
            a := !b
            b := t
        let x : int ref = ref 1
        let y = ref 2
        bump x 40
        swap x y
        printfn "%d %d" !x !y
        let s = ref "left"
        let t = ref "right"
        swap s t
        printfn "%s %s" !s !t
        """,
        "2 41\nright left\n",
    ),
    case(
        "aliasing-shares-the-cell",
        """
        let r = ref 0
        let alias = r
        incr alias
        alias := !alias + 10
        printfn "%d" !r
        """,
        "11\n",
    ),
    case(
        "while-loop-with-refs",
        """
        let i = ref 0
        let acc = ref []
        while !i < 3 do
            acc := !i :: !acc
            incr i
        printfn "%A" !acc
        """,
        "[2; 1; 0]\n",
    ),
    case(
        "ref-of-option",
        """
        let found : int option ref = ref None
        for x in [3; 8; 11] do
            if (!found).IsNone && x > 5 then found := Some x
        printfn "%A" !found
        """,
        "Some 8\n",
    ),
    case(
        "refs-in-list-expression",
        """
        let seen = ref 0
        let xs =
            [ for x in 1 .. 5 do
                incr seen
                if x % 2 = 1 then x * !seen ]
        printfn "%A %d" xs !seen
        """,
        "[1; 9; 25] 5\n",
    ),
]


@pytest.mark.parametrize(("text", "expected"), REFS)
def test_refs(text: str, expected: str) -> None:
    assert output(text) == expected


def test_a_ref_reaches_the_host_as_a_record() -> None:
    assert value("let r = ref 5\nincr r\nr") == {"contents": 6}


ILL_TYPED = [
    case("assign-string-to-int-ref", 'let r = ref 0\nr := "x"', "expected int, got string"),
    case("incr-float-ref", "let r = ref 1.5\nincr r", "expected int ref, got float ref"),
    case("decr-string-ref", 'let r = ref "a"\ndecr r', "expected int ref, got string ref"),
    case("deref-an-int", "let x = !5", "expected 'a ref, got int"),
    case("value-set-wrong-type", 'let r = ref 0\nr.Value <- "s"', "expected int, got string"),
    case(
        "deref-annotated-wrong",
        "let r = ref 1\nlet s : string = !r",
        "expected string, got int",
    ),
    case(
        "implicit-element-beside-explicit-yield",
        "let c = true\nlet xs = [ yield 1\n           if c then 2 ]",
        "an 'if' without 'else' must give unit",
    ),
    case(
        "list-branches-disagree",
        'let c = true\nlet xs = [ 1\n           if c then "two"\n           3 ]',
        "expected int, got string",
    ),
]


@pytest.mark.parametrize(("text", "message"), ILL_TYPED)
def test_ill_typed_programs_are_refused_at_compile_time(text: str, message: str) -> None:
    with pytest.raises(fusabi_host.CompileError) as info:
        fusabi_host.compile_source(src(text), type_check="strict")
    assert message in str(info.value)


def test_dereferencing_a_non_ref_on_the_dynamic_path_is_a_fusabi_error() -> None:
    text = DYNAMIC_MARKER + "let n = 5\nlet x = !n\n"
    unit = fusabi_host.compile_source(text, type_check="warn")
    with pytest.raises(fusabi_host.FusabiError, match="'!' expects a ref cell, got int"):
        unit.instantiate()
