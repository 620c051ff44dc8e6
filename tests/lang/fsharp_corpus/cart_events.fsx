type Event =
    | ItemAdded of sku: string * qty: int
    | ItemRemoved of sku: string * qty: int
    | PriceSet of sku: string * price: float
    | Cleared

type Cart = { Items: Map<string, int>; Prices: Map<string, float>; Version: int }

let empty = { Items = Map.empty; Prices = Map.empty; Version = 0 }

let apply cart ev =
    let cart = { cart with Version = cart.Version + 1 }
    match ev with
    | ItemAdded (sku, q) ->
        let current = cart.Items |> Map.tryFind sku |> Option.defaultValue 0
        { cart with Items = cart.Items.Add(sku, current + q) }
    | ItemRemoved (sku, q) ->
        (match Map.tryFind sku cart.Items with
         | Some current when current > q -> { cart with Items = Map.add sku (current - q) cart.Items }
         | Some _ -> { cart with Items = Map.remove sku cart.Items }
         | None -> cart)
    | PriceSet (sku, p) -> { cart with Prices = Map.add sku p cart.Prices }
    | Cleared -> { cart with Items = Map.empty }

let events =
    [ ItemAdded ("apple", 3); PriceSet ("apple", 0.5); ItemAdded ("pear", 2); PriceSet ("pear", 0.75)
      ItemAdded ("apple", 2); ItemRemoved ("pear", 2); ItemAdded ("fig", 10); PriceSet ("fig", 0.2); ItemRemoved ("fig", 4) ]

let states = events |> List.scan apply empty
let final = List.last states
printfn "version %d" final.Version
final.Items |> Map.iter (fun sku q -> printfn "  %-6s x%-3d @ %.2f" sku q (final.Prices |> Map.tryFind sku |> Option.defaultValue 0.0))
let total = final.Items |> Map.fold (fun acc sku q -> acc + float q * (Map.find sku final.Prices)) 0.0
printfn "total %.2f" total
let sizes = states |> List.map (fun c -> c.Items.Count)
printfn "%A" sizes
let cleared = apply final Cleared
printfn "after clear: %d items, version %d, prices kept %d" cleared.Items.Count cleared.Version cleared.Prices.Count
printfn "%A" (events |> List.choose (function PriceSet (s, p) -> Some (s, p) | _ -> None))
