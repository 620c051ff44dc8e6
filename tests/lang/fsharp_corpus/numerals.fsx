// Roman numerals, number words and base conversion
open System
open System.Text

let romanTable = [ 1000, "M"; 900, "CM"; 500, "D"; 400, "CD"; 100, "C"; 90, "XC"; 50, "L"; 40, "XL"; 10, "X"; 9, "IX"; 5, "V"; 4, "IV"; 1, "I" ]

let toRoman n =
    if n <= 0 || n >= 4000 then Error(sprintf "%d out of range" n)
    else
        let sb = StringBuilder()
        let mutable rest = n
        for (value, sym) in romanTable do
            while rest >= value do
                sb.Append(sym) |> ignore
                rest <- rest - value
        Ok(sb.ToString())

let fromRoman (s: string) =
    let value c =
        match c with
        | 'I' -> 1 | 'V' -> 5 | 'X' -> 10 | 'L' -> 50
        | 'C' -> 100 | 'D' -> 500 | 'M' -> 1000
        | _ -> failwithf "bad numeral %c" c
    let vals = s.ToUpper() |> Seq.map value |> List.ofSeq
    let rec go xs =
        match xs with
        | a :: b :: rest when a < b -> b - a + go rest
        | a :: rest -> a + go rest
        | [] -> 0
    go vals

for n in [ 1994; 2024; 3999; 444; 0 ] do
    match toRoman n with
    | Ok r -> printfn "%5d -> %-12s -> %d" n r (fromRoman r)
    | Error e -> printfn "%5d -> error: %s" n e

let ones = [| ""; "one"; "two"; "three"; "four"; "five"; "six"; "seven"; "eight"; "nine"; "ten"; "eleven"; "twelve"; "thirteen"; "fourteen"; "fifteen"; "sixteen"; "seventeen"; "eighteen"; "nineteen" |]
let tens = [| ""; ""; "twenty"; "thirty"; "forty"; "fifty"; "sixty"; "seventy"; "eighty"; "ninety" |]

let rec words n =
    match n with
    | 0 -> "zero"
    | n when n < 0 -> "minus " + words (-n)
    | n when n < 20 -> ones.[n]
    | n when n < 100 -> tens.[n / 10] + (if n % 10 > 0 then "-" + ones.[n % 10] else "")
    | n when n < 1000 -> ones.[n / 100] + " hundred" + (if n % 100 > 0 then " and " + words (n % 100) else "")
    | n -> words (n / 1000) + " thousand" + (if n % 1000 > 0 then (if n % 1000 < 100 then " and " else " ") + words (n % 1000) else "")

for n in [ 7; 13; 40; 99; 105; 342; 1000; 2017; 90210; -15 ] do
    printfn "%6d: %s" n (words n)

let toBase b n =
    let digits = "0123456789ABCDEF"
    let rec go n acc = if n = 0 then acc else go (n / b) (string digits.[n % b] + acc)
    if n = 0 then "0" else go n ""

for n in [ 0; 10; 255; 1000 ] do
    printfn "%4d bin=%-10s oct=%-4s hex=%s" n (toBase 2 n) (toBase 8 n) (toBase 16 n)
printfn "parse: %d %d" (Convert.ToInt32("ff", 16)) (Convert.ToInt32("1011", 2))
try fromRoman "MCMZ" |> ignore with Failure m -> printfn "%s" m
