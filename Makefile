# Two commands: `make demo` renders letter 7540 (and its 63-province ZIP) into out/;
# `make test` runs ruff, mypy and pytest.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: demo test templates bench clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "congvan needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/pip install -q -e .
	@touch $@

$(VENV)/.installed-dev: $(BIN)/python pyproject.toml
	$(BIN)/pip install -q -e '.[dev]'
	@touch $@ $(VENV)/.installed

demo: $(VENV)/.installed
	@mkdir -p out
	$(BIN)/congvan example 7540 > out/7540.yaml
	$(BIN)/congvan render out/7540.yaml -o out/7540.docx
	$(BIN)/congvan batch out/7540.yaml --to tinh-63 -o out/7540-63-tinh.zip

test: $(VENV)/.installed-dev
	$(BIN)/ruff check congvan tests tools benchmarks
	$(BIN)/mypy
	$(BIN)/mkdocs build --strict --quiet --site-dir "$$(mktemp -d)"
	$(BIN)/pytest -q

templates: $(VENV)/.installed
	$(BIN)/python tools/build_templates.py

bench: $(VENV)/.installed
	$(BIN)/python benchmarks/batch.py

clean:
	rm -rf out .pytest_cache .mypy_cache .ruff_cache
