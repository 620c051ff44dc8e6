type Direction = Up | Down | Idle

type Elevator(floors: int) =
    let mutable current = 0
    let mutable direction = Idle
    let mutable requests = Set.empty<int>
    let mutable moved = 0
    member _.Floor = current
    member _.Direction = direction
    member _.Moved = moved
    member _.Pending = Set.toList requests
    member _.Request(f: int) =
        if f < 0 || f >= floors then printfn "  ignoring invalid floor %d" f
        elif f <> current then requests <- Set.add f requests
    member this.Step() =
        if Set.isEmpty requests then direction <- Idle
        else
            let above = requests |> Set.filter (fun f -> f > current)
            let below = requests |> Set.filter (fun f -> f < current)
            direction <-
                match direction with
                | Up when not above.IsEmpty -> Up
                | Down when not below.IsEmpty -> Down
                | _ -> if not above.IsEmpty then Up else Down
            current <- if direction = Up then current + 1 else current - 1
            moved <- moved + 1
            if requests.Contains current then
                requests <- requests.Remove current
                printfn "  stop at floor %d" current

let e = Elevator(10)
let script =
    [ 0, [ 5; 2 ]
      3, [ 1 ]
      4, [ 8; 12 ]
      9, [ 0 ] ]
    |> Map.ofList

let mutable tick = 0
while tick < 25 do
    match Map.tryFind tick script with
    | Some fs ->
        printfn "t=%d requests %A" tick fs
        fs |> List.iter e.Request
    | None -> ()
    e.Step()
    if tick % 5 = 4 then
        printfn "t=%d floor=%d dir=%A pending=%A" tick e.Floor e.Direction e.Pending
    tick <- tick + 1
printfn "total floors travelled: %d, final floor %d, %A" e.Moved e.Floor e.Direction
