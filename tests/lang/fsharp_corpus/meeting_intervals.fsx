type Meeting = { Title: string; Start: int; End: int }

let toClock minutes = sprintf "%02d:%02d" (minutes / 60) (minutes % 60)

let parseClock (s: string) =
    match s.Split(':') |> Array.map int with
    | [| h; m |] -> h * 60 + m
    | _ -> failwithf "bad time %s" s

let meetings =
    [ "standup", "09:00", "09:15"
      "design", "10:00", "11:30"
      "1:1", "11:00", "11:45"
      "lunch", "12:00", "13:00"
      "review", "12:30", "14:00"
      "retro", "16:00", "16:30" ]
    |> List.map (fun (t, s, e) -> { Title = t; Start = parseClock s; End = parseClock e })

let merge intervals =
    intervals
    |> List.sortBy fst
    |> List.fold (fun acc (s, e) ->
        match acc with
        | (ps, pe) :: rest when s <= pe -> (ps, max pe e) :: rest
        | _ -> (s, e) :: acc) []
    |> List.rev

let busy = meetings |> List.map (fun m -> m.Start, m.End) |> merge
printfn "busy:"
busy |> List.iter (fun (s, e) -> printfn "  %s-%s" (toClock s) (toClock e))

let dayStart, dayEnd = parseClock "09:00", parseClock "17:00"
let free =
    (dayStart, dayStart) :: busy @ [ (dayEnd, dayEnd) ]
    |> List.pairwise
    |> List.choose (fun ((_, e1), (s2, _)) -> if s2 > e1 then Some (e1, s2) else None)
printfn "free:"
free |> List.iter (fun (s, e) -> printfn "  %s-%s (%d min)" (toClock s) (toClock e) (e - s))

let conflicts =
    [ for a in meetings do
        for b in meetings do
            if a.Title < b.Title && a.Start < b.End && b.Start < a.End then
                yield sprintf "%s/%s" a.Title b.Title ]
printfn "conflicts: %A" conflicts
let longest = free |> List.maxBy (fun (s, e) -> e - s)
printfn "longest free slot starts %s" (toClock (fst longest))
printfn "booked %d of %d minutes" (busy |> List.sumBy (fun (s, e) -> e - s)) (dayEnd - dayStart)
