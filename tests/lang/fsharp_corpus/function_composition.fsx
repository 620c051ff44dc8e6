// Text-processing pipeline built from small composable functions
let trim (s: string) = s.Trim()
let lower (s: string) = s.ToLowerInvariant()
let collapseSpaces (s: string) =
    s.Split([| ' ' |], System.StringSplitOptions.RemoveEmptyEntries) |> String.concat " "
let stripPunct (s: string) = s |> String.filter (fun c -> System.Char.IsLetterOrDigit c || c = ' ')
let slugify = trim >> lower >> stripPunct >> collapseSpaces >> fun s -> s.Replace(' ', '-')

let titles = [ "  Hello, World!  "; "F#   is  FUN"; "Ten Tips (for 2024)"; "---" ]
for t in titles do
    printfn "[%s] -> [%s]" t (slugify t)

let add x y = x + y
let times x y = x * y
let pipeline = [ add 3; times 2; (fun x -> x - 1); times 10 ]
let applyAll fs x = List.fold (fun acc f -> f acc) x fs
printfn "applyAll 5 = %d" (applyAll pipeline 5)
let composed = List.reduce (>>) pipeline
printfn "composed 5 = %d, composed 0 = %d" (composed 5) (composed 0)

let twice f = f >> f
let rec nTimes n f = if n = 0 then id else f >> nTimes (n - 1) f
printfn "twice (add 7) 1 = %d" (twice (add 7) 1)
printfn "nTimes 10 (times 2) 1 = %d" (nTimes 10 (times 2) 1)

let flip f a b = f b a
let subtract a b = a - b
printfn "subtract 10 3 = %d, flip subtract 10 3 = %d" (subtract 10 3) (flip subtract 10 3)

let curry f a b = f (a, b)
let uncurry f (a, b) = f a b
let addPair = uncurry add
let maxPair (a: int, b: int) = if a > b then a else b
let maxOf = curry maxPair
printfn "addPair (4, 5) = %d, maxOf 3 9 = %d" (addPair (4, 5)) (maxOf 3 9)

let counter () =
    let count = ref 0
    fun () ->
        count.Value <- count.Value + 1
        count.Value
let next = counter ()
let a = next ()
let b = next ()
let c = next ()
printfn "counter: %d %d %d" a b c

let validators : (string -> string option) list =
    [ (fun s -> if s.Length < 8 then Some "too short" else None)
      (fun s -> if s |> Seq.exists System.Char.IsDigit then None else Some "needs a digit")
      (fun s -> if s |> Seq.exists System.Char.IsUpper then None else Some "needs uppercase") ]
for pw in [ "abc"; "password1"; "Passw0rdX" ] do
    let problems = validators |> List.choose (fun v -> v pw)
    printfn "%-10s %s" pw (if problems.IsEmpty then "ok" else String.concat ", " problems)
