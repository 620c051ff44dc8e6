// Order report: records in, aggregated records (or JSON) out.
// The host passes a list of dicts; each arrives as a record with the fields
// customer (string), item (string) and amount (float).

let round2 (x: float) = Math.round (x * 100.0) / 100.0

let totals orders =
    orders
    |> List.groupBy (fun order -> order.customer)
    |> List.map (fun (customer, items) ->
        { customer = customer
          orders = List.length items
          total = items |> List.sumBy (fun o -> o.amount) |> round2 })
    |> List.sortBy (fun row -> row.customer)

let report_json orders =
    totals orders |> List.toArray |> Json.stringify

let parse_orders (text: string) =
    Json.parse text |> Array.toList

let biggest_customer orders =
    match totals orders with
    | [] -> None
    | rows -> Some (List.maxBy (fun row -> row.total) rows).customer
