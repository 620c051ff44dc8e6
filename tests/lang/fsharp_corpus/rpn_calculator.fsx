type Token = Num of float | Op of string

let parse (s: string) =
    s.Split(' ')
    |> Array.filter (fun t -> t <> "")
    |> Array.map (fun t ->
        match System.Double.TryParse t with
        | true, v -> Num v
        | _ -> Op t)
    |> List.ofArray

let applyOp op a b =
    match op with
    | "+" -> a + b
    | "-" -> a - b
    | "*" -> a * b
    | "/" -> if b = 0.0 then failwith "division by zero" else a / b
    | "^" -> a ** b
    | other -> failwithf "unknown operator %s" other

let eval tokens =
    let folder stack token =
        match token, stack with
        | Num n, _ -> n :: stack
        | Op "neg", x :: rest -> -x :: rest
        | Op op, b :: a :: rest -> applyOp op a b :: rest
        | Op op, _ -> failwithf "stack underflow at %s" op
    match List.fold folder [] tokens with
    | [ result ] -> result
    | st -> failwithf "bad expression, stack has %d items" (List.length st)

let exprs = [ "3 4 +"; "5 1 2 + 4 * + 3 -"; "2 10 ^"; "1 0 /"; "2 3"; "4 neg 2 *"; "1 +"; "7 2 %" ]
for e in exprs do
    try
        printfn "%-20s = %g" e (eval (parse e))
    with Failure msg -> printfn "%-20s ! %s" e msg
