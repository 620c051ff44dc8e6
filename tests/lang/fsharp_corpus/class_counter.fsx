type Counter(start: int) =
    let mutable count = start
    member _.Count = count
    member _.Increment() = count <- count + 1
    member this.IncrementBy n =
        for _ in 1 .. n do this.Increment()
    override _.ToString() = sprintf "Counter(%d)" count

type Account(owner: string, initial: float) =
    let mutable balance = initial
    member _.Owner = owner
    member _.Balance = balance
    member _.Deposit amount =
        if amount <= 0.0 then invalidArg "amount" "must be positive"
        balance <- balance + amount
    member _.Withdraw amount =
        if amount > balance then false
        else
            balance <- balance - amount
            true

let c = Counter(5)
c.Increment()
c.IncrementBy 3
printfn "%d %s" c.Count (c.ToString())
let acct = Account("Zoe", 100.0)
acct.Deposit 50.0
printfn "withdraw 200: %b" (acct.Withdraw 200.0)
printfn "withdraw 30: %b" (acct.Withdraw 30.0)
printfn "%s has %.2f" acct.Owner acct.Balance
try acct.Deposit(-5.0) with :? System.ArgumentException as e -> printfn "error: %s" e.Message
let counters = [ for i in 1 .. 3 -> Counter(i * 10) ]
counters |> List.iter (fun c -> c.Increment())
printfn "%A" (counters |> List.map (fun c -> c.Count))
