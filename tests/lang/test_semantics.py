"""Semantics (decision 2): closures, currying, recursion and tail calls, mutation, integers and
floats, conversions, equality and ordering, exceptions, and the embedding API.

Most cases run twice: as written (the unit type-checks and runs on the typed path) and with an
ill-typed marker binding prepended, which makes the unit untyped so the dynamic path runs.
Expected values are F#'s.
"""

from __future__ import annotations

import math
import textwrap
from typing import Any

import pytest

import fusabi_host
from fusabi_host import Variant

DYNAMIC_MARKER = 'let dynamicMarker = [1; "a"]\n'


def bug(reason: str) -> pytest.MarkDecorator:
    return pytest.mark.xfail(strict=True, reason=f"BUG: {reason}")


def src(text: str) -> str:
    return textwrap.dedent(text).strip("\n") + "\n"


def compile_mode(text: str, mode: str) -> fusabi_host.CompiledUnit:
    prefix = DYNAMIC_MARKER if mode == "dynamic" else ""
    unit = fusabi_host.compile_source(
        prefix + src(text), type_check="warn" if mode == "dynamic" else "strict"
    )
    if mode == "dynamic":
        assert not unit.typed
    return unit


def run(text: str, mode: str = "typed", **options: Any) -> Any:
    return compile_mode(text, mode).instantiate(**options).value


def run_with_output(text: str, mode: str = "typed") -> tuple[str, Any]:
    out: list[str] = []
    value = compile_mode(text, mode).instantiate(stdout=out.append).value
    return "".join(out), value


def case(name: str, text: str, expected: Any, *marks: pytest.MarkDecorator) -> Any:
    return pytest.param(text, expected, id=name, marks=marks)


MODES = pytest.mark.parametrize("mode", ["typed", "dynamic"])


def raises_fusabi(text: str, mode: str = "typed") -> fusabi_host.FusabiError:
    """Run *text*; it must fail with a FusabiError that is not also a bare Python error."""
    with pytest.raises(fusabi_host.FusabiError) as info:
        run(text, mode)
    error = info.value
    assert not isinstance(error, (RecursionError, ZeroDivisionError, OverflowError))
    assert "internal error" not in str(error)
    return error


# --------------------------------------------------------------------------------------------
# Functions
# --------------------------------------------------------------------------------------------

FUNCTIONS = [
    case("closure-captures-outer-let", "let x = 10\nlet f y = x + y\nlet x = 100\nf 1", 11),
    case("currying", "let add a b c = a + b + c\nlet p = add 1\nlet q = p 2\nq 3", 6),
    case("partial-application-of-two", "let add x y = x + y\nlet inc = add 1\ninc 41", 42),
    case("explicit-curried-lambdas", "let f x = fun y -> fun z -> x * y * z\nf 2 3 4", 24),
    case(
        "compose-helper",
        "let compose f g = fun x -> g (f x)\nlet h = compose ((+) 1) ((*) 2)\nh 5",
        12,
    ),
    case("over-application", "let apply f = f\napply (fun a b -> a - b) 10 4", 6),
    case("over-application-returned-function", "let mk () = fun x -> x + 1\nmk () 5", 6),
    case("partial-of-stdlib", "let m = List.map (fun x -> x * 2)\nm [1; 2]", [2, 4]),
    case("partial-of-stdlib-three", "let f = List.fold (+)\nf 10 [1; 2]", 13),
    case(
        "make-adder",
        "let makeAdder n = fun x -> x + n\nlet adders = List.map "
        "makeAdder [1; 2; 3]\nList.map (fun f -> f 10) adders",
        [11, 12, 13],
    ),
    case(
        "closure-over-parameter-and-local",
        """
        let f a =
            let b = a * 2
            fun c -> a + b + c
        let g = f 1
        (g 1, g 10)
        """,
        (4, 13),
    ),
    case(
        "shadowing-inner",
        "let x = 1\nlet f () =\n    let x = 2\n    x\n(f (), x)",
        (2, 1),
    ),
    case(
        "let-rec-and",
        """
        let rec even n = if n = 0 then true else odd (n - 1)
        and odd n = if n = 0 then false else even (n - 1)
        (even 10, odd 7)
        """,
        (True, True),
    ),
    case(
        "local-let-rec-and",
        """
        let outer () =
            let rec even n = if n = 0 then true else odd (n - 1)
            and odd n = if n = 0 then false else even (n - 1)
            even 100001
        outer ()
        """,
        False,
    ),
    case(
        "let-rec-function-keyword",
        "let rec sum = function\n    | [] -> 0\n    | h :: t -> h + sum t\nsum [1; 2; 3]",
        6,
    ),
    case("gcd", "let rec gcd a b = if b = 0 then a else gcd b (a % b)\ngcd 1071 462", 21),
    case(
        "fact-20",
        "let rec fact n = if n <= 1 then 1 else n * fact (n - 1)\nfact 20",
        2432902008176640000,
    ),
    case(
        "continuation-passing",
        "let rec loop n k = if n = 0 then k 0 else loop "
        "(n - 1) (fun r -> k (r + 1))\nloop 10000 id",
        10000,
    ),
]


