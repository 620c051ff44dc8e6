let text = """The quick brown fox jumps over the lazy dog. The dog barks;
the fox runs! A quick fox, a lazy dog."""

let words =
    text.Split([| ' '; '\n'; '.'; ','; ';'; '!' |], System.StringSplitOptions.RemoveEmptyEntries)
    |> Array.map (fun w -> w.ToLower())

printfn "total words: %d" words.Length
printfn "distinct: %d" (words |> Array.distinct |> Array.length)

let freq =
    words
    |> Seq.countBy id
    |> Seq.sortWith (fun (w1, c1) (w2, c2) -> if c1 <> c2 then compare c2 c1 else compare w1 w2)
    |> Seq.truncate 5
    |> List.ofSeq

freq |> List.iteri (fun i (w, c) -> printfn "%d. %-6s %s" (i + 1) w (String.replicate c "*"))

let byLength =
    words |> Array.distinct |> Array.groupBy String.length |> Array.sortBy fst
for (len, ws) in byLength do
    printfn "%d: %s" len (ws |> Array.sort |> String.concat " ")
