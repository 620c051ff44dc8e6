type Player = { Name: string; mutable Hp: int; mutable Gold: int; mutable Log: string list }

type Action = Attack of int | Heal of int | Loot of int | Rest

let perform (p: Player) action =
    match action with
    | Attack dmg ->
        p.Hp <- max 0 (p.Hp - dmg)
        p.Log <- sprintf "took %d" dmg :: p.Log
    | Heal amt ->
        let before = p.Hp
        p.Hp <- min 100 (p.Hp + amt)
        p.Log <- sprintf "healed %d" (p.Hp - before) :: p.Log
    | Loot g ->
        p.Gold <- p.Gold + g
        p.Log <- sprintf "found %dg" g :: p.Log
    | Rest -> p.Log <- "rested" :: p.Log

let hero = { Name = "Rin"; Hp = 80; Gold = 0; Log = [] }
let actions = [ Attack 30; Loot 15; Heal 70; Attack 120; Heal 10; Loot 5; Rest ]
let mutable turn = 0
for a in actions do
    turn <- turn + 1
    if hero.Hp > 0 then
        perform hero a
        printfn "turn %d: %-10s hp=%3d gold=%d" turn (sprintf "%A" a) hero.Hp hero.Gold
    else
        printfn "turn %d: %s is down" turn hero.Name
printfn "log: %s" (hero.Log |> List.rev |> String.concat ", ")
let copy = { hero with Name = "Clone" }
copy.Hp <- 50
printfn "%s %d / %s %d" hero.Name hero.Hp copy.Name copy.Hp
