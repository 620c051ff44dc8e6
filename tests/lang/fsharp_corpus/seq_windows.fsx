let temps = [ 12; 15; 11; 18; 21; 19; 25; 24; 22; 30 ]

let diffs = temps |> Seq.pairwise |> Seq.map (fun (a, b) -> b - a) |> Seq.toList
printfn "diffs: %A" diffs

let rises = temps |> Seq.pairwise |> Seq.filter (fun (a, b) -> b > a) |> Seq.length
printfn "rises: %d" rises

let avg3 = temps |> Seq.windowed 3 |> Seq.map (fun w -> float (Array.sum w) / 3.0) |> Seq.toList
avg3 |> List.iter (printf "%.1f ")
printfn ""

let top3 = temps |> Seq.sortBy (fun t -> -t) |> Seq.truncate 3 |> Seq.toList
printfn "top3: %A" top3

let groups = temps |> Seq.groupBy (fun t -> t / 10 * 10) |> Seq.map (fun (k, vs) -> k, Seq.length vs) |> Seq.toList
for (k, n) in groups do printfn "%ds: %d" k n

let firstWindow = temps |> Seq.windowed 4 |> Seq.head
printfn "%A" firstWindow
printfn "max window sum: %d" (temps |> Seq.windowed 4 |> Seq.map Array.sum |> Seq.max)
printfn "sum: %d, count: %d" (Seq.sum temps) (Seq.length temps)
Seq.truncate 20 temps |> Seq.skip 8 |> Seq.iter (printfn "%d")
