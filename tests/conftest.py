"""Shared fixtures: Agg backend, closed figures, seeded randomness, notebooks executed once."""

from __future__ import annotations

import os
import random

os.environ.setdefault("MPLBACKEND", "Agg")

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pytest

#: The one set of parameters each notebook is executed with in a test run (environment variables
#: as ``python -m analysis report`` sets them; unset ones are removed). Notebooks not listed run
#: with the defaults (Chinese, all years). 01 and 05 run in English to prove they follow the
#: parameters; every test that needs an executed notebook shares this one execution.
NOTEBOOK_ENV: dict[str, dict[str, str]] = {
    "01_indicator_trends.ipynb": {"ANALYSIS_LANG": "en"},
    "05_report_figures.ipynb": {"ANALYSIS_LANG": "en", "ANALYSIS_AS_OF": "2018"},
}


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
    :data:`NOTEBOOK_ENV` parameters, **once per test run** (shared by every test file; an
    execution error is raised again to every caller). Do not modify the returned notebook."""
    from analysis import config
    from analysis.app import figures, report

    cache: dict[str, object] = {}

    def run(name: str):
        if name not in cache:
            env = {var: None for var in (*report.ENV.values(), figures.EXPORTED_ENV)}
            env.update(NOTEBOOK_ENV.get(name, {}))
            try:
                cache[name] = report.execute_notebook(config.notebooks_dir() / name, timeout=300, env=env)
            except Exception as exc:  # noqa: BLE001 - remembered and raised again to every caller
                cache[name] = exc
        result = cache[name]
        if isinstance(result, Exception):
            raise result
        return result

    return run