@MODES
@pytest.mark.parametrize(("text", "expected"), FUNCTIONS)
def test_functions(text: str, expected: Any, mode: str) -> None:
    assert run(text, mode) == expected


# --------------------------------------------------------------------------------------------
# Tail calls and recursion depth
# --------------------------------------------------------------------------------------------

TAIL_CALLS = [
    case(
        "self-loop-1M",
        "let rec loop i acc = if i = 0 then acc else loop (i - 1) (acc + i)\nloop 1000000 0",
        500000500000,
    ),
    case(
        "mutual-isEven-100001",
        """
        let rec isEven n = if n = 0 then true else isOdd (n - 1)
        and isOdd n = if n = 0 then false else isEven (n - 1)
        isEven 100001
        """,
        False,
    ),
    case(
        "three-way-mutual-1M",
        """
        let rec a n = if n = 0 then "a" else b (n - 1)
        and b n = if n = 0 then "b" else c (n - 1)
        and c n = if n = 0 then "c" else a (n - 1)
        a 1000000
        """,
        "b",
    ),
    case(
        "through-match-arms",
        "let rec go n acc =\n    match n with\n    | 0 -> "
        "acc\n    | _ -> go (n - 1) (acc + 2)\ngo 1000000 0",
        2000000,
    ),
    case(
        "through-elif",
        """
        let rec go n acc =
            if n = 0 then acc
            elif n % 2 = 0 then go (n - 1) (acc + 1)
            else go (n - 1) acc
        go 1000000 0
        """,
        500000,
    ),
    case(
        "through-nested-if-and-match",
        """
        let rec f n =
            match n with
            | 0 -> 0
            | _ ->
                if n % 2 = 0 then f (n - 1)
                else
                    match n % 3 with
                    | 0 -> f (n - 1)
                    | _ -> f (n - 1)
        f 1000000
        """,
        0,
    ),
    case(
        "through-function-keyword",
        'let rec count = function\n    | 0 -> "done"\n    | n -> count (n - 1)\ncount 1000000',
        "done",
    ),
    case(
        "after-local-let",
        "let rec f n acc =\n    let next = n - 1\n    if "
        "n = 0 then acc else f next (acc + 1)\nf 1000000 0",
        1000000,
    ),
    case(
        "list-walk",
        "let rec go xs acc =\n    match xs with\n    | [] -> "
        "acc\n    | h :: t -> go t (acc + h)\ngo [1 .. 200000] 0",
        20000100000,
    ),
    case(
        "local-rec-returned",
        """
        let f =
            let rec loop i acc = if i = 0 then acc else loop (i - 1) (acc + i)
            loop
        f 1000000 0
        """,
        500000500000,
    ),
    case(
        "unit-returning-if-without-else",
        "let rec loop n =\n    if n > 0 then\n        loop (n - 1)\nloop 1000000",
        None,
    ),
    case(
        "after-statement",
        """
        let mutable hits = 0
        let rec loop n =
            hits <- hits + 1
            if n > 0 then loop (n - 1)
        loop 1000000
        hits
        """,
        1000001,
    ),
    case("through-pipe", "let rec loop i = if i = 0 then 0 else (i - 1) |> loop\nloop 1000000", 0),
    case(
        "right-of-and-and",
        "let rec allPos xs = match xs with | [] -> true | h :: t -> h > 0 && allPos t\n"
        "allPos [1 .. 100000]",
        True,
    ),
    case(
        "right-of-or-or",
        "let rec anyNeg xs = match xs with | [] -> false | h :: t -> h < 0 || anyNeg t\n"
        "anyNeg [1 .. 100000]",
        False,
    ),
    case(
        "through-backward-pipe",
        "let rec loop i acc = if i = 0 then acc else loop <| i - 1 <| acc + 1\nloop 1000000 0",
        1000000,
    ),
]


@pytest.mark.parametrize(("text", "expected"), TAIL_CALLS)
def test_tail_calls_run_in_constant_stack(text: str, expected: Any) -> None:
    assert run(text) == expected


DYNAMIC_TAIL_CALLS = [p for p in TAIL_CALLS if p.id in {"self-loop-1M", "mutual-isEven-100001"}]


@pytest.mark.parametrize(("text", "expected"), DYNAMIC_TAIL_CALLS)
def test_tail_calls_on_dynamic_path(text: str, expected: Any) -> None:
    assert run(text, "dynamic") == expected


