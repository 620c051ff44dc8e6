let graph =
    Map.ofList
        [ "home", [ "park", 4; "shop", 2 ]
          "shop", [ "park", 1; "office", 7 ]
          "park", [ "office", 3; "gym", 6 ]
          "office", [ "gym", 1 ]
          "gym", [] ]

let dijkstra source =
    let rec loop (dist: Map<string, int>) (prev: Map<string, string>) (unvisited: Set<string>) =
        let candidates =
            unvisited |> Set.toList |> List.choose (fun n -> Map.tryFind n dist |> Option.map (fun d -> d, n))
        match candidates with
        | [] -> dist, prev
        | _ ->
            let (d, u) = List.min candidates
            let dist', prev' =
                graph.[u]
                |> List.fold (fun (dm: Map<string, int>, pm) (v, w) ->
                    let alt = d + w
                    match Map.tryFind v dm with
                    | Some existing when existing <= alt -> dm, pm
                    | _ -> Map.add v alt dm, Map.add v u pm) (dist, prev)
            loop dist' prev' (Set.remove u unvisited)
    let nodes = graph |> Map.toSeq |> Seq.map fst |> Set.ofSeq
    loop (Map.ofList [ source, 0 ]) Map.empty nodes

let dist, prev = dijkstra "home"

let rec path target =
    match Map.tryFind target prev with
    | Some p -> path p @ [ target ]
    | None -> [ target ]

for KeyValue (node, d) in dist do
    printfn "%-7s %2d  %s" node d (path node |> String.concat " -> ")
