type Options =
    { Verbose: bool
      Output: string option
      Level: int
      Files: string list
      Defines: Map<string, string> }

let defaults = { Verbose = false; Output = None; Level = 1; Files = []; Defines = Map.empty }

let (|IntArg|_|) (s: string) =
    match System.Int32.TryParse s with
    | true, n -> Some n
    | _ -> None

let (|KeyValue|_|) (s: string) =
    match s.IndexOf '=' with
    | -1 -> None
    | i -> Some (s.Substring(0, i), s.Substring(i + 1))

let rec parse opts args =
    match args with
    | [] -> Ok { opts with Files = List.rev opts.Files }
    | ("-v" | "--verbose") :: rest -> parse { opts with Verbose = true } rest
    | ("-o" | "--output") :: path :: rest -> parse { opts with Output = Some path } rest
    | [ "-o" ] | [ "--output" ] -> Error "missing value for --output"
    | "--level" :: IntArg n :: rest when n >= 0 && n <= 3 -> parse { opts with Level = n } rest
    | "--level" :: bad :: _ -> Error (sprintf "bad level '%s'" bad)
    | "-D" :: KeyValue (k, v) :: rest -> parse { opts with Defines = Map.add k v opts.Defines } rest
    | flag :: _ when flag.StartsWith "-" -> Error (sprintf "unknown flag %s" flag)
    | file :: rest -> parse { opts with Files = file :: opts.Files } rest

let run (line: string) =
    let args = line.Split([| ' ' |], System.StringSplitOptions.RemoveEmptyEntries) |> List.ofArray
    match parse defaults args with
    | Ok o ->
        let out = o.Output |> Option.defaultValue "stdout"
        let defs = o.Defines |> Map.toList |> List.map (fun (k, v) -> k + "=" + v) |> String.concat ","
        printfn "ok v=%b out=%s level=%d files=%A defs=[%s]" o.Verbose out o.Level o.Files defs
    | Error e -> printfn "error: %s" e

run "a.txt -v b.txt"
run "--output out.bin --level 3 -D mode=fast -D x=1 main.fs"
run "--level 9 x"
run "-q"
run "in.txt -o"
run ""
