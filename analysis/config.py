"""Paths and defaults, in one place.

Every path can be overridden with an environment variable so that tests, CI and
other plans can point the suite elsewhere without touching code:

========================  ==============================  =====================
variable                  meaning                         default
========================  ==============================  =====================
``ANALYSIS_ROOT``         project root                    parent of ``analysis/``
``ANALYSIS_RAW_DIR``      immutable inputs                ``<root>/data/raw``
``ANALYSIS_PROCESSED_DIR`` written by ``build`` only      ``<root>/data/processed``
``ANALYSIS_FIGURES_DIR``  exported figures                ``<root>/figures``
``ANALYSIS_REPORTS_DIR``  workbook, HTML report           ``<root>/reports``
``ANALYSIS_CACHE_DIR``    saved costly results (``off``:  ``$XDG_CACHE_HOME/pingchuan-analysis``
                          none)                           (``~/.cache/...``)
========================  ==============================  =====================

Paths are resolved when read (functions, not constants) so an override set after
import still takes effect.
"""

from __future__ import annotations

import contextlib
import contextvars
import os
from pathlib import Path

#: The plan's horizon: targets with no deadline are judged at this year.
PLAN_HORIZON: int = 2020
#: The plan's vantage point: it was issued in 2019; baseline for schedule checks.
PLAN_BASELINE_YEAR: int = 2018
#: The plan period (for the 序时进度 schedule check: baseline -> horizon).
PLAN_START_YEAR: int = 2019
#: Region assumed when an observations file has no ``region`` column.
DEFAULT_REGION: str = "平川区"
#: Years accepted by the intake: a monitoring file of the plan's district (a 1999 is a typing slip there).
MIN_YEAR, MAX_YEAR = 2000, 2035
#: The first year accepted when a plan's history is replayed (``backtest --targets``, the held-out plan
#: checks): older plans' targets and values (the 9th Five-Year Plan's 2000 targets on 1994-1999 values;
#: 1949, the first year of the People's Republic's statistics).
HISTORY_MIN_YEAR = 1949
_YEARS: contextvars.ContextVar[tuple[int, int] | None] = contextvars.ContextVar("accepted_years", default=None)


def year_range() -> tuple[int, int]:
    """The years the intake and the catalogue accept here: ``(MIN_YEAR, MAX_YEAR)`` unless
    :func:`years_accepted` widened them."""
    return _YEARS.get() or (MIN_YEAR, MAX_YEAR)


@contextlib.contextmanager
def years_accepted(lo: int = HISTORY_MIN_YEAR, hi: int = MAX_YEAR):
    """Accept the years ``lo``-``hi`` in every read and catalogue inside this context (a plan's
    history, :data:`HISTORY_MIN_YEAR` on)."""
    token = _YEARS.set((int(lo), int(hi)))
    try:
        yield
    finally:
        _YEARS.reset(token)

#: The variables that put BLAS (OpenBLAS, MKL) on one thread, see :func:`one_blas_thread`.
BLAS_THREAD_VARS: tuple[str, ...] = ("OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


def one_blas_thread(environ=None) -> dict:
    """Put BLAS on one thread in ``environ`` (default ``os.environ``), unless the user chose a number.

    The suite's arrays are small. OpenBLAS, by default one thread per core, wakes its threads
    for every matrix product (matplotlib transforms each path with one, a statsmodels fit makes
    hundreds) and they spin after each; measured on two cores, ``python -m analysis backtest``
    took 53-55 s of CPU with them and 30-32 s without, for the same ≈ 32 s of wall time and the
    same output. ``python -m analysis`` calls this before numpy loads, and the notebook
    kernels and the explorer's server it starts inherit it. Returns ``environ``.
    """
    environ = os.environ if environ is None else environ
    for var in BLAS_THREAD_VARS:
        environ.setdefault(var, "1")
    return environ


def _path(var: str, default: Path) -> Path:
    value = os.environ.get(var)
    return Path(value).expanduser().resolve() if value else default


def root() -> Path:
    """Project root (``ANALYSIS_ROOT``)."""
    return _path("ANALYSIS_ROOT", Path(__file__).resolve().parent.parent)


def raw_dir() -> Path:
    """Immutable raw inputs (``ANALYSIS_RAW_DIR``)."""
    return _path("ANALYSIS_RAW_DIR", root() / "data" / "raw")


def processed_dir() -> Path:
    """Processed, tidy data written only by ``build`` (``ANALYSIS_PROCESSED_DIR``)."""
    return _path("ANALYSIS_PROCESSED_DIR", root() / "data" / "processed")


def figures_dir() -> Path:
    """Exported figures (``ANALYSIS_FIGURES_DIR``)."""
    return _path("ANALYSIS_FIGURES_DIR", root() / "figures")


def reports_dir() -> Path:
    """Workbook, HTML report and index page (``ANALYSIS_REPORTS_DIR``)."""
    return _path("ANALYSIS_REPORTS_DIR", root() / "reports")


def cache_dir() -> Path | None:
    """Saved results that are costly to compute and depend only on files and code
    (:mod:`analysis.io.cache`; ``ANALYSIS_CACHE_DIR``, ``off`` for none)."""
    value = os.environ.get("ANALYSIS_CACHE_DIR")
    if value is not None and value.strip().lower() in ("off", "none", "0", ""):
        return None
    xdg = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return _path("ANALYSIS_CACHE_DIR", Path(xdg).expanduser() / "pingchuan-analysis")


def notebooks_dir() -> Path:
    """The story-telling notebooks."""
    return root() / "notebooks"


def plan_dir() -> Path:
    """The plan's text, target catalogue and named entities."""
    return raw_dir() / "plan"


def targets_path() -> Path:
    """The plan's target catalogue (``data/raw/plan/targets.csv``)."""
    return plan_dir() / "targets.csv"


def is_plan_catalogue(path: str | Path | None) -> bool:
    """Whether ``path`` (``--targets``; ``None``: the default) is the plan's own catalogue, whose title,
    document number and tasks the report may name."""
    return path is None or Path(path).resolve() == targets_path().resolve()


def entities_path() -> Path:
    """Sectors, firms, centres, bases and partnerships the plan names."""
    return plan_dir() / "entities.csv"


def monitoring_path() -> Path:
    """The bundled *illustrative* monitoring dataset."""
    return raw_dir() / "monitoring" / "pingchuan_monitoring_illustrative.csv"


def sector_panel_path() -> Path:
    """The bundled *illustrative* sector panel."""
    return raw_dir() / "monitoring" / "pingchuan_sector_panel_illustrative.csv"


def public_dir() -> Path:
    """Real public reference series with their sources."""
    return raw_dir() / "public"


def sources_path() -> Path:
    """Provenance of every raw file (producer, URL, access date, licence, sha256)."""
    return raw_dir() / "sources.csv"


#: The report's parameters as environment variables a notebook reads
#: (:func:`analysis.app.params.notebook_params`; ``explore --lang`` sets the language of its page).
NOTEBOOK_ENV = {"data": "ANALYSIS_DATA", "targets": "ANALYSIS_TARGETS", "as_of": "ANALYSIS_AS_OF",
                "lang": "ANALYSIS_LANG", "only": "ANALYSIS_FIGURES"}
