open System.Text

type Json =
    | JNull
    | JBool of bool
    | JNum of float
    | JStr of string
    | JArr of Json list
    | JObj of (string * Json) list

let escape (s: string) =
    s |> String.collect (fun c ->
        match c with
        | '"' -> "\\\""
        | '\\' -> "\\\\"
        | '\n' -> "\\n"
        | c -> string c)

let rec render (sb: StringBuilder) indent json =
    let pad n = String.replicate n "  "
    match json with
    | JNull -> sb.Append("null") |> ignore
    | JBool b -> sb.Append(if b then "true" else "false") |> ignore
    | JNum n -> sb.Append(string n) |> ignore
    | JStr s -> sb.Append("\"").Append(escape s).Append("\"") |> ignore
    | JArr [] -> sb.Append("[]") |> ignore
    | JArr items ->
        sb.Append("[\n") |> ignore
        items |> List.iteri (fun i item ->
            sb.Append(pad (indent + 1)) |> ignore
            render sb (indent + 1) item
            if i < List.length items - 1 then sb.Append(",") |> ignore
            sb.Append("\n") |> ignore)
        sb.Append(pad indent).Append("]") |> ignore
    | JObj fields ->
        sb.Append("{\n") |> ignore
        fields |> List.iteri (fun i (k, v) ->
            sb.Append(pad (indent + 1)).Append("\"").Append(k).Append("\": ") |> ignore
            render sb (indent + 1) v
            if i < List.length fields - 1 then sb.Append(",") |> ignore
            sb.Append("\n") |> ignore)
        sb.Append(pad indent).Append("}") |> ignore

let doc =
    JObj [ "name", JStr "widget \"pro\""
           "price", JNum 9.5
           "qty", JNum 3.0
           "tags", JArr [ JStr "a"; JStr "b\nc" ]
           "meta", JObj [ "active", JBool true; "parent", JNull; "children", JArr [] ] ]

let sb = StringBuilder()
render sb 0 doc
printfn "%s" (sb.ToString())

let rec count = function
    | JArr xs -> 1 + List.sumBy count xs
    | JObj fs -> 1 + List.sumBy (snd >> count) fs
    | _ -> 1
printfn "nodes: %d" (count doc)
