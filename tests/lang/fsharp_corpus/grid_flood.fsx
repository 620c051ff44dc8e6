type Grid = char[,]
type Pos = int * int

let parse (rows: string list) : Grid =
    Array2D.init rows.Length rows.Head.Length (fun r c -> rows.[r].[c])

let neighbours (g: Grid) ((r, c): Pos) =
    [ (r - 1, c); (r + 1, c); (r, c - 1); (r, c + 1) ]
    |> List.filter (fun (r', c') -> r' >= 0 && c' >= 0 && r' < Array2D.length1 g && c' < Array2D.length2 g)

let flood (g: Grid) (start: Pos) fill =
    let target = g.[fst start, snd start]
    let rec go (frontier: Pos list) count =
        match frontier with
        | [] -> count
        | (r, c) :: rest when g.[r, c] = target ->
            g.[r, c] <- fill
            go (neighbours g (r, c) @ rest) (count + 1)
        | _ :: rest -> go rest count
    if target = fill then 0 else go [ start ] 0

let show (g: Grid) =
    for r in 0 .. Array2D.length1 g - 1 do
        printfn "%s" (System.String [| for c in 0 .. Array2D.length2 g - 1 -> g.[r, c] |])

let g =
    parse [ "..#....."
            "..#.##.."
            "###.#..."
            "....#.#."
            "....#..." ]

let filled = flood g (0, 0) 'a'
printfn "filled %d" filled
let filled2 = flood g (4, 7) 'b'
printfn "filled %d" filled2
show g
let walls = seq { for r in 0 .. 4 do for c in 0 .. 7 do if g.[r, c] = '#' then yield (r, c) } |> Seq.length
printfn "walls %d, unfilled %d" walls (g |> Seq.cast<char> |> Seq.filter ((=) '.') |> Seq.length)