DEEP = [
    case(
        "sum-10000",
        "let rec sumTo n = if n = 0 then 0 else n + sumTo (n - 1)\nsumTo 10000",
        50005000,
    ),
    case(
        "build-list-10000",
        "let rec build n = if n = 0 then [] else n :: build (n - 1)\nList.length (build 10000)",
        10000,
    ),
    case(
        "naive-map-10000",
        "let rec map f xs = match xs with | [] -> [] | h :: t -> f h :: map f t\n"
        "List.length (map id [1 .. 10000])",
        10000,
    ),
    case(
        "declared-tree-10000",
        """
        type T = Leaf | Node of T
        let rec build n = if n = 0 then Leaf else Node (build (n - 1))
        let rec size t = match t with | Leaf -> 0 | Node c -> 1 + size c
        size (build 10000)
        """,
        10000,
    ),
    case(
        "try-inside-recursion-5000",
        "let rec loop n = try (if n = 0 then 0 else loop (n - 1)) with _ -> -1\nloop 5000",
        0,
    ),
]


@MODES
@pytest.mark.parametrize(("text", "expected"), DEEP)
def test_non_tail_recursion_10000_deep(text: str, expected: Any, mode: str) -> None:
    assert run(text, mode) == expected


@MODES
@pytest.mark.parametrize(
    "text",
    [
        "let rec f n = 1 + f (n + 1)\nf 0",
        "let rec f n = n :: f (n + 1)\nf 0",
        "let rec f n = g n + 1\nand g n = f n + 1\nf 0",
        "let rec f x = [f x]\nf 1",
    ],
)
def test_runaway_recursion_is_limit_exceeded(text: str, mode: str) -> None:
    if mode == "typed" and "[f x]" in text:  # an infinite type: F# refuses it too
        with pytest.raises(fusabi_host.CompileError, match="infinite type"):
            run(text, mode)
        return
    with pytest.raises(fusabi_host.LimitExceeded) as info:
        run(text, mode)
    assert not isinstance(info.value, RecursionError)
    assert info.value.limit == "max_depth"


def test_runaway_recursion_inside_try_is_still_limit_exceeded() -> None:
    with pytest.raises(fusabi_host.LimitExceeded):
        run("let rec f n = 1 + f (n + 1)\ntry f 0 with _ -> -1")


def test_instance_still_usable_after_limit_exceeded() -> None:
    unit = fusabi_host.compile_source(
        "let rec f n = 1 + f (n + 1)\nlet g x = x * 2\n",
    )
    instance = unit.instantiate()
    with pytest.raises(fusabi_host.LimitExceeded):
        instance.call("f", 0)
    assert instance.call("g", 21) == 42


def test_timeout_is_limit_exceeded() -> None:
    config = fusabi_host.EngineConfig(limits=fusabi_host.Limits(timeout=0.2))
    with pytest.raises(fusabi_host.LimitExceeded) as info:
        run("let rec f n = f (n + 1)\nf 0", config=config)
    assert info.value.limit == "timeout"


# --------------------------------------------------------------------------------------------
# Mutation and closures
# --------------------------------------------------------------------------------------------

MUTATION = [
    case(
        "comprehension-closures-capture-each-value",
        "let fs = [for i in 1 .. 3 -> fun () -> i]\nList.map (fun f -> f ()) fs",
        [1, 2, 3],
    ),
    case(
        "for-in-closures-capture-current-value",
        """
        let mutable fs = []
        for i in 1 .. 3 do
            fs <- (fun () -> i * 10) :: fs
        List.map (fun f -> f ()) fs
        """,
        [30, 20, 10],
    ),
    case(
        "for-to-closures-capture-current-value",
        """
        let mutable fs = []
        for i = 1 to 3 do
            fs <- (fun () -> i) :: fs
        List.map (fun f -> f ()) fs
        """,
        [3, 2, 1],
    ),
    case(
        "for-in-list-closures",
        """
        let mutable fs = []
        for x in ["a"; "b"] do
            fs <- (fun () -> x) :: fs
        List.map (fun f -> f ()) fs
        """,
        ["b", "a"],
    ),
    case(
        "while-loop-let-closures",
        """
        let mutable fs = []
        let mutable i = 0
        while i < 3 do
            let j = i
            fs <- (fun () -> j) :: fs
            i <- i + 1
        List.map (fun f -> f ()) fs
        """,
        [2, 1, 0],
    ),
    case(
        "top-level-mutable-seen-by-function",
        "let mutable x = 1\nlet f () =\n    x <- x + 1\n    x\nf () + f ()",
        5,
    ),
    case(
        "captured-mutable-local-counter",
        """
        let counter () =
            let mutable n = 0
            fun () ->
                n <- n + 1
                n
        let c = counter ()
        c () |> ignore
        c () |> ignore
        c ()
        """,
        3,
    ),
    case(
        "captured-mutable-shared-between-closures",
        """
        let make () =
            let mutable n = 0
            (fun () -> n <- n + 1), (fun () -> n)
        let inc, get = make ()
        inc ()
        inc ()
        get ()
        """,
        2,
    ),
    case(
        "independent-counters",
        """
        let counter () =
            let mutable n = 0
            fun () ->
                n <- n + 1
                n
        let a = counter ()
        let b = counter ()
        a () |> ignore
        a () |> ignore
        (a (), b ())
        """,
        (3, 1),
    ),
    case(
        "mutable-in-loop-body-updated-outside",
        """
        let f () =
            let mutable total = 0
            for x in [1; 2; 3] do
                total <- total + x
            total
        f ()
        """,
        6,
    ),
    case(
        "recursive-function-in-a-loop-body-keeps-its-iteration",
        """
        let fs = ResizeArray<unit -> int>()
        for c in [1; 2; 3] do
            let rec go n = if n = 0 then 0 else c + go (n - 1)
            fs.Add(fun () -> go 2)
        [ for f in fs -> f () ]
        """,
        [2, 4, 6],
    ),
    case(
        "mutually-recursive-functions-in-a-while-body",
        """
        let mutable i = 0
        let mutable seen = []
        while i < 2 do
            let k = i * 10
            let rec even n = if n = 0 then k else odd (n - 1)
            and odd n = if n = 0 then k + 1 else even (n - 1)
            seen <- seen @ [even 3; odd 3]
            i <- i + 1
        seen
        """,
        [1, 0, 11, 10],
    ),
]


