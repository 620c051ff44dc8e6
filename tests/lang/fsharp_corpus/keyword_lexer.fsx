open System

type Tok =
    | Kw of string
    | Ident of string
    | IntLit of int
    | Sym of string
    | Str of string

let keywords = set [ "let"; "if"; "then"; "else"; "fun" ]

let isIdentChar c =
    Char.IsDigit c || c = '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')

let lex (src: string) =
    let n = src.Length
    let rec scan i (pred: char -> bool) = if i < n && pred src.[i] then scan (i + 1) pred else i
    let rec go i acc =
        if i >= n then
            List.rev acc
        else
            let c = src.[i]
            if c = ' ' then
                go (i + 1) acc
            elif Char.IsDigit c then
                let j = scan i Char.IsDigit
                go j (IntLit(int (src.Substring(i, j - i))) :: acc)
            elif isIdentChar c then
                let j = scan i isIdentChar
                let word = src.Substring(i, j - i)
                go j ((if Set.contains word keywords then Kw word else Ident word) :: acc)
            elif c = '"' then
                let j = scan (i + 1) (fun ch -> ch <> '"')
                go (j + 1) (Str(src.Substring(i + 1, j - i - 1)) :: acc)
            elif i + 1 < n && (src.Substring(i, 2) = "->" || src.Substring(i, 2) = "==") then
                go (i + 2) (Sym(src.Substring(i, 2)) :: acc)
            else
                go (i + 1) (Sym(string c) :: acc)
    go 0 []

let show t =
    match t with
    | Kw k -> "KW:" + k
    | Ident s -> "ID:" + s
    | IntLit n -> sprintf "INT:%d" n
    | Sym s -> "SYM:" + s
    | Str s -> "STR:" + s

let toks = lex "let greet = fun name -> if name == \"bob\" then \"hi\" else name_2 + 10"
printfn "%d tokens" (List.length toks)
toks |> List.map show |> String.concat " " |> printfn "%s"
printfn "keywords: %d" (toks |> List.filter (function Kw _ -> true | _ -> false) |> List.length)
let idents = toks |> List.choose (function Ident s -> Some s | _ -> None) |> List.distinct
printfn "identifiers: %s" (String.Join(", ", idents))
