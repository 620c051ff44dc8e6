open System

let data = [| 2.0; 4.0; 4.0; 4.0; 5.0; 5.0; 7.0; 9.0 |]

let mean (xs: float[]) = Array.sum xs / float xs.Length

let stddev (xs: float[]) =
    let m = mean xs
    let mutable acc = 0.0
    for x in xs do
        acc <- acc + (x - m) * (x - m)
    Math.Sqrt(acc / float xs.Length)

let median (xs: float[]) =
    let sorted = Array.sort xs
    let n = sorted.Length
    if n % 2 = 0 then
        (sorted.[n / 2 - 1] + sorted.[n / 2]) / 2.0
    else
        sorted.[n / 2]

printfn "n = %d" data.Length
printfn "mean = %.3f" (mean data)
printfn "stddev = %.3f" (stddev data)
printfn "median = %.1f" (median data)
printfn "median odd = %.1f" (median [| 3.0; 1.0; 2.0 |])

let zscores = data |> Array.map (fun x -> (x - mean data) / stddev data)
printfn "%s" (zscores |> Array.map (sprintf "%.1f") |> String.concat " ")

let hist =
    data
    |> Array.countBy id
    |> Array.map (fun (v, c) -> sprintf "%s:%s" (string v) (String.replicate c "#"))

printfn "%s" (String.Join(" ", hist))
printfn "sqrt of mean: %f" (Math.Sqrt(mean data))
