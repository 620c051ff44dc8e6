// Vending machine as a state machine
type State =
    | Idle
    | HasMoney of int
    | Dispensing of string * int

type Event =
    | Insert of int
    | Select of string
    | Cancel
    | Take

let prices = Map.ofList [ "cola", 150; "chips", 100; "gum", 50 ]

let step state event =
    match state, event with
    | Idle, Insert n when n > 0 -> HasMoney n, sprintf "credit %d" n
    | HasMoney c, Insert n -> HasMoney(c + n), sprintf "credit %d" (c + n)
    | HasMoney c, Select item ->
        match Map.tryFind item prices with
        | None -> state, sprintf "unknown item %s" item
        | Some p when p > c -> state, sprintf "need %d more" (p - c)
        | Some p -> Dispensing(item, c - p), sprintf "vending %s" item
    | HasMoney c, Cancel -> Idle, sprintf "refund %d" c
    | Dispensing(item, change), Take ->
        let msg = if change > 0 then sprintf "took %s, change %d" item change else sprintf "took %s" item
        Idle, msg
    | Idle, Select _ -> Idle, "insert money first"
    | s, e -> s, sprintf "ignored %A" e

let events =
    [ Select "cola"; Insert 100; Select "cola"; Insert 25; Insert 25; Select "cola"; Insert 5; Take
      Insert 200; Select "water"; Select "gum"; Take; Insert 50; Cancel; Cancel ]

let finalState =
    events
    |> List.fold (fun st ev ->
        let st', msg = step st ev
        printfn "%-18s %s" (sprintf "%A" ev) msg
        st') Idle

match finalState with
| Idle -> printfn "final: idle"
| HasMoney c -> printfn "final: holding %d" c
| Dispensing(i, _) -> printfn "final: dispensing %s" i
