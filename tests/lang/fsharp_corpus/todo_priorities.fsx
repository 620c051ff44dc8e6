type Priority =
    | Low
    | Medium
    | High

type Todo = { Title: string; Priority: Priority; Done: bool }

let todos =
    [ { Title = "write tests"; Priority = High; Done = false }
      { Title = "lunch"; Priority = Low; Done = true }
      { Title = "review PR"; Priority = Medium; Done = false }
      { Title = "fix bug"; Priority = High; Done = true }
      { Title = "email"; Priority = Low; Done = false } ]

let label p =
    match p with
    | High -> "!!!"
    | Medium -> "!!"
    | Low -> "!"

let pending =
    todos
    |> List.filter (fun t -> not t.Done)
    |> List.sortByDescending (fun t -> t.Priority)

for t in pending do
    printfn "[ ] %-3s %s" (label t.Priority) t.Title

let completeHigh ts =
    ts |> List.map (fun t -> if t.Priority = High then { t with Done = true } else t)

let after = completeHigh todos
let doneCount = after |> List.filter (fun t -> t.Done) |> List.length
printfn "done: %d/%d" doneCount (List.length after)

let byPriority = todos |> List.groupBy (fun t -> t.Priority) |> List.sortBy fst

for (p, ts) in byPriority do
    printfn "%s: %s" (label p) (ts |> List.map (fun t -> t.Title) |> String.concat ", ")

printfn "high first: %b" (High > Medium && Medium > Low)
