"""Loading is under limits, and bad input only ever gives a clear FusabiError.

Every hostile input runs in a child process with a 2 GiB address-space cap and a kill timer
(a hang, an out-of-memory kill or a segfault is a failing test, never a dead pytest).  Each
test asserts the exception class, that the message names ``file:line`` where there is one,
and the time it took:

* types that grow exponentially are a ``CompileError`` "type too large" at the binding,
  from source, from ``.fzb`` bytecode and from ``Script.eval`` -- never an untyped fallback;
  with the size bound raised, the caller's deadline still stops inference (``LimitExceeded``);
* nesting past the parser's bound is a ``CompileError`` "nesting too deep" with its line;
* integer literals outside int64 are a ``CompileError`` at the literal;
* deep, huge or otherwise hostile manifests are a ``ManifestError`` naming the file.
"""

from __future__ import annotations

import ast
import json
import resource
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
ADDRESS_SPACE = 2 << 30
KILL_AFTER = 60.0
FAST = 5.0
"""Seconds a rejected input may take (they take milliseconds; slack for a busy CI box)."""
DEADLINE = 1.0
BOUND = 1.5
"""A load under a 1 s deadline ends within this many seconds."""

PRELUDE = r"""
import json, sys, time
from fusabi_host.errors import FusabiError

RECURSION_LIMIT = sys.getrecursionlimit()


def attempt(action):
    started = time.monotonic()
    out = {}
    try:
        out["value"] = repr(action())[:300]
    except BaseException as exc:  # everything is reported; the test judges it
        out["error"] = type(exc).__name__
        out["fusabi"] = isinstance(exc, FusabiError)
        out["message"] = str(exc)[:4000]
        out["limit"] = getattr(exc, "limit", None)
        out["diagnostics"] = [
            [d.filename, d.line, d.column, d.message] for d in getattr(exc, "diagnostics", ())
        ]
    out["elapsed"] = time.monotonic() - started
    out["recursion_limit_kept"] = sys.getrecursionlimit() == RECURSION_LIMIT
    print("REPORT " + json.dumps(out), flush=True)


def raise_type_bounds():
    # for the deadline tests: no size bound, so only the deadline can stop inference
    import fusabi_host.lang.infer as I
    import fusabi_host.lang.types as T

    T.MAX_TYPE_SIZE = I.MAX_TYPE_SIZE = 10**12
"""


def _cap() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


@dataclass
class Report:
    """What the child reported about its one ``attempt``."""

    data: dict[str, Any]

    @property
    def error(self) -> str | None:
        return self.data.get("error")

    @property
    def message(self) -> str:
        return str(self.data.get("message", ""))

    @property
    def elapsed(self) -> float:
        return float(self.data["elapsed"])

    @property
    def diagnostics(self) -> list[list[Any]]:
        return list(self.data.get("diagnostics", []))

    def expect(self, error: str, *words: str, within: float = FAST) -> Report:
        """It failed with *error* (a FusabiError), its message has *words*, in time."""
        assert self.error == error, self.data
        assert self.data["fusabi"], self.data
        for word in words:
            assert word in self.message, self.data
        assert self.elapsed <= within, f"took {self.elapsed:.3f} s: {self.data}"
        assert self.data["recursion_limit_kept"], self.data
        return self

    def at(self, filename: str, line: int, column: int | None = None) -> Report:
        """The first diagnostic is at *filename*:*line* (and *column*), and says so."""
        assert self.diagnostics, self.data
        file, at_line, at_column, _ = self.diagnostics[0]
        assert (file, at_line) == (filename, line), self.data
        if column is not None:
            assert at_column == column, self.data
        assert f"{filename}:{line}:" in self.message, self.data
        return self

    def ok(self, value: str | None = None, within: float = FAST) -> Report:
        assert self.error is None, self.data
        if value is not None:
            assert self.data["value"] == value, self.data
        assert self.elapsed <= within, f"took {self.elapsed:.3f} s: {self.data}"
        assert self.data["recursion_limit_kept"], self.data
        return self


