type Account =
    { Id: int
      Owner: string
      Balance: int
      History: string list }

type Txn =
    | Deposit of int
    | Withdraw of int
    | Fee of string * int

let apply acct txn =
    match txn with
    | Deposit amt ->
        { acct with
            Balance = acct.Balance + amt
            History = sprintf "+%d" amt :: acct.History }
    | Withdraw amt when amt > acct.Balance -> { acct with History = sprintf "denied %d" amt :: acct.History }
    | Withdraw amt ->
        { acct with
            Balance = acct.Balance - amt
            History = sprintf "-%d" amt :: acct.History }
    | Fee (label, amt) ->
        { acct with
            Balance = acct.Balance - amt
            History = sprintf "%s(%d)" label amt :: acct.History }

let opening = { Id = 7; Owner = "Ada"; Balance = 100; History = [] }
let txns = [ Deposit 50; Withdraw 500; Withdraw 30; Fee("monthly", 5); Deposit 12 ]
let closing = List.fold apply opening txns

printfn "Account %d (%s)" closing.Id closing.Owner
printfn "Opening: %d" opening.Balance
printfn "Closing: %d" closing.Balance
printfn "History: %s" (closing.History |> List.rev |> String.concat ", ")
let denied = closing.History |> List.filter (fun h -> h.StartsWith "denied") |> List.length
printfn "Denied: %d" denied
printfn "Original untouched: %b" (List.isEmpty opening.History)
