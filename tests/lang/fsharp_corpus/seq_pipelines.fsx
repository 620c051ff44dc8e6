let numbers = seq { 1 .. 20 }

let evensSquared =
    numbers
    |> Seq.filter (fun n -> n % 2 = 0)
    |> Seq.map (fun n -> n * n)
    |> Seq.toList

printfn "%A" evensSquared

let firstOver50 = numbers |> Seq.map (fun n -> n * 3) |> Seq.find (fun n -> n > 50)
printfn "first multiple of 3 over 50: %d" firstOver50

let total = numbers |> Seq.sumBy (fun n -> if n % 5 = 0 then n else 0)
printfn "sum of multiples of 5: %d" total

let collatz start =
    Seq.unfold
        (fun n ->
            if n = 1 then
                None
            else
                let next = if n % 2 = 0 then n / 2 else 3 * n + 1
                Some(next, next))
        start

printfn "collatz 6: %s" (collatz 6 |> Seq.map string |> String.concat " ")

let running = numbers |> Seq.take 5 |> Seq.scan (+) 0 |> Seq.toList
printfn "%A" running
printfn "count > 15: %d" (numbers |> Seq.filter (fun n -> n > 15) |> Seq.length)

let words = [ "apple"; "banana"; "cherry"; "date" ]
words |> Seq.mapi (fun i w -> sprintf "%d:%s" i w) |> Seq.iter (printfn "%s")
