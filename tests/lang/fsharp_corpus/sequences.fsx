let primes =
    let isPrime n = n >= 2 && Seq.forall (fun d -> n % d <> 0) (seq { 2 .. int (sqrt (float n)) })
    Seq.initInfinite id |> Seq.filter isPrime

let fibs = Seq.unfold (fun (a, b) -> Some (a, (b, a + b))) (0L, 1L)

let rec collatz n =
    seq {
        yield n
        if n <> 1 then
            yield! collatz (if n % 2 = 0 then n / 2 else 3 * n + 1)
    }

let rec flatten tree =
    seq {
        match tree with
        | [] -> ()
        | (x: int list) :: rest ->
            yield! x
            yield! flatten rest
    }

printfn "first 10 primes: %A" (primes |> Seq.take 10 |> List.ofSeq)
printfn "primes between 50 and 80: %A" (primes |> Seq.skipWhile (fun p -> p < 50) |> Seq.takeWhile (fun p -> p < 80) |> Seq.toList)
printfn "fib 0..12: %s" (fibs |> Seq.take 13 |> Seq.map string |> String.concat ",")
printfn "fib(80) = %d" (fibs |> Seq.item 80)
printfn "first fib > 1000: %d" (fibs |> Seq.find (fun f -> f > 1000L))
printfn "collatz 27 length: %d, max: %d" (collatz 27 |> Seq.length) (collatz 27 |> Seq.max)
printfn "collatz 6: %A" (collatz 6 |> List.ofSeq)
printfn "flatten: %A" (flatten [ [ 1; 2 ]; []; [ 3 ]; [ 4; 5; 6 ] ] |> Seq.toList)

let pythagorean limit =
    [ for a in 1 .. limit do
        for b in a .. limit do
            for c in b .. limit do
                if a * a + b * b = c * c then yield (a, b, c) ]
printfn "triples up to 15: %A" (pythagorean 15)

let windows = [ 1; 4; 9; 16; 25; 36 ] |> Seq.pairwise |> Seq.map (fun (a, b) -> b - a) |> List.ofSeq
printfn "differences: %A" windows
let chunks = [ 1 .. 10 ] |> List.chunkBySize 3
printfn "chunks: %A" chunks
let grouped = seq { for i in 1 .. 20 do if i % 3 = 0 then yield i * i } |> Seq.sum
printfn "sum of squares of multiples of 3: %d" grouped
let scanned = [ 1 .. 6 ] |> List.scan (*) 1
printfn "running products: %A" scanned
