// Org chart queries with Option chaining and recursion over a Map
type Emp = { Id: string; Name: string; Manager: string option; Salary: int; Dept: string option }

let emps =
    [ { Id = "e1"; Name = "Olga"; Manager = None; Salary = 300; Dept = Some "Exec" }
      { Id = "e2"; Name = "Pavel"; Manager = Some "e1"; Salary = 200; Dept = Some "Eng" }
      { Id = "e3"; Name = "Quinn"; Manager = Some "e2"; Salary = 150; Dept = Some "Eng" }
      { Id = "e4"; Name = "Rosa"; Manager = Some "e2"; Salary = 140; Dept = None }
      { Id = "e5"; Name = "Sami"; Manager = Some "e1"; Salary = 180; Dept = Some "Sales" }
      { Id = "e6"; Name = "Tess"; Manager = Some "e5"; Salary = 90; Dept = Some "Sales" }
      { Id = "e7"; Name = "Uri"; Manager = Some "e3"; Salary = 100; Dept = Some "Eng" }
      { Id = "e8"; Name = "Vic"; Manager = Some "e9"; Salary = 80; Dept = None } ]

let byId = emps |> List.map (fun e -> e.Id, e) |> Map.ofList

let managerOf id = byId |> Map.tryFind id |> Option.bind (fun e -> e.Manager) |> Option.bind (fun m -> Map.tryFind m byId)

let rec chain id =
    match managerOf id with
    | Some m -> m.Name :: chain m.Id
    | None -> []

let reports id = emps |> List.filter (fun e -> e.Manager = Some id)

let rec headcount id = 1 + (reports id |> List.sumBy (fun e -> headcount e.Id))
let rec teamCost id = (Map.find id byId).Salary + (reports id |> List.sumBy (fun e -> teamCost e.Id))

let rec printTree indent id =
    let e = byId.[id]
    let dept = e.Dept |> Option.map (sprintf " [%s]") |> Option.defaultValue ""
    printfn "%s%s%s" (String.replicate indent "  ") e.Name dept
    for r in reports id do
        printTree (indent + 1) r.Id

printTree 0 "e1"
for id in [ "e7"; "e6"; "e1"; "e8"; "zz" ] do
    let name = byId |> Map.tryFind id |> Option.map (fun e -> e.Name) |> Option.defaultValue "?"
    printfn "%-5s chain: %s" name (match chain id with [] -> "(none)" | c -> String.concat " > " c)

printfn "headcount under Pavel: %d, cost %d" (headcount "e2") (teamCost "e2")
let grandManagerDept =
    managerOf "e7" |> Option.bind (fun m -> managerOf m.Id) |> Option.bind (fun gm -> gm.Dept)
printfn "e7 grand-manager dept: %A" grandManagerDept
let noDept = emps |> List.filter (fun e -> Option.isNone e.Dept) |> List.map (fun e -> e.Name)
printfn "no dept: %A" noDept
let orphans = emps |> List.filter (fun e -> e.Manager.IsSome && managerOf e.Id |> Option.isNone) |> List.map (fun e -> e.Id)
printfn "orphans: %A" orphans
let deptPay =
    emps
    |> List.choose (fun e -> e.Dept |> Option.map (fun d -> d, e.Salary))
    |> List.groupBy fst
    |> List.map (fun (d, xs) -> d, xs |> List.sumBy snd)
    |> List.sortBy (fun (_, total) -> -total)
printfn "dept pay: %A" deptPay
