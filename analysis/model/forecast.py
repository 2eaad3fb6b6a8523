"""Short-series forecasts with honest uncertainty and the probability of meeting a target.

The monitoring series are yearly and short (3-10 points). This module fits a few
simple models whose predictive distributions have closed forms, weights them by a
rolling-origin back-test on the series itself, widens the intervals with factors
learned on real public series (:mod:`analysis.model.backtest`), and answers "what is the
probability that the indicator meets its target at the deadline?".

Models (``model=``)
-------------------
``drift``      random walk with drift, ``y_t = y_{t-1} + d + e``; gaps in the years are
               handled exactly (a gap of ``g`` years adds ``g`` steps of variance).
               Predictive: Student t with ``n - 2`` degrees of freedom, variance
               ``s^2 (h + h^2 / T)`` (drift estimation uncertainty included).
``logdrift``   the same on ``log y`` (strictly positive series, from 3 points):
               ``log y_t = log y_{t-1} + mu + e``, the statistical version of the
               compound-growth (CAGR) rule - its median forecast is exactly
               ``y_last (y_last / y_first) ** (h / T)``; t interval on the log scale
               (log-scale residual variance and the uncertainty of ``mu``),
               back-transformed; point = the median.
``linear``     OLS trend ``y = a + b t``; the classical t prediction interval
               (``n - 2`` df, parameter uncertainty included).
``loglinear``  OLS on ``log y`` (positive series only), t interval on the log scale,
               back-transformed. The point forecast is the **median** ``exp(m)``; the
               lognormal mean ``exp(m + s^2/2)`` is not used because under a t
               predictive on 3-10 points it does not exist (heavy tails).
``holt``       Holt's linear method, ``damped`` the damped-trend version, with
               *fixed* smoothing parameters (see :data:`HOLT_PARAMS`); with 5-10
               points estimating them is hopeless. Needs >= 5 points and no gaps.
               Predictive variance is the ETS(A,A(d),N) closed form.
``poisson``    Poisson GLM with a log-linear trend (IRLS, identical to statsmodels'
``negbin``     ``GLM``); ``negbin`` uses a negative-binomial GLM whose dispersion is
               the method-of-moments estimate from the Poisson fit. Parameter
               uncertainty enters as a lognormal mixing on the mean: the predictive
               is ``Y | mu ~ Poisson/NB(mu)``, ``log mu ~ N(eta_h, se_h^2)``,
               integrated by Gauss-Hermite quadrature. Counts only.

``model=None`` (automatic): the equal-weight mixture of ``drift`` and ``logdrift``
(additive and multiplicative drift; ``drift`` alone when a value is <= 0), at every
series length. This rule was chosen by a nested leave-one-series-out back-test on the
real public series (:func:`analysis.model.backtest.select_auto`) against back-test-weighted
mixtures of all candidates (inverse-MSE, relative errors, shrinkage); the alternatives
stay available through :data:`AUTO_CONFIG` (used by the back-test). The predictive
distribution is the mixture. Below 3 points the result is ``insufficient`` (every number
NaN), except that with ``low_information=True`` (the default of :func:`forecast_panel`) the
automatic rule calls 2 points: the growth of the two points, the residual scale from the pooled
prior of the indicator's kind (``"priors"`` in the calibration file, learned on the real
series by :func:`analysis.model.backtest.learn_priors`; its strength chosen by nested
leave-one-series-out, :func:`analysis.model.backtest.select_prior`). From 3 points the prior is
not used (the back-test found the series' own scale better calibrated).

Support
-------
* ``level`` and ``ratio`` are censored at 0: a predictive quantile below 0 is 0,
  and ``P(Y >= v)`` for ``v > 0`` is unchanged.
* ``share`` (per cent) is censored to ``[0, 100]``. Censoring rather than a logit
  transform: shares at exactly 100 (``全覆盖``) or 0 are common in plans, a logit
  sends them to infinity, and censoring keeps a positive probability of reaching
  "100%" - the question a plan asks.
* ``count`` and ``milestone`` are discrete and non-negative: the continuous models
  are rounded to the nearest integer and censored at 0; the GLMs are discrete. The
  continuous models' spread on counts has a Poisson floor, ``sqrt(h (S + 0.5) / T)``
  with ``S`` the net increase over the ``T`` years observed: an exactly linear or an
  all-zero count history does not give a zero-width interval (a milestone not reached in
  four years still has a chance next year).
* A ``<=`` target at or below 0 ("eliminate", "all lifted out of poverty") is called from
  the additive components only: the log-scale models never reach 0 and would cap the
  automatic mixture's probability at 0.5 by construction (see :meth:`_Mixture.prob`).
* Every continuous model's residual scale has a floor, :data:`FLOOR_CHANGE` x the mean
  absolute yearly change and :data:`FLOOR_LEVEL` x the mean level (log models: 0.001 in
  log units), so an exact fit never gives a point interval beyond the last observation
  (only an all-zero level series, which has no scale at all, does).

Calibration
-----------
On 3-10 points every model's interval is too narrow (model uncertainty, breaks,
revisions). :mod:`analysis.model.backtest` learns, per horizon, a factor ``c_h >= 1`` that
multiplies the predictive scale (for the GLMs: the standard error of the linear
predictor); ``fit(calibrate=True)`` applies it. Factors live in
``analysis/calibration.json``.
"""

from __future__ import annotations

import errno
import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Sequence

import numpy as np
import pandas as pd
from scipy import special
from scipy.special._ufuncs import _nbinom_ppf as _sf_nbinom_ppf  # scipy.stats.nbinom's own ppf

__all__ = [
    "MODELS", "KINDS", "ForecastResult", "fit", "forecast_panel", "load_calibration",
    "calibration_path", "candidate_models", "HOLT_PARAMS",
]

MODELS: tuple[str, ...] = ("drift", "logdrift", "linear", "loglinear", "holt", "damped", "poisson", "negbin")
KINDS: tuple[str, ...] = ("level", "count", "ratio", "share", "milestone")
#: Fewer points than this: no model of its own (``insufficient``, or a ``low_information``
#: call from the pooled prior, see :data:`LOW_INFO_POINTS`).
MIN_POINTS = 3
#: From this many points (and below :data:`MIN_POINTS`) the automatic rule still makes a call
#: when a pooled prior is available: the growth from the two points, the residual scale from the
#: prior alone (``low_information``; wide by construction).
LOW_INFO_POINTS = 2
#: From this many points the automatic choice back-tests the candidates.
AUTO_BACKTEST_MIN = 5
#: Holt needs this many points when asked for, and this many in the automatic choice.
HOLT_MIN, HOLT_AUTO_MIN = 5, 7
#: Fixed (alpha, beta*, phi) for Holt's method: the level follows the data closely
#: (yearly statistics are not very noisy), the trend adapts slowly, damping 0.9.
HOLT_PARAMS: dict[str, tuple[float, float, float]] = {"holt": (0.8, 0.2, 1.0), "damped": (0.8, 0.2, 0.9)}
_DISCRETE = ("count", "milestone")
_SUPPORT = {"level": (0.0, np.inf), "ratio": (0.0, np.inf), "share": (0.0, 100.0),
            "count": (0.0, np.inf), "milestone": (0.0, np.inf)}
_BISECT_ITER = 64
#: Floor on the residual scale of the continuous models (on the model's own scale, i.e.
#: log units for ``logdrift``/``loglinear``): ``s >= max(FLOOR_CHANGE * mean |yearly change|,
#: FLOOR_LEVEL * mean |level|)`` (log models: ``FLOOR_LEVEL`` itself, a relative noise).
#: Both are about half the smallest ratio seen on the real public series (full series, every
#: model; since the 48-series corpus of issue 16: 0.088, China's rural income under ``loglinear``,
#: and 0.0008, China's population; before, on 26 series, 0.18 and 0.0022 gave 0.09 and 0.001),
#: so the floor never binds on real statistics; it only stops an exact (synthetic) fit from
#: giving a zero-width interval. Tested.
FLOOR_CHANGE, FLOOR_LEVEL = 0.04, 0.0004
#: The automatic choice (see :func:`candidate_models`, :func:`_auto_weights`); chosen by
#: the leave-one-series-out back-test of :func:`analysis.model.backtest.select_auto`.
#: ``short``: equal-weight candidates below ``AUTO_BACKTEST_MIN`` points; ``error``:
#: ``"rel"`` (squared relative errors) or ``"abs"`` (squared errors) in the back-test
#: weights; ``shrink``: ``m0`` in ``w = m0/(m0+m) * equal + m/(m0+m) * inverse-error``
#: for ``m`` back-test errors (0: no shrinkage; ``inf``: equal weights).
#: ``long``: ``"kind"`` (from 5 points the kind's full candidate list) or ``"short"`` (the
#: ``short`` set at every size).
AUTO_CONFIG: dict = {"short": ("drift", "logdrift"), "error": "rel", "shrink": float("inf"),
                     "long": "short", "regime": "equal", "temper": 1.0, "prior": None}


