# Two commands on a fresh machine: `make report` and `make test`.
# Each creates .venv when missing and installs the package into it.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help setup report test test-fast build validate assess backtest sectors explore lab bench clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN{FS=":.*## "}{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11+ is required (found %s); set PYTHON=python3.11" % sys.version.split()[0])'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[app,test]'
	$(PY) -m ipykernel install --sys-prefix --name python3 >/dev/null
	touch $(STAMP)

setup: $(STAMP)  ## create .venv and install the package with every extra (app, test)

report: $(STAMP)  ## build data, assess, run notebooks, write figures + workbook + HTML (the main job)
	$(PY) -m analysis report $(REPORT_ARGS)

# Test files run in parallel, one file per worker at a time (its fixtures are set up once);
# TEST_WORKERS=0 runs them in this process, one after another. The tests compile the package
# and the test files once per run, not once per process (each worker, notebook kernel and
# command started by a test): bytecode is written even where PYTHONDONTWRITEBYTECODE is set.
TEST_WORKERS ?= auto
PYTEST := PYTHONDONTWRITEBYTECODE= $(PY) -m pytest $(if $(filter 0,$(TEST_WORKERS)),,-n $(TEST_WORKERS) --dist loadfile)
test: $(STAMP)  ## run the whole test suite (on every core: TEST_WORKERS=auto); what CI runs
	$(PYTEST) $(PYTEST_ARGS)

test-fast: $(STAMP)  ## the suite without the tests marked slow (notebooks, browser, live server, wheel)
	$(PYTEST) -m "not slow" $(PYTEST_ARGS)

build: $(STAMP)  ## raw -> processed (atomic, idempotent)
	$(PY) -m analysis build

validate: $(STAMP)  ## validate the bundled monitoring data
	$(PY) -m analysis validate data/raw/monitoring/*.csv

assess: $(STAMP)  ## print the scorecard
	$(PY) -m analysis assess

backtest: $(STAMP)  ## print forecast calibration back-tests
	$(PY) -m analysis backtest

sectors: $(STAMP)  ## print the sector comparison table
	$(PY) -m analysis sectors

explore: $(STAMP)  ## serve the scenario explorer as a Voila app on 127.0.0.1 (PORT=8866)
	$(PY) -m analysis explore --port $(or $(PORT),8866)

lab: $(STAMP)  ## open JupyterLab on the notebooks (127.0.0.1); BLAS on one thread, as in `python -m analysis`
	OPENBLAS_NUM_THREADS=$${OPENBLAS_NUM_THREADS:-1} MKL_NUM_THREADS=$${MKL_NUM_THREADS:-1} $(PY) -m jupyter lab --ip=127.0.0.1 --notebook-dir=notebooks $$( [ "$$(id -u)" = 0 ] && echo --allow-root )

bench: $(STAMP)  ## run the benchmarks in benchmarks/
	$(PY) benchmarks/run_all.py

clean:  ## remove generated outputs (keeps .venv and data/raw)
	rm -rf data/processed/* figures/* reports/ .pytest_cache
	touch data/processed/.gitkeep figures/.gitkeep
