open System

type User = { Name: string; Age: int option; Email: string option }

let users =
    [ { Name = "ann"; Age = Some 34; Email = Some "ann@example.com" }
      { Name = "ben"; Age = None; Email = Some "ben-at-example" }
      { Name = "cat"; Age = Some 17; Email = None } ]

let domain (email: string) =
    match email.IndexOf '@' with
    | -1 -> None
    | i -> Some (email.Substring(i + 1))

for u in users do
    let d = u.Email |> Option.bind domain |> Option.defaultValue "(none)"
    let ageText = u.Age |> Option.map string |> Option.defaultValue "?"
    printfn "%-4s age=%-3s domain=%s" u.Name ageText d

users |> List.iter (fun u -> u.Age |> Option.filter (fun a -> a >= 18) |> Option.iter (printfn "%s is an adult: %d" u.Name))

let parseInt (s: string) =
    match Int32.TryParse s with
    | true, v -> Ok v
    | false, _ -> Error (sprintf "'%s' is not a number" s)

let positive n = if n > 0 then Ok n else Error (sprintf "%d is not positive" n)
let half n = if n % 2 = 0 then Ok (n / 2) else Error (sprintf "%d is odd" n)

let pipeline s = parseInt s |> Result.bind positive |> Result.bind half |> Result.map (fun n -> n * 10)

for s in [ "42"; "abc"; "-4"; "7"; "100" ] do
    match pipeline s with
    | Ok v -> printfn "%s -> %d" s v
    | Error e -> printfn "%s -> error: %s" s e

let errs = [ "1"; "x"; "y" ] |> List.map parseInt |> List.choose (function Error e -> Some e | Ok _ -> None)
printfn "%A" errs
printfn "%A" (Some 3 |> Option.map (fun x -> x + 1), Option.defaultWith (fun () -> 0) None)
let m = pipeline "8" |> Result.mapError (fun e -> e.Length)
printfn "%A" m
printfn "%b %b" (Option.isSome (Some 1)) (Option.isNone (Some 1))
