let raw = """  id ; name      ; dept ; salary
1;Alice;ENG;  85000
2; Bob ;OPS;62000
3;Chandra;ENG;91000.50
4;Dee;HR;
5;Eli;OPS;58000 """

let lines = raw.Split('\n') |> Array.map (fun l -> l.Trim())
let header = lines.[0].Split(';') |> Array.map (fun h -> h.Trim().ToUpper())
let rows =
    lines.[1..]
    |> Array.map (fun l -> l.Split(';') |> Array.map (fun f -> f.Trim()))

let parsed =
    rows
    |> Array.choose (fun r ->
        match System.Double.TryParse r.[3] with
        | true, s -> Some(int r.[0], r.[1], r.[2], s)
        | _ ->
            printfn "skipping %s: no salary" r.[1]
            None)

printfn "%s" (String.concat " | " (header |> Array.map (fun h -> h.PadRight 8)))
printfn "%s" (String.replicate 41 "-")
for (id, name, dept, sal) in parsed do
    printfn "%s | %s | %s | %s" ((string id).PadLeft 8) (name.PadRight 8) (dept.PadRight 8) ((sal.ToString "N2").PadLeft 10)

let byDept =
    parsed
    |> Array.groupBy (fun (_, _, d, _) -> d)
    |> Array.map (fun (d, xs) -> d, xs |> Array.sumBy (fun (_, _, _, s) -> s), xs.Length)
    |> Array.sortBy (fun (d, _, _) -> d)
for (d, total, n) in byDept do
    printfn "%-4s n=%d total=%s" d n (total.ToString("F1"))
let names = parsed |> Array.map (fun (_, n, _, _) -> n)
printfn "%s" (System.String.Join(", ", names))
printfn "%s" ("a,b,,c".Split(',') |> Array.length |> string)
printfn "[%s] [%s] [%s]" ("xxhixx".Trim('x')) ("  pad".TrimStart()) ("end!!".TrimEnd('!'))
printfn "%b %b %d" ("Report.CSV".EndsWith(".csv")) ("Report.CSV".ToLower().EndsWith(".csv")) ("a-b-c".Replace("-", "").Length)
