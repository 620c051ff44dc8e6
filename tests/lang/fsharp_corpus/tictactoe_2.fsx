type Cell = X | O | Empty

let lines =
    [ for r in 0 .. 2 -> [ (r, 0); (r, 1); (r, 2) ] ]
    @ [ for c in 0 .. 2 -> [ (0, c); (1, c); (2, c) ] ]
    @ [ [ (0, 0); (1, 1); (2, 2) ]; [ (0, 2); (1, 1); (2, 0) ] ]

let winner (board: Cell[,]) =
    lines
    |> List.tryPick (fun line ->
        match line |> List.map (fun (r, c) -> board.[r, c]) with
        | [ a; b; c ] when a <> Empty && a = b && b = c -> Some a
        | _ -> None)

let render (board: Cell[,]) =
    for r in 0 .. 2 do
        [ for c in 0 .. 2 ->
            match board.[r, c] with
            | X -> "X"
            | O -> "O"
            | Empty -> "." ]
        |> String.concat " "
        |> printfn "%s"

let play moves =
    let board = Array2D.create 3 3 Empty
    let rec go moves player turn =
        match moves with
        | [] -> printfn "no more moves after %d turns" (turn - 1); None
        | (r, c) :: rest ->
            if board.[r, c] <> Empty then
                printfn "turn %d: square (%d,%d) taken, skipping" turn r c
                go rest player turn
            else
                board.[r, c] <- player
                match winner board with
                | Some w ->
                    printfn "turn %d: %A wins" turn w
                    Some w
                | None ->
                    go rest (if player = X then O else X) (turn + 1)
    let result = go moves X 1
    render board
    result

let games =
    [ "diagonal", [ (0, 0); (0, 1); (1, 1); (0, 2); (2, 2) ]
      "column", [ (0, 0); (0, 1); (1, 0); (1, 1); (2, 2); (2, 1) ]
      "draw", [ (0, 0); (1, 1); (0, 1); (0, 2); (2, 0); (1, 0); (1, 2); (2, 1); (2, 2) ]
      "dup", [ (1, 1); (1, 1); (0, 0); (2, 2); (0, 2); (0, 1); (2, 0) ] ]

let results =
    games
    |> List.map (fun (name, moves) ->
        printfn "== %s ==" name
        name, play moves)

for (name, r) in results do
    printfn "%s: %s" name (match r with Some w -> sprintf "%A" w | None -> "draw")
