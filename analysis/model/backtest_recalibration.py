"""Learning the recalibration of the automatic rule's probability (issue 16).

The back-test's reliability diagram showed the probabilities of meeting a target too high where the
trend has to carry the indicator past it (calls of 0.2-0.5 met less often than said). The map of
:func:`analysis.model.forecast_calibration.recalibrate` shifts the log-odds of "the trend carries it
past the target"; here its coefficients are learned by least squares on the probabilities (the
Brier score, the figure the evaluators use) from the back-test's calls on the real series, and
applied leaving each series out (:func:`loso_recalibrate`). Which terms the map has
(:data:`RECAL_GRID`) is chosen by nested leave-one-series-out
(:func:`analysis.model.backtest_selection.select_recalibration`); the chosen terms are
:data:`RECAL_SPEC`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import special

from analysis.model.forecast import MIN_POINTS
from analysis.model.forecast_calibration import RECAL_SHORT_POINTS, recalibrate

__all__ = ["RECAL_GRID", "RECAL_SPEC", "recal_inputs", "fit_recalibration", "training_calls", "loso_recalibrate"]

#: The maps compared by :func:`~analysis.model.backtest_selection.select_recalibration` (terms of
#: :data:`~analysis.model.forecast_calibration.RECAL_TERMS`; ``()``: no map, the rule before).
RECAL_GRID: tuple[tuple[str, ...], ...] = ((), ("shift",), ("shift", "per_year"), ("shift", "low_information"),
                                           ("shift", "per_year", "low_information"), ("short",), ("shift", "short"),
                                           ("shift", "per_year", "short"))
#: The terms kept (chosen by the nested leave-one-series-out back-test): a shift of the log-odds for
#: calls from short series only (at most 5 points); from 6 points the probability is left as it is.
RECAL_SPEC: tuple[str, ...] = ("short",)


def recal_inputs(cases: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """``(up, h, low, short)`` per case, each (cases, 1): the forecast at least the last known value,
    years ahead, a 2-point call, a call from at most
    :data:`~analysis.model.forecast_calibration.RECAL_SHORT_POINTS` points (the inputs of
    :func:`~analysis.model.forecast_calibration.recalibrate`)."""
    up = (cases["point"].to_numpy(float) >= cases["last"].to_numpy(float))[:, None]
    h = cases["h"].to_numpy(float)[:, None]
    n = cases["n_train"].to_numpy(int)[:, None]
    return up, h, n < MIN_POINTS, n <= RECAL_SHORT_POINTS


def fit_recalibration(q: np.ndarray, met: np.ndarray, up: np.ndarray, h: np.ndarray, low: np.ndarray,
                      terms: tuple[str, ...], short: np.ndarray | bool = False) -> dict:
    """The coefficients of the map with ``terms`` minimising the Brier score of the mapped ``q``.

    ``q`` (cases, R) are probabilities ``P(Y >= target)``, ``met`` (cases, R) the outcomes, ``up``,
    ``h``, ``low``, ``short`` broadcastable to them. Returns ``{term: coefficient}`` (rounded to 6
    decimals; empty when ``terms`` is empty or there is nothing to learn from).
    """
    terms = tuple(terms)
    if not terms or not np.size(q):
        return {}
    q, met = np.asarray(q, float), np.asarray(met, float)
    shape = np.broadcast_shapes(q.shape, np.shape(up), np.shape(h), np.shape(low), np.shape(short))
    up_b = np.broadcast_to(up, shape).reshape(-1)
    u = np.where(up_b, np.broadcast_to(q, shape).reshape(-1), 1 - np.broadcast_to(q, shape).reshape(-1))
    y = np.where(up_b, np.broadcast_to(met, shape).reshape(-1), 1 - np.broadcast_to(met, shape).reshape(-1))
    cols = {"shift": np.ones(u.size), "per_year": np.broadcast_to(h, shape).reshape(-1) - 1.0,
            "low_information": np.broadcast_to(low, shape).reshape(-1).astype(float),
            "short": np.broadcast_to(short, shape).reshape(-1).astype(float)}
    X = np.stack([cols[t] for t in terms], axis=1)
    # a call no term moves (a long series' call, for the short-series term) adds a constant to the
    # loss: the coefficients are the same without it, and the fit is several times faster
    moved = np.any(X != 0, axis=1)
    if not moved.any():
        return {t: 0.0 for t in terms}
    X, u, y = X[moved], u[moved], y[moved]
    with np.errstate(divide="ignore"):
        z = special.logit(np.clip(u, 0.0, 1.0))

    def loss(a):
        v = special.expit(z + X @ a)
        r = v - y
        return float(np.mean(r * r)), X.T @ (2.0 * r * v * (1.0 - v)) / len(r)

    from scipy import optimize  # here: scipy.optimize costs ~0.2 s of every start; only refits use it

    res = optimize.minimize(loss, np.zeros(len(terms)), jac=True, method="BFGS", options={"gtol": 1e-10})
    return {t: round(float(a), 6) for t, a in zip(terms, res.x)}


def training_calls(own: tuple, extra: dict | None, leave_out) -> dict:
    """The keyword arguments of :func:`fit_recalibration` (``q, met, up, h, low, short``) from the
    calls ``own`` (a tuple in that order) and those of ``extra`` whose series is not in ``leave_out``."""
    names = ("q", "met", "up", "h", "low", "short")
    if extra is None:
        return dict(zip(names, own))
    keep = ~np.isin(extra["series"], list(leave_out))
    parts = [extra[k][keep] for k in ("P", "met", "up", "h", "low", "short")]
    return {k: np.concatenate([a, b]) for k, a, b in zip(names, own, parts)}


def loso_recalibrate(cases: pd.DataFrame, P: np.ndarray, met: np.ndarray, train: np.ndarray, apply: np.ndarray,
                     terms: tuple[str, ...], extra: dict | None = None) -> np.ndarray:
    """``P`` (cases, R) with the rows ``apply`` mapped, each series by the map learned on the rows
    ``train`` of the *other* series (leave-one-series-out); other rows unchanged. ``extra``: more
    training calls (``series, P, met, up, h, low, short``, as
    :func:`~analysis.model.backtest_run.window_calls` gives them), also used without the series mapped."""
    out = P.copy()
    if not terms or not apply.any():
        return out
    up, h, low, short = recal_inputs(cases)
    sid = cases["series"].to_numpy()
    for s in np.unique(sid[apply]):
        tr = train & (sid != s)
        coef = fit_recalibration(**training_calls((P[tr], met[tr], up[tr], h[tr], low[tr], short[tr]), extra, [s]),
                                 terms=terms)
        rows = apply & (sid == s)
        out[rows] = recalibrate(P[rows], up[rows], h[rows], low[rows], coef, short[rows])
    return out

