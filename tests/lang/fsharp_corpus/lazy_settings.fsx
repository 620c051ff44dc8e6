let expensive name value =
    lazy (
        printfn "computing %s" name
        value * 2)

let settings = [ "timeout", expensive "timeout" 15; "retries", expensive "retries" 3; "port", expensive "port" 4040 ]
printfn "created %d settings" (List.length settings)
let get key = settings |> List.find (fun (k, _) -> k = key) |> snd
printfn "retries = %d" ((get "retries").Value)
printfn "retries again = %d" ((get "retries").Force())
printfn "forced: %A" (settings |> List.map (fun (k, v) -> k, v.IsValueCreated))
let total = settings |> List.sumBy (fun (_, v) -> Lazy.force v)
printfn "total = %d" total
let lazyList = lazy ([ 1 .. 5 ] |> List.map (fun x -> x * x))
printfn "%A" lazyList.Value
let failing = lazy (failwith "boom" : int)
for attempt in 1 .. 2 do
    try
        printfn "%d" failing.Value
    with ex -> printfn "attempt %d: %s" attempt ex.Message
