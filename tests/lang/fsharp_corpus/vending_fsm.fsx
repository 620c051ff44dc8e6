type Coin =
    | Nickel
    | Dime
    | Quarter

type State =
    | Idle
    | Collecting of cents: int
    | Dispensing of item: string * change: int

type Input =
    | Insert of Coin
    | Select of string
    | Cancel
    | Take

let value = function
    | Nickel -> 5
    | Dime -> 10
    | Quarter -> 25

let prices = dict [ "cola", 65; "chips", 50; "gum", 15 ]

let step state input =
    match state, input with
    | Idle, Insert c -> Collecting (value c), None
    | Collecting n, Insert c -> Collecting (n + value c), None
    | Collecting n, Select item when prices.ContainsKey item && n >= prices.[item] ->
        Dispensing (item, n - prices.[item]), Some (sprintf "vend %s" item)
    | Collecting n, Select item when prices.ContainsKey item ->
        Collecting n, Some (sprintf "need %d more for %s" (prices.[item] - n) item)
    | Collecting n, Select item -> Collecting n, Some (sprintf "unknown item %s" item)
    | Collecting n, Cancel -> Idle, Some (sprintf "refund %d" n)
    | Dispensing (_, change), Take -> Idle, (if change > 0 then Some (sprintf "change %d" change) else None)
    | s, i -> s, Some (sprintf "ignored %A" i)

let inputs =
    [ Select "gum"; Insert Quarter; Insert Quarter; Select "cola"; Insert Dime; Insert Nickel
      Select "cola"; Insert Dime; Take; Insert Dime; Insert Nickel; Select "gum"; Take; Insert Dime; Cancel ]

let final =
    inputs
    |> List.fold (fun st i ->
        let st', msg = step st i
        msg |> Option.iter (printfn "%s")
        st') Idle

printfn "final: %A" final
let states = inputs |> List.scan (fun st i -> fst (step st i)) Idle
printfn "dispensing states: %d" (states |> List.filter (function Dispensing _ -> true | _ -> false) |> List.length)
