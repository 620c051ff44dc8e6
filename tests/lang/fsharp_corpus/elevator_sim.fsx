type Direction =
    | Up
    | Down
    | Idle

type Elevator = { mutable Floor: int; mutable Dir: Direction; mutable Stops: Set<int>; mutable Log: string list }

let e = { Floor = 0; Dir = Idle; Stops = Set.empty; Log = [] }
let requests = Map.ofList [ 0, [ 5; 2 ]; 3, [ 1 ]; 6, [ 8 ]; 9, [ 0 ] ]

let chooseDir () =
    if e.Stops.IsEmpty then Idle
    else
        let above = e.Stops |> Set.exists (fun s -> s > e.Floor)
        let below = e.Stops |> Set.exists (fun s -> s < e.Floor)
        match e.Dir with
        | Up when above -> Up
        | Down when below -> Down
        | _ when above -> Up
        | _ when below -> Down
        | _ -> Idle

let mutable tick = 0
let mutable running = true
while running do
    match Map.tryFind tick requests with
    | Some floors -> e.Stops <- Set.union e.Stops (Set.ofList floors)
    | None -> ()
    if e.Stops.Contains e.Floor then
        e.Stops <- e.Stops.Remove e.Floor
        e.Log <- sprintf "t%d:stop@%d" tick e.Floor :: e.Log
    e.Dir <- chooseDir ()
    match e.Dir with
    | Up -> e.Floor <- e.Floor + 1
    | Down -> e.Floor <- e.Floor - 1
    | Idle -> ()
    tick <- tick + 1
    running <- tick < 40 && not (e.Dir = Idle && tick > 9)

printfn "%s" (e.Log |> List.rev |> String.concat " ")
printfn "ended at floor %d after %d ticks, dir %A" e.Floor tick e.Dir
