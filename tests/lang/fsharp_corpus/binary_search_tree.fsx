type Tree =
    | Leaf
    | Node of Tree * int * Tree

let rec insert x tree =
    match tree with
    | Leaf -> Node(Leaf, x, Leaf)
    | Node (l, v, r) when x < v -> Node(insert x l, v, r)
    | Node (l, v, r) when x > v -> Node(l, v, insert x r)
    | t -> t

let rec toList tree =
    match tree with
    | Leaf -> []
    | Node (l, v, r) -> toList l @ [ v ] @ toList r

let rec height tree =
    match tree with
    | Leaf -> 0
    | Node (l, _, r) -> 1 + max (height l) (height r)

let rec contains x tree =
    match tree with
    | Leaf -> false
    | Node (l, v, r) -> if x = v then true elif x < v then contains x l else contains x r

let rec sumTree tree =
    match tree with
    | Leaf -> 0
    | Node (l, v, r) -> sumTree l + v + sumTree r

let rec minValue tree =
    match tree with
    | Node (Leaf, v, _) -> Some v
    | Node (l, _, _) -> minValue l
    | Leaf -> None

let tree = [ 50; 30; 70; 20; 40; 60; 80; 30; 65 ] |> List.fold (fun t x -> insert x t) Leaf

printfn "%A" (toList tree)
printfn "height %d" (height tree)
printfn "contains 65: %b, contains 66: %b" (contains 65 tree) (contains 66 tree)
printfn "sum %d" (sumTree tree)

match minValue tree with
| Some v -> printfn "min %d" v
| None -> printfn "empty"
