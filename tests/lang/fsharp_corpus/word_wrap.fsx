let wrap width (text: string) =
    let words = text.Split(' ') |> Array.toList
    let rec go (line: string) lines words =
        match words with
        | [] -> List.rev (if line = "" then lines else line :: lines)
        | (w: string) :: rest ->
            if line = "" then go w lines rest
            elif line.Length + 1 + w.Length <= width then go (line + " " + w) lines rest
            else go w (line :: lines) rest
    go "" [] words

let pad width (s: string) = s + String.replicate (width - s.Length) " "

let text = "the quick brown fox jumps over the lazy dog and keeps running far away"

for width in [ 16; 25 ] do
    printfn "width %d:" width
    wrap width text |> List.iteri (fun i l -> printfn "%2d |%s|" (i + 1) (pad width l))

let longest =
    wrap 16 text
    |> List.map String.length
    |> List.max

printfn "longest line: %d" longest
