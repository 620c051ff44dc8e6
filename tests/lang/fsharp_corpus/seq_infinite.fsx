let naturals = Seq.initInfinite id
let squares = naturals |> Seq.map (fun n -> n * n)
printfn "%A" (squares |> Seq.takeWhile (fun x -> x < 50) |> List.ofSeq)
printfn "%A" (naturals |> Seq.skipWhile (fun n -> n < 95) |> Seq.take 3 |> List.ofSeq)
let fibs = Seq.unfold (fun (a, b) -> Some (a, (b, a + b))) (0, 1)
printfn "%s" (fibs |> Seq.take 12 |> Seq.map string |> String.concat ",")
let firstBig = fibs |> Seq.find (fun f -> f > 1000)
printfn "first fib over 1000: %d" firstBig
printfn "%A" ([ 1 .. 10 ] |> Seq.chunkBySize 4 |> Seq.map Array.sum |> List.ofSeq)
let people = [ "ann", 31; "bob", 25; "ann", 40; "cy", 25 ]
printfn "%A" (people |> Seq.distinctBy fst |> List.ofSeq)
printfn "%A" (Seq.zip [ 1; 2; 3 ] [ "a"; "b"; "c" ] |> List.ofSeq)
printfn "%b" (naturals |> Seq.exists (fun n -> n * n = 144))
let primes =
    naturals |> Seq.filter (fun n -> n > 1 && Seq.forall (fun d -> n % d <> 0) (seq { 2 .. int (sqrt (float n)) }))
printfn "%A" (primes |> Seq.take 10 |> Seq.toList)
printfn "%d" (Seq.item 5 primes)
let evens = seq { for i in 0 .. 2 .. 10 -> i }
printfn "%A" (Seq.toList evens)
printfn "%A" (Seq.concat [ [ 1; 2 ]; [ 3 ]; [] ] |> Seq.toList)
printfn "%d" (Seq.reduce (fun a b -> a * b) [ 1 .. 6 ])
printfn "%A" (Seq.tryLast [ 4; 5 ], Seq.tryHead ([] : int list))
printfn "%A" ([ 5; 3; 9 ] |> Seq.mapi (fun i x -> i * x) |> Seq.toList)
