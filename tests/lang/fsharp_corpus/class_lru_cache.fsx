open System.Collections.Generic

type LruCache<'K, 'V when 'K: equality>(capacity: int) =
    let store = Dictionary<'K, 'V>()
    let order = ResizeArray<'K>()
    let mutable hits = 0
    let mutable misses = 0

    let touch key =
        order.Remove key |> ignore
        order.Add key

    member _.Count = store.Count
    member _.Hits = hits
    member _.Misses = misses

    member _.TryGet(key: 'K) =
        match store.TryGetValue key with
        | true, v ->
            hits <- hits + 1
            touch key
            Some v
        | _ ->
            misses <- misses + 1
            None

    member this.Put(key: 'K, value: 'V) =
        if not (store.ContainsKey key) && store.Count >= capacity then
            let oldest = order.[0]
            order.RemoveAt 0
            store.Remove oldest |> ignore
            printfn "evict %A" oldest
        store.[key] <- value
        touch key

    member _.Keys = List.ofSeq order

let cache = LruCache<string, int>(2)
cache.Put("a", 1)
cache.Put("b", 2)
printfn "%A" (cache.TryGet "a")
cache.Put("c", 3)
printfn "%A %A" (cache.TryGet "b") (cache.TryGet "c")
cache.Put("a", 10)
cache.Put("d", 4)
printfn "keys %A count %d" cache.Keys cache.Count
printfn "hits %d misses %d" cache.Hits cache.Misses
