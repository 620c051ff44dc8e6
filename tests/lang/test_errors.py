"""Errors: CompileError diagnostics (file:line:col, expected/found, source line and caret, several
errors at once) and runtime errors that never leak Python exceptions."""

from __future__ import annotations

import textwrap

import pytest

import fusabi_host
from fusabi_host.errors import Diagnostic

WARN = fusabi_host.EngineConfig(type_check="warn")  # ill-typed programs run, checked at run time


def bug(reason: str) -> pytest.MarkDecorator:
    return pytest.mark.xfail(strict=True, reason=f"BUG: {reason}")


def src(text: str) -> str:
    return textwrap.dedent(text).strip("\n") + "\n"


def compile_error(text: str, filename: str = "e.fsx") -> fusabi_host.CompileError:
    with pytest.raises(fusabi_host.CompileError) as info:
        fusabi_host.compile_source(text, filename)
    error = info.value
    assert isinstance(error, fusabi_host.FusabiError)
    assert error.diagnostics
    return error


# --------------------------------------------------------------------------------------------
# Compile errors: position and shape
# --------------------------------------------------------------------------------------------

SYNTAX_ERRORS = [
    # (source, line, column, words the message must contain)
    pytest.param("let x = 1 +* 2", 1, 12, ["expected", "found", "*"], id="bad-operand"),
    pytest.param(
        "if true then 1 else", 1, 20, ["expected", "end of file"], id="missing-else-branch"
    ),
    pytest.param("match 1 with", 1, 13, ["expected", "pattern"], id="match-without-arms"),
    pytest.param("let f x = x\nf 1 2 )", 2, 7, ["expected", "found", ")"], id="stray-paren"),
    pytest.param(
        "let x = (1 + \nlet y = 2\n", 2, 1, ["expected", "found"], id="unfinished-expression"
    ),
    pytest.param(
        "let xs = [1; 2\nlet k = 4\n", 2, 1, ["expected", "]", "found"], id="unclosed-bracket"
    ),
    pytest.param("let x = 1\n  let y = 2", 2, 3, ["indentation", "found"], id="bad-indentation"),
    pytest.param('let s = "abc', 1, 9, ["unterminated", "string"], id="unterminated-string"),
    pytest.param("(* unterminated", 1, 1, ["unterminated", "comment"], id="unterminated-comment"),
    pytest.param("let x = $", 1, 9, ["expected", "found", "$"], id="bad-character"),
    pytest.param("let x = 0x", 1, 9, ["hexadecimal"], id="empty-hex"),
    pytest.param("let x = 99999999999999999999", 1, 9, ["64-bit"], id="int-too-large"),
    pytest.param("let f = fun x ->", 1, 17, ["expected", "end of file"], id="lambda-without-body"),
    pytest.param("let = 5", 1, 5, ["expected", "found"], id="let-without-name"),
    pytest.param(
        "type T = { A: }", 1, 15, ["expected", "type", "found"], id="record-field-without-type"
    ),
    pytest.param(
        "let f x =\n    match x with\n    | 1 ->\n", 4, 1, ["expected"], id="arm-without-body"
    ),
]


@pytest.mark.parametrize(("text", "line", "column", "words"), SYNTAX_ERRORS)
def test_syntax_error_position_and_message(
    text: str, line: int, column: int, words: list[str]
) -> None:
    error = compile_error(text)
    first = error.diagnostics[0]
    assert isinstance(first, Diagnostic)
    assert (first.filename, first.line, first.column) == ("e.fsx", line, column)
    assert "\n" not in first.message
    for word in words:
        assert word in first.message
    rendered = str(error)
    assert rendered.startswith(f"e.fsx:{line}:{column}: ")


@pytest.mark.parametrize(
    ("text", "line", "column", "name"),
    [
        ("let x = 1\nlet y = foo + 1\n", 2, 9, "foo"),
        ("let rec f x = g x\nf 1", 1, 15, "g"),
        ("let x = y\nlet y = 1", 1, 9, "y"),
        ("module M =\n    let a = 1\nM.b", 3, 1, "b"),
    ],
)
def test_undefined_name(text: str, line: int, column: int, name: str) -> None:
    error = compile_error(text)
    first = error.diagnostics[0]
    assert (first.line, first.column) == (line, column)
    assert f"'{name}'" in first.message


def test_error_shows_source_line_and_caret() -> None:
    error = compile_error("let a = 1\nlet total = a + undefinedThing\n")
    first = error.diagnostics[0]
    assert first.source_line == "let total = a + undefinedThing"
    lines = str(error).split("\n")
    assert lines[0] == "e.fsx:2:17: 'undefinedThing' is not defined"
    assert lines[1].strip() == "let total = a + undefinedThing"
    caret_line = lines[2]
    assert caret_line.strip() == "^"
    assert caret_line.index("^") - lines[1].index("let") == 16


