// Grade book report with alignment and statistics
type Student = { Name: string; Scores: int list }

let students =
    [ { Name = "Abernathy"; Scores = [ 88; 92; 79; 95 ] }
      { Name = "Bo"; Scores = [ 65; 70; 58; 81 ] }
      { Name = "Castellanos"; Scores = [ 99; 97; 100; 94 ] }
      { Name = "Dev"; Scores = [ 72; 68; 75; 70 ] }
      { Name = "Eun-ji"; Scores = [ 90; 85; 88; 91 ] } ]

let average xs = float (List.sum xs) / float (List.length xs)

let letter avg =
    match avg with
    | a when a >= 90.0 -> "A"
    | a when a >= 80.0 -> "B"
    | a when a >= 70.0 -> "C"
    | a when a >= 60.0 -> "D"
    | _ -> "F"

let header = sprintf "%-12s %5s %5s %5s %5s %7s %s" "Student" "T1" "T2" "T3" "T4" "Avg" "Grade"
printfn "%s" header
printfn "%s" (String.replicate header.Length "=")
for s in students do
    let cells = s.Scores |> List.map (sprintf "%5d") |> String.concat " "
    let avg = average s.Scores
    printfn "%-12s %s %7.2f %s" s.Name cells avg (letter avg)
printfn "%s" (String.replicate header.Length "-")

let testCount = students.Head.Scores.Length
let columnAvgs =
    [ for t in 0 .. testCount - 1 ->
        students |> List.map (fun s -> List.item t s.Scores) |> average ]
printfn "%-12s %s" "Average" (columnAvgs |> List.map (sprintf "%5.1f") |> String.concat " ")
let columnMax =
    List.init testCount (fun t -> students |> List.map (fun s -> s.Scores.[t]) |> List.max)
printfn "%-12s %s" "Max" (columnMax |> List.map (sprintf "%5d") |> String.concat " ")

let distribution =
    students
    |> List.map (fun s -> letter (average s.Scores))
    |> List.countBy id
    |> Map.ofList
for g in [ "A"; "B"; "C"; "D"; "F" ] do
    let n = distribution |> Map.tryFind g |> Option.defaultValue 0
    printfn "%s: %-5s|%d" g (String.replicate n "#") n

let ranked = students |> List.sortByDescending (fun s -> average s.Scores) |> List.map (fun s -> s.Name)
printfn "ranking: %s" (String.concat " > " ranked)
let improved = students |> List.filter (fun s -> List.last s.Scores > List.head s.Scores) |> List.map (fun s -> s.Name)
printfn "improved: %A" improved
