"""The code generator's fast paths (issue 13) take the fast form only where it is exact, and
every limit still holds on them.

* The depth count lives in a closure cell of ``__fz_top__``, not in a global: the limit stays
  exact for self, mutual and nested recursion, and each run and each instance starts with the
  whole budget.
* An array index the range facts prove non-negative is checked against the end only, and a
  store at such an index is checked by the store itself; facts about a ``mutable`` variable
  are never used (an assignment may have voided them).
* A typed ``sprintf`` of bare ``%d``/``%s`` is an f-string, and a result long enough to be
  charged to the run still is.
* A char read from a string is still a ``Char`` (compared with a char as a plain string),
  and ``.Length`` is ``len`` where the type allows it.
* A numeric value that reads arrays at never-negative indices runs unchecked first and, on
  ``IndexError``, checked: the error is F#'s, at the right line.
* A condition's ``i < s.Length`` (through ``&&``, a false ``||`` and ``not``) drops the upper
  bound test of ``s.[i]`` and the overflow test of ``i + 1`` where it holds, and only there.
"""

from __future__ import annotations

import ast
import re

import pytest

import fusabi_host
from fusabi_host import EngineConfig, LimitExceeded, Limits

RECURSION = """
let rec down n = if n = 0 then 0 else 1 + down (n - 1)
let rec countA n = if n = 0 then 0 else 1 + countB (n - 1)
and countB n = if n = 0 then 0 else 1 + countA (n - 1)
let nested k =
    let rec go n = if n = 0 then k else 1 + go (n - 1)
    go
let viaClosure n = (nested 0) n
"""


def instance(text: str, **limits: object) -> fusabi_host.Instance:
    unit = fusabi_host.compile_source(text)
    return unit.instantiate(EngineConfig(limits=Limits(**limits)))  # type: ignore[arg-type]


def test_the_depth_count_is_a_cell_of_the_top_level_not_a_global() -> None:
    python = fusabi_host.compile_source(RECURSION).program.python_source()
    assert "nonlocal _dep" in python
    assert "global _dep" not in python.replace("global __fz_depth__", "")


@pytest.mark.parametrize(
    ("function", "deepest"),
    [("down", 99), ("countA", 99), ("viaClosure", 98)],  # (viaClosure itself is one frame)
)
def test_the_depth_limit_stays_exact(function: str, deepest: int) -> None:
    inst = instance(RECURSION, max_depth=100)
    inst.call(function, deepest)  # 100 frames deep: allowed
    with pytest.raises(LimitExceeded) as raised:
        inst.call(function, deepest + 1)
    assert raised.value.limit == "max_depth"
    inst.call(function, deepest)  # the failed run gave its budget back


def test_every_run_and_every_instance_starts_with_the_whole_budget() -> None:
    unit = fusabi_host.compile_source(RECURSION)
    shallow = unit.instantiate(EngineConfig(limits=Limits(max_depth=50)))
    deep = unit.instantiate(EngineConfig(limits=Limits(max_depth=500)))
    for _ in range(3):
        assert deep.call("down", 499) == 499
        with pytest.raises(LimitExceeded):
            shallow.call("down", 50)
        assert shallow.call("down", 49) == 49


def test_a_loop_index_is_checked_against_the_end_only() -> None:
    text = """
let total (a: int array) =
    let mutable s = 0
    for i in 0 .. a.Length - 1 do
        s <- s + a.[i]
        a.[i] <- 0
    s
"""
    python = fusabi_host.compile_source(text).program.python_source()
    assert ">= 0" not in python
    assert "except _IndexError" in python
    inst = fusabi_host.compile_source(text).instantiate()
    assert inst.call("total", [1, 2, 3]) == 6


def test_a_mutable_index_keeps_both_checks() -> None:
    text = """
let f (a: int array) =
    let mutable i = 0
    if i >= 0 then
        i <- i - 1
        a.[i]
    else 0
"""
    python = fusabi_host.compile_source(text).program.python_source()
    assert ">= 0 else _index" in python
    with pytest.raises(fusabi_host.FusabiRuntimeError, match="IndexOutOfRange"):
        fusabi_host.compile_source(text).instantiate().call("f", [1, 2])


