"""Rolling-origin back-tests: interval coverage, attainment-probability skill, calibration.

Design
------
* **Series.** The real public series (China 2010-2022, Gansu/Baiyin/Lanzhou/Pingchuan;
  :func:`analysis.io.dataset.normalise_public`, one figure per year where sources disagree)
  and the bundled *illustrative* monitoring data, every series with >= 5 points.
* **Cases.** For each series, each origin ``o`` (the first ``o >= 2`` points are known) and
  each later observed year: the forecast made at the origin vs the realised value, at
  horizon ``h`` = years after the origin's last observation (1-5 years; longer horizons are not
  back-tested). From 2 points the automatic rule calls from the pooled prior (``low_information``);
  without a prior such a case counts as p = 0.5 ("insufficient data").
* **Pooled prior** (issue 16). :func:`learn_priors`: per kind of indicator, the typical yearly
  residual scale of the real series, learned leaving the forecast series out;
  :func:`select_prior` chooses its strength by nested leave-one-series-out.
* **Coverage.** Share of realised values inside the central 80% and 95% intervals.
* **Attainment skill.** For each case, pseudo-targets at the realised value times
  :data:`TARGET_RATIOS` (0.8, 0.9, 0.95, 1.05, 1.1, 1.25): met exactly when the ratio
  is <= 1, so every case has three targets just met and three just missed, placed where
  the call is hard (the neighbourhood of the outcome). Our probability ``P(Y_h >= target)``
  is scored by the Brier score and by accuracy (call "met" when p >= 0.5) against the
  evaluators' hand methods, each a deterministic 0/1 call: a straight line through the
  points (Excel ``FORECAST.LINEAR``), compound growth from the first to the last point
  (CAGR; no growth when undefined), Holt's method with fixed parameters (>= 5 consecutive
  points) and ``FORECAST.ETS`` (statsmodels' additive ETS, :func:`ets_points`; opt-in, slow).
  :func:`calls` puts ours and the rules on the same calls; :func:`summarise_calls` (Brier,
  accuracy, log score, confident wrong calls), :func:`reliability` and :func:`worst_calls`
  report them.
* **Calibration.** Per method and horizon, the factor ``c_h >= 1`` multiplying the
  predictive scale that minimises ``|cov80 - 0.80| + |cov95 - 0.95|`` on the pooled
  *real* cases (split-conformal in spirit: a quantile of standardised errors, chosen on a
  grid :data:`GRID`; made non-decreasing in ``h``; horizons with fewer than
  :data:`MIN_CASES` cases inherit the previous factor). The illustrative data are not used
  to learn it - they are synthetic - but are reported as an out-of-sample check. Coverage
  "after" is in-sample; ``after_cv`` re-learns the factors leaving each series out.
* **Choosing the automatic rule.** :func:`select_auto` compares automatic rules
  (:data:`AUTO_SHORT` x :data:`AUTO_WEIGHTING`) by the leave-one-series-out Brier score on
  the real series, nested: the rule used for a series is chosen on the others.
* **National plan check.** Real plans (:data:`NATIONAL_PLANS`: the 13th Five-Year S&T plan and
  outline, 2020 targets; the 12th Five-Year outline, 2015 targets) called from each of the five
  years before the deadline and scored on the outcome; calibration factors and prior re-learned
  without the series.

``python -m analysis backtest [--data FILE ...] [--refit]`` prints the table;
``--refit`` rewrites ``analysis/calibration.json`` (deterministic).
"""

from __future__ import annotations

import hashlib
import json
import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from statsmodels.tools.sm_exceptions import ConvergenceWarning
from statsmodels.tsa.holtwinters import ExponentialSmoothing

from analysis import config
from analysis.io.atomic import atomic_write
from analysis.io.catalogue import infer_kind, load_targets
from analysis.io.dataset import PUBLIC_FILES, normalise_public
from analysis.io.output import render
from analysis.io.readers import read_observations
from analysis.model import forecast as fc

METHODS: tuple[str, ...] = ("auto", "drift", "logdrift", "linear", "loglinear", "holt", "damped", "poisson",
                            "negbin")
BASELINES: tuple[str, ...] = ("straight_line", "cagr", "holt_point", "ets")
TARGET_RATIOS: tuple[float, ...] = (0.8, 0.9, 0.95, 1.05, 1.1, 1.25)
LEVELS: tuple[float, ...] = (0.8, 0.95)
GRID: np.ndarray = np.round(np.arange(1.0, 12.0001, 0.05), 2)
HORIZONS: tuple[str, ...] = ("1", "2", "3", "4", "5")
#: Longest horizon back-tested (a plan's deadline is rarely more than 5 years off);
#: the factor of the last horizon is used beyond it.
MAX_H = 5
MIN_CASES = 15
MIN_SERIES_POINTS = 5
NATIONAL_TARGETS = "china_13th_fyp_st_targets.csv"
#: The real national plans whose 2020 targets the check calls (key -> catalogue in
#: ``data/raw/public/``): the 13th Five-Year S&T innovation plan and the main-indicator table of
#: the 13th Five-Year Plan outline. A target in both (same id, value and comparator) is one
#: target: the pooled figures count it once.
NATIONAL_PLANS: dict[str, str] = {"st_plan": NATIONAL_TARGETS, "outline": "china_13th_fyp_outline_targets.csv",
                                  "outline_12th": "china_12th_fyp_outline_targets.csv"}
#: Display names of the plans (zh, en).
NATIONAL_PLAN_NAMES: dict[str, tuple[str, str]] = {
    "st_plan": ("《“十三五”国家科技创新规划》", "the 13th Five-Year S&T Innovation Plan"),
    "outline": ("“十三五”规划纲要", "the 13th Five-Year Plan outline"),
    "outline_12th": ("“十二五”规划纲要", "the 12th Five-Year Plan outline"),
}
NATIONAL_REGION = "中国"
CONFIDENT = 0.9
#: Probabilities are clipped to [LOG_CLIP, 1 - LOG_CLIP] for the log score (a hand rule's 0/1
#: call would otherwise score minus infinity on its first miss); the same clip for every method.
LOG_CLIP = 0.01
#: Back-test origins start from this many known points (2: the low-information calls).
FIRST_ORIGIN = fc.LOW_INFO_POINTS
#: Prior degrees of freedom ``(nu0, nu0_long)`` compared by :func:`select_prior`: for 2-point
#: calls and from 3 points (0: no pooled prior; ``(0, 0)`` is the rule before issue 16), and the
#: pair chosen by its nested leave-one-series-out back-test.
PRIOR_GRID: tuple[tuple, ...] = ((0.0, 0.0, "level"), (1.0, 0.0, "level"), (2.0, 0.0, "level"),
                                 (4.0, 0.0, "level"), (8.0, 0.0, "level"), (16.0, 0.0, "level"),
                                 (32.0, 0.0, "level"), (8.0, 2.0, "level"), (8.0, 8.0, "level"))
