"""The benchmark programs: each algorithm in Fusabi and the same algorithm in plain Python.

The Fusabi versions are ordinary F#-style code (the upstream benchmark scripts, with a
``main ()`` entry point); the Python versions are what a Python programmer would write for the
same algorithm -- recursion where the Fusabi code recurses, a class per union case where it uses
a union type, linked cells where it builds cons lists.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

FIB = """
let rec fib n =
    if n <= 1 then n
    else fib (n - 1) + fib (n - 2)

let main () = fib 25
"""


def fib(n: int) -> int:
    if n <= 1:
        return n
    return fib(n - 1) + fib(n - 2)


TAK = """
let rec tak x y z =
    if y >= x then z
    else tak (tak (x - 1) y z) (tak (y - 1) z x) (tak (z - 1) x y)

let main () = tak 18 12 6
"""


def tak(x: int, y: int, z: int) -> int:
    if y >= x:
        return z
    return tak(tak(x - 1, y, z), tak(y - 1, z, x), tak(z - 1, x, y))


BINARY_TREES = """
type Tree =
    | Leaf of int
    | Node of Tree * int * Tree

let rec make depth value =
    if depth = 0 then Leaf value
    else Node (make (depth - 1) (value * 2), value, make (depth - 1) (value * 2 + 1))

let rec check tree =
    match tree with
    | Leaf value -> value
    | Node (left, value, right) -> value + check left + check right

let main () =
    let mutable total = 0
    for n in 1 .. 100 do
        total <- total + check (make 10 n)
    total
"""


class Leaf:
    __slots__ = ("value",)

    def __init__(self, value: int) -> None:
        self.value = value


class Node:
    __slots__ = ("left", "right", "value")

    def __init__(self, left: Any, value: int, right: Any) -> None:
        self.left = left
        self.value = value
        self.right = right


def make(depth: int, value: int) -> Any:
    if depth == 0:
        return Leaf(value)
    return Node(make(depth - 1, value * 2), value, make(depth - 1, value * 2 + 1))


def check(tree: Any) -> int:
    if isinstance(tree, Leaf):
        return tree.value
    return tree.value + check(tree.left) + check(tree.right)


def binary_trees() -> int:
    total = 0
    for n in range(1, 101):
        total += check(make(10, n))
    return total


SIEVE = """
let rec filter predicate list =
    match list with
    | [] -> []
    | head :: tail ->
        if predicate head then head :: filter predicate tail
        else filter predicate tail

let rec range first last =
    if first > last then [] else first :: range (first + 1) last

let rec sieve list =
    match list with
    | [] -> []
    | prime :: rest -> prime :: sieve (filter (fun n -> n % prime <> 0) rest)

let main () = List.length (sieve (range 2 2000))
"""


def _filter(predicate: Callable[[int], bool], cell: Any) -> Any:
    if cell is None:
        return None
    head, tail = cell
    if predicate(head):
        return (head, _filter(predicate, tail))
    return _filter(predicate, tail)


def _range(first: int, last: int) -> Any:
    return None if first > last else (first, _range(first + 1, last))


def _sieve(cell: Any) -> Any:
    if cell is None:
        return None
    prime, rest = cell
    return (prime, _sieve(_filter(lambda n: n % prime != 0, rest)))


def sieve() -> int:
    count = 0
    cell = _sieve(_range(2, 2000))
    while cell is not None:
        count += 1
        cell = cell[1]
    return count


LOOP = """
let main () =
    let mutable sum = 0
    for i in 1 .. 1000000 do
        sum <- sum + i
    sum
"""


def loop() -> int:
    total = 0
    for i in range(1, 1000001):
        total += i
    return total


WORD_COUNT = """
let main () =
    let words = Array.init 100000 (fun i -> "w" + string ((i * 7919) % 5003))
    let counts =
        words
        |> Array.fold
            (fun counts word ->
                match Map.tryFind word counts with
                | Some n -> Map.add word (n + 1) counts
                | None -> Map.add word 1 counts)
            Map.empty
    let busiest = counts |> Map.fold (fun best _ n -> max best n) 0
    Map.count counts * 1000 + busiest
