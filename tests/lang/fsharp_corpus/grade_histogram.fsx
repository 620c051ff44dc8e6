let scores = [ 88; 92; 79; 65; 95; 71; 84; 58; 90; 77; 83; 69 ]

let mean xs = xs |> List.map float |> List.average
let median xs =
    let s = List.sort xs |> Array.ofList
    let n = s.Length
    if n % 2 = 1 then float s.[n / 2] else float (s.[n / 2 - 1] + s.[n / 2]) / 2.0
let stddev xs =
    let m = mean xs
    xs |> List.averageBy (fun x -> (float x - m) ** 2.0) |> sqrt

let grade = function
    | s when s >= 90 -> 'A'
    | s when s >= 80 -> 'B'
    | s when s >= 70 -> 'C'
    | s when s >= 60 -> 'D'
    | _ -> 'F'

printfn "n=%d mean=%.2f median=%.1f sd=%.3f" scores.Length (mean scores) (median scores) (stddev scores)
printfn "min=%d max=%d range=%d" (List.min scores) (List.max scores) (List.max scores - List.min scores)

let dist = scores |> List.countBy grade |> Map.ofList
for g in [ 'A'; 'B'; 'C'; 'D'; 'F' ] do
    let n = dist |> Map.tryFind g |> Option.defaultValue 0
    let pct = 100.0 * float n / float scores.Length
    printfn "%c | %-6s %d (%5.1f%%)" g (String.replicate n "*") n pct

let buckets =
    scores
    |> List.groupBy (fun s -> s / 10 * 10)
    |> List.sortBy fst
    |> List.map (fun (b, xs) -> sprintf "%d-%d:%d" b (b + 9) xs.Length)
printfn "%s" (String.concat " " buckets)
let above = scores |> List.filter (fun s -> float s > mean scores) |> List.length
printfn "above mean: %d" above
printfn "%g %g" 0.5 100.0
