open System

let parseInt (s: string) =
    match Int32.TryParse(s.Trim()) with
    | true, n -> Some n
    | _ -> None

let validateAge n =
    if n >= 0 && n <= 150 then Some n else None

let inputs = [ "42"; " 17 "; "abc"; "200"; "-5"; "99" ]

for s in inputs do
    let label = sprintf "'%s'" s
    match s |> parseInt |> Option.bind validateAge with
    | Some age -> printfn "%-6s -> age %d" label age
    | None -> printfn "%-6s -> invalid" label

let valid = inputs |> List.choose (fun s -> parseInt s |> Option.bind validateAge)
printfn "valid: %A" valid
printfn "average: %.1f" (valid |> List.map float |> List.average)

let firstBig = valid |> List.tryFind (fun n -> n > 50)
let shown =
    match firstBig with
    | Some n -> string n
    | None -> "none"
printfn "first over 50: %s" shown
printfn "default: %d" (parseInt "x" |> Option.defaultValue 0)
