// Sales report with aligned columns
type Sale = { Region: string; Rep: string; Units: int; Price: float }

let sales =
    [ { Region = "North"; Rep = "Ann"; Units = 12; Price = 19.99 }
      { Region = "South"; Rep = "Bo"; Units = 7; Price = 49.5 }
      { Region = "North"; Rep = "Cyd"; Units = 30; Price = 4.25 }
      { Region = "East"; Rep = "Dee"; Units = 3; Price = 120.0 }
      { Region = "South"; Rep = "Eli"; Units = 15; Price = 9.1 }
      { Region = "East"; Rep = "Fay"; Units = 22; Price = 11.75 } ]

let revenue s = float s.Units * s.Price

let line = String.replicate 40 "-"
printfn "%-8s|%-6s|%6s|%8s|%9s" "Region" "Rep" "Units" "Price" "Revenue"
printfn "%s" line
for s in sales |> List.sortBy (fun s -> s.Region, s.Rep) do
    printfn "%-8s|%-6s|%6d|%8.2f|%9.2f" s.Region s.Rep s.Units s.Price (revenue s)
printfn "%s" line

let byRegion =
    sales
    |> List.groupBy (fun s -> s.Region)
    |> List.map (fun (r, xs) -> r, List.sumBy (fun s -> s.Units) xs, List.sumBy revenue xs)
    |> List.sortByDescending (fun (_, _, rev) -> rev)

for (r, u, rev) in byRegion do
    let share = rev / (sales |> List.sumBy revenue) * 100.0
    printfn "%-15s%6d|%8s|%9.2f %5.1f%%" r u "" rev share

let best = sales |> List.maxBy revenue
printfn "best rep: %s (%.2f)" best.Rep (revenue best)
let avgUnits = sales |> List.averageBy (fun s -> float s.Units)
printfn "avg units: %.3f" avgUnits
printfn "[%5d] [%-5d] [%05d] [%+d]" 42 42 42 42
printfn "[%10s] [%-10s]" "right" "left"
