type LineItem = { Product: string; UnitPrice: int; Quantity: int }
type Cart = { Items: LineItem list; Coupon: string option }

let addItem product price qty cart =
    match cart.Items |> List.tryFind (fun i -> i.Product = product) with
    | Some _ ->
        let items =
            cart.Items
            |> List.map (fun i -> if i.Product = product then { i with Quantity = i.Quantity + qty } else i)
        { cart with Items = items }
    | None -> { cart with Items = cart.Items @ [ { Product = product; UnitPrice = price; Quantity = qty } ] }

let removeItem product cart =
    { cart with Items = cart.Items |> List.filter (fun i -> i.Product <> product) }

let subtotal cart = cart.Items |> List.sumBy (fun i -> i.UnitPrice * i.Quantity)

let discount cart =
    match cart.Coupon, subtotal cart with
    | Some "HALF", s -> s / 2
    | Some "TENOFF", s when s >= 1000 -> 1000
    | _, s when s > 5000 -> s / 20
    | _ -> 0

let cart =
    { Items = []; Coupon = None }
    |> addItem "book" 1299 1
    |> addItem "pen" 199 3
    |> addItem "book" 1299 1
    |> addItem "mug" 850 2
    |> removeItem "pen"

for i in cart.Items do
    printfn "%-5s %2d x %5d" i.Product i.Quantity i.UnitPrice

printfn "subtotal %d" (subtotal cart)

for coupon in [ None; Some "HALF"; Some "TENOFF"; Some "BOGUS" ] do
    let c = { cart with Coupon = coupon }
    printfn "%-6s -> pay %d" (defaultArg coupon "none") (subtotal c - discount c)
