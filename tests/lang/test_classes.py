"""F# classes with a primary constructor (lang/classes.py): ``let``/``do`` run when the object
is built, members see the fields and ``let`` functions, ``member val`` auto-properties, static
members and the constructor called as ``Name(args)`` or ``new Name(args)``."""

from __future__ import annotations

import pytest

import fusabi_host
from fusabi_host.errors import CompileError
from tests.lang.programs import case, output

PROGRAMS = [
    case(
        "an account",
        """
        type Account(owner: string, start: decimal) =
            let mutable balance = start
            let mutable history = []
            let log msg = printfn "%s: %s" owner msg
            do log "opened"
            member _.Owner = owner
            member _.Balance = balance
            member this.Deposit amount =
                balance <- balance + amount
                history <- amount :: history
                log (sprintf "deposit %M" amount)
            member this.Withdraw (amount: decimal) =
                if amount > balance then failwith "insufficient funds"
                balance <- balance - amount
            member val Notes = "" with get, set
            member this.Count = List.length history
            static member Open name = Account(name, 0m)
            override this.ToString() = sprintf "%s %M" owner balance

        let acc = Account("bob", 10m)
        acc.Deposit 5m
        acc.Withdraw 3m
        printfn "%s %M %d" acc.Owner acc.Balance acc.Count
        acc.Notes <- "vip"
        printfn "%s" acc.Notes
        let other = Account.Open "amy"
        printfn "%M %s" other.Balance (string acc)
        try acc.Withdraw 100m with Failure m -> printfn "%s" m
        """,
        "bob: opened\nbob: deposit 5\nbob 12 1\nvip\namy: opened\n0 bob 12\ninsufficient funds\n",
    ),
    case(
        "a counter without constructor arguments, built with new",
        """
        type Counter() =
            let mutable count = 0
            member _.Increment() = count <- count + 1
            member this.IncrementBy n =
                for _ in 1 .. n do this.Increment()
            member _.Value = count
        let c = new Counter()
        c.Increment()
        c.IncrementBy 3
        let d = Counter()
        printfn "%d %d" c.Value d.Value
        """,
        "4 0\n",
    ),
    case(
        "names hidden by parameters and locals stay local",
        """
        type Shape(width: float, height: float) =
            let area = width * height
            member _.Area = area
            member _.Scaled (width: float) = width * height
            member _.Describe () =
                let area = 1.0
                sprintf "%.1f %.1f" area (List.sum [ for height in [1.0; 2.0] -> height ])
        let s = Shape(2.0, 3.0)
        printfn "%.1f %.1f %s" s.Area (s.Scaled 10.0) (s.Describe ())
        """,
        "6.0 30.0 1.0 3.0\n",
    ),
    case(
        "objects in collections and functions",
        """
        type Item(name: string, price: decimal, qty: int) =
            member _.Name = name
            member _.Total = price * decimal qty
        let items = [ Item("pen", 1.50m, 4); Item("pad", 3.25m, 2) ]
        let total (xs: Item list) = xs |> List.sumBy (fun i -> i.Total)
        printfn "%M" (total items)
        items |> List.iter (fun i -> printfn "%-4s %6.2f" i.Name i.Total)
        """,
        "12.50\npen    6.00\npad    6.50\n",
    ),
    case(
        "static let values are shared by the instances",
        """
        type Ticket(owner: string) =
            static let mutable issued = 0
            static let prefix = "T"
            do issued <- issued + 1
            let number = issued
            member _.Id = sprintf "%s%03d-%s" prefix number owner
            static member Issued = issued
        let prefix = "not the class's"
        let a = Ticket("ann")
        let b = Ticket("bob")
        printfn "%s %s %d %s" a.Id b.Id Ticket.Issued prefix
        """,
        "T001-ann T002-bob 2 not the class's\n",
    ),
    case(
        "a stack with a ResizeArray inside",
        """
        type Stack<'T>() =
            let items = ResizeArray<'T>()
            member _.Push (x: 'T) = items.Add x
            member _.Pop () =
                let top = items.[items.Count - 1]
                items.RemoveAt(items.Count - 1)
                top
            member _.Count = items.Count
        let s = Stack<int>()
        s.Push 1
        s.Push 2
        printfn "%d %d" (s.Pop ()) s.Count
        """,
        "2 1\n",
    ),
]


@pytest.mark.parametrize(("text", "expected"), PROGRAMS)
def test_class_program(text: str, expected: str) -> None:
    assert output(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param(
            "type A() =\n    inherit System.Object()\n    member _.X = 1\n",
            "'inherit'",
            id="inherit",
        ),
        pytest.param(
            "type A() =\n    interface System.IComparable with\n        member _.CompareTo o = 0\n",
            "is not an interface declared in this script",
            id="dotnet-interface",
        ),
        pytest.param(
            "type A(x: int) =\n    new() = A(0)\n    member _.X = x\n", "secondary", id="new"
        ),
        pytest.param(
            "type A(x: int) =\n    let x = 2\n    member _.X = x\n", "defines 'x' twice", id="twice"
        ),
        pytest.param(
            'type A(x: int) =\n    member _.X = x\nlet a = A("no")\n', "expected int", id="typed"
        ),
    ],
)
def test_unsupported_or_wrong_classes_are_compile_errors(text: str, message: str) -> None:
    with pytest.raises(CompileError, match=message):
        fusabi_host.compile_source(text, "c.fsx", type_check="strict")
