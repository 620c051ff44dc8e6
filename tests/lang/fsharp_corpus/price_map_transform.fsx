let prices = Map.ofList [ ("apple", 120); ("bread", 250); ("milk", 99); ("cheese", 540) ]

let discounted =
    prices
    |> Map.map (fun name p -> if name.StartsWith "c" then p / 2 else p - 10)

discounted |> Map.iter (fun k v -> printfn "%-7s %4d" k v)

let total = discounted |> Map.fold (fun acc _ v -> acc + v) 0
printfn "total: %d" total

let cheap =
    discounted
    |> Map.filter (fun _ v -> v < 200)
    |> Map.toList
    |> List.map fst

printfn "cheap: %s" (String.concat ", " cheap)

let labels = prices |> Map.map (fun k v -> sprintf "%s=%d.%02d" k (v / 100) (v % 100))
printfn "%s" (labels |> Map.toList |> List.map snd |> String.concat "; ")

let updated = prices |> Map.add "milk" 105 |> Map.remove "bread"
printfn "%d items, milk=%d, has bread: %b" (Map.count updated) updated.["milk"] (Map.containsKey "bread" updated)
