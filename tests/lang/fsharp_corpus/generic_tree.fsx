type Tree<'T> =
    | Leaf
    | Branch of Tree<'T> * 'T * Tree<'T>

module Tree =
    let rec insert x tree =
        match tree with
        | Leaf -> Branch (Leaf, x, Leaf)
        | Branch (l, v, r) when x < v -> Branch (insert x l, v, r)
        | Branch (l, v, r) when x > v -> Branch (l, v, insert x r)
        | t -> t
    let rec fold f acc tree =
        match tree with
        | Leaf -> acc
        | Branch (l, v, r) ->
            let accL = fold f acc l
            fold f (f accL v) r
    let toList tree = fold (fun acc x -> x :: acc) [] tree |> List.rev
    let rec map f tree =
        match tree with
        | Leaf -> Leaf
        | Branch (l, v, r) -> Branch (map f l, f v, map f r)
    let rec height = function
        | Leaf -> 0
        | Branch (l, _, r) -> 1 + max (height l) (height r)
    let ofList xs = List.fold (fun t x -> insert x t) Leaf xs

let t = Tree.ofList [ 50; 30; 70; 20; 40; 60; 80; 30 ]
printfn "%A" (Tree.toList t)
printfn "height %d, sum %d" (Tree.height t) (Tree.fold (+) 0 t)
let words = Tree.ofList [ "mango"; "apple"; "zucchini"; "kiwi" ]
printfn "%s" (Tree.toList words |> String.concat " < ")
let lengths = Tree.map String.length words
printfn "%A" (Tree.toList lengths)
printfn "%A" (Tree.ofList [ 2; 1 ])
let contains x t = Tree.fold (fun found v -> found || v = x) false t
printfn "%b %b" (contains 60 t) (contains 65 t)
