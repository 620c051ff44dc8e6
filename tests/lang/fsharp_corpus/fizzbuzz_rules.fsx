open System

let fizzbuzz n =
    match n % 3, n % 5 with
    | 0, 0 -> "FizzBuzz"
    | 0, _ -> "Fizz"
    | _, 0 -> "Buzz"
    | _ -> string n

[ 1 .. 15 ] |> List.map fizzbuzz |> String.concat " " |> printfn "%s"

let counts =
    [ 1 .. 100 ]
    |> List.map fizzbuzz
    |> List.filter (fun s -> s.Contains "zz")
    |> List.countBy id
    |> List.sortBy fst

for (k, v) in counts do
    printfn "%-8s %3d" k v

let rules = [ (3, "Fizz"); (5, "Buzz"); (7, "Bazz") ]

let general n =
    let s =
        rules
        |> List.filter (fun (d, _) -> n % d = 0)
        |> List.map snd
        |> String.concat ""
    if s = "" then string n else s

printfn "%s" (String.Join(" ", [ for n in 100 .. 105 -> general n ]))
