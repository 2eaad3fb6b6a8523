"""Scoring the back-test: coverage, Brier score, accuracy, log score and confident wrong calls of
ours (calibration learned leaving the series out) and of the evaluators' hand rules on the same
calls; the reliability diagram and our worst calls.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.model.backtest_corpus import _is_real
from analysis.model.backtest_recalibration import RECAL_SPEC, loso_recalibrate
from analysis.model.backtest_run import (
    BASELINES, HORIZONS, LEVELS, METHODS, TARGET_RATIOS, Backtest, _coverage_counts, _factor_index,
    _factors_from_counts, _inside, _real, window_calls,
)

__all__ = [
    "CONFIDENT", "LOG_CLIP", "case_scores", "score", "COMPARED", "calls", "summarise_calls",
    "reliability", "worst_calls",
]

CONFIDENT = 0.9
#: Probabilities are clipped to [LOG_CLIP, 1 - LOG_CLIP] for the log score (a hand rule's 0/1
#: call would otherwise score minus infinity on its first miss); the same clip for every method.
LOG_CLIP = 0.01


def _loso_factor_lists(bt: Backtest, method: str) -> dict:
    """``{series: factors}``: for every series with cases of ``method``, the factors learned on the
    real series other than it."""
    cases = bt.cases
    sel_m = (cases["method"] == method).to_numpy()
    train = sel_m & _real(cases)
    # coverage counts per training series: each left-out fit is the total less its own counts
    codes, uniq = pd.factorize(cases.loc[train, "series"], sort=True)
    n_g, k_g = _coverage_counts(bt.f_le[train, :, 0], bt.f_lt[train, :, 0],
                                cases.loc[train, "horizon"].to_numpy(), group=codes)
    n_all, k_all = n_g.sum(axis=0), k_g.sum(axis=0)
    where = {sid: i for i, sid in enumerate(uniq)}
    out = {}
    for sid in np.unique(cases.loc[sel_m, "series"]):
        i = where.get(sid)
        n, k = (n_all, k_all) if i is None else (n_all - n_g[i], k_all - k_g[i])
        out[sid] = _factors_from_counts(n, k)[0]
    return out


def _loso_factors(bt: Backtest, method: str) -> np.ndarray:
    """Leave-one-series-out factor for every case of ``method`` (learned on real series)."""
    cases = bt.cases
    sel_m = (cases["method"] == method).to_numpy()
    out = np.full(len(cases), np.nan)
    series = cases["series"].to_numpy()
    for sid, f in _loso_factor_lists(bt, method).items():
        test = sel_m & (series == sid)
        out[test] = _factor_index(f, cases.loc[test, "horizon"].to_numpy())
    return out


def case_scores(bt: Backtest, calibration: dict, recal_terms: tuple[str, ...] = (),
                window: Backtest | None = None) -> pd.DataFrame:
    """Per-case scores: ``in80_/in95_`` (inside the interval), ``brier_``, ``acc_`` for the
    factors ``before`` (none), ``after`` (``calibration``) and ``after_cv`` (learned leaving
    the case's series out), and ``data`` (real, illustrative, user). ``recal_terms``: the
    automatic rule's ``after_cv`` probabilities are also recalibrated by a map with these terms
    learned on the other real series (:func:`~analysis.model.backtest_recalibration.loso_recalibrate`;
    ``()``: not recalibrated), and on their calls from short histories at every period in
    ``window`` (:func:`~analysis.model.backtest_run.public_window_run` of the same series list)."""
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
        if tag == "after_cv" and recal_terms:
            auto = (cases["method"] == "auto").to_numpy() & valid & ~insuff & np.isfinite(cases["point"].to_numpy(float))
            real = cases["source"].map(_is_real).to_numpy(bool)
            extra = window_calls(window, _loso_factor_lists(bt, "auto")) if window is not None else None
            p = loso_recalibrate(cases, p, np.broadcast_to(met, p.shape), auto & real, auto, tuple(recal_terms),
                                 extra=extra)
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


#: The methods compared in :func:`compare` (ours, then the evaluators' rules).
COMPARED: tuple[str, ...] = ("ours", "straight_line", "cagr", "ets")


def calls(bt: Backtest, calibration: dict | None = None, data: str = "real",
          recal_terms: tuple[str, ...] = RECAL_SPEC, window: Backtest | None = None) -> pd.DataFrame:
    """One row per (case, pseudo-target, method) on the ``data`` group: ``p`` (ours: the calibrated
    probability with factors and the probability map (``recal_terms``, ``()`` for none) learned
    leaving the series out, with ``window``'s short histories as :func:`case_scores` takes them;
    hand rules: the 0/1 call) and ``met``.

    Only cases where every compared method has a value are kept (the same calls for all).
    """
    cs = case_scores(bt, calibration or {"factors": {}}, recal_terms=recal_terms, window=window)
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
    have = out["p"].notna().groupby([out[k] for k in keys + ["ratio"]]).transform("all")
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
