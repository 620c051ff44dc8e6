open System

type Sale = { Region: string; Rep: string; Amount: int }

let sales =
    [ { Region = "North"; Rep = "Kim"; Amount = 1200 }
      { Region = "South"; Rep = "Lee"; Amount = 800 }
      { Region = "North"; Rep = "Ana"; Amount = 450 }
      { Region = "East"; Rep = "Bo"; Amount = 990 }
      { Region = "South"; Rep = "Kim"; Amount = 300 } ]

let byRegion =
    sales
    |> List.groupBy (fun s -> s.Region)
    |> List.map (fun (region, xs) -> region, xs |> List.sumBy (fun s -> s.Amount), xs |> List.map (fun s -> s.Rep))
    |> List.sortBy (fun (region, _, _) -> region)

printfn "%-8s|%8s| %s" "Region" "Total" "Reps"
printfn "%s" (String.replicate 30 "-")

for (region, total, reps) in byRegion do
    printfn "%-8s|%8d| %s" region total (String.Join(", ", reps))

let grand = sales |> List.sumBy (fun s -> s.Amount)
printfn "%-8s|%8d|" "All" grand

let (bestRegion, _, _) = byRegion |> List.maxBy (fun (_, t, _) -> t)
printfn "best region: %s" bestRegion
