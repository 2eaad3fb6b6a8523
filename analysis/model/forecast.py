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
``analysis/calibration.json``. For the automatic rule the file also holds (issue 16) a map of
the probability of meeting a target, learned on the same back-test
(:func:`analysis.model.forecast_calibration.recalibrate`: the log-odds that the trend carries the
indicator past the target shifted down for a call from a short series, at most 5 points; from 6
points the probability is left as it is); it moves :meth:`ForecastResult.prob_meets_target` and
``forecast_panel``'s ``prob_meet``, not the intervals nor the sample paths (at an 80% bound of a
short series the probability is then below 0.9 on the side the trend points to).

Implementation: :mod:`analysis.model.forecast_calibration` (the file, the map),
:mod:`analysis.model.forecast_components` (the models' closed forms, the automatic weights),
:mod:`analysis.model.forecast_mixture` (the calibrated mixture and the engine); this module is the
public face.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from analysis.model.forecast_calibration import calibration_path, load_calibration
from analysis.model.forecast_components import (
    AUTO_CONFIG, FLOOR_CHANGE, FLOOR_LEVEL, HOLT_MIN, HOLT_PARAMS, KINDS, LOW_INFO_POINTS, MIN_POINTS, MODELS,
    _component, _prior_scale, candidate_models, growth_regime,
)
from analysis.model.forecast_mixture import (
    _check_explicit, _engine_dist, _engine_weights, _label, _labels, _Mixture, _prepare,
)

__all__ = [
    "MODELS", "KINDS", "ForecastResult", "fit", "forecast_panel", "load_calibration",
    "calibration_path", "candidate_models", "HOLT_PARAMS", "AUTO_CONFIG", "MIN_POINTS", "LOW_INFO_POINTS",
    "HOLT_MIN", "FLOOR_CHANGE", "FLOOR_LEVEL", "growth_regime",
]

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
            lower, upper = d.ppf([alpha / 2, 1 - alpha / 2])[:, 0]
            out.loc[years[fut], "lower"] = lower
            out.loc[years[fut], "upper"] = upper
        for y in years[~fut]:
            v = self._observed(int(y))
            out.loc[y, ["mean", "lower", "upper"]] = v
        return out

    def prob_meets_target(self, value: float, year: int, comparator: str = ">=") -> float:
        """P(Y_year >= value) (``<=``: P(Y_year <= value)) from the predictive distribution;
        NaN when the series is insufficient; 0 or 1 for an observed year. For the automatic rule
        with calibration, mapped by the calibration file's ``"recalibration"``
        (:func:`analysis.model.forecast_calibration.recalibrate`, issue 16)."""
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
    if (isinstance(series, pd.Series) and isinstance(series.dtype, np.dtype) and series.dtype.kind in "fiu"
            and isinstance(series.index.dtype, np.dtype) and series.index.dtype.kind in "iu"):
        # numbers by whole years (what the back-tests pass thousands of times): no conversion to do
        values = series.to_numpy(dtype=float)
        keep = np.isfinite(values)
        values, idx = values[keep], series.index.to_numpy()[keep].astype(float)
    else:
        if not isinstance(series, pd.Series):
            series = pd.Series(series)
        s = pd.to_numeric(series, errors="coerce").astype(float)
        s = s[np.isfinite(s.to_numpy())]
        values = s.to_numpy()
        try:
            idx = np.asarray(s.index, dtype=float)
        except (TypeError, ValueError) as exc:
            raise ValueError("the series index must be whole years (int)") from exc
    if not len(values):
        raise ValueError("empty series: no finite values to fit")
    if not np.all(idx == np.round(idx)):
        raise ValueError("the series index must be whole years (int)")
    years = idx.astype(int)
    if len(np.unique(years)) != len(years):
        raise ValueError("duplicate years in the series; aggregate them first")
    order = np.argsort(years)
    return years[order], values[order]


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
    kind : {"level", "count", "ratio", "share", "milestone", "rate"}
        Sets the support (non-negative; shares in [0, 100]; counts discrete; ``rate``, a growth rate
        or a balance, unbounded: the automatic rule is then the drift alone, never on the log scale,
        with the drift's calibration factors and no probability map).
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
        if not np.isfinite(deadline):
            continue
        if deadline <= t[-1]:  # the deadline year reported: its value is the answer, however few the points
            hit = np.nonzero(t == deadline)[0]
            if hit.size:
                v = Y[:, hit[0]]
                for c in ("forecast", "lower_80", "upper_80", "lower_95", "upper_95"):
                    res[c][rows] = v
                ge = comp[rows] == ">="
                res["prob_meet"][rows] = np.where(ge, v >= tval[rows], v <= tval[rows]).astype(float)
                model[rows] = "observed"
            continue
        if n < LOW_INFO_POINTS:
            continue
        if n < MIN_POINTS and (not low_information or not _has_prior(pr, knd)):
            continue
        cands, w = _engine_weights(t, Y, knd, None)
        hy = np.array([deadline], dtype=float)
        d = _engine_dist(t, Y, knd, cands, w, hy, cal, "auto", pr)
        low_info[rows] = n < MIN_POINTS
        res["forecast"][rows] = d.point()[:, 0]
        q = d.ppf([0.10, 0.90, 0.025, 0.975])[:, :, 0]
        res["lower_80"][rows], res["upper_80"][rows], res["lower_95"][rows], res["upper_95"][rows] = q
        ge = comp[rows] == ">="
        pge = d.prob(tval[rows][:, None], ">=")[:, 0]
        ple = d.prob(tval[rows][:, None], "<=")[:, 0]
        res["prob_meet"][rows] = np.where(ge, pge, ple)
        wv = d.w
        alphas = [cp.alpha[:, 0] if cp.family == "nb" else None for cp in d.comps]
        model[rows] = _labels(cands, wv, alphas)
        if components:
            for k, cp in enumerate(d.comps):
                single = _Mixture([cp], np.ones((len(rows), 1)), knd, np.ones((1, 1)), lo=d.lo, hi=d.hi)
                lower, upper = single.ppf([0.025, 0.975])[:, :, 0]
                for suffix, arr in (("point", cp.point()[:, 0]), ("lower_95", lower), ("upper_95", upper)):
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
