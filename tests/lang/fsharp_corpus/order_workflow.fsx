type OrderId = OrderId of int
type CustomerId = CustomerId of string

type OrderStatus =
    | Pending
    | Paid of amount: decimal
    | Shipped of tracking: string
    | Cancelled of reason: string

type Order = { Id: OrderId; Customer: CustomerId; Items: (string * int * decimal) list; Status: OrderStatus }

let orderTotal o = o.Items |> List.sumBy (fun (_, q, p) -> decimal q * p)

let pay o =
    match o.Status with
    | Pending -> Ok { o with Status = Paid (orderTotal o) }
    | s -> Error (sprintf "cannot pay order in state %A" s)

let ship tracking o =
    match o.Status with
    | Paid _ -> Ok { o with Status = Shipped tracking }
    | _ -> Error "only paid orders ship"

let cancel reason o =
    match o.Status with
    | Shipped _ -> Error "already shipped"
    | _ -> Ok { o with Status = Cancelled reason }

let describe o =
    let (OrderId id) = o.Id
    let (CustomerId c) = o.Customer
    let status =
        match o.Status with
        | Pending -> "pending"
        | Paid amt -> sprintf "paid %M" amt
        | Shipped t -> "shipped " + t
        | Cancelled r -> sprintf "cancelled (%s)" r
    sprintf "#%d %s: %s" id c status

let o1 = { Id = OrderId 1; Customer = CustomerId "c-9"; Items = [ "pen", 3, 1.20m; "pad", 2, 4.50m ]; Status = Pending }
let o2 = { o1 with Id = OrderId 2; Items = [ "ink", 1, 15.00m ] }

let r1 = o1 |> pay |> Result.bind (ship "TRK-77")
let r2 = o2 |> cancel "changed mind" |> Result.bind pay
let r3 = o1 |> pay |> Result.bind (ship "A") |> Result.bind (cancel "late")

for r in [ r1; r2; r3 ] do
    match r with
    | Ok o -> printfn "%s" (describe o)
    | Error e -> printfn "error: %s" e

let byCustomer =
    [ o1; o2; { o1 with Id = OrderId 3; Customer = CustomerId "c-1" } ]
    |> List.groupBy (fun o -> o.Customer)
    |> List.map (fun (CustomerId c, os) -> c, os |> List.sumBy orderTotal)
    |> List.sortBy fst
printfn "%A" byCustomer
printfn "%b" (OrderId 5 = OrderId 5 && OrderId 1 < OrderId 2)
