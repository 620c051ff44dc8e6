let fetchPrice symbol =
    async {
        let price =
            match symbol with
            | "AAPL" -> 190.5
            | "MSFT" -> 410.25
            | "GOOG" -> 140.0
            | _ -> failwithf "unknown symbol %s" symbol
        return symbol, price
    }

let fetchAll symbols =
    async {
        let! results = symbols |> List.map fetchPrice |> Async.Parallel
        return results |> Array.sortBy snd
    }

let safeFetch symbol =
    async {
        try
            let! (_, p) = fetchPrice symbol
            return Ok p
        with ex ->
            return Error ex.Message
    }

let portfolio = [ "MSFT", 10; "AAPL", 5; "GOOG", 20 ]

let valuation =
    async {
        let total = ref 0.0
        for (sym, qty) in portfolio do
            let! (_, price) = fetchPrice sym
            total.Value <- total.Value + price * float qty
        return total.Value
    }

let sorted = fetchAll [ "MSFT"; "AAPL"; "GOOG" ] |> Async.RunSynchronously
for (s, p) in sorted do
    printfn "%-5s %8.2f" s p
printfn "portfolio %.2f" (Async.RunSynchronously valuation)
for s in [ "AAPL"; "TSLA" ] do
    match safeFetch s |> Async.RunSynchronously with
    | Ok p -> printfn "%s ok %.1f" s p
    | Error e -> printfn "%s failed: %s" s e

let rec countdown n acc =
    async {
        if n = 0 then return acc
        else return! countdown (n - 1) (acc + n)
    }
printfn "sum %d" (countdown 1000 0 |> Async.RunSynchronously)
let squares = [ 1 .. 5 ] |> List.map (fun x -> async { return x * x }) |> Async.Sequential |> Async.RunSynchronously
printfn "%A" squares
