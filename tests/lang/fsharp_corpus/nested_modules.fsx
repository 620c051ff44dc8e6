module Geometry =
    type Point = float * float

    let private sq x = x * x

    let distance ((x1, y1): Point) ((x2, y2): Point) = sqrt (sq (x2 - x1) + sq (y2 - y1))

    module Polygon =
        let perimeter (pts: Point list) =
            match pts with
            | [] | [ _ ] -> 0.0
            | first :: _ ->
                let closed = pts @ [ first ]
                closed |> List.pairwise |> List.sumBy (fun (a, b) -> distance a b)

        let area (pts: Point list) =
            let n = List.length pts
            let arr = List.toArray pts
            let twice =
                [ 0 .. n - 1 ]
                |> List.sumBy (fun i ->
                    let (x1, y1) = arr.[i]
                    let (x2, y2) = arr.[(i + 1) % n]
                    x1 * y2 - x2 * y1)
            abs twice / 2.0

module Report =
    open Geometry

    let describe name pts =
        sprintf "%-8s perimeter=%7.3f area=%6.2f" name (Polygon.perimeter pts) (Polygon.area pts)

let square = [ (0.0, 0.0); (2.0, 0.0); (2.0, 2.0); (0.0, 2.0) ]
let triangle = [ (0.0, 0.0); (3.0, 0.0); (0.0, 4.0) ]
printfn "%s" (Report.describe "square" square)
printfn "%s" (Report.describe "triangle" triangle)
printfn "%.4f" (Geometry.distance (1.0, 1.0) (4.0, 5.0))
open Geometry.Polygon
printfn "%.1f" (area [ (0.0, 0.0); (4.0, 0.0); (4.0, 1.0) ])
printfn "%g" (perimeter [ (1.0, 1.0) ])
