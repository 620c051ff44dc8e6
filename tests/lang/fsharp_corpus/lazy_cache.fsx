let mutable evaluations = 0
let expensive =
    Seq.initInfinite (fun i ->
        evaluations <- evaluations + 1
        i * 3)

let cached = expensive |> Seq.cache
let a = cached |> Seq.take 5 |> Seq.sum
let b = cached |> Seq.take 5 |> Seq.sum
printfn "sums %d %d evaluations=%d" a b evaluations

evaluations <- 0
let uncached = expensive |> Seq.take 5
let c = Seq.sum uncached + Seq.sum uncached
printfn "sum %d evaluations=%d" c evaluations

let primes =
    let isPrime n = n > 1 && Seq.forall (fun d -> n % d <> 0) (seq { 2 .. int (sqrt (float n)) })
    Seq.initInfinite id |> Seq.filter isPrime |> Seq.cache
printfn "%A" (primes |> Seq.take 10 |> List.ofSeq)
printfn "100th prime: %d" (Seq.item 99 primes)

let config = lazy (printfn "loading config"; Map.ofList [ "mode", "fast" ])
printfn "before force: %b" config.IsValueCreated
printfn "mode=%s" (config.Force().["mode"])
printfn "mode=%s" (config.Value.["mode"])
printfn "after: %b" config.IsValueCreated

let triangular = seq { for n in 1 .. 1000000 do yield n * (n + 1) / 2 }
printfn "%A" (triangular |> Seq.filter (fun t -> t % 7 = 0) |> Seq.take 4 |> List.ofSeq)
printfn "%d" (triangular |> Seq.skip 9 |> Seq.head)
let evensAfter k = Seq.initInfinite (fun i -> k + 2 * i)
printfn "%A" (evensAfter 10 |> Seq.truncate 3 |> Seq.map string |> String.concat "-")
printfn "%b" (Seq.isEmpty (Seq.empty<int>))
printfn "%A" (Seq.exists (fun x -> x > 1000) expensive)
