"""The standard library against spec section 4 (upstream names, arities and argument orders,
tables 4.2-4.8 and the pure rows of 4.9), plus the F# core functions the issue adds."""

from __future__ import annotations

import math
import textwrap
from typing import Any

import pytest

import fusabi_host
from fusabi_host import Variant
from fusabi_host.lang.stdlib.registry import REGISTRY


def bug(reason: str) -> pytest.MarkDecorator:
    return pytest.mark.xfail(strict=True, reason=f"BUG: {reason}")


def run(text: str) -> Any:
    return fusabi_host.run_source(textwrap.dedent(text).strip("\n") + "\n")


def shown(text: str) -> str:
    out: list[str] = []
    fusabi_host.compile_source(f"print ({text})\n").instantiate(stdout=out.append)
    return "".join(out)


def case(name: str, text: str, expected: Any, *marks: pytest.MarkDecorator) -> Any:
    return pytest.param(text, expected, id=name, marks=marks)


def some(x: Any) -> Variant:
    return Variant("Some", (x,))


NONE = Variant("None")


def ok(x: Any) -> Variant:
    return Variant("Ok", (x,))


def error(x: Any) -> Variant:
    return Variant("Error", (x,))


# --------------------------------------------------------------------------------------------
# Registry: names and arities from spec section 4
# --------------------------------------------------------------------------------------------

SPEC_ARITIES: dict[str, int] = {
    # 4.2 core / print / format
    "print": 1,
    "printfn": 1,
    "String.format": 2,
    # 4.3 List
    "List.length": 1,
    "List.head": 1,
    "List.tail": 1,
    "List.reverse": 1,
    "List.isEmpty": 1,
    "List.append": 2,
    "List.concat": 1,
    "List.map": 2,
    "List.mapi": 2,
    "List.iter": 2,
    "List.filter": 2,
    "List.fold": 3,
    "List.exists": 2,
    "List.find": 2,
    "List.tryFind": 2,
    "List.nth": 2,
    # 4.4 String
    "String.length": 1,
    "String.trim": 1,
    "String.toLower": 1,
    "String.toUpper": 1,
    "String.split": 2,
    "String.concat": 1,
    "String.contains": 2,
    "String.startsWith": 2,
    "String.endsWith": 2,
    # 4.5 Math
    "Math.pi": 1,
    "Math.e": 1,
    "Math.abs": 1,
    "Math.sqrt": 1,
    "Math.pow": 2,
    "Math.max": 2,
    "Math.min": 2,
    "Math.sin": 1,
    "Math.cos": 1,
    "Math.tan": 1,
    "Math.atan": 1,
    "Math.asin": 1,
    "Math.acos": 1,
    "Math.atan2": 2,
    "Math.log": 1,
    "Math.log10": 1,
    "Math.exp": 1,
    "Math.floor": 1,
    "Math.ceil": 1,
    "Math.round": 1,
    "Math.truncate": 1,
    # 4.6 Array
    "Array.length": 1,
    "Array.isEmpty": 1,
    "Array.get": 2,
    "Array.set": 3,
    "Array.ofList": 1,
    "Array.toList": 1,
    "Array.init": 2,
    "Array.create": 2,
    # 4.7 Map (Map.empty is an F#-style value here, checked separately)
    "Map.add": 3,
    "Map.remove": 2,
    "Map.find": 2,
    "Map.tryFind": 2,
    "Map.containsKey": 2,
    "Map.isEmpty": 1,
    "Map.count": 1,
    "Map.ofList": 1,
    "Map.toList": 1,
    "Map.map": 2,
    "Map.iter": 2,
    # 4.8 Option / Result
    "Option.isSome": 1,
    "Option.isNone": 1,
    "Option.defaultValue": 2,
    "Option.defaultWith": 2,
    "Option.map": 2,
    "Option.bind": 2,
    "Option.iter": 2,
    "Option.map2": 3,
    "Option.orElse": 2,
    "Result.isOk": 1,
    "Result.isError": 1,
    "Result.defaultValue": 2,
    "Result.defaultWith": 2,
    "Result.map": 2,
    "Result.mapError": 2,
    "Result.bind": 2,
    "Result.iter": 2,
    # 4.9, pure rows
    "Time.format": 2,
    "Time.parse": 2,
    "Url.parse": 1,
    "Url.isValid": 1,
    "Url.encode": 1,
    "Url.decode": 1,
    "Json.parse": 1,
    "Json.stringify": 1,
    "Json.stringifyPretty": 1,
}

