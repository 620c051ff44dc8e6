type Account = { Id: int; Owner: string; Balance: decimal; History: string list }

type Txn =
    | Deposit of decimal
    | Withdraw of decimal
    | Fee of string * decimal

let apply acct txn =
    match txn with
    | Deposit amt -> Ok { acct with Balance = acct.Balance + amt; History = sprintf "+%M" amt :: acct.History }
    | Withdraw amt when amt > acct.Balance -> Error (sprintf "insufficient funds for %M (balance %M)" amt acct.Balance)
    | Withdraw amt -> Ok { acct with Balance = acct.Balance - amt; History = sprintf "-%M" amt :: acct.History }
    | Fee (name, amt) -> Ok { acct with Balance = acct.Balance - amt; History = sprintf "%s:%M" name amt :: acct.History }

let start = { Id = 1; Owner = "Ada"; Balance = 100.00m; History = [] }
let txns = [ Deposit 19.99m; Withdraw 50.50m; Fee ("monthly", 2.25m); Withdraw 500m; Deposit 0.01m ]

let final =
    txns
    |> List.fold (fun acct t ->
        match apply acct t with
        | Ok a -> a
        | Error e ->
            printfn "rejected: %s" e
            acct) start

printfn "owner=%s balance=%M" final.Owner final.Balance
printfn "history: %s" (final.History |> List.rev |> String.concat ", ")
let interest = final.Balance * 0.05m
printfn "interest: %M" interest
printfn "as float: %.2f" (float final.Balance)
printfn "string: %s" (string final.Balance)
