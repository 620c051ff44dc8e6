let buffer = Array.zeroCreate<int> 10
Array.fill buffer 2 5 7
printfn "%A" buffer

let src = [| 1 .. 6 |]
Array.blit src 0 buffer 6 4
printfn "%A" buffer

let middle = Array.sub buffer 3 4
printfn "%A" middle
let joined = Array.append middle [| 99; 100 |]
printfn "%A len=%d" joined joined.Length

let ring = Array.create 5 0
let mutable head = 0
for v in [ 10; 20; 30; 40; 50; 60; 70 ] do
    ring.[head] <- v
    head <- (head + 1) % ring.Length
printfn "ring %A head=%d" ring head

let rotated = Array.init ring.Length (fun i -> ring.[(head + i) % ring.Length])
printfn "oldest first %A" rotated

let copy = Array.copy rotated
copy.[0] <- -1
printfn "%d %d" rotated.[0] copy.[0]
Array.sortInPlace copy
printfn "%A" copy
printfn "%A" (Array.rev copy |> Array.truncate 3)
let counts = Array.zeroCreate 3
for x in [| 0; 2; 2; 1; 2 |] do
    counts.[x] <- counts.[x] + 1
printfn "%A" counts
printfn "%A" (Array.map2 (+) [| 1; 2 |] [| 10; 20 |])
printfn "%A" (Array.concat [ [| 1 |]; [||]; [| 2; 3 |] ])
printfn "%A" (Array.partition (fun x -> x > 2) [| 1; 5; 2; 8 |])
printfn "%d" (System.Array.IndexOf(src, 4))
printfn "%A" (Array.tryFind (fun x -> x > 4) src, Array.exists ((=) 9) src)
printfn "%A" (Array.chunkBySize 4 src)
