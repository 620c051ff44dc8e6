open System

type Item =
    { Sku: string
      Name: string
      Qty: int
      Price: float }

let items =
    [ { Sku = "A100"; Name = "Widget"; Qty = 12; Price = 2.5 }
      { Sku = "B200"; Name = "Gadget"; Qty = 0; Price = 10.0 }
      { Sku = "C300"; Name = "Doohickey"; Qty = 5; Price = 7.25 }
      { Sku = "D400"; Name = "Gizmo"; Qty = 3; Price = 19.99 } ]

let restock threshold item =
    if item.Qty < threshold then
        { item with Qty = item.Qty + 10 }
    else
        item

printfn "%-6s %-10s %5s %8s" "SKU" "Name" "Qty" "Value"

for item in items |> List.map (restock 4) do
    let value = float item.Qty * item.Price
    printfn "%-6s %-10s %5d %8.2f" item.Sku item.Name item.Qty value

let total = items |> List.sumBy (fun i -> float i.Qty * i.Price)
printfn "Total before restock: %.2f" total
let outOfStock = items |> List.filter (fun i -> i.Qty = 0) |> List.map (fun i -> i.Name)
printfn "Out of stock: %s" (String.Join(", ", outOfStock))
