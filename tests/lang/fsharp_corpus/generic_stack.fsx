type Stack<'T> = { Items: 'T list }

module Stack =
    let empty<'T> : Stack<'T> = { Items = [] }
    let push x s = { s with Items = x :: s.Items }
    let pop s =
        match s.Items with
        | [] -> None
        | x :: rest -> Some (x, { Items = rest })
    let peek s = List.tryHead s.Items
    let size s = List.length s.Items

let s = Stack.empty |> Stack.push 1 |> Stack.push 2 |> Stack.push 3
printfn "size %d top %A" (Stack.size s) (Stack.peek s)
match Stack.pop s with
| Some (x, rest) -> printfn "popped %d, left %A" x rest.Items
| None -> ()
let strs = Stack.empty |> Stack.push "a" |> Stack.push "b"
printfn "%A" strs
let swap (a, b) = (b, a)
printfn "%A %A" (swap (1, "x")) (swap ("y", 2.5))
let pairUp (xs: 'a list) = List.zip xs (List.rev xs)
printfn "%A" (pairUp [ 'a'; 'b'; 'c' ])
let applyTwice (f: 'a -> 'a) x = f (f x)
printfn "%d %s" (applyTwice ((+) 3) 10) (applyTwice (fun s -> s + "!") "hi")
let rec drain s acc =
    match Stack.pop s with
    | Some (x, rest) -> drain rest (x :: acc)
    | None -> acc
printfn "%A" (drain s [])
let firstOr (fallback: 'T) (xs: 'T list) = match xs with [] -> fallback | x :: _ -> x
printfn "%d %s" (firstOr 0 []) (firstOr "none" [ "z" ])
