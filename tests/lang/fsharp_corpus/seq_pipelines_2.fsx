// Lazy sequences: unfold, windowed, pairwise, scan, chunkBySize
let fibs = Seq.unfold (fun (a, b) -> Some(a, (b, a + b))) (0, 1)
printfn "fibs: %s" (fibs |> Seq.take 12 |> Seq.map string |> String.concat " ")
printfn "first fib > 1000: %d" (fibs |> Seq.find (fun x -> x > 1000))

let primes =
    let isPrime n = n >= 2 && Seq.forall (fun d -> n % d <> 0) (seq { 2 .. int (sqrt (float n)) })
    Seq.initInfinite id |> Seq.filter isPrime

printfn "primes: %A" (primes |> Seq.take 10 |> List.ofSeq)
let twin = primes |> Seq.pairwise |> Seq.filter (fun (a, b) -> b - a = 2) |> Seq.take 5 |> List.ofSeq
printfn "twin primes: %A" twin

let readings = [ 3; 5; 4; 8; 12; 11; 9; 15; 14; 20 ]
let movingAvg =
    readings |> Seq.windowed 3 |> Seq.map (fun w -> float (Array.sum w) / 3.0) |> Seq.map (sprintf "%.2f") |> String.concat " "
printfn "moving avg: %s" movingAvg
let running = readings |> List.scan (+) 0 |> List.tail
printfn "running: %A" running
let deltas = readings |> List.pairwise |> List.map (fun (a, b) -> b - a)
printfn "deltas: %A" deltas
let rises = deltas |> List.filter (fun d -> d > 0) |> List.length
printfn "rises=%d falls=%d" rises (deltas.Length - rises)
printfn "chunks: %A" (readings |> List.chunkBySize 4)

let collatzSeq n =
    seq {
        let x = ref n
        yield x.Value
        while x.Value <> 1 do
            x.Value <- if x.Value % 2 = 0 then x.Value / 2 else 3 * x.Value + 1
            yield x.Value
    }
printfn "collatz 6: %s" (collatzSeq 6 |> Seq.map string |> String.concat "," )

let triangles = seq { for n in 1 .. 100 do yield n * (n + 1) / 2 } |> Seq.takeWhile (fun t -> t < 60) |> Seq.toList
printfn "triangles: %A" triangles
let squaresEven = [ for x in 1 .. 10 do if x % 2 = 0 then yield x * x ]
printfn "even squares: %A" squaresEven
let pairs = [ for a in 1 .. 3 do for b in a .. 3 -> (a, b) ]
printfn "pairs: %A" pairs
let grouped = [ 1 .. 20 ] |> Seq.groupBy (fun x -> x % 3) |> Seq.map (fun (k, xs) -> k, Seq.sum xs) |> Seq.toList
printfn "mod3 sums: %A" grouped
let total, count = readings |> List.fold (fun (s, c) x -> s + x, c + 1) (0, 0)
printfn "total=%d count=%d mean=%.1f" total count (float total / float count)
printfn "distinct sorted desc: %A" ([ 5; 3; 5; 1; 3; 9 ] |> List.distinct |> List.sortDescending)
printfn "exists>14=%b forall>0=%b" (List.exists (fun x -> x > 14) readings) (List.forall (fun x -> x > 0) readings)
