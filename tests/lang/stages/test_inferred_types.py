"""Inferred types (lang/infer.py) of top-level bindings, as ``Program.type_of`` shows them.

Each program is compiled and the F#-notation type of one or more top-level bindings compared
with the type F# infers for the same program (type variables named ``'a``, ``'b`` ... in order
of appearance; cases where F# adds ``when`` constraints are left out).
"""

from __future__ import annotations

import pytest

from fusabi_host.lang import compile_program

CASES = [
    ("let id x = x", {"id": "'a -> 'a"}),
    ("let f x = x + 1", {"f": "int -> int"}),
    ("let add a b = a + b", {"add": "int -> int -> int"}),
    ('let s = "a" + "b"', {"s": "string"}),
    ("let ff x = x + 1.0", {"ff": "float -> float"}),
    ("let cat (a: string) b = a + b", {"cat": "string -> string -> string"}),
    ("let pair x y = (x, y)", {"pair": "'a -> 'b -> 'a * 'b"}),
    ("let fst3 (a, _, _) = a", {"fst3": "'a * 'b * 'c -> 'a"}),
    ("let k x y = x", {"k": "'a -> 'b -> 'a"}),
    ('let t = (1, "a", 2.0)', {"t": "int * string * float"}),
    ("let u = ()", {"u": "unit"}),
    ("let c = 'x'", {"c": "char"}),
    ("let b = 1 < 2", {"b": "bool"}),
    ("let arr = [| 1; 2 |]", {"arr": "int array"}),
    ("let e = []", {"e": "'a list"}),
    ("let f x = [x]", {"f": "'a -> 'a list"}),
    ("let l = [1; 2] @ [3]", {"l": "int list"}),
    # higher-order functions
    ("let compose f g x = g (f x)", {"compose": "('a -> 'b) -> ('b -> 'c) -> 'a -> 'c"}),
    ("let apply f x = f x", {"apply": "('a -> 'b) -> 'a -> 'b"}),
    ("let flip f a b = f b a", {"flip": "('a -> 'b -> 'c) -> 'b -> 'a -> 'c"}),
    ("let twice f x = f (f x)", {"twice": "('a -> 'a) -> 'a -> 'a"}),
    ("let ff f = f 1 + f 2", {"ff": "(int -> int) -> int"}),
    ("let fs = fun (a: int) -> a", {"fs": "int -> int"}),
    # let-polymorphism
    ('let id x = x\nlet a = id 1\nlet b = id "s"', {"id": "'a -> 'a", "a": "int", "b": "string"}),
    ('let f () = let id x = x in (id 1, id "a")', {"f": "unit -> int * string"}),
    # recursion, mutual recursion
    ("let rec fact n = if n <= 1 then 1 else n * fact (n - 1)", {"fact": "int -> int"}),
    (
        "let rec sum xs = match xs with | [] -> 0 | x :: rest -> x + sum rest",
        {"sum": "int list -> int"},
    ),
    ("let rec len2 = function | [] -> 0 | _ :: t -> 1 + len2 t", {"len2": "'a list -> int"}),
    (
        "let rec map f xs = match xs with | [] -> [] | x :: r -> f x :: map f r",
        {"map": "('a -> 'b) -> 'a list -> 'b list"},
    ),
    (
        "let rec even n = if n = 0 then true else odd (n - 1)\n"
        "and odd n = if n = 0 then false else even (n - 1)",
        {"even": "int -> bool", "odd": "int -> bool"},
    ),
    (
        "let rec ev n = n = 0 || od (n - 1)\nand od n = n <> 0 && ev (n - 1)",
        {"ev": "int -> bool", "od": "int -> bool"},
    ),
    # records and unions
    (
        "type P = { Name: string; Age: int }\n"
        "let mk n = { Name = n; Age = 0 }\n"
        "let age p = p.Age\n"
        "let older p = { p with Age = p.Age + 1 }\n"
        "let names ps = List.map (fun p -> p.Name) ps",
        {
            "mk": "string -> P",
            "age": "P -> int",
            "older": "P -> P",
            "names": "P list -> string list",
        },
    ),
    (
        "type Box<'a> = { Value: 'a }\nlet unbox2 b = b.Value\nlet boxed = { Value = 3 }",
        {"unbox2": "Box<'a> -> 'a", "boxed": "Box<int>"},
    ),
    (
        "type Shape = Circle of float | Square of float\n"
        "let area s = match s with | Circle r -> r * r | Square w -> w * w",
        {"area": "Shape -> float"},
    ),
    (
        "type Tree<'a> = Leaf | Node of Tree<'a> * 'a * Tree<'a>\n"
        "let rec size t = match t with | Leaf -> 0 | Node (l, _, r) -> size l + 1 + size r",
        {"size": "Tree<'a> -> int"},
    ),
    # options and results
    ("let o = Some 3", {"o": "int option"}),
    ("let n = None", {"n": "'a option"}),
    ("let g x = match x with | Some v -> v | None -> 0", {"g": "int option -> int"}),
    ("let opt = Option.map (fun x -> x + 1) (Some 1)", {"opt": "int option"}),
    ("let res = Ok 1", {"res": "Result<int, 'a>"}),
    (
        "let ch = fun x -> match x with | Ok v -> v | Error e -> e",
        {"ch": "Result<'a, 'a> -> 'a"},
    ),
    # annotations
    ("let f (x: float) = x", {"f": "float -> float"}),
    ("let h (x: int) : string = string x", {"h": "int -> string"}),
    ("let len (xs: 'a list) = List.length xs", {"len": "'a list -> int"}),
    ("let fx (f: 'a -> 'b) (x: 'a) = f x", {"fx": "('a -> 'b) -> 'a -> 'b"}),
    ("let idx (a: int array) = a.[0]", {"idx": "int array -> int"}),
    ("let sl (s: string) = s.Length", {"sl": "string -> int"}),
    ("let mutable cnt = 0", {"cnt": "int"}),
    # List / Map / conversions
    ("let len xs = List.length xs", {"len": "'a list -> int"}),
    ("let tl = List.head", {"tl": "'a list -> 'a"}),
    ("let m = List.map (fun x -> x * 2) [1; 2]", {"m": "int list"}),
    ("let fl xs = List.fold (fun acc x -> acc + x) 0 xs", {"fl": "int list -> int"}),
    ("let sq = List.filter (fun x -> x > 1)", {"sq": "int list -> int list"}),
    (
        "let choose = List.choose (fun x -> if x > 0 then Some x else None)",
        {"choose": "int list -> int list"},
    ),
    ("let pipe = [1; 2] |> List.map string", {"pipe": "string list"}),
    ('let z = List.zip [1] ["a"]', {"z": "(int * string) list"}),
    ("let su = List.sum [1.0; 2.0]", {"su": "float"}),
    ('let it = List.iter (printfn "%d")', {"it": "int list -> unit"}),
    ('let m = Map.empty |> Map.add "a" 1', {"m": "Map<string, int>"}),
    ('let mp = Map.ofList [("a", 1)]', {"mp": "Map<string, int>"}),
    ('let cnt = Map.count (Map.ofList [(1, "a")])', {"cnt": "int"}),
    ('let s = sprintf "%d" 1', {"s": "string"}),
    ('let p = printfn "hi"', {"p": "unit"}),
    ('let conv = int "3"', {"conv": "int"}),
    ("let fl = float 3", {"fl": "float"}),
    ('let fe () = failwith "x"', {"fe": "unit -> 'a"}),
]


@pytest.mark.parametrize(("source", "expected"), CASES, ids=[src for src, _ in CASES])
def test_inferred_type(source: str, expected: dict[str, str]) -> None:
    program = compile_program(source)
    assert {name: program.type_of(name) for name in expected} == expected


def test_an_unknown_name_has_no_type() -> None:
    assert compile_program("let x = 1").type_of("nope") is None
