type User = { Name: string; Email: string; Age: int }

let validateName (name: string) =
    if name.Trim().Length = 0 then Error "name is empty" else Ok(name.Trim())

let validateEmail (email: string) =
    if email.Contains("@") then Ok email else Error(sprintf "bad email '%s'" email)

let validateAge age =
    if age < 18 then Error(sprintf "age %d is under 18" age) else Ok age

let mkUser name email age =
    validateName name
    |> Result.bind (fun n ->
        validateEmail email
        |> Result.bind (fun e -> validateAge age |> Result.map (fun a -> { Name = n; Email = e; Age = a })))

let candidates =
    [ ("  Alice ", "alice@example.com", 30)
      ("", "nobody@example.com", 40)
      ("Bob", "bob.example.com", 25)
      ("Carol", "carol@example.com", 16) ]

for (n, e, a) in candidates do
    match mkUser n e a with
    | Ok u -> printfn "ok: %s <%s> %d" u.Name u.Email u.Age
    | Error msg -> printfn "rejected: %s" msg

let okCount =
    candidates
    |> List.map (fun (n, e, a) -> mkUser n e a)
    |> List.filter (function
        | Ok _ -> true
        | Error _ -> false)
    |> List.length

printfn "%d of %d accepted" okCount (List.length candidates)
