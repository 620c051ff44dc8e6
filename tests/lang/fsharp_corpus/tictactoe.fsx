type Cell =
    | X
    | O
    | E

let board = Array2D.create 3 3 E

let lines =
    [ for i in 0 .. 2 do
        yield [ for j in 0 .. 2 -> (i, j) ]
        yield [ for j in 0 .. 2 -> (j, i) ]
      yield [ for i in 0 .. 2 -> (i, i) ]
      yield [ for i in 0 .. 2 -> (i, 2 - i) ] ]

let winner (b: Cell[,]) =
    lines
    |> List.tryPick (fun line ->
        match line |> List.map (fun (r, c) -> b.[r, c]) with
        | [ a; b'; c ] when a <> E && a = b' && b' = c -> Some a
        | _ -> None)

let show (b: Cell[,]) =
    for r in 0 .. 2 do
        [ for c in 0 .. 2 -> match b.[r, c] with X -> "X" | O -> "O" | E -> "." ]
        |> String.concat " "
        |> printfn "%s"

let moves = [ (1, 1); (0, 0); (0, 2); (2, 0); (1, 0); (1, 2); (2, 1); (0, 1) ]

let rec play player moves n =
    match winner board, moves with
    | Some w, _ -> printfn "winner %A after %d moves" w n
    | None, [] -> printfn "draw"
    | None, (r, c) :: rest ->
        if board.[r, c] <> E then failwithf "occupied %d,%d" r c
        board.[r, c] <- player
        play (if player = X then O else X) rest (n + 1)

play X moves 0
show board
let free = [ for r in 0 .. 2 do for c in 0 .. 2 do if board.[r, c] = E then yield (r, c) ]
printfn "free %A" free
printfn "lines %d" (List.length lines)
