"""Longer, realistic valid F# programs must type-check and print what F# prints (issue 11).

Type checking is a gate: a unit that does not type-check is refused.  The short programs of
``test_typing_false_positives.py`` pin single constructs; the programs here are what a plugin
author writes -- tokenizers, recursive-descent parsers, state machines, record pipelines, Map and
Set work, reports -- 15 to 60 lines each, so that constructs meet each other.

Each program is valid F#: the F# compiler accepts the programs of :data:`FSHARP` as they are.
:data:`DIALECT` holds programs that are F# except for Fusabi's library names, as in
``test_typing_false_positives.py`` (``Char.isDigit`` for ``System.Char.IsDigit``, ``String.join
sep`` for F#'s ``String.concat sep``...).  The expected output is what F# prints (``%A`` only on
ints, int lists/arrays and tuples of ints, where Fusabi's layout is F#'s).  Programs that do not
type-check today, or print something else than F# does, stay in the corpus marked
``xfail(strict=True)``: see :data:`KNOWN`.
"""

# The F# programs are data, written as a plugin author writes them: their lines may be long.
# ruff: noqa: E501

from __future__ import annotations

import textwrap

import pytest

import fusabi_host

# (name, source, expected output)
FSHARP: list[tuple[str, str, str]] = [
    (
        "tokenizer",
        """\
type Token =
    | TNum of int
    | TIdent of string
    | TOp of char
    | TLParen
    | TRParen

let isDigit c = c >= '0' && c <= '9'
let isAlpha c = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c = '_'

let tokenize (input: string) =
    let mutable i = 0
    let mutable tokens = []
    while i < input.Length do
        let c = input.[i]
        if c = ' ' then
            i <- i + 1
        elif isDigit c then
            let mutable n = 0
            while i < input.Length && isDigit input.[i] do
                n <- n * 10 + (int input.[i] - int '0')
                i <- i + 1
            tokens <- TNum n :: tokens
        elif isAlpha c then
            let start = i
            while i < input.Length && (isAlpha input.[i] || isDigit input.[i]) do
                i <- i + 1
            tokens <- TIdent (input.Substring(start, i - start)) :: tokens
        elif c = '(' then
            tokens <- TLParen :: tokens
            i <- i + 1
        elif c = ')' then
            tokens <- TRParen :: tokens
            i <- i + 1
        else
            tokens <- TOp c :: tokens
            i <- i + 1
    List.rev tokens

let describe tok =
    match tok with
    | TNum n -> sprintf "NUM(%d)" n
    | TIdent s -> sprintf "ID(%s)" s
    | TOp c -> sprintf "OP(%c)" c
    | TLParen -> "LP"
    | TRParen -> "RP"

let toks = tokenize "foo + 42*(bar_1 - 7)"
let text = toks |> List.map describe |> List.reduce (fun a b -> a + " " + b)
printfn "%s" text
printfn "count=%d numbers=%d" (List.length toks) (toks |> List.filter (fun t -> match t with TNum _ -> true | _ -> false) |> List.length)
""",
        "ID(foo) OP(+) NUM(42) OP(*) LP ID(bar_1) OP(-) NUM(7) RP\ncount=9 numbers=2\n",
    ),
    (
        "recursive_descent_parser",
        """\
type Expr =
    | Num of int
    | Add of Expr * Expr
    | Sub of Expr * Expr
    | Mul of Expr * Expr
    | Neg of Expr
let isDigit c = c >= '0' && c <= '9'
let rec parseExpr (tokens: char list) =
    let left, rest = parseTerm tokens
    parseExprTail left rest
and parseExprTail left tokens =
    match tokens with
    | '+' :: rest ->
        let right, rest2 = parseTerm rest
        parseExprTail (Add (left, right)) rest2
    | '-' :: rest ->
        let right, rest2 = parseTerm rest
        parseExprTail (Sub (left, right)) rest2
    | _ -> left, tokens
and parseTerm tokens =
    let left, rest = parseFactor tokens
    parseTermTail left rest
and parseTermTail left tokens =
    match tokens with
    | '*' :: rest ->
        let right, rest2 = parseFactor rest
        parseTermTail (Mul (left, right)) rest2
    | _ -> left, tokens
and parseFactor tokens =
    match tokens with
    | '-' :: rest ->
        let e, rest2 = parseFactor rest
        Neg e, rest2
    | '(' :: rest -> expectClose (parseExpr rest)
    | c :: rest when isDigit c -> parseNumber (int c - int '0') rest
    | _ -> failwith "unexpected token"
and expectClose (e, tokens) =
    match tokens with
    | ')' :: rest -> e, rest
    | _ -> failwith "expected )"
and parseNumber acc tokens =
    match tokens with
    | c :: rest when isDigit c -> parseNumber (acc * 10 + int c - int '0') rest
    | _ -> Num acc, tokens
let rec eval expr =
    match expr with
    | Num n -> n
    | Add (a, b) -> eval a + eval b
    | Sub (a, b) -> eval a - eval b
    | Mul (a, b) -> eval a * eval b
    | Neg e -> -(eval e)
let parse (s: string) =
    let chars = s |> Seq.filter (fun c -> c <> ' ') |> Seq.toList
    match parseExpr chars with
    | e, [] -> e
    | _, rest -> failwithf "trailing input: %d chars" (List.length rest)
for src in [ "1 + 2 * 3"; "(1 + 2) * 3"; "10 - -4 * 2"; "2 * (3 + 4) * 5" ] do
    printfn "%s = %d" src (eval (parse src))
let bad = try string (eval (parse "(1 + 2")) with Failure msg -> "error: " + msg
printfn "%s" bad
""",
        "1 + 2 * 3 = 7\n(1 + 2) * 3 = 9\n10 - -4 * 2 = 18\n2 * (3 + 4) * 5 = 70\n"
        "error: expected )\n",
    ),
    (
        "door_state_machine",
        """\
type DoorState =
    | Open
    | Closed
    | Locked of int

type DoorEvent =
    | OpenDoor
    | CloseDoor
    | Lock of int
    | Unlock of int

let step state event =
    match state, event with
    | Closed, OpenDoor -> Open
    | Open, CloseDoor -> Closed
    | Closed, Lock code -> Locked code
    | Locked code, Unlock attempt when attempt = code -> Closed
    | s, _ -> s

let name state =
    match state with
    | Open -> "open"
    | Closed -> "closed"
    | Locked code -> sprintf "locked(%d)" code

let trace state event =
    let next = step state event
    printfn "%-8s -> %s" (name state) (name next)
    next

let events = [ OpenDoor; Lock 1; CloseDoor; Lock 42; OpenDoor; Unlock 7; Unlock 42; OpenDoor ]
let final = List.fold trace Closed events
printfn "final: %s" (name final)
""",
        "closed   -> open\nopen     -> open\nopen     -> closed\nclosed   -> locked(42)\n"
        "locked(42) -> locked(42)\nlocked(42) -> locked(42)\nlocked(42) -> closed\n"
        "closed   -> open\nfinal: open\n",
    ),
    (
        "bank_account_results",
        """\
type Account = { Id: int; Owner: string; Balance: int; History: string list }

type Txn =
    | Deposit of int
    | Withdraw of int
    | Fee of int

let apply (acct: Account) txn =
    match txn with
    | Deposit amt when amt <= 0 -> Error (sprintf "invalid deposit %d" amt)
    | Deposit amt ->
        Ok { acct with Balance = acct.Balance + amt; History = sprintf "+%d" amt :: acct.History }
    | Withdraw amt when amt > acct.Balance -> Error (sprintf "insufficient funds for %d" amt)
    | Withdraw amt ->
        Ok { acct with Balance = acct.Balance - amt; History = sprintf "-%d" amt :: acct.History }
    | Fee amt -> Ok { acct with Balance = acct.Balance - amt; History = "fee" :: acct.History }

let run acct txns =
    txns |> List.fold (fun state t -> state |> Result.bind (fun a -> apply a t)) (Ok acct)

let joinComma (xs: string list) =
    xs |> List.fold (fun s h -> if s = "" then h else s + "," + h) ""

let report result =
    match result with
    | Ok a -> printfn "%s #%d: balance %d, history %s" a.Owner a.Id a.Balance (joinComma (List.rev a.History))
    | Error e -> printfn "error: %s" e

let opening = { Id = 1; Owner = "ann"; Balance = 100; History = [] }
report (run opening [ Deposit 50; Withdraw 30; Fee 2 ])
report (run opening [ Deposit 50; Withdraw 500; Deposit 10 ])
report (run opening [ Deposit 0 ])
report (run { opening with Id = 2; Owner = "bo" } [])
""",
        "ann #1: balance 118, history +50,-30,fee\nerror: insufficient funds for 500\n"
        "error: invalid deposit 0\nbo #2: balance 100, history \n",
    ),
    (
        "inventory_copy_and_update",
        """\
type Item = { Sku: string; Name: string; Qty: int; Price: float }

let inventory =
    [ { Sku = "A1"; Name = "widget"; Qty = 10; Price = 2.5 }
      { Sku = "B2"; Name = "gadget"; Qty = 0; Price = 12.0 }
      { Sku = "C3"; Name = "doohickey"; Qty = 3; Price = 7.25 } ]

let restock sku amount items =
    items |> List.map (fun i -> if i.Sku = sku then { i with Qty = i.Qty + amount } else i)

let sell sku amount items =
    items
    |> List.map (fun i ->
        if i.Sku = sku && i.Qty >= amount then { i with Qty = i.Qty - amount }
        else i)

let updated = inventory |> restock "B2" 5 |> sell "A1" 4 |> sell "C3" 3 |> sell "B2" 9
printfn "%-6s %-10s %4s %8s" "sku" "name" "qty" "value"
for i in updated do
    printfn "%-6s %-10s %4d %8.2f" i.Sku i.Name i.Qty (float i.Qty * i.Price)
let total = updated |> List.sumBy (fun i -> float i.Qty * i.Price)
printfn "total value: %.2f" total
let outOfStock = updated |> List.filter (fun i -> i.Qty = 0) |> List.map (fun i -> i.Name)
printfn "out of stock: %d (%s)" (List.length outOfStock) (List.head outOfStock)
""",
        "sku    name        qty    value\n"
        "A1     widget        6    15.00\n"
        "B2     gadget        5    60.00\n"
        "C3     doohickey     0     0.00\n"
        "total value: 75.00\nout of stock: 1 (doohickey)\n",
    ),
    (
        "order_pipeline",
        """\
type Order = { Id: int; Customer: string; Product: string; Qty: int; UnitPrice: float }

let orders =
    [ { Id = 1; Customer = "alice"; Product = "pen"; Qty = 3; UnitPrice = 1.5 }
      { Id = 2; Customer = "bob"; Product = "book"; Qty = 1; UnitPrice = 12.0 }
      { Id = 3; Customer = "alice"; Product = "book"; Qty = 2; UnitPrice = 12.0 }
      { Id = 4; Customer = "carol"; Product = "pen"; Qty = 10; UnitPrice = 1.5 }
      { Id = 5; Customer = "bob"; Product = "lamp"; Qty = 1; UnitPrice = 30.0 }
      { Id = 6; Customer = "carol"; Product = "pad"; Qty = 0; UnitPrice = 4.0 } ]

let lineTotal o = float o.Qty * o.UnitPrice

let byCustomer =
    orders
    |> List.filter (fun o -> o.Qty > 0)
    |> List.groupBy (fun o -> o.Customer)
    |> List.map (fun (c, os) -> c, List.length os, os |> List.sumBy lineTotal)
    |> List.sortBy (fun (_, _, total) -> -total)

for (c, n, total) in byCustomer do
    printfn "%-8s %2d %9.2f" c n total

let products = orders |> List.map (fun o -> o.Product) |> List.distinct |> List.sort
printfn "products: %d, first %s" (List.length products) (List.head products)
let biggest = orders |> List.maxBy lineTotal
printfn "biggest order: #%d (%s)" biggest.Id biggest.Product
let units = orders |> List.sumBy (fun o -> o.Qty)
printfn "units=%d avg=%.3f" units (orders |> List.averageBy lineTotal)
""",
        "bob       2     42.00\nalice     2     28.50\ncarol     1     15.00\n"
        "products: 4, first book\nbiggest order: #5 (lamp)\nunits=17 avg=14.250\n",
    ),
    (
        "word_frequency_map",
        """\
let text = "the cat sat on the mat the end"
let words = text.Split(' ') |> Array.toList

let bump (m: Map<string, int>) (w: string) =
    match Map.tryFind w m with
    | Some n -> Map.add w (n + 1) m
    | None -> Map.add w 1 m

let freq = words |> List.fold bump Map.empty
freq |> Map.toList |> List.iter (fun (w, n) -> printfn "%-4s %d" w n)
let total = freq |> Map.fold (fun acc _ n -> acc + n) 0
printfn "distinct=%d total=%d" (Map.count freq) total
printfn "the=%d dog=%d" (Map.find "the" freq) (freq |> Map.tryFind "dog" |> Option.defaultValue 0)
let common = freq |> Map.filter (fun _ n -> n > 1) |> Map.toList |> List.map fst
printfn "common: %s" (List.fold (fun acc w -> acc + w + ";") "" common)
printfn "has cat: %b, has dog: %b" (Map.containsKey "cat" freq) (Map.containsKey "dog" freq)
let withoutThe = freq |> Map.remove "the"
printfn "after remove: %d" (Map.count withoutThe)
""",
        "cat  1\nend  1\nmat  1\non   1\nsat  1\nthe  3\ndistinct=6 total=8\nthe=3 dog=0\n"
        "common: the;\nhas cat: true, has dog: false\nafter remove: 5\n",
    ),
    (
        "set_permissions",
        """\
let admins = Set.ofList [ "root"; "alice" ]
let editors = Set.ofList [ "alice"; "bob"; "carol" ]
let viewers = Set.ofList [ "dave"; "bob" ]

let everyone = Set.union admins (Set.union editors viewers)
let both = Set.intersect admins editors
let onlyEditors = Set.difference editors (Set.union admins viewers)

let show label s =
    let items = s |> Set.toList |> List.fold (fun acc x -> if acc = "" then x else acc + " " + x) ""
    printfn "%-12s (%d) %s" label (Set.count s) items

show "everyone" everyone
show "both" both
show "onlyEditors" onlyEditors
printfn "%b %b" (Set.contains "bob" viewers) (Set.isSubset both editors)
let added = everyone |> Set.add "erin" |> Set.remove "root"
show "added" added
let long = added |> Set.filter (fun n -> n.Length > 3)
show "long" long
""",
        "everyone     (5) alice bob carol dave root\nboth         (1) alice\n"
        "onlyEditors  (1) carol\ntrue true\nadded        (5) alice bob carol dave erin\n"
        "long         (4) alice carol dave erin\n",
    ),
    (
        "caesar_cipher_seq",
        """\
let shift n (c: char) =
    if c >= 'a' && c <= 'z' then char ((int c - int 'a' + n) % 26 + int 'a')
    elif c >= 'A' && c <= 'Z' then char ((int c - int 'A' + n) % 26 + int 'A')
    else c

let encode n (s: string) = String.map (shift n) s
let decode n s = encode (26 - n) s

let msg = "Hello, World!"
let secret = encode 3 msg
printfn "%s" secret
printfn "%s" (decode 3 secret)
let letters = msg |> Seq.filter (fun c -> c <> ' ' && c <> ',' && c <> '!') |> Seq.length
printfn "letters=%d" letters
let vowelCount = msg |> Seq.filter (fun c -> "aeiouAEIOU".IndexOf(c) >= 0) |> Seq.length
printfn "vowels=%d" vowelCount
let counts =
    msg.ToLower()
    |> Seq.filter (fun c -> c >= 'a' && c <= 'z')
    |> Seq.countBy id
    |> Seq.sortBy (fun (c, n) -> (-n, c))
    |> Seq.truncate 3
    |> Seq.toList
for (c, n) in counts do
    printfn "%c:%d" c n
""",
        "Khoor, Zruog!\nHello, World!\nletters=10\nvowels=3\nl:3\no:2\nd:1\n",
    ),
    (
        "config_option_chain",
        """\
let settings =
    Map.ofList [ ("port", "8080"); ("host", "localhost"); ("retries", "x3"); ("timeout", "30") ]

let tryParseInt (s: string) =
    if s.Length > 0 && s |> Seq.forall (fun c -> c >= '0' && c <= '9') then Some (int s) else None

let getInt key = settings |> Map.tryFind key |> Option.bind tryParseInt

let describe key =
    match getInt key with
    | Some v -> sprintf "%s=%d" key v
    | None -> sprintf "%s=<invalid or missing>" key

for k in [ "port"; "retries"; "timeout"; "missing" ] do
    printfn "%s" (describe k)

let timeoutMs = getInt "timeout" |> Option.map (fun s -> s * 1000) |> Option.defaultValue 5000
let retries = getInt "retries" |> Option.defaultValue 1
let host =
    settings
    |> Map.tryFind "host"
    |> Option.filter (fun h -> h <> "")
    |> Option.defaultValue "0.0.0.0"
printfn "%s:%d timeout=%dms retries=%d" host (Option.get (getInt "port")) timeoutMs retries
printfn "%b %b" (Option.isSome (getInt "port")) (Option.isNone (getInt "retries"))
""",
        "port=8080\nretries=<invalid or missing>\ntimeout=30\nmissing=<invalid or missing>\n"
        "localhost:8080 timeout=30000ms retries=1\ntrue true\n",
    ),
    (
        "user_validation_results",
        """\
type User = { Name: string; Age: int; Email: string }

let validateName (name: string) =
    if name.Trim() = "" then Error "name is empty" else Ok (name.Trim())

let validateAge age =
    if age < 0 then Error "age is negative"
    elif age > 150 then Error "age is implausible"
    else Ok age

let validateEmail (email: string) =
    if email.Contains("@") then Ok email else Error (sprintf "bad email '%s'" email)

let makeUser name age email =
    validateName name
    |> Result.bind (fun n -> validateAge age |> Result.map (fun a -> (n, a)))
    |> Result.bind (fun (n, a) ->
        validateEmail email |> Result.map (fun e -> { Name = n; Age = a; Email = e }))

let show r =
    match r with
    | Ok u -> printfn "ok: %s (%d) <%s>" u.Name u.Age u.Email
    | Error msg -> printfn "error: %s" msg

show (makeUser "  Ann " 31 "ann@example.com")
show (makeUser "" 20 "x@y")
show (makeUser "Bob" 200 "bob@example.com")
show (makeUser "Cy" 40 "cy.example.com")
let results = [ makeUser "A" 1 "a@b"; makeUser "B" (-1) "b@c"; makeUser "C" 2 "c@d" ]
let isOk r = match r with Ok _ -> true | Error _ -> false
printfn "valid: %d of %d" (results |> List.filter isOk |> List.length) (List.length results)
let upper = makeUser "dee" 5 "d@e" |> Result.map (fun u -> u.Name.ToUpper()) |> Result.mapError (fun e -> e.Length)
match upper with
| Ok n -> printfn "%s" n
| Error len -> printfn "error of length %d" len
""",
        "ok: Ann (31) <ann@example.com>\nerror: name is empty\nerror: age is implausible\n"
        "error: bad email 'cy.example.com'\nvalid: 2 of 3\nDEE\n",
    ),
    (
        "sprintf_width_report",
        """\
let rows = [ ("apples", 12, 0.5); ("bananas", 6, 0.25); ("cherries", 200, 0.1); ("dates", 0, 3.0) ]

let line = String.replicate 30 "-"
printfn "%-10s %5s %8s" "item" "qty" "total"
printfn "%s" line
for (name, qty, price) in rows do
    let total = float qty * price
    printfn "%-10s %5d %8.2f" name qty total
printfn "%s" line
let grand = rows |> List.sumBy (fun (_, q, p) -> float q * p)
printfn "%-10s %5d %8.2f" "TOTAL" (rows |> List.sumBy (fun (_, q, _) -> q)) grand
let right = sprintf "[%6s]" "ab"
let left = sprintf "[%-6s]" "ab"
let padded = sprintf "[%04d]" 42
let pct = sprintf "%.1f%%" 12.25
printfn "%s %s %s %s" right left padded pct
let cells = [ 1; 22; 333 ] |> List.map (sprintf "%5d") |> List.fold (+) ""
printfn "|%s|" cells
""",
        "item         qty    total\n"
        "------------------------------\n"
        "apples        12     6.00\n"
        "bananas        6     1.50\n"
        "cherries     200    20.00\n"
        "dates          0     0.00\n"
        "------------------------------\n"
        "TOTAL        218    27.50\n"
        "[    ab] [ab    ] [0042] 12.3%\n"
        "|    1   22  333|\n",
    ),
    (
        "binary_search_tree",
        """\
type Tree =
    | Leaf
    | Node of Tree * int * Tree

let rec insert x tree =
    match tree with
    | Leaf -> Node (Leaf, x, Leaf)
    | Node (l, v, r) when x < v -> Node (insert x l, v, r)
    | Node (l, v, r) when x > v -> Node (l, v, insert x r)
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

let rec fold f acc tree =
    match tree with
    | Leaf -> acc
    | Node (l, v, r) -> fold f (f (fold f acc l) v) r

let t = [ 50; 30; 70; 20; 40; 60; 80; 30; 65 ] |> List.fold (fun t x -> insert x t) Leaf
printfn "%A" (toList t)
printfn "height=%d size=%d sum=%d" (height t) (fold (fun n _ -> n + 1) 0 t) (fold (+) 0 t)
printfn "%b %b" (contains 65 t) (contains 66 t)
let maxValue = fold max 0 t
printfn "max=%d" maxValue
""",
        "[20; 30; 40; 50; 60; 65; 70; 80]\nheight=4 size=8 sum=415\ntrue false\nmax=80\n",
    ),
    (
        "json_render_mutual_recursion",
        """\
type Json =
    | JNull
    | JBool of bool
    | JNum of int
    | JStr of string
    | JArr of Json list
    | JObj of (string * Json) list

let quote s = "\\"" + s + "\\""

let rec render json =
    match json with
    | JNull -> "null"
    | JBool b -> if b then "true" else "false"
    | JNum n -> string n
    | JStr s -> quote s
    | JArr items -> "[" + renderItems items + "]"
    | JObj fields -> "{" + renderFields fields + "}"
and renderItems items =
    match items with
    | [] -> ""
    | [ x ] -> render x
    | x :: rest -> render x + "," + renderItems rest
and renderFields fields =
    match fields with
    | [] -> ""
    | [ (k, v) ] -> quote k + ":" + render v
    | (k, v) :: rest -> quote k + ":" + render v + "," + renderFields rest

let rec depth json =
    match json with
    | JArr items -> 1 + (items |> List.map depth |> List.fold max 0)
    | JObj fields -> 1 + (fields |> List.map (snd >> depth) |> List.fold max 0)
    | _ -> 0

let doc =
    JObj [
        ("name", JStr "plugin")
        ("version", JNum 3)
        ("enabled", JBool true)
        ("tags", JArr [ JStr "a"; JStr "b" ])
        ("extra", JNull)
        ("nested", JObj [ ("list", JArr [ JNum 1; JArr [ JNum 2 ] ]) ])
    ]
printfn "%s" (render doc)
printfn "depth=%d" (depth doc)
""",
        '{"name":"plugin","version":3,"enabled":true,"tags":["a","b"],"extra":null,'
        '"nested":{"list":[1,[2]]}}\ndepth=4\n',
    ),
    (
        "sieve_and_collatz_loops",
        """\
let collatzSteps start =
    let mutable n = start
    let mutable steps = 0
    while n <> 1 do
        n <- if n % 2 = 0 then n / 2 else 3 * n + 1
        steps <- steps + 1
    steps

let sieve limit =
    let isPrime = Array.create (limit + 1) true
    isPrime.[0] <- false
    isPrime.[1] <- false
    for i in 2 .. limit do
        if isPrime.[i] then
            let mutable j = i * i
            while j <= limit do
                isPrime.[j] <- false
                j <- j + i
    [ for i in 0 .. limit do if isPrime.[i] then yield i ]

let primes = sieve 50
printfn "%d primes: %A" (List.length primes) primes
let mutable best = 0
let mutable bestN = 0
for n in 1 .. 30 do
    let s = collatzSteps n
    if s > best then
        best <- s
        bestN <- n
printfn "longest collatz up to 30: n=%d steps=%d" bestN best
let mutable countdown = 3
while countdown > 0 do
    printf "%d " countdown
    countdown <- countdown - 1
printfn "liftoff"
""",
        "15 primes: [2; 3; 5; 7; 11; 13; 17; 19; 23; 29; 31; 37; 41; 43; 47]\n"
        "longest collatz up to 30: n=27 steps=111\n3 2 1 liftoff\n",
    ),
    (
        "arrays_sort_and_matrix",
        """\
let bubbleSort (input: int array) =
    let arr = Array.copy input
    let n = arr.Length
    for i in 0 .. n - 2 do
        for j in 0 .. n - 2 - i do
            if arr.[j] > arr.[j + 1] then
                let tmp = arr.[j]
                arr.[j] <- arr.[j + 1]
                arr.[j + 1] <- tmp
    arr

let data = [| 5; 3; 9; 1; 7; 2 |]
let sorted = bubbleSort data
printfn "%A -> %A" data sorted
let matrix = Array.init 3 (fun r -> Array.init 3 (fun c -> r * 3 + c + 1))
let transpose (m: int array array) =
    Array.init m.[0].Length (fun c -> Array.init m.Length (fun r -> m.[r].[c]))
let t = transpose matrix
for row in t do
    printfn "%s" (row |> Array.map (sprintf "%3d") |> Array.fold (+) "")
let trace = [ 0 .. 2 ] |> List.sumBy (fun i -> matrix.[i].[i])
printfn "trace=%d" trace
let squares = Array.init 6 (fun i -> i * i)
squares.[5] <- -1
printfn "%d %d %d" (Array.sum squares) (Array.max squares) (squares |> Array.filter (fun x -> x > 3) |> Array.length)
""",
        "[|5; 3; 9; 1; 7; 2|] -> [|1; 2; 3; 5; 7; 9|]\n  1  4  7\n  2  5  8\n  3  6  9\n"
        "trace=15\n29 16 3\n",
    ),
    (
        "exceptions_and_cleanup",
        """\
exception ValidationError of string * int

let parseAge (s: string) =
    let n = int s
    if n < 0 then raise (ValidationError ("negative", n))
    elif n > 130 then raise (ValidationError ("too large", n))
    else n

let check s =
    try
        let age = parseAge s
        sprintf "ok %d" age
    with
    | ValidationError (reason, n) -> sprintf "invalid (%s): %d" reason n
    | _ -> "unparseable"

for s in [ "42"; "-5"; "200"; "abc" ] do
    printfn "%-4s => %s" s (check s)

let safeDivide a b =
    try
        Some (a / b)
    with _ ->
        None

let showDiv a b =
    match safeDivide a b with
    | Some q -> printfn "%d / %d = %d" a b q
    | None -> printfn "%d / %d is undefined" a b

showDiv 10 3
showDiv 1 0

let mutable events = []
let guarded name f =
    try
        try
            f ()
            events <- (name + " ok") :: events
        finally
            events <- (name + " cleanup") :: events
    with Failure msg ->
        events <- (name + " failed: " + msg) :: events

guarded "first" (fun () -> ())
guarded "second" (fun () -> failwith "disk full")
events |> List.rev |> List.iter (printfn "%s")
""",
        "42   => ok 42\n-5   => invalid (negative): -5\n200  => invalid (too large): 200\n"
        "abc  => unparseable\n10 / 3 = 3\n1 / 0 is undefined\nfirst ok\nfirst cleanup\n"
        "second cleanup\nsecond failed: disk full\n",
    ),
    (
        "nested_modules_geometry",
        """\
module Geometry =
    type Point = { X: float; Y: float }

    let origin = { X = 0.0; Y = 0.0 }

    let distance a b =
        let dx = a.X - b.X
        let dy = a.Y - b.Y
        sqrt (dx * dx + dy * dy)

    module Shapes =
        type Shape =
            | Circle of Point * float
            | Polygon of Point list

        let perimeter shape =
            match shape with
            | Circle (_, r) -> 2.0 * 3.14159 * r
            | Polygon pts ->
                match pts with
                | [] -> 0.0
                | first :: _ ->
                    let closed = pts @ [ first ]
                    closed |> List.pairwise |> List.sumBy (fun (a, b) -> distance a b)

open Geometry
open Geometry.Shapes

let pt x y = { X = x; Y = y }
let square = Polygon [ pt 0.0 0.0; pt 3.0 0.0; pt 3.0 4.0; pt 0.0 4.0 ]
let tri = Polygon [ origin; pt 3.0 0.0; pt 0.0 4.0 ]
printfn "%.2f" (perimeter square)
printfn "%.2f" (perimeter tri)
printfn "%.3f" (perimeter (Circle (origin, 1.0)))
printfn "%.1f" (Geometry.distance origin (pt 6.0 8.0))
printfn "%.1f" (Shapes.perimeter (Polygon []))
""",
        "14.00\n12.00\n6.283\n10.0\n0.0\n",
    ),
    (
        "tuple_statistics",
        """\
let stats (xs: float list) =
    let n = float (List.length xs)
    let mean = List.sum xs / n
    let variance = xs |> List.sumBy (fun x -> (x - mean) * (x - mean)) |> fun s -> s / n
    let lo, hi = List.min xs, List.max xs
    (mean, sqrt variance, lo, hi)

let mean, sd, lo, hi = stats [ 2.0; 4.0; 4.0; 4.0; 5.0; 5.0; 7.0; 9.0 ]
printfn "mean=%.2f sd=%.2f range=[%.1f, %.1f]" mean sd lo hi

let divmod a b = (a / b, a % b)
let q, r = divmod 17 5
printfn "17 = 5 * %d + %d" q r

let quadrant (x, y) =
    match x, y with
    | 0, 0 -> "origin"
    | x, y when x > 0 && y > 0 -> "Q1"
    | x, y when x < 0 && y > 0 -> "Q2"
    | x, y when x < 0 && y < 0 -> "Q3"
    | x, y when x > 0 && y < 0 -> "Q4"
    | _ -> "axis"

let points = [ (1, 2); (3, -1); (-2, 4); (0, 0); (0, 5) ]
points |> List.iter (fun p -> printfn "%A -> %s" p (quadrant p))
let (sx, sy) = points |> List.fold (fun (ax, ay) (x, y) -> (ax + x, ay + y)) (0, 0)
printfn "sum=(%d, %d)" sx sy
""",
        "mean=5.00 sd=2.00 range=[2.0, 9.0]\n17 = 5 * 3 + 2\n(1, 2) -> Q1\n(3, -1) -> Q4\n"
        "(-2, 4) -> Q2\n(0, 0) -> origin\n(0, 5) -> axis\nsum=(2, 10)\n",
    ),
    (
        "run_length_function_matches",
        """\
let rec compress = function
    | [] -> []
    | x :: y :: rest when x = y -> compress (y :: rest)
    | x :: rest -> x :: compress rest

let rle (xs: char list) =
    let rec go acc xs =
        match acc, xs with
        | _, [] -> List.rev acc
        | (c, n) :: restAcc, x :: rest when c = x -> go ((c, n + 1) :: restAcc) rest
        | _, x :: rest -> go ((x, 1) :: acc) rest
    go [] xs

let encode (s: string) =
    rle (Seq.toList s)
    |> List.map (fun (c, n) -> if n = 1 then string c else string n + string c)
    |> List.fold (+) ""

let rec decode = function
    | [] -> ""
    | (c, n) :: rest -> String.replicate n (string c) + decode rest

let classify = function
    | [] -> "empty"
    | [ _ ] -> "singleton"
    | [ a; b ] when a = b -> "pair of equals"
    | a :: b :: _ when a < b -> "ascending start"
    | _ -> "other"

printfn "%s" (encode "aaabccddddde")
printfn "%s" (decode (rle (Seq.toList "xxyzzz")))
printfn "%A" (compress [ 1; 1; 2; 3; 3; 3; 1 ])
for xs in [ []; [ 4 ]; [ 2; 2 ]; [ 1; 5; 0 ]; [ 9; 3 ] ] do
    printfn "%s" (classify xs)
""",
        "3ab2c5de\nxxyzzz\n[1; 2; 3; 1]\nempty\nsingleton\npair of equals\nascending start\nother\n",
    ),
    (
        "rpn_calculator",
        """\
type Token =
    | Number of float
    | Operator of char

let tokenize (s: string) =
    s.Split(' ')
    |> Array.toList
    |> List.filter (fun w -> w <> "")
    |> List.map (fun w ->
        match w with
        | "+" | "-" | "*" | "/" -> Operator w.[0]
        | _ -> Number (float w))

let applyOp op a b =
    match op with
    | '+' -> Ok (a + b)
    | '-' -> Ok (a - b)
    | '*' -> Ok (a * b)
    | '/' when b = 0.0 -> Error "division by zero"
    | '/' -> Ok (a / b)
    | c -> Error (sprintf "unknown operator %c" c)

let step stack token =
    match stack, token with
    | Error e, _ -> Error e
    | Ok s, Number n -> Ok (n :: s)
    | Ok (b :: a :: rest), Operator op -> applyOp op a b |> Result.map (fun v -> v :: rest)
    | Ok _, Operator op -> Error (sprintf "stack underflow at %c" op)

let evaluate expr =
    match tokenize expr |> List.fold step (Ok []) with
    | Ok [ v ] -> sprintf "%g" v
    | Ok [] -> "empty"
    | Ok vs -> sprintf "%d values left" (List.length vs)
    | Error e -> "error: " + e

for e in [ "3 4 + 2 *"; "5 1 2 + 4 * + 3 -"; "2 0 /"; "1 +"; "1 2"; "10 4 /" ] do
    printfn "%-20s %s" e (evaluate e)
""",
        "3 4 + 2 *            14\n5 1 2 + 4 * + 3 -    14\n2 0 /                error: division by zero\n"
        "1 +                  error: stack underflow at +\n1 2                  2 values left\n"
        "10 4 /               2.5\n",
    ),
    (
        "vending_machine_records",
        """\
type Machine = { Credit: int; Stock: Map<string, int>; Sales: int }

type Input =
    | Coin of int
    | Select of string
    | Refund

let prices = Map.ofList [ ("cola", 150); ("chips", 100); ("gum", 50) ]

let handle (m: Machine) input =
    match input with
    | Coin c when c = 10 || c = 50 || c = 100 -> { m with Credit = m.Credit + c }, sprintf "credit %d" (m.Credit + c)
    | Coin c -> m, sprintf "rejected coin %d" c
    | Refund -> { m with Credit = 0 }, sprintf "refund %d" m.Credit
    | Select item ->
        match Map.tryFind item prices, Map.tryFind item m.Stock with
        | None, _ -> m, "unknown item " + item
        | Some _, None | Some _, Some 0 -> m, item + " sold out"
        | Some p, Some _ when p > m.Credit -> m, sprintf "need %d more" (p - m.Credit)
        | Some p, Some n ->
            { m with Credit = m.Credit - p; Stock = Map.add item (n - 1) m.Stock; Sales = m.Sales + p },
            sprintf "vend %s" item

let start = { Credit = 0; Stock = Map.ofList [ ("cola", 1); ("chips", 0); ("gum", 5) ]; Sales = 0 }
let inputs = [ Coin 100; Select "cola"; Coin 25; Coin 50; Select "cola"; Select "cola"; Select "chips"; Coin 50; Select "gum"; Select "tea"; Refund ]
let mutable machine = start
for i in inputs do
    let next, msg = handle machine i
    printfn "%s" msg
    machine <- next
printfn "sales=%d credit=%d cola left=%d" machine.Sales machine.Credit (Map.find "cola" machine.Stock)
""",
        "credit 100\nneed 50 more\nrejected coin 25\ncredit 150\nvend cola\ncola sold out\n"
        "chips sold out\ncredit 50\nvend gum\nunknown item tea\nrefund 0\n"
        "sales=200 credit=0 cola left=0\n",
    ),
    (
        "cellular_automaton_arrays",
        """\
let width = 15

let render (cells: bool array) =
    cells |> Array.map (fun alive -> if alive then "#" else ".") |> Array.fold (+) ""

let next (rule: int) (cells: bool array) =
    Array.init cells.Length (fun i ->
        let left = if i > 0 then cells.[i - 1] else false
        let mid = cells.[i]
        let right = if i < cells.Length - 1 then cells.[i + 1] else false
        let idx = (if left then 4 else 0) + (if mid then 2 else 0) + (if right then 1 else 0)
        (rule / pown 2 idx) % 2 = 1)

let mutable gen = Array.init width (fun i -> i = width / 2)
for _ in 1 .. 5 do
    printfn "%s" (render gen)
    gen <- next 90 gen
let alive = gen |> Array.filter id |> Array.length
printfn "alive after 5: %d" alive
""",
        ".......#.......\n......#.#......\n.....#...#.....\n....#.#.#.#....\n"
        "...#.......#...\nalive after 5: 4\n",
    ),
    (
        "todo_commands_fold",
        """\
type Todo = { Id: int; Title: string; Done: bool }

type Command =
    | AddTodo of string
    | Complete of int
    | Remove of int
    | Rename of int * string

type State = { NextId: int; Items: Map<int, Todo> }

let exec state cmd =
    match cmd with
    | AddTodo title ->
        let todo = { Id = state.NextId; Title = title; Done = false }
        { NextId = state.NextId + 1; Items = Map.add todo.Id todo state.Items }
    | Complete id ->
        match Map.tryFind id state.Items with
        | Some t -> { state with Items = Map.add id { t with Done = true } state.Items }
        | None -> state
    | Remove id -> { state with Items = Map.remove id state.Items }
    | Rename (id, title) ->
        let items = state.Items |> Map.map (fun k t -> if k = id then { t with Title = title } else t)
        { state with Items = items }

let commands =
    [ AddTodo "write parser"; AddTodo "write tests"; AddTodo "ship"
      Complete 1; Rename (2, "write more tests"); Remove 3; Complete 9; AddTodo "celebrate" ]
let final = commands |> List.fold exec { NextId = 1; Items = Map.empty }
for t in final.Items |> Map.toList |> List.map snd do
    printfn "[%s] %d %s" (if t.Done then "x" else " ") t.Id t.Title
let pending = final.Items |> Map.filter (fun _ t -> not t.Done) |> Map.count
printfn "pending=%d next=%d" pending final.NextId
""",
        "[x] 1 write parser\n[ ] 2 write more tests\n[ ] 4 celebrate\npending=2 next=5\n",
    ),
    (
        "graph_bfs_map_set",
        """\
let edges = [ ("a", "b"); ("a", "c"); ("b", "d"); ("c", "d"); ("d", "e"); ("f", "g") ]

let graph =
    edges
    |> List.fold
        (fun (g: Map<string, string list>) (src, dst) ->
            let add k v m =
                let existing = m |> Map.tryFind k |> Option.defaultValue []
                Map.add k (existing @ [ v ]) m
            g |> add src dst |> add dst src)
        Map.empty

let neighbours node = graph |> Map.tryFind node |> Option.defaultValue []

let bfs start =
    let rec loop queue (visited: Set<string>) order =
        match queue with
        | [] -> List.rev order
        | (node, dist) :: rest ->
            let fresh = neighbours node |> List.filter (fun n -> not (Set.contains n visited))
            let visited2 = fresh |> List.fold (fun s n -> Set.add n s) visited
            let queue2 = rest @ (fresh |> List.map (fun n -> (n, dist + 1)))
            loop queue2 visited2 ((node, dist) :: order)
    loop [ (start, 0) ] (Set.singleton start) []

for (node, dist) in bfs "a" do
    printfn "%s at %d" node dist
let reachable = bfs "f" |> List.map fst
printfn "from f: %d nodes, last %s" (List.length reachable) (List.last reachable)
printfn "degree of d: %d" (List.length (neighbours "d"))
""",
        "a at 0\nb at 1\nc at 1\nd at 2\ne at 3\nfrom f: 2 nodes, last g\ndegree of d: 3\n",
    ),
    (
        "csv_report",
        """\
type Sale = { Region: string; Rep: string; Amount: float }

let csv = "region,rep,amount\\nnorth,ann,120.5\\nsouth,bob,80\\nnorth,cid,99.5\\nwest,dee,300\\nsouth,eve,20"

let parseLine (line: string) =
    match line.Split(',') with
    | [| region; rep; amount |] -> Some { Region = region; Rep = rep; Amount = float amount }
    | _ -> None

let sales =
    csv.Split('\\n')
    |> Array.toList
    |> List.tail
    |> List.choose parseLine

let summary =
    sales
    |> List.groupBy (fun s -> s.Region)
    |> List.map (fun (region, xs) -> region, List.sumBy (fun s -> s.Amount) xs, List.length xs)
    |> List.sortBy (fun (region, _, _) -> region)

printfn "%-8s|%10s|%3s" "region" "total" "n"
for (region, total, n) in summary do
    printfn "%-8s|%10.2f|%3d" region total n
let best = sales |> List.maxBy (fun s -> s.Amount)
printfn "top rep: %s (%.1f)" best.Rep best.Amount
printfn "grand total: %.2f" (sales |> List.sumBy (fun s -> s.Amount))
""",
        "region  |     total|  n\nnorth   |    220.00|  2\nsouth   |    100.00|  2\n"
        "west    |    300.00|  1\ntop rep: dee (300.0)\ngrand total: 620.00\n",
    ),
    (
        "roman_numerals",
        """\
let numerals =
    [ (1000, "M"); (900, "CM"); (500, "D"); (400, "CD"); (100, "C"); (90, "XC")
      (50, "L"); (40, "XL"); (10, "X"); (9, "IX"); (5, "V"); (4, "IV"); (1, "I") ]

let toRoman n =
    let rec go n acc pairs =
        match pairs with
        | [] -> acc
        | (value, sym) :: rest when n >= value -> go (n - value) (acc + sym) pairs
        | _ :: rest -> go n acc rest
    go n "" numerals

let value c =
    match c with
    | 'I' -> 1
    | 'V' -> 5
    | 'X' -> 10
    | 'L' -> 50
    | 'C' -> 100
    | 'D' -> 500
    | 'M' -> 1000
    | _ -> failwithf "bad numeral %c" c

let fromRoman (s: string) =
    let values = s |> Seq.map value |> Seq.toList
    let rec go total = function
        | a :: b :: rest when a < b -> go (total + b - a) rest
        | a :: rest -> go (total + a) rest
        | [] -> total
    go 0 values

for n in [ 1994; 2024; 3888; 4; 14 ] do
    let r = toRoman n
    printfn "%4d %-12s %4d" n r (fromRoman r)
""",
        "1994 MCMXCIV      1994\n2024 MMXXIV       2024\n3888 MMMDCCCLXXXVIII 3888\n"
        "   4 IV              4\n  14 XIV            14\n",
    ),
    (
        "memo_fibonacci_mutable_map",
        """\
let mutable cache : Map<int, int> = Map.empty
let mutable calls = 0

let rec fib n =
    calls <- calls + 1
    if n < 2 then n
    else
        match Map.tryFind n cache with
        | Some v -> v
        | None ->
            let v = fib (n - 1) + fib (n - 2)
            cache <- Map.add n v cache
            v

printfn "fib 40 = %d" (fib 40)
printfn "calls=%d cached=%d" calls (Map.count cache)
let firstTen = [ 0 .. 9 ] |> List.map fib
printfn "%s" (firstTen |> List.map string |> List.reduce (fun a b -> a + "," + b))
let evens = firstTen |> List.filter (fun x -> x % 2 = 0) |> List.length
printfn "evens=%d" evens
""",
        "fib 40 = 102334155\ncalls=79 cached=39\n0,1,1,2,3,5,8,13,21,34\nevens=4\n",
    ),
    (
        "log_level_counts",
        """\
type Level =
    | Debug
    | Info
    | Warn
    | Err

let parseLine (line: string) =
    let idx = line.IndexOf(':')
    if idx < 0 then None
    else
        let level =
            match line.Substring(0, idx) with
            | "DEBUG" -> Some Debug
            | "INFO" -> Some Info
            | "WARN" -> Some Warn
            | "ERROR" -> Some Err
            | _ -> None
        level |> Option.map (fun l -> l, line.Substring(idx + 1).Trim())

let lines =
    [ "INFO: started"; "DEBUG: cfg loaded"; "WARN: slow disk"; "garbage"
      "ERROR: crash in worker 3"; "INFO: retrying"; "TRACE: ignored"; "ERROR: gave up" ]

let entries = lines |> List.choose parseLine
let label = function
    | Debug -> "debug"
    | Info -> "info"
    | Warn -> "warn"
    | Err -> "error"

let counts = entries |> List.countBy fst
for (lvl, n) in counts do
    printfn "%-6s %d" (label lvl) n
let errors = entries |> List.filter (fun (l, _) -> l = Err) |> List.map snd
errors |> List.iteri (fun i msg -> printfn "%d. %s" (i + 1) msg)
printfn "skipped=%d" (List.length lines - List.length entries)
""",
        "info   2\ndebug  1\nwarn   1\nerror  2\n1. crash in worker 3\n2. gave up\nskipped=2\n",
    ),
    (
        "cart_discounts",
        """\
type Discount =
    | Percent of float
    | FlatOff of float
    | BuyNGetOne of string * int

type Line = { Product: string; Price: float; Count: int }

let cart =
    [ { Product = "tea"; Price = 4.0; Count = 3 }
      { Product = "mug"; Price = 9.5; Count = 1 }
      { Product = "cookie"; Price = 1.25; Count = 8 } ]

let subtotal lines = lines |> List.sumBy (fun l -> l.Price * float l.Count)

let saving lines discount =
    match discount with
    | Percent p -> subtotal lines * p / 100.0
    | FlatOff amount -> min amount (subtotal lines)
    | BuyNGetOne (product, n) ->
        lines
        |> List.filter (fun l -> l.Product = product)
        |> List.sumBy (fun l -> float (l.Count / (n + 1)) * l.Price)

let discounts = [ Percent 10.0; FlatOff 5.0; BuyNGetOne ("cookie", 3); BuyNGetOne ("tea", 1) ]
let gross = subtotal cart
printfn "subtotal %8.2f" gross
for d in discounts do
    let name =
        match d with
        | Percent p -> sprintf "%.0f%% off" p
        | FlatOff a -> sprintf "%.2f off" a
        | BuyNGetOne (p, n) -> sprintf "buy %d %s get 1" n p
    printfn "%-20s -%6.2f" name (saving cart d)
let best = discounts |> List.maxBy (saving cart)
printfn "best saves %.2f, pay %.2f" (saving cart best) (gross - saving cart best)
""",
        "subtotal    31.50\n10% off              -  3.15\n5.00 off             -  5.00\n"
        "buy 3 cookie get 1   -  2.50\nbuy 1 tea get 1      -  4.00\nbest saves 5.00, pay 26.50\n",
    ),
    (
        "symbolic_derivative",
        """\
type Expr =
    | Const of float
    | Var
    | Sum of Expr * Expr
    | Prod of Expr * Expr
    | Pow of Expr * int

let rec derive e =
    match e with
    | Const _ -> Const 0.0
    | Var -> Const 1.0
    | Sum (a, b) -> Sum (derive a, derive b)
    | Prod (a, b) -> Sum (Prod (derive a, b), Prod (a, derive b))
    | Pow (a, n) -> Prod (Prod (Const (float n), Pow (a, n - 1)), derive a)

let rec simplify e =
    match e with
    | Sum (a, b) ->
        match simplify a, simplify b with
        | Const 0.0, x | x, Const 0.0 -> x
        | Const x, Const y -> Const (x + y)
        | x, y -> Sum (x, y)
    | Prod (a, b) ->
        match simplify a, simplify b with
        | Const 0.0, _ | _, Const 0.0 -> Const 0.0
        | Const 1.0, x | x, Const 1.0 -> x
        | Const x, Const y -> Const (x * y)
        | x, y -> Prod (x, y)
    | Pow (_, 0) -> Const 1.0
    | Pow (a, 1) -> simplify a
    | other -> other

let rec show e =
    match e with
    | Const c -> sprintf "%g" c
    | Var -> "x"
    | Sum (a, b) -> "(" + show a + " + " + show b + ")"
    | Prod (a, b) -> show a + "*" + show b
    | Pow (a, n) -> show a + "^" + string n

let rec evalAt x e =
    match e with
    | Const c -> c
    | Var -> x
    | Sum (a, b) -> evalAt x a + evalAt x b
    | Prod (a, b) -> evalAt x a * evalAt x b
    | Pow (a, n) -> pown (evalAt x a) n

let f = Sum (Prod (Const 3.0, Pow (Var, 2)), Sum (Prod (Const 2.0, Var), Const 7.0))
let df = derive f |> simplify
printfn "f  = %s" (show f)
printfn "f' = %s" (show df)
printfn "f(2) = %g, f'(2) = %g" (evalAt 2.0 f) (evalAt 2.0 df)
""",
        "f  = (3*x^2 + (2*x + 7))\nf' = (3*2*x + 2)\nf(2) = 23, f'(2) = 14\n",
    ),
    (
        "task_scheduler_sorting",
        """\
type Task = { Name: string; Priority: int; Minutes: int; Tags: string list }

let tasks =
    [ { Name = "deploy"; Priority = 1; Minutes = 30; Tags = [ "ops" ] }
      { Name = "review"; Priority = 2; Minutes = 45; Tags = [ "dev"; "team" ] }
      { Name = "backup"; Priority = 1; Minutes = 15; Tags = [ "ops" ] }
      { Name = "lunch"; Priority = 3; Minutes = 60; Tags = [] }
      { Name = "docs"; Priority = 2; Minutes = 20; Tags = [ "dev" ] } ]

let ordered = tasks |> List.sortBy (fun t -> t.Priority, t.Name)
let mutable clock = 9 * 60
for t in ordered do
    printfn "%02d:%02d  P%d  %-7s %3d min" (clock / 60) (clock % 60) t.Priority t.Name t.Minutes
    clock <- clock + t.Minutes

let urgent, later = tasks |> List.partition (fun t -> t.Priority = 1)
printfn "urgent=%d later=%d" (List.length urgent) (List.length later)
let tagCounts =
    tasks
    |> List.collect (fun t -> t.Tags)
    |> List.countBy id
    |> List.sortByDescending snd
for (tag, n) in tagCounts do
    printfn "#%s x%d" tag n
printfn "finish at %02d:%02d" (clock / 60) (clock % 60)
""",
        "09:00  P1  backup   15 min\n09:15  P1  deploy   30 min\n09:45  P2  docs     20 min\n"
        "10:05  P2  review   45 min\n10:50  P3  lunch    60 min\nurgent=2 later=3\n"
        "#ops x2\n#dev x2\n#team x1\nfinish at 11:50\n",
    ),
    (
        "ledger_transfers",
        """\
type Transfer = { From: string; To: string; Amount: int }

let transfer (balances: Map<string, int>) t =
    match Map.tryFind t.From balances, Map.tryFind t.To balances with
    | None, _ -> Error (sprintf "unknown account %s" t.From)
    | _, None -> Error (sprintf "unknown account %s" t.To)
    | Some a, _ when a < t.Amount -> Error (sprintf "%s cannot pay %d" t.From t.Amount)
    | Some a, Some b ->
        Ok (balances |> Map.add t.From (a - t.Amount) |> Map.add t.To (b + t.Amount))

let opening = Map.ofList [ ("alice", 100); ("bob", 50); ("carol", 0) ]

let transfers =
    [ { From = "alice"; To = "bob"; Amount = 30 }
      { From = "bob"; To = "carol"; Amount = 70 }
      { From = "carol"; To = "dan"; Amount = 1 }
      { From = "carol"; To = "alice"; Amount = 100 }
      { From = "bob"; To = "alice"; Amount = 5 } ]

let applyAll balances =
    transfers
    |> List.fold
        (fun (bal, errors) t ->
            match transfer bal t with
            | Ok next -> (next, errors)
            | Error e -> (bal, e :: errors))
        (balances, [])

let final, errors = applyAll opening
final |> Map.iter (fun name amount -> printfn "%-6s %4d" name amount)
errors |> List.rev |> List.iter (fun e -> printfn "rejected: %s" e)
let total = final |> Map.toList |> List.sumBy snd
printfn "total %d (unchanged: %b)" total (total = (opening |> Map.toList |> List.sumBy snd))
""",
        "alice    75\nbob       5\ncarol    70\nrejected: unknown account dan\n"
        "rejected: carol cannot pay 100\ntotal 150 (unchanged: true)\n",
    ),
    (
        "tic_tac_toe",
        """\
type Cell =
    | Empty
    | X
    | O

let lines =
    [ [ 0; 1; 2 ]; [ 3; 4; 5 ]; [ 6; 7; 8 ]
      [ 0; 3; 6 ]; [ 1; 4; 7 ]; [ 2; 5; 8 ]
      [ 0; 4; 8 ]; [ 2; 4; 6 ] ]

let winner (board: Cell array) =
    lines
    |> List.tryPick (fun line ->
        match line |> List.map (fun i -> board.[i]) with
        | [ a; b; c ] when a <> Empty && a = b && b = c -> Some a
        | _ -> None)

let symbol = function
    | Empty -> "."
    | X -> "X"
    | O -> "O"

let play moves =
    let board = Array.create 9 Empty
    moves |> List.iteri (fun i pos -> board.[pos] <- if i % 2 = 0 then X else O)
    for r in 0 .. 2 do
        printfn "%s%s%s" (symbol board.[r * 3]) (symbol board.[r * 3 + 1]) (symbol board.[r * 3 + 2])
    match winner board with
    | Some p -> printfn "winner: %s" (symbol p)
    | None when Array.contains Empty board -> printfn "in progress"
    | None -> printfn "draw"

play [ 4; 0; 2; 6; 3; 5; 1; 7; 8 ]
play [ 0; 3; 1; 4; 2 ]
play [ 4; 0 ]
""",
        "OXX\nXXO\nOOX\ndraw\nXXX\nOO.\n...\nwinner: X\nO..\n.X.\n...\nin progress\n",
    ),
    (
        "levenshtein_arrays",
        """\
let levenshtein (a: string) (b: string) =
    let rows = a.Length + 1
    let cols = b.Length + 1
    let d = Array.init rows (fun _ -> Array.create cols 0)
    for i in 0 .. a.Length do
        d.[i].[0] <- i
    for j in 0 .. b.Length do
        d.[0].[j] <- j
    for i in 1 .. a.Length do
        for j in 1 .. b.Length do
            let cost = if a.[i - 1] = b.[j - 1] then 0 else 1
            d.[i].[j] <- min (min (d.[i - 1].[j] + 1) (d.[i].[j - 1] + 1)) (d.[i - 1].[j - 1] + cost)
    d.[a.Length].[b.Length]

let pairs = [ ("kitten", "sitting"); ("flaw", "lawn"); ("", "abc"); ("same", "same"); ("gumbo", "gambol") ]
for (a, b) in pairs do
    printfn "%-8s %-8s %d" a b (levenshtein a b)

let dictionary = [ "apple"; "apply"; "ample"; "maple"; "angle" ]
let suggest word =
    dictionary
    |> List.map (fun w -> w, levenshtein word w)
    |> List.filter (fun (_, dist) -> dist <= 1)
    |> List.map fst
printfn "%s" (suggest "appel" |> List.length |> string)
printfn "%s" (suggest "appl" |> List.fold (fun acc w -> acc + w + " ") "")
""",
        "kitten   sitting  3\nflaw     lawn     2\n         abc      3\nsame     same     0\n"
        "gumbo    gambol   2\n0\napple apply \n",
    ),
    (
        "stack_machine_interpreter",
        """\
type Instr =
    | Push of int
    | AddI
    | MulI
    | Dup
    | Swap
    | JumpIfZero of int
    | Jump of int
    | Print
    | Dec

let run (program: Instr array) =
    let mutable stack : int list = []
    let mutable pc = 0
    let mutable steps = 0
    while pc < program.Length && steps < 1000 do
        steps <- steps + 1
        let instr = program.[pc]
        pc <- pc + 1
        match instr, stack with
        | Push n, s -> stack <- n :: s
        | AddI, a :: b :: s -> stack <- (a + b) :: s
        | MulI, a :: b :: s -> stack <- (a * b) :: s
        | Dup, a :: s -> stack <- a :: a :: s
        | Swap, a :: b :: s -> stack <- b :: a :: s
        | JumpIfZero target, a :: s ->
            stack <- s
            if a = 0 then pc <- target
        | Jump target, _ -> pc <- target
        | Print, a :: _ -> printfn "out: %d" a
        | Dec, a :: s -> stack <- (a - 1) :: s
        | _ -> failwithf "stack underflow at %d" (pc - 1)
    steps, stack

let steps, final = run [| Push 2; Push 3; AddI; Print; Push 4; MulI; Print |]
printfn "steps=%d top=%d" steps (List.head final)
let ok =
    try
        run [| AddI |] |> fst
    with Failure msg ->
        printfn "%s" msg
        -1
printfn "ok=%d" ok
""",
        "out: 5\nout: 20\nsteps=7 top=20\nstack underflow at 0\nok=-1\n",
    ),
    (
        "interval_merging",
        """\
let merge (intervals: (int * int) list) =
    let sorted = intervals |> List.sortBy fst
    let step acc (lo, hi) =
        match acc with
        | (plo, phi) :: rest when lo <= phi -> (plo, max phi hi) :: rest
        | _ -> (lo, hi) :: acc
    sorted |> List.fold step [] |> List.rev

let show xs = xs |> List.map (fun (a, b) -> sprintf "[%d,%d]" a b) |> List.fold (+) ""

let cases =
    [ [ (1, 3); (2, 6); (8, 10); (15, 18) ]
      [ (1, 4); (4, 5) ]
      [ (5, 7); (1, 2); (6, 9); (2, 3) ]
      [] ]
for c in cases do
    let merged = merge c
    let covered = merged |> List.sumBy (fun (a, b) -> b - a)
    printfn "%-24s -> %-18s covered=%d" (show c) (show merged) covered

let overlaps (a1, b1) (a2, b2) = a1 < b2 && a2 < b1
let busy = [ (9, 10); (12, 13); (15, 17) ]
for slot in [ (10, 11); (12, 14); (8, 9); (16, 18) ] do
    let clash = busy |> List.exists (overlaps slot)
    printfn "%d-%d %s" (fst slot) (snd slot) (if clash then "busy" else "free")
""",
        "[1,3][2,6][8,10][15,18]  -> [1,6][8,10][15,18] covered=10\n[1,4][4,5]               -> [1,5]              covered=4\n[5,7][1,2][6,9][2,3]     -> [1,3][5,9]         covered=6\n                         ->                    covered=0\n10-11 free\n12-14 busy\n8-9 free\n16-18 busy\n",
    ),
    (
        "pascal_triangle",
        """\
let nextRow row =
    let inner = row |> List.pairwise |> List.map (fun (a, b) -> a + b)
    [ 1 ] @ inner @ [ 1 ]

let rec rows n =
    if n = 0 then []
    elif n = 1 then [ [ 1 ] ]
    else
        let previous = rows (n - 1)
        previous @ [ nextRow (List.last previous) ]

let triangle = rows 6
let width = 24
for row in triangle do
    let text = row |> List.map (sprintf "%3d") |> List.fold (+) ""
    let pad = (width - text.Length) / 2
    printfn "%s%s" (String.replicate pad " ") text
let sums = triangle |> List.map List.sum
printfn "row sums: %A" sums
printfn "middle of row 6: %d" (List.item 2 (List.last triangle))
""",
        "            1\n           1  1\n         1  2  1\n        1  3  3  1\n      1  4  6  4  1\n     1  5 10 10  5  1\nrow sums: [1; 2; 4; 8; 16; 32]\nmiddle of row 6: 10\n",
    ),
    (
        "employees_options_and_union_sets",
        """\
type Permission =
    | Read
    | Write
    | Admin

type Address = { City: string; Zip: string option }
type Employee = { Name: string; Manager: Employee option; Address: Address option; Perms: Set<Permission> }

let boss = { Name = "Grace"; Manager = None; Address = Some { City = "Oslo"; Zip = Some "0150" }; Perms = Set.ofList [ Read; Write; Admin ] }
let lead = { Name = "Alan"; Manager = Some boss; Address = Some { City = "Bergen"; Zip = None }; Perms = Set.ofList [ Read; Write ] }
let dev = { Name = "Ada"; Manager = Some lead; Address = None; Perms = Set.singleton Read }

let managerCity e =
    e.Manager
    |> Option.bind (fun m -> m.Address)
    |> Option.map (fun a -> a.City)
    |> Option.defaultValue "unknown"

let zip e = e.Address |> Option.bind (fun a -> a.Zip) |> Option.defaultValue "-"

let rec chain e =
    match e.Manager with
    | None -> [ e.Name ]
    | Some m -> e.Name :: chain m

let can perm e = Set.contains perm e.Perms
let letter p = match p with Read -> "r" | Write -> "w" | Admin -> "a"

let staff = [ boss; lead; dev ]
for e in staff do
    let perms = e.Perms |> Set.toList |> List.map letter |> List.fold (+) ""
    printfn "%-6s perms=%-3s zip=%-5s manager city=%s" e.Name perms (zip e) (managerCity e)
printfn "%s" (chain dev |> List.reduce (fun a b -> a + " -> " + b))
let shared = staff |> List.map (fun e -> e.Perms) |> List.reduce Set.intersect
printfn "shared: %d, admins: %d" (Set.count shared) (staff |> List.filter (can Admin) |> List.length)
""",
        "Grace  perms=rwa zip=0150  manager city=unknown\n"
        "Alan   perms=rw  zip=-     manager city=Oslo\n"
        "Ada    perms=r   zip=-     manager city=Bergen\n"
        "Ada -> Alan -> Grace\nshared: 1, admins: 1\n",
    ),
    (
        "temperature_loops",
        """\
let toF c = c * 9.0 / 5.0 + 32.0
let toK c = c + 273.15

printfn "%6s %7s %8s" "C" "F" "K"
for c in 40 .. -20 .. -40 do
    let cf = float c
    printfn "%6d %7.1f %8.2f" c (toF cf) (toK cf)

let mutable total = 0.0
let mutable count = 0
for i = 10 downto 1 do
    if i % 3 = 0 then
        total <- total + toF (float i)
        count <- count + 1
printfn "avg F of multiples of 3: %.2f (%d values)" (total / float count) count

let readings = [| 21.5; 19.0; 23.5; 18.75; 22.0 |]
let mutable maxIdx = 0
for i in 1 .. readings.Length - 1 do
    if readings.[i] > readings.[maxIdx] then maxIdx <- i
printfn "warmest reading #%d: %.2f C = %.1f F" maxIdx readings.[maxIdx] (toF readings.[maxIdx])
let spread = Array.max readings - Array.min readings
printfn "spread %.2f" spread
""",
        "     C       F        K\n    40   104.0   313.15\n    20    68.0   293.15\n     0    32.0   273.15\n   -20    -4.0   253.15\n   -40   -40.0   233.15\navg F of multiples of 3: 42.80 (3 values)\nwarmest reading #2: 23.50 C = 74.3 F\nspread 4.75\n",
    ),
    (
        "file_tree_mutual_recursion",
        """\
type FsNode =
    | File of string * int
    | Dir of string * FsNode list

let rec size node =
    match node with
    | File (_, bytes) -> bytes
    | Dir (_, children) -> sizeAll children
and sizeAll nodes =
    match nodes with
    | [] -> 0
    | n :: rest -> size n + sizeAll rest

let rec render indent node =
    match node with
    | File (name, bytes) -> [ sprintf "%s%s (%d)" indent name bytes ]
    | Dir (name, children) ->
        sprintf "%s%s/ [%d]" indent name (size node) :: (children |> List.collect (render (indent + "  ")))

let rec findLarge limit (path: string) node =
    match node with
    | File (name, bytes) when bytes > limit -> [ path + name ]
    | File _ -> []
    | Dir (name, children) -> children |> List.collect (findLarge limit (path + name + "/"))

let src = Dir ("src", [ File ("main.fsx", 2400); File ("util.fsx", 800) ])
let tree = Dir ("root", [ File ("readme.md", 120); src; Dir ("empty", []); File ("data.bin", 5000) ])
render "" tree |> List.iter (printfn "%s")
printfn "total=%d" (size tree)
findLarge 1000 "" tree |> List.iter (printfn "large: %s")
""",
        "root/ [8320]\n  readme.md (120)\n  src/ [3200]\n    main.fsx (2400)\n    util.fsx (800)\n"
        "  empty/ [0]\n  data.bin (5000)\ntotal=8320\nlarge: root/src/main.fsx\nlarge: root/data.bin\n",
    ),
]

