open System.Collections.Generic

let deps =
    [ "app", [ "core"; "ui"; "net" ]
      "ui", [ "core"; "gfx" ]
      "net", [ "core" ]
      "gfx", []
      "core", []
      "tests", [ "app" ] ]

let topoSort (graph: (string * string list) list) =
    let indegree = Dictionary<string, int>()
    let dependents = Dictionary<string, ResizeArray<string>>()
    for (node, ds) in graph do
        indegree.[node] <- List.length ds
        for d in ds do
            if not (dependents.ContainsKey d) then dependents.[d] <- ResizeArray()
            dependents.[d].Add node
    let queue = Queue<string>()
    for kv in indegree do
        if kv.Value = 0 then queue.Enqueue kv.Key
    let order = ResizeArray<string>()
    while queue.Count > 0 do
        let n = queue.Dequeue()
        order.Add n
        match dependents.TryGetValue n with
        | true, ds ->
            for d in ds do
                indegree.[d] <- indegree.[d] - 1
                if indegree.[d] = 0 then queue.Enqueue d
        | _ -> ()
    if order.Count = indegree.Count then Ok(List.ofSeq order) else Error "cycle detected"

match topoSort deps with
| Ok order -> printfn "build order: %s" (String.concat " -> " order)
| Error e -> printfn "%s" e

match topoSort [ "a", [ "b" ]; "b", [ "a" ]; "c", [] ] with
| Ok order -> printfn "%A" order
| Error e -> printfn "error: %s" e

let levels =
    let memo = Dictionary<string, int>()
    let rec level n =
        match memo.TryGetValue n with
        | true, l -> l
        | _ ->
            let ds = deps |> List.find (fst >> (=) n) |> snd
            let l = if ds.IsEmpty then 0 else 1 + (ds |> List.map level |> List.max)
            memo.[n] <- l
            l
    deps |> List.map (fun (n, _) -> n, level n) |> List.sortBy (fun (n, l) -> l, n)
for (n, l) in levels do
    printfn "%d %s%s" l (String.replicate l "  ") n
