type Light = Red | Green | Yellow | FlashingRed

type Event = Timer | Fault | Reset

let step state event =
    match state, event with
    | _, Fault -> FlashingRed
    | FlashingRed, Reset -> Red
    | FlashingRed, _ -> FlashingRed
    | Red, Timer -> Green
    | Green, Timer -> Yellow
    | Yellow, Timer -> Red
    | s, Reset -> s

let duration = function
    | Red -> 30
    | Green -> 25
    | Yellow -> 5
    | FlashingRed -> 0

let events = [ Timer; Timer; Timer; Timer; Fault; Timer; Reset; Timer ]
let states = List.scan step Red events
states |> List.iteri (fun i s -> printfn "%2d: %-12s %3ds" i (sprintf "%A" s) (duration s))

let total = states |> List.sumBy duration
printfn "total time: %d" total
let counts = states |> List.countBy id
printfn "%A" counts
let firstFault = states |> List.tryFindIndex (fun s -> s = FlashingRed)
match firstFault with
| Some i -> printfn "first fault at step %d" i
| None -> printfn "no fault"
printfn "%A" (states |> List.distinct |> List.length)
