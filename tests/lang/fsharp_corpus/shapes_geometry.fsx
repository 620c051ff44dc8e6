open System

type Shape =
    | Circle of radius: float
    | Rect of width: float * height: float
    | Triangle of a: float * b: float * c: float

let pi = 3.14159

let area shape =
    match shape with
    | Circle r -> pi * r * r
    | Rect (w, h) -> w * h
    | Triangle (a, b, c) ->
        let s = (a + b + c) / 2.0
        Math.Sqrt(s * (s - a) * (s - b) * (s - c))

let perimeter shape =
    match shape with
    | Circle r -> 2.0 * pi * r
    | Rect (w, h) -> 2.0 * (w + h)
    | Triangle (a, b, c) -> a + b + c

let describe shape =
    match shape with
    | Circle r -> "circle r=" + string r
    | Rect (w, h) when w = h -> "square " + string w
    | Rect (w, h) -> sprintf "rect %sx%s" (string w) (string h)
    | Triangle _ -> "triangle"

let shapes = [ Circle 2.0; Rect(3.0, 4.5); Rect(2.5, 2.5); Triangle(3.0, 4.0, 5.0) ]

for s in shapes do
    printfn "%-12s area %6.2f perim %6.2f" (describe s) (area s) (perimeter s)

let largest = shapes |> List.maxBy area
printfn "largest: %s" (describe largest)
printfn "total area: %.2f" (shapes |> List.sumBy area)