def test_a_bare_sprintf_is_an_f_string() -> None:
    text = 'let line (i: int) (name: string) = sprintf "%d: %s (100%%)" i name'
    python = fusabi_host.compile_source(text).program.python_source()
    assert "_format_call" in python  # (the general formatter, for a long %s)
    assert any(isinstance(node, ast.JoinedStr) for node in ast.walk(ast.parse(python)))
    inst = fusabi_host.compile_source(text).instantiate()
    assert inst.call("line", 7, "seven") == "7: seven (100%)"


def test_a_long_sprintf_result_is_still_charged() -> None:
    text = 'let k n = sprintf "%s%s" (String.replicate n "x") (String.replicate n "y")'
    inst = instance(text, max_collection_size=50_000)
    assert len(inst.call("k", 20_000)) == 40_000
    with pytest.raises(LimitExceeded) as raised:
        inst.call("k", 35_000)
    assert raised.value.limit == "max_collection_size"


CHARS = """
let classify (s: string) i =
    if s.[i] = ' ' then "space"
    elif s.[i] >= '0' && s.[i] <= '9' then "digit"
    elif s.[i] = 'é' || s.[i] = '€' then "accent"
    else "other"
let charAt (s: string) i = sprintf "%A" s.[i]
let sameAsNext (s: string) i = s.[i] = s.[i + 1]
let length (s: string) = s.Length + [| 1; 2 |].Length
"""


@pytest.mark.parametrize(
    ("text", "index", "expected"),
    [("a 1", 1, "space"), ("a 1", 2, "digit"), ("né€", 1, "accent"), ("né€", 2, "accent"),
     ("xy", 0, "other")],
)  # fmt: skip
def test_a_char_read_from_a_string_compares_as_the_char(
    text: str, index: int, expected: str
) -> None:
    inst = fusabi_host.compile_source(CHARS).instantiate()
    assert inst.call("classify", text, index) == expected


def test_a_char_read_from_a_string_is_still_a_char() -> None:
    inst = fusabi_host.compile_source(CHARS).instantiate()
    for text in ("abc", "€uro", "\U0001f600!"):
        assert inst.call("charAt", text, 0) == f"'{text[0]}'"  # (a string shows as "x")
    assert inst.call("sameAsNext", "aab", 0) is True
    assert inst.call("sameAsNext", "aab", 1) is False
    assert inst.call("length", "four") == 6
    python = fusabi_host.compile_source(CHARS).program.python_source()
    assert "_getf" not in python  # (.Length of a string or an array is its len)


@pytest.mark.parametrize("index", [-1, 3])
def test_a_char_compared_out_of_bounds_raises(index: int) -> None:
    inst = fusabi_host.compile_source(CHARS).instantiate()
    with pytest.raises(fusabi_host.FusabiRuntimeError, match="IndexOutOfRange"):
        inst.call("classify", "abc", index)


DOT = """
let dot (a: float array) (b: float array) n =
    let mutable total = 0.0
    for k in 0 .. n - 1 do
        total <- total + a.[k] * b.[k]
    total
let safeDot a b n = try dot a b n with :? System.IndexOutOfRangeException -> -1.0
let firstTwo (a: int array) = let x = a.[0] + a.[1] * 2 in x
"""


def test_a_pure_assignment_reads_arrays_unchecked_then_checked() -> None:
    python = fusabi_host.compile_source(DOT).program.python_source()
    assert "u_total = u_total + u_a[u_k] * u_b[u_k]" in python.replace("u_a_2", "u_a")
    inst = fusabi_host.compile_source(DOT).instantiate()
    assert inst.call("dot", [1.0, 2.0], [3.0, 4.0], 2) == 11.0
    assert inst.call("safeDot", [1.0, 2.0], [3.0, 4.0], 3) == -1.0
    assert inst.call("safeDot", [1.0, 2.0, 5.0], [3.0, 4.0], 3) == -1.0
    with pytest.raises(fusabi_host.FusabiRuntimeError, match="IndexOutOfRange") as raised:
        inst.call("dot", [1.0], [3.0, 4.0], 2)
    assert "line 5" in str(raised.value)  # (the Fusabi line of the read)
    assert inst.call("firstTwo", [3, 4]) == 11
    with pytest.raises(fusabi_host.FusabiRuntimeError, match="IndexOutOfRange"):
        inst.call("firstTwo", [3])


