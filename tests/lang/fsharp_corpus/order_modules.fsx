module Domain =
    type Status = Pending | Paid | Shipped of string | Cancelled of reason: string
    type Line = { Sku: string; Qty: int; UnitPrice: float }
    type Order = { Id: int; Lines: Line list; Status: Status }

    module Order =
        let total order = order.Lines |> List.sumBy (fun l -> float l.Qty * l.UnitPrice)
        let addLine line order = { order with Lines = order.Lines @ [ line ] }

module Workflow =
    open Domain
    let pay order =
        match order.Status with
        | Pending when Order.total order > 0.0 -> Ok { order with Status = Paid }
        | Pending -> Error "empty order"
        | s -> Error (sprintf "cannot pay in state %A" s)
    let ship tracking order =
        match order.Status with
        | Paid -> Ok { order with Status = Shipped tracking }
        | s -> Error (sprintf "cannot ship in state %A" s)
    let cancel reason order =
        match order.Status with
        | Shipped _ -> Error "already shipped"
        | _ -> Ok { order with Status = Cancelled reason }

open Domain

let o1 =
    { Id = 1; Lines = []; Status = Pending }
    |> Order.addLine { Sku = "A1"; Qty = 2; UnitPrice = 4.25 }
    |> Order.addLine { Sku = "B2"; Qty = 1; UnitPrice = 12.0 }
printfn "order %d total %.2f lines %d" o1.Id (Order.total o1) o1.Lines.Length

let run name steps order =
    let result = steps |> List.fold (fun acc step -> Result.bind step acc) (Ok order)
    match result with
    | Ok o -> printfn "%s: ok -> %A" name o.Status
    | Error e -> printfn "%s: failed -> %s" name e

run "happy" [ Workflow.pay; Workflow.ship "TRK-9" ] o1
run "empty" [ Workflow.pay ] { o1 with Id = 2; Lines = [] }
run "late cancel" [ Workflow.pay; Workflow.ship "TRK-1"; Workflow.cancel "changed mind" ] o1
run "early cancel" [ Workflow.cancel "dup"; Workflow.pay ] o1
