let csv = """region,product,units,price
North,Widget,10,2.50
South,Widget,4,2.50
North,Gadget,3,10.00
East,Widget,7,2.50
South,Gizmo,1,99.99
North,Widget,5,2.50
East,Gadget,2,10.00"""

type Sale = { Region: string; Product: string; Units: int; Price: float }

let parse (line: string) =
    match line.Split(',') with
    | [| r; p; u; pr |] -> Some { Region = r; Product = p; Units = int u; Price = float pr }
    | _ -> None

let sales =
    csv.Split('\n')
    |> Array.skip 1
    |> Array.choose parse
    |> Array.toList

let revenue s = float s.Units * s.Price

printfn "%-8s %6s %10s" "Region" "Units" "Revenue"
sales
|> Seq.groupBy (fun s -> s.Region)
|> Seq.map (fun (region, rows) -> region, Seq.sumBy (fun s -> s.Units) rows, Seq.sumBy revenue rows)
|> Seq.sortByDescending (fun (_, _, rev) -> rev)
|> Seq.iter (fun (region, units, rev) -> printfn "%-8s %6d %10.2f" region units rev)

let byProduct =
    sales
    |> List.countBy (fun s -> s.Product)
    |> List.sortBy fst
printfn "%A" byProduct

let total = sales |> List.sumBy revenue
printfn "Total revenue: %.2f" total
let avgUnits = sales |> List.averageBy (fun s -> float s.Units)
printfn "Average units: %.3f" avgUnits
let top = sales |> List.maxBy revenue
printfn "Top sale: %s/%s %.2f" top.Region top.Product (revenue top)
printfn "Share North: %5.1f%%" (100.0 * (sales |> List.filter (fun s -> s.Region = "North") |> List.sumBy revenue) / total)
