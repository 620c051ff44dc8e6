// N-Queens via backtracking
let solve n =
    let rec place row (queens: (int * int) list) =
        if row = n then [ List.rev queens ]
        else
            [ for col in 0 .. n - 1 do
                let safe =
                    queens
                    |> List.forall (fun (r, c) -> c <> col && abs (r - row) <> abs (c - col))
                if safe then
                    yield! place (row + 1) ((row, col) :: queens) ]
    place 0 []

let render n (sol: (int * int) list) =
    for (_, c) in sol do
        let row = Array.init n (fun i -> if i = c then 'Q' else '.')
        printfn "%s" (System.String(row))

for n in 1 .. 8 do
    let sols = solve n
    printfn "n=%d solutions=%d" n sols.Length

let first6 = solve 6 |> List.head
printfn "first 6x6 solution: %A" (first6 |> List.map snd)
render 6 first6

let sols5 = solve 5
let symmetric =
    sols5
    |> List.filter (fun s ->
        let cols = s |> List.map snd
        cols = (cols |> List.map (fun c -> 4 - c) |> List.rev))
printfn "5x5 point-symmetric: %d" symmetric.Length
