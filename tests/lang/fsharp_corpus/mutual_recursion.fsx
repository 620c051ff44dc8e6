let rec isEven n = if n = 0 then true else isOdd (n - 1)
and isOdd n = if n = 0 then false else isEven (n - 1)

printfn "%A" ([ 0; 1; 10; 7 ] |> List.map (fun n -> n, isEven n))

type Expr =
    | Num of int
    | Add of Expr * Expr
    | Mul of Expr * Expr
    | Neg of Expr

let rec parseExpr (tokens: string list) =
    let lhs, rest = parseTerm tokens
    match rest with
    | "+" :: rest' ->
        let rhs, rest'' = parseExpr rest'
        Add(lhs, rhs), rest''
    | _ -> lhs, rest
and parseTerm tokens =
    let lhs, rest = parseFactor tokens
    match rest with
    | "*" :: rest' ->
        let rhs, rest'' = parseTerm rest'
        Mul(lhs, rhs), rest''
    | _ -> lhs, rest
and parseFactor tokens =
    match tokens with
    | "-" :: rest ->
        let e, rest' = parseFactor rest
        Neg e, rest'
    | "(" :: rest ->
        let e, rest' = parseExpr rest
        match rest' with
        | ")" :: rest'' -> e, rest''
        | _ -> failwith "missing )"
    | n :: rest -> Num(int n), rest
    | [] -> failwith "unexpected end"

let rec eval e =
    match e with
    | Num n -> n
    | Add(a, b) -> eval a + eval b
    | Mul(a, b) -> eval a * eval b
    | Neg a -> -(eval a)

let rec show e =
    match e with
    | Num n -> string n
    | Add(a, b) -> sprintf "(%s + %s)" (show a) (show b)
    | Mul(a, b) -> sprintf "%s * %s" (show a) (show b)
    | Neg a -> "-" + show a

for src in [ "1 + 2 * 3"; "( 1 + 2 ) * 3"; "- 4 * ( 2 + - 1 )"; "2 * 3 * 4 + 1" ] do
    let e, _ = parseExpr (src.Split ' ' |> List.ofArray)
    printfn "%-20s => %-22s = %d" src (show e) (eval e)
printfn "%A" (fst (parseExpr [ "1"; "+"; "2" ]))
