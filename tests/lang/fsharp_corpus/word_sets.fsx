open System

let textA = "The quick brown fox jumps over the lazy dog."
let textB = "A quick red fox runs past the sleepy dog!"

let words (s: string) =
    s.Split([| ' '; '.'; '!'; ',' |], StringSplitOptions.RemoveEmptyEntries)
    |> Array.map (fun w -> w.ToLower())
    |> Set.ofArray

let a = words textA
let b = words textB
printfn "A has %d distinct words, B has %d" (Set.count a) (Set.count b)
printfn "common: %s" (Set.intersect a b |> Set.toList |> String.concat " ")
printfn "union size: %d" (Set.union a b |> Set.count)
printfn "only A: %A" (Set.difference a b |> Set.toList)
printfn "only B: %A" (b - a |> Set.toList)
printfn "has 'fox': %b, has 'cat': %b" (a.Contains "fox") (Set.contains "cat" a)
let longest = Set.union a b |> Seq.maxBy (fun w -> w.Length)
printfn "longest: %s" longest
let byLen = Set.union a b |> Set.toList |> List.groupBy String.length |> List.sortBy fst
for (len, ws) in byLen do
    printfn "%d: %s" len (String.Join(", ", ws))
let caps = a |> Set.map (fun w -> Char.ToUpper w.[0]) |> Set.toList
printfn "%A" caps
printfn "subset: %b" (Set.isSubset (set [ "fox"; "dog" ]) b)
