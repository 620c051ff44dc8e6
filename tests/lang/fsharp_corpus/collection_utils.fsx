let names = [ "ann"; "bob"; "cy" ]
let ages = [ 31; 25; 40 ]
let cities = [ "Oslo"; "Rome"; "Lima" ]

for (n, a, c) in List.zip3 names ages cities do
    printfn "%-4s %3d %s" n a c

let parseInt (s: string) =
    match System.Int32.TryParse s with
    | true, v -> Some v
    | _ -> None

printfn "%A" (Option.map2 (+) (parseInt "12") (parseInt "30"))
printfn "%A" (Option.map2 (+) (parseInt "12") (parseInt "x"))
printfn "%A" ([ "a"; "7"; "b"; "9" ] |> List.tryPick parseInt)
printfn "%A" ([ "a"; "b" ] |> List.tryPick parseInt)
printfn "%A" (Seq.tryFindIndex (fun x -> x > 30) ages)
printfn "%A" ([ 3; 1; 2 ] |> List.tryFindBack (fun x -> x < 3))

let people = [| ("zed", 30); ("amy", 25); ("kim", 35); ("bo", 28) |]
Array.sortInPlaceBy snd people
printfn "%A" people
let scores = [| 3; 5; 2 |]
let weights = [| 0.5; 0.25; 0.25 |]
printfn "%.2f" (Array.fold2 (fun acc s w -> acc + float s * w) 0.0 scores weights)
printfn "%A" (List.partition (fun x -> x % 2 = 0) [ 1 .. 9 ])
printfn "%A" ([ 5; 3; 8; 1 ] |> List.sortDescending |> List.truncate 2)
printfn "%A" (List.except [ 2; 4 ] [ 1 .. 6 ])
printfn "%A" ([ "x"; "y"; "z" ] |> List.indexed |> List.map (fun (i, s) -> s + string i))
printfn "%A" (List.allPairs [ 1; 2 ] [ 'a'; 'b' ])
printfn "%A" ([ 1; 2; 3; 4 ] |> List.reduce (fun a b -> a * 10 + b))
printfn "%A" (List.splitAt 2 [ 1; 2; 3; 4; 5 ])
printfn "%d" ([ 4; 8; 15; 16; 23; 42 ] |> List.findIndex (fun x -> x > 10))
printfn "%A" (Array.init 4 (fun i -> i * i) |> Array.rev)
printfn "%A" (List.transpose [ [ 1; 2; 3 ]; [ 4; 5; 6 ] ])
printfn "%A" (List.mapi2 (fun i a b -> i + a * b) [ 1; 2 ] [ 3; 4 ])
printfn "%b %b" (List.forall ((<) 0) ages) (List.exists ((=) 25) ages)
