type Student = { Name: string; Scores: int list }

let students =
    [ { Name = "Ana"; Scores = [ 92; 88; 95 ] }
      { Name = "Ben"; Scores = [ 75; 64; 81 ] }
      { Name = "Cy"; Scores = [ 58; 62; 49 ] }
      { Name = "Dee"; Scores = [ 85; 90; 78 ] } ]

let average xs = float (List.sum xs) / float (List.length xs)

let letter avg =
    match avg with
    | a when a >= 90.0 -> 'A'
    | a when a >= 80.0 -> 'B'
    | a when a >= 70.0 -> 'C'
    | a when a >= 60.0 -> 'D'
    | _ -> 'F'

for s in students do
    let avg = average s.Scores
    printfn "%-5s %6.2f %c" s.Name avg (letter avg)

let best = students |> List.maxBy (fun s -> average s.Scores)
printfn "top: %s" best.Name

let allScores = students |> List.collect (fun s -> s.Scores)
printfn "overall max %d, min %d" (List.max allScores) (List.min allScores)

let passing =
    students
    |> List.filter (fun s -> average s.Scores >= 60.0)
    |> List.map (fun s -> s.Name)

printfn "passing: %s" (String.concat ", " passing)

let curved =
    students
    |> List.map (fun s -> { s with Scores = s.Scores |> List.map (fun x -> min 100 (x + 5)) })

let scoresOf name = (curved |> List.find (fun s -> s.Name = name)).Scores
printfn "curved Cy: %A" (scoresOf "Cy")
printfn "curved Ana: %A" (scoresOf "Ana")