@MODES
@pytest.mark.parametrize(("text", "expected"), MUTATION)
def test_mutation_and_capture(text: str, expected: Any, mode: str) -> None:
    assert run(text, mode) == expected


@MODES
def test_short_circuit_right_side_not_evaluated(mode: str) -> None:
    text = """
    let mutable hits = 0
    let bump () =
        hits <- hits + 1
        true
    let r = false && bump ()
    let s = true || bump ()
    let t = true && bump ()
    let u = false || bump ()
    (r, s, t, u, hits)
    """
    assert run(text, mode) == (False, True, True, True, 2)


@MODES
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("false && (1 / 0 = 1)", False),
        ('true || (failwith "boom")', True),
        ("let xs = [] in not (List.isEmpty xs) && List.head xs > 0", False),
    ],
)
def test_short_circuit_skips_failing_operand(text: str, expected: bool, mode: str) -> None:
    assert run(text, mode) is expected


# --------------------------------------------------------------------------------------------
# Integers
# --------------------------------------------------------------------------------------------

INTEGERS = [
    case("max-plus-one-wraps", "9223372036854775807 + 1", -9223372036854775808),
    case("min-minus-one-wraps", "-9223372036854775807 - 2", 9223372036854775807),
    case("mul-wraps", "4611686018427387904 * 2", -9223372036854775808),
    case("mul-wraps-large", "3037000500 * 3037000500", -9223372036709301616),
    case("max-squared", "let big = 9223372036854775807\nbig * big", 1),
    case("wrap-in-function", "let f a b = a + b\nf 9223372036854775807 1", -9223372036854775808),
    case(
        "wrap-in-fact-25",
        "let rec fact n = if n <= 1 then 1 else n * fact (n - 1)\nfact 25",
        7034535277573963776,
    ),
    case(
        "wrap-in-loop",
        "let mutable t = 0\nfor i in 1 .. 100 do t <- t + 9223372036854775807\nt",
        -100,
    ),
    case(
        "wrap-after-assignment-voids-a-branch-fact",
        "let mutable x = 0\nif x < 10 then\n    x <- 9223372036854775807\n    x + 1\nelse 0",
        -9223372036854775808,
    ),
    case(
        "for-bounds-from-a-mutable-start",
        "let mutable s = 0\nlet mutable t = 0\nif s < 5 then\n    s <- 9223372036854775807\n"
        "    for i in s .. s do t <- i + 1\nt",
        -9223372036854775808,
    ),
    case("const-squared-wraps", "let n = 3037000500\nn * n", -9223372036709301616),
    case(
        "loop-squares-wrap-past-the-range",
        "let mutable t = 0\nfor i in 3037000499 .. 3037000500 do t <- i * i\nt",
        -9223372036709301616,
    ),
    case(
        "loop-division-of-non-negatives",
        "let mutable s = 0\nfor i in 0 .. 10 do s <- s + i % 3 + i / 4\ns",
        20,
    ),
    case(
        "loop-division-of-negatives-truncates",
        "let mutable s = 0\nfor i in -10 .. -1 do s <- s + i % 3 + i / 4\ns",
        -20,
    ),
    case("negate-min", "let f x = -x\nf -9223372036854775808", -9223372036854775808),
    case("sum-wraps", "List.sum [9223372036854775807; 1]", -9223372036854775808),
    case("map-wraps", "List.map (fun a -> a * 3) [3074457345618258603]", [-9223372036854775807]),
    case("div-truncates-positive", "7 / 2", 3),
    case("div-truncates-toward-zero-neg-left", "-7 / 2", -3),
    case("div-truncates-toward-zero-neg-right", "7 / -2", -3),
    case("div-both-negative", "-7 / -2", 3),
    case("rem-sign-follows-dividend", "-7 % 2", -1),
    case("rem-positive-dividend-negative-divisor", "7 % -2", 1),
    case("rem-both-negative", "-7 % -2", -1),
    case("rem-in-function", "let f a b = a % b\nf -7 2", -1),
    case("div-in-function", "let f a b = a / b\nf -7 2", -3),
    case("abs-int", "abs -5", 5),
]


