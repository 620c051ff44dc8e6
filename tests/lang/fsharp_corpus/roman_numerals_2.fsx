let numerals =
    [ 1000, "M"; 900, "CM"; 500, "D"; 400, "CD"; 100, "C"; 90, "XC"
      50, "L"; 40, "XL"; 10, "X"; 9, "IX"; 5, "V"; 4, "IV"; 1, "I" ]

let toRoman n =
    let rec go n acc =
        if n = 0 then acc
        else
            let value, sym = numerals |> List.find (fun (v, _) -> v <= n)
            go (n - value) (acc + sym)
    go n ""

let romanValue c =
    match c with
    | 'I' -> 1 | 'V' -> 5 | 'X' -> 10 | 'L' -> 50
    | 'C' -> 100 | 'D' -> 500 | 'M' -> 1000
    | _ -> failwithf "invalid numeral %c" c

let fromRoman (s: string) =
    let values = s.ToUpper() |> Seq.map romanValue |> List.ofSeq
    let rec go xs total =
        match xs with
        | a :: b :: rest when a < b -> go (b :: rest) (total - a)
        | a :: rest -> go rest (total + a)
        | [] -> total
    go values 0

let ones = [| ""; "one"; "two"; "three"; "four"; "five"; "six"; "seven"; "eight"; "nine"; "ten"
              "eleven"; "twelve"; "thirteen"; "fourteen"; "fifteen"; "sixteen"; "seventeen"; "eighteen"; "nineteen" |]
let tens = [| ""; ""; "twenty"; "thirty"; "forty"; "fifty"; "sixty"; "seventy"; "eighty"; "ninety" |]

let rec toWords n =
    if n = 0 then "zero"
    elif n < 20 then ones.[n]
    elif n < 100 then tens.[n / 10] + (if n % 10 > 0 then "-" + ones.[n % 10] else "")
    elif n < 1000 then ones.[n / 100] + " hundred" + (if n % 100 > 0 then " and " + toWords (n % 100) else "")
    else toWords (n / 1000) + " thousand" + (if n % 1000 > 0 then " " + toWords (n % 1000) else "")

for n in [ 1; 4; 9; 14; 40; 90; 400; 1994; 2024; 3999 ] do
    let r = toRoman n
    printfn "%4d = %-12s back = %d" n r (fromRoman r)

printfn "mcmxliv = %d" (fromRoman "mcmxliv")
try fromRoman "XIZ" |> ignore with Failure m -> printfn "error: %s" m

for n in [ 0; 7; 13; 21; 100; 115; 342; 1000; 2024; 90210 ] do
    printfn "%d: %s" n (toWords n)
let allOk = [ 1 .. 3999 ] |> List.forall (fun n -> fromRoman (toRoman n) = n)
printfn "roundtrip 1..3999 ok: %b" allOk
let longest = [ 1 .. 3999 ] |> List.maxBy (fun n -> (toRoman n).Length)
printfn "longest numeral: %d = %s" longest (toRoman longest)
