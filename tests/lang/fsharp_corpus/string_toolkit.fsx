open System

let slugify (title: string) =
    title.ToLowerInvariant()
    |> String.map (fun c -> if Char.IsLetterOrDigit c then c else '-')
    |> fun s -> s.Split([| '-' |], StringSplitOptions.RemoveEmptyEntries)
    |> String.concat "-"

let titleCase (s: string) =
    s.Split(' ')
    |> Array.map (fun w -> if w.Length = 0 then w else string (Char.ToUpper w.[0]) + w.Substring(1).ToLower())
    |> String.concat " "

let padCenter width (s: string) =
    let total = width - s.Length
    if total <= 0 then s
    else
        let left = total / 2
        s.PadLeft(s.Length + left).PadRight(width)

let isPalindrome (s: string) =
    let cleaned = s |> Seq.filter Char.IsLetter |> Seq.map Char.ToLower |> Seq.toArray
    cleaned = Array.rev cleaned

printfn "%s" (slugify "Hello, World! F# is Fun")
printfn "%s" (titleCase "the QUICK brown fox")
printfn "[%s]" (padCenter 11 "menu")
printfn "%b %b" (isPalindrome "A man, a plan, a canal: Panama") (isPalindrome "fsharp")
printfn "%s" (String.init 5 (fun i -> string (char (int 'a' + i))))
printfn "%s" (String.collect (fun c -> if c = ' ' then "_" else string c + string c) "ab c")
printfn "%d" ("mississippi" |> Seq.filter ((=) 's') |> Seq.length)
printfn "%d %d" ("hello world".IndexOf "o") ("hello world".LastIndexOf 'o')
printfn "%s" ("a,b;c d".Split([| ','; ';'; ' ' |]) |> String.concat "|")
printfn "%s|%s|" ("  trim me  ".Trim()) ("xxabcxx".Trim('x'))
printfn "%b %b %b" ("report.csv".EndsWith ".csv") ("Report".StartsWith "rep") ("abc".Contains "bc")
printfn "%s" (String.Join("/", [ "usr"; "local"; "bin" ]))
printfn "%s" ("2024-01-15".Replace("-", ""))
printfn "%A" ("one two  three".Split(' '))
printfn "%c %c" "hello".[0] ("hello".[4] |> Char.ToUpper)
printfn "%s" (String.replicate 3 "ab")
printfn "%d" (String.length "héllo")
let words = "the cat and the hat and the bat"
let freq = words.Split(' ') |> Array.countBy id |> Array.sortByDescending snd |> Array.head
printfn "%A" freq
printfn "%s" (new String([| 'o'; 'k' |]))
printfn "%s" ("abc".ToCharArray() |> Array.rev |> String)