# --------------------------------------------------------------------------- calibration

def calibration_path() -> Path:
    """The committed calibration factors (``analysis/calibration.json``)."""
    return Path(__file__).resolve().parent / "calibration.json"


@lru_cache(maxsize=4)
def _load_calibration_cached(path: str, mtime: int) -> dict:
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


def load_calibration(path: str | Path | None = None) -> dict:
    """The calibration factors, ``{"factors": {method: [c_1, c_2, ...]}, ...}``.

    Raises
    ------
    FileNotFoundError
        When the file does not exist: intervals would silently be uncalibrated (an install
        without the package data). Pass ``calibrate=False`` to :func:`fit` for raw intervals.
    """
    p = Path(path) if path is not None else calibration_path()
    if not p.is_file():
        raise FileNotFoundError(
            errno.ENOENT, "forecast calibration file missing; reinstall the package "
            "(its wheel must contain analysis/model/calibration.json) or run "
            "`python -m analysis backtest --refit`", str(p))
    return _load_calibration_cached(str(p), p.stat().st_mtime_ns)


def _factors(method: str, horizons: np.ndarray, calibration: dict | None) -> np.ndarray:
    """Scale factors for integer horizons (years ahead); 1 when uncalibrated."""
    h = np.asarray(horizons, dtype=float)
    if not calibration:
        return np.ones_like(h)
    table = calibration.get("factors", {})
    f = table.get(method) or table.get("auto")
    if not f:
        return np.ones_like(h)
    f = np.maximum.accumulate(np.asarray(f, dtype=float))
    idx = np.clip(np.round(h).astype(int) - 1, 0, len(f) - 1)
    return np.where(h >= 1, f[idx], 1.0)


# --------------------------------------------------------------------------- components

@dataclass
class _Comp:
    """One model's predictive distribution for N aligned series at H future years."""

    name: str
    family: str            # "t" (location-scale, maybe on log scale) or "nb" (count GLM)
    log: bool
    loc: np.ndarray        # (N, H) location (log scale for log / nb)
    scale: np.ndarray      # (N, H) >= 0 (se of the linear predictor for nb)
    df: np.ndarray         # (N, 1)
    alpha: np.ndarray      # (N, 1) NB dispersion (0 = Poisson); unused for "t"
    ok: np.ndarray         # (N,) available for the series

    def point(self) -> np.ndarray:
        return np.exp(self.loc) if (self.log or self.family == "nb") else self.loc.copy()


def _nan(N: int, H: int) -> np.ndarray:
    return np.full((N, H), np.nan)


def _zero_small(s: np.ndarray, Y: np.ndarray) -> np.ndarray:
    """Residual scales that are floating-point noise of an exact fit become exactly 0."""
    ref = np.nanmax(np.abs(Y), axis=1) + 1e-300
    return np.where(s <= 1e-9 * ref, 0.0, s)


def _floor(s: np.ndarray, t: np.ndarray, Z: np.ndarray, log: bool) -> np.ndarray:
    """The residual-scale floor (see :data:`FLOOR_CHANGE`, :data:`FLOOR_LEVEL`)."""
    with np.errstate(invalid="ignore"):
        change = np.nanmean(np.abs(np.diff(Z, axis=1)) / np.diff(t)[None, :], axis=1)
        level = FLOOR_LEVEL if log else FLOOR_LEVEL * np.nanmean(np.abs(Z), axis=1)
    return np.maximum(s, np.maximum(FLOOR_CHANGE * change, level))


def _scale(Y, log: bool):
    """The modelling scale: ``(Y, all rows ok)``, or ``(log Y, rows with only positive values)``.

    Rows with a non-positive value are not fitted on the log scale (ok False); they get
    ``log 1 = 0`` placeholders so the array arithmetic stays finite.
    """
    if not log:
        return Y, np.ones(Y.shape[0], bool)
    ok = (Y > 0).all(axis=1)
    return np.log(np.where(ok[:, None], Y, 1.0)), ok


def _c_linear(t, Y, hy, log=False, name="linear") -> _Comp:
    N, n = Y.shape
    Z, ok = _scale(Y, log)
    tbar = t.mean()
    tc = t - tbar
    sxx = float((tc ** 2).sum())
    a = Z.mean(axis=1)
    b = (Z * tc).sum(axis=1) / sxx
    resid = Z - a[:, None] - b[:, None] * tc
    s = np.sqrt((resid ** 2).sum(axis=1) / (n - 2))
    s = _floor(_zero_small(s, Z), t, Z, log)
    x = hy - tbar
    loc = a[:, None] + b[:, None] * x[None, :]
    scale = s[:, None] * np.sqrt(1.0 + 1.0 / n + x[None, :] ** 2 / sxx)
    loc[~ok], scale[~ok] = np.nan, np.nan
    return _Comp(name, "t", log, loc, scale, np.full((N, 1), n - 2.0), np.zeros((N, 1)), ok)


def _prior_scale(prior: dict | None, kind: str, name: str) -> tuple[float, float, float, str]:
    """``(nu0, nu0_long, s0, ref)`` of the pooled prior for component ``name`` of a ``kind``
    series: prior degrees of freedom for a 2-point call (``nu0``) and from 3 points (``nu0_long``;
    0: the series' own scale alone), the kind's typical yearly residual scale ``s0`` relative to
    ``ref`` (``"level"``: the series' mean level, log units for ``logdrift``; ``"change"``: its
    mean yearly change). ``(0, 0, nan, "level")`` without a prior."""
    none = (0.0, 0.0, float("nan"), "level")
    if not prior:
        return none
    nu0 = float(prior.get("nu0", 0.0))
    nu0_long = float(prior.get("nu0_long", 0.0))
    table = prior.get("scale", {})
    row = table.get(kind) or table.get("all") or {}
    s0 = float(row.get(name, float("nan")))
    if not (np.isfinite(s0) and s0 > 0) or (nu0 <= 0 and nu0_long <= 0):
        return none
    return nu0, nu0_long, s0, str(prior.get("ref", "level"))


def _c_drift(t, Y, hy, log: bool = False, prior: tuple | None = None) -> _Comp:
    """Random walk with drift on ``y`` (``drift``) or on ``log y`` (``logdrift``, positive
    series: the statistical version of the compound-growth rule; its median forecast is
    exactly ``y_last * (y_last / y_first) ** (h / T)``).

    ``prior = (nu0, nu0_long, s0, ref)``: the pooled (empirical-Bayes) prior on the residual
    variance, a scaled inverse chi-square with ``nu0`` degrees of freedom (2 points) or ``nu0_long``
    (3 or more) around ``s0`` times the series' own reference (``ref`` ``"level"``: the mean level,
    1 for ``logdrift``; ``"change"``: the mean yearly change ``|d|``): the posterior scale is
    ``((nu0 s0^2 + (k-1) s^2) / (nu0 + k - 1))^(1/2)`` with ``nu0 + k - 1`` degrees of freedom for
    ``k`` yearly changes. From 2 points (``k - 1 = 0``) the scale is the prior's alone.
    """
    N, n = Y.shape
    Z, ok = _scale(Y, log)
    g = np.diff(t)
    D = np.diff(Z, axis=1)
    T = float(t[-1] - t[0])
    d = (Z[:, -1] - Z[:, 0]) / T
    k = n - 1
    nu0_short, nu0_long, s0, ref_kind = prior if prior is not None else (0.0, 0.0, float("nan"), "level")
    nu0 = nu0_short if k < 2 else nu0_long
    ss = (((D - d[:, None] * g) ** 2) / g).sum(axis=1)
    if k > 1:
        s = _floor(_zero_small(np.sqrt(ss / (k - 1)), Z), t, Z, log)
    else:
        s = np.zeros(N)
    df = float(k - 1)
    if nu0 > 0:
        if ref_kind == "change":
            ref = np.abs(d)                      # the yearly change: s0 is a coefficient of variation
        else:
            ref = 1.0 if log else np.nanmean(np.abs(Z), axis=1)
        s0_abs = s0 * ref
        s = np.sqrt((nu0 * s0_abs ** 2 + (k - 1) * s ** 2) / (nu0 + k - 1))
        s = _floor(s, t, Z, log)
        df = nu0 + k - 1
    elif k < 2:
        ok = np.zeros(N, bool)
    h = hy - t[-1]
    loc = Z[:, -1][:, None] + d[:, None] * h[None, :]
    scale = s[:, None] * np.sqrt(h + h ** 2 / T)[None, :]
    loc[~ok], scale[~ok] = np.nan, np.nan
    return _Comp("logdrift" if log else "drift", "t", log, loc, scale, np.full((N, 1), df),
                 np.zeros((N, 1)), ok)


