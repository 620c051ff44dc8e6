let (|Multiple|_|) d n = if n % d = 0 then Some () else None

let classify n =
    match n with
    | Multiple 15 -> "FizzBuzz"
    | Multiple 3 -> "Fizz"
    | Multiple 5 -> "Buzz"
    | _ -> string n

let (|Prime|Composite|Unit|) n =
    if n < 2 then Unit
    elif Seq.forall (fun d -> n % d <> 0) { 2 .. int (sqrt (float n)) } then Prime
    else Composite

let describe n =
    match n with
    | Prime -> sprintf "%d:p" n
    | Composite -> sprintf "%d:c" n
    | Unit -> sprintf "%d:u" n

[ 1 .. 15 ] |> List.map classify |> String.concat " " |> printfn "%s"
[ 1 .. 12 ] |> List.map describe |> String.concat "," |> printfn "%s"

let counts =
    [ 1 .. 100 ]
    |> List.map classify
    |> List.filter (fun s -> not (System.Char.IsDigit s.[0]))
    |> List.countBy id
    |> List.sortBy fst
for (k, c) in counts do
    printfn "%-8s %2d" k c