def run_child(code: str, timeout: float = KILL_AFTER) -> Report:
    """Run *code* (after :data:`PRELUDE`) in a capped child; it calls ``attempt`` once."""
    try:
        done = subprocess.run(
            [sys.executable, "-c", PRELUDE + textwrap.dedent(code)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=timeout,
            preexec_fn=_cap,
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"the child hung past {timeout} s")
    assert done.returncode == 0, f"child died ({done.returncode}):\n{done.stderr[-3000:]}"
    lines = [line for line in done.stdout.splitlines() if line.startswith("REPORT ")]
    assert len(lines) == 1, f"no report:\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}"
    return Report(json.loads(lines[0][len("REPORT ") :]))


# --------------------------------------------------------------------------- exponential types


def _doubling(count: int, first: str, step: str, last: str) -> str:
    lines = [first] + [step.format(i=i, p=i - 1) for i in range(1, count + 1)] + [last]
    return "\n".join(lines) + "\n"


# name -> (source, line of the binding the error points at, name of that binding)
EXPONENTIAL: dict[str, tuple[str, int, str]] = {
    "each function applies the previous one twice": (
        _doubling(5, "let f0 x = (x, x)", "let f{i} x = f{p} (f{p} x)", "let r = f5 1"),
        5,
        "f4",
    ),
    "the classic nested let (each let doubles the type)": (
        "let r =\n"
        "    let p0 = fun x -> (x, x)\n"
        + "".join(f"    let p{i} = fun x -> p{i - 1} (p{i - 1} x)\n" for i in range(1, 6))
        + "    p5 (fun z -> z)\n",
        6,
        "p4",
    ),
    "nested let ... in on one line": (
        "let r = let p0 = fun x -> (x, x) in "
        + "".join(f"let p{i} = fun x -> p{i - 1} (p{i - 1} x) in " for i in range(1, 7))
        + "p6 1\n",
        1,
        "p4",
    ),
    "a tuple of the previous value twice": (
        _doubling(40, "let a0 = 1", "let a{i} = (a{p}, a{p})", "let r = a40"),
        14,
        "a13",
    ),
    "tuples doubling inside a function": (
        "let f x =\n"
        + "".join(f"    let a{i} = (a{i - 1}, a{i - 1})\n".replace("a0", "x") for i in range(1, 41))
        + "    a40\n",
        14,
        "a13",
    ),
    "one expression applying a pair maker forty times": (
        "let pair x = (x, x)\nlet r = " + "pair (" * 40 + "1" + ")" * 40 + "\n",
        2,
        "r",
    ),
    "type abbreviations doubling": (
        _doubling(40, "type T0 = int", "type T{i} = T{p} * T{p}", "let f (x: T40) = x"),
        42,
        "f",
    ),
    "a generic abbreviation nested": (
        "type P<'a> = 'a * 'a\nlet f (x: " + "P<" * 20 + "int" + ">" * 20 + ") = x\n",
        2,
        "f",
    ),
    "lists nesting twice as deep each time": (
        _doubling(14, "let f0 x = [x]", "let f{i} x = f{p} (f{p} x)", "let r = f14 1"),
        9,
        "f8",
    ),
}


@pytest.mark.parametrize(
    ("source", "line", "name"), EXPONENTIAL.values(), ids=list(EXPONENTIAL.keys())
)
def test_a_type_that_grows_exponentially_is_a_compile_error_at_the_binding(
    source: str, line: int, name: str
) -> None:
    report = run_child(
        f"""
        from fusabi_host import compile_source
        attempt(lambda: compile_source({source!r}, "hostile.fsx"))
        """
    )
    report.expect("CompileError", "type too large", f"'{name}'").at("hostile.fsx", line)
    assert len(report.diagnostics) == 1


def test_the_error_points_at_the_name_of_the_binding() -> None:
    source, line, _ = EXPONENTIAL["each function applies the previous one twice"]
    report = run_child(
        f"""
        from fusabi_host import compile_source
        attempt(lambda: compile_source({source!r}, "hostile.fsx"))
        """
    )
    report.expect("CompileError", "type too large").at("hostile.fsx", line, column=5)
    assert "10000 nodes" in report.message


def test_a_recursive_type_abbreviation_is_a_compile_error() -> None:
    report = run_child(
        """
        from fusabi_host import compile_source
        attempt(lambda: compile_source("type A = B * int\\nand B = A list\\nlet f (x: A) = x\\n",
                                       "hostile.fsx"))
        """
    )
    report.expect("CompileError", "abbreviation 'A' refers to itself").at("hostile.fsx", 3)


def test_types_within_the_bound_still_compile_typed() -> None:
    source = _doubling(3, "let f0 x = (x, x)", "let f{i} x = f{p} (f{p} x)", "let r = f3 1")
    report = run_child(
        f"""
        from fusabi_host.lang import compile_program
        attempt(lambda: (lambda p: (p.typed, p.type_of("f0")))(compile_program({source!r})))
        """
    )
    report.ok("(True, \"'a -> 'a * 'a\")")


def test_script_eval_of_an_exponential_type_is_a_catchable_compile_failure() -> None:
    source = EXPONENTIAL["each function applies the previous one twice"][0]
    inner = source.replace("\n", "\\n")
    plugin = (
        "let main () =\n"
        "    try\n"
        f'        Script.eval "{inner}" |> ignore\n'
        '        "compiled"\n'
        "    with e -> e.Message\n"
    )
    report = run_child(
        f"""
        from fusabi_host import compile_source
        attempt(lambda: compile_source({plugin!r}, "plugin.fsx").instantiate().call("main"))
        """
    )
    report.ok()
    assert "type too large" in report.data["value"], report.data
    assert "<Script.eval>:5:" in report.data["value"], report.data


def test_bytecode_whose_lifted_code_has_an_exponential_type_is_a_compile_error() -> None:
    source = EXPONENTIAL["each function applies the previous one twice"][0]
    report = run_child(
        f"""
        from fusabi_host import fzb, load_bytecode
        data = fzb.compile_source({source!r}, "hostile.fsx", type_check="warn")  # (unchecked)
        attempt(lambda: load_bytecode(data, "hostile.fzb"))
        """
    )
    report.expect("CompileError", "type too large")
    assert report.diagnostics[0][0] == "hostile.fzb", report.data
    assert "hostile.fzb:" in report.message


# --------------------------------------------------------------------------- the deadline

EXPLOSIVE = EXPONENTIAL["each function applies the previous one twice"][0].replace(
    "let r = f5 1", "let f6 x = f5 (f5 x)\nlet r = f6 1"
)


def test_inference_stops_at_the_deadline_even_without_a_size_bound() -> None:
    report = run_child(
        f"""
        raise_type_bounds()
        from fusabi_host.lang import compile_program
        from fusabi_host.lang.guard import RunLimits

        def load():
            with RunLimits(timeout={DEADLINE}).guard():
                compile_program({EXPLOSIVE!r}, "hostile.fsx", cache=False)

        attempt(load)
        """
    )
    report.expect("LimitExceeded", within=BOUND)
    assert report.data["limit"] == "timeout"


def test_a_public_load_with_a_deadline_stops_at_it() -> None:
    report = run_child(
        f"""
        raise_type_bounds()
        from fusabi_host import Limits, compile_source
        attempt(lambda: compile_source({EXPLOSIVE!r}, "hostile.fsx",
                                       limits=Limits(timeout={DEADLINE})))
        """
    )
    report.expect("LimitExceeded", within=BOUND)
    assert report.data["limit"] == "timeout"


def test_a_bytecode_load_with_a_deadline_stops_at_it() -> None:
    report = run_child(
        f"""
        raise_type_bounds()
        from fusabi_host import Limits, fzb, load_bytecode
        data = fzb.compile_source({EXPLOSIVE!r}, "hostile.fsx", type_check="warn")
        attempt(lambda: load_bytecode(data, "hostile.fzb", limits=Limits(timeout={DEADLINE})))
        """
    )
    report.expect("LimitExceeded", within=BOUND)
    assert report.data["limit"] == "timeout"


def test_script_eval_compiles_under_the_callers_deadline() -> None:
    inner = EXPLOSIVE.replace("\n", "\\n")
    plugin = f'let main () = Script.eval "{inner}"\n'
    report = run_child(
        f"""
        raise_type_bounds()
        from fusabi_host import EngineConfig, Limits, compile_source
        unit = compile_source({plugin!r}, "plugin.fsx")
        instance = unit.instantiate(EngineConfig(limits=Limits(timeout={DEADLINE})))
        attempt(lambda: instance.call("main"))
        """
    )
    report.expect("LimitExceeded", within=BOUND)
    assert report.data["limit"] == "timeout"


def test_lexing_and_parsing_a_huge_file_stop_at_the_deadline() -> None:
    report = run_child(
        f"""
        from fusabi_host.lang import compile_program
        from fusabi_host.lang.guard import RunLimits
        source = "let a = [" + "1; " * 3_000_000 + "]\\n"

        def load():
            with RunLimits(timeout={DEADLINE}).guard():
                compile_program(source, "huge.fsx", cache=False)

        attempt(load)
        """
    )
    report.expect("LimitExceeded", within=BOUND)


# --------------------------------------------------------------------------- nesting

DEEP = 100_000

# name -> (Python expression building the source, line of the error)
NESTED: dict[str, tuple[str, int]] = {
    "parentheses": (f'"let x = " + "(" * {DEEP} + "1" + ")" * {DEEP}', 1),
    "lists": (f'"let x = " + "[" * {DEEP} + "1" + "]" * {DEEP}', 1),
    "arrays": (f'"let x = " + "[|" * {DEEP} + "1" + "|]" * {DEEP}', 1),
    "anonymous records": (f'"let x = " + "{{| a = " * {DEEP} + "1" + " |}}" * {DEEP}', 1),
    "tuples": (f'"let x = " + "(1, " * {DEEP} + "1" + ")" * {DEEP}', 1),
    "ifs": (f'"let x = " + "if true then " * {DEEP} + "1" + " else 0" * {DEEP}', 1),
    "lambdas": (f'"let x = " + "fun a -> " * {DEEP} + "1"', 1),
    "applications": (f'"let x = " + "id (" * {DEEP} + "1" + ")" * {DEEP}', 1),
    "a chain of +": (f'"let x = " + "1 + " * {DEEP} + "1"', 1),
    "a chain of ::": (f'"let x = " + "1 :: " * {DEEP} + "[]"', 1),
    "a chain of |>": (f'"let x = 1" + " |> id" * {DEEP}', 1),
    "a chain of ^": (f'"let x = " + " ^ ".join([chr(34) + "a" + chr(34)] * {DEEP})', 1),
    "prefix operators": (f'"let x = " + "- " * {DEEP} + "1"', 1),
    "a chain of fields": (f'"let r = {{| a = 1 |}}\\nlet y = r" + ".a" * {DEEP}', 2),
    "matches": (f'"let x = " + "match 1 with _ -> " * {DEEP} + "1"', 1),
    "lets in one block": (
        f'"let f () =\\n" + "".join(f"    let a{{i}} = {{i}}\\n" for i in range({DEEP})) + "    0"',
        1001,
    ),
    "an elif chain": (
        f'"let x = 3\\nlet y =\\n    if x = 0 then 0\\n"'
        f' + "".join(f"    elif x = {{i}} then {{i}}\\n" for i in range({DEEP})) + "    else 1"',
        1000,
    ),
    "parenthesised patterns": (f'"let " + "(" * {DEEP} + "x" + ")" * {DEEP} + " = 1"', 1),
    "cons patterns": (
        f'"let f xs =\\n    match xs with\\n    | " + "a :: " * {DEEP} + "_ -> 1\\n    | _ -> 2"',
        3,
    ),
    "or-patterns": (
        f'"let f x =\\n    match x with\\n    | "'
        f' + " | ".join(["1"] * {DEEP}) + " -> 1\\n    | _ -> 2"',
        3,
    ),
    "parenthesised types": (f'"let f (x: " + "(" * {DEEP} + "int" + ")" * {DEEP} + ") = x"', 1),
    "a type applied again and again": (f'"let f (x: int" + " list" * {DEEP} + ") = x"', 1),
    "a function type of many arguments": (
        f'"let f (x: " + " -> ".join(["int"] * {DEEP}) + ") = x"',
        1,
    ),
    "modules": (
        '"".join(" " * i + f"module M{i} =\\n" for i in range(1500)) + " " * 1500 + "let x = 1"',
        1001,
    ),
}


@pytest.mark.parametrize(("build", "line"), NESTED.values(), ids=list(NESTED.keys()))
def test_nesting_past_the_bound_is_a_compile_error_with_its_line(build: str, line: int) -> None:
    report = run_child(
        f"""
        from fusabi_host import compile_source
        source = {build}
        attempt(lambda: compile_source(source, "deep.fsx"))
        """
    )
    report.expect("CompileError", "nesting too deep", "1000 levels").at("deep.fsx", line)


def test_nesting_in_a_loaded_file_is_reported_in_that_file(tmp_path: Path) -> None:
    (tmp_path / "inner.fsx").write_text("let x = " + "(" * DEEP + "1" + ")" * DEEP + "\n")
    (tmp_path / "main.fsx").write_text('#load "inner.fsx"\nlet y = x\n')
    report = run_child(
        f"""
        from fusabi_host import compile_file
        attempt(lambda: compile_file({str(tmp_path / "main.fsx")!r}))
        """
    )
    report.expect("CompileError", "nesting too deep").at(str(tmp_path / "inner.fsx"), 1)


def test_a_deep_type_in_a_library_signature_or_trailer_is_a_compile_error() -> None:
    report = run_child(
        f"""
        from fusabi_host.lang.parser import parse_type
        attempt(lambda: parse_type("(" * {DEEP} + "int" + ")" * {DEEP}))
        """
    )
    report.expect("CompileError", "nesting too deep")


# name -> (a Python expression building a source nested just within the bound, value of x)
WITHIN: dict[str, tuple[str, str]] = {
    "parentheses": ('"let x = " + "(" * 900 + "1" + ")" * 900', "1"),
    "a chain of +": ('"let x = " + "1 + " * 900 + "1"', "901"),
    "a chain of ::": ('"let x = List.length (" + "1 :: " * 900 + "[])"', "900"),
    # 1,800 operators, nested 900 deep: each product is its own chain, inside a sum
    "a chain of + over products": ('"let x = " + "1 * 1 + " * 900 + "1"', "901"),
    "a chain of && over comparisons": (
        '"let x = " + "1 < 2 && " * 900 + "true"',
        "True",
    ),
    "a chain of |>": ('"let x = 1" + " |> id" * 900', "1"),
    "lets in one block": (
        '"let x =\\n" + "".join(f"    let a{i} = {i}\\n" for i in range(900)) + "    a899"',
        "899",
    ),
    "an elif chain": (
        '"let n = 3\\nlet x =\\n    if n = 0 then 0\\n"'
        ' + "".join(f"    elif n = {i} then {i}\\n" for i in range(1, 400)) + "    else 1"',
        "3",
    ),
    "applications": ('"let x = " + "id (" * 900 + "1" + ")" * 900', "1"),
}


@pytest.mark.parametrize(("build", "value"), WITHIN.values(), ids=list(WITHIN.keys()))
def test_nesting_within_the_bound_passes_the_front_end(build: str, value: str) -> None:
    """Parsing, lowering and inference handle a tree nested up to the bound."""
    report = run_child(
        f"""
        from fusabi_host.lang.infer import infer_unit
        from fusabi_host.lang.lower import lower
        from fusabi_host.lang.parser import parse
        source = {build}
        attempt(lambda: infer_unit(lower(parse(source, "deep.fsx"))).ok)
        """
    )
    report.ok("True")


@pytest.mark.parametrize(("build", "value"), WITHIN.values(), ids=list(WITHIN.keys()))
def test_nesting_within_the_bound_compiles_and_runs(build: str, value: str) -> None:
    """Code generation and Python's ``compile()`` run in the parser's recursion room too (and
    the process-wide recursion limit is back afterwards: ``ok`` checks it)."""
    report = run_child(
        f"""
        from fusabi_host import compile_source
        source = {build}
        attempt(lambda: compile_source(source, "deep.fsx").instantiate().get("x"))
        """
    )
    report.ok(value)


SMALL_STACK = 256 << 10
"""A C stack far smaller than the compiler's helper thread's (or than Linux's default 8 MiB)."""

# the constructs that generate the deepest Python AST per level of nesting, at the bound
DEEPEST_AST: dict[str, tuple[str, str]] = {
    "a chain of typed *": ('"let x = " + "1 * " * 990 + "1"', "1"),
    "a chain of typed -": ('"let x = " + "1 - " * 990 + "1"', "-989"),
    "a chain of typed +": ('"let x = " + "1 + " * 990 + "1"', "991"),
    "a chain of typed string +": (
        '"let x = String.length (" + chr(34) + "a" + chr(34)'
        ' + (" + " + chr(34) + "a" + chr(34)) * 980 + ")"',
        "981",
    ),
}


@pytest.mark.parametrize(("build", "value"), DEEPEST_AST.values(), ids=list(DEEPEST_AST.keys()))
def test_the_deepest_allowed_tree_compiles_on_a_small_thread_stack(build: str, value: str) -> None:
    """``compile()`` recurses in C, one frame per AST level; a tree within the parser's bound
    (about 5,000 AST levels) compiles even when the caller's thread has a 256 KiB C stack,
    because deep trees are compiled on a helper thread with a large stack.  A segfault would
    be a dead child, i.e. a failing test."""
    report = run_child(
        f"""
        import threading
        from fusabi_host import compile_source
        from fusabi_host.lang import compiler
        source = {build}
        box = []
        def load():
            box.append(compile_source(source, "deep.fsx").instantiate().get("x"))
        threading.stack_size({SMALL_STACK})
        worker = threading.Thread(target=load)
        worker.start()
        worker.join()
        attempt(lambda: box[0] if box else "the worker failed")
        """
    )
    report.ok(value)


def test_a_generated_tree_past_the_ast_bound_is_a_compile_error() -> None:
    """The bound on the generated tree holds on its own (here lowered to 100 levels, where
    the chain needs about 500): a ``CompileError``, never a crash inside ``compile()``."""
    report = run_child(
        """
        from fusabi_host import compile_source
        from fusabi_host.lang import compiler
        compiler.MAX_AST_DEPTH = 100
        attempt(lambda: compile_source("let x = " + "1 * " * 100 + "1", "deep.fsx"))
        """
    )
    report.expect("CompileError", "nesting too deep", "deep.fsx", "(the limit is 100)")


# --------------------------------------------------------------------------- literals


def test_a_5000_digit_integer_is_out_of_range_at_its_position() -> None:
    report = run_child(
        """
        from fusabi_host import compile_source
        source = "let a = 1\\n\\nlet big = " + "7" * 5000 + "\\n"
        attempt(lambda: compile_source(source, "numbers.fsx"))
        """
    )
    report.expect("CompileError", "outside the range of int", "5000 digits")
    report.at("numbers.fsx", 3, column=11)
    assert len(report.message.splitlines()[0]) < 300  # (the literal is not repeated in full)


@pytest.mark.parametrize(
    "literal",
    ["9223372036854775808", "99999999999999999999", "1" * 5000 + "L"],
    ids=["int64 max + 1", "20 digits", "5000 digits with L"],
)
def test_integer_literals_past_int64_are_compile_errors(literal: str) -> None:
    report = run_child(
        f"""
        from fusabi_host import compile_source
        attempt(lambda: compile_source("let x = {literal}", "numbers.fsx"))
        """
    )
    report.expect("CompileError", "outside the range of int").at("numbers.fsx", 1, column=9)


def test_hexadecimal_literals_past_64_bits_are_compile_errors() -> None:
    report = run_child(
        """
        from fusabi_host import compile_source
        attempt(lambda: compile_source("let x = 0x" + "f" * 5000, "numbers.fsx"))
        """
    )
    report.expect("CompileError", "does not fit in 64 bits").at("numbers.fsx", 1, column=9)


@pytest.mark.parametrize(
    ("source", "value"),
    [
        ("let x = -9223372036854775808", "-9223372036854775808"),
        ("let x = 9223372036854775807", "9223372036854775807"),
        ("let x = 0" + "0" * 5000 + "7", "7"),
        ("let x = 0x" + "0" * 5000 + "ff", "255"),
        ("let x = " + "1" * 5000 + ".0", "inf"),
        ("let x = 0." + "0" * 5000 + "1", "0.0"),
        ("let x = 3." + "3" * 5000, "3.3333333333333335"),
        ("let x = 1e99999", "inf"),
    ],
    ids=["int64 min", "int64 max", "leading zeros", "hex leading zeros", "huge float",
         "tiny float", "long float", "float exponent"],
)  # fmt: skip
def test_long_but_valid_numbers_work(source: str, value: str) -> None:
    report = run_child(
        f"""
        from fusabi_host import compile_source
        attempt(lambda: compile_source({source!r}, "numbers.fsx").instantiate().get("x"))
        """
    )
    report.ok(value)


@pytest.mark.parametrize("digits", ["1\u00b2", "\u0661\u0662", "1.5\u00b2"])
def test_non_ascii_digits_are_compile_errors(digits: str) -> None:
    report = run_child(
        f"""
        from fusabi_host import compile_source
        attempt(lambda: compile_source("let x = {digits}", "numbers.fsx"))
        """
    )
    report.expect("CompileError", "unexpected character").at("numbers.fsx", 1)


# --------------------------------------------------------------------------- the lexer

LEXER = {
    "100,000 stray characters": '"let x = 1\\n" + "`" * 100_000',
    "100,000 lines of bad escapes": '"let s = 1\\n" + "let t = \\"\\\\u12\\"\\n" * 100_000',
    "200,000 '#' on one line": '"let x = 1 " + "#" * 200_000',
    "an unterminated comment of 10 MB": '"(* " + "x" * 10_000_000',
    "100,000 unclosed nested comments": '"let x = 1\\n" + "(* " * 100_000',
    "an unterminated string of 10 MB": '"let s = \\"" + "x" * 10_000_000',
}


@pytest.mark.parametrize("build", LEXER.values(), ids=list(LEXER.keys()))
def test_lexical_errors_are_few_and_fast(build: str) -> None:
    report = run_child(
        f"""
        from fusabi_host import compile_source
        source = {build}
        attempt(lambda: compile_source(source, "lex.fsx"))
        """
    )
    report.expect("CompileError")
    assert 1 <= len(report.diagnostics) <= 25, report.data
    assert report.diagnostics[0][0] == "lex.fsx"


def test_a_long_comment_and_a_long_string_compile_in_linear_time() -> None:
    report = run_child(
        """
        from fusabi_host import compile_source
        comment = "(* " + "(* *) x\\n" * 500_000 + " *)\\n"
        source = comment + "let s = \\"" + "ab\\\\n" * 1_000_000 + "\\""
        attempt(lambda: len(compile_source(source, "long.fsx").instantiate().get("s")))
        """
    )
    report.ok("3000000")


# --------------------------------------------------------------------------- manifests

MANIFEST_HEAD = 'name = "hostile"\nversion = "1.0.0"\napi-version = "0.1.0"\nsource = "main.fsx"\n'


def _manifest_child(path: Path, text: str | None = None) -> Report:
    if text is not None:
        path.write_text(text)
    return run_child(
        f"""
        from fusabi_host import Manifest
        attempt(lambda: Manifest.from_file({str(path)!r}))
        """
    )


MANIFESTS = {
    "100,000 nested arrays": MANIFEST_HEAD + "tags = " + "[" * DEEP + "]" * DEEP + "\n",
    "10,000 nested inline tables": MANIFEST_HEAD + "x = " + "{a = " * 10_000 + "1" + "}" * 10_000,
    "arrays and tables mixed": MANIFEST_HEAD + "x = " + "[{a = " * 5_000 + "1" + "}]" * 5_000,
    "33 nested arrays": MANIFEST_HEAD + "tags = " + "[" * 33 + "]" * 33 + "\n",
}


@pytest.mark.parametrize("text", MANIFESTS.values(), ids=list(MANIFESTS.keys()))
def test_deeply_nested_toml_is_a_manifest_error_naming_the_file(tmp_path: Path, text: str) -> None:
    path = tmp_path / "plugin.toml"
    report = _manifest_child(path, text)
    report.expect("ManifestError", str(path), "nest too deeply", "line 5")


def test_nesting_within_the_bound_reaches_validation(tmp_path: Path) -> None:
    path = tmp_path / "plugin.toml"
    text = MANIFEST_HEAD + "x = " + "[" * 32 + "]" * 32 + "\n"
    report = _manifest_child(path, text)
    report.expect("ManifestError", str(path), "unknown key 'x'")
    assert "too deeply" not in report.message


def test_brackets_inside_strings_and_comments_do_not_count(tmp_path: Path) -> None:
    path = tmp_path / "plugin.toml"
    text = (
        MANIFEST_HEAD
        + 'description = "' + "[{" * 100 + '"\n'
        + "license = '" + "[" * 100 + "'\n"
        + "# " + "[" * 100 + "\n"
        + 'authors = ["""' + "[" * 100 + '""""]\n'
    )  # fmt: skip
    report = _manifest_child(path, text)
    report.ok()


def test_a_manifest_over_1_mib_is_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "plugin.toml"
    report = _manifest_child(path, MANIFEST_HEAD + "# " + "x" * (2 << 20) + "\n")
    report.expect("ManifestError", str(path), "at most 1 MiB")


def test_a_manifest_linked_to_an_endless_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "plugin.toml"
    path.symlink_to("/dev/zero")
    report = _manifest_child(path)
    report.expect("ManifestError", str(path), "at most 1 MiB")


def test_a_manifest_number_with_5000_digits_is_a_manifest_error(tmp_path: Path) -> None:
    path = tmp_path / "plugin.toml"
    report = _manifest_child(path, MANIFEST_HEAD + "x = " + "7" * 5000 + "\n")
    report.expect("ManifestError", str(path), "too many digits")


@pytest.mark.parametrize(
    "text",
    ["[" * DEEP + "]" * DEEP, '{"name": ' + "7" * 5000 + "}", "x" * (2 << 20)],
    ids=["deep arrays", "5000 digits", "over 1 MiB"],
)
def test_hostile_json_manifests_are_manifest_errors(tmp_path: Path, text: str) -> None:
    path = tmp_path / "plugin.json"
    report = _manifest_child(path, text)
    report.expect("ManifestError", str(path))


def test_hostile_toml_text_is_a_manifest_error_naming_its_source() -> None:
    report = run_child(
        f"""
        from fusabi_host import Manifest
        attempt(lambda: Manifest.from_toml("x = " + "[" * {DEEP}, source="given.toml"))
        """
    )
    report.expect("ManifestError", "given.toml", "nest too deeply")


# name -> (manifest text within 1 MiB, words of the one problem reported)
HUGE_MANIFESTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "90,000 keys (was quadratic: minutes)": (
        MANIFEST_HEAD + "".join(f"k{i} = 1\n" for i in range(90_000)),
        ("$:", "a table of 90004 keys", "at most 10000"),
    ),
    "60,000 metadata keys in an inline table": (
        MANIFEST_HEAD + "metadata = {" + ", ".join(f"k{i} = {i}" for i in range(60_000)) + "}\n",
        ("$.metadata:", "a table of 60000 keys"),
    ),
    "60,000 capabilities": (
        MANIFEST_HEAD + "capabilities = [" + ", ".join(f'"fs:x{i}"' for i in range(60_000)) + "]\n",
        ("$.capabilities:", "an array of 60000 items"),
    ),
    "a 1,000,000-character string": (
        MANIFEST_HEAD + 'description = "' + "x" * 1_000_000 + '"\n',
        ("$.description:", "a string of 1000000 characters", "at most 65536"),
    ),
    "a 100,000-character key": (
        MANIFEST_HEAD + "[metadata]\n" + "k" * 100_000 + ' = "v"\n',
        ("$.metadata:", "a key of 100000 characters"),
    ),
    "100,000 dotted key parts": (
        MANIFEST_HEAD + "x" + ".a" * 100_000 + " = 1\n",
        ("nest too deeply",),
    ),
    "a table header of 100,000 parts": (
        MANIFEST_HEAD + "[x" + ".a" * 100_000 + "]\n",
        ("nest too deeply",),
    ),
}


