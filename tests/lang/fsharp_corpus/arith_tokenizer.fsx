open System

type Token =
    | Num of int
    | Plus
    | Minus
    | Star
    | Slash
    | LParen
    | RParen

let tokenize (s: string) =
    let rec go i acc =
        if i >= s.Length then
            List.rev acc
        else
            let c = s.[i]
            if Char.IsDigit c then
                let mutable j = i
                while j < s.Length && Char.IsDigit s.[j] do
                    j <- j + 1
                go j (Num(int (s.Substring(i, j - i))) :: acc)
            else
                match c with
                | '+' -> go (i + 1) (Plus :: acc)
                | '-' -> go (i + 1) (Minus :: acc)
                | '*' -> go (i + 1) (Star :: acc)
                | '/' -> go (i + 1) (Slash :: acc)
                | '(' -> go (i + 1) (LParen :: acc)
                | ')' -> go (i + 1) (RParen :: acc)
                | ' ' -> go (i + 1) acc
                | other -> failwithf "unexpected %c" other
    go 0 []

let show t =
    match t with
    | Num n -> string n
    | Plus -> "+"
    | Minus -> "-"
    | Star -> "*"
    | Slash -> "/"
    | LParen -> "("
    | RParen -> ")"

let toks = tokenize "12 + 3*(40 - 5)/7"
printfn "%d tokens" (List.length toks)
printfn "%s" (toks |> List.map show |> String.concat " ")
let nums = toks |> List.choose (function Num n -> Some n | _ -> None)
printfn "numbers: %A" nums
printfn "sum: %d" (List.sum nums)
