// Pluggable pricing rules via interfaces and object expressions
type Cart = { Items: (string * int * int) list; CustomerTier: string; Coupon: string option }

type IPricingRule =
    abstract Name: string
    abstract Apply: Cart -> int -> int   // cart -> running total (cents) -> new total

let subtotal cart = cart.Items |> List.sumBy (fun (_, qty, price) -> qty * price)

let percentOff name pct (condition: Cart -> bool) =
    { new IPricingRule with
        member _.Name = name
        member _.Apply cart total = if condition cart then total - total * pct / 100 else total }

let buyXGetOne sku x =
    { new IPricingRule with
        member _.Name = sprintf "buy %d %s get 1 free" x sku
        member _.Apply cart total =
            cart.Items
            |> List.tryFind (fun (s, _, _) -> s = sku)
            |> Option.map (fun (_, qty, price) -> total - (qty / (x + 1)) * price)
            |> Option.defaultValue total }

let couponRule (codes: Map<string, int>) =
    { new IPricingRule with
        member _.Name = "coupon"
        member _.Apply cart total =
            match cart.Coupon |> Option.bind (fun c -> Map.tryFind c codes) with
            | Some off -> max 0 (total - off)
            | None -> total }

let rules: IPricingRule list =
    [ buyXGetOne "socks" 2
      percentOff "gold tier 10%" 10 (fun c -> c.CustomerTier = "gold")
      percentOff "bulk 5%" 5 (fun c -> c.Items |> List.sumBy (fun (_, q, _) -> q) >= 10)
      couponRule (Map.ofList [ "SAVE5", 500; "HALF", 100000 ]) ]

let price (cart: Cart) =
    let start = subtotal cart
    let final, log =
        rules
        |> List.fold (fun (total, log) rule ->
            let t = rule.Apply cart total
            if t <> total then (t, (sprintf "%s: -%d" rule.Name (total - t)) :: log) else (total, log)) (start, [])
    start, final, List.rev log

let carts =
    [ "alice", { Items = [ "socks", 6, 400; "hat", 1, 2500 ]; CustomerTier = "gold"; Coupon = None }
      "bob", { Items = [ "shirt", 2, 1999 ]; CustomerTier = "basic"; Coupon = Some "SAVE5" }
      "cara", { Items = [ "socks", 2, 400; "pin", 10, 150 ]; CustomerTier = "basic"; Coupon = Some "BOGUS" }
      "dev", { Items = [ "pin", 1, 150 ]; CustomerTier = "gold"; Coupon = Some "HALF" } ]

for (who, cart) in carts do
    let s, f, log = price cart
    printfn "%s: %d -> %d" who s f
    for entry in log do printfn "    %s" entry
printfn "rules loaded: %s" (rules |> List.map (fun r -> r.Name) |> String.concat "; ")
