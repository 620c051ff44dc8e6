open System.Collections.Generic

let cache = Dictionary<int, int64>()
let rec fib n =
    if n < 2 then int64 n
    else
        match cache.TryGetValue n with
        | true, v -> v
        | _ ->
            let v = fib (n - 1) + fib (n - 2)
            cache.[n] <- v
            v
printfn "fib 50 = %d" (fib 50)
printfn "cache size %d" cache.Count
let lookup = dict [ "one", 1; "two", 2; "three", 3 ]
printfn "%d" lookup.["two"]
printfn "%b %b" (lookup.ContainsKey "three") (lookup.ContainsKey "four")
let counts = Dictionary<string, int>()
for w in "a b a c b a".Split(' ') do
    match counts.TryGetValue w with
    | true, c -> counts.[w] <- c + 1
    | false, _ -> counts.Add(w, 1)
for kv in counts do
    printfn "%s=%d" kv.Key kv.Value
let sorted = counts |> Seq.sortByDescending (fun kv -> kv.Value) |> Seq.map (fun kv -> kv.Key) |> List.ofSeq
printfn "%A" sorted