def test_length_of_a_value_of_unknown_type() -> None:
    # (the dynamic path, as a lifted program or an ill-typed unit runs it)
    text = """
let untypedMarker = [1; "a"]
type Box = { Length: int }
let lengthOf x = x.Length
let all () = [ lengthOf "four"; lengthOf [| 1; 2 |]; lengthOf [1; 2; 3]; lengthOf { Length = 7 } ]
"""
    unit = fusabi_host.compile_source(text, type_check="warn")
    assert not unit.typed
    assert "_length(" in unit.program.python_source()
    assert unit.instantiate().call("all") == [4, 2, 3, 7]


def test_a_condition_and_a_store_read_and_write_without_the_length_test() -> None:
    text = """
let countHoles (seen: bool array) =
    let mutable holes = 0
    for i in 0 .. seen.Length - 1 do
        if not seen.[i] then holes <- holes + 1
    holes
let mark (seen: bool array) start =
    let mutable i = start
    while i < seen.Length do
        seen.[i] <- true
        i <- i + 2
"""
    python = fusabi_host.compile_source(text).program.python_source()
    assert re.search(r"_if\d+ = not u_seen\[u_i\]\n", python)
    assert "if u_i_2 >= 0:" in python  # (the mutable index: its sign, then the store)
    inst = fusabi_host.compile_source(text).instantiate()
    assert inst.call("countHoles", [True, False, False]) == 2
    assert inst.call("mark", [False] * 5, 1) is None
    with pytest.raises(fusabi_host.FusabiRuntimeError, match="IndexOutOfRange"):
        inst.call("mark", [False] * 5, -3)


LOOPS_AND_RECURSION = """
let rec skip (text: string) pos =
    if pos < text.Length && text.[pos] = ' ' then skip text (pos + 1) else pos
let rec both n = if n <= 0 then 0 elif n % 2 = 0 then both (n - 1) else 1 + both (n - 1)
let rec viaMap n = if n = 0 then 0 else 1 + List.sum (List.map (fun x -> viaMap (n - x)) [1])
"""


def test_a_function_whose_only_calls_are_self_tail_calls_is_a_loop_without_a_count() -> None:
    python = fusabi_host.compile_source(LOOPS_AND_RECURSION).program.python_source()
    skip = python.split("def g_skip", 1)[1].split("def g_both", 1)[0]
    assert "_dep" not in skip and "continue" in skip
    inst = instance(LOOPS_AND_RECURSION, max_depth=100)
    assert inst.call("skip", " " * 100_000 + "x", 0) == 100_000  # (a loop: no depth at all)


@pytest.mark.parametrize("function", ["both", "viaMap"])
def test_recursion_through_a_non_tail_call_or_a_loop_in_place_still_counts(
    function: str,
) -> None:
    python = fusabi_host.compile_source(LOOPS_AND_RECURSION).program.python_source()
    assert "b_List__map(" not in python  # (viaMap's lambda is written in place)
    inst = instance(LOOPS_AND_RECURSION, max_depth=100)
    assert inst.call(function, 60) >= 30
    with pytest.raises(LimitExceeded) as raised:
        inst.call(function, 400)
    assert raised.value.limit == "max_depth"
    assert inst.call(function, 60) >= 30


WHILE_FACTS = """
let sieveSteps () =
    let size = 1000
    let composite = Array.create (size + 1) false
    let mutable marked = 0
    for n in 2 .. size do
        if not composite.[n] then
            let mutable multiple = n * n
            while multiple <= size do
                composite.[multiple] <- true
                marked <- marked + 1
                multiple <- multiple + n
    marked
let afterAssignment () =
    let mutable x = 5
    let mutable out = 0
    while x <= 10 do
        x <- 9223372036854775807
        out <- x + 1
    out
let inABranch () =
    let mutable x = 0
    let mutable out = 0
    while x <= 10 do
        if x = 3 then x <- 9223372036854775807
        out <- x + 1
        x <- if x = 9223372036854775807 then 100 else x + 1
    out
let inANestedLoop () =
    let mutable x = 0
    let mutable out = 0
    while x <= 10 do
        let mutable k = 0
        while k < 2 do
            out <- x + 1
            x <- 9223372036854775807
            k <- k + 1
        x <- 100
    out
let inAForLoop () =
    let mutable x = 0
    let mutable out = 0
    while x <= 10 do
        for k in 1 .. 2 do
            out <- x + 1
            x <- 9223372036854775807
        x <- 100
    out
let bothSides () =
    let mutable i = 0
    let mutable total = 0
    while i < 100 && i >= 0 do
        total <- total + i * i
        i <- i + 1
    total
"""


