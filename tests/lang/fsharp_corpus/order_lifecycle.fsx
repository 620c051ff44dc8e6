type Status =
    | Pending
    | Paid of amount: int
    | Shipped of tracking: string
    | Cancelled of reason: string

type Order =
    { Id: int
      Customer: string
      Items: (string * int * int) list
      Status: Status }

let total order = order.Items |> List.sumBy (fun (_, qty, price) -> qty * price)

let pay order =
    match order.Status with
    | Pending -> { order with Status = Paid(total order) }
    | _ -> order

let ship tracking order =
    match order.Status with
    | Paid _ -> { order with Status = Shipped tracking }
    | _ -> order

let cancel reason order =
    match order.Status with
    | Shipped _ -> order
    | _ -> { order with Status = Cancelled reason }

let statusText status =
    match status with
    | Pending -> "pending"
    | Paid amt -> sprintf "paid %d" amt
    | Shipped t -> sprintf "shipped (%s)" t
    | Cancelled r -> sprintf "cancelled: %s" r

let o1 = { Id = 1; Customer = "Zoe"; Items = [ ("pen", 3, 150); ("pad", 1, 400) ]; Status = Pending }
let o2 = { o1 with Id = 2; Customer = "Yan"; Items = [ ("ink", 2, 725) ] }
let o3 = { o1 with Id = 3; Customer = "Xia" }

let results =
    [ o1 |> pay |> ship "TRK-001"
      o2 |> pay |> cancel "changed mind"
      o3 |> ship "TRK-002" |> cancel "never paid" |> pay ]

for o in results do
    printfn "#%d %-4s %5d  %s" o.Id o.Customer (total o) (statusText o.Status)

let isShipped o =
    match o.Status with
    | Shipped _ -> true
    | _ -> false

let shipped = results |> List.filter isShipped
printfn "shipped: %d, original o1 still %s" (List.length shipped) (statusText o1.Status)
