"""F# ``member`` definitions on records and unions: properties, curried and parenthesised
methods, static members, ``override ToString``, the ``with ... end`` form, members using
each other, ``_``/``__`` self names, and member access through inference (pipelines).

Every program is compiled with strict type checking and run; the expected output is what F#
prints.  The programs are ``text`` parameters, so the .fzb differential check of tests/fzb
runs each from bytecode too.
"""

from __future__ import annotations

import pytest

import fusabi_host
from fusabi_host import CompileError
from tests.lang.programs import case, output, src

POINT = """
type Point = { X: float; Y: float }
    member p.Length = sqrt (p.X * p.X + p.Y * p.Y)
    member p.Scale k = { p with X = p.X * k; Y = p.Y * k }
    member this.Add(other: Point) = { X = this.X + other.X; Y = this.Y + other.Y }
    member this.Move(dx, dy) = { this with X = this.X + dx; Y = this.Y + dy }
    static member Origin = { X = 0.0; Y = 0.0 }
    static member Create(x, y) = { X = x; Y = y }
    override this.ToString() = sprintf "(%g, %g)" this.X this.Y
"""

SHAPE = """
type Shape =
    | Circle of float
    | Square of float
    member s.Area = match s with Circle r -> 3.14 * r * r | Square a -> a * a
    member s.Describe() = sprintf "area %.1f" s.Area
"""

