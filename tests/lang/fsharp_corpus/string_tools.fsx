// Palindromes, caesar cipher, run-length encoding
open System
open System.Text

let normalize (s: string) =
    s |> Seq.filter Char.IsLetterOrDigit |> Seq.map Char.ToLower |> Seq.toArray |> String

let isPalindrome s =
    let n = normalize s
    let rev = n |> Seq.rev |> Seq.toArray |> String
    n = rev

for s in [ "A man, a plan, a canal: Panama"; "racecar"; "hello"; "Was it a car or a cat I saw?"; "" ] do
    printfn "%-32s %b" (sprintf "\"%s\"" s) (isPalindrome s)

let shift k (c: char) =
    if Char.IsUpper c then char ((int c - int 'A' + k + 26) % 26 + int 'A')
    elif Char.IsLower c then char ((int c - int 'a' + k + 26) % 26 + int 'a')
    else c

let caesar k (s: string) = String.map (shift k) s

let secret = caesar 3 "Hello, World! xyz"
printfn "encoded: %s" secret
printfn "decoded: %s" (caesar -3 secret)
printfn "rot13 twice: %s" ("Functional" |> caesar 13 |> caesar 13)

let rle (s: string) =
    if s = "" then ""
    else
        let sb = StringBuilder()
        let mutable cur = s.[0]
        let mutable run = 1
        for i in 1 .. s.Length - 1 do
            if s.[i] = cur then run <- run + 1
            else
                sb.Append(run).Append(cur) |> ignore
                cur <- s.[i]
                run <- 1
        sb.Append(run).Append(cur).ToString()

let unrle (s: string) =
    let sb = StringBuilder()
    let mutable num = 0
    for c in s do
        if Char.IsDigit c then num <- num * 10 + (int c - int '0')
        else
            sb.Append(c, num) |> ignore
            num <- 0
    sb.ToString()

for s in [ "aaabccddddd"; "abc"; "zzzzzzzzzzzz"; "" ] do
    let e = rle s
    printfn "rle %-14s -> %-12s roundtrip=%b" s e (unrle e = s)

let vowels = set "aeiou"
let countVowels (s: string) = s.ToLower() |> Seq.filter vowels.Contains |> Seq.length
printfn "vowels in 'Programming Language': %d" (countVowels "Programming Language")
let capitalize (w: string) = if w = "" then w else string (Char.ToUpper w.[0]) + w.Substring(1).ToLower()
printfn "%s" ("the QUICK bRoWn fox".Split(' ') |> Array.map capitalize |> String.concat " ")