def test_a_while_condition_bounds_its_variable_until_the_body_assigns_it() -> None:
    python = fusabi_host.compile_source(WHILE_FACTS).program.python_source()
    sieve = python.split("def g_sieveSteps", 1)[1].split("def g_", 1)[0]
    assert "u_multiple = u_multiple + u_n" in sieve  # (no overflow test: both are bounded)
    inst = fusabi_host.compile_source(WHILE_FACTS).instantiate()
    expected = 0
    composite = [False] * 1001
    for n in range(2, 1001):
        if not composite[n]:
            for multiple in range(n * n, 1001, n):
                composite[multiple] = True
                expected += 1
    assert inst.call("sieveSteps", None) == expected
    assert inst.call("bothSides", None) == sum(i * i for i in range(100))


@pytest.mark.parametrize(
    "function", ["afterAssignment", "inABranch", "inANestedLoop", "inAForLoop"]
)
def test_a_fact_from_a_while_condition_ends_where_the_variable_may_change(
    function: str,
) -> None:
    """Each of these adds one to Int64.MaxValue after the loop's condition held: the sum
    must wrap, as F#'s does."""
    inst = fusabi_host.compile_source(WHILE_FACTS).instantiate()
    assert inst.call(function, None) == -(1 << 63)


CONDITION_FACTS = """
let rec skip (text: string) pos =
    if pos < text.Length && text.[pos] = ' ' then skip text (pos + 1) else pos

let rec digits (text: string) pos n =
    if pos < text.Length && text.[pos] >= '0' && text.[pos] <= '9' then
        digits text (pos + 1) (n * 10 + (int text.[pos] - int '0'))
    else n

let firstOrSpace (text: string) i = if text.Length > i then text.[i] else ' '
let notPast (items: int[]) i = if not (i >= items.Length) then items.[i] else -1
let either (text: string) i = if i < text.Length || i > 100 then text.[i] else 'x'
let afterOr (text: string) i = if i >= text.Length || text.[i] = ' ' then 0 else 1
let overflows (text: string) n = if n < text.Length && n > 0 then n + 1 else n + 1
let stillWraps a b = if a < b || a = b then a + 1 else 0
let notInside (text: string) i = if i >= 0 && not (i >= text.Length) then text.[i] else '-'
let notOr (text: string) i = if not (i < 0 || i >= text.Length) then text.[i] else '-'
"""


def condition_facts() -> tuple[str, fusabi_host.Instance]:
    unit = fusabi_host.compile_source(CONDITION_FACTS)
    return unit.program.python_source(), unit.instantiate()


def body_of(python: str, name: str) -> str:
    return python.split(f"def g_{name}", 1)[1].split("\n    def ", 1)[0]


def test_a_condition_s_length_test_removes_the_upper_bound_test_of_the_index() -> None:
    python, inst = condition_facts()
    for name in ("skip", "digits", "firstOrSpace", "notPast", "afterOr"):
        body = body_of(python, name)
        assert not re.search(r"_len\(u_\w+\) > u_\w+ >= 0", body), name
        # (a negative index is still F#'s error)
        assert re.search(r"\]\)? if u_\w+ >= 0 else _index\(", body), name
    assert inst.call("skip", "   x", 0) == 3
    assert inst.call("skip", "  ", 0) == 2
    assert inst.call("digits", "1234x", 0, 0) == 1234
    assert inst.call("firstOrSpace", "ab", 1) == "b"
    assert inst.call("firstOrSpace", "ab", 2) == " "
    assert inst.call("notPast", [5, 6], 1) == 6
    assert inst.call("notPast", [5, 6], 2) == -1
    assert inst.call("afterOr", "a b", 1) == 0
    assert inst.call("afterOr", "a b", 3) == 0
    assert inst.call("afterOr", "a b", 0) == 1


@pytest.mark.parametrize(
    ("function", "args"),
    [("skip", ("abc", -1)), ("firstOrSpace", ("abc", -1)), ("notPast", ([1], -2))],
)
def test_a_negative_index_below_a_length_test_is_still_out_of_range(
    function: str, args: tuple[object, ...]
) -> None:
    _, inst = condition_facts()
    with pytest.raises(fusabi_host.FusabiRuntimeError, match=r"[Ii]ndex"):
        inst.call(function, *args)


