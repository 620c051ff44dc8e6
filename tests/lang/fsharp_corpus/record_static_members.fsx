type Money =
    { Amount: decimal; Currency: string }
    static member Zero currency = { Amount = 0m; Currency = currency }
    static member Create(amount, currency) = { Amount = amount; Currency = currency }
    member m.Add(other: Money) =
        if m.Currency <> other.Currency then failwithf "currency mismatch %s/%s" m.Currency other.Currency
        { m with Amount = m.Amount + other.Amount }
    member m.Format() = sprintf "%.2f %s" m.Amount m.Currency
    override m.ToString() = m.Format()

type Temperature =
    { Celsius: float }
    static member FromFahrenheit f = { Celsius = (f - 32.0) * 5.0 / 9.0 }
    member t.Fahrenheit = t.Celsius * 9.0 / 5.0 + 32.0
    member t.IsFreezing = t.Celsius <= 0.0

let wallet =
    [ Money.Create(12.50m, "EUR"); Money.Create(7.25m, "EUR"); Money.Create(0.25m, "EUR") ]
    |> List.fold (fun (acc: Money) m -> acc.Add m) (Money.Zero "EUR")
printfn "%s" (wallet.Format())
printfn "%s" (string wallet)
try
    wallet.Add(Money.Create(1m, "USD")) |> ignore
with Failure msg -> printfn "error: %s" msg

let temps = [ 32.0; 212.0; -40.0; 50.0 ] |> List.map Temperature.FromFahrenheit
for t in temps do
    printfn "%6.1fC %6.1fF freezing=%b" t.Celsius t.Fahrenheit t.IsFreezing
let warmest = temps |> List.maxBy (fun t -> t.Celsius)
printfn "warmest %.0f" warmest.Celsius
