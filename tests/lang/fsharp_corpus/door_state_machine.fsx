type State =
    | Locked
    | Closed
    | Opened

type Event =
    | Unlock of string
    | Lock
    | Open
    | Close

let transition state event =
    match state, event with
    | Locked, Unlock code when code = "1234" -> Ok Closed
    | Locked, Unlock _ -> Error "wrong code"
    | Closed, Lock -> Ok Locked
    | Closed, Open -> Ok Opened
    | Opened, Close -> Ok Closed
    | _, _ -> Error "event ignored"

let stateName s =
    match s with
    | Locked -> "Locked"
    | Closed -> "Closed"
    | Opened -> "Opened"

let step state ev =
    match transition state ev with
    | Ok next ->
        printfn "%s -> %s" (stateName state) (stateName next)
        next
    | Error msg ->
        printfn "%s: %s" (stateName state) msg
        state

let events = [ Open; Unlock "0000"; Unlock "1234"; Open; Lock; Close; Lock ]
let final = events |> List.fold step Locked
printfn "final: %s" (stateName final)
