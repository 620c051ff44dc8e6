open System

type Temperature(celsius: float) =
    static let mutable instances = 0
    do instances <- instances + 1
    member _.Celsius = celsius
    member _.Fahrenheit = celsius * 9.0 / 5.0 + 32.0
    member this.IsFreezing = this.Celsius <= 0.0
    static member Instances = instances
    static member FromFahrenheit(f: float) = Temperature((f - 32.0) * 5.0 / 9.0)
    override _.ToString() = sprintf "%.1f°C" celsius

type Counter(start: int, step: int) =
    let mutable current = start
    let history = ResizeArray<int>()
    member _.Next() =
        history.Add current
        current <- current + step
        current
    member _.Current = current
    member _.History = List.ofSeq history
    member val Label = "counter" with get, set

let temps = [ Temperature 21.5; Temperature -3.0; Temperature.FromFahrenheit 212.0 ]
for t in temps do
    printfn "%s = %.1fF freezing=%b" (string t) t.Fahrenheit t.IsFreezing
printfn "instances: %d" Temperature.Instances

let c = Counter(10, 5)
c.Next() |> ignore
c.Next() |> ignore
printfn "next=%d current=%d history=%A" (c.Next()) c.Current c.History
c.Label <- "fives"
printfn "%s" c.Label
let warmest = temps |> List.maxBy (fun t -> t.Celsius)
printfn "warmest %s" (warmest.ToString())
