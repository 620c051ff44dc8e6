// Matrix utilities on int[,] and jagged arrays
let identity n = Array2D.init n n (fun i j -> if i = j then 1 else 0)

let multiply (a: int[,]) (b: int[,]) =
    let n = Array2D.length1 a
    let m = Array2D.length2 b
    let k = Array2D.length2 a
    if k <> Array2D.length1 b then invalidArg "b" "dimension mismatch"
    Array2D.init n m (fun i j ->
        let mutable s = 0
        for t in 0 .. k - 1 do
            s <- s + a.[i, t] * b.[t, j]
        s)

let transpose (a: int[,]) =
    Array2D.init (Array2D.length2 a) (Array2D.length1 a) (fun i j -> a.[j, i])

let show name (a: int[,]) =
    printfn "%s (%dx%d):" name (Array2D.length1 a) (Array2D.length2 a)
    for i in 0 .. Array2D.length1 a - 1 do
        let row = [| for j in 0 .. Array2D.length2 a - 1 -> sprintf "%4d" a.[i, j] |]
        printfn "%s" (System.String.Concat row)

let rec power (m: int[,]) e =
    if e = 0 then identity (Array2D.length1 m)
    elif e % 2 = 0 then
        let h = power m (e / 2)
        multiply h h
    else multiply m (power m (e - 1))

let a = array2D [ [ 1; 2; 3 ]; [ 4; 5; 6 ] ]
let b = array2D [ [ 7; 8 ]; [ 9; 10 ]; [ 11; 12 ] ]
show "A" a
show "B" b
show "A*B" (multiply a b)
show "A^T" (transpose a)

let fib = array2D [ [ 1; 1 ]; [ 1; 0 ] ]
let f10 = power fib 10
printfn "fib(10) via matrix = %d" f10.[0, 1]
show "fib^10" f10

// jagged: Pascal's triangle
let pascal n =
    let rows = Array.zeroCreate<int[]> n
    for i in 0 .. n - 1 do
        rows.[i] <- Array.create (i + 1) 1
        for j in 1 .. i - 1 do
            rows.[i].[j] <- rows.[i - 1].[j - 1] + rows.[i - 1].[j]
    rows
for row in pascal 6 do
    printfn "%s" (row |> Array.map string |> String.concat " ")

let trace (m: int[,]) = Seq.sum (seq { for i in 0 .. (min (Array2D.length1 m) (Array2D.length2 m)) - 1 -> m.[i, i] })
printfn "trace(A*B)=%d trace(B*A)=%d" (trace (multiply a b)) (trace (multiply b a))
try
    multiply a a |> ignore
with :? System.ArgumentException as e -> printfn "error: %s" (e.Message.Split('(').[0].Trim())
