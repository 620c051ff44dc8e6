open System
open System.Text

let rows = [ "Widget", 3, 2.5; "Gadget", 1, 10.0; "Gizmo", 12, 0.75 ]
let sb = StringBuilder()
sb.AppendLine("<table>") |> ignore
for (name, qty, price) in rows do
    sb.Append("  <tr>") |> ignore
    sb.Append(sprintf "<td>%s</td>" name).Append(sprintf "<td>%d</td>" qty) |> ignore
    sb.Append(sprintf "<td>%.2f</td>" (float qty * price)) |> ignore
    sb.AppendLine("</tr>") |> ignore
sb.Append("</table>") |> ignore
let html = sb.ToString()
printfn "%s" html
printfn "length %d, lines %d" html.Length (html.Split('\n').Length)
let sb2 = StringBuilder()
for i in 1 .. 5 do
    sb2.Append(i).Append(',') |> ignore
sb2.Length <- sb2.Length - 1
printfn "%s" (sb2.ToString())
let reversed = StringBuilder()
"hello" |> Seq.rev |> Seq.iter (fun c -> reversed.Append(c) |> ignore)
printfn "%s" (string reversed)
printfn "%s" (sb2.Insert(0, "[").Append("]").ToString())
printfn "%s" (sb2.Replace(",", ";").ToString())
