// Deterministic predator-prey simulation with integer arithmetic
type World = { Day: int; Rabbits: int; Foxes: int; Grass: int }

let stepWorld w =
    let grassGrowth = 50
    let eaten = min w.Grass (w.Rabbits * 2)
    let grass = w.Grass - eaten + grassGrowth |> min 1000
    let fedRabbits = eaten / 2
    let bornRabbits = fedRabbits / 4
    let huntedRabbits = min w.Rabbits (w.Foxes * 3)
    let rabbits = max 0 (w.Rabbits + bornRabbits - huntedRabbits - (w.Rabbits - fedRabbits) / 2)
    let bornFoxes = huntedRabbits / 10
    let starvedFoxes = if huntedRabbits < w.Foxes * 2 then w.Foxes / 3 else 0
    let foxes = max 0 (w.Foxes + bornFoxes - starvedFoxes - w.Foxes / 8)
    { Day = w.Day + 1; Rabbits = rabbits; Foxes = foxes; Grass = grass }

let bar n scale = String.replicate (n / scale) "#"

let mutable world = { Day = 0; Rabbits = 120; Foxes = 6; Grass = 600 }
let history = ResizeArray<World>()
history.Add world
while world.Day < 15 && world.Rabbits > 0 do
    world <- stepWorld world
    history.Add world

printfn "%4s %8s %6s %6s  %s" "day" "rabbits" "foxes" "grass" "rabbits/10"
for w in history do
    printfn "%4d %8d %6d %6d  %s" w.Day w.Rabbits w.Foxes w.Grass (bar w.Rabbits 10)

let peak = history |> Seq.maxBy (fun w -> w.Rabbits)
printfn "peak rabbits %d on day %d" peak.Rabbits peak.Day
let foxTotal = history |> Seq.sumBy (fun w -> w.Foxes)
printfn "fox-days: %d" foxTotal
