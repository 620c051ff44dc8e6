type LineItem = { Desc: string; Qty: int; Price: float }
let items =
    [ { Desc = "Coffee"; Qty = 2; Price = 3.5 }
      { Desc = "Bagel"; Qty = 3; Price = 2.25 }
      { Desc = "Juice"; Qty = 1; Price = 4.0 } ]
let customer = "Sam"
printfn $"Receipt for {customer}"
for it in items do
    let total = float it.Qty * it.Price
    printfn $"{it.Desc,-8}{it.Qty,3} x {it.Price,6:F2} = {total,7:F2}"
let subtotal = items |> List.sumBy (fun i -> float i.Qty * i.Price)
let tax = subtotal * 0.08
printfn $"Subtotal: {subtotal:F2}"
printfn $"Tax: {tax:F2}"
printfn $"Total: {subtotal + tax:F2}"
let count = items.Length
printfn $"{count} items, most expensive: {(items |> List.maxBy (fun i -> i.Price)).Desc}"
let name = "world"
let msg = $"Hello, {name.ToUpper()}! {1 + 2} {true} {3.0} {2.5}"
printfn "%s" msg
printfn $"%d{count} typed, %s{name} typed, %.1f{tax} typed"
printfn $"{1234567:N0} {255:X} {42:D5}"
printfn $"{{braces}} and {name.Length}"
let multi = $"""He said "{name}" """
printfn "%s|" multi
