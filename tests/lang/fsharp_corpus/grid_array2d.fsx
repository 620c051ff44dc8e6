let rows, cols = 3, 4
let grid = Array2D.init rows cols (fun r c -> r * cols + c)
for r in 0 .. rows - 1 do
    for c in 0 .. cols - 1 do
        printf "%3d" grid.[r, c]
    printfn ""
let transpose (m: int[,]) =
    Array2D.init (Array2D.length2 m) (Array2D.length1 m) (fun r c -> m.[c, r])
let t = transpose grid
printfn "transposed %dx%d" (Array2D.length1 t) (Array2D.length2 t)
for r in 0 .. Array2D.length1 t - 1 do
    [ for c in 0 .. Array2D.length2 t - 1 -> string t.[r, c] ] |> String.concat " " |> printfn "%s"
let board = Array2D.create 3 3 '.'
board.[1, 1] <- 'X'
board.[0, 2] <- 'O'
for r in 0 .. 2 do
    printfn "%s" (System.String [| for c in 0 .. 2 -> board.[r, c] |])
let total = grid |> Seq.cast<int> |> Seq.sum
printfn "sum %d" total
let diag = [ for i in 0 .. 2 -> grid.[i, i] ]
printfn "%A" diag
let copy = Array2D.copy grid
copy.[0, 0] <- 99
printfn "%d %d" grid.[0, 0] copy.[0, 0]
let mapped = grid |> Array2D.map (fun x -> x * 2)
printfn "%d" mapped.[2, 3]
let checker = ref 0
grid |> Array2D.iteri (fun r c v -> if (r + c) % 2 = 0 then checker.Value <- checker.Value + v)
printfn "checker sum %d" checker.Value