FSHARP_ARITIES: dict[str, int] = {
    "List.sum": 1,
    "List.sumBy": 2,
    "List.sort": 1,
    "List.sortBy": 2,
    "List.sortDescending": 1,
    "List.sortWith": 2,
    "List.rev": 1,
    "List.init": 2,
    "List.zip": 2,
    "List.unzip": 1,
    "List.choose": 2,
    "List.collect": 2,
    "List.groupBy": 2,
    "List.countBy": 2,
    "List.distinct": 1,
    "List.truncate": 2,
    "List.take": 2,
    "List.skip": 2,
    "List.item": 2,
    "List.max": 1,
    "List.min": 1,
    "List.maxBy": 2,
    "List.minBy": 2,
    "List.partition": 2,
    "List.reduce": 2,
    "List.forall": 2,
    "List.contains": 2,
    "List.foldBack": 3,
    "List.scan": 3,
    "List.last": 1,
    "List.tryHead": 1,
    "List.map2": 3,
    "List.iteri": 2,
    "List.average": 1,
    "List.replicate": 2,
    "List.ofArray": 1,
    "List.toArray": 1,
    "List.findIndex": 2,
    "List.pairwise": 1,
    "List.indexed": 1,
    "List.exactlyOne": 1,
    "List.singleton": 1,
    "List.takeWhile": 2,
    "List.skipWhile": 2,
    "List.tryPick": 2,
    "String.join": 2,
    "String.replace": 3,
    "String.isEmpty": 1,
    "String.replicate": 2,
    "String.map": 2,
    "String.filter": 2,
    "String.collect": 2,
    "String.exists": 2,
    "String.forall": 2,
    "String.init": 2,
    "Array.map": 2,
    "Array.filter": 2,
    "Array.fold": 3,
    "Array.sum": 1,
    "Array.rev": 1,
    "Array.sort": 1,
    "Array.sortInPlace": 1,
    "Array.sub": 3,
    "Array.append": 2,
    "Array.zip": 2,
    "Array.contains": 2,
    "Array.copy": 1,
    "Array.fill": 4,
    "Array.iter": 2,
    "Set.add": 2,
    "Set.remove": 2,
    "Set.contains": 2,
    "Set.count": 1,
    "Set.isEmpty": 1,
    "Set.ofList": 1,
    "Set.toList": 1,
    "Set.union": 2,
    "Set.intersect": 2,
    "Set.difference": 2,
    "Set.map": 2,
    "Set.filter": 2,
    "Set.fold": 3,
    "Set.exists": 2,
    "Set.forall": 2,
    "Set.isSubset": 2,
    "Set.isSuperset": 2,
    "Set.minElement": 1,
    "Set.maxElement": 1,
    "Set.singleton": 1,
    "Set.unionMany": 1,
    "Seq.map": 2,
    "Seq.filter": 2,
    "Seq.fold": 3,
    "Seq.toList": 1,
    "Seq.toArray": 1,
    "Seq.length": 1,
    "Seq.head": 1,
    "Seq.sum": 1,
    "Seq.iter": 2,
    "Seq.take": 2,
    "Seq.skip": 2,
    "Seq.isEmpty": 1,
    "Seq.exists": 2,
    "Seq.init": 2,
    "Option.get": 1,
    "Option.toList": 1,
    "Option.filter": 2,
    "Option.orElseWith": 2,
    "Option.flatten": 1,
    "Result.toOption": 1,
    "Map.fold": 3,
    "Map.filter": 2,
    "Map.exists": 2,
    "Map.keys": 1,
    "Map.values": 1,
    "Map.change": 3,
    "fst": 1,
    "snd": 1,
    "id": 1,
    "ignore": 1,
    "not": 1,
    "max": 2,
    "min": 2,
    "abs": 1,
    "compare": 2,
    "hash": 1,
    "failwith": 1,
    "failwithf": 1,
    "raise": 1,
    "int": 1,
    "float": 1,
    "string": 1,
    "char": 1,
    "printf": 1,
    "defaultArg": 2,
}


@pytest.mark.parametrize(("name", "arity"), sorted(SPEC_ARITIES.items()))
def test_spec_function_registered_with_upstream_arity(name: str, arity: int) -> None:
    assert name in REGISTRY, f"{name} is missing"
    builtin = REGISTRY[name]
    assert not builtin.is_value
    # where F#'s signature differs, upstream's is kept as the function's upstream form
    assert (builtin.upstream or builtin).arity == arity


@pytest.mark.parametrize(("name", "arity"), sorted(FSHARP_ARITIES.items()))
def test_fsharp_function_registered(name: str, arity: int) -> None:
    assert name in REGISTRY, f"{name} is missing"
    assert REGISTRY[name].arity == arity


@pytest.mark.parametrize("name", ["Map.empty", "List.empty", "Set.empty", "Array.empty"])
def test_empty_collections_are_values(name: str) -> None:
    assert REGISTRY[name].is_value


def test_sprintf_is_registered() -> None:
    # upstream's sprintf has arity 2 (format, argument list); with F# curried format strings
    # the number of arguments depends on the format, so it takes the format first.
    assert "sprintf" in REGISTRY
    assert REGISTRY["sprintf"].arity in (1, 2)


def test_math_constants_take_unit() -> None:
    assert run("Math.pi ()") == math.pi
    assert run("Math.e ()") == math.e


@pytest.mark.parametrize(
    "name",
    sorted(name for name in SPEC_ARITIES if name.split(".")[0] in {"Time", "Url", "Json"}),
)
def test_pure_rows_need_no_capability(name: str) -> None:
    assert REGISTRY[name].effect is None


# --------------------------------------------------------------------------------------------
# Examples for every spec function, checking the upstream argument order
# --------------------------------------------------------------------------------------------

