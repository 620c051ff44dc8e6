// Conway's Game of Life on a bounded grid using Set of coordinates
let parseGrid (lines: string list) =
    [ for r, line in List.indexed lines do
        for c, ch in Seq.indexed line do
            if ch = '#' then yield (r, c) ]
    |> Set.ofList

let height, width = 8, 10

let neighbours (r, c) =
    [ for dr in -1 .. 1 do
        for dc in -1 .. 1 do
            if (dr, dc) <> (0, 0) then
                let nr, nc = r + dr, c + dc
                if nr >= 0 && nr < height && nc >= 0 && nc < width then yield nr, nc ]

let step (live: Set<(int * int)>) =
    let candidates = live |> Seq.collect neighbours |> Set.ofSeq |> Set.union live
    candidates
    |> Set.filter (fun cell ->
        let n = neighbours cell |> List.filter live.Contains |> List.length
        match live.Contains cell, n with
        | true, (2 | 3) -> true
        | false, 3 -> true
        | _ -> false)

let render (live: Set<int * int>) =
    for r in 0 .. height - 1 do
        let row = Array.init width (fun c -> if live.Contains((r, c)) then '#' else '.')
        printfn "%s" (System.String(row))

let start =
    parseGrid
        [ ".#........"
          "..#......."
          "###......."
          ".........."
          "......###."
          ".........."
          ".........."
          ".........." ]

let generations = Seq.unfold (fun g -> Some(g, step g)) start |> Seq.take 5 |> List.ofSeq
generations
|> List.iteri (fun i g ->
    printfn "gen %d: %d alive" i (Set.count g)
    if i % 2 = 0 then render g)

let final = List.last generations
let bbox =
    let rs = final |> Set.map fst
    let cs = final |> Set.map snd
    (Set.minElement rs, Set.minElement cs), (Set.maxElement rs, Set.maxElement cs)
printfn "bounding box: %A" bbox
