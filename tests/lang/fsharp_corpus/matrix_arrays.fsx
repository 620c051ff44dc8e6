type Matrix = float[][]

let create rows cols f : Matrix = Array.init rows (fun i -> Array.init cols (fun j -> f i j))
let identity n = create n n (fun i j -> if i = j then 1.0 else 0.0)
let transpose (m: Matrix) = create m.[0].Length m.Length (fun i j -> m.[j].[i])

let multiply (a: Matrix) (b: Matrix) =
    let bt = transpose b
    create a.Length b.[0].Length (fun i j -> Array.fold2 (fun acc x y -> acc + x * y) 0.0 a.[i] bt.[j])

let add (a: Matrix) (b: Matrix) = Array.map2 (Array.map2 (+)) a b
let scale k (m: Matrix) = m |> Array.map (Array.map ((*) k))

let rec power (m: Matrix) n =
    if n = 0 then identity m.Length
    elif n % 2 = 0 then let h = power m (n / 2) in multiply h h
    else multiply m (power m (n - 1))

let show name (m: Matrix) =
    printfn "%s:" name
    for row in m do
        row |> Array.map (sprintf "%6.1f") |> String.concat "" |> printfn "%s"

let a = [| [| 1.0; 2.0 |]; [| 3.0; 4.0 |] |]
let b = create 2 3 (fun i j -> float (i + j))
show "a" a
show "b" b
show "a*b" (multiply a b)
show "t(b)" (transpose b)
show "a+2a" (add a (scale 2.0 a))
let fib = power [| [| 1.0; 1.0 |]; [| 1.0; 0.0 |] |] 10
printfn "fib 10 = %g" fib.[0].[1]
let trace (m: Matrix) = Seq.sum (seq { for i in 0 .. m.Length - 1 -> m.[i].[i] })
printfn "trace a = %.1f, trace I3 = %.1f" (trace a) (trace (identity 3))
printfn "%A" (multiply (identity 2) a)
