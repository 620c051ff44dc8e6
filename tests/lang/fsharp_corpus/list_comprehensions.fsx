let evens = [ for i in 1 .. 10 do if i % 2 = 0 then yield i ]
printfn "%A" evens

let squares = [ for i in 1 .. 5 -> i * i ]
printfn "%A" squares

let pairs = [ for a in 1 .. 3 do for b in a .. 3 do yield (a, b) ]
printfn "%d pairs" (List.length pairs)
printfn "%A" (List.head pairs, List.last pairs)

let classify xs =
    [ for x in xs do
          match x with
          | 0 -> yield "zero"
          | n when n < 0 -> yield sprintf "neg%d" (-n)
          | n ->
              yield "pos"
              if n > 100 then
                  yield "big" ]

printfn "%s" (String.concat "," (classify [ 0; -3; 7; 250 ]))

let flags verbose =
    [ "run"
      if verbose then "--verbose"
      "--fast" ]

printfn "%A" (flags true)
printfn "%A" (flags false)

let flattened =
    [ for xs in [ [ 1; 2 ]; []; [ 3 ] ] do
          yield! xs
          yield 0 ]

printfn "%A" flattened
