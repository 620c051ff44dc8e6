let rec range a b = seq {
    if a <= b then
        yield a
        yield! range (a + 1) b
}

let collatz n =
    Seq.unfold (fun x -> if x = 0 then None elif x = 1 then Some (1, 0) elif x % 2 = 0 then Some (x, x / 2) else Some (x, 3 * x + 1)) n

let fibs = Seq.unfold (fun (a, b) -> Some (a, (b, a + b))) (0, 1)

let digits n = List.unfold (fun x -> if x = 0 then None else Some (x % 10, x / 10)) n |> List.rev

let tree = seq {
    for i in 1 .. 3 do
        yield sprintf "dir%d" i
        yield! [ for j in 1 .. i -> sprintf "  file%d.%d" i j ]
}

printfn "%A" (range 3 7 |> Seq.toList)
printfn "%A" (collatz 6 |> List.ofSeq)
printfn "%A" (fibs |> Seq.take 10 |> Seq.toList)
printfn "%A" (fibs |> Seq.skipWhile (fun x -> x < 100) |> Seq.head)
printfn "%A" (digits 90417)
tree |> Seq.iter (printfn "%s")
printfn "%A" ([ 1; 2; 4; 7; 11 ] |> List.pairwise |> List.map (fun (a, b) -> b - a))
printfn "%A" ([ 1 .. 6 ] |> List.windowed 3 |> List.map List.sum)
printfn "%A" ([ 1 .. 7 ] |> List.chunkBySize 3)
printfn "%A" ([ 1 .. 5 ] |> List.scan (+) 0)
printfn "%A" (Seq.initInfinite (fun i -> i * i) |> Seq.filter (fun x -> x % 3 = 1) |> Seq.take 4 |> Seq.toArray)
let evens = seq { for x in 1 .. 10 do if x % 2 = 0 then yield x }
printfn "%d %d" (Seq.length evens) (Seq.sum evens)
printfn "%A" (Seq.zip (seq { 'a' .. 'e' }) (Seq.initInfinite id) |> Seq.map (fun (c, i) -> sprintf "%c%d" c i) |> String.concat "")