@pytest.mark.parametrize(
    ("text", "words"), HUGE_MANIFESTS.values(), ids=list(HUGE_MANIFESTS.keys())
)
def test_huge_manifests_are_one_short_manifest_error(
    tmp_path: Path, text: str, words: tuple[str, ...]
) -> None:
    path = tmp_path / "plugin.toml"
    assert len(text.encode()) <= 1 << 20
    report = _manifest_child(path, text)
    report.expect("ManifestError", str(path), *words)
    assert len(report.message) < 1000, report.message[:2000]


def test_many_invalid_items_are_reported_as_a_bounded_list(tmp_path: Path) -> None:
    """9,000 bad capabilities (each with a "did you mean") within the size bounds: one error
    listing the first 100 and counting the rest, in time."""
    path = tmp_path / "plugin.toml"
    caps = ", ".join(f'"fs:tele{i}"' for i in range(9_000))
    path.write_text(MANIFEST_HEAD + f"capabilities = [{caps}]\n")
    report = run_child(
        f"""
        from fusabi_host import Manifest, ManifestError
        def load():
            try:
                Manifest.from_file({str(path)!r})
            except ManifestError as error:
                problems = error.problems
                head = str(error).splitlines()[0]
                return (len(problems), problems[99].path, error.omitted, head, len(str(error)))
        attempt(load)
        """
    )
    report.ok()
    count, last_path, omitted, head, length = ast.literal_eval(report.data["value"])
    assert (count, last_path, omitted) == (100, "$.capabilities[99]", 8900)
    assert head == "9000 problems in manifest:"  # the count is of problems, not of lines
    assert length < 101 * 400, length  # (was megabytes: one line per problem, 9,000 of them)


