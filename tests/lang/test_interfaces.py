"""Interfaces: ``abstract`` members (properties and methods, generic interfaces), their
implementation in classes, records and unions (``interface I with``), object expressions
(``{ new I with ... }``, with state captured in closures and a self name), explicit upcasts
(``x :> I``, ``x :> obj``), the upcast F# inserts for an argument of an interface type, and
``x :?> T`` from ``obj``.

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

SHAPES = """
type IShape =
    abstract member Area : float
    abstract member Name : string
    abstract member Scale : float -> IShape

type Circle(r: float) =
    member _.Radius = r
    interface IShape with
        member _.Area = 3.0 * r * r
        member _.Name = "circle"
        member _.Scale k = Circle(r * k) :> IShape

type Square =
    { Side: float }
    interface IShape with
        member this.Area = this.Side * this.Side
        member _.Name = "square"
        member this.Scale k = { Side = this.Side * k } :> IShape

let describe (s: IShape) = sprintf "%s %g" s.Name s.Area
"""

COUNTER = """
type ICounter =
    abstract Next : unit -> int
    abstract Peek : int
    abstract Twice : unit -> int

let makeCounter start =
    let mutable n = start
    { new ICounter with
        member _.Next() =
            n <- n + 1
            n
        member _.Peek = n
        member this.Twice() = this.Next() + this.Next() }
"""

INTERFACES = [
    case(
        "explicit-upcasts-in-a-list",
        SHAPES + "for s in [Circle 1.0 :> IShape; { Side = 2.0 } :> IShape] do\n"
        '    printfn "%s" (describe s)\n',
        "circle 3\nsquare 4\n",
    ),
    case(
        "argument-upcast-inserted",
        SHAPES + 'printfn "%s|%s" (describe (Circle 2.0)) (describe { Side = 3.0 })\n',
        "circle 12|square 9\n",
    ),
    case(
        "piped-argument-upcast-inserted",
        SHAPES + 'Circle 1.0 |> describe |> printfn "%s"\n',
        "circle 3\n",
    ),
    case(
        "method-returning-the-interface",
        SHAPES + "let shapes = [Circle 1.0 :> IShape; { Side = 1.5 } :> IShape]\n"
        'shapes |> List.map (fun s -> s.Scale 2.0) |> List.iter (describe >> printfn "%s")\n'
        'printfn "%g" (shapes |> List.sumBy (fun s -> s.Area))\n',
        "circle 12\nsquare 9\n5.25\n",
    ),
    case(
        "property-evaluated-at-each-access",
        COUNTER + 'let c = makeCounter 0\nprintfn "%d %d %d" c.Peek (c.Next()) c.Peek\n',
        "0 1 1\n",
    ),
    case(
        "object-expression-with-self-and-shared-state",
        COUNTER + "let c = makeCounter 10\nlet d = makeCounter 0\n"
        'printfn "%d %d %d %d" (c.Next()) (c.Twice()) c.Peek (d.Next())\n',
        "11 25 13 1\n",
    ),
    case(
        "generic-interface-in-a-generic-class",
        """
        type IRepository<'T> =
            abstract Add : 'T -> unit
            abstract GetAll : unit -> 'T list
            abstract Count : int
        type MemoryRepo<'T>() =
            let items = ResizeArray<'T>()
            interface IRepository<'T> with
                member _.Add x = items.Add x
                member _.GetAll() = List.ofSeq items
                member _.Count = items.Count
        let repo = MemoryRepo<string>() :> IRepository<string>
        repo.Add "a"
        repo.Add "b"
        printfn "%A %d" (repo.GetAll()) repo.Count
        """,
        '["a"; "b"] 2\n',
    ),
    case(
        "tupled-method-and-class-state",
        """
        type ILogger =
            abstract Log : string -> unit
            abstract Span : int * int -> string
        type CountingLogger(prefix: string) =
            let mutable count = 0
            member _.Count = count
            interface ILogger with
                member _.Log msg =
                    count <- count + 1
                    printfn "%s%s" prefix msg
                member _.Span(a, b) = sprintf "%d..%d" a b
        let logger = CountingLogger "> "
        (logger :> ILogger).Log "one"
        let run (l: ILogger) xs = xs |> List.iter l.Log
        run logger ["two"; "three"]
        printfn "%d %s" logger.Count ((logger :> ILogger).Span(1, 5))
        """,
        "> one\n> two\n> three\n3 1..5\n",
    ),
    case(
        "union-implementing-two-interfaces",
        """
        type INamed =
            abstract Name : string
        type IPriced =
            interface
                abstract Price : decimal
            end
        type Item =
            | Book of string
            | Pen
            interface INamed with
                member i.Name = match i with Book t -> t | Pen -> "pen"
            interface IPriced with
                member i.Price = match i with Book _ -> 12.5m | Pen -> 1m
        let label (n: INamed) (p: IPriced) = sprintf "%s: %M" n.Name p.Price
        printfn "%s / %s" (label (Book "SICP") (Book "SICP")) (label Pen Pen)
        """,
        "SICP: 12.5 / pen: 1\n",
    ),
    case(
        "upcast-of-self-inside-a-member",
        """
        type IArea =
            abstract Area : int
        type Rect =
            { W: int; H: int }
            member r.Doubled = (r :> IArea).Area * 2
            interface IArea with
                member r.Area = r.W * r.H
        printfn "%d" { W = 2; H = 3 }.Doubled
        """,
        "12\n",
    ),
    case(
        "object-expressions-in-a-map",
        """
        type IOp =
            abstract Apply : int -> int -> int
            abstract Symbol : string
        let op symbol f = { new IOp with
                                member _.Apply a b = f a b
                                member _.Symbol = symbol }
        let ops = Map.ofList [ "add", op "+" (+); "mul", op "*" (*) ]
        for KeyValue(name, o) in ops do
            printfn "%s: 6 %s 7 = %d" name o.Symbol (o.Apply 6 7)
        """,
        "add: 6 + 7 = 13\nmul: 6 * 7 = 42\n",
    ),
    case(
        "elements-upcast-to-an-annotated-list-or-array",
        SHAPES + "let shapes : IShape list = [Circle 1.0; { Side = 2.0 }]\n"
        "let more : IShape[] = [| { Side = 1.0 }; Circle 2.0 :> IShape |]\n"
        'for s in shapes @ List.ofArray more do printfn "%s" (describe s)\n',
        "circle 3\nsquare 4\nsquare 1\ncircle 12\n",
    ),
    case(
        "box-upcast-and-downcast",
        'let o = 42 :> obj\nlet n = o :?> int\nprintfn "%d %O" (n + 1) o\n',
        "43 42\n",
    ),
]


@pytest.mark.parametrize(("text", "expected"), INTERFACES)
def test_interfaces(text: str, expected: str) -> None:
    assert output(text) == expected


REFUSED = [
    case(
        "missing-member",
        "type I =\n    abstract A : int\n    abstract B : int\n"
        "let x = { new I with member _.A = 1 }\n",
        "this object expression does not implement 'B' of 'I'",
    ),
    case(
        "unknown-member",
        "type I =\n    abstract A : int\nlet x = { new I with member _.A = 1\n"
        "                     member _.C = 2 }\n",
        "'I' has no abstract member 'C'",
    ),
    case(
        "property-implemented-as-method",
        "type I =\n    abstract A : int\ntype R = { V: int }\n"
        "    interface I with\n        member r.A() = r.V\n",
        "'A' of 'I' is a property: implement it as one",
    ),
    case(
        "not-implemented-by-the-type",
        SHAPES + "type Other = { N: int }\nlet s = { N = 1 } :> IShape\n",
        "Other does not implement IShape",
    ),
    case(
        "argument-of-a-type-not-implementing",
        SHAPES + "type Other = { N: int }\nlet t = describe { N = 1 }\n",
        "expected IShape, got Other",
    ),
    case(
        "dotnet-interface",
        "type R = { V: int }\n    interface System.IComparable with\n"
        "        member r.CompareTo o = 0\n",
        "is not an interface declared in this script",
    ),
    case(
        "settable-property",
        "type I =\n    abstract A : int with get, set\n",
        "settable abstract properties are not supported",
    ),
    case(
        "downcast-to-an-interface",
        SHAPES + "let s = box 1 :?> IShape\n",
        "a downcast to an interface is not supported",
    ),
    case(
        "element-not-implementing-the-annotated-interface",
        SHAPES + "let shapes : IShape list = [Circle 1.0; 3]\n",
        "an element of IShape list: expected IShape, got int",
    ),
    case(
        "record-literal-is-not-an-interface",
        "type I =\n    abstract A : unit -> int\nlet i : I = { A = fun () -> 1 }\n",
        "expected I",
    ),
]


@pytest.mark.parametrize(("text", "message"), REFUSED)
def test_ill_formed_interfaces_are_refused(text: str, message: str) -> None:
    with pytest.raises(CompileError, match=re.escape(message)):
        fusabi_host.compile_source(src(text), type_check="strict")


def test_unchecked_bindings_read_properties_and_call_methods() -> None:
    """With ``type_check="warn"``, a binding that fails to type-check runs unchecked: reading
    an interface's property there still runs its getter, and a method call still calls."""
    program = COUNTER + (
        "let c = makeCounter 5\n"
        'let dynamicMarker = [1; "a"]\n'
        'let report = (if List.isEmpty dynamicMarker then "" else "n"), c.Peek, c.Twice()\n'
        'printfn "%A" report\n'
    )
    assert output(program, type_check="warn") == '("n", 5, 13)\n'


