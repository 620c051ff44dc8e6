type Sale = { Region: string; Rep: string; Units: int; UnitPrice: int }

let sales =
    [ { Region = "North"; Rep = "Kim"; Units = 12; UnitPrice = 30 }
      { Region = "South"; Rep = "Lee"; Units = 5; UnitPrice = 120 }
      { Region = "North"; Rep = "Ana"; Units = 20; UnitPrice = 15 }
      { Region = "East"; Rep = "Raj"; Units = 8; UnitPrice = 45 }
      { Region = "South"; Rep = "Lee"; Units = 3; UnitPrice = 120 }
      { Region = "East"; Rep = "Mia"; Units = 15; UnitPrice = 20 }
      { Region = "North"; Rep = "Kim"; Units = 4; UnitPrice = 30 } ]

let revenue s = s.Units * s.UnitPrice

let line = String.replicate 36 "-"
printfn "%s" line
printfn "| %-8s | %6s | %12s |" "Region" "Units" "Revenue"
printfn "%s" line

let byRegion =
    sales
    |> List.groupBy (fun s -> s.Region)
    |> List.map (fun (r, xs) -> r, List.sumBy (fun s -> s.Units) xs, List.sumBy revenue xs)
    |> List.sortByDescending (fun (_, _, rev) -> rev)

for (r, u, rev) in byRegion do
    printfn "| %-8s | %6d | %12d |" r u rev
printfn "%s" line
let totalUnits = byRegion |> List.sumBy (fun (_, u, _) -> u)
let totalRev = byRegion |> List.sumBy (fun (_, _, r) -> r)
printfn "| %-8s | %6d | %12d |" "TOTAL" totalUnits totalRev
printfn "%s" line

let topReps =
    sales
    |> List.countBy (fun s -> s.Rep)
    |> List.sortBy (fun (rep, n) -> -n, rep)
printfn "Deals per rep: %s" (topReps |> List.map (fun (r, n) -> sprintf "%s=%d" r n) |> String.concat ", ")

let best = sales |> List.maxBy revenue
printfn "Largest single sale: %s in %s (%d)" best.Rep best.Region (revenue best)
let share r = 100.0 * float r / float totalRev
for (r, _, rev) in byRegion do
    printfn "%-6s %5.1f%% %s" r (share rev) (String.replicate (rev / 100) "#")
