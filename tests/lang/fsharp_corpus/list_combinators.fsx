let sizes = [ "S"; "M"; "L" ]
let colors = [ "red"; "black" ]
let variants = List.allPairs sizes colors
printfn "%d variants" variants.Length
variants |> List.iter (fun (s, c) -> printf "%s-%s " s c)
printfn ""

let matrix = [ [ 1; 2; 3 ]; [ 4; 5; 6 ] ]
printfn "%A" (List.transpose matrix)
printfn "%A" (matrix |> List.map (List.reduce (+)))
printfn "%A" (List.reduce max [ 3; 9; 2 ])
printfn "%A" (List.reduceBack (fun x acc -> x - acc) [ 10; 4; 3 ])
printfn "%A" (List.pairwise [ 'a'; 'b'; 'c' ])
printfn "%A" (List.splitAt 2 [ 1; 2; 3; 4; 5 ])
printfn "%A" (List.chunkBySize 2 [ 1; 2; 3; 4; 5 ])
printfn "%A" (List.windowed 2 [ 1; 2; 3 ])
printfn "%A" (List.zip3 [ 1; 2 ] [ "a"; "b" ] [ true; false ])
printfn "%A" (List.unzip [ (1, 'x'); (2, 'y') ])
printfn "%A" (List.collect (fun x -> [ x; x * 10 ]) [ 1; 2; 3 ])
printfn "%A" (List.scan (fun acc x -> acc * x) 1 [ 1; 2; 3; 4 ])
printfn "%A" (List.except [ 2; 4 ] [ 1; 2; 3; 4; 5 ])
printfn "%A" (List.tryFindIndex (fun x -> x > 10) [ 1; 20; 30 ])
printfn "%A" (List.findBack (fun x -> x % 2 = 0) [ 2; 4; 5 ])
printfn "%A" (List.init 4 (fun i -> i * i) |> List.rev)
printfn "%A" (List.mapi2 (fun i a b -> i + a * b) [ 1; 2 ] [ 3; 4 ])
printfn "%A" (List.fold2 (fun acc a b -> acc + a * b) 0 [ 1; 2; 3 ] [ 4; 5; 6 ])
printfn "%A" (List.exactlyOne [ 42 ], List.tryExactlyOne [ 1; 2 ])
printfn "%A" (List.indexed [ "x"; "y" ])
printfn "%A" (List.sumBy fst [ (1, "a"); (2, "b") ], List.averageBy float [ 1; 2 ])
