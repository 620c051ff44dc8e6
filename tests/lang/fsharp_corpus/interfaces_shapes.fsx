open System

type IShape =
    abstract Name: string
    abstract Area: unit -> float
    abstract Perimeter: unit -> float

type Rect(w: float, h: float) =
    member _.Width = w
    member _.Height = h
    interface IShape with
        member _.Name = "rect"
        member _.Area() = w * h
        member _.Perimeter() = 2.0 * (w + h)

type Circle(r: float) =
    interface IShape with
        member _.Name = "circle"
        member _.Area() = Math.PI * r * r
        member _.Perimeter() = 2.0 * Math.PI * r

let triangle a b c =
    { new IShape with
        member _.Name = "triangle"
        member _.Area() =
            let s = (a + b + c) / 2.0
            sqrt (s * (s - a) * (s - b) * (s - c))
        member _.Perimeter() = a + b + c }

let shapes: IShape list =
    [ Rect(3.0, 4.0); Circle(1.0); triangle 3.0 4.0 5.0; Rect(2.5, 2.5); Circle(2.0) ]

for s in shapes do
    printfn "%-8s area=%8.3f perimeter=%7.3f" s.Name (s.Area()) (s.Perimeter())

let totalArea = shapes |> List.sumBy (fun s -> s.Area())
printfn "total area: %.2f" totalArea
let largest = shapes |> List.maxBy (fun s -> s.Area())
printfn "largest: %s" largest.Name
let counts = shapes |> List.countBy (fun s -> s.Name)
for (name, n) in counts do
    printfn "%s x%d" name n

// downcasting back to a concrete type
for s in shapes do
    match s with
    | :? Rect as r when r.Width = r.Height -> printfn "square of side %.1f" r.Width
    | :? Rect as r -> printfn "rectangle %.1f by %.1f" r.Width r.Height
    | _ -> ()
