type Product(sku: string, name: string, price: decimal) =
    member _.Sku = sku
    member _.Name = name
    member _.Price = price
    override _.ToString() = sprintf "%s (%s) @ %M" name sku price

type Warehouse(name: string) =
    let stock = System.Collections.Generic.Dictionary<string, int>()
    let catalogue = ResizeArray<Product>()
    let mutable movements = 0

    member _.Name = name
    member _.Movements = movements

    member _.Register(p: Product) = catalogue.Add p

    member _.Receive(sku: string, qty: int) =
        movements <- movements + 1
        stock.[sku] <- (if stock.ContainsKey sku then stock.[sku] else 0) + qty

    member _.Ship(sku: string, qty: int) =
        let have = if stock.ContainsKey sku then stock.[sku] else 0
        if have < qty then Error (sprintf "only %d of %s" have sku)
        else
            movements <- movements + 1
            stock.[sku] <- have - qty
            Ok (have - qty)

    member _.Value =
        catalogue |> Seq.sumBy (fun p -> decimal (if stock.ContainsKey p.Sku then stock.[p.Sku] else 0) * p.Price)

    member this.Report() =
        printfn "== %s (%d movements)" this.Name this.Movements
        for p in catalogue do
            let q = if stock.ContainsKey p.Sku then stock.[p.Sku] else 0
            printfn "%-8s %3d  %s" p.Sku q (string p)

    static member Merge(a: Warehouse, b: Warehouse) = sprintf "%s+%s" a.Name b.Name

let w = Warehouse("north")
w.Register(Product("BLT-1", "bolt", 0.30m))
w.Register(Product("SCR-2", "screw", 0.05m))
w.Receive("BLT-1", 500)
w.Receive("SCR-2", 1000)
printfn "%A" (w.Ship("BLT-1", 120))
printfn "%A" (w.Ship("SCR-2", 5000))
w.Report()
printfn "stock value %M" w.Value
printfn "%s" (Warehouse.Merge(w, Warehouse("south")))
