"""``make demo``: examples/demo.py runs as a real process and shows what it promises."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
DEMO = REPO / "examples" / "demo.py"
DATA = REPO / "examples" / "data"


@pytest.fixture(scope="module")
def demo() -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(DEMO)],
        cwd=REPO,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )


@pytest.fixture(scope="module")
def lines(demo: subprocess.CompletedProcess[str]) -> list[str]:
    return [line.rstrip() for line in demo.stdout.splitlines()]


def find(lines: list[str], prefix: str) -> int:
    """The index of the first line starting with *prefix* (fails when there is none)."""
    for index, line in enumerate(lines):
        if line.startswith(prefix):
            return index
    raise AssertionError(f"no line starts with {prefix!r}")


def test_exits_cleanly(demo: subprocess.CompletedProcess[str]) -> None:
    assert demo.returncode == 0, demo.stderr
    assert "Traceback" not in demo.stdout
    assert "Traceback" not in demo.stderr


def test_discovers_and_starts_all_four_plugins(lines: list[str]) -> None:
    assert lines[0] == f"discovered and started 4 plugins from {REPO / 'examples' / 'plugins'}"
    table = lines[find(lines, "Plugins") :]
    assert table[1].split() == ["plugin", "version", "state", "capabilities", "exports"]
    rows = [line.split(None, 4) for line in table[3:7]]
    assert rows == [
        ["discount-rules", "2.0.0", "running", "-", "discount, explain, rule_names"],
        ["file-digest", "0.3.0", "running", f"fs:read={DATA}", "digest, grep"],
        [
            "order-report",
            "1.1.0",
            "running",
            "serialize",
            "totals, report_json, parse_orders, biggest_customer",
        ],
        [
            "text-stats",
            "1.0.0",
            "running",
            "-",
            "init, word_count, line_count, top_words, summary, calls",
        ],
    ]


@pytest.mark.parametrize(
    ("label", "result"),
    [
        ("text-stats.word_count(notes)", "34"),
        ("text-stats.top_words(3, notes)", "[('host', 2), ('plugin', 2), ('the', 2)]"),
        (
            "text-stats.summary(notes)",
            "{'words': 34, 'lines': 6, 'characters': 186, 'unique': 31, 'longest': 'everything'}",
        ),
        (
            "order-report.totals(orders)",
            "[{'customer': 'ada', 'orders': 2, 'total': 142.49}, "
            "{'customer': 'bob', 'orders': 1, 'total': 180.0}]",
        ),
        ("order-report.biggest_customer(orders)", "Variant(tag='Some', fields=('bob',))"),
        (
            "order-report.report_json(orders)",
            '\'[{"customer":"ada","orders":2,"total":142.49},'
            '{"customer":"bob","orders":1,"total":180.0}]\'',
        ),
        ("discount-rules.discount(silver, 250, 4y)", "7.5"),
        ("discount-rules.explain(silver, 250, 4y)", "['big basket', 'loyal silver']"),
        (
            "file-digest.digest(data/notes.txt)",
            f"{{'path': '{DATA / 'notes.txt'}', 'lines': 5, 'nonEmpty': 4, 'longest': 66}}",
        ),
        ("discount-rules", "['gold members', 'big basket', 'loyal silver', 'welcome']"),
        ("text-stats.calls() after reload", "0"),
    ],
)
def test_calls_show_their_results(lines: list[str], label: str, result: str) -> None:
    line = lines[find(lines, f"  {label} ")]
    shown_label, shown_result = line.split(" -> ", 1)
    assert shown_label.strip() == label
    assert shown_result == result


def test_reading_etc_hostname_is_refused(lines: list[str]) -> None:
    line = lines[find(lines, "  file-digest.digest(/etc/hostname)")]
    assert line.split(" -> ", 1)[1] == (
        "\"refused: plugin 'file-digest' is not allowed fs:read for '/etc/hostname'; "
        f'it may only use fs:read for {DATA}"'
    )


def test_sections_come_in_order(lines: list[str]) -> None:
    order = [
        find(lines, "discovered and started"),
        find(lines, "Plugins"),
        find(lines, "calls"),
        find(lines, "broadcast: every plugin exporting 'rule_names'"),
        find(lines, "reload (a new instance: plugin state starts over)"),
        find(lines, "stats: "),
        find(lines, "Metrics"),
        find(lines, "loads "),
        find(lines, "events"),
    ]
    assert order == sorted(order)


def test_stats_and_metrics(lines: list[str]) -> None:
    assert lines[find(lines, "stats: ")] == "stats: 4 plugins, 4 running, 0 failed"
    start = find(lines, "Metrics")
    assert lines[start + 1].split() == ["plugin", "function", "calls", "errors", "mean"]
    rows = []
    for line in lines[start + 3 :]:
        if line.startswith("loads "):
            break
        plugin, function, calls, errors, mean, unit = line.split()
        assert mean.isdigit()
        assert unit == "µs"
        rows.append((plugin, function, calls, errors))
    assert rows == [
        ("discount-rules", "discount", "1", "0"),
        ("discount-rules", "explain", "1", "0"),
        ("discount-rules", "rule_names", "1", "0"),
        ("file-digest", "digest", "2", "1"),
        ("order-report", "biggest_customer", "1", "0"),
        ("order-report", "report_json", "1", "0"),
        ("order-report", "totals", "1", "0"),
        ("text-stats", "calls", "1", "0"),
        ("text-stats", "summary", "1", "0"),
        ("text-stats", "top_words", "1", "0"),
        ("text-stats", "word_count", "1", "0"),
    ]
    assert lines[find(lines, "loads ")] == "loads 4, reloads 1, capability denials 1, errors 1"


def test_events_from_created_to_unloaded(lines: list[str]) -> None:
    events = lines[find(lines, "events") + 1 : find(lines, "hot reload") - 1]
    assert all(line.startswith("  ") for line in events)
    plugins = REPO / "examples" / "plugins"
    # load order: dependencies first (file-digest optionally uses text-stats), else by name
    versions = [
        ("discount-rules", "2.0.0"),
        ("text-stats", "1.0.0"),
        ("order-report", "1.1.0"),
        ("file-digest", "0.3.0"),
    ]
    expected = []
    for plugin, version in versions:
        expected += [
            f"{plugin}: created (version={version}, entry={plugins / plugin / 'main.fsx'})",
            f"{plugin}: initialized",
            f"{plugin}: started",
        ]
    expected += [
        "file-digest: capability_denied (capability=fs:read, resource=/etc/hostname)",
        "text-stats: reloaded (reload_count=1, version=1.0.0, trigger=manual)",
        *(f"{plugin}: stopped" for plugin, _ in versions),
        *(f"{plugin}: unloaded" for plugin, _ in versions),
    ]
    assert [line.strip() for line in events] == expected


def test_hot_reload_picks_up_an_edit_and_refuses_a_broken_one(lines: list[str]) -> None:
    start = find(lines, "hot reload")
    shown = lines[start:]
    assert any("'Hello, Bob (#2)'" in line for line in shown)
    picked = find(shown, "  edit picked up after ")
    assert "'Welcome back, Ada (#3)'" in shown[picked + 1]  # the counter was handed over
    refused = find(shown, "  a broken edit was refused (greeter.fsx:")
    assert "'Welcome back, Ada (#4)'" in shown[refused + 1]  # the old version answered
