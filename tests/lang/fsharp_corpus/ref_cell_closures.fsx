let makeAccount initial =
    let balance = ref initial
    let deposit amt = balance := !balance + amt
    let withdraw amt =
        if amt > !balance then
            false
        else
            balance := !balance - amt
            true
    let get () = !balance
    deposit, withdraw, get

let deposit, withdraw, get = makeAccount 100
deposit 50
printfn "after deposit: %d" (get ())
printfn "withdraw 500: %b" (withdraw 500)
printfn "withdraw 30: %b" (withdraw 30)
printfn "balance: %d" (get ())

let calls = ref 0
let memo = ref (Map.empty: Map<int, int>)

let rec fib n =
    incr calls
    match Map.tryFind n !memo with
    | Some v -> v
    | None ->
        let v = if n < 2 then n else fib (n - 1) + fib (n - 2)
        memo := Map.add n v !memo
        v

printfn "fib 30 = %d" (fib 30)
printfn "calls: %d" !calls
printfn "cached: %d" (Map.count memo.Value)
