# Two commands on a fresh machine: `make demo` and `make test`.
# Each creates .venv when needed and installs the package with every extra; both are idempotent.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck pytest bench docs clean

$(STAMP): pyproject.toml setup.cfg
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[watch,metrics,cli,dev]'
	@touch $(STAMP)

demo: $(STAMP)
	$(BIN)/python examples/demo.py

test: lint typecheck pytest

lint: $(STAMP)
	$(BIN)/ruff check fusabi_host fusabi_host_contrib tests benchmarks examples/demo.py
	$(BIN)/ruff format --check fusabi_host fusabi_host_contrib tests benchmarks examples/demo.py

typecheck: $(STAMP)
	$(BIN)/mypy fusabi_host

pytest: $(STAMP)
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py
	$(BIN)/python benchmarks/host.py
	$(BIN)/python benchmarks/reload.py

docs: $(STAMP)
	$(BIN)/sphinx-build -q -W -b html docs docs/_build/html

clean:
	rm -rf $(VENV) build dist *.egg-info docs/_build .pytest_cache .mypy_cache .ruff_cache
