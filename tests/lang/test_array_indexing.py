"""Array indexing as typed code compiles it (a direct subscript when in bounds): nested
indexings keep their own temporaries, ``a.[i] <- v`` evaluates the target, the index and the
value in that order, and an index out of bounds -- negative ones included, which Python would
take from the end -- raises ``IndexOutOfRangeException`` where F# does.  The programs are
``text`` parameters, so the .fzb differential check of tests/fzb runs each from bytecode too.
"""

from __future__ import annotations

import pytest

from tests.lang.programs import case, output

PROGRAMS = [
    case(
        "nested-indexings",
        """
        let a = [| 10; 20; 30 |]
        let b = [| 2; 0; 1 |]
        let m = [| [| 1; 2 |]; [| 3; 4 |] |]
        m.[1].[0] <- m.[0].[1] + 5
        printfn "%d %d %A" a.[b.[0]] a.[b.[a.[0] / 10]] m
        """,
        "30 10 [|[|1; 2|]; [|7; 4|]|]\n",
    ),
    case(
        "out-of-bounds-reads-and-writes-raise",
        """
        let a = [| 1; 2; 3 |]
        let attempt name f =
            try f () |> ignore; printfn "%s ok" name
            with :? System.IndexOutOfRangeException -> printfn "%s out of bounds" name
        attempt "read -1" (fun () -> a.[-1])
        attempt "read 3" (fun () -> a.[3])
        attempt "write -1" (fun () -> a.[-1] <- 0)
        attempt "write 3" (fun () -> a.[3] <- 0)
        attempt "read 2" (fun () -> a.[2])
        printfn "%A" a
        """,
        "read -1 out of bounds\nread 3 out of bounds\nwrite -1 out of bounds\n"
        "write 3 out of bounds\nread 2 ok\n[|1; 2; 3|]\n",
    ),
    case(
        "evaluation-order",
        """
        let mutable order = ""
        let note tag x = order <- order + tag; x
        let a = [| 0; 0; 0 |]
        (note "t" a).[note "i" 1] <- note "v" 7
        let mutable xs = [| 5; 6 |]
        let swap () = xs <- [| 8; 9 |]; 1
        let before = xs.[swap ()]
        printfn "%A %d %s" a before order
        """,
        "[|0; 7; 0|] 6 tiv\n",
    ),
    case(
        "a-loop-index-past-the-end-raises-where-fsharp-does",
        # (an index from `0 ..` is never negative: only the end is checked, and a store
        # finds it by the store itself)
        """
        let a = Array.create 3 0
        let attempt name f =
            try f () |> ignore; printfn "%s ok" name
            with :? System.IndexOutOfRangeException -> printfn "%s out of bounds" name
        attempt "write" (fun () -> for i in 0 .. 5 do a.[i] <- i + 1)
        attempt "read" (fun () -> for i in 0 .. 5 do printf "%d;" a.[i])
        attempt "down" (fun () -> for i in 2 .. -1 .. -1 do a.[i] <- 9)
        printfn "%A" a
        """,
        "write out of bounds\n1;2;3;read out of bounds\ndown out of bounds\n[|9; 9; 9|]\n",
    ),
    case(
        "a-mutable-index-past-either-end-raises",
        # (a store at an index of unknown sign tests the sign, then lets the store find the
        # end; a condition reading a loop index runs unchecked first, then checked)
        """
        let a = Array.create 3 false
        let attempt name f =
            try f () |> ignore; printfn "%s ok" name
            with :? System.IndexOutOfRangeException -> printfn "%s out of bounds" name
        let walk start step =
            let mutable i = start
            while true do
                a.[i] <- true
                i <- i + step
        attempt "up" (fun () -> walk 0 1)
        attempt "down" (fun () -> walk 2 -1)
        attempt "if" (fun () -> for i in 0 .. 3 do if not a.[i] then printf "hole;")
        printfn "%A" a
        """,
        "up out of bounds\ndown out of bounds\nif out of bounds\n[|true; true; true|]\n",
    ),
    case(
        "an-assignment-voids-what-a-branch-said-of-an-index",
        """
        let a = [| 1; 2; 3 |]
        let mutable i = 1
        let r =
            try
                if i >= 0 then
                    i <- -1
                    a.[i]
                else 0
            with :? System.IndexOutOfRangeException -> 99
        printfn "%d" r
        """,
        "99\n",
    ),
]


@pytest.mark.parametrize(("text", "expected"), PROGRAMS)
def test_array_indexing(text: str, expected: str) -> None:
    assert output(text) == expected
