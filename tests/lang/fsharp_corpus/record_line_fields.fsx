open System

let line = "  Name: Ada Lovelace; Born: 1815; Field: Mathematics  "

let fields =
    line.Trim().Split(';')
    |> Array.map (fun part -> part.Trim())
    |> Array.map (fun part ->
        let kv = part.Split(':')
        kv.[0].Trim(), kv.[1].Trim())
    |> Map.ofArray

for KeyValue (k, v) in fields do
    printfn "%s = %s" k v

let born = fields.["Born"]
let digits = born |> Seq.filter Char.IsDigit |> Seq.length
printfn "digits in year: %d" digits
printfn "%s" (fields.["Name"].ToUpper())

let initials =
    fields.["Name"].Split(' ')
    |> Array.map (fun w -> w.Substring(0, 1))
    |> String.concat ""

printfn "initials: %s" initials
printfn "%s" (fields.["Field"].Replace("Math", "math"))
printfn "starts with M: %b" (fields.["Field"].StartsWith("M"))
printfn "contains: %b %b" (fields.["Name"].Contains("Love")) (fields.["Name"].Contains("love"))
