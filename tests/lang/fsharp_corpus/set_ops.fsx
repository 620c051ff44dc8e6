let required = Set.ofList [ "fsharp"; "sql"; "git" ]
let candidates =
    [ "ann", set [ "fsharp"; "sql"; "git"; "docker" ]
      "bob", set [ "python"; "git" ]
      "cy", set [ "sql"; "git"; "fsharp" ]
      "di", set [ "fsharp" ] ]

for (name, skills) in candidates do
    let missing = Set.difference required skills
    let extra = skills - required
    if Set.isSubset required skills then
        printfn "%s qualifies (+%d extra)" name extra.Count
    else
        printfn "%s missing %s" name (missing |> Set.toList |> String.concat ",")

let all = candidates |> List.map snd |> Set.unionMany
printfn "all skills: %A" all
let common = candidates |> List.map snd |> Set.intersectMany
printfn "common: %A" common
printfn "superset: %b" (Set.isSuperset all required)
printfn "proper: %b %b" (Set.isProperSubset required all) (Set.isProperSubset required required)
let s = Set.ofList [ 5; 1; 9; 3; 7 ]
printfn "min=%d max=%d" (Set.minElement s) (Set.maxElement s)
printfn "%A" (s |> Set.filter (fun x -> x > 3) |> Set.map (fun x -> x / 2))
let evens, odds = Set.ofList [ 1 .. 10 ] |> Set.partition (fun x -> x % 2 = 0)
printfn "%A %A" evens odds
printfn "%d" (Set.foldBack (fun x acc -> x + acc * 10) (set [ 1; 2; 3 ]) 0)
printfn "%b" (Set.contains 9 s && not (s.Contains 4))
printfn "%A" (Set.add 4 s |> Set.remove 9 |> Set.toList)
