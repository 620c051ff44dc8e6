let matMul (a: int list list) (b: int list list) =
    let cols = List.transpose b
    [ for row in a -> [ for col in cols -> List.map2 (fun x y -> x * y) row col |> List.sum ] ]

let identity n =
    [ for i in 0 .. n - 1 -> [ for j in 0 .. n - 1 -> if i = j then 1 else 0 ] ]

let show m =
    m
    |> List.iter (fun row -> row |> List.map (sprintf "%3d") |> String.concat "" |> printfn "%s")

let a = [ [ 1; 2 ]; [ 3; 4 ] ]
let b = [ [ 5; 6 ]; [ 7; 8 ] ]

show (matMul a b)
printfn "---"
show (matMul a (identity 2))
printfn "---"
show (List.transpose a)

let trace m = m |> List.mapi (fun i row -> List.item i row) |> List.sum
printfn "trace: %d" (trace (matMul a b))

let rec matPow m n =
    if n = 1 then m else matMul m (matPow m (n - 1))

let fibM = matPow [ [ 1; 1 ]; [ 1; 0 ] ] 10
printfn "fib 10 = %d" (List.item 1 (List.head fibM))
