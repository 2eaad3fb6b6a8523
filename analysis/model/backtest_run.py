"""The rolling-origin back-test (every method on every series from every origin) and the
per-horizon calibration factors learned from it (``analysis/model/calibration.json``).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from analysis import config
from analysis.io.atomic import atomic_write
from analysis.io.cache import memo
from analysis.io.dataset import PUBLIC_FILES
from analysis.model import forecast as fc
from analysis.model.backtest_corpus import _is_real, public_series, series_list
from analysis.model.backtest_priors import PRIOR_NU0, learn_priors, _prior_spec, series_scales
from analysis.model.backtest_recalibration import RECAL_SPEC, fit_recalibration, recal_inputs
from analysis.model.forecast_calibration import RECAL_SHORT_POINTS
from analysis.model.backtest_rules import compound_growth, ets_points, holt_points, straight_line

__all__ = [
    "METHODS", "BASELINES", "TARGET_RATIOS", "LEVELS", "GRID", "HORIZONS", "MAX_H", "MIN_CASES",
    "FIRST_ORIGIN", "Backtest", "run", "WINDOW_GRID", "window_series", "public_window_run", "window_calls",
    "calibrate", "write_calibration",
]

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
#: Back-test origins start from this many known points (2: the low-information calls).
FIRST_ORIGIN = fc.LOW_INFO_POINTS


def _bucket(h: int) -> str:
    return str(min(h, MAX_H))


@dataclass
class Backtest:
    """Everything one back-test run computed (cases x grid arrays for re-calibration)."""

    cases: pd.DataFrame              # one row per (series, origin, year, method)
    f_le: np.ndarray                 # (cases, G, 1 + R): P_c(Y <= v), v = realised, targets
    f_lt: np.ndarray                 # (cases, G, 1 + R): P_c(Y < v)
    baselines: pd.DataFrame          # one row per (series, origin, year, ratio, baseline)


def run(series: list[dict], methods=METHODS, prior_nu0=None,
        baselines: bool = True, ets: bool = False, target_methods=None, *, max_points: int | None = None,
        parents: list[int] | None = None, prior_series: list[dict] | None = None,
        n_grid: int | None = None) -> Backtest:
    """Rolling-origin forecasts of every method on every series (uncalibrated).

    Origins from :data:`FIRST_ORIGIN` (2) known points. ``prior_nu0``: the automatic rule's
    pooled prior with that many degrees of freedom (default :data:`PRIOR_NU0`; 0: none), learned
    on the real series *other* than the one forecast (leave-one-series-out). Where the automatic
    rule makes no call (2 points without a prior) the case is kept with probability 0.5
    (``insufficient`` True), as an evaluator would count "insufficient data".
    ``baselines=False`` skips the hand rules (faster, for :func:`select_prior`); ``ets`` adds the
    ``FORECAST.ETS`` stand-in to them (one statsmodels fit per origin: the slow part, so off by
    default; the CLI and :func:`calls` comparisons turn it on). ``target_methods``: the methods
    whose probabilities of meeting the ratio targets are computed (default: all); the others get
    only the CDF at the realised value (what their calibration factors are learned from) and NaN
    in the target columns of ``f_le`` / ``f_lt`` (``()``: no target columns at all, arrays
    (cases, G, 1)): :func:`calibrate` needs targets of ``auto`` alone.
    ``max_points``: origins from at most this many known points (default: every origin).
    ``parents`` and ``prior_series`` (:func:`public_window_run`): ``series[i]`` is a part of
    ``prior_series[parents[i]]``; its cases are numbered by the parent, and the prior is learned on
    ``prior_series`` without the parent. ``n_grid``: only the first ``n_grid`` factors of
    :data:`GRID` (enough for the factors the calls are read at; default all).
    """
    rows, les, lts, brows = [], [], [], []
    ratios = np.asarray(TARGET_RATIOS)
    grid = GRID if n_grid is None else GRID[:n_grid]
    G = grid[:, None, None]
    nu0 = _prior_spec(PRIOR_NU0 if prior_nu0 is None else prior_nu0)
    scales = series_scales(series if prior_series is None else prior_series)
    # a run where no method has targets keeps the realised value's column alone: (cases, G, 1)
    pad_targets = target_methods is None or any(m in target_methods for m in methods)
    for i, s in enumerate(series):
        years, values, kind = s["years"], s["values"], s["kind"]
        n = len(years)
        sid = i if parents is None else parents[i]
        if parents is None or i == 0 or parents[i - 1] != sid:      # the parts of one series share its prior
            prior = learn_priors(scales, nu0, exclude=[sid]) if max(nu0[:2]) > 0 else {}
        for o in range(FIRST_ORIGIN, n if max_points is None else min(n, max_points + 1)):
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
                    le = lt = np.full((len(grid), 1 + len(ratios), len(fut_years)), 0.5)
                    point = np.full(len(fut_years), np.nan)
                else:
                    d = r._dist(fut_years)
                    d.c = G                                       # (G, 1, 1) x (1, H)
                    v = np.concatenate([fut_vals[None, :], ratios[:, None] * fut_vals[None, :]], axis=0)
                    if target_methods is not None and m not in target_methods:
                        v = v[:1]                                 # the realised value alone
                    le = d.cdf(v[None, :, :])                    # (G, 1+R, H)
                    if d.discrete:
                        # on 0, 1, 2, ...: P(Y < v) = P(Y <= ceil(v) - 1), which is P(Y <= v) for a
                        # v that is not a whole number: only whole numbers need the strict CDF
                        whole = v == np.floor(v)
                        lt = le.copy()
                        if whole.any():
                            strict = d.cdf(np.where(whole, v, np.nan)[None, :, :], strict=True)
                            lt = np.where(whole[None, :, :], strict, le)
                    else:
                        lt = d.cdf(v[None, :, :], strict=True)
                    d.c = np.ones((1, len(fut_years)))
                    point = d.point()[0]
                    if le.shape[1] < 1 + len(ratios) and pad_targets:   # no target columns: NaN
                        pad = np.full((len(grid), len(ratios), len(fut_years)), np.nan)
                        le, lt = np.concatenate([le, pad], axis=1), np.concatenate([lt, pad], axis=1)
                for j, (yr, yv) in enumerate(zip(fut_years, fut_vals)):
                    h = int(yr - ty[-1])
                    if h > MAX_H:
                        continue
                    rows.append(dict(series=sid, source=s["source"], region=s["region"],
                                     indicator_id=s["indicator_id"], kind=kind, origin=int(ty[-1]),
                                     n_train=o, year=int(yr), h=h, horizon=_bucket(h), method=m,
                                     model=r.model, actual=float(yv), point=float(point[j]), last=float(tv[-1]),
                                     insufficient=bool(r.insufficient), low_information=bool(r.low_information)))
                    les.append(le[:, :, j])
                    lts.append(lt[:, :, j])
            if not baselines:
                continue
            keep = (fut_years - ty[-1]) <= MAX_H
            ets_pts = (dict(zip(fut_years[keep], ets_points(ty, tv, fut_years[keep])))
                       if ets and keep.any() else {})
            holt_pts = dict(zip(fut_years[keep], holt_points(ty, tv, fut_years[keep]))) if keep.any() else {}
            for yr, yv in zip(fut_years, fut_vals):
                h = int(yr - ty[-1])
                if h > MAX_H:
                    continue
                pts = {"straight_line": straight_line(ty, tv, yr),
                       "cagr": compound_growth(ty, tv, yr),
                       "holt_point": float(holt_pts[yr])}
                if ets:
                    pts["ets"] = ets_pts[yr]
                for b, p in pts.items():
                    brows.append(dict(series=sid, source=s["source"], region=s["region"],
                                      indicator_id=s["indicator_id"], kind=kind, origin=int(ty[-1]),
                                      n_train=o, year=int(yr), h=h, horizon=_bucket(h), method=b,
                                      actual=float(yv), point=p))
    cases = pd.DataFrame(rows)
    f_le = np.stack(les) if les else np.zeros((0, len(grid), 1 + len(ratios)))
    f_lt = np.stack(lts) if lts else np.zeros_like(f_le)
    return Backtest(cases, f_le, f_lt, pd.DataFrame(brows))


def public_auto_run(series: list[dict]) -> Backtest:
    """The automatic rule's rolling-origin run on the real public series ``series`` (no hand
    rules): what :func:`calibrate` learns the probability map from and the basis of every plan
    check's leave-one-series-out calibration (saved, :mod:`analysis.io.cache`: the same for all)."""
    inputs = [p for p in config.public_dir().iterdir() if p.is_file()]
    return memo("national_run", lambda: run(series, methods=("auto",), baselines=False), inputs=inputs)


