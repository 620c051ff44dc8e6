"""Realistic F# programs must compile with strict type checking and print what F# prints.

Each ``fsharp_corpus/NAME.fsx`` is a valid F# script of the kind a plugin author writes
(tokenizers, parsers and evaluators over unions, state machines, records with copy-and-update,
Map/Set/Seq pipelines, reports with ``printfn`` padding, ref cells, list expressions,
``try/with``, the .NET string surface, classes, async workflows, decimals, Dictionary and
StringBuilder...).  Its sibling ``NAME.out`` holds the exact standard output ``dotnet fsi``
(F# 8) prints for it, worked out by hand from F#'s rules (there is no .NET runtime here).
Programs that do not compile or print something else today stay in the corpus marked
``xfail(strict=True)``: see :data:`KNOWN`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import fusabi_host

CORPUS = Path(__file__).parent / "fsharp_corpus"

PROGRAMS = sorted(path.stem for path in CORPUS.glob("*.fsx"))

# program name -> what fails today (the gist of the error); marked xfail(strict=True).
KNOWN: dict[str, str] = {
    "interfaces_shapes": "a type test of an interface's value (match s with :? Rect as r)",
    "dictionary_wordcount_comparer": "StringComparer.OrdinalIgnoreCase and SortedDictionary",
    "employees_inheritance": "abstract classes and inherit",
}


def _params() -> list[object]:
    params: list[object] = []
    for name in PROGRAMS:
        marks = []
        if name in KNOWN:
            marks.append(pytest.mark.xfail(strict=True, reason=KNOWN[name]))
        params.append(pytest.param(name, id=name, marks=marks))
    return params


def test_corpus_size_and_shape() -> None:
    assert len(PROGRAMS) >= 100
    assert set(KNOWN) <= set(PROGRAMS)
    for name in PROGRAMS:
        assert (CORPUS / f"{name}.out").is_file(), name
        lines = (CORPUS / f"{name}.fsx").read_text().splitlines()
        assert 15 <= len(lines) <= 60, name
    stray = {path.stem for path in CORPUS.glob("*.out")} - set(PROGRAMS)
    assert not stray


@pytest.mark.parametrize("name", _params())
def test_program_prints_what_fsharp_prints(name: str) -> None:
    source = (CORPUS / f"{name}.fsx").read_text()
    expected = (CORPUS / f"{name}.out").read_text()
    unit = fusabi_host.compile_source(source, f"{name}.fsx", type_check="strict")
    assert unit.typed is True, unit.type_error
    chunks: list[str] = []
    unit.instantiate(fusabi_host.EngineConfig(), stdout=chunks.append)
    assert "".join(chunks) == expected
