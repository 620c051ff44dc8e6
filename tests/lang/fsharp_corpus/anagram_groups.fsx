open System

let words =
    [ "listen"; "silent"; "enlist"; "google"; "gooegl"; "cat"; "act"; "tac"; "dog"; "Inlets" ]

let key (w: string) =
    w.ToLowerInvariant().ToCharArray() |> Array.sort |> String

let groups =
    words
    |> List.groupBy key
    |> List.filter (fun (_, ws) -> List.length ws > 1)
    |> List.sortBy (fun (k, ws) -> -(List.length ws), k)

for (k, ws) in groups do
    printfn "%-8s -> %s" k (String.Join(", ", ws))

let singles = words |> List.groupBy key |> List.filter (fun (_, ws) -> ws.Length = 1) |> List.map fst
printfn "singles: %A" singles

let isAnagram a b = key a = key b
printfn "%b %b" (isAnagram "Dormitory" "dirtyroom") (isAnagram "abc" "abd")
let longest = words |> List.maxBy String.length
printfn "longest: %s (%d)" longest longest.Length
