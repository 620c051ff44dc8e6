exception InsufficientFunds of needed: decimal * available: decimal
exception AccountLocked of string
exception ValidationFailed of string list

type Account = { Id: string; mutable Balance: decimal; Locked: bool }

let withdraw (acct: Account) amount =
    if acct.Locked then raise (AccountLocked acct.Id)
    if amount <= 0m then raise (ValidationFailed [ "amount must be positive"; sprintf "got %M" amount ])
    if amount > acct.Balance then raise (InsufficientFunds(amount, acct.Balance))
    acct.Balance <- acct.Balance - amount
    acct.Balance

let accounts =
    [ { Id = "A"; Balance = 100m; Locked = false }
      { Id = "B"; Balance = 20m; Locked = false }
      { Id = "C"; Balance = 500m; Locked = true } ]

let attempts = [ "A", 30m; "B", 50m; "C", 10m; "A", -5m; "A", 70m; "Z", 1m ]

let log = ResizeArray<string>()
for (id, amt) in attempts do
    try
        try
            let acct = accounts |> List.find (fun a -> a.Id = id)
            let left = withdraw acct amt
            log.Add(sprintf "%s: ok, left %M" id left)
        with
        | InsufficientFunds(needed, available) ->
            log.Add(sprintf "%s: short by %M" id (needed - available))
        | AccountLocked who -> log.Add(sprintf "%s: locked (%s)" id who)
        | ValidationFailed errs -> log.Add(sprintf "%s: invalid: %s" id (String.concat ", " errs))
        | :? System.Collections.Generic.KeyNotFoundException -> log.Add(sprintf "%s: no such account" id)
    finally
        log.Add "--"

log |> Seq.filter ((<>) "--") |> Seq.iter (printfn "%s")
printfn "entries: %d" log.Count

let safeDiv a b =
    try Ok(a / b) with
    | :? System.DivideByZeroException as e -> Error e.Message
printfn "%A" (safeDiv 10 2)
printfn "%b" (match safeDiv 1 0 with Error _ -> true | Ok _ -> false)
let r = try failwithf "bad value %d" 42 with Failure msg -> msg
printfn "%s" r
try invalidArg "count" "must be even" with :? System.ArgumentException as e -> printfn "arg error caught: %b" (e.Message.StartsWith "must be even")
