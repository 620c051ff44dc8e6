let recipe = Map.ofList [ ("flour", 500.0); ("sugar", 200.0); ("butter", 125.0); ("eggs", 3.0) ]
let units = Map.ofList [ ("flour", "g"); ("sugar", "g"); ("butter", "g"); ("eggs", "") ]

let scale factor r = r |> Map.map (fun _ qty -> qty * factor)

let show r =
    r
    |> Map.iter (fun name qty ->
        let u = Map.find name units
        printfn "  %-7s %8.1f%s" name qty (if u = "" then "" else " " + u))

printfn "original:"
show recipe
printfn "x1.5:"
show (scale 1.5 recipe)

let eggsWhole =
    scale 1.5 recipe
    |> Map.map (fun k v -> if k = "eggs" then ceil v else v)

printfn "eggs rounded up: %.0f" (Map.find "eggs" eggsWhole)

let totalGrams =
    recipe
    |> Map.filter (fun k _ -> Map.find k units = "g")
    |> Map.fold (fun acc _ v -> acc + v) 0.0

printfn "total grams: %.1f" totalGrams