PRIOR_NU0: tuple = (32.0, 0.0, "level")
#: A kind needs this many real series for a prior of its own (else the pooled ``all``).
PRIOR_MIN_SERIES = 4
#: ETS (statsmodels' additive-trend exponential smoothing, Excel ``FORECAST.ETS`` stand-in) needs
#: this many consecutive points; below (or with gaps) the evaluator's line is used instead.
ETS_MIN = 4


def _bucket(h: int) -> str:
    return str(min(h, MAX_H))


# --------------------------------------------------------------------------- data

def _kind_for(unit: str, values: np.ndarray, catalogue_kind: str | None = None) -> str:
    kind = catalogue_kind or infer_kind(unit, float(values[0]) if len(values) else 0.0)
    if kind in ("count", "milestone") and not np.all(values == np.round(values)):
        kind = "level"  # e.g. 万人: a count published in a scaled unit
    return kind


def public_series() -> pd.DataFrame:
    """The real public series: ``source, region, indicator_id, unit, kind, year, value``."""
    pub = normalise_public()
    pub = pub.loc[:, ["region", "indicator_id", "unit", "year", "value", "file"]].copy()
    pub["source"] = np.where(pub["file"].str.startswith("china"), "china", "gansu")
    return _with_kinds(pub.drop(columns="file"), None)


def _with_kinds(df: pd.DataFrame, catalogue: pd.DataFrame | None) -> pd.DataFrame:
    kinds = {}
    cat = {} if catalogue is None else dict(zip(catalogue["id"], catalogue["kind"]))
    for (r, i), g in df.groupby(["region", "indicator_id"], sort=False):
        kinds[(r, i)] = _kind_for(str(g["unit"].iloc[0]) if "unit" in g else "", g["value"].to_numpy(float),
                                  cat.get(i))
    df = df.copy()
    df["kind"] = [kinds[(r, i)] for r, i in zip(df["region"], df["indicator_id"])]
    return df


def illustrative_series(path: str | Path | None = None) -> pd.DataFrame:
    """The bundled illustrative monitoring data with the plan catalogue's kinds."""
    p = Path(path) if path is not None else config.monitoring_path()
    if not p.exists():
        return pd.DataFrame(columns=["source", "region", "indicator_id", "unit", "kind", "year", "value"])
    raw = pd.read_csv(p, dtype={"region": str, "indicator_id": str, "unit": str})
    df = raw.loc[:, ["region", "indicator_id", "unit", "year", "value"]].copy()
    df["source"] = "illustrative"
    return _with_kinds(df, load_targets())


def user_series(paths) -> pd.DataFrame:
    """Observation files given with ``--data`` (read through the intake when available)."""
    targets = load_targets()
    frames = []
    for p in paths:
        df = read_observations(p, targets=None)
        df = df.loc[:, [c for c in ("region", "indicator_id", "unit", "year", "value") if c in df.columns]].copy()
        if "region" not in df:
            df["region"] = config.DEFAULT_REGION
        if "unit" not in df:
            df["unit"] = ""
        df["source"] = Path(p).name
        frames.append(_with_kinds(df, targets))
    return pd.concat(frames, ignore_index=True) if frames else illustrative_series()


def series_list(df: pd.DataFrame, min_points: int = MIN_SERIES_POINTS) -> list[dict]:
    """Tidy rows -> one dict per series (duplicated years averaged) with >= ``min_points``."""
    out = []
    df = df.copy()
    df["value"] = pd.to_numeric(df["value"], errors="coerce")
    df = df[np.isfinite(df["value"].to_numpy(float))]
    for (src, r, i), g in df.groupby(["source", "region", "indicator_id"], sort=True):
        s = g.groupby(g["year"].astype(int))["value"].mean().sort_index()
        if len(s) >= min_points:
            out.append(dict(source=src, region=r, indicator_id=i, kind=g["kind"].iloc[0],
                            years=s.index.to_numpy(int), values=s.to_numpy(float)))
    return out


# --------------------------------------------------------------------------- baselines

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
    if len(values) < fc.HOLT_MIN or not np.all(np.diff(years) == 1):
        return float("nan")
    r = fc.fit(pd.Series(values, index=years), model="holt", calibrate=False)
    return float(r.forecast([int(year)]).iloc[0])


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
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        warnings.simplefilter("ignore", RuntimeWarning)
        warnings.simplefilter("ignore", UserWarning)
        res = ExponentialSmoothing(np.asarray(values, float), trend="add",
                                   initialization_method="estimated").fit()
        path = np.asarray(res.forecast(int(h.max())), float)
    return path[h - 1]


def ets_point(years: np.ndarray, values: np.ndarray, year: float) -> float:
    """:func:`ets_points` at one year."""
    return float(ets_points(years, values, [year])[0])


# --------------------------------------------------------------------------- pooled priors

def _is_real(source) -> bool:
    return source in ("china", "gansu")


def series_scales(series: list[dict]) -> pd.DataFrame:
    """Per series (>= 3 points): kind and the yearly residual scale of the additive drift relative
    to the mean level (``drift``) and of the log drift in log units (``logdrift``; NaN unless
    positive) - the same estimate :mod:`analysis.model.forecast` uses, on the whole series."""
    rows = []
    for i, s in enumerate(series):
        t, y = np.asarray(s["years"], float), np.asarray(s["values"], float)
        if len(y) < fc.MIN_POINTS:
            continue
        row = dict(series=i, source=s["source"], kind=s["kind"])
        for name, log in (("drift", False), ("logdrift", True)):
            if log and not np.all(y > 0):
                row[name] = row[name + "_change"] = np.nan
                continue
            z = np.log(y) if log else y
            g, D = np.diff(t), np.diff(z)
            d = (z[-1] - z[0]) / (t[-1] - t[0])
            sc = np.sqrt(np.sum((D - d * g) ** 2 / g) / (len(y) - 2))
            ref = 1.0 if log else np.mean(np.abs(y))
            row[name] = sc / ref if ref > 0 and sc > 0 else np.nan
            chg = np.mean(np.abs(D) / g)                   # the mean yearly change
            row[name + "_change"] = sc / chg if chg > 0 and sc > 0 else np.nan
        rows.append(row)
    return pd.DataFrame(rows, columns=["series", "source", "kind", "drift", "logdrift", "drift_change",
                                       "logdrift_change"])


def _nu_pair(nu0) -> tuple[float, float]:
    return (float(nu0[0]), float(nu0[1])) if isinstance(nu0, (tuple, list)) else (float(nu0), float(nu0))


def _prior_spec(spec) -> tuple[float, float, str]:
    """``(nu0, nu0_long, ref)`` from a grid entry: a number, a pair or a triple."""
    if isinstance(spec, (tuple, list)) and len(spec) == 3:
        return float(spec[0]), float(spec[1]), str(spec[2])
    return (*_nu_pair(spec), "level")


