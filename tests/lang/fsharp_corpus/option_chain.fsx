type Address = { Street: string; City: string; Zip: string option }
type Person = { Name: string; Address: Address option; Manager: string option }

let people =
    [ { Name = "ann"; Address = Some { Street = "1 Main"; City = "Springfield"; Zip = Some "12345" }; Manager = None }
      { Name = "ben"; Address = Some { Street = "9 Elm"; City = "Shelbyville"; Zip = None }; Manager = Some "ann" }
      { Name = "cat"; Address = None; Manager = Some "ben" }
      { Name = "dov"; Address = None; Manager = Some "zed" } ]

let find name = people |> List.tryFind (fun p -> p.Name = name)

let zipOf name =
    find name
    |> Option.bind (fun p -> p.Address)
    |> Option.bind (fun a -> a.Zip)

let managerCity name =
    find name
    |> Option.bind (fun p -> p.Manager)
    |> Option.bind find
    |> Option.bind (fun m -> m.Address)
    |> Option.map (fun a -> a.City)

for n in [ "ann"; "ben"; "cat"; "dov"; "eve" ] do
    let zip = zipOf n |> Option.defaultValue "-----"
    let city = managerCity n |> Option.defaultWith (fun () -> "n/a")
    printfn "%s zip=%s managerCity=%s" n zip city

let chainOfCommand name =
    let rec go n acc =
        match find n |> Option.bind (fun p -> p.Manager) with
        | Some m when not (List.contains m acc) -> go m (m :: acc)
        | _ -> List.rev acc
    go name []

printfn "cat's chain: %A" (chainOfCommand "cat")
printfn "dov's chain: %A" (chainOfCommand "dov")

let options = [ Some 3; None; Some 7; Some 1; None ]
printfn "choose: %A" (List.choose id options)
printfn "count some: %d" (options |> List.filter Option.isSome |> List.length)
printfn "sum via fold: %d" (options |> List.sumBy (Option.defaultValue 0))
printfn "map2-like: %A" (Option.map2 (+) (Some 2) (Some 40))
printfn "map2 none: %A" (Option.map2 (+) (Some 2) None)
printfn "orElse: %A" (None |> Option.orElse (Some 9))
printfn "filter: %A %A" (Some 10 |> Option.filter (fun x -> x > 5)) (Some 1 |> Option.filter (fun x -> x > 5))
printfn "toList: %A, exists: %b, forall on None: %b" (Option.toList (Some "x")) (Option.exists ((=) 3) (Some 3)) (Option.forall (fun _ -> false) None)
let firstSome = options |> List.tryPick id
printfn "tryPick: %A" firstSome
match firstSome with
| Some v -> printfn "value is %d" v
| None -> printfn "nothing"
