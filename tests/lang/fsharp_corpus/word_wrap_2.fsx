// Greedy word wrap and justification
open System

let text =
    "Functional programming treats computation as the evaluation of mathematical functions and avoids changing state and mutable data. It emphasizes expressions over statements."

let wrap width (s: string) =
    let words = s.Split([| ' ' |], StringSplitOptions.RemoveEmptyEntries) |> List.ofArray
    let rec go lines current words =
        match words with
        | [] -> List.rev (if current = "" then lines else current :: lines)
        | w :: rest ->
            if current = "" then go lines w rest
            elif current.Length + 1 + w.Length <= width then go lines (current + " " + w) rest
            else go (current :: lines) w rest
    go [] "" words

let justify width (line: string) =
    let words = line.Split(' ')
    if words.Length = 1 then line.PadRight width
    else
        let totalChars = words |> Array.sumBy String.length
        let gaps = words.Length - 1
        let spaces = width - totalChars
        let baseGap = spaces / gaps
        let extra = spaces % gaps
        words
        |> Array.mapi (fun i w ->
            if i = words.Length - 1 then w
            else w + String(' ', baseGap + (if i < extra then 1 else 0)))
        |> String.concat ""

let width = 28
let lines = wrap width text
printfn "+%s+" (String('-', width))
for l in lines do
    printfn "|%-28s|" l
printfn "+%s+" (String('-', width))
lines
|> List.iteri (fun i l ->
    let j = if i = lines.Length - 1 then l.PadRight width else justify width l
    printfn "|%s|" j)
printfn "+%s+" (String('-', width))
let centered = lines |> List.map (fun l -> let pad = (width - l.Length) / 2 in String(' ', pad) + l)
centered |> List.truncate 3 |> List.iter (printfn "[%s]")
printfn "lines=%d longest=%d" lines.Length (lines |> List.map String.length |> List.max)
