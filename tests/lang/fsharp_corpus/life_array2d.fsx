let rows, cols = 5, 5

let init =
    array2D [ [ 0; 0; 0; 0; 0 ]
              [ 0; 0; 1; 0; 0 ]
              [ 0; 0; 1; 0; 0 ]
              [ 0; 0; 1; 0; 0 ]
              [ 0; 0; 0; 0; 0 ] ]

let neighbours (g: int[,]) r c =
    let mutable n = 0
    for dr in -1 .. 1 do
        for dc in -1 .. 1 do
            if not (dr = 0 && dc = 0) then
                let rr, cc = r + dr, c + dc
                if rr >= 0 && rr < rows && cc >= 0 && cc < cols then
                    n <- n + g.[rr, cc]
    n

let step (g: int[,]) =
    Array2D.init rows cols (fun r c ->
        match g.[r, c], neighbours g r c with
        | 1, (2 | 3) -> 1
        | 0, 3 -> 1
        | _ -> 0)

let render (g: int[,]) =
    for r in 0 .. Array2D.length1 g - 1 do
        let line = String.init (Array2D.length2 g) (fun c -> if g.[r, c] = 1 then "#" else ".")
        printfn "%s" line

let population (g: int[,]) =
    let mutable total = 0
    g |> Array2D.iter (fun v -> total <- total + v)
    total

let mutable g = init
for gen in 0 .. 2 do
    printfn "gen %d (pop %d)" gen (population g)
    render g
    g <- step g
