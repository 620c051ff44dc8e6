type Shape =
    | Circle of radius: float
    | Rect of width: float * height: float
    | Poly of points: (int * int) list

let describeArgs (args: string[]) =
    match args with
    | [||] -> "no args"
    | [| "--help" |] | [| "-h" |] -> "help"
    | [| "run"; target |] -> sprintf "run %s" target
    | [| "run"; target; flag |] when flag.StartsWith "--" -> sprintf "run %s with %s" target (flag.Substring 2)
    | _ -> sprintf "%d args, first=%s" args.Length args.[0]

for a in [ [||]; [| "-h" |]; [| "run"; "tests" |]; [| "run"; "app"; "--fast" |]; [| "x"; "y"; "z"; "w" |] ] do
    printfn "%s" (describeArgs a)

let area =
    function
    | Circle r -> System.Math.PI * r * r
    | Rect(width = w; height = h) -> w * h
    | Poly [] | Poly [ _ ] | Poly [ _; _ ] -> 0.0
    | Poly pts -> float (List.length pts)

let shapes = [ Circle 1.0; Rect(2.0, 3.0); Poly [ (0, 0) ]; Poly [ (0, 0); (1, 0); (0, 1) ] ]
shapes |> List.iter (area >> printfn "%.2f")

let rec compress =
    function
    | a :: (b :: _ as rest) when a = b -> compress rest
    | a :: rest -> a :: compress rest
    | [] -> []
printfn "%A" (compress [ 1; 1; 2; 3; 3; 3; 1 ])

let classify pair =
    match pair with
    | (0, 0) -> "origin"
    | (0, _) | (_, 0) -> "axis"
    | (x, y) when x = y -> "diagonal"
    | (x, y) as p when x < 0 && y < 0 -> sprintf "third quadrant %A" p
    | _ -> "elsewhere"
[ (0, 0); (0, 5); (3, 3); (-1, -2); (4, 1) ] |> List.map classify |> List.iter (printfn "%s")

let headOr d = function x :: _ -> x | [] -> d
printfn "%d %d" (headOr 0 [ 7; 8 ]) (headOr 0 [])
let (first, _, third) = (1, "ignored", 3.5)
printfn "%d %.1f" first third
let opt = Some(Some 3)
match opt with
| Some(Some n) when n > 2 -> printfn "deep %d" n
| Some _ -> printfn "shallow"
| None -> printfn "none"
