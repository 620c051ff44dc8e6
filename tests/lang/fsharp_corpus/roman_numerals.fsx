let numerals =
    [ (1000, "M"); (900, "CM"); (500, "D"); (400, "CD"); (100, "C"); (90, "XC")
      (50, "L"); (40, "XL"); (10, "X"); (9, "IX"); (5, "V"); (4, "IV"); (1, "I") ]

let toRoman n =
    let rec go n pairs acc =
        match pairs with
        | [] -> acc
        | (v, s) :: _ when n >= v -> go (n - v) pairs (acc + s)
        | _ :: rest -> go n rest acc
    go n numerals ""

let fromRoman (s: string) =
    let value c =
        match c with
        | 'I' -> 1 | 'V' -> 5 | 'X' -> 10 | 'L' -> 50
        | 'C' -> 100 | 'D' -> 500 | 'M' -> 1000
        | _ -> failwith "bad numeral"
    let rec go xs =
        match xs with
        | a :: b :: rest when a < b -> b - a + go rest
        | a :: rest -> a + go rest
        | [] -> 0
    s |> Seq.map value |> Seq.toList |> go

let samples = [ 1994; 2024; 3999; 14; 444 ]

for n in samples do
    let r = toRoman n
    printfn "%4d -> %-10s -> %d" n r (fromRoman r)

let ok = samples |> List.forall (fun n -> fromRoman (toRoman n) = n)
printfn "all round trips: %b" ok
