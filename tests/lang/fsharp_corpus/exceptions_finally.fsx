exception ValidationError of field: string * reason: string
exception InsufficientStock of sku: string * wanted: int * available: int

let stock = Map.ofList [ "apple", 5; "pear", 0 ]

let reserve sku qty =
    if qty <= 0 then raise (ValidationError ("qty", sprintf "must be positive, got %d" qty))
    match Map.tryFind sku stock with
    | None -> failwithf "unknown sku %s" sku
    | Some avail when avail < qty -> raise (InsufficientStock (sku, qty, avail))
    | Some avail -> avail - qty

let attempt sku qty =
    let mutable log = [ "start" ]
    try
        try
            let left = reserve sku qty
            log <- sprintf "ok %d left" left :: log
        with
        | ValidationError (f, r) -> log <- sprintf "invalid %s: %s" f r :: log
        | InsufficientStock (s, w, a) -> log <- sprintf "short %s %d/%d" s a w :: log
    finally
        log <- "end" :: log
        printfn "%s" (log |> List.rev |> String.concat " | ")

attempt "apple" 2
attempt "apple" 9
attempt "pear" 0
try
    attempt "kiwi" 1
with Failure msg -> printfn "caught: %s" msg

let cleanup = ResizeArray<string>()
let withResource name f =
    cleanup.Add (sprintf "open %s" name)
    try f name
    finally cleanup.Add (sprintf "close %s" name)

let r = withResource "db" (fun n -> withResource "file" (fun m -> sprintf "%s+%s" n m))
printfn "%s; %s" r (String.concat ", " cleanup)
let safeDiv a b = try Some (a / b) with :? System.DivideByZeroException -> None
printfn "%A %A" (safeDiv 10 3) (safeDiv 1 0)
try invalidOp "state broken" with :? System.InvalidOperationException as e -> printfn "%s" e.Message
let ex = InsufficientStock ("x", 1, 0)
match ex with
| InsufficientStock (sku, _, _) -> printfn "sku %s" sku
| _ -> ()