def _holt_filter(Y: np.ndarray, alpha: float, beta: float, phi: float):
    """Holt's recursions (statsmodels' form, trend smoothing beta*), started so that the
    first one-step forecast equals the first value: level0 = y0 - phi*b0, b0 = y1 - y0.
    Returns the final level, trend, the one-step errors (N, n) and the initial state."""
    b = Y[:, 1] - Y[:, 0]
    level = Y[:, 0] - phi * b
    init = (level.copy(), b.copy())
    errs = np.empty_like(Y)
    for j in range(Y.shape[1]):
        yhat = level + phi * b
        errs[:, j] = Y[:, j] - yhat
        new = alpha * Y[:, j] + (1 - alpha) * yhat
        b = beta * (new - level) + (1 - beta) * phi * b
        level = new
    return level, b, errs, init


def _c_holt(t, Y, hy, name) -> _Comp:
    N, n = Y.shape
    alpha, beta, phi = HOLT_PARAMS[name]
    regular = bool(np.all(np.diff(t) == 1)) and n >= HOLT_MIN
    if not regular:
        H = len(hy)
        return _Comp(name, "t", False, _nan(N, H), _nan(N, H), np.full((N, 1), np.nan),
                     np.zeros((N, 1)), np.zeros(N, bool))
    level, b, errs, _ = _holt_filter(Y, alpha, beta, phi)
    s = np.sqrt((errs[:, 1:] ** 2).sum(axis=1) / (n - 2))
    s = _floor(_zero_small(s, Y), t, Y, False)
    h = np.round(hy - t[-1]).astype(int)
    hmax = int(h.max())
    phis = np.cumsum(phi ** np.arange(1, hmax + 1))           # phi_j = phi + ... + phi^j
    loc = level[:, None] + phis[h - 1][None, :] * b[:, None]
    cj = (alpha + alpha * beta * phis) ** 2                    # (alpha + beta phi_j)^2, beta = alpha beta*
    var_mult = 1.0 + np.concatenate([[0.0], np.cumsum(cj)])[h - 1]
    scale = s[:, None] * np.sqrt(var_mult)[None, :]
    return _Comp(name, "t", False, loc, scale, np.full((N, 1), n - 2.0), np.zeros((N, 1)),
                 np.ones(N, bool))


def _irls(x, Y, alpha, ok, maxiter=100, tol=1e-10):
    """Vectorised IRLS for a log-link GLM with mean-variance mu + alpha mu^2."""
    ybar = Y.mean(axis=1, keepdims=True)
    mu = (Y + ybar) / 2.0
    mu = np.where(mu > 0, mu, 1e-3)
    eta = np.log(mu)
    b0 = b1 = np.zeros(Y.shape[0])
    S0 = S1 = S2 = np.ones(Y.shape[0])
    converged = np.zeros(Y.shape[0], bool)
    for _ in range(maxiter):
        mu = np.exp(eta)
        w = mu / (1.0 + alpha * mu)
        z = eta + (Y - mu) / mu
        S0, S1, S2 = w.sum(1), (w * x).sum(1), (w * x * x).sum(1)
        r0, r1 = (w * z).sum(1), (w * x * z).sum(1)
        det = S0 * S2 - S1 ** 2
        b0n = (S2 * r0 - S1 * r1) / det
        b1n = (S0 * r1 - S1 * r0) / det
        eta_new = b0n[:, None] + b1n[:, None] * x[None, :]
        step = np.nanmax(np.abs(eta_new - eta), axis=1)
        eta, b0, b1 = eta_new, b0n, b1n
        converged = step < tol
        if np.all(converged | ~ok):
            break
    mu = np.exp(eta)
    w = mu / (1.0 + alpha * mu)
    S0, S1, S2 = w.sum(1), (w * x).sum(1), (w * x * x).sum(1)
    det = S0 * S2 - S1 ** 2
    cov = (S2 / det, -S1 / det, S0 / det)                      # (X'WX)^-1 entries
    return b0, b1, mu, cov, converged & np.isfinite(b1) & (np.abs(b1) < 50)


def _c_count(t, Y, hy, mode: str) -> _Comp:
    """Poisson / negative-binomial GLM with a log-linear trend. mode: poisson, negbin, auto."""
    N, n = Y.shape
    x = t - t.mean()
    Yc = np.where(Y >= 0, Y, 0.0)
    total = Y.sum(1)
    # A finite MLE needs positive counts not all at the first or all at the last year.
    ok = (Y >= 0).all(1) & (total > 0) & (Y[:, 0] < total) & (Y[:, -1] < total)
    zero = np.zeros((N, 1))
    b0, b1, mu, cov, conv = _irls(x, Yc, zero, ok)
    alpha = np.zeros(N)
    if mode != "poisson":
        pearson = ((Yc - mu) ** 2 / mu).sum(1) / (n - 2)
        a_mm = (((Yc - mu) ** 2 - mu) / mu ** 2).sum(1) / (n - 2)
        over = (a_mm > 0) if mode == "negbin" else ((pearson > 1) & (a_mm > 0))
        alpha = np.where(over & np.isfinite(a_mm), a_mm, 0.0)
        if np.any(alpha > 0):
            nb0, nb1, _, ncov, nconv = _irls(x, Yc, alpha[:, None], ok & (alpha > 0))
            sel = alpha > 0
            b0, b1 = np.where(sel, nb0, b0), np.where(sel, nb1, b1)
            cov = tuple(np.where(sel, nc, c) for nc, c in zip(ncov, cov))
            conv = np.where(sel, nconv, conv)
    ok = ok & conv
    xh = hy - t.mean()
    eta = b0[:, None] + b1[:, None] * xh[None, :]
    var = cov[0][:, None] + 2 * cov[1][:, None] * xh[None, :] + cov[2][:, None] * xh[None, :] ** 2
    se = np.sqrt(np.maximum(var, 0.0))
    eta[~ok], se[~ok] = np.nan, np.nan
    name = "negbin" if mode == "negbin" else "poisson"
    return _Comp(name, "nb", True, eta, se, np.full((N, 1), np.nan), alpha[:, None], ok)


def _component(name: str, t, Y, hy, kind: str, prior: dict | None = None) -> _Comp:
    comp = _component_raw(name, t, Y, hy, kind, prior)
    if kind in _DISCRETE and comp.family == "t":
        # Poisson floor: a count's spread is never below that of Poisson increments at the
        # series' average rate of increase, +0.5 (Jeffreys) so that a flat or all-zero
        # history still leaves a chance of the next event.
        T = float(t[-1] - t[0])
        rate = (np.maximum(Y[:, -1] - Y[:, 0], 0.0) + 0.5) / T
        h = np.maximum(hy - t[-1], 0.0)
        floor = np.sqrt(rate[:, None] * h[None, :])
        if comp.log:
            floor = floor / np.maximum(np.exp(comp.loc), 1.0)       # delta method on the log scale
        comp.scale = np.where(comp.ok[:, None], np.maximum(comp.scale, floor), comp.scale)
    return comp


def _component_raw(name: str, t, Y, hy, kind: str, prior: dict | None = None) -> _Comp:
    if name == "drift":
        return _c_drift(t, Y, hy, prior=_prior_scale(prior, kind, "drift"))
    if name == "logdrift":
        return _c_drift(t, Y, hy, log=True, prior=_prior_scale(prior, kind, "logdrift"))
    if name == "linear":
        return _c_linear(t, Y, hy)
    if name == "loglinear":
        return _c_linear(t, Y, hy, log=True, name="loglinear")
    if name in ("holt", "damped"):
        return _c_holt(t, Y, hy, name)
    if name == "count_glm":            # automatic: Poisson, or negative binomial when over-dispersed
        return _c_count(t, Y, hy, "auto")
    if name == "poisson":
        return _c_count(t, Y, hy, "poisson")
    if name == "negbin":
        return _c_count(t, Y, hy, "negbin")
    raise ValueError(f"unknown model {name!r}; choose one of {', '.join(MODELS)}")


def candidate_models(kind: str, n: int, regular: bool = True, positive: bool = True) -> list[str]:
    """The automatic candidates for a series of ``kind`` with ``n`` points.

    Below :data:`AUTO_BACKTEST_MIN` points ``AUTO_CONFIG["short"]`` (equal weights);
    from there ``drift``, ``linear``, ``logdrift`` (positive series), + ``loglinear`` for
    positive levels/ratios or the count GLM for counts, + Holt/damped from
    :data:`HOLT_AUTO_MIN` consecutive points. (Positivity is checked per series by the
    components' ``ok`` masks; ``positive=False`` drops the log models from the list.)
    """
    if n < AUTO_BACKTEST_MIN or AUTO_CONFIG.get("long", "kind") == "short":
        c = list(AUTO_CONFIG["short"])
        return [m for m in c if positive or m not in ("logdrift", "loglinear")]
    c = ["drift", "linear"] + (["logdrift"] if positive else [])
    if kind in _DISCRETE:
        c.append("count_glm")
    elif kind in ("level", "ratio") and positive:
        c.append("loglinear")
    if n >= HOLT_AUTO_MIN and regular:
        c += ["holt", "damped"]
    return c


