open System.Collections.Generic

type Priority =
    | Low
    | Medium
    | High

type Todo = { Id: int; Title: string; Priority: Priority; mutable Done: bool; Tags: string list }

let todos = ResizeArray<Todo>()
let byTag = Dictionary<string, HashSet<int>>()
let mutable nextId = 1

let add title prio tags =
    let t = { Id = nextId; Title = title; Priority = prio; Done = false; Tags = tags }
    nextId <- nextId + 1
    todos.Add t
    for tag in tags do
        if not (byTag.ContainsKey tag) then byTag.[tag] <- HashSet<int>()
        byTag.[tag].Add t.Id |> ignore
    t.Id

let complete id =
    match todos |> Seq.tryFind (fun t -> t.Id = id) with
    | Some t -> t.Done <- true; true
    | None -> false

add "write report" High [ "work" ] |> ignore
add "buy milk" Low [ "home"; "errand" ] |> ignore
add "fix bug 42" High [ "work"; "urgent" ] |> ignore
add "call mum" Medium [ "home" ] |> ignore
printfn "completed 3: %b, completed 9: %b" (complete 3) (complete 9)

let pending =
    todos
    |> Seq.filter (fun t -> not t.Done)
    |> Seq.sortBy (fun t -> (match t.Priority with High -> 0 | Medium -> 1 | Low -> 2), t.Title)
    |> List.ofSeq
for t in pending do
    printfn "[%d] %-12s %A" t.Id t.Title t.Priority

for KeyValue (tag, ids) in byTag do
    printfn "%s: %s" tag (ids |> Seq.map string |> String.concat " ")

printfn "count=%d done=%d" todos.Count (todos |> Seq.filter (fun t -> t.Done) |> Seq.length)
todos.RemoveAll(fun t -> t.Done) |> ignore
printfn "after cleanup: %d, first=%s" todos.Count todos.[0].Title
let work = byTag.["work"]
printfn "work has 3: %b, size %d" (work.Contains 3) work.Count
