type Customer = { Id: int; Arrival: int; Service: int }

let customers =
    [ for i in 1 .. 6 -> { Id = i; Arrival = (i - 1) * 3; Service = 2 + (i * 7) % 5 } ]

let mutable clock = 0
let mutable totalWait = 0
let mutable maxWait = 0
for c in customers do
    let start = max clock c.Arrival
    let wait = start - c.Arrival
    totalWait <- totalWait + wait
    if wait > maxWait then maxWait <- wait
    clock <- start + c.Service
    printfn "customer %d: arrive %2d start %2d wait %d done %2d" c.Id c.Arrival start wait clock
printfn "avg wait %.2f, max wait %d, finish %d" (float totalWait / float (List.length customers)) maxWait clock

let mutable n = 27
let mutable steps = 0
while n <> 1 do
    n <- if n % 2 = 0 then n / 2 else 3 * n + 1
    steps <- steps + 1
printfn "collatz 27 steps: %d" steps

let rec gcd a b = if b = 0 then a else gcd b (a % b)
printfn "gcd %d" (gcd 1071 462)

let sumTo n =
    let rec go i acc = if i > n then acc else go (i + 1) (acc + i)
    go 1 0
printfn "%d" (sumTo 10000)
let services = customers |> List.map (fun c -> c.Service)
printfn "%A" services
