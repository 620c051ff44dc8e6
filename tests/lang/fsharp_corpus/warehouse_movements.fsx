type Product = { Name: string; Stock: int; Reorder: int }

type Movement =
    | Received of string * int
    | Shipped of string * int

let inventory =
    [ { Name = "bolts"; Stock = 120; Reorder = 50 }
      { Name = "nuts"; Stock = 40; Reorder = 60 }
      { Name = "washers"; Stock = 300; Reorder = 100 }
      { Name = "screws"; Stock = 15; Reorder = 25 } ]
    |> List.map (fun p -> p.Name, p)
    |> Map.ofList

let applyMovement inv m =
    match m with
    | Received (name, qty) ->
        match Map.tryFind name inv with
        | Some p -> Map.add name { p with Stock = p.Stock + qty } inv
        | None -> inv
    | Shipped (name, qty) ->
        match Map.tryFind name inv with
        | Some p when p.Stock >= qty -> Map.add name { p with Stock = p.Stock - qty } inv
        | _ ->
            printfn "cannot ship %d %s" qty name
            inv

let movements =
    [ Shipped("bolts", 80); Received("nuts", 30); Shipped("screws", 20)
      Shipped("washers", 250); Received("gears", 5) ]

let final = movements |> List.fold applyMovement inventory

for KeyValue (name, p) in final do
    let flag = if p.Stock < p.Reorder then " REORDER" else ""
    printfn "%-8s %4d%s" name p.Stock flag

let toOrder =
    final
    |> Map.filter (fun _ p -> p.Stock < p.Reorder)
    |> Map.map (fun _ p -> p.Reorder * 2 - p.Stock)

toOrder |> Map.iter (fun name qty -> printfn "order %d %s" qty name)
