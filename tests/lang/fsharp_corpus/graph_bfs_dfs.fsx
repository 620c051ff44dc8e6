let edges =
    [ "A", "B"; "A", "C"; "B", "D"; "C", "D"; "D", "E"; "F", "G" ]

let graph : Map<string, string list> =
    edges
    |> List.collect (fun (a, b) -> [ (a, b); (b, a) ])
    |> List.groupBy fst
    |> List.map (fun (k, pairs) -> k, pairs |> List.map snd |> List.sort)
    |> Map.ofList

let neighbours n = graph |> Map.tryFind n |> Option.defaultValue []

let bfs start =
    let rec loop frontier visited order =
        match frontier with
        | [] -> List.rev order
        | n :: rest ->
            let next = neighbours n |> List.filter (fun m -> not (Set.contains m visited))
            let visited' = List.fold (fun s m -> Set.add m s) visited next
            loop (rest @ next) visited' (n :: order)
    loop [ start ] (Set.singleton start) []

let rec dfs visited n =
    if Set.contains n visited then visited, []
    else
        neighbours n
        |> List.fold (fun (vis, acc) m ->
            let vis', path = dfs vis m
            vis', acc @ path) (Set.add n visited, [ n ])

let components =
    graph
    |> Map.toList
    |> List.map fst
    |> List.fold (fun (seen, comps) n ->
        if Set.contains n seen then seen, comps
        else
            let comp = bfs n
            Set.union seen (Set.ofList comp), comps @ [ comp ]) (Set.empty, [])
    |> snd

printfn "bfs A: %s" (String.concat " " (bfs "A"))
printfn "dfs A: %s" (String.concat " " (snd (dfs Set.empty "A")))
printfn "components: %d" (List.length components)
components |> List.iteri (fun i c -> printfn "  %d: %A" i c)
printfn "degree D = %d" (neighbours "D" |> List.length)
printfn "isolated Z: %b" (List.isEmpty (neighbours "Z"))
