let encode (s: string) =
    let rec go xs acc =
        match xs, acc with
        | [], _ -> List.rev acc
        | c :: rest, (prev, n) :: accRest when c = prev -> go rest ((prev, n + 1) :: accRest)
        | c :: rest, _ -> go rest ((c, 1) :: acc)
    go (Seq.toList s) []

let render pairs =
    pairs
    |> List.map (fun (c, n) -> if n = 1 then string c else sprintf "%d%c" n c)
    |> String.concat ""

let decode (s: string) =
    let mutable count = 0
    let mutable out = []
    for c in s do
        if c >= '0' && c <= '9' then
            count <- count * 10 + (int c - int '0')
        else
            let n = if count = 0 then 1 else count
            out <- String.replicate n (string c) :: out
            count <- 0
    out |> List.rev |> String.concat ""

for input in [ "aaabccddddd"; "abc"; "zzzzzzzzzzzzy"; "" ] do
    let encoded = encode input |> render
    let back = decode encoded
    printfn "%-14s -> %-10s -> %s (%b)" (sprintf "'%s'" input) encoded back (back = input)
