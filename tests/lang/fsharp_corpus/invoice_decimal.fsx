open System

type LineItem = { Sku: string; Qty: int; UnitPrice: decimal }
type Invoice = { Number: string; Customer: string; Lines: LineItem list; TaxRate: decimal }

let lineTotal (l: LineItem) = decimal l.Qty * l.UnitPrice

let subtotal inv = inv.Lines |> List.sumBy lineTotal
let tax inv = Math.Round(subtotal inv * inv.TaxRate, 2)
let total inv = subtotal inv + tax inv

let inv =
    { Number = "INV-001"
      Customer = "Acme Ltd"
      Lines =
        [ { Sku = "BOLT"; Qty = 100; UnitPrice = 0.25m }
          { Sku = "NUT"; Qty = 250; UnitPrice = 0.10m }
          { Sku = "GEAR"; Qty = 3; UnitPrice = 12.99m } ]
      TaxRate = 0.08m }

printfn "Invoice %s for %s" inv.Number inv.Customer
for l in inv.Lines do
    printfn "%-6s %4d x %6.2f = %8.2f" l.Sku l.Qty l.UnitPrice (lineTotal l)
printfn "Subtotal: %M" (subtotal inv)
printfn "Tax:      %M" (tax inv)
printfn "Total:    %M" (total inv)
let biggest = inv.Lines |> List.maxBy lineTotal
printfn "Biggest line: %s" biggest.Sku
let discounted = { inv with TaxRate = 0m; Lines = inv.Lines |> List.filter (fun l -> l.Qty > 10) }
printfn "Discounted total: %s" (string (total discounted))
