let size = 5

let grid =
    [ for r in 0 .. size - 1 ->
          [ for c in 0 .. size - 1 ->
                if r = c then '\\'
                elif r + c = size - 1 then '/'
                else '.' ] ]

for row in grid do
    printfn "%s" (row |> List.map string |> String.concat "")

let neighbors (r, c) =
    [ for dr in -1 .. 1 do
          for dc in -1 .. 1 do
              if (dr, dc) <> (0, 0) then
                  let nr, nc = r + dr, c + dc
                  if nr >= 0 && nr < size && nc >= 0 && nc < size then
                      yield (nr, nc) ]

printfn "%d %d %d" (List.length (neighbors (0, 0))) (List.length (neighbors (0, 2))) (List.length (neighbors (2, 2)))

let marks =
    grid
    |> List.sumBy (fun row -> row |> List.filter (fun ch -> ch <> '.') |> List.length)

printfn "marks: %d" marks

let coords = [ for r in 0 .. 2 do for c in 0 .. 2 do if (r + c) % 2 = 0 then yield sprintf "%d%d" r c ]
printfn "%s" (String.concat " " coords)
