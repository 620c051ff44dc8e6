let divide a b =
    if b = 0 then failwith "division by zero" else a / b

let tryDivide a b =
    try
        Ok(divide a b)
    with Failure msg ->
        Error msg

let describe r =
    match r with
    | Ok v -> sprintf "ok %d" v
    | Error e -> sprintf "error (%s)" e

printfn "%s" (describe (tryDivide 17 5))
printfn "%s" (describe (tryDivide (-17) 5))
printfn "%s" (describe (tryDivide 1 0))

let lookup key =
    let table = Map.ofList [ ("a", 1); ("b", 2) ]
    match Map.tryFind key table with
    | Some v -> v
    | None -> failwithf "missing key %s" key

let total keys =
    try
        keys |> List.sumBy lookup
    with :? System.Exception as e ->
        printfn "handler: %s" e.Message
        0

printfn "total = %d" (total [ "a"; "b"; "a" ])
printfn "total = %d" (total [ "a"; "zz" ])

let attempts = ref 0

let guarded f =
    try
        try
            f ()
        finally
            incr attempts
    with _ ->
        -1

printfn "%d %d" (guarded (fun () -> 10)) (guarded (fun () -> failwith "x"))
printfn "attempts: %d" attempts.Value
