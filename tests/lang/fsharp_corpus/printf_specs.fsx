let items = [ ("alpha", 3.14159, 255); ("beta", 2.71828, 4096); ("gamma-ray", 1234.5, 7) ]
for (name, v, n) in items do
    printfn "|%-10s|%10s|%08.3f|%x|%X|%o|" name name v n n n
printfn "%e" 12345.678
printfn "%.2e" 0.000123
printfn "%g %g %g" 0.0001 123456789.0 100.0
printfn "%5d|%-5d|%05d|%+d" 42 42 42 42
printfn "%c%c%c" 'a' 'b' 'c'
printfn "%b %s" true (string false)
printfn "%.0f %.1f %.3f" 2.5 0.05 1.0005
printfn "%6.2f%%" 99.5
printfn "%s" (sprintf "%A" (1, "two", 3.0))
printfn "%A" (Some(1, 'c'))
printfn "%A" [ Some 1; None ]
printfn "%A" ("x", [ 1.5; 2.0 ])
printfn "%O" 42
printfn "%i" -17
printfn "%u" 17
printfn "%*d|" 6 42
printfn "%-*s|" 6 "ab"
let f = sprintf "%s=%d"
printfn "%s" (f "k" 1)
printfn "[%s]" (String.replicate 3 "ab")