def test_error_line_and_column_count_from_one_after_comments_and_strings() -> None:
    text = '(* a\n   comment *)\nlet s = "multi\nline"\nlet z = nope\n'
    first = compile_error(text).diagnostics[0]
    assert (first.line, first.column) == (5, 9)


def test_error_column_after_tabs_and_unicode() -> None:
    first = compile_error('let s = "héllo" + missingName\n').diagnostics[0]
    assert (first.line, first.column) == (1, 19)


def test_compile_error_attributes() -> None:
    error = compile_error("let x = 1\nlet y = foo\n", "plugin.fsx")
    assert (error.filename, error.line, error.column) == ("plugin.fsx", 2, 9)


def test_default_filename() -> None:
    with pytest.raises(fusabi_host.CompileError) as info:
        fusabi_host.compile_source("let x = foo")
    assert info.value.diagnostics[0].filename == "<string>"


# --------------------------------------------------------------------------------------------
# Several errors at once
# --------------------------------------------------------------------------------------------


def test_two_undefined_names_reported_together() -> None:
    error = compile_error("let x = 1\nlet y = foo + 1\nlet z = bar 2\n")
    positions = [(d.line, d.column) for d in error.diagnostics]
    assert positions == [(2, 9), (3, 9)]
    assert "foo" in error.diagnostics[0].message
    assert "bar" in error.diagnostics[1].message
    assert "e.fsx:2:9" in str(error) and "e.fsx:3:9" in str(error)


def test_two_syntax_errors_in_different_declarations() -> None:
    error = compile_error("let f x = x +\nlet g = 3\nlet h = [1; 2\nlet k = 4\n")
    assert [(d.line, d.column) for d in error.diagnostics] == [(2, 1), (4, 1)]


def test_undefined_names_in_separate_functions() -> None:
    text = src(
        """
        let f x =
            x + missingOne
        let g y =
            let z = y * 2
            z + missingTwo
        """
    )
    error = compile_error(text)
    assert [d.line for d in error.diagnostics] == [2, 5]


def test_no_cascade_after_failed_declaration() -> None:
    error = compile_error("let counter () =\n    let n = nope 0\n    n\nlet c = counter ()\nc\n")
    assert [d.line for d in error.diagnostics] == [2]


# --------------------------------------------------------------------------------------------
# Runtime errors never leak Python exceptions
# --------------------------------------------------------------------------------------------

PYTHON_ERRORS = (
    TypeError,
    ValueError,
    KeyError,
    IndexError,
    AttributeError,
    ZeroDivisionError,
    RecursionError,
    OverflowError,
    AssertionError,
)

RUNTIME_ERRORS = [
    "List.head []",
    "List.tail []",
    "List.find (fun x -> x > 5) [1]",
    "List.reduce (+) []",
    "List.max []",
    "List.item 10 [1]",
    "List.zip [1] [1; 2]",
    "List.init -1 id",
    "Array.create -1 0",
    "Array.get 5 [|1|]",
    'String.replicate -1 "a"',
    '"abc".[10]',
    "[1; 2].[5]",
    'int "abc"',
    'float "x"',
    '"a" + 1',
    '1 + "a"',
    "let f x = x\nf 1 2",
    "(fun x -> x.Foo) 3",
    "char -1",
    "Math.sqrt -1.0",
    "Math.log 0.0",
    "Math.asin 2.0",
    'Map.find "x" Map.empty',
    'Json.parse "{bad"',
    "Json.stringify (fun x -> x)",
    "compare (fun x -> x) (fun y -> y)",
    "hash (fun x -> x)",
    "1 / 0",
    "-9223372036854775808 / -1",
    "let rec f n = 1 + f (n + 1)\nf 0",
    'failwith "plain failure"',
    'raise (Failure "x")',
    "exception E of int\nraise (E 3)",
    'sprintf "%d" "x"',
    "int 1e30",
    "int nan",
    "Seq.take 2 5",
    "Set.ofList [1] |> Set.minElement |> ignore\nSet.minElement Set.empty",
    "Option.get None",
    "List.exactlyOne [1; 2]",
    'String.substring 3 10 "abc"',
]


