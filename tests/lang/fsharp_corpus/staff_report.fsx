type Employee = { Name: string; Dept: string; Years: int; Salary: float }

let staff =
    [ { Name = "Alice"; Dept = "Eng"; Years = 7; Salary = 125000.0 }
      { Name = "Bob"; Dept = "Sales"; Years = 3; Salary = 68500.5 }
      { Name = "Carmen"; Dept = "Eng"; Years = 12; Salary = 142250.75 }
      { Name = "Dmitri"; Dept = "Ops"; Years = 1; Salary = 54000.0 }
      { Name = "Eve"; Dept = "Sales"; Years = 5; Salary = 71234.25 } ]

let line = String.replicate 36 "-"
printfn "%-10s %-6s %5s %12s" "Name" "Dept" "Years" "Salary"
printfn "%s" line
for e in staff |> List.sortByDescending (fun e -> e.Salary) do
    printfn "%-10s %-6s %5d %12.2f" e.Name e.Dept e.Years e.Salary
printfn "%s" line
let total = staff |> List.sumBy (fun e -> e.Salary)
printfn "%-10s %-6s %5d %12.2f" "TOTAL" "" (staff |> List.sumBy (fun e -> e.Years)) total
printfn "average salary: %.2f" (staff |> List.averageBy (fun e -> e.Salary))
let senior = staff |> List.filter (fun e -> e.Years >= 5) |> List.map (fun e -> e.Name.ToUpper())
printfn "senior: %s" (String.concat ", " senior)
for e in staff do
    let bar = String.replicate (int (e.Salary / 10000.0)) "#"
    printfn "%s|%s" (e.Name.PadRight 8) bar
printfn "[%s]" ("42".PadLeft 6)
printfn "[%s]" ("7".PadLeft(4, '0'))
printfn "%+d %+d" 5 (-3)
printfn "%05d|%-5d|%5d" 42 42 42
printfn "%x %X %o" 255 255 8
