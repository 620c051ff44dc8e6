type Tree<'T when 'T: comparison> =
    | Leaf
    | Node of Tree<'T> * 'T * Tree<'T>

module Tree =
    let rec insert x t =
        match t with
        | Leaf -> Node(Leaf, x, Leaf)
        | Node(l, v, r) when x < v -> Node(insert x l, v, r)
        | Node(l, v, r) when x > v -> Node(l, v, insert x r)
        | _ -> t

    let rec toList t =
        match t with
        | Leaf -> []
        | Node(l, v, r) -> toList l @ [ v ] @ toList r

    let rec height t =
        match t with
        | Leaf -> 0
        | Node(l, _, r) -> 1 + max (height l) (height r)

    let ofList xs = List.fold (fun t x -> insert x t) Leaf xs

let minMax<'T when 'T: comparison> (xs: 'T list) : ('T * 'T) option =
    match xs with
    | [] -> None
    | h :: t -> Some(List.fold (fun (lo, hi) x -> (min lo x, max hi x)) (h, h) t)

let topN n (xs: 'a list) = xs |> List.sortDescending |> List.truncate n

let histogram (xs: 'k list) = xs |> List.countBy id |> Map.ofList

let t = Tree.ofList [ 50; 30; 70; 20; 40; 60; 80; 30 ]
printfn "%A height=%d" (Tree.toList t) (Tree.height t)
let words = Tree.ofList [ "pear"; "apple"; "fig"; "kiwi" ]
printfn "%A" (Tree.toList words)
printfn "%A %A" (minMax [ 3; -1; 9 ]) (minMax [ "m"; "a"; "z" ])
printfn "%A" (minMax ([]: float list))
printfn "%A" (topN 2 [ 5; 1; 9; 7 ])
printfn "%A" (topN 2 [ 'q'; 'b'; 'x' ])
let h = histogram [ "b"; "a"; "b"; "c"; "b" ]
printfn "%A" (Map.toList h)
let swap (a, b) = (b, a)
printfn "%A %A" (swap (1, "one")) (swap ('x', 2.5))
let pairUp (xs: 'a list) = List.zip xs (List.rev xs)
printfn "%A" (pairUp [ 1; 2; 3 ])
