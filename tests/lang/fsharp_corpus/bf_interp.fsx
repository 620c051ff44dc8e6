let run (program: string) (input: string) =
    let tape = Array.zeroCreate<int> 64
    let out = System.Text.StringBuilder()
    let jumps = System.Collections.Generic.Dictionary<int, int>()
    let stack = System.Collections.Generic.Stack<int>()
    program |> String.iteri (fun i c ->
        if c = '[' then stack.Push i
        elif c = ']' then
            let j = stack.Pop()
            jumps.[i] <- j
            jumps.[j] <- i)
    let mutable pc = 0
    let mutable ptr = 0
    let mutable inp = 0
    let mutable steps = 0
    while pc < program.Length do
        match program.[pc] with
        | '>' -> ptr <- ptr + 1
        | '<' -> ptr <- ptr - 1
        | '+' -> tape.[ptr] <- (tape.[ptr] + 1) % 256
        | '-' -> tape.[ptr] <- (tape.[ptr] + 255) % 256
        | '.' -> out.Append(char tape.[ptr]) |> ignore
        | ',' ->
            tape.[ptr] <- (if inp < input.Length then int input.[inp] else 0)
            inp <- inp + 1
        | '[' when tape.[ptr] = 0 -> pc <- jumps.[pc]
        | ']' when tape.[ptr] <> 0 -> pc <- jumps.[pc]
        | _ -> ()
        pc <- pc + 1
        steps <- steps + 1
    out.ToString(), steps

let hello = "++++++++[>++++[>++>+++>+++>+<<<<-]>+>+>->>+[<]<-]>>.>---.+++++++..+++.>>.<-.<.+++.------.--------.>>+."
let text, steps = run hello ""
printf "%s" text
printfn "steps: %d" steps
let echoUpper = ",[>++++[<-------->-]<.,]"
let r, _ = run echoUpper "fsx"
printfn "%s" r
let add = ",>,[<+>-]<."
let sum, n = run add (string (char 20) + string (char 45))
printfn "%d in %d steps" (int sum.[0]) n
