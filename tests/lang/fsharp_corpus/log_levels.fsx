open System

type Level =
    | Info
    | Warn
    | Err

type Entry = { Time: int; Level: Level; Message: string }

let parseLevel s =
    match s with
    | "INFO" -> Some Info
    | "WARN" -> Some Warn
    | "ERROR" -> Some Err
    | _ -> None

let parseLine (line: string) =
    let parts = line.Split(' ')
    if parts.Length < 3 then
        None
    else
        match Int32.TryParse(parts.[0]), parseLevel parts.[1] with
        | (true, t), Some lvl -> Some { Time = t; Level = lvl; Message = String.Join(" ", parts.[2..]) }
        | _ -> None

let log =
    [ "100 INFO service started"
      "105 WARN disk at 85%"
      "abc INFO bad timestamp"
      "110 ERROR connection lost to db"
      "111 INFO retrying"
      "112 DEBUG verbose noise"
      "120 ERROR connection lost again"
      "130 INFO recovered" ]

let entries = log |> List.choose parseLine
printfn "parsed %d of %d lines" (List.length entries) (List.length log)

let levelName l =
    match l with
    | Info -> "INFO"
    | Warn -> "WARN"
    | Err -> "ERROR"

entries
|> List.countBy (fun e -> e.Level)
|> List.iter (fun (l, n) -> printfn "%-5s %d" (levelName l) n)

for e in entries |> List.filter (fun e -> e.Level = Err) do
    printfn "[%d] %s" e.Time (e.Message.ToUpper())

printfn "span: %d" ((List.last entries).Time - (List.head entries).Time)
let firstErr = entries |> List.tryFind (fun e -> e.Level = Err) |> Option.map (fun e -> e.Time)
printfn "first error at %d" (defaultArg firstErr (-1))
