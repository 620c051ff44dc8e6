let text = "the quick brown fox jumps over the lazy dog the fox"

let words = text.Split(' ') |> Array.toList

let counts =
    words
    |> List.fold
        (fun acc w ->
            match Map.tryFind w acc with
            | Some n -> Map.add w (n + 1) acc
            | None -> Map.add w 1 acc)
        Map.empty

counts |> Map.iter (fun w n -> printfn "%-6s %d" w n)
printfn "distinct: %d" (Map.count counts)

let top =
    counts
    |> Map.toList
    |> List.sortByDescending snd
    |> List.take 2

for (w, n) in top do
    printfn "top: %s x%d" w n
