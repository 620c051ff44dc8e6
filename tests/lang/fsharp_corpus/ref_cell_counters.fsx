let counter = ref 0
let total = ref 0

let record n =
    incr counter
    total := !total + n

[ 5; 10; 15; 20 ] |> List.iter record
printfn "count=%d total=%d" !counter !total

let makeGen start =
    let state = ref start
    fun () ->
        let v = !state
        state := v * 2
        v

let gen = makeGen 3
let firstFive = [ for _ in 1 .. 5 -> gen () ]
printfn "%A" firstFive
printfn "next: %d" (gen ())

decr counter
printfn "after decr: %d" counter.Value
counter.Value <- 100
printfn "after set: %d" !counter

let log = ref ([]: string list)
for word in [ "alpha"; "beta"; "gamma" ] do
    log := word.ToUpper() :: !log
printfn "%s" (String.concat " " (List.rev !log))