def test_what_an_or_does_not_show_keeps_its_checks() -> None:
    """``i < s.Length || i > 100`` does not bound ``i``; ``a < b || a = b`` does not bound
    ``a`` below Int64.MaxValue, so ``a + 1`` still wraps."""
    python, inst = condition_facts()
    assert re.search(r"_len\(u_\w+\) > u_\w+ >= 0", body_of(python, "either"))
    with pytest.raises(fusabi_host.FusabiRuntimeError, match=r"[Ii]ndex"):
        inst.call("either", "abc", 200)
    maximum = (1 << 63) - 1
    assert inst.call("stillWraps", maximum, maximum) == -(1 << 63)
    assert inst.call("overflows", "abc", 2) == 3


def test_an_and_condition_bounds_the_index_for_the_sum_it_guards() -> None:
    python, _ = condition_facts()
    assert "u_pos + 1)" in body_of(python, "skip")  # (pos < Length: pos + 1 cannot wrap)
    # the then branch adds without a test; the else branch, where n may be Int64.MaxValue,
    # keeps it
    assert body_of(python, "overflows").count("_wrap(") == 1


CHAR_MATCHES = """
let classify (s: string) i =
    match s.[i] with
    | '{' | '[' -> "open"
    | '"' -> "quote"
    | _ -> "other"

let echo (s: string) i =
    match s.[i] with
    | 'a' -> 'A'
    | c -> c

let describe (s: string) i = sprintf "%A" (echo s i)
"""


def test_a_match_of_char_literals_reads_the_char_as_a_plain_string() -> None:
    unit = fusabi_host.compile_source(CHAR_MATCHES)
    python = unit.program.python_source()
    assert "_chars.get" not in body_of(python, "classify")
    assert "_chars.get" in body_of(python, "echo")  # (c is bound: it must be a Char)
    inst = unit.instantiate()
    assert [inst.call("classify", '{["x', i) for i in range(4)] == [
        "open",
        "open",
        "quote",
        "other",
    ]
    assert inst.call("describe", "ab", 0) == "'A'"
    assert inst.call("describe", "ab", 1) == "'b'"
    for index in (-1, 4):
        with pytest.raises(fusabi_host.FusabiRuntimeError, match=r"[Ii]ndex"):
            inst.call("classify", "abcd", index)


@pytest.mark.parametrize("name", ["notInside", "notOr"])
def test_a_not_inside_a_condition_gives_its_facts_too(name: str) -> None:
    """``i >= 0 && not (i >= s.Length)`` and ``not (i < 0 || i >= s.Length)`` show both
    bounds of ``s.[i]``: it is read with no test at all."""
    python, inst = condition_facts()
    body = body_of(python, name)
    assert "_index(" not in body.split(" else k_", 1)[0], body
    assert [inst.call(name, "abc", i) for i in (-1, 0, 2, 3)] == ["-", "a", "c", "-"]


def test_a_split_by_one_char_is_counted_wherever_a_limit_could_refuse_it() -> None:
    """A short row is split without counting its pieces first (one piece per char would pass
    every check); a row with more chars than ``max_collection_size``, or long enough for the
    memory check, is counted exactly, and refused only when its pieces are too many."""
    text = "let pieces (s: string) = s.Split(',').Length"
    assert "_split_char" in fusabi_host.compile_source(text).program.python_source()
    small = instance(text, max_collection_size=3)
    assert small.call("pieces", "a,b,c") == 3
    assert small.call("pieces", "abcdefgh,ijk") == 2  # (longer than the limit, few pieces)
    with pytest.raises(LimitExceeded) as raised:
        small.call("pieces", "a,b,c,d")
    assert raised.value.limit == "max_collection_size"
    wide = instance(text, max_memory_bytes=1 << 20)
    assert wide.call("pieces", "x" * 2_000_000 + ",y") == 2  # (long: counted, two pieces)
    with pytest.raises(LimitExceeded) as raised:
        wide.call("pieces", "," * 100_000)  # (100,001 pieces of 56 bytes: past 1 MiB)
    assert raised.value.limit == "max_memory_bytes"


FEW = """
let pieces (s: string) = s.Split(',')
let lengths (xs: string array) = xs |> Array.map (fun x -> x.Length)
let row (s: string) = s.Split(',') |> Array.map (fun x -> x.Trim())
"""


