// CSV-like parsing with validation
open System

type Employee = { Name: string; Dept: string; Age: int; Salary: int }

let raw = """name, dept, age, salary
  Alice , Eng, 34, 120000
Bob,Sales ,  45,  85000
Carol,Eng,29,
Dan,Ops,abc,70000
  Erin,Sales,38,91000
Frank,Eng,51,135000

Gina,Ops,26,62000"""

let parseLine (lineNo: int) (line: string) =
    let cols = line.Split(',') |> Array.map (fun s -> s.Trim())
    if cols.Length <> 4 then Error(sprintf "line %d: expected 4 columns, got %d" lineNo cols.Length)
    elif cols |> Array.exists String.IsNullOrEmpty then Error(sprintf "line %d: empty field" lineNo)
    else
        match Int32.TryParse cols.[2], Int32.TryParse cols.[3] with
        | (true, age), (true, sal) -> Ok { Name = cols.[0]; Dept = cols.[1]; Age = age; Salary = sal }
        | (false, _), _ -> Error(sprintf "line %d: bad age '%s'" lineNo cols.[2])
        | _, (false, _) -> Error(sprintf "line %d: bad salary '%s'" lineNo cols.[3])

let lines = raw.Split('\n') |> Array.toList
let results =
    lines
    |> List.tail
    |> List.mapi (fun i l -> i + 2, l)
    |> List.filter (fun (_, l) -> l.Trim() <> "")
    |> List.map (fun (n, l) -> parseLine n l)

let employees = results |> List.choose (function Ok e -> Some e | Error _ -> None)
let errors = results |> List.choose (function Error e -> Some e | Ok _ -> None)

errors |> List.iter (printfn "skip: %s")
printfn "parsed %d of %d rows" employees.Length results.Length

for dept, members in employees |> List.groupBy (fun e -> e.Dept) |> List.sortBy fst do
    let avgAge = members |> List.averageBy (fun e -> float e.Age)
    let total = members |> List.sumBy (fun e -> e.Salary)
    let names = members |> List.map (fun e -> e.Name) |> List.sort
    printfn "%-6s n=%d avgAge=%5.1f payroll=%7d [%s]" dept members.Length avgAge total (String.Join("; ", names))

let oldest = employees |> List.sortByDescending (fun e -> e.Age) |> List.head
printfn "oldest: %s (%d)" oldest.Name oldest.Age
