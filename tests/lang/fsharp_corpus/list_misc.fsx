let xs = [ 3; 1; 4; 1; 5; 9; 2; 6; 5; 3 ]
let a, b = List.splitAt 4 xs
printfn "%A | %A" a b
printfn "%A" (List.chunkBySize 3 xs)
printfn "%A" (List.windowed 3 [ 1; 2; 3; 4 ])
printfn "%A" (List.pairwise [ 'a'; 'b'; 'c' ])
printfn "%A" (List.except [ 1; 5 ] xs)
printfn "%A" (List.allPairs [ 1; 2 ] [ "x"; "y" ])
printfn "%A" (List.indexed [ "p"; "q" ])
let names, ages = List.unzip [ "ann", 30; "bob", 41 ]
printfn "%A %A" names ages
printfn "%d" (List.reduce max xs)
printfn "%A" (List.scanBack (+) [ 1; 2; 3 ] 0)
printfn "%s" (List.foldBack (fun x acc -> string x + acc) [ 1; 2; 3 ] "")
printfn "%A" (List.init 5 (fun i -> i * i))
printfn "%A" (List.replicate 3 "ab")
printfn "%A" (List.transpose [ [ 1; 2; 3 ]; [ 4; 5; 6 ] ])
printfn "%A" (xs |> List.sortDescending |> List.take 3)
printfn "%A" (xs |> List.minBy (fun x -> abs (x - 7)))
printfn "%A" (List.tryFind (fun x -> x > 100) xs)
printfn "%A" (List.findBack (fun x -> x < 4) xs)
printfn "%d" (List.findIndex ((=) 9) xs)
printfn "%A" (List.mapi2 (fun i x y -> i + x * y) [ 1; 2 ] [ 10; 20 ])
printfn "%b %b" (List.contains 6 xs) (List.forall2 (<) [ 1; 2 ] [ 3; 4 ])
printfn "%A" (List.collect (fun x -> [ x; -x ]) [ 1; 2 ])
printfn "%A" (List.sumBy float [ 1; 2 ], List.averageBy float [ 1; 2 ])
printfn "%A" (xs |> List.skipWhile (fun x -> x < 5) |> List.takeWhile (fun x -> x > 1))
printfn "%A" (List.zip3 [ 1; 2 ] [ 'a'; 'b' ] [ true; false ])
