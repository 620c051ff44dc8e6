open System

let (|Int|_|) (s: string) =
    match Int32.TryParse s with
    | true, v -> Some v
    | _ -> None

let (|Prefix|_|) (p: string) (s: string) =
    if s.StartsWith p then Some (s.Substring p.Length) else None

let (|Empty|NonEmpty|) (s: string) = if String.IsNullOrWhiteSpace s then Empty else NonEmpty (s.Trim())

let interpret line =
    match line with
    | Empty -> "blank"
    | NonEmpty (Prefix "add " rest) ->
        (match rest.Split(' ') with
         | [| Int a; Int b |] -> sprintf "sum %d" (a + b)
         | _ -> "bad add")
    | NonEmpty (Prefix "echo " msg) -> sprintf "echo '%s'" msg
    | NonEmpty (Int n) -> sprintf "number %d" n
    | NonEmpty other -> sprintf "unknown '%s'" other

let cmds = [ "add 2 3"; "  echo hi there "; "   "; "17"; "add x 1"; "launch" ]
for c in cmds do printfn "%-18s => %s" (sprintf "\"%s\"" c) (interpret c)

let (|Even|Odd|) n = if n % 2 = 0 then Even else Odd
let classify = List.map (function Even -> "E" | Odd -> "O")
printfn "%s" ([ 1 .. 6 ] |> classify |> String.concat "")
