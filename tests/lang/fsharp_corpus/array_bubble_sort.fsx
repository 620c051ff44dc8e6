let arr = Array.init 8 (fun i -> (i * 7) % 10)
printfn "%A" arr

let bubbleSort (a: int[]) =
    let n = a.Length
    for i in 0 .. n - 2 do
        for j in 0 .. n - 2 - i do
            if a.[j] > a.[j + 1] then
                let t = a.[j]
                a.[j] <- a.[j + 1]
                a.[j + 1] <- t

let copy = Array.copy arr
bubbleSort copy
printfn "%A" copy
printfn "original second: %d" arr.[1]

let buckets = Array.create 3 0
for x in arr do
    buckets.[x % 3] <- buckets.[x % 3] + 1
printfn "buckets: %A" buckets

printfn "max %d min %d sum %d" (Array.max arr) (Array.min arr) (Array.sum arr)
arr.[0] <- 100
printfn "%d %d" arr.[0] (Array.length arr)

let doubled = arr |> Array.map (fun x -> x * 2) |> Array.filter (fun x -> x > 10)
printfn "%A" doubled
