// Anagram grouping, character histograms and string utilities
open System
open System.Collections.Generic

let words = [ "listen"; "silent"; "enlist"; "google"; "gooegl"; "cat"; "act"; "tac"; "dog"; "inlets"; "banana" ]

let key (w: string) = w.ToCharArray() |> Array.sort |> String

let groups =
    words
    |> List.groupBy key
    |> List.filter (fun (_, ws) -> List.length ws > 1)
    |> List.sortBy (fun (k, ws) -> -(List.length ws), k)

for (k, ws) in groups do
    printfn "%-8s %d: %s" k ws.Length (String.Join(", ", ws))

let histogram (s: string) =
    let d = Dictionary<char, int>()
    for c in s do
        if Char.IsLetter c then
            let c = Char.ToLower c
            match d.TryGetValue c with
            | true, n -> d.[c] <- n + 1
            | _ -> d.[c] <- 1
    d |> Seq.map (fun kv -> kv.Key, kv.Value) |> Seq.sortBy (fun (c, n) -> -n, c) |> List.ofSeq

let h = histogram "Mississippi River Banks"
for (c, n) in h |> List.truncate 4 do
    printfn "%c %s %d" c (String('*', n)) n

let isPangram (s: string) =
    let letters = s.ToLower() |> Seq.filter Char.IsLetter |> Set.ofSeq
    Set.count letters = 26

printfn "pangram1=%b pangram2=%b" (isPangram "The quick brown fox jumps over the lazy dog") (isPangram "Hello world")

let reverseWords (s: string) = s.Split(' ') |> Array.rev |> String.concat " "
printfn "%s" (reverseWords "one two three four")

let longestCommonPrefix (xs: string list) =
    match xs with
    | [] -> ""
    | first :: _ ->
        let rec go i =
            if i < first.Length && xs |> List.forall (fun w -> w.Length > i && w.[i] = first.[i]) then go (i + 1)
            else i
        first.Substring(0, go 0)

printfn "lcp=%s" (longestCommonPrefix [ "interstellar"; "internet"; "interval"; "internal" ])
printfn "lcp=%s|" (longestCommonPrefix [ "abc"; "xyz" ])

let seen = HashSet<char>()
let firstRepeat = "abcdefgdhij" |> Seq.tryFind (fun c -> not (seen.Add c))
printfn "first repeat: %A" firstRepeat
let compress (s: string) = s |> Seq.fold (fun (acc: string) c -> if acc.Length > 0 && acc.[acc.Length - 1] = c then acc else acc + string c) ""
printfn "%s" (compress "aaabbbcccaaa dd")
