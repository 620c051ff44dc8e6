let read, write, exec = 4, 2, 1

let permString p =
    [ (read, 'r'); (write, 'w'); (exec, 'x') ]
    |> List.map (fun (bit, c) -> if p &&& bit <> 0 then c else '-')
    |> Array.ofList
    |> System.String

let parseOctal (s: string) =
    s |> Seq.fold (fun acc c -> (acc <<< 3) ||| (int c - int '0')) 0

let mode = parseOctal "754"
printfn "mode %d = %s%s%s" mode (permString ((mode >>> 6) &&& 7)) (permString ((mode >>> 3) &&& 7)) (permString (mode &&& 7))

let popCount n =
    let rec go n acc = if n = 0 then acc else go (n &&& (n - 1)) (acc + 1)
    go n 0

let toBinary n =
    if n = 0 then "0"
    else
        let rec go n acc = if n = 0 then acc else go (n >>> 1) (string (n &&& 1) + acc)
        go n ""

for n in [ 0; 5; 255; 1024; 1023 ] do
    printfn "%5d %12s bits=%d pow2=%b" n (toBinary n) (popCount n) (n > 0 && n &&& (n - 1) = 0)

printfn "xor swap: %A" (let a, b = 12, 25 in let a = a ^^^ b in let b = a ^^^ b in let a = a ^^^ b in (a, b))
printfn "%d %d" (~~~0) (-16 >>> 2)
printfn "hex %x %X %o" 255 48879 8
let gray n = n ^^^ (n >>> 1)
printfn "%A" ([ 0 .. 7 ] |> List.map (gray >> toBinary))
let checksum (data: byte list) = data |> List.fold (fun acc b -> acc ^^^ int b) 0
printfn "checksum %d" (checksum [ 0x12uy; 0x34uy; 0x56uy ])
