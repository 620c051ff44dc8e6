""".NET exceptions as F# code catches them: ``:?`` type tests (with .NET's class hierarchy),
``ex.Message``, constructing and raising the library's exceptions, ``invalidArg``,
``invalidOp``, ``nullArg``, ``reraise ()`` and ``failwithf``.

Every program is compiled with strict type checking and run; the expected output is what F#
prints.  The programs are ``text`` parameters, so the .fzb differential check of tests/fzb
runs each from bytecode too.
"""

from __future__ import annotations

import pytest

import fusabi_host
from fusabi_host.errors import CompileError
from tests.lang.programs import DYNAMIC_MARKER, case, output, src

PROGRAMS = [
    case(
        "built-without-a-message",
        """
        let show f = try f () with e -> printfn "%s" e.Message
        show (fun () -> raise (System.DivideByZeroException()))
        show (fun () -> raise (new System.InvalidOperationException()))
        show (fun () -> raise (System.Exception()))
        try raise (System.ArgumentException()) with
        | :? System.ArgumentException as e -> printfn "caught: %s" e.Message
        """,
        "Attempted to divide by zero.\n"
        "Operation is not valid due to the current state of the object.\n"
        "Exception of type 'System.Exception' was thrown.\n"
        "caught: Value does not fall within the expected range.\n",
    ),
    case(
        "divide-by-zero-qualified",
        """
        let safeDiv a b =
            try a / b with
            | :? System.DivideByZeroException -> -1
        printfn "%d %d" (safeDiv 7 2) (safeDiv 7 0)
        """,
        "3 -1\n",
    ),
    case(
        "remainder-by-zero-unqualified",
        """
        let safeRem a b =
            try a % b with
            | :? DivideByZeroException -> 0
        printfn "%d %d" (safeRem 7 3) (safeRem 7 0)
        """,
        "1 0\n",
    ),
    case(
        "divide-by-zero-message",
        """
        let m = try string (10 / 0) with :? DivideByZeroException as e -> e.Message
        printfn "%s" m
        """,
        "Attempted to divide by zero.\n",
    ),
    case(
        "argument-exception-as-e",
        """
        let parse (s: string) =
            if s = "" then raise (ArgumentException "empty input") else s.Length
        let r = try parse "" with :? ArgumentException as e -> printfn "caught: %s" e.Message; -1
        printfn "%d %d" (parse "abc") r
        """,
        "caught: empty input\n3 -1\n",
    ),
    case(
        "invalid-arg-message",
        """
        let check x = if x < 0 then invalidArg "x" "must be non-negative" else x
        try check (-1) |> ignore with
        | :? ArgumentException as e -> printfn "%s" e.Message
        """,
        "must be non-negative (Parameter 'x')\n",
    ),
    case(
        "invalid-op",
        """
        let pop stack =
            match stack with
            | [] -> invalidOp "the stack is empty"
            | x :: rest -> x, rest
        let describe s =
            try
                let x, _ = pop s
                sprintf "top %d" x
            with :? InvalidOperationException as e -> sprintf "error: %s" e.Message
        printfn "%s" (describe [3; 4])
        printfn "%s" (describe [])
        """,
        "top 3\nerror: the stack is empty\n",
    ),
    case(
        "null-arg-is-an-argument-exception",
        """
        let needName (name: string) = if name = "" then nullArg "name" else name
        let a = try needName "" with :? ArgumentNullException as e -> e.Message
        let b = try needName "" with :? ArgumentException -> "an argument exception"
        printfn "%s" a
        printfn "%s" b
        """,
        "Value cannot be null. (Parameter 'name')\nan argument exception\n",
    ),
    case(
        "argument-out-of-range-caught-as-argument-exception",
        """
        let r =
            try raise (ArgumentOutOfRangeException "index") with
            | :? ArgumentException as e -> "arg: " + e.Message
        printfn "%s" r
        """,
        "arg: index\n",
    ),
    case(
        "first-matching-handler-wins",
        """
        let classify (f: unit -> int) =
            try
                f () |> ignore
                "ok"
            with
            | :? ArgumentNullException -> "null"
            | :? ArgumentException -> "argument"
            | :? InvalidOperationException -> "invalid"
            | :? System.Exception -> "other"
        printfn "%s" (classify (fun () -> 1))
        printfn "%s" (classify (fun () -> nullArg "p"))
        printfn "%s" (classify (fun () -> invalidArg "p" "m"))
        printfn "%s" (classify (fun () -> invalidOp "m"))
        printfn "%s" (classify (fun () -> failwith "m"))
        """,
        "ok\nnull\nargument\ninvalid\nother\n",
    ),
    case(
        "exception-catches-failwith",
        """
        let r = try failwith "boom" with :? System.Exception as e -> e.Message
        printfn "%s" r
        """,
        "boom\n",
    ),
    case(
        "failwithf-formats-the-message",
        """
        let check n = if n > 10 then failwithf "too big: %d (max %d)" n 10 else n
        let r = try check 42 with :? Exception as e -> printfn "%s" e.Message; 0
        printfn "%d %d" (check 5) r
        """,
        "too big: 42 (max 10)\n5 0\n",
    ),
    case(
        "failure-pattern-and-type-test",
        """
        let run f =
            try f () with
            | Failure msg -> "failure " + msg
            | :? ArgumentException as e -> "argument " + e.Message
        printfn "%s" (run (fun () -> failwith "a"))
        printfn "%s" (run (fun () -> invalidArg "p" "b"))
        """,
        "failure a\nargument b (Parameter 'p')\n",
    ),
    case(
        "system-exception-catches-library-errors",
        """
        let m = Map.ofList [ ("a", 1) ]
        let tryGet k = try m.[k] with :? SystemException -> -1
        printfn "%d %d" (tryGet "a") (tryGet "z")
        """,
        "1 -1\n",
    ),
    case(
        "system-exception-does-not-catch-failure",
        """
        let r =
            try
                try failwith "plain" with :? SystemException -> "system"
            with Failure m -> "failure " + m
        printfn "%s" r
        """,
        "failure plain\n",
    ),
    case(
        "key-not-found",
        """
        let ages = Map.ofList [ ("ann", 31) ]
        let age name =
            try Map.find name ages with
            | :? System.Collections.Generic.KeyNotFoundException -> 0
        let age2 name = try ages.[name] with :? KeyNotFoundException as e -> -1
        printfn "%d %d %d" (age "ann") (age "bob") (age2 "bob")
        """,
        "31 0 -1\n",
    ),
    case(
        "format-exception-from-int",
        """
        let toInt (s: string) = try int s with :? FormatException -> -1
        printfn "%d %d" (toInt "42") (toInt "forty")
        """,
        "42 -1\n",
    ),
    case(
        "index-out-of-range",
        """
        let arr = [| 1; 2; 3 |]
        let at i = try arr.[i] with :? IndexOutOfRangeException -> 0
        printfn "%d %d" (at 1) (at 5)
        """,
        "2 0\n",
    ),
    case(
        "overflow-and-arithmetic",
        """
        let r =
            try raise (OverflowException "too large") with
            | :? ArithmeticException as e -> e.Message
        printfn "%s" r
        let d = try 1 / 0 with :? ArithmeticException -> 99
        printfn "%d" d
        """,
        "too large\n99\n",
    ),
    case(
        "not-supported-and-null-reference",
        """
        let f kind =
            try
                if kind = 1 then raise (NotSupportedException "nope")
                elif kind = 2 then raise (NullReferenceException "null!")
                else "fine"
            with
            | :? NotSupportedException as e -> "ns " + e.Message
            | :? NullReferenceException as e -> "nr " + e.Message
        printfn "%s / %s / %s" (f 1) (f 2) (f 3)
        """,
        "ns nope / nr null! / fine\n",
    ),
    case(
        "system-qualified-constructors",
        """
        let r1 =
            try raise (System.InvalidOperationException("bad state")) with
            | :? InvalidOperationException as e -> e.Message
        let r2 =
            try raise (System.ArgumentException("bad arg")) with
            | :? System.ArgumentException as e -> e.Message
        let r3 = try raise (System.Exception "plain") with Failure m -> "failure " + m
        printfn "%s | %s | %s" r1 r2 r3
        """,
        "bad state | bad arg | failure plain\n",
    ),
    case(
        "reraise-to-outer-handler",
        """
        let inner () =
            try invalidOp "inner problem" with
            | :? ArgumentException -> "argument"
            | :? InvalidOperationException ->
                printfn "logging and rethrowing"
                reraise ()
        let outer = try inner () with :? InvalidOperationException as e -> "outer: " + e.Message
        printfn "%s" outer
        """,
        "logging and rethrowing\nouter: inner problem\n",
    ),
    case(
        "reraise-keeps-user-exception",
        """
        exception Timeout of int
        let wait n = if n > 3 then raise (Timeout n) else n
        let attempt n =
            try wait n with
            | Timeout t ->
                printfn "timed out after %d" t
                reraise ()
        let r = try attempt 5 with Timeout t -> t * 10
        printfn "%d %d" (attempt 2) r
        """,
        "timed out after 5\n2 50\n",
    ),
    case(
        "user-exception-message-is-structured",
        """
        exception MyError of string
        exception Coded of int * string
        printfn "%s" (MyError "x").Message
        let m = try raise (Coded (3, "bad")) with :? Exception as e -> e.Message
        printfn "%s" m
        """,
        'MyError "x"\nCoded (3, "bad")\n',
    ),
    case(
        "user-exception-with-message-field",
        """
        exception Rejected of Message: string
        let m = try raise (Rejected "not allowed") with e -> e.Message
        printfn "%s" m
        """,
        "not allowed\n",
    ),
    case(
        "type-test-on-exn-value-in-match",
        """
        let describe (e: exn) =
            match e with
            | :? ArgumentException as a -> "argument: " + a.Message
            | :? KeyNotFoundException -> "missing key"
            | _ -> "other: " + e.Message
        printfn "%s" (describe (ArgumentException "x"))
        printfn "%s" (describe (KeyNotFoundException "k"))
        printfn "%s" (describe (Failure "f"))
        """,
        "argument: x\nmissing key\nother: f\n",
    ),
    case(
        "exceptions-collected-in-a-list",
        """
        let attempts : (unit -> int) list =
            [ (fun () -> 1 / 0); (fun () -> int "x"); (fun () -> 5); (fun () -> failwith "f") ]
        let results =
            attempts
            |> List.map (fun f ->
                try string (f ()) with
                | :? DivideByZeroException -> "div0"
                | :? FormatException -> "format"
                | :? Exception as e -> "error " + e.Message)
        printfn "%s" (String.concat ", " results)
        """,
        "div0, format, 5, error f\n",
    ),
    case(
        "try-with-finally-and-type-test",
        """
        let mutable cleaned = 0
        let work x =
            try
                try
                    if x = 0 then invalidArg "x" "zero" else 100 / x
                finally
                    cleaned <- cleaned + 1
            with :? ArgumentException -> -1
        printfn "%d %d %d" (work 4) (work 0) cleaned
        """,
        "25 -1 2\n",
    ),
]


