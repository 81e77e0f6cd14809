# parlib: two commands do everything on a fresh machine (Python 3.11 + pip):
#   make briefs   render the annual briefs (YEAR, default the latest year with data; LANG, JOBS)
#   make test     run the whole test suite (what CI runs)
# Both create or reuse the virtual environment .venv and register its Jupyter kernel "parlib".

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.parlib-installed
YEAR   ?= latest
BRIEF_LANG  ?= both
JOBS   ?= 2
PYTEST_ARGS ?=
LAB_ARGS ?=

.PHONY: briefs test build bench env notebooks lab mutation clean-reports help
help:
	@echo "make briefs [YEAR=latest BRIEF_LANG=vi|en|both JOBS=2] - render every province's annual brief into reports/"
	@echo "make test                                       - run the whole test suite"
	@echo "make build                                      - rebuild data/processed from the raw files"
	@echo "make bench                                      - run the benchmarks (benchmarks/results.md)"
	@echo "make mutation                                   - mutation testing (mutmut) -> docs/MUTATION.md"
	@echo "make notebooks                                  - sync the Jupytext pairs, refresh nbval-checked outputs"
	@echo "make lab [LAB_ARGS=--no-browser]                - JupyterLab on notebooks/ with the parlib kernel"

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[dev]"
	$(BIN)/python -m ipykernel install --sys-prefix --name parlib --display-name "Python (parlib)" >/dev/null
	@touch $(STAMP)

# parlib's own bytecode, written ahead (an editable install compiles nothing, and where
# PYTHONDONTWRITEBYTECODE is set every process would compile parlib again: ~0.4 s a kernel)
PYC := $(BIN)/python -m compileall -q parlib >/dev/null

env: $(STAMP)

briefs: $(STAMP)
	@$(PYC)
	$(BIN)/parlib briefs --year $(YEAR) --lang $(BRIEF_LANG) --jobs $(JOBS)

build: $(STAMP)
	$(BIN)/parlib build

test: $(STAMP)
	$(BIN)/python -m pytest -p no:cacheprovider tests notebooks --nbval-lax --nbval-sanitize-with tests/nbval_sanitize.cfg $(PYTEST_ARGS)

# `make mutation` mutates every module in [tool.mutmut] only_mutate (~1 h on 2 cores);
# `make mutation MUTATE='parlib.analysis.weak.*'` only the mutants matching the pattern (a habit after
# changing a module). Each run is merged into docs/mutation_results.txt; docs/MUTATION.md is rewritten.
MUTATE ?=
mutation: $(STAMP)
	$(BIN)/python -m pip install -q -e ".[mutation]"
	rm -rf mutants
	PARLIB_RAW_DIR=$(CURDIR)/.no-raw-for-mutation nice $(BIN)/python -m mutmut run --max-children 2 $(MUTATE)
	$(BIN)/python tools/mutation_report.py

notebooks: $(STAMP)
	$(BIN)/python -m parlib.render.notebook_files

# JupyterLab in notebooks/: the kernel "parlib" (this environment) is (re)registered and is the
# default; Jupytext opens the .py pairs as notebooks. Extra server options go in LAB_ARGS.
lab: $(STAMP)
	$(BIN)/python -m ipykernel install --sys-prefix --name parlib --display-name "Python (parlib)" >/dev/null
	$(BIN)/jupyter lab --notebook-dir=notebooks --MultiKernelManager.default_kernel_name=parlib $(LAB_ARGS)

bench: $(STAMP)
	@$(PYC)
	$(BIN)/python -m benchmarks

clean-reports:
	rm -rf reports/*/ reports/index.html
