open System

let csv = """id,name,department,salary,start_year
1,Ana Lima,Engineering,98000,2015
2,Ben Ode,Marketing,67000,2019
3,Cy Park,Engineering,105000,2012
4,Di Roe,Sales,58000,2021
5,Ed Sun,Marketing,72000,2016
6,Flo Tan,Engineering,87000,2020
7,Gus Ray,Sales,61000,bad"""

type Row = { Id: int; Name: string; Dept: string; Salary: int; StartYear: int }

let parseRow (lineNo: int) (line: string) =
    match line.Split(',') with
    | [| id; name; dept; salary; year |] ->
        match Int32.TryParse id, Int32.TryParse salary, Int32.TryParse year with
        | (true, i), (true, s), (true, y) -> Ok { Id = i; Name = name; Dept = dept; Salary = s; StartYear = y }
        | _ -> Error (sprintf "line %d: invalid number in '%s'" lineNo line)
    | cols -> Error (sprintf "line %d: expected 5 columns, got %d" lineNo cols.Length)

let lines = csv.Split('\n') |> Array.map (fun l -> l.TrimEnd('\r'))
let header = lines.[0].Split(',')
printfn "columns: %s" (String.Join(" | ", header))

let parsed = lines |> Array.skip 1 |> Array.mapi (fun i l -> parseRow (i + 2) l)
let rows = parsed |> Array.choose (function Ok r -> Some r | Error _ -> None)
parsed |> Array.iter (function Error e -> printfn "skipped %s" e | Ok _ -> ())

printfn ""
printfn "%-12s %5s %10s %10s" "Department" "Count" "Avg" "Max"
rows
|> Array.groupBy (fun r -> r.Dept)
|> Array.sortBy fst
|> Array.iter (fun (dept, rs) ->
    let avg = rs |> Array.averageBy (fun r -> float r.Salary)
    let mx = rs |> Array.maxBy (fun r -> r.Salary)
    printfn "%-12s %5d %10.1f %10d" dept rs.Length avg mx.Salary)

let currentYear = 2024
let senior = rows |> Array.filter (fun r -> currentYear - r.StartYear >= 8) |> Array.map (fun r -> r.Name)
printfn ""
printfn "8+ years tenure: %s" (String.Join(", ", senior))
let payroll = rows |> Array.sumBy (fun r -> r.Salary)
printfn "payroll: %d over %d employees" payroll rows.Length
let giveRaise pct r = { r with Salary = r.Salary + r.Salary * pct / 100 }
let raised = rows |> Array.filter (fun r -> r.Dept = "Sales") |> Array.map (giveRaise 5)
for r in raised do printfn "%s new salary %d" r.Name r.Salary
