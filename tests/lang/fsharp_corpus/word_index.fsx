open System
open System.Collections.Generic

let text = """The quick brown fox jumps over the lazy dog.
The dog sleeps; the fox runs.
A quick fox, a lazy dog!"""

let stopWords = HashSet<string>([ "the"; "a"; "over" ])

let index = Dictionary<string, ResizeArray<int>>()
let counts = Dictionary<string, int>()

text.Split('\n')
|> Array.iteri (fun lineNo line ->
    let words =
        line.Split([| ' '; '.'; ','; ';'; '!' |], StringSplitOptions.RemoveEmptyEntries)
        |> Array.map (fun w -> w.ToLowerInvariant())
    for w in words do
        if not (stopWords.Contains w) then
            match index.TryGetValue w with
            | true, lines -> if not (lines.Contains(lineNo + 1)) then lines.Add(lineNo + 1)
            | false, _ -> index.[w] <- ResizeArray [ lineNo + 1 ]
            counts.[w] <- (match counts.TryGetValue w with | true, c -> c + 1 | _ -> 1))

let sortedKeys = index.Keys |> Seq.sort |> List.ofSeq
for k in sortedKeys do
    printfn "%-7s %d  lines %s" k counts.[k] (index.[k] |> Seq.map string |> String.concat ",")

let top =
    counts
    |> Seq.map (fun kv -> kv.Key, kv.Value)
    |> Seq.sortBy (fun (w, c) -> -c, w)
    |> Seq.truncate 3
    |> Seq.map (fun (w, c) -> sprintf "%s(%d)" w c)
printfn "top: %s" (String.Join(" ", top))
printfn "distinct %d, total %d" counts.Count (counts.Values |> Seq.sum)
let onAllLines = sortedKeys |> List.filter (fun k -> index.[k].Count = 3)
printfn "%A" onAllLines
