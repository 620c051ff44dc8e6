let rec isEven n = if n = 0 then true else isOdd (n - 1)
and isOdd n = if n = 0 then false else isEven (n - 1)

printfn "%b %b %b" (isEven 10) (isOdd 7) (isEven 3)

type Expr =
    | Lit of int
    | X
    | Sum of Expr * Expr
    | Prod of Expr * Expr

let rec simplify e =
    match e with
    | Sum (a, b) ->
        match simplify a, simplify b with
        | Lit 0, s | s, Lit 0 -> s
        | Lit x, Lit y -> Lit(x + y)
        | a', b' -> Sum(a', b')
    | Prod (a, b) ->
        match simplify a, simplify b with
        | Lit 0, _ | _, Lit 0 -> Lit 0
        | Lit 1, s | s, Lit 1 -> s
        | Lit x, Lit y -> Lit(x * y)
        | a', b' -> Prod(a', b')
    | other -> other

let rec toText e =
    match e with
    | Lit n -> string n
    | X -> "x"
    | Sum (a, b) -> sprintf "(%s + %s)" (toText a) (toText b)
    | Prod (a, b) -> sprintf "%s*%s" (toText a) (toText b)

let rec derive e =
    match e with
    | Lit _ -> Lit 0
    | X -> Lit 1
    | Sum (a, b) -> Sum(derive a, derive b)
    | Prod (a, b) -> Sum(Prod(derive a, b), Prod(a, derive b))

let exprs =
    [ Sum(Lit 0, Prod(Lit 1, X)); Prod(Sum(Lit 2, Lit 3), X); Prod(X, X); Sum(Prod(Lit 3, X), Lit 5) ]

for e in exprs do
    printfn "%s => %s; d/dx = %s" (toText e) (toText (simplify e)) (toText (simplify (derive e)))
