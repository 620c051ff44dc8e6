let rec fibs a b =
    seq {
        yield a
        yield! fibs b (a + b)
    }

printfn "%A" (fibs 0 1 |> Seq.take 10 |> Seq.toList)

let evenFibSum =
    fibs 1 2
    |> Seq.takeWhile (fun n -> n < 4000000)
    |> Seq.filter (fun n -> n % 2 = 0)
    |> Seq.sum

printfn "even fib sum: %d" evenFibSum

let triangle n =
    seq {
        for row in 1 .. n do
            for col in 1 .. row do
                yield row * col
    }

printfn "%d" (triangle 4 |> Seq.length)
printfn "%d" (triangle 4 |> Seq.sum)

let labelled =
    seq {
        for i in 1 .. 3 do
            if i % 2 = 1 then
                yield sprintf "odd %d" i
            else
                yield sprintf "even %d" i
        yield "done"
    }

labelled |> Seq.iter (printfn "%s")