SPEC_EXAMPLES = [
    # List (4.3)
    case("List.length", "List.length [1; 2; 3]", 3),
    case("List.head-tail", "(List.head [4; 5], List.tail [4; 5])", (4, [5])),
    case("List.reverse", "List.reverse [1; 2; 3]", [3, 2, 1]),
    case("List.isEmpty", "(List.isEmpty [], List.isEmpty [1])", (True, False)),
    case("List.append", "List.append [1] [2; 3]", [1, 2, 3]),
    case("List.concat", "List.concat [[1]; []; [2; 3]]", [1, 2, 3]),
    case("List.map", "List.map (fun x -> x + 1) [1; 2]", [2, 3]),
    case("List.mapi", "List.mapi (fun i x -> i * 10 + x) [1; 2; 3]", [1, 12, 23]),
    case("List.iter", "let mutable s = 0\nList.iter (fun x -> s <- s + x) [1; 2; 3]\ns", 6),
    case("List.filter", "List.filter (fun x -> x % 2 = 0) [1; 2; 3; 4]", [2, 4]),
    case("List.fold-order", "List.fold (fun acc x -> acc - x) 10 [1; 2; 3]", 4),
    case("List.fold-acc-first", "List.fold (fun acc x -> x :: acc) [] [1; 2; 3]", [3, 2, 1]),
    case(
        "List.exists",
        "(List.exists (fun x -> x > 2) [1; 3], List.exists (fun x -> x > 5) [1; 3])",
        (True, False),
    ),
    case("List.find", "List.find (fun x -> x > 1) [1; 2; 3]", 2),
    case(
        "List.tryFind",
        "(List.tryFind (fun x -> x > 1) [1; 2; 3], List.tryFind (fun x -> x > 5) [1])",
        (some(2), NONE),
    ),
    case("List.nth-index-first", "List.nth 1 [10; 20]", some(20)),
    case(
        "List.nth-out-of-range",
        "(List.nth 5 [10; 20], List.nth -1 [10; 20], List.nth 2 [1; 2])",
        (NONE, NONE, NONE),
    ),
    # String (4.4)
    case("String.length-scalars", 'String.length "héllo"', 5),
    case("String.trim", 'String.trim "\\t a b \\n"', "a b"),
    case("String.toLower-toUpper", '(String.toLower "AbC", String.toUpper "abc")', ("abc", "ABC")),
    case("String.toUpper-sharp-s", 'String.toUpper "straße"', "STRASSE"),
    case("String.split-delimiter-first", 'String.split "," "a,b"', ["a", "b"]),
    case("String.split-keeps-empty", 'String.split "," "a,b,,c"', ["a", "b", "", "c"]),
    case("String.split-multichar", 'String.split ", " "x, y"', ["x", "y"]),
    case("String.split-empty-delimiter", 'String.split "" "abc"', ["", "a", "b", "c", ""]),
    case("String.concat", 'String.concat ["a"; "b"; "c"]', "abc"),
    case(
        "String.contains-needle-first",
        '(String.contains "ell" "hello", String.contains "hello" "ell")',
        (True, False),
    ),
    case(
        "String.startsWith",
        '(String.startsWith "he" "hello", String.startsWith "lo" "hello")',
        (True, False),
    ),
    case(
        "String.endsWith",
        '(String.endsWith "lo" "hello", String.endsWith "he" "hello")',
        (True, False),
    ),
    case("String.format", 'String.format "%s=%d" ["x"; 1]', "x=1"),
    # Math (4.5)
    case("Math.abs", "(Math.abs -3, Math.abs -2.5)", (3, 2.5)),
    case("Math.sqrt", "(Math.sqrt 16.0, Math.sqrt 16)", (4.0, 4.0)),
    case("Math.pow-base-first", "(Math.pow 2.0 10.0, Math.pow 2 3)", (1024.0, 8.0)),
    case("Math.max-min-ints", "(Math.max 1 2, Math.min 1 2)", (2, 1)),
    case(
        "Math.trig",
        "(Math.sin 0.0, Math.cos 0.0, Math.tan 0.0, Math.atan 0.0)",
        (0.0, 1.0, 0.0, 0.0),
    ),
    case("Math.asin-acos", "(Math.asin 1.0, Math.acos 1.0)", (math.pi / 2, 0.0)),
    case("Math.atan2-y-first", "Math.atan2 1.0 0.0", math.pi / 2),
    case("Math.log-log10-exp", "(Math.log 1.0, Math.log10 1000.0, Math.exp 0.0)", (0.0, 3.0, 1.0)),
    case(
        "Math.floor-ceil-truncate",
        "(Math.floor 2.7, Math.ceil 2.1, Math.truncate -2.7)",
        (2.0, 3.0, -2.0),
    ),
    case(
        "Math.round-half-away-from-zero",
        "(Math.round 2.5, Math.round -2.5, Math.round 3.5, Math.round 0.4)",
        (3.0, -3.0, 4.0, 0.0),
    ),
    # Array (4.6)
    case(
        "Array.length-isEmpty",
        "(Array.length [|1; 2|], Array.isEmpty [||], Array.isEmpty [|1|])",
        (2, True, False),
    ),
    case("Array.get-index-first", "Array.get 0 [|7; 8|]", 7),
    case(
        "Array.set-index-value-array",
        "let a = [|1; 2; 3|]\nlet r = Array.set 0 9 a\n(r, a)",
        (None, [9, 2, 3]),
    ),
    case("Array.ofList-toList", "(Array.ofList [1; 2], Array.toList [|3; 4|])", ([1, 2], [3, 4])),
    case("Array.ofList-copies", "let l = [1; 2]\nlet a = Array.ofList l\na.[0] <- 5\nl", [1, 2]),
    case("Array.init", "Array.init 3 (fun i -> i * i)", [0, 1, 4]),
    case("Array.create", 'Array.create 2 "x"', ["x", "x"]),
    case("Array.empty-sizes", "(Array.create 0 1, Array.init 0 id)", ([], [])),
    # Map (4.7)
    case("Map.empty", "Map.count Map.empty", 0),
    case("Map.add-key-value-map", 'Map.add "k" 1 Map.empty |> Map.toList', [("k", 1)]),
    case(
        "Map.remove-key-first",
        'Map.ofList [("a", 1); ("b", 2)] |> Map.remove "a" |> Map.toList',
        [("b", 2)],
    ),
    case("Map.find-key-first", 'Map.find "b" (Map.ofList [("a", 1); ("b", 2)])', 2),
    case(
        "Map.tryFind",
        '(Map.tryFind "a" (Map.ofList [("a", 1)]), Map.tryFind "z" (Map.ofList [("a", 1)]))',
        (some(1), NONE),
    ),
    case(
        "Map.containsKey",
        '(Map.containsKey "a" (Map.ofList [("a", 1)]), '
        'Map.containsKey "b" (Map.ofList [("a", 1)]))',
        (True, False),
    ),
    case(
        "Map.isEmpty", '(Map.isEmpty Map.empty, Map.isEmpty (Map.ofList [("a", 1)]))', (True, False)
    ),
    case("Map.count-duplicates", 'Map.count (Map.ofList [("a", 1); ("b", 2); ("a", 3)])', 2),
    case("Map.toList-sorted", 'Map.toList (Map.ofList [("z", 1); ("a", 2)])', [("a", 2), ("z", 1)]),
    case(
        "Map.map-values-only",
        'Map.map (fun v -> v * 10) (Map.ofList [("a", 1)]) |> Map.toList',
        [("a", 10)],
    ),
    case(
        "Map.iter-key-value-sorted",
        'let mutable acc = ""\nMap.iter (fun k v -> acc <- acc '
        '+ k + string v) (Map.ofList [("b", 2); ("a", 1)])\nacc',
        "a1b2",
    ),
    # Option (4.8)
    case(
        "Option.isSome-isNone",
        "(Option.isSome (Some 1), Option.isNone None, Option.isSome None)",
        (True, True, False),
    ),
    case(
        "Option.defaultValue",
        "(Option.defaultValue 0 (Some 5), Option.defaultValue 0 None)",
        (5, 0),
    ),
    case(
        "Option.defaultWith",
        "(Option.defaultWith (fun () -> 9) None, Option.defaultWith (fun () -> 9) (Some 1))",
        (9, 1),
    ),
    case(
        "Option.map",
        "(Option.map (fun x -> x * 2) (Some 3), Option.map (fun x -> x * 2) None)",
        (some(6), NONE),
    ),
    case("Option.bind", "Option.bind (fun x -> Some (x + 1)) (Some 1)", some(2)),
    case(
        "Option.iter",
        "let mutable hit = 0\nOption.iter (fun x -> hit <- x) "
        "(Some 4)\nOption.iter (fun x -> hit <- 100) None\nhit",
        4,
    ),
    case(
        "Option.map2",
        "(Option.map2 (fun a b -> a - b) (Some 5) (Some "
        "2), Option.map2 (fun a b -> a + b) None (Some 1))",
        (some(3), NONE),
    ),
    case(  # F#'s order (Option.orElse ifNone option): a deviation from upstream's
        "Option.orElse-fsharp-order",
        "(Option.orElse (Some 1) (Some 2), Option.orElse None (Some "
        "2), Option.orElse (Some 1) None, Option.orElse None None)",
        (some(2), some(2), some(1), NONE),
    ),
    # Result (4.8)
    case(
        "Result.isOk-isError",
        '(Result.isOk (Ok 1), Result.isError (Ok 1), Result.isError (Error "e"))',
        (True, False, True),
    ),
    case(
        "Result.defaultValue",
        '(Result.defaultValue 0 (Ok 5), Result.defaultValue 0 (Error "x"))',
        (5, 0),
    ),
    case(
        "Result.defaultWith-gets-error",
        "(Result.defaultWith (fun e -> String.length e) (Error "
        '"abc"), Result.defaultWith (fun e -> 0) (Ok 7))',
        (3, 7),
    ),
    case(
        "Result.map",
        '(Result.map (fun x -> x + 1) (Ok 1), Result.map (fun x -> x + 1) (Error "e"))',
        (ok(2), error("e")),
    ),
    case(
        "Result.mapError",
        '(Result.mapError (fun e -> e + "!") (Error '
        '"e"), Result.mapError (fun e -> e + "!") (Ok 1))',
        (error("e!"), ok(1)),
    ),
    case("Result.bind", "Result.bind (fun x -> Ok (x * 2)) (Ok 4)", ok(8)),
    case(
        "Result.iter",
        "let mutable hit = 0\nResult.iter (fun x -> hit <- x) (Ok "
        '3)\nResult.iter (fun x -> hit <- 99) (Error "e")\nhit',
        3,
    ),
    # Time (4.9)
    case("Time.format-epoch", 'Time.format "%Y-%m-%d %H:%M:%S" 0', "1970-01-01 00:00:00"),
    case("Time.format-percent", 'Time.format "%Y/%m/%d %%" 86400000', "1970/01/02 %"),
    case(
        "Time.format-ms-ignored",
        'Time.format "%Y-%m-%dT%H:%M:%S" 1700000000123',
        "2023-11-14T22:13:20",
    ),
    case("Time.format-hours", 'Time.format "%H:%M" 3723000', "01:02"),
    case("Time.parse-date", 'Time.parse "%Y-%m-%d" "1970-01-02"', some(86400000)),
    case(
        "Time.parse-datetime",
        'Time.parse "%Y-%m-%d %H:%M:%S" "2023-11-14 22:13:20"',
        some(1700000000000),
    ),
    case("Time.parse-before-1970", 'Time.parse "%Y-%m-%d" "1969-12-31"', NONE),
    case("Time.parse-garbage", 'Time.parse "%Y-%m-%d" "garbage"', NONE),
    case("Time.parse-short-year", 'Time.parse "%Y" "99"', NONE),
    # Url (4.9)
    case(
        "Url.parse-full",
        'Url.parse "https://example.com:8080/a/b?x=1#frag"',
        some(
            {
                "scheme": "https",
                "host": "example.com",
                "port": some(8080),
                "path": "/a/b",
                "query": some("x=1"),
                "fragment": some("frag"),
            }
        ),
    ),
    case(
        "Url.parse-minimal",
        'Url.parse "http://example.com"',
        some(
            {
                "scheme": "http",
                "host": "example.com",
                "port": NONE,
                "path": "/",
                "query": NONE,
                "fragment": NONE,
            }
        ),
    ),
    case("Url.parse-invalid", 'Url.parse "not a url"', NONE),
    case("Url.isValid", '(Url.isValid "https://a.b/c", Url.isValid "nope")', (True, False)),
    case("Url.encode", 'Url.encode "a b&c=d/é~-_."', "a%20b%26c%3Dd%2F%C3%A9~-_."),
    case("Url.encode-empty", 'Url.encode ""', ""),
    case("Url.decode", 'Url.decode "a%20b%C3%A9"', some("a bé")),
    case("Url.decode-plus-kept", 'Url.decode "a+b"', some("a+b")),
    case("Url.decode-bad", 'Url.decode "%zz"', NONE),
    # Json (4.9)
    case(
        "Json.parse-object",
        'Json.parse "{\\"a\\": [1, 2.5, \\"s\\", null, true]}"',
        {"a": [1, 2.5, "s", None, True]},
    ),
    case("Json.parse-int", 'Json.parse "123"', 123),
    case("Json.parse-float", 'Json.parse "1.0"', 1.0),
    case(
        "Json.parse-big-int-is-float", 'Json.parse "18446744073709551616"', 18446744073709551616.0
    ),
    case("Json.parse-null", 'Json.parse "null"', None),
    case(
        "Json.stringify-record-sorted", "Json.stringify { b = 1; a = [1; 2] }", '{"a":[1,2],"b":1}'
    ),
    case("Json.stringify-tuple-unit", 'Json.stringify (1, "x", ())', '[1,"x",null]'),
    case("Json.stringify-array", "Json.stringify [|true; false|]", "[true,false]"),
    case("Json.stringify-map", 'Json.stringify (Map.ofList [("k", 1.5)])', '{"k":1.5}'),
    case("Json.stringify-floats", "Json.stringify [1.5; 2.0]", "[1.5,2.0]"),
    case("Json.stringify-escapes", 'Json.stringify "he said \\"hi\\"\\n"', '"he said \\"hi\\"\\n"'),
    case(
        "Json.stringifyPretty",
        "Json.stringifyPretty { a = 1; b = [1] }",
        '{\n  "a": 1,\n  "b": [\n    1\n  ]\n}',
    ),
    case("Json.roundtrip", "(Json.parse (Json.stringify { x = [1; 2] })).x", [1, 2]),
]


