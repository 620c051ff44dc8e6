type Reading = { Sensor: string; Minute: int; Value: float }

let timestamps = [ 0; 5; 10; 15; 20; 25 ]
let temps = [ 20.5; 21.0; 21.0; 22.5; 35.0; 22.0 ]
let humid = [ 40; 42; 41; 45; 44; 43; 99 ]

let combined = Seq.zip3 timestamps temps humid |> List.ofSeq
printfn "rows: %d" combined.Length
for (t, c, h) in combined |> List.filter (fun (_, c, _) -> c > 21.0) do
    printfn "t=%02d temp=%.1f hum=%d%%" t c h

let deltas = Seq.zip temps (Seq.tail temps) |> Seq.map (fun (a, b) -> b - a) |> List.ofSeq
printfn "deltas: %A" deltas
let spikes = List.zip timestamps.[1..] deltas |> List.filter (fun (_, d) -> abs d > 5.0) |> List.map fst
printfn "spikes at: %A" spikes

let readings =
    [ { Sensor = "a"; Minute = 0; Value = 1.0 }
      { Sensor = "b"; Minute = 0; Value = 2.0 }
      { Sensor = "a"; Minute = 5; Value = 1.5 }
      { Sensor = "c"; Minute = 5; Value = 9.0 }
      { Sensor = "b"; Minute = 10; Value = 2.5 } ]

let firstPerSensor = readings |> Seq.distinctBy (fun r -> r.Sensor) |> Seq.map (fun r -> r.Sensor, r.Value) |> List.ofSeq
printfn "%A" firstPerSensor
let lastPerSensor =
    readings |> List.rev |> List.distinctBy (fun r -> r.Sensor) |> List.sortBy (fun r -> r.Sensor)
    |> List.map (fun r -> sprintf "%s@%d" r.Sensor r.Minute)
printfn "%A" lastPerSensor
let avgBy = readings |> List.groupBy (fun r -> r.Sensor) |> List.map (fun (s, rs) -> s, rs |> List.averageBy (fun r -> r.Value))
avgBy |> List.iter (fun (s, a) -> printfn "%s avg %.2f" s a)
printfn "%A" (Seq.zip [ 1; 2; 3 ] [ "x"; "y" ] |> Seq.toList)
printfn "%A" (readings |> List.minBy (fun r -> r.Value) |> fun r -> r.Sensor)
