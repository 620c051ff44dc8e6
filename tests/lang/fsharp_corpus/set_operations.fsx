// Course enrollment analysis with Set and Map
let enrollments =
    [ "alice", [ "math"; "physics"; "art" ]
      "bob", [ "math"; "history" ]
      "carol", [ "physics"; "chemistry"; "math" ]
      "dave", [ "art"; "history"; "music" ]
      "erin", [ "music" ] ]
    |> List.map (fun (s, cs) -> s, Set.ofList cs)
    |> Map.ofList

let allCourses = enrollments |> Map.fold (fun acc _ cs -> Set.union acc cs) Set.empty
printfn "courses offered: %s" (allCourses |> Set.toList |> String.concat ", ")

let students course =
    enrollments |> Map.filter (fun _ cs -> Set.contains course cs) |> Map.keys |> List.ofSeq

for c in allCourses do
    printfn "%-10s %d: %s" c (students c).Length (String.concat " " (students c))

let common a b = Set.intersect enrollments.[a] enrollments.[b]
printfn "alice & carol share: %A" (common "alice" "carol" |> Set.toList)
printfn "alice & erin share: %A" (common "alice" "erin" |> Set.toList)
printfn "bob - alice: %A" (Set.difference enrollments.["bob"] enrollments.["alice"] |> Set.toList)

let science = set [ "physics"; "chemistry"; "biology" ]
let scienceStudents = enrollments |> Map.filter (fun _ cs -> not (Set.isEmpty (Set.intersect cs science))) |> Map.toList |> List.map fst
printfn "science students: %A" scienceStudents
printfn "is {math} subset of carol? %b" (Set.isSubset (set [ "math" ]) enrollments.["carol"])
printfn "is science superset of {physics}? %b" (Set.isSuperset science (Set.singleton "physics"))

let pairs =
    [ for KeyValue(a, ca) in enrollments do
        for KeyValue(b, cb) in enrollments do
            if a < b then
                let n = Set.count (Set.intersect ca cb)
                if n >= 2 then yield sprintf "%s+%s(%d)" a b n ]
printfn "pairs sharing 2+: %s" (String.concat " " pairs)

let load = enrollments |> Map.map (fun _ cs -> cs.Count)
let busiest = load |> Map.toList |> List.sortBy (fun (s, n) -> -n, s) |> List.head
printfn "busiest: %A" busiest
let s1 = Set.ofList [ 5; 1; 3; 9; 7 ]
printfn "min=%d max=%d above4=%A" s1.MinimumElement s1.MaximumElement (Set.filter (fun x -> x > 4) s1)
printfn "partition: %A" (Set.partition (fun x -> x < 5) s1)
