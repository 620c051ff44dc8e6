// Unit conversion with measure-like DU and lookup tables, integer arithmetic (millimetres)
type Length =
    | Millimetres of int
    | Centimetres of int
    | Metres of int
    | Kilometres of int

let toMm = function
    | Millimetres n -> n
    | Centimetres n -> n * 10
    | Metres n -> n * 1000
    | Kilometres n -> n * 1000000

let describeMm mm =
    let km = mm / 1000000
    let m = (mm % 1000000) / 1000
    let cm = (mm % 1000) / 10
    let rest = mm % 10
    [ if km > 0 then yield sprintf "%dkm" km
      if m > 0 then yield sprintf "%dm" m
      if cm > 0 then yield sprintf "%dcm" cm
      if rest > 0 then yield sprintf "%dmm" rest ]
    |> function
        | [] -> "0mm"
        | parts -> String.concat " " parts

let parseLength (s: string) =
    let s = s.Trim()
    let digits = s |> Seq.takeWhile System.Char.IsDigit |> Seq.toArray |> System.String
    let unitPart = s.Substring(digits.Length).Trim().ToLower()
    if digits = "" then None
    else
        let n = int digits
        match unitPart with
        | "mm" -> Some (Millimetres n)
        | "cm" -> Some (Centimetres n)
        | "m" -> Some (Metres n)
        | "km" -> Some (Kilometres n)
        | _ -> None

let legs = [ "3 km"; "450m"; "75 cm"; "12mm"; "2 miles"; "m"; "1200 M" ]
let parsed = legs |> List.map (fun s -> s, parseLength s)
for (s, p) in parsed do
    match p with
    | Some l -> printfn "%-8s -> %A = %d mm" s l (toMm l)
    | None -> printfn "%-8s -> unparseable" s

let total = parsed |> List.choose snd |> List.sumBy toMm
printfn "total: %s" (describeMm total)
printfn "zero: %s" (describeMm 0)
printfn "odd: %s" (describeMm 1000005)
let longest = parsed |> List.choose snd |> List.maxBy toMm
printfn "longest leg: %A" longest
