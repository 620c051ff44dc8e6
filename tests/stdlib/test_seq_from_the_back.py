"""The Seq functions that need the whole sequence (FSharp.Core's foldBack2, mapFoldBack,
reduceBack, scanBack...), and Array.mapFoldBack, against what F# computes."""

from __future__ import annotations

import pytest

from tests.lang.programs import case, output

PROGRAMS = [
    case(
        "fold, map and scan from the back",
        """
        printfn "%d" (Seq.foldBack2 (fun a b s -> s * 10 + a * b) [1; 2; 3] [4; 5; 6] 0)
        Seq.iteri2 (fun i a b -> printfn "%d %s %s" i a b) ["a"; "b"] ["x"; "y"]
        let mapped, total = Seq.mapFold (fun s x -> (x * 2, s + x)) 0 [1; 2; 3]
        printfn "%A %d" (List.ofSeq mapped) total
        let back, acc = Seq.mapFoldBack (fun x s -> (x + s, s + 1)) [10; 20] 0
        printfn "%A %d" (List.ofSeq back) acc
        printfn "%A" (Seq.scanBack (fun x s -> x + s) [1; 2; 3] 0 |> List.ofSeq)
        printfn "%s" (Seq.reduceBack (fun a b -> "(" + a + b + ")") ["a"; "b"; "c"])
        let found = Seq.tryFindIndexBack (fun x -> x > 1) [3; 1; 2; 0]
        printfn "%A %A" found (Seq.tryFindIndexBack (fun x -> x > 9) [1])
        printfn "%A" (Seq.permute (fun i -> (i + 1) % 3) [1; 2; 3] |> List.ofSeq)
        printfn "%A" (Seq.readonly [1; 2] |> List.ofSeq)
        let arr, last = Array.mapFoldBack (fun x s -> (x * s, s + 1)) [| 5; 6 |] 1
        printfn "%A %d" arr last
        """,
        "1904\n0 a x\n1 b y\n[2; 4; 6] 6\n[11; 20] 2\n[6; 5; 3; 0]\n(a(bc))\nSome 2 None\n"
        "[3; 1; 2]\n[1; 2]\n[|10; 6|] 3\n",
    ),
]


@pytest.mark.parametrize(("text", "expected"), PROGRAMS)
def test_from_the_back(text: str, expected: str) -> None:
    assert output(text) == expected
