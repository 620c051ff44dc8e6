let numerals =
    [ 1000, "M"; 900, "CM"; 500, "D"; 400, "CD"; 100, "C"; 90, "XC"
      50, "L"; 40, "XL"; 10, "X"; 9, "IX"; 5, "V"; 4, "IV"; 1, "I" ]

let toRoman n =
    if n <= 0 || n >= 4000 then Error (sprintf "%d out of range" n)
    else
        let folder (rem, acc) (value, sym) =
            let count = rem / value
            rem - count * value, acc + String.replicate count sym
        Ok (numerals |> List.fold folder (n, "") |> snd)

let charValue = function
    | 'I' -> Ok 1 | 'V' -> Ok 5 | 'X' -> Ok 10 | 'L' -> Ok 50
    | 'C' -> Ok 100 | 'D' -> Ok 500 | 'M' -> Ok 1000
    | c -> Error (sprintf "bad digit '%c'" c)

let fromRoman (s: string) =
    let values =
        s.ToUpper()
        |> Seq.map charValue
        |> Seq.fold (fun acc r ->
            match acc, r with
            | Ok xs, Ok v -> Ok (v :: xs)
            | Error e, _ | _, Error e -> Error e) (Ok [])
        |> Result.map List.rev
    values
    |> Result.map (fun vs ->
        let pairs = List.pairwise (vs @ [ 0 ])
        pairs |> List.sumBy (fun (a, b) -> if a < b then -a else a))

let check s =
    fromRoman s
    |> Result.bind (fun n -> toRoman n |> Result.map (fun r -> n, r))
    |> Result.bind (fun (n, r) -> if r = s.ToUpper() then Ok n else Error (sprintf "non-canonical %s (want %s)" s r))

for n in [ 1994; 2024; 3999; 4; 0 ] do
    match toRoman n with
    | Ok r -> printfn "%d -> %s" n r
    | Error e -> printfn "error: %s" e

for s in [ "mcmxciv"; "XLII"; "IIII"; "XIZ" ] do
    match check s with
    | Ok n -> printfn "%s = %d" s n
    | Error e -> printfn "%s: %s" s e
