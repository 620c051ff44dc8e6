let edges = [ ("A", "B"); ("A", "C"); ("B", "D"); ("C", "D"); ("D", "E"); ("F", "G") ]

let graph =
    edges
    |> List.collect (fun (a, b) -> [ (a, b); (b, a) ])
    |> List.groupBy fst
    |> List.map (fun (k, pairs) -> k, pairs |> List.map snd |> List.sort)
    |> Map.ofList

let neighbors node = defaultArg (Map.tryFind node graph) []

let bfs start =
    let rec go queue visited order =
        match queue with
        | [] -> List.rev order
        | n :: rest when Set.contains n visited -> go rest visited order
        | n :: rest -> go (rest @ neighbors n) (Set.add n visited) (n :: order)
    go [ start ] Set.empty []

let rec dfs visited node =
    if Set.contains node visited then
        visited
    else
        neighbors node |> List.fold dfs (Set.add node visited)

printfn "neighbors of D: %s" (String.concat "," (neighbors "D"))
printfn "bfs from A: %s" (String.concat " " (bfs "A"))
printfn "bfs from E: %s" (String.concat " " (bfs "E"))
printfn "reachable from A: %d" (Set.count (dfs Set.empty "A"))

let components =
    graph
    |> Map.toList
    |> List.map fst
    |> List.fold
        (fun (seen, comps) n ->
            if Set.contains n seen then
                (seen, comps)
            else
                let comp = dfs Set.empty n
                (Set.union seen comp, comp :: comps))
        (Set.empty, [])
    |> snd
    |> List.rev

for c in components do
    printfn "component: %s" (c |> Set.toList |> String.concat "")
