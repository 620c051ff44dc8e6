type Entry = { Id: string; Amount: decimal; Memo: string }

let ledger =
    [ { Id = "T1"; Amount = 120.50m; Memo = "rent share" }
      { Id = "T2"; Amount = -45.25m; Memo = "groceries" }
      { Id = "T3"; Amount = 300.00m; Memo = "salary" }
      { Id = "T4"; Amount = -12.10m; Memo = "coffee" } ]

let statement =
    [ { Id = "T1"; Amount = 120.50m; Memo = "" }
      { Id = "T2"; Amount = -45.52m; Memo = "" }
      { Id = "T3"; Amount = 300.00m; Memo = "" }
      { Id = "T5"; Amount = -7.99m; Memo = "" } ]

let toMap entries = entries |> List.map (fun e -> e.Id, e.Amount) |> Map.ofList
let lm, sm = toMap ledger, toMap statement

let allIds = Set.union (lm |> Map.keys |> Set.ofSeq) (sm |> Map.keys |> Set.ofSeq)

for id in allIds do
    match Map.tryFind id lm, Map.tryFind id sm with
    | Some a, Some b when a = b -> printfn "%s ok      %10M" id a
    | Some a, Some b -> printfn "%s MISMATCH ledger=%M bank=%M diff=%M" id a b (a - b)
    | Some a, None -> printfn "%s only in ledger: %M" id a
    | None, Some b -> printfn "%s only in bank: %M" id b
    | None, None -> ()

let sumOf m = m |> Map.fold (fun acc _ v -> acc + v) 0m
printfn "ledger balance: %M" (sumOf lm)
printfn "bank balance:   %M" (sumOf sm)
printfn "difference:     %M" (sumOf lm - sumOf sm)
printfn "rounded avg: %.2f" (Seq.average (Map.values lm))