"""


def word_count() -> int:
    words = ["w" + str((i * 7919) % 5003) for i in range(100000)]
    counts: dict[str, int] = {}
    for word in words:
        counts[word] = counts.get(word, 0) + 1
    busiest = max(counts.values())
    return len(counts) * 1000 + busiest


STRING_PIPELINE = """
let main () =
    let line i = sprintf "item%d, %d ,  tag%d , x" i (i * 7 % 100) (i % 13)
    let text = String.concat "\\n" [ for i in 1 .. 20000 -> line i ]
    text.Split('\\n')
    |> Array.map (fun row -> row.Split(',') |> Array.map (fun field -> field.Trim()))
    |> Array.filter (fun fields -> fields.[2] <> "tag0")
    |> Array.map (fun fields -> fields.[0].ToUpper() + ":" + fields.[1])
    |> String.concat ";"
    |> String.length
"""


def string_pipeline() -> int:
    text = "\n".join(f"item{i}, {i * 7 % 100} ,  tag{i % 13} , x" for i in range(1, 20001))
    rows = [[field.strip() for field in row.split(",")] for row in text.split("\n")]
    kept = [fields for fields in rows if fields[2] != "tag0"]
    return len(";".join(fields[0].upper() + ":" + fields[1] for fields in kept))


RECORDS_FOLD = """
type Account = { Id: int; Balance: int; Deposits: int; Flagged: bool }

let step account amount =
    let balance = account.Balance + amount
    { account with Balance = balance; Deposits = account.Deposits + 1; Flagged = balance < 0 }

let main () =
    let mutable account = { Id = 1; Balance = 0; Deposits = 0; Flagged = false }
    for i in 1 .. 200000 do
        account <- step account (if i % 3 = 0 then -5 else 4)
    account.Balance + account.Deposits + (if account.Flagged then 1 else 0)
"""


def records_fold() -> int:
    account = {"Id": 1, "Balance": 0, "Deposits": 0, "Flagged": False}
    for i in range(1, 200001):
        balance = account["Balance"] + (-5 if i % 3 == 0 else 4)
        account = {
            **account,
            "Balance": balance,
            "Deposits": account["Deposits"] + 1,
            "Flagged": balance < 0,
        }
    return account["Balance"] + account["Deposits"] + (1 if account["Flagged"] else 0)


ARRAY_SIEVE = """
let main () =
    let size = 1000000
    let composite = Array.create (size + 1) false
    let mutable count = 0
    for n in 2 .. size do
        if not composite.[n] then
            count <- count + 1
            let mutable multiple = n * n
            while multiple <= size do
                composite.[multiple] <- true
                multiple <- multiple + n
    count
"""


def array_sieve() -> int:
    size = 1000000
    composite = [False] * (size + 1)
    count = 0
    for n in range(2, size + 1):
        if not composite[n]:
            count += 1
            multiple = n * n
            while multiple <= size:
                composite[multiple] = True
                multiple += n
    return count


MATMUL = """
let main () =
    let n = 60
    let a = Array.init n (fun i -> Array.init n (fun j -> float (i + j) / 10.0))
    let b = Array.init n (fun i -> Array.init n (fun j -> float (i - j) / 10.0))
    let c = Array.init n (fun _ -> Array.create n 0.0)
    for i in 0 .. n - 1 do
        for j in 0 .. n - 1 do
            let mutable total = 0.0
            for k in 0 .. n - 1 do
                total <- total + a.[i].[k] * b.[k].[j]
            c.[i].[j] <- total
    int (c.[17].[42] * 1000.0)
