open System

let classify (c: char) =
    if Char.IsDigit c then "digit"
    elif c = ' ' then "space"
    elif (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') then "letter"
    else "symbol"

let sample = "R2-D2 has 3 legs!"

let counts =
    sample
    |> Seq.map classify
    |> Seq.countBy id
    |> Seq.sortBy fst
    |> Seq.toList

for (kind, n) in counts do
    printfn "%-6s %d" kind n

let extractNumbers (s: string) =
    let mutable current = ""
    let mutable found = []
    for c in s + " " do
        if Char.IsDigit c then
            current <- current + string c
        elif current <> "" then
            found <- int current :: found
            current <- ""
    List.rev found

printfn "%A" (extractNumbers "order 66 shipped 12 boxes to 7 cities in 2024")
printfn "sum: %d" (extractNumbers "a1b22c333" |> List.sum)

let isNumeric (s: string) = s.Length > 0 && s |> Seq.forall Char.IsDigit
printfn "%b %b %b" (isNumeric "12345") (isNumeric "12a45") (isNumeric "")