def learn_priors(scales: pd.DataFrame, nu0, exclude=()) -> dict:
    """The pooled (empirical-Bayes) prior of the automatic rule from the real series' scales.

    Per kind, the geometric mean of the real series' residual scales (``drift`` relative to the
    level, ``logdrift`` in log units); a kind with fewer than :data:`PRIOR_MIN_SERIES` real series
    uses the pooled ``all``. ``nu0``: ``(nu0, nu0_long, ref)``, ``(nu0, nu0_long)`` or one number
    for both (``ref`` ``"level"``: scales relative to the mean level; ``"change"``: to the mean
    yearly change). ``exclude``: series ids left out (the held-out series).
    """
    nu0, nu0_long, ref = _prior_spec(nu0)
    sfx = "_change" if ref == "change" else ""
    sc = scales[scales["source"].map(_is_real) & ~scales["series"].isin(list(exclude))]
    out = {"nu0": nu0, "nu0_long": nu0_long, "ref": ref, "scale": {}, "n_series": {}}

    def gm(x):
        x = x[np.isfinite(x) & (x > 0)]
        return float(np.exp(np.mean(np.log(x)))) if len(x) else float("nan")

    out["scale"]["all"] = {m: round(gm(sc[m + sfx].to_numpy(float)), 6) for m in ("drift", "logdrift")}
    out["n_series"]["all"] = int(len(sc))
    for kind, g in sc.groupby("kind", sort=True):
        if len(g) >= PRIOR_MIN_SERIES:
            out["scale"][kind] = {m: round(gm(g[m + sfx].to_numpy(float)), 6) for m in ("drift", "logdrift")}
            out["n_series"][kind] = int(len(g))
    return out


# --------------------------------------------------------------------------- the back-test

@dataclass
class Backtest:
    """Everything one back-test run computed (cases x grid arrays for re-calibration)."""

    cases: pd.DataFrame              # one row per (series, origin, year, method)
    f_le: np.ndarray                 # (cases, G, 1 + R): P_c(Y <= v), v = realised, targets
    f_lt: np.ndarray                 # (cases, G, 1 + R): P_c(Y < v)
    baselines: pd.DataFrame          # one row per (series, origin, year, ratio, baseline)


def run(series: list[dict], methods=METHODS, prior_nu0=None,
        baselines: bool = True, ets: bool = False) -> Backtest:
    """Rolling-origin forecasts of every method on every series (uncalibrated).

    Origins from :data:`FIRST_ORIGIN` (2) known points. ``prior_nu0``: the automatic rule's
    pooled prior with that many degrees of freedom (default :data:`PRIOR_NU0`; 0: none), learned
    on the real series *other* than the one forecast (leave-one-series-out). Where the automatic
    rule makes no call (2 points without a prior) the case is kept with probability 0.5
    (``insufficient`` True), as an evaluator would count "insufficient data".
    ``baselines=False`` skips the hand rules (faster, for :func:`select_prior`); ``ets`` adds the
    ``FORECAST.ETS`` stand-in to them (one statsmodels fit per origin: the slow part, so off by
    default; the CLI and :func:`calls` comparisons turn it on).
    """
    rows, les, lts, brows = [], [], [], []
    ratios = np.asarray(TARGET_RATIOS)
    G = GRID[:, None, None]
    nu0 = _prior_spec(PRIOR_NU0 if prior_nu0 is None else prior_nu0)
    scales = series_scales(series)
    for sid, s in enumerate(series):
        years, values, kind = s["years"], s["values"], s["kind"]
        n = len(years)
        prior = learn_priors(scales, nu0, exclude=[sid]) if max(nu0[:2]) > 0 else {}
        for o in range(FIRST_ORIGIN, n):
            ty, tv = years[:o], values[:o]
            fut_years, fut_vals = years[o:], values[o:]
            prefix = pd.Series(tv, index=ty)
            for m in methods:
                model = None if m == "auto" else m
                if m in ("poisson", "negbin") and kind not in ("count", "milestone"):
                    continue
                if m == "loglinear" and kind in ("count", "milestone", "share"):
                    continue
                try:
                    r = fc.fit(prefix, kind=kind, model=model, calibrate=False, prior=prior, low_information=True)
                except ValueError:
                    continue
                if r.insufficient and not (m == "auto" and o >= FIRST_ORIGIN):
                    continue
                if r.insufficient:                           # no call: counted as p = 0.5
                    le = lt = np.full((len(GRID), 1 + len(ratios), len(fut_years)), 0.5)
                    point = np.full(len(fut_years), np.nan)
                else:
                    d = r._dist(fut_years)
                    d.c = G                                       # (G, 1, 1) x (1, H)
                    v = np.concatenate([fut_vals[None, :], ratios[:, None] * fut_vals[None, :]], axis=0)
                    le = d.cdf(v[None, :, :])                    # (G, 1+R, H)
                    lt = d.cdf(v[None, :, :], strict=True)
                    d.c = np.ones((1, len(fut_years)))
                    point = d.point()[0]
                for j, (yr, yv) in enumerate(zip(fut_years, fut_vals)):
                    h = int(yr - ty[-1])
                    if h > MAX_H:
                        continue
                    rows.append(dict(series=sid, source=s["source"], region=s["region"],
                                     indicator_id=s["indicator_id"], kind=kind, origin=int(ty[-1]),
                                     n_train=o, year=int(yr), h=h, horizon=_bucket(h), method=m,
                                     model=r.model, actual=float(yv), point=float(point[j]),
                                     insufficient=bool(r.insufficient), low_information=bool(r.low_information)))
                    les.append(le[:, :, j])
                    lts.append(lt[:, :, j])
            if not baselines:
                continue
            keep = (fut_years - ty[-1]) <= MAX_H
            ets_pts = (dict(zip(fut_years[keep], ets_points(ty, tv, fut_years[keep])))
                       if ets and keep.any() else {})
            for yr, yv in zip(fut_years, fut_vals):
                h = int(yr - ty[-1])
                if h > MAX_H:
                    continue
                pts = {"straight_line": straight_line(ty, tv, yr),
                       "cagr": compound_growth(ty, tv, yr),
                       "holt_point": holt_point(ty, tv, yr)}
                if ets:
                    pts["ets"] = ets_pts[yr]
                for b, p in pts.items():
                    brows.append(dict(series=sid, source=s["source"], region=s["region"],
                                      indicator_id=s["indicator_id"], kind=kind, origin=int(ty[-1]),
                                      n_train=o, year=int(yr), h=h, horizon=_bucket(h), method=b,
                                      actual=float(yv), point=p))
    cases = pd.DataFrame(rows)
    f_le = np.stack(les) if les else np.zeros((0, len(GRID), 1 + len(ratios)))
    f_lt = np.stack(lts) if lts else np.zeros_like(f_le)
    return Backtest(cases, f_le, f_lt, pd.DataFrame(brows))


def _inside(f_le: np.ndarray, f_lt: np.ndarray, level: float) -> np.ndarray:
    """Realised value inside the central ``level`` interval: F(y) >= a and F(y-) < 1 - a."""
    a = (1.0 - level) / 2.0
    return (f_le >= a - 1e-12) & (f_lt < 1.0 - a)


def _learn(f_le: np.ndarray, f_lt: np.ndarray, horizon: np.ndarray) -> tuple[list[float], dict]:
    """Per-horizon factors from cases' (G,) CDF values at the realised value."""
    factors, counts = [], {}
    prev = 1.0
    for hb in HORIZONS:
        sel = horizon == hb
        counts[hb] = int(sel.sum())
        if sel.sum() < MIN_CASES:
            factors.append(prev)
            continue
        loss = 0.0
        for L in LEVELS:
            cov = _inside(f_le[sel], f_lt[sel], L).mean(axis=0)     # (G,)
            loss = loss + np.abs(cov - L)
        best = float(GRID[int(np.argmin(np.round(loss, 12)))])
        prev = max(prev, best)
        factors.append(prev)
    return factors, counts


