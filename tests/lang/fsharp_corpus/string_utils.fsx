open System
open System.Text

let reverse (s: string) = String(Array.rev (s.ToCharArray()))

let isPalindrome (s: string) =
    let cleaned = s.ToLower() |> Seq.filter Char.IsLetterOrDigit |> Seq.toArray |> String
    cleaned = reverse cleaned

let capitalize (w: string) =
    if w.Length = 0 then w else string (Char.ToUpper w.[0]) + w.Substring(1).ToLower()

let titleCase (s: string) =
    s.Split([| ' ' |], StringSplitOptions.RemoveEmptyEntries) |> Array.map capitalize |> String.concat " "

let camelToSnake (s: string) =
    let sb = StringBuilder()
    s |> String.iteri (fun i c ->
        if Char.IsUpper c then
            if i > 0 then sb.Append('_') |> ignore
            sb.Append(Char.ToLower c) |> ignore
        else sb.Append(c) |> ignore)
    sb.ToString()

let runLength (s: string) =
    let sb = StringBuilder()
    let mutable count = 1
    for i in 1 .. s.Length do
        if i < s.Length && s.[i] = s.[i - 1] then count <- count + 1
        else
            sb.Append(count).Append(s.[i - 1]) |> ignore
            count <- 1
    sb.ToString()

let caesar shift (s: string) =
    s |> String.map (fun c ->
        if Char.IsLower c then char ((int c - int 'a' + shift + 26) % 26 + int 'a')
        elif Char.IsUpper c then char ((int c - int 'A' + shift + 26) % 26 + int 'A')
        else c)

let wordFreq (text: string) =
    text.ToLower().Split([| ' '; ','; '.'; '!' |], StringSplitOptions.RemoveEmptyEntries)
    |> Array.countBy id
    |> Array.sortBy (fun (w, n) -> -n, w)
    |> Array.truncate 3

printfn "reverse: %s" (reverse "stressed")
for p in [ "A man, a plan, a canal: Panama"; "Hello"; "Was it a car or a cat I saw?" ] do
    printfn "palindrome? %b : %s" (isPalindrome p) p
printfn "title: %s" (titleCase "the  quick brown FOX")
printfn "snake: %s %s" (camelToSnake "parseHttpRequest") (camelToSnake "XmlReader")
printfn "rle: %s %s" (runLength "aaabccddddde") (runLength "x")
let secret = caesar 3 "Hello, World!"
printfn "caesar: %s -> %s" secret (caesar (-3) secret)
printfn "top words: %A" (wordFreq "The cat and the hat. The cat sat, and sat!")
printfn "padded: [%s] [%s]" ("42".PadLeft(6, '0')) ("ab".PadRight(5, '.'))
printfn "contains/index: %b %d %d" ("haystack".Contains "st") ("haystack".IndexOf "st") ("haystack".LastIndexOf 'a')
printfn "replace: %s" ("a-b-c-d".Replace("-", " + "))
printfn "join: %s" (String.Join("|", [| "x"; "y"; "z" |]))
printfn "trim: '%s' upper: %s" ("  spaced out  ".Trim()) ("shout".ToUpper())
