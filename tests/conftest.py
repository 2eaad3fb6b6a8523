"""Shared fixtures: Agg backend, closed figures, seeded randomness, notebooks executed once."""

from __future__ import annotations

import os
import random
from pathlib import Path

os.environ.setdefault("MPLBACKEND", "Agg")


def _worker_exits_at_once() -> None:
    """A pytest-xdist worker has sent every result before Python calls this; freeing its heap
    object by object would take it another 1-2 s, which the whole run waits for. Registered
    before any exit handler the tests add, so it runs after all of them."""
    import sys

    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


if os.environ.get("PYTEST_XDIST_WORKER"):
    import atexit

    atexit.register(_worker_exits_at_once)

# One fresh cache folder (analysis.io.cache) per test run, shared by the pytest-xdist workers and
# the notebook kernels they start (they inherit the environment): costly results such as the
# back-test are computed once per run, never taken from an earlier run or the user's own cache.
if "PYTEST_XDIST_WORKER" not in os.environ and "ANALYSIS_TEST_CACHE" not in os.environ:
    import tempfile

    os.environ["ANALYSIS_TEST_CACHE"] = os.environ["ANALYSIS_CACHE_DIR"] = tempfile.mkdtemp(prefix="analysis-test-cache-")

# BLAS on one thread, as in `python -m analysis` and the kernels it starts (analysis.config):
# set before numpy loads, inherited by the workers' kernels, servers and commands.
from analysis import config as _config

_config.one_blas_thread()

# The test processes start like the package's own (analysis.app.startup): without the
# optional module jsonschema compiles for ~3 s on import and nothing here uses.
from analysis.app.startup import skip_unused_slow_imports

skip_unused_slow_imports()

# Each test process keeps a large heap to the end of the run (every test module, its fixtures and
# caches, pandas and matplotlib), which Python's default collector thresholds (700, 10, 10) have it
# walk whole 40-odd times per worker: ~10 % of the workers' CPU (12.5 s of collection over the two
# workers of `make test`; 3.6 s with these). Reference counting still frees at once whatever is
# not in a cycle. Only the test processes: the command line gains nothing by it (measured).
import gc

gc.set_threshold(10_000, 50, 100)

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pytest

#: The one set of report parameters each notebook is executed with in a test run (what
#: ``python -m analysis report --lang ... --as-of ...`` passes; the others are unset). Notebooks not
#: listed run with the defaults (Chinese, all years). 01 and 05 run in English as of 2018 to prove
#: they follow the parameters, and 05 shows two figures (``report --figures scorecard,fan_charts``;
#: every figure is drawn in both languages by tests/test_figures_layout.py). Notebooks with the same
#: parameters run together, two at a time (``analysis.app.report.execute_notebooks``), and every
#: test shares that one execution.
REPORT_PARAMS = {"lang": "en", "as_of": 2018, "only": ["scorecard", "fan_charts"]}
NOTEBOOK_PARAMS: dict[str, dict[str, object]] = {
    "01_indicator_trends.ipynb": REPORT_PARAMS,
    "05_report_figures.ipynb": REPORT_PARAMS,
}


#: The test files that take longest, longest first (seconds in one quiet run, 2 workers). ``make
#: test`` spreads whole files over the cores (pytest-xdist ``--dist loadfile``) in this order
#: (``--no-loadscope-reorder``: xdist would otherwise start with the files that hold the most
#: tests, and a long file started last would finish alone). The rest follow in their usual order.
#: The notebooks start beside the live explorer: its tests wait for the server, the browser and
#: the kernels' culling, and the notebooks' two kernels use the core those waits leave free (the
#: back-test after them reads what notebook 06 computed from the run's shared cache).
SLOW_FILES_FIRST = ("test_explorer_live.py", "test_notebooks.py", "test_backtest.py",
                    "test_figures_layout.py", "test_report_pack.py", "test_dataset.py", "test_report.py",
                    "test_report_ledger.py", "test_assess.py", "test_explorer_security.py", "test_widgets.py",
                    "test_packaging.py")


def pytest_collection_modifyitems(session, config, items):
    rank = {name: i for i, name in enumerate(SLOW_FILES_FIRST)}
    items.sort(key=lambda item: rank.get(Path(str(item.fspath)).name, len(rank)))  # stable: file order kept


def pytest_unconfigure(config):
    folder = os.environ.get("ANALYSIS_TEST_CACHE")
    if folder and "PYTEST_XDIST_WORKER" not in os.environ and Path(folder).name.startswith("analysis-test-cache-"):
        import shutil

        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(autouse=True)
def _seed_and_close():
    random.seed(12345)
    np.random.seed(12345)
    yield
    import matplotlib.pyplot as plt

    plt.close("all")


@pytest.fixture
def rng():
    """A seeded numpy Generator."""
    return np.random.default_rng(20190821)


@pytest.fixture(scope="session")
def executed_notebook():
    """``executed_notebook(name)`` -> the notebook ``notebooks/NAME`` executed headless with its
    :data:`NOTEBOOK_PARAMS`, **once per test run** (shared by every test file). A notebook that
    fails raises ``AssertionError`` naming its error to every caller. Do not modify the result."""
    from analysis.app import report

    execute = report.execute_notebooks  # the real one, even where a test patches it later
    cache: dict[str, object] = {}

    def run(name: str):
        if name not in cache:
            params = NOTEBOOK_PARAMS.get(name, {})
            group = [p for p in report.notebook_paths() if NOTEBOOK_PARAMS.get(p.name, {}) == params
                     and p.name not in cache]
            group = group if any(p.name == name for p in group) else [
                p for p in report.notebook_paths() if p.name == name]
            executed, errors = execute(group, params=dict(params), timeout=300)
            cache.update({p.name: nb for p, nb in executed})
            cache.update({n: AssertionError(f"{n} failed: {err}") for n, err in errors.items()})
        result = cache[name]
        if isinstance(result, Exception):
            raise result
        return result

    return run
