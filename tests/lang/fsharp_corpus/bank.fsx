// Bank accounts with records and copy-and-update
type Account = { Id: int; Owner: string; Balance: decimal; History: string list }

type Txn =
    | Deposit of int * decimal
    | Withdraw of int * decimal
    | Transfer of int * int * decimal

let openAccount id owner = { Id = id; Owner = owner; Balance = 0M; History = [] }

let applyTxn (accounts: Map<int, Account>) txn =
    let update id f (m: Map<int, Account>) =
        match Map.tryFind id m with
        | Some a -> Ok(Map.add id (f a) m)
        | None -> Error(sprintf "no account %d" id)
    match txn with
    | Deposit(id, amt) ->
        update id (fun a -> { a with Balance = a.Balance + amt; History = sprintf "+%M" amt :: a.History }) accounts
    | Withdraw(id, amt) ->
        match Map.tryFind id accounts with
        | Some a when a.Balance < amt -> Error(sprintf "insufficient funds in %d" id)
        | _ -> update id (fun a -> { a with Balance = a.Balance - amt; History = sprintf "-%M" amt :: a.History }) accounts
    | Transfer(src, dst, amt) ->
        match Map.tryFind src accounts, Map.tryFind dst accounts with
        | Some s, Some _ when s.Balance >= amt ->
            accounts
            |> update src (fun a -> { a with Balance = a.Balance - amt; History = sprintf "->%d %M" dst amt :: a.History })
            |> Result.bind (update dst (fun a -> { a with Balance = a.Balance + amt; History = sprintf "<-%d %M" src amt :: a.History }))
        | Some _, Some _ -> Error "transfer exceeds balance"
        | _ -> Error "transfer between unknown accounts"

let start =
    [ openAccount 1 "alice"; openAccount 2 "bob"; openAccount 3 "carol" ]
    |> List.map (fun a -> a.Id, a)
    |> Map.ofList

let txns =
    [ Deposit(1, 100.50M); Deposit(2, 40M); Withdraw(2, 50M); Transfer(1, 3, 25.25M)
      Transfer(3, 2, 30M); Deposit(9, 1M); Withdraw(1, 0.25M); Transfer(2, 3, 15M) ]

let final =
    txns
    |> List.fold (fun accts t ->
        match applyTxn accts t with
        | Ok next -> next
        | Error e ->
            printfn "rejected: %s" e
            accts) start

for KeyValue(_, a) in final do
    printfn "%-6s %8.2f  %s" a.Owner a.Balance (a.History |> List.rev |> String.concat ", ")

let total = final |> Map.toList |> List.sumBy (fun (_, a) -> a.Balance)
printfn "total: %.2f" total