@MODES
@pytest.mark.parametrize(("text", "expected"), INTEGERS)
def test_integers(text: str, expected: int, mode: str) -> None:
    value = run(text, mode)
    assert value == expected
    if isinstance(expected, int):
        assert type(value) is int


@MODES
@pytest.mark.parametrize(
    "text",
    [
        "1 / 0",
        "1 % 0",
        "let f a b = a / b\nf 1 0",
        "let z = 0\n10 / z",
        "List.map (fun x -> 1 / x) [1; 0]",
    ],
)
def test_integer_division_by_zero(text: str, mode: str) -> None:
    error = raises_fusabi(text, mode)
    assert isinstance(error, fusabi_host.FusabiRuntimeError)
    assert "DivideByZeroException" in error.reason


def test_division_by_zero_is_catchable() -> None:
    assert run("try 1 / 0 with | DivideByZeroException -> -1") == -1
    assert run("try 1 / 0 with | _ -> -2") == -2


@MODES
@pytest.mark.parametrize(
    "text",
    [
        "1 + 2.0",
        "1.0 + 2",
        "1.5 * 2",
        "2 - 0.5",
        "3.0 / 2",
        "1 < 2.0",
        "let f x y = x + y\nf 1 2.0",
        "List.sum [1.0; 2]",
    ],
)
def test_no_implicit_int_float_promotion(text: str, mode: str) -> None:
    # ill-typed: refused at compile time; with type_check="warn" it fails at run time
    error = raises_fusabi(text, mode)
    if mode == "typed":
        assert isinstance(error, fusabi_host.CompileError)
        assert "float" in str(error)
    else:
        assert isinstance(error, fusabi_host.FusabiRuntimeError)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('2 < "a"', "cannot compare"),
        ('(2, 1) < (2, "a")', "cannot compare"),
        ('compare 1 "a"', "cannot compare"),
    ],
)
def test_ordering_different_types_is_an_error(text: str, expected: str) -> None:
    error = raises_fusabi(text)
    assert isinstance(error, fusabi_host.CompileError)
    assert "got string" in str(error) or "got int * string" in str(error)
    error = raises_fusabi(text, "dynamic")  # (with type_check="warn": at run time)
    assert expected in str(error)


# --------------------------------------------------------------------------------------------
# Conversions and floats
# --------------------------------------------------------------------------------------------

CONVERSIONS = [
    case("int-of-float-truncates", "int 3.9", 3),
    case("int-of-negative-float-truncates", "int -3.9", -3),
    case("int-of-string", 'int "42"', 42),
    case("int-of-negative-string", 'int "-7"', -7),
    case("int-of-char", "int 'A'", 65),
    case("int-of-int", "int 5", 5),
    case("float-of-int", "float 3", 3.0),
    case("float-of-string", 'float "2.5"', 2.5),
    case("string-of-int", "string 42", "42"),
    case("string-of-negative-int", "string -42", "-42"),
    case("string-of-float", "string 2.5", "2.5"),
    case("string-of-char", "string 'c'", "c"),
    case("string-of-string", 'string "s"', "s"),
    case("char-of-int", "char 66", "B"),
    case("char-of-string-via-index", '"abc".[1]', "b"),
    case("float-division", "10.0 / 4.0", 2.5),
    case("float-remainder", "7.5 % 2.0", 1.5),
    case("float-rounding-noise", "0.1 + 0.2", 0.30000000000000004),
    case("float-equality", "1.0 = 1.0", True),
    case("nan-not-equal", "nan = nan", False),
    case("float-infinity-compare", "1.0 / 0.0 > 1e308", True),
]


@MODES
@pytest.mark.parametrize(("text", "expected"), CONVERSIONS)
def test_conversions_and_floats(text: str, expected: Any, mode: str) -> None:
    value = run(text, mode)
    assert value == expected
    assert type(value) is type(expected)


