open System.Collections.Generic

// Discrete-time simulation of a print queue with two printers
type Job = { Id: int; Pages: int; Arrival: int }

type Printer(name: string, pagesPerTick: int) =
    let mutable current: (Job * int) option = None
    member _.Name = name
    member _.Busy = current.IsSome
    member _.Start(job: Job) = current <- Some (job, job.Pages)
    member _.Tick() =
        match current with
        | Some (job, remaining) ->
            let left = remaining - pagesPerTick
            if left <= 0 then
                current <- None
                Some job
            else
                current <- Some (job, left)
                None
        | None -> None

let arrivals =
    [ { Id = 1; Pages = 5; Arrival = 0 }
      { Id = 2; Pages = 12; Arrival = 0 }
      { Id = 3; Pages = 3; Arrival = 1 }
      { Id = 4; Pages = 8; Arrival = 2 }
      { Id = 5; Pages = 2; Arrival = 6 }
      { Id = 6; Pages = 4; Arrival = 6 } ]

let printers = [ Printer("fast", 4); Printer("slow", 2) ]
let waiting = Queue<Job>()
let finished = ResizeArray<int * int * string>()
let mutable tick = 0
let mutable pending = arrivals

while finished.Count < arrivals.Length do
    let now, later = pending |> List.partition (fun j -> j.Arrival = tick)
    pending <- later
    for j in now do
        waiting.Enqueue j
    for p in printers do
        if not p.Busy && waiting.Count > 0 then
            let j = waiting.Dequeue()
            printfn "t=%d: %s starts job %d (%d pages)" tick p.Name j.Id j.Pages
            p.Start j
    for p in printers do
        match p.Tick() with
        | Some j ->
            printfn "t=%d: %s finished job %d" tick p.Name j.Id
            finished.Add((j.Id, tick + 1 - j.Arrival, p.Name))
        | None -> ()
    tick <- tick + 1

printfn "all done after %d ticks" tick
let turnaround = finished |> Seq.map (fun (_, t, _) -> t) |> List.ofSeq
printfn "turnaround times: %A" turnaround
printfn "average turnaround: %.2f" (turnaround |> List.averageBy float)
let perPrinter = finished |> Seq.countBy (fun (_, _, n) -> n) |> Seq.sortBy fst |> List.ofSeq
printfn "jobs per printer: %A" perPrinter
