type Expr =
    | Const of int
    | Var of string
    | Add of Expr * Expr
    | Mul of Expr * Expr
    | Neg of Expr

let rec show = function
    | Const n when n < 0 -> sprintf "(%d)" n
    | Const n -> string n
    | Var v -> v
    | Add (a, Neg b) -> sprintf "(%s - %s)" (show a) (show b)
    | Add (a, b) -> sprintf "(%s + %s)" (show a) (show b)
    | Mul (a, b) -> sprintf "%s*%s" (show a) (show b)
    | Neg e -> sprintf "-%s" (show e)

let rec simplify expr =
    match expr with
    | Add (a, b) ->
        match simplify a, simplify b with
        | Const 0, e | e, Const 0 -> e
        | Const x, Const y -> Const (x + y)
        | x, Neg y when x = y -> Const 0
        | x, y -> Add (x, y)
    | Mul (a, b) ->
        match simplify a, simplify b with
        | Const 0, _ | _, Const 0 -> Const 0
        | Const 1, e | e, Const 1 -> e
        | Const x, Const y -> Const (x * y)
        | x, y -> Mul (x, y)
    | Neg e ->
        match simplify e with
        | Const n -> Const (-n)
        | Neg inner -> inner
        | e' -> Neg e'
    | e -> e

let rec eval env = function
    | Const n -> n
    | Var v -> Map.find v env
    | Add (a, b) -> eval env a + eval env b
    | Mul (a, b) -> eval env a * eval env b
    | Neg e -> -(eval env e)

let samples =
    [ Add (Mul (Const 1, Var "x"), Const 0)
      Mul (Add (Const 2, Const 3), Var "y")
      Add (Var "x", Neg (Var "x"))
      Neg (Neg (Add (Var "x", Mul (Const 0, Var "z"))))
      Add (Mul (Var "x", Var "y"), Neg (Const 4)) ]

let env = Map.ofList [ "x", 3; "y", 5; "z", 7 ]
for e in samples do
    let s = simplify e
    printfn "%-28s => %-12s = %d" (show e) (show s) (eval env s)
