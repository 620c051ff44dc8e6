// Inventory management with records
type Item = { Sku: string; Name: string; Qty: int; UnitCost: float; Tags: Set<string> }

let inventory =
    [ { Sku = "A100"; Name = "Widget"; Qty = 12; UnitCost = 2.5; Tags = set [ "metal"; "small" ] }
      { Sku = "A200"; Name = "Gadget"; Qty = 0; UnitCost = 12.75; Tags = set [ "plastic" ] }
      { Sku = "B300"; Name = "Sprocket"; Qty = 40; UnitCost = 0.8; Tags = set [ "metal" ] }
      { Sku = "C400"; Name = "Doohickey"; Qty = 3; UnitCost = 7.2; Tags = set [ "plastic"; "small" ] } ]

let restock threshold amount items =
    items
    |> List.map (fun it -> if it.Qty < threshold then { it with Qty = it.Qty + amount } else it)

let sell sku n items =
    let found = items |> List.exists (fun it -> it.Sku = sku)
    if not found then Error(sprintf "unknown sku %s" sku)
    else
        let it = items |> List.find (fun it -> it.Sku = sku)
        if it.Qty < n then Error(sprintf "only %d %s left" it.Qty it.Name)
        else Ok(items |> List.map (fun x -> if x.Sku = sku then { x with Qty = x.Qty - n } else x))

let report title (items: Item list) =
    printfn "== %s ==" title
    for it in items do
        printfn "%-5s %-10s %4d %7.2f %8.2f" it.Sku it.Name it.Qty it.UnitCost (float it.Qty * it.UnitCost)
    let value = items |> List.sumBy (fun it -> float it.Qty * it.UnitCost)
    printfn "%-21s %17.2f" "total value" value

report "initial" inventory

let orders = [ "A100", 5; "A200", 1; "Z999", 2; "B300", 40; "C400", 4 ]
let afterSales =
    orders
    |> List.fold (fun inv (sku, n) ->
        match sell sku n inv with
        | Ok inv' ->
            printfn "sold %d x %s" n sku
            inv'
        | Error e ->
            printfn "failed: %s" e
            inv) inventory

let restocked = restock 5 10 afterSales
report "restocked" restocked

let byTag =
    restocked
    |> List.collect (fun it -> it.Tags |> Set.toList |> List.map (fun t -> t, it.Name))
    |> List.groupBy fst
    |> List.map (fun (t, pairs) -> t, pairs |> List.map snd)
    |> List.sortBy fst
for (t, names) in byTag do
    printfn "%s: %s" t (String.concat ", " names)
