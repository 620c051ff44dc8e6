// Imperative-style loan amortization and savings table using integer cents
let principal = 1200000   // cents
let monthlyRatePermille = 10  // 1.0% per month, in tenths of a percent * 10
let months = 12

let payment =
    // fixed principal portion + interest on remaining balance (declining payments)
    principal / months

let mutable balance = principal
let mutable totalInterest = 0
printfn "%5s %12s %10s %12s" "Month" "Payment" "Interest" "Balance"
for m in 1 .. months do
    let interest = balance * monthlyRatePermille / 1000
    let pay = payment + interest
    balance <- balance - payment
    totalInterest <- totalInterest + interest
    if m <= 3 || m > months - 2 then
        printfn "%5d %12d %10d %12d" m pay interest balance
    elif m = 4 then
        printfn "%5s" "..."
printfn "total interest: %d cents" totalInterest

// savings: deposit 100 each month, 2% bonus every 6th month on the balance
let mutable savings = 0
let history = Array.zeroCreate<int> 24
let mutable i = 0
while i < 24 do
    savings <- savings + 10000
    if (i + 1) % 6 = 0 then
        savings <- savings + savings * 2 / 100
    history.[i] <- savings
    i <- i + 1
printfn "savings after 6, 12, 18, 24 months: %d %d %d %d" history.[5] history.[11] history.[17] history.[23]

// find first month where savings exceed 1500.00
let idx = Array.findIndex (fun s -> s > 150000) history
printfn "first month over 1500.00: %d" (idx + 1)
let mutable best = 0
let mutable bestMonth = 0
for j in 1 .. history.Length - 1 do
    let gain = history.[j] - history.[j - 1]
    if gain > best then
        best <- gain
        bestMonth <- j + 1
printfn "largest monthly gain: %d in month %d" best bestMonth
