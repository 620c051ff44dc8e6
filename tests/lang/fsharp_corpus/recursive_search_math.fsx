let rec binarySearch (arr: int[]) target lo hi =
    if lo > hi then
        None
    else
        let mid = (lo + hi) / 2
        if arr.[mid] = target then Some mid
        elif arr.[mid] < target then binarySearch arr target (mid + 1) hi
        else binarySearch arr target lo (mid - 1)

let data = [| 1; 3; 5; 7; 9; 11; 13; 15 |]

for t in [ 7; 1; 15; 4; 16 ] do
    match binarySearch data t 0 (data.Length - 1) with
    | Some i -> printfn "%d found at %d" t i
    | None -> printfn "%d not found" t

let rec gcd a b = if b = 0 then a else gcd b (a % b)
printfn "gcd 84 36 = %d" (gcd 84 36)
printfn "lcm 4 6 = %d" (4 * 6 / gcd 4 6)

let rec power b e = if e = 0 then 1 else b * power b (e - 1)
printfn "2^10 = %d" (power 2 10)

let rec hanoiMoves n = if n = 0 then 0 else 2 * hanoiMoves (n - 1) + 1
printfn "hanoi 10 = %d" (hanoiMoves 10)

let rec factorial n = if n <= 1 then 1 else n * factorial (n - 1)
printfn "%A" [ for i in 0 .. 6 -> factorial i ]
