// Word frequency, top-N and set operations
open System

let text = """The quick brown fox jumps over the lazy dog. The dog sleeps;
the fox runs! A quick brown dog? No, a lazy fox."""

let words =
    text.Split([| ' '; '\n'; '.'; ';'; '!'; '?'; ',' |], StringSplitOptions.RemoveEmptyEntries)
    |> Array.map (fun w -> w.ToLowerInvariant())
    |> Array.toList

printfn "word count: %d" (List.length words)
printfn "distinct: %d" (words |> List.distinct |> List.length)

let freq =
    words
    |> List.countBy id
    |> List.sortBy (fun (w, n) -> -n, w)

printfn "top 5:"
freq
|> List.truncate 5
|> List.iteri (fun i (w, n) -> printfn "%2d. %-6s %s (%d)" (i + 1) w (String.replicate n "*") n)

let firstHalf = words |> List.take (List.length words / 2) |> Set.ofList
let secondHalf = words |> List.skip (List.length words / 2) |> Set.ofList
printfn "both halves: %s" (Set.intersect firstHalf secondHalf |> Set.toList |> String.concat " ")
printfn "only first: %s" (Set.difference firstHalf secondHalf |> Set.toList |> String.concat " ")
printfn "only second: %s" (Set.difference secondHalf firstHalf |> Set.toList |> String.concat " ")

let byLength =
    words
    |> List.distinct
    |> List.groupBy String.length
    |> List.sortBy fst
    |> Map.ofList
for KeyValue(len, ws) in byLength do
    printfn "%d -> %A" len (List.sort ws)

let longest = words |> List.maxBy String.length
let initials = words |> Seq.map (fun w -> w.[0]) |> Seq.distinct |> Seq.sort |> Seq.toArray |> String
printfn "longest=%s initials=%s" longest initials
