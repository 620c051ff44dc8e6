open System

let rows = [ ("Apples", 3, 0.5); ("Bananas", 12, 0.25); ("Cherries", 100, 0.1) ]

printfn "%s" (String.Format("{0,-10}|{1,5}|{2,8}", "Item", "Qty", "Price"))
for (name, qty, price) in rows do
    printfn "%s" (String.Format("{0,-10}|{1,5}|{2,8:F2}", name, qty, price))

let total = rows |> List.sumBy (fun (_, q, p) -> float q * p)
printfn "%s" (String.Format("Total: {0:F3} over {1} lines", total, rows.Length))
printfn "%s" (String.Format("{0} + {0} = {1}", 2, 4))

for (name, qty, price) in rows do
    printfn $"{name,-10}{qty,4:D3} {price:P0} {float qty * price,7:N2}"

let big = 1234567.891
printfn $"{big:N0} {big:N2} {big:F1} {big:E2}"
printfn $"{255:X} {255:x4} {42,6} {42,-6}|"
let name = "fusabi"
printfn $"""{name.ToUpper()} has {name.Length} chars, first '{name.[0]}'"""
printfn $"{{literal}} {1 + 2}"
printfn "%s" (sprintf "%5.1f%%" 12.345)
printfn "%s" ((3.14159).ToString("F2") + " " + (42).ToString("D5"))
