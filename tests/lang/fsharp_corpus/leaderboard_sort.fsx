type Player = { Name: string; Score: int; Time: float }

let players =
    [ { Name = "zoe"; Score = 90; Time = 31.5 }
      { Name = "adam"; Score = 75; Time = 28.0 }
      { Name = "mia"; Score = 90; Time = 29.25 }
      { Name = "bob"; Score = 75; Time = 28.0 }
      { Name = "eve"; Score = 60; Time = 40.0 } ]

let byScoreThenName = players |> List.sortBy (fun p -> -p.Score, p.Name)
printfn "%s" (byScoreThenName |> List.map (fun p -> p.Name) |> String.concat " ")

let byScoreThenTime =
    players
    |> List.sortWith (fun a b ->
        match compare b.Score a.Score with
        | 0 -> compare a.Time b.Time
        | c -> c)
printfn "%s" (byScoreThenTime |> List.map (fun p -> p.Name) |> String.concat " ")

let ranked =
    byScoreThenName
    |> List.fold (fun (acc, prev, rank, i) p ->
        let r = if Some p.Score = prev then rank else i
        ((r, p) :: acc, Some p.Score, r, i + 1)) ([], None, 0, 1)
    |> fun (acc, _, _, _) -> List.rev acc

for (rank, p) in ranked do
    printfn "%d. %-5s %3d %6.2f" rank p.Name p.Score p.Time

printfn "%A" (players |> List.sortByDescending (fun p -> p.Time) |> List.map (fun p -> p.Name) |> List.take 2)
printfn "%A" (List.sortWith (fun (a: string) b -> compare b.Length a.Length) [ "aa"; "b"; "cccc"; "dd" ])
printfn "%d %d %d" (compare "abc" "abd") (compare 3 3) (compare (2, "b") (2, "a"))
printfn "%A" (players |> List.map (fun p -> p.Score) |> List.distinct |> List.sortDescending)