#: The factors :func:`public_window_run` computes its calls at: the first of :data:`GRID`, 1.0 to 3.0
#: (the automatic rule's factors are 1.05-1.4, learned with any one series left out 1.05-1.5).
WINDOW_GRID = 41


def window_series(series: list[dict], max_points: int = RECAL_SHORT_POINTS) -> tuple[list[dict], list[int]]:
    """Every real series cut to start at its 2nd, 3rd, ... point (as long as 2 known points and a
    later one remain), with the index of the series each part comes from: run with
    ``max_points``, its origins are the short histories (2 to ``max_points`` points) that end in
    every year, not only in a series' first years."""
    parts, parents = [], []
    for sid, s in enumerate(series):
        if not _is_real(s["source"]):
            continue
        for j in range(1, len(s["years"]) - FIRST_ORIGIN):
            parts.append({**s, "years": s["years"][j:], "values": s["values"][j:]})
            parents.append(sid)
    return parts, parents


def public_window_run(series: list[dict]) -> Backtest:
    """The automatic rule's calls from short histories at every period (:func:`window_series`) of
    the real public series ``series``: what the probability map's short-series term is learned
    from beside :func:`public_auto_run`'s calls (saved like it). Cases are numbered by the series
    they come from, and the prior of each is learned without that series."""
    inputs = [p for p in config.public_dir().iterdir() if p.is_file()]
    parts, parents = window_series(series)
    # the series passed are part of the key: a subset of the public series is another run
    digest = hashlib.sha256(json.dumps([[str(s["region"]), str(s["indicator_id"]), str(s["source"]),
                                         np.asarray(s["years"]).tolist(), np.asarray(s["values"], float).tolist()]
                                        for s in series]).encode()).hexdigest()
    return memo(f"window_run_{digest[:12]}", lambda: run(
        parts, methods=("auto",), baselines=False, max_points=RECAL_SHORT_POINTS, parents=parents,
        prior_series=series, n_grid=WINDOW_GRID), inputs=inputs, params=digest)


