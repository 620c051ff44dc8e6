type Vec =
    { X: float; Y: float }
    member v.Length = sqrt (v.X * v.X + v.Y * v.Y)
    member v.Scale k = { X = v.X * k; Y = v.Y * k }
    member v.Add(o: Vec) = { X = v.X + o.X; Y = v.Y + o.Y }
    static member Zero = { X = 0.0; Y = 0.0 }
    override v.ToString() = sprintf "(%g, %g)" v.X v.Y

type Shape =
    | Circle of center: Vec * radius: float
    | Rect of Vec * Vec
    member s.Area =
        match s with
        | Circle (_, r) -> System.Math.PI * r * r
        | Rect (a, b) -> abs (b.X - a.X) * abs (b.Y - a.Y)
    member s.Name =
        match s with
        | Circle _ -> "circle"
        | Rect _ -> "rect"

let v = { X = 3.0; Y = 4.0 }
printfn "length %.1f" v.Length
printfn "scaled %s" (string (v.Scale 2.0))
printfn "sum %s" ((v.Add({ X = 1.0; Y = -1.0 })).ToString())
printfn "zero %s" (string Vec.Zero)
let shapes = [ Circle (Vec.Zero, 1.0); Rect ({ X = 0.0; Y = 0.0 }, { X = 2.0; Y = 3.5 }); Circle (v, 2.0) ]
for s in shapes do
    printfn "%-6s %8.3f" s.Name s.Area
let biggest = shapes |> List.maxBy (fun s -> s.Area)
printfn "biggest: %s %.2f" biggest.Name biggest.Area
printfn "total: %.2f" (shapes |> List.sumBy (fun s -> s.Area))
