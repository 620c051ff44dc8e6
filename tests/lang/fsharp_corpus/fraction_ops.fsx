// Rational numbers with operator overloading
let rec gcd a b = if b = 0 then abs a else gcd b (a % b)

type Fraction =
    { Num: int; Den: int }
    static member Create(n: int, d: int) =
        if d = 0 then raise (System.DivideByZeroException "zero denominator")
        let g = gcd n d
        let s = if d < 0 then -1 else 1
        { Num = s * n / g; Den = s * d / g }
    static member (+) (a: Fraction, b: Fraction) = Fraction.Create(a.Num * b.Den + b.Num * a.Den, a.Den * b.Den)
    static member (-) (a: Fraction, b: Fraction) = Fraction.Create(a.Num * b.Den - b.Num * a.Den, a.Den * b.Den)
    static member (*) (a: Fraction, b: Fraction) = Fraction.Create(a.Num * b.Num, a.Den * b.Den)
    static member (/) (a: Fraction, b: Fraction) = Fraction.Create(a.Num * b.Den, a.Den * b.Num)
    static member (~-) (a: Fraction) = Fraction.Create(-a.Num, a.Den)
    static member Zero = { Num = 0; Den = 1 }
    member f.IsWhole = f.Den = 1
    override f.ToString() = if f.Den = 1 then string f.Num else sprintf "%d/%d" f.Num f.Den

let fr n d = Fraction.Create(n, d)

let a = fr 1 2
let b = fr 3 4
let c = fr (-6) 8
printfn "a=%O b=%O c=%O" a b c
printfn "a+b=%O a-b=%O a*b=%O a/b=%O" (a + b) (a - b) (a * b) (a / b)
printfn "-c=%O  c*c=%O" (-c) (c * c)

// harmonic numbers H(n) = 1 + 1/2 + ... + 1/n
let harmonic n = [ 1 .. n ] |> List.map (fun k -> fr 1 k) |> List.fold (+) Fraction.Zero
for n in 1 .. 6 do
    printfn "H(%d) = %s" n (harmonic n |> string)

// sum of 1/(k(k+1)) telescopes to n/(n+1)
let tele n = List.init n (fun i -> let k = i + 1 in fr 1 (k * (k + 1))) |> List.reduce (+)
printfn "telescoping(9) = %O" (tele 9)
printfn "whole? %b %b" (fr 10 5).IsWhole (fr 10 4).IsWhole
let sorted = [ fr 2 3; fr 1 6; fr 5 4 ] |> List.sortBy (fun f -> float f.Num / float f.Den)
printfn "sorted: %s" (sorted |> List.map string |> String.concat " < ")
try
    fr 1 0 |> ignore
with :? System.DivideByZeroException as e -> printfn "caught: %s" e.Message
