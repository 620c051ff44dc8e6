type Tok = TIdent of string | TNum of int | TEq | TStr of string | TComment

let charsToString (cs: char list) = cs |> List.map string |> String.concat ""

let rec lex chars =
    match chars with
    | [] -> []
    | ' ' :: rest | '\t' :: rest -> lex rest
    | '=' :: rest -> TEq :: lex rest
    | '#' :: _ -> [ TComment ]
    | '"' :: rest ->
        let str = rest |> List.takeWhile (fun c -> c <> '"')
        TStr (charsToString str) :: lex (List.skip (str.Length + 1) rest)
    | c :: _ when System.Char.IsDigit c ->
        let digits = chars |> List.takeWhile System.Char.IsDigit
        TNum (digits |> List.fold (fun acc d -> acc * 10 + (int d - int '0')) 0) :: lex (List.skip digits.Length chars)
    | c :: _ when System.Char.IsLetter c || c = '_' ->
        let word = chars |> List.takeWhile (fun ch -> System.Char.IsLetterOrDigit ch || ch = '_')
        TIdent (charsToString word) :: lex (List.skip word.Length chars)
    | c :: _ -> failwithf "unexpected '%c'" c

let parseLine (line: string) =
    match lex (List.ofSeq line) with
    | [ TIdent k; TEq; TNum n ] | [ TIdent k; TEq; TNum n; TComment ] -> Some (k, string n)
    | [ TIdent k; TEq; TStr s ] | [ TIdent k; TEq; TStr s; TComment ] -> Some (k, s)
    | [] | [ TComment ] -> None
    | toks -> failwithf "bad line: %A" toks

let config = [ "name = \"demo app\""; "port = 8080 # default"; "# comment only"; ""; "max_conn=25"; "broken ="; "debug = @" ]
for line in config do
    try
        match parseLine line with
        | Some (k, v) -> printfn "%s => %s" k v
        | None -> printfn "(skip)"
    with Failure msg -> printfn "error: %s" msg
let ranges = [ 'a' .. 'f' ] @ [ '0' .. '3' ]
printfn "%s" (ranges |> List.map string |> String.concat "")
let isHex = function
    | c when (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') -> true
    | _ -> false
printfn "%b %b" (String.forall isHex "c0ffee") (String.forall isHex "coffee")