MEMBERS = [
    case(
        "property",
        POINT + 'let p = { X = 3.0; Y = 4.0 }\nprintfn "%.2f" p.Length\n',
        "5.00\n",
    ),
    case(
        "curried-method",
        POINT + 'let p = { X = 3.0; Y = 4.0 }\nlet q = p.Scale 2.0\nprintfn "%.2f %.2f" q.X q.Y\n',
        "6.00 8.00\n",
    ),
    case(
        "method-result-property",
        POINT + 'let p = { X = 3.0; Y = 4.0 }\nprintfn "%.2f" (p.Scale 3.0).Length\n',
        "15.00\n",
    ),
    case(
        "parenthesised-method",
        POINT
        + """
let a = { X = 1.0; Y = 2.0 }
let b = { X = 10.0; Y = 20.0 }
let c = a.Add(b)
printfn "%.2f %.2f" c.X c.Y
""",
        "11.00 22.00\n",
    ),
    case(
        "tupled-method",
        POINT + 'let m = { X = 1.0; Y = 1.0 }.Move(1.0, 2.0)\nprintfn "%.2f %.2f" m.X m.Y\n',
        "2.00 3.00\n",
    ),
    case(
        "static-value",
        POINT + 'printfn "%.2f" Point.Origin.Length\nprintfn "%.2f" Point.Origin.X\n',
        "0.00\n0.00\n",
    ),
    case(
        "static-method",
        POINT + 'let p = Point.Create(6.0, 8.0)\nprintfn "%.2f" p.Length\n',
        "10.00\n",
    ),
    case(
        "override-tostring-called",
        POINT + 'let p = { X = 3.0; Y = 4.5 }\nprintfn "%s" (p.ToString())\n',
        "(3, 4.5)\n",
    ),
    case(
        "override-tostring-through-string",
        POINT + 'let p = Point.Create(1.0, 2.0)\nprintfn "%s" (string p)\n'
        'printfn "%s" (sprintf "at %s" (string (p.Scale 2.0)))\n',
        "(1, 2)\nat (2, 4)\n",
    ),
    case(
        "union-property",
        SHAPE + 'printfn "%.2f" (Circle 1.0).Area\nprintfn "%.2f" (Square 3.0).Area\n',
        "3.14\n9.00\n",
    ),
    case(
        "union-method-using-property",
        SHAPE + 'let s = Square 2.0\nprintfn "%s" (s.Describe())\n',
        "area 4.0\n",
    ),
    case(
        "member-in-pipeline",
        SHAPE
        + """
let shapes = [ Circle 1.0; Square 2.0; Square 0.5 ]
shapes |> List.map (fun s -> s.Area) |> List.iter (printfn "%.2f")
""",
        "3.14\n4.00\n0.25\n",
    ),
    case(
        "member-in-sum-by",
        SHAPE + "let total = [ Square 1.0; Square 2.0 ] |> List.sumBy (fun s -> s.Area)\n"
        'printfn "%.2f" total\n',
        "5.00\n",
    ),
    case(
        "with-end-form",
        """
        type Counter = { Count: int } with
            member c.Next = { Count = c.Count + 1 }
            member c.Show() = sprintf "count=%d" c.Count
        end
        let c = { Count = 41 }
        printfn "%s" (c.Next.Show())
        """,
        "count=42\n",
    ),
    case(
        "with-form-on-union",
        """
        type Light =
            | Red
            | Green
            with
                member l.Next = match l with Red -> Green | Green -> Red
                member l.Name = match l with Red -> "red" | Green -> "green"
        printfn "%s %s" Red.Next.Name Green.Next.Name
        """,
        "green red\n",
    ),
    case(
        "later-member-used-earlier",
        """
        type Temp = { Celsius: float }
            member t.Describe() = sprintf "%.1fF" t.Fahrenheit
            member t.Fahrenheit = t.Celsius * 9.0 / 5.0 + 32.0
        printfn "%s" ({ Celsius = 100.0 }.Describe())
        """,
        "212.0F\n",
    ),
    case(
        "underscore-self-names",
        """
        type Widget = { Id: int }
            member _.Kind = "widget"
            member __.Version = 3
            member w.Label = sprintf "%s-%d v%d" w.Kind w.Id w.Version
        let w = { Id = 7 }
        printfn "%s" w.Label
        """,
        "widget-7 v3\n",
    ),
    case(
        "recursive-member",
        """
        type Tree =
            | Leaf of int
            | Node of Tree * Tree
            member t.Sum = match t with Leaf n -> n | Node (l, r) -> l.Sum + r.Sum
            member t.Depth : int =
                match t with
                | Leaf _ -> 1
                | Node (l, r) -> 1 + max l.Depth r.Depth
        let t = Node (Leaf 1, Node (Leaf 2, Leaf 3))
        printfn "%d %d" t.Sum t.Depth
        """,
        "6 3\n",
    ),
    case(
        "generic-record-members",
        """
        type Box<'a> = { Value: 'a }
            member b.Get() = b.Value
            member b.Map f = { Value = f b.Value }
        let n = { Value = 20 }
        printfn "%d" ((n.Map (fun x -> x + 1)).Get())
        printfn "%s" ({ Value = "text" }.Get())
        """,
        "21\ntext\n",
    ),
    case(
        "static-uses-static-and-instance",
        """
        type Money = { Cents: int }
            member m.Dollars = float m.Cents / 100.0
            member m.Plus(other: Money) = Money.OfCents (m.Cents + other.Cents)
            static member OfCents c = { Cents = c }
            static member Zero = Money.OfCents 0
        let amounts = [ Money.OfCents 150; Money.OfCents 275 ]
        let total = amounts |> List.fold (fun (acc: Money) m -> acc.Plus m) Money.Zero
        printfn "%.2f" total.Dollars
        """,
        "4.25\n",
    ),
    case(
        "members-in-a-module",
        """
        module Geometry =
            type Vec = { Dx: int; Dy: int }
                member v.Manhattan = abs v.Dx + abs v.Dy
                static member Zero = { Dx = 0; Dy = 0 }
        let v : Geometry.Vec = { Dx = -2; Dy = 3 }
        printfn "%d %d" v.Manhattan Geometry.Vec.Zero.Manhattan
        """,
        "5 0\n",
    ),
    case(
        "member-of-function-parameter",
        """
        type Account = { Owner: string; Balance: int }
            member a.IsOverdrawn = a.Balance < 0
            member a.Deposit amount = { a with Balance = a.Balance + amount }
        let report (a: Account) =
            if a.IsOverdrawn then sprintf "%s owes" a.Owner else sprintf "%s ok" a.Owner
        let acct = { Owner = "ann"; Balance = -5 }
        printfn "%s" (report acct)
        printfn "%s" (report (acct.Deposit 10))
        """,
        "ann owes\nann ok\n",
    ),
    case(
        "member-with-several-curried-params",
        """
        type Range = { Lo: int; Hi: int }
            member r.Clamp lo hi = { Lo = max r.Lo lo; Hi = min r.Hi hi }
            member r.Width = r.Hi - r.Lo
        let r = { Lo = -10; Hi = 50 }
        printfn "%d" (r.Clamp 0 20).Width
        let clampTo = r.Clamp 5
        printfn "%d" (clampTo 8).Width
        """,
        "20\n3\n",
    ),
    case(
        "member-returning-list",
        """
        type Inventory = { Items: (string * int) list }
            member i.Names = i.Items |> List.map fst
            member i.Total = i.Items |> List.sumBy snd
            member i.Add(name, count) = { Items = i.Items @ [ (name, count) ] }
        let inv = { Items = [ ("apple", 3) ] }.Add("pear", 2)
        printfn "%s %d" (String.concat "," inv.Names) inv.Total
        """,
        "apple,pear 5\n",
    ),
    case(
        "member-in-match-guard-and-list-filter",
        SHAPE
        + """
let big = [ Circle 2.0; Square 1.0; Square 3.0 ] |> List.filter (fun s -> s.Area > 5.0)
printfn "%d" (List.length big)
for s in big do
    printfn "%s" (s.Describe())
""",
        "2\narea 12.6\narea 9.0\n",
    ),
    case(
        "return-type-annotation-and-unit-method",
        """
        type Greeter = { Name: string }
            member g.Greet() : string = "hello " + g.Name
            member g.Shout() = printfn "%s!" (g.Greet().ToUpper())
        let g = { Name = "bob" }
        g.Shout()
        """,
        "HELLO BOB!\n",
    ),
    case(
        "option-of-member-value",
        """
        type User = { Name: string; Age: int }
            member u.IsAdult = u.Age >= 18
        let users = [ { Name = "kim"; Age = 12 }; { Name = "lee"; Age = 30 } ]
        match users |> List.tryFind (fun u -> u.IsAdult) with
        | Some u -> printfn "%s" u.Name
        | None -> printfn "none"
        """,
        "lee\n",
    ),
]


