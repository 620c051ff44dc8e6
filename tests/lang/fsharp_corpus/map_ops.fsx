let votes = [ "red"; "blue"; "red"; "green"; "blue"; "red"; "yellow" ]

let tally =
    votes
    |> List.fold (fun m v ->
        m |> Map.change v (function
            | Some n -> Some(n + 1)
            | None -> Some 1)) Map.empty

tally |> Map.iter (fun k v -> printfn "%-7s %d" k v)

let withoutYellow = tally |> Map.remove "yellow"
let total = Map.fold (fun acc _ v -> acc + v) 0 withoutYellow
printfn "total without yellow: %d" total
printfn "has green: %b, has pink: %b" (Map.containsKey "green" tally) (Map.containsKey "pink" tally)
printfn "pink: %d" (tally |> Map.tryFind "pink" |> Option.defaultValue 0)

let winner = tally |> Map.toList |> List.maxBy snd
printfn "winner: %A" winner

let doubled = tally |> Map.map (fun _ v -> v * 2)
printfn "%A" (Map.toList doubled)
let (big, small) = tally |> Map.partition (fun _ v -> v >= 2)
printfn "big=%A small=%A" (Map.keys big |> List.ofSeq) (Map.keys small |> List.ofSeq)
printfn "%A" (tally |> Map.filter (fun k _ -> k.Length > 3) |> Map.count)
printfn "%A" (tally |> Map.tryFindKey (fun _ v -> v = 2))
printfn "%A" (tally |> Map.findKey (fun k _ -> k.StartsWith "g"))
let merged = Map.fold (fun acc k v -> Map.add k v acc) tally (Map.ofList [ "red", 0; "pink", 9 ])
printfn "%A" (merged |> Map.toList)
printfn "%b" (tally |> Map.exists (fun _ v -> v > 2))
printfn "%b" (tally |> Map.forall (fun _ v -> v > 0))
