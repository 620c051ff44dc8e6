let transactions =
    [ ("rent", -1200); ("salary", 3000); ("food", -350); ("gift", 100); ("food", -220); ("fuel", -90) ]

let balance = transactions |> List.fold (fun acc (_, amt) -> acc + amt) 0
printfn "balance: %d" balance

let income, spent =
    transactions
    |> List.fold (fun (inc, out) (_, amt) -> if amt > 0 then (inc + amt, out) else (inc, out - amt)) (0, 0)

printfn "income %d, expenses %d" income spent

let byCategory =
    transactions
    |> List.fold
        (fun m (cat, amt) ->
            let prev = defaultArg (Map.tryFind cat m) 0
            Map.add cat (prev + amt) m)
        Map.empty

byCategory |> Map.iter (fun k v -> printfn "%-7s %6d" k v)

let largestExpense =
    transactions
    |> List.filter (fun (_, a) -> a < 0)
    |> List.minBy snd

printfn "largest expense: %s" (fst largestExpense)

let runningBalances =
    transactions
    |> List.scan (fun acc (_, a) -> acc + a) 0
    |> List.tail

printfn "%A" runningBalances