MEMBERS += [
    case(
        "one-line-union-with-member",
        """
        type Color = Red | Blue with member c.Code = match c with Red -> "r" | Blue -> "b"
        let x = 1
        printfn "%s %d" Blue.Code x
        """,
        "b 1\n",
    ),
    case(
        "union-override-tostring",
        """
        type Suit =
            | Hearts
            | Spades
            override s.ToString() = match s with Hearts -> "H" | Spades -> "S"
            member s.IsRed = (s = Hearts)
        printfn "%s %b %b" (string Spades) Hearts.IsRed Spades.IsRed
        """,
        "S true false\n",
    ),
    case(
        "tostring-override-through-string-as-a-function",
        POINT + "let p = { X = 1.0; Y = 2.0 }\n"
        'printfn "%s %s" (p |> string) ([p; p] |> List.map string |> String.concat "")\n',
        "(1, 2) (1, 2)(1, 2)\n",
    ),
    case(
        "chained-method-calls",
        """
        type Stack = { Items: int list }
            member s.Push x = { Items = x :: s.Items }
            member s.Peek = List.tryHead s.Items
            member s.Sizes = s.Items |> List.map (fun i -> s.Items.Length + i)
        let st = { Items = [] }.Push(1).Push(2)
        printfn "%A %A" st.Peek st.Sizes
        """,
        "Some 2 [4; 3]\n",
    ),
]


@pytest.mark.parametrize(("text", "expected"), MEMBERS)
def test_type_members(text: str, expected: str) -> None:
    assert output(text) == expected


REFUSED = [
    case(
        "missing-property",
        POINT + "let p = { X = 3.0; Y = 4.0 }\nlet w = p.Width\n",
        "Point has no field or property 'Width'",
    ),
    case(
        "missing-method",
        SHAPE + "let a = (Circle 1.0).Perimeter()\n",
        "Shape has no field or property 'Perimeter'",
    ),
    case(
        "missing-static-member",
        POINT + "let q = Point.Nothing\n",
        "'Point' has no member 'Nothing'",
    ),
    case(
        "wrong-argument-type-parenthesised",
        POINT + "let p = { X = 3.0; Y = 4.0 }\nlet q = p.Add(5)\n",
        "expected Point, got int",
    ),
    case(
        "wrong-argument-type-curried",
        POINT + 'let p = { X = 3.0; Y = 4.0 }\nlet q = p.Scale "two"\n',
        "expected float, got string",
    ),
    case(
        "wrong-result-type",
        SHAPE + "let n : int = (Circle 1.0).Area\n",
        "expected int, got float",
    ),
    case(
        "property-applied",
        SHAPE + "let b = (Circle 1.0).Area()\n",
        "not a function",
    ),
    case(
        "duplicate-member",
        """
        type T = { A: int }
            member t.Get = t.A
            member t.Get = t.A + 1
        """,
        "defines member 'Get' twice",
    ),
]


@pytest.mark.parametrize(("text", "message"), REFUSED)
def test_ill_typed_members_are_refused(text: str, message: str) -> None:
    with pytest.raises(CompileError, match=message.replace("(", r"\(").replace(")", r"\)")):
        fusabi_host.compile_source(src(text), type_check="strict")


def test_untyped_path_still_calls_members() -> None:
    program = POINT + 'let dynamicMarker = [1; "a"]\nlet p = { X = 3.0; Y = 4.0 }\n'
    program += 'printfn "%.2f %s" p.Length ((p.Scale 2.0).ToString())\n'
    assert output(program, type_check="warn") == "5.00 (6, 8)\n"
