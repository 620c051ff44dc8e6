open System

let raw = " alpha, beta ,gamma,, delta ,epsilon "

let items =
    raw.Split(',')
    |> Array.map (fun s -> s.Trim())
    |> Array.filter (fun s -> s <> "")

printfn "%d items" items.Length
printfn "%s" (String.Join(" | ", items))

let caps = items |> Array.map (fun s -> s.Substring(0, 1).ToUpper() + s.Substring(1))
printfn "%s" (String.Join(", ", caps))

let abbreviations = items |> Array.map (fun s -> if s.Length > 4 then s.Substring(0, 3) + "." else s)
printfn "%s" (String.Join(" ", abbreviations))

let sentence = "the cat sat on the mat with the hat"
printfn "%s" (sentence.Replace("the", "a"))

let words = sentence.Split(' ')
let longest = words |> Array.fold (fun (best: string) w -> if w.Length > best.Length then w else best) ""
printfn "longest: %s" longest
printfn "words starting with t: %d" (words |> Array.filter (fun w -> w.StartsWith("t")) |> Array.length)

let path = "/usr/local/bin/fusabi"
let parts = path.Split('/') |> Array.filter (fun p -> p.Length > 0)
printfn "%s" (String.Join(" > ", parts))
printfn "file: %s, dir depth: %d" parts.[parts.Length - 1] (parts.Length - 1)
printfn "%b %b" (path.Contains("local")) (path.StartsWith("/usr"))
