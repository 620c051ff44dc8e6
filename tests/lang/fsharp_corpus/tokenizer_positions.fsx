open System

type Token =
    | Number of int
    | Ident of string
    | Op of char
    | LParen
    | RParen

let tokenize (input: string) =
    let chars = input.ToCharArray()
    let n = chars.Length
    let rec loop i acc =
        if i >= n then List.rev acc
        else
            let c = chars.[i]
            if Char.IsWhiteSpace c then loop (i + 1) acc
            elif Char.IsDigit c then
                let mutable j = i
                while j < n && Char.IsDigit chars.[j] do
                    j <- j + 1
                let text = String(chars, i, j - i)
                loop j (Number(int text) :: acc)
            elif Char.IsLetter c then
                let mutable j = i
                while j < n && Char.IsLetterOrDigit chars.[j] do
                    j <- j + 1
                loop j (Ident(input.Substring(i, j - i)) :: acc)
            elif c = '(' then loop (i + 1) (LParen :: acc)
            elif c = ')' then loop (i + 1) (RParen :: acc)
            else loop (i + 1) (Op c :: acc)
    loop 0 []

let describe tok =
    match tok with
    | Number n -> sprintf "NUM(%d)" n
    | Ident s -> sprintf "ID(%s)" s
    | Op c -> sprintf "OP(%c)" c
    | LParen -> "("
    | RParen -> ")"

let samples = [ "x1 + 42"; "(a*b) - 7"; "foo(bar, 3)" ]
for s in samples do
    let toks = tokenize s
    printfn "%-12s -> %s" s (toks |> List.map describe |> String.concat " ")
    printfn "  count=%d idents=%d" (List.length toks) (toks |> List.filter (function Ident _ -> true | _ -> false) |> List.length)

printfn "%A" (tokenize "1+x")
