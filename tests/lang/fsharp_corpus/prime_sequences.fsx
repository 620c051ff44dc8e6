let isPrime n =
    if n < 2 then
        false
    else
        let limit = int (sqrt (float n))
        seq { 2 .. limit } |> Seq.forall (fun d -> n % d <> 0)

let primes = Seq.initInfinite id |> Seq.filter isPrime

printfn "%A" (primes |> Seq.take 10 |> Seq.toList)
printfn "100th prime: %d" (primes |> Seq.item 99)
printfn "primes below 50: %d" (primes |> Seq.takeWhile (fun p -> p < 50) |> Seq.length)

let twinPrimes =
    primes
    |> Seq.pairwise
    |> Seq.filter (fun (a, b) -> b - a = 2)
    |> Seq.take 5
    |> Seq.toList

printfn "%A" twinPrimes

let goldbach n =
    primes
    |> Seq.takeWhile (fun p -> p <= n / 2)
    |> Seq.tryFind (fun p -> isPrime (n - p))

for n in [ 28; 100; 98 ] do
    match goldbach n with
    | Some p -> printfn "%d = %d + %d" n p (n - p)
    | None -> printfn "%d: none" n