@MODES
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.0 / 0.0", math.inf),
        ("-1.0 / 0.0", -math.inf),
        ("let f (x: float) = x / 0.0\nf 1.0", math.inf),
        ("infinity", math.inf),
    ],
)
def test_float_division_by_zero_is_infinity(text: str, expected: float, mode: str) -> None:
    assert run(text, mode) == expected


@MODES
def test_float_zero_over_zero_is_nan(mode: str) -> None:
    assert math.isnan(run("0.0 / 0.0", mode))
    assert math.isnan(run("10.0 % 0.0", mode))


@MODES
@pytest.mark.parametrize(
    "text",
    ['int "abc"', 'float "x"', "char -1", "int [1]", 'int "1.5"'],
)
def test_bad_conversions_are_runtime_errors(text: str, mode: str) -> None:
    raises_fusabi(text, mode)


# --------------------------------------------------------------------------------------------
# Equality, ordering, hashing
# --------------------------------------------------------------------------------------------

COMPARISON = [
    case("tuple-equal", '(1, "a") = (1, "a")', True),
    case("tuple-not-equal", '(1, "a") <> (1, "b")', True),
    case("tuple-less", "(1, 2) < (1, 3)", True),
    case("tuple-lexicographic", "(2, 0) > (1, 9)", True),
    case("list-equal", "[1; 2] = [1; 2]", True),
    case("list-prefix-less", "[1; 2] < [1; 2; 0]", True),
    case("list-first-element-wins", "[2] > [1; 5]", True),
    case("empty-list-least", "[] < [0]", True),
    case("array-equal", "[|1; 2|] = [|1; 2|]", True),
    case("option-equal", "Some [1] = Some [1]", True),
    case("none-less-than-some", "None < Some 1", True),
    case("some-not-less-than-none", "Some 1 < None", False),
    case("string-ordinal", '"apple" < "banana"', True),
    case("string-ordinal-case", '"B" < "a"', True),
    case("string-prefix", '"ab" < "abc"', True),
    case("string-ordinal-in-function", 'let f a b = a < b\nf "a" "B"', False),
    case("char-ordering", "'a' < 'b'", True),
    case("bool-ordering", "false < true", True),
    case("compare-strings", 'compare "a" "b"', -1),
    case("compare-ints-gt", "compare 3 1", 1),
    case("compare-ints-eq", "compare 2 2", 0),
    case("compare-lists", "compare [1; 2] [1; 3]", -1),
    case("compare-tuples", 'compare (1, "b") (1, "a")', 1),
    case("compare-floats", "compare 1.5 2.5", -1),
    case(
        "record-equality-field-order-irrelevant",
        'type R = { A: int; B: string }\n{ A = 1; B = "x" } = { B = "x"; A = 1 }',
        True,
    ),
    case(
        "record-ordering-by-declared-field-order",
        'type R = { A: int; B: string }\n{ A = 1; B = "z" } < { A = 2; B = "a" }',
        True,
    ),
    case("anonymous-record-equality", "{| a = 1; b = 2 |} = {| a = 1; b = 2 |}", True),
    case(
        "union-case-order",
        "type U = Small | Mid of int | Big\n(Small < "
        "Mid 0, Mid 0 < Big, Mid 1 < Mid 2, Big > Small)",
        (True, True, True, True),
    ),
    case("union-compare", "type U = Small | Mid of int | Big\ncompare (Mid 5) Small", 1),
    case(
        "union-equality",
        "type U = A of int | B\n(A 1 = A 1, A 1 = A 2, B = B)",
        (True, False, True),
    ),
    case(
        "sort-tuples",
        'List.sort [(2, "b"); (1, "z"); (2, "a")]',
        [(1, "z"), (2, "a"), (2, "b")],
    ),
    case(
        "sort-unions",
        "type U = C | A | B\nList.sort [A; B; C]",
        [Variant("C"), Variant("A"), Variant("B")],
    ),
    case("max-strings", 'max "a" "b"', "b"),
    case("min-tuples", "min (1, 2) (1, 1)", (1, 1)),
    case("hash-equal-tuples", 'hash (1, "a") = hash (1, "a")', True),
    case("hash-equal-lists", "hash [1; 2] = hash [1; 2]", True),
    case("hash-equal-strings", 'hash "abc" = hash ("ab" + "c")', True),
    case("hash-equal-records", "hash { a = 1; b = [2] } = hash { b = [2]; a = 1 }", True),
    case("hash-equal-unions", "hash (Some (1, [2])) = hash (Some (1, [2]))", True),
    case("hash-is-int", "let h = hash 5\nh = h + 0", True),
]


@MODES
@pytest.mark.parametrize(("text", "expected"), COMPARISON)
def test_equality_and_comparison(text: str, expected: Any, mode: str) -> None:
    assert run(text, mode) == expected


