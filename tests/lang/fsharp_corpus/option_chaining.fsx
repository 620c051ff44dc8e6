type Address = { Street: string; City: string; Zip: string option }

type Person =
    { Name: string
      Address: Address option
      Manager: string option }

let people =
    Map.ofList
        [ ("ann", { Name = "Ann"; Address = Some { Street = "1 Main"; City = "Oslo"; Zip = Some "0150" }; Manager = Some "bob" })
          ("bob", { Name = "Bob"; Address = Some { Street = "9 Elm"; City = "Bergen"; Zip = None }; Manager = Some "cat" })
          ("cat", { Name = "Cat"; Address = None; Manager = None }) ]

let find id = Map.tryFind id people

let cityOf id =
    find id |> Option.bind (fun p -> p.Address) |> Option.map (fun a -> a.City)

let zipOf id =
    find id |> Option.bind (fun p -> p.Address) |> Option.bind (fun a -> a.Zip)

let managerName id =
    find id
    |> Option.bind (fun p -> p.Manager)
    |> Option.bind find
    |> Option.map (fun m -> m.Name)

let show o =
    match o with
    | Some s -> s
    | None -> "-"

for id in [ "ann"; "bob"; "cat"; "dan" ] do
    printfn "%-4s city=%-7s zip=%-5s manager=%s" id (show (cityOf id)) (show (zipOf id)) (show (managerName id))

let withCity = [ "ann"; "bob"; "cat" ] |> List.choose cityOf
printfn "cities: %A" withCity
printfn "%b %b" (Option.isSome (zipOf "ann")) (Option.isNone (cityOf "cat"))
