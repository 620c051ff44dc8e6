open System

let camelToSnake (s: string) =
    s
    |> Seq.mapi (fun i c ->
        if Char.IsUpper c then (if i > 0 then "_" else "") + string (Char.ToLower c)
        else string c)
    |> String.concat ""

let snakeToPascal (s: string) =
    s.Split '_'
    |> Array.map (fun w -> if w = "" then "" else string (Char.ToUpper w.[0]) + w.[1..])
    |> String.concat ""

for w in [ "parseHttpRequest"; "XmlReader"; "id" ] do
    printfn "%-18s -> %s" w (camelToSnake w)
for w in [ "load_user_profile"; "x"; "a__b" ] do
    printfn "%-18s -> %s" w (snakeToPascal w)

let s = "Hello, World"
printfn "[%s] [%s] [%s]" s.[0..4] s.[7..] s.[..4]
printfn "[%s]" s.[3..2]
printfn "%c %c" s.[s.Length - 1] (s.[7])
let letters = s |> Seq.filter Char.IsLetter |> Seq.length
let punct = s |> Seq.filter Char.IsPunctuation |> Seq.length
printfn "letters=%d punct=%d spaces=%d" letters punct (s |> Seq.filter Char.IsWhiteSpace |> Seq.length)
printfn "%s" (String(s.ToCharArray() |> Array.rev))
printfn "%d %c %c" (int 'A') (char 97) (char (int 'a' + 25))
let swapCase = s |> String.map (fun c -> if Char.IsUpper c then Char.ToLower c elif Char.IsLower c then Char.ToUpper c else c)
printfn "%s" swapCase
printfn "%b %b %b" (Char.IsLetterOrDigit '_') (Char.IsDigit '7') (Char.IsControl '\t')
let digitSum = "a1b2c3d4" |> Seq.filter Char.IsDigit |> Seq.sumBy (fun c -> int c - int '0')
printfn "digit sum %d" digitSum
printfn "%s" (String.filter (fun c -> not (Char.IsWhiteSpace c)) " a b  c ")
printfn "%A" ("banana".ToCharArray() |> Array.countBy id)
printfn "%d %d" ("banana".IndexOf 'n') ("banana".LastIndexOf "an")
