# The obvious commands. `make run` and `make test` work on a fresh machine with Python 3.11+.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# Two environments in one .venv: `make run` installs only what Gongkai needs to run;
# `make test` (and the other development targets) add the dev tools on top.
RUN_STAMP := $(VENV)/.installed-run
STAMP := $(VENV)/.installed

.PHONY: run test lint format typecheck openapi bench clean screenshots

$(RUN_STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $(RUN_STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

## run: set up (run-only), then start Gongkai (API + scheduler + worker) at http://127.0.0.1:8000
run: $(RUN_STAMP)
	$(BIN)/gongkai serve

## test: set up, then run the tests (PostgreSQL too when GONGKAI_TEST_POSTGRES_URL is set)
test: $(STAMP)
	$(BIN)/python -m pytest

## screenshots: rewrite docs/screenshots/ from the browser journey (Chromium)
screenshots: $(STAMP)
	GONGKAI_TEST_SCREENSHOTS=1 $(BIN)/python -m pytest -q tests/web/test_journey.py

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

typecheck: $(STAMP)
	$(BIN)/mypy

## openapi: regenerate openapi/openapi.json from the code
openapi: $(STAMP)
	$(BIN)/python -m gongkai openapi --output openapi/openapi.json

## bench: run every benchmark in bench/ (prints figures; never fails on time)
bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e ".[dev,bench]"
	@for f in bench/bench_*.py; do echo "== $$f"; $(BIN)/python $$f || exit 1; done

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