# --------------------------------------------------------------------------------------------
# Exceptions
# --------------------------------------------------------------------------------------------

EXCEPTIONS = [
    case(
        "failwith-caught",
        'try failwith "boom" with | Failure msg -> "caught " + msg',
        "caught boom",
    ),
    case(
        "try-with-multiline",
        'try\n    failwith "x"\nwith\n| Failure m -> String.length m',
        1,
    ),
    case(
        "custom-exception",
        'exception MyErr of string\ntry raise (MyErr "bad") with | MyErr s -> s',
        "bad",
    ),
    case("custom-exception-no-payload", "exception Simple\ntry raise Simple with | Simple -> 1", 1),
    case(
        "custom-exceptions-several",
        """
        exception MyErr of string
        exception Other of int * string
        let f n = if n > 0 then raise (Other (n, "o")) else raise (MyErr "m")
        let g n = try f n with | MyErr s -> s | Other (k, s) -> s + string k
        (g 1, g 0)
        """,
        ("o1", "m"),
    ),
    case(
        "exception-passes-through-non-matching-handler",
        """
        exception MyErr of string
        try (try raise (MyErr "a") with | Failure _ -> "wrong") with | MyErr s -> "outer " + s
        """,
        "outer a",
    ),
    case(
        "finally-runs-and-rethrows",
        """
        let mutable log = []
        let r =
            try
                try
                    failwith "inner"
                finally
                    log <- "fin" :: log
            with
            | Failure m -> m
        (r, log)
        """,
        ("inner", ["fin"]),
    ),
    case(
        "finally-on-success",
        "let mutable ran = false\nlet v = try 42 finally ran <- true\n(v, ran)",
        (42, True),
    ),
    case("wildcard-handler", "try 1 / 0 with | _ -> -2", -2),
    case("variable-handler-message", 'try failwith "a" with | e -> e.Message', "a"),
    case("invalidArg-caught", 'try invalidArg "x" "bad arg" with | _ -> "ok"', "ok"),
    case(
        "match-failure-caught",
        'try (match 5 with | 1 -> "a") with | MatchFailureException _ -> "mf"',
        "mf",
    ),
    case(
        "try-result",
        'let r = try Ok (failwith "e") with | Failure m -> Error m\nr',
        Variant("Error", ("e",)),
    ),
    case("failwithf", 'try failwithf "bad %d" 3 with | Failure m -> m', "bad 3"),
    case(
        "safe-div",
        "let safeDiv a b = try Some (a / b) with | _ -> None\n(safeDiv 6 3, safeDiv 1 0)",
        (Variant("Some", (2,)), Variant("None")),
    ),
    case(
        "deep-unwind",
        'let rec f n = if n = 0 then failwith "bottom" else '
        "1 + f (n - 1)\ntry f 100 with | Failure m -> -1",
        -1,
    ),
    case("stdlib-error-caught", "try List.head [] with | _ -> 0", 0),
    case("index-error-caught", "try [1].[5] with | _ -> 0", 0),
    case("no-exception-value", 'let x = try "a" with _ -> "b"\nx', "a"),
    case(
        "reraise-with-raise",
        'try (try failwith "in" with e -> raise e) with Failure m -> m + "!"',
        "in!",
    ),
]


@MODES
@pytest.mark.parametrize(("text", "expected"), EXCEPTIONS)
def test_exceptions(text: str, expected: Any, mode: str) -> None:
    assert run(text, mode) == expected


def test_finally_runs_when_exception_is_uncaught() -> None:
    out: list[str] = []
    unit = fusabi_host.compile_source('try failwith "x" finally printfn "cleanup"\n')
    with pytest.raises(fusabi_host.FusabiRuntimeError):
        unit.instantiate(stdout=out.append)
    assert "".join(out) == "cleanup\n"


def test_uncaught_exception_has_fusabi_traceback() -> None:
    text = src(
        """
        let g () = failwith "kaboom"
        let h x = g () + x
        let k = h 1
        k
        """
    )
    with pytest.raises(fusabi_host.FusabiRuntimeError) as info:
        fusabi_host.compile_source(text, "t.fsx").instantiate()
    error = info.value
    assert "kaboom" in error.reason
    frames = [(frame.function, frame.filename, frame.line) for frame in error.fusabi_traceback]
    assert frames == [("<top level>", "t.fsx", 3), ("h", "t.fsx", 2), ("g", "t.fsx", 1)]
    assert 'at g ("t.fsx", line 1)' in str(error)


def test_uncaught_custom_exception_names_it() -> None:
    with pytest.raises(fusabi_host.FusabiRuntimeError) as info:
        run('exception Oops of string\nlet f () = raise (Oops "x")\nf ()')
    assert "Oops" in str(info.value)
    assert [frame.function for frame in info.value.fusabi_traceback][-1] == "f"