@pytest.mark.parametrize(("text", "expected"), SPEC_EXAMPLES)
def test_spec_examples(text: str, expected: Any) -> None:
    value = run(text)
    assert value == expected
    assert type(value) is type(expected)


def test_json_parse_array_is_array() -> None:
    assert shown('Json.parse "[1, [2]]"') == "[|1; [|2|]|]"


def test_math_results_are_floats() -> None:
    assert shown("(Math.floor 2.0, Math.pow 2 3, Math.sqrt 16)") == "(2, 8, 4)"
    assert run("Math.floor 2.0 = 2.0 && Math.pow 2 3 = 8.0")


@pytest.mark.parametrize(
    "text",
    [
        "List.find (fun x -> x > 5) [1; 2; 3]",
        "List.head []",
        "List.tail []",
        "Math.asin 2.0",
        "Math.log 0.0",
        "Math.log -1.0",
        "Math.sqrt -4.0",
        "Array.get 2 [|7; 8|]",
        "Array.get -1 [|7; 8|]",
        "Array.set 3 0 [|1|]",
        "Array.init -1 (fun i -> i)",
        'Map.find "z" (Map.ofList [("a", 1)])',
        'Time.format "%Q" 0',
        'Json.parse "{bad"',
        'Json.parse "1e400"',
        "Json.stringify (Some 1)",
        "Json.stringify nan",
        "Json.stringify (1.0 / 0.0)",
    ],
)
def test_spec_errors(text: str) -> None:
    with pytest.raises(fusabi_host.FusabiRuntimeError) as info:
        run(text)
    assert "internal error" not in str(info.value)


