let parseQuery (q: string) =
    let q = if q.StartsWith "?" then q.Substring 1 else q
    q.Split('&')
    |> Array.choose (fun pair ->
        match pair.Split('=') with
        | [| k; v |] -> Some (k, v)
        | [| k |] when k <> "" -> Some (k, "")
        | _ -> None)
    |> Array.fold (fun (m: Map<string, string list>) (k, v) ->
        let existing = defaultArg (Map.tryFind k m) []
        Map.add k (existing @ [ v ]) m) Map.empty

let q = parseQuery "?page=2&tag=fsharp&tag=dotnet&debug&sort=desc&=bad"
for KeyValue (k, vs) in q do
    printfn "%-6s -> %s" k (String.concat "|" vs)
let page = q |> Map.tryFind "page" |> Option.bind List.tryHead |> Option.map int |> Option.defaultValue 1
printfn "page %d" page
let limit = q |> Map.tryFind "limit" |> Option.bind List.tryHead |> Option.map int |> Option.defaultValue 20
printfn "limit %d" limit
printfn "has debug: %b" (q.ContainsKey "debug")
printfn "tags: %A" q.["tag"]
let rebuilt =
    q |> Map.toList |> List.collect (fun (k, vs) -> vs |> List.map (fun v -> if v = "" then k else k + "=" + v)) |> String.concat "&"
printfn "%s" rebuilt