def test_traceback_through_call_api() -> None:
    unit = fusabi_host.compile_source(
        'let inner x = failwith "bad"\nlet outer x = inner x + 1\n', "m.fsx"
    )
    with pytest.raises(fusabi_host.FusabiRuntimeError) as info:
        unit.instantiate().call("outer", 1)
    names = [frame.function for frame in info.value.fusabi_traceback]
    assert names[-2:] == ["outer", "inner"]


# --------------------------------------------------------------------------------------------
# Embedding API
# --------------------------------------------------------------------------------------------

API_SOURCE = """
let add a b = a + b
let greet () = "hi"
let mutable n = 0
let bump () =
    n <- n + 1
    n
let v = [1; 2]
let o = Some 3
type S = A of int | B
let mk x = A x
let rec fib k = if k < 2 then k else fib (k - 1) + fib (k - 2)
"""


def test_bindings_in_definition_order() -> None:
    unit = fusabi_host.compile_source(src(API_SOURCE))
    assert unit.bindings == ("add", "greet", "n", "bump", "v", "o", "mk", "fib")


def test_type_of_bindings() -> None:
    unit = fusabi_host.compile_source(src(API_SOURCE))
    assert unit.typed
    assert unit.type_error is None
    assert unit.type_of("add") == "int -> int -> int"
    assert unit.type_of("greet") == "unit -> string"
    assert unit.type_of("v") == "int list"


def test_call_get_and_isolation() -> None:
    unit = fusabi_host.compile_source(src(API_SOURCE))
    one = unit.instantiate()
    assert one.call("add", 1, 2) == 3
    assert one.partial("add", 1)(5) == 6
    assert one.call("greet") == "hi"
    assert one.get("v") == [1, 2]
    assert one.get("o") == Variant("Some", (3,))
    assert one.call("mk", 4) == Variant("A", (4,))
    assert one.call("fib", 20) == 6765
    assert (one.call("bump"), one.call("bump")) == (1, 2)
    assert one.get("n") == 2
    two = unit.instantiate()
    assert two.get("n") == 0
    assert one.value is None


def test_run_source_returns_last_value() -> None:
    assert fusabi_host.run_source("let x = 1\nx + 1") == 2
    assert fusabi_host.run_source("let x = 1") is None


def test_top_level_runs_once_per_instance() -> None:
    out: list[str] = []
    unit = fusabi_host.compile_source('printfn "init"\nlet f () = 1\n')
    instance = unit.instantiate(stdout=out.append)
    instance.call("f")
    instance.call("f")
    assert "".join(out) == "init\n"


def test_returned_function_is_callable_from_python() -> None:
    f = fusabi_host.run_source("let k = 10\nfun x -> x + k")
    assert f(5) == 15


def test_python_callable_passed_in() -> None:
    instance = fusabi_host.compile_source("let twice f x = f (f x)\n").instantiate()
    assert instance.call("twice", lambda x: x * 3, 2) == 18


def test_wrong_python_argument_type_is_fusabi_error() -> None:
    instance = fusabi_host.compile_source("let add a b = a + b\n").instantiate()
    with pytest.raises(fusabi_host.FusabiError):
        instance.call("add", "a", 1)


def test_wrong_python_argument_type_message_is_not_internal() -> None:
    instance = fusabi_host.compile_source("let add a b = a + b\n").instantiate()
    with pytest.raises(fusabi_host.FusabiError) as info:
        instance.call("add", "a", "b")
    assert "internal error" not in str(info.value)


DEEP_VALUES = """
type T = Leaf | Node of T
let rec build n acc = if n = 0 then acc else build (n - 1) (Node acc)
let rec nest n acc = if n = 0 then acc else nest (n - 1) [acc]
"""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("build 10000 Leaf = build 10000 Leaf", True),
        ("compare (build 10000 Leaf) (build 9999 Leaf)", 1),
        ("hash (build 10000 Leaf) = hash (build 10000 Leaf)", True),
        ("nest 10000 [] = nest 10000 []", True),
        ('String.length (sprintf "%O" (build 30000 Leaf))', 180004),
        # %A is F#'s structured format: past 100 levels it shows "..."
        ('String.length (sprintf "%A" (build 30000 Leaf))', 6 * 100 + 3 + 100),
        ("String.length (string (nest 30000 []))", 60002),
    ],
)
def test_deep_values(text: str, expected: Any) -> None:
    # `nest` builds a value of an infinite type (F# refuses it), so it runs untyped
    assert run(DEEP_VALUES + text, "dynamic") == expected


def test_too_deep_for_equality_is_a_fusabi_error() -> None:
    with pytest.raises(fusabi_host.FusabiError) as info:
        run(DEEP_VALUES + "build 100000 Leaf = build 100000 Leaf")
    assert not isinstance(info.value, RecursionError)
