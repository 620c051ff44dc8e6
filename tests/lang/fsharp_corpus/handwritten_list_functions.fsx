let rec myLength xs =
    match xs with
    | [] -> 0
    | _ :: t -> 1 + myLength t

let rec myMap f xs =
    match xs with
    | [] -> []
    | h :: t -> f h :: myMap f t

let rec myFilter p xs =
    match xs with
    | [] -> []
    | h :: t when p h -> h :: myFilter p t
    | _ :: t -> myFilter p t

let myRev xs = List.fold (fun acc x -> x :: acc) [] xs

let rec myZip xs ys =
    match xs, ys with
    | x :: xt, y :: yt -> (x, y) :: myZip xt yt
    | _ -> []

let rec takeWhile p xs =
    match xs with
    | h :: t when p h -> h :: takeWhile p t
    | _ -> []

let rec insertSorted x xs =
    match xs with
    | h :: t when h < x -> h :: insertSorted x t
    | _ -> x :: xs

let insertionSort xs = List.foldBack insertSorted xs []

let data = [ 5; 3; 8; 1; 9; 2 ]
printfn "length %d" (myLength data)
printfn "%A" (myMap (fun x -> x * 10) data)
printfn "%A" (myFilter (fun x -> x % 2 = 1) data)
printfn "%A" (myRev data)
printfn "%A" (myZip data [ 'a'; 'b'; 'c' ])
printfn "%A" (takeWhile (fun x -> x > 2) data)
printfn "%A" (insertionSort data)
printfn "%s" (myMap string [ 1; 2; 3 ] |> String.concat "-")
