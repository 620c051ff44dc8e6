// Conway's Game of Life on a small toroidal grid
let width, height = 8, 6

let parse (rows: string list) =
    rows
    |> List.mapi (fun y row -> row |> Seq.mapi (fun x c -> if c = '#' then Some (x, y) else None) |> Seq.choose id |> List.ofSeq)
    |> List.concat
    |> Set.ofList

let wrap v m = ((v % m) + m) % m

let neighbours (x, y) =
    [ for dx in -1 .. 1 do
        for dy in -1 .. 1 do
            if dx <> 0 || dy <> 0 then
                yield (wrap (x + dx) width, wrap (y + dy) height) ]

let step (alive: Set<int * int>) =
    let candidates = alive |> Seq.collect neighbours |> Set.ofSeq |> Set.union alive
    candidates
    |> Set.filter (fun cell ->
        let n = neighbours cell |> List.filter alive.Contains |> List.length
        n = 3 || (n = 2 && alive.Contains cell))

let render (alive: Set<int * int>) =
    for y in 0 .. height - 1 do
        let row = System.String [| for x in 0 .. width - 1 -> if alive.Contains (x, y) then '#' else '.' |]
        printfn "%s" row

let glider =
    parse [ ".#......"
            "..#....."
            "###....."
            "........"
            "........"
            "........" ]

let mutable world = glider
for gen in 0 .. 4 do
    printfn "Generation %d (%d alive)" gen world.Count
    if gen % 4 = 0 then render world
    world <- step world

let blinker = parse [ "........"; "...#...."; "...#...."; "...#...."; "........"; "........" ]
let b1 = step blinker
let b2 = step b1
printfn "blinker period 2: %b, changed after 1: %b" (b2 = blinker) (b1 <> blinker)
printfn "blinker phase 1: %A" (Set.toList b1)
