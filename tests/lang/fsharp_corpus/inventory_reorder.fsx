type Item =
    { Sku: string
      Name: string
      OnHand: int
      ReorderAt: int
      UnitCost: decimal }

let stock =
    [ { Sku = "A-100"; Name = "Widget"; OnHand = 4; ReorderAt = 10; UnitCost = 2.50m }
      { Sku = "B-220"; Name = "Gadget"; OnHand = 25; ReorderAt = 5; UnitCost = 11.00m }
      { Sku = "C-310"; Name = "Sprocket"; OnHand = 0; ReorderAt = 3; UnitCost = 0.75m }
      { Sku = "D-400"; Name = "Flange"; OnHand = 8; ReorderAt = 8; UnitCost = 4.20m } ]

let needsReorder, healthy = stock |> List.partition (fun i -> i.OnHand <= i.ReorderAt)

let orderQty item = max 0 (item.ReorderAt * 2 - item.OnHand)

printfn "%-6s %-10s %5s %5s %9s" "SKU" "Name" "Have" "Order" "Cost"
for item in needsReorder do
    let q = orderQty item
    printfn "%-6s %-10s %5d %5d %9.2f" item.Sku item.Name item.OnHand q (decimal q * item.UnitCost)

let totalCost = needsReorder |> List.sumBy (fun i -> decimal (orderQty i) * i.UnitCost)
printfn "total reorder cost: %M" totalCost
printfn "healthy: %s" (healthy |> List.map (fun i -> i.Name) |> String.concat ", ")

let restocked = needsReorder |> List.map (fun i -> { i with OnHand = i.OnHand + orderQty i })
let outOfStock = stock |> List.exists (fun i -> i.OnHand = 0)
printfn "out of stock before: %b, after: %b" outOfStock (restocked |> List.exists (fun i -> i.OnHand = 0))
restocked |> List.iter (fun i -> printfn "%s now %d" i.Sku i.OnHand)
let value = stock |> List.sumBy (fun i -> decimal i.OnHand * i.UnitCost)
printfn "stock value: %M" value
