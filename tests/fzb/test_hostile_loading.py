"""Hostile bytecode all the way through: decoding, lifting, compiling and running a damaged
or adversarial ``.fzb`` only ever gives a FusabiError (or a working program), never a Python
exception, a hang or a crash."""

from __future__ import annotations

import contextlib
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import fusabi_host
from fusabi_host import EngineConfig, Limits, fzb
from fusabi_host.errors import FusabiError
from tests.fzb.strategies import conformance_files

PROGRAMS = [
    "let rec fib n = if n < 2 then n else fib (n - 1) + fib (n - 2)\nfib 12\n",
    "type T = A of int | B of string\n"
    "let f t = match t with | A n when n > 1 -> n | A _ -> 0 | B s -> String.length s\n"
    '(f (A 3), f (B "xy"))\n',
    "let mutable total = 0\nfor i in 1 .. 10 do\n    total <- total + i\n"
    "let xs = [for i in 1 .. 5 -> i * i]\n(total, xs, List.map (fun x -> x + 1) xs)\n",
    'let safe f = try f () with | Failure m -> m\nsafe (fun () -> failwith "boom")\n',
    'let r = { Name = "a"; Age = 3 }\nlet r2 = { r with Age = 4 }\n(r2.Age, [|1; 2|].[1])\n',
]
LIMITS = EngineConfig(limits=Limits(timeout=2.0, max_fuel=200_000))


def seeds() -> list[bytes]:
    files = [fzb.compile_source(text, f"p{index}.fsx") for index, text in enumerate(PROGRAMS)]
    files.extend(path.read_bytes() for path in conformance_files())
    return files


SEEDS = seeds()


def load_and_run(data: bytes) -> None:
    try:
        unit = fusabi_host.load_bytecode(data, "fuzz.fzb")
        instance = unit.instantiate(LIMITS, stdout=lambda _text: None)
        for name in unit.bindings:
            if unit.arity(name) == 1:
                with contextlib.suppress(FusabiError):
                    instance.call(name, 1)
    except FusabiError:
        pass


@pytest.mark.parametrize("index", range(len(SEEDS)))
def test_every_seed_loads_and_runs(index: int) -> None:
    fusabi_host.load_bytecode(SEEDS[index], "seed.fzb").instantiate(LIMITS)


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    seed=st.integers(0, 10_000),
    which=st.integers(0, len(SEEDS) - 1),
    flips=st.integers(1, 6),
)
def test_mutated_bytecode_only_gives_fusabi_errors(seed: int, which: int, flips: int) -> None:
    rng = random.Random(seed)
    data = bytearray(SEEDS[which])
    for _ in range(flips):
        position = rng.randrange(5, len(data))
        data[position] = rng.randrange(256)
    load_and_run(bytes(data))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10_000), which=st.integers(0, len(SEEDS) - 1))
def test_shuffled_instructions_only_give_fusabi_errors(seed: int, which: int) -> None:
    """Valid encodings of nonsense programs: instructions of a real chunk in a random order,
    with random operands -- the lifter must refuse what it cannot follow, cleanly."""
    rng = random.Random(seed)
    try:
        chunk = fzb.loads(SEEDS[which])
    except FusabiError:
        return
    code = list(chunk.instructions)
    body, last = code[:-1], code[-1]
    rng.shuffle(body)
    for index, instruction in enumerate(body):
        if instruction.operands and rng.random() < 0.3:
            operand = instruction.operands[0]
            if type(operand) is int:
                body[index] = fzb.Instruction(
                    instruction.op, (rng.randint(-3, 6), *instruction.operands[1:])
                )
    import attrs

    mutated = attrs.evolve(chunk, instructions=tuple([*body, last]))
    try:
        data = fzb.dumps(mutated)
    except FusabiError:
        return
    load_and_run(data)
