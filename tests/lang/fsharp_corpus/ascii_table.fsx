let rows = [ ("Alpha", 3, 12.5); ("Beta", 11, 7.25); ("Gamma", 0, 100.0); ("Delta", 42, 0.75) ]

let line =
    "+" + String.replicate 10 "-" + "+" + String.replicate 6 "-" + "+" + String.replicate 10 "-" + "+"

printfn "%s" line
printfn "|%-10s|%6s|%10s|" "Name" "Count" "Price"
printfn "%s" line

for (name, count, price) in rows do
    printfn "|%-10s|%6d|%10.2f|" name count price

printfn "%s" line
let totalCount = rows |> List.sumBy (fun (_, c, _) -> c)
let totalValue = rows |> List.sumBy (fun (_, c, p) -> float c * p)
printfn "|%-10s|%6d|%10.2f|" "TOTAL" totalCount totalValue
printfn "%s" line

let (expensive, _, _) = rows |> List.maxBy (fun (_, _, p) -> p)
printfn "most expensive: %s" expensive

let deltaValue = 42.0 * 0.75
printfn "share of Delta: %.1f%%" (deltaValue / totalValue * 100.0)
