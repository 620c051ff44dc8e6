open System

let (|Even|Odd|) n = if n % 2 = 0 then Even else Odd

let (|Int|_|) (s: string) =
    match Int32.TryParse s with
    | true, v -> Some v
    | _ -> None

let (|Prefix|_|) (p: string) (s: string) =
    if s.StartsWith p then Some (s.Substring p.Length) else None

let (|Csv|) (s: string) = s.Split ',' |> Array.map (fun x -> x.Trim()) |> List.ofArray

let (|DivisibleBy|_|) d n = if n % d = 0 then Some () else None

let fizz n =
    match n with
    | DivisibleBy 15 -> "FizzBuzz"
    | DivisibleBy 3 -> "Fizz"
    | DivisibleBy 5 -> "Buzz"
    | _ -> string n

printfn "%s" ([ 1 .. 15 ] |> List.map fizz |> String.concat " ")

let classify input =
    match input with
    | Int (Even as n) -> sprintf "even int %d" n
    | Int n -> sprintf "odd int %d" n
    | Prefix "set:" (Csv [ key; value ]) -> sprintf "set %s to %s" key value
    | Prefix "set:" rest -> sprintf "malformed set '%s'" rest
    | Prefix "add:" (Csv items) ->
        let nums = items |> List.choose (fun s -> match s with Int v -> Some v | _ -> None)
        sprintf "add %d numbers, total %d" nums.Length (List.sum nums)
    | "" -> "empty"
    | other -> sprintf "unknown '%s'" other

let inputs = [ "42"; "17"; "set: color, blue"; "set:a,b,c"; "add:1, 2, x, 4"; ""; "hello"; "-8" ]
for i in inputs do
    printfn "%-18s -> %s" (sprintf "\"%s\"" i) (classify i)

let (|Celsius|Fahrenheit|) (s: string) =
    let v = int (s.Substring(0, s.Length - 1))
    if s.EndsWith "C" then Celsius v else Fahrenheit v

for t in [ "100C"; "212F"; "-40C"; "50F" ] do
    match t with
    | Celsius c -> printfn "%s = %dF" t (c * 9 / 5 + 32)
    | Fahrenheit f -> printfn "%s = %dC" t ((f - 32) * 5 / 9)
