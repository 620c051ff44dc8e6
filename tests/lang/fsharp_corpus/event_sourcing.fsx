type Event =
    | AccountOpened of id: string * owner: string
    | Deposited of id: string * amount: decimal
    | Withdrawn of id: string * amount: decimal
    | AccountClosed of id: string

type AccountState = { Owner: string; Balance: decimal; Open: bool; Txns: int }

let apply (state: Map<string, AccountState>) event =
    match event with
    | AccountOpened (id, owner) -> state |> Map.add id { Owner = owner; Balance = 0m; Open = true; Txns = 0 }
    | Deposited (id, amt) ->
        state |> Map.change id (Option.map (fun a -> { a with Balance = a.Balance + amt; Txns = a.Txns + 1 }))
    | Withdrawn (id, amt) ->
        state |> Map.change id (Option.map (fun a -> { a with Balance = a.Balance - amt; Txns = a.Txns + 1 }))
    | AccountClosed id -> state |> Map.change id (Option.map (fun a -> { a with Open = false }))

let events =
    [ AccountOpened ("a1", "Kim")
      Deposited ("a1", 100m)
      AccountOpened ("a2", "Lee")
      Deposited ("a2", 20.50m)
      Withdrawn ("a1", 35.25m)
      Deposited ("zz", 1m)
      AccountClosed ("a2")
      Deposited ("a1", 0.75m) ]

let current = events |> List.fold apply Map.empty

for KeyValue (id, acc) in current do
    printfn "%s %-4s %8.2f open=%b txns=%d" id acc.Owner acc.Balance acc.Open acc.Txns

// replay history: balance of a1 after every event
let history =
    events
    |> List.scan apply Map.empty
    |> List.tail
    |> List.map (Map.tryFind "a1" >> Option.map (fun a -> a.Balance) >> Option.defaultValue 0m)
printfn "%A" history

let totalDeposits =
    events |> List.sumBy (function Deposited (_, a) -> a | _ -> 0m)
printfn "deposits: %M" totalDeposits
let idsTouched = events |> List.map (function
                                     | AccountOpened (id, _) | Deposited (id, _) | Withdrawn (id, _) | AccountClosed id -> id)
                        |> List.distinct
printfn "%s" (String.concat "," idsTouched)
