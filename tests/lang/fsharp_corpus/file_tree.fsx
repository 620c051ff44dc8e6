type Tree = Node of string * Tree list

let rec countNodes (Node (_, kids)) = 1 + countForest kids
and countForest kids =
    match kids with
    | [] -> 0
    | t :: rest -> countNodes t + countForest rest

let rec depth (Node (_, kids)) =
    match kids with
    | [] -> 1
    | _ -> 1 + (kids |> List.map depth |> List.max)

let rec render indent (Node (name, kids)) =
    printfn "%s%s" (String.replicate indent "  ") name
    kids |> List.iter (render (indent + 1))

let rec find name (Node (n, kids) as t) =
    if n = name then Some t
    else kids |> List.tryPick (find name)

let rec isEven n = if n = 0 then true else isOdd (n - 1)
and isOdd n = if n = 0 then false else isEven (n - 1)

let leaf name = Node (name, [])
let tree =
    Node ("root",
          [ Node ("src", [ leaf "main.fs"; leaf "util.fs" ])
            Node ("tests", [ Node ("unit", [ leaf "a.fs" ]) ])
            leaf "README" ])

render 0 tree
printfn "nodes=%d depth=%d" (countNodes tree) (depth tree)
match find "unit" tree with
| Some sub -> printfn "unit has %d nodes" (countNodes sub)
| None -> printfn "missing"
printfn "%A" (find "nope" tree |> Option.map countNodes)
printfn "%b %b" (isEven 10) (isOdd 7)
let rec leaves (Node (n, kids)) = if List.isEmpty kids then [ n ] else List.collect leaves kids
printfn "%A" (leaves tree)
