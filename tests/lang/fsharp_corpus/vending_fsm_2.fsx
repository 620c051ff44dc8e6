type State =
    | Idle
    | Collecting of int
    | Dispensing of string * int

type Event =
    | Coin of int
    | Select of string
    | Cancel
    | Done

let prices = Map.ofList [ "cola", 150; "chips", 100; "gum", 50 ]

let step state event =
    match state, event with
    | Idle, Coin c -> Collecting c, sprintf "inserted %d" c
    | Collecting total, Coin c -> Collecting (total + c), sprintf "total now %d" (total + c)
    | Collecting total, Select item ->
        (match Map.tryFind item prices with
         | None -> state, sprintf "unknown item %s" item
         | Some p when p > total -> state, sprintf "%s costs %d, need %d more" item p (p - total)
         | Some p -> Dispensing (item, total - p), sprintf "dispensing %s" item)
    | Collecting total, Cancel -> Idle, sprintf "refund %d" total
    | Dispensing (item, change), Done ->
        Idle, (if change > 0 then sprintf "took %s, change %d" item change else sprintf "took %s" item)
    | Idle, Select _ -> Idle, "insert coins first"
    | s, e -> s, sprintf "ignored %A" e

let events =
    [ Select "cola"; Coin 100; Select "cola"; Coin 25; Coin 25; Select "cola"; Done
      Coin 200; Select "tea"; Select "gum"; Coin 5; Done
      Coin 50; Cancel; Cancel ]

let finalState =
    events
    |> List.fold (fun (st, n) ev ->
        let st', msg = step st ev
        printfn "%2d: %s" n msg
        (st', n + 1)) (Idle, 1)
    |> fst

printfn "final: %A" finalState
