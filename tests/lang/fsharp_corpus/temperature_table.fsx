let cToF c = c * 9.0 / 5.0 + 32.0
let fToC f = (f - 32.0) * 5.0 / 9.0

printfn "%8s %8s" "Celsius" "Fahr"

for c in [ -40.0; 0.0; 37.0; 100.0 ] do
    printfn "%8.1f %8.1f" c (cToF c)

let readings = [ 72.5; 68.0; 75.2; 80.1; 66.4 ]
let avgF = List.average readings
printfn "average %.2f F = %.2f C" avgF (fToC avgF)

let classify f =
    match fToC f with
    | c when c < 0.0 -> "freezing"
    | c when c < 15.0 -> "cold"
    | c when c < 25.0 -> "mild"
    | _ -> "hot"

readings
|> List.map classify
|> List.countBy id
|> List.iter (fun (k, n) -> printfn "%s: %d" k n)

printfn "%s" (string (cToF 100.0))
printfn "%s" (string (fToC 212.0 / 4.0))
printfn "%.3f" (fToC 0.0)
