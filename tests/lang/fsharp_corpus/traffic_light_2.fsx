// Traffic light controller with timers and pedestrian requests
type Light =
    | Red
    | RedAmber
    | Green
    | Amber

type Controller = { Light: Light; Remaining: int; PedWaiting: bool; Cycles: int }

let duration light =
    match light with
    | Red -> 4
    | RedAmber -> 1
    | Green -> 5
    | Amber -> 2

let next light =
    match light with
    | Red -> RedAmber
    | RedAmber -> Green
    | Green -> Amber
    | Amber -> Red

let (|Expired|Running|) c = if c.Remaining <= 1 then Expired else Running(c.Remaining - 1)

let tick pedPress c =
    let c = if pedPress then { c with PedWaiting = true } else c
    match c with
    | { Light = Green; PedWaiting = true; Remaining = r } when r > 2 ->
        // shorten green when a pedestrian is waiting
        { c with Remaining = 2 }
    | Expired ->
        let nl = next c.Light
        { c with
            Light = nl
            Remaining = duration nl
            PedWaiting = if nl = Red then false else c.PedWaiting
            Cycles = if nl = Red then c.Cycles + 1 else c.Cycles }
    | Running r -> { c with Remaining = r }

let symbol l =
    match l with
    | Red -> "R.."
    | RedAmber -> "RA."
    | Green -> "..G"
    | Amber -> ".A."

let presses = set [ 3; 14 ]
let mutable c = { Light = Red; Remaining = duration Red; PedWaiting = false; Cycles = 0 }
let timeline = System.Text.StringBuilder()
for t in 0 .. 24 do
    let pressed = presses.Contains t
    printfn "t=%02d %s rem=%d%s" t (symbol c.Light) c.Remaining (if c.PedWaiting then " ped" else "")
    timeline.Append(match c.Light with Red -> 'R' | RedAmber -> 'r' | Green -> 'G' | Amber -> 'A') |> ignore
    c <- tick pressed c

printfn "timeline: %s" (timeline.ToString())
printfn "cycles completed: %d" c.Cycles
