[<AbstractClass>]
type Employee(name: string, baseSalary: int) =
    member _.Name = name
    member _.BaseSalary = baseSalary
    abstract Bonus: unit -> int
    abstract Title: string
    default _.Title = "Employee"
    member this.TotalPay() = this.BaseSalary + this.Bonus()
    override this.ToString() = sprintf "%s (%s): %d" this.Name this.Title (this.TotalPay())

type Engineer(name, salary, level: int) =
    inherit Employee(name, salary)
    override _.Bonus() = level * 1000
    override _.Title = sprintf "Engineer L%d" level

type Manager(name, salary, reports: Employee list) =
    inherit Employee(name, salary)
    member _.Reports = reports
    override _.Bonus() = 2000 + 500 * List.length reports
    override _.Title = "Manager"

type Intern(name) =
    inherit Employee(name, 20000)
    override _.Bonus() = 0

let alice = Engineer("Alice", 90000, 3)
let bob = Engineer("Bob", 80000, 1)
let ivy = Intern("Ivy")
let carol = Manager("Carol", 100000, [ alice; bob; ivy ])
let dan = Manager("Dan", 120000, [ carol ])

let staff: Employee list = [ alice; bob; ivy; carol; dan ]
for e in staff do
    printfn "%O" e

let payroll = staff |> List.sumBy (fun e -> e.TotalPay())
printfn "payroll: %d" payroll

let rec headcount (e: Employee) =
    match e with
    | :? Manager as m -> 1 + (m.Reports |> List.sumBy headcount)
    | _ -> 1
printfn "Dan's org size: %d" (headcount dan)

let rec orgChart indent (e: Employee) =
    printfn "%s- %s" (String.replicate indent "  ") e.Name
    match e with
    | :? Manager as m -> m.Reports |> List.iter (orgChart (indent + 1))
    | _ -> ()
orgChart 0 dan

let byTitle =
    staff
    |> List.groupBy (fun e -> e.Title.Split(' ').[0])
    |> List.map (fun (t, es) -> sprintf "%s:%d" t es.Length)
printfn "%s" (String.concat " " byTitle)
let highest = staff |> List.maxBy (fun e -> e.Bonus())
printfn "highest bonus: %s with %d" highest.Name (highest.Bonus())
