type Shape =
    | Dot of int
    | Line of (int * int) * (int * int)
    | Named of name: string * size: float

type Point = { X: int; Y: int }

printfn "%A" [ 1; 2; 3 ]
printfn "%A" [| 1.0; 2.5 |]
printfn "%A" (1, "two", 3.0, 'c', true)
printfn "%A" (Some "x")
printfn "%A" [ Some 1; None ]
printfn "%A" (Dot 5)
printfn "%A" (Line ((0, 0), (3, 4)))
printfn "%A" (Named ("big", 10.0))
printfn "%A" [ "a"; "b" ]
printfn "%A" (Ok 3 : Result<int, string>)
printfn "%A" (Error "bad" : Result<int, string>)
printfn "%A" ([] : int list)
printfn "%A" (Map.ofList [ 1, "one"; 2, "two" ])
printfn "%A" (set [ 3; 1; 2 ])
printfn "%A" [ (1, 'a'); (2, 'b') ]
printfn "%A" (Some (Some 3))
printfn "%A" (-5)
printfn "%A" 0.1
let s = sprintf "%A" [ 1 .. 3 ]
printfn "%s has %d chars" s s.Length
printfn "%A" { X = 1; Y = 2 }
printfn "%A" [ Dot 1; Named ("n", 0.5) ]
