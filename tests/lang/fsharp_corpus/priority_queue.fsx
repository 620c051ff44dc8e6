// leftist heap as a persistent priority queue
type Heap<'T> =
    | Empty
    | Node of rank: int * value: 'T * left: Heap<'T> * right: Heap<'T>

module Heap =
    let rank = function
        | Empty -> 0
        | Node (r, _, _, _) -> r

    let make x a b =
        if rank a >= rank b then Node (rank b + 1, x, a, b) else Node (rank a + 1, x, b, a)

    let rec merge h1 h2 =
        match h1, h2 with
        | Empty, h | h, Empty -> h
        | Node (_, x, l1, r1), Node (_, y, _, _) when x <= y -> make x l1 (merge r1 h2)
        | _, Node (_, y, l2, r2) -> make y l2 (merge h1 r2)

    let insert x h = merge (Node (1, x, Empty, Empty)) h

    let tryPop h =
        match h with
        | Empty -> None
        | Node (_, x, l, r) -> Some (x, merge l r)

    let ofList xs = List.fold (fun h x -> insert x h) Empty xs

    let toSortedList h = List.unfold tryPop h

let jobs = [ (3, "compile"); (1, "fetch"); (5, "deploy"); (2, "lint"); (4, "test"); (1, "auth") ]
let h = Heap.ofList jobs
for (p, name) in Heap.toSortedList h do
    printfn "%d %s" p name

let nums = Heap.ofList [ 9; 4; 7; 1; 8; 2 ]
match Heap.tryPop nums with
| Some (smallest, rest) ->
    printfn "smallest %d, next %A" smallest (Heap.tryPop rest |> Option.map fst)
| None -> printfn "empty"
printfn "%A" (Heap.toSortedList nums)
printfn "rank %d" (Heap.rank nums)
