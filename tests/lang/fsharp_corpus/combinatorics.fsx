let rec permutations xs =
    match xs with
    | [] -> [ [] ]
    | _ ->
        xs
        |> List.collect (fun x ->
            let rest = xs |> List.filter (fun y -> y <> x)
            permutations rest |> List.map (fun p -> x :: p))

let rec combinations k xs =
    match k, xs with
    | 0, _ -> [ [] ]
    | _, [] -> []
    | k, x :: rest -> (combinations (k - 1) rest |> List.map (fun c -> x :: c)) @ combinations k rest

let rec powerset xs =
    match xs with
    | [] -> [ [] ]
    | x :: rest ->
        let ps = powerset rest
        ps @ (ps |> List.map (fun p -> x :: p))

let show xss =
    xss
    |> List.map (fun xs -> if List.isEmpty xs then "{}" else xs |> List.map string |> String.concat "")
    |> String.concat " "

printfn "%s" (show (permutations [ 1; 2; 3 ]))
printfn "%d" (List.length (permutations [ 1 .. 5 ]))
printfn "%s" (show (combinations 2 [ 1; 2; 3; 4 ]))
printfn "%s" (show (powerset [ 1; 2; 3 ]))
printfn "%d" (powerset [ 1 .. 6 ] |> List.filter (fun s -> List.sum s = 10) |> List.length)
printfn "%d" (List.length (combinations 3 [ 1 .. 6 ]))