def test_filter_non_bool_predicate_is_error() -> None:
    with pytest.raises(fusabi_host.CompileError, match="expected bool, got int"):
        run("List.filter (fun x -> 1) [1]")
    warn = fusabi_host.EngineConfig(type_check="warn")
    with pytest.raises(fusabi_host.FusabiRuntimeError):
        fusabi_host.run_source("List.filter (fun x -> 1) [1]", config=warn)


def test_math_max_of_an_int_and_a_float_is_a_type_error() -> None:
    # upstream's Math.max/min take mixed numbers; with types checked, F# wins: no implicit
    # int -> float, so the mixed form is refused (it still runs with type_check="warn")
    text = "(Math.max 1 2.5, Math.min 1.5 2)"
    with pytest.raises(fusabi_host.CompileError, match="expected int, got float"):
        run(text)
    warn = fusabi_host.EngineConfig(type_check="warn")
    assert fusabi_host.run_source(text, config=warn) == (2.5, 1.5)


# --------------------------------------------------------------------------------------------
# F# additions
# --------------------------------------------------------------------------------------------

FSHARP_EXAMPLES = [
    case("List.sum", "(List.sum [1; 2; 3], List.sum [1.5; 2.5], List.sum [])", (6, 4.0, 0)),
    case("List.sumBy", "List.sumBy (fun (a, b) -> a * b) [(1, 2); (3, 4)]", 14),
    case("List.sort", "List.sort [3; 1; 2]", [1, 2, 3]),
    case("List.sort-strings-ordinal", 'List.sort ["b"; "B"; "a"]', ["B", "a", "b"]),
    case(
        "List.sortBy-stable",
        'List.sortBy (fun (n, _) -> n) [(2, "b"); (1, "a"); (2, "a")]',
        [(1, "a"), (2, "b"), (2, "a")],
    ),
    case("List.sortDescending", "List.sortDescending [1; 3; 2]", [3, 2, 1]),
    case("List.sortWith", "List.sortWith (fun a b -> compare b a) [1; 3; 2]", [3, 2, 1]),
    case("List.rev", "List.rev [1; 2; 3]", [3, 2, 1]),
    case("List.init", "List.init 4 (fun i -> i * 2)", [0, 2, 4, 6]),
    case("List.zip", 'List.zip [1; 2] ["a"; "b"]', [(1, "a"), (2, "b")]),
    case("List.unzip", 'List.unzip [(1, "a"); (2, "b")]', ([1, 2], ["a", "b"])),
    case(
        "List.choose",
        "List.choose (fun x -> if x > 1 then Some (x * 10) else None) [1; 2; 3]",
        [20, 30],
    ),
    case("List.collect", "List.collect (fun x -> [x; x]) [1; 2]", [1, 1, 2, 2]),
    case(
        "List.groupBy-first-seen-order",
        "List.groupBy (fun x -> x % 2) [1; 2; 3; 4; 5]",
        [(1, [1, 3, 5]), (0, [2, 4])],
    ),
    case("List.countBy", "List.countBy (fun x -> x % 2) [1; 2; 3]", [(1, 2), (0, 1)]),
    case("List.distinct", "List.distinct [1; 2; 1; 3; 2]", [1, 2, 3]),
    case("List.distinctBy", "List.distinctBy (fun x -> x % 3) [1; 2; 3; 4]", [1, 2, 3]),
    case("List.truncate", "(List.truncate 2 [1; 2; 3], List.truncate 5 [1])", ([1, 2], [1])),
    case("List.take-skip", "(List.take 2 [1; 2; 3], List.skip 2 [1; 2; 3])", ([1, 2], [3])),
    case("List.item", "List.item 1 [10; 20]", 20),
    case(
        "List.max-min",
        '(List.max [3; 9; 2], List.min [3; 9; 2], List.max ["a"; "c"; "b"])',
        (9, 2, "c"),
    ),
    case(
        "List.maxBy-minBy",
        "(List.maxBy snd [(1, 5); (2, 9); (3, 1)], List.minBy snd [(1, 5); (2, 9); (3, 1)])",
        ((2, 9), (3, 1)),
    ),
    case("List.partition", "List.partition (fun x -> x > 2) [1; 3; 2; 4]", ([3, 4], [1, 2])),
    case("List.reduce-left", "List.reduce (fun a b -> a * 10 + b) [1; 2; 3]", 123),
    case("List.reduceBack", "List.reduceBack (fun a b -> a - b) [10; 4; 3]", 9),
    case(
        "List.forall",
        "(List.forall (fun x -> x > 0) [1; 2], List.forall (fun "
        "x -> x > 1) [1; 2], List.forall (fun x -> false) [])",
        (True, False, True),
    ),
    case("List.contains", "(List.contains 2 [1; 2], List.contains 5 [1; 2])", (True, False)),
    case("List.foldBack", "List.foldBack (fun x acc -> x :: acc) [1; 2; 3] []", [1, 2, 3]),
    case("List.scan", "List.scan (+) 0 [1; 2; 3]", [0, 1, 3, 6]),
    case("List.average", "List.average [1.0; 2.0; 4.0]", 7.0 / 3.0),
    case("List.last", "List.last [1; 2; 3]", 3),
    case("List.tryHead", "(List.tryHead [], List.tryHead [4])", (NONE, some(4))),
    case("List.findIndex", "List.findIndex (fun x -> x = 3) [1; 2; 3]", 2),
    case("List.pairwise", "List.pairwise [1; 2; 3]", [(1, 2), (2, 3)]),
    case("List.windowed", "List.windowed 2 [1; 2; 3]", [[1, 2], [2, 3]]),
    case("List.chunkBySize", "List.chunkBySize 2 [1; 2; 3]", [[1, 2], [3]]),
    case("List.indexed", 'List.indexed ["a"; "b"]', [(0, "a"), (1, "b")]),
    case("List.exactlyOne", "List.exactlyOne [5]", 5),
    case("List.replicate", 'List.replicate 3 "x"', ["x", "x", "x"]),
    case("List.map2", "List.map2 (fun a b -> a + b) [1; 2] [10; 20]", [11, 22]),
    case(
        "List.iteri",
        'let mutable s = ""\nList.iteri (fun i x -> s <- s + string i + x) ["a"; "b"]\ns',
        "0a1b",
    ),
    case(
        "List.tryPick",
        "List.tryPick (fun x -> if x > 1 then Some (x * 2) else None) [1; 2; 3]",
        some(4),
    ),
    case("List.allPairs", 'List.allPairs [1; 2] ["a"]', [(1, "a"), (2, "a")]),
    case("List.ofArray-toArray", "(List.ofArray [|1; 2|], List.toArray [1; 2])", ([1, 2], [1, 2])),
    case("List.singleton-empty", "(List.singleton 1, List.empty)", ([1], [])),
    case("List.splitAt", "List.splitAt 1 [1; 2; 3]", ([1], [2, 3])),
    case(
        "List.takeWhile-skipWhile",
        "(List.takeWhile (fun x -> x < 3) [1; 2; 3; 1], "
        "List.skipWhile (fun x -> x < 3) [1; 2; 3; 1])",
        ([1, 2], [3, 1]),
    ),
    case("List.transpose", "List.transpose [[1; 2]; [3; 4]]", [[1, 3], [2, 4]]),
    case("String.join", 'String.join ", " ["a"; "b"; "c"]', "a, b, c"),
    case(
        "String.join-array",
        'String.join "-" [|"x"; "y"|]',
        "x-y",
    ),
    case(
        "String.join-seq",
        'String.join "-" (Seq.map string [1; 2])',
        "1-2",
    ),
    case(
        "String.concat-array",
        'String.concat [|"a"; "b"|]',
        "ab",
    ),
    case("String.replace-old-new-string", 'String.replace "l" "L" "hello"', "heLLo"),
    case("String.isEmpty", '(String.isEmpty "", String.isEmpty "a")', (True, False)),
    case("String.replicate", 'String.replicate 3 "ab"', "ababab"),
    case("String.map", 'String.map Char.toUpper "abc"', "ABC"),
    case("String.filter", 'String.filter Char.isDigit "a1b2"', "12"),
    case("String.collect", 'String.collect (fun c -> string c + string c) "ab"', "aabb"),
    case(
        "String.exists-forall",
        '(String.exists (fun c -> c = \'b\') "abc", String.forall Char.isLetter "abc")',
        (True, True),
    ),
    case("String.init", "String.init 3 (fun i -> string i)", "012"),
    case("String.substring", 'String.substring 1 3 "hello"', "ell"),
    case("String.indexOf", 'String.indexOf "l" "hello"', 2),
    case("String.pad", '(String.padLeft 5 "ab", String.padRight 4 "ab")', ("   ab", "ab  ")),
    case(
        "String.toList-ofList",
        "(String.toList \"ab\", String.ofList ['a'; 'b'])",
        (["a", "b"], "ab"),
    ),
    case("String.trimStart", 'String.trimStart "  a  "', "a  "),
    case("Array.map", "Array.map (fun x -> x * 2) [|1; 2|]", [2, 4]),
    case("Array.fold", "Array.fold (+) 0 [|1; 2; 3|]", 6),
    case("Array.filter", "Array.filter (fun x -> x > 1) [|1; 2; 3|]", [2, 3]),
    case(
        "Array.sum-rev-sort",
        "(Array.sum [|1; 2; 3|], Array.rev [|1; 2; 3|], Array.sort [|3; 1; 2|])",
        (6, [3, 2, 1], [1, 2, 3]),
    ),
    case("Array.sortInPlace", "let a = [|3; 1; 2|]\nArray.sortInPlace a\na", [1, 2, 3]),
    case("Array.sub", "Array.sub [|1; 2; 3; 4|] 1 2", [2, 3]),
    case("Array.append", "Array.append [|1|] [|2|]", [1, 2]),
    case("Array.zip", 'Array.zip [|1; 2|] [|"a"; "b"|]', [(1, "a"), (2, "b")]),
    case("Array.contains-item", "(Array.contains 3 [|1; 3|], Array.item 1 [|5; 6|])", (True, 6)),
    case("Array.fill", "let a = [|1; 2; 3|]\nArray.fill a 0 2 9\na", [9, 9, 3]),
    case(
        "Set.basics",
        "let s = Set.ofList [3; 1; 2]\n(Set.count s, Set.contains "
        "1 s, Set.contains 9 s, Set.toList (Set.remove 1 s))",
        (3, True, False, [2, 3]),
    ),
    case("Set.isEmpty", "(Set.isEmpty Set.empty, Set.isEmpty (Set.singleton 1))", (True, False)),
    case("Set.map", "Set.toList (Set.map (fun x -> x % 2) (Set.ofList [1; 2; 3]))", [0, 1]),
    case("Set.filter", "Set.toList (Set.filter (fun x -> x > 1) (Set.ofList [1; 2; 3]))", [2, 3]),
    case(
        "Set.subset",
        "(Set.isSubset (Set.ofList [1]) (Set.ofList [1; 2]), "
        "Set.isSuperset (Set.ofList [1]) (Set.ofList [1; 2]))",
        (True, False),
    ),
    case(
        "Set.min-max",
        "(Set.minElement (Set.ofList [3; 1]), Set.maxElement (Set.ofList [3; 1]))",
        (1, 3),
    ),
    case("Set.fold", "Set.fold (+) 0 (Set.ofList [1; 2; 3])", 6),
    case("Set.singleton-add", "Set.singleton 4 |> Set.add 2 |> Set.toList", [2, 4]),
    case("Set.unionMany", "Set.unionMany [Set.ofList [1]; Set.ofList [2]] |> Set.toList", [1, 2]),
    case(
        "Set.exists-forall",
        "(Set.exists (fun x -> x = 2) (Set.ofList [1; 2]), "
        "Set.forall (fun x -> x > 1) (Set.ofList [1; 2]))",
        (True, False),
    ),
    case("Seq.map-toList", "Seq.toList (Seq.map (fun x -> x * 2) [1; 2])", [2, 4]),
    case("Seq.filter-pipeline", "[1; 2; 3] |> Seq.filter (fun x -> x > 1) |> Seq.toList", [2, 3]),
    case(
        "Seq.sum-length-head",
        "(Seq.sum [1; 2; 3], Seq.length [|1; 2|], Seq.head [7; 8])",
        (6, 2, 7),
    ),
    case("Seq.init", "Seq.init 3 id |> Seq.toList", [0, 1, 2]),
    case("Seq.fold", "Seq.fold (+) 0 [1; 2; 3; 4]", 10),
    case("Seq.expression", "Seq.toList (seq { for i in 1 .. 3 -> i * i })", [1, 4, 9]),
    case(
        "Seq.range-expression",
        "Seq.fold (+) 0 (seq { 1 .. 4 })",
        10,
    ),
    case("Seq.isEmpty-toArray", "(Seq.isEmpty [], Seq.toArray [1; 2])", (True, [1, 2])),
    case(
        "Seq.take-skip",
        "(Seq.take 2 [1; 2; 3] |> List.ofSeq, Seq.skip 1 [1; 2] |> List.ofSeq)",
        ([1, 2], [2]),
    ),
    case("Seq.exists-on-set", "Seq.exists (fun x -> x = 2) (Set.ofList [1; 2])", True),
    case("Seq.iter", "let mutable n = 0\nSeq.iter (fun x -> n <- n + x) [1; 2]\nn", 3),
    case(
        "Option.get-toList",
        "(Option.get (Some 1), Option.toList (Some 2), Option.toList None)",
        (1, [2], []),
    ),
    case("Option.filter", "Option.filter (fun x -> x > 1) (Some 1)", NONE),
    case("Option.orElseWith", "Option.orElseWith (fun () -> Some 3) None", some(3)),
    case("Option.flatten", "Option.flatten (Some (Some 1))", some(1)),
    case("Result.toOption", "(Result.toOption (Ok 1), Result.toOption (Error 2))", (some(1), NONE)),
    case(
        "Map.fold",
        'Map.fold (fun acc k v -> acc + k + string v) "" (Map.ofList [("b", 2); ("a", 1)])',
        "a1b2",
    ),
    case(
        "Map.keys-values",
        '(Map.keys (Map.ofList [("b", 2); ("a", 1)]) |> List.ofSeq, '
        'Map.values (Map.ofList [("b", 2); ("a", 1)]) |> List.ofSeq)',
        (["a", "b"], [1, 2]),
    ),
    case("Map.exists", 'Map.exists (fun k v -> v > 1) (Map.ofList [("a", 1); ("b", 2)])', True),
    case(
        "Map.change",
        'Map.change "a" (fun o -> match o with Some v -> Some (v + '
        '1) | None -> Some 0) (Map.ofList [("a", 1)]) |> Map.toList',
        [("a", 2)],
    ),
    case("core", "(fst (1, 2), snd (1, 2), id 5, ignore 3, not false)", (1, 2, 5, None, True)),
    case(
        "core-max-min-abs", "(max 1 2, min 1 2, max 1.5 0.5, abs -4, abs -4.5)", (2, 1, 1.5, 4, 4.5)
    ),
    case(
        "core-compare",
        '(compare 1 2, compare 2 1, compare "b" "a", compare (1, "b") (1, "a"))',
        (-1, 1, 1, 1),
    ),
    case("core-defaultArg", "(defaultArg None 5, defaultArg (Some 1) 5)", (5, 1)),
    case("core-sign", "(sign -3, sign 0, sign 2.5)", (-1, 0, 1)),
    case(
        "core-float-functions",
        "(round 2.5, floor 2.5, ceil 2.1, sqrt 9.0, truncate 2.9)",
        (2.0, 2.0, 3.0, 3.0, 2.0),
    ),
    case("core-pown-float", "pown 2.0 3", 8.0),
    case(
        "core-pown-int",
        "pown 2 10",
        1024,
    ),
    case("core-power-operator", "(2.0 ** 10.0, 2.0 ** 0.5)", (1024.0, math.sqrt(2.0))),
    case("Char", "(Char.isDigit '5', Char.isLetter '5', Char.toUpper 'a')", (True, False, "A")),
]


