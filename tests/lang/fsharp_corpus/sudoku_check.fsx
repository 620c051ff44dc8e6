let board =
    [| [| 5; 3; 4; 6; 7; 8; 9; 1; 2 |]
       [| 6; 7; 2; 1; 9; 5; 3; 4; 8 |]
       [| 1; 9; 8; 3; 4; 2; 5; 6; 7 |]
       [| 8; 5; 9; 7; 6; 1; 4; 2; 3 |]
       [| 4; 2; 6; 8; 5; 3; 7; 9; 1 |]
       [| 7; 1; 3; 9; 2; 4; 8; 5; 6 |]
       [| 9; 6; 1; 5; 3; 7; 2; 8; 4 |]
       [| 2; 8; 7; 4; 1; 9; 6; 3; 5 |]
       [| 3; 4; 5; 2; 8; 6; 1; 7; 9 |] |]

let isValidGroup (xs: int seq) = (Set.ofSeq xs) = Set.ofList [ 1 .. 9 ]
let row (b: int[][]) r = b.[r] |> Array.toSeq
let col (b: int[][]) c = b |> Seq.map (fun r -> r.[c])
let box (b: int[][]) k =
    let r0, c0 = (k / 3) * 3, (k % 3) * 3
    seq { for r in r0 .. r0 + 2 do for c in c0 .. c0 + 2 do yield b.[r].[c] }

let problems (b: int[][]) =
    [ for i in 0 .. 8 do
        if not (isValidGroup (row b i)) then yield sprintf "row %d" i
        if not (isValidGroup (col b i)) then yield sprintf "col %d" i
        if not (isValidGroup (box b i)) then yield sprintf "box %d" i ]

printfn "valid: %A" (problems board)
let broken = board |> Array.map Array.copy
broken.[4].[4] <- 9
printfn "broken: %A" (problems broken)
printfn "original center %d, broken center %d" board.[4].[4] broken.[4].[4]
let sums = board |> Array.map Array.sum
printfn "%A" (Array.distinct sums)
printfn "%s" (board.[0] |> Array.map string |> String.concat "")
