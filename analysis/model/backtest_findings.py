"""What notebook 06 says about the back-test, as numbers: the notebook only puts them into words.

* :func:`method_scores`: ours and the two hand rules side by side, on the pooled back-test and on
  the national-plan check (Brier score, accuracy, number of calls).
* :func:`national_scores`: the national check's summary by method key (``ours``,
  ``straight_line``, ``cagr``), with the confident wrong calls.
* :func:`beats_hand_rules`: whether ours beats every hand rule on the given measures.
* :func:`hand_rule_verdict`: ours against the two hand rules on one set of calls, as the issue judges it;
  :func:`set_verdicts`: that for every plan set, on the calls made 1-3 years ahead.
* :func:`well_calibrated`: whether the calibrated intervals' coverage is close to nominal.
* :func:`plans_cagr_did_better`: the national plans on which compound growth beat ours.
* :func:`lost_to_compound_growth`: the national calls we got wrong and compound growth got right,
  and the numbers that explain them (:class:`LostCalls`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

import numpy as np
import pandas as pd

from analysis.model.backtest_corpus import public_series
from analysis.model.backtest_national import NATIONAL_REGION, national_summary

__all__ = ["COMPARED_METHODS", "CALIBRATION_TOLERANCE", "BRIER_GOAL", "method_scores", "national_scores",
           "beats_hand_rules", "hand_rule_verdict", "set_verdicts",
           "well_calibrated", "plans_cagr_did_better", "LostCalls", "lost_to_compound_growth"]

#: The methods compared: key -> (method in the back-test table, method in the national summary).
COMPARED_METHODS: dict[str, tuple[str, str]] = {
    "ours": ("auto", "ours (auto, calibrated)"), "straight_line": ("straight_line", "straight_line"),
    "cagr": ("cagr", "cagr")}
#: Calibrated coverage within this of the nominal 80 % and 95 % counts as well calibrated.
CALIBRATION_TOLERANCE = 0.05
#: Lower is better for these measures (higher for the others).
_LOWER_IS_BETTER = {"brier"}


def national_scores(national: pd.DataFrame) -> pd.DataFrame:
    """The national check's summary indexed by method key (``ours``, ``straight_line``, ``cagr``).

    Parameters
    ----------
    national : DataFrame
        :func:`~analysis.model.backtest_national.national_summary` (one row per method).

    Returns
    -------
    DataFrame
        Its rows for the :data:`COMPARED_METHODS`, in that order, indexed by the key
        (``n``, ``accuracy``, ``brier``, ``log_score``, ``confident_wrong``).
    """
    nat = national.set_index("method")
    keys = [k for k, (_, m) in COMPARED_METHODS.items() if m in nat.index]
    out = nat.loc[[COMPARED_METHODS[k][1] for k in keys]]
    out.index = pd.Index(keys, name="method")
    return out


def method_scores(table: pd.DataFrame, national: pd.DataFrame | None = None) -> pd.DataFrame:
    """Ours and the hand rules on the pooled back-test and on the national-plan check.

    Parameters
    ----------
    table : DataFrame
        :func:`~analysis.model.backtest_scoring.score`: the pooled rows are the real data's,
        horizon ``all`` (leave-one-series-out Brier score and accuracy).
    national : DataFrame, optional
        :func:`~analysis.model.backtest_national.national_summary`; without it only the
        pooled rows.

    Returns
    -------
    DataFrame
        ``method`` (a key of :data:`COMPARED_METHODS`), ``check`` (``pooled`` or
        ``national``), ``n``, ``brier``, ``accuracy``: one row per check and method.
    """
    rows = []
    pooled = table.loc[(table["data"] == "real") & (table["horizon"] == "all")].set_index("method")
    for key, (m, _) in COMPARED_METHODS.items():
        if m in pooled.index:
            r = pooled.loc[m]
            rows.append((key, "pooled", int(r["n"]), r["brier_after_cv"], r["accuracy_cv"]))
    if national is not None:
        for key, r in national_scores(national).iterrows():
            rows.append((key, "national", int(r["n"]), r["brier"], r["accuracy"]))
    return pd.DataFrame(rows, columns=["method", "check", "n", "brier", "accuracy"])


def beats_hand_rules(scores: pd.DataFrame, measures=("brier",)) -> bool:
    """Whether ours is strictly better than every hand rule on every one of ``measures``.

    Parameters
    ----------
    scores : DataFrame
        Indexed by method key (``ours`` and the hand rules), a column per measure: one check
        of :func:`method_scores` indexed by ``method``, or :func:`national_scores`.
    measures : sequence of str
        Columns; ``brier`` is better lower, the others (``accuracy``) higher.

    Returns
    -------
    bool
        False when ours or every hand rule is missing.
    """
    if "ours" not in scores.index or len(scores.index) < 2:
        return False
    ours, others = scores.loc["ours"], scores.drop(index="ours")
    for m in measures:
        better = ours[m] < others[m] if m in _LOWER_IS_BETTER else ours[m] > others[m]
        if not bool(np.all(better)):
            return False
    return True


#: The issue's goal for the Brier score of a held-out set's calls (issue 16: "0.12 or lower on each").
BRIER_GOAL = 0.12


def hand_rule_verdict(summary: pd.DataFrame) -> dict | None:
    """Ours against the two hand rules on one set of calls, as the issue judges a held-out set.

    Parameters
    ----------
    summary : DataFrame
        :func:`~analysis.model.backtest_national.national_summary` of the calls.

    Returns
    -------
    dict or None
        ``n`` (scored calls), ``brier``, ``accuracy``, ``confident_wrong`` (ours), ``rules`` (``{key: (brier, accuracy)}`` for
        ``straight_line`` and ``cagr``), ``brier_best`` (strictly lower than both rules), ``accuracy_vs``
        (``"above"`` both, ``"tied"`` with the better, ``"below"`` it), ``brier_goal`` (at most
        :data:`BRIER_GOAL`) and ``bar`` (all of: Brier best, accuracy above both, no confident wrong call).
        None when ours or a rule made no scored call.
    """
    sc = national_scores(summary) if "method" in summary.columns else summary
    if not {"ours", "straight_line", "cagr"} <= set(sc.index) or (sc["n"].fillna(0) <= 0).any():
        return None
    ours, rules = sc.loc["ours"], sc.drop(index="ours")
    best_acc = float(rules["accuracy"].max())
    acc = float(ours["accuracy"])
    vs = "above" if acc > best_acc + 1e-12 else ("tied" if abs(acc - best_acc) <= 1e-12 else "below")
    brier_best = bool(float(ours["brier"]) < float(rules["brier"].min()))
    cw = int(ours["confident_wrong"])
    return dict(n=int(ours["n"]), brier=float(ours["brier"]), accuracy=acc, confident_wrong=cw,
                rules={k: (float(r["brier"]), float(r["accuracy"])) for k, r in rules.iterrows()},
                brier_best=brier_best, accuracy_vs=vs, brier_goal=bool(float(ours["brier"]) <= BRIER_GOAL),
                bar=brier_best and vs == "above" and cw == 0)


def set_verdicts(check: pd.DataFrame, years_ahead=(1, 2, 3)) -> pd.DataFrame:
    """:func:`hand_rule_verdict` of every plan set in ``check`` (a ``plan`` column), on its calls made
    ``years_ahead`` years before the deadline (the issue's held-out calls).

    Returns
    -------
    DataFrame
        One row per plan (in the order of ``check``): ``plan, n, accuracy, brier, confident_wrong`` (ours),
        ``rule_accuracy`` and ``rule_brier`` (the better rule's on each), ``verdict`` (``beats``: both
        scores better than both rules'; ``ties``: Brier better, accuracy level with the better rule's;
        ``behind``), ``brier_goal`` (at most :data:`BRIER_GOAL`) and ``bar`` (beats, no confident wrong call).
    """
    h = pd.to_numeric(check["deadline"]) - pd.to_numeric(check["as_of"])
    rows = []
    for plan, g in check[h.isin(list(years_ahead))].groupby("plan", sort=False):
        v = hand_rule_verdict(national_summary(g))
        if v is None:
            continue
        verdict = "beats" if v["brier_best"] and v["accuracy_vs"] == "above" else (
            "ties" if v["brier_best"] and v["accuracy_vs"] == "tied" else "behind")
        rows.append(dict(plan=plan, n=v["n"], accuracy=v["accuracy"], brier=v["brier"], confident_wrong=v["confident_wrong"],
                         rule_accuracy=max(a for _, a in v["rules"].values()),
                         rule_brier=min(b for b, _ in v["rules"].values()), verdict=verdict,
                         brier_goal=v["brier_goal"], bar=v["bar"]))
    return pd.DataFrame(rows, columns=["plan", "n", "accuracy", "brier", "confident_wrong", "rule_accuracy",
                                       "rule_brier", "verdict", "brier_goal", "bar"])


def well_calibrated(pooled: Mapping, tolerance: float = CALIBRATION_TOLERANCE) -> bool:
    """Whether the calibrated (leave-one-series-out) coverage is within ``tolerance`` of nominal.

    Parameters
    ----------
    pooled : mapping
        A row of the back-test table with ``coverage_80_after_cv`` and ``coverage_95_after_cv``.
    tolerance : float
        Allowed distance from 0.80 and 0.95 (default :data:`CALIBRATION_TOLERANCE`).
    """
    off = max(abs(pooled["coverage_80_after_cv"] - 0.80), abs(pooled["coverage_95_after_cv"] - 0.95))
    return bool(off <= tolerance)


def plans_cagr_did_better(check: pd.DataFrame) -> pd.DataFrame:
    """The national plans on which compound growth beat ours on accuracy or on the Brier score.

    Parameters
    ----------
    check : DataFrame
        :func:`~analysis.model.backtest_national.national_plan_check`.

    Returns
    -------
    DataFrame
        ``plan``, ``ours_accuracy``, ``ours_brier``, ``cagr_accuracy``, ``cagr_brier``: one
        row per such plan, in the check's order (empty when there is none).
    """
    cols = ["plan", "ours_accuracy", "ours_brier", "cagr_accuracy", "cagr_brier"]
    if check.empty or "plan" not in check:
        return pd.DataFrame(columns=cols)
    by_plan = national_summary(check, by_plan=True)
    rows = []
    for plan, g in by_plan.loc[by_plan["plan"] != "all"].groupby("plan", sort=False):
        s = national_scores(g.drop(columns="plan"))
        if not {"ours", "cagr"} <= set(s.index):
            continue
        o, c = s.loc["ours"], s.loc["cagr"]
        if c["brier"] < o["brier"] or c["accuracy"] > o["accuracy"]:
            rows.append((plan, o["accuracy"], o["brier"], c["accuracy"], c["brier"]))
    return pd.DataFrame(rows, columns=cols)


@dataclass(frozen=True)
class LostCalls:
    """The national calls we got wrong and compound growth got right, on the indicator with most.

    Attributes
    ----------
    n_lost : int
        All such calls (every indicator; a target in two plans counted once).
    indicator_id, unit, comparator : str
        The indicator with the most of them, and its target's unit and comparator.
    name_zh, name_en : str
        The indicator's name in the plan's catalogue (its id where the check has no names).
    n : int
        Such calls on that indicator.
    target, actual : float
        Its target and the outcome at the deadline.
    deadline : int
    met : bool
        Whether the target was met.
    probs : Series
        Our probability of meeting it, by as-of year (the lost calls).
    first_year, last_year : int
        The four years before (and including) the last lost as-of year.
    growth_before : float
        Mean growth in % a year over ``first_year``-``last_year`` (each year on the one before).
    growth_after : Series
        Growth in % by year, from the year after ``last_year`` to the deadline.
    ours_forecast, cagr_forecast : float
        Our point forecast and the compound-growth forecast for the deadline, averaged over the
        lost calls.
    mean_prob : float
        Our probability, averaged over the lost calls.
    """

    n_lost: int
    indicator_id: str
    name_zh: str
    name_en: str
    n: int
    target: float
    unit: str
    comparator: str
    deadline: int
    actual: float
    met: bool
    probs: pd.Series
    first_year: int
    last_year: int
    growth_before: float
    growth_after: pd.Series
    ours_forecast: float
    cagr_forecast: float
    mean_prob: float

    @property
    def faster_than_trend(self) -> bool:
        """The target (``>=``) was met after growth sped up beyond its earlier pace: compound
        growth's line was above ours and called it right (the notebook's explanation)."""
        return bool(self.met and self.comparator == ">=" and len(self.growth_after)
                    and self.growth_after.mean() > self.growth_before)


def lost_to_compound_growth(check: pd.DataFrame, public: pd.DataFrame | None = None) -> LostCalls | None:
    """The national calls we got wrong and compound growth got right, and the numbers behind them.

    A call is ours right when ``prob >= 0.5`` agrees with the outcome, compound growth's when its
    0/1 call does; calls without an outcome or without our probability are left out, and a
    target in two plans (same indicator, value, comparator, as-of year) counts once.

    Parameters
    ----------
    check : DataFrame
        :func:`~analysis.model.backtest_national.national_plan_check`.
    public : DataFrame, optional
        The real public series (``region``, ``indicator_id``, ``year``, ``value``) for the
        growth rates; default :func:`~analysis.model.backtest_corpus.public_series`, the series
        the check called from. Several values a year are averaged.

    Returns
    -------
    LostCalls or None
        For the indicator with most such calls; None when there are none.
    """
    sc = check.drop_duplicates(["indicator_id", "target", "comparator", "as_of"])
    sc = sc.loc[sc["met"].notna() & sc["prob"].notna()]
    met = sc["met"].astype(bool)
    ours_right = (sc["prob"] >= 0.5) == met
    cagr_right = (sc["cagr_call"] == 1) == met
    lost = sc.loc[~ours_right & cagr_right]
    if lost.empty:
        return None
    ind = lost["indicator_id"].value_counts().index[0]
    li = lost.loc[lost["indicator_id"] == ind]
    pub = public_series() if public is None else public
    s = pub.loc[(pub["region"] == NATIONAL_REGION) & (pub["indicator_id"] == ind)]
    s = s.groupby("year")["value"].mean().sort_index()
    growth = s.pct_change() * 100
    last = int(li["as_of"].max())
    first = li.iloc[0]
    deadline = int(first["deadline"])
    return LostCalls(
        n_lost=len(lost), indicator_id=str(ind), name_zh=str(first.get("name_zh", ind)),
        name_en=str(first.get("name_en", ind)), n=len(li), target=float(first["target"]),
        unit=str(first["unit"]), comparator=str(first["comparator"]), deadline=deadline,
        actual=float(first["actual"]), met=bool(first["met"]),
        probs=pd.Series(li["prob"].to_numpy(float), index=li["as_of"].astype(int).to_numpy(), name="prob"),
        first_year=last - 3, last_year=last, growth_before=float(growth.loc[last - 3:last].mean()),
        growth_after=growth.loc[last + 1:deadline], ours_forecast=float(li["forecast"].mean()),
        cagr_forecast=float(li["cagr_forecast"].mean()), mean_prob=float(li["prob"].mean()))
