type Expr =
    | Const of int
    | Var of string
    | Add of Expr * Expr
    | Mul of Expr * Expr
    | Neg of Expr
    | Let of string * Expr * Expr

let rec eval env expr =
    match expr with
    | Const n -> n
    | Var name ->
        match Map.tryFind name env with
        | Some v -> v
        | None -> failwithf "unbound %s" name
    | Add (a, b) -> eval env a + eval env b
    | Mul (a, b) -> eval env a * eval env b
    | Neg e -> -(eval env e)
    | Let (name, value, body) ->
        let v = eval env value
        eval (Map.add name v env) body

let rec show expr =
    match expr with
    | Const n -> string n
    | Var name -> name
    | Add (a, b) -> sprintf "(%s + %s)" (show a) (show b)
    | Mul (a, b) -> sprintf "%s * %s" (show a) (show b)
    | Neg e -> sprintf "-%s" (show e)
    | Let (name, value, body) -> sprintf "let %s = %s in %s" name (show value) (show body)

let e1 = Add(Const 2, Mul(Const 3, Var "x"))
let e2 = Let("y", Add(Var "x", Const 1), Mul(Var "y", Neg(Var "y")))
let env = Map.ofList [ ("x", 5) ]

for e in [ e1; e2 ] do
    printfn "%s => %d" (show e) (eval env e)

let safeEval e =
    try
        Ok(eval Map.empty e)
    with Failure msg ->
        Error msg

match safeEval e1 with
| Ok v -> printfn "ok %d" v
| Error m -> printfn "error: %s" m
