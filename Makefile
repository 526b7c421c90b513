# Quick start targets: both create .venv on first use so a fresh clone needs only Python 3.11+ and make.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint clean samples templates

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $(STAMP)

# The main job on the sample county. Exit code 1 only means "some ledgers have errors" (the sample
# files carry deliberate mistakes), so the demo treats it as success.
demo: $(STAMP)
	$(BIN)/anquan monthly sample_ledgers --month 2026-10 --out out || [ $$? -eq 1 ]

test: $(STAMP)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports

templates: $(STAMP)
	$(BIN)/python scripts/build_templates.py

samples: $(STAMP)
	$(BIN)/python scripts/make_sample_ledgers.py

clean:
	rm -rf $(VENV) out build dist .pytest_cache
