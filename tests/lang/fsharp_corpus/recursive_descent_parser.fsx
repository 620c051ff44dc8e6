open System

type Expr =
    | Num of int
    | BinOp of char * Expr * Expr

let parse (input: string) =
    let s = input.Replace(" ", "")
    let pos = ref 0
    let peek () = if !pos < s.Length then Some s.[!pos] else None
    let advance () = incr pos
    let peekIs (chars: char list) =
        match peek () with
        | Some c -> List.contains c chars
        | None -> false
    let rec parseExpr () =
        let mutable left = parseTerm ()
        while peekIs [ '+'; '-' ] do
            let op = s.[!pos]
            advance ()
            left <- BinOp(op, left, parseTerm ())
        left
    and parseTerm () =
        let mutable left = parseFactor ()
        while peekIs [ '*'; '/' ] do
            let op = s.[!pos]
            advance ()
            left <- BinOp(op, left, parseFactor ())
        left
    and parseFactor () =
        match peek () with
        | Some '(' ->
            advance ()
            let e = parseExpr ()
            advance ()
            e
        | Some c when Char.IsDigit c ->
            let start = !pos
            while !pos < s.Length && Char.IsDigit s.[!pos] do
                advance ()
            Num(int (s.Substring(start, !pos - start)))
        | _ -> failwith "unexpected input"
    parseExpr ()

let rec eval e =
    match e with
    | Num n -> n
    | BinOp ('+', a, b) -> eval a + eval b
    | BinOp ('-', a, b) -> eval a - eval b
    | BinOp ('*', a, b) -> eval a * eval b
    | BinOp (_, a, b) -> eval a / eval b

let rec depth e =
    match e with
    | Num _ -> 1
    | BinOp (_, a, b) -> 1 + max (depth a) (depth b)

for src in [ "1 + 2 * 3"; "(1 + 2) * 3"; "100 / 7 - 2"; "2 * (3 + 4) * 5"; "8 - 3 - 2" ] do
    let e = parse src
    printfn "%-16s = %4d (depth %d)" src (eval e) (depth e)
