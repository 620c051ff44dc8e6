type Employee =
    { Name: string
      Title: string
      Salary: int
      Reports: Team }
and Team = Team of Employee list

let emp name title salary reports = { Name = name; Title = title; Salary = salary; Reports = Team reports }

let org =
    emp "Grace" "CEO" 300 [
        emp "Alan" "CTO" 200 [
            emp "Ada" "Engineer" 120 []
            emp "Linus" "Engineer" 110 [ emp "Ken" "Intern" 40 [] ] ]
        emp "Mary" "CFO" 190 [ emp "Bob" "Accountant" 90 [] ] ]

let rec headcount e = 1 + teamCount e.Reports
and teamCount (Team members) = members |> List.sumBy headcount

let rec payroll e =
    let (Team rs) = e.Reports
    e.Salary + (rs |> List.sumBy payroll)

let rec print indent e =
    printfn "%s%s (%s) %d" (String.replicate indent "  ") e.Name e.Title e.Salary
    let (Team rs) = e.Reports
    rs |> List.iter (print (indent + 1))

let rec find name e : Employee list option =
    if e.Name = name then Some [ e ]
    else
        let (Team rs) = e.Reports
        rs |> List.tryPick (find name) |> Option.map (fun path -> e :: path)

let rec depth e =
    match e.Reports with
    | Team [] -> 1
    | Team rs -> 1 + (rs |> List.map depth |> List.max)

let rec isEven n = if n = 0 then true else isOdd (n - 1)
and isOdd n = if n = 0 then false else isEven (n - 1)

print 0 org
printfn "headcount %d payroll %d depth %d" (headcount org) (payroll org) (depth org)
match find "Ken" org with
| Some path -> printfn "chain: %s" (path |> List.map (fun e -> e.Name) |> String.concat " > ")
| None -> printfn "not found"
printfn "%A" (find "Zed" org |> Option.map List.length)
printfn "%b %b" (isEven 10) (isOdd 7)