@pytest.mark.parametrize(("text", "expected"), FSHARP_EXAMPLES)
def test_fsharp_examples(text: str, expected: Any) -> None:
    value = run(text)
    assert value == expected
    assert type(value) is type(expected)


@pytest.mark.parametrize(
    "text",
    [
        "List.take 5 [1]",
        "List.skip 5 [1]",
        "List.reduce (+) []",
        "List.max []",
        "List.zip [1] [1; 2]",
        "List.exactlyOne [1; 2]",
        "List.init -1 id",
        "List.item 3 [1]",
        "Option.get None",
        "Set.minElement Set.empty",
        "Seq.head []",
        'String.substring 3 10 "abc"',
    ],
)
def test_fsharp_errors(text: str) -> None:
    with pytest.raises(fusabi_host.FusabiRuntimeError) as info:
        run(text)
    assert "internal error" not in str(info.value)


def test_stdlib_functions_are_first_class() -> None:
    assert run("let f = List.map\nf (fun x -> x + 1) [1]") == [2]
    assert run('[String.toUpper; String.toLower] |> List.map (fun f -> f "aB")') == ["AB", "ab"]
    assert run('let len = String.length in ["a"; "bb"] |> List.map len') == [1, 2]


def test_partial_application_of_three_argument_functions() -> None:
    assert run('let addA = Map.add "a"\naddA 1 Map.empty |> Map.toList') == [("a", 1)]
    assert run("let setFirst = Array.set 0\nlet a = [|1; 2|]\nsetFirst 9 a\na") == [9, 2]