def _auto_weights(t, Y, kind, cands) -> np.ndarray:
    """Back-test weights (N, K) from rolling-origin forecasts on each series.

    Every origin ``o`` (the first ``o`` points known, ``o >= 3``; ``>= 5`` when Holt is a
    candidate) and every later year give an error; ``AUTO_CONFIG["error"]`` ``"rel"``
    scales it by the realised value (``|y| > 0``; else the series' mean ``|y|``) so that
    late, large values of a growing series do not dominate. Weights are the inverse mean
    squared error (an exact model, zero error, takes the whole inverse-error share),
    shrunk towards equal weights by ``m0 / (m0 + m)`` for ``m`` errors
    (``AUTO_CONFIG["shrink"]``): a handful of errors is a noisy basis for weights.
    """
    N, n = Y.shape
    K = len(cands)
    m0 = float(AUTO_CONFIG.get("shrink", 0.0))
    if AUTO_CONFIG.get("regime", "equal") != "equal" and set(cands) == {"drift", "logdrift"}:
        return _regime_weights(t, Y, kind, cands)
    if n < AUTO_BACKTEST_MIN or np.isinf(m0):
        return np.full((N, K), 1.0 / K)
    first = HOLT_MIN if any(c in ("holt", "damped") for c in cands) else MIN_POINTS
    rel = AUTO_CONFIG.get("error", "abs") == "rel"
    if rel:
        absY = np.abs(Y)
        ref = np.where(absY > 0, absY, np.mean(absY, axis=1, keepdims=True))
        ref = np.where(ref > 0, ref, 1.0)
    sse = np.zeros((N, K))
    cnt = 0
    for o in range(first, n):
        hy = t[o:]
        for k, name in enumerate(cands):
            p = _component(name, t[:o], Y[:, :o], hy, kind).point()
            e = p - Y[:, o:]
            if rel:
                e = e / ref[:, o:]
            sse[:, k] += (e ** 2).sum(axis=1)
        cnt += n - o
    mse = sse / cnt
    mse = np.where(np.isfinite(mse), mse, np.inf)
    scale = np.mean((Y / ref) ** 2, axis=1, keepdims=True) if rel else np.mean(Y ** 2, axis=1, keepdims=True)
    tiny = 1e-20 * (scale + 1e-300)
    exact = mse <= tiny
    with np.errstate(divide="ignore"):
        inv = np.where(np.isfinite(mse), 1.0 / np.maximum(mse, 1e-300), 0.0)
    w = np.where(exact.any(axis=1, keepdims=True), exact.astype(float), inv)
    tot = w.sum(axis=1, keepdims=True)
    w = np.where(tot > 0, w / np.where(tot > 0, tot, 1.0), np.nan)
    if m0 > 0:
        lam = m0 / (m0 + cnt)
        # equal share among the models available for the series (finite back-test error)
        avail = np.isfinite(mse)
        na = avail.sum(axis=1, keepdims=True)
        eq = np.where(avail, 1.0 / np.maximum(na, 1), 0.0)
        w = lam * eq + (1.0 - lam) * w
    return w


def growth_regime(t, Y) -> np.ndarray:
    """Log-likelihood ratio (N,) of multiplicative vs additive growth.

    Both models are random walks with drift with Gaussian increments - on ``log y``
    (``logdrift``) and on ``y`` (``drift``) - compared on the same data, the values
    ``y_1 .. y_{n-1}`` given ``y_0``: the log model's likelihood carries the Jacobian
    ``prod 1 / y_i``. With maximum-likelihood scales ``s_log`` and ``s_lin`` (gap-weighted
    increments) the ratio is ``-k log(s_log / s_lin) - sum log y_i`` for ``k = n - 1``
    increments: positive when the yearly changes grow in proportion to the level (steady
    percentage growth), negative when they stay the same size (steady absolute growth).
    NaN for a series with a value <= 0 (no multiplicative model) or no variation.
    """
    Y = np.atleast_2d(np.asarray(Y, float))
    t = np.asarray(t, float)
    g = np.diff(t)
    T = float(t[-1] - t[0])
    pos = (Y > 0).all(axis=1)
    L = np.log(np.where(pos[:, None], Y, 1.0))
    out = []
    for Z in (Y, L):
        D = np.diff(Z, axis=1)
        d = (Z[:, -1] - Z[:, 0]) / T
        out.append(np.sqrt((((D - d[:, None] * g) ** 2) / g).mean(axis=1)))
    s_lin, s_log = out
    k = Y.shape[1] - 1
    with np.errstate(divide="ignore", invalid="ignore"):
        llr = -k * (np.log(s_log) - np.log(s_lin)) - L[:, 1:].sum(axis=1)
    return np.where(pos & (s_lin > 0) & (s_log > 0), llr, np.nan)


def _regime_weights(t, Y, kind, cands) -> np.ndarray:
    """Weights of ``drift`` and ``logdrift`` from the growth-regime test.

    ``AUTO_CONFIG["regime"]``: ``"lik"`` - the weight of ``logdrift`` is the logistic of
    the log-likelihood ratio of :func:`growth_regime` divided by ``AUTO_CONFIG["temper"]``
    (1: the posterior probability under equal prior odds; larger: softer), plus the log
    prior odds of ``AUTO_CONFIG["prior"]`` (``{kind: P(logdrift)}``, default 0.5).
    ``"prior"``: the kind's prior weight alone. Equal weights where the ratio is undefined.
    """
    N = Y.shape[0]
    prior = (AUTO_CONFIG.get("prior") or {}).get(kind, 0.5)
    lo = np.log(prior / (1.0 - prior)) if 0 < prior < 1 else (np.inf if prior >= 1 else -np.inf)
    if AUTO_CONFIG["regime"] == "lik":
        z = growth_regime(t, Y) / float(AUTO_CONFIG.get("temper", 1.0))
        z = np.where(np.isfinite(z), z, 0.0) + lo
    else:
        z = np.full(N, lo)
    with np.errstate(over="ignore"):
        wlog = special.expit(z)
    w = np.stack([1.0 - wlog, wlog], axis=1)
    return w if cands[0] == "drift" else w[:, ::-1]


# --------------------------------------------------------------------------- mixture