DIALECT: list[tuple[str, str, str]] = [
    (
        "dialect_tokenizer_char_classes",
        """\
type Tok =
    | Word of string
    | Number of int
    | Symbol of char

let tokenize (s: string) =
    let rec go (chars: char list) acc =
        match chars with
        | [] -> List.rev acc
        | c :: rest when Char.isWhiteSpace c -> go rest acc
        | c :: _ when Char.isDigit c ->
            let digits = chars |> List.takeWhile Char.isDigit
            let rest = chars |> List.skip (List.length digits)
            let n = digits |> List.fold (fun n d -> n * 10 + int d - int '0') 0
            go rest (Number n :: acc)
        | c :: _ when Char.isLetter c ->
            let letters = chars |> List.takeWhile Char.isLetterOrDigit
            let rest = chars |> List.skip (List.length letters)
            go rest (Word (String.ofList letters) :: acc)
        | c :: rest -> go rest (Symbol c :: acc)
    go (Seq.toList s) []

let show = function
    | Word w -> "w:" + w
    | Number n -> "n:" + string n
    | Symbol c -> "s:" + string c

let toks = tokenize "let x1 = 42 + y*7;"
printfn "%s" (String.join " " (List.map show toks))
let words = toks |> List.choose (function Word w -> Some w | _ -> None)
printfn "%s" (String.join "," words)
printfn "sum=%d" (toks |> List.sumBy (function Number n -> n | _ -> 0))
""",
        "w:let w:x1 s:= n:42 s:+ w:y s:* n:7 s:;\nlet,x1,y\nsum=49\n",
    ),
    (
        "dialect_title_case_words",
        """\
let capitalize (w: string) =
    if w.Length = 0 then w
    else string (Char.toUpper w.[0]) + w.[1..].ToLower()

let titleCase (s: string) =
    s.Split(' ') |> Array.filter (fun w -> w <> "") |> Array.map capitalize |> String.join " "

let sentences = [ "the QUICK brown fox"; "  hello   world  "; "f#" ]
for s in sentences do
    printfn "[%s]" (titleCase s)

let acronym (s: string) =
    s.Split(' ')
    |> Array.filter (fun w -> w.Length > 0)
    |> Array.map (fun w -> Char.toUpper w.[0])
    |> String.ofArray

printfn "%s" (acronym "portable network graphics")
let stats (s: string) =
    let upper = s |> Seq.filter Char.isUpper |> Seq.length
    let lower = s |> Seq.filter Char.isLower |> Seq.length
    let punct = s |> Seq.filter Char.isPunctuation |> Seq.length
    sprintf "upper=%d lower=%d punct=%d" upper lower punct
printfn "%s" (stats "Hello, World! OK.")
""",
        "[The Quick Brown Fox]\n[Hello World]\n[F#]\nPNG\nupper=4 lower=8 punct=3\n",
    ),
    (
        "dialect_anagram_groups",
        """\
let key (w: string) = w.ToLower() |> Seq.sort |> Seq.toArray |> String.ofArray

let words = [ "listen"; "silent"; "enlist"; "google"; "elgoog"; "cat"; "act"; "tac"; "dog" ]

let groups =
    words
    |> List.groupBy key
    |> List.map (fun (k, ws) -> k, List.sort ws)
    |> List.filter (fun (_, ws) -> List.length ws > 1)
    |> List.sortBy (fun (_, ws) -> -(List.length ws), List.head ws)

for (k, ws) in groups do
    printfn "%-7s %s" k (String.join "," ws)

let index = groups |> List.map (fun (k, ws) -> k, List.length ws) |> Map.ofList
printfn "%d %d" (Map.find "act" index) (index |> Map.tryFind "dgo" |> Option.defaultValue 0)
let loners = words |> List.filter (fun w -> not (Map.containsKey (key w) index))
printfn "loners: %s" (String.join ";" loners)
""",
        "act     act,cat,tac\neilnst  enlist,listen,silent\neggloo  elgoog,google\n3 0\nloners: dog\n",
    ),
    (
        "dialect_balanced_brackets",
        """\
let pairs = Map.ofList [ (')', '('); (']', '['); ('}', '{') ]

let check (s: string) =
    let rec go (stack: char list) (i: int) =
        if i = s.Length then
            if List.isEmpty stack then Ok () else Error (sprintf "unclosed %c" (List.head stack))
        else
            let c = s.[i]
            match c with
            | '(' | '[' | '{' -> go (c :: stack) (i + 1)
            | ')' | ']' | '}' ->
                match stack with
                | top :: rest when top = Map.find c pairs -> go rest (i + 1)
                | _ -> Error (sprintf "unexpected %c at %d" c i)
            | _ -> go stack (i + 1)
    go [] 0

let inputs = [ "(a[b]{c})"; "((x)"; "[)"; "no brackets"; "{[()()]}" ]
for s in inputs do
    let verdict =
        match check s with
        | Ok () -> "balanced"
        | Error e -> e
    printfn "%-12s %s" s verdict
let bracketCount (s: string) = s |> Seq.filter (fun c -> String.contains (string c) "()[]{}") |> Seq.length
printfn "%d" (inputs |> List.sumBy bracketCount)
""",
        "(a[b]{c})    balanced\n((x)         unclosed (\n[)           unexpected ) at 1\n"
        "no brackets  balanced\n{[()()]}     balanced\n19\n",
    ),
    (
        "dialect_histogram",
        """\
let scores = [ 72; 85; 91; 64; 85; 77; 98; 55; 81; 89; 70; 93 ]

let bucket s =
    match s with
    | s when s >= 90 -> "A"
    | s when s >= 80 -> "B"
    | s when s >= 70 -> "C"
    | s when s >= 60 -> "D"
    | _ -> "F"

let histogram =
    scores
    |> List.countBy bucket
    |> List.sortBy fst

for (grade, n) in histogram do
    printfn "%s | %-6s %d" grade (String.replicate n "*") n

let labels = histogram |> List.map (fun (g, n) -> sprintf "%s=%d" g n)
printfn "%s" (String.join ", " labels)
let mean = scores |> List.map float |> List.average
printfn "mean %.2f, above mean: %d" mean (scores |> List.filter (fun s -> float s > mean) |> List.length)
let padded = scores |> List.take 4 |> List.map (fun s -> String.padLeft 5 (string s))
printfn "[%s]" (String.join "" padded)
""",
        "A | ***    3\nB | ****   4\nC | ***    3\nD | *      1\nF | *      1\n"
        "A=3, B=4, C=3, D=1, F=1\nmean 80.00, above mean: 7\n[   72   85   91   64]\n",
    ),
]

