type Signup = { Name: string; Email: string; Age: int }

type ValidationError =
    | Missing of string
    | TooShort of field: string * min: int
    | BadEmail of string
    | OutOfRange of int

let describe = function
    | Missing f -> sprintf "%s is required" f
    | TooShort (f, n) -> sprintf "%s must be at least %d chars" f n
    | BadEmail e -> sprintf "'%s' is not an email" e
    | OutOfRange a -> sprintf "age %d out of range" a

let required field (value: string) = if System.String.IsNullOrWhiteSpace value then Error (Missing field) else Ok value
let minLength field n (value: string) = if value.Length < n then Error (TooShort (field, n)) else Ok value
let email (value: string) =
    match value.Split('@') with
    | [| user; domain |] when user <> "" && domain.Contains "." -> Ok (value.ToLower())
    | _ -> Error (BadEmail value)
let parseAge (s: string) =
    match System.Int32.TryParse s with
    | true, n when n >= 13 && n <= 120 -> Ok n
    | true, n -> Error (OutOfRange n)
    | _ -> Error (Missing "age")

// fail-fast with Result.bind
let validate (name, mail, age) =
    required "name" name
    |> Result.bind (minLength "name" 3)
    |> Result.bind (fun n ->
        required "email" mail
        |> Result.bind email
        |> Result.bind (fun e -> parseAge age |> Result.map (fun a -> { Name = n; Email = e; Age = a })))

// collect every error
let validateAll (name, mail, age) =
    let errs =
        [ required "name" name |> Result.bind (minLength "name" 3) |> Result.map ignore
          email mail |> Result.map ignore
          parseAge age |> Result.map ignore ]
        |> List.choose (function Error e -> Some e | Ok () -> None)
    if List.isEmpty errs then validate (name, mail, age) |> Result.mapError List.singleton else Error errs

let inputs = [ ("Alice", "Alice@Example.com", "30"); ("Al", "bad", "7"); ("", "x@y.z", "abc"); ("Bob", "bob@site.org", "200") ]
for i in inputs do
    match validate i with
    | Ok s -> printfn "ok %s <%s> %d" s.Name s.Email s.Age
    | Error e -> printfn "fail: %s" (describe e)
for i in inputs do
    match validateAll i with
    | Ok s -> printfn "all ok %s" s.Name
    | Error es -> printfn "%d error(s): %s" es.Length (es |> List.map describe |> String.concat "; ")
let nameOrDefault = validate ("Zo", "", "") |> Result.map (fun s -> s.Name) |> Result.defaultValue "anonymous"
printfn "%s" nameOrDefault
printfn "%A" (Ok 3 |> Result.map ((*) 2) |> Result.toOption)
