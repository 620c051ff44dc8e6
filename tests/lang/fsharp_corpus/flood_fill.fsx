// Flood fill and region counting on a char grid
let gridText =
    [ "..##....#."
      ".###..###."
      "......#..."
      "##..#....#"
      "#..###..##"
      "....#....." ]

let grid = gridText |> List.map (fun s -> s.ToCharArray()) |> List.toArray
let rows = grid.Length
let cols = grid.[0].Length

let floodFill (g: char[][]) r0 c0 (fill: char) =
    let target = g.[r0].[c0]
    let count = ref 0
    let rec go r c =
        if r >= 0 && r < rows && c >= 0 && c < cols && g.[r].[c] = target then
            g.[r].[c] <- fill
            count.Value <- count.Value + 1
            go (r + 1) c
            go (r - 1) c
            go r (c + 1)
            go r (c - 1)
    if target <> fill then go r0 c0
    count.Value

let work = grid |> Array.map Array.copy
let mutable label = 'a'
let sizes = ResizeArray<char * int>()
for r in 0 .. rows - 1 do
    for c in 0 .. cols - 1 do
        if work.[r].[c] = '#' then
            let n = floodFill work r c label
            sizes.Add((label, n))
            label <- char (int label + 1)

for row in work do
    printfn "%s" (System.String(row))
printfn "regions: %d" sizes.Count
for (l, n) in sizes do
    printfn "  %c: %d cells" l n
let biggest = sizes |> Seq.maxBy snd
printfn "largest region %c with %d" (fst biggest) (snd biggest)

let openCells = floodFill (grid |> Array.map Array.copy) 0 0 '~'
printfn "open cells reachable from (0,0): %d" openCells
