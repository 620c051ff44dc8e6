let solve (a: float[][]) (b: float[]) =
    let n = b.Length
    let m = Array.init n (fun i -> Array.append (Array.copy a.[i]) [| b.[i] |])
    for col in 0 .. n - 1 do
        let pivot = [ col .. n - 1 ] |> List.maxBy (fun r -> abs m.[r].[col])
        if pivot <> col then
            let tmp = m.[col]
            m.[col] <- m.[pivot]
            m.[pivot] <- tmp
        for r in col + 1 .. n - 1 do
            let f = m.[r].[col] / m.[col].[col]
            for c in col .. n do
                m.[r].[c] <- m.[r].[c] - f * m.[col].[c]
    let x = Array.zeroCreate<float> n
    for i in n - 1 .. -1 .. 0 do
        let s = seq { i + 1 .. n - 1 } |> Seq.sumBy (fun j -> m.[i].[j] * x.[j])
        x.[i] <- (m.[i].[n] - s) / m.[i].[i]
    x

let a = [| [| 2.0; 1.0; -1.0 |]; [| -3.0; -1.0; 2.0 |]; [| -2.0; 1.0; 2.0 |] |]
let b = [| 8.0; -11.0; -3.0 |]
let x = solve a b
x |> Array.iteri (fun i v -> printfn "x%d = %7.3f" i v)
let residual =
    Array.map2 (fun row bi -> Array.fold2 (fun acc aij xj -> acc + aij * xj) 0.0 row x - bi) a b
printfn "max residual < 1e-9: %b" (residual |> Array.forall (fun r -> abs r < 1e-9))

let det2 (m: float[][]) = m.[0].[0] * m.[1].[1] - m.[0].[1] * m.[1].[0]
printfn "det = %.1f" (det2 [| [| 3.0; 8.0 |]; [| 4.0; 6.0 |] |])
let identity n = Array.init n (fun i -> Array.init n (fun j -> if i = j then 1.0 else 0.0))
identity 3 |> Array.iter (fun row -> row |> Array.map (sprintf "%.0f") |> String.concat " " |> printfn "%s")
let transpose (m: 'a[][]) = Array.init m.[0].Length (fun j -> Array.init m.Length (fun i -> m.[i].[j]))
printfn "%A" (transpose [| [| 1; 2; 3 |]; [| 4; 5; 6 |] |])
