open System
open System.Text

let shiftChar k (c: char) =
    if Char.IsUpper c then char ((int c - int 'A' + k + 26) % 26 + int 'A')
    elif Char.IsLower c then char ((int c - int 'a' + k + 26) % 26 + int 'a')
    else c

let vigenere decrypt (key: string) (text: string) =
    let shifts = key.ToLower() |> Seq.map (fun c -> int c - int 'a') |> Seq.toArray
    let sb = StringBuilder()
    let mutable j = 0
    for c in text do
        if Char.IsLetter c then
            let k = shifts.[j % shifts.Length]
            sb.Append(shiftChar (if decrypt then -k else k) c) |> ignore
            j <- j + 1
        else sb.Append(c) |> ignore
    sb.ToString()

let rleEncode (s: string) =
    s
    |> Seq.fold (fun acc c ->
        match acc with
        | (ch, n) :: rest when ch = c -> (ch, n + 1) :: rest
        | _ -> (c, 1) :: acc) []
    |> List.rev
    |> List.map (fun (c, n) -> if n = 1 then string c else sprintf "%d%c" n c)
    |> String.concat ""

let rleDecode (s: string) =
    let rec go chars count acc =
        match chars with
        | [] -> List.rev acc
        | c :: rest when Char.IsDigit c -> go rest (count * 10 + (int c - int '0')) acc
        | c :: rest -> go rest 0 (String(c, max count 1) :: acc)
    go (List.ofSeq s) 0 [] |> String.concat ""

let secret = vigenere false "LEMON" "Attack at dawn!"
printfn "%s" secret
printfn "%s" (vigenere true "LEMON" secret)
let packed = rleEncode "WWWWWWWWWWWWBWWWWWWWWWWWWBBBWWWWWWWWWWWWWWWWWWWWWWWWBWWWWWWWWWWWWWW"
printfn "%s" packed
printfn "%b" (rleDecode packed = "WWWWWWWWWWWWBWWWWWWWWWWWWBBBWWWWWWWWWWWWWWWWWWWWWWWWBWWWWWWWWWWWWWW")
printfn "%s" (rleDecode "3a2bc")
printfn "%s" (String.map (shiftChar 13) "Hello, World")
