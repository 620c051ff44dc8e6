"""examples/plugins/text-stats: word, line and character statistics, and a call counter."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from fusabi_host import (
    ArityMismatch,
    ConversionError,
    FunctionNotFound,
    FusabiRuntimeError,
    InvalidState,
    LifecycleEvent,
    LifecycleState,
    PluginAlreadyLoaded,
    PluginNotFound,
    PluginRuntime,
)

REPO = Path(__file__).resolve().parents[2]
PLUGIN_DIR = REPO / "examples" / "plugins" / "text-stats"
NOTES = (REPO / "examples" / "data" / "notes.txt").read_text(encoding="utf-8")


@pytest.fixture
def runtime() -> Iterator[PluginRuntime]:
    with PluginRuntime() as runtime:
        runtime.load(PLUGIN_DIR)
        yield runtime


def calls(runtime: PluginRuntime) -> int:
    return runtime.call("text-stats", "calls")


# ---------------------------------------------------------------------------- loading


def test_loads_from_the_examples_directory(runtime: PluginRuntime) -> None:
    handle = runtime.get("text-stats")
    assert handle is not None
    assert handle.version == "1.0.0"
    assert handle.state is LifecycleState.RUNNING
    assert handle.code.manifest_path == PLUGIN_DIR / "plugin.toml"
    assert handle.code.entry == PLUGIN_DIR / "main.fsx"
    assert handle.exports == ("init", "word_count", "line_count", "top_words", "summary", "calls")
    assert handle.capabilities.names() == ()
    assert handle.tags == ("text", "pure")


# ---------------------------------------------------------------------------- word_count


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", 0),
        ("   ", 0),
        ("to be or not to be", 6),
        ("Hello, world! Hello again.", 4),
        ("line one\nline two\ttabbed", 5),
        ('(parenthesised) "quoted" words; semi: colon? yes!', 6),
        ("don't split F# or e-mail", 5),  # only , . ; : ! ? " ( ) and whitespace separate
        ("a,b.c;d:e!f?g", 7),
        ("windows\r\nline endings\r\n", 3),
    ],
)
def test_word_count(runtime: PluginRuntime, text: str, expected: int) -> None:
    assert runtime.call("text-stats", "word_count", [text]) == expected


def test_word_count_of_the_demo_notes(runtime: PluginRuntime) -> None:
    # 6 + 8 + 0 + 14 ("fs:read" is two words) + 6
    assert runtime.call("text-stats", "word_count", [NOTES]) == 34


# ---------------------------------------------------------------------------- line_count


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", 0),
        ("one line", 1),
        ("a\nb\nc", 3),
        ("a\n\nc", 3),
        ("a\nb\n", 3),  # String.split keeps the empty piece after a final newline
    ],
)
def test_line_count(runtime: PluginRuntime, text: str, expected: int) -> None:
    assert runtime.call("text-stats", "line_count", [text]) == expected


# ---------------------------------------------------------------------------- top_words


def test_top_words_most_frequent_first(runtime: PluginRuntime) -> None:
    assert runtime.call("text-stats", "top_words", [3, "b a b c a d b"]) == [
        ("b", 3),
        ("a", 2),
        ("c", 1),
    ]


def test_top_words_ties_are_alphabetical(runtime: PluginRuntime) -> None:
    text = "The hat and the cat and the bat."
    assert runtime.call("text-stats", "top_words", [4, text]) == [
        ("the", 3),
        ("and", 2),
        ("bat", 1),
        ("cat", 1),
    ]


def test_top_words_of_the_demo_notes(runtime: PluginRuntime) -> None:
    assert runtime.call("text-stats", "top_words", [3, NOTES]) == [
        ("host", 2),
        ("plugin", 2),
        ("the", 2),
    ]


def test_top_words_ignores_case_and_punctuation(runtime: PluginRuntime) -> None:
    text = "Apple! apple, APPLE? Banana. Café café"
    assert runtime.call("text-stats", "top_words", [5, text]) == [
        ("apple", 3),
        ("café", 2),
        ("banana", 1),
    ]


@pytest.mark.parametrize(("n", "expected"), [(0, []), (-1, []), (1, [("x", 2)])])
def test_top_words_n_bounds(runtime: PluginRuntime, n: int, expected: list[object]) -> None:
    assert runtime.call("text-stats", "top_words", [n, "x y x"]) == expected


def test_top_words_of_empty_text(runtime: PluginRuntime) -> None:
    assert runtime.call("text-stats", "top_words", [10, ""]) == []


def test_top_words_partially_applied(runtime: PluginRuntime) -> None:
    top_two = runtime.partial("text-stats", "top_words", [2])
    assert top_two("c c b a a a") == [("a", 3), ("c", 2)]


# ---------------------------------------------------------------------------- summary


def test_summary_of_the_demo_notes(runtime: PluginRuntime) -> None:
    # 186 characters: lines of 36, 44, 0, 66 and 35 characters plus 5 newlines; the final
    # newline gives line_count a sixth, empty line; host, plugin and the appear twice.
    assert runtime.call("text-stats", "summary", [NOTES]) == {
        "words": 34,
        "lines": 6,
        "characters": 186,
        "unique": 31,
        "longest": "everything",
    }


def test_summary_longest_word_is_the_first_of_equal_length(runtime: PluginRuntime) -> None:
    assert runtime.call("text-stats", "summary", ["The cat sat.\nThe hat!"]) == {
        "words": 5,
        "lines": 2,
        "characters": 21,
        "unique": 4,
        "longest": "the",
    }


def test_summary_of_empty_text(runtime: PluginRuntime) -> None:
    assert runtime.call("text-stats", "summary", [""]) == {
        "words": 0,
        "lines": 0,
        "characters": 0,
        "unique": 0,
        "longest": "",
    }


# ---------------------------------------------------------------------------- state


def test_calls_counts_every_counted_call(runtime: PluginRuntime) -> None:
    assert calls(runtime) == 0
    runtime.call("text-stats", "word_count", ["one two"])
    assert calls(runtime) == 1
    runtime.call("text-stats", "top_words", [1, "one two"])
    assert calls(runtime) == 2
    runtime.call("text-stats", "line_count", ["one\ntwo"])
    assert calls(runtime) == 3
    # summary counts itself and the line_count it calls inside
    runtime.call("text-stats", "summary", ["one two"])
    assert calls(runtime) == 5
    # reading the counter does not count
    assert calls(runtime) == 5


def test_reload_starts_a_new_instance_with_a_fresh_counter(runtime: PluginRuntime) -> None:
    for text in ("a", "a b", "a b c"):
        runtime.call("text-stats", "word_count", [text])
    assert calls(runtime) == 3
    handle = runtime.reload("text-stats")
    assert handle.reload_count == 1
    assert handle.state is LifecycleState.RUNNING
    assert calls(runtime) == 0
    runtime.call("text-stats", "word_count", ["again"])
    assert calls(runtime) == 1


def test_bound_function_keeps_working_across_a_reload(runtime: PluginRuntime) -> None:
    word_count = runtime.function("text-stats", "word_count")
    assert word_count("one two three") == 3
    runtime.reload("text-stats")
    assert word_count("four five") == 2
    assert calls(runtime) == 1


def test_stop_and_start_runs_init_which_resets_the_counter(runtime: PluginRuntime) -> None:
    runtime.call("text-stats", "word_count", ["a b"])
    runtime.stop("text-stats")
    with pytest.raises(InvalidState, match="stopped"):
        runtime.call("text-stats", "word_count", ["a b"])
    runtime.start("text-stats")
    assert calls(runtime) == 0


def test_each_runtime_has_its_own_instance(runtime: PluginRuntime) -> None:
    runtime.call("text-stats", "word_count", ["a"])
    runtime.call("text-stats", "word_count", ["b"])
    with PluginRuntime() as other:
        other.load(PLUGIN_DIR)
        assert other.call("text-stats", "calls") == 0
        other.call("text-stats", "word_count", ["c"])
        assert other.call("text-stats", "calls") == 1
    assert calls(runtime) == 2


def test_concurrent_calls_are_all_counted(runtime: PluginRuntime) -> None:
    word_count = runtime.function("text-stats", "word_count")
    results: list[int] = []

    def work() -> None:
        for _ in range(50):
            results.append(word_count("a b c"))

    threads = [threading.Thread(target=work) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [3] * 400
    assert calls(runtime) == 400
    handle = runtime.get("text-stats")
    assert handle is not None
    assert handle.info().invocation_count == 401  # the 400 calls and the `calls` read


def test_events_and_metrics_of_a_session(runtime: PluginRuntime) -> None:
    events: list[LifecycleEvent] = []
    runtime.on_event(events.append)
    runtime.call("text-stats", "word_count", ["a b"])
    runtime.call("text-stats", "word_count", ["c"])
    runtime.reload("text-stats")
    runtime.unload("text-stats")
    # unloading a running plugin runs its cleanup and goes straight to unloaded
    assert [(e.plugin_name, e.event_name) for e in events] == [
        ("text-stats", "reloaded"),
        ("text-stats", "unloaded"),
    ]
    assert events[0].details["reload_count"] == 1
    metrics = runtime.metrics()
    assert metrics.calls["text-stats"]["word_count"].calls == 2
    assert metrics.calls["text-stats"]["word_count"].errors == 0
    assert metrics.reloads == 1
    with pytest.raises(PluginNotFound, match="text-stats"):
        runtime.call("text-stats", "word_count", ["a"])


# ---------------------------------------------------------------------------- errors


def test_unexported_helper_is_not_callable(runtime: PluginRuntime) -> None:
    # `words` is defined in main.fsx but not listed in the manifest's exports
    with pytest.raises(FunctionNotFound, match="words"):
        runtime.call("text-stats", "words", ["a b"])


def test_wrong_argument_type_is_refused_at_the_boundary(runtime: PluginRuntime) -> None:
    with pytest.raises(ConversionError, match="argument 1 of 'word_count': expected a str, got int"):
        runtime.call("text-stats", "word_count", [42])


def test_arguments_to_a_value_binding_are_refused(runtime: PluginRuntime) -> None:
    with pytest.raises(ArityMismatch, match=r"'calls' is a value \(calls : int\), not a function"):
        runtime.call("text-stats", "calls", [1])


def test_too_many_arguments_is_a_clear_error(runtime: PluginRuntime) -> None:
    with pytest.raises(ArityMismatch) as info:
        runtime.call("text-stats", "word_count", ["a b", "extra"])
    assert str(info.value).startswith(
        "'word_count' takes 1 argument (word_count : string -> int) but was called with 2"
    )


def test_loading_it_twice_is_refused_and_the_first_keeps_running(runtime: PluginRuntime) -> None:
    runtime.call("text-stats", "word_count", ["a b"])
    with pytest.raises(PluginAlreadyLoaded, match="text-stats"):
        runtime.load(PLUGIN_DIR)
    handle = runtime.get("text-stats")
    assert handle is not None
    assert handle.state is LifecycleState.RUNNING
    assert calls(runtime) == 1


def test_a_refused_duplicate_load_does_not_announce_an_unload(runtime: PluginRuntime) -> None:
    events: list[LifecycleEvent] = []
    runtime.on_event(events.append)
    with pytest.raises(PluginAlreadyLoaded):
        runtime.load(PLUGIN_DIR)
    assert runtime.get("text-stats") is not None
    assert [e.event_name for e in events if e.event_name == "unloaded"] == []
    counts = runtime.metrics().plugins["text-stats"]
    assert (counts.loads, counts.unloads) == (1, 0)
