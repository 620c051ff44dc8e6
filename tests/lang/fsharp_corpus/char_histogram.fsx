open System

let text = "Hello, World! Functional programming in F# is fun."
let letters = text |> Seq.filter Char.IsLetter |> Seq.map Char.ToLower |> Seq.toList
printfn "letters: %d" letters.Length
let freq = letters |> List.countBy id |> List.sortBy (fun (c, n) -> -n, c)
for (c, n) in freq |> List.truncate 5 do
    printfn "%c %-6s %d" c (String.replicate n "*") n
let upper = text |> String.map Char.ToUpper
printfn "%s" upper
let vowels = set [ 'a'; 'e'; 'i'; 'o'; 'u' ]
let vowelCount = letters |> List.filter vowels.Contains |> List.length
printfn "vowels %d consonants %d" vowelCount (letters.Length - vowelCount)
printfn "%c %c %d %d" (char 65) (char (int 'a' + 2)) (int 'A') (int '0')
let shift n (c: char) = if Char.IsLower c then char ((int c - int 'a' + n) % 26 + int 'a') else c
printfn "%s" ("xyz abc" |> String.map (shift 3))
let digits = "a1b22c333" |> Seq.filter Char.IsDigit |> Seq.map (fun c -> int c - int '0') |> Seq.sum
printfn "digit sum %d" digits
printfn "%A" ([ 'a' .. 'e' ] |> List.map Char.ToUpper)
printfn "%b %b %b" (Char.IsUpper 'Q') (Char.IsPunctuation '!') (Char.IsWhiteSpace '\t')
let words = text.Split([| ' ' |]) |> Array.map (fun w -> w.Trim([| ','; '!'; '.' |]))
printfn "%s" (String.Join("-", words))
let initials = words |> Array.map (fun w -> w.[0]) |> Array.filter Char.IsUpper
printfn "%A" initials