def _factor_index(factors: list[float], horizon: np.ndarray) -> np.ndarray:
    f = np.asarray(factors)
    idx = np.array([HORIZONS.index(h) for h in horizon])
    return np.searchsorted(GRID, np.round(f[idx], 2) - 1e-9)


def calibrate(bt: Backtest | None = None) -> dict:
    """Learn the per-method, per-horizon factors on the real public series.

    Returns the dict written to ``analysis/calibration.json``.
    """
    series = None
    if bt is None:
        series = series_list(public_series())
        bt = run(series, baselines=False)
    cases = bt.cases
    real = cases["source"].isin(["china", "gansu"]).to_numpy()
    if "insufficient" in cases:
        real = real & ~cases["insufficient"].to_numpy(bool)
    out = {"description": "Per-horizon factors multiplying the predictive scale, learned by "
                          "analysis.model.backtest.calibrate() on rolling-origin back-tests of the real "
                          "public series; horizons 1-5 years (5 also used beyond).",
           "horizons": list(HORIZONS), "levels": list(LEVELS),
           "grid": [float(GRID[0]), float(GRID[-1]), 0.05], "min_cases": MIN_CASES,
           "factors": {}, "n_cases": {}, "inputs": _input_hashes()}
    for m in METHODS:
        sel = real & (cases["method"] == m).to_numpy()
        if not sel.any():
            continue
        f, counts = _learn(bt.f_le[sel, :, 0], bt.f_lt[sel, :, 0], cases.loc[sel, "horizon"].to_numpy())
        out["factors"][m] = f
        out["n_cases"][m] = counts
    if series is None:
        series = series_list(public_series())
    out["priors"] = learn_priors(series_scales(series), PRIOR_NU0)
    out["priors"]["description"] = (
        "Pooled (empirical-Bayes) prior of the automatic rule, learned by "
        "analysis.model.backtest.learn_priors() on the real public series: per kind, the geometric "
        "mean of the series' yearly residual scales (drift: relative to the mean level; logdrift: log "
        "units), nu0 prior degrees of freedom chosen by select_prior() (nested leave-one-series-out).")
    return out


def _input_hashes() -> dict:
    res = {}
    for f in PUBLIC_FILES:
        p = config.public_dir() / f
        if p.exists():
            res[f"data/raw/public/{f}"] = hashlib.sha256(p.read_bytes()).hexdigest()
    return res


