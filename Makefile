# The two commands a new user needs: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DEMO   := demo

.PHONY: run test check lint bench train fuzz clean

run: $(VENV)/.installed-run
	@./.ci/sysdeps
	@[ -d $(DEMO)/sessions ] || $(BIN)/assessor demo --workspace $(DEMO)
	@$(BIN)/assessor --workspace $(DEMO)

test: $(VENV)/.installed-test
	@./.ci/sysdeps --test
	$(BIN)/python -m pytest -q

check: $(VENV)/.installed-test
	$(BIN)/ruff format --check assistant tests bench
	$(BIN)/ruff check assistant tests bench
	$(BIN)/mypy assistant
	$(BIN)/python -m pytest -q

# The fuzz suite at length (make test runs it with 30 examples per property).
FUZZ_EXAMPLES ?= 2000
fuzz: $(VENV)/.installed-test
	HYPOTHESIS_PROFILE=explore FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/python -m pytest -q tests/fuzz -p no:cacheprovider

bench: $(VENV)/.installed-test
	@for b in bench/bench_*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

# Retrain the wording model after changing a labelled set, then see the blind figures.
train: $(VENV)/.installed-test
	$(BIN)/python -m pip install -q -e '.[test,train]'
	$(BIN)/python bench/train_wording.py --cv
	$(BIN)/python bench/train_wording.py
	$(BIN)/python bench/bench_reading.py

$(VENV)/bin/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
	  || { echo "Python 3.11 or newer is needed (found: $$($(PYTHON) --version))"; exit 1; }
	@$(PYTHON) -m venv $(VENV) 2>/dev/null || { \
	  if [ "$$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && apt-get install -y -qq python3-venv >/dev/null && $(PYTHON) -m venv $(VENV); \
	  else echo "python3 -m venv failed: install python3-venv (apt-get install python3-venv)"; exit 1; fi; }
	@$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.installed-run: pyproject.toml | $(VENV)/bin/python
	$(BIN)/python -m pip install -q -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml | $(VENV)/bin/python
	$(BIN)/python -m pip install -q -e '.[test]'
	@touch $@ $(VENV)/.installed-run

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
