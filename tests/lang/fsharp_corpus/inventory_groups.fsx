type Product = { Name: string; Category: string; Price: decimal; Stock: int }

let products =
    [ { Name = "Pen"; Category = "Office"; Price = 1.25m; Stock = 120 }
      { Name = "Stapler"; Category = "Office"; Price = 8.99m; Stock = 0 }
      { Name = "Mouse"; Category = "Tech"; Price = 19.99m; Stock = 14 }
      { Name = "Cable"; Category = "Tech"; Price = 4.50m; Stock = 3 }
      { Name = "Mug"; Category = "Kitchen"; Price = 6.75m; Stock = 40 } ]

let inStock, outOfStock = products |> List.partition (fun p -> p.Stock > 0)
printfn "in stock: %d, out of stock: %s" (List.length inStock) (outOfStock |> List.map (fun p -> p.Name) |> String.concat ",")

let discounted = products |> List.map (fun p -> if p.Category = "Tech" then { p with Price = p.Price * 0.9m } else p)
for p in discounted do
    printfn "%-8s %-8s %8s %4d" p.Name p.Category (string p.Price) p.Stock

let byCategory = products |> List.groupBy (fun p -> p.Category)
for (cat, items) in byCategory do
    let value = items |> List.sumBy (fun p -> p.Price * decimal p.Stock)
    printfn "%s: %d items, value %M" cat (List.length items) value

let stockMap = products |> List.map (fun p -> p.Name, p.Stock) |> Map.ofList
let totalUnits = Map.fold (fun acc _ qty -> acc + qty) 0 stockMap
printfn "total units: %d" totalUnits
printfn "mug: %A, lamp: %A" (Map.tryFind "Mug" stockMap) (Map.tryFind "Lamp" stockMap)
let names = stockMap |> Map.toList |> List.map fst
printfn "%A" names
