type Meters = Meters of float
type Seconds = Seconds of float
type Speed = MetersPerSecond of float

let distance (Meters m) = m
let speed (Meters m) (Seconds s) = MetersPerSecond(m / s)
let addM (Meters a) (Meters b) = Meters(a + b)

let legs = [ Meters 400.0; Meters 250.5; Meters 1200.0 ]
let total = legs |> List.reduce addM
let (Meters totalM) = total
printfn "total distance: %.1f m" totalM
printfn "in km: %.3f" (totalM / 1000.0)

let (MetersPerSecond v) = speed total (Seconds 600.0)
printfn "avg speed: %.4f m/s" v
printfn "as km/h: %.2f" (v * 3.6)

let longest = legs |> List.maxBy distance
printfn "longest: %A" longest
printfn "legs: %A" (legs |> List.map distance)

type Celsius = Celsius of float
type Fahrenheit = Fahrenheit of float
let toF (Celsius c) = Fahrenheit(c * 9.0 / 5.0 + 32.0)
for c in [ -40.0; 0.0; 37.0; 100.0 ] do
    let (Fahrenheit f) = toF (Celsius c)
    printfn "%6.1fC = %6.1fF" c f
printfn "%b" (Meters 1.0 < Meters 2.0)
