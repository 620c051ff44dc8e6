let classify n =
    match n with
    | 0 -> "zero"
    | n when n < 0 && n % 2 = 0 -> "negative even"
    | n when n < 0 -> "negative odd"
    | n when n % 2 = 0 && n > 100 -> "big even"
    | n when n % 2 = 0 -> "even"
    | _ -> "odd"

for n in [ 0; -4; -7; 102; 8; 13 ] do
    printfn "%4d: %s" n (classify n)

let describeList xs =
    match xs with
    | [] -> "empty"
    | [ x ] -> sprintf "one element: %d" x
    | [ x; y ] when x = y -> sprintf "a pair of %d" x
    | x :: y :: _ when x > y -> sprintf "starts descending (%d > %d)" x y
    | x :: rest -> sprintf "starts with %d, %d more" x (List.length rest)

for xs in [ []; [ 5 ]; [ 3; 3 ]; [ 9; 2; 4 ]; [ 1; 2; 3; 4 ] ] do
    printfn "%s" (describeList xs)

let point (x, y) =
    match x, y with
    | 0, 0 -> "origin"
    | 0, _
    | _, 0 -> "on an axis"
    | x, y when x = y -> "on the diagonal"
    | x, y when x > 0 && y > 0 -> "first quadrant"
    | _ -> "elsewhere"

[ (0, 0); (0, 5); (3, 0); (2, 2); (1, 7); (-1, 3) ]
|> List.iter (fun p -> printfn "%A %s" p (point p))
