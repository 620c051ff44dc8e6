open System

type Token =
    | Num of int
    | Ident of string
    | Op of char
    | LParen
    | RParen

let tokenize (s: string) =
    let rec go i acc =
        if i >= s.Length then List.rev acc
        else
            let c = s.[i]
            if Char.IsWhiteSpace c then go (i + 1) acc
            elif Char.IsDigit c then
                let mutable j = i
                while j < s.Length && Char.IsDigit s.[j] do
                    j <- j + 1
                go j (Num (int (s.Substring(i, j - i))) :: acc)
            elif Char.IsLetter c then
                let mutable j = i
                while j < s.Length && (Char.IsLetterOrDigit s.[j] || s.[j] = '_') do
                    j <- j + 1
                go j (Ident (s.Substring(i, j - i)) :: acc)
            elif c = '(' then go (i + 1) (LParen :: acc)
            elif c = ')' then go (i + 1) (RParen :: acc)
            elif "+-*/=".Contains(c) then go (i + 1) (Op c :: acc)
            else failwithf "Unexpected character '%c' at %d" c i
    go 0 []

let describe t =
    match t with
    | Num n -> sprintf "NUM(%d)" n
    | Ident s -> sprintf "ID(%s)" s
    | Op c -> sprintf "OP(%c)" c
    | LParen -> "LP"
    | RParen -> "RP"

let inputs = [ "x = 42 + y1"; "(a+b)*12"; "foo_bar / 7 - 3"; "1 $ 2" ]

for inp in inputs do
    try
        let toks = tokenize inp
        printfn "%s -> %s" inp (toks |> List.map describe |> String.concat " ")
        printfn "  count=%d" (List.length toks)
    with
    | Failure msg -> printfn "%s -> error: %s" inp msg

let nums = tokenize "10 20 x 30" |> List.choose (function Num n -> Some n | _ -> None)
printfn "%A" nums
printfn "sum=%d" (List.sum nums)
