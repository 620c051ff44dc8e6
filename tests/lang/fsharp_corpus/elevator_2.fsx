// Deterministic elevator simulation (SCAN scheduling)
type Direction =
    | Up
    | Down
    | IdleDir

type Elevator = { Floor: int; Dir: Direction; Stops: Set<int>; Moved: int; Served: int list }

let requests = Map.ofList [ 0, [ 5; 2 ]; 3, [ 8 ]; 4, [ 1 ]; 9, [ 6; 0 ]; 15, [ 3 ] ]

let chooseDir e =
    if Set.isEmpty e.Stops then IdleDir
    else
        let above = e.Stops |> Set.exists (fun s -> s > e.Floor)
        let below = e.Stops |> Set.exists (fun s -> s < e.Floor)
        match e.Dir with
        | Up when above -> Up
        | Down when below -> Down
        | _ when above -> Up
        | _ when below -> Down
        | _ -> IdleDir

let step t e =
    let incoming = requests |> Map.tryFind t |> Option.defaultValue []
    let e = { e with Stops = Set.union e.Stops (Set.ofList incoming) }
    let e =
        if e.Stops.Contains e.Floor then
            { e with Stops = e.Stops.Remove e.Floor; Served = e.Floor :: e.Served }
        else e
    let dir = chooseDir e
    let floor =
        match dir with
        | Up -> e.Floor + 1
        | Down -> e.Floor - 1
        | IdleDir -> e.Floor
    { e with Dir = dir; Floor = floor; Moved = e.Moved + (if dir = IdleDir then 0 else 1) }

let dirChar d =
    match d with
    | Up -> '^'
    | Down -> 'v'
    | IdleDir -> '-'

let mutable e = { Floor = 0; Dir = IdleDir; Stops = Set.empty; Moved = 0; Served = [] }
let mutable t = 0
let trace = ResizeArray<string>()
while t < 30 do
    let before = e.Floor
    e <- step t e
    if t % 3 = 0 || e.Floor = before then
        trace.Add(sprintf "t=%2d floor=%d %c pending=%A" t e.Floor (dirChar e.Dir) (Set.toList e.Stops))
    t <- t + 1

trace |> Seq.truncate 12 |> Seq.iter (printfn "%s")
printfn "served order: %A" (List.rev e.Served)
printfn "floors travelled: %d, final floor %d" e.Moved e.Floor
