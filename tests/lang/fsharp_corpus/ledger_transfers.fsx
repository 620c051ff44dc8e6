type Account = { Number: string; Holder: string; Balance: int }

let accounts =
    Map.ofList
        [ ("A-1", { Number = "A-1"; Holder = "Ivy"; Balance = 500 })
          ("A-2", { Number = "A-2"; Holder = "Jon"; Balance = 40 }) ]

let getAccount (accts: Map<string, Account>) num =
    match Map.tryFind num accts with
    | Some a -> a
    | None -> failwithf "no account %s" num

let transfer accts from dest amount =
    if amount <= 0 then failwith "amount must be positive"
    let src = getAccount accts from
    let dst = getAccount accts dest
    if src.Balance < amount then failwithf "insufficient funds in %s" from
    accts
    |> Map.add from { src with Balance = src.Balance - amount }
    |> Map.add dest { dst with Balance = dst.Balance + amount }

let attempt accts (from, dest, amount) =
    try
        let updated = transfer accts from dest amount
        printfn "moved %d from %s to %s" amount from dest
        updated
    with Failure msg ->
        printfn "failed: %s" msg
        accts

let requests =
    [ ("A-1", "A-2", 200); ("A-2", "A-1", 1000); ("A-1", "B-9", 10); ("A-2", "A-1", 0); ("A-2", "A-1", 240) ]

let final = requests |> List.fold attempt accounts

for KeyValue (_, a) in final do
    printfn "%s %-4s %d" a.Number a.Holder a.Balance

printfn "total %d" (final |> Map.toList |> List.sumBy (fun (_, a) -> a.Balance))
