// Quoted-CSV field splitter implemented as an explicit state machine
open System.Text

type LexState =
    | FieldStart
    | InUnquoted
    | InQuoted
    | QuoteInQuoted

let splitCsv (line: string) =
    let fields = ResizeArray<string>()
    let cur = StringBuilder()
    let emit () =
        fields.Add(cur.ToString())
        cur.Clear() |> ignore
    let mutable state = FieldStart
    for c in line do
        state <-
            match state, c with
            | FieldStart, '"' -> InQuoted
            | FieldStart, ',' -> emit (); FieldStart
            | FieldStart, ch -> cur.Append(ch) |> ignore; InUnquoted
            | InUnquoted, ',' -> emit (); FieldStart
            | InUnquoted, ch -> cur.Append(ch) |> ignore; InUnquoted
            | InQuoted, '"' -> QuoteInQuoted
            | InQuoted, ch -> cur.Append(ch) |> ignore; InQuoted
            | QuoteInQuoted, '"' -> cur.Append('"') |> ignore; InQuoted
            | QuoteInQuoted, ',' -> emit (); FieldStart
            | QuoteInQuoted, ch -> failwithf "unexpected '%c' after closing quote" ch
    match state with
    | InQuoted -> failwith "unterminated quote"
    | _ -> emit ()
    List.ofSeq fields

let samples =
    [ "a,b,c"
      "\"hello, world\",42,x"
      "\"she said \"\"hi\"\"\",,end"
      ",leading,and trailing,"
      "\"broken"
      "\"bad\"x,1" ]

for s in samples do
    try
        let fs = splitCsv s
        printfn "%d fields: %s" fs.Length (fs |> List.map (sprintf "<%s>") |> String.concat " ")
    with Failure m -> printfn "error: %s" m

let table =
    [ "id,name,score"; "1,\"Smith, J\",88"; "2,Lee,93"; "3,\"O\"\"Neil\",71" ]
    |> List.map splitCsv
let header = List.head table
let rows = List.tail table
let widths =
    header
    |> List.mapi (fun i _ -> table |> List.map (fun r -> (List.item i r).Length) |> List.max)
for r in table do
    r |> List.mapi (fun i f -> f.PadRight(List.item i widths)) |> String.concat " | " |> printfn "%s"
let avg = rows |> List.averageBy (fun r -> float (List.item 2 r))
printfn "average score: %.2f" avg
