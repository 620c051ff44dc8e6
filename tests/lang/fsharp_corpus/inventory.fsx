type Item = { Sku: string; Name: string; Qty: int; PriceCents: int }

type Command =
    | Restock of sku: string * qty: int
    | Sell of sku: string * qty: int
    | Discontinue of sku: string

let initial =
    [ { Sku = "A100"; Name = "Widget"; Qty = 10; PriceCents = 250 }
      { Sku = "B200"; Name = "Gadget"; Qty = 3; PriceCents = 1299 }
      { Sku = "C300"; Name = "Doohickey"; Qty = 0; PriceCents = 75 } ]
    |> List.map (fun i -> i.Sku, i)
    |> Map.ofList

let apply (inv: Map<string, Item>) cmd : Result<Map<string, Item>, string> =
    match cmd with
    | Restock (sku, q) ->
        match inv.TryFind sku with
        | Some item -> Ok (inv.Add(sku, { item with Qty = item.Qty + q }))
        | None -> Error (sprintf "restock: no such sku %s" sku)
    | Sell (sku, q) ->
        match Map.tryFind sku inv with
        | Some item when item.Qty >= q -> Ok (Map.add sku { item with Qty = item.Qty - q } inv)
        | Some item -> Error (sprintf "sell: only %d of %s left" item.Qty item.Name)
        | None -> Error (sprintf "sell: no such sku %s" sku)
    | Discontinue sku ->
        if Map.containsKey sku inv then Ok (Map.remove sku inv)
        else Error (sprintf "discontinue: no such sku %s" sku)

let commands =
    [ Sell ("A100", 4); Sell ("B200", 5); Restock ("C300", 12); Sell ("C300", 2)
      Discontinue "B200"; Restock ("B200", 1); Sell ("Z999", 1); Restock ("A100", 1) ]

let mutable inventory = initial
let mutable errors = []
for c in commands do
    match apply inventory c with
    | Ok inv -> inventory <- inv
    | Error e -> errors <- e :: errors

let money cents = sprintf "$%d.%02d" (cents / 100) (cents % 100)

printfn "%-5s %-10s %4s %9s" "SKU" "Name" "Qty" "Value"
for KeyValue(sku, item) in inventory do
    printfn "%-5s %-10s %4d %9s" sku item.Name item.Qty (money (item.Qty * item.PriceCents))
let totalValue = inventory |> Map.toSeq |> Seq.sumBy (fun (_, i) -> i.Qty * i.PriceCents)
printfn "Total inventory value: %s" (money totalValue)
printfn "Errors (%d):" (List.length errors)
errors |> List.rev |> List.iteri (fun i e -> printfn "  %d. %s" (i + 1) e)
