let countEvens n =
    let rec go i acc =
        if i > n then acc else go (i + 1) (if i % 2 = 0 then acc + 1 else acc)
    go 1 0

printfn "%d" (countEvens 100000)

let rec collatzLen n acc =
    if n = 1 then acc
    elif n % 2 = 0 then collatzLen (n / 2) (acc + 1)
    else collatzLen (3 * n + 1) (acc + 1)

let longest = [ 1 .. 30 ] |> List.maxBy (fun n -> collatzLen n 1)
printfn "longest chain under 31: %d (%d terms)" longest (collatzLen longest 1)

let fib n =
    let rec go k a b = if k = 0 then a else go (k - 1) b (a + b)
    go n 0 1

printfn "%A" [ for i in 0 .. 10 -> fib i ]
printfn "fib 40 = %d" (fib 40)

let digits n =
    let rec go n acc = if n = 0 then acc else go (n / 10) (n % 10 :: acc)
    if n = 0 then [ 0 ] else go n []

printfn "%A" (digits 90210)

let rec digitalRoot n =
    if n < 10 then n else digitalRoot (List.sum (digits n))

printfn "digital root of 987654321 = %d" (digitalRoot 987654321)