def write_calibration(cal: dict | None = None, path: str | Path | None = None) -> Path:
    """Write the calibration file (atomic, stable formatting)."""
    cal = cal if cal is not None else calibrate()
    p = Path(path) if path is not None else fc.calibration_path()
    with atomic_write(p) as fh:
        fh.write(json.dumps(cal, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
    return p


# --------------------------------------------------------------------------- scoring

def _loso_factors(bt: Backtest, method: str) -> np.ndarray:
    """Leave-one-series-out factor for every case of ``method`` (learned on real series)."""
    cases = bt.cases
    sel_m = (cases["method"] == method).to_numpy()
    real = cases["source"].isin(["china", "gansu"]).to_numpy()
    if "insufficient" in cases:
        real = real & ~cases["insufficient"].to_numpy(bool)
    out = np.full(len(cases), np.nan)
    for sid in np.unique(cases.loc[sel_m, "series"]):
        train = sel_m & real & (cases["series"] != sid).to_numpy()
        test = sel_m & (cases["series"] == sid).to_numpy()
        f, _ = _learn(bt.f_le[train, :, 0], bt.f_lt[train, :, 0], cases.loc[train, "horizon"].to_numpy())
        out[test] = _factor_index(f, cases.loc[test, "horizon"].to_numpy())
    return out


def case_scores(bt: Backtest, calibration: dict) -> pd.DataFrame:
    """Per-case scores: ``in80_/in95_`` (inside the interval), ``brier_``, ``acc_`` for the
    factors ``before`` (none), ``after`` (``calibration``) and ``after_cv`` (learned leaving
    the case's series out), and ``data`` (real, illustrative, user)."""
    cases = bt.cases.copy()
    if cases.empty:
        return cases
    ratios = np.asarray(TARGET_RATIOS)
    met = (ratios <= 1.0)[None, :]                              # realised >= ratio * realised
    valid = (cases["actual"] > 0).to_numpy()                     # ratio targets need y > 0
    gi = {}
    for m in cases["method"].unique():
        sel = (cases["method"] == m).to_numpy()
        f = calibration.get("factors", {}).get(m, [1.0] * len(HORIZONS))
        gi.setdefault("after", np.zeros(len(cases), int))[sel] = _factor_index(f, cases.loc[sel, "horizon"].to_numpy())
    gi["before"] = np.zeros(len(cases), int)
    cv = np.zeros(len(cases), int)
    for m in cases["method"].unique():
        sel = (cases["method"] == m).to_numpy()
        cv[sel] = _loso_factors(bt, m)[sel].astype(int)
    gi["after_cv"] = cv
    idx = np.arange(len(cases))
    cols = {}
    insuff = cases["insufficient"].to_numpy(bool) if "insufficient" in cases else np.zeros(len(cases), bool)
    for tag, g in gi.items():
        le = bt.f_le[idx, g]                                     # (cases, 1+R)
        lt = bt.f_lt[idx, g]
        for L in LEVELS:
            cols[f"in{int(L * 100)}_{tag}"] = np.where(insuff, np.nan, _inside(le[:, 0], lt[:, 0], L).astype(float))
        p = np.clip(1.0 - lt[:, 1:], 0, 1)                       # P(Y >= ratio * y)
        cols[f"brier_{tag}"] = np.where(valid, ((p - met) ** 2).mean(axis=1), np.nan)
        cols[f"acc_{tag}"] = np.where(valid, ((p >= 0.5) == met).mean(axis=1), np.nan)
        if tag == "after_cv":
            cols["log_after_cv"] = np.where(valid, _log_score(p, met).mean(axis=1), np.nan)
            cols["cw_after_cv"] = np.where(valid, _confident_wrong(p, met).sum(axis=1), np.nan)
            for j in range(p.shape[1]):
                cols[f"p{j}_after_cv"] = p[:, j]
    for k, v in cols.items():
        cases[k] = v
    cases["data"] = np.where(cases["source"] == "illustrative", "illustrative",
                             np.where(cases["source"].isin(["china", "gansu"]), "real", "user"))
    return cases


def _log_score(p: np.ndarray, met: np.ndarray) -> np.ndarray:
    """Log of the probability given to what happened, p clipped to [LOG_CLIP, 1 - LOG_CLIP]."""
    q = np.clip(p, LOG_CLIP, 1.0 - LOG_CLIP)
    return np.where(met, np.log(q), np.log(1.0 - q))


def _confident_wrong(p: np.ndarray, met: np.ndarray) -> np.ndarray:
    """A call with p >= 0.9 on a target missed or p <= 0.1 on a target met."""
    return ((p >= CONFIDENT) & ~met) | ((p <= 1.0 - CONFIDENT) & met)


def score(bt: Backtest, calibration: dict) -> pd.DataFrame:
    """The back-test table: per data group (real, illustrative), method and horizon."""
    if bt.cases.empty:
        return pd.DataFrame()
    cases = case_scores(bt, calibration)
    ratios = np.asarray(TARGET_RATIOS)
    met = (ratios <= 1.0)[None, :]
    b = bt.baselines.copy()
    if not b.empty:
        bvalid = (b["actual"] > 0).to_numpy() & np.isfinite(b["point"].to_numpy(float))
        calls = b["point"].to_numpy(float)[:, None] >= ratios[None, :] * b["actual"].to_numpy(float)[:, None]
        b["brier"] = np.where(bvalid, (calls != met).mean(axis=1), np.nan)
        b["acc"] = 1.0 - b["brier"]
        b["data"] = np.where(b["source"] == "illustrative", "illustrative",
                             np.where(b["source"].isin(["china", "gansu"]), "real", "user"))
    out = []
    for data in ("real", "illustrative", "user"):
        cd = cases[cases["data"] == data]
        bd = b[b["data"] == data] if not b.empty else b
        if cd.empty:
            continue
        for m in list(METHODS) + list(BASELINES):
            for hb in list(HORIZONS) + ["all"]:
                if m in METHODS:
                    g = cd[cd["method"] == m]
                    g = g if hb == "all" else g[g["horizon"] == hb]
                    if g.empty:
                        continue
                    row = dict(data=data, method=m, horizon=hb, n=len(g),
                               n_series=g["series"].nunique())
                    for tag in ("before", "after", "after_cv"):
                        row[f"coverage_80_{tag}"] = g[f"in80_{tag}"].mean()
                        row[f"coverage_95_{tag}"] = g[f"in95_{tag}"].mean()
                    for tag in ("before", "after", "after_cv"):
                        row[f"brier_{tag}"] = g[f"brier_{tag}"].mean()
                    row["accuracy"] = g["acc_after"].mean()
                    row["accuracy_cv"] = g["acc_after_cv"].mean()
                else:
                    g = bd[bd["method"] == m]
                    g = g if hb == "all" else g[g["horizon"] == hb]
                    g = g[np.isfinite(g["brier"].to_numpy(float))]
                    if g.empty:
                        continue
                    row = dict(data=data, method=m, horizon=hb, n=len(g), n_series=g["series"].nunique(),
                               brier_before=g["brier"].mean(), brier_after=g["brier"].mean(),
                               brier_after_cv=g["brier"].mean(), accuracy=g["acc"].mean(),
                               accuracy_cv=g["acc"].mean())
                out.append(row)
    cols = ["data", "method", "horizon", "n", "n_series", "coverage_80_before", "coverage_95_before",
            "coverage_80_after", "coverage_95_after", "coverage_80_after_cv", "coverage_95_after_cv",
            "brier_before", "brier_after", "brier_after_cv", "accuracy", "accuracy_cv"]
    return pd.DataFrame(out).reindex(columns=cols)


# --------------------------------------------------------------------------- choosing the automatic rule

#: The automatic rules compared by :func:`select_auto` (``forecast.AUTO_CONFIG`` values):
#: the equal-weight set below 5 points x the back-test weighting from 5 points.
AUTO_SHORT: tuple[tuple[str, ...], ...] = (("drift", "linear"), ("drift", "linear", "logdrift"),
                                           ("drift", "logdrift"))
AUTO_WEIGHTING: tuple[tuple[str, float, str], ...] = (
    ("abs", 0.0, "kind"), ("rel", 0.0, "kind"), ("abs", 5.0, "kind"), ("rel", 5.0, "kind"),
    ("rel", float("inf"), "kind"), ("rel", 5.0, "short"), ("rel", float("inf"), "short"))


#: Growth-regime variants of the chosen short set (``drift+logdrift`` at all sizes): how much
#: weight the multiplicative model gets. ``equal`` 50/50; ``lik τ``: the log-likelihood ratio
#: test of :func:`analysis.model.forecast.growth_regime`, tempered by τ; ``kind ...``: a prior by
#: the indicator's kind (shares additive; levels and ratios multiplicative; counts 50/50),
#: strong (1/0) or soft (0.8/0.2), alone or combined with the test.
_KIND_STRONG = {"share": 0.0, "level": 1.0, "ratio": 1.0, "count": 0.5, "milestone": 0.5}
_KIND_SOFT = {"share": 0.2, "level": 0.8, "ratio": 0.8, "count": 0.5, "milestone": 0.5}
AUTO_REGIMES: tuple[tuple[str, dict], ...] = (
    ("equal", dict(regime="equal")),
    ("lik τ=1", dict(regime="lik", temper=1.0)),
    ("lik τ=2", dict(regime="lik", temper=2.0)),
    ("lik τ=4", dict(regime="lik", temper=4.0)),
    ("kind strong", dict(regime="prior", prior=_KIND_STRONG)),
    ("kind soft", dict(regime="prior", prior=_KIND_SOFT)),
    ("kind soft + lik τ=4", dict(regime="lik", temper=4.0, prior=_KIND_SOFT)),
)


class _auto_config:
    """Temporarily set :data:`analysis.model.forecast.AUTO_CONFIG`."""

    def __init__(self, **kw):
        self.kw = kw

    def __enter__(self):
        self.old = dict(fc.AUTO_CONFIG)
        fc.AUTO_CONFIG.update(self.kw)

    def __exit__(self, *exc):
        fc.AUTO_CONFIG.clear()
        fc.AUTO_CONFIG.update(self.old)


def select_auto(series: list[dict] | None = None, shorts=AUTO_SHORT, weightings=AUTO_WEIGHTING,
                regimes=AUTO_REGIMES) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Compare automatic rules on the real series, honestly (nested leave-one-series-out).

    The rules: :data:`AUTO_SHORT` x :data:`AUTO_WEIGHTING` (growth regime ``equal``), then
    the growth-regime variants :data:`AUTO_REGIMES` of ``drift+logdrift`` at every size.
    For each rule: the rolling-origin back-test of ``auto``, with calibration factors
    learned leaving the case's series out (``after_cv``). Then, for each real series, the
    rule with the lowest Brier score on the *other* real series is "chosen" and scored on
    the held-out series - the figure the choice itself can be trusted to (no series
    informs the choice made for it).

    Returns
    -------
    (table, nested) : DataFrames
        ``table``: one row per rule (short, error, shrink, long, regime, n, brier_cv, accuracy_cv,
        coverage_80_cv, coverage_95_cv). ``nested``: one row per held-out series (the rule
        chosen without it and its scores there), plus an ``all`` row.
    """
    if series is None:
        series = series_list(public_series())
    real_series = [s for s in series if s["source"] in ("china", "gansu")]
    per = {}
    rows = []
    rules = [(("+".join(short), err, m0, long, "equal"),
              dict(short=tuple(short), error=err, shrink=m0, long=long, regime="equal"))
             for short in shorts for err, m0, long in weightings]
    seen = {k for k, _ in rules}
    for name, cfg in regimes:
        key = ("drift+logdrift", "rel", float("inf"), "short", name)
        if key not in seen:
            rules.append((key, {**dict(short=("drift", "logdrift"), error="rel", shrink=float("inf"),
                                       long="short", temper=1.0, prior=None), **cfg}))
    for key, cfg in rules:
        with _auto_config(**cfg):
            b = run(real_series, methods=("auto",))
        cs = case_scores(b, {"factors": {}})
        cs = cs[cs["data"] == "real"]
        per[key] = cs
        rows.append(dict(short=key[0], error=key[1], shrink=key[2], long=key[3], regime=key[4], n=len(cs),
                         brier_cv=cs["brier_after_cv"].mean(), accuracy_cv=cs["acc_after_cv"].mean(),
                         coverage_80_cv=cs["in80_after_cv"].mean(),
                         coverage_95_cv=cs["in95_after_cv"].mean()))
    table = pd.DataFrame(rows)
    ids = sorted(next(iter(per.values()))["series"].unique())
    nested, held = [], []
    for sid in ids:
        best = min(per, key=lambda k: (per[k].loc[per[k]["series"] != sid, "brier_after_cv"].mean(),
                                       k[0], k[1], k[3], k[4]))
        cs = per[best][per[best]["series"] == sid]
        held.append(cs)
        nested.append(dict(series=sid, region=cs["region"].iloc[0], indicator_id=cs["indicator_id"].iloc[0],
                           short=best[0], error=best[1], shrink=best[2], long=best[3], regime=best[4], n=len(cs),
                           brier_cv=cs["brier_after_cv"].mean(), accuracy_cv=cs["acc_after_cv"].mean()))
    allc = pd.concat(held)
    nested.append(dict(series="all", n=len(allc), brier_cv=allc["brier_after_cv"].mean(),
                       accuracy_cv=allc["acc_after_cv"].mean(), coverage_80_cv=allc["in80_after_cv"].mean(),
                       coverage_95_cv=allc["in95_after_cv"].mean()))
    return table, pd.DataFrame(nested)


# --------------------------------------------------------------------------- national plan

def _national_targets(plans) -> pd.DataFrame:
    frames = []
    for key in plans:
        path = config.public_dir() / NATIONAL_PLANS[key]
        if path.exists():
            frames.append(load_targets(path).assign(plan=key))
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=["id", "plan"])


def national_plan_check(as_of_years=None, year: int | None = None,
                        calibration: dict | None = None, leave_out: bool = True,
                        plans=tuple(NATIONAL_PLANS)) -> pd.DataFrame:
    """Call real national plans' targets from each as-of year, scored on the outcome.

    One row per (plan, indicator, as_of): points used, our calibrated probability (and whether it
    is a ``low_information`` call from 2 points), the straight-line, compound-growth and ETS
    extrapolations and their 0/1 calls, the outcome at the deadline (``actual``; ``actual_2020``
    is the same column under its old name), NaN when the public data lack it, and whether it was
    met. ``as_of_years``: default the five years before each target's deadline; ``year``: default
    each target's deadline. ``plans``: keys of :data:`NATIONAL_PLANS` (a plan whose catalogue file
    is missing is skipped).

    With ``leave_out`` (default) the calibration factors and the pooled prior used for an indicator
    are re-learned without that national series, so its outcome never informs its own call;
    otherwise ``calibration`` (default: the committed file) is used.
    """
    targets = _national_targets(plans)
    pub = public_series()
    series = series_list(pub)
    scales = series_scales(series)
    bt = run(series, methods=("auto",), baselines=False) if leave_out and len(targets) else None
    pub = pub[pub["region"] == NATIONAL_REGION]
    rows, cal_by_id = [], {}
    for t in targets.itertuples(index=False):
        cal_t = calibration if calibration is not None else fc.load_calibration()
        if leave_out:
            if t.id not in cal_by_id:
                c = bt.cases
                train = ((c["region"] != NATIONAL_REGION) | (c["indicator_id"] != t.id)).to_numpy()
                train = train & ~c["insufficient"].to_numpy(bool)
                f, _ = _learn(bt.f_le[train, :, 0], bt.f_lt[train, :, 0], c.loc[train, "horizon"].to_numpy())
                own = [i for i, x in enumerate(series) if x["region"] == NATIONAL_REGION and x["indicator_id"] == t.id]
                cal_by_id[t.id] = {"factors": {"auto": f}, "priors": learn_priors(scales, PRIOR_NU0, exclude=own)}
            cal_t = cal_by_id[t.id]
        deadline = int(t.deadline) if year is None else int(year)
        s = pub[pub["indicator_id"] == t.id].groupby("year")["value"].mean().sort_index()
        actual = float(s.get(deadline, np.nan))
        met = (actual >= t.value if t.comparator == ">=" else actual <= t.value) if np.isfinite(actual) else None
        years = range(deadline - 5, deadline) if as_of_years is None else as_of_years
        for a in years:
            hist = s[s.index <= a]
            row = dict(plan=t.plan, indicator_id=t.id, target=t.value, unit=t.unit, comparator=t.comparator,
                       deadline=deadline, as_of=a, n_points=len(hist), actual=actual, actual_2020=actual,
                       met=met)
            if len(hist) >= 1:
                r = fc.fit(hist, kind=t.kind, calibration=cal_t, low_information=True)
                p = r.prob_meets_target(t.value, deadline, t.comparator)
                sf = r.summary_frame(0.2, years=[deadline]) if not r.insufficient else None
                row.update(model=r.model, prob=p, low_information=bool(r.low_information),
                           forecast=float(sf["mean"].iloc[0]) if sf is not None else np.nan,
                           lower_80=float(sf["lower"].iloc[0]) if sf is not None else np.nan,
                           upper_80=float(sf["upper"].iloc[0]) if sf is not None else np.nan)
            if len(hist) >= 2:
                yy, vv = hist.index.to_numpy(int), hist.to_numpy(float)
                for name, f in (("straight_line", straight_line), ("cagr", compound_growth), ("ets", ets_point)):
                    e = f(yy, vv, deadline)
                    row[f"{name}_forecast"] = e
                    row[f"{name}_call"] = float(e >= t.value if t.comparator == ">=" else e <= t.value)
            rows.append(row)
    df = pd.DataFrame(rows)
    for c in ("plan", "indicator_id", "as_of", "met", "prob", "straight_line_call", "cagr_call", "ets_call",
              "low_information", "n_points"):
        if c not in df:
            df[c] = np.nan
    return df


#: The methods of the national check: (name, column of the probability or 0/1 call).
NATIONAL_METHODS: tuple[tuple[str, str], ...] = (
    ("ours (auto, calibrated)", "prob"), ("straight_line", "straight_line_call"), ("cagr", "cagr_call"),
    ("ets", "ets_call"))


def national_summary(check: pd.DataFrame, by_plan: bool = False) -> pd.DataFrame:
    """Accuracy, Brier, log score and confident wrong calls per method over the scorable calls.

    Scorable: the outcome is known and at least 2 values were published by the as-of year (the
    hand rules' minimum); every method is scored on the same calls, and where ours makes no call
    it counts as p = 0.5 ("insufficient data"). Pooled over the plans (a target shared by two
    plans counted once); ``by_plan`` adds one block per plan, with a ``plan`` column (``all`` for
    the pooled block). ``log_score``: mean log probability of what happened, clipped at
    :data:`LOG_CLIP`.
    """
    if by_plan and "plan" in check:
        parts = [national_summary(g).assign(plan=k) for k, g in check.groupby("plan", sort=False)]
        parts.append(national_summary(check).assign(plan="all"))
        out = pd.concat(parts, ignore_index=True)
        return out[["plan"] + [c for c in out.columns if c != "plan"]]
    key = [c for c in ("indicator_id", "target", "comparator", "as_of") if c in check]
    check = check.drop_duplicates(key) if key else check
    ok = check["met"].notna() & (pd.to_numeric(check.get("n_points", 2), errors="coerce").fillna(2) >= 2)
    out = []
    for m, col in NATIONAL_METHODS:
        if col not in check:
            continue
        g = check[ok]
        if m.startswith("ours"):
            p = g[col].astype(float).fillna(0.5).to_numpy(float)
        else:
            g = g[g[col].notna()]
            p = g[col].to_numpy(float)
        if g.empty:
            out.append(dict(method=m, n=0))
            continue
        y = g["met"].astype(float).to_numpy() == 1
        wrong = (p >= 0.5) != y
        out.append(dict(method=m, n=len(g), accuracy=float(1 - wrong.mean()),
                        brier=float(((p - y) ** 2).mean()), log_score=float(_log_score(p, y).mean()),
                        confident_wrong=int(_confident_wrong(p, y).sum())))
    return pd.DataFrame(out)


# --------------------------------------------------------------------------- comparison, reliability

#: The methods compared in :func:`compare` (ours, then the evaluators' rules).
COMPARED: tuple[str, ...] = ("ours", "straight_line", "cagr", "ets")


def calls(bt: Backtest, calibration: dict | None = None, data: str = "real") -> pd.DataFrame:
    """One row per (case, pseudo-target, method) on the ``data`` group: ``p`` (ours: the calibrated
    probability with factors learned leaving the series out; hand rules: the 0/1 call) and ``met``.

    Only cases where every compared method has a value are kept (the same calls for all).
    """
    cs = case_scores(bt, calibration or {"factors": {}})
    cs = cs[(cs["method"] == "auto") & (cs["data"] == data) & (cs["actual"] > 0)]
    ratios = np.asarray(TARGET_RATIOS)
    keys = ["series", "origin", "year"]
    frames = []
    R = len(ratios)
    base = cs[keys + ["source", "region", "indicator_id", "kind", "h", "horizon", "n_train", "actual",
                      "point", "insufficient", "low_information"]]
    met = np.tile(ratios <= 1.0, len(cs))
    rep = base.loc[base.index.repeat(R)].reset_index(drop=True)
    rep["ratio"] = np.tile(ratios, len(cs))
    rep["met"] = met
    P = np.stack([cs[f"p{j}_after_cv"].to_numpy(float) for j in range(R)], axis=1)
    frames.append(rep.assign(method="ours", p=P.reshape(-1)))
    b = bt.baselines
    if b is not None and not b.empty:
        for m in [x for x in COMPARED[1:] if x in set(b["method"])]:
            bm = b[b["method"] == m].set_index(keys)["point"]
            pt = bm.reindex(pd.MultiIndex.from_frame(cs[keys])).to_numpy(float)
            callp = (pt[:, None] >= ratios[None, :] * cs["actual"].to_numpy(float)[:, None]).astype(float)
            callp[~np.isfinite(pt)] = np.nan
            frames.append(rep.assign(method=m, p=callp.reshape(-1), point=np.repeat(pt, R)))
    out = pd.concat(frames, ignore_index=True)
    have = out.groupby(keys + ["ratio"])["p"].transform(lambda x: x.notna().all())
    return out[have.to_numpy(bool)].reset_index(drop=True)


def summarise_calls(c: pd.DataFrame, by=()) -> pd.DataFrame:
    """Brier, accuracy, log score and confident wrong calls per method (and ``by`` columns)."""
    by = list(by)
    rows = []
    for key, g in c.groupby(by + ["method"], sort=False):
        key = key if isinstance(key, tuple) else (key,)
        p, y = g["p"].to_numpy(float), g["met"].to_numpy(bool)
        rows.append(dict(zip(by + ["method"], key), n_calls=len(g), n_series=g["series"].nunique(),
                         brier=float(((p - y) ** 2).mean()), accuracy=float(((p >= 0.5) == y).mean()),
                         log_score=float(_log_score(p, y).mean()),
                         confident_wrong=int(_confident_wrong(p, y).sum())))
    out = pd.DataFrame(rows)
    if out.empty:
        return out
    order = {m: i for i, m in enumerate(COMPARED)}
    out["_o"] = out["method"].map(order)
    return out.sort_values(by + ["_o"], kind="stable").drop(columns="_o").reset_index(drop=True)


def reliability(c: pd.DataFrame, bins: int = 10, method: str = "ours") -> pd.DataFrame:
    """Reliability-diagram data: calls binned by probability (``bins`` equal bins on [0, 1]),
    the mean probability and the observed frequency of "met" in each bin, and the count."""
    g = c[c["method"] == method]
    edges = np.linspace(0, 1, bins + 1)
    idx = np.clip(np.digitize(g["p"].to_numpy(float), edges[1:-1], right=False), 0, bins - 1)
    rows = []
    for b in range(bins):
        sel = idx == b
        rows.append(dict(bin_lower=edges[b], bin_upper=edges[b + 1], n=int(sel.sum()),
                         mean_p=float(g["p"].to_numpy(float)[sel].mean()) if sel.any() else np.nan,
                         observed=float(g["met"].to_numpy(bool)[sel].mean()) if sel.any() else np.nan))
    return pd.DataFrame(rows)


def worst_calls(c: pd.DataFrame, series: list[dict], k: int = 10) -> pd.DataFrame:
    """Our ``k`` worst calls (largest squared error; the worst one per series, so that one shock does
    not fill the list) with the reason, read from the data: the yearly growth fitted from the known
    points against the growth that followed, and whether the call was a 2-point (low-information)
    one."""
    g = c[c["method"] == "ours"].copy()
    g["sq_error"] = (g["p"] - g["met"].astype(float)) ** 2
    g = g.sort_values(["sq_error", "h", "series", "origin", "year", "ratio"],
                      ascending=[False, True, True, True, True, True])
    g = g.drop_duplicates("series").head(k).copy()
    reasons, fitted, realised = [], [], []
    for r in g.itertuples(index=False):
        s = series[int(r.series)]
        yrs, vals = np.asarray(s["years"]), np.asarray(s["values"], float)
        known = yrs <= r.origin
        ty, tv = yrs[known], vals[known]
        last = tv[-1]
        span = float(ty[-1] - ty[0])
        if last > 0 and tv[0] > 0 and span > 0:
            gf = (last / tv[0]) ** (1 / span) - 1
            gr = (r.actual / last) ** (1 / r.h) - 1
        else:
            gf = (last - tv[0]) / span / abs(last) if span > 0 and last else np.nan
            gr = (r.actual - last) / r.h / abs(last) if last else np.nan
        fitted.append(gf)
        realised.append(gr)
        if np.sign(gf) != np.sign(gr) and abs(gr) > 0.005:
            why = "the trend reversed"
        elif abs(gr) > abs(gf) + 0.02:
            why = "growth accelerated"
        elif abs(gr) < abs(gf) - 0.02:
            why = "growth slowed"
        else:
            why = "outcome close to the target (a near miss)"
        if r.low_information:
            why = "2 points only (low information); " + why
        reasons.append(why)
    g["fitted_growth"] = fitted
    g["realised_growth"] = realised
    g["reason"] = reasons
    cols = ["region", "indicator_id", "kind", "origin", "n_train", "year", "h", "ratio", "actual", "point", "p",
            "met", "sq_error", "fitted_growth", "realised_growth", "reason"]
    return g[cols].reset_index(drop=True)


def select_prior(series: list[dict] | None = None, grid=PRIOR_GRID) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Choose the pooled prior's strength ``nu0`` by nested leave-one-series-out on the real series.

    For each ``nu0`` in ``grid``: the rolling-origin back-test of the automatic rule (priors and
    calibration factors learned leaving the case's series out). Then, for each real series, the
    ``nu0`` with the lowest Brier score on the *other* real series is chosen and scored on the
    held-out series.

    Returns
    -------
    (table, nested) : DataFrames
        ``table``: one row per ``nu0`` (n, brier_cv, accuracy_cv, log_score_cv, confident_wrong,
        coverage_80_cv, coverage_95_cv). ``nested``: one row per held-out series (the ``nu0``
        chosen without it and its scores), plus an ``all`` row.
    """
    if series is None:
        series = series_list(public_series())
    real_series = [x for x in series if _is_real(x["source"])]
    per, rows = {}, []
    for nu0 in grid:
        b = run(real_series, methods=("auto",), prior_nu0=nu0, baselines=False)
        cs = case_scores(b, {"factors": {}})
        cs = cs[cs["data"] == "real"]
        per[nu0] = cs
        rows.append(dict(nu0=nu0, n=len(cs), brier_cv=cs["brier_after_cv"].mean(),
                         accuracy_cv=cs["acc_after_cv"].mean(), log_score_cv=cs["log_after_cv"].mean(),
                         confident_wrong=int(cs["cw_after_cv"].sum()),
                         coverage_80_cv=cs["in80_after_cv"].mean(), coverage_95_cv=cs["in95_after_cv"].mean()))
    table = pd.DataFrame(rows)
    ids = sorted(next(iter(per.values()))["series"].unique())
    nested, held = [], []
    for sid in ids:
        best = min(per, key=lambda k: (round(per[k].loc[per[k]["series"] != sid, "brier_after_cv"].mean(), 12), k))
        cs = per[best][per[best]["series"] == sid]
        held.append(cs)
        nested.append(dict(series=sid, region=cs["region"].iloc[0], indicator_id=cs["indicator_id"].iloc[0],
                           nu0=best, n=len(cs), brier_cv=cs["brier_after_cv"].mean(),
                           accuracy_cv=cs["acc_after_cv"].mean()))
    allc = pd.concat(held)
    nested.append(dict(series="all", n=len(allc), brier_cv=allc["brier_after_cv"].mean(),
                       accuracy_cv=allc["acc_after_cv"].mean(), log_score_cv=allc["log_after_cv"].mean(),
                       confident_wrong=int(allc["cw_after_cv"].sum()),
                       coverage_80_cv=allc["in80_after_cv"].mean(), coverage_95_cv=allc["in95_after_cv"].mean()))
    return table, pd.DataFrame(nested)


# --------------------------------------------------------------------------- CLI

def _n_bucket(n: pd.Series) -> pd.Series:
    return np.where(n <= 2, "2 (low information)", np.where(n <= 5, "3-5", "6+"))


def cli_backtest(args) -> int:
    """``python -m analysis backtest``: print the coverage / Brier table, then (table output) the
    comparison with the evaluators' rules on held-out real series (overall, per horizon, per kind,
    per number of points), the reliability-diagram data, our 10 worst calls and the national plans."""
    refit = bool(getattr(args, "refit", False))
    public = series_list(public_series())
    if getattr(args, "data", None):
        other = series_list(user_series(args.data))
    else:
        other = series_list(illustrative_series())
    bt = run(public + other, ets=True)
    if refit:
        cal = calibrate(bt)
        path = write_calibration(cal)
        print(f"wrote {path}", flush=True)
    else:
        cal = fc.load_calibration()
    table = score(bt, cal)
    fmt = getattr(args, "format", "table") or "table"
    render(table.round(4), fmt, getattr(args, "output", None))
    if fmt == "table" and getattr(args, "output", None) is None:
        c = calls(bt, cal)
        if not c.empty:
            c["points"] = _n_bucket(c["n_train"])
            print("\nAttainment calls on the real series, each held out (nested leave-one-series-out: "
                  "calibration and pooled prior learned without it); pseudo-targets at 0.8-1.25 x the outcome; "
                  "ours vs the evaluators' rules (straight line = FORECAST.LINEAR, cagr = compound growth, "
                  f"ets = statsmodels additive ETS for FORECAST.ETS); log score clipped at {LOG_CLIP}; "
                  "confident_wrong: p >= 0.9 or <= 0.1 on the wrong side:")
            render(summarise_calls(c).round(4), "table")
            for by, label in (("horizon", "per horizon (years ahead)"), ("kind", "per kind of indicator"),
                              ("points", "per number of points known")):
                print(f"\n... {label}:")
                render(summarise_calls(c, by=[by]).round(4), "table")
            print("\nReliability diagram (ours): calls binned by probability; observed = share met:")
            render(reliability(c).round(3), "table")
            print("\nOur 10 worst calls, with the reason read from the data:")
            render(worst_calls(c, public + other).round(3), "table")
        check = national_plan_check(calibration=cal)
        cols = ["plan", "indicator_id", "as_of", "n_points", "target", "comparator", "deadline", "actual", "met",
                "prob", "low_information", "forecast", "straight_line_forecast", "straight_line_call", "cagr_forecast",
                "cagr_call", "ets_forecast", "ets_call"]
        print("\nNational plan check: real targets (st_plan: 13th Five-Year S&T innovation plan; outline: 13th "
              "Five-Year Plan outline; outline_12th: 12th Five-Year Plan outline), called from each of the five "
              "as-of years before the deadline, scored on the outcome:")
        render(check.reindex(columns=cols).round(3), "table")
        print("\nPer plan, and all (a target in two plans counted once); calls with >= 2 published values; "
              "ours without a call counts 0.5; confident_wrong: p >= 0.9 or <= 0.1 on the wrong side:")
        render(national_summary(check, by_plan=True).round(3), "table")
    return 0
