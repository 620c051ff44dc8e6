type Signup = { User: string; Age: int; Email: string }

let traverse f xs =
    let folder x acc =
        match f x, acc with
        | Ok y, Ok ys -> Ok(y :: ys)
        | Error e, Ok _ -> Error [ e ]
        | Ok _, Error es -> Error es
        | Error e, Error es -> Error(e :: es)
    List.foldBack folder xs (Ok [])

let parseAge (s: string) =
    match System.Int32.TryParse s with
    | true, n when n >= 13 && n < 130 -> Ok n
    | true, n -> Error(sprintf "age %d out of range" n)
    | _ -> Error(sprintf "'%s' is not a number" s)

let validate (user: string, age: string, email: string) =
    let u = if user.Trim() = "" then Error "empty user" else Ok(user.Trim())
    let e = if email.Contains "@" then Ok email else Error(sprintf "bad email '%s'" email)
    match u, parseAge age, e with
    | Ok u, Ok a, Ok e -> Ok { User = u; Age = a; Email = e }
    | _ ->
        [ u |> Result.map ignore; parseAge age |> Result.map ignore; e |> Result.map ignore ]
        |> List.choose (function Error m -> Some m | Ok () -> None)
        |> String.concat "; "
        |> Error

let batches =
    [ [ "ann", "34", "ann@x.org"; " bob ", "19", "bob@y.com" ]
      [ "cat", "7", "cat@z"; "", "abc", "nobody"; "dan", "40", "dan@q.io" ] ]

for batch in batches do
    match traverse validate batch with
    | Ok users -> users |> List.iter (fun u -> printfn "ok %s/%d/%s" u.User u.Age u.Email)
    | Error errs ->
        printfn "%d invalid:" errs.Length
        errs |> List.iter (printfn "  - %s")

printfn "%A" (traverse parseAge [ "20"; "30" ])
printfn "%A" (Result.bind (fun n -> if n > 25 then Ok(n * 2) else Error "small") (parseAge "26"))
printfn "%A" (parseAge "200" |> Result.mapError String.length)
