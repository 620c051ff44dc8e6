type Task = { Name: string; Remaining: int }

let quantum = 3

let rec schedule time queue finished =
    match queue with
    | [] -> time, List.rev finished
    | t :: rest ->
        let run = min quantum t.Remaining
        let time' = time + run
        if t.Remaining = run then
            schedule time' rest ((t.Name, time') :: finished)
        else
            schedule time' (rest @ [ { t with Remaining = t.Remaining - run } ]) finished

let tasks =
    [ { Name = "A"; Remaining = 5 }
      { Name = "B"; Remaining = 2 }
      { Name = "C"; Remaining = 7 } ]

let finish, log = schedule 0 tasks []

for (name, t) in log do
    printfn "t=%2d %s done" t name

let avg = (log |> List.sumBy snd) / List.length log
printfn "total %d, average turnaround %d" finish avg

let order = log |> List.map fst |> String.concat ""
printfn "completion order: %s" order

let longer = tasks |> List.map (fun t -> { t with Remaining = t.Remaining * 2 })
let finish2, log2 = schedule 0 longer []
printfn "doubled: total %d, last %s" finish2 (fst (List.last log2))
