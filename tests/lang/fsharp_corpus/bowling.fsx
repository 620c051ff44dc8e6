let rec score frame rolls =
    match rolls with
    | _ when frame = 10 -> 0
    | 10 :: (b :: c :: _ as rest) -> 10 + b + c + score (frame + 1) rest
    | a :: b :: (c :: _ as rest) when a + b = 10 -> 10 + c + score (frame + 1) rest
    | a :: b :: rest -> a + b + score (frame + 1) rest
    | [ a ] -> a
    | [] -> 0

let games =
    [ "gutter", List.replicate 20 0
      "all ones", List.replicate 20 1
      "one spare", [ 5; 5; 3 ] @ List.replicate 17 0
      "one strike", [ 10; 3; 4 ] @ List.replicate 16 0
      "perfect", List.replicate 12 10
      "all spares", List.replicate 21 5 ]

for (name, rolls) in games do
    printfn "%-12s %3d (%d rolls)" name (score 0 rolls) (List.length rolls)

let best = games |> List.maxBy (fun (_, r) -> score 0 r) |> fst
printfn "best: %s" best
let total = games |> List.sumBy (snd >> score 0)
printfn "total: %d" total
