// Permutations, combinations, power sets
let rec permutations list =
    match list with
    | [] -> [ [] ]
    | _ ->
        [ for x in list do
            let rest = list |> List.filter (fun y -> y <> x)
            for p in permutations rest do
                yield x :: p ]

let rec combinations k list =
    match k, list with
    | 0, _ -> [ [] ]
    | _, [] -> []
    | k, x :: xs ->
        let withX = combinations (k - 1) xs |> List.map (fun c -> x :: c)
        let withoutX = combinations k xs
        withX @ withoutX

let rec powerSet list =
    match list with
    | [] -> [ [] ]
    | x :: xs ->
        let rest = powerSet xs
        rest @ (rest |> List.map (fun s -> x :: s))

let perms = permutations [ 1; 2; 3 ]
printfn "perms of [1;2;3]: %d" perms.Length
perms |> List.iter (printfn "  %A")

let combos = combinations 2 [ "a"; "b"; "c"; "d" ]
printfn "C(4,2) = %d: %s" combos.Length (combos |> List.map (String.concat "") |> String.concat ",")

let ps = powerSet [ 1; 2; 3 ] |> List.sortBy (fun s -> List.length s, s)
printfn "power set: %A" ps

// subset sums to target
let target = 10
let nums = [ 2; 3; 5; 7; 8 ]
let hits =
    powerSet nums
    |> List.filter (fun s -> List.sum s = target)
    |> List.map List.sort
    |> List.sort
for h in hits do
    printfn "%s = %d" (h |> List.map string |> String.concat " + ") target

let rec choose n k = if k = 0 || k = n then 1L else choose (n - 1) (k - 1) + choose (n - 1) k
printfn "C(20,10) = %d" (choose 20 10)
let anagrams = permutations [ 't'; 'o'; 'p' ] |> List.map (fun cs -> System.String(List.toArray cs))
printfn "%s" (String.concat " " anagrams)
