let fetchPrice (symbol: string) =
    async {
        let price = float (symbol.Length * 10) + 0.5
        return symbol, price
    }

let compute =
    async {
        let! a = fetchPrice "AAPL"
        let! b = fetchPrice "MSFT"
        let total = snd a + snd b
        return total
    }

printfn "total: %.1f" (Async.RunSynchronously compute)

let results =
    [ "GOOG"; "IBM"; "ORCL"; "T" ]
    |> List.map fetchPrice
    |> Async.Parallel
    |> Async.RunSynchronously

for (sym, p) in results do
    printfn "%-5s %6.2f" sym p

let sumAsync xs =
    async {
        let acc = ref 0
        for x in xs do
            acc.Value <- acc.Value + x
        return acc.Value
    }
printfn "sum: %d" (sumAsync [ 1 .. 100 ] |> Async.RunSynchronously)

let safeDiv a b =
    async {
        try
            if b = 0 then failwith "div by zero"
            return a / b
        with _ -> return -1
    }
printfn "%d %d" (Async.RunSynchronously (safeDiv 10 2)) (Async.RunSynchronously (safeDiv 1 0))
let chained =
    async {
        let! x = async { return 20 }
        return x + 1
    }
printfn "%d" (chained |> Async.RunSynchronously)
let doWork = async { do printfn "working" }
Async.RunSynchronously doWork
printfn "lengths: %A" (results |> Array.map (fun (s, _) -> s.Length))
