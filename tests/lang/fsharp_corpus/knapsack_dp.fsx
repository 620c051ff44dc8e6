type Item = { Name: string; Weight: int; Value: int }

let items =
    [| { Name = "tent"; Weight = 5; Value = 60 }
       { Name = "stove"; Weight = 3; Value = 50 }
       { Name = "food"; Weight = 4; Value = 70 }
       { Name = "camera"; Weight = 2; Value = 30 } |]

let knapsack (items: Item[]) capacity =
    let n = items.Length
    let table = Array2D.zeroCreate (n + 1) (capacity + 1)
    for i in 1 .. n do
        let it = items.[i - 1]
        for w in 0 .. capacity do
            let skip = table.[i - 1, w]
            table.[i, w] <-
                if it.Weight <= w then max skip (table.[i - 1, w - it.Weight] + it.Value)
                else skip
    // walk back to find chosen items
    let rec chosen i w acc =
        if i = 0 then acc
        elif table.[i, w] <> table.[i - 1, w] then
            let it = items.[i - 1]
            chosen (i - 1) (w - it.Weight) (it.Name :: acc)
        else chosen (i - 1) w acc
    table.[n, capacity], chosen n capacity []

for cap in [ 5; 9; 14 ] do
    let best, names = knapsack items cap
    printfn "cap %2d -> value %3d with %s" cap best (String.concat "+" names)

// longest common subsequence with a 2D table
let lcs (a: string) (b: string) =
    let t = Array2D.create (a.Length + 1) (b.Length + 1) 0
    for i in 1 .. a.Length do
        for j in 1 .. b.Length do
            t.[i, j] <- if a.[i - 1] = b.[j - 1] then t.[i - 1, j - 1] + 1 else max t.[i - 1, j] t.[i, j - 1]
    t.[a.Length, b.Length]

printfn "lcs %d %d" (lcs "ABCBDAB" "BDCABA") (lcs "kitten" "sitting")
let coins = [ 1; 5; 10; 25 ]
let ways target =
    let dp = Array.create (target + 1) 0L
    dp.[0] <- 1L
    for c in coins do
        for v in c .. target do
            dp.[v] <- dp.[v] + dp.[v - c]
    dp.[target]
printfn "ways 100 = %d" (ways 100)
