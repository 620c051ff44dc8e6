let env = Map.ofList [ "HOME", "/home/ann"; "PORT", "8080"; "DEBUG", "yes" ]
let file = Map.ofList [ "PORT", "9090"; "HOST", "example.org"; "RETRIES", "x3" ]

let lookup key =
    Map.tryFind key env |> Option.orElse (Map.tryFind key file)

let tryInt (s: string) =
    match System.Int32.TryParse s with
    | true, n -> Some n
    | _ -> None

let port = lookup "PORT" |> Option.bind tryInt |> Option.defaultValue 80
let host = lookup "HOST" |> Option.defaultWith (fun () -> "localhost")
let retries = lookup "RETRIES" |> Option.bind tryInt |> Option.defaultValue 1
let timeout = lookup "TIMEOUT" |> Option.map int |> Option.orElseWith (fun () -> Some 30)
printfn "port=%d host=%s retries=%d timeout=%A" port host retries timeout

let debug =
    lookup "DEBUG"
    |> Option.filter (fun v -> v = "yes" || v = "true")
    |> Option.isSome
printfn "debug=%b" debug

let keys = [ "HOME"; "HOST"; "USER"; "PORT" ]
let found = keys |> List.choose (fun k -> lookup k |> Option.map (fun v -> k + "=" + v))
printfn "%s" (String.concat "; " found)
printfn "%A" (keys |> List.map (lookup >> Option.map String.length))
let first = keys |> List.tryPick lookup
printfn "first: %A" first
printfn "count: %d" (lookup "HOME" |> Option.count)
printfn "%A" (Option.map2 (+) (tryInt "2") (tryInt "40"))
printfn "%A" (Option.map2 (+) (tryInt "2") (tryInt "forty"))
printfn "%A" (Some 5 |> Option.toList, (None: int option) |> Option.toList)
