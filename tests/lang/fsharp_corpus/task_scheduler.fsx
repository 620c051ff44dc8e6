type Task = { Name: string; Priority: int; Done: bool }

let tasks =
    [ { Name = "write tests"; Priority = 2; Done = false }
      { Name = "fix bug"; Priority = 1; Done = false }
      { Name = "deploy"; Priority = 3; Done = false }
      { Name = "review PR"; Priority = 1; Done = true }
      { Name = "update docs"; Priority = 2; Done = false } ]

let byPriority =
    tasks |> List.fold (fun m t ->
        m |> Map.change t.Priority (function
            | Some ts -> Some (ts @ [ t.Name ])
            | None -> Some [ t.Name ])) Map.empty

byPriority |> Map.iter (fun p names -> printfn "P%d: %s" p (String.concat "; " names))
let pending = tasks |> List.filter (fun t -> not t.Done) |> List.map (fun t -> t.Name, t) |> Map.ofList
printfn "pending count: %d" (Map.count pending)
let urgent, later = pending |> Map.partition (fun _ t -> t.Priority = 1)
printfn "urgent: %A" (urgent |> Map.keys |> List.ofSeq)
printfn "later: %A" (later |> Map.toList |> List.map fst)
let afterDeploy = pending |> Map.remove "deploy" |> Map.add "celebrate" { Name = "celebrate"; Priority = 5; Done = false }
printfn "%A" (afterDeploy |> Map.values |> Seq.map (fun t -> t.Priority) |> List.ofSeq)
printfn "any P3 left: %b" (afterDeploy |> Map.exists (fun _ t -> t.Priority = 3))
printfn "first P2: %s" (Map.findKey (fun _ t -> t.Priority = 2) afterDeploy)
let completed = tasks |> List.map (fun t -> if t.Priority = 1 then { t with Done = true } else t)
printfn "done: %d/%d" (completed |> List.filter (fun t -> t.Done) |> List.length) completed.Length
let nextUp = completed |> List.filter (fun t -> not t.Done) |> List.sortBy (fun t -> t.Priority, t.Name) |> List.tryHead
nextUp |> Option.iter (fun t -> printfn "next: %s (P%d)" t.Name t.Priority)
printfn "%A" (byPriority |> Map.filter (fun k _ -> k > 1) |> Map.toList)
