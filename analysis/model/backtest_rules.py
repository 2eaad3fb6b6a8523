"""The evaluators' hand rules, as point forecasts: the straight line (Excel ``FORECAST.LINEAR``),
compound growth (CAGR), Holt's method with fixed parameters and a ``FORECAST.ETS`` stand-in.
"""

from __future__ import annotations

import functools
import warnings

import numpy as np
import pandas as pd

from analysis.model import forecast as fc

__all__ = [
    "ETS_MIN", "straight_line", "compound_growth", "holt_point", "holt_points", "ets_points", "ets_point",
]

#: ETS (statsmodels' additive-trend exponential smoothing, Excel ``FORECAST.ETS`` stand-in) needs
#: this many consecutive points; below (or with gaps) the evaluator's line is used instead.
ETS_MIN = 4


def straight_line(years: np.ndarray, values: np.ndarray, year: float) -> float:
    """Excel ``FORECAST.LINEAR``: the OLS line through the points, at ``year``."""
    t = np.asarray(years, float)
    b = np.sum((t - t.mean()) * (values - values.mean())) / np.sum((t - t.mean()) ** 2)
    return float(values.mean() + b * (year - t.mean()))


def compound_growth(years: np.ndarray, values: np.ndarray, year: float) -> float:
    """Compound growth (CAGR) from the first to the last point, continued to ``year``;
    the last value (no growth) when the CAGR is undefined (a non-positive end point)."""
    y0, y1 = float(values[0]), float(values[-1])
    span = float(years[-1] - years[0])
    if y0 <= 0 or y1 <= 0 or span <= 0:
        return y1
    return y1 * (y1 / y0) ** ((year - years[-1]) / span)


def holt_point(years: np.ndarray, values: np.ndarray, year: float) -> float:
    """Holt's method with the fixed parameters of :mod:`analysis.model.forecast`; NaN when not
    applicable (fewer than 5 points or gaps)."""
    return float(holt_points(years, values, [year])[0])


def holt_points(years: np.ndarray, values: np.ndarray, future) -> np.ndarray:
    """:func:`holt_point` at each of the ``future`` years (one fit)."""
    future = np.atleast_1d(np.asarray(future, float))
    if len(values) < fc.HOLT_MIN or not np.all(np.diff(years) == 1):
        return np.full(len(future), np.nan)
    r = fc.fit(pd.Series(values, index=years), model="holt", calibrate=False)
    return r.forecast([int(y) for y in future]).to_numpy(float)


def ets_points(years: np.ndarray, values: np.ndarray, future) -> np.ndarray:
    """Excel ``FORECAST.ETS`` stand-in: statsmodels' additive-trend exponential smoothing
    (``ExponentialSmoothing(trend="add")``, parameters and initial state estimated), at the
    ``future`` years (one fit). Below :data:`ETS_MIN` consecutive points (or with gaps) the
    straight line (what an evaluator falls back to)."""
    years = np.asarray(years)
    future = np.atleast_1d(np.asarray(future, float))
    if len(values) < ETS_MIN or not np.all(np.diff(years) == 1):
        return np.array([straight_line(years, values, y) for y in future])
    h = np.round(future - years[-1]).astype(int)
    path = _ets_path(tuple(np.asarray(values, float).tolist()), int(h.max()))
    return path[h - 1]


@functools.lru_cache(maxsize=4096)
def _ets_path(values: tuple[float, ...], steps: int) -> np.ndarray:
    """The ETS forecast ``steps`` years ahead of ``values`` (kept: the national checks and the
    back-test call the same published prefixes many times)."""
    # statsmodels is imported here, on the first ETS fit: it costs ~0.7 s of every start of the
    # command line, a notebook or the explorer, which mostly never fit one
    from statsmodels.tools.sm_exceptions import ConvergenceWarning
    from statsmodels.tsa.holtwinters import ExponentialSmoothing

    # One BLAS thread: an ETS fit is hundreds of BLAS calls on vectors of a few numbers. With
    # OpenBLAS's default (a thread per core) the idle threads spin after every call, which
    # doubled the CPU time of ``python -m analysis backtest`` on two cores for no gain in speed.
    with _one_blas_thread(), warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        warnings.simplefilter("ignore", RuntimeWarning)
        warnings.simplefilter("ignore", UserWarning)
        res = ExponentialSmoothing(np.asarray(values, float), trend="add",
                                   initialization_method="estimated").fit()
        path = np.asarray(res.forecast(steps), float)
    path.setflags(write=False)
    return path


@functools.lru_cache(maxsize=1)
def _blas_controller():
    """The BLAS libraries loaded by then (numpy's and scipy's OpenBLAS), found once."""
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()


def _one_blas_thread():
    """A context in which BLAS runs on one thread (threadpoolctl; ~20 µs to enter and leave)."""
    return _blas_controller().limit(limits=1, user_api="blas")


def ets_point(years: np.ndarray, values: np.ndarray, year: float) -> float:
    """:func:`ets_points` at one year."""
    return float(ets_points(years, values, [year])[0])