@pytest.mark.parametrize(("text", "expected"), PROGRAMS)
def test_program_prints_what_fsharp_prints(text: str, expected: str) -> None:
    assert output(text) == expected


@pytest.mark.parametrize(("text", "expected"), PROGRAMS[:12])
def test_on_the_dynamic_path(text: str, expected: str) -> None:
    """Untyped code (an ill-typed binding first) tests exception classes at run time too."""
    unit = fusabi_host.compile_source(DYNAMIC_MARKER + src(text), type_check="warn")
    assert not unit.typed
    out: list[str] = []
    unit.instantiate(stdout=out.append)
    assert "".join(out) == expected


ILL_TYPED = [
    pytest.param(
        "let r = try 1 with :? ArgumentException as e -> e.Message\n",
        "expected int, got string",
        id="handler-type-differs-from-body",
    ),
    pytest.param(
        "let r = match 3 with :? ArgumentException -> 1 | _ -> 0\n",
        "expected int, got exn",
        id="type-test-on-an-int",
    ),
    pytest.param(
        "let r = try 1 with :? int -> 2\n",
        "tests only exception types",
        id="type-test-of-a-non-exception-type",
    ),
    pytest.param(
        "let r = try 1 with :? NoSuchException -> 2\n",
        "tests only exception types",
        id="unknown-exception-class",
    ),
    pytest.param(
        "let r = reraise ()\n",
        "only be called inside a 'with' handler",
        id="reraise-outside-a-handler",
    ),
    pytest.param(
        "let n: int = try 1 with :? Exception as e -> e.Message.Length + e\n",
        "expected int, got exn",
        id="exn-is-not-a-number",
    ),
    pytest.param(
        "let r = raise (ArgumentException 3)\n",
        "expected string, got int",
        id="exception-message-must-be-a-string",
    ),
    pytest.param(
        'let r = invalidArg "p"\nlet n: int = r\n',
        "expected int",
        id="invalid-arg-missing-argument",
    ),
]


@pytest.mark.parametrize(("text", "message"), ILL_TYPED)
def test_ill_typed_programs_are_refused(text: str, message: str) -> None:
    with pytest.raises(CompileError, match=message):
        fusabi_host.compile_source(text, type_check="strict")


def test_an_uncaught_library_exception_names_its_class() -> None:
    with pytest.raises(fusabi_host.FusabiRuntimeError, match="ArgumentNullException"):
        fusabi_host.compile_source('nullArg "p"\n', type_check="strict").instantiate()


def test_a_type_test_that_does_not_match_lets_the_exception_through() -> None:
    program = 'let r = try invalidOp "x" with :? ArgumentException -> "arg"\n'
    with pytest.raises(fusabi_host.FusabiRuntimeError, match="InvalidOperationException: x"):
        fusabi_host.compile_source(program, type_check="strict").instantiate()
