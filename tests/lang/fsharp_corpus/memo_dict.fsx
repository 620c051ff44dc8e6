open System.Collections.Generic

let memoize (f: 'a -> 'b) =
    let cache = Dictionary<'a, 'b>()
    fun x ->
        match cache.TryGetValue x with
        | true, v -> v
        | _ ->
            let v = f x
            cache.[x] <- v
            v

let mutable calls = 0
let slowSquare n =
    calls <- calls + 1
    n * n

let fastSquare = memoize slowSquare
let results = [ 3; 4; 3; 3; 5; 4 ] |> List.map fastSquare
printfn "%A calls=%d" results calls

let pathCache = Dictionary<int * int, int64>()
let rec paths (r, c) =
    if r = 0 || c = 0 then 1L
    else
        match pathCache.TryGetValue((r, c)) with
        | true, v -> v
        | false, _ ->
            let v = paths (r - 1, c) + paths (r, c - 1)
            pathCache.Add((r, c), v)
            v

printfn "grid paths 16x16: %d" (paths (16, 16))
printfn "cache entries: %d" pathCache.Count
printfn "contains (3,3): %b" (pathCache.ContainsKey((3, 3)))

let collatz = Dictionary<int64, int>()
collatz.[1L] <- 0
let rec steps (n: int64) =
    match collatz.TryGetValue n with
    | true, s -> s
    | _ ->
        let s = 1 + steps (if n % 2L = 0L then n / 2L else 3L * n + 1L)
        collatz.[n] <- s
        s
let best = [ 1L .. 30L ] |> List.maxBy steps
printfn "longest chain under 31: %d (%d steps)" best (steps best)
