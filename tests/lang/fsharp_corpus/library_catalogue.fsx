type Book = { Isbn: string; Title: string; Author: string; Year: int }

type Catalogue = { Books: Map<string, Book>; OnLoan: Set<string>; Loans: Map<string, int> }

let empty = { Books = Map.empty; OnLoan = Set.empty; Loans = Map.empty }

let addBook b cat = { cat with Books = Map.add b.Isbn b cat.Books }

let checkout isbn cat =
    match Map.tryFind isbn cat.Books with
    | None -> Error (sprintf "no such book %s" isbn)
    | Some _ when Set.contains isbn cat.OnLoan -> Error (sprintf "%s already on loan" isbn)
    | Some _ ->
        let loans =
            cat.Loans
            |> Map.change isbn (function
                | Some n -> Some (n + 1)
                | None -> Some 1)
        Ok { cat with OnLoan = Set.add isbn cat.OnLoan; Loans = loans }

let checkin isbn cat = { cat with OnLoan = Set.remove isbn cat.OnLoan }

let cat =
    [ { Isbn = "111"; Title = "Dune"; Author = "Herbert"; Year = 1965 }
      { Isbn = "222"; Title = "Neuromancer"; Author = "Gibson"; Year = 1984 }
      { Isbn = "333"; Title = "Foundation"; Author = "Asimov"; Year = 1951 } ]
    |> List.fold (fun c b -> addBook b c) empty

let steps = [ checkout "111"; checkout "111"; (checkin "111" >> Ok); checkout "111"; checkout "999"; checkout "333" ]

let final =
    steps
    |> List.fold (fun c step ->
        match step c with
        | Ok c2 -> c2
        | Error msg ->
            printfn "error: %s" msg
            c) cat

printfn "on loan: %A" (Set.toList final.OnLoan)
final.Loans |> Map.iter (fun k v -> printfn "%s -> %d loans (%s)" k v final.Books.[k].Title)
let titles = Map.foldBack (fun _ b acc -> b.Title :: acc) final.Books []
printfn "%s" (String.concat ", " titles)
let oldest = final.Books |> Map.toList |> List.map snd |> List.minBy (fun b -> b.Year)
printfn "oldest: %s by %s (%d)" oldest.Title oldest.Author oldest.Year