"""


def matmul() -> int:
    n = 60
    a = [[(i + j) / 10.0 for j in range(n)] for i in range(n)]
    b = [[(i - j) / 10.0 for j in range(n)] for i in range(n)]
    c = [[0.0] * n for _ in range(n)]
    for i in range(n):
        for j in range(n):
            total = 0.0
            for k in range(n):
                total += a[i][k] * b[k][j]
            c[i][j] = total
    return int(c[17][42] * 1000.0)


JSON_EVALUATE = r"""
type Json =
    | JNull
    | JBool of bool
    | JNum of int
    | JStr of string
    | JArr of Json list
    | JObj of (string * Json) list

let render i =
    let head = sprintf "{\"id\": %d, \"name\": \"item %d\", " i i
    let tags = sprintf "\"tags\": [\"a\", \"b%d\", null, true], " (i % 7)
    let score = sprintf "\"score\": -%d, \"nested\": {\"x\": %d, " (i * 31 % 1000) i
    let rest = sprintf "\"y\": [%d, %d, false], \"note\": \"n%d\"}}" (i % 3) (i % 5) i
    head + tags + score + rest

let rec skip (text: string) pos =
    if pos < text.Length && (text.[pos] = ' ' || text.[pos] = '\n') then skip text (pos + 1)
    else pos

let rec digits (text: string) pos n =
    if pos < text.Length && text.[pos] >= '0' && text.[pos] <= '9' then
        digits text (pos + 1) (n * 10 + (int text.[pos] - int '0'))
    else n, pos

let parseString (text: string) pos =
    let close = text.IndexOf('"', pos + 1)
    text.Substring(pos + 1, close - pos - 1), close + 1

let rec parseValue (text: string) pos =
    let pos = skip text pos
    match text.[pos] with
    | '{' -> parseFields text (pos + 1) []
    | '[' -> parseItems text (pos + 1) []
    | '"' ->
        let s, next = parseString text pos
        JStr s, next
    | 'n' -> JNull, pos + 4
    | 't' -> JBool true, pos + 4
    | 'f' -> JBool false, pos + 5
    | '-' ->
        let n, next = digits text (pos + 1) 0
        JNum -n, next
    | _ ->
        let n, next = digits text pos 0
        JNum n, next

and parseItems text pos acc =
    let pos = skip text pos
    if text.[pos] = ']' then JArr (List.rev acc), pos + 1
    else
        let item, next = parseValue text pos
        let next = skip text next
        let next = if text.[next] = ',' then next + 1 else next
        parseItems text next (item :: acc)

and parseFields text pos acc =
    let pos = skip text pos
    if text.[pos] = '}' then JObj (List.rev acc), pos + 1
    else
        let key, next = parseString text pos
        let next = skip text next
        let item, next = parseValue text (next + 1)
        let next = skip text next
        let next = if text.[next] = ',' then next + 1 else next
        parseFields text next ((key, item) :: acc)

let rec evaluate json =
    match json with
    | JNull -> 0
    | JBool b -> if b then 1 else 0
    | JNum n -> n
    | JStr s -> s.Length
    | JArr items -> items |> List.sumBy evaluate
    | JObj fields -> fields |> List.sumBy (fun (key, value) -> key.Length + evaluate value)

let main () =
    let text = "[" + String.concat ",\n" [ for i in 1 .. 2000 -> render i ] + "]"
    let json, _ = parseValue text 0
    evaluate json * 1000 + text.Length % 1000
