type VState =
    | Idle
    | HasMoney of int
    | Dispensing of string * int

type Input =
    | Coin of int
    | Select of string
    | Refund

let price item =
    match item with
    | "cola" -> Some 150
    | "chips" -> Some 100
    | "candy" -> Some 75
    | _ -> None

let step state input =
    match state, input with
    | Idle, Coin c -> HasMoney c, sprintf "inserted %d" c
    | HasMoney m, Coin c -> HasMoney(m + c), sprintf "balance %d" (m + c)
    | HasMoney m, Select item ->
        match price item with
        | Some p when p <= m -> Dispensing(item, m - p), sprintf "dispense %s, change %d" item (m - p)
        | Some p -> HasMoney m, sprintf "need %d more" (p - m)
        | None -> HasMoney m, sprintf "unknown item %s" item
    | HasMoney m, Refund -> Idle, sprintf "refund %d" m
    | Dispensing _, _ -> Idle, "busy, resetting"
    | Idle, _ -> Idle, "insert coin first"

let inputs =
    [ Select "cola"; Coin 100; Select "cola"; Coin 25; Coin 25; Select "cola"
      Coin 5; Coin 50; Select "gum"; Refund ]

let mutable state = Idle

for i in inputs do
    let next, msg = step state i
    printfn "%s" msg
    state <- next

printfn "final idle: %b" (state = Idle)
