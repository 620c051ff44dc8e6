exception ValidationError of string
exception OutOfRange of string * int

let validateAge age =
    if age < 0 then raise (OutOfRange("age", age))
    elif age > 150 then raise (ValidationError "age too large")
    else age

let tryValidate age =
    try
        Ok (validateAge age)
    with
    | OutOfRange (field, v) -> Error (sprintf "%s out of range: %d" field v)
    | ValidationError msg -> Error msg

for a in [ 30; -5; 200 ] do
    match tryValidate a with
    | Ok v -> printfn "ok %d" v
    | Error e -> printfn "error: %s" e

let parseAll (items: string list) =
    items |> List.map (fun s ->
        try int s
        with :? System.FormatException -> 0)
printfn "%A" (parseAll [ "1"; "x"; "42" ])

let divide a b =
    try
        Some (a / b)
    with
    | :? System.DivideByZeroException as ex -> printfn "caught: %s" ex.Message; None

printfn "%A %A" (divide 10 3) (divide 1 0)

let checkedOp () =
    try
        try
            failwith "inner"
        finally
            printfn "cleanup"
    with Failure m -> printfn "outer caught %s" m
checkedOp ()

let result =
    try
        invalidArg "count" "must be positive"
    with
    | :? System.ArgumentException as e -> e.Message
printfn "%s" result