def _tcdf(df: np.ndarray, x: np.ndarray) -> np.ndarray:
    """Student t CDF. For one small integer ``df`` (the usual case: n - 2 on short series)
    the finite series of Abramowitz & Stegun 26.7.3-4, ~20x faster than the incomplete beta;
    otherwise :func:`scipy.special.stdtr`."""
    d = np.asarray(df, dtype=float)
    if d.size and np.all(d == d.flat[0]) and d.flat[0] == int(d.flat[0]) and 1 <= d.flat[0] <= 60:
        nu = int(d.flat[0])
        x = np.asarray(x, dtype=float)
        with np.errstate(all="ignore"):
            r = nu + x * x
            c2 = nu / r                                   # cos^2(theta)
            if nu % 2:                                    # odd: theta + sin cos (1 + 2/3 c2 + ...)
                theta = np.arctan(x / np.sqrt(nu))
                term = np.ones_like(x)
                acc = np.ones_like(x) if nu > 1 else np.zeros_like(x)
                for k in range(1, (nu - 3) // 2 + 1):
                    term = term * c2 * (2 * k) / (2 * k + 1)
                    acc = acc + term
                sc = x * np.sqrt(nu) / r                  # sin(theta) cos(theta)
                a = (2 / np.pi) * (theta + sc * acc)
            else:                                         # even: sin (1 + 1/2 c2 + 1.3/2.4 c2^2 ...)
                term = np.ones_like(x)
                acc = np.ones_like(x)
                for k in range(1, (nu - 2) // 2 + 1):
                    term = term * c2 * (2 * k - 1) / (2 * k)
                    acc = acc + term
                a = x / np.sqrt(r) * acc
            out = 0.5 + 0.5 * a
        out = np.where(np.isposinf(x), 1.0, np.where(np.isneginf(x), 0.0, out))
        return np.clip(out, 0.0, 1.0)
    return special.stdtr(d, x)


_GH_Z, _GH_W = np.polynomial.hermite_e.hermegauss(20)
_GH_W = _GH_W / _GH_W.sum()


def _count_law_cdf(k, mu, alpha):
    """P(N <= k) for Poisson (alpha = 0) or negative binomial (mean mu, var mu + alpha mu^2)."""
    k = np.maximum(k, 0.0)
    pois = special.gammaincc(k + 1.0, mu)
    if not np.any(alpha > 0):
        return pois
    r = 1.0 / np.where(alpha > 0, alpha, 1.0)
    nb = special.betainc(r, k + 1.0, r / (r + mu))
    return np.where(alpha > 0, nb, pois)


def _count_cdf(k, eta, s, alpha):
    """P(Y <= k) for the GLM predictive: Y | mu ~ Poisson/NB(mu, alpha), log mu ~ N(eta, s^2)
    (parameter uncertainty), integrated by 20-point Gauss-Hermite quadrature."""
    k, eta, s = np.broadcast_arrays(np.asarray(k, float), np.asarray(eta, float), np.asarray(s, float))
    mu = np.exp(eta[..., None] + s[..., None] * _GH_Z)
    F = _count_law_cdf(k[..., None], mu, np.asarray(alpha, float)[..., None])
    return (F * _GH_W).sum(axis=-1)


def _discrete_ppf(q, params, ok, quantile):
    """``scipy.stats.rv_discrete.ppf`` for a law on 0, 1, 2, ...: ``quantile(q, *params)`` for
    0 < q < 1 where the parameters are valid (``ok``), -1 at q = 0, inf at q = 1, NaN elsewhere."""
    arrs = np.broadcast_arrays(np.asarray(q, dtype=float), *(np.asarray(a, dtype=float) for a in params))
    q, params = arrs[0], arrs[1:]
    ok = np.broadcast_to(ok(*params), q.shape)
    out = np.where(ok & (q == 0), -1.0, np.where(ok & (q == 1), np.inf, np.nan))
    sel = ok & (0 < q) & (q < 1)
    if sel.any():
        with np.errstate(all="ignore"):
            out[sel] = quantile(q[sel], *(a[sel] for a in params))
    return out


def _poisson_quantile(q, mu):
    vals = np.ceil(special.pdtrik(q, mu))
    vals1 = np.maximum(vals - 1, 0)
    return np.where(special.pdtr(vals1, mu) >= q, vals1, vals)


def _poisson_ppf(q, mu):
    """``scipy.stats.poisson.ppf(q, mu)`` from the same special functions (no scipy.stats
    import: it costs about a second of the command line's start-up)."""
    return _discrete_ppf(q, (mu,), lambda m: m >= 0, _poisson_quantile)


def _nbinom_ppf(q, n, p):
    """``scipy.stats.nbinom.ppf(q, n, p)`` from the same special function."""
    return _discrete_ppf(q, (n, p), lambda n_, p_: (n_ > 0) & (p_ > 0) & (p_ <= 1), _sf_nbinom_ppf)


def _count_ppf(q, mu, alpha):
    """The q-quantile of Poisson/NB(mu, alpha)."""
    r = 1.0 / np.where(alpha > 0, alpha, 1.0)
    with np.errstate(all="ignore"):
        return np.where(alpha > 0, _nbinom_ppf(q, r, r / (r + mu)), _poisson_ppf(q, mu))


class _Mixture:
    """The (calibrated) predictive distribution: a mixture of components, with support."""

    def __init__(self, comps: list[_Comp], weights: np.ndarray, kind: str, c: np.ndarray):
        self.comps, self.kind = comps, kind
        ok = np.stack([cp.ok for cp in comps], axis=1)
        w = np.where(ok, weights, 0.0)
        tot = w.sum(axis=1, keepdims=True)
        self.w = np.where(tot > 0, w / np.where(tot > 0, tot, 1.0), np.nan)   # (N, K)
        self.c = np.asarray(c, dtype=float)                                    # (H,) or broadcastable
        self.lo, self.hi = _SUPPORT[kind]
        self.discrete = kind in _DISCRETE

    # latent / component CDFs -------------------------------------------------
    def _comp_le(self, cp: _Comp, v: np.ndarray, strict: bool) -> np.ndarray:
        """P(component <= v) (or < v when strict) for the kind's support."""
        c = self.c
        with np.errstate(all="ignore"):
            if cp.family == "nb":
                k = np.floor(v) if not strict else np.ceil(v) - 1
                F = _count_cdf(k, cp.loc, c * cp.scale, cp.alpha)
                return np.where(k < 0, 0.0, F)
            if self.discrete:
                # Y = max(0, round(latent)); P(Y <= k) = P(latent < k + 1/2)
                k = np.floor(v) if not strict else np.ceil(v) - 1
                F = self._latent(cp, k + 0.5, True)
                return np.where(k < 0, 0.0, F)
            F = self._latent(cp, v, strict)
            if strict:
                return np.where(v <= self.lo, 0.0, np.where(v > self.hi, 1.0, F))
            return np.where(v < self.lo, 0.0, np.where(v >= self.hi, 1.0, F))

    def _latent(self, cp: _Comp, v, strict: bool) -> np.ndarray:
        z = np.log(np.where(v > 0, v, np.nan)) if cp.log else v
        if cp.log:
            z = np.where(v > 0, z, -np.inf)
        s = self.c * cp.scale
        pos = s > 0
        F = _tcdf(cp.df, (z - cp.loc) / np.where(pos, s, 1.0))
        deg = (z > cp.loc) if strict else (z >= cp.loc)
        return np.where(pos, F, deg.astype(float))

    def cdf(self, v, strict: bool = False, w: np.ndarray | None = None) -> np.ndarray:
        """P(Y <= v), or P(Y < v) when ``strict``; v broadcastable to (N, H).
        ``w``: other mixture weights (N, K) to use (default the fitted ones)."""
        v = np.asarray(v, dtype=float)
        w = self.w if w is None else w
        out = 0.0
        for k, cp in enumerate(self.comps):
            wk = w[:, k:k + 1]
            Fk = self._comp_le(cp, v, strict)
            out = out + np.where(wk > 0, wk * np.nan_to_num(Fk, nan=0.0), 0.0)
        return np.where(np.isnan(w[:, :1]), np.nan, out)

    def _additive_weights(self) -> np.ndarray:
        """The weights without the log-scale components, renormalised (rows with no other
        component keep theirs)."""
        keep = np.array([not cp.log for cp in self.comps])
        w = np.where(keep[None, :], np.nan_to_num(self.w, nan=0.0), 0.0)
        tot = w.sum(axis=1, keepdims=True)
        return np.where(tot > 0, w / np.where(tot > 0, tot, 1.0), self.w)

    def prob(self, value, comparator: str = ">=") -> np.ndarray:
        """P(Y >= value) for ``>=`` (higher is better), P(Y <= value) for ``<=``.

        A ``<=`` target at or below the support's lower bound (0: "eliminate", "zero
        ...") is the question *will it be gone?*. The log-scale models (``logdrift``,
        ``loglinear``) describe proportional change and never reach 0, so they would
        answer "no" by construction, not from the data, and cap the mixture's probability
        at their complement (at most 0.5 for the equal-weight rule however fast the
        decline). For such targets the probability comes from the other components
        (the additive ``drift`` for the automatic rule); intervals are unchanged.
        """
        if comparator == ">=":
            p = 1.0 - self.cdf(value, strict=True)
        elif comparator == "<=":
            p = self.cdf(value)
            v = np.asarray(value, dtype=float)
            floor = np.broadcast_to(v <= self.lo, np.shape(p))
            if floor.any() and any(cp.log for cp in self.comps):
                p = np.where(floor, self.cdf(value, w=self._additive_weights()), p)
        else:
            raise ValueError(f"comparator must be '>=' or '<=', got {comparator!r}")
        return np.clip(p, 0.0, 1.0)

    # quantiles ----------------------------------------------------------------
    def _comp_ppf(self, cp: _Comp, q: float) -> np.ndarray:
        c = self.c
        with np.errstate(all="ignore"):
            if cp.family == "nb":
                # an upper bound of the q-quantile: with a = sqrt(q), the a-quantile of the
                # count law at the mean exp(eta + s z_a) (P(Y <= k) >= a * a = q).
                a = np.sqrt(q)
                mu = np.exp(cp.loc + c * cp.scale * special.ndtri(a))
                return _count_ppf(a, mu, cp.alpha)
            z = cp.loc + c * cp.scale * special.stdtrit(cp.df, q)
            z = np.where(c * cp.scale > 0, z, cp.loc)
            x = np.exp(z) if cp.log else z
            if self.discrete:
                x = np.round(x)
            return np.clip(x, self.lo, self.hi)

    def ppf(self, q: float) -> np.ndarray:
        """The q-quantile, inf{v : P(Y <= v) >= q}, by bisection between component quantiles."""
        qs = [np.where(self.w[:, k:k + 1] > 0, self._comp_ppf(cp, q), np.nan)
              for k, cp in enumerate(self.comps)]
        qs = np.stack(np.broadcast_arrays(*qs), axis=0)
        nan = np.isnan(qs)                                   # (no all-NaN warnings)
        a = np.where(nan, np.inf, qs).min(axis=0)
        b = np.where(nan, -np.inf, qs).max(axis=0)
        bad = ~np.isfinite(a) | ~np.isfinite(b)
        a, b = np.where(bad, 0.0, a), np.where(bad, 0.0, b)
        if self.discrete:
            lo, hi = np.floor(a) - 1.0, np.ceil(b) + 1.0
            lo = np.maximum(lo, -1.0)
            for _ in range(200):
                open_ = hi - lo > 1
                if not open_.any():
                    break
                mid = np.floor((lo + hi) / 2.0)
                ge = self.cdf(mid) >= q
                hi = np.where(open_ & ge, mid, hi)
                lo = np.where(open_ & ~ge, mid, lo)
            out = hi
        else:
            lo, hi = a.copy(), b.copy()
            for _ in range(_BISECT_ITER):
                open_ = (hi - lo) > 1e-11 * (np.abs(hi) + np.abs(lo)) + 1e-13
                if not open_.any():
                    break
                mid = lo + (hi - lo) / 2.0
                ge = self.cdf(mid) >= q
                hi = np.where(open_ & ge, mid, hi)
                lo = np.where(open_ & ~ge, mid, lo)
            out = hi
            # a quantile inside the censored mass is the bound itself, not bisection noise
            if np.isfinite(self.lo):
                out = np.where(self.cdf(np.full_like(out, self.lo)) >= q, self.lo, out)
            if np.isfinite(self.hi):
                out = np.where(self.cdf(np.full_like(out, self.hi), strict=True) < q, self.hi, out)
        return np.where(bad | np.isnan(self.w[:, :1]), np.nan, out)

    def point(self) -> np.ndarray:
        """Weighted point forecast: component means on the original scale for drift, linear
        and Holt, back-transformed medians for log-linear and the GLMs; each moved into the
        support before weighting (a drift line below 0 counts as 0, as its censored forecast
        is)."""
        out = 0.0
        for k, cp in enumerate(self.comps):
            wk = self.w[:, k:k + 1]
            pt = np.clip(np.nan_to_num(cp.point(), nan=0.0), self.lo, self.hi)
            out = out + np.where(wk > 0, wk * pt, 0.0)
        out = np.clip(out, self.lo, self.hi)
        return np.where(np.isnan(self.w[:, :1]), np.nan, out)

    def sample(self, n: int, rng: np.random.Generator) -> np.ndarray:
        """Comonotone paths (n, N, H): component drawn by weight, one uniform per path."""
        N = self.w.shape[0]
        H = self.comps[0].loc.shape[1]
        out = np.full((n, N, H), np.nan)
        for i in range(N):
            if np.isnan(self.w[i, 0]):
                continue
            ks = rng.choice(len(self.comps), size=n, p=self.w[i])
            us = rng.uniform(1e-9, 1 - 1e-9, size=n)
            for k, cp in enumerate(self.comps):
                sel = ks == k
                if not sel.any():
                    continue
                sub = _Comp(cp.name, cp.family, cp.log, cp.loc[i:i + 1], cp.scale[i:i + 1],
                            cp.df[i:i + 1], cp.alpha[i:i + 1], cp.ok[i:i + 1])
                c = self.c
                self.c = np.asarray(c)[:1] if np.ndim(c) == 2 else c
                try:
                    if cp.family == "nb":
                        # log mu at one normal quantile, the count at a second uniform
                        u2 = rng.uniform(1e-9, 1 - 1e-9, size=int(sel.sum()))[:, None]
                        mu = np.exp(sub.loc + self.c * sub.scale * special.ndtri(us[sel][:, None]))
                        out[sel, i] = _count_ppf(u2, mu, sub.alpha)
                    else:
                        out[sel, i] = self._comp_ppf(sub, us[sel][:, None])
                finally:
                    self.c = c
        return out


# --------------------------------------------------------------------------- the engine

def _prepare(kind: str, model: str | None):
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}; choose one of {', '.join(KINDS)}")
    if model is not None and model not in MODELS:
        raise ValueError(f"unknown model {model!r}; choose one of {', '.join(MODELS)}")


def _engine_weights(t: np.ndarray, Y: np.ndarray, kind: str, model: str | None):
    """Components to use and their weights (N, K) for aligned series (same years t)."""
    n = len(t)
    regular = bool(np.all(np.diff(t) == 1))
    if model is not None:
        return [model], np.ones((Y.shape[0], 1))
    # per-series positivity (log-linear) is handled by the component's ``ok`` mask
    cands = candidate_models(kind, n, regular, True)
    return cands, _auto_weights(t, Y, kind, cands)


def _engine_dist(t, Y, kind, cands, weights, hy, calibration, method_key, prior=None) -> _Mixture:
    comps = [_component(m, t, Y, hy, kind, prior) for m in cands]
    c = _factors(method_key, hy - t[-1], calibration)[None, :]
    return _Mixture(comps, weights, kind, c)


def _check_explicit(model: str, kind: str, y: np.ndarray, t: np.ndarray) -> None:
    n = len(y)
    if model in ("loglinear", "logdrift") and not np.all(y > 0):
        raise ValueError(f"model {model!r} needs strictly positive values")
    if model in ("poisson", "negbin"):
        if kind not in _DISCRETE:
            raise ValueError(f"model {model!r} is for counts (kind count or milestone), not {kind!r}")
        if np.any(y < 0):
            raise ValueError(f"model {model!r} needs non-negative counts")
    if model in ("holt", "damped"):
        if n < HOLT_MIN:
            raise ValueError(f"model {model!r} needs at least {HOLT_MIN} points, got {n}")
        if not np.all(np.diff(t) == 1):
            raise ValueError(f"model {model!r} needs consecutive years (the series has gaps)")


def _label(cands: Sequence[str], w: np.ndarray, alpha_by_comp: dict[str, float]) -> str:
    """e.g. ``linear`` or ``linear+drift`` (components with weight >= 1%, by weight)."""
    if np.isnan(w).any():
        return "none"
    order = np.argsort(-w, kind="stable")
    names = []
    for k in order:
        if w[k] >= 0.01:
            nm = cands[k]
            if nm == "count_glm":
                nm = "negbin" if alpha_by_comp.get("count_glm", 0.0) > 0 else "poisson"
            names.append(nm)
    return "+".join(names) if names else "none"


def _labels(cands: Sequence[str], W: np.ndarray, alphas: Sequence[np.ndarray | None]) -> np.ndarray:
    """:func:`_label` of every row of the weights ``W`` (N, K) at once: the rows are grouped by
    the components they show (in weight order, and negbin or poisson for ``count_glm``) and
    each distinct combination is named once. ``alphas[k]`` is component k's dispersion (N,)
    or None."""
    N, K = W.shape
    if not N:
        return np.empty(0, dtype=object)
    order = np.argsort(-W, axis=1, kind="stable")            # as np.argsort(-w, kind="stable") per row
    shown = np.take_along_axis(W, order, axis=1) >= 0.01
    key = np.where(shown, order, K)                           # shown components in order, K = none
    glm = np.zeros(N, dtype=np.int64)
    for nm, a in zip(cands, alphas):
        if nm == "count_glm" and a is not None:
            glm = (np.asarray(a, dtype=float) > 0).astype(np.int64)
    nan = np.isnan(W).any(axis=1)
    full = np.column_stack([key, glm, nan.astype(np.int64)])
    uniq, inv = np.unique(full, axis=0, return_inverse=True)
    names = np.empty(len(uniq), dtype=object)
    for u, row in enumerate(uniq):
        if row[-1]:
            names[u] = "none"
            continue
        parts = []
        for k in row[:K]:
            if k < K:
                nm = cands[k]
                if nm == "count_glm":
                    nm = "negbin" if row[K] else "poisson"
                parts.append(nm)
        names[u] = "+".join(parts) if parts else "none"
    return names[np.asarray(inv).reshape(-1)]


# --------------------------------------------------------------------------- public API

@dataclass
class ForecastResult:
    """A fitted short-series forecast. Create with :func:`fit`."""

    model: str
    n_points: int
    last_year: int
    last_value: float
    insufficient: bool
    kind: str = "level"
    weights: dict = field(default_factory=dict)
    calibrated: bool = False
    years: np.ndarray = field(default_factory=lambda: np.array([], dtype=int), repr=False)
    values: np.ndarray = field(default_factory=lambda: np.array([]), repr=False)
    _cands: list = field(default_factory=list, repr=False)
    _w: np.ndarray | None = field(default=None, repr=False)
    _method_key: str = field(default="auto", repr=False)
    _calibration: dict | None = field(default=None, repr=False)
    #: True for a call from fewer than :data:`MIN_POINTS` points: the growth of the two points,
    #: the spread from the pooled prior (wide; say "low information" next to it).
    low_information: bool = False
    _prior: dict | None = field(default=None, repr=False)

    # helpers ---------------------------------------------------------------
    def _years(self, steps_or_years) -> np.ndarray:
        if isinstance(steps_or_years, (int, np.integer)) and not isinstance(steps_or_years, bool):
            k = int(steps_or_years)
            if k < 1000:
                if k < 1:
                    raise ValueError(f"steps must be >= 1, got {k}")
                return np.arange(self.last_year + 1, self.last_year + k + 1)
            return np.array([k])
        ys = np.asarray(list(steps_or_years), dtype=float)
        if ys.size and not np.all(ys == np.round(ys)):
            raise ValueError("years must be whole numbers")
        return ys.astype(int)

    def _dist(self, years: np.ndarray, factor: np.ndarray | float | None = None) -> _Mixture:
        t = self.years.astype(float)
        Y = self.values[None, :]
        hy = np.asarray(years, dtype=float)
        cal = self._calibration if self.calibrated else None
        d = _engine_dist(t, Y, self.kind, self._cands, self._w, hy, cal, self._method_key, self._prior)
        if factor is not None:
            d.c = np.broadcast_to(np.asarray(factor, dtype=float), (1, hy.size)).copy()
        return d


    def _observed(self, year: int) -> float:
        hit = np.nonzero(self.years == year)[0]
        return float(self.values[hit[0]]) if hit.size else np.nan

    # API -------------------------------------------------------------------
    def forecast(self, steps_or_years) -> pd.Series:
        """The point forecast by year (``int`` < 1000: that many steps after the last year;
        otherwise a year or an iterable of years). Past years give the observation (or NaN)."""
        return self.summary_frame(years=self._years(steps_or_years))["mean"].rename("forecast")

    def summary_frame(self, alpha: float = 0.05, years=None) -> pd.DataFrame:
        """Point forecast and the central ``1 - alpha`` prediction interval by year.

        Columns ``mean`` (the weighted point forecast, see the module notes), ``lower``,
        ``upper``; within the kind's support, calibrated unless ``fit(calibrate=False)``.
        Default years: the five after the last observation.
        """
        if not 0 < alpha < 1:
            raise ValueError(f"alpha must be in (0, 1), got {alpha}")
        years = self._years(5 if years is None else ([years] if np.isscalar(years) else years))
        out = pd.DataFrame(index=pd.Index(years, name="year"), columns=["mean", "lower", "upper"],
                           dtype=float)
        if self.insufficient or years.size == 0:
            return out
        years = np.asarray(years, dtype=int)
        fut = years > self.last_year
        if fut.any():
            d = self._dist(years[fut])
            out.loc[years[fut], "mean"] = d.point()[0]
            out.loc[years[fut], "lower"] = d.ppf(alpha / 2)[0]
            out.loc[years[fut], "upper"] = d.ppf(1 - alpha / 2)[0]
        for y in years[~fut]:
            v = self._observed(int(y))
            out.loc[y, ["mean", "lower", "upper"]] = v
        return out

    def prob_meets_target(self, value: float, year: int, comparator: str = ">=") -> float:
        """P(Y_year >= value) (``<=``: P(Y_year <= value)) from the predictive distribution;
        NaN when the series is insufficient; 0 or 1 for an observed year."""
        if comparator not in (">=", "<="):
            raise ValueError(f"comparator must be '>=' or '<=', got {comparator!r}")
        if self.insufficient or value is None or not np.isfinite(value):
            return float("nan")
        year = int(year)
        if year <= self.last_year:
            v = self._observed(year)
            if np.isnan(v):
                return float("nan")
            return float(v >= value) if comparator == ">=" else float(v <= value)
        return float(self._dist(np.array([year])).prob(value, comparator)[0, 0])

    def sample_paths(self, n: int, years, rng: np.random.Generator | None = None) -> np.ndarray:
        """``n`` simulated paths (n, len(years)) from the calibrated predictive distribution.

        Each path is one component (drawn by weight) at one fixed quantile across the years
        (comonotone): right marginal distributions, smooth paths, no claim about the
        year-to-year dependence. NaN when insufficient."""
        years = self._years(years)
        rng = rng if rng is not None else np.random.default_rng()
        if self.insufficient:
            return np.full((n, years.size), np.nan)
        if np.any(years <= self.last_year):
            raise ValueError("sample_paths needs future years (after the last observation)")
        return self._dist(years).sample(n, rng)[:, 0, :]


def _clean_series(series: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    if not isinstance(series, pd.Series):
        series = pd.Series(series)
    s = pd.to_numeric(series, errors="coerce").astype(float)
    s = s[np.isfinite(s.to_numpy())]
    if s.empty:
        raise ValueError("empty series: no finite values to fit")
    try:
        idx = np.asarray(s.index, dtype=float)
    except (TypeError, ValueError) as exc:
        raise ValueError("the series index must be whole years (int)") from exc
    if not np.all(idx == np.round(idx)):
        raise ValueError("the series index must be whole years (int)")
    years = idx.astype(int)
    if len(np.unique(years)) != len(years):
        raise ValueError("duplicate years in the series; aggregate them first")
    order = np.argsort(years)
    return years[order], s.to_numpy()[order]


def _resolve_prior(model: str | None, prior: dict | None, calibration: dict | None) -> dict | None:
    """The pooled prior of the automatic rule: ``prior`` if given (``{}``: none), else the
    ``"priors"`` entry of ``calibration`` or of the committed calibration file. Explicit models
    (``model=...``) are the textbook closed forms: no prior."""
    if model is not None:
        return None
    if prior is not None:
        return prior or None
    cal = calibration if calibration is not None else load_calibration()
    return (cal or {}).get("priors") or None


def fit(series: pd.Series, *, kind: str = "level", model: str | None = None,
        calibrate: bool = True, calibration: dict | None = None,
        prior: dict | None = None, low_information: bool = False) -> ForecastResult:
    """Fit a short yearly series.

    Parameters
    ----------
    series : Series
        Index: years (int, gaps allowed); values: floats (NaN dropped).
    kind : {"level", "count", "ratio", "share", "milestone"}
        Sets the support (non-negative; shares in [0, 100]; counts discrete).
    model : str, optional
        One of :data:`MODELS`, or ``None`` for the automatic back-test weighting.
    calibrate : bool
        Apply the per-horizon widening factors from ``analysis/calibration.json``.
    calibration : dict, optional
        Factors to use instead of the committed file (as :func:`load_calibration` returns).
    prior : dict, optional
        The pooled prior of the automatic rule (``{"nu0": ..., "scale": {kind: {"drift": ...,
        "logdrift": ...}}}``, learned by :func:`analysis.model.backtest.learn_priors`); default the
        ``"priors"`` entry of the calibration; ``{}`` for none. Ignored for explicit models.
    low_information : bool
        Call 2-point series from the prior (``low_information`` True on the result). Off by
        default here, so that charts and other callers of ``fit`` keep drawing no fan from 2
        points; :func:`forecast_panel` (the scorecard) and the back-tests turn it on.

    Returns
    -------
    ForecastResult
        ``insufficient`` (and every number NaN) below 3 points, except that the automatic rule
        with a prior calls 2 points (``low_information`` True: wide by construction).

    Raises
    ------
    ValueError
        Unknown ``kind`` or ``model``, an empty series, duplicate or non-integer years,
        or a model that cannot fit the series (``loglinear`` on non-positive values,
        a count GLM on a non-count kind, Holt on fewer than 5 points or with gaps).
    """
    _prepare(kind, model)
    years, values = _clean_series(series)
    n = len(years)
    base = dict(n_points=n, last_year=int(years[-1]), last_value=float(values[-1]), kind=kind,
                years=years, values=values)
    pr = _resolve_prior(model, prior, calibration)
    low = low_information and LOW_INFO_POINTS <= n < MIN_POINTS and _has_prior(pr, kind)
    if n < MIN_POINTS and not low:
        return ForecastResult(model="insufficient", insufficient=True, **base)
    if model is not None:
        _check_explicit(model, kind, values, years.astype(float))
    t = years.astype(float)
    cands, w = _engine_weights(t, values[None, :], kind, model)
    cal = (calibration if calibration is not None else load_calibration()) if calibrate else None
    key = model or "auto"
    comps = [_component(m, t, values[None, :], t[-1:] + 1, kind, pr) for m in cands]
    if model is not None and not comps[0].ok[0]:
        raise ValueError(f"model {model!r} cannot be fitted to this series "
                         "(e.g. a count GLM whose counts sit all in the first or last year)")
    alphas = {m: float(cp.alpha[0, 0]) for m, cp in zip(cands, comps) if cp.family == "nb"}
    wv = np.where(np.stack([cp.ok for cp in comps], axis=1), w, 0.0)[0]
    wv = wv / wv.sum() if wv.sum() > 0 else wv * np.nan
    label = model if model is not None else _label(cands, wv, alphas)
    weights = {(("negbin" if alphas.get(c, 0) > 0 else "poisson") if c == "count_glm" else c): float(x)
               for c, x in zip(cands, wv)}
    return ForecastResult(model=label, insufficient=False, weights=weights,
                          calibrated=bool(cal), _cands=cands, _w=w, _method_key=key,
                          _calibration=cal, low_information=low, _prior=pr, **base)


def _has_prior(prior: dict | None, kind: str) -> bool:
    """A usable pooled prior for ``kind`` (both drift components have a scale)."""
    return _prior_scale(prior, kind, "drift")[0] > 0


# --------------------------------------------------------------------------- the panel

PANEL_COLUMNS = ["region", "indicator_id", "model", "n_points", "last_year", "last_value",
                 "forecast", "lower_80", "upper_80", "lower_95", "upper_95", "prob_meet",
                 "insufficient", "low_information"]


def forecast_panel(obs: pd.DataFrame, targets: pd.DataFrame, *, as_of: int | None = None,
                   calibrate: bool = True, calibration: dict | None = None,
                   components: bool = False, prior: dict | None = None,
                   low_information: bool = True) -> pd.DataFrame:
    """Forecast every (region, indicator) series at its target's deadline, vectorised.

    Series with the same observed years, kind and deadline are fitted together as one
    2-D array with the closed forms :func:`fit` uses, so the numbers are the same as
    ``fit(series, kind=...)`` per series (tested).

    Parameters
    ----------
    obs : DataFrame
        ``region, indicator_id, year, value``. Duplicated years are averaged.
    targets : DataFrame
        The catalogue (``id, value, comparator, kind, deadline_effective``).
    as_of : int, optional
        Drop observations after this year before fitting (never look ahead).
    components : bool
        Also return each candidate model's uncalibrated point forecast and 95% interval
        (``<model>_point``, ``<model>_lower_95``, ``<model>_upper_95``) - for checks.
    prior : dict, optional
        The automatic rule's pooled prior (as :func:`fit`); default from the calibration.
    low_information : bool
        Call 2-point series from the prior (default; ``False``: they stay ``insufficient``).

    Returns
    -------
    DataFrame
        One row per (region, indicator_id) present in both ``obs`` and ``targets``:
        :data:`PANEL_COLUMNS` (intervals and ``prob_meet`` at ``deadline_effective``),
        plus ``deadline``, ``target``, ``comparator``, ``kind``. ``low_information``: a call
        from 2 points (growth of the two points, spread from the pooled prior); such rows have
        ``insufficient`` False and numbers, wide by construction.
    """
    need = {"region", "indicator_id", "year", "value"}
    missing = need - set(obs.columns)
    if missing:
        raise ValueError(f"obs lacks columns: {', '.join(sorted(missing))}")
    tg = targets.copy()
    if "deadline_effective" not in tg.columns:
        tg["deadline_effective"] = tg["deadline"]
    if "kind" not in tg.columns:
        tg["kind"] = "level"
    tg = tg.drop_duplicates("id").set_index("id")
    o = obs.loc[:, ["region", "indicator_id", "year", "value"]].copy()
    o["value"] = pd.to_numeric(o["value"], errors="coerce")
    o["year"] = pd.to_numeric(o["year"], errors="coerce")
    o = o[np.isfinite(o["value"].to_numpy(float)) & np.isfinite(o["year"].to_numpy(float))]
    o["year"] = o["year"].astype(int)
    if as_of is not None:
        o = o[o["year"] <= int(as_of)]
    o = o[o["indicator_id"].isin(tg.index)]
    o["region"] = o["region"].astype(str)
    o["indicator_id"] = o["indicator_id"].astype(str)
    cols = PANEL_COLUMNS + ["deadline", "target", "comparator", "kind"]
    if o.empty:
        return pd.DataFrame(columns=cols)
    wide = o.groupby(["region", "indicator_id", "year"], sort=True)["value"].mean().unstack("year")
    all_years = wide.columns.to_numpy(dtype=int)
    W = wide.to_numpy(dtype=float)
    keys = wide.index.to_frame(index=False)
    ids = keys["indicator_id"].to_numpy()
    kind = tg.loc[ids, "kind"].astype(str).to_numpy()
    dl = pd.to_numeric(tg.loc[ids, "deadline_effective"], errors="coerce").to_numpy(float)
    tval = pd.to_numeric(tg.loc[ids, "value"], errors="coerce").to_numpy(float)
    comp = tg.loc[ids, "comparator"].astype(str).to_numpy()
    mask = np.isfinite(W)
    pattern = np.packbits(mask, axis=1)
    pat_keys = [p.tobytes() for p in pattern]
    S = len(keys)
    res = {c: np.full(S, np.nan) for c in ("n_points", "last_year", "last_value", "forecast", "lower_80",
                                          "upper_80", "lower_95", "upper_95", "prob_meet")}
    model = np.array(["insufficient"] * S, dtype=object)
    comp_cols: dict[str, np.ndarray] = {}
    cal = (calibration if calibration is not None else load_calibration()) if calibrate else None
    pr = _resolve_prior(None, prior, calibration)
    low_info = np.zeros(S, bool)
    groups = pd.DataFrame({"p": pat_keys, "k": kind, "d": dl}).groupby(["p", "k", "d"], sort=False,
                                                                          dropna=False).indices
    for (_, knd, deadline), rows in groups.items():
        rows = np.asarray(rows)
        m = mask[rows[0]]
        t = all_years[m].astype(float)
        Y = W[np.ix_(rows, np.nonzero(m)[0])]
        n = len(t)
        res["n_points"][rows] = n
        res["last_year"][rows] = t[-1]
        res["last_value"][rows] = Y[:, -1]
        if not np.isfinite(deadline) or n < LOW_INFO_POINTS:
            continue
        if n < MIN_POINTS and (not low_information or deadline <= t[-1] or not _has_prior(pr, knd)):
            continue
        if deadline <= t[-1]:
            hit = np.nonzero(t == deadline)[0]
            if hit.size:
                v = Y[:, hit[0]]
                for c in ("forecast", "lower_80", "upper_80", "lower_95", "upper_95"):
                    res[c][rows] = v
                ge = comp[rows] == ">="
                res["prob_meet"][rows] = np.where(ge, v >= tval[rows], v <= tval[rows]).astype(float)
                model[rows] = "observed"
            continue
        cands, w = _engine_weights(t, Y, knd, None)
        hy = np.array([deadline], dtype=float)
        d = _engine_dist(t, Y, knd, cands, w, hy, cal, "auto", pr)
        low_info[rows] = n < MIN_POINTS
        res["forecast"][rows] = d.point()[:, 0]
        res["lower_80"][rows], res["upper_80"][rows] = d.ppf(0.10)[:, 0], d.ppf(0.90)[:, 0]
        res["lower_95"][rows], res["upper_95"][rows] = d.ppf(0.025)[:, 0], d.ppf(0.975)[:, 0]
        ge = comp[rows] == ">="
        pge = d.prob(tval[rows][:, None], ">=")[:, 0]
        ple = d.prob(tval[rows][:, None], "<=")[:, 0]
        res["prob_meet"][rows] = np.where(ge, pge, ple)
        wv = d.w
        alphas = [cp.alpha[:, 0] if cp.family == "nb" else None for cp in d.comps]
        model[rows] = _labels(cands, wv, alphas)
        if components:
            for k, cp in enumerate(d.comps):
                single = _Mixture([cp], np.ones((len(rows), 1)), knd, np.ones((1, 1)))
                for suffix, arr in (("point", cp.point()[:, 0]),
                                    ("lower_95", single.ppf(0.025)[:, 0]),
                                    ("upper_95", single.ppf(0.975)[:, 0])):
                    col = f"{cp.name}_{suffix}"
                    comp_cols.setdefault(col, np.full(S, np.nan))[rows] = np.where(cp.ok, arr, np.nan)
    out = keys.copy()
    out["model"] = model
    for c in ("n_points", "last_year"):
        out[c] = res[c].astype(int)
    for c in ("last_value", "forecast", "lower_80", "upper_80", "lower_95", "upper_95", "prob_meet"):
        out[c] = res[c]
    out["insufficient"] = (res["n_points"] < MIN_POINTS) & ~low_info
    out["low_information"] = low_info
    out["deadline"] = dl.astype(int) if np.isfinite(dl).all() else dl
    out["target"] = tval
    out["comparator"] = comp
    out["kind"] = kind
    for c, arr in comp_cols.items():
        out[c] = arr
    # catalogue order within region
    order = {k: i for i, k in enumerate(tg.index)}
    out["_o"] = out["indicator_id"].map(order)
    out = out.sort_values(["region", "_o"], kind="stable").drop(columns="_o").reset_index(drop=True)
    return out
