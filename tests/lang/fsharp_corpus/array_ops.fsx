let a = Array.init 10 (fun i -> (i * 7) % 10)
printfn "%A" a
let b = Array.copy a
Array.sortInPlace b
printfn "%A" b
let target = Array.zeroCreate<int> 6
Array.blit b 2 target 1 4
printfn "%A" target
Array.fill target 0 1 (-1)
printfn "%A" target
let rev = Array.rev b
printfn "first=%d last=%d len=%d" rev.[0] rev.[rev.Length - 1] rev.Length
printfn "%A" (Array.sub a 3 4)
printfn "%A" (Array.append [| 1; 2 |] [| 3 |])
let pairs = Array.zip [| "a"; "b"; "c" |] [| 1; 2; 3 |]
printfn "%A" pairs
printfn "%d" (Array.fold (fun acc x -> acc * 2 + x) 0 [| 1; 0; 1; 1 |])
printfn "%b %b" (Array.exists (fun x -> x > 8) a) (Array.forall (fun x -> x >= 0) a)
printfn "%d" (Array.findIndex (fun x -> x = 9) a)
let words = [| "pear"; "fig"; "banana"; "kiwis" |]
Array.sortInPlaceBy (fun (w: string) -> w.Length) words
printfn "%A" words
let m = Array.map2 (fun x y -> x * y) [| 1; 2; 3 |] [| 4; 5; 6 |]
printfn "%A sum=%d" m (Array.sum m)
let arr = [| 5; 3; 8 |]
arr.[1] <- arr.[0] + arr.[2]
printfn "%A %d" arr (Array.max arr)
printfn "%A" (Array.filter (fun x -> x % 2 = 0) a |> Array.distinct)
printfn "%A" (a |> Array.take 3, a |> Array.skip 8)