def test_from_dict_data_is_bounded_too() -> None:
    """Data handed to ``Manifest.from_dict`` was never pre-scanned: deep or huge data is
    refused by the same bounds, iteratively (no RecursionError)."""
    report = run_child(
        """
        from fusabi_host import Manifest
        deep = []
        for _ in range(100_000):
            deep = [deep]
        data = {"name": "p", "version": "1.0.0", "api-version": "0.1.0", "source": "m.fsx"}
        attempt(lambda: Manifest.from_dict({**data, "tags": deep}, source="given"))
        """
    )
    report.expect("ManifestError", "given", "nest too deeply")


# --------------------------------------------------------------------------- bytecode


def test_a_long_bytecode_program_keeps_inference_iterative() -> None:
    """The lifter makes one ``let`` per instruction; inference walks such chains in a loop."""
    report = run_child(
        """
        from fusabi_host import fzb
        from fusabi_host.lang.fzb.codec import loads
        from fusabi_host.lang.fzb.lift import lift
        from fusabi_host.lang.fzb.trailer import decode_trailer
        from fusabi_host.lang.infer import infer_unit
        source = "".join(f"printfn \\"{i}\\"\\n" for i in range(3000)) + "let r = 1\\n"
        chunk = loads(fzb.compile_source(source, "long.fsx"))
        unit = lift(chunk, decode_trailer(chunk.trailer), "long.fzb")
        attempt(lambda: infer_unit(unit).ok)
        """
    )
    report.ok("True")


@pytest.mark.parametrize("count", [3000, 12_000])
def test_a_long_bytecode_program_loads(count: int) -> None:
    """The lifter makes one ``let`` per instruction; code generation walks such chains in a
    loop, so the program's length is not bounded by the recursion limit."""
    report = run_child(
        f"""
        from fusabi_host import fzb, load_bytecode
        source = "".join(f"printfn \\"{{i}}\\"\\n" for i in range({count})) + "let r = 1\\n"
        data = fzb.compile_source(source, "long.fsx")
        attempt(lambda: load_bytecode(data, "long.fzb").instantiate(stdout=lambda t: None).get("r"))
        """
    )
    report.ok("1", within=KILL_AFTER)  # (a bound, not a speed: 12,000 lets take seconds)
