type State = Start | InField | InQuoted | QuoteInQuoted

let parseCsvLine (line: string) =
    let finish (cur: char list) fields = (cur |> List.rev |> List.map string |> String.concat "") :: fields
    let step (state, cur, fields) c =
        match state, c with
        | (Start | InField), ',' -> Start, [], finish cur fields
        | Start, '"' -> InQuoted, cur, fields
        | (Start | InField), ch -> InField, ch :: cur, fields
        | InQuoted, '"' -> QuoteInQuoted, cur, fields
        | InQuoted, ch -> InQuoted, ch :: cur, fields
        | QuoteInQuoted, '"' -> InQuoted, '"' :: cur, fields
        | QuoteInQuoted, ',' -> Start, [], finish cur fields
        | QuoteInQuoted, ch -> InField, ch :: cur, fields
    let _, cur, fields = line |> Seq.fold step (Start, [], [])
    finish cur fields |> List.rev

let lines = [ "a,b,c"; "\"hello, world\",42,"; "x,\"say \"\"hi\"\"\",z"; "" ]
for l in lines do
    let fs = parseCsvLine l
    printfn "%d fields: %s" (List.length fs) (fs |> List.map (sprintf "[%s]") |> String.concat " ")

let widths = lines |> List.map (parseCsvLine >> List.map String.length)
printfn "%A" widths
