let catalog = Map.ofList [ "a", 10; "b", 20; "c", 30 ]

let fetchPrice key =
    async {
        do! Async.Sleep 1
        match Map.tryFind key catalog with
        | Some p -> return p
        | None -> return failwithf "unknown item %s" key
    }

let safeFetch key =
    async {
        try
            let! p = fetchPrice key
            return Ok p
        with ex -> return Error ex.Message
    }

let results = [ "a"; "x"; "c" ] |> List.map safeFetch |> Async.Parallel |> Async.RunSynchronously
for r in results do
    match r with
    | Ok p -> printfn "price %d" p
    | Error e -> printfn "error: %s" e

let total =
    async {
        let! prices = [ "a"; "b"; "c" ] |> List.map fetchPrice |> Async.Parallel
        return Array.sum prices
    }
    |> Async.RunSynchronously
printfn "total %d" total

let rec countdown n acc =
    async {
        if n = 0 then return List.rev acc
        else return! countdown (n - 1) (n :: acc)
    }
printfn "%A" (countdown 5 [] |> Async.RunSynchronously)

let pipeline =
    async {
        let sum = ref 0
        for k in [ "a"; "b" ] do
            let! p = fetchPrice k
            sum.Value <- sum.Value + p
        try
            return sum.Value * 2
        finally
            printfn "finished"
    }
printfn "pipeline %d" (Async.RunSynchronously pipeline)
