open System
open System.Collections.Generic

let text = """
It was the best of times, it was the worst of times,
it was the age of wisdom, it was the age of foolishness,
it was the epoch of belief, it was the epoch of incredulity
"""

let counts = Dictionary<string, int>(StringComparer.OrdinalIgnoreCase)
let firstSeen = Dictionary<string, int>()
let words = text.Split([| ' '; '\n'; ','; '\r' |], StringSplitOptions.RemoveEmptyEntries)

words |> Array.iteri (fun i w ->
    let key = w.ToLowerInvariant()
    match counts.TryGetValue key with
    | true, n -> counts.[key] <- n + 1
    | false, _ ->
        counts.Add(key, 1)
        firstSeen.[key] <- i)

printfn "total words: %d, distinct: %d" words.Length counts.Count
printfn "insertion order: %s" (String.Join(" ", counts.Keys))

let top =
    counts
    |> Seq.map (fun kv -> kv.Key, kv.Value)
    |> Seq.sortBy (fun (w, n) -> -n, firstSeen.[w])
    |> Seq.take 5
    |> List.ofSeq
for (w, n) in top do
    printfn "%-8s %2d %s" w n (String('*', n))

printfn "contains 'WISDOM'? %b" (counts.ContainsKey "WISDOM")
let mutable v = 0
if counts.TryGetValue("epoch", &v) then printfn "epoch appears %d times" v
let singles = counts |> Seq.filter (fun kv -> kv.Value = 1) |> Seq.map (fun kv -> kv.Key) |> Seq.sort |> List.ofSeq
printfn "hapax legomena: %A" singles

let lengths = SortedDictionary<int, ResizeArray<string>>()
for w in counts.Keys do
    if not (lengths.ContainsKey w.Length) then lengths.[w.Length] <- ResizeArray()
    lengths.[w.Length].Add w
for KeyValue(len, ws) in lengths do
    printfn "%2d: %s" len (String.Join(", ", ws))