"""


class JNull:
    __slots__ = ()


class JBool:
    __slots__ = ("value",)

    def __init__(self, value: bool) -> None:
        self.value = value


class JNum:
    __slots__ = ("value",)

    def __init__(self, value: int) -> None:
        self.value = value


class JStr:
    __slots__ = ("value",)

    def __init__(self, value: str) -> None:
        self.value = value


class JArr:
    __slots__ = ("items",)

    def __init__(self, items: list[Any]) -> None:
        self.items = items


class JObj:
    __slots__ = ("fields",)

    def __init__(self, fields: list[tuple[str, Any]]) -> None:
        self.fields = fields


def _render(i: int) -> str:
    return (
        f'{{"id": {i}, "name": "item {i}", "tags": ["a", "b{i % 7}", null, true], '
        f'"score": -{i * 31 % 1000}, "nested": {{"x": {i}, "y": [{i % 3}, {i % 5}, false], '
        f'"note": "n{i}"}}}}'
    )


def _skip(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \n":
        pos += 1
    return pos


def _digits(text: str, pos: int) -> tuple[int, int]:
    n = 0
    while pos < len(text) and "0" <= text[pos] <= "9":
        n = n * 10 + (ord(text[pos]) - ord("0"))
        pos += 1
    return n, pos


def _parse_string(text: str, pos: int) -> tuple[str, int]:
    close = text.index('"', pos + 1)
    return text[pos + 1 : close], close + 1


def _parse_value(text: str, pos: int) -> tuple[Any, int]:
    pos = _skip(text, pos)
    c = text[pos]
    if c == "{":
        fields: list[tuple[str, Any]] = []
        pos = _skip(text, pos + 1)
        while text[pos] != "}":
            key, pos = _parse_string(text, pos)
            pos = _skip(text, pos)
            item, pos = _parse_value(text, pos + 1)
            fields.append((key, item))
            pos = _skip(text, pos)
            if text[pos] == ",":
                pos = _skip(text, pos + 1)
        return JObj(fields), pos + 1
    if c == "[":
        items: list[Any] = []
        pos = _skip(text, pos + 1)
        while text[pos] != "]":
            item, pos = _parse_value(text, pos)
            items.append(item)
            pos = _skip(text, pos)
            if text[pos] == ",":
                pos = _skip(text, pos + 1)
        return JArr(items), pos + 1
    if c == '"':
        s, pos = _parse_string(text, pos)
        return JStr(s), pos
    if c == "n":
        return JNull(), pos + 4
    if c == "t":
        return JBool(True), pos + 4
    if c == "f":
        return JBool(False), pos + 5
    if c == "-":
        n, pos = _digits(text, pos + 1)
        return JNum(-n), pos
    n, pos = _digits(text, pos)
    return JNum(n), pos


def _evaluate(json: Any) -> int:
    if isinstance(json, JNum):
        return json.value  # type: ignore[no-any-return]
    if isinstance(json, JStr):
        return len(json.value)
    if isinstance(json, JBool):
        return 1 if json.value else 0
    if isinstance(json, JArr):
        return sum(_evaluate(item) for item in json.items)
    if isinstance(json, JObj):
        return sum(len(key) + _evaluate(value) for key, value in json.fields)
    return 0


def json_evaluate() -> int:
    text = "[" + ",\n".join(_render(i) for i in range(1, 2001)) + "]"
    json, _ = _parse_value(text, 0)
    return _evaluate(json) * 1000 + len(text) % 1000


BENCHMARKS: list[tuple[str, str, Callable[[], int]]] = [
    ("fib 25", FIB, lambda: fib(25)),
    ("tak 18 12 6", TAK, lambda: tak(18, 12, 6)),
    ("binary trees 100 x depth 10", BINARY_TREES, binary_trees),
    ("list sieve to 2,000", SIEVE, sieve),
    ("for loop 1..1,000,000", LOOP, loop),
    ("word count, 100k words, Map", WORD_COUNT, word_count),
    ("string pipeline, 20k lines", STRING_PIPELINE, string_pipeline),
    ("records fold, 200k updates", RECORDS_FOLD, records_fold),
    ("array sieve to 1,000,000", ARRAY_SIEVE, array_sieve),
    ("matmul 60x60 float", MATMUL, matmul),
    ("JSON-like parse + evaluate, 274 KiB, unions", JSON_EVALUATE, json_evaluate),
]
