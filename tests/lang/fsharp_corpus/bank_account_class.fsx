type Account(owner: string, initial: decimal) =
    let mutable balance = initial
    let mutable history : string list = []
    member _.Owner = owner
    member _.Balance = balance
    member _.Deposit(amount: decimal) =
        if amount <= 0m then invalidArg "amount" "must be positive"
        balance <- balance + amount
        history <- sprintf "+%M" amount :: history
    member this.Withdraw(amount: decimal) =
        if amount > balance then false
        else
            balance <- balance - amount
            history <- sprintf "-%M" amount :: history
            true
    member _.History = List.rev history

let acc = Account("Ada", 100.00m)
acc.Deposit 50.50m
printfn "%s: %M" acc.Owner acc.Balance
printfn "withdraw 500: %b" (acc.Withdraw 500m)
printfn "withdraw 20.25: %b" (acc.Withdraw 20.25m)
printfn "balance %M" acc.Balance
printfn "history %s" (String.concat " " acc.History)
try
    acc.Deposit -5m
with :? System.ArgumentException as ex ->
    printfn "rejected: %s" ex.Message
