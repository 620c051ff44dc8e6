[<RequireQualifiedAccess>]
type Status =
    | Active
    | Suspended of reason: string
    | Closed

[<Struct>]
type Money = { Cents: int64; Currency: string }

[<RequireQualifiedAccess>]
module Money =
    let ofDecimal cur (d: decimal) = { Cents = int64 (d * 100m); Currency = cur }
    let format m = sprintf "%d.%02d %s" (m.Cents / 100L) (m.Cents % 100L) m.Currency
    let add a b =
        if a.Currency <> b.Currency then invalidOp "currency mismatch"
        { a with Cents = a.Cents + b.Cents }

let describe s =
    match s with
    | Status.Active -> "active"
    | Status.Suspended reason -> "suspended: " + reason
    | Status.Closed -> "closed"

let accounts = [ "ann", Status.Active; "bob", Status.Suspended "fraud check"; "cy", Status.Closed ]
for (n, s) in accounts do
    printfn "%-4s %s" n (describe s)

let isOpen = function Status.Closed -> false | _ -> true
printfn "open: %d" (accounts |> List.filter (snd >> isOpen) |> List.length)
printfn "%A" (Status.Suspended "x" = Status.Suspended "x")

let total = [ 12.34m; 0.66m; 100m ] |> List.map (Money.ofDecimal "EUR") |> List.reduce Money.add
printfn "%s" (Money.format total)
try Money.add total (Money.ofDecimal "USD" 1m) |> ignore with :? System.InvalidOperationException as e -> printfn "error: %s" e.Message
printfn "%A" (Status.Suspended "late")
printfn "%A" [ Status.Active; Status.Closed ]
