open System

printfn "%d %d %d" (int "42") (int 3.99) (int (-3.7))
printfn "%g %g" (float 3) (float "2.5")
printfn "%s %s %s %s" (string 3.0) (string 2.5) (string 42) (string 'c')
printfn "%.1f %.1f %.1f %.1f" (round 2.5) (round 3.5) (floor (-1.5)) (ceil 1.2)
printfn "%d %d" (pown 2 10) (abs (-7))
printfn "%g %g" (2.0 ** 10.0) (sqrt 2.0)
printfn "%d %d %d" (sign (-3)) (sign 0) (compare 5 3)
printfn "%d %d" (max 3 9) (min 3 9)
printfn "%d %d" (17 / 5) (17 % 5)
printfn "%d %d" (-17 / 5) (-17 % 5)
printfn "%.3f" (Math.Max(1.5, 2.25))
printfn "%b %b" (Double.IsNaN (0.0 / 0.0)) (Double.IsInfinity (1.0 / 0.0))
printfn "%d" (Int32.Parse "-15")
printfn "%s" ((3.14159).ToString("F2"))
printfn "%s" ((42).ToString())
printfn "%s" ((255).ToString("X"))
printfn "%d" (int 'Z' - int 'A')
printfn "%c" (char (int 'a' + 25))
printfn "%A %A" (Int32.TryParse "12x") (Double.TryParse "1.5")
let x = 7
printfn "%d%% done, %s" (x * 10) (x.ToString())
printfn "%5.1f|%-8.3f|" 3.14159 2.5
printfn "%i" 5
printfn "%d" (Seq.sum [ 1 .. 100 ] / List.length [ 1 .. 10 ])
printfn "%.2f" (List.average [ 1.0; 2.0; 4.0 ])
printfn "%O %O" 42 "s"
printfn "%s" (string (Some 3))
