let (|>>) x f = Option.map f x
let (>>=) m f = Option.bind f m
let (<!>) f x = List.map f x
let (=~) (a: float) (b: float) = abs (a - b) < 1e-9
let ( *. ) (x1, y1) k = (x1 * k, y1 * k)
let (+.) (x1, y1) (x2, y2) = (x1 + x2, y1 + y2)

let tryParse (s: string) =
    match System.Double.TryParse s with
    | true, v -> Some v
    | _ -> None

let safeSqrt x = if x >= 0.0 then Some(sqrt x) else None

printfn "%A" (tryParse "16" >>= safeSqrt |>> (fun r -> r * 10.0))
printfn "%A" (tryParse "-4" >>= safeSqrt)
printfn "%A" (tryParse "abc" |>> (+) 1.0)
printfn "%A" ((fun x -> x * 2) <!> [ 1; 2; 3 ])
printfn "%b %b" (0.1 + 0.2 =~ 0.3) (0.1 + 0.2 = 0.3)
printfn "%A" ((1.0, 2.0) +. (0.5, 0.5) *. 2.0)

let inline square x = x * x
let inline sumOfSquares xs = xs |> List.sumBy square
printfn "%d %.2f" (square 7) (square 1.5)
printfn "%d %g" (sumOfSquares [ 1; 2; 3 ]) (sumOfSquares [ 0.5; 1.5 ])

let compose = List.map ((+) 1 >> (*) 2 >> string) [ 1; 2; 3 ]
printfn "%A" compose
let applyTwice f = f >> f
printfn "%d" (applyTwice ((*) 3) 2)
let backwards = string << (fun x -> x - 1) << abs
printfn "%s" (backwards -10)
let clamp lo hi = max lo >> min hi
printfn "%A" ([ -5; 5; 50 ] |> List.map (clamp 0 10))
