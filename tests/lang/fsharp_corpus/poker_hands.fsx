type Card = { Rank: int; Suit: char }

let parseCard (s: string) =
    let rank =
        match s.[0] with
        | 'T' -> 10
        | 'J' -> 11
        | 'Q' -> 12
        | 'K' -> 13
        | 'A' -> 14
        | c -> int c - int '0'
    { Rank = rank; Suit = s.[1] }

let classify (hand: string) =
    let cards = hand.Split(' ') |> Array.toList |> List.map parseCard
    let ranks = cards |> List.map (fun c -> c.Rank) |> List.sortDescending
    let counts = ranks |> List.countBy id |> List.map snd |> List.sortDescending
    let isFlush = (cards |> List.map (fun c -> c.Suit) |> List.distinct |> List.length) = 1
    let isStraight = List.length (List.distinct ranks) = 5 && List.head ranks - List.last ranks = 4
    match counts with
    | _ when isStraight && isFlush -> "straight flush"
    | 4 :: _ -> "four of a kind"
    | [ 3; 2 ] -> "full house"
    | _ when isFlush -> "flush"
    | _ when isStraight -> "straight"
    | 3 :: _ -> "three of a kind"
    | [ 2; 2; 1 ] -> "two pair"
    | 2 :: _ -> "one pair"
    | _ -> "high card"

let hands =
    [ "2H 3H 4H 5H 6H"; "KS KH KD KC 2S"; "3D 3S 9H 9C 9D"; "2C 7C 9C JC KC"; "5S 6D 7H 8C 9S"
      "QH QD QS 4C 8H"; "TH TD 4S 4C AH"; "AS AD 2H 6C 9S"; "2S 5D 8H JC KH" ]

for h in hands do
    printfn "%s: %s" h (classify h)

let withPairs =
    hands
    |> List.map classify
    |> List.filter (fun c -> c <> "high card" && c <> "flush" && c <> "straight")
    |> List.length

printfn "pairs or better: %d" withPairs
