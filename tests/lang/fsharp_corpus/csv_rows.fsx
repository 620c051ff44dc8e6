open System

type Row = { Name: string; Qty: int; Price: float }

let lines = [ "name,qty,price"; "apple,3,0.5"; "banana,12,0.25"; "cherry,x,3.0"; "date,7,1.75"; "" ]

let parseRow (line: string) =
    match line.Split(',') with
    | [| name; qty; price |] ->
        match Int32.TryParse(qty) with
        | true, q -> Ok { Name = name; Qty = q; Price = float price }
        | _ -> Error(sprintf "bad qty '%s' for %s" qty name)
    | _ -> Error(sprintf "bad line '%s'" line)

let rows = lines |> List.skip 1 |> List.map parseRow

for r in rows do
    match r with
    | Ok row -> printfn "%-7s %3d x %5.2f = %6.2f" row.Name row.Qty row.Price (float row.Qty * row.Price)
    | Error e -> printfn "skip: %s" e

let good =
    rows
    |> List.choose (function
        | Ok r -> Some r
        | Error _ -> None)

let total = good |> List.sumBy (fun r -> float r.Qty * r.Price)
printfn "total %.2f over %d rows" total (List.length good)