# name -> (the tests that fail, reason): "typed" and/or "output", marked xfail(strict=True).
KNOWN: dict[str, tuple[tuple[str, ...], str]] = {}

CASES = FSHARP + DIALECT


def _source(text: str) -> str:
    return textwrap.dedent(text).strip("\n") + "\n"


def _params(kind: str) -> list[object]:
    params: list[object] = []
    for name, text, expected in CASES:
        marks = []
        if name in KNOWN and kind in KNOWN[name][0]:
            marks.append(pytest.mark.xfail(strict=True, reason=KNOWN[name][1]))
        params.append(pytest.param(text, expected, id=name, marks=marks))
    return params


def test_corpus_size_and_shape() -> None:
    assert len(CASES) >= 40
    assert len({name for name, _, _ in CASES}) == len(CASES)
    for name, text, _ in CASES:
        assert 15 <= len(_source(text).splitlines()) <= 60, name


@pytest.mark.parametrize(("text", "expected"), _params("typed"))
def test_realistic_program_type_checks(text: str, expected: str) -> None:
    unit = fusabi_host.compile_source(_source(text), "prog.fsx")
    assert unit.typed is True, unit.type_error


@pytest.mark.parametrize(("text", "expected"), _params("output"))
def test_realistic_program_prints_what_fsharp_prints(text: str, expected: str) -> None:
    unit = fusabi_host.compile_source(_source(text), "prog.fsx")
    chunks: list[str] = []
    unit.instantiate(fusabi_host.EngineConfig(), stdout=chunks.append)
    assert "".join(chunks) == expected
