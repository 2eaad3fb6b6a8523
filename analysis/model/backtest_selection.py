"""Choosing the automatic rule (:func:`select_auto`) and the pooled prior's strength
(:func:`select_prior`) by nested leave-one-series-out on the real series: the choice scored on a
series is made without it.
"""

from __future__ import annotations

import pandas as pd

from analysis.model import forecast as fc
from analysis.model.backtest_corpus import _is_real, public_series, series_list
from analysis.model.backtest_priors import PRIOR_GRID
from analysis.model.backtest_recalibration import RECAL_GRID
from analysis.model.backtest_run import WINDOW_GRID, run, window_series
from analysis.model.forecast_calibration import RECAL_SHORT_POINTS
from analysis.model.backtest_scoring import case_scores

__all__ = [
    "AUTO_SHORT", "AUTO_WEIGHTING", "AUTO_REGIMES", "select_auto", "select_prior", "select_recalibration",
    "KIND_WEIGHT_GRID", "select_kind_weights",
]

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
    per = {}
    for nu0 in grid:
        b = run(real_series, methods=("auto",), prior_nu0=nu0, baselines=False)
        cs = case_scores(b, {"factors": {}})
        per[nu0] = cs[cs["data"] == "real"]
    return _nested(per, "nu0")


def _nested(per: dict, name: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The table (one row per candidate ``per`` key, in a column ``name``) and the nested choice: for
    each series the candidate with the lowest Brier score on the *other* series, scored on it."""
    rows = []
    for key, cs in per.items():
        rows.append({name: key, "n": len(cs), "brier_cv": cs["brier_after_cv"].mean(),
                     "accuracy_cv": cs["acc_after_cv"].mean(), "log_score_cv": cs["log_after_cv"].mean(),
                     "confident_wrong": int(cs["cw_after_cv"].sum()),
                     "coverage_80_cv": cs["in80_after_cv"].mean(), "coverage_95_cv": cs["in95_after_cv"].mean()})
    table = pd.DataFrame(rows)
    ids = sorted(next(iter(per.values()))["series"].unique())
    nested, held = [], []
    for sid in ids:
        best = min(per, key=lambda k: (round(per[k].loc[per[k]["series"] != sid, "brier_after_cv"].mean(), 12), k))
        cs = per[best][per[best]["series"] == sid]
        held.append(cs)
        nested.append({"series": sid, "region": cs["region"].iloc[0], "indicator_id": cs["indicator_id"].iloc[0],
                       name: best, "n": len(cs), "brier_cv": cs["brier_after_cv"].mean(),
                       "accuracy_cv": cs["acc_after_cv"].mean()})
    allc = pd.concat(held)
    nested.append(dict(series="all", n=len(allc), brier_cv=allc["brier_after_cv"].mean(),
                       accuracy_cv=allc["acc_after_cv"].mean(), log_score_cv=allc["log_after_cv"].mean(),
                       confident_wrong=int(allc["cw_after_cv"].sum()),
                       coverage_80_cv=allc["in80_after_cv"].mean(), coverage_95_cv=allc["in95_after_cv"].mean()))
    return table, pd.DataFrame(nested)


def select_recalibration(series: list[dict] | None = None, grid=RECAL_GRID) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Choose the terms of the probability map by nested leave-one-series-out on the real series.

    For each entry of ``grid`` (terms of :func:`~analysis.model.forecast_calibration.recalibrate`;
    ``()``: no map): the rolling-origin back-test of the automatic rule (prior, calibration factors
    and the map learned leaving the case's series out). Then, for each real series, the entry with
    the lowest Brier score on the *other* real series is chosen and scored on the held-out series.
    Each map also learns from the other series' short histories ending in every year
    (:func:`~analysis.model.backtest_run.window_series`), as :func:`~analysis.model.backtest_run.calibrate` does.
    The rule is kept only if the nested figure improves the Brier score and the log score without
    more confident wrong calls than ``()``.

    Returns
    -------
    (table, nested) : DataFrames
        As :func:`select_prior`, with ``terms`` for ``nu0``.
    """
    if series is None:
        series = series_list(public_series())
    real_series = [x for x in series if _is_real(x["source"])]
    b = run(real_series, methods=("auto",), baselines=False)
    # the map also learns from the short histories ending in every year (as calibrate() does)
    parts, parents = window_series(real_series)
    wb = run(parts, methods=("auto",), baselines=False, max_points=RECAL_SHORT_POINTS, parents=parents,
             prior_series=real_series, n_grid=WINDOW_GRID)
    per = {}
    for terms in grid:
        cs = case_scores(b, {"factors": {}}, recal_terms=tuple(terms), window=wb)
        per[tuple(terms)] = cs[cs["data"] == "real"]
    return _nested(per, "terms")


#: Weights of ``logdrift`` (against ``drift``) compared per kind of indicator by
#: :func:`select_kind_weights` (0.5: the equal-weight rule).
KIND_WEIGHT_GRID: tuple[float, ...] = (0.2, 0.35, 0.5, 0.65, 0.8)


def select_kind_weights(series: list[dict] | None = None, grid=KIND_WEIGHT_GRID) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Weights between the additive and the multiplicative drift learned per kind of indicator, by
    nested leave-one-series-out: for each real series the weight with the lowest Brier score on the
    *other* series of its kind (all the other series for a kind with one series; ties: the one
    nearer 0.5) is scored on it.

    Returns
    -------
    (table, nested) : DataFrames
        ``table``: one row per weight (the same weight for every kind; its scores overall and per
        kind). ``nested``: one row per held-out series (kind, weight chosen) plus an ``all`` row.
    """
    if series is None:
        series = series_list(public_series())
    real_series = [x for x in series if _is_real(x["source"])]
    per, rows = {}, []
    for w in grid:
        with _auto_config(regime="prior", temper=1.0, prior={k: w for k in fc.KINDS}):
            b = run(real_series, methods=("auto",), baselines=False)
        cs = case_scores(b, {"factors": {}})
        per[w] = cs = cs[cs["data"] == "real"]
        row = {"weight_logdrift": w, "n": len(cs), "brier_cv": cs["brier_after_cv"].mean(),
               "log_score_cv": cs["log_after_cv"].mean(), "confident_wrong": int(cs["cw_after_cv"].sum())}
        row.update({f"brier_{k}": v for k, v in cs.groupby("kind")["brier_after_cv"].mean().items()})
        rows.append(row)
    base = next(iter(per.values()))
    nested, held = [], []
    for sid in sorted(base["series"].unique()):
        kind = base.loc[base["series"] == sid, "kind"].iloc[0]
        others = (base["series"] != sid) & (base["kind"] == kind)
        if not others.any():                       # the only series of its kind: learn on all the others
            others = base["series"] != sid
        best = min(per, key=lambda w: (round(per[w].loc[others.to_numpy(), "brier_after_cv"].mean(), 12),
                                       abs(w - 0.5)))
        cs = per[best][per[best]["series"] == sid]
        held.append(cs)
        nested.append({"series": sid, "kind": kind, "weight_logdrift": best, "n": len(cs),
                       "brier_cv": cs["brier_after_cv"].mean()})
    allc = pd.concat(held)
    nested.append({"series": "all", "n": len(allc), "brier_cv": allc["brier_after_cv"].mean(),
                   "accuracy_cv": allc["acc_after_cv"].mean(), "log_score_cv": allc["log_after_cv"].mean(),
                   "confident_wrong": int(allc["cw_after_cv"].sum())})
    return pd.DataFrame(rows), pd.DataFrame(nested)