def test_few_items_are_built_inline_and_exactly_as_the_library_builds_them() -> None:
    """A split of a text shorter than the run's ``few_items``, and an ``Array.map`` of at
    most that many elements, skip the library's checks (no check could refuse them): the
    results are the library's, and past the bound the library's checks run as before."""
    python = fusabi_host.compile_source(FEW).program.python_source()
    assert "_len(u_s) < _few_items" in python and "_len(u_xs) <= _few_items" in python
    default = instance(FEW)
    for text in ("", "a", ",", "a,b,,c", " x , y ", "x" * 5000 + "," * 3000):
        assert default.call("pieces", text) == text.split(",")
        assert default.call("row", text) == [piece.strip() for piece in text.split(",")]
    assert default.call("lengths", ["ab", "", "cde"]) == [2, 0, 3]
    assert default.call("lengths", ["x"] * 5000) == [1] * 5000


@pytest.mark.parametrize("limit", [1, 2, 3, 1023, 1024, 1025])
def test_few_items_follow_max_collection_size(limit: int) -> None:
    """Under a ``max_collection_size`` below :data:`~fusabi_host.lang.guard.FEW_ITEMS`, the
    inline paths are bounded by it: every collection past the limit is refused, as the
    library refuses it, and every one within it is built."""
    small = instance(FEW, max_collection_size=limit)
    for count in sorted({0, 1, 2, 3, limit - 1, limit, limit + 1}):
        if count < 0:
            continue
        text = ",".join(["p"] * count) if count else None
        items = ["p"] * count
        if count <= limit:
            assert small.call("lengths", items) == [1] * count
            if text is not None:
                assert small.call("pieces", text) == items
        else:
            with pytest.raises(LimitExceeded) as mapped:
                small.call("lengths", items)
            assert mapped.value.limit == "max_collection_size"
            with pytest.raises(LimitExceeded) as split:
                small.call("pieces", text)
            assert split.value.limit == "max_collection_size"


def test_few_items_are_the_current_runs() -> None:
    """``_few_items`` is the guard's of the run: a call under a smaller ``max_collection_size``
    given for that call refuses what the instance's own limits allow, and the next call under
    the instance's limits allows it again."""
    from fusabi_host.lang.guard import FEW_ITEM_BYTES, FEW_ITEMS, RunLimits
    from fusabi_host.lang.stdlib import inlined, string_module

    assert inlined._ARRAY_SLOT_BYTES <= FEW_ITEM_BYTES
    assert string_module._SPLIT_PIECE_BYTES <= FEW_ITEM_BYTES
    assert FEW_ITEMS * FEW_ITEM_BYTES <= (1 << 20)
    default = instance(FEW)
    assert default.call("pieces", "a,b,c") == ["a", "b", "c"]
    with pytest.raises(LimitExceeded) as refused:
        default.raw.call("pieces", "a,b,c", limits=RunLimits(max_collection_size=2))
    assert refused.value.limit == "max_collection_size"
    assert default.call("pieces", "a,b,c") == ["a", "b", "c"]


REVERSE = "let back (n: int) = List.rev [ 1 .. n ]"


@pytest.mark.parametrize("count", [0, 1, 2, 1023, 1024, 1025, 5000])
def test_a_list_is_reversed_alike_on_both_sides_of_few_items(count: int) -> None:
    """``List.rev`` reverses a list of at most ``FEW_ITEMS`` cells as it walks it, and a
    longer one after counting it: the result is the same either way."""
    default = instance(REVERSE)
    assert default.call("back", count) == list(range(count, 0, -1))


@pytest.mark.parametrize("limit", [1, 3, 1024, 1500])
def test_a_reversed_list_is_refused_past_max_collection_size(limit: int) -> None:
    """Past ``max_collection_size`` the reversal is refused, short list or long; within it,
    the list is built (``List.rev`` makes as many cells as it is given)."""
    from fusabi_host.lang.guard import FEW_ITEMS
    from fusabi_host.lang.stdlib import list_module

    assert list_module.cu.CELL_BYTES * FEW_ITEMS < (1 << 20)
    # (the host's list is converted without being refused, so below FEW_ITEMS it is the
    # reversal's own check that refuses: dropping it fails the limits 1 and 3)
    small = instance("let rev (xs: int list) = List.rev xs", max_collection_size=limit)
    assert small.call("rev", list(range(limit))) == list(range(limit))[::-1]
    with pytest.raises(LimitExceeded) as refused:
        small.call("rev", list(range(limit + 1)))
    assert refused.value.limit == "max_collection_size"