def _inside(f_le: np.ndarray, f_lt: np.ndarray, level: float) -> np.ndarray:
    """Realised value inside the central ``level`` interval: F(y) >= a and F(y-) < 1 - a."""
    a = (1.0 - level) / 2.0
    return (f_le >= a - 1e-12) & (f_lt < 1.0 - a)


def _learn(f_le: np.ndarray, f_lt: np.ndarray, horizon: np.ndarray) -> tuple[list[float], dict]:
    """Per-horizon factors from cases' (G,) CDF values at the realised value."""
    return _factors_from_counts(*_coverage_counts(f_le, f_lt, horizon))


def _coverage_counts(f_le: np.ndarray, f_lt: np.ndarray, horizon: np.ndarray,
                     group: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """How many cases there are per horizon bucket and how many of them fall inside each
    :data:`LEVELS` interval at each grid factor: ``n`` (B,) and ``k`` (B, L, G) counts, or, with
    ``group`` (an integer label per case, 0..M-1), ``n`` (M, B) and ``k`` (M, B, L, G) per group.
    Coverage is ``k / n``: counts add up, so a leave-one-group-out fit subtracts one group's."""
    labels = np.zeros(len(horizon), int) if group is None else np.asarray(group, int)
    m = int(labels.max()) + 1 if len(labels) else 1
    pos = {h: b for b, h in enumerate(HORIZONS)}
    hb = np.array([pos.get(str(h), -1) for h in horizon], int)          # -1: not a bucket (ignored)
    n = np.zeros((m, len(HORIZONS)), np.int64)
    k = np.zeros((m, len(HORIZONS), len(LEVELS), f_le.shape[1]), np.int64)
    np.add.at(n, (labels[hb >= 0], hb[hb >= 0]), 1)
    for li, L in enumerate(LEVELS):
        inside = _inside(f_le, f_lt, L)                                  # (cases, G)
        for b in range(len(HORIZONS)):
            sel = hb == b
            if sel.any():
                k[:, b, li] = np.stack([inside[sel & (labels == g)].sum(axis=0) for g in range(m)])
    return (n[0], k[0]) if group is None else (n, k)


def _factors_from_counts(n: np.ndarray, k: np.ndarray) -> tuple[list[float], dict]:
    """Per-horizon factors from coverage counts (:func:`_coverage_counts`): the grid factor
    whose 80 % and 95 % coverage is closest to nominal, never below a shorter horizon's; a
    bucket with fewer than :data:`MIN_CASES` cases takes the shorter horizon's factor."""
    factors, counts = [], {}
    prev = 1.0
    for b, hb in enumerate(HORIZONS):
        counts[hb] = int(n[b])
        if n[b] < MIN_CASES:
            factors.append(prev)
            continue
        loss = 0.0
        for li, L in enumerate(LEVELS):
            cov = k[b, li].astype(float) / n[b]                          # (G,)
            loss = loss + np.abs(cov - L)
        best = float(GRID[int(np.argmin(np.round(loss, 12)))])
        prev = max(prev, best)
        factors.append(prev)
    return factors, counts


def _real(cases: pd.DataFrame) -> np.ndarray:
    """Cases of the real public series with a call (not "insufficient data")."""
    real = cases["source"].isin(["china", "gansu"]).to_numpy()
    if "insufficient" in cases:
        real = real & ~cases["insufficient"].to_numpy(bool)
    return real


def _factor_index(factors: list[float], horizon: np.ndarray) -> np.ndarray:
    f = np.asarray(factors)
    idx = np.array([HORIZONS.index(h) for h in horizon])
    return np.searchsorted(GRID, np.round(f[idx], 2) - 1e-9)


def window_calls(wbt: Backtest, factors) -> dict:
    """The calls of :func:`public_window_run` as training rows of the probability map: ``series``
    (the series each comes from), ``P`` (cases, R) the probabilities ``P(Y >= ratio * y)`` with the
    calibration ``factors`` (one list for all, or ``{series: list}``), ``met``, and ``up``, ``h``,
    ``low``, ``short`` (:func:`~analysis.model.backtest_recalibration.recal_inputs`). Only the calls
    :func:`calibrate` learns from: real series, a call made, a positive outcome."""
    cases = wbt.cases
    sel = np.nonzero(_real(cases) & (cases["method"] == "auto").to_numpy() & (cases["actual"] > 0).to_numpy())[0]
    c = cases.iloc[sel]
    sid, hor = c["series"].to_numpy(), c["horizon"].to_numpy()
    gi = np.zeros(len(c), int)
    for k in (np.unique(sid) if isinstance(factors, dict) else [None]):
        rows = np.ones(len(c), bool) if k is None else sid == k
        gi[rows] = _factor_index(factors if k is None else factors[k], hor[rows])
    if gi.size and gi.max() >= wbt.f_lt.shape[1]:
        raise ValueError("a factor beyond the window run's grid: raise WINDOW_GRID")
    P = np.clip(1.0 - wbt.f_lt[sel, gi, 1:], 0.0, 1.0)
    up, h, low, short = recal_inputs(c)
    return dict(series=sid, P=P, met=np.broadcast_to(np.asarray(TARGET_RATIOS) <= 1.0, P.shape),
                up=up, h=h, low=low, short=short)


def calibrate(bt: Backtest | None = None, window: Backtest | None = None) -> dict:
    """Learn the per-method, per-horizon factors on the real public series.

    ``bt``: a run to learn from (default: the real public series'). ``window``: calls from short
    histories at every period (:func:`public_window_run`, the default with ``bt`` None) that the
    probability map learns from beside ``bt``'s.

    Returns the dict written to ``analysis/calibration.json``.
    """
    series = None
    if bt is None:
        series = series_list(public_series())
        # the automatic rule with its targets (the probability map is learned on them), shared
        # with the plan checks; the other methods at the realised value alone (their factors)
        runs = [public_auto_run(series),
                run(series, methods=[m for m in METHODS if m != "auto"], baselines=False, target_methods=())]
        window = public_window_run(series) if window is None else window
    else:
        runs = [bt]
    out = {"description": "Per-horizon factors multiplying the predictive scale, learned by "
                          "analysis.model.backtest.calibrate() on rolling-origin back-tests of the real "
                          "public series; horizons 1-5 years (5 also used beyond).",
           "horizons": list(HORIZONS), "levels": list(LEVELS),
           "grid": [float(GRID[0]), float(GRID[-1]), 0.05], "min_cases": MIN_CASES,
           "factors": {}, "n_cases": {}, "inputs": _input_hashes()}
    for m in METHODS:
        for bt in runs:
            cases = bt.cases
            sel = _real(cases) & (cases["method"] == m).to_numpy()
            if sel.any():
                f, counts = _learn(bt.f_le[sel, :, 0], bt.f_lt[sel, :, 0], cases.loc[sel, "horizon"].to_numpy())
                out["factors"][m] = f
                out["n_cases"][m] = counts
                break
    if series is None:
        series = series_list(public_series())
    out["priors"] = learn_priors(series_scales(series), PRIOR_NU0)
    out["priors"]["description"] = (
        "Pooled (empirical-Bayes) prior of the automatic rule, learned by "
        "analysis.model.backtest.learn_priors() on the real public series: per kind, the geometric "
        "mean of the series' yearly residual scales (drift: relative to the mean level; logdrift: log "
        "units), nu0 prior degrees of freedom chosen by select_prior() (nested leave-one-series-out).")
    bt = runs[0]                                   # the automatic rule's run (with its targets)
    cases = bt.cases
    sel = _real(cases) & (cases["method"] == "auto").to_numpy() & (cases["actual"] > 0).to_numpy()
    if sel.any() and "auto" in out["factors"]:
        gi = _factor_index(out["factors"]["auto"], cases.loc[sel, "horizon"].to_numpy())
        P = np.clip(1.0 - bt.f_lt[np.nonzero(sel)[0], gi, 1:], 0.0, 1.0)       # P(Y >= ratio * y)
        met = np.broadcast_to(np.asarray(TARGET_RATIOS) <= 1.0, P.shape)
        up, h, low, short = recal_inputs(cases[sel])
        n_window = 0
        if window is not None:
            w = window_calls(window, out["factors"]["auto"])
            n_window = int(w["P"].size)
            P, met, up, h, low, short = (np.concatenate([a, w[k]]) for a, k in (
                (P, "P"), (met, "met"), (up, "up"), (h, "h"), (low, "low"), (short, "short")))
        out["recalibration"] = {
            "terms": list(RECAL_SPEC), "coef": fit_recalibration(P, met, up, h, low, RECAL_SPEC, short),
            "n_calls": int(P.size), "n_window_calls": n_window,
            "description": "Map of the automatic rule's probability of meeting a target "
                           "(analysis.model.forecast_calibration.recalibrate: a shift of the log-odds that the "
                           "trend carries the indicator past the target), least squares on the real series' "
                           "back-test calls with the factors above and, for the short-series term, calls from "
                           "short histories ending in every year (public_window_run: n_window_calls of "
                           "n_calls); terms chosen by select_recalibration() (nested leave-one-series-out)."}
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
