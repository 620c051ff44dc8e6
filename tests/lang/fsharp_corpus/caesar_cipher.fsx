open System

let shiftChar n (c: char) =
    if c >= 'a' && c <= 'z' then char ((int c - int 'a' + n + 26) % 26 + int 'a')
    elif c >= 'A' && c <= 'Z' then char ((int c - int 'A' + n + 26) % 26 + int 'A')
    else c

let encrypt n (s: string) = s |> String.map (shiftChar n)
let decrypt n s = encrypt (-n) s

let msg = "Hello, World! 123"
let secret = encrypt 3 msg
printfn "%s" secret
printfn "%s" (decrypt 3 secret)

let rot13 = encrypt 13
printfn "%s" (rot13 "Fusabi")
printfn "%b" (rot13 (rot13 "Round Trip") = "Round Trip")

let digitCount = msg |> Seq.filter Char.IsDigit |> Seq.length
printfn "digits: %d" digitCount

let letterFreq =
    secret.ToUpper()
    |> Seq.filter (fun c -> c >= 'A' && c <= 'Z')
    |> Seq.countBy id
    |> Seq.sortBy (fun (c, n) -> -n, c)
    |> Seq.take 3
    |> Seq.map (fun (c, n) -> sprintf "%c:%d" c n)
    |> String.concat " "

printfn "%s" letterFreq
