// Dijkstra on a small weighted directed graph using a Set as a priority queue
let graph : Map<string, (string * int) list> =
    Map.ofList
        [ "S", [ "A", 7; "B", 2; "C", 3 ]
          "A", [ "D", 4 ]
          "B", [ "A", 3; "D", 8; "E", 1 ]
          "C", [ "E", 6 ]
          "D", [ "T", 2 ]
          "E", [ "D", 2; "T", 9 ]
          "T", [] ]

let dijkstra source =
    let rec loop (frontier: Set<int * string>) (dist: Map<string, int>) (prev: Map<string, string>) =
        if Set.isEmpty frontier then dist, prev
        else
            let (d, u) = Set.minElement frontier
            let frontier = Set.remove (d, u) frontier
            let edges = Map.tryFind u graph |> Option.defaultValue []
            let frontier, dist, prev =
                edges
                |> List.fold (fun (f, dm, pm) (v, w) ->
                    let nd = d + w
                    match Map.tryFind v dm with
                    | Some old when old <= nd -> f, dm, pm
                    | Some old -> Set.add (nd, v) (Set.remove (old, v) f), Map.add v nd dm, Map.add v u pm
                    | None -> Set.add (nd, v) f, Map.add v nd dm, Map.add v u pm) (frontier, dist, prev)
            loop frontier dist prev
    loop (Set.singleton (0, source)) (Map.ofList [ source, 0 ]) Map.empty

let dist, prev = dijkstra "S"

let pathTo target =
    let rec go n acc =
        match Map.tryFind n prev with
        | Some p -> go p (n :: acc)
        | None -> n :: acc
    go target []

for KeyValue(node, d) in dist do
    printfn "%s: dist=%2d path=%s" node d (pathTo node |> String.concat "->")

let farthest = dist |> Map.toList |> List.maxBy snd
printfn "farthest: %A" farthest
printfn "reachable: %d of %d" (Map.count dist) (Map.count graph)