DISPOSAL = [
    case(
        "use-disposes-at-the-end-of-its-scope-in-reverse-order",
        """
        type Guard(name: string) =
            do printfn "acquire %s" name
            interface System.IDisposable with
                member _.Dispose() = printfn "release %s" name
        let work () =
            use a = new Guard("a")
            use b = new Guard("b")
            printfn "working"
            42
        printfn "%d" (work ())
        """,
        "acquire a\nacquire b\nworking\nrelease b\nrelease a\n42\n",
    ),
    case(
        "use-disposes-when-the-scope-raises",
        """
        open System
        type Conn =
            { Name: string }
            interface IDisposable with
                member c.Dispose() = printfn "closed %s" c.Name
        let failing () =
            use c = { Name = "db" }
            failwith "boom"
        try failing () with Failure m -> printfn "caught %s" m
        """,
        "closed db\ncaught boom\n",
    ),
    case(
        "use-of-an-object-expression-and-a-discard",
        """
        let mutable log = []
        let resource name =
            { new System.IDisposable with
                member _.Dispose() = log <- name :: log }
        let run () =
            use _ = resource "first"
            use r = resource "second"
            use plain = 5
            plain + 1
        printfn "%d %A" (run ()) log
        """,
        '6 ["first"; "second"]\n',
    ),
]


@pytest.mark.parametrize(("text", "expected"), DISPOSAL)
def test_use_disposes(text: str, expected: str) -> None:
    assert output(text) == expected