@pytest.mark.parametrize("text", RUNTIME_ERRORS)
def test_runtime_errors_are_fusabi_errors(text: str) -> None:
    with pytest.raises(fusabi_host.FusabiError) as info:
        fusabi_host.run_source(text, config=WARN)
    error = info.value
    assert isinstance(error, (fusabi_host.FusabiRuntimeError, fusabi_host.LimitExceeded))
    assert not isinstance(error, PYTHON_ERRORS)
    assert "Traceback (most recent call last)" not in str(error)


# Library functions applied to values of the wrong type: refused at compile time; with
# type_check="warn" the program runs on the dynamic path, and the error must be a Fusabi error
# that says what was expected, not a Python exception message.
WRONG_TYPES = [
    'String.concat 1 ["a"]',
    "List.map 1 [1]",
    "List.length 5",
    "String.length 5",
    "Map.add 1 2 3",
    'Array.get "a" [|1|]',
    'String.split 1 "a"',
    "Set.add 1 [1]",
    "List.zip 1 2",
    "Option.map (fun x -> x) 5",
    "Result.map (fun x -> x) 5",
    "String.replace 1 2 3",
    "Url.encode 5",
    "Time.format 5 5",
    "List.init 3 5",
    "List.head 5",
    'String.join "-" (Map.ofList [("b", 1)])',
]


@pytest.mark.parametrize("text", WRONG_TYPES)
def test_wrong_argument_types_give_fusabi_messages(text: str) -> None:
    with pytest.raises(fusabi_host.FusabiRuntimeError) as info:
        fusabi_host.run_source(text, config=WARN)
    assert "internal error" not in str(info.value)


@pytest.mark.parametrize("text", WRONG_TYPES)
def test_wrong_argument_types_are_refused_at_compile_time(text: str) -> None:
    with pytest.raises(fusabi_host.CompileError) as info:
        fusabi_host.run_source(text)
    assert "expected" in str(info.value)


@pytest.mark.parametrize("text", WRONG_TYPES)
def test_wrong_argument_types_are_still_fusabi_errors(text: str) -> None:
    with pytest.raises(fusabi_host.FusabiError) as info:
        fusabi_host.run_source(text, config=WARN)
    assert not isinstance(info.value, PYTHON_ERRORS)


@pytest.mark.parametrize(
    "text",
    [
        'Math.sqrt "x"',
        'sprintf "%d" "x"',
        "int [1]",
        'List.sum ["a"]',
        '"a".[0] + 1',
        "Json.stringify (fun x -> x)",
    ],
)
def test_wrong_argument_types_with_good_messages(text: str) -> None:
    with pytest.raises(fusabi_host.FusabiRuntimeError) as info:
        fusabi_host.run_source(text, config=WARN)
    assert "internal error" not in str(info.value)


def test_runtime_error_reason_and_plugin_name() -> None:
    unit = fusabi_host.compile_source("let f () = 1 / 0\n", "r.fsx")
    with pytest.raises(fusabi_host.FusabiRuntimeError) as info:
        unit.instantiate(name="myplugin").call("f")
    error = info.value
    assert error.plugin == "myplugin"
    assert "DivideByZeroException" in error.reason
    assert error.fusabi_traceback[-1].function == "f"
    assert error.fusabi_traceback[-1].filename == "r.fsx"
    assert error.fusabi_traceback[-1].line == 1


@pytest.mark.parametrize("method", ["call", "get"])
def test_unknown_binding_is_fusabi_error(method: str) -> None:
    instance = fusabi_host.compile_source("let f () = 1\n").instantiate()
    with pytest.raises(fusabi_host.FusabiError):
        getattr(instance, method)("nope")


# --------------------------------------------------------------------------------------------
# Sandbox: no Python names, no dunder access
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ['__import__ "os"', 'eval "1"', "getattr", "exec", "__builtins__", "len [1]"]
)
def test_python_builtins_are_not_names(text: str) -> None:
    compile_error(text)


@pytest.mark.parametrize(
    "text",
    [
        '"x".__class__',
        "let x = 1\nx.__class__",
        "print.__globals__",
        "List.map.__self__",
        "let f x = x\nf.__code__",
    ],
)
def test_dunder_access_is_refused(text: str) -> None:
    with pytest.raises(fusabi_host.FusabiError):
        fusabi_host.run_source(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("let len = 3\nlen + 1", 4),
        ('let str = "s"\nstr', "s"),
        ("let lambda = 1\nlambda", 1),
        ("let def = 1\ndef", 1),
        ("let self = 1\nself", 1),
        ("let __init__ = 5\n__init__", 5),
        ("let r = { __class__ = 1 }\nr.__class__", 1),
    ],
)
def test_python_keywords_are_ordinary_names(text: str, expected: object) -> None:
    assert fusabi_host.run_source(text) == expected
