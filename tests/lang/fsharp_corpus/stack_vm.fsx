type Instr =
    | Push of int
    | Pop
    | AddI
    | SubI
    | MulI
    | Dup
    | Swap
    | JmpIfZero of int
    | Jmp of int
    | Print

let run (program: Instr[]) =
    let mutable pc = 0
    let mutable stack = []
    let mutable steps = 0
    while pc < program.Length do
        steps <- steps + 1
        match program.[pc], stack with
        | Push n, s -> stack <- n :: s; pc <- pc + 1
        | Pop, _ :: s -> stack <- s; pc <- pc + 1
        | AddI, b :: a :: s -> stack <- (a + b) :: s; pc <- pc + 1
        | SubI, b :: a :: s -> stack <- (a - b) :: s; pc <- pc + 1
        | MulI, b :: a :: s -> stack <- (a * b) :: s; pc <- pc + 1
        | Dup, a :: s -> stack <- a :: a :: s; pc <- pc + 1
        | Swap, b :: a :: s -> stack <- a :: b :: s; pc <- pc + 1
        | JmpIfZero t, a :: s ->
            stack <- s
            pc <- (if a = 0 then t else pc + 1)
        | Jmp t, _ -> pc <- t
        | Print, a :: _ ->
            printfn "out: %d" a
            pc <- pc + 1
        | _ -> failwithf "stack underflow at %d" pc
    steps, stack

let countdown =
    [| Push 3; Dup; JmpIfZero 7; Print; Push 1; SubI; Jmp 1; Push 6; Push 7; MulI; Print |]

let steps, stack = run countdown
printfn "steps: %d, final stack: %A" steps stack

let steps2, stack2 = run [| Push 2; Push 10; Swap; SubI; Print; Push 5; AddI; Print |]
printfn "steps: %d, final stack: %A" steps2 stack2
