type Json =
    | JNull
    | JBool of bool
    | JNum of int
    | JStr of string
    | JArr of Json list
    | JObj of (string * Json) list

let rec render json =
    match json with
    | JNull -> "null"
    | JBool b -> if b then "true" else "false"
    | JNum n -> string n
    | JStr s -> "\"" + s + "\""
    | JArr items -> "[" + (items |> List.map render |> String.concat ",") + "]"
    | JObj fields ->
        let parts = fields |> List.map (fun (k, v) -> sprintf "\"%s\":%s" k (render v))
        "{" + String.concat "," parts + "}"

let doc =
    JObj
        [ ("name", JStr "fusabi")
          ("version", JNum 3)
          ("tags", JArr [ JStr "fsharp"; JStr "scripting" ])
          ("stable", JBool false)
          ("parent", JNull) ]

printfn "%s" (render doc)

let rec count json =
    match json with
    | JArr items -> 1 + List.sumBy count items
    | JObj fields -> 1 + List.sumBy (snd >> count) fields
    | _ -> 1

printfn "nodes: %d" (count doc)

let field name json =
    match json with
    | JObj fields -> fields |> List.tryFind (fun (k, _) -> k = name) |> Option.map snd
    | _ -> None

match field "tags" doc with
| Some (JArr xs) -> printfn "tags: %d" (List.length xs)
| _ -> printfn "no tags"

printfn "%s" (field "missing" doc |> Option.map render |> Option.defaultValue "<absent>")
