let rows, cols = 5, 5

let blinker =
    let g = Array.init rows (fun _ -> Array.create cols false)
    g.[2].[1] <- true
    g.[2].[2] <- true
    g.[2].[3] <- true
    g

let liveNeighbors (g: bool[][]) r c =
    let mutable n = 0
    for dr in -1 .. 1 do
        for dc in -1 .. 1 do
            let rr, cc = r + dr, c + dc
            if (dr <> 0 || dc <> 0) && rr >= 0 && rr < rows && cc >= 0 && cc < cols && g.[rr].[cc] then
                n <- n + 1
    n

let step (g: bool[][]) =
    Array.init rows (fun r ->
        Array.init cols (fun c ->
            let n = liveNeighbors g r c
            if g.[r].[c] then n = 2 || n = 3 else n = 3))

let show (g: bool[][]) =
    for row in g do
        row
        |> Array.map (fun alive -> if alive then "#" else ".")
        |> String.concat ""
        |> printfn "%s"

let mutable grid = blinker

for gen in 0 .. 2 do
    printfn "gen %d:" gen
    show grid
    grid <- step grid

printfn "alive: %d" (grid |> Array.sumBy (fun row -> row |> Array.filter id |> Array.length))
