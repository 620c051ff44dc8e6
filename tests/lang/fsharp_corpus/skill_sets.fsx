let alice = Set.ofList [ "rust"; "fsharp"; "python"; "go" ]
let bob = Set.ofList [ "python"; "java"; "go"; "c" ]

let show s = s |> Set.toList |> String.concat ", "

printfn "alice: %s" (show alice)
printfn "bob: %s" (show bob)
printfn "both: %s" (show (Set.intersect alice bob))
printfn "either: %s" (show (Set.union alice bob))
printfn "only alice: %s" (show (Set.difference alice bob))
printfn "count: %d" (Set.count (Set.union alice bob))
printfn "bob knows go: %b" (Set.contains "go" bob)

let carol = alice |> Set.add "c" |> Set.remove "rust"
printfn "carol: %s" (show carol)
printfn "subset: %b" (Set.isSubset (Set.ofList [ "go"; "c" ]) bob)

let sizes = [ alice; bob; carol ] |> List.map Set.count
printfn "sizes: %A" sizes

let evensBelow n = Set.ofList [ for i in 0 .. 2 .. n - 1 -> i ]
printfn "%A" (Set.toList (evensBelow 10))
let common = [ alice; bob; carol ] |> List.reduce Set.intersect
printfn "common to all: %s" (show common)
